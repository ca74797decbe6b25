"""The presenters' decks: one reveal.js deck per chapter and language, written for the room.

A deck is its own source, `notebooks/decks/<lang>/NN_name.md`, not a by-product of the notebook:
an analyst's notebook keeps its prose in reading order, and a presenter gets slides whose every
headline has its evidence under it and whose notes are sentences to be spoken. The Chinese deck is
written in Chinese beside the English one, not generated from it.

The source is Markdown with a few conventions (reveal.js's own for notes):

    # Deck title                      first block: the title slide (a line under it: the subtitle)
    ---                               a line of three dashes separates slides
    ## The headline: the finding as a sentence, with its number
    !chart Incubators and makerspaces by level       evidence: a chart drawn for the slide
    National incubators | incubators_national         a bar: its label | a fact id
    Municipal (worked out) | remainder incubators_total incubators_national ...
                                                      or a derivation of helpers.derive
    !numbers                          evidence: up to four big numbers, "value | label" a line
                                      (`!numbers rows`: one a row, its label beside it)
    50.84% | high-tech share of industrial output, 2024
    - a bullet, or a table of up to five rows (plain Markdown)
    !source Phoenix Shandong, 2015; People's Daily Online, 2022    the slide's source line, when
                                      it is not the release alone (charts and footers use it)
    Note:
    What the presenter says: sentences, the release's sentence quoted, the caveat in one line.

The audit's counts are never typed: `{{consistent}}` (and `{{checks}}`, `{{bound}}`, ...) is filled
in from data/processed/audit.csv (`fill_counts`), on faces and in notes alike.

A chart's bars are computed here from data/facts.csv with the functions the notebooks use
(`remainder TOTAL PART...`, `implied CURRENT GROWTH`, `earlier_share SHARE CHANGE`,
`per AMOUNT COUNT`, `verdicts VERDICT` for the audit's count of a verdict, and `context ID` for a
figure of another public source in data/context.csv), so a deck and a report cannot disagree on
a number. They are drawn large for a 1280x720 slide (1600 px wide,
text about 20 pt as shown): a lower bound hatched and marked ≥, a worked-out value lighter and
hatched, nothing red. `!numbers` tiles are HTML text, crisp at any size; their values are
typed, and tests/test_decks.py ties each one to a fact or a derivation.

`python -m helpers.publish.decks --out build` writes `build/<lang>/slides/NN_name.slides.html`
(one file: reveal.js, the charts and the font subset inlined) and, with Chromium, the PDF beside
it; it builds every deck it is asked for. `make decks` runs it, and `make run` runs it as its
`decks` step (helpers.publish.run) only when a hash of the sources, the facts, the audit, the
context, the glossary or the helpers, or of the built decks, changed.
"""

from __future__ import annotations

import argparse
import base64
import csv
import html
import io
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from helpers import release
from helpers.paths import BUILD_DIR, NOTEBOOKS_DIR
from helpers.publish import webfont
from helpers.publish.layout import Layout

DECKS_DIR = NOTEBOOKS_DIR / "decks"
LANGS = ("en", "zh")
HTML_LANG = {"en": "en", "zh": "zh-Hans"}
SLIDE_WIDTH, SLIDE_HEIGHT = 1280, 720
# reveal.js 4.6.1, inlined into every deck (MIT; helpers/publish/assets/reveal.js-4.6.1/README.md
# says why it is vendored); the export copies its licence into build/licenses/.
REVEAL_DIR = webfont.ASSETS_DIR / "reveal.js-4.6.1"
CHART_SIZE_IN = (12.8, 4.6)  # drawn at 125 dpi: 1600 px wide, shown about 1180 px wide
CHART_DPI = 125
CHART_FONT_PT = 21  # 21 pt at 1600 px, shown at 1180 px: about 20 pt on the slide
MAIN, LIGHT = "#2f6db5", "#9dbbe0"
MAX_NUMBERS = 4
SOURCE = release.SOURCE_LINE  # the line under every chart, and on every slide without one
SOURCE_PREFIX = {"en": "Source: ", "zh": "资料来源："}  # every slide's source line starts so
_DIRECTIVE = re.compile(r"^!(chart|numbers)\b(.*)$")
_SOURCE_LINE = re.compile(r"^!source\s+(.+)$")


class DeckError(ValueError):
    """A deck source that cannot be built; the message names the file and the slide."""


@dataclass
class Slide:
    """One slide: its headline, its evidence (HTML) and the presenter's notes (HTML)."""

    headline: str
    evidence: list[str] = field(default_factory=list)
    notes: str = ""
    charts: list[str] = field(default_factory=list)  # the titles of the charts it draws
    source: str = ""  # the slide's source line, when it is not the release alone (`!source`)
    legend: list[str] = field(default_factory=list)  # what its charts' encodings mean


