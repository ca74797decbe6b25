"""The release, annotated: one offline page where every figure of the fact table is marked in the
Chinese text and its English translation, explained in a card, and traced to the audit and the
notebook that analyses it; and a view of how the mirror's damaged copy was repaired.

    python -m helpers.publish.annotate --out build/release.html      (make run does this)

Everything on the page comes from the input files, so another repaired text with its own fact
table, translation and audit makes the same page for it: `write_release_page(out, text=...,
facts=..., english=..., audit=..., raw=..., reconstructions=..., notebooks=...)`.

The rules, stated once:
- Paragraphs. The repaired text has one paragraph per block (blank lines between). The English
  file (Markdown) has a title (`# ...`), a translator's note (one italic paragraph), then one
  paragraph per Chinese paragraph, in the same order (tests/test_translation.py). A header of the
  Chinese (（一）..., helpers.repair.text.sections) is an anchor of the page.
- A figure in the Chinese: its quote occurs once in the text, and in the quote the figure reader
  (helpers.repair.extract) finds exactly one figure with the fact's value and unit, as helpers.facts
  checks; the mark covers that figure's number as printed (8500 of 8500余万元, 六 of 第六).
- The same figure in the English, matched by number within the aligned paragraph: a figure is the
  k-th occurrence of its number among the numbers of the Chinese paragraph (Arabic digits, thousands
  commas ignored, URLs and digits touching letters left out, as helpers.repair.extract does), and it is
  marked at the k-th occurrence of that number in the English paragraph, but only when both
  paragraphs have the number equally often. An English number with a scale word (85 million) is
  an amount in the English scale, not a Chinese number: it is left out of that count, and a figure
  not matched by its printed number is matched the same way by its value in base units (1500万元
  to "15 million"). Otherwise the figure is left unmarked in the English (and listed), since an
  unmarked figure is better than a wrong one. Reordering the sentences of a paragraph, or writing
  1,295 for 1295, does not matter; a number the translation adds or drops does. A figure printed
  in Chinese numerals (第六, 两年) is matched the same way to its English word (sixth, two), and
  a small Arabic count the English spells out (1家 as "one laboratory") to its digits or word.
- The card of a figure: indicator in both languages, value as stated and in base units, the
  qualifier in words, the period, the total it is a part of or the figure its growth rate is of,
  every audit check that involves it with its verdict and note (verdict strings as the audit CSV
  writes them; the CSS colours known ones and shows any other in a neutral colour), derived
  figures (helpers.derive: remainders of totals, implied earlier values), marked as derived, and a
  link to the report of the notebook that analyses its section.
- The repair view: each paragraph of the damaged mirror text with every change of the repair
  report (helpers.repair.text.repair_changes) highlighted by kind; a change to characters that a mojibake
  repair itself put in is shown inside that repair. Reconstructions from
  data/mojibake_reconstructions.csv are marked as editorial, with their evidence.
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import re
import sys
import unicodedata
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from helpers.context import CONTEXT_REPORT, FACTS_WITH_CONTEXT
from helpers.errors import DataError
from helpers.paths import (
    AUDIT,
    BUILD_DIR,
    ENGLISH_RELEASE,
    FACTS,
    MOJIBAKE_RECONSTRUCTIONS,
    NOTEBOOKS_DIR,
    PROJ_ROOT,
    RAW_RELEASE,
    REPAIRED_RELEASE,
    notebook_paths,
)
from helpers.publish.layout import RELEASE_PAGE as PAGE_NAME
from helpers.repair.extract import _ARABIC
from helpers.repair.text import _URL

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates" / "zz_release"
LANG_DIRS = ("en", "zh")  # build/<lang>/reports/NN_name.html, as helpers.publish.export lays out

# The numbers the English matching reads: Arabic digits (thousands commas allowed) not touching a
# Latin letter, an underscore or another digit; the same rule as helpers.repair.extract.
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_SCALE = re.compile(r"\s+(thousand|million|billion|trillion)\b", re.IGNORECASE)
_CARDINALS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]
_ORDINALS = [
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
]
QUALIFIER_WORDS = {
    "exact": ("", "as printed, with no word of precision"),
    "at_least": ("more than ", "a lower bound"),
    "at_most": ("less than ", "an upper bound"),
    "approximate": ("about ", "an approximation"),
}
QUALIFIER_WORDS_ZH = {
    "exact": "确数",
    "at_least": "下限（余）",
    "at_most": "上限",
    "approximate": "约数",
}


# ---------------------------------------------------------------------------------------------
# paragraphs


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a text: where it starts in the text, its text, and whether it is a header
    (an anchor of the page)."""

    start: int
    text: str
    header: bool = False

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def chinese_paragraphs(text: str) -> list[Paragraph]:
    """The paragraphs of a repaired text (blocks between blank lines), with their positions."""
    from helpers.repair.text import sections

    headers = {s.header for s in sections(text) if s.header}
    found = []
    for match in re.finditer(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*", text):
        block = match.group()
        lead = len(block) - len(block.lstrip())
        body = block.strip()
        found.append(Paragraph(match.start() + lead, body, body in headers))
    return found


@dataclass(frozen=True)
class English:
    """The translation: its title, the translator's note, and one paragraph per Chinese one."""

    title: str
    note: str
    paragraphs: list[str]


def read_english(markdown: str, name: str = "the English translation") -> English:
    """Split the translation's Markdown: `# title`, an italic note, then the paragraphs (each
    block's lines joined, as Markdown joins them)."""
    blocks = [
        " ".join(line.strip() for line in block.strip().splitlines())
        for block in re.split(r"\n\s*\n", markdown)
        if block.strip()
    ]
    title = ""
    if blocks and blocks[0].startswith("# "):
        title = blocks.pop(0)[2:].strip()
    note = ""
    if blocks and re.fullmatch(r"\*[^*].*\*|_[^_].*_", blocks[0]):
        note = blocks.pop(0)[1:-1].strip()
    if not blocks:
        raise DataError(f"{name} has no paragraphs after its title and note.")
    return English(title, note, blocks)


# ---------------------------------------------------------------------------------------------
# figures: where each fact's number stands


@dataclass(frozen=True)
class Mark:
    """A figure's number in a text: [start, end) in that text, and the figure as stated."""

    fact: str
    start: int
    end: int
    number: str
    stated: str = ""
    numeral: str = "arabic"
    kind: str = "quantity"
    base: str = ""  # the value in base units (85000000 for 8500余万元), for scaled English


def locate_facts(text: str, facts: Iterable[Any]) -> list[Mark]:
    """Where each fact's number is in `text`: in its quote (which occurs once), the one figure
    helpers.repair.extract reads there with the fact's value and unit. Sorted by position. Raises
    DataError for a quote that is missing or repeated, a quote that does not state the value
    once, or two facts marking the same number."""
    from helpers.repair.extract import iter_figures

    marks: list[Mark] = []
    problems: list[str] = []
    for fact in facts:
        count = text.count(fact.quote)
        if count != 1:
            problems.append(
                f"fact {fact.id}: its quote “{fact.quote}” occurs {count} times in "
                "the text, not once."
            )
            continue
        base = text.index(fact.quote)
        stated = [
            f
            for f in iter_figures(fact.quote)
            if f.unit == fact.unit and Decimal(str(f.value)) == Decimal(str(fact.value))
        ]
        if len(stated) != 1:
            problems.append(
                f"fact {fact.id}: its quote “{fact.quote}” states {len(stated)} "
                f"figures {fact.value:g} {fact.unit}, not one."
            )
            continue
        figure = stated[0]
        offset = figure.text.find(figure.number)  # after a qualifier word or 第
        start = base + figure.start + offset
        marks.append(
            Mark(
                fact.id,
                start,
                start + len(figure.number),
                figure.number,
                figure.text,
                figure.numeral,
                figure.kind,
                str(figure.value_base),
            )
        )
    marks.sort(key=lambda m: m.start)
    for before, after in zip(marks, marks[1:], strict=False):
        if after.start < before.end:
            problems.append(
                f"facts {before.fact} and {after.fact} mark the same number "
                f"“{text[after.start : before.end]}”."
            )
    if problems:
        raise DataError(
            "The figures cannot be marked in the text:\n" + "\n".join(f"- {p}" for p in problems)
        )
    return marks


def _masked(text: str) -> set[int]:
    return {i for m in _URL.finditer(text) for i in range(m.start(), m.end())}


def arabic_numbers(text: str) -> list[tuple[int, int, Decimal, int]]:
    """Every Arabic number in `text` outside URLs: (start, end, value, scale), thousands commas
    ignored; `scale` is the English scale word after it (85 million: 10**6), else 1, and the
    span then includes the word."""
    masked = _masked(text)
    found = []
    for m in _ARABIC.finditer(text):
        if m.start() in masked:
            continue
        word = _SCALE.match(text, m.end())
        scale = _SCALES[word.group(1).lower()] if word else 1
        found.append(
            (m.start(), word.end() if word else m.end(), Decimal(m.group().replace(",", "")), scale)
        )
    return found


def _word_pattern(value: Decimal, ordinal: bool) -> re.Pattern | None:
    if value != value.to_integral_value() or not 0 <= value <= 20:
        return None
    words = _ORDINALS if ordinal else _CARDINALS
    return re.compile(rf"\b{words[int(value)]}\b", re.IGNORECASE)


def english_marks(
    chinese: str,
    marks: Sequence[Mark],
    english: str,
) -> tuple[list[Mark], list[str]]:
    """The marks of one Chinese paragraph (positions in `chinese`) matched in its English
    paragraph by number (module doc): (marks in `english`, ids of the facts left unmarked)."""
    from helpers.repair.extract import iter_figures

    found: list[Mark] = []
    missing: list[str] = []
    zh_numbers = arabic_numbers(chinese)
    en_numbers = arabic_numbers(english)
    zh_figures = list(iter_figures(chinese))
    zh_words = [f for f in zh_figures if f.numeral == "chinese"]
    for mark in marks:
        if mark.numeral == "arabic":
            value = Decimal(mark.number.replace(",", ""))
            same = [s for s, _, v, _ in zh_numbers if v == value]
            targets = [(s, e) for s, e, v, scale in en_numbers if v == value and scale == 1]
            k = same.index(mark.start) if mark.start in same else -1
            if (k < 0 or len(same) != len(targets)) and mark.base:
                # the English may give the amount in its own scale: 1500万元 as 15 million
                base = Decimal(mark.base)
                figures = [f for f in zh_figures if Decimal(str(f.value_base)) == base]
                same = [f.start for f in figures]
                k = next((i for i, f in enumerate(figures) if f.start <= mark.start < f.end), -1)
                targets = [
                    (s, e) for s, e, v, scale in en_numbers if scale > 1 and v * scale == base
                ]
            pattern = _word_pattern(value, ordinal=False)
            if (k < 0 or len(same) != len(targets)) and pattern is not None:
                # a small count the English spells out: 1家 as "one provincial key laboratory";
                # the k-th 1 of the Chinese is the k-th "1" or "one" of the English
                same = [s for s, _, v, _ in zh_numbers if v == value]
                k = same.index(mark.start) if mark.start in same else -1
                targets = sorted(
                    [(s, e) for s, e, v, scale in en_numbers if v == value and scale == 1]
                    + [(m.start(), m.end()) for m in pattern.finditer(english)]
                )
        else:
            ordinal = mark.kind in ("rank", "ordinal")
            value = Decimal(
                str(next((f.value for f in zh_words if f.start <= mark.start < f.end), -1))
            )
            figures = [
                f
                for f in zh_words
                if Decimal(str(f.value)) == value and (f.kind in ("rank", "ordinal")) == ordinal
            ]
            same = [f.start for f in figures]
            k = next((i for i, f in enumerate(figures) if f.start <= mark.start < f.end), -1)
            pattern = _word_pattern(value, ordinal)
            targets = [(m.start(), m.end()) for m in pattern.finditer(english)] if pattern else []
        if k < 0 or len(same) != len(targets):
            missing.append(mark.fact)
            continue
        start, end = targets[k]
        found.append(
            Mark(
                mark.fact,
                start,
                end,
                english[start:end],
                mark.stated,
                mark.numeral,
                mark.kind,
                mark.base,
            )
        )
    found.sort(key=lambda m: m.start)
    return found, missing


# ---------------------------------------------------------------------------------------------
# the cards


def _csv_rows(path: Path | None, required: Sequence[str], name: str) -> list[dict[str, str]]:
    if path is None:
        return []
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{_display(path)} does not exist: the page needs {name}.")
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise DataError(
                f"{_display(path)} has no column {', '.join(missing)}: {name} needs "
                f"the columns {', '.join(required)}."
            )
        return [{k: (v or "") for k, v in row.items()} for row in reader]


def _display(path: Path) -> str:
    try:
        return Path(path).resolve().relative_to(PROJ_ROOT).as_posix()
    except ValueError:
        return str(path)


def _n(x: float) -> str:
    """A number for a card: thousands separators, at most 4 decimals, no trailing zeros."""
    if x in (float("inf"), float("-inf")):
        return "∞"
    return f"{x:,.4f}".rstrip("0").rstrip(".")


def verdict_class(verdict: str) -> str:
    """The CSS class of an audit verdict: its words as a slug (v-pass, v-cannot-be-checked). The
    stylesheet colours the verdicts it knows; any other shows in the neutral colour."""
    slug = re.sub(r"[^a-z0-9]+", "-", verdict.strip().lower()).strip("-")
    return f"v-{slug or 'none'}"


def qualifier_words(fact: Any) -> str:
    """The qualifier in words, on the number as printed: "more than 8,500万元: a lower bound"."""
    from helpers.formatting import fmt_number

    prefix, meaning = QUALIFIER_WORDS.get(fact.qualifier, ("", fact.qualifier))
    return f"{prefix}{fmt_number(fact.value, lang='en')}{fact.unit}: {meaning}"


def qualifier_words_zh(fact: Any) -> str:
    """The qualifier in Chinese, on the number as the release prints it: "220余家：下限（余）"."""
    from helpers.formatting import fmt_fact

    meaning = QUALIFIER_WORDS_ZH.get(fact.qualifier, str(fact.qualifier))
    return f"{fmt_fact(fact, 'zh')}：{meaning}"


def verdict_zh(verdict: str) -> str:
    """An audit verdict in the glossary's Chinese (一致, 不一致, 下限, 无法核查, 自查)."""
    from helpers.i18n import glossary

    by_english = {row["term_en"]: term for term, row in glossary().items()}
    return by_english.get(verdict, verdict)


def base_words(fact: Any) -> str:
    """The value in base units: "85,000,000 yuan", "1,295 count"."""
    from helpers.formatting import fmt_number

    return f"{fmt_number(fact.value_base, lang='en')} {str(fact.base_unit).replace('_', ' ')}"


def base_words_zh(fact: Any) -> str:
    """The value in base units, in Chinese: "85000000元", "1295家"."""
    from helpers import tables
    from helpers.formatting import fmt_number

    base = str(fact.base_unit)
    unit = {"yuan": "元", "count": str(fact.unit or ""), "percent": "%"}.get(
        base, tables.translate_text(base)
    )
    return f"{fmt_number(fact.value_base, lang='zh')}{unit}"


@dataclass
class Derived:
    """A figure the release does not print, computed by helpers.derive, for the cards."""

    label: str
    working: str
    range: str
    facts: tuple[str, ...]
    label_zh: str = ""
    range_zh: str = ""


def _derived_text(quantity: Any) -> str:
    """A derived value with the interval it can lie in, in words."""
    unit = quantity.base_unit
    if quantity.low == quantity.high:
        return f"{_n(quantity.value)} {unit}"
    if quantity.qualifier == "at_least":
        return f"at least {_n(quantity.low)} {unit}"
    if quantity.qualifier == "at_most":
        return f"at most {_n(quantity.high)} {unit}"
    return f"{_n(quantity.value)} {unit} (between {_n(quantity.low)} and {_n(quantity.high)})"


def _derived_text_zh(quantity: Any) -> str:
    """A derived value with its interval, in Chinese: "至少40家", "64.06（64.057～64.064）"."""
    from helpers import tables
    from helpers.formatting import fmt_number

    unit = {"count": "", "yuan": "元", "percent": "%", "percentage_point": "个百分点"}.get(
        str(quantity.base_unit), tables.translate_text(str(quantity.base_unit))
    )

    def n(x: float) -> str:
        return (
            "∞"
            if x in (float("inf"), float("-inf"))
            else fmt_number(float(_n(x).replace(",", "")), lang="zh")
        )

    if quantity.low == quantity.high:
        return f"{n(quantity.value)}{unit}"
    if quantity.qualifier == "at_least":
        return f"至少{n(quantity.low)}{unit}"
    if quantity.qualifier == "at_most":
        return f"不超过{n(quantity.high)}{unit}"
    return f"{n(quantity.value)}{unit}（{n(quantity.low)}～{n(quantity.high)}）"


def _zh_working(working: str) -> str:
    """A working as a zh page writes it: no thousands separators."""
    return re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", working)


def derived_figures(facts: Sequence[Any]) -> list[Derived]:
    """The remainders of totals and the earlier values growth rates imply (helpers.derive), each
    with the facts it comes from."""
    from helpers import derive

    by_id = {f.id: f for f in facts}
    result: list[Derived] = []
    for total in facts:
        parts = [f for f in facts if f.parent_id == total.id]
        if parts:
            try:
                q = derive.remainder(total, parts)
            except ValueError:  # a qualifier derive cannot bound (about, less than)
                continue
            result.append(
                Derived(
                    f"{total.indicator_en}: what the listed parts leave",
                    q.working,
                    _derived_text(q),
                    (total.id, *[p.id for p in parts]),
                    f"{total.indicator_zh}中未列出的部分",
                    _derived_text_zh(q),
                )
            )
    for rate in facts:
        base = by_id.get(rate.growth_of or "")
        if base is None:
            continue
        try:
            if rate.base_unit == "percentage_point":
                q = derive.earlier_share(base, rate)
            else:
                q = derive.implied_earlier(base, rate)
        except ValueError:
            continue
        if rate.base_unit == "percentage_point":
            label = f"{base.indicator_en}, the earlier value the change implies"
        else:
            year = f"the {rate.compared_with} value" if rate.compared_with else "the earlier value"
            label = f"{base.indicator_en}: {year} the growth rate implies"
        label_zh = (
            f"{base.indicator_zh}：按变动推算的上期值"
            if rate.base_unit == "percentage_point"
            else f"{base.indicator_zh}：按增长率推算的上期值"
        )
        result.append(
            Derived(
                label,
                q.working,
                _derived_text(q),
                (base.id, rate.id),
                label_zh,
                _derived_text_zh(q),
            )
        )
    return result


@dataclass
class Card:
    """What the card of one figure says (the page renders it; tests read it)."""

    id: str
    indicator_en: str
    indicator_zh: str
    stated_zh: str
    stated_en: str
    base: str
    qualifier: str
    period: str
    quote: str
    notes: str
    qualifier_zh: str = ""
    period_zh: str = ""
    relations: list[tuple[str, str, str]] = field(default_factory=list)  # (label, id, text)
    checks: list[dict[str, str]] = field(default_factory=list)  # check, verdict, note
    derived: list[Derived] = field(default_factory=list)
    reports: dict[str, str] = field(default_factory=dict)  # lang -> href
    section: str = ""
    base_zh: str = ""
    notes_zh: str = ""


def section_reports(notebooks: Path | None, sections: Iterable[str]) -> dict[str, str]:
    """The notebook that analyses each section of the fact table: the one named NN_<section>,
    else the first whose code selects that section (`section == "overview"`)."""
    if notebooks is None or not Path(notebooks).is_dir():
        return {}
    paths = notebook_paths(Path(notebooks))
    found: dict[str, str] = {}
    sources: dict[str, str] = {}
    for section in sections:
        named = [p for p in paths if re.fullmatch(rf"\d+_{re.escape(section)}", p.stem)]
        if named:
            found[section] = named[0].stem
            continue
        pattern = re.compile(rf"""section\W*\s*==\s*['"]{re.escape(section)}['"]""")
        for path in paths:
            if path.stem not in sources:
                notebook = json.loads(path.read_text(encoding="utf-8"))
                sources[path.stem] = "\n".join(
                    "".join(c.get("source", ""))
                    for c in notebook.get("cells", [])
                    if c.get("cell_type") == "code"
                )
            if pattern.search(sources[path.stem]):
                found[section] = path.stem
                break
    return found


def build_cards(
    facts: Sequence[Any],
    marks: dict[str, Mark],
    audit: list[dict[str, str]],
    reports: dict[str, str],
) -> dict[str, Card]:
    """One card per fact (see the module doc)."""
    from helpers.facts import PERIODS
    from helpers.formatting import fmt_fact, fmt_number
    from helpers.release import PERIODS_ZH

    by_id = {f.id: f for f in facts}
    derived = derived_figures(facts)
    cards: dict[str, Card] = {}
    for fact in facts:
        relations = []
        parent = by_id.get(fact.parent_id or "")
        if parent is not None:
            relations.append(
                ("Part of", parent.id, f"{parent.indicator_en}: {fmt_fact(parent, 'en')}")
            )
        base = by_id.get(fact.growth_of or "")
        if base is not None:
            since = f" (compared with {fact.compared_with})" if fact.compared_with else ""
            relations.append(
                ("Growth of", base.id, f"{base.indicator_en}: {fmt_fact(base, 'en')}{since}")
            )
        for part in facts:
            if part.parent_id == fact.id:
                relations.append(
                    ("Has part", part.id, f"{part.indicator_en}: {fmt_fact(part, 'en')}")
                )
        checks = [
            {
                "check": row.get("check", ""),
                "verdict": row["verdict"],
                "note": row.get("note", "") or row.get("found", ""),
                "note_zh": row.get("note_zh", "") or row.get("found_zh", ""),
            }
            for row in audit
            if fact.id in row["figures"].split()
        ]
        stem = reports.get(fact.section)
        period = PERIODS.get(fact.period, "")
        mark = marks.get(fact.id)
        cards[fact.id] = Card(
            id=fact.id,
            indicator_en=fact.indicator_en,
            indicator_zh=fact.indicator_zh,
            stated_zh=mark.stated if mark else f"{fmt_number(fact.value, lang='zh')}{fact.unit}",
            stated_en=fmt_fact(fact, "en"),
            base=base_words(fact),
            base_zh=base_words_zh(fact),
            qualifier=qualifier_words(fact),
            period=period or str(fact.period),
            qualifier_zh=qualifier_words_zh(fact),
            period_zh=PERIODS_ZH.get(fact.period, ""),
            quote=fact.quote,
            notes=fact.notes or "",
            notes_zh=fact.notes_zh or "",
            relations=relations,
            checks=checks,
            derived=[d for d in derived if fact.id in d.facts],
            reports={lang: f"{lang}/reports/{stem}.html" for lang in LANG_DIRS} if stem else {},
            section=fact.section,
        )
    return cards


# ---------------------------------------------------------------------------------------------
# the repair view


@dataclass
class RawChange:
    """One change of the repair report, placed in the raw text: the raw spans it covers (none
    when it changed text that a mojibake repair put in: `inside` is then that change)."""

    index: int
    kind: str
    before: str
    after: str
    note: str
    position: int
    spans: list[tuple[int, int]] = field(default_factory=list)
    inside: int | None = None
    evidence: str = ""


def place_changes(raw: str, changes: Sequence[Any], evidence: dict[str, str]) -> list[RawChange]:
    """Where each change stands in the (normalised) raw text. Mojibake, pinyin, punctuation and
    paragraph changes stand at their position as they are; a Traditional change is found
    character by character from its position, because pinyin removed in between may split it
    (產業(yè)發 became 產業發 before OpenCC saw it)."""
    placed: list[RawChange] = []
    mojibake_spans: list[tuple[int, int, int]] = []
    for index, change in enumerate(changes):
        item = RawChange(
            index, change.kind, change.before, change.after, change.note, change.position
        )
        if change.kind == "mojibake":
            item.evidence = evidence.get(change.before, "")
        host = next((i for s, e, i in mojibake_spans if s <= change.position < e), None)
        if host is not None and change.kind != "mojibake":
            item.inside = host
        elif raw.startswith(change.before, change.position) and change.before:
            item.spans = [(change.position, change.position + len(change.before))]
        else:
            cursor, spans = change.position, []
            for char in change.before:
                found = raw.find(char, cursor, cursor + 16)
                if found < 0:
                    spans = []
                    break
                spans.append((found, found + 1))
                cursor = found + 1
            item.spans = spans
        if change.kind == "mojibake" and item.spans:
            mojibake_spans.append((*item.spans[0], index))
        placed.append(item)
    return placed


def raw_paragraphs(raw: str, changes: Sequence[RawChange]) -> list[tuple[int, int]]:
    """The raw text cut where the repair made paragraphs: at runs of line breaks, and after each
    space that became a paragraph break (the space stays with the paragraph before it)."""
    cuts = sorted(
        {c.position + 1 for c in changes if c.kind == "paragraph"}
        | {m.start() for m in re.finditer(r"\n+", raw)}
    )
    bounds, start = [], 0
    for cut in [*cuts, len(raw)]:
        piece = raw[start:cut]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip("\n"))
            bounds.append((start + lead, start + len(piece.rstrip("\n"))))
        start = cut
        while start < len(raw) and raw[start] == "\n":
            start += 1
    return bounds


