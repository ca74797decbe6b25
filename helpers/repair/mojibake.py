"""Find and undo the mirror's GBK byte-shift mojibake.

How the damage was made, reconstructed from the file and confirmed on every span in it: the mirror
took a stretch of text, encoded it as GBK, dropped the first byte and decoded the rest two bytes at
a time. Read one byte late, each character's second byte pairs with the next character's first
byte, which gives rare characters, kana, bopomofo and box-drawing signs (。ㄒ唬┘哟...). Pairs that
are not valid GBK were dropped; the orphaned first byte, and an orphaned last byte, show as "?".
The mirror flattened full-width punctuation afterwards, so a "；" made by the shift shows as ";".

- `shift_damage(text)` is that process as code; `unmarked_damage(text)` the same shift read by a
  second decoder seen on real pages (GB18030, invalid bytes ignored), which leaves no "?".
- `find_spans(text)` finds spans that look like its output: a "?" followed by characters that
  ordinary Chinese prose almost never uses, which read as ordinary prose one byte earlier.
- `recover_bytes(span)` re-encodes a span and decodes it one byte earlier. That recovers every
  character whose two bytes both survived; the others come back as U+FFFD.
- `analyse(text)` is what `helpers.repair.text.repair` uses on any page of the family: every kind of
  damaged span, each recovered with evidence or flagged. A recovery is taken only if it re-damages
  to its span, reads as prose, and no other reading of the same bytes (`rival_reading`: a pair the
  mirror dropped without a trace, another first byte, one more character before a lost first byte)
  reads about as well. A misaligned annotation is read only where its reading fits one character.

What was lost cannot be recovered from bytes. Such reconstructions are editorial, kept in
`data/mojibake_reconstructions.csv` with their evidence, and accepted only if `shift_damage` of the
reconstruction reproduces the damaged span exactly.
"""

from __future__ import annotations

import csv
import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from helpers.repair.script import HAN_RANGES, to_simplified

ENCODING = "gbk"
LOST = "\ufffd"
# Characters the mirror writes where a byte was lost: "?" in this family of sites, U+FFFD elsewhere.
LOST_MARKERS = "?\ufffd"
# The mirror's punctuation flattening, full-width to ASCII, applied after the shift.
FLATTEN = {"，": ",", "；": ";", "：": ":", "（": "(", "）": ")", "！": "!", "？": "?"}
_FLATTEN_TABLE = str.maketrans(FLATTEN)
_UNFLATTEN = {ascii_: full for full, ascii_ in FLATTEN.items() if ascii_ not in LOST_MARKERS}
# Punctuation of ordinary Chinese prose: what a recovered character may be besides a common hanzi.
COMMON_PUNCTUATION = set("　、。·—…‘’“”《》〈〉「」『』【】〔〕！（），．：；？－％＋／")
# The lost first byte is guessed only when it gives one of these (GBK row A1: 　、。 and quotes).
_GUESSABLE_LEAD = 0xA1
# ... and only to these: the boundaries every span seen starts at. Not 、, which the prose check
# takes too readily anywhere (我們將繼續 shifted reads 我們、繼續 to it), nor 》 or ·.
_GUESSES = "\u3000。"
_MAX_SPAN = 80


@dataclass(frozen=True)
class MojibakeSpan:
    """One damaged span found in a text, with what its bytes give back."""

    start: int
    end: int
    damaged: str
    recovered: str  # byte-level recovery; U+FFFD where bytes were lost
    guessed_lead: bool  # the lost first byte was taken as A1 (punctuation row): recover_bytes

    @property
    def complete(self) -> bool:
        """True when every character came back from bytes and reads as ordinary prose."""
        return LOST not in self.recovered and implausible_count(self.recovered) == 0


@dataclass(frozen=True)
class Reconstruction:
    """An editorial reconstruction of a damaged span, as recorded in the data file."""

    damaged: str
    reconstruction: str
    evidence: str


def _characters(data: Sequence[int | None]) -> Iterator[Sequence[int | None]]:
    """The byte groups a GBK decoder reads, in order: an ASCII byte alone, any other byte with
    the byte after it (alone when it is the last). A lost byte (None) starts a pair like any
    lead byte. The one reading loop behind `_decode_pairs`, `_decode_known` and `recover_bytes`."""
    i = 0
    while i < len(data):
        width = 1 if data[i] is not None and data[i] < 0x80 else 2
        yield data[i : i + width]
        i += width


def _decode_pairs(data: bytes) -> str:
    """Decode GBK two bytes at a time as the mirror did.

    A lead byte followed by an ASCII byte that does not make a GBK character gives one '?' and
    consumes both bytes (so the ASCII byte is lost too, and the reading is aligned again after
    it); other invalid pairs are dropped; an orphaned last byte is '?'.
    """
    out: list[str] = []
    for group in _characters(data):
        if group[0] < 0x80:
            out.append(chr(group[0]))
        elif len(group) == 1:
            out.append("?")
        else:
            try:
                out.append(bytes(group).decode(ENCODING))
            except UnicodeDecodeError:
                if group[1] < 0x80:
                    out.append("?")
                # else: the mirror dropped the invalid pair
    return "".join(out)


def _decode_known(data: Sequence[int | None]) -> str:
    """Decode bytes aligned, U+FFFD for a character with a lost (None) or invalid byte."""
    out: list[str] = []
    for group in _characters(data):
        if group[0] is not None and group[0] < 0x80:
            out.append(chr(group[0]))
        elif len(group) < 2 or None in group:
            out.append(LOST)
        else:
            out.append(bytes(group).decode(ENCODING, errors="replace"))
    return "".join(out)


def shift_damage(text: str) -> str:
    """Damage `text` the way the mirror did: GBK, first byte dropped, re-read, flattened."""
    return ("?" + _decode_pairs(text.encode(ENCODING)[1:])).translate(_FLATTEN_TABLE)


def is_plausible(char: str) -> bool:
    """True for characters ordinary Chinese prose uses: ASCII, common punctuation, and hanzi
    whose Simplified form is in GB2312 level 1 (the 3,755 most common characters)."""
    if char.isascii() or char in COMMON_PUNCTUATION:
        return True
    try:
        encoded = to_simplified(char).encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(encoded) == 2 and 0xB0 <= encoded[0] <= 0xD7


def implausible_count(text: str) -> int:
    """How many characters of `text` ordinary prose would almost never use (U+FFFD excluded)."""
    return sum(1 for ch in text if ch != LOST and not is_plausible(ch))


