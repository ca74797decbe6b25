"""Exercises of notebooks/03_platforms.ipynb: innovation platforms and the technology market
(section （二）, points 二 and 三 of the release). Expected answers come from the fact table."""

from __future__ import annotations

from dataclasses import replace

from helpers import derive
from helpers.exercises import chart, choice, exercise, within
from helpers.facts import UNITS, fact, load_facts


@exercise(
    "platforms.benefit_reading",
    hint=(
        "社会效益 is not defined, 带动 does not show cause, and both amounts are cumulative "
        "over a span the release does not give: pick the statement that claims no more"
    ),
    compare=choice(
        "b",
        {
            "a": "a return on investment needs a net gain caused by the investment over a "
            "period; 社会效益 is none of these",
            "c": "社会效益 (social benefit) is not profit, and the release does not define it",
            "d": "both amounts are cumulative (累计), not growth: 4.85 is a ratio, not 'times "
            "more than before'",
        },
    ),
    level="easy",
    minutes=5,
    kinds=("critical",),
    practises="reading a ratio of two claimed amounts without turning it into a return",
    teacher_note=(
        "a is the usual headline reading (a return on investment); c reads 社会效益 as profit; "
        "d confuses a ratio of two stocks with growth. Ask what the release would need to "
        "print for a (a definition, a period, a counterfactual)."
    ),
)
def benefit_reading() -> str:
    return "b"


def _market_rows():
    facts = load_facts()
    return facts[(facts["section"] == "platforms") & (facts["period"] == "not_stated")]


@exercise(
    "platforms.tech_market_chart",
    hint=(
        "rows = facts[(facts['section'] == 'platforms') & (facts['period'] == 'not_stated')]; "
        "draw rows['value'] with ax.barh, hatch the rows whose qualifier is 'at_least' (or say "
        "'more than' in their labels), add a title and ax.set_xlabel('Items (项)')"
    ),
    compare=chart(units=("item", "result", "项", "number")),
    level="medium",
    minutes=15,
    kinds=("plotting",),
    practises="drawing bounds and exact counts on one chart so a reader tells them apart",
    teacher_note=(
        "The usual miss is drawing 100余 and 70余 like 24 and 3: the check asks for hatching "
        "or a 'more than' label. A chart with no axis label fails as having no unit. Ask "
        "whether the 24 and 3 are parts of the 100余 (they are: parent_id)."
    ),
)
def tech_market_chart() -> list[tuple[float, bool]]:
    rows = _market_rows()
    return [
        (float(v), q == "at_least")
        for v, q in zip(rows["value_base"], rows["qualifier"], strict=True)
    ]


def _per_platform_mistakes(expected: derive.Quantity) -> dict[str, float]:
    listed = float(fact("platforms_national").value) + float(fact("platforms_provincial").value)
    equipment = float(fact("equipment_value").value_base) / float(UNITS["万元"][1])
    return {
        "the equipment divided by the 99 national and provincial platforms only: the "
        "release gives it for all 1,020": equipment / listed,
        "the printed 10.8 (亿元) divided by the platforms, with no conversion to 万元": float(
            fact("equipment_value").value
        )
        / float(fact("platforms_total").value),
    }


@exercise(
    "platforms.equipment_per_platform_wan",
    hint=(
        "divide value_base of 'equipment_value' (yuan) by the value of 'platforms_total', then "
        "by 10,000 for 万元, or derive.per_unit(...).value / 10_000; 10.8亿元 is rounded, so "
        "anything from about 105 to 106 is right"
    ),
    compare=within(_per_platform_mistakes, units={"yuan": 10_000}),
    level="hard",
    minutes=10,
    kinds=("transfer",),
    practises="an average with units and the interval a rounded amount allows, on new figures",
    teacher_note=(
        "About 1,090 万元 means only the 99 listed platforms were used: the learner read "
        "'national and provincial' as all. 0.0106 is 亿元 per platform left unconverted. "
        "Discuss why an average over 1,020 platforms says nothing about a typical one."
    ),
)
def equipment_per_platform_wan() -> derive.Quantity:
    q = derive.per_unit(fact("equipment_value"), fact("platforms_total"))
    wan = float(UNITS["万元"][1])
    return replace(q, value=q.value / wan, low=q.low / wan, high=q.high / wan, base_unit="万元")
