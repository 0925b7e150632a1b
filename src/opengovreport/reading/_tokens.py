"""Tokens: a table's lines as words and values in the order they stand, and the printed rows they
make — each row's label and its values, whatever the layout (cells of a grid, a run of numbers
apart by spaces, digits run together, labels glued to numbers, labels after their numbers).

A value is a number, a run of digits, a blank mark or a number that cannot be read; everything
else is words. A run of digits glued to the label after it may end with that label's numbering
(``…00003.补正后…``): the numbering goes with the label. Nothing here decides how a run of
digits splits into cells; the identities decide that later.
"""

import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from ._front import ends_sentence
from ._lines import Line
from ._norm import squash
from ._values import (
    MARK_CHARACTERS,
    NUMBER_TOKEN,
    glued_mark,
    is_blank_mark,
    is_garbled,
    is_value,
    leading_mark,
    one_mark,
)

__all__ = [
    "LineTokens",
    "Seen",
    "Token",
    "grid_rows",
    "line_tokens",
    "row_cells",
    "stream_rows",
    "value_like",
]


class Token(NamedTuple):
    """A word or a value of a table's line, in the order it stands."""

    text: str
    value: bool
    line: Line


#: a token made without the named tuple's ``__new__`` (a Python function): every word and value
#: of every table's line is one
_new = tuple.__new__


class Seen(NamedTuple):
    """A printed row: its label, its values (a grid's cells, or a run's tokens), its first
    line, and (in a run of numbers) the words after its values, where a label displaced after
    its numbers stands."""

    label: str
    values: list[str]
    line: Line
    after: str = ""

    @property
    def soft(self) -> bool:
        """Whether its values come from flattened text (spaces evidence, not boundaries)."""
        return self.line.flat


_WORDS = re.compile(
    r"[\u3400-\u9fff][^\u3400-\u9fff]*[\u3400-\u9fff][^\u3400-\u9fff]*[\u3400-\u9fff]"
)
#: a cell that is only a label's number (``1.``, ``(1)``), split from its words
_NUMBERING = re.compile(r"^[(（]?\d{1,2}[)）.．、]?$")
#: a run of digits inside a word (an amount with its unit)
_RUN = re.compile(r"[+\-－]?\d+(?:[.,，]\d+)*(?:万元|元)?")
#: what follows a run of digits that is part of words: a date, a counter, a percentage
_COUNTER = frozenset("年月日号时分秒%％‰个件条项人次页期届批家")
_STOPS = frozenset(".．、")
#: two Chinese characters together: words (``00其他0`` is a row's label between its values)
_TWO_CJK = re.compile(r"[\u3400-\u9fff]{2}")


#: :func:`value_like` of the cells seen (a row's label is the format's, or one of a few
#: variants, in most reports: a pattern's call each costs more than a look-up); a text is kept
#: only while the texts kept are few
_LIKE: dict[str, bool] = {}
_KEPT = 10_000


def value_like(cell: str) -> bool:
    """Whether a table cell holds a value, a blank mark or a number that cannot be read."""
    if cell.isdigit() and cell.isascii():
        return True
    found = _LIKE.get(cell)
    if found is None:
        # three Chinese characters: a label (a value has at most two)
        found = _WORDS.search(cell) is None and (
            is_value(cell) or (is_garbled(cell) and not _NUMBERING.match(cell.strip()))
        )
        if len(_LIKE) < _KEPT:
            _LIKE[cell] = found
    return found


def _label_after_blanks(cells: tuple[str, ...]) -> int | None:
    """Where a row of blank cells, a label and counts (or blank cells) has its label: the cell
    :func:`row_cells` finds walking back from the end (every cell after it blank or a run of
    ASCII digits, itself neither blank nor a value); ``None`` for another row."""
    if cells[0]:
        return None
    at = 1
    while at < len(cells) and not cells[at]:
        at += 1
    if at == len(cells):
        return None
    rest = "".join(cells[at + 1 :])
    if rest.isdigit() and rest.isascii() and not value_like(cells[at]):
        return at
    return None