@dataclass
class Deck:
    name: str
    lang: str
    title: str
    subtitle: str
    slides: list[Slide]
    title_notes: str = ""


def _markdown(text: str) -> str:
    import mistune

    return mistune.html(text.strip()) if text.strip() else ""


def _split_notes(block: str) -> tuple[str, str]:
    parts = re.split(r"^Note:\s*$", block, maxsplit=1, flags=re.M)
    return parts[0], parts[1] if len(parts) > 1 else ""


_COUNT = re.compile(r"\{\{([a-z ]+)\}\}")


def fill_counts(text: str, where: str = "") -> str:
    """`text` with the audit's counts filled in where the source writes them as placeholders:
    `{{checks}}` the checks of the release, `{{consistent}}`, `{{inconsistent}}`,
    `{{cannot be checked}}`, `{{bound}}` those with that verdict, `{{tested}}` those a printed
    figure could test (consistent or inconsistent). A deck never types the audit's counts."""
    from helpers.paths import AUDIT

    if not _COUNT.search(text):
        return text
    with AUDIT.open(encoding="utf-8", newline="") as handle:
        verdicts = [row["verdict"] for row in csv.DictReader(handle) if row["scope"] == "release"]
    counts = {verdict: verdicts.count(verdict) for verdict in set(verdicts)}
    counts["checks"] = len(verdicts)
    counts["tested"] = counts.get("consistent", 0) + counts.get("inconsistent", 0)

    def count(match: re.Match) -> str:
        key = match.group(1)
        if key not in counts:
            raise DeckError(
                f"{where}: {{{{{key}}}}} is not a count of the audit ({sorted(counts)})"
            )
        return str(counts[key])

    return _COUNT.sub(count, text)


def parse(text: str, name: str, lang: str) -> Deck:
    """A deck from its Markdown source (the conventions are in the module docstring)."""
    text = fill_counts(text, f"{name} ({lang})")
    blocks = re.split(r"^---\s*$", text, flags=re.M)
    head, title_notes = _split_notes(blocks[0])
    lines = [line for line in head.strip().splitlines() if line.strip()]
    if not lines or not lines[0].startswith("# "):
        raise DeckError(f"{name} ({lang}): the first block must start with '# title'")
    deck = Deck(name, lang, lines[0][2:].strip(), "\n".join(lines[1:]).strip(), [])
    deck.title_notes = _markdown(title_notes)
    for number, block in enumerate(blocks[1:], start=2):
        body, notes = _split_notes(block)
        body_lines = body.strip().splitlines()
        if not body_lines or not body_lines[0].startswith("## "):
            raise DeckError(f"{name} ({lang}), slide {number}: it must start with '## headline'")
        slide = Slide(body_lines[0][3:].strip(), notes=_markdown(notes))
        _evidence(slide, body_lines[1:], f"{name} ({lang}), slide {number}", lang)
        deck.slides.append(slide)
    return deck


def _evidence(slide: Slide, lines: list[str], where: str, lang: str) -> None:
    sources = [m.group(1).strip() for line in lines if (m := _SOURCE_LINE.match(line.strip()))]
    slide.source = sources[-1] if sources else ""
    lines = [line for line in lines if not _SOURCE_LINE.match(line.strip())]
    markdown: list[str] = []
    i = 0

    def flush() -> None:
        if "".join(markdown).strip():
            slide.evidence.append(
                f'<div class="zz-text">{_marked(_markdown(keep_together(chr(10).join(markdown))))}</div>'
            )
        markdown.clear()

    while i < len(lines):
        match = _DIRECTIVE.match(lines[i].strip())
        if not match:
            markdown.append(lines[i])
            i += 1
            continue
        flush()
        kind, rest = match.groups()
        rows = []
        i += 1
        while i < len(lines) and lines[i].strip():
            left, _, right = lines[i].partition("|")
            rows.append((left.strip(), right.strip()))
            i += 1
        if kind == "chart":
            title = rest.strip()
            if not rows:
                raise DeckError(f"{where}: !chart takes 'label | fact id or derivation' lines")
            slide.charts.append(title)
            html_, legend = _chart_html(title, rows, lang, where, slide.source)
            slide.evidence.append(html_)
            slide.legend += [line for line in legend if line not in slide.legend]
        else:
            tiles = rows
            if not 1 <= len(tiles) <= MAX_NUMBERS:
                raise DeckError(f"{where}: !numbers takes 1 to {MAX_NUMBERS} 'value | label' lines")
            slide.evidence.append(_numbers_html(tiles, where, rows=rest.strip() == "rows"))
    flush()
    if not slide.evidence:
        raise DeckError(
            f"{where}: a slide needs evidence under its headline (a chart, numbers, a table or bullets)"
        )


