"""Exercises of notebooks/05_finance.ipynb: science and technology finance and funds won
(section （三）, points 二 and 三 of the release).

Every expected answer is computed from the fact table (and helpers.derive), never typed, so an
edit of data/facts.csv carries through to the checks. Unit factors (万元, 亿元) come from
helpers.facts.UNITS, the table the loader checks value_base against.
"""

from __future__ import annotations

import math
from typing import Any

from helpers import derive
from helpers.exercises import bar_heights, close, exercise

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
            return f"expected a DataFrame, got {type(answer).__name__}"
        missing = [c for c in ("id", "yuan") if c not in answer.columns]
        if missing:
            return f"the table has no column {', '.join(missing)}"
        if len(answer) != len(expected):
            return f"the table has {len(answer)} rows; the answer has {len(expected)}"
        if sorted(answer["id"]) != sorted(expected["id"]):
            return "the table holds other figures than the section's amounts"
        if list(answer["id"]) != list(expected["id"]):
            return "the rows are not sorted from the largest amount to the smallest"
        pairs = zip(answer["yuan"], expected["yuan"], strict=True)
        if not all(math.isclose(float(a), float(b), rel_tol=rel) for a, b in pairs):
            return "some amounts are not in yuan (or not the right figures)"
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
)
def amounts_in_yuan():
    table = _amounts()[["id", "value_base"]].rename(columns={"value_base": "yuan"})
    return table.reset_index(drop=True)


@exercise(
    "finance.loan_per_firm_wan",
    hint=(
        "divide the transformation loans in yuan (value_base of 'transformation_loans') by the "
        "number of firms ('transformation_loans_firms'), or use derive.per_unit(...).value; then "
        "divide by 10,000 to get 万元"
    ),
    compare=close(),
)
def loan_per_firm_wan() -> float:
    per_firm = derive.per_unit(_fact("transformation_loans"), _fact("transformation_loans_firms"))
    return per_firm.value / _wan()


@exercise(
    "finance.provincial_funds_increase_wan",
    hint=(
        "work out the 2023 amount with derive.implied_earlier(helpers.fact('provincial_funds'), "
        "helpers.fact('provincial_funds_growth')), subtract it from the 2024 amount in yuan "
        "(derive.remainder does it with its working), and divide by 10,000 for 万元"
    ),
    compare=close(),
)
def provincial_funds_increase_wan() -> float:
    funds = _fact("provincial_funds")
    earlier = derive.implied_earlier(funds, _fact("provincial_funds_growth"))
    return derive.remainder(funds, [earlier]).value / _wan()


@exercise(
    "finance.amounts_2024_chart",
    hint=(
        "keep the finance amounts (base_unit 'yuan') whose period is '2024', pass those rows to "
        "helpers.bar_breakdown with a title, and assign the Figure it returns to `answer`"
    ),
    compare=bar_heights(),
)
def amounts_2024_chart() -> list[float]:
    from helpers.formatting import amount_scale

    amounts = _amounts()
    values = amounts.loc[amounts["period"] == "2024", "value_base"].astype(float).tolist()
    # bar_breakdown draws amounts on the axis scale of the current language (CNY billion, 亿元)
    divisor, _unit = amount_scale(max(values))
    return [value / divisor for value in values]
