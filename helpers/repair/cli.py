"""The `zz` command line: repair mirror-damaged pages and read their figures, outside the notebooks.

    zz repair PAGE.txt > clean.txt                 repair one page, clean text on stdout
    zz repair pages/ -o clean/ --report changes.csv  every .txt of a folder, and what changed
    zz figures clean.txt --csv figures.csv         every figure of a repaired text, as a table
    cat page.txt | zz repair -                     standard input

Installed with the package (pyproject.toml, [project.scripts]); `python -m helpers.repair.cli` is the
same. Exit codes, for scripts: 0 done (flagged spans are warnings on stderr, not failures),
1 an input could not be read (the others are still done), 2 a usage error, 3 `--strict` and a
span was flagged.

What the command promises, because it is run on folders nobody reads afterwards:
- nothing is lost in silence: a folder's structure is kept under --output; a NUL or other control
  byte, bytes that are not the encoding given, or bytes that decode but read as another encoding
  (Big5 taken as GB18030) are an error naming the file, line and column, never a truncation;
- a page is read in parts (`read_parts`), so memory stays a few times the part size whatever the
  page's size; an endless input (/dev/zero) is refused at its first NUL;
- a batch repairs every good file, names each bad one and ends with a summary line;
- no output ever overwrites an input, and a file is written whole or not at all;
- a usage error is one line and exit 2; a closed pipe (`zz figures x | head`) ends quietly;
- warnings say file:line:column.
"""

from __future__ import annotations

import argparse
import codecs
import csv
import os
import re
import sys
import tempfile
import unicodedata
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, TextIO

OK, INPUT_ERROR, USAGE_ERROR, FLAGGED = 0, 1, 2, 3
# Encodings a Chinese page that is not UTF-8 is most often in, compared to say which one a file
# is in (UTF-16 only with its byte-order mark: without one almost anything decodes).
_LIKELY_ENCODINGS = ("gb18030", "big5")
STDIN = "-"
BLOCK = 1 << 20  # bytes read at a time
PART = 100_000  # characters repaired at a time (a page longer than this is cut, see _cut)
_SAMPLE = 20_000  # characters of a page looked at to tell its encoding
# C0 and C1 control characters other than tab, line feed, carriage return and form feed: a page
# with one is not a text page (or a binary file given by mistake), and some libraries stop at NUL.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_SENTENCE_BREAK = re.compile(r"[。！？][ \u3000]+(?=\S)")

_EPILOG = """\
exit codes: 0 done (spans the repair could not recover are flagged on stderr as FILE:LINE:COLUMN
and left as they were, which is not a failure); 1 an input could not be read (missing, empty, a
control byte, or not in the encoding given): every other input is still done and a summary line
names the count; 2 a usage error; 3 with --strict, at least one span was flagged.

examples:
  zz repair page.txt > clean.txt
  zz repair page.txt --report changes.csv > clean.txt
  zz repair pages/ --output clean/ --report changes.csv
  cat page.txt | zz repair - > clean.txt
  zz figures clean.txt --csv figures.csv
"""


class InputError(Exception):
    """An input file that cannot be used, with a message that says what to do."""


class UsageError(Exception):
    """A command line that cannot be run as given (exit 2)."""


@dataclass(frozen=True)
class Source:
    """One input: its path ('-' for standard input) and where its output goes under a folder."""

    path: Path
    relative: Path  # the path under --output FOLDER (a folder's structure is kept)

    @property
    def name(self) -> str:
        return "<stdin>" if str(self.path) == STDIN else str(self.path)


# --- reading ------------------------------------------------------------------------------------


def _plausible_share(text: str) -> float:
    """The share of a text's Chinese characters that ordinary prose uses (1.0 with none)."""
    from helpers.repair.mojibake import is_plausible
    from helpers.repair.script import HAN

    hanzi = HAN.findall(text)
    return sum(map(is_plausible, hanzi)) / len(hanzi) if hanzi else 1.0


