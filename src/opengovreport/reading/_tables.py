"""Tables from lines: rows matched to the format's rows by their labels, cells read in their own
columns, and cells rebuilt from the printed totals where the printed text runs them together.

Nothing here places a number by position alone without saying so: a row is matched by its label
(the format's label or a known variant, by containment or likeness); rows whose labels cannot be
read are placed in order only where the identities then hold, with a warning; a value that
cannot be read is blank in its own column, quoted in a warning.
"""

import difflib
import itertools
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import NamedTuple

from ..model import CellValue
from ..schema import Relation, Shape, Table
from ._lines import Line
from ._values import MARK_CHARACTERS, NUMBER_TOKEN, is_blank_mark, is_garbled, is_value

__all__ = [
    "Identities",
    "RowMatch",
    "Seen",
    "affinity",
    "core",
    "match_rows",
    "readings",
]


class Seen(NamedTuple):
    """A data row as printed: its label, its value cells, its first line, and (in a run of
    numbers) the words after its values, where a label displaced after its numbers stands."""

    label: str
    values: list[str]
    line: Line
    after: str = ""


def _norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


_CORES: dict[str, str] = {}


def core(label: str) -> str:
    """A label for matching: full-width forms folded, numbering, brackets, spaces and
    punctuation removed."""
    found = _CORES.get(label)
    if found is None:
        found = _core_of(label)
        if len(_CORES) < 10_000:  # the format's labels and their variants; not every text seen
            _CORES[label] = found
    return found


_LEADING_NUMBER = re.compile(r"^[(（]?[一二三四五六七八九十\d]+[)）.．、]")
_INNER_NUMBER = re.compile(r"[(（][一二三四五六七八九十]+[)）]")
_NOISE = re.compile(r"[\s\d.．、,，()（）“”\"/]")


def _core_of(label: str) -> str:
    text = _norm(label)
    text = _LEADING_NUMBER.sub("", text)
    text = _INNER_NUMBER.sub("", text)
    return _NOISE.sub("", text)


def _cheap(seen: str, name: str) -> float:
    """The affinity found by comparing the strings whole: equal, or one holding the other."""
    if not seen or not name:
        return 0.0
    if seen == name:
        return 1.0
    if name in seen:
        return 0.8 + 0.15 * len(name) / len(seen)
    if len(seen) >= 2 and seen in name:
        return 0.55 + 0.3 * len(seen) / len(name)
    return 0.0


