"""One engine for every rule: relations compiled per table shape, evaluated over cell values.

A relation says ``sum(lhs) op sum(weight × rhs)`` over cells named by path. The relations of a
report's shape (edition × the shape of （六）) are compiled once into index lists over the tuple of
the report's cell values, which one C-level ``attrgetter`` call fetches; evaluating a report is
then a loop of tuple look-ups and sums.
"""

import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from operator import itemgetter
from typing import Any

import attrs

from ..builders import cell_paths
from ..model import CellValue, Report, cells_getter
from ..schema import (
    TABLE3_COLUMNS,
    TABLE4_COLUMNS,
    TABLE4_GROUPS,
    Edition,
    Label,
    cell_label,
    disclosure_blocks,
    row_label,
    table3_leaf_rows,
    table3_outcome_rows,
    table_number,
)
from ._catalog import Rule, Severity, rule
from ._result import CellRef, CheckError, CheckResult, Finding

__all__ = ["check", "check_series"]

_APPLICANTS = tuple(c.key for c in TABLE3_COLUMNS[:-1])
_PARTS4 = tuple(c.key for c in TABLE4_COLUMNS[:-1])


@attrs.frozen
class _Relation:
    rule: Rule
    #: where in the report, for messages (a column, a row, a group)
    where: Label
    lhs: tuple[str, ...]
    rhs: tuple[tuple[str, int], ...]


_Getter = Callable[[Sequence[Any]], tuple[Any, ...]]


def _tuple_getter(indices: Sequence[int]) -> _Getter:
    if len(indices) == 1:
        i = indices[0]
        return itemgetter(slice(i, i + 1))
    return itemgetter(*indices)


@attrs.frozen
class _Compiled:
    relation: _Relation
    lhs: tuple[int, ...]
    rhs: tuple[int, ...]
    weights: tuple[int, ...] | None
    lget: Callable[[Sequence[Any]], tuple[Any, ...]]
    rget: Callable[[Sequence[Any]], tuple[Any, ...]]

    @classmethod
    def of(cls, relation: _Relation, index: Mapping[str, int]) -> "_Compiled":
        lhs = tuple(index[p] for p in relation.lhs)
        rhs = tuple(index[p] for p, _ in relation.rhs)
        weights = tuple(w for _, w in relation.rhs)
        return cls(
            relation,
            lhs,
            rhs,
            None if all(w == 1 for w in weights) else weights,
            _tuple_getter(lhs),
            _tuple_getter(rhs),
        )


def _where(zh: str, en: str) -> Label:
    return Label(zh, en)


def _column_where(key: str) -> Label:
    col = next(c for c in TABLE3_COLUMNS if c.key == key)
    return _where(f"表三「{col.label.zh}」列", f"table 3, column {col.label.en}")


def _report_relations(edition: Edition, itemized: bool) -> list[_Relation]:
    rels: list[_Relation] = []
    i1, i2, i3, i4, t3, t4 = (rule(c) for c in ("I1", "I2", "I3", "I4", "T3", "T4"))
    outcomes = [leaf.path for leaf in table3_outcome_rows(itemized)]
    for col in TABLE3_COLUMNS:
        c = col.key
        where = _column_where(c)
        rels.append(
            _Relation(
                i1,
                where,
                (f"requests.new_received.{c}", f"requests.carried_over.{c}"),
                ((f"requests.total_handled.{c}", 1), (f"requests.carried_forward.{c}", 1)),
            )
        )
        rels.append(
            _Relation(
                i2,
                where,
                (f"requests.total_handled.{c}",),
                tuple((f"requests.{p}.{c}", 1) for p in outcomes),
            )
        )
    for leaf in table3_leaf_rows(itemized):
        rels.append(
            _Relation(
                i3,
                _where(
                    f"表三「{row_label(leaf.path)}」行",
                    f"table 3, row {row_label(leaf.path, 'en')}",
                ),
                (f"requests.{leaf.path}.total",),
                tuple((f"requests.{leaf.path}.{a}", 1) for a in _APPLICANTS),
            )
        )
    for key, label, spanner in TABLE4_GROUPS:
        group = (
            label if spanner is None else Label(spanner.zh + label.zh, f"{spanner.en}, {label.en}")
        )
        rels.append(
            _Relation(
                i4,
                _where(f"表四「{group.zh}」", f"table 4, {group.en}"),
                (f"appeals.{key}.total",),
                tuple((f"appeals.{key}.{p}", 1) for p in _PARTS4),
            )
        )
    for block in disclosure_blocks(edition):
        cols = {c.key for c in block.columns}
        for row in block.rows:
            prefix = f"disclosure.{block.key}.{row.key}"
            where = _where(
                f"表二{block.label.zh}「{row.label.zh}」",
                f"table 2, {block.label.en}, {row.label.en}",
            )
            if {"in_force", "issued"} <= cols:
                rels.append(
                    _Relation(t3, where, (f"{prefix}.in_force",), ((f"{prefix}.issued", 1),))
                )
            if {"last_year", "change", "decisions"} <= cols:
                rels.append(
                    _Relation(
                        t4,
                        where,
                        (f"{prefix}.decisions",),
                        ((f"{prefix}.last_year", 1), (f"{prefix}.change", 1)),
                    )
                )
    return rels


