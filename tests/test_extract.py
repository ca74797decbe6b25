"""helpers.repair.extract reads the figures of Chinese official prose: number, unit, qualifier, value in
base units and span. Each rule of its module docstring is pinned here on sentences written for the
test, so that the reader can be trusted on a release it has never seen."""

from __future__ import annotations

import pytest

from helpers.repair.extract import COLUMNS, chinese_number, figures, iter_figures


def only(text: str):
    """The one figure of `text`."""
    found = list(iter_figures(text))
    assert len(found) == 1, [f.text for f in found]
    return found[0]


def read(text: str) -> list[tuple]:
    """(span, value, unit, qualifier, value_base, base_unit) of every figure in `text`."""
    return [
        (f.text, f.value, f.unit, f.qualifier, f.value_base, f.base_unit)
        for f in iter_figures(text)
    ]


# --- units ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("全市国家科技型中小企业入库1295家。", ("1295家", 1295, "家", "exact", 1295, "count")),
        ("组织实施科技计划项目115项。", ("115项", 115, "项", "exact", 115, "count")),
        ("新引进外国专家68人。", ("68人", 68, "人", "exact", 68, "count")),
        ("累计培训企业2000人次。", ("2000人次", 2000, "人次", "exact", 2000, "count")),
        ("开展政策培训活动12次。", ("12次", 12, "次", "exact", 12, "count")),
        ("贴息补助476.6万元。", ("476.6万元", 476.6, "万元", "exact", 4_766_000, "yuan")),
        ("办理贷款12.7亿元。", ("12.7亿元", 12.7, "亿元", "exact", 1_270_000_000, "yuan")),
        ("争取资金1.5亿元。", ("1.5亿元", 1.5, "亿元", "exact", 150_000_000, "yuan")),
        ("奖励资金300元。", ("300元", 300, "元", "exact", 300, "yuan")),
        ("占比达到50.84%。", ("50.84%", 50.84, "%", "exact", 50.84, "percent")),
        ("占比达到50.84％。", ("50.84％", 50.84, "%", "exact", 50.84, "percent")),
        (
            "占比提高2.76个百分点。",
            ("2.76个百分点", 2.76, "个百分点", "exact", 2.76, "percentage_point"),
        ),
        ("增长1.5倍。", ("1.5倍", 1.5, "倍", "exact", 1.5, "times")),
        ("服务群众3万人次。", ("3万人次", 3, "万人次", "exact", 30_000, "count")),
        ("建设周期3年。", ("3年", 3, "年", "exact", 3, "year")),
        ("常住人口380万。", ("380万", 380, "万", "exact", 3_800_000, "number")),
        ("入库企业1,295家。", ("1,295家", 1295, "家", "exact", 1295, "count")),
    ],
)
def test_each_unit_is_read_with_its_base_unit(sentence: str, expected: tuple) -> None:
    assert read(sentence) == [expected]


def test_value_is_as_printed_an_int_without_a_decimal_point() -> None:
    assert type(only("共1295家").value) is int
    assert type(only("共12.7亿元").value) is float
    assert type(only("共12.7亿元").value_base) is int  # 1270000000 yuan is a whole number


def test_a_number_without_a_unit_is_a_bare_number() -> None:
    assert [
        (f.text, f.value, f.unit, f.kind, f.base_unit)
        for f in iter_figures("围绕“6+3”现代产业体系")
    ] == [("6", 6, "", "number", "number"), ("3", 3, "", "number", "number")]


