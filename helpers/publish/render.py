"""Turn one executed notebook into its pages: HTML report, report with code, reveal.js slides.

Each page is one self-contained HTML file that fetches nothing: figures are embedded as data URIs
(nbconvert does that for outputs; `embed_images` for pictures in Markdown), the Chinese font is
embedded by webfont, and the templates in helpers/publish/templates drop what nbconvert would load
from CDNs (require.js, MathJax, mermaid.js, the widget manager, reveal.js itself). Rendering is
pure: the same executed notebook gives the same bytes, so re-exporting changes nothing.

- Report (`report`): all code hidden, as a reader of findings wants it; prompts hidden too.
- Report with code (`code_report`): every code cell shown, `hide-input` ones included (a reader
  who asks for the code gets all of it); no prompts.
- Slides (`slides`): from each cell's `metadata.slideshow.slide_type`, as JupyterLab's RISE uses
  it: "slide"/"subslide" starts a slide (a `slide-only` headline: the finding as a sentence with
  its number), "-" continues it (a chart's code cell, whose output joins the finding's slide),
  "skip" is left out, "notes" becomes speaker notes (`<aside class="notes">`, press S): the
  notebook's prose for that finding. No code is ever shown on a slide: presenters show charts.
  Decks are 1280x720 (16:9), a chart two thirds of the slide's height; a slide with more than
  fits first shrinks its charts, down to half of the height, then is zoomed out as a whole, so
  nothing is cut off (a script in the template does this on display). Opened with `?print-pdf`,
  a deck lays itself out one slide per landscape page, which the export prints to PDF.
  reveal.js 4.6.1 is inlined from helpers/assets (MIT; see the README there for why it is
  vendored): nbconvert's template loads 4.0.2 from a CDN, and reveal.js 5/6 do not fit it.

Cells tagged `lang-en` or `lang-zh` appear only in the pages of that language (see
`for_language`, applied before execution by helpers.publish.export). Cells tagged `slide-only`
(a slide's headline: the finding as one sentence, its evidence) appear only on the slides; the
reports leave them out (`for_reader`), since the prose that argues the finding is there already
and is the slide's speaker notes (helpers.publish.deck describes the convention). The report
with code hidden also leaves out the exercises' solutions (cells tagged `solution`; the teacher
edition has them).

What a reader must not meet on a page is left out or mended here, at rendering (pagecheck lists
it on a build; tests/test_built_pages.py holds every page to none):
- links between notebooks (`03_platforms.ipynb#anchor`, as JupyterLab follows them) point at the
  page beside this one: a report at the report (`03_platforms.html#anchor`), a code report at
  the code report, a deck at the deck (`03_platforms.slides.html`), or, for an anchor, at the
  report in its own language (`../reports/03_platforms.html#anchor`: a deck has no section
  anchors); a deck's link to an anchor of its own notebook that it does not show goes to its
  report likewise;
- an exercise's check cell (`helpers.exercises.check(...)`, otter's `grader.check(...)`, or a
  cell tagged `exercise-check`) shows no output: on a page nobody has answered, its output is
  only a stub ("not answered yet");
- every chart image has alt text: the chart's own (helpers.plotting.alt_text, kept in the
  output's metadata by the kernel), else the heading it illustrates.
"""

from __future__ import annotations

import copy
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from helpers.i18n import HTML_LANG
from helpers.publish import webfont
from helpers.publish.deck import SLIDE_ONLY_TAG

if TYPE_CHECKING:
    from nbformat import NotebookNode

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
REVEAL_DIR = webfont.ASSETS_DIR / "reveal.js-4.6.1"
REVEAL_VERSION = "4.6.1"
SLIDE_WIDTH, SLIDE_HEIGHT = 1280, 720
LANG_TAGS = {"en": "lang-en", "zh": "lang-zh"}
CHART_MIN_SHARE = 0.5  # a chart keeps at least half of the slide's height (readable from the back)

