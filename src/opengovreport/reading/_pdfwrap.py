"""Numbers wrapped inside their table cell in a PDF, joined again by where they stand: a cell
too narrow for a number prints its last digits on a line of their own under the first ones
(``300`` over ``1``; in a very narrow cell one digit a line), and pdfium gives each line as a
line of the page. A line of digits alone is the rest of the number of the line before it that it
stands under — whichever of the line's numbers that is (Chromium prints a row's first lines
together, so a rest may stand under a value that does not end its line), a signed change or a
decimal amount as well — where the page's ruled lines show both in one cell: no horizontal rule
between them, and a vertical rule on either side running past both. Where the page has no such
rules nothing is joined (a borderless table's rows stand as close as a cell's lines: the
evidence does not tell them apart): the rest stands as a line of its own, and nothing here
names the number read without it (where the reading then breaks, other readers are tried and
the cells they read otherwise named: reading/_files.py)."""

import functools
import itertools
import re
import struct
from collections.abc import Callable
from typing import Any, NamedTuple

from ._pdflines import _PLine

__all__ = ["CharBox", "Rules", "page_rules", "rejoined"]


class Rules(NamedTuple):
    """A page's ruled lines: each horizontal one as (y, left, right), each vertical one as
    (x, bottom, top), in the page's units (points, y up)."""

    across: list[tuple[float, float, float]]
    down: list[tuple[float, float, float]]


#: a character's box (left, bottom, right, top) by its index in the page's text
CharBox = Callable[[int], tuple[float, float, float, float]]

#: how thick a ruled line is at most (points)
_THIN = 2.5
#: how far under a number's line (its digits' height) the rest of it may stand
_GAP = 2.5
#: how far (lines' heights) a row's label may stand above or below its values
_NEAR = 4
#: how many segments a path drawn as a rule or a box has at most
_SEGMENTS = 5


@functools.cache
def _calls() -> tuple[Any, ...]:
    """pdfium's calls that list a page's objects, count a path's segments and give an object's
    bounds, made without ctypes' conversion of each argument (as
    :func:`._pdflines._get_charbox`) and holding the interpreter's lock (``PYFUNCTYPE``: each
    is a lookup in the page pdfium parsed; the lock let go and taken again was a fifth of a
    call's steps). An object's handle is kept as it comes (a subclass of ``c_void_p`` is not
    made an ``int``); ``FPDFPath_CountSegments`` gives -1 for an object that is not a path,
    so that one call tells a path and its segments."""
    import ctypes

    import pypdfium2.raw as raw

    class Handle(ctypes.c_void_p):
        pass

    def bare(function: Any, returns: Any) -> Any:
        address = ctypes.cast(function, ctypes.c_void_p).value
        assert address is not None  # a function of the library pypdfium2 loaded
        return ctypes.PYFUNCTYPE(returns)(address)

    return (
        bare(raw.FPDFPage_CountObjects, ctypes.c_int),
        bare(raw.FPDFPage_GetObject, Handle),
        bare(raw.FPDFPath_CountSegments, ctypes.c_int),
        bare(raw.FPDFPageObj_GetBounds, ctypes.c_int),
    )


#: an object's bounds as pdfium writes them (four floats: left, bottom, right, top)
_BOUNDS = struct.Struct("4f")


def page_rules(page: Any) -> Rules:
    """The ruled lines of a pdfium page: its paths of a few segments that are thin (a line, or
    a thin filled box), and the sides of those that are boxes. pdfium's calls are made here,
    not through an object for each of the page's hundreds of objects: two calls an object
    (its handle, its segments: -1 where it is not a path), the bounds of a short path's
    written into one buffer, the page's handle passed as a pointer made once."""
    import ctypes

    across: list[tuple[float, float, float]] = []
    down: list[tuple[float, float, float]] = []
    handle = ctypes.c_void_p.from_param(ctypes.cast(page.raw, ctypes.c_void_p).value)
    edges = (ctypes.c_float * 4)()
    refs = [ctypes.byref(edges, 4 * i) for i in range(4)]
    count, get, segments, bounds = _calls()
    unpack = _BOUNDS.unpack_from
    objects = count(handle)
    for obj in map(get, itertools.repeat(handle, objects), range(objects)):
        if not 0 < segments(obj) <= _SEGMENTS or not bounds(obj, *refs):
            continue
        left, bottom, right, top = unpack(edges)
        wide, tall = right - left, top - bottom
        if tall <= _THIN and wide > _THIN:
            across.append(((bottom + top) / 2, left, right))
        elif wide <= _THIN and tall > _THIN:
            down.append(((left + right) / 2, bottom, top))
        elif wide > _THIN and tall > _THIN:  # a box: its four sides
            across += [(bottom, left, right), (top, left, right)]
            down += [(left, bottom, top), (right, bottom, top)]
    return Rules(across, down)


