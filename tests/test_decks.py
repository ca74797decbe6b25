"""The presenters' decks as built (helpers.publish.decks), every slide of every deck in both
languages: evidence under every headline, charts drawn for the slide, notes a presenter can say
with the release's sentence in them, numbers that trace to the facts, and a briefing that fits
ten minutes. In headless Chromium (helpers.publish.browser): every deck loads with nothing
fetched and no console error, every slide fits 1280x720 and 1920x1080, and every deck prints one
landscape PDF page per slide with its fonts embedded. Those need Chromium and poppler-utils: they
are skipped without them, saying why, and fail instead under ZZ_REQUIRE_BROWSER=1 (CI)."""

from __future__ import annotations

import base64
import html as html_lib
import os
import re
import shutil
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers.paths import FACTS, REPAIRED_RELEASE
from helpers.publish import chinese_share, decks
from helpers.repair.script import HAN, HAN_RANGES

BRIEFING = "08_summary"
MIN_CHART_WIDTH = 1200
MAX_BRIEFING_SLIDES = 14
MAX_TABLE_ROWS = 5
MAX_BULLETS = 3
# Spoken at 125 to 150 English words or 200 to 280 Chinese characters a minute for 8 to 10 minutes.
BRIEFING_WORDS = (1000, 1500)
BRIEFING_CHARACTERS = (1600, 2700)
# What a presenter never says aloud: code, file names, the notebook as a notebook.
NOT_SPEECH = re.compile(
    r"\.ipynb|\.py\b|\.csv\b|\.md\b|helpers\.|derive\.|`|\b[a-z]+_[a-z_]+\b|\bnotebook\b|"
    r"this chapter|本笔记本|笔记本|data/|build/|this deck|context deck|appendix deck|附录一节|背景一节",
    re.I,
)


class _Slides(HTMLParser):
    """Each <section> of a deck: its face text, its notes text, its images and tables."""

    def __init__(self) -> None:
        super().__init__()
        self.slides: list[dict] = []
        self._in_notes = 0
        self._tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "section":
            self.slides.append(
                {"face": "", "notes": "", "images": [], "rows": 0, "bullets": 0, "numbers": 0}
            )
        elif not self.slides:
            return
        slide = self.slides[-1] if self.slides else None
        if tag == "aside" and "notes" in attributes.get("class", ""):
            self._in_notes += 1
        elif tag == "img" and slide is not None:
            slide["images"].append(attributes)
        elif tag == "tr" and slide is not None and not self._in_notes:
            slide["rows"] += 1
        elif tag == "li" and slide is not None and not self._in_notes:
            slide["bullets"] += 1
        elif tag == "div" and "zz-number" in attributes.get("class", "") and slide is not None:
            slide["numbers"] += 1
        self._tags.append(tag)

    def handle_endtag(self, tag):
        if tag == "aside" and self._in_notes:
            self._in_notes -= 1
        if self._tags:
            self._tags.pop()

    def handle_data(self, data):
        if not self.slides or (self._tags and self._tags[-1] in ("script", "style")):
            return
        key = "notes" if self._in_notes else "face"
        self.slides[-1][key] += data + " "


def _slides(path: Path) -> list[dict]:
    parser = _Slides()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.slides


def _png_width(src: str) -> int:
    data = base64.b64decode(src.split(",", 1)[1])
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">I", data[16:20])[0]


@pytest.fixture(scope="module")
def built(built_decks) -> dict[tuple[str, str], Path]:
    """Every deck of both languages, built as `make run` builds them (no PDFs; conftest)."""
    assert built_decks, "no deck was built"
    return built_decks


def test_every_chapter_has_a_deck_in_both_languages(built) -> None:
    for lang in decks.LANGS:
        names = {name for (code, name) in built if code == lang}
        assert BRIEFING in names
        other = "zh" if lang == "en" else "en"
        assert names == {name for (code, name) in built if code == other}, (lang, names)


def test_every_slide_has_evidence_under_its_headline(built) -> None:
    for (lang, name), path in built.items():
        for number, slide in enumerate(_slides(path)[1:], start=2):
            where = f"{lang}/{name} slide {number}"
            charts = [image for image in slide["images"] if "zz-chart" in image.get("class", "")]
            evidence = charts or slide["numbers"] or slide["rows"] or slide["bullets"]
            assert evidence, f"{where}: a headline with nothing under it"
            assert slide["rows"] <= MAX_TABLE_ROWS + 1, f"{where}: more than five table rows"
            assert slide["bullets"] <= MAX_BULLETS, f"{where}: more than three bullets"