# --- qualifiers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "span", "qualifier", "value_base"),
    [
        ("获得支持资金8500余万元。", "8500余万元", "at_least", 85_000_000),
        ("培育库企业220余家。", "220余家", "at_least", 220),
        ("累计培训企业2000余人次。", "2000余人次", "at_least", 2000),
        ("开展政策培训活动10余次。", "10余次", "at_least", 10),
        ("新增企业10多家。", "10多家", "at_least", 10),
        ("服务企业超1000家。", "超1000家", "at_least", 1000),
        ("服务企业超过1000家。", "超过1000家", "at_least", 1000),
        ("比例首次突破50%。", "突破50%", "at_least", 50),
        ("引进人才100人以上。", "100人以上", "at_least", 100),
        ("覆盖企业约300家。", "约300家", "approximate", 300),
        ("发布成果近200项。", "近200项", "approximate", 200),
        ("新增企业50家左右。", "50家左右", "approximate", 50),
        ("不足10家企业。", "不足10家", "at_most", 10),
        ("项目周期3年以内。", "3年以内", "at_most", 3),
    ],
)
def test_qualifier_words_are_read_and_kept_in_the_span(
    sentence: str, span: str, qualifier: str, value_base: int
) -> None:
    figure = only(sentence)
    assert (figure.text, figure.qualifier, figure.value_base) == (span, qualifier, value_base)
    assert sentence[figure.start : figure.end] == span


def test_words_that_end_in_a_qualifier_character_are_not_qualifiers() -> None:
    assert read("最近3年新增企业") == [("3年", 3, "年", "exact", 3, "year")]
    assert read("节约30%的能源") == [("30%", 30, "%", "exact", 30, "percent")]


# --- Chinese numerals -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("六", 6),
        ("两", 2),
        ("十", 10),
        ("十五", 15),
        ("二十", 20),
        ("二十三", 23),
        ("一百", 100),
        ("一百零五", 105),
        ("一千二百", 1200),
        ("一千二", 1200),
        ("一千零二", 1002),
        ("两千", 2000),
        ("一万五", 15_000),
        ("三万", 30_000),
        ("十二万", 120_000),
        ("一亿二千万", 120_000_000),
        ("三万亿", 3_000_000_000_000),
        ("二〇二四", 2024),
        ("一点五", 1.5),
    ],
)
def test_chinese_numbers(numeral: str, value: float) -> None:
    assert chinese_number(numeral) == value


@pytest.mark.parametrize("numeral", ["", "十百", "二二十", "万", "一点"])
def test_what_is_not_a_chinese_number_is_refused(numeral: str) -> None:
    with pytest.raises(ValueError, match="not a Chinese numeral"):
        chinese_number(numeral)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("提前两年完成目标任务", ("两年", 2, "年", "exact", 2, "year")),
        ("新建一千二百家企业", ("一千二百家", 1200, "家", "exact", 1200, "count")),
        ("投入五千万元", ("五千万元", 5000, "万元", "exact", 50_000_000, "yuan")),
        ("投入一点五亿元", ("一点五亿元", 1.5, "亿元", "exact", 150_000_000, "yuan")),
        ("占比提高三个百分点", ("三个百分点", 3, "个百分点", "exact", 3, "percentage_point")),
        ("占比达到百分之五十", ("百分之五十", 50, "%", "exact", 50, "percent")),
        ("开展活动十余次", ("十余次", 10, "次", "at_least", 10, "count")),
        ("十五人获奖", ("十五人", 15, "人", "exact", 15, "count")),
    ],
)
def test_chinese_numerals_before_a_unit_are_figures(sentence: str, expected: tuple) -> None:
    assert read(sentence) == [expected]
    assert only(sentence).numeral == "chinese"


@pytest.mark.parametrize(
    ("sentence", "span", "value", "unit", "base_unit", "kind"),
    [
        ("位居全省第六，提前完成", "第六", 6, "位", "rank", "rank"),
        ("排名全国第3。", "第3", 3, "位", "rank", "rank"),
        ("获得全省第二名", "第二名", 2, "位", "rank", "rank"),
        ("举行系列发布会第四场，介绍", "第四场", 4, "场", "ordinal", "ordinal"),
        ("承办第六届创业大赛", "第六届", 6, "届", "ordinal", "ordinal"),
        ("第一，加强领导。", "第一", 1, "", "ordinal", "ordinal"),
    ],
)
def test_di_makes_a_rank_or_an_ordinal(
    sentence: str, span: str, value: int, unit: str, base_unit: str, kind: str
) -> None:
    figure = only(sentence)
    assert (figure.text, figure.value, figure.unit, figure.base_unit, figure.kind) == (
        span,
        value,
        unit,
        base_unit,
        kind,
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "一是健全梯次培育体系",
        "统一部署",
        "形成储备一批、培育一批的模式",
        "一体推进成果转化",
        "第一时间响应",
        "引入第三方评估",
        "全面落实党的二十大精神",
        "二中、三中全会精神",
        "三高一核心企业",
        "荣获省科学技术发明奖一等奖",
        "实现零的突破",
        "全球首个新技术",
        "“科技政策进万企”活动",
        "下一步，我们将",
        "单一石油化工路线",
        "新建一家企业",
    ],
)
def test_ordinary_words_with_numerals_are_not_figures(sentence: str) -> None:
    assert read(sentence) == []


