"""The exported pages as a person sees them, in real headless Chromium (helpers.publish.browser).

Each report and the index load with no failed request, no request off the machine and no console
error; the Chinese web font is loaded and used; a screenshot is not blank. The PDF handout
embeds the CJK font (`pdffonts`) and its text extracts as Chinese (`pdftotext`). The decks are
measured in the browser by tests/test_decks.py.

Needs Debian's chromium and poppler-utils. Without them these tests are skipped, with the reason
shown (`make test` passes on a user's machine); `make test` installs both where the machine allows it
(helpers.publish.system), and `.ci/run` sets
ZZ_REQUIRE_BROWSER=1, under which a missing tool fails the tests instead: CI never passes by
skipping them.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers.publish import browser, export

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


@pytest.mark.slow
def test_chromium_dies_with_the_process_that_started_it_even_after_kill_9() -> None:
    """A killed export leaves no Chromium behind. Two things see to it: Chromium exits when its
    command pipe closes, and it asked the kernel (PR_SET_PDEATHSIG) for SIGKILL when its parent
    dies, for a Chromium too busy to read its pipe. This pins the promise, either way."""
    import signal
    import sys
    import time

    if browser.find_browser() is None:
        if REQUIRED:
            pytest.fail(f"{export.REQUIRE_BROWSER_ENV}=1, but {browser.no_browser_message()}")
        pytest.skip(f"needs Chromium: {browser.no_browser_message()}")
    if not sys.platform.startswith("linux"):
        pytest.skip("PR_SET_PDEATHSIG is Linux's")
    script = (
        "import time\nfrom helpers.publish import browser\n"
        "with browser.launch() as running:\n"
        "    print(running._process.pid, flush=True)\n    time.sleep(120)\n"
    )
    parent = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, cwd=Path.cwd()
    )
    chromium_pid = int(parent.stdout.readline())
    os.kill(chromium_pid, 0)  # running
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(chromium_pid, 0)
        except ProcessLookupError:
            return
        with open(f"/proc/{chromium_pid}/stat") as stat:  # a zombie is gone, only not reaped
            if stat.read().split(") ")[-1].startswith("Z"):
                return
        time.sleep(0.1)
    os.kill(chromium_pid, signal.SIGKILL)
    pytest.fail(f"Chromium (pid {chromium_pid}) outlived the kill -9 of its parent")
