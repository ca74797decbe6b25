"""The exported pages as a person sees them, in real headless Chromium (helpers.publish.browser).

Each report and the index load with no failed request, no request off the machine and no console
error; the Chinese web font is loaded and used; the slide deck steps to its second slide; a
screenshot is not blank. The PDF handout embeds the CJK font (`pdffonts`) and its text extracts
as Chinese (`pdftotext`). Every real notebook's deck (rendered from the stored outputs, no kernel)
is stepped through slide by slide at 1280x720 and 1920x1080 and measured as a presenter would
see it; the slide PDFs have one landscape page per slide.

Needs Debian's chromium and poppler-utils. Without them these tests are skipped, with the reason
shown (`make test` passes on a user's machine); `make test` installs both where the machine allows it
(helpers.publish.system), and `.ci/run` sets
ZZ_REQUIRE_BROWSER=1, under which a missing tool fails the tests instead: CI never passes by
skipping them.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers.publish import browser, deck, export, index

STEM = "01_fixture_chart"
REQUIRED = os.environ.get(export.REQUIRE_BROWSER_ENV, "").strip().lower() in ("1", "true", "yes")


def _missing() -> str:
    problems = []
    if browser.find_browser() is None:
        problems.append(browser.no_browser_message())
    tools = [tool for tool in ("pdffonts", "pdftotext", "pdfinfo") if shutil.which(tool) is None]
    if tools:
        problems.append(f"{' and '.join(tools)} not found (Debian: apt-get install poppler-utils)")
    return " ".join(problems)


@pytest.fixture(scope="module")
def chromium(request: pytest.FixtureRequest):
    """(browser, layout): a running headless Chromium that sees only the project's font, as the
    export's PDF printer does, and the fixture export. Skips (or fails, with ZZ_REQUIRE_BROWSER=1)
    without Chromium and poppler-utils, before spending time on the export."""
    problem = _missing()
    if problem:
        if REQUIRED:
            pytest.fail(
                f"{export.REQUIRE_BROWSER_ENV}=1, but the browser tests cannot run: {problem}"
            )
        pytest.skip(f"browser tests need Chromium and poppler-utils: {problem}")
    layout, _, _ = request.getfixturevalue("exported")
    with browser.launch(fontconfig=layout.work / "fontconfig" / "fonts.conf") as running:
        yield running, layout


def _not_blank(png: bytes) -> float:
    """The standard deviation of the screenshot's grey levels: 0 for a blank page."""
    from PIL import Image, ImageStat

    return ImageStat.Stat(Image.open(io.BytesIO(png)).convert("L")).stddev[0]


def _assert_clean(page: browser.Page, name: str) -> None:
    off_machine = [url for url in page.log.requests if not url.startswith(("file:", "data:"))]
    assert not off_machine, f"{name} requested {off_machine}"
    assert not page.log.failed, f"{name}: failed requests {page.log.failed}"
    assert not page.log.errors, f"{name}: console errors {page.log.errors}"


@pytest.mark.parametrize(
    ("kind", "lang"), [("report", "en"), ("report", "zh"), ("code_report", "zh")]
)
def test_reports_load_cleanly_with_their_font(chromium, kind, lang) -> None:
    chrome, layout = chromium
    path = getattr(layout, kind)(lang, STEM)
    with chrome.page() as page:
        page.open(path)
        family = '"ZZ Noto Sans CJK SC"'
        assert page.evaluate(f"document.fonts.check('16px {family}', '枣庄高新技术企业')")
        faces = page.evaluate(
            "[...document.fonts].filter(f => f.family.includes('ZZ Noto'))"
            ".map(f => [f.family, f.weight, f.status])"
        )
        # the regular and the bold face of the prose family are used (the fixture has bold)
        assert [f for f in faces if f[0].strip('"') == "ZZ Noto Sans CJK SC"] == [
            ["ZZ Noto Sans CJK SC", "100 500", "loaded"],
            ["ZZ Noto Sans CJK SC", "600 900", "loaded"],
        ], faces
        assert all(status != "error" for *_, status in faces), faces
        assert "ZZ Noto Sans CJK SC" in page.evaluate(
            "getComputedStyle(document.querySelector('.jp-RenderedHTMLCommon')).fontFamily"
        )
        assert _not_blank(page.screenshot()) > 10
        _assert_clean(page, path.name)


