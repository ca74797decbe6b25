"""The glossary's notes carry no number of their own: each is a figure of the term it explains.

A glossary note is read beside the charts and tables (the annotated release, the Chinese
edition's table terms), so a typo in its number (50.84% written 50.48%) would put a figure in
front of a reader that the release never printed; no other test reads the notes' numbers.
"""

from __future__ import annotations

import csv
import re

from helpers.paths import FACTS, GLOSSARY

GLOSSARY_NUMBER = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)(%?)(?![\w.])")


def glossary_numbers_without_their_fact(glossary_rows: list[dict], facts: list[dict]) -> list[str]:
    """The numbers of the glossary notes that are not a figure of the term they explain.

    A note's number is tied to its term: it must be the value (with the unit, for a percentage)
    of a fact whose Chinese indicator or quote contains the term, so a number changed to another
    value, or to another fact's, is found. A bare year (1900-2100, no decimals) is a date, such as
    that of a regulation the note cites.
    """
    problems = []
    for row in glossary_rows:
        about = [f for f in facts if row["term_zh"] in f["indicator_zh"] + f["quote"]]
        for number, percent in GLOSSARY_NUMBER.findall(row["note"]):
            if not percent and "." not in number and 1900 <= int(number) <= 2100:
                continue
            if not any(
                float(f["value"]) == float(number) and (f["unit"] == "%") == bool(percent)
                for f in about
            ):
                problems.append(f"{row['term_zh']}: {number}{percent}")
    return problems


def _rows(path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_number_in_a_glossary_note_is_its_terms_figure() -> None:
    assert glossary_numbers_without_their_fact(_rows(GLOSSARY), _rows(FACTS)) == []


def test_the_glossary_check_finds_a_changed_or_borrowed_number() -> None:
    facts = [
        {
            "indicator_zh": "高新技术产业产值占规模以上工业总产值的比例",
            "quote": "达到50.84%",
            "value": "50.84",
            "unit": "%",
        },
        {"indicator_zh": "孵化器数量", "quote": "孵化器58家", "value": "58", "unit": "家"},
    ]
    rows = [
        {"term_zh": "规模以上工业总产值", "note": "The denominator of the 50.48% share."},
        {"term_zh": "高新技术产业产值", "note": "Not 58% of anything (rules of 2016)."},
        {"term_zh": "高新技术产业", "note": "The 50.84% share."},
    ]
    assert glossary_numbers_without_their_fact(rows, facts) == [
        "规模以上工业总产值: 50.48%",
        "高新技术产业产值: 58%",
    ]
