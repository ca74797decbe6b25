"""helpers.repair.text.repair: on the release itself, and on damaged text made here from clean text."""

from __future__ import annotations

import re
import warnings

import opencc
import pytest
from pypinyin import Style, pinyin

from helpers.paths import RAW_RELEASE
from helpers.repair import mojibake
from helpers.repair.script import to_simplified
from helpers.repair.text import (
    UnresolvedMojibakeWarning,
    repair,
    repair_changes,
    repair_report,
    sections,
)

# Clean Simplified paragraphs in the style of municipal releases, none taken from our release.
CLEAN = [
    "2024年，全市规模以上工业增加值同比增长8.2%，高于全省平均水平1.5个百分点；我们着力推动"
    "传统产业转型升级，经历着从“量”到“质”的深刻变化。",
    "市农业农村局（乡村振兴局）坚持以发展为导向，新建高标准农田12万亩：全年举办培训班30余期，"
    "培训农民3000余人次。",
    "该项目采用人工智能(AI)技术，效果显著，详见(https://www.example.gov.cn/news/2024/01.html)。",
    "著名科学家应邀出席会议，并围绕“科技创新与产业发展”作专题报告——现场气氛热烈！",
    "下一步，我们将继续优化营商环境，为企业发展提供更加优质的服务保障。",
]

_TO_TRADITIONAL = opencc.OpenCC("s2tw")
_FLATTEN = str.maketrans(dict(zip("，；：（）！？", ",;:()!?", strict=True)))


def damage(clean: str, pinyin_every: int = 3) -> str:
    """What the mirror does: Traditional, a reading after every n-th changed character, ASCII
    punctuation, paragraphs joined by a space."""
    traditional = _TO_TRADITIONAL.convert(clean)
    out, changed = [], 0
    for simplified, char in zip(clean, traditional, strict=True):
        out.append(char)
        if char != simplified:
            changed += 1
            if changed % pinyin_every == 0:
                out.append(f"({pinyin(char, style=Style.TONE)[0][0]})")
    flat = "".join(out).translate(_FLATTEN).replace("——", "-")
    return flat.replace("\n\n", " ")


@pytest.fixture(scope="module")
def raw() -> str:
    return RAW_RELEASE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def repaired(raw: str) -> str:
    return repair(raw)


# --- the release -------------------------------------------------------------------------------


def test_release_has_no_pinyin_left(repaired: str) -> None:
    assert not re.search(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùü]+\)", repaired)


def test_release_has_no_traditional_character_left(repaired: str) -> None:
    assert to_simplified(repaired) == repaired
    for traditional in "發業產創續鎮區態環穩優規臺舉":
        assert traditional not in repaired


def test_release_has_no_mojibake_left(repaired: str) -> None:
    assert mojibake.find_spans(repaired) == []
    # kana, bopomofo, box drawing, Greek: what a one-byte shift of GBK produces
    assert not re.search(r"[\u3040-\u30ff\u3100-\u312f\u2500-\u257f\u0370-\u03ff?\ufffd]", repaired)


def test_release_headers_read_as_written(repaired: str) -> None:
    assert [s.header for s in sections(repaired)] == [
        "",
        "（一）加大梯次培育力度，科技型企业快速成长",
        "（二）突出核心技术攻关，产业创新能力稳步提升",
        "（三）聚力强化科技服务，产业创新生态持续优化",
    ]


def test_release_sentence_boundary_restored(repaired: str) -> None:
    assert "新建市重点实验室66家。互联网小镇获评国家级孵化平台优秀等次。" in repaired


def test_release_real_parentheses_stay(repaired: str) -> None:
    assert "孵化器（众创空间）58家" in repaired
    assert "高层次人才（泰山产业领军人才工程）15人" in repaired
    assert repaired.rstrip().endswith("(https://mp.weixin.qq.com/s/HN_nQ3SfpkwYtoBg9M1M8g)")


def test_release_punctuation_is_full_width(repaired: str) -> None:
    assert "驶入“快车道”：2024年" in repaired
    assert "首单落地——山东一唯" in repaired
    # a comma between two Chinese characters never stays ASCII
    assert not re.search(r"[\u4e00-\u9fff][,;:!?]|[,;:!?][\u4e00-\u9fff]", repaired)


