"""Pictures of reports and corpora with matplotlib (the extra ``plot``): a report's outcomes by
applicant type and its reconsiderations and lawsuits; across a corpus, an indicator's spread, its
course over the years of one agency, and agencies ranked by it; a comparison as a slope chart of
this year against last, and an agency's position on each indicator's distribution among its
peers.

Chinese labels need a Chinese font: the first installed of the usual ones (Noto Sans/Serif CJK,
Source Han, WenQuanYi, SimHei, Microsoft YaHei, PingFang …) is used; without one the labels fall
back to their English glosses, with one warning. Each function returns the matplotlib ``Axes``
(its ``figure`` too) for further styling.
"""

import dataclasses
import functools
import re
import shutil
import subprocess
import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .errors import ExtraMissingError, InputError
from .model import Report
from .schema import KEY_INDICATORS, OUTCOME_GROUPS, TABLE3_COLUMNS, TABLE4_COLUMNS, Label, indicator
from .totals import comparable_cells

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

    from .benchmark import Benchmark
    from .comparison import Comparison
    from .corpus import Corpus

__all__ = [
    "cjk_font",
    "plot_appeals",
    "plot_indicator",
    "plot_outcomes",
    "plot_position",
    "plot_ranking",
    "plot_slope",
    "plot_trend",
]

#: Chinese fonts, best first
_CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Serif CJK SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
    "Heiti SC",
    "STHeiti",
    "Sarasa Gothic SC",
    "AR PL UMing CN",
)


def _matplotlib() -> Any:
    try:
        import matplotlib
    except ImportError:
        raise ExtraMissingError(
            "pictures need matplotlib: pip install 'opengovreport[plot]'"
        ) from None
    return matplotlib


