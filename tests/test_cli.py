"""The `zz` command line: repair and figures on files and folders, errors and exit codes."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.paths import RAW_RELEASE, REPAIRED_RELEASE
from helpers.repair import cli

PAGE = "市科技局在市委、市政府的堅強領導下,深入推進創新發(fā)展。全市新增高新技術企業(yè)120家。"


@pytest.fixture
def page(tmp_path) -> Path:
    path = tmp_path / "page.txt"
    path.write_text(PAGE, encoding="utf-8")
    return path


def test_repair_one_file_to_stdout(page, capsys) -> None:
    assert cli.main(["repair", str(page)]) == cli.OK
    out = capsys.readouterr().out
    assert out.startswith("市科技局在市委、市政府的坚强领导下，深入推进创新发展。")
    assert out.endswith("全市新增高新技术企业120家。\n")


def test_repair_the_release_gives_the_processed_text(tmp_path) -> None:
    target = tmp_path / "clean.txt"
    assert cli.main(["repair", str(RAW_RELEASE), "-o", str(target)]) == cli.OK
    assert target.read_text(encoding="utf-8") == REPAIRED_RELEASE.read_text(encoding="utf-8")


def test_repair_a_folder_with_a_report_and_progress(tmp_path, page, capsys) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    shutil.copy(page, folder / "a.txt")
    shutil.copy(page, folder / "b.txt")
    report = tmp_path / "changes.csv"
    code = cli.main(["repair", str(folder), "-o", str(tmp_path / "clean"), "--report", str(report)])
    assert code == cli.OK
    assert sorted(p.name for p in (tmp_path / "clean").iterdir()) == ["a.txt", "b.txt"]
    rows = list(csv.DictReader(report.open(encoding="utf-8")))
    assert {r["file"] for r in rows} == {str(folder / "a.txt"), str(folder / "b.txt")}
    assert {r["kind"] for r in rows} >= {"pinyin", "punctuation", "traditional"}
    assert "[2/2]" in capsys.readouterr().err


def test_several_inputs_without_output_is_a_usage_error(page, capsys) -> None:
    assert cli.main(["repair", str(page), str(page)]) == cli.USAGE_ERROR
    assert "--output FOLDER" in capsys.readouterr().err


def test_flagged_spans_warn_and_fail_only_with_strict(tmp_path, capsys) -> None:
    path = tmp_path / "lost.txt"
    path.write_text("企業研發投入??持續加大。", encoding="utf-8")
    assert cli.main(["repair", str(path)]) == cli.OK
    captured = capsys.readouterr()
    assert "??" in captured.out and "warning" in captured.err
    assert cli.main(["repair", "--strict", str(path)]) == cli.FLAGGED


def test_missing_empty_and_non_utf8_files_are_clear_errors(tmp_path, capsys) -> None:
    assert cli.main(["repair", str(tmp_path / "nope.txt")]) == cli.INPUT_ERROR
    assert "no such file" in capsys.readouterr().err
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    assert cli.main(["figures", str(empty)]) == cli.INPUT_ERROR
    assert "empty" in capsys.readouterr().err
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("全市高新技术企业发展迅速".encode("gb18030"))
    assert cli.main(["repair", str(gbk)]) == cli.INPUT_ERROR
    assert "looks like GB18030; read it with --encoding gb18030" in capsys.readouterr().err
    assert cli.main(["repair", "--encoding", "gb18030", str(gbk)]) == cli.OK


def test_figures_to_csv(tmp_path, capsys) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("全市新增高新技术企业120家，占比提高2.76个百分点。", encoding="utf-8")
    target = tmp_path / "figures.csv"
    assert cli.main(["figures", str(clean), "--csv", str(target)]) == cli.OK
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert [(r["number"], r["unit"]) for r in rows] == [("120", "家"), ("2.76", "个百分点")]


def test_help_and_a_bad_command(capsys) -> None:
    assert cli.main(["--help"]) == 0
    assert "exit codes" in capsys.readouterr().out
    assert cli.main(["frobnicate"]) == cli.USAGE_ERROR


def test_the_installed_entry_point(page) -> None:
    # One subprocess: the console script pyproject.toml installs (`pip install -e .`).
    zz = Path(sys.executable).with_name("zz")
    if not zz.exists():
        pytest.skip("the zz script is not installed: run pip install --no-deps -e .")
    result = subprocess.run(
        [str(zz), "repair", str(page)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("市科技局")
