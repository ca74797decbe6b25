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
        hint=N_("which of these figures is written with 余 in the release?"),
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
        "audit.library_results_verdict",
        variable="results_verdict",
        hint=N_("what would the release have to say for the two counts to be compared at all?"),
        level="medium",
        minutes=10,
        kinds=("critical", "transfer"),
        practises=N_("choosing a verdict for a link the release does not state, on new figures"),
        wrong_answers=N_(
            "'consistent': 3 is less than 24, so it 'fits', which tests an assumed link. "
            "'bound': both parts are of 100余 results, but 3 and 24 are exact."
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
                "'Consistent' needs the release to tie the two counts together: reread "
                "what it prints about them."
            ),
            "inconsistent": N_(
                "'Inconsistent' needs something printed that the two counts contradict:"
                " find it, or choose again."
            ),
            "bound": N_(
                "'Bound' is for a figure written with 余: reread how the two counts are written."
            ),
        },
    ),
]
