"""Repair the mirror-damaged release text, and say what was changed.

The mirror damaged the release in five ways; `repair` undoes them in this order, because each
step needs the one before it to have run:

1. mojibake: GBK byte-shift spans (see helpers.repair.mojibake), re-read one byte earlier, or replaced by
   an editorial reconstruction that provably explains the damage. First, because the bytes behind
   a span are those of the damaged text exactly as it stands.
2. pinyin: readings inserted in ASCII parentheses after a character (發(fā)展). Removed only when
   the parenthesised text is a reading of that very character (pypinyin knows the readings), so
   real parentheses stay: (泰山产业领军人才工程), (众创空间), a URL, an acronym such as (AI).
3. punctuation: ASCII , ; : ? ! ( ) - next to Chinese text, back to full-width. Parentheses whose
   content has no Chinese (a URL, an acronym, a year) stay ASCII, as do commas between digits.
   A doubled mark of the mirror's flattening (,, ,、 ,;) becomes the one mark of the original. A
   hyphen between Chinese words is the connector — or the dash —— by the rule of `_hyphen`
   (GB/T 15834-2011).
4. traditional: Traditional characters to Simplified with OpenCC (helpers.repair.script explains the
   configuration).
5. paragraph: the mirror joined paragraphs with a single space; a space after a sentence or
   a colon, before a header such as （二）, or at the end of a header, is a paragraph break again.
   A byline (来源：... 作者：... 发布时间：...) is kept as one paragraph.

`repair_changes` lists every change (kind, position in the raw text, before, after);
`repair_report` gives the same as a DataFrame for the notebooks.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from helpers.repair import mojibake
from helpers.repair.script import HAN_RANGES, to_simplified

if TYPE_CHECKING:
    import pandas as pd

KINDS = ("mojibake", "pinyin", "punctuation", "traditional", "paragraph")

_HANZI = HAN_RANGES
_PINYIN_LETTERS = "a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ"
# A reading in ASCII parentheses after a character, with tone marks or without (guo), a space
# inside (huì ), and written once or more (国(guo)(guo), 产(chan)(chan)(chan)): every form seen
# on the family's pages.
_READING = rf"\([ ]?([{_PINYIN_LETTERS}]{{1,7}})[ ]?\)"
_PINYIN = re.compile(rf"(?<=[{_HANZI}])(?:{_READING})+")
_ONE_READING = re.compile(_READING)
_TONES = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ", "aaaaeeeeiiiioooouuuuüüüünnnm")
_URL = re.compile(r"https?://[A-Za-z0-9._~:/?#\[\]@!$&'*+,;=%-]+")
_FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_DASH = "——"
_SENTENCE_END = "。！？：；"
_HEADER = re.compile(r"[（(][一二三四五六七八九十]+[）)]")
_NEXT_WORD = re.compile(r"[ \u3000]*")
_PARENS = re.compile(r"[()]")
# What the paragraph step looks at: line ends, spaces, full stops, and the first character of a
# line (whatever it is), so that a paragraph's header or byline is decided once.
_PARAGRAPH_EVENTS = re.compile(r"^[^\n]|[\n 。]", re.M)
_ASCII_MARKS = re.compile(r"[,;:?!\-]")
_CHINESE_CHAR = re.compile(f"[\u3000-\u303f{HAN_RANGES}\uff00-\uffef‘’“”—…·]")
# A full stop outranks them all: the mirror's ，。 is the 。 of the original.
_MARK_RANK = {",": 0, "，": 0, "、": 1, ":": 2, "：": 2, ";": 3, "；": 3, "。": 4}
_MARK_RUN = re.compile(r"[,，、;；:：。](?:[ \u3000]*[,，、;；:：。])+")
_HANZI_RUN = re.compile(rf"[{_HANZI}]+")
_DIGITS = re.compile(r"[0-9.]*")
_HANZI_RUN_END = re.compile(rf"[{_HANZI}]+$")
_TERM_WINDOW = 16  # characters looked at on each side of a hyphen
_CONNECTORS = "-—"
_SPAN_NAME = re.compile(
    rf"[{_HANZI}]{{1,4}}?(?:一线|一線|沿线|沿線|地区|地區|之间|之間|方向|走廊"
    r"|铁路|鐵路|高速|航线|航線|线|線|段)"
)
# A byline (来源：... 作者：... 发布时间：...) is one paragraph: its fields stay together.
_BYLINE_LABEL = re.compile(
    r"(?:信息来源|稿件来源|来源|作者|发布时间|发布日期|发布者|发布机构|责任编辑|编辑|记者|通讯员"
    r"|浏览次数|点击数|字号|时间|日期)[ \u3000]*[:：]"
)


# A date line's stamp (2018-05-01 18:36:13, 2025年03月24日 10:30) standing alone between spaces:
# after a headline it starts the date line, and the body follows it (see `_restore_paragraphs`).
_DATE_STAMP = re.compile(
    r"(?:\d{4}-\d{1,2}-\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日)(?:[ \u3000]+\d{1,2}:\d{2}(?::\d{2})?)?"
    r"(?=[ \u3000\n]|$)"
)
_TIME = re.compile(r"\d{1,2}:\d{2}")
# A headline has no clause marks and is short: what a date line may follow on the same line.
_CLAUSE_MARK = re.compile(r"[，。；！？,;!?]")
_HEADLINE_MAX = 60


class UnresolvedMojibakeWarning(UserWarning):
    """A span is mojibake, but its bytes do not give it back and no reconstruction is on file."""


@dataclass(frozen=True)
class Change:
    """One change `repair` made: what kind, where in the raw text, what it was, what it became."""

    kind: str
    position: int
    before: str
    after: str
    note: str = ""


class _Tracked:
    """Text that remembers, for each character, its position in the raw text."""

    def __init__(self, text: str, origin: list[int] | None = None) -> None:
        self.text = text
        self.origin = list(range(len(text))) if origin is None else origin

    def raw_position(self, index: int) -> int:
        if index < len(self.origin):
            return self.origin[index]
        return self.origin[-1] + 1 if self.origin else 0

    def replace(self, edits: list[tuple[int, int, str]]) -> _Tracked:
        """Apply non-overlapping (start, end, new) edits given in this text's positions."""
        text: list[str] = []
        origin: list[int] = []
        cursor = 0
        for start, end, new in sorted(edits):
            text.append(self.text[cursor:start])
            origin.extend(self.origin[cursor:start])
            text.append(new)
            origin.extend([self.raw_position(start)] * len(new))
            cursor = end
        text.append(self.text[cursor:])
        origin.extend(self.origin[cursor:])
        return _Tracked("".join(text), origin)


