"""Numbers as a reader expects them, in English or Chinese, with exactly the release's precision.

Pure functions returning strings; `lang=None` means the current language (helpers.i18n).
tests/test_formatting.py pins the exact output for each rule below.

Precision: the release prints each figure with a certain number of digits (476.6万元, 12.7亿元,
50.84%). A formatter shows exactly those digits, never more and never fewer: converting 万元 to
CNY million moves the decimal point by two places (476.6万元 = 4,766,000 yuan = CNY 4.766 million),
so the digits carry over unchanged, and nothing is rounded to "look nice". Values are handled as
Decimals built from the float's shortest repr, so 12.7亿 (1270000000.0) prints as 1.27, not as
1.2699999999. Only derived values (an implied earlier-year figure) are rounded, by the function
that derives them (`implied_earlier_rounded`), to the precision of the figure they come from.

Conventions (each chosen once, here):

- Amounts (yuan). Chinese: 亿元 from 1亿 (1e8) up, 万元 from 1万 up, else 元, no thousands
  separators, as the release writes them (1.5亿元, 8500万元, 476.6万元). English: CNY billion from
  1e9, CNY million from 1e6, else CNY with separators (CNY 1.27 billion, CNY 85 million,
  CNY 4.766 million, CNY 2.9 million).
- Counts. English: thousands separators ("1,295"), a unit word only where the caller gives one
  (`unit_en`); the chart's axis or label says what is counted. Chinese: no separators, with the
  measure word (1295家, 68人).
- Percent: "50.84%" in both languages; `decimals=None` keeps the printed digits.
- Percentage points: English "+2.76 pp"; Chinese "提高2.76个百分点" (下降 when negative), or
  "+2.76个百分点" in compact chart labels.
- Growth rates: English "+75.2% year on year" ("+75.2%" compact); Chinese "同比增长75.2%"
  ("+75.2%" compact).
- Ranks: English "6th"; Chinese "第6位".
- Qualifiers. 'at_least' (the release's 余 or 以上): English "more than CNY 85 million", or
  "≥ CNY 85 million" in compact chart labels; Chinese "8500余万元" (余 right after a whole number,
  as the release writes it), "超过1.5亿元" after a decimal, or "≥8500万元" in compact labels.
  'approximate' and 'interval' (a derived or rounded value): English "about 64" / "≈ 64";
  Chinese "约64人" / "≈64人". 'at_most' (helpers.derive: a remainder after lower-bound parts):
  "at most 40" / "≤ 40"; "不超过40家" / "≤40家". 'exact' adds nothing.

Importing this module is cheap: the standard library and helpers.i18n only.
"""

from __future__ import annotations

import math
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Any

from helpers.i18n import check_lang, get_field, get_lang

# 'exact', 'at_least' (余) come from facts.csv; 'at_most' and 'interval' from helpers.derive (a
# remainder after lower-bound parts; a range wider than rounding), 'approximate' from the charts.
QUALIFIERS = ("exact", "at_least", "at_most", "approximate", "interval")

# Floats carry arithmetic noise (476.6 * 10_000 may be 4766000.000000001); the release never
# prints more than 12 significant digits, so anything past that is noise and is rounded away.
_MAX_DIGITS = 12

# English words for the units fmt_fact meets outside amounts, counts, percent and ranks.
UNIT_EN: dict[str, tuple[str, str]] = {"年": ("year", "years")}


def _lang(lang: str | None) -> str:
    return get_lang() if lang is None else check_lang(lang)


def _check_qualifier(qualifier: str | None) -> str:
    qualifier = qualifier or "exact"
    if qualifier not in QUALIFIERS:
        raise ValueError(f"Unknown qualifier {qualifier!r}: use one of {', '.join(QUALIFIERS)}")
    return qualifier


