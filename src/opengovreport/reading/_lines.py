"""Readers: text, HTML and Markdown become one list of lines of cells.

A line keeps its number in the source, its cells (one for narrative text; several for a table
row), its indentation, and an explicit heading level where the source has one (Markdown ``#``,
HTML ``<h1>``–``<h6>``).
"""

import html
import re
from collections.abc import Callable
from typing import Any, NamedTuple

import attrs

from ._attributes import without_large_attributes
from ._flat import split_flat

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
    #: a piece of a report flattened onto one line (a crawler's text): its spaces are not
    #: reliably the boundaries of a table's cells
    flat: bool = False
    #: a row of a table whose cells its source marks up (a Word document's ``<w:tc>``, an HTML
    #: ``<td>``, a Markdown pipe): each cell is a cell, never a piece of its neighbour's number
    #: (``312 | 312 | 312``, one value repeated where a merged cell was undone, is not 312312312)
    grid: bool = False


def _line(
    number: int,
    cells: tuple[str, ...],
    indent: int = 0,
    heading: int | None = None,
    row: bool = False,
    closing: bool = False,
    grid: bool = False,
) -> Line:
    text = "".join(cells).strip() if row else cells[0]
    return Line(number, cells, text, indent, heading, row, closing, False, grid)


@attrs.frozen
class Document:
    lines: tuple[Line, ...]
    #: ``cells``: blank table cells are visible (TAB, HTML, Markdown, pipe grids);
    #: ``stream``: tables are runs of numbers separated by spaces or lines (pdftotext)
    mode: str
    #: narrative lines are wrapped at a fixed width (pdftotext); a new paragraph is indented
    wrapped: bool
    format: str
    #: the title the page gives itself (an HTML ``<title>``), where it gives one
    title: str = ""


_PAGE_NUMBER = re.compile(r"^\s*[-－—–]\s*\d+\s*[-－—–]\s*$")
_GRID_RULE = re.compile(r"^\s*\+[-=+]+\+\s*$")
_SPACES = re.compile(r" {2,}|\u3000+")


def _indent(raw: str) -> int:
    return len(raw) - len(raw.lstrip(" \u3000"))


def read_text(source: str, wrapped: bool | None = None) -> Document:
    """Plain text: TAB-separated cells, a pipe grid, or pdftotext output (``-layout`` or not).

    ``wrapped`` says whether narrative lines are wrapped at a fixed width (a new paragraph
    indented); ``None``: judged from the text."""
    # pdftotext starts each page with a form feed: it is no indentation
    # (each replace only where its character is: a text of ``\n`` ends, without form feeds —
    # most — is scanned once a character, not three times)
    text = source
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\f" in text:
        text = text.replace("\f", "")
    raw_lines = text.split("\n")
    tabbed = "\t" in source
    piped = _piped(source, raw_lines)
    lines: list[Line] = []
    add = lines.append
    for number, raw in enumerate(raw_lines, start=1):
        if len(raw) >= _FLAT and "\t" not in raw:  # a whole report flattened onto one line
            _add_flat(add, number, raw, tabbed, piped)
            continue
        # a line of usual length (nearly every one): not flattened
        stripped = raw.strip()
        # _no_line(raw, stripped), its usual answers without its call: a blank line, or one
        # that starts with neither a page number's dash nor a grid rule's cross
        if not stripped or (stripped[0] in _NO_LINE_HEADS and _no_line(raw, stripped)):
            continue
        tab = "\t" in raw
        if tab and not (piped and raw[:1] == "|"):  # (most lines of TAB text)
            cells = tuple(map(str.strip, raw.split("\t")))
            # (the cells stripped, their join starts and ends with none of the whitespace
            # strip() takes: it is its own strip)
            add(_new(Line, (number, cells, "".join(cells), 0, None, True, False, False, False)))
        elif tabbed and not tab and not (piped and raw[:1] == "|"):  # words, in TAB text
            # the two usual lines of _text_line made here, without its call: keep them alike
            indent = len(raw) - len(raw.lstrip(" \u3000"))  # _indent(raw), inline
            add(
                _new(
                    Line, (number, (stripped,), stripped, indent, None, False, False, False, False)
                )
            )
        else:
            add(_text_line(number, raw, stripped, False, tabbed, piped))
    mode = "cells" if tabbed or piped else "stream"
    if wrapped is None:
        wrapped = mode == "stream" and _looks_wrapped(raw_lines)
    return Document(tuple(lines), mode, wrapped, "text")


