"""OCR of scanned pages: an image in, its words with their boxes and confidences out, and the
ruled lines of its tables (:mod:`._scan` turns them into the reader's text).

The engine is RapidOCR's ONNX build (``rapidocr-onnxruntime``: PP-OCRv4's Chinese detection and
recognition models inside its wheel, ONNX Runtime on the CPU; nothing downloaded at run time),
installed with ``pip install 'opengovreport[ocr]'``; chosen by measurement over Tesseract's
``chi_sim`` (benchmarks/README.md). It runs on one thread, in the calling process: a batch reads
its files on several processes (``Corpus.read(workers=)``, ``ingest``), each with its engine.

A page is turned upright first (a page on its side or upside down: 90°, 180°, 270°), and the
skew of a scanner (a degree or two) taken out, from the angle of the text's boxes.
"""

import functools
import io
import math
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ..errors import InputError, OCRUnavailableError
from ._scan import Page, Rule, Word

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
        raise InputError(f"not a readable image ({exc})") from None


def grey(width: int, height: int, stride: int, buffer: bytes) -> Any:
    """A grey page from a bitmap's rows (``stride`` bytes each, one byte a pixel)."""
    import numpy as np

    rows = np.frombuffer(buffer, dtype=np.uint8).reshape(height, stride)
    return rows[:, :width]


def _sized(image: Any) -> Any:
    import cv2

    longest = max(image.shape[:2])
    if longest <= LONGEST:
        return image
    scale = LONGEST / longest
    size = (round(image.shape[1] * scale), round(image.shape[0] * scale))
    return cv2.resize(image, size, interpolation=cv2.INTER_AREA)


def _detect(engine: Any, image: Any) -> list[Any]:
    """The text boxes of a page (each four corners)."""
    boxes, _elapsed = engine.text_det(_colour(image))
    return [] if boxes is None else list(boxes)


def _upright(engine: Any, image: Any) -> tuple[Any, list[Any], int]:
    """The page turned upright, its text boxes, and by how many degrees it was turned: a page
    whose boxes stand on end is on its side; one whose lines the direction classifier reads
    upside down is turned 180°."""
    import numpy as np

    turned = 0
    boxes = _detect(engine, image)
    sizes = [_extent(b) for b in boxes]
    # a line of several characters is far longer than high (a digit alone is higher)
    tall = sum(1 for w, h in sizes if h > 3 * w)
    wide = sum(1 for w, h in sizes if w > 3 * h)
    if tall > wide:
        image = np.ascontiguousarray(np.rot90(image, -1))
        turned = 90
        boxes = _detect(engine, image)
    # the widest lines, read by the direction classifier: upside down or not
    sample = sorted(boxes, key=lambda b: -_extent(b)[0])[:24]
    if sample:
        crops = engine.get_crop_img_list(_colour(image), sample)
        _crops, found, _elapsed = engine.text_cls(crops)
        flipped = sum(1 for label, score in found if label == "180" and score > 0.9)
        if flipped > len(sample) / 2:
            image = np.ascontiguousarray(np.rot90(image, 2))
            turned = (turned + 180) % 360
            boxes = _detect(engine, image)
    return image, boxes, turned


def _extent(box: Any) -> tuple[float, float]:
    width = float(math.dist(box[0], box[1]))
    height = float(math.dist(box[0], box[3]))
    return width, height


