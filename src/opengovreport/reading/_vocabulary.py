"""The words that find a report's parts, from the registered shapes: each section's heading
pattern (and the same with any numeral), each table's first row, table 4's groups and column
words, and the words a line must hold to be looked at closer for a table's content."""

import functools
import operator
import re
from collections.abc import Callable
from typing import Any, NamedTuple, TypeVar

from ..schema import SectionSpec, Shape, shapes
from ._norm import core, squash

__all__ = ["NUMERALS", "Vocabulary", "of_registered", "vocabulary"]

T = TypeVar("T")


def of_registered(made: Callable[[tuple[Shape, ...]], T]) -> Callable[[], T]:
    """``made`` of the registered shapes, made again only when they are others: kept with the
    shapes it was made of, compared by identity (a shape's hash is a Python call; the three
    shapes' hashes cost more than what ``made`` caches)."""
    last: list[tuple[Any, Any]] = [((), None)]

    def current() -> T:
        registered = shapes()
        kept, value = last[0]
        same = len(kept) == len(registered) and all(map(operator.is_, kept, registered))
        if not same or value is None:
            value = made(registered)
            last[0] = (registered, value)
        return value  # type: ignore[no-any-return]

    return current


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
