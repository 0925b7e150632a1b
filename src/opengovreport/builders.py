"""Builders for report authors: give the counts, get the totals computed.

The model stores totals as printed; these helpers compute them for someone writing a report:

* :func:`request_row` — one row of table 3 from the six applicant counts, with 总计;
* :func:`requests_table` — table 3 from its rows, with each 总计, the （七）总计 row and, unless
  given, 四、结转下年度继续办理 (carried forward = received + carried over − handled);
* :func:`appeal_group` / :func:`appeals_table` — table 4 with each group's 总计;
* :func:`disclosure_table` — table 2 of an edition from its cells;
* :func:`new_report` — an empty report (every cell blank) for an agency, year and edition.

Rows are named by their paths in :mod:`opengovreport.schema` (``"withheld.state_secret"``).
Rows and cells not given are 0. Bad input raises ``ValueError`` naming the row and column.
"""

import contextlib
import typing
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from operator import itemgetter
from typing import Any, TypeAlias, TypeVar

import attrs

from .model import (
    AppealGroup,
    Appeals,
    CellValue,
    Disclosure,
    Meta,
    OtherHandling,
    Report,
    RequestRow,
    Requests,
    Section,
    disclosure_class,
)
from .schema import (
    TABLE3_COLUMNS,
    TABLE4_COLUMNS,
    TABLE4_GROUPS,
    CellKind,
    Edition,
    disclosure_blocks,
    section,
    table3_leaf_rows,
    table3_outcome_rows,
)
from .values import COUNT, Bounds, describe

__all__ = [
    "AppealInput",
    "RowInput",
    "appeal_group",
    "appeals_table",
    "assemble_requests",
    "cell_paths",
    "disclosure_table",
    "new_report",
    "report_from_cells",
    "request_row",
    "requests_table",
    "tables_from_cells",
]

#: a table 3 row given by an author: the six applicant counts in printed order, or a mapping
#: from column key (``natural_person`` …) to count; columns not given are 0
RowInput: TypeAlias = Sequence[int] | Mapping[str, int]
#: a table 4 group: (upheld, corrected, other, pending), or a mapping from those keys
AppealInput: TypeAlias = Sequence[int] | Mapping[str, int]

_APPLICANTS = tuple(c.key for c in TABLE3_COLUMNS if c.key != "total")
_APPEAL_PARTS = tuple(c.key for c in TABLE4_COLUMNS if c.key != "total")
_COMPUTED_ROWS = ("total_handled",)

T = TypeVar("T")


def _count(value: object, where: str) -> int:
    if value is None or not COUNT.accepts(value):
        raise ValueError(f"{where}: expected {COUNT.what}, found {describe(value)}")
    return value  # type: ignore[return-value]


def _counts(value: object, keys: tuple[str, ...], where: str) -> tuple[int, ...]:
    if isinstance(value, Mapping):
        unknown = sorted(set(value) - set(keys))
        if unknown:
            raise ValueError(
                f"{where}: unknown column {', '.join(map(repr, unknown))}; known: {', '.join(keys)}"
            )
        return tuple(_count(value.get(k, 0), f"{where}.{k}") for k in keys)
    if isinstance(value, Sequence) and not isinstance(value, str):
        if len(value) != len(keys):
            raise ValueError(
                f"{where}: expected {len(keys)} counts ({', '.join(keys)}), got {len(value)}"
            )
        return tuple(_count(v, f"{where}.{k}") for k, v in zip(keys, value, strict=True))
    raise ValueError(f"{where}: expected {len(keys)} counts or a mapping, got {value!r}")


def request_row(
    natural_person: int = 0,
    commercial_enterprise: int = 0,
    research_institution: int = 0,
    public_interest_org: int = 0,
    legal_service_org: int = 0,
    other_org: int = 0,
) -> RequestRow:
    """A table 3 row from the six applicant counts, with 总计 computed."""
    a, b, c, d, e, f = _counts(
        (
            natural_person,
            commercial_enterprise,
            research_institution,
            public_interest_org,
            legal_service_org,
            other_org,
        ),
        _APPLICANTS,
        "row",
    )
    return RequestRow(a, b, c, d, e, f, a + b + c + d + e + f)


def _row(value: RowInput, where: str) -> RequestRow:
    return request_row(*_counts(value, _APPLICANTS, where))


_FIELDS: dict[type, tuple[tuple[str, Any], ...]] = {}
_OTHER_HANDLING = RequestRow | OtherHandling