@attrs.frozen
class _Plan:
    """The compiled checks of one report shape."""

    edition: Edition
    paths: tuple[str, ...]
    fetch: Callable[[Report], tuple[Any, ...]]
    relations: tuple[_Compiled, ...]
    #: the relations again, as plain tuples for the fast loop: (is "=", lhs getter, rhs getter)
    fast: tuple[
        tuple[
            bool,
            Callable[[Sequence[Any]], tuple[Any, ...]],
            Callable[[Sequence[Any]], tuple[Any, ...]],
            _Compiled,
        ],
        ...,
    ]
    #: a quick test of the usual report: groups of equalities ``a = b₁ + … + bₖ`` (table 3's
    #: row totals) tested together, each getter taking one term of every equality of the
    #: group, and the other relations one by one
    rows: tuple[tuple[_Getter, tuple[_Getter, ...]], ...]
    rest: tuple[tuple[bool, _Getter, _Getter], ...]

    @classmethod
    def build(cls, edition: Edition, itemized: bool) -> "_Plan":
        paths = cell_paths(edition, itemized)
        index = {p: i for i, p in enumerate(paths)}
        compiled = tuple(_Compiled.of(r, index) for r in _report_relations(edition, itemized))
        assert all(c.weights is None for c in compiled)
        return cls(
            edition,
            paths,
            cells_getter(paths),
            compiled,
            tuple((c.relation.rule.op == "=", c.lget, c.rget, c) for c in compiled),
            *_quick_test(compiled),
        )


def _quick_test(
    compiled: Sequence[_Compiled],
) -> tuple[
    tuple[tuple[_Getter, tuple[_Getter, ...]], ...], tuple[tuple[bool, _Getter, _Getter], ...]
]:
    """The relations for :func:`_all_hold`: equalities of one cell to a sum of k cells, in
    groups of eight or more of one k, and the rest."""
    by_width: dict[int, list[_Compiled]] = defaultdict(list)
    for c in compiled:
        if c.relation.rule.op == "=" and len(c.lhs) == 1 and len(c.rhs) > 1:
            by_width[len(c.rhs)].append(c)
    grouped = {id(c) for group in by_width.values() if len(group) >= 8 for c in group}
    rows = tuple(
        (
            _tuple_getter([c.lhs[0] for c in group]),
            tuple(_tuple_getter([c.rhs[k] for c in group]) for k in range(width)),
        )
        for width, group in by_width.items()
        if len(group) >= 8
    )
    rest = tuple(
        (c.relation.rule.op == "=", c.lget, c.rget) for c in compiled if id(c) not in grouped
    )
    return rows, rest


def _all_hold(plan: "_Plan", values: tuple[Any, ...]) -> bool:
    """Whether every relation holds, for values that are all numbers."""
    for lhs, terms in plan.rows:
        if tuple(map(sum, zip(*[get(values) for get in terms], strict=True))) != lhs(values):
            return False
    for eq, lget, rget in plan.rest:
        printed, computed = sum(lget(values)), sum(rget(values))
        if printed != computed if eq else printed < computed:
            return False
    return True


#: the plans by (2021 edition, itemized （六）): an edition's hash is computed in Python
_PLANS: dict[tuple[bool, bool], _Plan] = {}


def _plan(edition: Edition, itemized: bool) -> _Plan:
    plan = _PLANS.get((edition is Edition.E2021, itemized))
    if plan is None:
        plan = _PLANS[(edition is Edition.E2021, itemized)] = _Plan.build(edition, itemized)
    return plan


# --- evaluation -----------------------------------------------------------------------------


def _numeric(value: object) -> bool:
    return type(value) is int or isinstance(value, Decimal)


