"""Findings drawn on the tables: each checked report's tables in the official layout, every cell
of a finding highlighted in its severity's colour, the rule, message, printed and computed values
on hover (``title``) and in the list below. No external resource: the style is inline."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..model import Report
from ..rendering.grid import GridCell, table_grid
from ..rendering.html import CSS, escape, grid_html, page
from ..values import Severity, format_value

if TYPE_CHECKING:  # the results call this module to draw themselves
    from ._result import CheckResult, Finding

__all__ = ["FINDINGS_CSS", "findings_html", "report_findings_html"]

#: a colour per severity (background), and the list's look
FINDINGS_CSS = """
.ogr-findings td.ogr-finding { cursor: help; }
.ogr-findings td.ogr-checked { font-weight: bold; outline: 2px solid #922; outline-offset: -2px; }
.ogr-findings .ogr-error { background: #f4a6a6; }
.ogr-findings .ogr-inconsistency { background: #f8c471; }
.ogr-findings .ogr-warning { background: #fbeea6; }
.ogr-findings .ogr-not_assessable { background: #d6dbe0; }
.ogr-findings table.ogr-finding-list { border-collapse: collapse; margin: 1em 0;
  font-size: 0.85rem; }
.ogr-findings table.ogr-finding-list th, .ogr-findings table.ogr-finding-list td {
  border: 1px solid #999; padding: 0.2em 0.4em; text-align: left; vertical-align: top; }
.ogr-findings .ogr-legend span { padding: 0 0.5em; margin-right: 0.5em; }
""".strip()

_WORST = {s: s.rank for s in Severity}


def _title(findings: list[Finding], lang: str) -> str:
    lines = []
    for f in findings:
        values = ""
        if f.printed is not None or f.computed is not None:
            values = f" ({format_value(f.printed)} ≠ {format_value(f.computed)})"
        lines.append(f"{f.code} {f.severity.value}: {f.message(lang)}{values}")
    return escape("\n".join(lines))


def _marks(findings: Iterable[Finding]) -> dict[tuple[str, int], dict[str, list[Finding]]]:
    """The findings of each cell of each report: (agency, year) → path → findings."""
    out: dict[tuple[str, int], dict[str, list[Finding]]] = defaultdict(lambda: defaultdict(list))
    for f in findings:
        for cell in f.cells:
            out[(cell.agency, cell.year)][cell.path].append(f)
    return out


def report_findings_html(
    report: Report, marks: dict[str, list[Finding]], lang: str, anchor: str = ""
) -> str:
    """One report's tables with the cells in ``marks`` (path → findings) highlighted."""
    where = f' id="{escape(anchor)}"' if anchor else ""
    parts = [f'<section class="ogr-report-findings"{where}>']
    parts.append(f"<h2>{escape(report.meta.agency)} {report.meta.year}</h2>")
    for table in (report.disclosure, report.requests, report.appeals):
        grid = table_grid(table, lang)

        def decorate(cell: GridCell, key: str = grid.key) -> str:
            path = f"{key}.{cell.path}"
            found = marks.get(path)
            if not found:
                return ""
            worst = max(found, key=lambda f: _WORST[f.severity]).severity.value
            codes = " ".join(dict.fromkeys(f.code for f in found))
            # the cell a finding checks (the printed side), apart from those it sums
            checked = " ogr-checked" if any(f.cells[0].path == path for f in found) else ""
            return (
                f' class="ogr-finding ogr-{worst}{checked}" data-path="{escape(path)}"'
                f' data-codes="{escape(codes)}" title="{_title(found, lang)}"'
            )

        parts.append(f"<h3>{escape(grid.heading)}</h3>")
        parts.append(grid_html(grid, decorate))
    parts.append("</section>")
    return "\n".join(parts)


def findings_html(result: CheckResult, lang: str = "zh", *, standalone: bool = False) -> str:
    """The checked reports' tables with their findings highlighted, and the findings listed
    (see :meth:`CheckResult.to_html`)."""
    marks = _marks(result.findings)
    counts = ", ".join(f"{k} {v}" for k, v in result.counts().items() if v) or "no findings"
    legend = "".join(
        f'<span class="ogr-{s.value}">{s.value}</span>'
        for s in sorted(Severity, key=lambda s: -s.rank)
        if s is not Severity.INFO
    )
    style = FINDINGS_CSS if standalone else f"{CSS}\n{FINDINGS_CSS}"  # a page has the rest
    out = [
        '<div class="ogr-findings">',
        f"<style>\n{style}\n</style>",
        f'<p class="ogr-legend">{escape(counts)} — {legend}</p>',
    ]
    shown = [
        r
        for r in result.reports
        if (r.meta.agency, r.meta.year) in marks or len(result.reports) == 1
    ]
    for i, report in enumerate(shown):
        key = (report.meta.agency, report.meta.year)
        out.append(report_findings_html(report, marks.get(key, {}), lang, f"report-{i}"))
    out.append(result.findings_table_html(lang))
    out.append("</div>")
    body = "\n".join(out)
    if not standalone:
        return body
    return page(body, "检查结果" if lang == "zh" else "Check result", lang)
