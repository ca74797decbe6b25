"""The talent exercises (notebooks/04_talent.ipynb): the expected answers say what the notebook
teaches, and the chart check accepts the project's left-aligned titles but not a missing one."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from helpers import exercises  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_only_high_level_talent_has_a_whole_number_that_reproduces_its_rate() -> None:
    expected = exercises.get("talent.reproducing_whole_numbers").expected()
    assert expected == {"foreign_experts": [], "high_level_talent": [11]}


def test_the_implied_2023_high_level_talent_is_eleven_within_rounding() -> None:
    expected = exercises.get("talent.high_level_talent_2023").expected()
    assert expected.low < 11 < expected.high
    assert expected.value == pytest.approx(11.0003, abs=1e-4)


def test_eleven_and_the_unrounded_value_pass_and_the_usual_slips_are_named() -> None:
    check = "talent.high_level_talent_2023"
    assert exercises.evaluate(check, 11).passed is True
    assert exercises.evaluate(check, 11.0003).passed is True
    assert exercises.evaluate(check, 12).passed is False
    subtracted = exercises.evaluate(check, 15 * (1 - 36.36 / 100))
    assert subtracted.passed is False and "rate taken off the 2024 count" in subtracted.message


def _bars(heights: list[float], title: str | None, loc: str = "left"):
    fig, ax = plt.subplots()
    ax.barh(range(len(heights)), heights, height=0.6)
    if title is not None:
        ax.set_title(title, loc=loc)
    return fig


def test_the_chart_check_reads_a_title_at_any_location() -> None:
    heights = exercises.get("talent.candidate_rates_chart").expected()
    for loc in ("left", "center", "right"):
        assert exercises.evaluate("talent.candidate_rates_chart", _bars(heights, "t", loc)).passed


def test_the_chart_check_rejects_no_title_and_wrong_bars() -> None:
    heights = exercises.get("talent.candidate_rates_chart").expected()
    untitled = exercises.evaluate("talent.candidate_rates_chart", _bars(heights, None))
    assert untitled.passed is False and "no title" in untitled.message
    wrong = exercises.evaluate("talent.candidate_rates_chart", _bars(heights[:-1] + [1.0], "t"))
    assert wrong.passed is False and "different lengths" in wrong.message