def _likeness(seen: str, name: str) -> float:
    """How much of the name the label holds, in order, and how closely packed in the label (a
    typo, a label broken by another column's words): at most 0.85."""
    if len(set(seen) & set(name)) < 0.6 * len(set(name)):
        return 0.0
    matcher = difflib.SequenceMatcher(None, seen, name, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return 0.0
    matched = sum(b.size for b in blocks)
    coverage = matched / len(name)
    if coverage < 0.6:
        return 0.0
    span = blocks[-1].a + blocks[-1].size - blocks[0].a
    return 0.85 * coverage * math.sqrt(matched / span)


def affinity(seen: str, name: str) -> float:
    """How well a printed label's core ``seen`` names a row whose name's core is ``name``:
    1.0 when equal; 0.8–0.95 when it holds the name (a longer label, a group label before it);
    0.55–0.85 when it is part of the name (a label cut by a line break); otherwise up to 0.85
    by how much of the name it holds in order (a typo, a broken label)."""
    return _cheap(seen, name) or (_likeness(seen, name) if seen and name else 0.0)


#: the least affinity of a label to be matched to a row by it
MATCH = 0.55
#: an affinity that names a row plainly (the label is the name, or holds it with little else)
_PLAIN = 0.9


def best_affinity(seen: str, names: Sequence[str]) -> float:
    return max((affinity(seen, n) for n in names), default=0.0)


class RowMatch(NamedTuple):
    """Which printed row each of the format's rows was matched to (``None``: not found), the
    rows placed by position (their labels unreadable), the rows matched to none, whether the
    labels stood after their numbers, and whether the rows were printed in another order."""

    rows: list[Seen | None]
    by_position: frozenset[int]
    unmatched: list[Seen]
    labels_after: bool
    reordered: bool


def _diagonal(labels: Sequence[str], names: Sequence[Sequence[str]]) -> float:
    """How well labels name the rows in order, by whole-string comparison (cheap)."""
    return sum(
        max((_cheap(core(label), name) for name in each), default=0.0)
        for label, each in zip(labels, names, strict=True)
    )


def match_rows(rows: list[Seen], names: Sequence[Sequence[str]], stream: bool) -> RowMatch:
    """Match printed ``rows`` to the format's rows, whose names' cores are ``names``.

    Each format row takes the printed row whose label names it best (greedily, best pairs first,
    nearer positions first among equals). In a run of numbers (``stream``) labels may stand
    after their numbers: those are used where they name the rows in order clearly better. Rows
    left over on both sides, as many on each, are placed in order (``by_position``): the caller
    confirms them by the identities.
    """
    n, m = len(rows), len(names)
    labels = [r.label for r in rows]
    if n == m and all(
        any(name in core(label) for name in each) for label, each in zip(labels, names, strict=True)
    ):  # the usual table: every row where it belongs, its label holding its name
        return RowMatch(list(rows), frozenset(), [], False, False)
    after = False
    if stream and n == m:
        afters = [r.after for r in rows]
        if _diagonal(afters, names) > _diagonal(labels, names) + 1.0:
            labels, after = afters, True
    cores = [core(label) for label in labels]
    # rows in their place, named plainly by their labels, are settled first; the others are
    # compared with every row left
    settled = {
        i
        for i in range(n if n == m else 0)
        if max((_cheap(cores[i], name) for name in names[i]), default=0.0) >= _PLAIN
    }
    rows_left = [i for i in range(n) if i not in settled]
    names_left = [j for j in range(m) if j not in settled]
    cheap = {
        (i, j): max((_cheap(cores[i], name) for name in names[j]), default=0.0)
        for i in rows_left
        for j in names_left
    }
    # a row named plainly by a label is not compared letter by letter with the other labels,
    # nor such a label with the other rows
    plain_rows = {i for (i, _j), score in cheap.items() if score >= _PLAIN}
    plain_names = {j for (_i, j), score in cheap.items() if score >= _PLAIN}
    pairs = [(-1.0, 0.0, i, i) for i in settled]
    for i in rows_left:
        seen = cores[i]
        if not seen:
            continue
        for j in names_left:
            score = cheap[(i, j)]
            if score < _PLAIN and i not in plain_rows and j not in plain_names:
                score = max(score, max((_likeness(seen, x) for x in names[j] if x), default=0.0))
            if score >= MATCH:
                distance = abs(i / max(n, 1) - j / max(m, 1))
                pairs.append((-score, distance, i, j))
    pairs.sort()
    of_row: dict[int, int] = {}
    out: list[Seen | None] = [None] * m
    for _score, _distance, i, j in pairs:
        if i in of_row or out[j] is not None:
            continue
        of_row[i] = j
        row = rows[i]
        out[j] = row if not after else row._replace(label=labels[i])
    order = [of_row[i] for i in sorted(of_row)]
    reordered = any(b < a for a, b in itertools.pairwise(order))
    left_rows = [i for i in range(n) if i not in of_row]
    left = [j for j in range(m) if out[j] is None]
    placed: set[int] = set()
    if left_rows and len(left_rows) == len(left):
        for i, j in zip(left_rows, left, strict=True):
            out[j] = rows[i] if not after else rows[i]._replace(label=labels[i])
            placed.add(j)
        left_rows = []
    return RowMatch(out, frozenset(placed), [rows[i] for i in left_rows], after, reordered)


# --- the identities, over cell paths -----------------------------------------------------------


class Identities:
    """The equalities among a table's cells (I1–I4): which fail, and which hold within one row
    (a row's candidates are filtered by those while they are enumerated)."""

    def __init__(self, relations: Iterable[Relation]):
        self.relations = tuple(
            r for r in relations if r.op == "=" and r.rule in ("I1", "I2", "I3", "I4")
        )

    def failing(self, cells: Mapping[str, CellValue], paths: Iterable[str] = ()) -> list[Relation]:
        """The relations that do not hold among ``cells`` (those with a blank or absent cell
        are not judged), or only those over any of ``paths`` where given."""
        wanted = set(paths)
        out = []
        for relation in self.relations:
            terms = relation.terms
            if wanted and not any(t.path in wanted for t in terms):
                continue
            if any(cells.get(t.path) is None for t in terms):
                continue
            lhs = sum(t.weight * cells[t.path] for t in relation.lhs)  # type: ignore[misc,operator]
            rhs = sum(t.weight * cells[t.path] for t in relation.rhs)  # type: ignore[misc,operator]
            if lhs != rhs:
                out.append(relation)
        return out

    def within(self, paths: Sequence[str]) -> list[tuple[int, tuple[int, ...], tuple[int, ...]]]:
        """The relations over ``paths`` only, as (last index, lhs indices, rhs indices)."""
        index = {p: i for i, p in enumerate(paths)}
        out = []
        for relation in self.relations:
            if all(t.path in index and t.weight == 1 for t in relation.terms):
                lhs = tuple(index[t.path] for t in relation.lhs)
                rhs = tuple(index[t.path] for t in relation.rhs)
                out.append((max(lhs + rhs), lhs, rhs))
        return out


_IDENTITIES: dict[tuple[Shape, str], Identities] = {}


def table_identities(shape: Shape, table: Table) -> Identities:
    """The identities among one table's cells (made once per shape and table)."""
    found = _IDENTITIES.get((shape, table.key))
    if found is None:
        prefix = f"{table.key}."
        found = _IDENTITIES[(shape, table.key)] = Identities(
            r for r in shape.relations if all(t.path.startswith(prefix) for t in r.terms)
        )
    return found


# --- readings of digits run together -----------------------------------------------------------


class BudgetError(Exception):
    """The enumeration of readings went over its budget."""


#: the most digits of one count (the largest, 10¹², has 13)
_PART = 13
#: the most digits a run is split at all (a hostile run of thousands of digits is not tried)
LONGEST_RUN = 60


def readings(
    tokens: Sequence[str],
    width: int,
    constraints: Sequence[tuple[int, tuple[int, ...], tuple[int, ...]]],
    budget: list[int],
    limit: int = 50,
) -> list[tuple[int, ...]]:
    """Every way of reading ``tokens`` (runs of digits) as ``width`` counts — each token split
    into one or more numbers, none with a leading zero — under which the ``constraints`` hold
    (``sum(lhs) == sum(rhs)``, checked as soon as their last index is read). At most ``limit``
    readings; ``budget[0]`` steps in all, shared by the caller's searches (:class:`BudgetError`
    when spent)."""
    if sum(map(len, tokens)) > LONGEST_RUN or not all(t.isdigit() and t.isascii() for t in tokens):
        return []
    by_end: dict[int, list[tuple[tuple[int, ...], tuple[int, ...]]]] = {}
    for last, lhs, rhs in constraints:
        by_end.setdefault(last, []).append((lhs, rhs))
    out: list[tuple[int, ...]] = []
    acc: list[int] = []
    rest = [sum(len(t) for t in tokens[i:]) for i in range(len(tokens) + 1)]

    def holds(at: int) -> bool:
        for lhs, rhs in by_end.get(at, ()):
            if sum(acc[i] for i in lhs) != sum(acc[i] for i in rhs):
                return False
        return True

    def walk(ti: int, pos: int) -> None:
        budget[0] -= 1
        if budget[0] < 0:
            raise BudgetError
        if len(out) >= limit:
            return
        if ti == len(tokens):
            if len(acc) == width:
                out.append(tuple(acc))
            return
        token = tokens[ti]
        if pos == len(token):
            walk(ti + 1, 0)
            return
        left_chars = len(token) - pos + rest[ti + 1]
        needed = width - len(acc)
        # every remaining token gives at least one number; no number is longer than _PART
        if needed < len(tokens) - ti or needed > left_chars or left_chars > needed * _PART:
            return
        ends = [pos + 1] if token[pos] == "0" else range(pos + 1, min(len(token), pos + _PART) + 1)
        for end in ends:
            acc.append(int(token[pos:end]))
            if holds(len(acc) - 1):
                walk(ti, end)
            acc.pop()

    walk(0, 0)
    return out


# --- cells of a line ---------------------------------------------------------------------------

_WORDS = re.compile(
    r"[\u3400-\u9fff][^\u3400-\u9fff]*[\u3400-\u9fff][^\u3400-\u9fff]*[\u3400-\u9fff]"
)
#: a character a blank mark may hold (—, -, /, 无 …, and the reader's own ∅)
_MARK_CHARACTER = re.compile("[" + re.escape("".join(sorted(MARK_CHARACTERS))) + "]")
#: a cell that is only a label's number (``1.``, ``(1)``), split from its words
_NUMBERING = re.compile(r"^[(（]?\d{1,2}[)）.．、]?$")


def value_like(cell: str) -> bool:
    """Whether a table cell holds a value, a blank mark or a number that cannot be read."""
    if cell.isdigit() and cell.isascii():
        return True
    if _WORDS.search(cell):  # three Chinese characters: a label (a value has at most two)
        return False
    return is_value(cell) or (is_garbled(cell) and not _NUMBERING.match(cell.strip()))


def row_cells(line: Line, width: int) -> tuple[str, list[str]]:
    """A table row's label (its label cells joined) and its value cells: the cells after the
    last that holds a label (blank cells and numbers that cannot be read are values), trailing
    blank cells beyond ``width`` dropped."""
    cells = line.cells
    after_first = "".join(cells[1:])
    if after_first.isdigit() and after_first.isascii() and not value_like(cells[0]):
        first = 1  # the usual row: a label, counts
    else:  # after the last label cell: blank cells are values too
        first = len(cells)
        while first > 0:
            cell = cells[first - 1]
            if cell and not (cell.isdigit() and cell.isascii()) and not value_like(cell):
                break
            first -= 1
    label = " ".join(filter(None, cells[:first]))
    values = list(cells[first:])
    while len(values) > width and not values[-1]:
        values.pop()
    if values and not any(values):
        values = []
    return label, values


def line_tokens(line: Line) -> tuple[list[str], str, bool]:
    """The values of a line of a run of numbers, its words, and whether its values are only
    numbers that cannot be read (``4l2`` alone on a line: a value where a row is being read,
    words elsewhere). Values are the words that are numbers, blank marks, or numbers that
    cannot be read (``4l2``, ``412*``, ``约400``)."""
    tokens: list[str] = []
    words: list[str] = []
    garbled = 0
    for cell in line.cells:
        if is_blank_mark(cell):  # a cell of its own that says "nothing entered"
            tokens.append(cell)
            continue
        split = cell.split()
        # where the cell's closing run of values starts (numbers and blank marks): a blank
        # mark in it is a cell of the row, elsewhere a word
        marks = _MARK_CHARACTER.search(cell) is not None
        run = len(split)
        while (
            marks
            and run > 0
            and (NUMBER_TOKEN.fullmatch(split[run - 1]) or is_blank_mark(split[run - 1]))
        ):
            run -= 1
        for at, word in enumerate(split):
            if NUMBER_TOKEN.fullmatch(word) or (
                marks and (tokens or at >= run) and is_blank_mark(word)
            ):
                # a blank mark among values: a cell of the row
                tokens.append(word)
            elif is_garbled(word) and not _NUMBERING.match(word):
                tokens.append(word)
                garbled += 1
            else:
                words.append(word)
    return tokens, " ".join(words), bool(tokens) and garbled == len(tokens)


def stream_rows(lines: list[Line], width: int, starts_row: Callable[[str], bool]) -> list[Seen]:
    """The data rows of a table printed as a run of numbers (pdftotext): ``width`` values a
    row, each row's label the words before its first value; a row ends early where a line
    whose words are a row's label (``starts_row``) follows a row with fewer values."""
    rows: list[Seen] = []
    pending: list[str] = []
    current: list[str] = []
    first: Line | None = None
    label = ""

    def close() -> None:
        nonlocal current
        if current and first is not None:
            rows.append(Seen(label, current, first))
        current = []

    for line in lines:
        tokens, words, unreadable = line_tokens(line)
        if unreadable and not current and not pending:  # no row being read: words
            words, tokens = " ".join([*tokens, words]).strip(), []
        if not tokens:
            if words and len(_norm(words)) > 1:
                if current and starts_row(words):
                    close()
                pending.append(words)
            continue
        if current and words and starts_row(words):
            close()
        for token in tokens:
            if not current:
                first = line
                label = " ".join([*pending, words]).strip()
                pending = []
                words = ""
            current.append(token)
            if len(current) == width:
                close()
    close()
    trailing = " ".join(pending)
    return [
        row._replace(after=rows[k + 1].label if k + 1 < len(rows) else trailing)
        for k, row in enumerate(rows)
    ]
