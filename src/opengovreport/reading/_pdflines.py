"""A PDF page's lines as pdfium gives them: each line's text with the box of its first and last
character, whether wide gaps part its cells, the values that end it, a number printed in digit
groups made one; pieces of one printed line joined; and a narrative's lines joined into
paragraphs."""

import functools
import re
import struct
from collections.abc import Callable
from typing import Any, NamedTuple

from ._pdferrors import PDFError
from ._result import Reason
from ._values import MARK_CHARACTERS, NUMBER_TOKEN, is_blank_mark

#: a value the reader cannot vouch for, written after it (a scan's cell the OCR was unsure of,
#: as :data:`._scan.UNSURE`; here a number of characters drawn over others)
UNSURE = "?"

__all__ = ["_WORD", "Rejoin", "_CharBox", "_PLine", "_is_value_word", "_lines_of", "_paragraphs"]


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
    #: whether characters of it are drawn over one another (text boxes printed on top of each
    #: other): its numbers each written unsure (:data:`UNSURE` after it), no value placed
    drawn_over: bool = False


#: a page number as printed in the margin (- 4 -, 第4页, 第4页 共5页)
_PAGE_NUMBER = re.compile(r"^\s*(?:[-－—–]\s*\d+\s*[-－—–]|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?)\s*$")
#: the characters a page number (:data:`_PAGE_NUMBER`) starts with
_PAGE_NUMBER_START = frozenset("-－—–第")
#: a number alone on a line: a page number where it stands in the top or bottom margin
_BARE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
_HEADING_START = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}[.．、](?!\d))"
)


@functools.cache
def _get_charbox() -> Any:
    """pdfium's ``FPDFText_GetCharBox`` called without ctypes' conversion of each argument by
    its declared type (the page's handle, an ``int`` and four references to doubles made once
    are passed as they are): a third of the time of a call through pypdfium2's binding. Called
    holding the interpreter's lock (``PYFUNCTYPE``): a box is a lookup in the text page pdfium
    made, and the lock let go and taken again was a tenth of a call's steps."""
    import ctypes

    import pypdfium2.raw

    address = ctypes.cast(pypdfium2.raw.FPDFText_GetCharBox, ctypes.c_void_p).value
    assert address is not None  # a function of the library pypdfium2 loaded
    return ctypes.PYFUNCTYPE(ctypes.c_int)(address)


class _CharBox:
    """A text page's character boxes — (left, bottom, right, top), as pypdfium2's
    ``get_charbox`` gives them — by pdfium's own call, its four doubles made once for the page
    (``get_charbox`` makes four a call; a page's lines ask for hundreds of boxes). Raises
    :class:`PDFError` where pdfium gives none."""

    def __init__(self, textpage: Any):
        import ctypes

        self._call = _get_charbox()
        self._page = textpage._as_parameter_  # (its handle: ``raw`` of pypdfium2's)
        #: the four doubles in one buffer (read at once by :data:`_FOUR`), each also a
        #: ``c_double`` of its own over its place in it
        self._box = box = (ctypes.c_double * 4)()
        self._edges = tuple(ctypes.c_double.from_buffer(box, 8 * k) for k in range(4))
        self._refs = tuple(ctypes.byref(box, 8 * k) for k in range(4))

    def __call__(self, index: int) -> tuple[float, float, float, float]:
        left, right, bottom, top = self._edges
        if not self._call(self._page, index, *self._refs):  # (pdfium's order)
            raise PDFError(Reason.of("pdf-broken", error=f"no box for character {index}"))
        return left.value, bottom.value, right.value, top.value


#: a character's box as pdfium writes it: four doubles (left, right, bottom, top)
_FOUR = struct.Struct("4d")


#: what :func:`_lines_of` may do to a page's lines (given its character boxes) before pieces of
#: one printed line are joined
Rejoin = Callable[[list[_PLine], _CharBox], list[_PLine]]


