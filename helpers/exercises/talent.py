"""Expected answers for the exercises of notebooks/04_talent.ipynb (ids "talent.<name>").

Section （三）, point 一 of the release: foreign experts and high-level talent, with growth rates
against 2023. Every expected answer is computed here from the fact table through helpers.derive;
no figure of the release is typed.
"""

from __future__ import annotations

from dataclasses import replace

from helpers import derive
from helpers.exercises import chart, choice, equal, exercise, within
from helpers.facts import UNITS, fact, load_facts


def _subsidy_mistakes(expected: derive.Quantity) -> dict[str, float]:
    now = float(fact("interest_subsidy").value)
    rate = float(fact("interest_subsidy_growth").value)
    return {
        "the rate taken off the 2024 amount, 476.6 × (1 − 75.2 / 100): divide by "
        "(1 + rate / 100)": now * (1 - rate / 100),
        "the 2024 amount grown once more, 476.6 × (1 + 75.2 / 100)": now * (1 + rate / 100),
    }


@exercise(
    "talent.subsidy_2023_wan",
    hint=(
        "the same step as for the talents, on money: 2024 amount / (1 + growth / 100), with "
        "'interest_subsidy' and 'interest_subsidy_growth' (or derive.implied_earlier), in 万元"
    ),
    compare=within(_subsidy_mistakes, units={"yuan": 10_000}),
    level="easy",
    minutes=10,
    kinds=("transfer",),
    practises="working back an earlier value from a growth rate, on an amount of notebook 05",
    teacher_note=(
        "This checks the 75.2% subsidy growth before notebooks 05 and 07 do. 118.2 万元 "
        "(rate taken off 2024) is the classic slip: a rise of 75.2% is of the 2023 amount. "
        "835 万元 grows the amount again. Unlike a head count, an amount need not be whole, "
        "so any value from about 271.9 to 272.1 fits: the rate cannot be checked."
    ),
)
def subsidy_2023_wan() -> derive.Quantity:
    q = derive.implied_earlier(fact("interest_subsidy"), fact("interest_subsidy_growth"))
    wan = float(UNITS["万元"][1])
    return replace(q, value=q.value / wan, low=q.low / wan, high=q.high / wan, base_unit="万元")


@exercise(
    "talent.inconsistent_figure",
    hint=(
        "work back the 2023 count of each rate of the section and ask which is not a whole "
        "number of people; answer the id of the growth rate, e.g. 'high_level_talent_growth'"
    ),
    compare=choice(
        "foreign_experts_growth",
        {
            "high_level_talent_growth": "15 and 36.36% give 11.0003, a whole 11 within the "
            "rounding of 36.36%: consistent",
            "foreign_experts": "68 is a count and fits any rate by itself; it is the pair that does "
            "not fit, and the printed rate is the one to question",
            "high_level_talent": "15 fits its rate 36.36% exactly (11 in 2023)",
        },
    ),
    level="medium",
    minutes=10,
    kinds=("critical",),
    practises="naming the figure that no whole count can produce, by its fact id",
    teacher_note=(
        "Answering high_level_talent_growth means 11.0003 was read as 'not whole': rounding of "
        "the rate allows it. Answering foreign_experts blames the count; either figure of the "
        "pair could be wrong, but the rate is the derived, printed-to-two-decimals one."
    ),
)
def inconsistent_figure() -> str:
    """The growth rate of the section that no whole 2023 count reproduces."""
    facts = load_facts()
    rates = facts[(facts["section"] == "talent") & facts["growth_of"].notna()]
    return next(row.id for row in rates.itertuples() if not _reproducing(row.growth_of, row.id))


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
    level="hard",
    minutes=20,
    kinds=("pandas",),
    practises="a search over every whole candidate instead of the few around the estimate",
    teacher_note=(
        "Lists with 64 for the experts mean the rate was compared unrounded or to one "
        "decimal; a missing 11 means exact equality of floats without rounding. The loop "
        "generalises section 3 to both rates and the whole range."
    ),
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
    "helpers.fact('high_level_talent_growth')) into pd.DataFrame, draw rate_printed_precision "
    "with ax.bar (one bar per 'earlier'), a title and ax.set_ylabel('Growth rate (%)')",
    compare=chart(units=("%", "percent")),
    level="medium",
    minutes=15,
    kinds=("plotting",),
    practises="a chart of a small table built in pandas, with percent on the value axis",
    teacher_note=(
        "Bars of the counts (10, 11, 12) instead of the rates show the column was mixed up; "
        "a y label without % fails. Ask how far apart the bars are: one person moves the "
        "rate by about 12 points, which is why small counts make jumpy percentages."
    ),
)
def candidate_rates_chart() -> list[tuple[float, bool]]:
    """The bar lengths: the growth rate each whole 2023 count of high-level talent would give."""
    rows = derive.whole_number_candidates(
        fact("high_level_talent"), fact("high_level_talent_growth")
    )
    return [(row["rate_printed_precision"], False) for row in rows]
