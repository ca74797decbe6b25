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

Not handled, on purpose: ranges (三四家, 10-20家) are not one figure; negative numbers are
written with words in Chinese prose (下降3.2%), so `value` is always the number as printed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import astuple, dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = (
    "text", "start", "end", "number", "value", "unit", "qualifier", "value_base", "base_unit",
    "numeral", "kind",
)
QUALIFIERS = ("exact", "at_least", "at_most", "approximate")
KINDS = ("quantity", "number", "rank", "ordinal", "date")

# Unit as printed (without a multiplier) -> base unit.
UNITS: dict[str, str] = {
    "元": "yuan", "美元": "us_dollar",
    "%": "percent", "％": "percent", "个百分点": "percentage_point", "百分点": "percentage_point",
    "倍": "times",
    "家": "count", "项": "count", "人次": "count", "人": "count", "次": "count", "个": "count",
    "名": "count", "位": "count", "件": "count", "台": "count", "套": "count", "条": "count",
    "所": "count", "座": "count", "篇": "count", "种": "count", "类": "count", "款": "count",
    "批": "count", "期": "count", "轮": "count", "场": "count", "届": "count", "户": "count",
    "支": "count", "例": "count", "辆": "count", "架": "count", "艘": "count", "张": "count",
    "年": "year", "个月": "month", "周": "week", "天": "day", "小时": "hour",
    "吨": "tonne", "亩": "mu", "平方米": "square_metre", "平方公里": "square_kilometre",
    "公里": "kilometre", "千瓦时": "kilowatt_hour", "千瓦": "kilowatt",
}
MULTIPLIERS: dict[str, int] = {
    "千": 10**3, "万": 10**4, "百万": 10**6, "千万": 10**7, "亿": 10**8, "万亿": 10**12,
}
# A multiplier that may stand without a unit after it (人口3800万).
_BARE_MULTIPLIERS = ("万亿", "亿", "万")
# Counters after 第N that make an ordinal (第六届) rather than a rank (第六).
ORDINAL_COUNTERS = (
    "阶段", "部分", "季度", "届", "场", "次", "批", "期", "轮", "个", "章", "节", "条", "款",
    "项", "家", "号", "年", "天", "周",
)
_RANK_COUNTERS = ("名", "位")

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10**4, "亿": 10**8}
_D = "零〇一二两三四五六七八九"
NUMERAL_CHARACTERS = _D + "十百千万亿"