# ---------------------------------------------------------------------------------------------
# the page


def _e(text: str) -> str:
    return html.escape(str(text), quote=True)


def _marked(text: str, marks: Sequence[Mark], lang: str, offset: int = 0) -> str:
    """`text` with each mark (positions in the text `offset` chars before) as a focusable
    <mark>."""
    out, cursor = [], 0
    for mark in marks:
        start, end = mark.start - offset, mark.end - offset
        out.append(_e(text[cursor:start]))
        out.append(
            f'<mark class="fig" tabindex="0" role="button" aria-haspopup="dialog" '
            f'aria-expanded="false" aria-controls="card-{_e(mark.fact)}" '
            f'data-fact="{_e(mark.fact)}" id="{lang}-{_e(mark.fact)}">'
            f"{_e(text[start:end])}</mark>"
        )
        cursor = end
    out.append(_e(text[cursor:]))
    return "".join(out)


# The language a page puts first: the English page (release.html) English first, the Chinese
# page (release.zh-CN.html, linked from the Chinese index) Chinese first. Set by `render`.
_FIRST = ["en"]


def _label(english: str, chinese: str) -> str:
    """A card label in both languages, as the page serves both readers: "Period · 时期" on the
    English page, "时期 · Period" on the Chinese one."""
    if _FIRST[0] == "zh":
        return f'<span lang="zh-Hans">{chinese}</span> · <span lang="en">{english}</span>'
    return f'{english} · <span lang="zh-Hans">{chinese}</span>'


