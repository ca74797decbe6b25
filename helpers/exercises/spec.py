"""An exercise as the teacher writes it: the task's answer variable, what a right answer is, the
named mistakes, and the otter-grader tests that come out of it.

Each exercise of a notebook is a markdown task, then a code cell tagged `solution` that assigns
the exercise's own variable (`bound_count`, `pools_fig`: never one shared `answer`). The teaching
build (helpers.publish.teaching) turns that into an otter-grader question: the solution becomes
`bound_count = ...` for the student, and the tests below follow it.

- public tests (in the student notebook, run by `grader.check(...)`): only what holds no value:
  that the answer is given, its type, and what is visible without the answer (a chart's title,
  value-axis unit and bar labels; a table's columns). No value, and nothing computed from one
  (a hash of a three-digit number is reversed by trying them all), is in the student's copy.
- hidden tests (only in the teacher's autograder, run by `make grade`): one line,
  `fb.check("<id>", <variable>)`; the right value or range, the named mistakes (13 for
  1300 / 100, a value left in yuan), the chart's bars and bounds and what a wrong option
  reveals are in the autograder's data file (GRADING_FILE, written by `grading(lang)`), so
  otter's "Error at line ..." quotes no answer.

Accepted ranges follow one rule (`accepted`): the interval the release's printed figures allow,
widened only by display rounding to three significant digits (the precision the release's
figures carry: 476.6, 75.2%, 1.5亿元): any value in the interval is right, and so is the value
written to three significant digits. The guide and the answer key print these very ends.

Messages are written in English and marked N_() so the catalog (exercises.po) collects them;
`tests(lang)` translates them when the build writes the tests, so the Chinese edition's checks
speak Chinese. Expected values are computed from the fact table when the tests are written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from helpers.exercises.messages import gettext

LEVELS = ("easy", "medium", "hard")
KINDS = ("pandas", "transfer", "plotting", "critical")


def N_(message: str) -> str:  # noqa: N802  (the gettext convention: mark, translate later)
    """Mark `message` for the catalog without translating it here."""
    return message


NOT_ANSWERED = N_("Not answered yet: replace `...` in the cell above with your answer and run it.")
NOT_A_NUMBER = N_("Expected a number (int or float), got a {type}.")
NOT_TEXT = N_('Expected a string such as "a", got a {type}.')
NOT_AN_ID = N_(
    "Expected a fact id in quotes, as in the column id of facts (a string), got a {type}."
)
NOT_A_VERDICT = N_("Expected a verdict in quotes (a string), got a {type}.")
NOT_AN_OPTION = N_("That is not one of the options: answer one of them as a string.")
# One message for either side of the range, so that resubmitting cannot home in on the answer.
OUT_OF_RANGE = N_(
    "Not within the range the printed figures allow: check the unit, the base and which "
    "figures you used."
)
FORM_ONLY = N_(
    "Only the form of the answer was checked here; the value is checked when your teacher "
    "grades it."
)
FEEDBACK_IMPORT = "from helpers.exercises import feedback as fb"
# The hidden test loads the checks afresh from the autograder's own copy (otter run unpacks the
# autograder into ../source beside the submission's folder), under a private name: nothing the
# notebook imported or replaced (fb.check = ..., a patched module in sys.modules) is used.
PRIVATE_FEEDBACK = [
    "import importlib.util as iu",
    "from pathlib import Path",
    "places = [Path('../source/files'), Path('.')]",
    "here = next((p for p in places if (p / 'grading.json').is_file()), Path('.'))",
    "path = here / 'helpers' / 'exercises' / 'feedback.py'",
    "spec = iu.spec_from_file_location('_zz_grading_feedback', path)",
    "fb = iu.module_from_spec(spec)",
    "spec.loader.exec_module(fb)",
]
GRADING_FILE = "grading.json"  # the hidden tests' data, in the autograder zip only
DIGITS = 3  # significant digits an answer is graded to (the release's figures carry 3 or 4)


def accepted(value: float, low: float, high: float, digits: int = DIGITS) -> tuple[float, float]:
    """The interval the grader accepts for a number whose data allow [low, high]: that interval,
    and no more than display rounding adds to it: each end rounded to `digits` significant
    digits of the value, where that lies outside. An answer written to `digits` significant
    digits from any value in [low, high] is right, and so is any value in it.
    The ends are printed to one digit more than the answer, rounded outward.
    249.53 in [249.39, 249.67] -> (249, 250); 6.5 in [6.5, 6.5327] -> (6.5, 6.533)."""
    import math
    from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

    if value == 0:
        return float(low), float(high)
    step = Decimal(1).scaleb(math.floor(math.log10(abs(value))) - digits + 1)

    def rounded(x: float, to: Decimal, how: str = ROUND_HALF_UP) -> float:
        return float((Decimal(repr(float(x))) / to).quantize(Decimal(1), how) * to)

    # the ends as the guide prints them: outward to one digit more than the answer's
    fine = step / 10
    outer_low, outer_high = rounded(low, fine, ROUND_FLOOR), rounded(high, fine, ROUND_CEILING)
    return min(outer_low, rounded(low, step)), max(outer_high, rounded(high, step))


@dataclass(frozen=True)
class Exercise:
    """One exercise: where it is, what it asks for, and how a teacher plans it."""

    id: str  # section.name; the otter question is section_name
    variable: str
    hint: str
    level: str = "medium"
    minutes: int = 10
    points: int = 2
    kinds: tuple[str, ...] = ()
    practises: str = ""
    wrong_answers: str = ""  # the common wrong answers and what they reveal, for the guide

    @property
    def section(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def question(self) -> str:
        """The otter-grader question name."""
        return self.id.replace(".", "_")

    def with_hint(self, message: str, _: Callable[[str], str]) -> str:
        """`message` (translated) followed by the exercise's hint, for a hidden test."""
        return _(message) + " " + _("Hint: {hint}").format(hint=_(self.hint))

    def answer(self) -> Any:
        """The right answer (for the guide and the tests); subclasses compute it."""
        raise NotImplementedError

    def public(self, _: Callable[[str], str]) -> list[str]:
        """Lines of the public test's body, after the not-answered check."""
        return []

    def grading(self, _: Callable[[str], str]) -> dict[str, Any]:
        """What the hidden test checks, with its messages in the language of `_`: the entry of
        this exercise in the autograder's data file (never in a test's source)."""
        return {}

    def texts(self) -> list[str]:
        """Every English message of this exercise, for the catalog."""
        return [self.hint, self.practises, self.wrong_answers]

    def data(self, lang: str = "en") -> dict[str, Any]:
        """This exercise's entry of the grading data, in `lang`."""

        def _(message: str) -> str:
            return gettext(message, lang)

        return {"kind": self.kind, "not_answered": _(NOT_ANSWERED), **self.grading(_)}

    kind = ""

    def tests(self, lang: str = "en") -> tuple[str, str]:
        """(public, hidden) test functions as Python source, messages in `lang`: the public one
        checks the form only; the hidden one names the exercise and reads its data file."""

        def _(message: str) -> str:
            return gettext(message, lang)

        head = [FEEDBACK_IMPORT, f"fb.answered({self.variable}, {_(NOT_ANSWERED)!r})"]
        public = _function(f"test_{self.question}", self.variable, head + self.public(_))
        hidden_lines = [*PRIVATE_FEEDBACK, f"fb.check({self.id!r}, {self.variable})"]
        hidden = _function(f"test_{self.question}_graded", self.variable, hidden_lines)
        return public, hidden


