"""Repair on snippets of real pages of the mirror family (tests/real_corpus.py), every snippet
measured, and one test per kind of damage those pages show that the generated corpus did not.

Outcomes of a snippet: exact (the repair gives the clean text), flagged (an
UnresolvedMojibakeWarning, the span left as it was), or wrong (a different text and no warning),
which must never happen. Recovery is counted on the snippets whose bytes decide their mojibake.
"""

from __future__ import annotations

import warnings
from collections import Counter

import pytest
import real_corpus as corpus

from helpers.repair import mojibake
from helpers.repair.extract import iter_figures
from helpers.repair.text import UnresolvedMojibakeWarning, repair, repair_changes

NONE: dict = {}  # no editorial reconstructions: the bytes alone


def _outcome(snippet: corpus.Snippet) -> str:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", UnresolvedMojibakeWarning)
        out = repair(snippet.damaged, NONE)
    if any(issubclass(w.category, UnresolvedMojibakeWarning) for w in caught):
        return "flagged"
    return "exact" if out == snippet.clean + "\n" else "wrong"


@pytest.fixture(scope="module")
def outcomes() -> list[tuple[corpus.Snippet, str]]:
    return [(s, _outcome(s)) for s in corpus.SNIPPETS]


def test_every_proposed_original_redamages_to_its_snippet_byte_for_byte() -> None:
    sourced = [s for s in corpus.SNIPPETS if s.source]
    assert len(sourced) >= 19
    assert [s.damaged for s in sourced if corpus.redamage(s.source) != s.damaged] == []


def _host(url: str) -> str:
    return url.split("/")[2].removeprefix("www.").removeprefix("m.")


def test_the_corpus_comes_from_many_sites() -> None:
    hosts = {_host(s.url) for s in corpus.SNIPPETS}
    assert len(hosts) >= 30, sorted(hosts)


def test_the_real_page_figures(outcomes) -> None:
    """Every snippet measured; the figures printed (pytest -s) and held: those of data/README.md."""
    count = Counter(outcome for _, outcome in outcomes)
    decided = [outcome for s, outcome in outcomes if s.decides]
    figures = [
        [(f.number, f.unit) for f in iter_figures(text)] == expected
        for _, text, expected in corpus.FIGURES
    ]
    print(
        f"\nreal pages: {len({_host(s.url) for s in corpus.SNIPPETS})} sites, "
        f"{len(outcomes)} snippets: {count['exact']} exact, {count['flagged']} flagged, "
        f"{count['wrong']} wrong; spans whose bytes decide: {decided.count('exact')} of "
        f"{len(decided)} recovered; figures: {sum(figures)} of {len(figures)} exact"
    )
    assert (len(outcomes), count["exact"], count["flagged"], count["wrong"]) == (51, 42, 9, 0)
    assert (decided.count("exact"), len(decided)) == (10, 11)
    assert all(figures)


def test_no_snippet_is_repaired_wrongly_without_a_warning(outcomes) -> None:
    assert [s.damaged for s, outcome in outcomes if outcome == "wrong"] == []


def test_recovery_where_the_bytes_decide(outcomes) -> None:
    decided = [outcome for s, outcome in outcomes if s.decides]
    assert len(decided) >= 10 and decided.count("exact") / len(decided) >= 0.8
    assert all(outcome == "exact" for s, outcome in outcomes if s.decides is None)


def test_where_the_bytes_do_not_decide_the_span_is_flagged(outcomes) -> None:
    assert {outcome for s, outcome in outcomes if s.decides is False} == {"flagged"}


def test_the_figure_reader_is_exact_on_real_figures() -> None:
    for _, text, expected in corpus.FIGURES:
        assert [(f.number, f.unit) for f in iter_figures(text)] == expected, text


# --- one test per kind of damage seen on real pages ----------------------------------------------


@pytest.mark.parametrize(
    ("damaged", "clean"),
    [
        ("中國(guo)經濟平穩", "中国经济平稳"),  # a reading without its tone mark
        ("中國(guó)(guó)經濟平穩", "中国经济平稳"),  # a reading written twice
        ("社會(huì )發展", "社会发展"),  # a space inside the parentheses
        ("產(chan)(chan)(chan)業(ye)(ye)轉型", "产业转型"),  # three times (visashare.net)
    ],
)
def test_readings_in_every_form_the_pages_use_are_removed(damaged, clean) -> None:
    assert repair(damaged, NONE) == clean + "\n"


def test_a_toneless_word_that_is_not_a_reading_stays() -> None:
    assert repair("發展(ma)", NONE) == "发展(ma)\n"


def test_the_doubled_mark_comma_full_stop_is_the_full_stop() -> None:
    assert repair("全市經濟平穩增長,。全年新增企業", NONE) == "全市经济平稳增长。全年新增企业\n"


def test_a_comma_after_a_percentage_before_a_digit_is_a_clause_comma() -> None:
    assert repair("同比增長16.0%,7月份增長12%。", NONE) == "同比增长16.0%，7月份增长12%。\n"
    assert repair("共計1,295家", NONE) == "共计1,295家\n"  # a thousands comma stays