def _colon() -> str:
    """The colon after a label: full width on the Chinese page."""
    return "：" if _FIRST[0] == "zh" else ": "


def _both(english: str, chinese: str) -> str:
    """A card's value in both languages, the second on its own line (the page serves both)."""
    if not chinese:
        return _e(english)
    if _FIRST[0] == "zh":
        return f'<span lang="zh-Hans">{_e(chinese)}</span><br><span lang="en">{_e(english)}</span>'
    return f'{_e(english)}<br><span lang="zh-Hans">{_e(chinese)}</span>'


def _card_html(card: Card) -> str:
    rows = [
        (
            _label("As stated", "公布值"),
            _both(card.stated_en, card.stated_zh),
        ),
        (_label("In base units", "折算值"), _both(card.base, card.base_zh)),
        (
            _label("Qualifier", "限定"),
            f'<span class="qualifier">{_both(card.qualifier, card.qualifier_zh)}</span>',
        ),
        (_label("Period", "时期"), _both(card.period, card.period_zh)),
    ]
    for label, target, text in card.relations:
        rows.append((label, f'<a href="#zh-{_e(target)}" data-goto="{_e(target)}">{_e(text)}</a>'))
    if card.checks:
        items = "".join(
            f'<li><span class="verdict {verdict_class(c["verdict"])}">'
            f"{_label(_e(c['verdict']), _e(verdict_zh(c['verdict'])))}</span> "
            + (_both(c["note"], c.get("note_zh", "")) if c["note"] else "")
            + "</li>"
            for c in card.checks
        )
        rows.append((_label("Audit", "核查"), f'<ul class="checks">{items}</ul>'))
    else:
        rows.append(
            (
                _label("Audit", "核查"),
                f'<span class="verdict v-none">{_label("no check", "未核查")}</span> '
                + _both("no audit check involves this figure", "核查未涉及这个数字"),
            )
        )
    rows.append((_label("Quote", "原文摘录"), f'<q lang="zh-Hans">{_e(card.quote)}</q>'))
    if card.notes:  # both languages, as "As stated" is: the page serves both readers
        rows.append((_label("Note", "说明"), _both(card.notes, card.notes_zh)))
    body = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
    derived = ""
    if card.derived:
        if _FIRST[0] == "zh":
            items = "".join(
                f'<li><span class="badge">推算</span> <span lang="zh-Hans">'
                f"{_e(d.label_zh or d.label)}：<b>{_e(d.range_zh or d.range)}</b></span> "
                f'<span class="working">（{_e(_zh_working(d.working))}）</span></li>'
                for d in card.derived
            )
        else:
            items = "".join(
                f'<li><span class="badge">derived</span> {_e(d.label)}: '
                f'<b>{_e(d.range)}</b> <span class="working">({_e(d.working)})</span></li>'
                for d in card.derived
            )
        summary = _label("Derived figures the release does not print", "新闻稿未列出的推算值")
        derived = (
            f'<details class="derived"><summary>{summary} ({len(card.derived)})'
            f"</summary><ul>{items}</ul></details>"
        )
    links = ""
    if card.reports:
        links = (
            f'<p class="report">{_label("Analysed in the report", "分析见报告")}{_colon()}'
            + " · ".join(
                f'<a href="{_e(href)}" lang="{"zh-Hans" if lang == "zh" else "en"}"'
                f">{'English' if lang == 'en' else '中文'}</a>"
                for lang, href in sorted(card.reports.items(), reverse=_FIRST[0] == "zh")
            )
            + "</p>"
        )
    if card.id in FACTS_WITH_CONTEXT:  # other public sources on this figure: the context chapter
        english = f'<a href="en/reports/{CONTEXT_REPORT}.html" lang="en">English</a>'
        chinese = f'<a href="zh/reports/{CONTEXT_REPORT}.html" lang="zh-Hans">中文</a>'
        pair = f"{chinese} · {english}" if _FIRST[0] == "zh" else f"{english} · {chinese}"
        links += (
            f'<p class="report">{_label("Other sources on this figure", "其他来源的相关数据")}{_colon()}'
            f"{pair}</p>"
        )
    zh_first = _FIRST[0] == "zh"
    first, second = (
        (f'<span lang="zh-Hans">{_e(card.indicator_zh)}</span>', _e(card.indicator_en))
        if zh_first
        else (_e(card.indicator_en), f'<span lang="zh-Hans">{_e(card.indicator_zh)}</span>')
    )
    return (
        f'<div class="card" id="card-{_e(card.id)}" role="dialog" tabindex="-1" '
        f'aria-label="{_e(card.indicator_zh if zh_first else card.indicator_en)}" hidden>'
        f'<button type="button" class="close" aria-label="{"关闭" if zh_first else "Close"}">'
        f"×</button>"
        f'<p class="ind"><b>{first}</b><br>{second}</p>'
        f"<dl>{body}</dl>{derived}{links}</div>"
    )


