"""The gettext workflow of the Chinese edition (helpers.publish.translation): a catalog per
notebook keyed by cell id, edits made visible as fuzzy, nothing lost, only current translations
used by the build."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from helpers.publish import translation


def _write(path: Path, *cells) -> Path:
    notebook = new_notebook(cells=list(cells))
    for number, cell in enumerate(notebook.cells):
        cell.id = f"cell-{number}"
    nbformat.write(notebook, path)
    return path


def _set_translation(locale: Path, stem: str, english: str, chinese: str) -> None:
    """What a translator does in Poedit: fill the msgstr of a message, clear its fuzzy flag."""
    from babel.messages.pofile import read_po, write_po

    path = translation.catalog_path(stem, "zh", locale)
    with open(path, "rb") as handle:
        catalog = read_po(handle, locale="zh_CN")
    for message in catalog:
        if message.id == english:
            message.string = chinese
            message.flags.discard("fuzzy")
    with open(path, "wb") as handle:
        write_po(handle, catalog, width=0, include_previous=True)


@pytest.fixture
def project(tmp_path):
    notebook = _write(
        tmp_path / "01_demo.ipynb",
        new_markdown_cell("# Enterprises"),
        new_code_cell("import helpers\nhelpers.setup()"),
        new_markdown_cell("There are 1,295 registered SMEs."),
    )
    return notebook, tmp_path / "locale"


def test_a_new_catalog_has_one_empty_message_per_markdown_cell(project) -> None:
    notebook, locale = project
    assert translation.refresh(notebook, locale_dir=locale)
    catalog_file = locale / "zh_CN" / "LC_MESSAGES" / "01_demo.po"
    text = catalog_file.read_text(encoding="utf-8")
    assert 'msgctxt "cell-0"\nmsgid "# Enterprises"\nmsgstr ""' in text
    assert 'msgctxt "cell-2"' in text and "import helpers" not in text  # code is not translated
    assert "POT-Creation-Date: 2025-03-24" in text  # a fixed date: no churn
    assert not translation.refresh(notebook, locale_dir=locale)  # unchanged: not rewritten
    counts = translation.status(notebook, locale_dir=locale)
    assert (counts.messages, counts.translated, counts.untranslated) == (2, 0, 2)


def test_an_edited_english_cell_turns_its_translation_fuzzy_and_unused(project) -> None:
    notebook, locale = project
    translation.refresh(notebook, locale_dir=locale)
    _set_translation(
        locale, "01_demo", "There are 1,295 registered SMEs.", "入库科技型中小企业1295家。"
    )
    read = nbformat.read(notebook, as_version=4)
    assert translation.translate(read, "01_demo", "zh", locale).cells[2].source == (
        "入库科技型中小企业1295家。"
    )

    read.cells[2].source = "There are 1,295 registered SMEs, a record."
    nbformat.write(read, notebook)
    before_refresh = translation.status(notebook, locale_dir=locale)
    assert before_refresh.stale == 1 and before_refresh.translated == 0  # never silently stale
    assert translation.translate(read, "01_demo", "zh", locale).cells[2].source.endswith("record.")

    translation.refresh(notebook, locale_dir=locale)
    text = translation.catalog_path("01_demo", "zh", locale).read_text(encoding="utf-8")
    assert "#, fuzzy" in text and '#| msgid "There are 1,295 registered SMEs."' in text
    assert "入库科技型中小企业1295家。" in text  # the old translation is kept for the translator
    counts = translation.status(notebook, locale_dir=locale)
    assert (counts.fuzzy, counts.translated) == (1, 0)
    assert translation.translate(read, "01_demo", "zh", locale).cells[2].source.endswith("record.")


def test_the_previous_english_survives_the_next_refresh(project) -> None:
    """Babel reads `#| msgid` as a comment: a second `make translations` (or an import) used to
    drop the previous English a translator needs to see what changed."""
    notebook, locale = project
    translation.refresh(notebook, locale_dir=locale)
    _set_translation(locale, "01_demo", "# Enterprises", "# 企业")
    read = nbformat.read(notebook, as_version=4)
    read.cells[0].source = "# Enterprises and incubators"
    nbformat.write(read, notebook)
    assert translation.refresh(notebook, locale_dir=locale)
    path = translation.catalog_path("01_demo", "zh", locale)
    first = path.read_text(encoding="utf-8")
    assert '#| msgid "# Enterprises"' in first
    assert not translation.refresh(notebook, locale_dir=locale)  # the file is left as it is
    translation.import_translations(
        notebook, {"cell-2": "入库科技型中小企业1295家。"}, locale_dir=locale
    )
    after = path.read_text(encoding="utf-8")
    assert '#| msgid "# Enterprises"' in after and "# | msgid" not in after


def test_a_percent_sign_is_not_taken_for_a_format_directive(tmp_path) -> None:
    """Babel flags "75.2% growth" python-format, and msgfmt -c (Poedit on save) then rejects the
    Chinese; the catalogs are written without that guess."""
    import shutil
    import subprocess

    notebook = _write(tmp_path / "04_demo.ipynb", new_markdown_cell("Subsidies grew 75.2% since."))
    locale = tmp_path / "locale"
    translation.refresh(notebook, locale_dir=locale)
    translation.import_translations(notebook, {"cell-0": "贴息补助增长75.2%。"}, locale_dir=locale)
    path = translation.catalog_path("04_demo", "zh", locale)
    assert "python-format" not in path.read_text(encoding="utf-8")
    if shutil.which("msgfmt"):
        run = subprocess.run(
            ["msgfmt", "-c", "-o", "/dev/null", str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert run.returncode == 0, run.stderr


def test_a_removed_cell_keeps_its_translation_as_obsolete(project) -> None:
    notebook, locale = project
    translation.refresh(notebook, locale_dir=locale)
    _set_translation(locale, "01_demo", "# Enterprises", "# 企业")
    read = nbformat.read(notebook, as_version=4)
    del read.cells[0]
    nbformat.write(read, notebook)
    translation.refresh(notebook, locale_dir=locale)
    text = translation.catalog_path("01_demo", "zh", locale).read_text(encoding="utf-8")
    assert '#~ msgctxt "cell-0"' in text and '#~ msgstr "# 企业"' in text


def test_the_chinese_edition_sets_its_own_language(project) -> None:
    notebook, locale = project
    read = nbformat.read(notebook, as_version=4)
    edition = translation.chinese_edition(read, "01_demo", locale)
    assert edition.cells[1].source == 'import helpers\nhelpers.setup(lang="zh")'
    assert read.cells[1].source == "import helpers\nhelpers.setup()"  # the source is untouched


def test_cells_already_in_one_language_get_no_message(tmp_path) -> None:
    tagged = new_markdown_cell("仅中文版。")
    tagged.metadata["tags"] = ["lang-zh"]
    path = _write(tmp_path / "02_x.ipynb", new_markdown_cell("# T"), tagged)
    notebook = nbformat.read(path, as_version=4)
    assert [english for _, english in translation.source_messages(notebook)] == ["# T"]


def test_only_chinese_has_catalogs() -> None:
    with pytest.raises(ValueError, match="source is English"):
        translation.catalog_path("01_x", "fr")


@pytest.mark.parametrize(
    ("english", "chinese", "expected"),
    [
        ("There are 1,295 SMEs.", "入库1295家。", []),
        ("There are 1,295 SMEs.", "入库1296家。", ["numbers not in the English: 1296"]),
        ("## 1. Loans", "## 1. 贷款", []),
        ("## 1. Loans", "1. 贷款", ["the English is a heading '##'; keep its level"]),
        ("See the [guide](00_x.ipynb#A).", "见[阅读指南](00_x.ipynb#A)。", []),
        (
            "See the [guide](00_x.ipynb#A).",
            "见阅读指南。",
            ["links differ from the English: ['00_x.ipynb#A']"],
        ),
        ("As `01_x.ipynb` shows.", "见[《企业》](01_x.ipynb)。", []),  # a named notebook as a link
        (
            "As `01_x.ipynb` shows.",
            "见[《企业》](02_y.ipynb)。",
            ["links differ from the English: []"],
        ),
        (
            "The share is of industry above designated size.",
            "比例的分母是规模以上工业。The share is of industry above it.",
            ["untranslated English: 'The share is of industry above it.'"],
        ),
        ('Call `helpers.fact("a_b")` with R&D.', '调用 `helpers.fact("a b c d e f")`，R&D。', []),
    ],
)
def test_the_translation_checks_name_the_mistake(english, chinese, expected) -> None:
    assert translation.translation_problems(english, chinese) == expected


def test_numbers_of_the_outputs_and_glossary_terms_are_allowed() -> None:
    english = "The remainder is left implicit."
    chinese = "余下40家未列出，即 national database of technology-based SMEs 之外。"
    assert (
        translation.translation_problems(
            english,
            chinese,
            known_numbers={"40"},
            allowed_terms={"national database of technology-based SMEs"},
        )
        == []
    )


def test_a_bulk_import_sets_current_translations_and_refuses_unknown_ids(project) -> None:
    notebook, locale = project
    assert translation.import_translations(notebook, {"cell-0": "# 企业"}, locale_dir=locale) == 1
    assert translation.status(notebook, locale_dir=locale).translated == 1
    with pytest.raises(ValueError, match="no markdown cell with id cell-1"):
        translation.import_translations(notebook, {"cell-1": "代码"}, locale_dir=locale)


@pytest.mark.parametrize(
    ("chinese", "runs"),
    [
        ("中文 section 中文", []),  # one long word is a term, not a sentence
        ("<summary>Solution</summary>参考答案", []),
        ("见 the share of industry above 规模", ["the share of industry above"]),
        ("four words only here 中文", []),
    ],
)
def test_an_english_run_is_five_words_or_more(chinese, runs) -> None:
    assert translation.english_runs(chinese) == runs


def test_merging_another_copy_takes_only_what_is_current_and_missing(project, tmp_path) -> None:
    notebook, locale = project
    translation.import_translations(notebook, {"cell-0": "# 企业"}, locale_dir=locale)
    other_locale = tmp_path / "other"
    translation.import_translations(
        notebook,
        {"cell-0": "# 另一种译法", "cell-2": "入库科技型中小企业1295家。"},
        locale_dir=other_locale,
    )
    other = translation.catalog_path("01_demo", "zh", other_locale)
    assert translation.merge_catalog(notebook, other, locale_dir=locale) == 1
    read = nbformat.read(notebook, as_version=4)
    chinese = translation.translate(read, "01_demo", "zh", locale)
    assert [c.source for c in chinese.cells if c.cell_type == "markdown"] == [
        "# 企业",
        "入库科技型中小企业1295家。",
    ]  # ours kept, theirs taken where we had none


def test_code_names_are_not_english_sentences() -> None:
    assert translation.english_runs("参考答案（enterprises.patents_per_talent_low）") == []


def test_every_catalog_is_accepted_by_the_gettext_tools() -> None:
    """Poedit and Weblate run `msgfmt -c` on save: it rejects a Chinese message with a % when
    Babel has guessed a python-format flag (the % of "6.15%" is not a directive). So no
    catalog carries that flag, and msgfmt (where gettext is installed) accepts each one."""
    import shutil
    import subprocess

    from helpers.publish.translation import LOCALE_DIR

    catalogs = sorted((LOCALE_DIR / "zh_CN" / "LC_MESSAGES").glob("*.po"))
    assert len(catalogs) >= 10  # eight notebooks, the table terms, the exercises
    flagged = [
        p.name
        for p in catalogs
        if "python-format" in p.read_text(encoding="utf-8").replace("python-brace-format", "")
    ]
    assert flagged == []
    if shutil.which("msgfmt"):
        for path in catalogs:
            run = subprocess.run(
                ["msgfmt", "-c", "-o", "/dev/null", str(path)],
                capture_output=True,
                text=True,
                check=False,
            )
            assert run.returncode == 0, f"{path.name}: {run.stderr}"
