"""Readers: text, HTML and Markdown become one list of lines of cells.

A line keeps its number in the source, its cells (one for narrative text; several for a table
row), its indentation, and an explicit heading level where the source has one (Markdown ``#``,
HTML ``<h1>``–``<h6>``).
"""

import html
import re
from html.parser import HTMLParser
from typing import NamedTuple

import attrs

__all__ = ["Document", "Line", "read_html", "read_markdown", "read_text"]


class Line(NamedTuple):
    """A line of the source (a tuple: cheap to make, as every line of every report is one)."""

    number: int
    cells: tuple[str, ...]
    #: the line's text: its cells joined
    text: str
    indent: int = 0
    #: 1 for a title (``#``, ``<h1>``), 2 for a section heading, 3+ for sub-headings
    heading: int | None = None
    #: whether the line is a row of a table (TAB-separated, a pipe row, an HTML ``<tr>``)
    row: bool = False
    #: a closing line (signature, date) marked as such by the source
    closing: bool = False


def _line(
    number: int,
    cells: tuple[str, ...],
    indent: int = 0,
    heading: int | None = None,
    row: bool = False,
    closing: bool = False,
) -> Line:
    text = "".join(cells).strip() if row else cells[0]
    return _new_line(Line, (number, cells, text, indent, heading, row, closing))


#: makes a Line from a tuple of all its fields, without the Python-level ``Line.__new__``
_new_line = tuple.__new__


@attrs.frozen
class Document:
    lines: tuple[Line, ...]
    #: ``cells``: blank table cells are visible (TAB, HTML, Markdown, pipe grids);
    #: ``stream``: tables are runs of numbers separated by spaces or lines (pdftotext)
    mode: str
    #: narrative lines are wrapped at a fixed width (pdftotext); a new paragraph is indented
    wrapped: bool
    format: str


_PAGE_NUMBER = re.compile(r"^\s*[-－—–]\s*\d+\s*[-－—–]\s*$")
_GRID_RULE = re.compile(r"^\s*\+[-=+]+\+\s*$")
_SPACES = re.compile(r" {2,}|\u3000+")


def _indent(raw: str) -> int:
    return len(raw) - len(raw.lstrip(" \u3000"))


def read_text(source: str) -> Document:
    """Plain text: TAB-separated cells, a pipe grid, or pdftotext output (``-layout`` or not)."""
    # pdftotext starts each page with a form feed: it is no indentation
    raw_lines = source.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "").split("\n")
    tabbed = "\t" in source
    piped = "|" in source and any(r.startswith("|") and r.rstrip().endswith("|") for r in raw_lines)
    lines: list[Line] = []
    add = lines.append
    for number, raw in enumerate(raw_lines, start=1):
        stripped = raw.strip()
        head = stripped[:1]
        if not head or (head in "-－—–" and _PAGE_NUMBER.match(raw)):
            continue
        if head == "+" and _GRID_RULE.match(raw):
            continue
        if piped and raw.startswith("|") and raw.rstrip().endswith("|"):
            cells = tuple([c.strip() for c in stripped[1:-1].split("|")])
            add(_line(number, cells, row=True))
        elif "\t" in raw:
            cells = tuple(map(str.strip, raw.split("\t")))
            add(_new_line(Line, (number, cells, "".join(cells).strip(), 0, None, True, False)))
        elif not tabbed and not piped and len(_SPACES.split(stripped)) > 1:
            cells = tuple([c.strip() for c in _SPACES.split(stripped)])
            add(_line(number, cells, _indent(raw), row=True))
        else:
            indent = len(raw) - len(raw.lstrip(" \u3000"))
            add(_new_line(Line, (number, (stripped,), stripped, indent, None, False, False)))
    mode = "cells" if tabbed or piped else "stream"
    wrapped = mode == "stream" and _looks_wrapped(raw_lines)
    return Document(tuple(lines), mode, wrapped, "text")


