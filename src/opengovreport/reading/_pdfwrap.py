"""Numbers wrapped inside their table cell in a PDF, joined again by where they stand: a cell
too narrow for a number prints its last digits on a line of their own under the first ones
(``300`` over ``1``; in a very narrow cell one digit a line), and pdfium gives each line as a
line of the page. A line of digits alone is the rest of the number of the line before it that it
stands under — whichever of the line's numbers that is (Chromium prints a row's first lines
together, so a rest may stand under a value that does not end its line), a signed change or a
decimal amount as well — where the page's ruled lines show both in one cell: no horizontal rule
between them, and a vertical rule on either side running past both. Where a rule runs between
them they are two rows. Where the page's rules tell neither (a borderless table's rows stand
as close as a cell's lines: the evidence does not tell them apart) the rest is joined and the
number written unsure, and so are the values beside it at its heights: the reading names each
such cell instead of taking the number without its rest (or the next row's value as its
rest)."""

import functools
import itertools
import re
import struct
from collections.abc import Callable
from typing import Any, NamedTuple

from ._pdfbands import _banded, _digits, _values_alone
from ._pdflines import UNSURE, _PLine
from ._pdflines import _unsure as _each_unsure

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


def _one_cell(rules: Rules, word: tuple[float, float, float, float], rest: _PLine) -> bool | None:
    """Whether ``word`` (its left, bottom, right, top) and the line ``rest`` under it stand in
    one ruled cell: ``False`` where a horizontal rule runs between them across either (two
    rows), ``True`` where a vertical rule stands left of both and one right of both, each
    running from above the word to below the line; ``None`` where the rules tell neither (a
    table without borders: its rows stand as close as a cell's lines)."""
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
    return (any(x <= lo for x in walls) and any(x >= hi for x in walls)) or None


def rejoined(lines: list[_PLine], charbox: CharBox, rules: Callable[[], Rules]) -> list[_PLine]:
    """``lines`` (a page's, in pdfium's order, before pieces of one printed line are joined)
    with each line of digits (:func:`_rest`) that continues a number of the line before it in
    one ruled cell (:func:`_one_cell`) joined to that number — whichever of the line's
    numbers it stands under (Chromium prints a row's first lines together, so a number's rest
    may stand under a value that does not end its line; a signed change, +1 over 6, and a
    decimal amount as well) — and the row of each number so joined made one line
    (:func:`._pdfbands._banded`); where the rules tell neither one cell nor two rows, joined
    and written unsure (:func:`_written_unsure`, :func:`_beside_unsure`). ``rules`` gives the
    page's ruled lines, asked for only where a line of digits stands under a number (most
    pages have none)."""
    out: list[_PLine] = []
    found: Rules | None = None
    #: each line holding a number joined: its place in ``out``, the number's box
    stacked: dict[int, tuple[float, float, float, float]] = {}
    #: the numbers of the last line of ``out`` (:func:`_numbers`), made where first asked for
    numbers: list[_Number] | None = None
    #: the same of each number written unsure (:func:`_written_unsure`)
    unsure: dict[int, tuple[float, float, float, float]] = {}
    for line in lines:
        prev = out[-1] if out else None
        if prev is not None and _rest(line.text) and _below(prev, line):
            if numbers is None:
                numbers = _numbers(prev, charbox)
            at = _under(numbers, line)
            if at is not None:
                if found is None:
                    found = rules()
                box = numbers[at].box
                assert box is not None  # (:func:`_under` gives a number with a box)
                one = _one_cell(found, box, line)
                if one is not False:  # (``None``: the rest of the number or the next row's)
                    out[-1] = _joined(prev, numbers, at, line, charbox, unsure=one is None)
                    low = line.top - line.height
                    box = (box[0], low, max(box[2], line.right), box[3])
                    (stacked if one else unsure)[len(out) - 1] = box
                    continue
        out.append(line)
        numbers = None
    return _rows(out, stacked, unsure, found, rules)


def _rows(
    lines: list[_PLine],
    stacked: dict[int, tuple[float, float, float, float]],
    unsure: dict[int, tuple[float, float, float, float]],
    found: Rules | None,
    rules: Callable[[], Rules],
) -> list[_PLine]:
    """``lines`` (a page's, its numbers' rests joined by :func:`rejoined`) with the values
    beside a number written unsure written unsure too (:func:`_beside_unsure`), and each row
    holding a number joined in its ruled cell (``stacked``, by the number's box) or whose
    values stand apart from its label (:func:`_apart`) made one line
    (:func:`._pdfbands._banded`)."""
    out = [_beside_unsure(line, list(unsure.values())) for line in lines] if unsure else lines
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
    prev: _PLine, numbers: list[_Number], at: int, line: _PLine, charbox: CharBox, unsure: bool
) -> _PLine:
    """``prev`` with ``line`` (digits alone) joined to its number ``at``, and written unsure
    where ``unsure`` (:func:`_written_unsure`); ``numbers`` made those of the line so joined
    (the number's box down to the rest's last line, the numbers after it moved on in the
    text)."""
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
    out = prev._replace(
        text=prev.text[: number.end] + rest + prev.text[number.end :],
        values=values,
        right=max(prev.right, line.right),
        pieces=prev.pieces + line.pieces,
    )
    return _written_unsure(out, numbers, at) if unsure else out


def _written_unsure(line: _PLine, numbers: list[_Number], at: int) -> _PLine:
    """``line`` with its number ``at`` (a rest just joined to it where nothing on the page
    tells a cell's lines from a table's rows) written unsure (:data:`._pdflines.UNSURE` after
    it, once), the numbers after it moved on in the text, and no value placed: the reading
    names its cell (``not-a-number``) instead of taking either number."""
    end = numbers[at].end
    if line.text[end : end + 1] == UNSURE:
        return line
    for i, number in enumerate(numbers):  # (no value placed: none is a value now)
        numbers[i] = number._replace(end=number.end + (i > at), value=None)
    text = line.text[:end] + UNSURE + line.text[end:]
    return line._replace(text=text, values=(), drawn_over=True)


def _beside_unsure(line: _PLine, boxes: list[tuple[float, float, float, float]]) -> _PLine:
    """``line`` with its numbers each written unsure where it is values alone standing beside
    a number written unsure (:func:`_written_unsure`), within its height: the values of its
    row, or of the rows its lines may be (cells centred at several heights; no rule on the
    page parts them): which row a value is in, nothing tells."""
    if line.drawn_over or line.height <= 0 or not _values_alone(line):
        return line
    low = line.top - line.height
    if not any(line.top > bottom and low < top for _left, bottom, _right, top in boxes):
        return line
    return line._replace(text=_each_unsure(line.text), values=(), drawn_over=True)


#: the characters of a number's rest: digits, and a decimal point or commas among them
_REST_CHARACTERS = frozenset("0123456789０１２３４５６７８９.,")


def _rest(text: str) -> bool:
    """Whether ``text`` (a line's) may be the rest of a number wrapped in its cell: digits
    alone, or with a decimal point or commas among them (``5142.9140`` under ``20180504``)."""
    return _digits(text) or (_REST_CHARACTERS.issuperset(text) and any(map(str.isdigit, text)))


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
