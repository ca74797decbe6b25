"""Exercises of notebooks/07_audit.ipynb: reading the audit's verdicts."""

from __future__ import annotations

from helpers.exercises.spec import N_, NOT_A_VERDICT, ChoiceExercise

EXERCISES = [
    ChoiceExercise(
        "audit.lower_bound",
        variable="bound_choice",
        hint=N_("for each figure, ask which way a larger 余 figure would move the result"),
        level="easy",
        minutes=5,
        kinds=("critical", "transfer"),
        practises=N_("telling which figures computed from bounds are bounds, and of which side"),
        wrong_answers=N_(
            "b: a 余 below the line read as a lower bound (it makes an upper one). c: 余 on both "
            "sides read as one bound (it gives an interval). d: exact counts read as bounds."
        ),
        right="a",
        wrong={
            "b": N_("A 余 below the line works the other way: a larger divisor, a smaller share."),
            "c": N_("With 余 above and below the line the ratio can move either way."),
            "d": N_("3 and 2 are both exact counts, and so is their sum."),
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
