"""helpers.audit: each check is consistent on agreeing figures and inconsistent on disagreeing
ones; verdicts use the audit's four words only; self-checks stay apart from the release audit."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from helpers import audit
from helpers.facts import UNITS


def figure(id: str, value: float, unit: str = "家", qualifier: str = "exact", **extra):
    base_unit, factor = UNITS[unit]
    return SimpleNamespace(
        id=id,
        value=value,
        unit=unit,
        value_base=value * factor,
        base_unit=base_unit,
        qualifier=qualifier,
        **extra,
    )


def test_parts_within_total_consistent_and_inconsistent() -> None:
    total = figure("incubators_total", 58)
    parts = [figure("a", 3), figure("b", 4), figure("c", 2), figure("d", 9)]
    ok = audit.check_parts_within_total(total, parts)
    assert ok.verdict == "consistent" and ok.scope == "release"
    assert ok.found == "3 + 4 + 2 + 9 = 18 against a total of 58"
    assert ok.compared == "the 4 listed parts (3 + 4 + 2 + 9) against the total of 58家"
    assert ok.note == "Not listed: 40."
    bad = audit.check_parts_within_total(figure("t", 10), [figure("a", 8), figure("b", 5)])
    assert bad.verdict == "inconsistent"


def test_parts_with_a_lower_bound_are_a_bound() -> None:
    check = audit.check_parts_within_total(
        figure("incubated", 2000, qualifier="at_least"),
        [figure("tech", 850), figure("hightech", 160, qualifier="at_least")],
        overlap_possible=True,
    )
    assert check.verdict == "bound"
    assert check.note.startswith("Not listed: between 980 and 1,990 (余 is involved")
    assert "overlap" in check.note
    rounded = audit.check_parts_within_total(figure("t", 12.7, "亿元"), [figure("p", 8.3, "亿元")])
    assert rounded.verdict == "consistent"
    assert rounded.note == "Not listed: between 4.3 and 4.5 (the printed figures are rounded)."
    too_many = audit.check_parts_within_total(
        figure("incubated", 2000, qualifier="at_least"), [figure("tech", 3100)]
    )
    assert too_many.verdict == "inconsistent"  # 3100 is more than 2000余 can be


def test_growth_of_a_count_consistent_and_inconsistent() -> None:
    talent = audit.check_growth(
        figure("talent", 15, "人"), figure("g", 36.36, "%", compared_with=2023)
    )
    assert talent.verdict == "consistent"
    assert talent.note == "2023 counts from 10.9998 to 11.0007 fit 36.36%: 11 人."
    experts = audit.check_growth(
        figure("experts", 68, "人", period="2024"), figure("g", 6.15, "%", compared_with=2023)
    )
    assert experts.verdict == "inconsistent"
    assert experts.compared == "2024 count 68人 and growth 6.15% against each other"
    assert experts.found == "2023 count from 64.057 to 64.064 人"
    assert "no whole number does" in experts.note and "64 gives 6.25%" in experts.note


def test_growth_of_an_amount_cannot_be_checked_and_gives_the_fitting_range() -> None:
    funds = audit.check_growth(
        figure("funds", 1.5, "亿元"), figure("g", 25.4, "%", compared_with=2023)
    )
    assert funds.verdict == "cannot be checked"
    assert funds.note.startswith("2023 amounts from about 1.155 to 1.237亿元 fit 25.4%.")
    assert "reproduces" not in funds.note
    subsidy = audit.check_growth(
        figure("subsidy", 476.6, "万元"), figure("g", 75.2, "%", compared_with=2023)
    )
    assert subsidy.note.startswith("2023 amounts from about 271.9 to 272.2万元 fit 75.2%.")


def test_share_change_and_a_first_time_claim() -> None:
    share, change = figure("share", 50.84, "%"), figure("change", 2.76, "个百分点")
    held = audit.check_share_change(share, change, threshold=50)
    assert held.verdict == "consistent"
    assert held.compared == (
        "share 50.84% and its rise of 2.76 points against 'first time above 50%'"
    )
    small_rise = figure("c", 0.5, "个百分点")
    claim_broken = audit.check_share_change(figure("share", 51.0, "%"), small_rise, threshold=50)
    assert claim_broken.verdict == "inconsistent"  # 50.5% a year earlier: not the first time
    assert audit.check_share_change(share, change).verdict == "consistent"
    assert audit.check_share_change(figure("s", 1.0, "%"), change).verdict == "inconsistent"


def test_lower_bound_interval() -> None:
    check = audit.check_lower_bound(figure("funding", 8500, "万元", "at_least"), ["per project"])
    assert check.verdict == "bound"
    assert check.found == "at least 8,500, less than 8,600 万元"
    assert check.compared == "'8,500余万元' against the usual reading of 余"
    assert check.note.endswith("Checks that inherit the bound: per project.")
    with pytest.raises(ValueError, match="n is not a lower bound"):
        audit.check_lower_bound(figure("n", 58))


def test_units_are_a_self_check() -> None:
    ok = audit.check_unit(figure("loans", 12.7, "亿元"), UNITS)
    assert ok.verdict == "consistent" and ok.scope == "self-check"
    wrong = SimpleNamespace(
        id="loans", value=12.7, unit="亿元", value_base=12.7e4, base_unit="yuan", qualifier="exact"
    )
    check = audit.check_unit(wrong, UNITS)
    assert check.verdict == "inconsistent" and check.note == "Expected 1,270,000,000 yuan."


def test_a_link_the_release_does_not_state_cannot_be_checked() -> None:
    filed, loans = figure("filed", 8.3, "亿元"), figure("loans", 12.7, "亿元")
    unstated = audit.check_not_more_than(filed, loans, "that filed is part of loans")
    assert unstated.verdict == "cannot be checked"
    assert unstated.note == (
        "The release does not say that filed is part of loans; on that"
        " reading, 8.3亿元 is about 65% of 12.7亿元."
    )
    reversed_ = audit.check_not_more_than(loans, filed, "that loans are part of filed")
    assert reversed_.verdict == "cannot be checked" and "cannot be" in reversed_.note
    assert audit.check_not_more_than(filed, loans, "why", stated=True).verdict == "consistent"
    assert audit.check_not_more_than(loans, filed, "why", stated=True).verdict == "inconsistent"


def test_the_share_of_a_lower_bound_is_at_least() -> None:
    # 8500余万元 of 1.5亿元 is at least about 57%, not "about 57%": the part may be larger
    funding = figure("funding", 8500, "万元", qualifier="at_least")
    funds = figure("funds", 1.5, "亿元")
    check = audit.check_not_more_than(funding, funds, "that funding is part of funds", link_zh="x")
    assert check.note.endswith("8,500余万元 is at least about 57% of 1.5亿元.")
    assert check.note_zh.endswith("8500余万元至少约占1.5亿元的57%。")
    assert check.found_zh.endswith("至少约占57%")


@pytest.fixture(scope="module")
def table():
    return audit.audit_table()


def test_audit_of_the_release(table) -> None:
    assert list(table.columns) == list(audit.COLUMNS)
    assert set(table["verdict"]) <= set(audit.VERDICTS)
    counts = table.groupby(["scope", "verdict"]).size().to_dict()
    assert counts == {
        ("release", "bound"): 15,
        ("release", "cannot be checked"): 5,
        ("release", "consistent"): 5,
        ("release", "inconsistent"): 1,
        ("self-check", "consistent"): 10,
    }
    inconsistent = table.loc[table["verdict"] == "inconsistent", ["check", "figures"]]
    assert inconsistent.values.tolist() == [
        ["growth of foreign_experts", "foreign_experts foreign_experts_growth"]
    ]
    assert table["check"].is_unique
    assert table["compared"].str.contains(" against ").all()
    assert not table["note"].str.contains("reproduces").any()


def test_audit_covers_every_relation_and_lower_bound(table) -> None:
    import helpers

    facts = helpers.load_facts()
    covered = " ".join(table["figures"]).split()
    for id_ in facts.loc[facts["parent_id"].notna() | facts["growth_of"].notna(), "id"]:
        assert id_ in covered
    bounds = table.loc[table["kind"] == "lower_bound", "figures"].tolist()
    assert bounds == facts.loc[facts["qualifier"] == "at_least", "id"].tolist()
    assert set(table.loc[table["scope"] == "self-check", "kind"]) == {"units"}


def test_verdict_for_a_claim_is_the_worst_of_its_release_checks(table) -> None:
    assert audit.verdict_for(["foreign_experts"], table) == "inconsistent"
    assert audit.verdict_for(["incubators_total"], table) == "consistent"
    assert audit.verdict_for(["incubated_firms"], table) == "bound"
    assert audit.verdict_for(["provincial_funds"], table) == "cannot be checked"
    assert audit.verdict_for(["hightech_output_share_rank"], table) == "cannot be checked"
    assert audit.verdict_for(["equipment_value"], table) == "cannot be checked"  # self-check only


def test_each_text_column_has_its_chinese_from_the_same_numbers() -> None:
    parts = audit.check_parts_within_total(
        figure("incubated", 2000, qualifier="at_least"),
        [figure("tech", 850), figure("hightech", 160, qualifier="at_least")],
        overlap_possible=True,
    )
    assert parts.compared_zh == "所列2个分项（850 + ≥160）与合计2000余家比较"
    assert parts.found_zh == "850 + ≥160 = 1010，合计≥2000"  # no thousands separators
    assert parts.note_zh.startswith("未列出的部分：980～1990（")
    experts = audit.check_growth(
        figure("experts", 68, "人", period="2024"), figure("g", 6.15, "%", compared_with=2023)
    )
    assert experts.compared_zh == "2024年数量68人与增长6.15%相互核对"
    assert experts.found_zh == "2023年数量在64.057～64.064人之间"
    assert "64人对应6.25%" in experts.note_zh and experts.note_zh.endswith("不用增长率。")
    bound = audit.check_lower_bound(figure("pool", 220, qualifier="at_least"))
    assert bound.found_zh == "不少于220家，少于230家"
    assert bound.note_zh == "引用时写作“220余家”，即多于220家。按“余”的通常读法，实际数少于230家。"


def test_the_chinese_of_an_english_text_is_one() -> None:
    from helpers import tables

    table = audit.audit_table()
    row = table.set_index("check").loc["growth of foreign_experts"]
    # what a zh kernel shows for a table that selects the English column (from audit.csv)
    assert (
        tables.translate_text(row["found"]) == row["found_zh"] == "2023年数量在64.057～64.064人之间"
    )
    for column in audit.TEXT_COLUMNS:  # the same English never has two Chinese texts
        pairs = table[[column, column + audit.ZH_SUFFIX]].drop_duplicates()
        assert not pairs[column].duplicated().any(), column
