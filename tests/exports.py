"""Reports exported the ways converters and government sites export them, for the reader's tests:
Word-to-text with TABs (merged cells leave empty fields), plain pdftotext (one cell a line),
Word-exported HTML (MsoNormal paragraphs, spans in every cell, GBK), the narrative's own headings
with the tables as an appendix, and one line per page as crawlers give it."""

from collections.abc import Callable
from html import escape

import opengovreport as ogr
from opengovreport.model import Section
from opengovreport.rendering import Grid, Role, flatten, table_grid
from opengovreport.rendering.grid import Flat, _cells, _expand
from opengovreport.rendering.parts import report_parts


def _narrative(report: ogr.Report) -> list[tuple[str, str | Grid]]:
    """The report top to bottom as every renderer prints it (the contact sentence where the
    front matter lacks it): ("title" | "para" | "heading" | "section" | "closing", text) and
    ("table", grid)."""
    kinds = {"paragraph": "para", "title": "title", "section": "section", "heading": "heading",
             "closing": "closing"}  # fmt: skip
    out: list[tuple[str, str | Grid]] = []
    for kind, _level, value in report_parts(report, "zh"):
        if not isinstance(value, str):
            out.append(("table", table_grid(value)))
        elif kind in kinds:
            out.append((kinds[kind], value))
    return out


def grid_rows(grid: Grid) -> list[list[str]]:
    """The grid as full rows: each cell's text where it starts, empty where a merged cell
    covers the position (as Word's text export leaves them)."""
    matrix = _expand(grid)
    cells = _cells(grid)
    rows = []
    for r, positions in enumerate(matrix):
        row = []
        for c, index in enumerate(positions):
            starts = (r == 0 or matrix[r - 1][c] != index) and (c == 0 or positions[c - 1] != index)
            row.append(cells[index].text if starts else "")
        rows.append(row)
    return rows


def tab_text(report: ogr.Report) -> str:
    """Word or PDF to text with TABs between cells (the seed's form)."""
    lines: list[str] = []
    for _kind, value in _narrative(report):
        if isinstance(value, Grid):
            lines += ["\t".join(row) for row in grid_rows(value)]
        else:
            assert isinstance(value, str)
            lines.append(value)
    return "\n\n".join(lines) + "\n"


def _cell_lines(report: ogr.Report, table: Callable[[Flat], list[str]]) -> str:
    """The report as plain pdftotext gives it, one cell a line: its narrative's lines, and each
    table's part (its title, then the lines ``table`` gives), blank lines between."""
    lines: list[str] = []
    for _kind, value in _narrative(report):
        if not isinstance(value, Grid):
            assert isinstance(value, str)
            lines.append(value)
            continue
        for flat in flatten(value):
            if flat.title:
                lines.append(flat.title)
            lines += table(flat)
    return "\n\n".join(lines) + "\n"


def one_cell_a_line(report: ogr.Report, labels_after: bool = False) -> str:
    """Like plain pdftotext: one cell a line, blank lines between, some labels after numbers."""

    def table(flat: Flat) -> list[str]:
        lines = [h for h in flat.header if h]
        for row in flat.rows:
            label, values = (row[0], list(row[1:])) if flat.label_column else ("", list(row))
            cells = [*values, label] if labels_after else [label, *values]
            lines += [c for c in cells if c]
        return lines

    return _cell_lines(report, table)


def _word_cell(text: str, tag: str, span: str) -> str:
    inner = escape(text) if text else "&nbsp;"
    return (
        f"<{tag} width=60 valign=middle{span} style='border:solid windowtext 1.0pt'>"
        f"<p class=MsoNormal align=center style='text-align:center'><span lang=EN-US "
        f"style='font-size:10.5pt;font-family:宋体'>{inner}<o:p></o:p></span></p></{tag}>"
    )


def word_html(report: ogr.Report, charset: str = "gb2312", layout_table: bool = True) -> bytes:
    """The report as Word's "save as web page" writes it, as a government site publishes it:
    MsoNormal paragraphs, spans in every cell, &nbsp; for blank cells, rowspan/colspan, the
    body inside a layout table, encoded in ``charset``."""
    body: list[str] = []
    for kind, value in _narrative(report):
        if isinstance(value, Grid):
            rows = []
            for row in value.rows:
                cells = []
                for cell in row:
                    span = (f" rowspan={cell.rowspan}" if cell.rowspan > 1 else "") + (
                        f" colspan={cell.colspan}" if cell.colspan > 1 else ""
                    )
                    tag = "td"
                    cells.append(_word_cell(cell.text, tag, span))
                rows.append(f"<tr style='height:20.0pt'>{''.join(cells)}</tr>")
            body.append(
                "<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 "
                f"style='border-collapse:collapse'><tbody>{''.join(rows)}</tbody></table>"
            )
            continue
        assert isinstance(value, str)
        text = escape(value).replace("\n", "<br>")
        if kind == "title":
            body.append(
                "<p class=MsoNormal align=center><b><span style='font-size:22.0pt;"
                f"font-family:方正小标宋简体'>{text}</span></b></p>"
            )
        elif kind == "closing":
            body.append(
                "<p class=MsoNormal align=right style='text-align:right'><span lang=EN-US>"
                f"{text}</span></p>"
            )
        else:
            body.append(
                "<p class=MsoNormal style='text-indent:32.0pt'><span style='font-size:16.0pt;"
                f"font-family:仿宋_GB2312'>{text}<span lang=EN-US><o:p></o:p></span></span></p>"
            )
    content = "\n".join(body)
    if layout_table:  # the site's template: the article inside a table of the page
        content = (
            "<table width='100%' class=layout><tr><td class=nav>首页 &gt; 政务公开</td></tr>"
            f"<tr><td class=article>{content}</td></tr></table>"
        )
    page = (
        "<html xmlns:o='urn:schemas-microsoft-com:office:office'><head>"
        f"<meta http-equiv=Content-Type content='text/html; charset={charset}'>"
        "<meta name=Generator content='Microsoft Word 15'>"
        "<style><!-- p.MsoNormal {margin:0cm;} --></style></head>"
        f"<body lang=ZH-CN style='tab-interval:21.0pt'><div class=WordSection1>{content}"
        "</div></body></html>"
    )
    return page.encode(charset if charset != "gb2312" else "gb18030")


