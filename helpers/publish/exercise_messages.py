"""Keep the exercises' catalog (notebooks/locale/zh_CN/LC_MESSAGES/exercises.po) current.

helpers.exercises.messages looks the Chinese up; this module collects what the catalog must hold
and updates it, as `pybabel extract` and `pybabel update` do for a package:

- every `_("...")` and `N_("...")` of helpers/exercises/*.py and helpers/publish/teaching.py,
  found by Babel's Python extractor;
- each registered exercise's own words: its hint, what it practises, its teacher note, and the
  words its comparison uses for the typical mistakes (the wrong options of a `choice`, the
  mistakes and units of `within`: a comparison lists them as `compare.texts(expected)`), then the
  levels and kinds the teacher notes and the guide's tables print.

Updating keeps every translation; a message whose English changed keeps its old Chinese as a fuzzy
guess with the previous English beside it (`#| msgid`), so the translator sees what changed; a
removed message is kept as obsolete (`#~`). The tests require every message translated and
current, with the same {fields} as its English.

    python -m helpers.publish.exercise_messages refresh   # update (part of `make translations`)
    python -m helpers.publish.exercise_messages status    # exit 1 unless complete and current
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from helpers.exercises.messages import CATALOG, FUZZY, translations
from helpers.i18n import new_catalog
from helpers.paths import PROJ_ROOT, write_bytes_atomic
from helpers.publish import translation
from helpers.publish.translation import catalog_bytes
from helpers.release import CATALOG_DATE

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

# The modules whose `_("...")` calls are messages of the catalog.
SOURCES = (
    *sorted((PROJ_ROOT / "helpers" / "exercises").glob("*.py")),
    PROJ_ROOT / "helpers" / "publish" / "teaching.py",
)
# A fixed date in the header, as in the notebooks' catalogs: the file changes only with a message.
HEADER = (
    "# Chinese of the exercises' hints, check messages and teacher notes.\n"
    "# The English in the code is the source; refresh with `make translations`.\n"
    "# A {field} is filled in after translation: keep every field in the Chinese.\n"
    "# This file is distributed under the same license as the project (MIT).\n#"
)
FIELD = re.compile(r"\{(\w*)\}")


def _extracted() -> list[tuple[str, str]]:
    """(message, file) of every `_("...")` call in SOURCES, with Babel's Python extractor."""
    from babel.messages.extract import extract_from_file

    found = []
    for path in SOURCES:
        where = path.relative_to(PROJ_ROOT).as_posix()  # no line number: no churn when code moves
        for _lineno, message, _comments, _context in extract_from_file(
            "python", path, keywords={"_": None, "N_": None}
        ):
            if isinstance(message, str) and message:
                found.append((message, where))
    return found


def _registered() -> list[tuple[str, str]]:
    """(message, where) of every exercise's own words (hint, practises, common wrong answers,
    named mistakes, option notes), then the common messages, levels and kinds."""
    from helpers.exercises import spec
    from helpers.exercises.registry import registry

    found = []
    for item in registry().values():
        found += [(text, item.id) for text in item.texts() if text]
    found += [(text, "every exercise") for text in spec.COMMON_TEXTS]
    found += [(level, "an exercise level") for level in spec.LEVELS]
    found += [(kind, "an exercise kind") for kind in spec.KINDS]
    # a unit such as 万元 reads the same in Chinese: only words with Latin letters need a message
    return [(text, where) for text, where in found if re.search("[A-Za-z]", text)]


def messages() -> dict[str, list[str]]:
    """Every message the exercises show, with where each comes from, in a stable order."""
    found: dict[str, list[str]] = {}
    for text, where in _extracted() + _registered():
        if where not in found.setdefault(text, []):
            found[text].append(where)
    return found


def _new_catalog() -> Catalog:
    return new_catalog("exercises", HEADER)


