"""A scanned page's words, with their boxes, as the reader's text: the words inside a ruled table
placed into its cells by the rules around them (a row a line, its cells apart by TABs), the rest
as lines of words joined into paragraphs.

A value cell is written as the OCR read it where it read it with high confidence; otherwise with
:data:`UNSURE` after what it read (``8?``), or :data:`UNSURE` alone where ink stands in the cell
and no box was found there: the reader keeps such a cell blank in its own column, quoting it, and
the repair step (:mod:`._repair`) fills it where the identities allow one value only. A cell with
no ink in it is :data:`PLACED_BLANK` (nothing printed). No value moves into its neighbour's cell:
a dropped ``0`` leaves its own cell blank, never a row shifted left.

Pure Python over :class:`Word` and :class:`Rule`: a test builds a page by hand, with a misread
digit in its boxes.
"""

import itertools
import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import NamedTuple

from ._pdflines import UNSURE as _UNSURE
from ._pdflines import _paragraphs, _PLine
from ._values import PLACED_BLANK, is_blank_mark

__all__ = [
    "HIGH",
    "SLACK",
    "UNSURE",
    "Page",
    "Rule",
    "Word",
    "in_cells",
    "page_lines",
    "scan_text",
    "unboxed",
    "unsure_reading",
]

#: the OCR's confidence from which a value is taken as read (below it, the value is unsure);
#: measured on the benchmark set: no digit read at or above it was wrong (benchmarks/README.md)
HIGH = 0.95
#: what follows an unsure value's reading in the text (alone: a cell with ink and no box):
#: :data:`._pdflines.UNSURE`, the mark of a PDF's number drawn over another
UNSURE = _UNSURE


class Word(NamedTuple):
    """A box the OCR read: its text, its edges on the page (pixels) and its confidence."""

    text: str
    left: float
    top: float
    right: float
    bottom: float
    score: float

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def centre(self) -> float:
        return (self.left + self.right) / 2

    @property
    def height(self) -> float:
        return self.bottom - self.top


class Rule(NamedTuple):
    """A ruled line of a table: horizontal (``at`` its y, from ``start`` to ``end`` in x) or
    vertical (``at`` its x, from ``start`` to ``end`` in y)."""

    horizontal: bool
    at: float
    start: float
    end: float


class Page(NamedTuple):
    """A page as the OCR saw it: its words and rules, and whether ink stands in a box (left,
    top, right, bottom) of it."""

    number: int
    words: tuple[Word, ...]
    rules: tuple[Rule, ...]
    ink: Callable[[float, float, float, float], bool]


#: what a value cell's text reads as: the full-width digits, and the letters a ``0`` is read as
#: (their probability is counted with the digit's in the word's confidence)
_DIGITS = str.maketrans("０１２３４５６７８９oO〇○lIｌＩ|丨", "0123456789000011111" + "1")
_VALUE = re.compile(r"^[+\-]?\d+(?:\.\d+)?$")


def unsure_reading(text: str) -> str | None:
    """What the OCR read of a cell written unsure (``8?`` → ``8``; ``?`` → ``""``: no box),
    or ``None`` where ``text`` is not so written."""
    if text.endswith(UNSURE) and UNSURE not in text[:-1]:
        return text[: -len(UNSURE)]
    return None


def _value_text(words: Sequence[Word]) -> str | None:
    """The text of a cell that holds a value: as read where every box of it was read with high
    confidence; unsure otherwise. ``None`` where the cell holds words (a label)."""
    text = "".join(w.text for w in words).translate(_DIGITS).replace(" ", "")
    if is_blank_mark(text):
        return text
    digits = sum(c.isdigit() for c in text)
    # no letter but Latin ones: punctuation, a symbol (``、`` or ``←`` for ``1``: unsure)
    misread = all(c.isascii() or not unicodedata.category(c).startswith("L") for c in text)
    if not digits and not (len(text) <= 2 and misread):
        return None  # words: a label, a header
    if digits < len(text) - 2 or len(text) > 16:
        return None  # words with a number in them
    if _VALUE.match(text) and min(w.score for w in words) >= HIGH:
        return text
    return text + UNSURE


