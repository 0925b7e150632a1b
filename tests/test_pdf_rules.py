"""A page's ruled lines by pdfium's calls, two an object (#20, twelfth round), against the walk
through pypdfium2's helpers they replace: every object's kind, a path's segments, its bounds.
Over the packaged PDF's pages and generated pages of text, lines, boxes, curves and polygons
drawn under transformations."""

import pypdfium2
import pypdfium2.raw as raw
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opengovreport import examples
from opengovreport.reading._pdfwrap import _SEGMENTS, _THIN, Rules, page_rules

from . import pdfs


def _rules_by_helpers(page: pypdfium2.PdfPage) -> Rules:
    """The ruled lines as the eleventh round found them: each object's kind asked, a path's
    segments counted, its bounds by pypdfium2's ``get_bounds``."""
    across: list[tuple[float, float, float]] = []
    down: list[tuple[float, float, float]] = []
    for obj in page.get_objects(max_depth=1):
        if obj.type != raw.FPDF_PAGEOBJ_PATH:
            continue
        if not 0 < raw.FPDFPath_CountSegments(obj) <= _SEGMENTS:
            continue
        left, bottom, right, top = obj.get_bounds()
        wide, tall = right - left, top - bottom
        if tall <= _THIN and wide > _THIN:
            across.append(((bottom + top) / 2, left, right))
        elif wide <= _THIN and tall > _THIN:
            down.append(((left + right) / 2, bottom, top))
        elif wide > _THIN and tall > _THIN:
            across += [(bottom, left, right), (top, left, right)]
            down += [(left, bottom, top), (right, bottom, top)]
    return Rules(across, down)


def _each_page(data: bytes) -> list[tuple[Rules, Rules]]:
    pdf = pypdfium2.PdfDocument(data)
    try:
        out = []
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                out.append((page_rules(page), _rules_by_helpers(page)))
            finally:
                page.close()
        return out
    finally:
        pdf.close()


def test_the_packaged_pdfs_rules_are_the_helpers_walks() -> None:
    found = _each_page(examples.path("hongze-quzhengfu-2024.pdf").read_bytes())
    for mine, theirs in found:
        assert mine == theirs
    assert sum(len(mine.across) for mine, _ in found) > 100  # its tables are ruled


def test_a_text_object_has_no_segments() -> None:
    """What the walk relies on: pdfium counts -1 segments for an object that is not a path."""
    pdf = pypdfium2.PdfDocument(pdfs.page(b"BT /F1 12 Tf 72 700 Td (12) Tj ET"))
    try:
        page = pdf[0]
        (text,) = page.get_objects(max_depth=1)
        assert text.type == raw.FPDF_PAGEOBJ_TEXT
        assert raw.FPDFPath_CountSegments(text) == -1
        assert page_rules(page) == Rules([], [])
        page.close()
    finally:
        pdf.close()


_at = st.integers(0, 600)
_size = st.sampled_from([0, 0.5, 1, 2, 2.5, 3, 40, 200])


def _polyline(points: list[tuple[int, int]]) -> bytes:
    first, *rest = points
    return b"%d %d m " % first + b"".join(b"%d %d l " % p for p in rest)


_drawn = st.one_of(
    st.builds(lambda x, y: b"BT /F1 10 Tf %d %d Td (3 0 0) Tj ET" % (x, y), _at, _at),
    st.builds(lambda x, y, w: b"%d %d m %d %d l S" % (x, y, x + w, y), _at, _at, _at),
    st.builds(lambda x, y, h: b"%d %d m %d %d l S" % (x, y, x, y + h), _at, _at, _at),
    st.builds(
        lambda x, y, w, h, paint: b"%d %d %s %s re %s" % (x, y, b"%g" % w, b"%g" % h, paint),
        _at,
        _at,
        _size,
        _size,
        st.sampled_from([b"f", b"S", b"B"]),
    ),
    st.builds(
        lambda points: _polyline(points) + b"S",
        st.lists(st.tuples(_at, _at), min_size=2, max_size=8),
    ),
    st.builds(
        lambda x, y: b"%d %d m %d %d %d %d %d %d c S" % (x, y, x, y + 9, x + 9, y, x, y), _at, _at
    ),
)
_transformed = st.one_of(
    _drawn,
    st.builds(
        lambda inner, a, d, e: (
            b"q %s 0 0 %s %d %d cm " % (b"%g" % a, b"%g" % d, e, e) + inner + b" Q"
        ),
        _drawn,
        st.sampled_from([0.5, 1, 2]),
        st.sampled_from([0.5, 1, 3]),
        st.integers(-50, 50),
    ),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_transformed, max_size=40))
def test_a_generated_pages_rules_are_the_helpers_walk(drawn: list[bytes]) -> None:
    ((mine, theirs),) = _each_page(pdfs.page(b"\n".join(drawn)))
    assert mine == theirs


@pytest.mark.parametrize("name", ["hongze-quzhengfu-2024.pdf"])
def test_rules_asked_twice_are_the_same(name: str) -> None:
    """Nothing of one walk stays for the next (the buffer of bounds is the walk's own)."""
    pdf = pypdfium2.PdfDocument(examples.path(name).read_bytes())
    try:
        pages = [pdf[i] for i in range(len(pdf))]
        first = [page_rules(page) for page in pages]
        assert [page_rules(page) for page in reversed(pages)] == first[::-1]
        for page in pages:
            page.close()
    finally:
        pdf.close()
