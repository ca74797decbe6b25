"""One glossary, used everywhere: each glossary term in a Chinese text has its one English rendering
in the matching English text (the translation paragraph by paragraph, each fact's indicator_en,
every chart label of the helpers and of notebooks 07 and 08)."""

from __future__ import annotations

import ast
import csv
import json
import re

import pytest

from helpers import i18n
from helpers.paths import ENGLISH_RELEASE, FACTS, GLOSSARY, NOTEBOOKS_DIR, REPAIRED_RELEASE

CJK = re.compile(r"[\u4e00-\u9fff]")


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def test_the_glossary_is_well_formed() -> None:
    with GLOSSARY.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert reader.fieldnames == ["term_zh", "term_en", "note", "source"]
    for row in rows:
        assert CJK.search(row["term_zh"]) and row["term_en"] and not CJK.search(row["term_en"])
    named = {
        "国家科技型中小企业",
        "科融信贷",
        "山东好成果",
        "创业齐鲁共赢未来",
        "规模以上工业总产值",
        "规模以上工业企业",
        "科技型中小企业",
        "三高一核心企业",
    }
    assert named <= {row["term_zh"] for row in rows}
    by_zh = {row["term_zh"]: row for row in rows}
    assert by_zh["规模以上工业总产值"]["term_en"].endswith("above designated size")
    assert "stats.gov.cn" in by_zh["规模以上工业企业"]["source"]
    assert "not define" in by_zh["三高一核心企业"]["note"]


def test_terms_are_matched_longest_first() -> None:
    assert i18n.terms_in("国家科技型中小企业入库1295家") == ["国家科技型中小企业"]
    assert i18n.terms_in("科技型中小企业—高新技术企业") == ["科技型中小企业", "高新技术企业"]
    assert i18n.missing_terms("科融信贷首单", "the first Kerong credit loan") == [
        ("科融信贷", "Ke Rong Xin Dai")
    ]
    assert i18n.term("山东好成果") == ("Good Results of Shandong", "山东好成果")
    with pytest.raises(KeyError, match="not in data/glossary.csv"):
        i18n.term("不存在")


def test_the_translation_uses_the_glossary() -> None:
    chinese = _paragraphs(REPAIRED_RELEASE.read_text(encoding="utf-8"))
    english = _paragraphs(ENGLISH_RELEASE.read_text(encoding="utf-8"))[2:]
    pairs = enumerate(zip(chinese, english, strict=True))
    missing = {i: i18n.missing_terms(zh, en) for i, (zh, en) in pairs}
    assert {i: m for i, m in missing.items() if m} == {}


def test_the_fact_table_uses_the_glossary() -> None:
    with FACTS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    missing = {
        row["id"]: i18n.missing_terms(row["indicator_zh"] + " " + row["quote"], row["indicator_en"])
        for row in rows
    }
    assert {k: m for k, m in missing.items() if m} == {}


def _label_pairs(source: str) -> list[tuple[str, str]]:
    """Every ("English", "中文") pair of string literals in a piece of code (chart labels)."""
    pairs = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Tuple) and len(node.elts) == 2:
            texts = [_literal(e) for e in node.elts]
            if all(t is not None for t in texts) and CJK.search(texts[1]):
                pairs.append((texts[0], texts[1]))
    return pairs


def _literal(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):  # an f-string: its literal parts
        return "".join(v.value for v in node.values if isinstance(v, ast.Constant))
    return None


def test_chart_labels_use_the_glossary() -> None:
    pairs = [(p["en"], p["zh"]) for p in i18n.PHRASES.values()]
    for name in ("07_audit.ipynb", "08_summary.ipynb"):
        notebook = json.loads((NOTEBOOKS_DIR / name).read_text(encoding="utf-8"))
        for cell in notebook["cells"]:
            if cell["cell_type"] == "code":
                pairs += _label_pairs("".join(cell["source"]))
    assert len(pairs) > len(i18n.PHRASES)
    missing = [(en, zh, i18n.missing_terms(zh, en)) for en, zh in pairs]
    assert [m for m in missing if m[2]] == []
    assert _label_pairs('x = ("a", "科融信贷")') == [("a", "科融信贷")]


def test_another_rendering_of_a_glossary_term_is_found() -> None:
    assert i18n.other_renderings("26 checks: 15 bounds", "26项检查：15项为界限") == [
        ("bound", "下限")
    ]
    assert i18n.other_renderings("26 checks: 15 bounds", "26项检查：15项为下限") == []
    assert i18n.other_renderings("1 is inconsistent", "1项对不上") == [("inconsistent", "不一致")]
    assert i18n.other_renderings("1 is inconsistent", "1项不一致") == []  # not "consistent"
    assert i18n.other_renderings("the verdict `bound`", "结论 `bound`") == []  # code stays
    assert i18n.other_renderings("a boundary", "边界") == []  # a word, not a part of one


def _catalog_messages():
    from helpers import tables
    from helpers.paths import notebook_paths
    from helpers.publish import translation

    for stem in [path.stem for path in notebook_paths()] + ["exercises"]:  # and the hints
        for message in translation.read_catalog(translation.catalog_path(stem)):
            if message.id and message.string:
                yield f"{stem} {message.context or message.id[:30]!r}", message.id, message.string
    for message in tables.read_catalog():
        if message.id and message.string:
            yield f"tables {message.id!r}", message.id, message.string


def test_the_catalogs_render_each_glossary_term_one_way() -> None:
    # a translator's other word for a term ("bound" as 界限) fails here: use the glossary's
    others = {where: i18n.other_renderings(en, zh) for where, en, zh in _catalog_messages()}
    assert {where: found for where, found in others.items() if found} == {}
    assert len(others) > 250  # every notebook's messages and the table terms were read


def test_tables_show_the_audit_verdicts_in_the_glossary_words() -> None:
    from helpers import audit, tables

    by_en = {row["term_en"]: zh for zh, row in i18n.glossary().items()}
    assert {v: tables.translate_text(v) for v in audit.VERDICTS} == {
        "consistent": "一致",
        "bound": "下限",
        "cannot be checked": "无法核查",
        "inconsistent": "不一致",
    }
    assert all(by_en[v] == tables.translate_text(v) for v in audit.VERDICTS)


# Words the style sheet (data/style.zh-CN.md, 三、术语) retires for a term of the glossary: the
# Chinese pages use the glossary's word, one word per concept.
RETIRED_ZH = {"孵化载体": "孵化平台", "事实表": "数据表", "发布稿": "新闻稿"}


def test_the_chinese_pages_use_no_retired_word() -> None:
    from helpers.paths import PROJ_ROOT

    files = [
        *(PROJ_ROOT / "notebooks" / "locale" / "zh_CN" / "LC_MESSAGES").glob("0*.po"),
        *(PROJ_ROOT / "notebooks" / "decks" / "zh").glob("*.md"),
        PROJ_ROOT / "README.zh-CN.md",
    ]
    found = {
        (path.name, word): use
        for path in files
        for word, use in RETIRED_ZH.items()
        if word in path.read_text(encoding="utf-8")
    }
    assert found == {}, "use the glossary's word: " + repr(found)
    style = (PROJ_ROOT / "data" / "style.zh-CN.md").read_text(encoding="utf-8")
    assert all(word in style for word in RETIRED_ZH)  # each retirement is written down
