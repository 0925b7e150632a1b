"""Reconcile: where a table's text leaves a choice — rows that read several ways, rows whose
label cannot be read, cells rebuilt from digits run together — the one reading the table's
identities allow, decided by the check engine's compiled relations (:class:`Judge`); a row's
own reading is :mod:`._rows`'s.

Each reading of a cell has a state: ``read`` (a value or a blank the source shows in its own
column), ``rebuilt`` (split from a run of digits the one way there is, or the one way the
printed totals allow), ``guessed`` (placed where nothing confirms it) or ``missing``.
"""

import itertools
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from ..checks._engine import plan
from ..model import CellValue
from ..schema import Shape, Status, rule
from ._result import Diagnostic

__all__ = [
    "GUESSED",
    "MISSING",
    "READ",
    "REBUILT",
    "Cells",
    "Judge",
    "Pending",
    "ambiguous",
    "confirm",
    "settle",
    "vouch",
]

READ, REBUILT, GUESSED, MISSING = "read", "rebuilt", "guessed", "missing"
#: the readings of a run of digits a warning lists
_SHOWN = 6
#: the most combinations of rows' readings tried against the table's identities
_COMBINATIONS = 20_000


class Cells:
    """What a table's reading holds so far: each cell's value and state, and the notes."""

    def __init__(self) -> None:
        self.values: dict[str, CellValue] = {}
        self.states: dict[str, str] = {}
        self.notes: list[Diagnostic] = []
        #: rows that read several ways where no identity can settle them (table 2)
        self.open: list[Pending] = []
        #: cells rebuilt from digits that allow no other reading (``0000000`` in a row of
        #: seven): no identity chose them, so an identity failing over them is the report's
        #: break, as over cells read (:func:`vouch`)
        self.forced: set[str] = set()

    def put(self, paths: Sequence[str], values: Sequence[CellValue], state: str) -> None:
        for path, value in zip(paths, values, strict=True):
            self.values[path] = value
            self.states[path] = state

    def blank(self, paths: Sequence[str], state: str = MISSING) -> None:
        for path in paths:
            self.values[path] = None
            self.states[path] = state

    def note(self, code: str, line: Any = None, **kw: Any) -> None:
        number = line.number if line is not None else None
        self.notes.append(Diagnostic.of(code, line=number, **kw))


class Judge:
    """The identities of a shape, as the check engine compiled them, over what a table's
    reading holds."""

    def __init__(self, shape: Shape):
        self.shape = shape
        self.plan = plan(shape)
        self.index = {p: i for i, p in enumerate(shape.paths)}
        self.identities = frozenset(
            k
            for k, r in enumerate(self.plan.relations)
            if r.op == "=" and rule(r.rule).status in (Status.PRINTED, Status.IMPLIED)
        )
        self._own: dict[tuple[str, ...], list[tuple[int, tuple[int, ...], tuple[int, ...]]]] = {}

    def _failed(
        self, values: Mapping[str, CellValue], among: Sequence[str]
    ) -> tuple[list[int], int]:
        """The identities over ``among`` that fail among ``values`` (the other cells blank),
        and how many could be judged."""
        vector: list[CellValue] = [None] * len(self.shape.paths)
        index = self.index
        for path, value in values.items():
            at = index.get(path)
            if at is not None:
                vector[at] = value
        return self.plan.verdict(vector, [index[p] for p in among if p in index], self.identities)

    def verdict(self, values: Mapping[str, CellValue], among: Sequence[str]) -> tuple[int, int]:
        """How many identities over ``among`` fail among ``values`` (the other cells blank),
        and how many could be judged."""
        failed, judged = self._failed(values, among)
        return len(failed), judged

    def failing(self, values: Mapping[str, CellValue], among: Sequence[str]) -> list[set[str]]:
        """The cells of each identity over ``among`` that fails among ``values`` (the other
        cells blank)."""
        failed, _judged = self._failed(values, among)
        return [{t.path for t in self.plan.relations[k].terms} for k in failed]

    def holds(self, paths: tuple[str, ...], values: Sequence[int]) -> bool | None:
        """Whether the identities among ``paths`` only (:meth:`within`) hold over ``values``
        (counts, in the order of ``paths``); ``None`` where there is none to judge. The
        identities of a row are found once a judge (a row's paths are the whole input)."""
        own = self._own.get(paths)
        if own is None:
            own = self._own[paths] = self.within(paths)
        if not own:
            return None
        return all(
            sum(values[i] for i in lhs) == sum(values[i] for i in rhs) for _l, lhs, rhs in own
        )

    def within(self, paths: Sequence[str]) -> list[tuple[int, tuple[int, ...], tuple[int, ...]]]:
        """The identities among ``paths`` only, as (last index, lhs, rhs) positions: what prunes
        the enumeration of a run's readings (each reading is then judged by :meth:`verdict`)."""
        where = {p: i for i, p in enumerate(paths)}
        out = []
        for k in sorted(self.identities):
            relation = self.plan.relations[k]
            if all(t.path in where and t.weight == 1 for t in relation.terms):
                lhs = tuple(where[t.path] for t in relation.lhs)
                rhs = tuple(where[t.path] for t in relation.rhs)
                out.append((max(lhs + rhs), lhs, rhs))
        return out


