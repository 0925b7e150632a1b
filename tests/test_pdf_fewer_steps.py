"""pdfium's reading in fewer Python steps (#20, eleventh round), each the same as the plain path
it replaced: a page and its text by pdfium's calls against pypdfium2's helpers, and a page's
lines joined and run into paragraphs against the loops they were, over generated lines."""

import io
import re
from typing import Any

import pypdfium2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opengovreport import examples
from opengovreport.reading import _pdf
from opengovreport.reading._pdflines import (
    _HEADING_START,
    _lines_of,
    _paragraphs,
    _percentile,
    _PLine,
    _same_baseline,
)
from opengovreport.reading._values import NUMBER_TOKEN

_CJK = re.compile(r"[\u4e00-\u9fff]")


def _pdfs() -> dict[str, bytes]:
    """The packaged PDF, and a document of two blank pages pypdfium2 makes (no text)."""
    blank = pypdfium2.PdfDocument.new()
    try:
        blank.new_page(200, 300).close()
        blank.new_page(300, 200).close()
        made = io.BytesIO()
        blank.save(made)
    finally:
        blank.close()
    return {
        "packaged": examples.path("hongze-quzhengfu-2024.pdf").read_bytes(),
        "blank": made.getvalue(),
    }


@pytest.mark.parametrize("name", ["packaged", "blank"])
def test_a_page_read_by_pdfiums_calls_is_read_as_by_pypdfium2s_helpers(name: str) -> None:
    data = _pdfs()[name]
    pdf = pypdfium2.PdfDocument(data)
    kind = _pdf._text_page()
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            helper = page.get_textpage()
            mine = kind(pdf, index)
            try:
                assert mine.height == page.get_height()
                assert mine.count_chars() == helper.count_chars()
                assert mine.get_text_range() == helper.get_text_range()
                for char in range(0, helper.count_chars(), 7):
                    assert mine.get_charbox(char, loose=True) == helper.get_charbox(
                        char, loose=True
                    )
                lines = _lines_of(mine, index, mine.height)
                assert lines == _lines_of(helper, index, page.get_height())
            finally:
                mine.close()
                helper.close()
                page.close()
    finally:
        pdf.close()


def test_a_page_pdfium_cannot_load_raises_pypdfium2s_error() -> None:
    """A page past the document's end: the error (and so the reason's words) of pypdfium2's
    helper."""
    pdf = pypdfium2.PdfDocument(examples.path("hongze-quzhengfu-2024.pdf").read_bytes())
    try:
        with pytest.raises(pypdfium2.PdfiumError) as helper:
            pdf.get_page(len(pdf))
        with pytest.raises(pypdfium2.PdfiumError) as mine:
            _pdf._text_page()(pdf, len(pdf))
    finally:
        pdf.close()
    assert str(mine.value) == str(helper.value)


def _same_baseline_by_definition(lines: list[_PLine]) -> list[_PLine]:
    """The loop ``_same_baseline`` was: each line against the last one kept, its fields read
    from it, the size by ``max``."""
    out: list[_PLine] = []
    for line in lines:
        if out:
            prev = out[-1]
            size = max(prev.height, line.height, 1.0)
            same = (
                line.page == prev.page
                and abs(line.top - prev.top) <= 0.3 * size
                and line.left >= prev.right - 0.2 * size
            )
            if same and line.height > 0:
                wide = line.left - prev.right > 2.5 * size
                gap = " " if line.left - prev.right > 0.8 * size else ""
                out[-1] = prev._replace(
                    text=prev.text + gap + line.text,
                    right=line.right,
                    cells=prev.cells or line.cells or wide,
                    values=prev.values + line.values,
                    pieces=prev.pieces + line.pieces,
                )
                continue
        out.append(line)
    return out


def _tableish_by_definition(line: _PLine) -> bool:
    return bool(
        line.cells or not _CJK.search(line.text) or len(NUMBER_TOKEN.findall(line.text)) >= 3
    )


def _paragraphs_by_definition(lines: list[_PLine]) -> list[str]:
    """The loop ``_paragraphs`` was: the margins' sums made again for each line."""
    tables = [_tableish_by_definition(ln) for ln in lines]
    long = [ln for ln, t in zip(lines, tables, strict=True) if len(ln.text) >= 12 and not t]
    widths = [(ln.right - ln.left) / len(ln.text) for ln in long if ln.right > ln.left]
    char = _percentile(widths, 0.5) or 10.0
    left = _percentile([ln.left for ln in long], 0.1)
    right = _percentile([ln.right for ln in long], 0.8)
    out: list[str] = []
    open_ = False
    for line, table in zip(lines, tables, strict=True):
        text = line.text
        indented = line.left > left + 1.2 * char
        if open_ and out and not table and not indented and not _HEADING_START.match(text):
            previous = out[-1]
            space = " " if previous[-1:].isascii() and text[:1].isascii() else ""
            out[-1] = previous + space + text
        else:
            out.append(text)
        open_ = not table and line.right >= right - 1.5 * char and right > 0
    return out


#: how far a line stands from the one before (its left edge from that one's right edge, its
#: top from that one's top): small steps about a character's size, so that lines stand on one
#: baseline, beside or apart
_STEP = st.sampled_from([-3.0, -0.3, -0.1, 0.0, 0.1, 0.2, 0.3, 0.5, 0.9, 2.0, 2.6, 30.0])
_TEXT = st.text(alphabet="年报告12 3一、.（a0", max_size=16)


@st.composite
def _plines(draw: Any) -> list[_PLine]:
    lines = []
    right = top = 0.0
    for _ in range(draw(st.integers(0, 12))):
        left = right + draw(_STEP)
        right = left + draw(st.sampled_from([0.0, 0.5, 3.0, 40.0, 300.0]))
        top += draw(_STEP)
        lines.append(
            _PLine(
                draw(_TEXT),
                left,
                right,
                top,
                draw(st.sampled_from([-1.0, 0.0, 0.4, 0.8, 1.0, 1.5, 10.0])),
                draw(st.integers(0, 1)),
                draw(st.booleans()),
                tuple((w, draw(st.integers(0, 99))) for w in draw(st.lists(_TEXT, max_size=2))),
                ((draw(st.integers(0, 99)), draw(_TEXT)),),
            )
        )
    return lines


@settings(max_examples=500)
@given(_plines())
def test_pieces_of_a_line_are_joined_as_by_the_plain_loop(lines: list[_PLine]) -> None:
    assert _same_baseline(lines) == _same_baseline_by_definition(lines)


@settings(max_examples=500)
@given(_plines())
def test_a_narratives_lines_run_on_as_by_the_plain_loop(lines: list[_PLine]) -> None:
    assert _paragraphs(lines) == _paragraphs_by_definition(lines)


@settings(max_examples=500)
@given(st.lists(st.sampled_from(["1", "年", "—", " ", "\t", "\u3000", "\r", "\x0b"]), max_size=9))
def test_a_lines_first_character_is_found_by_its_stripped_text(pieces: list[str]) -> None:
    """``_lines_of`` strips the line with its carriage return, and finds its first character
    by the stripped text's first: what stands before it is whitespace."""
    raw = "".join(pieces)
    line = raw.rstrip("\r")
    stripped = raw.strip()
    assert stripped == line.strip()
    if stripped:
        assert line.find(stripped[0]) == len(line) - len(line.lstrip())
