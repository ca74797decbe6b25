"""The Frictionless data package, data/datapackage.json: the machine-readable codebook of the
project's tables, for data users and open-data portals (https://datapackage.org).

One source of truth: every field list, vocabulary (Table Schema `enum`), pattern, primary key and
foreign key is taken from the constants that the loaders check with (helpers.facts: COLUMNS,
SECTIONS, UNITS, ...; helpers.audit: COLUMNS, KINDS, VERDICTS), never typed twice.
tests/test_datapackage.py proves the committed file is what this module writes, that it agrees
with the pandera schemas, and that the `frictionless` validator passes the data against it.

A table is in the package when it has an entry in `TABLES` and its file exists; an entry names the
file, says what a row is, and gives each column's type, description and constraints. A CSV in
data/ without an entry fails the test, so a new table (data/glossary.csv) gets its schema here.

What Table Schema cannot say stays with pandera, in helpers.facts: a quote occurs once in the
repaired release, a value is stated in its quote, value_base is value times the unit's factor, a
part has its total's unit. The package's descriptions name those rules.

`make data` writes the file (helpers.processed); `python -m helpers.datapackage` prints it.
Nothing here imports frictionless: the package is plain JSON, and the validator is for tests.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpers import audit, context, facts
from helpers.paths import (
    AUDIT,
    DATA_DIR,
    DATAPACKAGE,
    FACTS,
    GLOSSARY,
    MOJIBAKE_RECONSTRUCTIONS,
    NOT_FIGURES,
)

# Data Package v1's built-in profile name. Not v2's "$schema" URL: frictionless 5 fetches that URL
# from the network on every validation (seconds, and nothing may leave the machine).
PROFILE = "tabular-data-package"
LICENCE_NOTE = (
    "The release is a public statement of the Zaozhuang municipal government press office; the "
    "tables are the project's curation of it."
)


def _field(
    name: str,
    description: str,
    type: str = "string",
    *,
    required: bool = False,
    enum: Any = None,
    pattern: str | None = None,
    unique: bool = False,
    **constraints: Any,
) -> dict[str, Any]:
    """One Table Schema field. `enum` takes any iterable (a vocabulary dict gives its keys)."""
    out: dict[str, Any] = {"name": name, "type": type, "description": description}
    rules: dict[str, Any] = {}
    if required:
        rules["required"] = True
    if unique:
        rules["unique"] = True
    if enum is not None:
        rules["enum"] = list(enum)
    if pattern is not None:
        rules["pattern"] = pattern.removesuffix(r"\Z")  # Table Schema patterns are anchored
    rules.update(constraints)
    if rules:
        out["constraints"] = rules
    return out


def _vocabulary(words: dict[str, Any]) -> str:
    return "; ".join(f"{key}: {value}" for key, value in words.items())


def _fact_fields() -> list[dict[str, Any]]:
    units = "; ".join(
        f"{unit} → {base} × {factor:,}" for unit, (base, factor) in facts.UNITS.items()
    )
    fields = {
        "id": _field(
            "id",
            "Stable snake_case name of the figure (foreign_experts); never reused.",
            required=True,
            unique=True,
            pattern=facts._ID,
        ),
        "section": _field(
            "section",
            "The part of the release: " + _vocabulary(facts.SECTIONS) + ".",
            required=True,
            enum=facts.SECTIONS,
        ),
        "indicator_en": _field("indicator_en", "What is counted, in English.", required=True),
        "indicator_zh": _field("indicator_zh", "What is counted, in Chinese.", required=True),
        "value": _field(
            "value",
            "The number as printed, in `unit` (8500 for 8500余万元). Digits "
            "and at most one decimal point.",
            "number",
            required=True,
            minimum=0,
        ),
        "unit": _field(
            "unit",
            "The unit as printed, with its base unit and factor: " + units + ".",
            required=True,
            enum=facts.UNITS,
        ),
        "qualifier": _field(
            "qualifier",
            "What the release says about precision: " + _vocabulary(facts.QUALIFIERS) + ".",
            required=True,
            enum=facts.QUALIFIERS,
        ),
        "value_base": _field(
            "value_base",
            "The figure in base units: value × the unit's factor (8500 万元 is 85000000 yuan).",
            "number",
            required=True,
            minimum=0,
        ),
        "base_unit": _field(
            "base_unit",
            "The unit of value_base, fixed by unit.",
            required=True,
            enum=facts.BASE_UNITS,
        ),
        "period": _field(
            "period",
            "What time the figure covers: " + _vocabulary(facts.PERIODS) + ".",
            required=True,
            enum=facts.PERIODS,
        ),
        "parent_id": _field(
            "parent_id",
            "For a part of a total, the id of the total; empty "
            "otherwise. A part has its total's unit.",
        ),
        "growth_of": _field(
            "growth_of",
            "For a growth rate (%) or a change (个百分点), the id of "
            "the figure that grew; empty otherwise.",
        ),
        "compared_with": _field(
            "compared_with",
            "For a growth rate, the year it compares with; empty when the release does not say.",
            "integer",
            minimum=1000,
            maximum=9999,
        ),
        "quote": _field(
            "quote",
            "The shortest span of data/processed/release.zh-Hans.txt that "
            "states the figure, verbatim; it occurs once there, and states value, "
            "unit and qualifier (checked by helpers.load_facts).",
            required=True,
        ),
        "notes": _field("notes", "What a reader of the figure should know."),
        "notes_zh": _field(
            "notes_zh",
            "The note in Chinese, as the Chinese edition shows it "
            "(helpers.tables, Fact.note); filled exactly where notes is.",
        ),
    }
    return [fields[c] for c in facts.COLUMNS]


def _not_figure_fields() -> list[dict[str, Any]]:
    fields = {
        "text": _field(
            "text",
            "The number as helpers.repair.extract reports it, or the word that contains the numeral.",
            required=True,
        ),
        "quote": _field(
            "quote",
            "A span of the repaired release containing text; the row "
            "covers text wherever it appears inside the quote.",
            required=True,
        ),
        "category": _field(
            "category", _vocabulary(facts.CATEGORIES) + ".", required=True, enum=facts.CATEGORIES
        ),
        "reader": _field(
            "reader", _vocabulary(facts.READERS) + ".", required=True, enum=facts.READERS
        ),
        "reason": _field("reason", "Why it is not a figure, in words.", required=True),
        "reason_zh": _field(
            "reason_zh",
            "The reason in Chinese, as the Chinese edition shows it (helpers.tables).",
            required=True,
        ),
    }
    return [fields[c] for c in facts.NOT_FIGURE_COLUMNS]


def _audit_fields() -> list[dict[str, Any]]:
    fields = {
        "check": _field(
            "check", "What is checked (parts within incubators_total).", required=True, unique=True
        ),
        "scope": _field("scope", _vocabulary(audit.SCOPES) + ".", required=True, enum=audit.SCOPES),
        "kind": _field("kind", _vocabulary(audit.KINDS) + ".", required=True, enum=audit.KINDS),
        "figures": _field(
            "figures",
            "The ids of the facts involved (facts.csv id), separated by spaces.",
            required=True,
        ),
        "expected": _field("expected", "What consistency requires.", required=True),
        "compared": _field("compared", "What was checked against what, in words.", required=True),
        "found": _field("found", "What the figures give, with the working.", required=True),
        "verdict": _field(
            "verdict",
            _vocabulary(audit.VERDICT_MEANINGS) + ".",
            required=True,
            enum=audit.VERDICT_MEANINGS,
        ),
        "note": _field("note", "What it means for someone quoting the figure."),
    }
    for column in audit.TEXT_COLUMNS:
        name = column + audit.ZH_SUFFIX
        fields[name] = _field(
            name,
            f"The {column} column in Chinese, made by the same "
            "code from the same numbers (Chinese number conventions).",
            required=column != "note",
        )
    return [fields[c] for c in audit.COLUMNS]


GLOSSARY_COLUMNS = ("term_zh", "term_en", "note", "source")


def _glossary_fields() -> list[dict[str, Any]]:
    fields = {
        "term_zh": _field(
            "term_zh", "The Chinese term, as the release writes it.", required=True, unique=True
        ),
        "term_en": _field(
            "term_en",
            "Its one English rendering, used by the translation, "
            "indicator_en and the chart labels (tests/test_glossary.py).",
            required=True,
        ),
        "note": _field("note", "What the term means, or why it is kept literal."),
        "source": _field(
            "source",
            "Where the official English comes from (publisher, title, URL), where there is one.",
        ),
    }
    return [fields[c] for c in GLOSSARY_COLUMNS]


def _reconstruction_fields() -> list[dict[str, Any]]:
    return [
        _field(
            "damaged", "The damaged span exactly as in the raw file.", required=True, unique=True
        ),
        _field(
            "reconstruction",
            "What the authors wrote, in the mirror's Traditional "
            "characters; damaging it as the mirror did gives `damaged` exactly (checked by "
            "helpers.repair.mojibake.load_reconstructions).",
            required=True,
        ),
        _field("evidence", "The byte-level reasoning, and what is editorial.", required=True),
    ]


def _context_fields() -> list[dict[str, Any]]:
    fields = {
        "id": _field(
            "id", "Stable id, lower_snake_case.", required=True, unique=True, pattern=facts._ID
        ),
        "place_zh": _field("place_zh", "The place, in Chinese (枣庄, 山东, ...).", required=True),
        "place_en": _field("place_en", "The place, in English.", required=True),
        "indicator_zh": _field("indicator_zh", "The indicator, in Chinese.", required=True),
        "indicator_en": _field("indicator_en", "The indicator, in English.", required=True),
        "period": _field(
            "period",
            "The period as the source gives it: a year (2021), a half (2015-H1), a quarter "
            "(2011-Q1), or not_stated.",
            required=True,
        ),
        "year": _field(
            "year", "The calendar year the figure is read as; empty if unknown.", "integer"
        ),
        "value": _field(
            "value",
            "The number as printed (55.3, 第三位 gives 三); empty for a derived row.",
        ),
        "unit": _field("unit", "The unit as printed.", required=True, enum=context.UNITS),
        "qualifier": _field(
            "qualifier",
            _vocabulary(context.QUALIFIERS),
            required=True,
            enum=context.QUALIFIERS,
        ),
        "value_base": _field(
            "value_base", "The value as a number, in base_unit.", "number", required=True
        ),
        "base_unit": _field(
            "base_unit",
            "percent, percentage_point or rank (1 is the highest).",
            required=True,
            enum=sorted({base for base, _ in context.UNITS.values()}),
        ),
        "kind": _field("kind", _vocabulary(context.KINDS), required=True, enum=context.KINDS),
        "derived": _field(
            "derived",
            "For a derived row, the arithmetic on printed figures (31.47 - 12.48); each of them is "
            "in the quote and the result is value_base (helpers.load_context checks).",
        ),
        "url": _field(
            "url", "The address the figure was read at.", required=True, pattern=r"https?://.+"
        ),
        "publisher": _field(
            "publisher", "Who published it, and whose copy was read.", required=True
        ),
        "source_kind": _field(
            "source_kind",
            _vocabulary(context.SOURCE_KINDS),
            required=True,
            enum=context.SOURCE_KINDS,
        ),
        "quote": _field(
            "quote",
            "The words that print the figure, as on the page, at most 60 characters; they "
            "contain value with its unit (helpers.load_context checks).",
            required=True,
            maxLength=context.MAX_QUOTE,
        ),
        "read_on": _field("read_on", "The date the page was read.", "date", required=True),
        "note": _field("note", "What a reader must know to use the figure, in English."),
    }
    return [fields[c] for c in context.COLUMNS]


@dataclass(frozen=True)
class Table:
    """One table of the package: its file, what a row is, and its Table Schema."""

    name: str
    path: Path
    title: str
    description: str
    fields: Callable[[], list[dict[str, Any]]]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[str, str, str], ...] = ()  # (field, resource or "", field there)
    extra: dict[str, Any] = field(default_factory=dict)

    def resource(self) -> dict[str, Any]:
        schema: dict[str, Any] = {
            "fields": self.fields(),
            "missingValues": [""],
            "primaryKey": list(self.primary_key),
        }
        if self.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": [column], "reference": {"resource": resource, "fields": [target]}}
                for column, resource, target in self.foreign_keys
            ]
        return {
            "name": self.name,
            "path": self.path.relative_to(DATA_DIR).as_posix(),
            "title": self.title,
            "description": self.description,
            "profile": "tabular-data-resource",
            "type": "table",
            "scheme": "file",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "dialect": {"delimiter": ",", "header": True, "quoteChar": '"'},
            "schema": schema,
            **self.extra,
        }


TABLES: tuple[Table, ...] = (
    Table(
        "facts",
        FACTS,
        "Figures of the release",
        "One row per figure the release states, with the words that state it "
        "(helpers.load_facts checks it; data/README.md documents it).",
        _fact_fields,
        ("id",),
        tuple((column, "", "id") for column in facts.REFERENCES),
    ),
    Table(
        "not_figures",
        NOT_FIGURES,
        "Numbers that are not figures",
        "The numbers in the repaired release that are not figures (dates, names, ordinals), "
        "each with its reason; with facts.csv it accounts for every number of the text.",
        _not_figure_fields,
        ("text", "quote"),
    ),
    Table(
        "audit",
        AUDIT,
        "Consistency audit of the figures",
        "One row per check of the figures against each other (helpers.audit; written by "
        "make data).",
        _audit_fields,
        ("check",),
    ),
    Table(
        "glossary",
        GLOSSARY,
        "Glossary of the release's terms",
        "One row per Chinese term: its English rendering, a note, and its official source "
        "where there is one (data/README.md).",
        _glossary_fields,
        ("term_zh",),
    ),
    Table(
        "context",
        context.CONTEXT,
        "The release's figures in context",
        "One row per figure from another public source (earlier years, the province, other "
        "cities), with its URL and the words that print it (helpers.load_context checks it; "
        "data/README.md documents it).",
        _context_fields,
        ("id",),
    ),
    Table(
        "mojibake_reconstructions",
        MOJIBAKE_RECONSTRUCTIONS,
        "Reconstructions of the damaged spans",
        "Editorial reconstructions of the GBK byte-shift mojibake spans whose bytes were lost, "
        "with the evidence.",
        _reconstruction_fields,
        ("damaged",),
    ),
)


def package(tables: tuple[Table, ...] = TABLES) -> dict[str, Any]:
    """The data package as a dict: every table of `tables` whose file exists."""
    return {
        "profile": PROFILE,
        "name": "zaozhuang-hightech-2024",
        "title": "Zaozhuang's high-tech industry in 2024: the figures of the press release of "
        "2025-03-24",
        "description": "The figures of the Zaozhuang municipal government press office's "
        "release of 2025-03-24 on the city's high-tech industry in 2024, as tidy "
        "tables with the words of the release that state each figure. "
        + LICENCE_NOTE
        + " Codebook: README.md in this folder.",
        "version": "1.0.0",
        "sources": [
            {
                "title": "Zaozhuang municipal government press office, press conference "
                "of 2025-03-24",
                "path": "https://mp.weixin.qq.com/s/HN_nQ3SfpkwYtoBg9M1M8g",
            }
        ],
        "resources": [table.resource() for table in tables if table.path.exists()],
    }


def package_json(tables: tuple[Table, ...] = TABLES) -> str:
    """The text of data/datapackage.json: stable key order, two-space indent, final newline."""
    return json.dumps(package(tables), ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Print the package; `--write` writes data/datapackage.json (as `make data` does)."""
    import argparse

    from helpers.files import write_text_atomic

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"write {DATAPACKAGE.name}")
    args = parser.parse_args(argv)
    if args.write:
        write_text_atomic(DATAPACKAGE, package_json())
    else:
        sys.stdout.write(package_json())
    return 0


if __name__ == "__main__":
    sys.exit(main())
