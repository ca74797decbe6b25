"""Exercises of notebooks/04_talent.ipynb (section （三）, point 一 of the release)."""

from __future__ import annotations

from helpers.exercises._data import WAN, derive, fact
from helpers.exercises.spec import N_, ChartExercise, ChoiceExercise, NumberExercise

# Exercise 1 is a transfer: figures of another (practice) release, which no notebook computes
# (the 2023 subsidy of this release is worked out in 05_finance and the audit).
PRACTICE_AMOUNT_WAN, PRACTICE_GROWTH_PCT = 318.4, 27.6  # printed to 0.1万元 and 0.1 point

# Exercise 2 is a transfer too: practice counts with their printed rates; no whole 2023 count
# reproduces one of them (the release's own such figure is the finding of section 2).
PRACTICE_COUNTS = {  # option: (count in 2024, printed growth in %)
    "a": (23, 15.00),
    "b": (41, 17.14),
    "c": (52, 8.51),
    "d": (12, 33.33),
}


def _subsidy_2023() -> tuple[float, float, float]:
    """The 2023 amount in 万元 of the practice figures, with the interval their rounding allows."""
    amount, growth = PRACTICE_AMOUNT_WAN, PRACTICE_GROWTH_PCT
    return (
        amount / (1 + growth / 100),
        (amount - 0.05) / (1 + (growth + 0.05) / 100),
        (amount + 0.05) / (1 + (growth - 0.05) / 100),
    )


def _inconsistent() -> str:
    """The practice option whose printed rate no whole 2023 count reproduces (to 0.01 point)."""
    misfits = []
    for option, (count, rate) in PRACTICE_COUNTS.items():
        earlier = round(count / (1 + rate / 100))
        if round(100 * (count / earlier - 1), 2) != rate:
            misfits.append(option)
    if len(misfits) != 1:
        raise ValueError(f"the practice counts should have one misfit, not {misfits}")
    return misfits[0]


def _candidate_bars() -> list[tuple[tuple[str, ...], float, bool]]:
    rows = derive.whole_number_candidates(
        fact("high_level_talent"), fact("high_level_talent_growth")
    )
    return [((str(int(r["earlier"])),), float(r["rate_printed_precision"]), False) for r in rows]


EXERCISES = [
    NumberExercise(
        "talent.subsidy_2023_wan",
        variable="subsidy_2023_wan",
        hint=N_("a growth rate is a percentage of the earlier year's amount, not of the later one"),
        level="easy",
        minutes=10,
        kinds=("transfer",),
        practises=N_("working back an earlier value from a growth rate, on an amount of money"),
        wrong_answers=N_(
            "230.5: the rate taken off the 2024 amount (318.4 × (1 − 0.276)). 406.3: the 2024 "
            "amount grown once more. An answer in yuan: the unit."
        ),
        compute=_subsidy_2023,
        unit_mistakes={
            N_("That is in yuan: the task asks for 万元."): lambda: _subsidy_2023()[0] * WAN,
        },
        mistakes={
            N_(
                "That takes the rate off the 2024 amount: a rise of 27.6% is a rise on the 2023 "
                "amount, so divide by (1 + rate / 100)."
            ): lambda: PRACTICE_AMOUNT_WAN * (1 - PRACTICE_GROWTH_PCT / 100),
            N_("That grows the 2024 amount once more: go back a year, not forward."): lambda: (
                PRACTICE_AMOUNT_WAN * (1 + PRACTICE_GROWTH_PCT / 100)
            ),
        },
        unit="万元",
    ),
    ChoiceExercise(
        "talent.inconsistent_figure",
        variable="inconsistent_choice",
        hint=N_(
            "a count of people is a whole number: does each printed rate come out of two "
            "whole counts?"
        ),
        level="medium",
        minutes=10,
        kinds=("critical", "transfer", "pandas"),
        practises=N_("testing printed rates against whole counts, in a small DataFrame"),
        wrong_answers=N_(
            "a, b or d: a rate that does come back from a whole count (20, 35, 9), taken for "
            "the misfit when the 2023 value was not rounded before growing it again."
        ),
        right=_inconsistent(),
        wrong={
            "a": N_("20 engineers in 2023 grow to 23 by exactly 15.00%."),
            "b": N_("35 technicians in 2023 grow to 41 by 17.14%, at the printed precision."),
            "d": N_("9 translators in 2023 grow to 12 by 33.33%, at the printed precision."),
        },
    ),
    ChartExercise(
        "talent.candidates_fig",
        variable="candidates_fig",
        hint=N_(
            "what does one bar stand for here, and what is its length? Say it on the axis, "
            "with its unit"
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
