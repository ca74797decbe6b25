"""What the exercise checks tell a learner: the named mistake without the value, a message about
the unit or the type, never a Python exception; and a chart check that reads the title, the
value-axis unit, the category labels and which bars are marked as bounds.

The tests run each exercise's public and hidden otter test functions (helpers.exercises.spec
writes them) the way otter does: exec the source, call the function with the answer.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from helpers.exercises import feedback as fb  # noqa: E402
from helpers.exercises.registry import get, registry  # noqa: E402


def _run(source: str, value: object) -> str | None:
    """None if the test function in `source` passes with `value`, else its Feedback message
    (any other exception fails the test: a learner must never see one)."""
    env: dict[str, object] = {}
    exec(source, env)  # noqa: S102  (the test source is ours)
    function = next(v for k, v in env.items() if k.startswith("test_"))
    try:
        function(value)
    except fb.Feedback as feedback:
        return str(feedback)
    return None


def public(id_: str, value: object, lang: str = "en") -> str | None:
    return _run(get(id_).tests(lang)[0], value)


def hidden(id_: str, value: object, lang: str = "en") -> str | None:
    return _run(get(id_).tests(lang)[1], value)


@pytest.mark.parametrize(
    ("id_", "wrong", "words"),
    [
        ("enterprises.patents_per_talent_low", 13, "1300 / 100"),
        ("talent.subsidy_2023_wan", 118.2, "takes the rate off the 2024 amount"),
        ("finance.provincial_funds_increase_wan", 3810, "applies the rate to the 2024 amount"),
        ("platforms.equipment_per_platform_wan", 1090.9, "national and provincial platforms only"),
        ("rd_projects.equity_yi", 1.5, "divides by 1,000"),
        ("rd_projects.equity_yi", 0.015, "divides by 100,000"),
    ],
)
def test_a_named_mistake_is_named_in_the_student_check_without_the_value(
    id_: str, wrong: float, words: str
) -> None:
    message = public(id_, wrong)
    assert message is not None and words in message
    value, low, high = get(id_).answer()
    for shown in {f"{value:g}", f"{low:g}", f"{high:g}", f"{round(value, 1):g}"}:
        assert shown not in message


@pytest.mark.parametrize(
    ("id_", "unconverted", "unit"),
    [
        ("rd_projects.equity_yi", 1500, "still in 万元"),
        ("rd_projects.equity_yi", 15_000_000, "in yuan"),
        ("talent.subsidy_2023_wan", 2_720_319.6, "in yuan"),
        ("platforms.equipment_per_platform_wan", 10.8 / 1020, "in 亿元"),
    ],
)
def test_an_unconverted_value_is_rejected_with_a_message_about_the_unit(
    id_: str, unconverted: float, unit: str
) -> None:
    message = public(id_, unconverted)
    assert message is not None and unit in message and "task asks for" in message


def test_every_exercise_passes_its_answer_and_fails_the_unanswered_cell() -> None:
    for id_, item in registry().items():
        right = _right_answer(item)
        assert public(id_, right) is None, id_
        assert hidden(id_, right) is None, id_
        assert "Not answered yet" in (public(id_, ...) or ""), id_
        assert "Not answered yet" in (hidden(id_, None) or ""), id_
    plt.close("all")


def _right_answer(item):
    answer = item.answer()
    kind = type(item).__name__
    if kind == "NumberExercise":
        return answer[0]
    if kind == "ChoiceExercise":
        return answer.upper() if len(answer) == 1 else f" {answer} "
    if kind == "TableExercise":
        rows = sorted(answer.items(), key=lambda kv: -kv[1])
        return pd.DataFrame(rows, columns=[item.key, item.column])
    fig, ax = plt.subplots()
    labels = [
        f"{keywords[0]} (More Than)" if bound else keywords[0] for keywords, _n, bound in answer
    ]
    ax.bar(labels, [n for _k, n, _b in answer])
    ax.set_title("A chart")
    ax.set_ylabel(f"Count ({item.units[0]})")
    return fig


@pytest.mark.parametrize(
    "value",
    [pd.DataFrame({"a": [1, 2]}), pd.Series([1.0]), "13", True, [13], {"x": 1}, object()],
)
def test_a_wrong_type_gets_a_message_about_the_type_never_an_exception(value: object) -> None:
    for id_ in registry():
        for run in (public, hidden):
            message = run(id_, value)
            assert message, id_
            assert "Error" not in message and "Traceback" not in message, id_
    plt.close("all")


def test_a_number_check_says_expected_a_number_for_a_dataframe() -> None:
    message = public("enterprises.bound_count", pd.DataFrame({"n": [10]}))
    assert message == "Expected a number (int or float), got a DataFrame."


def test_a_choice_reveals_the_mistake_only_in_the_hidden_test() -> None:
    assert public("rd_projects.funding_reading", "a") is None  # an option: the form is right
    assert "each project" in hidden("rd_projects.funding_reading", "a")
    assert "not one of the options" in public("rd_projects.funding_reading", "e")


def _chart(labels, values, hatches=None, title="Pools", ylabel="Firms (家)"):
    fig, ax = plt.subplots()
    bars = ax.bar(labels, values)
    for bar, hatch in zip(bars, hatches or [], strict=False):
        bar.set_hatch(hatch)
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    return fig


POOLS = ["Cultivation pool", "Reserve pool"]


def test_a_chart_check_reads_title_unit_labels_and_bounds() -> None:
    id_ = "enterprises.pools_fig"
    assert "no title" in public(id_, _chart(POOLS, [220, 280], ["//", "//"], title=""))
    assert "names no unit" in public(id_, _chart(POOLS, [220, 280], ["//", "//"], ylabel="x"))
    assert "no label saying" in public(id_, _chart(["a", "b"], [220, 280], ["//", "//"]))
    assert "missing" in hidden(id_, _chart(["Pool one", "Pool two"], [220, 280], ["//", "//"]))
    assert "lower bound" in hidden(id_, _chart(POOLS, [220, 280]))
    assert "as long as" in hidden(id_, _chart(POOLS, [2_200_000, 2_800_000], ["//", "//"]))
    assert hidden(id_, _chart(POOLS, [220, 280], ["//", "//"])) is None
    plt.close("all")


def test_bound_words_are_case_insensitive_and_a_bare_sign_is_not_one() -> None:
    id_ = "enterprises.pools_fig"
    upper = ["Cultivation pool (More than)", "Reserve pool (MORE THAN)"]
    assert hidden(id_, _chart(upper, [220, 280])) is None
    signs = ["Cultivation pool >", "Reserve pool >"]
    assert "lower bound" in hidden(id_, _chart(signs, [220, 280]))
    plt.close("all")


def test_hatching_every_bar_fails_where_some_figures_are_exact() -> None:
    item = get("platforms.market_fig")
    rows = item.answer()
    labels = [k[0] for k, _n, _b in rows]
    values = [n for _k, n, _b in rows]
    all_hatched = _chart(labels, values, ["//"] * len(rows), ylabel="Items (项)")
    assert "exact figure is marked" in hidden(item.id, all_hatched)
    right = _chart(labels, values, ["//" if b else "" for *_x, b in rows], ylabel="Items (项)")
    assert hidden(item.id, right) is None
    plt.close("all")


def test_a_table_in_the_printed_units_gets_a_message_about_the_unit() -> None:
    item = get("finance.amounts_table")
    rows = item.answer()
    wan = {"interest_subsidy", "first_loan_amount", "equity_investment"}
    printed = {k: v / (10_000 if k in wan else 100_000_000) for k, v in rows.items()}
    table = pd.DataFrame(sorted(printed.items(), key=lambda kv: -kv[1]), columns=["id", "yuan"])
    assert "another unit than yuan" in hidden(item.id, table)
    unsorted = pd.DataFrame(sorted(rows.items()), columns=["id", "yuan"])
    assert "not sorted" in hidden(item.id, unsorted)


def test_the_chinese_checks_speak_chinese() -> None:
    message = public("enterprises.patents_per_talent_low", 13, lang="zh")
    assert message is not None and "1300 / 100" in message and "当作确数" in message
    assert "尚未作答" in public("rd_projects.equity_yi", ..., lang="zh")
    assert "单位" in public("rd_projects.equity_yi", 1500, lang="zh") or "万元" in public(
        "rd_projects.equity_yi", 1500, lang="zh"
    )


def test_the_public_checks_hold_no_value_that_gives_the_answer_away() -> None:
    """A named mistake's value is the answer put through a known slip (× 10,000, the sign
    reversed): the student's copy compares fingerprints, and prints none of those values."""
    from helpers.exercises.registry import registry
    from helpers.exercises.spec import NumberExercise

    numbers = [ex for ex in registry().values() if isinstance(ex, NumberExercise)]
    assert numbers
    for ex in numbers:
        public = "\n".join(ex.public(lambda message: message))
        hidden = "\n".join(ex.hidden(lambda message: message))
        value, _low, _high = ex.compute()
        for wrong in {**ex.mistakes, **ex.unit_mistakes}.values():
            assert repr(float(wrong())) not in public, ex.id
            assert repr(float(wrong())) in hidden, ex.id  # the teacher's grading keeps them
        assert repr(float(value)) not in public, ex.id


def test_a_fingerprint_matches_an_answer_at_three_significant_digits() -> None:
    from helpers.exercises import feedback

    wrong = 2720319.634703196  # an amount in yuan where 万元 was asked
    print_ = feedback.fingerprint(wrong)
    with pytest.raises(feedback.Feedback, match="yuan"):
        feedback.not_like(2720000, print_, "That is in yuan.")
    feedback.not_like(272.03, print_, "That is in yuan.")  # the right answer passes


def test_the_chinese_bound_words_of_the_hint_mark_a_bound() -> None:
    id_ = "enterprises.pools_fig"
    for word in ("余", "超过"):
        labels = [f"培育库（{word}）", f"储备库（{word}）"]
        assert hidden(id_, _chart(labels, [220, 280], ylabel="企业数（家）")) is None, word
    plt.close("all")
