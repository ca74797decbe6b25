"""One language setting for every chart: English by default, ZZ_LANG or set_lang to switch."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from helpers import i18n
from helpers.i18n import get_lang, indicator, set_lang, source_line, tr, using_lang


@pytest.fixture(autouse=True)
def _default_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ZZ_LANG", raising=False)
    monkeypatch.setattr(i18n, "_lang", None)  # restored after the test, whatever it set


def test_english_is_the_default() -> None:
    assert get_lang() == "en"


def test_the_environment_variable_sets_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZZ_LANG", "zh")
    assert get_lang() == "zh"
    assert set_lang("en") == "en"  # an explicit choice wins over the environment
    assert set_lang(None) == "zh"  # and None goes back to it


def test_an_unknown_language_says_which_are_allowed() -> None:
    with pytest.raises(ValueError) as error:
        set_lang("fr")
    assert str(error.value) == "Unknown language 'fr': use 'en' or 'zh'"
    assert get_lang() == "en"  # the failed call changed nothing


def test_an_unknown_language_in_the_environment_names_the_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ZZ_LANG", "cn")
    with pytest.raises(ValueError, match=r"Unknown language 'cn': use 'en' or 'zh' .*ZZ_LANG"):
        get_lang()


def test_tr_picks_the_current_language() -> None:
    assert tr(("Incubators", "孵化器")) == "Incubators"
    set_lang("zh")
    assert tr(("Incubators", "孵化器")) == "孵化器"
    assert tr({"en": "Incubators", "zh": "孵化器"}) == "孵化器"
    assert tr("R&D") == "R&D"  # a plain string is the same in both languages
    assert tr(None) == ""
    assert tr(("Incubators", "孵化器"), lang="en") == "Incubators"


def test_tr_refuses_what_is_not_a_text() -> None:
    with pytest.raises(TypeError):
        tr(("one", "two", "three"))  # type: ignore[arg-type]


def test_using_lang_restores_the_previous_setting() -> None:
    set_lang("en")
    with using_lang("zh"):
        assert get_lang() == "zh"
    assert get_lang() == "en"


def test_indicator_reads_facts_rows_and_dicts() -> None:
    fact = SimpleNamespace(indicator_en="National-level platforms", indicator_zh="国家级平台数")
    row = {"label_en": "National", "label_zh": "国家级", "indicator_en": "unused"}
    assert indicator(fact) == "National-level platforms"
    assert indicator(row) == "National"  # a breakdown row's own label comes first
    assert indicator(fact, lang="zh") == "国家级平台数"
    with using_lang("zh"):
        assert indicator(row) == "国家级"
    with pytest.raises(KeyError):
        indicator({"value": 3})


def test_indicator_reads_a_pandas_row() -> None:
    pd = pytest.importorskip("pandas")
    row = pd.DataFrame(
        {
            "indicator_en": ["Foreign experts"],
            "indicator_zh": ["外国专家"],
            "label_en": [None],
            "label_zh": [None],
        }
    ).iloc[0]
    assert indicator(row) == "Foreign experts"  # an empty label cell falls through to indicator
    assert indicator(row, lang="zh") == "外国专家"


def test_the_source_line_in_both_languages() -> None:
    assert source_line() == "Source: Zaozhuang municipal press conference, 2025-03-24"
    assert source_line("zh") == "资料来源：枣庄市政府新闻办新闻发布会，2025年3月24日"


def test_every_phrase_exists_in_both_languages() -> None:
    for key, texts in i18n.PHRASES.items():
        assert set(texts) == set(i18n.LANGS), key
