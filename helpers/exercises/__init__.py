"""Exercises that check themselves, for teaching with the notebooks.

The pattern in a notebook (STYLE.md, "exercises that check themselves"):

1. a markdown cell with the task;
2. a code cell for the answer, which starts as ``answer = ...``;
3. a check cell, ``helpers.exercises.check("enterprises.municipal_incubators", answer)``, which
   prints "not answered yet" while the answer is ``...``, a helpful message when it is wrong, and a
   confirmation when it is right. It never raises, so the notebook runs top to bottom unanswered;
4. the solution in a collapsed ``<details>`` block in a markdown cell tagged ``solution``
   (nbgrader's habit): it is not executed, so it cannot answer the exercise; tests run it, and
   helpers.publish.teaching leaves it out of the student edition.

Each exercise carries what a teacher plans with (`level`, `minutes`, `kinds`, `practises`,
`teacher_note`); the teacher edition and TEACHING.md are written from them, so the notes stay out
of the notebooks' prose. Every word a check prints is English here and Chinese in a Chinese kernel,
through the gettext catalog exercises.po (helpers.exercises.messages): the messages below go
through `_()`, the exercises' own words are looked up by their English.

The expected answers are computed here from the fact table, never typed: each exercise is a
function registered with `@exercise`, in one module per notebook (helpers/exercises/<section>.py).
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from helpers.exercises.messages import gettext as _

_MODULES = ("enterprises", "rd_projects", "platforms", "talent", "finance", "audit", "context")
LEVELS = ("easy", "medium", "hard")
# What an exercise trains, beyond its level: a task on figures the notebook has not worked, a chart
# in plain pandas + matplotlib, a reading of the release with a checkable answer.
KINDS = ("pandas", "transfer", "plotting", "critical")


@dataclass(frozen=True)
class Exercise:
    """One exercise: how to compute its expected answer, how to compare, what to hint."""

    id: str
    expected: Callable[[], Any]
    compare: Callable[[Any, Any], str | None]
    hint: str
    level: str = "medium"
    minutes: int = 10
    kinds: tuple[str, ...] = ()
    practises: str = ""
    teacher_note: str = ""

    @property
    def section(self) -> str:
        return self.id.split(".", 1)[0]


class Accepted(str):
    """What a comparison returns for a right answer given another way (万元 instead of yuan): the
    answer passes, and the message says how it was read."""


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


def exercise(
    id: str,
    hint: str,
    compare: Callable[[Any, Any], str | None] | None = None,
    *,
    level: str = "medium",
    minutes: int = 10,
    kinds: tuple[str, ...] = (),
    practises: str = "",
    teacher_note: str = "",
):
    """Register the decorated function as the expected answer of exercise `id`, with what a
    teacher needs to plan it (level easy/medium/hard, minutes, kinds from KINDS)."""
    if level not in LEVELS:
        raise ValueError(f"{id}: level {level!r} is not one of {', '.join(LEVELS)}")
    unknown = sorted(set(kinds) - set(KINDS))
    if unknown:
        raise ValueError(f"{id}: unknown kinds {unknown}; known: {', '.join(KINDS)}")

    def register(function: Callable[[], Any]) -> Callable[[], Any]:
        _REGISTRY[id] = Exercise(
            id,
            function,
            compare or close(),
            hint,
            level,
            minutes,
            tuple(kinds),
            practises,
            teacher_note,
        )
        return function

    return register


def _load_all() -> None:
    for name in _MODULES:
        try:
            importlib.import_module(f"helpers.exercises.{name}")
        except ModuleNotFoundError as missing:
            if missing.name != f"helpers.exercises.{name}":
                raise


def registry() -> dict[str, Exercise]:
    """Every exercise, by id (all modules loaded)."""
    _load_all()
    return dict(_REGISTRY)


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
        return Result(
            id,
            None,
            _(
                "{id}: not answered yet. Replace `...` with your answer, then run this cell again."
            ).format(id=id),
        )
    try:
        problem = item.compare(answer, item.expected())
    except Exception as error:  # a learner's answer may be anything; say what went wrong
        problem = _("your answer could not be checked ({error})").format(
            error=f"{type(error).__name__}: {error}"
        )
    if problem is None:
        return Result(id, True, _("{id}: correct. Well done.").format(id=id))
    if isinstance(problem, Accepted):
        return Result(id, True, _("{id}: correct ({how}).").format(id=id, how=problem))
    return Result(
        id,
        False,
        _("{id}: not yet: {problem}. Hint: {hint}").format(
            id=id, problem=problem, hint=_(item.hint)
        ),
    )


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
            return _not_a_number(answer)
        if math.isclose(float(answer), float(expected), rel_tol=rel, abs_tol=abs_):
            return None
        message = _("{answer} is too high") if answer > expected else _("{answer} is too low")
        return message.format(answer=f"{answer:g}")

    return compare


def _not_a_number(answer: Any) -> str:
    return _("expected a number, got {type} {answer}").format(
        type=type(answer).__name__, answer=repr(answer)
    )


def equal() -> Callable[[Any, Any], str | None]:
    """Exactly equal (strings, whole numbers, lists, sets)."""

    def compare(answer: Any, expected: Any) -> str | None:
        if answer == expected:
            return None
        return _("{answer} is not the expected answer").format(answer=repr(answer))

    return compare


def within(
    mistakes: Callable[[Any], dict[str, float]] | None = None,
    rel: float = 1e-6,
    units: dict[str, float] | None = None,
) -> Callable[[Any, Any], str | None]:
    """A number anywhere in the interval the data allow.

    `expected` is a helpers.derive.Quantity (or anything with value, low and high): the answer
    passes if it lies between `low` and `high`, widened to the ends as the notebook shows them
    (helpers.formatting.round_interval), so 406 and 408万元 pass when the text says "between about
    405 and 409". `mistakes(expected)` maps a typical wrong route, in words, to the number it
    gives; an answer near one is told which mistake it looks like. `units` maps another unit
    a learner may answer in to how many of it make one expected unit ({"yuan": 10_000} when the
    task asks for 万元): such an answer passes, and the message says which unit was meant.
    """
    from helpers.formatting import round_interval

    def compare(answer: Any, expected: Any) -> str | None:
        if isinstance(answer, bool) or not isinstance(answer, int | float):
            return _not_a_number(answer)
        value = float(answer)
        _value, shown_low, shown_high = round_interval(expected.value, expected.low, expected.high)
        low = min(expected.low, shown_low)
        high = max(expected.high, shown_high)
        slack = rel * max(abs(low), abs(high), 1e-12)
        if low - slack <= value <= high + slack:
            return None
        for unit, factor in (units or {}).items():
            if low - slack <= value / factor <= high + slack:
                meant = _(expected.base_unit) if expected.base_unit else _("the unit asked for")
                return Accepted(
                    _("{answer} read as {unit}; the task meant {meant}: {value} {meant}").format(
                        answer=f"{answer:g}", unit=_(unit), meant=meant, value=f"{value / factor:g}"
                    )
                )
        for mistake, wrong in (mistakes(expected) if mistakes else {}).items():
            if math.isclose(value, wrong, rel_tol=1e-3):
                return _("{answer} looks like {mistake}").format(
                    answer=f"{answer:g}", mistake=_(mistake)
                )
        message = (
            _("{answer} is too high: the data allow {low} to {high}")
            if value > high
            else _("{answer} is too low: the data allow {low} to {high}")
        )
        return message.format(answer=f"{answer:g}", low=f"{low:g}", high=f"{high:g}")

    def texts(expected: Any) -> list[str]:  # the words it may show, for the catalog
        named = list(mistakes(expected)) if mistakes else []
        return named + list(units or {}) + ([expected.base_unit] if expected.base_unit else [])

    compare.texts = texts  # type: ignore[attr-defined]
    return compare


def choice(answer_key: str, wrong: dict[str, str]) -> Callable[[Any, Any], str | None]:
    """One option of a multiple choice (a letter, any case) or one fact id: `wrong` maps each
    other option to what choosing it reveals, so the message names the mistake. An option that
    is a glossary term (an audit verdict) may be answered in Chinese too (无法核查 for
    "cannot be checked"): the Chinese edition's students read the verdicts in Chinese."""
    options = sorted({answer_key, *wrong})

    def compare(answer: Any, expected: Any) -> str | None:
        if not isinstance(answer, str):
            return _("expected one of {options} as a string").format(
                options=", ".join(repr(o) for o in options)
            )
        given = answer.strip().strip("()").lower()
        given = _chinese_options(tuple(options)).get(given, given)
        if given == str(expected).lower():
            return None
        for option, why in wrong.items():
            if given == option.lower():
                return _("{answer}: {why}").format(answer=repr(answer), why=_(why))
        return _("{answer} is not one of the options ({options})").format(
            answer=repr(answer), options=", ".join(options)
        )

    compare.texts = lambda expected: list(wrong.values())  # type: ignore[attr-defined]
    return compare