# Big numbers: one size on every slide of every deck, side by side while they fit their column
# (else one under another). A Latin letter or digit is about 0.56 em wide in the embedded font, a
# Chinese character 1 em; the slide's text column is about 1180 px.
NUMBER_PX = 96
COLUMNS = {1: 1, 2: 2, 3: 3, 4: 2}
TEXT_WIDTH, GAP = 1180, 48


def _ems(text: str) -> float:
    from helpers.repair.script import HAN

    han = len(HAN.findall(text))
    return han + 0.56 * (len(text) - han)


def _numbers_html(tiles: list[tuple[str, str]], where: str = "", rows: bool = False) -> str:
    """Big numbers side by side while they fit their columns, else (or with `!numbers rows`,
    when one language's values fit and the other's do not) one a row with its label beside it."""
    widest = max(_ems(_MARK.sub(r"\1", value)) for value, _ in tiles) * NUMBER_PX
    columns = COLUMNS[len(tiles)]
    fits = widest <= (TEXT_WIDTH - GAP * (columns - 1)) / columns
    if len(tiles) == 4 and not fits:
        raise DeckError(f"{where}: four big numbers must fit two columns; shorten the values")
    cells = "".join(
        f'<div class="zz-tile"><div class="zz-number">{_face(value)}</div>'
        f'<div class="zz-label">{_face(join_terms(label))}</div></div>'
        for value, label in tiles
    )
    if not rows and (fits or len(tiles) < 3):
        return (
            f'<div class="zz-numbers" style="--zz-columns: {columns if fits else 1}">{cells}</div>'
        )
    # three that do not fit side by side: one number a row, its label beside it (never a 2 + 1
    # grid; tests/test_decks.py holds a slide to one layout in both languages)
    return f'<div class="zz-numbers zz-rows">{cells}</div>'


_TERMS: list[str] = []


def glossary_terms() -> list[str]:
    """The Chinese terms of data/glossary.csv, longest first."""
    from helpers.paths import DATA_DIR

    if not _TERMS:
        with (DATA_DIR / "glossary.csv").open(encoding="utf-8", newline="") as handle:
            terms = {row["term_zh"].strip() for row in csv.DictReader(handle)}
        _TERMS.extend(sorted((t for t in terms if len(t) > 1), key=len, reverse=True))
    return _TERMS


def join_terms(text: str) -> str:
    """`text` with every glossary term held together by word joiners (U+2060) between its
    characters, so that a Chinese label wraps between words, never inside one (比/重, 高层/次人才):
    CSS's keep-all does not keep Chinese words together."""
    terms = [term for term in glossary_terms() if term in text]
    if not terms:
        return text
    pattern = re.compile("|".join(re.escape(term) for term in terms))
    return pattern.sub(lambda m: "\u2060".join(m.group(0)), text)


# The one figure the audit finds inconsistent is red wherever a slide shows it: a chart's bar is
# marked from the audit itself, a figure in text is written !!+6.15%!! in the deck's source.
FLAG_COLOR = "#b03a2e"
_MARK = re.compile(r"!!(.+?)!!")


def _marked(escaped: str) -> str:
    return _MARK.sub(r'<span class="zz-inconsistent">\1</span>', escaped)


def _face(text: str) -> str:
    """Face text as HTML: escaped, numbers kept with their units, the inconsistent figure red."""
    return _marked(html.escape(keep_together(text)))


# ---------------------------------------------------------------------------------------------
# charts drawn for the slide, from the facts


@dataclass(frozen=True)
class Bar:
    """One bar: its label, value in base units, unit (count, yuan, percent), qualifier, and
    whether it was worked out rather than printed."""

    label: str
    value: float
    unit: str
    qualifier: str
    derived: bool
    elsewhere: bool = False  # from another public source (data/context.csv), not the release
    inconsistent: bool = False  # the audit's inconsistent figure, or worked out from it


# A chart row's value: a fact id, or one of these derivations of helpers.derive over fact ids,
# or the number of the audit's checks with a verdict (data/processed/audit.csv).
DERIVATIONS = ("remainder", "implied", "earlier_share", "per", "verdicts", "context")


