"""One grid per table: the official layout as cells with row and column spans.

Every renderer starts here. HTML writes the spans as they are; Markdown and plain text
:func:`flatten` them: header levels joined into one header row (``法人或其他组织 / 商业企业``),
row label levels joined into one label column, table 2's blocks as one table each.
"""

import enum
from collections.abc import Callable, Iterator
from operator import attrgetter

import attrs

from ..model import CellValue
from ..schema import Label, Part, Row, Table, table_of
from ..values import CellKind, check_lang, format_value

__all__ = [
    "Flat",
    "Grid",
    "GridCell",
    "Role",
    "RowKind",
    "Skeleton",
    "flatten",
    "skeleton",
    "table_grid",
    "tabulate_flat",
]


class Role(enum.Enum):
    """What a grid cell is, for styling and for flattening."""

    #: the note in table 3's top-left corner
    NOTE = "note"
    #: a header over several columns (申请人情况, 法人或其他组织, 行政诉讼 …)
    SPANNER = "spanner"
    #: a column header
    HEADER = "header"
    #: a full-width row label (第二十条第（X）项)
    BAND = "band"
    #: a row label
    LABEL = "label"
    #: a number
    VALUE = "value"


class RowKind(enum.Enum):
    BAND = "band"
    HEADER = "header"
    BODY = "body"


@attrs.frozen
class GridCell:
    text: str
    role: Role
    rowspan: int = 1
    colspan: int = 1
    #: a value cell's path in the table (e.g. ``withheld.state_secret.natural_person``)
    path: str | None = None
    kind: CellKind = CellKind.COUNT


@attrs.frozen
class Grid:
    """A table as rows of cells; each row lists only the cells that start in it."""

    #: ``disclosure``, ``requests`` or ``appeals``
    key: str
    #: the section heading above the table
    heading: str
    columns: int
    #: how many leading columns hold row labels
    label_columns: int
    rows: tuple[tuple[GridCell, ...], ...]
    kinds: tuple[RowKind, ...]
    #: for flat outputs, fold the single data row into rows of this many columns (table 4:
    #: one row per group), with the upper header levels as row labels
    fold: int | None = None


def _depth(rows: tuple[Row, ...]) -> int:
    """How many label levels a row tree has."""
    return max((1 + _depth(r.children) if r.children else 1 for r in rows), default=0)


def _leaf_count(row: Row) -> int:
    return sum(_leaf_count(c) for c in row.children) if row.children else 1


def _width(part: Part, labels: int) -> int:
    values = len(part.columns) * (len(part.leaves) if part.layout == "across" else 1)
    return (labels if part.layout == "rows" else 0) + values


