"""A consistency audit of the release's figures, kept apart from the tests of our own arithmetic.

Official releases round, mix stocks with flows, and state lower bounds. Each check here takes
figures (from `helpers.fact`, duck-typed) and returns one `Check` row: what was compared with
what (in words), the figures involved, what consistency requires, what the figures give, a verdict
and a note for someone quoting the figure. `run_audit()` runs every check the fact table's
relations call for; `make data` writes the result to data/processed/audit.csv.

Two scopes, because only one of them is evidence about the release:
- `release`: printed figures tested against each other (parts against their total, a growth rate
  against the count it describes, a share against its change and the claim made of it);
- `self-check`: our own conversions (value × unit = value_base), which test this project's
  arithmetic, not the release.

Verdicts:
- `consistent`: the printed figures agree at the precision printed;
- `inconsistent`: no reading of the printed figures makes them agree;
- `bound`: a lower bound (余, 多, 超) is involved, so the check holds one way only and what it gives
  is a bound, not a value;
- `cannot be checked`: the release gives nothing to test the figure against (the earlier amount
  behind a growth rate is not printed; a link between two figures is not stated).

Every text column (compared, expected, found, note) is written twice, by the same code from the
same numbers: in English, and in Chinese as a Chinese analyst writes it (`compared_zh`, ...: no
thousands separators, 2000余家, full-width punctuation, the glossary's verdict words). The English
is the table's source and what the English edition shows; helpers.tables shows the Chinese in a
Chinese kernel.

What is not here, on purpose: magnitude checks against ranges we chose ourselves ("a loan per
firm between CNY 0.1 and 100 million is plausible"). A range we pick tests our expectations, not
the release, so those averages are derived values in the section notebooks, not audit rows.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from helpers import derive

CONSISTENT, INCONSISTENT, BOUND, UNCHECKABLE = (
    "consistent",
    "inconsistent",
    "bound",
    "cannot be checked",
)
VERDICTS = (CONSISTENT, BOUND, UNCHECKABLE, INCONSISTENT)  # from best to worst
RELEASE, SELF_CHECK = "release", "self-check"
TEXT_COLUMNS = ("compared", "expected", "found", "note")  # sentences: each has a Chinese companion
ZH_SUFFIX = "_zh"
COLUMNS = (
    "check",
    "scope",
    "kind",
    "figures",
    "compared",
    "expected",
    "found",
    "verdict",
    "note",
    *(c + ZH_SUFFIX for c in TEXT_COLUMNS),
)
# The vocabularies of the scope, kind and verdict columns, in words (data/README.md, and the
# data package's allowed values: helpers.datapackage).
SCOPES = {
    RELEASE: "printed figures tested against each other: evidence about the release",
    SELF_CHECK: "our own unit conversions in facts.csv: evidence about this project only",
}
KINDS = {
    "parts_total": "listed parts against their total",
    "part_of": "a figure against one it may be part of, where the release states no link",
    "growth": "a growth rate against its figure and the earlier value it implies",
    "share_change": "a share against its percentage-point change",
    "lower_bound": "what 余, 多 or 超 allows",
    "units": "万元/亿元 against base units",
}
VERDICT_MEANINGS = {
    CONSISTENT: "the printed figures agree at their printed precision",
    BOUND: "consistent, but one-sided: a lower bound makes the check a bound",
    UNCHECKABLE: "the release prints nothing the figure can be tested against",
    INCONSISTENT: "no reading of the printed figures makes them agree",
}


@dataclass(frozen=True)
class Check:
    """One row of the audit table."""

    check: str
    scope: str
    kind: str
    figures: str
    compared: str
    expected: str
    found: str
    verdict: str
    note: str
    compared_zh: str
    expected_zh: str
    found_zh: str
    note_zh: str

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


# A Chinese unit in an English sentence comes with its English.
UNITS_EN = {"万元": " (CNY 10,000)", "亿元": " (CNY 100 million)"}


def _n(x: float, places: int = 2, lang: str = "en") -> str:
    """A number for the audit table, at most `places` decimals: thousands separators in English
    ("1,295"), none in Chinese ("1295", as the release writes)."""
    if math.isinf(x):
        return "∞"
    text = f"{x:{',' if lang == 'en' else ''}.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _z(x: float, places: int = 2) -> str:
    """`_n` in Chinese."""
    return _n(x, places, "zh")


def _shown(figure: Any, lang: str = "en") -> str:
    """A printed figure with its qualifier: "≥2,000" for 2000余 ("≥2000" in Chinese)."""
    prefix = "≥" if figure.qualifier == "at_least" else ""
    return prefix + _n(float(figure.value), lang=lang)


def _printed(figure: Any, lang: str = "en") -> str:
    """A figure as the release prints it, with its unit: "2000余家", "1.5亿元", "6.15%" (English
    groups the digits: "2,000余家")."""
    more = "余" if figure.qualifier == "at_least" else ""
    return f"{_n(float(figure.value), lang=lang)}{more}{figure.unit}"


def _name_zh(figure: Any) -> str:
    """A figure's Chinese name (indicator_zh), or its id where it has none (a test's figure)."""
    return str(getattr(figure, "indicator_zh", None) or figure.id)


def _year_zh(year: Any) -> str:
    """ "2023年" for a year; "上年" where the release does not say which year."""
    return f"{year}年" if year else "上年"


def _ids(figures: Sequence[Any]) -> str:
    return " ".join(str(f.id) for f in figures)


def _is_bound(figure: Any) -> bool:
    return figure.qualifier != derive.EXACT


def check_parts_within_total(
    total: Any, parts: Sequence[Any], overlap_possible: bool = False
) -> Check:
    """Parts listed as 'of which' (其中) cannot add up to more than their total.

    Consistent when even the smallest total allows the smallest parts; the note gives the
    remainder the release leaves implicit. With a lower bound among the figures the verdict is
    `bound`: the sum can only be tested from below, and the remainder is an interval. With
    `overlap_possible` (the parts may count the same firm twice) the note says the remainder is
    only what the parts leave if they do not overlap.
    """
    rest = derive.remainder(total, parts)
    parts_low = sum(derive.bounds(p)[0] for p in parts)
    total_high = derive.bounds(total)[1]
    listed = " + ".join(_shown(p) for p in parts)
    listed_zh = " + ".join(_shown(p, "zh") for p in parts)
    compared = (
        f"the {len(parts)} listed part{'s' if len(parts) > 1 else ''} ({listed}) against "
        f"the total of {_printed(total)}"
    )
    row = dict(
        check=f"parts within {total.id}",
        scope=RELEASE,
        kind="parts_total",
        figures=_ids([total, *parts]),
        compared=compared,
        expected="sum of parts ≤ total",
        found=f"{listed} = {_n(parts_low)} against a total of {_shown(total)}",
        compared_zh=(f"所列{len(parts)}个分项（{listed_zh}）与合计{_printed(total, 'zh')}比较"),
        expected_zh="分项之和≤合计",
        found_zh=f"{listed_zh} = {_z(parts_low)}，合计{_shown(total, 'zh')}",
    )
    if parts_low > total_high:
        return Check(
            **row,
            verdict=INCONSISTENT,
            note="The listed parts exceed the total: one of the figures is wrong.",
            note_zh="所列分项之和超过合计：其中必有一个数字有误。",
        )
    scale = float(total.value_base) / float(total.value)  # back to the printed unit (亿元)
    if rest.low == rest.high:
        return Check(
            **row,
            verdict=CONSISTENT,
            note=f"Not listed: {_n(rest.value / scale)}.",
            note_zh=f"未列出的部分：{_z(rest.value / scale)}。",
        )
    bounded = any(map(_is_bound, [total, *parts]))
    why = (
        "余 is involved, read as less than the number with its last non-zero digit raised by one"
        if bounded
        else "the printed figures are rounded"
    )
    why_zh = (
        "涉及“余”：按本项目约定，“余”数小于把最后一位非零数字加一后的数"
        if bounded
        else "公布数字经过四舍五入"
    )
    low, high = rest.low / scale, rest.high / scale
    note = f"Not listed: between {_n(low)} and {_n(high)} ({why})."
    note_zh = f"未列出的部分：{_z(low)}～{_z(high)}（{why_zh}）。"
    if overlap_possible:
        note += " The release does not say whether the parts overlap; if they do, more is left."
        note_zh += "新闻稿未说明各分项是否重叠；如有重叠，未列出的部分更多。"
    return Check(**row, verdict=BOUND if bounded else CONSISTENT, note=note, note_zh=note_zh)


def _span(quantity: derive.Quantity, scale: float = 1.0, lang: str = "en") -> str:
    """A derived figure's interval ("64.057 to 64.064"; "64.057～64.064" in Chinese), in units
    of `scale`, with the ends helpers.formatting.round_interval gives every page: rounded
    outward, so the printed interval still holds the true one (where a whole number inside it
    is the question), and the same in the audit as in the chapters' tables."""
    from helpers.formatting import fmt_interval, round_interval

    _value, low, high = round_interval(
        quantity.value / scale, quantity.low / scale, quantity.high / scale
    )
    return fmt_interval(low, high, lang)