def _row_value(expression: str, where: str) -> Bar:
    from helpers import derive
    from helpers.errors import DataError
    from helpers.facts import fact

    words = expression.split()
    try:
        if len(words) == 1:
            found = fact(words[0])
            unit = str(found.base_unit)
            flagged = words[0] in inconsistent_figures()
            return Bar(
                "",
                float(found.value_base),
                unit,
                str(found.qualifier),
                False,
                inconsistent=flagged,
            )
        op, ids = words[0], words[1:]
        if op == "verdicts":
            verdict = " ".join(ids)
            count = float(_verdict_count(verdict))
            return Bar("", count, "count", "exact", False, inconsistent=verdict == "inconsistent")
        if op == "context":
            return _context_bar(ids[0])
        facts = [fact(i) for i in ids]
        if op == "remainder":
            q = derive.remainder(facts[0], facts[1:])
        elif op == "implied":
            q = derive.implied_earlier(facts[0], facts[1])
        elif op == "earlier_share":
            q = derive.earlier_share(facts[0], facts[1])
        elif op == "per":
            q = derive.per_unit(facts[0], facts[1])
        else:
            raise DeckError(f"{where}: {op!r} is not a fact id or one of {', '.join(DERIVATIONS)}")
    except (KeyError, LookupError, IndexError, DataError) as error:
        raise DeckError(f"{where}: cannot read {expression!r}: {error}") from None
    whole = abs(q.value - round(q.value)) < 1e-9 and q.qualifier == "exact"
    qualifier = "exact" if whole else ("at_least" if q.qualifier == "at_least" else "approximate")
    flagged = bool(set(ids) & inconsistent_figures())
    return Bar("", q.value, q.base_unit, qualifier, True, inconsistent=flagged)


def inconsistent_figures() -> frozenset[str]:
    """The fact ids the audit finds inconsistent, as a slide marks them: of a growth check, the
    rate (the count is quotable: "quote the count, not the rate"); of any other, every figure."""
    from helpers.paths import AUDIT

    with AUDIT.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["verdict"] == "inconsistent"]
    ids: set[str] = set()
    for row in rows:
        figures = row["figures"].split()
        ids.update(figures[-1:] if row["kind"] == "growth" else figures)
    return frozenset(ids)


def _context_bar(id: str) -> Bar:
    """A figure of another public source (data/context.csv): reported ones drawn solid, derived
    or approximate ones hatched, as the context chapter draws them."""
    from helpers.context import load_context

    table = load_context().set_index("id")
    if id not in table.index:
        raise KeyError(f"data/context.csv has no row {id!r}")
    row = table.loc[id]
    qualifier = "at_least" if row["qualifier"] == "at_least" else "exact"
    derived = row["kind"] == "derived"  # worked out from the page's figures; "approximate" rows
    # are printed values whose year or scope is a reading, said in the slide's label
    if derived and qualifier == "exact":
        qualifier = "approximate"
    elsewhere = not str(row["publisher"]).startswith(
        "枣庄市人民政府新闻办公室"
    )  # the release's rows
    return Bar("", float(row["value_base"]), str(row["base_unit"]), qualifier, derived, elsewhere)


def _verdict_count(verdict: str) -> int:
    from helpers.paths import AUDIT

    with AUDIT.open(encoding="utf-8", newline="") as handle:
        return sum(
            1
            for row in csv.DictReader(handle)
            if row["scope"] == "release" and row["verdict"] == verdict
        )


def chart_bars(rows: list[tuple[str, str]], where: str) -> list[Bar]:
    """The bars of a `!chart` block: each (label, expression) row computed from the facts."""
    bars = []
    for label, expression in rows:
        bar = _row_value(expression, where)
        bars.append(
            Bar(
                label,
                bar.value,
                bar.unit,
                bar.qualifier,
                bar.derived,
                bar.elsewhere,
                bar.inconsistent,
            )
        )
    units = {bar.unit for bar in bars}
    if len(units) > 1:
        raise DeckError(f"{where}: a chart draws one unit; these rows mix {sorted(units)}")
    return bars


def _shown(bar: Bar) -> float:
    """A worked-out value with no more precision than its inputs carry: whole counts stay whole,
    amounts keep three significant digits, other values four."""
    from helpers.formatting import round_sig

    if not bar.derived or bar.qualifier == "exact" or bar.value == 0:
        return bar.value
    return round_sig(bar.value, 3 if bar.unit == "yuan" else 4)


def _value_text(bar: Bar, lang: str, scale: float = 0.0) -> str:
    """A bar's value as its label shows it; amounts of one chart in one unit (`scale`: the
    chart's largest amount), so CNY 1.27 billion stands beside CNY 0.83 billion, not 830 million."""
    from helpers import formatting

    value = _shown(bar)
    if bar.unit == "yuan" and lang == "en":  # CNY 4.77 million, not 4.766: three digits, as faces
        value = formatting.round_sig(value, 3) if abs(value) < 1e9 else value
    if bar.unit == "yuan":
        if lang == "en" and scale >= 1e9 and 1e6 <= abs(value) < 1e9:
            core = f"CNY {formatting.round_sig(value / 1e9, 3):g} billion"
            return {"at_least": f"≥ {core}", "approximate": f"≈ {core}"}.get(bar.qualifier, core)
        return formatting.fmt_amount(value, lang, bar.qualifier, compact=True)
    if bar.unit == "percent":
        core = formatting.fmt_percent(value, lang=lang)
        return {"at_least": f"≥ {core}", "approximate": f"≈ {core}"}.get(bar.qualifier, core)
    return formatting.fmt_count(value, lang=lang, qualifier=bar.qualifier, compact=True)


