"""The exercises in Chinese: every hint, check message and note of the guide has a current
Chinese translation in notebooks/locale/zh_CN/LC_MESSAGES/exercises.po, which the teaching build
writes into the Chinese edition's otter tests (tests/test_exercise_feedback.py runs them)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from helpers.exercises import messages
from helpers.exercises.registry import registry
from helpers.paths import PROJ_ROOT
from helpers.publish import exercise_messages, translation

HAN = re.compile(r"[\u4e00-\u9fff]")


def _english_runs(text: str) -> list[str]:
    return translation.english_runs(text, translation.allowed_english_terms())


def test_the_catalog_is_complete_current_and_keeps_every_field(tmp_path: Path) -> None:
    assert exercise_messages.untranslated() == []
    assert exercise_messages.field_problems() == []
    copy = tmp_path / "exercises.po"
    shutil.copy(messages.CATALOG, copy)
    assert not exercise_messages.refresh(copy), "exercises.po is stale: run make translations"
    # every exercise's own words are messages, not only the generic ones
    known = exercise_messages.messages()
    for item in registry().values():
        assert {item.hint, item.practises, item.wrong_answers} <= set(known), item.id


def test_gettext_tools_accept_the_catalog() -> None:
    """What Poedit and Weblate check on save: `msgfmt -c` (when gettext is installed) passes, and no
    message carries Babel's guessed python-format flag (the % of "75.2%" is not a directive)."""
    text = messages.CATALOG.read_text(encoding="utf-8")
    assert "python-format" not in text.replace("python-brace-format", "")
    if shutil.which("msgfmt"):
        import subprocess

        run = subprocess.run(
            ["msgfmt", "-c", "-o", "/dev/null", str(messages.CATALOG)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert run.returncode == 0, run.stderr


def test_each_translation_is_chinese_with_the_numbers_of_its_english() -> None:
    problems = {
        english: found
        for english, chinese in messages.translations().items()
        if (
            found := translation.translation_problems(
                english, chinese, allowed_terms=translation.allowed_english_terms()
            )
        )
    }
    assert problems == {}
    untouched = [
        e
        for e, c in messages.translations().items()
        if c == e and HAN.search(e) is None and e not in ("pandas",)
    ]
    assert untouched == [], "messages 'translated' by copying the English"


def test_an_edited_english_message_turns_fuzzy_and_is_not_used(tmp_path: Path) -> None:
    catalog = tmp_path / "exercises.po"
    shutil.copy(messages.CATALOG, catalog)
    english = "how many 万元 make one 亿元?"
    text = catalog.read_text(encoding="utf-8")
    edited = text.replace(f'msgid "{english}"', 'msgid "how many yuan make one 亿元?"')
    catalog.write_text(edited, encoding="utf-8")
    assert exercise_messages.refresh(catalog)
    after = catalog.read_text(encoding="utf-8")
    block = after[after.index(f'msgid "{english}"') - 200 : after.index(f'msgid "{english}"')]
    assert "#, fuzzy" in block and '#| msgid "how many yuan make one 亿元?"' in block
    assert english not in messages.translations(catalog)  # a fuzzy guess is never printed
    assert not exercise_messages.refresh(catalog)  # and stays fuzzy until a translator looks


HALF_WIDTH_BY_CHINESE = re.compile(r"[\u4e00-\u9fff][,;:!?()]|[,;:!?()][\u4e00-\u9fff]")


THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")


def test_the_chinese_uses_full_width_punctuation_and_chinese_numbers() -> None:
    """，；：（）, not ASCII marks, next to Chinese (code and formulas in it aside); numbers
    written as the release and the notebooks' Chinese write them: 1295, 10000, no separators."""
    for guide in (
        messages.translations().values(),
        [(PROJ_ROOT / "TEACHING.zh-CN.md").read_text(encoding="utf-8")],
    ):
        for chinese in guide:
            prose = translation._CODE_OR_LINK.sub(" ", chinese)
            assert HALF_WIDTH_BY_CHINESE.findall(prose) == [], chinese
            assert THOUSANDS.findall(prose) == [], chinese


def test_a_chinese_export_reruns_when_the_exercises_catalog_changes(tmp_path: Path) -> None:
    """The export's cache keys a zh job on the shared catalogs too: a corrected hint reaches
    the Chinese reports and executed notebooks."""
    from helpers.publish.cache import translation_digest

    notebook = tmp_path / "01_demo.ipynb"
    notebook.write_text("{}", encoding="utf-8")
    folder = tmp_path / "locale" / "zh_CN" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "01_demo.po").write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    before = translation_digest(notebook, "zh")
    (folder / "exercises.po").write_text('msgid "a"\nmsgstr "甲"\n', encoding="utf-8")
    with_exercises = translation_digest(notebook, "zh")
    (folder / "exercises.po").write_text('msgid "a"\nmsgstr "乙"\n', encoding="utf-8")
    assert len({before, with_exercises, translation_digest(notebook, "zh")}) == 3
    (folder / "02_other.po").write_text('msgid "b"\nmsgstr "丙"\n', encoding="utf-8")
    unchanged = translation_digest(notebook, "zh")
    (folder / "02_other.po").write_text('msgid "b"\nmsgstr "丁"\n', encoding="utf-8")
    assert translation_digest(notebook, "zh") == unchanged  # another notebook's catalog is not
    assert translation_digest(notebook, "en") == ""
