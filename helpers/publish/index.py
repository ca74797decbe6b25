"""build/index.html, what a presenter opens first: every notebook, its summary, links to its pages.

Two pages: build/index.html in both languages (English first, a column per language), and
build/index.zh-CN.html for a Chinese reader, every word in Chinese and only the Chinese pages
linked (the two link to each other). Both are written the same way:

Written from the export's manifest (helpers.publish.cache), not from the jobs of one run: a
narrowed export (`--only 07 --lang en`) changes its own rows and keeps the others; a notebook
whose last job failed is marked failed, with the cause, and links none of its pages (its
previous pages were removed, so nothing old passes for current). The decks are not the export's
(helpers.publish.decks builds them, the `decks` step of `make run`): each chapter's deck and its
PDF are linked, and the briefing deck offered first, whenever the file is in the build,
whatever the manifest says of the chapter's notebook. Every link is checked against the files on
disk as the page is made, so the index never links a missing file. The page is rewritten only
when its text changes (the digest is kept in the manifest).

The index embeds the project's font subset to its own characters, like every page (webfont).
Subsetting costs 0.5 to 3 s, too long for the index an interrupted export writes on its way out
(it must stop within 2 s), so the rule for each character set is kept in
build/.export/fonts/<page>/;
the characters of the index change only when a title or summary brings new Chinese ones. With
`quick` (the interrupted export) and no rule kept for the characters, the page goes out without
its font (the reader's fonts show it) and the next export writes it again in full.
"""

from __future__ import annotations

import hashlib
import html
import os
from pathlib import Path

from helpers import release
from helpers.i18n import HTML_LANG
from helpers.paths import write_text_atomic
from helpers.publish.cache import Entry, Manifest, file_stamp
from helpers.publish.layout import LANGS, RELEASE_PAGE, RELEASE_PAGE_ZH, Layout

LANG_NAMES = {"en": "English", "zh": "中文"}
PROJECT_TITLE = release.TITLE
ERROR_MAX = 300
# Link labels on the index, per language column.
LABELS = {
    "en": {
        "report": "report",
        "code": "with code",
        "slides": "slides",
        "pdf": "PDF",
        "slides_pdf": "slides PDF",
        "figures": "figures",
        "count": " ({})",
        "failed": "build failed",
        "data": "data (CSV)",
        "png": "PNG",
        "svg": "SVG",
    },
    "zh": {
        "report": "报告",
        "code": "含代码",
        "slides": "幻灯片",
        "pdf": "PDF",
        "slides_pdf": "幻灯片PDF",
        "figures": "图表",
        "count": "（{}）",  # full-width parentheses in Chinese text
        "failed": "构建失败",
        "data": "数据（CSV）",
        "png": "PNG",
        "svg": "SVG",
    },
}
# The Chinese index's own words for a chart's files (the bilingual page's Chinese column keeps
# the format names beside its English one).
CHART_FILES_ZH = {"data": "图表数据", "png": "位图", "svg": "矢量图"}

# The index pages' own words: the bilingual page's (English, with Chinese beside the headings),
# and the Chinese page's.
WORDS = {
    "en": {
        "page_title": "reports, slides, PDF",
        "title_colon": ": ",
        "ofl": "licenses/OFL.txt",
        "reveal": "licenses/reveal.js-LICENSE.txt",
        "briefing": "Presenting? Start with the briefing deck "
        '<span lang="zh-Hans">演示请先用简报幻灯片</span>',
        "briefing_text": "The whole release in {slides} slides: the headline, one slide per "
        "section, the three findings a careful reader must know; the reasoning "
        "is in the speaker notes (press S).",
        "lead": "Every notebook as a report (code hidden, or with code) and a PDF handout, and\n"
        "every chapter as a slide deck written for presenting, in English and in Chinese. Every file opens offline. "
        '<span lang="zh-Hans">每个文件均可离线打开。</span>',
        "notebook": "Notebook",
        "other": '<span lang="zh-Hans">中文首页</span>',
        "footer": "Font: Noto Sans CJK SC, subset and embedded, SIL Open Font License 1.1 "
        "({ofl}).\nSlides: reveal.js 4.6.1, MIT ({reveal}).",
    },
    "zh": {
        "page_title": "报告、幻灯片与PDF",
        "title_colon": "：",
        "ofl": "许可证全文",
        "reveal": "许可证全文",
        "briefing": "演示请先用简报幻灯片",
        "briefing_text": "{slides}张幻灯片讲完整篇新闻稿：核心数字、每个部分一张，"
        "以及细心的读者必须知道的三点发现；论证写在演讲者备注里（按S键）。",
        "lead": "每章都有报告（隐藏代码或含代码）和PDF讲义，每章另有一套为现场演示而写的幻灯片。"
        "每个文件均可离线打开。",
        "notebook": "章节",
        "other": '<span lang="en">English</span>',
        "footer": "字体：思源黑体（Noto Sans CJK SC），按页面子集化嵌入，"
        "SIL开源字体许可证1.1（{ofl}）。\n"
        "幻灯片：reveal.js 4.6.1，MIT许可证（{reveal}）。",
    },
}
BRIEFING = release.BRIEFING_NOTEBOOK

