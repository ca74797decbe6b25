"""The `zz` command line, run as a user runs it (a subprocess): files, folders, standard input,
errors, exit codes, and the promises of helpers/repair/cli.py (nothing lost in silence, memory
bounded, a batch that names its bad files, no traceback, no input overwritten, file:line:column).
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.paths import MOJIBAKE_RECONSTRUCTIONS, RAW_RELEASE, REPAIRED_RELEASE

PAGE = "市科技局在市委、市政府的堅強領導下,深入推進創新發(fā)展。全市新增高新技術企業(yè)120家。"
CLEAN = "市科技局在市委、市政府的坚强领导下，深入推进创新发展。全市新增高新技术企业120家。\n"
ZZ = [sys.executable, "-m", "helpers.repair.cli"]


def zz(*args: object, stdin: bytes | None = None, cwd: Path | None = None):
    """Run the command; (exit code, stdout, stderr) as text."""
    result = subprocess.run(
        [*ZZ, *map(str, args)], input=stdin, capture_output=True, cwd=cwd, check=False
    )
    return result.returncode, result.stdout.decode("utf-8"), result.stderr.decode("utf-8")


def no_traceback(err: str) -> None:
    assert "Traceback" not in err, err


@pytest.fixture
def page(tmp_path) -> Path:
    path = tmp_path / "page.txt"
    path.write_text(PAGE, encoding="utf-8")
    return path


def test_repair_one_file_to_stdout(page) -> None:
    code, out, err = zz("repair", page)
    assert (code, out) == (0, CLEAN)
    no_traceback(err)


def test_a_dash_reads_standard_input() -> None:
    code, out, _ = zz("repair", "-", stdin=PAGE.encode("utf-8"))
    assert (code, out) == (0, CLEAN)


def test_repair_the_release_gives_the_processed_text(tmp_path) -> None:
    target = tmp_path / "clean.txt"
    code, _, err = zz(
        "repair", RAW_RELEASE, "-o", target, "--reconstructions", MOJIBAKE_RECONSTRUCTIONS
    )
    assert code == 0, err
    assert target.read_text(encoding="utf-8") == REPAIRED_RELEASE.read_text(encoding="utf-8")


def test_a_folder_keeps_its_structure_and_reports_every_change(tmp_path) -> None:
    for sub in ("a", "b"):
        (tmp_path / "pages" / sub).mkdir(parents=True)
        (tmp_path / "pages" / sub / "x.txt").write_text(PAGE, encoding="utf-8")
    report = tmp_path / "changes.csv"
    code, _, err = zz("repair", tmp_path / "pages", "-o", tmp_path / "out", "--report", report)
    assert code == 0, err
    written = sorted(
        p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.txt")
    )
    assert written == ["a/x.txt", "b/x.txt"]  # not one x.txt written over the other
    assert (tmp_path / "out" / "b" / "x.txt").read_text(encoding="utf-8") == CLEAN
    rows = list(csv.DictReader(report.open(encoding="utf-8")))
    assert {Path(r["file"]).parent.name for r in rows} == {"a", "b"}
    assert {r["kind"] for r in rows} >= {"pinyin", "punctuation", "traditional"}
    assert "[2/2]" in err and err.rstrip().endswith("zz: 2 of 2 file(s) repaired")


def test_a_batch_repairs_every_good_file_names_each_bad_one_and_fails(tmp_path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "1_bad.txt").write_bytes(b"abc\x00def")  # first, so that it used to stop the batch
    (folder / "2_good.txt").write_text(PAGE, encoding="utf-8")
    (folder / "3_big5.txt").write_bytes("全市高新技術企業發展迅速".encode("big5"))
    code, _, err = zz("repair", folder, "-o", tmp_path / "out")
    assert code == 1
    assert (tmp_path / "out" / "2_good.txt").read_text(encoding="utf-8") == CLEAN
    assert not (tmp_path / "out" / "1_bad.txt").exists()
    assert f"{folder / '1_bad.txt'}:1:4: a control byte (U+0000)" in err
    assert f"{folder / '3_big5.txt'}: not utf-8" in err
    assert err.rstrip().splitlines()[-1].startswith("zz: 1 of 3 file(s) repaired; 2 could not")
    no_traceback(err)


def test_a_nul_byte_is_an_error_never_a_truncation(tmp_path) -> None:
    path = tmp_path / "nul.txt"
    path.write_bytes("abc\x00def 1295家".encode())
    code, out, err = zz("repair", path)
    assert (code, out) == (1, "")
    assert f"{path}:1:4: a control byte (U+0000)" in err


def test_dev_zero_is_refused_at_once() -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero on this system")
    code, out, err = zz("repair", "/dev/zero")
    assert (code, out) == (1, "")
    assert "/dev/zero:1:1: a control byte (U+0000)" in err
    no_traceback(err)


def test_an_encoding_the_bytes_do_not_fit_is_named(tmp_path) -> None:
    big5 = tmp_path / "big5.txt"
    big5.write_bytes("全市高新技術企業發展迅速，新增一百二十家。".encode("big5"))
    code, out, err = zz("repair", big5)
    assert (code, out) == (1, "")
    assert "looks like BIG5: read it with --encoding big5" in err
    code, out, err = zz("repair", "--encoding", "gb18030", big5)  # decodes, but as garbage
    assert (code, out) == (1, "")
    assert "do not read as Chinese prose; they look like BIG5" in err
    code, out, _ = zz("repair", "--encoding", "big5", big5)
    assert (code, out) == (0, "全市高新技术企业发展迅速，新增一百二十家。\n")
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("全市高新技术企业发展迅速".encode("gb18030"))
    code, _, err = zz("repair", gbk)
    assert code == 1 and "looks like GB18030: read it with --encoding gb18030" in err
    assert zz("repair", "--encoding", "gb18030", gbk)[:2] == (0, "全市高新技术企业发展迅速\n")


def test_missing_and_empty_files_are_clear_errors(tmp_path) -> None:
    code, _, err = zz("repair", tmp_path / "nope.txt")
    assert code == 1 and f"{tmp_path / 'nope.txt'}: no such file" in err
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    code, _, err = zz("figures", empty)
    assert code == 1 and "the file is empty" in err


def test_flagged_spans_warn_with_line_and_column_and_fail_only_with_strict(tmp_path) -> None:
    path = tmp_path / "lost.txt"
    path.write_text("第一行。\n企業研發投入??持續加大。", encoding="utf-8")
    code, out, err = zz("repair", path)
    assert code == 0 and "??" in out
    assert f"{path}:2:7: warning: mojibake '??' left as it was" in err
    assert zz("repair", "--strict", path)[0] == 3


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["repair", "--encoding", "nope", "PAGE"], "unknown encoding 'nope'"),
        (["frobnicate"], "invalid choice"),
        (["repair", "PAGE", "PAGE"], "several inputs need --output FOLDER"),
        (["repair", "PAGE", "--reconstructions", "missing.csv"], "missing.csv: no such file"),
        (["repair", "PAGE", "--reconstructions", "BAD"], "not a reconstructions CSV"),
        (["repair", "PAGE", "--reconstructions", "WRONG"], "does not explain the damaged span"),
        (["repair", "PAGE", "--report", "nowhere/r.csv"], "cannot be written"),
        (["repair", "PAGE", "-o", "PAGE"], "is an input: the output would overwrite it"),
        (["repair", "FOLDER", "-o", "FOLDER"], "is an input: the output would overwrite it"),
        (["repair", "PAGE", "PAGE2", "-o", "PAGE2"], "is a file; several inputs need a folder"),
    ],
)
def test_usage_errors_exit_2_with_one_line(tmp_path, page, args, says) -> None:
    (tmp_path / "bad.csv").write_text("x,y\n1,2\n", encoding="utf-8")
    (tmp_path / "wrong.csv").write_text(
        "damaged,reconstruction,evidence\n?abc,不对,none\n", encoding="utf-8"
    )
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "p.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "page2.txt").write_text(PAGE, encoding="utf-8")
    names = {
        "PAGE": page,
        "PAGE2": tmp_path / "page2.txt",
        "BAD": tmp_path / "bad.csv",
        "WRONG": tmp_path / "wrong.csv",
        "FOLDER": tmp_path / "pages",
    }
    code, out, err = zz(*[names.get(a, a) for a in args], cwd=tmp_path)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and err.startswith("zz: error: ") and says in err
    assert page.read_text(encoding="utf-8") == PAGE  # no input touched
    assert (tmp_path / "pages" / "p.txt").read_text(encoding="utf-8") == PAGE


def test_a_closed_pipe_ends_quietly(tmp_path) -> None:
    folder = tmp_path / "clean"
    folder.mkdir()
    for i in range(3):
        (folder / f"{i}.txt").write_text("全市新增企业120家，增长16.0%。" * 4000, encoding="utf-8")
    command = " ".join(f"'{part}'" for part in [*ZZ, "figures", str(folder)])
    result = subprocess.run(
        f"{command} | head -n 2", shell=True, capture_output=True, text=True, check=False
    )
    assert result.stdout.splitlines()[1].endswith(",120,120,家,exact,120,count,arabic,quantity,,")
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr


def test_figures_to_csv_and_help(tmp_path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("全市新增高新技术企业120家，占比提高2.76个百分点。", encoding="utf-8")
    target = tmp_path / "figures.csv"
    assert zz("figures", clean, "--csv", target)[0] == 0
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert [(r["number"], r["unit"]) for r in rows] == [("120", "家"), ("2.76", "个百分点")]
    code, out, _ = zz("--help")
    assert code == 0 and "exit codes" in out


def _peak_kib(*args: object) -> int:
    """The peak resident memory (KiB) of one run of the command, measured by a parent process."""
    probe = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
        "stdout=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, *ZZ, *map(str, args)],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(result.stdout)


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in KiB on Linux only")
def test_memory_stays_bounded_on_a_large_page(tmp_path) -> None:
    # 8 MB of text (mostly ASCII, so that it repairs in seconds): read in parts, the page adds at
    # most about the part's working set, never a multiple of the page (it used to be 85 times).
    line = "The page 1295 units, grown 16.0% in 2024.\n"
    small, large = tmp_path / "small.txt", tmp_path / "large.txt"
    small.write_text(line * 100 + PAGE, encoding="utf-8")
    large.write_text(line * 200_000 + PAGE, encoding="utf-8")
    size_kib = large.stat().st_size // 1024
    base = _peak_kib("repair", small, "-o", tmp_path / "s.out")
    peak = _peak_kib("repair", large, "-o", tmp_path / "l.out")
    assert peak - base < 2 * size_kib, (base, peak, size_kib)
    assert (tmp_path / "l.out").read_text(encoding="utf-8").endswith(CLEAN)


def test_the_installed_entry_point(page) -> None:
    zz_script = Path(sys.executable).with_name("zz")
    if not zz_script.exists():
        pytest.skip("the zz script is not installed: run pip install --no-deps -e .")
    result = subprocess.run(
        [str(zz_script), "repair", str(page)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONWARNINGS": "error"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == CLEAN
