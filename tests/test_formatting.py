"""Formatters give the exact strings a reader expects, with the release's own precision."""

from __future__ import annotations

import math
import subprocess
import sys
from decimal import Decimal

import pytest

from helpers import i18n
from helpers.formatting import (
    fmt_amount,
    fmt_change,
    fmt_count,
    fmt_fact,
    fmt_growth,
    fmt_number,
    fmt_percent,
    fmt_pp,
    fmt_rank,
    implied_earlier_rounded,
    round_sig,
    significant_digits,
    to_decimal,
)
from helpers.i18n import set_lang
from helpers.paths import PROJ_ROOT


@pytest.fixture(autouse=True)
def _default_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ZZ_LANG", raising=False)
    monkeypatch.setattr(i18n, "_lang", None)  # restored after the test, whatever it set


@pytest.mark.parametrize(
    ("yuan", "en", "zh"),
    [
        (150_000_000, "CNY 150 million", "1.5亿元"),
        (1_270_000_000, "CNY 1.27 billion", "12.7亿元"),
        (85_000_000, "CNY 85 million", "8500万元"),
        (4_766_000, "CNY 4.766 million", "476.6万元"),
        (476.6 * 10_000, "CNY 4.766 million", "476.6万元"),  # float noise is not a digit
        (2_900_000, "CNY 2.9 million", "290万元"),
        (15_000_000, "CNY 15 million", "1500万元"),
        (830_000_000, "CNY 830 million", "8.3亿元"),
        (1_080_000_000, "CNY 1.08 billion", "10.8亿元"),
        (21_390_000_000, "CNY 21.39 billion", "213.9亿元"),
        (5_000, "CNY 5,000", "5000元"),
        (0, "CNY 0", "0元"),
    ],
)
def test_amounts_in_each_languages_convention(yuan: float, en: str, zh: str) -> None:
    assert fmt_amount(yuan) == en  # English is the default
    assert fmt_amount(yuan, "en") == en
    assert fmt_amount(yuan, "zh") == zh


def test_amount_lower_bounds() -> None:
    assert fmt_amount(85e6, "en", "at_least") == "more than CNY 85 million"
    assert fmt_amount(85e6, "en", "at_least", compact=True) == "≥ CNY 85 million"
    assert fmt_amount(85e6, "zh", "at_least") == "8500余万元"
    assert fmt_amount(85e6, "zh", "at_least", compact=True) == "≥8500万元"
    assert fmt_amount(1.5e8, "zh", "at_least") == "超过1.5亿元"  # 余 cannot follow a decimal


def test_amount_approximate_and_upper_bound() -> None:
    assert fmt_amount(2_720_000, "en", "approximate") == "about CNY 2.72 million"
    assert fmt_amount(2_720_000, "zh", "approximate", compact=True) == "≈272万元"
    assert fmt_amount(2_720_000, "en", "at_most", compact=True) == "≤ CNY 2.72 million"
    assert fmt_amount(2_720_000, "zh", "at_most") == "不超过272万元"


def test_the_language_setting_is_the_default() -> None:
    set_lang("zh")
    assert fmt_amount(150_000_000) == "1.5亿元"
    assert fmt_count(1295, "家") == "1295家"


@pytest.mark.parametrize(
    ("args", "kwargs", "expected"),
    [
        ((1295, "家", "en"), {}, "1,295"),
        ((1295, "家", "zh"), {}, "1295家"),
        ((68, "人", "en"), {"unit_en": "people"}, "68 people"),
        ((220, "家", "en", "at_least"), {}, "more than 220"),
        ((220, "家", "en", "at_least"), {"compact": True}, "≥ 220"),
        ((220, "家", "zh", "at_least"), {}, "220余家"),
        ((2000, "人次", "zh", "at_least"), {}, "2000余人次"),
        ((220, "家", "zh", "at_least"), {"compact": True}, "≥220家"),
        ((64, "人", "zh", "approximate"), {}, "约64人"),
        ((64, "人", "en", "approximate"), {"compact": True}, "≈ 64"),
        ((1020.0, None, "en"), {}, "1,020"),
    ],
)
def test_counts(args: tuple, kwargs: dict, expected: str) -> None:
    assert fmt_count(*args, **kwargs) == expected


def test_percent_keeps_the_printed_digits() -> None:
    assert fmt_percent(50.84) == "50.84%"
    assert fmt_percent(6.15, lang="zh") == "6.15%"
    assert fmt_percent(50) == "50%"
    assert fmt_percent(50.8, decimals=2) == "50.80%"
    assert fmt_percent(50, lang="en", qualifier="at_least") == "more than 50%"
    assert fmt_percent(50, lang="zh", qualifier="at_least") == "超过50%"


def test_percentage_points() -> None:
    assert fmt_pp(2.76) == "+2.76 pp"
    assert fmt_pp(2.76, "zh") == "提高2.76个百分点"
    assert fmt_pp(2.76, "zh", compact=True) == "+2.76个百分点"
    assert fmt_pp(-0.5, "en") == "-0.5 pp"
    assert fmt_pp(-0.5, "zh") == "下降0.5个百分点"