def check_growth(current: Any, growth: Any) -> Check:
    """A growth rate against the figure it describes, through the earlier value they imply.

    The interval allows for the rounding of both printed figures (6.15% is 6.145% to 6.155%).
    For counts of whole people or firms the earlier value must be a whole number, so the rate can
    be tested: `consistent` if a whole number lies in the interval, `inconsistent` if none does.
    For amounts the release prints no earlier value and an amount need not be round, so the rate
    `cannot be checked`; the note gives the earlier amounts that fit it.
    """
    earlier = derive.implied_earlier(current, growth)
    scale = float(current.value_base) / float(current.value)
    compared_with = getattr(growth, "compared_with", None)
    year = compared_with or "the earlier year"
    year_zh = _year_zh(compared_with)
    rate = _printed(growth)
    period = getattr(current, "period", None)
    count = current.base_unit == "count"
    what = "count" if count else "amount"
    compared = (
        f"{f'{period} ' if period else ''}{what} {_printed(current)} and growth {rate} "
        "against each other"
    )
    compared_zh = (
        f"{f'{period}年' if period else ''}{'数量' if count else '金额'}"
        f"{_printed(current, 'zh')}与增长{rate}相互核对"
    )
    row = dict(
        check=f"growth of {current.id}",
        scope=RELEASE,
        kind="growth",
        figures=_ids([current, growth]),
        compared=compared,
        compared_zh=compared_zh,
    )
    unit = current.unit
    if count:
        low, high = earlier.low, earlier.high
        wholes = list(range(math.ceil(low - 1e-9), math.floor(high + 1e-9) + 1))
        span, span_zh = _span(earlier), _span(earlier, lang="zh")
        texts = dict(
            expected=f"a whole number of {unit} in {year}",
            found=f"{year} count from {span} {unit}",
            expected_zh=f"{year_zh}的数量应为整数（单位：{unit}）",
            found_zh=f"{year_zh}数量在{span_zh}{unit}之间",
        )
        if wholes:
            fits = " or ".join(str(w) for w in wholes)
            fits_zh = "或".join(f"{w}{unit}" for w in wholes)
            return Check(
                **row,
                **texts,
                verdict=CONSISTENT,
                note=f"{year} counts from {span} fit {rate}: {fits} {unit}.",
                note_zh=f"{year_zh}数量在{span_zh}之间时与增长{rate}相符：{fits_zh}。",
            )
        rows = derive.whole_number_candidates(current, growth)
        nearest = "; ".join(f"{r['earlier']} gives {r['rate_printed_precision']}%" for r in rows)
        nearest_zh = "；".join(
            f"{r['earlier']}{unit}对应{r['rate_printed_precision']}%" for r in rows
        )
        return Check(
            **row,
            **texts,
            verdict=INCONSISTENT,
            note=(
                f"{year} counts from {span} fit {rate}, and no whole number does. "
                f"Nearest: {nearest}. Quote the count, not the rate."
            ),
            note_zh=(
                f"与增长{rate}相符的{year_zh}数量在{span_zh}之间，其中没有整数。"
                f"最接近的：{nearest_zh}。引用时用数量，不用增长率。"
            ),
        )
    span, span_zh = _span(earlier, scale), _span(earlier, scale, "zh")
    return Check(
        **row,
        expected=f"a printed {year} amount to test the rate against",
        found=f"{year} amount from about {span} {unit}; not printed",
        verdict=UNCHECKABLE,
        note=(
            f"{year} amounts from about {span}{unit} fit {rate}. The release does not "
            f"print the {year} amount, so nothing tests the rate."
        ),
        expected_zh=f"公布的{year_zh}金额，用以核对增长率",
        found_zh=f"{year_zh}金额约为{span_zh}{unit}；未公布",
        note_zh=(
            f"{year_zh}金额约为{span_zh}{unit}时与增长{rate}相符。新闻稿未公布"
            f"{year_zh}金额，增长率无从核对。"
        ),
    )


