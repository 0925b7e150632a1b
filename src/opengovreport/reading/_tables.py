"""Tables 2 and 3 of a shape, in two steps: *match* — the printed rows matched to the shape's
rows by label, its blocks and columns to the printed bands and header, and how well the shape
fits what is printed (the cells its rows hold that were found by their labels, less those of
rows printed that it has no place for and of its rows not found); then *read* — each matched
row's values reconciled into its cells (only for the shape chosen).
"""

import functools
from collections.abc import Sequence
from typing import NamedTuple

from ..model import CellValue
from ..schema import Part, Shape, Table, shapes
from ..values import Bounds, CellKind
from ._columns import column_order, stated_unit
from ._lines import Line
from ._match import RowMatch, label_matches, leaf_names, match_rows, names_any
from ._norm import core, declared, squash
from ._reconcile import GUESSED, READ, REBUILT, Cells, Judge, Pending, confirm, settle, vouch
from ._result import Diagnostic
from ._rows import RowRead, counts, read_row, typed, usual_row
from ._tokens import LineTokens, Seen, column_rows, grid_rows, header_text, sentence, stream_rows

__all__ = ["Matched", "Printed", "TableReading", "match2", "match3", "read_matched"]


class TableReading(NamedTuple):
    """A table of a shape read: each cell's value and state, the notes, and the rows that
    read several ways with nothing in the table to settle them."""

    cells: dict[str, CellValue]
    states: dict[str, str]
    notes: list[Diagnostic]
    open: tuple[Pending, ...] = ()


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


@functools.cache
def _every_row(
    registered: tuple[Shape, ...], number: int, band: str
) -> tuple[tuple[str, ...], ...]:
    """The names of every row of table ``number`` (of its block under ``band``) in every
    registered shape: words that hold one start a printed row."""
    out: dict[tuple[str, ...], None] = {}
    for shape in registered:
        for part in shape.numbered(number).parts:
            if band and (part.band is None or declared(part.band.zh) != band):
                continue
            for each in leaf_names(part):
                out[each] = None
    return tuple(out)


class Printed:
    """The printed rows of a document's tables, made once whatever shapes are weighed (by
    table, block and width)."""

    def __init__(self, stream: bool, tokens: LineTokens | None = None):
        self.stream = stream
        #: each line's tokens, made once for the document (shared with table 4's reading)
        self.tokens = tokens if tokens is not None else LineTokens()
        self._rows: dict[tuple[int, str, int, tuple[int, int]], list[Seen]] = {}

    def rows(
        self,
        lines: Sequence[Line],
        width: int,
        number: int,
        band: str = "",
        span: tuple[int, int] = (0, 0),
    ) -> list[Seen]:
        """The rows printed in ``lines`` — table ``number``'s part, or the lines ``span`` of it
        under a block's ``band`` — (grid rows where the source has cells; else runs of words
        and numbers, a row starting at words that name a row of any registered shape)."""
        key = (number, band, width, span)
        found = self._rows.get(key)
        if found is None:
            found = grid_rows(lines, width) if not self.stream else []
            if not found:
                every = _every_row(shapes(), number, band)
                found = stream_rows(
                    lines, width, lambda words: names_any(words, every), self.tokens
                )
            self._rows[key] = found
        return found

    def columns(self, lines: Sequence[Line], width: int, number: int) -> list[Seen] | None:
        """The rows of table ``number`` where it is printed column by column (labels first,
        then each column's values), or ``None``."""
        key = (number, "columns", width, (0, 0))
        if key not in self._rows:
            every = _every_row(shapes(), number, "")
            found = column_rows(
                lines,
                width,
                lambda words: names_any(words, every),
                lambda words: is_header(words, number),
                self.tokens,
            )
            self._rows[key] = found or []
        return self._rows[key] or None


@functools.cache
def _header_cores(registered: tuple[Shape, ...], number: int) -> tuple[str, ...]:
    """The cores of every column label and column group of table ``number``, longest first."""
    out = {
        core(label.zh)
        for shape in registered
        for part in shape.numbered(number).parts
        for column in part.columns
        for label in (column.label, *column.groups)
    }
    return tuple(sorted(filter(None, out), key=len, reverse=True))


def is_header(words: str, number: int) -> bool:
    """Whether ``words`` are only column headers of table ``number`` (自然人, 法人或其他组织 /
    商业企业, 其他, 总计)."""
    rest = core(words)
    for name in _header_cores(shapes(), number):
        rest = rest.replace(name, "")
    return not rest


def _paths(table: Table, part: Part, leaf_path: str) -> tuple[str, ...]:
    """The paths of a row's cells, in column order."""
    return _table_paths(table)[(part.key, leaf_path)]


@functools.cache
def _table_paths(table: Table) -> dict[tuple[str | None, str], tuple[str, ...]]:
    """The paths of each row's cells of ``table`` (made once: a table hashes cheaply, its
    parts do not)."""
    out = {}
    for part in table.parts:
        prefix = f"{table.key}.{part.key}." if part.key else f"{table.key}."
        for leaf in part.leaves:
            out[(part.key, leaf.path)] = tuple(f"{prefix}{leaf.path}.{c.key}" for c in part.columns)
    return out


