"""Hypothesis strategies for reports, public so that users can test their own tools with them.

Every strategy generates values that fit the format, read from the shapes
(:mod:`opengovreport.schema`): :func:`reports` gives reports of any registered shape (both
editions, and the hybrid 2021 edition with （六）其他处理 as one row) whose tables satisfy every
identity the shape declares (I1–I4: received + carried over = handled + carried forward, handled
= the sum of the outcome rows, 总计 = the sum of the applicant columns, each table 4 group's 总计)
and its plausibility rules (2021: 现行有效件数 ≥ 本年制发件数; 2019: 上一年项目数量 + 本年增/减 =
处理决定数量). Cells are a mix of zero and non-zero; none is blank. Sections 5 and 6 have text
and, from the 2021 edition on, section 6 states the processing fee (S1, S3).

Requires Hypothesis (``pip install opengovreport[test]``).
"""

import re
from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from typing import Any

import attrs

from .errors import ExtraMissingError, InputError

try:
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ExtraMissingError(
        "opengovreport.testing needs Hypothesis: pip install 'opengovreport[test]'"
    ) from exc

from . import model
from .builders import _DEFINING, appeal_group, report_from_cells, request_row, solve
from .checks import pair_relations
from .checks._statements import may_state
from .schema import OTHER_HANDLING_SINGLE, SECTIONS, Code, Relation, Shape, section, shape, shapes
from .values import MAX_AMOUNT, CellKind, Edition

__all__ = [
    "amounts",
    "appeal_groups",
    "appeals_tables",
    "blocks",
    "counts",
    "disclosure_tables",
    "metas",
    "report_series",
    "reports",
    "request_rows",
    "requests_tables",
    "sections",
    "shapes_",
    "texts",
]


@cache
def counts(max_value: int = 100_000) -> st.SearchStrategy[int]:
    """Counts ≥ 0: often 0, often small, sometimes large."""
    return st.one_of(st.just(0), st.integers(1, 12), st.integers(0, max_value))