def check_share_change(share: Any, change_pp: Any, threshold: float | None = None) -> Check:
    """A share against its percentage-point change, and a 'first time above X%' claim against the
    earlier share the change implies."""
    earlier = derive.earlier_share(share, change_pp)
    difference = f"{_n(float(share.value))} − {_n(float(change_pp.value))} = {_n(earlier.value)}"
    found = f"{difference} (from {_span(earlier)})"
    found_zh = f"{difference}（在{_span(earlier, lang='zh')}之间）"
    row = dict(
        check=f"change of {share.id}",
        scope=RELEASE,
        kind="share_change",
        figures=_ids([share, change_pp]),
        found=found,
        found_zh=found_zh,
    )
    if threshold is None:
        ok = earlier.low >= 0 and earlier.high <= 100
        return Check(
            **row,
            compared=f"share {_printed(share)} and its change "
            f"{_printed(change_pp)} against each other",
            expected="an earlier share between 0 and 100%",
            verdict=CONSISTENT if ok else INCONSISTENT,
            note="",
            compared_zh=f"比重{_printed(share, 'zh')}与其变化{_printed(change_pp, 'zh')}相互核对",
            expected_zh="上期比重在0至100%之间",
            note_zh="",
        )
    limit = _n(threshold)
    change = _n(float(change_pp.value))
    row["compared"] = (
        f"share {_printed(share)} and its rise of {change} "
        f"points against 'first time above {limit}%'"
    )
    row["expected"] = f"earlier share below {limit}%, current share above it"
    row["compared_zh"] = (
        f"比重{_printed(share, 'zh')}及其提高的{change}个百分点与“首次突破{limit}%”核对"
    )
    row["expected_zh"] = f"上期比重低于{limit}%，本期比重高于{limit}%"
    if earlier.high < threshold < share.value:
        return Check(
            **row,
            verdict=CONSISTENT,
            note=(
                f"The earlier share, {_n(earlier.value)}%, is below {limit}%. The "
                "release does not name the earlier year; year on year is the "
                "natural reading."
            ),
            note_zh=(
                f"上期比重为{_z(earlier.value)}%，低于{limit}%。新闻稿未写明与哪一年"
                "相比，按同比理解最为自然。"
            ),
        )
    return Check(
        **row,
        verdict=INCONSISTENT,
        note=(
            f"The implied earlier share ({_n(earlier.value)}%) contradicts 'first "
            f"time above {limit}%'."
        ),
        note_zh=f"推算的上期比重（{_z(earlier.value)}%）与“首次突破{limit}%”矛盾。",
    )


