"""A matched table's cells (tables 2 and 3 of the shape chosen): each matched row's values
reconciled into its cells (:mod:`._rows`), the rows that read several ways settled together and
the rows paired by position confirmed by the table's identities (:mod:`._reconcile`)."""

import functools
from collections.abc import Sequence
from typing import NamedTuple

from ..model import CellValue
from ..schema import Part, Table
from ..values import Bounds, CellKind
from ._lines import Line
from ._match import label_matches, leaf_names
from ._reconcile import GUESSED, READ, REBUILT, Cells, Judge, Pending, confirm, settle, vouch
from ._result import Diagnostic
from ._rows import COUNT_TEXTS, RowRead, counts, read_row, typed, usual_row
from ._seen import Seen
from ._tables import Block, Matched, block_paths, table_paths

__all__ = ["TableReading", "read_matched"]


class TableReading(NamedTuple):
    """A table of a shape read: each cell's value and state, the notes, and the rows that
    read several ways with nothing in the table to settle them."""

    cells: dict[str, CellValue]
    states: dict[str, str]
    notes: list[Diagnostic]
    open: tuple[Pending, ...] = ()


def read_matched(matched: Matched, judge: Judge | None, budget: list[int]) -> TableReading:
    """The cells of a matched table: each matched row's values reconciled into its cells, the
    rows that read several ways settled together, the rows paired by position confirmed by the
    identities (``judge``; table 2 has none)."""
    cells = Cells()
    cells.notes.extend(matched.notes)
    for block in matched.blocks:
        if block.matched is None:
            part = block.part
            cells.blank(block_paths(matched.table)[part.key])
            continue
        if block.columns is not None and len(block.columns) < len(block.part.columns):
            cells.blank(_not_printed(matched.table, block.part.key, block.columns))
        _read_rows(cells, judge, budget, matched.table, block)
    return TableReading(cells.values, cells.states, cells.notes, tuple(cells.open))


def _put(
    cells: Cells,
    paths: Sequence[str],
    read: RowRead,
    bounds: Sequence[Bounds],
    amounts: bool,
    guessed: bool,
) -> None:
    """A row's values and states, each value as its column holds it, each state guessed where
    the block's columns are."""
    if not (amounts or guessed):
        cells.values.update(zip(paths, read.values, strict=True))
        cells.states.update(zip(paths, read.states, strict=True))
        return
    for path, value, state, b in zip(paths, read.values, read.states, bounds, strict=True):
        cells.values[path] = typed(value, b)
        cells.states[path] = GUESSED if guessed and state in (READ, REBUILT) else state


@functools.cache
def _layout(
    table: Table, key: str | None, order: tuple[int, ...] | None
) -> tuple[tuple[tuple[str, ...], ...], tuple[Bounds, ...], bool]:
    """A block's (the part ``key`` of ``table``) rows' paths and its cells' bounds in the order
    its values are printed (each under its own header, ``order``), and whether any is an
    amount's (made once a block and order)."""
    part = next(p for p in table.parts if p.key == key)
    paths_of = table_paths(table)
    rows = [paths_of[(part.key, leaf.path)] for leaf in part.leaves]
    bounds = [c.bounds for c in part.columns]
    if order is not None:
        rows = [tuple(paths[k] for k in order) for paths in rows]
        bounds = [bounds[k] for k in order]
    return tuple(rows), tuple(bounds), any(b.kind is CellKind.AMOUNT for b in bounds)


@functools.cache
def _not_printed(table: Table, key: str | None, order: tuple[int, ...]) -> tuple[str, ...]:
    """The cells of a block's columns that ``order`` (the shape's column under each printed
    position) does not hold: a column not printed."""
    part = next(p for p in table.parts if p.key == key)
    paths_of = table_paths(table)
    left = [k for k in range(len(part.columns)) if k not in order]
    return tuple(paths_of[(part.key, leaf.path)][k] for leaf in part.leaves for k in left)


