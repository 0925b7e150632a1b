"""Matching: printed rows to the rows of a shape's table, by their labels.

A row is matched by its label (the format's label or a known variant, by containment or
likeness); rows whose labels cannot be read are paired in order only as candidates, which the
identities must confirm. Nothing here places a number.
"""

import difflib
import functools
import itertools
import math
import operator
from collections.abc import Sequence
from typing import NamedTuple

from ..schema import Part, Row
from ._norm import core
from ._seen import Seen

#: a printed row's label
_LABEL = operator.attrgetter("label")

__all__ = ["MATCH", "RowMatch", "affinity", "match_rows", "names", "names_any"]


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

_NAMES: dict[tuple[str, tuple[str, ...]], tuple[str, ...]] = {}


def names(spec: Row) -> tuple[str, ...]:
    """The cores of a row's label and its variants."""
    key = (spec.label.zh, spec.variants)
    found = _NAMES.get(key)
    if found is None:
        found = _NAMES[key] = tuple(core(n) for n in key[:1] + key[1])
    return found


@functools.lru_cache(maxsize=256)
def leaf_names(part: Part) -> tuple[tuple[str, ...], ...]:
    """The names of each row of ``part`` (:func:`names`), in order: computed once for a part
    (parts are values, their hash kept)."""
    return tuple(names(leaf.spec) for leaf in part.leaves)


def names_any(words: str, every: Sequence[Sequence[str]]) -> bool:
    """Whether ``words`` name one of the rows (by containment: cheap, and what a label line of
    a run of numbers holds)."""
    seen = core(words)
    return bool(seen) and any(n and n in seen for each in every for n in each)


class RowMatch(NamedTuple):
    """Which printed row each of the format's rows was matched to (``None``: not found), the
    rows paired in order (their labels unreadable: to be confirmed), the rows matched to none,
    whether the labels stood after their numbers, whether the rows were printed in another
    order, and how well each matched row's label names it."""

    rows: list[Seen | None]
    by_position: frozenset[int]
    unmatched: list[Seen]
    labels_after: bool
    reordered: bool
    #: every printed row in its place, its label holding its name (nothing to note)
    plain: bool = False


def _diagonal(labels: Sequence[str], every: Sequence[Sequence[str]]) -> float:
    """How well labels name the rows in order, by whole-string comparison (cheap)."""
    return sum(
        max((_cheap(core(label), name) for name in each), default=0.0)
        for label, each in zip(labels, every, strict=True)
    )


def _whole(seen: str, names: Sequence[str]) -> float:
    """:func:`_cheap` of a label's core against each of a row's names, the best (inline: it is
    the bulk of matching a shape that does not fit)."""
    best = 0.0
    for name in names:
        if not name:
            continue
        if name in seen:
            score = 1.0 if name == seen else 0.8 + 0.15 * len(name) / len(seen)
        elif len(seen) >= 2 and seen in name:
            score = 0.55 + 0.3 * len(seen) / len(name)
        else:
            continue
        best = max(best, score)
    return best


def _pairs(
    cores: list[str], every: Sequence[Sequence[str]], n: int, m: int
) -> list[tuple[float, float, int, int]]:
    """(−affinity, distance, printed row, format row) for each pair that may match."""
    # rows in their place, named plainly by their labels, are settled first; the others are
    # compared with every row left
    settled = {i for i in range(n if n == m else 0) if _whole(cores[i], every[i]) >= _PLAIN}
    rows_left = [i for i in range(n) if i not in settled and cores[i]]
    names_left = [j for j in range(m) if j not in settled]
    cheap = {(i, j): _whole(cores[i], every[j]) for i in rows_left for j in names_left}
    pairs = [(-1.0, 0.0, i, i) for i in settled]
    for (i, j), score in _scores(cheap, cores, every).items():
        if score >= MATCH:
            pairs.append((-score, abs(i / max(n, 1) - j / max(m, 1)), i, j))
    pairs.sort()
    return pairs


