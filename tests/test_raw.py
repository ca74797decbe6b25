"""data/raw/ is the release exactly as received, and nothing in the project writes to it."""

from __future__ import annotations

import hashlib

import pytest

from helpers.files import write_text_atomic
from helpers.paths import RAW_DIR, RAW_RELEASE, RAW_RELEASE_SHA256


def test_raw_release_is_byte_for_byte_the_file_received() -> None:
    digest = hashlib.sha256(RAW_RELEASE.read_bytes()).hexdigest()
    assert digest == RAW_RELEASE_SHA256, (
        f"{RAW_RELEASE.name} has changed (SHA-256 {digest}, expected {RAW_RELEASE_SHA256}). "
        "data/raw/ must hold the file exactly as received: restore it with "
        "`git checkout -- data/raw/` or copy it again from ../shared/source/."
    )


def test_raw_folder_holds_only_the_release() -> None:
    assert sorted(p.name for p in RAW_DIR.iterdir()) == [RAW_RELEASE.name]


def test_project_writers_refuse_data_raw(tmp_path) -> None:
    with pytest.raises(PermissionError, match="raw data is immutable"):
        write_text_atomic(RAW_DIR / "anything.txt", "x")
    assert not (RAW_DIR / "anything.txt").exists()
