"""Builders for report authors: give the counts, get the totals computed.

The model stores totals as printed; these helpers compute them for someone writing a report,
from the identities the shape declares (:mod:`opengovreport.schema`):

* :func:`request_row` — one row of table 3 from the six applicant counts, with 总计;
* :func:`requests_table` — table 3 from its rows, with each 总计, the （七）总计 row and, unless
  given, 四、结转下年度继续办理 (carried forward = received + carried over − handled);
* :func:`appeal_group` / :func:`appeals_table` — table 4 with each group's 总计;
* :func:`disclosure_table` — table 2 of an edition from its cells;
* :func:`new_report` — an empty report (every cell blank) for an agency, year and edition, its
  opening paragraphs drafted (:func:`opening`), or next year's from last year's (``previous=``:
  上年结转, table 2's running figures and the opening paragraphs carried);
* :func:`opening` — the opening paragraphs of a report: the legal basis, the statistics period,
  where the report is published;
* :func:`fill_totals` — every total and derived row recomputed after cells were edited, with
  the totals that changed (:meth:`Report.with_totals` gives the report);
* :func:`narrative` — section 1 drafted from the tables: its standard sub-headings and the
  sentences that state figures, so that the prose never contradicts the tables;
* :func:`report_from_cells` — a report whose tables hold given cells.

Rows are named by their paths in the shape (``"withheld.state_secret"``). Rows and cells not
given are 0. Bad input raises ``ValueError`` naming the row and column.
"""

import contextlib
import re
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, TypeAlias, TypeVar

import attrs

from ._generated import define
from .errors import InputError
from .model import (
    _COUNT_ROWS,
    AppealGroup,
    Appeals,
    CellValue,
    Disclosure,
    Heading,
    Meta,
    Paragraph,
    Report,
    RequestRow,
    Requests,
    Section,
    shared_built_row,
    shared_row,
    unchecked,
)
from .schema import (
    OTHER_HANDLING_SINGLE,
    RUNNING_FIGURES,
    Code,
    Part,
    Shape,
    Table,
    section,
    shape,
    shapes,
)
from .values import COUNT, Bounds, CellKind, Edition, cell_sum, describe, format_value

