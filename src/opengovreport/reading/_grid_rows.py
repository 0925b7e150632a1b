"""Grid rows: a table's rows printed as lines of cells (TAB text, HTML, Markdown, Word) — each
row's label (its label cells) and its value cells, whatever the layout (blank cells under a
group's label, labels after blank cells, numbers that cannot be read)."""

import re
from collections.abc import Sequence

from ._lines import Line
from ._seen import Seen
from ._tokens import NUMBERING
from ._values import is_garbled, is_value

__all__ = ["grid_rows", "row_cells", "value_like"]

#: a row made without the named tuple's ``__new__`` (a Python function)
_new = tuple.__new__

_WORDS = re.compile(
    r"[\u3400-\u9fff][^\u3400-\u9fff]*[\u3400-\u9fff][^\u3400-\u9fff]*[\u3400-\u9fff]"
)


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
            is_value(cell) or (is_garbled(cell) and not NUMBERING.match(cell.strip()))
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
