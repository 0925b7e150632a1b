"""Repair by the identities: the cells of a scan the OCR was unsure of (a box read with low
confidence, or ink in a cell where no box was found) filled where the identities of their row
and column allow exactly one value — never where they allow several, or none.

A cell read with low confidence reaches this step blank, its OCR reading quoted in a
``not-a-number`` note (:data:`~._scan.UNSURE` after it). Each such cell becomes ``repaired``
with an ``ocr-repaired`` note naming the cell, the OCR's reading and the value the identities
force; or stays blank with an ``ocr-unsure`` note. The identities are those the reader weighs
its readings by (the check engine's compiled relations: ``=`` relations printed or implied),
over cells known (read, rebuilt) and unknown: an identity with exactly one unknown cell gives it
its value; one whose unknowns must sum to zero gives each of them 0 (no count is negative); the
values found are then put back into every identity, and where one fails, none of them is kept.
"""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from ..model import CellValue
from ..values import Bounds, CellKind
from ._reconcile import MISSING, Judge
from ._result import Diagnostic, Reason
from ._scan import unsure_reading

__all__ = ["REPAIRED", "scanned", "unbalanced"]

#: the state of a cell the identities repaired (or confirmed) where the OCR was unsure
REPAIRED = "repaired"


def _unsure(notes: list[Diagnostic]) -> dict[str, tuple[str, Diagnostic]]:
    """The cells the OCR was unsure of: each cell's OCR reading and its note."""
    out = {}
    for note in notes:
        if note.code == "not-a-number" and len(note.cells) == 1:
            reading = unsure_reading(note.text)
            if reading is not None:
                out[note.cells[0]] = (reading, note)
    return out


def _side(relation: Any, term: Any) -> Decimal:
    """A term's weight in ``sum(lhs) - sum(rhs) == 0``."""
    return Decimal(term.weight) * (1 if term in relation.lhs else -1)


def _solve(
    judge: Judge, values: Mapping[str, CellValue], unknown: set[str]
) -> tuple[dict[str, Decimal], set[str]]:
    """The values the identities force on ``unknown`` cells, and the cells where they
    conflict (an identity they break, or a value no cell can hold)."""
    relations = [judge.plan.relations[k] for k in sorted(judge.identities)]
    usable = [r for r in relations if _bears_on(r, values, unknown)]
    found: dict[str, Decimal] = {}
    changed = True
    while changed:
        changed = False
        for relation in usable:
            changed = _forced(relation, values, unknown, found) or changed
    return found, _conflicts(judge, usable, values, unknown, found)


def _bears_on(relation: Any, values: Mapping[str, CellValue], unknown: set[str]) -> bool:
    """Whether an identity holds an unknown cell, every other cell of it known."""
    paths = [t.path for t in relation.terms]
    return any(p in unknown for p in paths) and all(
        p in unknown or values.get(p) is not None for p in paths
    )


def _known(values: Mapping[str, CellValue], found: Mapping[str, Decimal], path: str) -> Decimal:
    value = found[path] if path in found else values[path]
    return Decimal(value)  # type: ignore[arg-type]


def _forced(
    relation: Any, values: Mapping[str, CellValue], unknown: set[str], found: dict[str, Decimal]
) -> bool:
    """The values one identity forces on its cells still unknown, put in ``found``: its one
    open cell's value, or 0 for each of its open cells where they must sum to nothing (no count
    is negative); whether it forced any."""
    open_ = [t for t in relation.terms if t.path in unknown and t.path not in found]
    if not open_:
        return False
    closed = [t for t in relation.terms if t not in open_]
    rest = sum((_side(relation, t) * _known(values, found, t.path) for t in closed), Decimal(0))
    if len(open_) == 1:
        found[open_[0].path] = -rest / _side(relation, open_[0])
        return True
    if rest == 0 and len({_side(relation, t) > 0 for t in open_}) == 1:
        for term in open_:
            found[term.path] = Decimal(0)
        return True
    return False


def _conflicts(
    judge: Judge,
    usable: list[Any],
    values: Mapping[str, CellValue],
    unknown: set[str],
    found: Mapping[str, Decimal],
) -> set[str]:
    """The unknown cells whose values found no cell can hold, or that break an identity once
    put back into it."""
    bounds = {c.path: c.bounds for c in judge.shape.cells}
    conflict = {p for p, v in found.items() if not bounds[p].accepts(_typed(v, bounds[p]))}
    for relation in usable:
        if all(t.path in found or t.path not in unknown for t in relation.terms):
            total = sum(
                (_side(relation, t) * _known(values, found, t.path) for t in relation.terms),
                Decimal(0),
            )
            if total != 0:
                conflict.update(t.path for t in relation.terms if t.path in unknown)
    return conflict


def _typed(value: Decimal, bounds: Bounds) -> CellValue:
    """``value`` as its column holds it: a count an ``int`` where it is whole."""
    if bounds.kind is not CellKind.AMOUNT and value == value.to_integral_value():
        return int(value)
    return value


def scanned(
    judge: Judge,
    cells: dict[str, CellValue],
    states: dict[str, str],
    notes: list[Diagnostic],
) -> tuple[list[Diagnostic], list[Reason]]:
    """A scan's tables after the OCR: its unsure cells repaired where the identities force one
    value (their values and states changed in place, each unsure cell's ``not-a-number`` note
    replaced by what became of it), the identities its cells break noted; the notes, and the
    gaps that keep its status from ``ok``."""
    unsure = _unsure(notes)
    unknown = {p for p in unsure if states.get(p) == MISSING and p in judge.index}
    found, conflict = _solve(judge, cells, unknown) if unknown else ({}, set())
    told: dict[int, Diagnostic] = {}
    for path, (reading, note) in unsure.items():
        value = found.get(path)
        if path in unknown and value is not None and path not in conflict:
            typed = _typed(value, judge.shape.cell(path).bounds)
            cells[path] = typed
            states[path] = REPAIRED
            variant = "missing" if not reading else "same" if reading == str(typed) else ""
            told[id(note)] = Diagnostic.of(
                "ocr-repaired",
                line=note.line,
                text=reading,
                cells=(path,),
                read=str(typed),
                variant=variant,
            )
        else:
            variant = "conflict" if path in conflict else ""
            told[id(note)] = Diagnostic.of(
                "ocr-unsure", line=note.line, text=reading, cells=(path,), variant=variant
            )
    broken = unbalanced(judge, cells)
    gaps: list[Reason] = []
    if broken:
        gaps.append(Reason.of("ocr-unbalanced", n=len(broken)))
    return [told.get(id(n), n) for n in notes] + broken, gaps


def unbalanced(judge: Judge, cells: Mapping[str, CellValue]) -> list[Diagnostic]:
    """A note for each identity the cells of a scan break (read with high confidence, one of
    them may yet be misread; or the report breaks it, as ``check()`` then says)."""
    vector: list[CellValue] = [None] * len(judge.shape.paths)
    for path, value in cells.items():
        at = judge.index.get(path)
        if at is not None:
            vector[at] = value
    failed, _blank = judge.plan.run(vector)
    out = []
    for k, _printed, _computed in failed:
        if k in judge.identities:
            relation = judge.plan.relations[k]
            paths = tuple(dict.fromkeys(t.path for t in relation.terms))
            out.append(Diagnostic.of("ocr-unbalanced", cells=paths, rule=relation.rule))
    return out
