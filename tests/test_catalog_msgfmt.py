"""The catalogs `make translations` writes are valid gettext: `msgfmt -c` accepts them, with the
previous English of a fuzzy message (`#| msgid`) on whole lines, however long."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

from helpers.publish import translation

MSGFMT = shutil.which("msgfmt")
needs_msgfmt = pytest.mark.skipif(
    MSGFMT is None, reason="msgfmt (GNU gettext) is not installed: apt-get install gettext"
)


def _msgfmt(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [MSGFMT, "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True, check=False
    )


@needs_msgfmt
@pytest.mark.parametrize(
    "path", sorted(translation.LOCALE_DIR.glob("*/LC_MESSAGES/*.po")), ids=lambda p: p.name
)
def test_every_committed_catalog_passes_msgfmt(path: Path) -> None:
    result = _msgfmt(path)
    assert result.returncode == 0, result.stderr


@needs_msgfmt
def test_a_refreshed_catalog_with_long_previous_english_passes_msgfmt(tmp_path: Path) -> None:
    long = "A paragraph long enough to be wrapped by any writer that wraps, " * 3
    cell = nbformat.v4.new_markdown_cell(f"{long}\nand a second line.", id="intro")
    path = tmp_path / "01_x.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[cell]), path)
    translation.refresh(path, locale_dir=tmp_path)
    catalog = translation.catalog_path("01_x", locale_dir=tmp_path)
    translated = translation.read_catalog(catalog)
    next(m for m in translated if m.context == "intro").string = "一段中文。"
    catalog.write_bytes(translation.catalog_bytes(translated))
    cell.source = f"{long}\nand an edited second line."
    nbformat.write(nbformat.v4.new_notebook(cells=[cell]), path)
    assert translation.refresh(path, locale_dir=tmp_path)  # now fuzzy, with the previous English
    written = catalog.read_text(encoding="utf-8")
    assert '#| "and a second line."' in written and "#, fuzzy" in written
    result = _msgfmt(catalog)
    assert result.returncode == 0, result.stderr
    again = translation.read_catalog(catalog)
    message = next(m for m in again if m.context == "intro")
    assert message.previous_id[0] == f"{long}\nand a second line."