def test_the_index_loads_cleanly(chromium) -> None:
    chrome, layout = chromium
    with chrome.page() as page:
        page.open(layout.index)
        assert page.evaluate("document.querySelectorAll('tbody tr').length") == 1
        assert _not_blank(page.screenshot()) > 10
        _assert_clean(page, "index.html")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_slide_deck_steps_to_its_second_slide(chromium, lang) -> None:
    chrome, layout = chromium
    path = layout.slides(lang, STEM)
    with chrome.page() as page:
        page.open(path)
        assert page.evaluate("Reveal.isReady()") is True
        assert page.evaluate("Reveal.getTotalSlides()") == 3
        first = page.screenshot()
        page.evaluate("Reveal.next()")
        assert page.evaluate("Reveal.getIndices().h") == 1
        second = page.screenshot()
        assert _not_blank(second) > 10 and second != first
        # This slide has more prose than fits (the fixture's caveats): the chart gives up some
        # height, then the slide is zoomed out, so nothing is cut off at the bottom.
        chart, content, zoom = page.evaluate(
            "(() => { const s = Reveal.getCurrentSlide(); return [s.querySelector('img')"
            ".offsetHeight, s.scrollHeight, Number(s.style.zoom || 1)]; })()"
        )
        height = page.evaluate("Reveal.getConfig().height")
        assert chart >= 0.4 * height - 1  # still a large chart, not a thumbnail
        assert zoom < 1 and content * zoom <= height + 1
        _assert_clean(page, path.name)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_pdf_embeds_the_cjk_font_and_its_text_is_chinese(chromium, lang) -> None:
    _, layout = chromium
    pdf = layout.pdf(lang, STEM)
    assert pdf.is_file()
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    cjk = [line for line in fonts.stdout.splitlines() if "NotoSansCJK" in line]
    embedded = [" yes yes yes " in f" {' '.join(line.split())} " for line in cjk]  # emb sub uni
    assert cjk and all(embedded), fonts.stdout
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "测试：枣庄高新技术产业" in text and "高新技术企业" in text
    assert ("仅中文版的结束语" in text) == (lang == "zh")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_pdf_has_no_type3_font(chromium, lang) -> None:
    """Every font of the handout is a real embedded TrueType/CID font: bold, italic, code and
    headings included (the fixture has each). Chromium writes synthetic bold, and any CFF/OTF
    fallback font, as nameless Type 3 fonts, which print and read badly."""
    _, layout = chromium
    fonts = subprocess.run(
        ["pdffonts", str(layout.pdf(lang, STEM))], capture_output=True, text=True, check=True
    ).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert rows and all(" ".join(row[1:3]) == "CID TrueType" for row in rows), fonts
    assert any("DejaVuSansMono" in row[0] for row in rows), fonts  # the code is monospace


def test_pdfs_are_the_same_when_printed_again(chromium, tmp_path: Path) -> None:
    chrome, layout = chromium
    again = tmp_path / "again.pdf"
    with chrome.page() as page:
        page.open(layout.report("zh", STEM))
        again.write_bytes(browser.normalise_pdf(page.pdf()))
    assert again.read_bytes() == layout.pdf("zh", STEM).read_bytes()


# --- the real decks, as a presenter sees them -------------------------------------------------
# The notebooks in notebooks/ are stored executed (in English): their decks are rendered from the
# stored outputs, with no kernel, and all of them are measured in the one browser above.

SIZES = ((1280, 720), (1920, 1080))
BRIEFING = index.BRIEFING
MEASURE_SLIDES = """(() => {
  const height = Reveal.getConfig().height, found = [];
  Reveal.getSlides().forEach(slide => {
    const at = Reveal.getIndices(slide);
    Reveal.slide(at.h, at.v);  /* shown as a presenter shows it: the fitting script has run */
    const zoom = Number(slide.style.zoom || 1);
    /* innerText leaves out what is not displayed: the notes (<aside class="notes">) */
    const words = (slide.innerText.match(/[^\\s]+/g) || [])
      .filter(w => /[\\p{L}\\p{N}]/u.test(w)).length;
    /* Chinese: each hanzi counts one, and each Latin word or number between them */
    const hanzi = (slide.innerText.match(/\\p{Script=Han}/gu) || []).length;
    const characters = hanzi + (slide.innerText.replace(/\\p{Script=Han}/gu, " ")
      .match(/[\\p{L}\\p{N}]+(?:[.,'’\\-/][\\p{L}\\p{N}]+)*%?/gu) || []).length;
    const charts = [...slide.querySelectorAll("img")].map(img =>  /* the picture as drawn */
      Math.min(img.offsetHeight, img.offsetWidth * img.naturalHeight / img.naturalWidth) * zoom);
    found.push({at: [at.h, at.v], content: slide.scrollHeight * zoom, height, words, characters,
                notes: (Reveal.getSlideNotes(slide) || "").replace(/<[^>]+>/g, "").trim().length,
                charts,
                code: slide.querySelectorAll(".jp-CodeCell .jp-InputArea, .highlight").length});
  });
  return found;
})()"""


