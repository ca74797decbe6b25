"""The Chinese edition's catalogs (helpers.publish.translation): every markdown cell of every
notebook has a current Chinese translation; and, message by message, no translation cites a
number that is neither in its English nor in the notebook's outputs, none leaves an English
sentence untranslated, each keeps its heading level and its links."""

from __future__ import annotations

import pytest

from helpers.paths import notebook_paths
from helpers.publish import translation


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.stem)
def test_every_translation_keeps_the_numbers_and_leaves_no_english(path) -> None:
    assert translation.catalog_problems(path) == []


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.stem)
def test_every_notebook_has_a_catalog_in_step_with_its_english(path) -> None:
    # `make translations` after an English edit: a new or changed cell must be in the catalog
    # (untranslated or fuzzy), never silently missing.
    counts = translation.status(path)
    assert counts.stale == 0, f"{path.name}: {counts.stale} cells changed; run make translations"
    assert translation.catalog_path(path.stem).exists()


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.stem)
def test_every_markdown_cell_has_a_current_chinese_translation(path) -> None:
    counts = translation.status(path)
    assert counts.complete, (
        f"{path.name}: {counts.untranslated} untranslated, {counts.fuzzy} "
        f"fuzzy, {counts.stale} stale of {counts.messages}; translate them "
        "(make translations, then Poedit or `translation import`)"
    )


# A path names a file for a programmer; a Chinese reader gets the table's name (数据表, 背景数据表,
# 核查表, 原始副本), as data/style.zh-CN.md says.
FILE_PATH = __import__("re").compile(r"data/|\.csv\b|\.ipynb`")


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.name)
def test_the_chinese_prose_names_tables_not_file_paths(path) -> None:
    catalog = translation.read_catalog(translation.catalog_path(path.stem))
    found = {m.context: FILE_PATH.findall(m.string) for m in catalog if m.id and m.string}
    assert {cell: paths for cell, paths in found.items() if paths} == {}
