"""The fact table, data/facts.csv: every figure the release states, as tidy data with the words of
the release that state it. Every later notebook reads its numbers from here; none types one.

- `load_facts()` reads the table and checks it as it loads (a pandera schema for the columns, their
  vocabularies and unique ids; the same schema checks each quote against the repaired release and
  each value against its quote). A broken file raises `DataError` with a message that names the
  file, the line, the row's id and the column, and says in plain words what is wrong.
- `fact("foreign_experts")` gives one figure as a `Fact`.
- `facts_summary()` counts the figures by section and unit; `lower_bounds()` lists the figures the
  release gives only as "more than" (余, 多, 超).
- `load_not_figures()` reads data/not_figures.csv, the numbers of the release that are not figures
  (dates, names, headings), each with its reason.
- `coverage_problems()` compares both tables with what `helpers.repair.extract` reads in the release, so
  that no figure of the text is left unclassified (tests/test_coverage.py).

data/README.md documents every column and every value of the vocabularies below.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from helpers.errors import DataError
from helpers.paths import FACTS, NOT_FIGURES, PROJ_ROOT, REPAIRED_RELEASE
from helpers.release import PERIODS, SECTIONS
from helpers.repair.script import HAN

if TYPE_CHECKING:
    import pandas as pd

    from helpers.repair.extract import Figure


COLUMNS = (
    "id",
    "section",
    "indicator_en",
    "indicator_zh",
    "value",
    "unit",
    "qualifier",
    "value_base",
    "base_unit",
    "period",
    "parent_id",
    "growth_of",
    "compared_with",
    "quote",
    "notes",
    "notes_zh",
)
NOT_FIGURE_COLUMNS = ("text", "quote", "category", "reader", "reason", "reason_zh")

# Unit as printed -> (base unit, how many base units one printed unit is).
UNITS: dict[str, tuple[str, int]] = {
    "家": ("count", 1),
    "项": ("count", 1),
    "人": ("count", 1),
    "人次": ("count", 1),
    "次": ("count", 1),
    "个": ("count", 1),
    "元": ("yuan", 1),
    "万元": ("yuan", 10**4),
    "亿元": ("yuan", 10**8),
    "%": ("percent", 1),
    "个百分点": ("percentage_point", 1),
    "位": ("rank", 1),
    "年": ("year", 1),
}
BASE_UNITS = ("count", "yuan", "percent", "percentage_point", "rank", "year")
QUALIFIERS = {
    "exact": "the figure as stated, with no word of precision",
    "at_least": "余, 多, 超 or 以上: 'more than', a lower bound",
    "at_most": "不足, 不到 or 以下: 'less than', an upper bound",
    "approximate": "约, 近 or 左右: 'about'",
}
CATEGORIES = {
    "date": "a date or a year",
    "name": "part of a name: a slogan, a plan, a body, an event, a company",
    "ordinal": "a heading number, an enumerator, the place in a series, an award grade",
    "threshold": "a round threshold, restated exactly in the same sentence",
    "word": "an ordinary word that contains a numeral",
}
READERS = {
    "found": "helpers.repair.extract reads it as a figure; this row says why it is not one",
    "skipped": "helpers.repair.extract leaves it out by its rules; listed so that it is accounted for",
}
GROWTH_UNITS = ("%", "个百分点")

_NUMBER = r"\d+(?:\.\d+)?\Z"
_ID = r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*\Z"


@dataclass(frozen=True)
class Fact:
    """One figure of the release. `value` is the number as printed (int when printed without a
    decimal point); `value_base` the same in base units (8500 万元 -> 85000000 yuan)."""

    id: str
    section: str
    indicator_en: str
    indicator_zh: str
    value: int | float
    unit: str
    qualifier: str
    value_base: int | float
    base_unit: str
    period: str
    parent_id: str | None
    growth_of: str | None
    compared_with: int | None
    quote: str
    notes: str
    notes_zh: str

    def note(self, lang: str | None = None) -> str:
        """The note in the current language (helpers.i18n: `setup(lang=...)` or ZZ_LANG), or in
        `lang`: `notes`, or `notes_zh` in Chinese; "" when the figure has none. Why a method: a
        notebook prints the note once and is right in both editions, where pairing the two
        columns at every print would let one of them print English in the Chinese edition."""
        from helpers.i18n import tr

        return tr((self.notes, self.notes_zh), lang)

    def __str__(self) -> str:
        bound = {"at_least": "more than ", "at_most": "less than ", "approximate": "about "}
        return (
            f"{self.id}: {bound.get(self.qualifier, '')}{self.value} {self.unit} "
            f"({self.period}) “{self.quote}”"
        )


# --- reading a CSV file without guessing --------------------------------------------------------


def _display(path: Path) -> str:
    """The path as a reader recognises it: relative to the project when it is inside it."""
    try:
        return path.resolve().relative_to(PROJ_ROOT).as_posix()
    except ValueError:
        return str(path)


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        where = f"byte 0x{data[error.start]:02X} on line {line} is not valid UTF-8"
        try:
            gbk = data.decode("gbk")
        except UnicodeDecodeError:
            gbk = ""
        if HAN.search(gbk):
            raise DataError(
                f"{name} is not UTF-8 text: {where}. It reads correctly as GBK, the older Chinese "
                "encoding, so it was probably saved by Excel or an editor set to GBK. Open it and "
                "save it again as UTF-8 (in Excel: Save As, then 'CSV UTF-8')."
            ) from None
        raise DataError(
            f"{name} is not UTF-8 text: {where}, and it is not GBK either. Save it again as UTF-8."
        ) from None


def _read_csv(
    path: Path,
    columns: tuple[str, ...],
    what: str,
    row_noun: str,
) -> tuple[pd.DataFrame, list[int]]:
    """The file's rows as strings, exactly as written, with the line number each row starts on."""
    import pandas as pd

    name = _display(path)
    if not path.exists():
        raise DataError(f"{name} does not exist: check the folder and the file name.")
    if path.is_dir():
        raise DataError(f"{name} is a folder, not a CSV file.")
    data = path.read_bytes()
    if not data.removeprefix(b"\xef\xbb\xbf").strip():
        raise DataError(
            f"{name} is empty: {what} needs a header row ({','.join(columns[:3])},...) and one "
            f"row per {row_noun}."
        )
    text = _decode(data, name)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[list[str]] = []
    lines: list[int] = []
    last = 0
    try:
        for record in reader:
            start, last = last + 1, reader.line_num
            if record:  # a blank line holds no data
                records.append(record)
                lines.append(start)
    except csv.Error as error:
        raise DataError(
            f"{name}, line {reader.line_num}: this is not valid CSV ({error})."
        ) from None
    header, lines = records[0], lines[1:]
    for column in header:
        if header.count(column) > 1:
            raise DataError(f"{name}, line 1: the column '{column}' appears twice in the header.")
    for record, line in zip(records[1:], lines, strict=True):
        if len(record) != len(header):
            raise DataError(
                f"{name}, line {line}: this row has {len(record)} fields but the header has "
                f"{len(header)}. A field that contains a comma must be in double quotes."
            )
    if len(records) == 1:
        raise DataError(
            f"{name} has a header row but no rows: {what} needs one row per {row_noun}."
        )
    frame = pd.DataFrame(records[1:], columns=header, dtype="str")
    return frame, lines


