"""Figures the release implies but does not print: remainders, shares, per-unit amounts,
earlier-year values. Each comes with its formula, the figures it used, and the interval it can
lie in.

Why intervals: the release rounds ("6.15%") and gives lower bounds ("2000余家", more than 2000).
A share computed from a lower bound is not a point; carrying [low, high] through every formula is
the honest way to say how exact a derived figure can be, and `qualifier` says it in one word.

The conventions, stated once:

- exact figure, printed with decimals: the true value rounds to the printed one, so 50.84 means
  [50.835, 50.845]. Whole counts (58 incubators) are exact points. `bounds(..., rounding=False)`
  takes every printed figure as a point.
- 余, 多, 超 ("more than"): at least the printed value, and less than the next unit of the last
  printed digit, the usual reading of 余: 220余 is in [220, 230), 2000余 in [2000, 3000),
  8500余万元 in [8500, 8600) 万元, 10余 in [10, 20). With `open_ended=True` the upper end is
  infinite.

Inputs are duck-typed figures: anything with `id`, `value` (as printed), `value_base` (in base
units), `qualifier`, `base_unit`, and optionally `indicator_en`/`indicator_zh`, such as
`helpers.fact(...)` returns, or another `Quantity`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

EXACT, AT_LEAST, AT_MOST, INTERVAL = "exact", "at_least", "at_most", "interval"


@dataclass(frozen=True)
class Quantity:
    """A derived (or quoted) figure with the interval it can lie in and how it was computed.

    `value` is the figure computed from the printed numbers as printed; `low`/`high` bound the true
    value given rounding and lower bounds; `qualifier` summarises them: exact (a point, or within
    rounding of `value`), at_least, at_most, or interval (bounded on both sides, wider than
    rounding).
    """

    value: float
    low: float
    high: float
    qualifier: str
    base_unit: str
    formula: str
    working: str
    inputs: tuple[str, ...] = ()
    label_en: str = ""
    label_zh: str = ""
    id: str = ""
    notes: tuple[str, ...] = field(default=())

    @property
    def value_base(self) -> float:
        """Same as `value`: derived quantities are always in base units."""
        return self.value

    def to_dict(self) -> dict[str, Any]:
        """A flat record for a DataFrame row."""
        return {
            "id": self.id,
            "label_en": self.label_en,
            "label_zh": self.label_zh,
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "qualifier": self.qualifier,
            "base_unit": self.base_unit,
            "formula": self.formula,
            "working": self.working,
        }


def decimals(value: float) -> int:
    """Decimal places of a printed number (12.7 -> 1, 50.84 -> 2, 8500 -> 0)."""
    text = repr(float(value))
    if "e" in text:
        return 0
    fraction = text.split(".")[1].rstrip("0")
    return len(fraction)


def _scale(figure: Any) -> float:
    """Base units per printed unit (万元 -> 10,000), from the figure itself."""
    value = float(figure.value)
    return float(figure.value_base) / value if value else 1.0


def _next_unit(value: float) -> float:
    """The step to the next unit of the last printed digit: 220 -> 10, 2000 -> 1000, 12.5 -> 0.1."""
    places = decimals(value)
    if places:
        return 10.0**-places
    whole = int(round(value))
    step = 1
    while whole and whole % (step * 10) == 0:
        step *= 10
    return float(step)


def bounds(figure: Any, rounding: bool = True, open_ended: bool = False) -> tuple[float, float]:
    """The interval, in base units, in which a printed figure's true value lies (see module doc)."""
    if isinstance(figure, Quantity):
        return figure.low, figure.high
    value = float(figure.value)
    scale = _scale(figure)
    qualifier = figure.qualifier
    if qualifier == AT_LEAST:
        high = math.inf if open_ended else (value + _next_unit(value)) * scale
        return value * scale, high
    if qualifier == EXACT:
        places = decimals(value)
        if rounding and places:
            half = 0.5 * 10.0**-places
            return (value - half) * scale, (value + half) * scale
        return value * scale, value * scale
    raise ValueError(
        f"Cannot bound figure {getattr(figure, 'id', figure)!r}: its qualifier is {qualifier!r}; "
        f"bounds are defined for 'exact' and 'at_least' figures."
    )


def _qualify(value: float, low: float, high: float, inputs: Sequence[Any]) -> str:
    """One word for an interval: points and rounding-only intervals are exact."""
    if math.isinf(high) and not math.isinf(low):
        return AT_LEAST
    if math.isinf(low) and not math.isinf(high):
        return AT_MOST
    lower_bounded = [f for f in inputs if getattr(f, "qualifier", EXACT) != EXACT]
    if not lower_bounded:
        return EXACT
    if math.isclose(low, value, rel_tol=1e-12) and high > value:
        return AT_LEAST
    if math.isclose(high, value, rel_tol=1e-12) and low < value:
        return AT_MOST
    return INTERVAL


