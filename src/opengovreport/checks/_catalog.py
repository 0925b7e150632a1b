"""The rule catalogue: every identity of the format as data (declared in the schema)."""

from ..schema import Rule, Scope, Status, rule, rules
from ..values import Severity

__all__ = ["Rule", "Scope", "Severity", "Status", "catalog", "rule"]


def catalog() -> tuple[Rule, ...]:
    """Every rule the checks apply: the national catalogue, then those registered
    (:func:`opengovreport.schema.register_rule`)."""
    return rules()