# --- problems and their messages ----------------------------------------------------------------


@dataclass(frozen=True)
class _Problem:
    """One thing wrong with a file: where (line 0 is the file as a whole) and what."""

    line: int
    column: str
    text: str
    label: str = ""  # the row's id, when it has one
    lines: tuple[int, ...] = ()  # all the lines, when the problem spans several rows

    def location(self) -> str:
        if not self.line:
            return ""
        if len(self.lines) > 1:
            *first, last = sorted(self.lines)
            return f"lines {', '.join(map(str, first))} and {last}, column {self.column}"
        label = f" ({self.label})" if self.label else ""
        return f"line {self.line}{label}, column {self.column}"


def _raise(
    name: str,
    problems: list[_Problem],
    order: tuple[str, ...],
    epilogue: str = "",
) -> None:
    """Raise one DataError that lists every problem, in the order of the file."""
    if not problems:
        return
    rank = {c: i for i, c in enumerate(order)}
    problems = sorted(dict.fromkeys(problems), key=lambda p: (p.line, rank.get(p.column, -1)))
    end = f" {epilogue}" if epilogue else ""
    if len(problems) == 1:
        where = problems[0].location()
        raise DataError(
            f"{name}, {where}: {problems[0].text}{end}"
            if where
            else f"{name}: {problems[0].text}{end}"
        )
    body = "\n".join(f"- {p.location()}: {p.text}" if p.line else f"- {p.text}" for p in problems)
    raise DataError(
        f"{name} has {len(problems)} problems:\n{body}" + (f"\n{epilogue}" if epilogue else "")
    )


def _hint(word: str, choices) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _check_structure(frame: pd.DataFrame, columns: tuple[str, ...], name: str, what: str) -> None:
    """Every column present, no other: pandera's column presence and strictness checks."""
    import pandera.pandas as pa

    schema = pa.DataFrameSchema({c: pa.Column(None) for c in columns}, strict=True)
    try:
        schema.validate(frame.head(0), lazy=True)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
        missing = [
            c
            for check, c in zip(cases["check"], cases["failure_case"], strict=True)
            if check == "column_in_dataframe"
        ]
        unknown = [
            c
            for check, c in zip(cases["check"], cases["failure_case"], strict=True)
            if check == "column_in_schema"
        ]
        problems = [_Problem(0, "", f"the column '{c}' is missing.") for c in missing] + [
            _Problem(
                0,
                "",
                f"it has a column '{c}' that {what} does not have{_hint(c, missing or columns)}.",
            )
            for c in unknown
        ]
        _raise(
            name,
            problems,
            columns,
            f"{what[0].upper()}{what[1:]} has the columns: {', '.join(columns)}.",
        )


