"""Pattern 5 of issue 16, punctuation on pages of the mirror family: doubled marks, the hyphen
that stands for a connector or a dash (GB/T 15834-2011), and bylines kept as one paragraph. Each
damaged text is made here from a clean Simplified one, the way the mirror damages it."""

from __future__ import annotations

import opencc
import pytest

from helpers.repair.text import repair, repair_changes

_TO_TRADITIONAL = opencc.OpenCC("s2tw")
_FLATTEN = str.maketrans(dict(zip("，；：（）！？、", ",;:()!?、", strict=True)))


def mirror(clean: str, doubled: dict[str, str] | None = None) -> str:
    """The mirror's damage: Traditional characters, ASCII punctuation, both dashes flattened to
    a hyphen, the marks in `doubled` written twice (，→ ",," or "，、" → ",、"), paragraphs joined
    by a space."""
    text = clean
    for mark, twice in (doubled or {}).items():
        text = text.replace(mark, twice)
    text = _TO_TRADITIONAL.convert(text).translate(_FLATTEN)
    return text.replace("——", "-").replace("—", "-").replace("\n\n", " ")


@pytest.mark.parametrize(
    ("clean", "doubled"),
    [
        ("全市新增企业120家，增长15%。", {"，": ",,"}),
        ("培育新材料、新能源、生物医药等产业。", {"、": ",、"}),
        ("一是优化服务；二是强化保障。", {"；": ",;"}),
        ("主要做法：加强领导，完善机制。", {"：": ":,"}),
        ("全市新增企业120家，增长15%；培育新材料、新能源等产业。", {"，": ", ,", "、": "，、"}),
    ],
)
def test_a_doubled_mark_becomes_the_one_mark_of_the_original(clean: str, doubled: dict) -> None:
    damaged = mirror(clean, doubled)
    assert damaged != mirror(clean)
    assert repair(damaged) == clean + "\n"


def test_a_run_of_marks_between_digits_or_latin_text_is_left() -> None:
    assert repair("values 1,,2 and a,;b") == "values 1,,2 and a,;b\n"


@pytest.mark.parametrize(
    "clean",
    [
        "我国以秦岭—淮河一线为南北分界。",
        "京—沪高速全线贯通。",
        "构建科技型中小企业—高新技术企业—科技领军企业梯次培育体系。",
        "开通枣庄—上海航线。",
    ],
)
def test_a_hyphen_between_names_or_stages_is_the_connector(clean: str) -> None:
    assert repair(mirror(clean)) == clean + "\n"


@pytest.mark.parametrize(
    "clean",
    [
        "“科融信贷”首单落地——山东一唯自动化有限公司获得贷款。",
        "我们的目标只有一个——让企业满意。",
    ],
)
def test_a_hyphen_before_a_clause_is_the_dash(clean: str) -> None:
    assert repair(mirror(clean)) == clean + "\n"


def test_a_hyphen_next_to_digits_or_latin_letters_stays() -> None:
    text = "1-5月，全市完成投资；2011年-2012年；型号GB-2024。"
    assert repair(text) == text + "\n"
    assert [c for c in repair_changes(text) if c.before == "-"] == []


def test_a_byline_is_one_paragraph() -> None:
    clean = (
        "枣庄市高新技术产业发展情况\n\n来源：枣庄日报 作者：张三 发布时间：2025-03-24 10:30"
        "\n\n近日，全市召开会议。会议强调，要加快发展。"
    )
    damaged = mirror(clean)
    assert "來源:棗莊日報 作者:張三" in damaged
    paragraphs = repair(damaged).rstrip("\n").split("\n\n")
    assert paragraphs[0] == "枣庄市高新技术产业发展情况"
    assert paragraphs[1] == "来源：枣庄日报 作者：张三 发布时间：2025-03-24 10:30"
    assert paragraphs[2:] == ["近日，全市召开会议。会议强调，要加快发展。"]


def test_a_colon_and_space_outside_a_byline_still_breaks_the_paragraph() -> None:
    assert repair("主要做法: 加强领导。").split("\n\n") == ["主要做法：", "加强领导。\n"]
