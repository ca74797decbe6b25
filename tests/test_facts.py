"""The fact table: data/facts.csv loads with every figure of the release, and a broken copy is
refused with a message that names the file, the line, the id and the column in plain words."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

import helpers
from helpers.errors import DataError
from helpers.facts import COLUMNS, NOT_FIGURE_COLUMNS, SECTIONS, Fact
from helpers.paths import FACTS, PROJ_ROOT

# Every figure of the release: id -> (value as printed, unit, qualifier).
EXPECTED = {
    "tech_smes_registered": (1295, "家", "exact"),
    "hightech_output_share": (50.84, "%", "exact"),
    "hightech_output_share_change_pp": (2.76, "个百分点", "exact"),
    "hightech_output_share_rank": (6, "位", "exact"),
    "industrial_doubling_years_ahead": (2, "年", "exact"),
    "cultivation_pool_firms": (220, "家", "at_least"),
    "reserve_pool_firms": (280, "家", "at_least"),
    "incubators_total": (58, "家", "exact"),
    "incubators_national": (3, "家", "exact"),
    "makerspaces_national": (4, "家", "exact"),
    "incubators_provincial": (2, "家", "exact"),
    "makerspaces_provincial": (9, "家", "exact"),
    "incubated_firms": (2000, "家", "at_least"),
    "incubated_tech_firms": (850, "家", "exact"),
    "incubated_hightech_firms": (160, "家", "at_least"),
    "incubator_talent": (100, "人", "at_least"),
    "incubator_transfers": (800, "项", "at_least"),
    "incubator_patents": (1300, "项", "at_least"),
    "policy_campaign_firms": (1000, "家", "at_least"),
    "policy_trainings": (10, "次", "at_least"),
    "policy_trainees": (2000, "人次", "at_least"),
    "projects_total": (115, "项", "exact"),
    "projects_provincial": (37, "项", "exact"),
    "provincial_funding": (8500, "万元", "at_least"),
    "guideline_proposals_2025": (36, "项", "exact"),
    "new_provincial_key_labs": (1, "家", "exact"),
    "new_provincial_tech_transfer_agencies": (2, "家", "exact"),
    "new_provincial_rd_institutes": (3, "家", "exact"),
    "new_provincial_intl_coop_bases": (1, "家", "exact"),
    "new_municipal_key_labs": (66, "家", "exact"),
    "platforms_total": (1020, "家", "exact"),
    "platforms_national": (7, "家", "exact"),
    "platforms_provincial": (92, "家", "exact"),
    "equipment_value": (10.8, "亿元", "exact"),
    "rd_investment_driven": (44.1, "亿元", "exact"),
    "social_benefit": (213.9, "亿元", "exact"),
    "achievements_published": (100, "项", "at_least"),
    "tech_demands_published": (70, "项", "at_least"),
    "achievements_provincial_library": (24, "项", "exact"),
    "achievements_shandong_good": (3, "项", "exact"),
    "contest_winners": (10, "人", "exact"),
    "foreign_experts": (68, "人", "exact"),
    "foreign_experts_growth": (6.15, "%", "exact"),
    "high_level_talent": (15, "人", "exact"),
    "high_level_talent_growth": (36.36, "%", "exact"),
    "transformation_loans": (12.7, "亿元", "exact"),
    "transformation_loans_firms": (312, "家", "exact"),
    "filed_amount": (8.3, "亿元", "exact"),
    "interest_subsidy_firms": (60, "家", "exact"),
    "interest_subsidy": (476.6, "万元", "exact"),
    "interest_subsidy_growth": (75.2, "%", "exact"),
    "first_loan_amount": (290, "万元", "exact"),
    "equity_investment": (1500, "万元", "exact"),
    "provincial_funds": (1.5, "亿元", "exact"),
    "provincial_funds_growth": (25.4, "%", "exact"),
}
COLUMN_LIST = ", ".join(COLUMNS)


# --- the table as committed -------------------------------------------------------------------


def test_every_figure_of_the_release_with_its_unit_and_qualifier() -> None:
    facts = helpers.load_facts()
    assert list(facts.columns) == list(COLUMNS)
    assert len(facts) == 55
    loaded = {row.id: (row.value, row.unit, row.qualifier) for row in facts.itertuples()}
    assert loaded == EXPECTED


def test_columns_have_the_types_a_notebook_computes_with() -> None:
    facts = helpers.load_facts()
    assert str(facts["value"].dtype) == "float64"
    assert str(facts["value_base"].dtype) == "float64"
    assert str(facts["compared_with"].dtype) == "Int64"
    assert facts["parent_id"].isna().sum() == 44  # empty relations are missing, not ""


def test_values_in_base_units() -> None:
    base = helpers.load_facts().set_index("id")[["value_base", "base_unit"]]
    assert base.loc["provincial_funding"].tolist() == [85_000_000, "yuan"]
    assert base.loc["transformation_loans"].tolist() == [1_270_000_000, "yuan"]
    assert base.loc["social_benefit"].tolist() == [21_390_000_000, "yuan"]
    assert base.loc["interest_subsidy"].tolist() == [4_766_000, "yuan"]
    assert base.loc["hightech_output_share_change_pp"].tolist() == [2.76, "percentage_point"]
    assert base.loc["hightech_output_share_rank"].tolist() == [6, "rank"]
    assert base.loc["policy_trainees"].tolist() == [2000, "count"]


def test_parts_point_at_their_totals_and_growth_rates_at_what_grew() -> None:
    facts = helpers.load_facts().set_index("id")
    parts = facts.dropna(subset="parent_id").groupby("parent_id")["value"].sum()
    assert parts.to_dict() == {
        "achievements_published": 27,
        "incubated_firms": 1010,
        "incubators_total": 18,
        "platforms_total": 99,
        "projects_total": 37,
    }
    for total, summed in parts.items():
        assert summed <= facts.loc[total, "value"]
    growth = facts.dropna(subset="growth_of")
    assert growth["growth_of"].to_dict() == {
        "hightech_output_share_change_pp": "hightech_output_share",
        "foreign_experts_growth": "foreign_experts",
        "high_level_talent_growth": "high_level_talent",
        "interest_subsidy_growth": "interest_subsidy",
        "provincial_funds_growth": "provincial_funds",
    }
    # The release does not say what the 2.76-point rise compares with; the growth rates say 2023.
    assert growth["compared_with"].isna().tolist() == [True, False, False, False, False]
    assert growth["compared_with"].dropna().tolist() == [2023] * 4


def test_every_section_of_the_release_has_figures() -> None:
    summary = helpers.facts_summary()
    assert summary.index.tolist() == [*SECTIONS, "all"]
    assert summary["figures"].to_dict() == {
        "overview": 5,
        "enterprises": 16,
        "rd_projects": 4,
        "platforms": 15,
        "talent": 5,
        "finance": 10,
        "all": 55,
    }
    assert summary.loc["all", "at_least"] == 13
    assert summary.loc["all", "家"] == 22


def test_lower_bounds_are_the_figures_given_as_more_than() -> None:
    bounds = helpers.lower_bounds()
    assert bounds["id"].tolist() == [i for i, (_, _, q) in EXPECTED.items() if q == "at_least"]
    assert bounds.loc[bounds["id"] == "provincial_funding", "quote"].item() == (
        "获得省级以上支持资金8500余万元"
    )


def test_fact_gives_one_figure() -> None:
    expert = helpers.fact("foreign_experts")
    assert isinstance(expert, Fact)
    assert (expert.value, expert.unit, expert.qualifier, expert.quote) == (
        68,
        "人",
        "exact",
        "新引进外国专家68人",
    )
    assert type(expert.value) is int
    assert (expert.section, expert.period, expert.base_unit) == ("talent", "2024", "count")
    growth = helpers.fact("foreign_experts_growth")
    assert (growth.value, growth.growth_of, growth.compared_with) == (6.15, "foreign_experts", 2023)
    funding = helpers.fact("provincial_funding")
    assert (funding.value, funding.value_base, funding.qualifier) == (8500, 85_000_000, "at_least")
    assert str(funding) == (
        "provincial_funding: more than 8500 万元 (2024) “获得省级以上支持资金8500余万元”"
    )


def test_an_unknown_id_is_refused_with_close_matches() -> None:
    with pytest.raises(DataError) as error:
        helpers.fact("foreign_expert")
    assert str(error.value) == (
        "data/facts.csv has no fact with id 'foreign_expert'. "
        "Did you mean 'foreign_experts' or 'foreign_experts_growth'?"
    )
    with pytest.raises(DataError) as error:
        helpers.fact("gdp")
    assert str(error.value) == (
        "data/facts.csv has no fact with id 'gdp'. "
        "The ids are in the id column (helpers.load_facts()['id'])."
    )


def test_each_call_returns_a_copy_of_the_cached_table() -> None:
    first = helpers.load_facts()
    first.loc[0, "value"] = -1.0
    assert helpers.load_facts().loc[0, "value"] == 1295
    assert helpers.load_facts() is not helpers.load_facts()


def test_a_changed_file_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "facts.csv"
    path.write_text(FACTS.read_text(encoding="utf-8"), encoding="utf-8")
    assert helpers.load_facts(path).loc[0, "notes"] != "changed"
    rows = _rows()
    rows[1][COLUMNS.index("notes")] = "changed"
    rows[1][COLUMNS.index("notes_zh")] = "已更改"  # a note has its Chinese
    path.write_text(_csv(rows), encoding="utf-8")
    assert helpers.load_facts(path).loc[0, "notes"] == "changed"


# The numbers of a note: digits with their decimals, thousands separators dropped ("1,295" is
# 1295). Chinese numerals (第六, 两年) are left aside: a translation may write them either way.
NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in NUMBER.findall(text)}


def test_every_note_has_its_chinese_with_the_same_numbers() -> None:
    facts = helpers.load_facts()
    assert facts["notes"].notna().sum() == 30
    assert (facts["notes"].notna() == facts["notes_zh"].notna()).all()
    noted = facts.dropna(subset="notes")
    differ = {
        row.id: (sorted(_numbers(row.notes)), sorted(_numbers(row.notes_zh)))
        for row in noted.itertuples()
        if _numbers(row.notes) != _numbers(row.notes_zh)
    }
    assert differ == {}, "a note's Chinese invents or drops a number (English, Chinese)"
    # a Chinese note names another figure in words, not by its id; file names stay as written
    assert "1.5亿元" in helpers.fact("provincial_funding").notes_zh
    assert "provincial_funds" not in helpers.fact("provincial_funding").notes_zh
    assert "data/not_figures.csv" in helpers.fact("hightech_output_share").notes_zh


def test_a_fact_gives_its_note_in_the_language_asked_for() -> None:
    funding = helpers.fact("provincial_funding")
    assert funding.note("en") == funding.notes
    assert funding.note("zh") == funding.notes_zh
    assert funding.note("zh").startswith("新闻稿未说明")
    with helpers.using_lang("zh"):
        assert funding.note() == funding.notes_zh
    assert helpers.fact("projects_total").note("zh") == ""


def test_the_not_figures_table_loads() -> None:
    table = helpers.load_not_figures()
    assert list(table.columns) == list(NOT_FIGURE_COLUMNS)
    assert set(table["reader"]) == {"found", "skipped"}
    assert table.loc[table["text"] == "突破50%", "category"].item() == "threshold"


def test_importing_helpers_stays_cheap() -> None:
    code = "import sys, helpers; print(sorted({'pandas', 'pandera'} & set(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=PROJ_ROOT, check=True
    )
    assert result.stdout.strip() == "[]"


def test_data_error_is_a_value_error() -> None:
    assert issubclass(helpers.DataError, ValueError)
    assert helpers.DataError is DataError


# --- bad input: each refused, with a message a student understands ----------------------------


def _rows() -> list[list[str]]:
    return list(csv.reader(io.StringIO(FACTS.read_text(encoding="utf-8"))))


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def with_change(tmp_path: Path, row_id: str, column: str, value: str) -> Path:
    """A copy of data/facts.csv with one field changed."""
    rows = _rows()
    row = next(r for r in rows if r[0] == row_id)
    row[COLUMNS.index(column)] = value
    path = tmp_path / "facts.csv"
    path.write_text(_csv(rows), encoding="utf-8")
    return path


def refusal(path: Path) -> str:
    with pytest.raises(DataError) as error:
        helpers.load_facts(path)
    return str(error.value)


def test_a_missing_column(tmp_path: Path) -> None:
    i = COLUMNS.index("unit")
    path = tmp_path / "facts.csv"
    path.write_text(_csv([r[:i] + r[i + 1 :] for r in _rows()]), encoding="utf-8")
    assert refusal(path) == (
        f"{path}: the column 'unit' is missing. A fact table has the columns: {COLUMN_LIST}."
    )


def test_an_unknown_column(tmp_path: Path) -> None:
    rows = _rows()
    path = tmp_path / "facts.csv"
    path.write_text(_csv([rows[0] + ["source"]] + [r + [""] for r in rows[1:]]), encoding="utf-8")
    assert refusal(path) == (
        f"{path}: it has a column 'source' that a fact table does not have. "
        f"A fact table has the columns: {COLUMN_LIST}."
    )


def test_a_misspelt_column_is_both_and_the_message_suggests_the_name(tmp_path: Path) -> None:
    rows = _rows()
    rows[0][COLUMNS.index("unit")] = "units"
    path = tmp_path / "facts.csv"
    path.write_text(_csv(rows), encoding="utf-8")
    assert refusal(path) == (
        f"{path} has 2 problems:\n"
        "- the column 'unit' is missing.\n"
        "- it has a column 'units' that a fact table does not have (did you mean 'unit'?).\n"
        f"A fact table has the columns: {COLUMN_LIST}."
    )


@pytest.mark.parametrize("value", ["1,295", "12.7亿", "1295家", "", " 1295", "about 1300"])
def test_a_value_that_is_not_a_plain_number(tmp_path: Path, value: str) -> None:
    path = with_change(tmp_path, "tech_smes_registered", "value", value)
    assert refusal(path) == (
        f"{path}, line 2 (id tech_smes_registered), column value: '{value}' is not a plain "
        "number. Write digits with at most one decimal point and nothing else: no thousands "
        "separators, units, words or spaces (1295, 12.7)."
    )


QUOTE_WITH_ASCII_COMMA = "高新技术产业产值占规模以上工业总产值的比例首次突破50%,达到50.84%"

# One field changed in a copy of data/facts.csv, and the message that names it: (row id, column,
# new value, the message after "<path>, "). Each line is a mistake a contributor makes.
ONE_FIELD_REFUSALS = [
    (
        "reserve_pool_firms",
        "id",
        "cultivation_pool_firms",
        "lines 7 and 8, column id: the id 'cultivation_pool_firms' is used more than once; every "
        "row needs its own id.",
    ),
    (
        "foreign_experts",
        "unit",
        "名",
        "line 43 (id foreign_experts), column unit: '名' is not a unit of the fact table; use the "
        "unit as printed, one of: 家, 项, 人, 人次, 次, 个, 元, 万元, 亿元, %, 个百分点, 位, 年. A new "
        "unit must first be added to UNITS in helpers/facts.py and to data/README.md.",
    ),
    (
        "cultivation_pool_firms",
        "qualifier",
        "more_than",
        "line 7 (id cultivation_pool_firms), column qualifier: 'more_than' is not a qualifier; "
        "use exact, at_least (余, 多, 超, 以上: more than), at_most (不足, 以下: less than) or "
        "approximate (约, 近: about).",
    ),
    (
        "foreign_experts",
        "section",
        "talents",
        "line 43 (id foreign_experts), column section: 'talents' is not a section; use one of: "
        "overview, enterprises, rd_projects, platforms, talent, finance.",
    ),
    (
        "foreign_experts",
        "period",
        "2023",
        "line 43 (id foreign_experts), column period: '2023' is not a period; use one of: 2024, "
        "2024_to_date, to_date, cumulative_to_date, 2025_plan, not_stated.",
    ),
    (  # an ASCII comma for the release's full-width one: the figure is there, the quote is not
        "hightech_output_share",
        "quote",
        QUOTE_WITH_ASCII_COMMA,
        f"line 3 (id hightech_output_share), column quote: the quote “{QUOTE_WITH_ASCII_COMMA}” "
        "is not in the repaired release (data/processed/release.zh-Hans.txt). Copy it from that "
        "file character for character.",
    ),
    (
        "new_provincial_key_labs",
        "quote",
        "1家",
        "line 27 (id new_provincial_key_labs), column quote: the quote “1家” occurs 2 times in the "
        "repaired release; lengthen it until it occurs once, so that it points at one place.",
    ),
    (
        "foreign_experts",
        "value",
        "86",
        "line 43 (id foreign_experts), column value: 86 人 does not appear in the quote "
        "“新引进外国专家68人”; the figures it states are 68人.",
    ),
    (  # a figure in Chinese numerals is found too
        "hightech_output_share_rank",
        "value",
        "5",
        "line 5 (id hightech_output_share_rank), column value: 5 位 does not appear in the quote "
        "“位居全省第六”; the figures it states are 第六.",
    ),
    (
        "provincial_funding",
        "qualifier",
        "exact",
        "line 25 (id provincial_funding), column qualifier: the quote prints 8500余万元, so the "
        "qualifier is at_least, not exact (at_least: 余, 多, 超 or 以上: 'more than', a lower "
        "bound).",
    ),
    (
        "provincial_funding",
        "value_base",
        "8500000",
        "line 25 (id provincial_funding), column value_base: 8500 万元 in yuan is 85000000, not "
        "8500000.",
    ),
    (
        "incubators_national",
        "parent_id",
        "incubator_total",
        "line 10 (id incubators_national), column parent_id: 'incubator_total' is not the id of "
        "any row (did you mean 'incubators_total'?).",
    ),
]


@pytest.mark.parametrize(
    ("row_id", "column", "value", "message"),
    ONE_FIELD_REFUSALS,
    ids=[f"{column}-{value}" for _, column, value, _ in ONE_FIELD_REFUSALS],
)
def test_one_wrong_field_is_refused_with_its_line_id_and_column(
    tmp_path: Path, row_id: str, column: str, value: str, message: str
) -> None:
    path = with_change(tmp_path, row_id, column, value)
    assert refusal(path) == f"{path}, {message}"


def test_several_problems_are_listed_together_in_file_order(tmp_path: Path) -> None:
    rows = _rows()
    rows[1][COLUMNS.index("unit")] = "户"
    rows[2][COLUMNS.index("value")] = "50,84"
    path = tmp_path / "facts.csv"
    path.write_text(_csv(rows), encoding="utf-8")
    message = refusal(path)
    assert message.splitlines()[0] == f"{path} has 2 problems:"
    assert message.splitlines()[1].startswith(
        "- line 2 (id tech_smes_registered), column unit: '户' is not a unit"
    )
    assert message.splitlines()[2].startswith(
        "- line 3 (id hightech_output_share), column value: '50,84' is not a plain number."
    )


def test_a_gbk_file_says_so(tmp_path: Path) -> None:
    path = tmp_path / "facts.csv"
    path.write_bytes(FACTS.read_text(encoding="utf-8").encode("gbk"))
    assert refusal(path) == (
        f"{path} is not UTF-8 text: byte 0xB9 on line 2 is not valid UTF-8. It reads correctly "
        "as GBK, the older Chinese encoding, so it was probably saved by Excel or an editor set "
        "to GBK. Open it and save it again as UTF-8 (in Excel: Save As, then 'CSV UTF-8')."
    )


def test_a_file_in_another_encoding(tmp_path: Path) -> None:
    path = tmp_path / "facts.csv"
    path.write_bytes(",".join(COLUMNS).encode() + b"\ncaf\xe9,\n")
    assert refusal(path) == (
        f"{path} is not UTF-8 text: byte 0xE9 on line 2 is not valid UTF-8, and it is not GBK "
        "either. Save it again as UTF-8."
    )


def test_a_utf8_file_with_a_byte_order_mark_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "facts.csv"
    path.write_bytes(b"\xef\xbb\xbf" + FACTS.read_bytes())
    assert len(helpers.load_facts(path)) == 55


@pytest.mark.parametrize("content", [b"", b"\n\n", b"\xef\xbb\xbf"])
def test_an_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "facts.csv"
    path.write_bytes(content)
    assert refusal(path) == (
        f"{path} is empty: a fact table needs a header row (id,section,indicator_en,...) and one "
        "row per figure."
    )


def test_a_header_without_rows(tmp_path: Path) -> None:
    path = tmp_path / "facts.csv"
    path.write_text(",".join(COLUMNS) + "\n", encoding="utf-8")
    assert refusal(path) == (
        f"{path} has a header row but no rows: a fact table needs one row per figure."
    )


def test_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "no_such_facts.csv"
    assert refusal(path) == f"{path} does not exist: check the folder and the file name."


def test_a_row_with_an_unquoted_comma(tmp_path: Path) -> None:
    path = tmp_path / "facts.csv"
    path.write_text(
        FACTS.read_text(encoding="utf-8") + "extra,row,with,a,comma\n", encoding="utf-8"
    )
    assert refusal(path) == (
        f"{path}, line 57: this row has 5 fields but the header has 16. A field that contains a "
        "comma must be in double quotes."
    )


def test_a_note_needs_its_chinese(tmp_path: Path) -> None:
    path = with_change(tmp_path, "policy_trainees", "notes_zh", "attendances, not people")
    assert refusal(path) == (
        f"{path}, line 22 (id policy_trainees), column notes_zh: notes_zh has no Chinese: give "
        "the note in Chinese (the Chinese edition shows it)."
    )
    path = with_change(tmp_path, "policy_trainees", "notes_zh", "")
    assert refusal(path).startswith(
        f"{path}, line 22 (id policy_trainees), column notes_zh: notes_zh has no Chinese"
    )


def test_a_chinese_note_without_its_english(tmp_path: Path) -> None:
    path = with_change(tmp_path, "projects_total", "notes_zh", "说明。")
    assert refusal(path) == (
        f"{path}, line 23 (id projects_total), column notes_zh: notes_zh is filled but notes is "
        "empty: write the note in English in notes too, or leave notes_zh empty."
    )


def test_a_bad_not_figures_row(tmp_path: Path) -> None:
    path = tmp_path / "not_figures.csv"
    path.write_text(
        "text,quote,category,reader,reason,reason_zh\n2024年,2024年,year,found,a date,日期\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as error:
        helpers.load_not_figures(path)
    assert str(error.value) == (
        f"{path}, line 2 (text 2024年), column category: 'year' is not a category; use one of: "
        "date, name, ordinal, threshold, word."
    )


def test_a_not_figures_reason_needs_its_chinese(tmp_path: Path) -> None:
    path = tmp_path / "not_figures.csv"
    path.write_text(
        "text,quote,category,reader,reason,reason_zh\n2024年,2024年,date,found,a date,a date\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as error:
        helpers.load_not_figures(path)
    assert str(error.value) == (
        f"{path}, line 2 (text 2024年), column reason_zh: reason_zh has no Chinese: give the "
        "reason in Chinese (the Chinese edition shows it)."
    )
