"""The exercises in the kernel's language (issue 15): every hint, check message and teacher note
has a current Chinese translation in notebooks/locale/zh_CN/LC_MESSAGES/exercises.po, a Chinese
kernel prints it, and an English kernel prints exactly the English it always did (the stored
outputs are compared byte for byte by strict nbval).

No kernel is started: helpers.i18n.using_lang("zh") is what `helpers.setup(lang="zh")` sets.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from test_exercise_checks import WRONG  # noqa: E402

from helpers import exercises, i18n  # noqa: E402
from helpers.exercises import messages  # noqa: E402
from helpers.paths import PROJ_ROOT  # noqa: E402
from helpers.publish import exercise_messages, translation  # noqa: E402

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
    for item in exercises.registry().values():
        assert {item.hint, item.practises, item.teacher_note} <= set(known), item.id


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
    english = "the chart has no title"
    text = catalog.read_text(encoding="utf-8")
    edited = text.replace(f'msgid "{english}"', 'msgid "the chart has no title at all"')
    catalog.write_text(edited, encoding="utf-8")
    assert exercise_messages.refresh(catalog)
    after = catalog.read_text(encoding="utf-8")
    block = after[after.index(f'msgid "{english}"') - 200 : after.index(f'msgid "{english}"')]
    assert "#, fuzzy" in block and '#| msgid "the chart has no title at all"' in block
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


@pytest.mark.parametrize("id_", sorted(WRONG))
def test_a_chinese_kernel_prints_the_checks_in_chinese(id_: str) -> None:
    for answer, _words in WRONG[id_]:
        with i18n.using_lang("zh"):
            result = exercises.evaluate(id_, answer)
        assert result.passed is False
        hint = messages.translations()[exercises.get(id_).hint]
        assert result.message.startswith(f"{id_}：还不对：") and result.message.endswith(
            f"。提示：{hint}"
        ), result.message
        assert _english_runs(result.message) == [], result.message
        english = exercises.evaluate(id_, answer).message  # the same check, in an English kernel
        assert english.startswith(f"{id_}: not yet: ") and HAN.search(english[:12]) is None


def test_the_chinese_messages_are_the_catalogs_words() -> None:
    with i18n.using_lang("zh"):
        assert exercises.evaluate("enterprises.lower_bound_count", 16).message == (
            "enterprises.lower_bound_count：还不对：16不是预期的答案。提示：保留 `facts` 中 "
            "section 为 'enterprises'、qualifier 为 'at_least'（带“余”字的数字）的行，再计数，"
            "例如用 len(...)，或对布尔 Series 用 .sum()"
        )
        assert exercises.evaluate("rd_projects.equity_in_yi", 1_500).message == (
            "rd_projects.equity_in_yi：答对了（1500按万元理解；题目要求的单位是亿元：0.15亿元）。"
        )
        slip = exercises.evaluate("talent.subsidy_2023_wan", 476.6 * (1 - 0.752)).message
        assert slip.startswith("talent.subsidy_2023_wan：还不对：118.197像是在2024年金额上扣掉增速")
        assert exercises.evaluate("audit.not_exact", "incubated_firms").message == (
            "audit.not_exact：答对了，很好。"
        )
        assert exercises.evaluate("audit.not_exact", ...).message == (
            "audit.not_exact：尚未作答。请把 `...` 换成你的答案，然后再运行本单元格。"
        )
        assert exercises.within()(410, _quantity()) == "410偏高：数据允许的范围是405.4至408.7"


def _quantity():
    from helpers.derive import Quantity

    return Quantity(407.05, 405.49, 408.65, "exact", "万元", "", "")


def test_an_english_kernel_prints_the_english_it_always_did() -> None:
    assert exercises.evaluate("enterprises.lower_bound_count", 16).message == (
        "enterprises.lower_bound_count: not yet: 16 is not the expected answer. Hint: keep the "
        "rows of `facts` whose section is 'enterprises' and whose qualifier is 'at_least' (the "
        "figures written with 余), then count them, e.g. with len(...) or .sum() on a boolean "
        "Series"
    )
    assert exercises.evaluate("audit.not_exact", ...).message == (
        "audit.not_exact: not answered yet. Replace `...` with your answer, then run this cell "
        "again."
    )
    assert exercises.evaluate("rd_projects.equity_in_yi", 1_500).message == (
        "rd_projects.equity_in_yi: correct (1500 read as 万元; the task meant 亿元: 0.15 亿元)."
    )


def test_the_plotting_checks_speak_chinese() -> None:
    expected = exercises.get("rd_projects.counts_chart").expected()
    fig, ax = plt.subplots()
    ax.bar(["a", "b", "c"], [v for v, _ in expected])
    ax.set_ylabel("项目数（项）")
    try:
        with i18n.using_lang("zh"):
            message = exercises.evaluate("rd_projects.counts_chart", fig).message
            assert "：还不对：图没有标题。" in message
            ax.set_title("项目")
            ax.set_ylabel("数量")
            assert (
                "数值轴标签'数量'没有单位"
                in exercises.evaluate("rd_projects.counts_chart", fig).message
            )
    finally:
        plt.close(fig)


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
