"""The rule catalogue: every identity of the format as data."""

import enum

import attrs

from ..schema import (
    TABLE3_COLUMNS,
    TABLE4_COLUMNS,
    Edition,
    Label,
    disclosure_blocks,
    table3_leaf_rows,
)

__all__ = ["Rule", "Scope", "Severity", "Status", "catalog", "rule"]


class Severity(enum.Enum):
    """How bad a finding is, from the worst."""

    #: something impossible: no rule of the catalogue gives it (the model cannot hold an
    #: impossible value); the parser's diagnostics do, for a cell it could not read
    ERROR = "error"
    #: a failed identity
    INCONSISTENCY = "inconsistency"
    #: a failed plausibility rule
    WARNING = "warning"
    #: a rule that could not be evaluated because a cell it needs is blank
    NOT_ASSESSABLE = "not_assessable"

    @property
    def rank(self) -> int:
        """3 for error down to 0 for not_assessable, for thresholds."""
        return _RANK[self]

    def __str__(self) -> str:
        return self.value


_RANK = {
    Severity.ERROR: 3,
    Severity.INCONSISTENCY: 2,
    Severity.WARNING: 1,
    Severity.NOT_ASSESSABLE: 0,
}


class Status(enum.Enum):
    """Where a rule comes from (FORMAT.md §5)."""

    #: printed in the table
    PRINTED = "printed"
    #: implied by the table's 总计 and wording
    IMPLIED = "implied"
    #: what reports do in practice, not written in the format
    PRACTICE = "practice"
    #: a plausibility check; real reports may break it for good reasons
    PLAUSIBILITY = "plausibility"


class Scope(enum.Enum):
    """What a rule looks at."""

    #: one report
    REPORT = "report"
    #: several reports (years of one agency; a body and its units)
    SERIES = "series"


@attrs.frozen
class Rule:
    """A rule of the catalogue: a stable code and what it checks, in Chinese and English."""

    code: str
    #: the severity of a failure
    severity: Severity
    status: Status
    scope: Scope
    #: the table it checks (2, 3 or 4), or ``None`` for any
    table: int | None
    title: Label
    description: Label
    #: the identity written out: ``lhs op rhs``
    identity: Label
    #: the two sides, as messages name them
    lhs: Label
    rhs: Label
    #: ``"="`` or ``"≥"``
    op: str = "="


def _sum(labels: list[Label]) -> Label:
    return Label(" + ".join(x.zh for x in labels), " + ".join(x.en for x in labels))


def _rule(
    code: str,
    severity: Severity,
    status: Status,
    scope: Scope,
    table: int | None,
    title: tuple[str, str],
    description: tuple[str, str],
    lhs: Label,
    rhs: Label,
    op: str = "=",
) -> Rule:
    identity = Label(f"{lhs.zh} {op} {rhs.zh}", f"{lhs.en} {op} {rhs.en}")
    return Rule(
        code,
        severity,
        status,
        scope,
        table,
        Label(*title),
        Label(*description),
        identity,
        lhs,
        rhs,
        op,
    )


_ROWS = {leaf.path: leaf.label for leaf in table3_leaf_rows(True)}
_TOTAL = TABLE3_COLUMNS[-1].label
_T4 = {c.key: c.label for c in TABLE4_COLUMNS}
_D2021 = {c.key: c.label for b in disclosure_blocks(Edition.E2021) for c in b.columns}
_D2019 = {c.key: c.label for b in disclosure_blocks(Edition.E2019) for c in b.columns}
_ERR, _INC, _WARN = Severity.ERROR, Severity.INCONSISTENCY, Severity.WARNING
_REPORT, _SERIES = Scope.REPORT, Scope.SERIES

