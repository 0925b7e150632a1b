"""Blank cells of a PDF's tables placed by the columns their header prints: where no row near a
short row holds a value in every column (:mod:`._pdfblanks`), the header's words above the rows
give the columns — each column the words that stand over it and over no other word narrower
than themselves (法人或其他组织 over its five columns is no column; 商 业 企 业 printed down a
narrow column are one) — and a row with fewer values than the header's columns has each value
placed under the column it stands under, a :data:`PLACED_BLANK` where a column has none.
Where the page draws the table's cells, their borders say which (:mod:`._pdfcells`): the
header's columns are the cells between them, and a value is under the cell that encloses it.

Where the evidence does not agree — a value under no column or two under one, a row with a
value in every column that does not stand under them — nothing is placed: the row is read as
printed and the reader says which cells it could not place."""

import functools
import itertools
from collections.abc import Callable, Sequence
from typing import NamedTuple

from ._pdfblanks import Boxes
from ._pdfcells import in_cells, ruled_cells
from ._pdflines import _WORD, _PLine
from ._pdfwrap import Rules
from ._values import PLACED_BLANK

__all__ = ["Edges", "_place_by_header", "is_row"]

#: a character's left and right edges on a page, as pdfium draws it: (the page, the
#: character's index in its text) → the edges, ``None`` where pdfium gives none
Edges = Callable[[int, int], tuple[float, float] | None]


def is_row(line: _PLine) -> bool:
    """Whether a line may be a table's row to place: two values, or one apart from its label
    by a wide gap (not a sentence ending in a number)."""
    return len(line.values) >= 2 or (line.cells and bool(line.values))


#: the most lines above a table's first row read for its header
_HEADER_LINES = 60
#: a line wider than this share of the page's text is no header word (a paragraph, a title)
_WIDE = 0.6


class _Word(NamedTuple):
    left: float
    right: float

    @property
    def centre(self) -> float:
        return (self.left + self.right) / 2

    @property
    def width(self) -> float:
        return self.right - self.left


def _words(line: _PLine, edges: Edges) -> list[_Word]:
    """The words of a header line with their edges: the line's own where it is one word, else
    each word's first and last character's."""
    if len(line.pieces) == 1 and " " not in line.text:
        return [_Word(line.left, line.right)]
    out = []
    for start, raw in line.pieces:
        for match in _WORD.finditer(raw):
            first = edges(line.page, start + match.start())
            last = edges(line.page, start + match.end() - 1)
            if first is None or last is None:
                return []
            out.append(_Word(first[0], last[1]))
    return out


def _columns(words: Sequence[_Word]) -> list[_Word]:
    """The columns a header's words print, left to right, each as the span of its words: a
    word over another word's centre at most 0.6 its width is a group's (over several columns),
    no column's; the other words, where they overlap, one column's."""
    leaves = [
        w
        for w in words
        if w.width > 0
        and not any(
            v.width < 0.6 * w.width and w.left <= v.centre <= w.right for v in words if v is not w
        )
    ]
    out: list[_Word] = []
    for word in sorted(leaves):
        if out and word.left < out[-1].right:
            out[-1] = _Word(out[-1].left, max(out[-1].right, word.right))
        else:
            out.append(word)
    return out


def _bands(columns: Sequence[_Word]) -> list[tuple[float, float]]:
    """Where a value under each column may stand: halfway to the next column's centre each
    way (half the nearest pitch beyond the outer columns)."""
    centres = [c.centre for c in columns]
    cuts = [(a + b) / 2 for a, b in itertools.pairwise(centres)]
    first = centres[0] - (cuts[0] - centres[0])
    last = centres[-1] + (centres[-1] - cuts[-1])
    return list(zip([first, *cuts], [*cuts, last], strict=True))


def _under(
    values: Sequence[tuple[str, float, float]],
    bands: Sequence[tuple[float, float]],
    columns: Sequence[_Word],
) -> list[int] | None:
    """The column each value stands wholly under (its band, :func:`_bands`), left to right, or
    ``None`` where one stands under none, two under one, or one under the words of a column
    other than its band's (a value right-aligned against its cell's border nearer the next
    column's centre than its own: the band and the words do not agree)."""
    out: list[int] = []
    for _word, left, right in values:
        column = next((k for k, (lo, hi) in enumerate(bands) if lo <= left and right <= hi), None)
        if column is None or (out and column <= out[-1]):
            return None
        over = [k for k, c in enumerate(columns) if left < c.right and c.left < right]
        if over and column not in over:
            return None
        out.append(column)
    return out