@dataclass(frozen=True)
class _RowTest:
    """A test across the columns of one row, its fields as strings: True where the row is fine."""

    test: Callable[[dict[str, str]], bool]


@dataclass(frozen=True)
class _ColumnTest:
    """A pandera check on the values of the rule's own column: isin, str_matches or filled."""

    kind: str
    argument: Any = None


@dataclass(frozen=True)
class _Rule:
    """A check on a column's values or across columns: where it fails, and what to say."""

    column: str
    # a test of the column's values, a test of one row, or a boolean Series from the whole table
    passes: _ColumnTest | _RowTest | Callable[[pd.DataFrame], Any]
    says: Callable[[dict[str, str]], str]  # the message for a failing row (its fields as strings)


def _schema(
    columns: tuple[str, ...],
    schema_columns: dict,
    rules: dict[str, _Rule],
    records: list[dict[str, str]] | None = None,
):
    """The pandera schema of a table: its columns, each with its column checks, and the row and
    table checks. `records` are the rows the row tests read (the frame's rows, as strings)."""
    import pandas as pd
    import pandera.pandas as pa

    def row_check(test: _RowTest) -> Callable[[pd.DataFrame], Any]:
        return lambda df: pd.Series(
            [bool(test.test(row)) for row in records or ()], index=df.index, dtype=bool
        )

    def column_check(test: _ColumnTest, error: str) -> pa.Check:
        if test.kind == "isin":
            return pa.Check.isin(test.argument, error=error)
        if test.kind == "str_matches":
            return pa.Check.str_matches(test.argument, error=error)
        return pa.Check(lambda values: values.str.strip() != "", error=error)  # filled

    columns_checks: dict[str, list] = {c: [] for c in columns}
    table_checks = []
    for key, rule in rules.items():
        if isinstance(rule.passes, _ColumnTest):
            columns_checks[rule.column].append(column_check(rule.passes, key))
        elif isinstance(rule.passes, _RowTest):
            table_checks.append(pa.Check(row_check(rule.passes), error=key))
        else:
            table_checks.append(pa.Check(rule.passes, error=key))
    return pa.DataFrameSchema(
        {c: schema_columns[c].set_checks(columns_checks[c]) for c in columns},
        checks=table_checks,
        strict=True,
    )


def _validate(
    frame: pd.DataFrame,
    lines: list[int],
    name: str,
    columns: tuple[str, ...],
    schema_columns: dict,
    rules: dict[str, _Rule],
    label: Callable[[dict], str],
    unique: str | None,
) -> None:
    """Run the pandera schema lazily and turn every failure into a `_Problem`."""
    import pandera.pandas as pa

    records = frame.to_dict("records")  # once: the row tests all read the same rows
    schema = _schema(columns, schema_columns, rules, records)
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        problems: list[_Problem] = []
        duplicates: dict[str, list[int]] = {}
        seen: set[tuple[str, int]] = set()
        for failed, index, case in zip(
            errors.failure_cases["check"],
            errors.failure_cases["index"],
            errors.failure_cases["failure_case"],
            strict=True,
        ):
            if failed == "field_uniqueness":
                if case:  # an empty id is reported by its own check
                    duplicates.setdefault(case, []).append(lines[int(index)])
                continue
            if (failed, index) in seen or index is None:
                continue
            seen.add((failed, index))
            row = records[int(index)]
            rule = rules[failed]
            problems.append(_Problem(lines[int(index)], rule.column, rule.says(row), label(row)))
        for value, found in duplicates.items():
            problems.append(
                _Problem(
                    min(found),
                    unique or "",
                    f"the {unique} '{value}' is used "
                    f"more than once; every row needs its own {unique}.",
                    lines=tuple(found),
                )
            )
        _raise(name, problems, columns)


def _in(allowed) -> _ColumnTest:
    """The value is one of a vocabulary."""
    return _ColumnTest("isin", list(allowed))


def _matches(pattern: str) -> _ColumnTest:
    """The value matches a regular expression (anchored at the start; end it with \\Z)."""
    return _ColumnTest("str_matches", pattern)


def _filled() -> _ColumnTest:
    """The value is not empty or blank."""
    return _ColumnTest("filled")


# --- the fact table -----------------------------------------------------------------------------


@lru_cache(maxsize=4)
def _release_text(path: str, stamp: tuple[int, int]) -> str:
    return Path(path).read_text(encoding="utf-8")


def _release(path: Path | None) -> tuple[str, str]:
    """The repaired release's text and its name for messages."""
    path = REPAIRED_RELEASE if path is None else Path(path)
    if not path.exists():
        raise DataError(
            f"The repaired release {_display(path)} does not exist, so the quotes cannot be "
            "checked. Build it with `make data`."
        )
    stat = path.stat()
    return _release_text(str(path), (stat.st_mtime_ns, stat.st_size)), _display(path)


