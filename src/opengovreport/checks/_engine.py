"""One engine for every rule: a shape's relations compiled once, evaluated over cell values.

A relation says ``sum(lhs) op sum(rhs)`` over weighted cells (:class:`~opengovreport.schema.
Relation`). The relations of a shape are compiled into one Python function over the tuple of a
report's cell values, which evaluates every relation and returns those that fail; a blank cell
is read as 0 for that evaluation, and the relations that need it are reported not assessable
instead. The rules across reports (T1, T2) are compiled the same way per pair of shapes.
"""

import itertools
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from typing import Any, Protocol

import attrs

from .._generated import define
from ..errors import InputError, WrongTypeError
from ..model import CellValue, Report
from ..schema import Cell, Code, Label, Relation, Rule, Shape, Term, rule
from ..totals import aggregate, fold
from ..values import Severity, format_value
from ._narrative import narrative_findings
from ._result import CellRef, CheckError, CheckResult, Finding
from ._review import Review, review_of
from ._sections import section_findings

__all__ = ["check", "check_series", "pair_relations"]


class _Dated(Protocol):
    """What a finding is about: a report, or its agency and year alone (:class:`Dated`)."""

    @property
    def agency(self) -> str: ...  # pragma: no cover

    @property
    def year(self) -> int: ...  # pragma: no cover


class _About(Protocol):
    @property
    def meta(self) -> _Dated: ...  # pragma: no cover


@attrs.frozen
class Dated:
    """A report named by its agency and year alone, for the rules across years run over cell
    values without the report (the frames of :mod:`opengovreport._frames`); its ``meta`` is
    itself, as a report's names its agency and year."""

    agency: str
    year: int

    @property
    def meta(self) -> "Dated":
        return self


#: a compiled evaluation: the failures among a shape's relations, as (relation, printed,
#: computed)
_Evaluate = Callable[[Sequence[Any]], list[tuple[int, Any, Any]]]


def _compile(relations: Sequence[Relation], index: Callable[[Term], int]) -> _Evaluate:
    """One function that evaluates every relation over a tuple of values ``v``: a line of sums
    per relation, several times faster than a loop over the relations (``bench_checks.py``
    prints both, for the synthetic example's relations). Every value a relation reads is in a
    sum (``0 + v`` for a side of one cell), so that a blank cell raises ``TypeError``. It is
    made of indices and weights, never of input."""

    def side(terms: Sequence[Term]) -> str:
        out = ""
        for t in terms:
            i = index(t)
            if t.weight == 1:
                out += f" + v{i}" if out else f"v{i}"
            elif t.weight == -1:
                out += f" - v{i}" if out else f"-v{i}"
            else:
                out += f" + {t.weight} * v{i}" if out else f"{t.weight} * v{i}"
        if len(terms) == 1 and terms[0].weight == 1:
            out = f"0 + {out}"  # a blank cell (None) raises TypeError in every sum it is in
        return out or "0"

    used = sorted({index(t) for r in relations for t in r.terms})
    size = max(used, default=-1) + 1
    # the values as locals: each then costs a LOAD_FAST in the sums
    unpack = ", ".join(f"v{i}" if i in set(used) else "_" for i in range(size))
    lines = ["def evaluate(v):", "    out = []"]
    if size:
        lines.append(f"    ({unpack},) = v[:{size}]")
    for k, r in enumerate(relations):
        fails = "a != b" if r.op == "=" else "a < b"
        lines.append(f"    a = {side(r.lhs)}")
        lines.append(f"    b = {side(r.rhs)}")
        lines.append(f"    if {fails}:")
        lines.append(f"        out.append(({k}, a, b))")
    lines.append("    return out")
    evaluate: _Evaluate = define("\n".join(lines) + "\n", "evaluate", {}, "relations")
    return evaluate