def test_release_paragraphs(repaired: str) -> None:
    paragraphs = repaired.rstrip("\n").split("\n\n")
    assert len(paragraphs) == 9
    assert paragraphs[-1].startswith("下一步，")
    # the title keeps its own space
    assert "科技赋能新质生产力 高新技术产业发展再上新台阶" in paragraphs[0]


def test_release_change_counts(raw: str) -> None:
    report = repair_report(raw)
    assert report["kind"].value_counts().to_dict() == {
        "traditional": 533,
        "pinyin": 125,
        "punctuation": 112,
        "paragraph": 7,
        "mojibake": 3,
    }
    assert list(report.columns) == ["kind", "position", "before", "after", "note"]


def test_release_positions_point_into_the_raw_text(raw: str) -> None:
    for change in repair_changes(raw):
        if change.kind in ("mojibake", "pinyin", "punctuation"):
            assert raw[change.position : change.position + len(change.before)] == change.before


def test_release_mojibake_changes(raw: str) -> None:
    found = [(c.before, c.after) for c in repair_changes(raw) if c.kind == "mojibake"]
    assert found == [
        ("?。ㄒ唬┘哟筇荽闻嘤Χ?", "\u3000（一）加大梯次培育力度"),
        ("?;ヂ摼W", "。互聯網"),
        ("?。ㄈ┚哿娀萍挤?", "\u3000（三）聚力強化科技服務"),
    ]


# --- damaged text made from clean text ---------------------------------------------------------


@pytest.mark.parametrize("clean", CLEAN)
def test_repair_undoes_the_mirror(clean: str) -> None:
    damaged = damage(clean)
    assert damaged != clean
    assert repair(damaged) == clean + "\n"


def test_repair_restores_paragraphs_joined_by_a_space() -> None:
    clean = "\n\n".join(CLEAN[:2] + CLEAN[3:])
    assert repair(damage(clean)) == clean + "\n"


def test_repair_keeps_parentheses_that_are_not_pinyin() -> None:
    text = "采用人工智能(AI)技术，设立孵化器(众創空間)和(app)，见(https://a.cn/x)。"
    assert (
        repair(text)
        == "采用人工智能(AI)技术，设立孵化器（众创空间）和(app)，见(https://a.cn/x)。\n"
    )


def test_pinyin_removed_only_when_it_is_a_reading_of_the_character() -> None:
    # 發 reads fā; "(ma)" is not a reading of 展, so it stays, ASCII like any Latin-only content
    assert repair("發(fā)展(ma)") == "发展(ma)\n"


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [("著力推動", "着力推动"), ("經歷著", "经历着"), ("著名", "著名"), ("顯著", "显著")],
)
def test_zhe_and_zhu(traditional: str, simplified: str) -> None:
    assert to_simplified(traditional) == simplified


def test_lossless_mojibake_is_recovered_from_bytes() -> None:
    clean = "新建市重点实验室12家。互联网小镇获评省级优秀等次。"
    traditional = _TO_TRADITIONAL.convert(clean)
    start = traditional.index("。互")
    span = traditional[start : start + 4]  # 。互聯網
    damaged = traditional[:start] + mojibake.shift_damage(span) + traditional[start + 4 :]
    assert "?;ヂ摼W" in damaged
    assert repair(damaged) == clean + "\n"


def test_lossy_mojibake_without_reconstruction_is_kept_and_flagged(tmp_path) -> None:
    empty = tmp_path / "none.csv"
    empty.write_text("damaged,reconstruction,evidence\n", encoding="utf-8")
    raw = "工作： ?。ㄒ唬┘哟筇荽闻嘤Χ?,科技型企业快速成长"
    with pytest.warns(UnresolvedMojibakeWarning, match="no reconstruction on file"):
        out = repair(raw, reconstructions=empty)
    assert "ㄒ唬┘哟筇荽闻嘤Χ" in out
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnresolvedMojibakeWarning)
        notes = [c.note for c in repair_changes(raw, reconstructions=empty) if c.kind == "mojibake"]
    assert notes == ["unresolved; bytes give '\\u3000（一）加大梯次培应\ufffd'"]


def test_question_mark_before_ordinary_text_is_not_mojibake() -> None:
    assert mojibake.find_spans("这是为什么?我们认为原因有三。") == []
    assert repair("这是为什么?我们认为原因有三。") == "这是为什么？我们认为原因有三。\n"