def _looks_like(data: bytes) -> str | None:
    """The encoding a non-UTF-8 sample most likely has (decodes, and reads as ordinary Chinese
    best), or None. GB18030 decodes almost any bytes, so decoding alone does not tell."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    best, best_share = None, 0.5
    for encoding in _LIKELY_ENCODINGS:
        text = data.decode(encoding, errors="ignore")
        if text.count("\ufffd") or not text.strip():
            continue
        undecodable = len(data) - len(text.encode(encoding, errors="ignore"))
        share = _plausible_share(text) - undecodable / max(len(data), 1)
        if share > best_share:
            best, best_share = encoding, share
    return best


def _line_column(text: str, index: int, line: int, column: int) -> tuple[int, int]:
    """Line and column (from 1) of text[index], for a text that starts at (line, column)."""
    breaks = text.count("\n", 0, index)
    if breaks:
        return line + breaks, index - text.rindex("\n", 0, index)
    return line, column + index


class _Reader:
    """A page's characters, decoded one block at a time, with the line and column reached."""

    def __init__(self, stream: BinaryIO, encoding: str, name: str) -> None:
        self.stream, self.encoding, self.name = stream, encoding, name
        self.decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
        self.offset = 0  # bytes read
        self.line, self.column = 1, 1
        self.first = True

    def blocks(self) -> Iterator[str]:
        while True:
            data = self.stream.read(BLOCK)
            final = not data
            if self.first:
                data = self._check_encoding(data)
            try:
                text = self.decoder.decode(data, final)
            except UnicodeDecodeError as error:
                raise InputError(self._not_encoding(self.offset + error.start, data)) from None
            self.offset += len(data)
            if self.first and text.startswith("\ufeff"):
                text = text[1:]
            self.first = False
            control = _CONTROL.search(text)
            if control:
                line, column = _line_column(text, control.start(), self.line, self.column)
                raise InputError(
                    f"{self.name}:{line}:{column}: a control byte "
                    f"(U+{ord(control.group()):04X}) in the text: this is not a text page, "
                    "and nothing of it was repaired (remove the byte if the rest is text)"
                )
            self.line, self.column = _line_column(text, len(text), self.line, self.column)
            if text:
                yield text
            if final:
                return

    def _check_encoding(self, data: bytes) -> bytes:
        """A first block that decodes but reads as another encoding is an error (Big5 read as
        GB18030 gives rare characters, not an error)."""
        if self.encoding.replace("-", "").replace("_", "").lower() in ("utf8", "utf8sig"):
            return data
        sample = data[: _SAMPLE * 2].decode(self.encoding, errors="ignore")
        if _plausible_share(sample) >= 0.5:
            return data
        guess = _looks_like(data[: _SAMPLE * 2])
        if guess and codecs.lookup(guess).name != codecs.lookup(self.encoding).name:
            raise InputError(
                f"{self.name}: the bytes decode as {self.encoding} but do not read as Chinese "
                f"prose; they look like {guess.upper()}: read it with --encoding {guess}"
            )
        return data

    def _not_encoding(self, byte: int, data: bytes) -> str:
        guess = _looks_like(data[: _SAMPLE * 2])
        hint = f"; it looks like {guess.upper()}: read it with --encoding {guess}" if guess else ""
        if guess is None:
            hint = "; it looks like no common Chinese encoding (it may not be text)"
        return f"{self.name}: not {self.encoding} (byte {byte}){hint}"


def _cut(text: str) -> int:
    """Where to cut a text longer than PART so that its parts repair as the whole does: after the
    last line break of the first PART characters, else after the last sentence end followed by a
    space (the mirror's paragraph joint); a sentence of PART characters is cut where it ends."""
    window = text[:PART]
    newline = window.rfind("\n")
    if newline > 0:
        return newline + 1
    ends = [m.end() for m in _SENTENCE_BREAK.finditer(window)]
    return ends[-1] if ends else PART


def read_parts(stream: BinaryIO, encoding: str, name: str) -> Iterator[tuple[str, int, int]]:
    """A page in parts of at most about PART characters, cut between paragraphs: (text, line,
    column of its first character). Line breaks are normalised (CRLF to LF) and the text to NFC,
    as the repair does, so that positions in the part are positions in the page."""
    reader = _Reader(stream, encoding, name)
    buffer, line, column = "", 1, 1
    pending_cr = False
    for block in reader.blocks():
        if pending_cr:
            block = "\r" + block
        pending_cr = block.endswith("\r")
        if pending_cr:
            block = block[:-1]
        buffer += unicodedata.normalize("NFC", block.replace("\r\n", "\n"))
        while len(buffer) > PART:
            cut = _cut(buffer)
            part, buffer = buffer[:cut], buffer[cut:]
            yield part, line, column
            line, column = _line_column(part, len(part), line, column)
    if pending_cr:
        buffer += "\r"
    if not buffer.strip():
        if line == 1 and column == 1:
            raise InputError(f"{name}: the file is empty")
        return
    yield buffer, line, column


