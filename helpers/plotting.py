"""One chart style for the whole project, in English or Chinese: `setup()` and the chart helpers.

Every notebook starts with

    import helpers
    helpers.setup()              # or helpers.setup(lang="zh"); ZZ_LANG=zh does the same

and then draws with the chart functions below, so the notebook is about the analysis and not about
fonts and styles. `setup()` is idempotent and cheap to call again.

How a notebook cell shows a chart. The chart functions draw on a pyplot figure and return it;
Jupyter's inline backend shows every pyplot figure made in a cell exactly once, when the cell
ends. So end the cell with an assignment,

    fig = helpers.bar_breakdown(...)

(or a trailing semicolon). A cell that ends with the bare call shows the same image twice,
because Jupyter also displays the cell's returned value; don't do that.

Texts are given once in both languages as an (en, zh) pair, e.g.
`title=("Incubators by level", "孵化载体按级别")` (see helpers.i18n); a fact's own name comes
from its indicator_en / indicator_zh. Each chart function takes `lang=` to draw one chart in the
other language; everything else follows `helpers.set_lang` / `setup(lang=...)`.

What each chart draws for every figure: a title, the unit on the value axis, value labels from
helpers.formatting (with "≥" on lower bounds, whose bars are also hatched and lighter with an open
end, and a legend entry "lower bound (余)"), and the source line under the chart. Values that are
implied rather than printed (an earlier year worked back from a growth rate, the remainder of a
total) are drawn hatched with a dashed outline and labelled "implied" / "推算". Figures named in
`inconsistent=` (fact ids, e.g. `helpers.audit.inconsistent_ids()`) are cross-hatched in red with a
note saying where the audit explains them.

Items for the charts can be `Fact`s from `helpers.fact(...)`, rows of the facts DataFrame, a small
DataFrame with columns label_en, label_zh, value, qualifier (optional: unit, the Chinese measure
word; base_unit), plain dicts with the same keys, or a mapping {(en, zh): value}. Values are in
base units: yuan for amounts, a count, or percent.
"""

from __future__ import annotations

import csv
import io
import math
import numbers
import os
import re
import textwrap
import unicodedata
import warnings
from collections.abc import Collection, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import matplotlib as mpl
import matplotlib.pyplot as plt
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from helpers import fonts, i18n, release, tables
from helpers.formatting import (
    QUALIFIERS,
    amount_scale,
    fmt_amount,
    fmt_change,
    fmt_count,
    fmt_decimals,
    fmt_fact,
    fmt_growth,
    fmt_number,
    fmt_percent,
    fmt_pp,
    implied_earlier_rounded,
    round_sig,
    significant_digits,
)
from helpers.i18n import Text, get_field, phrase, tr
from helpers.paths import BUILD_DIR, PROJ_ROOT, write_bytes_atomic

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

FIGURES_DIR = BUILD_DIR / "figures"  # git-ignored, like all of build/
BUILD_ENV = "ZZ_BUILD_DIR"  # the export gives each job its own output folder through this
SAVE_ENV = "ZZ_SAVE_FIGURES"  # "0": save_figure writes nothing (make test: nbval needs no files)


def figures_dir() -> Path:
    """Where save_figure writes: $ZZ_BUILD_DIR/figures when the export sets it, else
    build/figures."""
    build = os.environ.get(BUILD_ENV)
    return Path(build) / "figures" if build else FIGURES_DIR


FIGSIZE = (7.0, 4.0)
NOTEBOOK_DPI = 100
EXPORT_DPI = 200
SVG_HASHSALT = "zaozhuang-hightech"  # fixed ids in SVG files, so two runs give the same bytes

# A calm palette: muted blue first (one-series charts use it), then warm and green accents.
PALETTE = ["#3B6EA5", "#E0A04B", "#5E9E73", "#B7625F", "#8472AE", "#6A8D9B", "#C3A73A"]
MAIN = PALETTE[0]
IMPLIED = "#9A9A9A"  # grey for implied values (remainders, earlier years)
NEUTRAL = "#444444"  # a change, drawn neither green nor red: the release does not say it is good
SOURCE_COLOR = "#6E6E6E"
HATCH = "///"
KINDS = ("count", "amount", "percent")

_GLYPH_WARNING = r"Glyph \d+ .* missing from font"
_SOURCE_GID = "zz-source"


# ---------------------------------------------------------------------------------------------
# setup


def _float_format(x: float) -> str:
    """pandas display of floats: whole numbers with separators (1,270,000,000), others with up
    to four decimals and no trailing zeros (6.15, not 6.150000)."""
    if not math.isfinite(x):
        return str(x)  # inf, -inf (pandas shows NaN itself)
    if x == int(x) and abs(x) < 1e15:
        return f"{x:,.0f}"
    if abs(x) < 1e-4:
        return f"{x:.3g}"
    return fmt_decimals(x, 4, group=True, strip=True)  # half up: 6.25 stays 6.25, 0.00005 up


def _rc(families: list[str]) -> dict[str, Any]:
    return {
        "font.family": families,
        "font.sans-serif": [*families, "DejaVu Sans", "sans-serif"],
        "axes.unicode_minus": False,  # the CJK font's hyphen-minus; U+2212 is not needed
        "figure.figsize": FIGSIZE,
        "figure.dpi": NOTEBOOK_DPI,
        "figure.max_open_warning": 50,  # scripts that never close figures still hear about it
        "savefig.dpi": EXPORT_DPI,
        "savefig.bbox": "tight",
        "svg.fonttype": "path",  # glyphs as paths: an SVG renders without the font installed
        "svg.hashsalt": SVG_HASHSALT,
        "axes.titlesize": 12,
        "axes.titlelocation": "left",
        "axes.titlepad": 10,
        "axes.labelsize": 10,
        "xtick.labelsize": 9,
        "ytick.labelsize": 9,
        "legend.fontsize": 9,
        "legend.frameon": False,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "hatch.linewidth": 0.8,
    }