def _repair_html(raw: str, bounds: tuple[int, int], changes: Sequence[RawChange]) -> str:
    start, end = bounds
    owner: dict[int, RawChange] = {}
    for change in changes:
        for s, e in change.spans:
            for i in range(max(s, start), min(e, end)):
                owner.setdefault(i, change)
    nested: dict[int, list[RawChange]] = {}
    for change in changes:
        if change.inside is not None:
            nested.setdefault(change.inside, []).append(change)
    out, i = [], start
    notes = []
    while i < end:
        change = owner.get(i)
        j = i + 1
        while j < end and owner.get(j) is change:
            j += 1
        piece = raw[i:j]
        if change is None:
            out.append(_e(piece))
        else:
            kind = re.sub(r"[^a-z0-9]+", "-", change.kind.lower())
            arrow = (
                f"{change.before} → {change.after}" if change.after else f"{change.before} removed"
            )
            title = f"{change.kind}: {arrow}" + (f" ({change.note})" if change.note else "")
            shown = "¶ " if change.kind == "paragraph" else piece
            out.append(
                f'<span class="chg chg-{kind}" data-change="{change.index}" '
                f'data-kind="{_e(change.kind)}" title="{_e(title)}">{_e(shown)}</span>'
            )
            if change.kind == "mojibake" and j >= change.spans[0][1]:
                editorial = bool(change.evidence)
                inner = "".join(
                    f'<span class="chg chg-{c.kind} nested" data-change="{c.index}" '
                    f'data-kind="{_e(c.kind)}" title="{_e(c.kind)}: {_e(c.before)} → '
                    f'{_e(c.after)}">{_e(c.before)}→{_e(c.after)}</span>'
                    for c in nested.get(change.index, [])
                )
                out.append(f'<ins class="fix">{_e(change.after)}</ins>{inner}')
                label = "editorial reconstruction" if editorial else "mojibake"
                notes.append(
                    f'<li><span class="badge {"editorial" if editorial else ""}">'
                    f'{label}</span> <span lang="zh-Hans">{_e(change.before)}</span> → '
                    f'<span lang="zh-Hans">{_e(change.after)}</span>'
                    + (f"<br>{_e(change.evidence)}" if editorial else f" ({_e(change.note)})")
                    + "</li>"
                )
        i = j
    text = f'<p class="raw" lang="zh-Hant">{"".join(out)}</p>'
    if notes:
        text += f'<ul class="mojibake">{"".join(notes)}</ul>'
    return text


