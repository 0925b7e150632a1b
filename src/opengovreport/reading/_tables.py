"""Tables 2 and 3 of a shape matched to what is printed: the printed rows matched to the
shape's rows by label, its blocks and columns to the printed bands and header, and how well the
shape fits what is printed (the cells its rows hold that were found by their labels, less those
of rows printed that it has no place for and of its rows not found). The cells of the shape
chosen are then read from its match (:mod:`._table_cells`).
"""

import bisect
import functools
from collections.abc import Sequence
from typing import NamedTuple

from ..model import CellValue
from ..schema import Part, Shape, Table, shapes
from ._columns import column_order, printed_order, stated_unit
from ._lines import Line
from ._match import RowMatch, leaf_names, match_rows
from ._norm import core, declared, squash
from ._printed import Printed, every_row
from ._reconcile import Judge
from ._result import Diagnostic
from ._seen import Seen, header_text, sentence
from ._short import short_columns, short_stream

__all__ = ["Block", "Matched", "block_paths", "match2", "match3", "table_paths"]


class Block(NamedTuple):
    """A part of a table matched: its rows (``None``: a block not found), whether its columns
    are guessed (its header names others), and the shape's column under each printed position
    where the header prints them in another order."""

    part: Part
    matched: RowMatch | None
    guessed: bool
    columns: tuple[int, ...] | None = None
    #: the unit its header states for its amounts (``元``), where it states one
    unit: str | None = None


class Matched(NamedTuple):
    """A table of a shape matched to what is printed: its blocks, the notes of matching, and
    the fit."""

    table: Table
    blocks: list[Block]
    notes: list[Diagnostic]
    fit: int


def _paths(table: Table, part: Part, leaf_path: str) -> tuple[str, ...]:
    """The paths of a row's cells, in column order."""
    return table_paths(table)[(part.key, leaf_path)]


@functools.cache
def table_paths(table: Table) -> dict[tuple[str | None, str], tuple[str, ...]]:
    """The paths of each row's cells of ``table`` (made once: a table hashes cheaply, its
    parts do not)."""
    out = {}
    for part in table.parts:
        prefix = f"{table.key}.{part.key}." if part.key else f"{table.key}."
        for leaf in part.leaves:
            out[(part.key, leaf.path)] = tuple(f"{prefix}{leaf.path}.{c.key}" for c in part.columns)
    return out


def _row_paths(table: Table, part: Part) -> list[tuple[str, ...]]:
    """The paths of each row's cells of the part ``part`` of ``table``, in the format's order."""
    paths = table_paths(table)
    return [paths[(part.key, leaf.path)] for leaf in part.leaves]


@functools.cache
def block_paths(table: Table) -> dict[str | None, tuple[str, ...]]:
    """The paths of each part's cells of ``table``, row by row (made once)."""
    paths = table_paths(table)
    return {
        part.key: tuple(p for leaf in part.leaves for p in paths[(part.key, leaf.path)])
        for part in table.parts
    }


def _match(
    notes: list[Diagnostic],
    rows: list[Seen],
    part: Part,
    stream: bool,
    number: int,
    paths_of_rows: Sequence[tuple[str, ...]] = (),
) -> RowMatch:
    band = declared(part.band.zh) if part.band is not None else ""
    matched = match_rows(rows, leaf_names(part), stream, every_row(shapes(), number, band))
    line = rows[0].line.number if rows else None
    if matched.labels_after:
        notes.append(Diagnostic.of("labels-after", line=line, table=number))
    if matched.reordered:
        moved = _out_of_order(rows, matched)
        names = [p for j in moved for p in paths_of_rows[j]] if paths_of_rows else []
        notes.append(Diagnostic.of("row-order", line=line, table=number, cells=tuple(names)))
    return matched


