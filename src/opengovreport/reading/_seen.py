"""A printed row of a table (its label, its values, its line), and what stands around the
rows: a sentence among them, the header above them."""

from collections.abc import Sequence
from typing import NamedTuple

from ._front import ends_sentence
from ._lines import Line
from ._norm import squash

__all__ = ["Seen", "header_text", "sentence"]


class Seen(NamedTuple):
    """A printed row: its label, its values (a grid's cells, or a run's tokens), its first
    line, and (in a run of numbers) the words after its values, where a label displaced after
    its numbers stands."""

    label: str
    values: list[str]
    line: Line
    after: str = ""

    @property
    def soft(self) -> bool:
        """Whether its values come from flattened text (spaces evidence, not boundaries)."""
        return self.line.flat


def sentence(line: Line) -> bool:
    """Whether a line of a table's part is a sentence of text, not a row of the table."""
    return not line.row and "。" in line.text and len(line.text) > 12


def header_text(lines: Sequence[Line], rows: Sequence[Seen]) -> str:
    """The words of a table's lines above its first printed row (its header), squashed; where
    none stand apart, the first row's label (a header run on into it)."""
    if not rows:
        return squash(" ".join(ln.text for ln in lines if not ends_sentence(ln.text)))
    out = []
    for line in lines:
        if line is rows[0].line:
            break
        out.append(line.text)
    return squash(" ".join(out)) or squash(rows[0].label)