def check_lower_bound(
    figure: Any, used_in: Sequence[str] = (), used_in_zh: Sequence[str] | None = None
) -> Check:
    """What '余' allows: the interval a lower-bound figure can lie in, and where it propagates.

    Not a test of the release (nothing can contradict "more than 220"): a row that says how far
    a figure can reach, so that everything computed from it is quoted as a bound. `used_in` names
    the checks that inherit the bound; `used_in_zh` the same in Chinese (default: `used_in`).
    """
    if figure.qualifier != "at_least":
        raise ValueError(
            f"{figure.id} is not a lower bound (its qualifier is "
            f"{figure.qualifier!r}): only 余, 多, 超 figures have a bound row."
        )
    low, high = derive.bounds(figure)
    scale = float(figure.value_base) / float(figure.value) if float(figure.value) else 1.0
    note = (
        f"Quote as 'more than {_n(float(figure.value))}'. The usual reading of 余 stops before "
        "the next unit of the last printed digit."
    )
    note_zh = (
        f"引用时写作“{_printed(figure, 'zh')}”，即多于{_z(float(figure.value))}"
        f"{figure.unit}。按“余”的通常读法，实际数少于{_z(high / scale)}{figure.unit}。"
    )
    if used_in:
        note += f" Checks that inherit the bound: {', '.join(used_in)}."
        names_zh = used_in if used_in_zh is None else used_in_zh
        note_zh += f"承袭这一下限的核查：{'、'.join(names_zh)}。"
    return Check(
        check=f"bound of {figure.id}",
        scope=RELEASE,
        kind="lower_bound",
        figures=str(figure.id),
        compared=f"'{_printed(figure)}' against the usual reading of 余",
        expected="a lower bound (余, 多, 超)",
        found=f"at least {_n(low / scale)}, less than {_n(high / scale)} {figure.unit}",
        verdict=BOUND,
        note=note,
        compared_zh=f"“{_printed(figure, 'zh')}”与“余”的通常读法核对",
        expected_zh="下限（余、多、超）",
        found_zh=(f"不少于{_z(low / scale)}{figure.unit}，少于{_z(high / scale)}{figure.unit}"),
        note_zh=note_zh,
    )


