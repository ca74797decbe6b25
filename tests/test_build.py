"""The export as a build: it redoes only what changed, and stays true under faults.

Most tests run the export's real machinery (plan, cache, commit, index, lock) on a small project
in a temporary folder, with a fake job (tests/build_fakes.py) in place of the kernel, so they take
milliseconds: which jobs run and why, that the cache never serves an output older than its inputs,
failures, narrowed runs, the lock, Ctrl-C. Two tests use the real job: one on the session's fixture
export (no kernel: everything is up to date), one on a notebook that is not valid JSON (no kernel:
it fails before one starts).
"""

from __future__ import annotations

import copy
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from build_fakes import chart_name, fake_job
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from helpers.paths import PROJ_ROOT
from helpers.publish import browser, cache, export, jobs, webfont
from helpers.publish.layout import Layout
from helpers.publish.lock import build_lock

TESTS = Path(__file__).resolve().parent


@dataclass
class Project:
    """A small project: notebooks, a helpers folder and a data file, and where they build to."""

    root: Path

    @property
    def out(self) -> Path:
        return self.root / "build"

    @property
    def layout(self) -> Layout:
        return Layout(self.out)

    @property
    def paths(self) -> list[Path]:
        return sorted((self.root / "notebooks").glob("*.ipynb"))

    @property
    def sources(self) -> cache.Sources:
        environment = (self.root / "environment.txt").read_text()
        return cache.Sources(
            self.root, helpers=("helpers/**/*",), data=("data/*.csv",), environment=environment
        )

    def notebook(self, stem: str) -> Path:
        return self.root / "notebooks" / f"{stem}.ipynb"

    def write(self, stem: str, text: str = "", **fake) -> None:
        cells = [new_markdown_cell(f"# {stem}\n\n{text or 'First words.'}"), new_code_cell("1")]
        notebook = new_notebook(cells=cells, metadata={"fake": fake} if fake else {})
        for number, cell in enumerate(notebook.cells):
            cell.id = f"cell-{number}"
        self.notebook(stem).write_text(nbformat.writes(notebook), encoding="utf-8")


@pytest.fixture(autouse=True)
def _no_font_subsetting(monkeypatch) -> None:
    """The index without its embedded font: subsetting it takes half a second a time, and the
    fixture export's tests check the font (tests/test_export.py). The Ctrl-C test runs its
    export in a subprocess, with the font."""
    monkeypatch.setattr(webfont, "font_face_css", lambda characters, source=None: "")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    made = Project(tmp_path)
    for folder in ("notebooks", "helpers", "data"):
        (tmp_path / folder).mkdir()
    made.write("01_alpha")
    made.write("02_beta")
    (tmp_path / "helpers" / "plotting.py").write_text("STYLE = 1\n")
    (tmp_path / "data" / "facts.csv").write_text("id,value\na,1\n")
    (tmp_path / "environment.txt").write_text("pandas==2.2.3")
    return made


def build(project: Project, capsys, paths: list[Path] | None = None, **options) -> tuple[int, str]:
    """Export the project with the fake job, in this process; (status, what it printed)."""
    options = {"jobs": 0, "pdf": False, "run_job": fake_job, "sources": project.sources, **options}
    status = export.export_all(project.out, project.paths if paths is None else paths, **options)
    printed = capsys.readouterr()
    return status, printed.out + printed.err


LINE = re.compile(r"\[\s*\d+/\d+\] (\S+)\s+(en|zh)\s+(.*)$")


def jobs_that_ran(output: str) -> dict[str, str]:
    """{"01_alpha en": why} for every job the output says ran (or failed), skipped ones left out."""
    ran = {}
    for line in output.splitlines():
        match = LINE.search(line)
        if match and not match.group(3).startswith("skipped:"):
            why = re.search(r"\(([^()]*)\)\s*$", match.group(3))
            ran[f"{match.group(1)} {match.group(2)}"] = why.group(1) if why else "?"
    return ran


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hrefs += [value for name, value in attrs if name == "href" and value]


