"""Tables in Chinese (helpers.tables): the Chinese copy of a frame, English left alone, unknown
labels kept and reported, and a catalog that covers every label the notebooks' tables show."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from helpers import tables
from helpers.paths import notebook_paths


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": ["incubators_total", "tech_smes_registered"],
            "indicator_en": ["Technology business incubators and makerspaces", "x"],
            "indicator_zh": ["孵化器和众创空间", "国家科技型中小企业入库数"],
            "qualifier": ["at_least", "exact"],
            "value": [58, 1295],
            "section": pd.Categorical(["enterprises", "overview"]),
            "made-up label": ["made-up value", None],
        }
    ).set_index("qualifier", drop=False)


def test_the_chinese_copy_translates_labels_values_and_drops_what_repeats() -> None:
    frame = _frame()
    copy = tables.translate_frame(frame)
    # indicator_en beside indicator_zh, and the fact ids beside an indicator column: dropped
    assert list(copy.columns) == ["指标", "限定", "数值", "部分", "made-up label"]
    assert list(copy["限定"]) == ["下限", "确数"]
    assert list(copy.index) == ["下限", "确数"] and copy.index.name == "限定"
    assert list(copy["部分"].astype(str)) == ["科技型企业", "总体情况"]
    assert list(copy["数值"]) == [58, 1295]
    assert list(frame.columns)[0] == "id" and frame["qualifier"].iloc[0] == "at_least"  # untouched


def test_a_fact_id_without_an_indicator_column_shows_the_facts_chinese_name() -> None:
    frame = pd.DataFrame({"id": ["tech_smes_registered"], "value": [1295]})
    copy = tables.translate_frame(frame)
    assert copy.loc[0, "指标"] == "国家科技型中小企业入库数"
    series = pd.Series([1295], index=["tech_smes_registered"], name="value")
    translated = tables.translate_frame(series)
    assert translated.name == "数值" and list(translated.index) == ["国家科技型中小企业入库数"]


def test_a_column_of_english_renderings_is_dropped_beside_the_chinese() -> None:
    frame = pd.DataFrame(
        {
            "tier (Chinese)": ["高新技术企业"],
            "tier (English)": ["x"],
            "as printed": ["1.5亿元"],
            "in English": ["CNY 150 million"],
        }
    )
    assert list(tables.translate_frame(frame).columns) == ["梯次名称", "原文写法"]


def test_a_facts_notes_show_in_chinese() -> None:
    import helpers

    facts = helpers.load_facts().query("id in ['provincial_funding', 'projects_total']")
    copy = tables.translate_frame(facts[["id", "notes"]])
    assert list(copy.columns) == ["指标", "备注"]
    assert copy["备注"].iloc[1] == helpers.fact("provincial_funding").notes_zh
    assert pd.isna(copy["备注"].iloc[0])  # no note: nothing to translate
    both = tables.translate_frame(facts[["indicator_zh", "notes", "notes_zh"]])
    assert list(both.columns) == ["指标", "备注"]  # notes beside notes_zh: dropped
    assert tables.missing_terms(facts[["notes"]]) == []


def test_unknown_labels_stay_and_are_listed() -> None:
    frame = _frame()
    assert tables.missing_terms(frame) == ["made-up label", "made-up value"]
    assert tables.translate_frame(frame)["made-up label"].iloc[0] == "made-up value"


def test_both_languages_show_a_dataframe_as_the_pages_table() -> None:
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    frame = _frame()
    html = shell.display_formatter.formatters["text/html"]
    try:
        assert tables.register_display("zh")
        assert "下限" in html(frame) and "qualifier" not in html(frame)
        assert tables.register_display("en")
        table = tables.frame_html(tables.prepare_frame(frame, "en"), "en")
        assert html(frame).startswith(table)  # then the comment naming what it rewrote
        assert html(frame)[len(table) :].startswith(f"<!--{tables.ENGLISH_OF} ")
        comment = html(frame)[len(table) + len(tables.ENGLISH_OF) + 5 : -3]
        rewritten = __import__("json").loads(comment)
        assert {"id", "indicator_en"} <= set(rewritten["th"]) and "at_least" in rewritten["td"]
        assert ">qualifier</th>" in html(frame) and "下限" not in html(frame)
        assert shell.display_formatter.formatters["text/plain"](frame) == repr(frame)
    finally:
        tables.register_display("en")


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.stem)
def test_the_catalog_covers_every_label_of_the_notebooks_tables(path) -> None:
    # `make translations` collects a new label; a translator gives it its Chinese (tables.po)
    labels = tables.output_labels([path])
    missing = sorted(label for label in labels if tables.translate_text(label) == label)
    assert missing == [], f"{path.name}: no Chinese in tables.po for {missing}"


def test_the_catalog_holds_every_collected_label_and_every_vocabulary() -> None:
    assert not tables.refresh_needed(), "run make translations (python -m helpers.tables refresh)"
    assert tables.untranslated() == []


def test_true_and_false_read_as_chinese_words() -> None:
    frame = pd.DataFrame({"reproduces": [True, False], "mixed": [True, "exact"]})
    shown = tables.translate_frame(frame)
    assert shown.iloc[:, 0].tolist() == ["是", "否"]
    assert shown.iloc[0, 1] == "是"
    assert frame["reproduces"].tolist() == [True, False]  # the frame itself is left as it is


def test_an_open_upper_end_reads_as_words_not_inf() -> None:
    frame = pd.DataFrame({"high": [2_325_000.0, float("inf")], "low": [2_297_000.0, 2_297_000.0]})
    shown = tables.translate_frame(frame)
    assert shown.iloc[:, 0].tolist() == [2_325_000.0, "无上限"]
    assert shown.iloc[:, 1].tolist() == [2_297_000.0, 2_297_000.0]  # no inf: left a float column
    assert shown.iloc[:, 1].dtype == float
    assert frame["high"].iloc[1] == float("inf")  # the frame itself is left as it is


def test_yuan_beside_wan_is_dropped_and_alone_is_kept() -> None:
    both = pd.DataFrame({"yuan": [1.27e9], "万元": [127_000.0]})
    assert tables.translate_frame(both).columns.tolist() == ["万元"]
    alone = pd.DataFrame({"yuan": [1.27e9]})
    assert tables.translate_frame(alone).iloc[0, 0] == 1.27e9
    assert tables.translate_frame(alone).shape == (1, 1)


# ---------------------------------------------------------------------------------------------
# the page's table (frame_html): real frames of the project, the HTML asserted


def _rows(table: str) -> list[list[str]]:
    """The table's rows as text, header row first (the tests read what a reader reads)."""
    import html
    import re

    return [
        [html.unescape(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", table)
    ]


def _page(frame: pd.DataFrame, lang: str) -> str:
    return tables.frame_html(tables.prepare_frame(frame, lang), lang)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_default_index_or_the_audits_row_numbers_are_not_shown(lang) -> None:
    import helpers

    facts = helpers.load_facts()
    rows = facts[facts["section"] == "platforms"][["id", "value", "unit"]].head(3)
    assert rows.index.tolist() != [0, 1, 2]  # the facts' row numbers, as 07 shows the audit's
    for frame in (rows, rows.reset_index(drop=True)):
        table = _rows(_page(frame, lang))
        assert len(table) == 4 and len(table[0]) == 3  # one header row, no index column
        assert [row[0] for row in table[1:]] != [str(i) for i in frame.index]
    assert "<th" not in _page(rows, lang).split("</thead>")[1]  # no row-header cells


def test_a_named_index_is_the_first_column_with_its_name_on_the_one_header_row() -> None:
    import helpers

    facts = helpers.load_facts().set_index("id")
    frame = facts.loc[["transformation_loans", "interest_subsidy"], ["value", "unit", "qualifier"]]
    names = tables.fact_labels_en()
    assert _rows(_page(frame, "en")) == [  # an English page: names, not ids; English units
        ["figure", "value", "unit", "qualifier"],
        [names["transformation_loans"], "12.7", "CNY 100 million", "exact"],
        [names["interest_subsidy"], "476.6", "CNY 10,000", "exact"],
    ]
    zh = _rows(_page(frame, "zh"))
    assert zh[0] == ["指标", "数值", "单位", "限定"]  # fact ids shown as names: 指标, not 编号
    assert zh[1] == ["办理科技成果转化贷款", "12.7", "亿元", "确数"]
    crosstab = pd.crosstab(facts["section"], facts["qualifier"])
    header = _rows(_page(crosstab, "zh"))[0]
    assert header[0] == "部分＼限定" and "" not in header  # rows ＼ columns, no empty header row


def test_text_is_left_aligned_numbers_right_and_short_cells_never_wrap() -> None:
    frame = pd.DataFrame({"qualifier": ["exact", "not_stated"], "value": [1020, 2000]})
    table = _page(frame.rename(columns={"qualifier": "period"}), "zh")
    cells = re.findall(r"<td style=\"([^\"]*)\">([^<]*)</td>", table)
    assert [text for _, text in cells] == ["确数", "1020", "未说明", "2000"]
    by_text = {text: style for style, text in cells}
    assert by_text["确数"] == "text-align:left;white-space:nowrap;"
    assert by_text["未说明"] == "text-align:left;white-space:nowrap;"
    assert by_text["1020"] == by_text["2000"] == "text-align:right;white-space:nowrap;"
    assert "table-layout:auto" in table  # columns as wide as their content, not equal widths
    long = "新闻稿未说明备案金额是否为贷款中备案纳入风险补偿的部分"
    style = re.search(rf'<td style="([^"]*)">{long}', _page(pd.DataFrame({"说明": [long]}), "zh"))
    assert style.group(1) == "text-align:left;"  # a sentence wraps


def test_no_na_nan_none_true_or_false_and_separators_in_english_only() -> None:
    frame = pd.DataFrame(
        {
            "figure": ["a", "b", "c"],
            "count": pd.array([1020, pd.NA, 127000], dtype="Int64"),
            "share": [48.08, float("nan"), 0.5],
            "note": ["1,020 − (7 + 92) = 921", None, "x"],
            "matches the release": [True, False, True],
        }
    )
    en, zh = _rows(_page(frame, "en")), _rows(_page(frame, "zh"))
    assert en[1:] == [
        ["a", "1,020", "48.08", "1,020 − (7 + 92) = 921", "yes"],
        ["b", "—", "—", "—", "no"],
        ["c", "127,000", "0.5", "x", "yes"],
    ]
    assert [row[1:] for row in zh[1:]] == [
        ["1020", "48.08", "1020 − (7 + 92) = 921", "是"],
        ["—", "—", "—", "否"],
        ["127000", "0.5", "x", "是"],
    ]
    for text in ("<NA>", "NaN", "nan", "None", "True", "False"):
        assert text not in _page(frame, "en") + _page(frame, "zh")


def test_a_derived_rows_exact_qualifier_says_worked_out_not_exact() -> None:
    import helpers
    from helpers import derive

    loans, firms = helpers.fact("transformation_loans"), helpers.fact("transformation_loans_firms")
    per_firm = derive.ratio(loans, firms)
    assert per_firm.qualifier == "exact"  # within rounding: still not a printed figure
    frame = pd.DataFrame([per_firm.to_dict()])[["label_en", "value", "qualifier", "working"]]
    assert _rows(_page(frame, "en"))[1][2] == "worked out"
    zh = _rows(_page(frame.drop(columns="working"), "zh"))
    assert "确数" in zh[1]  # no working shown and no kind: a row that says nothing of its origin
    assert _rows(_page(frame.assign(kind="derived").drop(columns="working"), "zh"))[1][2] == "推算"
    assert "推算" in _rows(_page(frame, "zh"))[1]
    assert "确数" not in _page(frame, "zh")
    context = pd.DataFrame({"value_base": [42.6], "qualifier": ["exact"], "kind": ["approximate"]})
    assert _rows(_page(context, "zh"))[1] == ["42.6", "约数", "约数"]


def test_a_printed_figure_beside_derived_ones_keeps_its_own_qualifier() -> None:
    """A table mixing printed and derived rows (a working column shown): the printed figures,
    growth rates included, say 确数 (or their own qualifier, 下限); only the computed rows say
    推算 ("worked out")."""
    import helpers
    from helpers import derive

    experts, growth = helpers.fact("foreign_experts"), helpers.fact("foreign_experts_growth")
    incubated = helpers.fact("incubated_firms")
    earlier = derive.implied_earlier(experts, growth, id="foreign_experts_2023")
    rows = [derive.quantity(growth), derive.quantity(experts), derive.quantity(incubated), earlier]
    frame = derive.table(rows, ["id", "value", "qualifier", "working"])
    assert list(frame["qualifier"])[:2] == ["exact", "exact"]  # printed, as the records say
    en = [row[2] for row in _rows(_page(frame, "en"))[1:]]
    assert en[:3] == ["exact", "exact", "lower bound (more than)"]
    assert en[3] in ("worked out", "interval")
    zh = _rows(_page(frame, "zh"))[1:]
    assert [row[0] for row in zh][:3] == [
        tables.fact_names()["foreign_experts_growth"],
        tables.fact_names()["foreign_experts"],
        tables.fact_names()["incubated_firms"],
    ]
    assert [row[2] for row in zh][:2] == ["确数", "确数"]
    assert zh[2][2] != "推算"
    # without ids, a printed figure's working is the figure alone: no operation
    labelled = derive.table(rows, ["label_en", "value", "qualifier", "working"])
    qualifiers = [row[2] for row in _rows(_page(labelled, "en"))[1:]]
    assert qualifiers == ["exact", "exact", "lower bound (more than)", qualifiers[3]]
    per_firm = derive.ratio(
        helpers.fact("transformation_loans"), helpers.fact("transformation_loans_firms")
    )
    assert per_firm.qualifier == "exact"
    mixed = derive.table(
        [derive.quantity(growth), per_firm], ["label_en", "value", "qualifier", "working"]
    )
    assert [row[2] for row in _rows(_page(mixed, "zh"))[1:]] == ["确数", "推算"]


def test_a_zh_page_shows_no_yuan_column_yuan_derivation_or_unit_table() -> None:
    import helpers
    from helpers import derive

    facts = helpers.load_facts().set_index("id")
    amounts = facts.loc[["transformation_loans", "interest_subsidy"], ["value_base"]]
    amounts = amounts.rename(columns={"value_base": "yuan"}).assign(**{"万元": [127000.0, 476.6]})
    assert _rows(_page(amounts, "zh"))[0] == ["指标", "万元"]
    assert _rows(_page(amounts[["yuan"]], "zh"))[0] == ["指标"]  # a yuan column alone: dropped
    assert "1,270,000,000" in _page(amounts, "en")  # English keeps it
    units = pd.DataFrame({"yuan": [1e4, 1e8], "in 万元": [1, 10_000]}, index=["1万元", "1亿元"])
    assert tables.prepare_frame(units.rename_axis("unit"), "zh") is None
    self_check = pd.DataFrame(
        {"found": ["8,500 万元 = 85,000,000 yuan"], "verdict": ["consistent"]}
    )
    assert tables.prepare_frame(self_check, "zh") is None
    loans, firms = helpers.fact("transformation_loans"), helpers.fact("transformation_loans_firms")
    per_firm = derive.ratio(loans, firms)
    in_yuan = pd.DataFrame([per_firm.to_dict()])[["value", "base_unit", "working"]]
    assert tables.prepare_frame(in_yuan, "zh") is None  # the 万元 table beside it is shown
    assert tables.prepare_frame(in_yuan.assign(base_unit="yuan"), "zh") is None
    ratio = tables.prepare_frame(in_yuan.assign(base_unit="yuan/yuan"), "zh")
    assert ratio is not None and "12.7亿元 / 312" in ratio.iloc[0, -1]
    share = pd.DataFrame({"value": [65.4], "working": ["830,000,000 / 1,270,000,000 × 100 ≈ 65.4"]})
    assert _rows(_page(share, "zh"))[1][1] == "8.3亿元 / 12.7亿元 × 100 ≈ 65.4"


def test_an_english_table_shows_no_identifier_or_chinese_unit() -> None:
    """An English page's table: fact ids as the facts' English names, codes as words, field names
    as plain labels, Chinese units in English (person-times from the glossary)."""
    import helpers

    facts = helpers.load_facts()
    shown = facts[["id", "value", "unit", "qualifier", "value_base", "base_unit", "period"]]
    table = _rows(_page(shown, "en"))
    assert table[0] == [
        "figure",
        "value",
        "unit",
        "qualifier",
        "value (base unit)",
        "unit",
        "period",
    ]
    cells = [cell for row in table for cell in row]
    assert not [c for c in cells if re.fullmatch(r"[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+", c)]
    assert not [c for c in cells if c in ("家", "项", "人", "人次", "万元")]
    for code, words in {
        "at_least": "lower bound (more than)",
        "to_date": "now",
        "cumulative_to_date": "cumulative",
        "2024_to_date": "2024 to now",
        "not_stated": "not stated",
        "2025_plan": "2025 plan",
    }.items():
        assert tables.english_text(code) == words
    assert tables.english_text("人次", unit=True) == "person-times"
    assert tables.english_text("家", unit=True) == "firms"
    assert tables.english_text("家") == "家"  # a unit only in a unit column
    derived = pd.DataFrame({"id": ["x"], "derived": ["1020 − 99"], "qualifier": ["exact"]})
    assert _rows(_page(derived, "en"))[0] == ["figure", "working", "qualifier"]
    assert _rows(_page(derived, "zh"))[0][1] == "计算过程"