def _beside(
    rows: Sequence[Seen], matched: RowMatch, dropped: Seen, paths_of_rows: Sequence[tuple[str, ...]]
) -> tuple[str, ...]:
    """The cells of the rows printed just before and just after a dropped row: its numbers may
    be theirs (a number wrapped in its cell, ``3001`` printed ``300`` over ``1``, leaves its
    last digits on a line of their own), so theirs are in doubt."""
    here = next((i for i, r in enumerate(rows) if _same(r, dropped)), None)
    if here is None:
        return ()
    placed = _printed_at(rows, matched, frozenset())
    before = max(((i, j) for i, j in placed if i < here), default=None)
    after = min(((i, j) for i, j in placed if i > here), default=None)
    return tuple(p for near in (before, after) if near is not None for p in paths_of_rows[near[1]])


def _out_of_order(rows: Sequence[Seen], matched: RowMatch) -> list[int]:
    """The format's rows placed by their labels against the order they are printed in: those
    off the longest run of rows the printed order keeps (a label may have been taken for
    another row's: ``3.其他`` for ``2.其他法律行政法规禁止公开``), by their index."""
    order = _printed_at(rows, matched, matched.by_position)
    # the longest increasing run of format rows in printed order (patience sorting)
    tails: list[int] = []  # the format row ending each length's best run
    back: dict[int, int | None] = {}
    for _i, j in order:
        k = bisect.bisect_left(tails, j)
        back[j] = tails[k - 1] if k else None
        if k == len(tails):
            tails.append(j)
        else:
            tails[k] = j
    kept: set[int] = set()
    end: int | None = tails[-1] if tails else None
    while end is not None:
        kept.add(end)
        end = back[end]
    return sorted(j for _i, j in order if j not in kept)


def _same(a: Seen, b: Seen) -> bool:
    """Whether two rows are one printed row: known by its line and its values, which matching
    a label keeps (it may replace the row's label)."""
    return a.line is b.line and a.values is b.values


def _printed_at(
    rows: Sequence[Seen], matched: RowMatch, leave: frozenset[int]
) -> list[tuple[int, int]]:
    """Each of the format's rows matched to a printed row (but those in ``leave``) as (its
    printed place, its index), in printed order."""
    at = {(id(r.line), id(r.values)): i for i, r in enumerate(rows)}  # (the rows live as long)
    return sorted(
        (at[(id(r.line), id(r.values))], j)
        for j, r in enumerate(matched.rows)
        if r is not None and j not in leave and (id(r.line), id(r.values)) in at
    )


def _fit(matched: RowMatch, width: int, guessed: bool) -> int:
    """The cells of the rows found by label (none where the columns are guessed), less those
    of the rows not found and of the printed rows matched to none."""
    rows = matched.rows
    missing = rows.count(None)
    found = len(rows) - missing
    if matched.by_position:  # (most tables: no row paired by position)
        found -= sum(1 for j in matched.by_position if rows[j] is not None)
    return width * ((0 if guessed else found) - missing - len(matched.unmatched))


def match3(lines: Sequence[Line], printed: Printed, shape: Shape, judge: Judge) -> Matched:
    """Table 3 of ``shape`` matched to its part's lines: row by row, or column by column where
    it is printed so and the identities hold with its values so read."""
    table = shape.numbered(3)
    part = table.parts[0]
    notes: list[Diagnostic] = []
    rows = printed.rows(lines, len(part.columns), 3)
    columns = printed.columns(lines, len(part.columns), 3) if printed.stream else None
    if columns is not None and _holds(columns, table, part, judge):
        rows = columns
        paths = block_paths(table)[part.key]
        notes.append(
            Diagnostic.of("rebuilt", line=rows[0].line.number, cells=paths, variant="columns")
        )
    paths_of_rows = _row_paths(table, part)
    matched = _match(notes, rows, part, printed.stream, 3, paths_of_rows)
    for row in matched.unmatched:
        text = " ".join([row.label, *row.values])
        beside = _beside(rows, matched, row, paths_of_rows)
        notes.append(
            Diagnostic.of("row-dropped", line=row.line.number, table=3, text=text, cells=beside)
        )
    fit = _fit(matched, len(part.columns), False)
    header = header_text(lines, rows)
    line = rows[0].line if rows else None
    guessed = False
    at = line.number if line is not None else None
    if not printed.stream:  # a grid's rows hold as many value cells as the columns printed
        short = short_columns(notes, header, part, matched, paths_of_rows, at)
        if short is not None:
            block = Block(part, short.matched, short.guessed, short.order)
            return Matched(table, [block], notes, fit)
    else:
        guessed = short_stream(notes, part, matched, paths_of_rows, at)
    usual = column_order(header, part.columns)
    found = _by_identities(header, part, matched, judge, usual)
    order = _order(notes, header, part, line, 3, found or usual)
    return Matched(table, [Block(part, matched, guessed, order)], notes, fit)


