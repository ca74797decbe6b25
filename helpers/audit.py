"""A consistency audit of the release's figures: which ones hold up, and how far.

Official releases round, mix stocks with flows, and state lower bounds. Each check here takes
figures (from `helpers.fact`, duck-typed) and returns one `Check` row: what was checked, the
figures involved, what consistency requires, what the figures give, a verdict and a note for
someone quoting the figure. `run_audit()` runs every check the fact table's relations call for
(parts of a total, growth rates, percentage-point changes, lower bounds) and the explicit unit and
magnitude checks listed in `MAGNITUDE_CHECKS`; `make data` writes the result to
data/processed/audit.csv.

Verdicts:
- `pass`: the figures are consistent at the precision printed;
- `fail`: no reading of the printed figures makes them consistent;
- `caution`: consistent only under a reading the release does not state (a lower bound's interval,
  an unstated base year, possible overlaps), said in the note.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from helpers import derive

PASS, FAIL, CAUTION = "pass", "fail", "caution"
COLUMNS = ("check", "kind", "figures", "expected", "found", "verdict", "note")
# The vocabularies of the kind and verdict columns (data/README.md; helpers.datapackage).
KINDS = {
    "parts_total": "parts against their total",
    "growth": "a growth rate against its figure",
    "share_change": "a share against its percentage-point change",
    "lower_bound": "what 余 allows",
    "units": "万元/亿元 against base units",
    "magnitude": "per-unit amounts and figures that should not exceed others",
}
VERDICTS = {
    PASS: "consistent at the printed precision",
    FAIL: "no reading makes the figures consistent",
    CAUTION: "consistent only under a reading the release does not state",
}


@dataclass(frozen=True)
class Check:
    """One row of the audit table."""

    check: str
    kind: str
    figures: str
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


def _ids(figures: Sequence[Any]) -> str:
    return " ".join(str(f.id) for f in figures)


def check_parts_within_total(total: Any, parts: Sequence[Any], overlap_possible: bool = False
                             ) -> Check:
    """Parts listed as 'of which' (其中) cannot add up to more than their total.

    Passes when even the smallest total allows the smallest parts; the note gives the remainder
    the release leaves implicit. With `overlap_possible` (the parts may count the same things
    twice, e.g. high-tech firms among technology firms) a passing check is a caution: the
    remainder is then only a lower bound of what is not listed.
    """
    rest = derive.remainder(total, parts)
    parts_low = sum(derive.bounds(p)[0] for p in parts)
    total_high = derive.bounds(total)[1]
    found = (f"{' + '.join(_shown(p) for p in parts)} = {_n(parts_low)} "
             f"against a total of {_shown(total)}")
    if parts_low > total_high:
        return Check(f"parts within {total.id}", "parts_total", _ids([total, *parts]),
                     "sum of parts ≤ total", found, FAIL,
                     "The listed parts exceed the total: one of the figures is wrong.")
    interval = ("" if rest.low == rest.high
                else f" (between {_n(rest.low)} and {_n(rest.high)})")
    note = f"Remainder not listed: {_n(rest.value)}{interval}."
    verdict = PASS
    if overlap_possible:
        verdict = CAUTION
        note += (" The release does not say whether the parts overlap, so the remainder is only"
                 " what the listed parts leave if they do not.")
    elif rest.qualifier != derive.EXACT:
        verdict = CAUTION
        note += " A lower bound is involved, so the remainder is a bound, not a count."
    return Check(f"parts within {total.id}", "parts_total", _ids([total, *parts]),
                 "sum of parts ≤ total", found, verdict, note)


def check_growth(current: Any, growth: Any) -> Check:
    """A growth rate against its figure: the earlier value it implies, and whether any earlier value
    written at the precision the release uses for this figure (whole people and firms; 476.6万元
    to 0.1万元) reproduces the rate as printed. For counts the note lists the nearest whole values
    and the rates they would give."""
    earlier = derive.implied_earlier(current, growth)
    scale = float(current.value_base) / float(current.value)
    places = derive.decimals(float(current.value))
    step = 10.0**-places * scale
    unit = current.unit
    year = getattr(growth, "compared_with", None) or "the earlier year"

    digits = 4 if current.base_unit == "count" else places + 2

    def printed(x: float) -> str:  # in the unit the release prints, with digits to spare
        return f"{_n(x / scale, digits)} {unit}"

    found = (f"implied {year}: {printed(earlier.value)} (between {printed(earlier.low)} and "
             f"{printed(earlier.high)})")
    first = math.ceil(earlier.low / step - 1e-9)
    fitting = [k * step for k in range(first, math.floor(earlier.high / step + 1e-9) + 1)]
    expected = (f"an earlier value printed like this one (in steps of {_n(step / scale, places)}"
                f" {unit}) reproduces the printed rate")
    ids = _ids([current, growth])
    if current.base_unit == "count":
        rows = derive.whole_number_candidates(current, growth)
        nearest = "; ".join(f"{r['earlier']} gives {r['rate_printed_precision']}%" for r in rows)
        detail = f" Nearest whole values: {nearest}."
    else:
        detail = ""
    if fitting:
        note = f"{printed(fitting[0])} in {year} reproduces the printed rate.{detail}"
        return Check(f"growth of {current.id}", "growth", ids, expected, found, PASS, note)
    note = (f"No earlier value printed like this one reproduces {_n(float(growth.value))}%."
            f"{detail} Quote the figure; quote the rate with care (a misprint, or another base).")
    return Check(f"growth of {current.id}", "growth", ids, expected, found, FAIL, note)


def check_share_change(share: Any, change_pp: Any, threshold: float | None = None) -> Check:
    """A share against its percentage-point change, and a 'first time above X%' claim against the
    earlier share the change implies."""
    earlier = derive.earlier_share(share, change_pp)
    found = f"{_n(float(share.value))} − {_n(float(change_pp.value))} = {_n(earlier.value)}"
    if threshold is None:
        return Check(f"change of {share.id}", "share_change", _ids([share, change_pp]),
                     "an earlier share between 0 and 100", found,
                     PASS if earlier.low >= 0 and earlier.high <= 100 else FAIL, "")
    expected = f"earlier share below {_n(threshold)}%, current share above it"
    consistent = earlier.high < threshold < share.value
    note = (f"The earlier share ({_n(earlier.value)}%) is below {_n(threshold)}% and the current "
            f"one above it, as 'first time above {_n(threshold)}%' says. The release does not name "
            "the earlier year: reading the change as year on year is an assumption.")
    if not consistent:
        note = (f"The implied earlier share ({_n(earlier.value)}%) contradicts 'first time above "
                f"{_n(threshold)}%'.")
    return Check(f"change of {share.id}", "share_change", _ids([share, change_pp]), expected,
                 found, CAUTION if consistent else FAIL, note)


def check_lower_bound(figure: Any, used_in: Sequence[str] = ()) -> Check:
    """What '余' allows: the interval a lower-bound figure can lie in, and where it propagates."""
    low, high = derive.bounds(figure)
    unit = getattr(figure, "unit", "")
    scale = float(figure.value_base) / float(figure.value) if float(figure.value) else 1.0
    found = f"between {_n(low / scale)} and {_n(high / scale)} {unit} (upper end excluded)"
    if figure.qualifier != "at_least":
        return Check(f"bound of {figure.id}", "lower_bound", str(figure.id),
                     "a lower bound (余, 多, 超)", f"qualifier is {figure.qualifier}", FAIL,
                     "Not a lower bound.")
    note = (f"Quote as 'more than {_n(float(figure.value))}'. Read as usual, 余 stops before the "
            "next unit of the last printed digit.")
    if used_in:
        note += f" Derived values that inherit the bound: {', '.join(used_in)}."
    return Check(f"bound of {figure.id}", "lower_bound", str(figure.id),
                 "a lower bound (余, 多, 超)", found, CAUTION, note)


def check_unit(figure: Any, factors: dict[str, tuple[str, int]]) -> Check:
    """An amount's base value against its printed unit (万元 × 10,000, 亿元 × 100,000,000)."""
    base_unit, factor = factors[figure.unit]
    expected_base = float(figure.value) * factor
    consistent = math.isclose(float(figure.value_base), expected_base, rel_tol=1e-12)
    found = f"{_n(float(figure.value))} {figure.unit} = {_n(float(figure.value_base))} {base_unit}"
    return Check(f"unit of {figure.id}", "units", str(figure.id),
                 f"value × {factor:,} = value in base units", found,
                 PASS if consistent and figure.base_unit == base_unit else FAIL,
                 "" if consistent else f"Expected {_n(expected_base)} {base_unit}.")


