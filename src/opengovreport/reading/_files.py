"""Reports as governments publish them: :func:`read` takes a file (or its bytes) — PDF, Word,
a saved or crawled web page, Markdown, text, or report JSON — tells its kind from its content,
and gives a :class:`ParseResult` with a status, never an exception for what the file holds.
"""

import os
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, get_args

import attrs

from .._messages import message
from .._text import decode
from ..checks import check
from ..errors import NotAFileError, said
from ..schema import Code, Label
from ._docx import DocxError, docx_document, docx_problem
from ._lines import Document, read_html, read_markdown, read_text
from ._open import Limits, TooLargeError, cannot_open, file_bytes, over_limit
from ._parse import detect_format, from_document
from ._pdf import PDFError, TimeBudgetError, pdftotext_available
from ._pdfworker import pdfium, text_by
from ._pictures import docx_pictures, page_pictures
from ._result import Diagnostic, ParseError, ParseResult, ReadStatus, Reason, cell_at, failed_reason
from ._sniff import html_text, sniff

if TYPE_CHECKING:  # pragma: no cover
    from ..io import LoadError

__all__ = ["FileFormat", "extract_text", "read"]

FileFormat = Literal["auto", "pdf", "docx", "html", "markdown", "text", "json", "image"]
#: the formats ``read(format=…)`` names, besides ``auto``
_FORMATS: tuple[str, ...] = get_args(FileFormat)[1:]
#: a web page's table cells (what ``Limits.cells`` bounds)
_TABLE_CELL = re.compile(r"<t[dh][\s>]", re.IGNORECASE)


def _unreadable(
    reason: Reason, fmt: str, source: str | None, status: ReadStatus = ReadStatus.UNREADABLE
) -> ParseResult:
    return ParseResult(
        found=None, status=status, format=fmt, reader="", source=source, reasons=(reason,)
    )


def _parsed(doc: Document, fmt: str, reader: str, source: str | None) -> ParseResult:
    try:
        return from_document(doc, fmt, reader, source)
    except ParseError as exc:
        return ParseResult(
            found=None,
            status=exc.status,
            format=fmt,
            reader=reader,
            source=source,
            reasons=(failed_reason(exc),),
        )


def _good(result: ParseResult) -> bool:
    """A reading to keep: a report, no error diagnostic, and table 3's identities hold."""
    if result.found is None or result.filter("error"):
        return False
    findings = check(result.found).findings
    return not any(f.code in (Code.I1, Code.I2, Code.I3) and f.severity.rank >= 3 for f in findings)


def _rank(result: ParseResult) -> tuple[int, float, int]:
    return (
        result.found is not None,
        result.quality,
        -len(result.filter("error")),
    )


def _read_pdf(
    data: bytes, limits: Limits, source: str | None, deadline: float | None
) -> ParseResult:
    """A PDF: pdfium's text, in a worker process under the memory and time limits; the other
    readers' where its text does not read well."""
    try:
        read = pdfium(data, pages=limits.pages, memory=limits.inflated, deadline=deadline)
    except PDFError as exc:
        return _unreadable(exc.reason, "pdf", source)
    pages, text = read.pages, read.text
    if pages > limits.pages:
        return _unreadable(Reason.of("pdf-pages", pages=pages, limit=limits.pages), "pdf", source)
    if read.chars < 20 * max(1, min(pages, 3)) and not text.strip():
        if read.scanned:
            return _scan_pdf(data, limits, source, deadline)
        no_text = Reason.of("no-text-layer", pages=pages)
        return _unreadable(no_text, "pdf", source, ReadStatus.NOT_A_REPORT)
    tried: list[ParseResult] = [_parsed(read_text(text, wrapped=False), "pdf", "pypdfium2", source)]
    good = [_good(tried[0])]  # each reading judged once (a check of its report)
    # (where pdfium saw a row's characters drawn over one another, the other readers read the
    # same characters without seeing it: their text is not tried)
    for name in ("pdftotext", "pdfplumber") if not read.drawn_over else ():
        if good[-1] or tried[-1].status is ReadStatus.NOT_A_REPORT:
            break
        if name == "pdftotext" and not pdftotext_available():  # looked for only when needed
            continue
        try:
            other = text_by(name, data, memory=limits.inflated, deadline=deadline)
        except PDFError:
            continue
        tried.append(_parsed(read_text(other), "pdf", name, source))
        good.append(_good(tried[-1]))
    best = next((r for r, g in zip(tried, good, strict=True) if g), None) or max(tried, key=_rank)
    if best is tried[0]:
        return best
    best = _fallen_back(best, tried[0])
    return best if any(good) else _doubted(best, tried)


