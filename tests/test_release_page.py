"""The annotated release (build/release.html) as a reader uses it, in real headless Chromium.

Why a browser: the cards, the switches and the layout at phone width are behaviour of the page's
script and stylesheet, which only a browser runs. Kept cheap: one Chromium for the module and two
page loads (desktop, then a 390 px phone); the page itself is built once per session
(`release_page` in conftest.py). Skipped without Chromium, failed instead under
ZZ_REQUIRE_BROWSER=1, as tests/test_browser.py.
"""

from __future__ import annotations

import io
import json
import os

import pytest

from helpers.facts import load_facts
from helpers.paths import RAW_RELEASE
from helpers.publish import browser, export

REQUIRED = os.environ.get(export.REQUIRE_BROWSER_ENV, "").strip().lower() in ("1", "true", "yes")


@pytest.fixture(scope="module")
def chrome(tmp_path_factory: pytest.TempPathFactory):
    """One headless Chromium that sees only the project's font, as the export's printer."""
    from helpers.publish import webfont

    if browser.find_browser() is None:
        if REQUIRED:
            pytest.fail(f"{export.REQUIRE_BROWSER_ENV}=1, but {browser.no_browser_message()}")
        pytest.skip(
            f"the release page's browser tests need Chromium: {browser.no_browser_message()}"
        )
    fontconfig = webfont.fontconfig_file(tmp_path_factory.mktemp("fontconfig"))
    with browser.launch(fontconfig=fontconfig) as running:
        yield running


@pytest.fixture(scope="module")
def page(chrome, release_page):
    """The page loaded once at desktop size (1024 x 640); the tests below share it and leave it
    as they found it."""
    with chrome.page() as tab:
        tab.call("Emulation.setFocusEmulationEnabled", {"enabled": True})  # focus events fire
        tab.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": 1024, "height": 640, "deviceScaleFactor": 1, "mobile": False},
        )
        tab.open(release_page)
        yield tab


def _visible(page: browser.Page, selector: str) -> bool:
    return page.evaluate(
        f"(() => {{ const e = document.querySelector({json.dumps(selector)}); "
        "return !!e && e.getClientRects().length > 0; })()"
    )


def _key(page: browser.Page, key: str, code: int) -> None:
    for kind in ("keyDown", "keyUp"):
        page.call(
            "Input.dispatchKeyEvent",
            {"type": kind, "key": key, "code": key, "windowsVirtualKeyCode": code},
        )


def test_the_page_loads_cleanly_and_is_not_blank(page) -> None:
    from PIL import Image, ImageStat

    off_machine = [u for u in page.log.requests if not u.startswith(("file:", "data:"))]
    assert not off_machine and not page.log.failed, (off_machine, page.log.failed)
    assert not page.log.errors, page.log.errors
    assert page.evaluate("document.fonts.check('16px \"ZZ Noto Sans CJK SC\"', '枣庄高新')")
    png = page.screenshot()
    assert ImageStat.Stat(Image.open(io.BytesIO(png)).convert("L")).stddev[0] > 10


def test_every_fact_is_highlighted_exactly_at_its_quote(page) -> None:
    facts = load_facts()
    found = page.evaluate("""(() => {
      const out = {};
      for (const col of ['zh', 'en']) {
        out[col] = [...document.querySelectorAll('#release .' + col + ' mark.fig')].map(m => {
          const range = document.createRange();
          range.setStart(m.parentNode, 0);
          range.setEndBefore(m);
          return [m.dataset.fact, m.textContent, range.toString().length, m.parentNode.textContent];
        });
      }
      return out;
    })()""")
    ids = sorted(facts["id"])
    assert sorted(f for f, *_ in found["zh"]) == ids
    assert sorted(f for f, *_ in found["en"]) == ids  # the English: one mark per fact too
    quotes = dict(zip(facts["id"], facts["quote"], strict=True))
    for fact, number, offset, paragraph in found["zh"]:
        quote = paragraph.index(quotes[fact])
        assert quote <= offset and offset + len(number) <= quote + len(quotes[fact]), fact
        assert paragraph[offset : offset + len(number)] == number