def _skew(boxes: Sequence[Any]) -> float:
    """The page's skew in degrees: the median angle of its wide boxes' top edges."""
    angles = []
    for box in boxes:
        width, height = _extent(box)
        if width > 4 * height:
            dx, dy = box[1][0] - box[0][0], box[1][1] - box[0][1]
            angles.append(math.degrees(math.atan2(dy, dx)))
    if len(angles) < 3:
        return 0.0
    angles.sort()
    return float(angles[len(angles) // 2])


def _deskewed(image: Any, boxes: list[Any], angle: float) -> tuple[Any, list[Any]]:
    """The page and its boxes turned by ``-angle`` degrees about its centre (white where the
    page was not)."""
    import cv2
    import numpy as np

    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    turned = cv2.warpAffine(image, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=255)
    moved = []
    for box in boxes:
        points = np.hstack([np.asarray(box, dtype=np.float32), np.ones((4, 1), np.float32)])
        moved.append((points @ matrix.T).astype(np.float32))
    return turned, moved


def _colour(image: Any) -> Any:
    import numpy as np

    return np.ascontiguousarray(np.stack([image] * 3, axis=-1))


def _rules(image: Any, text_height: float) -> list[Rule]:
    """The ruled lines of a page: runs of dark pixels longer than any character's stroke
    (horizontal ones over 2.5 lines of text, vertical ones over one), found by a morphological
    opening of the page's dark pixels."""
    import cv2
    import numpy as np

    dark = (image < 170).astype(np.uint8)
    out: list[Rule] = []
    size = max(8, int(text_height))
    for horizontal, kernel in (
        (True, np.ones((1, max(24, int(2.5 * size))), np.uint8)),
        (False, np.ones((max(12, int(1.0 * size)), 1), np.uint8)),
    ):
        opened = cv2.morphologyEx(dark, cv2.MORPH_OPEN, kernel)
        count, _labels, stats, _centres = cv2.connectedComponentsWithStats(opened, connectivity=8)
        for k in range(1, count):
            x, y, w, h, _area = stats[k]
            if horizontal and w >= kernel.shape[1] and h <= max(6, size // 3):
                out.append(Rule(True, y + h / 2, float(x), float(x + w)))
            elif not horizontal and h >= kernel.shape[0] and w <= max(6, size // 3):
                out.append(Rule(False, x + w / 2, float(y), float(y + h)))
    return out


class Ink:
    """Whether ink stands in a box of a page: dark pixels that survive a small opening (a
    speck of noise does not), more than a character's stroke would leave."""

    #: the least dark pixels that are ink
    LEAST = 12

    def __init__(self, image: Any):
        import cv2
        import numpy as np

        #: the page's dark pixels (1), after the opening
        self.dark = cv2.morphologyEx(
            (image < 140).astype(np.uint8), cv2.MORPH_OPEN, np.ones((2, 2), np.uint8)
        )

    def __call__(self, left: float, top: float, right: float, bottom: float) -> bool:
        if right <= left or bottom <= top:
            return False
        part = self.dark[max(0, int(top)) : int(bottom), max(0, int(left)) : int(right)]
        return int(part.sum()) >= self.LEAST


#: glyphs the recogniser gives for a digit (its probability split among them): each read as
#: the digit, their probabilities summed
_LOOKALIKES = {
    "0": "0oO０〇○",
    "1": "1１lIｌＩ|丨",
    "2": "2２",
    "3": "3３",
    "4": "4４",
    "5": "5５",
    "6": "6６",
    "7": "7７",
    "8": "8８",
    "9": "9９",
}
_AS_DIGIT = {g: d for d, glyphs in _LOOKALIKES.items() for g in glyphs}


def _classes(characters: Sequence[str]) -> dict[int, list[int]]:
    """For each index of the recogniser's alphabet that is a digit's glyph, the indices of every
    glyph of that digit."""
    by_digit: dict[str, list[int]] = {}
    for k, glyph in enumerate(characters):
        if glyph in _AS_DIGIT:
            by_digit.setdefault(_AS_DIGIT[glyph], []).append(k)
    return {k: by_digit[_AS_DIGIT[g]] for k, g in enumerate(characters) if g in _AS_DIGIT}


def _decode(
    probabilities: Any, characters: Sequence[str], classes: dict[int, list[int]], steps: int
) -> tuple[str, float]:
    """A line's text from the recogniser's probabilities at each of its ``steps`` (CTC: the
    likeliest glyph at each step, repeats and blanks dropped), and its confidence: the least
    over its characters, a digit's glyphs counted together (a ``0`` the model splits between
    ``0``, ``o`` and ``O`` is a sure ``0``)."""
    best = probabilities[:steps].argmax(axis=1)
    text: list[str] = []
    score = 1.0
    previous = 0
    for step, k in enumerate(best):
        k = int(k)
        if k != 0 and k != previous:
            glyph = characters[k]
            if k in classes:
                glyph = glyph if glyph.isascii() else _AS_DIGIT[glyph]  # a letter stays one
                chance = float(probabilities[step, classes[k]].sum())
            else:
                chance = float(probabilities[step, k])
            text.append(glyph)
            score = min(score, chance)
        previous = k
    return "".join(text), score if text else 0.0


def _recognise(engine: Any, image: Any, boxes: list[Any]) -> list[Word]:
    """The words in ``boxes``: each box's text, its confidence and its edges (no box dropped
    for a low confidence: the reader weighs it). The recogniser runs on batches of boxes of
    like widths, as RapidOCR runs it; its output is decoded here, to weigh a digit's glyphs
    together."""
    import numpy as np

    if not boxes:
        return []
    rec = engine.text_rec
    characters = rec.postprocess_op.character
    classes = _classes(characters)
    crops = engine.get_crop_img_list(_colour(image), boxes)
    for k, box in enumerate(boxes):
        width, height = _extent(box)
        if 1.5 * width <= height < 3 * width:
            # RapidOCR lays a box higher than wide on its side, as a column of text; one this
            # short is a character (a lone 1, read as 一 on its side): stood up again
            crops[k] = np.ascontiguousarray(np.rot90(crops[k], -1))
    ratios = [c.shape[1] / c.shape[0] for c in crops]
    order = sorted(range(len(crops)), key=lambda k: ratios[k])
    _channels, height, width = rec.rec_image_shape[:3]
    found: dict[int, tuple[str, float]] = {}
    batch_size = rec.rec_batch_num
    for at in range(0, len(order), batch_size):
        batch = order[at : at + batch_size]
        widest = max(width / height, *(ratios[k] for k in batch))
        inputs = np.stack([rec.resize_norm_img(crops[k], widest) for k in batch])
        output = rec.session(inputs.astype(np.float32))[0]
        for k, probabilities in zip(batch, output, strict=True):
            found[k] = _decode(probabilities, characters, classes, len(probabilities))
    out = []
    for k, box in enumerate(boxes):
        text, score = found[k]
        text = text.strip()
        if not text:
            continue
        xs = [float(p[0]) for p in box]
        ys = [float(p[1]) for p in box]
        out.append(Word(text, min(xs), min(ys), max(xs), max(ys), score))
    return out


def read_page(image: Any, number: int) -> tuple[Page, int, float]:
    """A grey page read: its words and rules (:class:`~._scan.Page`), by how many degrees it
    was turned upright, and the skew taken out of it (degrees)."""
    engine = _engine()
    image = _sized(image)
    image, boxes, turned = _upright(engine, image)
    angle = _skew(boxes)
    if abs(angle) > 0.15:
        image, boxes = _deskewed(image, boxes, angle)
    words = _recognise(engine, image, boxes)
    heights = sorted(w.height for w in words)
    text_height = heights[len(heights) // 2] if heights else 20.0
    page = Page(number, tuple(words), tuple(_rules(image, text_height)), Ink(image))
    return page, turned, angle


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
    from ._pdf import TimeBudgetError
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
            if turned or abs(skew) > 0.15:
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