#: a line made without the named tuple's ``__new__`` (a Python function): every line of every
#: report is one
_new = tuple.__new__


def _text_line(number: int, raw: str, stripped: str, flat: bool, tabbed: bool, piped: bool) -> Line:
    """A line of text: a row of a pipe grid, of TAB-separated cells, of cells apart by runs of
    spaces (pdftotext -layout), or a line of words."""
    if piped and raw.startswith("|") and raw.rstrip().endswith("|"):
        cells = tuple([c.strip() for c in stripped[1:-1].split("|")])
        return _line(number, cells, row=True)._replace(flat=flat)
    if "\t" in raw:
        cells = tuple(map(str.strip, raw.split("\t")))
        return Line(number, cells, "".join(cells).strip(), 0, None, True, False, flat)
    if not tabbed and not piped and len(_SPACES.split(stripped)) > 1:
        cells = tuple([c.strip() for c in _SPACES.split(stripped)])
        return _line(number, cells, _indent(raw), row=True)._replace(flat=flat)
    return _new(
        Line, (number, (stripped,), stripped, _indent(raw), None, False, False, flat, False)
    )


#: a line this long may be a whole report flattened onto one line
_FLAT = 400


def _piped(source: str, raw_lines: list[str]) -> bool:
    """Whether a text holds a pipe grid (a line that starts and ends with ``|``)."""
    return "|" in source and any(r.startswith("|") and r.rstrip().endswith("|") for r in raw_lines)


def _add_flat(
    add: Callable[[Line], None], number: int, raw: str, tabbed: bool, piped: bool
) -> None:
    """A line long enough to be a whole report flattened onto it (a crawler's text of a page):
    split back into lines (:func:`split_flat`), each with the line's number, marked as flattened
    where it was split, each read as :func:`read_text` reads a line."""
    pieces = split_flat(raw)
    flat = len(pieces) > 1
    for piece in pieces:
        stripped = piece.strip()
        if not _no_line(piece, stripped):
            add(_text_line(number, piece, stripped, flat, tabbed, piped))


#: the first characters of a line :func:`_no_line` may drop that is not blank
_NO_LINE_HEADS = "-－—–+"


def _no_line(raw: str, stripped: str) -> bool:
    """Whether a line of text is none of the report's: blank, a page's number (``- 3 -``), or
    a grid's rule (``+----+``)."""
    if not stripped:
        return True
    head = stripped[0]
    return (head in "-－—–" and _PAGE_NUMBER.match(raw) is not None) or (
        head == "+" and _GRID_RULE.match(raw) is not None
    )


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
    text = source.replace("\r\n", "\n").replace("\r", "\n")
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip()
        if not stripped or _MD_RULE.match(stripped):
            continue
        if stripped.startswith("|"):
            inner = stripped[1:-1] if stripped.endswith("|") and len(stripped) > 1 else stripped[1:]
            cells = tuple(_md_unescape(c.strip()) for c in _PIPE.split(inner))
            lines.append(_line(number, cells, row=True, grid=True))
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


#: elements whose text is a line of its own (a paragraph, a heading, a list item …)
_BLOCKS = frozenset(
    {
        "p", "div", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "caption", "pre",
        "blockquote", "section", "article", "header", "footer", "main", "center", "form",
        "ul", "ol", "dl", "body", "html", "address", "figure", "figcaption", "nav", "aside",
    }
)  # fmt: skip
#: elements whose text is never the report's
_SKIP = frozenset({"script", "style", "head", "title", "noscript", "template", "select", "button"})
_HEADING_TAGS = {f"h{n}": n for n in range(1, 7)}


def _cell_text(cell: Any) -> str:
    """A table cell's text: its words joined (``<br>`` and line ends inside a cell split words
    of one label, ``结果<br>维持``), ``&nbsp;`` as a space."""
    text = "".join(cell.itertext()).replace("\xa0", " ")
    return _SPACE_RUNS.sub(" ", text).strip()


