"""Reports as governments publish them: :func:`read` takes a file (or its bytes) — PDF, Word,
a saved or crawled web page, Markdown, text, or report JSON — tells its kind from its content,
and gives a :class:`ParseResult` with a status, never an exception for what the file holds.
"""

import codecs
import os
import re
import time
from pathlib import Path
from typing import Literal

import attrs

from .._text import decode
from ..checks import check
from ..schema import Label
from ._docx import DocxError, docx_document, docx_problem
from ._lines import Document, read_html, read_markdown, read_text
from ._pdf import (
    PDFError,
    TimeBudgetError,
    has_images,
    inflation_problem,
    open_pdf,
    pdfium_text,
    pdfplumber_text,
    pdftotext_available,
    pdftotext_text,
)
from ._result import Diagnostic, ParseError, ParseResult, ReadStatus

__all__ = ["FileFormat", "Limits", "extract_text", "read", "sniff"]

FileFormat = Literal["auto", "pdf", "docx", "html", "markdown", "text", "json"]

_MB = 2**20


@attrs.frozen(kw_only=True)
class Limits:
    """What :func:`read` takes on before it calls a file ``unreadable``: raise any of them for
    a file you trust. The defaults are far above any real report (a few pages, a few hundred
    cells) and far below what would exhaust a machine."""

    #: the file's size
    bytes: int = 64 * _MB
    #: a PDF's pages
    pages: int = 300
    #: the cells of the tables of a Word document or web page
    cells: int = 50_000
    #: what a PDF's compressed streams, or a Word document's parts, inflate to
    inflated: int = 256 * _MB
    #: seconds a file may take (checked between pages and between readers); ``None``: no limit
    seconds: float | None = 60.0


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CONVERT = "convert it with LibreOffice: soffice --headless --convert-to docx FILE"
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE
)
_TABLE_CELL = re.compile(r"<t[dh][\s>]", re.IGNORECASE)


def sniff(data: bytes, name: str = "") -> str:
    """The kind of a file from its first bytes (the name's suffix only tells text kinds
    apart): ``pdf``, ``docx``, ``zip``, ``doc``, ``rtf``, ``json``, ``html``, ``markdown``,
    ``text``."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if b"word/" in data[:65536] or b"[Content_Types].xml" in head else "zip"
    if head.startswith(_OLE):
        return "doc"
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith((b"{", b"[")):
        return "json"
    lowered = head.lower()
    if b"<html" in lowered or b"<!doctype html" in lowered or b"<table" in lowered:
        return "html"
    suffix = Path(name).suffix.lower()
    if suffix in (".html", ".htm", ".xhtml", ".mht"):
        return "html"
    if suffix in (".md", ".markdown"):
        return "markdown"
    return "text"


def _html_text(data: bytes) -> tuple[str, str | None]:
    """A web page's text: by its byte-order mark, the charset its ``<meta>`` declares, else
    UTF-8 or GB18030; and the declared charset where the page is not in it."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(data), None
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "replace").lower()
        if name in ("gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936", "euc-cn"):
            name = "gb18030"  # the superset browsers read these as
        try:
            return data.decode(name), None
        except LookupError:
            pass
        except UnicodeDecodeError:
            text = decode(data)
            return text, declared.group(1).decode("ascii", "replace")
    return decode(data), None


def _unreadable(
    reason: str, fmt: str, source: str | None, status: ReadStatus = ReadStatus.UNREADABLE
) -> ParseResult:
    return ParseResult(
        found=None, status=status, format=fmt, reader="", source=source, reason=reason
    )


def _parsed(doc: Document, fmt: str, reader: str, source: str | None) -> ParseResult:
    from . import from_document

    try:
        return from_document(doc, fmt, reader, source)
    except ParseError as exc:
        return ParseResult(
            found=None,
            status=exc.status,
            format=fmt,
            reader=reader,
            source=source,
            reason=str(exc),
        )


def _good(result: ParseResult) -> bool:
    """A reading to keep: a report, no error diagnostic, and table 3's identities hold."""
    if result.found is None or result.filter("error"):
        return False
    findings = check(result.found).findings
    return not any(f.code in ("I1", "I2", "I3") and f.severity.rank >= 3 for f in findings)