def check_magnitude(quantity: derive.Quantity, low: float, high: float, reason: str,
                    name: str) -> Check:
    """A derived value (a per-firm amount, a ratio) against the range it plausibly lies in."""
    inside = low <= quantity.value <= high
    readable = f" yuan ({quantity.value / 1e4:,.1f}万元)" if quantity.base_unit == "yuan" else ""
    found = f"{quantity.working}{readable} ({quantity.qualifier})"
    return Check(name, "magnitude", " ".join(quantity.inputs),
                 f"between {_n(low)} and {_n(high)} {quantity.base_unit}", found,
                 PASS if inside else FAIL, reason)


def check_not_more_than(part: Any, whole: Any, reason: str) -> Check:
    """One figure that should not exceed another (a filed amount and the loans it files)."""
    p, w = derive.quantity(part), derive.quantity(whole)
    consistent = p.low <= w.high
    share = derive.share(part, whole)
    found = f"{_n(p.value)} ≤ {_n(w.value)}: {_n(share.value, 1)}% of it"
    return Check(f"{part.id} within {whole.id}", "magnitude", _ids([part, whole]),
                 f"{part.id} ≤ {whole.id}", found, PASS if consistent else FAIL, reason)


# Checks that the relations in facts.csv do not imply: (description, builder from a fact getter).
MAGNITUDE_CHECKS: list[Callable[[Callable[[str], Any]], Check]] = [
    lambda f: check_magnitude(
        derive.per_unit(f("transformation_loans"), f("transformation_loans_firms")),
        1e5, 1e8, "An average loan per firm between CNY 0.1 million and 100 million is plausible "
        "for technology SMEs; the average hides how loans are spread over firms.",
        "transformation loans per firm"),
    lambda f: check_magnitude(
        derive.per_unit(f("interest_subsidy"), f("interest_subsidy_firms")),
        1e3, 1e7, "An interest subsidy per firm between CNY 1,000 and 10 million is plausible.",
        "interest subsidy per firm"),
    lambda f: check_magnitude(
        derive.per_unit(f("provincial_funding"), f("projects_provincial")),
        1e5, 1e8, "Assumes all the provincial funding went to the provincial-level projects, "
        "which the release does not say; a lower bound, because the funding is.",
        "provincial funding per provincial project"),
    lambda f: check_not_more_than(
        f("filed_amount"), f("transformation_loans"),
        "The filed amount (备案金额) is read as the part of the loans filed for risk compensation;"
        " the release does not define it."),
    lambda f: check_not_more_than(
        f("provincial_funding"), f("provincial_funds"),
        "If the project funding is part of all provincial funds won, it is at most the whole; the"
        " release does not say it is part, so do not add the two."),
    lambda f: check_not_more_than(
        f("interest_subsidy_firms"), f("transformation_loans_firms"),
        "If subsidised firms are among the firms with loans; the release does not say so."),
]

