"""Renderers: Markdown, HTML in the official merged-header layout, and plain text aligned for
Chinese, for whole reports and for each table, in Chinese (labels as printed) or English.

All start from one grid per table (:func:`table_grid`), made from the table's declaration in
the shape. The output formats are one registry (:data:`FORMATS`), read by
:func:`opengovreport.render` and by the command line; a new format is one entry
(``docs/extending.md``).
"""

from collections.abc import Callable
from typing import Any

import attrs

from ..errors import InputError, WrongTypeError
from ..model import Report
from ..values import check_lang
from . import html as _html
from .grid import Flat, Grid, GridCell, Role, RowKind, Skeleton, flatten, skeleton, table_grid
from .markdown import report_markdown, table_markdown
from .parts import Renderable
from .text import report_text, table_text

__all__ = [
    "FORMATS",
    "Flat",
    "Grid",
    "GridCell",
    "OutputFormat",
    "Renderable",
    "Role",
    "RowKind",
    "Skeleton",
    "flatten",
    "register_format",
    "render",
    "skeleton",
    "table_grid",
]


@attrs.frozen
class OutputFormat:
    """An output format: how it renders a whole report and a table, in a language."""

    name: str
    #: the file ending of its files (``.html``)
    suffix: str
    report: Callable[[Report, str], Any]
    #: ``None`` where a table cannot be rendered on its own
    table: Callable[[Any, str], Any] | None
    #: a whole document (a page with its style) where this is given, else a fragment
    standalone: Callable[[Report, str], Any] | None = None
    #: ``True`` where it gives bytes (a Word document), not text
    binary: bool = False
    #: what a user needs to install first, where the format needs an extra
    extra: str | None = None


def _html_report(report: Report, lang: str) -> str:
    return _html.report_html(report, lang)


def _html_page(report: Report, lang: str) -> str:
    return _html.page(_html.report_html(report, lang), report.meta.title, lang)


#: the output formats, by name
FORMATS: dict[str, OutputFormat] = {}


def register_format(fmt: OutputFormat) -> OutputFormat:
    """Add an output format (or replace one of the same name)."""
    FORMATS[fmt.name] = fmt
    return fmt


register_format(OutputFormat("html", ".html", _html_report, _html.table_html, _html_page))
register_format(OutputFormat("markdown", ".md", report_markdown, table_markdown))
register_format(OutputFormat("text", ".txt", report_text, table_text))


def _docx_report(report: Report, lang: str) -> bytes:
    from .docx import report_docx

    return report_docx(report, lang)


def _docx_table(table: Any, lang: str) -> bytes:
    from .docx import table_docx

    return table_docx(table, lang)


register_format(OutputFormat("docx", ".docx", _docx_report, _docx_table, binary=True, extra="docx"))


def render(
    obj: Report | Renderable,
    format: str = "html",
    *,
    lang: str = "zh",
    standalone: bool = False,
    width: int | None = None,
) -> Any:
    """``obj`` (a report, or table 2, 3 or 4) in an output format of :data:`FORMATS`:
    ``"html"``, ``"markdown"``, ``"text"`` (strings) and, with the extra ``docx``, ``"docx"``
    (bytes).

    ``lang="zh"`` prints labels as printed; ``"en"`` the English glosses (the report's own text
    stays as written). ``standalone=True`` gives a whole document where the format has one (an
    HTML page with its CSS). ``width`` (text only) fits the tables to that many columns,
    Chinese characters two each, wrapping labels and headers: table 3 fits 120 columns; no
    table fits fewer than about 100 (its seven columns of numbers).
    """
    check_lang(lang)
    fmt = FORMATS.get(format)
    if fmt is None:
        raise InputError(f"unknown format {format!r}: expected one of {', '.join(FORMATS)}")
    if width is not None:
        if format != "text":
            raise InputError(f"width is for text, not {format}")
        if width < 20:
            raise InputError(f"width {width} is too narrow: at least 20 columns")
        if isinstance(obj, Report):
            return report_text(obj, lang, width)
        if not _is_table(obj):
            raise WrongTypeError(
                f"cannot render a {type(obj).__name__}: expected a Report or a table"
            )
        return table_text(obj, lang, width)
    if isinstance(obj, Report):
        if standalone:
            if fmt.standalone is None:
                raise InputError(f"standalone=True is not for {format}")
            return fmt.standalone(obj, lang)
        return fmt.report(obj, lang)
    if not _is_table(obj):
        raise WrongTypeError(f"cannot render a {type(obj).__name__}: expected a Report or a table")
    if fmt.table is None:
        raise InputError(f"{format} renders whole reports only")
    if standalone:
        if format != "html":
            raise InputError(f"standalone=True is not for a table in {format}")
        heading = table_grid(obj, lang).heading
        body = f"<h2>{_html.escape(heading)}</h2>\n{_html.table_html(obj, lang)}"
        return _html.page(body, heading, lang)
    return fmt.table(obj, lang)


def _is_table(obj: object) -> bool:
    from ..schema import table_of

    try:
        table_of(obj)
    except TypeError:
        return False
    return True
