"""A row of a ruled table whose pieces pdfium gives as several lines (a number wrapped in its
cell and joined again, a label's lines beside its values, cells centred at several heights)
read as one line between the rules above and below it, cell by cell (:mod:`._pdfwrap` finds
such rows)."""

from typing import TYPE_CHECKING

from ._pdflines import _PLine

if TYPE_CHECKING:  # pragma: no cover
    from ._pdfwrap import Rules

#: the digits a number is printed in (ASCII, full-width)
_DIGIT_CHARACTERS = frozenset("0123456789０１２３４５６７８９")


def _digits(text: str) -> bool:
    return bool(text) and _DIGIT_CHARACTERS.issuperset(text)


def _values_alone(line: _PLine) -> bool:
    return all(map(_digits, line.text.split()))


def _band(rules: "Rules", box: tuple[float, float, float, float]) -> tuple[float, float] | None:
    """The row a box stands in: the nearest horizontal rules above and below it that run
    over it (their heights; a table's rules may be drawn a cell at a time), or ``None``."""
    left, bottom, right, top = box
    over = [y for y, x0, x1 in rules.across if y >= top and x0 < right and x1 > left]
    below = [y for y, x0, x1 in rules.across if y <= bottom and x0 < right and x1 > left]
    return (min(over), max(below)) if over and below else None


def _banded(
    lines: list[_PLine], stacked: dict[int, tuple[float, float, float, float]], rules: "Rules"
) -> list[_PLine]:
    """Each row of a ruled table that holds a number joined by :func:`._pdfwrap.rejoined`
    made one line: the lines around it (in pdfium's order, up to one that does not) that stand
    between the rules above and below the number, ordered by the cell they stand in (the
    page's vertical rules part the cells) and, within a cell, top to bottom; its cells parted
    by a space. A cell's number stands at its own height (cells centred in their rows), so
    pieces of one row are not on one baseline."""
    out = list(lines)
    gone: set[int] = set()
    for at, box in sorted(stacked.items()):
        band = _band(rules, box)
        if band is None or at in gone:
            continue
        top, bottom = band
        first = at
        while first > 0 and first - 1 not in gone and _inside(lines, stacked, first - 1, band):
            first -= 1
        end = at + 1
        while end < len(lines) and _inside(lines, stacked, end, band):
            end += 1
        if end - first < 2:
            continue
        walls = sorted(x for x, y0, y1 in rules.down if y0 <= bottom + 1 and y1 >= top - 1)
        out[first] = _one_line(_read_order(lines[first:end], walls), walls)
        gone.update(range(first + 1, end))
    return [line for i, line in enumerate(out) if i not in gone]


def _inside(
    lines: list[_PLine],
    stacked: dict[int, tuple[float, float, float, float]],
    i: int,
    band: tuple[float, float],
) -> bool:
    """Whether line ``i`` stands between the rules of ``band`` (a joined number by its box)."""
    line = lines[i]
    low = stacked[i][1] if i in stacked else line.top - line.height
    return line.top <= band[0] and low >= band[1]


def _read_order(lines: list[_PLine], walls: list[float]) -> list[_PLine]:
    """A row's lines in reading order: by the cell they stand in (left to right), in a cell by
    their printed line (top to bottom; pieces within a third of a character's height of one
    top are one printed line), in a printed line left to right."""

    def cell(line: _PLine) -> int:
        return sum(x <= line.left + 1 for x in walls)

    ordered = sorted(lines, key=lambda line: (cell(line), -line.top))
    out: list[_PLine] = []
    group: list[_PLine] = []
    for line in ordered:
        if group and (
            cell(line) != cell(group[0])
            or group[0].top - line.top > 0.3 * max(group[0].height, line.height)
        ):
            out += sorted(group, key=lambda piece: piece.left)
            group = []
        group.append(line)
    return out + sorted(group, key=lambda piece: piece.left)


def _one_line(row: list[_PLine], walls: list[float]) -> _PLine:
    """The lines of one row (ordered by cell) as one line: a cell's lines joined as they run
    on, the cells parted by a space."""
    text = ""
    cell = None
    for line in row:
        here = sum(x <= line.left + 1 for x in walls)
        if text and (here != cell or (text[-1:].isascii() and line.text[:1].isascii())):
            text += " "
        text += line.text
        cell = here
    values: tuple[tuple[str, int], ...] = ()
    for line in row:  # the values that end the row: those of its last cells
        if not line.values:
            values = ()
        else:
            values = (*values, *line.values) if _values_alone(line) else line.values
    return row[0]._replace(
        text=text,
        left=min(line.left for line in row),
        right=max(line.right for line in row),
        cells=True,
        values=values,
        pieces=tuple(piece for line in row for piece in line.pieces),
    )
