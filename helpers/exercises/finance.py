"""Exercises of notebooks/05_finance.ipynb: science and technology finance and funds won
(section （三）, points 二 and 三 of the release).

Every expected answer is computed from the fact table (and helpers.derive), never typed, so an
edit of data/facts.csv carries through to the checks. Unit factors (万元, 亿元) come from
helpers.facts.UNITS, the table the loader checks value_base against.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

from helpers import derive
from helpers.exercises import chart, choice, exercise, within
from helpers.exercises.messages import gettext as _

SECTION = "finance"


def _facts():
    from helpers.facts import load_facts

    return load_facts()


def _fact(id_: str):
    from helpers.facts import fact

    return fact(id_)


def _wan() -> float:
    """Yuan in one 万元 (10,000), from the project's unit table."""
    from helpers.facts import UNITS

    return float(UNITS["万元"][1])


def _amounts():
    """The section's amounts of money (base unit yuan), largest first, ties by id."""
    facts = _facts()
    chosen = facts[(facts["section"] == SECTION) & (facts["base_unit"] == "yuan")]
    return chosen.sort_values(["value_base", "id"], ascending=[False, True])


def _same_ids_and_amounts(rel: float = 1e-9):
    """A DataFrame with columns id and yuan: the same ids in the same order, amounts within
    `rel` (so value × 100,000,000 computed by hand, 830000000.0000001, is accepted)."""

    def compare(answer: Any, expected: Any) -> str | None:
        import pandas as pd

        if not isinstance(answer, pd.DataFrame):
            return _("expected a DataFrame, got {type}").format(type=type(answer).__name__)
        missing = [c for c in ("id", "yuan") if c not in answer.columns]
        if missing:
            return _("the table has no column {columns}").format(columns=", ".join(missing))
        if len(answer) != len(expected):
            return _("the table has {rows} rows; the answer has {expected}").format(
                rows=len(answer), expected=len(expected)
            )
        if sorted(answer["id"]) != sorted(expected["id"]):
            return _("the table holds other figures than the section's amounts")
        if list(answer["id"]) != list(expected["id"]):
            return _("the rows are not sorted from the largest amount to the smallest")
        pairs = zip(answer["yuan"], expected["yuan"], strict=True)
        if not all(math.isclose(float(a), float(b), rel_tol=rel) for a, b in pairs):
            return _("some amounts are not in yuan (or not the right figures)")
        return None

    return compare


@exercise(
    "finance.amounts_in_yuan",
    hint=(
        "keep the rows of `facts` whose section is 'finance' and whose base_unit is 'yuan', "
        "take the columns id and value_base, rename value_base to 'yuan', and sort with "
        ".sort_values('yuan', ascending=False)"
    ),
    compare=_same_ids_and_amounts(),
    level="easy",
    minutes=10,
    kinds=("pandas",),
    practises="filtering, renaming and sorting a DataFrame, with amounts in one unit",
    teacher_note=(
        "A table of `value` instead of `value_base` fails as 'not in yuan': 12.7 and 476.6 are "
        "in different units, so sorting them printed ranks 476.6万元 above 12.7亿元. An "
        "unsorted table shows .sort_values was left out."
    ),
)
def amounts_in_yuan():
    table = _amounts()[["id", "value_base"]].rename(columns={"value_base": "yuan"})
    return table.reset_index(drop=True)


def _in_wan(quantity: derive.Quantity) -> derive.Quantity:
    """A derived amount in yuan, shown in 万元."""
    wan = _wan()
    return replace(
        quantity,
        value=quantity.value / wan,
        low=quantity.low / wan,
        high=quantity.high / wan,
        base_unit="万元",
    )


def _increase_mistakes(expected: derive.Quantity) -> dict[str, float]:
    funds, growth = _fact("provincial_funds"), _fact("provincial_funds_growth")
    return {
        "the rate applied to the 2024 amount (1.5亿元 × 25.4%): the rate is of the 2023 amount": float(
            funds.value_base
        )
        * float(growth.value)
        / 100
        / _wan(),
    }