def to_decimal(x: Any) -> Decimal:
    """`x` as a Decimal with the digits it was written with (floats via their shortest repr),
    float noise beyond 12 significant digits removed."""
    if isinstance(x, bool):
        raise TypeError(f"expected a number, got {x!r}")
    if isinstance(x, Decimal):
        d = x
    elif isinstance(x, int):
        d = Decimal(x)
    elif isinstance(x, str):
        d = Decimal(x.replace(",", "").strip())
    else:
        value = float(x)  # also numpy scalars, whose repr is not a plain number
        if not math.isfinite(value):
            raise ValueError(f"cannot format {x!r}")
        d = Decimal(repr(value))
    if d and len(d.as_tuple().digits) > _MAX_DIGITS:
        d = d.quantize(Decimal(1).scaleb(d.adjusted() - _MAX_DIGITS + 1), ROUND_HALF_UP)
    return d.normalize() if d else Decimal(0)


def round_half_up(x: Any, places: int = 0) -> float:
    """`x` rounded to `places` decimals half up (四舍五入), as statistical practice rounds:
    6.25 -> 6.3 and 0.125 -> 0.13 (Python's round and format round half to even, and round the
    float's binary value: 6.2 and 0.12). Every place the project rounds a number for a reader
    goes through here or through `fmt_number(x, decimals)`, which rounds the same way."""
    return float(to_decimal(x).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP))


def fmt_decimals(x: Any, places: int, *, group: bool = False, strip: bool = False) -> str:
    """`x` with `places` decimals, rounded half up (f"{x:.2f}" rounds half to even):
    fmt_decimals(6.25, 1) == "6.3"; `group` adds thousands separators (English); `strip` drops
    trailing zeros and a trailing point (6.1500 -> 6.15, 64.0 -> 64)."""
    text = _plain(to_decimal(x), group=group, decimals=places)
    if strip and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def significant_digits(x: Any) -> int:
    """How many significant digits `x` is written with (trailing zeros of a whole number don't
    count): 476.6 -> 4, 8500 -> 2, 1.5e8 -> 2."""
    d = to_decimal(x)
    return max(1, len(d.as_tuple().digits)) if d else 1


def round_sig(x: Any, digits: int) -> float:
    """`x` rounded half-up to `digits` significant digits (round_sig(123.456, 4) == 123.5)."""
    d = to_decimal(x)
    if not d:
        return 0.0
    return float(d.quantize(Decimal(1).scaleb(d.adjusted() - digits + 1), ROUND_HALF_UP))


def _step(x: float, digits: int) -> Decimal:
    """The place value of the `digits`-th significant digit of x (4,070,513 and 3 -> 10,000)."""
    return Decimal(1).scaleb(to_decimal(x).adjusted() - digits + 1)


def _to_step(x: float, step: Decimal, rounding: str = ROUND_HALF_UP) -> float:
    return float(to_decimal(x).quantize(step, rounding))


def round_interval(value: Any, low: Any, high: Any, digits: int = 3) -> tuple[float, float, float]:
    """A derived value and its interval, rounded to the precision the inputs allow: the one
    function that decides how a derived figure and its bounds print, wherever they print (the
    derived tables, the audit's sentences, the exercises' messages), so a bound reads the same
    in every chapter.

    The value's step is the coarser of two: `digits` significant figures of the value, and one
    significant figure of the interval's width, unless the width is finer, in which case the
    width decides (an interval that is itself the finding, 64.057 to 64.064, stays visible).
    The ends are rounded outward (the low end down, the high end up), so the printed interval
    still holds the true one and a lower bound is never rounded up; to lose little by it, they
    keep `digits` + 1 significant figures (or, if finer, the width's first figure). A value that is one of its ends (a lower bound's value is its low end) is
    rounded as that end. So 85,000,000 / 37 yuan in [2,297,297, 2,324,324) gives
    (2,297,000, 2,297,000, 2,325,000): "more than about 229.7万元", never 2,300,000 and never
    2,297,297.2973; 68 / (1 + 6.15%) gives (64.06, 64.057, 64.064). A point (low == high)
    keeps a whole number whole and rounds anything else to `digits` significant figures; an
    infinite end stays infinite.
    """
    value, low, high = float(value), float(low), float(high)
    if value == 0:
        return value, low, high
    width = high - low
    if low == high == value:  # a point
        return (value,) * 3 if value == int(value) else (round_sig(value, digits),) * 3
    step, fine = _step(value, digits), _step(value, digits + 1)
    if math.isfinite(width) and width > 0:
        step, fine = min(step, _step(width, 1)), min(fine, _step(width, 1))
    ends = [
        x if not math.isfinite(x) else _to_step(x, fine, direction)
        for x, direction in ((low, ROUND_FLOOR), (high, ROUND_CEILING))
    ]
    if value == low:
        return ends[0], ends[0], ends[1]
    if value == high:
        return ends[1], ends[0], ends[1]
    return _to_step(value, step), ends[0], ends[1]


