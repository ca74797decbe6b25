"""What the exercise checks tell a learner: the named mistake without the value, a message about
the unit or the type, never a Python exception; and a chart check that reads the title, the
value-axis unit, the category labels and which bars are marked as bounds.

The tests run each exercise's public and hidden otter test functions (helpers.exercises.spec
writes them) the way otter does: exec the source, call the function with the answer.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from functools import cache
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from helpers.exercises import feedback as fb  # noqa: E402
from helpers.exercises.registry import get, registry  # noqa: E402
from helpers.exercises.spec import GRADING_FILE, grading_data  # noqa: E402


def _run(source: str, value: object) -> str | None:
    """None if the test function in `source` passes with `value`, else its Feedback message
    (any other exception fails the test: a learner must never see one)."""
    env: dict[str, object] = {}
    exec(source, env)  # noqa: S102  (the test source is ours)
    function = next(v for k, v in env.items() if k.startswith("test_"))
    try:
        function(value)
    except AssertionError as feedback:  # Feedback, of whichever copy of the module
        assert type(feedback).__name__ == "Feedback", feedback
        return str(feedback)
    return None


def public(id_: str, value: object, lang: str = "en") -> str | None:
    return _run(get(id_).tests(lang)[0], value)


@cache
def _autograder(lang: str) -> Path:
    """A folder laid out as otter run lays out the autograder's files: grading.json and
    helpers/exercises/feedback.py (the hidden test loads its own copy from there)."""
    place = Path(tempfile.mkdtemp(prefix=f"autograder-{lang}-"))
    (place / "helpers" / "exercises").mkdir(parents=True)
    shutil.copy2(Path(fb.__file__), place / "helpers" / "exercises" / "feedback.py")
    data = grading_data(list(registry().values()), lang)
    (place / GRADING_FILE).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return place


def hidden(id_: str, value: object, lang: str = "en") -> str | None:
    """The hidden test, run in a folder holding the autograder's files (as otter run does)."""
    here = Path.cwd()
    os.chdir(_autograder(lang))
    try:
        return _run(get(id_).tests(lang)[1], value)
    finally:
        os.chdir(here)


@pytest.mark.parametrize(
    ("id_", "wrong", "words"),
    [
        ("enterprises.patents_per_talent_low", 13, "1300 / 100"),
        ("talent.subsidy_2023_wan", 230.5, "takes the rate off the 2024 amount"),
        ("finance.provincial_funds_increase_wan", 3810, "applies the rate to the 2024 amount"),
        ("platforms.equipment_per_platform_wan", 1090.9, "national and provincial platforms only"),
        ("rd_projects.equity_yi", 1.5, "divides by 1,000"),
        ("rd_projects.equity_yi", 0.015, "divides by 100,000"),
    ],
)
def test_a_named_mistake_is_named_by_the_grading_check_without_the_value(
    id_: str, wrong: float, words: str
) -> None:
    assert public(id_, wrong) is None  # the student's check holds no value, not even a wrong one
    message = hidden(id_, wrong)
    assert message is not None and words in message
    value, low, high = get(id_).answer()
    for shown in {f"{value:g}", f"{low:g}", f"{high:g}", f"{round(value, 1):g}"}:
        assert shown not in message


@pytest.mark.parametrize(
    ("id_", "unconverted", "unit"),
    [
        ("rd_projects.equity_yi", 1500, "still in 万元"),
        ("rd_projects.equity_yi", 15_000_000, "in yuan"),
        ("talent.subsidy_2023_wan", 2_495_298, "in yuan"),
        ("platforms.equipment_per_platform_wan", 10.8 / 1020, "in 亿元"),
    ],
)
def test_an_unconverted_value_is_rejected_with_a_message_about_the_unit(
    id_: str, unconverted: float, unit: str
) -> None:
    message = hidden(id_, unconverted)
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
    if item.years:
        years = item.row_years or ("2024",) * len(labels)
        labels = [f"{label}, {year}" for label, year in zip(labels, years, strict=True)]
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
    message = hidden("enterprises.patents_per_talent_low", 13, lang="zh")
    assert message is not None and "1300 / 100" in message and "当作确数" in message
    assert "尚未作答" in public("rd_projects.equity_yi", ..., lang="zh")
    assert "万元" in hidden("rd_projects.equity_yi", 1500, lang="zh")


def test_the_chinese_bound_words_of_the_hint_mark_a_bound() -> None:
    id_ = "enterprises.pools_fig"
    for word in ("余", "超过"):
        labels = [f"培育库（{word}）", f"储备库（{word}）"]
        assert hidden(id_, _chart(labels, [220, 280], ylabel="企业数（家）")) is None, word
    plt.close("all")


