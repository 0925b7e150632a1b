"""Text from a PDF, three ways: pypdfium2 (fast: its text, lines placed by their boxes, the
narrative's lines joined into paragraphs), ``pdftotext -layout`` where Poppler is installed, and
pdfplumber's position-sorted layout text (slow, but another reading of a hard page).

They run in a worker process (:mod:`._pdfworker`), under a memory and a time limit, never in
the process that calls :func:`~opengovreport.read`.
"""

import itertools
import logging
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any, NamedTuple

from ..schema import Label
from ._result import Reason, ReasonError
from ._values import MARK_CHARACTERS, NUMBER_TOKEN, PLACED_BLANK, is_blank_mark

__all__ = [
    "PDFError",
    "TimeBudgetError",
    "page_count",
    "pdfium_text",
    "pdfplumber_text",
    "pdftotext_text",
]


class PDFError(ReasonError):
    """The PDF cannot be read: ``reason`` says why (for the status ``unreadable``)."""


class TimeBudgetError(PDFError):
    """Reading took longer than the file's time budget."""

    def __init__(self, reason: Reason | None = None):
        super().__init__(reason or Reason.of("time-budget"))


#: what the extra ``pdf`` is needed for
PDF_EXTRA = Reason.of("extra", what=Label("读取 PDF", "reading PDF"), extra="pdf")


def _check(deadline: float | None) -> None:
    if deadline is not None and time.monotonic() > deadline:
        raise TimeBudgetError()


# --- pypdfium2 ---------------------------------------------------------------------------------


def _pdfium() -> Any:
    try:
        import pypdfium2
    except ImportError:
        raise PDFError(PDF_EXTRA) from None
    return pypdfium2


def open_pdf(data: bytes) -> Any:
    """The document, opened with pypdfium2; :class:`PDFError` where it cannot be."""
    pdfium = _pdfium()
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        text = str(exc)
        if "password" in text.lower():
            raise PDFError(Reason.of("pdf-encrypted")) from None
        raise PDFError(Reason.of("pdf-broken", error=text)) from None


def page_count(pdf: Any) -> int:
    return len(pdf)


class _PLine(NamedTuple):
    text: str
    left: float
    right: float
    top: float
    #: the height of its first character
    height: float
    page: int
    #: whether a wide gap parts its words (cells of a table row, as pdfium joins them)
    cells: bool = False
    #: the words that end the line and are values (digits, or blank marks), each with the
    #: index of its first character in the page's text
    values: tuple[tuple[str, int], ...] = ()
    #: the line's pieces as the page's text holds them: each one's first character's index in
    #: the page's text, and its characters (several where pieces of one line were joined)
    pieces: tuple[tuple[int, str], ...] = ()


#: a page number as printed in the margin (- 4 -, 第4页, 第4页 共5页)
_PAGE_NUMBER = re.compile(r"^\s*(?:[-－—–]\s*\d+\s*[-－—–]|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?)\s*$")
#: a number alone on a line: a page number where it stands in the top or bottom margin
_BARE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
_HEADING_START = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}[.．、](?!\d))"
)


class _CharBox:
    """A text page's character boxes — (left, bottom, right, top), as pypdfium2's
    ``get_charbox`` gives them — by pdfium's own call, its four doubles made once for the page
    (``get_charbox`` makes four a call; a page's lines ask for hundreds of boxes). Raises
    :class:`PDFError` where pdfium gives none."""

    def __init__(self, textpage: Any):
        import ctypes

        import pypdfium2.raw

        self._call = pypdfium2.raw.FPDFText_GetCharBox
        self._page = textpage.raw
        self._edges = (ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double())

    def __call__(self, index: int) -> tuple[float, float, float, float]:
        left, right, bottom, top = self._edges
        if not self._call(self._page, index, left, right, bottom, top):  # (pdfium's order)
            raise PDFError(Reason.of("pdf-broken", error=f"no box for character {index}"))
        return left.value, bottom.value, right.value, top.value


