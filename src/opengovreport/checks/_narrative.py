"""T5: the figures the narrative states, each compared with the cells it means.

Every paragraph of sections 1, 5 and 6 is read into statements (:mod:`._statements`); each is
judged against the report's cells (:func:`verdicts`):

* ``ok``: one of its readings is what the table has (受理 749 件 = 新收 + 上年结转, said which);
* ``inconsistency``: its meaning is certain and no reading is what the table has;
* ``warning``: its meaning is not certain (办理, 制定, an approximate figure, a rate, whose
  definition is the office's) and no reading is what the table has;
* ``not_assessable``: it speaks of another scope (区政府办, 各部门, 全市 in a department's
  report, 上半年, another year), of a change from last year, or of blank cells;
* ``no_cell``: no cell of the report's shape holds it (the information-processing fee; a
  2021 figure in a 2019 report) — compared with nothing, no finding.
"""

import functools
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, Literal

import attrs

from ..model import CellValue, Heading, Paragraph, Report, Section
from ..schema import INDICATORS, SECTIONS, Code, Label, Reading, Shape, table_name
from ..values import Severity, format_value
from ._result import CellRef, Finding
from ._statements import Statement, read_statements, template
from ._statements import number as number_of

__all__ = ["Verdict", "narrative_findings", "statements", "verdicts"]

_CODE = Code.T5
#: the narrative sections, (key, number)
_SECTIONS = tuple((s.key, s.number) for s in SECTIONS if s.narrative)
_INDICATORS = {i.code: i for i in INDICATORS}


@attrs.frozen
class Verdict:
    """A statement judged against a report's cells: ``status`` is ``ok``, ``inconsistency``,
    ``warning``, ``not_assessable`` or ``no_cell``; ``reading`` the reading that agrees (for
    ``ok``) or the first compared; ``values`` each compared reading's figure in the table (a rate
    in percent; ``None`` where a cell is blank); ``reason`` why it is not assessable or not
    compared."""

    statement: Statement
    status: str
    reading: Reading | None = None
    values: tuple[tuple[Reading, Any], ...] = ()
    reason: Label | None = None


def statements(report: Report) -> tuple[Statement, ...]:
    """Every statement of the report's narrative (sections 1, 5 and 6), in order."""
    out: list[Statement] = []
    for key, number in _SECTIONS:
        out.extend(_section_statements(getattr(report, key), number))
    return tuple(out)


def _section_statements(section: Section, number: int) -> list[Statement]:
    out: list[Statement] = []
    heading = ""
    for block in section.blocks:
        if type(block) is Heading:
            heading = block.text
        elif type(block) is Paragraph:
            out.extend(read_statements(block.text, number, heading))
    return out


# --- cells of a reading ---------------------------------------------------------------------

_POSITIONS: dict[tuple[Shape, str], tuple[int, ...] | None] = {}


def _positions(shape: Shape, path: str) -> tuple[int, ...] | None:
    """Where the cells ``path`` means stand in the shape's values: the cell itself, or the items
    of a row the shape itemizes (``requests.withheld.total``), in that column; ``None`` when the
    shape has none."""
    key = (shape, path)
    if key in _POSITIONS:
        return _POSITIONS[key]
    index = {p: i for i, p in enumerate(shape.paths)}
    found: tuple[int, ...] | None
    if path in index:
        found = (index[path],)
    else:
        row, _, column = path.rpartition(".")
        found = (
            tuple(
                i for p, i in index.items() if p.startswith(row + ".") and p.endswith("." + column)
            )
            or None
        )
    _POSITIONS[key] = found
    return found


def _cells(shape: Shape, paths: Sequence[str]) -> tuple[int, ...] | None:
    out: list[int] = []
    for path in paths:
        found = _positions(shape, path)
        if found is None:
            return None
        out.extend(found)
    return tuple(out)


def _total(positions: tuple[int, ...], values: Sequence[CellValue]) -> Any:
    total: Any = 0
    for i in positions:
        v = values[i]
        if v is None:
            return None
        total += v
    return total


