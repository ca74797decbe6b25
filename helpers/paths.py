"""Where the project's files live.

Every path comes from one root constant, never from the current directory: nbval starts each
kernel in the notebook's own folder, a user may run a script from anywhere, and all of them must
find the same files.
"""

from __future__ import annotations

from pathlib import Path

PROJ_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = PROJ_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
PROCESSED_DIR = DATA_DIR / "processed"
NOTEBOOKS_DIR = PROJ_ROOT / "notebooks"
BUILD_DIR = PROJ_ROOT / "build"

RAW_RELEASE = RAW_DIR / "zaozhuang_hightech_release_2025-03-24.raw.txt"
# SHA-256 of the raw file as received (../shared/source/README.md); tests/test_raw.py pins it.
RAW_RELEASE_SHA256 = "3ffcb02b5b4e7676460270471457456432f589c384b3619bf51d50ee2ea6a7ad"
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