def _nearest(
    pairs: list[tuple[float, float, int, int]],
    cores: list[str],
    every: Sequence[Sequence[str]],
    others: Sequence[Sequence[str]],
) -> list[tuple[float, float, int, int]]:
    """``pairs`` without those of a row whose name a label holds only before another row's
    label (:func:`_named_before`)."""
    return [p for p in pairs if not _named_before(cores[p[2]], every, p[3], others)]


def _named_before(
    seen: str, every: Sequence[Sequence[str]], j: int, others: Sequence[Sequence[str]] = ()
) -> bool:
    """Whether the label ``seen`` holds row ``j``'s name whole only before another row's label
    (行政许可 其他对外管理服务事项, 上年结转… （一）予以公开, 补正后申请内容仍不明确 （五）不予处
    1.信访举报投诉类申: a row printed without values, its label joined to the next row's): the
    values stand with the label nearest them, and row ``j``'s line printed none. Another row's
    label is its name held whole, or words after row ``j``'s name that hold most of it; or the
    name, held whole, of a row of the table that another registered shape has (``others``:
    …已获取信息 （六）其他处理 1.申请人无正当理由逾期不补正…, weighed as the edition whose
    (六) is one row — the values are the row's printed nearest them, not row ``j``'s)."""
    own = [seen.rfind(name) + len(name) for name in every[j] if name and name in seen]
    if not own:
        return False
    end = max(own)
    rest = seen[end:]
    if not rest:
        return False
    held = len(rest) >= _REST
    return any(
        name and (name in rest or (held and _likeness(rest, name) >= MATCH))
        for k, names in enumerate(every)
        if k != j
        for name in names
    ) or any(name and name in rest and name not in every[j] for names in others for name in names)


#: the fewest characters after a row's name in its label that can hold another row's label
_REST = 3


def _scores(
    cheap: dict[tuple[int, int], float], cores: list[str], every: Sequence[Sequence[str]]
) -> dict[tuple[int, int], float]:
    """Each pair's affinity: its whole-string one, or its likeness where neither the row nor
    the label is named plainly by another (a row named plainly by a label is not compared letter
    by letter with the other labels, nor such a label with the other rows)."""
    plain_rows = {i for (i, _j), score in cheap.items() if score >= _PLAIN}
    plain_names = {j for (_i, j), score in cheap.items() if score >= _PLAIN}
    out = dict(cheap)
    for (i, j), score in cheap.items():
        if score < _PLAIN and i not in plain_rows and j not in plain_names:
            liked = (_likeness(cores[i], x) for x in every[j] if x)
            out[(i, j)] = max(score, max(liked, default=0.0))
    return out


def _labels_after(rows: Sequence[Seen], every: Sequence[Sequence[str]]) -> bool:
    """Whether the words after each row's values name the rows in order clearly better than
    the words before them (labels printed after their numbers)."""
    before = _diagonal([r.label for r in rows], every)
    return _diagonal([r.after for r in rows], every) > before + 1.0


def _usual(labels: Sequence[str], every: Sequence[Sequence[str]]) -> bool:
    """Every row where it belongs, its label holding its name: the usual table."""
    if len(labels) != len(every):
        return False
    for label, each in zip(labels, every, strict=True):  # (no generator, no frame a row)
        if not any(map(core(label).__contains__, each)):  # (a label's core made once)
            return False
    return True


def match_rows(
    rows: list[Seen],
    every: Sequence[Sequence[str]],
    stream: bool,
    others: Sequence[Sequence[str]] = (),
) -> RowMatch:
    """Match printed ``rows`` to the format's rows, whose names' cores are ``every`` (``others``:
    the names of the table's rows in every registered shape, labels too where printed).

    Each format row takes the printed row whose label names it best (greedily, best pairs first,
    nearer positions first among equals). In a run of numbers (``stream``) labels may stand
    after their numbers: those are used where they name the rows in order clearly better. Rows
    left over on both sides, as many on each, are paired in order (``by_position``): the caller
    confirms them by the identities.
    """
    n, m = len(rows), len(every)
    if _usual(list(map(_LABEL, rows)), every):
        return RowMatch(list(rows), frozenset(), [], False, False, True)
    after = stream and n == m and _labels_after(rows, every)
    if after:
        rows = [row._replace(label=row.after) for row in rows]
    cores = [core(row.label) for row in rows]
    pairs = _pairs(cores, every, n, m)
    nearest = _nearest(pairs, cores, every, others)
    found = _assigned(rows, nearest, m, after)
    at = {id(row): i for i, row in enumerate(rows)}
    unsure = {
        j
        for j, row in enumerate(found.rows)
        if row is not None
        and j not in found.by_position
        and _liked_before(cores[at[id(row)]], every, j, others)
    }
    if len(nearest) != len(pairs) and found.by_position:
        # a row printed without values, its label joined to the next row's: it takes none of
        # their values. Where rows are then paired by position (labels printed apart from the
        # values, a column drawn first: no label nearest its values), the rows whose labels
        # held another's name are as unsure, and are confirmed (or named) with them
        held = {p[2] for p in set(pairs) - set(nearest)}
        unsure |= {j for j, row in enumerate(found.rows) for i in held if row is rows[i]}
    return found._replace(by_position=found.by_position | unsure) if unsure else found


