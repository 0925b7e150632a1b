"""The standard figures analysts compute from a report — 予以公开率, 办结率, 纠错率, requests per
100 … — from the catalogue :data:`opengovreport.schema.INDICATORS`, for one report
(:func:`indicators`, ``Report.indicators()``) or a whole corpus at once
(``Corpus.indicators_frame()``, from the frames each report gives where it is read).

An indicator is missing (``None``, ``<NA>`` in a frame) where a cell it needs is blank or not in
the report's shape, or its denominator is 0: never NaN, never an exception.
"""

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .model import CellValue, Report
from .schema import INDICATORS, Indicator, Term
from .totals import comparable_cells

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from pandas.io.formats.style import Styler

__all__ = ["INDICATORS", "Indicator", "indicators", "styled", "value"]


def _sum(terms: tuple[Term, ...], sides: tuple[Mapping[str, CellValue], ...]) -> float | None:
    total = 0.0
    for term in terms:
        cells = sides[term.side] if term.side < len(sides) else None
        found = None if cells is None else cells.get(term.path)
        if found is None:
            return None
        total += term.weight * float(found)
    return total


def value(
    indicator: Indicator,
    cells: Mapping[str, CellValue],
    previous: Mapping[str, CellValue] | None = None,
) -> float | None:
    """``indicator`` over a report's ``cells`` (with the derived ones, :func:`comparable_cells`)
    and, for a growth, last year's; ``None`` where it is missing."""
    if indicator.unit == "growth":
        if previous is None:
            return None
        sides: tuple[Mapping[str, CellValue], ...] = (previous, cells)
    else:
        sides = (cells,)
    numerator = _sum(indicator.numerator, sides)
    denominator = _sum(indicator.denominator, sides)
    if numerator is None or denominator is None or denominator == 0:
        return None
    out = indicator.scale * numerator / denominator
    return out - 1 if indicator.unit == "growth" else out


def indicators(report: Report, previous: Report | None = None) -> dict[str, float | None]:
    """Every indicator of the catalogue for ``report``, by code; the growths need last year's
    report (``previous``)."""
    cells = comparable_cells(report)
    last = comparable_cells(previous) if previous is not None else None
    return {i.code: value(i, cells, last) for i in INDICATORS}


def styled(frame: "pd.DataFrame", lang: str = "zh") -> "Styler":
    """A frame with indicator columns (``Corpus.indicators_frame()``) for reading, as a pandas
    ``Styler`` (which needs jinja2): shares as percentages (``28.0%``), growths signed
    (``+3.1%``), counts per 100 requests with one decimal and amounts with two, missing as
    empty; each indicator's column headed by its name in ``lang``. The frame itself keeps its
    0–1 floats."""
    from ._explain import indicator_value
    from .schema import indicator

    codes = [i.code for i in INDICATORS if i.code in frame.columns]

    def shown(code: str) -> Any:
        return lambda v: "" if v is None or v != v else indicator_value(code, float(v), lang)

    style = frame.style.format({code: shown(code) for code in codes}, na_rep="")
    names = [indicator(c).name.text(lang) if c in codes else str(c) for c in frame.columns]
    return style.relabel_index(names, axis="columns")
