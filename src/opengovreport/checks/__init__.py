"""Invariant checks (勾稽关系): every identity of the format as a declared rule, one engine.

:func:`check` applies a report's own rules; :func:`check_series` adds the rules across reports.
:func:`catalog` lists every rule with its code, severity, and Chinese and English texts.
"""

from ._catalog import Rule, Scope, Severity, Status, catalog, rule
from ._engine import check, check_series, pair_relations
from ._result import CellRef, CheckError, CheckResult, Finding

__all__ = [
    "CellRef",
    "CheckError",
    "CheckResult",
    "Finding",
    "Rule",
    "Scope",
    "Severity",
    "Status",
    "catalog",
    "check",
    "check_series",
    "pair_relations",
    "rule",
]
