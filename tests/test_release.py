"""What belongs to this one release is written in helpers/release.py and nowhere else in helpers/:
a second release replaces that module (and data/) and keeps the rest of the code."""

from __future__ import annotations

import pytest

from helpers import release
from helpers.paths import PROJ_ROOT

HELPERS = PROJ_ROOT / "helpers"
# Not held to it: the repair room is generic (a date in its docstrings is an example of a format),
# and the exercises and the teaching editions move to a grading library this round.
NOT_YET = ("repair/", "exercises/", "publish/teaching.py", "publish/exercise_messages.py")
LITERALS = [
    release.RAW_FILE,
    release.RAW_SHA256,
    release.DATE,
    release.TITLE["en"],
    release.TITLE["zh"],
    release.BRIEFING_NOTEBOOK,
    release.AUDIT_NOTEBOOK,
    release.PACKAGE["name"],
    "datetime(2025, 3, 24",
    "or 2024",
    *release.SECTIONS.values(),
    *release.PERIODS.values(),
]


@pytest.mark.parametrize("literal", LITERALS)
def test_no_other_module_repeats_what_belongs_to_the_release(literal: str) -> None:
    found = [
        path.relative_to(HELPERS).as_posix()
        for path in sorted(HELPERS.rglob("*.py"))
        if path.name != "release.py"
        and not path.relative_to(HELPERS).as_posix().startswith(NOT_YET)
        and literal in path.read_text(encoding="utf-8")
    ]
    assert found == [], f"{literal!r} is written outside helpers/release.py"