def template() -> Catalog:
    """The catalog's messages with no translation (what `pybabel extract` writes as a .pot)."""
    catalog = _new_catalog()
    for text, wheres in messages().items():
        flags = {"python-brace-format"} if FIELD.search(text) else set()
        catalog.add(text, "", auto_comments=wheres, flags=flags)
    return catalog


def read_catalog(path: Path = CATALOG) -> Catalog | None:
    """The catalog at `path` (None if there is none yet), read as the notebooks' catalogs are."""
    return translation.read_catalog(path)


def refresh(path: Path = CATALOG) -> bool:
    """Bring the catalog up to date with the code, as `pybabel update` does (see the module
    docstring). Writes only when something changed; returns whether it did."""
    catalog = read_catalog(path) or _new_catalog()
    # Catalog.update drops the previous English of a message that is still fuzzy: keep it
    previous = {m.id: m.previous_id for m in catalog if m.previous_id and FUZZY in m.flags}
    catalog.update(template(), no_fuzzy_matching=False, update_header_comment=True)
    for message in catalog:
        if FUZZY in message.flags and not message.previous_id and message.id in previous:
            message.previous_id = previous[message.id]
    catalog.creation_date = catalog.revision_date = CATALOG_DATE
    data = catalog_bytes(catalog)
    if path.exists() and path.read_bytes() == data:
        return False
    write_bytes_atomic(path, data)
    translations.cache_clear()
    return True


def untranslated(path: Path = CATALOG) -> list[str]:
    """The messages the exercises show with no current Chinese (empty, fuzzy or missing)."""
    known = translations(path)
    return [text for text in messages() if text not in known]


def field_problems(path: Path = CATALOG) -> list[str]:
    """Translations whose {fields} differ from their English's (str.format would fail or lose
    one)."""
    return [
        f"{english!r}: fields {sorted(set(FIELD.findall(english)))} in English, "
        f"{sorted(set(FIELD.findall(chinese)))} in Chinese"
        for english, chinese in translations(path).items()
        if set(FIELD.findall(english)) != set(FIELD.findall(chinese))
    ]


def import_translations(translated: dict[str, str], path: Path = CATALOG) -> int:
    """Set translations from {English: Chinese} (a translator's bulk file); each becomes current.
    Refuses English that is not a message of the catalog. Returns how many were set."""
    refresh(path)
    catalog = read_catalog(path)
    assert catalog is not None
    unknown = [english for english in translated if catalog.get(english) is None]
    if unknown:
        raise ValueError(f"not messages of {path.name}: {unknown}")
    for english, chinese in translated.items():
        message = catalog.get(english)
        message.string = chinese
        message.flags.discard(FUZZY)
        message.previous_id = []
    write_bytes_atomic(path, catalog_bytes(catalog))
    translations.cache_clear()
    return len(translated)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "command",
        choices=("refresh", "status", "import"),
        help="refresh: update exercises.po after the English changed (keeps "
        "every translation, marks changed ones fuzzy); status: list what is "
        "left, exit 1 unless every message has a current translation with "
        "its fields; import: set translations from --json FILE "
        "{English: Chinese}",
    )
    parser.add_argument("--json", type=Path, help="with import: the JSON file of translations")
    args = parser.parse_args(argv)
    where = CATALOG.relative_to(PROJ_ROOT)
    if args.command == "refresh":
        print(f"{where}: {'updated' if refresh() else 'unchanged'}")
    if args.command == "import":
        import json

        if args.json is None:
            parser.error("import takes --json FILE")
        count = import_translations(json.loads(args.json.read_text(encoding="utf-8")))
        print(f"{where}: {count} translations set")
    left, total = untranslated(), len(messages())
    print(f"  exercises: {total - len(left)}/{total} translated")
    if args.command != "status":
        return 0
    problems = [f"untranslated or fuzzy: {text[:70]!r}" for text in left] + field_problems()
    for problem in problems:
        print(f"    {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
