"""No number without a source: every number in the notebooks' prose is a figure of facts.csv, a
value the notebook shows in an output, or a year or an ordinal.

A finding whose number drifts from the data (the text says 41 where the output now says 40) fails
here. A prose number may round a shown number to fewer decimals ("32.2%" for an output of 32.17).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers.paths import FACTS, NOT_FIGURES, notebook_paths

# ASCII word boundaries: a number right beside Chinese (有58家, 12.7亿元) is still a number.
NUMBER = re.compile(r"(?<![A-Za-z0-9_.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![A-Za-z0-9_])")
# Contexts in which a small whole number is an ordinal or a label, not a finding.
ORDINAL = re.compile(
    r"(?:^#+\s*\d+(?:\.\d+)*\.?\s)|(?:^\s*\d+\.\s)|(?:\b(?:Exercise|exercise|Section|section|step|"
    r"Step|notebook|Notebook|chapter|part|Part|No\.)\s+\d+)|(?:\(\d\))|(?:\b0\d_\w+)"
    # names with numbers in them: SHA-256, UTF-8, U+3000, GB18030, "6+3"
    r"|(?:\b[A-Z][A-Za-z]*-\d+\b)|(?:U\+[0-9A-F]{4,5})|(?:\d+\+\d+)",
    re.M,
)


def _strip_markup(text: str) -> str:
    """Remove what is not prose: code, solution blocks, links' targets, HTML tags."""
    text = re.sub(r"<details>.*?</details>", " ", text, flags=re.S)
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"https?://\S+", " ", text)
    text = re.sub(r"<[^>]+>", " ", text)
    return text


def _numbers(text: str) -> list[str]:
    return [(whole.replace(",", "") + (fraction or "")) for whole, fraction in NUMBER.findall(text)]


def _output_text(notebook: dict) -> str:
    parts: list[str] = []
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            parts.append("".join(output.get("text", "")))
            for mime in ("text/plain", "text/html", "text/markdown"):
                parts.append("".join(output.get("data", {}).get(mime, "")))
    return "\n".join(parts)


def _fact_numbers() -> set[str]:
    """The figures of facts.csv, and the numbers of the release that data/not_figures.csv lists
    (a threshold such as 突破50%, names such as "6+3"): both trace to a sentence of the release."""
    import csv

    with FACTS.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    numbers = {_plain(row["value"]) for row in rows}
    # an amount as English prose gives it: 1.5亿元 is "CNY 150 million", 12.7亿元 "CNY 1.27 billion"
    for row in rows:
        if row["base_unit"] == "yuan" and row["value_base"]:
            for scale in (1e6, 1e9):
                numbers.add(_plain(f"{float(row['value_base']) / scale:.10g}"))
    with NOT_FIGURES.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            numbers.update(_plain(n) for n in _numbers(row["text"]))
    return numbers


def _plain(number: str) -> str:
    number = number.replace(",", "")
    return number[:-2] if number.endswith(".0") else number


def _matches(prose: str, sources: set[str]) -> bool:
    if prose in sources:
        return True
    places = len(prose.split(".")[1]) if "." in prose else 0
    value = float(prose)
    return any(
        abs(round(float(s), places) - value) < 1e-9 for s in sources if s.replace(".", "").isdigit()
    )


# English prose gives amounts in yuan ("CNY 4.07 million", "CNY 79,400", "between about CNY 4.05
# and 4.09 million"); the outputs show them in 万元 as the release does: compare in 万元.
CNY = re.compile(
    r"CNY ((?:\d[\d,]*(?:\.\d+)?)(?:(?: and | to )\d[\d,]*(?:\.\d+)?)?)( million| billion)?"
)
SCALE = {" million": 1e6, " billion": 1e9, "": 1.0}


def _in_wan(match: re.Match[str], shown: set[str]) -> bool:
    """Whether an English amount in yuan is a 万元 figure an output shows (a range: both ends)."""
    scale = SCALE[match[2] or ""]
    numbers = re.findall(r"\d[\d,]*(?:\.\d+)?", match[1])
    wan = [float(n.replace(",", "")) * scale / 1e4 for n in numbers]
    return all(_matches(_plain(f"{w:.10g}"), shown) for w in wan)


def unsourced_numbers(path: Path, facts: set[str]) -> list[str]:
    """The numbers of the notebook's markdown that have no source, with their sentence."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    shown = {_plain(n) for n in _numbers(_output_text(notebook))} | facts
    problems = []
    for index, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] != "markdown":
            continue
        prose = _strip_markup("".join(cell["source"]))
        prose = ORDINAL.sub(" ", prose)
        # a CNY amount whose 万元 value is shown is sourced; else its number is checked as written
        prose = CNY.sub(lambda m: " " if _in_wan(m, shown) else m[0], prose)
        for number in _numbers(prose):
            if "." not in number and 1900 <= int(number) <= 2100:
                continue  # a year
            if not _matches(_plain(number), shown):
                problems.append(f"cell {index}: {number}")
    return problems


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.name)
def test_every_prose_number_has_a_source(path: Path) -> None:
    assert unsourced_numbers(path, _fact_numbers()) == []


def test_the_check_catches_a_drifted_number(tmp_path: Path) -> None:
    notebook = {
        "cells": [
            {"cell_type": "markdown", "source": ["## 1. Incubators\n", "The city has 41 of them."]},
            {"cell_type": "code", "source": [], "outputs": [{"text": ["40\n"]}]},
            {"cell_type": "markdown", "source": ["The share is 32.2%, since 2024; 有58家."]},
            {"cell_type": "code", "source": [], "outputs": [{"data": {"text/plain": ["32.17"]}}]},
        ]
    }
    path = tmp_path / "01_x.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    assert unsourced_numbers(path, facts=set()) == ["cell 0: 41", "cell 2: 58"]


def test_an_amount_in_yuan_is_sourced_by_its_figure_in_wan() -> None:
    def sourced(text: str, shown: set[str]) -> bool:
        match = CNY.search(text)
        assert match is not None
        return _in_wan(match, shown)

    assert sourced("about CNY 4.07 million (407万元)", {"407.05"})
    assert sourced("about CNY 79,400 each", {"7.943"})
    assert sourced("between about CNY 4.05 and 4.09 million", {"404.9", "409.2"})
    assert not sourced("about CNY 4.17 million", {"407.05"})  # a drifted figure still fails
    assert not sourced("between about CNY 4.05 and 4.19 million", {"404.9", "409.2"})