def _lines_of(textpage: Any, page: int, height: float) -> list[_PLine]:
    """The page's lines as pdfium orders them, each with the box of its first and last
    character; page numbers in the margins left out."""
    text = textpage.get_text_range()
    charbox = _CharBox(textpage)
    out = []
    position = 0
    for raw in text.split("\n"):
        line = raw.rstrip("\r")
        start, end = position, position + len(line)
        position += len(raw) + 1
        stripped = line.strip()
        if not stripped or _PAGE_NUMBER.match(stripped):
            continue
        first = start + len(line) - len(line.lstrip())
        last = end - 1 - (len(line) - len(line.rstrip()))
        try:
            left, bottom, _right, top = charbox(first)
            right = charbox(last)[2]
        except Exception:  # a box pdfium cannot give: the line keeps no geometry
            left = right = top = bottom = 0.0
        if _BARE_NUMBER.match(stripped) and height and not 0.08 < top / height < 0.92:
            continue
        size = top - bottom
        cells = _gapped(charbox, line, start, size)
        values = _value_words(line, start)
        joins = _digit_groups(charbox, line, start) if _GROUPED.search(line) else set()
        if joins:
            stripped, values = _joined(line, start, joins, values)
        out.append(_PLine(stripped, left, right, top, size, page, cells, values, ((start, line),)))
    return _same_baseline(out)


#: a number printed in groups of three digits parted by spaces (52 316, 1 234 567)
_GROUPED = re.compile(r"(?<!\d)\d{1,3}(?: \d{3})+(?!\d)")


def _digit_groups(charbox: _CharBox, line: str, start: int) -> set[int]:
    """Where in ``line`` a space parts the digit groups of one number (52 316): the gap it
    stands for is narrower than 0.8 of a digit's height — a space between words, half that
    (0.5 in a Chromium print); the cells of a table row stand wider apart (1.2 and more)."""
    out: set[int] = set()
    for match in _GROUPED.finditer(line):
        for at in range(match.start(), match.end()):
            if line[at] != " ":
                continue
            try:
                before = charbox(start + at - 1)
                after = charbox(start + at + 1)
            except Exception:  # a box pdfium cannot give: the number stays as it is
                continue
            height = before[3] - before[1]
            if height > 0 and after[0] - before[2] < 0.8 * height:
                out.add(at)
    return out


def _joined(
    line: str, start: int, joins: set[int], values: tuple[tuple[str, int], ...]
) -> tuple[str, tuple[tuple[str, int], ...]]:
    """The line's text and value words with the spaces at ``joins`` left out (each value word
    keeps the index of its first character)."""
    text = "".join(c for i, c in enumerate(line) if i not in joins).strip()
    merged: list[tuple[str, int, int]] = []  # each word, its first index, the index past it
    for word, index in values:
        if merged:
            last, first, end = merged[-1]
            if end - start in joins and index == end + 1:
                merged[-1] = (last + word, first, index + len(word))
                continue
        merged.append((word, index, index + len(word)))
    return text, tuple((word, first) for word, first, _end in merged)


_WORD = re.compile(r"\S+")


def _is_value_word(word: str) -> bool:
    return word.isdigit() or (word[:1] in MARK_CHARACTERS and is_blank_mark(word))


def _value_words(line: str, start: int) -> tuple[tuple[str, int], ...]:
    """The words that end a line and are values (a table row's cells after its label), each
    with the index of its first character in the page's text."""
    last = line.rstrip()[-1:]
    if not (last.isdigit() or last in MARK_CHARACTERS):  # a line of words (。 ends most)
        return ()
    words = list(_WORD.finditer(line))
    first = len(words)
    while first > 0 and _is_value_word(words[first - 1].group()):
        first -= 1
    return tuple((m.group(), start + m.start()) for m in words[first:])


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


