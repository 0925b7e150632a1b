"""HTML: the official merged-header layout, as a fragment or a standalone page."""

import html
from collections.abc import Callable

import attrs

from .._text import visible
from ..model import Report
from ..schema import Table
from .grid import Grid, GridCell, Role, RowKind, skeleton
from .parts import Renderable, report_parts

__all__ = ["CSS", "escape", "grid_html", "page", "report_html", "table_html"]

#: the page style: screen and print, no external resources
CSS = """
.ogr-report, .ogr-table { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
  "Microsoft YaHei", "SimSun", sans-serif; color: #111; }
.ogr-report { max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.7; }
.ogr-report h1 { text-align: center; font-size: 1.5rem; }
.ogr-report p { text-indent: 2em; margin: 0.4em 0; }
.ogr-report p.ogr-closing { text-align: right; text-indent: 0; }
table.ogr-table { border-collapse: collapse; margin: 1em 0; font-size: 0.9rem; }
table.ogr-table th, table.ogr-table td { border: 1px solid #333; padding: 0.25em 0.5em;
  vertical-align: middle; }
table.ogr-table th { font-weight: normal; text-align: center; background: #f4f4f4; }
table.ogr-table th.ogr-band, table.ogr-table th.ogr-label { text-align: left; }
table.ogr-table th.ogr-note { font-size: 0.8rem; }
table.ogr-table th.ogr-header, table.ogr-table th.ogr-spanner { word-break: keep-all; }
table.ogr-table td { text-align: right; font-variant-numeric: tabular-nums; min-width: 3em; }
@media print {
  .ogr-report { margin: 0; max-width: none; }
  table.ogr-table { page-break-inside: auto; font-size: 8pt; max-width: 100%; }
  table.ogr-table th, table.ogr-table td { padding: 0.15em 0.25em; min-width: 0; }
  table.ogr-table th.ogr-header, table.ogr-table th.ogr-spanner { word-break: normal; }
  table.ogr-table tr { page-break-inside: avoid; }
  table.ogr-table th { background: none; }
  @page { margin: 2cm; }
}
""".strip()

_LANG = {"zh": "zh-CN", "en": "en"}


def escape(text: str, quote: bool = True) -> str:
    """``text`` as HTML text: its markup escaped, and what would drive a terminal or a CI log
    (controls, bidi overrides, ``::error`` opening a line) shown as escapes as everything the
    library prints shows them (``\\x1b``), so that the page holds no raw control character."""
    return html.escape(visible(text), quote)


def _attr(cell_rowspan: int, cell_colspan: int) -> str:
    out = ""
    if cell_rowspan > 1:
        out += f' rowspan="{cell_rowspan}"'
    if cell_colspan > 1:
        out += f' colspan="{cell_colspan}"'
    return out


def grid_html(grid: Grid, decorate: "Callable[[GridCell], str] | None" = None) -> str:
    """A ``<table>`` with the grid's spans, every text escaped. ``decorate`` gives the extra
    attributes of a value cell (a finding's highlight: ``class`` and ``title``, already
    escaped), or ``""``."""
    head: list[str] = []
    body: list[str] = []
    in_head = True
    for row, kind in zip(grid.rows, grid.kinds, strict=True):
        cells = []
        for cell in row:
            span = _attr(cell.rowspan, cell.colspan)
            text = escape(cell.text)
            if cell.role is Role.VALUE:
                extra = decorate(cell) if decorate is not None else ""
                cells.append(f"<td{span}{extra}>{text}</td>")
            else:
                scope = "row" if cell.role is Role.LABEL else "col"
                if cell.role is Role.BAND:
                    scope = "colgroup"
                cls = f"ogr-{cell.role.value}"
                cells.append(f'<th scope="{scope}" class="{cls}"{span}>{text}</th>')
        line = f"<tr>{''.join(cells)}</tr>"
        in_head = in_head and kind is RowKind.HEADER
        (head if in_head else body).append(line)
    thead = f"<thead>{''.join(head)}</thead>" if head else ""
    return f'<table class="ogr-table ogr-{grid.key}">{thead}<tbody>{"".join(body)}</tbody></table>'


