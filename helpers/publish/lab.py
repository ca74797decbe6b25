"""`make lab`: JupyterLab on the project's notebooks, offline and able to draw Chinese.

Two things a new user meets at once, fixed by settings the project ships rather than edits of
their own:

- News and update checks. JupyterLab 4 asks "Would you like to get notified about official
  Jupyter news?" and, if allowed, fetches a feed from the web. The project's
  labconfig/default_setting_overrides.json (jupyterlab_server reads it from every Jupyter config
  path) sets `@jupyterlab/apputils-extension:notification` fetchNews to "false" and
  checkForUpdates to false: no prompt, no request. A user's own setting still wins.
- Chinese in the notebook view. Without a system CJK font every Chinese character of the prose
  and code shows as a box (the charts are fine: matplotlib has the bundled font). custom/custom.css
  (served by JupyterLab with --LabApp.custom_css=True) declares the OFL Noto Sans CJK SC from the
  mplfonts package (`helpers.fonts.bundled_cjk_font_path`) as a web font for the Chinese ranges
  (CSS unicode-range) and puts it first in JupyterLab's content, UI and code font stacks: Latin
  text keeps JupyterLab's fonts, Chinese is drawn with the bundled font on every machine. (First,
  not last: Chromium gives a character the first matched font lacks to the system's fallback,
  never to a later web font.)

Both live in a generated Jupyter config folder, build/jupyter/ (`prepare`), that `make lab`
names with JUPYTER_CONFIG_DIR; the user's own settings and workspaces stay where Jupyter keeps
them (~/.jupyter/lab/...), through JUPYTERLAB_SETTINGS_DIR and JUPYTERLAB_WORKSPACES_DIR.
tests/test_lab.py serves JupyterLab this way on loopback and looks at a notebook in Chromium.

`make lab-zh` (`python -m helpers.publish.lab --zh`) is the same lab for a Chinese user, on the
Chinese edition: `write_chinese_edition` writes every notebook's `chinese_edition` (the prose
from its catalog, `helpers.setup(lang="zh")`, so run top to bottom its charts and tables are
Chinese without any environment variable) into build/zh/lab/, with the outputs of the last
`make run` (build/zh/notebooks/) for every code cell whose code is still the same, and opens
JupyterLab there with its interface in Chinese: the pinned jupyterlab-language-pack-zh-CN, and
the locale set in its own config folder, build/jupyter-zh/, so `make lab` stays in English.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

from helpers.paths import BUILD_DIR, NOTEBOOKS_DIR
from helpers.publish.webfont import CJK_RANGE

CONFIG_DIR = BUILD_DIR / "jupyter"
ZH_CONFIG_DIR = BUILD_DIR / "jupyter-zh"
ZH_LAB_DIR = BUILD_DIR / "zh" / "lab"
ZH_EXECUTED_DIR = BUILD_DIR / "zh" / "notebooks"  # what `make run` leaves (helpers.publish.layout)
ZH_LOCALE = {"@jupyterlab/translation-extension:plugin": {"locale": "zh_CN"}}
FAMILY = "ZZ Noto Sans CJK SC Han"
OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}
# JupyterLab's own stacks (its CSS variables' defaults), with the bundled font in front.
_UI = (
    "system-ui, -apple-system, blinkmacsystemfont, 'Segoe UI', helvetica, arial, sans-serif, "
    "'Apple Color Emoji', 'Segoe UI Emoji', 'Segoe UI Symbol'"
)
_CODE = "menlo, consolas, 'DejaVu Sans Mono', monospace"


def custom_css(font_file: str) -> str:
    """The lab's custom.css: the bundled font for Chinese, first in every font stack."""
    return (
        "/* Made by helpers.publish.lab for `make lab`: Chinese drawn with the bundled OFL font\n"
        "   Noto Sans CJK SC (mplfonts; SIL Open Font License 1.1) on any machine. */\n"
        f'@font-face {{ font-family: "{FAMILY}"; src: url("{font_file}") format("opentype"); '
        f"font-display: swap; unicode-range: {CJK_RANGE}; }}\n"
        # !important: the theme's stylesheet, loaded after this one, sets the same variables
        ":root {\n"
        f'  --jp-ui-font-family: "{FAMILY}", {_UI} !important;\n'
        f'  --jp-content-font-family: "{FAMILY}", {_UI} !important;\n'
        f'  --jp-code-font-family: "{FAMILY}", {_CODE} !important;\n'
        "}\n"
    )


