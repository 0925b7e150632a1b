"""Blank cells of a PDF's tables placed: a row with fewer values than a full row of its table
near it has each value placed under its column by where it stands on the page, and a
:data:`PLACED_BLANK` where a column has none."""

import bisect
import functools
import itertools
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from ._pdflines import _WORD, _PLine
from ._values import MARK_CHARACTERS, PLACED_BLANK, is_blank_mark

__all__ = ["Boxes", "_boxes", "_place_blanks"]

#: how far apart two rows of one table may stand (lines of the page between them)
_NEAR = 30


def _boxes(textpage: Any, values: Sequence[tuple[str, int]]) -> list[tuple[str, float, float]]:
    """Each value word with its edges on the page: its first character's box (the advance of a
    digit, the same for every digit of a font) times the word's length; none where pdfium
    cannot give a box."""
    out = []
    for word, index in values:
        try:
            left, _bottom, right, _top = textpage.get_charbox(index, loose=True)
        except Exception:  # a box pdfium cannot give: no positions for this line
            return []
        out.append((word, left, left + (right - left) * len(word)))
    return out


def _trailing_values(line: _PLine) -> list[tuple[str, int]]:
    """The values that end a line (its cells after the label), each with its character's
    index; none where the line's words and those found for it disagree."""
    if len(line.values) < 2:
        return []
    words = line.text.split()
    count = 0
    for word in reversed(words):  # (:func:`._pdflines._is_value_word` written out)
        if not (word.isdigit() or (word[:1] in MARK_CHARACTERS and is_blank_mark(word))):
            break
        count += 1
    if count < 2 or len(line.values) < count:
        return []
    tail = list(line.values[-count:])
    if [w for w, _i in tail] != words[-count:]:
        return []
    return tail


#: the edges of value words on a page: (the page, the words and their characters' indices) →
#: each word and its left and right edges
Boxes = Callable[[int, Sequence[tuple[str, int]]], list[tuple[str, float, float]]]


#: where a value stands in its cell, one of its edges or its centre: a table's column is
#: aligned one way
_ANCHORS: tuple[Callable[[float, float], float], ...] = (
    lambda left, right: (left + right) / 2,
    lambda left, right: right,
    lambda left, right: left,
)


class _Grid(NamedTuple):
    """The columns of a full row as one anchor of its values places them."""

    anchor: Callable[[float, float], float]
    spots: list[float]
    #: how far from its column's spot a value may stand and still be under it
    tolerance: float

    def under(self, left: float, right: float) -> int | None:
        """The column a word from ``left`` to ``right`` stands under, or ``None``."""
        spot = self.anchor(left, right)
        column = min(range(len(self.spots)), key=lambda c: abs(self.spots[c] - spot))
        return column if abs(self.spots[column] - spot) <= self.tolerance else None


def _grids(full: list[tuple[str, float, float]]) -> list[_Grid]:
    """The columns of ``full`` (a row with a value in every column) by each anchor under which
    they stand apart."""
    out = []
    for anchor in _ANCHORS:
        spots = [anchor(left, right) for _w, left, right in full]
        gaps = [b - a for a, b in itertools.pairwise(spots)]
        if gaps and min(gaps) > 0:
            out.append(_Grid(anchor, spots, 0.4 * min(gaps)))
    return out


def _columns_of(
    row: list[tuple[str, float, float]], full: list[tuple[str, float, float]]
) -> tuple[list[int], _Grid] | None:
    """The column of ``full`` (a row of the same table with a value in every column) under
    which each value of ``row`` stands, left to right, and the grid that says so: the same
    columns by every anchor (centre, right edge, left edge) under which each value stands
    under one; ``None`` where no anchor places them all, or two place them differently."""
    found: list[tuple[list[int], _Grid]] = []
    for grid in _grids(full):
        out: list[int] = []
        for _w, left, right in row:
            column = grid.under(left, right)
            if column is None or (out and column <= out[-1]):
                break
            out.append(column)
        else:
            found.append((out, grid))
    if not found or any(columns != found[0][0] for columns, _grid in found):
        return None
    return found[0]


def _across(row: list[tuple[str, float, float]], full: list[tuple[str, float, float]]) -> bool:
    """Whether a value of ``row`` reaches over the values of two columns of ``full`` (two
    cells' digits run together, boxes printed too close: ``346`` and ``0`` read ``3460``):
    under one column it would be a number no cell printed."""
    return any(
        sum(min(right, end) > max(left, start) for _f, start, end in full) > 1
        for _w, left, right in row
    )


