"""One grid per table: the official layout as cells with row and column spans.

Every renderer starts here. HTML writes the spans as they are; Markdown and plain text
:func:`flatten` them: header levels joined into one header row (``法人或其他组织 / 商业企业``),
row label levels joined into one label column, table 2's blocks as one table each.
"""

import enum
from collections.abc import Callable, Iterator
from decimal import Decimal
from operator import attrgetter

import attrs

from ..model import Appeals, CellValue, Disclosure, Disclosure2019, Requests, iter_cells
from ..schema import (
    INFO_CONTENT,
    SECTIONS,
    TABLE3_APPLICANT,
    TABLE3_COLUMNS,
    TABLE3_NOTE,
    TABLE4_COLUMNS,
    TABLE4_GROUPS,
    CellKind,
    Edition,
    RowSpec,
    disclosure_blocks,
    table3_rows,
)

__all__ = [
    "Flat",
    "Grid",
    "GridCell",
    "Role",
    "RowKind",
    "Skeleton",
    "flatten",
    "format_value",
    "skeleton",
    "table_grid",
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


def format_value(value: CellValue, kind: CellKind) -> str:
    """A cell as printed: blank is empty, 0 is 0, 本年增/减 carries its sign, amounts as given."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if kind is CellKind.SIGNED and isinstance(value, int) and value > 0:
        return f"+{value}"
    return str(value)


def _heading(key: str, lang: str) -> str:
    return next(s.heading.text(lang) for s in SECTIONS if s.key == key)


def _disclosure_grid(table: Disclosure, lang: str) -> Grid:
    edition = Edition.E2019 if isinstance(table, Disclosure2019) else Edition.E2021
    blocks = disclosure_blocks(edition)
    width = max(len(b.columns) for b in blocks)
    rows: list[tuple[GridCell, ...]] = []
    kinds: list[RowKind] = []
    for block in blocks:
        rows.append((GridCell(block.label.text(lang), Role.BAND, colspan=width + 1),))
        kinds.append(RowKind.BAND)
        pad = width - len(block.columns)
        header = [GridCell(INFO_CONTENT.text(lang), Role.HEADER)]
        for i, col in enumerate(block.columns):
            span = 1 + (pad if i == len(block.columns) - 1 else 0)
            header.append(GridCell(col.label.text(lang), Role.HEADER, colspan=span))
        rows.append(tuple(header))
        kinds.append(RowKind.HEADER)
        block_obj = getattr(table, block.key)
        for row in block.rows:
            row_obj = getattr(block_obj, str(row.key))
            cells = [GridCell(row.label.text(lang), Role.LABEL)]
            for i, col in enumerate(block.columns):
                span = 1 + (pad if i == len(block.columns) - 1 else 0)
                text = format_value(getattr(row_obj, col.key), col.kind)
                path = f"{block.key}.{row.key}.{col.key}"
                cells.append(GridCell(text, Role.VALUE, colspan=span, path=path, kind=col.kind))
            rows.append(tuple(cells))
            kinds.append(RowKind.BODY)
    return Grid("disclosure", _heading("disclosure", lang), width + 1, 1, tuple(rows), tuple(kinds))


def _leaf_count(row: RowSpec) -> int:
    return sum(_leaf_count(c) for c in row.children) if row.children else 1


def _requests_grid(table: Requests, lang: str) -> Grid:
    depth = 3
    columns = depth + len(TABLE3_COLUMNS)
    grouped = [c for c in TABLE3_COLUMNS if c.group is not None]
    group_label = grouped[0].group
    assert group_label is not None
    header0 = (
        GridCell(TABLE3_NOTE.text(lang), Role.NOTE, rowspan=3, colspan=depth),
        GridCell(TABLE3_APPLICANT.text(lang), Role.SPANNER, colspan=len(TABLE3_COLUMNS)),
    )
    header1: list[GridCell] = []
    header2: list[GridCell] = []
    for col in TABLE3_COLUMNS:
        if col.group is None:
            header1.append(GridCell(col.label.text(lang), Role.HEADER, rowspan=2))
        else:
            if col is grouped[0]:
                header1.append(GridCell(group_label.text(lang), Role.SPANNER, colspan=len(grouped)))
            header2.append(GridCell(col.label.text(lang), Role.HEADER))
    rows: list[tuple[GridCell, ...]] = [header0, tuple(header1), tuple(header2)]
    kinds = [RowKind.HEADER] * 3
    values = dict(iter_cells(table))

    def walk(specs: tuple[RowSpec, ...], level: int, prefix: str, pending: list[GridCell]) -> None:
        for spec in specs:
            path = prefix if spec.key is None else f"{prefix}.{spec.key}".lstrip(".")
            if spec.children:
                cell = GridCell(spec.label.text(lang), Role.LABEL, rowspan=_leaf_count(spec))
                walk(spec.children, level + 1, path, [*pending, cell])
            else:
                label = GridCell(spec.label.text(lang), Role.LABEL, colspan=depth - level)
                numbers = [
                    GridCell(
                        format_value(values[f"{path}.{c.key}"], c.kind),
                        Role.VALUE,
                        path=f"{path}.{c.key}",
                        kind=c.kind,
                    )
                    for c in TABLE3_COLUMNS
                ]
                rows.append((*pending, label, *numbers))
                kinds.append(RowKind.BODY)
            pending = []

    walk(table3_rows(table.other_handling_itemized), 0, "", [])
    return Grid("requests", _heading("requests", lang), columns, depth, tuple(rows), tuple(kinds))


def _appeals_grid(table: Appeals, lang: str) -> Grid:
    n = len(TABLE4_COLUMNS)
    header0: list[GridCell] = []
    header1: list[GridCell] = []
    seen_spanners: list[object] = []
    for _key, label, spanner in TABLE4_GROUPS:
        if spanner is None:
            header0.append(GridCell(label.text(lang), Role.SPANNER, rowspan=2, colspan=n))
        else:
            if spanner not in seen_spanners:
                seen_spanners.append(spanner)
                width = n * sum(1 for g in TABLE4_GROUPS if g[2] == spanner)
                header0.append(GridCell(spanner.text(lang), Role.SPANNER, colspan=width))
            header1.append(GridCell(label.text(lang), Role.SPANNER, colspan=n))
    header2 = [
        GridCell(c.label.text(lang), Role.HEADER) for _g in TABLE4_GROUPS for c in TABLE4_COLUMNS
    ]
    body = [
        GridCell(
            format_value(getattr(getattr(table, key), c.key), c.kind),
            Role.VALUE,
            path=f"{key}.{c.key}",
            kind=c.kind,
        )
        for key, _label, _spanner in TABLE4_GROUPS
        for c in TABLE4_COLUMNS
    ]
    rows = (tuple(header0), tuple(header1), tuple(header2), tuple(body))
    kinds = (RowKind.HEADER, RowKind.HEADER, RowKind.HEADER, RowKind.BODY)
    return Grid("appeals", _heading("appeals", lang), n * len(TABLE4_GROUPS), 0, rows, kinds, n)


def _build(table: Disclosure | Requests | Appeals, lang: str) -> Grid:
    if isinstance(table, Requests):
        return _requests_grid(table, lang)
    if isinstance(table, Appeals):
        return _appeals_grid(table, lang)
    return _disclosure_grid(table, lang)


@attrs.frozen
class Skeleton:
    """A table's grid with every value cell empty, and how to fill it: built once per table
    shape and language, so that rendering a table only reads and formats its values."""

    #: what the skeleton is of: the table's class, the shape of （六）, the language
    key: tuple[type, bool, str]
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


_SKELETONS: dict[tuple[type, bool, str], Skeleton] = {}


def skeleton(table: Disclosure | Requests | Appeals, lang: str = "zh") -> Skeleton:
    """The skeleton of ``table``'s grid (see :class:`Skeleton`)."""
    itemized = isinstance(table, Requests) and table.other_handling_itemized
    key = (type(table), itemized, lang)
    found = _SKELETONS.get(key)
    if found is None:
        if lang not in ("zh", "en"):
            raise ValueError(f"unknown language {lang!r}: expected 'zh' or 'en'")
        grid = _build(_blank_like(table), lang)
        cells = [c for row in grid.rows for c in row if c.role is Role.VALUE]
        paths = [c.path for c in cells if c.path is not None]
        assert len(paths) == len(cells)
        found = _SKELETONS[key] = Skeleton(
            key, grid, attrgetter(*paths), tuple(c.kind for c in cells)
        )
    return found


def _blank_like(table: Disclosure | Requests | Appeals) -> Disclosure | Requests | Appeals:
    from ..builders import new_report

    itemized = isinstance(table, Requests) and table.other_handling_itemized
    edition = Edition.E2019 if isinstance(table, Disclosure2019) else Edition.E2021
    report = new_report("-", 2021, edition, itemized_other_handling=itemized)
    if isinstance(table, Requests):
        return report.requests
    if isinstance(table, Appeals):
        return report.appeals
    return report.disclosure


def table_grid(table: Disclosure | Requests | Appeals, lang: str = "zh") -> Grid:
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