__all__ = [
    "WEBSITE_TO_FILL",
    "AppealInput",
    "RowInput",
    "TotalChange",
    "Totals",
    "appeal_group",
    "appeals_table",
    "assemble_requests",
    "disclosure_table",
    "fill_totals",
    "narrative",
    "new_report",
    "opening",
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

T = TypeVar("T")


def _part(shape_: Shape, number: int) -> tuple[Table, Part]:
    table = next(t for t in shape_.tables if t.number == number)
    return table, table.parts[0]


def _parts_keys(number: int) -> tuple[str, ...]:
    """The columns of table 3 or 4 an author gives (not the total): the same in every shape."""
    _table, part = _part(shape(Edition.E2021), number)
    return tuple(c.key for c in part.columns if not c.total)


def _row(cls: type[T], values: tuple[int, ...]) -> T:
    return cls(*values)


def _count(value: object, where: str) -> int:
    if value is None or not COUNT.accepts(value):
        raise InputError(f"{where}: expected {COUNT.what}, found {describe(value)}")
    return value  # type: ignore[return-value]


def _counts(value: object, keys: tuple[str, ...], where: str) -> tuple[int, ...]:
    if isinstance(value, Mapping):
        unknown = sorted(set(value) - set(keys))
        if unknown:
            raise InputError(
                f"{where}: unknown column {', '.join(map(repr, unknown))}; known: {', '.join(keys)}"
            )
        return tuple(_count(value.get(k, 0), f"{where}.{k}") for k in keys)
    if isinstance(value, Sequence) and not isinstance(value, str):
        if len(value) != len(keys):
            raise InputError(
                f"{where}: expected {len(keys)} counts ({', '.join(keys)}), got {len(value)}"
            )
        return tuple(_count(v, f"{where}.{k}") for k, v in zip(keys, value, strict=True))
    raise InputError(f"{where}: expected {len(keys)} counts or a mapping, got {value!r}")


def request_row(
    natural_person: int = 0,
    commercial_enterprise: int = 0,
    research_institution: int = 0,
    public_interest_org: int = 0,
    legal_service_org: int = 0,
    other_org: int = 0,
) -> RequestRow:
    """A table 3 row from the six applicant counts, with 总计 computed."""
    counts = _counts(
        (
            natural_person,
            commercial_enterprise,
            research_institution,
            public_interest_org,
            legal_service_org,
            other_org,
        ),
        _parts_keys(3),
        "row",
    )
    return _row(RequestRow, (*counts, sum(counts)))


def appeal_group(
    upheld: int = 0, corrected: int = 0, other: int = 0, pending: int = 0
) -> AppealGroup:
    """A table 4 group with 总计 computed."""
    counts = _counts((upheld, corrected, other, pending), _parts_keys(4), "group")
    return _row(AppealGroup, (*counts, sum(counts)))


# --- totals from the identities -------------------------------------------------------------

#: the rules whose relations define a printed total (the others only check plausibility)
_DEFINING = frozenset({Code.I1, Code.I2, Code.I3, Code.I4})


def solve(shape_: Shape, cells: dict[str, CellValue]) -> list[str]:
    """Fill in ``cells`` the cells that the shape's identities (I1–I4) determine from the
    others: each relation with one cell missing gives it (a total from its parts; table 3's
    carried-forward row from the balance). Returns the paths filled, in order."""
    filled: list[str] = []
    relations = [r for r in shape_.relations if r.rule in _DEFINING and r.op == "="]
    progress = True
    while progress:
        progress = False
        for relation in relations:
            terms = [(t, 1) for t in relation.lhs] + [(t, -1) for t in relation.rhs]
            missing = [(t, side) for t, side in terms if cells.get(t.path) is None]
            if len(missing) != 1:
                continue
            (unknown, side) = missing[0]
            known = sum(
                side_ * t.weight * cells[t.path]  # type: ignore[operator,misc]
                for t, side_ in terms
                if t is not unknown
            )
            cells[unknown.path] = -known * side * unknown.weight
            filled.append(unknown.path)
            progress = True
    return filled


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
    s = shape(Edition.E2021, itemized_other_handling=itemized_other_handling)
    table, part = _part(s, 3)
    leaves = [leaf.path for leaf in part.leaves]
    totals = {leaf.path: leaf.label.zh for leaf in part.leaves if leaf.spec.total}
    forward = _row_of(next(r for r in s.relations if r.rule == Code.I1).rhs[-1].path)
    given = dict(rows or {})
    for path in given:
        if path in totals:
            raise InputError(f"row {path!r} ({totals[path]}) is computed from the outcome rows")
        if path == forward:
            raise InputError(f"row {path!r} is computed; pass carried_forward= to set it")
        if path not in leaves:
            raise InputError(f"unknown row {path!r}; known: {', '.join(leaves)}")
    keys = _parts_keys(3)
    cells: dict[str, CellValue] = {}
    for path in leaves:
        if path in totals or (path == forward and carried_forward is None):
            continue  # the identities give them
        value = carried_forward if path == forward else given.get(path, ())
        counts = _counts(value, keys, path) if value != () else (0,) * len(keys)
        cells.update((f"{table.key}.{path}.{k}", n) for k, n in zip(keys, counts, strict=True))
    solve(s, cells)
    for key in keys:
        left = cells[f"{table.key}.{forward}.{key}"]
        if left < 0:  # type: ignore[operator]
            handled = cells[f"{table.key}.{next(iter(totals))}.{key}"]
            available = handled + left  # type: ignore[operator]
            raise InputError(
                f"column {key}: {handled} requests handled but only {available} received "
                "or carried over"
            )
    return _table(s, table.key, cells)  # type: ignore[no-any-return]


def _row_of(path: str) -> str:
    """The row of a cell path in its table: ``requests.carried_forward.total`` →
    ``carried_forward``."""
    return path.split(".", 1)[1].rpartition(".")[0]


def assemble_requests(rows: Mapping[str, RequestRow]) -> Requests:
    """Table 3 from every one of its data rows, keyed by path, taken as given (no total is
    computed). The keys decide the shape of （六）: ``"other_handling"`` for one row, or its
    three items (``"other_handling.overdue_correction"`` …)."""
    candidates = list(shapes(Edition.E2021))
    for s in candidates:
        table, part = _part(s, 3)
        expected = [leaf.path for leaf in part.leaves]
        if set(expected) == set(rows):
            break
    else:
        table, part = _part(candidates[0], 3)
        expected = [leaf.path for leaf in part.leaves]
        missing = [p for p in expected if p not in rows]
        unknown = [p for p in rows if p not in expected]
        raise _cannot("assemble table 3", "rows", missing, unknown)
    cells: dict[str, CellValue] = {}
    for path, row in rows.items():
        if not isinstance(row, RequestRow):
            raise InputError(f"row {path!r}: expected a RequestRow, got {row!r}")
        for col in part.columns:
            cells[f"{table.key}.{path}.{col.key}"] = getattr(row, col.key)
    return _table(s, table.key, cells)  # type: ignore[no-any-return]


def appeals_table(
    reconsideration: AppealInput = (),
    litigation_direct: AppealInput = (),
    litigation_after_reconsideration: AppealInput = (),
) -> Appeals:
    """Table 4 from its three groups, each (upheld, corrected, other, pending); 总计 computed.

    A group not given is all 0.
    """
    _table, part = _part(shape(Edition.E2021), 4)
    given = (reconsideration, litigation_direct, litigation_after_reconsideration)
    keys = _parts_keys(4)
    groups = {}
    for leaf, value in zip(part.leaves, given, strict=True):  # the groups in printed order
        counts = _counts(value, keys, leaf.path) if value != () else (0,) * len(keys)
        groups[leaf.path] = _row(AppealGroup, (*counts, sum(counts)))
    return Appeals(**groups)


def _cell(bounds: Bounds, value: object, where: str) -> CellValue:
    """A cell of table 2 as an author gives it: an amount may also be an ``int`` or a decimal
    string (``"7730.28"``), read exactly; anything the cell cannot hold raises ``ValueError``."""
    if bounds.kind is CellKind.AMOUNT and type(value) in (int, str):
        with contextlib.suppress(InvalidOperation):
            value = Decimal(value)  # type: ignore[arg-type]
    found = bounds.problem(value)
    if found is not None:
        raise InputError(f"{where}: expected {bounds.expected}, found {found}")
    return value  # type: ignore[return-value]


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
    s = shape(edition)
    table = next(t for t in s.tables if t.number == 2)
    kinds = {c.path.split(".", 1)[1]: c.bounds for c in s.cells if c.table == table.number}
    given = dict(cells or {})
    for path in given:
        if path not in kinds:
            raise InputError(
                f"no cell {path!r} in table 2 of the {edition.value} edition; "
                f"known: {', '.join(kinds)}"
            )
    values = {
        f"{table.key}.{p}": _cell(b, given.get(p, _zero(b, default)), p) for p, b in kinds.items()
    }
    return _table(s, table.key, values)  # type: ignore[no-any-return]


def _zero(bounds: Bounds, default: int | None) -> CellValue:
    if default is None:
        return None
    return Decimal(default) if bounds.kind is CellKind.AMOUNT else default


def _blank_sections() -> dict[str, Section]:
    from .schema import SECTIONS

    return {s.key: Section(section(s.key).heading.zh) for s in SECTIONS if s.narrative}


def new_report(
    agency: str,
    year: int,
    edition: Edition | None = None,
    *,
    itemized_other_handling: bool | None = None,
    fill: int | None = None,
    shape: Shape | None = None,
    previous: Report | None = None,
    front_matter: Sequence[str] | None = None,
) -> Report:
    """An empty report for ``agency`` and ``year``: its opening paragraphs, the six sections
    with their standard headings and no text (a Word document of it shows a placeholder to fill
    under each), and every table cell blank (``None``), or ``fill`` (e.g. 0).

    ``edition`` follows from the year when not given; ``shape`` (a registered shape) decides
    the tables' layout, or else ``itemized_other_handling``: in the 2021 edition （六）其他处理
    is three items as the edition prints it, also when last year's report printed it as one
    row (a misprint of the edition's table); ``False`` makes the one-row hybrid.

    The opening paragraphs (``front_matter``, where not given): last year's, its year moved on
    to this one (统计期限自2024年1月1日 → 2025年), or else drafted by :func:`opening` (the
    legal basis, the statistics period, where the report is published, to fill).

    ``previous``, last year's report, carries what continues into this year's: 二、上年结转 is
    last year's 四、结转下年度继续办理 (so that T1 holds), the contact details, the opening
    paragraphs, and in table 2 of the same edition the running figures — 现行有效件数 (2021)
    and 对外公开总数量 (2019) as this year's base, which :func:`fill_totals` with ``previous``
    brings up to date, and 2019's 上一年项目数量 as last year's count plus its 本年增/减.
    """
    if previous is not None and previous.meta.year != year - 1:
        raise InputError(
            f"previous is the report on {previous.meta.year}; expected the one on {year - 1}"
        )
    if front_matter is None:
        if previous is not None and previous.meta.front_matter:
            front_matter = tuple(
                _moved_on(text, previous.meta.year, year) for text in previous.meta.front_matter
            )
        else:
            website = previous.meta.contact.website if previous and previous.meta.contact else None
            front_matter = opening(agency, year, website=website)
    if edition is None and shape is not None:
        edition = shape.edition  # the shape's edition, whatever the year's
    meta = Meta(agency, year) if edition is None else Meta(agency, year, edition)
    meta = attrs.evolve(meta, front_matter=tuple(front_matter))
    if fill is not None:
        _count(fill, "fill")
    if shape is None:
        try:
            shape = _shape_of(meta.edition, itemized_other_handling)
        except ValueError:
            if itemized_other_handling:
                raise InputError(
                    f"the {meta.edition.value} edition prints {_OTHER_HANDLING} as one row; "
                    "it cannot be itemized"
                ) from None
            raise
    elif shape.edition is not meta.edition:
        raise InputError(f"shape {shape.key} is of the {shape.edition.value} edition")
    cells = {c.path: _zero(c.bounds, fill) for c in shape.cells}
    if previous is not None:
        cells.update(_carried(previous, shape))
        meta = attrs.evolve(meta, contact=previous.meta.contact)
    parts: dict[str, Any] = {**_blank_sections(), **_tables(shape, cells)}
    return Report(meta=meta, **parts)


#: the law every report is made under, as reports cite it
_REGULATIONS = "《中华人民共和国政府信息公开条例》"
#: where a drafted opening leaves the report's website to fill
WEBSITE_TO_FILL = "【发布网站】"


def opening(agency: str, year: int, *, website: str | None = None) -> tuple[str, ...]:
    """The opening paragraphs of ``agency``'s report on ``year``, as offices write them: the
    legal basis (the Regulations) and what the report holds (its six parts), then the
    statistics period (1 January to 31 December of ``year``) and where the report is published
    (``website``, or :data:`WEBSITE_TO_FILL`)."""
    from .schema import SECTIONS

    parts = "、".join(spec.heading.zh.split("、", 1)[-1].replace("、", "") for spec in SECTIONS)
    return (
        f"本报告根据{_REGULATIONS}（以下简称《条例》）要求，由{agency}综合本机关工作情况"
        f"编制。报告全文由{parts}{len(SECTIONS)}个部分组成。",
        f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
        f"本报告电子版可在{website or WEBSITE_TO_FILL}查阅和下载。",
    )


def _moved_on(text: str, before: int, year: int) -> str:
    """Last year's opening with its year (``2023年``, ``2023 年``) as this one's."""
    return re.sub(rf"(?<!\d){before}(?=\s*年)", str(year), text)


#: table 3's rows carried from one year to the next: (this year's, last year's), from T1
def _carry_rows(earlier: Shape, later: Shape) -> list[tuple[str, str]]:
    from .schema import pair_relations

    pairs = []
    for relation in pair_relations(earlier, later):
        if relation.rule == Code.T1:
            (this,), (last,) = relation.lhs, relation.rhs
            if this.side == 0:
                this, last = last, this
            pairs.append((this.path, last.path))
    return pairs


def _carried(previous: Report, shape_: Shape) -> dict[str, CellValue]:
    """The cells of this year's report (of ``shape_``) that last year's gives."""
    last = dict(previous.cells())
    out: dict[str, CellValue] = {
        this: last[before] for this, before in _carry_rows(previous.shape, shape_)
    }
    if previous.shape.numbered(2) == shape_.numbered(2):
        for cell in shape_.cells:
            figure = _RUNNING.get(cell.column) if cell.table == 2 else None
            if figure is None:
                continue
            row = cell.path.rpartition(".")[0]
            if figure.from_columns:  # last year's sum (2019: its count, and its change)
                value: CellValue = None
                for key in figure.from_columns:
                    value = cell_sum(value, last.get(f"{row}.{key}"))
                out[cell.path] = value
            else:  # this year's base: last year's figure
                out[cell.path] = last[cell.path]
    return out


#: table 2's running figures, by column key (:data:`opengovreport.schema.RUNNING_FIGURES`)
_RUNNING = {figure.column: figure for figure in RUNNING_FIGURES}


# --- totals after edits ----------------------------------------------------------------------


@attrs.frozen
class TotalChange:
    """A printed total that :func:`fill_totals` changed: its path and label, before and after."""

    path: str
    label: str
    before: CellValue
    after: CellValue


@attrs.frozen
class Totals:
    """What :func:`fill_totals` gives: the report with every total recomputed, and the totals
    that changed (an empty tuple where the report's totals were right)."""

    report: Report
    changes: tuple[TotalChange, ...]


def _defining(shape_: Shape) -> list[tuple[str, Any]]:
    """(the cell a relation defines, the relation): each total of I2–I4, and the carried-forward
    cells of I1 (the balance's last term)."""
    out = []
    for relation in shape_.relations:
        if relation.op != "=" or relation.rule not in _DEFINING:
            continue
        target = relation.rhs[-1] if relation.rule == Code.I1 else relation.lhs[0]
        out.append((target.path, relation))
    return out


def fill_totals(report: Report, previous: Report | None = None) -> Totals:
    """``report`` with every total and derived cell recomputed from the cells an author gives:
    each row's 总计, the （七）总计 row, 四、结转下年度继续办理 (received + carried over −
    handled), table 4's 总计 — and, with last year's report (``previous``), table 2's running
    figures (2021 现行有效件数 = last year's + 本年制发 − 本年废止; 2019 对外公开总数量 = last
    year's + 本年新公开).

    A total of blank cells is blank; blank cells among others count as 0. Raises ``ValueError``
    where more is handled than was received and carried over in a column.
    """
    shape_ = report.shape
    cells = dict(report.cells())
    before = dict(cells)
    defining = _defining(shape_)
    pending = {path for path, _ in defining}
    for path in pending:
        cells[path] = None
    if previous is not None and previous.shape.numbered(2) == shape_.numbered(2):
        last = dict(previous.cells())
        for cell in shape_.cells:
            figure = _RUNNING.get(cell.column) if cell.table == 2 else None
            if figure is None or not figure.moves:
                continue
            row = cell.path.rpartition(".")[0]
            value = last[cell.path]
            for key, sign in figure.moves:
                moved = cells[f"{row}.{key}"]
                if moved is not None:
                    value = cell_sum(value, sign * moved)
            cells[cell.path] = value
    while pending:
        ready = [
            (path, r)
            for path, r in defining
            if path in pending and not any(t.path in pending for t in r.terms if t.path != path)
        ]
        if not ready:  # pragma: no cover - the format's totals never depend on each other
            break
        for path, relation in ready:
            if path in pending:
                cells[path] = _solved(path, relation, cells)
                pending.discard(path)
    labels = {c.path: c.label() for c in shape_.cells}
    changes = tuple(
        TotalChange(path, labels[path], before[path], cells[path])
        for path in shape_.paths
        if before[path] != cells[path] or type(before[path]) is not type(cells[path])
    )
    if not changes:
        return Totals(report, ())
    parts: dict[str, Any] = {
        key: getattr(report, key) for key in (s.key for s in shape_.sections if s.narrative)
    }
    parts.update(_tables(shape_, cells))
    return Totals(Report(meta=report.meta, **parts), changes)


def _solved(path: str, relation: Any, cells: Mapping[str, CellValue]) -> CellValue:
    """The value of the cell ``path`` that makes ``relation`` hold, blanks counted as 0; blank
    where every other cell of the relation is blank."""
    value: CellValue = None
    sign = -1 if any(t.path == path for t in relation.lhs) else 1
    for side, terms in ((1, relation.lhs), (-1, relation.rhs)):
        for term in terms:
            if term.path == path or cells[term.path] is None:
                continue
            term_value = cells[term.path]
            assert term_value is not None
            value = cell_sum(value, sign * side * term.weight * term_value)
    if value is not None and value < 0:
        raise InputError(
            f"{path}: {value} — more handled than received and carried over in this column"
        )
    return value


# --- section 1 from the figures --------------------------------------------------------------


def narrative(report: Report) -> Section:
    """Section 1 drafted from the report's tables: the standard sub-headings of the format
    ((一)主动公开 … (五)监督保障) and, under each, the sentences that state the tables'
    figures (收到申请、办结、予以公开、行政复议 …), so that the prose never contradicts the
    tables. A clause whose figure is blank is left out. The author replaces or extends the rest:
    ``attrs.evolve(report, overview=narrative(report))``."""
    from .schema import OVERVIEW_TOPICS

    cells = dict(report.cells())
    kinds = {c.path: c.kind for c in report.shape.cells}
    blocks: list[Heading | Paragraph] = []
    for topic in OVERVIEW_TOPICS:
        blocks.append(Heading(topic.heading.zh, 1))
        for sentence in topic.sentences_of(report.edition):
            clauses = []
            for clause in sentence:
                figures = [_figure(paths, cells) for paths in clause.figures]
                if all(f is not None for f in figures):
                    shown = [
                        format_value(f, kinds[paths[0]])
                        for f, paths in zip(figures, clause.figures, strict=True)
                    ]
                    clauses.append(clause.text.format(*shown))
            if clauses:
                blocks.append(Paragraph("，".join(clauses) + "。"))
    return Section(report.overview.heading, tuple(blocks))


def _figure(paths: tuple[str, ...], cells: Mapping[str, CellValue]) -> CellValue:
    """The sum of the cells at ``paths`` (blank where any is blank or not in the shape)."""
    total: CellValue = 0
    for path in paths:
        value = cells.get(path)
        if value is None:
            return None
        total = total + value  # type: ignore[operator]
    return total


_OTHER_HANDLING = OTHER_HANDLING_SINGLE.label.zh


def _shape_of(edition: Edition, itemized: bool | None) -> Shape:
    from .schema import shape as shape_for

    return shape_for(edition, itemized_other_handling=itemized)


def report_from_cells(
    meta: Meta,
    cells: Mapping[str, CellValue],
    *,
    itemized_other_handling: bool | None = None,
    shape: Shape | None = None,
) -> Report:
    """A report whose tables hold ``cells`` (path → value, as given: nothing is computed) and
    whose narrative sections are empty, with their standard headings.

    The shape follows from the paths among the edition's shapes unless given. Every cell of
    the shape must be given, and no other.
    """
    if shape is None:
        candidates = [
            s
            for s in _candidates(meta.edition, itemized_other_handling)
            if len(s.paths) == len(cells) and all(p in cells for p in s.paths)
        ]
        shape = candidates[0] if candidates else _shape_of(meta.edition, itemized_other_handling)
    parts: dict[str, Any] = {**_blank_sections(), **tables_from_cells(shape, cells)}
    return Report(meta=meta, **parts)


def _candidates(edition: Edition, itemized: bool | None) -> list[Shape]:
    from .schema import _itemized

    return [s for s in shapes(edition) if itemized is None or _itemized(s) == itemized]


def tables_from_cells(shape: Shape, cells: Mapping[str, CellValue]) -> dict[str, Any]:
    """The tables of ``shape``, by key, holding ``cells`` (path → value): every cell of the
    shape, and no other, or ``ValueError`` naming what is missing and what is unknown."""
    if len(cells) == len(shape.paths):
        try:
            return _tables(shape, cells)
        except KeyError:
            pass
    missing = [p for p in shape.paths if p not in cells]
    unknown = sorted(set(cells) - set(shape.paths))
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


#: a function that builds a table (or a group, or a row) from cells by path
_Maker: TypeAlias = Callable[[Mapping[str, CellValue]], Any]
_MAKERS: dict[tuple[Shape, str], _Maker] = {}


def _tables(shape: Shape, cells: Mapping[str, CellValue]) -> dict[str, Any]:
    """The tables of ``shape``, by key, from cells by path; ``KeyError`` for a missing cell."""
    return {t.key: _table(shape, t.key, cells) for t in shape.tables}


def _table(shape: Shape, key: str, cells: Mapping[str, CellValue]) -> Any:
    """The table ``key`` of ``shape`` from cells by path; ``KeyError`` for a missing cell."""
    return _maker(shape, key)(cells)


def _maker(shape: Shape, path: str) -> _Maker:
    """The builder of the table, group or row at ``path`` of ``shape``, made once: a row is one
    ``itemgetter`` call, a group calls the builders of its parts (a report's tables: 60 µs
    instead of 140 µs built field by field; ``bench_parse.py``)."""
    found = _MAKERS.get((shape, path))
    if found is not None:
        return found
    from operator import itemgetter

    cls = shape.classes[path]
    names = [f.name for f in attrs.fields(cls)]
    children = [f"{path}.{n}" for n in names]
    if not any(c in shape.classes for c in children):  # a row: every field a cell
        get = itemgetter(*children)
        maker: _Maker = (lambda c: cls(get(c))) if len(children) == 1 else (lambda c: cls(*get(c)))
    else:
        subs = [_maker(shape, c) for c in children]
        maker = lambda c: cls(*[sub(c) for sub in subs])  # noqa: E731
    _MAKERS[(shape, path)] = maker
    return maker


#: each shape's builder of its tables from a report's cells in the shape's order
_VALUE_MAKERS: dict[tuple[Shape, bool], Callable[[Sequence[CellValue]], dict[str, Any]]] = {}


def tables_of_values(
    shape: Shape, values: Sequence[CellValue], *, checked: bool = True
) -> dict[str, Any]:
    """The tables of ``shape``, by key, holding ``values``: every cell, in the order of
    ``shape.paths`` (what ``shape.fetch`` gives). A row of counts is shared with equal rows, as
    :func:`~opengovreport.loads` shares them (:func:`~opengovreport.model.shared_row`); the
    constructors check every value — unless not ``checked``, for the cells of a report already
    made, where they were checked (:func:`~opengovreport.model.built_report`). How a report
    travels between processes (its pickle)."""
    if len(values) != len(shape.paths):
        raise InputError(f"shape {shape.key} has {len(shape.paths)} cells, not {len(values)}")
    make = _VALUE_MAKERS.get((shape, checked))
    if make is None:
        make = _VALUE_MAKERS[(shape, checked)] = _value_maker(shape, checked)
    return make(values)


def _value_maker(shape: Shape, checked: bool) -> Callable[[Sequence[CellValue]], dict[str, Any]]:
    """One function that builds the tables of ``shape`` from its cells, a line per row and
    group (a report's tables: about 25 µs, against 40 µs for a builder per row), by the
    constructors or, not ``checked``, by :func:`~opengovreport.model.unchecked` makers. Made of
    the shape's classes and indices, never of input."""
    position = {p: i for i, p in enumerate(shape.paths)}
    env: dict[str, Any] = {"shared_row": shared_row if checked else shared_built_row}
    lines: list[str] = []

    def build(path: str) -> str:
        cls = shape.classes[path]
        name = f"C{len(env)}"
        env[name] = cls
        make = name if checked else f"U{name}"
        env[make] = cls if checked else unchecked(cls)
        children = [f"{path}.{f.name}" for f in attrs.fields(cls)]
        if any(c in shape.classes for c in children):
            parts = ", ".join(build(c) for c in children)
            return f"{make}({parts})"
        cells = ", ".join(f"v[{position[c]}]" for c in children)
        if cls in _COUNT_ROWS and len(children) > 1:
            return f"shared_row({name}, ({cells}))"
        return f"{make}({cells})"

    for table in shape.tables:
        lines.append(f"    {table.key} = {build(table.key)}")
    keys = ", ".join(f"{t.key!r}: {t.key}" for t in shape.tables)
    code = "def make(v):\n" + "\n".join(lines) + f"\n    return {{{keys}}}\n"
    made: Callable[[Sequence[CellValue]], dict[str, Any]] = define(code, "make", env, "builder")
    return made
