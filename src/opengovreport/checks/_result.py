"""Findings and the result of a check."""

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any, ClassVar

import attrs

from ..errors import InputError
from ..model import CellValue, Report, pickle_by_fields
from ..values import format_value
from ._catalog import Severity, rule

__all__ = ["CellRef", "CheckError", "CheckResult", "Finding"]


@pickle_by_fields
@attrs.frozen
class CellRef:
    """A cell a finding involves: its path, printed label and value, in which report."""

    path: str
    #: the printed label, e.g. ``三、本年度办理结果（三）不予公开 1.属于国家秘密 × 自然人``
    label: str
    value: CellValue
    agency: str
    year: int


@pickle_by_fields
@attrs.frozen(kw_only=True)
class Finding:
    """One failed (or unassessable) rule, with everything needed to fix it. Built by keyword."""

    code: str
    severity: Severity
    #: the table of the cells involved (2, 3 or 4); ``None`` for a finding about the narrative
    #: alone (a section, S1–S3)
    table: int | None
    #: the report the finding is about (for a cross-year rule, the later year)
    agency: str
    year: int
    message_zh: str
    message_en: str
    #: every cell involved, the checked side first
    cells: tuple[CellRef, ...] = ()
    #: the value of the checked side as printed (``None`` when not assessable)
    printed: CellValue = None
    #: the value computed from the other side (``None`` when not assessable)
    computed: CellValue = None
    #: printed − computed (``None`` when not assessable)
    difference: CellValue = None
    #: the blank cells that made the rule unassessable
    blank: tuple[str, ...] = ()
    #: what the finding is about beyond its cells: the statement of the narrative (T5,
    #: ``handled=463件``), the section (S1–S3); part of its :attr:`fingerprint`
    about: str = ""

    @property
    def paths(self) -> tuple[str, ...]:
        """The paths of the cells involved."""
        return tuple(c.path for c in self.cells)

    @property
    def years(self) -> tuple[int, ...]:
        """The years of the reports involved, in order."""
        return tuple(sorted({c.year for c in self.cells}))

    @property
    def fingerprint(self) -> str:
        """What identifies the finding across runs: its rule, report, what it is about, and its
        cells with their printed values — not where it stands in a file, its severity or its
        words. A report read again (from another file of it) gives the same fingerprints; a
        changed figure a new one. 16 hexadecimal digits."""
        data = [
            self.code,
            self.agency,
            self.year,
            self.about,
            [[c.path, _canonical(c.value), c.agency, c.year] for c in self.cells],
            _canonical(self.printed),
            _canonical(self.computed),
        ]
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    def message(self, lang: str = "zh") -> str:
        """The one-line message in ``lang`` (``"zh"`` or ``"en"``)."""
        if lang not in ("zh", "en"):
            raise InputError(f"unknown language {lang!r}: expected 'zh' or 'en'")
        return self.message_zh if lang == "zh" else self.message_en

    def to_dict(self) -> dict[str, Any]:
        """The finding as JSON-ready data (amounts as decimal strings)."""
        return {
            "fingerprint": self.fingerprint,
            "code": self.code,
            "severity": self.severity.value,
            "title": {"zh": rule(self.code).title.zh, "en": rule(self.code).title.en},
            "table": self.table,
            "agency": self.agency,
            "year": self.year,
            "cells": [
                {
                    "path": c.path,
                    "label": c.label,
                    "value": _json_value(c.value),
                    "agency": c.agency,
                    "year": c.year,
                }
                for c in self.cells
            ],
            "printed": _json_value(self.printed),
            "computed": _json_value(self.computed),
            "difference": _json_value(self.difference),
            "blank": list(self.blank),
            "message": {"zh": self.message_zh, "en": self.message_en},
        }