#: the digits a number is printed in (ASCII, full-width)
_DIGIT_CHARACTERS = frozenset("0123456789０１２３４５６７８９")


def _digits(text: str) -> bool:
    return bool(text) and _DIGIT_CHARACTERS.issuperset(text)


def _one_cell(rules: Rules, word: tuple[float, float, float, float], rest: _PLine) -> bool:
    """Whether ``word`` (its left, bottom, right, top) and the line ``rest`` under it stand in
    one ruled cell: no horizontal rule between them across either, and a vertical rule left of
    both and one right of both, each running from above the word to below the line."""
    left, bottom, right, top = word
    low = rest.top - rest.height
    lo, hi = min(left, rest.left), max(right, rest.right)
    slack = 0.2 * rest.height
    if any(
        rest.top - slack <= y <= bottom + slack and x0 < hi and x1 > lo
        for y, x0, x1 in rules.across
    ):
        return False
    walls = [x for x, y0, y1 in rules.down if y0 <= low + slack and y1 >= top - slack]
    return any(x <= lo for x in walls) and any(x >= hi for x in walls)


def rejoined(lines: list[_PLine], charbox: CharBox, rules: Callable[[], Rules]) -> list[_PLine]:
    """``lines`` (a page's, in pdfium's order, before pieces of one printed line are joined)
    with each line of digits alone that continues a number of the line before it in one ruled
    cell (:func:`_one_cell`) joined to that number — whichever of the line's numbers it stands
    under (Chromium prints a row's first lines together, so a number's rest may stand under a
    value that does not end its line; a signed change, +1 over 6, and a decimal amount as
    well) — and the row of each number so joined made one line (:func:`_banded`). ``rules``
    gives the page's ruled lines, asked for only where a line of digits stands under a number
    (most pages have none)."""
    out: list[_PLine] = []
    found: Rules | None = None
    #: each line holding a number joined: its place in ``out``, the number's box
    stacked: dict[int, tuple[float, float, float, float]] = {}
    #: the numbers of the last line of ``out`` (:func:`_numbers`), made where first asked for
    numbers: list[_Number] | None = None
    for line in lines:
        prev = out[-1] if out else None
        if prev is not None and _digits(line.text) and _below(prev, line):
            if numbers is None:
                numbers = _numbers(prev, charbox)
            at = _under(numbers, line)
            if at is not None:
                if found is None:
                    found = rules()
                box = numbers[at].box
                assert box is not None  # (:func:`_under` gives a number with a box)
                if _one_cell(found, box, line):
                    out[-1] = _joined(prev, numbers, at, line, charbox)
                    low = line.top - line.height
                    stacked[len(out) - 1] = (box[0], low, max(box[2], line.right), box[3])
                    continue
        out.append(line)
        numbers = None
    for at, line in enumerate(out):  # a row's values standing apart from its label
        if at not in stacked and _apart(out, at):
            stacked[at] = (line.left, line.top - line.height, line.right, line.top)
    if stacked and found is None:
        found = rules()
    return _banded(out, stacked, found) if found is not None and stacked else out


class _Number(NamedTuple):
    """A number of a line: where its text ends in the line's text, the index (in the page's
    text) of its first character and of its last, which of the line's values it is (or
    ``None``: a signed change is not one), and its box (``None`` where pdfium gives none)."""

    end: int
    first: int
    last: int
    value: int | None
    box: tuple[float, float, float, float] | None


#: a number standing on its own in a line (digits, with a sign before them or not, a decimal
#: point or thousands' commas among them): after the line's start or a space, and before a
#: space or the line's end
_NUMBER = re.compile(r"(?<!\S)[+\-－＋]?\d[\d.,]*(?!\S)")


def _numbers(line: _PLine, charbox: CharBox) -> list[_Number]:
    """The numbers of ``line`` (one of pdfium's lines) that a rest may continue: each that
    stands as a number of its own where the line's text is its piece's (no digit groups made
    one); else the value that ends it (where it is digits)."""
    (start, raw), *more = line.pieces
    text = raw.strip()
    if not more and line.text == text:
        offset = start + len(raw) - len(raw.lstrip())
        slots = {index: i for i, (_word, index) in enumerate(line.values)}
        found = [
            (m.end(), offset + m.start(), offset + m.end() - 1, slots.get(offset + m.start()))
            for m in _NUMBER.finditer(text)
        ]
    elif line.values and _digits(line.values[-1][0]) and line.text.endswith(line.values[-1][0]):
        last_start, last_raw = line.pieces[-1]
        index = line.values[-1][1]
        found = [
            (len(line.text), index, last_start + len(last_raw.rstrip()) - 1, len(line.values) - 1)
        ]
    else:
        found = []
    return [_Number(*number, _box(charbox, number[1], number[2])) for number in found]