def _fallen_back(best: ParseResult, first: ParseResult) -> ParseResult:
    """``best``, another reader's reading kept over pypdfium2's (``first``), saying so and why."""
    if first.found is None:
        key = "fallback.no-report"
    elif first.filter("error"):
        key = "fallback.errors"
    else:
        key = "fallback.identities"
    why = Label(message(key, "zh"), message(key, "en"))
    note = Diagnostic.of("reader-fallback", reader=best.reader, why=why)
    return attrs.evolve(best, diagnostics=(note, *best.diagnostics))


def _doubted(best: ParseResult, tried: list[ParseResult]) -> ParseResult:
    """``best`` (another reader's reading, where none of the PDF reads well) with the cells
    another reader read otherwise named, a diagnostic a table: where two readings of one page
    disagree and neither reads well, the evidence does not settle which is right (a number
    wrapped in its cell that pypdfium2's text keeps whole and pdftotext's parts from its rest,
    #20). pypdfium2's own reading kept is not doubted so: the others,
    without the page's geometry, disagree with it over most tables they misread."""
    if best.found is None:
        return best
    others = [(r.reader, dict(r.found.cells())) for r in tried if r is not best and r.found]
    doubted: dict[str, list[str]] = {}  # the cells in doubt of each part
    readers: dict[str, set[str]] = {}
    for path, value in best.found.cells():
        said = [name for name, cells in others if cells.get(path) not in (None, value)]
        if value is not None and said:
            cell = cell_at(path)  # a diagnostic a table
            part = str(cell.table) if cell is not None else path
            doubted.setdefault(part, []).append(path)
            readers.setdefault(part, set()).update(said)
    notes = tuple(
        Diagnostic.of(
            "readers-differ",
            cells=tuple(paths),
            count=len(paths),
            reader=best.reader,
            others=", ".join(sorted(readers[part])),
        )
        for part, paths in doubted.items()
    )
    return attrs.evolve(best, diagnostics=(*best.diagnostics, *notes)) if notes else best


def _scan_pdf(
    data: bytes, limits: Limits, source: str | None, deadline: float | None
) -> ParseResult:
    """A PDF without a text layer whose pages are images: its pages taken (a page that is one
    picture as that picture, as a picture file is read) or rendered in the PDF worker, read by
    OCR here."""
    from ._ocr import DPI, available, grey, read_scan
    from ._pdfworker import render

    if not available():
        return read_scan([], "pdf", source, deadline)  # says which extra to install
    try:
        bitmaps = render(data, dpi=DPI, memory=limits.inflated, deadline=deadline)
    except PDFError as exc:
        return _unreadable(exc.reason, "pdf", source)
    pages = (grey(*b) for b in bitmaps)
    return read_scan(pages, "pdf", source, deadline, limits.scan_page_seconds)


def _read_image(
    data: bytes, limits: Limits, source: str | None, deadline: float | None
) -> ParseResult:
    """A picture of a report (PNG, JPEG, TIFF: each frame a page), read by OCR."""
    from ._ocr import image_pages, read_scan

    try:
        pages = list(image_pages(data))
    except ImportError:
        pages = []  # no OCR extra: read_scan says which to install
    except ValueError as exc:
        return _unreadable(Reason.of("damaged", error=str(exc)), "image", source)
    return read_scan(pages, "image", source, deadline, limits.scan_page_seconds)