def row_cells(line: Line, width: int) -> tuple[str, list[str]]:
    """A grid row's label (its label cells joined) and its value cells: the cells after the
    last that holds a label (blank cells and numbers that cannot be read are values), trailing
    blank cells beyond ``width`` dropped."""
    cells = line.cells
    after_first = "".join(cells[1:])
    usual = after_first.isdigit() and after_first.isascii()
    if usual:  # value_like(cells[0]): its kept answer without its call, where kept
        like = _LIKE.get(cells[0])
        usual = not (value_like(cells[0]) if like is None else like)
    if usual:
        first = 1  # the usual row: a label, counts
    elif (label_at := _label_after_blanks(cells)) is not None:
        first = label_at + 1  # the usual row under a group's label: blank cells, a label, counts
    else:  # after the last label cell: blank cells are values too
        first = len(cells)
        while first > 0:
            cell = cells[first - 1]
            if cell and not (cell.isdigit() and cell.isascii()) and not value_like(cell):
                break
            first -= 1
    # (the usual row's label is its first cell: no filter and no join)
    label = cells[0] if first == 1 else " ".join(filter(None, cells[:first]))
    values = list(cells[first:])
    while len(values) > width and not values[-1]:
        values.pop()
    if values and not any(values):
        values = []
    return label, values


#: a label's words with one or two Latin letters glued after them (``…申请数量l``, ``…稳定”O``):
#: what OCR and retyping make of a row's first digit (``l`` for ``1``, ``O`` for ``0``); no
#: name of a row of any registered shape holds a Latin letter (a test says so)
_LETTERS_AFTER = re.compile(r"(?<=[^\x00-\x7f])[A-Za-z]{1,2}$")


def _words(words: str, line: Line, out: list[Token]) -> None:
    """Words of a table's line as tokens: Latin letters glued after a label's last character
    are a value that cannot be read (the row's first cell, misread), not part of the label."""
    tail = _LETTERS_AFTER.search(words)
    if tail is None:
        out.append(_new(Token, (words, False, line)))
        return
    out.append(_new(Token, (words[: tail.start()], False, line)))
    out.append(_new(Token, (tail.group(), True, line)))


def _split_word(word: str, line: Line, out: list[Token]) -> None:
    """A word holding words and digits run together (``规章000``, ``…00002.其他…``,
    ``行政事业性收费9116.36``): its runs of digits as values, the rest as words; a run that is
    a date or a count in a sentence (``2022年``, ``123条``) or a label's numbering stays words."""
    at = 0
    words = ""
    ran = False  # whether a run of this word was a value
    for match in _RUN.finditer(word):
        start, end = match.span()
        run = match.group()
        after = word[end : end + 1]
        before = word[start - 1 : start] if start else ""
        if after in _COUNTER or before in ("第", "(", "（"):
            continue  # a date, a count, an ordinal: words
        if after in _STOPS and word[end + 1 : end + 2] and not word[end + 1].isdigit():
            if start == 0 or len(run) == 1:
                continue  # the label's own numbering (1.属于…)
            run, end = run[:-1], end - 1  # the next label's numbering, glued to the run
        words += word[at:start]
        between = words.strip()
        if ran and is_blank_mark(between):  # a cell marked blank between two values (95—2296)
            out.append(_new(Token, (between, True, line)))
        elif between:
            if ran and between[0] in MARK_CHARACTERS:
                between = _mark_before(between, line, out)
            if between:
                _words(between, line, out)
        words, ran = "", True
        out.append(_new(Token, (run, True, line)))
        at = end
    words += word[at:]
    words = words.strip()
    if words and ran and words[0] in MARK_CHARACTERS:
        words = _mark_before(words, line, out)
    if words:
        _words(words, line, out)


