"""One build at a time in an output folder: an advisory lock on build/.export/lock.

Two exports writing build/ at once would each remove the other's staging folders and rewrite the
manifest and the index from half of the jobs. So the export holds an exclusive `flock` on a file
in build/.export/ while it runs, with its process id written inside. A second export waits for
it, saying which process it waits for (Ctrl-C stops the wait), or with `wait=False` (`--no-wait`)
stops at once with that message. The kernel releases the lock when the holder exits, however it
exits, so a crashed build never leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from helpers.publish.layout import display


class BuildLocked(RuntimeError):
    """Another export holds the output folder's lock (and we were told not to wait)."""


def holder(path: Path) -> str:
    """The process id written in the lock file, or "unknown"."""
    try:
        text = path.read_text(encoding="utf-8").strip()
    except OSError:
        return "unknown"
    return text if text.isdigit() else "unknown"


@contextmanager
def build_lock(
    path: Path, wait: bool = True, say: Callable[[str], None] = lambda text: print(text, flush=True)
) -> Iterator[None]:
    """Hold the exclusive lock at `path` for the duration of the block.

    If another process holds it: with `wait`, say whom we wait for and wait; else raise
    BuildLocked naming the process.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pid = holder(path)
            folder, name = display(path.parent.parent), display(path)
            if not wait:
                raise BuildLocked(
                    f"Another build (PID {pid}) is writing {folder}/ (it holds {name}); "
                    "run again when it has finished, or without --no-wait to wait for it."
                ) from None
            say(
                f"Waiting for the build running as PID {pid} to finish: it holds {name} "
                "(Ctrl-C stops waiting; --no-wait fails at once instead)."
            )
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            handle.flush()
