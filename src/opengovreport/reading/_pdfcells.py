"""The columns of a ruled table in a PDF by its cells' drawn borders: at each row's height the
page's vertical rules that run past it part the row into cells, and those right of the rows'
labels are the table's columns — a value belongs to the cell whose two borders enclose it. A
column blank in every row is a cell with nothing in it, at either end as well as between
(where the header's words alone cannot tell it from the labels' column or the page's margin,
and where a value right-aligned under a header centred in a wider cell stands nearer the next
column's header than its own).

The borders settle a table only where every row of it is parted into the same cells right of
its labels, those cells are the header's columns (each under one column its words print) and
every value stands in one cell of its own; else they are not the table's columns (a table
drawn without some of its inner borders, rules of something else on the page) and say nothing
(:func:`ruled_cells`, :func:`in_cells` give ``None``)."""

import itertools
from collections.abc import Sequence

from ._pdflines import _PLine
from ._pdfwrap import Rules

__all__ = ["in_cells", "ruled_cells"]

#: how far apart (points) two vertical rules may stand and be one border (two cells' sides
#: drawn each on its own, a line's thickness)
_ONE_BORDER = 1.5
#: how far (a character's width) a value may reach past the borders of its cell: a number
#: filling a narrow cell, its box taken as its characters' advances
_REACH = 0.5


def _walls(down: Sequence[tuple[float, float, float]], line: _PLine) -> list[float]:
    """The borders that part ``line``'s row into cells, left to right: the vertical rules
    running past the middle of its first character's height, those within
    :data:`_ONE_BORDER` of each other one."""
    middle = line.top - line.height / 2
    found = sorted(x for x, bottom, top in down if bottom <= middle <= top)
    out: list[float] = []
    for x in found:
        if out and x - out[-1] <= _ONE_BORDER:
            continue
        out.append(x)
    return out


def _cell(left: float, right: float, word: str, cells: Sequence[tuple[float, float]]) -> int:
    """The cell a value from ``left`` to ``right`` stands in (its middle between the cell's
    borders, and reaching past neither by more than :data:`_REACH` of a character), or -1."""
    reach = _REACH * (right - left) / max(len(word), 1)
    middle = (left + right) / 2
    for k, (lo, hi) in enumerate(cells):
        if lo < middle < hi:
            return k if lo - reach <= left and right <= hi + reach else -1
    return -1


def _same(a: Sequence[tuple[float, float]], b: Sequence[tuple[float, float]]) -> bool:
    return len(a) == len(b) and all(
        abs(x[0] - y[0]) <= _ONE_BORDER and abs(x[1] - y[1]) <= _ONE_BORDER
        for x, y in zip(a, b, strict=True)
    )


def ruled_cells(
    lines: Sequence[_PLine],
    rows: Sequence[int],
    labels: float,
    rules: Rules,
    header: Sequence[float],
) -> list[tuple[float, float]] | None:
    """The cells (left and right border) the page's ``rules`` part each of the rows ``rows``
    of a table (indices of ``lines``, their labels ending at ``labels`` at most) into right
    of their labels, left to right; ``None`` where the borders do not settle the table's
    columns: a row not parted into the same cells as the others, or cells that are not the
    header's columns (``header``: the middle of each column the header's words print right
    of the labels, one in each cell, left to right — a border not drawn between two columns
    is two in one)."""
    columns: list[tuple[float, float]] | None = None
    for i in rows:
        walls = _walls(rules.down, lines[i])
        cells = [(lo, hi) for lo, hi in itertools.pairwise(walls) if lo >= labels - _ONE_BORDER]
        if columns is None:  # the first row's cells: the header's columns, one in each
            # (a word beyond the table's last border is none of its header's: a title's line
            # centred on the page above it)
            inside = [x for x in header if walls and x < walls[-1]]
            if len(cells) != len(inside) or not all(
                lo < x < hi for x, (lo, hi) in zip(inside, cells, strict=True)
            ):
                return None
            columns = cells
        elif not _same(cells, columns):
            return None
    return columns


def in_cells(
    values: Sequence[tuple[str, float, float]], cells: Sequence[tuple[float, float]]
) -> list[int] | None:
    """The cell each of a row's ``values`` (words with their left and right edges) stands in,
    left to right; ``None`` where one stands in no cell of its own (across a border, in the
    label's, or two in one)."""
    found = [_cell(left, right, word, cells) for word, left, right in values]
    if any(k < 0 or (j and k <= found[j - 1]) for j, k in enumerate(found)):
        return None
    return found