class _Cells:
    """How to describe the cell behind an index of a value tuple: its path, and the report it
    is in (``reports[sides[i]]``, or the one report when ``sides`` is ``None``)."""

    def __init__(
        self, paths: Sequence[str], reports: Sequence[Report], sides: Sequence[int] | None = None
    ):
        self.paths = paths
        self.reports = reports
        self.sides = sides

    def report(self, i: int) -> Report:
        return self.reports[0 if self.sides is None else self.sides[i]]

    def refs(self, indices: Iterable[int], values: tuple[Any, ...]) -> tuple[CellRef, ...]:
        out = []
        for i in indices:
            path, meta = self.paths[i], self.report(i).meta
            out.append(
                CellRef(path, cell_label(path, meta.edition), values[i], meta.agency, meta.year)
            )
        return tuple(out)

    def label(self, i: int, lang: str = "zh") -> str:
        return cell_label(self.paths[i], self.report(i).meta.edition, lang)


def _fmt(value: object) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _evaluate(
    compiled: Iterable[_Compiled],
    values: tuple[Any, ...],
    cells: _Cells,
    about: Report,
    out: list[Finding],
) -> None:
    for c in compiled:
        lv = c.lget(values)
        rv = c.rget(values)
        if None in lv or None in rv:
            out.append(_unassessable(c, values, cells, about))
            continue
        printed = sum(lv)
        computed = (
            sum(rv) if c.weights is None else sum(v * w for v, w in zip(rv, c.weights, strict=True))
        )
        if printed != computed if c.relation.rule.op == "=" else printed < computed:
            out.append(_failed(c, values, cells, about, printed, computed))


def _involved(c: _Compiled, values: tuple[Any, ...], cells: _Cells) -> tuple[CellRef, ...]:
    return cells.refs(c.lhs + c.rhs, values)


def _table(path: str) -> int:
    return table_number(path)


def _failed(
    c: _Compiled,
    values: tuple[Any, ...],
    cells: _Cells,
    about: Report,
    printed: CellValue,
    computed: CellValue,
) -> Finding:
    r = c.relation.rule
    zh, en, diff = _messages(c.relation.where, r, printed, computed)
    refs = _involved(c, values, cells)
    return Finding(
        r.code,
        r.severity,
        _table(refs[0].path),
        about.meta.agency,
        about.meta.year,
        refs,
        printed,
        computed,
        diff,
        (),
        zh,
        en,
    )


def _messages(
    where: Label, r: Rule, printed: CellValue, computed: CellValue
) -> tuple[str, str, CellValue]:
    """The Chinese and English messages of a failed relation, and its difference."""
    diff: CellValue = printed - computed  # type: ignore[operator]
    p, c, d = _fmt(printed), _fmt(computed), _fmt(diff)
    if r.op == "=":
        zh = f"{where.zh}：{r.lhs.zh} = {p}，而 {r.rhs.zh} = {c}，相差 {d}"
        en = f"{where.en}: {r.lhs.en} = {p}, but {r.rhs.en} = {c} (difference {d})"
    else:
        zh = f"{where.zh}：{r.lhs.zh} {p} 小于 {r.rhs.zh} {c}"
        en = f"{where.en}: {r.lhs.en} {p} is less than {r.rhs.en} {c}"
    return zh, en, diff


def _unassessable(c: _Compiled, values: tuple[Any, ...], cells: _Cells, about: Report) -> Finding:
    r, where = c.relation.rule, c.relation.where
    blank_idx = [i for i in c.lhs + c.rhs if values[i] is None]
    blank = tuple(cells.paths[i] for i in blank_idx)
    names_zh = "、".join(cells.label(i) for i in blank_idx)
    names_en = "; ".join(cells.label(i, "en") for i in blank_idx)
    refs = _involved(c, values, cells)
    return Finding(
        r.code,
        Severity.NOT_ASSESSABLE,
        _table(refs[0].path),
        about.meta.agency,
        about.meta.year,
        refs,
        None,
        None,
        None,
        blank,
        f"{where.zh}：无法核对 {r.identity.zh}，空白单元格：{names_zh}",
        f"{where.en}: cannot check {r.identity.en}; blank: {names_en}",
    )


def _sorted(findings: list[Finding]) -> tuple[Finding, ...]:
    return tuple(sorted(findings, key=lambda f: -f.severity.rank))


def _check_one(report: Report, out: list[Finding]) -> None:
    plan = _plan(report.meta.edition, report.requests.other_handling_itemized)
    values = plan.fetch(report)
    if None in values:  # a blank cell: the relations that need it are not assessable
        cells = _Cells(plan.paths, (report,))
        _evaluate(plan.relations, values, cells, report, out)
        return
    if _all_hold(plan, values):  # every relation holds
        return
    for eq, lget, rget, c in plan.fast:  # name the relations that fail
        printed = sum(lget(values))
        computed = sum(rget(values))
        if printed != computed if eq else printed < computed:
            cells = _Cells(plan.paths, (report,))
            out.append(_failed(c, values, cells, report, printed, computed))