def test_every_chart_is_drawn_for_the_slide_and_described(built) -> None:
    default = "No description has been provided"
    for (lang, name), path in built.items():
        for number, slide in enumerate(_slides(path), start=1):
            for image in slide["images"]:
                where = f"{lang}/{name} slide {number}"
                assert _png_width(image["src"]) >= MIN_CHART_WIDTH, where
                alt = image.get("alt", "")
                assert alt and default not in alt and re.search(r"\d", alt), where


def test_chart_text_is_at_least_18_points_on_the_slide() -> None:
    """A chart is drawn 1600 px wide with its smallest text at CHART_FONT_PT and shown across the
    slide (1280 CSS px less reveal.js's 4% margins): that text measures 18 pt or more there."""
    width_px = decks.CHART_SIZE_IN[0] * decks.CHART_DPI
    shown_px = decks.SLIDE_WIDTH * 0.92
    text_px = decks.CHART_FONT_PT / 72 * decks.CHART_DPI * shown_px / width_px
    assert width_px >= MIN_CHART_WIDTH
    assert text_px * 0.75 >= 18, text_px * 0.75  # CSS px to points


def test_notes_on_every_slide_are_speech(built) -> None:
    for (lang, name), path in built.items():
        for number, slide in enumerate(_slides(path), start=1):
            where = f"{lang}/{name} slide {number}"
            notes = slide["notes"].strip()
            assert notes, f"{where}: no speaker notes"
            found = NOT_SPEECH.search(notes)
            assert not found, f"{where}: notes say {found.group(0)!r}, which is not speech"
            assert not notes.rstrip().endswith((":", "：")), f"{where}: notes end on a colon"


def test_section_slides_quote_the_release(built) -> None:
    """Every slide after the title quotes the release's own sentence (eight or more characters
    of it, verbatim) in its notes, except the close, which says what to quote."""
    release = REPAIRED_RELEASE.read_text(encoding="utf-8")
    for (lang, name), path in built.items():
        slides = _slides(path)
        for number, slide in enumerate(slides[1:-1], start=2):
            runs = re.findall(rf"[{HAN_RANGES}，、：；“”（）\d.%]{{8,}}", slide["notes"])
            pieces = [p.strip(".") for run in runs for p in re.split(r"[，、：；“”（）]", run)]
            quoted = [
                piece for piece in pieces if len(HAN.findall(piece)) >= 6 and piece in release
            ]
            assert quoted, (
                f"{lang}/{name} slide {number}: the notes quote no sentence of the release"
            )


def test_faces_show_no_file_path(built) -> None:
    for (lang, name), path in built.items():
        for number, slide in enumerate(_slides(path), start=1):
            face = slide["face"]
            found = re.search(
                r"\b\w+\.(?:ipynb|py|csv|md|html)\b|\bdata/|\bbuild/|notebooks/", face
            )
            assert not found, f"{lang}/{name} slide {number}: {found.group(0)!r} on the face"


def test_the_briefing_fits_ten_minutes(built) -> None:
    for lang in decks.LANGS:
        slides = _slides(built[(lang, BRIEFING)])
        assert len(slides) <= MAX_BRIEFING_SLIDES, len(slides)
        notes = " ".join(slide["notes"] for slide in slides)
        if lang == "en":
            words = len(re.findall(r"[A-Za-z0-9][\w'.,%-]*", notes))
            assert BRIEFING_WORDS[0] <= words <= BRIEFING_WORDS[1], words
        else:
            characters = len(HAN.findall(notes))
            assert BRIEFING_CHARACTERS[0] <= characters <= BRIEFING_CHARACTERS[1], characters


def _fact_numbers() -> set[float]:
    import csv

    numbers: set[float] = set()
    with FACTS.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            numbers.update({float(row["value"]), float(row["value_base"])})
    return numbers


NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?")