def _function(name: str, variable: str, lines: list[str]) -> str:
    return f"def {name}({variable}):\n" + "".join(f"    {line}\n" for line in lines)


@dataclass(frozen=True)
class NumberExercise(Exercise):
    """A number in a range (the interval the release's rounding and 余 allow).

    `compute()` gives (value, low, high); `mistakes` maps a message naming a wrong route to a
    function giving the number it produces; `unit_mistakes` likewise for an unconverted value
    (its message is about the unit)."""

    compute: Callable[[], tuple[float, float, float]] = lambda: (0.0, 0.0, 0.0)
    mistakes: dict[str, Callable[[], float]] = field(default_factory=dict)
    unit_mistakes: dict[str, Callable[[], float]] = field(default_factory=dict)
    unit: str = ""

    kind = "number"

    def answer(self) -> tuple[float, float, float]:
        return self.compute()

    def accepted(self) -> tuple[float, float]:
        """The interval the grader accepts (and the guide prints): `accepted` of compute()."""
        return accepted(*self.compute())

    def public(self, _: Callable[[str], str]) -> list[str]:
        """The student's check: a number (a named mistake's value is the answer put through a
        known slip, so it, or any hash of it, would give the answer away: hidden only)."""
        return [f"fb.number({self.variable}, {_(NOT_A_NUMBER)!r})"]

    def grading(self, _: Callable[[str], str]) -> dict[str, Any]:
        low, high = self.accepted()
        named = [
            [float(wrong()), _(message)]
            for message, wrong in {**self.unit_mistakes, **self.mistakes}.items()
        ]
        return {
            "type": _(NOT_A_NUMBER),
            "named": named,
            "low": low,
            "high": high,
            "too_low": self.with_hint(OUT_OF_RANGE, _),
            "too_high": self.with_hint(OUT_OF_RANGE, _),
        }

    def texts(self) -> list[str]:
        return [*super().texts(), *self.mistakes, *self.unit_mistakes]


