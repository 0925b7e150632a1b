"""The frames of reports, column by column: what each report gives the frames of a corpus.

:func:`frames_of` is the one function that computes, for each report, everything the corpus's
frames hold of it — the values of its cells (its rows of the tidy frame, its row of the wide
frame: the same numbers laid out two ways), its indicators (those of one report; a growth waits
for last year's report) and the findings of its own rules — as columns: flat arrays of floats
(:class:`array.array`) and tuples. A worker process that read reports sends them back cheaply,
and the frames of many reports are the concatenation of each one's (:meth:`Frames.concat`;
the frames of a list of reports equal the frames of each report, concatenated).

:class:`~opengovreport.Corpus` computes them where its workers read the files;
:func:`~opengovreport.ingest.ingest` where its reading step reads them, and keeps them in each
file's record. What needs several reports runs over the concatenation: the rules across years
(:meth:`Frames.pair_findings`), the growth of an indicator (:meth:`Frames.indicators_frame`),
the order of the wide frame. Computing them needs no more than the standard library; laying
them out as pandas frames needs pandas (the extra ``pandas``).
"""

import functools
import itertools
import math
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from ._arrow import (
    ArrowColumn,
    arrow_categorical,
    arrow_coded,
    arrow_frame,
    arrow_masked,
    arrow_plain,
    arrow_strings,
)
from ._generated import define
from .checks import Finding
from .checks._engine import own_findings, pair_cells, pair_findings
from .errors import ExtraMissingError, InputError, NotFoundError
from .model import CellValue, Report
from .reading import ReadStatus
from .schema import INDICATORS, Cell, Shape, Term, shapes
from .totals import derived_cells
from .values import CellKind, Edition, Severity

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["Frames", "findings_arrow", "frames_of", "report_frames"]

#: the growth indicators, whose figure needs last year's report
_GROWTHS = tuple(i for i in INDICATORS if i.unit == "growth")
#: the indicators of a report in :attr:`Frames.indicators`, and its growths' parts in
#: :attr:`Frames.growth` (this year's figure and the base of next year's, each growth)
INDICATOR_COUNT, GROWTH_PARTS = len(INDICATORS), 2 * len(_GROWTHS)
#: the tidy frame's columns of each cell's place and labels (categorical)
_PER_CELL = ("row", "column", "path", "row_label", "column_label")
#: the tidy frame's columns, in order
_TIDY_COLUMNS = (
    "agency",
    "year",
    "source",
    "edition",
    "table",
    *_PER_CELL,
    "value",
    "blank",
    "derived",
)
#: reports whose cells are laid out at a time (a block of floats: 4,096 × 230 × 8 bytes)
_CHUNK = 4096
_NAN = math.nan


# --- each shape's plan --------------------------------------------------------------------


@attrs.frozen
class _Plan:
    """How the frames read a report of one shape: its cells as the frames list them (its own,
    then the cells other shapes print that it sums), and its indicators over them."""

    shape: Shape
    fetch: Callable[[Report], tuple[CellValue, ...]]
    #: how many cells the shape has (the summed ones come after)
    width: int
    #: for each summed cell, the indices of the shape's cells it sums
    items: tuple[tuple[int, ...], ...]
    cells: tuple[Cell, ...]
    columns: dict[str, tuple[str, ...]]
    tables: tuple[int, ...]
    derived: tuple[bool, ...]
    #: each cell's kind is a count (an amount's float is not exact)
    counts: tuple[bool, ...]
    #: (indicators, growth parts) of a report from its cells' floats
    indicators: Callable[[Sequence[float]], tuple[list[float], list[float]]]

    @property
    def size(self) -> int:
        return len(self.cells)


#: each shape's plan (the shape is its own key: its declarations are what the plan is made of)
_PLANS: dict[Shape, _Plan] = {}


def plan(shape: Shape) -> _Plan:
    """The plan of ``shape``, made once."""
    found = _PLANS.get(shape)
    if found is not None:
        return found
    derived = derived_cells(shape)
    index = {p: i for i, p in enumerate(shape.paths)}
    cells = (*shape.cells, *(c for c, _ in derived))
    width = len(shape.paths)
    found = _PLANS[shape] = _Plan(
        shape,
        shape.fetch,
        width,
        tuple(tuple(index[p] for p in parts) for _, parts in derived),
        cells,
        {
            "row": tuple(c.row for c in cells),
            "column": tuple(c.column for c in cells),
            "path": tuple(c.path for c in cells),
            "row_label": tuple(c.row_label() for c in cells),
            "column_label": tuple(c.column_label.zh for c in cells),
        },
        tuple(c.table for c in cells),
        tuple([False] * width + [True] * len(derived)),
        tuple(c.kind is not CellKind.AMOUNT for c in cells),
        _indicators_function({c.path: i for i, c in enumerate(cells)}),
    )
    return found


