"""The Chinese edition's prose: gettext catalogs of the notebooks' markdown, as Sphinx keeps them.

The English notebook is the source. Each notebook has one catalog,
`notebooks/locale/zh_CN/LC_MESSAGES/<notebook>.po`, with one message per markdown cell: the cell's
id is the message context (msgctxt), its English text the msgid, the Chinese the msgstr. Poedit,
Weblate or any gettext tool opens these files; Babel reads and writes them here.

Why this shape:
- An edited English cell no longer matches its msgid, so its translation is never used silently:
  `refresh` (`make translations`) keeps the old Chinese, marks it fuzzy and records the previous
  English (`#| msgid`), so a translator sees exactly what changed; a new cell arrives untranslated;
  a deleted cell's message is kept as obsolete (`#~`), so no translation is lost.
- The build (`translate`) uses only current, non-fuzzy translations; anything else stays English
  and is counted by `status`, and the tests require every catalog to be complete and current.
- Code is never translated: charts and tables switch language through ZZ_LANG. The Chinese
  notebook that a reader opens in JupyterLab (`chinese_edition`) also calls `helpers.setup` with
  `lang="zh"`, so its charts are Chinese without setting any environment variable.

Cells tagged `lang-en` / `lang-zh` (see helpers.publish.render.for_language) are already in one
language and get no message.
"""

from __future__ import annotations

import argparse
import copy
import io
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from helpers.i18n import new_catalog
from helpers.paths import NOTEBOOKS_DIR, PROJ_ROOT, notebook_paths, write_bytes_atomic
from helpers.release import CATALOG_PROJECT

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog
    from nbformat import NotebookNode

LOCALE_DIR = NOTEBOOKS_DIR / "locale"
LOCALES = {"zh": "zh_CN"}  # our language code -> the gettext locale of its catalogs
LANG_TAGS = ("lang-en", "lang-zh")
FUZZY = "fuzzy"
# A fixed date in the header: the catalog changes only when a message does (no churn in git).
HEADER = (
    "# Chinese translation of the notebook {stem}.ipynb ({project}).\n"
    "# The English notebook is the source; refresh with `make translations`.\n"
    "# This file is distributed under the same license as the project (MIT).\n#"
)
SETUP_CALL = re.compile(r"\bhelpers\.setup\(\s*\)")


def catalog_path(stem: str, lang: str = "zh", locale_dir: Path = LOCALE_DIR) -> Path:
    """Where the catalog of notebook `stem` (e.g. "01_enterprises") for `lang` lives."""
    if lang not in LOCALES:
        raise ValueError(f"No catalogs for language {lang!r}: the source is English; use 'zh'")
    return locale_dir / LOCALES[lang] / "LC_MESSAGES" / f"{stem}.po"


def source_messages(notebook: NotebookNode) -> list[tuple[str, str]]:
    """(cell id, English text) of every markdown cell to translate, in reading order."""
    messages = []
    for cell in notebook.cells:
        if cell.cell_type != "markdown" or set(cell.get("metadata", {}).get("tags", [])) & set(
            LANG_TAGS
        ):
            continue
        if not cell.get("id"):
            raise ValueError(
                "a markdown cell has no id (nbformat 4.5 gives every cell one); "
                "open and save the notebook in JupyterLab to add them"
            )
        if cell.source.strip():
            messages.append((cell.id, cell.source))
    return messages


def read_catalog(path: Path, lang: str = "zh") -> Catalog | None:
    """The catalog at `path`, or None if there is none yet (fuzzy messages with their previous
    English, see `restore_previous_ids`)."""
    from babel.messages.pofile import read_po

    if not path.exists():
        return None
    with open(path, "rb") as handle:
        catalog = read_po(handle, locale=LOCALES[lang], abort_invalid=True)
    restore_previous_ids(catalog)
    return catalog


_PO_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')


