"""data/datapackage.json: current, in agreement with the pandera schemas, and valid by the
`frictionless` validator (the tool data users run on it)."""

from __future__ import annotations

import json
import sys
import time

import pytest

from helpers import audit, datapackage, facts
from helpers.paths import DATA_DIR, DATAPACKAGE, PROCESSED_DIR

# pandas dtype of the typed table (helpers.load_facts) -> Table Schema type
_TYPES = {"float64": "number", "Int64": "integer", "str": "string", "object": "string"}


def _resource(name: str) -> dict:
    package = json.loads(DATAPACKAGE.read_text(encoding="utf-8"))
    return next(r for r in package["resources"] if r["name"] == name)


def _fields(name: str) -> dict[str, dict]:
    return {f["name"]: f for f in _resource(name)["schema"]["fields"]}


def _pandera(schema) -> dict[str, dict]:
    """Per column: its allowed values (isin), its pattern (str_matches), uniqueness."""
    out = {}
    for name, column in schema.columns.items():
        info: dict = {"unique": bool(column.unique)}
        for check in column.checks:
            stats = check.statistics or {}
            if "allowed_values" in stats:
                info["enum"] = sorted(stats["allowed_values"])
            if "pattern" in stats:
                info["pattern"] = str(stats["pattern"])
        out[name] = info
    return out


def test_committed_package_is_current() -> None:
    assert DATAPACKAGE.read_text(encoding="utf-8") == datapackage.package_json(), (
        "data/datapackage.json is stale: run `make data` and commit it"
    )


def test_every_table_in_data_is_described() -> None:
    described = {t.path for t in datapackage.TABLES}
    tables = {*DATA_DIR.glob("*.csv"), *PROCESSED_DIR.glob("*.csv")}
    missing = sorted(p.relative_to(DATA_DIR).as_posix() for p in tables - described)
    assert not missing, f"add a helpers.datapackage.TABLES entry for {missing}"
    assert {r["path"] for r in json.loads(DATAPACKAGE.read_text())["resources"]} == {
        p.relative_to(DATA_DIR).as_posix() for p in tables
    }


@pytest.mark.parametrize(
    ("name", "schema"), [("facts", facts.fact_schema), ("not_figures", facts.not_figure_schema)]
)
def test_package_agrees_with_pandera(name: str, schema) -> None:
    fields = _fields(name)
    checks = _pandera(schema())
    assert list(fields) == list(checks)  # same columns, same order
    for column, info in checks.items():
        rules = fields[column].get("constraints", {})
        assert sorted(rules.get("enum", [])) == info.get("enum", []), column
        pattern = info.get("pattern")
        if pattern == facts._NUMBER:  # a plain number: Table Schema's number, no group char
            assert fields[column]["type"] == "number" and "groupChar" not in fields[column]
        elif pattern == r"(?:\d{4})?\Z":  # a year or empty
            assert fields[column]["type"] == "integer"
            assert (rules["minimum"], rules["maximum"]) == (1000, 9999)
        elif pattern is not None:
            assert rules.get("pattern") == pattern.removesuffix(r"\Z"), column


def test_fact_keys_and_types_agree_with_the_loader() -> None:
    resource = _resource("facts")
    schema = resource["schema"]
    pandera = facts.fact_schema()
    unique = [c for c, col in pandera.columns.items() if col.unique]
    assert schema["primaryKey"] == unique == ["id"]
    references = {fk["fields"][0]: fk["reference"] for fk in schema["foreignKeys"]}
    rules = facts._fact_rules("", "", set())
    assert set(references) == {c for c in facts.REFERENCES if rules[c].column == c}
    assert references == {
        "parent_id": {"resource": "", "fields": ["id"]},
        "growth_of": {"resource": "", "fields": ["id"]},
    }
    typed = facts.load_facts()
    assert {f["name"]: f["type"] for f in schema["fields"]} == {
        c: _TYPES[str(t)] for c, t in typed.dtypes.items()
    }


def test_not_figures_key_is_pandera_uniqueness() -> None:
    assert _resource("not_figures")["schema"]["primaryKey"] == ["text", "quote"]
    rules = facts._not_figure_rules("", "")
    frame = facts.load_not_figures().iloc[[0, 0]]
    assert not rules["unique"].passes(frame).any()  # the pair is what pandera holds unique


def test_audit_vocabulary_covers_the_audit() -> None:
    fields = _fields("audit")
    table = audit.audit_table()
    assert list(fields) == list(audit.COLUMNS)
    assert set(table["kind"]) <= set(fields["kind"]["constraints"]["enum"])
    assert set(table["verdict"]) <= set(fields["verdict"]["constraints"]["enum"])


def _frictionless():
    """frictionless, imported without jsonschema's optional rfc3987_syntax: that module (installed
    for jupyter-events) compiles 39 lark grammars on import, 3 s of CPU, for the "iri" formats
    that no Data Package profile uses. Validation itself takes about 0.1 s."""
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # None: `import` raises ImportError
    import frictionless

    return frictionless


def test_frictionless_validates_the_package() -> None:
    frictionless = _frictionless()
    # Outside the timing: the lazy imports of a first use (jsonschema, frictionless's plugins).
    frictionless.platform.jsonschema  # noqa: B018
    frictionless.system.plugins  # noqa: B018
    # CPU time, not wall time: the suite shares two cores with kernels, a server and browsers
    start = time.process_time()
    report = frictionless.validate(str(DATAPACKAGE))
    elapsed = time.process_time() - start
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert len(report.tasks) == len(datapackage.TABLES)
    assert elapsed < 1.0, f"frictionless validation took {elapsed:.2f} s of CPU"


def test_frictionless_checks_the_constraints(tmp_path) -> None:
    """The validator checks what the package declares: a parent_id naming no row, a section
    outside the vocabulary and a value that is not a number each fail."""
    frictionless = _frictionless()
    text = (DATA_DIR / "facts.csv").read_text(encoding="utf-8")
    broken = text.replace(",incubators_total,", ",incubators_totl,", 1)
    broken = broken.replace(",overview,", ",overveiw,", 1)
    broken = broken.replace(",1295,家,", ',"1,295",家,', 1)
    assert broken.count("incubators_totl") == broken.count("overveiw") == 1
    (tmp_path / "facts.csv").write_text(broken, encoding="utf-8")
    resource = frictionless.Resource(
        dict(_resource("facts"), path="facts.csv"), basepath=str(tmp_path)
    )
    report = resource.validate()
    errors = report.flatten(["type", "fieldName"])
    assert ["foreign-key", None] in errors or any(e[0] == "foreign-key" for e in errors), errors
    assert ["constraint-error", "section"] in errors, errors
    assert ["type-error", "value"] in errors, errors