def index_links(layout: Layout) -> list[str]:
    """Every link of build/index.html, after checking that each one resolves to a file, and
    that so does every link of the Chinese index (build/index.zh-CN.html) when there is one."""
    found = {}
    for page in (layout.index, layout.index_zh):
        if page == layout.index or page.is_file():
            parser = _Links()
            parser.feed(page.read_text(encoding="utf-8"))
            broken = [href for href in parser.hrefs if not (layout.out / href).is_file()]
            assert not broken, f"{page.name} links missing files: {broken}"
            found[page] = parser.hrefs
    return found[layout.index]


def stamps(layout: Layout) -> dict[str, int]:
    return {
        str(p.relative_to(layout.out)): p.stat().st_mtime_ns
        for p in layout.out.rglob("*")
        if p.is_file() and ".export" not in p.parts
    }


BOTH = {"01_alpha en", "01_alpha zh", "02_beta en", "02_beta zh"}


# ---------------------------------------------------------------------------------------------
# the cache: what runs, and why


def test_a_second_run_rebuilds_nothing_and_says_so(project, capsys) -> None:
    status, output = build(project, capsys)
    assert status == 0, output
    assert jobs_that_ran(output) == dict.fromkeys(BOTH, "not built yet")
    assert len(index_links(project.layout)) >= 4 * 2 + 4 * 2
    before = stamps(project.layout)
    status, output = build(project, capsys)
    assert status == 0 and jobs_that_ran(output) == {}, output
    assert output.count("skipped: unchanged since 20") == 4
    assert "nothing changed, all 4 jobs up to date; index unchanged" in output
    assert stamps(project.layout) == before  # not a byte rewritten, the index neither


def test_editing_one_markdown_cell_reruns_only_that_notebooks_jobs(project, capsys) -> None:
    build(project, capsys)
    project.write("02_beta", "An edited paragraph.")
    status, output = build(project, capsys)
    assert jobs_that_ran(output) == {
        "02_beta en": "notebook changed",
        "02_beta zh": "notebook changed",
    }
    assert status == 0 and "index rewritten" in output
    report = project.layout.report("zh", "02_beta").read_text(encoding="utf-8")
    assert "An edited paragraph." in report  # never the old page for the new input


def test_stored_outputs_of_a_notebook_are_not_an_input(project, capsys) -> None:
    build(project, capsys)
    notebook = nbformat.read(project.notebook("01_alpha"), as_version=4)
    notebook.cells[1].outputs = [nbformat.v4.new_output("stream", name="stdout", text="1\n")]
    notebook.cells[1].execution_count = 7
    nbformat.write(notebook, project.notebook("01_alpha"))
    assert jobs_that_ran(build(project, capsys)[1]) == {}  # `make notebooks` alone: no rebuild


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (
            lambda root: (root / "helpers" / "plotting.py").write_text("STYLE = 2\n"),
            "helpers changed",
        ),
        (lambda root: (root / "helpers" / "new.py").write_text(""), "helpers changed"),
        (lambda root: (root / "data" / "facts.csv").write_text("id,value\na,2\n"), "data changed"),
        (lambda root: (root / "environment.txt").write_text("pandas==2.3.0"), "packages changed"),
    ],
)
def test_a_shared_input_changed_reruns_every_job(project, capsys, change, why) -> None:
    build(project, capsys)
    change(project.root)
    assert jobs_that_ran(build(project, capsys)[1]) == dict.fromkeys(BOTH, why)


def test_a_deleted_or_edited_output_reruns_its_job(project, capsys) -> None:
    build(project, capsys)
    chart = project.layout.figures("en") / f"{chart_name('01_alpha')}.png"
    chart.unlink()
    status, output = build(project, capsys)
    assert jobs_that_ran(output) == {"01_alpha en": "output missing: figures/en/01_chart.png"}
    assert chart.is_file()
    project.layout.code_report("zh", "02_beta").write_text("edited by hand")
    assert jobs_that_ran(build(project, capsys)[1]) == {
        "02_beta zh": "output changed: zh/reports/02_beta.code.html"
    }
    assert "edited by hand" not in project.layout.code_report("zh", "02_beta").read_text()


