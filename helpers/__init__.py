"""Shared code for the Zaozhuang high-tech release notebooks: loading, validation, derivation and
plotting, so that no notebook repeats setup code.

Importing `helpers` is cheap: the heavy parts (pandas, pandera, matplotlib, OpenCC) load on first
use of the name that needs them.
"""

from __future__ import annotations

import importlib
from typing import Any

from helpers.paths import PROJ_ROOT

# Public name -> module that defines it; loaded on first access (PEP 562).
_LAZY = {
    "repair": "helpers.text",
    "repair_report": "helpers.text",
}

__all__ = ["PROJ_ROOT", *_LAZY]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'helpers' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