def _fields(cls: type) -> tuple[tuple[str, Any], ...]:
    """(name, type) of each field of an attrs class, resolved once."""
    found = _FIELDS.get(cls)
    if found is None:
        hints = typing.get_type_hints(cls)
        found = _FIELDS[cls] = tuple((f.name, hints[f.name]) for f in attrs.fields(cls))
    return found


def _make(cls: type[T], prefix: str, leaf: Callable[[str, type], Any]) -> T:
    """Build ``cls`` field by field; ``leaf(path, cls)`` gives each row or cell."""
    kwargs: dict[str, Any] = {}
    for name, t in _fields(cls):
        kwargs[name] = leaf(f"{prefix}.{name}" if prefix else name, t)
    return cls(**kwargs)


def _sum_rows(rows: list[RequestRow]) -> RequestRow:
    return request_row(*(sum(getattr(r, k) for r in rows) for k in _APPLICANTS))


def requests_table(
    rows: Mapping[str, RowInput] | None = None,
    *,
    itemized_other_handling: bool = True,
    carried_forward: RowInput | None = None,
) -> Requests:
    """Table 3 from its rows, keyed by path (``"new_received"``, ``"withheld.state_secret"``).

    Every row's 总计 and the （七）总计 row (``total_handled``) are computed; 结转下年度继续办理
    (``carried_forward``) is computed as new_received + carried_over − total_handled per column
    unless given. ``itemized_other_handling=False`` gives （六）其他处理 as one row
    (``"other_handling"``), as in the 2019 edition.
    """
    given = dict(rows or {})
    leaves = table3_leaf_rows(itemized_other_handling)
    paths = [leaf.path for leaf in leaves]
    for path in given:
        if path in _COMPUTED_ROWS or path == "carried_forward":
            raise ValueError(
                f"row {path!r} is computed; pass carried_forward= to set 结转下年度继续办理"
                if path == "carried_forward"
                else f"row {path!r} (（七）总计) is computed from the outcome rows"
            )
        if path not in paths:
            raise ValueError(f"unknown row {path!r}; known: {', '.join(paths)}")
    built = {p: _row(given[p], p) if p in given else request_row() for p in paths}
    outcomes = [built[leaf.path] for leaf in table3_outcome_rows(itemized_other_handling)]
    built["total_handled"] = _sum_rows(outcomes)
    if carried_forward is not None:
        built["carried_forward"] = _row(carried_forward, "carried_forward")
    else:
        available = [
            getattr(built["new_received"], k) + getattr(built["carried_over"], k)
            for k in _APPLICANTS
        ]
        handled = [getattr(built["total_handled"], k) for k in _APPLICANTS]
        left = [a - h for a, h in zip(available, handled, strict=True)]
        for key, n, a, h in zip(_APPLICANTS, left, available, handled, strict=True):
            if n < 0:
                raise ValueError(
                    f"column {key}: {h} requests handled but only {a} received or carried over"
                )
        built["carried_forward"] = request_row(*left)

    return assemble_requests(built)


def assemble_requests(rows: Mapping[str, RequestRow]) -> Requests:
    """Table 3 from every one of its data rows, keyed by path, taken as given (no total is
    computed). The keys decide the shape of （六）: ``"other_handling"`` for one row, or its
    three items (``"other_handling.overdue_correction"`` …)."""
    itemized = "other_handling" not in rows
    expected = [leaf.path for leaf in table3_leaf_rows(itemized)]
    missing = [p for p in expected if p not in rows]
    unknown = [p for p in rows if p not in expected]
    if missing or unknown:
        raise _cannot("assemble table 3", "rows", missing, unknown)
    for path, row in rows.items():
        if not isinstance(row, RequestRow):
            raise ValueError(f"row {path!r}: expected a RequestRow, got {row!r}")

    def leaf(path: str, t: type) -> Any:
        if path in rows:
            return rows[path]
        if t == _OTHER_HANDLING:
            return _make(OtherHandling, path, leaf)
        return _make(t, path, leaf)

    return _make(Requests, "", leaf)


def appeal_group(
    upheld: int = 0, corrected: int = 0, other: int = 0, pending: int = 0
) -> AppealGroup:
    """A table 4 group with 总计 computed."""
    a, b, c, d = _counts((upheld, corrected, other, pending), _APPEAL_PARTS, "group")
    return AppealGroup(a, b, c, d, a + b + c + d)