def restore_previous_ids(catalog: Catalog) -> Catalog:
    """Babel's read_po keeps a fuzzy message's `#| msgid "..."` lines as user comments
    ("| msgid ..."), not as its previous_id, so the next write would drop the previous English
    (or print it as a comment "# | msgid"). Take them back as previous_id, in place; returns the
    catalog. Without this, a second `make translations` lost what a translator needs to see."""
    from babel.messages.pofile import unescape

    for message in [*catalog, *catalog.obsolete.values()]:
        previous = [c[1:].strip() for c in message.user_comments if c.startswith("|")]
        if not previous:
            continue
        message.user_comments = [c for c in message.user_comments if not c.startswith("|")]
        text = " ".join(previous)
        if text.startswith("msgid ") and not message.previous_id:
            message.previous_id = [
                "".join(unescape(f'"{part}"') for part in _PO_STRING.findall(text[len("msgid ") :]))
            ]
    return catalog


def _active(catalog: Catalog | None) -> dict[str, object]:
    """cell id -> message, for the catalog's current (not obsolete) messages."""
    if catalog is None:
        return {}
    return {message.context: message for message in catalog if message.id and message.context}


def _by_context(catalog: Catalog | None) -> dict[str, object]:
    """`_active`, and the obsolete messages of cells that may come back."""
    found = _active(catalog)
    if catalog is not None:
        for (_, context), message in catalog.obsolete.items():
            found.setdefault(context, message)
    return found


def catalog_bytes(catalog: Catalog) -> bytes:
    """The .po file of `catalog`, as every catalog of the project is written (no wrapping, the
    previous English of fuzzy messages, no line numbers). Without Babel's guessed
    `python-format` flag: Babel reads the % of "75.2% growth" as a %-directive, and `msgfmt -c`
    (and Poedit on save) then reject the Chinese. No message of ours is %-formatted.

    The previous English (`#| msgid`) is written here, not by Babel: Babel wraps those comment
    lines at 76 columns whatever `width` says, splitting a quoted string over two lines, which
    `msgfmt -c` rejects ("end-of-line within string"). Here each line of the previous msgid is
    one quoted string on its own `#|` line, as GNU gettext writes it (obsolete messages keep
    none: a translator never sees them)."""
    from babel.messages.pofile import normalize, write_po

    for message in [*catalog, *catalog.obsolete.values()]:
        message.flags.discard("python-format")
    out = io.BytesIO()
    write_po(out, catalog, width=0, include_previous=False, include_lineno=False)
    text = out.getvalue().decode("utf-8")
    for message in catalog:
        if not message.previous_id or not message.id:
            continue
        block = (f"msgctxt {normalize(message.context, width=0)}\n" if message.context else "") + (
            f"msgid {normalize(message.id, width=0)}\n"
        )
        lines = normalize(message.previous_id[0], width=0).splitlines()
        comment = "\n".join([f"#| msgid {lines[0]}", *(f"#| {line}" for line in lines[1:])])
        at = text.find(f"\n{block}")
        if at >= 0:
            text = f"{text[: at + 1]}{comment}\n{text[at + 1 :]}"
    return text.encode("utf-8")


def refresh(path: Path, lang: str = "zh", locale_dir: Path = LOCALE_DIR) -> bool:
    """Bring the catalog of the notebook at `path` up to date with its English cells.

    Current translations are kept; a translation whose English changed is kept but marked fuzzy,
    with the previous English; a new cell gets an empty message; a removed cell's message is kept
    as obsolete. Writes the file only when it changes; returns whether it did.
    """
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    target = catalog_path(path.stem, lang, locale_dir)
    old = read_catalog(target, lang)
    previous = _by_context(old)
    catalog = new_catalog(
        path.stem, HEADER.format(stem=path.stem, project=CATALOG_PROJECT), LOCALES[lang]
    )
    kept = set()
    for cell_id, english in source_messages(notebook):
        before = previous.get(cell_id)
        string, flags, previous_id = "", set(), ()
        if before is not None and before.string:
            string = before.string
            if before.id == english:
                flags = set(before.flags)
                previous_id = before.previous_id if FUZZY in flags else ()
            else:
                flags, previous_id = {FUZZY}, (before.id,)
        catalog.add(
            english,
            string,
            context=cell_id,
            flags=flags,
            previous_id=previous_id,
            auto_comments=[f"{path.stem}.ipynb, markdown cell {cell_id}"],
        )
        kept.add(cell_id)
    for cell_id, message in previous.items():
        if cell_id not in kept and message.string:
            catalog.obsolete[(message.id, cell_id)] = message
    data = catalog_bytes(catalog)
    if target.exists() and target.read_bytes() == data:
        return False
    write_bytes_atomic(target, data)
    return True


