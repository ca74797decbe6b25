"""Short beats thorough: the English prose of the notebooks stays within a word budget.

Issue 12 cut about 11,800 words of English prose, written about a release whose English translation
is about 1,750 words. This test keeps the cut: it counts the words of every markdown cell that is
not tagged `lang-zh` (fenced code removed), and fails when the collection grows past its budget.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers.paths import NOTEBOOKS_DIR, notebook_paths

TOTAL_BUDGET = 8_700  # every notebook together (06_context, other sources, added about 1,000)
SECTION_BUDGET = 6_000  # 00_source_text to 05_finance: the release read section by section
SECTION_NOTEBOOKS = ("00", "01", "02", "03", "04", "05")

WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
FENCE = re.compile(r"```.*?```", re.S)


def prose_words(text: str) -> int:
    """English words of a markdown text, fenced code blocks left out."""
    return len(WORD.findall(FENCE.sub(" ", text)))


def notebook_words(path: Path) -> int:
    """English words in the notebook's markdown cells, except those tagged `lang-zh`."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return sum(
        prose_words("".join(cell["source"]))
        for cell in notebook["cells"]
        if cell["cell_type"] == "markdown"
        and "lang-zh" not in cell.get("metadata", {}).get("tags", [])
    )


@pytest.fixture(scope="module")
def words() -> dict[str, int]:
    return {path.name: notebook_words(path) for path in notebook_paths()}


def test_the_collection_stays_within_its_budget(words: dict[str, int]) -> None:
    assert sum(words.values()) <= TOTAL_BUDGET, words


def test_the_section_notebooks_stay_within_theirs() -> None:
    words = {path.name: notebook_words(path) for path in notebook_paths()}
    sections = {name: n for name, n in words.items() if name[:2] in SECTION_NOTEBOOKS}
    assert len(sections) == len(SECTION_NOTEBOOKS), sorted(sections)
    assert sum(sections.values()) <= SECTION_BUDGET, sections


def test_the_count_skips_code_and_chinese() -> None:
    text = "One finding, with its number: 40.\n```python\nanswer = total - listed\n```\n余 is not."
    assert prose_words(text) == 7  # One finding with its number is not
    assert prose_words("don't re-derive") == 2


# --- per-notebook limits for the audit and the summary (from branch b12a) ---------------------
# Counted the way b12a wrote them: numbers count as words too, and links' targets, inline code,
# HTML and solution blocks do not.

NUMBERED_WORD = re.compile(r"[A-Za-z0-9]+(?:['’.,\-][A-Za-z0-9]+)*")
# 07: 600 for the audit, and 30 for the tasks of its two exercises (issue 14: the teaching edition).
LIMITS = {"07_audit.ipynb": 630, "08_summary.ipynb": 420}  # 08: a pointer to 06_context


def english_words(markdown: str) -> int:
    """Words of English prose in a markdown text, numbers included."""
    text = re.sub(r"<details>.*?</details>", " ", markdown, flags=re.S)
    text = FENCE.sub(" ", text)
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"https?://\S+", " ", text)
    text = re.sub(r"<[^>]+>", " ", text)
    return len(NUMBERED_WORD.findall(text))


def test_the_limit_counter_counts_prose_only() -> None:
    text = (
        "## 1. Parts\n\nThe 58 incubators' parts, 3 + 4, see `07_audit.ipynb` and the "
        "[guide](00_source_text.ipynb#how) (规模以上工业总产值).\n```python\nx = 1\n```"
    )
    assert english_words(text) == 12  # 1 Parts The 58 incubators parts 3 4 see and the guide


@pytest.mark.parametrize("name", sorted(LIMITS))
def test_notebook_prose_within_its_limit(name: str) -> None:
    notebook = json.loads((NOTEBOOKS_DIR / name).read_text(encoding="utf-8"))
    words = sum(
        english_words("".join(cell["source"]))
        for cell in notebook["cells"]
        if cell["cell_type"] == "markdown"
    )
    assert words <= LIMITS[name], f"{name}: {words} words of English prose, limit {LIMITS[name]}"
