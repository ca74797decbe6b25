"""What an exercise check says to a learner: a sentence about the likely mistake, never a value.

The otter-grader tests of the teaching edition (written by helpers.exercises.tests) call these
functions. Each returns None when the answer passes the test and raises `Feedback` with a message
when it does not; it never lets another exception through, so a student whose answer is a
DataFrame where a number was asked reads "expected a number, got a DataFrame", not a traceback.

This module ships in the student edition, so it holds no expected value: the public tests pass
it only the words to say and what is visible without the answer (the options, a table's
columns, the units a chart's axis may name). The values and ranges a right answer must meet,
and the wrong values of the named mistakes, are in the autograder's data file (grading.json,
in the teacher's autograder zip only), which `check` reads: a hidden test is one line,
`fb.check("talent.subsidy_2023_wan", subsidy_2023_wan)`, so otter's report quotes no value.
Every message comes in as an argument, already in the notebook's language (the build translates
them with the exercises catalog), so this module has no words of its own to translate except the
few that describe a type, which it keeps in both languages.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any


class Feedback(AssertionError):  # noqa: N818  (otter prints the class name before the message)
    """A check that failed, with what to tell the learner."""


# Words that mark a bar as a lower bound in its label, legend or note (compared lower-case).
# Not 以上: in this release it marks a level (省级以上科技项目数, 市级以上), not a bound; and 多
# or 以上 only right after a number ("100多", "100个以上"), where they are one.
BOUND_WORDS = (
    "more than",
    "at least",
    "lower bound",
    "or more",
    "≥",
    "超过",
    "至少",
    "不少于",
    "下限",
)
BOUND_PATTERN = re.compile(r"(?<![其剩残])余|\d\s*多|\d\s*[个项家人名件]?\s*以上|超\s*\d")

_TYPE_NAMES = {
    "en": {"number": "a number", "figure": "a matplotlib Figure", "text": "a string"},
    "zh": {"number": "数字", "figure": "matplotlib 的 Figure", "text": "字符串"},
}


def _describe(value: Any) -> str:
    return type(value).__name__


def _guard(check: Callable[[], None], failed: str) -> None:
    """Run `check`; any exception other than Feedback becomes Feedback(`failed`)."""
    try:
        check()
    except Feedback:
        raise
    except Exception:  # a learner's answer may be anything: never show a traceback
        raise Feedback(failed) from None


def answered(value: Any, message: str) -> None:
    """Fail with `message` while the answer is still `...` (or None: the cell was not run)."""
    if value is ... or value is None:
        raise Feedback(message)


def number(value: Any, message: str) -> float:
    """The answer as a float, or Feedback(`message`, with {type} filled) if it is not a number
    (a bool, a string, a Series or a DataFrame is not)."""
    if isinstance(value, bool | str):
        raise Feedback(message.format(type=_describe(value)))
    try:
        result = float(value)
    except Exception:
        raise Feedback(message.format(type=_describe(value))) from None
    if math.isnan(result):
        raise Feedback(message.format(type=_describe(value)))
    return result


def not_near(value: Any, wrong: float, message: str, rel: float = 2e-3) -> None:
    """Fail with `message` if the answer is a number within `rel` of a known wrong result."""
    try:
        near = math.isclose(float(value), float(wrong), rel_tol=rel)
    except Exception:
        return
    if near:
        raise Feedback(message)


def between(value: Any, low: float, high: float, too_low: str, too_high: str) -> None:
    """Fail unless the answer lies in [low, high] (a hidden test: the ends are the answer)."""
    x = number(value, too_low)
    slack = 1e-9 * max(abs(low), abs(high), 1.0)
    if x < low - slack:
        raise Feedback(too_low)
    if x > high + slack:
        raise Feedback(too_high)


def text(value: Any, message: str) -> str:
    """The answer as a stripped lower-case string, or Feedback(`message`) if it is not text."""
    if not isinstance(value, str):
        raise Feedback(message.format(type=_describe(value)))
    return value.strip().strip("()（）\"'").strip().lower()


def one_of(value: Any, options: Iterable[str], message: str, type_message: str) -> str:
    """The answer as one of `options` (case and brackets ignored), or Feedback(`message`)."""
    given = text(value, type_message)
    if given not in {o.lower() for o in options}:
        raise Feedback(message)
    return given


def choice(
    value: Any,
    right: str,
    wrong: dict[str, str],
    other: str,
    type_message: str,
    aliases: dict[str, str] | None = None,
) -> None:
    """A hidden test of a multiple choice: `wrong` maps each other option to what choosing it
    reveals; an answer that is no option gets `other`; `aliases` maps other words for an
    option (无法核查) to it."""
    given = text(value, type_message)
    given = {k.lower(): v.lower() for k, v in (aliases or {}).items()}.get(given, given)
    if given == right.lower():
        return
    for option, why in wrong.items():
        if given == option.lower():
            raise Feedback(why)
    raise Feedback(other)


# --- tables -------------------------------------------------------------------------------


def table(value: Any, columns: Iterable[str], type_message: str, columns_message: str) -> Any:
    """The answer as a pandas DataFrame with `columns`, or Feedback."""
    try:
        import pandas as pd

        is_frame = isinstance(value, pd.DataFrame)
    except Exception:
        is_frame = False
    if not is_frame:
        raise Feedback(type_message.format(type=_describe(value)))
    missing = [c for c in columns if c not in value.columns]
    if missing:
        raise Feedback(columns_message.format(columns=", ".join(missing)))
    return value


def column_values(
    value: Any,
    key: str,
    column: str,
    expected: dict[str, float],
    messages: dict[str, str],
    units: dict[str, float] | None = None,
) -> None:
    """A hidden test of a table: the rows keyed by `key` are those of `expected` with `column`
    equal to its values; in another unit (`units`: {name: factor}) the message is about the unit;
    then the order (largest first). `messages` keys: rows, unit, values, order, broken."""

    def check() -> None:
        keys = [str(k) for k in value[key]]
        if sorted(keys) != sorted(expected):
            raise Feedback(messages["rows"])
        got = {str(k): float(v) for k, v in zip(value[key], value[column], strict=True)}

        def same(scale: float) -> bool:
            return all(math.isclose(got[k] * scale, v, rel_tol=1e-6) for k, v in expected.items())

        if not same(1.0):
            for k, v in expected.items():
                if not math.isclose(got[k], v, rel_tol=1e-6) and any(
                    math.isclose(got[k] * factor, v, rel_tol=1e-6)
                    for factor in (units or {}).values()
                ):
                    raise Feedback(messages["unit"])
            raise Feedback(messages["values"])
        amounts = [got[k] for k in keys]
        if amounts != sorted(amounts, reverse=True):
            raise Feedback(messages["order"])

    _guard(check, messages["broken"])


# --- charts -------------------------------------------------------------------------------


def _figure_axes(value: Any) -> tuple[Any, Any]:
    """(figure, the first axes with bars, else the first axes) of a Figure or an Axes."""
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

    if isinstance(value, Axes):
        return value.figure, value
    if not isinstance(value, Figure) or not value.axes:
        raise TypeError(type(value).__name__)
    for axes in value.axes:
        if any(isinstance(p, Rectangle) for p in axes.patches):
            return value, axes
    return value, value.axes[0]


def _bars(axes: Any) -> list[Any]:
    from matplotlib.patches import Rectangle

    return [p for p in axes.patches if isinstance(p, Rectangle) and p.get_visible()]


def _vertical(bars: list[Any]) -> bool:
    if len(bars) > 1:
        return len({round(b.get_x(), 6) for b in bars}) > 1
    return bars[0].get_height() >= bars[0].get_width()


def _category_labels(axes: Any, bars: list[Any], vertical: bool) -> list[str]:
    """The tick label under (or beside) each bar, in the order of `bars`."""
    axis = axes.xaxis if vertical else axes.yaxis
    ticks = {
        round(float(t), 6): label.get_text()
        for t, label in zip(axis.get_ticklocs(), axis.get_ticklabels(), strict=False)
    }
    labels = []
    for bar in bars:
        centre = (
            bar.get_x() + bar.get_width() / 2 if vertical else bar.get_y() + bar.get_height() / 2
        )
        labels.append(ticks.get(round(centre, 6), ""))
    return labels


def _length(bar: Any, vertical: bool) -> float:
    return float(bar.get_height() if vertical else bar.get_width())


def chart_basics(
    value: Any, units: Iterable[str], messages: dict[str, str], numbered: bool = False
) -> None:
    """A public test of a bar chart: a Figure (or Axes) with bars, a title, a value-axis label
    naming one of `units`, and a label on every bar (a word; a number too when `numbered`, for
    bars that stand for counts). `messages` keys: type, bars, title,
    label, unit, categories, broken."""
    from matplotlib.figure import Figure

    try:
        figure, axes = _figure_axes(value)
    except Exception:
        raise Feedback(messages["type"].format(type=_describe(value))) from None

    def check() -> None:
        bars = _bars(axes)
        if not bars:
            raise Feedback(messages["bars"])
        titles = [axes.get_title(loc) for loc in ("left", "center", "right")]
        suptitle = (
            figure._suptitle.get_text() if isinstance(figure, Figure) and figure._suptitle else ""
        )
        if not any(t.strip() for t in titles) and not suptitle.strip():
            raise Feedback(messages["title"])
        vertical = _vertical(bars)
        label = (axes.get_ylabel() if vertical else axes.get_xlabel()).strip().lower()
        if not label:
            raise Feedback(messages["label"])
        if not any(unit.lower() in label for unit in units):
            raise Feedback(messages["unit"])
        labels = _category_labels(axes, bars, vertical)
        if not all(text.strip() if numbered else _is_word(text) for text in labels):
            raise Feedback(messages["categories"])

    _guard(check, messages["broken"])


def _is_word(label: str) -> bool:
    """A category label that says something: not empty, not a bare number or one letter."""
    stripped = label.strip().replace("−", "-")
    if len(stripped) < 2:
        return any("\u4e00" <= ch <= "\u9fff" for ch in stripped)
    try:
        float(stripped)
    except ValueError:
        return True
    return False


def _names(keyword: str, label: str) -> bool:
    """Whether a (lower-case) bar label names `keyword`: a word as a part of the label, a number
    as a whole number of it (7 is not in 17 nor in 7.5)."""
    keyword = keyword.lower()
    if re.fullmatch(r"[\d.]+", keyword):
        return re.search(rf"(?<![\d.]){re.escape(keyword)}(?![\d]|\.\d)", label) is not None
    return keyword in label


def _marked(bar: Any, label: str, notes: list[str]) -> bool:
    """Whether a bar is marked as a lower bound: hatched, or its label says so."""
    if bar.get_hatch():
        return True
    lowered = label.lower()
    return any(word in lowered for word in BOUND_WORDS) or bool(BOUND_PATTERN.search(lowered))


def chart_bars(
    value: Any,
    expected: list[tuple[tuple[str, ...], float, bool]],
    messages: dict[str, str],
    rel: float = 2e-3,
) -> None:
    """A hidden test of a bar chart: one bar per expected row, the bar whose label holds one of
    the row's keywords (case ignored) has the row's length, and exactly the rows that are lower
    bounds are marked as bounds (hatched, or 'more than' / 余 in the label).

    `expected`: (keywords, length, is_lower_bound) per bar. `messages` keys: count, category,
    lengths, unmarked, overmarked, broken."""

    def check() -> None:
        _figure, axes = _figure_axes(value)
        bars = _bars(axes)
        if len(bars) != len(expected):
            raise Feedback(messages["count"])
        vertical = _vertical(bars)
        labels = [label.lower() for label in _category_labels(axes, bars, vertical)]
        matched: list[tuple[Any, str, float, bool]] = []
        free = list(zip(bars, labels, strict=True))
        for keywords, length, bound in expected:  # the most specific rows come first
            hits = [pair for pair in free if any(_names(k, pair[1]) for k in keywords)]
            if not hits:
                raise Feedback(messages["category"])
            free.remove(hits[0])
            bar, label = hits[0]
            matched.append((bar, label, length, bound))
        if not all(math.isclose(_length(b, vertical), n, rel_tol=rel) for b, _l, n, _b in matched):
            raise Feedback(messages["lengths"])
        for bar, label, _n, bound in matched:
            if bound and not _marked(bar, label, []):
                raise Feedback(messages["unmarked"])
            if not bound and _marked(bar, label, []):
                raise Feedback(messages["overmarked"])

    _guard(check, messages["broken"])


# --- the hidden tests: one call, the expected values in the autograder's data file ------------

GRADING_FILE = "grading.json"
_GRADING: dict[str, Any] = {}
NO_GRADING = "This check runs in the teacher's autograder only (its data file is not here)."


def use_grading(data: dict[str, Any]) -> None:
    """Grade with `data` ({id: entry}) instead of the data file (for tests)."""
    _GRADING.clear()
    _GRADING.update(data)


def _grading() -> dict[str, Any]:
    if not _GRADING:
        here = Path(__file__).resolve()
        for place in (Path.cwd(), here.parents[2], here.parents[1]):
            path = place / GRADING_FILE
            if path.is_file():
                _GRADING.update(json.loads(path.read_text(encoding="utf-8")))
                break
    return _GRADING


def check(id_: str, value: Any) -> None:
    """The hidden test of exercise `id_`: what its entry of the grading data asks of `value`."""
    entry = _grading().get(id_)
    if entry is None:
        raise Feedback(NO_GRADING)
    answered(value, entry["not_answered"])
    kind = entry["kind"]
    if kind == "number":
        number(value, entry["type"])
        for wrong, message in entry["named"]:
            not_near(value, wrong, message)
        between(value, entry["low"], entry["high"], entry["too_low"], entry["too_high"])
    elif kind == "choice":
        choice(
            value, entry["right"], entry["wrong"], entry["other"], entry["type"], entry["aliases"]
        )
    elif kind == "chart":
        chart_basics(value, entry["units"], entry["basics"], entry["numbered"])
        rows = [(tuple(k), float(n), bool(b)) for k, n, b in entry["rows"]]
        chart_bars(value, rows, entry["messages"])
        if entry.get("years"):
            chart_years(value, entry["messages"])
    elif kind == "table":
        table(value, [entry["key"], entry["column"]], entry["type"], entry["columns"])
        column_values(
            value, entry["key"], entry["column"], entry["rows"], entry["messages"], entry["units"]
        )
    else:
        raise Feedback(NO_GRADING)


def chart_years(value: Any, messages: dict[str, str]) -> None:
    """Fail with messages["years"] unless every bar's label holds a year (2024, 2025年)."""

    def check() -> None:
        _figure, axes = _figure_axes(value)
        bars = _bars(axes)
        labels = _category_labels(axes, bars, _vertical(bars))
        if not all(re.search(r"(?<!\d)20\d\d(?!\d)", label) for label in labels):
            raise Feedback(messages["years"])

    _guard(check, messages["broken"])


def type_name(kind: str, lang: str = "en") -> str:
    """How a message names the kind of answer expected ("a number", "数字")."""
    return _TYPE_NAMES.get(lang, _TYPE_NAMES["en"])[kind]
