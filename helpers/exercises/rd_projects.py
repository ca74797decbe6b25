"""Exercises of notebooks/02_rd_projects.ipynb: research projects and their funding (section （二）,
point 一 of the release).

Each expected answer is computed from the fact table with helpers.derive, never typed.
"""

from __future__ import annotations

from dataclasses import replace

from helpers import derive
from helpers.exercises import chart, choice, exercise, within
from helpers.facts import UNITS, fact


def _yi() -> float:
    """Yuan in one 亿元, from the project's unit table."""
    return float(UNITS["亿元"][1])


def _equity_mistakes(expected: derive.Quantity) -> dict[str, float]:
    wan = float(fact("equity_investment").value)
    return {
        "万元 divided by 1,000: one 亿元 is 10,000 万元": wan / 1_000,
        "万元 divided by 100,000: one 亿元 is 10,000 万元, not 100,000": wan / 100_000,
    }


@exercise(
    "rd_projects.equity_in_yi",
    hint=(
        "take value_base of 'equity_investment' (yuan) and divide by 100,000,000, or its "
        "printed value in 万元 and divide by 10,000"
    ),
    compare=within(_equity_mistakes, units={"万元": 10_000, "yuan": 100_000_000}),
    level="easy",
    minutes=5,
    kinds=("transfer", "pandas"),
    practises="converting between 万元, 亿元 and yuan, on an amount of notebook 05",
    teacher_note=(
        "1.5 (divided by 1,000) or 0.015 (by 100,000) show 万 and 亿 are not yet secure: "
        "1亿 = 10,000万. An answer of 1500 or 15,000,000 passes, with a note that 亿元 was "
        "meant: the figure is right, the unit is another."
    ),
)
def equity_in_yi() -> derive.Quantity:
    return replace(
        derive.quantity(fact("equity_investment")),
        base_unit="亿元",
        value=fact("equity_investment").value_base / _yi(),
        low=derive.bounds(fact("equity_investment"))[0] / _yi(),
        high=derive.bounds(fact("equity_investment"))[1] / _yi(),
    )


COUNTS = ("projects_total", "projects_provincial", "guideline_proposals_2025")


@exercise(
    "rd_projects.counts_chart",
    hint=(
        "select the three rows by id, then fig, ax = plt.subplots(); ax.bar(labels, values); "
        "put the year in each label (2025 is a plan), a title, and ax.set_ylabel('Projects "
        "(项)'); assign fig to `answer`"
    ),
    compare=chart(units=("project", "proposal", "项")),
    level="medium",
    minutes=15,
    kinds=("plotting",),
    practises="a labelled bar chart in plain matplotlib, with a unit on the value axis",
    teacher_note=(
        "A chart without a y label fails: 'how many of what?'. Watch for a stacked bar of "
        "37 on 115 (fine) or of 36 on 115 (not: proposals for 2025 are not 2024 projects); "
        "the labels should say which year each bar is."
    ),
)
def counts_chart() -> list[tuple[float, bool]]:
    return [(float(fact(i).value_base), fact(i).qualifier == "at_least") for i in COUNTS]


@exercise(
    "rd_projects.funding_reading",
    hint=(
        "8500余万元 is a lower bound, and the release does not say the money went only to the "
        "37 projects at provincial level or above: pick the statement that keeps both"
    ),
    compare=choice(
        "c",
        {
            "a": "'each project got 230万元' reads an average as every project's amount, and "
            "drops 余",
            "b": "'at least 230万元 on average' is only true if all the funding went to the 37 "
            "projects, which the release does not say",
            "d": "the 36 guideline proposals are for 2025 and are not projects; no funding is "
            "stated for them",
        },
    ),
    level="hard",
    minutes=10,
    kinds=("critical",),
    practises="saying what a lower bound divided by a count does and does not allow",
    teacher_note=(
        "a: the learner turns an average into a fact about each project and forgets 余. "
        "b: right arithmetic, unstated assumption (the funding's recipients). d: confuses "
        "the 2025 proposals with 2024 projects. Discuss what the release would have to add."
    ),
)
def funding_reading() -> str:
    return "c"