@functools.cache
def _block_paths(table: Table) -> dict[str | None, tuple[str, ...]]:
    """The paths of each part's cells of ``table``, row by row (made once)."""
    paths = _table_paths(table)
    return {
        part.key: tuple(p for leaf in part.leaves for p in paths[(part.key, leaf.path)])
        for part in table.parts
    }


def _match(
    notes: list[Diagnostic], rows: list[Seen], part: Part, stream: bool, number: int
) -> RowMatch:
    matched = match_rows(rows, leaf_names(part), stream)
    line = rows[0].line.number if rows else None
    if matched.labels_after:
        notes.append(Diagnostic.of("labels-after", line=line, table=number))
    if matched.reordered:
        notes.append(Diagnostic.of("row-order", line=line, table=number))
    return matched


def _fit(matched: RowMatch, width: int, guessed: bool) -> int:
    """The cells of the rows found by label (none where the columns are guessed), less those
    of the rows not found and of the printed rows matched to none."""
    found = sum(
        1 for j, row in enumerate(matched.rows) if row is not None and j not in matched.by_position
    )
    missing = sum(1 for row in matched.rows if row is None)
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
        paths = _block_paths(table)[part.key]
        notes.append(
            Diagnostic.of("rebuilt", line=rows[0].line.number, cells=paths, variant="columns")
        )
    matched = _match(notes, rows, part, printed.stream, 3)
    for row in matched.unmatched:
        text = " ".join([row.label, *row.values])
        notes.append(Diagnostic.of("row-dropped", line=row.line.number, table=3, text=text))
    fit = _fit(matched, len(part.columns), False)
    order = _order(notes, header_text(lines, rows), part, rows[0].line if rows else None, 3)
    return Matched(table, [Block(part, matched, False, order)], notes, fit)


def _order(
    notes: list[Diagnostic], header: str, part: Part, line: Line | None, number: int
) -> tuple[int, ...] | None:
    """The shape's column under each printed position where the header prints the columns in
    another order than the format's (noted); ``None`` where it prints them in the format's
    order, or does not name them (a warning: their order is the format's)."""
    order = column_order(header, part.columns)
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
        paths = _block_paths(table)[part.key]
        if key not in spans:
            notes.append(Diagnostic.of("block-missing", cells=paths))
            blocks.append(Block(part, None, False))
            fit -= len(paths)
            continue
        begin, end = spans[key]
        body = [ln for ln in lines[begin + 1 : end] if not sentence(ln)]
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
        matched = _match(notes, rows, part, printed.stream, 2)
        for row in matched.unmatched:
            text = " ".join([row.label, *row.values])
            notes.append(Diagnostic.of("row-ignored", line=row.line.number, cells=paths, text=text))
        blocks.append(Block(part, matched, guessed, None, stated_unit(header)))
        fit += _fit(matched, width, guessed)
    return Matched(table, blocks, notes, fit)


def read_matched(matched: Matched, judge: Judge | None, budget: list[int]) -> TableReading:
    """The cells of a matched table: each matched row's values reconciled into its cells, the
    rows that read several ways settled together, the rows paired by position confirmed by the
    identities (``judge``; table 2 has none)."""
    cells = Cells()
    cells.notes.extend(matched.notes)
    for block in matched.blocks:
        if block.matched is None:
            part = block.part
            cells.blank(_block_paths(matched.table)[part.key])
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


def _read_rows(
    cells: Cells, judge: Judge | None, budget: list[int], table: Table, block: Block
) -> None:
    """Each row of a block read from the printed row matched to it."""
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
    paths_of = _table_paths(table)
    values_of, states_of = cells.values, cells.states
    for j, (leaf, found) in enumerate(zip(part.leaves, matched.rows, strict=True)):
        paths = paths_of[(part.key, leaf.path)]
        if order is not None:
            paths = tuple(paths[k] for k in order)
        if found is None:
            cells.note("row-missing", cells=paths)
            cells.blank(paths)
            continue
        by_position = j in matched.by_position
        if not (matched.plain or by_position or label_matches(found.label, every[j])):
            cells.note("label-variant", found.line, text=found.label, cells=paths)
        values = list(found.values)
        if plain and not by_position:
            usual = values
            if len(values) > len(paths) and not any(values[: len(values) - len(paths)]):
                # blank cells before the counts (a label over two columns): read_row drops
                # them, saying nothing
                usual = values[len(values) - len(paths) :]
            if usual_row(usual, len(paths), found.soft):
                # most rows: read_row's first case, without its calls (as many values as paths)
                for path, value in zip(paths, counts(usual), strict=True):
                    values_of[path] = value
                    states_of[path] = READ
                continue
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
    if pending and judge is not None:
        settle(cells, judge, pending)
    if judge is not None and REBUILT in cells.states.values():  # (nothing to vouch for else)
        vouch(cells, judge, _block_paths(table)[part.key])
    if not placed:
        return
    if judge is not None:
        confirm(cells, judge, placed)
        return
    for paths, label, _printed, line in placed:  # no totals to confirm it
        cells.note("row-by-position", line, text=label, cells=paths, variant="untotalled")
        for path in paths:
            cells.states[path] = GUESSED
