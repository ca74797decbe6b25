"""Build everything a reader opens outside Jupyter into build/ (`make run`, `make export`).

For every numbered notebook, in English and in Chinese (the language switch: the notebook runs
with ZZ_LANG=en or zh, which the chart helpers read), one command makes:

    build/index.html                          what a presenter opens first: every notebook, its
                                              one-line summary, links to all of the below
    build/<lang>/reports/NN_name.html         HTML report, code hidden
    build/<lang>/reports/NN_name.code.html    the same with every code cell
    build/<lang>/slides/NN_name.slides.html   reveal.js deck (one file, reveal.js inlined)
    build/<lang>/slides/NN_name.slides.pdf    the deck, one slide per landscape page
    build/<lang>/pdf/NN_name.pdf              PDF handout of the report (needs Chromium)
    build/<lang>/notebooks/NN_name.ipynb      the executed notebook
    build/figures/<lang>/<chart>.png|svg      every chart, saved by the notebook itself
    build/licenses/                           OFL.txt (the embedded font), reveal.js-LICENSE.txt

Every HTML file opens with no network: figures, the font (webfont) and reveal.js are
inside it, and nothing is fetched from a CDN (render). The same notebooks give the same
file names and the same text; nothing carries a date.

How it runs, and why:
- Each notebook runs once per language in a fresh kernel (over Unix sockets: no TCP port, so
  `make run` works with no network interface at all); the report, the code report, the slides
  and the PDF all come from that one executed notebook. Notebook-and-language jobs run in
  parallel (`--jobs`, default 2: the machines here have 2 cores), each in its own process.
- Charts: the kernel gets ZZ_LANG and ZZ_BUILD_DIR; `helpers.plotting.save_figure` is to write
  to $ZZ_BUILD_DIR/figures/$ZZ_LANG/<name>.png|svg. ZZ_BUILD_DIR is a folder of that one job, so
  the export knows which notebook drew which chart (for the index) and two parallel jobs never
  touch the same file; the files are then moved to build/figures/<lang>/.
- PDFs: printed by headless Chromium over the DevTools protocol (browser), one browser in
  this process for all of them, while the workers go on executing: the report on A4, and the
  deck in reveal.js's print mode (`?print-pdf`), one slide per landscape page. Chromium sees
  only the project's OFL font through a generated fonts.conf (FONTCONFIG_FILE). Without Chromium the
  export says so and makes everything else; with ZZ_REQUIRE_BROWSER=1 it fails instead.
- The index leads with the briefing deck (BRIEFING, notebook 07 written slide-first), what a
  presenter opens first.
- The summary on the index: the notebook metadata `summary` (a string, or {"en": ..., "zh": ...})
  if present, else the first sentence of the first paragraph after the H1.
- Progress: one line per notebook and language with its timings; at the end, where things are.
- Every file is written to a temporary name and renamed (helpers.files), so an interrupted export
  never leaves a half-written file that looks complete.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import json
import multiprocessing
import os
import re
import shutil
import sys
import time
import traceback
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from helpers.files import write_bytes_atomic, write_text_atomic
from helpers.paths import BUILD_DIR, NOTEBOOKS_DIR, PROJ_ROOT, notebook_paths
from helpers.publish.execute import execute

if TYPE_CHECKING:
    from nbformat import NotebookNode

LANGS = ("en", "zh")
LANG_NAMES = {"en": "English", "zh": "中文"}
REQUIRE_BROWSER_ENV = "ZZ_REQUIRE_BROWSER"
LANG_ENV, BUILD_ENV = "ZZ_LANG", "ZZ_BUILD_DIR"
PROJECT_TITLE = {"en": "Zaozhuang's high-tech industry in 2024", "zh": "枣庄市2024年高新技术产业"}
SUMMARY_MAX = 220
BRIEFING = "07_summary"  # the briefing deck for the whole release: first on the index
# Link labels on the index, per language column.
LABELS = {
    "en": {"report": "report", "code": "with code", "slides": "slides", "pdf": "PDF",
           "slides_pdf": "slides PDF", "figures": "figures"},
    "zh": {"report": "报告", "code": "含代码", "slides": "幻灯片", "pdf": "PDF",
           "slides_pdf": "幻灯片PDF", "figures": "图表"},
}


@dataclass(frozen=True)
class Layout:
    """Where every exported file goes: one place, so the index, the tests and the README agree."""

    out: Path

    def executed(self, lang: str, stem: str) -> Path:
        return self.out / lang / "notebooks" / f"{stem}.ipynb"

    def report(self, lang: str, stem: str) -> Path:
        return self.out / lang / "reports" / f"{stem}.html"

    def code_report(self, lang: str, stem: str) -> Path:
        return self.out / lang / "reports" / f"{stem}.code.html"

    def slides(self, lang: str, stem: str) -> Path:
        return self.out / lang / "slides" / f"{stem}.slides.html"

    def pdf(self, lang: str, stem: str) -> Path:
        return self.out / lang / "pdf" / f"{stem}.pdf"

    def slides_pdf(self, lang: str, stem: str) -> Path:
        return self.out / lang / "slides" / f"{stem}.slides.pdf"

    def figures(self, lang: str) -> Path:
        return self.out / "figures" / lang

    @property
    def index(self) -> Path:
        return self.out / "index.html"

    @property
    def licenses(self) -> Path:
        return self.out / "licenses"

    @property
    def work(self) -> Path:
        """Export's own bookkeeping: records for the index, job folders, fontconfig."""
        return self.out / ".export"

    def record(self, lang: str, stem: str) -> Path:
        return self.work / "records" / lang / f"{stem}.json"

    def staging(self, lang: str, stem: str) -> Path:
        return self.work / "jobs" / lang / stem

    def pages(self, lang: str, stem: str) -> list[Path]:
        """Every file made for one notebook and language, but its figures."""
        return [self.executed(lang, stem), self.report(lang, stem), self.code_report(lang, stem),
                self.slides(lang, stem), self.pdf(lang, stem), self.slides_pdf(lang, stem)]


