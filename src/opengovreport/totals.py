"""Sums of cells: several reports as one (a county's summary from its departments' reports), and
a report in a shape with fewer rows (（六）其他处理's three items as its one row).

:func:`fold_cells` is the one place where a group of rows is summed into one: the corpus's
frames, the parser, :func:`aggregate` and the checks across reports all use it.
"""

import functools
from collections.abc import Iterable, Mapping

from .builders import report_from_cells
from .errors import InputError
from .model import CellValue, Meta, Report
from .schema import Cell, Shape, shapes
from .values import Edition, cell_sum

__all__ = ["aggregate", "cell_sum", "comparable_cells", "derived_cells", "fold", "fold_cells"]


def _below(source: Shape, cell: Cell) -> tuple[str, ...]:
    """The cells of ``source`` that ``cell`` (of another shape) sums: those below its row, in
    its column."""
    prefix, _, column = cell.path.rpartition(".")
    return tuple(
        c.path
        for c in source.cells
        if c.path.startswith(prefix + ".") and c.path.rpartition(".")[2] == column
    )


def derived_cells(source: Shape) -> tuple[tuple[Cell, tuple[str, ...]], ...]:
    """The cells that other shapes of ``source``'s edition have and ``source`` sums from its
    own (the 2021 （六）其他处理 as one row, from its three items), each with the paths it sums:
    what lets reports of either shape be compared cell by cell."""
    return _derive(source, shapes(source.edition))


def comparable_cells(report: Report) -> dict[str, CellValue]:
    """A report's cells, and the cells it sums that other shapes of its edition print (（六）
    as one row), so that reports of either shape compare cell by cell."""
    cells = dict(report.cells())
    for cell, parts in derived_cells(report.shape):
        total: CellValue = None
        for path in parts:
            total = cell_sum(total, cells[path])
        cells[cell.path] = total
    return cells


@functools.cache
def _derive(source: Shape, others: tuple[Shape, ...]) -> tuple[tuple[Cell, tuple[str, ...]], ...]:
    own = set(source.paths)
    out: dict[str, tuple[Cell, tuple[str, ...]]] = {}
    for other in others:
        for cell in other.cells:
            if cell.path not in own and cell.path not in out:
                parts = _below(source, cell)
                if parts:
                    out[cell.path] = (cell, parts)
    return tuple(out.values())


def fold_cells(
    cells: Mapping[str, CellValue], source: Shape, target: Shape, table: int | None = None
) -> dict[str, CellValue]:
    """The cells of a report of ``source`` as ``target`` has them: a cell ``target`` has and
    ``source`` has not is the sum of the cells of ``source`` below its row in its column
    (blank items add nothing; all blank stays blank). Only table ``table`` when given.
    ``ValueError`` for a cell of ``target`` that has neither."""
    out: dict[str, CellValue] = {}
    for cell in target.cells:
        if table is not None and cell.table != table:
            continue
        if cell.path in cells:
            out[cell.path] = cells[cell.path]
            continue
        parts = _below(source, cell)
        if not parts:
            raise InputError(f"shape {source.key} has no cell {cell.path} nor cells below it")
        total: CellValue = None
        for path in parts:
            total = cell_sum(total, cells[path])
        out[cell.path] = total
    return out


def fold(report: Report, target: Shape) -> Report:
    """``report`` in the shape ``target`` (see :func:`fold_cells`): its narrative as it is, its
    tables with the rows ``target`` sums. A report already of that shape is returned as is."""
    source = report.shape
    if source == target:
        return report
    cells = fold_cells(dict(report.cells()), source, target)
    folded = report_from_cells(report.meta, cells, shape=target)
    return Report(
        report.meta,
        report.overview,
        folded.disclosure,
        folded.requests,
        folded.appeals,
        report.problems,
        report.other_matters,
    )


def aggregate(
    reports: Iterable[Report],
    *,
    agency: str,
    year: int,
    edition: Edition | None = None,
) -> Report:
    """The summary report of ``reports``: every table cell is the sum of theirs (blank + n = n,
    blank + blank = blank; totals are summed as printed, not recomputed). Its narrative sections
    are empty.

    All reports must use one edition (``edition``, when given). When they differ in shape (the
    2021 （六） itemized or one row), each is folded into the edition's shape with the fewest
    cells first. Raises ``ValueError`` for no reports or mixed editions.
    """
    reports = list(reports)
    if not reports:
        raise InputError("aggregate needs at least one report")
    editions = {r.meta.edition for r in reports}
    if edition is not None:
        editions.add(edition)
    if len(editions) > 1:
        listed = ", ".join(
            f"{r.meta.agency} {r.meta.year} ({r.meta.edition.value})" for r in reports
        )
        raise InputError(f"cannot sum reports of different editions: {listed}")
    (common,) = editions
    found = {r.shape for r in reports}
    if len(found) == 1:
        (target,) = found
    else:
        target = min(found, key=lambda s: len(s.paths))
        reports = [fold(r, target) for r in reports]
    sums: dict[str, CellValue] = {}
    for report in reports:
        for path, value in report.cells():
            sums[path] = cell_sum(sums.get(path), value)
    return report_from_cells(Meta(agency, year, common), sums, shape=target)
