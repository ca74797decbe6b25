"""helpers.derive: formulas, intervals and qualifiers, on figures written here."""

from __future__ import annotations

import math
from types import SimpleNamespace

import pytest

from helpers import derive


def figure(id: str, value: float, qualifier: str = "exact", scale: float = 1.0, unit="count"):
    return SimpleNamespace(
        id=id, value=value, value_base=value * scale, qualifier=qualifier, base_unit=unit
    )


def test_next_unit_reading_of_yu() -> None:
    assert derive.bounds(figure("a", 220, "at_least")) == (220, 230)
    assert derive.bounds(figure("a", 2000, "at_least")) == (2000, 3000)
    assert derive.bounds(figure("a", 10, "at_least")) == (10, 20)
    assert derive.bounds(figure("a", 8500, "at_least", 10_000, "yuan")) == (85_000_000, 86_000_000)
    assert derive.bounds(figure("a", 2000, "at_least"), open_ended=True) == (2000, math.inf)


def test_rounding_of_printed_decimals() -> None:
    low, high = derive.bounds(figure("s", 50.84, unit="percent"))
    assert low == pytest.approx(50.835) and high == pytest.approx(50.845)
    assert derive.bounds(figure("n", 58)) == (58, 58)
    assert derive.bounds(figure("s", 50.84), rounding=False) == (50.84, 50.84)


def test_remainder_of_exact_figures_is_exact() -> None:
    total = figure("incubators_total", 58)
    parts = [figure(i, v) for i, v in [("n1", 3), ("n2", 4), ("p1", 2), ("p2", 9)]]
    municipal = derive.remainder(total, parts, label=("Municipal level", "市级"))
    assert municipal.value == 40 and (municipal.low, municipal.high) == (40, 40)
    assert municipal.qualifier == "exact"
    assert municipal.working == "58 − (3 + 4 + 2 + 9) = 40"
    assert municipal.formula == "incubators_total − (n1 + n2 + p1 + p2)"
    assert municipal.inputs == ("incubators_total", "n1", "n2", "p1", "p2")


def test_remainder_with_lower_bound_part_is_an_upper_bound() -> None:
    rest = derive.remainder(figure("t", 2000, "at_least"), [figure("p", 850)])
    assert (rest.value, rest.low, rest.high) == (1150, 1150, 2150)
    rest = derive.remainder(figure("t", 2000), [figure("p", 160, "at_least")])
    assert (rest.value, rest.low, rest.high, rest.qualifier) == (1840, 1830, 1840, "at_most")


def test_share_of_exact_counts() -> None:
    share = derive.share(figure("provincial", 37), figure("total", 115))
    assert share.value == pytest.approx(32.173913)
    assert share.qualifier == "exact" and share.base_unit == "percent"
    assert share.working == "37 / 115 × 100 = 32.1739"


def test_share_of_two_lower_bounds_is_an_interval() -> None:
    share = derive.share(figure("hi", 160, "at_least"), figure("all", 2000, "at_least"))
    assert share.value == pytest.approx(8.0)
    assert share.low == pytest.approx(160 / 3000 * 100)
    assert share.high == pytest.approx(170 / 2000 * 100)
    assert share.qualifier == "interval"


def test_per_unit_amount() -> None:
    loans = figure("loans", 12.7, scale=1e8, unit="yuan")
    per_firm = derive.per_unit(loans, figure("firms", 312))
    assert per_firm.value == pytest.approx(1_270_000_000 / 312)
    assert per_firm.base_unit == "yuan"
    assert per_firm.low == pytest.approx(1_265_000_000 / 312)  # 12.7 rounds from [12.65, 12.75]


def test_per_unit_of_a_lower_bound_is_a_lower_bound_in_its_interval() -> None:
    funding = figure("funding", 8500, "at_least", 10_000, "yuan")
    per_project = derive.per_unit(funding, figure("projects", 37))
    assert per_project.value == pytest.approx(85_000_000 / 37)
    assert per_project.high == pytest.approx(86_000_000 / 37)
    assert per_project.qualifier == "at_least"


def test_implied_earlier_value_and_its_rounding_interval() -> None:
    earlier = derive.implied_earlier(figure("experts", 68), figure("g", 6.15, unit="percent"))
    assert earlier.value == pytest.approx(64.0602920)
    assert earlier.low == pytest.approx(68 / 1.06155)
    assert earlier.high == pytest.approx(68 / 1.06145)
    assert earlier.working == "68 / (1 + 6.15 / 100) = 64.0603"


def test_whole_number_candidates_find_a_rate_none_reproduces() -> None:
    rows = derive.whole_number_candidates(figure("experts", 68), figure("g", 6.15, unit="percent"))
    assert [r["earlier"] for r in rows] == [62, 63, 64, 65, 66]
    assert [r["rate_printed_precision"] for r in rows] == [9.68, 7.94, 6.25, 4.62, 3.03]
    assert not any(r["reproduces"] for r in rows)


def test_whole_number_candidates_find_the_one_that_reproduces() -> None:
    rows = derive.whole_number_candidates(figure("talent", 15), figure("g", 36.36, unit="percent"))
    assert [r["earlier"] for r in rows if r["reproduces"]] == [11]


def test_earlier_share_from_a_percentage_point_change() -> None:
    before = derive.earlier_share(figure("share", 50.84), figure("change", 2.76))
    assert before.value == pytest.approx(48.08)
    assert before.low == pytest.approx(50.835 - 2.765)


def test_unknown_qualifier_is_refused() -> None:
    with pytest.raises(ValueError, match="qualifier is 'approximate'"):
        derive.bounds(figure("x", 5, "approximate"))


def test_division_by_zero_is_refused() -> None:
    with pytest.raises(ValueError, match="Cannot divide by zero_count"):
        derive.ratio(figure("a", 1), figure("zero_count", 0))


def test_a_computed_operand_is_bracketed_in_the_formula() -> None:
    rest = derive.remainder(figure("total", 1020), [figure("national", 7), figure("prov", 92)])
    share = derive.share(rest, figure("total", 1020))
    assert share.formula == "(total − (national + prov)) / total × 100"
    assert share.value == pytest.approx(921 / 1020 * 100)


def test_a_table_shows_derived_values_to_the_precision_of_their_inputs() -> None:
    funding = figure("provincial_funding", 8500, "at_least", scale=10_000, unit="yuan")
    projects = figure("projects_provincial", 37)
    growth = figure("growth", 75.2, unit="percent")
    per_project = derive.per_unit(funding, projects)
    earlier = derive.implied_earlier(figure("subsidy", 476.6, scale=10_000, unit="yuan"), growth)
    table = derive.table([derive.quantity(growth), per_project, earlier])
    assert list(table.columns) == list(derive.DISPLAY_COLUMNS)
    assert table["value"].tolist() == [75.2, 2_297_000, 2_720_000]
    # a printed figure keeps its digits; a lower bound is rounded down, never up to 2,300,000
    assert table["low"].tolist()[:2] == [75.15, 2_297_000]
    assert table["working"].tolist() == [
        "75.2",
        "85,000,000 / 37 ≈ 2,297,000",
        "4,766,000 / (1 + 75.2 / 100) ≈ 2,720,000",
    ]
    increase = derive.remainder(figure("subsidy", 476.6, scale=10_000, unit="yuan"), [earlier])
    assert derive.table([increase])["working"][0] == "4,766,000 − (≈2,720,000) ≈ 2,046,000"
