"""What a user meets when something is wrong, and that nothing is lost (README, "Troubleshooting").

The other rows of that table are pinned next to the behaviour they concern: an edited raw file
(tests/test_raw.py), each kind of broken facts file (tests/test_facts.py), an unknown language
(tests/test_i18n.py), a missing CJK font (tests/test_fonts.py), a missing Chromium
(tests/test_export.py), no network (tests/test_offline.py), the export's faults (a failed or
interrupted job, two builds at once, a narrowed run, a stale cache: tests/test_build.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from helpers import paths
from helpers.paths import PROJ_ROOT
from helpers.publish import execute


def test_helpers_work_from_any_working_directory(tmp_path: Path) -> None:
    # nbval and JupyterLab start kernels in the notebook's folder; a script may start anywhere
    probe = "import helpers; print(helpers.fact('incubators_total').value)"
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "58"


def test_an_interrupted_write_leaves_no_file_that_looks_complete(tmp_path, monkeypatch) -> None:
    target = tmp_path / "report.html"
    target.write_text("the previous, complete report")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt  # Ctrl-C between writing the data and renaming it

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        paths.write_text_atomic(target, "the new report, never finished")
    assert target.read_text() == "the previous, complete report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]  # no .part left over


def test_make_clean_removes_only_what_was_built() -> None:
    dry_run = subprocess.run(
        ["make", "-n", "clean"], cwd=PROJ_ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert "rm -rf build .pytest_cache .ruff_cache" in dry_run
    for kept in ("notebooks", "data", ".venv"):
        assert f"rm -rf {kept}" not in dry_run


def _notebook_with_output(text: str):
    cell = nbformat.v4.new_code_cell("print(1)", id="cell-00")
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=text)]
    cell.execution_count = 1
    return nbformat.v4.new_notebook(cells=[cell])


def test_determinism_check_finds_the_cell_that_changed(tmp_path, monkeypatch) -> None:
    path = tmp_path / "01_x.ipynb"
    path.write_text(execute.stored_text(_notebook_with_output("1\n")), encoding="utf-8")
    monkeypatch.setattr(execute, "execute", lambda p: _notebook_with_output("1\n"))
    assert execute.changed_cells(path) == []
    monkeypatch.setattr(execute, "execute", lambda p: _notebook_with_output("2\n"))
    assert execute.changed_cells(path) == [0]


def test_refreshing_a_notebook_keeps_the_users_edits(tmp_path, monkeypatch) -> None:
    path = tmp_path / "01_x.ipynb"
    edited = _notebook_with_output("stale\n")
    edited.cells[0].source = "print('my edit')"
    path.write_text(execute.stored_text(edited), encoding="utf-8")

    def run(p: Path):
        fresh = nbformat.read(p, as_version=4)
        fresh.cells[0].outputs[0].text = "my edit\n"
        return fresh

    monkeypatch.setattr(execute, "execute", run)
    monkeypatch.setattr(execute, "PROJ_ROOT", tmp_path)
    execute.run_in_place([path])
    refreshed = nbformat.read(path, as_version=4)
    assert refreshed.cells[0].source == "print('my edit')"
    assert refreshed.cells[0].outputs[0].text == "my edit\n"