class _Cell(NamedTuple):
    left: float
    top: float
    right: float
    bottom: float


def _lines(words: Sequence[Word]) -> list[list[Word]]:
    """Words on one line together (their middles within half a line's height), each line left
    to right, the lines top to bottom."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: w.middle):
        if lines:
            last = lines[-1]
            middle = sum(w.middle for w in last) / len(last)
            height = max(max(w.height for w in last), word.height, 1.0)
            if abs(word.middle - middle) <= 0.5 * height:
                last.append(word)
                continue
        lines.append([word])
    return [sorted(line, key=lambda w: w.left) for line in lines]


def _joined(words: Sequence[Word]) -> str:
    """A line's words as text: a space between two words where either side is Latin letters
    or digits (not two runs of digits: one number), none between Chinese words."""
    out = ""
    for word in words:
        if out:
            last = out[-1:]
            first = word.text[:1]
            if (last.isascii() or first.isascii()) and not (last.isdigit() and first.isdigit()):
                out += " "
        out += word.text
    return out


def _cell_text(words: Sequence[Word]) -> str:
    """The words of one cell in reading order (its lines top to bottom)."""
    return "".join(_joined(line) for line in _lines(words))


#: how far past its end a rule may stop short of a word or another rule (pixels)
SLACK = 4.0


def _bounds(
    at: float, across: float, rules: Sequence[Rule], horizontal: bool
) -> tuple[float, float] | None:
    """The nearest rules before and after ``at`` (along the rules' normal) that pass
    ``across``; ``None`` where either is missing."""
    before = after = None
    for rule in rules:
        if rule.horizontal is not horizontal:
            continue
        if not rule.start - SLACK <= across <= rule.end + SLACK:
            continue
        if rule.at <= at and (before is None or rule.at > before):
            before = rule.at
        if rule.at > at and (after is None or rule.at < after):
            after = rule.at
    if before is None or after is None:
        return None
    return before, after


def _grid(rules: Sequence[Rule]) -> list[tuple[float, float, list[_Cell]]]:
    """The bands between neighbouring horizontal rules, each with the ruled cells that stand
    across its middle, left to right (a cell spanning several bands is in each)."""
    horizontal = sorted({r.at for r in rules if r.horizontal})
    out = []
    for top, bottom in itertools.pairwise(horizontal):
        middle = (top + bottom) / 2
        crossing = sorted(
            {r.at for r in rules if not r.horizontal and r.start - SLACK <= middle <= r.end + SLACK}
        )
        across = []
        for left, right in itertools.pairwise(crossing):
            rows = _bounds(middle, (left + right) / 2, rules, True)
            if rows is not None:
                across.append(_Cell(left, rows[0], right, rows[1]))
        if across:
            out.append((top, bottom, across))
    return out


def _inside(word: Word, cell: _Cell) -> bool:
    return cell.left <= word.centre <= cell.right and cell.top <= word.middle <= cell.bottom


#: how far inside its rules a cell's ink is looked for (pixels)
MARGIN = 3.0


def _has_ink(page: Page, cell: _Cell, top: float, bottom: float) -> bool:
    """Whether ink stands in the part of ``cell`` within the band (its rules left out)."""
    return page.ink(*_interior(cell, top, bottom))


def _interior(cell: _Cell, top: float, bottom: float) -> tuple[float, float, float, float]:
    """The part of ``cell`` within the band, its rules left out (left, top, right, bottom)."""
    return (
        cell.left + MARGIN,
        max(cell.top, top) + MARGIN,
        cell.right - MARGIN,
        min(cell.bottom, bottom) - MARGIN,
    )


def in_cells(
    boxes: Sequence[tuple[float, float, float, float]], rules: Sequence[Rule]
) -> list[bool]:
    """Whether each box (left, top, right, bottom) stands in a ruled cell (its centre does)."""
    cells = [cell for _top, _bottom, across in _grid(rules) for cell in across]
    out = []
    for left, top, right, bottom in boxes:
        x, y = (left + right) / 2, (top + bottom) / 2
        out.append(any(c.left <= x <= c.right and c.top <= y <= c.bottom for c in cells))
    return out


def unboxed(
    words: Sequence[Word], rules: Sequence[Rule]
) -> list[tuple[float, float, float, float]]:
    """The interior of each ruled cell (left, top, right, bottom) that no word stands in, once
    each: where ink stands in one, the detector missed its text."""
    out = {}
    for top, bottom, across in _grid(rules):
        for cell in across:
            if cell not in out and not any(_inside(w, cell) for w in words):
                out[cell] = _interior(cell, top, bottom)
    return list(out.values())


def _row(
    page: Page, words: Sequence[Word], top: float, bottom: float, across: list[_Cell]
) -> list[str] | None:
    """A band's cells as text (``None`` where it holds nothing): each cell's words that stand in
    the band (a cell spanning several bands gives its text to the band its words stand in). The
    empty cells after the band's last label are values where the band holds a value, or ink
    stands in one of them (a row whose one value was not read): :data:`UNSURE` where ink stands
    in them, :data:`PLACED_BLANK` where none does."""
    texts, values = _band(words, top, bottom, across)
    labels = [k for k, (t, v) in enumerate(zip(texts, values, strict=True)) if t and not v]
    after = range(labels[-1] + 1 if labels else 0, len(across))
    ink = _inked_empty(page, words, top, bottom, [(k, across[k]) for k in after if not texts[k]])
    if not any(values) and not (labels and any(ink.values())):
        return texts if any(texts) else None
    for k, inked in ink.items():
        texts[k] = UNSURE if inked else PLACED_BLANK
    return texts


def _band(
    words: Sequence[Word], top: float, bottom: float, across: list[_Cell]
) -> tuple[list[str], list[bool]]:
    """Each cell's text in a band (its words that stand in the band), and whether it is a
    value."""
    texts: list[str] = []
    values: list[bool] = []
    for cell in across:
        inside = [w for w in words if _inside(w, cell) and top <= w.middle <= bottom]
        value = _value_text(inside) if inside else None
        texts.append(value if value is not None else _cell_text(inside))
        values.append(value is not None)
    return texts, values


def _inked_empty(
    page: Page, words: Sequence[Word], top: float, bottom: float, cells: list[tuple[int, _Cell]]
) -> dict[int, bool]:
    """For each empty cell of a band (its index and cell), whether ink stands in it: a cell
    spanning several bands whose words stand in another band has no ink of its own (its ink
    is theirs)."""
    return {
        k: _has_ink(page, cell, top, bottom) and not any(_inside(w, cell) for w in words)
        for k, cell in cells
    }


def page_lines(page: Page) -> list[_PLine]:
    """A page's lines, top to bottom: each band of a ruled table a line of TAB-separated cells,
    the other words lines of text."""
    grid = _grid(page.rules)
    table: list[Word] = []
    loose: list[Word] = []
    for word in page.words:
        inside = any(_inside(word, c) for _t, _b, across in grid for c in across)
        (table if inside else loose).append(word)
    items: list[_PLine] = []
    for top, bottom, across in grid:
        texts = _row(page, table, top, bottom, across)
        if texts is not None:
            text = "\t".join(texts)
            items.append(_PLine(text, 0.0, 0.0, top, bottom - top, page.number, cells=True))
    for line in _lines(loose):
        left, right = line[0].left, line[-1].right
        height = max(w.height for w in line)
        top = min(w.top for w in line)
        items.append(_PLine(_joined(line), left, right, top, height, page.number))
    return sorted(items, key=lambda ln: ln.top)


def scan_text(pages: Sequence[Page]) -> str:
    """The text of scanned pages, as the reader reads text: a table's rows as TAB-separated
    cells, the narrative's lines joined into paragraphs."""
    lines: list[_PLine] = []
    for page in pages:
        lines.extend(page_lines(page))
    # a ruled table's rows are never joined to a paragraph (``cells``); lines of text are
    # measured against the page's margins as a PDF's are
    return "\n".join(_paragraphs(lines)) + "\n"
