"""The code is ruff clean (configuration in pyproject.toml): the suite fails on a lint error."""

from __future__ import annotations

import subprocess
import sys

from helpers.paths import PROJ_ROOT


def test_ruff_is_clean() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "helpers", "tests"],
        cwd=PROJ_ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
