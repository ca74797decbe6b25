"""The English translation keeps every figure and the paragraphs of the repaired Chinese text, and
adds none: each number of the English is a number of the Chinese, or one of its amounts converted
to CNY (8500余万元 is "more than CNY 85 million"), checked against facts.csv's value_base."""

from __future__ import annotations

import csv
import math
import re

from helpers.paths import ENGLISH_RELEASE, FACTS, REPAIRED_RELEASE

NUMBER = re.compile(r"(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(million|billion))?")
SCALE = {"": 1, "million": 10**6, "billion": 10**9}


def _without_links(text: str) -> str:
    return re.sub(r"\(?https?://\S+", " ", text)


def _chinese() -> str:
    return _without_links(REPAIRED_RELEASE.read_text(encoding="utf-8"))


def _english_body() -> str:
    """The translation without its title and translator's note (which name units, not figures)."""
    paragraphs = [p for p in ENGLISH_RELEASE.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    return _without_links("\n\n".join(paragraphs[2:]))


def english_numbers(text: str) -> list[float]:
    """Numbers as an English reader reads them: 1,295 is 1295, "CNY 1.27 billion" is 1.27e9."""
    return [float(n.replace(",", "")) * SCALE[scale] for n, scale in NUMBER.findall(text)]


def chinese_numbers(text: str) -> set[float]:
    return {float(n) for n in re.findall(r"\d+(?:\.\d+)?", text)}


def _conversions() -> list[tuple[float, float]]:
    """(printed value, value in yuan) for every amount of facts.csv (8500 万元 -> 85,000,000)."""
    with FACTS.open(encoding="utf-8", newline="") as handle:
        return [
            (float(r["value"]), float(r["value_base"]))
            for r in csv.DictReader(handle)
            if r["base_unit"] == "yuan"
        ]


def _in(value: float, values) -> bool:
    return any(math.isclose(value, v, rel_tol=1e-9) for v in values)


def test_english_numbers_are_read_with_their_scale() -> None:
    assert english_numbers("1,295 firms, CNY 1.27 billion and CNY 4.766 million, 50.84%") == [
        1295,
        1.27e9,
        4.766e6,
        50.84,
    ]


def test_every_number_of_the_chinese_is_in_the_english() -> None:
    english = english_numbers(_english_body())
    conversions = _conversions()
    missing = sorted(
        n
        for n in chinese_numbers(_chinese())
        if not _in(n, english)
        and not any(printed == n and _in(yuan, english) for printed, yuan in conversions)
    )
    assert missing == []


def test_every_number_of_the_english_is_in_the_chinese() -> None:
    chinese = chinese_numbers(_chinese())
    converted = [yuan for printed, yuan in _conversions() if printed in chinese]
    invented = [n for n in english_numbers(_english_body()) if not _in(n, chinese | set(converted))]
    assert invented == []


def test_an_invented_or_misconverted_number_is_caught() -> None:
    chinese = chinese_numbers("获得省级以上支持资金8500余万元，58家")
    conversions = [yuan for printed, yuan in _conversions() if printed in chinese]
    for text, bad in [
        ("more than CNY 85 million, 58 firms", []),
        ("more than CNY 8.5 million, 58 firms", [8.5e6]),
        ("more than CNY 85 million, 59 firms", [59]),
    ]:
        found = [n for n in english_numbers(text) if not _in(n, chinese | set(conversions))]
        assert found == bad


def test_paragraph_by_paragraph() -> None:
    chinese = [p for p in REPAIRED_RELEASE.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    english = [p for p in ENGLISH_RELEASE.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    title, note, *body = english
    assert title.startswith("# ") and "not an official one" in note
    assert len(body) == len(chinese) == 9
    for zh, en in zip(chinese, body, strict=True):
        if zh.startswith("（"):
            assert en.startswith("(" + {"一": "1", "二": "2", "三": "3"}[zh[1]] + ")")


def test_no_literal_phrasing_the_editors_removed() -> None:
    english = ENGLISH_RELEASE.read_text(encoding="utf-8")
    for phrase in (
        "broke through",
        "breakthrough from zero",
        "living water",
        "Kerong",
    ):
        assert phrase not in english