def _is_chinese(char: str) -> bool:
    """Hanzi, CJK punctuation, full-width forms, curly quotes, the em dash and the ellipsis."""
    return len(char) == 1 and _CHINESE_CHAR.match(char) is not None


def _fix_mojibake(
    tracked: _Tracked, changes: list[Change], reconstructions: dict, flagged: set[int]
) -> _Tracked:
    """Replace each span `mojibake.analyse` recovers, or that has a reconstruction on file; warn
    about the others, and add their raw positions to `flagged` so no later step touches them."""
    edits = []
    for finding in mojibake.analyse(tracked.text):
        position = tracked.raw_position(finding.start)
        entry = reconstructions.get(finding.damaged)
        if entry is not None:
            recovered = finding.span.recovered if finding.span else finding.recovered
            after, note = entry.reconstruction, f"editorial; bytes alone give {recovered!r}"
        elif finding.recovered is not None:
            after, note = finding.recovered, finding.evidence
        else:
            warnings.warn(
                f"Mojibake at position {position} ({finding.damaged!r}) cannot be recovered with "
                f"evidence ({finding.reason}) and has no reconstruction on file. It is left as it "
                "is. Fix it by hand, or add a reconstruction with its evidence to "
                "data/mojibake_reconstructions.csv (for another page, to a CSV passed with "
                "zz repair --reconstructions).",
                UnresolvedMojibakeWarning,
                stacklevel=4,
            )
            changes.append(
                Change(
                    "mojibake",
                    position,
                    finding.damaged,
                    finding.damaged,
                    f"unresolved; {finding.reason}",
                )
            )
            flagged.update(tracked.origin[finding.start : finding.end])
            continue
        edits.append((finding.start, finding.end, after))
        changes.append(Change("mojibake", position, finding.damaged, after, note))
    return tracked.replace(edits)


