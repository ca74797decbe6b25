"""data/raw/ is the release exactly as received, and nothing in the project writes to it."""

from __future__ import annotations

import hashlib

import pytest

from helpers.errors import DataError
from helpers.paths import RAW_DIR, RAW_RELEASE, RAW_RELEASE_SHA256, write_text_atomic
from helpers.publish.data import check_raw


def test_raw_release_is_byte_for_byte_the_file_received() -> None:
    assert hashlib.sha256(RAW_RELEASE.read_bytes()).hexdigest() == RAW_RELEASE_SHA256
    check_raw()  # what `make data` runs first


def test_an_edited_raw_file_is_named_and_refused(tmp_path) -> None:
    edited = tmp_path / RAW_RELEASE.name
    edited.write_bytes(RAW_RELEASE.read_bytes().replace(b"1295", b"1296"))
    with pytest.raises(DataError, match=rf"^{RAW_RELEASE.name} has changed: its SHA-256 is "):
        check_raw(edited)
    with pytest.raises(DataError, match="is missing from data/raw/"):
        check_raw(tmp_path / "absent.txt")


def test_raw_folder_holds_only_the_release() -> None:
    assert sorted(p.name for p in RAW_DIR.iterdir()) == [RAW_RELEASE.name]


def test_project_writers_refuse_data_raw(tmp_path) -> None:
    with pytest.raises(PermissionError, match="raw data is immutable"):
        write_text_atomic(RAW_DIR / "anything.txt", "x")
    assert not (RAW_DIR / "anything.txt").exists()