def test_the_release_level_words_are_no_bound_and_a_number_with_yishang_is() -> None:
    """以上 marks a level in this release (省级以上科技项目数): a chart labelled with the
    release's own terms is right; 以上 right after a number (100个以上) is a bound."""
    item = get("rd_projects.counts_fig")
    rows = item.answer()
    labels = [
        "省级以上科技项目数（2024年）",
        "2025年省级指南建议",
        "市级以上各类科技计划项目数（2024年）",
    ]
    chart = _chart(labels, [n for _k, n, _b in rows], ylabel="项目数（项）")
    assert hidden(item.id, chart, lang="zh") is None
    pools = _chart(["培育库（220家以上）", "储备库（280个以上）"], [220, 280], ylabel="企业（家）")
    assert hidden("enterprises.pools_fig", pools, lang="zh") is None
    other = _chart(["培育库（其余）", "储备库"], [220, 280], ylabel="企业（家）")
    assert "下限" in hidden("enterprises.pools_fig", other, lang="zh")
    plt.close("all")


@pytest.mark.parametrize("verdict", ["无法核查", "cannot be checked", "（无法核查）"])
def test_the_verdict_exercise_takes_the_chinese_verdicts(verdict: str) -> None:
    id_ = "audit.library_results_verdict"
    assert public(id_, verdict, lang="zh") is None
    assert hidden(id_, verdict, lang="zh") is None
    assert hidden(id_, "一致", lang="zh") == hidden(id_, "consistent", lang="zh")
    assert hidden(id_, "一致", lang="zh") != hidden(id_, "不一致", lang="zh")


def test_an_id_question_says_an_id_is_expected() -> None:
    for id_ in ("audit.library_results_verdict",):
        message = public(id_, 3)
        assert "verdict" in message and 'such as "a"' not in message, id_


def test_every_printed_end_of_a_range_is_graded_right_and_just_outside_is_not() -> None:
    """The guide and the answer key print the interval the grader accepts: each end is right."""
    from helpers.exercises.spec import NumberExercise
    from helpers.publish.teaching import answer_key

    key = answer_key("en")
    numbers = [ex for ex in registry().values() if isinstance(ex, NumberExercise)]
    for ex in numbers:
        line = next(line for line in key.splitlines() if f"**{ex.id}**" in line)
        found = re.search(r"any value from (\S+) to (\S+)\)", line)
        assert found, line
        low, high = (float(x) for x in found.groups())
        assert (low, high) == ex.accepted(), ex.id
        assert hidden(ex.id, low) is None and hidden(ex.id, high) is None, ex.id
        value = ex.compute()[0]
        assert hidden(ex.id, float(f"{value:.3g}")) is None, ex.id  # three digits are right
        width = (high - low) or abs(value) / 100  # an exact answer: 1% off is wrong
        below, above = hidden(ex.id, low - width / 10), hidden(ex.id, high + width / 10)
        assert "Not within the range" in below and below == above, ex.id  # no direction


def test_the_tolerance_is_the_same_rule_for_every_number() -> None:
    """Three significant digits everywhere: 15.7 for the gap of 15.68 is right, as 6.41 for the
    break-even growth of 6.409."""
    assert hidden("context.gap_yantai_2021", 15.7) is None
    assert hidden("context.break_even_yantai", 6.41) is None
    assert hidden("talent.subsidy_2023_wan", 250) is None
    assert "Not within the range" in hidden("context.gap_yantai_2021", 15.8)


def _renderings(value: float) -> set[str]:
    """The ways an answer may be written: repr, 2 to 4 significant digits, and their hashes."""
    import hashlib

    shown = {repr(float(value)), f"{value:g}"}
    for digits in (2, 3, 4):
        shown |= {f"{value:.{digits}g}", f"{float(f'{value:.{digits}g}'):g}"}
    if value == int(value):
        shown.add(str(int(value)))
    hashes = {hashlib.sha256(s.encode()).hexdigest()[:16] for s in shown}
    hashes |= {hashlib.md5(s.encode()).hexdigest()[:16] for s in shown}  # noqa: S324
    return {s for s in shown if len(s.replace(".", "").lstrip("0")) >= 2} | hashes


def expected_values(item, mistakes: bool = True) -> list[float]:
    """The numbers a student must not read: the answer, its accepted ends and (`mistakes`) the
    named mistakes' values (the answer put through a known slip)."""
    from helpers.exercises.spec import NumberExercise

    if isinstance(item, NumberExercise):
        value, _low, _high = item.compute()
        wrong = [w() for w in {**item.mistakes, **item.unit_mistakes}.values()] if mistakes else []
        return [value, *item.accepted(), *wrong]
    return []


def contains(text: str, shown: str) -> bool:
    """Whether `text` holds `shown` as a whole number (13 is not in 1300) or a hash."""
    return re.search(rf"(?<![\d.]){re.escape(shown)}(?![\d]|\.\d)", text) is not None