def setup(lang: str | None = None, strict_fonts: bool | None = None) -> None:
    """Prepare every chart and table display of a notebook: one call for each job below.

    Returns None, so a cell that ends with `helpers.setup()` stores no output.
    """
    lang = i18n.set_lang(lang) if lang is not None else i18n.get_lang()
    families = use_cjk_font(strict_fonts)
    use_chart_style(families)
    use_pandas_display()
    tables.register_display(lang)
    _show_with_alt_text()


def use_cjk_font(strict: bool | None = None) -> list[str]:
    """The font families for charts: a system SC font, else the bundled OFL Noto Sans CJK SC
    (helpers.fonts), then DejaVu Sans. If none is found: one MissingCJKFontWarning (matplotlib's
    per-character "Glyph missing" warnings are silenced, since they would only repeat it), or
    FontError when `strict` (default: $ZZ_STRICT_FONTS)."""
    font = fonts.ensure_cjk_font(strict=strict)
    if font is None:
        warnings.filterwarnings("ignore", message=_GLYPH_WARNING, category=UserWarning)
        return ["DejaVu Sans"]
    return [font.family, "DejaVu Sans"]


def use_chart_style(families: list[str]) -> None:
    """The seaborn "whitegrid" theme with a calm palette; figure size and dpi; SVGs with glyphs as
    paths and fixed ids; `families[0]` first in font.family, so Latin and Chinese text share one
    typeface."""
    import seaborn as sns

    sns.set_theme(context="notebook", style="whitegrid", palette=PALETTE, font=families[0])
    mpl.rcParams.update(_rc(families))


def use_pandas_display() -> None:
    """pandas display options: up to 50 columns, readable floats (`_float_format`)."""
    import pandas as pd

    pd.set_option("display.max_columns", 50)
    pd.set_option("display.width", 120)
    pd.set_option("display.max_colwidth", 80)
    pd.set_option("display.float_format", _float_format)


# ---------------------------------------------------------------------------------------------
# alt text: what a chart shows, in words, for the <img alt> of the pages

ALT_VALUES = 12  # values named in an alt text; more are counted, not listed


def _alt_value(row: dict[str, Any]) -> str:
    """A drawn value in words, with its unit ("+3.53个百分点", "约64", "476.6万元"); "" when the
    row's label already says it ("提高2.76个百分点", "同比增长6.15%": not said twice)."""
    value, unit, qualifier = float(row["value"]), str(row["unit"]), str(row["qualifier"])
    qualifier = qualifier if qualifier in QUALIFIERS else "exact"
    value = round_sig(value, 4) if math.isfinite(value) else value
    try:
        number = fmt_number(abs(value))
    except (TypeError, ValueError):
        return str(row["value"])
    if re.search(rf"(?<![\d.]){re.escape(number)}(?![\d.])", str(row["label"])):
        return ""
    if unit == "yuan":
        return fmt_amount(value, None, qualifier)
    if unit == "percent":
        return fmt_percent(value, None, None, qualifier)
    if unit == "percentage_point":
        return fmt_pp(value, compact=True)
    return fmt_count(value, None, None, qualifier)


def alt_text(fig: Figure) -> str:
    """A chart in words, for a page's <img alt>: its title (the figure's, else its axes'), then
    the values it draws (`chart_data`: label and value, in the current language). A figure drawn
    with plain matplotlib says its axes' titles and labels. Never empty: an image with no alt
    text is read out by its file data, or as nbconvert's "No description has been provided"."""
    texts = [fig.get_suptitle()]
    texts += [ax.get_title(loc) for ax in fig.axes for loc in ("left", "center", "right")]
    title = "; ".join(" ".join(t.split()) for t in texts if t and t.strip())
    if not title:
        labels = [label for ax in fig.axes for label in (ax.get_xlabel(), ax.get_ylabel())]
        title = "; ".join(" ".join(t.split()) for t in labels if t and t.strip())
    rows = chart_data(fig)
    sep = "：" if i18n.get_lang() == "zh" else ": "
    parts = [
        f"{' '.join(str(row['label']).split())} {_alt_value(row)}".strip()
        for row in rows[:ALT_VALUES]
    ]
    if len(rows) > ALT_VALUES:
        more = len(rows) - ALT_VALUES
        parts.append(f"另有{more}项" if i18n.get_lang() == "zh" else f"and {more} more")
    values = ("；" if i18n.get_lang() == "zh" else "; ").join(parts)
    title = title or tr(("Chart", "图表"))
    return f"{title}{sep}{values}" if values else title


