"""A scanned page's ruled lines and its ink: where a table's rules run (the cells the OCR's
words are placed in, and the pixels left out of what is read), and whether ink stands in a
box (a cell the detector found no text in)."""

from typing import Any

from ._scan import SLACK, Rule

__all__ = ["Ink"]


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