@dataclass(frozen=True)
class ChoiceExercise(Exercise):
    """One of a few options (letters, fact ids or verdicts): `wrong` maps each other option to
    what choosing it reveals (hidden: a public message per wrong option would name the right one
    by elimination)."""

    right: str = ""
    wrong: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)  # other words for an option (无法核查)
    type_message: str = NOT_TEXT  # NOT_AN_ID for a fact id, NOT_A_VERDICT for a verdict

    kind = "choice"

    def answer(self) -> str:
        return self.right

    @property
    def options(self) -> list[str]:
        return sorted({self.right, *self.wrong})

    def public(self, _: Callable[[str], str]) -> list[str]:
        accepted = sorted({*self.options, *self.aliases})
        return [
            f"fb.one_of({self.variable}, {accepted!r}, {_(NOT_AN_OPTION)!r}, "
            f"{_(self.type_message)!r})"
        ]

    def grading(self, _: Callable[[str], str]) -> dict[str, Any]:
        return {
            "right": self.right,
            "wrong": {option: _(why) for option, why in self.wrong.items()},
            "aliases": dict(self.aliases),
            "other": _(NOT_AN_OPTION),
            "type": _(self.type_message),
        }

    def texts(self) -> list[str]:
        return [*super().texts(), *self.wrong.values()]


CHART_MESSAGES = {
    "type": N_("Expected a matplotlib Figure (fig, ax = plt.subplots()), got a {type}."),
    "empty": N_(
        "The figure is empty: keep the figure returned by plt.subplots(), or assign it before "
        "plt.show()."
    ),
    "other_unit": N_("The axis says {found} but the task asks for {unit}."),
    "bars": N_("The chart has no bars: draw them with ax.bar or ax.barh."),
    "title": N_("The chart has no title: say what it shows with ax.set_title(...)."),
    "label": N_("The value axis has no label: say what is counted and in what unit."),
    "unit": N_("The value axis label names no unit of the figures: add it, e.g. in brackets."),
    "categories": N_("Some bars have no label saying what they are (a number is not a label)."),
    "broken": N_("The chart could not be read: draw it with ax.bar or ax.barh on one Axes."),
    "count": N_("The chart does not have one bar per figure asked for."),
    "category": N_("A figure asked for is missing, or its bar's label does not name it."),
    "lengths": N_("Some bars are not as long as their figures: check the unit of the data."),
    "unmarked": N_(
        "A lower bound (余) is drawn like an exact figure: hatch its bar or say 'more than' "
        "in its label."
    ),
    "overmarked": N_(
        "An exact figure is marked as a lower bound: only the figures written with 余 are bounds."
    ),
    "years": N_("Some bars' labels do not say which year they are of: the task asks for it."),
    "wrong_year": N_("A bar's label gives a year its figure is not of: check each figure's year."),
}


