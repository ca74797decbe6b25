"""Embed the project's OFL Chinese font in exported pages, subset to the characters they use.

Why: a reader's machine may have no CJK font at all. JupyterLab and an exported page in a browser
without one show every Chinese character of the prose as an empty box, and headless Chromium
prints boxes into the PDF. A page that carries its own font renders the same everywhere, offline.

What is embedded: Noto Sans CJK SC Regular from the mplfonts package (SIL Open Font License 1.1;
`helpers.fonts.bundled_cjk_font_path()`). Always that file, never a system font: a machine's own
CJK font may not be redistributable, and the same input must give the same bytes on every machine.
SimHei, which mplfonts also ships, is proprietary and never touched.

How, and why each step:
- Subset to exactly the characters a page shows (`embed`; render passes the characters
  of a notebook's three pages, so they share one subset) plus `BASE_CHARACTERS` (printable ASCII
  and common CJK punctuation, so a page with no Chinese still gets a valid font and the Latin
  text of every page uses the same typeface). The whole font is 16 MB; a notebook's subset is
  10-60 kB, base64 in the page. Text outside the subset (none, by construction) would fall back
  to the reader's fonts.
- No OpenType layout tables (GSUB/GPOS): horizontal Chinese and plain Latin text need none, and
  the `locl` feature alone would drag in the Japanese, Korean and Traditional glyph variants.
- CFF outlines converted to TrueType (quadratic) outlines. Chromium's PDF backend (Skia) embeds a
  CFF font as nameless Type 3 glyph procedures; a TrueType font it embeds as a real, named
  "CID TrueType" font, which `pdffonts` lists and every PDF reader handles well.
- WOFF2 (brotli), base64 in an @font-face rule inside the page: one file, nothing fetched.
- Deterministic: the same characters give the same bytes (no timestamps: recalcTimestamp=False;
  glyphs in the font's own order), so re-exporting an unchanged notebook changes no byte of the
  font. Subsetting costs about 0.3-0.7 s (CJK fonts are large), so results are cached per
  process; CFF hints and subroutines are left alone, since the TrueType redraw drops them anyway.

The licence goes with the pages: `write_licence` copies OFL.txt (the font's copyright lines from
its name table, and the licence text) beside the exports.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import io
import shutil
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path
from xml.sax.saxutils import escape

from helpers.paths import write_bytes_atomic

FAMILY = "ZZ Noto Sans CJK SC"  # the CSS family name: distinct from any installed font's name
# The same faces limited to Chinese and full-width characters (CSS unicode-range), first in the
# code font stack: Latin code stays monospace, and Chinese in code is drawn by the page font.
# Last in the stack it would never be reached: Chromium gives a character the matched monospace
# font lacks to the system's fallback font (boxes, or a Type 3 font in a PDF), not to a later
# web font.
CJK_FAMILY = "ZZ Noto Sans CJK SC Han"
CJK_RANGE = "U+2E80-9FFF, U+F900-FAFF, U+FE10-FE1F, U+FE30-FE4F, U+FF00-FFEF, U+20000-2FFFF"
ASSETS_DIR = Path(__file__).resolve().parent / "assets"
LICENCE_FILE = ASSETS_DIR / "fonts" / "OFL.txt"
# Always present in a subset: printable ASCII, and the CJK punctuation of ordinary prose.
BASE_CHARACTERS = frozenset(
    [chr(code) for code in range(0x20, 0x7F)] + list("，。、；：？！“”‘’（）《》【】—…·％　")
)
FONT_STACK = (
    f'"{FAMILY}", system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, '
    '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif'
)
MONO_STACK = f'"{CJK_FAMILY}", ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace'
_PLACEHOLDER = "/*ZZ-WEBFONT*/"


class FontMissingError(RuntimeError):
    """The project's OFL CJK font is not installed (the mplfonts package is missing)."""


def font_path() -> Path:
    """The OFL Noto Sans CJK SC file to embed (from the mplfonts package, found without running
    its code). Raises FontMissingError with the fix if it is not installed."""
    from helpers.fonts import bundled_cjk_font_path

    path = bundled_cjk_font_path()
    if path is None:
        raise FontMissingError(
            "The font Noto Sans CJK SC (package mplfonts) is not installed; run `make env` "
            "(or pip install -r requirements.txt)."
        )
    return path


class _TextCollector(HTMLParser):
    """Every character a reader can see in an HTML page: text, attribute values such as alt and
    title, and the contents of <style> (generated content), but not <script>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chars: set[str] = set()
        self._in_script = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self._in_script += 1
        for name, value in attrs:
            if value and name in ("alt", "title", "placeholder", "aria-label", "value"):
                self.chars.update(value)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in_script:
            self._in_script -= 1

    def handle_data(self, data: str) -> None:
        if not self._in_script:
            self.chars.update(data)


def page_characters(html: str) -> frozenset[str]:
    """The characters of `html` that may be drawn with the page font (no control characters)."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return frozenset(c for c in collector.chars if c.isprintable() or c == "\u3000")