class _Block:
    """A header's lines and the rows under it (indices of lines), on one page; where the rows'
    labels end (the right edge of each) and their first values start, measured only where a
    line after them, or their placing, asks."""

    def __init__(self, header: list[int]) -> None:
        self.header = header
        self.rows: list[int] = []
        self.labels: list[float] = []
        self.first_value = float("inf")
        #: each row's first value's left edge
        self.firsts: dict[int, float] = {}
        self._measured = 0

    def measure(self, lines: Sequence[_PLine], edges: Edges) -> tuple[float, float]:
        """Where the rows' labels end (the last of them; where no row prints one, where their
        first values start) and where their first values start."""
        for i in self.rows[self._measured :]:
            line = lines[i]
            found = edges(line.page, line.values[0][1])
            if found:
                self.firsts[i] = found[0]
                self.first_value = min(self.first_value, found[0])
            end = _label_end(line, edges)
            if end is not None:
                self.labels.append(end)
        self._measured = len(self.rows)
        return max(self.labels, default=self.first_value), self.first_value


def _label_end(line: _PLine, edges: Edges) -> float | None:
    """The right edge of a row's label (its last character before its first value), or
    ``None`` where the row prints no label."""
    first = line.values[0][1]
    last = None
    for start, raw in line.pieces:
        if start >= first:
            break
        before = raw[: first - start].rstrip()
        if before:
            last = start + len(before) - 1
    found = edges(line.page, last) if last is not None else None
    return found[1] if found else None


def _blocks(lines: Sequence[_PLine], page: list[int], edges: Edges) -> list[_Block]:
    """A page's tables: each run of rows with the header lines above it. The lines without
    values after a row start another header where one of them stands right of the rows'
    labels (where no row prints one, of their first values) or reaches past the rows' first
    values; else they are a row's label printed over several lines."""
    out: list[_Block] = []
    pending: list[int] = []
    broke = False
    for i in page:
        line = lines[i]
        if not is_row(line):
            pending.append(i)
            if out and not broke:
                labels, first_value = out[-1].measure(lines, edges)
                broke = line.left >= labels or line.right > first_value
            continue
        if broke or not out:
            out.append(_Block(pending[-_HEADER_LINES:]))
        pending, broke = [], False
        out[-1].rows.append(i)
    return out


def _header_words(lines: Sequence[_PLine], block: _Block, edges: Edges) -> list[_Word]:
    """The words of a block's header lines, but for a line as wide as a paragraph or a title
    (:data:`_WIDE` of the page's lines)."""
    page = [lines[i] for i in (*block.header, *block.rows)]
    span = max(ln.right for ln in page) - min(ln.left for ln in page)
    return [
        word
        for ln in (lines[i] for i in block.header)
        if ln.right - ln.left <= _WIDE * span
        for word in _words(ln, edges)
    ]


def _split_rows(
    lines: Sequence[_PLine], rows: Sequence[int], under: dict[int, list[int] | None]
) -> None:
    """A row's values printed over two lines (300 beside its label, 4 232 0 8 11 555 on the
    line below it, no label of its own): a line of values alone right after a row, under other
    columns than its, may be that row's rest — neither is placed (``under`` of each ``None``),
    the rows read as printed."""
    for i, j in itertools.pairwise(rows):
        first, rest = under[i], under[j]
        line = lines[j]
        if (
            j == i + 1
            and first is not None
            and rest is not None
            and len(line.text.split()) == len(line.values)
            and not set(first) & set(rest)
        ):
            under[i] = under[j] = None


def _header_columns(lines: Sequence[_PLine], block: _Block, edges: Edges) -> list[_Word] | None:
    """The columns the header of ``block`` prints right of its rows' labels, where a row may
    be short of them; ``None`` where none can be (no row's label: nothing tells the labels'
    columns from the values'; fewer than two columns; every row with a value in each)."""
    block.measure(lines, edges)
    if not block.labels:
        return None
    labels = max(block.labels)
    columns = [c for c in _columns(_header_words(lines, block, edges)) if c.centre > labels]
    counts = [len(lines[i].values) for i in block.rows]
    if len(columns) < 2 or min(counts) >= len(columns):
        return None
    return columns


def _bands_of(
    lines: Sequence[_PLine], block: _Block, boxes: Boxes, columns: Sequence[_Word]
) -> list[tuple[float, float]] | None:
    """Where the values under each of the header's ``columns`` stand (:func:`_bands`);
    ``None`` where the widest row's values stand under none, or every row is as wide as the
    widest from its first column to its last (most tables, told without the values' edges
    but the widest row's: each row's first value's left edge and its line's right edge, its
    last value's — two rows of as many values may stand under other columns, 0 0 under the
    first two and 0 … 0 under the first and the fifth)."""
    rows = block.rows
    counts = [len(lines[i].values) for i in rows]
    bands = _bands(columns)
    widest = rows[counts.index(max(counts))]
    spread = _under(boxes(lines[widest].page, lines[widest].values), bands, columns)
    if spread is None:
        return None
    (lo, hi), (last_lo, last_hi) = bands[spread[0]], bands[spread[-1]]
    if min(counts) == spread[-1] - spread[0] + 1 and all(
        lo <= block.firsts.get(i, lo - 1) <= hi and last_lo <= lines[i].right <= last_hi
        for i in rows
    ):
        return None
    return bands