def _span_end(text: str, begin: int) -> int:
    """Where a shifted run that starts at `begin` ends: at the mirror's orphan marker, or at an
    ASCII byte that the shifted reading left standing alone (a second byte in 0x40-0x7E)."""
    j = begin
    while j < len(text) and j - begin < _MAX_SPAN:
        char = text[j]
        if char in LOST_MARKERS:
            return j + 1
        if char.isascii():
            if char in _UNFLATTEN:
                j += 1
                continue
            return j + 1 if 0x40 <= ord(char) <= 0x7E else j
        j += 1
    return j


def _body_bytes(body: str) -> list[int | None] | None:
    """The bytes behind a damaged body, None for a lost byte; None if it cannot be GBK."""
    out: list[int | None] = []
    for char in body:
        if char in LOST_MARKERS:
            out.append(None)
            continue
        try:
            out.extend(_UNFLATTEN.get(char, char).encode(ENCODING))
        except UnicodeEncodeError:
            return None
    return out


def recover_bytes(damaged: str) -> tuple[str, bool] | None:
    """Read a damaged span ('?' + body) one byte earlier. Returns (text, guessed_lead).

    The first byte is always lost (it became the leading '?'). When the byte after it, taken as a
    second byte of GBK row A1, gives punctuation (A1A1 is the ideographic space, A1A3 is 。), that
    is used: the shift starts at a sentence or paragraph boundary in every span seen. Any other
    character with a lost byte becomes U+FFFD. Returns None if the span cannot be GBK.
    """
    body = damaged[1:] if damaged[:1] in LOST_MARKERS else damaged
    data = _body_bytes(body)
    if data is None:
        return None
    guess = LOST
    if data and data[0] is not None:
        guess = bytes([_GUESSABLE_LEAD, data[0]]).decode(ENCODING, errors="replace")
    if guess in _GUESSES:
        return guess + _decode_known(data[1:]), True
    return LOST + _decode_known(data[1:]), False


def find_spans(text: str) -> list[MojibakeSpan]:
    """Every span of `text` that is byte-shift mojibake, in order.

    A span starts at a lost-byte marker and runs to where the shifted reading ends. It counts as
    mojibake only if at least two of its characters are ones ordinary prose almost never uses and
    reading it one byte earlier leaves fewer than half as many: a plain "?" before ordinary prose,
    or a rare place name, is left alone.
    """
    spans: list[MojibakeSpan] = []
    resume = 0
    for marker in re.finditer(f"[{LOST_MARKERS}]", text):
        start = marker.start()
        if start < resume:
            continue
        end = _span_end(text, marker.end())
        damaged = text[start:end]
        odd = implausible_count(damaged)
        if odd < 2:
            continue
        result = recover_bytes(damaged)
        if result is None:
            continue
        recovered, guessed = result
        if implausible_count(recovered) * 2 >= odd:
            continue
        spans.append(MojibakeSpan(start, end, damaged, recovered, guessed))
        resume = end
    return spans


def load_reconstructions(path: Path) -> dict[str, Reconstruction]:
    """Read the editorial reconstructions and check each one against the damage it explains.

    Raises ValueError naming the row if a reconstruction does not reproduce its damaged span under
    `shift_damage`: an editorial guess must at least be consistent with every byte that survived.
    """
    table: dict[str, Reconstruction] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            entry = Reconstruction(row["damaged"], row["reconstruction"], row["evidence"])
            redamaged = shift_damage(entry.reconstruction)
            if redamaged != entry.damaged:
                raise ValueError(
                    f"{path.name}, line {line}: the reconstruction {entry.reconstruction!r} "
                    f"does not explain the damaged span {entry.damaged!r}: damaging it again gives "
                    f"{redamaged!r}. Fix the reconstruction so that its GBK bytes keep every byte "
                    "that survived."
                )
            table[entry.damaged] = entry
    return table


@lru_cache(maxsize=4)
def cached_reconstructions(path: Path) -> dict[str, Reconstruction]:
    """`load_reconstructions`, read once per process."""
    return load_reconstructions(path)


def reading_table(damaged: str) -> list[dict[str, str]]:
    """The byte-level reasoning for one damaged span, a row per character of the recovered reading.

    Each row gives the damaged characters the bytes came from, the bytes re-paired one byte
    earlier (?? for a lost byte), and what that pair reads as. The notebooks show it as a table.
    """
    body = damaged[1:] if damaged[:1] in LOST_MARKERS else damaged
    sources: list[tuple[int | None, str]] = [(None, damaged[:1])]
    for char in body:
        if char in LOST_MARKERS:
            sources.append((None, char))
            continue
        for byte in _UNFLATTEN.get(char, char).encode(ENCODING):
            sources.append((byte, char))
    result = recover_bytes(damaged)
    recovered = result[0] if result else ""
    rows: list[dict[str, str]] = []
    i = 0
    for reading in recovered:
        lead, _ = sources[i]
        if lead is not None and lead < 0x80:
            pair, i = [sources[i]], i + 1
        else:
            pair, i = sources[i : i + 2], i + 2
        rows.append(
            {
                "from damaged": "".join(dict.fromkeys(c for _, c in pair)),
                "bytes re-paired": " ".join("??" if b is None else f"{b:02X}" for b, _ in pair),
                "reads as": "(lost)" if reading == LOST else reading.replace("\u3000", "(U+3000)"),
            }
        )
    return rows


# --- Misaligned annotations, and checking a recovery -------------------------------------------
#
# The mirror inserted pinyin readings as bytes, after the character it had read. Where it had read
# one byte late, it annotated a character X made of one character's second byte (b1) and the next
# one's first (a2), and wrote "(reading)" after a2. Decoded aligned again, a2 and "(" make one
# "?" (a lead byte and an ASCII byte), the reading and ")" survive, and what follows is read one
# byte late until an ASCII byte realigns it:   c1 ? reading ) shifted...
# b1 is c1's second byte and the reading names X, so a2 is pinned down when only one GBK
# character with lead byte b1 has that reading (`characters_read_as`).

PINYIN_LETTERS = "a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ"
_MISALIGNED = re.compile(rf"\?([{PINYIN_LETTERS}]{{1,7}})\)")
# A recovery reads as prose when jieba's most likely segmentation gives at least this mean
# log-probability per character, and beats the damaged text's by the margin. Calibrated on the
# generated corpus of tests/test_mojibake.py: prose scores -5 to -8, shifted text -10 to -13.
PROSE_FLOOR = -9.5
PROSE_MARGIN = 1.5
_HANZI_RUN = re.compile(f"[{HAN_RANGES}]+")
# A one-character word rarer than this (log-probability; 方 is -8.4, 及 -7.1) is not accepted in a
# recovery: official prose uses common function characters alone, not rare ones.
SINGLE_FLOOR = -8.0