def _mark_before(words: str, line: Line, out: list[Token]) -> str:
    """Words after a value in a word holding runs of digits: a blank cell's mark they start
    with is a value (``…161——第二十条…``: the row's last cells, the next label glued after
    them); the words after it."""
    mark = leading_mark(words)
    if mark:
        out.append(_new(Token, (mark, True, line)))
    return words[len(mark) :].strip()


def line_tokens(line: Line) -> list[Token]:
    """The words and values of a line of a run of numbers, in order. A blank mark is a value
    where it stands among values (``2 — 0 0``) or fills a cell of its own; elsewhere a word."""
    out: list[Token] = []
    for cell in line.cells:
        if one_mark(cell, line.row):  # a cell of its own that says "nothing entered"
            out.append(_new(Token, (cell, True, line)))
            continue
        split = cell.split()
        marks = not MARK_CHARACTERS.isdisjoint(cell)
        run = len(split)  # where the cell's closing run of values and marks starts
        while (
            marks
            and run > 0
            and (NUMBER_TOKEN.fullmatch(split[run - 1]) or is_blank_mark(split[run - 1]))
        ):
            run -= 1
        for at, word in enumerate(split):
            if (word.isdigit() and word.isascii()) or NUMBER_TOKEN.fullmatch(word):
                out.append(_new(Token, (word, True, line)))
            elif marks and is_blank_mark(word):
                among = at >= run or any(t.value for t in out if t.line is line)
                out.append(_new(Token, (word, among, line)))
            elif not _TWO_CJK.search(word) and not _NUMBERING.match(word) and is_garbled(word):
                out.append(_new(Token, (word, True, line)))
            elif any(map(str.isdigit, word)):
                _split_word(word, line, out)
            else:
                _words(word, line, out)
    return out


class LineTokens:
    """Each line's tokens (:func:`line_tokens`), made once for a document whatever steps and
    shapes look at its lines (table 3's rows, its columns, table 2's blocks under each shape's
    bands, table 4). One is made for each document read: it holds the lines it was given,
    by identity, and nothing outlives the reading. Callers do not change the lists."""

    def __init__(self) -> None:
        self._made: dict[int, tuple[Line, list[Token]]] = {}

    def __call__(self, line: Line) -> list[Token]:
        found = self._made.get(id(line))
        if found is not None and found[0] is line:
            return found[1]
        tokens = line_tokens(line)
        self._made[id(line)] = (line, tokens)
        return tokens


def _stray(word: str) -> bool:
    """Whether a word is one character at most, folded (ASCII letters and digits fold to
    themselves: such a word need not be folded to tell)."""
    return len(word if word.isascii() and word.isalnum() else squash(word)) <= 1


def _readable(tokens: Sequence[Token]) -> bool:
    """Whether a line's values are more than numbers that cannot be read (``4l2`` alone on a
    line is a value where a row is being read, words elsewhere)."""
    return any(t.value and (is_value(t.text) or t.text.isdigit()) for t in tokens)


def sentence(line: Line) -> bool:
    """Whether a line of a table's part is a sentence of text, not a row of the table."""
    return not line.row and "。" in line.text and len(line.text) > 12


