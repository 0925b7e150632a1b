"""Columns by their headers: the order a table's header prints its columns in, matched to the
shape's columns by label (as rows are), and the unit a header states (``单位：元``)."""

import re
from collections.abc import Sequence

from ..schema import Column
from ._norm import core, squash

__all__ = [
    "column_order",
    "group_masks",
    "positions",
    "printed_order",
    "repeated_order",
    "stated_unit",
]

_UNIT = re.compile(r"单位[:：]?(万元|元)")


def positions(text: str, labels: Sequence[str], masks: Sequence[str] = ()) -> list[int] | None:
    """Where each of ``labels`` first stands in ``text`` (the ``masks`` — group labels that
    hold a column's words, 法人或其他组织 — blotted out first), or ``None`` where one is not
    there. Longer labels are found first, and each blotted out where found: 其他结果 before the
    其他 that is part of it, 复议后起诉 before the 行政复议 that is not."""
    for mask in sorted(masks, key=len, reverse=True):
        text = text.replace(mask, "\0" * len(mask))
    found: dict[int, int] = {}
    # longest first, equal lengths in their order (a sort with ``reverse`` keeps it: stable)
    for k in sorted(range(len(labels)), key=list(map(len, labels)).__getitem__, reverse=True):
        at = text.find(labels[k])
        if at < 0:
            return None
        found[k] = at
        text = text[:at] + "\0" * len(labels[k]) + text[at + len(labels[k]) :]
    return [found[k] for k in range(len(labels))]


def column_order(header: str, columns: Sequence[Column]) -> tuple[int, ...] | None:
    """The shape's column under each printed position, as the header names them: only the
    columns under one group label are read from the header (a group's columns print in one
    header row, in order; 自然人 and 总计 span the header rows and stand where the format puts
    them); ``None`` where the header does not name them all (the format's order stands)."""
    depth = max((len(c.groups) for c in columns), default=0)
    grouped = [k for k, c in enumerate(columns) if depth and len(c.groups) == depth]
    if len(grouped) < 2:
        return None
    labels = [core(columns[k].label.zh) for k in grouped]
    at = positions(core(header), labels, group_masks(columns))
    if at is None:
        return None
    by_place = [grouped[i] for i in sorted(range(len(grouped)), key=lambda i: at[i])]
    order = list(range(len(columns)))
    for slot, k in zip(grouped, by_place, strict=True):
        order[slot] = k
    return tuple(order)


def group_masks(columns: Sequence[Column]) -> list[str]:
    """The group labels that hold a column's words (法人或其他组织), blotted out of a header
    before its columns are found (:func:`positions`)."""
    return sorted({core(g.zh) for c in columns for g in c.groups})


def printed_order(header: str, columns: Sequence[Column]) -> tuple[int, ...] | None:
    """The shape's column under each printed position where the header names every column
    in one row, 自然人 and 总计 too, in the order they stand; ``None`` where it does not name
    them all. (In a header of several rows flattened, 自然人 and 总计 stand before the group's
    columns whatever their place: only the identities can tell this order from
    :func:`column_order`'s.)"""
    at = positions(core(header), [core(c.label.zh) for c in columns], group_masks(columns))
    if at is None:
        return None
    return tuple(sorted(range(len(columns)), key=lambda k: at[k]))


def repeated_order(header: str, columns: Sequence[Column]) -> tuple[int, ...] | None:
    """The order of a group's columns where the header prints them again for each group
    (table 4: 结果维持 … 总计 under 行政复议, again under each 行政诉讼): from their first
    printing; ``None`` where it does not name them all."""
    labels = [core(c.label.zh) for c in columns]
    at = positions(core(header), labels)
    if at is None:
        return None
    return tuple(sorted(range(len(columns)), key=lambda k: at[k]))


def stated_unit(header: str) -> str | None:
    """The unit a header states for an amount (``（单位：元）``), or ``None``."""
    match = _UNIT.search(squash(header))
    return match.group(1) if match else None
