"""Shared test set-up: the fixture notebooks' export, made once per test session.

The export tests (tests/test_export.py) and the browser tests (tests/test_browser.py) look at the
same exported files. Exporting takes several seconds (two kernels, nbconvert, a browser), so it
runs once: under pytest-xdist the workers share one folder and a lock, and the first worker to
arrive exports while the other waits (the pattern pytest-xdist documents for session fixtures).
"""

from __future__ import annotations

import contextlib
import fcntl
import io
import os
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The fixture notebooks are exported by the tests, not compared by nbval: they store no outputs.
collect_ignore_glob = ["fixtures/*"]


def _once(tmp_path_factory: pytest.TempPathFactory, name: str, build):
    """`build(folder)`'s result, made once per test session: under pytest-xdist the workers share
    the session's folder and a lock, the first to arrive builds while the others wait (the pattern
    pytest-xdist documents for session fixtures), and all read the pickled result."""
    import pickle

    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):  # under xdist: the session's folder, shared
        shared = shared.parent
    done = shared / f"{name}.pickle"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            done.write_bytes(pickle.dumps(build(shared / name)))
        return pickle.loads(done.read_bytes())


def _export(out: Path, paths: list[Path], langs, **options) -> tuple[int, str]:
    """export_all into `out`, its progress captured: (exit status, what it printed)."""
    from helpers.publish.export import export_all

    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        status = export_all(out, paths, langs, jobs=2, **options) if paths else 0
    return status, printed.getvalue()


@pytest.fixture(scope="session")
def exported(tmp_path_factory: pytest.TempPathFactory):
    """The export of tests/fixtures/*.ipynb in both languages: (Layout, exit status, output)."""
    from helpers.publish.export import LANGS, Layout

    def build(out: Path):
        return out, *_export(out, sorted(FIXTURES.glob("*.ipynb")), LANGS)

    out, status, output = _once(tmp_path_factory, "export", build)
    return Layout(out), status, output


@pytest.fixture(scope="session")
def annotated(tmp_path_factory: pytest.TempPathFactory):
    """The annotated release made from the project's data files, once per session and shared by
    the workers like `exported` (building it costs seconds: the font subset of ~800 characters):
    (the page, written into a temporary folder, not build/; the `Release` it shows)."""
    from helpers.publish import annotate

    def build(folder: Path):
        release = annotate.build_release()
        annotate.write_page(release, folder / "release.html")
        return folder / "release.html", release

    return _once(tmp_path_factory, "release", build)


@pytest.fixture(scope="session")
def release_page(annotated) -> Path:
    """build/release.html as `annotated` made it (tests/test_release_page.py opens it)."""
    return annotated[0]


def complete_notebooks() -> list[Path]:
    """The project's notebooks whose Chinese catalog is complete and current: the ones whose zh
    pages can be Chinese today (the others are skipped, and turn on as translations land)."""
    from helpers.paths import notebook_paths
    from helpers.publish import translation

    return [path for path in notebook_paths() if translation.status(path).complete]


@pytest.fixture(scope="session")
def exported_zh(tmp_path_factory: pytest.TempPathFactory):
    """The project's notebooks with a complete catalog, exported in zh with PDFs, once per session
    and shared by the workers like `exported`: (Layout, exit status, output, stems exported).

    Why it is worth a build: only pages made by executing the notebooks in zh show what a Chinese
    reader gets (prose from the catalogs, tables through helpers.tables, charts in Chinese).
    Notebooks whose catalog is not complete are not built (their checks skip), which keeps the
    cost to what can pass."""
    from helpers.publish.export import Layout

    def build(out: Path):
        paths = complete_notebooks()
        return out, *_export(out, paths, ["zh"], pdf=True), [p.stem for p in paths]

    out, status, output, stems = _once(tmp_path_factory, "export-zh", build)
    return Layout(out), status, output, stems
