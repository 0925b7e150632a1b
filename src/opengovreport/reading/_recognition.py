"""The recogniser: the text in each box of a page and its confidence, a digit's glyphs weighed
together, a short box read unsure read again in black and white and enlarged, sure only where
its readings agree."""

import math
from collections.abc import Sequence
from typing import Any

from ._scan import HIGH, Word
from ._upright import _colour

__all__: list[str] = []


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