# Parts that may overlap (one firm counted in two listed parts).
OVERLAPPING_PARTS = {"incubated_firms", "achievements_published"}
THRESHOLD_CLAIMS = {"hightech_output_share": 50.0}  # "首次突破50%", data/not_figures.csv


def run_audit(facts: Any = None) -> list[Check]:
    """Every check, in a stable order: parts, growth, share changes, bounds, units, magnitudes."""
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
    derived_from = {
        "provincial_funding": ["provincial funding per provincial project"],
        "incubated_firms": ["parts within incubated_firms"],
        "incubated_hightech_firms": ["parts within incubated_firms"],
        "achievements_published": ["parts within achievements_published"],
    }
    for row in table[table["qualifier"] == "at_least"].itertuples():
        checks.append(check_lower_bound(by_id[row.id], derived_from.get(row.id, ())))
    for row in table[table["base_unit"] == "yuan"].itertuples():
        checks.append(check_unit(by_id[row.id], UNITS))
    checks.extend(build(by_id.__getitem__) for build in MAGNITUDE_CHECKS)
    return checks


def audit_table(facts: Any = None):
    """`run_audit` as a DataFrame with the columns of data/processed/audit.csv."""
    import pandas as pd

    return pd.DataFrame([c.to_dict() for c in run_audit(facts)], columns=list(COLUMNS))


def audit_csv() -> str:
    """The text of data/processed/audit.csv."""
    return audit_table().to_csv(index=False, lineterminator="\n")


_SEVERITY = {PASS: 0, CAUTION: 1, FAIL: 2}


def verdict_for(ids: Sequence[str], table: Any) -> str:
    """The audit's verdict on a claim resting on the figures `ids`: the worst verdict of any check
    that involves one of them, or "not checkable" when no check involves them (a rank or a count
    the release gives nothing to compare with)."""
    wanted = set(ids)
    verdicts = [
        row.verdict for row in table.itertuples() if wanted & set(str(row.figures).split())
    ]
    if not verdicts:
        return "not checkable"
    return max(verdicts, key=_SEVERITY.__getitem__)
