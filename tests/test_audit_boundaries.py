"""helpers.audit at its boundaries: parts that add up to exactly their total are consistent.

"Of which" parts may use up the whole total (the release lists every level of a pyramid); only
parts that add up to MORE than the total are inconsistent. The other tests of the audit have
parts well below or well above their total, so a `>` turned into `>=` would pass them; these
pin the edge, for exact counts, for a rounded printed total and for lower bounds.
"""

from __future__ import annotations

from helpers import audit
from tests.test_audit import figure


def test_parts_adding_up_exactly_to_the_total_are_consistent() -> None:
    check = audit.check_parts_within_total(
        figure("incubators_total", 18),
        [figure("a", 3), figure("b", 4), figure("c", 2), figure("d", 9)],
    )
    assert check.verdict == "consistent"
    assert check.found == "3 + 4 + 2 + 9 = 18 against a total of 18"
    assert check.note == "Not listed: 0."


def test_one_more_than_the_total_is_inconsistent() -> None:
    check = audit.check_parts_within_total(figure("t", 18), [figure("a", 10), figure("b", 9)])
    assert check.verdict == "inconsistent"


def test_rounded_parts_within_the_rounding_of_the_total_are_consistent() -> None:
    # 12.7 亿元 may be as much as 12.75; parts printed 8.3 and 4.45 may be as little as 12.695
    total = figure("t", 12.7, "亿元")
    check = audit.check_parts_within_total(
        total, [figure("p", 8.3, "亿元"), figure("q", 4.45, "亿元")]
    )
    assert check.verdict == "consistent"
    over = audit.check_parts_within_total(
        total, [figure("p", 8.3, "亿元"), figure("q", 4.6, "亿元")]
    )
    assert over.verdict == "inconsistent"


def test_a_part_equal_to_a_lower_bound_total_is_a_bound() -> None:
    # 2000余 is at least 2000: a part of exactly 2000 still fits
    check = audit.check_parts_within_total(
        figure("incubated", 2000, qualifier="at_least"), [figure("tech", 2000)]
    )
    assert check.verdict == "bound"
