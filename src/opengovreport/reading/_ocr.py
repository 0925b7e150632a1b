"""OCR of scanned pages: an image in, its words with their boxes and confidences out, and the
ruled lines of its tables (:mod:`._scan` turns them into the reader's text).

The engine is RapidOCR's ONNX build (``rapidocr-onnxruntime``: PP-OCRv4's Chinese detection and
recognition models inside its wheel, ONNX Runtime on the CPU; nothing downloaded at run time),
installed with ``pip install 'opengovreport[ocr]'``; chosen by measurement over Tesseract's
``chi_sim`` (benchmarks/README.md). It runs on one thread, in the calling process: a batch reads
its files on several processes (``Corpus.read(workers=)``, ``ingest``), each with its engine.

A page is turned upright first (a page on its side or upside down: 90°, 180°, 270°), and the
skew of a scanner (a degree or two) taken out, from the angle of the text's boxes, its text
found again there. How scans
degrade, and what is done about it before a box is read: a page scanned at a low resolution
is enlarged until its text is as high as the recogniser reads lone digits by; on the level page
each box is its edges (never the detector's tilted rectangle around a few pixels); a box is
cut at a table's rules; the text is read with the table's rules white; a short box read unsure
is read again in black and white (JPEG's ringing, noise and grey left out) and enlarged, and
is sure only where readings agree.
"""

import functools
import io
import itertools
import math
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ..errors import InputError, OCRUnavailableError
from ._scan import HIGH, SLACK, Page, Rule, Word, in_cells, unboxed

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


#: the longest side a page's text is found on (pixels): a larger page (a scan at 200 dpi) is
#: scaled down to it for the detector alone, its boxes scaled back; its text is read at its own
#: pixels (a detection's cost goes with its pixels: 1.3–1.5 s a page at 150 dpi)
DETECTED = 1800


def _detect(engine: Any, image: Any) -> list[Any]:
    """The text boxes of a page (each four corners, clockwise from the top left), found on the
    page no longer than :data:`DETECTED`."""
    import cv2
    import numpy as np

    scale = min(1.0, DETECTED / max(image.shape[:2]))
    if scale < 1.0:
        size = (round(image.shape[1] * scale), round(image.shape[0] * scale))
        image = cv2.resize(image, size, interpolation=cv2.INTER_AREA)
    boxes, _elapsed = engine.text_det(_colour(image))
    if boxes is None:
        return []
    return [np.asarray(box, dtype=np.float64) / scale for box in boxes]


def _moved(boxes: Sequence[Any], matrix: Any) -> list[Any]:
    """``boxes`` carried by an affine ``matrix`` (2 × 3: the page's enlargement), each one's
    corners put back in order clockwise from the top left: the text not found again on the
    page enlarged (a detection costs 1.3–1.5 s a page)."""
    import numpy as np

    out = []
    for box in boxes:
        points = np.asarray(box, dtype=np.float64) @ matrix[:, :2].T + matrix[:, 2]
        out.append(_clockwise(points))
    return out


def _clockwise(points: Any) -> Any:
    """A quadrilateral's corners clockwise from the top left (the detector's order)."""
    import numpy as np

    by_x = points[np.argsort(points[:, 0], kind="stable")]
    left = by_x[:2][np.argsort(by_x[:2, 1], kind="stable")]
    right = by_x[2:][np.argsort(by_x[2:, 1], kind="stable")]
    return np.array([left[0], right[0], right[1], left[1]])


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
        crops = engine.get_crop_img_list(_colour(image), [b.astype(np.float32) for b in sample])
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


def _deskewed(image: Any, angle: float) -> Any:
    """The page turned by ``-angle`` degrees about its centre (white where the page was
    not)."""
    import cv2

    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return cv2.warpAffine(image, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=255)


def _colour(image: Any) -> Any:
    import numpy as np

    return np.ascontiguousarray(np.stack([image] * 3, axis=-1))


