"""From lines to a report: the steps in order — the page's furniture dropped, the parts located,
the title and front matter read, every registered shape's tables read from the same lines and
the shape chosen whose rows fit what is printed best (the year only breaks ties), the narrative
sections, and the status the cells' states allow."""

import functools
from collections import Counter
from collections.abc import Sequence
from typing import Any, NamedTuple

from ..builders import tables_from_cells
from ..model import CellValue, Meta, Report, Section
from ..schema import Shape, contact_of, contact_sentence, shapes
from ..values import Edition
from ._front import NOTICE, YEAR, closing, front, page_lines, title_parts
from ._lines import Document, Line
from ._locate import Layout, locate, paragraphs, region, section
from ._norm import fold, squash
from ._reconcile import BUDGET, GUESSED, MISSING, READ, REBUILT, Judge
from ._result import Diagnostic, ParseError
from ._table4 import table4
from ._tables import TableReading, table2, table3
from ._tokens import sentence

__all__ = ["Built", "build"]


class Built(NamedTuple):
    """What :func:`build` gives: the report, its diagnostics, how many of its cells were read,
    rebuilt, guessed and missing, and what of it is missing or guessed (for a ``partial``
    status)."""

    report: Report
    notes: list[Diagnostic]
    counts: dict[str, int]
    gaps: tuple[str, ...]


@functools.cache
def _judge(shape: Shape) -> Judge:
    return Judge(shape)


class _Chosen(NamedTuple):
    shape: Shape
    cells: dict[str, CellValue]
    states: dict[str, str]
    notes: list[Diagnostic]


def _table_key(shape: Shape, number: int) -> tuple[Any, ...]:
    """What a table's reading depends on: the table and the identities over it."""
    table = shape.numbered(number)
    prefix = f"{table.key}."
    own = tuple(r for r in shape.relations if all(t.path.startswith(prefix) for t in r.terms))
    return (number, table, own)


def _read_tables(layout: Layout, stream: bool, year: int) -> _Chosen:
    """Every registered shape's tables read from the same lines; the shape whose tables fit
    what is printed best, the year's edition breaking ties, then the order of registration."""
    budget = [BUDGET]
    readings: dict[tuple[Any, ...], TableReading] = {}
    best: tuple[tuple[int, int, int], Shape, list[TableReading]] | None = None
    for order, shape in enumerate(shapes()):
        judge = _judge(shape)
        tables = []
        for number in (2, 3, 4):
            key = _table_key(shape, number)
            if key not in readings:
                lines = region(layout, shape.numbered(number).key)
                if number == 2:
                    readings[key] = table2(lines, stream, shape, budget)
                elif number == 3:
                    readings[key] = table3(lines, stream, shape, judge, budget)
                else:
                    readings[key] = table4(lines, stream, shape, judge, budget)
            tables.append(readings[key])
        score = (sum(t.fit for t in tables), shape.edition is Edition.for_year(year), -order)
        if best is None or score > best[0]:
            best = (score, shape, tables)
    assert best is not None
    _score, shape, tables = best
    cells: dict[str, CellValue] = {}
    states: dict[str, str] = {}
    notes: list[Diagnostic] = []
    for t in tables:
        cells.update(t.cells)
        states.update(t.states)
        notes += t.notes
    return _Chosen(shape, cells, states, notes)


def _missing_sections(layout: Layout) -> tuple[list[Diagnostic], list[str]]:
    notes, gaps = [], []
    for spec in layout_sections():
        if spec.key not in layout.starts:
            variant = "" if spec.narrative else "table"
            notes.append(
                Diagnostic.of(
                    "section-missing", number=spec.number, heading=spec.heading.zh, variant=variant
                )
            )
            gaps.append(
                f"section {spec.number} ({spec.heading.zh}) not found"
                if spec.narrative
                else f"table {spec.number} not found"
            )
    return notes, gaps


def layout_sections() -> Sequence[Any]:
    return shapes()[0].sections


def _title(page_title: str, lines: list[Line], notes: list[Diagnostic]) -> tuple[str, list[Line]]:
    head = front(lines, page_title)
    notes += head.notes
    title = head.title
    if not title and page_title:
        title = page_title
        notes.append(Diagnostic.of("title-from-page", text=title))
    return title, head.lines