def _indicator(code: str, shape: Shape, values: Sequence[CellValue]) -> tuple[bool, Any]:
    """(whether the shape has the indicator's cells, its value in percent: ``None`` when blank
    or its denominator is 0)."""
    indicator = _INDICATORS[code]
    sums = []
    for terms in (indicator.numerator, indicator.denominator):
        total = 0.0
        for term in terms:
            found = _cells(shape, (term.path,))
            if found is None:
                return False, None
            part = _total(found, values)
            if part is None:
                return True, None
            total += term.weight * float(part)
        sums.append(total)
    numerator, denominator = sums
    if denominator == 0:
        return True, None
    return True, 100 * indicator.scale * numerator / denominator


# --- judging --------------------------------------------------------------------------------

_GOVERNMENT_ENDS = ("人民政府", "政府", "实验区", "新区", "开发区")
_OFFICE_ENDS = ("办公室", "政府办")


def _level(agency: str) -> str | None:
    """The level of a government's area (市, 区, 县 …), or ``None`` for a department."""
    name = agency.strip()
    if name.endswith(_OFFICE_ENDS):
        return None
    for end in _GOVERNMENT_ENDS:
        if name.endswith(end):
            name = name[: -len(end)] if end in ("人民政府", "政府") else name[:-1] + "区"
            break
    else:
        if not name.endswith(("省", "市", "区", "县", "旗", "镇", "乡")):
            return None
    return name[-1:] if name.endswith(("省", "市", "区", "县", "旗", "镇", "乡")) else None


def _other_scope(statement: Statement, agency: str, year: int) -> Label | None:
    """Why the statement speaks of another scope than the report's tables, or ``None``."""
    if statement.year is not None and statement.year != year:
        return Label(f"所述为{statement.year}年", f"it speaks of {statement.year}")
    if statement.scope is None:
        return None
    kind, word = statement.scope
    if kind == "own":
        return None
    if kind == "area":
        if _level(agency) == word[-1]:
            return None
        return Label(
            f"所述为「{word}」，不是本报告的范围", f"it speaks of 「{word}」, not of the report"
        )
    if kind == "body":
        if word.endswith(("政府办", "办公室")) and agency.strip().endswith(_OFFICE_ENDS):
            return None
        return Label(
            f"所述为「{word}」，不是本报告的范围", f"it speaks of 「{word}」, not of the report"
        )
    return Label(f"所述为「{word}」，不是全年", f"it speaks of 「{word}」, not of the year")


def _agrees(statement: Statement, value: Any, unit: str) -> bool:
    """Whether the table's ``value`` (in its column's ``unit``) is what the statement says."""
    figure, low, high = statement.figure, statement.low, statement.high
    if statement.kind == "rate":
        places = len(str(figure).partition(".")[2])
        step = 10.0**-places
        if low is None or high is None:
            return bool(float(figure) - step <= value <= float(figure) + step)
        return bool(float(low) - step <= value <= float(high) + step)
    scale = Decimal(1)
    if statement.unit == "元" and unit == "万元":
        scale = Decimal("0.0001")
    elif statement.unit == "万元" and unit == "元":
        scale = Decimal(10000)
    if scale != 1 or isinstance(figure, Decimal):
        figure = Decimal(figure) * scale
        low = None if low is None else Decimal(low) * scale
        high = None if high is None else Decimal(high) * scale
    if low is None or high is None:
        return bool(value == figure)
    return bool(low <= value <= high)


@attrs.frozen
class _Plan:
    """A statement made ready to judge against the values of one shape: each reading the shape
    holds, with where its cells stand (``None`` for a rate: its indicators) and their unit."""

    statement: Statement
    held: tuple[tuple[Reading, tuple[int, ...] | None, str], ...]


def _plan(statement: Statement, shape: Shape) -> _Plan:
    held: list[tuple[Reading, tuple[int, ...] | None, str]] = []
    for reading in statement.readings:
        if reading.indicators:
            if all(_indicator_held(code, shape) for code in reading.indicators):
                held.append((reading, None, "%"))
            continue
        found = _cells(shape, reading.paths)
        if found is not None:
            held.append((reading, found, shape.cells[found[0]].bounds.unit if found else ""))
    return _Plan(statement, tuple(held))