def _indicators_function(
    position: dict[str, int],
) -> Callable[[Sequence[float]], tuple[list[float], list[float]]]:
    """One function of a report's cells (floats, NaN for a blank) giving every indicator of
    :data:`INDICATORS` (NaN where missing; a growth NaN, its figure needing last year's) and each
    growth's parts: this year's figure and what it divides next year's by. Sums are made term by
    term from 0.0 and ratios as ``scale × (numerator ÷ denominator)``, so that the floats are
    those of one array operation per term over many reports: the same whichever way a report's
    frames were computed. Made of indices and weights, never of input."""

    def total(terms: tuple[Term, ...]) -> str:
        if any(t.path not in position for t in terms):
            return "nan"  # a cell the shape has neither way: missing
        return "0.0" + "".join(f" + {t.weight} * v[{position[t.path]}]" for t in terms)

    lines = ["def indicators(v):", "    out = []", "    parts = []"]
    for indicator in INDICATORS:
        lines.append(f"    a = {total(indicator.numerator)}")
        lines.append(f"    b = {total(indicator.denominator)}")
        if indicator.unit == "growth":
            lines.append("    out.append(nan)")
            lines.append("    parts.append(a)")
            lines.append("    parts.append(b)")
        else:
            ok = "a == a and b == b and b != 0"
            lines.append(f"    out.append({indicator.scale} * (a / b) if {ok} else nan)")
    lines.append("    return out, parts")
    env: dict[str, Any] = {"nan": _NAN}
    made: Callable[[Sequence[float]], tuple[list[float], list[float]]] = define(
        "\n".join(lines) + "\n", "indicators", env, "indicators"
    )
    return made


def _floats(raw: Sequence[CellValue], p: _Plan) -> list[float]:
    """A report's cells as the frames hold them: floats (amounts in their printed unit), NaN
    for a blank, then each summed cell (blank + n = n; all blank stays blank)."""
    out = [_NAN if v is None else float(v) for v in raw]
    for parts in p.items:
        total = _NAN
        for i in parts:
            x = out[i]
            if x == x:
                total = x if total != total else total + x
        out.append(total)
    return out


def editions() -> tuple[str, ...]:
    """Every edition's value, in order of declaration: the categories of a frame's ``edition``
    column (an edition registered later among them)."""
    return tuple(e.value for e in Edition.members())


def _shapes_by_key() -> dict[str, Shape]:
    return {s.key: s for s in shapes()}


# --- the frames -----------------------------------------------------------------------------


