"""The export (helpers.publish: export, render, webfont): what files it makes, that every
page is self-contained (nothing fetched from a network), the language switch, the index page,
and that the same input gives the same output.

The exported files come from the fixture notebook tests/fixtures/01_fixture_chart.ipynb (the
`exported` fixture in conftest.py), so these tests stay fast and do not depend on the real
notebooks; `make run` exports those.
"""

from __future__ import annotations

import base64
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from helpers.publish import browser, export, render, webfont
from helpers.publish.layout import display

STEM = "01_fixture_chart"


def _pages(layout: export.Layout) -> list[Path]:
    return [
        page
        for lang in export.LANGS
        for page in (
            layout.report(lang, STEM),
            layout.code_report(lang, STEM),
        )
    ]


class _Resources(HTMLParser):
    """Every URL a page would load (not plain <a href> links), and its inline CSS."""

    LOADING = {
        ("script", "src"),
        ("img", "src"),
        ("iframe", "src"),
        ("source", "src"),
        ("video", "src"),
        ("video", "poster"),
        ("audio", "src"),
        ("embed", "src"),
        ("object", "data"),
        ("input", "src"),
        ("track", "src"),
        ("image", "href"),
        ("use", "href"),
        ("image", "xlink:href"),
        ("frame", "src"),
    }

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.css: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if value is None:
                continue
            if (tag, name) in self.LOADING or name == "srcset":
                self.urls.append(value)
            if tag == "link" and name == "href":
                self.urls.append(value)
            if name == "style":
                self.css.append(value)
        self._in_style = tag == "style"
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            self.urls.append(values.get("content") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.css.append(data)


def test_the_export_succeeds_and_says_where_things_are(exported) -> None:
    layout, status, output = exported
    assert status == 0, output
    assert re.search(rf"\[\d/2\] {STEM}\s+en\s+run", output), output
    assert "Open first:" in output and display(layout.index) in output


def test_every_page_figure_and_licence_is_made_under_stable_names(exported) -> None:
    layout, _, _ = exported
    licences = layout.licenses
    expected = [layout.index, licences / "OFL.txt", licences / "reveal.js-LICENSE.txt"]
    for lang in export.LANGS:
        expected += [
            layout.executed(lang, STEM),
            layout.report(lang, STEM),
            layout.code_report(lang, STEM),
        ]
        expected += [layout.figures(lang) / f"fixture_enterprises.{ext}" for ext in ("png", "svg")]
    missing = [str(path) for path in expected if not path.is_file()]
    assert not missing
    assert layout.report("en", STEM).relative_to(layout.out).as_posix() == (
        f"en/reports/{STEM}.html"
    )
    assert "SIL OPEN FONT LICENSE Version 1.1" in (layout.licenses / "OFL.txt").read_text()
    assert "Hakim El Hattab" in (layout.licenses / "reveal.js-LICENSE.txt").read_text()
    assert not list(layout.work.glob("jobs/*/*")), "job folders are removed after each job"
    # the decks are helpers.publish.decks's, not the export's
    assert not any((layout.out / lang / "slides").exists() for lang in export.LANGS)


def test_no_page_loads_anything_but_itself(exported) -> None:
    layout, _, _ = exported
    for page in [*_pages(layout), layout.index]:
        text = page.read_text(encoding="utf-8")
        found = _Resources()
        found.feed(text)
        loaded = [url for url in found.urls if not url.startswith(("data:", "#"))]
        assert not loaded, f"{page.name} loads {loaded}"
        css = "\n".join(found.css)
        assert "@import" not in css, page.name
        css_urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", css)
        assert [u for u in css_urls if not u.startswith(("data:", "#"))] == [], page.name
        for cdn in ("unpkg.com", "cdnjs", "jsdelivr", "require.js", "mathjax"):
            assert cdn not in text.lower(), f"{page.name} mentions {cdn}"


def test_reports_hide_code_unless_asked(exported) -> None:
    layout, _, _ = exported
    report = layout.report("en", STEM).read_text(encoding="utf-8")
    with_code = layout.code_report("en", STEM).read_text(encoding="utf-8")
    assert "savefig" not in report and "savefig" in with_code  # a hide-input cell: shown there
    assert report.count('src="data:image/png;base64,') == 1  # the chart, embedded
    assert "市中区" in report  # the DataFrame


def test_each_language_gets_its_own_cells_and_charts(exported) -> None:
    layout, _, _ = exported
    english = layout.report("en", STEM).read_text(encoding="utf-8")
    chinese = layout.report("zh", STEM).read_text(encoding="utf-8")
    assert "English-only closing line." in english and "仅中文版的结束语" not in english
    assert "仅中文版的结束语" in chinese and "English-only closing line." not in chinese
    assert '<html lang="zh-Hans">' in chinese and '<html lang="en">' in english
    png = [(layout.figures(lang) / "fixture_enterprises.png").read_bytes() for lang in ("en", "zh")]
    assert png[0] != png[1]  # drawn with ZZ_LANG=en and ZZ_LANG=zh


def _embedded_font(page: Path):
    from fontTools.ttLib import TTFont

    match = re.search(r"url\(data:font/woff2;base64,([A-Za-z0-9+/=]+)\)", page.read_text("utf-8"))
    assert match, f"{page.name} embeds no font"
    return TTFont(io.BytesIO(base64.b64decode(match.group(1))))


def test_pages_carry_a_font_for_every_character_they_show(exported) -> None:
    layout, _, _ = exported
    for page in [*_pages(layout), layout.index]:
        font = _embedded_font(page)
        cmap = font.getBestCmap()
        shown = webfont.page_characters(page.read_text(encoding="utf-8"))
        missing = sorted(c for c in shown if ord(c) not in cmap and not c.isspace())
        assert not missing, f"{page.name}: no glyph for {missing}"
        assert "glyf" in font and "CFF " not in font  # TrueType outlines: named font in PDFs
        assert "Open Font License" in font["name"].getDebugName(13)
        assert len(cmap) < 2000  # a subset, not the whole 16 MB font


def test_the_index_lists_the_notebook_with_its_summary_and_links(exported) -> None:
    layout, _, _ = exported
    index = layout.index.read_text(encoding="utf-8")
    assert "测试：枣庄高新技术产业 Export fixture" in index
    assert "one chart, one table, 高新技术企业 in the prose." in index
    assert "second sentence" not in index
    links = re.findall(r'<a href="([^"]+)"', index)
    for page in [*_pages(layout), layout.figures("zh") / "fixture_enterprises.svg"]:
        assert page.relative_to(layout.out).as_posix() in links
    assert all((layout.out / link).is_file() for link in links), links


def test_rendering_the_same_notebook_again_gives_the_same_bytes(exported) -> None:
    layout, _, _ = exported
    notebook = nbformat.read(layout.executed("zh", STEM), as_version=4)
    assert not any("execution" in cell.metadata for cell in notebook.cells)
    title, _ = export.title_and_summary(notebook, "zh", STEM)
    pages = render.render_pages(notebook, "zh", title)
    assert pages.report == layout.report("zh", STEM).read_text(encoding="utf-8")
    assert pages.code_report == layout.code_report("zh", STEM).read_text(encoding="utf-8")


def test_font_subsets_are_deterministic_and_cover_their_characters() -> None:
    text = frozenset("枣庄市高新技术企业1234")
    webfont.subset_woff2.cache_clear()
    first = webfont.subset_woff2(text)
    webfont.subset_woff2.cache_clear()
    assert webfont.subset_woff2(text) == first
    assert first[:4] == b"wOF2"


def test_page_characters_skip_scripts_and_keep_alt_text() -> None:
    html = '<p>高新</p><script>var x = "脚本";</script><img alt="图表"><style>p{}</style>'
    chars = webfont.page_characters(html)
    assert {"高", "新", "图", "表"} <= chars and not {"脚", "本"} & chars


def _notebook(*cells, **metadata):
    notebook = new_notebook(cells=list(cells))
    notebook.metadata.update(metadata)
    return notebook


@pytest.mark.parametrize(
    ("cells", "metadata", "lang", "expected"),
    [
        (
            [new_markdown_cell("# Title\n\nFirst sentence here. Second one.")],
            {},
            "en",
            ("Title", "First sentence here."),
        ),
        (
            [new_markdown_cell("# 标题"), new_markdown_cell("## Part\n\n第一句。第二句。")],
            {},
            "zh",
            ("标题", "第一句。"),
        ),
        (
            [new_markdown_cell("# T\n\nIgnored.")],
            {"summary": {"en": "Given.", "zh": "给定。"}},
            "zh",
            ("T", "给定。"),
        ),
        ([new_code_cell("1")], {"summary": "Plain."}, "en", ("NN_x", "Plain.")),
        # the title per language: a string is the English one, a zh page takes its (translated) H1
        (
            [new_markdown_cell("# 标题\n\n第一句。")],
            {"title": "English title"},
            "zh",
            ("标题", "第一句。"),
        ),
        (
            [new_markdown_cell("# Title\n\nFirst.")],
            {"title": "English title"},
            "en",
            ("English title", "First."),
        ),
        (
            [new_markdown_cell("# 标题\n\n第一句。")],
            {"title": {"en": "T", "zh": "给定标题"}},
            "zh",
            ("给定标题", "第一句。"),
        ),
        (
            [new_markdown_cell("# 标题\n\n第一句。")],
            {"title": {"en": "T"}},
            "zh",
            ("标题", "第一句。"),
        ),
        ([new_code_cell("1")], {"title": {"en": "T"}}, "zh", ("T", "")),
        (
            [new_markdown_cell("# **T**\n\nSee `not_figures.csv` and *this*. More.")],
            {},
            "en",
            ("T", "See not_figures.csv and this."),
        ),
    ],
)
def test_title_and_summary(cells, metadata, lang, expected) -> None:
    assert export.title_and_summary(_notebook(*cells, **metadata), lang, "NN_x") == expected


def test_cells_tagged_for_the_other_language_are_dropped() -> None:
    cells = [new_markdown_cell("both"), new_markdown_cell("en"), new_markdown_cell("zh")]
    cells[1].metadata["tags"] = ["lang-en"]
    cells[2].metadata["tags"] = ["lang-zh", "hide-input"]
    notebook = _notebook(*cells)
    assert [c.source for c in render.for_language(notebook, "zh").cells] == ["both", "zh"]
    assert [c.source for c in render.for_language(notebook, "en").cells] == ["both", "en"]
    assert len(notebook.cells) == 3  # the original is untouched


def test_pdf_dates_are_fixed_without_changing_lengths() -> None:
    data = b"<</CreationDate (D:20251126150102+00'00')/ModDate (D:20251126150103+00'00')>>"
    fixed = browser.normalise_pdf(data)
    assert len(fixed) == len(data) and b"2025" not in fixed


def test_pdf_structure_ids_are_renumbered_in_order_without_changing_lengths() -> None:
    # two loads of one page: Chromium numbers the tagged PDF's elements from its DOM node ids
    first = b"/ID (node00000098)>> /ID (node00000099)>> /K [/ID (node00000098)]"
    again = b"/ID (node00000099)>> /ID (node00000100)>> /K [/ID (node00000099)]"
    fixed = browser.normalise_pdf(first)
    assert (
        fixed
        == browser.normalise_pdf(again)
        == (b"/ID (node00000000)>> /ID (node00000001)>> /K [/ID (node00000000)]")
    )


def test_without_chromium_the_export_says_so_and_makes_the_rest(
    tmp_path, monkeypatch, capsys
) -> None:
    monkeypatch.setenv(browser.BROWSER_ENV, str(tmp_path / "no-such-browser"))
    monkeypatch.delenv(export.REQUIRE_BROWSER_ENV, raising=False)
    assert export.export_all(tmp_path / "out", paths=[]) == 0
    printed = capsys.readouterr().out
    assert "PDFs will not be made. No Chromium or Chrome found" in printed
    assert (tmp_path / "out" / "index.html").is_file()
    monkeypatch.setenv(export.REQUIRE_BROWSER_ENV, "1")
    assert export.export_all(tmp_path / "again", paths=[]) == 2


def test_a_charts_data_csv_is_linked_beside_its_pictures(tmp_path: Path) -> None:
    """A job's <chart>.csv (save_figure writes it beside the PNG and SVG) moves with its chart
    into build/figures/<lang>/ (the job's whole folder does), and the index links it."""
    from helpers.publish.cache import Entry
    from helpers.publish.index import _cell

    layout = export.Layout(tmp_path / "build")
    made = layout.figures("zh")
    made.mkdir(parents=True)
    for ext in ("png", "svg", "csv"):
        (made / f"01_chart.{ext}").write_text(ext)
    (made / "01_plain.png").write_text("png")  # a figure drawn without helpers: no data
    record = {
        "stem": "01_x",
        "lang": "zh",
        "title": "T",
        "summary": "S",
        "figures": ["01_chart", "01_plain"],
        "pdf": False,
    }
    entry = Entry("01_x", "zh", "notebooks/01_x.ipynb", "ok", {}, "now", record=record)
    cell = _cell(layout, entry, "zh")
    assert '<a href="figures/zh/01_chart.csv">数据（CSV）</a>' in cell
    assert cell.count(".csv") == 1  # none for the plain figure


def test_the_index_links_the_decks_that_are_built_whatever_the_manifest(tmp_path: Path) -> None:
    """The decks are not the export's: the index links a chapter's deck and its PDF when the
    file is in the build, the briefing deck first, even beside a notebook whose job failed."""
    from helpers.publish.cache import Entry, Manifest
    from helpers.publish.index import BRIEFING, write_index

    layout = export.Layout(tmp_path)
    manifest = Manifest(tmp_path / "manifest.json")
    for stem, lang in ((BRIEFING, "en"), (BRIEFING, "zh"), (STEM, "en")):
        for page in (layout.slides(lang, stem), layout.slides_pdf(lang, stem)):
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text("x")
    layout.report("en", STEM).parent.mkdir(parents=True)
    layout.report("en", STEM).write_text("x")
    record = {"stem": STEM, "lang": "en", "title": "T", "summary": "S.", "figures": []}
    manifest.jobs[f"en/{STEM}"] = Entry(
        STEM, "en", f"notebooks/{STEM}.ipynb", "ok", {}, "now", record=record
    )
    manifest.jobs[f"zh/{BRIEFING}"] = Entry(
        BRIEFING, "zh", f"notebooks/{BRIEFING}.ipynb", "failed", {}, "now", error="it broke"
    )
    write_index(layout, manifest, ["en", "zh"])
    page = layout.index.read_text("utf-8")
    briefing = page.index('class="briefing"')
    assert briefing < page.index("<table>")
    for lang in ("en", "zh"):  # no en job for the briefing, a failed zh one: linked all the same
        assert f'href="{lang}/slides/{BRIEFING}.slides.html"' in page[briefing:]
        assert f'href="{lang}/slides/{BRIEFING}.slides.pdf"' in page[briefing:]
    table = page[page.index("<table>") :]
    assert f'href="en/slides/{STEM}.slides.html"' in table
    assert f'href="en/slides/{STEM}.slides.pdf"' in table
    assert f'href="zh/slides/{BRIEFING}.slides.pdf"' in table  # beside its failed notebook
    assert f"zh/slides/{STEM}" not in page  # no file, no link
    chinese = layout.index_zh.read_text("utf-8")
    assert f'href="zh/slides/{BRIEFING}.slides.html"' in chinese
    assert "en/slides/" not in chinese


def test_the_chinese_index_is_chinese_and_links_only_chinese_pages(exported) -> None:
    layout, _, _ = exported
    page = layout.index_zh.read_text(encoding="utf-8")
    assert '<html lang="zh-Hans">' in page and 'href="index.html"' in page
    assert 'href="index.zh-CN.html"' in layout.index.read_text(encoding="utf-8")
    hrefs = re.findall(r'href="([^"#]+)"', page)
    pages = [h for h in hrefs if h.startswith(("en/", "zh/", "figures/"))]
    assert pages and all(h.startswith(("zh/", "figures/zh/")) for h in pages), pages
    assert all((layout.out / h).is_file() for h in hrefs), hrefs
    assert "<title>枣庄市2024年高新技术产业：报告、幻灯片与PDF</title>" in page
    assert "图1：" in page and "fixture_enterprises:" not in page  # no file names shown
    # how Chinese the page of the real notebooks is: tests/test_chinese_share.py


def test_the_chinese_index_says_file_links_the_guide_and_counts_in_full_width(
    tmp_path: Path,
) -> None:
    """The Chinese index's column is "文件" (not the language's name, on an all-Chinese page);
    the teaching edition's paragraph links the Chinese guide (TEACHING.zh-CN.md, beside
    build/); a chapter's chart count is in full-width parentheses: 图表（2）."""
    from helpers.publish import pagecheck
    from helpers.publish.cache import Entry, Manifest
    from helpers.publish.index import write_index

    layout = export.Layout(tmp_path)
    manifest = Manifest(tmp_path / "manifest.json")
    for name in ("a", "b"):
        figure = layout.figures("zh") / f"{name}.png"
        figure.parent.mkdir(parents=True, exist_ok=True)
        figure.write_bytes(b"x")
    layout.report("zh", STEM).parent.mkdir(parents=True)
    layout.report("zh", STEM).write_text("x")
    record = {"stem": STEM, "lang": "zh", "title": "T", "summary": "S。", "figures": ["a", "b"]}
    manifest.jobs[f"zh/{STEM}"] = Entry(
        STEM, "zh", f"notebooks/{STEM}.ipynb", "ok", {}, "now", record=record
    )
    teaching = tmp_path / "zh" / "teaching"
    teaching.mkdir(parents=True)
    for name in ("student-edition.zip", "teacher-edition.zip", "answer-key.md"):
        (teaching / name).write_text("x")
    write_index(layout, manifest, ["zh"], quick=True)
    page = layout.index_zh.read_text("utf-8")
    assert "<th>文件</th>" in page and "<th>中文</th>" not in page
    assert "图表（2）" in page and "图表 (2)" not in page
    guide = re.search(r'<a href="([^"]+)">TEACHING\.zh-CN\.md</a>', page)
    assert guide and (tmp_path / guide.group(1)).resolve().name == "TEACHING.zh-CN.md"
    assert pagecheck.broken_links(pagecheck.read_page(layout.index_zh), pagecheck.Pages()) == []
