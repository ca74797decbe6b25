"""Exercises that check themselves, for teaching with the notebooks.

The pattern in a notebook (STYLE.md, "exercises that check themselves"):

1. a markdown cell with the task;
2. a code cell for the answer, which starts as ``answer = ...``;
3. a check cell, ``helpers.exercises.check("enterprises.municipal_incubators", answer)``, which
   prints "not answered yet" while the answer is ``...``, a helpful message when it is wrong, and a
   confirmation when it is right. It never raises, so the notebook runs top to bottom unanswered;
4. the solution in a collapsed ``<details>`` block in markdown, where a student finds it after
   trying (it is not executed, so it cannot answer the exercise for them; tests run it).

The expected answers are computed here from the fact table, never typed: each exercise is a
function registered with `@exercise`, in one module per notebook (helpers/exercises/<section>.py).
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from helpers import i18n

_MODULES = ("sources", "enterprises", "rd_projects", "platforms", "talent", "finance")


@dataclass(frozen=True)
class Exercise:
    """One exercise: how to compute its expected answer, how to compare, what to hint."""

    id: str
    expected: Callable[[], Any]
    compare: Callable[[Any, Any], str | None]
    hint: str


@dataclass(frozen=True)
class Result:
    """What a check found; `passed` is None while the exercise is not answered."""

    id: str
    passed: bool | None
    message: str

    def __bool__(self) -> bool:
        return bool(self.passed)

    def __repr__(self) -> str:  # what a notebook shows if the result is the cell's last value
        return self.message


_REGISTRY: dict[str, Exercise] = {}


def exercise(id: str, hint: str, compare: Callable[[Any, Any], str | None] | None = None):
    """Register the decorated function as the expected answer of exercise `id`."""

    def register(function: Callable[[], Any]) -> Callable[[], Any]:
        _REGISTRY[id] = Exercise(id, function, compare or close(), hint)
        return function

    return register


def _load_all() -> None:
    for name in _MODULES:
        try:
            importlib.import_module(f"helpers.exercises.{name}")
        except ModuleNotFoundError as missing:
            if missing.name != f"helpers.exercises.{name}":
                raise


def get(id: str) -> Exercise:
    """The registered exercise `id`; a KeyError that lists the known ones otherwise."""
    if id not in _REGISTRY:
        _load_all()
    if id not in _REGISTRY:
        known = ", ".join(sorted(_REGISTRY)) or "none"
        raise KeyError(f"No exercise called {id!r}. Known exercises: {known}.")
    return _REGISTRY[id]


def evaluate(id: str, answer: Any) -> Result:
    """Compare `answer` with the expected answer of exercise `id`, without printing."""
    item = get(id)
    if answer is ...:  # what every stored output shows: in the notebook's language
        return Result(id, None, i18n.t(
            f"{id}: not answered yet. Replace `...` with your answer, then run this cell again.",
            f"{id}：尚未作答。请把 `...` 换成你的答案，然后再运行本单元格。"))
    try:
        problem = item.compare(answer, item.expected())
    except Exception as error:  # a learner's answer may be anything; say what went wrong
        problem = f"your answer could not be checked ({type(error).__name__}: {error})"
    if problem is None:
        return Result(id, True, i18n.t(f"{id}: correct. Well done.", f"{id}：答对了，很好。"))
    return Result(id, False, f"{id}: not yet: {problem}. Hint: {item.hint}")


def check(id: str, answer: Any) -> None:
    """Check a learner's answer to exercise `id` and print what was found; never raises on a
    wrong answer, so a notebook runs top to bottom with exercises unanswered. Returns None, so a
    cell ending with the call shows the message once (use `evaluate` for the Result)."""
    print(evaluate(id, answer).message)


# --- comparisons: each returns None when the answer is right, or what is wrong, in words ------


def close(rel: float = 1e-3, abs_: float = 1e-9) -> Callable[[Any, Any], str | None]:
    """A number within a relative tolerance (the release's rounding makes exact equality wrong)."""

    def compare(answer: Any, expected: Any) -> str | None:
        if isinstance(answer, bool) or not isinstance(answer, int | float):
            return f"expected a number, got {type(answer).__name__} {answer!r}"
        if math.isclose(float(answer), float(expected), rel_tol=rel, abs_tol=abs_):
            return None
        direction = "too high" if answer > expected else "too low"
        return f"{answer:g} is {direction}"

    return compare


def equal() -> Callable[[Any, Any], str | None]:
    """Exactly equal (strings, whole numbers, lists, sets)."""

    def compare(answer: Any, expected: Any) -> str | None:
        return None if answer == expected else f"{answer!r} is not the expected answer"

    return compare


def same_rows(columns: list[str], sort_by: str | None = None) -> Callable[[Any, Any], str | None]:
    """A DataFrame whose `columns` hold the expected values (order of rows ignored if sort_by)."""

    def compare(answer: Any, expected: Any) -> str | None:
        import pandas as pd

        if not isinstance(answer, pd.DataFrame):
            return f"expected a DataFrame, got {type(answer).__name__}"
        missing = [c for c in columns if c not in answer.columns]
        if missing:
            return f"the table has no column {', '.join(missing)}"
        got, want = answer[columns], expected[columns]
        if sort_by:
            got = got.sort_values(sort_by)
            want = want.sort_values(sort_by)
        if len(got) != len(want):
            return f"the table has {len(got)} rows; the answer has {len(want)}"
        if not got.reset_index(drop=True).equals(want.reset_index(drop=True)):
            return "the rows hold different values"
        return None

    return compare


def bar_heights(rel: float = 1e-3) -> Callable[[Any, Any], str | None]:
    """A matplotlib Axes (or Figure) whose bars have the expected heights, in order, and a title."""

    def compare(answer: Any, expected: Any) -> str | None:
        is_figure = hasattr(answer, "axes") and isinstance(answer.axes, list)
        axes = answer.axes[0] if is_figure else answer
        if not hasattr(axes, "patches"):
            return f"expected a matplotlib Axes or Figure, got {type(answer).__name__}"
        bars = [p for p in axes.patches if hasattr(p, "get_height")]
        widths = {round(p.get_width(), 9) for p in bars}
        # vertical bars share one width and differ in height; horizontal ones the other way
        vertical = len(widths) == 1
        heights = sorted(p.get_height() if vertical else p.get_width() for p in bars)
        want = sorted(float(x) for x in expected)
        if len(heights) != len(want):
            return f"the chart has {len(heights)} bars; {len(want)} were expected"
        if not all(math.isclose(h, w, rel_tol=rel) for h, w in zip(heights, want, strict=True)):
            return "the bars have different lengths from the figures"
        if not any(axes.get_title(loc) for loc in ("left", "center", "right")):
            return "the chart has no title"
        return None

    return compare


def within(
    mistakes: Callable[[Any], dict[str, float]] | None = None, rel: float = 1e-6
) -> Callable[[Any, Any], str | None]:
    """A number anywhere in the interval the data allow.

    `expected` is a helpers.derive.Quantity (or anything with value, low and high): the answer
    passes if it lies between `low` and `high`, widened to the ends as the notebook shows them
    (helpers.formatting.round_interval), so 406 and 408万元 pass when the text says "between about
    405 and 409". `mistakes(expected)` maps a typical wrong route, in words, to the number it
    gives; an answer near one is told which mistake it looks like.
    """
    from helpers.formatting import round_interval

    def compare(answer: Any, expected: Any) -> str | None:
        if isinstance(answer, bool) or not isinstance(answer, int | float):
            return f"expected a number, got {type(answer).__name__} {answer!r}"
        value = float(answer)
        _, shown_low, shown_high = round_interval(expected.value, expected.low, expected.high)
        low = min(expected.low, shown_low)
        high = max(expected.high, shown_high)
        slack = rel * max(abs(low), abs(high), 1e-12)
        if low - slack <= value <= high + slack:
            return None
        for mistake, wrong in (mistakes(expected) if mistakes else {}).items():
            if math.isclose(value, wrong, rel_tol=1e-3):
                return f"{answer:g} looks like {mistake}"
        direction = "too high" if value > high else "too low"
        return f"{answer:g} is {direction}: the data allow {low:g} to {high:g}"

    return compare
