"""The export's cache: which notebook-and-language jobs can be skipped, and why the others run.

A job is skipped when nothing it depends on changed since it last succeeded and every file it
made is still there as it left it. Its inputs, each a SHA-256 digest:

- `notebook`: the notebook's cells (markdown too: the reports show it), their metadata and the
  notebook's metadata; not its stored outputs, which the export does not use (it runs the
  cells afresh), so `make notebooks` alone rebuilds nothing;
- `helpers`: every file under helpers/ (its .py modules, the publish templates and assets);
- `data`: data/*.csv, data/processed/*, data/raw/*;
- `environment`: the Python version and every installed distribution with its version (the
  names of the *.dist-info folders on sys.path: a listing, no file is read);
- `translation`: for a Chinese job, the notebook's catalog (notebooks/locale/zh_CN/...): its
  prose comes from there (helpers.publish.translation); and the catalogs all notebooks share
  (tables.po, exercises.po), which its tables and exercise checks print from;
- the language, by having one entry per notebook and language.

What each job last did is kept in build/.export/manifest.json: per job its inputs, when it
finished, whether it failed (and why, in one line), its record for the index, and each output
file with its size and modification time (a `stat`, no reading: an output that was deleted,
replaced or edited makes its job run again). Why not jupyter-cache (Jupyter Book's cache): it
keys a notebook on its code cells only, by design, so an edited paragraph would serve the old
report, and it knows nothing of helpers/, data/ or the environment; Quarto's freeze, likewise,
re-runs only when the source file changes. A digest of everything the job reads is as small.

The manifest is written only by the export's main process, under the build lock, after each job
(to a temporary name, then renamed), so an interrupted export keeps the jobs it finished.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from helpers.paths import PROJ_ROOT, write_text_atomic

MANIFEST_VERSION = 2  # 2: the export makes no decks (helpers.publish.decks does)
# Each input, and how a progress line names its change.
INPUTS = {
    "notebook": "notebook changed",
    "helpers": "helpers changed",
    "data": "data changed",
    "environment": "packages changed",
    "translation": "translation changed",
}


@dataclass(frozen=True)
class Sources:
    """Where the inputs every job shares are: glob patterns under `root`.

    `environment`: a fixed stand-in for the installed packages' digest (tests), else None.
    """

    root: Path
    helpers: tuple[str, ...]
    data: tuple[str, ...]
    environment: str | None = None


def project_sources() -> Sources:
    """The project's own: helpers/ (code, templates, assets) and the data files notebooks read."""
    return Sources(
        PROJ_ROOT, helpers=("helpers/**/*",), data=("data/*.csv", "data/processed/*", "data/raw/*")
    )


def files_digest(root: Path, patterns: tuple[str, ...]) -> str:
    """One digest of the names and contents of every file matching `patterns` under `root`
    (caches such as __pycache__ left out). A file added, removed, renamed or edited changes it."""
    files = sorted(
        {
            path
            for pattern in patterns
            for path in root.glob(pattern)
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
        }
    )
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def environment_digest() -> str:
    """The Python version and the installed distributions with their versions.

    Read from the names of the *.dist-info and *.egg-info folders on sys.path (pip names them
    `name-version.dist-info`): one directory listing per path entry, 10 ms, where asking
    importlib.metadata for every version reads 130 files (0.4 s)."""
    names = [sys.version]
    for entry in sys.path:
        try:
            listing = os.listdir(entry or ".")
        except OSError:
            continue
        names += sorted(n for n in listing if n.endswith((".dist-info", ".egg-info")))
    return hashlib.sha256("\n".join(names).encode()).hexdigest()