def _placed(line: _PLine, cells: list[str]) -> _PLine:
    """``line`` with its values written as ``cells`` (its label kept)."""
    taken = len(line.values)
    head = line.text.rsplit(None, taken)[0] if len(line.text.split()) > taken else ""
    return line._replace(text=" ".join(filter(None, [head, *cells])))


#: a block's rows placed under columns: each row's value words with their edges, the column
#: each stands under (``None`` where the row is not placed), and the columns' first and count
_Placing = tuple[dict[int, list[tuple[str, float, float]]], dict[int, list[int] | None], int, int]


def _by_cells(
    lines: Sequence[_PLine],
    block: _Block,
    boxes: Boxes,
    columns: Sequence[_Word],
    rules: Rules,
) -> _Placing | None:
    """The rows of ``block`` under the cells the page's ruled lines part them into right of
    their labels (:mod:`._pdfcells`), every cell a column; ``None`` where the borders do not
    settle the columns, or a value stands in no cell of its own."""
    rows = block.rows
    header = [c.centre for c in columns]
    cells = ruled_cells(lines, rows, max(block.labels), rules, header)
    if cells is None:
        return None
    values = {i: boxes(lines[i].page, lines[i].values) for i in rows}
    under: dict[int, list[int] | None] = {}
    for i, found in values.items():
        under[i] = in_cells(found, cells) if len(found) == len(lines[i].values) else None
        if under[i] is None:
            return None
    _split_rows(lines, rows, under)
    return values, under, 0, len(cells)


def _by_header(
    lines: Sequence[_PLine], block: _Block, boxes: Boxes, columns: Sequence[_Word]
) -> _Placing | None:
    """The rows of ``block`` under the header's words' ``columns`` (:func:`_bands`), from the
    first that holds a value in a row to the last that does (a word over the labels' column,
    信息内容 or 项目, holds none); ``None`` where none can be placed."""
    bands = _bands_of(lines, block, boxes, columns)
    if bands is None:
        return None
    rows = block.rows
    values = {i: boxes(lines[i].page, lines[i].values) for i in rows}
    under = {
        i: _under(v, bands, columns) if len(v) == len(lines[i].values) else None
        for i, v in values.items()
    }
    _split_rows(lines, rows, under)
    used = [k for found in under.values() if found is not None for k in found]
    if not used:
        return None
    return values, under, min(used), max(used) - min(used) + 1


def _place_block(
    lines: list[_PLine], block: _Block, boxes: Boxes, edges: Edges, rules: Callable[[], Rules]
) -> None:
    """The rows of ``block`` with fewer values than its header's columns placed (in
    ``lines``), where every value and every full row stands under the columns: the cells
    the page's ruled lines part them into (:func:`_by_cells`; ``rules`` asked for only
    here, where a row may be short), else the columns of the header's words
    (:func:`_by_header`)."""
    columns = _header_columns(lines, block, edges)
    if columns is None:
        return
    placing = _by_cells(lines, block, boxes, columns, rules())
    placing = placing or _by_header(lines, block, boxes, columns)
    if placing is None:
        return
    values, under, first, width = placing
    if any(len(v) >= width and under[i] is None for i, v in values.items()):
        return  # a row with a value in every column not under them: the header misread
    for i in block.rows:
        found = under[i]
        if found is None or len(found) >= width:
            continue
        cells = [PLACED_BLANK] * width
        for (word, _l, _r), column in zip(values[i], found, strict=True):
            cells[column - first] = word
        lines[i] = _placed(lines[i], cells)


def _unruled(_page: int) -> Rules:
    """No ruled lines on any page (the header's words alone place the rows)."""
    return Rules([], [])


def _place_by_header(
    lines: list[_PLine],
    boxes: Boxes,
    edges: Edges,
    rules: Callable[[int], Rules] = _unruled,
) -> list[_PLine]:
    """The rows of fewer values than their header's columns placed under the columns their
    header prints (see the module); the others as they are. ``rules`` gives a page's ruled
    lines (by its index), asked for only on a page where a row may be short of its header's
    columns."""
    pages: dict[int, list[int]] = {}
    for i, line in enumerate(lines):
        pages.setdefault(line.page, []).append(i)
    out = list(lines)
    for index, page in pages.items():
        if not any(is_row(lines[i]) for i in page):
            continue
        for block in _blocks(lines, page, edges):
            if block.header:
                _place_block(out, block, boxes, edges, functools.partial(rules, index))
    return out
