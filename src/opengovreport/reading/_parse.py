"""Text, HTML or Markdown to a :class:`ParseResult`: the format told apart, the lines read,
the report built from them."""

import re
from typing import Literal

from ..errors import said
from ._build import build
from ._lines import Document, read_html, read_markdown, read_text
from ._result import ParseError, ParseResult, ReadStatus, Reason

__all__ = ["Format", "detect_format", "from_document", "parse"]

Format = Literal["auto", "text", "html", "markdown"]
_HTML = re.compile(r"<(html|body|table|p|div|h[1-6]|tr|td)[\s>]", re.I)
_MD_TABLE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$", re.M)
_MD_HEADING = re.compile(r"^#{1,6} \S", re.M)


def detect_format(source: str) -> str:
    """``html``, ``markdown`` or ``text``: what ``source`` looks like."""
    head = source[:5000]
    if "<" in head and _HTML.search(head):
        return "html"
    # the patterns try every position: look for their characters first
    if ("#" in source and _MD_HEADING.search(source)) or (
        "|" in source and "---" in source and _MD_TABLE.search(source)
    ):
        return "markdown"
    return "text"


def parse(source: str, format: Format = "auto") -> ParseResult:
    """The report in ``source``, a published report as text, HTML or Markdown.

    Raises :class:`ParseError` when ``source`` holds no report, saying what is missing.
    """
    if not isinstance(source, str):
        raise ParseError(Reason.of("not-text", type=type(source).__name__))
    kind = detect_format(source) if format == "auto" else format
    readers = {"text": read_text, "html": read_html, "markdown": read_markdown}
    if kind not in readers:
        formats = ", ".join(["auto", *readers])
        raise ParseError(Reason.of("unknown-format", format=str(format), formats=formats))
    doc: Document = readers[kind](source)
    return from_document(doc, kind, "lxml" if kind == "html" else kind)


def from_document(doc: Document, fmt: str, reader: str, source: str | None = None) -> ParseResult:
    """The report in ``doc`` (lines read from a source of format ``fmt`` by ``reader``)."""
    try:
        built = build(doc)
    except ParseError:
        raise
    except (ValueError, KeyError, IndexError, TypeError, AssertionError, RecursionError) as exc:
        raise ParseError(Reason.of("build-failed", error=said(exc))) from None
    gaps = built.gaps
    return ParseResult(
        found=built.report,
        status=ReadStatus.PARTIAL if gaps else ReadStatus.OK,
        diagnostics=tuple(built.notes),
        format=fmt,
        reader=reader,
        source=source,
        reasons=gaps,
        cells_read=built.counts["read"],
        cells_rebuilt=built.counts["rebuilt"],
        cells_guessed=built.counts["guessed"],
        cells_missing=built.counts["missing"],
        cells_repaired=built.counts["repaired"],
    )
