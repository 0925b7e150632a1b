"""Where each part of the report stands: the six section headings (in order, or numbered another
way), a second report after the first, and each table by its content (:mod:`._anchors`) where
its heading is missing or elsewhere; the lines of each part."""

import bisect
import functools
import re
from collections.abc import Sequence
from typing import NamedTuple

from ._anchors import LinesText, anchors
from ._front import YEAR, ends_sentence
from ._lines import Line
from ._norm import fold, squash
from ._result import Diagnostic
from ._values import is_value
from ._vocabulary import NUMERALS, Vocabulary, of_registered, vocabulary

__all__ = ["Layout", "locate", "region"]

#: the vocabulary of the shapes registered now
_vocabulary_now = of_registered(vocabulary)

#: a section heading's number (一、)
_NUMBERING = re.compile(f"^[{NUMERALS}]{{1,2}}[、.,．]?")
#: an appendix's heading (附件, 附件1：统计表): the tables printed after the text
_APPENDIX = re.compile(r"^附\s*件\s*[一二三四五六七八九十\d]*\s*[:：]?\s*\S{0,20}$")


class Layout(NamedTuple):
    """Where the parts stand: the lines (cut after the report where a second one follows), the
    line of each section heading found, and each part's (line, first line of its content)."""

    lines: tuple[Line, ...]
    headings: dict[str, int]
    starts: dict[str, tuple[int, int]]
    second: bool
    notes: list[Diagnostic]
    #: each part's lines: (first, end)
    spans: dict[str, tuple[int, int]]


def _firsts(lines: Sequence[Line]) -> list[str]:
    """Each line's first non-empty cell, squashed, where it may start a section heading."""
    out = [""] * len(lines)
    for i, line in enumerate(lines):
        head = line.text[:1]
        if head and head not in NUMERALS and not head.isspace():  # (nearly every line)
            continue
        head = line.text.lstrip()[:1]
        if not head or head not in NUMERALS or line.heading == 1:
            continue
        first = next(filter(None, line.cells), "") if line.row else line.text
        first = first.lstrip()
        # a heading's keywords stand in its first characters: squash no more than those
        out[i] = squash(first[:32]) if first[:1] in NUMERALS else ""
    return out


def _is_heading(line: Line, text: str, pattern: re.Pattern[str]) -> bool:
    if not (text and pattern.match(text)):
        return False
    for cell in line.cells[1:]:  # (a loop, not a generator: most lines have one cell)
        if is_value(cell):
            return False
    return len(text) <= 60 and not ends_sentence(line.text)


def _in_order(lines: Sequence[Line], firsts: list[str], vocab: Vocabulary) -> dict[str, int]:
    """Each section heading's line, in the order the format numbers them."""
    found: dict[str, int] = {}
    start = 0
    candidates = [i for i, first in enumerate(firsts) if first]
    for spec in vocab.sections:
        pattern = vocab.patterns[spec.key]
        for i in candidates:
            if i >= start and _is_heading(lines[i], firsts[i], pattern):
                found[spec.key] = i
                start = i + 1
                break
    return found


def _renumbered(
    lines: Sequence[Line], firsts: list[str], vocab: Vocabulary, found: dict[str, int]
) -> list[Diagnostic]:
    """The headings not found in order, found anywhere with any numeral (a report that numbers
    its sections its own way, tables printed as an appendix 一/二/三)."""
    notes = []
    taken = set(found.values())
    for spec in vocab.sections:
        if spec.key in found:
            continue
        pattern = vocab.renumbered[spec.key]
        for i, line in enumerate(lines):
            if i not in taken and _is_heading(line, firsts[i], pattern):
                found[spec.key] = i
                taken.add(i)
                notes.append(
                    Diagnostic.of(
                        "heading-renumbered",
                        line=line.number,
                        text=line.text,
                        number=spec.number,
                        heading=spec.heading.zh,
                    )
                )
                break
    return notes


@functools.cache
def _unnumbered(declared: str) -> str:
    """A declared heading's words without its number (declared headings are few)."""
    return _NUMBERING.sub("", declared)


def _heading_notes(
    lines: Sequence[Line], vocab: Vocabulary, found: dict[str, int]
) -> list[Diagnostic]:
    notes = []
    for spec in vocab.sections:
        if spec.key not in found:
            continue
        line = lines[found[spec.key]]
        text, declared = squash(line.text), vocab.headings[spec.key]
        if text == declared:  # (printed as declared: most headings)
            continue
        # a heading numbered otherwise is noted as such; its words are compared here
        words = _NUMBERING.sub("", text)
        if words != _unnumbered(declared):
            known = {_NUMBERING.sub("", squash(v)) for v in spec.variants}
            notes.append(
                Diagnostic.of(
                    "heading-variant" if words in known else "heading-unknown",
                    line=line.number,
                    text=line.text,
                    number=spec.number,
                    heading=spec.heading.zh,
                )
            )
    return notes