def test_numbers_on_the_faces_trace_to_the_facts(built) -> None:
    """Every number on a slide's face is a fact's value, a value the notebooks print (a derived
    figure, a count of the audit) or one of those rounded to fewer decimals (the face's 405 for
    the printed 405.4), or a small ordinal or year; a number that drifts fails."""
    import json

    from helpers.formatting import round_sig
    from helpers.paths import NOTEBOOKS_DIR

    allowed = _fact_numbers()
    for path in NOTEBOOKS_DIR.glob("[0-9]*.ipynb"):
        text = json.dumps(
            [cell.get("outputs", []) for cell in json.loads(path.read_text())["cells"]],
            ensure_ascii=False,
        )
        allowed.update(float(a.replace(",", "") + b) for a, b in NUMBER.findall(text))
    for (lang, name), path in built.items():
        for number, slide in enumerate(_slides(path), start=1):
            for whole, fraction in NUMBER.findall(slide["face"]):
                value = float(whole.replace(",", "") + fraction)
                ok = value <= 12 or 2000 <= value <= 2030 or value in allowed
                ok = ok or any(abs(value * 10**k - a) < 1e-6 for a in allowed for k in (4, 6, 8, 9))
                ok = ok or any(value == round(a, d) for a in allowed for d in (0, 1, 2))
                # an English amount in three digits: CNY 4.77 million for the printed 476.6万元
                ok = ok or any(
                    abs(value * 10**k - round_sig(a, 3)) <= 1e-9 * abs(a)
                    for a in allowed
                    if a
                    for k in (6, 9)
                )
                assert ok, f"{lang}/{name} slide {number}: {whole}{fraction} traces to no fact"


def test_a_deck_source_without_evidence_is_refused_with_its_place() -> None:
    source = "# Title\nsub\n---\n## A headline alone\nNote:\nSomething to say.\n"
    with pytest.raises(decks.DeckError, match=r"x \(en\), slide 2: a slide needs evidence"):
        decks.parse(source, "x", "en")


def test_a_chart_row_must_name_a_fact_or_a_derivation() -> None:
    source = "# T\n---\n## H\n!chart A chart\nOne | no_such_fact\n"
    with pytest.raises(decks.DeckError, match="no_such_fact"):
        decks.parse(source, "x", "en")


def test_chart_rows_are_computed_from_the_facts() -> None:
    bars = decks.chart_bars(
        [
            ("national", "incubators_national"),
            (
                "municipal",
                "remainder incubators_total incubators_national makerspaces_national "
                "incubators_provincial makerspaces_provincial",
            ),
        ],
        "test",
    )
    assert [(bar.label, bar.value, bar.derived) for bar in bars] == [
        ("national", 3.0, False),
        ("municipal", 40.0, True),
    ]
    (earlier,) = decks.chart_bars([("2023", "implied foreign_experts foreign_experts_growth")], "t")
    assert round(earlier.value, 2) == 64.06 and earlier.qualifier == "approximate"
    assert decks._value_text(earlier, "en") == "≈ 64.06"
    (verdict,) = decks.chart_bars([("x", "verdicts cannot be checked")], "t")
    assert verdict.value == 5


def test_numbers_keep_their_units_on_one_line() -> None:
    assert decks.keep_together("CNY 1.27 billion, +2.76 points") == (
        "CNY\u00a01.27\u00a0billion, +2.76\u00a0points"
    )


def test_a_figure_of_another_source_says_so_under_its_chart() -> None:
    (other,) = decks.chart_bars([("2015", "context zaozhuang_share_2015h1")], "t")
    (own,) = decks.chart_bars([("2024", "context zaozhuang_share_2024")], "t")
    assert other.elsewhere and not own.elsewhere
    assert decks.legend([other], "en") == ["grey: other public sources"]
    source = "# T\n---\n## H\n!chart A\n2015 | context zaozhuang_share_2015h1\n"
    with pytest.raises(decks.DeckError, match="names them in !source"):
        decks.parse(source, "x", "en")