class _Dictionary:
    """jieba's dictionary (350,000 words with frequencies, shipped in jieba's wheel), read only for
    the characters a check needs.

    jieba itself parses the whole file (or a marshal cache of it) into a dictionary of 500,000
    words and prefixes: seconds in a fresh process, for a check that looks at twenty characters.
    Here the file is read once as lines sorted by first character, its total counted with one
    regex, and the words that begin with a character are parsed the first time a text holds it.
    Every word and prefix beginning with a text's characters is then known, so the segmentation
    (`route`, jieba's own DAG and dynamic programme) is exactly jieba's."""

    def __init__(self) -> None:
        import importlib.util
        from pathlib import Path

        spec = importlib.util.find_spec("jieba")  # its path, without importing jieba (0.3 s)
        if spec is None or not spec.submodule_search_locations:
            raise ModuleNotFoundError("jieba is needed for the prose check: pip install jieba")
        path = Path(next(iter(spec.submodule_search_locations))) / "dict.txt"
        text = path.read_text(encoding="utf-8")
        self.total = sum(map(int, re.findall(r"^[^ \n]+ (\d+)", text, re.M)))
        # The lines grouped by first character; the sort is stable, so a word listed twice keeps
        # its last frequency, as in jieba.
        self.lines = [line for line in text.split("\n") if line]
        self.lines.sort(key=_first)
        self.freq: dict[str, int] = {}
        self.tags: dict[str, str] = {}  # part of speech, as jieba tags it (v, n, d, p, uj ...)
        self.loaded: set[str] = set()

    def learn(self, text: str) -> None:
        """Parse the words that begin with a character of `text` not seen before."""
        new = set(text) - self.loaded
        if not new:
            return
        self.loaded |= new
        freq, lines, tags = self.freq, self.lines, self.tags
        for char in new:
            for line in lines[
                bisect_left(lines, char, key=_first) : bisect_right(lines, char, key=_first)
            ]:
                word, count, *tag = line.split(" ", 2)
                freq[word] = int(count)
                tags[word] = tag[0] if tag else ""
                for end in range(1, len(word)):
                    freq.setdefault(word[:end], 0)

    def route(self, sentence: str) -> dict[int, tuple[float, int]]:
        """jieba's most likely segmentation of `sentence`: route[i] = (log-probability of the rest,
        end of the word at i), as `jieba.Tokenizer.calc` over `get_DAG` gives it."""
        self.learn(sentence)
        freq, n = self.freq, len(sentence)
        log_total = math.log(self.total)
        route: dict[int, tuple[float, int]] = {n: (0, 0)}
        for k in range(n - 1, -1, -1):
            ends, i, frag = [], k, sentence[k]
            while i < n and frag in freq:
                if freq[frag]:
                    ends.append(i)
                i += 1
                frag = sentence[k : i + 1]
            route[k] = max(
                (math.log(freq.get(sentence[k : x + 1]) or 1) - log_total + route[x + 1][0], x)
                for x in (ends or [k])
            )
        return route


def _first(line: str) -> str:
    return line[:1]


@lru_cache(maxsize=1)
def _dictionary() -> _Dictionary:
    return _Dictionary()


def prose_score(text: str) -> float:
    """Mean log-probability per hanzi of `text` (Simplified first) as a sequence of dictionary
    words: about -6 for official prose, below -10 for shifted mojibake. No hanzi gives -inf."""
    dictionary = _dictionary()
    total, count = 0.0, 0
    for run in _HANZI_RUN.findall(to_simplified(text)):
        total += dictionary.route(run)[0][0]
        count += len(run)
    return total / count if count else float("-inf")


def _rare_single_characters(text: str, start: int, end: int) -> list[str]:
    """Characters of text[start:end] that the most likely segmentation leaves as one-character
    words rarer than SINGLE_FLOOR: what a wrong byte pairing typically produces (腮 in 健腮层)."""
    simplified = to_simplified(text)
    if len(simplified) != len(text):
        simplified = text
    rare = []
    for run in _HANZI_RUN.finditer(simplified):
        word = run.group()
        for i, j in _segment(word):
            if j - i == 1 and start <= run.start() + i < end and _word_cost(word[i]) < SINGLE_FLOOR:
                rare.append(word[i])
    return rare


def _word_cost(word: str) -> float:
    """The log-probability of `word` as one word of jieba's dictionary (an unknown word counts
    once), as the segmentation scores it."""
    dictionary = _dictionary()
    dictionary.learn(word)
    return math.log((dictionary.freq.get(word) or 1) / dictionary.total)


def _segment(run: str) -> list[tuple[int, int]]:
    """jieba's most likely segmentation of a run of hanzi, as (start, end) of each word."""
    route = _dictionary().route(run)
    words, i = [], 0
    while i < len(run):
        end = route[i][1] + 1
        words.append((i, end))
        i = end
    return words


def reads_as_prose(recovered: str, damaged: str, before: str = "", after: str = "") -> bool:
    """True when `recovered` reads as Chinese prose, and far better than `damaged` does, between
    the same neighbouring text (a lost character is a break in the reading, not a character),
    and leaves no rare character standing alone as a word."""
    candidate = before + recovered.replace(LOST, "|") + after
    score = prose_score(candidate)
    if score < PROSE_FLOOR:
        return False
    # The margin compares two readings only where the damaged span has hanzi to read: a span of
    # marks and letters (?＝y for 。統) scores nothing itself, so its context alone would be
    # compared with the recovery in that context, and a short recovery never beats it by much.
    if (
        sum(len(run) for run in _HANZI_RUN.findall(damaged)) >= 2
        and score < prose_score(before + damaged + after) + PROSE_MARGIN
    ):
        return False
    return not _rare_single_characters(candidate, len(before), len(before) + len(recovered))


_CONTEXT = 4  # characters each side of a span that the prose check reads with it


def _context(text: str, start: int, end: int) -> tuple[str, str]:
    return text[max(0, start - _CONTEXT) : start], text[end : end + _CONTEXT]


@lru_cache(maxsize=8192)
def char_readings(char: str) -> frozenset[str]:
    """Every pinyin reading (tone marks) of a character or of its Simplified form."""
    from pypinyin import Style, pinyin

    found: set[str] = set()
    for form in {char, to_simplified(char)}:
        found.update(pinyin(form, style=Style.TONE, heteronym=True)[0])
    return frozenset(found)


@lru_cache(maxsize=4096)
def characters_read_as(lead: int, reading: str) -> tuple[tuple[int, str], ...]:
    """Every GBK character with this lead byte that has this reading: (second byte, character)."""
    found = []
    for trail in range(0x40, 0xFF):
        try:
            char = bytes([lead, trail]).decode(ENCODING)
        except UnicodeDecodeError:
            continue
        if reading in char_readings(char):
            found.append((trail, char))
    return tuple(found)


