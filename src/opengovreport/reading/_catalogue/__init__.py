"""The catalogue of the reader's diagnostics: every kind of guess or gap, with a stable code, a
severity, what it means, and its message in Chinese and English as a template filled from the
diagnostic's fields (documented beside the rule catalogue).

A template names its fields in braces: ``{where}`` (the table, row and column the diagnostic
is about, in the message's language), ``{text}`` (what the reader saw, quoted), and the fields
the reader gave. A kind may have several templates, chosen by the diagnostic's ``variant``.
"""

from ...errors import NotFoundError
from . import cells, document, scans, tables
from ._kind import DiagnosticKind

__all__ = ["DiagnosticKind", "diagnostic_kinds", "kind"]

_KINDS: tuple[DiagnosticKind, ...] = (*document.KINDS, *tables.KINDS, *cells.KINDS, *scans.KINDS)

_BY_CODE = {k.code: k for k in _KINDS}


def diagnostic_kinds() -> tuple[DiagnosticKind, ...]:
    """Every kind of diagnostic the reader gives."""
    return _KINDS


def kind(code: str) -> DiagnosticKind:
    """The kind of diagnostic with ``code``."""
    try:
        return _BY_CODE[code]
    except KeyError:
        raise NotFoundError(f"no diagnostic {code!r}; known: {', '.join(_BY_CODE)}") from None