def test_a_card_opens_by_keyboard_with_value_qualifier_and_verdict(page) -> None:
    page.evaluate("document.getElementById('zh-provincial_funding').focus()")
    assert _visible(page, "#card-provincial_funding")  # focus alone opens it
    _key(page, "Enter", 13)  # Enter pins it and moves the focus into it
    card = page.evaluate("""(() => { const c = document.getElementById('card-provincial_funding');
      return [document.activeElement === c, c.innerText,
              getComputedStyle(c.querySelector('.verdict')).backgroundColor,
              [...c.querySelectorAll('.verdict')].map(v => v.innerText.trim())]; })()""")
    focused, text, colour, verdicts = card
    assert focused
    assert "8500余万元" in text and "85,000,000 yuan" in text
    assert "more than 8,500万元: a lower bound" in text
    assert "bound · 下限" in verdicts and "Quote as 'more than 8,500'" in text
    assert colour != "rgba(0, 0, 0, 0)"
    _key(page, "Escape", 27)
    assert not _visible(page, "#card-provincial_funding")
    assert page.evaluate("document.activeElement.id") == "zh-provincial_funding"
    page.evaluate("document.activeElement.blur()")


def test_hovering_a_figure_in_the_english_opens_its_card(page) -> None:
    x, y = page.evaluate("""(() => { const m = document.getElementById('en-foreign_experts_growth');
      m.scrollIntoView({block: 'center'}); const r = m.getBoundingClientRect();
      return [r.left + r.width / 2, r.top + r.height / 2]; })()""")
    page.call("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})
    assert _visible(page, "#card-foreign_experts_growth")
    text = page.evaluate("document.getElementById('card-foreign_experts_growth').innerText")
    assert "inconsistent" in text and "Derived figures the release does not print" in text
    page.call("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": 2, "y": 2})
    page.evaluate("new Promise(done => setTimeout(done, 400))")  # the card lingers 250 ms
    assert not _visible(page, "#card-foreign_experts_growth")


def test_the_language_switch_hides_and_shows_the_columns(page) -> None:
    def shown() -> tuple[bool, bool]:
        return _visible(page, "#release p.zh"), _visible(page, "#release p.en")

    assert shown() == (True, True)
    page.evaluate("document.querySelector('button[data-lang=en]').click()")
    assert shown() == (False, True)
    page.evaluate("document.querySelector('button[data-lang=zh]').click()")
    assert shown() == (True, False)
    page.evaluate("document.querySelector('button[data-lang=both]').click()")
    assert shown() == (True, True)


def test_the_repair_view_shows_every_change_of_the_repair_report(page) -> None:
    from helpers.repair.text import repair_report

    expected = len(repair_report(RAW_RELEASE.read_text(encoding="utf-8")))
    assert not _visible(page, "#repair")
    page.evaluate("document.querySelector('button[data-view=repair]').click()")
    try:
        assert _visible(page, "#repair .raw") and not _visible(page, "#release")
        shown = page.evaluate("""new Set([...document.querySelectorAll('#repair [data-change]')]
          .filter(e => e.getClientRects().length > 0).map(e => e.dataset.change)).size""")
        assert shown == expected
        kinds = page.evaluate("""[...new Set([...document.querySelectorAll('#repair .raw .chg')]
          .map(e => e.dataset.kind))].sort()""")
        assert {"mojibake", "pinyin", "punctuation", "traditional"} <= set(kinds)
        assert page.evaluate("document.querySelectorAll('#repair .badge.editorial').length") == 2
    finally:
        page.evaluate("document.querySelector('button[data-view=release]').click()")
    assert _visible(page, "#release")


def test_readable_on_a_phone_without_horizontal_scrolling(chrome, release_page) -> None:
    with chrome.page() as phone:
        phone.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True},
        )
        phone.open(release_page)
        width = "document.documentElement.scrollWidth"
        assert phone.evaluate(width) <= 390
        phone.evaluate("document.getElementById('en-social_benefit').click()")  # a tap
        assert _visible(phone, "#card-social_benefit")
        assert phone.evaluate(width) <= 390
        left, right = phone.evaluate(
            "(() => { const r = document.getElementById("
            "'card-social_benefit').getBoundingClientRect(); "
            "return [r.left, r.right]; })()"
        )
        assert left >= 0 and right <= 390
        phone.evaluate("document.querySelector('button[data-view=repair]').click()")
        assert phone.evaluate(width) <= 390
        assert not phone.log.errors and not phone.log.failed
