"""Pictures: each plot on real reports returns axes with the bars or lines expected, Chinese
labels where a Chinese font is installed, English ones (with one warning) where none is."""

import itertools
import re
import warnings
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import opengovreport as ogr
from opengovreport import examples, plots

from .corpus_figures import CORPUS, HONGZE, HUAIAN

pytest.importorskip("matplotlib")


@pytest.fixture(autouse=True)
def _close_figures() -> object:
    import matplotlib.pyplot as plt

    yield None
    plt.close("all")


def _corpus() -> ogr.Corpus:
    return ogr.Corpus([f.report() for f in CORPUS] + [examples.load("synthetic-2021")])


def _legend(ax: object) -> list[str]:
    legend = ax.get_legend()  # type: ignore[attr-defined]
    assert legend is not None
    return [t.get_text() for t in legend.get_texts()]


def _bars(ax: object, size: str) -> list[float]:
    """The heights (or widths) of the bars of ``ax``."""
    from matplotlib.patches import Rectangle

    return [
        float(getattr(p, f"get_{size}")())
        for p in ax.patches  # type: ignore[attr-defined]
        if isinstance(p, Rectangle)
    ]


def _chinese(texts: list[str]) -> bool:
    return all(any("\u4e00" <= c <= "\u9fff" for c in t) for t in texts if t)


def test_outcomes_of_a_real_report() -> None:
    ax = plots.plot_outcomes(HUAIAN.report())
    assert len(ax.patches) == 6 * 6  # six outcome groups stacked over six applicant types
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert len(ticks) == 6
    if plots.cjk_font() is not None:
        assert ticks[0] == "自然人"
        assert _chinese(_legend(ax))
    heights = _bars(ax, "height")[:6]  # （一）予以公开 by applicant type
    requests = HUAIAN.report().requests.disclosed
    assert heights == [
        float(requests.natural_person or 0),
        float(requests.commercial_enterprise or 0),
        float(requests.research_institution or 0),
        float(requests.public_interest_org or 0),
        float(requests.legal_service_org or 0),
        float(requests.other_org or 0),
    ]
    assert ax.figure is not None


def test_appeals_of_a_real_report() -> None:
    ax = plots.plot_appeals(HUAIAN.report(), lang="en")
    assert len(ax.patches) == 4 * 3
    assert _legend(ax) == [
        "Upheld",
        "Corrected",
        "Other result",
        "Not yet concluded",
    ]


def test_corpus_pictures() -> None:
    corpus = _corpus()
    ax = plots.plot_indicator(corpus, "disclosed", bins=5)
    assert sum(_bars(ax, "height")) == len(corpus)
    ranked = plots.plot_ranking(corpus, "disclosed")
    names = [t.get_text() for t in ranked.get_yticklabels()]
    assert sorted(names) == sorted(corpus.agencies())  # agencies named as printed
    widths = _bars(ranked, "width")
    assert widths == sorted(widths)  # the highest at the top
    frame = corpus.indicators_frame()
    agency = frame["agency"].iloc[0]
    trend = plots.plot_trend(frame, agency, ("disclosed", "completion", "withheld"))
    assert len(trend.get_lines()) == 3
    with pytest.raises(ValueError, match="no report of '某局'"):
        plots.plot_trend(frame, "某局")


def test_without_a_chinese_font_the_labels_are_english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plots, "cjk_font", lambda: None)
    monkeypatch.setattr(plots, "_WARNED", [])
    with pytest.warns(UserWarning, match="no Chinese font found"):
        ax = plots.plot_outcomes(examples.load("synthetic-2021"))
    assert next(t.get_text() for t in ax.get_xticklabels()) == "Persons"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # said once
        plots.plot_appeals(examples.load("synthetic-2021"))


def _data(values: Any) -> list[float]:
    """A line's x or y data as floats."""
    return [float(v) for v in values]


def _families(texts: "list[Any]") -> set[str]:
    return {f for t in texts for f in t.get_fontfamily()}


def test_slope_chart_of_a_real_comparison() -> None:
    """淮安市洪泽区人民政府 against 淮安市人民政府, both real 2024 reports: a line per key
    indicator from before to after, named in Chinese in the CJK font."""
    comparison = ogr.compare(HUAIAN.report(), HONGZE.report())
    ax = plots.plot_slope(comparison)
    lines = {str(line.get_gid()): _data(line.get_ydata()) for line in ax.get_lines()}
    assert len(lines) == 4  # the key indicators, each with both values
    disclosed = comparison.indicator("disclosed")
    assert disclosed.before is not None
    assert disclosed.after is not None
    name = "予以公开率" if plots.cjk_font() is not None else "Disclosed rate"
    assert lines[name] == pytest.approx([disclosed.before * 100, disclosed.after * 100])
    appeals = comparison.indicator("appeals_per_100")
    assert appeals.before is not None
    shown = next(v for k, v in lines.items() if k.startswith(("每百件", "Appeals")))
    assert shown[0] == pytest.approx(appeals.before)  # a count per 100 as it is
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks == ["淮安市人民政府 2024", "淮安市洪泽区人民政府 2024"]
    labels = list(ax.texts)
    assert len(labels) == 4
    if plots.cjk_font() is not None:
        assert _chinese([t.get_text() for t in labels])
        assert plots.cjk_font() in _families(labels)
        assert plots.cjk_font() in _families(ax.get_xticklabels())
    figures = plots.plot_slope(comparison, figures=True, lang="en")
    heights = {str(line.get_gid()): _data(line.get_ydata()) for line in figures.get_lines()}
    assert heights["Requests received"] == [3119.0, 95.0]


