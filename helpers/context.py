"""The context table, data/context.csv: what other public sources say about the release's figures
(earlier years of Zaozhuang's high-tech share, the province, other cities), one row per figure,
each with the address it was read at and the words that print it.

`load_context()` reads the table and checks every row as it loads, as `helpers.load_facts` does for
the release: a broken row raises `DataError` naming the file, the line, the row's id and the column.
The rules that matter most for a figure taken from someone else's page:

- it has a URL (http or https): no figure without the address where it was read;
- its quote, at most 60 characters (a citation, not a copy of the page), contains the value as
  printed with its unit ("55.3%", "9.08個百分點" in a traditional-character copy, "第六");
- a derived row has no printed value: its `derived` column is the arithmetic on printed figures
  ("31.47 - 12.48"), every figure of it is in the quote, and it gives `value_base`.

data/README.md documents every column and vocabulary; helpers.datapackage takes them from here.
"""

from __future__ import annotations

import ast
import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from helpers.facts import _display, _Problem, _raise, _read_csv
from helpers.paths import DATA_DIR

if TYPE_CHECKING:
    import pandas as pd

CONTEXT = DATA_DIR / "context.csv"

COLUMNS = (
    "id",
    "place_zh",
    "place_en",
    "indicator_zh",
    "indicator_en",
    "period",
    "year",
    "value",
    "unit",
    "qualifier",
    "value_base",
    "base_unit",
    "kind",
    "derived",
    "url",
    "publisher",
    "source_kind",
    "quote",
    "read_on",
    "note",
)
# year, value and derived are empty where they do not apply; url has its own message
REQUIRED = tuple(c for c in COLUMNS if c not in ("year", "value", "derived", "note", "url"))
# The release's figures that other sources put in context (the rows of the release in the table
# and the chapter that reads them): the annotated release links their cards to 06_context.
FACTS_WITH_CONTEXT = (
    "hightech_output_share",
    "hightech_output_share_change_pp",
    "hightech_output_share_rank",
)
CONTEXT_REPORT = "06_context"
MAX_QUOTE = 60  # characters: enough to hold a figure and its words, too short to copy a page

# Unit as printed -> (base unit, the spellings a quote may use after the number). The traditional
# spelling is there because some pages were read in copies converted to traditional characters.
UNITS: dict[str, tuple[str, tuple[str, ...]]] = {
    "%": ("percent", ("%", "％")),
    "个百分点": ("percentage_point", ("个百分点", "個百分點")),
    "位": ("rank", ()),  # printed 第6位, 第三位, 首位 or 第六: see _states_rank
}
QUALIFIERS = {
    "exact": "the figure as printed, with no word of precision",
    "at_least": "超, 余, 多 or 以上: a lower bound",
    "approximate": "约, 近 or 左右: 'about'",
}
KINDS = {
    "reported": "printed in the source for the period given",
    "derived": "not printed: computed from printed figures by the arithmetic in `derived`",
    "approximate": "printed, but as a bound, or for a period the source does not name exactly",
}
SOURCE_KINDS = {
    "official": "a government body's own publication (the release is one)",
    "newspaper": "a newspaper or news site, under its own name",
    "mirror copy": "a copy of a newspaper or official page on an unrelated site",
    "aggregator": "a site that collects or summarises others' articles",
}
_NUMERALS = {"首": 1, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8}
_NUMERALS |= {"九": 9, "十": 10}
_NUMBER = re.compile(r"\d+(?:\.\d+)?\Z")
_IN_TEXT = re.compile(r"\d+(?:\.\d+)?")
_ID = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*\Z")


def _states_bound(value: str, unit: str, quote: str) -> bool:
    """超51%, 51%以上, 100余人, 3个百分点多: a lower-bound word next to the value as printed."""
    forms = UNITS.get(unit, ("", ("",)))[1] or ("",)
    return any(
        f"超{value}" in quote or f"{value}{w}" in quote or f"{value}{u}{w}" in quote
        for u in forms
        for w in ("余", "多", "以上")
    )


def _printed(number: str, text: str, after: tuple[str, ...] = ("",)) -> bool:
    """True if `number` stands in `text` as a whole number (not the tail of 31.47 for 1.47),
    followed by one of `after`."""
    return any(
        re.search(rf"(?<![\d.]){re.escape(number)}(?![\d]){re.escape(unit)}", text)
        for unit in after
    )


