"""A report flattened onto one line — a crawler's text of a web page — split back into lines:
before each section heading, between paragraphs, and in the tables before each label the format
prints (so that a row's label and its values stand on a line of their own).

Only a line that holds several section headings is split; any other line is left as it is.
"""

import functools
import re
from collections.abc import Iterator

from ..schema import Row, SectionSpec, Shape, shapes
from ._norm import fold, squash

__all__ = ["split_flat"]

#: a line shorter than this is never a whole report
_LONG = 400


@functools.cache
def _section_patterns(registered: tuple[Shape, ...]) -> list[tuple[SectionSpec, re.Pattern[str]]]:
    return [(spec, re.compile(spec.pattern)) for spec in registered[0].sections]


#: where a section heading may start in flattened text: a numeral and 、 anywhere — a crawler's
#: text glues a heading to whatever precedes it (``…0三、收到和处理…``, ``…报告：一、总体情况``)
_HEADING_START = re.compile(r"[一二三四五六][、.．]")
_SENTENCE_END = re.compile(r"(?<=[。！？；])\s+")
_SUBHEADING = re.compile(r"\s+(?=[(（][一二三四五六七八九十]{1,2}[)）])")
_SHORT_HEADING = re.compile(r"^([(（][一二三四五六七八九十]{1,2}[)）][^\s。，；]{1,20})\s+(\S.*)$")
_NUMBERING = re.compile(
    r"^([一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d{1,2}\s*[.．、])"
)


def _headings(text: str) -> list[tuple[int, int]]:
    """(position, section number) of each section heading in ``text``, in order."""
    out: list[tuple[int, int]] = []
    for match in _HEADING_START.finditer(text):
        window = squash(text[match.start() : match.start() + 48])
        for spec, pattern in _section_patterns(shapes()):
            if pattern.match(window) and all(n < spec.number for _, n in out):
                out.append((match.start(), spec.number))
                break
    return out


def _rows(rows: tuple[Row, ...]) -> Iterator[Row]:
    for row in rows:
        yield row
        yield from _rows(row.children)


def _label_pattern(label: str, bare_ok: bool) -> str:
    """A label as found in flattened text: its numbering (in any bracket or stop) and the
    first characters of its words, spaces allowed between them."""
    text = fold(label).strip()
    numbering = ""
    match = _NUMBERING.match(text)
    if match:
        number = re.sub(r"[、.()\s]", "", match.group(1))
        if number.isdigit():
            numbering = rf"{number}\s*[.．、]\s*"
        elif match.group(1).endswith("、"):
            numbering = rf"{number}\s*[、.．]\s*"
        else:
            numbering = rf"[(（]{number}[)）]\s*"
        text = text[match.end() :]
    # its words up to the first bracket, quote or stop: those print alike in every font
    words = re.split(r"[(（“”\"，,、；;：:]", re.sub(r"\s", "", text))[0][:8]
    if not words:
        return ""
    body = r"\s*".join(re.escape(c) for c in words)
    if numbering and (len(words) <= 3 or not bare_ok):
        return numbering + body
    return f"(?:{numbering})?{body}" if numbering else body


@functools.cache
def _table_patterns(registered: tuple[Shape, ...]) -> dict[int, re.Pattern[str]]:
    """For tables 2 and 3, a pattern that finds where each of their labels starts."""
    out: dict[int, re.Pattern[str]] = {}
    for number in (2, 3):
        alternatives: set[str] = set()
        for shape in registered:
            table = shape.numbered(number)
            for part in table.parts:
                if part.band is not None:
                    alternatives.add(r"第二十条第\s*[(（][一二三四五六七八九十]+[)）]\s*项")
                if part.corner is not None and number == 2:
                    alternatives.add(re.escape(part.corner.zh))
                for row in _rows(part.rows):
                    for label in (row.label.zh, *row.variants):
                        pattern = _label_pattern(label, bare_ok=number == 2)
                        if pattern:
                            alternatives.add(pattern)
        # longer alternatives first: 行政规范性文件 before 规范性文件
        ordered = sorted(alternatives, key=len, reverse=True)
        out[number] = re.compile("|".join(f"(?:{a})" for a in ordered))
    return out


def _split_table(text: str, number: int) -> list[str]:
    pattern = _table_patterns(shapes()).get(number)
    if pattern is None:
        return [text]
    cuts = [m.start() for m in pattern.finditer(text)]
    pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    return [piece.strip() for piece in pieces if piece.strip()]


def _split_narrative(text: str) -> list[str]:
    out: list[str] = []
    for sentence_run in _SENTENCE_END.split(text):
        for piece in _SUBHEADING.split(sentence_run):
            piece = piece.strip()
            if not piece:
                continue
            short = _SHORT_HEADING.match(piece)
            if short:
                out.extend([short.group(1), short.group(2)])
            else:
                out.append(piece)
    return out


def _heading_end(segment: str) -> int:
    """Where a section heading ends in flattened text: after its 情况/事项 (the tables'
    headings run on into their header), else at the first space."""
    head = segment[:48]
    ends = [at + 2 for at in (head.find("情况"), head.find("事项")) if at >= 0]
    space = re.search(r"\s", head)
    if space:
        ends.append(space.start())
    return min(ends) if ends else min(len(segment), 24)


def split_flat(text: str) -> list[str]:
    """``text`` split into lines where it is a whole report on one line; else ``[text]``."""
    if len(text) < _LONG:
        return [text]
    found = _headings(text)
    if len(found) < 2:
        return [text]
    out: list[str] = []
    out.extend(_split_narrative(text[: found[0][0]]))
    bounds = [p for p, _ in found] + [len(text)]
    for (start, number), end in zip(found, bounds[1:], strict=True):
        segment = text[start:end].strip()
        cut = _heading_end(segment)
        out.append(segment[:cut].strip())
        rest = segment[cut:].strip()
        if not rest:
            continue
        if _section_patterns(shapes())[number - 1][0].narrative:
            out.extend(_split_narrative(rest))
        else:  # a table's part may hold sentences too (a sub-heading, a paragraph)
            for piece in _split_narrative(rest):
                out.extend(_split_table(piece, number))
    return [line for line in out if line]