def _with_pictures(
    result: ParseResult,
    pictures: list[bytes],
    limits: Limits,
    source: str | None,
    deadline: float | None,
) -> ParseResult:
    """A Word document or web page that holds no report in its text but pictures: the report
    in its pictures, read by OCR (each picture a page, in order), where they hold one."""
    if result.found is not None or not pictures:
        return result
    from ._ocr import image_pages, read_scan

    pages: list[Any] = []
    for picture in pictures:
        try:
            pages.extend(image_pages(picture))
        except ImportError:
            break
        except ValueError:
            continue  # a picture that cannot be read (an icon in a format not read)
    scan = read_scan(pages, result.format, source, deadline, limits.scan_page_seconds)
    if scan.found is None and scan.status is not ReadStatus.NEEDS_OCR:
        return result
    return scan


def _read_docx(
    data: bytes, limits: Limits, source: str | None, deadline: float | None
) -> ParseResult:
    """A Word document: its size and cells bounded before python-docx reads it."""
    try:
        problem = docx_problem(data, limits.inflated, limits.cells)
        if problem is None:
            result = _parsed(docx_document(data), "docx", "python-docx", source)
            return _with_pictures(
                result, docx_pictures(data, limits.inflated), limits, source, deadline
            )
    except DocxError as exc:
        problem = exc.reason
    return _unreadable(problem, "docx", source)


def _read_json(data: bytes, source: str | None) -> ParseResult:
    from ..io import LoadError, loads

    try:
        report = loads(data)
    except LoadError as exc:
        return _unreadable(_json_reason(exc), "json", source)
    return ParseResult(
        found=report,
        status=ReadStatus.OK,
        format="json",
        reader="json",
        source=source,
        cells_read=len(report.shape.paths),
    )


def _json_reason(exc: "LoadError") -> Reason:
    """Why report JSON does not load (a :class:`~opengovreport.LoadError`): its first problem,
    and how many more."""
    more = len(exc.problems) + exc.omitted - 1
    first = str(exc.problems[0]) if exc.problems else ""
    if more > 0:
        return Reason.of("json-more", problem=first, more=more)
    return Reason.of("json", problem=first)


def _read_text(
    data: bytes, kind: str, limits: Limits, source: str | None, deadline: float | None
) -> ParseResult:
    note = None
    try:
        if kind == "html":
            text, note = html_text(data)
        else:
            text = decode(data)
    except UnicodeDecodeError:
        return _unreadable(Reason.of("encoding"), kind, source)
    if kind == "html":
        cells = len(_TABLE_CELL.findall(text))
        if cells > limits.cells:
            too_many = Reason.of("html-cells", cells=cells, limit=limits.cells)
            return _unreadable(too_many, kind, source)
        result = _parsed(read_html(text), "html", "lxml", source)
        pictures = page_pictures(text, source, limits.bytes)
        result = _with_pictures(result, pictures, limits, source, deadline)
    elif kind == "markdown":
        result = _parsed(read_markdown(text), "markdown", "markdown", source)
    else:
        found = detect_format(text)
        readers = {"html": read_html, "markdown": read_markdown, "text": read_text}
        reader = "lxml" if found == "html" else found
        result = _parsed(readers[found](text), found, reader, source)
    if note is not None:
        diagnostic = Diagnostic.of("charset", declared=note)
        result = attrs.evolve(result, diagnostics=(diagnostic, *result.diagnostics))
    return result


