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

SOLUTION = re.compile(r"<details>\s*<summary>\s*Solution\s*\(([\w.]+)\)\s*</summary>\s*```python\n"
                      r"(.*?)```", re.S)
ID_IN_TEXT = re.compile(r"(?<![\w.])((?:enterprises|rd_projects|platforms|talent|finance|audit)"
                        r"\.[a-z0-9_]+)")


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
    return "\n".join("".join(c["source"]) for c in notebook["cells"]
                     if "solution" not in c.get("metadata", {}).get("tags", []))


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
        notes = [c for c in teacher["cells"] if teaching.NOTE_TAG in c["metadata"].get("tags", [])
                 and id_ in "".join(c["source"])]
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

    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(
        "<details><summary>Solution (audit.not_exact)</summary>\n\n```python\nanswer = 1\n```\n"
        "</details>")])
    with pytest.raises(ValueError, match="without the tag 'solution'"):
        teaching.student_copy(notebook)


def test_the_index_links_the_teaching_edition(built: Path) -> None:
    links = teaching.index_links(built)
    assert 'href="en/teaching/student-edition.zip"' in links
    assert 'href="zh/teaching/teacher-edition.zip"' in links
    hrefs = re.findall(r'href="([^"]+)"', links)
    assert len(hrefs) == 6 and all((built / href).is_file() for href in hrefs)
    assert teaching.index_links(built / "nothing") == ""


# --- TEACHING.md ---------------------------------------------------------------------------


def test_the_guide_is_current() -> None:
    current = teaching.GUIDE.read_text(encoding="utf-8")
    assert teaching.guide_text(current, teaching.guide_tables()) == current, (
        "TEACHING.md is stale: run python -m helpers.publish.teaching --guide")


def test_the_guide_names_every_exercise_and_no_other() -> None:
    named = set(ID_IN_TEXT.findall(teaching.GUIDE.read_text(encoding="utf-8")))
    assert named == set(exercises.registry())


def test_the_guide_has_a_part_for_every_notebook_and_the_readme_links_it() -> None:
    guide = teaching.GUIDE.read_text(encoding="utf-8")
    for path in notebook_paths():
        assert f"### {path.stem}" in guide, path.stem
    assert "Discuss" in guide and "two sessions of 90 minutes" in guide
    assert "(TEACHING.md)" in (PROJ_ROOT / "README.md").read_text(encoding="utf-8")