def _meta_parts(title: str, front_texts: list[str], notes: list[Diagnostic]) -> tuple[int, str]:
    year, agency, years = title_parts(title)
    if title and (NOTICE.search(squash(title)) or years > 1):
        raise ParseError(
            f"not a report: the title {title[:60]!r} is "
            + ("a notice's" if years <= 1 else "a comparison's (it names two years)")
        )
    if year is None:
        for text in front_texts:
            match = YEAR.search(fold(text))
            if match:
                year = int(match.group(1))
                notes.append(Diagnostic.of("year-guessed", text=text, year=year))
                break
    if year is None:
        raise ParseError("no report found: no year in the title or the front matter (e.g. 2023年)")
    if not title:
        notes.append(Diagnostic.of("title-missing"))
    elif not agency:
        notes.append(Diagnostic.of("agency-missing", text=title))
    return year, agency


def _outside(layout: Layout, shape: Shape) -> list[Diagnostic]:
    """The sentences in a table's part: the model has no place for them."""
    notes = []
    for table in shape.tables:
        for line in region(layout, table.key):
            if sentence(line):
                notes.append(
                    Diagnostic.of(
                        "text-outside", line=line.number, table=table.number, text=line.text
                    )
                )
    return notes


def build(doc: Document) -> Built:
    """The report in ``doc``; raises :class:`ParseError` when there is none."""
    if not doc.lines:
        raise ParseError("no report found: the source is empty")
    page = page_lines(doc.lines)
    layout = locate(page.lines)
    sections = layout_sections()
    if not layout.headings and shapes()[0].numbered(3).key not in layout.starts:
        raise ParseError(
            "no report found: none of the six section headings "
            f"({sections[0].heading.zh} … {sections[-1].heading.zh}) and no table 3"
        )
    notes = [*page.notes, *layout.notes]
    missing, gaps = _missing_sections(layout)
    notes += missing
    first = min(s for s, _ in layout.starts.values()) if layout.starts else 0
    title, front_lines = _title(page.title, list(layout.lines[:first]), notes)
    front_texts = [t for _l, t, _lv in paragraphs(doc, front_lines)]
    year, agency = _meta_parts(title, front_texts, notes)
    chosen = _read_tables(layout, doc.mode == "stream", year)
    shape = chosen.shape
    if shape.edition is not Edition.for_year(year):
        notes.append(Diagnostic.of("edition", shape=shape.label, year=year))
    notes += chosen.notes
    notes += _outside(layout, shape)
    narrative: dict[str, Section] = {}
    ending: tuple[str, ...] = ()
    spoken = [spec for spec in sections if spec.narrative]
    for spec in spoken:
        lines = region(layout, spec.key)
        if spec is spoken[-1]:  # the closing lines follow the last section
            lines, ending, closed = closing(lines, agency)
            notes += closed
        at = layout.headings.get(spec.key)
        heading = layout.lines[at].text if at is not None else spec.heading.zh
        narrative[spec.key] = section(doc, lines, heading)
    contact = contact_of("".join(front_texts))
    if contact is not None and contact_sentence(contact) in front_texts:
        # the standard sentence is the contact details printed: they are held in meta.contact,
        # and every output prints the sentence from them, word for word
        front_texts.remove(contact_sentence(contact))
        notes.append(Diagnostic.of("contact-sentence"))
    meta = Meta(
        agency=agency,
        year=year,
        edition=shape.edition,
        title=title,
        front_matter=tuple(front_texts),
        contact=contact,
        closing=ending,
    )
    cells = {p: chosen.cells.get(p) for p in shape.paths}
    parts: dict[str, Any] = {**narrative, **tables_from_cells(shape, cells)}
    report = Report(meta=meta, **parts)
    counts = Counter(chosen.states.get(p, MISSING) for p in shape.paths)
    if layout.second:
        gaps.append("a second report follows in the same source; only the first was read")
    if counts[GUESSED]:
        gaps.append(f"{counts[GUESSED]} cells guessed")
    unfound = {
        spec.number for spec in sections if not spec.narrative and spec.key not in layout.starts
    }
    lost = sum(
        1 for c in shape.cells if c.table not in unfound and chosen.states.get(c.path) == MISSING
    )
    if lost:
        gaps.append(f"{lost} cells missing")
    totals = {state: counts[state] for state in (READ, REBUILT, GUESSED, MISSING)}
    return Built(report, notes, totals, tuple(gaps))
