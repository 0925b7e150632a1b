"""OCR of scanned pages: an image in, its words with their boxes and confidences out, and the
ruled lines of its tables (:mod:`._scan` turns them into the reader's text).

The engine is RapidOCR's ONNX build (``rapidocr-onnxruntime``: PP-OCRv4's Chinese detection and
recognition models inside its wheel, ONNX Runtime on the CPU; nothing downloaded at run time),
installed with ``pip install 'opengovreport[ocr]'``; chosen by measurement over Tesseract's
``chi_sim`` (benchmarks/README.md). It runs on one thread, in the calling process: a batch reads
its files on several processes (``Corpus.read(workers=)``, ``ingest``), each with its engine.

A page is turned upright first: a page on its side is found so from its ink on a small copy
(the profiles of its rows and columns) and turned before its text is found; a page still on
its side or upside down by its text's boxes (90°, 180°, 270°) is turned again. The skew of a
scanner (a degree or two) is taken out from the angle of the text's boxes, its text found
again on the level page. How scans
degrade, and what is done about it before a box is read: a page scanned at a low resolution
is enlarged until its text is as high as the recogniser reads lone digits by; on the level page
each box is its edges (never the detector's tilted rectangle around a few pixels); a box is
cut at a table's rules; the text is read with the table's rules white; a short box read unsure
is read again in black and white (JPEG's ringing, noise and grey left out) and enlarged, and
is sure only where readings agree.

The steps live in their own modules: the page made upright and level and its text found
(:mod:`._upright`), its rules and ink (:mod:`._ruling`), the text of its boxes
(:mod:`._recognition`); this one reads a page through them, and a scan's pages into a report.
"""

import functools
import io
import itertools
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ..errors import InputError, OCRUnavailableError, said
from ._recognition import _recognise
from ._ruling import Ink, _ruled, _unruled
from ._scan import Page, Rule, in_cells, unboxed
from ._upright import LEVEL, _extent, _moved, _upright, in_arena, shrunk

if TYPE_CHECKING:
    from ._result import ParseResult

__all__ = [
    "DPI",
    "EXTRA",
    "OCRUnavailableError",
    "available",
    "grey",
    "image_pages",
    "read_page",
    "read_scan",
    "text_of",
]

#: what to install to read scans
EXTRA = "pip install 'opengovreport[ocr]'"
#: the largest image read (pixels): a larger one is a decompression bomb, not a page
MAX_PIXELS = 60_000_000
#: the longest side a page is read at (pixels): an A4 page at 200 dpi; a larger photo is scaled
#: down to it
LONGEST = 2400


@functools.cache
def available() -> bool:
    """Whether the OCR engine can be imported."""
    try:
        import cv2  # noqa: F401
        import numpy  # noqa: F401
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


_local = threading.local()


def _engine() -> Any:
    """This thread's engine (RapidOCR keeps per-call state: one per thread), on one thread of
    ONNX Runtime."""
    engine = getattr(_local, "engine", None)
    if engine is None:
        if not available():
            raise OCRUnavailableError(f"reading a scan needs an OCR engine: {EXTRA}")
        from rapidocr_onnxruntime import RapidOCR

        engine = RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1)
        # the detector's memory in ONNX Runtime's arena, given back after each run: the same
        # outputs, without a run's tensors faulted in afresh (benchmarks/README.md)
        engine.text_det.infer = in_arena(engine.text_det.infer)
        _local.engine = engine
    return engine