def fmt_interval(low: Any, high: Any, lang: str | None = None) -> str:
    """An interval's ends, as round_interval gives them: "64.057 to 64.064" / "64.057～64.064" (～ joins a zh range, data/style.zh-CN.md)."""
    code = _lang(lang)
    to = " to " if code == "en" else "～"
    return f"{fmt_number(low, lang=code)}{to}{fmt_number(high, lang=code)}"


def implied_earlier_rounded(current: Any, growth_pct: Any, *, whole: bool = False) -> float:
    """The earlier value implied by a current value and its growth rate in percent:
    current / (1 + growth / 100), rounded to the current figure's significant digits (a derived
    number must not look more precise than what it comes from), and to a whole number for counts
    (`whole=True`). 68 people after +6.15% -> 64; 476.6万元 after +75.2% -> 272万元.
    helpers.derive.implied_earlier gives the unrounded value with its interval and working; this
    one only rounds it for a chart label."""
    value = float(to_decimal(current)) / (1 + float(to_decimal(growth_pct)) / 100)
    value = round_sig(value, significant_digits(current))
    return float(round(value)) if whole else value


def _plain(d: Decimal, *, group: bool, decimals: int | None = None) -> str:
    """A Decimal without exponent; `decimals` fixes the places (keeping trailing zeros)."""
    if decimals is not None:
        d = d.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    text = format(d, ",f" if group else "f")
    return "0" if text in ("-0", "0") else text


def fmt_number(x: Any, decimals: int | None = None, lang: str | None = None) -> str:
    """A number with its printed digits: thousands separators in English ("1,295"), none in
    Chinese ("1295", as the release writes)."""
    return _plain(to_decimal(x), group=_lang(lang) == "en", decimals=decimals)


def _qualify(core: str, qualifier: str | None, lang: str, compact: bool, yu: str | None) -> str:
    """Mark a lower bound or an approximation. `yu` is the Chinese 余 form of `core` (or None
    where 余 cannot go, after a decimal number)."""
    qualifier = _check_qualifier(qualifier)
    if qualifier == "exact":
        return core
    if lang == "en":
        if qualifier == "at_least":
            return f"≥ {core}" if compact else f"more than {core}"
        if qualifier == "at_most":
            return f"≤ {core}" if compact else f"at most {core}"
        return f"≈ {core}" if compact else f"about {core}"
    if qualifier == "at_least":
        if compact:
            return f"≥{core}"
        return yu if yu is not None else f"超过{core}"
    if qualifier == "at_most":
        return f"≤{core}" if compact else f"不超过{core}"
    return f"≈{core}" if compact else f"约{core}"


def _yu(number: str, unit: str) -> str | None:
    """The release's lower-bound form: 余 right after a whole number (8500余万元, 220余家)."""
    return f"{number}余{unit}" if "." not in number else None


def amount_scale(max_abs_yuan: Any, lang: str | None = None) -> tuple[float, str]:
    """The divisor and unit for showing yuan amounts up to `max_abs_yuan` on a chart axis:
    (1e8, "亿元") / (1e4, "万元") / (1, "元") in Chinese, (1e9, "CNY billion") /
    (1e6, "CNY million") / (1, "CNY") in English."""
    v = abs(float(max_abs_yuan))
    if _lang(lang) == "zh":
        if v >= 1e8:
            return 1e8, "亿元"
        return (1e4, "万元") if v >= 1e4 else (1.0, "元")
    if v >= 1e9:
        return 1e9, "CNY billion"
    return (1e6, "CNY million") if v >= 1e6 else (1.0, "CNY")


