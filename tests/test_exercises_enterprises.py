"""Extra checks of the exercises of notebooks/01_enterprises.ipynb
(helpers/exercises/enterprises.py): answers a learner may reasonably give are accepted, and charts
without a title or with the wrong bars are rejected."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

import helpers  # noqa: E402
from helpers import derive, exercises  # noqa: E402

PARTS = ("incubators_national", "makerspaces_national", "incubators_provincial",
         "makerspaces_provincial")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_lower_bound_count_accepts_a_numpy_integer() -> None:
    facts = helpers.load_facts()
    enterprises = facts[facts["section"] == "enterprises"]
    answer = (enterprises["qualifier"] == "at_least").sum()  # numpy.int64, as pandas gives it
    assert exercises.evaluate("enterprises.lower_bound_count", answer).passed is True


def test_municipal_incubators_by_derive_and_by_pandas() -> None:
    parts = [helpers.fact(i) for i in PARTS]
    by_derive = derive.remainder(helpers.fact("incubators_total"), parts).value
    assert exercises.evaluate("enterprises.municipal_incubators", by_derive).passed is True
    facts = helpers.load_facts()
    by_pandas = (facts.loc[facts["id"] == "incubators_total", "value"].iloc[0]
                 - facts.loc[facts["parent_id"] == "incubators_total", "value"].sum())
    assert exercises.evaluate("enterprises.municipal_incubators", by_pandas).passed is True


def _chart(items, title=("Incubators by level", "孵化载体按级别")):
    return helpers.bar_breakdown(items, title=title, unit=("Incubators", "孵化载体（家）"))


def test_incubators_chart_needs_all_five_bars_and_a_title() -> None:
    helpers.setup()
    parts = [helpers.fact(i) for i in PARTS]
    municipal = derive.remainder(helpers.fact("incubators_total"), parts,
                                 label=("Municipal level (implied)", "市级（推算）"))
    right = _chart([*parts, municipal])
    assert exercises.evaluate("enterprises.incubators_chart", right).passed is True
    assert exercises.evaluate("enterprises.incubators_chart", right.axes[0]).passed is True
    four = exercises.evaluate("enterprises.incubators_chart", _chart(parts))
    assert four.passed is False and "5 were expected" in four.message
    untitled = _chart([*parts, municipal], title="")
    result = exercises.evaluate("enterprises.incubators_chart", untitled)
    assert result.passed is False and "no title" in result.message