def test_no_check_prints_an_expected_value_or_its_hash() -> None:
    """Every public test's source, and every message any check prints for a wrong answer, holds
    no rendering of the exercise's answer, its accepted ends or its named mistakes' values."""
    for lang in ("en", "zh"):
        for item in registry().values():
            public_source, hidden_source = item.tests(lang)
            probes = [..., "x", 0, -1, 1e9, *expected_values(item)]
            messages = [public(item.id, p, lang) or "" for p in probes]
            messages += [hidden(item.id, p, lang) or "" for p in probes]
            for value in expected_values(item):
                for shown in _renderings(value):
                    assert not contains(public_source, shown), (item.id, shown)
                    assert not contains(hidden_source, shown), (item.id, shown)
            for value in expected_values(item, mistakes=False):
                for shown in _renderings(value):
                    for message in messages:
                        assert not contains(message, shown), (item.id, shown, message)
            if type(item).__name__ == "ChoiceExercise":
                assert repr(item.right) not in hidden_source


def test_the_counts_chart_needs_the_years_and_a_unit_not_number() -> None:
    """The task asks each label to say its year and the axis its unit: "Number" is no unit."""
    item = get("rd_projects.counts_fig")
    values = [n for _k, n, _b in item.answer()]
    right = ["Provincial 2024", "Proposals 2025", "All projects 2024"]
    assert hidden(item.id, _chart(right, values, ylabel="Projects (项)")) is None
    no_years = ["Provincial", "Proposals", "All projects"]
    assert "which year" in hidden(item.id, _chart(no_years, values, ylabel="Projects (项)"))
    assert "names no unit" in hidden(item.id, _chart(right, values, ylabel="Number"))
    plt.close("all")


def test_a_number_bar_label_names_its_count_as_a_whole_number() -> None:
    """The candidates chart's bars are matched by their 2023 count: 10 is not in 110 or 10.5."""
    assert fb._names("10", "2023: 10")
    assert not fb._names("10", "110")
    assert not fb._names("10", "10.5")
    assert fb._names("cultivation", "cultivation pool (more than)")


# --- tampering: the hidden test uses its own copy of the checks and built-in values ----------


def test_replacing_the_checks_in_the_notebook_does_not_pass_the_hidden_test() -> None:
    """`fb.check = lambda *a, **k: None` in an answer cell (the report's attack) leaves the
    hidden test's own copy of the checks as it was."""
    import sys

    saved = fb.check
    fb.check = lambda *a, **k: None
    sys.modules["helpers.exercises.feedback"].check = fb.check
    try:
        assert "Not answered" in hidden("enterprises.bound_count", None)
        assert hidden("enterprises.bound_count", 0) is not None
        assert hidden("enterprises.pools_fig", plt.figure()) is not None
    finally:
        fb.check = saved
        plt.close("all")


class _Liar(str):
    """A string equal to everything, whose strip and lower return itself (the report's attack)."""

    def __eq__(self, other: object) -> bool:
        return True

    def __ne__(self, other: object) -> bool:
        return False

    __hash__ = str.__hash__

    def strip(self, *args: object) -> _Liar:
        return self

    def lower(self) -> _Liar:
        return self


def test_a_string_equal_to_everything_passes_no_choice() -> None:
    choices = [i for i, e in registry().items() if type(e).__name__ == "ChoiceExercise"]
    assert len(choices) >= 7
    for id_ in choices:
        assert hidden(id_, _Liar("z")) is not None, id_


def test_a_table_of_lying_cells_is_read_as_plain_values() -> None:
    item = get("finance.amounts_table")
    rows = sorted(item.answer().items(), key=lambda kv: -kv[1])
    liars = pd.DataFrame([(_Liar(k), 0.0) for k, _v in rows], columns=["id", "yuan"])
    assert hidden(item.id, liars) is not None


# --- chart labels: a one-to-one match on the best label -------------------------------------


def test_the_counts_chart_matches_each_label_to_its_best_row() -> None:
    """The report's two label sets: 'provincial' in the proposals' label and in 'All projects
    (incl. provincial)' does not take the provincial bar from its own label."""
    item = get("rd_projects.counts_fig")
    rows = item.answer()
    by = {k[0]: n for k, n, _b in rows}
    ascending = [
        ("Proposals drafted for the 2025 provincial key project guidelines (2025)", by["proposal"]),
        ("Provincial projects (2024)", by["provincial"]),
        ("All projects (incl. provincial), 2024", by["all"]),
    ]
    labels, values = zip(*ascending, strict=True)
    assert hidden(item.id, _chart(labels, values, ylabel="Projects (项)")) is None
    swapped = [values[1], values[0], values[2]]
    assert "as long as" in hidden(item.id, _chart(labels, swapped, ylabel="Projects (项)"))
    plt.close("all")


