"""Exercises of notebooks/01_enterprises.ipynb (section （一） of the release)."""

from __future__ import annotations

import math

from helpers.exercises._data import derive, fact, load_facts, value
from helpers.exercises.spec import N_, ChartExercise, NumberExercise


def _bound_count() -> tuple[float, float, float]:
    facts = load_facts()
    n = float(((facts["section"] == "enterprises") & (facts["qualifier"] == "at_least")).sum())
    return n, n, n


def _section_rows() -> float:
    return float((load_facts()["section"] == "enterprises").sum())


def _release_bounds() -> float:
    return float((load_facts()["qualifier"] == "at_least").sum())


def _patents_low() -> tuple[float, float, float]:
    """The lowest ratio: 1300 over fewer than 200 talents. 1300 / 200 (the bound the interval
    never reaches) and 1300 / 199 (the most whole talents 100余 allows) are both defensible, so
    both ends are accepted."""
    low = derive.ratio(fact("incubator_patents"), fact("incubator_talent")).low
    _talent_low, talent_high = derive.bounds(fact("incubator_talent"))
    whole = value("incubator_patents") / (math.ceil(float(talent_high)) - 1)
    return low, low, max(low, whole)


def _patents_high() -> float:
    return derive.ratio(fact("incubator_patents"), fact("incubator_talent")).high


EXERCISES = [
    NumberExercise(
        "enterprises.bound_count",
        variable="bound_count",
        hint=N_(
            "a row counts only if it meets both conditions of the task at once: which "
            "columns say the section and whether a figure is a bound?"
        ),
        level="easy",
        minutes=5,
        kinds=("pandas",),
        practises=N_("filtering a DataFrame on two conditions and counting the rows"),
        wrong_answers=N_(
            "16: every row of the section (the qualifier filter was dropped). 13: every lower "
            "bound of the release (the section filter was dropped)."
        ),
        compute=_bound_count,
        mistakes={
            N_(
                "That is every row of the section: keep only the rows whose qualifier is "
                "'at_least'."
            ): _section_rows,
            N_(
                "That counts the lower bounds of the whole release: keep only the section "
                "'enterprises'."
            ): _release_bounds,
        },
    ),
    ChartExercise(
        "enterprises.pools_fig",
        variable="pools_fig",
        hint=N_(
            "reread the task: what is each bar, in what unit, and how must a lower bound "
            "look different from an exact figure?"
        ),
        level="medium",
        minutes=15,
        kinds=("plotting", "transfer"),
        practises=N_("a bar chart in plain matplotlib with a title, a unit and bounds marked"),
        wrong_answers=N_(
            "Plain bars with 'Firms' on the axis: 220余 and 280余 are lower bounds and must look "
            "it. One bar of 500: the pools may overlap, so they cannot be added."
        ),
        rows=lambda: [
            (("cultivation", "培育"), value("cultivation_pool_firms"), True),
            (("reserve", "储备"), value("reserve_pool_firms"), True),
        ],
        units=("firm", "家", "compan", "enterprise", "企业"),
    ),
    NumberExercise(
        "enterprises.patents_per_talent_low",
        variable="patents_per_talent_low",
        hint=N_(
            "both figures are lower bounds: which end of each interval makes the ratio as "
            "small as it can be?"
        ),
        level="hard",
        minutes=15,
        kinds=("transfer", "critical"),
        practises=N_("reading a ratio of two lower bounds as an interval, on new figures"),
        wrong_answers=N_(
            "13: 1300 / 100, the printed figures read as exact. 14: the highest ratio (most "
            "patents over fewest talents), not the lowest."
        ),
        compute=_patents_low,
        mistakes={
            N_(
                "That divides the printed figures as if they were exact (1300 / 100): 余 lets "
                "both of them be larger."
            ): lambda: value("incubator_patents") / value("incubator_talent"),
            N_(
                "That is the highest ratio the figures allow (most patents over fewest "
                "talents); the task asks for the lowest."
            ): _patents_high,
        },
    ),
]
