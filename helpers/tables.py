"""Tables in Chinese: the DataFrames a zh notebook displays, shown with Chinese labels and values.

The notebooks build their tables in English (column labels such as 'qualifier', values such as
'at_least', fact ids, indicator_en) and the stored outputs, which strict nbval compares, are
English. A Chinese reader should not meet them. So, without touching the notebooks, `setup(lang=
"zh")` calls `register_display` and IPython shows every DataFrame and Series through
`translate_frame`: a Chinese copy of what would be shown.

In both languages a DataFrame's HTML is the page's table (`prepare_frame`, then `frame_html`,
once for every notebook): no 0, 1, 2 … index column and no row numbers; a named index as the
first column with its name on the one header row; text left-aligned, numbers right-aligned;
no <NA>, NaN, None, True or False (a dash; yes/no, 是/否); thousands separators in English
only (1,020; 1020); a derived row's `exact` qualifier as "worked out" (推算: 确数 is for printed
figures only; a printed figure beside derived ones keeps its own, `_printed_rows`); and on a zh page no amount in yuan (`_without_yuan`).

What the copy changes, and nothing else:
- column and index labels (and their names) and string cell values, through the gettext catalog
  of table terms, notebooks/locale/zh_CN/LC_MESSAGES/tables.po (msgid the English, msgstr the
  Chinese; only translated, non-fuzzy messages are used), completed by the glossary
  (data/glossary.csv: term_en -> term_zh), each fact's own names (indicator_en ->
  indicator_zh) and the sentences the data gives in both languages: the audit's text columns
  (compared -> compared_zh, ... of data/processed/audit.csv), the reasons of
  data/not_figures.csv (reason -> reason_zh) and the facts' notes (notes -> notes_zh), so a
  table that selects the English column shows the Chinese one;
- a fact id (a label or value that is an id of data/facts.csv) becomes the fact's indicator_zh;
- indicator_en (label_en) is dropped where indicator_zh (label_zh) is shown too, and so is any
  column X where X_zh is shown (the audit's note beside note_zh), a column of fact
  ids (id, fact) where an indicator column is shown (the names would only repeat it), and a
  column that gives another's English rendering ("English", "in English", "... (English)"): a
  Chinese reader has the Chinese beside it; and a column of amounts in yuan where the same
  amounts are shown in 万元 (the release prints 万元 and 亿元);
- an open upper end (inf in a float column, a strict reading of 余) reads 无上限.
A string with no translation stays as it is; `missing_terms` lists such strings (the tests hold
the catalog to every label of the stored outputs). Styler is not handled: no notebook uses it.

`python -m helpers.tables refresh` adds to the catalog every label of the notebooks' stored outputs
and the vocabularies of helpers.facts and helpers.audit (keeping existing translations); `status`
prints what is left untranslated.
"""

from __future__ import annotations

import argparse
import csv
import html
import io
import json
import math
import re
import sys
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from helpers.audit import TEXT_COLUMNS, ZH_SUFFIX  # a column X_zh: the Chinese of column X
from helpers.i18n import new_catalog
from helpers.paths import (
    AUDIT,
    FACTS,
    GLOSSARY,
    NOT_FIGURES,
    NOTEBOOKS_DIR,
    notebook_paths,
    write_bytes_atomic,
)

CATALOG = NOTEBOOKS_DIR / "locale" / "zh_CN" / "LC_MESSAGES" / "tables.po"
ID_COLUMNS = ("id", "fact")
INDICATOR_COLUMNS = ("indicator_zh", "indicator", "label_zh")
ENGLISH_COLUMNS = ("English", "in English")
# Amounts in yuan beside the same amounts in 万元: a Chinese reader reads 万元 and 亿元, as the
# release prints them, so the yuan column is dropped where a 万元 one is shown.
YUAN_COLUMN = "yuan"
WAN_COLUMNS = ("万元", "in 万元")
_LATIN = re.compile(r"[A-Za-z]")
# A fixed date in the header, as in the notebooks' catalogs: the file changes only with a message.
_HEADER = (
    "# Chinese terms of the notebooks' tables (column labels, vocabularies, short values).\n"
    "# Collected by `python -m helpers.tables refresh`; used by helpers.tables in zh.\n"
    "# This file is distributed under the same license as the project (MIT).\n#"
)


# ---------------------------------------------------------------------------------------------
# the terms


def read_catalog(path: Path = CATALOG):
    """The table-terms catalog (a babel Catalog), or None if there is none yet."""
    from babel.messages.pofile import read_po

    if not path.exists():
        return None
    with open(path, "rb") as handle:
        return read_po(handle, locale="zh_CN", abort_invalid=True)


@cache
def fact_names() -> dict[str, str]:
    """Fact id -> indicator_zh, from data/facts.csv."""
    with FACTS.open(encoding="utf-8", newline="") as handle:
        return {row["id"]: row["indicator_zh"] for row in csv.DictReader(handle)}