def appeals_table(
    reconsideration: AppealInput = (),
    litigation_direct: AppealInput = (),
    litigation_after_reconsideration: AppealInput = (),
) -> Appeals:
    """Table 4 from its three groups, each (upheld, corrected, other, pending); 总计 computed.

    A group not given is all 0.
    """
    given = {
        "reconsideration": reconsideration,
        "litigation_direct": litigation_direct,
        "litigation_after_reconsideration": litigation_after_reconsideration,
    }
    groups = {}
    for key, _label, _spanner in TABLE4_GROUPS:
        value = given[key]
        groups[key] = (
            appeal_group(*_counts(value, _APPEAL_PARTS, key)) if value != () else appeal_group()
        )
    return Appeals(**groups)


def _cell(bounds: Bounds, value: object, where: str) -> CellValue:
    """A cell of table 2 as an author gives it: an amount may also be an ``int`` or a decimal
    string (``"7730.28"``), read exactly; anything the cell cannot hold raises ``ValueError``."""
    if bounds.kind is CellKind.AMOUNT and type(value) in (int, str):
        with contextlib.suppress(InvalidOperation):
            value = Decimal(value)  # type: ignore[arg-type]
    found = bounds.problem(value)
    if found is not None:
        raise ValueError(f"{where}: expected {bounds.expected}, found {found}")
    return value  # type: ignore[return-value]


def _disclosure_cells(edition: Edition) -> dict[str, Bounds]:
    return {
        f"{block.key}.{row.key}.{col.key}": col.bounds
        for block in disclosure_blocks(edition)
        for row in block.rows
        for col in block.columns
    }


def disclosure_table(
    edition: Edition,
    cells: Mapping[str, CellValue | str] | None = None,
    *,
    default: int | None = 0,
) -> Disclosure:
    """Table 2 of ``edition`` from its cells keyed by path (``"item1.rules.issued"``).

    Cells not given are ``default`` (0, or ``None`` for blank). Amounts may be given as
    ``Decimal``, ``int`` or a decimal string.
    """
    kinds = _disclosure_cells(edition)
    given = dict(cells or {})
    for path in given:
        if path not in kinds:
            raise ValueError(
                f"no cell {path!r} in table 2 of the {edition.value} edition; "
                f"known: {', '.join(kinds)}"
            )
    values = {p: _cell(k, given.get(p, default), p) for p, k in kinds.items()}
    cls = disclosure_class(edition)

    def leaf(path: str, t: type) -> Any:
        return values[path] if path in values else _make(t, path, leaf)

    return _make(cls, "", leaf)


def _blank(cls: type[T], fill: int | None, prefix: str = "") -> T:
    def leaf(path: str, t: Any) -> Any:
        if attrs.has(t):
            return _blank(t, fill, path)
        if fill is None:
            return None
        return Decimal(fill) if Decimal in typing.get_args(t) else fill

    return _make(cls, prefix, leaf)


def new_report(
    agency: str,
    year: int,
    edition: Edition | None = None,
    *,
    itemized_other_handling: bool | None = None,
    fill: int | None = None,
) -> Report:
    """An empty report for ``agency`` and ``year``: the six sections with their standard
    headings and no text, and every table cell blank (``None``), or ``fill`` (e.g. 0).

    ``edition`` follows from the year when not given. （六）其他处理 is itemized in the 2021
    edition unless ``itemized_other_handling=False`` (the hybrid).
    """
    meta = Meta(agency, year) if edition is None else Meta(agency, year, edition)
    edition = meta.edition
    if fill is not None:
        _count(fill, "fill")
    itemized = (
        edition is Edition.E2021 if itemized_other_handling is None else itemized_other_handling
    )
    if itemized and edition is Edition.E2019:
        raise ValueError("the 2019 edition prints （六）其他处理 as one row; it cannot be itemized")
    blank_row = _blank(RequestRow, fill)
    requests = assemble_requests({leaf.path: blank_row for leaf in table3_leaf_rows(itemized)})
    return Report(
        meta=meta,
        overview=Section(section("overview").heading.zh),
        disclosure=_blank(disclosure_class(edition), fill),
        requests=requests,
        appeals=_blank(Appeals, fill),
        problems=Section(section("problems").heading.zh),
        other_matters=Section(section("other_matters").heading.zh),
    )


