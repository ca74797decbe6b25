"""The exercises in the notebooks: each check accepts its solution and rejects a wrong answer.

The solutions live in the notebooks themselves, in a collapsed block after the exercise, in a
markdown cell tagged `solution` (helpers.publish.teaching leaves those out of the student copy):

    <details><summary>Solution (enterprises.municipal_incubators)</summary>

    ```python
    answer = ...
    ```
    </details>

This test runs each solution and checks that `helpers.exercises` accepts it, then that it rejects
a wrong answer and says "not answered yet" for `...`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from helpers import exercises
from helpers.paths import notebook_paths

CHECK = re.compile(r"""exercises\.check\(\s*["']([\w.]+)["']""")
SOLUTION = re.compile(
    r"<details>\s*<summary>\s*Solution\s*\(([\w.]+)\)\s*</summary>\s*```python\n(.*?)```",
    re.S,
)
SECTION_NOTEBOOKS = ("01_", "02_", "03_", "04_", "05_")


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _exercises() -> dict[str, tuple[Path, str]]:
    """Exercise id -> (notebook, solution code), from every notebook."""
    found: dict[str, tuple[Path, str]] = {}
    for path in notebook_paths():
        for cell in _cells(path):
            source = "".join(cell["source"])
            for id_, code in SOLUTION.findall(source):
                tags = cell.get("metadata", {}).get("tags", [])
                assert "solution" in tags, f"{path.name}: the solution of {id_} is not tagged"
                found[id_] = (path, code)
    return found


def _checked_ids(path: Path) -> list[str]:
    return [
        id_
        for cell in _cells(path)
        if cell["cell_type"] == "code"
        for id_ in CHECK.findall("".join(cell["source"]))
    ]


def _run_solution(code: str) -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import pandas as pd

    import helpers
    from helpers import derive

    helpers.setup()
    namespace: dict[str, Any] = {
        "helpers": helpers,
        "pd": pd,
        "derive": derive,
        "facts": helpers.load_facts(),
    }
    exec(compile(code, "<solution>", "exec"), namespace)
    return namespace["answer"]


def _wrong(answer: Any) -> Any:
    if isinstance(answer, bool):
        return not answer
    if isinstance(answer, int | float):
        return answer * 1.5 + 7
    if isinstance(answer, str):
        return answer + " (changed)"
    if isinstance(answer, list | tuple | set):
        return type(answer)(list(answer)[:-1]) if len(answer) > 1 else [*answer, "extra"]
    try:
        import pandas as pd

        if isinstance(answer, pd.DataFrame):
            return answer.iloc[:-1]
    except ImportError:  # pragma: no cover
        pass
    return None


ALL = _exercises()


@pytest.mark.parametrize("id_", sorted(ALL))
def test_solution_is_accepted_and_a_wrong_answer_rejected(id_: str) -> None:
    _, code = ALL[id_]
    answer = _run_solution(code)
    assert exercises.evaluate(id_, answer).passed is True
    assert exercises.evaluate(id_, _wrong(answer)).passed is False
    unanswered = exercises.evaluate(id_, ...)
    assert unanswered.passed is None and "not answered yet" in unanswered.message


SECTIONS = [p for p in notebook_paths() if p.name.startswith(SECTION_NOTEBOOKS)]


@pytest.mark.parametrize("path", SECTIONS, ids=lambda p: p.name)
def test_each_section_notebook_has_exercises_that_teach(path: Path) -> None:
    """Issue 14: at least three per section notebook, easy to hard, with a transfer task, a
    plotting task and a critical-reading task among them."""
    checked = _checked_ids(path)
    assert len(set(checked)) >= 3, f"{path.name} has {len(set(checked))} exercises; at least 3"
    missing = [i for i in checked if i not in ALL or ALL[i][0] != path]
    assert missing == [], f"exercises without a solution block in {path.name}: {missing}"
    items = [exercises.get(i) for i in checked]
    assert {i.level for i in items} == set(exercises.LEVELS), path.name
    for kind in ("transfer", "plotting", "critical"):
        assert any(kind in i.kinds for i in items), f"{path.name} has no {kind} exercise"


def test_the_audit_notebook_has_two_exercises() -> None:
    (audit,) = [p for p in notebook_paths() if p.name.startswith("07_audit")]
    assert len(set(_checked_ids(audit))) >= 2


def test_every_exercise_has_what_a_teacher_plans_with() -> None:
    for item in exercises.registry().values():
        assert item.practises and item.teacher_note and item.kinds, item.id
        assert 1 <= item.minutes <= 30, item.id


def test_each_task_names_the_level_the_registry_gives() -> None:
    for path in notebook_paths():
        cells = _cells(path)
        for index, cell in enumerate(cells):
            ids = CHECK.findall("".join(cell["source"])) if cell["cell_type"] == "code" else []
            for id_ in ids:
                task = next(
                    "".join(c["source"])
                    for c in reversed(cells[:index])
                    if c["cell_type"] == "markdown"
                )
                level = exercises.get(id_).level
                assert f"({level}" in task, f"{path.name}: {id_} is not labelled {level}"


def test_every_check_cell_has_one_style() -> None:
    for path in notebook_paths():
        for cell in _cells(path):
            source = "".join(cell["source"]).strip()
            if cell["cell_type"] == "code" and "exercises.check" in source:
                assert re.fullmatch(r'helpers\.exercises\.check\("[\w.]+", answer\)', source), (
                    f"{path.name}: {source!r}"
                )


def test_every_registered_exercise_is_used_in_a_notebook() -> None:
    exercises._load_all()
    used = {i for path in notebook_paths() for i in _checked_ids(path)}
    assert sorted(set(exercises._REGISTRY) - used) == []


def test_unknown_exercise_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="No exercise called 'nope'"):
        exercises.get("nope")


def test_comparisons_say_what_is_wrong() -> None:
    assert exercises.close()(41, 40) == "41 is too high"
    assert exercises.close()("40", 40) == "expected a number, got str '40'"
    assert exercises.close()(40.01, 40) is None
    assert exercises.equal()([1, 2], [1, 2]) is None


def test_within_accepts_the_interval_as_shown_and_names_a_mistake() -> None:
    from helpers.derive import Quantity

    expected = Quantity(407.05, 405.49, 408.65, "exact", "万元", "", "")
    compare = exercises.within(lambda q: {"the average in yuan": q.value * 10_000})
    assert compare(405.4, expected) is None  # the notebook shows the interval as 405.4 to 408.7
    assert compare(408.7, expected) is None
    assert compare(410, expected) == "410 is too high: the data allow 405.4 to 408.7"
    assert compare(4_070_500, expected) == "4.0705e+06 looks like the average in yuan"
    assert compare("407", expected) == "expected a number, got str '407'"