def _show_with_alt_text() -> None:
    """In an IPython kernel, show every matplotlib figure with its alt text (`alt_text`) in the
    output's metadata (`image/png` -> `alt`), where the export's page templates read it.

    IPython lets a formatter return (data, metadata); this wraps the PNG formatter that the
    inline backend registered for Figure. The backend is resolved first, so its own
    registration (on first use of pyplot) cannot replace the wrapper afterwards."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None:
        return
    from matplotlib.figure import Figure

    plt.switch_backend(mpl.get_backend())  # the inline backend registers its formatters now
    formatter = shell.display_formatter.formatters.get("image/png")
    try:
        draw = formatter.lookup_by_type(Figure)
    except (AttributeError, KeyError):
        return
    if getattr(draw, "zz_alt_text", False):
        return

    def png_with_alt_text(fig: Figure):
        data = draw(fig)
        return (data, {"alt": alt_text(fig)}) if data else data

    png_with_alt_text.zz_alt_text = True  # type: ignore[attr-defined]
    formatter.for_type(Figure, png_with_alt_text)


# ---------------------------------------------------------------------------------------------
# items: facts, rows, dicts -> what a chart draws


@dataclass(frozen=True)
class _Item:
    label: str
    value: float  # base units: yuan, count or percent
    qualifier: str
    text: str  # the value label
    flagged: bool = False  # one of the figures the caller names as inconsistent
    source: str = ""  # where the value comes from: a fact id, or a derivation (see `_source`)
    unit: str = ""  # the unit of `value` (a base unit), for the data CSV


def _records(items: Any) -> list[Any]:
    if items is None:
        return []
    if hasattr(items, "iterrows"):  # a DataFrame: one record per row
        return [row for _, row in items.iterrows()]
    if isinstance(items, Mapping) and not _is_record(items):
        return [{"label": key, "value": value} for key, value in items.items()]
    return list(items)


def _is_number(obj: Any) -> bool:
    """A plain value (int, float, Decimal, numpy scalar) rather than a fact or a row."""
    return isinstance(obj, numbers.Real | Decimal) and not isinstance(obj, bool)


def _is_record(obj: Any) -> bool:
    return any(get_field(obj, key) is not None for key in ("value", "value_base"))


def _kind(records: Sequence[Any], kind: str | None) -> str:
    if kind is not None:
        if kind not in KINDS:
            raise ValueError(f"Unknown kind {kind!r}: use one of {', '.join(KINDS)}")
        return kind
    for record in records:
        base_unit = get_field(record, "base_unit")
        if base_unit is not None:
            return {"yuan": "amount", "percent": "percent"}.get(base_unit, "count")
    return "count"


def _value(record: Any) -> float:
    if _is_number(record):
        return float(record)
    if get_field(record, "base_unit") in ("percent", "percentage_point", "rank"):
        value = get_field(record, "value")
    else:
        value = get_field(record, "value_base", get_field(record, "value"))
    if value is None:
        raise ValueError(f"no value in {record!r}")
    return float(value)


def _qualifier(record: Any) -> str:
    if _is_number(record):
        return "exact"
    return str(get_field(record, "qualifier", "exact"))


def _fmt(value: float, qualifier: str, kind: str, unit_zh: str | None = None) -> str:
    """A chart's value label for a plain value (compact: "≥" marks a lower bound)."""
    if kind == "amount":
        return fmt_amount(value, None, qualifier, compact=True)
    if kind == "percent":
        return fmt_percent(value, None, None, qualifier, compact=True)
    return fmt_count(value, unit_zh, None, qualifier, compact=True)


def _unit_zh(record: Any) -> str | None:
    return None if _is_number(record) else get_field(record, "unit")


def _text(record: Any, value: float, qualifier: str, kind: str) -> str:
    """A record's value label: by its own base_unit for a fact, else by the chart's kind."""
    if not _is_number(record) and get_field(record, "base_unit") is not None:
        return fmt_fact(record, compact=True)
    return _fmt(value, qualifier, kind, _unit_zh(record))


def _is_text(obj: Any) -> bool:
    return isinstance(obj, str | tuple) or (isinstance(obj, Mapping) and "en" in obj)


def _label(record: Any, override: Text | None = None) -> str:
    if override is not None:
        return tr(override)
    label = get_field(record, "label")
    return tr(label) if label is not None else i18n.indicator(record)


def _items(
    items: Any, labels: Sequence[Text] | None, kind: str, inconsistent: Collection[str] = ()
) -> list[_Item]:
    records = _records(items)
    if not records:
        raise ValueError("nothing to draw: no items")
    if labels is not None and len(labels) != len(records):
        raise ValueError(f"{len(labels)} labels for {len(records)} items")
    out = []
    for i, record in enumerate(records):
        value, qualifier = _value(record), _qualifier(record)
        label = _label(record, None if labels is None else labels[i])
        out.append(
            _Item(
                label,
                value,
                qualifier,
                _text(record, value, qualifier, kind),
                _flagged(record, inconsistent),
                _source(record),
                _unit_of(record, kind),
            )
        )
    return out


def _source(record: Any) -> str:
    """Where a drawn value comes from, for the chart's data CSV: "fact <id>" for a row of
    data/facts.csv, "derived: <formula> (inputs)" for a helpers.derive Quantity, else "given by
    the notebook" (a value the notebook computed and passed in; its code says how)."""
    if _is_number(record):
        return "given by the notebook"
    formula = get_field(record, "formula")
    if formula:
        inputs = " ".join(get_field(record, "inputs", ()) or ())
        return f"derived: {formula}" + (f" (from facts {inputs})" if inputs else "")
    identifier = get_field(record, "id")
    if identifier and get_field(record, "quote") is not None:
        return f"fact {identifier}"
    return f"given by the notebook ({identifier})" if identifier else "given by the notebook"


# The columns of a chart's data CSV (save_figure writes it beside the PNG and SVG).
DATA_COLUMNS = ("label", "value", "unit", "qualifier", "source")
_BASE_UNIT = {"amount": "yuan", "percent": "percent", "count": "count"}


def _unit_of(record: Any, kind: str) -> str:
    """The unit of a drawn value in the CSV: the base unit (yuan, count, percent, ...)."""
    base = None if _is_number(record) else get_field(record, "base_unit")
    return str(base) if base else _BASE_UNIT.get(kind, kind)


def attach_data(fig: Figure, rows: list[tuple[str, float, str, str, str]]) -> None:
    """Keep on the figure the values it draws, one row per bar, segment or tile
    (DATA_COLUMNS: label, value, unit, qualifier, source), so that save_figure can write them as
    <name>.csv: the numbers behind the chart, as a reader downloads them. The chart helpers call
    it; a chart drawn with plain matplotlib in a notebook calls it itself."""
    fig._zz_data = [dict(zip(DATA_COLUMNS, row, strict=True)) for row in rows]


def _row(item: _Item) -> tuple[str, float, str, str, str]:
    return (item.label, item.value, item.unit, item.qualifier, item.source)


def chart_data(fig: Figure) -> list[dict[str, Any]]:
    """The rows of the data CSV of a chart drawn by this module (empty for any other figure)."""
    return list(getattr(fig, "_zz_data", []))


# ---------------------------------------------------------------------------------------------
# the audit's verdicts: a figure it finds inconsistent is marked wherever it is drawn

FLAG_COLOR = "#B7625F"
FLAG_HATCH = "xx"
# A stock is counted when the release was given, not over 2024: a headline panel titled "in 2024"
# says so under such a figure (facts.csv's periods, data/README.md).
STOCK_PERIODS: dict[str, Text] = {
    "to_date": ("as of the release, March 2025", "截至目前（2025年3月）"),
    "cumulative_to_date": ("cumulative, to March 2025", "累计（截至2025年3月）"),
}


