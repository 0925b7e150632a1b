"""What comparisons and benchmarks print, in one place: the words of their sentences in Chinese
and English (:data:`PHRASES`, one catalogue), numbers formatted by what they are, a cell's short
name, and a document of sentences and tables rendered in every format — HTML styled and sortable
like the corpus page, Markdown, text fitted to a terminal, and a Word section in the official
fonts.

Every text from a report (an agency's name) is data: escaped for HTML, Markdown, the terminal
and Word by the renderers it goes through.
"""

import functools
from collections.abc import Sequence
from decimal import Decimal
from html import escape
from typing import TYPE_CHECKING

import attrs

from ._messages import load_catalogue, say
from ._text import visible
from .errors import InputError
from .model import CellValue
from .schema import Indicator, Shape
from .schema import indicator as _indicator
from .totals import derived_cells
from .values import CellKind, format_value

if TYPE_CHECKING:  # pragma: no cover
    from .rendering.grid import Flat, Grid

__all__ = [
    "PHRASES",
    "Document",
    "Item",
    "Listing",
    "cell_names",
    "change_text",
    "indicator",
    "indicator_change",
    "indicator_name",
    "indicator_value",
    "percent_change",
    "phrase",
]

#: every sentence and word the comparisons, benchmarks and flags print: key → (zh, en), each a
#: ``str.format`` template (``catalogues/phrases.json``)
PHRASES: dict[str, tuple[str, str]] = load_catalogue("phrases")


@functools.cache
def indicator(code: str) -> Indicator:
    """The indicator ``code`` of the catalogue (looked up once)."""
    return _indicator(code)


def phrase(name: str, lang: str, /, **fields: object) -> str:
    """The phrase ``name`` of :data:`PHRASES` in ``lang``, its fields filled."""
    return say(PHRASES, name, lang, **fields)


# --- numbers --------------------------------------------------------------------------------


def _fixed(value: float, digits: int, sign: bool = False) -> str:
    """``value`` with ``digits`` decimals, more (up to 4) where those would show a change as
    0."""
    while digits < 4 and value != 0 and round(value, digits) == 0:
        digits += 1
    return f"{value:+.{digits}f}" if sign else f"{value:.{digits}f}"


def indicator_name(code: str, lang: str) -> str:
    """The indicator's name as the catalogue gives it (予以公开率 / Disclosed rate)."""
    return indicator(code).name.text(lang)


@functools.cache
def _unit(code: str) -> str:
    return indicator(code).unit


def indicator_value(code: str, value: float | None, lang: str = "zh") -> str:
    """A value of indicator ``code`` as read: a share as a percentage (``45.3%``), a count per
    100 requests and an amount with one and two decimals, a growth as a signed percentage;
    missing as empty."""
    if value is None:
        return ""
    unit = _unit(code)
    if unit == "share":
        return _fixed(value * 100, 1) + "%"
    if unit == "growth":
        return _fixed(value * 100, 1, sign=True) + "%"
    return _fixed(value, 1 if unit == "per100" else 2)


def indicator_change(code: str, delta: float, lang: str, *, unsigned: bool = False) -> str:
    """A change of indicator ``code``: shares and growths in percentage points (``+3.1 个百分
    点``), the others in their unit."""
    unit = indicator(code).unit
    if delta == 0:
        unsigned = True
    if unit in ("share", "growth"):
        value = delta * 100
        return _fixed(abs(value) if unsigned else value, 1, not unsigned) + phrase("points", lang)
    digits = 1 if unit == "per100" else 2
    return _fixed(abs(delta) if unsigned else delta, digits, not unsigned)


def change_text(value: CellValue) -> str:
    """A change of a cell, signed (``+17``, ``-3``, ``0``)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return ("+" if value > 0 else "") + format(value, "f")
    return f"{value:+d}" if value else "0"


def percent_change(ratio: float | None) -> str:
    """after ÷ before as a change in percent (``+21.8%``); empty where there is no ratio."""
    if ratio is None:
        return ""
    return _fixed((ratio - 1) * 100, 1, sign=True) + "%"


# --- cells ----------------------------------------------------------------------------------


@attrs.frozen
class CellName:
    """A cell's short name in a sentence (the row's own label, the column's where it is not
    the total) and the unit of its figures."""

    zh: str
    en: str
    unit_zh: str
    unit_en: str

    def text(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def unit(self, lang: str) -> str:
        return self.unit_zh if lang == "zh" else self.unit_en


@functools.cache
def cell_names(shape: Shape) -> dict[str, CellName]:
    """The short name and unit of every cell of ``shape`` and of those it sums (the 2021 （六）
    as one row)."""
    totals = {
        (table.number, column.key)
        for table in shape.tables
        for part in table.parts
        for column in part.columns
        if column.total
    }
    units = {
        (table.number, column.key): column.unit
        for table in shape.tables
        for part in table.parts
        for column in part.columns
    }
    out: dict[str, CellName] = {}
    cells = [*shape.cells, *(c for c, _ in derived_cells(shape))]
    for cell in cells:
        row = cell.row_labels[-1]
        names = [row.zh, row.en]
        if (cell.table, cell.column) not in totals:
            names = [f"{row.zh} × {cell.column_label.zh}", f"{row.en} × {cell.column_label.en}"]
        if cell.kind is CellKind.AMOUNT:
            unit = units.get((cell.table, cell.column)) or ""
            unit_zh = unit_en = f" {unit}" if unit else ""
        else:
            unit_zh, unit_en = phrase("unit.count", "zh"), phrase("unit.count", "en")
        out[cell.path] = CellName(names[0], names[1], unit_zh, unit_en)
    return out


def number_text(value: CellValue) -> str:
    """A cell's value as printed (blank as empty)."""
    return format_value(value)