def _axis_unit(bars: list[Bar], lang: str) -> tuple[float, str]:
    from helpers import formatting

    unit = bars[0].unit
    if unit == "yuan":
        return formatting.amount_scale(max(b.value for b in bars), lang)
    return 1.0, ""


def _scale(bars: list[Bar]) -> float:
    return max(abs(bar.value) for bar in bars) if bars[0].unit == "yuan" else 0.0


def draw_chart(bars: list[Bar], lang: str) -> bytes:
    """Large horizontal bars for a slide, first row on top, as PNG bytes (1600 px wide). The
    chart's title, legend and source line are the slide's HTML text (`legend`), aligned with its
    headline and as large as its other text.

    One encoding on every deck: a printed figure solid blue; a figure worked out from printed
    ones lighter blue; a lower bound (余) hatched with ≥ before its value; a figure of another
    public source grey; the audit's inconsistent figure, and anything worked out from it, red
    (lighter if worked out); nothing else red."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from helpers.fonts import ensure_cjk_font

    font = ensure_cjk_font()
    families = [font.family] if font else []
    rc = {
        "font.size": CHART_FONT_PT,
        "font.family": families + ["DejaVu Sans"],
        "axes.unicode_minus": False,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "svg.hashsalt": "zz",
    }
    divisor, _scale_name = _axis_unit(bars, lang)
    scale = _scale(bars)
    with plt.rc_context(rc):
        fig, ax = plt.subplots(figsize=CHART_SIZE_IN, dpi=CHART_DPI)
        positions = list(range(len(bars)))[::-1]
        widths = [bar.value / divisor for bar in bars]
        top = max(widths + [0])
        texts = [_value_text(bar, lang, scale) for bar in bars]
        for pos, width, bar, text in zip(positions, widths, bars, texts, strict=True):
            ax.barh(pos, width, height=0.66, linewidth=1.2, **_bar_style(bar))
            color = FLAG_COLOR if bar.inconsistent else "black"
            ax.text(width + top * 0.015, pos, text, va="center", ha="left", color=color)
        ax.set_yticks(positions, [bar.label for bar in bars])
        for tick, bar in zip(ax.get_yticklabels(), bars, strict=True):
            if bar.inconsistent:
                tick.set_color(FLAG_COLOR)
        # room at the right for the longest value label ("≈ CNY 4.07 million"): about 2.2% of the
        # plot's width per character at this size
        longest = max(len(text) for text in texts)
        ax.set_xlim(0, top * (1.12 + 0.022 * longest) if top else 1)
        ax.xaxis.set_visible(False)
        ax.spines["bottom"].set_visible(False)
        ax.tick_params(axis="y", length=0, pad=12)
        fig.tight_layout(pad=0.3)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=CHART_DPI, metadata={"Software": None})
        plt.close(fig)
    return buffer.getvalue()


def legend(bars: list[Bar], lang: str) -> list[str]:
    """What the encodings drawn in `bars` mean, one phrase each, only those drawn."""
    return [
        LEGEND[key][lang]
        for key, present in (
            (
                "derived",
                any(bar.derived and not bar.elsewhere and not bar.inconsistent for bar in bars),
            ),
            ("bound", any(bar.qualifier == "at_least" for bar in bars)),
            ("elsewhere", any(bar.elsewhere for bar in bars)),
            ("inconsistent", any(bar.inconsistent for bar in bars)),
        )
        if present
    ]


GREY = "#7f7f7f"
LIGHT_FLAG = "#dc9c94"
LEGEND = {
    "derived": {"en": "lighter: worked out from printed figures", "zh": "浅色：由公布数推算"},
    "bound": {"en": 'hatched, ≥: a lower bound ("more than")', "zh": "斜线、≥：下限（余）"},
    "elsewhere": {"en": "grey: other public sources", "zh": "灰色：其他公开来源"},
    "inconsistent": {
        "en": "red: the figure the audit finds inconsistent, or worked out from it",
        "zh": "红色：核对不一致的数字及由其推算的数",
    },
}


def _bar_style(bar: Bar) -> dict:
    if bar.inconsistent:
        return {"color": LIGHT_FLAG if bar.derived else FLAG_COLOR, "edgecolor": FLAG_COLOR}
    if bar.elsewhere:
        if bar.qualifier == "at_least":
            return {"color": "white", "edgecolor": GREY, "hatch": "//"}
        return {"color": GREY, "edgecolor": GREY}
    if bar.qualifier == "at_least":
        return {"color": "white", "edgecolor": MAIN, "hatch": "//"}
    return {"color": LIGHT if bar.derived else MAIN, "edgecolor": MAIN}


def alt_text(bars: list[Bar], title: str, lang: str) -> str:
    """What the chart shows, in words: its title and every value with its label."""
    sep = "；" if lang == "zh" else "; "
    colon = "：" if lang == "zh" else ": "
    values = sep.join(f"{bar.label} {_value_text(bar, lang, _scale(bars))}" for bar in bars)
    return f"{title}{colon}{values}"


def _chart_html(
    title: str, rows: list[tuple[str, str]], lang: str, where: str, source: str = ""
) -> tuple[str, list[str]]:
    """A chart's title and image as HTML, and its legend phrases for the slide's footer."""
    bars = chart_bars(rows, where)
    if any(bar.elsewhere for bar in bars) and not source:
        raise DeckError(f"{where}: a chart with figures of other sources names them in !source")
    data = base64.b64encode(draw_chart(bars, lang)).decode("ascii")
    alt = html.escape(alt_text(bars, title, lang), quote=True)
    image = f'<img class="zz-chart" alt="{alt}" src="data:image/png;base64,{data}">'
    return f'<p class="zz-chart-title">{_face(title)}</p>{image}', legend(bars, lang)


# ---------------------------------------------------------------------------------------------
# the page

CSS = """
.reveal .slides section { text-align: left; }
.reveal h1, .reveal h2 { text-transform: none; font-weight: 700; }
.reveal h2 { font-size: 44px; line-height: 1.2; margin: 0 0 0.4em; text-wrap: balance; }
/* Chinese headlines break at punctuation, not inside a word (新工/艺), unless nothing else fits */
html:lang(zh-Hans) .reveal h2 { word-break: keep-all; overflow-wrap: anywhere; }
/* full-width marks keep their full width (the embedded font has no layout tables to halve
   them); one that opens a headline, a cell or a bullet is pulled flush (flush_openers) */
