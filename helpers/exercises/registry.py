"""Every exercise, by notebook: the one list the teaching build, the guide and the tests read."""

from __future__ import annotations

import importlib

from helpers.exercises.spec import Exercise

# section module -> notebook stem (the exercises of notebooks/<stem>.ipynb)
NOTEBOOKS = {
    "enterprises": "01_enterprises",
    "rd_projects": "02_rd_projects",
    "platforms": "03_platforms",
    "talent": "04_talent",
    "finance": "05_finance",
    "context": "06_context",
    "audit": "07_audit",
}


def for_notebook(stem: str) -> list[Exercise]:
    """The exercises of notebook `stem`, in reading order (none for a notebook without)."""
    section = next((s for s, n in NOTEBOOKS.items() if n == stem), None)
    if section is None:
        return []
    return list(importlib.import_module(f"helpers.exercises.{section}").EXERCISES)


def registry() -> dict[str, Exercise]:
    """Every exercise, by id."""
    return {ex.id: ex for stem in NOTEBOOKS.values() for ex in for_notebook(stem)}


def get(id: str) -> Exercise:
    """Exercise `id`; a KeyError listing the known ids otherwise."""
    known = registry()
    if id not in known:
        raise KeyError(f"No exercise called {id!r}. Known: {', '.join(sorted(known))}.")
    return known[id]
