"""helpers.repair.mojibake: the damage model, span detection, byte recovery, editorial reconstructions."""

from __future__ import annotations

import pytest

from helpers.paths import MOJIBAKE_RECONSTRUCTIONS, RAW_RELEASE
from helpers.repair import mojibake


def test_shift_damage_reproduces_the_three_spans_of_the_release() -> None:
    raw = RAW_RELEASE.read_text(encoding="utf-8")
    for original, damaged in [
        ("\u3000（一）加大梯次培育力度", "?。ㄒ唬┘哟筇荽闻嘤Χ?"),
        ("。互聯網", "?;ヂ摼W"),
        ("\u3000（三）聚力強化科技服務", "?。ㄈ┚哿娀萍挤?"),
    ]:
        assert mojibake.shift_damage(original) == damaged
        assert damaged in raw


def test_simplified_qiang_does_not_explain_section_three() -> None:
    # the surviving byte 8A belongs to Traditional 強 (8F8A), not to Simplified 强 (C7BF)
    assert mojibake.shift_damage("\u3000（三）聚力强化科技服務") != "?。ㄈ┚哿娀萍挤?"


def test_find_spans_in_the_release() -> None:
    raw = RAW_RELEASE.read_text(encoding="utf-8")
    spans = mojibake.find_spans(raw)
    assert [s.damaged for s in spans] == ["?。ㄒ唬┘哟筇荽闻嘤Χ?", "?;ヂ摼W", "?。ㄈ┚哿娀萍挤?"]
    assert [s.recovered for s in spans] == [
        "\u3000（一）加大梯次培应\ufffd",
        "。互聯網",
        "\u3000（醛聚翃黄技\ufffd",
    ]
    assert [s.complete for s in spans] == [False, True, False]
    assert all(raw[s.start : s.end] == s.damaged for s in spans)


def test_plausibility() -> None:
    assert mojibake.is_plausible("发") and mojibake.is_plausible("發")  # via Simplified form
    assert not mojibake.is_plausible("ㄒ") and not mojibake.is_plausible("┘")
    assert mojibake.implausible_count("。ㄒ唬┘哟筇荽闻嘤Χ") == 6


def test_reconstructions_on_file_explain_their_damage() -> None:
    table = mojibake.load_reconstructions(MOJIBAKE_RECONSTRUCTIONS)
    assert set(table) == {"?。ㄒ唬┘哟筇荽闻嘤Χ?", "?。ㄈ┚哿娀萍挤?"}
    for entry in table.values():
        assert mojibake.shift_damage(entry.reconstruction) == entry.damaged
        assert entry.evidence


def test_a_reconstruction_that_does_not_explain_the_damage_is_refused(tmp_path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "damaged,reconstruction,evidence\n?。ㄒ唬┘哟筇荽闻嘤Χ?,\u3000（一）加大梯次培养力度,guess\n",
        encoding="utf-8",
    )
    message = r"bad\.csv, line 2: the reconstruction .* does not explain"
    with pytest.raises(ValueError, match=message):
        mojibake.load_reconstructions(bad)


def _section_body(header_start: str) -> str:
    from helpers.paths import REPAIRED_RELEASE
    from helpers.repair.text import sections

    for section in sections(REPAIRED_RELEASE.read_text(encoding="utf-8")):
        if section.header.startswith(header_start):
            return "".join(section.paragraphs)
    raise AssertionError(header_start)


def test_section_three_services_is_editorial_and_its_evidence_holds() -> None:
    # Only B7, the first byte of 服, survives: the bytes accept other words as well as 服務 ...
    damaged = "?。ㄈ┚哿娀萍挤?"
    for other in ("服飾", "服從", "服用", "服務"):
        assert mojibake.shift_damage("\u3000（三）聚力強化科技" + other) == damaged
    # ... so the choice rests on the section's content: talent, finance and policy services.
    entry = mojibake.load_reconstructions(MOJIBAKE_RECONSTRUCTIONS)[damaged]
    assert entry.reconstruction.endswith("科技服務") and "services" in entry.evidence
    body = _section_body("（三）")
    assert "服务" in body and not any(word in body for word in ("服饰", "服从", "服用"))


def test_section_one_cultivation_is_pinned_by_its_bytes_and_its_first_point() -> None:
    damaged = "?。ㄒ唬┘哟筇荽闻嘤Χ?"
    # 育 (D3FD) keeps its lead byte D3: 培养 (养 D1F8) or 培训 (训 D1B5) do not fit ...
    assert mojibake.shift_damage("\u3000（一）加大梯次培育力度") == damaged
    for other in ("培养", "培训"):
        assert mojibake.shift_damage(f"\u3000（一）加大梯次{other}力度") != damaged
    # ... and the section's first point names the same thing: 健全梯次培育体系.
    assert "梯次培育" in _section_body("（一）")


def test_the_prose_check_reads_jiebas_dictionary_without_importing_jieba() -> None:
    # The check parses only the words that begin with the characters it meets (seconds saved in
    # every fresh process); its segmentation is jieba's: 高新技术 is one word, 产业 another.
    dictionary = mojibake._dictionary()
    route = dictionary.route("高新技术产业")
    assert route[0][1] == 3 and route[4][1] == 5
    assert set("高新技术产业") <= dictionary.loaded
    assert dictionary.freq["高新"] > 0 and dictionary.freq.get("高新技", -1) == 0  # a prefix


def test_dropped_pairs_are_the_pairs_that_are_not_gbk_with_a_second_byte_not_ascii() -> None:
    dropped = mojibake._dropped_pairs()
    assert (0xAC, 0xEB) in dropped and (0xA6, 0x8C) in dropped  # user-defined and empty areas
    assert (0xB0, 0xA1) not in dropped  # 啊
    assert (0xA3, 0x3C) not in dropped  # an ASCII second byte: the mirror wrote "?" for it


def test_a_rival_reading_that_reads_better_is_found_and_the_release_span_has_none() -> None:
    # one more character before the lost first byte: 育、交通 fits the bytes of 、交通 too
    assert mojibake.rival_reading("、交通等領", "醫療、教", "域的應用", True) == "育、交通等領"
    # the release's 。互聯網 stands: no other reading of its bytes reads about as well
    assert mojibake.rival_reading("。互聯網", "驗室66家", "小鎮(zhè", True) is None