@attrs.frozen
class _Plan:
    """The compiled relations of one shape (or of a pair of shapes, across years)."""

    relations: tuple[Relation, ...]
    #: the index of each relation's cells in the value tuple, lhs then rhs
    cells: tuple[tuple[int, ...], ...]
    #: the relations that involve each cell
    by_cell: dict[int, tuple[int, ...]]
    evaluate: _Evaluate

    @classmethod
    def build(cls, relations: Sequence[Relation], index: Callable[[Term], int]) -> "_Plan":
        cells = tuple(tuple(index(t) for t in r.terms) for r in relations)
        by_cell: dict[int, list[int]] = defaultdict(list)
        for k, indices in enumerate(cells):
            for i in indices:
                by_cell[i].append(k)
        return cls(
            tuple(relations),
            cells,
            {i: tuple(ks) for i, ks in by_cell.items()},
            _compile(relations, index),
        )

    def verdict(
        self, values: Sequence[Any], among: Iterable[int], only: AbstractSet[int]
    ) -> tuple[list[int], int]:
        """The relations of ``only`` over any cell of ``among`` that fail among ``values`` (a
        blank cell, ``None``, makes those that need it not assessable), and how many of them
        could be assessed. The reader weighs its readings of what it read with this."""
        failed, unassessable = self.run(values)
        wanted = {k for i in among for k in self.by_cell.get(i, ()) if k in only}
        return [k for k, _, _ in failed if k in wanted], len(wanted - unassessable)

    def run(self, values: Sequence[Any]) -> tuple[list[tuple[int, Any, Any]], set[int]]:
        """The failing relations, and the relations not assessable for a blank cell."""
        try:
            # every cell a relation reads is in a sum, so a blank one (None) raises TypeError:
            # the values need no search for a blank first (200 cells: an eighth of a check)
            return self.evaluate(values), set()
        except TypeError:
            pass
        blank = {i for i, v in enumerate(values) if v is None}
        unassessable = {k for i in blank for k in self.by_cell.get(i, ())}
        zeros = [0 if v is None else v for v in values]
        failed = [f for f in self.evaluate(zeros) if f[0] not in unassessable]
        return failed, unassessable


#: each shape's plan (a shape is its own key: its declarations are what the plan is made of)
_PLANS: dict[Shape, _Plan] = {}


def plan(shape: Shape) -> _Plan:
    """The compiled relations of ``shape`` (made once per shape): the one evaluator of the
    identities, for the checks and for the reader's reconciling."""
    return _plan(shape)


def _plan(shape: Shape) -> _Plan:
    plan = _PLANS.get(shape)
    if plan is None:
        position = {p: i for i, p in enumerate(shape.paths)}
        plan = _PLANS[shape] = _Plan.build(shape.relations, lambda t: position[t.path])
    return plan


# --- findings -------------------------------------------------------------------------------


class _Reports:
    """The reports a value tuple comes from (one, or a pair across years) and how to name the
    cell behind each index."""

    def __init__(self, shapes: tuple[Shape, ...], reports: Sequence[_About]):
        self.reports = reports
        self.cells, self._labels = _named_cells(shapes)

    def ref(self, i: int, values: Sequence[Any]) -> CellRef:
        side, cell = self.cells[i]
        meta = self.reports[side].meta
        return CellRef(
            path=cell.path,
            label=self._labels[i],
            value=values[i],
            agency=meta.agency,
            year=meta.year,
        )

    def label(self, i: int, lang: str) -> str:
        return self._labels[i] if lang == "zh" else self.cells[i][1].label(lang)


_NAMED: dict[tuple[Shape, ...], tuple[list[tuple[int, Cell]], list[str]]] = {}


def _named_cells(shapes: tuple[Shape, ...]) -> tuple[list[tuple[int, Cell]], list[str]]:
    """The cells behind the indices of a value tuple of reports of ``shapes`` (side, cell),
    and their Chinese labels: made once per shapes (a pair's findings named 150,000 cells in
    the corpus of bench_corpus.py, each label joined again)."""
    found = _NAMED.get(shapes)
    if found is None:
        cells = [(side, c) for side, s in enumerate(shapes) for c in s.cells]
        found = _NAMED[shapes] = (cells, [c.label() for _side, c in cells])
    return found