INDEX_CSS = """
body { font-family: %s; color: #1f2328; margin: 0; }
main { max-width: 72rem; margin: 0 auto; padding: 2rem 1rem 3rem; }
h1 { font-size: 1.7rem; margin: 0 0 0.3rem; }
p.lead { color: #57606a; margin: 0 0 1.5rem; }
table { border-collapse: collapse; width: 100%%; }
th, td { text-align: left; vertical-align: top; padding: 0.7rem 0.6rem; }
th, td { border-bottom: 1px solid #d0d7de; }
th { font-size: 0.9rem; color: #57606a; }
td.nb { width: 45%%; }
td.nb b { display: block; margin-bottom: 0.2rem; }
.summary { color: #424a53; }
.missing { color: #8c959f; }
td.failed { color: #9a2b22; }
details { margin-top: 0.4rem; font-size: 0.9rem; }
ul { margin: 0.3rem 0 0; padding-left: 1.2rem; }
a { color: #0b5cad; }
section.briefing { border: 2px solid #0b5cad; border-radius: 6px; padding: 0.2rem 1rem;
  margin: 0 0 1.5rem; }
section.briefing h2 { font-size: 1.2rem; }
footer { margin-top: 2rem; font-size: 0.85rem; color: #57606a; }
"""


def _link(href: Path, base: Path, label: str) -> str:
    """A link to `href`, relative to `base`; a grey "label —" if the file is not there."""
    if not href.is_file():
        return f'<span class="missing" title="not built">{html.escape(label)} —</span>'
    relative = os.path.relpath(href, base)
    return f'<a href="{html.escape(Path(relative).as_posix())}">{html.escape(label)}</a>'


def _deck_links(layout: Layout, lang: str, stem: str, labels: dict[str, str]) -> list[str]:
    """Links to the chapter's deck and its PDF, those of them that are in the build."""
    files = ((layout.slides(lang, stem), "slides"), (layout.slides_pdf(lang, stem), "slides_pdf"))
    return [_link(path, layout.out, labels[label]) for path, label in files if path.is_file()]


def _cell(layout: Layout, entry: Entry | None, lang: str, reader: str = "") -> str:
    tag = f'lang="{HTML_LANG[lang]}"'
    labels, base = LABELS[lang], layout.out
    if reader == "zh":
        labels = {**labels, **CHART_FILES_ZH}
    if entry is None:
        return f'<td class="missing" {tag}>—</td>'
    stem, record = entry.stem, entry.record
    decks = _deck_links(layout, lang, stem, labels)
    if entry.status != "ok" or record is None:
        cause = entry.error if len(entry.error) <= ERROR_MAX else entry.error[:ERROR_MAX] + "…"
        deck_line = f"<div>{' · '.join(decks)}</div>" if decks else ""
        return (
            f'<td class="failed" {tag}><b>{labels["failed"]}</b> '
            f'<span lang="en">{html.escape(cause)}</span>{deck_line}</td>'
        )
    links = [
        _link(layout.report(lang, stem), base, labels["report"]),
        _link(layout.code_report(lang, stem), base, labels["code"]),
    ]
    if record.get("pdf") and layout.pdf(lang, stem).is_file():
        links.append(_link(layout.pdf(lang, stem), base, labels["pdf"]))
    else:
        why = entry.pdf_note or "not built"
        links.append(f'<span class="missing" title="{html.escape(why)}">PDF —</span>')
    parts = [" · ".join(links + decks)]
    figures = record.get("figures") or []
    if figures:
        # The Chinese index names a chart by its number (图1), its file name in a tooltip:
        # a Chinese reader meets no English file names there.
        items = "".join(
            (
                f'<li title="{html.escape(name)}">图{number}：'
                if reader
                else f"<li>{html.escape(name)}: "
            )
            + f"{_link(layout.figures(lang) / f'{name}.png', base, labels['png'])} "
            f"{_link(layout.figures(lang) / f'{name}.svg', base, labels['svg'])}"
            + (
                f" {_link(layout.figures(lang) / f'{name}.csv', base, labels['data'])}"
                if (layout.figures(lang) / f"{name}.csv").is_file()
                else ""
            )  # the values drawn
            + "</li>"
            for number, name in enumerate(figures, 1)
        )
        parts.append(
            f"<details><summary>{labels['figures']}{labels['count'].format(len(figures))}"
            "</summary>"
            f"<ul>{items}</ul></details>"
        )
    return f"<td {tag}>{''.join(parts)}</td>"


