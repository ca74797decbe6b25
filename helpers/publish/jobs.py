"""One export job: one notebook in one language, executed in a fresh kernel and rendered.

`export_job` runs in a worker process of the export (helpers.publish.export). It writes every
file it makes (executed notebook, report, report with code, figures) into the output
folder it is given, which is the job's own staging folder: the export moves the files into
build/ only once the job has succeeded, so a failed or interrupted job never replaces a page of
the previous build by half of a new one. A failure comes back as a one-line cause naming the
notebook file, with the full traceback and the kernel's stderr beside it (`JobResult.details`).

Any callable with the signature of `export_job` can stand in for it (`export_all(run_job=...)`):
the tests use one that writes small files at once, to check the cache, the index and the
interruption without starting kernels.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from helpers.paths import write_text_atomic
from helpers.publish.layout import Layout, display

if TYPE_CHECKING:
    from nbformat import NotebookNode

LANG_ENV, BUILD_ENV, SAVE_ENV = "ZZ_LANG", "ZZ_BUILD_DIR", "ZZ_SAVE_FIGURES"
SUMMARY_MAX = 220
STDERR_LINES = 10  # of the kernel's own log, in a failure's details


@dataclass
class Record:
    """What the index needs to know of one exported notebook in one language."""

    stem: str
    lang: str
    title: str
    summary: str
    figures: list[str] = field(default_factory=list)
    pdf: bool = False


@dataclass
class JobResult:
    """One notebook in one language: its record and timings, or what went wrong.

    `error` is one line, the cause ("notebooks/03_x.ipynb: not valid JSON: ..."); `details`
    the traceback and the kernel's stderr, shown with --verbose and kept in the job's log file.
    """

    stem: str
    lang: str
    record: Record | None = None
    seconds: dict[str, float] = field(default_factory=dict)
    error: str = ""
    details: str = ""


class NotebookFileError(ValueError):
    """The notebook file cannot be read as a notebook (not UTF-8, not JSON, not a notebook)."""


# ---------------------------------------------------------------------------------------------
# title and summary, for the index


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

    Title: metadata `title` (string: the English title; or mapping by language) if given for
    `lang`, else the H1 (in zh, translated from the catalog). Summary: metadata `summary` (string,
    or mapping by language) if given, else the first sentence of the first paragraph after the H1
    that is not a heading.
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
    title = _given_title(notebook.metadata.get("title"), lang, title) or title or fallback_title
    return title, summary


def _given_title(given: object, lang: str, h1: str) -> str:
    """Metadata `title` in `lang`: a string is the English title, a mapping gives one per
    language. Where none is given for a language other than English, the (translated) H1 wins
    over the English title, so a zh page is never titled in English."""
    if isinstance(given, dict):
        chosen = given.get(lang) or ("" if lang != "en" and h1 else given.get("en"))
    else:
        chosen = given if lang == "en" or not h1 else ""
    return " ".join(chosen.split()) if isinstance(chosen, str) else ""


# ---------------------------------------------------------------------------------------------
# reading, and saying what went wrong in one line


def read_notebook(path: Path) -> NotebookNode:
    """The notebook at `path`; NotebookFileError saying in plain words why it is not one."""
    import nbformat

    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise NotebookFileError(f"not UTF-8 text (byte {error.start})") from None
    except OSError as error:
        raise NotebookFileError(f"cannot be read: {error.strerror}") from None
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        raise NotebookFileError(
            f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from None
    try:
        return nbformat.reads(text, as_version=4)
    except Exception as error:  # noqa: BLE001 - nbformat raises many kinds; all mean the same
        raise NotebookFileError(
            f"not a Jupyter notebook ({type(error).__name__}: {_first_line(str(error))})"
        ) from None


def _first_line(text: str, limit: int = 160) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    line = lines[0] if lines else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _failed_cell(original: NotebookNode | None, executed: NotebookNode | None) -> str:
    """'cell 12 (`first line of its code`)': the first cell with an error output, numbered as
    in the notebook file (the language's copy leaves cells out, so the id finds it)."""
    if executed is None:
        return "a cell"
    for cell in executed.cells:
        if any(output.get("output_type") == "error" for output in cell.get("outputs", [])):
            number = (
                next(
                    (
                        i
                        for i, c in enumerate(original.cells, start=1)
                        if c.get("id") == cell.get("id")
                    ),
                    None,
                )
                if original
                else None
            )
            source = cell.source if isinstance(cell.source, str) else "".join(cell.source)
            code = _first_line(source, 60)
            return f"cell {number} (`{code}`)" if number else f"the cell `{code}`"
    return "a cell"


def _error_output(executed: NotebookNode | None) -> tuple[str, str] | None:
    """The exception name and message of the first error output of `executed`, if any."""
    for cell in executed.cells if executed is not None else []:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return output.get("ename") or "error", output.get("evalue") or ""
    return None


def describe_failure(
    error: BaseException, original: NotebookNode | None = None, executed: NotebookNode | None = None
) -> str:
    """The cause of a job's failure in one line, without the traceback."""
    name = type(error).__name__
    if isinstance(error, NotebookFileError):
        return str(error)
    if name == "CellExecutionError":
        ename, evalue = getattr(error, "ename", "") or "error", getattr(error, "evalue", "")
        if ename == "NoneType":  # the error came from displaying the result, not from the code:
            # the kernel's reply names no exception, its error output does
            ename, evalue = _error_output(executed) or ("an error", "")
        return f"{_failed_cell(original, executed)} raised {ename}: {_first_line(evalue)}"
    if name == "CellTimeoutError":
        return f"{_failed_cell(original, executed)} timed out: {_first_line(str(error))}"
    if name == "DeadKernelError":
        return f"the kernel died ({_first_line(str(error))})"
    return f"{name}: {_first_line(str(error))}"


# ---------------------------------------------------------------------------------------------
# the job


def _off_the_main_thread(function, *args, **kwargs):
    """Call `function` in a helper thread and wait for it, the main thread free for signals.

    Why: nbclient, run from the main thread, installs its own SIGINT and SIGTERM handlers for
    the time of the execution, and removes them afterwards, which resets both to Python's
    defaults: a worker's SIGTERM would then neither kill the kernel nor stop the worker
    (worker_start). From another thread it installs none, and ours stay in force.
    """
    outcome: dict = {}

    def run() -> None:
        try:
            outcome["value"] = function(*args, **kwargs)
        except BaseException as error:  # noqa: BLE001 - raised again in the caller's thread
            outcome["error"] = error

    thread = threading.Thread(target=run, name="execute", daemon=True)
    thread.start()
    while thread.is_alive():
        thread.join(0.2)  # short waits: the main thread runs signal handlers between them
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def export_job(path: Path, lang: str, out: Path) -> JobResult:
    """Execute one notebook in one language and write its pages and figures under `out`.

    Never raises an Exception: a failure comes back as JobResult.error (one line, naming the
    file) and JobResult.details (traceback, kernel stderr), so the other jobs go on.
    """
    import nbformat

    from helpers.publish.execute import execute
    from helpers.publish.render import for_language, render_pages
    from helpers.publish.translation import chinese_edition

    layout = Layout(out)
    result = JobResult(path.stem, lang)
    log = layout.work / "kernel.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    original = notebook = None
    try:
        started = time.perf_counter()
        original = read_notebook(path)
        notebook = for_language(original, lang)
        if lang == "zh":  # the prose from the notebook's catalog; setup(lang="zh") for JupyterLab
            notebook = chinese_edition(notebook, path.stem)
        # The kernel draws in `lang` and saves its charts into this job's folder, whatever the
        # caller's shell says (make test sets ZZ_SAVE_FIGURES=0; an export always saves them).
        env = {**os.environ, LANG_ENV: lang, BUILD_ENV: str(out), SAVE_ENV: "1"}
        with open(log, "wb") as stderr:  # the kernel's chatter, kept for a failure's details
            _off_the_main_thread(execute, path, notebook, env=env, stderr=stderr)
        write_text_atomic(layout.executed(lang, path.stem), nbformat.writes(notebook) + "\n")
        result.seconds["run"] = time.perf_counter() - started

        started = time.perf_counter()
        title, summary = title_and_summary(notebook, lang, path.stem)
        pages = render_pages(notebook, lang, title)
        write_text_atomic(layout.report(lang, path.stem), pages.report)
        write_text_atomic(layout.code_report(lang, path.stem), pages.code_report)
        figures = layout.figures(lang)
        names = sorted({f.stem for f in figures.glob("*") if f.suffix in (".png", ".svg")})
        result.record = Record(path.stem, lang, title, summary, names)
        result.seconds["pages"] = time.perf_counter() - started
    except Exception as error:  # noqa: BLE001 - reported per job, the others go on
        result.error = f"{display(path)}: {describe_failure(error, original, notebook)}"
        chatter = log.read_text(encoding="utf-8", errors="replace").strip() if log.exists() else ""
        tail = "\n".join(chatter.splitlines()[-STDERR_LINES:])
        result.details = "".join(traceback.format_exception(error)).strip() + (
            f"\n\nkernel stderr (last {STDERR_LINES} lines):\n{tail}" if tail else ""
        )
    return result


# ---------------------------------------------------------------------------------------------
# the worker processes


def _stop_now(signum: int, frame: object) -> None:
    """SIGTERM in a worker (the export was interrupted): kill its kernel, exit at once."""
    from helpers.publish.execute import kill_running_kernels

    kill_running_kernels()
    os._exit(128 + signum)


PARENT_POLL = 0.5  # seconds between a worker's looks at whether the export still runs


def _watch(parent: int) -> None:
    """In a worker: once the export that started it is gone (killed, crashed: the worker is
    handed to another parent), kill the kernel and exit, so nothing is left behind."""
    while os.getppid() == parent:
        time.sleep(PARENT_POLL)
    _stop_now(signal.SIGTERM, None)


def worker_start(parent: int | None = None) -> None:
    """Set up a worker process of the export.

    Signals: Ctrl-C in a terminal reaches every process of the group; a worker ignores it and
    leaves the stopping to the export, which cancels the queued jobs and sends each worker
    SIGTERM, on which the worker kills its kernel and exits (`_stop_now`): nothing goes on
    writing after the export has stopped.

    A crash: `parent` is the export's process id. If the export dies without stopping its
    workers (kill -9, a crash), a thread of each worker notices within PARENT_POLL seconds and
    stops it the same way; with the workers gone, multiprocessing's resource tracker, which
    lives only as long as a process holds its pipe, exits too.

    Start-up time: saves a 2 s import of `rfc3987_syntax`: jsonschema (which nbformat loads)
    imports it, if installed, only to offer an "iri" format check, and it builds a parser
    grammar at import time. Notebook validation uses no such format, so the worker tells Python
    the module is absent, and jsonschema goes on without that one check.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop_now)
    if parent is not None:
        threading.Thread(target=_watch, args=(parent,), name="watch-export", daemon=True).start()
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[assignment]
