"""Run notebooks top to bottom in a fresh kernel, as "Restart kernel and run all" does.

Two uses: `make notebooks` refreshes the stored outputs of the notebooks in notebooks/ (what strict
nbval compares, so run it after editing a notebook), and the export step executes copies into the
output folder. Kernels start in the notebook's own folder, as in JupyterLab and nbval, and run the
project's environment's Python (the kernel named python3 of this interpreter).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import IO, TYPE_CHECKING

from helpers.paths import PROJ_ROOT, notebook_paths, write_text_atomic

if TYPE_CHECKING:
    from nbformat import NotebookNode

TIMEOUT_SECONDS = 300
# Kernels of this process that are running now, so that a worker told to stop (SIGTERM, from an
# export interrupted by Ctrl-C) can kill them at once: `kill_running_kernels`.
_RUNNING: list = []


def execute(
    path: Path,
    notebook: NotebookNode | None = None,
    env: dict[str, str] | None = None,
    stderr: IO[bytes] | None = None,
) -> NotebookNode:
    """Execute a notebook in a fresh kernel started in `path`'s folder; return it executed.

    `notebook` is the notebook to run (default: read from `path`), `env` the kernel's environment
    (default: this process's), `stderr` where the kernel process writes its own log. Per-run
    timing metadata is dropped, so re-running an unchanged notebook changes no byte. Raises
    nbclient's CellExecutionError (naming the cell) if a cell fails.
    """
    import nbformat
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    if notebook is None:
        notebook = nbformat.read(path, as_version=4)
    # The kernel talks over Unix sockets in a private folder (short: a socket's path has a
    # 107-byte limit): no TCP port is opened, so no network interface is needed, not even
    # loopback, and no "running over TCP without encryption" warning interrupts the progress.
    with tempfile.TemporaryDirectory(prefix="zz-kernel-") as sockets:
        manager = KernelManager(
            kernel_name="python3", transport="ipc", ip=str(Path(sockets) / "kernel")
        )
        client = NotebookClient(
            notebook,
            km=manager,
            timeout=TIMEOUT_SECONDS,
            resources={"metadata": {"path": str(path.parent)}},
            # one stream output per cell and stream: a print's text and its newline can arrive
            # as two messages on a busy machine, which would change the stored file for nothing
            coalesce_streams=True,
        )
        launch: dict[str, object] = {}  # only what was given: jupyter_client wants no None here
        if env is not None:
            launch["env"] = env
        if stderr is not None:
            launch["stderr"] = stderr
        _RUNNING.append(manager)
        try:
            client.execute(**launch)
        finally:  # nbclient stops only kernels it made itself; this one is ours to stop
            if manager.has_kernel:
                manager.shutdown_kernel(now=True)
            _RUNNING.remove(manager)
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    return notebook


def kill_running_kernels() -> None:
    """Kill every kernel this process is running, and its children, without waiting.

    For a signal handler: the export's worker processes call it when the export is interrupted,
    so no kernel outlives the run. Each kernel runs in its own session (jupyter_client starts
    it so), hence a kill of its process group. Its connection file and socket folder are
    removed too, since the caller exits without running `execute`'s clean-up.
    """
    import os
    import shutil
    import signal
    from contextlib import suppress

    for manager in list(_RUNNING):
        provisioner = getattr(manager, "provisioner", None)
        group, pid = getattr(provisioner, "pgid", None), getattr(provisioner, "pid", None)
        with suppress(OSError):
            if group:
                os.killpg(group, signal.SIGKILL)
            elif pid:
                os.kill(pid, signal.SIGKILL)
        with suppress(Exception):
            manager.cleanup_connection_file()
        if manager.transport == "ipc":
            shutil.rmtree(Path(manager.ip).parent, ignore_errors=True)


STORED_LANG = "en"  # stored outputs are English: strict nbval compares them in English


def run_in_place(paths: list[Path]) -> None:
    """Re-execute each notebook and store its fresh outputs back into the same file.

    The kernels run in English whatever ZZ_LANG says in the caller's shell, because the stored
    outputs are what strict nbval compares.
    """
    import os

    os.environ["ZZ_LANG"] = STORED_LANG

    for number, path in enumerate(paths, start=1):
        started = time.perf_counter()
        print(f"[{number}/{len(paths)}] {path.relative_to(PROJ_ROOT)} ...", end="", flush=True)
        notebook = execute(path)
        write_text_atomic(path, stored_text(notebook))
        print(f" {time.perf_counter() - started:.1f} s")


def stored_text(notebook: NotebookNode) -> str:
    """The exact text `run_in_place` stores for an executed notebook."""
    import nbformat

    return nbformat.writes(notebook) + "\n"


def changed_cells(path: Path) -> list[int]:
    """Run the notebook again (in English, as stored) and list the cells whose stored form differs
    from the file's, outputs and images included; [] means the run is byte-identical."""
    import os

    import nbformat

    os.environ["ZZ_LANG"] = STORED_LANG
    fresh = execute(path)
    if stored_text(fresh) == path.read_text(encoding="utf-8"):
        return []
    stored = nbformat.read(path, as_version=4)
    changed = [i for i, (a, b) in enumerate(zip(stored.cells, fresh.cells, strict=False)) if a != b]
    return changed or [-1]  # -1: the cells agree but the notebook's metadata does not


def check_determinism(paths: list[Path]) -> int:
    """Run each notebook again and compare with the stored file; 1 if any differs."""
    differing = 0
    for number, path in enumerate(paths, start=1):
        print(f"[{number}/{len(paths)}] {path.relative_to(PROJ_ROOT)} ...", end="", flush=True)
        cells = changed_cells(path)
        differing += bool(cells)
        print(" identical" if not cells else f" DIFFERS in cells {cells}")
    if differing:
        print(
            f"{differing} notebook(s) changed on a fresh run: an output depends on something "
            "other than the data (time, machine, randomness), or the notebook was not "
            "refreshed with `make notebooks` after an edit."
        )
    return 1 if differing else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Re-run notebooks and store fresh outputs.")
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every numbered notebook")
    parser.add_argument(
        "--check",
        action="store_true",
        help="store nothing; exit 1 if a fresh run differs from a stored notebook",
    )
    args = parser.parse_args(argv)
    paths = [p.resolve() for p in args.notebooks] or notebook_paths()
    if args.check:
        return check_determinism(paths)
    run_in_place(paths)
    return 0


if __name__ == "__main__":
    sys.exit(main())