def report_from_cells(
    meta: Meta,
    cells: Mapping[str, CellValue],
    *,
    itemized_other_handling: bool | None = None,
) -> Report:
    """A report whose tables hold ``cells`` (path → value, as given: nothing is computed) and
    whose narrative sections are empty, with their standard headings.

    The shape of （六） follows from the paths unless given. Every cell of the shape must be
    given, and no other.
    """
    itemized = (
        any(p.startswith("requests.other_handling.") and p.count(".") == 3 for p in cells)
        if itemized_other_handling is None
        else itemized_other_handling
    )
    disclosure, requests, appeals = tables_from_cells(meta.edition, itemized, cells)
    return Report(
        meta=meta,
        overview=Section(section("overview").heading.zh),
        disclosure=disclosure,
        requests=requests,
        appeals=appeals,
        problems=Section(section("problems").heading.zh),
        other_matters=Section(section("other_matters").heading.zh),
    )


def tables_from_cells(
    edition: Edition, itemized: bool, cells: Mapping[str, CellValue]
) -> tuple[Disclosure, Requests, Appeals]:
    """Tables 2, 3 and 4 of a report shape holding ``cells`` (path → value): every cell of the
    shape, and no other, or ``ValueError`` naming what is missing and what is unknown."""
    expected = cell_paths(edition, itemized)
    if len(cells) == len(expected):
        try:
            disclosure, requests, appeals = (make(cells) for make in _makers(edition, itemized))
            return disclosure, requests, appeals
        except KeyError:
            pass
    missing = [p for p in expected if p not in cells]
    unknown = sorted(set(cells) - set(expected))
    raise _cannot("build the report", "cells", missing, unknown, most=5)


def _cannot(
    action: str, noun: str, missing: list[str], unknown: list[str], most: int | None = None
) -> ValueError:
    """The error for paths given that do not fit: the missing ones and the unknown ones (at
    most ``most`` of each, then "…")."""

    def listed(paths: list[str]) -> str:
        shown = paths if most is None else paths[:most]
        return ", ".join(shown) + (" …" if len(shown) < len(paths) else "")

    parts = [f"missing {noun} {listed(missing)}"] if missing else []
    if unknown:
        parts.append(f"unknown {noun} {listed(unknown)}")
    return ValueError(f"cannot {action}: " + "; ".join(parts))


#: a function that builds a table (or a row group, or a row) from cells by path
_Maker: TypeAlias = Callable[[Mapping[str, CellValue]], Any]
_MAKERS: dict[tuple[Edition, bool], tuple[_Maker, _Maker, _Maker]] = {}


def _makers(edition: Edition, itemized: bool) -> tuple[_Maker, _Maker, _Maker]:
    """The builders of the three tables of a report shape, made once: a row of cells is one
    ``itemgetter`` call, a group calls the builders of its parts."""
    found = _MAKERS.get((edition, itemized))
    if found is not None:
        return found

    def table_class(t: Any) -> Any:
        if t == _OTHER_HANDLING:
            return OtherHandling if itemized else RequestRow
        if t == Disclosure:
            return disclosure_class(edition)
        return t if attrs.has(t) else None

    def maker(cls: type, prefix: str) -> _Maker:
        parts: list[str | _Maker] = []
        for name, t in _fields(cls):
            path = f"{prefix}.{name}" if prefix else name
            sub = table_class(t)
            parts.append(path if sub is None else maker(sub, path))
        paths = [p for p in parts if isinstance(p, str)]
        if len(paths) == len(parts):  # a row: every field a cell
            get = itemgetter(*paths)
            if len(paths) == 1:
                return lambda cells: cls(get(cells))
            return lambda cells: cls(*get(cells))
        subs = [(lambda cells, p=p: cells[p]) if isinstance(p, str) else p for p in parts]
        return lambda cells: cls(*[sub(cells) for sub in subs])

    tables = [maker(table_class(t), name) for name, t in _fields(_Tables)]
    found = _MAKERS[(edition, itemized)] = (tables[0], tables[1], tables[2])
    return found


@attrs.frozen
class _Tables:
    """The three tables of a report, for the builders."""

    disclosure: Disclosure
    requests: Requests
    appeals: Appeals


_PATHS: dict[tuple[Edition, bool], tuple[str, ...]] = {}


def cell_paths(edition: Edition, itemized: bool) -> tuple[str, ...]:
    """The path of every table cell of a report shape (``itemized``: （六） as three items), in
    printed order: the one list of a shape's cells that the builders, the checks and the
    corpus share."""
    found = _PATHS.get((edition, itemized))
    if found is None:
        year = 2020 if edition is Edition.E2019 else 2021
        blank = new_report("-", year, edition, itemized_other_handling=itemized)
        found = _PATHS[(edition, itemized)] = tuple(p for p, _ in blank.cells())
    return found