def misaligned_annotation_damage(text: str, index: int, reading: str | None = None) -> str:
    """Damage `text` as the mirror did when it annotated the character it read one byte late
    between text[index] and text[index + 1], then decoded aligned (and flattened punctuation).

    `reading` defaults to pypinyin's first reading of that misread character. This is the
    process behind the "c1 ? reading ) shifted" spans, as code, for tests and for checking a
    recovery; ValueError if the misread bytes are not a GBK character.
    """
    head = text[: index + 1].encode(ENCODING)
    tail = text[index + 1 :].encode(ENCODING)
    try:
        misread = bytes([head[-1], tail[0]]).decode(ENCODING)
    except (UnicodeDecodeError, IndexError):
        raise ValueError(f"no GBK character is read between {text[index : index + 2]!r}") from None
    if reading is None:
        from pypinyin import Style, pinyin

        reading = pinyin(misread, style=Style.TONE)[0][0]
    data = head + tail[:1] + f"({reading})".encode(ENCODING) + tail[1:]
    return _decode_pairs(data).translate(_FLATTEN_TABLE)


# --- Other readings the same bytes allow --------------------------------------------------------
#
# A recovery that re-damages to its span is one explanation of the bytes, not the only one. The
# mirror dropped every pair that is not GBK without a trace, so one more character may have stood
# anywhere in a span (加大對實體: 對's second byte A6 and 實's first 8C made no character and were
# dropped, and the bytes read 實體), and a lost first byte may have been any lead byte, not only
# row A1's (取得 shifted gives what 　得 does). `_rival` finds the best such reading; a recovery
# that does not read clearly better than it is flagged, never taken.

_RIVAL_MARGIN = 1.0  # natural log: a recovery must be e times likelier than its best rival
# The commonest one-character words (31 in jieba's dictionary: 的 了 是 在 和 对 与 ...) are
# those a function word dropped with a pair is most likely to be, and a unigram model cannot tell
# whether a sentence needs them: see `_function_word_cost`.
FUNCTION_WORD_FLOOR = -6.0
# A reading with one more character (one a dropped pair hid: 政策 read as 者, 智能化。 as 智能。)
# pays for it in full with a word-frequency model, which never credits what the character does
# for the sentence; so it is a rival unless it is e**3 (20 times) less likely, not e.
_LONGER_RIVAL_MARGIN = 3.0
# 。 ends a sentence about every 30 characters of official prose, ， is commoner still: a common
# mark costs what a common word does (log 1/50); any other mark what a rare character does.
_COMMON_MARKS = "，。、\u3000"
_COMMON_MARK = -4.0


@lru_cache(maxsize=1)
def _dropped_pairs() -> frozenset[tuple[int, int]]:
    """The byte pairs the mirror dropped without a trace: not GBK, second byte not ASCII."""
    dropped = set()
    for first in range(0x80, 0x100):
        for second in range(0x80, 0x100):
            try:
                bytes([first, second]).decode(ENCODING)
            except UnicodeDecodeError:
                dropped.add((first, second))
    return frozenset(dropped)


@lru_cache(maxsize=1024)
def _plausible_characters(byte: int, as_second: bool) -> tuple[tuple[int, str], ...]:
    """(other byte, character) for every plausible non-ASCII GBK character whose first byte is
    `byte`, or, `as_second`, whose second byte is."""
    found = []
    for other in range(0x40, 0x100):
        pair = bytes([other, byte] if as_second else [byte, other])
        try:
            char = pair.decode(ENCODING)
        except UnicodeDecodeError:
            continue
        if len(char) == 1 and not char.isascii() and is_plausible(char):
            found.append((other, char))
    return tuple(found)


def _log_probability(text: str) -> float:
    """Log-probability of `text`: its hanzi runs as dictionary words (Simplified first), and each
    other non-ASCII character (a mark, the ideographic space) at a cost: a common mark as a common
    word, any other as a rare character, so that one more mark is not free."""
    dictionary = _dictionary()
    simplified = to_simplified(text)
    runs = _HANZI_RUN.findall(simplified)
    marks = sum(
        _COMMON_MARK if char in _COMMON_MARKS else SINGLE_FLOOR
        for char in _HANZI_RUN.sub("", simplified)
        if not char.isascii()
    )
    return sum(dictionary.route(run)[0][0] for run in runs) + marks


def _readings_with_a_dropped_pair(recovered: str, lead_lost: bool) -> Iterator[str]:
    """Every other text the mirror would damage into the same span as `recovered`: one more
    character where a dropped pair may have been, and, if the first byte was lost, another first
    byte or one more character before it."""
    chars = list(recovered)
    dropped = _dropped_pairs()
    for k, char in enumerate(chars):
        code = char.encode(ENCODING)
        if len(code) != 2:
            continue
        lead, trail = code
        before = _plausible_characters(trail, True)
        for x, left in _plausible_characters(lead, False):
            for y, right in before:
                if (x, y) in dropped:
                    yield "".join(chars[:k]) + left + right + "".join(chars[k + 1 :])
    if not lead_lost or not chars:
        return
    code = chars[0].encode(ENCODING)
    if len(code) != 2:
        return
    for _, other in _plausible_characters(code[1], True):  # the lost first byte, not A1
        if other != chars[0]:
            yield other + "".join(chars[1:])
    for x in range(0x80, 0x100):
        if (x, code[0]) in dropped:
            for _, extra in _plausible_characters(x, True):
                yield extra + recovered


def _function_word_cost(reading: str, rival: str) -> float:
    """The log-probability of the one character `rival` has beyond `reading`, when that is all
    that differs and the character is a common word (`FUNCTION_WORD_FLOOR`) that stands as a word
    where grammar lets it (`_fits_between`); else 0.

    A word-frequency model charges every extra word its cost and never credits what it does for
    the sentence: 加大實體經濟 reads better to it than 加大對實體經濟 by exactly the cost of 對.
    So a reading with one more such word inside a clause is compared on the rest only. Before or
    after a mark the extra word is not credited (他。 and 了。 would cost the same)."""
    if len(rival) != len(reading) + 1:
        return 0.0
    i = next(
        (k for k, (a, b) in enumerate(zip(rival, reading, strict=False)) if a != b), len(reading)
    )
    if rival[i + 1 :] != reading[i:] or i == 0 or not _HANZI_RUN.fullmatch(rival[i - 1 : i + 2]):
        return 0.0
    run = next(m for m in _HANZI_RUN.finditer(rival) if m.start() <= i < m.end())
    text = to_simplified(run.group())
    words = _segment(text)
    at = next(k for k, (start, end) in enumerate(words) if start <= i - run.start() < end)
    if words[at][1] - words[at][0] != 1:  # it joins a word (將著重點: 着重点), not a word itself
        return 0.0
    char = text[i - run.start()]
    cost = _word_cost(char)
    if cost < FUNCTION_WORD_FLOOR:
        return 0.0
    dictionary = _dictionary()
    before = dictionary.tags.get(text[slice(*words[at - 1])], "") if at else ""
    after = dictionary.tags.get(text[slice(*words[at + 1])], "") if at + 1 < len(words) else ""
    return cost if _fits_between(dictionary.tags.get(char, ""), before, after) else 0.0


