"""The slides a notebook's cell metadata makes, and the limits a presenter's slide keeps.

Why here and not only in the browser: a notebook's author should hear "this slide has 52 words"
from a quick unit test, before anything is rendered. The grouping follows nbconvert's
SlidesExporter (and JupyterLab's RISE, which reads the same metadata): a "slide" or "subslide"
cell starts a slide, "-" and "fragment" cells continue it, "notes" cells are its speaker notes
(`<aside class="notes">`), "skip" cells are left out; code inputs are never shown, only outputs.

The convention (notebooks/README.md): each finding gets a short markdown cell tagged
`slide-only`, the headline (the finding as one sentence with its number, at most
`HEADLINE_WORDS` words), then its evidence on the same slide (a chart cell "-", or a big number
`<p class="zz-big">`, or at most three short bullets); the notebook's prose for it is "notes".
The reports leave `slide-only` cells out (helpers.publish.render.for_reader).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from helpers.repair.script import HAN

SLIDE_ONLY_TAG = "slide-only"
FACE_WORDS = 40  # at most this many words on a slide's face (English)
HEADLINE_WORDS = 15
# Chinese is counted in characters (a hanzi, or a Latin word or number, counts one), at two per
# English word: the project's Chinese faces run 1.5 to 1.8 characters per English word (measured
# over every slide of the eight decks, 2026-12-01), so a face that keeps the English limit keeps
# this one unless its translation is wordier than its source.
CHARACTERS_PER_WORD = 2
FACE_CHARACTERS = FACE_WORDS * CHARACTERS_PER_WORD
HEADLINE_CHARACTERS = HEADLINE_WORDS * CHARACTERS_PER_WORD
MAX_BULLETS = 3
STARTS = {"slide", "subslide"}
CONTINUES = {"-", "fragment", ""}

# A word on a slide: a run of letters or digits, with inner punctuation ("50.84%", "1,295",
# "high-tech"); a run of Chinese characters counts as one word (the English limit).
FACE_WORD = re.compile(r"[^\W_]+(?:[.,'’\-/][^\W_]+)*%?")


def _source(cell: Any) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def _slide_type(cell: Any) -> str:
    return cell.get("metadata", {}).get("slideshow", {}).get("slide_type", "-") or "-"


def _tags(cell: Any) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def face_text(markdown: str) -> str:
    """What a reader sees of a markdown cell: no markup, HTML tags, link targets or code fences."""
    text = re.sub(r"```.*?```", " ", markdown, flags=re.S)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"^\s*(?:#+|[-*]|\d+\.)\s+", "", text, flags=re.M)
    text = re.sub(r"[*_`>\[\]]", "", text)
    return " ".join(text.split())


def word_count(text: str) -> int:
    return len(FACE_WORD.findall(text))


def character_count(text: str) -> int:
    """How long a Chinese face reads: each hanzi counts one, and so does each Latin word or
    number between them ("50.84%", "R&D")."""
    return len(HAN.findall(text)) + word_count(HAN.sub(" ", text))


def face_length(text: str, lang: str = "en") -> int:
    """The length a face's limit is counted in: words (English), characters (Chinese)."""
    return character_count(text) if lang == "zh" else word_count(text)


def face_limits(lang: str = "en") -> tuple[int, int, str]:
    """(face limit, headline limit, unit) for a deck in `lang`."""
    if lang == "zh":
        return FACE_CHARACTERS, HEADLINE_CHARACTERS, "characters"
    return FACE_WORDS, HEADLINE_WORDS, "words"


@dataclass
class Slide:
    """One slide: the cells on its face, its notes, and what its charts are."""

    number: int
    face: list[str] = field(default_factory=list)  # markdown shown, as plain text
    notes: list[str] = field(default_factory=list)
    headlines: list[str] = field(default_factory=list)
    bullets: int = 0
    charts: int = 0
    code_without_chart: int = 0  # a code cell on the face whose output is not an image

    @property
    def text(self) -> str:
        return " ".join(self.face)

    @property
    def words(self) -> int:
        return word_count(self.text)


def slides(notebook: Any) -> list[Slide]:
    """The notebook's slides, in order, as nbconvert's SlidesExporter makes them."""
    result: list[Slide] = []
    for cell in notebook["cells"]:
        kind = _slide_type(cell)
        if kind == "skip":
            continue
        if kind in STARTS or not result:
            result.append(Slide(len(result) + 1))
        slide = result[-1]
        source = _source(cell)
        if kind == "notes":
            slide.notes.append(face_text(source))
            continue
        if cell["cell_type"] == "markdown":
            slide.face.append(face_text(source))
            slide.bullets += len(re.findall(r"^\s*[-*]\s+", source, flags=re.M))
            if SLIDE_ONLY_TAG in _tags(cell):
                first = source.strip().split("\n", 1)[0]
                slide.headlines.append(face_text(first))
        elif cell["cell_type"] == "code":
            outputs = cell.get("outputs", [])
            images = sum(1 for out in outputs if "image/png" in out.get("data", {}))
            slide.charts += images
            if outputs and not images:
                slide.code_without_chart += 1
    return result


def problems(notebook: Any, name: str = "", lang: str = "en") -> list[str]:
    """Every way the notebook's slides break a presenter's limits, one line each; `lang` says
    how a face is counted (face_limits): pass a translated notebook with its language."""
    face_limit, headline_limit, unit = face_limits(lang)
    found = []
    for slide in slides(notebook):
        where = f"{name} slide {slide.number} ({slide.text[:50]!r})"
        length = face_length(slide.text, lang)
        if length > face_limit:
            found.append(f"{where}: {length} {unit} on its face, limit {face_limit}")
        if slide.text.rstrip().endswith((":", "：")):
            found.append(f"{where}: ends on a colon (what followed is not on the slide)")
        if not slide.text and not slide.charts:
            found.append(f"{where}: an empty face")
        for headline in slide.headlines:
            if face_length(headline, lang) > headline_limit:
                found.append(
                    f"{where}: headline of {face_length(headline, lang)} {unit}, "
                    f"limit {headline_limit}"
                )
        if slide.bullets > MAX_BULLETS:
            found.append(f"{where}: {slide.bullets} bullets, limit {MAX_BULLETS}")
        if slide.code_without_chart:
            found.append(f"{where}: a code cell whose output is not a chart")
        if not " ".join(slide.notes).strip():
            found.append(f"{where}: no speaker notes")
    return found