_CATALOG: tuple[Rule, ...] = (
    _rule(
        "I1",
        _INC,
        Status.PRINTED,
        _REPORT,
        3,
        ("收支平衡", "Requests balance"),
        (
            "表三每一列：本年新收加上年结转，等于本年度办理结果总计加结转下年度继续办理。",
            "Table 3, every column: received + carried over = total handled + carried forward.",
        ),
        _sum([_ROWS["new_received"], _ROWS["carried_over"]]),
        _sum([_ROWS["total_handled"], _ROWS["carried_forward"]]),
    ),
    _rule(
        "I2",
        _INC,
        Status.IMPLIED,
        _REPORT,
        3,
        ("办理结果总计", "Outcomes add up"),
        (
            "表三每一列：（七）总计等于（一）（二）及（三）至（六）各项之和。",
            "Table 3, every column: (7) total = the sum of (1), (2) and the items of (3)–(6).",
        ),
        _ROWS["total_handled"],
        Label("（一）至（六）各项之和", "the sum of the outcome rows (1)–(6)"),
    ),
    _rule(
        "I3",
        _INC,
        Status.IMPLIED,
        _REPORT,
        3,
        ("申请人合计", "Applicants add up"),
        (
            "表三每一行：总计等于六类申请人之和。",
            "Table 3, every row: 总计 = the sum of the six applicant columns.",
        ),
        _TOTAL,
        Label("六类申请人之和", "the sum of the six applicant columns"),
    ),
    _rule(
        "I4",
        _INC,
        Status.IMPLIED,
        _REPORT,
        4,
        ("复议诉讼合计", "Appeals add up"),
        (
            "表四每一组：总计等于结果维持、结果纠正、其他结果、尚未审结之和。",
            "Table 4, each group: total = upheld + corrected + other + pending.",
        ),
        _T4["total"],
        _sum([_T4["upheld"], _T4["corrected"], _T4["other"], _T4["pending"]]),
    ),
    _rule(
        "T1",
        _INC,
        Status.PRACTICE,
        _SERIES,
        3,
        ("跨年结转", "Carry-over across years"),
        (
            "同一机关，表三每一列：本年的上年结转等于上一年的结转下年度继续办理。",
            "Same agency, table 3, every column: carried over (year N) = carried forward (N−1).",
        ),
        Label(f"{_ROWS['carried_over'].zh}（N）", f"{_ROWS['carried_over'].en} (N)"),
        Label(f"{_ROWS['carried_forward'].zh}（N−1）", f"{_ROWS['carried_forward'].en} (N−1)"),
    ),
    _rule(
        "T2",
        _WARN,
        Status.PLAUSIBILITY,
        _SERIES,
        2,
        ("现行有效件数跨年衔接", "Documents in force roll forward"),
        (
            "2021年版表二：本年现行有效件数等于上年现行有效件数加本年制发件数减本年废止件数"
            "（文件也会失效或重新统计，仅作提示）。",
            "2021 edition table 2: in force (N) = in force (N−1) + issued (N) − repealed (N); "
            "documents also lapse or are re-based, so this only warns.",
        ),
        Label(f"{_D2021['in_force'].zh}（N）", f"{_D2021['in_force'].en} (N)"),
        Label(
            f"{_D2021['in_force'].zh}（N−1） + {_D2021['issued'].zh} − {_D2021['repealed'].zh}",
            f"{_D2021['in_force'].en} (N−1) + {_D2021['issued'].en} − {_D2021['repealed'].en}",
        ),
    ),
    _rule(
        "T3",
        _WARN,
        Status.PLAUSIBILITY,
        _REPORT,
        2,
        ("现行有效不少于本年制发", "In force covers issued"),
        (
            "2021年版表二：现行有效件数不少于本年制发件数。",
            "2021 edition table 2: documents in force ≥ documents issued this year.",
        ),
        _D2021["in_force"],
        _D2021["issued"],
        "≥",
    ),
    _rule(
        "T4",
        _WARN,
        Status.PLAUSIBILITY,
        _REPORT,
        2,
        ("项目数量增减", "Item counts roll forward"),
        (
            "2019年版表二第（五）（六）项：上一年项目数量加本年增/减等于本年数量"
            "（表中无此列，实践中填在处理决定数量下）。",
            "2019 edition table 2, items (5) and (6): last year + change = this year's count "
            "(no such column; reports put it under 处理决定数量).",
        ),
        _D2019["decisions"],
        _sum([_D2019["last_year"], _D2019["change"]]),
    ),
    _rule(
        "T6",
        _INC,
        Status.PRACTICE,
        _SERIES,
        None,
        ("汇总报告等于下属单位之和", "A summary equals its units"),
        (
            "汇总报告（如县级汇总）的每一个数值等于其下属单位报告相应数值之和。",
            "A summary report's every cell = the sum of its units' cells.",
        ),
        Label("汇总报告数值", "the summary's value"),
        Label("下属单位数值之和", "the sum of the units' values"),
    ),
)

_BY_CODE = {r.code: r for r in _CATALOG}


def catalog() -> tuple[Rule, ...]:
    """Every rule the checks apply, in code order."""
    return _CATALOG


def rule(code: str) -> Rule:
    """The rule with ``code`` (e.g. ``"I1"``)."""
    try:
        return _BY_CODE[code]
    except KeyError:
        raise KeyError(f"no rule {code!r}; rules: {', '.join(_BY_CODE)}") from None
