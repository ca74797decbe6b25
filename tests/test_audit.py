"""helpers.audit: each check passes on consistent figures and fails on inconsistent ones."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from helpers import audit, derive
from helpers.facts import UNITS


def figure(id: str, value: float, unit: str = "家", qualifier: str = "exact", **extra):
    base_unit, factor = UNITS[unit]
    return SimpleNamespace(id=id, value=value, unit=unit, value_base=value * factor,
                           base_unit=base_unit, qualifier=qualifier, **extra)


def test_parts_within_total_pass_and_fail() -> None:
    total = figure("incubators_total", 58)
    parts = [figure("a", 3), figure("b", 4), figure("c", 2), figure("d", 9)]
    ok = audit.check_parts_within_total(total, parts)
    assert ok.verdict == "pass"
    assert ok.found == "3 + 4 + 2 + 9 = 18 against a total of 58"
    assert ok.note == "Remainder not listed: 40."
    bad = audit.check_parts_within_total(figure("t", 10), [figure("a", 8), figure("b", 5)])
    assert bad.verdict == "fail"


def test_parts_that_may_overlap_are_a_caution() -> None:
    check = audit.check_parts_within_total(
        figure("incubated", 2000, qualifier="at_least"),
        [figure("tech", 850), figure("hightech", 160, qualifier="at_least")],
        overlap_possible=True,
    )
    assert check.verdict == "caution"
    assert check.note.startswith("Remainder not listed: 990 (between 980 and 1,990).")


def test_growth_of_a_count_pass_and_fail() -> None:
    talent = audit.check_growth(figure("talent", 15, "人"),
                                figure("g", 36.36, "%", compared_with=2023))
    assert talent.verdict == "pass"
    assert talent.note.startswith("11 人 in 2023 reproduces the printed rate.")
    experts = audit.check_growth(figure("experts", 68, "人"),
                                 figure("g", 6.15, "%", compared_with=2023))
    assert experts.verdict == "fail"
    assert "64 gives 6.25%" in experts.note
    assert experts.found == "implied 2023: 64.0603 人 (between 64.0573 人 and 64.0633 人)"


def test_growth_of_an_amount_uses_its_printed_precision() -> None:
    subsidy = audit.check_growth(figure("subsidy", 476.6, "万元"),
                                 figure("g", 75.2, "%", compared_with=2023))
    assert subsidy.verdict == "pass"
    assert subsidy.note == "272 万元 in 2023 reproduces the printed rate."
    odd = audit.check_growth(figure("x", 10, "万元"), figure("g", 37.0, "%", compared_with=2023))
    assert odd.verdict == "fail"  # 10 / 1.37 = 7.299 (7.2964 to 7.3017): no whole 万元


def test_share_change_and_a_first_time_claim() -> None:
    share, change = figure("share", 50.84, "%"), figure("change", 2.76, "个百分点")
    assert audit.check_share_change(share, change, threshold=50).verdict == "caution"
    small_rise = figure("c", 0.5, "个百分点")
    claim_broken = audit.check_share_change(figure("share", 51.0, "%"), small_rise, threshold=50)
    assert claim_broken.verdict == "fail"  # 50.5% a year earlier: not the first time above 50%
    assert audit.check_share_change(share, change).verdict == "pass"
    assert audit.check_share_change(figure("s", 1.0, "%"), change).verdict == "fail"


def test_lower_bound_interval() -> None:
    check = audit.check_lower_bound(figure("funding", 8500, "万元", "at_least"), ["per project"])
    assert check.verdict == "caution"
    assert check.found == "between 8,500 and 8,600 万元 (upper end excluded)"
    assert check.note.endswith("Derived values that inherit the bound: per project.")
    assert audit.check_lower_bound(figure("n", 58)).verdict == "fail"


def test_units() -> None:
    assert audit.check_unit(figure("loans", 12.7, "亿元"), UNITS).verdict == "pass"
    wrong = SimpleNamespace(id="loans", value=12.7, unit="亿元", value_base=12.7e4,
                            base_unit="yuan", qualifier="exact")
    check = audit.check_unit(wrong, UNITS)
    assert check.verdict == "fail" and check.note == "Expected 1,270,000,000 yuan."


def test_magnitude_pass_and_fail() -> None:
    per_firm = derive.per_unit(figure("loans", 12.7, "亿元"), figure("firms", 312))
    assert audit.check_magnitude(per_firm, 1e5, 1e8, "why", "per firm").verdict == "pass"
    assert audit.check_magnitude(per_firm, 1e3, 1e5, "why", "per firm").verdict == "fail"


def test_not_more_than_pass_and_fail() -> None:
    filed, loans = figure("filed", 8.3, "亿元"), figure("loans", 12.7, "亿元")
    assert audit.check_not_more_than(filed, loans, "why").verdict == "pass"
    assert audit.check_not_more_than(loans, filed, "why").verdict == "fail"


@pytest.fixture(scope="module")
def table():
    return audit.audit_table()


def test_audit_of_the_release(table) -> None:
    assert list(table.columns) == list(audit.COLUMNS)
    assert table["verdict"].value_counts().to_dict() == {"pass": 22, "caution": 16, "fail": 1}
    failed = table.loc[table["verdict"] == "fail", "check"].tolist()
    assert failed == ["growth of foreign_experts"]
    assert table["check"].is_unique


def test_audit_covers_every_relation_and_lower_bound(table) -> None:
    import helpers

    facts = helpers.load_facts()
    covered = " ".join(table["figures"]).split()
    for id_ in facts.loc[facts["parent_id"].notna() | facts["growth_of"].notna(), "id"]:
        assert id_ in covered
    bounds = table.loc[table["kind"] == "lower_bound", "figures"].tolist()
    assert bounds == facts.loc[facts["qualifier"] == "at_least", "id"].tolist()


def test_verdict_for_a_claim_is_the_worst_of_its_checks(table) -> None:
    assert audit.verdict_for(["foreign_experts"], table) == "fail"
    assert audit.verdict_for(["incubators_total"], table) == "pass"
    assert audit.verdict_for(["incubated_firms"], table) == "caution"
    assert audit.verdict_for(["hightech_output_share_rank"], table) == "not checkable"
