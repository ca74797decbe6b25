"""`make run`: every step of the build, each redone only when a hash of its inputs changed.

    data       data/processed/ and data/datapackage.json from data/raw/ (helpers.publish.data)
    release    build/release.html, the release annotated (helpers.publish.annotate)
    decks      the presenters' decks, build/<lang>/slides/ (helpers.publish.decks), made from
               notebooks/decks/<lang>/*.md and the facts; before the export, whose index links them
    teaching   the student and teacher editions, build/<lang>/teaching/ (helpers.publish.teaching)
    export     the reports, PDFs, figures and the index (helpers.publish.export, which keeps its
               own per-job manifest)

and, after the export, the teaching editions again if the export changed the Chinese notebooks
they take their outputs from, and a warning for each Chinese page built from a stale catalog.

Why hashes: a step is redone when the content of one of its inputs, or of one of its outputs,
differs from the last time it succeeded (build/.export/steps.json), never by modification time:
an input restored with an older timestamp (`cp -p`, a checkout, an unzip) rebuilds, and an
output edited by hand is made again.

Faults, as the export promises them: a notebook that cannot be read is one line naming it, left
out of the teaching editions and marked failed on the index by the export, and the other
notebooks and steps go on; any step's error is one line (helpers.publish.cli: the traceback with
--debug or ZZ_DEBUG=1); a deck that cannot be built is one line naming it, and the other decks
are still built (the step counts as failed); a failed data step skips the steps made from the
data, saying so; Ctrl-C
stops with one line (status 130). The exit status is 1 if any step failed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from helpers.paths import BUILD_DIR, NOTEBOOKS_DIR, PROJ_ROOT, notebook_paths, write_text_atomic
from helpers.publish.cli import EXIT_INTERRUPTED, debugging, guarded, one_line
from helpers.publish.layout import LANGS, display

HELPERS = ("helpers/**/*.py", "helpers/publish/templates/**/*", "helpers/publish/assets/**/*")


@dataclass
class Step:
    """One step: what it is made from (glob patterns under the project), what it makes (a
    function of the output folder), and how (a function of the output folder)."""

    name: str
    inputs: Callable[[Path], list[Path]]
    outputs: Callable[[Path], list[Path]]
    make: Callable[[Path], object]
    options: str = ""  # how it was asked (languages, PDFs): a change of them is a change of inputs


def _files(root: Path, patterns: tuple[str, ...]) -> list[Path]:
    return sorted(
        {
            path
            for pattern in patterns
            for path in root.glob(pattern)
            if path.is_file() and "__pycache__" not in path.parts
        }
    )


def _digest(paths: list[Path], options: str = "") -> str:
    digest = hashlib.sha256(options.encode() + b"\0")
    for path in paths:
        digest.update(str(path).encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _hashes(paths: list[Path]) -> dict[str, str]:
    return {str(path): hashlib.sha256(path.read_bytes()).hexdigest() for path in paths}


class Stamps:
    """build/.export/steps.json: per step, the digest of its inputs and the hash of each output
    when it last succeeded."""

    def __init__(self, out: Path) -> None:
        self.path = out / ".export" / "steps.json"
        try:
            self.steps = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.steps = {}

    def why(self, step: Step, out: Path) -> str:
        """Why `step` must run ("" if it need not)."""
        known = self.steps.get(step.name)
        if not known:
            return "not built yet"
        if known.get("inputs") != _digest(step.inputs(out), step.options):
            return "inputs changed"
        outputs = step.outputs(out)
        if not outputs or _hashes(outputs) != known.get("outputs"):
            return "output missing or changed"
        return ""

    def done(self, step: Step, out: Path) -> None:
        self.steps[step.name] = {
            "inputs": _digest(step.inputs(out), step.options),
            "outputs": _hashes(step.outputs(out)),
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(self.path, json.dumps(self.steps, indent=1, sort_keys=True) + "\n")

    def forget(self, name: str) -> None:
        self.steps.pop(name, None)


# ---------------------------------------------------------------------------------------------
# the steps


def readable_notebooks(say: Callable[[str], None]) -> list[Path]:
    """The numbered notebooks that can be read as notebooks; one line for each that cannot."""
    from helpers.publish.jobs import NotebookFileError, read_notebook

    good = []
    for path in notebook_paths(NOTEBOOKS_DIR):
        try:
            read_notebook(path)
        except NotebookFileError as error:
            say(f"FAILED: {display(path)}: {error} (left out; the other notebooks go on)")
            continue
        good.append(path)
    return good


def _data(out: Path) -> None:
    from helpers.publish import data as processed

    processed.check_raw()
    processed.build()


def _data_outputs(out: Path) -> list[Path]:
    from helpers.publish import data as processed

    return [path for path in processed.PRODUCERS if path.exists()]


def _release(out: Path) -> None:
    from helpers.publish import annotate

    page = annotate.write_release_page(out / annotate.PAGE_NAME)
    print(f"  Annotated release: {display(page)}", flush=True)


def _teaching(out: Path, paths: list[Path]) -> None:
    from helpers.publish import teaching

    teaching.build(out, LANGS, paths)


def _decks(out: Path, langs: tuple[str, ...], pdf: bool) -> bool:
    """Every deck of `langs`; False (not remembered: try again next time) when PDFs were asked
    for and no Chromium can print them. A deck that cannot be built fails the step, after the
    others are written."""
    from helpers.publish import browser, decks

    failed = decks.build(out, langs, pdf=pdf)
    if failed:
        raise RuntimeError(f"{failed} deck(s) could not be built (named above)")
    return not pdf or browser.find_browser() is not None


def steps(
    out: Path,
    say: Callable[[str], None],
    langs: tuple[str, ...] = tuple(LANGS),
    pdf: bool = True,
) -> dict[str, Step]:
    """The steps; `langs` and `pdf` narrow the decks as the export is narrowed."""
    project = PROJ_ROOT

    def under(*patterns: str) -> Callable[[Path], list[Path]]:
        return lambda out: _files(project, patterns)

    def teaching_inputs(out: Path) -> list[Path]:
        return _files(
            project, ("notebooks/[0-9]*.ipynb", "notebooks/locale/*/LC_MESSAGES/*.po", *HELPERS)
        ) + _files(out, ("zh/notebooks/[0-9]*.ipynb",))

    def teaching(out: Path) -> bool:
        paths = readable_notebooks(say)
        _teaching(out, paths)
        return len(paths) == len(notebook_paths(NOTEBOOKS_DIR))  # all in: remember it

    return {
        "data": Step("data", under("data/raw/*", "data/*.csv", *HELPERS), _data_outputs, _data),
        "release": Step(
            "release",
            under(
                "data/raw/*",
                "data/*.csv",
                "data/*.md",
                "data/processed/*",
                "notebooks/[0-9]*.ipynb",
                *HELPERS,
            ),
            lambda out: _files(out, ("release.html", "release.zh-CN.html")),
            _release,
        ),
        "decks": Step(
            "decks",
            under(
                "notebooks/decks/**/*.md",
                "data/facts.csv",
                "data/context.csv",
                "data/glossary.csv",  # a zh label's words held together (decks.join_terms)
                "data/processed/audit.csv",
                *HELPERS,
            ),
            lambda out: _files(out, ("*/slides/*",)),
            lambda out: _decks(out, langs, pdf),
            options=f"{' '.join(langs)} {'pdf' if pdf else 'no-pdf'}",
        ),
        "teaching": Step(
            "teaching",
            teaching_inputs,
            lambda out: _files(out, ("*/teaching/**/*",)),
            teaching,
        ),
    }


# ---------------------------------------------------------------------------------------------
# the whole


class Run:
    def __init__(self, out: Path, force: bool, debug: bool) -> None:
        self.out, self.force, self.debug = out, force, debug
        self.stamps = Stamps(out)
        self.failed: list[str] = []
        self.steps = steps(out, self.say)

    @staticmethod
    def say(text: str) -> None:
        print(text, flush=True)

    def step(self, name: str) -> bool:
        """Run one step if its inputs or outputs changed (or --force); False if it failed."""
        step = self.steps[name]
        why = "forced" if self.force else self.stamps.why(step, self.out)
        if not why:
            self.say(f"{name}: up to date")
            return True
        self.say(f"{name}: building ({why})")
        try:
            complete = step.make(self.out)
        except Exception as error:
            if self.debug:
                raise
            self.stamps.forget(name)
            self.failed.append(name)
            self.say(f"FAILED: {name}: {one_line(error)}")
            return False
        if complete is False:
            self.stamps.forget(name)  # something was left out: try again next time
        else:
            self.stamps.done(step, self.out)
        return True

    def warn_stale_catalogs(self, langs: list[str]) -> None:
        """One line per notebook whose Chinese pages were built from a catalog that is not
        complete and current: those paragraphs are in English on the zh pages."""
        if "zh" not in langs:
            return
        from helpers.publish import translation
        from helpers.publish.jobs import NotebookFileError, read_notebook

        for path in notebook_paths(NOTEBOOKS_DIR):
            try:
                read_notebook(path)
            except NotebookFileError:
                continue
            counts = translation.status(path)
            if counts.complete:
                continue
            behind = counts.messages - counts.translated
            self.say(
                f"warning: the Chinese pages of {path.stem} are built from a stale catalog "
                f"({display(translation.catalog_path(path.stem))}: {behind} of {counts.messages} "
                "paragraphs not translated or changed since, shown in English); run `make "
                "translations` and translate them"
            )

    def __call__(self, export_args: list[str]) -> int:
        from helpers.publish import export

        langs = _langs(export_args)
        decks = tuple(lang for lang in langs if lang in LANGS)
        self.steps = steps(self.out, self.say, decks, pdf="--no-pdf" not in export_args)
        data_ok = self.step("data")
        if data_ok:
            self.step("release")
            self.step("decks")
        else:
            self.say(
                "release, decks, export: not run, since they are made from the data (fix it first)"
            )
        self.step("teaching")
        status = 0
        if data_ok:
            argv = ["--out", str(self.out), *(["--force"] if self.force else []), *export_args]
            status = export.main(argv)
            if status == EXIT_INTERRUPTED:
                return status
            self.force = False
            self.step("teaching")  # again, if the export changed the Chinese notebooks
            self.warn_stale_catalogs(langs)
        if self.failed:
            self.say(f"make run: {len(self.failed)} step(s) failed: {', '.join(self.failed)}")
        return status or (1 if self.failed else 0)


def _langs(export_args: list[str]) -> list[str]:
    import os

    asked = [export_args[i + 1] for i, a in enumerate(export_args[:-1]) if a == "--lang"]
    asked += [a.split("=", 1)[1] for a in export_args if a.startswith("--lang=")]
    named = os.environ.get("ZZ_LANG", "").strip()
    return asked or ([named] if named else list(LANGS))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=BUILD_DIR, help="output folder (build/)")
    parser.add_argument("--force", action="store_true", help="redo every step and every job")
    args, export_args = parser.parse_known_args(argv)
    out = (args.out if args.out.is_absolute() else Path.cwd() / args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    try:
        return Run(out, args.force, debugging(list(sys.argv)))(export_args)
    except KeyboardInterrupt:
        print(
            "Interrupted: the steps that finished are kept; run `make run` again to finish.",
            flush=True,
        )
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(guarded(main))
