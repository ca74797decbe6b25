"""Exercises of notebooks/03_platforms.ipynb: innovation platforms and the technology market
(section （二）, points 二 and 三 of the release). Expected answers come from the fact table."""

from __future__ import annotations

from helpers import derive
from helpers.exercises import bar_heights, close, exercise, within
from helpers.facts import fact, load_facts


@exercise(
    "platforms.municipal_platforms",
    hint="take the value of platforms_total and subtract the values of the rows whose parent_id "
    "is platforms_total (the national and provincial platforms)",
    compare=close(),
)
def municipal_platforms() -> float:
    """The platforms the release leaves implicit: total minus national and provincial."""
    parts = [fact("platforms_national"), fact("platforms_provincial")]
    return derive.remainder(fact("platforms_total"), parts).value


@exercise(
    "platforms.tech_market_chart",
    hint="select the rows of section 'platforms' whose period is 'not_stated' (the technology "
    "market figures), pass them to helpers.bar_breakdown with a title, and assign the Figure it "
    "returns to answer",
    compare=bar_heights(),
)
def tech_market_chart() -> list[float]:
    """The bar lengths of a chart of the four technology-market figures (counts)."""
    facts = load_facts()
    rows = facts[(facts["section"] == "platforms") & (facts["period"] == "not_stated")]
    return [float(v) for v in rows["value_base"]]


@exercise(
    "platforms.benefit_per_rd_yuan",
    hint="divide social_benefit by rd_investment_driven, both in the same unit (value_base is in "
    "yuan); derive.ratio does it and shows its working. Anything from 4.84 to 4.86 is right",
    compare=within(lambda q: {"the ratio the wrong way round (R&D investment per yuan of "
                              "benefit)": 1 / q.value}),
)
def benefit_per_rd_yuan() -> derive.Quantity:
    """Yuan of stated 'social benefit' per yuan of R&D investment 'driven' (about 4.85), with
    the interval the rounding of 213.9亿元 and 44.1亿元 allows."""
    return derive.ratio(fact("social_benefit"), fact("rd_investment_driven"))
