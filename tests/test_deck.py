"""The slides the notebooks' cell metadata makes keep a presenter's limits (helpers.publish.deck),
checked on the cells, with no browser: at most 40 words on a face, a headline of at most 15, no
slide that ends on a colon, no code on a slide, speaker notes on every slide. tests/test_browser.py
measures the same decks rendered, in Chromium."""

from __future__ import annotations

import json

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from helpers.paths import notebook_paths
from helpers.publish import deck, render, translation


def _cell(maker, source, slide_type, tags=(), **extra):
    cell = maker(source, **extra)
    cell.metadata["slideshow"] = {"slide_type": slide_type}
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.stem)
def test_every_notebook_deck_keeps_the_limits(path) -> None:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    assert deck.problems(notebook, path.stem) == []
    assert 6 <= len(deck.slides(notebook)) <= 15


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.stem)
def test_every_chinese_deck_keeps_the_limits_in_characters(path) -> None:
    english = nbformat.read(path, as_version=4)
    chinese = translation.translate(english, path.stem, "zh")
    assert deck.problems(chinese, path.stem, "zh") == []
    assert len(deck.slides(chinese)) == len(deck.slides(english))


def test_a_chinese_face_is_counted_in_characters() -> None:
    assert deck.character_count("高新技术产业产值占比50.84%，提高2.76个百分点") == 18
    assert deck.character_count("R&D 经费 12.7亿元") == 2 + 2 + 1 + 2  # R, D: letters split on &
    assert deck.face_limits("zh") == (80, 30, "characters")
    long = "### " + "高新技术" * 8  # 32 characters: over the headline limit of 30
    notebook = new_notebook(
        cells=[
            _cell(new_markdown_cell, long, "slide", ["slide-only"]),
            _cell(new_markdown_cell, "说明。", "notes"),
        ]
    )
    assert deck.problems(notebook, "x", "zh") == [
        "x slide 1 ('" + "高新技术" * 8 + "'): headline of 32 characters, limit 30"
    ]
    assert deck.problems(notebook, "x") == []  # in English it is one word


def test_the_briefing_deck_has_ten_to_fifteen_slides_and_its_charts() -> None:
    briefing = next(p for p in notebook_paths() if p.stem == "08_summary")
    slides = deck.slides(json.loads(briefing.read_text(encoding="utf-8")))
    assert 10 <= len(slides) <= 15
    assert "50.84%" in slides[1].text and "2.76" in slides[1].text and slides[1].charts == 1
    assert sum(slide.charts > 0 for slide in slides) >= 6  # the headline, four sections, the 6.15%


def test_the_checks_catch_a_bad_slide() -> None:
    long = " ".join(["word"] * 41)
    notebook = new_notebook(
        cells=[
            _cell(new_markdown_cell, "### The headline, then a table:", "slide", ["slide-only"]),
            _cell(
                new_code_cell,
                "table",
                "-",
                outputs=[new_output("execute_result", {"text/plain": "a table"})],
            ),
            _cell(new_markdown_cell, long, "subslide"),
            _cell(new_markdown_cell, "The reasoning.", "notes"),
        ]
    )
    found = deck.problems(notebook, "x")
    assert any("ends on a colon" in p for p in found)
    assert any("not a chart" in p for p in found)
    assert any("slide 1" in p and "no speaker notes" in p for p in found)
    assert any("41 words on its face" in p for p in found)
    assert not any("slide 2" in p and "notes" in p for p in found)


def test_words_count_numbers_and_leave_markup_out() -> None:
    text = deck.face_text(
        '### 50.84% of output, up 2.76 points\n\n<p class="zz-big">1,295</p>\n'
        "- see [the guide](00_source_text.ipynb#How)"
    )
    assert text == "50.84% of output, up 2.76 points 1,295 see the guide"
    assert deck.word_count(text) == 10


def test_reports_leave_slide_only_cells_out_and_slides_keep_them() -> None:
    notebook = nbformat.from_dict(
        new_notebook(
            cells=[
                _cell(new_markdown_cell, "### Headline only on the slide", "slide", ["slide-only"]),
                _cell(new_markdown_cell, "The prose a reader reads.", "notes"),
            ]
        )
    )
    reader = render.for_reader(notebook)
    assert [c.source for c in reader.cells] == ["The prose a reader reads."]
    assert len(notebook.cells) == 2  # the original is untouched
