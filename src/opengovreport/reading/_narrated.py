"""The narrative as evidence: a row of table 2 (which has no totals) whose digits run together
read several ways is read the one way the figures its own narrative states agree with — each
such figure a statement of exact count whose only cell is in the row (``现行有效的规范性文件
16件``) — with a warning quoting the sentences. Nothing else is decided by the narrative."""

from collections.abc import Iterable, Sequence
from decimal import Decimal

from ..checks._narrative import statements
from ..checks._statements import Statement
from ..model import Report
from ._reconcile import Pending
from ._result import Diagnostic

__all__ = ["narrated"]


def _figures(said: Iterable[Statement], paths: Sequence[str]) -> dict[str, list[Statement]]:
    """The statements that state one cell of ``paths`` each, exactly, by path."""
    out: dict[str, list[Statement]] = {}
    for s in said:
        if s.kind != "count" or s.change or not s.exact:
            continue
        cells = {r.paths[0] for r in s.readings if len(r.paths) == 1 and r.paths[0] in paths}
        if len(cells) == 1:
            out.setdefault(cells.pop(), []).append(s)
    return out


def narrated(
    report: Report, rows: Sequence[Pending]
) -> tuple[dict[str, int | Decimal], list[Diagnostic]]:
    """The cells of ``rows`` that the narrative's figures settle (each row the one of its
    readings they agree with), and a warning for each row so read."""
    said = statements(report)
    cells: dict[str, int | Decimal] = {}
    notes: list[Diagnostic] = []
    for row in rows:
        figures = _figures(said, row.paths)
        if not figures:
            continue
        agree = [
            reading
            for reading in row.candidates
            if all(
                reading[row.paths.index(path)] == s.figure
                for path, stated in figures.items()
                for s in stated
            )
        ]
        if len(agree) != 1:
            continue
        cells.update(zip(row.paths, agree[0], strict=True))
        sentences = " / ".join(dict.fromkeys(s.sentence for ss in figures.values() for s in ss))
        notes.append(
            Diagnostic.of(
                "rebuilt-by-narrative",
                line=row.line.number if row.line is not None else None,
                text=row.printed,
                cells=row.paths,
                read=" ".join(map(str, agree[0])),
                sentences=sentences,
            )
        )
    return cells, notes