def _id(figure: Any) -> str:
    return str(getattr(figure, "id", "") or "?")


def _num(x: float) -> str:
    """A number for a working line: no trailing .0, at most 4 decimals."""
    if math.isinf(x):
        return "∞"
    from helpers.formatting import fmt_decimals

    return fmt_decimals(x, 4, group=True, strip=True)  # rounded half up (四舍五入)


def _group(formula: str) -> str:
    """A formula as an operand: bracketed when it is itself a computation."""
    return f"({formula})" if " " in formula else formula


def _ids(figures: Iterable[Any]) -> tuple[str, ...]:
    ids: list[str] = []
    for figure in figures:
        ids.extend(figure.inputs if isinstance(figure, Quantity) else (_id(figure),))
    return tuple(dict.fromkeys(ids))


def quantity(figure: Any, rounding: bool = True, open_ended: bool = False) -> Quantity:
    """A printed figure as a Quantity (base units), with its interval."""
    if isinstance(figure, Quantity):
        return figure
    low, high = bounds(figure, rounding, open_ended)
    value = float(figure.value_base)
    return Quantity(
        value=value,
        low=low,
        high=high,
        qualifier=_qualify(value, low, high, [figure]),
        base_unit=str(figure.base_unit),
        formula=_id(figure),
        working=_num(value),
        inputs=(_id(figure),),
        label_en=str(getattr(figure, "indicator_en", "")),
        label_zh=str(getattr(figure, "indicator_zh", "")),
        id=_id(figure),
    )


def remainder(
    total: Any,
    parts: Sequence[Any],
    label: tuple[str, str] = ("", ""),
    id: str = "",
    rounding: bool = True,
) -> Quantity:
    """What a total leaves after its listed parts: total − sum(parts).

    The municipal-level incubators the release leaves implicit are 58 − (3 + 4 + 2 + 9) = 40.
    With lower-bound parts the remainder is an upper bound, with a lower-bound total a lower bound.
    """
    t = quantity(total, rounding)
    ps = [quantity(p, rounding) for p in parts]
    value = t.value - sum(p.value for p in ps)
    low = t.low - sum(p.high for p in ps)
    high = t.high - sum(p.low for p in ps)
    return Quantity(
        value=value,
        low=low,
        high=high,
        qualifier=_qualify(value, low, high, [total, *parts]),
        base_unit=t.base_unit,
        formula=f"{t.formula} − ({' + '.join(p.formula for p in ps)})",
        working=f"{_num(t.value)} − ({' + '.join(_num(p.value) for p in ps)}) = {_num(value)}",
        inputs=_ids([total, *parts]),
        label_en=label[0],
        label_zh=label[1],
        id=id,
    )


def ratio(
    numerator: Any,
    denominator: Any,
    label: tuple[str, str] = ("", ""),
    id: str = "",
    percent: bool = False,
    base_unit: str | None = None,
    rounding: bool = True,
) -> Quantity:
    """numerator / denominator (× 100 with `percent`), with the interval both allow.

    Used for shares (37 of 115 projects at provincial level or above), per-unit amounts (loans
    per firm) and ratios between amounts (social benefit per yuan of R&D investment).
    """
    n, d = quantity(numerator, rounding), quantity(denominator, rounding)
    if d.value == 0 or d.low <= 0:
        raise ValueError(f"Cannot divide by {d.formula}: it can be zero or negative.")
    factor = 100.0 if percent else 1.0
    value = n.value / d.value * factor
    low = n.low / d.high * factor if not math.isinf(d.high) else 0.0
    high = n.high / d.low * factor
    unit = base_unit or ("percent" if percent else f"{n.base_unit}/{d.base_unit}")
    suffix = " × 100" if percent else ""
    return Quantity(
        value=value,
        low=low,
        high=high,
        qualifier=_qualify(value, low, high, [numerator, denominator]),
        base_unit=unit,
        formula=f"{_group(n.formula)} / {_group(d.formula)}{suffix}",
        working=f"{_num(n.value)} / {_num(d.value)}{suffix} = {_num(value)}",
        inputs=_ids([numerator, denominator]),
        label_en=label[0],
        label_zh=label[1],
        id=id,
    )


