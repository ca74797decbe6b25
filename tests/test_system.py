"""`make run` and `make test` install what the PDFs and the browser tests need (helpers.publish.system).

Tried on a machine without Chromium without uninstalling it: PATH holds only a folder with a fake
apt-get that records how it was called, so nothing is found and nothing is installed.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from helpers.paths import PROJ_ROOT
from helpers.publish import system


def _fake_path(tmp_path: Path, apt: bool = True) -> tuple[Path, Path]:
    bin_dir, calls = tmp_path / "bin", tmp_path / "apt-calls.txt"
    bin_dir.mkdir()
    if apt:
        fake = bin_dir / "apt-get"
        fake.write_text(f'#!/bin/sh\necho "$@" >> {calls}\n')
        fake.chmod(0o755)
    return bin_dir, calls


def _env(bin_dir: Path, **extra: str) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "ZZ_"))}
    return {**keep, "PATH": str(bin_dir), **extra}


@pytest.mark.skipif(
    not (system.is_debian() and os.geteuid() == 0),
    reason="the install path is taken on Debian/Ubuntu as root (or with sudo -n)",
)
def test_the_make_target_installs_chromium_and_poppler_with_apt_get(tmp_path: Path) -> None:
    bin_dir, calls = _fake_path(tmp_path)
    run = subprocess.run(
        ["/usr/bin/make", "--no-print-directory", "system"],
        cwd=PROJ_ROOT,
        env=_env(bin_dir),
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert calls.read_text().splitlines() == [
        "update -qq",
        "install -y -qq --no-install-recommends chromium poppler-utils",
    ]
    said = run.stdout.splitlines()
    assert said[0].startswith("Installing chromium, poppler-utils with apt-get")
    # the fake installed nothing: one line says what to install, and the build goes on
    assert said[1].startswith("Not installed: chromium poppler-utils") and len(said) == 2


def test_where_it_cannot_install_one_line_says_what_to_install(tmp_path: Path) -> None:
    bin_dir, calls = _fake_path(tmp_path, apt=False)
    run = subprocess.run(
        ["/usr/bin/make", "--no-print-directory", "system"],
        cwd=PROJ_ROOT,
        env=_env(bin_dir),
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0 and not calls.exists()
    assert run.stdout.splitlines() == [system.advice(["chromium", "poppler-utils"])]
    required = subprocess.run(
        ["/usr/bin/make", "--no-print-directory", "system"],
        cwd=PROJ_ROOT,
        env=_env(bin_dir, ZZ_REQUIRE_BROWSER="1"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert required.returncode != 0  # CI: the PDFs are required


def test_make_run_and_make_test_start_with_it() -> None:
    for target in ("run", "test"):
        dry = subprocess.run(
            ["make", "--no-print-directory", "-n", target],
            cwd=PROJ_ROOT,
            env=_env(Path(os.environ["PATH"])),
            capture_output=True,
            text=True,
            check=True,
        ).stdout.splitlines()
        assert dry[0].endswith("-m helpers.publish.system"), (target, dry[:2])


def test_debian_is_read_from_os_release(tmp_path: Path) -> None:
    release = tmp_path / "os-release"
    release.write_text('NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n')
    assert system.is_debian(release)
    release.write_text('NAME="Fedora Linux"\nID=fedora\n')
    assert not system.is_debian(release)
    assert not system.is_debian(tmp_path / "missing")
