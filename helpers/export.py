"""Build everything a reader opens outside Jupyter into the output folder (`make run`, `make export`).

For each numbered notebook: an executed copy (build/notebooks/) and an HTML report (build/html/).
Progress is printed per notebook; every file is written to a temporary name and renamed, so an
interrupted export never leaves a half-written file that looks complete.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from helpers.execute import execute, notebook_paths
from helpers.files import write_text_atomic
from helpers.paths import BUILD_DIR, PROJ_ROOT


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(PROJ_ROOT))
    except ValueError:
        return str(path)


def export_notebook(path: Path, out: Path) -> list[Path]:
    """Execute one notebook and write its executed copy and HTML report; return the paths."""
    import nbformat
    from nbconvert import HTMLExporter

    notebook = execute(path)
    executed = out / "notebooks" / path.name
    write_text_atomic(executed, nbformat.writes(notebook) + "\n")
    html, _ = HTMLExporter().from_notebook_node(notebook)
    report = out / "html" / f"{path.stem}.html"
    write_text_atomic(report, html)
    return [executed, report]


def export_all(out: Path = BUILD_DIR, paths: list[Path] | None = None) -> list[Path]:
    """Export every numbered notebook (or `paths`) into `out`, printing progress."""
    paths = notebook_paths() if paths is None else paths
    written: list[Path] = []
    print(f"Exporting {len(paths)} notebooks into {_display(out)}/")
    for number, path in enumerate(paths, start=1):
        started = time.perf_counter()
        print(f"  [{number}/{len(paths)}] {path.name} ...", end="", flush=True)
        written.extend(export_notebook(path, out))
        print(f" {time.perf_counter() - started:.1f} s")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=BUILD_DIR, help="output folder (build/)")
    args = parser.parse_args(argv)
    out = args.out if args.out.is_absolute() else (Path.cwd() / args.out)
    export_all(out.resolve())
    print(f"Done. Executed notebooks: {_display(out / 'notebooks')}/  Reports: {_display(out / 'html')}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