def _flagged(record: Any, inconsistent: Collection[str]) -> bool:
    """Whether a drawn record is one of the `inconsistent` figures (by its `id`)."""
    if not inconsistent or record is None or _is_number(record):
        return False
    fact_id = get_field(record, "id")
    return bool(fact_id) and str(fact_id) in inconsistent


def _with_flag_note(note: Text | None, flagged: bool, key: str | None = None) -> Text | None:
    """The chart's note line, with the audit's mark explained when something is marked (`key`:
    the phrase that explains it, the general "inconsistent_note" by default)."""
    if not flagged:
        return note
    key = key or "inconsistent_note"
    flag_note = (phrase(key, "en"), phrase(key, "zh"))
    if note is None:
        return flag_note
    en, zh = i18n.tr(note, "en").rstrip("."), i18n.tr(note, "zh").rstrip("。")
    return (f"{en}. {flag_note[0]}", f"{zh}。{flag_note[1]}")


def _flag_style(style: dict[str, Any]) -> dict[str, Any]:
    return {**style, "hatch": FLAG_HATCH, "edgecolor": FLAG_COLOR}


# ---------------------------------------------------------------------------------------------
# drawing pieces shared by the charts


def _wrap(text: str, width: int) -> str:
    """Wrap at `width` columns, a Chinese character counting as two."""
    if text.isascii():
        return textwrap.fill(text, width, break_long_words=False)
    lines, line, used = [], "", 0
    for char in text:
        columns = 2 if unicodedata.east_asian_width(char) in "WF" else 1
        # never start a line with closing punctuation: it stays with the character before it
        if used + columns > width and line and char not in _NO_LINE_START:
            lines.append(line)
            line, used = "", 0
        line += char
        used += columns
    return "\n".join([*lines, line])


_NO_LINE_START = set("）」』》〉】，。、；：！？%)")


def _lighter(color: str, amount: float = 0.55) -> tuple[float, float, float]:
    r, g, b = mpl.colors.to_rgb(color)
    return (r + (1 - r) * amount, g + (1 - g) * amount, b + (1 - b) * amount)


def _scale(kind: str, values: Sequence[float]) -> tuple[float, str]:
    """The divisor for values on the axis and the unit it gives (amounts only)."""
    if kind == "amount":
        return amount_scale(max((abs(v) for v in values), default=0))
    return 1.0, "%" if kind == "percent" else ""


def _axis_label(unit: Text | None, kind: str, scale_unit: str) -> str:
    """The value axis title: `unit`, with the amount scale or % in parentheses where needed."""
    text = tr(unit)
    if not scale_unit:
        return text
    if not text:
        return scale_unit
    return f"{text}（{scale_unit}）" if i18n.get_lang() == "zh" else f"{text} ({scale_unit})"


def _tick_formatter() -> FuncFormatter:
    """Tick labels as fmt_number writes them, in the language of the moment the chart is drawn
    (ticks are formatted later, at render time, when a `lang=` override has ended)."""
    lang = i18n.get_lang()
    return FuncFormatter(lambda value, _pos: fmt_number(round(value, 10), lang=lang))


def _new_figure(ax: Axes | None, size: tuple[float, float]) -> tuple[Figure, Axes]:
    if ax is not None:
        return ax.figure, ax
    fig = plt.figure(figsize=size, layout="constrained")
    return fig, fig.add_subplot()


def add_source(fig: Figure, note: Text | None = None) -> None:
    """Put the source line (and an optional note line above it) under the figure, once: a chart
    drawn into an existing figure does not add a second one.

    It is the figure's supxlabel, because the constrained layout then keeps room for it under
    the axes; a figure with the source line has no other supxlabel."""
    lines = [tr(note)] if note is not None else []
    lines.append(i18n.source_line())
    text = "\n".join(lines)
    existing = next((t for t in fig.texts if t.get_gid() == _SOURCE_GID), None)
    if existing is not None:
        if note is not None:
            existing.set_text(text)
        return
    label = fig.supxlabel(text, x=0.01, ha="left", fontsize=8, color=SOURCE_COLOR)
    label.set_gid(_SOURCE_GID)


def _lower_bound_legend(ax: Axes, color: str) -> None:
    """The legend entry for hatched lower-bound bars, above the plot at the right, level with
    the left-aligned title (inside the plot it would cover bars or value labels)."""
    handle = Patch(
        facecolor=_lighter(color), edgecolor=color, hatch=HATCH, label=phrase("lower_bound")
    )
    ax.legend(handles=[handle], loc="lower right", bbox_to_anchor=(1, 1), borderaxespad=0.2)


def _bar_style(item_qualifier: str, color: str) -> dict[str, Any]:
    if item_qualifier == "at_least":
        return {"facecolor": _lighter(color), "edgecolor": color, "hatch": HATCH, "linewidth": 1}
    return {"facecolor": color, "edgecolor": color, "linewidth": 1}


def _in_lang(lang: str | None) -> AbstractContextManager[Any]:
    return nullcontext() if lang is None else i18n.using_lang(lang)


# ---------------------------------------------------------------------------------------------
# charts


