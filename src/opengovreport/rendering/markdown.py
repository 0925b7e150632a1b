"""Markdown: GitHub pipe tables through tabulate, header and label levels flattened."""

import re

from .._text import visible
from ..model import Report
from .grid import Flat, flatten, table_grid, tabulate_flat
from .parts import Renderable, report_parts

__all__ = ["escape", "escape_paragraph", "report_markdown", "table_markdown"]

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])")


def _unmark(m: re.Match[str]) -> str:
    """Escape a list marker at the start of a line (``1.`` → ``1\\.``, ``-`` → ``\\-``)."""
    indent, marker = m.group(1), m.group(2)
    if marker[0].isdigit():
        return f"{indent}{marker[:-1]}\\{marker[-1]}"
    return f"{indent}\\{marker}"


def escape(text: str) -> str:
    """``text`` as literal inline Markdown (a table cell, a heading): markup characters
    escaped, ``&`` as an entity, line breaks as ``<br>`` so that it stays on one line, and
    characters that would drive a terminal shown as escapes (``\\x1b``)."""
    text = text.replace("&", "&amp;")
    text = visible(_SPECIAL.sub(r"\\\1", text))
    return text.replace("\n", "<br>")


def escape_paragraph(text: str) -> str:
    """``text`` as a literal Markdown paragraph: also a leading list marker escaped."""
    return _LINE_START.sub(_unmark, escape(text), count=1)


def _flat_markdown(flat: Flat) -> str:
    table = tabulate_flat(flat, escape, "github")
    if flat.title is None:
        return table
    return f"**{escape(flat.title)}**\n\n{table}"


def table_markdown(table: Renderable, lang: str) -> str:
    """The table as one pipe table (table 2: one per block, under its 第二十条第（X）项)."""
    return "\n\n".join(_flat_markdown(f) for f in flatten(table_grid(table, lang)))


def report_markdown(report: Report, lang: str) -> str:
    """The whole report: title, front matter, the six sections, closing lines."""
    out = []
    for kind, level, value in report_parts(report, lang):
        if isinstance(value, str):
            if kind == "title":
                out.append(f"# {escape(value)}")
            elif kind == "section":
                out.append(f"## {escape(value)}")
            elif kind == "heading":
                out.append(f"{'#' * min(level + 2, 6)} {escape(value)}")
            elif kind in ("paragraph", "closing"):
                out.append(escape_paragraph(value))
        else:
            out.append(table_markdown(value, lang))
    return "\n\n".join(out) + "\n"
