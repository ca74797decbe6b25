"""A stand-in for the export's job (helpers.publish.jobs.export_job) that starts no kernel.

`fake_job` writes a notebook's pages and one chart at once, from the notebook's own cells, so the
tests of the cache, the index, the lock and interruption (tests/test_build.py) run in
milliseconds. A notebook steers it through its metadata: {"fake": {"sleep": seconds}} makes the
job slow, {"fake": {"fail": "why"}} makes it fail as a cell would. A notebook that is not valid
JSON fails as it does in the real job (helpers.publish.jobs.read_notebook).

Not a test module (no `test_` prefix): the export's worker processes import it by name, so it
must be importable from tests/ on sys.path, which spawn passes on to them.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from helpers.paths import write_bytes_atomic, write_text_atomic
from helpers.publish.jobs import JobResult, NotebookFileError, Record, read_notebook
from helpers.publish.layout import Layout, display


def chart_name(stem: str) -> str:
    return f"{stem.split('_')[0]}_chart"


def fake_job(path: Path, lang: str, out: Path) -> JobResult:
    """Make the files the real job makes, under `out`, from the notebook's first cell."""
    layout = Layout(out)
    result = JobResult(path.stem, lang, seconds={"run": 0.0})
    try:
        notebook = read_notebook(path)
    except NotebookFileError as error:
        result.error = f"{display(path)}: {error}"
        return result
    fake = notebook.metadata.get("fake", {})
    pids = fake.get("pids")
    if pids:  # the tests check that no worker outlives an interrupted export
        with open(pids, "a", encoding="utf-8") as file:
            file.write(f"{os.getpid()}\n")
    time.sleep(fake.get("sleep", 0))
    if "fail" in fake:
        result.error = f"{display(path)}: cell 1 (`boom()`) raised ValueError: {fake['fail']}"
        result.details = f"Traceback (most recent call last):\nValueError: {fake['fail']}"
        return result
    text = f"<p>{lang}: {notebook.cells[0].source}</p>"
    for page in (layout.executed, layout.report, layout.code_report):
        write_text_atomic(page(lang, path.stem), text)
    name = chart_name(path.stem)
    for suffix in (".png", ".svg"):
        write_bytes_atomic(layout.figures(lang) / f"{name}{suffix}", text.encode())
    summary = notebook.cells[0].source.split("\n\n")[-1]
    result.record = Record(path.stem, lang, f"Title of {path.stem}", summary, [name])
    return result
