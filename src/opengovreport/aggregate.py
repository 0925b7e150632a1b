"""The sum of several reports, cell by cell: a county's summary from its departments' reports."""

from collections.abc import Iterable

from .builders import report_from_cells
from .model import CellValue, Meta, OtherHandling, Report
from .schema import Edition

__all__ = ["aggregate", "cell_sum", "collapse_other_handling"]


def cell_sum(a: CellValue, b: CellValue) -> CellValue:
    """Blank + n = n; blank + blank = blank."""
    if a is None:
        return b
    if b is None:
        return a
    return a + b


def collapse_other_handling(report: Report) -> Report:
    """The report with （六）其他处理 as one row: each column the sum of its three items (blank
    items add nothing; all blank stays blank). A report that prints one row is returned as is."""
    other = report.requests.other_handling
    if not isinstance(other, OtherHandling):
        return report
    cells: dict[str, CellValue] = {}
    prefix = "requests.other_handling."
    for path, value in report.cells():
        if path.startswith(prefix):
            column = path.rsplit(".", 1)[1]
            key = prefix + column
            cells[key] = cell_sum(cells.get(key), value)
        else:
            cells[path] = value
    collapsed = report_from_cells(report.meta, cells, itemized_other_handling=False)
    return collapsed.__class__(
        report.meta,
        report.overview,
        collapsed.disclosure,
        collapsed.requests,
        collapsed.appeals,
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

    All reports must use one edition (``edition``, when given). （六）其他处理 stays itemized
    when every report itemizes it; otherwise each report's items are summed into one row first.
    Raises ``ValueError`` for no reports or mixed editions.
    """
    reports = list(reports)
    if not reports:
        raise ValueError("aggregate needs at least one report")
    editions = {r.meta.edition for r in reports}
    if edition is not None:
        editions.add(edition)
    if len(editions) > 1:
        listed = ", ".join(
            f"{r.meta.agency} {r.meta.year} ({r.meta.edition.value})" for r in reports
        )
        raise ValueError(f"cannot sum reports of different editions: {listed}")
    (common,) = editions
    itemized = all(r.requests.other_handling_itemized for r in reports)
    if not itemized:
        reports = [collapse_other_handling(r) for r in reports]
    sums: dict[str, CellValue] = {}
    for report in reports:
        for path, value in report.cells():
            sums[path] = cell_sum(sums.get(path), value)
    return report_from_cells(Meta(agency, year, common), sums, itemized_other_handling=itemized)
