"""A matched table's cells (tables 2 and 3 of the shape chosen): each matched row's values
reconciled into its cells (:mod:`._rows`), the rows that read several ways settled together and
the rows paired by position confirmed by the table's identities (:mod:`._reconcile`)."""

from collections.abc import Sequence
from typing import NamedTuple

from ..model import CellValue
from ..schema import Part, Table
from ..values import Bounds, CellKind
from ._lines import Line
from ._match import label_matches, leaf_names
from ._reconcile import GUESSED, READ, REBUILT, Cells, Judge, Pending, confirm, settle, vouch
from ._result import Diagnostic
from ._rows import RowRead, counts, read_row, typed, usual_row
from ._tables import Block, Matched, block_paths, table_paths
from ._tokens import Seen

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


def _row_paths(table: Table, part: Part, order: tuple[int, ...] | None) -> list[tuple[str, ...]]:
    """The paths of each row's cells of a block, in the order its values are printed."""
    paths_of = table_paths(table)
    rows = [paths_of[(part.key, leaf.path)] for leaf in part.leaves]
    if order is None:
        return rows
    return [tuple(paths[k] for k in order) for paths in rows]


def _usual(cells: Cells, paths: Sequence[str], found: Seen) -> bool:
    """Whether a printed row is the usual row of plain counts, as many as its cells (blank
    cells before them, a label over two columns, dropped as :func:`read_row` drops them, saying
    nothing): read here, without :func:`read_row`'s calls (most rows are)."""
    values = found.values
    if len(values) > len(paths) and not any(values[: len(values) - len(paths)]):
        values = values[len(values) - len(paths) :]
    if not usual_row(values, len(paths), found.soft):
        return False
    values_of, states_of = cells.values, cells.states
    for path, value in zip(paths, counts(values), strict=True):
        values_of[path] = value
        states_of[path] = READ
    return True


def _read_rows(
    cells: Cells, judge: Judge | None, budget: list[int], table: Table, block: Block
) -> None:
    """Each row of a block read from the printed row matched to it; then the rows that read
    several ways, the cells rebuilt and the rows paired by position, by the identities."""
    part, matched, guessed, order, unit = block
    assert matched is not None
    every = leaf_names(part)
    bounds = [c.bounds for c in part.columns]
    if order is not None:  # the values as printed, each under its own header
        bounds = [bounds[k] for k in order]
    amounts = any(b.kind is CellKind.AMOUNT for b in bounds)
    plain = not (amounts or guessed)
    pending: list[Pending] = []
    placed: list[tuple[tuple[str, ...], str, str, Line]] = []
    for j, (paths, found) in enumerate(
        zip(_row_paths(table, part, order), matched.rows, strict=True)
    ):
        if found is None:
            cells.note("row-missing", cells=paths)
            cells.blank(paths)
            continue
        by_position = j in matched.by_position
        if not (matched.plain or by_position or label_matches(found.label, every[j])):
            cells.note("label-variant", found.line, text=found.label, cells=paths)
        if plain and not by_position and _usual(cells, paths, found):
            continue
        values = list(found.values)
        read = read_row(
            cells, judge, budget, values, paths, bounds, found.line, found.soft, unit, amounts
        )
        if read.candidates:
            row = Pending(paths, " ".join(values), found.line, read.candidates)
            (pending if judge is not None else cells.open).append(row)
            cells.blank(paths)
        else:
            _put(cells, paths, read, bounds, amounts, guessed)
        if by_position:
            placed.append((paths, found.label, " ".join(values), found.line))
    _by_identities(cells, judge, block_paths(table)[part.key], pending, placed)


def _by_identities(
    cells: Cells,
    judge: Judge | None,
    paths: Sequence[str],
    pending: list[Pending],
    placed: list[tuple[tuple[str, ...], str, str, Line]],
) -> None:
    """A block's rows that read several ways settled together, its cells rebuilt vouched for,
    its rows paired by position confirmed, by the table's identities (``judge``); without
    them, the rows paired by position guessed."""
    if pending and judge is not None:
        settle(cells, judge, pending)
    if judge is not None and REBUILT in cells.states.values():  # (nothing to vouch for else)
        vouch(cells, judge, paths)
    if not placed:
        return
    if judge is not None:
        confirm(cells, judge, placed)
        return
    for row, label, _printed, line in placed:  # no totals to confirm it
        cells.note("row-by-position", line, text=label, cells=row, variant="untotalled")
        for path in row:
            cells.states[path] = GUESSED
