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
    "consistent", "inconsistent", "bound", "cannot be checked")
VERDICTS = (CONSISTENT, BOUND, UNCHECKABLE, INCONSISTENT)  # from best to worst
RELEASE, SELF_CHECK = "release", "self-check"
COLUMNS = ("check", "scope", "kind", "figures", "compared", "expected", "found", "verdict", "note")
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

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


def _n(x: float, places: int = 2) -> str:
    """A number for the audit table: thousands separators, at most `places` decimals."""
    if math.isinf(x):
        return "∞"
    text = f"{x:,.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _shown(figure: Any) -> str:
    """A printed figure with its qualifier: "≥2,000" for 2000余."""
    prefix = "≥" if figure.qualifier == "at_least" else ""
    return prefix + _n(float(figure.value))


def _printed(figure: Any) -> str:
    """A figure as the release prints it, with its unit: "2000余家", "1.5亿元", "6.15%"."""
    more = "余" if figure.qualifier == "at_least" else ""
    return f"{_n(float(figure.value))}{more}{figure.unit}"


def _ids(figures: Sequence[Any]) -> str:
    return " ".join(str(f.id) for f in figures)


def _is_bound(figure: Any) -> bool:
    return figure.qualifier != derive.EXACT


def check_parts_within_total(total: Any, parts: Sequence[Any], overlap_possible: bool = False
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
    compared = (f"the {len(parts)} listed part{'s' if len(parts) > 1 else ''} ({listed}) against "
                f"the total of {_printed(total)}")
    found = f"{listed} = {_n(parts_low)} against a total of {_shown(total)}"
    row = dict(check=f"parts within {total.id}", scope=RELEASE, kind="parts_total",
               figures=_ids([total, *parts]), compared=compared, expected="sum of parts ≤ total",
               found=found)
    if parts_low > total_high:
        return Check(**row, verdict=INCONSISTENT,
                     note="The listed parts exceed the total: one of the figures is wrong.")
    scale = float(total.value_base) / float(total.value)  # back to the printed unit (亿元)
    if rest.low == rest.high:
        return Check(**row, verdict=CONSISTENT, note=f"Not listed: {_n(rest.value / scale)}.")
    bounded = any(map(_is_bound, [total, *parts]))
    why = ("a bound: 余 is involved, read as stopping before the next unit of its last digit"
           if bounded else "the printed figures are rounded")
    note = f"Not listed: between {_n(rest.low / scale)} and {_n(rest.high / scale)} ({why})."
    if overlap_possible:
        note += " The release does not say whether the parts overlap; if they do, more is left."
    return Check(**row, verdict=BOUND if bounded else CONSISTENT, note=note)


def _fmt_range(low: float, high: float, places: int, outward: bool = False) -> str:
    """An interval at `places` decimals; `outward` rounds its ends away from each other, so the
    printed interval still holds the true one (where a whole number inside it is the question)."""
    if outward:
        step = 10.0**places
        low, high = math.floor(low * step + 1e-9) / step, math.ceil(high * step - 1e-9) / step
    return f"{_n(low, places)} to {_n(high, places)}"


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
    year = getattr(growth, "compared_with", None) or "the earlier year"
    rate = _printed(growth)
    period = getattr(current, "period", None)
    what = "count" if current.base_unit == "count" else "amount"
    compared = (f"{f'{period} ' if period else ''}{what} {_printed(current)} and growth {rate} "
                "against each other")
    row = dict(check=f"growth of {current.id}", scope=RELEASE, kind="growth",
               figures=_ids([current, growth]), compared=compared)
    unit = current.unit
    if current.base_unit == "count":
        low, high = earlier.low, earlier.high
        wholes = list(range(math.ceil(low - 1e-9), math.floor(high + 1e-9) + 1))
        span = _fmt_range(low, high, 3, outward=True)
        found = f"{year} count from {span} {unit}"
        expected = f"a whole number of {unit} in {year}"
        if wholes:
            fits = " or ".join(str(w) for w in wholes)
            return Check(**row, expected=expected, found=found, verdict=CONSISTENT,
                         note=f"{year} counts from {span} fit {rate}: {fits} {unit}.")
        rows = derive.whole_number_candidates(current, growth)
        nearest = "; ".join(f"{r['earlier']} gives {r['rate_printed_precision']}%" for r in rows)
        return Check(**row, expected=expected, found=found, verdict=INCONSISTENT,
                     note=(f"{year} counts from {span} fit {rate}, and no whole number does. "
                           f"Nearest: {nearest}. Quote the count, not the rate."))
    places = derive.decimals(float(current.value)) + 1
    span = _fmt_range(earlier.low / scale, earlier.high / scale, places)
    return Check(**row, expected=f"a printed {year} amount to test the rate against",
                 found=f"{year} amount from about {span} {unit}; not printed", verdict=UNCHECKABLE,
                 note=(f"{year} amounts from about {span}{unit} fit {rate}. The release does not "
                       f"print the {year} amount, so nothing tests the rate."))


def check_share_change(share: Any, change_pp: Any, threshold: float | None = None) -> Check:
    """A share against its percentage-point change, and a 'first time above X%' claim against the
    earlier share the change implies."""
    earlier = derive.earlier_share(share, change_pp)
    found = (f"{_n(float(share.value))} − {_n(float(change_pp.value))} = {_n(earlier.value)}"
             f" (between {_n(earlier.low, 3)} and {_n(earlier.high, 3)})")
    row = dict(check=f"change of {share.id}", scope=RELEASE, kind="share_change",
               figures=_ids([share, change_pp]), found=found)
    if threshold is None:
        ok = earlier.low >= 0 and earlier.high <= 100
        return Check(**row, compared=f"share {_printed(share)} and its change "
                     f"{_printed(change_pp)} against each other",
                     expected="an earlier share between 0 and 100%",
                     verdict=CONSISTENT if ok else INCONSISTENT, note="")
    limit = _n(threshold)
    row["compared"] = (f"share {_printed(share)} and its rise of {_n(float(change_pp.value))} "
                       f"points against 'first time above {limit}%'")
    row["expected"] = f"earlier share below {limit}%, current share above it"
    if earlier.high < threshold < share.value:
        return Check(**row, verdict=CONSISTENT,
                     note=(f"The earlier share, {_n(earlier.value)}%, is below {limit}%. The "
                           "release does not name the earlier year; year on year is the "
                           "natural reading."))
    return Check(**row, verdict=INCONSISTENT,
                 note=(f"The implied earlier share ({_n(earlier.value)}%) contradicts 'first "
                       f"time above {limit}%'."))


def check_lower_bound(figure: Any, used_in: Sequence[str] = ()) -> Check:
    """What '余' allows: the interval a lower-bound figure can lie in, and where it propagates.

    Not a test of the release (nothing can contradict "more than 220"): a row that says how far
    a figure can reach, so that everything computed from it is quoted as a bound.
    """
    if figure.qualifier != "at_least":
        raise ValueError(f"{figure.id} is not a lower bound (its qualifier is "
                         f"{figure.qualifier!r}): only 余, 多, 超 figures have a bound row.")
    low, high = derive.bounds(figure)
    scale = float(figure.value_base) / float(figure.value) if float(figure.value) else 1.0
    note = (f"Quote as 'more than {_n(float(figure.value))}'. The usual reading of 余 stops before "
            "the next unit of the last printed digit.")
    if used_in:
        note += f" Checks that inherit the bound: {', '.join(used_in)}."
    return Check(f"bound of {figure.id}", RELEASE, "lower_bound", str(figure.id),
                 f"'{_printed(figure)}' against the usual reading of 余",
                 "a lower bound (余, 多, 超)",
                 f"at least {_n(low / scale)}, less than {_n(high / scale)} {figure.unit}",
                 BOUND, note)


def check_unit(figure: Any, factors: dict[str, tuple[str, int]]) -> Check:
    """Our conversion of an amount to yuan against its printed unit (万元 × 10,000, 亿元 × 10⁸).

    A self-check: it tests facts.csv's `value_base`, which we wrote, not the release."""
    base_unit, factor = factors[figure.unit]
    expected_base = float(figure.value) * factor
    consistent = math.isclose(float(figure.value_base), expected_base, rel_tol=1e-12)
    found = f"{_n(float(figure.value))} {figure.unit} = {_n(float(figure.value_base))} {base_unit}"
    return Check(f"unit of {figure.id}", SELF_CHECK, "units", str(figure.id),
                 f"our value_base for {_printed(figure)} against {figure.unit} × {factor:,}",
                 f"value × {factor:,} = value in base units", found,
                 CONSISTENT if consistent and figure.base_unit == base_unit else INCONSISTENT,
                 "" if consistent else f"Expected {_n(expected_base)} {base_unit}.")


def check_not_more_than(part: Any, whole: Any, link: str, stated: bool = False) -> Check:
    """One figure that, if it is part of another, cannot exceed it (a filed amount and the loans).

    Only when the release states the link (`stated`) is this a test; otherwise the verdict is
    `cannot be checked` and the note says what the unstated reading would give.
    """
    p, w = derive.quantity(part), derive.quantity(whole)
    fits = p.low <= w.high
    share = derive.share(part, whole)
    found = f"{_n(p.value)} ≤ {_n(w.value)}: about {_n(share.value, 0)}% of it"
    row = dict(check=f"{part.id} within {whole.id}", scope=RELEASE, kind="part_of",
               figures=_ids([part, whole]),
               compared=f"{_printed(part)} against {_printed(whole)}, as part of it",
               expected=f"{part.id} ≤ {whole.id}", found=found)
    if stated:
        return Check(**row, verdict=CONSISTENT if fits else INCONSISTENT, note=link)
    reading = (f"on that reading, {_printed(part)} is about {_n(share.value, 0)}% of "
               f"{_printed(whole)}" if fits else "and it cannot be: it is the larger")
    return Check(**row, verdict=UNCHECKABLE,
                 note=f"The release does not say {link}; {reading}.")


# Links between figures the release implies but never states: (part, whole, the link in words).
UNSTATED_LINKS = [
    ("filed_amount", "transformation_loans",
     "that the filed amount (备案金额) is the part of the loans filed for risk compensation"),
    ("provincial_funding", "provincial_funds",
     "that the project funding is part of all provincial funds secured"),
    ("interest_subsidy_firms", "transformation_loans_firms",
     "that the subsidised firms are among the firms with loans"),
]

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
        checks.append(check_parts_within_total(by_id[total_id], parts,
                                               overlap_possible=total_id in OVERLAPPING_PARTS))
    for row in table.dropna(subset=["growth_of"]).itertuples():
        figure, base = by_id[row.id], by_id[row.growth_of]
        if figure.base_unit == "percentage_point":
            checks.append(check_share_change(base, figure, THRESHOLD_CLAIMS.get(base.id)))
        else:
            checks.append(check_growth(base, figure))
    inherited: dict[str, list[str]] = {}
    for check in checks:
        for id_ in check.figures.split():
            inherited.setdefault(id_, []).append(check.check)
    for part, whole, _ in UNSTATED_LINKS:
        for id_ in (part, whole):
            inherited.setdefault(id_, []).append(f"{part} within {whole}")
    for row in table[table["qualifier"] == "at_least"].itertuples():
        checks.append(check_lower_bound(by_id[row.id], inherited.get(row.id, ())))
    checks.extend(check_not_more_than(by_id[p], by_id[w], link) for p, w, link in UNSTATED_LINKS)
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


def verdict_for(ids: Sequence[str], table: Any) -> str:
    """The audit's verdict on a claim resting on the figures `ids`: the worst verdict of any
    release check that involves one of them (self-checks are not evidence about the release), or
    `cannot be checked` when none does (a rank the release gives nothing to compare with)."""
    wanted = set(ids)
    verdicts = [
        row.verdict for row in table.itertuples()
        if row.scope == RELEASE and wanted & set(str(row.figures).split())
    ]
    if not verdicts:
        return UNCHECKABLE
    return max(verdicts, key=VERDICTS.index)