def check_unit(figure: Any, factors: dict[str, tuple[str, int]]) -> Check:
    """Our conversion of an amount to yuan against its printed unit (万元 × 10,000, 亿元 × 10⁸).

    A self-check: it tests facts.csv's `value_base`, which we wrote, not the release."""
    base_unit, factor = factors[figure.unit]
    expected_base = float(figure.value) * factor
    consistent = math.isclose(float(figure.value_base), expected_base, rel_tol=1e-12)
    found = f"{_n(float(figure.value))} {figure.unit} = {_n(float(figure.value_base))} {base_unit}"
    base_zh = BASE_UNITS_ZH.get(base_unit, base_unit)
    return Check(
        check=f"unit of {figure.id}",
        scope=SELF_CHECK,
        kind="units",
        figures=str(figure.id),
        compared=(
            f"our value in {base_unit} for {_printed(figure)} against "
            f"{figure.unit}{UNITS_EN.get(str(figure.unit), '')} × {factor:,}"
        ),
        expected=f"value × {factor:,} = value in base units",
        found=found,
        verdict=(CONSISTENT if consistent and figure.base_unit == base_unit else INCONSISTENT),
        note="" if consistent else f"Expected {_n(expected_base)} {base_unit}.",
        compared_zh=(
            f"本项目为{_printed(figure, 'zh')}记下的基本单位数值（以元计）"
            f"与{figure.unit} × {factor}核对"
        ),
        expected_zh=f"数值 × {factor} = 基本单位数值",
        found_zh=(
            f"{_z(float(figure.value))}{figure.unit} = {_z(float(figure.value_base))}{base_zh}"
        ),
        note_zh="" if consistent else f"应为{_z(expected_base)}{base_zh}。",
    )