def prepare(folder: Path = CONFIG_DIR, locale: dict | None = None) -> Path:
    """Write the Jupyter config folder `make lab` uses (see the module docstring); return it.
    `locale`: settings overrides for the interface language (`make lab-zh`: ZH_LOCALE)."""
    from helpers.publish.webfont import font_path

    font = font_path()
    custom = folder / "custom"
    custom.mkdir(parents=True, exist_ok=True)
    target = custom / font.name
    if not target.exists() or target.stat().st_size != font.stat().st_size:
        shutil.copyfile(font, target)  # a copy: the static handler serves files inside custom/
    files = {
        custom / "custom.css": custom_css(font.name),
        folder / "labconfig" / "default_setting_overrides.json": json.dumps(
            {**OVERRIDES, **(locale or {})}, indent=2
        )
        + "\n",
    }
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    return folder


def lab_environment(folder: Path, base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment JupyterLab runs in: the project's config folder, the user's own
    settings and workspaces where Jupyter keeps them by default."""
    env = dict(os.environ if base is None else base)
    user = Path(env.get("JUPYTER_CONFIG_DIR") or Path.home() / ".jupyter")
    env.setdefault("JUPYTERLAB_SETTINGS_DIR", str(user / "lab" / "user-settings"))
    env.setdefault("JUPYTERLAB_WORKSPACES_DIR", str(user / "lab" / "workspaces"))
    # the user's own config files are still read, after the project's folder
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(
        p for p in (str(user), env.get("JUPYTER_CONFIG_PATH", "")) if p
    )
    env["JUPYTER_CONFIG_DIR"] = str(folder)
    return env


# custom.css on; the extension manager read-only, since its default ("pypi") searches PyPI.
LAB_ARGS = ("--LabApp.custom_css=True", "--LabApp.extension_manager=readonly")


def copy_outputs(edition, executed) -> int:
    """Give the code cells of `edition` the outputs of the same cells (same id, same code) of
    `executed`; return how many got them."""
    known = {cell.get("id"): cell for cell in executed.cells if cell.cell_type == "code"}
    given = 0
    for cell in edition.cells:
        old = known.get(cell.get("id"))
        if cell.cell_type == "code" and old is not None and old.source == cell.source:
            cell.outputs, cell.execution_count = old.outputs, old.execution_count
            given += 1
    return given


def write_chinese_edition(
    folder: Path = ZH_LAB_DIR, executed: Path = ZH_EXECUTED_DIR, notebooks: Path = NOTEBOOKS_DIR
) -> list[Path]:
    """Write the Chinese edition of every numbered notebook of `notebooks` into `folder`, with
    the outputs found in `executed` (see the module docstring); return the files written. A
    notebook already there is replaced: the edition is made, not edited (a user's own copy
    belongs elsewhere)."""
    import nbformat

    from helpers.paths import notebook_paths, write_text_atomic
    from helpers.publish.render import for_language
    from helpers.publish.translation import chinese_edition

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for path in notebook_paths(notebooks):
        original = nbformat.read(path, as_version=4)
        edition = chinese_edition(for_language(original, "zh"), path.stem)
        for cell in edition.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
        last_run = executed / path.name
        if last_run.exists():
            copy_outputs(edition, nbformat.read(last_run, as_version=4))
        target = folder / path.name
        write_text_atomic(target, nbformat.writes(edition) + "\n")
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    """Prepare build/jupyter/ and replace this process with `jupyter lab` (arguments passed on;
    default: the notebooks folder). `--zh` first: the Chinese edition, in a Chinese lab."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["--zh"]:
        written = write_chinese_edition()
        print(f"The Chinese edition: {len(written)} notebooks in {ZH_LAB_DIR}", flush=True)
        args = args[1:] or [str(ZH_LAB_DIR)]
        folder = prepare(ZH_CONFIG_DIR, ZH_LOCALE)
    else:
        args = args or [str(NOTEBOOKS_DIR)]
        folder = prepare()
    command = [sys.executable, "-m", "jupyter", "lab", *LAB_ARGS, *args]
    os.execvpe(command[0], command, lab_environment(folder))
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())
