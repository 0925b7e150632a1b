"""Table 3 whose zeros are left empty (most rows wholly blank) in a Word document: where rows
are placed by their labels against the order they are printed in (``3.其他`` of （六）其他处理
taken for ``2.其他法律行政法规禁止公开``), the warning that says so names the cells of the rows
placed out of order, so no wrong cell is left named by nothing (2 were, in a real report)."""

from hypothesis import HealthCheck, given, settings

import opengovreport as ogr
from opengovreport import builders
from opengovreport.testing import reports

from .corpus_figures import PINGTAN_ZONE


def _titled(report: ogr.Report) -> ogr.Report:
    """``report``'s tables under a plain title (a drawn title is any Unicode, often no year)."""
    meta = ogr.Meta(
        "示例县示例局",
        report.meta.year,
        report.meta.edition,
        title=f"示例县示例局{report.meta.year}年政府信息公开工作年度报告",
    )
    return builders.report_from_cells(meta, dict(report.cells()), shape=report.shape)


def _zeros_blank(report: ogr.Report) -> ogr.Report:
    for path, value in report.cells():
        if value == 0 and path.startswith(("requests.", "appeals.")):
            report = report.with_cell(path, None)
    return report


def _unnamed(report: ogr.Report) -> list[str]:
    """The cells ``read()`` of ``report``'s Word document gets wrong that no diagnostic
    (warning or worse) and no finding of ``check()`` (warning or worse) names."""
    result = ogr.read(report.to_docx())
    assert result.report is not None
    named = {
        p
        for d in result.diagnostics
        if d.severity.rank >= ogr.Severity.WARNING.rank
        for p in d.cells
    }
    named |= {
        c.path
        for f in ogr.check(result.report).findings
        if f.severity.rank >= ogr.Severity.WARNING.rank
        for c in f.cells
    }
    read = dict(result.report.cells())
    return [p for p, v in report.cells() if read.get(p) not in (v, None) and p not in named]


def test_rows_placed_out_of_their_printed_order_are_named() -> None:
    """Weighed as the shape whose (六) is one row, ``3.其他`` was placed as
    ``2.其他法律行政法规禁止公开``'s, out of order, and a ``row-order`` warning named it. Since
    a row's label of another registered shape after a row's name counts as the label nearest
    the values (``（六）其他处理 1.申请人无正当理由…``: (六)1's, not the one-row (六)'s;
    #20, thirteenth round), the edition printed is read, ``3.其他`` as (六)3: nothing is out of
    order, and whatever is placed out of order is named."""
    report = _zeros_blank(PINGTAN_ZONE.report())
    result = ogr.read(report.to_docx())
    assert result.status is not ogr.ReadStatus.OK
    read = dict(result.found.cells()) if result.found is not None else {}
    assert read["requests.withheld.prohibited_by_law.total"] is None
    other = "requests.other_handling.other.total"
    assert read[other] == report.cell(other) is not None
    for order in result.filter(code="row-order"):
        assert order.cells
    assert _unnamed(report) == []


@given(reports())
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_a_word_table_with_its_zeros_left_empty_names_every_wrong_cell(
    report: ogr.Report,
) -> None:
    assert _unnamed(_zeros_blank(_titled(report))) == []
