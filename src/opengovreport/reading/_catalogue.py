"""The catalogue of the reader's diagnostics: every kind of guess or gap, with a stable code, a
severity, what it means, and its message in Chinese and English as a template filled from the
diagnostic's fields (documented beside the rule catalogue).

The words are data, as the other message catalogues are: ``catalogues/diagnostics.json``, a
section for what the diagnostics are about (the document, tables and rows, cells, scans), each
holding ``"code": [zh, en]`` (what it means) and ``"code.variant": [zh, en]`` (a message
template; ``usual`` is the one given where a diagnostic names no variant of its own). The
severities are here (:data:`_SEVERITY`), in the catalogue's order.

A template names its fields in braces: ``{where}`` (the table, row and column the diagnostic
is about, in the message's language), ``{text}`` (what the reader saw, quoted), and the fields
the reader gave. A kind may have several templates, chosen by the diagnostic's ``variant``.
"""

import attrs

from .._messages import load_catalogue
from ..errors import NotFoundError, OpenGovReportError
from ..schema import Label
from ..values import Severity

__all__ = ["DiagnosticKind", "diagnostic_kinds", "kind"]


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

#: each diagnostic's severity, by its code, in the catalogue's order
_SEVERITY: dict[str, Severity] = {
    # the document
    "second-report": ERROR,
    "reader-fallback": INFO,
    "charset": WARNING,
    "section-missing": ERROR,
    "heading-variant": INFO,
    "heading-unknown": WARNING,
    "page-lines": INFO,
    "title-from-page": INFO,
    "front-skipped": INFO,
    "heading-renumbered": WARNING,
    "table-by-content": INFO,
    "title-missing": ERROR,
    "agency-missing": WARNING,
    "agency-guessed": WARNING,
    "year-guessed": WARNING,
    "edition": INFO,
    "contact-sentence": INFO,
    "closing": INFO,
    "text-outside": WARNING,
    # tables and rows
    "block-missing": ERROR,
    "row-missing": ERROR,
    "row-dropped": WARNING,
    "row-order": WARNING,
    "labels-after": INFO,
    "row-by-position": WARNING,
    "row-unplaced": ERROR,
    "table4-order": WARNING,
    "row-ignored": INFO,
    "label-variant": INFO,
    "column-order": INFO,
    "columns-assumed": WARNING,
    "columns-unmatched": WARNING,
    "column-missing": ERROR,
    "columns-short": WARNING,
    # cells
    "cell-missing": ERROR,
    "cells-missing": ERROR,
    "cells-extra": WARNING,
    "spurious-cell": WARNING,
    "readers-differ": WARNING,
    "blank-cell": INFO,
    "blank-mark": WARNING,
    "number-format": INFO,
    "not-a-number": WARNING,
    "rebuilt": INFO,
    "rebuilt-unbalanced": WARNING,
    "rebuilt-unconfirmed": WARNING,
    "rebuilt-by-narrative": WARNING,
    "rebuild-ambiguous": WARNING,
    "unit-converted": INFO,
    "unit-unclear": WARNING,
    "impossible-value": ERROR,
    # scans read by OCR
    "ocr": INFO,
    "ocr-turned": INFO,
    "ocr-repaired": WARNING,
    "ocr-unsure": WARNING,
    "ocr-unbalanced": WARNING,
}


def _kinds(words: dict[str, tuple[str, str]]) -> tuple[DiagnosticKind, ...]:
    """The kinds the catalogue's ``words`` describe, each with its severity; a code without
    its severity, or a severity without its code, is an error naming it."""
    templates: dict[str, dict[str, Label]] = {}
    for key, (zh, en) in words.items():
        code, _, variant = key.partition(".")
        if variant:
            templates.setdefault(code, {})["" if variant == "usual" else variant] = Label(zh, en)
    codes = [key for key in words if "." not in key]
    if codes != list(_SEVERITY):
        unlike = next(a for a, b in zip([*codes, ""], [*_SEVERITY, ""], strict=True) if a != b)
        raise OpenGovReportError(f"the diagnostics' catalogue and severities differ at {unlike!r}")
    return tuple(
        DiagnosticKind(code, _SEVERITY[code], Label(*words[code]), templates.get(code, {}))
        for code in codes
    )


_KINDS = _kinds(load_catalogue("diagnostics"))
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
