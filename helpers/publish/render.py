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
"""

from __future__ import annotations

import copy
import functools
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


def _render(notebook: NotebookNode, kind: str, lang: str, name: str) -> str:
    zz = {"font_placeholder": webfont.placeholder()}
    if kind == "slides":
        zz.update(_reveal_assets(), css=SLIDES_CSS)
    else:
        zz["css"] = REPORT_CSS
        notebook = for_reader(notebook, solutions=(kind != "report"))
    resources = {"metadata": {"name": name}, "zz": zz}
    html, _ = _exporter(kind, lang).from_notebook_node(notebook, resources=resources)
    return html.replace(f'<html lang="{lang}">', f'<html lang="{HTML_LANG.get(lang, lang)}">', 1)


def render_slides(decks: list[tuple[NotebookNode, str]], lang: str) -> list[str]:
    """The slide decks alone of several (notebook, name) pairs, their font embedded. They share
    one font subset (the characters of all of them): subsetting costs about a second, rendering
    a deck a fifth of that. The deck tests render the stored notebooks so, with no kernel."""
    pages = [_render(notebook, "slides", lang, name) for notebook, name in decks]
    characters = frozenset().union(*(webfont.page_characters(html) for html in pages))
    return [webfont.embed(html, characters) for html in pages]


def render_pages(notebook: NotebookNode, lang: str, name: str) -> Pages:
    """Render the report, the report with code and the slides of an executed notebook.

    `name` is the page title, in `lang` (helpers.publish.jobs.title_and_summary): it replaces the
    notebook's `title` metadata, which is English or a mapping by language, for the rendering
    only. The three pages share one font subset: the characters of all three (a report's
    characters are nearly all in the code report), which costs one subsetting instead of three.
    """
    import copy

    notebook = copy.copy(notebook)  # shallow: the cells are shared, the metadata is our own
    notebook.metadata = copy.copy(notebook.metadata)
    notebook.metadata["title"] = name
    kinds = ("report", "code_report", "slides")
    pages = {kind: _render(notebook, kind, lang, name) for kind in kinds}
    characters = frozenset().union(*(webfont.page_characters(html) for html in pages.values()))
    return Pages(**{kind: webfont.embed(html, characters) for kind, html in pages.items()})
