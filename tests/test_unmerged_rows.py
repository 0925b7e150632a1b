"""What a table's merged cells undone with their text repeated leave in a PDF's text, read by
the rules (#20, the trial's "cells unmerged, text repeated" and "zeros as /"):

- a value of table 2 spanning three columns, printed once a column (``289 289 289``), is one
  value repeated, as well as a number's groups of thousands: never read as ``289289289``
  without a word;
- a row matched by its label that a row paired by position crosses (a row's name wrapped into
  the next row's label: table 3's 一 and 二, which the identities cannot tell apart) is as
  unsure as that row, and named with it;
- a line of marks (``/ / / / / / /``, a row of blank cells printed under its label) is a mark a
  word, each a cell."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

import opengovreport as ogr
from opengovreport.reading import _tokens
from opengovreport.reading._lines import Line
from opengovreport.reading._match import match_rows
from opengovreport.reading._seen import Seen

_LICENSING = "disclosure.item5.licensing.decisions"


def _with_licensing(row: str) -> str:
    text = ogr.examples.load("synthetic-2021").to_text()
    changed = re.sub(r"\| 行政许可 +\| +52316 \|", row, text)
    assert changed != text
    return changed


def _named(result: ogr.ParseResult) -> set[str]:
    return {
        path
        for d in result.diagnostics
        if d.severity.rank >= ogr.Severity.WARNING.rank
        for path in d.cells
    }


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 999_999), st.integers(2, 3), st.booleans())
def test_a_value_repeated_over_its_columns_reads_as_itself_or_is_named(
    value: int, times: int, words: bool
) -> None:
    cells = [str(value)] * times
    row = "行政许可 " + " ".join(cells) if words else "| 行政许可 | " + " | ".join(cells) + " |"
    result = ogr.parse(_with_licensing(row))
    assert result.found is not None
    read = dict(result.found.cells())[_LICENSING]
    assert read == value or _LICENSING in _named(result)


def test_a_number_in_groups_of_thousands_is_still_one_number() -> None:
    result = ogr.parse(_with_licensing("行政许可 52 316"))
    assert result.found is not None
    assert dict(result.found.cells())[_LICENSING] == 52316


def test_289_printed_once_a_column_is_289() -> None:
    result = ogr.parse(_with_licensing("| 行政许可 | 289 | 289 | 289 |"))
    assert result.found is not None
    assert dict(result.found.cells())[_LICENSING] == 289  # (main: 289289289, ``ok``)


def _seen(label: str, number: int) -> Seen:
    line = Line(number, (label,), label)
    return Seen(label, [str(number)] * 7, line)


def test_a_row_matched_by_label_crossing_one_paired_by_position_is_unsure() -> None:
    every = [("本年新收政府信息公开申请数量",), ("上年结转政府信息公开申请数量",), ("予以公开",)]
    rows = [
        # the first row's label lost among a header's notes; its name wrapped into the next
        _seen("（本列数据的勾稽关系为：第一项加第二项之和）一、本年", 1),
        _seen("新收政府信息公开申请数量 二、上", 2),
        _seen("（一）予以公开", 3),
    ]
    matched = match_rows(rows, every, stream=False)
    assert matched.rows[0] is rows[1]
    assert matched.rows[1] is rows[0]
    assert matched.by_position == {0, 1}  # (main: {1}, row 0 taken as sure)


def test_rows_paired_by_position_in_order_leave_the_others_sure() -> None:
    every = [("本年新收政府信息公开申请数量",), ("上年结转政府信息公开申请数量",), ("予以公开",)]
    rows = [
        _seen("一、本年新收政府信息公开申请数量", 1),
        _seen("（本列数据的勾稽关系）", 2),
        _seen("（一）予以公开", 3),
    ]
    matched = match_rows(rows, every, stream=False)
    assert matched.by_position == {1}


def test_a_line_of_marks_is_a_mark_a_word() -> None:
    line = Line(1, ("/ / / / / / /",), "/ / / / / / /")
    tokens = _tokens.line_tokens(line)
    assert [t.text for t in tokens] == ["/"] * 7
    assert all(t.value for t in tokens)


def test_a_cell_of_a_row_holding_marks_is_one_mark() -> None:
    line = Line(1, ("行政许可", "— —"), "行政许可— —", row=True)
    tokens = [t for t in _tokens.line_tokens(line) if t.value]
    assert [t.text for t in tokens] == ["— —"]