def _is_reading(reading: str, char: str) -> bool:
    """Whether `reading` is a pinyin reading of `char`: with its tone marks, or, written without
    any, one of the char's readings with the marks taken off (guo for 國: guó)."""
    readings = mojibake.char_readings(char)
    if reading in readings:
        return True
    return reading == reading.translate(_TONES) and any(
        reading == r.translate(_TONES).replace("ü", "v") or reading == r.translate(_TONES)
        for r in readings
    )


def _strip_pinyin(tracked: _Tracked, changes: list[Change], flagged: set[int]) -> _Tracked:
    edits = []
    for match in _PINYIN.finditer(tracked.text):
        if tracked.origin[match.start()] in flagged:
            continue
        char = tracked.text[match.start() - 1]
        readings = _ONE_READING.findall(match.group(0))
        if not all(_is_reading(r, char) for r in readings):
            continue
        edits.append((match.start(), match.end(), ""))
        changes.append(
            Change(
                "pinyin",
                tracked.raw_position(match.start()),
                match.group(0),
                "",
                f"reading of {char}",
            )
        )
    return tracked.replace(edits)


def _protected(text: str) -> set[int]:
    return {i for m in _URL.finditer(text) for i in range(m.start(), m.end())}


def _paren_edits(text: str, protected: set[int]) -> dict[int, str]:
    """Full-width parentheses for pairs whose content has Chinese, and for lone ones beside it.

    Only the parentheses are visited (a regex finds them); whether a pair's content has Chinese
    is one regex search over that content."""
    edits: dict[int, str] = {}
    stack: list[int] = []
    lone: list[int] = []
    for match in _PARENS.finditer(text):
        i = match.start()
        if i in protected:
            continue
        if text[i] == "(":
            stack.append(i)
        elif stack:
            start = stack.pop()
            if _CHINESE_CHAR.search(text, start + 1, i):
                edits[start], edits[i] = "（", "）"
        else:
            lone.append(i)
    for i in lone + stack:
        before, after = text[i - 1 : i], text[i + 1 : i + 2]
        if _is_chinese(before) or _is_chinese(after):
            edits[i] = _FULL_WIDTH[text[i]]
    return edits


def _doubled_mark_edits(text: str, protected: set[int], edits: dict[int, str]) -> None:
    """The mirror's flattening doubled some marks (,, ,、 ,; ：，) where the original had one:
    a run of commas, enumeration commas, colons and semicolons beside Chinese text becomes its
    strongest mark, full-width (； over ： over 、 over ，), and the rest of the run goes."""
    for match in _MARK_RUN.finditer(text):
        start, end = match.span()
        if any(i in protected for i in range(start, end)):
            continue
        if not (_is_chinese(text[start - 1 : start]) or _is_chinese(text[end : end + 1])):
            continue
        marks = [(i, c) for i, c in enumerate(match.group(), start) if c in _MARK_RANK]
        keep, mark = max(marks, key=lambda item: (_MARK_RANK[item[1]], -item[0]))
        for i in range(start, end):
            if i == keep:
                if mark in _FULL_WIDTH:
                    edits[i] = _FULL_WIDTH[mark]
            else:
                edits[i] = ""


def _hyphen(text: str, i: int) -> str:
    """What a hyphen between two Chinese characters stands for (GB/T 15834-2011).

    The connector 一字线 — joins names, places, periods and stages: a chain of terms (科技型中小企业
    -高新技术企业-科技领军企业); a second name of at most four characters followed by 一线, 线,
    地区, 之间, 段, 沿线, 方向, 走廊, 铁路, 高速 or 航线 (以秦岭-淮河一线, 京-沪高速); or two runs
    of Chinese characters of at most four each (秦岭-淮河, 京-沪). Any other hyphen between Chinese
    words is the dash 破折号 —— (首单落地-山东一唯自动化有限公司), which is what the mirror
    flattened most often. A hyphen next to digits or Latin letters stays as written (1-5月,
    2011年-2012年, a code): the text is not rewritten where the figures are."""
    left = _HANZI_RUN_END.search(text, max(0, i - _TERM_WINDOW), i)
    right = _HANZI_RUN.match(text, i + 1, i + 1 + _TERM_WINDOW)
    if left is None or right is None:
        return _DASH
    before, after = text[left.start() - 1 : left.start()], text[right.end() : right.end() + 1]
    chained = (before != "" and before in _CONNECTORS) or (after != "" and after in _CONNECTORS)
    if chained:
        return "—"
    if _SPAN_NAME.match(text, i + 1):
        return "—"  # 秦岭-淮河一线, 京-沪高速
    whole = right.end() < i + 1 + _TERM_WINDOW  # the second term ends inside the window
    if whole and len(left.group()) <= 4 and len(right.group()) <= 4:
        return "—"  # 京-沪, 秦岭-淮河
    return _DASH