# The project's own CSS, shared by reports and slides: one font stack for prose, tables and code.
BASE_CSS = f"""
:root {{
  --jp-content-font-family: {webfont.FONT_STACK};
  --jp-ui-font-family: {webfont.FONT_STACK};
  --jp-code-font-family: {webfont.MONO_STACK};
  --r-main-font: {webfont.FONT_STACK};
  --r-heading-font: {webfont.FONT_STACK};
  --r-code-font: {webfont.MONO_STACK};
}}
body, .jp-RenderedHTMLCommon, .jp-RenderedHTMLCommon table, .jp-RenderedMarkdown {{
  font-family: {webfont.FONT_STACK};
}}
pre, code, .jp-RenderedText pre, .highlight pre {{ font-family: {webfont.MONO_STACK}; }}
"""
REPORT_CSS = (
    BASE_CSS
    + """
:root { --jp-content-font-size1: 16px; --jp-code-font-size: 14px; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
.jp-RenderedImage img, .jp-OutputArea-output img { max-width: 100%; height: auto; }
@page { size: A4; margin: 15mm; }
@media print {
  main { max-width: none; padding: 0; }
  .jp-Cell { break-inside: avoid; }
  h1, h2, h3 { break-after: avoid; }
}
"""
)
SLIDES_CSS = (
    BASE_CSS
    + f"""
a.anchor-link {{ display: none; }}
/* The font has one weight: no synthetic bold, which Chromium prints as Type 3 glyphs. */
*, *::before, *::after {{ font-synthesis: none; }}
/* reveal.js's own text (slide numbers, printed too) and code names in the embedded font: a
   system font would be printed as Type 3 glyphs. */
.reveal .slide-number, .reveal .slide-number-pdf, .reveal code {{
  font-family: {webfont.FONT_STACK};
}}
.reveal .slides section {{ text-align: left; }}
.reveal h1, .reveal h2, .reveal h3 {{ text-transform: none; }}
.reveal .jp-RenderedHTMLCommon {{ font-size: 28px; line-height: 1.4; }}
.reveal .jp-RenderedHTMLCommon h3 {{ font-size: 40px; line-height: 1.25; margin: 0 0 0.4em; }}
.reveal .jp-RenderedHTMLCommon ul {{ font-size: 32px; }}
.reveal .jp-RenderedHTMLCommon p.zz-big {{
  font-size: 150px; font-weight: bold; line-height: 1.1; margin: 0.4em 0; color: #0b5cad;
}}
.reveal .jp-OutputArea-output img, .reveal .jp-RenderedImage img {{
  display: block; margin: 0.3em auto 0; width: 100%; max-width: 100%;
  height: {int(SLIDE_HEIGHT * 0.66)}px; object-fit: contain;
}}
.reveal .jp-RenderedHTMLCommon table {{ font-size: 20px; margin: 0 auto; }}
html.print-pdf .reveal .slides .pdf-page:last-of-type {{ break-after: avoid; }}
"""
)


@dataclass(frozen=True)
class Pages:
    """The three pages of one notebook in one language, as HTML text."""

    report: str
    code_report: str
    slides: str


SOLUTION_TAG = "solution"  # an exercise's solution (helpers.publish.teaching)


def for_reader(notebook: NotebookNode, solutions: bool = True) -> NotebookNode:
    """`notebook` without its `slide-only` cells (slide headlines): what the reports show; without
    `solutions`, also without the exercises' solution cells. The report (code hidden) is for
    readers of the findings: its solutions would show as code outside their folded block, and
    they live in the teacher edition; the report with code keeps them."""
    dropped = {SLIDE_ONLY_TAG} | (set() if solutions else {SOLUTION_TAG})
    result = copy.copy(notebook)
    result.cells = [
        cell
        for cell in notebook.cells
        if not dropped & set(cell.get("metadata", {}).get("tags", []))
    ]
    return result


def for_language(notebook: NotebookNode, lang: str) -> NotebookNode:
    """A copy of `notebook` without the cells tagged for another language (`lang-en`/`lang-zh`).

    Lets a notebook carry prose in both languages; untagged cells appear in both.
    """
    others = {tag for code, tag in LANG_TAGS.items() if code != lang}
    result = copy.deepcopy(notebook)
    result.cells = [
        cell for cell in result.cells if not others & set(cell.get("metadata", {}).get("tags", []))
    ]
    return result


