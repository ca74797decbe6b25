"""The English translation keeps every figure, and the paragraphs, of the repaired Chinese text."""

from __future__ import annotations

import re

from helpers.paths import ENGLISH_RELEASE, REPAIRED_RELEASE


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def test_every_arabic_number_of_the_chinese_is_in_the_english() -> None:
    chinese = REPAIRED_RELEASE.read_text(encoding="utf-8").split("(https://")[0]
    english = ENGLISH_RELEASE.read_text(encoding="utf-8")
    numbers = set(re.findall(r"\d+(?:\.\d+)?", chinese))
    missing = sorted(
        n for n in numbers if not re.search(rf"(?<![\d.]){re.escape(n)}(?!\d)", english)
    )
    assert missing == []


def test_paragraph_by_paragraph() -> None:
    chinese = _paragraphs(REPAIRED_RELEASE.read_text(encoding="utf-8"))
    english = _paragraphs(ENGLISH_RELEASE.read_text(encoding="utf-8"))
    title, note, *body = english
    assert title.startswith("# ") and "not an official one" in note
    assert len(body) == len(chinese) == 9
    for zh, en in zip(chinese, body, strict=True):
        if zh.startswith("（"):
            assert en.startswith("(" + {"一": "1", "二": "2", "三": "3"}[zh[1]] + ")")