@attrs.frozen(eq=False)
class Frames:
    """The frames of some reports, in order, column by column (see the module).

    Per report: ``agency``, ``year``, ``edition``, ``shape`` (its key), ``source`` (the file, or
    ``None``), ``status`` (a :class:`~opengovreport.ReadStatus` value); ``values`` holds each
    report's cells one report after the other (as many as its shape's plan lists), ``indicators``
    every indicator of each report, ``growth`` each growth's two parts; ``findings`` the
    findings of each report's own rules, where computed.
    """

    agency: tuple[str, ...] = ()
    year: tuple[int, ...] = ()
    edition: tuple[str, ...] = ()
    shape: tuple[str, ...] = ()
    source: tuple[str | None, ...] = ()
    status: tuple[str, ...] = ()
    values: array = attrs.field(factory=lambda: array("d"))  # type: ignore[type-arg]
    indicators: array = attrs.field(factory=lambda: array("d"))  # type: ignore[type-arg]
    growth: array = attrs.field(factory=lambda: array("d"))  # type: ignore[type-arg]
    findings: tuple[tuple[Finding, ...], ...] | None = ()

    def __len__(self) -> int:
        return len(self.agency)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # its fields, given to the constructor (a worker sends each report's frames back)
        return Frames, tuple(getattr(self, f.name) for f in attrs.fields(Frames))

    @classmethod
    def concat(cls, parts: Iterable["Frames"]) -> "Frames":
        """The frames of every report of ``parts``, in order, in one pass (each part may be
        let go as soon as it is taken: the frames of 100,000 reports sent by workers are not
        held twice)."""
        values, indicators, growth = array("d"), array("d"), array("d")
        names = ("agency", "year", "edition", "shape", "source", "status")
        columns: dict[str, list[Any]] = {name: [] for name in names}
        findings: list[tuple[Finding, ...]] | None = []
        for part in parts:
            for name in names:
                columns[name].extend(getattr(part, name))
            values.extend(part.values)
            indicators.extend(part.indicators)
            growth.extend(part.growth)
            if findings is not None:
                if part.findings is None:
                    findings = None
                else:
                    findings.extend(part.findings)
        per_report: dict[str, Any] = {name: tuple(columns[name]) for name in names}
        return cls(
            **per_report,
            values=values,
            indicators=indicators,
            growth=growth,
            findings=None if findings is None else tuple(findings),
        )

    def cut(self, start: int, stop: int) -> "Frames":
        """The frames of reports ``start`` to ``stop`` (not included): this itself where those
        are all (a message's frames of which a report is set aside, say)."""
        if start == 0 and stop == len(self):
            return self
        sizes = self.sizes()
        low = sum(sizes[:start])
        high = low + sum(sizes[start:stop])
        return Frames(
            self.agency[start:stop],
            self.year[start:stop],
            self.edition[start:stop],
            self.shape[start:stop],
            self.source[start:stop],
            self.status[start:stop],
            self.values[low:high],
            self.indicators[start * INDICATOR_COUNT : stop * INDICATOR_COUNT],
            self.growth[start * GROWTH_PARTS : stop * GROWTH_PARTS],
            None if self.findings is None else self.findings[start:stop],
        )

    def with_sources(
        self, sources: Sequence[str | None], statuses: Sequence[str] | None = None
    ) -> "Frames":
        """The same frames, each report's source and status those given."""
        if len(sources) != len(self) or (statuses is not None and len(statuses) != len(self)):
            raise InputError("a source and a status for each report")
        status = self.status if statuses is None else tuple(statuses)
        return attrs.evolve(self, source=tuple(sources), status=status)

    # --- positions ----------------------------------------------------------------------

    def _plans(self) -> list[_Plan]:
        """Each report's plan."""
        known = _shapes_by_key()
        by_key: dict[str, _Plan] = {}
        for key in dict.fromkeys(self.shape):
            if key not in known:
                raise NotFoundError(f"no registered shape {key!r}: register it first")
            by_key[key] = plan(known[key])
        return [by_key[k] for k in self.shape]

    def _offsets(self, plans: Sequence[_Plan]) -> list[int]:
        """Where each report's cells start in :attr:`values`, and the end."""
        out = [0, *itertools.accumulate(p.size for p in plans)]
        if out[-1] != len(self.values):
            raise InputError(f"frames of {len(self)} reports hold {len(self.values)} values")
        return out

    def cells_of(self, i: int) -> list[float]:
        """The cells of report ``i`` as the frames hold them (the order of its plan)."""
        plans = self._plans()
        offsets = self._offsets(plans)
        return list(self.values[offsets[i] : offsets[i + 1]])

    def sizes(self) -> list[int]:
        """How many cells each report has in :attr:`values` (those its plan lists)."""
        return [p.size for p in self._plans()]

    def order(self) -> list[int]:
        """The reports by agency and year (the order of the wide frame)."""
        return sorted(range(len(self)), key=lambda i: (self.agency[i], self.year[i]))

    # --- across reports -------------------------------------------------------------------

    def agency_rows(self) -> list[list[int]]:
        """Each agency's reports (their places here) by year, the agencies in the order they
        first come: what the rules across years pair (:class:`Pairs`)."""
        by_agency: dict[str, list[int]] = defaultdict(list)
        for i, agency in enumerate(self.agency):
            by_agency[agency].append(i)
        out = list(by_agency.values())
        for rows in out:
            rows.sort(key=self.year.__getitem__)
        return out

    def pair_findings(self) -> list[Finding]:
        """The findings of the rules across years (T1, T2) between consecutive years of each
        agency, from the reports' cells: those :func:`~opengovreport.check_series` adds."""
        pairs = Pairs(self)
        return pairs.findings(pairs.agencies)

    def check_findings(self) -> list[Finding]:
        """Every finding of the reports: each one's own rules and the rules across years, in
        the order of a corpus's check (the worst first, then by agency, year, rule, cell)."""
        if self.findings is None:
            raise InputError("these frames were computed without the findings")
        found = [f for own in self.findings for f in own]
        found.extend(self.pair_findings())
        return sorted(found, key=finding_key)

    # --- pandas ---------------------------------------------------------------------------

    def _tidy_codes(self) -> tuple[dict[str, Any], "_Categories"]:
        """The tidy frame's columns but its value: each categorical one's codes (and their
        categories, ``labels``), ``year``, ``table`` and ``derived`` as arrays."""
        np = _numpy()
        plans = self._plans()
        offsets = np.array(self._offsets(plans), dtype="int64")
        n, size = len(self), int(offsets[-1])
        labels = _Categories()
        per_cell = _PER_CELL
        # each distinct shape's cells, coded, one table after the other
        distinct: dict[Shape, int] = {}
        for p in plans:
            distinct.setdefault(p.shape, len(distinct))
        shape_plans = [plan(s) for s in distinct]
        base = np.array([0, *itertools.accumulate(p.size for p in shape_plans)], dtype="int64")
        table = {
            name: np.array([labels.code(name, v) for p in shape_plans for v in p.columns[name]])
            for name in per_cell
        }
        tables = np.array([t for p in shape_plans for t in p.tables], "int8")
        derived = np.array([d for p in shape_plans for d in p.derived], bool)
        which = np.array([distinct[p.shape] for p in plans], "int64")
        agency = np.array([labels.code("agency", a) for a in self.agency], "int32")
        source = np.array(
            [-1 if s is None else labels.code("source", s) for s in self.source], "int32"
        )
        year = np.array(self.year, "int16")
        edition = np.array([editions().index(e) for e in self.edition], "int8")
        # each categorical column's codes in the type pandas keeps them in (a copy where not)
        coded = {name: _code_type(len(labels.categories(name))) for name in ("agency", "source")}
        coded.update((name, _code_type(len(labels.categories(name)))) for name in per_cell)
        out = {
            "agency": np.empty(size, coded["agency"]),
            "source": np.empty(size, coded["source"]),
            "year": np.empty(size, "int16"),
            "edition": np.empty(size, "int8"),
            "table": np.empty(size, "int8"),
            **{name: np.empty(size, coded[name]) for name in per_cell},
            "derived": np.empty(size, bool),
        }
        for start in range(0, n, _CHUNK):
            end = min(n, start + _CHUNK)
            lo, hi = int(offsets[start]), int(offsets[end])
            rows = np.repeat(np.arange(start, end), np.diff(offsets[start : end + 1]))
            within = np.arange(lo, hi) - offsets[rows] + base[which[rows]]
            for name, per_report in (
                ("agency", agency),
                ("source", source),
                ("year", year),
                ("edition", edition),
            ):
                out[name][lo:hi] = per_report[rows]
            for name, codes in (*table.items(), ("table", tables), ("derived", derived)):
                out[name][lo:hi] = codes[within]
        return out, labels

    def tidy(self) -> "pd.DataFrame":
        """The tidy frame: one row per cell of each report, report after report (the columns
        of :meth:`~opengovreport.Corpus.to_frame`)."""
        pdm, np = _pandas(), _numpy()
        out, labels = self._tidy_codes()
        value = np.frombuffer(self.values, "float64").copy()

        def categorical(name: str) -> Any:
            categories = labels.categories(name)
            codes = out.pop(name)  # its type already the one pandas keeps (not copied)
            return pdm.Categorical.from_codes(codes, categories=categories, validate=False)

        frame: pd.DataFrame = pdm.DataFrame(
            {
                "agency": categorical("agency"),
                "year": out["year"],
                "source": categorical("source"),
                "edition": pdm.Categorical.from_codes(
                    out["edition"], categories=list(editions()), validate=False
                ),
                "table": out["table"],
                **{name: categorical(name) for name in _PER_CELL},
                "value": pdm.arrays.FloatingArray(value, np.isnan(value)),
                "blank": np.isnan(value),
                "derived": out["derived"],
            },
            copy=False,
        )
        return frame

    def _wide_numbers(self) -> tuple[list[int], tuple[Cell, ...], list[Any], list[Any]]:
        """The wide frame's cells: the reports' order, the cell columns, and for each one its
        numbers (0 where blank) and where it is blank, as arrays."""
        np = _numpy()
        plans = self._plans()
        offsets = np.array(self._offsets(plans), dtype="int64")
        values = np.frombuffer(self.values, "float64")
        columns = wide_cells()
        position = {c.path: i for i, c in enumerate(columns)}
        order = self.order()
        n = len(order)
        # one array per column, filled a chunk of reports at a time and wrapped as it is: 100,000
        # reports' 230 columns take 207 MB, not the 390 MB of one matrix of floats and its copy
        numbers = [
            np.zeros(n, "float64" if c.kind is CellKind.AMOUNT else "int64") for c in columns
        ]
        blank = [np.ones(n, bool) for _ in columns]
        by_shape: dict[Shape, list[int]] = defaultdict(list)
        for row, i in enumerate(order):
            by_shape[plans[i].shape].append(row)
        reports = np.array(order, dtype="int64")
        for shape, rows in by_shape.items():
            p = plan(shape)
            targets = [position[path] for path in p.columns["path"]]
            within = np.arange(p.size)
            for start in range(0, len(rows), _CHUNK):
                chunk = np.array(rows[start : start + _CHUNK])
                block = values[offsets[reports[chunk]][:, None] + within]
                missing = np.isnan(block)
                for j, target in enumerate(targets):
                    blank[target][chunk] = missing[:, j]
                    numbers[target][chunk] = np.where(missing[:, j], 0, block[:, j])
        return order, columns, numbers, blank

    def wide(self, lang: str | None = None) -> "pd.DataFrame":
        """The wide frame: one row per report, by agency and year, every cell of every shape a
        column (the columns of :meth:`~opengovreport.Corpus.to_wide`)."""
        pdm = _pandas()
        order, columns, numbers, blank = self._wide_numbers()
        data: dict[str, Any] = self._leading(order, wide=True)
        for i, cell in enumerate(columns):
            name = cell.path if lang is None else cell.label(lang)
            values_i, missing_i = numbers[i], blank[i]
            numbers[i] = values_i[:0]  # this column's memory goes with it
            if cell.kind is CellKind.AMOUNT:
                data[name] = pdm.arrays.FloatingArray(values_i, missing_i)
            else:  # Int64 in every frame: a column's type never depends on its values
                data[name] = pdm.arrays.IntegerArray(values_i, missing_i)
        # not copied: every column was made here for this frame alone (a copy of each took
        # ~200 MB more at its peak for 100,000 reports; #26 thirteenth round)
        wide: pd.DataFrame = pdm.DataFrame(data, copy=False)
        return wide

    def _leading(self, order: list[int], *, wide: bool) -> dict[str, Any]:
        """The columns that name each report of ``order``: those of the wide frame, or of the
        indicators frame."""
        pdm = _pandas()
        data: dict[str, Any] = {
            "agency": pdm.array([self.agency[i] for i in order], dtype="string"),
            "year": pdm.array([self.year[i] for i in order], dtype="Int64"),
            "edition": pdm.Categorical(
                [self.edition[i] for i in order], categories=list(editions())
            ),
        }
        if wide:
            data["shape"] = pdm.Categorical([self.shape[i] for i in order])
        data["source"] = pdm.array([self.source[i] for i in order], dtype="string")
        if wide:
            data["status"] = pdm.Categorical(
                [self.status[i] for i in order], categories=[s.value for s in ReadStatus]
            )
        return data

    def _indicator_columns(self) -> tuple[list[int], list[tuple[str, Any, Any]]]:
        """The indicators frame's numbers: the reports' order, and each indicator's code, its
        values (0 where missing) and where it is missing, as arrays."""
        np = _numpy()
        order = self.order()
        n = len(order)
        rows = np.array(order, dtype="int64")
        values = np.frombuffer(self.indicators, "float64").reshape(len(self), INDICATOR_COUNT)
        values = values[rows] if n else values
        growth = np.frombuffer(self.growth, "float64").reshape(len(self), GROWTH_PARTS)
        growth = growth[rows] if n else growth
        agency = np.array([self.agency[i] for i in order], dtype=object)
        year = np.array([self.year[i] for i in order], dtype="int64")
        # last year's row of the same agency: the row before, where it is that agency's year − 1
        before = np.zeros(n, bool)
        if n > 1:
            before[1:] = (agency[1:] == agency[:-1]) & (year[1:] == year[:-1] + 1)
        out = []
        for k, indicator in enumerate(INDICATORS):
            if indicator.unit == "growth":
                g = _GROWTHS.index(indicator)
                now, last = growth[:, 2 * g], np.roll(growth[:, 2 * g + 1], 1)
                ok = ~np.isnan(now) & ~np.isnan(last) & before & (last != 0)
                result = np.divide(now, last, out=np.zeros(n), where=ok) - 1
            else:
                result = values[:, k]
                ok = ~np.isnan(result)
            out.append((indicator.code, np.where(ok, result, 0.0), ~ok))
        return order, out

    def indicators_frame(self) -> "pd.DataFrame":
        """The indicators frame: one row per report, by agency and year, an indicator a
        column, a growth where last year's report is among these (the columns of
        :meth:`~opengovreport.Corpus.indicators_frame`)."""
        pdm = _pandas()
        order, columns = self._indicator_columns()
        data = self._leading(order, wide=False)
        for code, values, missing in columns:
            data[code] = pdm.arrays.FloatingArray(values, missing)
        out: pd.DataFrame = pdm.DataFrame(data)
        return out

    # --- Arrow ----------------------------------------------------------------------------
    # The same frames as Arrow tables, without pandas: each what ``pa.Table.from_pandas(frame,
    # preserve_index=False)`` makes of the pandas frame above — the same columns, types and
    # values, and the schema's ``pandas`` metadata (:func:`arrow_frame`) — what ``ingest``
    # writes (its workers need not import pandas).

    def tidy_tables(self) -> dict[int, Any]:
        """The tidy frame's rows of each year (in order), without the year column, each an
        Arrow table: ``tidy()[tidy()["year"] == year].drop(columns="year")``."""
        np = _numpy()
        out, labels = self._tidy_codes()
        value = np.frombuffer(self.values, "float64")
        blank = np.isnan(value)
        categories = {name: labels.categories(name) for name in ("agency", "source", *_PER_CELL)}
        categories["edition"] = list(editions())
        tables = {}
        for year in sorted(int(y) for y in np.unique(out["year"])):
            rows = np.flatnonzero(out["year"] == year)
            columns = []
            for name in _TIDY_COLUMNS:
                if name in categories:
                    columns.append(arrow_categorical(name, out[name][rows], categories[name]))
                elif name == "value":
                    columns.append(arrow_masked(name, value[rows], blank[rows], "Float64"))
                elif name == "blank":
                    columns.append(arrow_plain(name, blank[rows]))
                elif name != "year":
                    columns.append(arrow_plain(name, out[name][rows]))
            tables[year] = arrow_frame(columns)
        return tables

    def wide_table(self) -> Any:
        """The wide frame (:meth:`wide`, its columns named by path) as an Arrow table."""
        order, columns, numbers, blank = self._wide_numbers()
        data = self._arrow_leading(order, wide=True)
        for i, cell in enumerate(columns):
            kind = "Float64" if cell.kind is CellKind.AMOUNT else "Int64"
            data.append(arrow_masked(cell.path, numbers[i], blank[i], kind))
            numbers[i] = blank[i] = None  # this column's memory goes with its array
        return arrow_frame(data)

    def indicators_table(self) -> Any:
        """The indicators frame (:meth:`indicators_frame`) as an Arrow table."""
        order, columns = self._indicator_columns()
        data = self._arrow_leading(order, wide=False)
        data.extend(arrow_masked(code, v, missing, "Float64") for code, v, missing in columns)
        return arrow_frame(data)

    def _arrow_leading(self, order: list[int], *, wide: bool) -> list[ArrowColumn]:
        """:meth:`_leading`'s columns as Arrow columns."""
        np = _numpy()
        shapes_ = sorted({self.shape[i] for i in order})
        columns = [
            arrow_strings("agency", [self.agency[i] for i in order]),
            arrow_masked("year", np.array([self.year[i] for i in order], "int64"), None, "Int64"),
            arrow_coded("edition", [self.edition[i] for i in order], list(editions())),
        ]
        if wide:
            columns.append(arrow_coded("shape", [self.shape[i] for i in order], shapes_))
        columns.append(arrow_strings("source", [self.source[i] for i in order]))
        if wide:
            statuses = [s.value for s in ReadStatus]
            columns.append(arrow_coded("status", [self.status[i] for i in order], statuses))
        return columns


