"""Lines from a Word document (.docx): paragraphs and headings in order, and tables as the grid
the HTML reader sees — a merged cell once, in the row where it starts (``gridSpan`` spans
columns, ``vMerge`` rows), a table that lays out the page read as the flow it holds.
"""

import io
import re
import zipfile
import zlib
from typing import Any

from ..errors import said
from ..schema import Label
from ._lines import Document, Line
from ._result import Reason, ReasonError

__all__ = ["DocxError", "docx_document", "docx_problem"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _T = f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc", f"{_W}t"
_TAB, _BR, _CR = f"{_W}tab", f"{_W}br", f"{_W}cr"
_SDT, _SDT_CONTENT = f"{_W}sdt", f"{_W}sdtContent"
_VAL = f"{_W}val"
#: a data cell holds a number or a label: a cell of more text holds a page's paragraphs
_LONGEST_CELL = 200
_CELL_TAG = re.compile(rb"<w:tc[ >]")
_SPACES = re.compile(r"[ \t\r\n\xa0]+")


class DocxError(ReasonError):
    """The document cannot be read: ``reason`` says why."""


def docx_problem(data: bytes, max_bytes: int, max_cells: int) -> Reason | None:
    """Why the document would be too large to read — its parts inflating beyond ``max_bytes``
    or its tables holding more than ``max_cells`` cells — or ``None``; read without inflating
    more than a megabyte at a time."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if "word/document.xml" not in names:
                return Reason.of("docx-no-body")
            declared = sum(info.file_size for info in archive.infolist())
            if declared > max_bytes:
                return Reason.of("docx-inflated", size=declared, limit=max_bytes)
            cells = 0
            tail = b""
            with archive.open("word/document.xml") as part:
                while chunk := part.read(1 << 20):
                    block = tail + chunk
                    cells += len(_CELL_TAG.findall(block))
                    tail = block[-6:]
                    cells -= len(_CELL_TAG.findall(tail))
                    if cells > max_cells:
                        return Reason.of("docx-cells", limit=max_cells)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        OSError,
        EOFError,
        ValueError,
    ) as exc:
        return Reason.of("docx-broken", error=str(exc))
    return None


def _text(element: Any) -> str:
    """A paragraph's text: its runs' text, tabs as spaces, line breaks as line breaks."""
    parts: list[str] = []
    for el in element.iter(_T, _TAB, _BR, _CR):
        tag = el.tag
        if tag == _T:
            parts.append(el.text or "")
        elif tag == _TAB:
            parts.append(" ")
        else:
            parts.append("\n")
    return "".join(parts)


def _cell_text(cell: Any) -> str:
    """A table cell's text: its paragraphs' words joined, spaces collapsed (``结果`` over
    ``维持`` in two paragraphs reads ``结果维持``)."""
    return _SPACES.sub(" ", "".join(_text(p) for p in cell.iter(_P))).strip()


def _merged_on(cell: Any) -> bool:
    """Whether a cell continues a merge from the row above (``vMerge`` without ``restart``)."""
    properties = cell.find(f"{_W}tcPr")
    if properties is None:
        return False
    merge = properties.find(f"{_W}vMerge")
    return merge is not None and merge.get(_VAL) in (None, "continue")


class _Walker:
    def __init__(self, styles: dict[str, int]):
        self.lines: list[Line] = []
        self.styles = styles

    def paragraph(self, p: Any) -> None:
        text = _text(p)
        if not text.strip():
            return
        level = None
        closing = False
        properties = p.find(f"{_W}pPr")
        if properties is not None:
            style = properties.find(f"{_W}pStyle")
            if style is not None:
                level = self.styles.get(style.get(_VAL, ""))
            align = properties.find(f"{_W}jc")
            closing = align is not None and align.get(_VAL) in ("right", "end")
        # a line break in a paragraph is one in its text (as <br> in HTML)
        text = "\n".join(_SPACES.sub(" ", piece).strip() for piece in text.split("\n")).strip()
        number = len(self.lines) + 1
        self.lines.append(Line(number, (text,), text, 0, level, False, closing))

    def block(self, element: Any) -> None:
        for child in element:
            tag = child.tag
            if tag == _P:
                self.paragraph(child)
            elif tag == _TBL:
                self.table(child)
            elif tag == _SDT:
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    self.block(content)

    def table(self, table: Any) -> None:
        rows = [
            [cell for cell in row if cell.tag == _TC and not _merged_on(cell)]
            for row in table.findall(_TR)
        ]
        nested = any(cell.find(f".//{_TBL}") is not None for row in rows for cell in row)
        texts = [[_cell_text(cell) for cell in row] for row in rows]
        if nested or any(len(t) > _LONGEST_CELL for row in texts for t in row):
            for row in rows:  # a table that lays out the page: read its cells as the flow
                for cell in row:
                    self.block(cell)
            return
        for cells in texts:
            if any(cells):
                number = len(self.lines) + 1
                text = "".join(cells).strip()
                line = Line(number, tuple(cells), text, 0, None, True, False, False, True)
                self.lines.append(line)


def _style_levels(document: Any) -> dict[str, int]:
    """Heading levels by style id: Title 1, Heading N N (as the HTML reader's ``<hN>``)."""
    levels: dict[str, int] = {}
    for style in document.styles:
        name = (getattr(style, "name", "") or "").lower()
        style_id = getattr(style, "style_id", None)
        if not style_id:
            continue
        if name == "title":
            levels[style_id] = 1
        elif name.startswith("heading "):
            digits = name.removeprefix("heading ").strip()
            if digits.isdigit():
                levels[style_id] = int(digits)
    return levels


def docx_document(data: bytes) -> Document:
    """The lines of a .docx, read with python-docx."""
    try:
        import docx
    except ImportError:
        what = Label("读取 Word 文档", "reading Word documents")
        raise DocxError(Reason.of("extra", what=what, extra="docx")) from None
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx and lxml raise many kinds on a broken file
        raise DocxError(Reason.of("docx-broken", error=said(exc))) from None
    walker = _Walker(_style_levels(document))
    walker.block(document.element.body)
    return Document(tuple(walker.lines), "cells", False, "docx")