def _indicator_held(code: str, shape: Shape) -> bool:
    indicator = _INDICATORS[code]
    terms = indicator.numerator + indicator.denominator
    return all(_cells(shape, (t.path,)) is not None for t in terms)


def _reading_value(
    reading: Reading, positions: tuple[int, ...] | None, shape: Shape, values: Sequence[CellValue]
) -> Any:
    if positions is None:
        total = 0.0
        for code in reading.indicators:
            _held, value = _indicator(code, shape, values)
            if value is None:
                return None
            total += value
        return total
    return _total(positions, values)


_NO_CELL_FEE = Label(
    "信息处理费在表格中没有对应的单元格", "no cell of the tables holds the processing fee"
)
_NO_CELL = Label("本报告的表格没有这一数字", "the report's tables have no cell for it")
_CHANGE = Label(
    "为与上年相比的变化，需上一年的报告", "a change from last year needs last year's report"
)
_BLANK = Label("相应单元格空白", "its cells are blank")
_BLANK_RATE = Label("相应单元格空白或分母为0", "its cells are blank or the denominator is 0")


def _judge(
    plan: _Plan,
    shape: Shape,
    values: Sequence[CellValue],
    agency: str,
    year: int,
) -> Verdict:
    """The verdict of ``plan``'s statement."""
    statement = plan.statement
    if statement.kind == "fee":
        return Verdict(statement, "no_cell", reason=_NO_CELL_FEE)
    if not plan.held:
        return Verdict(statement, "no_cell", reason=_NO_CELL)
    held = tuple((r, _reading_value(r, at, shape, values)) for r, at, _ in plan.held)
    if statement.scope is not None or statement.year is not None:
        other = _other_scope(statement, agency, year)
        if other is not None:
            return Verdict(statement, "not_assessable", held[0][0], held, other)
    if statement.change:
        return Verdict(statement, "not_assessable", held[0][0], held, _CHANGE)
    assessed = 0
    for (reading, value), (_, _, unit) in zip(held, plan.held, strict=True):
        if value is None:
            continue
        assessed += 1
        if _agrees(statement, value, unit):
            return Verdict(statement, "ok", reading, held)
    if assessed < len(held):
        reason = _BLANK_RATE if statement.kind == "rate" and not assessed else _BLANK
        return Verdict(statement, "not_assessable", held[0][0], held, reason)
    first = next(r for r, v in held if v is not None)
    return Verdict(statement, "inconsistency" if statement.certain else "warning", first, held)


#: what decides a template's statement quickly (:func:`_quick`): ``True`` it is ``ok`` or
#: compared with nothing whatever its figure; ``None`` it goes to :func:`_judge`; else the year
#: it must speak of (``None``: any), the one cell it is where it has one reading of one cell in
#: its own unit (−1 otherwise), each held reading's cells and unit, and the stated unit of an
#: amount (``None`` for a count)
_Quick = (
    Literal[True]
    | None
    | tuple[int | None, int, tuple[tuple[tuple[int, ...], str], ...], str | None]
)


def _quick(plan: _Plan) -> _Quick:
    """What of ``plan`` decides it quickly (:data:`_Quick`), from its statement alone."""
    statement = plan.statement
    if not plan.held or statement.kind == "fee":
        return True
    if statement.change or statement.approx or statement.kind == "rate":
        return None
    if statement.scope is not None and statement.scope[0] != "own":
        return None
    held = tuple((positions or (), unit) for _reading, positions, unit in plan.held)
    amount_unit = statement.unit if statement.kind == "amount" else None
    (cells, unit), *more = held
    one = len(cells) == 1 and not more and (amount_unit is None or unit == amount_unit)
    return statement.year, cells[0] if one else -1, held, amount_unit