def _by_identities(
    header: str,
    part: Part,
    matched: RowMatch,
    judge: Judge,
    read: tuple[int, ...] | None,
) -> tuple[int, ...] | None:
    """The order of table 3's columns as its header prints all of them (:func:`printed_order`,
    自然人 and 总计 where they stand) where that is a header of one row — a column that spans
    the header's rows (自然人, 总计) printed after one of a group's — or where the rows' own
    identities hold under it for more rows than under the order :func:`column_order` reads
    (``read``; 总计 first: a header of several rows flattened puts it there too; the rows are
    read until one order leads by :data:`_DECIDED`); ``None`` otherwise."""
    full = printed_order(header, part.columns)
    if full is None:
        return None
    usual = read or tuple(range(len(part.columns)))
    if full == usual:
        return None
    depth = max(len(c.groups) for c in part.columns)
    spans = {k for k, c in enumerate(part.columns) if len(c.groups) < depth}
    first_grouped = min(i for i, k in enumerate(full) if k not in spans)
    if any(k in spans for k in full[first_grouped:]):
        return full
    table = judge.shape.numbered(3)

    # the rows' tally, full's holding less usual's
    lead = 0
    for leaf, seen in zip(part.leaves, matched.rows, strict=True):
        if seen is None or len(seen.values) != len(full):
            continue
        if len(set(seen.values)) == 1 or not all(v.isdigit() and v.isascii() for v in seen.values):
            continue  # (a row of one value, zeros, holds in any order)
        paths = _paths(table, part, leaf.path)
        lead += bool(judge.holds(paths, _placed(seen.values, full)))
        lead -= bool(judge.holds(paths, _placed(seen.values, usual)))
        if abs(lead) >= _DECIDED:
            break
    return full if lead > 0 else None


#: how many more rows one order must hold for than the other to be chosen without the rest
_DECIDED = 3


def _placed(texts: Sequence[str], order: tuple[int, ...]) -> list[int]:
    """A row's counts as printed, each under its column (``order[i]``: the column printed at
    place ``i``), in the shape's order of columns."""
    values = [0] * len(order)
    for k, text in zip(order, texts, strict=True):
        values[k] = int(text)
    return values


def _order(
    notes: list[Diagnostic],
    header: str,
    part: Part,
    line: Line | None,
    number: int,
    order: tuple[int, ...] | None,
) -> tuple[int, ...] | None:
    """The shape's column under each printed position where the header prints the columns in
    another order than the format's (noted), ``order`` as read (:func:`column_order`, or the
    identities' choice: :func:`_by_identities`); ``None`` where it prints them in the format's
    order, or does not name them (a warning: their order is the format's)."""
    at = line.number if line is not None else None
    if order is None:
        if header and not any(core(c.label.zh) in core(header) for c in part.columns[1:-1]):
            notes.append(Diagnostic.of("columns-assumed", line=at, table=number))
        return None
    if order == tuple(range(len(part.columns))):
        return None
    printed = " ".join(part.columns[k].label.zh for k in order)
    notes.append(Diagnostic.of("column-order", line=at, table=number, order=printed))
    return order


