"""A printed row's values read into its cells: the usual row of plain counts as printed, and
where the text leaves a choice — digits run together (``713000074``), more values than cells,
fewer — the reading its own identities allow (:mod:`._runs`), or the candidates for the table's
identities to settle (:func:`._reconcile.settle`)."""

from collections.abc import Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from ..model import CellValue
from ..values import Bounds, CellKind
from ._reconcile import GUESSED, MISSING, READ, REBUILT, Cells, Judge, ambiguous
from ._runs import BudgetError, groupings, readings
from ._values import PLACED_BLANK, read_value

__all__ = [
    "COUNT_TEXTS",
    "RowRead",
    "cell_value",
    "counts",
    "fit",
    "read_row",
    "typed",
    "usual_row",
    "window",
]

#: the most digits of a count read without a closer look (the largest count, 10¹², has 13)
_DIGITS = 12


def typed(value: CellValue, bounds: Bounds) -> CellValue:
    """``value`` as its column holds it (a count read from a run of digits into an amount's
    column is a decimal)."""
    if bounds.kind is CellKind.AMOUNT and isinstance(value, int):
        return Decimal(value)
    return value


class RowRead(NamedTuple):
    """A row's reading: fixed values with their states, or several candidate readings for the
    table's identities to settle (``candidates``)."""

    values: list[CellValue]
    states: list[str]
    candidates: list[tuple[int, ...]]


def _no_amounts(bounds: Sequence[Bounds]) -> bool:
    return all(b.kind is not CellKind.AMOUNT for b in bounds)


def _counts(values: Sequence[str]) -> bool:
    """Whether every cell of a row is a plain count (the usual row, read without a closer
    look)."""
    digits = "".join(values)
    return (
        digits.isdigit() and digits.isascii() and all(values) and max(map(len, values)) <= _DIGITS
    )


_FULL_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")

#: the counts 0–999 by their printed digits (a table of numbers, made once): ``int()`` of a
#: text first makes an ASCII copy of it; most cells of a report are such counts
COUNT_TEXTS = {str(n): n for n in range(1000)}


def counts(texts: Sequence[str]) -> list[CellValue]:
    """``int()`` of each of ``texts``, runs of ASCII digits."""
    found: list[CellValue] = list(map(COUNT_TEXTS.get, texts))
    if None in found:
        found = list(map(int, texts))
    return found


def usual_row(texts: Sequence[str], width: int, soft: bool) -> bool:
    """Whether a printed row of counts is the usual row, read as printed: as many plain counts
    as cells, apart by real boundaries (not flattened text's spaces)."""
    return not soft and len(texts) == width and _counts(texts)


def cell_value(
    cells: Cells, text: str, bounds: Bounds, path: str, line: Any, stated: str | None = None
) -> tuple[CellValue, str]:
    """The value of a printed cell and its state; blank, with an error quoting it, where it is
    not what the cell can hold; blank, with a warning quoting it, where it cannot be read.
    ``stated``: the unit the header states for its column."""
    plain = text.isdigit() and text.isascii() and len(text) <= _DIGITS
    if plain and bounds.kind is not CellKind.AMOUNT:
        return int(text), READ
    reading = read_value(text, bounds, stated)
    value = reading.value
    if value is not None and not bounds.accepts(value):
        cells.note("impossible-value", line, text=text, cells=(path,), what=bounds.what)
        return None, MISSING
    if reading.code is not None:
        cells.note(reading.code, line, text=text, cells=(path,), **reading.fields)
        if value is None and reading.code not in ("blank-mark", "blank-cell"):
            return None, MISSING
    return value, READ


def _fixed(
    cells: Cells,
    texts: Sequence[str],
    paths: Sequence[str],
    bounds: Sequence[Bounds],
    line: Any,
    stated: str | None = None,
    amounts: bool | None = None,
) -> RowRead:
    """A row of as many values as cells read into them (``amounts``: whether any of ``bounds``
    is an amount's, found when not given)."""
    if _counts(texts) and (_no_amounts(bounds) if amounts is None else not amounts):
        return RowRead(counts(texts), [READ] * len(texts), [])
    read = [
        cell_value(cells, t, b, p, line, stated)
        for t, b, p in zip(texts, bounds, paths, strict=True)
    ]
    return RowRead([v for v, _ in read], [s for _, s in read], [])