def _box(charbox: CharBox, first: int, last: int) -> tuple[float, float, float, float] | None:
    """The box of a number (left, bottom, right, top) by its first character and its last (on
    the number's last printed line); ``None`` where pdfium gives no box."""
    try:
        top, low = charbox(first), charbox(last)
    except Exception:  # a box pdfium cannot give: nothing joined
        return None
    return (min(top[0], low[0]), low[1], max(top[2], low[2]), top[3])


def _below(prev: _PLine, line: _PLine) -> bool:
    """Whether ``line`` may stand under a number of ``prev``: the same page, both with a
    height (a line's top is its first character's, which may stand lower than the number's
    bottom: its first number the rest of another, ``57 82 65`` over ``16``)."""
    return prev.page == line.page and line.height > 0 and prev.height > 0


def _under(numbers: list[_Number], line: _PLine) -> int | None:
    """Which of ``numbers`` (a line's) ``line`` (digits alone) stands under, across from it
    and within :data:`_GAP` of its height: the only one, else ``None``."""
    found = [
        i
        for i, number in enumerate(numbers)
        if number.box is not None
        and 0 <= number.box[1] - line.top <= _GAP * line.height
        and min(number.box[2], line.right) > max(number.box[0], line.left)
    ]
    return found[0] if len(found) == 1 else None


def _joined(
    prev: _PLine, numbers: list[_Number], at: int, line: _PLine, charbox: CharBox
) -> _PLine:
    """``prev`` with ``line`` (digits alone) joined to its number ``at``; ``numbers`` made
    those of the line so joined (the number's box down to the rest's last line, the numbers
    after it moved on in the text)."""
    number = numbers[at]
    rest = line.text
    start, raw = line.pieces[-1]
    last = start + len(raw.rstrip()) - 1
    for i in range(at + 1, len(numbers)):
        numbers[i] = numbers[i]._replace(end=numbers[i].end + len(rest))
    numbers[at] = number._replace(
        end=number.end + len(rest), last=last, box=_box(charbox, number.first, last)
    )
    values = prev.values
    if number.value is not None:
        word, index = values[number.value]
        values = (*values[: number.value], (word + rest, index), *values[number.value + 1 :])
    return prev._replace(
        text=prev.text[: number.end] + rest + prev.text[number.end :],
        values=values,
        right=max(prev.right, line.right),
        pieces=prev.pieces + line.pieces,
    )


def _apart(lines: list[_PLine], at: int) -> bool:
    """Whether line ``at`` is values alone next to a line (in pdfium's order) standing left of
    it, or beside it at another height and values alone too, within a few lines' height: a
    row's label (wrapped) or its other cells not on the values' baseline (cells centred in a
    row of several lines). The rules are looked up only then."""
    line = lines[at]
    if line.height <= 0 or not _values_alone(line):
        return False
    reach = _NEAR * line.height
    for i in (at - 1, at + 1):
        if 0 <= i < len(lines) and abs(lines[i].top - line.top) <= reach:
            other = lines[i]
            if other.right <= line.left:
                return True
            moved = abs(other.top - line.top) > 0.3 * line.height
            if other.left >= line.right and moved and _values_alone(other):
                return True
    return False


def _values_alone(line: _PLine) -> bool:
    return all(map(_digits, line.text.split()))


def _band(rules: Rules, box: tuple[float, float, float, float]) -> tuple[float, float] | None:
    """The row a box stands in: the nearest horizontal rules above and below it that run
    over it (their heights; a table's rules may be drawn a cell at a time), or ``None``."""
    left, bottom, right, top = box
    over = [y for y, x0, x1 in rules.across if y >= top and x0 < right and x1 > left]
    below = [y for y, x0, x1 in rules.across if y <= bottom and x0 < right and x1 > left]
    return (min(over), max(below)) if over and below else None


def _banded(
    lines: list[_PLine], stacked: dict[int, tuple[float, float, float, float]], rules: Rules
) -> list[_PLine]:
    """Each row of a ruled table that holds a number joined by :func:`rejoined` made one line:
    the lines around it (in pdfium's order, up to one that does not) that stand between the
    rules above and below the number, ordered by the cell they stand in (the page's vertical
    rules part the cells) and, within a cell, top to bottom; its cells parted by a space. A
    cell's number stands at its own height (cells centred in their rows), so pieces of one row
    are not on one baseline."""
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
