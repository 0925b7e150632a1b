"""Table 4 read from its lines: one row of fifteen values under a header that names three groups
(or a group a row, as converters print it), the groups placed by their names, the values read
by the group totals where they run together or come scrambled."""

import functools
from collections.abc import Sequence

from ..schema import Column, Leaf, Shape, Table
from ..values import Bounds, CellKind
from ._columns import positions, repeated_order
from ._front import DATE, ends_sentence
from ._grid_rows import row_cells
from ._lines import Line
from ._match import match_rows
from ._norm import core, declared, squash
from ._printed import Printed
from ._reconcile import GUESSED, READ, REBUILT, Cells, Judge, ambiguous
from ._rows import COUNT_TEXTS, cell_value, fit, window
from ._runs import BudgetError, readings
from ._table_cells import TableReading
from ._tokens import Token
from ._values import glued_mark

__all__ = ["table4"]


def _has_values(line: Line, printed: Printed) -> bool:
    if not printed.stream:
        return bool(line.row and row_cells(line, 15)[1])
    return any(t.value for t in printed.tokens(line))


def _lines(lines: Sequence[Line], printed: Printed) -> tuple[list[Line], list[Line]]:
    """Table 4's header lines (before its first value) and the lines of its values (to the first
    sentence or date after them)."""
    header: list[Line] = []
    body: list[Line] = []
    for line in lines:
        has_values = _has_values(line, printed)
        if not body and not has_values:
            header.append(line)
            continue
        text = line.text.strip()
        if body and not has_values and (ends_sentence(text) or DATE.match(text) or len(text) > 40):
            break
        if DATE.match(text):
            break
        body.append(line)
    return header, body


def _group_rows(
    cells: Cells, body: list[Line], leaves: Sequence[Leaf], width: int, printed: Printed
) -> list[int] | None:
    """Table 4 printed a group a row (行政复议 | 9 | 2 | …), as converters and this library's
    text and Markdown print it: the group of each printed row, by its label; ``None`` where it
    is not so printed."""
    rows = Printed(printed.stream, printed.tokens).rows(body, width, 4)
    if len(rows) != len(leaves) or not all(r.label and len(r.values) == width for r in rows):
        return None
    matched = match_rows(rows, [(core(leaf.label.zh),) for leaf in leaves], stream=False)
    if any(r is None for r in matched.rows) or matched.by_position:
        return None
    order = [next(j for j, r in enumerate(matched.rows) if r is row) for row in rows]
    if matched.reordered:
        named = " ".join(leaves[k].label.zh for k in order)
        cells.note("table4-order", rows[0].line, table=4, order=named, variant="labels")
    return order


def _group_order(cells: Cells, header: list[Line], leaves: Sequence[Leaf]) -> list[int] | None:
    """The order of table 4's groups as its header prints them (行政复议, 未经复议直接起诉,
    复议后起诉), with a warning where it is not the format's; ``None`` where the header
    does not name them all."""
    text = squash(" ".join(ln.text for ln in header))
    names = [declared(leaf.label.zh) for leaf in leaves]
    at = positions(text, names)
    if at is None:
        return None
    order = sorted(range(len(names)), key=lambda k: at[k])
    if order != list(range(len(names))):
        printed = " ".join(leaves[k].label.zh for k in order)
        cells.note("table4-order", header[0] if header else None, table=4, order=printed)
    return order


def _inner(cells: Cells, header: list[Line], columns: Sequence[Column]) -> list[int]:
    """The order of each group's columns as the header prints them (结果维持 … 总计 under
    each group), noted where it is not the format's."""
    order = repeated_order(" ".join(ln.text for ln in header), columns)
    if order is None or order == tuple(range(len(columns))):
        return list(range(len(columns)))
    printed = " ".join(columns[k].label.zh for k in order)
    cells.note("column-order", header[0] if header else None, table=4, order=printed)
    return list(order)


def _values(
    body: list[Line], size: int, printed: Printed, cells: Cells, paths: list[str], judge: Judge
) -> tuple[list[tuple[str, Line]], bool]:
    """Table 4's printed values in order, each with its line, and whether the values kept of a
    line printing more than the table's cells were the ones its identities confirm
    (:func:`._rows.window`)."""
    values: list[tuple[str, Line]] = []
    sure = True
    for line in body:
        if printed.stream:
            tokens = printed.tokens(line)
            row = _stream_values(tokens)
            if (
                not values
                and row
                and not any(t.text.isdigit() or t.text[:1].isdigit() for t in tokens if t.value)
            ):
                continue  # only numbers that cannot be read: words before the values
        else:
            if not line.row:
                continue
            _label, row = row_cells(line, size)
            if len(row) > size:
                start, kept_sure = window(judge, row, paths)
                row = fit(cells, row, paths, line, start)
                sure = sure and kept_sure
        values.extend((v, line) for v in row)
    return values, sure


