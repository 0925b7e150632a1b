"""A merged cell undone by a converter or a copy-paste, its value repeated in each column it
spanned (table 2's one value under a header over three columns: ``312 | 312 | 312``): the
cells of a Word document's table, a web page's or a Markdown grid are cells, so the value is
read once (the repeats dropped, named), never as one number of their digits (312312312 was
read, status ``ok``, nothing named it)."""

import io
import re

import docx
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st

import opengovreport as ogr
from opengovreport import examples

SYNTHETIC = examples.load("synthetic-2021")
#: table 2's rows of one value printed under a header spanning three columns
ONE_VALUE = (
    "disclosure.item5.licensing.decisions",
    "disclosure.item6.penalties.decisions",
    "disclosure.item6.coercion.decisions",
)


def _filled_docx(report: ogr.Report) -> bytes:
    """``report``'s Word document with every cell spanning columns undone into as many cells,
    each holding its text (as a converter leaves it)."""
    document = docx.Document(io.BytesIO(report.to_docx()))
    for tc in list(document.element.body.iter(qn("w:tc"))):
        properties = tc.find(qn("w:tcPr"))
        span = properties.find(qn("w:gridSpan")) if properties is not None else None
        if span is None:
            continue
        count = int(span.get(qn("w:val")))
        properties.remove(span)
        for _ in range(count - 1):
            tc.addnext(docx.oxml.parse_xml(tc.xml))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _filled_html(report: ogr.Report) -> str:
    """``report``'s web page with each value cell spanning columns repeated in each column."""
    return re.sub(
        r'<td[^>]*colspan="(\d+)"[^>]*>([^<]*)</td>',
        lambda m: f"<td>{m.group(2)}</td>" * int(m.group(1)),
        report.to_html(),
    )


def _filled_markdown(report: ogr.Report) -> str:
    """``report``'s Markdown with each one-value row of table 2 holding its value three times."""
    lines = report.to_markdown().split("\n")
    for i, line in enumerate(lines):
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 2 and cells[0] in ("行政许可", "行政处罚", "行政强制"):
            lines[i] = f"| {cells[0]} | {cells[1]} | {cells[1]} | {cells[1]} |"
    return "\n".join(lines)


def _with(values: tuple[int, int, int]) -> ogr.Report:
    report = SYNTHETIC
    for path, value in zip(ONE_VALUE, values, strict=True):
        report = report.with_cell(path, value)
    return report


def _read_once(result: ogr.ParseResult, report: ogr.Report) -> None:
    assert result.report is not None
    assert dict(result.report.cells()) == dict(report.cells())
    named = {p for d in result.diagnostics for p in d.cells if d.code == "spurious-cell"}
    assert set(ONE_VALUE) <= named


def test_a_word_tables_filled_span_is_read_once() -> None:
    # 312 (and 52316, 8745) repeated in the three columns of their merged header
    _read_once(ogr.read(_filled_docx(SYNTHETIC)), SYNTHETIC)


_THREE = st.tuples(*[st.integers(1, 999_999)] * 3)


@settings(max_examples=40, deadline=None)
@given(_THREE)
def test_a_web_pages_filled_span_is_read_once(values: tuple[int, int, int]) -> None:
    report = _with(values)
    _read_once(ogr.read(_filled_html(report).encode()), report)


@settings(max_examples=40, deadline=None)
@given(_THREE)
def test_a_markdown_grids_filled_span_is_read_once(values: tuple[int, int, int]) -> None:
    report = _with(values)
    text = _filled_markdown(report)
    assert f"| 行政强制 | {values[2]} | {values[2]} | {values[2]} |" in text
    _read_once(ogr.parse(text), report)


def test_a_number_parted_by_a_space_in_one_cell_is_still_one_number() -> None:
    # the groups of thousands inside one cell (not across cells) are still joined, and said
    page = SYNTHETIC.to_html().replace(">52316<", ">52 316<", 1)
    result = ogr.read(page.encode())
    assert result.report == SYNTHETIC
    assert any(d.code == "number-format" for d in result.diagnostics)
