"""Every number in the repaired release is accounted for: each figure helpers.repair.extract reads is a
row of data/facts.csv (same value, unit, qualifier and span) or a row of data/not_figures.csv with
its reason, and every fact is found by the reader. A figure added to the text and left
unclassified fails here."""

from __future__ import annotations

import pandas as pd
import pytest

import helpers
from helpers.paths import REPAIRED_RELEASE
from helpers.repair.extract import iter_figures


@pytest.fixture(scope="module")
def text() -> str:
    return REPAIRED_RELEASE.read_text(encoding="utf-8")


def test_the_tables_account_for_every_number_of_the_release() -> None:
    assert helpers.coverage_problems() == []


def test_the_reader_finds_the_55_facts_and_24_numbers_that_are_not_figures(text: str) -> None:
    found = list(iter_figures(text))
    facts = helpers.load_facts()
    in_quotes = set()
    for row in facts.itertuples():
        start = text.index(row.quote)
        in_quotes |= {
            (f.start, f.end)
            for f in found
            if start <= f.start
            and f.end <= start + len(row.quote)
            and f.unit == row.unit
            and float(f.value) == row.value
        }
    assert len(facts) == len(in_quotes) == 55
    rest = [f.text for f in found if (f.start, f.end) not in in_quotes]
    assert rest == [
        "3月",
        "24日",
        "第四场",
        "二十届",
        "五个",
        "2024年",
        "突破50%",
        "（一）",
        "2024年",
        "（二）",
        "6",
        "3",
        "2024年",
        "2025年",
        "2",
        "10",
        "2024年",
        "（三）",
        "第六届",
        "2024年",
        "2023年",
        "2023年",
        "2024年",
        "2024年",
    ]
    kept = helpers.load_not_figures()
    assert set(kept.loc[kept["reader"] == "found", "text"]) == set(rest)


def test_a_figure_added_to_the_text_fails(text: str) -> None:
    changed = text.replace(
        "新建市重点实验室66家。", "新建市重点实验室66家、市工程技术研究中心12家。"
    )
    assert helpers.coverage_problems(changed) == [
        "unclassified figure 12家 at position 1468 "
        "(“、市工程技术研究中心12家。互联网小镇获评国家”): add it to data/facts.csv, or to "
        "data/not_figures.csv with the reason it is not a figure."
    ]


def test_a_numeral_the_reader_skips_must_still_be_listed(text: str) -> None:
    # A lone 一 before a unit reads as "a" (一批), so the reader skips 一家; the audit does not.
    changed = text.replace("新建市重点实验室66家。", "新建市重点实验室66家、省工程研究中心一家。")
    assert helpers.coverage_problems(changed) == [
        "numeral “一” at position 1466 (“6家、省工程研究中心一家。互联网小镇获评国”) is in no "
        "figure the reader finds and in no quote of data/not_figures.csv."
    ]


def test_a_fact_the_reader_does_not_find_fails() -> None:
    facts = helpers.load_facts()
    facts.loc[facts["id"] == "foreign_experts", "value"] = 69.0
    assert helpers.coverage_problems(facts=facts) == [
        "fact foreign_experts: the reader finds 0 figures 69 人 in its quote “新引进外国专家68人”, "
        "not one.",
        "unclassified figure 68人 at position 2124 (“24年新引进外国专家68人，较2023年增长6”): add "
        "it to data/facts.csv, or to data/not_figures.csv with the reason it is not a figure.",
    ]


def test_a_qualifier_the_reader_reads_differently_fails() -> None:
    facts = helpers.load_facts()
    facts.loc[facts["id"] == "cultivation_pool_firms", "qualifier"] = "exact"
    assert helpers.coverage_problems(facts=facts) == [
        "fact cultivation_pool_firms: the reader reads 220余家 as at_least, the table says exact."
    ]


def test_a_skipped_word_the_reader_reads_fails() -> None:
    kept = helpers.load_not_figures()
    kept.loc[kept["text"] == "第六届", "reader"] = "skipped"
    problems = helpers.coverage_problems(not_figures=kept)
    assert problems[0] == (
        "not_figures “第六届” in “第六届“创业齐鲁共赢未来””: marked skipped, but the reader reads "
        "第六届 there; mark it found, or make it a fact."
    )
    assert problems[1].startswith("unclassified figure 第六届 at position 2074")


def test_a_number_claimed_twice_fails() -> None:
    kept = helpers.load_not_figures()
    extra = pd.DataFrame(
        [
            {
                "text": "1295家",
                "quote": "入库1295家",
                "category": "word",
                "reader": "found",
                "reason": "test",
            }
        ]
    )
    problems = helpers.coverage_problems(not_figures=pd.concat([kept, extra]))
    assert problems == [
        "figure 1295家 at position 292 is claimed by fact tech_smes_registered and "
        "not_figures “1295家” in “入库1295家”."
    ]
