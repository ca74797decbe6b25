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


def _plain_str(value: Any) -> str:
    """`value` as a built-in str (a str subclass's own methods, such as an __eq__ that always
    says True, are left behind: str.__str__ copies the characters)."""
    return str.__str__(value if isinstance(value, str) else str(value))


def _close(a: float, b: float, rel: float) -> bool:
    """math.isclose on built-in floats, without math (a notebook could replace math.isclose)."""
    a, b = float(a), float(b)
    return abs(a - b) <= rel * max(abs(a), abs(b))


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
        result = float(value)  # a built-in float, whatever the answer's class says of itself
    except Exception:
        raise Feedback(message.format(type=_describe(value))) from None
    if result != result:  # NaN
        raise Feedback(message.format(type=_describe(value)))
    return result


def not_near(value: Any, wrong: float, message: str, rel: float = 2e-3) -> None:
    """Fail with `message` if the answer is a number within `rel` of a known wrong result."""
    try:
        near = _close(value, wrong, rel)
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
    return _plain_str(value).strip().strip("()（）\"'").strip().lower()


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
        import pandas as pd

        frame = pd.DataFrame(value)  # a plain DataFrame, its cells copied to built-in types
        keys = [_plain_str(k) for k in frame[key].tolist()]
        amounts = [float(v) for v in frame[column].tolist()]
        if sorted(keys) != sorted(expected):
            raise Feedback(messages["rows"])
        got = dict(zip(keys, amounts, strict=True))

        def same(scale: float) -> bool:
            return all(_close(got[k] * scale, v, 1e-6) for k, v in expected.items())

        if not same(1.0):
            for k, v in expected.items():
                if not _close(got[k], v, 1e-6) and any(
                    _close(got[k] * factor, v, 1e-6) for factor in (units or {}).values()
                ):
                    raise Feedback(messages["unit"])
            raise Feedback(messages["values"])
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
    if not isinstance(value, Figure):
        raise TypeError(type(value).__name__)
    if not value.axes:
        raise EmptyFigure
    for axes in value.axes:
        if any(isinstance(p, Rectangle) for p in axes.patches):
            return value, axes
    return value, value.axes[0]


class EmptyFigure(ValueError):
    """A Figure with no Axes: plt.gcf() after plt.show() is a new, empty figure."""


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
        labels.append(_plain_str(ticks.get(round(centre, 6), "")))
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
    except EmptyFigure:
        raise Feedback(messages.get("empty", messages["bars"])) from None
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
        label = _plain_str(axes.get_ylabel() if vertical else axes.get_xlabel()).strip().lower()
        if not label:
            raise Feedback(messages["label"])
        if not any(unit.lower() in label for unit in units):
            other = next((u for u in OTHER_UNITS if u in label), None)
            if other is not None and "other_unit" in messages:
                raise Feedback(messages["other_unit"].format(found=other, unit=_unit_named(units)))
            raise Feedback(messages["unit"])
        labels = _category_labels(axes, bars, vertical)
        if not all(text.strip() if numbered else _is_word(text) for text in labels):
            raise Feedback(messages["categories"])

    _guard(check, messages["broken"])


# Units an axis label may name instead of the one asked for (the longest first: 亿元 before 元).
OTHER_UNITS = (
    "亿元",
    "万元",
    "百万",
    "元",
    "yuan",
    "cny",
    "rmb",
    "million",
    "billion",
    "%",
    "项",
    "家",
)


def _unit_named(units: Iterable[str]) -> str:
    """The unit a message names as the one asked for: % or the first Chinese unit word."""
    units = list(units)
    return next((u for u in units if u == "%" or not u.isascii()), units[0] if units else "")


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


def _says_bound(text: str) -> bool:
    lowered = _plain_str(text).lower()
    return any(word in lowered for word in BOUND_WORDS) or bool(BOUND_PATTERN.search(lowered))


def _bar_texts(axes: Any, bar: Any, vertical: bool) -> list[str]:
    """The texts written on or at the end of `bar` in data coordinates (ax.bar_label's
    annotations, ax.text at the bar's position)."""
    low = bar.get_x() if vertical else bar.get_y()
    high = low + (bar.get_width() if vertical else bar.get_height())
    low, high = min(low, high), max(low, high)
    texts = []
    for item in axes.texts:
        try:
            if getattr(item, "xy", None) is not None and getattr(item, "xycoords", "") == "data":
                x, y = item.xy
            elif item.get_transform() == axes.transData:
                x, y = item.get_position()
            else:
                continue
            where = float(x if vertical else y)
        except Exception:
            continue
        if low - 1e-9 <= where <= high + 1e-9:
            texts.append(_plain_str(item.get_text()))
    return texts