def _rank(result: ParseResult) -> tuple[int, float, int]:
    return (
        result.found is not None,
        result.quality,
        -len(result.filter("error")),
    )


def _read_pdf(
    data: bytes, limits: Limits, source: str | None, deadline: float | None
) -> ParseResult:
    try:
        problem = inflation_problem(data, limits.inflated, deadline)
    except TimeBudgetError as exc:
        problem = str(exc)
    if problem:
        return _unreadable(problem, "pdf", source)
    try:
        pdf = open_pdf(data)
    except PDFError as exc:
        return _unreadable(str(exc), "pdf", source)
    try:
        pages = len(pdf)
        if pages > limits.pages:
            return _unreadable(
                f"{pages:,} pages; the limit is {limits.pages:,} (Limits.pages)", "pdf", source
            )
        text, chars = pdfium_text(pdf, deadline)
        if chars < 20 * max(1, min(pages, 3)) and not text.strip():
            scanned = has_images(pdf)
            return _unreadable(
                f"no text layer on its {pages} page(s)"
                + (": a scan, it needs OCR first" if scanned else ""),
                "pdf",
                source,
                ReadStatus.NEEDS_OCR if scanned else ReadStatus.NOT_A_REPORT,
            )
    except TimeBudgetError as exc:
        return _unreadable(str(exc), "pdf", source)
    finally:
        pdf.close()
    tried: list[ParseResult] = [_parsed(read_text(text, wrapped=False), "pdf", "pypdfium2", source)]
    fallbacks = [("pdftotext", pdftotext_text)] if pdftotext_available() else []
    fallbacks.append(("pdfplumber", pdfplumber_text))
    for name, extract in fallbacks:
        if _good(tried[-1]) or tried[-1].status is ReadStatus.NOT_A_REPORT:
            break
        try:
            other = extract(data, deadline)
        except PDFError:
            continue
        tried.append(_parsed(read_text(other), "pdf", name, source))
    best = next((r for r in tried if _good(r)), None) or max(tried, key=_rank)
    if best is not tried[0]:
        if tried[0].found is None:
            why = Label("中没有报告", "held no report")
        elif tried[0].filter("error"):
            why = Label("有错误诊断", "gave error diagnostics")
        else:
            why = Label("不符合勾稽关系", "broke the identities")
        note = Diagnostic.of("reader-fallback", reader=best.reader, why=why)
        best = attrs.evolve(best, diagnostics=(note, *best.diagnostics))
    return best


def _read_docx(data: bytes, limits: Limits, source: str | None) -> ParseResult:
    """A Word document: its size and cells bounded before python-docx reads it."""
    try:
        problem = docx_problem(data, limits.inflated, limits.cells)
        if problem is None:
            return _parsed(docx_document(data), "docx", "python-docx", source)
    except DocxError as exc:
        problem = str(exc)
    return _unreadable(problem, "docx", source)


def _read_json(data: bytes, source: str | None) -> ParseResult:
    from ..io import LoadError, loads

    try:
        report = loads(data)
    except LoadError as exc:
        return _unreadable(exc.brief(), "json", source)
    return ParseResult(
        found=report,
        status=ReadStatus.OK,
        format="json",
        reader="json",
        source=source,
        cells_read=len(report.shape.paths),
    )


def _read_text(data: bytes, kind: str, limits: Limits, source: str | None) -> ParseResult:
    note = None
    try:
        if kind == "html":
            text, note = _html_text(data)
        else:
            text = decode(data)
    except UnicodeDecodeError:
        return _unreadable("neither UTF-8 nor GB18030 text", kind, source)
    if kind == "html":
        cells = len(_TABLE_CELL.findall(text))
        if cells > limits.cells:
            return _unreadable(
                f"its tables hold {cells:,} cells; the limit is {limits.cells:,} (Limits.cells)",
                kind,
                source,
            )
        result = _parsed(read_html(text), "html", "lxml", source)
    elif kind == "markdown":
        result = _parsed(read_markdown(text), "markdown", "markdown", source)
    else:
        from . import detect_format

        found = detect_format(text)
        readers = {"html": read_html, "markdown": read_markdown, "text": read_text}
        reader = "lxml" if found == "html" else found
        result = _parsed(readers[found](text), found, reader, source)
    if note is not None:
        diagnostic = Diagnostic.of("charset", declared=note)
        result = attrs.evolve(result, diagnostics=(diagnostic, *result.diagnostics))
    return result


