"""Exercises of notebooks/05_finance.ipynb (section （三）, points 二 and 三 of the release)."""

from __future__ import annotations

from helpers.exercises._data import WAN, YI, derive, fact, load_facts, value
from helpers.exercises.spec import (
    N_,
    ChartExercise,
    ChoiceExercise,
    NumberExercise,
    TableExercise,
)


def _amounts() -> dict[str, float]:
    facts = load_facts()
    rows = facts[(facts["section"] == "finance") & (facts["base_unit"] == "yuan")]
    return {str(i): float(v) for i, v in zip(rows["id"], rows["value_base"], strict=True)}


def _increase() -> tuple[float, float, float]:
    """The increase from 2023 to 2024 in 万元: 2024 × g / (1 + g), with the interval the rounding
    of 1.5亿元 and 25.4% allows (the 2023 amount moves with the 2024 amount)."""
    funds, growth = fact("provincial_funds"), fact("provincial_funds_growth")
    earlier = derive.implied_earlier(funds, growth)
    increase = derive.remainder(funds, [earlier])
    (f_low, f_high), (g_low, g_high) = derive.bounds(funds), derive.bounds(growth)
    low = f_low * g_low / (100 + g_low)
    high = f_high * g_high / (100 + g_high)
    return increase.value / WAN, low / WAN, high / WAN


EXERCISES = [
    TableExercise(
        "finance.amounts_table",
        variable="amounts_table",
        hint=N_(
            "which rows of the section are amounts of money, which column holds them in "
            "yuan, and in what order does the task want them?"
        ),
        level="easy",
        minutes=10,
        kinds=("pandas",),
        practises=N_("filtering, renaming and sorting a DataFrame, with amounts in one unit"),
        wrong_answers=N_(
            "A table of value instead of value_base (476.6万元 ranked above 12.7亿元); the sort "
            "left out."
        ),
        key="id",
        column="yuan",
        rows=_amounts,
        units={"万元": WAN, "亿元": YI},
    ),
    ChartExercise(
        "finance.amounts_2024_fig",
        variable="amounts_2024_fig",
        hint=N_("which amounts are of 2024, and in what unit does the task ask to draw them?"),
        level="medium",
        minutes=15,
        kinds=("plotting",),
        practises=N_("putting amounts printed in 万元 and 亿元 on one axis, in one stated unit"),
        wrong_answers=N_(
            "Bars of the printed value: 476.6 (万元) towers over 12.7 (亿元). Bars in yuan with "
            "亿元 on the axis."
        ),
        rows=lambda: [
            (("filed", "备案"), value("filed_amount"), False),
            (("subsid", "贴息"), value("interest_subsidy") * WAN / YI, False),
            (("fund", "资金"), value("provincial_funds"), False),
            (("loan", "贷款"), value("transformation_loans"), False),
        ],
        units=("亿元", "yi yuan", "100 million", "hundred million"),
    ),
    ChoiceExercise(
        "finance.subsidy_share_reading",
        variable="subsidy_choice",
        hint=N_(
            "put both amounts in one unit first; then ask what the release says about how "
            "the two are linked"
        ),
        level="medium",
        minutes=10,
        kinds=("critical", "transfer"),
        practises=N_("keeping an unstated link between two figures visible in a sentence"),
        wrong_answers=N_(
            "a: the link taken as stated. b: 1亿 = 1,000万 (a factor of 10). c: an average "
            "read as each firm's share, on a link the release does not state."
        ),
        right="d",
        wrong={
            "a": N_("The release never says the subsidies were paid on the transformation loans."),
            "b": N_("1亿元 is 10,000万元: check the percentage again."),
            "c": N_(
                "An average is not each firm's share, and the release does not link the "
                "subsidies to the loans."
            ),
        },
    ),
    NumberExercise(
        "finance.provincial_funds_increase_wan",
        variable="funds_increase_wan",
        hint=N_(
            "the rate is a percentage of the earlier year's amount: an increase needs that "
            "amount first"
        ),
        level="hard",
        minutes=15,
        kinds=("transfer",),
        practises=N_("an increase from a growth rate, with its interval and units"),
        wrong_answers=N_(
            "3810: 25.4% applied to the 2024 amount (the rate is of 2023). An answer in yuan "
            "or 亿元: the unit."
        ),
        compute=_increase,
        unit_mistakes={
            N_("That is in yuan: the task asks for 万元."): lambda: _increase()[0] * WAN,
            N_("That is in 亿元: the task asks for 万元."): lambda: _increase()[0] * WAN / YI,
        },
        mistakes={
            N_(
                "That applies the rate to the 2024 amount: a growth rate is measured against "
                "the 2023 amount."
            ): lambda: (
                value("provincial_funds") * YI * value("provincial_funds_growth") / 100 / WAN
            ),
        },
        unit="万元",
    ),
]
