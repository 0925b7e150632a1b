"""The Word document offices file: A4 with the margins of official documents (GB/T 9704),
the title centred in 二号 方正小标宋简体, section headings in 黑体 and sub-headings in 楷体,
paragraphs in 三号 仿宋_GB2312 with a first-line indent of two characters and a fixed 28-point
line spacing, the
three tables in the official merged layout (from the same grid as the HTML: every span the HTML
has), borders on every cell, header rows repeated on each page, page numbers ``— 1 —`` centred
in the footer in 四号 宋体 (GB/T 9704), the title, agency and year in the document's properties,
and under a heading with nothing below it a placeholder to fill (a MACROBUTTON field, as Word
templates hold them: it shows until typed over, and is no text of the report). Fonts are named
for East Asian text (``w:eastAsia``), so that Word and WPS use the
Chinese fonts; where one is missing the document still opens and lays out in another.

Needs python-docx (the extra ``docx``) for the package around the text: the body is written as
WordprocessingML directly (a report in about 20 ms, where python-docx's table API takes 0.6 s:
it walks the whole table on every ``Table.cell()``; ``bench_render.py``).
"""

import functools
import io
import re
from html import escape
from typing import Any

import attrs

from .._text import visible
from ..errors import ExtraMissingError
from ..model import Report
from .grid import Grid, Role, RowKind, _cells, _expand, table_grid
from .parts import Renderable, report_parts

__all__ = ["FONTS", "Properties", "document_xml", "report_docx", "table_docx"]

#: the fonts by use: (East Asian, Latin)
FONTS = {
    "title": ("方正小标宋简体", "Times New Roman"),
    "heading": ("黑体", "Times New Roman"),
    "subheading": ("楷体_GB2312", "Times New Roman"),
    "body": ("仿宋_GB2312", "Times New Roman"),
    "table": ("宋体", "Times New Roman"),
    "page": ("宋体", "宋体"),
}
#: sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 五号 10.5 pt
_SIZES = {"title": 44, "heading": 32, "subheading": 32, "body": 32, "table": 21, "page": 28}
#: styles by use (the reader maps them back: Title → the title, Heading 2 → a section, 3+ →
#: sub-headings), as their ids in python-docx's template
_STYLES = {"title": "Title", "heading": "Heading2"}
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#: the text width of an A4 page with the official margins (21 − 2.8 − 2.6 cm), in twips
_TEXT_WIDTH = 8844
#: a fixed line of 28 points, in twips
_LINE = 560
#: characters XML 1.0 cannot hold that :func:`visible` keeps (it shows the controls as escapes,
#: ``\x1b``, as the command line shows them): the noncharacters U+FFFE and U+FFFF
_NOT_XML = re.compile("[\ufffe\uffff]")


def _docx() -> Any:
    try:
        import docx
    except ImportError:
        raise ExtraMissingError(
            "Word output needs python-docx: pip install 'opengovreport[docx]'"
        ) from None
    return docx


def _text(value: str) -> str:
    value = _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", visible(value))
    return escape(value, quote=False)


def _run_properties(use: str) -> str:
    east, latin = FONTS[use]
    size = _SIZES[use]
    return (
        f'<w:rPr><w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east}" '
        f'w:cs="{latin}"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
    )


def _runs(text: str, use: str) -> str:
    """A run of ``text`` in the fonts of ``use``; a line break in the text is one in Word."""
    properties = _run_properties(use)
    pieces = [
        f'<w:t xml:space="preserve">{_text(piece)}</w:t>' for piece in visible(text).split("\n")
    ]
    return f"<w:r>{properties}{'<w:br/>'.join(pieces)}</w:r>"


def _paragraph(
    text: str, use: str, style: str | None = None, align: str | None = None, indent: bool = False
) -> str:
    properties = f'<w:pStyle w:val="{style}"/>' if style else ""
    properties += f'<w:spacing w:before="0" w:after="0" w:line="{_LINE}" w:lineRule="exact"/>'
    if indent:  # two characters, as Chinese paragraphs begin
        properties += f'<w:ind w:firstLineChars="200" w:firstLine="{_SIZES[use] * 20}"/>'
    if align:
        properties += f'<w:jc w:val="{align}"/>'
    return f"<w:p><w:pPr>{properties}</w:pPr>{_runs(text, use)}</w:p>"