def _asset(name: str) -> str:
    return (TEMPLATE_DIR / name).read_text(encoding="utf-8")


@dataclass
class Release:
    """Everything the page shows, built from the input files (`build_release`)."""

    paragraphs: list[Paragraph]
    english: English
    marks: list[Mark]
    english_marks: dict[int, list[Mark]]
    unmatched: list[str]
    cards: dict[str, Card]
    raw: str = ""
    changes: list[RawChange] = field(default_factory=list)
    raw_bounds: list[tuple[int, int]] = field(default_factory=list)
    repaired_matches: bool = True


def _fact_records(frame: Any) -> list[Any]:
    """The checked fact table as records with the fields of helpers.facts.Fact (values as
    printed: int without a decimal point; empty optional fields None)."""
    import pandas as pd

    records = []
    for row in frame.to_dict("records"):
        row = {k: (None if pd.isna(v) else v) for k, v in row.items()}
        for key in ("value", "value_base"):
            value = Decimal(str(row[key]))
            row[key] = int(value) if value == value.to_integral_value() else float(value)
        if row.get("compared_with") is not None:
            row["compared_with"] = int(row["compared_with"])
        records.append(SimpleNamespace(**row))
    return records


def build_release(
    text: Path = REPAIRED_RELEASE,
    facts: Path = FACTS,
    english: Path = ENGLISH_RELEASE,
    audit: Path | None = AUDIT,
    raw: Path | None = RAW_RELEASE,
    reconstructions: Path | None = MOJIBAKE_RECONSTRUCTIONS,
    notebooks: Path | None = NOTEBOOKS_DIR,
) -> Release:
    """Read the inputs and work out the page: paragraphs, marks in both languages, cards and the
    repair view. Raises DataError naming the file for input that does not fit together."""
    from helpers.facts import SECTIONS, load_facts

    text_path, english_path = Path(text), Path(english)
    for path in (text_path, english_path):
        if not path.is_file():
            raise DataError(f"{_display(path)} does not exist.")
    chinese = text_path.read_text(encoding="utf-8")
    records = _fact_records(load_facts(facts, release=text_path))
    paragraphs = chinese_paragraphs(chinese)
    translation = read_english(english_path.read_text(encoding="utf-8"), _display(english_path))
    if len(translation.paragraphs) != len(paragraphs):
        raise DataError(
            f"{_display(english_path)} has {len(translation.paragraphs)} paragraphs after its "
            f"title and note, and {_display(text_path)} has {len(paragraphs)}: the page shows "
            "them side by side, one English paragraph for each Chinese one."
        )
    marks = locate_facts(chinese, records)
    en_marks: dict[int, list[Mark]] = {}
    unmatched: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        inside = [
            Mark(
                m.fact,
                m.start - paragraph.start,
                m.end - paragraph.start,
                m.number,
                m.stated,
                m.numeral,
                m.kind,
                m.base,
            )
            for m in marks
            if paragraph.start <= m.start < paragraph.end
        ]
        found, missing = english_marks(paragraph.text, inside, translation.paragraphs[index])
        en_marks[index] = found
        unmatched += missing
    audit_rows = _csv_rows(audit, ("figures", "verdict"), "the audit table")
    reports = section_reports(notebooks, SECTIONS)
    cards = build_cards(records, {m.fact: m for m in marks}, audit_rows, reports)
    release = Release(paragraphs, translation, marks, en_marks, unmatched, cards)
    if raw is not None:
        from helpers.repair.text import repair, repair_changes

        raw_text = Path(raw).read_text(encoding="utf-8")
        recon = None if reconstructions is None else Path(reconstructions)
        evidence = {
            r["damaged"]: r.get("evidence", "")
            for r in _csv_rows(
                recon if recon is not None and recon.is_file() else None,
                ("damaged", "reconstruction"),
                "the mojibake reconstructions",
            )
        }
        changes = repair_changes(raw_text, recon)
        normalised = unicodedata.normalize("NFC", raw_text.replace("\r\n", "\n"))
        release.raw = normalised
        release.changes = place_changes(normalised, changes, evidence)
        release.raw_bounds = raw_paragraphs(normalised, release.changes)
        release.repaired_matches = repair(raw_text, recon) == chinese
    return release


