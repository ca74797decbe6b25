"""The language of every chart: one setting, English by default, Chinese on request.

Why a module-level setting rather than a `lang=` argument on every call: a notebook is rendered
once in English and once in Chinese by changing one thing (`helpers.setup(lang="zh")`, or the
environment variable ZZ_LANG=zh for a whole export run), never by editing each chart call.
Functions that produce text still accept `lang=` to override the setting for one call.

Texts that the chart helpers take are written once, in both languages, as an `(en, zh)` pair:

    title=("Incubators by level", "孵化载体按级别")

A plain string is used unchanged in both languages (for a proper name, a number or a code), and
a mapping {"en": ..., "zh": ...} is accepted too. `tr` turns any of these into the text for the
current language. Every phrase the helpers themselves draw (source line, "implied", "lower bound")
is in `PHRASES` below, so both languages are kept side by side in one place.

Terms (规模以上工业总产值, 科融信贷) come from one glossary, data/glossary.csv, shared by the
English translation, the fact table's `indicator_en` and the chart labels: `term("科融信贷")`
gives the (en, zh) pair a chart label takes, and `missing_terms` is how tests/test_glossary.py
proves the three agree.

Importing this module is cheap: it uses the standard library only.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from typing import Any, TypeAlias

from helpers.release import AUDIT_NOTEBOOK, AUDIT_TITLE_ZH, CATALOG_DATE, SOURCE_LINE

LANGS = ("en", "zh")
HTML_LANG = {"en": "en", "zh": "zh-Hans"}  # the <html lang>: zh-Hans picks Simplified glyphs
DEFAULT_LANG = "en"
LANG_ENV = "ZZ_LANG"

# A text in both languages: "same in both", ("English", "中文") or {"en": ..., "zh": ...}.
Text: TypeAlias = str | tuple[str, str] | Mapping[str, str]

# Every phrase the helpers draw themselves, in both languages, in one place.
PHRASES: dict[str, dict[str, str]] = {
    "source": SOURCE_LINE,
    "lower_bound": {"en": "lower bound (余)", "zh": "下限（余）"},
    "implied": {"en": "implied", "zh": "推算"},
    "remainder": {"en": "Municipal level (implied)", "zh": "市级（推算）"},
    "total": {"en": "Total", "zh": "合计"},
    "year": {"en": "{year}", "zh": "{year}年"},
    "year_implied": {"en": "{year} (implied)", "zh": "{year}年（推算）"},
    # a figure the audit finds inconsistent, where a chart draws it (the chart's `inconsistent=`)
    "inconsistent_mark": {
        "en": f"(inconsistent: see {AUDIT_NOTEBOOK})",
        "zh": f"（不一致：见{AUDIT_TITLE_ZH}）",
    },
    "inconsistent_note": {
        "en": "Cross-hatched: inconsistent with another figure of the press release "
        f"(see {AUDIT_NOTEBOOK})",
        "zh": f"交叉线：与新闻稿其他数据不一致（见{AUDIT_TITLE_ZH}）",
    },
    # an earlier bar worked back from a growth rate the audit finds inconsistent (the printed
    # current figure is not marked: the rate is what does not fit)
    "inconsistent_rate_note": {
        "en": "Cross-hatched: worked back from a growth rate that does not fit the printed figure "
        f"(see {AUDIT_NOTEBOOK})",
        "zh": f"交叉线：该值由增长率倒推，这一增长率与公布的数字对不上（见{AUDIT_TITLE_ZH}）",
    },
}


# Facts come as a `Fact`, a row of the facts DataFrame or a plain dict; `get_field` reads a named
# field from any of them the same way, without importing pandas.
def _missing(value: Any) -> bool:
    """True for None, NaN and pandas.NA: an empty cell in a DataFrame row means "not given"."""
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN is the only float not equal to itself
    except TypeError:  # pandas.NA refuses to be a bool: it is missing by definition
        return True


def get_field(obj: Any, name: str, default: Any = None) -> Any:
    """`obj[name]` for a mapping or a pandas row, `obj.name` otherwise; `default` when absent.

    A pandas Series is read with `.get` rather than attribute access, because a column called
    `name` or `index` would otherwise return the Series' own attribute.
    """
    if isinstance(obj, Mapping) or (hasattr(obj, "keys") and hasattr(obj, "get")):
        value = obj.get(name, default)
    else:
        value = getattr(obj, name, default)
    return default if _missing(value) else value


_lang: str | None = None  # set by set_lang(); None means "from ZZ_LANG, else English"


def check_lang(lang: str) -> str:
    """Return `lang` if it is one of LANGS; raise ValueError naming the allowed ones otherwise."""
    if lang not in LANGS:
        allowed = " or ".join(repr(code) for code in LANGS)
        raise ValueError(f"Unknown language {lang!r}: use {allowed}")
    return lang


def get_lang() -> str:
    """The language charts are drawn in: set_lang()'s choice, else $ZZ_LANG, else English."""
    if _lang is not None:
        return _lang
    from_env = os.environ.get(LANG_ENV, "").strip()
    if not from_env:
        return DEFAULT_LANG
    try:
        return check_lang(from_env)
    except ValueError as error:
        raise ValueError(f"{error} (from the environment variable {LANG_ENV})") from None


def set_lang(lang: str | None) -> str:
    """Switch every later chart and label to `lang` ("en" or "zh"); None goes back to the default
    ($ZZ_LANG, else English). Returns the language now in force.

    Charts already drawn keep their language: draw them again after switching.
    """
    global _lang
    _lang = None if lang is None else check_lang(lang)
    return get_lang()


