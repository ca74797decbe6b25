"""Exercises of notebooks/01_enterprises.ipynb: firm cultivation, incubators and policy training
(section （一） of the release).

Every expected answer is computed from the fact table (and helpers.derive), never typed, so an
edit of data/facts.csv carries through to the checks.
"""

from __future__ import annotations

from helpers import derive
from helpers.exercises import bar_heights, close, equal, exercise

# The national and provincial parts of the 58 incubators (makerspaces), as the release lists them:
# the rows of the fact table whose parent is incubators_total.
TOTAL = "incubators_total"


def _facts():
    from helpers.facts import load_facts

    return load_facts()


def _incubator_parts() -> list:
    from helpers.facts import fact

    facts = _facts()
    ids = facts.loc[facts["parent_id"] == TOTAL, "id"].sort_values().tolist()
    return [fact(i) for i in ids]


@exercise(
    "enterprises.lower_bound_count",
    hint=(
        "keep the rows of `facts` whose section is 'enterprises' and whose qualifier is "
        "'at_least' (the figures written with 余), then count them, e.g. with len(...) or "
        ".sum() on a boolean Series"
    ),
    compare=equal(),
)
def lower_bound_count() -> int:
    facts = _facts()
    chosen = facts[(facts["section"] == "enterprises") & (facts["qualifier"] == "at_least")]
    return len(chosen)


@exercise(
    "enterprises.municipal_incubators",
    hint=(
        "the parts listed in the release are the rows whose parent_id is 'incubators_total'; "
        "subtract their sum from the total, with pandas or with "
        "derive.remainder(helpers.fact('incubators_total'), [...])"
    ),
    compare=close(),
)
def municipal_incubators() -> float:
    from helpers.facts import fact

    return derive.remainder(fact(TOTAL), _incubator_parts()).value


@exercise(
    "enterprises.incubators_chart",
    hint=(
        "give helpers.bar_breakdown five items: the four national and provincial facts and the "
        "municipal remainder from derive.remainder (with a label), and a title; assign the "
        "Figure it returns to `answer`"
    ),
    compare=bar_heights(),
)
def incubators_chart() -> list[float]:
    return [float(part.value_base) for part in _incubator_parts()] + [municipal_incubators()]