html:lang(zh-Hans) .reveal { text-spacing-trim: space-all; hanging-punctuation: none; }
.reveal .zz-open { margin-left: -0.5em; }
.reveal .zz-title h1 { font-size: 64px; margin-top: 170px; text-wrap: balance; }
.reveal .zz-title p { font-size: 30px; color: #444; margin: 0.3em 0; }
/* a content slide: headline on top, its evidence filling the middle, one footer line (legend,
   source) at the same place at the bottom of every slide */
.reveal .slides > section.zz-content { height: 100%; box-sizing: border-box; padding-top: 0; padding-bottom: 0; }
.reveal .zz-slide { display: flex; flex-direction: column; height: calc(100% - 4px); box-sizing: border-box; }
.reveal .zz-body { flex: 1 1 auto; min-height: 0; display: flex; flex-direction: column;
  justify-content: center; }
.reveal .zz-foot { flex: none; margin-top: 10px; font-size: 24px; line-height: 1.3; color: #555; }
.reveal .zz-foot p { margin: 0; }
.reveal .zz-text { font-size: 32px; line-height: 1.4; }
.reveal .zz-text ul { margin-left: 1em; }
.reveal .zz-text li { margin: 0.3em 0; }
.reveal .zz-text table { font-size: 30px; margin: 0.4em 0; border-collapse: collapse; width: 100%; }
.reveal .zz-text th, .reveal .zz-text td { padding: 0.3em 0.7em 0.3em 0; border-bottom: 1px solid #ccc; }
.reveal .zz-text th { text-align: left; }
.reveal .zz-chart-title { font-size: 28px; line-height: 1.25; font-weight: 700; color: #333; margin: 0 0 8px; }
.reveal img.zz-chart { display: block; flex: 0 1 auto; min-height: 0; width: 100%;
  object-fit: contain; object-position: left center; margin: 0; }
.reveal .zz-numbers { display: grid; grid-template-columns: repeat(var(--zz-columns), 1fr);
  gap: 36px 48px; margin: 0; }
.reveal .zz-number { font-size: NUMBER_PXpx; font-weight: 700; color: #0b5cad;
  line-height: 1.05; white-space: nowrap; }
.reveal .zz-numbers + .zz-text { margin-top: 28px; }
.reveal .zz-numbers.zz-rows { grid-template-columns: max-content 1fr; gap: 28px 40px;
  align-items: center; }
.reveal .zz-rows .zz-tile { display: contents; }
.reveal .zz-rows .zz-label { margin-top: 0; }
.reveal .zz-label { font-size: 30px; line-height: 1.3; color: #333; margin-top: 0.2em; text-wrap: pretty; }
.reveal .zz-inconsistent { color: FLAG_COLOR; }
.reveal .zz-number .zz-inconsistent { color: FLAG_COLOR; }
.reveal .slide-number { font-size: 18px; }
*, *::before, *::after { font-synthesis: none; }
html.print-pdf .reveal .slides .pdf-page:last-of-type { break-after: avoid; }
html.print-pdf .reveal .slides section.zz-content { height: 720px !important; }
""".replace("NUMBER_PX", str(NUMBER_PX)).replace("FLAG_COLOR", FLAG_COLOR)

# The speaker view is a window reveal.js writes itself: it does not see this page's @font-face,
# so Chinese notes would fall back to the machine's fonts (boxes where there is none). Give the
# window the page's embedded font once it is open.
SPEAKER_FONT_JS = """
(function () {
  var open = window.open;
  window.open = function () {
    var win = open.apply(window, arguments);
    if (win) {
      var give = function () {
        try {
          var style = win.document.createElement("style");
          style.textContent = document.getElementById("zz-font").textContent +
            " body, .speaker-controls-notes, .speaker-controls-notes .value { font-family: " +
            FONT_STACK + " !important; }";
          win.document.head.appendChild(style);
        } catch (e) {}
      };
      setTimeout(give, 300);
      setTimeout(give, 1500);
    }
    return win;
  };
})();
"""


# On a slide's face a number stays on one line with its unit ("CNY 1.27 billion", "2.76 points").
_UNIT_WORDS = (
    r"(?:CNY|million|billion|points?|years?|firms|projects|experts|people|incubators|platforms|%)"
)
_NUMBER_AND_UNIT = re.compile(rf"(?<=\d) (?={_UNIT_WORDS})|(?<=CNY) (?=[\d≈≥])|(?<=[≈≥]) (?=[\dC])")


# In Chinese a number and its unit have no space between them, but a line may break there
# (1500万/元): a word joiner holds them together.
_CHINESE_UNIT = re.compile(r"(?<=[\d.余万亿])(?=[余万亿元家项人个])")


def keep_together(text: str) -> str:
    """`text` with a no-break space wherever a space parts a number from its unit or sign, and a
    word joiner between a number and its Chinese unit."""
    return _CHINESE_UNIT.sub("\u2060", _NUMBER_AND_UNIT.sub("\u00a0", text))


def source_line(source: str, lang: str) -> str:
    """A slide's source line: its `!source`, else the release's, always with the same prefix."""
    if not source:
        return SOURCE[lang]
    prefix = SOURCE_PREFIX[lang]
    return source if source.startswith(prefix) else prefix + source


def _section(inner: str, notes: str, classes: str = "") -> str:
    aside = f'<aside class="notes">{notes}</aside>' if notes else ""
    return f'<section class="{classes}">{inner}{aside}</section>'


_OPENER = re.compile(r"(<(?:h2|td|th|li|p|div)\b[^>]*>)([“‘（《「])")


def flush_openers(face: str) -> str:
    """A full-width opening mark (“, （) that starts a headline, cell, bullet or label, pulled left by
    half its width, so that its ink starts where the text under it does (the embedded font
    carries no layout tables, so text-spacing-trim cannot halve it)."""
    return _OPENER.sub(r'\1<span class="zz-open">\2</span>', face)


def render(deck: Deck) -> str:
    """The deck as one self-contained HTML page (reveal.js inlined, font placeholder to fill)."""
    read = lambda name: (REVEAL_DIR / name).read_text(encoding="utf-8")  # noqa: E731
    sections = [
        _section(
            f"<h1>{html.escape(deck.title)}</h1>"
            + "".join(f"<p>{html.escape(line)}</p>" for line in deck.subtitle.splitlines()),
            deck.title_notes,
            "zz-title",
        )
    ]
    for slide in deck.slides:
        foot = ""
        if slide.legend:
            sep = "；" if deck.lang == "zh" else "; "
            foot += f'<p class="zz-legend">{html.escape(sep.join(slide.legend))}</p>'
        foot += f'<p class="zz-source">{html.escape(source_line(slide.source, deck.lang))}</p>'
        body = (
            f'<div class="zz-slide"><h2>{_face(slide.headline)}</h2>'
            f'<div class="zz-body">{"".join(slide.evidence)}</div>'
            f'<div class="zz-foot">{foot}</div></div>'
        )
        if deck.lang == "zh":
            body = flush_openers(body)
        sections.append(_section(body, slide.notes, "zz-content"))
    font_stack = json.dumps(webfont.FONT_STACK)
    return f"""<!DOCTYPE html>
<html lang="{HTML_LANG[deck.lang]}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta name="generator" content="helpers.publish.decks (reveal.js 4.6.1)">
<title>{html.escape(deck.title)}</title>
<style>{read("reveal.css")}</style>
<style>{read("theme-white.css")}</style>
<style id="zz-font">{webfont.placeholder()}</style>
<style>
:root {{ --r-main-font: {webfont.FONT_STACK}; --r-heading-font: {webfont.FONT_STACK}; }}
.reveal, .reveal .slide-number, .reveal .slide-number-pdf {{ font-family: {webfont.FONT_STACK}; }}
{CSS}
</style>
</head>
<body>
<div class="reveal"><div class="slides">
{chr(10).join(sections)}
</div></div>
<script>{read("reveal.js")}</script>
<script>{read("notes.js")}</script>
<script>var FONT_STACK = {font_stack};{SPEAKER_FONT_JS}</script>
<script>
Reveal.initialize({{
  controls: true, controlsLayout: "edges", progress: true, hash: true, center: false, transition: "none",
  slideNumber: "c/t", width: {SLIDE_WIDTH}, height: {SLIDE_HEIGHT}, margin: 0.04,
  pdfMaxPagesPerSlide: 1, pdfSeparateFragments: false, plugins: [RevealNotes]
}});
</script>
</body>
</html>
"""


# ---------------------------------------------------------------------------------------------
# the build


def slide_count(name: str, lang: str, folder: Path = DECKS_DIR) -> int:
    """How many slides the deck `name` has in `lang`, the title slide included (its source)."""
    text = (folder / lang / f"{name}.md").read_text(encoding="utf-8")
    return len(re.split(r"^---\s*$", text, flags=re.M))


def sources(lang: str, folder: Path = DECKS_DIR) -> list[Path]:
    """The deck sources of a language, in chapter order."""
    return sorted((folder / lang).glob("[0-9]*.md"))


def build(out: Path = BUILD_DIR, langs: tuple[str, ...] = LANGS, pdf: bool = True) -> int:
    """Write every deck of `langs` into `out`/<lang>/slides/ and, with `pdf` and Chromium, its
    PDF; print one line per deck. A deck that cannot be built is one line naming it and its
    slide, and the others are still written. Files in those folders left by a deck whose source
    is gone are removed. Returns the number of decks that could not be built.

    Every call builds every deck asked for: `make run` (helpers.publish.run) decides whether the
    decks need building at all from a hash of their inputs and outputs."""
    from helpers.paths import write_bytes_atomic
    from helpers.publish.cli import debugging, one_line

    failed = 0
    to_print: list[tuple[Path, Path]] = []
    layout = Layout(out)
    for lang in langs:
        folder = layout.slides(lang, "x").parent
        names = [source.stem for source in sources(lang)]
        for stray in sorted(folder.glob("*.slides.*")) if folder.is_dir() else []:
            if stray.name.split(".")[0] not in names:
                stray.unlink()
        for source in sources(lang):
            name = source.stem
            target = layout.slides(lang, name)
            try:
                deck = parse(source.read_text(encoding="utf-8"), name, lang)
                page = webfont.embed(render(deck))
            except Exception as error:  # one deck's fault is its own line; the others go on
                if debugging(list(sys.argv)):
                    raise
                print(f"  deck {lang} {name}: FAILED: {one_line(error)}", file=sys.stderr)
                failed += 1
                continue
            folder.mkdir(parents=True, exist_ok=True)
            write_bytes_atomic(target, page.encode("utf-8"))
            to_print.append((target, layout.slides_pdf(lang, name)))
            print(f"  deck {lang} {name}: {len(deck.slides) + 1} slides")
    if pdf and to_print:
        _print_pdfs(to_print, out)
    return failed


def _print_pdfs(jobs: list[tuple[Path, Path]], out: Path) -> None:
    from helpers.paths import write_bytes_atomic
    from helpers.publish import browser

    binary = browser.find_browser()
    if binary is None:
        print(f"  deck PDFs: not made. {browser.no_browser_message()}")
        return
    fontconfig = webfont.fontconfig_file(out / ".export" / "fontconfig")
    with browser.launch(binary, fontconfig) as chromium:
        for html_path, pdf_path in jobs:
            with chromium.page() as page:
                page.open(html_path, query="print-pdf")
                write_bytes_atomic(pdf_path, browser.normalise_pdf(page.slides_pdf()))


def main(argv: list[str] | None = None) -> int:
    """The command line: every deck, or those of `--lang` (else of $ZZ_LANG=en|zh if set)."""
    parser = argparse.ArgumentParser(
        prog="python -m helpers.publish.decks",
        description="Build the presenters' decks from notebooks/decks/<lang>/*.md.",
    )
    parser.add_argument("--out", type=Path, default=BUILD_DIR, help="the build folder")
    parser.add_argument(
        "--lang", choices=LANGS, action="append", help="only this language (repeatable)"
    )
    parser.add_argument("--no-pdf", action="store_true", help="HTML only")
    args = parser.parse_args(argv)
    named = os.environ.get("ZZ_LANG", "").strip()
    if not args.lang and named and named not in LANGS:
        parser.error(f"ZZ_LANG={named!r} is not a language of the decks ({', '.join(LANGS)})")
    langs = tuple(args.lang or ([named] if named else LANGS))
    out = args.out if args.out.is_absolute() else Path.cwd() / args.out
    return 1 if build(out.resolve(), langs, pdf=not args.no_pdf) else 0


if __name__ == "__main__":
    from helpers.publish.cli import guarded

    sys.exit(guarded(main))