class _Builder:
    """The grid of one table declaration (:class:`~opengovreport.schema.Table`), value cells
    empty: header rows from the columns' group labels (or, for a part laid out across, from
    the row tree), body rows from the row tree."""

    def __init__(self, table: Table, lang: str):
        self.table, self.lang = table, lang
        self.labels = max((_depth(p.rows) for p in table.parts if p.layout == "rows"), default=0)
        self.width = max(_width(p, self.labels) for p in table.parts)
        self.rows: list[tuple[GridCell, ...]] = []
        self.kinds: list[RowKind] = []

    def text(self, label: Label) -> str:
        return label.text(self.lang)

    def add(self, cells: list[GridCell], kind: RowKind) -> None:
        self.rows.append(tuple(cells))
        self.kinds.append(kind)

    def build(self) -> Grid:
        fold = None
        for part in self.table.parts:
            if part.band is not None:
                self.add(
                    [GridCell(self.text(part.band), Role.BAND, colspan=self.width)], RowKind.BAND
                )
            if part.layout == "across":
                self.across(part)
                fold = len(part.columns)
            else:
                self.header(part)
                self.body(part)
        labels = self.labels if any(p.layout == "rows" for p in self.table.parts) else 0
        return Grid(
            self.table.key,
            self.text(self.table.heading),
            self.width,
            labels,
            tuple(self.rows),
            tuple(self.kinds),
            fold,
        )

    def pad(self, part: Part) -> int:
        """How many grid columns the part's last column spans beyond its own (table 2's
        narrower blocks fill the table's width)."""
        return self.width - _width(part, self.labels)

    def header(self, part: Part) -> None:
        height = 1 + max((len(c.groups) for c in part.columns), default=0)
        pad = self.pad(part)
        for level in range(height):
            cells: list[GridCell] = []
            if level == 0 and self.labels:
                corner = "" if part.corner is None else self.text(part.corner)
                role = Role.HEADER if height == 1 else Role.NOTE
                cells.append(GridCell(corner, role, rowspan=height, colspan=self.labels))
            i = 0
            while i < len(part.columns):
                col = part.columns[i]
                last = i == len(part.columns) - 1
                if level < len(col.groups):
                    group = col.groups[: level + 1]
                    j = i
                    while (
                        j + 1 < len(part.columns)
                        and part.columns[j + 1].groups[: level + 1] == group
                    ):
                        j += 1
                    span = j - i + 1 + (pad if j == len(part.columns) - 1 else 0)
                    cells.append(GridCell(self.text(group[-1]), Role.SPANNER, colspan=span))
                    i = j + 1
                    continue
                if level == len(col.groups):
                    span = 1 + (pad if last else 0)
                    cells.append(
                        GridCell(
                            self.text(col.label), Role.HEADER, rowspan=height - level, colspan=span
                        )
                    )
                i += 1
            self.add(cells, RowKind.HEADER)

    def body(self, part: Part) -> None:
        pad = self.pad(part)
        prefix = part.key

        def walk(rows: tuple[Row, ...], level: int, path: str, pending: list[GridCell]) -> None:
            for row in rows:
                here = path if row.key is None else f"{path}.{row.key}".lstrip(".")
                if row.children:
                    cell = GridCell(self.text(row.label), Role.LABEL, rowspan=_leaf_count(row))
                    walk(row.children, level + 1, here, [*pending, cell])
                else:
                    label = GridCell(self.text(row.label), Role.LABEL, colspan=self.labels - level)
                    values = []
                    for i, col in enumerate(part.columns):
                        span = 1 + (pad if i == len(part.columns) - 1 else 0)
                        where = ".".join(x for x in (prefix, here, col.key) if x)
                        values.append(
                            GridCell("", Role.VALUE, colspan=span, path=where, kind=col.kind)
                        )
                    self.add([*pending, label, *values], RowKind.BODY)
                pending = []

        walk(part.rows, 0, "", [])

    def across(self, part: Part) -> None:
        """The rows side by side: their labels as header cells over the columns, then one row
        of every value."""
        n = len(part.columns)
        height = _depth(part.rows) + 1
        levels: list[list[GridCell]] = [[] for _ in range(height)]

        def walk(rows: tuple[Row, ...], level: int) -> None:
            for row in rows:
                if row.children:
                    span = _leaf_count(row) * n
                    levels[level].append(GridCell(self.text(row.label), Role.SPANNER, colspan=span))
                    walk(row.children, level + 1)
                else:
                    down = height - 1 - level
                    levels[level].append(
                        GridCell(self.text(row.label), Role.SPANNER, rowspan=down, colspan=n)
                    )

        walk(part.rows, 0)
        for _leaf in part.leaves:  # the columns again under every row
            for col in part.columns:
                levels[-1].append(GridCell(self.text(col.label), Role.HEADER))
        for cells in levels:
            self.add(cells, RowKind.HEADER)
        body = [
            GridCell(
                "",
                Role.VALUE,
                path=".".join(x for x in (part.key, leaf.path, col.key) if x),
                kind=col.kind,
            )
            for leaf in part.leaves
            for col in part.columns
        ]
        self.add(body, RowKind.BODY)


@attrs.frozen
class Skeleton:
    """A table's grid with every value cell empty, and how to fill it: built once per table
    declaration and language, so that rendering a table only reads and formats its values."""

    #: what the skeleton is of: the table's declaration and the language
    key: tuple[Table, str]
    grid: Grid
    #: reads every value of a table, in the order of the grid's value cells
    values: Callable[[object], tuple[CellValue, ...]]
    kinds: tuple[CellKind, ...]

    def texts(self, table: object) -> list[str]:
        """The printed text of every value cell of ``table``, in grid order."""
        return [format_value(v, k) for v, k in zip(self.values(table), self.kinds, strict=True)]

    def fill(self, table: object) -> Grid:
        texts = iter(self.texts(table))
        value = Role.VALUE
        rows = tuple(
            tuple(
                GridCell(next(texts), value, c.rowspan, c.colspan, c.path, c.kind)
                if c.role is value
                else c
                for c in row
            )
            for row in self.grid.rows
        )
        return attrs.evolve(self.grid, rows=rows)


#: each table declaration's skeleton, by language (the declaration is its own key)
_SKELETONS: dict[tuple[Table, str], Skeleton] = {}


def skeleton(table: object, lang: str = "zh") -> Skeleton:
    """The skeleton of a table object's grid (see :class:`Skeleton`)."""
    check_lang(lang)
    spec = table_of(table)
    key = (spec, lang)
    found = _SKELETONS.get(key)
    if found is None:  # made whole, then stored: a thread that reads it sees all of it
        grid = _Builder(spec, lang).build()
        cells = [c for row in grid.rows for c in row if c.role is Role.VALUE]
        paths = [c.path for c in cells if c.path is not None]
        assert len(paths) == len(cells)
        found = _SKELETONS[key] = Skeleton(
            key, grid, attrgetter(*paths), tuple(c.kind for c in cells)
        )
    return found