@lru_cache(maxsize=512)
def _quote_figures(quote: str) -> tuple[Figure, ...]:
    from helpers.repair.extract import iter_figures

    return tuple(iter_figures(quote))


def _same_number(printed: str, value: int | float) -> bool:
    return Decimal(printed) == Decimal(str(value))


def _stated(row: dict[str, str]) -> list[Figure]:
    """The figures of the row's quote with the row's value and unit."""
    if not re.match(_NUMBER, row["value"]):
        return []
    return [
        f
        for f in _quote_figures(row["quote"])
        if f.unit == row["unit"] and _same_number(row["value"], f.value)
    ]


def _expected_base(row: dict[str, str]) -> Decimal:
    value = Decimal(row["value"]) * UNITS[row["unit"]][1]
    return value.to_integral_value() if value == value.to_integral_value() else value.normalize()


def _rowwise(test: Callable[[dict[str, str]], bool]) -> _RowTest:
    """A check from a test on one row (its fields as strings); `_validate` makes it a pandera
    check."""
    return _RowTest(test)


def _fact_rules(text: str, release_name: str, ids: set[str]) -> dict[str, _Rule]:
    units = ", ".join(UNITS)
    number_help = (
        "Write digits with at most one decimal point and nothing else: no thousands "
        "separators, units, words or spaces (1295, 12.7)."
    )

    def valid(row: dict[str, str], *checks: str) -> bool:
        """True when the fields a cross-column rule needs passed their own checks."""
        ok = {
            "value": lambda: re.match(_NUMBER, row["value"]) is not None,
            "value_base": lambda: re.match(_NUMBER, row["value_base"]) is not None,
            "unit": lambda: row["unit"] in UNITS,
            "base_unit": lambda: row["base_unit"] in BASE_UNITS,
            "qualifier": lambda: row["qualifier"] in QUALIFIERS,
            "quote": lambda: row["quote"].strip() != "",
        }
        return all(ok[c]() for c in checks)

    def stated_qualifier_ok(row: dict[str, str]) -> bool:
        if not valid(row, "value", "unit", "qualifier", "quote"):
            return True
        stated = _stated(row)
        return not stated or any(f.qualifier == row["qualifier"] for f in stated)

    def qualifier_says(row: dict[str, str]) -> str:
        printed = _stated(row)[0]
        return (
            f"the quote prints {printed.text}, so the qualifier is {printed.qualifier}, not "
            f"{row['qualifier']} ({printed.qualifier}: "
            f"{QUALIFIERS.get(printed.qualifier, printed.qualifier)})."
        )

    def value_says(row: dict[str, str]) -> str:
        found = _quote_figures(row["quote"])
        listed = (
            f"the figures it states are {', '.join(f.text for f in found)}"
            if found
            else "it states no figure"
        )
        return (
            f"{row['value']} {row['unit']} does not appear in the quote “{row['quote']}”; {listed}."
        )

    def reference(column: str, what: str) -> _Rule:
        def ok(row: dict[str, str]) -> bool:
            return row[column] == "" or (row[column] in ids and row[column] != row["id"])

        def says(row: dict[str, str]) -> str:
            if row[column] == row["id"]:
                return f"a row cannot be {what} itself."
            return f"'{row[column]}' is not the id of any row{_hint(row[column], ids)}."

        return _Rule(column, _rowwise(ok), says)

    return {
        "id_filled": _Rule("id", _filled(), lambda r: "the id is empty: every row needs one."),
        "id_format": _Rule(
            "id",
            _rowwise(lambda r: not r["id"].strip() or re.match(_ID, r["id"]) is not None),
            lambda r: (
                f"'{r['id']}' is not a valid id: use lower-case letters, digits and "
                "underscores, starting with a letter (foreign_experts)."
            ),
        ),
        "section": _Rule(
            "section",
            _in(SECTIONS),
            lambda r: f"'{r['section']}' is not a section; use one of: {', '.join(SECTIONS)}.",
        ),
        "indicator_en": _Rule(
            "indicator_en", _filled(), lambda r: "the English name of the indicator is empty."
        ),
        "indicator_zh": _Rule(
            "indicator_zh", _filled(), lambda r: "the Chinese name of the indicator is empty."
        ),
        "value_number": _Rule(
            "value",
            _matches(_NUMBER),
            lambda r: f"'{r['value']}' is not a plain number. {number_help}",
        ),
        "unit": _Rule(
            "unit",
            _in(UNITS),
            lambda r: (
                f"'{r['unit']}' is not a unit of the fact table; use the unit as printed, "
                f"one of: {units}. A new unit must first be added to UNITS in "
                "helpers/facts.py and to data/README.md."
            ),
        ),
        "qualifier": _Rule(
            "qualifier",
            _in(QUALIFIERS),
            lambda r: (
                f"'{r['qualifier']}' is not a qualifier; use exact, at_least (余, 多, 超, "
                "以上: more than), at_most (不足, 以下: less than) or approximate "
                "(约, 近: about)."
            ),
        ),
        "value_base_number": _Rule(
            "value_base",
            _matches(_NUMBER),
            lambda r: f"'{r['value_base']}' is not a plain number. {number_help}",
        ),
        "base_unit": _Rule(
            "base_unit",
            _in(BASE_UNITS),
            lambda r: (
                f"'{r['base_unit']}' is not a base unit; use one of: {', '.join(BASE_UNITS)}."
            ),
        ),
        "period": _Rule(
            "period",
            _in(PERIODS),
            lambda r: f"'{r['period']}' is not a period; use one of: {', '.join(PERIODS)}.",
        ),
        "compared_with_year": _Rule(
            "compared_with",
            _matches(r"(?:\d{4})?\Z"),
            lambda r: (
                f"'{r['compared_with']}' is not a year: write the year a growth rate "
                "compares with as four digits (2023), or leave it empty."
            ),
        ),
        "quote_filled": _Rule(
            "quote",
            _filled(),
            lambda r: "the quote is empty: copy the words of the release that state the figure.",
        ),
        "quote_in_text": _Rule(
            "quote",
            _rowwise(lambda r: not r["quote"].strip() or r["quote"] in text),
            lambda r: (
                f"the quote “{r['quote']}” is not in the repaired release "
                f"({release_name}). Copy it from that file character for character."
            ),
        ),
        "quote_once": _Rule(
            "quote",
            _rowwise(lambda r: not r["quote"].strip() or text.count(r["quote"]) <= 1),
            lambda r: (
                f"the quote “{r['quote']}” occurs {text.count(r['quote'])} times in the "
                "repaired release; lengthen it until it occurs once, so that it points at "
                "one place."
            ),
        ),
        "value_in_quote": _Rule(
            "value",
            _rowwise(lambda r: not valid(r, "value", "unit", "quote") or bool(_stated(r))),
            value_says,
        ),
        "qualifier_in_quote": _Rule("qualifier", _rowwise(stated_qualifier_ok), qualifier_says),
        "base_unit_of_unit": _Rule(
            "base_unit",
            _rowwise(
                lambda r: not valid(r, "unit", "base_unit") or UNITS[r["unit"]][0] == r["base_unit"]
            ),
            lambda r: f"{r['unit']} is measured in {UNITS[r['unit']][0]}, not {r['base_unit']}.",
        ),
        "value_base_of_value": _Rule(
            "value_base",
            # Only once the value is right (its quote states it): one mistake, one message.
            _rowwise(
                lambda r: (
                    not valid(r, "value", "unit", "value_base", "quote")
                    or not _stated(r)
                    or Decimal(r["value_base"]) == _expected_base(r)
                )
            ),
            lambda r: (
                f"{r['value']} {r['unit']} in {UNITS[r['unit']][0]} is "
                f"{_expected_base(r)}, not {r['value_base']}."
            ),
        ),
        # keyed by column: helpers.datapackage declares each as a foreign key to id
        "parent_id": reference("parent_id", "a part of"),
        "growth_of": reference("growth_of", "the growth of"),
        "growth_unit": _Rule(
            "unit",
            _rowwise(lambda r: r["growth_of"] == "" or r["unit"] in GROWTH_UNITS),
            lambda r: (
                f"a growth rate or change (growth_of {r['growth_of']}) is in % or "
                f"个百分点, not {r['unit']}."
            ),
        ),
        "compared_with_growth": _Rule(
            "compared_with",
            _rowwise(lambda r: r["compared_with"] == "" or r["growth_of"] != ""),
            lambda r: (
                f"compared_with is {r['compared_with']} but growth_of is empty: a year to "
                "compare with belongs to a growth rate."
            ),
        ),
        "notes_zh": _Rule("notes_zh", _rowwise(_notes_zh_ok), _notes_zh_says),
    }


