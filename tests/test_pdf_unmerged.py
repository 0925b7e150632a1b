"""A report's Word document whose merged cells are undone, each piece holding the merged cell's
text again (as a converter or a copy-paste leaves them: the row-group labels such as
三、本年度办理结果, the column-group headers and table 2's values spanning three columns printed
once a column), printed to PDF by LibreOffice: the reader may fail to read a cell, but never
reads one wrong without a diagnostic naming it, and never says ``ok`` with a cell not right
(#20: the trial's "cells unmerged, text repeated", `benchmarks/trial/`)."""

import copy
import io
import tempfile
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from lxml import etree

import opengovreport as ogr
from opengovreport import Meta, builders, testing

from .pdfs import SOFFICE, libreoffice_pdf


def _text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def _fill(cell: etree._Element, text: str) -> None:
    """The cell's text made ``text``, in its first run (its look kept)."""
    runs = list(cell.iter(qn("w:t")))
    if not runs:
        paragraph = cell.find(qn("w:p"))
        assert paragraph is not None  # (a cell holds a paragraph at least)
        run = etree.SubElement(paragraph, qn("w:r"))
        runs = [etree.SubElement(run, qn("w:t"))]
    runs[0].text = text
    for other in runs[1:]:
        other.text = ""


def unmerged(document: bytes) -> bytes:
    """``document`` with every merged cell of its tables undone: a cell spanning columns made
    one cell a column, a cell merged down made one a row, each holding the merged text."""
    word = docx.Document(io.BytesIO(document))
    for table in word.element.body.iter(qn("w:tbl")):
        above: dict[int, str] = {}  # the text of the cell that starts a merge down, by column
        for row in table.findall(qn("w:tr")):
            column = 0
            pieces = []
            for cell in row.findall(qn("w:tc")):
                props = cell.find(qn("w:tcPr"))
                span_el = props.find(qn("w:gridSpan")) if props is not None else None
                span = int(span_el.get(qn("w:val"))) if span_el is not None else 1
                down = props.find(qn("w:vMerge")) if props is not None else None
                continues = down is not None and down.get(qn("w:val")) in (None, "continue")
                text = above.get(column, "") if continues else _text(cell)
                for at in range(column, column + span):
                    piece = copy.deepcopy(cell)
                    piece_props = piece.find(qn("w:tcPr"))
                    if piece_props is not None:
                        for tag in ("w:gridSpan", "w:vMerge"):
                            for found in piece_props.findall(qn(tag)):
                                piece_props.remove(found)
                    _fill(piece, text)
                    pieces.append(piece)
                    if not continues:
                        above[at] = text
                row.remove(cell)
                column += span
            for piece in pieces:
                row.append(piece)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def printed(document: bytes, folder: Path) -> Path:
    """The PDF LibreOffice prints of ``document``."""
    source = folder / "report.docx"
    source.write_bytes(document)
    return libreoffice_pdf(source, folder)


@st.composite
def titled_reports(draw: st.DrawFn) -> ogr.Report:
    """A drawn report's cells under a plain title (its drawn words are any Unicode)."""
    drawn = draw(testing.reports(edition=ogr.Edition.E2021))
    agency = "生成市第一局"
    meta = Meta(
        agency,
        drawn.meta.year,
        drawn.meta.edition,
        title=f"{agency}{drawn.meta.year}年政府信息公开工作年度报告",
    )
    return builders.report_from_cells(meta, dict(drawn.cells()))


def _named(result: ogr.ParseResult) -> set[str]:
    named: set[str] = set()
    for d in result.diagnostics:
        if d.severity.rank >= ogr.Severity.WARNING.rank:
            named.update(d.cells)
    if result.found is not None:
        for f in ogr.check(result.found).findings:
            if f.severity.rank >= ogr.Severity.WARNING.rank:
                named.update(c.path for c in f.cells)
    return named


def _differ(value: object, printed: object) -> bool:
    if value is None or printed is None:
        return value is not printed
    return Decimal(str(value)) != Decimal(str(printed))


def wrong_unnamed(result: ogr.ParseResult, truth: ogr.Report) -> list[str]:
    """The cells read as another number than printed that no warning (nor finding) names."""
    named = _named(result)
    read = dict(result.found.cells()) if result.found is not None else {}
    return [
        f"{path}: printed {printed}, read {read[path]}"
        for path, printed in truth.cells()
        if read.get(path) is not None and _differ(read[path], printed) and path not in named
    ]


def test_unmerged_repeats_each_merged_text_in_every_piece() -> None:
    report = ogr.examples.load(ogr.examples.names()[0])
    before = docx.Document(io.BytesIO(report.to_docx()))
    after = docx.Document(io.BytesIO(unmerged(report.to_docx())))
    body = after.element.body
    assert not list(body.iter(qn("w:gridSpan")))
    assert not list(body.iter(qn("w:vMerge")))
    assert list(before.element.body.iter(qn("w:vMerge")))
    words = _text(body)
    assert words.count("三、本年度办理结果") > 10  # a row-group label, once a row


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="needs LibreOffice")
# (derandomized: each run prints the same documents; not shrunk: each example is a print)
@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    phases=(Phase.explicit, Phase.generate),
)
@given(titled_reports())
def test_unmerged_cells_printed_to_pdf_read_right_or_named(report: ogr.Report) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        result = ogr.read(printed(unmerged(report.to_docx()), Path(tmp)))
    assert wrong_unnamed(result, report) == []
    if result.status is ogr.ReadStatus.OK:
        read = dict(result.report.cells())
        assert not any(_differ(read.get(p), v) for p, v in report.cells())


@given(titled_reports())
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
def test_unmerged_cells_in_word_read_right_or_named(report: ogr.Report) -> None:
    result = ogr.read(unmerged(report.to_docx()))
    assert wrong_unnamed(result, report) == []
    if result.status is ogr.ReadStatus.OK:
        read = dict(result.report.cells())
        assert not any(_differ(read.get(p), v) for p, v in report.cells())
