"""Tokens: a table's lines as words and values in the order they stand.

A value is a number, a run of digits, a blank mark or a number that cannot be read; everything
else is words. A run of digits glued to the label after it may end with that label's numbering
(``…00003.补正后…``): the numbering goes with the label. Nothing here decides how a run of
digits splits into cells; the identities decide that later. The printed rows these tokens make
are :mod:`._stream_rows`'s; a grid's rows (lines of cells) are :mod:`._grid_rows`'s.
"""

import re
from typing import NamedTuple

from ._lines import Line
from ._values import (
    MARK_CHARACTERS,
    NUMBER_TOKEN,
    is_blank_mark,
    is_garbled,
    leading_mark,
    one_mark,
)

__all__ = ["NUMBERING", "LineTokens", "Token", "line_tokens"]


class Token(NamedTuple):
    """A word or a value of a table's line, in the order it stands."""

    text: str
    value: bool
    line: Line


#: a token made without the named tuple's ``__new__`` (a Python function): every word and value
#: of every table's line is one
_new = tuple.__new__


#: a cell that is only a label's number (``1.``, ``(1)``), split from its words
NUMBERING = re.compile(r"^[(（]?\d{1,2}[)）.．、]?$")
#: a run of digits inside a word (an amount with its unit)
_RUN = re.compile(r"[+\-－]?\d+(?:[.,，]\d+)*(?:万元|元)?")
#: what follows a run of digits that is part of words: a date, a counter, a percentage
_COUNTER = frozenset("年月日号时分秒%％‰个件条项人次页期届批家")
_STOPS = frozenset(".．、")
#: two Chinese characters together: words (``00其他0`` is a row's label between its values)
_TWO_CJK = re.compile(r"[\u3400-\u9fff]{2}")


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
        if between:
            _between(between, ran, line, out)
        words, ran = "", True
        out.append(_new(Token, (run, True, line)))
        at = end
    words += word[at:]
    words = words.strip()
    if words and ran and words[0] in MARK_CHARACTERS:
        words = _mark_before(words, line, out)
    if words:
        _words(words, line, out)


def _between(between: str, ran: bool, line: Line, out: list[Token]) -> None:
    """The words before a run of digits in a word (``ran``: after another run of it): a cell
    marked blank between two values (``95—2296``, ``12 无无1091716``), or words, a mark they
    start with after a value a cell."""
    if (ran or _after_value(out, line)) and is_blank_mark(between):
        _marks(between, line, out)
        return
    if ran and between[0] in MARK_CHARACTERS:
        between = _mark_before(between, line, out)
    if between:
        _words(between, line, out)


def _mark_before(words: str, line: Line, out: list[Token]) -> str:
    """Words after a value in a word holding runs of digits: a blank cell's mark they start
    with is a value (``…161——第二十条…``: the row's last cells, the next label glued after
    them); the words after it."""
    mark = leading_mark(words)
    if mark:
        _marks(mark, line, out)
    return words[len(mark) :].strip()


def _after_value(out: list[Token], line: Line) -> bool:
    """Whether a value of ``line`` stands before this point (``12 无无1091716``)."""
    return any(t.value for t in out if t.line is line)


def _marks(mark: str, line: Line, out: list[Token]) -> None:
    """A blank cell's mark among values as value tokens: a run of 无 a cell each (``无无``: two
    cells printed 无 with nothing between them), any other mark one (a dash drawn long)."""
    cells = mark if len(mark) > 1 and set(mark) == {"无"} else (mark,)
    for cell in cells:
        out.append(_new(Token, (cell, True, line)))


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
                if at >= run or _after_value(out, line):
                    _marks(word, line, out)
                else:
                    out.append(_new(Token, (word, False, line)))
            elif not _TWO_CJK.search(word) and not NUMBERING.match(word) and is_garbled(word):
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
