"""The standard figures analysts compute from a report — 予以公开率, 办结率, 纠错率, requests per
100 … — from the catalogue :data:`opengovreport.schema.INDICATORS`, for one report
(:func:`indicators`, ``Report.indicators()``) or a whole corpus at once
(``Corpus.indicators_frame()``, from the frames each report gives where it is read).

An indicator is missing (``None``, ``<NA>`` in a frame) where a cell it needs is blank or not in
the report's shape, or its denominator is 0: never NaN, never an exception.
"""

from collections.abc import Mapping

from .model import CellValue, Report
from .schema import INDICATORS, Indicator, Term
from .totals import comparable_cells

__all__ = ["INDICATORS", "Indicator", "indicators", "value"]


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
