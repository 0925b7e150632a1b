"""A narrative section's blocks: its lines joined into paragraphs (a wrapped text's lines by
their indentation, a text's by its sentences) and its sub-headings by their numbering."""

import re
from collections.abc import Iterable

from ..model import Heading, Paragraph, Section, unchecked
from ..values import HEADING_LEVEL, TEXT
from ._front import ends_sentence
from ._lines import Document, Line

__all__ = ["paragraphs", "section"]

#: the test the constructors make of a text; the levels a heading may have
_TEXT = TEXT.accepts
_LEVELS = frozenset(range(HEADING_LEVEL.minimum, HEADING_LEVEL.maximum + 1))

#: a sub-heading's numbering, each level's a group of its own (tried in order: the level is
#: the first that matches)
_HEADING = re.compile(
    r"^(?:([(（][一二三四五六七八九十]+[)）])|(\d{1,2}[.．、](?!\d))|([(（]\d{1,2}[)）]))"
)


def _heading_level(text: str) -> int | None:
    if len(text) > 40 or "。" in text or text.endswith(("，", "；", "：", ":", ",")):
        return None
    found = _HEADING.match(text)
    return found.lastindex if found is not None else None


def paragraphs(doc: Document, lines: Iterable[Line]) -> list[tuple[Line, str, int | None]]:
    """(first line, text, heading level or None) for each block of ``lines``, a paragraph's
    lines joined."""
    out: list[tuple[Line, str, int | None]] = []
    # the indentation of the least indented line: what a wrapped text's new paragraph exceeds
    base = min((ln.indent for ln in doc.lines), default=0) if doc.wrapped else 0
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        if line.heading is not None and line.heading >= 3:
            out.append((line, text, line.heading - 2))
            continue
        level = _heading_level(text) if line.heading is None else None
        if level is not None and (not doc.wrapped or line.indent > base or not out):
            out.append((line, text, level))
            continue
        if out and out[-1][2] is None and _continues(doc, out[-1][1], line, base):
            first, prev, _ = out[-1]
            out[-1] = (first, prev + text, None)
            continue
        out.append((line, text, None))
    return out


def _continues(doc: Document, previous: str, line: Line, base: int) -> bool:
    if doc.format != "text" or line.closing:
        return False
    if doc.wrapped:
        return line.indent <= base
    return not ends_sentence(previous)


def section(doc: Document, lines: list[Line], heading: str) -> Section:
    """A narrative section: its heading as printed, its paragraphs and sub-headings. Where
    every text and level is one the constructors accept (their own tests, once for the
    section), they are made without the constructors' calls; else by them (which raise,
    naming the field)."""
    found = paragraphs(doc, lines)
    texts = [heading]
    levels: set[int] = set()
    for _line, text, level in found:  # (one loop, not a generator and a comprehension)
        texts.append(text)
        if level is not None:
            levels.add(level)
    # (the constructors' tests: each text a str UTF-8 can encode, each level an int 1–9)
    plain = set(map(type, texts)) == {str} and set(map(type, levels)) <= {int}
    if plain and levels <= _LEVELS and _TEXT("".join(texts)):
        make, paragraph_of = unchecked(Section), unchecked(Paragraph)
        heading_of = unchecked(Heading)
        return make(
            heading,
            tuple(
                paragraph_of(text) if level is None else heading_of(text, level)
                for _line, text, level in found
            ),
        )
    blocks: list[Heading | Paragraph] = []
    for _line, text, level in found:
        blocks.append(Heading(text, level) if level is not None else Paragraph(text))
    return Section(heading, tuple(blocks))
