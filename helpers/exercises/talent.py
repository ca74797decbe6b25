"""Expected answers for the exercises of notebooks/04_talent.ipynb (ids "talent.<name>").

Section （三）, point 一 of the release: foreign experts and high-level talent, with growth rates
against 2023. Every expected answer is computed here from the fact table through helpers.derive;
no figure of the release is typed.
"""

from __future__ import annotations

from helpers import derive
from helpers.exercises import bar_heights, equal, exercise, within
from helpers.facts import fact, load_facts


def _talent_mistakes(expected: derive.Quantity) -> dict[str, float]:
    now = float(fact("high_level_talent").value)
    rate = float(fact("high_level_talent_growth").value)
    return {
        "the rate taken off the 2024 count, 15 × (1 − 36.36 / 100): divide by (1 + rate / 100)":
            now * (1 - rate / 100),
        "the 2024 count grown once more, 15 × (1 + 36.36 / 100)": now * (1 + rate / 100),
    }


@exercise(
    "talent.high_level_talent_2023",
    hint="select the rows high_level_talent and high_level_talent_growth of the facts table "
    "(facts.set_index('id')['value'] gives each figure by its id), then compute "
    "2024 value / (1 + growth / 100); 11 and 11.0003 are both right",
    compare=within(_talent_mistakes),
)
def high_level_talent_2023() -> derive.Quantity:
    """The 2023 count of high-level talent that the 2024 count and its growth rate imply, with
    the interval the rounding of 36.36% allows (10.9999 to 11.0007: the whole number 11)."""
    return derive.implied_earlier(fact("high_level_talent"), fact("high_level_talent_growth"))


def _reproducing(current_id: str, growth_id: str) -> list[int]:
    """Every whole earlier value whose growth to the current figure, rounded to the decimals the
    release prints, is the printed rate (searched far beyond the implied value)."""
    current, growth = fact(current_id), fact(growth_id)
    rows = derive.whole_number_candidates(current, growth, around=int(current.value))
    return sorted(int(row["earlier"]) for row in rows if row["reproduces"])


@exercise(
    "talent.reproducing_whole_numbers",
    hint="for each 2023 value from 1 up to the 2024 count, compute "
    "round(derive.growth_rate(earlier, current), derive.decimals(printed_rate)) and keep the "
    "values where it equals the printed rate; answer a dict of two sorted lists, keyed "
    "'foreign_experts' and 'high_level_talent' (a list may be empty)",
    compare=equal(),
)
def reproducing_whole_numbers() -> dict[str, list[int]]:
    """For each growth rate of the talent section: the whole 2023 values that reproduce it,
    keyed by the id of the figure that grew."""
    facts = load_facts()
    rates = facts[(facts["section"] == "talent") & facts["growth_of"].notna()]
    return {row.growth_of: _reproducing(row.growth_of, row.id) for row in rates.itertuples()}


@exercise(
    "talent.candidate_rates_chart",
    hint="take the rows of derive.whole_number_candidates(helpers.fact('high_level_talent'), "
    "helpers.fact('high_level_talent_growth')) and give helpers.bar_breakdown one bar per row, "
    "its length the row's rate_printed_precision, with kind='percent' and a title",
    compare=bar_heights(),
)
def candidate_rates_chart() -> list[float]:
    """The bar lengths: the growth rate each whole 2023 count of high-level talent would give."""
    rows = derive.whole_number_candidates(
        fact("high_level_talent"), fact("high_level_talent_growth")
    )
    return [row["rate_printed_precision"] for row in rows]
