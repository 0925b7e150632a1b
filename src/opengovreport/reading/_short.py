"""Table 3 printed with fewer columns than its shape: a column left out of every row (a site's
table, a converter's). A grid's rows then hold fewer value cells than the shape's columns, and a
row whose label spans the label columns pads them with blank cells that are no values.

Where the header names the columns printed — all but the ones left out — each value goes under
its own header, and the cells of a column not printed are blank, said (``column-missing``).
Where it does not (a header of generic names, 列1 列2 …, or one that names every column while
the rows hold fewer), neither the header nor the identities can say which column is missing (a
row's identities hold over no reading with a cell blank, and each printed column keeps the
table's identities of its own column wherever it is placed): the values are placed in the
format's order without the last of a group's columns, every cell guessed and said
(``columns-short``).
"""

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from ..schema import Column, Label, Part
from ._columns import group_masks, positions
from ._match import RowMatch
from ._norm import core
from ._result import Diagnostic
from ._seen import Seen
from ._values import MARK_CHARACTERS

__all__ = ["Short", "short_columns", "short_stream"]

#: the fewest rows that print one count of values for the table's shortness to be read from them
_FEWEST = 3


class Short(NamedTuple):
    """A table printed with fewer columns than its shape: its rows (the label columns' blank
    cells not read as values), the shape's column under each printed position, and whether
    that order is a guess."""

    matched: RowMatch
    order: tuple[int, ...]
    guessed: bool


def _printed_width(rows: Sequence[Seen | None], width: int) -> int | None:
    """How many value cells the table's rows print, where it is fewer than ``width``: the
    count most rows hold (a row under a label that spans the label columns holds more, its
    blank cells), held by more rows than ``width`` is; ``None`` otherwise."""
    lengths = [len(row.values) for row in rows if row is not None]
    if lengths.count(width) * 2 >= len(lengths):  # (most tables: no other count is held more)
        return None
    held = Counter(lengths)
    printed, often = held.most_common(1)[0]
    if not 2 <= printed < width or often < _FEWEST or held[width] >= often:
        return None
    return printed


def _trimmed(row: Seen | None, printed: int) -> Seen | None:
    """A row without the blank cells that stand in the label columns (those before its last
    ``printed`` values)."""
    if row is None or len(row.values) <= printed:
        return row
    values = row.values
    start = 0
    while len(values) - start > printed and not values[start]:
        start += 1
    return row._replace(values=values[start:]) if start else row


def _by_header(header: str, columns: Sequence[Column], printed: int) -> tuple[int, ...] | None:
    """The shape's column under each printed position where the header names exactly
    ``printed`` of the columns, the others nowhere: a group's columns in the order the header
    prints them, a column spanning the header's rows (自然人, 总计) in its format's place (as
    :func:`._columns.column_order` reads them); ``None`` otherwise."""
    text = core(header)
    labels = [core(c.label.zh) for c in columns]
    hidden = group_masks(columns)
    if positions(text, labels, hidden) is not None:
        return None  # every column named: the header cannot say which one is not printed
    found: list[tuple[list[int], list[int]]] = []
    for left in itertools.combinations(range(len(columns)), len(columns) - printed):
        named = [k for k in range(len(columns)) if k not in left]
        where = positions(text, [labels[k] for k in named], hidden)
        if where is not None and all(positions(text, [labels[k]], hidden) is None for k in left):
            found.append((named, where))
    if len(found) != 1:
        return None
    kept, at = found[0]
    depth = max(len(c.groups) for c in columns)
    slots = [i for i, k in enumerate(kept) if len(columns[k].groups) == depth]
    by_place = sorted(slots, key=at.__getitem__)
    order = list(kept)
    for slot, i in zip(slots, by_place, strict=True):
        order[slot] = kept[i]
    return tuple(order)


def _guessed(columns: Sequence[Column], printed: int) -> tuple[int, ...]:
    """The format's order without the last of a group's columns (其他, then 法律服务机构 …):
    自然人 first and 总计 last kept in their places."""
    depth = max(len(c.groups) for c in columns)
    grouped = [k for k, c in enumerate(columns) if len(c.groups) == depth]
    left = set(grouped[len(grouped) - (len(columns) - printed) :])
    return tuple(k for k in range(len(columns)) if k not in left)


