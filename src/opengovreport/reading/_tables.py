"""Tables 2 and 3 of one shape read from their lines: printed rows matched to the shape's rows
by label, each row's values reconciled into its cells, and how well the shape fits what is
printed (the cells its rows hold that were found by their labels, less those of rows printed
that it has no place for and of its rows not found).
"""

import functools
from collections.abc import Sequence
from typing import NamedTuple

from ..model import CellValue
from ..schema import Part, Shape, Table, shapes
from ._lines import Line
from ._match import RowMatch, label_matches, leaf_names, match_rows, names_any
from ._norm import core, squash
from ._reconcile import (
    GUESSED,
    READ,
    REBUILT,
    Cells,
    Judge,
    Pending,
    confirm,
    read_row,
    settle,
    typed,
)
from ._result import Diagnostic
from ._tokens import Seen, grid_rows, header_text, sentence, stream_rows

__all__ = ["TableReading", "printed_rows", "table2", "table3"]


class TableReading(NamedTuple):
    """A table of a shape read: each cell's value and state, the notes, and the fit."""

    cells: dict[str, CellValue]
    states: dict[str, str]
    notes: list[Diagnostic]
    fit: int


@functools.cache
def _every_row(
    registered: tuple[Shape, ...], number: int, band: str
) -> tuple[tuple[str, ...], ...]:
    """The names of every row of table ``number`` (of its block under ``band``) in every
    registered shape: words that hold one start a printed row."""
    out: dict[tuple[str, ...], None] = {}
    for shape in registered:
        for part in shape.numbered(number).parts:
            if band and (part.band is None or squash(part.band.zh) != band):
                continue
            for each in leaf_names(part.leaves):
                out[each] = None
    return tuple(out)


def printed_rows(
    lines: Sequence[Line], stream: bool, width: int, number: int, band: str = ""
) -> list[Seen]:
    """The rows printed in ``lines`` (grid rows where the source has cells; else runs of words
    and numbers, a row starting at words that name a row of any registered shape)."""
    rows = grid_rows(lines, width) if not stream else []
    if not rows:
        every = _every_row(shapes(), number, band)
        rows = stream_rows(lines, width, lambda words: names_any(words, every))
    return rows


def _paths(table: Table, part: Part, leaf_path: str) -> tuple[str, ...]:
    prefix = f"{table.key}.{part.key}." if part.key else f"{table.key}."
    return tuple(f"{prefix}{leaf_path}.{c.key}" for c in part.columns)


def _rows(
    cells: Cells,
    judge: Judge | None,
    budget: list[int],
    matched: RowMatch,
    table: Table,
    part: Part,
    guessed: bool,
) -> int:
    """Each row of ``part`` read from the printed row matched to it; the fit of the rows."""
    every = leaf_names(part.leaves)
    bounds = [c.bounds for c in part.columns]
    width = len(part.columns)
    fit = 0
    pending: list[Pending] = []
    placed: list[tuple[tuple[str, ...], str, str, Line]] = []
    for j, (leaf, found) in enumerate(zip(part.leaves, matched.rows, strict=True)):
        paths = _paths(table, part, leaf.path)
        if found is None:
            cells.note("row-missing", cells=paths)
            cells.blank(paths)
            fit -= width
            continue
        by_position = j in matched.by_position
        if not by_position and not label_matches(found.label, every[j]):
            cells.note("label-variant", found.line, text=found.label, cells=paths)
        read = read_row(
            cells, judge, budget, list(found.values), paths, bounds, found.line, found.soft
        )
        if read.candidates:
            pending.append(Pending(paths, " ".join(found.values), found.line, read.candidates))
            cells.blank(paths)
        else:
            for path, value, state, b in zip(paths, read.values, read.states, bounds, strict=True):
                cells.values[path] = typed(value, b)
                cells.states[path] = GUESSED if guessed and state in (READ, REBUILT) else state
        if by_position:
            placed.append((paths, found.label, " ".join(found.values), found.line))
        elif not guessed:
            fit += width
    if pending and judge is not None:
        settle(cells, judge, pending)
    if placed:
        if judge is not None:
            confirm(cells, judge, placed)
        else:  # no totals to confirm it
            for paths, label, _printed, line in placed:
                cells.note("row-by-position", line, text=label, cells=paths, variant="untotalled")
                for path in paths:
                    cells.states[path] = GUESSED
    return fit - width * len(matched.unmatched)


def _matched(cells: Cells, rows: list[Seen], part: Part, stream: bool, table: int) -> RowMatch:
    matched = match_rows(rows, leaf_names(part.leaves), stream)
    line = rows[0].line if rows else None
    if matched.labels_after:
        cells.note("labels-after", line, table=table)
    if matched.reordered:
        cells.note("row-order", line, table=table)
    return matched


def table3(
    lines: Sequence[Line], stream: bool, shape: Shape, judge: Judge, budget: list[int]
) -> TableReading:
    """Table 3 of ``shape``, read from its part's lines."""
    table = shape.numbered(3)
    part = table.parts[0]
    cells = Cells()
    rows = printed_rows(lines, stream, len(part.columns), 3)
    matched = _matched(cells, rows, part, stream, 3)
    for row in matched.unmatched:
        cells.note("row-dropped", row.line, table=3, text=" ".join([row.label, *row.values]))
    fit = _rows(cells, judge, budget, matched, table, part, guessed=False)
    return TableReading(cells.values, cells.states, cells.notes, fit)


def _blocks(lines: Sequence[Line], table: Table) -> dict[str, tuple[int, int]]:
    """Where each block of table 2 stands in ``lines``: (its band's line, the next band's)."""
    markers = [(str(b.key), squash(b.band.zh)) for b in table.parts if b.band is not None]
    spans: list[tuple[str, int]] = []
    for i, line in enumerate(lines):
        if "第二十条" not in line.text:  # every block's band starts so
            continue
        text = squash(line.text)
        key = next((k for k, marker in markers if marker in text), None)
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
    known = {core(c.label.zh) for s in shapes() for p in s.numbered(2).parts for c in p.columns}
    return False if any(k in seen for k in known) else None


def table2(lines: Sequence[Line], stream: bool, shape: Shape, budget: list[int]) -> TableReading:
    """Table 2 of ``shape``: each block under its band (第二十条第（X）项), its rows by label,
    its columns as its header names them."""
    table = shape.numbered(2)
    cells = Cells()
    spans = _blocks(lines, table)
    fit = 0
    for part in table.parts:
        key = str(part.key)
        width = len(part.columns)
        block_paths = [p for leaf in part.leaves for p in _paths(table, part, leaf.path)]
        band = part.band.zh if part.band is not None else key
        if key not in spans:
            cells.note("block-missing", cells=tuple(block_paths))
            cells.blank(block_paths)
            fit -= len(block_paths)
            continue
        begin, end = spans[key]
        body = [ln for ln in lines[begin + 1 : end] if not sentence(ln)]
        rows = printed_rows(body, stream, width, 2, squash(band))
        found = _columns_found(header_text(body, rows), part)
        if found is False:
            cells.note(
                "columns-unmatched",
                lines[begin],
                text=header_text(body, rows)[:60],
                cells=tuple(block_paths),
                expected=" ".join(c.label.zh for c in part.columns),
            )
        matched = _matched(cells, rows, part, stream, 2)
        for row in matched.unmatched:
            cells.note(
                "row-ignored",
                row.line,
                cells=tuple(block_paths),
                text=" ".join([row.label, *row.values]),
            )
        fit += _rows(cells, None, budget, matched, table, part, guessed=found is False)
    return TableReading(cells.values, cells.states, cells.notes, fit)