def _liked_before(
    seen: str, every: Sequence[Sequence[str]], j: int, others: Sequence[Sequence[str]]
) -> bool:
    """Whether the label ``seen``, matched to row ``j`` by likeness (it holds none of its names
    whole: a broken or wrapped label), holds whole after the part that is like it another row's
    name (of this shape or another registered one): rows printed without values joined into
    the label of the row whose values these are (``…3.要求提供公开出版 … 5.要求行政机关确认或
    重新出具已获取信息 （六）其他处理 1.申请人无正当理由逾期不补正…``, a row's last character
    alone on its line). Which row the values are is then unsure: paired as by position, the
    identities confirm it (and a warning names its cells) or its cells are left blank."""
    if any(name and name in seen for name in every[j]):
        return False  # held whole: a row printed without values is :func:`_named_before`'s
    ends = []
    for name in every[j]:
        if name and _likeness(seen, name) >= MATCH:
            matcher = difflib.SequenceMatcher(None, seen, name, autojunk=False)
            last = [b for b in matcher.get_matching_blocks() if b.size][-1]
            ends.append(last.a + last.size)
    if not ends:
        return False
    rest = seen[max(ends) :]
    return any(
        name and name in rest and name not in every[j]
        for names in (*every, *others)
        for name in names
    )


def _assigned(
    rows: list[Seen], pairs: list[tuple[float, float, int, int]], m: int, after: bool
) -> RowMatch:
    """The best pairs first, each printed row and format row taken once; the rows left over
    on both sides, as many on each, paired in order."""
    of_row: dict[int, int] = {}
    out: list[Seen | None] = [None] * m
    for _score, _distance, i, j in pairs:
        if i not in of_row and out[j] is None:
            of_row[i] = j
            out[j] = rows[i]
    order = [of_row[i] for i in sorted(of_row)]
    reordered = any(b < a for a, b in itertools.pairwise(order))
    left_rows = [i for i in range(len(rows)) if i not in of_row]
    left = [j for j in range(m) if out[j] is None]
    if not left_rows or len(left_rows) != len(left):
        unmatched = [rows[i] for i in left_rows]
        return RowMatch(out, frozenset(), unmatched, after, reordered)
    for i, j in zip(left_rows, left, strict=True):
        out[j] = rows[i]
    return RowMatch(out, frozenset(left) | _crossed(of_row, left_rows, left), [], after, reordered)


def _crossed(of_row: dict[int, int], left_rows: Sequence[int], left: Sequence[int]) -> set[int]:
    """The rows matched by their labels that a row paired by position crosses: printed after
    it though it is the format's later row, or before it though it is the earlier (a label
    holding another row's words, a row's name wrapped into the next row's label). One of the
    two stands in the other's place, and the identities may hold either way (``一`` and ``二``
    of table 3 sum together): both are as unsure, and confirmed or named together."""
    return {
        j
        for i, j in of_row.items()
        for pi, pj in zip(left_rows, left, strict=True)
        if (i < pi) != (j < pj)
    }


def label_matches(label: str, row_names: Sequence[str]) -> bool:
    """Whether ``label`` holds one of ``row_names`` (else it was matched as a variant)."""
    seen = core(label)
    return any(n in seen for n in row_names)