@functools.cache
def cjk_font() -> str | None:
    """The family of an installed Chinese font matplotlib can use, or ``None``. Fonts that
    fontconfig knows but matplotlib's font cache does not yet (installed after it was made) are
    added to it."""
    _matplotlib()
    from matplotlib import font_manager

    def known() -> str | None:
        names = {f.name for f in font_manager.fontManager.ttflist}
        return next((name for name in _CJK_FAMILIES if name in names), None)

    found = known()
    if found is None and shutil.which("fc-list"):
        try:
            listed = subprocess.run(
                ["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=10
            ).stdout
        except (OSError, subprocess.SubprocessError):
            listed = ""
        for line in listed.splitlines():
            path = line.split(":")[0].strip()
            if path:
                try:
                    font_manager.fontManager.addfont(path)
                except (OSError, RuntimeError, ValueError):
                    continue
        found = known()
    if found is not None:
        # a font whose only weight is "medium" (WenQuanYi's regular face): matplotlib asks for
        # "normal" and complains on every label; its regular face is taken as normal
        faces = font_manager.fontManager.ttflist
        own = [i for i, f in enumerate(faces) if f.name == found]
        if own and not any(faces[i].weight in ("normal", "regular", 400) for i in own):
            for i in own:
                if faces[i].weight in ("medium", 500):
                    faces[i] = dataclasses.replace(faces[i], weight=400)
            cached = getattr(font_manager.fontManager, "_findfont_cached", None)
            if cached is not None and hasattr(cached, "cache_clear"):
                cached.cache_clear()
    return found


_WARNED: list[bool] = []


def _language(lang: str) -> str:
    """``lang``, or ``"en"`` where Chinese was asked for and no Chinese font is installed (said
    once)."""
    if lang == "zh" and cjk_font() is None:
        if not _WARNED:
            _WARNED.append(True)
            warnings.warn(
                "no Chinese font found for matplotlib (install e.g. fonts-noto-cjk or "
                "fonts-wqy-zenhei): labels are shown in English; agency names may show as boxes",
                stacklevel=3,
            )
        return "en"
    return lang


def _axes(ax: "Axes | None", lang: str, size: tuple[float, float] = (8, 4.5)) -> "Axes":
    """``ax``, or the axes of a new figure (its texts are given the Chinese font one by one:
    the global settings stay the user's)."""
    if ax is not None:
        return ax
    _matplotlib()
    import matplotlib.pyplot as plt

    _figure, made = plt.subplots(figsize=size, layout="constrained")
    return made


def _font() -> dict[str, Any]:
    """The font text of a picture is drawn in (the Chinese one where installed)."""
    family = cjk_font()
    if not family:
        return {}
    return {"fontfamily": [family]}


def _text(label: Label, lang: str) -> str:
    """A label in a picture: without the note in brackets some labels carry (（二）部分公开
    （区分处理的，只计这一情形…） is 部分公开's label)."""
    text = label.zh if lang == "zh" else label.en
    return _NOTE.sub("", text) or text


_NOTE = re.compile(r"(?<=\S)[（(][^（）()]{6,}[)）]$")


def plot_outcomes(report: Report, lang: str = "zh", ax: "Axes | None" = None) -> "Axes":
    """Table 3's outcomes by applicant type: a bar per applicant type (自然人 … 其他), stacked
    by outcome group (（一）予以公开 … （六）其他处理); blank cells count as 0."""
    lang = _language(lang)
    ax = _axes(ax, lang)
    cells = dict(report.cells())
    columns = [c for c in TABLE3_COLUMNS if not c.total]
    x = list(range(len(columns)))
    bottom = [0.0] * len(columns)
    for label, prefix in OUTCOME_GROUPS:
        heights = []
        for column in columns:
            # the group's row, or the sum of its items (blank as 0)
            suffix = f".{column.key}"
            heights.append(
                sum(
                    float(value)
                    for path, value in cells.items()
                    if value is not None and path.startswith(prefix) and path.endswith(suffix)
                )
            )
        ax.bar(x, heights, bottom=bottom, label=_text(label, lang))
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    ax.set_xticks(x, [_text(c.label, lang) for c in columns], **_font())
    ax.set_ylabel("件" if lang == "zh" else "number of requests", **_font())
    title = f"{report.meta.agency} {report.meta.year}"
    ax.set_title(title, **_font())
    ax.legend(prop=_legend_font(), fontsize="small")
    return ax


def _legend_font() -> Any:
    from matplotlib.font_manager import FontProperties

    family = cjk_font()
    return FontProperties(family=[family]) if family else None


def plot_appeals(report: Report, lang: str = "zh", ax: "Axes | None" = None) -> "Axes":
    """Table 4: for 行政复议, 未经复议直接起诉 and 复议后起诉, a bar per outcome (结果维持,
    结果纠正, 其他结果, 尚未审结); blank cells count as 0."""
    lang = _language(lang)
    ax = _axes(ax, lang)
    cells = comparable_cells(report)
    table = report.shape.numbered(4)
    part = table.parts[0]
    outcomes = [c for c in TABLE4_COLUMNS if not c.total]
    width = 0.8 / len(outcomes)
    for k, column in enumerate(outcomes):
        heights = [
            float(cells.get(f"{table.key}.{leaf.path}.{column.key}") or 0) for leaf in part.leaves
        ]
        x = [i + (k - (len(outcomes) - 1) / 2) * width for i in range(len(part.leaves))]
        ax.bar(x, heights, width=width, label=_text(column.label, lang))
    ticks = ["\n".join(_text(label, lang) for label in leaf.labels) for leaf in part.leaves]
    ax.set_xticks(range(len(part.leaves)), ticks, **_font())
    ax.set_ylabel("件" if lang == "zh" else "cases", **_font())
    ax.set_title(f"{report.meta.agency} {report.meta.year}", **_font())
    ax.legend(prop=_legend_font(), fontsize="small")
    return ax


def _indicators(corpus: "Corpus | Any") -> Any:
    """A corpus's indicators frame, or the frame given."""
    return corpus.indicators_frame() if hasattr(corpus, "indicators_frame") else corpus


def plot_indicator(
    corpus: "Corpus | Any", code: str, lang: str = "zh", ax: "Axes | None" = None, bins: int = 20
) -> "Axes":
    """How an indicator is spread across the reports of a corpus (or of its indicators frame):
    a histogram, reports where it is missing left out (their number in the title)."""
    lang = _language(lang)
    ax = _axes(ax, lang)
    spec = indicator(code)
    frame = _indicators(corpus)
    values = frame[code].dropna().astype(float)
    ax.hist(values, bins=bins)
    ax.set_xlabel(_text(spec.name, lang), **_font())
    ax.set_ylabel("报告数" if lang == "zh" else "reports", **_font())
    missing = int(frame[code].isna().sum())
    note = f"（{missing} 份缺失）" if lang == "zh" else f" ({missing} missing)"
    ax.set_title(_text(spec.name, lang) + (note if missing else ""), **_font())
    return ax


def plot_trend(
    corpus: "Corpus | Any",
    agency: str,
    codes: Sequence[str] = KEY_INDICATORS[:2],
    lang: str = "zh",
    ax: "Axes | None" = None,
) -> "Axes":
    """Indicators of one agency year over year: a line per indicator."""
    lang = _language(lang)
    ax = _axes(ax, lang)
    frame = _indicators(corpus)
    rows = frame[frame["agency"] == agency].sort_values("year")
    if rows.empty:
        raise InputError(f"no report of {agency!r} in the corpus")
    years = [int(y) for y in rows["year"]]
    for code in codes:
        spec = indicator(code)
        values = rows[code].astype("Float64").to_numpy(dtype="float64", na_value=float("nan"))
        ax.plot(years, values, marker="o", label=_text(spec.name, lang))
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_title(agency, **_font())
    ax.legend(prop=_legend_font(), fontsize="small")
    return ax


def plot_ranking(
    corpus: "Corpus | Any",
    code: str,
    year: int | None = None,
    top: int = 20,
    lang: str = "zh",
    ax: "Axes | None" = None,
) -> "Axes":
    """Agencies ranked by an indicator (of ``year``, or each agency's latest report): a
    horizontal bar each, the highest first, at most ``top``; agencies named as printed."""
    lang = _language(lang)
    frame = _indicators(corpus)
    if year is not None:
        frame = frame[frame["year"] == year]
    frame = frame.dropna(subset=[code]).sort_values("year")
    frame = frame.groupby("agency", observed=True).tail(1)
    frame = frame.sort_values(code, ascending=False).head(top)
    ax = _axes(ax, lang, size=(8, 0.35 * max(len(frame), 3) + 1.2))
    spec = indicator(code)
    names = [str(a) for a in frame["agency"]][::-1]
    ax.barh(range(len(names)), [float(v) for v in frame[code]][::-1])
    ax.set_yticks(range(len(names)), names, **_font())
    ax.set_xlabel(_text(spec.name, lang), **_font())
    return ax


# --- comparisons and benchmarks -------------------------------------------------------------

#: the colours of a change: up, down, none
_UP, _DOWN, _SAME = "#1f77b4", "#d62728", "#7f7f7f"
#: the colours of a flag's level, as the pages draw them
_LEVEL_COLOURS = {"warn": "#e6b800", "alert": "#d62728"}


def _per_100(code: str, value: float) -> float:
    """A value on a scale of 100: a share as a percentage, a count per 100 as it is."""
    return value * 100 if indicator(code).unit in ("share", "growth") else value


def plot_slope(
    comparison: "Comparison",
    codes: Sequence[str] | None = None,
    *,
    figures: bool = False,
    lang: str = "zh",
    ax: "Axes | None" = None,
) -> "Axes":
    """A slope chart of a comparison: a line from before to after for each indicator
    (``codes``, the key indicators by default: shares as percentages, counts per 100 as they
    are), or with ``figures=True`` for each figure section 1 states (收到申请, 办结 …, counts),
    rising lines blue, falling red, flat grey; each named at its right end with its value.
    Items missing on either side are left out."""
    from ._explain import indicator_value

    lang = _language(lang)
    ax = _axes(ax, lang, size=(7, 5))
    items: list[tuple[str, float, float, str]] = []
    if figures:
        from .comparison import _figure_name

        for f in comparison.figures:
            if f.before is not None and f.after is not None:
                name = _figure_name(f.figure, lang)
                items.append((name, float(f.before), float(f.after), str(f.after)))
    else:
        wanted = KEY_INDICATORS if codes is None else tuple(codes)
        for code in wanted:
            change = comparison.indicator(code)
            if change.before is not None and change.after is not None:
                items.append(
                    (
                        _text(indicator(code).name, lang),
                        _per_100(code, change.before),
                        _per_100(code, change.after),
                        indicator_value(code, change.after, lang),
                    )
                )
    for name, before, after, _shown in items:
        colour = _UP if after > before else _DOWN if after < before else _SAME
        (line,) = ax.plot([0, 1], [before, after], marker="o", color=colour, linewidth=2)
        line.set_gid(name)
    ends = [v for item in items for v in item[1:3]]
    span = max(ends) - min(ends) if ends else 0.0
    places = _spread([item[2] for item in items], span)
    for (name, _before, after, shown), at in zip(items, places, strict=True):
        ax.annotate(
            f"{name} {shown}",
            (1, after),
            xytext=(1.04, at),
            textcoords="data",
            va="center",
            fontsize="small",
            arrowprops={"arrowstyle": "-", "color": _SAME, "linewidth": 0.5},
            **_font(),
        )
    ax.set_xlim(-0.15, 1.9)
    ticks = [comparison._column(comparison.before), comparison._column(comparison.after)]
    ax.set_xticks([0, 1], ticks, **_font())
    if figures:
        ax.set_ylabel("件" if lang == "zh" else "number", **_font())
    else:
        ax.set_ylabel("% / 每百件" if lang == "zh" else "% / per 100 requests", **_font())
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_title(comparison.after.agency, **_font())
    return ax


def _spread(values: Sequence[float], span: float, gap: float = 0.05) -> list[float]:
    """Where to write the labels of lines ending at ``values``: at their ends, moved apart
    (up, then the whole run down where it would leave their range) to ``gap`` of ``span`` (the
    axis's range) at least, in the order of the values."""
    if not values:
        return []
    low, high = min(values), max(values)
    step = (span or high - low or abs(high) or 1.0) * gap
    order = sorted(range(len(values)), key=lambda i: values[i])
    placed = [float(values[i]) for i in order]
    for k in range(1, len(placed)):
        placed[k] = max(placed[k], placed[k - 1] + step)
    over = placed[-1] - max(high, low + step * (len(placed) - 1))
    if over > 0:
        placed = [max(p - over, low + step * k) for k, p in enumerate(placed)]
    out = [0.0] * len(values)
    for k, i in enumerate(order):
        out[i] = placed[k]
    return out


def plot_position(
    benchmark: "Benchmark",
    codes: Sequence[str] | None = None,
    *,
    lang: str = "zh",
    ax: "Axes | None" = None,
) -> "Axes":
    """The agency's position on each indicator's distribution among its peers: a row per
    indicator (the key indicators by default), from the group's lowest value (left) to its
    highest (right) — the peers' values as grey dots, the quartiles as a box with the median
    across it, the agency as a diamond (coloured by its flag), its value written above it.
    Indicators the agency has no value of are left out."""
    from matplotlib.patches import Rectangle

    from ._explain import indicator_value

    lang = _language(lang)
    wanted = KEY_INDICATORS if codes is None else tuple(codes)
    rows = [s for s in (benchmark.standing(c) for c in wanted) if s.value is not None]
    ax = _axes(ax, lang, size=(8, 0.9 * max(len(rows), 2) + 1.2))
    for i, s in enumerate(reversed(rows)):
        if s.value is None or s.low is None or s.high is None:  # pragma: no cover - kept out
            continue
        span = s.high - s.low

        def at(v: float, low: float = s.low, span: float = span) -> float:
            return (v - low) / span if span else 0.5

        ax.plot(
            [at(v) for v in s.peers],
            [i] * len(s.peers),
            "o",
            color=_SAME,
            alpha=0.5,
            markersize=4,
            gid="ogr-peers",
        )
        if s.q1 is not None and s.q3 is not None and s.median is not None and s.peers:
            ax.add_patch(
                Rectangle(
                    (at(s.q1), i - 0.18),
                    at(s.q3) - at(s.q1),
                    0.36,
                    facecolor="#dde6f0",
                    edgecolor="#5b7fa6",
                    zorder=1,
                )
            )
            ax.plot([at(s.median)] * 2, [i - 0.18, i + 0.18], color="#5b7fa6", gid="ogr-median")
        colour = _LEVEL_COLOURS[s.flag.level.value] if s.flag is not None else _UP
        ax.plot([at(s.value)], [i], "D", color=colour, markersize=10, zorder=3, gid="ogr-agency")
        ax.annotate(
            indicator_value(s.code, s.value, lang),
            (at(s.value), i),
            xytext=(0, 9),
            textcoords="offset points",
            ha="center",
            fontsize="small",
        )
        for x, v in ((0.0, s.low), (1.0, s.high)):
            ax.annotate(
                indicator_value(s.code, v, lang),
                (x, i),
                xytext=(0, -14),
                textcoords="offset points",
                ha="center",
                fontsize="x-small",
                color=_SAME,
            )
    names = [_text(indicator(s.code).name, lang) for s in reversed(rows)]
    ax.set_yticks(range(len(rows)), names, **_font())
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.set_xlim(-0.08, 1.08)
    ax.set_xticks([])
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    title = f"{benchmark.agency} {benchmark.year} · {benchmark.group.describe(lang)}"
    ax.set_title(title, **_font())
    return ax
