"""Find the figures in Chinese official prose: each number, its unit, its qualifier, its value in
base units and where it stands in the text.

`figures(text)` returns one row per number it reads; `iter_figures(text)` gives the same as
`Figure` objects without pandas; `chinese_number("一千二百")` reads a Chinese numeral (1200).
Nothing here knows about one release: the rules are those of Chinese official writing, which
follows GB/T 15835-2011 (Arabic digits for counts and measures, Chinese numerals in fixed
expressions, ordinals and names).

What counts as a number
- Arabic digits, with a decimal point or thousands commas: 1295, 50.84, 1,295. Digits that touch
  a Latin letter (5G, COVID-19, an ID) and digits inside a URL are not numbers.
- Chinese numerals made of 零〇一二两三四五六七八九 and 十百千万亿 (十五 = 15, 两年 = 2,
  一千二百 = 1200, 一千二 = 1200, 一千零二 = 1002, 一万五 = 15000, 一点五亿 = 1.5亿). A Chinese
  numeral is a figure only in one of these places, so that ordinary words are left alone:
  1. before a unit (两年, 三个百分点, 五千家); a lone 一 before a unit is read as the article "a"
     (一批, 一个, 一体) and skipped, because official prose writes the figure one as 1;
  2. after 第 (an ordinal or a rank, below);
  3. after 百分之 (百分之五十 = 50%);
  4. as a heading number at the start of a paragraph: （一）, (二), 三、;
  5. as a date: 二〇二四年, 三月.
  Everything else (一是, 统一, 二十大, 三中全会, 一等奖, 零的突破) is a word, not a figure.

Units
- A unit is a measure word after the number, with an optional multiplier in front of it:
  家, 项, 人, 人次, 次, 个, 名, 位 ...; 元, 万元, 亿元; %, 个百分点; 倍; 年 (a duration), 个月, 天;
  吨, 亩, 平方米 .... `UNITS` lists them with their base unit. Multipliers are 千, 万, 百万, 千万,
  亿 and 万亿: 8500万元 is value 8500, unit 万元, value_base 85,000,000 yuan. A multiplier on its
  own (3800万) is unit 万 with base unit "number". `unit` is the unit as printed (％ is written %).
- A number with no unit (the 6 and 3 of "6+3") has unit "" and base unit "number".
- Dates: a four-digit number before 年 (2024年), 1-12 before 月, 1-31 before 日. Their kind is
  "date", and they are kept apart from durations (两年, 3年: base unit "year").
- After 第: 第六名, 第六位, or 第六 ending a clause (位居全省第六) is a rank: unit 位, base unit
  "rank". 第四场, 第六届 (第 + a counter such as 届, 场, 次, 批, 期) is an ordinal: unit 届, base
  unit "ordinal". 第一， opening a clause is an enumerator. 第 before any other word (第一时间,
  第三方) is not a figure.

Qualifiers (what the release says about precision)
- at_least: 余 or 多 between the number and its unit (8500余万元, 10多家); 超, 超过, 逾, 突破,
  多于, 高于 before it; 以上 after it.
- at_most: 不足, 不到, 不超过, 少于, 低于 before it; 以下, 以内 after it.
- approximate: 约, 大约, 近, 将近, 接近 before it; 左右 after it. 近 after 最 (最近三年, "the last
  three years") is not a qualifier. 近两年 can also mean "the last two years": check the context.
- exact otherwise. The span of a figure includes its qualifier words: 突破50%, 8500余万元.

Compound units and spacing
- Multipliers combine, and 余 or 多 may stand between them: 1.39万亿元 is 1.39 x 10^12 yuan;
  12万多亿 is at_least 12万亿 (1.2 x 10^13, unit 万亿); 3亿多元 is at_least 3亿元; 10多亿元 is
  at_least 10亿元. The unit as printed leaves out 余 and 多.
- Web pages put spaces around Arabic numbers: in 超 1.39 万亿元 the qualifier, the number and the
  unit are read across one or two spaces, and the span includes them.

Ranges (a documented field: `value_to`)
- Two numbers joined by -, －, –, —, ~, ～, 至 or 到 with one unit after the second are one figure:
  10-20家 (value 10, value_to 20), 三至五年, 1-5月 (a date range), 2021—2023年. 三四家 (two
  consecutive Chinese digits) is the range 3 to 4. 前11月 and 前11个月 are the first eleven months
  of the year: the date range 1 to 11 (unit 月). `value_to` and `value_base_to` are None for a
  single number. A range whose second number is not larger than the first is not a range.

Not figures at all (skipped, like digits in a URL)
- Phone numbers (0632-1234567, (0632)1234567, 13912345678, 400-123-4567 and other runs of
  hyphenated digit groups), clock times (10:30, 10：30:00) and dates written with separators
  (2025-03-24, 2025/3/24, 2025.03.24, 2025-03). Dates written with 年月日 are figures of kind
  "date", as above.

Negative numbers are written with words in Chinese prose (下降3.2%), so `value` is always the
number as printed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import astuple, dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from helpers.repair.script import HAN

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = (
    "text",
    "start",
    "end",
    "number",
    "value",
    "unit",
    "qualifier",
    "value_base",
    "base_unit",
    "numeral",
    "kind",
    "value_to",
    "value_base_to",
)
QUALIFIERS = ("exact", "at_least", "at_most", "approximate")
KINDS = ("quantity", "number", "rank", "ordinal", "date", "range")

# Unit as printed (without a multiplier) -> base unit.
UNITS: dict[str, str] = {
    "元": "yuan",
    "美元": "us_dollar",
    "%": "percent",
    "％": "percent",
    "个百分点": "percentage_point",
    "百分点": "percentage_point",
    "倍": "times",
    "家": "count",
    "项": "count",
    "人次": "count",
    "人": "count",
    "次": "count",
    "个": "count",
    "名": "count",
    "位": "count",
    "件": "count",
    "台": "count",
    "套": "count",
    "条": "count",
    "所": "count",
    "座": "count",
    "篇": "count",
    "种": "count",
    "类": "count",
    "款": "count",
    "批": "count",
    "期": "count",
    "轮": "count",
    "场": "count",
    "届": "count",
    "户": "count",
    "支": "count",
    "例": "count",
    "辆": "count",
    "架": "count",
    "艘": "count",
    "张": "count",
    "年": "year",
    "个月": "month",
    "周": "week",
    "天": "day",
    "小时": "hour",
    "吨": "tonne",
    "亩": "mu",
    "平方米": "square_metre",
    "平方公里": "square_kilometre",
    "公里": "kilometre",
    "千瓦时": "kilowatt_hour",
    "千瓦": "kilowatt",
}
MULTIPLIERS: dict[str, int] = {
    "千": 10**3,
    "万": 10**4,
    "百万": 10**6,
    "千万": 10**7,
    "亿": 10**8,
    "万亿": 10**12,
}
# A multiplier that may stand without a unit after it (人口3800万).
_BARE_MULTIPLIERS = ("万亿", "亿", "万")
# Counters after 第N that make an ordinal (第六届) rather than a rank (第六).
ORDINAL_COUNTERS = (
    "阶段",
    "部分",
    "季度",
    "届",
    "场",
    "次",
    "批",
    "期",
    "轮",
    "个",
    "章",
    "节",
    "条",
    "款",
    "项",
    "家",
    "号",
    "年",
    "天",
    "周",
)
_RANK_COUNTERS = ("名", "位")

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10**4, "亿": 10**8}
_D = "零〇一二两三四五六七八九"
NUMERAL_CHARACTERS = _D + "十百千万亿"

# Digits that are not numbers: URLs, phone numbers, clock times, dates written with separators.
_NOT_NUMBERS = re.compile(
    r"https?://[A-Za-z0-9._~:/?#\[\]@!$&'*+,;=%-]+"
    r"|(?<![\d.])(?:19|20)\d{2}([-/.])(?:0?[1-9]|1[0-2])\1(?:0?[1-9]|[12]\d|3[01])(?![\d.])"
    r"|(?<![\d.])(?:19|20)\d{2}[-/](?:0[1-9]|1[0-2])(?![\d.%])"
    r"|(?<![\d:：])(?:[01]?\d|2[0-3])[:：][0-5]\d(?:[:：][0-5]\d)?(?![\d:：])"
    r"|[(（]0\d{2,3}[)）][ ]?\d{7,8}(?!\d)"
    r"|(?<![\d.])0\d{2,3}[-－ ]\d{7,8}(?:-\d{1,5})?(?![\d.])"
    r"|(?<![\d.])\d+(?:-\d+){2,}(?![\d.])"
    r"|(?<![\d.])1[3-9]\d{9}(?![\d.])"
)
_SPACES = " \u00a0\u3000"
_RANGE_MARKS = "-－–—~～至到"
# Thousands grouped with commas (1,295) or with a space (3 800万户, 12 293家: GB/T 15835 allows
# the space, and journals use it); a group is exactly three digits.
_ARABIC = re.compile(
    r"(?<![0-9A-Za-z_.])(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?: \d{3})+(?![0-9])|\d+)(?:\.\d+)?"
    r"(?![0-9A-Za-z_])"
)
_CHINESE = re.compile(rf"[{_D}十][{_D}十百千万亿]*(?:点[{_D}]+[万亿]?)?")


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_UNIT_WORD = re.compile(_alternation(UNITS))
# A unit with its multipliers: 万元, 万亿元, 万多亿 (余/多 between), 亿多元, a bare 万.
_COMPOUND_UNIT = re.compile(
    rf"(?:(?P<m1>{_alternation(MULTIPLIERS)})?(?P<more>[余多])?(?P<m2>万亿|亿|万)?"
    rf"(?P<base>{_alternation(UNITS)})"
    rf"|(?P<bm1>{_alternation(MULTIPLIERS)})?(?P<bmore>[余多])?(?P<bm2>万亿|亿|万)?)"
)
_PREFIXES = {
    "不超过": "at_most",
    "不足": "at_most",
    "不到": "at_most",
    "少于": "at_most",
    "低于": "at_most",
    "超过": "at_least",
    "多于": "at_least",
    "高于": "at_least",
    "突破": "at_least",
    "超": "at_least",
    "逾": "at_least",
    "大约": "approximate",
    "约": "approximate",
    "将近": "approximate",
    "接近": "approximate",
    "近": "approximate",
}
_PREFIX = re.compile(rf"(?:{_alternation(_PREFIXES)})$")
_SUFFIXES = {"以上": "at_least", "以下": "at_most", "以内": "at_most", "左右": "approximate"}
_SUFFIX = re.compile(_alternation(_SUFFIXES))
# Words that end in a qualifier character but are not qualifiers: 最近 ("recent"), 附近 ("near"),
# 节约 ("save"), 制约 ("constrain"), 赶超 ("catch up with").
_NOT_QUALIFIER_AFTER = {"近": "最附靠临", "约": "节制签契预公相", "超": "赶"}
_CLAUSE_BREAK = "，,。；;：:！!？?、\n"


@dataclass(frozen=True)
class Figure:
    """One number found in a text. `value` is the number as printed; `value_base` is in base units
    (8500余万元: value 8500, unit 万元, qualifier at_least, value_base 85000000, base_unit yuan)."""

    text: str
    start: int
    end: int
    number: str
    value: int | float
    unit: str
    qualifier: str
    value_base: int | float
    base_unit: str
    numeral: str  # "arabic" or "chinese"
    kind: str  # quantity, number, rank, ordinal or date
    value_to: int | float | None = None  # the upper end of a range (10-20家: 20)
    value_base_to: int | float | None = None


def chinese_number(numeral: str) -> int | float:
    """The value of a Chinese numeral.

    六 = 6, 十五 = 15, 二十 = 20, 一千二百 = 1200, 一千二 = 1200, 一千零二 = 1002, 一万五 = 15000,
    一点五 = 1.5, and 二〇二四 = 2024 (read digit by digit when there is no 十百千万亿). Raises
    ValueError for what is not one number (十百, 二二十).
    """
    if "点" in numeral:
        whole, _, decimals = numeral.partition("点")
        if not decimals or any(c not in _CN_DIGITS for c in decimals):
            raise ValueError(f"not a Chinese numeral: {numeral!r}")
        fraction = Decimal("0." + "".join(str(_CN_DIGITS[c]) for c in decimals))
        return float(chinese_number(whole) + fraction)
    if not numeral or any(
        c not in _CN_DIGITS and c not in _CN_SMALL and c not in _CN_BIG for c in numeral
    ):
        raise ValueError(f"not a Chinese numeral: {numeral!r}")
    if all(c in _CN_DIGITS for c in numeral):
        return int("".join(str(_CN_DIGITS[c]) for c in numeral))
    total = 0  # the part at 亿 and above
    wan = 0  # the 万 group
    section = 0  # below 万
    digit: int | None = None
    last_unit = 0  # the last unit written, for 一千二 = 1200
    last_small = 10**5  # small units must fall within a group: 千 > 百 > 十
    zero = False
    for char in numeral:
        if char in _CN_DIGITS:
            if digit is not None:
                raise ValueError(f"not a Chinese numeral: {numeral!r}")
            if _CN_DIGITS[char] == 0:
                zero = True
            else:
                digit = _CN_DIGITS[char]
        elif char in _CN_SMALL:
            unit = _CN_SMALL[char]
            if unit >= last_small:
                raise ValueError(f"not a Chinese numeral: {numeral!r}")
            section += (1 if digit is None else digit) * unit
            digit, last_unit, last_small, zero = None, unit, unit, False
        else:
            unit = _CN_BIG[char]
            section += digit or 0
            if section == 0 and wan == 0 and total == 0:
                raise ValueError(f"not a Chinese numeral: {numeral!r}")
            if unit == 10**8:
                total = (total + wan + section) * unit
                wan = 0
            else:
                if wan:
                    raise ValueError(f"not a Chinese numeral: {numeral!r}")
                wan = section * unit
            section, digit, last_unit, last_small, zero = 0, None, unit, 10**5, False
    if digit is not None:
        # 一千二 is 1200 and 一万五 is 15000, but 一千零二 is 1002 and 十五 is 15.
        section += digit * (last_unit // 10) if last_unit >= 100 and not zero else digit
    return total + wan + section


def _plain(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _prefix(text: str, start: int) -> tuple[str, int]:
    """The qualifier written just before position `start` (across up to two spaces before an
    Arabic number: 超 1.39 万亿元), and where it begins."""
    back = start
    arabic = text[start : start + 1].isdigit()
    while arabic and back > 0 and start - back < 2 and text[back - 1] in _SPACES:
        back -= 1
    match = _PREFIX.search(text[max(0, back - 3) : back])
    if match is None:
        return "", start
    word = match.group()
    begin = back - len(word)
    if begin > 0 and text[begin - 1] in _NOT_QUALIFIER_AFTER.get(word, ""):
        return "", start
    return _PREFIXES[word], begin


def _skip_spaces(text: str, position: int) -> int:
    """The position after up to two spaces at `position`."""
    end = position
    while end < len(text) and end - position < 2 and text[end] in _SPACES:
        end += 1
    return end


def _unit_at(text: str, cursor: int) -> tuple[str, str, int, bool, int] | None:
    """The unit at `cursor`: (unit as printed, base unit, factor, at_least, end), or None.

    万元, 万亿元, 8500余万元's 余万元, 12万多亿's 万多亿, 3亿多元's 亿多元, a bare 万; 余 or 多
    makes the figure a lower bound and is left out of the printed unit."""
    match = _COMPOUND_UNIT.match(text, cursor)
    base = match.group("base")
    if base:
        m1, more, m2 = match.group("m1", "more", "m2")
    else:
        m1, more, m2 = match.group("bm1", "bmore", "bm2")
        last = m2 or m1
        if last not in _BARE_MULTIPLIERS or (more and not m1 and not m2):
            return None
    if m1 and m2 and MULTIPLIERS[m2] <= MULTIPLIERS[m1]:
        return None
    factor = MULTIPLIERS.get(m1 or "", 1) * MULTIPLIERS.get(m2 or "", 1)
    unit = (m1 or "") + (m2 or "") + (base or "")
    base_unit = UNITS[base] if base else "number"
    return unit, base_unit, factor, bool(more), match.end()


def _combine(qualifiers: list[str]) -> str:
    found = {q for q in qualifiers if q}
    bounds = found - {"approximate"}
    if len(bounds) == 1:
        return bounds.pop()
    return "approximate" if found else "exact"


def _paragraph_start(text: str, position: int) -> bool:
    """True when only indentation stands between `position` and the start of its line."""
    while position > 0 and text[position - 1] in " \t\u3000":
        position -= 1
    return position == 0 or text[position - 1] == "\n"


def _clause_start(text: str, position: int) -> bool:
    return position == 0 or text[position - 1] in _CLAUSE_BREAK or _paragraph_start(text, position)


def _is_hanzi(char: str) -> bool:
    return bool(char) and HAN.match(char) is not None


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text

    def figure(
        self,
        start: int,
        end: int,
        number: str,
        value: Decimal,
        numeral: str,
        unit: str,
        base_unit: str,
        factor: int,
        qualifiers: list[str],
        kind: str,
        value_to: Decimal | None = None,
    ) -> Figure:
        return Figure(
            text=self.text[start:end],
            start=start,
            end=end,
            number=number,
            value=_plain(value),
            unit="%" if unit == "％" else unit,
            qualifier=_combine(qualifiers),
            value_base=_plain(value * factor),
            base_unit=base_unit,
            numeral=numeral,
            kind=kind,
            value_to=None if value_to is None else _plain(value_to),
            value_base_to=None if value_to is None else _plain(value_to * factor),
        )

    def read(
        self,
        start: int,
        end: int,
        number: str,
        value: Decimal,
        numeral: str,
    ) -> Figure | None:
        """Read the figure whose number is text[start:end]; None if it is not one."""
        text = self.text
        before = text[start - 1] if start else ""
        if before == "第":
            return self.ordinal(start - 1, end, number, value, numeral)
        if text[max(0, start - 3) : start] == "百分之":
            qualifier, begin = _prefix(text, start - 3)
            return self.figure(
                begin, end, number, value, numeral, "%", "percent", 1, [qualifier], "quantity"
            )
        if (
            before
            and before in "（("
            and text[end : end + 1] in ("）", ")")
            and _paragraph_start(text, start - 1)
            and value == value.to_integral_value()
        ):
            return self.figure(
                start - 1, end + 1, number, value, numeral, "", "ordinal", 1, [], "ordinal"
            )
        if text[end : end + 1] == "、" and _paragraph_start(text, start):
            return self.figure(
                start, end + 1, number, value, numeral, "", "ordinal", 1, [], "ordinal"
            )
        first_months = self.first_months(start, end, number, value, numeral)
        if first_months is not None:
            return first_months
        value_to = None
        if (
            numeral == "chinese"
            and len(number) == 2
            and all(c in _D[2:] for c in number)
            and _CN_DIGITS[number[1]] == _CN_DIGITS[number[0]] + 1
        ):
            value, value_to = Decimal(_CN_DIGITS[number[0]]), Decimal(_CN_DIGITS[number[1]])
        after = _skip_spaces(text, end) if numeral == "arabic" else end
        second = self.range_end(after, value, numeral) if value_to is None else None
        if second is not None:
            end, value_to = second
            after = _skip_spaces(text, end) if numeral == "arabic" else end
        date = self.date(start, end, after, number, value, numeral, value_to)
        if date is not None:
            return date
        qualifier, begin = _prefix(text, start)
        qualifiers = [qualifier]
        unit = _unit_at(text, after)
        if unit is None:
            if numeral == "chinese" or value_to is not None:
                return None  # a Chinese numeral without a unit is a word: 一是, 二十大
            cursor = end
            if text[cursor : cursor + 1] == "余":
                qualifiers.append("at_least")
                cursor += 1
            return self.figure(
                begin, cursor, number, value, numeral, "", "number", 1, qualifiers, "number"
            )
        if numeral == "chinese" and number == "一":
            return None  # 一批, 一个, 一项: the article "a"
        printed, base_unit, factor, more, cursor = unit
        if more:
            qualifiers.append("at_least")
        suffix = _SUFFIX.match(text, cursor)
        if suffix:
            qualifiers.append(_SUFFIXES[suffix.group()])
            cursor = suffix.end()
        return self.figure(
            begin,
            cursor,
            number,
            value,
            numeral,
            printed,
            base_unit,
            factor,
            qualifiers,
            "range" if value_to is not None else "quantity",
            value_to,
        )

    def range_end(
        self,
        position: int,
        value: Decimal,
        numeral: str,
    ) -> tuple[int, Decimal] | None:
        """Where the second number of a range (10-20, 三至五) ends and its value, or None."""
        text = self.text
        if text[position : position + 1] not in _RANGE_MARKS or not position:
            return None
        if numeral == "arabic":
            match = _ARABIC.match(text, _skip_spaces(text, position + 1))
            if match is None:
                return None
            second = Decimal(match.group().replace(",", "").replace(" ", ""))
        else:
            match = _CHINESE.match(text, position + 1)
            if match is None:
                return None
            try:
                second = Decimal(str(chinese_number(match.group())))
            except ValueError:
                return None
        return (match.end(), second) if second > value else None

    def first_months(
        self,
        start: int,
        end: int,
        number: str,
        value: Decimal,
        numeral: str,
    ) -> Figure | None:
        """前11月, 今年前11个月: the first months of a year, the date range 1 to 11."""
        text = self.text
        if (
            text[start - 1 : start] != "前"
            or value != value.to_integral_value()
            or not 1 <= value <= 12
        ):
            return None
        if text.startswith("月", end):
            stop = end + 1
        elif text.startswith("个月", end) and start >= 2 and text[start - 2] in "年度":
            stop = end + 2
        else:
            return None
        return self.figure(
            start - 1, stop, number, Decimal(1), numeral, "月", "date", 1, [], "date", value
        )

    def date(
        self,
        start: int,
        end: int,
        after: int,
        number: str,
        value: Decimal,
        numeral: str,
        value_to: Decimal | None = None,
    ) -> Figure | None:
        text = self.text
        unit = text[after : after + 1]
        top = value if value_to is None else value_to
        whole = value == value.to_integral_value() and top == top.to_integral_value()
        digits = len(number) == 4 and (numeral == "arabic" or all(c in _CN_DIGITS for c in number))
        low, high = {"年": (1000, 2999), "月": (1, 12), "日": (1, 31)}.get(unit, (1, 0))
        if not whole or not low <= value <= top <= high:
            return None
        if unit == "年" and not digits:
            return None
        if unit == "日" and numeral != "arabic" and text[max(0, start - 1) : start] != "月":
            return None
        return self.figure(
            start, after + 1, number, value, numeral, unit, "date", 1, [], "date", value_to
        )

    def ordinal(
        self,
        begin: int,
        end: int,
        number: str,
        value: Decimal,
        numeral: str,
    ) -> Figure | None:
        """第 + number: a rank (第六, 第六名), an ordinal (第六届), an enumerator (第一，), or
        None (第一时间)."""
        text = self.text
        for counter in _RANK_COUNTERS:
            if text.startswith(counter, end):
                return self.figure(
                    begin, end + len(counter), number, value, numeral, "位", "rank", 1, [], "rank"
                )
        for counter in ORDINAL_COUNTERS:
            if text.startswith(counter, end):
                return self.figure(
                    begin,
                    end + len(counter),
                    number,
                    value,
                    numeral,
                    counter,
                    "ordinal",
                    1,
                    [],
                    "ordinal",
                )
        if _is_hanzi(text[end : end + 1]):
            return None  # 第一时间, 第三方: words
        if _clause_start(text, begin):
            return self.figure(begin, end, number, value, numeral, "", "ordinal", 1, [], "ordinal")
        return self.figure(begin, end, number, value, numeral, "位", "rank", 1, [], "rank")


def _masked(text: str) -> set[int]:
    """The positions of digits that are not numbers: URLs, phone numbers, times, dates with
    separators."""
    masked: set[int] = set()
    for match in _NOT_NUMBERS.finditer(text):
        masked.update(range(match.start(), match.end()))
    return masked


def _candidates(text: str) -> Iterator[tuple[int, int, str, Decimal, str]]:
    """Every number-shaped span, in order: (start, end, number, value, numeral)."""
    masked = _masked(text)
    found = []
    for match in _ARABIC.finditer(text):
        if match.start() not in masked:
            number = match.group()
            found.append(
                (
                    match.start(),
                    match.end(),
                    number,
                    Decimal(number.replace(",", "").replace(" ", "")),
                    "arabic",
                )
            )
    for match in _CHINESE.finditer(text):
        start, number = match.start(), match.group()
        # 一千二百万元 is 1200 万元, like 1200万元: a final 万 or 亿 before a unit is the unit's.
        while (
            number[-1] in _CN_BIG
            and len(number) > 1
            and _UNIT_WORD.match(text, start + len(number))
        ):
            number = number[:-1]
        try:
            value = Decimal(str(chinese_number(number)))
        except ValueError:
            continue
        found.append((start, start + len(number), number, value, "chinese"))
    yield from sorted(found)


def iter_figures(text: str) -> Iterator[Figure]:
    """Every figure in `text`, in order, as `Figure` objects (the rules are in the module doc)."""
    reader = _Reader(text)
    taken = 0
    for start, end, number, value, numeral in _candidates(text):
        if start < taken:
            continue
        figure = reader.read(start, end, number, value, numeral)
        if figure is not None and figure.start >= taken:
            taken = figure.end
            yield figure


def figures(text: str) -> pd.DataFrame:
    """Every figure in `text` as a table, one row per number, in the order of the text.

    Columns: text (the span, qualifier words included), start, end (positions in `text`),
    number (the numeral as printed), value (as printed: 8500 for 8500余万元, 6 for 第六), unit
    (as printed), qualifier (exact, at_least, at_most, approximate), value_base and base_unit
    (85000000 yuan), numeral (arabic or chinese), kind (quantity, number, rank, ordinal, date,
    range) and value_to, value_base_to (the upper end of a range: 20 for 10-20家; None otherwise).
    """
    import pandas as pd

    rows = [astuple(f) for f in iter_figures(text)]
    columns = {name: [row[i] for row in rows] for i, name in enumerate(COLUMNS)}
    # value and value_base stay Python numbers, as printed: 1295 is not 1295.0.
    dtypes = {
        "start": "int64",
        "end": "int64",
        "value": object,
        "value_base": object,
        "value_to": object,
        "value_base_to": object,
    }
    return pd.DataFrame(
        {name: pd.Series(values, dtype=dtypes.get(name, "str")) for name, values in columns.items()}
    )


def numeral_positions(text: str) -> list[int]:
    """Where every digit and Chinese numeral character in `text` is, outside URLs and Latin words.

    For audits: each of these either belongs to a figure `iter_figures` reads or to a word that is
    not a figure, and a table of figures should be able to say which.
    """
    masked = _masked(text)
    for word in re.finditer(r"[A-Za-z_]+\d[0-9A-Za-z_]*|\d+[A-Za-z_][0-9A-Za-z_]*", text):
        masked.update(range(word.start(), word.end()))
    return [
        i
        for i, char in enumerate(text)
        if i not in masked and (char.isdigit() or char in NUMERAL_CHARACTERS)
    ]