def fit(cells: Cells, texts: list[str], paths: Sequence[str], line: Any, start: int) -> list[str]:
    """``texts`` as cells from ``start`` (:func:`window`), the others dropped with a warning
    that quotes them."""
    width = len(paths)
    dropped = [t for t in texts[:start] + texts[start + width :] if t.strip()]
    if dropped:
        cells.note(
            "spurious-cell", line, text=" ".join(dropped), cells=tuple(paths), count=len(dropped)
        )
    return texts[start : start + width]


def window(judge: Judge | None, texts: Sequence[str], paths: Sequence[str]) -> tuple[int, bool]:
    """Where the cells of a row of more values than cells start, and whether the row's own
    identities confirm the values kept. FORMAT.md §7 takes a row's last values (a spurious
    cell comes first); a page number or a mark printed after the row is the other way round,
    so the identities decide: the last values where they hold over them and give the only
    reading they hold over; else the one other run of plain counts they hold over; else the
    last values, unconfirmed. A row no identity judges keeps its last values, unconfirmed
    (guessed: nothing says the value dropped was not one of its cells)."""
    width = len(paths)
    last = len(texts) - width
    if len(set(texts)) == 1 or not any(map(str.strip, texts[:last])):
        return last, True  # (every reading the same, or nothing printed before the last values)
    if judge is None:
        return last, False
    held: dict[tuple[CellValue, ...], int] = {}
    judged_any = False
    own = tuple(paths)
    for start in range(last, -1, -1):  # the last values first: theirs where readings agree
        # (full-width digits are counts the identities judge as any: not judged, the row
        # would keep its last values as sure)
        window = [text.translate(_FULL_WIDTH) for text in texts[start : start + width]]
        if not _counts(window):
            continue
        values = counts(window)
        holds = judge.holds(own, values)  # type: ignore[arg-type]
        judged_any = judged_any or holds is not None
        if holds:
            held.setdefault(tuple(values), start)
    if not judged_any:
        return last, False
    if len(held) == 1:
        return next(iter(held.values())), True
    return last, False


def _unplaced(found: RowRead, unplaced: Sequence[bool], sure: bool) -> RowRead:
    """A row read after values were dropped (:func:`fit`), its cells a reader placed a blank
    in (:data:`PLACED_BLANK`, nothing printed under the column; ``unplaced``, read as empty)
    missing: the value dropped may be one of theirs, moved out of place. Unless its identities
    confirmed which values to keep (``sure``), the cells read are guessed. The warning about
    the values dropped names them."""
    unsure = READ if sure else GUESSED
    states = [
        MISSING if u else unsure if s == READ else s
        for s, u in zip(found.states, unplaced, strict=True)
    ]
    return RowRead(found.values, states, found.candidates)


def _run(texts: Sequence[str]) -> list[str] | None:
    """The runs of digits of a row printed with its digits together, or ``None``."""
    tokens = list(map(str.strip, texts))
    # every token ASCII digits: none empty, and their join ASCII digits (one test in C)
    digits = "".join(tokens)
    if not (tokens and all(tokens) and digits.isdigit() and digits.isascii()):
        return None
    return tokens


