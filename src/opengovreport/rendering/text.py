"""Plain text: tables through tabulate, aligned by display width so Chinese lines up."""

import unicodedata

from .._text import visible
from ..model import Report
from .grid import Flat, flatten, table_grid, tabulate_flat
from .parts import Renderable, report_parts

__all__ = ["report_text", "table_text"]


def _plain(text: str) -> str:
    """Text as plain text prints it: nothing that drives a terminal, and a tab as ``\\t`` (a
    tab in a line makes it a row of a table to a reader)."""
    return visible(text).replace("\t", "\\t")


def _cell(text: str) -> str:
    # in a table every character needs a display width: format and unassigned characters
    # have none, so they are shown as escapes too
    return "".join(
        f"\\u{ord(ch):04x}" if unicodedata.category(ch) in ("Cf", "Cn", "Co") else ch
        for ch in _plain(text)
    )


def _flat_text(flat: Flat) -> str:
    table = tabulate_flat(flat, _cell, "grid")
    return table if flat.title is None else f"{_cell(flat.title)}\n{table}"


def table_text(table: Renderable, lang: str) -> str:
    """The table as plain-text grids (table 2: one per block, under its 第二十条第（X）项)."""
    return "\n\n".join(_flat_text(f) for f in flatten(table_grid(table, lang)))


def report_text(report: Report, lang: str) -> str:
    """The whole report: title, front matter, the six sections, closing lines."""
    out = [
        _plain(value) if isinstance(value, str) else table_text(value, lang)
        for kind, _level, value in report_parts(report, lang)
        if kind != "end"
    ]
    return "\n\n".join(out) + "\n"