def bar_breakdown(
    items: Any,
    *,
    title: Text,
    unit: Text | None = None,
    labels: Sequence[Text] | None = None,
    kind: str | None = None,
    sort: bool = False,
    color: str = MAIN,
    note: Text | None = None,
    inconsistent: Collection[str] = (),
    ax: Axes | None = None,
    lang: str | None = None,
) -> Figure:
    """Horizontal bars comparing the parts of a breakdown, first item on top.

    `items`: Facts, facts-DataFrame rows, a DataFrame (label_en, label_zh, value, qualifier[,
    unit]), dicts, or {(en, zh): value}. `unit`: the value axis title, e.g.
    ("Incubators", "孵化载体（家）"); amounts get their scale added ("CNY million" / "万元").
    `labels` overrides the items' own names; `kind` ("count", "amount", "percent") is read from
    the facts' base_unit when not given; `sort=True` puts the largest on top; `note` adds a line
    above the source line.

        fig = helpers.bar_breakdown(
            [helpers.fact(i) for i in ("incubated_firms", "incubated_tech_firms",
                                       "incubated_hightech_firms")],
            title=("What the incubators produced", "孵化平台成果"),
            unit=("Firms", "企业（家）"),
        )
    """
    with _in_lang(lang):
        records = _records(items)
        kind = _kind(records, kind)
        drawn = _items(records, labels, kind, inconsistent)
        if sort:
            drawn.sort(key=lambda item: item.value, reverse=True)
        fig, ax = _new_figure(ax, (FIGSIZE[0], max(2.4, 0.5 * len(drawn) + 1.4)))
        divisor, scale_unit = _scale(kind, [item.value for item in drawn])
        positions = list(range(len(drawn)))[::-1]
        widths = [item.value / divisor for item in drawn]
        for pos, width, item in zip(positions, widths, drawn, strict=True):
            style = _bar_style(item.qualifier, color)
            ax.barh(pos, width, height=0.62, **(_flag_style(style) if item.flagged else style))
        top, bottom = max(widths + [0]), min(widths + [0])
        span = (top - bottom) or 1
        pad = span * 0.015
        for pos, width, item in zip(positions, widths, drawn, strict=True):
            if item.qualifier == "at_least":  # an open end: the true value lies further right
                ax.plot([width + pad * 0.8], [pos], marker=">", color=color, markersize=5)
            gap = pad * (3 if item.qualifier == "at_least" else 1)
            ax.text(
                width + gap if width >= 0 else width - gap,
                pos,
                item.text,
                va="center",
                ha="left" if width >= 0 else "right",
                fontsize=9,
            )
        ax.set_yticks(positions, [_wrap(item.label, 30) for item in drawn])
        if bottom < 0:  # differences either side of zero: a zero line, room for labels both ways
            ax.axvline(0, color="#444444", linewidth=0.8)
            ax.set_xlim(bottom - span * 0.3, top + span * 0.3 if top > 0 else span * 0.05)
        else:
            ax.set_xlim(0, top * 1.3 if top > 0 else 1)
        ax.xaxis.set_major_formatter(_tick_formatter())
        ax.grid(axis="y", visible=False)
        ax.set_xlabel(_axis_label(unit, kind, scale_unit))
        ax.set_title(tr(title))
        if any(item.qualifier == "at_least" for item in drawn):
            _lower_bound_legend(ax, color)
        add_source(fig, _with_flag_note(note, any(item.flagged for item in drawn)))
        attach_data(fig, [_row(item) for item in drawn])
    return fig