# Where jieba's part-of-speech tags let a one-character function word stand: an adverb before a
# verb, an adjective, an adverb or a preposition (还达到, not 还这些); a preposition before a noun,
# pronoun, number, time or place (对实体, not 对将); a particle after a word that is not itself a
# function word (工作的, not 将着). Other words (是, 和, 人 ...) are taken wherever they stand.
_ADVERB_BEFORE = ("v", "a", "d", "p")
_PREPOSITION_BEFORE = ("n", "r", "m", "t", "s", "f", "b", "vn", "an")
_FUNCTION_TAGS = ("d", "p", "c", "u", "y")


def _fits_between(tag: str, before: str, after: str) -> bool:
    """Whether a function word tagged `tag` may stand between words tagged `before`, `after`."""
    if tag.startswith("d"):
        return after.startswith(_ADVERB_BEFORE)
    if tag.startswith("p"):
        return after.startswith(_PREPOSITION_BEFORE)
    if tag.startswith("u"):
        return bool(before) and not before.startswith(_FUNCTION_TAGS)
    return True


@lru_cache(maxsize=1024)
def rival_reading(recovered: str, before: str, after: str, lead_lost: bool) -> str | None:
    """The best other reading of the same bytes (`_readings_with_a_dropped_pair`) if it reads
    about as well as `recovered` between `before` and `after`, else None (the recovery stands)."""
    if LOST in recovered:
        return None
    floor = _log_probability(before + recovered + after) - _RIVAL_MARGIN
    best, best_score = None, floor
    for rival in _readings_with_a_dropped_pair(recovered, lead_lost):
        score = _log_probability(before + rival + after) - _function_word_cost(
            before + recovered + after, before + rival + after
        )
        if len(rival) > len(recovered):  # a character the mirror's dropped pair hid
            score += _LONGER_RIVAL_MARGIN - _RIVAL_MARGIN
        if score >= best_score:
            best, best_score = rival, score
    return best


@dataclass(frozen=True)
class Finding:
    """A damaged span found by `analyse`, and what to do with it.

    `recovered` is set only when the bytes (and a reading) give every character back, it reads as
    prose, and damaging it again reproduces the span; otherwise `reason` says why it is flagged.
    """

    start: int
    end: int
    damaged: str
    recovered: str | None
    evidence: str
    reason: str = ""
    span: MojibakeSpan | None = None  # the byte-shift span, for the release's editorial table


def _misaligned_findings(text: str) -> list[Finding]:
    found = []
    for match in _MISALIGNED.finditer(text):
        start = match.start()
        if start == 0:
            continue
        before = text[start - 1]
        try:
            b1 = _UNFLATTEN.get(before, before).encode(ENCODING)[-1]
        except UnicodeEncodeError:
            continue
        if b1 < 0x81:
            continue
        reading = match.group(1)
        if found and start < found[-1].end and found[-1].recovered is not None:
            continue  # inside the span recovered before (its last character's own reading)
        end = _span_end(text, match.end())
        body = text[match.end() : end]
        data = _body_bytes(body)
        if data is None:
            continue
        # 梢?jiàn): the span's last "?" is its last character's second byte with the "(" of that
        # character's own reading; the reading names the character (見 is D2 8A, read jiàn).
        tail = _READING_CLOSE.match(text, end) if body.endswith("?") and len(data) > 1 else None
        if tail is not None:
            end = tail.end()

        def read(a2: int, data: list[int | None] = data, tail=tail) -> str:
            decoded = _decode_known([a2, *data])
            if tail is not None:
                return _with_tail(decoded, data[-2], tail.group(1)) or decoded
            return decoded

        readings = characters_read_as(b1, reading)
        damaged = text[start:end]
        decoded = [read(a2) for a2, _ in readings]
        if len(readings) > 1 and not any(LOST in r for r in decoded):
            # Several characters after b1 read so (因: 驗 燕 ...): the bytes choose when only one of
            # them gives a recovery of common characters only and every other gives rare ones (a
            # reading that lost a pair is never ruled out: the bytes cannot tell what it was). The
            # chosen one must begin with two hanzi: a mark and a character (【養) is too little.
            whole = [
                (a2, misread)
                for a2, misread in readings
                if LOST not in (r := read(a2))
                and not implausible_count(r)
                and _HANZI_RUN.fullmatch(r[:2])  # 面積, not a lone mark such as 【
            ]
            if len(whole) > 1:  # several: the one that reads far better than the rest
                context = _context(text, start, end)
                scored = sorted(
                    (prose_score(context[0] + read(a2) + context[1]), a2, c) for a2, c in whole
                )
                if scored[-1][0] >= scored[-2][0] + PROSE_MARGIN:
                    whole = [scored[-1][1:]]
            readings = tuple(whole) if len(whole) == 1 else readings
        if len(readings) != 1:
            if readings:
                reason = f"the reading {reading!r} fits {len(readings)} characters after {before!r}"
            else:
                reason = f"no character after {before!r} reads {reading!r}"
            found.append(Finding(start, end, damaged, None, "", reason))
            continue
        ((a2, misread),) = readings
        recovered = read(a2)
        own = f"({tail.group(1)})" if tail is not None else ""  # the last character's reading
        if LOST in recovered or implausible_count(recovered):
            found.append(
                Finding(
                    start,
                    end,
                    damaged,
                    None,
                    "",
                    f"the bytes after {misread} ({reading}) give {recovered!r} "
                    "(bytes were dropped)",
                )
            )
            continue
        evidence = (
            f"misaligned annotation: {misread} ({reading}) is the only character with "
            f"lead byte {b1:02X} read so; the rest re-read one byte earlier"
            + (f"; the last character is the one common character read {own}" if own else "")
        )
        try:  # before as the mirror had it: a flattened mark (, for ，) was full-width then
            redamaged = misaligned_annotation_damage(
                _UNFLATTEN.get(before, before) + recovered + own, 0, reading
            )
        except ValueError:
            redamaged = ""
        if redamaged[1:] != damaged:
            found.append(
                Finding(
                    start,
                    end,
                    damaged,
                    None,
                    evidence,
                    "damaging the recovery again does not give the span",
                )
            )
        elif not reads_as_prose(recovered, damaged, *_context(text, start, end)):
            found.append(
                Finding(
                    start,
                    end,
                    damaged,
                    None,
                    evidence,
                    f"the recovery {recovered!r} does not read as prose",
                )
            )
        elif (rival := rival_reading(recovered, *_context(text, start, end), False)) is not None:
            found.append(
                Finding(start, end, damaged, None, evidence, _rival_reason(recovered, rival))
            )
        else:
            found.append(Finding(start, end, damaged, recovered, evidence))
    return found


