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

SLIDE_ONLY_TAG = "slide-only"
FACE_WORDS = 40  # at most this many words on a slide's face (English)
HEADLINE_WORDS = 15
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


def problems(notebook: Any, name: str = "") -> list[str]:
    """Every way the notebook's slides break a presenter's limits, one line each."""
    found = []
    for slide in slides(notebook):
        where = f"{name} slide {slide.number} ({slide.text[:50]!r})"
        if slide.words > FACE_WORDS:
            found.append(f"{where}: {slide.words} words on its face, limit {FACE_WORDS}")
        if slide.text.rstrip().endswith((":", "：")):
            found.append(f"{where}: ends on a colon (what followed is not on the slide)")
        if not slide.text and not slide.charts:
            found.append(f"{where}: an empty face")
        for headline in slide.headlines:
            if word_count(headline) > HEADLINE_WORDS:
                found.append(f"{where}: headline of {word_count(headline)} words, "
                             f"limit {HEADLINE_WORDS}")
        if slide.bullets > MAX_BULLETS:
            found.append(f"{where}: {slide.bullets} bullets, limit {MAX_BULLETS}")
        if slide.code_without_chart:
            found.append(f"{where}: a code cell whose output is not a chart")
        if not " ".join(slide.notes).strip():
            found.append(f"{where}: no speaker notes")
    return found
