"""Shared code for the Zaozhuang high-tech release notebooks: loading, validation, derivation and
plotting, so that no notebook repeats setup code.

Importing `helpers` is cheap: the heavy parts (pandas, pandera, matplotlib, OpenCC) load on first
use of the name that needs them.
"""

from __future__ import annotations

import importlib
from typing import Any

from helpers.paths import MOJIBAKE_RECONSTRUCTIONS, PROJ_ROOT
from helpers.repair.text import use_reconstructions

# The release's editorial mojibake reconstructions are what the repair reads when a notebook names
# none; helpers.repair itself knows no file of this project (zz takes them with --reconstructions).
use_reconstructions(MOJIBAKE_RECONSTRUCTIONS)

# Public name -> module that defines it; loaded on first access (PEP 562).
_LAZY = {
    # the fact table: every figure of the release (helpers.facts)
    "load_facts": "helpers.facts",
    "fact": "helpers.facts",
    "Fact": "helpers.facts",
    "facts_summary": "helpers.facts",
    "lower_bounds": "helpers.facts",
    "load_not_figures": "helpers.facts",
    "coverage_problems": "helpers.facts",
    "DataError": "helpers.errors",
    # the context table: other public sources on the same figures (helpers.context)
    "load_context": "helpers.context",
    # the consistency audit (helpers.audit; data/processed/audit.csv)
    "audit_table": "helpers.audit",
    # charts: one style, a CJK font, English or Chinese (helpers.plotting explains the rules)
    "setup": "helpers.plotting",
    "bar_breakdown": "helpers.plotting",
    "part_of_total": "helpers.plotting",
    "year_on_year": "helpers.plotting",
    "big_numbers": "helpers.plotting",
    "add_source": "helpers.plotting",
    "save_figure": "helpers.plotting",
    "set_lang": "helpers.i18n",
    "get_lang": "helpers.i18n",
    "using_lang": "helpers.i18n",
    "tr": "helpers.i18n",
    "indicator": "helpers.i18n",
    "source_line": "helpers.i18n",
    "fmt_number": "helpers.formatting",
    "fmt_amount": "helpers.formatting",
    "fmt_count": "helpers.formatting",
    "fmt_percent": "helpers.formatting",
    "fmt_pp": "helpers.formatting",
    "fmt_growth": "helpers.formatting",
    "fmt_rank": "helpers.formatting",
    "fmt_change": "helpers.formatting",
    "fmt_fact": "helpers.formatting",
    "fmt_decimals": "helpers.formatting",
    "round_half_up": "helpers.formatting",
    "cjk_font": "helpers.fonts",
    "cjk_font_path": "helpers.fonts",
    "ensure_cjk_font": "helpers.fonts",
    "FontError": "helpers.fonts",
    "MissingCJKFontWarning": "helpers.fonts",
}

__all__ = ["PROJ_ROOT", *_LAZY]


# Submodules a notebook may reach as helpers.<name> after a bare `import helpers`.
# The text repair and the figure reader are their own room: `from helpers.repair import text`.
_SUBMODULES = ("audit", "context", "derive", "exercises", "facts", "plotting")


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        return importlib.import_module(f"helpers.{name}")
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'helpers' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
