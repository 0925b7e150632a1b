"""Plain text: tables through tabulate, aligned by display width so Chinese lines up."""

import re
import unicodedata

from .._text import visible
from ..model import Report, Requests
from ..schema import Row, table_name, table_of
from .grid import Flat, Role, flatten, table_grid, tabulate_flat
from .parts import Renderable, report_parts

__all__ = ["compact_text", "report_text", "table_text", "truncate", "wrap"]


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


def _width(text: str) -> int:
    """The display width of a line: Chinese characters take two columns."""
    from wcwidth import wcswidth

    found = wcswidth(text)
    return found if found >= 0 else len(text)


#: a run kept on one line where it fits: digits (with their sign), Latin letters and what joins
#: them, a file's path (a number broken across lines reads as two)
_WORD = re.compile(r"(?:[-+](?=[0-9]))?[0-9A-Za-z/][0-9A-Za-z.,%'’_/-]*|\s+|.", re.S)
#: punctuation a line never starts with: it goes down with the character before it
_CLOSING = frozenset("，。、；：！？）》」』”’,.;:!?)%")
#: punctuation a line never ends with: it goes down with what it opens
_OPENING = frozenset("（《「『“‘(")


def _wrap_line(text: str, width: int) -> list[str]:
    from wcwidth import wcswidth

    lines: list[list[str]] = [[]]
    used = 0
    for token in _WORD.findall(text):
        w = max(0, wcswidth(token))
        if used + w > width and lines[-1]:
            if token.isspace():  # a break at a space drops the space
                lines.append([])
                used = 0
                continue
            line = lines[-1]
            carry = []
            if token in _CLOSING and len(line) > 1:
                carry.append(line.pop())
                while carry[0] in _CLOSING and len(line) > 1:  # ）。: both go down
                    carry.insert(0, line.pop())
            while len(line) > 1 and line[-1] in _OPENING:
                carry.insert(0, line.pop())
            used = sum(max(0, wcswidth(t)) for t in carry)
            if used + w > width:  # what it carries would not fit either: the width comes first
                line.extend(carry)
                carry, used = [], 0
            lines.append(carry)
        if w > width:  # a run longer than a line: broken where the line is full
            for ch in token:
                cw = max(0, wcswidth(ch))
                if used + cw > width and lines[-1]:
                    lines.append([])
                    used = 0
                lines[-1].append(ch)
                used += cw
            continue
        lines[-1].append(token)
        used += w
    return ["".join(line).rstrip() for line in lines]


def wrap(text: str, width: int, *, levels: bool = True) -> str:
    """``text`` broken into lines of at most ``width`` display columns (Chinese two each): at
    `` / `` between header levels first (with ``levels``), then where a line is full, never
    inside a number or a Latin word that fits a line, and never before closing punctuation."""
    parts = text.split(" / ") if levels else text.splitlines() or [""]
    return "\n".join(line for part in parts for line in _wrap_line(part, width))


def _widest(text: str) -> int:
    return max(map(_width, text.splitlines()), default=0)


def _fitted(flat: Flat, label_width: int) -> Flat:
    """``flat`` with its label column wrapped at ``label_width`` and each value column's header
    at the column's widest value (at least 8)."""
    columns = len(flat.header)
    labels = 1 if flat.label_column else 0
    values = [max([_width(row[i]) for row in flat.rows] + [8]) for i in range(columns)]
    header = tuple(
        wrap(h, label_width if i < labels else values[i]) for i, h in enumerate(flat.header)
    )
    rows = tuple(
        tuple(wrap(c, label_width) if i < labels else c for i, c in enumerate(row))
        for row in flat.rows
    )
    return Flat(flat.title, header, rows, flat.label_column)


def _flat_text(flat: Flat, width: int | None = None) -> str:
    table = tabulate_flat(flat, _cell, "grid")
    if width is not None and flat.header and _widest(table) > width:
        # headers wrapped to their columns, then the label column narrowed (to 10 columns at
        # the least) until the grid fits, if it can
        label_width = max([_width(row[0]) for row in flat.rows] + [10])
        table = tabulate_flat(_fitted(flat, label_width), _cell, "grid")
        for _ in range(4):
            if _widest(table) <= width or label_width <= 10:
                break
            label_width = max(10, label_width - (_widest(table) - width))
            table = tabulate_flat(_fitted(flat, label_width), _cell, "grid")
    return table if flat.title is None else f"{_cell(flat.title)}\n{table}"


#: the narrowest label column of the compact layout before its headers take two lines
_LABELS_AT_LEAST = 30