def _stream_values(tokens: Sequence[Token]) -> list[str]:
    """A line's values in a run of words and numbers, a blank cell's mark glued after the
    words before a value among them (``…总计— 246 — 6``: the table's first cell)."""
    row = []
    for at, token in enumerate(tokens):
        if token.value:
            row.append(token.text)
        elif at + 1 < len(tokens) and tokens[at + 1].value:
            mark = glued_mark(token.text)[1]
            if mark:
                row.append(mark)
    return row


@functools.cache
def _printed_cells(
    table: Table, order: tuple[int, ...], inner: tuple[int, ...]
) -> tuple[tuple[str, ...], tuple[Bounds, ...]]:
    """Table 4's cells in printed order — the groups as the header orders them (``order``), and
    their columns (``inner``) — and their bounds (made once an order)."""
    part = table.parts[0]
    columns = [part.columns[k] for k in inner]
    leaves = part.leaves
    paths = tuple(f"{table.key}.{leaves[g].path}.{c.key}" for g in order for c in columns)
    return paths, tuple(c.bounds for _ in order for c in columns)


def table4(
    lines: Sequence[Line], printed: Printed, shape: Shape, judge: Judge, budget: list[int]
) -> tuple[TableReading, int]:
    """Table 4 of ``shape``, read from its part's lines, and its fit (its cells read, less
    those missing); ``printed``: the document's printed rows and its lines' tokens."""
    table = shape.numbered(4)
    part = table.parts[0]
    leaves = part.leaves
    width = len(part.columns)
    size = width * len(leaves)
    cells = Cells()
    header, body = _lines(lines, printed)
    order = _group_rows(cells, body, leaves, width, printed)
    if order is None:
        order = _group_order(cells, header, leaves) or list(range(len(leaves)))
    inner = _inner(cells, header, part.columns)
    printed_paths, bounds = _printed_cells(table, tuple(order), tuple(inner))
    paths = list(printed_paths)
    values, sure = _values(body, size, printed, cells, paths, judge)
    cells.blank(paths)
    texts = [v for v, _ in values]
    first = values[0][1] if values else None
    if 0 < len(values) < size and all(t.isdigit() and t.isascii() for t in texts):
        fit = _run_together(cells, judge, budget, texts, paths, first)
        return TableReading(cells.values, cells.states, cells.notes), fit
    if len(values) != size:
        cells.note(
            "cells-missing" if len(values) < size else "cells-extra",
            first,
            cells=tuple(paths),
            count=len(values),
            expected=size,
        )
    values_of, states_of = cells.values, cells.states
    for path, b, (text, line) in zip(paths, bounds, values, strict=False):
        count = COUNT_TEXTS.get(text)
        if count is not None and b.kind is not CellKind.AMOUNT:  # cell_value's usual cell
            values_of[path], states_of[path] = count, READ
        else:
            values_of[path], states_of[path] = cell_value(cells, text, b, path, line)
        if (not sure or len(values) != size) and states_of[path] == READ:
            states_of[path] = GUESSED  # (fewer or more values than cells: in order, unconfirmed)
    if len(values) == size and printed.stream:
        _scrambled(cells, judge, paths, texts, first)
    return TableReading(cells.values, cells.states, cells.notes), size - abs(size - len(values))


def _run_together(
    cells: Cells,
    judge: Judge,
    budget: list[int],
    texts: list[str],
    paths: list[str],
    first: Line | None,
) -> int:
    """Table 4's values fewer than its cells, runs of digits: the one reading the group totals
    allow, rebuilt; else its cells blank with the readings listed. Its fit: its cells, or less
    its cells where they are blank."""
    size = len(paths)
    try:
        found = readings(texts, size, judge.within(paths), budget)
    except BudgetError:
        cells.note(
            "rebuild-ambiguous",
            first,
            text=" ".join(texts),
            cells=tuple(paths),
            variant="budget",
        )
        return -size
    if len(found) == 1:
        cells.note(
            "rebuilt",
            first,
            text=" ".join(texts),
            cells=tuple(paths),
            read=" ".join(map(str, found[0])),
        )
        cells.put(paths, found[0], REBUILT)
        return size
    ambiguous(cells, found, " ".join(texts), paths, first)
    return -size


def _scrambled(
    cells: Cells, judge: Judge, paths: list[str], texts: list[str], first: Line | None
) -> None:
    """Table 4's values one a line, in an order its group totals reject: the order a converter
    scrambles them into (column by column), where its totals accept it."""
    failed, _judged = judge.verdict(cells.values, paths)
    groups = len(paths) // 5 if len(paths) % 5 == 0 else 0
    if not failed or not groups or not all(t.isdigit() and t.isascii() for t in texts):
        return
    width = len(paths) // groups
    index = [c * groups + g for g in range(groups) for c in range(width)]
    trial = dict(zip(paths, (int(texts[i]) for i in index), strict=True))
    if not judge.verdict(trial, paths)[0]:
        cells.put(paths, [trial[p] for p in paths], REBUILT)
        cells.note("rebuilt", first, text=" ".join(texts), cells=tuple(paths), variant="columns")
