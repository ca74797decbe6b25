"""How Chinese a page is, for the zh reports and PDFs.

share = Chinese characters (helpers.repair.script.HAN) / (Chinese characters + Latin letters / 2.5): an English word of about five
letters counts as two Chinese characters, roughly what it takes to say the same. Digits,
punctuation and spaces do not count either way. A report is measured on its visible text (the
text of the page, not its scripts or styles); a PDF on what `pdftotext` (poppler-utils) reads.
tests/test_chinese_share.py holds every zh report (code hidden) and every zh PDF to
`TARGET`; the code reports show code and are not held to it.
"""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from helpers.repair.script import HAN

TARGET = 0.90
LATIN_WEIGHT = 2.5  # Latin letters per Chinese character
_LATIN = re.compile(r"[A-Za-z]")


def chinese_share(text: str) -> float:
    """The share of `text` that is Chinese by the measure above (0.0 for a text with neither)."""
    cjk = len(HAN.findall(text))
    latin = len(_LATIN.findall(text))
    total = cjk + latin / LATIN_WEIGHT
    return cjk / total if total else 0.0


class _Visible(HTMLParser):
    """The text nodes of a page, outside <script> and <style>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """What a reader of the page sees as text: every text node but those of scripts and styles."""
    parser = _Visible()
    parser.feed(html)
    parser.close()
    return " ".join(parser.parts)


def pdf_text(path: Path) -> str:
    """The text of a PDF as `pdftotext` reads it (poppler-utils must be installed)."""
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def file_share(path: Path) -> float:
    """`chinese_share` of an exported report (.html) or PDF (.pdf)."""
    path = Path(path)
    if path.suffix == ".pdf":
        return chinese_share(pdf_text(path))
    return chinese_share(visible_text(path.read_text(encoding="utf-8")))


def main(argv: list[str] | None = None) -> int:
    """Print the share of each file named (e.g. build/zh/reports/*.html build/zh/pdf/*.pdf)."""
    paths = [Path(p) for p in (sys.argv[1:] if argv is None else argv)]
    if not paths:
        print(
            "usage: python -m helpers.publish.chinese_share FILE.html|FILE.pdf ...", file=sys.stderr
        )
        return 2
    for path in paths:
        share = file_share(path)
        print(f"{share:6.1%}  {'ok ' if share >= TARGET else 'LOW'}  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
