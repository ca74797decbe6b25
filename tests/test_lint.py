"""The code is ruff clean (configuration in pyproject.toml): the suite fails on a lint error or on
code, notebook code cells included, that `ruff format` would change."""

from __future__ import annotations

import subprocess
import sys

import pytest

from helpers.paths import PROJ_ROOT


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]], ids=["check", "format"])
def test_ruff_is_clean(command: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", *command, "--no-cache", "helpers", "tests", "notebooks"],
        cwd=PROJ_ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