# --- documents: sentences and tables in every format ------------------------------------------


@attrs.frozen
class Item:
    """A cell of a rendered table: its text, the number it sorts by (HTML ``data-sort``), and
    the flag level it shows (``warn``, ``alert``) if any."""

    text: str
    sort: float | None = None
    level: str = ""


@attrs.frozen
class Listing:
    """A table of a document: its caption, header, which columns hold numbers, its rows, and
    each row's key (``data-key`` in HTML: a cell path or an indicator code)."""

    caption: str
    header: tuple[str, ...]
    numeric: tuple[bool, ...]
    rows: tuple[tuple[Item, ...], ...]
    keys: tuple[str, ...] = ()


#: the flags' colours, as the findings' (warn yellow, alert red)
_FLAG_CSS = """
.ogr-explain td.ogr-flag-warn { background: #fbeea6; }
.ogr-explain td.ogr-flag-alert { background: #f4a6a6; }
.ogr-explain ul.ogr-sentences { line-height: 1.7; }
.ogr-explain p.ogr-note { color: #555; font-size: 0.85rem; }
.ogr-explain table.ogr-summary caption { text-align: left; font-weight: bold; padding: 0.3em 0; }
""".strip()


def _style() -> str:
    from .rendering.html import SUMMARY_CSS

    return f"{SUMMARY_CSS}\n{_FLAG_CSS}"


def _script() -> str:
    from .rendering.html import SORT_SCRIPT

    return SORT_SCRIPT


