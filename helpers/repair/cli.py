"""The `zz` command line: repair mirror-damaged pages and read their figures, outside the notebooks.

    zz repair PAGE.txt > clean.txt                 repair one page, clean text on stdout
    zz repair pages/ -o clean/ --report changes.csv  every .txt of a folder, and what changed
    zz figures clean.txt --csv figures.csv         every figure of a repaired text, as a table

Installed with the package (pyproject.toml, [project.scripts]); `python -m helpers.repair.cli` is the
same. Exit codes, for scripts: 0 done (flagged spans are warnings on stderr, not failures),
1 an input could not be read, 2 a usage error, 3 `--strict` and a span was flagged.
"""

from __future__ import annotations

import argparse
import csv
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

OK, INPUT_ERROR, USAGE_ERROR, FLAGGED = 0, 1, 2, 3
# Encodings a Chinese page that is not UTF-8 is most often in, tried in this order to say which
# one a file looks like (UTF-16 only with its byte-order mark: without one almost anything decodes).
_LIKELY_ENCODINGS = ("gb18030", "big5")

_EPILOG = """\
exit codes: 0 done (spans the repair could not recover are flagged on stderr and left as they
were, which is not a failure); 1 an input file is missing, empty or not UTF-8; 2 a usage error;
3 with --strict, at least one span was flagged.

examples:
  zz repair page.txt > clean.txt
  zz repair page.txt --report changes.csv > clean.txt
  zz repair pages/ --output clean/ --report changes.csv
  zz figures clean.txt --csv figures.csv
"""


class InputError(Exception):
    """An input file that cannot be used, with a message that says what to do."""


def _looks_like(data: bytes) -> str:
    """Name the encoding a non-UTF-8 file most likely has, for the error message."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "UTF-16 (it starts with a UTF-16 byte-order mark)"
    for encoding in _LIKELY_ENCODINGS:
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return f"{encoding.upper()}"
    return "no common Chinese encoding (it may not be text)"


def read_text(path: Path, encoding: str = "utf-8") -> str:
    """The text of an input file; InputError for a missing, empty or undecodable one."""
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(
            f"{path}: is a folder (give the folder itself as an input, not inside "
            "a list of files, or check the path)"
        )
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig" if encoding.lower() in ("utf-8", "utf8") else encoding)
    except UnicodeDecodeError as error:
        guess = _looks_like(data)
        hint = (
            ""
            if guess.startswith("no ")
            else f"; read it with --encoding {guess.split()[0].lower()}"
        )
        raise InputError(
            f"{path}: not {encoding} (byte {error.start}); it looks like {guess}{hint}"
        ) from None
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}") from None
    if not text.strip():
        raise InputError(f"{path}: the file is empty")
    return text


def input_files(paths: Sequence[str]) -> list[Path]:
    """The files named, with each folder replaced by its .txt files (sorted, subfolders too)."""
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.txt") if p.is_file())
            if not found:
                raise InputError(f"{path}: the folder has no .txt files")
            files.extend(found)
        else:
            files.append(path)
    return files


def _progress(index: int, total: int, path: Path) -> None:
    if total > 1:
        print(f"[{index}/{total}] {path}", file=sys.stderr, flush=True)


def _output_path(path: Path, output: Path | None, many: bool) -> Path | None:
    if output is None:
        return None
    return output / path.name if many else output


def _repair_command(args: argparse.Namespace) -> int:
    from helpers.repair.text import UnresolvedMojibakeWarning, repair_changes_and_text

    files = input_files(args.inputs)
    many = len(files) > 1 or any(Path(p).is_dir() for p in args.inputs)
    if many and args.output is None:
        raise _UsageError("several inputs need --output FOLDER (one repaired file each)")
    if many:
        args.output.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, object]] = []
    flagged = 0
    for index, path in enumerate(files, start=1):
        _progress(index, len(files), path)
        raw = read_text(path, args.encoding)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", UnresolvedMojibakeWarning)
            text, changes = repair_changes_and_text(raw, args.reconstructions)
        for warning in caught:
            if issubclass(warning.category, UnresolvedMojibakeWarning):
                flagged += 1
                print(f"{path}: warning: {warning.message}", file=sys.stderr)
        target = _output_path(path, args.output, many)
        if target is None:
            sys.stdout.write(text)
        else:
            target.write_text(text, encoding="utf-8")
        rows.extend({"file": str(path), **vars(change)} for change in changes)
    if args.report is not None:
        with args.report.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, ["file", "kind", "position", "before", "after", "note"])
            writer.writeheader()
            writer.writerows(rows)
    if flagged:
        print(
            f"{flagged} span(s) flagged and left as they were (see the warnings above)",
            file=sys.stderr,
        )
    return FLAGGED if flagged and args.strict else OK


def _figures_command(args: argparse.Namespace) -> int:
    from helpers.repair.extract import COLUMNS, iter_figures

    files = input_files(args.inputs)
    columns = ["file", *COLUMNS]
    rows: list[dict[str, object]] = []
    for index, path in enumerate(files, start=1):
        _progress(index, len(files), path)
        text = read_text(path, args.encoding)
        rows.extend({"file": str(path), **vars(figure)} for figure in iter_figures(text))
    if args.csv is None:
        writer = csv.DictWriter(sys.stdout, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        with args.csv.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, columns)
            writer.writeheader()
            writer.writerows(rows)
        print(
            f"{len(rows)} figures from {len(files)} file(s) written to {args.csv}", file=sys.stderr
        )
    return OK


class _UsageError(Exception):
    pass


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zz",
        description="Repair Chinese pages damaged by the mirror family of sites (mojibake, "
        "inserted pinyin, ASCII punctuation, Traditional characters, lost paragraph breaks), "
        "and read the figures (numbers with units and qualifiers) of a repaired text.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "inputs",
        nargs="+",
        metavar="PATH",
        help="a text file, or a folder (its .txt files, subfolders included)",
    )
    common.add_argument(
        "--encoding", default="utf-8", help="encoding of the input files (default: utf-8)"
    )

    repair = commands.add_parser(
        "repair",
        parents=[common],
        help="repair damaged pages",
        description="Repair mirror-damaged pages. One file: the clean text goes to stdout (or "
        "--output FILE). Several files or a folder: --output FOLDER gets one file each. Spans "
        "that cannot be recovered with evidence are left as they were and flagged on stderr.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    repair.add_argument(
        "-o",
        "--output",
        type=Path,
        help="where the repaired text goes: a file for one input, a folder for several",
    )
    repair.add_argument(
        "--report",
        type=Path,
        metavar="CSV",
        help="write every change made (file, kind, position, before, after, note) to this CSV",
    )
    repair.add_argument(
        "--strict", action="store_true", help="exit with code 3 if any span was flagged"
    )
    repair.add_argument(
        "--reconstructions",
        type=Path,
        metavar="CSV",
        help="editorial mojibake reconstructions (default: the project's "
        "data/mojibake_reconstructions.csv)",
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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (see the module doc)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # argparse exits 2 on a usage error, 0 after --help
        return int(stop.code or 0)
    try:
        return args.run(args)
    except _UsageError as error:
        parser.print_usage(sys.stderr)
        print(f"zz: error: {error}", file=sys.stderr)
        return USAGE_ERROR
    except InputError as error:
        print(f"zz: error: {error}", file=sys.stderr)
        return INPUT_ERROR


if __name__ == "__main__":
    sys.exit(main())
