"""The package's layout: `helpers/` holds what notebooks import, `helpers/publish/` the build.

A newcomer reading `helpers/` should see only the pieces a notebook uses; the build machinery
(executing, rendering, fonts for pages, the browser, the benchmark) lives in one subpackage that no
notebook imports. And no module below the top reaches a sibling through the facade
(`helpers/__init__.py`), whose lazy names are for notebooks.
"""

from __future__ import annotations

import ast
import json

import helpers
from helpers.paths import NOTEBOOKS_DIR, PROJ_ROOT

HELPERS = PROJ_ROOT / "helpers"
BUILD_MODULES = {"export", "render", "annotate", "webfont", "browser", "execute", "bench"}


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