def share(part: Any, total: Any, label: tuple[str, str] = ("", ""), id: str = "") -> Quantity:
    """part / total × 100, in percent."""
    return ratio(part, total, label=label, id=id, percent=True)


def per_unit(amount: Any, count: Any, label: tuple[str, str] = ("", ""), id: str = "") -> Quantity:
    """amount / count, in the amount's base unit per one counted thing (yuan per firm)."""
    unit = quantity(amount).base_unit
    return ratio(amount, count, label=label, id=id, base_unit=unit)


def implied_earlier(
    current: Any,
    growth_pct: Any,
    label: tuple[str, str] = ("", ""),
    id: str = "",
    rounding: bool = True,
) -> Quantity:
    """The earlier-year value a growth rate implies: current / (1 + growth / 100).

    The interval uses the rounding of both printed figures: 68 foreign experts after growth of
    6.15% (that is, 6.145% to 6.155%) means 64.057 to 64.063 a year earlier: no whole number.
    """
    c = quantity(current, rounding)
    g = quantity(growth_pct, rounding)
    value = c.value / (1 + g.value / 100)
    low = c.low / (1 + g.high / 100)
    high = c.high / (1 + g.low / 100) if not math.isinf(c.high) else math.inf
    return Quantity(
        value=value,
        low=low,
        high=high,
        qualifier=_qualify(value, low, high, [current, growth_pct]),
        base_unit=c.base_unit,
        formula=f"{_group(c.formula)} / (1 + {_group(g.formula)} / 100)",
        working=f"{_num(c.value)} / (1 + {_num(g.value)} / 100) = {_num(value)}",
        inputs=_ids([current, growth_pct]),
        label_en=label[0],
        label_zh=label[1],
        id=id,
    )


def earlier_share(
    share_now: Any, change_pp: Any, label: tuple[str, str] = ("", ""), id: str = ""
) -> Quantity:
    """The earlier share a percentage-point change implies: share − change (50.84 − 2.76)."""
    return remainder(share_now, [change_pp], label=label, id=id)


def growth_rate(earlier: float, current: float) -> float:
    """Percent growth from `earlier` to `current`."""
    return (current / earlier - 1) * 100


def whole_number_candidates(current: Any, growth_pct: Any, around: int = 2) -> list[dict]:
    """For counts of whole things: the whole earlier values nearest the implied one, and the rate
    each would give at the printed precision. A printed rate that none reproduces is suspect.
    """
    c = quantity(current, rounding=False)
    g = quantity(growth_pct, rounding=False)
    places = decimals(float(getattr(growth_pct, "value", g.value)))
    implied = c.value / (1 + g.value / 100)
    centre = round(implied)
    rows = []
    for earlier in range(max(1, centre - around), centre + around + 1):
        rate = growth_rate(earlier, c.value)
        rows.append(
            {
                "earlier": earlier,
                "current": c.value,
                "rate": rate,
                "rate_printed_precision": round(rate, places),
                "reproduces": round(rate, places) == round(g.value, places),
            }
        )
    return rows


# an intermediate result inside a working line (2,720,319.6347): shown to 4 significant figures
_LONG_DECIMAL = re.compile(r"\d[\d,]*\.\d{3,}")


def _about(match: re.Match[str]) -> str:
    from helpers.formatting import round_sig

    return f"≈{_num(round_sig(float(match.group(0).replace(',', '')), 4))}"


DISPLAY_COLUMNS = ("label_en", "value", "low", "high", "qualifier", "working")


def table(
    quantities: Iterable[Quantity],
    columns: Sequence[str] = DISPLAY_COLUMNS,
    digits: int = 3,
) -> Any:
    """A DataFrame of derived figures for a reader: value, low and high rounded to the precision
    their inputs allow (helpers.formatting.round_interval), and the working's result with them.

    A Quantity keeps full float precision for further arithmetic; this is how it is *shown*, so
    that no table prints 2,297,297.2973 yuan from "8500余万元" ÷ 37.
    """
    import pandas as pd

    from helpers.formatting import round_interval

    rows = []
    for q in quantities:
        row = q.to_dict()
        if " = " in q.working:  # computed, not a printed figure (which keeps its own digits)
            value, low, high = round_interval(q.value, q.low, q.high, digits)
            row.update(value=value, low=low, high=high)
            steps = _LONG_DECIMAL.sub(_about, q.working.rsplit(" = ", 1)[0])
            sign = "=" if math.isclose(value, q.value, rel_tol=1e-12) else "≈"  # float noise
            row["working"] = f"{steps} {sign} {_num(value)}"
        rows.append(row)
    return pd.DataFrame(rows).reindex(columns=list(columns))
