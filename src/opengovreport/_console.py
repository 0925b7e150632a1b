"""What the command line prints for people: each finding on a line, or where it is wider than
the terminal its location whole and the rest wrapped below it; blank columns and rows said
once; a summary line; in Chinese or English; and the one width policy of every text printed
(:func:`fit_width`).

Everything here is display: the findings themselves (:mod:`opengovreport.checks`) are not
changed. In particular the grouping of identities that blank columns or rows make not
assessable (``表三 商业企业 … 其他 列空白：I1、I2、I3 无法核对``) is how they are shown, not a
finding of its own: the checks still give one ``not_assessable`` finding per identity, which
``--format json`` lists and a program can count.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

import attrs

from ._layout import Line, colour_wanted, fit_width, severity_name
from .checks import Finding, Severity, rule
from .model import Report
from .reading import Diagnostic
from .schema import Scope, table_name
from .values import format_value

__all__ = [
    "Line",
    "blank_groups",
    "colour_wanted",
    "diagnostic_line",
    "finding_line",
    "fit_width",
    "severity_name",
    "summary_line",
]

_PLURAL = {
    Severity.ERROR: "errors",
    Severity.INCONSISTENCY: "inconsistencies",
    Severity.WARNING: "warnings",
    Severity.INFO: "notes",
    Severity.NOT_ASSESSABLE: "not assessable",
}


def _label(report: Report | None, finding: Finding, lang: str) -> str:
    if not finding.cells:
        return ""
    ref = finding.cells[0]
    if lang == "zh" or report is None:
        return ref.label
    try:
        return report.shape.cell(ref.path).label(lang)
    except KeyError:  # a cell of the other year's shape
        return ref.label


def _values(finding: Finding, lang: str) -> str:
    if finding.printed is None and finding.computed is None:
        return ""
    p, c = format_value(finding.printed), format_value(finding.computed)
    return f"（填报 {p}，计算 {c}）" if lang == "zh" else f"(printed {p}, computed {c})"


def finding_line(where: str, finding: Finding, report: Report | None, lang: str) -> Line:
    """``FILE: I1 不一致  一、本年新收… × 总计: 收支平衡（填报 74，计算 75）``: the cell
    checked, the rule's title, the value printed and the value the identity gives. A finding
    about the narrative (T5, S1–S3) says what the text states and what the table has in its own
    message: ``FILE: T5 不一致  第一部分所述办结470件，表三为463（（七）总计）…``."""
    if rule(finding.code).kind == "narrative":
        return Line(where, finding.code, finding.severity, "", finding.message(lang))
    return Line(
        where,
        finding.code,
        finding.severity,
        _label(report, finding, lang),
        rule(finding.code).title.text(lang),
        _values(finding, lang),
    )


def diagnostic_line(where: str, diagnostic: Diagnostic, lang: str) -> Line:
    """``FILE:12: rebuild-ambiguous 警告  表三 …：“…”数字连写…``: the reader's diagnostic, its
    line in the source, and its message in ``lang`` (what, where, what it saw)."""
    at = f"{where}:{diagnostic.line}" if diagnostic.line is not None else where
    return Line(at, diagnostic.code, diagnostic.severity, "", diagnostic.message(lang))


def _blank_parts(report: Report) -> tuple[set[str], dict[tuple[int, str], list[str]]]:
    """The paths of the cells in blank columns and blank rows, and the blank columns and rows
    of each table, as ``(table, "column" | "row") → [their labels' keys]``."""
    columns: dict[tuple[int, str], list[str]] = defaultdict(list)
    rows: dict[tuple[int, str], list[str]] = defaultdict(list)
    values = dict(zip((c.path for c in report.shape.cells), _cells(report), strict=True))
    for cell in report.shape.cells:
        columns[(cell.table, cell.column)].append(cell.path)
        rows[(cell.table, cell.row)].append(cell.path)
    blank: set[str] = set()
    out: dict[tuple[int, str], list[str]] = defaultdict(list)
    for kind, groups in (("column", columns), ("row", rows)):
        for (table, key), paths in groups.items():
            if len(paths) > 1 and all(values[p] is None for p in paths):
                blank.update(paths)
                out[(table, kind)].append(key)
    return blank, out


def _cells(report: Report) -> list[object]:
    return [report.cell(c.path) for c in report.shape.cells]


@attrs.frozen
class BlankGroup:
    """Identities not assessable because whole columns or rows of a table are blank."""

    table: int
    columns: tuple[str, ...]
    rows: tuple[str, ...]
    findings: tuple[Finding, ...]

    def line(self, where: str, report: Report, lang: str) -> Line:
        shape = report.shape
        cells = [c for c in shape.cells if c.table == self.table]
        col_label = {c.column: c.column_label.text(lang) for c in cells}
        row_label = {c.row: c.row_label(lang) for c in cells}
        parts = []
        if self.columns:
            names = [col_label[k] for k in self.columns]
            parts.append(_some(names, lang, "列" if lang == "zh" else "column"))
        if self.rows:
            names = [row_label[k] for k in self.rows]
            parts.append(_some(names, lang, "行" if lang == "zh" else "row"))
        table = table_name(self.table).text(lang)
        codes = sorted({f.code for f in self.findings})
        n = len(self.findings)
        if lang == "zh":
            label = f"{table} " + "、".join(parts) + "空白"
            values = f"（{n} 条）"
        else:
            label = f"{table}, " + " and ".join(parts) + " blank"
            values = f"({n} identit{'y' if n == 1 else 'ies'})"
        return Line(where, ",".join(codes), Severity.NOT_ASSESSABLE, label, "", values)


def _some(names: Sequence[str], lang: str, unit: str) -> str:
    """The names, or the first and the last of more than two: ``商业企业 … 其他 5 列``,
    ``columns Commercial enterprises … Other organisations (5)``."""
    n = len(names)
    if lang == "zh":
        shown = "、".join(names) if n <= 2 else f"{names[0]} … {names[-1]}"
        return f"{shown} {n} {unit}" if n > 1 else f"{shown} {unit}"
    shown = ", ".join(names) if n <= 2 else f"{names[0]} … {names[-1]} ({n})"
    return f"{unit}{'s' if n > 1 else ''} {shown}"


def blank_groups(
    report: Report, findings: Iterable[Finding]
) -> tuple[list[BlankGroup], list[Finding]]:
    """The report's ``not_assessable`` findings that blank columns or rows explain, grouped by
    table (one line each), and the rest."""
    pending = [f for f in findings if f.severity is Severity.NOT_ASSESSABLE]
    if not pending:
        return [], []
    blank, parts = _blank_parts(report)
    by_table: dict[int, list[Finding]] = defaultdict(list)
    rest: list[Finding] = []
    for f in pending:
        of_cells = rule(f.code).kind == "identity"  # a statement's finding says its own words
        own = (
            of_cells
            and rule(f.code).scope is Scope.REPORT
            and (f.agency, f.year)
            == (
                report.meta.agency,
                report.meta.year,
            )
        )
        if own and f.table is not None and f.blank and all(p in blank for p in f.blank):
            by_table[f.table].append(f)
        else:
            rest.append(f)
    groups = []
    for table, found in sorted(by_table.items()):
        used = {p for f in found for p in f.blank}
        shape = report.shape
        of_path = {c.path: c for c in shape.cells if c.table == table}
        columns = tuple(
            k for k in parts.get((table, "column"), []) if any(of_path[p].column == k for p in used)
        )
        rows = tuple(
            k
            for k in parts.get((table, "row"), [])
            if any(of_path[p].row == k and of_path[p].column not in columns for p in used)
        )
        groups.append(BlankGroup(table, columns, rows, tuple(found)))
    return groups, rest


def summary_line(
    lang: str,
    files: int,
    unreadable: int,
    with_findings: int,
    counts: Counter[Severity],
    hidden: int,
    dismissed: int = 0,
) -> str:
    """``3 files, 2 with findings: 4 inconsistencies, 1 warning; 35 not assessable hidden``:
    findings are errors, inconsistencies and warnings; notes and identities not assessable
    follow the semicolon, shown (``--show-all``) or hidden, and the findings a review file
    dismissed."""
    serious = [(s, counts[s]) for s in Severity if counts[s] and s.rank >= Severity.WARNING.rank]
    minor = [(s, counts[s]) for s in Severity if counts[s] and s.rank < Severity.WARNING.rank]
    if lang == "zh":
        head = f"{files} 个文件"
        if unreadable:
            head += f"，{unreadable} 个无法读取"
        if serious:
            listed = "，".join(f"{severity_name(s, lang)} {n} 项" for s, n in serious)
            head += f"，{with_findings} 个有发现：{listed}"
        else:
            head += "，没有发现"
        rest = [f"{severity_name(s, lang)} {n} 项" for s, n in minor]
        if hidden:
            rest.append(f"无法核对 {hidden} 项未列出（--show-all 列出）")
        if dismissed:
            rest.append(f"复核已排除 {dismissed} 项")
        return head + ("；" + "，".join(rest) if rest else "")
    head = f"{files} file{'s' if files != 1 else ''}"
    if unreadable:
        head += f", {unreadable} unreadable"
    if serious:
        listed = ", ".join(_count(s, n) for s, n in serious)
        head += f", {with_findings} with findings: {listed}"
    else:
        head += ", no findings"
    rest = [_count(s, n) for s, n in minor]
    if hidden:
        rest.append(f"{hidden} not assessable hidden (--show-all)")
    if dismissed:
        rest.append(f"{dismissed} dismissed in review")
    return head + ("; " + ", ".join(rest) if rest else "")


def _count(severity: Severity, n: int) -> str:
    return f"{n} {severity_name(severity, 'en') if n == 1 else _PLURAL[severity]}"