def stream_rows(
    lines: Sequence[Line],
    width: int,
    starts_row: Callable[[str], bool],
    tokens_of: Callable[[Line], list[Token]] = line_tokens,
) -> list[Seen]:
    """The printed rows of a table whose lines are runs of words and numbers (pdftotext, a PDF's
    text, a crawler's text): each row's label the words before its first value, its values up
    to ``width`` of them — or more where they stand on one line: its spaces may part a number's
    groups of thousands — or to the words that start another row (``starts_row``)."""
    rows: list[Seen] = []
    pending: list[str] = []
    current: list[str] = []
    first: Line | None = None
    label = ""

    def close() -> None:
        nonlocal current
        if current and first is not None:
            rows.append(Seen(label, current, first))
        current = []

    for line in lines:
        if sentence(line):
            continue
        tokens = tokens_of(line)
        if not current and not pending and not _readable(tokens):
            tokens = [_new(Token, (t.text, False, line)) for t in tokens]  # a line of words only
        for token in tokens:
            if not token.value:
                if _stray(token.text):  # a vertical label's character, a stray mark
                    continue
                if current and (len(current) >= width or starts_row(token.text)):
                    close()
                pending.append(token.text)
                continue
            if len(current) >= width and first is not line:
                close()  # full, and the next value is on another line: another row's
            if not current:
                first = line
                label, mark = glued_mark(" ".join(pending).strip())
                pending = []
                if mark:
                    current.append(mark)
            current.append(token.text)
        if len(current) >= width:  # a row full at its line's end (more values on one line
            close()  # stay with it: ``52 316`` in a row of one value)
    close()
    trailing = " ".join(pending)
    return [
        row._replace(after=rows[k + 1].label if k + 1 < len(rows) else trailing)
        for k, row in enumerate(rows)
    ]


def column_rows(
    lines: Sequence[Line],
    width: int,
    starts_row: Callable[[str], bool],
    header: Callable[[str], bool],
    tokens_of: Callable[[Line], list[Token]] = line_tokens,
) -> list[Seen] | None:
    """The rows of a table printed column by column (a PDF drawn so, read by an extractor that
    follows the drawing): its rows' labels first, in order, then each column's values top to
    bottom (a column's header words between them: ``header``, which may name a row too, 其他)
    — as many values as labels times ``width``, each a plain count. ``None`` where the lines
    are not so printed."""
    found = _labels_then_values(lines, starts_row, header, tokens_of)
    if found is None:
        return None
    labels, values = found
    rows = len(labels)
    if rows < 2 or len(values) != rows * width or not all(v.isdigit() for v in values):
        return None
    return [
        Seen(label, [values[c * rows + k] for c in range(width)], line)
        for k, (label, line) in enumerate(labels)
    ]


def _labels_then_values(
    lines: Sequence[Line],
    starts_row: Callable[[str], bool],
    header: Callable[[str], bool],
    tokens_of: Callable[[Line], list[Token]],
) -> tuple[list[tuple[str, Line]], list[str]] | None:
    """The rows' labels (with their lines; a label's words on the next line joined to it)
    printed before any value, then every value in order; ``None`` where a row's label stands
    beside values or among them (rows, not columns)."""
    labels: list[tuple[str, Line]] = []
    values: list[str] = []
    for line in lines:
        if sentence(line):
            continue
        tokens = tokens_of(line)
        words = " ".join(t.text for t in tokens if not t.value)
        has_values = any(t.value for t in tokens)
        names_row = bool(words) and starts_row(words)
        if names_row and (values or has_values) and not header(words):
            return None  # a row's label beside values, or among them
        if has_values:
            values.extend(t.text for t in tokens if t.value)
        elif values:
            continue
        elif names_row:
            labels.append((words, line))
        elif labels and len(squash(words)) > 1:
            labels[-1] = (f"{labels[-1][0]} {words}", labels[-1][1])
    return labels, values


def grid_rows(lines: Sequence[Line], width: int) -> list[Seen]:
    """The printed rows of a table whose rows are lines of cells (TAB text, HTML, Markdown,
    Word): a row a line that holds values."""
    rows = []
    for line in lines:
        if line.row:
            label, values = row_cells(line, width)
            if values:  # (made without the named tuple's ``__new__``, a Python function)
                rows.append(_new(Seen, (label, values, line, "")))
    return rows


def header_text(lines: Sequence[Line], rows: Sequence[Seen]) -> str:
    """The words of a table's lines above its first printed row (its header), squashed; where
    none stand apart, the first row's label (a header run on into it)."""
    if not rows:
        return squash(" ".join(ln.text for ln in lines if not ends_sentence(ln.text)))
    out = []
    for line in lines:
        if line is rows[0].line:
            break
        out.append(line.text)
    return squash(" ".join(out)) or squash(rows[0].label)