def test_force_runs_every_job_and_a_broken_manifest_rebuilds_all(project, capsys) -> None:
    build(project, capsys)
    assert jobs_that_ran(build(project, capsys, force=True)[1]) == dict.fromkeys(BOTH, "forced")
    project.layout.manifest.write_text("{not json")
    status, output = build(project, capsys)
    assert "Rebuilding everything: manifest.json is unreadable (JSONDecodeError)." in output
    assert jobs_that_ran(output) == dict.fromkeys(BOTH, "not built yet")


def test_the_pdf_alone_is_printed_when_only_it_is_missing(project, capsys, monkeypatch) -> None:
    printed: list[str] = []

    class Printer:  # what _PdfPrinter does, without Chromium
        def __init__(self, layout: Layout, binary: Path) -> None:
            pass

        def print(self, html: Path, pdf: Path) -> None:
            printed.append(pdf.name)
            pdf.parent.mkdir(parents=True, exist_ok=True)
            pdf.write_bytes(b"%PDF " + html.read_bytes())

        def close(self, now: bool = False) -> None:
            pass

    monkeypatch.setattr(export, "_PdfPrinter", Printer)
    monkeypatch.setattr(browser, "find_browser", lambda: Path("/usr/bin/chromium"))
    status, output = build(project, capsys, paths=[project.notebook("01_alpha")])
    assert "PDFs:        skipped (--no-pdf)" in output and "Chromium" not in output
    assert "PDF —" in project.layout.index.read_text(encoding="utf-8")
    build(project, capsys, paths=[project.notebook("01_alpha")], pdf=True)
    assert printed == ["01_alpha.pdf", "01_alpha.pdf"]  # printed, not re-run
    pdf = project.layout.pdf("en", "01_alpha")
    assert f'href="{pdf.relative_to(project.out).as_posix()}"' in project.layout.index.read_text()
    pdf.unlink()
    status, output = build(project, capsys, paths=[project.notebook("01_alpha")], pdf=True)
    assert jobs_that_ran(output) == {"01_alpha en": "output missing: en/pdf/01_alpha.pdf"}
    line = next(line for line in output.splitlines() if "01_alpha  en" in line)
    assert "pdf " in line and "run" not in line  # printed again, the job not re-run
    assert pdf.is_file() and len(printed) == 3
    index_links(project.layout)


# ---------------------------------------------------------------------------------------------
# faults: a failed job, a narrowed run, a removed notebook


def test_a_failed_job_is_one_line_and_the_index_marks_it_failed(project, capsys) -> None:
    build(project, capsys)
    project.notebook("02_beta").write_text('{"cells": [\n}', encoding="utf-8")
    status, output = build(project, capsys)
    assert status == 1
    cause = "not valid JSON: Expecting value at line 2, column 1"
    failed = [line for line in output.splitlines() if "FAILED: " in line]
    assert len(failed) == 2 and all(f"02_beta.ipynb: {cause}" in line for line in failed), output
    assert "Traceback" not in output and "1 FAILED" not in output and "2 FAILED:" in output
    index = project.layout.index.read_text(encoding="utf-8")
    row = index[index.index("<b>02_beta") :]
    assert row.count("build failed") + row.count("构建失败") == 2 and cause in row
    assert "02_beta" not in " ".join(index_links(project.layout))
    assert not project.layout.report("en", "02_beta").exists()  # no old page passes for current
    assert not (project.layout.figures("en") / "02_chart.png").exists()
    assert cause in project.layout.log("en", "02_beta").read_text()
    status, output = build(project, capsys, verbose=True)
    assert jobs_that_ran(output) == {
        "02_beta en": "failed last time",
        "02_beta zh": "failed last time",
    }
    project.write("02_beta", fail="the data do not add up")
    status, output = build(project, capsys, verbose=True)
    assert "raised ValueError: the data do not add up" in output
    assert "      Traceback (most recent call last)" in output  # --verbose: the details too
    project.write("02_beta")
    assert build(project, capsys)[0] == 0
    assert not project.layout.log("en", "02_beta").exists()
    assert project.layout.report("en", "02_beta").relative_to(project.out).as_posix() in (
        index_links(project.layout)
    )
    assert "build failed" not in project.layout.index.read_text(encoding="utf-8")