def _with_tail(decoded: str, lead: int | None, reading: str) -> str | None:
    """`decoded` with its last character, lost but for its lead byte, named by its reading: the
    one plausible GBK character of that lead byte read so. None if the reading fits no such
    character or several, or `decoded` lacks more than its last character."""
    if lead is None or not decoded.endswith(LOST) or LOST in decoded[:-1]:
        return None
    fits = [c for _, c in characters_read_as(lead, reading) if is_plausible(c)]
    return decoded[:-1] + fits[0] if len(fits) == 1 else None


# --- The second decoder: a shift that leaves no mark -------------------------------------------
#
# Some pages of the family were decoded as GB18030 with invalid bytes ignored (`unmarked_damage`):
# the lost first byte leaves nothing, so a shifted sentence break begins with the full stop's
# second byte A3 paired with the next character's first byte, a full-width form of GBK row A3
# that the mirror flattened where it could (。“ reads ！, flattened "!"; 。活 reads ；, ";"). The
# span runs over the characters that follow, to an ASCII byte that stands alone (the last
# character's second byte, 0x40-0x7E) or to the "(" of the last character's reading, whose lead
# byte the decoder dropped before the ASCII "(": the reading names that character.

# Not "?": on these pages it is the first decoder's mark for a lost byte (?髽I is 企業 with C6
# lost), and read as a flattened ？ it gives a full stop that is not there (。矿業).
_ROW_A3_STARTS = "".join(_UNFLATTEN) + "".join(chr(c) for c in range(0xFF01, 0xFF5F))


def unmarked_damage(text: str) -> str:
    """Damage `text` the way the family's second decoder did: GBK, first byte dropped, read as
    GB18030 with invalid bytes ignored (a lead byte before an ASCII byte goes, the ASCII byte
    stays), punctuation flattened. No "?" marks a lost byte."""
    return text.encode(ENCODING)[1:].decode("gb18030", errors="ignore").translate(_FLATTEN_TABLE)


def _row_a3_second_byte(char: str) -> int | None:
    """The second byte of `char` as a full-width form of GBK row A3 (its flattened ASCII too)."""
    full = _UNFLATTEN.get(char, char)
    try:
        code = full.encode(ENCODING)
    except UnicodeEncodeError:
        return None
    return code[1] if len(code) == 2 and code[0] == 0xA3 else None


def _unmarked_bytes(body: str) -> list[int] | None:
    """The bytes behind text of the second decoder: GBK's user-defined pairs came out as
    private-use characters (F9 D3 as U+E2C4), which GB18030 encodes back. None if a character
    is no one- or two-byte code."""
    out: list[int] = []
    for char in body:
        try:
            code = _UNFLATTEN.get(char, char).encode("gb18030")
        except UnicodeEncodeError:
            return None
        if len(code) > 2:
            return None
        out.extend(code)
    return out


def _unmarked_findings(text: str, busy: set[int]) -> list[Finding]:
    """Shifted sentence breaks of the second decoder (see above), each taken only where the
    bytes give every character back (the last one may be named by its reading), the recovery
    damaged again reproduces the span exactly, it reads as prose, and no other reading of the
    same bytes reads about as well. Nothing is flagged here: a span that fails is left to the
    other finders, and to the reader."""
    found: list[Finding] = []
    for start, char in enumerate(text):
        if char not in _ROW_A3_STARTS or start in busy or (found and start < found[-1].end):
            continue
        second = _row_a3_second_byte(char)
        if second is None or start == 0 or text[start - 1].isascii() and text[start - 1] != ")":
            continue  # a sentence break follows a character (or a character's reading)
        if _MISALIGNED.search(text, max(0, start - 10), start) is not None:
            continue  # the shifted body of a misaligned annotation (高?sī)．厴I is 高校畢業)
        end = start + 1
        while (
            end < len(text)
            and end - start < _MAX_SPAN
            and text[end] not in LOST_MARKERS
            and not text[end].isascii()
        ):
            end += 1
        # the shifted reading ends at its last rare character: what follows it is the page's own
        # text, read aligned again (the decoder ignored the stretch's orphaned last byte)
        last = max((i for i in range(start + 1, end) if not is_plausible(text[i])), default=start)
        if last + 1 < end:
            end = last + 1
        run = text[start:end]
        if end - start < 2 or not implausible_count(run):
            continue
        data = _unmarked_bytes(run[1:])
        if data is None:
            continue
        data = [second, *data]
        following = text[end : end + 1]
        reading = None
        if following and 0x40 <= ord(following) <= 0x7E and len(data) % 2 == 1:
            data.append(ord(following))  # the last character's second byte, standing alone
            end += 1
        elif following == "(" and len(data) % 2 == 1:
            reading = _READING_CLOSE.match(text, end + 1)
        recovered = "。" + _decode_known(data)
        own = ""
        if reading is not None:
            completed = _with_tail(recovered, data[-1], reading.group(1))
            if completed is not None:
                recovered, own, end = completed, f"({reading.group(1)})", reading.end()
        damaged = text[start:end]
        context = _context(text, start, end)
        reason = ""
        if LOST in recovered or implausible_count(recovered):
            reason = f"bytes give {recovered!r}"
        elif unmarked_damage(recovered + own) != damaged:
            reason = "damaging the recovery again does not give the span"
        elif not reads_as_prose(recovered, damaged, *context):
            reason = f"the recovery {recovered!r} does not read as prose"
        elif (rival := rival_reading(recovered, *context, True)) is not None:
            reason = _rival_reason(recovered, rival)
        if reason:
            # flagged, not left in silence, where it is plainly such a shift: rare characters
            # that read one byte earlier as far fewer (the test `find_spans` makes)
            odd = implausible_count(run)
            if odd >= 2 and implausible_count(recovered) * 2 < odd:
                found.append(Finding(start, start + len(run), run, None, "", reason))
            continue
        evidence = (
            "a shift with no mark for its lost byte (GB18030 read, invalid bytes ignored): "
            f"{char} is A3 {second:02X}, the full stop's second byte and the next first byte"
            + (f"; the last character is the one common character read {own}" if own else "")
        )
        found.append(Finding(start, end, damaged, recovered, evidence))
    return found


