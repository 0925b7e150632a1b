"""A kind of the reader's diagnostics: its stable code, severity, description, and its
message templates in Chinese and English (:func:`kind_of` declares one)."""

import attrs

from ...schema import Label
from ...values import Severity

__all__ = ["ERROR", "INFO", "WARNING", "DiagnosticKind", "kind_of"]


@attrs.frozen
class DiagnosticKind:
    """A kind of diagnostic: its stable code, severity, description, and its message templates
    (by variant; ``""`` is the usual one)."""

    code: str
    severity: Severity
    description: Label
    templates: dict[str, Label] = attrs.field(factory=dict, hash=False, eq=False)

    def template(self, variant: str = "") -> Label:
        """The message template of ``variant`` (the usual one where there is no such)."""
        return self.templates.get(variant) or self.templates[""]


INFO, WARNING, ERROR = Severity.INFO, Severity.WARNING, Severity.ERROR


def kind_of(
    code: str, severity: Severity, zh: str, en: str, **templates: tuple[str, str]
) -> DiagnosticKind:
    return DiagnosticKind(
        code,
        severity,
        Label(zh, en),
        {("" if name == "usual" else name): Label(*t) for name, t in templates.items()},
    )