def _sources(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [html_lib.unescape(m) for m in re.findall(r'<p class="zz-source">(.*?)</p>', text)]


def test_every_content_slide_has_one_source_line_with_one_prefix(built) -> None:
    """The source line is HTML text in the slide's footer (not baked into a chart), once per
    content slide, and every one starts the same way; advice is not sourced to the release."""
    for (lang, name), path in built.items():
        lines = _sources(path)
        assert len(lines) == len(_slides(path)) - 1, f"{lang}/{name}: {len(lines)} source lines"
        for line in lines:
            assert line.startswith(decks.SOURCE_PREFIX[lang]), f"{lang}/{name}: {line!r}"
            assert "context chapter" not in line and "见第06章" not in line, line
        if name == BRIEFING:  # the close and the caveats are our analysis, and say so
            assert all(("analysis" if lang == "en" else "分析") in line for line in lines[-2:])


INCONSISTENT_TEXT = re.compile(r"6\.15\s*%")


def test_the_inconsistent_figure_is_red_wherever_a_face_shows_it_and_nothing_else_is(built) -> None:
    """+6.15% (the audit's one inconsistent figure) is inside a red span wherever a face prints
    it, and a red span holds nothing else; a chart's red bars are the audit's figure only."""
    assert decks.inconsistent_figures() == {"foreign_experts_growth"}
    shown = 0
    for (lang, name), path in built.items():
        text = path.read_text(encoding="utf-8")
        faces = re.sub(r'<aside class="notes">.*?</aside>', "", text, flags=re.S)
        faces = re.sub(r'alt="[^"]*"', "", faces)
        marked = re.findall(r'<span class="zz-inconsistent">(.*?)</span>', faces)
        assert all(INCONSISTENT_TEXT.fullmatch(m.lstrip("+")) for m in marked), (name, marked)
        bare = INCONSISTENT_TEXT.findall(
            re.sub(r'<span class="zz-inconsistent">.*?</span>', "", faces)
        )
        assert not bare, f"{lang}/{name}: 6.15% on a face, not red"
        shown += len(marked)
    assert shown >= 10, shown
    bars = decks.chart_bars(
        [
            ("2023", "implied foreign_experts foreign_experts_growth"),
            ("2024", "foreign_experts"),
            ("talent 2023", "implied high_level_talent high_level_talent_growth"),
            ("inconsistent", "verdicts inconsistent"),
            ("consistent", "verdicts consistent"),
        ],
        "t",
    )
    assert [bar.inconsistent for bar in bars] == [True, False, False, True, False]
    red = _red_pixels(decks.draw_chart(bars, "en"))
    assert red > 1000, red
    assert _red_pixels(decks.draw_chart(bars[1:3], "en")) == 0


def _red_pixels(png: bytes) -> int:
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    return sum(1 for r, g, b in image.getdata() if r > 150 and r - g > 60 and r - b > 60)


def test_every_built_chart_is_red_only_where_it_draws_the_inconsistent_figure(built) -> None:
    for (lang, name), path in built.items():
        for number, slide in enumerate(_slides(path), start=1):
            for image in slide["images"]:
                red = _red_pixels(base64.b64decode(image["src"].split(",", 1)[1]))
                flagged = (
                    "6.15" in image["alt"]
                    or "nconsistent" in image["alt"]
                    or "不一致" in image["alt"]
                    or "64.06" in image["alt"]
                )
                assert (red > 0) == flagged, f"{lang}/{name} slide {number}: {red} red pixels"


def test_english_faces_carry_no_chinese_or_bare_pinyin(built) -> None:
    """An English face says "more than", not 余, and glosses a scheme instead of its pinyin (the
    source-text deck, about the Chinese text itself, aside)."""
    for (lang, name), path in built.items():
        if lang != "en" or name.startswith("00"):
            continue
        for number, slide in enumerate(_slides(path), start=1):
            assert not HAN.search(slide["face"]), f"en/{name} slide {number}: {slide['face']}"
            assert not re.search(r"Ke Rong|Xin Dai", slide["face"]), f"en/{name} slide {number}"


def test_chinese_faces_set_no_two_full_width_marks_side_by_side() -> None:
    """”： ，“ or ）； on a Chinese face is a double gap (the embedded font cannot halve the
    marks): every headline, bullet, cell and big-number label of every zh deck source says it
    otherwise."""
    pair = re.compile(r"[”’）》」][：；，。、]|[：；，。、][“‘（《「]")
    for path in decks.sources("zh"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.startswith(("#", "- ", "|")) or " | " in line:
                assert not pair.search(line), f"{path.name} line {number}: {line}"


def test_a_chinese_opening_mark_is_pulled_flush() -> None:
    face = "<h2>“余”数</h2><td>（一）梯次</td><td>比重（%）</td>"
    assert decks.flush_openers(face) == (
        '<h2><span class="zz-open">“</span>余”数</h2>'
        '<td><span class="zz-open">（</span>一）梯次</td><td>比重（%）</td>'
    )


def test_the_audits_counts_are_filled_in_not_typed(built) -> None:
    """`{{consistent}}` and its kin become the audit's counts of the release's checks; a name
    that is not a count is refused; no built deck shows a placeholder."""
    import csv

    from helpers.paths import AUDIT

    with AUDIT.open(encoding="utf-8", newline="") as handle:
        verdicts = [row["verdict"] for row in csv.DictReader(handle) if row["scope"] == "release"]
    filled = decks.fill_counts("{{checks}} {{tested}} {{consistent}} {{inconsistent}} {{bound}}")
    expected = [
        len(verdicts),
        verdicts.count("consistent") + verdicts.count("inconsistent"),
        verdicts.count("consistent"),
        verdicts.count("inconsistent"),
        verdicts.count("bound"),
    ]
    assert filled == " ".join(map(str, expected)), filled
    with pytest.raises(decks.DeckError, match="not a count"):
        decks.fill_counts("{{hold}}", "x")
    for (lang, name), path in built.items():
        assert "{{" not in path.read_text(encoding="utf-8"), f"{lang}/{name}: a placeholder left"
    for lang in decks.LANGS:  # the briefing's caveats slide states them
        source = (decks.DECKS_DIR / lang / f"{BRIEFING}.md").read_text(encoding="utf-8")
        assert "{{consistent}}" in source and "{{bound}}" in source, lang


def _number_layouts(path: Path) -> list[list[str]]:
    """Each slide's big-number blocks, as their class and style (the layout they take)."""
    sections = re.findall(r"<section\b.*?</section>", path.read_text(encoding="utf-8"), re.S)
    return [re.findall(r'<div class="(zz-numbers[^"]*)"(?: style="([^"]*)")?', s) for s in sections]


def test_a_slide_takes_one_layout_in_both_languages(built) -> None:
    """Big numbers side by side in one language are side by side in the other: never three in
    a row in English and a 2 + 1 grid in Chinese."""
    assert "zz-rows" in decks._numbers_html([("CNY 1.27bn", "a"), ("312", "b"), ("CNY 150m", "c")])
    assert "zz-rows" in decks._numbers_html([("1", "a")], rows=True)
    for (lang, name), path in built.items():
        if lang == "en":
            english, chinese = _number_layouts(path), _number_layouts(built[("zh", name)])
            for number, (en, zh) in enumerate(zip(english, chinese, strict=True), start=1):
                assert en == zh, f"{name} slide {number}: {en} in English, {zh} in Chinese"


def test_chinese_labels_wrap_between_words_not_inside_a_glossary_term(built) -> None:
    """A big number's Chinese label (比重, 高层次人才) holds each glossary term together with word
    joiners, so the browser cannot break it mid-word (比/重, 高层/次人才)."""
    assert decks.join_terms("高新技术产业产值比重").count("\u2060") >= 1
    assert "比\u2060重" in decks.join_terms("产值比重")
    terms = decks.glossary_terms()
    checked = 0
    for (lang, name), path in built.items():
        if lang != "zh":
            continue
        text = path.read_text(encoding="utf-8")
        for label in re.findall(r'<div class="zz-label">(.*?)</div>', text):
            plain = label.replace("\u2060", "")
            for term in terms:
                if term in plain:
                    checked += 1
                    assert "\u2060".join(term) in label, (
                        f"zh/{name}: {term!r} may break in {plain!r}"
                    )
    assert checked >= 3, checked


def test_big_numbers_have_one_size_on_every_deck() -> None:
    assert f"font-size: {decks.NUMBER_PX}px" in decks.CSS
    assert "--zz-number-size" not in decks.CSS
    assert 'style="--zz-columns: 1"' in decks._numbers_html([("CNY 1.27 billion", "a"), ("3", "b")])
    with pytest.raises(decks.DeckError, match="four big numbers"):
        decks._numbers_html([("CNY 1.27 billion", "x")] * 4, "x")


# --- in the browser, as a presenter shows them and prints them ----------------------------------

REQUIRE_BROWSER_ENV = "ZZ_REQUIRE_BROWSER"
SIZES = ((1280, 720), (1920, 1080))
MEASURE = """(() => {
  const height = Reveal.getConfig().height, found = [];
  Reveal.getSlides().forEach(slide => {
    const at = Reveal.getIndices(slide);
    Reveal.slide(at.h, at.v);
    found.push({at: at.h, content: slide.scrollHeight, height});
  });
  return found;
})()"""


@pytest.fixture(scope="module")
def deck_browser(tmp_path_factory):
    """A running headless Chromium that sees only the project's fonts, as the decks' PDF
    printer does. Skips (or fails, with ZZ_REQUIRE_BROWSER=1) without Chromium and
    poppler-utils."""
    from helpers.publish import browser, webfont

    problems = [] if browser.find_browser() else [browser.no_browser_message()]
    tools = [tool for tool in ("pdffonts", "pdfinfo", "pdftotext") if shutil.which(tool) is None]
    if tools:
        problems.append(f"{' and '.join(tools)} not found (Debian: apt-get install poppler-utils)")
    if problems:
        if os.environ.get(REQUIRE_BROWSER_ENV, "").strip().lower() in ("1", "true", "yes", "on"):
            pytest.fail(
                f"{REQUIRE_BROWSER_ENV}=1, but the deck's browser tests cannot run: {problems}"
            )
        pytest.skip(
            f"the decks' browser tests need Chromium and poppler-utils: {' '.join(problems)}"
        )
    fontconfig = webfont.fontconfig_file(tmp_path_factory.mktemp("fontconfig"))
    with browser.launch(fontconfig=fontconfig) as running:
        yield running


# the navigation arrows a presenter may click never cover the "n / 12" counter
CONTROLS_OVERLAP = """(() => {
  const box = el => el.getBoundingClientRect();
  const number = document.querySelector(".reveal .slide-number");
  if (!number || !number.offsetParent) return [];
  const n = box(number);
  return [...document.querySelectorAll(".reveal .controls button")]
    .filter(b => getComputedStyle(b).display !== "none" && b.offsetParent)
    .filter(b => { const c = box(b);
      return c.left < n.right && n.left < c.right && c.top < n.bottom && n.top < c.bottom; })
    .map(b => b.className);
})()"""


def test_every_deck_loads_cleanly_and_fits_its_slides(deck_browser, built) -> None:
    problems = []
    with deck_browser.page() as page:
        for (lang, name), path in built.items():
            page.open(path)
            for width, height in SIZES:
                page.call(
                    "Emulation.setDeviceMetricsOverride",
                    {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
                )
                page.evaluate("Reveal.layout()")
                for slide in page.evaluate(MEASURE):
                    if slide["content"] > slide["height"] + 1:
                        problems.append(
                            f"{lang}/{name} slide {slide['at'] + 1} at {width}x{height}: "
                            f"content {slide['content']} px high"
                        )
            overlaps = page.evaluate(CONTROLS_OVERLAP)
            problems += [f"{lang}/{name}: the slide counter lies under {o}" for o in overlaps]
            elsewhere = [u for u in page.log.requests if not u.startswith(("file:", "data:"))]
            problems += [f"{lang}/{name}: requested {url}" for url in elsewhere]
            problems += [f"{lang}/{name}: {error}" for error in page.log.failed + page.log.errors]
    assert not problems, "\n".join(problems)


LAYOUT = """(() => {
  const found = [];
  Reveal.getSlides().forEach(slide => {
    const at = Reveal.getIndices(slide);
    Reveal.slide(at.h, at.v);
    if (!slide.classList.contains("zz-content")) return;
    const top = slide.getBoundingClientRect().top, scale = Reveal.getScale();
    const y = el => (el.getBoundingClientRect().bottom - top) / scale;
    const parts = [...slide.querySelectorAll(".zz-body > *")];
    const charts = [...slide.querySelectorAll("img.zz-chart")];
    found.push({at: at.h, source: y(slide.querySelector(".zz-source")),
      footTop: (slide.querySelector(".zz-foot").getBoundingClientRect().top - top) / scale,
      evidence: Math.max(...parts.map(y)),
      numbers: [...slide.querySelectorAll(".zz-number")].map(
        n => getComputedStyle(n).fontSize),
      charts: charts.map(c => c.getBoundingClientRect().width / scale),
      titleLines: [...slide.querySelectorAll(".zz-chart-title")].map(
        p => p.getBoundingClientRect().height / scale / parseFloat(getComputedStyle(p).lineHeight)),
      openers: [...slide.querySelectorAll("h2, td, th, li, .zz-label")].flatMap(el => {
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        let node = walker.nextNode();
        while (node && !node.textContent.trim()) node = walker.nextNode();
        if (!node) return [];
        const at = node.textContent.search(/\\S/);
        if (!/[“‘（《「]/.test(node.textContent[at])) return [];
        const range = document.createRange();
        range.setStart(node, at); range.setEnd(node, at + 1);
        const style = getComputedStyle(el), box = el.getBoundingClientRect();
        const contentLeft = box.left + parseFloat(style.paddingLeft) * scale;
        // an opening mark's ink is the right half of its em box: that is where it starts
        const ink = range.getBoundingClientRect().right - parseFloat(style.fontSize) * scale / 2;
        return [{text: el.textContent.trim().slice(0, 12),
          em: (ink - contentLeft) / scale / parseFloat(style.fontSize)}];
      }),
      sourceSize: getComputedStyle(slide.querySelector(".zz-source")).fontSize});
  });
  return found;
})()"""
# the evidence reaches the lower part of the slide (not a headline over a half-empty page)
EVIDENCE_BOTTOM = 0.55 * 720
# the evidence keeps clear of the legend and source line under it
FOOT_CLEARANCE = 8
# a chart shown this wide keeps its CHART_FONT_PT text at 18 pt or more on the slide
MIN_SHOWN_CHART = 18 / 0.75 / (decks.CHART_FONT_PT / 72 * decks.CHART_DPI) * 1600


def test_every_content_slide_is_laid_out_alike(deck_browser, built) -> None:
    """At 1280x720: the source line at one place at the bottom of every content slide of every
    deck, in legible type; the evidence reaching the slide's lower part but clear of the footer; one big-number size;
    every chart shown wide enough for 18 pt text, its title on one line; an opening mark (“, （)
    that starts a headline, a cell or a bullet set flush, half an em wide, not a full em."""
    problems, bottoms, sizes = [], set(), set()
    with deck_browser.page() as page:
        for (lang, name), path in built.items():
            page.open(path)
            page.call(
                "Emulation.setDeviceMetricsOverride",
                {"width": 1280, "height": 720, "deviceScaleFactor": 1, "mobile": False},
            )
            page.evaluate("Reveal.layout()")
            for slide in page.evaluate(LAYOUT):
                where = f"{lang}/{name} slide {slide['at'] + 1}"
                bottoms.add(round(slide["source"]))
                sizes.update(slide["numbers"])
                if slide["evidence"] > slide["footTop"] - FOOT_CLEARANCE:  # crowding the source
                    problems.append(
                        f"{where}: evidence ends at y={slide['evidence']:.0f}, "
                        f"the footer starts at {slide['footTop']:.0f}"
                    )
                if slide["evidence"] < EVIDENCE_BOTTOM:
                    problems.append(f"{where}: evidence ends at y={slide['evidence']:.0f}")
                if float(slide["sourceSize"].rstrip("px")) * 0.75 < 18:
                    problems.append(f"{where}: source line {slide['sourceSize']}")
                problems += [
                    f"{where}: chart shown {w:.0f} px wide"
                    for w in slide["charts"]
                    if w < MIN_SHOWN_CHART
                ]
                problems += [  # "(1,020 in all)" broken onto a second line under the chart's title
                    f"{where}: a chart title takes {lines:.1f} lines"
                    for lines in slide["titleLines"]
                    if lines > 1.5
                ]
                problems += [  # a full-width “ or （ that opens a cell leaves a half-em gap
                    f"{where}: {opener['text']!r} starts {opener['em']:.2f} em in"
                    for opener in slide["openers"]
                    if abs(opener["em"]) > 0.15
                ]
    assert max(bottoms) - min(bottoms) <= 2 and min(bottoms) >= 690, sorted(bottoms)
    assert sizes == {f"{decks.NUMBER_PX}px"}, sizes
    assert not problems, "\n".join(problems)


def _pdf_info(pdf: Path) -> tuple[int, float, float]:
    """(pages, width, height) of a PDF, by pdfinfo."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    return pages, width, height


def test_every_deck_prints_one_landscape_page_per_slide(deck_browser, built, tmp_path) -> None:
    """Printed by the decks' own printer (helpers.publish.decks), every deck of both languages:
    one landscape page per slide, every font embedded and none drawn as Type 3 glyphs."""
    jobs = [(path, tmp_path / f"{lang}-{name}.slides.pdf") for (lang, name), path in built.items()]
    decks._print_pdfs(jobs, tmp_path)
    for (lang, name), path in built.items():
        pdf = tmp_path / f"{lang}-{name}.slides.pdf"
        pages, width, height = _pdf_info(pdf)
        assert pages == len(_slides(path)), f"{lang}/{name}: {pages} pages"
        assert width > height, f"{lang}/{name}: {width} x {height}"
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
        assert "Type 3" not in fonts.stdout, f"{lang}/{name}: {fonts.stdout}"
        cjk = [line for line in fonts.stdout.splitlines() if "NotoSansCJK" in line]
        assert cjk and all(" yes yes yes " in f" {' '.join(line.split())} " for line in cjk), (
            f"{lang}/{name}: {fonts.stdout}"
        )
        if lang == "zh":  # what a Chinese audience reads, as the PDF's text
            share = chinese_share.file_share(pdf)
            assert share >= chinese_share.TARGET, f"zh/{name}.slides.pdf is {share:.1%} Chinese"


def test_a_chinese_deck_is_chinese(built) -> None:
    """The faces and the speaker notes of every zh deck, as the other Chinese pages are held."""
    for (lang, name), path in built.items():
        if lang == "zh":
            share = chinese_share.file_share(path)
            assert share >= chinese_share.TARGET, f"zh/{name}.slides.html is {share:.1%} Chinese"


def test_the_two_languages_have_the_same_slides(built) -> None:
    """A deck says the same in both languages: as many slides, and a chart on the same slides
    (a table in one language may be big numbers in the other, where the text fits better)."""

    def kinds(slide: dict) -> int:
        return sum("zz-chart" in image.get("class", "") for image in slide["images"])

    for (lang, name), path in built.items():
        if lang != "en":
            continue
        english, chinese = _slides(path), _slides(built[("zh", name)])
        assert len(english) == len(chinese), (name, len(english), len(chinese))
        for number, (en, zh) in enumerate(zip(english, chinese, strict=True), start=1):
            assert kinds(en) == kinds(zh), f"{name} slide {number}: {kinds(en)} vs {kinds(zh)}"


def test_the_index_counts_the_briefing_and_links_the_teaching_guides(built, tmp_path) -> None:
    """The index's offer says how many slides the briefing has, counted from the deck (not "a
    dozen"), and names the teachers' guides as links that reach them."""
    from urllib.parse import unquote

    from helpers.publish import index, teaching

    for lang in decks.LANGS:
        count = decks.slide_count(BRIEFING, lang)
        assert count == len(_slides(built[(lang, BRIEFING)]))
        assert "{slides}" in index.WORDS[lang]["briefing_text"]
        assert "dozen" not in index.WORDS[lang]["briefing_text"]
        (tmp_path / lang / "teaching").mkdir(parents=True)
        (tmp_path / lang / "teaching" / "student-edition.zip").write_bytes(b"")
    for reader in ("", "zh"):
        paragraph = teaching.index_links(tmp_path, reader)
        hrefs = re.findall(r'href="([^"]+\.md)"', paragraph)
        guides = [h for h in hrefs if "TEACHING" in h]
        assert len(guides) == (2 if reader == "" else 1), paragraph
        for href in guides:
            assert (tmp_path / unquote(href)).resolve() in {
                guide.resolve() for guide in teaching.GUIDES.values()
            }


def test_a_chinese_deck_writes_dates_in_chinese() -> None:
    """zh decks' source lines say 2025年3月24日, as the rest of the edition, not 2025-03-24."""
    import re

    from helpers.paths import NOTEBOOKS_DIR

    for path in sorted((NOTEBOOKS_DIR / "decks" / "zh").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        assert not re.findall(r"\d{4}-\d{2}-\d{2}", text), path.name
