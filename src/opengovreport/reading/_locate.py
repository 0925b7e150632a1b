"""Where each part of the report stands: the six section headings (in order, or numbered another
way), a second report after the first, and each table by its content (its band, first row or
header) wherever it stands; the lines of each part; a narrative's paragraphs and headings."""

import bisect
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from ..model import Heading, Paragraph, Section
from ..schema import SectionSpec, Shape, shapes
from ._front import YEAR, ends_sentence
from ._lines import Document, Line
from ._norm import core, first_folded, fold, squash
from ._result import Diagnostic
from ._values import is_value

__all__ = ["Layout", "Vocabulary", "locate", "region", "section", "vocabulary"]

_NUMERALS = "一二三四五六七八九十"
#: a section heading's number (一、)
_NUMBERING = re.compile(f"^[{_NUMERALS}]{{1,2}}[、.,．]?")
#: a table 2 block's band (第二十条第（一）项), as matched
_BAND = re.compile(r"第二十条第[(（]?[一二三四五六七八九十]+[)）]?项")
#: an appendix's heading (附件, 附件1：统计表): the tables printed after the text
_APPENDIX = re.compile(r"^附\s*件\s*[一二三四五六七八九十\d]*\s*[:：]?\s*\S{0,20}$")


class Vocabulary(NamedTuple):
    """What finds the parts of a report, from the registered shapes: the sections; each
    table's first row (its names' cores) and table 4's groups and column words."""

    sections: tuple[SectionSpec, ...]
    patterns: dict[str, re.Pattern[str]]
    renumbered: dict[str, re.Pattern[str]]
    headings: dict[str, str]
    first_rows: tuple[str, ...]
    table4_groups: tuple[str, ...]
    table4_words: tuple[str, ...]
    #: the words a line must hold to be looked at closer for a table's content
    content: tuple[str, ...]


def _any_numeral(pattern: str) -> re.Pattern[str]:
    """A section's heading pattern with any numeral: a report that numbers its sections its own
    way, or prints the tables as an appendix numbered 一/二/三."""
    assert pattern.startswith("^"), pattern
    assert pattern[1] in _NUMERALS, pattern
    return re.compile(f"^[{_NUMERALS}]{{1,2}}" + pattern[2:])


@functools.cache
def vocabulary(registered: tuple[Shape, ...]) -> Vocabulary:
    """The words that find a report's parts, from ``registered`` (:func:`shapes`)."""
    sections = registered[0].sections
    firsts = {core(s.numbered(3).parts[0].leaves[0].label.zh): None for s in registered}
    groups: dict[str, None] = {}
    words: dict[str, None] = {}
    for s in registered:
        part = s.numbered(4).parts[0]
        groups[squash(part.leaves[0].label.zh)] = None
        for column in part.columns[:2]:
            words[squash(column.label.zh)[-2:]] = None
    keys = ("第二十条", *{first[2:4] for first in firsts}, *{g[-2:] for g in groups})
    return Vocabulary(
        sections,
        {spec.key: re.compile(spec.pattern) for spec in sections},
        {spec.key: _any_numeral(spec.pattern) for spec in sections},
        {spec.key: squash(spec.heading.zh) for spec in sections},
        tuple(firsts),
        tuple(groups),
        tuple(words),
        tuple(dict.fromkeys(keys)),
    )


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


class _Text(NamedTuple):
    """The lines' texts as one, to find words in all of them at once: the text, and where each
    line's starts in it."""

    text: str
    starts: list[int]

    @classmethod
    def of(cls, lines: Sequence[Line]) -> "_Text":
        texts = [line.text for line in lines]
        return cls("\n".join(texts), [0, *itertools.accumulate(len(t) + 1 for t in texts)])

    def holding(self, words: Iterable[str]) -> list[int]:
        """The lines whose text holds one of ``words`` (none holds a line end), in order."""
        found: set[int] = set()
        text, starts = self.text, self.starts
        for word in words:
            at = text.find(word)
            while at >= 0:
                line = bisect.bisect_right(starts, at) - 1
                found.add(line)
                at = text.find(word, starts[line + 1])  # (the next line's)
        return sorted(found)


def _firsts(lines: Sequence[Line]) -> list[str]:
    """Each line's first non-empty cell, squashed, where it may start a section heading."""
    out = [""] * len(lines)
    for i, line in enumerate(lines):
        head = line.text[:1]
        if head and head not in _NUMERALS and not head.isspace():  # (nearly every line)
            continue
        head = line.text.lstrip()[:1]
        if not head or head not in _NUMERALS or line.heading == 1:
            continue
        first = next(filter(None, line.cells), "") if line.row else line.text
        first = first.lstrip()
        # a heading's keywords stand in its first characters: squash no more than those
        out[i] = squash(first[:32]) if first[:1] in _NUMERALS else ""
    return out


def _is_heading(line: Line, text: str, pattern: re.Pattern[str]) -> bool:
    return bool(
        text
        and pattern.match(text)
        and not any(is_value(c) for c in line.cells[1:])
        and len(text) <= 60
        and not ends_sentence(line.text)
    )


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


def _heading_notes(
    lines: Sequence[Line], vocab: Vocabulary, found: dict[str, int]
) -> list[Diagnostic]:
    notes = []
    for spec in vocab.sections:
        if spec.key not in found:
            continue
        line = lines[found[spec.key]]
        # a heading numbered otherwise is noted as such; its words are compared here
        words = _NUMBERING.sub("", squash(line.text))
        if words != _NUMBERING.sub("", vocab.headings[spec.key]):
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


