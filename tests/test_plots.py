"""Pictures: each plot on real reports returns axes with the bars or lines expected, Chinese
labels where a Chinese font is installed, English ones (with one warning) where none is."""

import warnings

import pytest

import opengovreport as ogr
from opengovreport import examples, plots

from .corpus_figures import CORPUS, HUAIAN

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
    assert next(t.get_text() for t in ax.get_xticklabels()) == "Natural persons"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # said once
        plots.plot_appeals(examples.load("synthetic-2021"))
