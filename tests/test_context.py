"""data/context.csv: what other public sources say about the release's figures. Each row's quote
holds its value as printed (or, for a derived row, the figures it is computed from), and a row
that breaks a rule is refused with a one-line error naming file, line, id and column."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

import pytest

from helpers import DataError
from helpers.context import COLUMNS, CONTEXT, MAX_QUOTE, as_number, evaluate, load_context
from helpers.facts import fact


@pytest.fixture(scope="module")
def context():
    return load_context()


def test_every_quote_holds_its_value(context) -> None:
    """Independent of the loader: the printed value (or each input of a derived row) stands in the
    quote as a whole number, and the quote is short."""
    for row in context.itertuples():
        assert row.url.startswith(("http://", "https://")), row.id
        assert 0 < len(row.quote) <= MAX_QUOTE, row.id
        numbers = re.findall(r"\d+(?:\.\d+)?", row.derived) if row.derived else [row.value]
        for number in numbers:
            if number.isascii():
                pattern = rf"(?<![\d.]){re.escape(number)}(?!\d)"
                assert re.search(pattern, row.quote), f"{row.id}: {number} not in {row.quote}"
            else:  # a Chinese numeral: 第六, 第三位, 首位
                assert f"第{number}" in row.quote or f"{number}位" in row.quote, row.id


def test_targets_of_the_table(context) -> None:
    shares = context[context["indicator_en"].str.startswith("High-tech industry output as a share")]
    zaozhuang = shares[shares["place_en"] == "Zaozhuang"]
    assert sorted(zaozhuang["year"].dropna().unique()) == [2015, 2021, 2023, 2024, 2025]
    assert len(context) >= 10
    assert (shares["place_en"] == "Shandong").sum() == 4


def test_real_values(context) -> None:
    by_id = context.set_index("id")
    assert by_id.loc["zaozhuang_share_2015h1", "value_base"] == 18.99  # 31.47 - 12.48
    assert by_id.loc["shandong_share_2020h1", "value_base"] == 44.37  # 46.67 - 2.3
    assert by_id.loc["zaozhuang_share_2025", "value"] == "55.3"
    assert by_id.loc["shandong_share_2023", "qualifier"] == "at_least"
    assert by_id.loc["yantai_rank_2021", "value_base"] == 3  # 第三位
    assert by_id.loc["weihai_rank_undated", "value_base"] == 1  # 首位
    assert by_id.loc["zaozhuang_share_2015h1", "kind"] == "derived"


def test_the_release_rows_agree_with_the_fact_table(context) -> None:
    by_id = context.set_index("id")
    share, rise = fact("hightech_output_share"), fact("hightech_output_share_change_pp")
    assert by_id.loc["zaozhuang_share_2024", "value_base"] == share.value
    assert by_id.loc["zaozhuang_share_2023", "value_base"] == round(share.value - rise.value, 2)
    assert (
        by_id.loc["zaozhuang_rank_2024", "value_base"] == fact("hightech_output_share_rank").value
    )


def test_numbers_and_arithmetic() -> None:
    assert as_number("六") == 6 and as_number("首") == 1 and as_number("9.08") == Decimal("9.08")
    assert as_number("约5") is None
    assert evaluate("31.47 - 12.48") == Decimal("18.99")
    with pytest.raises(ValueError):
        evaluate("__import__('os')")


def _rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(CONTEXT.read_text(encoding="utf-8"))))


def _write(tmp_path, rows: list[dict[str, str]]):
    path = tmp_path / "context.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


# (row id, column, new value, words the one-line error must contain)
BROKEN = [
    ("zaozhuang_share_2025", "url", "", "has no URL"),
    ("zaozhuang_share_2025", "url", "dezhoudaily.com/p/1", "is not a web address"),
    (
        "zaozhuang_share_2025",
        "quote",
        "高新技术产业产值占比提升至55%",
        "does not contain the value",
    ),
    ("zaozhuang_share_2025", "quote", "占比" * 31 + "55.3%", "keep it to 60"),
    (
        "heze_share_2015h1",
        "quote",
        "比重为131.47%",
        "does not contain the value as printed, 31.47%",
    ),
    ("zaozhuang_rank_2024", "quote", "位居全省第五", "第六"),
    ("zaozhuang_share_2015h1", "quote", "比重为31.47%,高于末位的枣庄", "does not contain 12.48"),
    ("zaozhuang_share_2015h1", "value_base", "19", "= 18.99, not 19"),
    ("zaozhuang_share_2015h1", "derived", "open('x')", "cannot be computed"),
    ("zaozhuang_share_2025", "value_base", "55", "is 55.3, not 55"),
    ("zaozhuang_share_2025", "source_kind", "blog", "is not one of"),
    ("zaozhuang_share_2025", "base_unit", "count", "base unit of '%' is percent"),
    ("shandong_share_2015h1", "qualifier", "at_least", "no 超, 余, 多 or 以上 stands at the value"),
    ("zaozhuang_share_2025", "read_on", "7 Dec 2026", "is not a date"),
    ("zaozhuang_share_2025", "id", "shandong_share_2023", "already used"),
]


@pytest.mark.parametrize(("row_id", "column", "value", "words"), BROKEN)
def test_a_broken_row_is_refused(tmp_path, row_id, column, value, words) -> None:
    rows = _rows()
    target = next(r for r in rows if r["id"] == row_id)
    target[column] = value
    line = rows.index(target) + 2  # the header is line 1
    with pytest.raises(DataError) as raised:
        load_context(_write(tmp_path, rows))
    message = str(raised.value)
    assert "\n" not in message, message  # one problem, one line
    assert words in message, message
    assert f"line {line}" in message and f"column {column}" in message, message


def test_the_annotated_release_links_figures_with_context_to_the_chapter() -> None:
    from helpers.context import CONTEXT_REPORT, FACTS_WITH_CONTEXT
    from helpers.paths import NOTEBOOKS_DIR
    from helpers.publish.annotate import Card, _card_html

    assert (NOTEBOOKS_DIR / f"{CONTEXT_REPORT}.ipynb").exists()
    for id_ in FACTS_WITH_CONTEXT:
        assert fact(id_).indicator_zh.startswith("高新技术产业产值")
    blank = dict(indicator_en="x", indicator_zh="x", stated_zh="", stated_en="", base="")
    blank |= dict(qualifier="", period="", quote="", notes="")
    shown = _card_html(Card(id="hightech_output_share", **blank))
    assert 'href="en/reports/06_context.html"' in shown
    assert 'href="zh/reports/06_context.html"' in shown
    assert "06_context" not in _card_html(Card(id="foreign_experts", **blank))


def test_a_period_reads_as_words_in_each_language(context) -> None:
    from helpers.context import period_label

    assert [period_label(p, "zh") for p in ("2011-Q1", "2020-H1", "2020-Q1-Q3", "2021")] == [
        "2011年一季度",
        "2020年上半年",
        "2020年前三季度",
        "2021年",
    ]
    assert [period_label(p, "en") for p in ("2011-Q1", "2020-H1", "not_stated")] == [
        "2011 Q1",
        "H1 2020",
        "year not stated",
    ]
    # every period of the table has a label, and none shows the code's hyphen
    labels = [period_label(p, lang) for p in context["period"] for lang in ("en", "zh")]
    assert not any("-" in label or "_" in label for label in labels)
    with pytest.raises(ValueError, match="2020-H3"):
        period_label("2020-H3", "en")