def test_a_narrowed_run_updates_only_its_own_rows(project, capsys) -> None:
    build(project, capsys)
    project.write("01_alpha", "Changed.")
    project.write("02_beta", "Changed too.")
    status, output = build(project, capsys, paths=[project.notebook("01_alpha")], langs=["en"])
    assert jobs_that_ran(output) == {"01_alpha en": "notebook changed"}
    links = index_links(project.layout)
    for lang in ("en", "zh"):  # the other rows and the other language stay on the index
        for stem in ("01_alpha", "02_beta"):
            assert project.layout.report(lang, stem).relative_to(project.out).as_posix() in links
    assert "中文" in project.layout.index.read_text(encoding="utf-8")
    assert jobs_that_ran(build(project, capsys)[1]) == {
        "01_alpha zh": "notebook changed",
        "02_beta en": "notebook changed",
        "02_beta zh": "notebook changed",
    }


def test_a_removed_notebook_leaves_the_build_and_the_index(project, capsys) -> None:
    build(project, capsys)
    project.notebook("02_beta").unlink()
    status, output = build(project, capsys)
    assert status == 0 and jobs_that_ran(output) == {}
    assert "02_beta" not in project.layout.index.read_text(encoding="utf-8")
    assert not [p for p in project.out.rglob("*02_*") if ".export" not in p.parts]
    index_links(project.layout)


# ---------------------------------------------------------------------------------------------
# one build at a time


def test_a_second_build_waits_for_the_first_or_says_who_holds_the_lock(project, capsys) -> None:
    released = threading.Event()

    def hold() -> None:
        with build_lock(project.layout.lock):
            released.wait(5)

    holder = threading.Thread(target=hold)
    holder.start()
    time.sleep(0.2)
    status, output = build(project, capsys, wait=False)
    assert status == 3
    assert f"Another build (PID {os.getpid()}) is writing" in output and "--no-wait" in output
    timer = threading.Timer(0.3, released.set)
    timer.start()
    started = time.monotonic()
    status, output = build(project, capsys)
    assert status == 0 and time.monotonic() - started >= 0.25
    assert f"Waiting for the build running as PID {os.getpid()} to finish" in output
    holder.join()