def image_pages(data: bytes) -> Iterator[Any]:
    """The pages of an image file (PNG, JPEG, TIFF — each frame of a TIFF a page) as grey
    arrays; :class:`InputError` where it cannot be read or is larger than :data:`MAX_PIXELS`."""
    import numpy as np
    from PIL import Image, ImageSequence

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        image = Image.open(io.BytesIO(data))
        if image.width * image.height > MAX_PIXELS:
            raise InputError(
                f"an image of {image.width}×{image.height} pixels; the limit is {MAX_PIXELS:,}"
            )
        for frame in ImageSequence.Iterator(image):
            yield np.asarray(frame.convert("L"))
    except (OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise InputError(f"not a readable image ({said(exc)})") from None


def grey(width: int, height: int, stride: int, buffer: bytes) -> Any:
    """A grey page from a bitmap's rows (``stride`` bytes each, one byte a pixel)."""
    import numpy as np

    rows = np.frombuffer(buffer, dtype=np.uint8).reshape(height, stride)
    return rows[:, :width]


def read_page(image: Any, number: int) -> tuple[Page, int, float]:
    """A grey page read: its words and rules (:class:`~._scan.Page`), by how many degrees it
    was turned upright, and the skew taken out of it (degrees)."""
    import cv2
    import numpy as np

    engine = _engine()
    image, _scale = shrunk(image, LONGEST)
    image, boxes, turned, angle = _upright(engine, image)
    scale = _enlargement(image, boxes)
    if scale > 1:
        image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
        boxes = _moved(boxes, np.array([[scale, 0.0, 0.0], [0.0, scale, 0.0]]))
    # the page stands upright and level: a box is its four edges (the detector's tilted
    # rectangle around a lone digit, a 1 at 34°, read as an arrow)
    edges = [_edges(box) for box in boxes]
    text_height = _median([bottom - top for _left, top, _right, bottom in edges], 20.0)
    rules, ruled = _ruled(image, text_height)
    # the text is read with the rules left out: a rule is no part of a word
    clean = _unruled(image, ruled)
    words = _recognise(engine, clean, _whole(_split(edges, rules), rules, text_height))
    ink = Ink(image)
    # a ruled cell with ink and no box: the detector missed a lone digit (beside its rule, on
    # a page made level), or found a part of it only: its ink read as a box
    missed = [box for box in map(ink.marks, unboxed(words, rules)) if box is not None]
    words += _recognise(engine, clean, missed)
    page = Page(number, tuple(words), tuple(rules), ink)
    return page, turned, angle


#: a box in a ruled cell lower than this share of the page's text is a part of a glyph
FRAGMENT = 0.5


def _whole(
    boxes: Sequence[tuple[float, float, float, float]], rules: Sequence[Rule], text_height: float
) -> list[tuple[float, float, float, float]]:
    """``boxes`` without those in a ruled cell lower than :data:`FRAGMENT` of a line of text:
    the detector's box around a part of a lone digit (the foot of a ``0`` at 100 dpi, 8 pixels
    of 17, read ``V``); the cell, left without a box, is read from its ink."""
    low = [
        k for k, (_l, top, _r, bottom) in enumerate(boxes) if bottom - top < FRAGMENT * text_height
    ]
    if not low:
        return list(boxes)
    inside = set(itertools.compress(low, in_cells([boxes[k] for k in low], rules)))
    return [box for k, box in enumerate(boxes) if k not in inside]


def _median(values: Sequence[float], default: float) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else default


#: the height of a line of text (its box, pixels) a lone digit is read by: a page whose text is
#: lower (a scan at 100 dpi: 17-20) is enlarged to it, its boxes with it (a 0 a pixel or two
#: from its cell's rule, without a box or with one around its foot, is read from its ink)
TEXT_HEIGHT = 28.0
#: the most a page is enlarged
MOST_ENLARGED = 2.0


def _enlargement(image: Any, boxes: Sequence[Any]) -> float:
    """How much a page whose text is lower than :data:`TEXT_HEIGHT` is enlarged to it (at
    most :data:`MOST_ENLARGED`, and to :data:`LONGEST`); 1 for any other page."""
    height = _median([_extent(b)[1] for b in boxes], TEXT_HEIGHT)
    scale = min(MOST_ENLARGED, TEXT_HEIGHT / height, LONGEST / max(image.shape[:2]))
    return scale if scale >= 1.25 else 1.0


def _edges(box: Any) -> tuple[float, float, float, float]:
    """The left, top, right and bottom edges of a box's four corners."""
    xs = [float(p[0]) for p in box]
    ys = [float(p[1]) for p in box]
    return min(xs), min(ys), max(xs), max(ys)


def _split(
    boxes: Sequence[tuple[float, float, float, float]], rules: Sequence[Rule]
) -> list[tuple[float, float, float, float]]:
    """Each box cut at the vertical rules that cross it from its top edge to its bottom one: a
    table's ruled line parts its cells, never one word (the detector joins a header's
    neighbouring cells into one box; a glyph's stroke, within its box's margin, never spans
    it); a part narrower than a third of its height (the rule's own stroke) is dropped."""
    out = []
    for left, top, right, bottom in boxes:
        height = bottom - top
        cuts = sorted(
            r.at
            for r in rules
            if not r.horizontal and left < r.at < right and r.start <= top and r.end >= bottom
        )
        start = left
        for at in [*cuts, None]:
            end = right if at is None else at - 1.5
            if end - start >= height / 3:
                out.append((start, top, end, bottom))
            if at is not None:
                start = at + 1.5
    return out


#: the resolution a scanned PDF's pages are rendered at for the OCR where a page is not one
#: picture (one is read at its own pixels, as a picture file is) (benchmarks/README.md)
DPI = 150
#: the name of the engine, as a result's ``reader``
ENGINE = "rapidocr"


def read_scan(
    images: Iterable[Any],
    fmt: str,
    source: str | None,
    deadline: float | None,
    page_seconds: float = 0.0,
) -> "ParseResult":
    """The report in a scan's pages (grey arrays, in order), read by OCR; the status
    ``needs_ocr`` where no engine is installed. ``deadline`` grows by ``page_seconds`` for each
    page (``Limits.scan_page_seconds``): a page is begun only within its budget."""
    import attrs

    from .._workers import more_time
    from ._lines import read_text
    from ._parse import from_document
    from ._pdferrors import TimeBudgetError
    from ._result import Diagnostic, ParseError, ParseResult, ReadStatus, Reason, failed_reason
    from ._scan import scan_text

    def without(reason: Reason, status: ReadStatus) -> ParseResult:
        return ParseResult(
            found=None, status=status, format=fmt, reader="", source=source, reasons=(reason,)
        )

    if not available():
        return without(Reason.of("needs-ocr"), ReadStatus.NEEDS_OCR)
    pages = []
    notes = []
    try:
        for number, image in enumerate(images, start=1):
            if deadline is not None and time.monotonic() > deadline + page_seconds * number:
                raise TimeBudgetError()
            more_time(page_seconds)  # where workers time the file: a page begun may take this
            page, turned, skew = read_page(image, number)
            pages.append(page)
            if turned or abs(skew) > LEVEL:
                notes.append(
                    Diagnostic.of("ocr-turned", page=number, turned=turned, skew=f"{skew:.1f}")
                )
    except TimeBudgetError:
        return without(Reason.of("ocr-time-budget"), ReadStatus.UNREADABLE)
    if not pages:
        return without(Reason.of("no-pages"), ReadStatus.NOT_A_REPORT)
    doc = attrs.evolve(read_text(scan_text(pages), wrapped=False), format="ocr")
    try:
        result = from_document(doc, fmt, ENGINE, source)
    except ParseError as exc:
        reason = Reason.of("ocr-scan", pages=len(pages), why=failed_reason(exc))
        return attrs.evolve(without(reason, exc.status), reader=ENGINE)
    told = Diagnostic.of("ocr", count=len(pages), engine="RapidOCR PP-OCRv4")
    return attrs.evolve(result, diagnostics=(told, *notes, *result.diagnostics))


def text_of(images: Iterable[Any]) -> str:
    """The text the reader parses from a scan's pages: what the line numbers of its
    diagnostics count."""
    from ._scan import scan_text

    return scan_text([read_page(image, n)[0] for n, image in enumerate(images, start=1)])
