"""Exercises of notebooks/06_context.ipynb: reading figures from other sources (data/context.csv).

The expected answers come from the context table, never typed.
"""

from __future__ import annotations

from helpers.exercises import choice, close, exercise


def _base(id: str) -> float:
    from helpers.context import load_context

    return float(load_context().set_index("id").loc[id, "value_base"])


@exercise(
    "context.gap_yantai_2021",
    hint=(
        "filter the context table to 2021 and to the two places, and subtract Zaozhuang's "
        "share from Yantai's; a gap between shares is in percentage points"
    ),
    compare=close(rel=1e-3),
    level="easy",
    minutes=5,
    kinds=("pandas", "transfer"),
    practises="selecting rows of a table by place and year, and a difference in points",
    teacher_note=(
        "-15.68 is the right size with the sign reversed (Zaozhuang minus Yantai). 100.88 is "
        "the sum. 26.9 per cent (15.68 / 58.28) answers another question: the task asks for "
        "points. Both shares are for 2021, though Zaozhuang's year is a reading of its source."
    ),
)
def gap_yantai_2021() -> float:
    return round(_base("yantai_share_2021") - _base("zaozhuang_share_2021"), 2)


@exercise(
    "context.break_even_yantai",
    hint=(
        "the share is high-tech output over total output; with the share rising from s0 to s1, "
        "total output stays flat when high-tech output grows by s1 / s0 - 1. Take s0 from "
        "Yantai's 2021 share and its rise; answer in per cent"
    ),
    compare=close(rel=2e-3),
    level="medium",
    minutes=10,
    kinds=("transfer",),
    practises="the share identity applied to another city's figures",
    teacher_note=(
        "3.51 confuses the rise in points with the growth needed. 0.064 is the right ratio not "
        "turned into per cent. 6.02 divides by the 2021 share instead of the 2020 one "
        "(3.51 / 58.28). The section's own break-even for Zaozhuang is the model."
    ),
)
def break_even_yantai() -> float:
    now = _base("yantai_share_2021")
    before = now - _base("yantai_change_2021")
    return 100 * (now / before - 1)


@exercise(
    "context.heze_sixth",
    hint=(
        "look at Heze's and Shandong's shares for the first half of 2015 in the context table, "
        "and at what the quote says is ranked (占比位居全省第6位)"
    ),
    compare=choice(
        "b",
        {
            "a": "Heze's 31.47% is below the provincial 32.10%: sixth place is not 'above "
            "average', because the provincial share is weighted by the big industrial cities",
            "c": "the quote ranks the share itself (占比位居全省第6位); the rise of 0.38 points "
            "is reported separately, against the last city",
        },
    ),
    level="medium",
    minutes=5,
    kinds=("critical",),
    practises="reading what a province-wide rank does and does not say",
    teacher_note=(
        "'a' is the common answer: sixth of many sounds above average. The table shows Heze "
        "sixth yet below the provincial share. 'c' shows the learner carried over the doubt "
        "about the release's 第六, where the rank follows the rise; here the quote is explicit."
    ),
)
def heze_sixth() -> str:
    return "b"