def _agrees_quickly(quick: _Quick, figure: Any, values: Sequence[CellValue], year: int) -> bool:
    """Whether the statement ``quick`` decides (:func:`_quick`), with ``figure``, is ``ok`` or
    compared with nothing (no finding), the usual case: an exact count or amount of the
    report's scope that a reading's cells add up to. ``False`` sends it to :func:`_judge`."""
    if not isinstance(quick, tuple):
        return quick is True
    stated_year, cell, held, amount_unit = quick
    if stated_year is not None and stated_year != year:
        return False
    if cell >= 0:  # one cell: it is the figure (a blank is not)
        v = values[cell]
        return v is not None and v == figure
    for positions, unit in held:
        total = _total(positions, values)
        if total is None:
            return False
        if amount_unit is not None and unit != amount_unit:
            if total == _figure_in(figure, amount_unit, unit):
                return True
        elif total == figure:
            return True
    return False


def _unit(shape: Shape, reading: Reading) -> str:
    if not reading.paths:
        return "%"
    found = _positions(shape, reading.paths[0])
    return shape.cells[found[0]].bounds.unit if found else ""


@functools.lru_cache(maxsize=8192)
def _templated(text: str) -> tuple[str, tuple[Any, ...]]:
    """A paragraph's template and the values of its templated figures."""
    shape, printed, _ = template(text)
    return shape, tuple(number_of(n) for n in printed)


#: each shape's :func:`_template_plans` (the shape looked up once a report, not hashed again
#: for each paragraph)
_TEMPLATE_PLANS: dict[Shape, Callable[[str, int, str], tuple[tuple[_Plan, int, _Quick], ...]]] = {}


def _template_plans(
    shape: Shape,
) -> Callable[[str, int, str], tuple[tuple[_Plan, int, _Quick], ...]]:
    """The plans of a template's statements in ``shape`` (kept, by the template, its section
    and heading), each with the index of its figure among the template's numbers (−1: printed
    in the template itself: a numeral, a range) and what decides it quickly."""
    found = _TEMPLATE_PLANS.get(shape)
    if found is None:

        @functools.lru_cache(maxsize=8192)
        def plans(text: str, section: int, heading: str) -> tuple[tuple[_Plan, int, _Quick], ...]:
            starts = {at: i for i, at in enumerate(template(text)[2])}
            out = []
            for statement in read_statements(text, section, heading):
                plan = _plan(statement, shape)
                out.append((plan, starts.get(statement.at, -1), _quick(plan)))
            return tuple(out)

        found = _TEMPLATE_PLANS[shape] = plans
    return found


def verdicts(report: Report, values: Sequence[CellValue] | None = None) -> tuple[Verdict, ...]:
    """Each statement of the report's narrative judged against its cells (see the module)."""
    shape = report.shape
    if values is None:
        values = shape.fetch(report)
    agency, year = report.meta.agency, report.meta.year
    return tuple(_judge(_plan(s, shape), shape, values, agency, year) for s in statements(report))


# --- findings -------------------------------------------------------------------------------

_SEVERITY = {
    "inconsistency": Severity.INCONSISTENCY,
    "warning": Severity.WARNING,
    "not_assessable": Severity.NOT_ASSESSABLE,
}


def narrative_findings(
    report: Report, values: Sequence[CellValue], shape: Shape | None = None
) -> list[Finding]:
    """The T5 findings of ``report`` (``values``: its cells' values, in its shape's order): one
    for each statement that is not ``ok`` and has a cell, the same statement made twice once.

    Each paragraph is judged first from its template's plans (read once for all the paragraphs
    that differ only in their figures: 14 µs a report instead of 60 for the synthetic example,
    ``bench_checks.py``); a paragraph with a statement that is not plainly ``ok`` is read and
    judged as printed."""
    shape = shape or report.shape
    agency, year = report.meta.agency, report.meta.year
    plans_of = _template_plans(shape)
    out: dict[tuple[Any, ...], tuple[Verdict, list[str]]] = {}
    for key, number in _SECTIONS:
        heading = ""
        for block in getattr(report, key).blocks:
            if type(block) is Heading:
                heading = block.text
                continue
            text = block.text
            shaped, figures = _templated(text)
            agree = True
            for plan, i, quick in plans_of(shaped, number, heading):
                if quick is True:
                    continue
                if quick is None or not _agrees_quickly(
                    quick, figures[i] if i >= 0 else plan.statement.figure, values, year
                ):
                    agree = False
                    break
            if agree:
                continue
            for statement in read_statements(text, number, heading):
                verdict = _judge(_plan(statement, shape), shape, values, agency, year)
                if verdict.status not in _SEVERITY:
                    continue
                s = verdict.statement
                found = (s.key, s.figure, s.unit, verdict.status, s.readings)
                if found in out:
                    out[found][1].append(s.sentence)
                else:
                    out[found] = (verdict, [s.sentence])
    return [_finding(report, shape, values, v, quotes) for v, quotes in out.values()]


