"""The package's three rooms, and which may import which.

- the top of `helpers/`: what notebooks import (facts, derive, audit, plotting, formatting, i18n,
  tables, release, paths, ...);
- `helpers/repair/`: the text repair, the figure reader and the `zz` command, usable alone: it
  imports nothing of the project outside itself;
- `helpers/publish/`: the build (`make run`), which no notebook and no other room imports.

The top may import repair; publish may import both. Inside the rooms: the teaching editions do not
import the JupyterLab launcher, the Chinese tables do not import the audit, and the index does not
import the annotated release or the teaching editions. No module below the top reaches a sibling
through the facade (`helpers/__init__.py`), whose lazy names are for notebooks.
"""

from __future__ import annotations

import ast
import json

import helpers
from helpers.paths import NOTEBOOKS_DIR, PROJ_ROOT

HELPERS = PROJ_ROOT / "helpers"
BUILD_MODULES = {"export", "render", "annotate", "webfont", "browser", "execute", "bench"}


def _project_imports(path) -> set[str]:
    """Every helpers.* module `path` imports (`from helpers import x` counts as helpers.x)."""
    found = set()
    for module, names in _imports(ast.parse(path.read_text(encoding="utf-8"))):
        if module == "helpers":
            found |= {f"helpers.{name}" for name in names}
        elif module.startswith("helpers."):
            found.add(module)
    return found


def _room(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in ("repair", "publish") else "top"


def _module(path) -> str:
    return ".".join(path.relative_to(PROJ_ROOT).with_suffix("").parts)


# room -> the rooms it may import from
MAY_IMPORT = {
    "repair": {"repair"},
    "top": {"top", "repair"},
    "publish": {"top", "repair", "publish"},
}
# module -> modules it must not import (the direction would run the wrong way)
MUST_NOT_IMPORT = {
    "helpers.publish.teaching": {"helpers.publish.lab"},
    "helpers.tables": {"helpers.audit"},
    "helpers.publish.index": {"helpers.publish.annotate", "helpers.publish.teaching"},
}
# Known exceptions, each with its reason: modules being reworked elsewhere in this round.
EXCEPTIONS = {
    ("helpers.repair.text", "helpers.paths"): "data/mojibake_reconstructions.csv by default",
    ("helpers.publish.teaching", "helpers.publish.lab"): "teaching.py moves to a grading library",
    ("helpers.publish.index", "helpers.publish.teaching"): "teaching.py moves to a grading library",
    # to go: the catalog refresh (`make translations`) collects the audit's vocabularies here
    ("helpers.tables", "helpers.audit"): "tables.refresh reads the audit's vocabularies",
}


def test_each_room_imports_only_what_it_may() -> None:
    wrong = []
    for path in sorted(HELPERS.rglob("*.py")):
        module = _module(path).removesuffix(".__init__")
        for imported in _project_imports(path):
            target = imported if imported != "helpers" else "helpers.__init__"
            if _room(target) in MAY_IMPORT[_room(module)]:
                continue
            if (module, target) in EXCEPTIONS:
                continue
            wrong.append(f"{module} imports {imported}")
    assert wrong == []


def test_no_import_runs_the_wrong_way() -> None:
    for module, forbidden in MUST_NOT_IMPORT.items():
        path = PROJ_ROOT / (module.replace(".", "/") + ".py")
        allowed = {target for source, target in EXCEPTIONS if source == module}
        if path.exists():
            assert not (_project_imports(path) & forbidden) - allowed, module


def test_helpers_shows_three_rooms_and_no_plumbing() -> None:
    packages = {p.parent.name for p in HELPERS.glob("*/__init__.py")}
    assert {"repair", "publish"} <= packages
    top = {p.stem for p in HELPERS.glob("*.py")}
    assert not top & {"_records", "checked_cache", "processed", "files"}


def _imports(tree: ast.AST) -> list[tuple[str, list[str]]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.module, [alias.name for alias in node.names]))
    return found


def test_the_build_machinery_lives_in_helpers_publish() -> None:
    top = {p.stem for p in HELPERS.glob("*.py")}
    assert not BUILD_MODULES & top, f"build modules at the top of helpers/: {BUILD_MODULES & top}"
    assert {p.stem for p in (HELPERS / "publish").glob("*.py")} >= BUILD_MODULES
    assert not (HELPERS / "templates").exists() and not (HELPERS / "assets").exists()
    assert (HELPERS / "publish" / "templates" / "zz_report" / "index.html.j2").is_file()
    assert (HELPERS / "publish" / "assets" / "fonts" / "OFL.txt").is_file()


def test_no_notebook_imports_the_build() -> None:
    for path in sorted(NOTEBOOKS_DIR.glob("*.ipynb")):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        for cell in notebook["cells"]:
            if cell["cell_type"] != "code":
                continue
            source = "".join(cell["source"])
            assert "helpers.publish" not in source, f"{path.name} imports the build machinery"
            assert "from helpers import publish" not in source, path.name


def test_no_module_reaches_a_sibling_through_the_facade() -> None:
    lazy_names = set(helpers._LAZY)
    for path in sorted(HELPERS.rglob("*.py")):
        if path == HELPERS / "__init__.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for module, names in _imports(tree):
            where = path.relative_to(PROJ_ROOT)
            assert module != "helpers" or not (set(names) & lazy_names), (
                f"{where} imports {set(names) & lazy_names} from the facade; import the module"
            )
            assert not (module == "helpers" and not names), f"{where} imports the facade"
        bare = [
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.Import) and any(alias.name == "helpers" for alias in node.names)
        ]
        assert not bare, f"{path.relative_to(PROJ_ROOT)} does `import helpers`"


def test_the_facade_does_not_offer_the_build() -> None:
    assert not {"publish", *BUILD_MODULES} & set(helpers._SUBMODULES)
    assert not any(module.startswith("helpers.publish") for module in helpers._LAZY.values())
