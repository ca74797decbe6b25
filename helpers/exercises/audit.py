"""Exercises of notebooks/07_audit.ipynb: reading the audit's verdicts (data/processed/audit.csv).

The expected answers come from helpers.audit and the fact table, never typed.
"""

from __future__ import annotations

from helpers.exercises import choice, exercise


def _verdict(check: str) -> str:
    from helpers.audit import audit_table
    from helpers.facts import load_facts

    table = audit_table(load_facts()).set_index("check")
    return str(table.loc[check, "verdict"])


@exercise(
    "audit.subsidy_firms_verdict",
    hint=(
        "the release prints 60 firms with interest subsidies and 312 firms with loans, but "
        "does it say the 60 are among the 312? A check needs a stated link to test"
    ),
    compare=choice(
        "cannot be checked",
        {
            "consistent": "60 ≤ 312 holds, but only if the 60 are among the 312, which the release "
            "never says: a comparison resting on an assumed link tests the assumption",
            "inconsistent": "nothing printed contradicts 60 and 312",
            "bound": "neither figure is written with 余: both are exact counts",
        },
    ),
    level="medium",
    minutes=10,
    kinds=("critical", "transfer"),
    practises="choosing a verdict for a check the notebook did not discuss in words",
    teacher_note=(
        "'consistent' is the common answer: 60 is less than 312, so it 'fits'. It reveals the "
        "habit the audit avoids: testing a link the release does not state. 'bound' mixes up "
        "the verdicts' meaning. Ask what sentence would make the check possible."
    ),
)
def subsidy_firms_verdict() -> str:
    return _verdict("interest_subsidy_firms within transformation_loans_firms")


@exercise(
    "audit.not_exact",
    hint=(
        "look up each id's qualifier in `facts`: which of incubators_total, "
        "incubated_tech_firms, incubated_firms and projects_provincial is written with 余?"
    ),
    compare=choice(
        "incubated_firms",
        {
            "incubators_total": "58 is exact; it is the parts (3 + 4 + 2 + 9) that leave 40 implied",
            "incubated_tech_firms": "850 is the one exact figure of the incubation sentence",
            "projects_provincial": "37 is exact; only the funding of those projects is a bound",
        },
    ),
    level="easy",
    minutes=5,
    kinds=("critical",),
    practises="telling a lower bound from an exact figure, by its fact id",
    teacher_note=(
        "Choosing incubated_tech_firms shows the learner saw 'part of 2000余' and took the part "
        "for a bound too. incubators_total shows the implied 40 made 58 look uncertain. "
        "A quick one to open the discussion of section 5."
    ),
)
def not_exact() -> str:
    from helpers.facts import load_facts

    facts = load_facts().set_index("id")
    ids = ("incubators_total", "incubated_tech_firms", "incubated_firms", "projects_provincial")
    return next(i for i in ids if facts.loc[i, "qualifier"] == "at_least")
