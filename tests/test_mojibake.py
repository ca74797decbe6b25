"""helpers.mojibake: the damage model, span detection, byte recovery, editorial reconstructions."""

from __future__ import annotations

import pytest

from helpers import mojibake
from helpers.paths import MOJIBAKE_RECONSTRUCTIONS, RAW_RELEASE


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