def _states_rank(value: str, quote: str) -> bool:
    """A rank as printed: 第6位, 第三位, 首位 (first) or 第六."""
    return f"第{value}" in quote or f"{value}位" in quote


def as_number(value: str) -> Decimal | None:
    """The printed value as a number: "55.3" -> 55.3, "六" -> 6, "首" (first) -> 1; None if neither."""
    if _NUMBER.match(value):
        return Decimal(value)
    if value in _NUMERALS:
        return Decimal(_NUMERALS[value])
    return None


def evaluate(expression: str) -> Decimal:
    """The value of a `derived` expression: numbers joined by + - * / and brackets, nothing else
    (ast, not eval: the column is data). Raises ValueError for anything else."""
    tree = ast.parse(expression, mode="eval")
    operators = {
        ast.Add: lambda a, b: a + b,
        ast.Sub: lambda a, b: a - b,
        ast.Mult: lambda a, b: a * b,
        ast.Div: lambda a, b: a / b,
    }

    def walk(node: ast.AST) -> Decimal:
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
            return Decimal(ast.get_source_segment(expression, node) or str(node.value))
        if isinstance(node, ast.BinOp) and type(node.op) in operators:
            return operators[type(node.op)](walk(node.left), walk(node.right))
        raise ValueError(f"only numbers and + - * / are allowed, not {ast.dump(node)[:40]}")

    return walk(tree)


def _row_problems(row: dict[str, str], line: int) -> list[_Problem]:
    """Everything wrong with one row, each with its column."""
    label = row["id"]

    def problem(column: str, text: str) -> _Problem:
        return _Problem(line, column, text, label)

    found = [
        problem(c, f"'{c}' is empty; every row needs it.") for c in REQUIRED if not row[c].strip()
    ]
    url = row["url"].strip()
    if not url:
        found.append(
            problem("url", "the row has no URL: every figure needs the address it was read at.")
        )
    elif not url.startswith(("http://", "https://")):
        found.append(problem("url", f"'{url}' is not a web address (http:// or https://)."))
    if row["id"] and not _ID.match(row["id"]):
        found.append(problem("id", f"'{row['id']}' is not lower_snake_case."))
    for column, vocabulary in (
        ("unit", UNITS),
        ("qualifier", QUALIFIERS),
        ("kind", KINDS),
        ("source_kind", SOURCE_KINDS),
    ):
        if row[column] and row[column] not in vocabulary:
            found.append(
                problem(column, f"'{row[column]}' is not one of: {', '.join(vocabulary)}.")
            )
    if row["unit"] in UNITS and row["base_unit"] != UNITS[row["unit"]][0]:
        found.append(
            problem("base_unit", f"the base unit of '{row['unit']}' is {UNITS[row['unit']][0]}.")
        )
    if row["year"] and not re.fullmatch(r"(19|20)\d\d", row["year"]):
        found.append(problem("year", f"'{row['year']}' is not a year (four digits)."))
    try:
        date.fromisoformat(row["read_on"])
    except ValueError:
        found.append(problem("read_on", f"'{row['read_on']}' is not a date (YYYY-MM-DD)."))
    quote = row["quote"]
    if len(quote) > MAX_QUOTE:
        found.append(
            problem(
                "quote",
                f"the quote has {len(quote)} characters; keep it to {MAX_QUOTE}, "
                "the words around the figure.",
            )
        )
    if not _NUMBER.match(row["value_base"]):
        found.append(problem("value_base", f"'{row['value_base']}' is not a plain number."))
        return found
    base = Decimal(row["value_base"])
    if row["kind"] == "derived" or row["derived"]:
        found += _derived_problems(row, base, problem)
    else:
        found += _printed_problems(row, base, problem)
    if row["qualifier"] == "at_least" and not _states_bound(row["value"], row["unit"], quote):
        found.append(
            problem(
                "qualifier",
                "at_least, but no 超, 余, 多 or 以上 stands at the value in the quote to say so.",
            )
        )
    return found