def read_row(
    cells: Cells,
    judge: Judge | None,
    budget: list[int],
    texts: list[str],
    paths: Sequence[str],
    bounds: Sequence[Bounds],
    line: Any,
    soft: bool = False,
    stated: str | None = None,
    amounts: bool | None = None,
) -> RowRead:
    """A printed row's values read into its cells. Where it holds fewer values than cells and
    they are runs of digits, every reading is enumerated and those the row's own identities
    allow are the candidates; fewer values of another kind go in order, with an error saying
    so; more values lose the leading ones, with a warning. In flattened text (``soft``) a space
    is evidence, not a boundary: where the values as spaced break the row's own total, the
    digits are read again as one run. ``stated``: the unit the header states for an amount's
    column; ``amounts``: whether any of ``bounds`` is an amount's (found when not given)."""
    width = len(paths)
    if amounts is None:
        amounts = not _no_amounts(bounds)
    if not amounts and usual_row(texts, width, soft):
        return RowRead(counts(texts), [READ] * width, [])  # the usual row
    tokens = _run(texts)
    if soft and tokens is not None and judge is not None:
        found = _respaced(cells, judge, budget, tokens, paths, line)
        if found is not None:
            return found
    if len(texts) > width and tokens is not None and not line.grid:
        # (a table's cells as its source marks them are cells: never a number's groups)
        grouped = _thousands(cells, judge, tokens, paths, line)
        if grouped is not None:
            return grouped
    if len(texts) > width:
        start, sure = window(judge, texts, paths)
        kept = fit(cells, texts, paths, line, start)
        unplaced = [text.strip() == PLACED_BLANK for text in kept]
        found = _fixed(
            cells,
            ["" if u else t for t, u in zip(kept, unplaced, strict=True)],
            paths,
            bounds,
            line,
            stated,
            amounts,
        )
        return _unplaced(found, unplaced, sure)
    if len(texts) == width:
        return _fixed(cells, texts, paths, bounds, line, stated, amounts)
    if tokens is None or sum(map(len, tokens)) < width:
        return _in_order(cells, texts, paths, bounds, line)
    found = _split(cells, judge, budget, tokens, paths, line, soft)
    assert found is not None  # fewer runs than cells: a reading, or blank cells
    return found


def _respaced(
    cells: Cells,
    judge: Judge,
    budget: list[int],
    tokens: list[str],
    paths: Sequence[str],
    line: Any,
) -> RowRead | None:
    """A row of flattened text whose runs, as spaced, are as many as its cells or more and break
    its own total (or are too many): its digits read again as one run, the one reading (or the
    candidates) the identities allow; where there is none and the runs are as many as the
    cells, the runs as spaced, guessed (a space in flattened text is evidence, not a boundary,
    and nothing confirms them: a report's own break, or a page's number among them), with a
    warning; else ``None``."""
    width = len(paths)
    if len(tokens) < width or (len(tokens) == width and _balanced(judge, paths, tokens)):
        return None
    found = _split(cells, judge, budget, tokens, paths, line, soft=True)
    if found is None and len(tokens) == width:  # the break is the report's, or a misprint
        cells.note(
            "rebuilt-unbalanced",
            line,
            text=" ".join(tokens),
            cells=tuple(paths),
            read=" ".join(str(int(t)) for t in tokens),
            variant="spaced",
        )
        return RowRead(counts(tokens), [GUESSED] * width, [])
    return found


def _thousands(
    cells: Cells,
    judge: Judge | None,
    tokens: list[str],
    paths: Sequence[str],
    line: Any,
) -> RowRead | None:
    """A row of more runs of digits than cells, read the one way that joins groups of thousands
    parted by a space (``52 316`` in a row of one value) and keeps the row's identities;
    ``None`` where there is no such reading, or several."""
    width = len(paths)
    if len(set(tokens)) == 1:
        # one run printed again and again (``289 289 289``): a cell's value repeated in each
        # column it spanned reads so as well as a number's groups; nothing tells which
        return None
    found = groupings(tokens, width)
    if judge is not None:
        found = [f for f in found if judge.verdict(dict(zip(paths, f, strict=True)), paths)[0] == 0]
    if len(found) != 1:
        return None
    read = found[0]
    printed = " ".join(tokens)
    cells.note(
        "number-format", line, text=printed, cells=tuple(paths), read=" ".join(map(str, read))
    )
    return RowRead(list(read), [READ] * width, [])


def _balanced(judge: Judge, paths: Sequence[str], tokens: Sequence[str]) -> bool:
    """Whether a row's identities hold with each run a cell (or cannot be judged)."""
    values: dict[str, CellValue] = {p: int(t) for p, t in zip(paths, tokens, strict=True)}
    return judge.verdict(values, paths)[0] == 0