def _read_rows(
    cells: Cells, judge: Judge | None, budget: list[int], table: Table, block: Block
) -> None:
    """Each row of a block read from the printed row matched to it (the usual row of plain
    counts here, without :func:`read_row`'s calls: most rows are; the others by
    :func:`_read_row`); then the rows that read several ways, the cells rebuilt and the rows
    paired by position, by the identities."""
    part, matched, guessed, order, unit = block
    assert matched is not None
    every = leaf_names(part)
    row_paths, bounds, amounts = _layout(table, part.key, order)
    plain = not (amounts or guessed)
    pending: list[Pending] = []
    placed: list[tuple[tuple[str, ...], str, str, Line]] = []
    values_of, states_of = cells.values, cells.states
    all_plain, paired = matched.plain, matched.by_position
    rows = zip(row_paths, matched.rows, strict=True)
    for j, (paths, found) in enumerate(rows):
        if found is None:
            cells.note("row-missing", cells=paths)
            cells.blank(paths)
            continue
        by_position = j in paired
        if not (all_plain or by_position or label_matches(found.label, every[j])):
            cells.note("label-variant", found.line, text=found.label, cells=paths)
        if plain and not by_position:
            got = _plain_counts(found, len(paths))
            if got is not None:
                for path, value in zip(paths, got, strict=True):
                    values_of[path] = value
                    states_of[path] = READ
                continue
        row = _read_row(cells, judge, budget, found, paths, bounds, unit, amounts, guessed)
        if row is not None:
            (pending if judge is not None else cells.open).append(row)
        if by_position:
            placed.append((paths, found.label, " ".join(found.values), found.line))
    _by_identities(cells, judge, table, part, pending, placed)


def _plain_counts(found: Seen, width: int) -> list[CellValue] | None:
    """A printed row's values where they are the usual row of plain counts, as many as its
    cells (blank cells before them dropped, a label over two columns, as :func:`read_row` drops
    them, saying nothing); ``None`` for another row. The counts 0–999 as printed (most rows)
    by a look-up a cell; others by :func:`usual_row` and :func:`counts`."""
    usual = found.values
    if len(usual) > width and not any(usual[: len(usual) - width]):
        usual = usual[len(usual) - width :]
    if len(usual) != width or found.line.flat:  # (found.soft, without its call)
        return None
    got: list[CellValue] = list(map(COUNT_TEXTS.get, usual))
    if None in got:
        return counts(usual) if usual_row(usual, width, False) else None
    return got


def _read_row(
    cells: Cells,
    judge: Judge | None,
    budget: list[int],
    found: Seen,
    paths: tuple[str, ...],
    bounds: Sequence[Bounds],
    unit: str | None,
    amounts: bool,
    guessed: bool,
) -> Pending | None:
    """A printed row read into its cells (:func:`read_row`); where it reads several ways, its
    cells blank and the row to settle (:class:`Pending`)."""
    values = list(found.values)
    read = read_row(
        cells, judge, budget, values, paths, bounds, found.line, found.soft, unit, amounts
    )
    if read.candidates:
        cells.blank(paths)
        return Pending(paths, " ".join(values), found.line, read.candidates)
    _put(cells, paths, read, bounds, amounts, guessed)
    return None


def _by_identities(
    cells: Cells,
    judge: Judge | None,
    table: Table,
    part: Part,
    pending: list[Pending],
    placed: list[tuple[tuple[str, ...], str, str, Line]],
) -> None:
    """A block's rows that read several ways settled together, its cells rebuilt vouched for,
    its rows paired by position confirmed, by the table's identities (``judge``); without
    them, the rows paired by position guessed."""
    if pending and judge is not None:
        settle(cells, judge, pending)
    if judge is not None and REBUILT in cells.states.values():  # (nothing to vouch for else)
        vouch(cells, judge, block_paths(table)[part.key])
    if not placed:
        return
    if judge is not None:
        confirm(cells, judge, placed)
        return
    for row, label, _printed, line in placed:  # no totals to confirm it
        cells.note("row-by-position", line, text=label, cells=row, variant="untotalled")
        for path in row:
            cells.states[path] = GUESSED