def fmt_amount(
    value_yuan: Any,
    lang: str | None = None,
    qualifier: str | None = "exact",
    *,
    compact: bool = False,
) -> str:
    """An amount given in yuan (a fact's value_base), in the language's convention:
    zh 1.5亿元, 8500万元, 476.6万元; en CNY 150 million, CNY 1.27 billion, CNY 4.766 million.
    Lower bounds: "more than CNY 85 million" / "8500余万元" ("≥ CNY 85 million" / "≥8500万元" with
    compact=True, for chart labels)."""
    code = _lang(lang)
    d = to_decimal(value_yuan).quantize(Decimal("0.01"), ROUND_HALF_UP).normalize()
    size = abs(d)
    if code == "zh":
        divisor, unit = (
            (Decimal(10) ** 8, "亿元")
            if size >= Decimal(10) ** 8
            else (Decimal(10) ** 4, "万元")
            if size >= Decimal(10) ** 4
            else (Decimal(1), "元")
        )
        number = _plain((d / divisor).normalize(), group=False)
        return _qualify(f"{number}{unit}", qualifier, code, compact, _yu(number, unit))
    if size >= Decimal(10) ** 9:
        core = f"CNY {_plain((d / Decimal(10) ** 9).normalize(), group=True)} billion"
    elif size >= Decimal(10) ** 6:
        core = f"CNY {_plain((d / Decimal(10) ** 6).normalize(), group=True)} million"
    else:
        core = f"CNY {_plain(d, group=True)}"
    return _qualify(core, qualifier, code, compact, None)


def fmt_count(
    n: Any,
    unit_zh: str | None = None,
    lang: str | None = None,
    qualifier: str | None = "exact",
    *,
    unit_en: str | None = None,
    compact: bool = False,
) -> str:
    """A count: en "1,295" (+ " " + unit_en where given), zh "1295家" (with unit_zh).
    Lower bounds: en "more than 220" / "≥ 220"; zh "220余家" / "≥220家"."""
    code = _lang(lang)
    number = fmt_number(n, lang=code)
    if code == "en":
        core = f"{number} {unit_en}" if unit_en else number
        return _qualify(core, qualifier, code, compact, None)
    unit = unit_zh or ""
    return _qualify(f"{number}{unit}", qualifier, code, compact, _yu(number, unit))


def fmt_percent(
    x: Any,
    decimals: int | None = None,
    lang: str | None = None,
    qualifier: str | None = "exact",
    *,
    compact: bool = False,
) -> str:
    """A percentage given in percent (50.84 -> "50.84%"), with the printed digits unless
    `decimals` fixes them. Lower bound: "more than 50%" / "超过50%" ("≥ 50%" / "≥50%")."""
    code = _lang(lang)
    core = f"{_plain(to_decimal(x), group=False, decimals=decimals)}%"
    return _qualify(core, qualifier, code, compact, None)


def _signed(x: Any, decimals: int | None) -> tuple[int, str]:
    d = to_decimal(x)
    sign = (d > 0) - (d < 0)
    return sign, _plain(abs(d), group=False, decimals=decimals)


def fmt_pp(
    x: Any, lang: str | None = None, *, compact: bool = False, decimals: int | None = None
) -> str:
    """A change in percentage points: en "+2.76 pp" ("-0.5 pp"); zh "提高2.76个百分点"
    ("下降0.5个百分点"), or "+2.76个百分点" with compact=True."""
    code = _lang(lang)
    sign, number = _signed(x, decimals)
    mark = {1: "+", -1: "-", 0: ""}[sign]
    if code == "en":
        return f"{mark}{number} pp"
    if compact or sign == 0:
        return f"{mark}{number}个百分点"
    return f"{'提高' if sign > 0 else '下降'}{number}个百分点"