def _row(
    layout: Layout, stem: str, entries: dict[str, Entry], langs: list[str], reader: str = ""
) -> str:
    """One notebook's row: its title and summary (each language's, or only the `reader`'s),
    then a cell of links per language column."""
    records = {
        lang: entries[lang].record
        for lang in LANGS  # in this order, whatever order
        if lang in entries
        and entries[lang].status == "ok"
        and entries[lang].record
        and (not reader or lang == reader)
    }
    first = records.get(reader or "en") or next(iter(records.values()), None)
    title = first["title"] if first else next((e.title for e in entries.values() if e.title), "")
    summaries: list[tuple[str, str]] = []
    for lang, record in records.items():
        if record["summary"] and record["summary"] not in [s for _, s in summaries]:
            summaries.append((lang, record["summary"]))
    summary_html = "".join(
        f'<div class="summary" lang="{HTML_LANG[lang]}">{html.escape(text)}</div>'
        for lang, text in summaries
    )
    # the Chinese index shows the Chinese title alone: the file name is English
    heading = (title or stem) if reader else (f"{stem}: {title}" if title else stem)
    cells = "".join(_cell(layout, entries.get(lang), lang, reader) for lang in langs)
    return f'<tr><td class="nb"><b>{html.escape(heading)}</b>{summary_html}</td>{cells}</tr>'


def index_page(layout: Layout, manifest: Manifest, langs: list[str], reader: str = "") -> str:
    """The index's HTML, before its font is embedded: one row per notebook in the manifest, in
    reading order, one column per language built (or asked for). `reader="zh"`: the Chinese
    index, every word Chinese and only the Chinese column (Layout.index_zh)."""
    from helpers.publish import webfont

    by_stem: dict[str, dict[str, Entry]] = {}
    for entry in manifest.jobs.values():
        by_stem.setdefault(entry.stem, {})[entry.lang] = entry
    shown = {entry.lang for entry in manifest.jobs.values()} | set(langs)
    columns = [lang for lang in LANGS if lang in shown and (not reader or lang == reader)]
    rows = [_row(layout, stem, by_stem[stem], columns, reader) for stem in sorted(by_stem)]
    # the Chinese index has one column, all Chinese: it says what the column holds
    headers = "".join(
        f"<th>{'文件' if reader == 'zh' else LANG_NAMES[lang]}</th>" for lang in columns
    )
    words = WORDS[reader or "en"]
    page_lang = HTML_LANG[reader or "en"]
    title = html.escape(PROJECT_TITLE[reader or "en"]) + words["title_colon"] + words["page_title"]
    # The other index: write_index writes both in one go, so the link holds once it returns.
    if reader:
        heading = html.escape(PROJECT_TITLE[reader])
        other = layout.index.name
    else:
        heading = (
            f'{html.escape(PROJECT_TITLE["en"])} <span lang="zh-Hans">{PROJECT_TITLE["zh"]}</span>'
        )
        other = layout.index_zh.name if "zh" in shown else ""
    switch = f'<p><a href="{other}">{words["other"]}</a></p>' if other else ""
    footer = words["footer"].format(
        ofl=_link(layout.licenses / "OFL.txt", layout.out, words["ofl"]),
        reveal=_link(layout.licenses / "reveal.js-LICENSE.txt", layout.out, words["reveal"]),
    )
    return f"""<!DOCTYPE html>
<html lang="{page_lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{title}</title>
<style>
{webfont.placeholder()}
</style>
<style>{INDEX_CSS % webfont.FONT_STACK}</style>
</head>
<body>
<main>
{switch}
<h1>{heading}</h1>
{_briefing(layout, reader)}
{release_link(layout.out, reader)}
{_teaching_links(layout, reader)}
<p class="lead">{words["lead"]}</p>
<table>
<thead><tr><th>{words["notebook"]}</th>{headers}</tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
<footer>{footer}</footer>
</main>
</body>
</html>
"""