def _gapped(charbox: _CharBox, line: str, start: int, size: float) -> bool:
    """Whether a space of the line stands for a gap wider than two characters (between the
    cells of a table row), not a space between words."""
    if " " not in line.strip() or size <= 0:
        return False
    for at in range(1, len(line) - 1):
        if line[at] != " " or line[at - 1] == " " or line[at + 1] == " ":
            continue
        try:
            gap = charbox(start + at + 1)[0] - charbox(start + at - 1)[2]
        except Exception:  # a box pdfium cannot give
            continue
        if gap > 2.5 * size:
            return True
    return False


def _same_baseline(lines: list[_PLine]) -> list[_PLine]:
    """Pieces of one printed line that pdfium gave as several (a heading drawn a character at
    a time, a date whose digits are in another font) joined: the same page and baseline, each
    to the right of the one before; a space where a gap wider than a character parts them."""
    out: list[_PLine] = []
    for line in lines:
        if out:
            prev = out[-1]
            size = max(prev.height, line.height, 1.0)
            same = (
                line.page == prev.page
                and abs(line.top - prev.top) <= 0.3 * size
                and line.left >= prev.right - 0.2 * size
            )
            if same and line.height > 0:
                wide = line.left - prev.right > 2.5 * size
                gap = " " if line.left - prev.right > 0.8 * size else ""
                out[-1] = prev._replace(
                    text=prev.text + gap + line.text,
                    right=line.right,
                    cells=prev.cells or line.cells or wide,
                    values=prev.values + line.values,
                    pieces=prev.pieces + line.pieces,
                )
                continue
        out.append(line)
    return out


def _tableish(line: _PLine) -> bool:
    """A row of a table (cells apart, or several numbers), or a line without Chinese text:
    never joined to another."""
    text = line.text
    return (
        line.cells
        or len(NUMBER_TOKEN.findall(text)) >= 3
        or not re.search(r"[\u4e00-\u9fff]", text)
    )


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def _paragraphs(lines: list[_PLine]) -> list[str]:
    """The lines, a narrative paragraph's lines joined: a line that reaches the right margin
    runs on into the next line of the page, unless that one is indented, starts a heading, or
    either is a row of a table."""
    # the text block's margins and a character's width, over every page (a page of tables
    # has few lines of narrative to measure)
    tables = [_tableish(ln) for ln in lines]
    long = [ln for ln, t in zip(lines, tables, strict=True) if len(ln.text) >= 12 and not t]
    widths = [(ln.right - ln.left) / len(ln.text) for ln in long if ln.right > ln.left]
    char = _percentile(widths, 0.5) or 10.0
    left = _percentile([ln.left for ln in long], 0.1)
    right = _percentile([ln.right for ln in long], 0.8)
    out: list[str] = []
    open_ = False  # whether the last paragraph runs on into the next line
    for line, table in zip(lines, tables, strict=True):
        text = line.text
        indented = line.left > left + 1.2 * char
        if open_ and out and not table and not indented and not _HEADING_START.match(text):
            previous = out[-1]
            space = " " if previous[-1:].isascii() and text[:1].isascii() else ""
            out[-1] = previous + space + text
        else:
            out.append(text)
        open_ = not table and line.right >= right - 1.5 * char and right > 0
    return out


#: how far apart two rows of one table may stand (lines of the page between them)
_NEAR = 30
#: the most pages kept open while a document's rows are placed
_KEPT = 16


def _trailing_values(line: _PLine) -> list[tuple[str, int]]:
    """The values that end a line (its cells after the label), each with its character's
    index; none where the line's words and those found for it disagree."""
    if len(line.values) < 2:
        return []
    words = line.text.split()
    count = 0
    while count < len(words) and _is_value_word(words[-1 - count]):
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
    trailing = [_trailing_values(line) for line in lines]
    wide = [j for j, values in enumerate(trailing) if len(values) >= 5]

    def near(i: int) -> list[int]:
        """The rows of five values or more near row ``i``, the nearest first."""
        found = [
            j
            for j in wide
            if j != i and abs(j - i) <= _NEAR and abs(lines[j].page - lines[i].page) <= 1
        ]
        return sorted(found, key=lambda j: abs(j - i))

    placeable = [
        i
        for i, values in enumerate(trailing)
        if len(values) >= 2 and any(len(trailing[j]) > len(values) for j in near(i))
    ]
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
        if placing is None:
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