def test_two_builds_at_once_are_serialised_and_the_index_is_whole(project, capsys) -> None:
    for stem in ("01_alpha", "02_beta"):
        project.write(stem, sleep=0.15)
    statuses: list[int] = []
    threads = [
        threading.Thread(
            target=lambda: statuses.append(
                export.export_all(
                    project.out,
                    project.paths,
                    jobs=0,
                    pdf=False,
                    run_job=fake_job,
                    sources=project.sources,
                )
            )
        )
        for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    output = capsys.readouterr().out
    assert statuses == [0, 0]
    assert output.count("Waiting for the build running as PID") == 1
    assert len(jobs_that_ran(output)) == 4 and output.count("skipped: unchanged") == 4
    # pages, charts, licences, the Chinese index
    assert len(index_links(project.layout)) == 4 * 2 + 4 * 2 + 2 + 1


# ---------------------------------------------------------------------------------------------
# Ctrl-C


def test_ctrl_c_stops_within_two_seconds_and_keeps_a_consistent_build(
    project, capsys, tmp_path
) -> None:
    stems = ["01_alpha", "02_beta", "03_gamma", "04_delta"]
    for stem in stems:
        project.write(stem)
    build(project, capsys)  # the previous, complete build
    pids = tmp_path / "pids.txt"
    project.write("01_alpha", "Now quick.", pids=str(pids))
    for stem in stems[1:]:
        project.write(stem, "Now slow.", sleep=30, pids=str(pids))
    script = (
        # Ctrl-C as in a terminal, whatever this test process passes on (a SIGINT ignored here
        # would be ignored by the export too, and it would never stop)
        "import signal; signal.signal(signal.SIGINT, signal.default_int_handler); "
        "import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); "
        "from build_fakes import fake_job; from helpers.publish import cache, export; "
        "root = Path(sys.argv[2]); "
        "sources = cache.Sources(root, ('helpers/**/*',), ('data/*.csv',), "
        "(root / 'environment.txt').read_text()); "
        "sys.exit(export.main(sys.argv[3:], run_job=fake_job, sources=sources))"
    )
    only = [arg for stem in stems for arg in ("--only", str(project.notebook(stem)))]
    env = {key: value for key, value in os.environ.items() if key != "ZZ_LANG"}
    command = [
        sys.executable,
        "-c",
        script,
        str(TESTS),
        str(project.root),
        "--out",
        str(project.out),
        "--no-pdf",
        "--lang",
        "en",
        *only,
    ]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=PROJ_ROOT
    )
    lines = []
    try:
        for line in process.stdout:  # wait until the quick job is in place
            lines.append(line)
            if "01_alpha" in line and "notebook changed" in line:
                break
        # Ctrl-C only once the slow jobs are running: on a loaded machine the spawned workers
        # may take many seconds to start, and a signal during their start-up tests nothing
        deadline = time.monotonic() + 120
        while not pids.exists() or len(pids.read_text().split()) < 3:
            assert time.monotonic() < deadline, "the slow jobs did not start in 120 s"
            time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        sent = time.monotonic()
        rest, _ = process.communicate(timeout=60)
        took = time.monotonic() - sent
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    output = "".join(lines) + rest
    assert process.returncode == 130, output
    assert took < 2, f"took {took:.1f} s to stop"
    assert "Interrupted after" in output and "1 of 4 jobs finished" in output, output
    assert "Traceback" not in output
    for pid in {int(p) for p in pids.read_text().split()}:  # no worker goes on writing
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    index_links(project.layout)
    layout = project.layout
    assert "Now quick." in layout.report("en", "01_alpha").read_text()
    for stem in stems[1:]:  # the previous build of the interrupted jobs, untouched
        assert "Now slow." not in layout.report("en", stem).read_text()
    assert not (layout.work / "jobs").exists()
    manifest = cache.Manifest.load(layout.manifest)
    assert all(entry.status == "ok" for entry in manifest.jobs.values())
    for stem in stems[1:]:
        project.write(stem, "Now slow.")
    assert jobs_that_ran(build(project, capsys, langs=["en"])[1]) == {
        f"{stem} en": "notebook changed" for stem in stems[1:]
    }


# ---------------------------------------------------------------------------------------------
# the command line: languages, --no-pdf


def cli(project: Project, capsys, *args: str) -> tuple[int, str]:
    status = export.main(
        [
            "--out",
            str(project.out),
            "--jobs",
            "0",
            *[a for p in project.paths for a in ("--only", str(p))],
            *args,
        ],
        run_job=fake_job,
        sources=project.sources,
    )
    printed = capsys.readouterr()
    return status, printed.out + printed.err


def test_zz_lang_narrows_the_export_and_a_wrong_one_is_refused(
    project, capsys, monkeypatch
) -> None:
    monkeypatch.setenv("ZZ_LANG", "zh")
    status, output = cli(project, capsys, "--no-pdf")
    assert status == 0 and "ZZ_LANG=zh: exporting 中文 only" in output
    assert set(jobs_that_ran(output)) == {"01_alpha zh", "02_beta zh"}
    assert "PDFs:        skipped (--no-pdf)" in output and "Chromium" not in output
    monkeypatch.setenv("ZZ_LANG", "fr")
    with pytest.raises(SystemExit) as stopped:
        cli(project, capsys)
    assert stopped.value.code == 2
    assert "ZZ_LANG='fr' is not a language of the export" in capsys.readouterr().err
    monkeypatch.delenv("ZZ_LANG")
    with pytest.raises(SystemExit):
        cli(project, capsys, "--lang", "fr")
    assert "invalid choice: 'fr'" in capsys.readouterr().err


