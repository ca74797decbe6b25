"""The committed files in data/processed/ are exactly what the code produces today."""

from __future__ import annotations

from helpers.paths import REPAIRED_RELEASE
from helpers.publish.data import PRODUCERS, stale_files


def test_processed_files_are_current() -> None:
    stale = [str(p) for p in stale_files()]
    assert stale == [], f"stale derived files {stale}: run `make data` and commit the result"


def test_repaired_release_is_produced_by_code() -> None:
    assert REPAIRED_RELEASE in PRODUCERS