CHECK_TAG = "exercise-check"
# A cell that checks an exercise's answer: its output on a page nobody answered is a stub.
_CHECK_CALL = re.compile(r"^\s*(?:[\w.]*exercises|grader)\.check(?:_all)?\(", re.MULTILINE)
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
ALT_PREFIX = {"en": "Chart: ", "zh": "图表："}


def is_exercise_check(cell: NotebookNode) -> bool:
    """Whether `cell` checks an exercise's answer (see the module doc)."""
    if cell.get("cell_type") != "code":
        return False
    return CHECK_TAG in cell.get("metadata", {}).get("tags", []) or bool(
        _CHECK_CALL.search(cell.get("source", ""))
    )


def _plain_heading(markdown: str) -> str:
    """The text of a Markdown heading: no links, emphasis, code marks or HTML tags."""
    text = re.sub(r"<[^>]+>", "", markdown)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return " ".join(re.sub(r"[*_`]", "", text).split())


def for_pages(notebook: NotebookNode, lang: str) -> NotebookNode:
    """`notebook` as every page shows it: exercise checks without their outputs, and every PNG
    output with alt text (its own, from the kernel, else the heading before it). A shallow copy:
    only the cells it changes are copied."""
    result = copy.copy(notebook)
    result.cells, heading = [], ""
    for cell in notebook.cells:
        if cell.get("cell_type") == "markdown":
            headings = _HEADING.findall(cell.get("source", ""))
            heading = _plain_heading(headings[-1]) if headings else heading
        elif is_exercise_check(cell) and cell.get("outputs"):
            cell = copy.deepcopy(cell)
            cell.outputs = []
        elif any(_needs_alt(output) for output in cell.get("outputs", [])):
            cell = copy.deepcopy(cell)
            for output in cell.outputs:
                if _needs_alt(output):
                    image = output.setdefault("metadata", {}).setdefault("image/png", {})
                    image["alt"] = f"{ALT_PREFIX.get(lang, ALT_PREFIX['en'])}{heading}".strip()
        result.cells.append(cell)
    return result


def _needs_alt(output: NotebookNode) -> bool:
    if "image/png" not in output.get("data", {}):
        return False
    return not str(output.get("metadata", {}).get("image/png", {}).get("alt", "")).strip()


# a link to another notebook, as JupyterLab follows it: href="03_platforms.ipynb#anchor"
_NOTEBOOK_LINK = re.compile(r'href="(?:\./)?(\d\d_[\w-]+)\.ipynb(#[^"]*)?"')
_OWN_ANCHOR = re.compile(r'href="#([^"/][^"]*)"')
_ID = re.compile(r'\s(?:id|name)="([^"]+)"')


def link_pages(html: str, kind: str, stem: str = "") -> str:
    """`html` (a page of `kind`: report, code_report or slides) with its links to notebooks
    pointing at pages beside it (see the module doc); with `stem` (the page's own notebook), a
    deck's links to anchors it lacks go to its report."""

    def target(match: re.Match[str]) -> str:
        name, anchor = match.group(1), match.group(2) or ""
        if kind == "report":
            return f'href="{name}.html{anchor}"'
        if kind == "code_report":
            return f'href="{name}.code.html{anchor}"'
        return f'href="../reports/{name}.html{anchor}"' if anchor else f'href="{name}.slides.html"'

    html = _NOTEBOOK_LINK.sub(target, html)
    if kind == "slides" and stem:
        ids = set(_ID.findall(html))

        def own(match: re.Match[str]) -> str:
            anchor = match.group(1)
            return match.group(0) if anchor in ids else f'href="../reports/{stem}.html#{anchor}"'

        html = _OWN_ANCHOR.sub(own, html)
    return html