def pdfium_text(pdf: Any, deadline: float | None = None) -> tuple[str, int]:
    """The text of every page (lines in pdfium's order, paragraphs joined), and how many
    characters the pages hold."""
    lines: list[_PLine] = []
    chars = 0
    #: pages kept open while the rows are placed: those with a row of values (a table's),
    #: up to :data:`_KEPT` of them; a page beyond is opened again where a row on it is placed
    opened: dict[int, tuple[Any, Any]] = {}
    try:
        for index in range(len(pdf)):
            _check(deadline)
            page = pdf[index]
            textpage = page.get_textpage()
            keep = False
            try:
                chars += textpage.count_chars()
                found = _lines_of(textpage, index, page.get_height())
                lines.extend(found)
                keep = len(opened) < _KEPT and any(len(line.values) >= 2 for line in found)
            finally:
                if keep:
                    opened[index] = (page, textpage)
                else:
                    textpage.close()
                    page.close()

        def boxes(index: int, values: Sequence[tuple[str, int]]) -> list[tuple[str, float, float]]:
            if index not in opened:
                _check(deadline)
                page = pdf[index]
                opened[index] = (page, page.get_textpage())
            return _boxes(opened[index][1], values)

        placed = _place_blanks(lines, boxes)
    finally:
        for page, textpage in opened.values():
            textpage.close()
            page.close()
    return "\n".join(_paragraphs(placed)) + "\n", chars


def has_images(pdf: Any, pages: int = 3) -> bool:
    """Whether the first pages hold images (a scan without a text layer)."""
    pdfium = _pdfium()
    for index in range(min(pages, len(pdf))):
        page = pdf[index]
        try:
            if any(
                obj.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects(max_depth=1)
            ):
                return True
        finally:
            page.close()
    return False


# --- pdftotext and pdfplumber ------------------------------------------------------------------


def pdftotext_available() -> bool:
    return shutil.which("pdftotext") is not None


def pdftotext_text(data: bytes, deadline: float | None = None) -> str:
    """``pdftotext -layout`` of the PDF (Poppler must be installed)."""
    timeout = None if deadline is None else max(1.0, deadline - time.monotonic())
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(data)
        file.flush()
        try:
            done = subprocess.run(
                ["pdftotext", "-layout", "-enc", "UTF-8", file.name, "-"],
                capture_output=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise TimeBudgetError(Reason.of("tool-time-budget", tool="pdftotext")) from None
        except OSError as exc:
            raise PDFError(Reason.of("tool-failed", tool="pdftotext", error=str(exc))) from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip()
        raise PDFError(Reason.of("tool-failed", tool="pdftotext", error=said))
    return done.stdout.decode("utf-8", "replace")


@cache
def _pdfminer_quiet() -> None:
    """pdfminer warns through ``logging`` about what it reads (a font without its box …): with
    no handler configured, Python prints those on stderr. A NullHandler on its logger keeps them
    out of a reader's output; an application that configures logging still gets them."""
    logging.getLogger("pdfminer").addHandler(logging.NullHandler())


def pdfplumber_text(data: bytes, deadline: float | None = None) -> str:
    """pdfplumber's layout text of each page (characters placed by their positions)."""
    import io

    try:
        import pdfplumber
    except ImportError:
        raise PDFError(PDF_EXTRA) from None
    _pdfminer_quiet()
    pages: list[str] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                _check(deadline)
                pages.append(page.extract_text(layout=True) or "")
                page.close()
    except PDFError:
        raise
    except Exception as exc:  # pdfminer's many errors on a broken file
        said = f"{type(exc).__name__}: {exc}"
        raise PDFError(Reason.of("tool-failed", tool="pdfplumber", error=said)) from None
    return "\f".join(pages)


Extractor = Callable[[bytes, float | None], str]