@cache
def amounts(places: int = 2) -> st.SearchStrategy[Decimal]:
    """Amounts ≥ 0 with up to ``places`` decimal places: often small, sometimes large (up to
    a thousandth of the format's bound, 10¹⁵, so that a thousand of them still add up to an
    amount)."""
    return st.integers(0, places).flatmap(
        lambda p: st.one_of(
            *(
                st.decimals(min_value=0, max_value=top, places=p, allow_nan=False)
                for top in (10**8, MAX_AMOUNT // 1000)
            )
        )
    )


@cache
def texts(min_size: int = 0, max_size: int = 60) -> st.SearchStrategy[str]:
    """Text as reports hold it: mostly Chinese, sometimes any character (UTF-8 encodable)."""
    cjk = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
    common = st.sampled_from("，。、；：“”（）《》0123456789 ")
    anything = st.characters(codec="utf-8")
    return st.one_of(
        st.text(st.one_of(cjk, common), min_size=min_size, max_size=max_size),
        st.text(anything, min_size=min_size, max_size=max_size),
    )


def shapes_(edition: Edition | None = None) -> st.SearchStrategy[Shape]:
    """A registered shape (of ``edition``)."""
    return st.sampled_from(shapes(edition))


def _defining(s: Shape, code: str) -> list[Relation]:
    return [r for r in s.relations if r.rule == code]


@st.composite
def _table_cells(
    draw: st.DrawFn,
    s: Shape,
    number: int,
    fixed: Mapping[str, model.CellValue] | None = None,
) -> dict[str, model.CellValue]:
    """The cells of table ``number`` of ``s``, satisfying its identities. ``fixed`` gives cells
    that must hold given values (table 3's carried-over row, from last year's)."""
    fixed = dict(fixed or {})
    table = s.numbered(number)
    cells: dict[str, model.CellValue] = {}
    balance = _defining(s, Code.I1) if number == 3 else []
    in_balance = {t.path for r in balance for t in r.terms}
    totals_rows = {c.path for c in s.cells if c.table == number and _is_total_row(table, c.row)}
    for cell in s.cells:
        if cell.table != number or cell.path in in_balance or cell.path in totals_rows:
            continue
        column = _column(table, cell)
        if column.total:
            continue
        if cell.kind is CellKind.AMOUNT:
            cells[cell.path] = draw(amounts(cell.bounds.places))
        elif cell.kind is CellKind.SIGNED:
            cells[cell.path] = draw(st.integers(-50, 50))
        else:
            cells[cell.path] = draw(counts(10_000 if number == 2 else 500))
    solve(s, cells)  # the outcome total of every applicant column
    for relation in balance:  # 一 + 二 = （七）总计 + 四 in an applicant column
        received, over = (t.path for t in relation.lhs)
        handled, forward = (t.path for t in relation.rhs)
        if _column(table, s.cell(received)).total:
            continue
        done = int(cells[handled] or 0)
        if over in fixed:
            carried = int(fixed[over] or 0)
            ahead = max(0, carried - done) + draw(counts(20))
        else:
            ahead = draw(counts(500))
            carried = draw(st.integers(0, done + ahead))
        cells[over], cells[forward] = carried, ahead
        cells[received] = done + ahead - carried
    _plausible(draw, s, number, cells)
    solve(s, cells)
    return cells


def _is_total_row(table: Any, row: str) -> bool:
    for part in table.parts:
        for leaf in part.leaves:
            if ".".join(x for x in (part.key, leaf.path) if x) == row:
                return bool(leaf.spec.total)
    return False


def _column(table: Any, cell: Any) -> Any:
    for part in table.parts:
        for column in part.columns:
            if column.key == cell.column:
                return column
    raise KeyError(cell.path)  # pragma: no cover - every cell has its column


def _plausible(draw: st.DrawFn, s: Shape, number: int, cells: dict[str, model.CellValue]) -> None:
    """Make the shape's rules beyond the totals (which :func:`solve` makes hold) hold in table
    ``number``, whichever rules they are (T3, T4, T7, or one registered since): a ``≥`` rule's
    one left term the right side and a little more; an ``=`` rule's the right side, a signed
    term first kept from making it negative; where the left side is a count and a signed change
    with nothing on the right (T7: 上一年项目数量 + 本年增/减 ≥ 0), the change no larger a fall
    than the count."""
    for relation in s.relations:
        if relation.rule in _DEFINING or s.cell(relation.lhs[0].path).table != number:
            continue
        signed = [t for t in relation.lhs if s.cell(t.path).kind is CellKind.SIGNED]
        if relation.op == "≥" and not relation.rhs and len(signed) == 1:
            rest = sum(int(cells[t.path] or 0) for t in relation.lhs if t is not signed[0])
            cells[signed[0].path] = max(int(cells[signed[0].path] or 0), -rest)
            continue
        if len(relation.lhs) != 1:
            continue
        (lhs,) = relation.lhs
        if relation.op == "≥":
            right = sum(cells[t.path] for t in relation.rhs)  # type: ignore[misc]
            cells[lhs.path] = right + draw(counts(500))
            continue
        for term in relation.rhs:
            if s.cell(term.path).kind is CellKind.SIGNED:
                rest = sum(cells[t.path] for t in relation.rhs if t is not term)  # type: ignore[misc]
                cells[term.path] = draw(st.integers(-int(rest), 50))
        cells[lhs.path] = sum(cells[t.path] for t in relation.rhs)  # type: ignore[misc]


def _pick(edition: Edition | None, itemized: bool | None) -> st.SearchStrategy[Shape]:
    if itemized is None:
        return shapes_(edition)
    editions = [edition] if edition is not None else list(Edition.members())
    return st.sampled_from(
        [
            shape(e, itemized_other_handling=itemized)
            for e in editions
            if any(_itemized(s) == itemized for s in shapes(e))
        ]
    )


def _itemized(s: Shape) -> bool:
    from .schema import _itemized as itemized

    return itemized(s)


def request_rows() -> st.SearchStrategy[model.RequestRow]:
    """A table 3 row whose 总计 is the sum of its six applicant columns."""
    return st.builds(lambda xs: request_row(*xs), st.tuples(*[counts()] * 6))


@st.composite
def requests_tables(
    draw: st.DrawFn,
    itemized_other_handling: bool | None = None,
    carried_over: model.RequestRow | None = None,
) -> model.Requests:
    """Table 3 satisfying I1–I3, with （六） itemized or not (``None``: either). With
    ``carried_over`` given (a row without blanks), that row is 二、上年结转 as given."""
    s = draw(_pick(Edition.E2021, itemized_other_handling))
    fixed = {}
    if carried_over is not None:
        (relation, *_rest) = _defining(s, Code.I1)
        over = relation.lhs[1].path.rpartition(".")[0]
        fixed = {
            f"{over}.{f.name}": getattr(carried_over, f.name)
            for f in attrs.fields(model.RequestRow)
        }
    cells = draw(_table_cells(s, 3, fixed))
    report = report_from_cells(model.Meta("-", 2021), _complete(s, cells), shape=s)
    return report.requests


def _complete(s: Shape, cells: Mapping[str, model.CellValue]) -> dict[str, model.CellValue]:
    """``cells``, and 0 in every other cell of ``s``."""
    return {
        c.path: cells.get(c.path, Decimal(0) if c.kind is CellKind.AMOUNT else 0) for c in s.cells
    }


def appeal_groups() -> st.SearchStrategy[model.AppealGroup]:
    """A table 4 group whose 总计 is the sum of its four results (I4)."""
    return st.builds(lambda xs: appeal_group(*xs), st.tuples(*[counts(300)] * 4))


def appeals_tables() -> st.SearchStrategy[model.Appeals]:
    """Table 4 satisfying I4 in each group."""
    return st.builds(model.Appeals, appeal_groups(), appeal_groups(), appeal_groups())


@st.composite
def disclosure_tables(draw: st.DrawFn, edition: Edition) -> model.Disclosure:
    """Table 2 of ``edition``, plausible: 现行有效件数 ≥ 本年制发件数 (2021) and 上一年项目数量
    + 本年增/减 = 处理决定数量 (2019, where the block has that column)."""
    s = shape(edition)
    cells = draw(_table_cells(s, 2))
    return report_from_cells(
        model.Meta("-", _year(edition)), _complete(s, cells), shape=s
    ).disclosure


def _year(edition: Edition) -> int:
    first, last = edition.years or (None, None)
    return first if first is not None else last if last is not None else 2025


def blocks() -> st.SearchStrategy[model.Block]:
    """A sub-heading or a paragraph; a paragraph holds no figure the narrative audit could read
    (random text may say 「收到申请1件」, which a report's tables would have to bear out)."""
    return st.one_of(
        st.builds(model.Heading, texts(1, 30), st.integers(1, 3)),
        st.builds(model.Paragraph, texts(1, 200).filter(lambda text: not may_state(text))),
    )


#: a sub-heading's number as S2 reads it: （一） (一) … and 1. 1、 …
_NUMBERED = re.compile(r"^\s*(?:[（(]\s*[一二三四五六七八九十]+\s*[）)]|[0-9]{1,2}\s*[.、．])")


def _unnumbered(block: model.Block) -> model.Block:
    """A sub-heading without a number of its own (generated text numbered out of order would
    break S2)."""
    if isinstance(block, model.Heading) and _NUMBERED.match(block.text):
        return model.Heading("·" + block.text, block.level)
    return block


def sections(key: str) -> st.SearchStrategy[model.Section]:
    """A narrative section (``"overview"``, ``"problems"`` or ``"other_matters"``): its heading
    as declared or a variant, and up to eight blocks (no sub-heading numbered out of order)."""
    spec = section(key)
    if not spec.narrative:
        raise InputError(
            f"{key!r} is a table section; narrative sections: "
            + ", ".join(s.key for s in SECTIONS if s.narrative)
        )
    headings = st.sampled_from((spec.heading.zh, *spec.variants))
    items = st.lists(blocks().map(_unnumbered), max_size=8).map(tuple)
    return st.builds(model.Section, headings, items)


#: what the practices of sections 5 and 6 ask for (S1, S3), where a generated section lacks it
_NOTHING_MORE = "无。"
_NO_FEE = "本年度未收取信息处理费。"


def _with_practices(part: model.Section, fee: bool) -> model.Section:
    """``part`` with a paragraph when it has none (S1) and, with ``fee``, a sentence on the
    processing fee (S3)."""
    blocks = list(part.blocks)
    if not any(isinstance(b, model.Paragraph) and b.text.strip() for b in blocks):
        blocks.append(model.Paragraph(_NOTHING_MORE))
    if fee:
        blocks.append(model.Paragraph(_NO_FEE))
    return attrs.evolve(part, blocks=tuple(blocks))


def _optional_texts() -> st.SearchStrategy[str | None]:
    return st.none() | texts(1, 30)


def _years(edition: Edition) -> st.SearchStrategy[int]:
    first, last = edition.years or (None, None)
    return st.integers(first or 2019, last or 2035)


def metas(edition: Edition | None = None) -> st.SearchStrategy[model.Meta]:
    """Report metadata; the year fits the edition (2019 edition: 2019–2020; 2021: 2021–2035)."""
    editions = st.sampled_from(list(Edition.members())) if edition is None else st.just(edition)

    def for_edition(e: Edition) -> st.SearchStrategy[model.Meta]:
        contact = st.none() | st.builds(model.Contact, *[_optional_texts()] * 7)
        return st.builds(
            model.Meta,
            agency=texts(1, 30),
            year=_years(e),
            edition=st.just(e),
            title=texts(1, 60),
            front_matter=st.lists(texts(1, 120), max_size=3).map(tuple),
            contact=contact,
            closing=st.lists(texts(1, 20), max_size=2).map(tuple),
        )

    return editions.flatmap(for_edition)


@st.composite
def _report(
    draw: st.DrawFn,
    s: Shape,
    meta: model.Meta,
    fixed: Mapping[str, model.CellValue] | None = None,
) -> model.Report:
    cells: dict[str, model.CellValue] = {}
    for number in (2, 3, 4):
        cells.update(draw(_table_cells(s, number, fixed)))
    tables = report_from_cells(meta, cells, shape=s)
    narrative: dict[str, Any] = {
        spec.key: draw(sections(spec.key)) for spec in s.sections if spec.narrative
    }
    for spec in s.sections:  # sections 5 and 6 (S1), the fee in 6 (S3)
        if spec.narrative and spec.number in (5, 6):
            fee = spec.number == 6 and meta.edition is not Edition.E2019
            narrative[spec.key] = _with_practices(narrative[spec.key], fee)
    return attrs.evolve(tables, **narrative)


@st.composite
def reports(
    draw: st.DrawFn,
    edition: Edition | None = None,
    itemized_other_handling: bool | None = None,
    shape: Shape | None = None,
) -> model.Report:
    """A valid report of ``shape``, or of a registered shape of ``edition`` (``None``: any). In
    the 2021 edition （六）其他处理 is itemized or, as in the hybrid reports, one row
    (``itemized_other_handling=None``: either)."""
    if shape is None:
        if (
            edition is not None
            and itemized_other_handling
            and not any(_itemized(s) for s in shapes(edition))
        ):
            other = OTHER_HANDLING_SINGLE.label.zh
            raise InputError(f"the {edition.value} edition prints {other} as one row")
        shape = draw(_pick(edition, itemized_other_handling))
    return draw(_report(shape, draw(metas(shape.edition))))


@st.composite
def report_series(
    draw: st.DrawFn,
    edition: Edition | None = None,
    min_years: int = 2,
    max_years: int = 4,
) -> list[model.Report]:
    """Reports of one agency on consecutive years (in the edition of each year unless
    ``edition`` is given), each valid, that also pass the rules across years: 上年结转 (N) =
    结转下年度 (N−1) in every column (T1) and, in the 2021 edition, 现行有效件数 (N) =
    现行有效件数 (N−1) + 本年制发件数 − 本年废止件数 (T2)."""
    first = draw(reports(edition))
    series = [first]
    for _ in range(draw(st.integers(min_years, max_years)) - 1):
        prev = series[-1]
        year = prev.meta.year + 1
        this_edition = edition or Edition.for_year(year)
        s = draw(shapes_(this_edition))
        meta = attrs.evolve(prev.meta, year=year, edition=this_edition)
        fixed: dict[str, model.CellValue] = {}
        values = dict(prev.cells())
        for relation in pair_relations(prev.shape, s):
            if relation.rule == Code.T1:  # this year's carried-over row is last year's forward
                fixed[relation.lhs[0].path] = values[relation.rhs[0].path]
        report = draw(_report(s, meta, fixed))
        series.append(_roll_forward(draw, prev, report))
    return series


def _roll_forward(draw: st.DrawFn, prev: model.Report, this: model.Report) -> model.Report:
    """``this`` with T2 holding against ``prev``: 现行有效 (N) = 现行有效 (N−1) + 制发 − 废止,
    废止 drawn within what was in force."""
    values = dict(prev.cells())
    for relation in pair_relations(prev.shape, this.shape):
        if relation.rule != Code.T2:
            continue
        (lhs,) = relation.lhs
        before, issued, repealed = relation.rhs
        in_force = values[before.path] or 0
        gone = draw(st.integers(0, int(in_force)))
        now = in_force + (this.cell(issued.path) or 0) - gone
        this = this.with_cell(repealed.path, gone).with_cell(lhs.path, now)
    return this