def ambiguous(
    cells: Cells,
    found: Sequence[tuple[int, ...]],
    printed: str,
    paths: Sequence[str],
    line: Any,
) -> None:
    if not found:
        cells.note("rebuild-ambiguous", line, text=printed, cells=tuple(paths), variant="none")
        return
    shown = "; ".join(" ".join(map(str, f)) for f in found[:_SHOWN])
    more = f" …(+{len(found) - _SHOWN})" if len(found) > _SHOWN else ""
    cells.note(
        "rebuild-ambiguous",
        line,
        text=printed,
        cells=tuple(paths),
        count=len(found),
        readings=shown + more,
    )


class Pending(NamedTuple):
    paths: tuple[str, ...]
    printed: str
    line: Any
    candidates: list[tuple[int, ...]]


def settle(cells: Cells, judge: Judge, pending: Sequence[Pending]) -> None:
    """Rows that read several ways: the one combination under which the table's identities
    over them hold, or blank with the readings listed."""
    combos = 1
    for row in pending:
        combos *= len(row.candidates)
    solutions: list[tuple[tuple[int, ...], ...]] = []
    if combos <= _COMBINATIONS:
        among = [p for row in pending for p in row.paths]
        for combo in itertools.product(*(row.candidates for row in pending)):
            trial = dict(cells.values)
            for row, reading in zip(pending, combo, strict=True):
                trial.update(zip(row.paths, reading, strict=True))
            failed, _judged = judge.verdict(trial, among)
            if not failed:
                solutions.append(combo)
                if len(solutions) > 1:
                    break
    for k, row in enumerate(pending):
        if len(solutions) == 1:
            read = solutions[0][k]
            cells.note(
                "rebuilt",
                row.line,
                text=row.printed,
                cells=row.paths,
                read=" ".join(map(str, read)),
            )
            cells.put(row.paths, read, REBUILT)
            cells.forced.difference_update(row.paths)
        else:
            ambiguous(cells, row.candidates, row.printed, row.paths, row.line)
            cells.blank(row.paths)


def vouch(cells: Cells, judge: Judge, paths: Sequence[str]) -> None:
    """Cells of ``paths`` rebuilt from digits run together, each row's reading chosen by its own
    row's identities: where an identity of the table over them fails, its rebuilt cells are
    guessed (the run may have lost or gained a digit, or the break is the report's), with a
    warning naming them. Cells whose digits allow no other reading (:attr:`Cells.forced`) were
    chosen by no identity and stay as they are, as cells read do."""
    rebuilt = [p for p in paths if cells.states.get(p) == REBUILT and p not in cells.forced]
    if not rebuilt:
        return
    failing = judge.failing(cells.values, rebuilt)
    open_to_doubt = set(rebuilt)
    doubted = sorted(
        {p for terms in failing for p in terms if p in open_to_doubt},
        key=judge.index.__getitem__,
    )
    if not doubted:
        return
    for path in doubted:
        cells.states[path] = GUESSED
    cells.note("rebuilt-unconfirmed", cells=tuple(doubted), count=len(failing))


def confirm(
    cells: Cells, judge: Judge, placed: Sequence[tuple[tuple[str, ...], str, str, Any]]
) -> None:
    """Rows paired with the format's rows by their position (labels unreadable): kept, guessed,
    where the identities over them hold and can be judged; otherwise blank, with an error.
    ``placed``: (paths, label, printed text, line) of each."""
    among = [p for paths, _l, _t, _ln in placed for p in paths]
    failed, judged = judge.verdict(cells.values, among)
    for paths, label, printed, line in placed:
        if not failed and judged:
            cells.note("row-by-position", line, text=label, cells=paths)
            for path in paths:
                if cells.states[path] in (READ, REBUILT):
                    cells.states[path] = GUESSED
        else:
            variant = "" if failed else "unjudged"
            cells.note("row-unplaced", line, text=label or printed, cells=paths, variant=variant)
            cells.blank(paths)
