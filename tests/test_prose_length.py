"""The audit and summary notebooks stay short: English prose words in markdown cells, counted the
way a reader meets them (code, links' targets, HTML and Chinese characters are not words)."""

from __future__ import annotations

import json
import re

import pytest

from helpers.paths import NOTEBOOKS_DIR

WORD = re.compile(r"[A-Za-z0-9]+(?:['’.,\-][A-Za-z0-9]+)*")
LIMITS = {"06_audit.ipynb": 600, "07_summary.ipynb": 400}


def english_words(markdown: str) -> int:
    """Words of English prose in a markdown text."""
    text = re.sub(r"<details>.*?</details>", " ", markdown, flags=re.S)
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"https?://\S+", " ", text)
    text = re.sub(r"<[^>]+>", " ", text)
    return len(WORD.findall(text))


def notebook_words(name: str) -> int:
    notebook = json.loads((NOTEBOOKS_DIR / name).read_text(encoding="utf-8"))
    return sum(english_words("".join(cell["source"])) for cell in notebook["cells"]
               if cell["cell_type"] == "markdown")


def test_the_counter_counts_prose_only() -> None:
    text = ("## 1. Parts\n\nThe 58 incubators' parts, 3 + 4, see `06_audit.ipynb` and the "
            "[guide](00_source_text.ipynb#how) (规模以上工业总产值).\n```python\nx = 1\n```")
    assert english_words(text) == 12  # 1 Parts The 58 incubators parts 3 4 see and the guide


@pytest.mark.parametrize("name", sorted(LIMITS))
def test_notebook_prose_within_its_limit(name: str) -> None:
    words = notebook_words(name)
    assert words <= LIMITS[name], f"{name}: {words} words of English prose, limit {LIMITS[name]}"
