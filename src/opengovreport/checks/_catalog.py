"""The rule catalogue: every identity of the format as data (declared in the schema)."""

from ..schema import RULES, Rule, Scope, Status, rule
from ..values import Severity

__all__ = ["Rule", "Scope", "Severity", "Status", "catalog", "rule"]


def catalog() -> tuple[Rule, ...]:
    """Every rule the checks apply, in code order."""
    return RULES
