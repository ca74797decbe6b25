"""The annotated release page's generator (helpers.publish.annotate), without a browser: where each
figure is marked in the Chinese and the English, what its card says, how the repair report is
placed in the raw text, and the same page made for another small text with its own fact table."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers.errors import DataError
from helpers.facts import load_facts
from helpers.paths import AUDIT, RAW_RELEASE, REPAIRED_RELEASE
from helpers.publish import annotate
from helpers.publish.annotate import Mark, english_marks, locate_facts
from helpers.publish.index import release_link


@pytest.fixture(scope="module")
def release(annotated) -> annotate.Release:
    """What the page of the project's release shows (built once per session: conftest.py)."""
    return annotated[1]


def _facts():
    return annotate._fact_records(load_facts())


class _Marks(HTMLParser):
    """The <mark class="fig"> elements of a page: (column, fact id, text)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[list[str]] = []
        self._column: list[str] = []
        self._in = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("p", "h2") and attrs.get("class") in ("zh", "en"):
            self._column.append(attrs["class"])
        if tag == "mark":
            self.found.append([self._column[-1], attrs["data-fact"], ""])
            self._in = True

    def handle_endtag(self, tag):
        if tag == "mark":
            self._in = False
        if tag in ("p", "h2") and self._column:
            self._column.pop()

    def handle_data(self, data):
        if self._in:
            self.found[-1][2] += data


# --- where the figures are marked ----------------------------------------------------------------


def test_every_fact_is_marked_once_at_its_number_inside_its_quote(release) -> None:
    text = REPAIRED_RELEASE.read_text(encoding="utf-8")
    facts = {f.id: f for f in _facts()}
    assert sorted(m.fact for m in release.marks) == sorted(facts)
    for mark in release.marks:
        fact = facts[mark.fact]
        quote = text.index(fact.quote)
        assert quote <= mark.start < mark.end <= quote + len(fact.quote), mark
        assert text[mark.start : mark.end] == mark.number
    by_id = {m.fact: m for m in release.marks}
    assert (by_id["provincial_funding"].number, by_id["provincial_funding"].stated) == (
        "8500",
        "8500余万元",
    )
    assert by_id["hightech_output_share_rank"].number == "六"
    assert by_id["industrial_doubling_years_ahead"].number == "两"
    # 2000 is printed twice in one paragraph (firms incubated, trainees): each at its own quote
    firms, trainees = by_id["incubated_firms"], by_id["policy_trainees"]
    assert text[firms.start - 6 : firms.end] == "累计孵化企业2000"
    assert text[trainees.start - 4 : trainees.end] == "培训企业2000"


def test_every_fact_is_marked_once_in_each_language_of_the_page(release_page: Path) -> None:
    parser = _Marks()
    parser.feed(release_page.read_text(encoding="utf-8"))
    ids = sorted(f.id for f in _facts())
    for column in ("zh", "en"):
        assert sorted(fact for col, fact, _ in parser.found if col == column) == ids, column
    english = {fact: text for col, fact, text in parser.found if col == "en"}
    assert english["provincial_funding"] == "85 million"  # "more than CNY 85 million"
    assert english["tech_smes_registered"] == "1,295"  # the English writes thousands with a comma
    assert english["hightech_output_share_rank"] == "sixth"
    assert english["industrial_doubling_years_ahead"] == "two"


def test_the_english_of_the_release_matches_every_figure(release) -> None:
    assert release.unmatched == []
    en = release.english.paragraphs
    for index, marks in release.english_marks.items():
        for mark in marks:
            assert en[index][mark.start : mark.end] == mark.number
    # "6+3" and "2+10" print 3 and 2 before the figures 3 and 2 of their paragraphs: not taken
    paragraph = next(i for i, p in enumerate(en) if "6+3" in p)
    marks = {m.fact: m for m in release.english_marks[paragraph]}
    assert en[paragraph][marks["new_provincial_rd_institutes"].start :][:30] == (
        "3 new-type R&D institutes were"
    )


def _one(chinese: str, number: str, fact: str = "f", nth: int = 0) -> Mark:
    start = [m.start() for m in re.finditer(re.escape(number), chinese)][nth]
    return Mark(fact, start, start + len(number), number)


def test_english_matching_follows_the_number_not_the_order() -> None:
    chinese = "新增企业12家，其中高新技术企业5家。"
    english = "Of them 5 were high-tech enterprises; in all 12 enterprises were added."
    found, missing = english_marks(
        chinese, [_one(chinese, "12", "all"), _one(chinese, "5", "ht")], english
    )
    assert missing == []
    assert {m.fact: english[m.start : m.end] for m in found} == {"all": "12", "ht": "5"}
    assert [m.fact for m in found] == ["ht", "all"]  # in the order of the English


def test_english_matching_takes_repeated_numbers_in_order_and_reads_separators() -> None:
    chinese = "孵化企业2000余家，培训企业2000余人次，入库1295家。"
    english = "more than 2,000 firms incubated, more than 2000 attendances; 1,295 firms."
    marks = [
        _one(chinese, "2000", "firms"),
        _one(chinese, "2000", "trainees", 1),
        _one(chinese, "1295", "smes"),
    ]
    found, missing = english_marks(chinese, marks, english)
    assert missing == []
    spans = {m.fact: (m.start, english[m.start : m.end]) for m in found}
    assert spans["firms"] == (english.index("2,000"), "2,000")
    assert spans["trainees"] == (english.index(" 2000 ") + 1, "2000")
    assert spans["smes"][1] == "1,295"


def test_english_matching_leaves_a_figure_unmarked_rather_than_guess() -> None:
    chinese = "新增企业12家。"
    extra = "12 enterprises were added, 12 of them new."  # the translation repeats the number
    found, missing = english_marks(chinese, [_one(chinese, "12")], extra)
    assert (found, missing) == ([], ["f"])
    found, missing = english_marks(chinese, [_one(chinese, "12")], "A dozen were added.")
    assert (found, missing) == ([], ["f"])


def test_english_matching_reads_chinese_numerals_as_words() -> None:
    chinese = "位居全省第六，提前两年完成。"
    english = "Sixth in the province, two years ahead of schedule."
    marks = locate_facts(
        chinese, [_Fact("rank", "位居全省第六", 6, "位"), _Fact("years", "提前两年", 2, "年")]
    )
    found, missing = english_marks(chinese, marks, english)
    assert missing == []
    assert {m.fact: english[m.start : m.end] for m in found} == {"rank": "Sixth", "years": "two"}


class _Fact:
    def __init__(self, id: str, quote: str, value, unit: str) -> None:
        self.id, self.quote, self.value, self.unit = id, quote, value, unit


def test_a_quote_that_does_not_point_at_one_figure_is_refused() -> None:
    with pytest.raises(DataError, match="occurs 2 times"):
        locate_facts("企业5家。企业5家。", [_Fact("a", "企业5家", 5, "家")])
    with pytest.raises(DataError, match="states 0 figures"):
        locate_facts("企业5家。", [_Fact("a", "企业5家", 6, "家")])


# --- the cards -----------------------------------------------------------------------------------


def test_the_card_of_a_lower_bound(release) -> None:
    card = release.cards["provincial_funding"]
    assert (card.indicator_en, card.indicator_zh) == (
        "Support funds won from provincial level or above",
        "获得省级以上支持资金",
    )
    assert card.stated_zh == "8500余万元" and card.stated_en == "more than CNY 85 million"
    assert card.base == "85,000,000 yuan"
    assert card.qualifier == "more than 8,500万元: a lower bound"
    assert card.period.startswith("the calendar year 2024")
    assert card.period_zh.startswith("2024年全年")
    assert card.qualifier_zh == "8500余万元：下限（余）"
    audit = annotate._csv_rows(AUDIT, ("figures", "verdict"), "the audit")
    expected = [
        (r["check"], r["verdict"]) for r in audit if "provincial_funding" in r["figures"].split()
    ]
    assert [(c["check"], c["verdict"]) for c in card.checks] == expected and len(expected) == 3
    assert card.reports == {
        "en": "en/reports/02_rd_projects.html",
        "zh": "zh/reports/02_rd_projects.html",
    }


def test_cards_link_totals_growth_bases_and_derived_figures(release) -> None:
    part = release.cards["incubators_national"]
    assert part.relations[0][:2] == ("Part of", "incubators_total")
    assert [d.working for d in part.derived] == ["58 − (3 + 4 + 2 + 9) = 40"]
    assert part.derived[0].range == "40 count"
    growth = release.cards["foreign_experts_growth"]
    assert growth.relations[0][:2] == ("Growth of", "foreign_experts")
    assert "(compared with 2023)" in growth.relations[0][2]
    implied = growth.derived[0]
    assert implied.label.endswith("the 2023 value the growth rate implies")
    assert implied.range == "64.0603 count (between 64.0573 and 64.0633)"
    assert [c["verdict"] for c in growth.checks] == ["inconsistent"]  # as audit.csv writes it
    assert release.cards["hightech_output_share_rank"].checks == []
    assert release.cards["tech_smes_registered"].reports["en"] == "en/reports/01_enterprises.html"


def test_section_reports_follow_the_notebooks() -> None:
    from helpers.facts import SECTIONS
    from helpers.paths import NOTEBOOKS_DIR

    assert annotate.section_reports(NOTEBOOKS_DIR, SECTIONS) == {
        "overview": "01_enterprises",
        "enterprises": "01_enterprises",
        "rd_projects": "02_rd_projects",
        "platforms": "03_platforms",
        "talent": "04_talent",
        "finance": "05_finance",
    }


def test_verdicts_are_shown_as_written_with_a_neutral_class_for_new_ones() -> None:
    assert annotate.verdict_class("pass") == "v-pass"
    assert annotate.verdict_class("cannot be checked") == "v-cannot-be-checked"
    css = (annotate.TEMPLATE_DIR / "release.css").read_text(encoding="utf-8")
    assert ".verdict {" in css  # the neutral colour: "cannot be checked", "no check", any other
    assert ".v-bound" in css and ".v-inconsistent" in css and ".v-consistent" in css


# --- the repair view ------------------------------------------------------------------------------


def test_every_change_of_the_repair_report_is_placed_in_the_raw_text(release) -> None:
    from helpers.repair.text import repair_report

    report = repair_report(RAW_RELEASE.read_text(encoding="utf-8"))
    assert len(release.changes) == len(report)
    raw = release.raw
    for change in release.changes:
        if change.inside is not None:
            host = release.changes[change.inside]
            assert host.kind == "mojibake" and change.before in host.after
            continue
        assert change.spans, change
        assert "".join(raw[s:e] for s, e in change.spans) == change.before
    inside = [c for c in release.changes if c.inside is not None]
    assert {c.before for c in inside} >= {"強", "務"}  # 聚力強化科技服務, made Simplified after
    editorial = [c for c in release.changes if c.evidence]
    assert len(editorial) == 2 and all("Header of section" in c.evidence for c in editorial)
    assert len(release.raw_bounds) == len(release.paragraphs) == 9
    assert release.repaired_matches


def test_the_repair_view_shows_each_change_once(release_page: Path, release) -> None:
    page = release_page.read_text(encoding="utf-8")
    repair = page[page.index('<section id="repair"') :]
    changes = set(re.findall(r'data-change="(\d+)"', repair))
    assert changes == {str(c.index) for c in release.changes}
    assert repair.count("editorial reconstruction") == 2


# --- another text, its own fact table: the same page ----------------------------------------------

RAW = (
    "2024年新增企業(yè)12家,其中高新技術企業(yè)5家。 （一）加快發(fā)展 "
    "投入資金3.5億元,同比增長25%,位居全省第三。"
)
ENGLISH = """# A test release

