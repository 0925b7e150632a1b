"""Table 3 printed to PDF as boxes placed on the page, no ruled lines (a PDF converted to Word
and printed again, a layout tool's text boxes): each row's cells at their own places, as
close as a number's width or closer, and the cells that do not fit on a row's line drawn over
its first ones (as LibreOffice prints a paragraph of text boxes too wide for the page). The
reader may fail to read a cell, but never reads a number wrong without a diagnostic naming
its cell, and never says ``ok`` with a cell not right (#20: the trial's "table 3's cells each
a text box", `benchmarks/trial/`)."""

import html
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import opengovreport as ogr

from . import pdfs
from .strategies import plausible_reports
from .test_pdf_beside import _right_or_named

needs_chromium = pytest.mark.skipif(pdfs.CHROMIUM is None, reason="needs chromium")

_ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
_CELL = re.compile(r"<t[hd]\b[^>]*>(.*?)</t[hd]>", re.S)


def _boxes(table: str, pitch: float, per_line: int | None) -> str:
    """Table 3's ``table`` as rows of boxes: a row's first cell (its label, or the header's
    note) 14 em wide, each other cell ``pitch`` em after the one before; with ``per_line``,
    the cells after the first ``per_line`` drawn again from the row's start, over them."""
    rows = []
    for row in _ROW.findall(table):
        spans = []
        for k, cell in enumerate(_CELL.findall(row)):
            at = k if per_line is None else k % per_line
            left = 0.0 if at == 0 else 14 + (at - 1) * pitch
            text = html.escape(html.unescape(re.sub(r"<[^>]+>", "", cell)))
            spans.append(
                f'<span style="position: absolute; left: {left:.2f}em; top: 0;'
                f' white-space: nowrap">{text}</span>'
            )
        rows.append(f'<div style="position: relative; height: 1.6em">{"".join(spans)}</div>')
    return '<div style="font-size: 9pt; margin: 1em 0">' + "".join(rows) + "</div>"


def _page(report: ogr.Report, pitch: float, per_line: int | None) -> str:
    page = report.to_html(standalone=True)
    return re.sub(
        r'<table class="ogr-table ogr-requests">.*?</table>',
        lambda m: _boxes(m.group(0), pitch, per_line),
        page,
        count=1,
        flags=re.S,
    )


@pytest.mark.slow
@needs_chromium
# (derandomized: each run prints the same pages; not shrunk: a page printed is seconds, and a
# failing example says what it printed as it is)
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
)
@given(plausible_reports(), st.sampled_from([1.0, 1.6, 2.6, 4.0]), st.sampled_from([None, 4, 5]))
def test_rows_of_boxes_drawn_over_each_other_read_right_or_named(
    report: ogr.Report, pitch: float, per_line: int | None
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        result = ogr.read(pdfs.printed_page(_page(report, pitch, per_line), Path(tmp)))
    _right_or_named(result, report)


def test_a_line_drawn_over_has_each_run_of_digits_written_unsure() -> None:
    from opengovreport.reading._pdflines import _unsure

    # a label's number with a 0 drawn over it, two digits in one place, a number glued to words
    assert _unsure("0 0 6. 0 属于 10 01") == "0? 0? 6? . 0? 属于 10? 01?"
    assert _unsure("1. 229属于 303") == "1? . 229? 属于 303?"


def test_a_value_over_two_columns_of_a_full_row_is_not_placed_under_one() -> None:
    from opengovreport.reading._pdfblanks import _across

    full = [("29", 258.9, 267.5), ("12", 273.4, 282.0), ("56", 287.7, 296.3)]
    assert _across([("3460", 258.9, 277.7)], full)  # 346 and 0, digits run together
    assert not _across([("346", 258.9, 273.2), ("362", 287.7, 302.0)], full)


def test_boxes_cover_each_other_by_a_third_of_the_narrower() -> None:
    from opengovreport.reading._pdflines import _covers

    one, zero = (172.2, 177.8, 235.0, 245.5), (171.4, 178.2, 234.8, 245.6)
    assert _covers(zero, one)
    assert not _covers((178.8, 184.0, 235.0, 245.5), one)  # the next digit of a number
    assert not _covers((171.4, 178.2, 250.0, 260.0), one)  # a line above
