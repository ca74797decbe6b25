"""The prose a reader reads needs no code: no code names in the chapters' markdown, in either
language (the exercises, which ask for code, are the teaching edition's and are left out).

A report shows the markdown of a chapter without its code, so `derive.earlier_share`, `parent_id`
or `section == 'rd_projects'` in a sentence is a name the reader has never seen; the sentence says
what the code does instead ("上年比重＝本年比重－提高的百分点"). A file of the project may be named
(`data/facts.csv`), as the place a reader can open; a chapter is linked, not named as a file; and
the chapters call themselves chapters (本章), not notebooks.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from helpers.paths import notebook_paths

LOCALE = Path("notebooks/locale/zh_CN/LC_MESSAGES")
# a file a reader can open: data/facts.csv, data/processed/audit.csv (named, not code)
PATH = re.compile(r"\bdata/[\w/.-]+\.(?:csv|md|json)\b|data/raw/")
LINK_TARGET = re.compile(r"\]\([^)]*\)|<a [^>]*>|https?://\S+")
CODE_NAMES = re.compile(
    r"\b(?:derive|helpers|mojibake|pd|np|plt)\.\w+"  # a module's function
    r"|==|!="  # a filter
    r"|\b[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+\b"  # snake_case: parent_id, value_base, at_least
    r"|`[^`]*\.ipynb`"  # a chapter named as a file, not linked
    r"|\bThis notebook\b|\bthis notebook\b|本笔记本"
    r"|\bmake (?:decks|run|export|notebooks)\b"  # a build command in reader text
)


def _reader_cells(path: Path) -> list[tuple[str, str]]:
    """(cell id, English markdown) of the cells a report shows: all but the exercises."""
    cells, in_exercises = [], False
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        text = "".join(cell["source"])
        if text.startswith("## "):
            in_exercises = text.startswith(("## Exercises", "## 练习"))
        if not in_exercises:
            cells.append((cell["id"], text))
    return cells


def code_names(text: str) -> list[str]:
    """The code names in a piece of prose, outside link targets and the project's file paths."""
    text = PATH.sub(" ", LINK_TARGET.sub("]", text))
    return CODE_NAMES.findall(text)


def test_the_check_finds_code_names_and_leaves_prose_alone() -> None:
    assert code_names("由 `derive.earlier_share` 连同区间算出（数据表中的 `parent_id`）") == [
        "derive.earlier_share",
        "parent_id",
    ]
    assert code_names("Filtering on `section == 'rd_projects'`") == ["==", "rd_projects"]
    assert code_names("see `07_audit.ipynb`; This notebook; (`make decks`)") == [
        "`07_audit.ipynb`",
        "This notebook",
        "make decks",
    ]
    assert code_names("上年比重＝本年比重－提高的百分点") == []
    assert code_names("[《数据核查》](07_audit.ipynb)，`data/mojibake_reconstructions.csv`") == []
    assert code_names("[reading guide](00_source_text.ipynb#How-to-read-this-release)") == []


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.stem)
def test_a_chapter_s_prose_has_no_code_names(path: Path) -> None:
    with (LOCALE / f"{path.stem}.po").open("rb") as handle:
        chinese = {m.context: m.string for m in read_po(handle) if m.id}
    found = []
    for cell_id, english in _reader_cells(path):
        for lang, text in (("en", english), ("zh", chinese.get(cell_id, ""))):
            found += [f"{cell_id} ({lang}): {name}" for name in code_names(text)]
    assert found == []
