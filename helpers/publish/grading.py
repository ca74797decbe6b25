"""Grade a folder of submitted notebooks with the teaching edition's autograders (`make grade`).

Each notebook is graded by `otter run` (otter-grader, no Docker) with the autograder of its
section and language (build/<lang>/teaching/teacher/autograder/NN_name.zip, from
helpers.publish.teaching): the notebook is executed top to bottom, then the hidden tests run.
One CSV row per notebook and exercise:

    notebook, exercise, points, possible, feedback

`feedback` is what the failed checks told the student (the named mistake, the unit, the type),
never a test's source: a hidden test's code holds the answer, otter's own output quotes it.
A notebook is matched to its section by the assignment name otter stores in its metadata (so a
renamed file still grades), and to its language by its setup call (`helpers.setup(lang="zh")`).

    python -m helpers.publish.grading SUBMISSIONS GRADES.csv [--out build]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

from helpers.exercises.registry import for_notebook
from helpers.paths import BUILD_DIR
from helpers.publish.teaching import folder

COLUMNS = ("notebook", "exercise", "points", "possible", "feedback")
FEEDBACK = re.compile(r"^\s*Feedback: (.*)$", re.M)
ZH_SETUP = re.compile(r"""helpers\.setup\(\s*lang\s*=\s*["']zh["']""")


def identify(path: Path) -> tuple[str, str]:
    """(section notebook stem, language) of a submitted notebook."""
    notebook = nbformat.read(path, as_version=4)
    stem = notebook.metadata.get("otter", {}).get("assignment_name") or path.stem
    code = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
    return stem, ("zh" if ZH_SETUP.search(code) else "en")


def _feedback(output: str) -> str:
    """The students' messages in otter's output for one question, each once, in order."""
    seen: list[str] = []
    for message in FEEDBACK.findall(output or ""):
        if message not in seen:
            seen.append(message)
    return " ".join(seen)


def grade_notebook(path: Path, out: Path = BUILD_DIR) -> list[dict[str, object]]:
    """The rows of one submitted notebook (one per exercise of its section)."""
    stem, lang = identify(path)
    autograder = folder(out, lang) / "teacher" / "autograder" / f"{stem}.zip"
    exercises = for_notebook(stem)
    if not exercises or not autograder.exists():
        reason = (
            "no exercises" if not exercises else f"no autograder {autograder.name}: make teaching"
        )
        return [
            {"notebook": path.name, "exercise": "", "points": 0, "possible": 0, "feedback": reason}
        ]
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "otter",
                "run",
                "--no-logo",
                "-a",
                str(autograder),
                "-o",
                tmp,
                str(path),
            ],
            check=False,
            capture_output=True,
        )
        results = Path(tmp) / "results.json"
        tests = json.loads(results.read_text(encoding="utf-8"))["tests"] if results.exists() else []
    by_name = {t["name"]: t for t in tests}
    rows = []
    for item in exercises:
        test = by_name.get(item.question)
        if test is None:
            rows.append(
                {
                    "notebook": path.name,
                    "exercise": item.id,
                    "points": 0,
                    "possible": item.points,
                    "feedback": "the notebook could not be run",
                }
            )
            continue
        score = float(test.get("score", 0))
        rows.append(
            {
                "notebook": path.name,
                "exercise": item.id,
                "points": f"{score:g}",
                "possible": f"{float(test.get('max_score', item.points)):g}",
                "feedback": ""
                if score >= float(test.get("max_score", item.points))
                else _feedback(test.get("output", "")),
            }
        )
    return rows


def grade(submissions: Path, grades: Path, out: Path = BUILD_DIR) -> list[dict[str, object]]:
    """Grade every .ipynb in `submissions` (sorted by name) and write `grades` (CSV)."""
    rows: list[dict[str, object]] = []
    for path in sorted(submissions.rglob("*.ipynb")):
        if ".ipynb_checkpoints" not in path.parts:
            rows += grade_notebook(path, out)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    grades.parent.mkdir(parents=True, exist_ok=True)
    grades.write_text(buffer.getvalue(), encoding="utf-8")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("submissions", type=Path, help="a folder of submitted notebooks")
    parser.add_argument("grades", type=Path, help="the CSV to write")
    parser.add_argument(
        "--out", type=Path, default=BUILD_DIR, help="where the teaching editions are (build/)"
    )
    args = parser.parse_args(argv)
    if not args.submissions.is_dir():
        print(f"{args.submissions} is not a folder of notebooks", file=sys.stderr)
        return 2
    rows = grade(args.submissions, args.grades, args.out)
    earned = sum(float(r["points"]) for r in rows)
    possible = sum(float(r["possible"]) for r in rows)
    print(f"{args.grades}: {len(rows)} rows, {earned:g} of {possible:g} points")
    return 0


if __name__ == "__main__":
    sys.exit(main())
