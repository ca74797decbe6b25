"""`make run` itself, driven as a user runs it, through the faults the README promises to survive.

In a copy of the project (its files as git lists them, the environment linked), with the export
narrowed to one notebook in English without PDFs so that it is fast: a notebook that is not valid
JSON is one line naming it, and the other steps and notebooks go on; an input restored with an
older timestamp (`cp -p`) rebuilds what is made from it; a hand edit of an output is undone;
Ctrl-C is one line; a killed export leaves no worker behind.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers.paths import PROJ_ROOT

NARROW = "EXPORT_ARGS=--only 07 --lang en --no-pdf"
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git to list the files")


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    """The project's tracked files (and untracked new ones), timestamps kept, .venv linked."""
    root = tmp_path_factory.mktemp("project")
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=PROJ_ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, listed):
        source = PROJ_ROOT / os.fsdecode(name)
        if source.is_file():
            (root / os.fsdecode(name)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, root / os.fsdecode(name))
    (root / ".venv").symlink_to(PROJ_ROOT / ".venv")
    return root


def make_run(root: Path, *extra: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "ZZ_", "PYTEST"))}
    return subprocess.run(
        ["make", "--no-print-directory", "run", NARROW, *extra],
        cwd=root,
        capture_output=True,
        text=True,
        env={**env, "ZZ_NO_INSTALL": "1"},
        timeout=600,
    )


def test_make_run_keeps_its_promises_through_the_faults(copy: Path) -> None:
    notebook = copy / "notebooks" / "07_audit.ipynb"
    good = notebook.read_bytes()
    notebook.write_text('{"cells": [\n  {"cell_type": "markdown",\n}', encoding="utf-8")
    run = make_run(copy)
    said = run.stdout + run.stderr
    assert run.returncode != 0, said
    assert "Traceback" not in said
    named = [
        line for line in said.splitlines() if "notebooks/07_audit.ipynb: not valid JSON" in line
    ]
    assert len(named) >= 2, said  # the teaching step and the export, one line each
    build = copy / "build"
    assert (build / "release.html").is_file()  # the other steps went on
    assert (build / "en" / "teaching" / "student" / "01_enterprises.ipynb").is_file()
    assert not (build / "en" / "teaching" / "student" / "07_audit.ipynb").exists()
    assert "build failed" in (build / "index.html").read_text(encoding="utf-8")
    notebook.write_bytes(good)

    # an input put back with an older timestamp: what is made from it is made again
    english = copy / "data" / "processed" / "release.en.md"
    before = english.read_text(encoding="utf-8")
    older = copy / "older.md"
    older.write_text(before.replace("Zaozhuang", "Zaozhuang (ZZ-TEST)", 1), encoding="utf-8")
    os.utime(older, (946684800, 946684800))  # 2000-01-01
    subprocess.run(["cp", "-p", str(older), str(english)], check=True)
    # and two outputs edited by hand
    page, key = build / "release.html", build / "en" / "teaching" / "answer-key.md"
    key.write_text("edited by hand", encoding="utf-8")
    run = make_run(copy)
    said = run.stdout + run.stderr
    assert run.returncode == 0, said
    assert "ZZ-TEST" in page.read_text(encoding="utf-8"), said
    key_text = key.read_text(encoding="utf-8")  # made again, with 07 back in it
    assert key_text.startswith("# Answer key") and "## 07_audit" in key_text
    page.write_text("edited by hand", encoding="utf-8")
    run = make_run(copy)
    assert "release: building (output missing or changed)" in run.stdout, run.stdout
    assert "ZZ-TEST" in page.read_text(encoding="utf-8")
    again = make_run(copy)
    assert [line for line in again.stdout.splitlines() if line.endswith("up to date")] == [
        "data: up to date",
        "release: up to date",
        "decks: up to date",
        "teaching: up to date",
        "teaching: up to date",
    ], again.stdout


def test_ctrl_c_during_make_run_is_one_line(copy: Path) -> None:
    (copy / "build" / ".export" / "steps.json").unlink(missing_ok=True)  # every step to do
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "ZZ_", "PYTEST"))}
    process = subprocess.Popen(
        ["make", "--no-print-directory", "run", NARROW],
        cwd=copy,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**env, "ZZ_NO_INSTALL": "1"},
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    lines = []
    for line in process.stdout:
        lines.append(line)
        if line.startswith(("data: building", "release: building")):
            time.sleep(0.5)
            os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
            break
    rest = process.communicate(timeout=60)[0]
    said = "".join(lines) + rest
    assert "Traceback" not in said and "KeyboardInterrupt" not in said, said
    ours = [line for line in rest.splitlines() if not line.startswith("make: ***")]
    assert len(ours) == 1 and ours[0].startswith("Interrupted"), said
    assert process.returncode != 0


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads processes from /proc (Linux)")
def test_a_killed_export_leaves_no_process_behind(copy: Path, tmp_path: Path) -> None:
    export = subprocess.Popen(
        [sys.executable, "-m", "helpers.publish.export", "--out", str(tmp_path), "--force"]
        + ["--only", "07", "--only", "08", "--lang", "en", "--no-pdf"],
        cwd=copy,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while len(_children(export.pid)) < 3 and time.monotonic() < deadline:  # tracker, 2 workers
        time.sleep(0.2)
    left = _children(export.pid)
    workers = [pid for child in left for pid in _children(child)] + left  # kernels too
    assert len(left) >= 3
    time.sleep(2)  # the workers are executing their notebooks
    export.kill()
    export.wait()
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
        for pid in workers:  # reap what has become a zombie of ours
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, os.WNOHANG)
    alive = [pid for pid in workers if _alive(pid)]
    assert alive == [], [Path(f"/proc/{pid}/cmdline").read_bytes()[:80] for pid in alive]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