@functools.lru_cache(maxsize=1)
def _reveal_assets() -> dict[str, str]:
    read = lambda name: (REVEAL_DIR / name).read_text(encoding="utf-8")  # noqa: E731
    return {
        "reveal_js": read("reveal.js"),
        "notes_js": read("notes.js"),
        "reveal_css": read("reveal.css"),
        "theme_css": read("theme-white.css"),
        "reveal_version": REVEAL_VERSION,
        "width": str(SLIDE_WIDTH),
        "height": str(SLIDE_HEIGHT),
        "chart_min": str(CHART_MIN_SHARE),
    }


@functools.lru_cache(maxsize=8)
def _exporter(kind: str, lang: str):
    """One nbconvert exporter per kind and language, reused: building one (templates, Jinja
    environment) costs more than rendering a notebook with it."""
    from nbconvert import HTMLExporter, SlidesExporter

    common = {
        "extra_template_basedirs": [str(TEMPLATES_DIR)],
        "exclude_input_prompt": True,
        "exclude_output_prompt": True,
        "embed_images": True,
        "language_code": lang,
        "theme": "light",
    }
    if kind == "slides":
        return SlidesExporter(
            template_name="zz_slides", exclude_input=True, exclude_anchor_links=True, **common
        )
    return HTMLExporter(template_name="zz_report", exclude_input=(kind == "report"), **common)


def render_page(notebook: NotebookNode, kind: str, lang: str, name: str, stem: str = "") -> str:
    """One page of `kind` (report, code_report or slides) without its font: the font subset is
    made for a set of pages at once (`render_pages`, `render_slides`), and checks of a page's
    links and text (helpers.publish.pagecheck) need no font."""
    zz = {"font_placeholder": webfont.placeholder()}
    notebook = for_pages(notebook, lang)
    if kind == "slides":
        zz.update(_reveal_assets(), css=SLIDES_CSS)
    else:
        zz["css"] = REPORT_CSS
        notebook = for_reader(notebook, solutions=(kind != "report"))
    resources = {"metadata": {"name": name}, "zz": zz}
    html, _ = _exporter(kind, lang).from_notebook_node(notebook, resources=resources)
    html = link_pages(html, kind, stem)
    return html.replace(f'<html lang="{lang}">', f'<html lang="{HTML_LANG.get(lang, lang)}">', 1)


def render_slides(
    decks: list[tuple[NotebookNode, str]], lang: str, stems: list[str] | None = None
) -> list[str]:
    """The slide decks alone of several (notebook, name) pairs, their font embedded. They share
    one font subset (the characters of all of them): subsetting costs about a second, rendering
    a deck a fifth of that. The deck tests render the stored notebooks so, with no kernel.
    `stems`: each deck's notebook file name, for its links to its own report."""
    stems = stems or [""] * len(decks)
    pages = [
        render_page(notebook, "slides", lang, name, stem)
        for (notebook, name), stem in zip(decks, stems, strict=True)
    ]
    characters = frozenset().union(*(webfont.page_characters(html) for html in pages))
    return [webfont.embed(html, characters) for html in pages]


def render_pages(notebook: NotebookNode, lang: str, name: str, stem: str = "") -> Pages:
    """Render the report, the report with code and the slides of an executed notebook.

    `name` is the page title, in `lang` (helpers.publish.jobs.title_and_summary): it replaces the
    notebook's `title` metadata, which is English or a mapping by language, for the rendering
    only. `stem` is the notebook's file name (a deck links its own report by it). The three
    pages share one font subset: the characters of all three (a report's
    characters are nearly all in the code report), which costs one subsetting instead of three.
    """
    import copy

    notebook = copy.copy(notebook)  # shallow: the cells are shared, the metadata is our own
    notebook.metadata = copy.copy(notebook.metadata)
    notebook.metadata["title"] = name
    kinds = ("report", "code_report", "slides")
    pages = {kind: render_page(notebook, kind, lang, name, stem) for kind in kinds}
    characters = frozenset().union(*(webfont.page_characters(html) for html in pages.values()))
    return Pages(**{kind: webfont.embed(html, characters) for kind, html in pages.items()})