def render(release: Release, lang: str = "en") -> str:
    """The page's HTML, before the font is embedded: English first (`lang="en"`, release.html)
    or Chinese first (`lang="zh"`, release.zh-CN.html, the Chinese index's link): its title,
    heading, introduction, notes, controls and card labels in that language first."""
    _FIRST[0] = lang
    try:
        return _render(release, lang)
    finally:
        _FIRST[0] = "en"


def _render(release: Release, lang: str) -> str:
    from helpers.publish import webfont

    rows, nav = [], []
    section = 0
    for index, paragraph in enumerate(release.paragraphs):
        zh_marks = [m for m in release.marks if paragraph.start <= m.start < paragraph.end]
        zh = _marked(paragraph.text, zh_marks, "zh", paragraph.start)
        en_text = release.english.paragraphs[index]
        en = _marked(en_text, release.english_marks.get(index, []), "en")
        if paragraph.header:
            section += 1
            anchor = f"section-{section}"
            nav.append(f'<a href="#{anchor}"><span lang="zh-Hans">{_e(paragraph.text)}</span></a>')
            rows.append(
                f'<div class="row head" id="{anchor}"><h2 class="zh" lang="zh-Hans">{zh}'
                f'</h2><h2 class="en" lang="en">{en}</h2></div>'
            )
        else:
            rows.append(
                f'<div class="row" id="p{index + 1}"><p class="zh" lang="zh-Hans">{zh}'
                f'</p><p class="en" lang="en">{en}</p></div>'
            )
    cards = "".join(_card_html(c) for c in release.cards.values())
    unmatched = ""
    if release.unmatched and lang == "zh":
        unmatched = (
            f'<p class="notice">有{len(release.unmatched)}个数字未能在英文译文中按数值对应，'
            f"只在中文中标注：{_e('、'.join(release.unmatched))}。</p>"
        )
    elif release.unmatched:
        unmatched = (
            f'<p class="notice">{len(release.unmatched)} figures could not be matched in '
            f"the English by their number, and are marked in the Chinese only: "
            f"{_e(', '.join(release.unmatched))}.</p>"
        )
    repair_view, repair_tab = "", ""
    if release.raw:
        repair_tab = (
            '<button type="button" data-view="repair" aria-pressed="false">'
            f"{_label('How it was repaired', '修复过程')}</button>"
        )
        repair_view = _repair_section(release, lang)
    title = release.english.title or "The release, annotated"
    template = _asset("page.zh-CN.html" if lang == "zh" else "page.html")
    note = re.sub(r"`([^`]+)`", r"<code>\1</code>", _e(release.english.note))
    values = {
        "title": _e(TITLE_ZH if lang == "zh" else title),
        "font": webfont.placeholder(),
        "font_stack": webfont.FONT_STACK,
        "css": _asset("release.css"),
        "js": _asset("release.js"),
        "note": NOTE_ZH if lang == "zh" else note,
        "nav": " ".join(nav),
        "rows": "\n".join(rows),
        "cards": cards,
        "figures": str(len(release.marks)),
        "unmatched": unmatched,
        "repair_tab": repair_tab,
        "repair_view": repair_view,
    }
    return re.sub(r"\{\{(\w+)\}\}", lambda m: values[m.group(1)], template)


