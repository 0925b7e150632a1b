"""The Word document offices file: A4, the title centred, the section headings and sub-headings
as Word headings, paragraphs indented two characters, the three tables in the official merged
layout (from the same grid as the HTML), page numbers in the footer, Chinese fonts named for
East Asian text (``w:eastAsia``) so that Word and LibreOffice use them.

Needs python-docx (the extra ``docx``).
"""

import io
from typing import Any

from ..model import Report
from .grid import Grid, Role, RowKind, table_grid
from .parts import Renderable, report_parts

__all__ = ["FONTS", "report_docx", "table_docx"]

#: the fonts by use: (East Asian, Latin). Word falls back to what is installed.
FONTS = {
    "title": ("方正小标宋简体", "Times New Roman"),
    "heading": ("黑体", "Times New Roman"),
    "subheading": ("楷体_GB2312", "Times New Roman"),
    "body": ("仿宋_GB2312", "Times New Roman"),
    "table": ("宋体", "Times New Roman"),
}
#: sizes in points: 二号 22, 三号 16, 五号 10.5
_SIZES = {"title": 22.0, "heading": 16.0, "subheading": 16.0, "body": 16.0, "table": 10.5}


def _docx() -> Any:
    try:
        import docx
    except ImportError:
        raise ImportError(
            "Word output needs python-docx: pip install 'opengovreport[docx]'"
        ) from None
    return docx


def _set_font(run_or_style: Any, use: str) -> None:
    """The East Asian and Latin fonts and the size of a run or a style."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    east, latin = FONTS[use]
    font = run_or_style.font
    font.name = latin
    font.size = Pt(_SIZES[use])
    element = run_or_style.element
    properties = element.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = properties.makeelement(qn("w:rFonts"), {})
        properties.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), east)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)


def _page(document: Any) -> None:
    """A4, the margins of official documents (GB/T 9704), page numbers in the footer."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm

    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("— ")
    run = footer.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), ("end", None)):
        if kind is not None:
            field = run.element.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): kind})
        else:
            field = run.element.makeelement(qn("w:instrText"), {qn("xml:space"): "preserve"})
            field.text = text
        run.element.append(field)
    footer.add_run(" —")
    for each in footer.runs:
        _set_font(each, "table")


def _styles(document: Any) -> None:
    from docx.shared import Pt, RGBColor

    normal = document.styles["Normal"]
    _set_font(normal, "body")
    normal.paragraph_format.line_spacing = Pt(28)
    for name, use in (("Title", "title"), ("Heading 2", "heading")):
        style = document.styles[name]
        _set_font(style, use)
        style.font.bold = False
        style.font.color.rgb = RGBColor(0, 0, 0)
    for level in (3, 4, 5):
        style = document.styles[f"Heading {level}"]
        _set_font(style, "subheading")
        style.font.bold = False
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)


def grid_table(document: Any, grid: Grid) -> Any:
    """A Word table of the grid: each cell merged over its spans, its text set once."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    table = document.add_table(rows=len(grid.rows), cols=grid.columns)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    taken = [[False] * grid.columns for _ in grid.rows]
    rows = table.rows
    header_rows = 0
    for kind in grid.kinds:
        if kind is not RowKind.HEADER:
            break
        header_rows += 1
    for r, row in enumerate(grid.rows):
        cells = rows[r].cells
        c = 0
        for spec in row:
            while taken[r][c]:
                c += 1
            for dr in range(spec.rowspan):
                for dc in range(spec.colspan):
                    taken[r + dr][c + dc] = True
            cell = cells[c]
            if spec.rowspan > 1 or spec.colspan > 1:
                cell = cell.merge(rows[r + spec.rowspan - 1].cells[c + spec.colspan - 1])
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(spec.text)
            _set_font(run, "table")
            if spec.role is Role.VALUE:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            elif spec.role in (Role.BAND, Role.LABEL):
                paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
            else:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            c += spec.colspan
    for r in range(header_rows):  # repeated at the top of each page the table runs onto
        from docx.oxml.ns import qn

        properties = rows[r]._tr.get_or_add_trPr()
        properties.append(properties.makeelement(qn("w:tblHeader"), {}))
    return table


def _paragraph(document: Any, text: str, use: str = "body", style: str | None = None) -> Any:
    from docx.shared import Pt

    paragraph = document.add_paragraph(style=style)
    lines = text.split("\n")
    for i, line in enumerate(lines):
        run = paragraph.add_run(line)
        _set_font(run, use)
        if i < len(lines) - 1:
            run.add_break()
    if style is None:
        paragraph.paragraph_format.first_line_indent = Pt(2 * _SIZES[use])
    return paragraph


def _document() -> Any:
    docx = _docx()
    document = docx.Document()
    _styles(document)
    _page(document)
    return document


def _save(document: Any) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def report_docx(report: Report, lang: str = "zh") -> bytes:
    """The whole report as a Word document (.docx bytes)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = _document()
    for kind, level, value in report_parts(report, lang):
        if not isinstance(value, str):
            grid_table(document, table_grid(value, lang))
        elif kind == "title":
            paragraph = _paragraph(document, value, "title", "Title")
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif kind == "section":
            _paragraph(document, value, "heading", "Heading 2")
        elif kind == "heading":
            _paragraph(document, value, "subheading", f"Heading {min(level + 2, 5)}")
        elif kind == "paragraph":
            _paragraph(document, value)
        elif kind == "closing":
            paragraph = _paragraph(document, value)
            paragraph.paragraph_format.first_line_indent = None
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return _save(document)


def table_docx(table: Renderable, lang: str = "zh") -> bytes:
    """One table, under its heading, as a Word document."""
    document = _document()
    grid = table_grid(table, lang)
    _paragraph(document, grid.heading, "heading", "Heading 2")
    grid_table(document, grid)
    return _save(document)