def listing_html(listing: Listing) -> str:
    """A ``<table>`` sortable by any column (the corpus page's script), numbers right-aligned
    with their sort keys, flags coloured, every text escaped."""
    head = "".join(f"<th>{escape(h)}</th>" for h in listing.header)
    rows = []
    keys = listing.keys or ("",) * len(listing.rows)
    for key, row in zip(keys, listing.rows, strict=True):
        cells = []
        for item, numeric in zip(row, listing.numeric, strict=True):
            classes = ["ogr-number"] if numeric else []
            if item.level:
                classes.append(f"ogr-flag-{item.level}")
            cls = f' class="{" ".join(classes)}"' if classes else ""
            sort = ""
            if numeric:
                sort = f' data-sort="{item.sort!r}"' if item.sort is not None else ' data-sort=""'
            cells.append(f"<td{cls}{sort}>{escape(item.text)}</td>")
        where = f' data-key="{escape(key)}"' if key else ""
        rows.append(f"<tr{where}>{''.join(cells)}</tr>")
    return (
        f'<table class="ogr-summary"><caption>{escape(listing.caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _flat(listing: Listing, title: bool = True) -> "Flat":
    from .rendering.grid import Flat

    return Flat(
        listing.caption if title else None,
        listing.header,
        tuple(tuple(i.text for i in row) for row in listing.rows),
        True,
    )


@attrs.frozen
class Document:
    """A comparison's or a benchmark's account: a title, the sentences a person would write,
    its tables, and notes (what could not be compared or ranked, and how it was ranked)."""

    title: str
    lang: str
    sentences: tuple[str, ...]
    listings: tuple[Listing, ...]
    notes: tuple[str, ...] = ()
    #: the heading of the sentences
    lead: str = ""

    def html(self, standalone: bool = False, *, inline: bool = True) -> str:
        """A fragment (its style and the sorting script inline, unless ``inline`` is false:
        a page of several documents has them once) or a whole page."""
        from .rendering.html import page

        body = ['<div class="ogr-explain">']
        if inline or standalone:
            body.append(f"<style>\n{_style()}\n</style>")
        body.append(f"<h2>{escape(self.title)}</h2>")
        if self.sentences:
            if self.lead:
                body.append(f"<h3>{escape(self.lead)}</h3>")
            items = "".join(f"<li>{escape(s)}</li>" for s in self.sentences)
            body.append(f'<ul class="ogr-sentences">{items}</ul>')
        body += [listing_html(listing) for listing in self.listings]
        body += [f'<p class="ogr-note">{escape(note)}</p>' for note in self.notes]
        if inline or standalone:
            body.append(f"<script>\n{_script()}\n</script>")
        body.append("</div>")
        fragment = "\n".join(body)
        return page(fragment, self.title, self.lang) if standalone else fragment

    def markdown(self) -> str:
        from .rendering.grid import tabulate_flat
        from .rendering.markdown import escape as md

        out = [f"## {md(self.title)}"]
        if self.sentences:
            if self.lead:
                out.append(f"### {md(self.lead)}")
            out.append("\n".join(f"- {md(s)}" for s in self.sentences))
        for listing in self.listings:
            out.append(f"**{md(listing.caption)}**")
            out.append(tabulate_flat(_flat(listing, False), md, "github"))
        out += [md(note) for note in self.notes]
        return "\n\n".join(out) + "\n"

    def text(self, width: int | None = None) -> str:
        """Plain text; with ``width``, every line fits that many columns (Chinese characters
        two each) where a table can be narrowed that far (its labels wrapped)."""
        from .rendering.text import _flat_text, wrap

        def para(text: str, first: str = "", rest: str = "") -> str:
            text = visible(text)
            if width is None:
                return first + text
            lines = wrap(text, max(10, width - len(first)), levels=False).splitlines() or [""]
            return "\n".join((first if i == 0 else rest) + line for i, line in enumerate(lines))

        out = [para(self.title)]
        if self.sentences:
            if self.lead:
                out.append(para(self.lead))
            out.append("\n".join(para(s, "- ", "  ") for s in self.sentences))
        out += [_flat_text(_flat(listing), width) for listing in self.listings]
        out += [para(note) for note in self.notes]
        return "\n\n".join(out) + "\n"

    def docx_xml(self) -> str:
        """The section as WordprocessingML (the body's content): the title as a section
        heading, the sentences as paragraphs of the body, each table under its caption."""
        from .rendering.docx import _STYLES, _paragraph, grid_xml

        out = [_paragraph(self.title, "heading", _STYLES["heading"])]
        if self.sentences and self.lead:
            out.append(_paragraph(self.lead, "subheading", "Heading3", indent=True))
        out += [_paragraph(s + _end(s, self.lang), "body", indent=True) for s in self.sentences]
        for listing in self.listings:
            out.append(_paragraph(listing.caption, "subheading", "Heading3", indent=True))
            out.append(grid_xml(_grid(listing)))
        out += [_paragraph(note, "body", indent=True) for note in self.notes]
        return "".join(out)

    def docx(self) -> bytes:
        """A Word document holding the section (python-docx, the extra ``docx``)."""
        from .rendering.docx import Properties, _document

        language = "zh-CN" if self.lang == "zh" else "en"
        return _document(self.docx_xml(), Properties(self.title, language=language))


def _end(sentence: str, lang: str) -> str:
    """A sentence's full stop in a document of paragraphs (the lists have none)."""
    end = phrase("sentence.end", lang)
    return "" if sentence.endswith(end) else end


def _grid(listing: Listing) -> "Grid":
    from .rendering.grid import Grid, GridCell, Role, RowKind

    header = tuple(GridCell(h, Role.HEADER) for h in listing.header)
    rows = tuple(
        tuple(
            GridCell(item.text, Role.VALUE if numeric else Role.LABEL)
            for item, numeric in zip(row, listing.numeric, strict=True)
        )
        for row in listing.rows
    )
    return Grid(
        "explain",
        listing.caption,
        len(listing.header),
        1,
        (header, *rows),
        (RowKind.HEADER, *(RowKind.BODY for _ in rows)),
    )


def names_list(names: Sequence[str], lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(names)


def render_documents(
    documents: Sequence[Document], fmt: str, width: int | None = None
) -> str | bytes:
    """Documents one after the other in ``fmt``: ``text`` (fitted to ``width``), ``markdown``,
    ``html`` (a page, the style and script once) or ``docx`` (one Word document)."""
    if fmt == "text":
        return "\n".join(d.text(width) for d in documents)
    if fmt == "markdown":
        return "\n".join(d.markdown() for d in documents)
    if fmt == "docx":
        from .rendering.docx import Properties, _document

        first = documents[0] if documents else None
        language = "zh-CN" if first is None or first.lang == "zh" else "en"
        properties = Properties(first.title, language=language) if first is not None else None
        return _document("".join(d.docx_xml() for d in documents), properties)
    if fmt != "html":
        raise InputError(f"unknown format {fmt!r}: expected text, markdown, html or docx")
    from .rendering.html import page

    body = [
        '<div class="ogr-explain">',
        f"<style>\n{_style()}\n</style>",
        *(d.html(inline=False) for d in documents),
        f"<script>\n{_script()}\n</script>",
        "</div>",
    ]
    first = documents[0]
    return page("\n".join(body), first.title, first.lang)