def _rules(image: Any, text_height: float) -> list[Rule]:
    """The ruled lines of a page (:func:`_ruled`)."""
    return _ruled(image, text_height)[0]


def _ruled(image: Any, text_height: float) -> tuple[list[Rule], Any]:
    """The ruled lines of a page, and the pixels of those that meet a rule across them (1; a
    pixel more on each side: a rule's grey edges): runs of dark pixels longer than any
    character's stroke (horizontal ones over 2.5 lines of text, vertical ones over one), found
    by a morphological opening of the page's dark pixels; for horizontal ones each pixel joined
    to the pixels above and below it first (a blurred rule is two rows of grey pixels, neither
    dark all along under noise). Not for vertical ones: joined so, a glyph's slanting stroke
    stands as a rule. A table's rules meet; the long stroke of a heading's character, taken
    for a rule, meets none: its pixels are the character's."""
    import cv2
    import numpy as np

    dark = (image < 170).astype(np.uint8)
    out: list[Rule] = []
    masks = []
    size = max(8, int(text_height))
    for horizontal, kernel in (
        (True, np.ones((1, max(24, int(2.5 * size))), np.uint8)),
        (False, np.ones((max(12, int(1.0 * size)), 1), np.uint8)),
    ):
        joined = cv2.dilate(dark, np.ones((3, 1), np.uint8)) if horizontal else dark
        opened = cv2.morphologyEx(joined, cv2.MORPH_OPEN, kernel)
        count, labels, stats, _centres = cv2.connectedComponentsWithStats(opened, connectivity=8)
        kept = np.zeros(count, bool)
        for k in range(1, count):
            x, y, w, h, _area = stats[k]
            if horizontal and w >= kernel.shape[1] and h <= max(6, size // 3):
                out.append(Rule(True, y + h / 2, float(x), float(x + w)))
                kept[k] = True
            elif not horizontal and h >= kernel.shape[0] and w <= max(6, size // 3):
                out.append(Rule(False, x + w / 2, float(y), float(y + h)))
                kept[k] = True
        masks.append((labels, kept, stats))
    (across, across_kept, _stats), (down, down_kept, stats) = masks
    slack = int(SLACK)
    rows = cv2.dilate(across_kept[across].astype(np.uint8), np.ones((2 * slack + 1,) * 2, np.uint8))
    # a table's vertical rule runs from a horizontal rule to another (a character's stroke
    # on a heading's underline meets one, at its foot); its horizontal rules are those it meets
    met = np.zeros(len(down_kept), bool)
    for rule in np.flatnonzero(down_kept):
        x, y, w, h, _area = (int(v) for v in stats[rule])
        met[rule] = bool(rows[y, x : x + w].any() and rows[y + h - 1, x : x + w].any())
    columns = cv2.dilate(met[down].astype(np.uint8), np.ones((2 * slack + 1,) * 2, np.uint8))
    crossed = np.unique(across[(columns > 0) & across_kept[across]])
    pixels = met[down] | np.isin(across, crossed[crossed > 0])
    return out, cv2.dilate(pixels.astype(np.uint8), np.ones((3, 3), np.uint8))


def _unruled(image: Any, pixels: Any) -> Any:
    """The page with its rules' ``pixels`` white: what the recogniser reads (a cell's rule in a
    lone digit's crop, a stroke beside it, took a ``0``'s confidence from 0.98 to 0.5–0.95 at
    100 dpi)."""
    import numpy as np

    return np.where(pixels.astype(bool), np.uint8(255), image)


class Ink:
    """Whether ink stands in a box of a page: dark pixels joined into marks of a few pixels or
    more (a speck of noise is not one; a 0 at 100 dpi, strokes a pixel wide, is), more than
    a character's stroke would leave."""

    #: the least dark pixels that are ink
    LEAST = 12
    #: the least pixels of one mark
    MARK = 6

    def __init__(self, image: Any):
        import cv2
        import numpy as np

        dark = (image < 160).astype(np.uint8)
        _count, labels, stats, _centres = cv2.connectedComponentsWithStats(dark, connectivity=8)
        marks = stats[:, cv2.CC_STAT_AREA] >= self.MARK
        marks[0] = False  # the paper
        #: the page's dark pixels (1) that belong to marks
        self.dark = marks[labels].astype(np.uint8)

    def __call__(self, left: float, top: float, right: float, bottom: float) -> bool:
        return self.marks((left, top, right, bottom)) is not None

    def marks(
        self, box: tuple[float, float, float, float]
    ) -> tuple[float, float, float, float] | None:
        """The box around the ink that stands in ``box`` (left, top, right, bottom), with a
        margin of a quarter of its height as the detector leaves, within ``box``; ``None``
        where no ink stands there."""
        import numpy as np

        left, top, right, bottom = (max(0, int(v)) for v in box)
        if right <= left or bottom <= top:
            return None
        part = self.dark[top:bottom, left:right]
        if int(part.sum()) < self.LEAST:
            return None
        rows = np.flatnonzero(part.any(axis=1))
        columns = np.flatnonzero(part.any(axis=0))
        pad = max(2.0, (rows[-1] - rows[0] + 1) / 4)
        return (
            float(max(left, left + columns[0] - pad)),
            float(max(top, top + rows[0] - pad)),
            float(min(right, left + columns[-1] + 1 + pad)),
            float(min(bottom, top + rows[-1] + 1 + pad)),
        )


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


def _recognise(
    engine: Any, image: Any, boxes: Sequence[tuple[float, float, float, float]]
) -> list[Word]:
    """The words in ``boxes`` (edges on the upright page): each box's text, its confidence and
    its edges (no box dropped for a low confidence: the reader weighs it). The recogniser's
    output is decoded here, to weigh a digit's glyphs together. A short box read unsure is read
    again in black and white (the page's grey, a JPEG's ringing and noise left out: a lone 0
    read as ``.`` or ``。``), and, still unsure, enlarged: its reading is sure only where
    readings agree (:func:`_agreed`)."""
    import numpy as np

    if not boxes:
        return []
    crops = []
    for left, top, right, bottom in boxes:
        crop = image[max(0, round(top)) : round(bottom), max(0, round(left)) : round(right)]
        if crop.shape[0] >= 3 * crop.shape[1]:
            crop = np.rot90(crop)  # a column of text, read on its side as RapidOCR reads it
        crops.append(crop)
    # at its own width first (a lone digit: an eighth of the cost), padded where unsure: a
    # narrow crop reads a 0 less surely, never (measured) surely as another digit
    found = _read_crops(engine, crops, padded=False)
    _channels, height, width = engine.text_rec.rec_image_shape[:3]
    narrow = [
        k
        for k, (_text, score) in enumerate(found)
        if score < HIGH and crops[k].shape[1] * height < width * crops[k].shape[0]
    ]
    for k, reading in zip(narrow, _read_crops(engine, [crops[k] for k in narrow]), strict=True):
        found[k] = reading
    seen = [[(crop, reading)] for crop, reading in zip(crops, found, strict=True)]
    for prepared in (_inked, _enlarged):
        again = [
            k
            for k, (_text, score) in enumerate(found)
            if score < HIGH and crops[k].shape[1] <= SHORT * crops[k].shape[0]
        ]
        others = [prepared(crops[k]) for k in again]
        for k, crop, reading in zip(again, others, _read_crops(engine, others), strict=True):
            seen[k].append((crop, reading))
            found[k] = _agreed(seen[k])
    out = []
    for (left, top, right, bottom), (text, score) in zip(boxes, found, strict=True):
        text = text.strip()
        if text:
            out.append(Word(text, left, top, right, bottom, score))
    return out


#: a box this many times as wide as high, or less, is short (a cell's value, a label): read
#: again in black and white when read unsure
SHORT = 4.0


def _inked(crop: Any) -> Any:
    """A crop in black and white: each pixel ink or paper by the crop's own threshold
    (Otsu's, between its two tones)."""
    import cv2
    import numpy as np

    _threshold, out = cv2.threshold(
        np.ascontiguousarray(crop), 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU
    )
    return out


def _enlarged(crop: Any) -> Any:
    """A crop twice as large (the recogniser sees a narrow digit over more of its steps)."""
    import cv2

    return cv2.resize(crop, None, fx=2.0, fy=2.0, interpolation=cv2.INTER_CUBIC)


def _agreed(readings: Sequence[tuple[Any, tuple[str, float]]]) -> tuple[str, float]:
    """A box's reading from its readings (each the crop read and its text and confidence; the
    first the box as cut): a text that readings of different crops agree on, with their joint
    confidence ``1 - Π(1 - p)``, where that is :data:`HIGH` or more and no reading of another
    text is sure; otherwise the first reading (unsure). Two preprocessings that agree are
    evidence; the surer of two readings that disagree is never taken as sure (a ``0`` with a
    margin of white around it reads ``。`` at 0.99)."""
    first = readings[0][1]
    for text in dict.fromkeys(t for _crop, (t, _p) in readings):
        agreeing: list[tuple[Any, float]] = []
        for crop, (t, p) in readings:
            if t == text and not any(_same(crop, c) for c, _p in agreeing):
                agreeing.append((crop, p))
        sure_other = any(p >= HIGH for _crop, (t, p) in readings if t != text)
        if len(agreeing) < 2 or sure_other:
            continue
        doubt = math.prod(1.0 - p for _crop, p in agreeing)
        if 1.0 - doubt >= HIGH:
            return text, 1.0 - doubt
    return first


def _same(one: Any, other: Any) -> bool:
    """Whether two crops are the same pixels (a crop already black and white is its own
    black-and-white crop: the same reading twice is no evidence)."""
    import numpy as np

    return bool(one.shape == other.shape and np.array_equal(one, other))


def _read_crops(engine: Any, crops: Sequence[Any], padded: bool = True) -> list[tuple[str, float]]:
    """The text of each grey crop and its confidence (:func:`_decode`), each crop read alone,
    padded to the recogniser's width (320 × 48 pixels) where it is narrower (``padded``; else
    at its own width): a crop's reading never depends on the crops read beside it, and on one
    thread a batch costs more a pixel than its crops read one by one (benchmarks/README.md)."""
    import numpy as np

    rec = engine.text_rec
    characters = rec.postprocess_op.character
    classes = _classes(characters)
    _channels, height, width = rec.rec_image_shape[:3]
    out = []
    for crop in crops:
        ratio = crop.shape[1] / max(1, crop.shape[0])
        if padded:
            ratio = max(width / height, ratio)
        inputs = rec.resize_norm_img(_colour(crop), ratio)[np.newaxis]
        (probabilities,) = rec.session(inputs.astype(np.float32))[0]
        out.append(_decode(probabilities, characters, classes, len(probabilities)))
    return out


def read_page(image: Any, number: int) -> tuple[Page, int, float]:
    """A grey page read: its words and rules (:class:`~._scan.Page`), by how many degrees it
    was turned upright, and the skew taken out of it (degrees)."""
    import cv2
    import numpy as np

    engine = _engine()
    image = _sized(image)
    image, boxes, turned = _upright(engine, image)
    angle = _skew(boxes)
    if abs(angle) > 0.15:
        # the text found again on the page made level: the detector, trained on level text,
        # draws a turned page's boxes loosely and misses some (a 2 of table 4); carried through
        # the levelling instead, hongze-2024 turned −2° had 10 cells wrong
        image = _deskewed(image, angle)
        boxes = _detect(engine, image)
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
