"""Exercises of notebooks/07_audit.ipynb: reading the audit's verdicts."""

from __future__ import annotations

from helpers.exercises._data import load_facts
from helpers.exercises.spec import N_, NOT_A_VERDICT, NOT_AN_ID, ChoiceExercise

CANDIDATES = ("incubators_total", "incubated_tech_firms", "incubated_firms", "projects_provincial")


def _not_exact() -> str:
    facts = load_facts().set_index("id")
    return next(i for i in CANDIDATES if facts.loc[i, "qualifier"] == "at_least")


EXERCISES = [
    ChoiceExercise(
        "audit.not_exact",
        variable="not_exact_id",
        hint=N_("look up each id's qualifier in `facts`: which is written with 余?"),
        level="easy",
        minutes=5,
        kinds=("critical", "pandas"),
        practises=N_("telling a lower bound from an exact figure, by its fact id"),
        wrong_answers=N_(
            "incubated_tech_firms: the part of 2000余 taken for a bound too. incubators_total: "
            "the implied 40 made 58 look uncertain."
        ),
        right=_not_exact(),
        type_message=NOT_AN_ID,
        wrong={
            "incubators_total": N_("58 is exact; the parts leave 40 implied, not the total."),
            "incubated_tech_firms": N_("850 is exact: a part of a bound need not be a bound."),
            "projects_provincial": N_(
                "37 is exact; only the funding of those projects is a bound."
            ),
        },
    ),
    ChoiceExercise(
        "audit.subsidy_firms_verdict",
        variable="subsidy_verdict",
        hint=N_(
            "does the release say the 60 subsidised firms are among the 312 with loans, or only "
            "print both counts?"
        ),
        level="medium",
        minutes=10,
        kinds=("critical", "transfer"),
        practises=N_("choosing a verdict for a link the release does not state"),
        wrong_answers=N_(
            "'consistent': 60 is less than 312, so it 'fits', which tests an assumed link. "
            "'bound': the verdicts' meaning mixed up."
        ),
        right="cannot be checked",
        type_message=NOT_A_VERDICT,
        aliases={  # the verdicts as the Chinese edition names them
            "一致": "consistent",
            "不一致": "inconsistent",
            "下限": "bound",
            "无法核查": "cannot be checked",
        },
        wrong={
            "consistent": N_(
                "60 ≤ 312 holds only if the 60 are among the 312, which the release never says."
            ),
            "inconsistent": N_("Nothing printed contradicts 60 and 312."),
            "bound": N_("Neither figure is written with 余: both are exact counts."),
        },
    ),
]
