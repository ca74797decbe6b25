"""Exercises of notebooks/06_context.ipynb: reading figures from other public sources
(data/context.csv). The answers come from the context table, never typed."""

from __future__ import annotations

from helpers.exercises.spec import N_, ChoiceExercise, NumberExercise


def _base(id: str) -> float:
    from helpers.context import load_context

    return float(load_context().set_index("id").loc[id, "value_base"])


def _gap() -> tuple[float, float, float]:
    gap = _base("yantai_share_2021") - _base("zaozhuang_share_2021")
    return gap, gap - 0.006, gap + 0.006  # both shares printed to 0.01 or 0.1 points


def _break_even() -> tuple[float, float, float]:
    now = _base("yantai_share_2021")
    before = now - _base("yantai_change_2021")
    value = 100 * (now / before - 1)
    return value, value - 0.02, value + 0.02  # the rounding of 58.28 and 3.51


EXERCISES = [
    NumberExercise(
        "context.gap_yantai_2021",
        variable="gap_points",
        hint=N_("a gap between two shares of the same year is a difference, in percentage points"),
        level="easy",
        minutes=5,
        kinds=("pandas", "transfer"),
        practises=N_("selecting rows of a table by place and year, and a difference in points"),
        wrong_answers=N_(
            "The right size with the sign reversed (Zaozhuang minus Yantai); the sum of the two "
            "shares; the gap as a per cent of Yantai's share, where the task asks for points."
        ),
        compute=_gap,
        mistakes={
            N_("That is Zaozhuang minus Yantai: the task asks how far Zaozhuang was below."): (
                lambda: -_gap()[0]
            ),
            N_("That adds the two shares: a gap is a difference."): lambda: (
                _base("yantai_share_2021") + _base("zaozhuang_share_2021")
            ),
            N_("That is a per cent of Yantai's share: the task asks for percentage points."): (
                lambda: 100 * _gap()[0] / _base("yantai_share_2021")
            ),
        },
        unit="points",
    ),
    NumberExercise(
        "context.break_even_yantai",
        variable="break_even_pct",
        hint=N_(
            "total output is high-tech output divided by the share: what growth of "
            "high-tech output keeps it flat?"
        ),
        level="medium",
        minutes=10,
        kinds=("transfer",),
        practises=N_("the share identity applied to another city's figures"),
        wrong_answers=N_(
            "The rise in points taken for the growth needed; the right ratio not turned into "
            "per cent; dividing the rise by the 2021 share instead of the 2020 one."
        ),
        compute=_break_even,
        mistakes={
            N_("That is the rise in points, not the growth high-tech output needs."): lambda: _base(
                "yantai_change_2021"
            ),
            N_("That is a ratio: turn it into per cent."): lambda: _break_even()[0] / 100,
            N_("That divides by the 2021 share: the growth is on the earlier year's share."): (
                lambda: 100 * _base("yantai_change_2021") / _base("yantai_share_2021")
            ),
        },
        unit="%",
    ),
    ChoiceExercise(
        "context.heze_sixth",
        variable="heze_reading",
        hint=N_("work each statement out from the quote and the table before choosing one"),
        level="medium",
        minutes=5,
        kinds=("critical", "transfer"),
        practises=N_("points, per cent, ratios and rises of shares, on a quote the notebook cites"),
        wrong_answers=N_(
            "a: Heze taken to be above the province (31.47% is below 32.10%). b: a gap in points "
            "read as per cent. c: a gap between levels read as a difference of rises."
        ),
        right="d",
        wrong={
            "a": N_("Compare 31.47% with the province's share in the table: which is larger?"),
            "b": N_("12.48 is a gap between two shares: its unit is percentage points."),
            "c": N_(
                "12.48 points is a gap between two levels in one half-year, not between rises."
            ),
        },
    ),
]
