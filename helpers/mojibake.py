"""Find and undo the mirror's GBK byte-shift mojibake.

How the damage was made, reconstructed from the file and confirmed on every span in it: the mirror
took a stretch of text, encoded it as GBK, dropped the first byte and decoded the rest two bytes at
a time. Read one byte late, each character's second byte pairs with the next character's first
byte, which gives rare characters, kana, bopomofo and box-drawing signs (。ㄒ唬┘哟...). Pairs that
are not valid GBK were dropped; the orphaned first byte, and an orphaned last byte, show as "?".
The mirror flattened full-width punctuation afterwards, so a "；" made by the shift shows as ";".

- `shift_damage(text)` is that process as code.
- `find_spans(text)` finds spans that look like its output: a "?" followed by characters that
  ordinary Chinese prose almost never uses, which read as ordinary prose one byte earlier.
- `recover_bytes(span)` re-encodes a span and decodes it one byte earlier. That recovers every
  character whose two bytes both survived; the others come back as U+FFFD.

What was lost cannot be recovered from bytes. Such reconstructions are editorial, kept in
`data/mojibake_reconstructions.csv` with their evidence, and accepted only if `shift_damage` of the
reconstruction reproduces the damaged span exactly.
"""

from __future__ import annotations

import contextlib
import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from helpers.script import to_simplified

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


def _decode_pairs(data: bytes) -> str:
    """Decode GBK two bytes at a time as the mirror did: drop invalid pairs, '?' for an orphan."""
    out: list[str] = []
    i = 0
    while i < len(data):
        if data[i] < 0x80:
            out.append(chr(data[i]))
            i += 1
            continue
        if i + 1 == len(data):
            out.append("?")
            break
        with contextlib.suppress(UnicodeDecodeError):  # the mirror dropped invalid pairs
            out.append(data[i : i + 2].decode(ENCODING))
        i += 2
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
    data = [None, *data]
    out: list[str] = []
    guessed = False
    i = 0
    while i < len(data):
        lead = data[i]
        if lead is not None and lead < 0x80:
            out.append(chr(lead))
            i += 1
            continue
        trail = data[i + 1] if i + 1 < len(data) else None
        i += 2
        if trail is None:
            out.append(LOST)
        elif lead is None:
            guess = bytes([_GUESSABLE_LEAD, trail]).decode(ENCODING, errors="replace")
            if i == 2 and guess in COMMON_PUNCTUATION:
                out.append(guess)
                guessed = True
            else:
                out.append(LOST)
        else:
            out.append(bytes([lead, trail]).decode(ENCODING, errors="replace"))
    return "".join(out), guessed


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
