"""Measure the project's speed in one run on one machine (`make bench`): a benchmark, not a test.

What it measures, and why each:
- the whole test suite, exactly as `make test` runs it (strict nbval and unit tests, 2 workers),
  twice: from nothing, then again with what the first run kept. The tests keep what they build
  and can reuse (the zh pages, the fixture export, the rendered decks, the annotated release,
  each keyed on the content of its inputs like the export cache) in build/; here they keep it
  in an empty temporary folder instead ($ZZ_TEST_BUILD), so "cold" is a fresh clone's first
  `make test` and "warm" the next one after an edit to nothing they depend on;
- the floor: as many notebooks as the project has, each only starting a kernel and importing
  pandas, matplotlib and seaborn, through the same nbval command. No notebook of ours can be
  faster than that, so suite / floor says how much the project adds on top of Jupyter itself;
- `make test-fast`, the unit tests without kernels, Chromium or JupyterLab (the inner loop);
- `import helpers` in a fresh interpreter (best of five): every notebook pays it;
- optionally (`--export`) the main job's export of every notebook in both languages, as
  `make run` does it, into a temporary folder.

Targets (README, "Performance"): suite within 2.5x of the floor, `make test-fast` under 20 s,
`import helpers` under 0.3 s, `make run` under a minute.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from helpers.paths import PROJ_ROOT, notebook_paths

FLOOR_CELL = "import pandas\nimport matplotlib.pyplot\nimport seaborn"
NBVAL_ARGS = [
    "-n",
    "2",
    "--dist",
    "loadfile",
    "--nbval",
    "--nbval-current-env",
    "-q",
    "-p",
    "no:cacheprovider",
]


def _timed(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout[-2000:]}{result.stderr}")
    return elapsed


TEST_BUILD_ENV = "ZZ_TEST_BUILD"  # where tests/conftest.py keeps what the tests build


def suite_seconds(kept: Path) -> float:
    """The whole test suite, as `make test` runs it, keeping what it builds in `kept`."""
    return _timed(
        ["make", "--no-print-directory", "test", "PYTEST_ARGS=-q"],
        PROJ_ROOT,
        env={**os.environ, TEST_BUILD_ENV: str(kept)},
    )


def fast_seconds() -> float:
    """`make test-fast`: the unit tests without kernels, Chromium or JupyterLab."""
    return _timed(["make", "--no-print-directory", "test-fast", "PYTEST_ARGS=-q"], PROJ_ROOT)


def floor_seconds(count: int) -> float:
    """`count` notebooks that only start a kernel and import pandas, matplotlib and seaborn."""
    with tempfile.TemporaryDirectory(prefix="zz-floor-") as folder:
        notebook = {
            "cells": [
                {
                    "cell_type": "code",
                    "execution_count": 1,
                    "id": "floor",
                    "metadata": {},
                    "outputs": [],
                    "source": FLOOR_CELL,
                }
            ],
            "metadata": {
                "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
            },
            "nbformat": 4,
            "nbformat_minor": 5,
        }
        for i in range(count):
            (Path(folder) / f"floor_{i:02d}.ipynb").write_text(json.dumps(notebook))
        return _timed([sys.executable, "-m", "pytest", *NBVAL_ARGS, "."], Path(folder))


def import_seconds(repeat: int = 5) -> float:
    """`import helpers` in a fresh interpreter, best of `repeat`."""
    code = "import time; t = time.perf_counter(); import helpers; print(time.perf_counter() - t)"
    times = []
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, "-c", code], cwd=PROJ_ROOT, capture_output=True, text=True, check=True
        )
        times.append(float(out.stdout))
    return min(times)


def export_seconds() -> float:
    """Every notebook exported in both languages (what `make run` does after `make data`)."""
    with tempfile.TemporaryDirectory(prefix="zz-export-") as folder:
        return _timed(
            [sys.executable, "-m", "helpers.publish.export", "--out", folder],
            PROJ_ROOT,
            env={**os.environ},
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure the test suite, its floor and imports.")
    parser.add_argument("--export", action="store_true", help="also time the full export")
    args = parser.parse_args(argv)
    count = len(notebook_paths())
    print(f"Benchmark on {os.cpu_count()} cores, {count} notebooks (takes about six minutes)")
    from helpers.publish import throughput

    print("\n".join(throughput.report(throughput.measure())), flush=True)
    importing = import_seconds()
    print(f"  import helpers           {importing:6.3f} s", flush=True)
    fast = fast_seconds()
    print(f"  make test-fast           {fast:6.1f} s   (target < 20 s)", flush=True)
    floor = floor_seconds(count)
    print(f"  floor ({count} notebooks)     {floor:6.1f} s", flush=True)
    with tempfile.TemporaryDirectory(prefix="zz-kept-") as kept:
        cold = suite_seconds(Path(kept))
        print(
            f"  test suite, cold         {cold:6.1f} s   ({cold / floor:.2f} x floor)", flush=True
        )
        warm = suite_seconds(Path(kept))
        print(
            f"  test suite, warm         {warm:6.1f} s   ({warm / floor:.2f} x floor)", flush=True
        )
    print(
        f"  suite / floor            {cold / floor:6.2f} cold, {warm / floor:.2f} warm   "
        "(target ≤ 2.5)"
    )
    if args.export:
        export = export_seconds()
        print(f"  export (make run)        {export:6.1f} s   (target < 60 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
