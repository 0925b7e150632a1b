"""A cell's number with a footnote's mark, or with a digit a space parts from it: never read as
one larger number (``52316¹`` was read 523161, ``52316 1`` too, with status ``ok``). A space
that parts a number's groups of thousands (``52 316``) is still read, and said."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

import opengovreport as ogr
from opengovreport.reading._values import read_value
from opengovreport.schema import shape

from .exports import tab_text

#: a count's column and an amount's
COUNT = next(c for c in shape(ogr.Edition.E2021).cells if c.kind.value == "count").bounds
#: characters that are digits but not decimal ones and that folding (NFKC) makes ASCII digits
#: of: superscripts, subscripts, circled numbers
MARKS = [
    chr(p)
    for p in range(0x80, 0x2500)
    if chr(p).isdigit()
    and not chr(p).isdecimal()
    and unicodedata.normalize("NFKC", chr(p))[:1] in "0123456789"
]


def test_the_marks_are_the_footnotes_marks() -> None:
    assert {"¹", "²", "³", "⁴", "₁", "①", "⑨"} <= set(MARKS)


#: what may follow a number in its cell and is not a digit of it: a footnote's mark (after a
#: space or not), or one or two digits a space parts (never a group of thousands)
_AFTER = st.one_of(
    st.tuples(st.sampled_from(["", " "]), st.sampled_from(MARKS)).map("".join),
    st.tuples(st.sampled_from([" ", "\u00a0", "\u3000"]), st.integers(0, 99).map(str)).map("".join),
)


@given(st.integers(0, 10**9), _AFTER)
def test_a_mark_or_a_spaced_digit_after_a_number_is_not_a_digit_of_it(n: int, after: str) -> None:
    reading = read_value(f"{n}{after}", COUNT)
    assert reading.value is None
    assert reading.code == "not-a-number"


@given(st.integers(1000, 10**12), st.sampled_from([" ", "\u00a0", "\u3000"]))
def test_a_space_between_groups_of_thousands_is_read_and_said(n: int, space: str) -> None:
    printed = f"{n:,}".replace(",", space)
    reading = read_value(printed, COUNT)
    assert reading.value == n
    assert reading.code == "number-format"


@pytest.mark.parametrize("printed", ["52316¹", "52316 1", "52316①", "52316₂"])
@pytest.mark.parametrize("form", ["tab", "html", "markdown"])
def test_a_marked_cell_of_table_2_is_named_and_the_report_not_ok(printed: str, form: str) -> None:
    """The packaged 2021 example's 行政许可 cell printed with a footnote's mark: blank, named by
    a warning, status ``partial`` (it was read 523161, named by nothing, status ``ok``)."""
    report = ogr.examples.load("synthetic-2021")
    path = "disclosure.item5.licensing.decisions"
    value = dict(report.cells())[path]
    text = tab_text(report) if form == "tab" else ogr.render(report, form)
    sep = {"tab": "\t", "html": ">", "markdown": " "}[form]
    after = {"tab": "\t", "html": "<", "markdown": " "}[form]
    needle = "行政许可"
    at = text.index(needle)
    cell = text.index(f"{sep}{value}{after}", at) + len(sep)
    text = text[:cell] + printed.replace("52316", str(value)) + text[cell + len(str(value)) :]
    result = ogr.parse(text)
    assert dict(result.report.cells())[path] is None
    assert any(d.code == "not-a-number" and path in d.cells for d in result.diagnostics)
    assert result.status is ogr.ReadStatus.PARTIAL
