"""Charts render Chinese in both languages with no missing-glyph warning, in the CJK font, with
their texts switched by the language setting; saved figures are stable, byte for byte."""

from __future__ import annotations

import ast
import csv
import io
import json
import logging
import re
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager, redirect_stderr
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from helpers import audit, fonts, i18n, plotting, release, tables  # noqa: E402
from helpers.paths import NOTEBOOKS_DIR  # noqa: E402
from helpers.plotting import (  # noqa: E402
    bar_breakdown,
    big_numbers,
    part_of_total,
    save_figure,
    setup,
    year_on_year,
)

PANDAS_OPTIONS = (
    "display.max_columns",
    "display.width",
    "display.max_colwidth",
    "display.float_format",
)


@pytest.fixture(autouse=True)
def styled(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """setup() for each test; matplotlib, pandas and the language are restored afterwards, so
    other test files see what they expect."""
    monkeypatch.delenv("ZZ_LANG", raising=False)
    monkeypatch.delenv(fonts.STRICT_ENV, raising=False)
    monkeypatch.setattr(i18n, "_lang", None)
    saved = {name: pd.get_option(name) for name in PANDAS_OPTIONS}
    with matplotlib.rc_context(), warnings.catch_warnings():
        setup()
        yield
        plt.close("all")
    for name, value in saved.items():
        pd.set_option(name, value)


@contextmanager
def glyph_problems() -> Iterator[list[str]]:
    """Collect every missing-glyph report, however matplotlib makes it: a warning (matplotlib
    3.11 uses `_api.warn_external`, a UserWarning), a log record, or text on stderr."""
    found: list[str] = []
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    logger = logging.getLogger("matplotlib")
    logger.addHandler(handler)
    stderr = io.StringIO()
    try:
        with warnings.catch_warnings(record=True) as caught, redirect_stderr(stderr):
            warnings.simplefilter("always")
            yield found
    finally:
        logger.removeHandler(handler)
    texts = [str(w.message) for w in caught] + [r.getMessage() for r in records]
    texts += stderr.getvalue().splitlines()
    found.extend(text for text in texts if "missing from font" in text or "Glyph" in text)


def draw(fig: Figure) -> Figure:
    fig.canvas.draw()
    return fig


# Chinese labels in both languages: the zh side of each pair is always drawn in one of the runs,
# and every chart also draws some Chinese in English (a fact's name, or 余 in the legend).
INCUBATORS = pd.DataFrame(
    {
        "label_en": [
            "National incubators",
            "National maker spaces",
            "Provincial incubators",
            "Provincial maker spaces",
            "Firms incubated (余)",
        ],
        "label_zh": [
            "国家级科技企业孵化器",
            "国家级众创空间",
            "省级科技企业孵化器",
            "省级众创空间",
            "累计孵化企业",
        ],
        "value": [3, 4, 2, 9, 2000],
        "qualifier": ["exact", "exact", "exact", "exact", "at_least"],
        "unit": ["家"] * 5,
    }
)
FUNDING = {
    "value": 8500,
    "unit": "万元",
    "qualifier": "at_least",
    "value_base": 85_000_000,
    "base_unit": "yuan",
    "indicator_en": "Support funds won (省级以上)",
    "indicator_zh": "获得省级以上支持资金",
    "period": "2024",
}
SMES = {
    "value": 1295,
    "unit": "家",
    "qualifier": "exact",
    "value_base": 1295,
    "base_unit": "count",
    "indicator_en": "Technology-based SMEs (国家科技型中小企业)",
    "indicator_zh": "国家科技型中小企业入库数",
    "period": "2024",
}
SHARE_PP = {
    "value": 2.76,
    "unit": "个百分点",
    "qualifier": "exact",
    "value_base": 2.76,
    "base_unit": "percentage_point",
    "indicator_en": "Rise",
    "indicator_zh": "提高",
}
EXPERTS = {
    "value": 68,
    "unit": "人",
    "qualifier": "exact",
    "value_base": 68,
    "base_unit": "count",
    "indicator_en": "Foreign experts",
    "indicator_zh": "外国专家",
    "period": "2024",
}
EXPERTS_GROWTH = {
    "value": 6.15,
    "unit": "%",
    "qualifier": "exact",
    "value_base": 6.15,
    "base_unit": "percent",
    "indicator_en": "Growth",
    "indicator_zh": "增长",
}

CHARTS: dict[str, tuple[Callable[[], Figure], tuple[str, str]]] = {
    "bar_breakdown": (
        lambda: bar_breakdown(
            INCUBATORS,
            title=("Incubation platforms 孵化", "孵化平台"),
            unit=("Number", "数量（家）"),
        ),
        ("Incubation platforms 孵化", "孵化平台"),
    ),
    "part_of_total": (
        lambda: part_of_total(
            58,
            INCUBATORS.iloc[:4],
            unit=("Number", "数量（家）"),
            title=("Incubators by level", "孵化载体按级别"),
        ),
        ("Incubators by level", "孵化载体按级别"),
    ),
    "year_on_year": (
        lambda: year_on_year(
            EXPERTS,
            EXPERTS_GROWTH,
            title=("Foreign experts", "新引进外国专家"),
            unit=("People", "人数（人）"),
        ),
        ("Foreign experts", "新引进外国专家"),
    ),
    "big_numbers": (
        lambda: big_numbers(
            [SMES, FUNDING],
            changes=[SHARE_PP, None],
            ncols=2,
            title=("Zaozhuang, 2024 枣庄", "2024年枣庄"),
        ),
        ("Zaozhuang, 2024 枣庄", "2024年枣庄"),
    ),
}


def _title_artist(fig: Figure) -> matplotlib.text.Text:
    """The chart's title: the figure's suptitle, else the first axes' (left-aligned) title."""
    return fig._suptitle if fig._suptitle is not None else fig.axes[0]._left_title


def _title(fig: Figure) -> str:
    return _title_artist(fig).get_text()


def _texts(fig: Figure) -> list[str]:
    return [text.get_text() for text in fig.findobj(matplotlib.text.Text)]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("chart", list(CHARTS))
def test_each_chart_renders_chinese_without_missing_glyphs(chart: str, lang: str) -> None:
    make, titles = CHARTS[chart]
    i18n.set_lang(lang)
    with glyph_problems() as problems:
        fig = draw(make())
    assert problems == []
    assert _title(fig) == titles[i18n.LANGS.index(lang)]
    assert [t.get_text() for t in fig.texts if t.get_gid() == "zz-source"] == [
        i18n.source_line(lang)
    ]
    # The text is drawn in the CJK font (and so is the Chinese in the English charts).
    font = fonts.cjk_font()
    assert font is not None
    assert Path(font_manager.findfont(_title_artist(fig).get_fontproperties())) == font.path


def test_the_detector_sees_missing_glyphs_when_there_is_no_cjk_font() -> None:
    # The control: the same detector reports DejaVu Sans' missing glyphs, so it can fail.
    with matplotlib.rc_context({"font.family": ["DejaVu Sans"]}), glyph_problems() as problems:
        fig, ax = plt.subplots(figsize=(2, 1))
        ax.set_title("高新技术企业")
        draw(fig)
    assert len(problems) == 6
    assert "missing from font(s) DejaVu Sans" in problems[0]


def test_the_language_switch_changes_every_text() -> None:
    i18n.set_lang("en")
    english = _texts(draw(CHARTS["bar_breakdown"][0]()))
    i18n.set_lang("zh")
    chinese = _texts(draw(CHARTS["bar_breakdown"][0]()))
    assert "Incubation platforms 孵化" in english and "孵化平台" in chinese
    assert "Number" in english and "数量（家）" in chinese
    assert "National incubators" in english and "国家级科技企业孵化器" in chinese
    assert "lower bound (余)" in english and "下限（余）" in chinese
    assert "≥ 2,000" in english and "≥2000家" in chinese
    # one chart in the other language, without changing the setting
    assert "孵化平台" in _texts(draw(bar_breakdown(INCUBATORS, title=("x", "孵化平台"), lang="zh")))
    assert i18n.get_lang() == "zh"


def test_tick_labels_follow_the_chart_language_not_the_setting_at_draw_time() -> None:
    fig = bar_breakdown(INCUBATORS, title="t", lang="zh")
    i18n.set_lang("en")
    draw(fig)
    assert "2000" in [label.get_text() for label in fig.axes[0].get_xticklabels()]


def test_lower_bound_bars_look_different() -> None:
    ax = draw(bar_breakdown(INCUBATORS, title="t")).axes[0]
    hatches = [patch.get_hatch() for patch in ax.patches]
    assert hatches == [None, None, None, None, "///"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["lower bound (余)"]


def test_amounts_are_scaled_on_the_axis() -> None:
    loans = [
        FUNDING,
        {
            "value": 290,
            "unit": "万元",
            "qualifier": "exact",
            "value_base": 2.9e6,
            "base_unit": "yuan",
            "indicator_en": "First loan",
            "indicator_zh": "首单贷款",
        },
    ]
    ax = bar_breakdown(loans, title="t").axes[0]
    assert ax.get_xlabel() == "CNY million"
    assert "≥ CNY 85 million" in _texts(ax.figure) and "CNY 2.9 million" in _texts(ax.figure)
    ax = bar_breakdown(loans, title="t", unit=("Funds", "资金"), lang="zh").axes[0]
    assert ax.get_xlabel() == "资金（万元）"
    assert "≥8500万元" in _texts(ax.figure)


def test_part_of_total_labels_the_implied_remainder() -> None:
    fig = part_of_total(58, INCUBATORS.iloc[:4], title="t", lang="zh")
    legend = [t.get_text() for t in fig.findobj(matplotlib.legend.Legend)[0].get_texts()]
    assert legend[-1] == "市级（推算）：40家"
    assert "合计：58家" in _texts(fig)
    fig = part_of_total(58, INCUBATORS.iloc[:4], title="t")
    legend = [t.get_text() for t in fig.findobj(matplotlib.legend.Legend)[0].get_texts()]
    assert legend[0] == "National incubators: 3"
    assert legend[-1] == "Municipal level (implied): 40"
    with pytest.raises(ValueError, match="exceed the total"):
        part_of_total(10, INCUBATORS.iloc[:4], title="t")


def test_part_of_total_remainder_after_lower_bound_parts_is_an_upper_bound() -> None:
    fig = part_of_total(2500, INCUBATORS, title="t")  # 2000余 is a lower bound
    legend = [t.get_text() for t in fig.findobj(matplotlib.legend.Legend)[0].get_texts()]
    assert legend[-1] == "Municipal level (implied): ≤ 482"


def test_year_on_year_draws_the_implied_earlier_year() -> None:
    ax = draw(year_on_year(EXPERTS, EXPERTS_GROWTH, title="t")).axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2023 (implied)", "2024"]
    assert "≈ 64" in _texts(ax.figure) and "+6.15% year on year" in _texts(ax.figure)
    earlier, current = ax.patches
    assert earlier.get_hatch() == "///" and earlier.get_linestyle() == "--"
    assert current.get_hatch() is None
    ax = draw(year_on_year(EXPERTS, EXPERTS_GROWTH, title="t", lang="zh")).axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2023年（推算）", "2024年"]
    assert "≈64人" in _texts(ax.figure) and "同比增长6.15%" in _texts(ax.figure)


def test_year_on_year_with_a_printed_or_derived_earlier_value() -> None:
    ax = year_on_year(68, earlier=64, title="t", kind="count").axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2023", "2024"]
    assert ax.patches[0].get_hatch() is None
    derived = {
        "value": 64.0597,
        "qualifier": "exact",
        "base_unit": "count",
        "formula": "foreign_experts / (1 + foreign_experts_growth / 100)",
    }
    ax = year_on_year(EXPERTS, EXPERTS_GROWTH, earlier=derived, title="t").axes[0]
    assert ax.get_xticklabels()[0].get_text() == "2023 (implied)"
    assert "≈ 64" in _texts(ax.figure)
    with pytest.raises(ValueError, match="growth_pct or earlier"):
        year_on_year(EXPERTS, title="t")


def test_year_on_year_takes_an_earlier_value_from_helpers_derive() -> None:
    derive = pytest.importorskip("helpers.derive")
    from types import SimpleNamespace

    current, growth = SimpleNamespace(id="a", **EXPERTS), SimpleNamespace(id="g", **EXPERTS_GROWTH)
    quantity = derive.implied_earlier(current, growth)
    ax = year_on_year(current, growth, earlier=quantity, title="t", lang="zh").axes[0]
    assert ax.get_xticklabels()[0].get_text() == "2023年（推算）"
    assert "≈64人" in _texts(ax.figure)


def test_big_numbers_show_value_name_and_change() -> None:
    english = _texts(big_numbers([SMES, FUNDING], changes=[SHARE_PP, "new"], title="t"))
    assert {"1,295", "≥ CNY 85 million", "+2.76 pp", "new"} <= set(english)
    chinese = _texts(big_numbers([SMES, FUNDING], changes=[SHARE_PP, None], lang="zh"))
    assert {"1295家", "≥8500万元", "提高2.76个百分点", "国家科技型中小企业入库数"} <= set(chinese)


def test_charts_take_a_facts_dataframe() -> None:
    facts = pd.DataFrame([SMES, FUNDING, EXPERTS])
    fig = big_numbers(facts)
    assert "Foreign experts" in _texts(fig)
    fig = bar_breakdown(facts.iloc[[0, 2]], title="t", lang="zh")
    assert {"1295家", "68人"} <= set(_texts(fig))


def test_a_chart_drawn_into_given_axes_gets_one_source_line() -> None:
    fig, (left, right) = plt.subplots(1, 2, figsize=(8, 3), layout="constrained")
    assert bar_breakdown(INCUBATORS.iloc[:2], title="a", ax=left) is fig
    assert year_on_year(EXPERTS, EXPERTS_GROWTH, title="b", ax=right) is fig
    assert _texts(fig).count(i18n.source_line()) == 1


def test_save_figure_writes_stable_png_and_svg(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv(plotting.SAVE_ENV, raising=False)

    def render() -> tuple[bytes, bytes]:
        fig = year_on_year(
            EXPERTS, EXPERTS_GROWTH, title=("Foreign experts", "外国专家"), lang="zh"
        )
        saved = save_figure(fig, "foreign_experts", lang="zh", out_dir=tmp_path, close=True)
        assert saved.png == tmp_path / "zh" / "foreign_experts.png"
        assert saved.svg == tmp_path / "zh" / "foreign_experts.svg"
        return saved.png.read_bytes(), saved.svg.read_bytes()

    png, svg = render()
    assert png.startswith(b"\x89PNG") and b"<svg" in svg
    assert b"<dc:date>" not in svg  # no date: the file does not change with the clock
    assert render() == (png, svg)  # byte-identical on a second run
    assert not list(tmp_path.rglob("*.part"))  # atomic writes leave nothing behind


def test_save_figure_names_and_repr(tmp_path: Path) -> None:
    fig = bar_breakdown(INCUBATORS.iloc[:2], title="t")
    with pytest.raises(ValueError, match="lower-case letters"):
        save_figure(fig, "Incubators by level", out_dir=tmp_path)
    saved = plotting.SavedFigure(
        plotting.FIGURES_DIR / "en" / "a.png", plotting.FIGURES_DIR / "en" / "a.svg"
    )
    # project-relative, so a stored notebook output is the same on every machine
    assert repr(saved) == "SavedFigure(png='build/figures/en/a.png', svg='build/figures/en/a.svg')"


def test_setup_is_idempotent_and_cheap() -> None:
    before = dict(matplotlib.rcParams)
    start = time.perf_counter()
    setup()
    elapsed = time.perf_counter() - start
    assert dict(matplotlib.rcParams) == before
    assert elapsed < 0.5, f"setup() took {elapsed:.3f} s on a second call"
    assert matplotlib.rcParams["font.family"][0] == fonts.cjk_font().family
    assert matplotlib.rcParams["svg.fonttype"] == "path"
    assert matplotlib.rcParams["axes.unicode_minus"] is False


def test_tables_show_readable_floats() -> None:
    frame = pd.DataFrame({"a": [1.27e9, float("nan"), 6.15, 0.00001, float("inf")]})
    assert frame.to_string().splitlines() == [
        "              a",
        "0 1,270,000,000",
        "1           NaN",
        "2          6.15",
        "3         1e-05",
        "4           inf",
    ]


def test_setup_checks_the_language() -> None:
    with pytest.raises(ValueError, match="Unknown language 'fr'"):
        setup(lang="fr")
    setup(lang="zh")
    assert i18n.get_lang() == "zh"


def test_setup_without_a_cjk_font_warns_once_and_is_quiet_after(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fonts, "_find_system_font", lambda: None)
    monkeypatch.setattr(fonts, "bundled_cjk_font_path", lambda: None)
    fonts._reset_for_tests()
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            setup()
            draw(bar_breakdown(INCUBATORS, title="孵化平台", lang="zh"))
        assert [w.category for w in caught] == [fonts.MissingCJKFontWarning]
        with pytest.raises(fonts.FontError):
            setup(strict_fonts=True)
    finally:
        fonts._reset_for_tests()


CHART_FUNCTIONS = {"bar_breakdown", "part_of_total", "year_on_year", "big_numbers"}


def _bare_chart_call_at_end(source: str) -> bool:
    """True when a cell ends with a chart call whose Figure Jupyter would show a second time."""
    code = "\n".join(
        line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))
    )
    try:
        body = ast.parse(code).body
    except SyntaxError:
        return False
    if not body or not isinstance(body[-1], ast.Expr) or not isinstance(body[-1].value, ast.Call):
        return False
    func = body[-1].value.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name in CHART_FUNCTIONS and not code.rstrip().endswith(";")


def test_the_bare_call_rule_detector() -> None:
    assert _bare_chart_call_at_end("helpers.bar_breakdown(x, title='t')")
    assert _bare_chart_call_at_end("import helpers\nyear_on_year(\n  a, b, title='t'\n)")
    assert not _bare_chart_call_at_end("fig = helpers.bar_breakdown(x, title='t')")
    assert not _bare_chart_call_at_end("helpers.bar_breakdown(x, title='t');")


def test_no_notebook_cell_ends_with_a_bare_chart_call() -> None:
    # The inline backend shows a cell's pyplot figures once; a Figure returned as the cell's
    # value would be shown a second time (plotting's module docstring).
    offenders = []
    for path in sorted(NOTEBOOKS_DIR.glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for number, cell in enumerate(cells, 1):
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            if cell["cell_type"] == "code" and _bare_chart_call_at_end(source):
                offenders.append(f"{path.name} cell {number}")
    assert not offenders, "end these cells with `fig = ...` or a ';': " + ", ".join(offenders)


def test_year_on_year_with_a_percentage_point_change() -> None:
    share = {
        "label_en": "Share",
        "label_zh": "占比",
        "value": 50.84,
        "base_unit": "percent",
        "qualifier": "exact",
    }
    change = {"value": 2.76, "base_unit": "percentage_point", "qualifier": "exact"}
    fig = plotting.year_on_year(
        share, change, title=("Share", "占比"), unit=("Percent", "百分比"), lang="en"
    )
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "+2.76 pp" in texts
    assert any(t.startswith("≈ 48.08") for t in texts), texts
    plt.close(fig)


def test_save_figure_follows_the_export_folder(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv(plotting.SAVE_ENV, raising=False)
    monkeypatch.setenv(plotting.BUILD_ENV, str(tmp_path))
    fig = bar_breakdown(INCUBATORS.iloc[:2], title="t", lang="en")
    saved = save_figure(fig, "two_bars", lang="en", close=True)
    assert saved.png == tmp_path / "figures" / "en" / "two_bars.png"
    assert saved.png.is_file() and saved.svg.is_file()


def test_save_figure_writes_nothing_when_told_not_to(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(plotting.SAVE_ENV, "0")
    fig = bar_breakdown(INCUBATORS.iloc[:2], title="t", lang="en")
    saved = save_figure(fig, "two_bars", lang="en", out_dir=tmp_path, close=True)
    assert saved.png == tmp_path / "en" / "two_bars.png"
    assert list(tmp_path.iterdir()) == []


# --- the audit's mark: a figure it finds inconsistent is marked wherever it is drawn ----------


# what a notebook passes: the ids the audit finds inconsistent (helpers.audit.inconsistent_ids)
INCONSISTENT = frozenset({"foreign_experts", "foreign_experts_growth"})


def _flagged_patches(fig: Figure) -> list:
    return [p for p in fig.axes[0].patches if p.get_hatch() == plotting.FLAG_HATCH]


def test_the_audit_names_its_inconsistent_figures() -> None:
    table = pd.DataFrame(
        {
            "figures": ["a b", "c", "d", "e"],
            "verdict": ["inconsistent", "inconsistent", "consistent", "bound"],
        }
    )
    assert audit.inconsistent_ids(table) == {"a", "b", "c"}
    assert audit.inconsistent_ids() == INCONSISTENT  # the release's own audit


def test_an_inconsistent_figure_is_marked_in_every_chart() -> None:
    experts = {**EXPERTS, "id": "foreign_experts"}
    growth = {**EXPERTS_GROWTH, "id": "foreign_experts_growth"}
    smes = {**SMES, "id": "tech_smes_registered"}
    bars = bar_breakdown([experts, smes], title="t", inconsistent=INCONSISTENT)
    assert len(_flagged_patches(bars)) == 1
    assert any(f"see {release.AUDIT_NOTEBOOK}" in t for t in _texts(bars))
    yoy = year_on_year(experts, growth, title="t", inconsistent=INCONSISTENT)
    assert len(_flagged_patches(yoy)) == 2  # both figures named: both bars
    # the rate alone named (the printed count is the solid figure): only the implied 2023 bar,
    # and the note says that the rate is what does not fit
    rate_only = year_on_year(experts, growth, title="t", inconsistent={"foreign_experts_growth"})
    assert [p.get_x() < 0.5 for p in _flagged_patches(rate_only)] == [True]
    assert any("worked back from a growth rate that does not fit" in t for t in _texts(rate_only))
    assert not any("inconsistent with another figure" in t for t in _texts(rate_only))
    tiles = big_numbers([experts], changes=[growth], lang="zh", inconsistent=INCONSISTENT)
    assert any(f"不一致：见{release.AUDIT_TITLE_ZH}" in t for t in _texts(tiles))
    assert _flagged_patches(bar_breakdown([experts], title="t")) == []  # nothing named, no mark


def test_a_consistent_figure_is_not_marked() -> None:
    fig = bar_breakdown(
        [{**SMES, "id": "tech_smes_registered"}], title="t", inconsistent=INCONSISTENT
    )
    assert _flagged_patches(fig) == []
    assert not any(release.AUDIT_NOTEBOOK in t for t in _texts(fig))


def test_a_change_is_drawn_in_a_neutral_colour() -> None:
    fig = big_numbers([SMES], changes=[SHARE_PP])
    change = next(t for t in fig.findobj(matplotlib.text.Text) if t.get_text() == "+2.76 pp")
    assert matplotlib.colors.to_hex(change.get_color()) == plotting.NEUTRAL.lower()


def test_bars_either_side_of_zero_get_a_zero_line_and_room() -> None:
    gaps = [
        {
            "label_en": f"{n} in 2023",
            "label_zh": f"{n}",
            "value": v,
            "qualifier": "exact",
            "base_unit": "percentage_point",
        }
        for n, v in ((64, 0.1), (65, -1.53))
    ]
    ax = bar_breakdown(gaps, title="t").axes[0]
    low, high = ax.get_xlim()
    assert low < -1.53 and high > 0.1
    assert any(list(line.get_xdata()) == [0, 0] for line in ax.get_lines())
    assert {"+0.1 pp", "-1.53 pp"} <= set(_texts(ax.figure))


# --- the numbers behind every chart: <name>.csv beside the PNG and SVG ------------------------


def _csv_rows(text: str) -> list[dict[str, str]]:
    import csv

    return list(csv.DictReader(io.StringIO(text)))


def test_chart_csvs_hold_the_values_drawn(tmp_path: Path, monkeypatch) -> None:
    """Each chart's CSV lists what the chart draws: the bar lengths of the figure (times the
    axis scale) are the CSV's values, its labels are the tick labels or legend, and the source
    names the facts or the derivation."""
    monkeypatch.delenv(plotting.SAVE_ENV, raising=False)
    from helpers import fact

    # bars: one per item, lengths in the axis unit (counts: 1 to 1)
    fig = bar_breakdown(INCUBATORS, title="t")
    rows = _csv_rows(save_figure(fig, "bars", out_dir=tmp_path, close=False).csv.read_text())
    ax = fig.axes[0]
    widths = [p.get_width() for p in ax.patches]
    assert [float(r["value"]) for r in rows] == pytest.approx(widths)
    ticks = [
        t.get_text().replace("\n", " ")
        for _, t in sorted(  # top first, as the CSV lists them
            zip(ax.get_yticks(), ax.get_yticklabels(), strict=True), key=lambda p: -p[0]
        )
    ]
    assert [r["label"] for r in rows] == ticks
    assert [r["qualifier"] for r in rows][-1] == "at_least"  # the lower bound stays a bound

    # part of a total: the segments' widths are the parts and the implied remainder
    parts = [fact("incubators_national"), fact("makerspaces_national")]
    fig = part_of_total(fact("incubators_total"), parts, title="t")
    rows = _csv_rows(plotting.data_csv(fig))
    segments = [p.get_width() for p in fig.axes[0].patches]
    assert [float(r["value"]) for r in rows[1:]] == pytest.approx(segments)
    assert float(rows[0]["value"]) == pytest.approx(sum(segments)) == 58
    assert rows[0]["source"] == "fact incubators_total"
    assert rows[-1]["source"].startswith("derived: total − the parts")
    assert rows[-1]["value"] == "51"  # 58 − 3 − 4, the municipal remainder the chart hatches

    # year on year: the two bars, then the growth printed on the arrow
    fig = year_on_year(EXPERTS, EXPERTS_GROWTH, title="t")
    rows = _csv_rows(plotting.data_csv(fig))
    heights = [p.get_height() for p in fig.axes[0].patches]
    assert [float(r["value"]) for r in rows[:2]] == pytest.approx(heights)
    assert rows[0]["qualifier"] == "approximate" and rows[0]["source"].startswith("derived:")
    assert rows[2]["value"] == "6.15" and rows[2]["unit"] == "percent"
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert rows[2]["label"] in texts

    # amounts: the bar lengths are in the axis's scale; the CSV keeps yuan
    fig = bar_breakdown([fact("provincial_funding"), fact("equipment_value")], title="t")
    rows = _csv_rows(plotting.data_csv(fig))
    widths = [p.get_width() for p in fig.axes[0].patches]
    assert [r["value"] for r in rows] == ["85000000", "1080000000"]
    scale = {round(float(r["value"]) / w) for r, w in zip(rows, widths, strict=True)}
    assert scale == {10**9}  # drawn in CNY billion, written in yuan
    assert "billion" in fig.axes[0].get_xlabel()
    assert {r["unit"] for r in rows} == {"yuan"}
    assert [r["source"] for r in rows] == ["fact provincial_funding", "fact equipment_value"]

    # big numbers: each tile's big number is the CSV's value, formatted
    fig = big_numbers([fact("tech_smes_registered"), fact("hightech_output_share")])
    rows = _csv_rows(plotting.data_csv(fig))
    shown = [ax.texts[0].get_text() for ax in fig.axes if ax.texts]
    assert [r["value"] for r in rows] == ["1295", "50.84"]
    assert [s.replace(",", "").rstrip("%家") for s in shown] == ["1295", "50.84"]


def test_a_chinese_charts_csv_is_in_chinese() -> None:
    """build/figures/zh/<name>.csv: Chinese header, units, qualifiers and sources."""
    from helpers import fact

    parts = [fact("incubators_national"), fact("makerspaces_national")]
    with i18n.using_lang("zh"):
        fig = part_of_total(fact("incubators_total"), parts, title="t")
    text = plotting.data_csv(fig, "zh")
    assert text.splitlines()[0] == "标签,数值,单位,限定,来源"
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["来源"] == "新闻稿：" + tables.fact_names()["incubators_total"]
    assert rows[-1]["来源"].startswith("推算（依据：" + tables.fact_names()["incubators_total"])
    assert [r["限定"] for r in rows] == ["确数", "确数", "确数", "推算"]
    assert {r["限定"] for r in rows} <= {"确数", "下限", "推算", "约数", "区间", "上限"}
    assert not [c for r in rows for c in (r["单位"], r["限定"]) if re.search("[A-Za-z]", c)]
    assert not re.search(r"[A-Za-z]{2}", text.split("\n", 1)[1])  # no English, no ids
    plt.close(fig)


def test_a_figure_not_drawn_here_gets_no_csv(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv(plotting.SAVE_ENV, raising=False)
    fig, ax = plt.subplots()
    saved = save_figure(fig, "plain", out_dir=tmp_path, close=True)
    assert saved.png.exists() and not saved.csv.exists()


def test_every_chart_a_notebook_saves_carries_its_data() -> None:
    # save_figure writes <name>.csv from the data a chart helper attaches; a chart drawn with
    # plain matplotlib must attach its own (helpers.plotting.attach_data), or its CSV is missing
    import json
    import re

    from helpers.paths import notebook_paths

    helpers_charts = re.compile(
        r"helpers\.(bar_breakdown|part_of_total|year_on_year|big_numbers)\("
    )
    for path in notebook_paths():
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            source = "".join(cell["source"])
            if cell["cell_type"] != "code" or "save_figure(" not in source:
                continue
            assert helpers_charts.search(source) or "attach_data(" in source, (
                f"{path.name}: a chart saved without its data: {source[:80]!r}"
            )


def test_alt_text_says_each_value_once_and_with_its_unit() -> None:
    """A chart's alt text: a growth or change the label already states is not repeated after
    it ("提高2.76个百分点 2.76"); a difference in percentage points carries 个百分点."""
    import helpers

    share, change = (
        helpers.fact("hightech_output_share"),
        helpers.fact("hightech_output_share_change_pp"),
    )
    experts, growth = helpers.fact("foreign_experts"), helpers.fact("foreign_experts_growth")
    gaps = [
        {
            "label_zh": "2023年62人",
            "label_en": "62 in 2023",
            "value": 3.53,
            "qualifier": "exact",
            "base_unit": "percentage_point",
        }
    ]
    with i18n.using_lang("zh"):
        alts = [
            plotting.alt_text(year_on_year(share, change, title=("Share", "比重"))),
            plotting.alt_text(year_on_year(experts, growth, title=("Experts", "外国专家"))),
            plotting.alt_text(bar_breakdown(gaps, title=("Gap", "差"), unit=("pp", "百分点"))),
        ]
    plt.close("all")
    assert alts[0].endswith("2024年 50.84%；提高2.76个百分点"), alts[0]
    assert alts[1].endswith("2024年 68；同比增长6.15%"), alts[1]
    assert alts[2] == "差：2023年62人 +3.53个百分点"
