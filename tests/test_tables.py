"""Tables in Chinese (helpers.tables): the Chinese copy of a frame, English left alone, unknown
labels kept and reported, and a catalog that covers every label the notebooks' tables show."""

from __future__ import annotations

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
    assert copy.loc[0, "编号"] == "国家科技型中小企业入库数"
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
    assert list(copy.columns) == ["编号", "备注"]
    assert copy["备注"].iloc[1] == helpers.fact("provincial_funding").notes_zh
    assert pd.isna(copy["备注"].iloc[0])  # no note: nothing to translate
    both = tables.translate_frame(facts[["indicator_zh", "notes", "notes_zh"]])
    assert list(both.columns) == ["指标", "备注"]  # notes beside notes_zh: dropped
    assert tables.missing_terms(facts[["notes"]]) == []


def test_unknown_labels_stay_and_are_listed() -> None:
    frame = _frame()
    assert tables.missing_terms(frame) == ["made-up label", "made-up value"]
    assert tables.translate_frame(frame)["made-up label"].iloc[0] == "made-up value"


def test_english_mode_shows_the_frame_as_it_is() -> None:
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    frame = _frame()
    html = shell.display_formatter.formatters["text/html"]
    try:
        assert tables.register_display("zh")
        assert "下限" in html(frame) and "qualifier" not in html(frame)
        assert not tables.register_display("en")
        assert html(frame) == frame._repr_html_()
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