def _derived_problems(row: dict[str, str], base: Decimal, problem) -> list[_Problem]:
    if row["kind"] != "derived":
        return [problem("kind", "the row has a `derived` expression, so its kind is derived.")]
    if not row["derived"]:
        return [problem("derived", "a derived row says how: the arithmetic on printed figures.")]
    if row["value"]:
        return [problem("value", "a derived row has no printed value; leave value empty.")]
    try:
        result = evaluate(row["derived"])
    except (SyntaxError, ValueError, ArithmeticError) as error:
        return [problem("derived", f"'{row['derived']}' cannot be computed ({error}).")]
    missing = [n for n in _IN_TEXT.findall(row["derived"]) if not _printed(n, row["quote"])]
    if missing:
        return [
            problem(
                "quote",
                f"the quote does not contain {', '.join(missing)}, which '{row['derived']}' "
                "uses: a derived row quotes the printed figures it is computed from.",
            )
        ]
    places = max(-Decimal(n).as_tuple().exponent for n in _IN_TEXT.findall(row["derived"]))
    if round(result, places) != base:
        return [
            problem(
                "value_base",
                f"{row['derived']} = {round(result, places)}, not {row['value_base']}.",
            )
        ]
    return []


def _printed_problems(row: dict[str, str], base: Decimal, problem) -> list[_Problem]:
    value, unit, quote = row["value"], row["unit"], row["quote"]
    if not value:
        return [problem("value", "empty: a row that is not derived has the value as printed.")]
    number = as_number(value)
    if number is None:
        return [problem("value", f"'{value}' is neither a number nor a Chinese numeral.")]
    if number != base:
        return [problem("value_base", f"the printed {value} is {number}, not {row['value_base']}.")]
    if unit not in UNITS:
        return []
    states = _states_rank(value, quote) if unit == "位" else _printed(value, quote, UNITS[unit][1])
    if not states:
        shown = f"第{value}" if unit == "位" else f"{value}{unit}"
        return [
            problem(
                "quote",
                f"the quote does not contain the value as printed, {shown}: a quote must "
                "show the figure it supports.",
            )
        ]
    return []


# A period as a reader reads it (data/README.md: `period`): the part of the year, in each language.
PERIOD_PARTS = {
    "Q1": ("{year} Q1", "{year}年一季度"),
    "H1": ("H1 {year}", "{year}年上半年"),
    "Q1-Q3": ("Q1–Q3 {year}", "{year}年前三季度"),
    "": ("{year}", "{year}年"),
}
PERIOD_NOT_STATED = ("year not stated", "未注明年份")


def period_label(period: str, lang: str | None = None) -> str:
    """A context period as a table or chart shows it: "2011-Q1" is "2011 Q1" / "2011年一季度",
    "2020-H1" "H1 2020" / "2020年上半年", "2021" "2021" / "2021年" (`lang`: the current one by
    default). Raises ValueError for a period outside data/README.md's forms."""
    from helpers.i18n import tr

    if period == "not_stated":
        return tr(PERIOD_NOT_STATED, lang)
    match = re.fullmatch(r"(\d{4})(?:-(.+))?", str(period))
    if not match or (match[2] or "") not in PERIOD_PARTS:
        raise ValueError(f"{period!r} is not a period of the context table (data/README.md)")
    en, zh = PERIOD_PARTS[match[2] or ""]
    return tr((en.format(year=match[1]), zh.format(year=match[1])), lang)


def load_context(path: Path | str | None = None) -> pd.DataFrame:
    """The context table (default data/context.csv), checked as it loads; `year` as a nullable
    integer, `value_base` as a float, the rest as text exactly as written.

    Raises DataError naming the file, line, id and column for a missing or unknown column, a
    duplicate id, a word outside a vocabulary, a row without a URL, a quote longer than 60
    characters or one that does not contain the row's value as printed (for a derived row, the
    figures it is derived from), or a derived value that its arithmetic does not give.
    """
    source = CONTEXT if path is None else Path(path)
    name = _display(source)
    frame, lines = _read_csv(source, COLUMNS, "the context table", "figure from another source")
    unknown = [c for c in frame.columns if c not in COLUMNS]
    missing = [c for c in COLUMNS if c not in frame.columns]
    problems = [_Problem(1, c, f"'{c}' is not a column of the context table.") for c in unknown]
    problems += [_Problem(1, c, f"the column '{c}' is missing.") for c in missing]
    _raise(name, problems, COLUMNS)
    seen: dict[str, int] = {}
    for row, line in zip(frame.to_dict("records"), lines, strict=True):
        problems += _row_problems(row, line)
        if row["id"] in seen:
            problems.append(
                _Problem(line, "id", f"'{row['id']}' is already used on line {seen[row['id']]}.")
            )
        seen.setdefault(row["id"], line)
    _raise(name, problems, COLUMNS)
    frame = frame[list(COLUMNS)]
    frame["year"] = frame["year"].replace("", None).astype("Int64")
    frame["value_base"] = frame["value_base"].astype(float)
    return frame
