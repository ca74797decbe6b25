"""Exercises of notebooks/02_rd_projects.ipynb (section （二）, point 一 of the release)."""

from __future__ import annotations

from helpers.exercises._data import YI, base, interval, value
from helpers.exercises.spec import N_, ChartExercise, ChoiceExercise, NumberExercise


def _equity_yi() -> tuple[float, float, float]:
    low, high = interval("equity_investment")
    return base("equity_investment") / YI, low / YI, high / YI


EXERCISES = [
    NumberExercise(
        "rd_projects.equity_yi",
        variable="equity_yi",
        hint=N_("how many 万元 make one 亿元?"),
        level="easy",
        minutes=5,
        kinds=("transfer",),
        practises=N_("converting between 万元, 亿元 and yuan, on an amount of notebook 05"),
        wrong_answers=N_(
            "1500: not converted. 1.5 (divided by 1,000) or 0.015 (by 100,000): 1亿 = 10,000万 "
            "is not yet secure."
        ),
        compute=_equity_yi,
        unit_mistakes={
            N_("That is the amount still in 万元: the task asks for 亿元."): lambda: value(
                "equity_investment"
            ),
            N_("That is the amount in yuan: the task asks for 亿元."): lambda: base(
                "equity_investment"
            ),
        },
        mistakes={
            N_("That divides by 1,000: one 亿元 is 10,000 万元."): lambda: (
                value("equity_investment") / 1_000
            ),
            N_("That divides by 100,000: one 亿元 is 10,000 万元, not 100,000."): lambda: (
                value("equity_investment") / 100_000
            ),
        },
        unit="亿元",
    ),
    ChartExercise(
        "rd_projects.counts_fig",
        variable="counts_fig",
        hint=N_(
            "each bar should say which count it is and which year it is of; the axis, what "
            "is counted and in what unit; the chart, a title"
        ),
        level="medium",
        minutes=15,
        kinds=("plotting",),
        practises=N_("a labelled bar chart in plain matplotlib, with a unit on the value axis"),
        wrong_answers=N_(
            "No y label ('how many of what?'); bars labelled 0, 1, 2; the proposals for 2025 "
            "drawn as if they were 2024 projects."
        ),
        rows=lambda: [
            (("provincial", "省"), value("projects_provincial"), False),
            (("proposal", "2025", "建议", "指南"), value("guideline_proposals_2025"), False),
            (("all", "total", "municipal", "市级", "全部", "各类"), value("projects_total"), False),
        ],
        units=("project", "proposal", "项"),
        years=True,
        row_years=("2024", "2025", "2024"),
    ),
    ChoiceExercise(
        "rd_projects.funding_reading",
        variable="funding_choice",
        hint=N_(
            "a lower bound divided by a count is still a bound; and who received the money,"
            " does the release say?"
        ),
        level="hard",
        minutes=10,
        kinds=("critical", "transfer"),
        practises=N_("saying what a lower bound divided by a count does and does not allow"),
        wrong_answers=N_(
            "a: an average read as every project's amount. b: 余 read as an upper limit. "
            "d: a lower bound read as exact."
        ),
        right="c",
        wrong={
            "a": N_("An average says nothing about each project: some may have received far less."),
            "b": N_("余 makes 8500万元 a lower bound: the average can only be higher, not lower."),
            "d": N_("余 makes 8500万元 a lower bound: the average is not known to the last digit."),
        },
    ),
]
