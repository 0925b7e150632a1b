"""The printed rows of a document's tables, found once whatever shapes are weighed: grid rows
where the source has cells, else runs of words and numbers, a row starting at words that name a
row of any registered shape; table 3 printed column by column; a line of column headers."""

import functools
from collections.abc import Sequence

from ..schema import Shape, shapes
from ._grid_rows import grid_rows
from ._lines import Line
from ._match import leaf_names, names_any
from ._norm import core, declared
from ._seen import Seen
from ._stream_rows import column_rows, stream_rows
from ._tokens import LineTokens

__all__ = ["Printed", "every_row", "is_header"]


@functools.cache
def every_row(registered: tuple[Shape, ...], number: int, band: str) -> tuple[tuple[str, ...], ...]:
    """The names of every row of table ``number`` (of its block under ``band``) in every
    registered shape: words that hold one start a printed row."""
    out: dict[tuple[str, ...], None] = {}
    for shape in registered:
        for part in shape.numbered(number).parts:
            if band and (part.band is None or declared(part.band.zh) != band):
                continue
            for each in leaf_names(part):
                out[each] = None
    return tuple(out)


class Printed:
    """The printed rows of a document's tables, made once whatever shapes are weighed (by
    table, block and width)."""

    def __init__(self, stream: bool, tokens: LineTokens | None = None):
        self.stream = stream
        #: each line's tokens, made once for the document (shared with table 4's reading)
        self.tokens = tokens if tokens is not None else LineTokens()
        self._rows: dict[tuple[int, str, int, tuple[int, int]], list[Seen]] = {}

    def rows(
        self,
        lines: Sequence[Line],
        width: int,
        number: int,
        band: str = "",
        span: tuple[int, int] = (0, 0),
    ) -> list[Seen]:
        """The rows printed in ``lines`` — table ``number``'s part, or the lines ``span`` of it
        under a block's ``band`` — (grid rows where the source has cells; else runs of words
        and numbers, a row starting at words that name a row of any registered shape)."""
        key = (number, band, width, span)
        found = self._rows.get(key)
        if found is None:
            found = grid_rows(lines, width) if not self.stream else []
            if not found:
                every = every_row(shapes(), number, band)
                found = stream_rows(
                    lines,
                    width,
                    lambda words: names_any(words, every),
                    self.tokens,
                    lambda words: is_header(words, number),
                )
            self._rows[key] = found
        return found

    def columns(self, lines: Sequence[Line], width: int, number: int) -> list[Seen] | None:
        """The rows of table ``number`` where it is printed column by column (labels first,
        then each column's values), or ``None``."""
        key = (number, "columns", width, (0, 0))
        if key not in self._rows:
            every = every_row(shapes(), number, "")
            found = column_rows(
                lines,
                width,
                lambda words: names_any(words, every),
                lambda words: is_header(words, number),
                self.tokens,
            )
            self._rows[key] = found or []
        return self._rows[key] or None


@functools.cache
def _header_cores(registered: tuple[Shape, ...], number: int) -> tuple[str, ...]:
    """The cores of every column label and column group of table ``number``, longest first."""
    out = {
        core(label.zh)
        for shape in registered
        for part in shape.numbered(number).parts
        for column in part.columns
        for label in (column.label, *column.groups)
    }
    return tuple(sorted(filter(None, out), key=len, reverse=True))


def is_header(words: str, number: int) -> bool:
    """Whether ``words`` are only column headers of table ``number`` (自然人, 法人或其他组织 /
    商业企业, 其他, 总计)."""
    rest = core(words)
    for name in _header_cores(shapes(), number):
        rest = rest.replace(name, "")
    return not rest