def _notes_zh_ok(row: dict[str, str]) -> bool:
    """A row with notes has their Chinese in notes_zh; a row without notes has no notes_zh."""
    if row["notes"].strip():
        return bool(HAN.search(row["notes_zh"]))
    return not row["notes_zh"].strip()


def _notes_zh_says(row: dict[str, str]) -> str:
    if row["notes"].strip():
        return "notes_zh has no Chinese: give the note in Chinese (the Chinese edition shows it)."
    return (
        "notes_zh is filled but notes is empty: write the note in English in notes too, or "
        "leave notes_zh empty."
    )


def _parent_unit_rule(frame: pd.DataFrame) -> _Rule:
    units = dict(zip(frame["id"], frame["unit"], strict=True))

    def ok(row: dict[str, str]) -> bool:
        parent = units.get(row["parent_id"])
        return (
            parent is None
            or parent not in UNITS
            or row["unit"] not in UNITS
            or parent == row["unit"]
        )

    return _Rule(
        "parent_id",
        _rowwise(ok),
        lambda r: (
            f"this part is in {r['unit']} but its total {r['parent_id']} is in "
            f"{units[r['parent_id']]}; a part of a total is counted in the total's unit."
        ),
    )


def _plain(printed: str) -> int | float:
    value = Decimal(printed)
    return int(value) if value == value.to_integral_value() else float(value)