def notebook_digest(path: Path) -> str:
    """The digest of what a notebook's pages are made from: every cell's type, source, metadata
    and attachments, and the notebook's metadata; not outputs or execution counts. A file that
    is not a notebook gets the digest of its bytes (its job runs and says what is wrong)."""
    data = path.read_bytes()
    try:
        notebook = json.loads(data)
        cells = [
            {key: cell.get(key) for key in ("cell_type", "id", "source", "metadata", "attachments")}
            for cell in notebook["cells"]
        ]
        text = json.dumps(
            {"metadata": notebook.get("metadata"), "cells": cells},
            sort_keys=True,
            ensure_ascii=False,
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return "bytes:" + hashlib.sha256(data).hexdigest()
    return hashlib.sha256(text.encode()).hexdigest()


def translation_digest(path: Path, lang: str) -> str:
    """The digest of the notebook's catalog for `lang` (its prose in that language) and of the
    catalogs every notebook shares there (tables.po, exercises.po: what its tables and checks
    print), or "" for the source language and when there is no catalog yet."""
    from helpers.publish.translation import LOCALES, catalog_path

    if lang not in LOCALES:
        return ""
    catalog = catalog_path(path.stem, lang, path.parent / "locale")
    own = [catalog] if catalog.is_file() else []
    shared = [
        po for po in sorted(catalog.parent.glob("*.po")) if not po.stem[:1].isdigit()
    ]  # not a notebook's (NN_name.po)
    if not own + shared:
        return ""
    digest = hashlib.sha256()
    for po in own + shared:
        digest.update(po.name.encode() + b"\0" + hashlib.sha256(po.read_bytes()).digest())
    return digest.hexdigest()


def shared_inputs(sources: Sources) -> dict[str, str]:
    """The digests every job shares (helpers, data, environment), computed once per export."""
    environment = sources.environment
    return {
        "helpers": files_digest(sources.root, sources.helpers),
        "data": files_digest(sources.root, sources.data),
        "environment": environment if environment is not None else environment_digest(),
    }


def file_stamp(path: Path) -> list[int]:
    """What the cache remembers of an output file: [size, modification time in ns]."""
    status = path.stat()
    return [status.st_size, status.st_mtime_ns]


@dataclass
class Entry:
    """What one job last did (one notebook in one language)."""

    stem: str
    lang: str
    source: str  # the notebook file, relative to the project if inside it
    status: str  # "ok" or "failed"
    inputs: dict[str, str]
    finished: str  # local time, for "skipped: unchanged since ..."
    outputs: dict[str, list[int]] = field(default_factory=dict)  # path under build/ -> stamp
    record: dict | None = None  # helpers.publish.jobs.Record, for the index
    error: str = ""  # the one-line cause of a failure
    title: str = ""  # the notebook's title, kept from an earlier build when this one failed
    pdf_note: str = ""  # why there is no PDF, when there is none

    @property
    def key(self) -> str:
        return job_key(self.lang, self.stem)


def job_key(lang: str, stem: str) -> str:
    return f"{lang}/{stem}"


def now() -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S")


def source_name(path: Path) -> str:
    try:
        return Path(path).resolve().relative_to(PROJ_ROOT).as_posix()
    except ValueError:
        return str(Path(path).resolve())


def source_path(name: str) -> Path:
    path = Path(name)
    return path if path.is_absolute() else PROJ_ROOT / path


@dataclass
class Manifest:
    """Every job's entry, and the digests of the index pages last written."""

    path: Path
    jobs: dict[str, Entry] = field(default_factory=dict)
    index: str = ""
    index_zh: str = ""  # the Chinese index (Layout.index_zh)
    problem: str = ""  # why an existing manifest could not be used, if it could not

    @classmethod
    def load(cls, path: Path) -> Manifest:
        """The manifest at `path`; an empty one (everything is rebuilt) if it is missing, from
        another version of the export, or unreadable (then `problem` says so)."""
        if not path.exists():
            return cls(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") != MANIFEST_VERSION:
                return cls(path, problem=f"{path.name} is from another version of the export")
            jobs = {key: Entry(**entry) for key, entry in data["jobs"].items()}
            return cls(path, jobs, data.get("index", ""), data.get("index_zh", ""))
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            return cls(path, problem=f"{path.name} is unreadable ({type(error).__name__})")

    def save(self) -> None:
        data = {
            "version": MANIFEST_VERSION,
            "index": self.index,
            "index_zh": self.index_zh,
            "jobs": {key: asdict(self.jobs[key]) for key in sorted(self.jobs)},
        }
        write_text_atomic(self.path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def output_problem(out: Path, entry: Entry, ignore: str = "") -> str:
    """'' if every output of `entry` (but `ignore`) is as the job left it, else what is not."""
    for name, stamp in entry.outputs.items():
        if name == ignore:
            continue
        path = out / name
        try:
            if file_stamp(path) != list(stamp):
                return f"output changed: {name}"
        except FileNotFoundError:
            return f"output missing: {name}"
    return ""


def reasons_to_run(
    entry: Entry | None, inputs: dict[str, str], out: Path, force: bool = False
) -> list[str]:
    """Why a job must run again ([] if it can be skipped), in the words of the progress lines."""
    if force:
        return ["forced"]
    if entry is None:
        return ["not built yet"]
    if entry.status != "ok":
        return ["failed last time"]
    changed = [
        words for name, words in INPUTS.items() if entry.inputs.get(name) != inputs.get(name)
    ]
    if changed:
        return changed
    problem = output_problem(out, entry)
    return [problem] if problem else []