_NOTHING_FOUND = CheckResult(())


def check(report: Report, *, strict: bool = False) -> CheckResult:
    """Every rule of the catalogue that applies to one report; never raises for a report (the
    model holds no impossible value: its constructors reject them).

    With ``strict=True`` a result that is not ``ok`` raises :class:`CheckError` carrying every
    finding.
    """
    out: list[Finding] = []
    _check_one(report, out)
    result = CheckResult(_sorted(out)) if out else _NOTHING_FOUND
    if strict and not result.ok:
        raise CheckError(result)
    return result


# --- across reports -------------------------------------------------------------------------


def _pair_relations(earlier: Report, later: Report) -> list[_Relation]:
    """T1 (and T2 where both use the 2021 edition) between consecutive years of an agency."""
    t1, t2 = rule("T1"), rule("T2")
    rels = [
        _Relation(
            t1,
            _where(
                f"{_column_where(c.key).zh}，{earlier.meta.year}→{later.meta.year}年",
                f"{_column_where(c.key).en}, {earlier.meta.year}→{later.meta.year}",
            ),
            (f"1:requests.carried_over.{c.key}",),
            ((f"0:requests.carried_forward.{c.key}", 1),),
        )
        for c in TABLE3_COLUMNS
    ]
    if earlier.meta.edition is Edition.E2021 and later.meta.edition is Edition.E2021:
        block = disclosure_blocks(Edition.E2021)[0]
        for row in block.rows:
            p = f"disclosure.{block.key}.{row.key}"
            rels.append(
                _Relation(
                    t2,
                    _where(
                        f"表二{block.label.zh}「{row.label.zh}」，{earlier.meta.year}→{later.meta.year}年",
                        f"table 2, {block.label.en}, {row.label.en}, "
                        f"{earlier.meta.year}→{later.meta.year}",
                    ),
                    (f"1:{p}.in_force",),
                    ((f"0:{p}.in_force", 1), (f"1:{p}.issued", 1), (f"1:{p}.repealed", -1)),
                )
            )
    return rels


@attrs.frozen
class _PairPlan:
    """The compiled rules between two consecutive reports of given editions and years."""

    relations: tuple[_Compiled, ...]
    #: the cells the rules read, sorted by side: their paths, and 0 for the earlier report or
    #: 1 for the later
    paths: tuple[str, ...]
    sides: tuple[int, ...]
    #: the values of the cells read from the earlier and from the later report
    fetch: tuple[Callable[[Report], tuple[Any, ...]], Callable[[Report], tuple[Any, ...]]]


#: the plans by (earlier report in the 2021 edition, later report in it, years)
_PAIR_PLANS: dict[tuple[bool, bool, int, int], _PairPlan] = {}


def _pair_plan(earlier: Report, later: Report) -> _PairPlan:
    e0, e1 = earlier.meta, later.meta
    key = (e0.edition is Edition.E2021, e1.edition is Edition.E2021, e0.year, e1.year)
    plan = _PAIR_PLANS.get(key)
    if plan is None:
        rels = _pair_relations(earlier, later)
        needed = sorted({p for r in rels for p in r.lhs + tuple(q for q, _ in r.rhs)})
        index = {p: i for i, p in enumerate(needed)}
        sides = tuple(int(p[0]) for p in needed)
        paths = tuple(p[2:] for p in needed)
        getters = [
            cells_getter([p for p, side in zip(paths, sides, strict=True) if side == k])
            for k in (0, 1)
        ]
        plan = _PAIR_PLANS[key] = _PairPlan(
            tuple(_Compiled.of(r, index) for r in rels), paths, sides, (getters[0], getters[1])
        )
    return plan


def _check_pair(earlier: Report, later: Report, out: list[Finding]) -> None:
    plan = _pair_plan(earlier, later)
    reports = (earlier, later)
    # the cells are sorted by side: the earlier report's first
    values = plan.fetch[0](earlier) + plan.fetch[1](later)
    cells = _Cells(plan.paths, reports, plan.sides)
    _evaluate(plan.relations, values, cells, later, out)


def _t6_unassessable(parent: Report, zh: str, en: str) -> Finding:
    m = parent.meta
    return Finding(
        "T6",
        Severity.NOT_ASSESSABLE,
        3,
        m.agency,
        m.year,
        (),
        None,
        None,
        None,
        (),
        f"{m.agency} {m.year}年：{zh}",
        f"{m.agency} {m.year}: {en}",
    )