def fmt_growth(
    pct: Any, lang: str | None = None, *, compact: bool = False, decimals: int | None = None
) -> str:
    """A growth rate in percent: en "+75.2% year on year" (compact "+75.2%"); zh "同比增长75.2%"
    ("同比下降5%" when negative; compact "+75.2%")."""
    code = _lang(lang)
    sign, number = _signed(pct, decimals)
    mark = {1: "+", -1: "-", 0: ""}[sign]
    if compact:
        return f"{mark}{number}%"
    if code == "en":
        return f"{mark}{number}% year on year"
    return f"同比{'增长' if sign >= 0 else '下降'}{number}%"


def fmt_rank(n: Any, lang: str | None = None, *, unit_zh: str = "位") -> str:
    """A rank: en "6th" (1st, 2nd, 3rd, 11th, 21st ...); zh "第6位"."""
    value = int(to_decimal(n))
    if _lang(lang) == "zh":
        return f"第{value}{unit_zh}"
    suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return f"{value}{suffix}"


def fmt_change(change: Any, lang: str | None = None, *, compact: bool = False) -> str:
    """A change line for a fact: a percentage-point fact as fmt_pp, a percent fact as a growth
    rate (fmt_growth); any other fact with fmt_fact."""
    base_unit = get_field(change, "base_unit")
    value = get_field(change, "value", get_field(change, "value_base"))
    if base_unit == "percentage_point":
        return fmt_pp(value, lang, compact=compact)
    if base_unit == "percent":
        return fmt_growth(value, lang, compact=compact)
    return fmt_fact(change, lang, compact=compact)


def fmt_fact(fact: Any, lang: str | None = None, compact: bool = False) -> str:
    """A fact (a `Fact`, a facts-DataFrame row or a dict) formatted by its base_unit:
    'yuan' -> fmt_amount(value_base); 'count' -> fmt_count(value_base, unit); 'percent' ->
    fmt_percent(value); 'percentage_point' -> fmt_pp(value); 'rank' -> fmt_rank(value);
    anything else -> the printed value and unit. The qualifier (余 = 'at_least') is applied.

    Percent, percentage points and ranks use `value` (the number as printed) rather than
    value_base, so the result never depends on how value_base scales a percentage.
    """
    code = _lang(lang)
    base_unit = get_field(fact, "base_unit")
    qualifier = get_field(fact, "qualifier", "exact")
    unit = get_field(fact, "unit", "") or ""
    value = get_field(fact, "value")
    value_base = get_field(fact, "value_base", value)
    if base_unit == "yuan":
        return fmt_amount(value_base, code, qualifier, compact=compact)
    if base_unit == "count":
        if code == "zh" and unit[:1] in ("万", "亿") and value is not None:
            # the release wrote 1.2万人: keep its own scale word rather than 12000人
            number = fmt_number(value, lang=code)
            yu = f"{number}{unit[0]}余{unit[1:]}"  # 1.2万余人: 余 after the scale word
            return _qualify(f"{number}{unit}", qualifier, code, compact, yu)
        return fmt_count(value_base, unit, code, qualifier, compact=compact)
    if base_unit == "percent":
        return fmt_percent(
            value if value is not None else value_base, None, code, qualifier, compact=compact
        )
    if base_unit == "percentage_point":
        return fmt_pp(value if value is not None else value_base, code, compact=compact)
    if base_unit == "rank":
        return fmt_rank(value if value is not None else value_base, code)
    number = fmt_number(value if value is not None else value_base, lang=code)
    if code == "zh":
        core = f"{number}{unit}"
    elif unit in UNIT_EN:
        singular, plural = UNIT_EN[unit]
        core = f"{number} {singular if number == '1' else plural}"
    else:  # a Chinese unit word has no place in an English label; the label says what it is
        core = f"{number} {unit}".strip() if unit.isascii() else number
    return _qualify(core, qualifier, code, compact, _yu(number, unit) if code == "zh" else None)