def _fact_schema_columns() -> dict:
    import pandera.pandas as pa

    schema_columns = {c: pa.Column(None) for c in COLUMNS}
    schema_columns["id"] = pa.Column(None, unique=True, report_duplicates="all")
    return schema_columns


# The columns that name another row's id: each rule checks that the value is an id of the table.
REFERENCES = ("parent_id", "growth_of")


def fact_schema():
    """The pandera schema that `load_facts` checks data/facts.csv with (its columns, vocabularies
    and rules), for a reader of the rules such as helpers.datapackage and its test. The rules that
    read the release or the other rows (quotes, references) are present but see no text here."""
    return _schema(COLUMNS, _fact_schema_columns(), _fact_rules("", "", set()))


def not_figure_schema():
    """The pandera schema that `load_not_figures` checks data/not_figures.csv with."""
    import pandera.pandas as pa

    return _schema(
        NOT_FIGURE_COLUMNS,
        {c: pa.Column(None) for c in NOT_FIGURE_COLUMNS},
        _not_figure_rules("", ""),
    )


def _check_facts(path: Path, release: Path | None) -> tuple[pd.DataFrame, dict[str, Fact]]:
    name = _display(path)
    frame, lines = _read_csv(path, COLUMNS, "a fact table", "figure")
    _check_structure(frame, COLUMNS, name, "a fact table")
    text, release_name = _release(release)
    rules = _fact_rules(text, release_name, set(frame["id"]))
    rules["parent_unit"] = _parent_unit_rule(frame)
    _validate(
        frame,
        lines,
        name,
        COLUMNS,
        _fact_schema_columns(),
        rules,
        lambda row: f"id {row['id']}" if row["id"].strip() else "",
        unique="id",
    )

    by_id = {}
    for row in frame.to_dict("records"):
        optional = {c: row[c] or None for c in ("parent_id", "growth_of")}
        by_id[row["id"]] = Fact(
            **{
                **row,
                **optional,
                "value": _plain(row["value"]),
                "value_base": _plain(row["value_base"]),
                "compared_with": int(row["compared_with"]) if row["compared_with"] else None,
            },
        )
    return _typed(frame), by_id


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """The checked strings as the types a notebook computes with; empty optional fields are NA."""
    import pandas as pd

    out = frame.copy()
    for column in ("value", "value_base"):
        out[column] = out[column].astype("float64")
    out["compared_with"] = pd.array(
        [int(v) if v else pd.NA for v in frame["compared_with"]], dtype="Int64"
    )
    for column in ("parent_id", "growth_of", "notes", "notes_zh"):
        out[column] = out[column].mask(out[column] == "")
    return out


@lru_cache(maxsize=8)
def _cached_facts(
    path: str, stamp: tuple[int, int], release: str | None, release_stamp: tuple[int, int] | None
) -> tuple[pd.DataFrame, dict[str, Fact]]:
    """The checked table, once per process for the same files (keyed on their mtime and size)."""
    return _check_facts(Path(path), None if release is None else Path(release))


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def _facts(path: Path | None, release: Path | None) -> tuple[pd.DataFrame, dict[str, Fact]]:
    path = FACTS if path is None else Path(path)
    release_path = REPAIRED_RELEASE if release is None else Path(release)
    stamp = _stamp(path)
    if stamp is None:  # missing: say so, and cache nothing
        return _check_facts(path, release)
    return _cached_facts(
        str(path.absolute()), stamp, str(release_path.absolute()), _stamp(release_path)
    )


def load_facts(
    path: Path | str | None = None,
    *,
    release: Path | str | None = None,
) -> pd.DataFrame:
    """The fact table (default data/facts.csv), checked as it loads.

    Raises DataError, naming the file, line, id and column, if the file is missing, empty, not
    UTF-8, or breaks a rule: an unknown or missing column, a value that is not a plain number,
    a duplicate id, a unit, qualifier, section or period outside the vocabulary, a quote that is not
    in the repaired release (`release`, default data/processed/release.zh-Hans.txt), a value that
    its quote does not state, a note without its Chinese (notes_zh) or a notes_zh without a note.
    Nothing is dropped, coerced or guessed.

    The result is cached per file and modification time, and each call returns a fresh copy, so
    that a notebook may change its copy freely.
    """
    frame, _ = _facts(
        None if path is None else Path(path), None if release is None else Path(release)
    )
    return frame.copy(deep=True)


def fact(id: str, path: Path | str | None = None) -> Fact:
    """One figure of the fact table by its id: fact("foreign_experts").value is 68."""
    _, by_id = _facts(None if path is None else Path(path), None)
    found = by_id.get(id)
    if found is None:
        name = _display(FACTS if path is None else Path(path))
        close = difflib.get_close_matches(str(id), list(by_id), n=3, cutoff=0.6)
        quoted = [repr(c) for c in close]
        choices = " or ".join([", ".join(quoted[:-1]), quoted[-1]] if len(quoted) > 1 else quoted)
        hint = (
            f" Did you mean {choices}?"
            if close
            else " The ids are in the id column (helpers.load_facts()['id'])."
        )
        raise DataError(f"{name} has no fact with id {id!r}.{hint}")
    return found