def check_not_more_than(
    part: Any, whole: Any, link: str, stated: bool = False, link_zh: str | None = None
) -> Check:
    """One figure that, if it is part of another, cannot exceed it (a filed amount and the loans).

    Only when the release states the link (`stated`) is this a test; otherwise the verdict is
    `cannot be checked` and the note says what the unstated reading would give. `link_zh` is the
    link in Chinese (default: `link`).
    """
    p, w = derive.quantity(part), derive.quantity(whole)
    fits = p.low <= w.high
    share = derive.share(part, whole)
    # a part that is a lower bound (余) gives a share that is one too: "at least about 57%"
    floor = p.qualifier == derive.AT_LEAST
    about, about_zh = ("at least about", "至少约占") if floor else ("about", "约占")
    found = f"{_n(p.value)} ≤ {_n(w.value)}: {about} {_n(share.value, 0)}% of it"
    part_zh, whole_zh = _printed(part, "zh"), _printed(whole, "zh")
    link_zh = link if link_zh is None else link_zh
    row = dict(
        check=f"{part.id} within {whole.id}",
        scope=RELEASE,
        kind="part_of",
        figures=_ids([part, whole]),
        compared=f"{_printed(part)} against {_printed(whole)}, as part of it",
        expected=f"{part.id} ≤ {whole.id}",
        found=found,
        compared_zh=f"{part_zh}与{whole_zh}核对，视作其一部分",
        expected_zh=f"{_name_zh(part)} ≤ {_name_zh(whole)}",
        found_zh=f"{part_zh} ≤ {whole_zh}：{about_zh}{_z(share.value, 0)}%",
    )
    if stated:
        return Check(
            **row, verdict=CONSISTENT if fits else INCONSISTENT, note=link, note_zh=link_zh
        )
    reading = (
        f"on that reading, {_printed(part)} is {about} {_n(share.value, 0)}% of {_printed(whole)}"
        if fits
        else "and it cannot be: it is the larger"
    )
    reading_zh = (
        f"按这一理解，{part_zh}{about_zh}{whole_zh}的{_z(share.value, 0)}%"
        if fits
        else "而这不可能：前者更大"
    )
    return Check(
        **row,
        verdict=UNCHECKABLE,
        note=f"The release does not say {link}; {reading}.",
        note_zh=f"新闻稿未说明{link_zh}；{reading_zh}。",
    )


# Links between figures the release implies but never states: (part, whole, the link in words,
# in English and in Chinese).
UNSTATED_LINKS = [
    (
        "filed_amount",
        "transformation_loans",
        "that the filed amount (备案金额) is the part of the loans filed for risk compensation",
        "备案金额是否为贷款中备案纳入风险补偿的部分",
    ),
    (
        "provincial_funding",
        "provincial_funds",
        "that the project funding is part of all provincial funds secured",
        "项目获得的支持资金是否属于争取到的全部省级以上资金",
    ),
    (
        "interest_subsidy_firms",
        "transformation_loans_firms",
        "that the subsidised firms are among the firms with loans",
        "获得贴息的企业是否在获得贷款的企业之中",
    ),
]
BASE_UNITS_ZH = {"yuan": "元"}  # the base units a self-check's Chinese names


def _check_name_zh(check: Check, names: dict[str, str]) -> str:
    """A check named in Chinese, for the lower-bound rows' list of the checks that inherit a
    bound: "累计孵化企业的分项" for "parts within incubated_firms"."""
    ids = check.figures.split()
    first = names.get(ids[0], ids[0])
    if check.kind == "parts_total":
        return f"{first}的分项"
    if check.kind in ("growth", "share_change"):
        return f"{first}的{'增长' if check.kind == 'growth' else '变化'}"
    return check.check