def _table4_header(line: Line, groups: tuple[str, ...], text: str) -> bool:
    """Whether a line may be the top of table 4's header: it starts with its first group
    (行政复议), or is a row with a cell that is (``text``: the line's, squashed)."""
    if any(text.startswith(g) for g in groups):
        return True
    return line.row and any(squash(c) in groups for c in line.cells)


def _band(line: Line, squashed: str) -> bool:
    """Whether a line is table 2's band (第二十条第（一）项; ``squashed``: its text so)."""
    return bool(_BAND.search(squashed)) and (line.row or len(squashed) <= 40)


def _first_row(line: Line, vocab: Vocabulary, keys: set[str]) -> bool:
    """Whether a line holds table 3's first row (一、本年新收…)."""
    text = line.text
    return (
        any(k in text for k in keys)
        and any(first in core(text) for first in vocab.first_rows)
        and not ends_sentence(text)
    )


def _table4_top(
    lines: Sequence[Line], i: int, vocab: Vocabulary, squashed: Callable[[int], str]
) -> bool:
    """Whether table 4's header starts at line ``i``: its first group, and its columns' words
    in the lines below (``squashed``: a line's text squashed, by its index)."""
    groups = vocab.table4_groups
    line = lines[i]
    if not any(g[-2:] in line.text for g in groups):  # (cheap: most lines are not)
        return False
    head = first_folded(line.text)  # a sentence about 复议 need not be squashed to tell
    if not line.row and head is not None and all(head != g[:1] for g in groups):
        return False
    if not _table4_header(line, groups, squashed(i)):
        return False
    # (the texts squashed one by one are the texts joined by spaces squashed: NFKC parts at a
    # space, and squashing drops it)
    below = range(i, min(i + 8, len(lines)))
    window = "".join(squashed(k) for k in below if not ends_sentence(lines[k].text))
    return all(word in window for word in vocab.table4_words)


def _anchors(lines: Sequence[Line], text: _Text, vocab: Vocabulary) -> dict[int, list[int]]:
    """Where each table's content may start, found by what it holds (by table number, every
    line that does, in order): table 2 at its first band (第二十条第（一）项), table 3 at its
    first row (一、本年新收…), table 4 at its header (行政复议 over 结果维持 …)."""
    out: dict[int, list[int]] = {2: [], 3: [], 4: []}
    keys = {first[2:4] for first in vocab.first_rows}
    done: dict[int, str] = {}

    def squashed(i: int) -> str:  # each line's text squashed once
        found = done.get(i)
        if found is None:
            found = done[i] = squash(lines[i].text)
        return found

    for i in text.holding(vocab.content):  # (most lines hold none of the words)
        line = lines[i]
        if "第二十条" in line.text and _band(line, squashed(i)):
            out[2].append(i)
        if _first_row(line, vocab, keys):
            out[3].append(i)
        if _table4_top(lines, i, vocab, squashed):
            out[4].append(i)
    return out


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
    text: _Text,
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
    tables = [s for key, (s, _) in out.items() if not _narrative(vocab, key)]
    above = min(tables, default=0)
    for i in text.holding(("附",)):  # an appendix's heading ends the text above it
        if i < above and _APPENDIX.match(lines[i].text.strip()):
            out["appendix"] = (i, i + 1)
            break
    return out, notes


def _narrative(vocab: Vocabulary, key: str) -> bool:
    return any(spec.key == key and spec.narrative for spec in vocab.sections)


def locate(lines: Sequence[Line]) -> Layout:
    """Where each section and table stands in ``lines``."""
    vocab = vocabulary(shapes())
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
    text = _Text.of(lines)
    starts, more = _starts(lines, text, vocab, found, _anchors(lines, text, vocab))
    ats = sorted(at for at, _ in starts.values())
    spans = {}
    for key, (at, first) in starts.items():
        end = next((s for s in ats if s > at), len(lines))
        spans[key] = (first, end)
    return Layout(tuple(lines), found, starts, second is not None, notes + more, spans)


def region(layout: Layout, key: str) -> list[Line]:
    """The lines of the part ``key`` (a section's, or a table's from its content)."""
    if key not in layout.spans:
        return []
    first, end = layout.spans[key]
    return list(layout.lines[first:end])


# --- narrative -------------------------------------------------------------------------------

_HEADING_PATTERNS = (
    (1, re.compile(r"^[(（][一二三四五六七八九十]+[)）]")),
    (2, re.compile(r"^\d{1,2}[.．、](?!\d)")),
    (3, re.compile(r"^[(（]\d{1,2}[)）]")),
)


def _heading_level(text: str) -> int | None:
    if len(text) > 40 or "。" in text or text.endswith(("，", "；", "：", ":", ",")):
        return None
    for level, pattern in _HEADING_PATTERNS:
        if pattern.match(text):
            return level
    return None


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
    """A narrative section: its heading as printed, its paragraphs and sub-headings."""
    blocks: list[Heading | Paragraph] = []
    for _line, text, level in paragraphs(doc, lines):
        blocks.append(Heading(text, level) if level is not None else Paragraph(text))
    return Section(heading, tuple(blocks))
