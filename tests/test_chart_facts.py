"""Every value a chart draws is the figure of the fact its label names.

A chart's data CSV (build/figures/<lang>/<chart>.csv, written by helpers.plotting.save_figure)
pairs each drawn label with its value and the fact it came from. nbval compares no images, so a
chart whose labels were given in the wrong order (two bars swapped: the 66 newly built municipal
laboratories drawn under "provincial key laboratories") passes every other test. Here each row
drawn from a fact must carry that fact's value, and its label must name that fact at least as
well as it names any other fact of the same chart: a swapped pair of labels names the other
bar's fact better. The charts are the Chinese build's (conftest's `exported_zh`: the same code
draws both languages, only the labels' language differs), and are checked against the Chinese
indicator of each fact.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from helpers.paths import FACTS, notebook_paths

CJK = re.compile(r"[\u4e00-\u9fff]")
FACT_SOURCE = re.compile(r"^fact (\w+)$")


def _facts() -> dict[str, dict]:
    with FACTS.open(encoding="utf-8", newline="") as handle:
        return {row["id"]: row for row in csv.DictReader(handle)}


# A Chinese chart's CSV (build/figures/zh/) has Chinese headers, and names a fact of the release
# by its Chinese name: "新闻稿：<indicator_zh>".
ZH_HEADERS = {
    "标签": "label",
    "数值": "value",
    "单位": "unit",
    "限定": "qualifier",
    "来源": "source",
}
ZH_SOURCE = re.compile(r"^新闻稿：(.+)$")


def _in_english(row: dict) -> dict:
    return {ZH_HEADERS.get(key, key): value for key, value in row.items()}


def _likeness(label: str, indicator: str) -> float:
    """How much of a label's wording is the indicator's: the share of the label's Chinese
    characters (or, in English, its words) that the indicator has too."""
    if CJK.search(label):
        ours, theirs = set(CJK.findall(label)), set(CJK.findall(indicator))
    else:
        ours = set(re.findall(r"[a-z]{3,}", label.lower()))
        theirs = set(re.findall(r"[a-z]{3,}", indicator.lower()))
    return len(ours & theirs) / len(ours) if ours else 0.0


def chart_problems(rows: list[dict], facts: dict[str, dict], lang: str = "zh") -> list[str]:
    """What is wrong with one chart's data rows: a value that is not its fact's, or a label that
    names another fact of the chart better than its own."""
    column = "indicator_zh" if lang == "zh" else "indicator_en"
    by_name = {fact["indicator_zh"]: fact_id for fact_id, fact in facts.items()}
    drawn = {}
    problems = []
    for row in map(_in_english, rows):
        match = FACT_SOURCE.match(row["source"])
        if not match:
            released = ZH_SOURCE.match(row["source"])
            if not released:
                continue  # derived, or given by the notebook: its code says how
            match = [row["source"], by_name.get(released[1], released[1])]
        fact = facts.get(match[1])
        if fact is None:
            problems.append(f"{row['label']}: unknown fact {match[1]}")
            continue
        if float(row["value"]) != float(fact["value_base"]):
            problems.append(
                f"{row['label']}: drawn as {row['value']}, but {fact['id']} is {fact['value_base']}"
            )
        drawn[row["label"]] = fact
    for label, fact in drawn.items():
        own = _likeness(label, fact[column])
        for other in drawn.values():
            if other is not fact and _likeness(label, other[column]) > own:
                problems.append(
                    f"{label}: drawn with {fact['id']} ({fact[column]}), but the label names "
                    f"{other['id']} ({other[column]})"
                )
    return problems


def _charts(folder: Path, stem: str) -> list[Path]:
    return sorted(folder.glob(f"{stem[:2]}_*.csv"))


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.stem)
def test_every_chart_draws_each_fact_under_its_own_label(exported_zh, path) -> None:
    layout, status, output, stems = exported_zh
    if path.stem not in stems:
        pytest.skip(f"{path.stem}: its Chinese catalog is not complete, so it is not exported")
    assert status in (0, 2), output
    facts = _facts()
    problems = {
        chart.name: chart_problems(list(csv.DictReader(chart.open(encoding="utf-8"))), facts)
        for chart in _charts(layout.figures("zh"), path.stem)
    }
    assert {name: found for name, found in problems.items() if found} == {}


def test_the_check_finds_two_swapped_labels_and_a_wrong_value() -> None:
    facts = _facts()
    swapped = [
        {
            "label": "省级重点实验室（获批建设）",
            "value": "66",
            "source": "fact new_municipal_key_labs",
        },
        {
            "label": "新型研发机构（备案）",
            "value": "3",
            "source": "fact new_provincial_rd_institutes",
        },
        {"label": "市重点实验室（新建）", "value": "1", "source": "fact new_provincial_key_labs"},
        {"label": "合计", "value": "1020", "source": "fact platforms_total"},
        {"label": "市级（推算）", "value": "921", "source": "derived: total − the parts"},
    ]
    found = chart_problems(swapped, facts)
    assert [line.split(":")[0] for line in found] == [
        "省级重点实验室（获批建设）",
        "市重点实验室（新建）",
    ]
    wrong = [{"label": "国家级平台数", "value": "8", "source": "fact platforms_national"}]
    assert chart_problems(wrong, facts) == ["国家级平台数: drawn as 8, but platforms_national is 7"]
    english = [
        {
            "label": "Municipal key laboratories (newly built)",
            "value": "1",
            "source": "fact new_provincial_key_labs",
        },
        {
            "label": "Provincial key laboratories (approved)",
            "value": "66",
            "source": "fact new_municipal_key_labs",
        },
    ]
    assert len(chart_problems(english, facts, "en")) == 2


def test_a_chinese_charts_rows_name_their_facts_by_their_chinese_names() -> None:
    facts = _facts()
    rows = [
        {"标签": "国家级孵化器", "数值": "4", "来源": "新闻稿：国家级科技企业孵化器数"},
        {"标签": "国家级众创空间", "数值": "4", "来源": "新闻稿：国家级众创空间数"},
    ]
    assert chart_problems(rows, facts) == ["国家级孵化器: drawn as 4, but incubators_national is 3"]