def _canonical(value: object) -> object:
    """A value as the fingerprint holds it: an amount without trailing zeros (7545.00 and
    7545 are one figure, whichever file it was read from)."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return value if value is None or type(value) is int else repr(value)


def _json_value(value: object) -> object:
    if isinstance(value, Decimal):
        return format(value, "f")
    if value is None or type(value) is int:
        return value
    return repr(value)


@pickle_by_fields
@attrs.frozen
class CheckResult:
    """All findings of a check, worst first. ``ok`` when there is no error and no
    inconsistency (warnings and unassessable rules do not make a report wrong).

    ``reports`` are the reports checked (not compared: two results are equal when their
    findings are): :meth:`to_html` draws their tables with each finding's cells highlighted.
    ``dismissed`` are the findings a review file dismissed (:class:`~opengovreport.checks.
    Review`): not in ``findings``, not counted by ``ok``.
    """

    findings: tuple[Finding, ...] = ()
    #: a tuple, or for a corpus read on workers a sequence equal to one whose reports are made
    #: when first asked for (:class:`~opengovreport.corpus.Reports`)
    reports: "Sequence[Report]" = attrs.field(default=(), eq=False, repr=False)
    dismissed: tuple[Finding, ...] = ()

    @property
    def ok(self) -> bool:
        """No finding of severity ``error`` or ``inconsistency``."""
        return not any(f.severity.rank >= Severity.INCONSISTENCY.rank for f in self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def filter(
        self,
        *,
        code: str | Iterable[str] | None = None,
        severity: Severity | str | Iterable[Severity | str] | None = None,
        table: int | Iterable[int] | None = None,
        min_severity: Severity | str | None = None,
    ) -> "CheckResult":
        """The findings with the given code(s), severity(ies), table(s), or at least
        ``min_severity``."""
        codes = _set(code, str)
        severities = (
            None
            if severity is None
            else {Severity(s) for s in _set(severity, (str, Severity)) or ()}
        )
        tables = _set(table, int)
        floor = None if min_severity is None else Severity(min_severity).rank
        return CheckResult(
            tuple(
                f
                for f in self.findings
                if (codes is None or f.code in codes)
                and (severities is None or f.severity in severities)
                and (tables is None or f.table in tables)
                and (floor is None or f.severity.rank >= floor)
            ),
            self.reports,
            self.dismissed,
        )

    def counts(self) -> dict[str, int]:
        """How many findings of each severity."""
        out = {s.value: 0 for s in Severity if s is not Severity.INFO}  # a finding's
        for f in self.findings:
            out[f.severity.value] += 1
        return out

    def to_dicts(self) -> list[dict[str, Any]]:
        """Every finding as JSON-ready data."""
        return [f.to_dict() for f in self.findings]

    def to_json(self, *, indent: int | None = 2) -> str:
        """``{"ok": …, "counts": …, "findings": […], "dismissed": [fingerprints]}`` as JSON
        text."""
        data = {
            "ok": self.ok,
            "counts": self.counts(),
            "findings": self.to_dicts(),
            "dismissed": [f.fingerprint for f in self.dismissed],
        }
        return json.dumps(data, ensure_ascii=False, indent=indent)

    def _rows(self, lang: str) -> list[list[str]]:
        return [
            [
                f.code,
                _severity(f.severity.value, lang),
                f"{f.agency} {f.year}",
                f.cells[0].label if f.cells else "",
                format_value(f.printed),
                format_value(f.computed),
                format_value(f.difference),
                f.message(lang),
            ]
            for f in self.findings
        ]

    _HEADERS: ClassVar[dict[str, list[str]]] = {
        "zh": ["规则", "严重程度", "报告", "单元格", "填报值", "计算值", "差额", "说明"],
        "en": [
            "rule",
            "severity",
            "report",
            "cell",
            "printed",
            "computed",
            "difference",
            "message",
        ],
    }

    def summary(self, lang: str = "zh", width: int | None = 100) -> str:
        """The findings under their counts, in ``lang``, as the command line prints them: a
        finding a line (its report, rule, severity, cell and message), or where that is wider
        than ``width``, the report, rule and severity on a line and the rest wrapped below it
        (``None``: each on one line, however long)."""
        from .._messages import message

        counts = [(s, n) for s, n in self.counts().items() if n]
        sep = message("list.sep", lang)
        listed = sep.join(
            message("findings.count_of", lang, severity=_severity(s, lang), n=n) for s, n in counts
        )
        n = len(self.findings)
        head = message("findings.count", lang, n=n, s="s" if n != 1 else "")
        head += message("findings.counts", lang, counts=listed) if counts else ""
        if self.dismissed:
            head += message("sep", lang) + message(
                "findings.dismissed", lang, n=len(self.dismissed)
            )
        if not self.findings:
            return head if self.dismissed else message("findings.none", lang)
        from .._layout import Line

        lines = [
            Line(
                f"{f.agency} {f.year}",
                f.code,
                f.severity,
                f.cells[0].label if f.cells and lang == "zh" else _label_en(f) if f.cells else "",
                f.message(lang),
            ).render(lang, width)
            for f in self.findings
        ]
        return "\n".join([head, *lines])

    def findings_table_html(self, lang: str = "zh") -> str:
        """The findings as an HTML table: rule, severity, report, cell, printed, computed,
        difference, message."""
        from ..rendering.html import escape

        if not self.findings:
            from .._messages import message

            return f"<p>{escape(message('findings.none', lang))}</p>"
        head = "".join(f"<th>{escape(h)}</th>" for h in self._HEADERS[lang])
        body = "".join(
            f'<tr class="ogr-{f.severity.value}">'
            + "".join(f"<td>{escape(cell)}</td>" for cell in row)
            + "</tr>"
            for f, row in zip(self.findings, self._rows(lang), strict=True)
        )
        return (
            f'<table class="ogr-finding-list"><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>"
        )

    def to_html(self, lang: str = "zh", *, standalone: bool = False) -> str:
        """The checked reports' tables in the official layout, each cell of a finding
        highlighted (a colour per severity; the rule, message, printed and computed values on
        hover), and the findings listed below; a whole page with ``standalone=True``."""
        from ._html import findings_html

        return findings_html(self, lang, standalone=standalone)

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        counts = "".join(f", {k}={v}" for k, v in self.counts().items() if v)
        dismissed = f", dismissed={len(self.dismissed)}" if self.dismissed else ""
        return f"CheckResult(ok={self.ok}, findings={len(self.findings)}{counts}{dismissed})"


def _severity(value: str, lang: str) -> str:
    from .._messages import message

    return message(f"severity.{value}", lang)


def _label_en(finding: Finding) -> str:
    """The English label of a finding's first cell, from its report's shape where it has it."""
    from ..schema import shapes

    path = finding.cells[0].path
    for shape in shapes():
        try:
            return shape.cell(path).label("en")
        except KeyError:
            continue
    return finding.cells[0].label


def _set(value: Any, kinds: type | tuple[type, ...]) -> set[Any] | None:
    if value is None:
        return None
    if isinstance(value, kinds):
        return {value}
    return set(value)


class CheckError(InputError):
    """Raised by a strict check: carries every finding in ``result``."""

    def __init__(self, result: CheckResult):
        self.result = result
        lines = "\n".join(f"  {f.code} {f.severity.value}: {f.message_en}" for f in result.findings)
        super().__init__(f"{len(result.findings)} findings:\n{lines}")