def _trimmed(finding: Finding) -> Finding:
    """A flagged span covers only itself: it ends at its last lost-byte marker or character that
    ordinary prose does not use. Common characters after it (持續加大, in ??持續加大,新增) are
    the page's own text, which the later steps repair like any other."""
    if finding.recovered is not None:
        return finding
    damaged = finding.damaged
    last = max(
        (i for i, c in enumerate(damaged) if c in LOST_MARKERS or not is_plausible(c)), default=0
    )
    if last == len(damaged) - 1:
        return finding
    return replace(finding, end=finding.start + last + 1, damaged=damaged[: last + 1])


def _rival_reason(recovered: str, rival: str) -> str:
    return (
        f"the bytes give {recovered!r}, but {rival!r} (a lost or dropped byte read otherwise) "
        "fits them too and reads about as well"
    )


def _shift_finding(span: MojibakeSpan, text: str) -> Finding:
    guess = " (first byte lost, taken as A1)" if span.guessed_lead else ""
    evidence = f"recovered from bytes{guess}"
    if not span.complete:
        return Finding(
            span.start,
            span.end,
            span.damaged,
            None,
            evidence,
            f"bytes give {span.recovered!r}",
            span,
        )
    if shift_damage(span.recovered) != span.damaged:
        return Finding(
            span.start,
            span.end,
            span.damaged,
            None,
            evidence,
            "damaging the recovery again does not give the span",
            span,
        )
    annotation = (
        _READING_CLOSE.match(text, span.end + 1) if text[span.end : span.end + 1] == "(" else None
    )
    if annotation and annotation.group(1) in char_readings(span.recovered[-1]):
        # The mirror annotated the span's last character, read aligned, right after it: the
        # reading confirms what the bytes give (?,F(xiàn): 現 is AC 46, read xiàn).
        return Finding(
            span.start,
            span.end,
            span.damaged,
            span.recovered,
            f"{evidence}; the annotation ({annotation.group(1)}) after it reads "
            f"{span.recovered[-1]}",
            span=span,
        )
    context = _context(text, span.start, span.end)
    if span.recovered.startswith("\u3000") and text[span.start - 1 : span.start].strip():
        return Finding(
            span.start,
            span.end,
            span.damaged,
            None,
            evidence,
            "the lost first byte read as A1 gives the ideographic space, which begins a "
            "paragraph, not a place inside a line",
            span,
        )
    if not reads_as_prose(span.recovered, span.damaged, *context):
        return Finding(
            span.start,
            span.end,
            span.damaged,
            None,
            evidence,
            f"the recovery {span.recovered!r} does not read as prose",
            span,
        )
    rival = rival_reading(span.recovered, *context, span.guessed_lead)
    if rival is not None:
        return Finding(
            span.start,
            span.end,
            span.damaged,
            None,
            evidence,
            _rival_reason(span.recovered, rival),
            span,
        )
    return Finding(span.start, span.end, span.damaged, span.recovered, evidence, span=span)


def _common_shift_spans(text: str, busy: set[int]) -> list[MojibakeSpan]:
    """Shifted spans made of common characters only (no rare character to give them away):
    a lost-byte marker whose one-byte-earlier reading reads as prose far better than it does."""
    spans = []
    resume = 0
    for marker in re.finditer(f"[{LOST_MARKERS}]", text):
        start = marker.start()
        if start < resume or start in busy:
            continue
        end = _span_end(text, marker.end())
        damaged = text[start:end]
        result = recover_bytes(damaged)
        if result is None:
            continue
        # a lone second byte read as ASCII where the shift realigned (?鉀Q群眾: Q is 決's 51)
        following = text[end : end + 1]
        realigned = (
            "\x40" <= damaged[-1:] <= "\x7e"
            and len(damaged) > 2
            and (not following.isascii() or following in _UNFLATTEN)
        )
        before, after = _context(text, start, end)
        better = (
            prose_score(before + result[0].replace(LOST, "|") + after)
            >= prose_score(before + damaged + after) + PROSE_MARGIN
        )
        rarer = implausible_count(damaged) > implausible_count(result[0])
        # ?猿址?中: a run closed by the orphaned last byte, between hanzi
        closed = (
            damaged[-1:] in LOST_MARKERS
            and len(damaged) <= 12
            and _HANZI_RUN.fullmatch(damaged[1:-1]) is not None
            and _HANZI_RUN.match(following) is not None
        )
        if not (realigned or better or rarer or closed):
            continue
        spans.append(MojibakeSpan(start, end, damaged, result[0], result[1]))
        resume = end
    return spans


_DOUBLE_MARK = re.compile(r"\?\?(?=[^\x00-\x7f])")
_READING_CLOSE = re.compile(rf"([{PINYIN_LETTERS}]{{1,7}})\)")


def _question_mark_findings(text: str, busy: set[int]) -> list[Finding]:
    """Spans that begin "??" before non-ASCII text, read with the second "?" as the mirror's
    flattened full-width "？" (A3 BF), not as a lost byte: a sentence break shifted one byte
    (。 is A1 A3; the lost A1 is the first "?", A3 and the next character's first byte make ？),
    so every byte after it survives: "??萍" is 。科 (BF C6 is 科).

    Where the span ends in "?" followed by a reading and ")" (??萍紕?chuàng)), the "?" is the last
    character's lead byte with the "(" of its annotation: the reading names the character, and it
    is taken when exactly one plausible character with that lead byte reads so (創). A recovery
    is taken only if damaging it again (annotation included) gives the span and it reads as prose;
    anything else is left to the other finders."""
    found: list[Finding] = []
    for match in _DOUBLE_MARK.finditer(text):
        start = match.start()
        if start in busy or (found and start < found[-1].end):
            continue
        end = _span_end(text, start + 2)
        damaged = text[start:end]
        result = recover_bytes(damaged[0] + "？" + damaged[2:])
        if result is None or not result[1]:
            continue
        recovered, annotated, evidence = result[0], result[0], "a flattened ？ (A3 BF) read"
        if LOST in recovered:
            reading = _READING_CLOSE.match(text, end)
            data = _body_bytes(damaged[2:-1])
            if not (
                recovered.index(LOST) == len(recovered) - 1
                and damaged.endswith("?")
                and reading
                and data
                and data[-1] is not None
            ):
                continue
            lead = data[-1]
            fits = [c for _, c in characters_read_as(lead, reading.group(1)) if is_plausible(c)]
            if len(fits) != 1:
                continue
            recovered = recovered[:-1] + fits[0]
            annotated = f"{recovered}({reading.group(1)})"
            evidence += f"; {fits[0]} is the one common character of lead byte {lead:02X} read so"
            end = reading.end()
            damaged = text[start:end]
        if implausible_count(recovered) or shift_damage(annotated) != damaged:
            continue
        context = _context(text, start, end)
        if not reads_as_prose(recovered, damaged, *context):
            continue
        # the first "?" may be any lost first byte, not only 。's A1: a character ending in A3
        # (常 is B3 A3: 通??赏 is 通常可通) is read so too, and must read clearly worse
        if _other_first_byte(recovered, *context):
            continue
        found.append(Finding(start, end, damaged, recovered, evidence))
    return found