def _lines_of(
    textpage: Any, page: int, height: float, rejoin: Rejoin | None = None
) -> list[_PLine]:
    """The page's lines as pdfium orders them, each with the box of its first and last
    character; page numbers in the margins left out; ``rejoin`` (where given) applied to them
    before pieces of one printed line are joined."""
    text = textpage.get_text_range()
    charbox = _CharBox(textpage)
    call, handle, (r0, r1, r2, r3) = charbox._call, charbox._page, charbox._refs
    left_, right_, bottom_, top_ = charbox._edges  # (pdfium's order)
    out = []
    position = 0
    for raw in text.split("\n"):
        start = position
        position += len(raw) + 1
        stripped = raw.strip()  # (the line's: ``strip`` takes the "\r" that ends it too)
        # (a page number starts with a dash or 第: the pattern looked at only then)
        if not stripped or (stripped[0] in _PAGE_NUMBER_START and _PAGE_NUMBER.match(stripped)):
            continue
        line = raw.rstrip("\r")
        # (what stands before the stripped text's first character is whitespace)
        first = start + line.find(stripped[0])
        last = first + len(stripped) - 1
        # pdfium's call made here, not through charbox(): two a line, hundreds a page
        boxed = call(handle, first, r0, r1, r2, r3)
        left, bottom, top = left_.value, bottom_.value, top_.value
        if boxed and last != first:
            boxed = call(handle, last, r0, r1, r2, r3)
        right = right_.value  # (the last character's, or the only one's)
        if not boxed:  # a box pdfium cannot give: the line keeps no geometry
            left = right = top = bottom = 0.0
        if (
            len(stripped) <= 3
            and _BARE_NUMBER.match(stripped)
            and height
            and not 0.08 < top / height < 0.92
        ):
            continue
        size = top - bottom
        # whether a space stands inside the line (a gap, a number's groups need one) and
        # whether a value can end it (:func:`_value_words`' own first test), each told once
        spaced = " " in stripped
        cells = spaced and _gapped(charbox, line, start, size)
        end = stripped[-1]
        values = _value_words(line, start) if end.isdigit() or end in MARK_CHARACTERS else ()
        joins = (
            _digit_groups(charbox, line, start)
            if spaced and _GROUP_GAP.search(line) and _GROUPED.search(line)
            else ()
        )
        if joins:
            stripped, values = _joined(line, start, joins, values)
        stripped, values, over = _if_drawn_over(charbox, line, start, size, stripped, values)
        pieces = ((start, line),)
        out.append(
            _new(_PLine, (stripped, left, right, top, size, page, cells, values, pieces, over))
        )
    return _same_baseline(rejoin(out, charbox) if rejoin is not None else out)


#: a number printed in groups of three digits parted by spaces (52 316, 1 234 567)
_GROUPED = re.compile(r"(?<!\d)\d{1,3}(?: \d{3})+(?!\d)")
#: what every match of :data:`_GROUPED` holds (searched first: a quicker pattern, most lines
#: have none)
_GROUP_GAP = re.compile(r"\d \d{3}")
#: a line made without the named tuple's ``__new__`` (a Python function): a page has hundreds
_new = tuple.__new__