@pytest.fixture(scope="module")
def decks(chromium, stored_decks) -> dict[str, Path]:
    """Every notebook's English deck, rendered from its stored outputs (no kernel: conftest)."""
    return stored_decks


def _deck_problems(
    page: browser.Page, decks: dict[str, Path], lang: str
) -> tuple[list[str], dict[str, tuple[int, int]]]:
    """Every slide of every deck at both sizes, as a presenter shows it: (problems, {stem:
    (slides, longest face)}), the face counted as helpers.publish.deck counts it for `lang`."""
    limit, _, unit = deck.face_limits(lang)
    length = "characters" if lang == "zh" else "words"
    problems, counted = [], {}
    for stem, path in decks.items():
        page.open(path)
        for width, height in SIZES:
            page.call(
                "Emulation.setDeviceMetricsOverride",
                {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
            )
            page.evaluate("Reveal.layout()")
            slides = page.evaluate(MEASURE_SLIDES)
            counted[stem] = (len(slides), max(s[length] for s in slides))
            for s in slides:
                where = f"{lang} {stem} slide {s['at']} at {width}x{height}"
                if s["content"] > s["height"] + 1:
                    problems.append(f"{where}: content {s['content']:.0f} px high")
                if s[length] > limit:
                    problems.append(f"{where}: {s[length]} {unit} on its face")
                if not s["notes"]:
                    problems.append(f"{where}: no speaker notes")
                if s["code"]:
                    problems.append(f"{where}: code on the slide")
                small = [c for c in s["charts"] if c < s["height"] / 2 - 1]
                if small:
                    problems.append(f"{where}: chart {small[0]:.0f} px, under half")
        _assert_clean(page, path.name)
    return problems, counted


def test_every_deck_fits_its_slides_at_both_sizes(chromium, decks) -> None:
    chrome, _ = chromium
    with chrome.page() as page:
        problems, counted = _deck_problems(page, decks, "en")
    assert not problems, "\n".join(problems)
    assert set(counted) == set(decks) and all(n >= 6 for n, _ in counted.values()), counted


def test_every_chinese_deck_fits_its_slides_at_both_sizes(chromium, exported_zh) -> None:
    """The zh decks of the build (conftest's `exported_zh`), measured like the English ones: a
    Chinese presenter's slides fit, keep the face limit in characters and carry their notes."""
    chrome, _ = chromium
    layout, status, output, stems = exported_zh
    assert status == 0 and stems, output
    decks = {stem: layout.slides("zh", stem) for stem in stems}
    with chrome.page() as page:
        problems, counted = _deck_problems(page, decks, "zh")
    assert not problems, "\n".join(problems)
    assert all(n >= 6 and longest > 0 for n, longest in counted.values()), counted


def test_the_briefing_decks_headline_slide_is_not_blank(chromium, decks) -> None:
    chrome, _ = chromium
    with chrome.page() as page:
        page.open(decks[BRIEFING])
        page.evaluate("Reveal.slide(1, 0)")
        text = page.evaluate("Reveal.getCurrentSlide().textContent")
        assert "50.84%" in text and "2.76" in text
        assert _not_blank(page.screenshot(1280, 720)) > 10


def _pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(
        next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages:"))
    )


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_slide_pdf_has_one_landscape_page_per_slide_and_the_cjk_font(chromium, lang) -> None:
    _, layout = chromium
    pdf = layout.slides_pdf(lang, STEM)
    assert _pdf_pages(pdf) == 3  # the fixture deck's three slides
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert width > height
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    assert "Type 3" not in fonts.stdout
    cjk = [line for line in fonts.stdout.splitlines() if "NotoSansCJK" in line]
    assert cjk and all(" yes yes yes " in f" {' '.join(line.split())} " for line in cjk)


def test_the_briefing_deck_prints_one_page_per_slide(chromium, decks, tmp_path: Path) -> None:
    chrome, _ = chromium
    with chrome.page() as page:
        page.open(decks[BRIEFING])
        slides = page.evaluate("Reveal.getTotalSlides()")
        page.open(decks[BRIEFING], query="print-pdf")
        pdf = tmp_path / "briefing.pdf"
        pdf.write_bytes(page.slides_pdf())
    assert 10 <= slides <= 15 and _pdf_pages(pdf) == slides
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    assert "Type 3" not in fonts.stdout and "NotoSansCJK" in fonts.stdout, fonts.stdout