_SPACE_RUNS = re.compile(r"[ \t\r\n]+")


def _nested_table(table: Any) -> bool:
    return next(table.iterdescendants("table"), None) is not None


#: a data cell holds a number or a label: a cell of more text holds a page's paragraphs
_LONGEST_CELL = 200


def _rows(table: Any) -> list[Any]:
    """The rows of ``table`` itself, not of tables inside its cells."""
    out = []
    for child in table:
        if child.tag == "tr":
            out.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            out.extend(row for row in child if row.tag == "tr")
    return out


class _HTMLWalker:
    """Lines from an HTML tree: each block's inline text a line, each table row a line of
    cells, layout tables read as the flow they hold."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.run: list[str] = []
        self.run_line = 0
        self.heading: int | None = None
        self.closing = False

    def flush(self) -> None:
        text = "".join(self.run).replace("\xa0", " ").strip()
        if text:
            # line ends in the source are spaces; <br> is a line break in the text
            text = "\n".join(_SPACE_RUNS.sub(" ", part).strip() for part in text.split("\x00"))
            cells = (text.strip(),)
            self.lines.append(
                _line(self.run_line, cells, heading=self.heading, closing=self.closing)
            )
        self.run = []

    def text(self, value: str | None, line: int) -> None:
        if value:
            if not self.run:
                self.run_line = line
            self.run.append(value)

    def block(self, el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        self.flush()
        heading, closing = self.heading, self.closing
        self.heading = _HEADING_TAGS.get(tag, heading)
        self.closing = closing or "ogr-closing" in (el.get("class") or "")
        self.inline(el)
        self.flush()
        self.heading, self.closing = heading, closing

    def inline(self, el: Any) -> None:
        """The text of ``el`` and its children, blocks and tables among them on lines of
        their own."""
        line = el.sourceline or 0
        self.text(el.text, line)
        for child in el:
            tag = child.tag if isinstance(child.tag, str) else ""
            if not tag or tag in _SKIP:  # a comment, or text never the report's: its tail counts
                pass
            elif tag == "br":
                self.text("\x00", line)
            elif tag == "table":
                self.flush()
                self.table(child)
            elif tag in _BLOCKS:
                self.block(child)
            else:
                self.inline(child)
            self.text(child.tail, child.sourceline or line)

    def table(self, table: Any) -> None:
        """A table of data, a line a row; or a table that lays out a page (a report inside a
        ``<table>``: a cell holds another table or paragraphs of text), read as its flow."""
        rows = [
            (row, tuple(_cell_text(c) for c in row if c.tag in ("td", "th")))
            for row in _rows(table)
        ]
        if _nested_table(table) or any(len(t) > _LONGEST_CELL for _, ts in rows for t in ts):
            for row, _texts in rows:
                for cell in row:
                    if cell.tag in ("td", "th"):
                        self.block(cell)
            return
        for row, cells in rows:
            if any(cells):
                self.lines.append(_line(row.sourceline or 0, cells, row=True, grid=True))


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")


def _html_parser() -> Any:
    import lxml.etree

    # comments and processing instructions dropped; no network, no entity loading
    return lxml.etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)


def read_html(source: str) -> Document:
    """HTML: headings and paragraphs, and tables row by row (``&nbsp;`` cells are blank), read
    with lxml: in time linear in the size of any input, and with optional end tags omitted
    (``</td>``, ``</tr>``, ``</p>``) as the browser reads them."""
    import lxml.etree

    walker = _HTMLWalker()
    # an XML declaration names an encoding a str no longer has
    text = without_large_attributes(_XML_DECLARATION.sub("", source, count=1))
    try:
        root = lxml.etree.fromstring(text, _html_parser()) if text.strip() else None
    except lxml.etree.LxmlError:  # nothing that is an element ("Document is empty")
        root = None
    if root is None:
        return Document((), "cells", False, "html")
    walker.block(root)
    title = root.find(".//title")
    named = _SPACE_RUNS.sub(" ", "".join(title.itertext())).strip() if title is not None else ""
    return Document(tuple(walker.lines), "cells", False, "html", named)