@dataclass(frozen=True)
class ChartExercise(Exercise):
    """A bar chart in plain matplotlib, assigned as a Figure: `rows()` gives (keywords, length,
    is_lower_bound) per bar, the keywords being words any fitting label holds (English and
    Chinese); `units` are the words that name the unit on the value axis."""

    rows: Callable[[], list[tuple[tuple[str, ...], float, bool]]] = lambda: []
    units: tuple[str, ...] = ()
    numbered: bool = False  # the bars stand for numbers (2023 counts): a number is a label
    years: bool = False  # the task asks each bar's label to say its year
    row_years: tuple[str, ...] = ()  # the year of each row: a label naming another is wrong

    kind = "chart"

    def answer(self) -> list[tuple[tuple[str, ...], float, bool]]:
        return self.rows()

    def _messages(self, _: Callable[[str], str], hint: bool) -> dict[str, str]:
        if hint:
            return {k: self.with_hint(v, _) for k, v in CHART_MESSAGES.items()}
        return {k: _(v) for k, v in CHART_MESSAGES.items()}

    def public(self, _: Callable[[str], str]) -> list[str]:
        # the messages on a line of their own: otter quotes the failing line, so it stays short
        return [
            f"messages = {self._messages(_, False)!r}",
            f"fb.chart_basics({self.variable}, {self.units!r}, messages, {self.numbered!r})",
        ]

    def grading(self, _: Callable[[str], str]) -> dict[str, Any]:
        return {
            "units": list(self.units),
            "numbered": self.numbered,
            "years": self.years,
            "basics": self._messages(_, False),
            "messages": self._messages(_, True),
            "rows": [[list(k), float(n), bool(b)] for k, n, b in self.rows()],
            "row_years": list(self.row_years),
        }

    def texts(self) -> list[str]:
        return [*super().texts(), *CHART_MESSAGES.values()]


TABLE_MESSAGES = {
    "type": N_("Expected a pandas DataFrame, got a {type}."),
    "columns": N_("The table has no column {columns}."),
    "rows": N_("The table holds other rows than the section's amounts of money."),
    "unit": N_(
        "The amounts are in another unit than yuan: value is printed in 万元 or 亿元; "
        "value_base is in yuan."
    ),
    "values": N_("Some amounts are not the figures of their rows."),
    "order": N_("The rows are not sorted from the largest amount to the smallest."),
    "broken": N_("The table could not be read: one row per figure, columns id and yuan."),
}


@dataclass(frozen=True)
class TableExercise(Exercise):
    """A DataFrame: `rows()` gives {key: amount}; `units` {name: factor} are other units an
    unconverted column would be in."""

    key: str = "id"
    column: str = "value"
    rows: Callable[[], dict[str, float]] = lambda: {}
    units: dict[str, float] = field(default_factory=dict)

    kind = "table"

    def answer(self) -> dict[str, float]:
        return self.rows()

    def public(self, _: Callable[[str], str]) -> list[str]:
        columns = [self.key, self.column]
        return [
            f"fb.table({self.variable}, {columns!r}, {_(TABLE_MESSAGES['type'])!r}, "
            f"{_(TABLE_MESSAGES['columns'])!r})"
        ]

    def grading(self, _: Callable[[str], str]) -> dict[str, Any]:
        return {
            "key": self.key,
            "column": self.column,
            "type": _(TABLE_MESSAGES["type"]),
            "columns": _(TABLE_MESSAGES["columns"]),
            "rows": self.rows(),
            "messages": {k: self.with_hint(v, _) for k, v in TABLE_MESSAGES.items()},
            "units": dict(self.units),
        }

    def texts(self) -> list[str]:
        return [*super().texts(), *TABLE_MESSAGES.values()]


# Words of the common messages, for the catalog.
COMMON_TEXTS = [
    NOT_ANSWERED,
    NOT_A_NUMBER,
    NOT_TEXT,
    NOT_AN_ID,
    NOT_A_VERDICT,
    NOT_AN_OPTION,
    OUT_OF_RANGE,
    FORM_ONLY,
]


def grading_data(exercises: list[Exercise], lang: str = "en") -> dict[str, Any]:
    """The autograder's data file (GRADING_FILE) for `exercises`: {id: data(lang)}."""
    return {item.id: item.data(lang) for item in exercises}
