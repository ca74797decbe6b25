"""The repair room stands on its own: nothing in helpers/repair/ imports the rest of the project.

`zz` and `helpers.repair` are meant to work on any page of the mirror family; a module of the room
that imported helpers.paths, helpers.facts or the like would tie them to this release. The check
reads every module's imports with ast (also those inside functions), so a lazy import counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOM = Path(__file__).resolve().parent.parent / "helpers" / "repair"


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) for every import statement of a module; relative imports resolved."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:  # from . import x, from .script import HAN: inside the room
                module = "helpers.repair" + ("." + module if module else "")
            found.append((node.lineno, module))
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return found


def _outside(module: str) -> bool:
    return (module == "helpers" or module.startswith("helpers.")) and not (
        module == "helpers.repair" or module.startswith("helpers.repair.")
    )


def test_the_room_has_modules_to_check() -> None:
    names = sorted(p.name for p in ROOM.glob("*.py"))
    assert {"text.py", "mojibake.py", "extract.py", "script.py", "cli.py"} <= set(names)


def test_no_module_of_the_room_imports_the_rest_of_helpers() -> None:
    wrong = [
        f"{path.name}:{line}: {module}"
        for path in sorted(ROOM.glob("*.py"))
        for line, module in _imports(path)
        if _outside(module)
    ]
    assert wrong == []


def test_the_check_sees_a_project_import(tmp_path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import helpers\ndef f():\n    from helpers.paths import RAW\nfrom helpers.repair import x\n",
        encoding="utf-8",
    )
    assert [m for _, m in _imports(sample) if _outside(m)] == [
        "helpers",
        "helpers.paths",
        "helpers.paths.RAW",
    ]


def test_one_pattern_for_a_chinese_character() -> None:
    # The ranges are written once, in script.py; other modules of the room use HAN / HAN_RANGES.
    for path in sorted(ROOM.glob("*.py")):
        if path.name == "script.py":
            continue
        source = path.read_text(encoding="utf-8")
        assert "\\u4e00" not in source and "\\u3400" not in source, path.name
