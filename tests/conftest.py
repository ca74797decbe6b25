"""Shared test set-up: the exports the tests look at, each made once per test session.

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

# What `make test-fast` leaves out (`-m "not slow"`): tests that start a kernel, Chromium or
# JupyterLab, through one of these fixtures or in one of these files; those that build every deck
# or render every page (tens of seconds each), drive `make run` itself, or measure the repair on
# a generated corpus.
SLOW_FIXTURES = {
    "exported",
    "exported_zh",
    "deck_browser",
    "annotated",
    "release_page",
    "built_decks",
    "english_pages",
}
SLOW_FILES = {
    "test_browser.py",
    "test_chinese_share.py",
    "test_export.py",
    "test_lab.py",
    "test_make_run.py",
    "test_offline.py",
    "test_release_page.py",
    "test_mirror_family.py",
    "test_throughput.py",
}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "slow: starts a kernel, Chromium or JupyterLab (left out by make test-fast)"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if (
            item.path.suffix == ".ipynb"  # nbval: the stored notebooks, run in a kernel
            or item.path.name in SLOW_FILES
            or SLOW_FIXTURES & set(getattr(item, "fixturenames", ()))
        ):
            item.add_marker(pytest.mark.slow)


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


def kept_build_dir() -> Path:
    """Where the tests keep what they build between sessions, in its .test-cache/ folder: build/,
    or the folder $ZZ_TEST_BUILD names: `make bench` points it at an empty
    folder to time the suite from nothing, then again with what that run kept."""
    from helpers.paths import BUILD_DIR
    from helpers.publish.bench import TEST_BUILD_ENV

    named = os.environ.get(TEST_BUILD_ENV, "").strip()
    return Path(named).resolve() if named else BUILD_DIR


def _kept(name: str, inputs: tuple[str, ...], build, *, also: str = ""):
    """`build(folder)`'s result, kept in build/.test-cache/<name>/ between test sessions and made
    again only when a file matching `inputs` (glob patterns under the project) or the installed
    packages changed: for a fixture that is a pure function of those files and costs seconds.

    The key is the export cache's own digest (helpers.publish.cache), so it is as strict as
    `make run`'s: this file is always among the inputs, since it says how the result is made.
    `also`: anything else the result depends on, as text (e.g. which Chromium is installed).
    A lock makes it once for all the workers of a session (and for two sessions at once): the
    first to arrive builds, the others find the key and read the result. `make clean` removes
    the folder."""
    import pickle
    import shutil

    from helpers.paths import PROJ_ROOT
    from helpers.publish.cache import environment_digest, files_digest

    key = "\n".join(
        [files_digest(PROJ_ROOT, (*inputs, "tests/conftest.py")), environment_digest(), also]
    )
    folder = kept_build_dir() / ".test-cache" / name
    kept = folder / "result.pickle"
    folder.parent.mkdir(parents=True, exist_ok=True)
    with open(folder.parent / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (folder / "key").is_file() and (folder / "key").read_text() == key and kept.is_file():
            return pickle.loads(kept.read_bytes())
        shutil.rmtree(folder, ignore_errors=True)
        (folder / "made").mkdir(parents=True)
        result = build(folder / "made")
        kept.write_bytes(pickle.dumps(result))
        (folder / "key").write_text(key)  # last: a build cut short leaves no key: made again
        return result


def _export(out: Path, paths: list[Path], langs, **options) -> tuple[int, str]:
    """export_all into `out`, its progress captured: (exit status, what it printed)."""
    from helpers.publish.export import export_all

    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        status = export_all(out, paths, langs, jobs=2, **options) if paths else 0
    return status, printed.getvalue()


@pytest.fixture(scope="session")
def exported():
    """The export of tests/fixtures/*.ipynb in both languages: (Layout, exit status, output).

    It costs 20 to 25 worker-seconds (two kernels, nbconvert, font subsets, four PDFs) and is a
    pure function of helpers/, data/, the fixtures, the packages and the Chromium found, so it is
    kept between sessions (`_kept`): the tests read the files and the progress of the export
    that made them, run again whenever one of those changed."""
    from helpers.publish import browser
    from helpers.publish.export import LANGS, REQUIRE_BROWSER_ENV, Layout

    def make(out: Path):
        return out, *_export(out, sorted(FIXTURES.glob("*.ipynb")), LANGS)

    chromium = f"{browser.find_browser()} {os.environ.get(REQUIRE_BROWSER_ENV, '')}"
    out, status, output = _kept(
        "export", ("helpers/**/*", "data/**/*", "tests/fixtures/**/*"), make, also=chromium
    )
    return Layout(out), status, output


@pytest.fixture(scope="session")
def annotated():
    """The annotated release made from the project's data files, made once for the workers and
    kept between sessions until helpers/, data/ or a notebook change (`_kept`; building it
    costs 5 to 10 seconds: the font subset of ~800 characters):
    (the page, written into build/.test-cache/release/, not build/release.html; the `Release`
    it shows)."""
    from helpers.publish import annotate

    def make(folder: Path):
        release = annotate.build_release()
        annotate.write_page(release, folder / "release.html")
        return folder / "release.html", release

    return _kept("release", ("helpers/**/*", "data/**/*", "notebooks/*.ipynb"), make)


@pytest.fixture(scope="session")
def built_decks() -> dict[tuple[str, str], Path]:
    """Every deck of both languages, built as `make run` builds them but without PDFs:
    {(lang, name): slides file}. Building the eighteen costs 15 to 25 seconds (the charts, the
    font subsets) and is a pure function of helpers/, data/ and the deck sources, so it is kept
    between sessions (`_kept`). No kernel or Chromium, but `slow` (conftest.SLOW_FIXTURES)."""
    from helpers.publish import decks

    def make(out: Path) -> dict[tuple[str, str], Path]:
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            failed = decks.build(out, pdf=False)
        assert failed == 0, printed.getvalue()
        return {
            (lang, path.name.removesuffix(".slides.html")): path
            for lang in decks.LANGS
            for path in sorted((out / lang / "slides").glob("*.slides.html"))
        }

    return _kept("decks", ("helpers/**/*", "data/**/*", "notebooks/decks/**/*"), make)


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
    """The zh pages of the project's notebooks with a complete catalog, with PDFs, as the build
    makes them: (Layout, exit status, output, stems exported).

    They are exported into build/.test-cache/zh/ (never into the user's own build/), as
    `ZZ_LANG=zh make export` would. The export is incremental (helpers.publish.cache: a job runs
    again when its notebook, catalog, helpers, data or packages changed, or an output is
    missing), so after an earlier `make test` the fixture costs a second instead of executing the
    notebooks in zh and printing their PDFs (about 85 worker-seconds). Once per session, shared
    by the workers like `exported`. Notebooks whose catalog is not complete are not built (their
    checks skip)."""
    from helpers.publish.export import Layout

    def build(_folder: Path):
        paths, out = complete_notebooks(), kept_build_dir() / ".test-cache" / "zh"
        return out, *_export(out, paths, ["zh"], pdf=True), [p.stem for p in paths]

    out, status, output, stems = _once(tmp_path_factory, "export-zh", build)
    return Layout(out), status, output, stems