@dataclass(frozen=True)
class Status:
    """How complete one notebook's catalog is."""

    stem: str
    messages: int
    translated: int
    fuzzy: int
    untranslated: int
    stale: int  # English edited since the catalog was refreshed (no message has that text)

    @property
    def complete(self) -> bool:
        return self.translated == self.messages


def _current(notebook: NotebookNode, catalog: Catalog | None) -> dict[str, str]:
    """cell id -> Chinese, for the messages that are translated, not fuzzy, and whose English is
    the cell's text today."""
    known = _active(catalog)
    result = {}
    for cell_id, english in source_messages(notebook):
        message = known.get(cell_id)
        if (
            message is not None
            and message.string
            and message.id == english
            and FUZZY not in message.flags
        ):
            result[cell_id] = message.string
    return result


def status(path: Path, lang: str = "zh", locale_dir: Path = LOCALE_DIR) -> Status:
    """Count the messages of the notebook at `path`: translated, fuzzy, untranslated, stale."""
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    catalog = read_catalog(catalog_path(path.stem, lang, locale_dir), lang)
    known = _active(catalog)
    messages = source_messages(notebook)
    current = _current(notebook, catalog)
    fuzzy = untranslated = stale = 0
    for cell_id, english in messages:
        message = known.get(cell_id)
        if cell_id in current:
            continue
        if message is None or not message.string:
            untranslated += 1
        elif message.id != english:
            stale += 1
        else:
            fuzzy += 1
    return Status(path.stem, len(messages), len(current), fuzzy, untranslated, stale)


def translate(
    notebook: NotebookNode, stem: str, lang: str, locale_dir: Path = LOCALE_DIR
) -> NotebookNode:
    """A copy of `notebook` whose markdown cells are in `lang` where the catalog has a current
    translation; English stays where it has none (the tests forbid that in the project's own
    notebooks). English (`lang="en"`) returns the notebook as it is."""
    if lang == "en":
        return notebook
    catalog = read_catalog(catalog_path(stem, lang, locale_dir), lang)
    current = _current(notebook, catalog)
    result = copy.deepcopy(notebook)
    for cell in result.cells:
        if cell.cell_type == "markdown" and cell.get("id") in current:
            cell.source = current[cell.id]
    return result


def chinese_edition(
    notebook: NotebookNode, stem: str, locale_dir: Path = LOCALE_DIR
) -> NotebookNode:
    """The notebook a Chinese reader opens in JupyterLab: the prose translated, and the setup call
    made `helpers.setup(lang="zh")`, so that run top to bottom its charts come out in Chinese."""
    result = translate(notebook, stem, "zh", locale_dir)
    for cell in result.cells:
        if cell.cell_type == "code":
            cell.source = SETUP_CALL.sub('helpers.setup(lang="zh")', cell.source)
    return result


def import_translations(
    path: Path, translations: dict[str, str], lang: str = "zh", locale_dir: Path = LOCALE_DIR
) -> int:
    """Set the translations of the notebook at `path` from {cell id: text} (a bulk import, e.g.
    from a translator's spreadsheet); each becomes current (not fuzzy). Refreshes the catalog
    first; refuses ids that are not markdown cells of the notebook. Returns how many were set."""
    from babel.messages.pofile import read_po

    refresh(path, lang, locale_dir)
    target = catalog_path(path.stem, lang, locale_dir)
    with open(target, "rb") as handle:
        catalog = restore_previous_ids(read_po(handle, locale=LOCALES[lang]))
    active = _active(catalog)
    unknown = sorted(set(translations) - set(active))
    if unknown:
        raise ValueError(f"{path.name} has no markdown cell with id {', '.join(unknown)}")
    for cell_id, text in translations.items():
        message = active[cell_id]
        message.string = text
        message.flags.discard(FUZZY)
        message.previous_id = ()
    write_bytes_atomic(target, catalog_bytes(catalog))
    return len(translations)


