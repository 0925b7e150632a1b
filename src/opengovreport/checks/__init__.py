"""Invariant checks (勾稽关系): every identity of the format as a declared rule, one engine.

:func:`check` applies a report's own rules; :func:`check_series` adds the rules across reports.
:func:`catalog` lists every rule with its code, severity, and Chinese and English texts.
:func:`statements` reads the figures a report's narrative states, :func:`verdicts` judges them
against its tables (T5). A :class:`Review` keeps what a person decided about findings across
runs.
"""

from ..schema import GRAMMAR, Form
from ._catalog import Rule, Scope, Severity, Status, catalog, rule
from ._engine import check, check_series, pair_relations
from ._narrative import Verdict, statements, verdicts
from ._result import CellRef, CheckError, CheckResult, Finding
from ._review import STATUSES, Review, ReviewEntry, ReviewError
from ._statements import Statement, read_statements

__all__ = [
    "GRAMMAR",
    "STATUSES",
    "CellRef",
    "CheckError",
    "CheckResult",
    "Finding",
    "Form",
    "Review",
    "ReviewEntry",
    "ReviewError",
    "Rule",
    "Scope",
    "Severity",
    "Statement",
    "Status",
    "Verdict",
    "catalog",
    "check",
    "check_series",
    "pair_relations",
    "read_statements",
    "rule",
    "statements",
    "verdicts",
]