def _pairs(path: Path, pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """English -> Chinese from the (English column, Chinese column) pairs of a CSV file, the later
    row winning (a missing file gives nothing: a fresh checkout before `make data`)."""
    if not path.exists():
        return {}
    found: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for en, zh in pairs:
                if row.get(en) and row.get(zh):
                    found[row[en]] = row[zh]
    return found


@cache
def project_terms() -> dict[str, str]:
    """English -> Chinese that the project's data already gives: the glossary's terms, the facts'
    indicator names and notes, the audit's sentences and the reasons of not_figures.csv (the
    catalog does not repeat them: one place for each term)."""
    found: dict[str, str] = {}
    found |= _pairs(GLOSSARY, [("term_en", "term_zh")])
    found |= _pairs(FACTS, [("indicator_en", "indicator_zh")])
    found |= _pairs(AUDIT, [(c, c + ZH_SUFFIX) for c in TEXT_COLUMNS])
    found |= _pairs(NOT_FIGURES, [("reason", "reason_zh")])
    found |= _pairs(FACTS, [("notes", "notes_zh")])
    return found


@cache
def terms(path: Path = CATALOG) -> dict[str, str]:
    """English -> Chinese for tables: `project_terms`, then the catalog (which wins: it is where
    a translator corrects a table's wording)."""
    found = dict(project_terms())
    catalog = read_catalog(path)
    if catalog is not None:
        found |= {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}
    return found


YES_NO = {True: "是", False: "否"}  # a True/False cell: a Chinese reader reads 是/否, not Python


def translate_text(value: Any) -> Any:
    """The Chinese of one label or cell value (True/False as 是/否); anything else (numbers,
    unknown text) as it is."""
    if type(value).__name__ in ("bool", "bool_"):  # Python's and numpy's booleans
        return YES_NO[bool(value)]
    if not isinstance(value, str):
        return value
    if value in fact_names():
        return fact_names()[value]
    return terms().get(value, value)


def _needs_translation(value: Any) -> bool:
    return isinstance(value, str) and bool(_LATIN.search(value)) and translate_text(value) == value


# ---------------------------------------------------------------------------------------------
# frames


def _index(index: Any) -> Any:
    import pandas as pd

    if isinstance(index, pd.MultiIndex):
        return index.set_levels([_index(level) for level in index.levels]).set_names(
            [translate_text(name) for name in index.names]
        )
    if index.dtype == object or isinstance(index.dtype, pd.StringDtype):
        return pd.Index(
            [translate_text(v) for v in index], name=translate_text(index.name), dtype=index.dtype
        )
    return index.rename(translate_text(index.name))


def _values(series: Any) -> Any:
    import pandas as pd

    if isinstance(series.dtype, pd.CategoricalDtype):
        new = [translate_text(c) for c in series.cat.categories]
        return series.cat.rename_categories(new) if len(set(new)) == len(new) else series
    if series.dtype == object or isinstance(series.dtype, pd.StringDtype):
        return series.map(translate_text)
    if pd.api.types.is_bool_dtype(series.dtype):
        return series.map(translate_text).astype(object)
    if pd.api.types.is_float_dtype(series.dtype) and (series == math.inf).any():
        # an open upper end (a strict reading of 余) is said in words, not as `inf`
        no_upper_end = translate_text("no upper end")
        return series.astype(object).where(series != math.inf, no_upper_end)
    return series


def _dropped(columns: Iterable[Any]) -> list[Any]:
    """Columns that only repeat what the Chinese copy shows in another column."""
    names = set(columns)
    drop = []
    if "indicator_en" in names and "indicator_zh" in names:
        drop.append("indicator_en")
    if "label_en" in names and "label_zh" in names:
        drop.append("label_en")
    drop += [
        c for c in columns if isinstance(c, str) and c not in drop and f"{c}{ZH_SUFFIX}" in names
    ]  # note beside note_zh, reason beside reason_zh
    if names & set(INDICATOR_COLUMNS):
        drop += [c for c in ID_COLUMNS if c in names]
    if YUAN_COLUMN in names and names & set(WAN_COLUMNS):
        drop.append(YUAN_COLUMN)
    # a column that only gives another one's English rendering ("in English", "tier (English)")
    drop += [
        c
        for c in columns
        if isinstance(c, str)
        and c not in drop
        and (c in ENGLISH_COLUMNS or c.endswith("(English)"))
    ]
    return drop


def translate_frame(frame: Any) -> Any:
    """A Chinese copy of a DataFrame or Series (see the module docstring); the argument is left
    as it is."""
    import pandas as pd

    if isinstance(frame, pd.Series):
        copy = _values(frame)
        copy = copy.copy() if copy is frame else copy
        copy.index = _index(frame.index)
        return copy.rename(translate_text(frame.name))
    drop = [c for c in _dropped(frame.columns) if isinstance(frame.columns, pd.Index)]
    copy = frame.drop(columns=drop) if drop else frame.copy()
    for position in range(copy.shape[1]):
        column = copy.iloc[:, position]
        new = _values(column)
        if new is not column:
            copy.isetitem(position, new)
    copy.columns = _index(copy.columns)
    copy.index = _index(copy.index)
    return copy


def missing_terms(frame: Any) -> list[str]:
    """The English strings a frame shows (labels, names, string values) that have no Chinese,
    sorted, each once: what the catalog still lacks for it."""
    import pandas as pd

    shown: set[Any] = set()
    indexes = [frame.index] if isinstance(frame, pd.Series) else [frame.index, frame.columns]
    for index in indexes:
        shown |= set(index.names)
        for level in index.levels if isinstance(index, pd.MultiIndex) else [index]:
            shown |= set(level)
    if isinstance(frame, pd.Series):
        shown.add(frame.name)
        columns = [frame]
    else:
        columns = [frame[c] for c in frame.columns if c not in _dropped(frame.columns)]
    for column in columns:
        if column.dtype == object or isinstance(column.dtype, pd.CategoricalDtype | pd.StringDtype):
            shown |= set(column.dropna())
    return sorted(v for v in shown if _needs_translation(v))


# ---------------------------------------------------------------------------------------------
# what a page shows: the frame prepared, then its HTML (both languages)

# A derived figure's qualifier: `exact` on a derived row means "within rounding of the working",
# not a printed figure (确数 is only for those: data/glossary.csv); such a row says 推算.
DERIVED_QUALIFIER = "worked out"
WORKING_COLUMNS = ("working", "formula")
# Columns of amounts in yuan (zh pages show 万元 and 亿元 only, as the release prints them).
_YUAN_NAME = re.compile(r"^(?:yuan|in yuan|.*\(yuan\))$", re.IGNORECASE)
# A unit conversion's row: "1万元" as a row label, or "8,500 万元 = 85,000,000 yuan".
_UNIT_ROW = re.compile(r"^1\s?(?:万|亿)元$|(?:万元|亿元)\s*=\s*[\d,]+\s*(?:yuan|元)$")
# A number of yuan in a working (every amount of the release is at least 2,900,000 yuan; its
# counts are far below a million): shown in 万元 or 亿元 on a zh page.
_BIG_NUMBER = re.compile(
    r"(?<![\d.,])\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?(?![\d,])|(?<![\d.,])\d{7,}(?![\d.,])"
)
# "≈ 64" as a prefix (not an operator between two spaced operands, "100 ≈ 65.4"): ≈64 in zh.
_APPROX = re.compile(r"(?<![ \t])≈ (?=[\d约])")
# A thousands separator between digits (1,020 -> 1020 on a zh page).
_SEPARATOR = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
CROSSTAB_MARK = {"en": " \\ ", "zh": "＼"}  # a crosstab's first header: rows \ columns
MISSING = "—"  # a cell with no value: a dash, never <NA>, NaN or None
YES_NO_EN = {True: "yes", False: "no"}
SHORT_CELL = 12  # a cell this short never wraps (确数, 未说明 stay on one line)
_NUMERIC_TEXT = re.compile(r"^[≈≥≤约+\-−]?\s?[\d,]+(?:\.\d+)?\s?%?$")


# A working that computes something (50.84 − 2.76 = 48.08, 8500万 ÷ 37): a printed figure's
# working is the figure alone (6.15, 2,000).
_OPERATION = re.compile(r"[=×÷/*+−]|\s-\s")


def _printed_rows(frame: Any) -> Any:
    """Which rows of `frame` are figures the release prints: the row's id (an `id`/`fact`
    column, or the index) is a fact id of data/facts.csv (printed growth rates among them), or
    its working is the figure alone, with no operation."""
    import pandas as pd

    facts = fact_names()
    printed = pd.Series(False, index=frame.index)
    for column in [c for c in ID_COLUMNS if c in frame.columns]:
        printed |= frame[column].map(lambda v: isinstance(v, str) and v in facts).astype(bool)
    if not isinstance(frame.index, pd.MultiIndex):
        in_facts = [isinstance(v, str) and v in facts for v in frame.index]
        printed |= pd.Series(in_facts, index=frame.index)
    for column in [c for c in WORKING_COLUMNS if c in frame.columns]:
        plain = frame[column].map(lambda v: isinstance(v, str) and not _OPERATION.search(v))
        printed |= plain.astype(bool)
    return printed


def _mark_derived(frame: Any) -> Any:
    """`frame` with the qualifier of its derived rows saying so: `exact` becomes "worked out"
    (推算) on a row the frame shows a working for (helpers.derive's records) or whose kind is
    "derived" (or whose `derived` column is true), and "approximate" (约数) where its kind is.
    A figure the release prints keeps its own qualifier (确数, 下限 …) in a table of derived
    figures: its id is a fact's, or its working is the figure alone (`_printed_rows`)."""
    if "qualifier" not in frame.columns:
        return frame
    import pandas as pd

    derived = pd.Series(bool(set(WORKING_COLUMNS) & set(frame.columns)), index=frame.index)
    derived &= ~_printed_rows(frame)
    if "kind" in frame.columns:
        derived |= frame["kind"].astype(object).eq("derived")
    if "derived" in frame.columns and pd.api.types.is_bool_dtype(frame["derived"].dtype):
        derived |= frame["derived"].astype(bool)
    exact = frame["qualifier"].astype(object).eq("exact")
    approximate = (
        exact & frame["kind"].astype(object).eq("approximate") if "kind" in frame else None
    )
    if not (exact & derived).any() and (approximate is None or not approximate.any()):
        return frame
    frame = frame.copy()
    qualifier = frame["qualifier"].astype(object).where(~(exact & derived), DERIVED_QUALIFIER)
    if approximate is not None:  # a figure another source gives as 约: not 确数 either
        qualifier = qualifier.where(~approximate, "approximate")
    frame["qualifier"] = qualifier
    return frame


def _yuan_amount(match: re.Match[str]) -> str:
    from helpers.formatting import fmt_amount

    return fmt_amount(float(match.group(0).replace(",", "")), "zh")


def _without_yuan(frame: Any) -> Any:
    """A zh page's copy of `frame` without amounts in yuan (None: the whole table is a unit
    conversion, or amounts in yuan that the next table gives in 万元): yuan columns dropped,
    the yuan columns `low`/`high` dropped where `low (万元)`/`high (万元)` are shown (with
    `value`), and the yuan numbers of a working written in 万元 or 亿元."""
    import pandas as pd

    labels = [str(v) for v in frame.index] if not isinstance(frame.index, pd.RangeIndex) else []
    if labels and all(_UNIT_ROW.search(v) for v in labels):
        return None
    texts = frame.select_dtypes(include=["object", "string"])
    for column in texts.columns:
        values = texts[column].dropna().astype(str)
        if len(values) and values.map(lambda v: bool(_UNIT_ROW.search(v))).all():
            return None
    for column in [c for c in ("unit", "base_unit") if c in frame.columns]:
        units = frame[column].astype(str)
        in_yuan = units.map(lambda u: u == "yuan" or u.startswith("yuan/"))
        if len(units) and in_yuan.all() and not units.eq("yuan/yuan").any():  # yuan/yuan: a ratio
            return None  # a derivation in yuan: the 万元 one beside it is shown
    drop = [c for c in frame.columns if isinstance(c, str) and _YUAN_NAME.match(c)]
    if any(f"{c} (万元)" in frame.columns for c in ("low", "high")):
        drop += [c for c in ("value", "low", "high") if c in frame.columns]
    frame = frame.drop(columns=drop) if drop else frame
    for column in [c for c in WORKING_COLUMNS if c in frame.columns]:
        frame = frame.copy()
        frame[column] = frame[column].map(
            lambda v: _BIG_NUMBER.sub(_yuan_amount, v) if isinstance(v, str) else v
        )
    return frame


# ---------------------------------------------------------------------------------------------
# English pages: no identifiers and no Chinese units in a table

# The codes of data/facts.csv and helpers.derive in the words an English reader reads.
EN_VALUES = {
    "at_least": "lower bound (more than)",
    "at_most": "at most",
    "to_date": "now",
    "cumulative_to_date": "cumulative",
    "2024_to_date": "2024 to now",
    "not_stated": "not stated",
    "2025_plan": "2025 plan",
    "percentage_point": "percentage points",
    "yuan/yuan": "yuan per yuan",
    "rd_projects": "R&D projects",
}
# Column labels that are field names.
EN_COLUMNS = {
    "id": "figure",
    "fact": "figure",
    "label_en": "figure",
    "indicator_en": "figure",
    "base_unit": "unit",
    "value_base": "value (base unit)",
    "place_en": "place",
    "source_kind": "source kind",
    "parent_id": "part of",
    "growth_of": "growth of",
    "compared_with": "compared with",
    "label_zh": "figure (Chinese)",
    "indicator_zh": "figure (Chinese)",
    "unit (as printed)": "unit",
    "万元": "in CNY 10,000",
    "in 万元": "in CNY 10,000",
}
# Chinese unit words in an English table (data/glossary.csv has 人次: person-times).
EN_UNITS = {
    "家": "firms",
    "项": "items",
    "人": "people",
    "人次": "person-times",
    "次": "times",
    "万元": "CNY 10,000",
    "亿元": "CNY 100 million",
    "元": "yuan",
    "位": "rank",
    "年": "years",
    "个百分点": "percentage points",
}
UNIT_COLUMNS = ("unit", "unit (as printed)", "in")  # columns (and index levels) of units
_SNAKE = re.compile(r"^[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+$")
_ID_LIKE = re.compile(r"^[a-z]+_.*\d")  # a data id with a period: zaozhuang_share_2021


@cache
def fact_labels_en() -> dict[str, str]:
    """Fact id -> indicator_en, from data/facts.csv."""
    with FACTS.open(encoding="utf-8", newline="") as handle:
        return {row["id"]: row["indicator_en"] for row in csv.DictReader(handle)}


@cache
def _en_units() -> dict[str, str]:
    """Chinese unit -> English: EN_UNITS, the glossary winning where it has the term."""
    glossary = _pairs(GLOSSARY, [("term_zh", "term_en")])
    return {zh: glossary.get(zh, en) for zh, en in EN_UNITS.items()}


def english_text(value: Any, *, unit: bool = False) -> Any:
    """One label or cell value as an English page shows it: a fact id as the fact's English
    name, a code as words (EN_VALUES; any other snake_case with spaces), a Chinese unit word
    in English where `unit`; anything else as it is."""
    if not isinstance(value, str):
        return value
    if value in fact_labels_en():
        return fact_labels_en()[value]
    if value in EN_VALUES:
        return EN_VALUES[value]
    if unit and value in _en_units():
        return _en_units()[value]
    if _SNAKE.match(value):
        if value.endswith(("_zh", "_en")):  # lead_zh: the Chinese of a column
            words = value[:-3].replace("_", " ")
            return f"{words} (Chinese)" if value.endswith("_zh") else words
        words = value.replace("_", " ")
        return words[:1].upper() + words[1:] if _ID_LIKE.match(value) else words
    return value


def _english_index(index: Any, *, unit: bool = False, columns: bool = False) -> Any:
    import pandas as pd

    def label(v: Any) -> Any:
        return (
            EN_COLUMNS.get(v, english_text(v, unit=unit)) if columns else english_text(v, unit=unit)
        )

    def name(v: Any) -> Any:
        return EN_COLUMNS.get(v, english_text(v)) if isinstance(v, str) else v

    if isinstance(index, pd.MultiIndex):
        levels = [
            _english_index(level, unit=n in UNIT_COLUMNS)
            for level, n in zip(index.levels, index.names, strict=True)
        ]
        return index.set_levels(levels).set_names([name(n) for n in index.names])
    if index.dtype == object or isinstance(index.dtype, pd.StringDtype):
        return pd.Index([label(v) for v in index], name=name(index.name), dtype=index.dtype)
    return index.rename(name(index.name))


def english_frame(frame: Any) -> Any:
    """The copy of `frame` an English page shows: fact ids as names, codes as words, field names
    as plain labels, Chinese units in English (`english_text`); the argument is left as it is.
    Where both a fact-id column and a name column would show the same name, the ids go."""
    import pandas as pd

    names = set(frame.columns)
    drop = [c for c in ID_COLUMNS if c in names and names & {"label_en", "indicator_en"}]
    copy = frame.drop(columns=drop) if drop else frame.copy()
    drop_zh = [c for c in ("label_zh", "indicator_zh") if c in copy.columns]
    if drop_zh and names & {"label_en", "indicator_en", *ID_COLUMNS}:
        copy = copy.drop(columns=drop_zh)  # the Chinese name beside the English one: not shown
    for position in range(copy.shape[1]):
        column = copy.iloc[:, position]
        if column.dtype == object or isinstance(column.dtype, pd.StringDtype):
            unit = copy.columns[position] in UNIT_COLUMNS
            copy.isetitem(position, column.map(lambda v, u=unit: english_text(v, unit=u)))
        elif isinstance(column.dtype, pd.CategoricalDtype):
            new = [english_text(c) for c in column.cat.categories]
            if len(set(new)) == len(new):
                copy.isetitem(position, column.cat.rename_categories(new))
    unit_columns = copy.columns.name in UNIT_COLUMNS
    copy.columns = _english_index(copy.columns, unit=unit_columns, columns=True)
    copy.index = _english_index(copy.index, unit=copy.index.name in UNIT_COLUMNS)
    return copy


# zh headers a column takes by what it holds, where the catalog's one label would mislead: a
# count of figures is 个数 (指标 is a name); a value in base units beside the printed value,
# and a base unit beside the printed unit, say so (数值 and 单位 alone would show twice).
COUNT_COLUMNS = ("figures", "claims")


def _zh_columns(frame: Any) -> dict[Any, str]:
    import pandas as pd

    names = set(frame.columns)
    renamed = {
        c: "个数"
        for c in COUNT_COLUMNS
        if c in names and pd.api.types.is_integer_dtype(frame[c].dtype)
    }
    if {"value", "value_base"} <= names:
        renamed["value_base"] = "数值（换算后）"
    if {"unit", "base_unit"} <= names:
        renamed["base_unit"] = "单位（换算后）"
    return renamed


def prepare_frame(frame: Any, lang: str) -> Any:
    """The DataFrame a page of `lang` shows for `frame` (None: none): derived rows marked, a
    text column `derived` (formulas) named "working"; in en with no identifiers or Chinese units
    (`english_frame`); in zh without amounts in yuan (`_without_yuan`), fact ids named
    "indicator", then in Chinese (`translate_frame`)."""
    import pandas as pd

    frame = _mark_derived(frame)
    if "derived" in frame.columns and not pd.api.types.is_bool_dtype(frame["derived"].dtype):
        frame = frame.rename(columns={"derived": "working"})  # it holds the formulas
    if lang != "zh":
        return english_frame(frame)
    frame = _without_yuan(frame)
    if frame is None:
        return None
    frame = frame.rename(columns=_zh_columns(frame))
    if frame.index.name in ID_COLUMNS and all(v in fact_names() for v in frame.index):
        frame = frame.rename_axis("fact")  # its values become indicator names: 指标, not 编号
    return translate_frame(frame)


def _cell(value: Any, lang: str) -> str:
    """One cell's text: numbers with separators in English and none in Chinese, booleans as
    words, a missing value as a dash."""
    import numpy as np
    import pandas as pd

    from helpers.plotting import _float_format

    if isinstance(value, bool | np.bool_):
        return (YES_NO if lang == "zh" else YES_NO_EN)[bool(value)]
    if value is None or (not isinstance(value, str | tuple | list) and pd.isna(value)):
        return MISSING
    if isinstance(value, int | np.integer):
        return f"{value:,}" if lang == "en" else str(value)
    if isinstance(value, float | np.floating):
        if math.isinf(value):
            return translate_text("no upper end") if lang == "zh" else "no upper end"
        text = _float_format(float(value))
        return text if lang == "en" else text.replace(",", "")
    text = str(value)
    return _APPROX.sub("≈", _SEPARATOR.sub("", text)) if lang == "zh" else text


def _flat(label: Any) -> str:
    if isinstance(label, tuple):
        return " ".join(str(part) for part in label if str(part))
    return "" if label is None else str(label)


def frame_html(frame: Any, lang: str) -> str:
    """A page's table for a prepared DataFrame: one header row; a default or unnamed integer
    index (0, 1, 2 …, the audit's row numbers) not shown; a named index as the first column,
    its name over it (a crosstab's "rows \\ columns"); text left-aligned, numbers right-aligned;
    short cells on one line; the table as wide as its content needs."""
    import pandas as pd

    index, column_name = frame.index, frame.columns.name
    named = isinstance(index, pd.MultiIndex) or index.name is not None
    if named or not pd.api.types.is_integer_dtype(index.dtype):
        names = [_flat(n) for n in index.names]
        if column_name is not None and names:
            mark = CROSSTAB_MARK["zh" if lang == "zh" else "en"]
            names[-1] = f"{names[-1]}{mark}{column_name}" if names[-1] else str(column_name)
        heads = len(names)
        body = frame.reset_index(drop=True)
        levels = [index.get_level_values(i) for i in range(index.nlevels)]
        header = names + [_flat(c) for c in frame.columns]
    else:
        heads, levels, body = 0, [], frame.reset_index(drop=True)
        header = [_flat(c) for c in frame.columns]
    limit = pd.get_option("display.max_rows")
    rows = list(range(len(body)))
    if limit and len(rows) > limit:
        half = max(1, (pd.get_option("display.min_rows") or 10) // 2)
        rows = rows[:half] + [-1] + rows[-half:]
    numeric = [False] * heads + [
        pd.api.types.is_numeric_dtype(body.iloc[:, i].dtype)
        and not pd.api.types.is_bool_dtype(body.iloc[:, i].dtype)
        for i in range(body.shape[1])
    ]
    grid = []
    for r in rows:
        if r < 0:
            grid.append(["…"] * len(header))
            continue
        cells = [levels[i][r] for i in range(heads)] + list(body.iloc[r])
        grid.append([_cell(v, lang) for v in cells])
    for i in range(len(header)):  # a text column of numbers only (1,020 − 7) is numbers too
        shown = [row[i] for row in grid if row[i] not in (MISSING, "…")]
        numeric[i] = numeric[i] or (bool(shown) and all(_NUMERIC_TEXT.match(t) for t in shown))

    def style(i: int, text: str) -> str:
        align = "right" if numeric[i] else "left"
        wrap = "white-space:nowrap;" if len(text) <= SHORT_CELL else ""
        return f' style="text-align:{align};{wrap}"'

    out = ['<table class="dataframe zz-table" style="table-layout:auto;border-collapse:collapse">']
    out.append("<thead><tr>")
    out += [f"<th{style(i, h)}>{html.escape(h)}</th>" for i, h in enumerate(header)]
    out.append("</tr></thead>\n<tbody>")
    for row in grid:
        out.append("<tr>")
        for i, text in enumerate(row):
            tag = "th" if i < heads else "td"
            out.append(f"<{tag}{style(i, text)}>{html.escape(text)}</{tag}>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# IPython display


def _html(obj: Any, lang: str) -> str | None:
    """A DataFrame's HTML as a page of `lang` shows it ("" for a table a zh page leaves out);
    None for a Series (pandas shows a Series as text only)."""
    import pandas as pd

    if isinstance(obj, pd.Series):
        return None
    frame = prepare_frame(obj, lang)
    if frame is None:
        return ""
    page = frame_html(frame, lang)
    return page + _english_of(obj) if lang == "en" else page


ENGLISH_OF = "zz-english-of"  # the HTML comment after an English table: see `_english_of`


def _english_of(frame: Any) -> str:
    """The labels and values of `frame` that the English page rewrote (ids, codes, field names,
    units: `english_frame`), as an HTML comment after its table: the zh catalog is collected
    from the stored outputs (`output_labels`), and a Chinese page meets these, not the words
    the English page shows. Empty when nothing was rewritten."""
    import pandas as pd

    frame = _mark_derived(frame)
    heads: set[str] = set()
    cells: set[str] = set()
    indexes = [frame.index, frame.columns]
    for index in indexes:
        heads |= {n for n in index.names if isinstance(n, str)}
        for level in index.levels if isinstance(index, pd.MultiIndex) else [index]:
            heads |= {v for v in level if isinstance(v, str)}
    for column in frame.columns:
        values = frame[column]
        if values.dtype == object or isinstance(values.dtype, pd.StringDtype):
            cells |= {v for v in values.dropna() if isinstance(v, str)}
    unit = {str(c) for c in frame.columns if c in UNIT_COLUMNS}
    rewritten = {
        "th": sorted(
            v
            for v in heads
            if v not in fact_labels_en() and (EN_COLUMNS.get(v, english_text(v, unit=True)) != v)
        ),
        "td": sorted(
            v for v in cells if v not in fact_labels_en() and english_text(v, unit=bool(unit)) != v
        ),
    }
    if not rewritten["th"] and not rewritten["td"]:
        return ""
    text = json.dumps(rewritten, ensure_ascii=False).replace("--", "- -")
    return f"<!--{ENGLISH_OF} {text}-->"


def _plain(obj: Any, printer: Any, cycle: bool) -> None:
    """zh: a Series or DataFrame as text, in Chinese ("" for a table a zh page leaves out)."""
    import pandas as pd

    frame = translate_frame(obj) if isinstance(obj, pd.Series) else prepare_frame(obj, "zh")
    printer.text("" if frame is None else repr(frame))


def register_display(lang: str) -> bool:
    """Show every DataFrame in the running IPython as a page of `lang` shows it (`prepare_frame`,
    `frame_html`), and in zh every Series in Chinese too (`translate_frame`). Returns whether it
    is registered (False outside IPython)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    if shell is None:
        return False
    import functools

    import pandas as pd

    formatters = shell.display_formatter.formatters
    formatters["text/html"].for_type(pd.DataFrame, functools.partial(_html, lang=lang))
    for kind in (pd.DataFrame, pd.Series):
        if lang == "zh":
            formatters["text/plain"].for_type(kind, _plain)
            if kind is pd.Series:
                formatters["text/html"].for_type(kind, functools.partial(_html, lang=lang))
        else:
            formatters["text/plain"].type_printers.pop(kind, None)
            if kind is pd.Series:
                formatters["text/html"].type_printers.pop(kind, None)
    return True


# ---------------------------------------------------------------------------------------------
# the catalog: collected from the stored outputs and the vocabularies


_CELL = re.compile(r"<(th|td)[^>]*>(.*?)</\1>", re.S)
_SHORT = 130  # a cell value longer than this is prose, not a term
_PINYIN = re.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")
_NOT_TEXT = {"True", "False", "<NA>", "inf", "nan", "NaN"}  # how pandas shows non-strings


def _is_term(value: str) -> bool:
    """Whether a table's cell value is a term to translate: short words, no digits (a value with
    digits is data: a figure as printed, a byte, a formula), no pinyin, not a non-string."""
    return (
        len(value) <= _SHORT
        and not re.search(r"\d", value)
        and value not in _NOT_TEXT
        and not _PINYIN.search(value)
        and bool(re.search(r"[a-z]{2}", value))
    )


def output_labels(paths: Iterable[Path] | None = None) -> dict[str, set[str]]:
    """English labels of the tables in the notebooks' stored outputs -> the notebooks showing
    them: every header cell, and short value cells (terms, not sentences)."""
    found: dict[str, set[str]] = {}
    for path in notebook_paths() if paths is None else paths:
        notebook = json.loads(Path(path).read_text(encoding="utf-8"))
        for cell in notebook["cells"]:
            for output in cell.get("outputs", []):
                table = output.get("data", {}).get("text/html")
                if not table:
                    continue
                table = "".join(table) if isinstance(table, list) else table
                # an English table's rewritten ids and codes: what a zh page meets instead of
                # the English words the stored (English) output shows for them
                originals, english = [], set()
                for comment in re.findall(rf"<!--{ENGLISH_OF} (.*?)-->", table, re.S):
                    rewritten = json.loads(comment)
                    for kind in ("th", "td"):
                        for v in rewritten[kind]:
                            originals.append((kind, html.escape(v)))
                            english |= {EN_COLUMNS.get(v, english_text(v, unit=True))}
                            english |= {english_text(v)}
                shown = [
                    (kind, raw)
                    for kind, raw in _CELL.findall(table)
                    if html.unescape(re.sub(r"<[^>]+>", "", raw)).strip() not in english
                ]
                for kind, raw in shown + originals:
                    text = html.unescape(re.sub(r"<[^>]+>", "", raw)).strip()
                    if text in YES_NO_EN.values():
                        continue  # how frame_html says a boolean in English (是/否 in zh)
                    if kind == "th" and CROSSTAB_MARK["en"] in text:  # rows \ columns: two labels
                        for part in text.split(CROSSTAB_MARK["en"]):
                            found.setdefault(part.strip(), set()).add(Path(path).stem)
                        continue
                    if (
                        not _LATIN.search(text)
                        or text.endswith("...")
                        or text in fact_names()
                        or (kind == "td" and not _is_term(text))
                    ):
                        continue
                    found.setdefault(text, set()).add(Path(path).stem)
    return found


def vocabulary_labels() -> dict[str, set[str]]:
    """The controlled vocabularies a table may show: facts.csv's, the audit's and the fields of
    a derived figure (helpers.derive.Quantity: a table may select label_zh for a Chinese page)."""
    from dataclasses import fields

    from helpers import audit, derive, facts

    found: dict[str, set[str]] = {}
    for origin, words in (
        ("helpers.facts.SECTIONS", facts.SECTIONS),
        ("helpers.facts.QUALIFIERS", facts.QUALIFIERS),
        ("helpers.facts.PERIODS", facts.PERIODS),
        ("helpers.facts.CATEGORIES", facts.CATEGORIES),
        ("helpers.facts.BASE_UNITS", facts.BASE_UNITS),
        ("helpers.facts.COLUMNS", facts.COLUMNS),
        ("helpers.audit.SCOPES", audit.SCOPES),
        ("helpers.audit.KINDS", audit.KINDS),
        ("helpers.audit.VERDICTS", audit.VERDICTS),
        ("helpers.audit.COLUMNS", audit.COLUMNS),
        ("helpers.derive.Quantity", tuple(f.name for f in fields(derive.Quantity))),
        ("helpers.tables.DERIVED_QUALIFIER", (DERIVED_QUALIFIER,)),
        # what an English page shows for codes, field names and units: the stored outputs are
        # the English pages', so their tables show these words
        ("helpers.tables.EN_VALUES", tuple(EN_VALUES.values())),
        ("helpers.tables.EN_COLUMNS", tuple(EN_COLUMNS.values())),
        ("helpers.tables.EN_UNITS", tuple(_en_units().values())),
    ):
        for word in words:
            if _LATIN.search(word):
                found.setdefault(word, set()).add(origin)
    return found


def refresh(
    path: Path = CATALOG, notebooks: Iterable[Path] | None = None, write: bool = True
) -> bool:
    """Add every collected label to the catalog (existing translations kept, labels no longer
    collected kept as obsolete); write it only if it changes (and `write`). Returns whether it
    changes."""
    from babel.messages.pofile import write_po

    collected = vocabulary_labels()
    for label, where in output_labels(notebooks).items():
        collected.setdefault(label, set()).update(where)
    old = read_catalog(path)
    previous = {m.id: m for m in old if m.id} if old is not None else {}
    collected = {
        label: where
        for label, where in collected.items()
        if label not in project_terms() or label in previous
    }
    catalog = new_catalog("tables", _HEADER)
    for label in sorted(collected):
        before = previous.get(label)
        message = catalog.add(
            label,
            before.string if before else "",
            flags=before.flags if before else (),
            auto_comments=[", ".join(sorted(collected[label]))],
        )
        message.flags.discard("python-format")  # babel's guess from a "%": these are labels
    for label, message in previous.items():
        if label not in collected and message.string:
            catalog.obsolete[label] = message
    out = io.BytesIO()
    write_po(out, catalog, width=0, include_lineno=False)
    data = out.getvalue()
    if path.exists() and path.read_bytes() == data:
        return False
    if write:
        write_bytes_atomic(path, data)
        terms.cache_clear()
    return True


def refresh_needed(path: Path = CATALOG) -> bool:
    """Whether `refresh` would change the catalog (a label was added, changed or removed)."""
    return refresh(path, write=False)


def untranslated(path: Path = CATALOG) -> list[str]:
    """The catalog's messages with no current (translated, non-fuzzy) Chinese."""
    catalog = read_catalog(path)
    if catalog is None:
        return []
    return [m.id for m in catalog if m.id and (not m.string or m.fuzzy)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.tables", description="The catalog of Chinese table terms."
    )
    parser.add_argument(
        "command",
        choices=("refresh", "status"),
        help="refresh: collect the labels into the catalog; status: list the untranslated ones",
    )
    args = parser.parse_args(argv)
    if args.command == "refresh":
        changed = refresh()
        print(f"{CATALOG.name}: {'updated' if changed else 'unchanged'}")
    left = untranslated()
    print(f"{CATALOG.name}: {len(left)} untranslated" + "".join(f"\n  {t}" for t in left))
    return 0


if __name__ == "__main__":
    sys.exit(main())