def merge_catalog(path: Path, other: Path, lang: str = "zh", locale_dir: Path = LOCALE_DIR) -> int:
    """Take into the catalog of the notebook at `path` every translation of the catalog file
    `other` (e.g. another translator's copy, or the other side of a git conflict) that is current
    for the notebook's English and missing or fuzzy here. Translations current on both sides are
    kept as they are here. Returns how many were taken."""
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    with open(other, "rb") as handle:
        from babel.messages.pofile import read_po

        theirs = _current(notebook, read_po(handle, locale=LOCALES[lang]))
    refresh(path, lang, locale_dir)
    ours = _current(notebook, read_catalog(catalog_path(path.stem, lang, locale_dir), lang))
    taken = {cell_id: text for cell_id, text in theirs.items() if cell_id not in ours}
    if taken:
        import_translations(path, taken, lang, locale_dir)
    return len(taken)


# --- checks of a translation (tests/test_chinese_edition.py applies them to every catalog) -------

NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'&.-]*")
# What may stay in Latin letters inside Chinese prose: code, links, and short terms.
_CODE_OR_LINK = re.compile(r"(?s)```.*?```|`[^`]*`|\]\([^)]*\)|https?://\S+|<[^>]+>|\$[^$]*\$")
_CODE_NAME = re.compile(r"(?<![A-Za-z])[A-Za-z]\w*(?:[._]\w+)+")
NOTEBOOK_NAME = re.compile(r"`(\d\d_\w+\.ipynb)`")  # a notebook named as code in the prose
ENGLISH_RUN_WORDS = 5  # this many Latin words in a row make an English sentence, not a term


def numbers(text: str) -> set[str]:
    """The numbers written in `text`, thousands separators dropped: "1,295" and "1295" agree."""
    return {n.replace(",", "").rstrip(".") for n in NUMBER.findall(_CODE_OR_LINK.sub(" ", text))}


def english_runs(chinese: str, allowed: set[str] = frozenset()) -> list[str]:
    """Runs of `ENGLISH_RUN_WORDS` or more Latin words in a row in a Chinese text, outside code,
    links and the `allowed` terms (e.g. the glossary's English names): untranslated sentences."""
    text = _CODE_OR_LINK.sub(" ", chinese)
    for term in sorted(allowed, key=len, reverse=True):
        text = text.replace(term, " ")
    text = _CODE_NAME.sub(" ", text)  # snake_case and dotted names are code, not English
    word = rf"(?<![A-Za-z]){LATIN_WORD.pattern}(?![A-Za-z])"
    run = re.compile(rf"{word}(?:[\s,;:()\"*_]+{word}){{{ENGLISH_RUN_WORDS - 1},}}")
    return [match.group(0).strip() for match in run.finditer(text)]


def translation_problems(
    english: str,
    chinese: str,
    known_numbers: set[str] = frozenset(),
    allowed_terms: set[str] = frozenset(),
) -> list[str]:
    """What is wrong with one translated message: a number that is neither in its English nor
    among `known_numbers` (e.g. the notebook's outputs), an untranslated English sentence, a
    heading level or a link that the English does not have."""
    problems = []
    invented = sorted(numbers(chinese) - numbers(english) - set(known_numbers))
    if invented:
        problems.append(f"numbers not in the English: {', '.join(invented)}")
    for run in english_runs(chinese, set(allowed_terms)):
        problems.append(f"untranslated English: {run!r}")
    heading = re.match(r"#+ ", english)
    if heading and not chinese.startswith(heading.group(0)):
        problems.append(f"the English is a heading {heading.group(0).strip()!r}; keep its level")
    links = set(re.findall(r"\]\(([^)]+)\)", english))
    # a notebook the English names as code (`01_enterprises.ipynb`) may be a link in Chinese, with
    # the chapter's Chinese title as its text: [《科技型企业》](01_enterprises.ipynb)
    named = set(NOTEBOOK_NAME.findall(english))
    chinese_links = set(re.findall(r"\]\(([^)]+)\)", chinese))
    if not links <= chinese_links or chinese_links - links - named:
        problems.append(f"links differ from the English: {sorted(links)}")
    return problems