_SLOT = "\x00"
#: each skeleton's HTML, split at its value cells, by what the skeleton is of
_TEMPLATES: dict[tuple[Table, str], list[str]] = {}


def table_html(table: Renderable, lang: str) -> str:
    """The table's ``<table>``: its skeleton grid rendered once by :func:`grid_html` with a slot
    in each value cell, then the escaped values put in the slots (table 3: 0.1 ms instead of
    0.4; ``bench_render.py``)."""
    frame = skeleton(table, lang)
    parts = _TEMPLATES.get(frame.key)
    if parts is None:  # made whole, then stored: a thread that reads it sees all of it
        slotted = tuple(
            tuple(attrs.evolve(c, text=_SLOT) if c.role is Role.VALUE else c for c in row)
            for row in frame.grid.rows
        )
        parts = grid_html(attrs.evolve(frame.grid, rows=slotted)).split(escape(_SLOT))
        _TEMPLATES[frame.key] = parts
    texts = frame.texts(table)
    out = [parts[0]]
    for text, part in zip(texts, parts[1:], strict=True):
        out.append(escape(text))
        out.append(part)
    return "".join(out)


def report_html(report: Report, lang: str) -> str:
    """The whole report: title, front matter, the six sections in order, closing lines."""
    out = [f'<article class="ogr-report" lang="{_LANG[lang]}">']
    for kind, level, value in report_parts(report, lang):
        if not isinstance(value, str):
            out.append(table_html(value, lang))
        elif kind == "title":
            out.append(f"<h1>{escape(value)}</h1>")
        elif kind == "section":
            out.append(f"<section>\n<h2>{escape(value)}</h2>")
        elif kind == "heading":
            tag = f"h{min(level + 2, 6)}"
            out.append(f"<{tag}>{escape(value)}</{tag}>")
        elif kind == "paragraph":
            out.append(f"<p>{escape(value)}</p>".replace("\n", "<br>"))
        elif kind == "closing":
            out.append(f'<p class="ogr-closing">{escape(value)}</p>')
        else:
            out.append("</section>")
    out.append("</article>")
    return "\n".join(out)


def page(body: str, title: str, lang: str) -> str:
    """A standalone HTML page around ``body``: embedded CSS, no external resources."""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_LANG[lang]}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>\n{CSS}\n</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


#: the look of a summary table (table.ogr-summary: the corpus page, the explain page)
SUMMARY_CSS = """
table.ogr-summary { border-collapse: collapse; font-size: 0.9rem; margin: 1em 0; }
table.ogr-summary th, table.ogr-summary td { border: 1px solid #999; padding: 0.2em 0.5em; }
table.ogr-summary th { background: #eee; cursor: pointer; user-select: none; }
table.ogr-summary th[aria-sort="ascending"]::after { content: " ▲"; }
table.ogr-summary th[aria-sort="descending"]::after { content: " ▼"; }
table.ogr-summary td.ogr-number { text-align: right; font-variant-numeric: tabular-nums; }
""".strip()

#: sorts a table.ogr-summary by the column whose header is clicked (numbers as numbers)
SORT_SCRIPT = """
document.querySelectorAll('table.ogr-summary').forEach(table => {
  table.querySelectorAll('th').forEach((th, column) => th.addEventListener('click', () => {
    const body = table.tBodies[0];
    const up = th.getAttribute('aria-sort') !== 'ascending';
    table.querySelectorAll('th').forEach(h => h.removeAttribute('aria-sort'));
    th.setAttribute('aria-sort', up ? 'ascending' : 'descending');
    const key = row => row.cells[column].dataset.sort ?? row.cells[column].textContent;
    const value = text => (text === '' || isNaN(Number(text))) ? text : Number(text);
    const rows = [...body.rows].sort((a, b) => {
      const x = value(key(a)), y = value(key(b));
      if ((x === '') !== (y === '')) return x === '' ? 1 : -1;  // missing last, either way
      const order = typeof x === typeof y ? (x < y ? -1 : x > y ? 1 : 0)
        : (typeof x === 'number' ? -1 : 1);
      return up ? order : -order;
    });
    rows.forEach(row => body.appendChild(row));
  }));
});
""".strip()
