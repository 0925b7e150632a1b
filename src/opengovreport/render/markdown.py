"""Markdown: GitHub pipe tables through tabulate, header and label levels flattened."""

import re

from tabulate import tabulate

from ..model import Report, Section
from ..schema import SECTIONS
from .grid import Flat, flatten, table_grid
from .parts import Narrative, Renderable, narrative_parts, section_heading

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
    escaped, ``&`` as an entity, line breaks as ``<br>`` so that it stays on one line."""
    text = text.replace("&", "&amp;")
    text = _SPECIAL.sub(r"\\\1", text)
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def escape_paragraph(text: str) -> str:
    """``text`` as a literal Markdown paragraph: also a leading list marker escaped."""
    return _LINE_START.sub(_unmark, escape(text), count=1)


def _flat_markdown(flat: Flat) -> str:
    align = (["left"] if flat.label_column else []) + ["right"] * (
        len(flat.header) - (1 if flat.label_column else 0)
    )
    table: str = tabulate(
        [[escape(c) for c in row] for row in flat.rows],
        headers=[escape(h) for h in flat.header],
        tablefmt="github",
        disable_numparse=True,
        colalign=align,
    )
    if flat.title is None:
        return table
    return f"**{escape(flat.title)}**\n\n{table}"


def table_markdown(table: Renderable, lang: str) -> str:
    """The table as one pipe table (table 2: one per block, under its 第二十条第（X）项)."""
    return "\n\n".join(_flat_markdown(f) for f in flatten(table_grid(table, lang)))


def _narrative_markdown(parts: Narrative) -> list[str]:
    return [
        f"{'#' * min(level + 2, 6)} {escape(text)}" if kind == "heading" else escape_paragraph(text)
        for kind, level, text in parts
    ]


def report_markdown(report: Report, lang: str) -> str:
    """The whole report: title, front matter, the six sections, closing lines."""
    meta = report.meta
    out = [f"# {escape(meta.title)}", *(escape_paragraph(p) for p in meta.front_matter)]
    for spec in SECTIONS:
        out.append(f"## {escape(section_heading(report, spec.key, lang))}")
        value = getattr(report, spec.key)
        if isinstance(value, Section):
            out.extend(_narrative_markdown(narrative_parts(value)))
        else:
            out.append(table_markdown(value, lang))
    out.extend(escape_paragraph(line) for line in meta.closing)
    return "\n\n".join(out) + "\n"