def _font_rule(page: str, folder: Path, quick: bool) -> str | None:
    """The @font-face rule for the page's characters: kept from an earlier export, else made
    (and kept, replacing the earlier one), or None when `quick` and none is kept."""
    from helpers.publish import webfont

    # The subset always holds BASE_CHARACTERS: only the others make a new one.
    characters = "".join(sorted(webfont.page_characters(page) | webfont.BASE_CHARACTERS))
    kept = folder / f"{hashlib.sha256(characters.encode()).hexdigest()[:16]}.css"
    if kept.is_file():
        return kept.read_text(encoding="utf-8")
    if quick:
        return None
    rule = webfont.font_face_css(characters)
    for old in folder.glob("*.css") if folder.is_dir() else []:
        old.unlink()
    write_text_atomic(kept, rule)
    return rule


def _briefing(layout: Layout, reader: str = "") -> str:
    """The index's first offer to a presenter: the briefing deck in each language (only the
    `reader`'s on the Chinese index), HTML and PDF, those of its files that are built."""
    links = []
    for lang in LANGS:
        parts = _deck_links(layout, lang, BRIEFING, LABELS[lang])
        if (reader and lang != reader) or not parts:
            continue
        name = "" if reader else f"{LANG_NAMES[lang]}: "
        links.append(f'<span lang="{HTML_LANG[lang]}">{name}{" · ".join(parts)}</span>')
    if not links:
        return ""
    from helpers.publish.decks import slide_count

    words = WORDS[reader or "en"]
    text = words["briefing_text"].format(slides=slide_count(BRIEFING, reader or "en"))
    return (
        f'<section class="briefing"><h2>{words["briefing"]}</h2>'
        f"<p>{text}</p><p>{' &nbsp; '.join(links)}</p></section>"
    )


def release_link(out: Path, reader: str = "") -> str:
    """The link to the annotated release (helpers.publish.annotate) that the index puts first,
    once it has been built into `out`; in Chinese only for the Chinese index (`reader="zh"`)."""
    if not (Path(out) / RELEASE_PAGE).is_file():
        return ""
    if reader == "zh":
        page = RELEASE_PAGE_ZH if (Path(out) / RELEASE_PAGE_ZH).is_file() else RELEASE_PAGE
        return (
            f'<p class="lead"><a href="{page}"><b>新闻稿标注版</b></a>：中文原文与英文译文'
            "对照，逐个标注并解释稿中数字，并说明受损副本是怎样修复的。</p>"
        )
    return (
        f'<p class="lead"><a href="{RELEASE_PAGE}"><b>The release, annotated</b></a>: the Chinese '
        "text and its English side by side, every figure marked and explained, and how the "
        'damaged copy was repaired. <span lang="zh-Hans">新闻稿原文与译文对照，逐个标注数字。'
        "</span></p>"
    )


def _teaching_links(layout: Layout, reader: str = "") -> str:
    """The student and teacher editions (helpers.publish.teaching), once they are built."""
    from helpers.publish.teaching import index_links

    return index_links(layout.out, reader)


def write_index(layout: Layout, manifest: Manifest, langs: list[str], quick: bool = False) -> bool:
    """Write build/index.html, and build/index.zh-CN.html when Chinese pages are in the
    manifest, from `manifest`, each only if its text changed or the file is missing.
    Returns whether either was written; the manifest keeps the new digests (the caller saves
    it). `quick`: make no font subset (see the module's docstring)."""
    shown = {entry.lang for entry in manifest.jobs.values()} | set(langs)
    written = _write_page(
        layout, manifest, layout.index, index_page(layout, manifest, langs), "index", quick
    )
    if "zh" in shown:
        page = index_page(layout, manifest, langs, reader="zh")
        written = _write_page(layout, manifest, layout.index_zh, page, "index_zh", quick) or written
    return written


def _write_page(
    layout: Layout, manifest: Manifest, path: Path, page: str, field: str, quick: bool
) -> bool:
    from helpers.publish import webfont

    digest = hashlib.sha256(page.encode()).hexdigest()
    if path.is_file() and getattr(manifest, field) == f"{digest} {file_stamp(path)}":
        return False  # same text, and the file is as this export left it
    rule = _font_rule(page, layout.work / "fonts" / field, quick)
    write_text_atomic(path, page.replace(webfont.placeholder(), rule or "", 1))
    setattr(manifest, field, f"{digest} {file_stamp(path)}" if rule is not None else "")
    return True