class Pairs:
    """The rules across years (T1, T2) over some frames, a run of agencies at a time: the
    findings of runs of :attr:`agencies` taken in order, concatenated, are
    :meth:`Frames.pair_findings` (one process may check some agencies, another the next ones,
    and their findings be joined in order)."""

    def __init__(self, frames: Frames) -> None:
        self.frames = frames
        self.plans = frames._plans()
        self.offsets = frames._offsets(self.plans)
        #: each agency's reports by year (:meth:`Frames.agency_rows`)
        self.agencies = frames.agency_rows()

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # its frames, its plans made again where it is unpickled (a process started by spawn)
        return Pairs, (self.frames,)

    def findings(self, agencies: Iterable[Sequence[int]]) -> list[Finding]:
        """The findings of the rules across years between consecutive years of ``agencies``
        (each the places of one agency's reports by year, as :attr:`agencies` lists them), in
        their order: those of runs of :data:`_PAIR_RUN` agencies, concatenated (each run's
        cells as Python values held only while its rules are checked)."""
        out: list[Finding] = []
        run: list[Sequence[int]] = []
        for rows in agencies:
            run.append(rows)
            if len(run) == _PAIR_RUN:
                out.extend(self._run_findings(run))
                run = []
        if run:
            out.extend(self._run_findings(run))
        return out

    def _run_findings(self, agencies: Sequence[Sequence[int]]) -> list[Finding]:
        """:meth:`findings` of a run of agencies."""
        frames, plans, offsets = self.frames, self.plans, self.offsets
        year, values = frames.year, frames.values
        wanted: dict[int, set[int]] = defaultdict(set)  # report → the cells its pairs read
        pairs = []
        for rows in agencies:
            for a, b in itertools.pairwise(rows):
                if year[b] == year[a] + 1:
                    first, second = _pair_cells(plans[a].shape, plans[b].shape)
                    wanted[a].update(first)
                    wanted[b].update(second)
                    pairs.append((a, b))
        exact: dict[int, list[Any]] = {}
        for i, cells in wanted.items():
            p, start = plans[i], offsets[i]
            row: list[Any] = [0] * p.width  # a cell no rule across years reads: never blank
            for j in cells:
                x = values[start + j]
                row[j] = None if x != x else int(x) if p.counts[j] else x
            exact[i] = row
        return pair_findings(
            (frames.agency[i], year[i], plans[i].shape, exact[i])
            for i in dict.fromkeys(i for pair in pairs for i in pair)
        )


