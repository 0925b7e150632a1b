"""Stream rows: the printed rows a table's runs of words and numbers make (pdftotext, a PDF's
text, a crawler's text) — each row's label and its values, whatever the layout (digits run
together, labels glued to numbers, labels after their numbers) — and the rows of a table
printed column by column."""

from collections.abc import Callable, Sequence

from ._lines import Line
from ._norm import squash
from ._seen import Seen, sentence
from ._tokens import Token, line_tokens
from ._values import glued_mark, is_value

__all__ = ["column_rows", "stream_rows"]

#: a token made without the named tuple's ``__new__`` (a Python function)
_new = tuple.__new__


def _stray(word: str) -> bool:
    """Whether a word is one character at most, folded (ASCII letters and digits fold to
    themselves: such a word need not be folded to tell)."""
    return len(word if word.isascii() and word.isalnum() else squash(word)) <= 1


def _readable(tokens: Sequence[Token]) -> bool:
    """Whether a line's values are more than numbers that cannot be read (``4l2`` alone on a
    line is a value where a row is being read, words elsewhere)."""
    return any(t.value and (is_value(t.text) or t.text.isdigit()) for t in tokens)


def _another_row(
    full: bool,
    first: Line | None,
    last: Line | None,
    words: Sequence[str],
    line: Line,
    header: Callable[[str], bool],
) -> bool:
    """Whether a value on ``line`` starts another row than the one being read (its values from
    ``first`` to ``last``): the row is full and the value stands on another line than the row's
    first; or words stood after the row's values (a label: the next row's, or the row's own
    displaced after its values) and the value stands on a later line than its last — a row's
    values resume on its own line only (a row printed with blank cells left empty has fewer
    values than columns: the values of the row under it, after that row's label, are not its).
    Words that are only a column's header (``header``: a table printed column by column, each
    column's header over its values) are no label."""
    if full:
        return first is not line
    return last is not line and any(not header(w) for w in words)


def stream_rows(
    lines: Sequence[Line],
    width: int,
    starts_row: Callable[[str], bool],
    tokens_of: Callable[[Line], list[Token]] = line_tokens,
    header: Callable[[str], bool] = lambda _words: False,
) -> list[Seen]:
    """The printed rows of a table whose lines are runs of words and numbers (pdftotext, a PDF's
    text, a crawler's text): each row's label the words before its first value, its values up
    to ``width`` of them — or more where they stand on one line: its spaces may part a number's
    groups of thousands — or to the words that start another row (``starts_row``)."""
    rows: list[Seen] = []
    pending: list[str] = []
    current: list[str] = []
    first: Line | None = None
    last: Line | None = None  # the line of the row's last value
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
            if current and _another_row(len(current) >= width, first, last, pending, line, header):
                close()
            last = line
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