def table_grid(table: object, lang: str = "zh") -> Grid:
    """The grid of table 2, 3 or 4 in ``lang`` (``"zh"``: labels as printed; ``"en"``)."""
    return skeleton(table, lang).fill(table)


# --- flattening -----------------------------------------------------------------------------


@attrs.frozen
class Flat:
    """A flattened part of a grid: an optional title (a band row), one header row, body rows.
    ``label_column`` says whether the first column holds row labels."""

    title: str | None
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    label_column: bool

    @property
    def alignments(self) -> list[str]:
        """``left`` for the label column, ``right`` for the numbers."""
        labels = 1 if self.label_column else 0
        return ["left"] * labels + ["right"] * (len(self.header) - labels)


def _expand(grid: Grid) -> list[list[int]]:
    """For each grid position, the index of the cell covering it (cells numbered in order)."""
    matrix: list[list[int]] = [[-1] * grid.columns for _ in grid.rows]
    number = 0
    for r, row in enumerate(grid.rows):
        c = 0
        for cell in row:
            while matrix[r][c] != -1:
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    matrix[r + dr][c + dc] = number
            c += cell.colspan
            number += 1
    return matrix


def _cells(grid: Grid) -> list[GridCell]:
    return [cell for row in grid.rows for cell in row]


def _distinct(ids: list[int]) -> Iterator[int]:
    last = None
    for i in ids:
        if i != last:
            yield i
        last = i


def flatten(grid: Grid) -> tuple[Flat, ...]:
    """The grid as one or more flat tables (one per table 2 block)."""
    matrix = _expand(grid)
    cells = _cells(grid)
    segments: list[tuple[str | None, list[int], list[int]]] = []
    for r, kind in enumerate(grid.kinds):
        if kind is RowKind.BAND:
            segments.append((cells[matrix[r][0]].text, [], []))
        elif kind is RowKind.HEADER:
            if not segments or segments[-1][2]:
                segments.append((None, [], []))
            segments[-1][1].append(r)
        else:
            if not segments:
                segments.append((None, [], []))
            segments[-1][2].append(r)
    out = []
    value_columns = grid.columns - grid.label_columns
    for title, header_rows, body_rows in segments:
        rows = header_rows + body_rows
        # value columns covered by the same cells in every row are one column
        groups: list[list[int]] = []
        for c in range(grid.label_columns, grid.columns):
            if groups and all(matrix[r][c] == matrix[r][groups[-1][0]] for r in rows):
                groups[-1].append(c)
            else:
                groups.append([c])

        def header_text(columns: list[int], header_rows: list[int] = header_rows) -> str:
            ids = [matrix[r][c] for r in header_rows for c in columns]
            parts = []
            for i in _distinct(ids):
                cell = cells[i]
                full_width = cell.colspan >= value_columns > 1 and cell.role is Role.SPANNER
                if cell.text and not full_width and cell.text not in parts:
                    parts.append(cell.text)
            return " / ".join(parts)

        label = grid.label_columns > 0
        header = ([header_text(list(range(grid.label_columns)))] if label else []) + [
            header_text(g) for g in groups
        ]
        body = []
        for r in body_rows:
            line = []
            if label:
                ids = list(_distinct([matrix[r][c] for c in range(grid.label_columns)]))
                line.append(" / ".join(cells[i].text for i in ids if cells[i].text))
            line.extend(cells[matrix[r][g[0]]].text for g in groups)
            body.append(tuple(line))
        flat = Flat(title, tuple(header), tuple(body), label)
        out.append(_fold(flat, grid.fold) if grid.fold else flat)
    return tuple(out)


def tabulate_flat(flat: Flat, cell: Callable[[str], str], tablefmt: str) -> str:
    """A flat table through tabulate: every text through ``cell`` (the format's escaping),
    numbers as printed (never re-read), labels left and numbers right."""
    from tabulate import tabulate

    table: str = tabulate(
        [[cell(c) for c in row] for row in flat.rows],
        headers=[cell(h) for h in flat.header],
        tablefmt=tablefmt,
        disable_numparse=True,
        colalign=flat.alignments,
    )
    return table


def _fold(flat: Flat, width: int) -> Flat:
    """One data row of groups × ``width`` columns as one row per group. Each flattened header
    is ``<group levels> / <column>``; the group part becomes the row label."""
    (row,) = flat.rows
    columns, rows = [], []
    for start in range(0, len(row), width):
        heads = flat.header[start : start + width]
        group, _, _ = heads[0].rpartition(" / ")
        columns = [h.rpartition(" / ")[2] for h in heads]
        rows.append((group, *row[start : start + width]))
    return Flat(flat.title, ("", *columns), tuple(rows), True)