def appendix_text(report: ogr.Report) -> str:
    """The report with its narrative numbered its own way (一 二 三) and the three tables as an
    appendix numbered 一/二/三 (as some agencies print them)."""
    own = {"overview": "一、总体情况", "problems": "二、存在的主要问题及改进措施",
           "other_matters": "三、其他需要报告的事项"}  # fmt: skip
    lines = [str(v) for k, v in _narrative(report) if k in ("title", "para")]
    lines = lines[: 1 + _front(report)]
    tables = []
    for spec in report.shape.sections:
        value = getattr(report, spec.key)
        if isinstance(value, Section):
            lines.append(own[spec.key])
            lines += [b.text for b in value.blocks]
        else:
            tables.append((spec.heading.zh[2:], value))
    lines += list(report.meta.closing)
    lines.append("附件：统计表")
    for numeral, (heading, table) in zip("一二三", tables, strict=True):
        lines.append(f"{numeral}、{heading}")
        lines += ["\t".join(row) for row in grid_rows(table_grid(table))]
    return "\n\n".join(lines) + "\n"


def _front(report: ogr.Report) -> int:
    """How many paragraphs come before section 1: the front matter, and the contact sentence
    where the front matter lacks it."""
    parts = list(report_parts(report, "zh"))
    return sum(
        1
        for kind, _l, _v in parts[: next(i for i, p in enumerate(parts) if p[0] == "section")]
        if kind == "paragraph"
    )


def value_cells(grid: Grid) -> list[str]:
    """The grid's value cells' texts in order (for checks on what a layout prints)."""
    return [cell.text for row in grid.rows for cell in row if cell.role is Role.VALUE]


def crawled_text(report: ogr.Report, gap: Callable[[], str]) -> str:
    """The report as a crawler gives a page: a few metadata lines, then its whole body on one
    line, every cell of a table run into the next with ``gap()`` between them (``""`` or a
    space), a heading glued to the number before it."""
    return _crawled(report, gap, lambda _path, text: text)


def crawled_marked(
    report: ogr.Report, gap: Callable[[], str], mark: str, tables: tuple[str, ...]
) -> tuple[str, ogr.Report]:
    """:func:`crawled_text` with every zero of the tables whose key is in ``tables``
    (``"requests"``, ``"appeals"``, ``"disclosure"``) printed as the blank cell's ``mark``
    (``—``, ``无``, ``/``), as many sites print them; and the report it prints (those cells
    blank)."""
    marked: list[str] = []

    def text_of(path: str, text: str) -> str:
        if text == "0" and path.split(".")[0] in tables:
            marked.append(path)
            return mark
        return text

    text = _crawled(report, gap, text_of)
    truth = report
    for path in marked:
        truth = truth.with_cell(path, None)
    return text, truth


def _crawled(report: ogr.Report, gap: Callable[[], str], text_of: Callable[[str, str], str]) -> str:
    """:func:`crawled_text`, each cell printed as ``text_of(its path, its text)`` (``""`` for a
    path where a cell holds no value)."""
    body: list[str] = []
    for kind, value in _narrative(report):
        if kind == "title":
            continue
        if isinstance(value, Grid):
            matrix, cells = _expand(value), _cells(value)
            for r, positions in enumerate(matrix):
                for c, index in enumerate(positions):
                    if (r and matrix[r - 1][c] == index) or (c and positions[c - 1] == index):
                        continue  # covered by a merged cell
                    cell = cells[index]
                    path = f"{value.key}.{cell.path}" if cell.path else ""
                    text = text_of(path, cell.text)
                    if text:
                        body.append(text if not text[0].isdigit() else text + gap())
            continue
        assert isinstance(value, str)
        body.append(value)
    return (
        f"标题: {report.meta.title}\n发布时间: 2024-01-09 19:52\n"
        f"==================== 正文 ====================\n{''.join(body)}\n"
    )


def columns_first(report: ogr.Report) -> str:
    """Like plain pdftotext of a PDF whose tables were drawn column by column: one cell a line,
    a table's labels first, then each column's header and its values, top to bottom."""

    def table(flat: Flat) -> list[str]:
        labels = [row[0] for row in flat.rows] if flat.label_column else []
        lines = [h for h in flat.header[:1] if h] + labels
        first = 1 if flat.label_column else 0
        for c, header in enumerate(flat.header[first:], start=first):
            lines.append(header)
            lines += [row[c] for row in flat.rows if row[c]]
        return lines

    return _cell_lines(report, table)
