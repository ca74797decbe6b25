"""Writing files so that an interrupted run never leaves a half-written file looking complete."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from helpers.paths import RAW_DIR


def _refuse_raw(path: Path) -> None:
    if RAW_DIR.resolve() in path.resolve().parents:
        raise PermissionError(
            f"{path} is in data/raw/, which is never written: raw data is immutable."
        )


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, then rename it into place."""
    path = Path(path)
    _refuse_raw(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual mode
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    """`write_bytes_atomic` for UTF-8 text with "\\n" line endings on every platform."""
    write_bytes_atomic(path, text.encode("utf-8"))
