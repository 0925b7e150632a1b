"""Rows of table 3 printed in full-width digits (``５２３１６``), the numbers of one column
wrapped in their cells and read as two (``９ ５`` for ``９５``: a PDF's row of more values than
cells). The identities decide which values to keep, for full-width digits as for ASCII ones:
the rows were kept as ``ok`` with wrong cells where their digits were full-width (no window of
them was judged, so the last values stood as sure). The text is pdfium's of the packaged PDF,
its table 3 changed as a narrow column and a full-width font would print it."""

import functools
import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import opengovreport as ogr
from opengovreport import examples

_FULL = str.maketrans("0123456789", "０１２３４５６７８９")
_ROW = re.compile(r"^(.*?\D)((?: \d+){7})$")


@functools.cache
def _page() -> tuple[str, ogr.Report]:
    pytest.importorskip("pypdfium2")
    from opengovreport.reading import _pdf

    data = examples.path("hongze-quzhengfu-2024.pdf").read_bytes()
    pdf = _pdf.open_pdf(data)
    try:
        text, _chars, _over = _pdf.pdfium_text(pdf)
    finally:
        pdf.close()
    return text, ogr.parse(text).report


@st.composite
def wrapped(draw: st.DrawFn) -> tuple[str, str]:
    text, _truth = _page()
    k = draw(st.integers(0, 6))  # the value column too narrow
    cut = draw(st.integers(1, 2))
    full = draw(st.booleans())
    changed = False
    lines = text.split("\n")
    for i, line in enumerate(lines):
        match = _ROW.match(line)
        if match is None:
            continue
        values = match.group(2).split()
        if len(values[k]) > cut:  # each number of the column wraps alike
            values[k] = f"{values[k][:cut]} {values[k][cut:]}"
            changed = True
        row = " ".join(values)
        lines[i] = f"{match.group(1)} {row.translate(_FULL) if full else row}"
    assume(changed)
    return "\n".join(lines), f"value column {k} wrapped after {cut} digits, full-width {full}"


@settings(max_examples=60, suppress_health_check=list(HealthCheck), deadline=None)
@given(wrapped())
def test_rows_of_one_value_too_many_are_never_ok_with_a_wrong_cell(case: tuple[str, str]) -> None:
    text, where = case
    truth = _page()[1]
    result = ogr.parse(text)
    read = dict(result.report.cells())
    wrong = [(p, v, read.get(p)) for p, v in truth.cells() if read.get(p) != v]
    if wrong:
        assert result.status is not ogr.ReadStatus.OK, f"{where}: ok with {wrong[:3]}"