# The release's Chinese title: the press conference's name (README.zh-CN.md).
TITLE_ZH = "科技赋能新质生产力 高新技术产业发展再上新台阶"
# The Chinese page's note on the translation beside the text (the English page shows the
# translator's note of data/processed/release.en.md).
NOTE_ZH = (
    "右栏英文为本项目的译文，供英文读者对照，逐段与中文对应；数字以中文原文为准。"
    "原文在转载中受损，中文为修复后的文本，修复过程见“修复过程”。"
)


def _repair_section(release: Release, lang: str = "en") -> str:
    counts: dict[str, int] = {}
    for change in release.changes:
        counts[change.kind] = counts.get(change.kind, 0) + 1
    from helpers import tables

    legend = " ".join(
        f'<span class="chg chg-{_e(kind)}">'
        f"{_e(tables.translate_text(kind) if lang == 'zh' else kind)}</span> {count}"
        for kind, count in counts.items()
    )
    rows = []
    aligned = len(release.raw_bounds) == len(release.paragraphs)
    if aligned:
        for bounds, paragraph in zip(release.raw_bounds, release.paragraphs, strict=True):
            rows.append(
                f'<div class="row">{_repair_html(release.raw, bounds, release.changes)}'
                f'<p class="fixed" lang="zh-Hans">{_e(paragraph.text)}</p></div>'
            )
    else:  # the raw text's paragraphs do not line up with the repaired ones: show it whole
        whole = _repair_html(release.raw, (0, len(release.raw)), release.changes)
        fixed = "<br>".join(_e(p.text) for p in release.paragraphs)
        rows.append(f'<div class="row">{whole}<p class="fixed" lang="zh-Hans">{fixed}</p></div>')
    stale = (
        ""
        if release.repaired_matches
        else '<p class="notice">The repaired text given is not what the repair makes of this raw '
        "text today: run <code>make data</code>.</p>"
    )
    if lang == "zh":
        return (
            '<section id="repair" aria-label="修复过程" hidden>'
            f"<p>左栏为转载网站上受损的副本，修复时的每处改动均已突出显示；右栏为修复后的文本。"
            f"共{len(release.changes)}处改动：{legend}。将鼠标移到改动处可查看修复结果。</p>{stale}"
            '<div class="cols"><div class="colhead">受损副本</div>'
            '<div class="colhead">修复后</div></div>' + "\n".join(rows) + "</section>"
        )
    return (
        f'<section id="repair" aria-label="How it was repaired" hidden>'
        f"<p>The mirror's damaged copy (left), each change of the repair highlighted, and the "
        f"repaired text (right). {len(release.changes)} changes: {legend}. Hover a change to "
        f"see what it became.</p>{stale}"
        f'<div class="cols"><div class="colhead">Damaged mirror text</div>'
        f'<div class="colhead">Repaired <span lang="zh-Hans">修复后</span></div></div>'
        + "\n".join(rows)
        + "</section>"
    )