def _other_first_byte(recovered: str, before: str, after: str) -> bool:
    """Whether another first byte than A1 before the recovery's first character's second byte
    gives a plausible character that reads about as well (within `_RIVAL_MARGIN`)."""
    floor = _log_probability(before + recovered + after) - _RIVAL_MARGIN
    second = recovered[0].encode(ENCODING)[-1]
    return any(
        _log_probability(before + other + recovered[1:] + after) >= floor
        for _, other in _plausible_characters(second, True)
        if other != recovered[0]
    )


# A lost lead byte and a second byte that reads as ASCII, before hanzi, after hanzi or a mark
# (新?M展: 進 is DF 4D; ,?M出口 the same at a clause's start).
_LONE_BYTE = re.compile(
    rf"(?<=[{HAN_RANGES},;:，；：、。])\?[\x40-\x7e]"
    rf"(?=[{HAN_RANGES},;:，；：、。])"
)
_LOST_RUN = re.compile(r"\?{2,}|(?m:^[ \t\u3000]*\?[ \t\u3000]*$)")
# A question in Chinese names what it asks or ends in a particle; a "?" beside hanzi whose clause
# has none of these closes no question, and is the mirror's mark for a lost byte (百?种陨?,).
_QUESTION = re.compile(
    rf"[吗呢吧么嘛谁哪几岂怎何]|如何|多少|是否|难道|可否|能否|([{HAN_RANGES}])[不没]\1"
)
_CLAUSE_START = re.compile(r"[。！？!?；;\n]")
# An annotation's reading and ")" without its "(": the "(" went with a lost byte (小鎮建設zhèn)).
_ORPHAN_READING = re.compile(rf"([{PINYIN_LETTERS}]{{1,8}})\)")
_TONE_MARKS = re.compile("[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]")
_QUESTION_CLAUSE = 40  # characters before a "?" read for a question word


def _end(item: tuple[int, str]) -> int:
    return item[0]


def _closes_a_question(text: str, mark: int, recovered: Sequence[tuple[int, str]] = ()) -> bool:
    """Whether the "?" at `mark` ends a question: its clause (from the last sentence mark, at
    most _QUESTION_CLAUSE characters) has a question word or particle, or an A-not-A pair. A
    span recovered in the clause (`recovered`: (end, text) in order of end) is read as recovered
    (請問這些項?mù)...什麼時候?)."""
    begin = max(0, mark - _QUESTION_CLAUSE)
    starts = [m.end() for m in _CLAUSE_START.finditer(text, begin, mark)]
    begin = starts[-1] if starts else begin
    first = bisect_left(recovered, begin, key=_end)
    last = bisect_right(recovered, mark, key=_end)
    clause = text[begin:mark] + "|" + "|".join(text_ for _, text_ in recovered[first:last])
    return _QUESTION.search(to_simplified(clause)) is not None


def analyse(text: str) -> list[Finding]:
    """Every damaged span of `text`, in order, each recovered with evidence or flagged.

    Byte-shift spans (`find_spans`, and spans of common characters only), shifts of the second
    decoder that leave no mark (`unmarked_damage`, from a full stop), misaligned annotations
    (c1 ? reading ) ...), and runs of lost-byte markers (??, a line that is only ?) and lone
    second bytes (新?M展), which are always flagged: nothing is left of what they were.

    A "?" beside hanzi whose clause asks no question is flagged too, and a reading with its ")"
    but not its "(" (小鎮建設zhèn)): the punctuation step would make them ？ and ）, and dress what
    is left of a span as prose.

    On the generated pages of tests/test_mirror_family.py (2,598 spans) none is repaired wrongly
    and 333 of the 355 spans whose surviving bytes determine the original are recovered
    (data/README.md has the figures and the checks).
    """
    findings = _question_mark_findings(text, set())
    taken = _cover(findings)
    findings += [f for f in _misaligned_findings(text) if not _overlaps(f.start, f.end, taken)]
    taken = _cover(findings)
    findings += _unmarked_findings(text, taken)
    taken = _cover(findings)
    shifts = [s for s in find_spans(text) if not _overlaps(s.start, s.end, taken)]
    taken |= _cover(shifts)
    shifts += _common_shift_spans(text, taken)
    findings += [_trimmed(_shift_finding(s, text)) for s in shifts]
    taken = _cover(findings)
    lost = [
        (m, "lost-byte markers: the bytes behind them are gone") for m in _LOST_RUN.finditer(text)
    ]
    lost += [
        (
            m,
            f"a lost first byte: only the second byte {ord(m.group()[1]):02X} of the character survives",
        )
        for m in _LONE_BYTE.finditer(text)
    ]
    findings += [
        Finding(m.start(), m.end(), m.group(), None, "", reason)
        for m, reason in lost
        if not _overlaps(m.start(), m.end(), taken)
    ]
    taken = _cover(findings)
    for match in _ORPHAN_READING.finditer(text):
        start = match.start()
        while start in taken and start < match.end(1):
            start += 1
        reading = text[start : match.end(1)]
        if (
            not reading
            or start in taken
            or text[start - 1 : start] == "("
            or not (_TONE_MARKS.search(reading) or len(reading) >= 2)
            or not (start and (_HANZI_RUN.match(text, start - 1) or start - 1 in taken))
        ):
            continue
        findings.append(
            Finding(
                start,
                match.end(),
                text[start : match.end()],
                None,
                "",
                "a reading and ')' without their '(': an annotation whose '(' was lost with a byte",
            )
        )
    taken = _cover(findings)
    recovered = sorted((f.end, f.recovered) for f in findings if f.recovered)
    for match in re.finditer(r"\?", text):
        i = match.start()
        beside_hanzi = (i > 0 and _HANZI_RUN.match(text, i - 1)) or _HANZI_RUN.match(text, i + 1)
        if i in taken or not beside_hanzi:
            continue
        if not _closes_a_question(text, i, recovered):
            findings.append(
                Finding(
                    i,
                    i + 1,
                    "?",
                    None,
                    "",
                    "a '?' that closes no question (no question word before it): "
                    "the mirror's mark for a lost byte",
                )
            )
    return sorted(findings, key=lambda f: f.start)


def _overlaps(start: int, end: int, taken: set[int]) -> bool:
    return any(i in taken for i in range(start, end))


def _cover(spans) -> set[int]:
    """The positions spans cover (each span is short: at most _MAX_SPAN characters)."""
    return {i for span in spans for i in range(span.start, span.end)}