def _messages(
    where: Label,
    r: Rule,
    printed: CellValue,
    computed: CellValue,
    sides: tuple[Label, Label] | None = None,
) -> tuple[str, str, CellValue]:
    """The Chinese and English messages of a failed relation (its sides as the rule names them,
    or as ``sides`` do), and its difference."""
    diff: CellValue = printed - computed  # type: ignore[operator]
    p, c, d = format_value(printed), format_value(computed), format_value(diff)
    lhs, rhs = sides or (r.lhs, r.rhs)
    if r.op == "=":
        zh = f"{where.zh}：{lhs.zh} = {p}，而 {rhs.zh} = {c}，相差 {d}"
        en = f"{where.en}: {lhs.en} = {p}, but {rhs.en} = {c} (difference {d})"
    elif rhs.zh == c:  # a bound (≥ 0)
        zh = f"{where.zh}：{lhs.zh} = {p}，小于 {c}"
        en = f"{where.en}: {lhs.en} = {p}, less than {c}"
    else:
        zh = f"{where.zh}：{lhs.zh} {p} 小于 {rhs.zh} {c}"
        en = f"{where.en}: {lhs.en} {p} is less than {rhs.en} {c}"
    return zh, en, diff


def _failure(
    r: Rule,
    where: Label,
    table: int,
    about: _About,
    refs: tuple[CellRef, ...],
    printed: CellValue,
    computed: CellValue,
    sides: tuple[Label, Label] | None = None,
) -> Finding:
    """The finding of a rule that fails: printed ≠ computed (or less, for ≥)."""
    zh, en, diff = _messages(where, r, printed, computed, sides)
    return Finding(
        code=r.code,
        severity=r.severity,
        table=table,
        agency=about.meta.agency,
        year=about.meta.year,
        cells=refs,
        printed=printed,
        computed=computed,
        difference=diff,
        message_zh=zh,
        message_en=en,
    )


def _findings(
    plan: _Plan,
    values: Sequence[Any],
    reports: Callable[[], _Reports],
    about: _About,
    suffix: Label | None = None,
) -> list[Finding]:
    failed, unassessable = plan.run(values)
    if not failed and not unassessable:
        return []
    names = reports()
    out = []
    for k, printed, computed in failed:
        relation, r = plan.relations[k], rule(plan.relations[k].rule)
        where = relation.where if suffix is None else _with(relation.where, suffix)
        refs = tuple(names.ref(i, values) for i in plan.cells[k])
        table = names.cells[plan.cells[k][0]][1].table
        out.append(_failure(r, where, table, about, refs, printed, computed, relation.sides))
    for k in sorted(unassessable):
        relation, r = plan.relations[k], rule(plan.relations[k].rule)
        where = relation.where if suffix is None else _with(relation.where, suffix)
        blank = [i for i in plan.cells[k] if values[i] is None]
        out.append(
            Finding(
                code=r.code,
                severity=Severity.NOT_ASSESSABLE,
                table=names.cells[plan.cells[k][0]][1].table,
                agency=about.meta.agency,
                year=about.meta.year,
                cells=tuple(names.ref(i, values) for i in plan.cells[k]),
                blank=tuple(names.cells[i][1].path for i in blank),
                message_zh=f"{where.zh}：无法核对 {r.identity.zh}，空白单元格："
                + "、".join(names.label(i, "zh") for i in blank),
                message_en=f"{where.en}: cannot check {r.identity.en}; blank: "
                + "; ".join(names.label(i, "en") for i in blank),
            )
        )
    return out


def _with(where: Label, suffix: Label) -> Label:
    return Label(f"{where.zh}，{suffix.zh}", f"{where.en}, {suffix.en}")


def _sorted(findings: list[Finding]) -> tuple[Finding, ...]:
    return tuple(sorted(findings, key=lambda f: -f.severity.rank))


def _check_one(report: Report, shape: Shape, values: Sequence[Any], out: list[Finding]) -> None:
    out.extend(_findings(_plan(shape), values, lambda: _Reports((shape,), (report,)), report))
    out.extend(narrative_findings(report, values, shape))
    out.extend(section_findings(report))


def own_findings(report: Report, shape: Shape, values: Sequence[Any]) -> list[Finding]:
    """The findings of ``report``'s own rules (``values``: its cells, ``shape.fetch``), in the
    order :func:`check_series` makes them (before it sorts them by severity)."""
    out: list[Finding] = []
    _check_one(report, shape, values, out)
    return out


ReviewLike = Review | str | os.PathLike[str] | None


def _reviewed(result: CheckResult, review: ReviewLike, strict: bool) -> CheckResult:
    found = review_of(review)
    if found is not None:
        result = found.apply(result)
    if strict and not result.ok:
        raise CheckError(result)
    return result


