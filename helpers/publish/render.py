"""Turn one executed notebook into its pages: the HTML report and the report with code.

Each page is one self-contained HTML file that fetches nothing: figures are embedded as data URIs
(nbconvert does that for outputs; `embed_images` for pictures in Markdown), the Chinese font is
embedded by webfont, and the templates in helpers/publish/templates drop what nbconvert would load
from CDNs (require.js, MathJax, mermaid.js, the widget manager). Rendering is
pure: the same executed notebook gives the same bytes, so re-exporting changes nothing.

- Report (`report`): all code hidden, as a reader of findings wants it; prompts hidden too.
- Report with code (`code_report`): every code cell shown, `hide-input` ones included (a reader
  who asks for the code gets all of it); no prompts.
The presenters' decks are not made from the notebooks: helpers.publish.decks builds them
from their own sources.

Cells tagged `lang-en` or `lang-zh` appear only in the pages of that language (see
`for_language`, applied before execution by helpers.publish.export). Reports are for readers,
not students: both pages leave out the chapter's exercises (`without_exercises`: the section
that holds the cells tagged `solution`, from its heading to the next heading of its level) and
the worked example that prepares them (`teaching_cells`: cells whose id starts with `demo-`, the
`### Worked example`/`### 示例` heading cell `demo-intro` among them, or tagged `teaching`), and
say in one line that the teaching edition, linked from the index, has them. The notebooks, and
the teaching edition made from them, keep them. The PDFs are printed from the reports, so they
leave them out too.

What a reader must not meet on a page is left out or mended here, at rendering (pagecheck lists
it on a build; tests/test_built_pages.py holds every page to none):
- links between notebooks (`03_platforms.ipynb#anchor`, as JupyterLab follows them) point at the
  page beside this one: a report at the report (`03_platforms.html#anchor`), a code report at
  the code report;
- an exercise's check cell (`helpers.exercises.check(...)`, otter's `grader.check(...)`, or a
  cell tagged `exercise-check`) shows no output: on a page nobody has answered, its output is
  only a stub ("not answered yet");
- a printed line that is a sentence in the page's language (`is_prose_line`) reads as a
  paragraph, not as monospace program output; formulas and tables stay monospace;
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

if TYPE_CHECKING:
    from nbformat import NotebookNode

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
LANG_TAGS = {"en": "lang-en", "zh": "lang-zh"}

# The project's own CSS: one font stack for prose, tables and code.
BASE_CSS = f"""
:root {{
  --jp-content-font-family: {webfont.FONT_STACK};
  --jp-ui-font-family: {webfont.FONT_STACK};
  --jp-code-font-family: {webfont.MONO_STACK};
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


@dataclass(frozen=True)
class Pages:
    """The two pages of one notebook in one language, as HTML text."""

    report: str
    code_report: str


SOLUTION_TAG = "solution"  # an exercise's solution (helpers.publish.teaching)
# The line that stands where a chapter's exercises were: the index links the teaching edition.
# A report is build/<lang>/reports/NN.html; the index of its language is two folders up.
EXERCISES_ELSEWHERE = {
    "en": "This chapter's exercises are in the teaching edition, linked from the "
    "[index](../../index.html).",
    "zh": "本章练习见教学版，可从[首页](../../index.zh-CN.html)进入。",
}
_HEADING_LEVEL = re.compile(r"^(#{1,6})\s", re.MULTILINE)


def _level(cell: NotebookNode) -> int | None:
    """The level of the first heading of a Markdown cell (None: no heading)."""
    if cell.get("cell_type") != "markdown":
        return None
    found = _HEADING_LEVEL.search(cell.get("source", ""))
    return len(found.group(1)) if found else None


def exercise_cells(notebook: NotebookNode) -> range:
    """The cells of the notebook's exercises section: from the heading before the first cell
    tagged `solution` to the cell before the next heading of that level or higher (Summary),
    or the end; an empty range when the notebook has no exercises. Found by structure, not by
    words, so the Chinese edition's 练习 is found as the English Exercises."""
    cells = notebook.cells
    solutions = [
        i for i, c in enumerate(cells) if SOLUTION_TAG in c.get("metadata", {}).get("tags", [])
    ]
    if not solutions:
        return range(0)
    start = solutions[0]
    while start > 0 and (_level(cells[start]) is None or _level(cells[start]) > 2):
        start -= 1
    level = _level(cells[start]) or 2
    end = solutions[-1] + 1
    while end < len(cells) and not (_level(cells[end]) is not None and _level(cells[end]) <= level):
        end += 1
    return range(start, end)


TEACHING_TAG = "teaching"  # a cell for students only (a worked example), not for a report
TEACHING_ID_PREFIX = "demo-"  # the worked example's cells: demo-intro, demo-pandas, demo-chart


def is_teaching(cell: NotebookNode) -> bool:
    """Whether `cell` is teaching material a report leaves out: the worked example's cells
    (id `demo-...`) or a cell tagged `teaching`."""
    return str(cell.get("id") or "").startswith(TEACHING_ID_PREFIX) or TEACHING_TAG in cell.get(
        "metadata", {}
    ).get("tags", [])


def teaching_cells(notebook: NotebookNode) -> list[int]:
    """The positions of the notebook's teaching cells (`is_teaching`)."""
    return [i for i, cell in enumerate(notebook.cells) if is_teaching(cell)]


def without_exercises(notebook: NotebookNode, lang: str) -> NotebookNode:
    """`notebook` without its exercises section (`exercise_cells`) and its worked example
    (`teaching_cells`), with one line at its end saying where the exercises are: a shallow
    copy."""
    import nbformat

    drop = set(exercise_cells(notebook)) | set(teaching_cells(notebook))
    if not drop:
        return notebook
    result = copy.copy(notebook)
    result.cells = [cell for i, cell in enumerate(notebook.cells) if i not in drop]
    if not exercise_cells(notebook):
        return result
    line = EXERCISES_ELSEWHERE.get(lang, EXERCISES_ELSEWHERE["en"])
    result.cells.append(nbformat.v4.new_markdown_cell(line, id="exercises-elsewhere"))
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
            result.cells.append(cell)
            continue
        if is_exercise_check(cell) and cell.get("outputs"):
            cell = copy.deepcopy(cell)
            cell.outputs = []
        if any(_is_empty(output) for output in cell.get("outputs", [])):
            cell = copy.deepcopy(cell)  # a table a zh page leaves out (helpers.tables): no box
            cell.outputs = [output for output in cell.outputs if not _is_empty(output)]
        if lang == "zh" and any(_zh_number_text(o) != _stream_text(o) for o in _streams(cell)):
            cell = copy.deepcopy(cell)  # zh: 1020 not 1,020, ≈64 not ≈ 64 (data/style.zh-CN.md)
            for output in _streams(cell):
                output["text"] = _zh_number_text(output)
        if any(_prose_lines(output, lang) for output in cell.get("outputs", [])):
            cell = copy.deepcopy(cell)  # printed sentences read as the page's paragraphs
            cell.outputs = [
                part for output in cell.outputs for part in _as_paragraphs(output, lang)
            ]
        if any(_needs_alt(output) for output in cell.get("outputs", [])):
            cell = _with_alt(copy.deepcopy(cell), lang, heading)
        result.cells.append(cell)
    return result


def _with_alt(cell: NotebookNode, lang: str, heading: str) -> NotebookNode:
    """`cell` (a copy) with alt text on every PNG output that has none: the heading's."""
    for output in cell.get("outputs", []):
        if _needs_alt(output):
            image = output.setdefault("metadata", {}).setdefault("image/png", {})
            image["alt"] = f"{ALT_PREFIX.get(lang, ALT_PREFIX['en'])}{heading}".strip()
    return cell


# zh printed numbers as the release writes them: no thousands separator, ≈ right before it.
_SEPARATOR = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_APPROX_SPACE = re.compile(r"(?<![ \t])≈ (?=[\d约])")


def _streams(cell: NotebookNode) -> list[NotebookNode]:
    return [o for o in cell.get("outputs", []) if o.get("output_type") == "stream"]


def _zh_number_text(output: NotebookNode) -> str:
    """A stream's text as a zh page shows it: 1,020 as 1020, "≈ 64" as "≈64"."""
    return _APPROX_SPACE.sub("≈", _SEPARATOR.sub("", _stream_text(output)))


# Printed output that is a sentence is read as prose, not as program output. The rule, per line
# of a `print`'s output (a stream): a line is prose when it has no formula mark (= ≈ × ÷ / * + <
# > ≤ ≥, a minus sign −, or " - "), no column alignment (two spaces in a row), and is a sentence
# in the page's language: on a zh page at least four Chinese characters, on an en page at least
# four words and more letters than digits. A formula, a table or a number list stays monospace.
_FORMULA = re.compile(r"[=≈×÷/*+<>≤≥−]|\s-\s|\S {2,}\S")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def is_prose_line(line: str, lang: str) -> bool:
    """Whether one printed line is a sentence to show as a paragraph (see the rule above)."""
    text = line.strip()
    if not text or _FORMULA.search(text):
        return False
    if lang == "zh":
        return len(_CJK.findall(text)) >= 4
    letters = sum(ch.isalpha() for ch in text)
    return len(text.split()) >= 4 and letters > sum(ch.isdigit() for ch in text)


def _stream_text(output: NotebookNode) -> str:
    text = output.get("text", "")
    return "".join(text) if isinstance(text, list) else text


def _prose_lines(output: NotebookNode, lang: str) -> bool:
    """Whether a stream output (stdout) has a line to show as a paragraph."""
    if output.get("output_type") != "stream" or output.get("name") != "stdout":
        return False
    return any(is_prose_line(line, lang) for line in _stream_text(output).splitlines())


def _as_paragraphs(output: NotebookNode, lang: str) -> list[NotebookNode]:
    """A stream output split into runs: prose lines as HTML paragraphs (the page's prose font),
    the other lines as they were printed (monospace)."""
    import html as html_lib

    import nbformat

    if not _prose_lines(output, lang):
        return [output]
    parts: list[NotebookNode] = []
    run: list[str] = []
    prose: bool | None = None

    def flush() -> None:
        if not run:
            return
        if prose:
            body = "".join(f"<p>{html_lib.escape(line.strip())}</p>" for line in run)
            parts.append(nbformat.v4.new_output("display_data", data={"text/html": body}))
        else:
            parts.append(
                nbformat.v4.new_output("stream", name="stdout", text="\n".join(run) + "\n")
            )

    for line in _stream_text(output).splitlines():
        kind = is_prose_line(line, lang) if line.strip() else prose
        if kind != prose:
            flush()
            run, prose = [], kind
        if line.strip():
            run.append(line)
    flush()
    return parts


def _is_empty(output: NotebookNode) -> bool:
    """A result that shows nothing: every representation of it empty."""
    data = output.get("data")
    return (
        output.get("output_type") == "execute_result"
        and bool(data)
        and not any("".join(value) if isinstance(value, list) else value for value in data.values())
    )


def _needs_alt(output: NotebookNode) -> bool:
    if "image/png" not in output.get("data", {}):
        return False
    return not str(output.get("metadata", {}).get("image/png", {}).get("alt", "")).strip()


# a link to another notebook, as JupyterLab follows it: href="03_platforms.ipynb#anchor"
_NOTEBOOK_LINK = re.compile(r'href="(?:\./)?(\d\d_[\w-]+)\.ipynb(#[^"]*)?"')


def link_pages(html: str, kind: str) -> str:
    """`html` (a page of `kind`: report or code_report) with its links to notebooks pointing at
    the pages beside it (see the module doc)."""
    suffix = ".code.html" if kind == "code_report" else ".html"
    return _NOTEBOOK_LINK.sub(lambda m: f'href="{m.group(1)}{suffix}{m.group(2) or ""}"', html)


@functools.lru_cache(maxsize=8)
def _exporter(kind: str, lang: str):
    """One nbconvert exporter per kind and language, reused: building one (templates, Jinja
    environment) costs more than rendering a notebook with it."""
    from nbconvert import HTMLExporter

    common = {
        "extra_template_basedirs": [str(TEMPLATES_DIR)],
        "exclude_input_prompt": True,
        "exclude_output_prompt": True,
        "embed_images": True,
        "language_code": lang,
        "theme": "light",
    }
    return HTMLExporter(template_name="zz_report", exclude_input=(kind == "report"), **common)


def render_page(notebook: NotebookNode, kind: str, lang: str, name: str) -> str:
    """One page of `kind` (report or code_report) without its font: the font subset is made for
    both pages at once (`render_pages`), and checks of a page's links and text
    (helpers.publish.pagecheck) need no font."""
    zz = {"font_placeholder": webfont.placeholder(), "css": REPORT_CSS}
    notebook = without_exercises(for_pages(notebook, lang), lang)
    resources = {"metadata": {"name": name}, "zz": zz}
    html, _ = _exporter(kind, lang).from_notebook_node(notebook, resources=resources)
    html = link_pages(html, kind)
    return html.replace(f'<html lang="{lang}">', f'<html lang="{HTML_LANG.get(lang, lang)}">', 1)


def render_pages(notebook: NotebookNode, lang: str, name: str) -> Pages:
    """Render the report and the report with code of an executed notebook.

    `name` is the page title, in `lang` (helpers.publish.jobs.title_and_summary): it replaces the
    notebook's `title` metadata, which is English or a mapping by language, for the rendering
    only. The two pages share one font subset: the characters of both (a report's characters are
    nearly all in the code report), which costs one subsetting instead of two.
    """
    notebook = copy.copy(notebook)  # shallow: the cells are shared, the metadata is our own
    notebook.metadata = copy.copy(notebook.metadata)
    notebook.metadata["title"] = name
    kinds = ("report", "code_report")
    pages = {kind: render_page(notebook, kind, lang, name) for kind in kinds}
    characters = frozenset().union(*(webfont.page_characters(html) for html in pages.values()))
    return Pages(**{kind: webfont.embed(html, characters) for kind, html in pages.items()})