def output_numbers(notebook: NotebookNode) -> set[str]:
    """Every number in the notebook's stored text outputs (what a translated cell may cite)."""
    found: set[str] = set()
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            texts = [output.get("text", "")]
            texts += [
                output.get("data", {}).get(kind, "")
                for kind in ("text/plain", "text/html", "text/markdown")
            ]
            for text in texts:
                found |= numbers("".join(text) if isinstance(text, list) else str(text))
    return found


def allowed_english_terms() -> set[str]:
    """English names that may stand inside Chinese prose: the glossary's, and a few of our own."""
    import csv

    from helpers.paths import DATA_DIR

    terms = {"R&D", "GDP", "CNY", "pandas", "matplotlib", "seaborn", "JupyterLab"}
    glossary = DATA_DIR / "glossary.csv"
    if glossary.exists():
        with open(glossary, encoding="utf-8", newline="") as handle:
            terms |= {row["term_en"] for row in csv.DictReader(handle) if row.get("term_en")}
    return terms


def catalog_problems(path: Path, lang: str = "zh", locale_dir: Path = LOCALE_DIR) -> list[str]:
    """`translation_problems` of every current translation of the notebook at `path`."""
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    catalog = read_catalog(catalog_path(path.stem, lang, locale_dir), lang)
    current, english = _current(notebook, catalog), dict(source_messages(notebook))
    known, terms = output_numbers(notebook), allowed_english_terms()
    return [
        f"{path.stem} cell {cell_id}: {problem}"
        for cell_id, chinese in current.items()
        for problem in translation_problems(english[cell_id], chinese, known, terms)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Keep the Chinese catalogs (notebooks/locale/zh_CN/LC_MESSAGES/*.po) in step "
        "with the English notebooks."
    )
    parser.add_argument(
        "command",
        choices=("refresh", "status", "check", "import", "merge"),
        help="refresh: update the catalogs after English edits (keeps every "
        "translation; marks changed ones fuzzy); status: count what is "
        "translated, fuzzy, untranslated or stale; check: status, and list "
        "translations with a number not in the English, an untranslated "
        "English sentence, a lost heading level or a changed link; "
        "import: set translations of one notebook from a JSON file "
        "{cell id: Chinese} given with --json; merge: take the current "
        "translations of another copy of one notebook's catalog (--po FILE, "
        "e.g. `git show OTHER:path.po > FILE`) that this one lacks",
    )
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every numbered notebook")
    parser.add_argument(
        "--complete",
        action="store_true",
        help="exit 1 unless every catalog is complete and current",
    )
    parser.add_argument("--json", type=Path, help="with import: the JSON file of translations")
    parser.add_argument("--po", type=Path, help="with merge: the other catalog file")
    args = parser.parse_args(argv)
    paths = [p.resolve() for p in args.notebooks] or notebook_paths()
    if args.command == "import":
        import json

        if len(args.notebooks) != 1 or args.json is None:
            parser.error("import takes one notebook and --json FILE")
        count = import_translations(paths[0], json.loads(args.json.read_text(encoding="utf-8")))
        print(f"{paths[0].name}: {count} translations set")
    if args.command == "merge":
        if len(args.notebooks) != 1 or args.po is None:
            parser.error("merge takes one notebook and --po FILE")
        count = merge_catalog(paths[0], args.po)
        print(f"{paths[0].name}: {count} translations taken from {args.po}")
    incomplete = problems = 0
    for path in paths:
        if args.command == "refresh":
            changed = refresh(path)
            where = catalog_path(path.stem).relative_to(PROJ_ROOT)
            print(f"{where}: {'updated' if changed else 'unchanged'}")
        counts = status(path)
        incomplete += not counts.complete
        print(
            f"  {counts.stem}: {counts.translated}/{counts.messages} translated, "
            f"{counts.fuzzy} fuzzy, {counts.untranslated} untranslated, {counts.stale} stale"
        )
        if args.command == "check":
            for problem in catalog_problems(path):
                problems += 1
                print(f"    {problem}")
    if problems:
        return 1
    if args.complete and incomplete:
        print(
            f"{incomplete} catalog(s) incomplete: translate the empty and fuzzy messages "
            "(Poedit opens the .po files), then run `make translations`."
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