#: agencies whose reports' cells :meth:`Pairs.findings` holds as Python values at once: a list
#: of a report's cells (its plan's width) for each report of a pair; 100,000 reports of 25,000
#: agencies held at once took ~340 MB more at the check's peak (#26 thirteenth round)
_PAIR_RUN = 1_000

#: the cells the rules across years read between two shapes (:func:`_pair_cells`)
_PAIR_CELLS: dict[tuple[Shape, Shape], tuple[tuple[int, ...], tuple[int, ...]]] = {}


def _pair_cells(earlier: Shape, later: Shape) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """:func:`~.checks._engine.pair_cells`, found once for two shapes."""
    found = _PAIR_CELLS.get((earlier, later))
    if found is None:
        found = _PAIR_CELLS[(earlier, later)] = pair_cells(earlier, later)
    return found


def frames_of(
    reports: Sequence[Report],
    sources: Sequence[str | None] | None = None,
    statuses: Sequence[str] | None = None,
    *,
    findings: bool = True,
) -> Frames:
    """The frames of ``reports``, each report's its own (see the module): the frames of a list
    are those of each report, concatenated. ``sources``, ``statuses``: each report's file and
    :class:`~opengovreport.ReadStatus` value (none, ``ok``, where not given). ``findings``: the
    findings of each report's own rules too (the costly part: a check)."""
    n = len(reports)
    sources = tuple(sources) if sources is not None else (None,) * n
    statuses = tuple(statuses) if statuses is not None else (ReadStatus.OK.value,) * n
    if len(sources) != n or len(statuses) != n:
        raise InputError("a source and a status for each report")
    values, indicators, growth = array("d"), array("d"), array("d")
    found: list[tuple[Finding, ...]] = []
    for report in reports:
        p = plan(report.shape)
        raw = p.fetch(report)
        cells = _floats(raw, p)
        values.extend(cells)
        own, parts = p.indicators(cells)
        indicators.extend(own)
        growth.extend(parts)
        if findings:
            found.append(tuple(own_findings(report, p.shape, raw)))
    return Frames(
        tuple(r.meta.agency for r in reports),
        tuple(r.meta.year for r in reports),
        tuple(r.meta.edition.value for r in reports),
        tuple(r.shape.key for r in reports),
        sources,
        statuses,
        values,
        indicators,
        growth,
        tuple(found) if findings else None,
    )