def _marked(bar: Any, label: str, notes: list[str]) -> bool:
    """Whether a bar is marked as a lower bound: hatched, or its label or a text on it (its
    ax.bar_label) says so ('more than', 'at least', 余 or 多 after a number; any case)."""
    if bar.get_hatch():
        return True
    return any(_says_bound(text) for text in [label, *notes])


def _score(keywords: Iterable[str], label: str) -> tuple[int, int]:
    """How well a label names a row: (keywords it names, their total length)."""
    named = [k for k in keywords if _names(k, label)]
    return len(named), sum(len(k) for k in named)


def _assign(rows: list[tuple[str, ...]], labels: list[str]) -> list[int] | None:
    """The bar (index into `labels`) of each row: the one-to-one assignment in which every row's
    label names it and the labels name their rows best (most keywords, then the longest), so a
    label naming two rows goes to the one it names better; None if there is none."""
    from itertools import permutations

    scores = [[_score(keywords, label) for label in labels] for keywords in rows]
    best: tuple[tuple[int, int], list[int]] | None = None
    if len(labels) > 8:  # no chart of the exercises has as many: the first fitting label
        free, chosen = list(range(len(labels))), []
        for row in scores:
            hits = [i for i in free if row[i][0]]
            if not hits:
                return None
            pick = max(hits, key=lambda i: row[i])
            free.remove(pick)
            chosen.append(pick)
        return chosen
    for order in permutations(range(len(labels)), len(rows)):
        pairs = [scores[r][i] for r, i in enumerate(order)]
        if not all(n for n, _length in pairs):
            continue
        total = (sum(n for n, _l in pairs), sum(length for _n, length in pairs))
        if best is None or total > best[0]:
            best = (total, list(order))
    return None if best is None else best[1]


def chart_bars(
    value: Any,
    expected: list[tuple[tuple[str, ...], float, bool]],
    messages: dict[str, str],
    rel: float = 2e-3,
    years: list[str] | None = None,
) -> None:
    """A hidden test of a bar chart: one bar per expected row, matched one to one on the labels
    (`_assign`), each as long as its row, and exactly the rows that are lower bounds marked as
    bounds (hatched, or 'more than' / 余 in the label or the bar's value label); with `years`
    (one per row), no bar's label gives a year its row is not of.

    `expected`: (keywords, length, is_lower_bound) per bar. `messages` keys: count, category,
    lengths, unmarked, overmarked, wrong_year, broken."""

    def check() -> None:
        _figure, axes = _figure_axes(value)
        bars = _bars(axes)
        if len(bars) != len(expected):
            raise Feedback(messages["count"])
        vertical = _vertical(bars)
        labels = [label.lower() for label in _category_labels(axes, bars, vertical)]
        order = _assign([keywords for keywords, _n, _b in expected], labels)
        if order is None:
            raise Feedback(messages["category"])
        matched = [
            (bars[i], labels[i], length, bound)
            for i, (_k, length, bound) in zip(order, expected, strict=True)
        ]
        if not all(_close(_length(b, vertical), n, rel) for b, _l, n, _b in matched):
            raise Feedback(messages["lengths"])
        for bar, label, _n, bound in matched:
            marked = _marked(bar, label, _bar_texts(axes, bar, vertical))
            if bound and not marked:
                raise Feedback(messages["unmarked"])
            if not bound and marked:
                raise Feedback(messages["overmarked"])
        for (_bar, label, _n, _b), year in zip(matched, years or [], strict=False):
            given = re.findall(r"(?<!\d)20\d\d(?!\d)", label)
            if year and given and year not in given:
                raise Feedback(messages.get("wrong_year", messages["category"]))

    _guard(check, messages["broken"])


# --- the hidden tests: one call, the expected values in the autograder's data file ------------

GRADING_FILE = "grading.json"
_GRADING: dict[str, Any] = {}
NO_GRADING = "This check runs in the teacher's autograder only (its data file is not here)."


def _grading() -> dict[str, Any]:
    if not _GRADING:
        here = Path(__file__).resolve()
        # beside this file first: the hidden tests load it from the autograder's own copy
        for place in (here.parents[2], Path.cwd()):
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
        value = number(value, entry["type"])  # a built-in float from here on
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
        chart_bars(value, rows, entry["messages"], years=entry.get("row_years"))
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
