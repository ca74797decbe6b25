"""One true line per error for a person at the command line; the traceback only on request.

The build's commands (`make run`, `make data`, `make release`, `make export`) end in `guarded`:
an error prints one line, `error: <what went wrong>`, naming the file and the cause (a DataError
of the fact table already names the file, line, id and column: its message is printed as it is,
one line per problem), instead of 50 lines of chained tracebacks. `--debug` on the command line
or ZZ_DEBUG=1 in the environment lets the traceback through, for whoever fixes the code.
Ctrl-C (and SIGTERM) stop with one line and exit status 130.
"""

from __future__ import annotations

import errno
import os
import signal
import sys
from collections.abc import Callable

from helpers.publish.layout import display

DEBUG_ENV = "ZZ_DEBUG"
EXIT_ERROR, EXIT_INTERRUPTED = 1, 130
HINT = f"(the traceback: --debug or {DEBUG_ENV}=1)"


def debugging(argv: list[str]) -> bool:
    """Whether the traceback is wanted: --debug among `argv` (removed from it), or ZZ_DEBUG=1."""
    wanted = "--debug" in argv
    while "--debug" in argv:
        argv.remove("--debug")
    return wanted or os.environ.get(DEBUG_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def one_line(error: BaseException) -> str:
    """What went wrong, in plain words and without the traceback: the file and the cause."""
    from helpers.errors import DataError

    if isinstance(error, DataError):
        return str(error).strip()
    if isinstance(error, OSError) and error.errno is not None:
        where = display(_path(error.filename)) if error.filename else ""
        cause = {
            errno.ENOSPC: "no space left on the disk: free some and run again",
            errno.EDQUOT: "the disk quota is full: free some and run again",
            errno.EROFS: "the file system is read-only",
            errno.EACCES: "permission denied (is the folder read-only?)",
            errno.EPERM: "operation not permitted (is the folder read-only?)",
        }.get(error.errno, error.strerror or type(error).__name__)
        return f"{where}: {cause}" if where else cause
    text = " ".join(str(error).split()) or "(no message)"
    return f"{type(error).__name__}: {text[:300]}"


def _path(name: object) -> object:
    from pathlib import Path

    return Path(os.fsdecode(name)) if isinstance(name, str | bytes) else name


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def guarded(main: Callable[[list[str]], int], argv: list[str] | None = None) -> int:
    """Run `main(argv)` (default: the command line), turning any error into one line."""
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = debugging(argv)
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        return main(argv)
    except KeyboardInterrupt:
        if debug:
            raise
        print(
            "Interrupted: what was finished is kept; run the command again to finish.", flush=True
        )
        return EXIT_INTERRUPTED
    except Exception as error:  # noqa: BLE001 - the one place every error becomes one line
        if debug:
            raise
        print(f"error: {one_line(error)} {HINT}", file=sys.stderr, flush=True)
        return EXIT_ERROR
    finally:
        signal.signal(signal.SIGTERM, previous)