def _halves(text: str) -> tuple[str, str]:
    """A short column name on two lines: Chinese split in the middle, English as it is."""
    if text.isascii() or len(text) < 3:
        return ("", text)
    cut = (len(text) + 1) // 2
    return (text[:cut], text[cut:])


def truncate(text: str, columns: int) -> str:
    """``text`` cut to ``columns`` display columns, ending in … where it was cut."""
    if _width(text) <= columns:
        return text
    out, used = "", 0
    for ch in text:
        w = _width(ch)
        if used + w > columns - 1:
            break
        out, used = out + ch, used + w
    return out + "…"


def _pad(text: str, columns: int, right: bool = False) -> str:
    room = " " * max(0, columns - _width(text))
    return room + text if right else text + room


def compact_text(table: Requests, lang: str, width: int) -> str:
    """Table 3 in ``width`` columns: a line a row, each label indented by its level (the rows
    of a group under the group's own line), short column names (自然人 … 总计), numbers right
    aligned in columns of one width; a label too long for its room ends in …, and where one
    line of column names would leave labels less than 30 columns, the names take two lines."""
    spec = table_of(table)
    (part,) = spec.parts
    grid = table_grid(table, lang)
    values = {c.path: _cell(c.text) for row in grid.rows for c in row if c.role is Role.VALUE}
    keys = [c.key for c in part.columns]
    names = [(c.short or c.label).text(lang) for c in part.columns]
    lines: list[tuple[str, list[str] | None]] = []

    def walk(rows: tuple[Row, ...], depth: int, path: str) -> None:
        for row in rows:
            here = path if row.key is None else f"{path}.{row.key}".lstrip(".")
            label = "  " * depth + _cell(row.label.text(lang))
            if row.children:
                lines.append((label, None))
                walk(row.children, depth + 1, here)
            else:
                lines.append((label, [values[f"{here}.{k}"] for k in keys]))

    walk(part.rows, 0, part.key or "")
    heading = spec.heading.text(lang)
    heading = heading.split("、", 1)[-1] if lang == "zh" else heading.split(". ", 1)[-1]
    title = f"{table_name(spec.number).text(lang)}  {_cell(heading)}"
    numbers = [v for _, row in lines if row is not None for v in row]
    heads = [("", name) for name in names]
    column = max(map(_width, [*names, *numbers]))  # one width for every column, as printed
    room = width - len(keys) * (column + 1)
    if room < _LABELS_AT_LEAST:
        heads = [_halves(name) for name in names]
        column = max(map(_width, [*(h for pair in heads for h in pair), *numbers]))
        room = width - len(keys) * (column + 1)
    columns = [column] * len(keys)
    widest = max(_width(label) for label, _ in [(title, None), *lines])
    room = max(10, min(room, widest))
    out = []
    if any(a for a, _ in heads):
        top = " ".join(_pad(a, c, right=True) for (a, _), c in zip(heads, columns, strict=True))
        out.append(f"{_pad(truncate(title, room), room)} {top}")
        title = ""
    bottom = " ".join(_pad(b, c, right=True) for (_, b), c in zip(heads, columns, strict=True))
    out.append(f"{_pad(truncate(title, room), room)} {bottom}")
    for label, row in lines:
        text = truncate(label, room)
        if row is None:
            out.append(text)
        else:
            cells = " ".join(_pad(v, c, right=True) for v, c in zip(row, columns, strict=True))
            out.append(f"{_pad(text, room)} {cells}")
    return "\n".join(line.rstrip() for line in out)


def table_text(table: Renderable, lang: str, width: int | None = None) -> str:
    """The table as plain-text grids (table 2: one per block, under its 第二十条第（X）项); with
    ``width``, labels and headers wrapped so that the grids fit that many columns, and table 3
    in its compact layout (:func:`compact_text`), a line a row."""
    if width is not None and isinstance(table, Requests):
        return compact_text(table, lang, width)
    return "\n\n".join(_flat_text(f, width) for f in flatten(table_grid(table, lang)))


def report_text(report: Report, lang: str, width: int | None = None) -> str:
    """The whole report: title, front matter, the six sections, closing lines; with ``width``,
    the tables fitted to it and the paragraphs wrapped at it."""
    out = [
        (_plain(value) if width is None else wrap(_plain(value), width, levels=False))
        if isinstance(value, str)
        else table_text(value, lang, width)
        for kind, _level, value in report_parts(report, lang)
        if kind != "end"
    ]
    # the lines as wrapped: none a CI log would take for a workflow command either
    return visible("\n\n".join(out) + "\n")