def check(report: Report, *, strict: bool = False, review: ReviewLike = None) -> CheckResult:
    """Every rule of the catalogue that applies to one report; never raises for a report (the
    model holds no impossible value: its constructors reject them).

    ``review`` (a :class:`Review`, or the path of its file) hides the findings it dismisses:
    they are in the result's ``dismissed``, not in its findings, and do not make it fail.
    With ``strict=True`` a result that is not ``ok`` raises :class:`CheckError` carrying every
    finding.
    """
    if not isinstance(report, Report):
        raise WrongTypeError(f"check() takes a Report, not {type(report).__name__}")
    shape = report.shape
    out: list[Finding] = []
    _check_one(report, shape, shape.fetch(report), out)
    return _reviewed(CheckResult(_sorted(out), (report,)), review, strict)


# --- across reports -------------------------------------------------------------------------


def pair_relations(earlier: Shape, later: Shape) -> tuple[Relation, ...]:
    """The rules between consecutive years of an agency, as relations over the cells of two
    reports (side 0 the earlier, 1 the later): T1 in every column of table 3 (上年结转 of the
    later = 结转下年度继续办理 of the earlier), T2 in every row of 2021 table 2 that both hold
    (现行有效件数 rolls forward)."""
    from ..schema import pair_relations as declared

    return declared(earlier, later)


_PAIR_PLANS: dict[tuple[Shape, Shape], _Plan] = {}


def _pair_plan(earlier: Shape, later: Shape) -> _Plan:
    plan = _PAIR_PLANS.get((earlier, later))
    if plan is None:
        offset = (0, len(earlier.paths))
        positions = (
            {p: i for i, p in enumerate(earlier.paths)},
            {p: i for i, p in enumerate(later.paths)},
        )
        plan = _PAIR_PLANS[(earlier, later)] = _Plan.build(
            pair_relations(earlier, later),
            lambda t: offset[t.side] + positions[t.side][t.path],
        )
    return plan


def _check_pair(
    earlier: tuple[_About, Shape, Sequence[Any]],
    later: tuple[_About, Shape, Sequence[Any]],
    out: list[Finding],
) -> None:
    (r0, s0, v0), (r1, s1, v1) = earlier, later
    years = Label(f"{r0.meta.year}→{r1.meta.year}年", f"{r0.meta.year}→{r1.meta.year}")
    out.extend(
        _findings(_pair_plan(s0, s1), (*v0, *v1), lambda: _Reports((s0, s1), (r0, r1)), r1, years)
    )


def _check_pairs(
    by_key: Mapping[tuple[str, int], tuple[_About, Shape, Sequence[Any]]], out: list[Finding]
) -> None:
    """The rules across years between consecutive years of each agency: the agencies in the
    order they come, each one's years in order."""
    years: dict[str, list[int]] = defaultdict(list)
    for agency, year in by_key:
        years[agency].append(year)
    for agency, ys in years.items():
        ys.sort()
        for a, b in itertools.pairwise(ys):
            if b == a + 1:
                _check_pair(by_key[(agency, a)], by_key[(agency, b)], out)


def pair_findings(
    reports: Iterable[tuple[str, int, Shape, Sequence[Any]]],
) -> list[Finding]:
    """The findings of the rules across years (T1, T2) between consecutive years of each
    agency, from each report's agency, year, shape and cell values (``shape.fetch``'s order;
    a cell no rule across years reads may hold anything but ``None``): the findings
    :func:`check_series` adds to the reports' own, in its order. ``ValueError`` when two are
    of one agency and year."""
    by_key: dict[tuple[str, int], tuple[_About, Shape, Sequence[Any]]] = {}
    for agency, year, shape, values in reports:
        if (agency, year) in by_key:
            raise InputError(f"two reports of {agency} for {year}; a series holds one per year")
        by_key[(agency, year)] = (Dated(agency, year), shape, values)
    out: list[Finding] = []
    _check_pairs(by_key, out)
    return out