def _cells_before(
    line: _PLine, first: int, column: int, grid: _Grid, boxes: Boxes
) -> list[tuple[str, int]]:
    """The words before a row's first value (its character ``first`` of the page's text,
    under ``column``) that stand under columns of ``grid`` left of it (a cell printed as
    something other than a number, ``4l2``), each with its column, left to right: cells of
    the row, not words of its label."""
    words = [
        (m.group(), start + m.start()) for start, raw in line.pieces for m in _WORD.finditer(raw)
    ]
    lead = [(w, i) for w, i in words if i < first]
    out: list[tuple[str, int]] = []
    for word, index in reversed(lead):
        box = boxes(line.page, [(word, index)])
        under = grid.under(box[0][1], box[0][2]) if box else None
        if under is None or under >= column:
            break
        out.append((word, under))
        column = under
    return out[::-1]


def _place_blanks(lines: list[_PLine], boxes: Boxes) -> list[_PLine]:
    """Rows of a table with fewer values than a full row near them (a cell with nothing printed
    in it): each value placed under its column by where it stands, a :data:`PLACED_BLANK` where
    a column has none, so that no value moves into its neighbour's column. A full row is one
    of five values or more (tables 3 and 4) whose values no row near it spreads over more
    columns; a row of two values or more is placed by the full row nearest it (on the same
    page or the next), where it has fewer values than that row and each stands under one of its
    columns. Where no row has fewer values than a wide row near it, no position is looked up
    (the usual report)."""
    trailing = [_trailing_values(line) if len(line.values) >= 2 else [] for line in lines]
    wide = [j for j, values in enumerate(trailing) if len(values) >= 5]

    @functools.cache
    def around(i: int) -> list[int]:
        """The rows of five values or more near row ``i``."""
        page = lines[i].page
        return [
            j
            for j in wide[
                bisect.bisect_left(wide, i - _NEAR) : bisect.bisect_right(wide, i + _NEAR)
            ]
            if j != i and abs(lines[j].page - page) <= 1
        ]

    @functools.cache
    def near(i: int) -> list[int]:
        """The rows of five values or more near row ``i``, the nearest first."""
        return sorted(around(i), key=lambda j: abs(j - i))

    counts = [len(values) for values in trailing]

    def more_near(i: int) -> bool:
        """Whether a row near row ``i`` (:func:`around`) has more values than it."""
        count, page = counts[i], lines[i].page
        window = wide[bisect.bisect_left(wide, i - _NEAR) : bisect.bisect_right(wide, i + _NEAR)]
        return any(counts[j] > count and j != i and abs(lines[j].page - page) <= 1 for j in window)

    placeable = [i for i, count in enumerate(counts) if count >= 2 and more_near(i)]
    if not placeable:
        return lines
    found: dict[int, list[tuple[str, float, float]]] = {}

    def row(i: int) -> list[tuple[str, float, float]]:
        if i not in found:
            found[i] = boxes(lines[i].page, trailing[i])
        return found[i]

    full: dict[int, bool] = {}

    def is_full(j: int) -> bool:
        if j not in full:
            full[j] = len(row(j)) == len(trailing[j]) and not any(
                len(trailing[k]) > len(trailing[j]) and _columns_of(row(j), row(k)) is not None
                for k in near(j)
            )
        return full[j]

    out = list(lines)
    for i in placeable:
        j = next((j for j in near(i) if is_full(j)), None)
        values = row(i)
        if j is None or not 2 <= len(values) < len(row(j)):
            continue  # no full row near, or as many values as the nearest has (a full row)
        reference = row(j)
        placing = _columns_of(values, reference)
        if placing is None or _across(values, reference):
            continue
        columns, grid = placing
        placed = [PLACED_BLANK] * len(reference)
        for (word, _l, _r), column in zip(values, columns, strict=True):
            placed[column] = word
        before = _cells_before(lines[i], trailing[i][0][1], columns[0], grid, boxes)
        for word, column in before:
            placed[column] = word
        taken = len(values) + len(before)
        text = lines[i].text
        head = text.rsplit(None, taken)[0] if len(text.split()) > taken else ""
        out[i] = lines[i]._replace(text=" ".join(filter(None, [head, *placed])))
    return out