# --- dates, headings, what is not a number ----------------------------------------------------


def test_dates_are_kept_apart_from_durations() -> None:
    text = "3月24日，2024年以来，2024年度，二〇二四年三月二十四日，两年"
    assert [(f.text, f.value, f.unit, f.kind, f.base_unit) for f in iter_figures(text)] == [
        ("3月", 3, "月", "date", "date"),
        ("24日", 24, "日", "date", "date"),
        ("2024年", 2024, "年", "date", "date"),
        ("2024年", 2024, "年", "date", "date"),
        ("二〇二四年", 2024, "年", "date", "date"),
        ("三月", 3, "月", "date", "date"),
        ("二十四日", 24, "日", "date", "date"),
        ("两年", 2, "年", "quantity", "year"),
    ]


def test_heading_numbers_count_only_at_the_start_of_a_paragraph() -> None:
    text = "引言。\n\n（一）加大培育力度\n\n（二）突出技术攻关，包括（三）方面\n\n四、其他"
    assert [(f.text, f.value, f.kind) for f in iter_figures(text)] == [
        ("（一）", 1, "ordinal"),
        ("（二）", 2, "ordinal"),
        ("四、", 4, "ordinal"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ("一", []),
        ("两", []),
        ("5", ["5"]),
        ("（5", ["5"]),
        ("(5)", ["(5)"]),
        ("第一", ["第一"]),
    ],
)
def test_the_edges_of_a_text_are_safe(text: str, expected: list[str]) -> None:
    assert [f.text for f in iter_figures(text)] == expected


def test_digits_in_urls_and_latin_words_are_not_numbers() -> None:
    assert read("建设5G基站，详见(https://mp.weixin.qq.com/s/HN_nQ3Sfpk9M1M8g)") == []


# --- the table --------------------------------------------------------------------------------


def test_figures_returns_one_row_per_figure_with_its_span() -> None:
    text = "2024年办理贷款12.7亿元、惠及科技企业312家；60家企业获得补助476.6万元，同比增长75.2%。"
    table = figures(text)
    assert list(table.columns) == list(COLUMNS)
    assert table["text"].tolist() == ["2024年", "12.7亿元", "312家", "60家", "476.6万元", "75.2%"]
    assert table["value"].tolist() == [2024, 12.7, 312, 60, 476.6, 75.2]
    assert table["value_base"].tolist() == [2024, 1_270_000_000, 312, 60, 4_766_000, 75.2]
    assert table["numeral"].unique().tolist() == ["arabic"]
    assert table["value_to"].tolist() == [None] * 6
    for row in table.itertuples():
        assert text[row.start : row.end] == row.text


def test_figures_of_a_text_without_numbers_is_an_empty_table() -> None:
    table = figures("高新技术产业是推动经济增长的重要引擎。")
    assert table.empty
    assert list(table.columns) == list(COLUMNS)
    assert str(table["start"].dtype) == "int64"


# --- compound units, spacing, ranges, what is not a figure (pages of the mirror family) -------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "全市实现营业收入1.39万亿元。",
            ("1.39万亿元", 1.39, "万亿元", "exact", 1_390_000_000_000, "yuan"),
        ),
        ("各项存款余额12万多亿。", ("12万多亿", 12, "万亿", "at_least", 12 * 10**12, "number")),
        ("各项存款余额12万多亿元。", ("12万多亿元", 12, "万亿元", "at_least", 12 * 10**12, "yuan")),
        ("实现收入3亿多元。", ("3亿多元", 3, "亿元", "at_least", 300_000_000, "yuan")),
        ("带动投资10多亿元。", ("10多亿元", 10, "亿元", "at_least", 1_000_000_000, "yuan")),
        ("完成投资3千多万元。", ("3千多万元", 3, "千万元", "at_least", 30_000_000, "yuan")),
        ("常住人口1亿多。", ("1亿多", 1, "亿", "at_least", 100_000_000, "number")),
        ("装机5千瓦。", ("5千瓦", 5, "千瓦", "exact", 5, "kilowatt")),
    ],
)
def test_compound_units_multiply_and_more_between_them_is_a_lower_bound(
    sentence: str, expected: tuple
) -> None:
    assert read(sentence) == [expected]