def test_a_space_as_thousands_separator_is_one_figure() -> None:
    (figure,) = iter_figures("中小企业数量已超过3 800万户")
    assert (figure.number, figure.value, figure.unit, figure.value_base) == (
        "3 800",
        3800,
        "万户",
        38_000_000,
    )
    assert [f.number for f in iter_figures("2016 年9 月")] == ["2016", "9"]


def test_a_flattened_question_mark_carries_the_full_stops_second_byte() -> None:
    # 。科技創(chuàng)新 shifted: ?(A1 lost) ?(A3 BF, a flattened ？) 萍(C6 BC) 紕(BC 84) ?(93 and "(")
    damaged = mojibake.shift_damage("。科技創(chuàng)新")
    assert damaged == "??萍紕?chuàng)新"
    assert repair("服務" + damaged + "能力", NONE) == "服务。科技创新能力\n"


def test_an_annotation_after_a_span_confirms_its_last_character() -> None:
    # ?,F(xiàn): 。現 shifted (A3 AC is ，, 46 is F); the reading after F names 現
    assert repair("工作要求?,F(xiàn)有農(nóng)作物", NONE) == "工作要求。现有农作物\n"


def test_a_reading_that_fits_several_characters_is_chosen_by_the_bytes() -> None:
    assert repair("這主要是因?yàn)槊娣e較大的土地", NONE) == "这主要是因为面积较大的土地\n"


def test_a_flagged_span_covers_only_itself() -> None:
    text = "企業研發投入??持續加大,新增企業(yè)120家。"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnresolvedMojibakeWarning)
        out = repair(text, NONE)
        changes = repair_changes(text, NONE)
    assert out == "企业研发投入??持续加大，新增企业120家。\n"
    flagged = [c for c in changes if c.note.startswith("unresolved")]
    assert flagged and {(c.position, c.position + len(c.before)) for c in flagged} <= {
        (6, 7),
        (7, 8),
        (6, 8),
    }


def test_a_shift_with_no_mark_for_its_lost_byte_is_recovered() -> None:
    # the second decoder (GB18030, invalid bytes ignored): 。“我們雙 leaves !拔覀冸p, no "?"
    assert mojibake.unmarked_damage("。“我們雙") == "!拔覀冸p"
    assert repair("他也很為難!拔覀冸p方的父母", NONE) == "他也很为难。“我们双方的父母\n"


def test_an_unmarked_shift_whose_last_character_lost_a_byte_takes_its_reading() -> None:
    # 動 is 84 D3; D3 went with the "(" of its reading, which survived and names it
    assert mojibake.unmarked_damage("。活動(dòng)") == ";顒(dòng)"
    assert repair("便民活動(dòng);顒(dòng)中,志愿者", NONE) == "便民活动。活动中，志愿者\n"


def test_an_unmarked_shift_that_bytes_do_not_decide_is_flagged_not_left() -> None:
    # 。基于此 by the second decoder: the pair F9 D3 of 基于 reads as a private-use character
    damaged = mojibake.unmarked_damage("。基于此，我國農業")
    with pytest.warns(UnresolvedMojibakeWarning):
        out = repair("有效的應用" + damaged + "生產", NONE)
    assert damaged.split("\ue2c4")[0] in out


def test_a_question_mark_pair_is_no_full_stop_where_another_first_byte_reads_as_well() -> None:
    # 通??赏: 常 (B3 A3) lost its first byte; read as 。 (A1 A3) it gives 通。可通
    with pytest.warns(UnresolvedMojibakeWarning):
        out = repair("片內具有快速ram,通??赏ㄟ^(guò)獨立的數據總線", NONE)
    assert "。" not in out


def test_a_misaligned_spans_last_character_is_named_by_its_own_reading() -> None:
    # 可見 read one byte late after 因: 見 (D2 8A) loses 8A to the "(" of its reading (jiàn)
    text = "因為可見(jiàn)的結果"
    damaged = mojibake.misaligned_annotation_damage(text, 0, "yàn")
    assert damaged.endswith("?jiàn)的結果") and "?yàn)" in damaged
    assert repair("這是" + damaged, NONE) == "这是因为可见的结果\n"


def test_a_headline_its_date_line_and_the_body_on_one_line_are_three_paragraphs() -> None:
    line = "每天約80個村莊消失 從人口遷徙尋找投資機會 2018-05-01 18:36:13 盡管人口是中長期變量。"
    assert repair(line, NONE) == (
        "每天约80个村庄消失 从人口迁徙寻找投资机会\n\n2018-05-01 18:36:13\n\n"
        "尽管人口是中长期变量。\n"
    )
    dated = "枣庄市高新技术产业发展情况 2025年03月24日 10:30 来源：枣庄日报 2024年，全市产值增长。"
    assert repair(dated, NONE).split("\n\n") == [
        "枣庄市高新技术产业发展情况",
        "2025年03月24日 10:30 来源：枣庄日报",
        "2024年，全市产值增长。\n",
    ]
    # a date inside a sentence is no date line
    assert repair("会议于 2025-03-24 召开，企业达到1295家。", NONE).count("\n") == 1
