"""Exercises of notebooks/02_rd_projects.ipynb: research projects and their funding (section （二）,
point 一 of the release).

Each expected answer is computed from the fact table with helpers.derive, never typed.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from helpers import derive
from helpers.exercises import bar_heights, close, exercise
from helpers.facts import fact


def close_interval(rel: float = 5e-3) -> Callable[[Any, Any], str | None]:
    """A pair of numbers (low, high), each within a relative tolerance of the expected end: the
    default, half a unit of the third significant figure, accepts an end rounded as the notebook
    shows it (2.30 million for 2,297,297 yuan)."""
    number = close(rel)

    def compare(answer: Any, expected: Any) -> str | None:
        if isinstance(answer, str) or not isinstance(answer, Sequence) or len(answer) != 2:
            return "expected two numbers, (low, high)"
        if all(isinstance(x, int | float) for x in answer) and math.isclose(
            float(answer[0]) * 10_000, expected[0], rel_tol=rel
        ):
            return "the ends look like 万元: the exercise asks for yuan (× 10,000)"
        for end, got, want in zip(("lower", "upper"), answer, expected, strict=True):
            problem = number(got, want)
            if problem is not None:
                return f"the {end} end: {problem}"
        return None

    return compare


@exercise(
    "rd_projects.provincial_share",
    hint="find the rows projects_provincial and projects_total of `facts` (their `value` column) "
    "and divide the part by the total; multiply by 100 for percent",
    compare=close(),
)
def provincial_share() -> float:
    """Percent of the municipal-level-or-above projects that are at provincial level or above."""
    return derive.share(fact("projects_provincial"), fact("projects_total")).value


@exercise(
    "rd_projects.funding_per_project_bounds",
    hint="read 余 as at least the printed amount and less than the next unit of its last digit "
    "(derive.bounds gives both ends in yuan); divide each end by the number of projects at "
    "provincial level or above, or use derive.per_unit and its .low and .high",
    compare=close_interval(),
)
def funding_per_project_bounds() -> tuple[float, float]:
    """(low, high) in yuan of provincial funding per provincial project, if all of it went to
    the projects at provincial level or above and 余 means less than the next unit."""
    q = derive.per_unit(fact("provincial_funding"), fact("projects_provincial"))
    return (q.low, q.high)


@exercise(
    "rd_projects.projects_by_level_chart",
    hint="two bars: the municipal-level projects (derive.remainder of projects_total minus "
    "projects_provincial) and the provincial-level-or-above ones; helpers.bar_breakdown draws "
    "them from a mapping {(en, zh): value}; give it a title",
    compare=bar_heights(),
)
def projects_by_level_chart() -> list[float]:
    """The bar lengths expected: municipal level (implied), provincial level or above."""
    provincial = fact("projects_provincial")
    municipal = derive.remainder(fact("projects_total"), [provincial])
    return [municipal.value, float(provincial.value_base)]