*The project's own translation, not an official one.*

In 2024, 12 enterprises were added,
of which 5 high-tech enterprises.

(1) Faster development

Funds of 350 million yuan (3.5亿元) were invested, up 25%, third in the province.
"""
FACT_ROWS = [  # id, section, indicator_en, indicator_zh, value, unit, value_base, base_unit,
    # parent_id, growth_of, compared_with, quote; qualifier exact and period 2024 throughout
    (
        "new_firms",
        "enterprises",
        "New firms",
        "新增企业数",
        "12",
        "家",
        "12",
        "count",
        "",
        "",
        "",
        "新增企业12家",
    ),
    (
        "new_hightech",
        "enterprises",
        "New high-tech firms",
        "新增高新技术企业数",
        "5",
        "家",
        "5",
        "count",
        "new_firms",
        "",
        "",
        "其中高新技术企业5家",
    ),
    (
        "funds",
        "finance",
        "Funds invested",
        "投入资金",
        "3.5",
        "亿元",
        "350000000",
        "yuan",
        "",
        "",
        "",
        "投入资金3.5亿元",
    ),
    (
        "funds_growth",
        "finance",
        "Growth of funds",
        "投入资金增长率",
        "25",
        "%",
        "25",
        "percent",
        "",
        "funds",
        "2023",
        "同比增长25%",
    ),
    ("funds_rank", "finance", "Rank", "位次", "3", "位", "3", "rank", "", "", "", "位居全省第三"),
]


def _facts_csv() -> str:
    from helpers.facts import COLUMNS

    lines = [",".join(COLUMNS)]
    for (
        id,
        section,
        en,
        zh,
        value,
        unit,
        base,
        base_unit,
        parent,
        growth,
        since,
        quote,
    ) in FACT_ROWS:
        lines.append(
            ",".join(
                [
                    id,
                    section,
                    en,
                    zh,
                    value,
                    unit,
                    "exact",
                    base,
                    base_unit,
                    "2024",
                    parent,
                    growth,
                    since,
                    quote,
                    "",
                    "",
                ]
            )
        )  # no notes, notes_zh
    return "\n".join(lines) + "\n"


AUDIT_NEW = """check,kind,figures,verdict,note
parts within new_firms,parts_total,new_firms new_hightech,consistent,Remainder not listed: 7.
growth of funds,growth,funds funds_growth,cannot be checked,No earlier value is printed.
"""


@pytest.fixture(scope="module")
def other(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from helpers.repair.text import repair

    folder = tmp_path_factory.mktemp("other")
    files = {
        "raw": folder / "raw.txt",
        "text": folder / "repaired.txt",
        "english": folder / "en.md",
        "facts": folder / "facts.csv",
        "audit": folder / "audit.csv",
        "out": folder / "out" / "release.html",
    }
    files["raw"].write_text(RAW, encoding="utf-8")
    files["text"].write_text(repair(RAW), encoding="utf-8")
    files["english"].write_text(ENGLISH, encoding="utf-8")
    files["facts"].write_text(_facts_csv(), encoding="utf-8")
    files["audit"].write_text(AUDIT_NEW, encoding="utf-8")
    return files


def test_the_page_for_another_text_with_its_own_facts(other, capsys) -> None:
    status = annotate.main(
        [
            "--out",
            str(other["out"]),
            "--text",
            str(other["text"]),
            "--facts",
            str(other["facts"]),
            "--english",
            str(other["english"]),
            "--audit",
            str(other["audit"]),
            "--raw",
            str(other["raw"]),
            "--notebooks",
            str(other["out"].parent / "none"),
        ]
    )
    assert status == 0 and "Annotated release" in capsys.readouterr().out
    page = other["out"].read_text(encoding="utf-8")
    parser = _Marks()
    parser.feed(page)
    ids = ["funds", "funds_growth", "funds_rank", "new_firms", "new_hightech"]
    for column in ("zh", "en"):
        assert sorted(f for c, f, _ in parser.found if c == column) == ids
    assert {f: t for c, f, t in parser.found if c == "en"} == {
        "new_firms": "12",
        "new_hightech": "5",
        "funds": "3.5",
        "funds_growth": "25",
        "funds_rank": "third",
    }
    assert 'id="section-1"' in page and "加快发展" in page
    assert (
        '<span class="verdict v-consistent">consistent · <span lang="zh-Hans">一致</span></span>'
        in page
    )
    assert (
        '<span class="verdict v-cannot-be-checked">cannot be checked · <span lang="zh-Hans">无法核查</span></span>'
        in page
    )
    assert "12 − (5) = 7" in page and 'class="badge">derived' in page
    assert "reports/" not in page  # no notebooks: no report links
    assert "@font-face" in page and "http://" not in page.split("<body")[0]
    from helpers.repair.text import repair_changes

    changes = repair_changes(RAW)
    assert {"pinyin", "punctuation", "traditional", "paragraph"} <= {c.kind for c in changes}
    assert len(set(re.findall(r'data-change="(\d+)"', page))) == len(changes)


def test_a_translation_that_does_not_align_is_refused(other, tmp_path: Path) -> None:
    short = tmp_path / "en.md"
    short.write_text(ENGLISH.rsplit("\n\n", 1)[0], encoding="utf-8")
    with pytest.raises(DataError, match="has 2 paragraphs after its title and note"):
        annotate.build_release(other["text"], other["facts"], short, None, None, None, None)
    assert (
        annotate.main(
            [
                "--out",
                str(tmp_path / "x.html"),
                "--text",
                str(other["text"]),
                "--facts",
                str(other["facts"]),
                "--english",
                str(short),
                "--no-audit",
                "--no-repair",
            ]
        )
        == 1
    )


def test_the_command_line_says_what_it_does(capsys) -> None:
    with pytest.raises(SystemExit) as done:
        annotate.main(["--help"])
    assert done.value.code == 0
    assert "--facts" in capsys.readouterr().out


def test_the_index_links_the_page_first_once_it_is_built(tmp_path: Path, monkeypatch) -> None:
    from helpers.publish import webfont
    from helpers.publish.cache import Manifest
    from helpers.publish.index import write_index
    from helpers.publish.layout import Layout

    monkeypatch.setattr(webfont, "embed", lambda page, extra=(): page)  # the link, not the font

    layout = Layout(tmp_path)
    assert release_link(tmp_path) == ""  # not built: no link
    (tmp_path / "release.html").write_text("<!DOCTYPE html>", encoding="utf-8")
    write_index(layout, Manifest(tmp_path / "manifest.json"), ["en"])
    index = layout.index.read_text(encoding="utf-8")
    body = index.split("<body>")[1]
    assert body.index('href="release.html"') < body.index("<table>")


def test_the_chinese_page_puts_chinese_first(release, tmp_path: Path) -> None:
    """release.zh-CN.html, which the Chinese index links: title, heading, introduction, note,
    controls and card labels in Chinese first; the English page keeps English first."""
    zh = annotate.render(release, "zh")
    en = annotate.render(release)
    assert zh.startswith('<!DOCTYPE html>\n<html lang="zh-CN">')
    title = re.search(r"<title>(.*?)</title>", zh).group(1)
    assert title.startswith("新闻稿标注版") and not re.search(r"[A-Za-z]", title)
    heading = re.search(r"<h1>(.*?)</h1>", zh).group(1)
    assert not re.search(r"[A-Za-z]", heading)
    assert re.search(r'<p class="note">([^<]*)</p>', zh).group(1) == annotate.NOTE_ZH
    lead = re.search(r'<p class="lead">(.*?)<span lang="en">', zh, re.S).group(1)
    assert not re.search(r"[A-Za-z]{3}", lead.replace("Tab", ""))
    assert '<span lang="zh-Hans">公布值</span> · <span lang="en">As stated</span>' in zh
    assert '<span lang="zh-Hans">限定</span> · <span lang="en">Qualifier</span>' in zh
    assert 'As stated · <span lang="zh-Hans">公布值</span>' in en and "公布值</span> · " not in en
    assert (
        '<span class="badge">推算</span>' in zh and '<span class="badge">derived</span>' not in zh
    )
    derived = re.findall(r'<span class="badge">推算</span> <span lang="zh-Hans">([^<]*)<b>', zh)
    assert derived and not [d for d in derived if re.search(r"[A-Za-z]{2}", d)]
    buttons = re.findall(r"<button[^>]*data-lang[^>]*>(.*?)</button>", zh)
    assert all(re.match(r"[\u4e00-\u9fff]", b) for b in buttons)
    out = annotate.write_page(release, tmp_path / "release.html")
    assert (
        annotate.zh_page(out) == tmp_path / "release.zh-CN.html" and annotate.zh_page(out).is_file()
    )


def test_the_chinese_index_links_the_chinese_first_page(tmp_path: Path) -> None:
    (tmp_path / "release.html").write_text("<!DOCTYPE html>", encoding="utf-8")
    assert 'href="release.html"' in release_link(tmp_path, "zh")
    (tmp_path / "release.zh-CN.html").write_text("<!DOCTYPE html>", encoding="utf-8")
    assert 'href="release.zh-CN.html"' in release_link(tmp_path, "zh")
    assert 'href="release.html"' in release_link(tmp_path)