#: the kinds of file told apart that are not read (a reason of the same code says why)
_NOT_READ = ("doc", "rtf", "zip")


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
    a scan (a PDF without a text layer, a PNG, JPEG or TIFF picture, a Word document or saved
    web page whose report is pictures) is read by OCR where ``opengovreport[ocr]`` is installed;
    nothing is raised but :class:`ParseError` for arguments that are not a file. ``limits``
    bound what a file may take (:class:`Limits`).
    """
    return read_taking(source, format, limits=limits)[0]


def read_taking(
    source: "str | os.PathLike[str] | bytes",
    format: FileFormat = "auto",
    *,
    limits: Limits | None = None,
) -> tuple[ParseResult, bytes | None]:
    """:func:`read`, and the bytes it took of the file at ``source`` (at most ``limits.bytes``
    + 1: what it read, whatever became of them) — ``None`` where it took none (bytes given, a
    file skipped, over the limit by its size, not opened, out of time), so that a caller that
    needs the file's content hash (``ingest``) does not read the file a second time."""
    limits = limits or Limits()
    # the time budget counts from here: opening and reading the file are in it
    deadline = None if limits.seconds is None else time.monotonic() + limits.seconds
    taken = _source_bytes(source, limits, deadline)
    if isinstance(taken, ParseResult):
        return taken, None
    data, name, where = taken
    took = data if where is not None else None
    if len(data) > limits.bytes:
        return _unreadable(over_limit(limits), "", where), took
    kind = sniff(data, name) if format == "auto" else format
    if kind not in (*_FORMATS, *_NOT_READ):
        formats = ", ".join(["auto", *_FORMATS])
        unknown = Reason.of("unknown-format", format=str(format), formats=formats)
        raise ParseError(unknown, ReadStatus.UNREADABLE)
    if kind in _NOT_READ:
        return _unreadable(Reason.of(kind), kind, where), took
    try:
        return _read_kind(kind, data, limits, where, deadline), took
    except (MemoryError, RecursionError) as exc:
        return _unreadable(Reason.of("too-deep", error=type(exc).__name__), kind, where), took
    except Exception as exc:  # a library's error on a damaged file: its status, not a crash
        return _unreadable(Reason.of("damaged", error=said(exc)), kind, where), took


def _source_bytes(
    source: object, limits: Limits, deadline: float | None
) -> tuple[bytes, str, str | None] | ParseResult:
    """The bytes of ``source`` (a path or bytes), its name and where it is (``None``: bytes
    given); the result of a file that could not be taken (skipped, too large, out of time,
    not opened)."""
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source), "", None
    if not isinstance(source, str | os.PathLike):
        not_a_source = Reason.of("not-a-source", type=type(source).__name__)
        raise ParseError(not_a_source, ReadStatus.UNREADABLE)
    where = os.fspath(source)
    try:
        return file_bytes(where, limits.bytes, deadline), where, where
    except NotAFileError as exc:
        why = getattr(exc, "reason", None) or Reason.of("damaged", error=str(exc))
        return _unreadable(why, "", where, ReadStatus.SKIPPED)
    except TooLargeError as exc:
        too_large = Reason.of("too-large", size=exc.size, limit=limits.bytes)
        return _unreadable(too_large, "", where)
    except TimeBudgetError as exc:
        return _unreadable(exc.reason, "", where)
    except OSError as exc:
        return _unreadable(cannot_open(exc), "", where)


def _read_kind(
    kind: str, data: bytes, limits: Limits, where: str | None, deadline: float | None
) -> ParseResult:
    """A file's bytes read by the reader of its kind."""
    if kind == "pdf":
        return _read_pdf(data, limits, where, deadline)
    if kind == "docx":
        return _read_docx(data, limits, where, deadline)
    if kind == "json":
        return _read_json(data, where)
    if kind == "image":
        return _read_image(data, limits, where, deadline)
    return _read_text(data, kind, limits, where, deadline)


def extract_text(source: "str | os.PathLike[str] | bytes", reader: str = "pypdfium2") -> str:
    """The text :func:`read` parses from a PDF with ``reader`` (``pypdfium2``, ``pdftotext``,
    ``pdfplumber``; ``rapidocr``: a scan's, a PDF's pages or a picture's, read by OCR): what
    the line numbers of its diagnostics count."""
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    memory = Limits().inflated
    if reader == "rapidocr":
        from ._ocr import DPI, grey, image_pages, text_of
        from ._pdfworker import render

        if sniff(data) == "pdf":
            return text_of(grey(*b) for b in render(data, dpi=DPI, memory=memory, deadline=None))
        return text_of(image_pages(data))
    if reader in ("pdftotext", "pdfplumber"):
        return text_by(reader, data, memory=memory, deadline=None)
    return pdfium(data, pages=Limits().pages, memory=memory, deadline=None).text
