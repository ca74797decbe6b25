"""The cache of checked tables (helpers.checked_cache): a second load skips the check, and any
change to an input, to the checking code or to a library version checks again."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import checked_cache


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setattr(checked_cache, "CACHE_DIR", folder)
    monkeypatch.delenv(checked_cache.NO_CACHE_ENV, raising=False)
    return folder


def _counting_check(calls: list[str], value: str):
    def check() -> str:
        calls.append(value)
        return value

    return check


def test_the_same_inputs_are_checked_once(tmp_path, cache_dir) -> None:
    data, code, calls = tmp_path / "t.csv", tmp_path / "m.py", []
    data.write_text("a,b\n1,2\n")
    code.write_text("RULES = 1\n")
    assert checked_cache.checked("t", [data], [code], _counting_check(calls, "first")) == "first"
    assert checked_cache.checked("t", [data], [code], _counting_check(calls, "second")) == "first"
    assert calls == ["first"]
    assert len(list(cache_dir.glob("t-*.pickle"))) == 1


@pytest.mark.parametrize("changed", ["data", "code"])
def test_a_changed_input_or_checking_module_is_checked_again(tmp_path, cache_dir, changed) -> None:
    data, code, calls = tmp_path / "t.csv", tmp_path / "m.py", []
    data.write_text("a,b\n1,2\n")
    code.write_text("RULES = 1\n")
    checked_cache.checked("t", [data], [code], _counting_check(calls, "old"))
    (data if changed == "data" else code).write_text("changed\n")
    assert checked_cache.checked("t", [data], [code], _counting_check(calls, "new")) == "new"
    assert calls == ["old", "new"]


def test_a_library_upgrade_changes_the_key(tmp_path, monkeypatch) -> None:
    data = tmp_path / "t.csv"
    data.write_text("x\n")
    before = checked_cache.key("t", [data], [])
    real = checked_cache.metadata.version
    monkeypatch.setattr(
        checked_cache.metadata, "version", lambda name: "0.0" if name == "pandera" else real(name)
    )
    assert checked_cache.key("t", [data], []) != before


def test_a_failing_check_is_never_stored(tmp_path, cache_dir) -> None:
    data = tmp_path / "t.csv"
    data.write_text("bad\n")

    def failing() -> str:
        raise ValueError("line 2: not a number")

    for _ in range(2):  # raised every time: nothing was remembered
        with pytest.raises(ValueError, match="not a number"):
            checked_cache.checked("t", [data], [], failing)
    assert not cache_dir.exists() or not list(cache_dir.iterdir())


def test_a_corrupt_entry_is_replaced(tmp_path, cache_dir) -> None:
    data, calls = tmp_path / "t.csv", []
    data.write_text("x\n")
    checked_cache.checked("t", [data], [], _counting_check(calls, "good"))
    (entry,) = cache_dir.glob("t-*.pickle")
    entry.write_bytes(b"not a pickle")
    assert checked_cache.checked("t", [data], [], _counting_check(calls, "again")) == "again"
    assert calls == ["good", "again"]


def test_turned_off_it_checks_every_time(tmp_path, cache_dir, monkeypatch) -> None:
    data, calls = tmp_path / "t.csv", []
    data.write_text("x\n")
    monkeypatch.setenv(checked_cache.NO_CACHE_ENV, "1")
    checked_cache.checked("t", [data], [], _counting_check(calls, "a"))
    checked_cache.checked("t", [data], [], _counting_check(calls, "b"))
    assert calls == ["a", "b"] and not cache_dir.exists()


def test_an_edited_fact_table_is_refused_even_after_a_good_one_was_cached(
    tmp_path, cache_dir
) -> None:
    import helpers
    from helpers.paths import FACTS

    copy = tmp_path / "facts.csv"
    copy.write_bytes(FACTS.read_bytes())
    assert helpers.load_facts(copy)["id"].is_unique  # checked, and now cached
    copy.write_text(
        copy.read_text(encoding="utf-8").replace(",1295,家,", ",1296,家,", 1), encoding="utf-8"
    )
    with pytest.raises(helpers.DataError, match="1296"):
        helpers.load_facts(copy)
