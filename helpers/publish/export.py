"""Build everything a reader opens outside Jupyter into build/ (`make run`, `make export`).

For every numbered notebook, in English and in Chinese (the language switch: the notebook runs
with ZZ_LANG=en or zh, which the chart helpers read), one command makes:

    build/index.html                          what a presenter opens first: every notebook, its
                                              one-line summary, links to all of the below and
                                              to its chapter's deck (helpers.publish.decks, the
                                              `decks` step of `make run`: not made here)
    build/<lang>/reports/NN_name.html         HTML report, code hidden
    build/<lang>/reports/NN_name.code.html    the same with every code cell
    build/<lang>/pdf/NN_name.pdf              PDF handout of the report (needs Chromium)
    build/<lang>/notebooks/NN_name.ipynb      the executed notebook
    build/figures/<lang>/<chart>.png|svg|csv  every chart, saved by the notebook itself, and the
                                             values it draws (csv)
    build/licenses/                           OFL.txt (the embedded font), reveal.js-LICENSE.txt
                                              (the decks inline reveal.js)
    build/.export/                            the export's own: manifest, lock, logs, staging

Every HTML file opens with no network: figures and the font (webfont) are inside it, and nothing is fetched from a CDN (render). The same notebooks give the same
file names and the same text; nothing carries a date.

How it runs, and why:
- Jobs: each notebook runs once per language in a fresh kernel (helpers.publish.jobs; over Unix
  sockets, so `make run` works with no network interface at all); the report, the code report
  and the PDF all come from that one executed notebook. Jobs run in parallel
  (`--jobs`, default 2: the machines here have 2 cores), each in a worker process.
- Only what changed: a job whose notebook, helpers/, data and installed packages are as they
  were when it last succeeded, and whose files are all still in place, is skipped
  (helpers.publish.cache keeps build/.export/manifest.json). Each progress line says why a job
  ran ("notebook changed", "helpers changed", "data changed", "packages changed", "output
  missing: ...", "failed last time", "not built yet", "forced") or that it was skipped
  ("skipped: unchanged since ..."). `--force` (`make run FORCE=1`) runs every job.
- Staging: a job writes into its own folder, build/.export/jobs/<lang>/<stem>/, and its files
  move into build/ only when it succeeded, so a failed or interrupted job never mixes its pages
  with the previous build's. Charts: the kernel gets ZZ_BUILD_DIR (that folder) and ZZ_LANG;
  `helpers.plotting.save_figure` writes to $ZZ_BUILD_DIR/figures/$ZZ_LANG/, so the export knows
  which notebook drew which chart, and two parallel jobs never touch the same file.
- A failed job (a cell raises, the file is not valid JSON, ...) is reported in one line naming
  the file and the cause; `--verbose` prints the traceback and the kernel's stderr, which also
  go to build/.export/logs/<lang>/<stem>.log. Its previous pages and charts are removed and the
  index marks it failed with that cause; the other jobs go on; the exit status is 1.
- The index (helpers.publish.index) is written from the manifest, so a narrowed export
  (`--only 07 --lang en`) updates its own rows and keeps the others, and it links only files
  that exist. It is rewritten only when its text changes.
- One build at a time (helpers.publish.lock): a second export into the same folder waits for
  the first, saying which process it waits for, or with `--no-wait` stops with exit status 3.
- Ctrl-C (or SIGTERM): queued jobs are cancelled, the worker processes are terminated (each
  kills its kernel), Chromium is killed, the finished jobs are kept, the index is written from
  the manifest, and the export exits with status 130, in well under 2 s. Every file is written
  to a temporary name and renamed (helpers.paths), so nothing half-written looks complete.
- PDFs: printed by headless Chromium over the DevTools protocol (browser), one browser in
  this process for all of them, while the workers go on executing. Chromium sees only the
  project's OFL font through a generated fonts.conf (FONTCONFIG_FILE). Without Chromium the
  export says so and makes everything else; with ZZ_REQUIRE_BROWSER=1 it fails instead (exit
  status 2). `--no-pdf` skips them and says so. A job skipped for want of nothing but its PDF
  only prints the PDF.
- Languages: `--lang en|zh` (repeatable) narrows the export; so does ZZ_LANG=en|zh in the
  environment when no --lang is given (`ZZ_LANG=zh make run`); any other value is an error.
- The summary on the index: the notebook metadata `summary` (a string, or {"en": ..., "zh": ...})
  if present, else the first sentence of the first paragraph after the H1.
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import os
import shutil
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path

from helpers.paths import (
    BUILD_DIR,
    NOTEBOOKS_DIR,
    notebook_paths,
    write_bytes_atomic,
    write_text_atomic,
)
from helpers.publish.cache import (
    Entry,
    Manifest,
    Sources,
    file_stamp,
    job_key,
    notebook_digest,
    now,
    output_problem,
    project_sources,
    reasons_to_run,
    shared_inputs,
    source_name,
    source_path,
    translation_digest,
)
from helpers.publish.index import LANG_NAMES, write_index
from helpers.publish.jobs import (
    BUILD_ENV,
    LANG_ENV,
    JobResult,
    Record,
    export_job,
    title_and_summary,
    worker_start,
)
from helpers.publish.layout import LANGS, Layout, display
from helpers.publish.lock import BuildLocked, build_lock

__all__ = [
    "BUILD_ENV",
    "LANGS",
    "LANG_ENV",
    "JobResult",
    "Layout",
    "Record",
    "export_all",
    "export_job",
    "main",
    "title_and_summary",
]

REQUIRE_BROWSER_ENV = "ZZ_REQUIRE_BROWSER"
EXIT_FAILED, EXIT_NO_BROWSER, EXIT_LOCKED, EXIT_INTERRUPTED = 1, 2, 3, 130
STOP_SECONDS = 1.0  # how long terminated workers get to exit before they are killed

RunJob = Callable[[Path, str, Path], JobResult]


@dataclass
class Job:
    """One notebook in one language, and what this export does with it."""

    path: Path
    lang: str
    inputs: dict[str, str]
    reasons: list[str] = field(default_factory=list)  # why it runs; [] when skipped
    pdf_only: bool = False  # up to date but for its PDF: only print that

    @property
    def stem(self) -> str:
        return self.path.stem

    @property
    def key(self) -> str:
        return job_key(self.lang, self.stem)


def _require_browser() -> bool:
    return os.environ.get(REQUIRE_BROWSER_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def _write_licences(layout: Layout) -> None:
    from helpers.publish import webfont
    from helpers.publish.decks import REVEAL_DIR

    webfont.write_licence(layout.licenses)
    licence = (REVEAL_DIR / "LICENSE").read_bytes()
    target = layout.licenses / "reveal.js-LICENSE.txt"
    if not target.exists() or target.read_bytes() != licence:
        write_bytes_atomic(target, licence)


class _PdfPrinter:
    """Prints reports to PDF with one headless Chromium, started on first use."""

    def __init__(self, layout: Layout, binary: Path) -> None:
        from helpers.publish import webfont

        self.binary = binary
        self.fontconfig = webfont.fontconfig_file(layout.work / "fontconfig")
        self._stack = contextlib.ExitStack()
        self._browser = None

    def print(self, html_path: Path, pdf_path: Path) -> None:
        """Print a report on A4."""
        from helpers.publish import browser

        if self._browser is None:
            self._browser = self._stack.enter_context(browser.launch(self.binary, self.fontconfig))
        try:
            with self._browser.page() as page:
                page.open(html_path)
                data = page.pdf()
        except browser.BrowserError:
            self.close()  # start afresh for the next file
            raise
        write_bytes_atomic(pdf_path, browser.normalise_pdf(data))

    def close(self, now: bool = False) -> None:
        """Stop the browser: politely, or with `now` (an interrupted export) at once."""
        if now and self._browser is not None:
            self._browser.kill()
        self._stack.close()
        self._browser = None


class _Workers:
    """Runs jobs in worker processes (`workers` > 0) or one by one in this process (0).

    Leaving the block by an exception (Ctrl-C) drops the queued jobs and terminates the
    workers without waiting for their jobs: each kills its kernel on SIGTERM and exits
    (jobs.worker_start); one that has not exited after STOP_SECONDS is killed.
    """

    def __init__(self, run_job: RunJob, workers: int) -> None:
        self.run_job, self.workers = run_job, workers
        self._pool: ProcessPoolExecutor | None = None
        self._futures: dict[Future, Job] = {}

    def __enter__(self) -> _Workers:
        return self

    def results(
        self, jobs: list[Job], staging: Callable[[Job], Path]
    ) -> Iterator[tuple[Job, JobResult]]:
        if not jobs:
            return
        if self.workers == 0:
            for job in jobs:
                yield job, self.run_job(job.path, job.lang, staging(job))
            return
        context = multiprocessing.get_context("spawn")  # no inherited state, same on every OS
        self._pool = ProcessPoolExecutor(
            max_workers=min(self.workers, len(jobs)),
            mp_context=context,
            initializer=worker_start,
            initargs=(os.getpid(),),
        )
        self._futures = {
            self._pool.submit(self.run_job, job.path, job.lang, staging(job)): job for job in jobs
        }
        for future in as_completed(self._futures):
            job = self._futures[future]
            try:
                yield job, future.result()
            except Exception as error:  # noqa: BLE001 - a worker died: this job failed
                yield (
                    job,
                    JobResult(
                        job.stem,
                        job.lang,
                        error=(
                            f"{display(job.path)}: the worker process stopped "
                            f"({type(error).__name__}: {error})"
                        ),
                    ),
                )

    def __exit__(self, kind: object, error: object, traceback: object) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if error is None:
            pool.shutdown(wait=True)
            return
        # The queued jobs die with the workers: the pool marks their futures failed (cancelling
        # them here first would make its manager thread fail on them, InvalidStateError).
        processes = list((getattr(pool, "_processes", None) or {}).values())
        terminate = getattr(pool, "terminate_workers", None)  # Python 3.14; before, by hand
        if terminate is not None:
            terminate()
        else:
            for process in processes:
                with contextlib.suppress(Exception):
                    process.terminate()
        deadline = time.monotonic() + STOP_SECONDS
        for process in processes:
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                process.kill()
                process.join(0.2)
        pool.shutdown(wait=False)


class _Build:
    """One export, under the build lock: plan, run, commit each job, then the index."""

    def __init__(
        self,
        layout: Layout,
        paths: list[Path],
        langs: list[str],
        full: bool,
        jobs: int,
        pdf: bool,
        force: bool,
        verbose: bool,
        run_job: RunJob,
        sources: Sources,
    ) -> None:
        self.layout, self.paths, self.langs, self.full = layout, paths, langs, full
        self.workers, self.pdf, self.force, self.verbose = jobs, pdf, force, verbose
        self.run_job, self.sources = run_job, sources
        self.manifest = Manifest.load(layout.manifest)
        self.printer: _PdfPrinter | None = None
        self.binary: Path | None = None
        self.failures: list[str] = []
        self.ran = self.skipped = self.done = self.total = 0
        self.width = max((len(p.stem) for p in paths), default=10)

    # -- planning --------------------------------------------------------------------------

    def _pdf_note(self) -> str:
        if not self.pdf:
            return "not made: the export ran with --no-pdf"
        return "" if self.binary is not None else "not made: no Chromium found"

    def plan(self) -> list[Job]:
        shared = shared_inputs(self.sources)
        planned = []
        for path in self.paths:
            digest = notebook_digest(path)
            for lang in self.langs:
                job = Job(
                    path,
                    lang,
                    {"notebook": digest, **shared, "translation": translation_digest(path, lang)},
                )
                entry = self.manifest.jobs.get(job.key)
                job.reasons = reasons_to_run(entry, job.inputs, self.layout.out, self.force)
                if entry is not None and self.printer is not None and entry.status == "ok":
                    pdf = self.layout.pdf(lang, job.stem).relative_to(self.layout.out).as_posix()
                    only_pdf = job.reasons in (
                        [],
                        [f"output missing: {pdf}"],
                        [f"output changed: {pdf}"],
                    )
                    if (
                        only_pdf
                        and not output_problem(self.layout.out, entry, ignore=pdf)
                        and (job.reasons or not (entry.record or {}).get("pdf"))
                    ):
                        job.reasons, job.pdf_only = job.reasons or ["PDF missing"], True
                planned.append(job)
        return planned

    def prune(self) -> None:
        """Forget the jobs of notebooks that no longer exist, and remove their files."""
        for key, entry in list(self.manifest.jobs.items()):
            if not source_path(entry.source).is_file():
                self._remove_outputs(entry)
                del self.manifest.jobs[key]
        legacy = self.layout.work / "records"  # what exports before the manifest kept
        shutil.rmtree(legacy, ignore_errors=True)

    def sweep(self) -> None:
        """After a full export: remove files in the page and figure folders of this export's
        languages that no job made (left by older exports, or renamed charts)."""
        known = {name for entry in self.manifest.jobs.values() for name in entry.outputs}
        for lang in self.langs:
            for folder in self.layout.page_folders(lang):
                for file in sorted(folder.glob("*")) if folder.is_dir() else []:
                    name = file.relative_to(self.layout.out).as_posix()
                    if file.is_file() and name not in known:
                        file.unlink()

    # -- committing ------------------------------------------------------------------------

    def _remove_outputs(self, entry: Entry | None, stem: str = "", lang: str = "") -> None:
        names = set(entry.outputs) if entry else set()
        for path in self.layout.pages(lang, stem) if stem else []:
            names.add(path.relative_to(self.layout.out).as_posix())
        for name in sorted(names):
            (self.layout.out / name).unlink(missing_ok=True)

    def _print_pdf(self, job: Job, pages: Layout, result: JobResult) -> str:
        """Print the report's PDF (from the pages in `pages`: the job's staging folder, or
        build/ itself); the pdf_note for its entry ('' when printed)."""
        from helpers.publish import browser

        if self.printer is None:
            return self._pdf_note()
        began = time.perf_counter()
        try:
            self.printer.print(pages.report(job.lang, job.stem), pages.pdf(job.lang, job.stem))
            if result.record is not None:
                result.record.pdf = True
        except browser.BrowserError as error:
            self.failures.append(f"{display(job.path)} ({job.lang}): PDF failed: {error}")
            return f"PDF failed: {error}"
        finally:
            result.seconds["pdf"] = time.perf_counter() - began
        return ""

    def commit(self, job: Job, result: JobResult) -> Entry:
        """Put a finished job's files in place (or remove its old ones, if it failed) and record
        it in the manifest, which is saved at once."""
        old = self.manifest.jobs.get(job.key)
        staging = self.layout.staging(job.lang, job.stem)
        log = self.layout.log(job.lang, job.stem)
        entry = Entry(job.stem, job.lang, source_name(job.path), "ok", job.inputs, now())
        if not result.error and result.record is None:
            result.error = f"{display(job.path)}: the job returned no record"
        if result.error:
            self._remove_outputs(old, job.stem, job.lang)
            entry.status, entry.error = "failed", result.error
            entry.title = ((old.record or {}).get("title", "") or old.title) if old else ""
            write_text_atomic(log, f"{result.error}\n\n{result.details}\n")
            self.failures.append(result.error)
        else:
            stage = Layout(staging)
            entry.pdf_note = self._print_pdf(job, stage, result)
            made = sorted(
                p for p in staging.rglob("*") if p.is_file() and stage.work not in p.parents
            )
            names = [p.relative_to(staging).as_posix() for p in made]
            for file, name in zip(made, names, strict=True):
                target = self.layout.out / name
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(file, target)
            for stale in sorted(set(old.outputs) - set(names) if old else ()):
                (self.layout.out / stale).unlink(missing_ok=True)
            entry.outputs = {name: file_stamp(self.layout.out / name) for name in names}
            entry.record = asdict(result.record)
            log.unlink(missing_ok=True)
        shutil.rmtree(staging, ignore_errors=True)
        self.manifest.jobs[job.key] = entry
        self.manifest.save()
        return entry

    def commit_pdf(self, job: Job) -> JobResult:
        """A job up to date but for its PDF: print it from the report in place."""
        entry = self.manifest.jobs[job.key]
        result = JobResult(job.stem, job.lang, Record(**entry.record))
        entry.pdf_note = self._print_pdf(job, self.layout, result)
        entry.record = asdict(result.record)
        pdf = self.layout.pdf(job.lang, job.stem)
        name = pdf.relative_to(self.layout.out).as_posix()
        if pdf.is_file() and not entry.pdf_note:
            entry.outputs[name] = file_stamp(pdf)
        else:
            entry.outputs.pop(name, None)
        self.manifest.save()
        return result

    # -- progress --------------------------------------------------------------------------

    def say(self, job: Job, text: str) -> None:
        self.done += 1
        print(
            f"  [{self.done:{len(str(self.total))}}/{self.total}] {job.stem:<{self.width}}  "
            f"{job.lang}  {text}",
            flush=True,
        )

    def report(self, job: Job, result: JobResult) -> None:
        why = f"({', '.join(job.reasons)})"
        if result.error:
            self.say(job, f"FAILED: {result.error}  {why}")
            if self.verbose and result.details:
                print("      " + result.details.replace("\n", "\n      "), flush=True)
            return
        timings = "  ".join(f"{k} {v:4.1f} s" for k, v in result.seconds.items())
        count = len(result.record.figures) if result.record else 0
        figures = "" if job.pdf_only else f"  {count} figure{'s' * (count != 1)}"
        self.say(job, f"{timings}{figures}  {why}")

    # -- the whole ---------------------------------------------------------------------------

    def run(self) -> int:
        from helpers.publish import browser

        started = time.perf_counter()
        layout = self.layout
        _write_licences(layout)
        shutil.rmtree(layout.work / "jobs", ignore_errors=True)  # left by a killed export
        if self.manifest.problem:
            print(f"Rebuilding everything: {self.manifest.problem}.", flush=True)
        if self.pdf:
            self.binary = browser.find_browser()
            if self.binary is None:
                print(f"PDFs will not be made. {browser.no_browser_message()}", flush=True)
                if _require_browser():
                    print(f"{REQUIRE_BROWSER_ENV}=1: failing, since PDFs are required here.")
                    return EXIT_NO_BROWSER
            else:
                self.printer = _PdfPrinter(layout, self.binary)
        self.prune()
        planned = self.plan()
        to_run = [job for job in planned if job.reasons and not job.pdf_only]
        self.total = len(planned)
        workers = max(0, min(self.workers, len(to_run))) if self.workers else 0
        how = f"{workers} worker{'s' if workers != 1 else ''}" if workers else "in this process"
        print(
            f"Exporting {len(self.paths)} notebooks x {len(self.langs)} languages "
            f"({', '.join(self.langs)}) into {display(layout.out)}/: "
            f"{len(planned) - len(to_run)} up to date, {len(to_run)} to run"
            + (f" ({how})" if to_run else ""),
            flush=True,
        )
        interrupted = False
        try:
            for job in planned:
                if not job.reasons:
                    self.skipped += 1
                    self.say(
                        job, f"skipped: unchanged since {self.manifest.jobs[job.key].finished}"
                    )
            for job in planned:
                if job.pdf_only:
                    self.report(job, self.commit_pdf(job))
            with _Workers(self.run_job, workers) as running:
                for job, result in running.results(to_run, self._staging):
                    self.commit(job, result)
                    self.ran += 1
                    self.report(job, result)
        except KeyboardInterrupt:
            interrupted = True
        finally:
            if self.printer is not None:
                self.printer.close(now=interrupted)
            shutil.rmtree(layout.work / "jobs", ignore_errors=True)
        if self.full and not interrupted:
            self.sweep()
        written = write_index(layout, self.manifest, self.langs, quick=interrupted)
        self.manifest.save()
        seconds = time.perf_counter() - started
        if interrupted:
            left = len(to_run) - self.ran
            print(
                f"Interrupted after {seconds:.1f} s: {self.ran} of {len(to_run)} jobs finished "
                f"and are in {display(layout.out)}/; the other {left} keep their previous "
                f"build (or none). {display(layout.index)} lists what is there. "
                "Run the export again to finish.",
                flush=True,
            )
            raise KeyboardInterrupt
        self._summary(seconds, written)
        return EXIT_FAILED if self.failures else 0

    def _staging(self, job: Job) -> Path:
        folder = self.layout.staging(job.lang, job.stem)
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        return folder

    def _summary(self, seconds: float, index_written: bool) -> None:
        layout, langs = self.layout, self.langs

        def folders(kind: str) -> str:
            return "  ".join(f"{display(layout.out / lang / kind)}/" for lang in langs)

        if self.ran == 0 and self.done == self.skipped:
            what = f"nothing changed, all {self.skipped} jobs up to date"
        else:
            what = f"{self.ran} ran, {self.skipped} skipped (unchanged)"
        index = "index rewritten" if index_written else "index unchanged"
        failed = f" {len(self.failures)} FAILED:" if self.failures else ""
        print(f"Done in {seconds:.1f} s: {what}; {index}.{failed}")
        for failure in self.failures:
            print(f"  FAILED  {failure}")
        if self.failures:
            where = display(layout.work / "logs")
            print(f"  Details (traceback, kernel stderr): --verbose, or {where}/<lang>/<name>.log")
        print(f"  Open first:  {display(layout.index)}")
        print(f"  Reports:     {folders('reports')}")
        if not self.pdf:
            print("  PDFs:        skipped (--no-pdf)")
        elif self.binary is None:
            print("  PDFs:        not made (no Chromium; see above)")
        else:
            print(f"  PDFs:        {folders('pdf')}")
        print(f"  Figures:     {'  '.join(display(layout.figures(lang)) + '/' for lang in langs)}")
        print(f"  Notebooks:   {folders('notebooks')}")
        print(f"  Licences:    {display(layout.licenses)}/")


def export_all(
    out: Path = BUILD_DIR,
    paths: list[Path] | None = None,
    langs: Iterable[str] = LANGS,
    jobs: int = 2,
    pdf: bool = True,
    *,
    force: bool = False,
    wait: bool = True,
    verbose: bool = False,
    run_job: RunJob = export_job,
    sources: Sources | None = None,
) -> int:
    """Export `paths` (default: every numbered notebook) in `langs` into `out`; print progress.

    Runs only the jobs whose inputs or outputs changed (all with `force`), `jobs` at a time in
    worker processes (0: one by one in this process). `run_job` makes one job's files (default
    `export_job`; tests pass a fake), `sources` says where the shared inputs are (default: the
    project's). Holds the output folder's lock throughout (`wait=False`: give up at once if
    another export holds it).

    Returns the exit status: 0 when everything asked for was made, 1 when a job failed, 2 when
    PDFs were required (ZZ_REQUIRE_BROWSER=1) but no Chromium was found, 3 when another export
    holds the lock and `wait` is False. Ctrl-C raises KeyboardInterrupt, after stopping every
    job and writing the index from what is in place.
    """
    unknown = [lang for lang in langs if lang not in LANGS]
    if unknown:
        raise ValueError(f"Unknown language {unknown[0]!r}: use 'en' or 'zh'")
    langs = [lang for lang in LANGS if lang in set(langs)]
    full = paths is None
    paths = notebook_paths(NOTEBOOKS_DIR) if paths is None else [Path(p) for p in paths]
    layout = Layout(Path(out))
    layout.out.mkdir(parents=True, exist_ok=True)
    try:
        with build_lock(layout.lock, wait=wait):
            build = _Build(
                layout,
                paths,
                langs,
                full,
                jobs,
                pdf,
                force,
                verbose,
                run_job,
                sources or project_sources(),
            )
            return build.run()
    except BuildLocked as locked:
        print(f"error: {locked}", file=sys.stderr, flush=True)
        return EXIT_LOCKED


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
            raise SystemExit(f"No notebook matches {name!r} in {display(NOTEBOOKS_DIR)}/")
        chosen.extend(matches)
    return list(dict.fromkeys(chosen))


def _languages(parser: argparse.ArgumentParser, asked: list[str] | None) -> list[str]:
    """--lang if given; else ZZ_LANG=en|zh narrows the export to that language, saying so."""
    if asked:
        return asked
    named = os.environ.get(LANG_ENV, "").strip()
    if not named:
        return list(LANGS)
    if named not in LANGS:
        parser.error(
            f"{LANG_ENV}={named!r} is not a language of the export: set {LANG_ENV}=en "
            f"or {LANG_ENV}=zh to export one language, or unset it to export both"
        )
    print(
        f"{LANG_ENV}={named}: exporting {LANG_NAMES[named]} only (unset {LANG_ENV} to export "
        "both languages).",
        flush=True,
    )
    return [named]


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # SIGTERM stops the export as Ctrl-C does


def main(
    argv: list[str] | None = None, run_job: RunJob = export_job, sources: Sources | None = None
) -> int:
    """The command line; `run_job` and `sources` as for `export_all` (for tests)."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=BUILD_DIR, help="output folder (build/)")
    parser.add_argument(
        "--lang",
        choices=LANGS,
        action="append",
        help="only this language (repeatable; default: $ZZ_LANG if set, else en and zh)",
    )
    parser.add_argument(
        "--only",
        action="append",
        metavar="NOTEBOOK",
        help="only this notebook: file, name or number, e.g. 01 (repeatable)",
    )
    parser.add_argument("--jobs", type=int, default=2, help="parallel jobs (default 2)")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF handouts")
    parser.add_argument(
        "--force", action="store_true", help="run every job, even those whose inputs did not change"
    )
    parser.add_argument(
        "--no-wait",
        action="store_true",
        help="if another export is writing the output folder, fail (status 3) "
        "instead of waiting for it",
    )
    parser.add_argument(
        "--verbose",
        action="store_true",
        help="print the traceback and kernel stderr of a failed job",
    )
    args = parser.parse_args(argv)
    if args.jobs < 0:
        parser.error("--jobs must be 0 (in this process) or more")
    langs = _languages(parser, args.lang)
    out = args.out if args.out.is_absolute() else (Path.cwd() / args.out)
    paths = _select(args.only) if args.only else None
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        return export_all(
            out.resolve(),
            paths,
            langs,
            args.jobs,
            pdf=not args.no_pdf,
            force=args.force,
            wait=not args.no_wait,
            verbose=args.verbose,
            run_job=run_job,
            sources=sources,
        )
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    finally:
        signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    from helpers.publish.cli import guarded

    sys.exit(guarded(main))