# Parts that may overlap (one firm counted in two listed parts).
OVERLAPPING_PARTS = {"incubated_firms", "achievements_published"}
THRESHOLD_CLAIMS = {"hightech_output_share": 50.0}  # "首次突破50%", data/not_figures.csv


def run_audit(facts: Any = None) -> list[Check]:
    """Every check, in a stable order: parts, growth, share changes, bounds, unstated links, and
    last the self-checks of our unit conversions."""
    from helpers.facts import UNITS, fact, load_facts

    table = load_facts() if facts is None else facts
    by_id = {row.id: fact(row.id) for row in table.itertuples()}
    checks: list[Check] = []
    for total_id in dict.fromkeys(table["parent_id"].dropna()):
        parts = [by_id[i] for i in table.loc[table["parent_id"] == total_id, "id"]]
        checks.append(
            check_parts_within_total(
                by_id[total_id], parts, overlap_possible=total_id in OVERLAPPING_PARTS
            )
        )
    for row in table.dropna(subset=["growth_of"]).itertuples():
        figure, base = by_id[row.id], by_id[row.growth_of]
        if figure.base_unit == "percentage_point":
            checks.append(check_share_change(base, figure, THRESHOLD_CLAIMS.get(base.id)))
        else:
            checks.append(check_growth(base, figure))
    names = {id_: _name_zh(figure) for id_, figure in by_id.items()}
    inherited: dict[str, list[tuple[str, str]]] = {}
    for check in checks:
        for id_ in check.figures.split():
            inherited.setdefault(id_, []).append((check.check, _check_name_zh(check, names)))
    for part, whole, _, _ in UNSTATED_LINKS:
        for id_ in (part, whole):
            inherited.setdefault(id_, []).append(
                (f"{part} within {whole}", f"{names[part]}是否属于{names[whole]}")
            )
    for row in table[table["qualifier"] == "at_least"].itertuples():
        used = inherited.get(row.id, [])
        checks.append(
            check_lower_bound(by_id[row.id], [en for en, _ in used], [zh for _, zh in used])
        )
    checks.extend(
        check_not_more_than(by_id[p], by_id[w], link, link_zh=link_zh)
        for p, w, link, link_zh in UNSTATED_LINKS
    )
    for row in table[table["base_unit"] == "yuan"].itertuples():
        checks.append(check_unit(by_id[row.id], UNITS))
    return checks


def audit_table(facts: Any = None):
    """`run_audit` as a DataFrame with the columns of data/processed/audit.csv."""
    import pandas as pd

    return pd.DataFrame([c.to_dict() for c in run_audit(facts)], columns=list(COLUMNS))


def audit_csv() -> str:
    """The text of data/processed/audit.csv."""
    return audit_table().to_csv(index=False, lineterminator="\n")


def inconsistent_ids(table: Any = None) -> frozenset[str]:
    """The fact ids named by a check of the audit (`table`, default `audit_table()`) whose verdict
    is inconsistent: what a chart marks, `helpers.bar_breakdown(..., inconsistent=...)`."""
    table = audit_table() if table is None else table
    return frozenset(
        fact_id
        for row in table.itertuples()
        if row.verdict == INCONSISTENT
        for fact_id in str(row.figures).split()
    )


def verdict_for(ids: Sequence[str], table: Any) -> str:
    """The audit's verdict on a claim resting on the figures `ids`: the worst verdict of any
    release check that involves one of them (self-checks are not evidence about the release), or
    `cannot be checked` when none does (a rank the release gives nothing to compare with)."""
    wanted = set(ids)
    verdicts = [
        row.verdict
        for row in table.itertuples()
        if row.scope == RELEASE and wanted & set(str(row.figures).split())
    ]
    if not verdicts:
        return UNCHECKABLE
    return max(verdicts, key=VERDICTS.index)
