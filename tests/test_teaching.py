"""The teaching edition (helpers.publish.teaching, made with otter-grader): a student zip that is
one self-contained folder with no answer in it, a teacher folder with the solutions and the
autograders, guides that are current, and (slow) the student folder installed in a fresh virtual
environment, every notebook executed there, and `make grade` giving the teacher edition full
marks and the student edition as handed out zero, in both languages.
"""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

from helpers.exercises.registry import NOTEBOOKS, for_notebook, registry
from helpers.paths import NOTEBOOKS_DIR, PROJ_ROOT
from helpers.publish import teaching
from helpers.publish.render import SOLUTION_TAG

STEMS = ["01_enterprises", "05_finance"]  # a chart, a table, numbers and a choice


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build")
    for lang in teaching.LANGS:
        teaching.build_language(out, lang, [*STEMS, "00_source_text"])
    teaching.share_autograders(out)
    return out


def _zip_texts(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        return {
            name: archive.read(name).decode("utf-8", errors="replace")
            for name in archive.namelist()
        }


@pytest.mark.parametrize("lang", teaching.LANGS)
def test_the_student_zip_is_one_folder_with_readme_requirements_data_and_notebooks(
    built: Path, lang: str
) -> None:
    names = set(_zip_texts(teaching.folder(built, lang) / "student-edition.zip"))
    folder = teaching.STUDENT_FOLDER
    assert {n.split("/")[0] for n in names} == {folder}
    for needed in ("README.md", "requirements.txt", "data/facts.csv", "helpers/__init__.py"):
        assert f"{folder}/{needed}" in names
    assert {f"{folder}/{stem}.ipynb" for stem in STEMS} <= names
    exercises = {n for n in names if n.startswith(f"{folder}/helpers/exercises/")}
    assert exercises == {f"{folder}/helpers/exercises/{f}" for f in teaching.SHIPPED_EXERCISE_FILES}
    assert not any("/publish/" in n or n.endswith(".po") for n in names)
    assert any(n.endswith("helpers/repair/extract.py") for n in names)  # the facts import it
    assert any(n.endswith("data/context.csv") for n in names)  # the context chapter reads it


def test_the_student_requirements_are_pinned_and_include_otter(built: Path) -> None:
    text = (teaching.folder(built, "en") / "student" / "requirements.txt").read_text()
    pins = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert pins and all(re.fullmatch(r"[\w.-]+==[\w.]+", line) for line in pins)
    assert any(line.startswith("otter-grader==") for line in pins)
    readme = (teaching.folder(built, "en") / "student" / "README.md").read_text()
    assert [h for h in readme.splitlines() if h.startswith("## ")] == [
        "## 1. Install (once, about 10 minutes)",
        "## 2. Open",
        "## 3. Check",
    ]


@pytest.mark.parametrize("lang", teaching.LANGS)
def test_no_solution_and_no_expected_value_is_in_the_student_zip(built: Path, lang: str) -> None:
    texts = "\n".join(_zip_texts(teaching.folder(built, lang) / "student-edition.zip").values())
    for stem in STEMS:
        source = nbformat.read(NOTEBOOKS_DIR / f"{stem}.ipynb", as_version=4)
        solutions = [c.source for c in source.cells if SOLUTION_TAG in c.metadata.get("tags", [])]
        assert len(solutions) == len(for_notebook(stem))
        for code in solutions:
            for line in code.splitlines():
                if "=" in line and len(line) > 25:  # a line of working, not a bare import
                    assert line.strip() not in texts, line
        for item in for_notebook(stem):
            _public, hidden = item.tests(lang)
            assert f"test_{item.question}_graded" not in texts
            assert f"fb.check({item.id!r}" not in texts
            names = _zip_texts(teaching.folder(built, lang) / "student-edition.zip")
            assert not any(name.endswith("grading.json") for name in names)
            assert hidden not in texts


@pytest.mark.parametrize("lang", teaching.LANGS)
def test_no_built_zip_holds_an_expected_value_or_its_hash(built: Path, lang: str) -> None:
    """Every file of the student zip, and every test source of each autograder zip, is free of
    each exercise's answer, accepted ends and named mistakes' values (repr, 2 to 4 significant
    digits, their hashes); the values are in the autograder's grading.json only."""
    from test_exercise_feedback import _renderings, contains, expected_values

    place = teaching.folder(built, lang)
    student = _zip_texts(place / "student-edition.zip")
    # the checks a student can read: the notebooks' tests and the feedback module
    checks = [
        text
        for name, text in student.items()
        if "/helpers/exercises/" in name
        or (name.endswith(".ipynb") and not name.startswith("executed"))
    ]
    checks = [
        "\n".join(
            json.dumps(n["metadata"].get("otter", {}), ensure_ascii=False) for n in [json.loads(t)]
        )
        if t.lstrip().startswith("{")
        else t
        for t in checks
    ]
    for stem in STEMS:
        with zipfile.ZipFile(place / "teacher" / "autograder" / f"{stem}.zip") as archive:
            names = archive.namelist()
            assert "files/grading.json" in names, names
            requirements = archive.read("environment.yml").decode()
            assert "pandas==" in requirements and "matplotlib==" in requirements
            checks += [archive.read(n).decode() for n in names if n.startswith("tests/")]
    # data and prose: only fractional values of three digits or more (a count such as 10 is
    # anywhere in the data; 272 or 6.41 is not)
    prose = "\n".join(student.values())
    for stem in STEMS:
        for item in for_notebook(stem):
            for value in expected_values(item, mistakes=False):
                for shown in _renderings(value):
                    for text in checks:
                        assert not contains(text, shown), (item.id, shown)
                    if value != int(value) and len(shown.replace(".", "").strip("0")) >= 3:
                        assert not contains(prose, shown), (item.id, shown)


@pytest.mark.parametrize("lang", teaching.LANGS)
def test_the_student_notebook_has_empty_answers_checks_and_no_outputs(
    built: Path, lang: str
) -> None:
    for stem in STEMS:
        notebook = nbformat.read(
            teaching.folder(built, lang) / "student" / f"{stem}.ipynb", as_version=4
        )
        code = [c.source for c in notebook.cells if c.cell_type == "code"]
        assert all(not c.get("outputs") for c in notebook.cells if c.cell_type == "code")
        for item in for_notebook(stem):
            assert f"{item.variable} = ..." in code
            assert f'grader.check("{item.question}")' in code
        assert code[0].startswith("# Initialize Otter")
        tests = "".join(notebook.metadata["otter"]["tests"].values())
        form_only = {"en": "Only the form of the answer was checked", "zh": "只检查了答案的形式"}
        assert form_only[lang] in tests  # printed under otter's "All test cases passed!"
        if lang == "zh":
            assert any('helpers.setup(lang="zh")' in c for c in code)
            assert "尚未作答" in tests


@pytest.mark.parametrize("lang", teaching.LANGS)
def test_the_reading_notebooks_ship_and_every_link_points_to_a_shipped_file(
    built: Path, lang: str
) -> None:
    """00_source_text (session 1, the reading guide the sections link to) ships with what it
    reads; no link of a shipped notebook points to a file the zip does not hold."""
    folder = teaching.STUDENT_FOLDER
    names = set(_zip_texts(teaching.folder(built, lang) / "student-edition.zip"))
    assert f"{folder}/00_source_text.ipynb" in names
    assert any(n.startswith(f"{folder}/data/raw/") for n in names)
    assert f"{folder}/data/mojibake_reconstructions.csv" in names
    student = teaching.folder(built, lang) / "student"
    links = 0
    for path in student.glob("*.ipynb"):
        notebook = nbformat.read(path, as_version=4)
        for cell in notebook.cells:
            if cell.cell_type != "markdown":
                continue
            for target in re.findall(r"\]\(([^)\s]+)\)", cell.source):
                if re.match(r"[a-z]+:", target) or target.startswith("#"):
                    continue
                links += 1
                file = target.split("#", 1)[0]
                shipped = file.endswith(".ipynb") and file in {
                    "00_source_text.ipynb",
                    "08_summary.ipynb",
                    *(f"{s}.ipynb" for s in NOTEBOOKS.values()),
                }
                assert shipped or f"{folder}/{file}" in names, (path.name, target)
    assert links > 0
    assert teaching.shipped("00_source_text.ipynb#How-to-read-this-release")
    assert not teaching.shipped("../TEACHING.md") and not teaching.shipped("../helpers/derive.py")
    assert teaching.shipped_links("[guide](../helpers/derive.py)") == "guide"


def test_one_teacher_zip_grades_both_languages_with_their_own_autograder(built: Path) -> None:
    """grade.py of each teacher zip picks the autograder of a notebook's language (its
    helpers.setup(lang="zh")); the other language's autograders ship in autograder/<lang>/."""
    for lang, other in (("en", "zh"), ("zh", "en")):
        names = _zip_texts(teaching.folder(built, lang) / "teacher-edition.zip")
        for stem in STEMS:
            assert f"{teaching.TEACHER_FOLDER}/autograder/{stem}.zip" in names
            assert f"{teaching.TEACHER_FOLDER}/autograder/{other}/{stem}.zip" in names
        teacher = teaching.folder(built, lang) / "teacher"
        script: dict[str, object] = {"__file__": str(teacher / "grade.py")}
        exec((teacher / "grade.py").read_text(encoding="utf-8"), script)  # noqa: S102
        for notebook_lang in teaching.LANGS:
            notebook = json.loads(
                (
                    teaching.folder(built, notebook_lang) / "student" / f"{STEMS[0]}.ipynb"
                ).read_text()
            )
            assert script["language"](notebook) == notebook_lang
            chosen = script["autograder_of"](STEMS[0], notebook_lang)
            assert chosen.exists(), chosen
            with zipfile.ZipFile(chosen) as archive:
                data = json.loads(archive.read("files/grading.json"))
            said = data["enterprises.bound_count"]["not_answered"]
            assert ("尚未作答" in said) == (notebook_lang == "zh"), (lang, notebook_lang)


def test_the_hidden_tests_load_their_own_copy_of_the_checks(built: Path) -> None:
    with zipfile.ZipFile(
        teaching.folder(built, "en") / "teacher" / "autograder" / f"{STEMS[0]}.zip"
    ) as archive:
        tests = [archive.read(n).decode() for n in archive.namelist() if n.startswith("tests/")]
        assert "files/helpers/exercises/feedback.py" in archive.namelist()
    hidden = [t for t in tests if "fb.check(" in t]
    assert hidden and all(
        "spec_from_file_location" in t and "import helpers" not in t for t in hidden
    )


def test_the_teacher_folder_has_the_solutions_and_an_autograder_per_notebook(built: Path) -> None:
    teacher = teaching.folder(built, "en") / "teacher"
    script = (teacher / "grade.py").read_text(encoding="utf-8")  # make grade without the repo
    compile(script, "grade.py", "exec")
    assert all(f"'{stem}'" in script for stem in STEMS) and "autograder" in script
    for stem in STEMS:
        assert (teacher / "autograder" / f"{stem}.zip").exists()
        notebook = nbformat.read(teacher / f"{stem}.ipynb", as_version=4)
        code = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
        for item in for_notebook(stem):
            assert re.search(rf"^{item.variable}\s*(,[^=\n]*)?=\s*(?!\.\.\.)", code, re.M)


def test_the_source_notebook_is_otter_assign_format() -> None:
    stem = "01_enterprises"
    notebook = nbformat.read(NOTEBOOKS_DIR / f"{stem}.ipynb", as_version=4)
    source = teaching.source_notebook(notebook, stem, "en")
    raws = [c.source.split("\n")[0] for c in source.cells if c.cell_type == "raw"]
    assert raws[0] == "# ASSIGNMENT CONFIG"
    assert raws.count("# BEGIN QUESTION") == len(for_notebook(stem))
    assert raws.count("# BEGIN TESTS") == raws.count("# END QUESTION") == len(for_notebook(stem))


def test_every_exercise_has_a_solution_cell_in_its_notebook() -> None:
    for stem in NOTEBOOKS.values():
        notebook = nbformat.read(NOTEBOOKS_DIR / f"{stem}.ipynb", as_version=4)
        for item in for_notebook(stem):
            assert teaching.solution_cell(notebook, item) >= 0


def test_the_answer_key_names_every_exercise_with_its_answer() -> None:
    key = teaching.answer_key("en")
    for id_ in registry():
        assert f"**{id_}**" in key
    assert "6.5" in key and "0.15 亿元" in key


def test_the_index_links_the_teaching_edition(built: Path) -> None:
    html = teaching.index_links(built)
    assert "en/teaching/student-edition.zip" in html and "zh/teaching/teacher-edition.zip" in html
    assert "en/teaching" not in teaching.index_links(built, reader="zh")


def test_the_guides_are_current() -> None:
    assert teaching.main(["--check-guide"]) == 0, "run python -m helpers.publish.teaching --guide"


# --- the slow round trip ----------------------------------------------------------------------


def _make_grade(submissions: Path, grades: Path, out: Path) -> list[dict[str, str]]:
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "helpers.publish.grading",
            str(submissions),
            str(grades),
            "--out",
            str(out),
        ],
        cwd=PROJ_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    with open(grades, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.slow
def test_the_student_zip_runs_in_a_fresh_environment_and_grades(tmp_path: Path) -> None:
    """Unzip the student edition into an empty folder, install its requirements in a fresh venv
    (pip's cache makes it fast; only PyPI), execute every notebook there unanswered, then grade
    both editions of both languages with make grade's command."""
    out = tmp_path / "build"
    for lang in teaching.LANGS:
        teaching.build_language(out, lang)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    for lang in teaching.LANGS:
        place = tmp_path / lang
        with zipfile.ZipFile(teaching.folder(out, lang) / "student-edition.zip") as archive:
            archive.extractall(place)
        folder = place / teaching.STUDENT_FOLDER
        if lang == "en":
            subprocess.run(
                [str(python), "-m", "pip", "install", "--quiet", "-r", "requirements.txt"],
                cwd=folder,
                check=True,
            )
        env = {k: v for k, v in os.environ.items() if not k.startswith("ZZ_")}
        for notebook in sorted(folder.glob("[0-9]*.ipynb")):
            run = subprocess.run(
                [str(venv / "bin" / "jupyter"), "nbconvert", "--to", "notebook", "--execute",
                 "--output", f"executed-{notebook.name}", notebook.name],
                cwd=folder, capture_output=True, text=True, check=False, env=env,
            )  # fmt: skip
            assert run.returncode == 0, (lang, notebook.name, run.stderr[-2000:])
        students = tmp_path / f"hand-in-{lang}"
        students.mkdir()
        for notebook in sorted(folder.glob("[0-9]*.ipynb")):
            (students / notebook.name).write_bytes(notebook.read_bytes())
        rows = _make_grade(students, tmp_path / f"students-{lang}.csv", out)
        rows = [r for r in rows if r["exercise"]]  # 00 and 08 have no exercises
        assert len(rows) == sum(len(for_notebook(s)) for s in NOTEBOOKS.values())
        assert {r["points"] for r in rows} == {"0"}
        assert all(r["feedback"] for r in rows)
        teachers = teaching.folder(out, lang) / "teacher"
        graded = tmp_path / f"teacher-{lang}"
        graded.mkdir()
        for notebook in sorted(teachers.glob("[0-9]*.ipynb")):
            (graded / notebook.name).write_bytes(notebook.read_bytes())
        rows = _make_grade(graded, tmp_path / f"teachers-{lang}.csv", out)
        assert all(r["points"] == r["possible"] != "0" for r in rows if r["exercise"]), rows
    # the report's two attacks, graded by otter run: a replaced fb.check and a str equal to all
    attacked = tmp_path / "attacked"
    attacked.mkdir()
    student = teaching.folder(out, "en") / "student"
    for stem, first_only in (("01_enterprises", True), ("07_audit", False)):
        notebook = json.loads((student / f"{stem}.ipynb").read_text(encoding="utf-8"))
        for cell in notebook["cells"]:
            source = "".join(cell["source"])
            if cell["cell_type"] != "code" or " = ...\n" not in source + "\n":
                continue
            variable = source.split(" = ...")[0]
            cell["source"] = (
                "import helpers.exercises.feedback as fb\nfb.check = lambda *a, **k: None\n"
                + f"{variable} = 0\n"
                if first_only
                else "class L(str):\n    __eq__ = lambda s, o: True\n    __hash__ = str.__hash__\n"
                "    strip = lambda s, *a: s\n    lower = lambda s: s\n" + f"{variable} = L('x')\n"
            )
            if first_only:
                break
        (attacked / f"{stem}.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    rows = _make_grade(attacked, tmp_path / "attacked.csv", out)
    assert rows and {r["points"] for r in rows} == {"0"}, rows


def test_no_exercise_answer_is_in_the_data_or_another_notebook_of_the_zip(built: Path) -> None:
    """No number exercise's answer, nor its interval as the project's tables print it (271.9 to
    272.2 was 04's answer printed by 05 and audit.csv), is in any file of the student zip."""
    from test_exercise_feedback import _renderings, contains, expected_values

    from helpers.formatting import round_interval

    prose = "\n".join(_zip_texts(teaching.folder(built, "en") / "student-edition.zip").values())
    for item in registry().values():
        values = expected_values(item, mistakes=False)
        if values:  # and the interval as the project's tables print it (271.9 to 272.2)
            values += list(round_interval(*item.compute())[1:])
        for value in values:
            for shown in _renderings(value):
                if value != int(value) and len(shown.replace(".", "").strip("0")) >= 4:
                    assert not contains(prose, shown), (item.id, shown)


@pytest.mark.parametrize("lang", teaching.LANGS)
def test_the_session_plans_add_up_and_each_notebook_has_one_time(lang: str) -> None:
    """Each session's parts sum to its length; a notebook's reading minutes are the same in the
    plans as in its section; an exercise's minutes in the plans are those of the tables."""
    guide = teaching.GUIDES[lang].read_text(encoding="utf-8")
    reading_word, exercise_word = {"en": ("reading", "exercise"), "zh": ("阅读", "练习")}[lang]
    sessions = re.findall(
        r"\*\*(?:Session|第)[^*]*\*\*[^\n]*?(\d+) ?(?:min|分钟)[)）]?\n\n((?:\|.*\n)+)", guide
    )
    assert len(sessions) >= 3, sessions
    for length, table in sessions:
        minutes = [int(m) for m in re.findall(r"^\| (\d+) \|", table, re.M)]
        assert sum(minutes) == int(length), (length, minutes)
    sections = dict(
        re.findall(rf"^### (\d\d)_\w+[^\n]*?[(（]{reading_word} ?(\d+) ?(?:min|分钟)", guide, re.M)
    )
    assert set(sections) >= {"01", "02", "03", "04", "05", "06", "07"}, sections
    for _length, table in sessions:
        for minutes, stem in re.findall(
            rf"^\| (\d+) \| `(\d\d)_\w+`[:：] ?{reading_word}", table, re.M
        ):
            assert minutes == sections[stem], (stem, minutes, sections[stem])
    by_stem = {stem[:2]: for_notebook(stem) for stem in NOTEBOOKS.values()}
    for line in re.findall(rf"`(\d\d)(?:_\w+)?`[:：]? ?{exercise_word}s?([^|`\n]*)", guide):
        stem, rest = line
        for number, minutes in re.findall(r"(\d)\s*[（(](\d+)[)）]", rest):
            assert by_stem[stem][int(number) - 1].minutes == int(minutes), (stem, number, minutes)


def test_grade_py_scan_lists_typed_answers_and_cells_reaching_into_the_checks(
    built: Path, tmp_path: Path
) -> None:
    """What value checks cannot catch, a teacher reads: `grade.py --scan` lists hard-coded
    answers and the report's attack lines, and nothing of the teacher edition's answer cells."""
    teacher = teaching.folder(built, "en") / "teacher"
    notebook = json.loads((teacher / f"{STEMS[0]}.ipynb").read_text(encoding="utf-8"))
    cells = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    cells[-1]["source"] = "import helpers.exercises.feedback as fb\nbound_count = 10\n"
    (tmp_path / "typed.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, str(teacher / "grade.py"), "--scan", str(tmp_path)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert "bound_count = 10" in run.stdout and "import helpers.exercises.feedback" in run.stdout
    clean = subprocess.run(
        [sys.executable, str(teacher / "grade.py"), "--scan", str(teacher)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert "bound_count" not in clean.stdout and "feedback" not in clean.stdout