@cache
def _chinese_options(options: tuple[str, ...]) -> dict[str, str]:
    """{the glossary's Chinese for an option: the option, lower case} for the options that are
    glossary terms."""
    from helpers.i18n import glossary

    wanted = {option.lower() for option in options}
    return {
        zh: row["term_en"].lower()
        for zh, row in glossary().items()
        if row["term_en"].lower() in wanted
    }


# Words that say a bar is a lower bound, in a label, legend or note (English and Chinese).
BOUND_WORDS = ("more than", "at least", "lower bound", "≥", ">", "余", "以上", "至少", "下限")


def _bars_of(answer: Any):
    """(figure, axes with bars, bars) of a matplotlib Figure or Axes; bars are Rectangles."""
    from matplotlib.patches import Rectangle

    figure = answer if hasattr(answer, "axes") and isinstance(answer.axes, list) else None
    axes_list = figure.axes if figure is not None else [answer]
    for axes in axes_list:
        bars = [p for p in getattr(axes, "patches", []) if isinstance(p, Rectangle)]
        if bars:
            return (figure or axes.figure), axes, bars
    return figure, (axes_list[0] if axes_list else None), []


def _texts(figure: Any, axes: Any) -> list[str]:
    texts = [t.get_text() for t in axes.get_xticklabels() + axes.get_yticklabels()]
    texts += [t.get_text() for t in axes.texts + figure.texts]
    legend = axes.get_legend() or (figure.legends[0] if figure.legends else None)
    if legend is not None:
        texts += [t.get_text() for t in legend.get_texts()]
    return texts


