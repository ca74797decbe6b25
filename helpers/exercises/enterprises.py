"""Exercises of notebooks/01_enterprises.ipynb: firm cultivation, incubators and policy training
(section （一） of the release).

Every expected answer is computed from the fact table (and helpers.derive), never typed, so an
edit of data/facts.csv carries through to the checks.
"""

from __future__ import annotations

from helpers import derive
from helpers.exercises import chart, equal, exercise, within


def _facts():
    from helpers.facts import load_facts

    return load_facts()


def _fact(id_: str):
    from helpers.facts import fact

    return fact(id_)


@exercise(
    "enterprises.lower_bound_count",
    hint=(
        "keep the rows of `facts` whose section is 'enterprises' and whose qualifier is "
        "'at_least' (the figures written with 余), then count them, e.g. with len(...) or "
        ".sum() on a boolean Series"
    ),
    compare=equal(),
    level="easy",
    minutes=5,
    kinds=("pandas",),
    practises="filtering a DataFrame on two conditions and counting rows",
    teacher_note=(
        "Counting every row of the section (16) means the qualifier filter was dropped; 15 "
        "(all the lower bounds of the release) means the section filter was. Ask which rows "
        "are bounds and why 850 is not one."
    ),
)
def lower_bound_count() -> int:
    facts = _facts()
    chosen = facts[(facts["section"] == "enterprises") & (facts["qualifier"] == "at_least")]
    return len(chosen)


POOLS = ("cultivation_pool_firms", "reserve_pool_firms")


@exercise(
    "enterprises.pools_chart",
    hint=(
        "select the two pool rows with facts[facts['id'].isin([...])], then fig, ax = "
        "plt.subplots(); ax.barh(labels, values, hatch='//'); ax.set_title(...); "
        "ax.set_xlabel('Firms (more than)'); assign fig to `answer`"
    ),
    compare=chart(units=("firm", "家")),
    level="medium",
    minutes=15,
    kinds=("plotting", "transfer"),
    practises="a bar chart in plain matplotlib with a title, a unit and lower bounds marked",
    teacher_note=(
        "The pools are only tabled in section 3, so this is a first chart of them. A chart "
        "with plain bars and 'Firms' on the axis fails: 220余 and 280余 are lower bounds and "
        "must look like it (hatch, or 'more than' in a label). A chart adding the pools into "
        "one bar reveals the reading the notebook warns against (a firm may sit in both)."
    ),
)
def pools_chart() -> list[tuple[float, bool]]:
    return [(float(_fact(i).value_base), _fact(i).qualifier == "at_least") for i in POOLS]


def _per_talent_mistakes(expected: derive.Quantity) -> dict[str, float]:
    return {
        "the printed figures divided as if exact (1300 / 100): 余 makes both ends move": float(
            _fact("incubator_patents").value
        )
        / float(_fact("incubator_talent").value),
    }


@exercise(
    "enterprises.patents_per_talent_low",
    hint=(
        "patents and talents are both lower bounds (derive.bounds gives each interval); the "
        "smallest ratio comes from the fewest patents over the most talents; "
        "derive.ratio(...).low does it"
    ),
    compare=within(_per_talent_mistakes),
    level="hard",
    minutes=15,
    kinds=("transfer", "critical"),
    practises="reading a ratio of two lower bounds as an interval, on figures not worked above",
    teacher_note=(
        "13 is the printed ratio: the learner treated 1300余 and 100余 as exact. 14 is the "
        "upper end (most patents over fewest talents). The answer, 6.5, shows how little "
        "'13 patents per talent' would mean; ask whether patents and talents are even linked."
    ),
)
def patents_per_talent_low() -> derive.Quantity:
    """The lowest number of patents per high-level talent the two 余 figures allow, as an
    interval of its own rounding (a point: 1300 / 200)."""
    q = derive.ratio(_fact("incubator_patents"), _fact("incubator_talent"))
    return derive.Quantity(q.low, q.low, q.low, "exact", "", "", "")
