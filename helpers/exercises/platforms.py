"""Exercises of notebooks/03_platforms.ipynb (section （二）, points 二 and 三 of the release)."""

from __future__ import annotations

from helpers.exercises._data import WAN, base, interval, value
from helpers.exercises.spec import N_, ChartExercise, ChoiceExercise, NumberExercise


def _per_platform() -> tuple[float, float, float]:
    low, high = interval("equipment_value")
    n = value("platforms_total")
    return base("equipment_value") / n / WAN, low / n / WAN, high / n / WAN


EXERCISES = [
    ChoiceExercise(
        "platforms.benefit_reading",
        variable="benefit_choice",
        hint=N_(
            "for each option, ask what the release would have to say for it to hold: a "
            "period, a definition, a cause"
        ),
        level="easy",
        minutes=5,
        kinds=("critical", "transfer"),
        practises=N_("reading a ratio of two claimed amounts without turning it into a return"),
        wrong_answers=N_(
            "a: a yearly return (累计 has no period). b: the division turned round. d: a "
            "payback, which needs costs and who was repaid."
        ),
        right="c",
        wrong={
            "a": N_("Nothing says 'a year': 累计 sums over a span the release does not give."),
            "b": N_("Check which amount is the larger: 213.9亿元 or 10.8亿元."),
            "d": N_("Repaying needs costs and someone repaid; the release states neither."),
        },
    ),
    ChartExercise(
        "platforms.market_fig",
        variable="market_fig",
        hint=N_(
            "which of the figures are written with 余, and how does the task ask a bound to "
            "look? The axis needs a unit"
        ),
        level="medium",
        minutes=15,
        kinds=("plotting",),
        practises=N_("drawing bounds and exact counts on one chart so a reader tells them apart"),
        wrong_answers=N_(
            "100余 and 70余 drawn like 24 and 3; or every bar hatched, which hides the "
            "difference the chart is for; no unit on the axis."
        ),
        rows=lambda: [
            (("library", "库"), value("achievements_provincial_library"), False),
            (("shandong", "good", "山东"), value("achievements_shandong_good"), False),
            (("need", "demand", "需求"), value("tech_demands_published"), True),
            (("result", "achievement", "成果"), value("achievements_published"), True),
        ],
        units=("item", "result", "项"),
    ),
    NumberExercise(
        "platforms.equipment_per_platform_wan",
        variable="equipment_per_platform_wan",
        hint=N_(
            "which platforms does the equipment figure cover, and in what unit does the "
            "task want the answer?"
        ),
        level="hard",
        minutes=10,
        kinds=("transfer",),
        practises=N_("an average with units and the interval a rounded amount allows"),
        wrong_answers=N_(
            "About 1090.9: divided by the 99 national and provincial platforms only. 0.0106: "
            "亿元 per platform, not converted."
        ),
        compute=_per_platform,
        unit_mistakes={
            N_("That is in 亿元 per platform: the task asks for 万元."): lambda: (
                value("equipment_value") / value("platforms_total")
            ),
            N_("That is in yuan per platform: the task asks for 万元."): lambda: (
                base("equipment_value") / value("platforms_total")
            ),
        },
        mistakes={
            N_(
                "That divides by the national and provincial platforms only: the release gives "
                "the equipment for all of them."
            ): lambda: (
                base("equipment_value")
                / (value("platforms_national") + value("platforms_provincial"))
                / WAN
            ),
        },
        unit="万元",
    ),
]