@dataclass
class Record:
    """What the index needs to know of one exported notebook in one language."""

    stem: str
    lang: str
    title: str
    summary: str
    figures: list[str] = field(default_factory=list)
    pdf: bool = False
    slides_pdf: bool = False


@dataclass
class JobResult:
    """One notebook in one language: its record, timings, or what went wrong."""

    stem: str
    lang: str
    record: Record | None = None
    seconds: dict[str, float] = field(default_factory=dict)
    error: str = ""


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(PROJ_ROOT))
    except ValueError:
        return str(path)


# ---------------------------------------------------------------------------------------------
# one notebook, one language (runs in a worker process)


def _strip_markdown(text: str) -> str:
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)  # images
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links: keep the text
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)  # bold
    text = re.sub(r"(?<!\w)[*_](?=\S)(.+?)(?<=\S)[*_](?!\w)", r"\1", text)  # italics
    text = text.replace("`", "")  # code spans keep their text, snake_case its underscores
    text = re.sub(r"<[^>]+>", "", text)
    return " ".join(text.split())


def _first_sentence(text: str) -> str:
    match = re.search(r"(?<=[.!?])\s+(?=[A-Z0-9\"“(])|(?<=[。！？])", text)
    sentence = text[: match.start()].strip() if match else text
    if len(sentence) > SUMMARY_MAX:
        sentence = sentence[: SUMMARY_MAX - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return sentence


def title_and_summary(notebook: NotebookNode, lang: str, fallback_title: str) -> tuple[str, str]:
    """The notebook's title (its H1) and one-line summary, as the index shows them.

    Summary: metadata `summary` (string, or mapping by language) if given, else the first sentence
    of the first paragraph after the H1 that is not a heading.
    """
    title, summary, after_title = "", "", False
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            continue
        for block in re.split(r"\n\s*\n", cell.source):
            block = block.strip()
            if not block:
                continue
            if not title and block.startswith("# "):
                title, after_title = _strip_markdown(block.splitlines()[0][2:]), True
                rest = "\n".join(block.splitlines()[1:]).strip()
                if rest and not rest.startswith("#"):
                    summary = summary or _first_sentence(_strip_markdown(rest))
                continue
            if after_title and not summary and not block.startswith(("#", "|", ">", "```", "-")):
                summary = _first_sentence(_strip_markdown(block))
        if title and summary:
            break
    given = notebook.metadata.get("summary")
    if isinstance(given, dict):
        given = given.get(lang) or given.get("en")
    if isinstance(given, str) and given.strip():
        summary = " ".join(given.split())
    title = notebook.metadata.get("title") or title or fallback_title
    return title, summary


def _execute(path: Path, lang: str, staging: Path, log: Path) -> NotebookNode:
    """Run the notebook's cells for `lang` in a fresh kernel in the notebook's folder."""
    import nbformat

    from helpers.publish.render import for_language
    from helpers.publish.translation import chinese_edition

    notebook = for_language(nbformat.read(path, as_version=4), lang)
    if lang == "zh":  # the prose from the notebook's catalog; setup(lang="zh") for JupyterLab
        notebook = chinese_edition(notebook, path.stem)
    env = {**os.environ, LANG_ENV: lang, BUILD_ENV: str(staging)}
    with open(log, "wb") as stderr:  # the kernel's chatter, shown on failure
        return execute(path, notebook, env=env, stderr=stderr)


def _collect_figures(staging: Path, lang: str, target: Path, stem: str) -> list[str]:
    """Move the charts a job saved into the language's figures folder; their names, sorted.

    Charts saved to $ZZ_BUILD_DIR/figures/<lang>/ are this job's. A save_figure that ignores
    ZZ_BUILD_DIR writes straight into build/figures/<lang>/; those are found by the naming rule
    of notebooks/README.md (a chart's name starts with its notebook's number, "01_...").
    """
    made = staging / "figures" / lang
    names: set[str] = set()
    if made.is_dir():
        for file in sorted(made.iterdir()):
            if file.suffix in (".png", ".svg") and file.is_file():
                write_bytes_atomic(target / file.name, file.read_bytes())
                names.add(file.stem)
    number = re.match(r"\d+_", stem)
    if not names and number and target.is_dir():
        names = {f.stem for f in target.glob(f"{number.group(0)}*") if f.suffix in (".png", ".svg")}
    return sorted(names)


def _worker_start() -> None:
    """Set up a worker process. Saves its 2 s import of `rfc3987_syntax`: jsonschema (which
    nbformat loads) imports it, if installed, only to offer an "iri" format check, and it builds a
    parser grammar at import time. Notebook validation uses no such format, so the worker tells
    Python the module is absent, and jsonschema goes on without that one check."""
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[assignment]


def export_job(path: Path, lang: str, out: Path) -> JobResult:
    """Execute one notebook in one language and write its pages, figures and index record.

    Never raises: a failure comes back as JobResult.error, so the other jobs go on.
    """
    import nbformat

    from helpers.publish.render import render_pages

    layout = Layout(out)
    result = JobResult(path.stem, lang)
    staging = layout.staging(lang, path.stem)
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    log = staging / "kernel.log"
    try:
        started = time.perf_counter()
        notebook = _execute(path, lang, staging, log)
        write_text_atomic(layout.executed(lang, path.stem), nbformat.writes(notebook) + "\n")
        result.seconds["run"] = time.perf_counter() - started

        started = time.perf_counter()
        title, summary = title_and_summary(notebook, lang, path.stem)
        pages = render_pages(notebook, lang, title)
        write_text_atomic(layout.report(lang, path.stem), pages.report)
        write_text_atomic(layout.code_report(lang, path.stem), pages.code_report)
        write_text_atomic(layout.slides(lang, path.stem), pages.slides)
        figures = _collect_figures(staging, lang, layout.figures(lang), path.stem)
        result.record = Record(path.stem, lang, title, summary, figures)
        result.seconds["pages"] = time.perf_counter() - started
    except Exception as error:  # noqa: BLE001 - reported per job, the others go on
        name = type(error).__name__
        if name == "CellExecutionError":
            message = str(error)
        else:
            message = "".join(traceback.format_exception(error)).strip()
        chatter = log.read_text(encoding="utf-8", errors="replace").strip() if log.exists() else ""
        tail = "\n".join(chatter.splitlines()[-10:])
        result.error = f"{name}: {message}" + (f"\nkernel stderr:\n{tail}" if tail else "")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return result


# ---------------------------------------------------------------------------------------------
# the index page


def _link(href: Path, base: Path, label: str) -> str:
    relative = os.path.relpath(href, base)
    return f'<a href="{html.escape(Path(relative).as_posix())}">{html.escape(label)}</a>'


def _cell(layout: Layout, record: Record | None, lang: str) -> str:
    if record is None:
        return '<td class="missing">—</td>'
    labels, base, stem = LABELS[lang], layout.out, record.stem
    links = [
        _link(layout.report(lang, stem), base, labels["report"]),
        _link(layout.code_report(lang, stem), base, labels["code"]),
        _link(layout.slides(lang, stem), base, labels["slides"]),
    ]
    if record.pdf:
        links.append(_link(layout.pdf(lang, stem), base, labels["pdf"]))
    if record.slides_pdf:
        links.append(_link(layout.slides_pdf(lang, stem), base, labels["slides_pdf"]))
    if not record.pdf:
        links.append('<span class="missing" title="not built: no Chromium">PDF —</span>')
    parts = [" · ".join(links)]
    if record.figures:
        items = "".join(
            f"<li>{html.escape(name)}: "
            f"{_link(layout.figures(lang) / f'{name}.png', base, 'PNG')} "
            f"{_link(layout.figures(lang) / f'{name}.svg', base, 'SVG')}</li>"
            for name in record.figures
        )
        parts.append(f"<details><summary>{labels['figures']} ({len(record.figures)})</summary>"
                     f"<ul>{items}</ul></details>")
    return f'<td lang="{"zh-Hans" if lang == "zh" else "en"}">{"".join(parts)}</td>'


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
details { margin-top: 0.4rem; font-size: 0.9rem; }
ul { margin: 0.3rem 0 0; padding-left: 1.2rem; }
a { color: #0b5cad; }
section.briefing { border: 2px solid #0b5cad; border-radius: 6px; padding: 0.2rem 1rem;
  margin: 0 0 1.5rem; }
section.briefing h2 { font-size: 1.2rem; }
footer { margin-top: 2rem; font-size: 0.85rem; color: #57606a; }
"""


def _briefing(layout: Layout, langs: list[str]) -> str:
    """The index's first offer to a presenter: the briefing deck in each language, HTML and PDF."""
    links = []
    for lang in langs:
        path = layout.record(lang, BRIEFING)
        if not path.exists():
            continue
        record = Record(**json.loads(path.read_text(encoding="utf-8")))
        labels = LABELS[lang]
        parts = [_link(layout.slides(lang, BRIEFING), layout.out, labels["slides"])]
        if record.slides_pdf:
            parts.append(_link(layout.slides_pdf(lang, BRIEFING), layout.out, labels["slides_pdf"]))
        links.append(f'<span lang="{"zh-Hans" if lang == "zh" else "en"}">{LANG_NAMES[lang]}: '
                     f'{" · ".join(parts)}</span>')
    if not links:
        return ""
    return ('<section class="briefing"><h2>Presenting? Start with the briefing deck '
            '<span lang="zh-Hans">演示请先用简报幻灯片</span></h2>'
            "<p>The whole release in a dozen slides: the headline, one slide per section, the "
            "three findings a careful reader must know; the reasoning is in the speaker notes "
            f"(press S).</p><p>{' &nbsp; '.join(links)}</p></section>")


def write_index(layout: Layout, stems: list[str], langs: Iterable[str]) -> Path:
    """Write build/index.html from the records of `stems` (in reading order) in `langs`."""
    from helpers.publish import webfont

    langs = [lang for lang in LANGS if lang in set(langs)]
    rows = []
    for stem in stems:
        records = {}
        for lang in langs:
            path = layout.record(lang, stem)
            if path.exists():
                records[lang] = Record(**json.loads(path.read_text(encoding="utf-8")))
        if not records:
            continue
        first = records.get("en") or next(iter(records.values()))
        summaries = []
        for lang, record in records.items():
            if record.summary and record.summary not in [s for _, s in summaries]:
                summaries.append((lang, record.summary))
        summary_html = "".join(
            f'<div class="summary" lang="{"zh-Hans" if lang == "zh" else "en"}">'
            f"{html.escape(text)}</div>" for lang, text in summaries
        )
        cells = "".join(_cell(layout, records.get(lang), lang) for lang in langs)
        rows.append(f'<tr><td class="nb"><b>{html.escape(stem)}: {html.escape(first.title)}</b>'
                    f"{summary_html}</td>{cells}</tr>")
    headers = "".join(f"<th>{LANG_NAMES[lang]}</th>" for lang in langs)
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{html.escape(PROJECT_TITLE["en"])}: reports, slides, PDF</title>
<style>
{webfont.placeholder()}
</style>
<style>{INDEX_CSS % webfont.FONT_STACK}</style>
</head>
<body>
<main>
<h1>{html.escape(PROJECT_TITLE["en"])} <span lang="zh-Hans">{PROJECT_TITLE["zh"]}</span></h1>
<p class="lead">Every notebook as a report (code hidden, or with code), a slide deck and a PDF
handout, in English and in Chinese. Every file opens offline. 每个文件均可离线打开。</p>
{_briefing(layout, langs)}
<table>
<thead><tr><th>Notebook</th>{headers}</tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
<footer>Font: Noto Sans CJK SC, subset and embedded, SIL Open Font License 1.1
({_link(layout.licenses / "OFL.txt", layout.out, "licenses/OFL.txt")}).
Slides: reveal.js 4.6.1, MIT ({_link(layout.licenses / "reveal.js-LICENSE.txt", layout.out,
"licenses/reveal.js-LICENSE.txt")}).</footer>
</main>
</body>
</html>
"""
    write_text_atomic(layout.index, webfont.embed(page))
    return layout.index


# ---------------------------------------------------------------------------------------------
# the whole export


def _require_browser() -> bool:
    return os.environ.get(REQUIRE_BROWSER_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def _write_licences(layout: Layout) -> None:
    from helpers.publish import webfont
    from helpers.publish.render import REVEAL_DIR

    webfont.write_licence(layout.licenses)
    licence = (REVEAL_DIR / "LICENSE").read_bytes()
    target = layout.licenses / "reveal.js-LICENSE.txt"
    if not target.exists() or target.read_bytes() != licence:
        write_bytes_atomic(target, licence)


def _prune(layout: Layout, stems: set[str], langs: Iterable[str]) -> None:
    """Remove what earlier exports made for notebooks that no longer exist."""
    for lang in langs:
        for folder in ("notebooks", "reports", "slides", "pdf"):
            for file in sorted((layout.out / lang / folder).glob("*")):
                if file.name.split(".")[0] not in stems:
                    file.unlink()
        for file in sorted(layout.record(lang, "x").parent.glob("*.json")):
            if file.stem not in stems:
                file.unlink()


class _PdfPrinter:
    """Prints reports to PDF with one headless Chromium, started on first use."""

    def __init__(self, layout: Layout, binary: Path) -> None:
        from helpers.publish import webfont

        self.binary = binary
        self.fontconfig = webfont.fontconfig_file(layout.work / "fontconfig")
        self._stack = contextlib.ExitStack()
        self._browser = None

    def print(self, html_path: Path, pdf_path: Path, slides: bool = False) -> None:
        """Print a report on A4, or (`slides`) a deck one slide per landscape page."""
        from helpers.publish import browser

        if self._browser is None:
            self._browser = self._stack.enter_context(browser.launch(self.binary, self.fontconfig))
        try:
            with self._browser.page() as page:
                page.open(html_path, query="print-pdf" if slides else "")
                data = page.slides_pdf() if slides else page.pdf()
        except browser.BrowserError:
            self.close()  # start afresh for the next file
            raise
        write_bytes_atomic(pdf_path, browser.normalise_pdf(data))

    def close(self) -> None:
        self._stack.close()
        self._browser = None


def export_all(out: Path = BUILD_DIR, paths: list[Path] | None = None,
               langs: Iterable[str] = LANGS, jobs: int = 2, pdf: bool = True) -> int:
    """Export `paths` (default: every numbered notebook) in `langs` into `out`; print progress.

    Returns the exit status: 0 when everything asked for was made, 1 when a notebook failed,
    2 when PDFs were required (ZZ_REQUIRE_BROWSER=1) but no Chromium was found.
    """
    from helpers.publish import browser

    started = time.perf_counter()
    langs = [lang for lang in LANGS if lang in set(langs)]
    full = paths is None
    paths = notebook_paths(NOTEBOOKS_DIR) if paths is None else list(paths)
    layout = Layout(out)
    layout.out.mkdir(parents=True, exist_ok=True)
    _write_licences(layout)

    binary = browser.find_browser() if pdf else None
    if pdf and binary is None:
        print(f"PDFs will not be made. {browser.no_browser_message()}", flush=True)
        if _require_browser():
            print(f"{REQUIRE_BROWSER_ENV}=1: failing, since PDFs are required here.")
            return 2
    printer = _PdfPrinter(layout, binary) if binary is not None else None

    if full:
        for lang in langs:  # charts come back from this run's jobs: drop renamed or removed ones
            shutil.rmtree(layout.figures(lang), ignore_errors=True)
        _prune(layout, {p.stem for p in paths}, langs)

    jobs_list = [(path, lang) for path in paths for lang in langs]
    total = len(jobs_list)
    workers = max(1, min(jobs, total))
    print(f"Exporting {len(paths)} notebooks x {len(langs)} languages ({', '.join(langs)}) "
          f"into {_display(out)}/ with {workers} worker{'s' if workers > 1 else ''}", flush=True)
    failures: list[JobResult] = []
    width = max((len(p.stem) for p in paths), default=10)
    context = multiprocessing.get_context("spawn")  # no inherited state, same on every OS
    with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                             initializer=_worker_start) as pool:
        futures = [pool.submit(export_job, path, lang, out) for path, lang in jobs_list]
        try:
            for done, future in enumerate(as_completed(futures), start=1):
                result = future.result()
                timings = []
                if result.record is not None and printer is not None:
                    began = time.perf_counter()
                    try:
                        printer.print(layout.report(result.lang, result.stem),
                                      layout.pdf(result.lang, result.stem))
                        result.record.pdf = True
                        printer.print(layout.slides(result.lang, result.stem),
                                      layout.slides_pdf(result.lang, result.stem), slides=True)
                        result.record.slides_pdf = True
                    except browser.BrowserError as error:
                        result.error = f"PDF: {error}"
                    result.seconds["pdf"] = time.perf_counter() - began
                if result.record is not None:
                    write_text_atomic(layout.record(result.lang, result.stem),
                                      json.dumps(asdict(result.record), ensure_ascii=False,
                                                 indent=1) + "\n")
                timings = [f"{k} {v:4.1f} s" for k, v in result.seconds.items()]
                figures = len(result.record.figures) if result.record else 0
                status = "FAILED" if result.error else f"{figures} figure{'s' * (figures != 1)}"
                print(f"  [{done:{len(str(total))}}/{total}] {result.stem:<{width}}  "
                      f"{result.lang}  {'  '.join(timings)}  {status}", flush=True)
                if result.error:
                    failures.append(result)
                    print("      " + result.error.replace("\n", "\n      "), flush=True)
        finally:
            if printer is not None:
                printer.close()

    index = write_index(layout, [p.stem for p in notebook_paths(NOTEBOOKS_DIR)] if full
                        else [p.stem for p in paths], langs)
    _print_summary(layout, langs, index, binary, time.perf_counter() - started, failures)
    return 1 if failures else 0


def _print_summary(layout: Layout, langs: list[str], index: Path, binary: Path | None,
                   seconds: float, failures: list[JobResult]) -> None:
    def folders(kind: str) -> str:
        return "  ".join(f"{_display(layout.out / lang / kind)}/" for lang in langs)

    print(f"Done in {seconds:.1f} s." + (f" {len(failures)} FAILED." if failures else ""))
    print(f"  Open first:  {_display(index)}")
    print(f"  Reports:     {folders('reports')}")
    print(f"  Slides:      {folders('slides')}")
    if binary is not None:
        print(f"  PDFs:        {folders('pdf')}")
    else:
        print("  PDFs:        not made (no Chromium; see above)")
    print(f"  Figures:     {'  '.join(_display(layout.figures(lang)) + '/' for lang in langs)}")
    print(f"  Notebooks:   {folders('notebooks')}")
    print(f"  Licences:    {_display(layout.licenses)}/")


def _select(names: list[str]) -> list[Path]:
    """Notebooks named on the command line: by file name, stem or number prefix ("01")."""
    every = notebook_paths(NOTEBOOKS_DIR)
    chosen: list[Path] = []
    for name in names:
        path = Path(name)
        if path.suffix == ".ipynb" and path.exists():
            chosen.append(path.resolve())
            continue
        matches = [p for p in every if p.stem == name or p.stem.startswith(f"{name}_")]
        if not matches:
            raise SystemExit(f"No notebook matches {name!r} in {_display(NOTEBOOKS_DIR)}/")
        chosen.extend(matches)
    return list(dict.fromkeys(chosen))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=BUILD_DIR, help="output folder (build/)")
    parser.add_argument("--lang", choices=LANGS, action="append",
                        help="only this language (repeatable; default: en and zh)")
    parser.add_argument("--only", action="append", metavar="NOTEBOOK",
                        help="only this notebook: file, name or number, e.g. 01 (repeatable)")
    parser.add_argument("--jobs", type=int, default=2, help="parallel jobs (default 2)")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF handouts")
    args = parser.parse_args(argv)
    out = args.out if args.out.is_absolute() else (Path.cwd() / args.out)
    paths = _select(args.only) if args.only else None
    return export_all(out.resolve(), paths, args.lang or LANGS, args.jobs, pdf=not args.no_pdf)


if __name__ == "__main__":
    sys.exit(main())
