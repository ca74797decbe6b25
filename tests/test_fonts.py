"""The charts' CJK font: found quickly, OFL when bundled, never SimHei; one warning when missing."""

from __future__ import annotations

import time
import warnings
from pathlib import Path

import pytest
from matplotlib import font_manager

from helpers import fonts
from helpers.fonts import FontError, MissingCJKFontWarning, ensure_cjk_font


@pytest.fixture(autouse=True)
def _fresh_lookup(monkeypatch: pytest.MonkeyPatch):
    """Each test sees a fresh lookup; the real one is restored for the tests that follow."""
    monkeypatch.delenv(fonts.STRICT_ENV, raising=False)
    fonts._reset_for_tests()
    yield
    fonts._reset_for_tests()


@pytest.fixture
def no_font(monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine with neither a system CJK font nor the mplfonts package."""
    monkeypatch.setattr(fonts, "_find_system_font", lambda: None)
    monkeypatch.setattr(fonts, "bundled_cjk_font_path", lambda: None)


def test_a_cjk_font_is_available_here() -> None:
    # make env installs mplfonts, so every machine of the project has at least the bundled font.
    font = ensure_cjk_font(strict=True)
    assert font is not None
    assert font.path.is_file()
    assert fonts.cjk_font_path() == font.path


def test_the_bundled_font_is_the_ofl_noto_sans_cjk_sc_file() -> None:
    path = fonts.bundled_cjk_font_path()
    assert path is not None, "mplfonts is missing: run make env"
    assert path.name == "NotoSansCJKsc-Regular.otf"
    assert "SIL Open Font License" in fonts._licence_text(str(path), 0)


def test_the_chosen_font_is_never_simhei() -> None:
    font = ensure_cjk_font()
    assert font is not None
    assert "simhei" not in f"{font.path.name} {font.family}".lower()
    if font.source == "bundled":
        assert font.open_licence


def test_matplotlib_finds_the_chosen_font_by_its_family() -> None:
    font = ensure_cjk_font()
    assert font is not None
    found = font_manager.findfont(
        font_manager.FontProperties(family=font.family), fallback_to_default=False
    )
    assert Path(found) == font.path


def _fake_entry(path: Path, family: str) -> font_manager.FontEntry:
    path.write_bytes(b"")
    return font_manager.FontEntry(fname=str(path), name=family, style="normal", weight=400)


def test_a_system_font_comes_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    entry = _fake_entry(tmp_path / "PingFang.ttc", "PingFang SC")
    monkeypatch.setattr(font_manager.fontManager, "ttflist", [entry])
    font = fonts._find_system_font()
    assert font is not None
    assert (font.family, font.path, font.source) == ("PingFang SC", Path(entry.fname), "system")


def test_simhei_is_skipped_even_under_a_preferred_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    impostor = _fake_entry(tmp_path / "SimHei.ttf", "Noto Sans CJK SC")
    simhei = _fake_entry(tmp_path / "simhei2.ttf", "SimHei")
    monkeypatch.setattr(font_manager.fontManager, "ttflist", [impostor, simhei])
    assert fonts._find_system_font() is None


def test_a_missing_font_warns_once_with_what_to_do(no_font: None) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for _ in range(3):
            assert ensure_cjk_font() is None
    assert [w.category for w in caught] == [MissingCJKFontWarning]
    message = str(caught[0].message)
    assert "make env" in message and "pip install -r requirements.txt" in message


def test_strict_mode_makes_a_missing_font_an_error(
    no_font: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(FontError, match="make env"):
        ensure_cjk_font(strict=True)
    monkeypatch.setenv(fonts.STRICT_ENV, "1")
    with pytest.raises(FontError):
        ensure_cjk_font()
    with warnings.catch_warnings(record=True):  # strict=False beats the environment
        warnings.simplefilter("always")
        assert ensure_cjk_font(strict=False) is None


def test_the_lookup_is_cheap() -> None:
    start = time.perf_counter()
    ensure_cjk_font()
    first = time.perf_counter() - start
    start = time.perf_counter()
    for _ in range(100):
        ensure_cjk_font()
    again = (time.perf_counter() - start) / 100
    assert first < 0.5, f"first lookup took {first:.3f} s"
    assert again < 0.001, f"a repeated lookup took {again:.6f} s"