def test_position_among_peers_of_real_reports() -> None:
    """淮安市洪泽区人民政府 among the real reports of 2024 and the synthetic example (as of
    2024): the agency's diamond where its value falls between the group's lowest and
    highest."""
    synthetic = examples.load("synthetic-2021")
    synthetic = attrs.evolve(synthetic, meta=attrs.evolve(synthetic.meta, year=2024))
    corpus = ogr.Corpus([HONGZE.report(), HUAIAN.report(), synthetic])
    benchmark = corpus.benchmark(HONGZE.agency, 2024)
    ax = plots.plot_position(benchmark)
    agency = [line for line in ax.get_lines() if line.get_gid() == "ogr-agency"]
    rows = [benchmark.standing(c) for c in ("appeals_per_100", "reconsideration_corrected",
                                            "completion", "disclosed")]  # fmt: skip
    assert len(agency) == 4
    for line, s in zip(agency, rows, strict=True):
        assert None not in (s.value, s.low, s.high)
        assert s.value is not None
        assert s.low is not None
        assert s.high is not None
        expected = (s.value - s.low) / (s.high - s.low) if s.high > s.low else 0.5
        assert _data(line.get_xdata()) == pytest.approx([expected])
    peers = [line for line in ax.get_lines() if line.get_gid() == "ogr-peers"]
    assert [len(_data(line.get_xdata())) for line in peers] == [2, 2, 2, 2]
    names = ax.get_yticklabels()
    if plots.cjk_font() is not None:
        assert [t.get_text() for t in names][-1] == "予以公开率"
        assert plots.cjk_font() in _families(names)
        assert _chinese([ax.get_title()])


@given(st.lists(st.floats(-1000, 1000), max_size=12), st.just(0.0) | st.floats(0.01, 3000))
def test_slope_labels_keep_apart_in_order(values: list[float], span: float) -> None:
    from opengovreport.plots import _spread

    if values:  # the axis spans the values at least
        span = max(span, max(values) - min(values))
    placed = _spread(values, span)
    assert len(placed) == len(values)
    order = sorted(range(len(values)), key=lambda i: values[i])
    ys = [placed[i] for i in order]
    assert ys == sorted(ys)
    if len(values) > 1:
        step = (span or abs(max(values)) or 1.0) * 0.05  # span is 0 where all are equal
        assert all(b - a >= step * 0.999 for a, b in itertools.pairwise(ys))


def _overlap(a: Any, b: Any) -> bool:
    return bool(a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_outcomes_labels_apart_and_no_bar_covered(lang: str) -> None:
    """plot_outcomes: no two x labels overlap, every bar is inside the axes (none clipped)
    and no bar under the legend, in either language."""
    ax = plots.plot_outcomes(HUAIAN.report(), lang=lang)
    figure = ax.figure
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    ticks = [t.get_window_extent(renderer) for t in ax.get_xticklabels()]
    assert not any(_overlap(a, b) for a, b in itertools.combinations(ticks, 2))
    shown = ax.get_legend()
    assert shown is not None
    legend = shown.get_window_extent(renderer)
    inside = ax.get_window_extent(renderer)
    figure_box = figure.bbox
    assert figure_box.x0 <= legend.x0
    assert legend.x1 <= figure_box.x1
    for bar in ax.patches:
        box = bar.get_window_extent(renderer)
        if box.height > 0:
            assert inside.y0 - 1 <= box.y0
            assert box.y1 <= inside.y1 + 1
            assert not _overlap(box, legend)


def test_use_cjk_font_offers_the_font_to_ones_own_figures() -> None:
    import matplotlib as mpl
    import matplotlib.pyplot as plt

    before = dict(mpl.rcParams)
    try:
        family = plots.use_cjk_font()
        if family is None:
            pytest.skip("no Chinese font installed")
        assert mpl.rcParams["font.sans-serif"][0] == family
        figure, ax = plt.subplots()
        ax.set_title("予以公开率")
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # no "Glyph … missing from font(s)" warning
            figure.canvas.draw()
    finally:
        mpl.rcParams.update(before)


def test_rates_in_percent_with_their_counts() -> None:
    corpus = _corpus()
    ranked = plots.plot_ranking(corpus, "disclosed")
    labels = [t.get_text() for t in ranked.texts]
    assert labels
    assert all(re.fullmatch(r"\d+\.\d%( \(\d+/\d+\))?", label) for label in labels), labels
    assert any("/" in label for label in labels)  # the counts from the corpus
    ticks = ranked.xaxis.get_major_formatter()
    assert ticks(0.5, 0).endswith("%")
    histogram = plots.plot_indicator(corpus, "disclosed")
    assert histogram.xaxis.get_major_formatter()(0.25, 0).endswith("%")
