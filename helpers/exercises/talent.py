"""Exercises of notebooks/04_talent.ipynb (section （三）, point 一 of the release)."""

from __future__ import annotations

from helpers.exercises._data import WAN, derive, fact, load_facts, value
from helpers.exercises.spec import N_, NOT_AN_ID, ChartExercise, ChoiceExercise, NumberExercise


def _subsidy_2023() -> tuple[float, float, float]:
    q = derive.implied_earlier(fact("interest_subsidy"), fact("interest_subsidy_growth"))
    return q.value / WAN, q.low / WAN, q.high / WAN


def _inconsistent() -> str:
    """The growth rate of the section that no whole 2023 count reproduces."""
    facts = load_facts()
    rates = facts[(facts["section"] == "talent") & facts["growth_of"].notna()]
    for row in rates.itertuples():
        rows = derive.whole_number_candidates(fact(row.growth_of), fact(row.id))
        if not any(r["reproduces"] for r in rows):
            return row.id
    raise ValueError("every growth rate of the talent section fits a whole count")


def _candidate_bars() -> list[tuple[tuple[str, ...], float, bool]]:
    rows = derive.whole_number_candidates(
        fact("high_level_talent"), fact("high_level_talent_growth")
    )
    return [((str(int(r["earlier"])),), float(r["rate_printed_precision"]), False) for r in rows]


EXERCISES = [
    NumberExercise(
        "talent.subsidy_2023_wan",
        variable="subsidy_2023_wan",
        hint=N_("the 2023 amount is the 2024 amount divided by (1 + growth / 100), in 万元"),
        level="easy",
        minutes=10,
        kinds=("transfer",),
        practises=N_("working back an earlier value from a growth rate, on an amount of money"),
        wrong_answers=N_(
            "118.2: the rate taken off the 2024 amount (476.6 × (1 − 0.752)). 835: the 2024 "
            "amount grown once more. An answer in yuan: the unit."
        ),
        compute=_subsidy_2023,
        unit_mistakes={
            N_("That is in yuan: the task asks for 万元."): lambda: _subsidy_2023()[0] * WAN,
        },
        mistakes={
            N_(
                "That takes the rate off the 2024 amount: a rise of 75.2% is a rise on the 2023 "
                "amount, so divide by (1 + rate / 100)."
            ): lambda: value("interest_subsidy") * (1 - value("interest_subsidy_growth") / 100),
            N_("That grows the 2024 amount once more: go back a year, not forward."): lambda: (
                value("interest_subsidy") * (1 + value("interest_subsidy_growth") / 100)
            ),
        },
        unit="万元",
    ),
    ChoiceExercise(
        "talent.inconsistent_figure",
        variable="inconsistent_id",
        hint=N_(
            "work back the 2023 count of each rate and ask which is not a whole number of people"
        ),
        level="medium",
        minutes=10,
        kinds=("critical",),
        practises=N_("naming the figure that no whole count can produce, by its fact id"),
        wrong_answers=N_(
            "high_level_talent_growth: 11.0003 read as 'not whole', though the rounding of "
            "36.36% allows 11. A count (foreign_experts): the printed rate is the one to question."
        ),
        right=_inconsistent(),
        type_message=NOT_AN_ID,
        wrong={
            "high_level_talent_growth": N_(
                "15 and 36.36% give about 11.0003: a whole 11 within the rounding of 36.36%."
            ),
            "foreign_experts": N_(
                "A count fits some rate by itself; it is the printed rate that no whole 2023 "
                "count reproduces."
            ),
            "high_level_talent": N_(
                "A count fits some rate by itself; and 15 fits its own rate with 11 in 2023."
            ),
        },
    ),
    ChartExercise(
        "talent.candidates_fig",
        variable="candidates_fig",
        hint=N_(
            "one bar per 2023 count (the column earlier, as text), its height the rate; a "
            "title; ax.set_ylabel('Growth rate (%)')"
        ),
        level="medium",
        minutes=15,
        kinds=("plotting", "pandas"),
        practises=N_("a chart of a small table built in pandas, with percent on the value axis"),
        wrong_answers=N_(
            "Bars of the counts (10, 11, 12) instead of the rates; a y label without %."
        ),
        rows=_candidate_bars,
        units=("%", "percent", "百分"),
        numbered=True,
    ),
]