def pair_cells(earlier: Shape, later: Shape) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The cells the rules across years read between a report of ``earlier`` and the next
    year's of ``later``: their indices among each one's cells (``shape.fetch``'s order)."""
    plan = _pair_plan(earlier, later)
    used = {i for cells in plan.cells for i in cells}
    width = len(earlier.paths)
    return (
        tuple(sorted(i for i in used if i < width)),
        tuple(sorted(i - width for i in used if i >= width)),
    )


def _t6_unassessable(parent: Report, zh: str, en: str) -> Finding:
    m = parent.meta
    return Finding(
        code=Code.T6,
        severity=Severity.NOT_ASSESSABLE,
        table=3,
        agency=m.agency,
        year=m.year,
        message_zh=f"{m.agency} {m.year}年：{zh}",
        message_en=f"{m.agency} {m.year}: {en}",
    )


def _units_missing(parent: Report, missing: list[str]) -> Finding:
    names = "、".join(missing)
    return _t6_unassessable(
        parent,
        f"缺少下属单位报告：{names}，无法核对汇总",
        f"no report of {names}; cannot check the sum",
    )


def _check_parent(parent: Report, units: Sequence[Report], out: list[Finding]) -> None:
    t6 = rule(Code.T6)
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
    # both in the shape with fewer cells, when one sums a group the other itemizes
    target = min((parent.shape, total.shape), key=lambda s: len(s.paths))
    parent_cells = dict(fold(parent, target).cells())
    total_cells = dict(fold(total, target).cells())
    unit_cells = [(u, dict(fold(u, target).cells())) for u in units]
    for cell in target.cells:
        path = cell.path
        expected, printed = total_cells[path], parent_cells[path]
        if printed is None and expected is None:
            continue
        label_zh, label_en = cell.label(), cell.label("en")
        refs = (
            CellRef(
                path=path,
                label=label_zh,
                value=printed,
                agency=parent.meta.agency,
                year=parent.meta.year,
            ),
            *(
                CellRef(
                    path=path,
                    label=label_zh,
                    value=c.get(path),
                    agency=u.meta.agency,
                    year=u.meta.year,
                )
                for u, c in unit_cells
            ),
        )
        if printed is None or expected is None:
            who_zh, who_en = (
                ("汇总报告", "the summary") if printed is None else ("各下属单位", "every unit")
            )
            out.append(
                Finding(
                    code=t6.code,
                    severity=Severity.NOT_ASSESSABLE,
                    table=cell.table,
                    agency=parent.meta.agency,
                    year=parent.meta.year,
                    cells=refs,
                    blank=(path,),
                    message_zh=f"{label_zh}：无法核对汇总，{who_zh}为空白",
                    message_en=f"{label_en}: cannot check the sum; {who_en} is blank",
                )
            )
        elif printed != expected:
            where = Label(label_zh, label_en)
            out.append(_failure(t6, where, cell.table, parent, refs, printed, expected))


def check_series(
    reports: Iterable[Report],
    *,
    units: Mapping[str, Sequence[str]] | None = None,
    strict: bool = False,
    review: ReviewLike = None,
) -> CheckResult:
    """Each report's own rules, and the rules across reports: T1 and T2 between consecutive
    years of each agency, and T6 for each summary body named in ``units`` (agency → the
    agencies whose reports it sums), year by year. ``review`` as for :func:`check`.

    Raises ``ValueError`` when two reports have the same agency and year.
    """
    reports = list(reports)
    by_key: dict[tuple[str, int], tuple[Report, Shape, Sequence[Any]]] = {}
    for r in reports:
        key = (r.meta.agency, r.meta.year)
        if key in by_key:
            raise InputError(f"two reports of {key[0]} for {key[1]}; a series holds one per year")
        shape = r.shape
        by_key[key] = (r, shape, shape.fetch(r))
    out: list[Finding] = []
    for r, shape, values in by_key.values():
        _check_one(r, shape, values, out)
    _check_pairs(by_key, out)
    for parent, children in (units or {}).items():
        for (agency, year), (report, _shape, _values) in by_key.items():
            if agency != parent:
                continue
            missing = [c for c in children if (c, year) not in by_key]
            if missing:
                out.append(_units_missing(report, missing))
            else:
                _check_parent(report, [by_key[(c, year)][0] for c in children], out)
    result = CheckResult(_sorted(out), tuple(r for r, _, _ in by_key.values()))
    return _reviewed(result, review, strict)