def short_columns(
    notes: list[Diagnostic],
    header: str,
    part: Part,
    matched: RowMatch,
    paths: Sequence[tuple[str, ...]],
    line: int | None,
) -> Short | None:
    """Table 3 read as printed with fewer columns than its shape (``paths``: each of its rows'
    cells, in the format's order of columns), said; ``None`` where it prints them all."""
    columns = part.columns
    printed = _printed_width(matched.rows, len(columns))
    if printed is None:
        return None
    rows = [_trimmed(row, printed) for row in matched.rows]
    order = _by_header(header, columns, printed)
    guessed = order is None
    if order is None:
        order = _guessed(columns, printed)
        every = tuple(p for row in paths for p in row)
        notes.append(
            Diagnostic.of(
                "columns-short", line=line, cells=every, count=printed, width=len(columns)
            )
        )
    left = [k for k in range(len(columns)) if k not in order]
    blank = tuple(row[k] for row in paths for k in left)
    variant = "guessed" if guessed else ""
    if len(left) == 1:
        said = Diagnostic.of(
            "column-missing", line=line, cells=blank, column=columns[left[0]].label, variant=variant
        )
    else:  # each language its own words, each label quoted as one column's is
        english = [columns[k].label.en for k in left]
        zh = "、".join(f"“{columns[k].label.zh}”" for k in left)
        column = Label(zh, f"{', '.join(english[:-1])} and {english[-1]}")
        variant = "guessed-columns" if guessed else "columns"
        said = Diagnostic.of(
            "column-missing",
            line=line,
            cells=blank,
            column=column,
            count=len(left),
            variant=variant,
        )
    notes.append(said)
    return Short(matched._replace(rows=rows), order, guessed)


def short_stream(
    notes: list[Diagnostic],
    part: Part,
    matched: RowMatch,
    paths: Sequence[tuple[str, ...]],
    line: int | None,
) -> bool:
    """Whether table 3 in text without cells (a crawler's, ``pdftotext``'s) prints, in most
    rows, the same count of values fewer than its columns; said where it does. It may be
    printed without a column, or its digits may run together: the tokens cannot tell (a real
    crawled page's rows print fewer tokens than cells in most rows), so its rows are read as
    before — runs of digits split under the rows' totals — and every cell is a guess (a run
    ``12`` split into 1 2 where the column of 12 is left out balances the row by chance). A
    row printing a run no count is printed as (``00``, ``014``: a crawler's page whose last two
    cells run together) or two values with nothing between them (``12—5``, ``—12``) shows
    the cells run together: then nothing is said."""
    printed = _printed_width(matched.rows, len(part.columns))
    if printed is None or any(_run_together(row) or _glued(row) for row in matched.rows):
        return False
    every = tuple(p for row in paths for p in row)
    notes.append(
        Diagnostic.of(
            "columns-short",
            line=line,
            cells=every,
            count=printed,
            width=len(part.columns),
            variant="stream",
        )
    )
    return True


def _run_together(row: Seen | None) -> bool:
    """Whether a row prints a run of digits that no count is printed as: more than one digit,
    the first a zero (``00``, ``014``) — digits of two cells or more run together."""
    return row is not None and any(
        len(v) > 1 and v[0] == "0" and v.isdigit() and v.isascii() for v in row.values
    )


def _glued(row: Seen | None) -> bool:
    """Whether two of a row's values stand on its line with nothing between them (``12—``,
    ``—12``, or one word, ``——277``): the text runs cells together. Values not found on the
    row's first line (a row over two lines) show nothing."""
    if row is None:
        return False
    text = row.line.text
    found = text.find(row.label) if row.label else -1
    at = found + len(row.label) if found >= 0 else 0
    end = -1
    for value in row.values:
        if not MARK_CHARACTERS.isdisjoint(value) and any(map(str.isdigit, value)):
            return True  # a mark and digits in one word (``——277``)
        # the value whole, not digits of a longer number (``1`` of ``10``)
        found_at = re.compile(r"(?<!\d)" + re.escape(value) + r"(?!\d)").search(text, at)
        if found_at is None:
            return False
        if found_at.start() == end:
            return True
        at = end = found_at.end()
    return False
