"""Extra checks of the finance exercises (notebooks/05_finance.ipynb), beyond
tests/test_exercises.py: answers a learner may reasonably give are accepted, and common slips are
rejected with a reason."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
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
    by_hand = amounts.assign(yuan=[v * UNITS[u][1] for v, u in zip(amounts["value"],
                                                                   amounts["unit"], strict=True)])
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


def test_the_chart_exercise_wants_the_four_amounts_of_2024(amounts: pd.DataFrame) -> None:
    helpers.setup()
    all_six = helpers.bar_breakdown(amounts, title=("All", "全部"))
    result = exercises.evaluate("finance.amounts_2024_chart", all_six)
    assert result.passed is False and "6 bars" in result.message
    rows = amounts[amounts["period"] == "2024"]
    untitled = helpers.bar_breakdown(rows, title=("", ""))
    assert "no title" in exercises.evaluate("finance.amounts_2024_chart", untitled).message
    titled = helpers.bar_breakdown(rows, title=("2024", "2024年"))
    assert exercises.evaluate("finance.amounts_2024_chart", titled).passed is True
    plt.close("all")


def test_every_loan_per_firm_inside_the_printed_interval_passes() -> None:
    # 12.7亿元 is rounded: the text says "between about 405 and 409" 万元, and so does the check
    for answer in (405, 406, 407, 407.05, 408, 409):
        assert exercises.evaluate("finance.loan_per_firm_wan", answer).passed is True, answer
    for answer in (404, 410):
        assert exercises.evaluate("finance.loan_per_firm_wan", answer).passed is False, answer


def test_loan_per_firm_slips_are_named() -> None:
    in_yuan = exercises.evaluate("finance.loan_per_firm_wan", 1_270_000_000 / 312)
    assert in_yuan.passed is False and "in yuan" in in_yuan.message
    unconverted = exercises.evaluate("finance.loan_per_firm_wan", 12.7 / 312)
    assert unconverted.passed is False and "no conversion" in unconverted.message
    far = exercises.evaluate("finance.loan_per_firm_wan", 500)
    assert "too high: the data allow 405 to 409" in far.message


def test_the_funds_increase_accepts_its_interval_and_names_the_rate_slip() -> None:
    check = "finance.provincial_funds_increase_wan"
    expected = exercises.get(check).expected()
    assert 2_900 < expected.low < expected.value < expected.high < 3_200
    for answer in (expected.low, 3_000, 3_038, 3_100, expected.high):
        assert exercises.evaluate(check, answer).passed is True, answer
    slip = exercises.evaluate(check, 15_000 * 25.4 / 100)  # 25.4% of the 2024 amount
    assert slip.passed is False and "rate is of the 2023 amount" in slip.message