def own_findings_of(reports: Sequence[Report]) -> tuple[tuple[Finding, ...], ...]:
    """The findings of each report's own rules: :attr:`Frames.findings` of ``reports``."""
    out = []
    for report in reports:
        shape = report.shape
        out.append(tuple(own_findings(report, shape, shape.fetch(report))))
    return tuple(out)


def report_frames(
    report: Report, source: str | None = None, status: str = ReadStatus.OK.value
) -> Frames:
    """The frames of one report (:func:`frames_of`)."""
    return frames_of([report], [source], [status])


# --- findings as rows -----------------------------------------------------------------------

#: the columns of the findings frame
FINDING_COLUMNS = (
    "agency",
    "year",
    "source",
    "code",
    "severity",
    "table",
    "path",
    "label",
    "printed",
    "computed",
    "difference",
    "message_zh",
    "message_en",
)


def finding_key(f: Finding) -> tuple[Any, ...]:
    """The order of a corpus's findings: the worst first, then by agency, year, rule and the
    path of the first cell."""
    first = f.cells[0].path if f.cells else ""
    return (-f.severity.rank, f.agency, f.year, f.code, first)


def row_key(row: dict[str, Any]) -> tuple[Any, ...]:
    """:func:`finding_key` of a finding's row (:func:`finding_row`)."""
    rank = Severity(row["severity"]).rank
    return (-rank, row["agency"], row["year"], row["code"], row["path"] or "")