def _second_report(
    lines: Sequence[Line], firsts: list[str], vocab: Vocabulary, found: dict[str, int]
) -> int | None:
    """Where a second report starts after this one's last section (its section 1 heading
    again, with its title just before), or ``None``."""
    first_key = vocab.sections[0].key
    if first_key not in found:
        return None
    pattern = vocab.patterns[first_key]
    last = max(found.values())
    for i in range(last + 1, len(lines)):
        if firsts[i] and pattern.match(firsts[i]):
            for j in range(i - 1, last, -1):  # its title, above its front matter
                text = lines[j].text
                titled = YEAR.search(fold(text)) and "报告" in text and len(text) <= 80
                if titled and not ends_sentence(text):
                    return j
            return i
    return None


def _anchor(
    candidates: list[int], at: int | None, headings: list[int], narrative: bool
) -> int | None:
    """Where a table's content starts away from its heading, or ``None`` where it stands
    under its heading (``at``) or is not found. A line like the table's in another part (a
    sentence of section 1 that reads like its first row) never takes the table from under its
    heading."""
    if narrative or not candidates:
        return None
    if at is None:
        return candidates[0]
    end = min((h for h in headings if h > at), default=None)
    for anchor in candidates:
        if at <= anchor and (end is None or anchor < end):
            return None  # the table stands under its heading
        if anchor + 1 == at:  # the header line above the heading
            return None
    return candidates[0]


def _starts(
    lines: Sequence[Line],
    text: LinesText,
    vocab: Vocabulary,
    found: dict[str, int],
    anchors: dict[int, list[int]],
) -> tuple[dict[str, tuple[int, int]], list[Diagnostic]]:
    """Where each part of the report starts: (line, first line of its content) — a section's
    heading, or a table's content where its heading is missing or elsewhere."""
    out: dict[str, tuple[int, int]] = {}
    notes = []
    headings = sorted(found.values())
    for spec in vocab.sections:
        at = found.get(spec.key)
        anchor = _anchor(anchors.get(spec.number, []), at, headings, spec.narrative)
        if anchor is not None:
            line = lines[anchor]
            notes.append(
                Diagnostic.of(
                    "table-by-content",
                    line=line.number,
                    text=line.text[:40],
                    table=spec.number,
                    heading=spec.heading.zh,
                    variant="away" if at is not None else "",
                )
            )
            out[spec.key] = (anchor, anchor)
        elif at is not None:
            out[spec.key] = (at, at + 1)
    narrative = {spec.key for spec in vocab.sections if spec.narrative}
    tables = [s for key, (s, _) in out.items() if key not in narrative]
    above = min(tables, default=0)
    for i in text.holding(("附",)):  # an appendix's heading ends the text above it
        if i < above and _APPENDIX.match(lines[i].text.strip()):
            out["appendix"] = (i, i + 1)
            break
    return out, notes


def locate(lines: Sequence[Line]) -> Layout:
    """Where each section and table stands in ``lines``."""
    vocab = _vocabulary_now()
    firsts = _firsts(lines)
    found = _in_order(lines, firsts, vocab)
    notes: list[Diagnostic] = []
    second = _second_report(lines, firsts, vocab, found)
    if second is not None:
        line = lines[second]
        notes.append(Diagnostic.of("second-report", line=line.number, text=line.text[:60]))
        lines, firsts = lines[:second], firsts[:second]
    notes += _renumbered(lines, firsts, vocab, found)
    notes += _heading_notes(lines, vocab, found)
    text = LinesText.of(lines)
    starts, more = _starts(lines, text, vocab, found, anchors(lines, text, vocab))
    ats = sorted(at for at, _ in starts.values())
    spans = {}
    for key, (at, first) in starts.items():
        after = bisect.bisect_right(ats, at)  # the next part's start, or the end
        spans[key] = (first, ats[after] if after < len(ats) else len(lines))
    return Layout(tuple(lines), found, starts, second is not None, notes + more, spans)


def region(layout: Layout, key: str) -> list[Line]:
    """The lines of the part ``key`` (a section's, or a table's from its content)."""
    if key not in layout.spans:
        return []
    first, end = layout.spans[key]
    return list(layout.lines[first:end])