@exercise(
    "finance.provincial_funds_increase_wan",
    hint=(
        "work out the 2023 amount with derive.implied_earlier(helpers.fact('provincial_funds'), "
        "helpers.fact('provincial_funds_growth')), subtract it from the 2024 amount in yuan "
        "(derive.remainder does it with its working), and divide by 10,000 for 万元"
    ),
    compare=within(_increase_mistakes, units={"yuan": 10_000}),
    level="hard",
    minutes=15,
    kinds=("transfer",),
    practises="an increase from a growth rate, with its interval and units, on figures the "
    "notebook leaves at the 2023 amount",
    teacher_note=(
        "3,810 万元 applies 25.4% to the 2024 amount: the rate is of 2023. An answer in yuan "
        "passes with a note. The interval (about 2,930 to 3,140) comes from the rounding of "
        "1.5亿元: ask why the increase cannot be known to better than about 3%."
    ),
)
def provincial_funds_increase_wan() -> derive.Quantity:
    """The increase in 万元: 2024 × g / (1 + g), with the interval the rounding of 1.5亿元 and
    25.4% allows (both ends of the 2024 amount move the 2023 amount with them, so the increase
    is bounded by the same amount at both ends, not by 2024 − 2023 taken independently)."""
    funds, growth = _fact("provincial_funds"), _fact("provincial_funds_growth")
    earlier = derive.implied_earlier(funds, growth)
    increase = derive.remainder(funds, [earlier])
    (f_low, f_high), (g_low, g_high) = derive.bounds(funds), derive.bounds(growth)
    low = f_low * g_low / (100 + g_low)
    high = f_high * g_high / (100 + g_high)
    return _in_wan(replace(increase, low=low, high=high, qualifier="interval"))


@exercise(
    "finance.amounts_2024_chart",
    hint=(
        "rows = facts.query(\"section == 'finance' and base_unit == 'yuan' and period == "
        "'2024'\"); draw rows['value_base'] / 1e8 with ax.barh (one bar per indicator), a "
        "title and ax.set_xlabel('Amount (亿元)'); assign fig to `answer`"
    ),
    compare=chart(units=("亿元", "yi yuan", "100 million", "cny")),
    level="medium",
    minutes=15,
    kinds=("plotting",),
    practises="putting amounts printed in 万元 and 亿元 on one axis, in one stated unit",
    teacher_note=(
        "Bars of the printed `value` fail as 'different lengths': 476.6 (万元) would tower over "
        "12.7 (亿元). Drawing in yuan fails the unit check unless the label says 亿元; the "
        "check wants the amounts in 亿元 and the unit on the axis."
    ),
)
def amounts_2024_chart() -> list[tuple[float, bool]]:
    from helpers.facts import UNITS

    amounts = _amounts()
    rows = amounts[amounts["period"] == "2024"]
    yi = float(UNITS["亿元"][1])
    return [
        (float(v) / yi, q == "at_least")
        for v, q in zip(rows["value_base"], rows["qualifier"], strict=True)
    ]


@exercise(
    "finance.filed_share_reading",
    hint=(
        "8.3亿元 is 65% of 12.7亿元 as arithmetic; does the release say the filed amount is "
        "part of the loans (其中), or only print both?"
    ),
    compare=choice(
        "c",
        {
            "a": "65% is the arithmetic, but the release never says the 8.3亿元 is part of the "
            "12.7亿元: stated as a share, it asserts a link",
            "b": "nothing makes 65% an upper limit: both amounts are exact, and the link is the "
            "open question, not the size",
            "d": "the 312 firms had loans; the release does not give the filed amount per firm "
            "or say which firms filed",
        },
    ),
    level="medium",
    minutes=10,
    kinds=("critical",),
    practises="keeping an unstated link between two figures visible in a sentence",
    teacher_note=(
        "a is the reading a journalist would print. b takes 'cannot be checked' for a bound. "
        "d mixes the counts in. Section 3 computes the 65% with its caveat; this asks the "
        "learner to choose the sentence that keeps the caveat."
    ),
)
def filed_share_reading() -> str:
    return "c"