def test_12_wan_duo_yi_is_never_120000() -> None:
    figure = only("各项贷款余额12万多亿")
    assert figure.value_base == 12_000_000_000_000 != 120_000


@pytest.mark.parametrize(
    ("sentence", "span", "qualifier"),
    [
        ("规模超 1.39 万亿元。", "超 1.39 万亿元", "at_least"),
        ("规模超1.39 万亿元。", "超1.39 万亿元", "at_least"),
        ("规模约 300 家。", "约 300 家", "approximate"),
        ("共 1295 家。", "1295 家", "exact"),
    ],
)
def test_a_qualifier_and_a_unit_are_read_across_spaces(
    sentence: str, span: str, qualifier: str
) -> None:
    figure = only(sentence)
    assert (figure.text, figure.qualifier) == (span, qualifier)
    assert sentence[figure.start : figure.end] == span


@pytest.mark.parametrize(
    ("sentence", "span", "value", "value_to", "unit", "kind", "value_base_to"),
    [
        ("1-5月，全市", "1-5月", 1, 5, "月", "date", 5),
        ("1—11月，全市", "1—11月", 1, 11, "月", "date", 11),
        ("今年前11月，全市", "前11月", 1, 11, "月", "date", 11),
        ("2024年前11个月，全市", "前11个月", 1, 11, "月", "date", 11),
        ("2021—2023年，全市", "2021—2023年", 2021, 2023, "年", "date", 2023),
        ("新增企业10-20家。", "10-20家", 10, 20, "家", "range", 20),
        ("新增企业10～20家。", "10～20家", 10, 20, "家", "range", 20),
        ("投资1至2亿元。", "1至2亿元", 1, 2, "亿元", "range", 200_000_000),
        ("建设周期三至五年。", "三至五年", 3, 5, "年", "range", 5),
        ("新增三四家企业。", "三四家", 3, 4, "家", "range", 4),
    ],
)
def test_ranges_are_one_figure_with_both_ends(
    sentence: str, span: str, value: int, value_to: int, unit: str, kind: str, value_base_to: int
) -> None:
    found = [f for f in iter_figures(sentence) if f.value_to is not None]
    assert len(found) == 1
    figure = found[0]
    assert (
        figure.text,
        figure.value,
        figure.value_to,
        figure.unit,
        figure.kind,
        figure.value_base_to,
    ) == (span, value, value_to, unit, kind, value_base_to)


def test_a_single_number_has_no_upper_end_and_a_backward_range_is_not_a_range() -> None:
    assert only("共1295家").value_to is None
    assert [f.text for f in iter_figures("比分3-2")] == ["3", "2"]
    assert only("提前3个月完成").kind == "quantity"  # 提前 is "ahead of time", not 前N个月


@pytest.mark.parametrize(
    "sentence",
    [
        "咨询电话：0632-1234567",
        "咨询电话：0632-3311234-8001",
        "电话(0632)3311234",
        "手机13912345678",
        "热线400-123-4567",
        "上午10:30召开",
        "发布时间：2025-03-24 10:30:00",
        "日期2025/3/24",
        "日期2025.03.24",
        "截至2025-03",
        "上午10：30召开",
    ],
)
def test_phone_numbers_times_and_dates_with_separators_are_not_figures(sentence: str) -> None:
    assert read(sentence) == []


def test_a_figure_next_to_a_phone_number_is_still_read() -> None:
    assert [f.text for f in iter_figures("电话0632-1234567，服务企业1295家")] == ["1295家"]
