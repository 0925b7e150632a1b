"""Text from a PDF, three ways: pypdfium2 (fast: its text, lines placed by their boxes, the
narrative's lines joined into paragraphs), ``pdftotext -layout`` where Poppler is installed, and
pdfplumber's position-sorted layout text (slow, but another reading of a hard page).

They run in a worker process (:mod:`._pdfworker`), under a memory and a time limit, never in
the process that calls :func:`~opengovreport.read`.
"""

import logging
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from ..errors import said
from ._pdfblanks import _boxes, _place_blanks
from ._pdferrors import PDF_EXTRA, PDFError, TimeBudgetError, check_deadline
from ._pdfheader import _place_by_header, is_row
from ._pdflines import Rejoin, _CharBox, _lines_of, _paragraphs, _PLine
from ._pdfwrap import Rules, page_rules, rejoined
from ._result import Reason

__all__ = [
    "PDFError",
    "TimeBudgetError",
    "page_count",
    "pdfium_text",
    "pdfplumber_text",
    "pdftotext_text",
]


# --- pypdfium2 ---------------------------------------------------------------------------------


def _pdfium() -> Any:
    try:
        import pypdfium2
    except ImportError:
        raise PDFError(PDF_EXTRA) from None
    return pypdfium2


def open_pdf(data: bytes) -> Any:
    """The document, opened with pypdfium2; :class:`PDFError` where it cannot be."""
    pdfium = _pdfium()
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        text = str(exc)
        if "password" in text.lower():
            raise PDFError(Reason.of("pdf-encrypted")) from None
        raise PDFError(Reason.of("pdf-broken", error=text)) from None


def page_count(pdf: Any) -> int:
    return len(pdf)


def _wrapped(page: Any, index: int, ruled: dict[int, Rules]) -> Rejoin:
    """Numbers wrapped in their cells joined again, by the page's ruled lines (looked up only
    where a line of digits stands under one ending in a number; kept in ``ruled`` by the
    page's index, for the rows placed under their cells later)."""

    def rules() -> Rules:
        if index not in ruled:
            ruled[index] = page_rules(page)
        return ruled[index]

    return lambda lines, charbox: rejoined(lines, charbox, rules)


#: the most pages kept open while a document's rows are placed
_KEPT = 16


class _TextPage:
    """A page of the document and its text page, by pdfium's own calls: pypdfium2's
    ``PdfPage`` and ``PdfTextPage`` without their helpers' bookkeeping (a finalizer, a weak
    reference, a tracker's entry and a name each, made and undone on every page: about as many
    steps as a page's lines). Its text page's methods are pypdfium2's own (:func:`_text_page`:
    the same text, boxes and errors); :meth:`close` ends both, the text page first, as
    pypdfium2 does. (pypdfium2's page also tells a form environment of its opening and
    closing: a document opened by :func:`open_pdf` has none.) ``raw`` is the page's handle, as
    ``PdfPage.raw``; passed to pdfium's functions (``_as_parameter_``) it is its text page."""

    __slots__ = ("_as_parameter_", "height", "raw")

    count_chars: Callable[[], int]
    get_text_range: Callable[[], str]
    get_charbox: Callable[..., tuple[float, float, float, float]]

    def __init__(self, pdf: Any, index: int):
        pdfium = _pdfium()
        raw = pdfium.raw
        self.raw = raw.FPDF_LoadPage(pdf.raw, index)
        if not self.raw:
            raise pdfium.PdfiumError("Failed to load page.")
        self._as_parameter_ = raw.FPDFText_LoadPage(self.raw)
        if not self._as_parameter_:
            raw.FPDF_ClosePage(self.raw)
            raise pdfium.PdfiumError("Failed to load text page.")
        self.height: float = raw.FPDF_GetPageHeightF(self.raw)

    def close(self) -> None:
        raw = _pdfium().raw
        raw.FPDFText_ClosePage(self._as_parameter_)
        raw.FPDF_ClosePage(self.raw)


@cache
def _text_page() -> type[_TextPage]:
    """:class:`_TextPage` with pypdfium2's methods of a text page (each calls the others as
    methods of the same object, and pdfium's functions with the object as the handle)."""
    methods = _pdfium().PdfTextPage
    names = ("count_chars", "get_text_range", "get_charbox", "_get_active_text_range")
    made: type[_TextPage] = type(
        "TextPage", (_TextPage,), {"__slots__": (), **{n: getattr(methods, n) for n in names}}
    )
    return made