def _to_truetype(font) -> None:
    """Replace the CFF outlines of a (subset) font with TrueType ones, in place (see module doc)."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    glyph_set = font.getGlyphSet()
    order = font.getGlyphOrder()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        # 1 font unit of tolerance (of 1000 per em); reverse: CFF and TrueType wind oppositely.
        glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in (
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    font["post"].formatType = 3.0  # no glyph names: CID fonts have none worth keeping
    font["head"].glyphDataFormat = 0
    del font["CFF "]
    font.sfntVersion = "\x00\x01\x00\x00"


# How much the bold face grows each stroke on each side, in font units (of 1000 per em): 3% of
# the em in all, about what separates Noto Sans CJK Regular (stem ~70) from Bold (~130).
BOLD_OFFSET = 15


def _embolden(font, offset: float = BOLD_OFFSET) -> None:
    """Make the TrueType outlines of `font` bolder, in place: every point moves `offset` font units
    outward along the bisector of its two edges (as FreeType's FT_Outline_EmboldenXY does), so
    every stroke grows by 2 x offset and counters shrink by the same. Advances stay as they are,
    as with a browser's synthetic bold, so bold text keeps the metrics of the regular face.

    Why: with no bold face Chromium emboldens the regular one itself, and its PDF backend writes
    such glyphs as nameless Type 3 fonts. A real face with weight 700 is embedded as TrueType.
    """
    import math

    glyf, hmtx = font["glyf"], font["hmtx"]
    for name in font.getGlyphOrder():
        glyph = glyf[name]
        if glyph.numberOfContours <= 0:  # empty, or composite (none after the TrueType redraw)
            continue
        coordinates = glyph.coordinates
        points = list(coordinates)
        moved = list(points)
        start = 0
        for end in glyph.endPtsOfContours:
            contour = range(start, end + 1)
            count = len(contour)
            for i in contour:
                x, y = points[i]
                # the nearest distinct neighbours before and after (skip repeated points)
                before = next(
                    (
                        points[start + (i - start - k) % count]
                        for k in range(1, count)
                        if points[start + (i - start - k) % count] != (x, y)
                    ),
                    None,
                )
                after = next(
                    (
                        points[start + (i - start + k) % count]
                        for k in range(1, count)
                        if points[start + (i - start + k) % count] != (x, y)
                    ),
                    None,
                )
                if before is None or after is None:
                    continue
                normals = []
                for (ax, ay), (bx, by) in (
                    ((before[0], before[1]), (x, y)),
                    ((x, y), (after[0], after[1])),
                ):
                    dx, dy = bx - ax, by - ay
                    length = math.hypot(dx, dy)
                    normals.append((-dy / length, dx / length))  # left: away from the ink
                nx, ny = normals[0][0] + normals[1][0], normals[0][1] + normals[1][1]
                length = math.hypot(nx, ny)
                if length < 1e-6:  # a spike that turns back on itself: leave the point
                    continue
                nx, ny = nx / length, ny / length
                cosine = max(nx * normals[0][0] + ny * normals[0][1], 0.5)  # cap sharp mitres
                moved[i] = (x + nx * offset / cosine, y + ny * offset / cosine)
            start = end + 1
        for i, (x, y) in enumerate(moved):
            coordinates[i] = (round(x), round(y))
        glyph.recalcBounds(glyf)
        advance, _ = hmtx[name]
        hmtx[name] = (advance, glyph.xMin)
    font["OS/2"].usWeightClass = 700
    font["OS/2"].fsSelection = (font["OS/2"].fsSelection | 0x20) & ~0x40  # BOLD, not REGULAR
    font["head"].macStyle |= 0x01


@functools.lru_cache(maxsize=64)
def subset_woff2(
    characters: frozenset[str],
    source: Path | None = None,
    bold: bool = False,
) -> bytes:
    """WOFF2 bytes of the OFL font reduced to `characters` | BASE_CHARACTERS, TrueType outlines;
    `bold` draws them bolder (`_embolden`), for the page's weight-700 face.

    Characters the font lacks are skipped (the browser draws them with a fallback font).
    """
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "BASE", "VORG", "vhea", "vmtx", "DSIG"]
    options.name_IDs = ["*"]  # keep the copyright and licence records (OFL condition 2)
    options.name_languages = ["*"]
    options.hinting = True  # kept here: the TrueType redraw drops them, and removing costs time
    options.desubroutinize = False  # likewise: the redraw resolves subroutines
    options.notdef_outline = True
    with TTFont(source or font_path(), lazy=True, recalcTimestamp=False) as font:
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(ord(c) for c in characters | BASE_CHARACTERS))
        subsetter.subset(font)
        _to_truetype(font)
        if bold:
            _embolden(font)
        font.flavor = "woff2"
        buffer = io.BytesIO()
        font.save(buffer)
    return buffer.getvalue()


def font_face_css(characters: Iterable[str], source: Path | None = None) -> str:
    """The @font-face rules that embed the subset font for `characters` as data: URIs: the
    regular face (for weights up to 500) and its emboldened copy (`_embolden`; 600 and up), so that
    no text is drawn with a browser's synthetic bold, each as `FAMILY` and as `CJK_FAMILY`."""
    rules = []
    for bold, weights in ((False, "100 500"), (True, "600 900")):
        data = subset_woff2(frozenset(characters), source, bold)
        digest = hashlib.sha256(data).hexdigest()[:12]
        encoded = base64.b64encode(data).decode("ascii")
        src = f'url(data:font/woff2;base64,{encoded}) format("woff2")'
        face = "emboldened " if bold else ""
        rules.append(
            f"/* {FAMILY}: {face}subset of Noto Sans CJK SC (SIL OFL 1.1, see "
            f"licenses/OFL.txt); {len(data)} bytes, sha256 {digest} */"
        )
        for family, extra in ((FAMILY, ""), (CJK_FAMILY, f" unicode-range: {CJK_RANGE};")):
            rules.append(
                f'@font-face {{ font-family: "{family}"; font-style: normal; font-weight: '
                f"{weights}; font-display: block;{extra} src: {src}; }}"
            )
    return "\n".join(rules)


def placeholder() -> str:
    """What a template writes where the @font-face rule goes, filled by `embed`."""
    return _PLACEHOLDER


def embed(html: str, extra_characters: Iterable[str] = ()) -> str:
    """Fill the page's font placeholder with the font subset to the page's own characters.

    `extra_characters` are added to the subset (e.g. those of the other pages of the same
    notebook, so that one subset serves them all). A page without a placeholder is returned
    unchanged.
    """
    if _PLACEHOLDER not in html:
        return html
    characters = page_characters(html) | frozenset(extra_characters)
    return html.replace(_PLACEHOLDER, font_face_css(characters), 1)


def write_licence(folder: Path) -> Path:
    """Copy the font's licence (OFL.txt) into `folder`, and that of the DejaVu fonts the PDFs may
    embed (DejaVu-LICENSE.txt, from matplotlib); return the path of OFL.txt."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "OFL.txt"
    for path, source in (
        (target, LICENCE_FILE),
        (folder / "DejaVu-LICENSE.txt", fallback_font_dir() / "LICENSE_DEJAVU"),
    ):
        if not path.exists() or path.read_bytes() != source.read_bytes():
            write_bytes_atomic(path, source.read_bytes())
    return target


# The fonts headless Chromium may fall back to when it prints: matplotlib's DejaVu TrueType files
# (Bitstream Vera licence, shipped in every matplotlib install), for code (monospace) and for any
# Latin text the page font does not draw. All TrueType, so Chromium embeds them as real fonts.
FALLBACK_FONTS = (
    "DejaVuSans.ttf",
    "DejaVuSans-Bold.ttf",
    "DejaVuSans-Oblique.ttf",
    "DejaVuSans-BoldOblique.ttf",
    "DejaVuSansMono.ttf",
    "DejaVuSansMono-Bold.ttf",
    "DejaVuSansMono-Oblique.ttf",
    "DejaVuSansMono-BoldOblique.ttf",
)


def fallback_font_dir() -> Path:
    """matplotlib's folder of TrueType fonts (found without importing matplotlib)."""
    import importlib.util

    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise FontMissingError("matplotlib is not installed; run `make env`.")
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"


def fontconfig_file(folder: Path) -> Path:
    """A fonts.conf for headless Chromium that makes only TrueType fonts visible to fontconfig:
    matplotlib's DejaVu Sans and DejaVu Sans Mono (`FALLBACK_FONTS`), and no installed font.

    Why: whatever the page's own font (the embedded subset, regular and bold) does not draw falls
    back to fontconfig's fonts, and Chromium's PDF backend embeds a CFF/OpenType font (such as the
    16 MB Noto Sans CJK OTF) as nameless Type 3 glyph procedures. Code is the main case: the
    monospace stack reaches fontconfig's `monospace` before the page font. With this file that is
    DejaVu Sans Mono, embedded as CID TrueType, the same on every machine, whatever it has
    installed. Chinese is always drawn by the page font, which has every character of the page.
    The folder holds symlinks to the fonts (copies where symlinks fail) and a fontconfig cache.
    """
    source = fallback_font_dir()
    fonts = folder / "fonts"
    fonts.mkdir(parents=True, exist_ok=True)
    for stale in fonts.iterdir():  # e.g. the CJK OTF that older versions linked here
        if stale.name not in FALLBACK_FONTS:
            stale.unlink()
    for name in FALLBACK_FONTS:
        target, link = source / name, fonts / name
        if not (link.exists() and link.resolve() == target.resolve()):
            link.unlink(missing_ok=True)
            try:
                link.symlink_to(target)
            except OSError:
                shutil.copyfile(target, link)
    conf = folder / "fonts.conf"
    text = (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        "<fontconfig>\n"
        f"  <dir>{escape(str(fonts))}</dir>\n"
        f"  <cachedir>{escape(str(folder / 'cache'))}</cachedir>\n"
        "</fontconfig>\n"
    )
    if not conf.exists() or conf.read_text(encoding="utf-8") != text:
        conf.write_text(text, encoding="utf-8")
    return conf
