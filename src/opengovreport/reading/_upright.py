"""A scanned page made upright and level, and its text found: a page on its side or upside
down (90°, 180°, 270°) turned upright, the skew of a scanner (a degree or two) taken out, the
text's boxes found by the detector on the page as it is then."""

import math
from collections.abc import Sequence
from typing import Any

__all__: list[str] = []


#: the longest side a page's text is found on (pixels): a larger page (a scan at 200 dpi) is
#: scaled down to it for the detector alone, its boxes scaled back; its text is read at its own
#: pixels (a detection's cost goes with its pixels: 0.8–1.0 s a page at 150 dpi, in its arena)
DETECTED = 1800


def shrunk(image: Any, longest: int) -> tuple[Any, float]:
    """``image`` no longer than ``longest`` pixels on either side (shrunk by area, its shape
    kept), and the scale it was shrunk by (1.0 where it was not)."""
    import cv2

    scale = min(1.0, longest / max(image.shape[:2]))
    if scale < 1.0:
        size = (round(image.shape[1] * scale), round(image.shape[0] * scale))
        image = cv2.resize(image, size, interpolation=cv2.INTER_AREA)
    return image, scale


def _detect(engine: Any, image: Any) -> list[Any]:
    """The text boxes of a page (each four corners, clockwise from the top left), found on the
    page no longer than :data:`DETECTED`."""
    import numpy as np

    image, scale = shrunk(image, DETECTED)
    boxes = _found(engine.text_det, image)
    return [np.asarray(box, dtype=np.float64) / scale for box in boxes]


#: the run option by which ONNX Runtime gives its arena's memory back at the end of a run
SHRINK = "memory.enable_memory_arena_shrinkage"


def in_arena(infer: Any) -> Any:
    """RapidOCR's detector (``infer``: its session, called on an input tensor, giving the list
    of outputs) run instead on a session of the same model and options but ONNX Runtime's
    memory arena, which gives its memory back at the end of each run (:data:`SHRINK`); the same
    kernels, the same outputs. Without the arena each of a run's tensors is the C library's
    ``malloc``: some pages' runs (which ones depends on what ran before in the process) map and
    fault in 2.6 GB of fresh memory (650,000 minor faults, 1.2 s of the kernel's time of a
    1.9 s run), where the arena takes its blocks once a run (60,000–80,000 faults, 0.8–0.9 s,
    whatever ran before). ``infer`` as it is where its session cannot be made again (no model
    file)."""
    session = getattr(infer, "session", None)
    path = getattr(session, "_model_path", None)
    if session is None or not path:
        return infer
    return _ArenaRun(path, session)


class _ArenaRun:
    """A detection session (:func:`in_arena`), called as RapidOCR's: an input tensor in, the
    list of outputs out."""

    def __init__(self, path: str, like: Any) -> None:
        import onnxruntime as ort

        options = like.get_session_options()
        options.enable_cpu_mem_arena = True
        providers = [
            (name, {"arena_extend_strategy": "kSameAsRequested"} if name.startswith("CPU") else {})
            for name in like.get_providers()
        ]
        self.session = ort.InferenceSession(path, sess_options=options, providers=providers)
        (self.input,) = [node.name for node in self.session.get_inputs()]
        self.outputs = [node.name for node in self.session.get_outputs()]
        self.options = ort.RunOptions()
        self.options.add_run_config_entry(SHRINK, "cpu:0")

    def __call__(self, tensor: Any) -> Any:
        return self.session.run(self.outputs, {self.input: tensor}, self.options)


def _found(detector: Any, image: Any) -> Any:
    """The boxes RapidOCR's ``detector`` finds on a grey page: what its own call on the colour
    page gives (the same steps: the page resized by its rule, normalised, run, its boxes
    found, ordered and clipped), the input made from the grey pixels by a table of the 256
    values its normalisation gives each channel — the same numbers, without a colour page
    and three channels of floats normalised a pixel (0.1–0.2 s a page at 150 dpi)."""
    import numpy as np

    height, width = image.shape[:2]
    preprocess = detector.get_preprocess(max(height, width))
    resized = preprocess.resize(image)  # a grey page resized as each channel of its colour
    if resized is None:
        return []
    rows, columns = resized.shape[:2]
    table = preprocess.normalize(np.arange(256, dtype=np.uint8).reshape(1, 256, 1).repeat(3, 2))
    tensor = np.empty((1, 3, rows, columns), dtype=np.float32)
    for channel in range(3):
        tensor[0, channel] = table[0, :, channel].astype(np.float32)[resized]
    predictions = detector.infer(tensor)[0]
    boxes, _scores = detector.postprocess_op(predictions, (height, width))
    return detector.filter_tag_det_res(boxes, (height, width))


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


