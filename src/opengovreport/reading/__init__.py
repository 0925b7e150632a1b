"""Parse published reports — text from PDFs and web pages, HTML, Markdown — into the model.

:func:`parse` reads any of them (``format="auto"`` tells them apart) and returns a
:class:`ParseResult`: the report, and a :class:`Diagnostic` for every guess it made. Anything that
holds no report raises :class:`ParseError`; no other exception escapes.
"""

from ._catalogue import DiagnosticKind, diagnostic_kinds
from ._files import extract_text, read
from ._open import Limits
from ._parse import detect_format, parse
from ._result import Diagnostic, ParseError, ParseResult, ReadStatus, Reason, reason_codes

__all__ = [
    "Diagnostic",
    "DiagnosticKind",
    "Limits",
    "ParseError",
    "ParseResult",
    "ReadStatus",
    "Reason",
    "detect_format",
    "diagnostic_kinds",
    "extract_text",
    "parse",
    "read",
    "reason_codes",
]