def test_growth_rates() -> None:
    assert fmt_growth(75.2) == "+75.2% year on year"
    assert fmt_growth(75.2, compact=True) == "+75.2%"
    assert fmt_growth(75.2, "zh") == "同比增长75.2%"
    assert fmt_growth(-5, "zh") == "同比下降5%"
    assert fmt_growth(36.36, "zh", compact=True) == "+36.36%"


def test_ranks() -> None:
    assert [fmt_rank(n) for n in (1, 2, 3, 4, 6, 11, 12, 13, 21, 22, 101)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "6th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "101st",
    ]
    assert fmt_rank(6, "zh") == "第6位"


def test_numbers() -> None:
    assert fmt_number(1295) == "1,295"
    assert fmt_number(1295, lang="zh") == "1295"
    assert fmt_number(2.5) == "2.5"
    assert fmt_number(0.1 + 0.2) == "0.3"
    assert fmt_number(-0.0) == "0"
    assert fmt_number(Decimal("12.70")) == "12.7"


def test_numpy_scalars_are_numbers() -> None:
    np = pytest.importorskip("numpy")
    assert fmt_amount(np.float64(1.27e9)) == "CNY 1.27 billion"
    assert fmt_count(np.int64(1295), "家", "zh") == "1295家"


def test_precision_helpers() -> None:
    assert to_decimal(476.6 * 10_000) == Decimal("4766000")
    assert significant_digits(4_766_000) == 4
    assert significant_digits(85_000_000) == 2
    assert round_sig(272.03, 4) == 272.0
    assert implied_earlier_rounded(68, 6.15, whole=True) == 64
    assert implied_earlier_rounded(15, 36.36, whole=True) == 11
    assert implied_earlier_rounded(4_766_000, 75.2) == 2_720_000
    assert implied_earlier_rounded(150_000_000, 25.4) == 120_000_000


def test_an_unknown_qualifier_is_refused() -> None:
    with pytest.raises(ValueError, match="Unknown qualifier 'roughly'"):
        fmt_count(3, qualifier="roughly")


# Rows as in data/facts.csv (the subset fmt_fact reads), so these tests do not depend on it.
FACTS = {
    "tech_smes_registered": {
        "value": 1295,
        "unit": "家",
        "qualifier": "exact",
        "value_base": 1295,
        "base_unit": "count",
    },
    "hightech_output_share": {
        "value": 50.84,
        "unit": "%",
        "qualifier": "exact",
        "value_base": 50.84,
        "base_unit": "percent",
    },
    "hightech_output_share_change_pp": {
        "value": 2.76,
        "unit": "个百分点",
        "qualifier": "exact",
        "value_base": 2.76,
        "base_unit": "percentage_point",
    },
    "hightech_output_share_rank": {
        "value": 6,
        "unit": "位",
        "qualifier": "exact",
        "value_base": 6,
        "base_unit": "rank",
    },
    "industrial_doubling_years_ahead": {
        "value": 2,
        "unit": "年",
        "qualifier": "exact",
        "value_base": 2,
        "base_unit": "year",
    },
    "provincial_funding": {
        "value": 8500,
        "unit": "万元",
        "qualifier": "at_least",
        "value_base": 85_000_000,
        "base_unit": "yuan",
    },
    "interest_subsidy": {
        "value": 476.6,
        "unit": "万元",
        "qualifier": "exact",
        "value_base": 4_766_000,
        "base_unit": "yuan",
    },
    "transformation_loans": {
        "value": 12.7,
        "unit": "亿元",
        "qualifier": "exact",
        "value_base": 1_270_000_000,
        "base_unit": "yuan",
    },
    "policy_trainees": {
        "value": 2000,
        "unit": "人次",
        "qualifier": "at_least",
        "value_base": 2000,
        "base_unit": "count",
    },
    "scaled_count": {
        "value": 1.2,
        "unit": "万人",
        "qualifier": "at_least",
        "value_base": 12000,
        "base_unit": "count",
    },
}


@pytest.mark.parametrize(
    ("fact_id", "en", "en_compact", "zh", "zh_compact"),
    [
        ("tech_smes_registered", "1,295", "1,295", "1295家", "1295家"),
        ("hightech_output_share", "50.84%", "50.84%", "50.84%", "50.84%"),
        (
            "hightech_output_share_change_pp",
            "+2.76 pp",
            "+2.76 pp",
            "提高2.76个百分点",
            "+2.76个百分点",
        ),
        ("hightech_output_share_rank", "6th", "6th", "第6位", "第6位"),
        ("industrial_doubling_years_ahead", "2 years", "2 years", "2年", "2年"),
        (
            "provincial_funding",
            "more than CNY 85 million",
            "≥ CNY 85 million",
            "8500余万元",
            "≥8500万元",
        ),
        ("interest_subsidy", "CNY 4.766 million", "CNY 4.766 million", "476.6万元", "476.6万元"),
        ("transformation_loans", "CNY 1.27 billion", "CNY 1.27 billion", "12.7亿元", "12.7亿元"),
        ("policy_trainees", "more than 2,000", "≥ 2,000", "2000余人次", "≥2000人次"),
        ("scaled_count", "more than 12,000", "≥ 12,000", "1.2万余人", "≥1.2万人"),
    ],
)
def test_fmt_fact_picks_the_formatter_from_the_base_unit(
    fact_id: str, en: str, en_compact: str, zh: str, zh_compact: str
) -> None:
    fact = FACTS[fact_id]
    assert fmt_fact(fact, "en") == en
    assert fmt_fact(fact, "en", compact=True) == en_compact
    assert fmt_fact(fact, "zh") == zh
    assert fmt_fact(fact, "zh", compact=True) == zh_compact