def test_the_makefile_passes_force_and_the_language_on(tmp_path) -> None:
    dry = subprocess.run(
        ["make", "-n", "run", "FORCE=1"], cwd=PROJ_ROOT, capture_output=True, text=True, check=True
    ).stdout
    # helpers.publish.run passes --force to every step: the data, the release, the teaching
    # editions and the export (tests/test_make_run.py drives it)
    assert "helpers.publish.run --out build --force" in dry
    assert "helpers.publish.system" in dry  # and first installs what the PDFs need


# ---------------------------------------------------------------------------------------------
# the real job


def test_the_real_export_skips_an_unchanged_copy_without_a_kernel(
    exported, tmp_path, capsys
) -> None:
    layout, status, _ = exported
    assert status == 0
    copy = tmp_path / "export"
    shutil.copytree(layout.out, copy)  # copy2 keeps the times the manifest recorded
    fixture = TESTS / "fixtures" / "01_fixture_chart.ipynb"
    started = time.monotonic()
    status = export.export_all(copy, [fixture], pdf=False)
    output = capsys.readouterr().out
    assert status == 0 and jobs_that_ran(output) == {}, output
    assert time.monotonic() - started < 5  # no kernel was started (one takes seconds)
    index_links(Layout(copy))


def test_the_real_job_names_the_file_and_the_cause_in_one_line(tmp_path) -> None:
    broken = tmp_path / "03_broken.ipynb"
    broken.write_text('{"cells": [], "metadata": {}\n  "nbformat": 4}', encoding="utf-8")
    result = jobs.export_job(broken, "en", tmp_path / "out")
    assert result.record is None
    assert result.error == (
        f"{broken}: not valid JSON: Expecting ',' delimiter at line 2, column 3"
    )
    assert "Traceback" in result.details


def test_a_failing_cell_is_named_by_its_place_in_the_file() -> None:
    from nbclient.exceptions import CellExecutionError

    original = new_notebook(
        cells=[new_markdown_cell("# T"), new_code_cell("x = 1"), new_code_cell("boom()\nmore()")]
    )
    for number, cell in enumerate(original.cells):
        cell.id = f"c{number}"
    executed = copy.deepcopy(original)  # as the kernel left it: the cell's error output
    executed.cells[2].outputs = [
        nbformat.v4.new_output(
            "error", ename="NameError", evalue="name 'boom' is not defined", traceback=[]
        )
    ]
    error = CellExecutionError(
        "long traceback\nwith lines", "NameError", "name 'boom' is not defined"
    )
    assert jobs.describe_failure(error, original, executed) == (
        "cell 3 (`boom()`) raised NameError: name 'boom' is not defined"
    )


@pytest.mark.slow
def test_an_error_while_displaying_a_result_is_named_not_none(tmp_path) -> None:
    """The kernel's reply names no exception when the result's display fails (a table with
    duplicate labels): the cause comes from the cell's error output, not "NoneType: None"."""
    notebook = new_notebook(
        cells=[
            new_markdown_cell("# T"),
            new_code_cell(
                "class Table:\n    def _repr_html_(self):\n"
                "        raise ValueError('labels are not unique')\nTable()"
            ),
        ]
    )
    path = tmp_path / "01_display.ipynb"
    nbformat.write(notebook, path)
    result = jobs.export_job(path, "en", tmp_path / "out")
    assert result.error == (
        f"{path}: cell 2 (`class Table:`) raised ValueError: labels are not unique"
    )


def test_an_interrupted_exports_index_without_its_font_is_written_again_in_full(tmp_path) -> None:
    from helpers.publish.index import write_index

    layout = Layout(tmp_path / "build")
    manifest = cache.Manifest(layout.manifest)
    assert write_index(layout, manifest, ["en"], quick=True)  # no font rule kept: none made
    assert manifest.index == "" and "@font-face" not in layout.index.read_text()
    assert write_index(layout, manifest, ["en"])  # the next export writes it in full
    assert manifest.index and not write_index(layout, manifest, ["en"])
    assert list((layout.work / "fonts" / "index").glob("*.css"))  # kept for the next, quick, index