#: a page turned by more than this (degrees) is made level and its text found there
LEVEL = 0.15
#: the longest side of the small copy of a page whether it lies on its side is found on (pixels)
SMALL = 1400
#: the most skew a page on its side is looked for at (degrees), in steps of :data:`STEP`
MOST_SKEW = 3.0
STEP = 0.25


def _upright(engine: Any, image: Any) -> tuple[Any, list[Any], int, float]:
    """The page turned upright and level, its text boxes, by how many degrees it was turned,
    and the skew taken out of it (degrees).

    A page on its side is found so from its ink on a small copy (:func:`_on_its_side`) and
    turned upright before its text is found (a detection costs 1.3–1.5 s a page); the
    detector's boxes then confirm it as they decided it before: boxes that stand on end are a
    page on its side, lines the direction classifier reads upside down a page turned 180°,
    boxes at an angle a skew — each turned or levelled, and the text found again there."""
    import numpy as np

    turned = 0
    if _on_its_side(image):
        image = np.ascontiguousarray(np.rot90(image, -1))
        turned = 90
    boxes = _detect(engine, image)
    if _on_end(boxes):
        image = np.ascontiguousarray(np.rot90(image, -1))
        turned = (turned + 90) % 360
        boxes = _detect(engine, image)
    if _upside_down(engine, image, boxes):
        image = np.ascontiguousarray(np.rot90(image, 2))
        turned = (turned + 180) % 360
        boxes = _detect(engine, image)
    angle = _skew(boxes)
    if abs(angle) <= LEVEL:
        return image, boxes, turned, angle
    # the text found again on the page made level: the detector, trained on level text, draws a
    # turned page's boxes loosely and misses some (a 2 of table 4); carried through the
    # levelling instead, hongze-2024 turned −2° had 10 cells wrong. Levelled by the skew of its
    # ink (a projection profile, exact to 0.1°) rather than of its boxes, hongze-2024 turned
    # 1.5° read 7 cells wrong (benchmarks/README.md, #22 sixth round)
    image = _deskewed(image, angle)
    return image, _detect(engine, image), turned, angle


def _on_end(boxes: Sequence[Any]) -> bool:
    """Whether a page's boxes stand on end (a line of several characters is far longer than
    high; a digit alone is higher)."""
    sizes = [_extent(b) for b in boxes]
    tall = sum(1 for w, h in sizes if h > 3 * w)
    wide = sum(1 for w, h in sizes if w > 3 * h)
    return tall > wide


def _upside_down(engine: Any, image: Any, boxes: Sequence[Any]) -> bool:
    """Whether the direction classifier reads most of a page's widest lines upside down."""
    import numpy as np

    sample = sorted(boxes, key=lambda b: -_extent(b)[0])[:24]
    if not sample:
        return False
    crops = engine.get_crop_img_list(_colour(image), [b.astype(np.float32) for b in sample])
    _crops, found, _elapsed = engine.text_cls(crops)
    flipped = sum(1 for label, score in found if label == "180" and score > 0.9)
    return flipped > len(sample) / 2


def _on_its_side(image: Any) -> bool:
    """Whether a page lies on its side, found from its dark pixels on a copy no longer than
    :data:`SMALL`: lines of text and a table's rules make the counts of dark pixels along them
    rise and fall sharply where they are counted along the lines' own direction and angle (a
    projection profile), less so across them. On its side where its columns' profile, at the
    sharpest of the angles within :data:`MOST_SKEW`, is sharper than its rows'."""
    import numpy as np

    image, _scale = shrunk(image, SMALL)
    ys, xs = np.nonzero(image < 170)
    if len(ys) == 0:
        return False
    ys, xs = ys.astype(np.float64), xs.astype(np.float64)
    steps = round(MOST_SKEW / STEP)
    angles = np.arange(-steps, steps + 1) * STEP
    return bool(_sharpness(xs, ys, angles).max() > _sharpness(ys, xs, angles).max())


def _sharpness(along: Any, across: Any, angles: Any) -> Any:
    """For each angle (degrees), how sharply the count of dark pixels at each ``along - across
    · tan(angle)`` (rounded to a pixel) rises and falls: the sum of the squares of the
    counts."""
    import numpy as np

    out = np.empty(len(angles))
    for k, angle in enumerate(angles):
        at = np.rint(along - across * math.tan(math.radians(float(angle)))).astype(np.int64)
        counts = np.bincount(at - at.min()).astype(np.float64)
        out[k] = float(np.square(counts).sum())
    return out


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
