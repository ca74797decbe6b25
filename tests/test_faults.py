"""What a user meets when something is wrong, and that nothing is lost (README, "Troubleshooting").

The other rows of that table are pinned next to the behaviour they concern: an edited raw file
(tests/test_raw.py), each kind of broken facts file (tests/test_facts.py), an unknown language
(tests/test_i18n.py), a missing CJK font (tests/test_fonts.py), a missing Chromium
(tests/test_export.py), no network (tests/test_offline.py), the export's faults (a failed or
interrupted job, two builds at once, a narrowed run, a stale cache: tests/test_build.py), no
Chromium or poppler-utils (tests/test_system.py), and `make run` itself driven through a bad
notebook, `cp -p` of an older input, hand-edited outputs, Ctrl-C and kill -9
(tests/test_make_run.py). Here: one line per error, the traceback on request.
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


# ---------------------------------------------------------------------------------------------
# one true line per error (helpers.publish.cli), the traceback on request


def _raises(error: BaseException):
    def main(argv: list[str]) -> int:
        raise error

    return main


def _chained_data_error():
    from helpers.errors import DataError

    try:
        try:
            raise KeyError("value")
        except KeyError as inner:
            raise RuntimeError("pandera: 84 lines of schema errors") from inner
    except RuntimeError as middle:
        error = DataError(
            "data/facts.csv, line 2 (id tech_smes_registered), column value: 1296 家 does not "
            "appear in the quote"
        )
        error.__cause__ = middle
        return error


def test_a_data_error_is_its_own_message_in_one_line(capsys, monkeypatch) -> None:
    from helpers.publish import cli

    monkeypatch.delenv("ZZ_DEBUG", raising=False)
    assert cli.guarded(_raises(_chained_data_error()), []) == 1
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "error: data/facts.csv, line 2 (id tech_smes_registered), column value: 1296 家 does not "
        f"appear in the quote {cli.HINT}"
    ]


def test_debug_or_zz_debug_shows_the_traceback(monkeypatch) -> None:
    from helpers.errors import DataError
    from helpers.publish import cli

    with pytest.raises(DataError):
        cli.guarded(_raises(_chained_data_error()), ["--debug"])
    monkeypatch.setenv("ZZ_DEBUG", "1")
    with pytest.raises(DataError):
        cli.guarded(_raises(_chained_data_error()), [])


@pytest.mark.parametrize(
    ("error", "line"),
    [
        (
            OSError(28, "No space left on device", str(PROJ_ROOT / "build" / "en" / "x.zip")),
            "build/en/x.zip: no space left on the disk: free some and run again",
        ),
        (
            PermissionError(13, "Permission denied", str(PROJ_ROOT / "build" / "release.html")),
            "build/release.html: permission denied (is the folder read-only?)",
        ),
        (
            OSError(30, "Read-only file system", str(PROJ_ROOT / "build")),
            "build: the file system is read-only",
        ),
        (ValueError("duplicate labels: 合计"), "ValueError: duplicate labels: 合计"),
    ],
)
def test_a_file_error_names_the_file_and_the_cause(capsys, monkeypatch, error, line) -> None:
    from helpers.publish import cli

    monkeypatch.delenv("ZZ_DEBUG", raising=False)
    assert cli.guarded(_raises(error), []) == 1
    assert capsys.readouterr().err.splitlines() == [f"error: {line} {cli.HINT}"]


def test_ctrl_c_is_one_line_and_status_130(capsys) -> None:
    from helpers.publish import cli

    assert cli.guarded(_raises(KeyboardInterrupt()), []) == 130
    assert len(capsys.readouterr().out.splitlines()) == 1


def test_a_full_disk_in_one_step_of_make_run_is_one_line_and_the_rest_goes_on(
    tmp_path, capsys, monkeypatch
) -> None:
    from helpers.publish import run

    made = []
    monkeypatch.setattr(run, "_files", lambda root, patterns: [])
    build = run.Run(tmp_path, force=False, debug=False)

    def full(out):
        raise OSError(28, "No space left on device", str(tmp_path / "en" / "teaching" / "a.zip"))

    build.steps["teaching"].make = full
    build.steps["release"].make = lambda out: made.append("release")
    assert build.step("teaching") is False
    assert build.step("release") is True and made == ["release"]
    out = capsys.readouterr().out.splitlines()
    assert (
        out[1]
        == f"FAILED: teaching: {tmp_path}/en/teaching/a.zip: no space left on the disk: free some and run again"
    )
    assert build.failed == ["teaching"]


def test_make_run_warns_of_a_zh_page_built_from_a_stale_catalog(tmp_path, capsys, monkeypatch):
    from helpers.publish import run, translation

    def status(path, *args, **kwargs):
        behind = 2 if path.stem == "03_platforms" else 0
        return translation.Status(path.stem, 30, 30 - behind, 0, 0, behind)

    monkeypatch.setattr(translation, "status", status)
    build = run.Run(tmp_path, force=False, debug=False)
    build.warn_stale_catalogs(["en"])
    assert capsys.readouterr().out == ""  # no Chinese pages built: nothing to warn of
    build.warn_stale_catalogs(["en", "zh"])
    assert capsys.readouterr().out.splitlines() == [
        "warning: the Chinese pages of 03_platforms are built from a stale catalog "
        "(notebooks/locale/zh_CN/LC_MESSAGES/03_platforms.po: 2 of 30 paragraphs not translated "
        "or changed since, shown in English); run `make translations` and translate them"
    ]
