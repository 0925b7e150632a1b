"""Renderers: Markdown, HTML in the official merged-header layout, and plain text aligned for
Chinese, for whole reports and for each table, in Chinese (labels as printed) or English.

All three start from one grid per table (:func:`opengovreport.render.grid.table_grid`).
"""

from typing import Literal

from ..model import Report
from . import html as _html
from .grid import Grid, flatten, format_value, table_grid
from .markdown import report_markdown, table_markdown
from .parts import Renderable, check_lang
from .text import report_text, table_text

__all__ = ["Format", "Grid", "flatten", "format_value", "render", "table_grid"]

Format = Literal["markdown", "html", "text"]
FORMATS = ("markdown", "html", "text")


def _title(obj: Report | Renderable, lang: str) -> str:
    if isinstance(obj, Report):
        return obj.meta.title
    return table_grid(obj, lang).heading


def render(
    obj: Report | Renderable,
    format: Format = "html",
    *,
    lang: str = "zh",
    standalone: bool = False,
) -> str:
    """``obj`` (a report, or table 2, 3 or 4) as ``"markdown"``, ``"html"`` or ``"text"``.

    ``lang="zh"`` prints labels as printed; ``"en"`` the English glosses (the report's own text
    stays as written). ``standalone=True`` (HTML only) gives a whole page with its CSS.
    """
    check_lang(lang)
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}: expected one of {', '.join(FORMATS)}")
    if standalone and format != "html":
        raise ValueError("standalone=True is for HTML only")
    if not isinstance(obj, Report) and not _is_table(obj):
        raise TypeError(f"cannot render a {type(obj).__name__}: expected a Report or a table")
    if format == "markdown":
        return report_markdown(obj, lang) if isinstance(obj, Report) else table_markdown(obj, lang)
    if format == "text":
        return report_text(obj, lang) if isinstance(obj, Report) else table_text(obj, lang)
    body = _html.report_html(obj, lang) if isinstance(obj, Report) else _html.table_html(obj, lang)
    if not standalone:
        return body
    if not isinstance(obj, Report):
        body = f"<h2>{_html.escape(_title(obj, lang))}</h2>\n{body}"
    return _html.page(body, _title(obj, lang), lang)


def _is_table(obj: object) -> bool:
    from ..model import Appeals, Disclosure2019, Disclosure2021, Requests

    return isinstance(obj, Disclosure2019 | Disclosure2021 | Requests | Appeals)
