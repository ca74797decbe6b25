"""Remember a table that passed validation, keyed by everything that decided the verdict.

Validating the fact table with pandera costs about half a second per process (most of it importing
pandera), and every notebook, every test worker and every script pays it for the same bytes. The
verdict depends only on the input files, the code that checks them and the versions of the
libraries that do the checking; so the checked result is stored under a SHA-256 of exactly those,
in `build/.cache/checked/`, and a later process with the same inputs loads it instead of checking
again. Any change to a file, a checking module or a pinned library gives a new key, so a stale
result is never served; a failing check is never stored (its DataError is raised every time).

The cache is the project's own derived data, written atomically (helpers.files) and read with
pickle; `make clean` removes it. `ZZ_NO_CACHE=1` turns it off (every load validates afresh).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path
from typing import TypeVar

from helpers.files import write_bytes_atomic
from helpers.paths import BUILD_DIR

CACHE_DIR = BUILD_DIR / ".cache" / "checked"
NO_CACHE_ENV = "ZZ_NO_CACHE"
# Libraries whose behaviour decides what the checks accept and what the result looks like.
LIBRARIES = ("pandas", "pandera", "numpy")

T = TypeVar("T")


def key(name: str, files: Iterable[Path], code: Iterable[Path]) -> str:
    """The SHA-256 of `name`, the bytes of every input file and checking module, and the versions
    of the checking libraries. A missing file hashes as missing (and usually fails the check)."""
    digest = hashlib.sha256(name.encode())
    for path in [*files, *code]:
        digest.update(str(path).encode())
        try:
            digest.update(Path(path).read_bytes())
        except OSError:
            digest.update(b"\0missing")
    for library in LIBRARIES:
        try:
            digest.update(f"{library}=={metadata.version(library)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library} absent".encode())
    return digest.hexdigest()


def checked(name: str, files: Iterable[Path], code: Iterable[Path], check: Callable[[], T]) -> T:
    """`check()`'s result, from the cache when the same inputs were checked before.

    `check` raises on invalid input; nothing is stored then. An unreadable or corrupt cache entry
    is ignored and replaced.
    """
    if os.environ.get(NO_CACHE_ENV, "").strip() not in ("", "0"):
        return check()
    entry = CACHE_DIR / f"{name}-{key(name, files, code)}.pickle"
    try:
        return pickle.loads(entry.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        pass
    result = check()
    with contextlib.suppress(OSError):  # a read-only checkout still works, only slower
        write_bytes_atomic(entry, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    return result