def _restore_punctuation(
    tracked: _Tracked,
    changes: list[Change],
    flagged: set[int],
) -> _Tracked:
    """Only the ASCII marks and doubled runs are visited (regexes find them), so the step is
    linear with a small constant; each mark looks at its two neighbours."""
    text = tracked.text
    protected = _protected(text)
    if flagged:  # a flagged span stays exactly as it was: its ? and ) are not punctuation
        protected |= {i for i, origin in enumerate(tracked.origin) if origin in flagged}
    edits = _paren_edits(text, protected)
    _doubled_mark_edits(text, protected, edits)
    for match in _ASCII_MARKS.finditer(text):
        i = match.start()
        if i in protected or i in edits:
            continue
        char = text[i]
        before = edits.get(i - 1, text[i - 1 : i])
        after = edits.get(i + 1, text[i + 1 : i + 2])
        if char == "-":
            if _is_chinese(before) and _is_chinese(after):
                edits[i] = _hyphen(text, i)
        elif char == "," and before == "%" and after.isdigit():
            # 16.0%,7月份: a clause comma, not a thousands separator (no digit before it)
            number_end = _DIGITS.match(text, i + 1).end()
            if _is_chinese(text[number_end : number_end + 1]):
                edits[i] = "，"
        elif (_is_chinese(before) or _is_chinese(after)) and not (
            before.isdigit() and after.isdigit()
        ):
            edits[i] = _FULL_WIDTH[char]
    for i, new in sorted(edits.items()):
        changes.append(Change("punctuation", tracked.raw_position(i), text[i], new))
    return tracked.replace([(i, i + 1, new) for i, new in edits.items()])


# OpenCC converts phrases, never across punctuation or a line: converting the text piece by piece
# between these gives the same result, and keeps each diff small (linear time overall).
_PIECE_END = re.compile(r"[\n。！？；，：、]")