@contextmanager
def using_lang(lang: str) -> Iterator[str]:
    """Draw in `lang` inside a `with` block, then restore the previous setting (for rendering
    the same chart in both languages, and for tests)."""
    global _lang
    previous = _lang
    set_lang(lang)
    try:
        yield lang
    finally:
        _lang = previous


def _resolve(lang: str | None) -> str:
    return get_lang() if lang is None else check_lang(lang)


def tr(text: Text | None, lang: str | None = None) -> str:
    """The current language's version of a `Text`: a plain string as is, an (en, zh) pair or a
    {"en", "zh"} mapping picked by language. None gives ""."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    code = _resolve(lang)
    if isinstance(text, Mapping):
        return str(text[code])
    if isinstance(text, tuple) and len(text) == 2:
        return str(text[LANGS.index(code)])
    raise TypeError(f"expected a str, an (en, zh) pair or an en/zh mapping, got {text!r}")


def phrase(key: str, lang: str | None = None, **fields: Any) -> str:
    """One of the helpers' own phrases (PHRASES) in the current language, with {fields} filled."""
    return PHRASES[key][_resolve(lang)].format(**fields)


def source_line(lang: str | None = None) -> str:
    """The source line printed under every chart."""
    return phrase("source", lang)


def indicator(fact_or_row: Any, lang: str | None = None) -> str:
    """The name of a fact in the current language: its indicator_en / indicator_zh (a `Fact`,
    a row of the facts DataFrame or a dict), or label_en / label_zh for a breakdown row."""
    code = _resolve(lang)
    for prefix in ("label", "indicator"):
        name = get_field(fact_or_row, f"{prefix}_{code}")
        if name is not None:
            return str(name)
    raise KeyError(f"no label_{code} or indicator_{code} in {fact_or_row!r}")


@cache
def glossary() -> dict[str, dict[str, str]]:
    """data/glossary.csv as {term_zh: row}: the one English rendering of each Chinese term."""
    from helpers.paths import GLOSSARY

    with GLOSSARY.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    terms = {row["term_zh"]: row for row in rows}
    if len(terms) != len(rows):
        raise ValueError(f"{GLOSSARY.name}: a Chinese term is listed twice")
    return terms


def term(zh: str) -> tuple[str, str]:
    """A glossary term as the (en, zh) pair chart labels take: term("科融信贷")."""
    try:
        return glossary()[zh]["term_en"], zh
    except KeyError:
        raise KeyError(f"{zh!r} is not in data/glossary.csv") from None


def terms_in(chinese: str) -> list[str]:
    """The glossary terms a Chinese text uses, longest first at each place: 国家科技型中小企业 is
    one term there, not also 科技型中小企业 (which counts where it stands on its own)."""
    found: list[str] = []
    for zh in sorted(glossary(), key=len, reverse=True):
        if zh in chinese:
            found.append(zh)
            chinese = chinese.replace(zh, "\0" * len(zh))
    return found


def missing_terms(chinese: str, english: str) -> list[tuple[str, str]]:
    """(term_zh, term_en) for each glossary term of `chinese` whose English is not in `english`
    (case and line breaks aside, so a term may open a sentence or wrap)."""
    text = " ".join(english.split()).casefold()

    def used(term_en: str) -> bool:  # "incubation platforms" also covers "an incubation platform"
        term_en = term_en.casefold()
        return term_en in text or (term_en.endswith("s") and term_en[:-1] in text)

    return [
        (zh, glossary()[zh]["term_en"])
        for zh in terms_in(chinese)
        if not used(glossary()[zh]["term_en"])
    ]


def _english_uses(term_en: str, english: str) -> bool:
    """Whether `english` (outside code in backticks) uses a glossary term as a word: "bound" in
    "a lower bound" or "15 bounds", not in "boundary"; "consistent" not in "inconsistent"."""
    import re

    prose = re.sub(r"(?s)```.*?```|`[^`]*`", " ", english)
    pattern = r"(?<![\w-])" + re.escape(term_en) + r"s?(?![\w-])"
    return re.search(pattern, " ".join(prose.split()), re.IGNORECASE) is not None


def other_renderings(english: str, chinese: str) -> list[tuple[str, str]]:
    """(term_en, term_zh) for each glossary term that `english` uses but its translation
    `chinese` does not render with the glossary's Chinese: a translator's other word for it
    ("bound" as 界限 where the glossary says 下限). The inverse of `missing_terms`."""
    return [
        (row["term_en"], zh)
        for zh, row in glossary().items()
        if zh not in chinese and _english_uses(row["term_en"], english)
    ]


def new_catalog(domain: str, header_comment: str, locale: str = "zh_CN") -> Any:
    """An empty Babel catalog with the project's header, dated CATALOG_DATE so that a catalog
    changes only when one of its messages does (the notebooks', tables' and exercises' alike)."""
    from babel.messages.catalog import Catalog

    return Catalog(
        locale=locale,
        domain=domain,
        header_comment=header_comment,
        project="zaozhuang-hightech",
        version="1",
        creation_date=CATALOG_DATE,
        revision_date=CATALOG_DATE,
        language_team="Chinese (Simplified)",
        fuzzy=False,
        msgid_bugs_address="the project's issue tracker",
        last_translator="the project's translators",
    )
