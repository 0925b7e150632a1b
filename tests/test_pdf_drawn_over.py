"""Whether a line's characters are drawn over one another (``_pdflines._drawn_over``), measured
with pdfium's four doubles read at once from their buffer: the same as the plain definition
(each character's box asked for through ``_CharBox``, one at a time), over generated boxes and
over every stretch of the packaged PDF's text."""

import ctypes
from typing import Any

import pypdfium2
from hypothesis import given, settings
from hypothesis import strategies as st

from opengovreport import examples
from opengovreport.reading import _pdflines
from opengovreport.reading._pdferrors import PDFError

Box = tuple[float, float, float, float]  # (left, bottom, right, top), as _CharBox gives it


def _by_definition(box: Any, line: str, start: int, size: float) -> bool:
    """The rule of ``_drawn_over`` written plainly: a character's box asked for on its own."""
    if size <= 0:
        return False
    seen: list[tuple[float, float, float, float, bool]] = []
    reach = float("-inf")
    for at, c in enumerate(line):
        if c.isspace():
            continue
        try:
            left, bottom, right, top = box(start + at)
        except (PDFError, ValueError):
            continue
        if right <= left or top <= bottom:
            continue
        this = (left, right, bottom, top, c.isdigit())
        if left < reach - 0.2 * size and any(
            (this[4] or other[4]) and _pdflines._covers(this, other) for other in seen
        ):
            return True
        seen.append(this)
        reach = max(reach, right)
    return False


class _FakeBoxes:
    """A text page's character boxes as ``_CharBox`` holds them (a call that writes four
    doubles into its buffer and says whether it could), from a list: ``None``, no box."""

    def __init__(self, boxes: list[Box | None]):
        self._box = (ctypes.c_double * 4)()
        self._edges = tuple(ctypes.c_double.from_buffer(self._box, 8 * k) for k in range(4))
        self._refs = tuple(ctypes.byref(self._box, 8 * k) for k in range(4))
        self._page = None
        self.boxes = boxes

        def call(_page: Any, index: int, *_refs: Any) -> int:
            box = self.boxes[index]
            if box is None:
                return 0
            left, bottom, right, top = box
            self._box[:] = [left, right, bottom, top]  # (pdfium's order)
            return 1

        self._call = call

    def __call__(self, index: int) -> Box:
        box = self.boxes[index]
        if box is None:
            raise ValueError(index)
        return box


_EDGE = st.floats(0, 60, allow_nan=False).map(lambda x: round(x, 1))


@st.composite
def _lines(draw: Any) -> tuple[str, list[Box | None]]:
    """A line of digits, Chinese characters, spaces and marks, each character with a box
    (or none) drawn near the one before it: often over it."""
    line = "".join(draw(st.lists(st.sampled_from("0123456789 合计—/"), min_size=1, max_size=12)))
    boxes: list[Box | None] = []
    x = 0.0
    for _c in line:
        if draw(st.integers(0, 9)) == 0:
            boxes.append(None)
            continue
        x = max(0.0, x + draw(st.sampled_from([-6.0, -3.0, -1.0, 0.0, 2.0, 5.0, 8.0])))
        width, bottom = draw(_EDGE.map(lambda w: w / 6)), draw(st.sampled_from([0.0, 0.5, 9.0]))
        boxes.append((x, bottom, x + width, bottom + draw(st.sampled_from([0.0, 6.0, 10.0]))))
    return line, boxes


@settings(max_examples=400, deadline=None)
@given(_lines(), st.sampled_from([-1.0, 0.0, 1.0, 6.0, 10.0, 40.0]))
def test_drawn_over_is_its_definition_on_generated_boxes(
    drawn: tuple[str, list[Box | None]], size: float
) -> None:
    line, boxes = drawn
    fake: Any = _FakeBoxes(boxes)
    assert _pdflines._drawn_over(fake, line, 0, size) == _by_definition(fake, line, 0, size)


def test_drawn_over_is_its_definition_over_every_stretch_of_a_pdfs_text() -> None:
    """Every line of the packaged PDF, and every stretch of two lines (the second's
    characters left of the first's reach, their boxes looked at one against the other)."""
    data = examples.path("hongze-quzhengfu-2024.pdf").read_bytes()
    pdf = pypdfium2.PdfDocument(data)
    checked = 0
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            charbox = _pdflines._CharBox(textpage)
            text = textpage.get_text_range()
            starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
            for first, second in zip(starts, [*starts[1:], len(text)], strict=True):
                for end in (second, starts[min(len(starts) - 1, starts.index(first) + 2)]):
                    stretch = text[first:end]
                    for size in (0.0, 2.0, 10.5, 40.0):
                        got = _pdflines._drawn_over(charbox, stretch, first, size)
                        assert got == _by_definition(charbox, stretch, first, size)
                        checked += 1
            textpage.close()
            page.close()
    finally:
        pdf.close()
    assert checked > 500