def _open(source: Source) -> BinaryIO:
    if str(source.path) == STDIN:
        return sys.stdin.buffer
    path = source.path
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a folder inside a list of files (give the folder itself)")
    try:
        return path.open("rb")
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror})") from None


def read_text(path: Path, encoding: str = "utf-8") -> str:
    """The whole text of an input file; InputError for a missing, empty or undecodable one."""
    source = Source(path, Path(path.name))
    with _open(source) as stream:
        return "".join(part for part, _, _ in read_parts(stream, encoding, source.name))


# --- inputs and outputs -------------------------------------------------------------------------


def input_files(paths: Sequence[str]) -> list[Source]:
    """The inputs named, each folder replaced by its .txt files (sorted, subfolders too), with the
    path each one's output takes under an output folder."""
    sources: list[Source] = []
    for name in paths:
        path = Path(name)
        if name != STDIN and path.is_dir():
            found = sorted(p for p in path.rglob("*.txt") if p.is_file())
            if not found:
                raise InputError(f"{path}: the folder has no .txt files")
            sources += [Source(p, p.relative_to(path)) for p in found]
        else:
            sources.append(Source(path, Path("stdin.txt" if name == STDIN else path.name)))
    if sum(str(s.path) == STDIN for s in sources) > 1:
        raise UsageError("'-' (standard input) can be given once")
    return sources