_URL = re.compile(r"https?://[A-Za-z0-9._~:/?#\[\]@!$&'*+,;=%-]+")
_ARABIC = re.compile(r"(?<![0-9A-Za-z_.])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![0-9A-Za-z_])")
_CHINESE = re.compile(rf"[{_D}十][{_D}十百千万亿]*(?:点[{_D}]+[万亿]?)?")


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_UNIT = re.compile(
    rf"(?:(?P<mult>{_alternation(MULTIPLIERS)})?(?P<base>{_alternation(UNITS)})"
    rf"|(?P<bare>{_alternation(_BARE_MULTIPLIERS)}))"
)
_UNIT_WORD = re.compile(_alternation(UNITS))
_PREFIXES = {
    "不超过": "at_most", "不足": "at_most", "不到": "at_most", "少于": "at_most", "低于": "at_most",
    "超过": "at_least", "多于": "at_least", "高于": "at_least", "突破": "at_least",
    "超": "at_least", "逾": "at_least",
    "大约": "approximate", "约": "approximate", "将近": "approximate", "接近": "approximate",
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
    if not numeral or any(c not in _CN_DIGITS and c not in _CN_SMALL and c not in _CN_BIG
                          for c in numeral):
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
    """The qualifier written just before position `start`, and where it begins."""
    match = _PREFIX.search(text[max(0, start - 3) : start])
    if match is None:
        return "", start
    word = match.group()
    begin = start - len(word)
    if begin > 0 and text[begin - 1] in _NOT_QUALIFIER_AFTER.get(word, ""):
        return "", start
    return _PREFIXES[word], begin


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
    return bool(char) and ("\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff")


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text

    def figure(self, start: int, end: int, number: str, value: Decimal, numeral: str,
               unit: str, base_unit: str, factor: int, qualifiers: list[str], kind: str,
               ) -> Figure:
        return Figure(
            text=self.text[start:end], start=start, end=end, number=number, value=_plain(value),
            unit="%" if unit == "％" else unit, qualifier=_combine(qualifiers),
            value_base=_plain(value * factor), base_unit=base_unit, numeral=numeral, kind=kind,
        )

    def read(self, start: int, end: int, number: str, value: Decimal, numeral: str,
             ) -> Figure | None:
        """Read the figure whose number is text[start:end]; None if it is not one."""
        text = self.text
        before = text[start - 1] if start else ""
        if before == "第":
            return self.ordinal(start - 1, end, number, value, numeral)
        if text[max(0, start - 3) : start] == "百分之":
            qualifier, begin = _prefix(text, start - 3)
            return self.figure(begin, end, number, value, numeral, "%", "percent", 1,
                               [qualifier], "quantity")
        if (before and before in "（(" and text[end : end + 1] in ("）", ")")
                and _paragraph_start(text, start - 1)
                and value == value.to_integral_value()):
            return self.figure(start - 1, end + 1, number, value, numeral, "", "ordinal", 1, [],
                               "ordinal")
        if text[end : end + 1] == "、" and _paragraph_start(text, start):
            return self.figure(start, end + 1, number, value, numeral, "", "ordinal", 1, [],
                               "ordinal")
        date = self.date(start, end, number, value, numeral)
        if date is not None:
            return date
        qualifier, begin = _prefix(text, start)
        qualifiers = [qualifier]
        cursor = end
        if text[cursor : cursor + 1] in ("余", "多") and _UNIT.match(text, cursor + 1):
            qualifiers.append("at_least")
            cursor += 1
        unit_match = _UNIT.match(text, cursor)
        if unit_match is None:
            if numeral == "chinese":
                return None  # a Chinese numeral without a unit is a word: 一是, 二十大
            if text[cursor : cursor + 1] == "余":
                qualifiers.append("at_least")
                cursor += 1
            return self.figure(begin, cursor, number, value, numeral, "", "number", 1,
                               qualifiers, "number")
        if numeral == "chinese" and number == "一":
            return None  # 一批, 一个, 一项: the article "a"
        if unit_match.group("bare"):
            unit, base_unit, factor = unit_match.group(), "number", MULTIPLIERS[unit_match.group()]
        else:
            mult = unit_match.group("mult") or ""
            unit, base_unit = unit_match.group(), UNITS[unit_match.group("base")]
            factor = MULTIPLIERS.get(mult, 1)
        cursor = unit_match.end()
        suffix = _SUFFIX.match(text, cursor)
        if suffix:
            qualifiers.append(_SUFFIXES[suffix.group()])
            cursor = suffix.end()
        return self.figure(begin, cursor, number, value, numeral, unit, base_unit, factor,
                           qualifiers, "quantity")

    def date(self, start: int, end: int, number: str, value: Decimal, numeral: str,
             ) -> Figure | None:
        text = self.text
        after = text[end : end + 1]
        whole = value == value.to_integral_value()
        digits = len(number) == 4 and (numeral == "arabic" or all(c in _CN_DIGITS for c in number))
        if after == "年" and whole and digits and 1000 <= value <= 2999:
            unit = "年"
        elif after == "月" and whole and 1 <= value <= 12:
            unit = "月"
        elif after == "日" and whole and 1 <= value <= 31 and (
            numeral == "arabic" or text[max(0, start - 1) : start] == "月"
        ):
            unit = "日"
        else:
            return None
        return self.figure(start, end + 1, number, value, numeral, unit, "date", 1, [], "date")

    def ordinal(self, begin: int, end: int, number: str, value: Decimal, numeral: str,
                ) -> Figure | None:
        """第 + number: a rank (第六, 第六名), an ordinal (第六届), an enumerator (第一，), or
        None (第一时间)."""
        text = self.text
        for counter in _RANK_COUNTERS:
            if text.startswith(counter, end):
                return self.figure(begin, end + len(counter), number, value, numeral, "位",
                                   "rank", 1, [], "rank")
        for counter in ORDINAL_COUNTERS:
            if text.startswith(counter, end):
                return self.figure(begin, end + len(counter), number, value, numeral, counter,
                                   "ordinal", 1, [], "ordinal")
        if _is_hanzi(text[end : end + 1]):
            return None  # 第一时间, 第三方: words
        if _clause_start(text, begin):
            return self.figure(begin, end, number, value, numeral, "", "ordinal", 1, [],
                               "ordinal")
        return self.figure(begin, end, number, value, numeral, "位", "rank", 1, [], "rank")


def _candidates(text: str) -> Iterator[tuple[int, int, str, Decimal, str]]:
    """Every number-shaped span, in order: (start, end, number, value, numeral)."""
    masked = set()
    for url in _URL.finditer(text):
        masked.update(range(url.start(), url.end()))
    found = []
    for match in _ARABIC.finditer(text):
        if match.start() not in masked:
            number = match.group()
            found.append((match.start(), match.end(), number, Decimal(number.replace(",", "")),
                          "arabic"))
    for match in _CHINESE.finditer(text):
        start, number = match.start(), match.group()
        # 一千二百万元 is 1200 万元, like 1200万元: a final 万 or 亿 before a unit is the unit's.
        while number[-1] in _CN_BIG and len(number) > 1 and _UNIT_WORD.match(
            text, start + len(number)
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
    (85000000 yuan), numeral (arabic or chinese) and kind (quantity, number, rank, ordinal, date).
    """
    import pandas as pd

    rows = [astuple(f) for f in iter_figures(text)]
    columns = {name: [row[i] for row in rows] for i, name in enumerate(COLUMNS)}
    # value and value_base stay Python numbers, as printed: 1295 is not 1295.0.
    dtypes = {"start": "int64", "end": "int64", "value": object, "value_base": object}
    return pd.DataFrame({
        name: pd.Series(values, dtype=dtypes.get(name, "str")) for name, values in columns.items()
    })


def numeral_positions(text: str) -> list[int]:
    """Where every digit and Chinese numeral character in `text` is, outside URLs and Latin words.

    For audits: each of these either belongs to a figure `iter_figures` reads or to a word that is
    not a figure, and a table of figures should be able to say which.
    """
    masked = set()
    for url in _URL.finditer(text):
        masked.update(range(url.start(), url.end()))
    for word in re.finditer(r"[A-Za-z_]+\d[0-9A-Za-z_]*|\d+[A-Za-z_][0-9A-Za-z_]*", text):
        masked.update(range(word.start(), word.end()))
    return [
        i for i, char in enumerate(text)
        if i not in masked and (char.isdigit() or char in NUMERAL_CHARACTERS)
    ]
