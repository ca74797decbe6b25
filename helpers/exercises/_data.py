"""Figures the exercises' answers are computed from: the fact table and the unit factors."""

from __future__ import annotations

from helpers import derive
from helpers.facts import UNITS, fact, load_facts

WAN = float(UNITS["万元"][1])  # yuan in one 万元
YI = float(UNITS["亿元"][1])  # yuan in one 亿元


def value(id_: str) -> float:
    """The printed value of a fact (in its printed unit)."""
    return float(fact(id_).value)


def base(id_: str) -> float:
    """The value of a fact in its base unit (yuan for money)."""
    return float(fact(id_).value_base)


def interval(id_: str) -> tuple[float, float]:
    """The interval a fact's printing allows, in its base unit (helpers.derive.bounds)."""
    low, high = derive.bounds(fact(id_))
    return float(low), float(high)


__all__ = ["WAN", "YI", "base", "derive", "fact", "interval", "load_facts", "value"]