def read(
    source: "str | os.PathLike[str] | bytes",
    format: FileFormat = "auto",
    *,
    limits: Limits | None = None,
) -> ParseResult:
    """The report in a file, as governments publish them: a path or the file's bytes.

    The kind is told from the content (``%PDF``, a Word document's ZIP, report JSON, HTML …),
    or given as ``format``. Whatever the file holds, the result says what became of it
    (``status``: ok, partial, needs_ocr, not_a_report, unreadable, skipped) and why (``reason``);
    nothing is raised but :class:`ParseError` for arguments that are not a file. ``limits``
    bound what a file may take (:class:`Limits`).
    """
    limits = limits or Limits()
    if isinstance(source, bytes | bytearray | memoryview):
        data, name, where = bytes(source), "", None
    elif isinstance(source, str | os.PathLike):
        where = os.fspath(source)
        name = where
        try:
            size = os.stat(where).st_size
            if os.path.isdir(where):
                return _unreadable("a folder, not a file", "", where, ReadStatus.SKIPPED)
            if size > limits.bytes:
                return _unreadable(
                    f"{size / _MB:.0f} MB; the limit is {limits.bytes // _MB} MB (Limits.bytes)",
                    "",
                    where,
                )
            with open(where, "rb") as file:
                # as much as its size says (a buffer of the limit's size costs more than
                # reading a report), then what it grew by since, up to the limit
                data = file.read(size + 1)
                if len(data) > size:
                    data += file.read(limits.bytes + 1 - len(data))
        except OSError as exc:
            return _unreadable(f"cannot read it: {exc.strerror or exc}", "", where)
    else:
        raise ParseError(
            f"expected a path or the file's bytes, got {type(source).__name__} "
            "(text in memory: opengovreport.parse)",
            ReadStatus.UNREADABLE,
        )
    if len(data) > limits.bytes:
        return _unreadable(
            f"more than {limits.bytes // _MB} MB; the limit is Limits.bytes", "", where
        )
    kind = sniff(data, name) if format == "auto" else format
    if kind not in ("pdf", "docx", "html", "markdown", "text", "json", "doc", "rtf", "zip"):
        raise ParseError(
            f"unknown format {format!r}: expected auto, pdf, docx, html, markdown, text or json",
            ReadStatus.UNREADABLE,
        )
    deadline = None if limits.seconds is None else time.monotonic() + limits.seconds
    if kind == "doc":
        return _unreadable(f"an old binary Word document (.doc): {_CONVERT}", "doc", where)
    if kind == "rtf":
        return _unreadable(f"a Rich Text document (.rtf): {_CONVERT}", "rtf", where)
    if kind == "zip":
        return _unreadable("a ZIP archive, but not a Word document", "zip", where)
    try:
        if kind == "pdf":
            return _read_pdf(data, limits, where, deadline)
        if kind == "docx":
            return _read_docx(data, limits, where)
        if kind == "json":
            return _read_json(data, where)
        return _read_text(data, kind, limits, where)
    except (MemoryError, RecursionError) as exc:
        return _unreadable(f"too large or deep to read ({type(exc).__name__})", kind, where)
    except Exception as exc:  # a library's error on a damaged file: its status, not a crash
        return _unreadable(f"could not read it ({type(exc).__name__}: {exc})", kind, where)


def extract_text(source: "str | os.PathLike[str] | bytes", reader: str = "pypdfium2") -> str:
    """The text :func:`read` parses from a PDF with ``reader`` (``pypdfium2``, ``pdftotext``,
    ``pdfplumber``): what the line numbers of its diagnostics count."""
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    if reader == "pdftotext":
        return pdftotext_text(data)
    if reader == "pdfplumber":
        return pdfplumber_text(data)
    pdf = open_pdf(data)
    try:
        return pdfium_text(pdf)[0]
    finally:
        pdf.close()