def _holds(rows: list[Seen], table: Table, part: Part, judge: Judge) -> bool:
    """Whether the table's identities hold, and can be judged, with ``rows`` matched to its
    rows by label (plain counts)."""
    matched = match_rows(rows, leaf_names(part), stream=False)
    values: dict[str, CellValue] = {}
    for leaf, row in zip(part.leaves, matched.rows, strict=True):
        if row is not None and row.values and all(v.isdigit() for v in row.values):
            values.update(zip(_paths(table, part, leaf.path), map(int, row.values), strict=True))
    failed, judged = judge.verdict(values, list(values))
    return not failed and judged > 0


def _spans(lines: Sequence[Line], table: Table) -> dict[str, tuple[int, int]]:
    """Where each block of table 2 stands in ``lines``: (its band's line, the next band's)."""
    markers = [(str(b.key), declared(b.band.zh)) for b in table.parts if b.band is not None]
    spans: list[tuple[str, int]] = []
    for i, line in enumerate(lines):
        if "第二十条" not in line.text:  # every block's band starts so
            continue
        text = squash(line.text)
        key = None
        for k, marker in markers:  # (a loop, not a generator: the first that holds it)
            if marker in text:
                key = k
                break
        if key is not None and key not in dict(spans):
            spans.append((key, i))
    ends = [i for _, i in spans[1:]] + [len(lines)] * bool(spans)
    return {key: (i, end) for (key, i), end in zip(spans, ends, strict=True)}


def _columns_found(header: str, part: Part) -> bool | None:
    """Whether the header names the block's columns: ``None`` where it names no column of any
    shape (nothing to tell), or the block has one column."""
    if len(part.columns) < 2:
        return None
    seen = core(header)
    if all(core(c.label.zh) in seen for c in part.columns):
        return True
    return False if any(k in seen for k in _known_columns(shapes())) else None


@functools.cache
def _known_columns(registered: tuple[Shape, ...]) -> frozenset[str]:
    """The cores of every column label of table 2 in the registered shapes."""
    return frozenset(
        core(c.label.zh) for s in registered for p in s.numbered(2).parts for c in p.columns
    )


def match2(lines: Sequence[Line], printed: Printed, shape: Shape) -> Matched:
    """Table 2 of ``shape`` matched: each block under its band (第二十条第（X）项), its rows by
    label, its columns as its header names them."""
    table = shape.numbered(2)
    notes: list[Diagnostic] = []
    spans = _spans(lines, table)
    blocks: list[Block] = []
    fit = 0
    for part in table.parts:
        key = str(part.key)
        width = len(part.columns)
        paths = block_paths(table)[part.key]
        if key not in spans:
            notes.append(Diagnostic.of("block-missing", cells=paths))
            blocks.append(Block(part, None, False))
            fit -= len(paths)
            continue
        begin, end = spans[key]
        body = [ln for ln in lines[begin + 1 : end] if ln.row or not sentence(ln)]  # (rows: not)
        band = declared(part.band.zh) if part.band is not None else key
        rows = printed.rows(body, width, 2, band, (begin, end))
        header = header_text(body, rows)
        guessed = _columns_found(header, part) is False
        if guessed:
            expected = " ".join(c.label.zh for c in part.columns)
            line = lines[begin].number
            notes.append(
                Diagnostic.of(
                    "columns-unmatched", line=line, text=header[:60], cells=paths, expected=expected
                )
            )
        matched = _match(notes, rows, part, printed.stream, 2, _row_paths(table, part))
        for row in matched.unmatched:
            text = " ".join([row.label, *row.values])
            notes.append(Diagnostic.of("row-ignored", line=row.line.number, cells=paths, text=text))
        blocks.append(Block(part, matched, guessed, None, stated_unit(header)))
        fit += _fit(matched, width, guessed)
    # a table not printed at all says nothing of which shape the report has (a shape of a
    # smaller table 2 would otherwise fit a report without one better)
    return Matched(table, blocks, notes, fit if spans else 0)
