"""Where the project's files live, and how they are written.

Every path comes from one root constant, never from the current directory: nbval starts each
kernel in the notebook's own folder, a user may run a script from anywhere, and all of them must
find the same files. Every file the project writes goes through `write_bytes_atomic`: an
interrupted run never leaves a half-written file looking complete, and data/raw/ is refused.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from helpers import release

PROJ_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = PROJ_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
PROCESSED_DIR = DATA_DIR / "processed"
NOTEBOOKS_DIR = PROJ_ROOT / "notebooks"
BUILD_DIR = PROJ_ROOT / "build"

RAW_RELEASE = RAW_DIR / release.RAW_FILE
RAW_RELEASE_SHA256 = release.RAW_SHA256
REPAIRED_RELEASE = PROCESSED_DIR / "release.zh-Hans.txt"
ENGLISH_RELEASE = PROCESSED_DIR / "release.en.md"
MOJIBAKE_RECONSTRUCTIONS = DATA_DIR / "mojibake_reconstructions.csv"
FACTS = DATA_DIR / "facts.csv"
NOT_FIGURES = DATA_DIR / "not_figures.csv"
GLOSSARY = DATA_DIR / "glossary.csv"
AUDIT = PROCESSED_DIR / "audit.csv"
# The Frictionless data package describing the tables above (helpers.datapackage).
DATAPACKAGE = DATA_DIR / "datapackage.json"


def notebook_paths(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The numbered notebooks of a folder, in reading order (00_..., 01_..., ...)."""
    return sorted(p for p in folder.glob("[0-9]*.ipynb") if p.is_file())


def _refuse_raw(path: Path) -> None:
    if RAW_DIR.resolve() in path.resolve().parents:
        raise PermissionError(
            f"{path} is in data/raw/, which is never written: raw data is immutable."
        )


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, then rename it into place."""
    path = Path(path)
    _refuse_raw(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual mode
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    """`write_bytes_atomic` for UTF-8 text with "\\n" line endings on every platform."""
    write_bytes_atomic(path, text.encode("utf-8"))