def finding_row(f: Finding, source: str | None) -> dict[str, Any]:
    """A finding as a row of the findings frame."""
    return {
        "agency": f.agency,
        "year": f.year,
        "source": source,
        "code": f.code,
        "severity": f.severity.value,
        "table": f.table,
        "path": f.cells[0].path if f.cells else None,
        "label": f.cells[0].label if f.cells else None,
        "printed": _float(f.printed),
        "computed": _float(f.computed),
        "difference": _float(f.difference),
        "message_zh": f.message_zh,
        "message_en": f.message_en,
    }


def findings_table(rows: Sequence[dict[str, Any]]) -> "pd.DataFrame":
    """The findings frame of ``rows`` (:func:`finding_row`), in their order."""
    pdm = _pandas()
    frame = pdm.DataFrame(list(rows), columns=list(FINDING_COLUMNS))
    for column in ("agency", "source", "code", "path", "label", "message_zh", "message_en"):
        frame[column] = frame[column].astype("string")
    frame["severity"] = pdm.Categorical(
        frame["severity"], categories=[s.value for s in sorted(Severity, key=lambda s: s.rank)]
    )
    frame["year"] = frame["year"].astype("Int64")
    frame["table"] = frame["table"].astype("Int8")
    for column in ("printed", "computed", "difference"):
        frame[column] = frame[column].astype("Float64")
    out: pd.DataFrame = frame
    return out