def pdfium_text(pdf: Any, deadline: float | None = None) -> tuple[str, int, bool]:
    """The text of every page (lines in pdfium's order, paragraphs joined), how many
    characters the pages hold, and whether a line's characters are drawn over one another
    (its numbers written unsure: :attr:`._pdflines._PLine.drawn_over`)."""
    lines: list[_PLine] = []
    chars = 0
    #: pages kept open while the rows are placed: those with a row of values (a table's),
    #: up to :data:`_KEPT` of them; a page beyond is opened again where a row on it is placed
    opened: dict[int, _TextPage] = {}
    #: each page's ruled lines, where they were looked up
    ruled: dict[int, Rules] = {}
    text_page = _text_page()
    try:
        for index in range(len(pdf)):
            check_deadline(deadline)
            page = text_page(pdf, index)
            keep = False
            try:
                chars += page.count_chars()
                found = _lines_of(page, index, page.height, _wrapped(page, index, ruled))
                lines.extend(found)
                keep = len(opened) < _KEPT and any(map(is_row, found))
            finally:
                if keep:
                    opened[index] = page
                else:
                    page.close()

        def textpage_of(index: int) -> Any:
            if index not in opened:
                check_deadline(deadline)
                opened[index] = text_page(pdf, index)
            return opened[index]

        def boxes(index: int, values: Sequence[tuple[str, int]]) -> list[tuple[str, float, float]]:
            return _boxes(textpage_of(index), values)

        tight: dict[int, _CharBox] = {}

        def edges(index: int, at: int) -> tuple[float, float] | None:
            if index not in tight:
                tight[index] = _CharBox(textpage_of(index))
            try:
                left, _bottom, right, _top = tight[index](at)
            except PDFError:
                return None
            return left, right

        def rules(index: int) -> Rules:
            if index not in ruled:
                ruled[index] = page_rules(textpage_of(index))
            return ruled[index]

        # a row placed under the columns its header prints (its cells' borders where the
        # page draws them), else by a full row near it
        by_rows = _place_blanks(lines, boxes)
        by_header = _place_by_header(lines, boxes, edges, rules)
        placed = [
            header if header is not line else row
            for line, row, header in zip(lines, by_rows, by_header, strict=True)
        ]
    finally:
        for page in opened.values():
            page.close()
    over = any(line.drawn_over for line in lines)
    return "\n".join(_paragraphs(placed)) + "\n", chars, over


def has_images(pdf: Any, pages: int = 3) -> bool:
    """Whether the first pages hold images (a scan without a text layer)."""
    pdfium = _pdfium()
    for index in range(min(pages, len(pdf))):
        page = pdf[index]
        try:
            if any(
                obj.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects(max_depth=1)
            ):
                return True
        finally:
            page.close()
    return False


# --- pdftotext and pdfplumber ------------------------------------------------------------------


def pdftotext_available() -> bool:
    return shutil.which("pdftotext") is not None


def pdftotext_text(data: bytes, deadline: float | None = None) -> str:
    """``pdftotext -layout`` of the PDF (Poppler must be installed)."""
    timeout = None if deadline is None else max(1.0, deadline - time.monotonic())
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(data)
        file.flush()
        try:
            done = subprocess.run(
                ["pdftotext", "-layout", "-enc", "UTF-8", file.name, "-"],
                capture_output=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise TimeBudgetError(Reason.of("tool-time-budget", tool="pdftotext")) from None
        except OSError as exc:
            raise PDFError(Reason.of("tool-failed", tool="pdftotext", error=str(exc))) from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip()
        raise PDFError(Reason.of("tool-failed", tool="pdftotext", error=said))
    return done.stdout.decode("utf-8", "replace")


@cache
def _pdfminer_quiet() -> None:
    """pdfminer warns through ``logging`` about what it reads (a font without its box …): with
    no handler configured, Python prints those on stderr. A NullHandler on its logger keeps them
    out of a reader's output; an application that configures logging still gets them."""
    logging.getLogger("pdfminer").addHandler(logging.NullHandler())


def pdfplumber_text(data: bytes, deadline: float | None = None) -> str:
    """pdfplumber's layout text of each page (characters placed by their positions)."""
    import io

    try:
        import pdfplumber
    except ImportError:
        raise PDFError(PDF_EXTRA) from None
    _pdfminer_quiet()
    pages: list[str] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                check_deadline(deadline)
                pages.append(page.extract_text(layout=True) or "")
                page.close()
    except PDFError:
        raise
    except Exception as exc:  # pdfminer's many errors on a broken file
        raise PDFError(Reason.of("tool-failed", tool="pdfplumber", error=said(exc))) from None
    return "\f".join(pages)


Extractor = Callable[[bytes, float | None], str]