def _units_missing(parent: Report, missing: list[str]) -> Finding:
    names = "、".join(missing)
    return _t6_unassessable(
        parent,
        f"缺少下属单位报告：{names}，无法核对汇总",
        f"no report of {names}; cannot check the sum",
    )


def _check_parent(parent: Report, units: Sequence[Report], out: list[Finding]) -> None:
    from ..aggregate import aggregate

    t6 = rule("T6")
    try:
        total = aggregate(units, agency=parent.meta.agency, year=parent.meta.year)
    except ValueError as exc:
        out.append(
            _t6_unassessable(
                parent, f"无法汇总下属单位报告（{exc}）", f"cannot sum the units' reports ({exc})"
            )
        )
        return
    if total.meta.edition is not parent.meta.edition:
        out.append(
            _t6_unassessable(
                parent,
                f"汇总报告为{parent.meta.edition.value}年版，下属单位为{total.meta.edition.value}年版",
                f"the summary uses the {parent.meta.edition.value} edition, "
                f"the units the {total.meta.edition.value} edition",
            )
        )
        return
    parent_cells = dict(_collapse(parent, total))
    unit_cells = [(u, dict(_collapse(u, total))) for u in units]
    for path, expected in _collapse(total, parent):
        printed = parent_cells[path]
        if printed is None and expected is None:
            continue
        label_zh = cell_label(path, parent.meta.edition)
        label_en = cell_label(path, parent.meta.edition, "en")
        refs = (
            CellRef(path, label_zh, printed, parent.meta.agency, parent.meta.year),
            *(
                CellRef(path, label_zh, c.get(path), u.meta.agency, u.meta.year)
                for u, c in unit_cells
            ),
        )
        if printed is None or expected is None:
            who_zh, who_en = (
                ("汇总报告", "the summary") if printed is None else ("各下属单位", "every unit")
            )
            out.append(
                Finding(
                    t6.code,
                    Severity.NOT_ASSESSABLE,
                    _table(path),
                    parent.meta.agency,
                    parent.meta.year,
                    refs,
                    None,
                    None,
                    None,
                    (path,),
                    f"{label_zh}：无法核对汇总，{who_zh}为空白",
                    f"{label_en}: cannot check the sum; {who_en} is blank",
                )
            )
        elif _numeric(printed) and _numeric(expected) and printed != expected:
            zh, en, diff = _messages(Label(label_zh, label_en), t6, printed, expected)
            out.append(
                Finding(
                    t6.code,
                    t6.severity,
                    _table(path),
                    parent.meta.agency,
                    parent.meta.year,
                    refs,
                    printed,
                    expected,
                    diff,
                    (),
                    zh,
                    en,
                )
            )


def _collapse(report: Report, other: Report) -> list[tuple[str, CellValue]]:
    """The cells of ``report``, with （六） as one row when ``other`` prints it so."""
    from ..aggregate import collapse_other_handling

    if report.requests.other_handling_itemized and not other.requests.other_handling_itemized:
        report = collapse_other_handling(report)
    return list(report.cells())


def check_series(
    reports: Iterable[Report],
    *,
    units: Mapping[str, Sequence[str]] | None = None,
    strict: bool = False,
) -> CheckResult:
    """Each report's own rules, and the rules across reports: T1 and T2 between consecutive
    years of each agency, and T6 for each summary body named in ``units`` (agency → the
    agencies whose reports it sums), year by year.

    Raises ``ValueError`` when two reports have the same agency and year.
    """
    reports = list(reports)
    by_key: dict[tuple[str, int], Report] = {}
    for r in reports:
        key = (r.meta.agency, r.meta.year)
        if key in by_key:
            raise ValueError(f"two reports of {key[0]} for {key[1]}; a series holds one per year")
        by_key[key] = r
    out: list[Finding] = []
    for r in reports:
        _check_one(r, out)
    years: dict[str, list[int]] = defaultdict(list)
    for agency, year in by_key:
        years[agency].append(year)
    for agency, ys in years.items():
        ys.sort()
        for a, b in itertools.pairwise(ys):
            if b == a + 1:
                _check_pair(by_key[(agency, a)], by_key[(agency, b)], out)
    for parent, children in (units or {}).items():
        for (agency, year), report in by_key.items():
            if agency != parent:
                continue
            missing = [c for c in children if (c, year) not in by_key]
            if missing:
                out.append(_units_missing(report, missing))
            else:
                _check_parent(report, [by_key[(c, year)] for c in children], out)
    result = CheckResult(_sorted(out))
    if strict and not result.ok:
        raise CheckError(result)
    return result
