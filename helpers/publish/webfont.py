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

from helpers.files import write_bytes_atomic

FAMILY = "ZZ Noto Sans CJK SC"  # the CSS family name: distinct from any installed font's name
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
MONO_STACK = f'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace, "{FAMILY}"'
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
        "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
        "maxStackElements", "maxSizeOfInstructions", "maxComponentElements",
    ):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    font["post"].formatType = 3.0  # no glyph names: CID fonts have none worth keeping
    font["head"].glyphDataFormat = 0
    del font["CFF "]
    font.sfntVersion = "\x00\x01\x00\x00"


@functools.lru_cache(maxsize=64)
def subset_woff2(characters: frozenset[str], source: Path | None = None) -> bytes:
    """WOFF2 bytes of the OFL font reduced to `characters` | BASE_CHARACTERS, TrueType outlines.

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
        font.flavor = "woff2"
        buffer = io.BytesIO()
        font.save(buffer)
    return buffer.getvalue()


def font_face_css(characters: Iterable[str], source: Path | None = None) -> str:
    """An @font-face rule that embeds the subset font for `characters` as a data: URI."""
    data = subset_woff2(frozenset(characters), source)
    digest = hashlib.sha256(data).hexdigest()[:12]
    encoded = base64.b64encode(data).decode("ascii")
    return (
        f"/* {FAMILY}: subset of Noto Sans CJK SC (SIL OFL 1.1, see licenses/OFL.txt); "
        f"{len(data)} bytes, sha256 {digest} */\n"
        f'@font-face {{ font-family: "{FAMILY}"; font-style: normal; font-weight: 400; '
        f'font-display: block; src: url(data:font/woff2;base64,{encoded}) format("woff2"); }}'
    )


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
    """Copy the font's licence (OFL.txt) into `folder`; return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "OFL.txt"
    if not target.exists() or target.read_bytes() != LICENCE_FILE.read_bytes():
        write_bytes_atomic(target, LICENCE_FILE.read_bytes())
    return target


def fontconfig_file(folder: Path) -> Path:
    """A fonts.conf for headless Chromium that makes only the OFL font visible to fontconfig.

    Text the page font does not cover (e.g. bold headings, which Chromium draws by emboldening)
    falls back to fontconfig's fonts; with this file that is Noto Sans CJK SC, so nothing comes
    out as boxes, on a machine with no CJK font too, and no other installed font can slip in.
    The folder holds a symlink to the font (a copy where symlinks fail) and a fontconfig cache.
    """
    source = font_path()
    fonts = folder / "fonts"
    fonts.mkdir(parents=True, exist_ok=True)
    link = fonts / source.name
    if not (link.exists() and link.resolve() == source.resolve()):
        link.unlink(missing_ok=True)
        try:
            link.symlink_to(source)
        except OSError:
            shutil.copyfile(source, link)
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
