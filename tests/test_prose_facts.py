"""Each number in the English prose is the figure of the fact its words name, not of any fact.

tests/test_notebook_prose.py asks whether a prose number has some source: a figure of facts.csv
or a value shown in an output. A number replaced by another fact's (the 58 incubators written
as 68, the foreign experts' count) still passes that check. Here a number is tied to what the
sentence says it counts: the noun after it ("58 incubators", "68 foreign experts", "115 plan
projects") names the facts whose indicator (or id) has that word, and the number must be the
value of one of them (as printed, or rounded to the decimals the prose gives), or else the
value of no fact at all (a derived count such as the 40 municipal incubators, which
test_notebook_prose.py ties to the outputs). A number that names one fact but is the value of
another is reported with its sentence.

Numbers followed by a unit or an operator (%, 万元, −, ×, "to" in a range) are left to the other
check: the noun does not follow them.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from helpers.paths import FACTS, notebook_paths
from tests.test_notebook_prose import ORDINAL, _plain, _strip_markup

NUMBER = re.compile(r"(?<![A-Za-z0-9_.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![A-Za-z0-9_])")
# After these the next word is not what the number counts: a unit, an operator, a range, a date.
NOT_A_COUNT = re.compile(
    r"\s*(?:[%\-–−×/+=:→\d]|[\u3000-\u9fff\uff00-\uffef]|to\b|and\b|or\b|per\b|in\s+20\d\d)"
)
# Words that say nothing about which figure a number is.
PLAIN_WORDS = frozenset(
    re.findall(
        r"\w+",
        "with that this from their they have been were which what more than also into each only "
        "over under does said says release total number about least most printed among",
    )
)


def _stem(word: str) -> str:
    return word[:5]  # incubator/incubators, expert/experts, project/projects


def fact_words(row: dict) -> set[str]:
    """The words that name a fact: those of its English indicator and of its id."""
    text = f"{row['indicator_en']} {row['id'].replace('_', ' ')}".lower()
    return {_stem(w) for w in re.findall(r"[a-z]{4,}", text) if w not in PLAIN_WORDS}


def _is(number: str, value: str) -> bool:
    """`number` as the prose prints `value`: equal, or rounded to the prose's decimals."""
    value = _plain(value)
    if number == value:
        return True
    places = len(number.split(".")[1]) if "." in number else 0
    return abs(round(float(value), places) - float(number)) < 1e-9


def borrowed_numbers(prose: str, facts: list[dict]) -> list[str]:
    """The numbers of `prose` whose following words name facts of which none has that value,
    while another fact has exactly it: '68 (names incubators_total, ...; is foreign_experts)'."""
    words_of = {row["id"]: fact_words(row) for row in facts}
    prose = ORDINAL.sub(" ", _strip_markup(prose)).replace("*", "")
    problems = []
    for match in NUMBER.finditer(prose):
        number = _plain(match[1].replace(",", "") + (match[2] or ""))
        if "." not in number and 1900 <= int(number) <= 2100:
            continue  # a year
        after = prose[match.end() :]
        if NOT_A_COUNT.match(after):
            continue
        clause = re.split(r"[.;:,()!?\n]", after, maxsplit=1)[0]
        words = [w.lower() for w in re.findall(r"[A-Za-z][A-Za-z-]*", clause)][:2]
        words = [
            part for w in words if len(w) >= 4 and w not in PLAIN_WORDS for part in w.split("-")
        ]
        named = {i for i, known in words_of.items() if any(_stem(w) in known for w in words)}
        if not named or any(_is(number, row["value"]) for row in facts if row["id"] in named):
            continue
        others = [
            row["id"] for row in facts if row["id"] not in named and _plain(row["value"]) == number
        ]
        if others:
            shown = ", ".join(sorted(named)[:3]) + (", ..." if len(named) > 3 else "")
            problems.append(f"{number} {' '.join(words)} (names {shown}; is {', '.join(others)})")
    return problems


def _facts() -> list[dict]:
    with FACTS.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def notebook_problems(path: Path, facts: list[dict]) -> list[str]:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return [
        f"cell {index}: {problem}"
        for index, cell in enumerate(notebook["cells"])
        if cell["cell_type"] == "markdown"
        for problem in borrowed_numbers("".join(cell["source"]), facts)
    ]


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.name)
def test_every_prose_count_is_the_figure_of_what_it_counts(path: Path) -> None:
    assert notebook_problems(path, _facts()) == []


def test_the_check_finds_another_facts_number() -> None:
    facts = _facts()
    assert borrowed_numbers("The release counts 58 incubators and makerspaces.", facts) == []
    assert borrowed_numbers("The release counts 68 incubators and makerspaces.", facts) == [
        "68 incubators (names incubated_firms, incubated_hightech_firms, incubated_tech_firms, "
        "...; is foreign_experts)"
    ]
    assert borrowed_numbers("In 2024, 58 foreign experts came.", facts) == [
        "58 foreign experts (names foreign_experts, foreign_experts_growth; is incubators_total)"
    ]
    # a derived count is no fact's value (test_notebook_prose.py ties it to the outputs);
    # units, ranges and years are not followed by what they count
    assert (
        borrowed_numbers("40 incubators are municipal; 12.7亿元 of loans; 3 to 5 firms.", facts)
        == []
    )