def _pieces(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for match in _PIECE_END.finditer(text):
        bounds.append((start, match.end()))
        start = match.end()
    bounds.append((start, len(text)))
    return bounds


_NUMPY_FROM = 20_000  # characters; below this a Python loop over them is faster than numpy's import


def _opcodes(old: str, new: str) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes; for the usual one-for-one conversion, each run of changed characters
    is one replace, found by comparing the two texts as arrays of code points (difflib is
    quadratic and slow even on short pieces, and a loop over characters is slow in Python)."""
    if len(old) != len(new):
        return difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    if len(old) < _NUMPY_FROM:  # importing numpy costs more than a short loop
        codes, i = [], 0
        while i < len(old):
            j = i
            while j < len(old) and (old[j] == new[j]) == (old[i] == new[i]):
                j += 1
            codes.append(("equal" if old[i] == new[i] else "replace", i, j, i, j))
            i = j
        return codes
    import numpy as np

    differs = np.frombuffer(old.encode("utf-32-le"), dtype=np.uint32) != np.frombuffer(
        new.encode("utf-32-le"), dtype=np.uint32
    )
    bounds = [0, *(np.flatnonzero(differs[1:] != differs[:-1]) + 1).tolist(), len(old)]
    return [
        ("replace" if differs[i] else "equal", i, j, i, j)
        for i, j in zip(bounds, bounds[1:], strict=False)
    ]


def _to_simplified(tracked: _Tracked, changes: list[Change], flagged: set[int]) -> _Tracked:
    old = tracked.text
    edits = []
    whole = to_simplified(old)
    # One call for the whole text when it converts one for one; else piece by piece.
    pieces = [(0, len(old))] if len(whole) == len(old) else _pieces(old)
    for begin, end in pieces:
        piece = old[begin:end]
        new = whole if len(pieces) == 1 else to_simplified(piece)
        if new == piece:
            continue
        for tag, i1, i2, j1, j2 in _opcodes(piece, new):
            if tag == "equal":
                continue
            if flagged and any(o in flagged for o in tracked.origin[begin + i1 : begin + i2]):
                continue  # a flagged span stays as it was
            edits.append((begin + i1, begin + i2, new[j1:j2]))
            changes.append(
                Change("traditional", tracked.raw_position(begin + i1), piece[i1:i2], new[j1:j2])
            )
    return tracked.replace(edits)


def _restore_paragraphs(tracked: _Tracked, changes: list[Change]) -> _Tracked:
    """One pass over the text: what follows a space is found with a regex from that position,
    and what the current paragraph holds (its header, a 。, a byline) is kept as it is read.

    A byline (来源：枣庄日报 作者：张三 发布时间：2025-03-24) is one paragraph: it starts a new
    paragraph when a space comes before its first label, and a space inside it (after a label's
    colon, or before the next label) is not a break; the first space after it that comes before
    other Chinese text is.

    A headline, its date line and the body run together on one line (每天约80个村庄消失
    2018-05-01 18:36:13 尽管人口是...) are three paragraphs: a date stamp standing alone after a
    short line with no clause mark starts a date line, which ends like a byline, also where the
    body begins with a figure."""
    text = tracked.text
    edits: list[tuple[int, int, str]] = []
    in_header = None  # decided at the paragraph's first character
    in_byline = False
    has_full_stop = False
    start = 0  # where the current paragraph began
    stamp_end = 0  # where the date stamp of a date line ends
    for match in _PARAGRAPH_EVENTS.finditer(text):
        i, char = match.start(), match.group()
        if char == "\n":
            in_header, has_full_stop, in_byline = None, False, False
            start = i + 1
            continue
        if in_header is None:
            first = _NEXT_WORD.match(text, i).end() if char in " \u3000" else i
            in_header = _HEADER.match(text, first) is not None
            in_byline = _BYLINE_LABEL.match(text, first) is not None
        if char == "。":
            has_full_stop = True
        if char != " ":
            continue
        before = text[i - 1 : i]
        rest = _NEXT_WORD.match(text, i + 1).end()
        if i < stamp_end:
            continue  # the space inside a date stamp (2018-05-01 18:36:13)
        date = _DATE_STAMP.match(text, rest)
        # a date line, not a date in a sentence: a time, a byline label, or nothing after it
        date_line = date is not None and (
            _TIME.search(date.group()) is not None
            or _BYLINE_LABEL.match(text, _NEXT_WORD.match(text, date.end()).end()) is not None
            or text[date.end() : date.end() + 1] in ("", "\n")
        )
        dated = (
            date_line
            and not in_byline
            and _is_chinese(before)
            and i - start <= _HEADLINE_MAX
            and not _CLAUSE_MARK.search(text, start, i)
        )
        figure_after_byline = (
            in_byline
            and _is_chinese(before)
            and before not in "：:"
            and text[rest : rest + 1].isdigit()
            and _TIME.match(text, rest) is None
        )
        if dated or (figure_after_byline and date is None):
            edits.append((i, i + 1, "\n\n"))
            changes.append(Change("paragraph", tracked.raw_position(i), " ", "\\n\\n"))
            in_header, has_full_stop, in_byline, start = False, False, dated, i + 1
            stamp_end = date.end() if dated and date else stamp_end
            continue
        # a byline's last value may end in digits (发布时间：2025-03-24 10:30)
        if not ((in_byline or _is_chinese(before)) and _is_chinese(text[rest : rest + 1])):
            continue
        label_next = _BYLINE_LABEL.match(text, rest) is not None
        if in_byline:
            if before in "：:" or label_next:
                continue
            in_byline = False
            breaks = True
        else:
            header_ends = bool(in_header) and not has_full_stop
            breaks = (
                before in _SENTENCE_END
                or _HEADER.match(text, rest) is not None
                or header_ends
                or label_next
            )
        if breaks:
            edits.append((i, i + 1, "\n\n"))
            changes.append(Change("paragraph", tracked.raw_position(i), " ", "\\n\\n"))
            in_header, has_full_stop = _HEADER.match(text, rest) is not None, False
            in_byline, start = label_next, i + 1
    return tracked.replace(edits)


def _tidy(text: str) -> str:
    """One paragraph per line, a blank line between them, no indentation, a final newline."""
    paragraphs = [p.strip(" \t\u3000") for p in re.split(r"\n\s*\n|\n", text)]
    return "\n\n".join(p for p in paragraphs if p) + "\n"


# Where `repair` finds editorial reconstructions when its caller names none. The room knows no
# project file: a project that keeps reconstructions for its page sets this once
# (`use_reconstructions`), and every other caller (the `zz` command, another release) passes its
# own or gets none.
_default_reconstructions: Path | None = None

Reconstructions = Path | Mapping[str, mojibake.Reconstruction] | None


def use_reconstructions(path: Path | None) -> None:
    """Make `path` the reconstructions CSV that `repair` reads when its caller passes none."""
    global _default_reconstructions
    _default_reconstructions = path


def _reconstructions(given: Reconstructions) -> Mapping[str, mojibake.Reconstruction]:
    """The reconstructions table: a CSV path (checked row by row), a table, or the default."""
    if given is None:
        given = _default_reconstructions
    if given is None:
        return {}
    if isinstance(given, Mapping):
        return given
    return mojibake.cached_reconstructions(Path(given)) if Path(given).exists() else {}


def _repair(raw: str, reconstructions: Reconstructions) -> tuple[str, list[Change]]:
    table = _reconstructions(reconstructions)
    changes: list[Change] = []
    flagged: set[int] = set()  # raw positions of spans flagged as unrecoverable
    tracked = _Tracked(unicodedata.normalize("NFC", raw.replace("\r\n", "\n")))
    tracked = _fix_mojibake(tracked, changes, table, flagged)
    tracked = _strip_pinyin(tracked, changes, flagged)
    tracked = _restore_punctuation(tracked, changes, flagged)
    tracked = _to_simplified(tracked, changes, flagged)
    tracked = _restore_paragraphs(tracked, changes)
    return _tidy(tracked.text), changes


def repair(raw: str, reconstructions: Reconstructions = None) -> str:
    """Return the repaired Simplified Chinese text of a mirror-damaged article.

    `reconstructions` is a CSV of editorial mojibake reconstructions (each row checked against
    the damage it explains), or a table of them; None means the default a project set with
    `use_reconstructions`, else none. A mojibake span that lost bytes and has no reconstruction
    is left as it is, with an UnresolvedMojibakeWarning: nothing is invented.
    """
    return _repair(raw, reconstructions)[0]


def repair_changes(raw: str, reconstructions: Reconstructions = None) -> list[Change]:
    """Every change `repair` makes to `raw`, in the order the steps run."""
    return _repair(raw, reconstructions)[1]


def repair_changes_and_text(
    raw: str,
    reconstructions: Reconstructions = None,
) -> tuple[str, list[Change]]:
    """`repair` and `repair_changes` in one pass, for callers that need both (the command line)."""
    return _repair(raw, reconstructions)


def repair_report(raw: str, reconstructions: Reconstructions = None) -> pd.DataFrame:
    """`repair_changes` as a table: kind, position (in the raw text), before, after, note."""
    import pandas as pd

    changes = repair_changes(raw, reconstructions)
    columns = ["kind", "position", "before", "after", "note"]
    return pd.DataFrame([vars(c) for c in changes], columns=columns)


@dataclass(frozen=True)
class Section:
    """A part of the repaired release: its header (empty for the opening) and its paragraphs."""

    header: str
    paragraphs: tuple[str, ...]


def sections(repaired: str) -> list[Section]:
    """Split a repaired release into the opening and its numbered sections （一）（二）（三）."""
    result: list[Section] = []
    header, body = "", []
    for paragraph in repaired.split("\n\n"):
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        if _HEADER.match(paragraph):
            result.append(Section(header, tuple(body)))
            header, body = paragraph, []
        else:
            body.append(paragraph)
    result.append(Section(header, tuple(body)))
    return result
