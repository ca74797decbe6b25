"""Extra checks of the comparisons that helpers/exercises/rd_projects.py defines for itself."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from helpers.exercises import bar_heights  # noqa: E402
from helpers.exercises.rd_projects import close_interval  # noqa: E402


def test_close_interval_wants_two_numbers_in_order() -> None:
    compare = close_interval()
    assert compare((100.0, 200.0), (100.0, 200.0)) is None
    assert compare([100.01, 199.99], (100.0, 200.0)) is None
    assert compare((200.0, 100.0), (100.0, 200.0)) == "the lower end: 200 is too high"
    assert compare((100.0,), (100.0, 200.0)) == "expected two numbers, (low, high)"
    assert compare("ab", (100.0, 200.0)) == "expected two numbers, (low, high)"
    assert compare(150.0, (100.0, 200.0)) == "expected two numbers, (low, high)"


def test_bar_heights_accepts_a_left_title_and_wants_one() -> None:
    compare = bar_heights()
    fig, ax = plt.subplots()
    ax.barh([0, 1], [78, 37])
    assert compare(fig, [78, 37]) == "the chart has no title"
    ax.set_title("Projects by level", loc="left")
    assert compare(fig, [78, 37]) is None
    assert compare(ax, [78, 36]) == "the bars have different lengths from the figures"
    plt.close(fig)


def test_funding_bounds_rounded_as_shown_pass_and_wan_is_named() -> None:
    from helpers import exercises

    check = "rd_projects.funding_per_project_bounds"
    assert exercises.evaluate(check, (2_300_000, 2_320_000)).passed is True
    assert exercises.evaluate(check, (85_000_000 / 37, 86_000_000 / 37)).passed is True
    in_wan = exercises.evaluate(check, (8500 / 37, 8600 / 37))
    assert in_wan.passed is False and "万元" in in_wan.message
    assert exercises.evaluate(check, (2_000_000, 2_320_000)).passed is False