def test_fmt_fact_reads_attributes_and_pandas_rows() -> None:
    pd = pytest.importorskip("pandas")
    from types import SimpleNamespace

    fact = SimpleNamespace(**FACTS["provincial_funding"])
    assert fmt_fact(fact, "zh") == "8500余万元"
    row = pd.DataFrame([FACTS["interest_subsidy"]]).iloc[0]
    assert fmt_fact(row, "en") == "CNY 4.766 million"


def test_fmt_change_reads_growth_and_points() -> None:
    growth = {
        "value": 75.2,
        "unit": "%",
        "qualifier": "exact",
        "value_base": 75.2,
        "base_unit": "percent",
    }
    assert fmt_change(growth, "en") == "+75.2% year on year"
    assert fmt_change(growth, "zh") == "同比增长75.2%"
    assert fmt_change(FACTS["hightech_output_share_change_pp"], "zh") == "提高2.76个百分点"


def test_importing_formatting_stays_light() -> None:
    code = (
        "import sys, helpers.formatting, helpers.i18n; "
        "heavy = [m for m in ('pandas', 'matplotlib', 'numpy', 'seaborn') if m in sys.modules]; "
        "print(' '.join(heavy))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJ_ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"importing formatting loaded: {result.stdout}"


def test_round_interval_keeps_the_precision_the_inputs_allow() -> None:
    from helpers.formatting import round_interval

    # 8500余万元 / 37: "more than about 229.7万元": a lower bound rounded down, never up to
    # 2,300,000, and never 2,297,297.2973; the high end rounded up
    assert round_interval(85e6 / 37, 85e6 / 37, 86e6 / 37) == (2_297_000, 2_297_000, 2_325_000)
    # 12.7亿元 / 312 firms: about 407万元, between 405.4 and 408.7万元 (ends outward)
    assert round_interval(1.27e9 / 312, 1.265e9 / 312, 1.275e9 / 312) == (
        4_070_000,
        4_054_000,
        4_087_000,
    )
    # an interval that is the finding stays visible: 64 lies outside 64.057 to 64.064, and the
    # audit prints the same ends (one function)
    assert round_interval(68 / 1.0615, 68 / 1.06155, 68 / 1.06145) == (64.06, 64.057, 64.064)
    assert round_interval(15 / 1.3636, 15 / 1.36365, 15 / 1.36355) == (11.0003, 10.9998, 11.0007)
    assert round_interval(37 / 115 * 100, 37 / 115 * 100, 37 / 115 * 100) == (32.2, 32.2, 32.2)
    assert round_interval(78, 78, 78) == (78, 78, 78)  # a whole count stays whole
    assert round_interval(85e6 / 37, 85e6 / 37, math.inf) == (2_297_000, 2_297_000, math.inf)


def test_an_interval_prints_its_ends_in_the_language() -> None:
    from helpers.formatting import fmt_interval

    assert fmt_interval(64.057, 64.064, "en") == "64.057 to 64.064"
    assert fmt_interval(2_297_000, 2_325_000, "en") == "2,297,000 to 2,325,000"
    assert fmt_interval(64.057, 64.064, "zh") == "64.057～64.064"


def test_rounding_is_half_up_as_statistics_rounds() -> None:
    """四舍五入: a half rounds up, where Python's round and format round half to even (and round
    the float's binary value): 10/160 = 6.25% reads 6.3, not 6.2."""
    from helpers.formatting import fmt_decimals, round_half_up
    from helpers.plotting import _float_format

    assert round(6.25, 1) == 6.2 and f"{0.125:.2f}" == "0.12"  # what this replaces
    assert round_half_up(6.25, 1) == 6.3
    assert round_half_up(0.125, 2) == 0.13
    assert round_half_up((170 / 160 - 1) * 100, 1) == 6.3  # 07's reach above for 160余家
    assert round_half_up(2.5) == 3.0 and round_half_up(-2.5) == -3.0
    assert fmt_decimals(6.25, 1) == "6.3" and fmt_decimals(0.125, 2) == "0.13"
    assert fmt_decimals(1234.5, 0, group=True) == "1,235"
    assert (
        fmt_decimals(6.1500, 4, strip=True) == "6.15" and fmt_decimals(64.0, 2, strip=True) == "64"
    )
    assert fmt_number(6.25, decimals=1, lang="zh") == "6.3"
    assert fmt_percent(0.125, decimals=2) == "0.13%"
    assert _float_format(0.00125) == "0.0013" and _float_format(1234.56785) == "1,234.5679"