def _quote(sentence: str) -> str:
    return sentence if len(sentence) <= 60 else sentence[:58] + "…"


def _shown(value: Any, statement: Statement) -> str:
    if value is None:
        return "空白"
    if statement.kind == "rate":
        return f"{value:.1f}%"
    return format_value(value)


def _in_unit(statement: Statement, unit: str) -> Any:
    """The stated figure in the column's unit (元 of a column in 万元)."""
    return _figure_in(statement.figure, statement.unit, unit)


def _figure_in(figure: Any, stated: str, unit: str) -> Any:
    """``figure``, stated in ``stated`` units, in ``unit`` (元 of a column in 万元)."""
    if stated == "元" and unit == "万元":
        return Decimal(figure) / 10000
    if stated == "万元" and unit == "元":
        return Decimal(figure) * 10000
    return figure


def _finding(
    report: Report,
    shape: Shape,
    values: Sequence[CellValue],
    verdict: Verdict,
    sentences: list[str],
) -> Finding:
    s = verdict.statement
    agency, year = report.meta.agency, report.meta.year
    paths: list[str] = []
    for reading, _ in verdict.values:
        for path in reading.paths:
            for i in _positions(shape, path) or ():
                if shape.paths[i] not in paths:
                    paths.append(shape.paths[i])
    refs = tuple(
        CellRef(p, shape.cell(p).label(), values[shape.paths.index(p)], agency, year) for p in paths
    )
    table = shape.cell(paths[0]).table if paths else (3 if s.kind == "rate" else None)
    quote = "；".join(dict.fromkeys(_quote(q) for q in sentences))
    where_zh = {1: "第一部分", 5: "第五部分", 6: "第六部分"}[s.section]
    where_en = f"section {s.section}"
    stated_zh = f"{where_zh}所述{s.what.zh}{s.printed}"
    stated_en = f"{where_en} states {s.what.en} {s.printed}"
    about = f"{s.key}={format_value(s.figure)}{s.unit}"
    finding = functools.partial(
        Finding, code=_CODE, table=table, agency=agency, year=year, cells=refs, about=about
    )
    if verdict.status == "not_assessable":
        reason = verdict.reason or Label("", "")
        return finding(
            severity=Severity.NOT_ASSESSABLE,
            blank=tuple(r.path for r in refs if r.value is None),
            message_zh=f"{stated_zh}，无法核对：{reason.zh}。「{quote}」",
            message_en=f"{stated_en}; cannot check: {reason.en}. 「{quote}」",
        )
    name = table_name(table).zh if table else "表格"
    name_en = table_name(table).en if table else "the tables"
    has_zh = "，或".join(f"{_shown(v, s)}（{r.label.zh}）" for r, v in verdict.values)
    has_en = ", or ".join(f"{_shown(v, s)} ({r.label.en})" for r, v in verdict.values)
    printed = verdict.values[0][1]
    computed: Any = _in_unit(s, _unit(shape, verdict.values[0][0]))
    if s.kind == "rate" or not s.exact:
        printed, computed = None, None
    return finding(
        severity=_SEVERITY[verdict.status],
        printed=printed,
        computed=computed,
        difference=None if printed is None else printed - computed,
        message_zh=f"{stated_zh}，{name}为{has_zh}。「{quote}」",
        message_en=f"{stated_en}; {name_en} has {has_en}. 「{quote}」",
    )
