"""Build the derived data files in data/processed/ from data/raw/ (`make data`), and the data
package data/datapackage.json that describes the tables (helpers.datapackage).

Raw data is immutable and processed data is generated: this module is the only writer of
data/processed/ and of the data package, and tests/test_processed.py proves the committed files
are what it produces today.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from helpers.paths import (
    AUDIT,
    DATAPACKAGE,
    MOJIBAKE_RECONSTRUCTIONS,
    PROJ_ROOT,
    RAW_RELEASE,
    RAW_RELEASE_SHA256,
    REPAIRED_RELEASE,
    write_text_atomic,
)


def check_raw(path: Path = RAW_RELEASE, expected: str = RAW_RELEASE_SHA256) -> None:
    """Refuse to build from a raw file that is not the one received (DataError says how to fix).

    Everything downstream, every figure of every notebook, traces back to that file's text.
    """
    import hashlib

    from helpers.errors import DataError

    if not path.exists():
        raise DataError(
            f"{path.name} is missing from data/raw/: restore it with `git checkout -- data/raw/`."
        )
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != expected:
        raise DataError(
            f"{path.name} has changed: its SHA-256 is {digest}, not {expected}. data/raw/ must "
            "hold the file exactly as received (never edit it); restore it with "
            "`git checkout -- data/raw/`."
        )


def _repaired_release() -> str:
    from helpers.repair.text import repair

    check_raw()
    return repair(RAW_RELEASE.read_text(encoding="utf-8"), MOJIBAKE_RECONSTRUCTIONS)


def _audit() -> str:
    from helpers.audit import audit_csv

    return audit_csv()


def _datapackage() -> str:
    from helpers.datapackage import package_json

    return package_json()


# Each derived file and the function that produces its text, in the order they depend on each
# other: the audit reads facts.csv, whose quotes are checked against the repaired release; the
# data package describes the tables, so it comes last.
PRODUCERS: dict[Path, Callable[[], str]] = {
    REPAIRED_RELEASE: _repaired_release,
    AUDIT: _audit,
    DATAPACKAGE: _datapackage,
}


def stale_files() -> list[Path]:
    """The derived files whose committed content differs from what the code produces today."""
    return [
        path
        for path, produce in PRODUCERS.items()
        if not path.exists() or path.read_text(encoding="utf-8") != produce()
    ]


def build() -> None:
    """Write every derived file whose content changed, saying which."""
    for path, produce in PRODUCERS.items():
        text = produce()
        name = path.relative_to(PROJ_ROOT)
        if path.exists() and path.read_text(encoding="utf-8") == text:
            print(f"  unchanged  {name}")
        else:
            write_text_atomic(path, text)
            print(f"  wrote      {name}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="only report stale files; exit 1 if any"
    )
    args = parser.parse_args(argv)
    from helpers.errors import DataError

    try:
        check_raw()
    except DataError as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    if args.check:
        stale = stale_files()
        for path in stale:
            print(f"stale: {path.relative_to(PROJ_ROOT)} (run `make data`)")
        return 1 if stale else 0
    print("Building data/processed/ from data/raw/")
    build()
    return 0


if __name__ == "__main__":
    from helpers.publish.cli import guarded

    sys.exit(guarded(main))