def _split(
    cells: Cells,
    judge: Judge | None,
    budget: list[int],
    tokens: list[str],
    paths: Sequence[str],
    line: Any,
    soft: bool,
) -> RowRead | None:
    """Runs of digits read into a row's cells: the one reading there is or the row's identities
    allow, several candidates for the table's identities, or blank cells with the readings
    listed; ``None`` where a row of as many runs as cells or more has no reading that keeps its
    total (its runs are then its cells, as printed)."""
    width = len(paths)
    printed = " ".join(tokens)
    constraints = judge.within(paths) if judge is not None else []
    blank = RowRead([None] * width, [MISSING] * width, [])
    spaces = False
    try:
        found = readings(tokens, width, constraints, budget) if len(tokens) <= width else []
        if not found and soft and constraints:  # the spaces may not be cell boundaries
            found = readings(["".join(tokens)], width, constraints, budget)
            spaces = bool(found)
    except BudgetError:
        cells.note("rebuild-ambiguous", line, text=printed, cells=tuple(paths), variant="budget")
        return blank
    if len(found) == 1:
        variant = "spaces" if spaces else "" if constraints else "only"
        read = " ".join(map(str, found[0]))
        cells.note("rebuilt", line, text=printed, cells=tuple(paths), read=read, variant=variant)
        if not spaces and _only_reading(tokens, width, bool(constraints), budget):
            cells.forced.update(paths)
        return RowRead(list(found[0]), [REBUILT] * width, [])
    if found:
        if judge is None:  # no totals: the readings stay open (the narrative may settle them)
            ambiguous(cells, found, printed, paths, line)
        return RowRead([None] * width, [MISSING] * width, found)
    if len(tokens) >= width:
        return None
    return _unbalanced(cells, budget, tokens, paths, line, bool(constraints))


def _only_reading(tokens: Sequence[str], width: int, constrained: bool, budget: list[int]) -> bool:
    """Whether the runs allow one reading as ``width`` counts without any identity (when the
    one found was ``constrained``, it may have been chosen among several)."""
    if not constrained:
        return True
    try:
        return len(readings(tokens, width, [], budget, limit=2)) == 1
    except BudgetError:
        return False


def _unbalanced(
    cells: Cells,
    budget: list[int],
    tokens: list[str],
    paths: Sequence[str],
    line: Any,
    totalled: bool,
) -> RowRead:
    """A run of digits no reading of which keeps the row's printed total: the one reading there
    is, guessed (the break may be the report's, which check() names, or the reading's: a
    space the page lost, a cell that only looked blank), else blank cells."""
    width = len(paths)
    printed = " ".join(tokens)
    structural: list[tuple[int, ...]] = []
    if totalled:
        try:
            structural = readings(tokens, width, [], budget, limit=2)
        except BudgetError:
            structural = []
    if len(structural) == 1:
        cells.note(
            "rebuilt-unbalanced",
            line,
            text=printed,
            cells=tuple(paths),
            read=" ".join(map(str, structural[0])),
        )
        return RowRead(list(structural[0]), [GUESSED] * width, [])
    ambiguous(cells, [], printed, paths, line)
    return RowRead([None] * width, [MISSING] * width, [])


def _in_order(
    cells: Cells, texts: Sequence[str], paths: Sequence[str], bounds: Sequence[Bounds], line: Any
) -> RowRead:
    """A row of fewer values than cells, nothing showing which are blank: the values go in
    their order, an error says so, and the cells after them are blank."""
    count = len(texts)
    cells.note("cell-missing", line, cells=tuple(paths), count=count, width=len(paths))
    read = [cell_value(cells, t, b, p, line) for t, b, p in zip(texts, bounds, paths, strict=False)]
    values = [v for v, _ in read] + [None] * (len(paths) - count)
    states = [GUESSED if s == READ else s for _, s in read] + [MISSING] * (len(paths) - count)
    return RowRead(values, states, [])
