"""A scanned page made upright and level, and its text found: a page on its side or upside
down (90°, 180°, 270°) turned upright, the skew of a scanner (a degree or two) taken out, the
text's boxes found by the detector on the page as it is then."""

import math
from collections.abc import Sequence
from typing import Any

__all__: list[str] = []


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