def _digit_groups(charbox: _CharBox, line: str, start: int) -> set[int]:
    """Where in ``line`` a space parts the digit groups of one number (52 316): the gap it
    stands for is narrower than 0.8 of a digit's height (and the next group starts after the
    one before it ends) — a space between words, half that
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
            # (a group drawn over the one before it, left of its end, is another cell's text
            # printed on top of it: two text boxes overlapping, not a number's groups)
            if height > 0 and -0.2 * height <= after[0] - before[2] < 0.8 * height:
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
#: a run of digits
_DIGITS = re.compile(r"\d+")


def _unsure(text: str) -> str:
    """``text`` with each run of digits a word of its own written unsure (``0?``): which cell
    a number drawn over another is in, and which digits are its, nothing on the page tells
    (``6.属于`` over a ``0`` is ``6. 0 属于``; two digits drawn in one place, one or two)."""
    return " ".join(_DIGITS.sub(lambda m: f" {m.group()}{UNSURE} ", text).split())


def _if_drawn_over(
    charbox: _CharBox,
    line: str,
    start: int,
    size: float,
    text: str,
    values: tuple[tuple[str, int], ...],
) -> tuple[str, tuple[tuple[str, int], ...], bool]:
    """A line's text and values as they are; or, where it ends in values and a digit of it is
    drawn over another character (:func:`_drawn_over`), its runs of digits written unsure
    (:func:`_unsure`) and no value: and whether it was so."""
    if values and _drawn_over(charbox, line, start, size):
        return _unsure(text), (), True
    return text, values, False


def _drawn_over(charbox: _CharBox, line: str, start: int, size: float) -> bool:
    """Whether a digit of the line is drawn over another character of it, or another over a
    digit (text boxes printed on top of each other): the later one's box starts left of the
    farthest end of those before it (by a fifth of the line's height) and covers a third of
    the width and height of one of them. pdfium gives a line's characters left to right; it
    leaves out a character drawn again where it stands (``0`` over ``0``), not one drawn over
    another."""
    if size <= 0:
        return False
    # pdfium's call made here, not through charbox(): one a character of the line
    # (the four references passed one by one: ``*refs`` builds a list and a tuple a call;
    # the four doubles read at once from their buffer, in pdfium's order)
    call, handle, (r0, r1, r2, r3) = charbox._call, charbox._page, charbox._refs
    box_, unpack = charbox._box, _FOUR.unpack_from
    seen: list[tuple[float, float, float, float, bool]] = []
    reach = float("-inf")
    slack = 0.2 * size
    at = start - 1
    for c in line:
        at += 1
        if c.isspace() or not call(handle, at, r0, r1, r2, r3):
            continue
        left, right, bottom, top = unpack(box_)
        if right <= left or top <= bottom:  # (no extent: a space pdfium made, a mark)
            continue
        box = (left, right, bottom, top, c.isdigit())
        if left < reach - slack and any(
            (box[4] or other[4]) and _covers(box, other) for other in seen
        ):
            return True
        seen.append(box)
        if right > reach:
            reach = right
    return False


def _covers(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    """Whether two boxes (left, right, bottom, top) overlap by a third of the narrower's width
    and of the lower's height."""
    across = min(a[1], b[1]) - max(a[0], b[0])
    up = min(a[3], b[3]) - max(a[2], b[2])
    return across > 0.3 * min(a[1] - a[0], b[1] - b[0]) and up > 0.3 * min(a[3] - a[2], b[3] - b[2])


def _is_value_word(word: str) -> bool:
    return word.isdigit() or (word[:1] in MARK_CHARACTERS and is_blank_mark(word))


def _value_words(line: str, start: int) -> tuple[tuple[str, int], ...]:
    """The words that end a line and are values (a table row's cells after its label), each
    with the index of its first character in the page's text."""
    last = line.rstrip()[-1:]
    if not (last.isdigit() or last in MARK_CHARACTERS):  # a line of words (。 ends most)
        return ()
    # the words of :data:`_WORD` (``str.split`` parts at the same whitespace), without a match
    # object each: a value word's place is where it last stands before the one after it
    out = []
    end = len(line)
    for word in reversed(line.split()):
        if not (word.isdigit() or (word[:1] in MARK_CHARACTERS and is_blank_mark(word))):
            break  # (:func:`_is_value_word` written out: no call a word)
        end = line.rindex(word, 0, end)
        out.append((word, start + end))
    out.reverse()
    return tuple(out)


def _gapped(charbox: _CharBox, line: str, start: int, size: float) -> bool:
    """Whether a space of the line alone between two other characters stands for a gap wider
    than two characters (between the cells of a table row), not a space between words."""
    if size <= 0 or " " not in line.strip():  # (a line of spaces and tabs about one word)
        return False
    # pdfium's call made here, not through charbox(): two a space
    call, handle, refs = charbox._call, charbox._page, charbox._refs
    left, right = charbox._edges[:2]
    end = len(line) - 1
    at = line.find(" ", 1)
    while 0 < at < end:
        # (no box for either character: the gap is not measured)
        if line[at - 1] != " " and line[at + 1] != " " and call(handle, start + at + 1, *refs):
            after = left.value
            if call(handle, start + at - 1, *refs) and after - right.value > 2.5 * size:
                return True
        at = line.find(" ", at + 1)
    return False


def _same_baseline(lines: list[_PLine]) -> list[_PLine]:
    """Pieces of one printed line that pdfium gave as several (a heading drawn a character at
    a time, a date whose digits are in another font) joined: the same page and baseline, each
    to the right of the one before; a space where a gap wider than a character parts them."""
    out: list[_PLine] = []
    # the last line kept: its page, top, right edge and height (fields read once a line)
    page_ = -1
    top_ = right_ = height_ = 0.0
    for line in lines:
        _text, left, right, top, height, page = line[:6]
        if out:
            size = height_  # (``max(height_, height, 1.0)`` written out: no call a line)
            if height > size:
                size = height
            if size < 1.0:
                size = 1.0
            same = page == page_ and abs(top - top_) <= 0.3 * size and left >= right_ - 0.2 * size
            if same and height > 0:
                prev = out[-1]
                wide = left - right_ > 2.5 * size
                gap = " " if left - right_ > 0.8 * size else ""
                out[-1] = prev._replace(
                    text=prev.text + gap + line.text,
                    right=right,
                    cells=prev.cells or line.cells or wide,
                    values=prev.values + line.values,
                    pieces=prev.pieces + line.pieces,
                    drawn_over=prev.drawn_over or line.drawn_over,
                )
                right_ = right
                continue
        out.append(line)
        page_, top_, right_, height_ = page, top, right, height
    return out


#: a Chinese character
_CJK = re.compile(r"[\u4e00-\u9fff]")
#: three digits (what any three of :data:`NUMBER_TOKEN` hold; possessive: no digit is looked
#: for again where the one after the run of others is not found)
_THREE_DIGITS = re.compile(r"\d\D*+\d\D*+\d")


def _tableish(line: _PLine) -> bool:
    """A row of a table (cells apart, or several numbers), or a line without Chinese text:
    never joined to another."""
    text = line.text
    # (a line of narrative starts with a Chinese character: :data:`_CJK` looked for only else)
    if line.cells or not ("\u4e00" <= text[:1] <= "\u9fff" or _CJK.search(text)):
        return True
    # three numbers hold three digits at least: most lines of narrative have fewer
    return _THREE_DIGITS.search(text) is not None and len(NUMBER_TOKEN.findall(text)) >= 3


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
    # where a line is indented, and where it reaches the right margin (each the same sum for
    # every line: made once)
    indent, reach, margin = left + 1.2 * char, right - 1.5 * char, right > 0
    out: list[str] = []
    open_ = False  # whether the last paragraph runs on into the next line
    for line, table in zip(lines, tables, strict=True):
        text = line.text
        if (
            open_
            and out
            and not table
            and not line.left > indent
            and not _HEADING_START.match(text)
        ):
            previous = out[-1]
            space = " " if previous[-1:].isascii() and text[:1].isascii() else ""
            out[-1] = previous + space + text
        else:
            out.append(text)
        open_ = not table and line.right >= reach and margin
    return out