def facts_summary(facts: pd.DataFrame | None = None) -> pd.DataFrame:
    """How many figures each section states, by unit, and how many of them are lower bounds.

    One row per section in the release's order, and a last row "all"; one column per unit used,
    then "figures" (all units) and "at_least" (the figures given only as "more than").
    """
    import pandas as pd

    facts = load_facts() if facts is None else facts
    units = [u for u in UNITS if u in set(facts["unit"])]
    sections = [s for s in SECTIONS if s in set(facts["section"])]
    table = pd.crosstab(facts["section"], facts["unit"]).reindex(
        index=sections, columns=units, fill_value=0
    )
    table["figures"] = table.sum(axis=1)
    table["at_least"] = (
        facts[facts["qualifier"] == "at_least"]
        .groupby("section")
        .size()
        .reindex(sections, fill_value=0)
    )
    table.loc["all"] = table.sum()
    table.index.name, table.columns.name = "section", "unit"
    return table.astype("int64")


def lower_bounds(facts: pd.DataFrame | None = None) -> pd.DataFrame:
    """The figures the release gives only as "more than" (余, 多, 超): true values are higher."""
    facts = load_facts() if facts is None else facts
    columns = ["id", "section", "indicator_en", "value", "unit", "value_base", "base_unit", "quote"]
    return facts.loc[facts["qualifier"] == "at_least", columns].reset_index(drop=True)


# --- the numbers that are not figures -----------------------------------------------------------


def _not_figure_rules(text: str, release_name: str) -> dict[str, _Rule]:
    return {
        "text_filled": _Rule("text", _filled(), lambda r: "the text is empty."),
        "quote_filled": _Rule("quote", _filled(), lambda r: "the quote is empty."),
        "quote_in_text": _Rule(
            "quote",
            _rowwise(lambda r: not r["quote"].strip() or r["quote"] in text),
            lambda r: (
                f"the quote “{r['quote']}” is not in the repaired release "
                f"({release_name}). Copy it from that file character for character."
            ),
        ),
        "text_in_quote": _Rule(
            "text",
            _rowwise(lambda r: r["text"] in r["quote"]),
            lambda r: f"“{r['text']}” is not in its quote “{r['quote']}”.",
        ),
        "category": _Rule(
            "category",
            _in(CATEGORIES),
            lambda r: f"'{r['category']}' is not a category; use one of: {', '.join(CATEGORIES)}.",
        ),
        "reader": _Rule(
            "reader",
            _in(READERS),
            lambda r: (
                f"'{r['reader']}' is not a reader value; use found (helpers.repair.extract reads "
                "it as a figure) or skipped (its rules leave it out)."
            ),
        ),
        "reason": _Rule(
            "reason",
            _filled(),
            lambda r: "the reason is empty: say why this number is not a figure.",
        ),
        "reason_zh": _Rule(
            "reason_zh",
            _rowwise(lambda r: bool(HAN.search(r["reason_zh"]))),
            lambda r: (
                "reason_zh has no Chinese: give the reason in Chinese (the Chinese edition "
                "shows it)."
            ),
        ),
        "unique": _Rule(
            "text",
            lambda df: ~df.duplicated(["text", "quote"], keep=False),
            lambda r: f"“{r['text']}” in “{r['quote']}” is listed more than once.",
        ),
    }


def _check_not_figures(path: Path, release: Path | None) -> pd.DataFrame:
    import pandera.pandas as pa

    name = _display(path)
    frame, lines = _read_csv(
        path, NOT_FIGURE_COLUMNS, "the table of numbers that are not figures", "number"
    )
    _check_structure(frame, NOT_FIGURE_COLUMNS, name, "the table of numbers that are not figures")
    text, release_name = _release(release)
    _validate(
        frame,
        lines,
        name,
        NOT_FIGURE_COLUMNS,
        {c: pa.Column(None) for c in NOT_FIGURE_COLUMNS},
        _not_figure_rules(text, release_name),
        lambda row: f"text {row['text']}",
        unique=None,
    )
    return frame


@lru_cache(maxsize=4)
def _cached_not_figures(
    path: str, stamp: tuple[int, int], release: str, release_stamp: tuple[int, int] | None
) -> pd.DataFrame:
    return _check_not_figures(Path(path), Path(release))


def load_not_figures(
    path: Path | str | None = None,
    *,
    release: Path | str | None = None,
) -> pd.DataFrame:
    """The numbers of the release that are not figures (default data/not_figures.csv), checked
    like the fact table: text, quote, category, reader (found or skipped), reason and reason_zh
    (the reason in Chinese, for the Chinese edition)."""
    path = NOT_FIGURES if path is None else Path(path)
    release_path = REPAIRED_RELEASE if release is None else Path(release)
    stamp = _stamp(path)
    if stamp is None:
        return _check_not_figures(path, release_path)
    frame = _cached_not_figures(
        str(path.absolute()), stamp, str(release_path.absolute()), _stamp(release_path)
    )
    return frame.copy(deep=True)


