"""Read a named field from a fact, a DataFrame row or a plain dict, the same way.

The chart and formatting helpers take facts in whatever shape the notebook has at hand: a `Fact`
from `helpers.fact(...)` (attributes), a row of the facts DataFrame (a pandas Series), or a plain
dict in a test. Duck typing on the field names keeps this module free of pandas and of
helpers.facts, so formatting stays importable without either.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def _missing(value: Any) -> bool:
    """True for None, NaN and pandas.NA: an empty cell in a DataFrame row means "not given"."""
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN is the only float not equal to itself
    except TypeError:  # pandas.NA refuses to be a bool: it is missing by definition
        return True


def get_field(obj: Any, name: str, default: Any = None) -> Any:
    """`obj[name]` for a mapping or a pandas row, `obj.name` otherwise; `default` when absent.

    A pandas Series is read with `.get` rather than attribute access, because a column called
    `name` or `index` would otherwise return the Series' own attribute.
    """
    if isinstance(obj, Mapping) or (hasattr(obj, "keys") and hasattr(obj, "get")):
        value = obj.get(name, default)
    else:
        value = getattr(obj, name, default)
    return default if _missing(value) else value