def write_page(release: Release, out: Path) -> Path:
    """Write the page of a built release to `out` (atomically), with its font embedded, and the
    Chinese-first page beside it (`zh_page`)."""
    from helpers.paths import write_text_atomic
    from helpers.publish import webfont

    if release.unmatched:
        warnings.warn(
            f"{len(release.unmatched)} figures are not marked in the English (their "
            f"number is not found there as often as in the Chinese): "
            f"{', '.join(release.unmatched)}",
            stacklevel=2,
        )
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(out, webfont.embed(render(release)))
    write_text_atomic(zh_page(out), webfont.embed(render(release, "zh")))
    return out


def zh_page(out: Path) -> Path:
    """The Chinese-first page beside the English one: release.html -> release.zh-CN.html."""
    return Path(out).with_name(f"{Path(out).stem}.zh-CN{Path(out).suffix}")


def write_release_page(
    out: Path = BUILD_DIR / PAGE_NAME,
    *,
    text: Path = REPAIRED_RELEASE,
    facts: Path = FACTS,
    english: Path = ENGLISH_RELEASE,
    audit: Path | None = AUDIT,
    raw: Path | None = RAW_RELEASE,
    reconstructions: Path | None = MOJIBAKE_RECONSTRUCTIONS,
    notebooks: Path | None = NOTEBOOKS_DIR,
) -> Path:
    """Build the annotated release page from these files and write it to `out`."""
    release = build_release(text, facts, english, audit, raw, reconstructions, notebooks)
    return write_page(release, out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.publish.annotate",
        description="Build the annotated release page (one offline HTML file): the repaired "
        "Chinese text and its English translation side by side, every figure of the "
        "fact table marked with a card, and the repair view.",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=BUILD_DIR / PAGE_NAME,
        help="the page to write (default build/release.html)",
    )
    parser.add_argument(
        "--text",
        type=Path,
        default=REPAIRED_RELEASE,
        help="the repaired Chinese text (default data/processed/release.zh-Hans.txt)",
    )
    parser.add_argument("--facts", type=Path, default=FACTS, help="the fact table (CSV)")
    parser.add_argument(
        "--english",
        type=Path,
        default=ENGLISH_RELEASE,
        help="the English translation (Markdown: title, note, one paragraph per Chinese paragraph)",
    )
    parser.add_argument(
        "--audit",
        type=Path,
        default=AUDIT,
        help="the audit table (CSV with figures, verdict, note)",
    )
    parser.add_argument(
        "--raw", type=Path, default=RAW_RELEASE, help="the damaged text the repair starts from"
    )
    parser.add_argument(
        "--reconstructions",
        type=Path,
        default=MOJIBAKE_RECONSTRUCTIONS,
        help="the editorial mojibake reconstructions (CSV)",
    )
    parser.add_argument(
        "--notebooks",
        type=Path,
        default=NOTEBOOKS_DIR,
        help="the notebooks folder, for the links to their reports",
    )
    parser.add_argument("--no-audit", action="store_true", help="no audit table")
    parser.add_argument("--no-repair", action="store_true", help="no repair view (no raw text)")
    args = parser.parse_args(argv)
    try:
        out = write_release_page(
            args.out,
            text=args.text,
            facts=args.facts,
            english=args.english,
            audit=None if args.no_audit else args.audit,
            raw=None if args.no_repair else args.raw,
            reconstructions=args.reconstructions,
            notebooks=args.notebooks,
        )
    except DataError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"Annotated release: {_display(out)}")
    return 0


if __name__ == "__main__":
    from helpers.publish.cli import guarded

    sys.exit(guarded(main))
