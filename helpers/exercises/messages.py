"""The exercises' words in the kernel's language: hints, check messages and teacher notes.

The checks are written in English, the source language, as the notebooks are. Their Chinese lives
in one gettext catalog, notebooks/locale/zh_CN/LC_MESSAGES/exercises.po, beside the notebooks'
catalogs: msgid the English, msgstr the Chinese, so Poedit or Weblate opens it, and an edited
English message turns fuzzy, never silently stale (helpers.publish.exercise_messages keeps the
catalog current: `make translations`). In a Chinese kernel (`helpers.setup(lang="zh")` or
ZZ_LANG=zh) `gettext` gives a message's Chinese; in English, or for a message with no current
translation, the English as it is, so the stored English outputs never change.

A message with `{fields}` is translated first and filled in after (str.format), so the Chinese
keeps every field and may place it where Chinese puts it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from helpers import i18n
from helpers.paths import NOTEBOOKS_DIR

CATALOG = NOTEBOOKS_DIR / "locale" / "zh_CN" / "LC_MESSAGES" / "exercises.po"
FUZZY = "fuzzy"


@cache
def translations(path: Path = CATALOG) -> dict[str, str]:
    """English -> Chinese, for the catalog's translated, non-fuzzy messages (read with Babel on
    the first Chinese message, so an English kernel never reads the file)."""
    from babel.messages.pofile import read_po

    if not path.exists():
        return {}
    with open(path, "rb") as handle:
        catalog = read_po(handle, locale="zh_CN", abort_invalid=True)
    return {m.id: m.string for m in catalog if m.id and m.string and FUZZY not in m.flags}


def gettext(message: str, lang: str | None = None) -> str:
    """`message` in the current (or given) language: its Chinese from the catalog in zh, the
    English itself otherwise or when the catalog has no current translation of it."""
    if i18n.tr(("en", "zh"), lang) == "en":
        return message
    return translations().get(message, message)