def part_of_total(
    total: Any,
    parts: Any,
    *,
    title: Text,
    unit: Text | None = None,
    labels: Sequence[Text] | None = None,
    remainder_label: Text | None = None,
    kind: str | None = None,
    note: Text | None = None,
    inconsistent: Collection[str] = (),
    ax: Axes | None = None,
    lang: str | None = None,
) -> Figure:
    """One bar for a total, split into its printed parts and the remainder the release does not
    print (total minus the parts), drawn hatched grey and labelled as implied
    ("Municipal level (implied)" / "市级（推算）" unless `remainder_label` says otherwise).

    `total`: a Fact, row, dict or number. `parts`: as `items` of bar_breakdown. The legend under
    the bar names every part with its value; the total is printed at the bar's end. Raises
    ValueError if the parts add up to more than the total.

        fig = helpers.part_of_total(
            helpers.fact("platforms_total"),
            [helpers.fact("platforms_national"), helpers.fact("platforms_provincial")],
            title=("Innovation platforms by level", "科技创新平台按级别"),
            unit=("Platforms", "平台（家）"),
        )
    """
    with _in_lang(lang):
        records = _records(parts)
        kind = _kind([total, *records], kind)
        drawn = _items(records, labels, kind, inconsistent)
        total_value, total_qualifier = _value(total), _qualifier(total)
        remainder = total_value - sum(item.value for item in drawn)
        if remainder < -1e-9 * max(abs(total_value), 1):
            raise ValueError(
                f"the parts ({total_value - remainder:g}) exceed the total ({total_value:g})"
            )
        remainder_qualifier = _remainder_qualifier(total_qualifier, [i.qualifier for i in drawn])
        if kind == "count":
            remainder = round(remainder)
        unit_zh = _unit_zh(total) or _unit_zh(records[0])
        rest = _Item(
            tr(remainder_label) if remainder_label is not None else phrase("remainder"),
            remainder,
            remainder_qualifier,
            _fmt(remainder, remainder_qualifier, kind, unit_zh),
            source="derived: total − the parts ("
            + ", ".join([_source(total), *(item.source for item in drawn)])
            + ")",
            unit=_unit_of(total, kind),
        )
        segments = [*drawn, rest] if remainder > 0 else drawn
        legend_rows = -(-len(segments) // 2)
        if ax is None:
            # The legend gets its own axes under the bar, so the layout engine sizes both and the
            # source line never runs into the legend.
            fig = plt.figure(figsize=(FIGSIZE[0], 2.0 + 0.25 * legend_rows), layout="constrained")
            ax, legend_ax = fig.subplots(2, 1, height_ratios=[1.5, 0.25 * legend_rows + 0.05])
            legend_ax.set_axis_off()
        else:
            fig, legend_ax = ax.figure, None
        divisor, scale_unit = _scale(kind, [total_value])
        left, handles = 0.0, []
        colon = "：" if i18n.get_lang() == "zh" else ": "
        for index, item in enumerate(segments):
            width = item.value / divisor
            is_rest = item is rest
            color = PALETTE[index % len(PALETTE)]
            if is_rest:
                style = {
                    "facecolor": _lighter(IMPLIED, 0.45),
                    "edgecolor": IMPLIED,
                    "hatch": HATCH,
                    "linestyle": "--",
                    "linewidth": 1,
                }
            else:
                style = _bar_style(item.qualifier, color)
                if item.flagged:
                    style = _flag_style(style)
            ax.barh(0, width, left=left, height=0.5, **style)
            if width >= 0.07 * total_value / divisor:
                number = fmt_number(item.value / divisor if kind == "amount" else item.value)
                ax.text(
                    left + width / 2,
                    0,
                    number,
                    ha="center",
                    va="center",
                    fontsize=9,
                    color="white" if not is_rest else "#333333",
                )
            handles.append(
                Patch(
                    **{k: v for k, v in style.items() if k != "linewidth"},
                    label=f"{item.label}{colon}{item.text}",
                )
            )
            left += width
        if get_field(total, "base_unit") is None:  # a plain total: the parts' measure word
            total_text = _fmt(total_value, total_qualifier, kind, unit_zh)
        else:
            total_text = _text(total, total_value, total_qualifier, kind)
        ax.text(
            total_value / divisor * 1.01,
            0,
            f"{phrase('total')}{colon}{total_text}",
            va="center",
            ha="left",
            fontsize=9,
        )
        ax.set_xlim(0, total_value / divisor * 1.28)
        ax.set_ylim(-0.6, 0.6)
        ax.set_yticks([])
        ax.grid(axis="y", visible=False)
        ax.xaxis.set_major_formatter(_tick_formatter())
        ax.set_xlabel(_axis_label(unit, kind, scale_unit))
        ax.set_title(tr(title))
        if legend_ax is not None:
            legend_ax.legend(
                handles=handles,
                loc="upper left",
                bbox_to_anchor=(0, 1),
                ncols=min(2, len(handles)),
                borderaxespad=0,
            )
        else:
            ax.legend(handles=handles, loc="center left", bbox_to_anchor=(1, 0.5))
        flagged = _flagged(total, inconsistent) or any(item.flagged for item in drawn)
        add_source(fig, _with_flag_note(note, flagged))
        total_label = phrase("total")
        attach_data(
            fig,
            [
                (total_label, total_value, _unit_of(total, kind), total_qualifier, _source(total)),
                *(_row(item) for item in segments),
            ],
        )
    return fig


def _remainder_qualifier(total: str, parts: Sequence[str]) -> str:
    """How exact total − parts is (as helpers.derive.remainder says it): a lower-bound total
    leaves a lower bound, lower-bound parts leave an upper bound, both leave only a rough value."""
    total_open = total == "at_least"
    parts_open = any(q == "at_least" for q in parts)
    if total_open and parts_open:
        return "approximate"
    if total_open:
        return "at_least"
    if parts_open:
        return "at_most"
    inexact = total != "exact" or any(q != "exact" for q in parts)
    return "approximate" if inexact else "exact"


def _year(record: Any) -> int | None:
    period = None if _is_number(record) else get_field(record, "period")
    match = re.search(r"(19|20)\d\d", str(period)) if period is not None else None
    return int(match.group(0)) if match else None


def year_on_year(
    current: Any,
    growth_pct: Any = None,
    earlier: Any = None,
    *,
    title: Text,
    unit: Text | None = None,
    years: tuple[int, int] | None = None,
    earlier_implied: bool | None = None,
    kind: str | None = None,
    color: str = MAIN,
    note: Text | None = None,
    inconsistent: Collection[str] = (),
    ax: Axes | None = None,
    lang: str | None = None,
) -> Figure:
    """Two bars, the earlier year and the current one, with the growth between them.

    `current`: a Fact, row, dict or number. `growth_pct`: the growth in percent (a Fact or a
    number, e.g. 6.15). `earlier`: the earlier value if the release prints it; if not, it is
    worked back from the growth (helpers.formatting.implied_earlier_rounded: rounded to the current
    figure's precision) and drawn hatched with a dashed outline, labelled "2023 (implied)" /
    "2023年（推算）", its value marked "≈". An `earlier` from helpers.derive (a Quantity, which
    has a formula) is drawn as implied too; `earlier_implied` overrides that guess. `years`
    default to the current fact's period and the year before (release.YEAR and the year before without a period).

        fig = helpers.year_on_year(
            helpers.fact("foreign_experts"), helpers.fact("foreign_experts_growth"),
            title=("Foreign experts recruited", "新引进外国专家"),
            unit=("People", "人数（人）"),
        )
    """
    with _in_lang(lang):
        kind = _kind([current], kind)
        now, now_qualifier = _value(current), _qualifier(current)
        growth = None if growth_pct is None else _value(growth_pct)
        # a change in percentage points (a share's rise) is a difference, not a growth rate
        points = get_field(growth_pct, "base_unit") == "percentage_point"
        if earlier is None:
            if growth is None:
                raise ValueError("give growth_pct or earlier: the earlier value cannot be drawn")
            if points:
                before = round(now - growth, 10)
            else:
                before = implied_earlier_rounded(now, growth, whole=kind == "count")
            before_qualifier, implied = "approximate", True
        else:
            before, before_qualifier = _value(earlier), _qualifier(earlier)
            # a helpers.derive.Quantity (it has a formula) is worked out, not printed
            implied = (
                get_field(earlier, "formula") is not None
                if earlier_implied is None
                else earlier_implied
            )
            if implied:
                before = round_sig(before, significant_digits(now))
                if kind == "count":
                    before = float(round(before))
                if before_qualifier in ("exact", "interval"):
                    before_qualifier = "approximate"
        if implied or get_field(earlier, "base_unit") is None:
            before_text = _fmt(before, before_qualifier, kind, _unit_zh(current))
        else:
            before_text = _text(earlier, before, before_qualifier, kind)
        if years is None:
            year = _year(current) or release.YEAR
            years = (year - 1, year)
        now_text = _text(current, now, now_qualifier, kind)

        fig, ax = _new_figure(ax, (5.2, 3.8))
        divisor, scale_unit = _scale(kind, [now, before])
        heights = [before / divisor, now / divisor]
        if implied:
            before_style = {
                "facecolor": _lighter(IMPLIED, 0.45),
                "edgecolor": IMPLIED,
                "hatch": HATCH,
                "linestyle": "--",
                "linewidth": 1.2,
            }
        else:
            before_style = _bar_style(before_qualifier, _lighter(color, 0.35))
        # each bar carries the mark of its own figure; an earlier value worked back from a rate
        # the audit finds inconsistent inherits the rate's mark (the printed current one does not)
        rate_flagged = _flagged(growth_pct, inconsistent)
        before_flagged = _flagged(earlier, inconsistent) or (implied and rate_flagged)
        now_flagged = _flagged(current, inconsistent)
        flagged = before_flagged or now_flagged or rate_flagged
        now_style = _bar_style(now_qualifier, color)
        if before_flagged:
            before_style = _flag_style(before_style)
        if now_flagged:
            now_style = _flag_style(now_style)
        ax.bar(0, heights[0], width=0.55, **before_style)
        ax.bar(1, heights[1], width=0.55, **now_style)
        top = max(heights + [0])
        for x, height, text in ((0, heights[0], before_text), (1, heights[1], now_text)):
            ax.text(x, height + top * 0.02, text, ha="center", va="bottom", fontsize=9)
        if growth is not None and points:
            change = fmt_pp(growth)
        elif growth is not None:
            change = fmt_growth(growth)
        else:
            change = fmt_growth(round((now / before - 1) * 100, 1)) if before else ""
        if change:
            # the arrow starts and ends above the value labels, not through them
            ax.annotate(
                "",
                xy=(0.93, heights[1] + top * 0.14),
                xytext=(0.07, heights[0] + top * 0.14),
                arrowprops={
                    "arrowstyle": "->",
                    "color": "#444444",
                    "connectionstyle": "arc3,rad=-0.25",
                },
            )
            ax.text(
                0.5,
                max(heights) + top * 0.24,
                change,
                ha="center",
                va="bottom",
                fontsize=10,
                color=FLAG_COLOR if flagged else NEUTRAL,
            )
        first = phrase("year_implied" if implied else "year", year=years[0])
        ax.set_xticks([0, 1], [first, phrase("year", year=years[1])])
        ax.set_xlim(-0.6, 1.6)
        ax.set_ylim(0, top * 1.45 if top > 0 else 1)
        ax.yaxis.set_major_formatter(_tick_formatter())
        if kind == "count":  # no ticks at 2.5 people
            ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.grid(axis="x", visible=False)
        ax.set_ylabel(_axis_label(unit, kind, scale_unit))
        ax.set_title(tr(title))
        if now_qualifier == "at_least":
            _lower_bound_legend(ax, color)
        # what is inconsistent: the rate the earlier bar is worked back from, or the figures
        only_rate = before_flagged and not now_flagged and not _flagged(earlier, inconsistent)
        add_source(
            fig, _with_flag_note(note, flagged, "inconsistent_rate_note" if only_rate else None)
        )
        unit_name = _unit_of(current, kind)
        if implied and earlier is None:
            how = "current − change" if points else "current / (1 + growth / 100), rounded"
            before_source = f"derived: {how} ({_source(current)}, {_source(growth_pct)})"
        else:
            before_source = _source(earlier)
        rows = [
            (first, before, unit_name, before_qualifier, before_source),
            (phrase("year", year=years[1]), now, unit_name, now_qualifier, _source(current)),
        ]
        if growth is not None:
            rows.append(
                (
                    change,
                    growth,
                    "percentage_point" if points else "percent",
                    _qualifier(growth_pct),
                    _source(growth_pct),
                )
            )
        attach_data(fig, rows)
    return fig


def big_numbers(
    facts: Any,
    *,
    ncols: int = 3,
    labels: Sequence[Text] | None = None,
    changes: Sequence[Any] | None = None,
    title: Text | None = None,
    kind: str | None = None,
    note: Text | None = None,
    inconsistent: Collection[str] = (),
    lang: str | None = None,
) -> Figure:
    """A headline panel: one tile per fact with the number large, its name under it and an
    optional change line (for the summary slide).

    `facts`: Facts, facts-DataFrame rows, a DataFrame or dicts (as bar_breakdown). `labels`
    overrides their names. `changes`, one per fact or None: a Fact (percentage points ->
    "+2.76 pp" / "提高2.76个百分点"; percent -> "+75.2% year on year" / "同比增长75.2%") or a
    Text used as is. A fact with no change that is a stock at the release (period `to_date`,
    目前; `cumulative_to_date`, 累计) says so instead (`STOCK_PERIODS`), since the panel's title
    usually names the year of the flows.

        fig = helpers.big_numbers(
            [helpers.fact("tech_smes_registered"), helpers.fact("hightech_output_share"),
             helpers.fact("hightech_output_share_rank")],
            changes=[None, helpers.fact("hightech_output_share_change_pp"), None],
            title=("The headline figures", "主要数据"),
        )
    """
    with _in_lang(lang):
        records = _records(facts)
        if not records:
            raise ValueError("nothing to draw: no facts")
        if changes is not None and len(changes) != len(records):
            raise ValueError(f"{len(changes)} changes for {len(records)} facts")
        ncols = max(1, min(ncols, len(records)))
        nrows = -(-len(records) // ncols)
        fig = plt.figure(figsize=(2.5 * ncols, 1.5 * nrows + 0.5), layout="constrained")
        axes = fig.subplots(nrows, ncols, squeeze=False)
        columns = 34  # label width in Latin columns (17 Chinese characters) on a 2.5-inch tile
        for index, ax in enumerate(axes.flat):
            ax.set_axis_off()
            if index >= len(records):
                continue
            record = records[index]
            value, qualifier = _value(record), _qualifier(record)
            big = _text(record, value, qualifier, _kind([record], kind))
            change = None if changes is None else changes[index]
            tile_flagged = _flagged(record, inconsistent) or _flagged(change, inconsistent)
            ax.text(
                0.5,
                0.95,
                big,
                ha="center",
                va="top",
                fontsize=24 if len(big) <= 9 else 18,
                color=FLAG_COLOR if tile_flagged else MAIN,
                transform=ax.transAxes,
            )
            name = _wrap(_label(record, None if labels is None else labels[index]), columns)
            name_text = ax.text(
                0.5,
                0.55,
                name,
                ha="center",
                va="top",
                fontsize=9,
                color="#333333",
                transform=ax.transAxes,
                linespacing=1.3,
            )
            if change is None and not _is_number(record):
                change = STOCK_PERIODS.get(str(get_field(record, "period", "")))
            if change is not None:  # right under the name, so it reads as part of this tile
                line = tr(change) if _is_text(change) else fmt_change(change)
                if tile_flagged:
                    line = f"{line} {phrase('inconsistent_mark')}"
                # neutral: a rise is not known to be good or bad (a share also rises when the
                # rest shrinks)
                ax.annotate(
                    line,
                    xy=(0.5, 0),
                    xycoords=name_text,
                    xytext=(0, -4),
                    textcoords="offset points",
                    ha="center",
                    va="top",
                    fontsize=9,
                    color=FLAG_COLOR if tile_flagged else NEUTRAL,
                )
        if title is not None:
            fig.suptitle(tr(title), x=0.01, ha="left", fontsize=13)
        add_source(fig, note)  # a marked tile says so itself
        attach_data(
            fig,
            [
                (
                    _label(record, None if labels is None else labels[i]),
                    _value(record),
                    _unit_of(record, _kind([record], kind)),
                    _qualifier(record),
                    _source(record),
                )
                for i, record in enumerate(records)
            ],
        )
    return fig


# ---------------------------------------------------------------------------------------------
# saving


class SavedFigure(NamedTuple):
    """The files save_figure wrote. Its repr shows project-relative paths, so a notebook cell
    that ends with save_figure(...) stores the same output on every machine."""

    png: Path
    svg: Path

    def __repr__(self) -> str:
        def show(path: Path) -> str:
            try:
                return path.relative_to(PROJ_ROOT).as_posix()
            except ValueError:
                return path.as_posix()

        return f"SavedFigure(png='{show(self.png)}', svg='{show(self.svg)}')"

    @property
    def csv(self) -> Path:
        """The chart's data, <name>.csv beside the pictures (for a chart of this module)."""
        return self.png.with_suffix(".csv")


# A zh chart's CSV speaks Chinese: its header, units, qualifiers and sources (build/figures/zh/).
DATA_COLUMNS_ZH = ("标签", "数值", "单位", "限定", "来源")


def _source_zh(source: str) -> str:
    """A CSV row's source in Chinese: the fact's name, the working, or 本章计算."""
    from helpers import tables

    if source.startswith("fact "):
        return f"新闻稿：{tables.translate_text(source[5:])}"
    if source.startswith("derived: "):
        ids = re.findall(r"(?<![\w])(?:fact )?([a-z][a-z0-9]*(?:_[a-z0-9]+)+)", source)
        names = [tables.translate_text(i) for i in dict.fromkeys(ids) if i in tables.fact_names()]
        return f"推算（依据：{'、'.join(names)}）" if names else "推算"
    return "本章计算"


def data_csv(fig: Figure, lang: str = "en") -> str | None:
    """The text of a chart's data CSV (DATA_COLUMNS, one row per value drawn; numbers as
    plainly as they are exact), or None for a figure this module did not draw. In zh the
    header is DATA_COLUMNS_ZH and units, qualifiers and sources are in Chinese."""
    from helpers import tables

    rows = chart_data(fig)
    if not rows:
        return None
    zh = lang == "zh"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(DATA_COLUMNS_ZH if zh else DATA_COLUMNS)
    for row in rows:
        value = float(row["value"])
        shown = str(int(value)) if value.is_integer() else repr(round(value, 10))
        unit, qualifier, source = row["unit"], row["qualifier"], row["source"]
        if zh:
            if qualifier == "exact" and source.startswith("derived: "):
                qualifier = tables.DERIVED_QUALIFIER  # 推算: 确数 is for printed figures only
            unit, qualifier = tables.translate_text(unit), tables.translate_text(qualifier)
            source = _source_zh(source)
        writer.writerow([row["label"].replace("\n", " "), shown, unit, qualifier, source])
    return buffer.getvalue()


_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*")


def save_figure(
    fig: Figure,
    name: str,
    *,
    lang: str | None = None,
    out_dir: Path | None = None,
    close: bool = False,
) -> SavedFigure:
    """Write `fig` for presentations as <out_dir>/<lang>/<name>.png (200 dpi) and .svg, and the
    values it draws as <name>.csv (a chart of this module: `data_csv`).

    `out_dir` defaults to `figures_dir()`, build/figures/ (git-ignored) unless the export says
    otherwise; `lang` to the current language, so the
    English and Chinese versions of a chart sit side by side under the same name. `name` is a
    stable file name: lower-case letters, digits, "-" and "_" (e.g. "incubators_by_level").
    Files are written atomically; the SVG has no date and fixed ids, so two runs give identical
    bytes. `close=True` closes the figure afterwards (for scripts that draw many figures).
    With ZZ_SAVE_FIGURES=0 (set by `make test`, where nbval only compares text) nothing is
    written and the paths are returned as they would be.
    """
    if not _NAME.fullmatch(name):
        raise ValueError(f"figure name {name!r}: use lower-case letters, digits, '-' and '_'")
    code = i18n.get_lang() if lang is None else i18n.check_lang(lang)
    folder = Path(out_dir if out_dir is not None else figures_dir()) / code
    paths = SavedFigure(folder / f"{name}.png", folder / f"{name}.svg")
    if os.environ.get(SAVE_ENV) == "0":
        if close:
            plt.close(fig)
        return paths
    data = data_csv(fig, code)
    if data is not None:
        write_bytes_atomic(paths.csv, data.encode("utf-8"))
    with mpl.rc_context({"svg.hashsalt": SVG_HASHSALT, "svg.fonttype": "path"}):
        for path, fmt, extra in (
            (paths.png, "png", {"dpi": EXPORT_DPI}),
            (paths.svg, "svg", {"metadata": {"Date": None}}),
        ):
            buffer = io.BytesIO()
            fig.savefig(buffer, format=fmt, bbox_inches="tight", **extra)
            write_bytes_atomic(path, buffer.getvalue())
    if close:
        plt.close(fig)
    return paths
