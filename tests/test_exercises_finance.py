"""Extra checks of the finance exercises (notebooks/05_finance.ipynb), beyond
tests/test_exercises.py: answers a learner may reasonably give are accepted, and common slips are
rejected with a reason."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import helpers  # noqa: E402
from helpers import exercises  # noqa: E402
from helpers.facts import UNITS  # noqa: E402


@pytest.fixture(scope="module")
def amounts() -> pd.DataFrame:
    facts = helpers.load_facts()
    return facts[(facts["section"] == "finance") & (facts["base_unit"] == "yuan")]


def test_amounts_computed_by_hand_from_value_and_unit_are_accepted(amounts: pd.DataFrame) -> None:
    by_hand = amounts.assign(
        yuan=[v * UNITS[u][1] for v, u in zip(amounts["value"], amounts["unit"], strict=True)]
    )
    answer = by_hand[["id", "yuan"]].sort_values("yuan", ascending=False)
    assert exercises.evaluate("finance.amounts_in_yuan", answer).passed is True


def test_unsorted_or_unconverted_amounts_are_rejected(amounts: pd.DataFrame) -> None:
    table = amounts[["id", "value_base"]].rename(columns={"value_base": "yuan"})
    unsorted = exercises.evaluate("finance.amounts_in_yuan", table.sort_values("yuan"))
    assert unsorted.passed is False and "not sorted" in unsorted.message
    printed = amounts[["id", "value"]].rename(columns={"value": "yuan"})
    as_printed = exercises.evaluate(
        "finance.amounts_in_yuan",
        printed.set_index("id").loc[table.sort_values("yuan", ascending=False)["id"]].reset_index(),
    )
    assert as_printed.passed is False and "not in yuan" in as_printed.message


def test_the_funds_increase_accepts_its_interval_and_names_the_rate_slip() -> None:
    check = "finance.provincial_funds_increase_wan"
    expected = exercises.get(check).expected()
    assert 2_900 < expected.low < expected.value < expected.high < 3_200
    for answer in (expected.low, 3_000, 3_038, 3_100, expected.high):
        assert exercises.evaluate(check, answer).passed is True, answer
    slip = exercises.evaluate(check, 15_000 * 25.4 / 100)  # 25.4% of the 2024 amount
    assert slip.passed is False and "rate is of the 2023 amount" in slip.message
    in_yuan = exercises.evaluate(check, expected.value * 10_000)
    assert in_yuan.passed is True and "read as yuan; the task meant 万元" in in_yuan.message
