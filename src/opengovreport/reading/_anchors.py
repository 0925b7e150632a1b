"""Each table found by its content wherever it stands: table 2 at its first band
(第二十条第（一）项), table 3 at its first row (一、本年新收…), table 4 at its header (行政复议
over 结果维持 …); the lines' texts as one, to find words in all of them at once."""

import bisect
import itertools
import operator
import re
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from ._front import ends_sentence
from ._lines import Line
from ._norm import core, first_folded, squash
from ._vocabulary import Vocabulary

__all__ = ["LinesText", "anchors"]

#: a table 2 block's band (第二十条第（一）项), as matched
_BAND = re.compile(r"第二十条第[(（]?[一二三四五六七八九十]+[)）]?项")


#: a line's text
_TEXT = operator.attrgetter("text")


class LinesText(NamedTuple):
    """The lines' texts as one, to find words in all of them at once: the text, and where each
    line's starts in it."""

    text: str
    starts: list[int]

    @classmethod
    def of(cls, lines: Sequence[Line]) -> "LinesText":
        texts = list(map(_TEXT, lines))
        ends = map(operator.add, map(len, texts), itertools.repeat(1))  # (each line and its end)
        return cls("\n".join(texts), [0, *itertools.accumulate(ends)])

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
    for k in keys:  # (a loop, not a generator: most lines looked at hold none of them)
        if k in text:
            break
    else:
        return False
    return any(first in core(text) for first in vocab.first_rows) and not ends_sentence(text)


def _table4_top(
    lines: Sequence[Line], i: int, vocab: Vocabulary, squashed: Callable[[int], str]
) -> bool:
    """Whether table 4's header starts at line ``i``: its first group, and its columns' words
    in the lines below (``squashed``: a line's text squashed, by its index)."""
    groups = vocab.table4_groups
    line = lines[i]
    text = line.text
    for g in groups:  # (cheap: most lines are not; a loop, not a generator)
        if g[-2:] in text:
            break
    else:
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


def anchors(lines: Sequence[Line], text: LinesText, vocab: Vocabulary) -> dict[int, list[int]]:
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