def _looks_wrapped(raw_lines: list[str]) -> bool:
    """pdftotext output: page numbers between lines, or most text lines of one width."""
    if any(_PAGE_NUMBER.match(r) for r in raw_lines):
        return True
    widths = [len(r.strip()) for r in raw_lines if len(r.strip()) > 10 and "  " not in r.strip()]
    if len(widths) < 5:
        return False
    top = max(widths)
    return sum(1 for w in widths if w >= 0.85 * top) >= 0.4 * len(widths)


_MD_ESCAPE = re.compile(r"\\([\\`*_\[\]<>|#~+\-=.)!{}()])")
_MD_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_PIPE = re.compile(r"(?<!\\)\|")


def _md_unescape(text: str) -> str:
    text = text.replace("<br>", "\n").replace("<br/>", "\n").replace("<br />", "\n")
    text = _MD_ESCAPE.sub(r"\1", text)
    return html.unescape(text)


def read_markdown(source: str) -> Document:
    """Markdown: ``#`` headings, paragraphs, pipe tables, ``**bold**`` block titles."""
    lines: list[Line] = []
    for number, raw in enumerate(source.replace("\r\n", "\n").split("\n"), start=1):
        stripped = raw.strip()
        if not stripped or _MD_RULE.match(stripped):
            continue
        if stripped.startswith("|"):
            inner = stripped[1:-1] if stripped.endswith("|") and len(stripped) > 1 else stripped[1:]
            cells = tuple(_md_unescape(c.strip()) for c in _PIPE.split(inner))
            lines.append(_line(number, cells, row=True))
            continue
        heading = _MD_HEADING.match(stripped)
        if heading:
            level = len(heading.group(1))
            lines.append(_line(number, (_md_unescape(heading.group(2)),), heading=level))
            continue
        if stripped.startswith("**") and stripped.endswith("**") and len(stripped) > 4:
            stripped = stripped[2:-2]
        lines.append(_line(number, (_md_unescape(stripped),)))
    return Document(tuple(lines), "cells", False, "markdown")


class _HTMLReader(HTMLParser):
    BLOCKS = frozenset(
        {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "title", "caption", "pre"}
    )
    SKIP = frozenset({"script", "style", "head"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[Line] = []
        self.text: list[str] = []
        self.block: str | None = None
        self.block_line = 0
        self.closing = False
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.row_line = 0
        self.skip = 0

    def _flush(self) -> None:
        text = "".join(self.text).strip()
        if text and self.block != "title":
            heading = (
                int(self.block[1]) if self.block and re.fullmatch(r"h[1-6]", self.block) else None
            )
            self.lines.append(
                _line(self.block_line, (text,), heading=heading, closing=self.closing)
            )
        self.text = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if tag in self.SKIP:
            self.skip += 1
        elif tag == "tr":
            self._flush()
            self.row, self.row_line = [], line
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
        elif tag == "br":
            target = self.cell if self.cell is not None else self.text
            target.append("" if self.cell is not None else "\n")
        elif tag in self.BLOCKS and self.cell is None:
            self._flush()
            self.block, self.block_line = tag, line
            self.closing = any(k == "class" and v and "ogr-closing" in v for k, v in attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in ("td", "th") and self.row is not None and self.cell is not None:
            self.row.append("".join(self.cell).replace("\xa0", " ").strip())
            self.cell = None
        elif tag == "tr" and self.row is not None:
            if any(self.row):
                self.lines.append(_line(self.row_line, tuple(self.row), row=True))
            self.row = None
        elif tag in self.BLOCKS and self.cell is None:
            self._flush()
            self.block = None
            self.closing = False

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.cell is not None:
            self.cell.append(data)
        elif self.row is None:
            if self.block is None and data.strip():
                self.block, self.block_line = "p", self.getpos()[0]
            self.text.append(data)


def read_html(source: str) -> Document:
    """HTML: headings and paragraphs, and tables row by row (``&nbsp;`` cells are blank)."""
    reader = _HTMLReader()
    reader.feed(source)
    reader.close()
    reader._flush()
    lines = [
        _line(
            line.number,
            tuple([c.replace("\xa0", " ").strip() for c in line.cells]),
            line.indent,
            line.heading,
            line.row,
            line.closing,
        )
        for line in reader.lines
    ]
    return Document(tuple(lines), "cells", False, "html")