def _widths(grid: Grid) -> list[int]:
    """Column widths in twips: the label columns take up to half the width, each as wide as
    its longest label (up to 14 characters); the value columns share the rest."""
    labels, columns = grid.label_columns, grid.columns
    values = columns - labels
    if not labels or not values:
        return [_TEXT_WIDTH // columns] * columns
    longest = [2] * labels
    cells = _cells(grid)
    seen: set[int] = set()
    for row in _expand(grid):
        for c, index in enumerate(row[:labels]):
            cell = cells[index]
            if index not in seen and cell.role is Role.LABEL and cell.colspan == 1:
                longest[c] = max(longest[c], min(len(cell.text), 14))
            seen.add(index)
    share = min(_TEXT_WIDTH // 2, _TEXT_WIDTH * sum(longest) // (sum(longest) + 3 * values))
    # a value column is as wide as its widest value needs on one line (a number wrapped in its
    # cell, 300 over 1, prints and reads as two numbers), the labels wrapping more instead
    need = max(
        (-(-_one_line(cell.text) // cell.colspan) for cell in cells if cell.role is Role.VALUE),
        default=0,
    )
    share = max(min(share, _TEXT_WIDTH - need * values), _LABEL_LEAST * labels)
    label_widths = [share * n // sum(longest) for n in longest]
    value_width = (_TEXT_WIDTH - sum(label_widths)) // values
    return label_widths + [value_width] * values


#: a digit's width in the tables' Latin font (Times New Roman at 五号, 10.5 pt: half an em), in
#: twips; any other character's (an ideograph, a dash) taken as a whole em
_DIGIT, _WIDE = 105, 210
#: a cell's margins (the TableGrid style's 108 twips a side) and room for rounding
_MARGINS = 2 * 108 + 30
#: the least a label column is given (two ideographs a line) when the values need the width
_LABEL_LEAST = 2 * _WIDE + _MARGINS


def _one_line(text: str) -> int:
    """The width, in twips, a cell needs to print ``text`` on one line."""
    return _MARGINS + sum(_DIGIT if c.isascii() else _WIDE for c in text)


_BORDERS = "".join(
    f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    for side in ("top", "left", "bottom", "right", "insideH", "insideV")
)
_ALIGN = {Role.VALUE: "right", Role.BAND: "left", Role.LABEL: "left"}


def grid_xml(grid: Grid) -> str:
    """A ``<w:tbl>`` of the grid: a cell where it starts, with its ``gridSpan``; a cell that a
    merge from above covers, ``vMerge`` continued; borders on every cell; header rows repeated
    on each page."""
    widths = _widths(grid)
    covered: dict[tuple[int, int], tuple[int, int]] = {}  # (row, column) → (columns, 0)
    rows: list[str] = []
    for r, (row, kind) in enumerate(zip(grid.rows, grid.kinds, strict=True)):
        cells: list[str] = []
        c = 0
        pending = list(row)
        while c < grid.columns:
            if (r, c) in covered:  # a vertical merge from a row above
                span = covered[(r, c)][0]
                grid_span = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
                width = sum(widths[c : c + span])
                cells.append(
                    f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{grid_span}'
                    '<w:vMerge/><w:vAlign w:val="center"/></w:tcPr><w:p/></w:tc>'
                )
                c += span
                continue
            if not pending:
                break
            cell = pending.pop(0)
            span = cell.colspan
            for dr in range(1, cell.rowspan):
                covered[(r + dr, c)] = (span, 0)
            grid_span = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
            merge = '<w:vMerge w:val="restart"/>' if cell.rowspan > 1 else ""
            width = sum(widths[c : c + span])
            align = _ALIGN.get(cell.role, "center")
            cells.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{grid_span}{merge}'
                '<w:vAlign w:val="center"/></w:tcPr>'
                f'<w:p><w:pPr><w:spacing w:before="0" w:after="0"/><w:jc w:val="{align}"/></w:pPr>'
                f"{_runs(cell.text, 'table') if cell.text else ''}</w:p></w:tc>"
            )
            c += span
        header = "<w:trPr><w:tblHeader/></w:trPr>" if kind is RowKind.HEADER else ""
        rows.append(f"<w:tr>{header}{''.join(cells)}</w:tr>")
    columns = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/>'
        f'<w:jc w:val="center"/><w:tblBorders>{_BORDERS}</w:tblBorders>'
        '<w:tblLayout w:type="fixed"/></w:tblPr>'
        f"<w:tblGrid>{columns}</w:tblGrid>{''.join(rows)}</w:tbl>"
        # a paragraph after each table, as Word requires between two tables
        f'<w:p><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr></w:p>'
    )


#: what a placeholder under an empty heading says
_PLACEHOLDER = {"zh": "【请在此填写】", "en": "[Write this part here]"}


def _placeholder(lang: str) -> str:
    """A paragraph holding a placeholder to type over: a ``MACROBUTTON`` field whose text Word
    shows until the paragraph is written (the field's instruction, not text of the document:
    a reader of the document finds the paragraph empty)."""
    text = escape(_PLACEHOLDER[lang], quote=False)
    run = _run_properties("body").replace("<w:rPr>", '<w:rPr><w:highlight w:val="yellow"/>', 1)
    return (
        f'<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="{_LINE}" w:lineRule="exact"/>'
        f'<w:ind w:firstLineChars="200" w:firstLine="{_SIZES["body"] * 20}"/></w:pPr>'
        f'<w:r>{run}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r>{run}<w:instrText xml:space="preserve"> MACROBUTTON NoMacro {text} </w:instrText>'
        f'</w:r><w:r>{run}<w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )


def _empty_headings(parts: list[tuple[str, int, object]]) -> set[int]:
    """The positions of the headings nothing is written under: a section's heading followed
    by its end, a sub-heading followed by another of its level or above, or by the end."""
    out = set()
    for i, (kind, level, _value) in enumerate(parts):
        if kind not in ("section", "heading"):
            continue
        following = parts[i + 1] if i + 1 < len(parts) else ("end", 0, "")
        if following[0] == "end" or (
            kind == "heading" and following[0] == "heading" and following[1] <= level
        ):
            out.add(i)
    return out


def document_xml(report: Report, lang: str = "zh") -> str:
    """The body of the report's Word document, as WordprocessingML (``<w:body>``'s content
    without its section properties); a placeholder to fill under each empty heading."""
    out: list[str] = []
    parts = list(report_parts(report, lang))
    empty = _empty_headings(parts)  # type: ignore[arg-type]
    for i, (kind, level, value) in enumerate(parts):
        if not isinstance(value, str):
            out.append(grid_xml(table_grid(value, lang)))
        elif kind == "title":
            out.append(_paragraph(value, "title", _STYLES["title"], "center"))
        elif kind == "section":
            out.append(_paragraph(value, "heading", _STYLES["heading"]))
        elif kind == "heading":
            out.append(_paragraph(value, "subheading", f"Heading{min(level + 2, 5)}", indent=True))
        elif kind == "paragraph":
            out.append(_paragraph(value, "body", indent=True))
        elif kind == "closing":
            out.append(_paragraph(value, "body", align="right"))
        if i in empty:
            out.append(_placeholder(lang))
    return "".join(out)


def _set_fonts(style: Any, use: str) -> None:
    """A style's fonts as those of ``use``, named for East Asian text, in black."""
    _docx()
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    element = style.element
    old = element.find(qn("w:rPr"))
    if old is not None:
        element.remove(old)
    element.append(parse_xml(_run_properties(use).replace("<w:rPr>", f'<w:rPr xmlns:w="{_W}">', 1)))
    p_pr = element.find(qn("w:pPr"))
    if p_pr is not None:
        for border in p_pr.findall(qn("w:pBdr")):
            p_pr.remove(border)


@functools.cache
def _template() -> bytes:
    """An empty document with the page, the footer's page number and the styles set: made
    once, opened for each document."""
    _docx()  # the extra named where python-docx is missing
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.shared import Cm

    document = _docx().Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # — 1 —: the number between two em dashes, in 四号 宋体, as GB/T 9704 prints it
    font = _run_properties("page")
    number = (
        f'<w:r xmlns:w="{_W}">{font}<w:t xml:space="preserve">— </w:t></w:r>'
        f'<w:r xmlns:w="{_W}">{font}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r xmlns:w="{_W}">{font}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        f'<w:r xmlns:w="{_W}">{font}<w:fldChar w:fldCharType="separate"/></w:r>'
        f'<w:r xmlns:w="{_W}">{font}<w:t>1</w:t></w:r>'
        f'<w:r xmlns:w="{_W}">{font}<w:fldChar w:fldCharType="end"/></w:r>'
        f'<w:r xmlns:w="{_W}">{font}<w:t xml:space="preserve"> —</w:t></w:r>'
    )
    for run in re.findall(r"<w:r xmlns.*?</w:r>", number):
        footer._p.append(parse_xml(run))
    styles = document.styles
    for name, use in (("Normal", "body"), ("Title", "title"), ("Heading 2", "heading")):
        _set_fonts(styles[name], use)
    for level in (3, 4, 5):
        _set_fonts(styles[f"Heading {level}"], "subheading")
    for name in ("Title", "Heading 2", "Heading 3", "Heading 4", "Heading 5"):
        font = styles[name].font
        font.bold = False
        font.italic = False
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@attrs.frozen
class Properties:
    """A document's properties (File › Properties): its title, author (the agency that
    publishes it), subject and keywords, in place of python-docx's own."""

    title: str
    author: str = ""
    subject: str = ""
    keywords: str = ""
    language: str = "zh-CN"


def _document(body: str, properties: Properties | None = None) -> bytes:
    document = _docx().Document(io.BytesIO(_template()))
    from docx.oxml import parse_xml

    core = document.core_properties
    given = properties or Properties("")
    core.title = visible(given.title, one_line=True)
    core.author = core.last_modified_by = visible(given.author, one_line=True)
    core.subject = visible(given.subject, one_line=True)
    core.keywords = visible(given.keywords, one_line=True)
    core.comments = core.category = ""
    core.language = given.language
    core.revision = 1
    element = document.element.body
    section = element[-1]  # the section properties stay last
    fragment = parse_xml(f'<w:body xmlns:w="{_W}">{body}</w:body>')
    for child in list(fragment):
        section.addprevious(child)
    return _fixed_times(document)


#: the time every part of a Word document written here carries (the zip format's first day)
_EPOCH = (1980, 1, 1, 0, 0, 0)


def _fixed_times(document: Any) -> bytes:
    """``document`` saved, each part of its zip dated :data:`_EPOCH`: the same report gives the
    same bytes whenever it is written (python-docx dates each part with the clock)."""
    import zipfile

    saved = io.BytesIO()
    document.save(saved)
    out = io.BytesIO()
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, _EPOCH)
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def report_docx(report: Report, lang: str = "zh") -> bytes:
    """The whole report as a Word document (.docx bytes): its title, agency and year in the
    document's properties."""
    meta = report.meta
    properties = Properties(
        meta.title,
        meta.agency,
        meta.title,
        f"{meta.agency} {meta.year}",
        "zh-CN" if lang == "zh" else "en",
    )
    return _document(document_xml(report, lang), properties)


def table_docx(table: Renderable, lang: str = "zh") -> bytes:
    """One table, under its heading, as a Word document."""
    grid = table_grid(table, lang)
    body = _paragraph(grid.heading, "heading", _STYLES["heading"]) + grid_xml(grid)
    return _document(body, Properties(grid.heading))
