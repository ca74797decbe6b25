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
from helpers.exercises import bar_heights, exercise, within

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


def _in_wan(quantity: derive.Quantity) -> derive.Quantity:
    """A derived amount in yuan, shown in 万元."""
    wan = _wan()
    return replace(quantity, value=quantity.value / wan, low=quantity.low / wan,
                   high=quantity.high / wan, base_unit="万元")


def _loan_mistakes(expected: derive.Quantity) -> dict[str, float]:
    loans, firms = _fact("transformation_loans"), _fact("transformation_loans_firms")
    return {
        "the average in yuan: divide by 10,000 for 万元": expected.value * _wan(),
        "the printed 12.7 (in 亿元) divided by the firms, with no conversion to 万元":
            float(loans.value) / float(firms.value),
    }


@exercise(
    "finance.loan_per_firm_wan",
    hint=(
        "divide the transformation loans in yuan (value_base of 'transformation_loans') by the "
        "number of firms ('transformation_loans_firms'), or use derive.per_unit(...).value; then "
        "divide by 10,000 to get 万元. Any answer between about 405 and 409 is right: 12.7亿元 "
        "is rounded"
    ),
    compare=within(_loan_mistakes),
)
def loan_per_firm_wan() -> derive.Quantity:
    """Loans per firm in 万元, with the interval the rounding of 12.7亿元 allows."""
    per_firm = derive.per_unit(_fact("transformation_loans"), _fact("transformation_loans_firms"))
    return _in_wan(per_firm)


def _increase_mistakes(expected: derive.Quantity) -> dict[str, float]:
    funds, growth = _fact("provincial_funds"), _fact("provincial_funds_growth")
    return {
        "the rate applied to the 2024 amount (1.5亿元 × 25.4%): the rate is of the 2023 amount":
            float(funds.value_base) * float(growth.value) / 100 / _wan(),
        "the increase in yuan: divide by 10,000 for 万元": expected.value * _wan(),
    }


@exercise(
    "finance.provincial_funds_increase_wan",
    hint=(
        "work out the 2023 amount with derive.implied_earlier(helpers.fact('provincial_funds'), "
        "helpers.fact('provincial_funds_growth')), subtract it from the 2024 amount in yuan "
        "(derive.remainder does it with its working), and divide by 10,000 for 万元"
    ),
    compare=within(_increase_mistakes),
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
