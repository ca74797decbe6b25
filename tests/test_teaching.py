"""The teaching edition (helpers.publish.teaching): the student copy has no solution, the teacher
copy has every solution and note, TEACHING.md names every exercise and is current.

Execution: no kernel is started here. Both copies keep the source notebooks' code cells unchanged
(checked below), and the strict nbval run of notebooks/ in the same suite executes exactly those
cells, unanswered, top to bottom; tests/test_exercises.py runs every solution against its check.
So "both editions run" is proven without executing 16 more notebooks (the suite's speed target).
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

from helpers import exercises
from helpers.paths import NOTEBOOKS_DIR, PROJ_ROOT, notebook_paths
from helpers.publish import teaching

SOLUTION = re.compile(
    r"<details>\s*<summary>\s*Solution\s*\(([\w.]+)\)\s*</summary>\s*```python\n"
    r"(.*?)```",
    re.S,
)
ID_IN_TEXT = re.compile(
    r"(?<![\w.])((?:enterprises|rd_projects|platforms|talent|finance|audit|context)"
    r"\.[a-z0-9_]+)"
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build")
    teaching.build(out, ["en", "zh"])
    return out


def _notebook(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _code(notebook: dict) -> list[str]:
    return ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"]


def _solutions() -> dict[str, tuple[str, str]]:
    """Exercise id -> (notebook stem, solution code), from the source notebooks."""
    found = {}
    for path in notebook_paths():
        for cell in _notebook(path)["cells"]:
            for id_, code in SOLUTION.findall("".join(cell["source"])):
                found[id_] = (path.stem, code)
    return found


def _text_outside_solutions(notebook: dict) -> str:
    return "\n".join(
        "".join(c["source"])
        for c in notebook["cells"]
        if "solution" not in c.get("metadata", {}).get("tags", [])
    )


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_student_copy_has_no_solution_text(built: Path, lang: str) -> None:
    solutions = _solutions()
    assert len(solutions) == len(exercises.registry())
    for id_, (stem, code) in solutions.items():
        source = _notebook(NOTEBOOKS_DIR / f"{stem}.ipynb")
        student_path = built / lang / "teaching" / "student" / f"{stem}.ipynb"
        student = student_path.read_text(encoding="utf-8")
        elsewhere = _text_outside_solutions(source)
        # every line of the solution that the notebook does not show anyway must be absent
        for line in (raw.strip() for raw in code.splitlines()):
            if line and line not in elsewhere:
                assert json.dumps(line, ensure_ascii=False)[1:-1] not in student, (lang, id_, line)
        assert "Solution (" not in student and "<details>" not in student


def test_the_student_copy_keeps_empty_answers_and_every_check(built: Path) -> None:
    for path in notebook_paths():
        source = _notebook(path)
        student = _notebook(built / "en" / "teaching" / "student" / path.name)
        ids = [i for code in _code(source) for i in teaching.CHECK_CALL.findall(code)]
        assert [i for code in _code(student) for i in teaching.CHECK_CALL.findall(code)] == ids
        answers = [c for c in _code(student) if c.startswith("answer")]
        assert answers == ["answer = ..."] * len(ids), path.name


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_both_copies_keep_the_code_cells_that_nbval_runs(built: Path, lang: str) -> None:
    for path in notebook_paths():
        source = _code(_notebook(path))
        for edition in ("student", "teacher"):
            copy = _notebook(built / lang / "teaching" / edition / path.name)
            code = _code(copy)
            if lang == "zh":  # chinese_edition only asks for Chinese charts
                code = [c.replace('helpers.setup(lang="zh")', "helpers.setup()") for c in code]
            assert code == source, (lang, edition, path.name)


def test_the_teacher_copy_has_every_solution_and_its_note(built: Path) -> None:
    for id_, (stem, code) in _solutions().items():
        teacher = _notebook(built / "en" / "teaching" / "teacher" / f"{stem}.ipynb")
        text = "\n".join("".join(c["source"]) for c in teacher["cells"])
        assert code.strip() in text, id_
        notes = [
            c
            for c in teacher["cells"]
            if teaching.NOTE_TAG in c["metadata"].get("tags", []) and id_ in "".join(c["source"])
        ]
        assert len(notes) == 1 and exercises.get(id_).teacher_note in "".join(notes[0]["source"])


def test_the_zip_holds_the_student_copies(built: Path) -> None:
    with zipfile.ZipFile(built / "en" / "teaching" / "student-edition.zip") as archive:
        names = sorted(archive.namelist())
        assert names == sorted(f"student/{p.name}" for p in notebook_paths())
        for name in names:
            assert b"Solution (" not in archive.read(name)


def test_the_answer_key_has_every_exercise(built: Path) -> None:
    key = (built / "en" / "teaching" / "answer-key.md").read_text(encoding="utf-8")
    for id_, (_, code) in _solutions().items():
        assert f"### {id_}" in key and code.strip() in key


def test_an_untagged_solution_is_refused() -> None:
    import nbformat

    notebook = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell(
                "<details><summary>Solution (audit.not_exact)</summary>\n\n```python\nanswer = 1\n```\n"
                "</details>"
            )
        ]
    )
    with pytest.raises(ValueError, match="without the tag 'solution'"):
        teaching.student_copy(notebook)


def test_the_index_links_the_teaching_edition(built: Path) -> None:
    links = teaching.index_links(built)
    assert 'href="en/teaching/student-edition.zip"' in links
    assert 'href="zh/teaching/teacher-edition.zip"' in links
    hrefs = re.findall(r'href="([^"]+)"', links)
    assert len(hrefs) == 6 and all((built / href).is_file() for href in hrefs)
    assert (
        '中文：<a href="zh/teaching/student-edition.zip">学生版（zip）</a> · '
        '<a href="zh/teaching/teacher-edition.zip">教师版（zip）</a> · '
        '<a href="zh/teaching/answer-key.md">参考答案</a>'
    ) in links
    assert 'English: <a href="en/teaching/student-edition.zip">student edition (zip)</a>' in links
    assert teaching.index_links(built / "nothing") == ""


# --- TEACHING.md ---------------------------------------------------------------------------


def test_the_guide_is_current() -> None:
    current = teaching.GUIDE.read_text(encoding="utf-8")
    assert teaching.guide_text(current, teaching.guide_tables()) == current, (
        "TEACHING.md is stale: run python -m helpers.publish.teaching --guide"
    )


def test_the_guide_names_every_exercise_and_no_other() -> None:
    named = set(ID_IN_TEXT.findall(teaching.GUIDE.read_text(encoding="utf-8")))
    assert named == set(exercises.registry())


def test_the_guide_has_a_part_for_every_notebook_and_the_readme_links_it() -> None:
    guide = teaching.GUIDE.read_text(encoding="utf-8")
    for path in notebook_paths():
        assert f"### {path.stem}" in guide, path.stem
    assert "Discuss" in guide and "two sessions of 90 minutes" in guide
    assert "(TEACHING.md)" in (PROJ_ROOT / "README.md").read_text(encoding="utf-8")


# --- the Chinese edition (issue 15): notes, answer key, outputs and the guide in Chinese ---------


UNANSWERED_ZH = "尚未作答。请把 `...` 换成你的答案，然后再运行本单元格。"


def _note_cells(notebook: dict) -> list[str]:
    return [
        "".join(c["source"])
        for c in notebook["cells"]
        if teaching.NOTE_TAG in c["metadata"].get("tags", [])
    ]


def test_the_chinese_teacher_notes_are_the_catalogs_chinese(built: Path) -> None:
    from helpers.exercises.messages import translations
    from helpers.publish.translation import allowed_english_terms, english_runs

    chinese = translations()
    notes = {}
    for path in notebook_paths():
        for note in _note_cells(_notebook(built / "zh" / "teaching" / "teacher" / path.name)):
            notes[ID_IN_TEXT.search(note).group(1)] = note
    assert set(notes) == set(exercises.registry())
    for id_, note in notes.items():
        item = exercises.get(id_)
        assert note == teaching.teacher_note(item, "zh")
        assert note.startswith(f"**教师备注（{id_}）。** ") and "*常见错误答案：* " in note
        assert chinese[item.teacher_note] in note and chinese[item.practises] in note
        assert english_runs(note, allowed_english_terms()) == [], (id_, note)
    key = (built / "zh" / "teaching" / "answer-key.md").read_text(encoding="utf-8")
    assert key.startswith("# 参考答案（教师版）\n") and "Teacher's note" not in key
    assert all(note in key for note in notes.values())


def test_the_english_teacher_note_is_unchanged() -> None:
    assert teaching.teacher_note(exercises.get("audit.not_exact")) == (
        "**Teacher's note (audit.not_exact).** Easy, critical, about 5 minutes. Practises "
        "telling a lower bound from an exact figure, by its fact id.\n\n*Common wrong answers:* "
        + exercises.get("audit.not_exact").teacher_note
    )


@pytest.mark.parametrize("edition", ["student", "teacher"])
def test_the_chinese_copies_carry_no_english_output(built: Path, edition: str) -> None:
    """Built with no Chinese run in `built`: no code cell keeps the English source's output,
    and each check shows its Chinese 'not answered yet'."""
    for path in notebook_paths():
        copy = _notebook(built / "zh" / "teaching" / edition / path.name)
        for cell in (c for c in copy["cells"] if c["cell_type"] == "code"):
            ids = teaching.CHECK_CALL.findall("".join(cell["source"]))
            texts = ["".join(o.get("text", "")) for o in cell["outputs"]]
            if ids:
                assert texts == [f"{ids[0]}：{UNANSWERED_ZH}\n"]
            else:
                assert cell["outputs"] == [], (path.name, cell["source"])
    english = _notebook(built / "en" / "teaching" / edition / "01_enterprises.ipynb")
    assert any(c.get("outputs") for c in english["cells"])  # the English keeps the source's


def test_the_chinese_copies_take_the_outputs_of_the_chinese_run(tmp_path: Path) -> None:
    import nbformat

    source = NOTEBOOKS_DIR / "01_enterprises.ipynb"
    executed = nbformat.read(source, as_version=4)
    code = [c for c in executed.cells if c.cell_type == "code"]
    chart_cell, check_cell = code[2], next(c for c in code if "exercises.check" in c.source)
    chart_cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="中文输出\n")]
    check_cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="中文检查\n")]
    (tmp_path / "zh" / "notebooks").mkdir(parents=True)
    nbformat.write(executed, tmp_path / "zh" / "notebooks" / source.name)
    teaching.build(tmp_path, ["zh"], [source])
    copy = nbformat.read(tmp_path / "zh" / "teaching" / "teacher" / source.name, as_version=4)
    by_id = {c.get("id"): c for c in copy.cells}
    assert by_id[chart_cell.id].outputs[0].text == "中文输出\n"
    assert by_id[check_cell.id].outputs[0].text == "中文检查\n"


def test_the_chinese_guide_is_current_and_names_every_exercise() -> None:
    guide = teaching.GUIDES["zh"].read_text(encoding="utf-8")
    assert teaching.guide_text(guide, teaching.guide_tables(lang="zh")) == guide, (
        "TEACHING.zh-CN.md is stale: run python -m helpers.publish.teaching --guide"
    )
    assert set(ID_IN_TEXT.findall(guide)) == set(exercises.registry())
    assert "| 练习 | 难度 | 类型 | 分钟 | 练习内容 |" in guide
    assert "| `audit.not_exact` | 简单 | 批判性阅读 | 5 | 用事实 id 区分下限和确数 |" in guide
    for path in notebook_paths():
        assert f"### {path.stem}：" in guide, path.stem
    assert "（TEACHING.md）" not in guide and "[English](TEACHING.md)" in guide
    for readme in ("TEACHING.md", "README.zh-CN.md"):
        assert "(TEACHING.zh-CN.md)" in (PROJ_ROOT / readme).read_text(encoding="utf-8"), readme


def test_every_section_of_the_chinese_guide_is_chinese() -> None:
    """Each section (## or ###), outside code and links, at least 90% Chinese by the measure of
    the zh pages, with no English sentence: a section left in English fails."""
    from helpers.publish.chinese_share import TARGET, chinese_share
    from helpers.publish.translation import _CODE_OR_LINK, allowed_english_terms, english_runs

    guide = teaching.GUIDES["zh"].read_text(encoding="utf-8")
    sections = re.split(r"\n(?=#{2,3} )", guide)
    assert len(sections) >= 2 + len(notebook_paths())
    for section in sections:
        prose = _CODE_OR_LINK.sub(" ", section)
        assert chinese_share(prose) >= TARGET, (section[:60], chinese_share(prose))
        assert english_runs(section, allowed_english_terms()) == [], section[:60]