def findings_arrow(rows: Sequence[dict[str, Any]]) -> Any:
    """The findings frame of ``rows`` (:func:`findings_table`) as an Arrow table."""
    np = _numpy()

    def strings(name: str) -> ArrowColumn:
        return arrow_strings(name, [r[name] for r in rows])

    def masked(name: str, kind: str, dtype: str) -> ArrowColumn:
        found = [r[name] for r in rows]
        missing = np.array([v is None or v != v for v in found], bool)
        values = np.array([0 if m else v for v, m in zip(found, missing, strict=True)], dtype)
        return arrow_masked(name, values, missing, kind)

    severities = [s.value for s in sorted(Severity, key=lambda s: s.rank)]
    return arrow_frame(
        [
            strings("agency"),
            masked("year", "Int64", "int64"),
            strings("source"),
            strings("code"),
            arrow_coded("severity", [r["severity"] for r in rows], severities),
            masked("table", "Int8", "int8"),
            strings("path"),
            strings("label"),
            *(masked(name, "Float64", "float64") for name in ("printed", "computed", "difference")),
            strings("message_zh"),
            strings("message_en"),
        ]
    )


def _float(value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, int | Decimal):
        return float(value)
    return None


# --- shared ---------------------------------------------------------------------------------


def _code_type(categories: int) -> str:
    """The type pandas keeps the codes of a categorical of ``categories`` in
    (``Categorical.from_codes`` casts others to it): the tidy frame's codes made in it, not
    copied (100,000 reports: 20.7 million cells, an int32 column cast to int16 and int16 ones
    to int8 took ~170 MB more at its peak; #26 thirteenth round)."""
    for kind in ("int8", "int16", "int32"):
        if categories < _numpy().iinfo(kind).max:
            return kind
    return "int64"


class _Categories:
    """Codes for the values of each categorical column, in first-seen order."""

    def __init__(self) -> None:
        self._codes: dict[str, dict[str, int]] = defaultdict(dict)

    def code(self, column: str, value: str) -> int:
        codes = self._codes[column]
        found = codes.get(value)
        if found is None:
            found = codes[value] = len(codes)
        return found

    def categories(self, column: str) -> list[str]:
        return list(self._codes[column])


def wide_cells() -> tuple[Cell, ...]:
    """Every cell of the registered shapes, and every summed one, each path once: the cell
    columns of the wide frame."""
    return _cells_of(shapes())


@functools.cache
def _cells_of(registered: tuple[Shape, ...]) -> tuple[Cell, ...]:
    seen: dict[str, Cell] = {}
    for shape in registered:
        for cell in (*shape.cells, *(c for c, _ in derived_cells(shape))):
            seen.setdefault(cell.path, cell)
    return tuple(seen.values())


def _numpy() -> Any:
    import numpy

    return numpy


def _pandas() -> Any:
    try:
        import pandas as pd
    except ImportError:
        raise ExtraMissingError(
            "pandas export needs pandas: pip install 'opengovreport[pandas]'"
        ) from None
    return pd