def test_the_proposals_labelled_2024_are_named() -> None:
    item = get("rd_projects.counts_fig")
    by = {k[0]: n for k, n, _b in item.answer()}
    labels = ["Provincial projects 2024", "Proposals 2024", "All projects 2024"]
    values = [by["provincial"], by["proposal"], by["all"]]
    message = hidden(item.id, _chart(labels, values, ylabel="Projects (项)"))
    assert message is not None and "year its figure is not of" in message
    plt.close("all")


def test_a_bar_label_saying_more_than_marks_a_bound() -> None:
    """03's market chart with 'more than 70' written by ax.bar_label, no hatch, passes; the
    same text on an exact figure is a bound marked where there is none."""
    item = get("platforms.market_fig")
    rows = item.answer()
    fig, ax = plt.subplots()
    bars = ax.barh([k[0] for k, _n, _b in rows], [n for _k, n, _b in rows])
    ax.bar_label(bars, labels=[f"More than {n:g}" if b else f"{n:g}" for _k, n, b in rows])
    ax.set_title("Market")
    ax.set_xlabel("Items (项)")
    assert hidden(item.id, fig) is None
    fig, ax = plt.subplots()
    bars = ax.barh([k[0] for k, _n, _b in rows], [n for _k, n, _b in rows])
    ax.bar_label(bars, labels=[f"{n:g}余" for _k, n, _b in rows])
    ax.set_title("Market")
    ax.set_xlabel("Items (项)")
    assert "exact figure is marked" in hidden(item.id, fig)
    plt.close("all")


def test_an_empty_figure_and_another_unit_get_their_own_message() -> None:
    id_ = "finance.amounts_2024_fig"
    for lang, empty, says in (("en", "figure is empty", "says 万元"), ("zh", "空", "万元")):
        assert empty in public(id_, plt.figure(), lang)
        rows = get(id_).answer()
        chart = _chart([k[0] for k, _n, _b in rows], [n for _k, n, _b in rows], ylabel="万元")
        message = public(id_, chart, lang)
        assert says in message and "亿元" in message, message
    chart = _chart(["a b", "c d"], [1, 2], ylabel="Amount (yuan)")
    assert "says yuan" in public(id_, chart)
    plt.close("all")


def test_the_lowest_ratio_takes_199_whole_talents_too() -> None:
    """100余 talents are fewer than 200: 1300 / 199 and 1300 / 200 are both defensible."""
    id_ = "enterprises.patents_per_talent_low"
    assert hidden(id_, 1300 / 199) is None and hidden(id_, 6.53) is None
    assert hidden(id_, 6.5) is None
    assert hidden(id_, 6.6) is not None


def test_an_accepted_range_is_the_interval_plus_display_rounding_only() -> None:
    """The subsidy's data allow 249.39 to 249.67 万元: 249 and 250 (three digits) are right,
    248.5 and 250.5 are not (the old rule widened each end by half a step more)."""
    item = get("talent.subsidy_2023_wan")
    assert item.accepted() == (249.0, 250.0)
    assert hidden(item.id, 249) is None and hidden(item.id, 250) is None
    assert hidden(item.id, 248.6) is not None and hidden(item.id, 250.4) is not None
    assert get("enterprises.bound_count").accepted() == (10.0, 10.0)


# --- feedback that gives nothing away -------------------------------------------------------

CODE_IN_HINT = re.compile(
    r"[()=`]|\b(?:ax|plt|pd|df|facts)\.|\.\w+\(|\b(?:three|four|five|six) (?:bars|amounts|figures)\b"
)


def test_no_hint_gives_the_method_as_code_or_a_number_of_bars() -> None:
    """A hint asks a question about the task; it holds no code, no column filter, no count of
    bars (the report: 'filter section == ... .sort_values(...)', 'for the four 2024 amounts')."""
    for id_, item in registry().items():
        for lang in ("en", "zh"):
            from helpers.exercises.messages import gettext

            hint = gettext(item.hint, lang)
            assert not CODE_IN_HINT.search(hint), (id_, lang, hint)
            assert not re.search(r"[（）＝]|四根|三根|四个|三个", hint), (id_, lang, hint)


def test_every_choice_has_four_options_and_no_wrong_message_names_the_right_one() -> None:
    for id_, item in registry().items():
        if type(item).__name__ != "ChoiceExercise":
            continue
        assert len(item.options) == 4, (id_, item.options)
        for option, why in item.wrong.items():
            assert f"({item.right})" not in why and f"'{item.right}'" not in why, (id_, option)
            if len(item.right) > 1:  # a verdict: its words are not in another option's message
                assert item.right not in why.lower(), (id_, option, why)
