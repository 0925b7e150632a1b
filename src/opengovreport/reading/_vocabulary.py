"""The words that find a report's parts, from the registered shapes: each section's heading
pattern (and the same with any numeral), each table's first row, table 4's groups and column
words, and the words a line must hold to be looked at closer for a table's content."""

import functools
import re
from typing import NamedTuple

from ..schema import SectionSpec, Shape
from ._norm import core, squash

__all__ = ["NUMERALS", "Vocabulary", "vocabulary"]

NUMERALS = "一二三四五六七八九十"


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
    assert pattern[1] in NUMERALS, pattern
    return re.compile(f"^[{NUMERALS}]{{1,2}}" + pattern[2:])


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