# --- coverage: every number of the text accounted for -------------------------------------------


def _occurrences(text: str, part: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(part), text)] if part else []


def _context(text: str, start: int, end: int) -> str:
    return text[max(0, start - 10) : end + 10].replace("\n", " ")


def coverage_problems(
    text: str | None = None,
    facts: pd.DataFrame | None = None,
    not_figures: pd.DataFrame | None = None,
) -> list[str]:
    """What keeps the two tables from accounting for every number of `text`; empty when all is well.

    Defaults: the repaired release, load_facts(), load_not_figures(). The rules:
    - every figure `helpers.repair.extract` reads is claimed by exactly one fact (the figure lies in the
      fact's quote, with the same value, unit, qualifier and value in base units) or by one row of
      not_figures marked found (same text, inside an occurrence of its quote);
    - every fact and every found row claims a figure; a skipped row's text is read as no figure;
    - every digit and Chinese numeral character lies in a figure or in a not_figures quote.
    """
    from helpers.repair.extract import iter_figures, numeral_positions

    text = _release(None)[0] if text is None else text
    facts = load_facts() if facts is None else facts
    not_figures = load_not_figures() if not_figures is None else not_figures
    hits = list(iter_figures(text))
    owners: list[list[str]] = [[] for _ in hits]
    problems: list[str] = []

    for row in facts.itertuples(index=False):
        starts = _occurrences(text, row.quote)
        if len(starts) != 1:
            problems.append(
                f"fact {row.id}: its quote “{row.quote}” occurs {len(starts)} times "
                "in the text, not once."
            )
            continue
        start, end = starts[0], starts[0] + len(row.quote)
        matching = [
            i
            for i, h in enumerate(hits)
            if start <= h.start
            and h.end <= end
            and h.unit == row.unit
            and Decimal(str(h.value)) == Decimal(str(row.value))
        ]
        if len(matching) != 1:
            problems.append(
                f"fact {row.id}: the reader finds {len(matching)} figures "
                f"{row.value:g} {row.unit} in its quote “{row.quote}”, not one."
            )
            continue
        hit = hits[matching[0]]
        owners[matching[0]].append(f"fact {row.id}")
        if hit.qualifier != row.qualifier:
            problems.append(
                f"fact {row.id}: the reader reads {hit.text} as {hit.qualifier}, the "
                f"table says {row.qualifier}."
            )
        if (hit.base_unit, Decimal(str(hit.value_base))) != (
            row.base_unit,
            Decimal(str(row.value_base)),
        ):
            problems.append(
                f"fact {row.id}: the reader reads {hit.text} as {hit.value_base} "
                f"{hit.base_unit}, the table says {row.value_base:g} {row.base_unit}."
            )

    covered: set[int] = set()
    for row in not_figures.itertuples(index=False):
        label = f"not_figures “{row.text}” in “{row.quote}”"
        claimed = 0
        for quote_start in _occurrences(text, row.quote):
            covered.update(range(quote_start, quote_start + len(row.quote)))
            for offset in _occurrences(row.quote, row.text):
                start, end = quote_start + offset, quote_start + offset + len(row.text)
                for i, h in enumerate(hits):
                    if row.reader == "found" and (h.start, h.end) == (start, end):
                        owners[i].append(label)
                        claimed += 1
                    elif row.reader == "skipped" and h.start < end and start < h.end:
                        problems.append(
                            f"{label}: marked skipped, but the reader reads "
                            f"{h.text} there; mark it found, or make it a fact."
                        )
        if row.reader == "found" and not claimed:
            problems.append(
                f"{label}: marked found, but the reader reads no figure “{row.text}” there."
            )

    for hit, owner in zip(hits, owners, strict=True):
        covered.update(range(hit.start, hit.end))
        if not owner:
            problems.append(
                f"unclassified figure {hit.text} at position {hit.start} "
                f"(“{_context(text, hit.start, hit.end)}”): add it to data/facts.csv, or to "
                "data/not_figures.csv with the reason it is not a figure."
            )
        elif len(owner) > 1:
            problems.append(
                f"figure {hit.text} at position {hit.start} is claimed by {' and '.join(owner)}."
            )

    loose = [p for p in numeral_positions(text) if p not in covered]
    runs: list[list[int]] = []
    for position in loose:
        if runs and position == runs[-1][-1] + 1:
            runs[-1].append(position)
        else:
            runs.append([position])
    for run in runs:
        problems.append(
            f"numeral “{text[run[0] : run[-1] + 1]}” at position {run[0]} "
            f"(“{_context(text, run[0], run[-1] + 1)}”) is in no figure the reader finds and in "
            "no quote of data/not_figures.csv."
        )
    return problems
