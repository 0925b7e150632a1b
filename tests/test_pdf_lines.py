"""A PDF page's lines, their gaps and a table's trailing values, made with fewer Python steps:
each the same as the plain definition it replaced (a regular expression, a count of numbers,
a loop over words), over generated lines and boxes."""

import re
from typing import Any

import pypdfium2
from hypothesis import given, settings
from hypothesis import strategies as st

from opengovreport import examples
from opengovreport.reading import _pdflines
from opengovreport.reading._pdfblanks import _trailing_values
from opengovreport.reading._pdflines import (
    _WORD,
    _gapped,
    _is_value_word,
    _PLine,
    _tableish,
    _value_words,
)
from opengovreport.reading._values import MARK_CHARACTERS, NUMBER_TOKEN

from .test_pdf_drawn_over import _FakeBoxes

#: the definition of a space between words that _gapped measures: alone between two others
_LONE_SPACE = re.compile(r"(?<=[^ ]) (?=[^ ])")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _gapped_by_definition(boxes: _FakeBoxes, line: str, size: float) -> bool:
    if " " not in line.strip() or size <= 0:
        return False
    for space in _LONE_SPACE.finditer(line):
        at = space.start()
        try:
            gap = boxes(at + 1)[0] - boxes(at - 1)[2]
        except ValueError:
            continue
        if gap > 2.5 * size:
            return True
    return False


_box = st.one_of(
    st.none(),
    st.tuples(*[st.floats(-100, 600, allow_nan=False) for _ in range(4)]),
)


@settings(max_examples=300)
@given(st.data(), st.text(alphabet=" a1年\u3000\t", max_size=14), st.floats(-5, 20))
def test_a_lines_gaps_are_those_of_its_lone_spaces(data: Any, line: str, size: float) -> None:
    boxes = _FakeBoxes(data.draw(st.lists(_box, min_size=len(line), max_size=len(line))))
    found = _gapped(boxes, line, 0, size)  # type: ignore[arg-type]
    assert found == _gapped_by_definition(boxes, line, size)


def _line(text: str, cells: bool = False) -> _PLine:
    return _PLine(text, 0.0, 1.0, 1.0, 1.0, 0, cells)


@settings(max_examples=300)
@given(st.text(alphabet="12３ ,.-元、年a\u4e00x", max_size=20), st.booleans())
def test_a_row_of_a_table_is_told_as_by_its_numbers(text: str, cells: bool) -> None:
    line = _line(text, cells)
    expected = cells or len(NUMBER_TOKEN.findall(text)) >= 3 or not _CJK.search(text)
    assert bool(_tableish(line)) == bool(expected)


@settings(max_examples=300)
@given(st.lists(st.sampled_from(["合计", "12", "0", "—", "/", "无", "4l2", "-"]), max_size=9))
def test_a_rows_trailing_values_are_its_last_value_words(words: list[str]) -> None:
    text = " ".join(words)
    values = tuple((w, i) for i, w in enumerate(words))
    line = _PLine(text, 0.0, 1.0, 1.0, 1.0, 0, False, values)
    count = 0
    while count < len(words) and _is_value_word(words[-1 - count]):
        count += 1
    expected = list(values[-count:]) if count >= 2 else []
    assert _trailing_values(line) == expected


def test_a_line_whose_box_pdfium_cannot_give_keeps_no_geometry(monkeypatch: Any) -> None:
    """Lines read with every character box refused: their text as before, no geometry."""
    data = examples.path("hongze-quzhengfu-2024.pdf").read_bytes()
    pdf = pypdfium2.PdfDocument(data)
    try:
        page = pdf[0]
        textpage = page.get_textpage()
        height = page.get_height()
        read = _pdflines._lines_of(textpage, 0, height)
        monkeypatch.setattr(_pdflines, "_get_charbox", lambda: lambda *_args: 0)
        refused = _pdflines._lines_of(textpage, 0, height)
        textpage.close()
        page.close()
    finally:
        pdf.close()
    assert read
    assert all(line.right > line.left for line in read)
    # (the first page has no number alone on a line: one would be left out without its box)
    assert [line.text for line in refused] == [line.text for line in read]
    assert all((line.left, line.right, line.top, line.height) == (0, 0, 0, 0) for line in refused)
    assert not any(line.cells for line in refused)


def test_a_space_beside_whitespace_at_a_lines_edge_is_no_gap() -> None:
    """Found by the property above in CI: a line that is one word once stripped of its spaces
    and tabs has no gap between cells, whatever the boxes of a space beside a tab say (as on
    main before the eighth round's shortcut)."""
    boxes = _FakeBoxes([None, None, None, (0.0, 0.0, 0.0, 0.0), None, (3.0, 0.0, 0.0, 0.0)])
    assert _gapped_by_definition(boxes, "   \t 1", 1.0) is False
    assert _gapped(boxes, "   \t 1", 0, 1.0) is False  # type: ignore[arg-type]


def _value_words_by_definition(line: str, start: int) -> tuple[tuple[str, int], ...]:
    """The words (the regex's runs of what is not whitespace) that end a line whose last
    character is a digit or a blank mark and are values, each at its first character's index
    in the page's text."""
    last = line.rstrip()[-1:]
    if not (last.isdigit() or last in MARK_CHARACTERS):
        return ()
    words = list(_WORD.finditer(line))
    first = len(words)
    while first > 0 and _is_value_word(words[first - 1].group()):
        first -= 1
    return tuple((m.group(), start + m.start()) for m in words[first:])


#: words, and whitespace of the kinds ``str.split`` and the regex ``\S`` part words at (and a
#: zero-width space, which neither does)
_WORDS = ["12", "0", "3", "１２", "²", "—", "-", "/", "无", "合计", "4l2", "12a", "。", "x", "1 2"]
_PIECES = st.sampled_from(
    [*_WORDS, " ", "  ", "\t", "\u3000", "\xa0", "\x1c", "\u2028", "\r", "\x85", "\u200b"]
)


@settings(max_examples=500)
@given(st.lists(_PIECES, max_size=12), st.integers(0, 10_000))
def test_a_lines_value_words_are_its_last_words_that_are_values(
    pieces: list[str], start: int
) -> None:
    line = "".join(pieces)
    assert _value_words(line, start) == _value_words_by_definition(line, start)


#: lines as a page's text holds them: words, values, marks, digit groups, and the whitespace
#: ``str.strip`` takes (a full-width space, a tab, a carriage return)
_LINE_PIECES = ["12", "523", "316", "0", "１２", "²", "—", "/", "无", "合计", "年", "a", "。"]


@settings(max_examples=500)
@given(st.lists(st.sampled_from([*_LINE_PIECES, " ", "  ", "\u3000", "\t", "\r"]), max_size=12))
def test_what_a_line_is_read_for_is_told_by_its_stripped_text(pieces: list[str]) -> None:
    """``_lines_of`` looks for values, gaps and digit groups only where the stripped line
    could hold them: no value word where its last character is neither a digit nor a mark,
    no digit group (nor gap) where no space stands inside it."""
    line = "".join(pieces)
    stripped = line.strip()
    if not stripped:
        return
    last = stripped[-1]
    if not (last.isdigit() or last in MARK_CHARACTERS):
        assert _value_words(line, 7) == ()
    if " " not in stripped:
        assert _pdflines._GROUP_GAP.search(line) is None
