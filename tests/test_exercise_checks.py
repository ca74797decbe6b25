"""Each exercise's check against the wrong answers a teacher sees most (issue 14): every one fails
with a message that names the mistake, and answers the data allow in another unit pass with a
note saying which unit was meant. The plotting checks fail a chart with no title, no unit on the
value axis, or lower bounds drawn like exact figures.

tests/test_exercises.py runs the solutions; the wrong answers here are those the teacher notes
(helpers/exercises/*.py) describe.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from helpers import exercises  # noqa: E402

# id -> [(a typical wrong answer, words the message must contain)]: at least two each
WRONG: dict[str, list[tuple[object, str]]] = {
    "enterprises.lower_bound_count": [
        (16, "not the expected answer"),
        (15, "not the expected answer"),
    ],
    "enterprises.patents_per_talent_low": [(13, "as if exact"), (14, "too high")],
    "rd_projects.equity_in_yi": [(1.5, "divided by 1,000"), (0.015, "divided by 100,000")],
    "rd_projects.funding_reading": [
        ("a", "drops 余"),
        ("b", "only true if all the funding"),
        ("D", "not projects"),
    ],
    "platforms.benefit_reading": [
        ("a", "return on investment"),
        ("c", "not profit"),
        ("d", "not growth"),
    ],
    "platforms.equipment_per_platform_wan": [
        (1080e6 / 99 / 1e4, "99 national and provincial"),
        (10.8 / 1020, "no conversion to 万元"),
    ],
    "talent.subsidy_2023_wan": [
        (476.6 * (1 - 0.752), "rate taken off the 2024 amount"),
        (476.6 * 1.752, "grown once more"),
    ],
    "talent.inconsistent_figure": [
        ("high_level_talent_growth", "consistent"),
        ("foreign_experts", "the pair that does not fit"),
    ],
    "talent.reproducing_whole_numbers": [
        ({"foreign_experts": [64], "high_level_talent": [11]}, "not the expected answer"),
        ({"foreign_experts": [], "high_level_talent": []}, "not the expected answer"),
    ],
    "finance.provincial_funds_increase_wan": [
        (15_000 * 25.4 / 100, "rate is of the 2023 amount"),
        (5_000, "too high"),
    ],
    "finance.filed_share_reading": [("a", "asserts a link"), ("b", "upper limit")],
    "audit.not_exact": [
        ("incubated_tech_firms", "one exact figure"),
        ("incubators_total", "58 is exact"),
    ],
    "audit.subsidy_firms_verdict": [("consistent", "assumed link"), ("bound", "exact counts")],
    "context.gap_yantai_2021": [(-15.68, "too low"), (100.88, "too high")],
    "context.break_even_yantai": [(3.51, "too low"), (0.0641, "too low")],
    "context.heze_sixth": [("a", "below the provincial"), ("c", "ranks the share itself")],
}
CHARTS = {
    "enterprises.pools_chart",
    "rd_projects.counts_chart",
    "platforms.tech_market_chart",
    "talent.candidate_rates_chart",
    "finance.amounts_2024_chart",
}
TABLES = {"finance.amounts_in_yuan"}  # its wrong tables: tests/test_exercises_finance.py


def test_every_exercise_has_typical_wrong_answers_here() -> None:
    assert set(exercises.registry()) == set(WRONG) | CHARTS | TABLES


@pytest.mark.parametrize("id_", sorted(WRONG))
def test_typical_wrong_answers_fail_and_name_the_mistake(id_: str) -> None:
    assert len(WRONG[id_]) >= 2
    for answer, words in WRONG[id_]:
        result = exercises.evaluate(id_, answer)
        assert result.passed is False, (id_, answer)
        assert words in result.message, (id_, answer, result.message)


@pytest.mark.parametrize(
    ("id_", "answer", "unit"),
    [
        ("rd_projects.equity_in_yi", 1_500, "万元"),
        ("rd_projects.equity_in_yi", 15_000_000, "yuan"),
        ("talent.subsidy_2023_wan", 2_720_320, "yuan"),
        ("platforms.equipment_per_platform_wan", 1_058_824, "yuan"),
    ],
)
def test_an_equivalent_unit_passes_and_says_which_was_meant(
    id_: str, answer: float, unit: str
) -> None:
    result = exercises.evaluate(id_, answer)
    assert result.passed is True and f"read as {unit}; the task meant" in result.message


def test_every_answer_the_rounding_allows_passes() -> None:
    for answer in (105.4, 105.9, 106.3):  # 10.8亿元 over 1,020 platforms, in 万元
        assert exercises.evaluate("platforms.equipment_per_platform_wan", answer).passed
    for answer in (271.93, 272, 272.13):  # 476.6万元 and 75.2%, both rounded
        assert exercises.evaluate("talent.subsidy_2023_wan", answer).passed
    assert exercises.evaluate("platforms.equipment_per_platform_wan", 104).passed is False


def test_a_choice_must_be_one_of_the_options() -> None:
    assert (
        "not one of the options" in exercises.evaluate("finance.filed_share_reading", "e").message
    )
    assert "as a string" in exercises.evaluate("finance.filed_share_reading", 3).message
    assert exercises.evaluate("finance.filed_share_reading", " C ").passed is True


def test_a_verdict_may_be_answered_in_the_glossary_chinese() -> None:
    # the Chinese edition shows the verdicts as 一致, 不一致, 下限, 无法核查 (data/glossary.csv)
    assert exercises.evaluate("audit.subsidy_firms_verdict", "无法核查").passed is True
    assert exercises.evaluate("audit.subsidy_firms_verdict", "cannot be checked").passed is True
    wrong = exercises.evaluate("audit.subsidy_firms_verdict", "下限")
    assert wrong.passed is False and "neither figure is written with 余" in wrong.message
    assert (
        "not one of the options"
        in exercises.evaluate("audit.subsidy_firms_verdict", "界限").message
    )


# --- the plotting checks --------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _chart(
    id_: str,
    *,
    title: str | None = "A title",
    label: str | None = None,
    mark_bounds: bool = True,
    horizontal: bool = True,
    scale: float = 1.0,
):
    """The chart a learner would draw for `id_`, with one thing changed."""
    expected = exercises.get(id_).expected()
    fig, ax = plt.subplots()
    values = [v * scale for v, _ in expected]
    names = [f"bar {i}" for i in range(len(values))]
    draw = ax.barh if horizontal else ax.bar
    bars = draw(names, values)
    if mark_bounds:
        for bar, (_, is_bound) in zip(bars, expected, strict=True):
            if is_bound:
                bar.set_hatch("//")
    if title:
        ax.set_title(title)
    unit = {
        "enterprises.pools_chart": "Firms (家)",
        "rd_projects.counts_chart": "Projects (项)",
        "platforms.tech_market_chart": "Items (项)",
        "talent.candidate_rates_chart": "Rate (%)",
        "finance.amounts_2024_chart": "Amount (亿元)",
    }[id_]
    text = unit if label is None else label
    (ax.set_xlabel if horizontal else ax.set_ylabel)(text)
    return fig


@pytest.mark.parametrize("id_", sorted(CHARTS))
def test_a_right_chart_passes_either_way_round(id_: str) -> None:
    assert exercises.evaluate(id_, _chart(id_)).passed is True
    assert exercises.evaluate(id_, _chart(id_, horizontal=False)).passed is True
    assert exercises.evaluate(id_, _chart(id_).axes[0]).passed is True


@pytest.mark.parametrize("id_", sorted(CHARTS))
def test_a_chart_with_no_title_or_no_unit_fails(id_: str) -> None:
    untitled = exercises.evaluate(id_, _chart(id_, title=None))
    assert untitled.passed is False and "no title" in untitled.message
    unlabelled = exercises.evaluate(id_, _chart(id_, label=""))
    assert unlabelled.passed is False and "no label" in unlabelled.message
    no_unit = exercises.evaluate(id_, _chart(id_, label="Values"))
    assert no_unit.passed is False and "gives no unit" in no_unit.message


@pytest.mark.parametrize("id_", ["enterprises.pools_chart", "platforms.tech_market_chart"])
def test_lower_bounds_drawn_like_exact_figures_fail(id_: str) -> None:
    result = exercises.evaluate(id_, _chart(id_, mark_bounds=False))
    assert result.passed is False and "lower bounds (余)" in result.message
    fig = _chart(id_, mark_bounds=False)
    fig.axes[0].set_yticks(
        range(len(fig.axes[0].patches)), [f"more than {i}" for i in range(len(fig.axes[0].patches))]
    )
    assert exercises.evaluate(id_, fig).passed is True  # said in the labels instead


def test_a_chart_of_the_wrong_data_or_not_a_bar_chart_fails() -> None:
    scaled = exercises.evaluate(
        "finance.amounts_2024_chart", _chart("finance.amounts_2024_chart", scale=1e8)
    )
    assert scaled.passed is False and "different lengths" in scaled.message
    fig, ax = plt.subplots()
    ax.plot([1, 2], [3, 4])
    ax.set_title("A line")
    line = exercises.evaluate("rd_projects.counts_chart", fig)
    assert line.passed is False and "no bars" in line.message
    assert "expected a matplotlib" in exercises.evaluate("rd_projects.counts_chart", 3).message


def test_a_seaborn_bar_chart_passes() -> None:
    import pandas as pd
    import seaborn as sns

    expected = exercises.get("rd_projects.counts_chart").expected()
    data = pd.DataFrame({"what": ["a", "b", "c"], "n": [v for v, _ in expected]})
    ax = sns.barplot(data=data, x="what", y="n")
    ax.set(title="Projects", ylabel="Projects (项)")
    assert exercises.evaluate("rd_projects.counts_chart", ax.figure).passed is True