def chart(units: tuple[str, ...], rel: float = 1e-3) -> Callable[[Any, Any], str | None]:
    """A bar chart drawn with matplotlib (or seaborn, or pandas' .plot.bar): the expected bars,
    a title, a unit on the value axis, and each lower bound marked as one.

    `expected` is a list of (value, is_lower_bound) pairs; the unit is any of `units` (case
    ignored) in the value axis label ("Firms", "家", "万元", "%"). A lower bound is marked by
    hatching its bar, or by a label, legend or note saying so (BOUND_WORDS).
    """

    def compare(answer: Any, expected: Any) -> str | None:
        if not hasattr(answer, "axes") and not hasattr(answer, "patches"):
            return _("expected a matplotlib Figure or Axes, got {type}").format(
                type=type(answer).__name__
            )
        figure, axes, bars = _bars_of(answer)
        if not bars:
            return _("the chart has no bars: draw a bar chart (ax.bar or ax.barh)")
        # vertical bars stand at different x; horizontal ones start at the same x (0)
        if len(bars) > 1:
            vertical = len({round(p.get_x(), 9) for p in bars}) > 1
        else:
            vertical = bars[0].get_height() >= bars[0].get_width()
        length = (lambda p: p.get_height()) if vertical else (lambda p: p.get_width())
        want = [float(v) for v, _is_bound in expected]
        if len(bars) != len(want):
            return _("the chart has {bars} bars; {expected} were expected").format(
                bars=len(bars), expected=len(want)
            )
        got = sorted(length(p) for p in bars)
        if not all(math.isclose(g, w, rel_tol=rel) for g, w in zip(got, sorted(want), strict=True)):
            return _(
                "the bars have different lengths from the figures (check the unit of the data)"
            )
        titles = [axes.get_title(loc) for loc in ("left", "center", "right")]
        suptitle = getattr(figure, "_suptitle", None)
        if not any(titles) and not (suptitle is not None and suptitle.get_text()):
            return _("the chart has no title")
        label = (axes.get_ylabel() if vertical else axes.get_xlabel()).lower()
        if not label:
            return _("the value axis has no label: say what is counted and in what unit")
        if not any(unit.lower() in label for unit in units):
            return _("the value axis label {label} gives no unit: use one of {units}").format(
                label=repr(label), units=", ".join(units)
            )
        bound_values = [v for v, is_bound in expected if is_bound]
        if bound_values:
            bound_bars = [
                p
                for p in bars
                if any(math.isclose(length(p), v, rel_tol=rel) for v in bound_values)
            ]
            hatched = all(p.get_hatch() for p in bound_bars)
            said = any(word in text for text in _texts(figure, axes) for word in BOUND_WORDS)
            if not (hatched or said):
                return _(
                    "the lower bounds (余) are drawn like exact figures: hatch their bars "
                    "or label them 'more than'"
                )
        return None

    return compare