def _same(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _targets(sources: list[Source], output: Path | None, many: bool) -> list[Path | None]:
    """Where each repaired page goes; UsageError if two would go to one place or one would
    overwrite an input."""
    if output is None:
        if many:
            raise UsageError("several inputs need --output FOLDER (one repaired file each)")
        return [None]
    if many and output.exists() and not output.is_dir():
        raise UsageError(f"--output {output} is a file; several inputs need a folder")
    targets = [output / s.relative for s in sources] if many else [output]
    seen: dict[Path, Source] = {}
    inputs = [s.path for s in sources if str(s.path) != STDIN]
    for source, target in zip(sources, targets, strict=True):
        key = Path(os.path.abspath(target))
        if key in seen:
            raise UsageError(
                f"{seen[key].name} and {source.name} would both be written to {target}: "
                "give them from one folder, or repair them apart"
            )
        seen[key] = source
        if any(Path(os.path.abspath(p)) == key or _same(p, target) for p in inputs):
            raise UsageError(f"{target} is an input: the output would overwrite it")
    return targets


class _Output:
    """A file written whole or not at all: a temporary file beside it, renamed when done."""

    def __init__(self, target: Path | None) -> None:
        self.target = target
        self.handle: TextIO
        if target is None:
            self.handle, self.temporary = sys.stdout, None
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        descriptor, name = tempfile.mkstemp(prefix=".zz-", suffix=".txt", dir=target.parent)
        self.temporary = Path(name)
        self.handle = os.fdopen(descriptor, "w", encoding="utf-8", newline="")

    def done(self) -> None:
        if self.temporary is not None:
            self.handle.close()
            os.replace(self.temporary, self.target)

    def abandon(self) -> None:
        if self.temporary is not None:
            self.handle.close()
            self.temporary.unlink(missing_ok=True)


def _open_report(path: Path | None, columns: list[str]):
    """A CSV writer for the report (None without one); UsageError if it cannot be written."""
    if path is None:
        return None, None
    try:
        handle = path.open("w", encoding="utf-8", newline="")
    except OSError as error:
        raise UsageError(f"--report {path}: cannot be written ({error.strerror})") from None
    writer = csv.DictWriter(handle, columns)
    writer.writeheader()
    return handle, writer


# --- the commands -------------------------------------------------------------------------------


@dataclass
class _Tally:
    done: int = 0
    failed: list[str] = field(default_factory=list)
    flagged: int = 0

    def summary(self, total: int, verb: str) -> str:
        parts = [f"{self.done} of {total} file(s) {verb}"]
        if self.failed:
            parts.append(f"{len(self.failed)} could not be read ({', '.join(self.failed)})")
        if self.flagged:
            parts.append(f"{self.flagged} span(s) flagged and left as they were")
        return "zz: " + "; ".join(parts)


def _progress(index: int, total: int, source: Source) -> None:
    if total > 1:
        print(f"[{index}/{total}] {source.name}", file=sys.stderr, flush=True)


def _reconstructions(path: Path | None):
    """The reconstructions table the repair uses: the CSV given (checked), or none."""
    if path is None:
        return {}
    from helpers.repair.mojibake import load_reconstructions

    if not path.is_file():
        raise UsageError(f"--reconstructions {path}: no such file")
    try:
        return load_reconstructions(path)
    except (ValueError, KeyError, csv.Error, UnicodeDecodeError) as error:
        detail = f"no column {error}" if isinstance(error, KeyError) else str(error)
        raise UsageError(
            f"--reconstructions {path}: not a reconstructions CSV (damaged, reconstruction, "
            f"evidence): {detail}"
        ) from None


def _repair_one(source, target, args, table, writer, tally) -> None:
    from helpers.repair.text import UnresolvedMojibakeWarning, repair_changes_and_text

    output = _Output(target)
    first = True
    try:
        with _open(source) as stream:
            offset = 0
            for part, line, column in read_parts(stream, args.encoding, source.name):
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", UnresolvedMojibakeWarning)
                    text, changes = repair_changes_and_text(part, table)
                if not first:
                    output.handle.write("\n")  # parts are cut between paragraphs
                first = False
                output.handle.write(text)
                for change in changes:
                    at_line, at_column = _line_column(part, change.position, line, column)
                    if change.note.startswith("unresolved"):
                        tally.flagged += 1
                        print(
                            f"{source.name}:{at_line}:{at_column}: warning: mojibake "
                            f"{change.before!r} left as it was: {change.note.split('; ', 1)[-1]}",
                            file=sys.stderr,
                        )
                    if writer is not None:
                        writer.writerow(
                            {
                                "file": source.name,
                                **vars(change),
                                "position": offset + change.position,
                                "line": at_line,
                                "column": at_column,
                            }
                        )
                offset += len(part)
    except BaseException:
        output.abandon()
        raise
    output.done()
    tally.done += 1


def _repair_command(args: argparse.Namespace) -> int:
    sources = input_files(args.inputs)
    many = len(sources) > 1 or any(a != STDIN and Path(a).is_dir() for a in args.inputs)
    targets = _targets(sources, args.output, many)
    if args.report is not None and any(_same(s.path, args.report) for s in sources):
        raise UsageError(f"--report {args.report} is an input: it would be overwritten")
    table = _reconstructions(args.reconstructions)
    columns = ["file", "kind", "position", "line", "column", "before", "after", "note"]
    handle, writer = _open_report(args.report, columns)
    tally = _Tally()
    try:
        for index, (source, target) in enumerate(zip(sources, targets, strict=True), start=1):
            _progress(index, len(sources), source)
            try:
                _repair_one(source, target, args, table, writer, tally)
            except InputError as error:
                tally.failed.append(source.name)
                print(f"zz: error: {error}", file=sys.stderr)
    finally:
        if handle is not None:
            handle.close()
    if many or tally.failed or tally.flagged:
        print(tally.summary(len(sources), "repaired"), file=sys.stderr)
    if tally.failed:
        return INPUT_ERROR
    return FLAGGED if tally.flagged and args.strict else OK


def _figures_command(args: argparse.Namespace) -> int:
    from helpers.repair.extract import COLUMNS, iter_figures

    sources = input_files(args.inputs)
    if args.csv is not None and any(_same(s.path, args.csv) for s in sources):
        raise UsageError(f"--csv {args.csv} is an input: it would be overwritten")
    columns = ["file", *COLUMNS]
    output = _Output(args.csv)
    writer = csv.DictWriter(output.handle, columns, lineterminator="\n")
    writer.writeheader()
    tally, count = _Tally(), 0
    try:
        for index, source in enumerate(sources, start=1):
            _progress(index, len(sources), source)
            try:
                with _open(source) as stream:
                    offset = 0
                    for part, _, _ in read_parts(stream, args.encoding, source.name):
                        for figure in iter_figures(part):
                            row = {"file": source.name, **vars(figure)}
                            row["start"] += offset
                            row["end"] += offset
                            writer.writerow(row)
                            count += 1
                        offset += len(part)
                tally.done += 1
            except InputError as error:
                tally.failed.append(source.name)
                print(f"zz: error: {error}", file=sys.stderr)
    except BaseException:
        output.abandon()
        raise
    output.done()
    if args.csv is not None:
        print(f"zz: {count} figures written to {args.csv}", file=sys.stderr)
    if len(sources) > 1 or tally.failed:
        print(tally.summary(len(sources), "read"), file=sys.stderr)
    return INPUT_ERROR if tally.failed else OK


# --- the parser ---------------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    """argparse, with a usage error said in one line (exit 2)."""

    def error(self, message: str):  # type: ignore[override]
        print(f"zz: error: {message} (zz --help for usage)", file=sys.stderr)
        raise SystemExit(USAGE_ERROR)


def _encoding(name: str) -> str:
    try:
        codecs.lookup(name)
    except LookupError:
        raise argparse.ArgumentTypeError(f"unknown encoding {name!r}") from None
    return name


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="zz",
        description="Repair Chinese pages damaged by the mirror family of sites (mojibake, "
        "inserted pinyin, ASCII punctuation, Traditional characters, lost paragraph breaks), "
        "and read the figures (numbers with units and qualifiers) of a repaired text.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", required=True, parser_class=_Parser
    )
    common = _Parser(add_help=False)
    common.add_argument(
        "inputs",
        nargs="+",
        metavar="PATH",
        help="a text file, a folder (its .txt files, subfolders included), or - for stdin",
    )
    common.add_argument(
        "--encoding",
        default="utf-8",
        type=_encoding,
        help="encoding of the input files (default: utf-8)",
    )

    repair = commands.add_parser(
        "repair",
        parents=[common],
        help="repair damaged pages",
        description="Repair mirror-damaged pages. One file: the clean text goes to stdout (or "
        "--output FILE). Several files or a folder: --output FOLDER gets one file each, in the "
        "folders they were in. Spans that cannot be recovered with evidence are left as they "
        "were and flagged on stderr.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    repair.add_argument(
        "-o",
        "--output",
        type=Path,
        help="where the repaired text goes: a file for one input, a folder for several "
        "(never an input)",
    )
    repair.add_argument(
        "--report",
        type=Path,
        metavar="CSV",
        help="write every change made (file, kind, position, line, column, before, after, "
        "note) to this CSV",
    )
    repair.add_argument(
        "--strict", action="store_true", help="exit with code 3 if any span was flagged"
    )
    repair.add_argument(
        "--reconstructions",
        type=Path,
        metavar="CSV",
        help="editorial mojibake reconstructions (damaged, reconstruction, evidence), each "
        "checked against the damage it explains (default: none)",
    )
    repair.set_defaults(run=_repair_command)

    figures = commands.add_parser(
        "figures",
        parents=[common],
        help="list the figures of repaired texts",
        description="List every figure (number, unit, qualifier, value in base units, position) "
        "of repaired texts, as CSV on stdout or in --csv FILE.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    figures.add_argument("--csv", type=Path, metavar="FILE", help="write the table to this CSV")
    figures.set_defaults(run=_figures_command)
    return parser


def _quiet_pipe() -> int:
    """A reader that closed the pipe (`| head`) wants no more: stop without a traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (see the module doc)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # a usage error (2), or 0 after --help
        return int(stop.code or 0)
    try:
        code = args.run(args)
        sys.stdout.flush()
        return code
    except UsageError as error:
        print(f"zz: error: {error}", file=sys.stderr)
        return USAGE_ERROR
    except InputError as error:
        print(f"zz: error: {error}", file=sys.stderr)
        return INPUT_ERROR
    except BrokenPipeError:
        return _quiet_pipe()
    except KeyboardInterrupt:
        print("zz: interrupted", file=sys.stderr)
        return 130
    except OSError as error:
        print(f"zz: error: {error.filename or ''}: {error.strerror}", file=sys.stderr)
        return INPUT_ERROR


if __name__ == "__main__":
    sys.exit(main())
