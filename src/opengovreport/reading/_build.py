"""From lines to a report: the steps in order — the page's furniture dropped, the parts located,
the title and front matter read, every registered shape's tables read from the same lines and
the shape chosen whose rows fit what is printed best (the year only breaks ties), the narrative
sections, and the status the cells' states allow."""

import functools
from collections.abc import Callable, Mapping, Sequence
from operator import itemgetter
from typing import Any, NamedTuple

from ..builders import tables_from_cells
from ..model import CellValue, Contact, Meta, Report, Section, accepted_tables
from ..schema import Shape, contact_of, contact_sentence, shapes, table_name
from ..values import Edition
from ._front import NAME, NOTICE, YEAR, closing, front, page_lines, title_parts
from ._lines import Document, Line
from ._locate import Layout, locate, region
from ._narrated import narrated
from ._norm import fold, squash
from ._paragraphs import paragraphs, section
from ._printed import Printed
from ._reconcile import GUESSED, MISSING, READ, REBUILT, Judge, Pending
from ._repair import REPAIRED, scanned
from ._result import Diagnostic, ParseError, Reason
from ._runs import BUDGET
from ._seen import sentence
from ._table4 import table4
from ._table_cells import TableReading, read_matched
from ._tables import Matched, match2, match3

__all__ = ["Built", "build"]


class Built(NamedTuple):
    """What :func:`build` gives: the report, its diagnostics, how many of its cells were read,
    rebuilt, guessed, missing and repaired (a scan's), and what of it is missing or guessed
    (for a ``partial`` status)."""

    report: Report
    notes: list[Diagnostic]
    counts: dict[str, int]
    gaps: tuple[Reason, ...]


@functools.cache
def _judge(shape: Shape) -> Judge:
    return Judge(shape)


class _Chosen(NamedTuple):
    shape: Shape
    cells: dict[str, CellValue]
    states: dict[str, str]
    notes: list[Diagnostic]
    #: rows that read several ways with nothing in their table to settle them
    open: tuple[Pending, ...] = ()


#: each distinct table a shape may have (the table and the identities over it), by number
_TABLES: dict[tuple[Any, ...], int] = {}


@functools.cache
def _table_key(shape: Shape, number: int) -> int:
    """Which of the tables numbered ``number`` a shape has: what its reading depends on (the
    table and the identities over it); shapes that share a table read it once."""
    table = shape.numbered(number)
    prefix = f"{table.key}."
    own = tuple(r for r in shape.relations if all(t.path.startswith(prefix) for t in r.terms))
    return _TABLES.setdefault((number, table, own), len(_TABLES))


def _bound(shape: Shape, printed: Printed, lines3: list[Line]) -> int:
    """The best fit ``shape`` can reach (its tables 2 and 4 whole, table 3's rows as many as
    found of the ``rows3`` printed, less the difference in number): a shape whose bound is below
    a fit already reached need not be matched; ``lines3``: table 3's part)."""
    part = shape.numbered(3).parts[0]
    width, rows = len(part.columns), len(part.leaves)
    rows3 = len(printed.rows(lines3, width, 3))
    return _whole(shape) + width * (min(rows, rows3) - abs(rows - rows3))


@functools.cache
def _whole(shape: Shape) -> int:
    """The cells of tables 2 and 4 of ``shape``."""
    return sum(1 for c in shape.cells if c.table in (2, 4))


@functools.cache
def _tables_of(shape: Shape) -> dict[str, int]:
    """The table of each cell of ``shape``, by path."""
    return {c.path: c.table for c in shape.cells}


def _read_tables(layout: Layout, stream: bool, year: int) -> _Chosen:
    """Every registered shape's tables matched to the same lines; the shape whose tables fit
    what is printed best, the year's edition breaking ties, then the order of registration; its
    tables read. (Shapes are weighed in the order of the best fit they can reach, and one that
    cannot reach the best fit found is not matched: the choice is that of weighing them all.)"""
    budget = [BUDGET]
    printed = Printed(stream)
    matched: dict[int, Matched] = {}
    fourth: dict[int, tuple[TableReading, int]] = {}
    registered = shapes()
    lines3 = region(layout, registered[0].numbered(3).key)
    ranked = sorted(
        (
            (_bound(s, printed, lines3), s.edition is Edition.for_year(year), -k, s)
            for k, s in enumerate(registered)
        ),
        key=lambda x: x[:3],
        reverse=True,
    )
    best: tuple[tuple[int, bool, int], Shape] | None = None
    for bound, same_year, order, shape in ranked:
        if best is not None and (bound, same_year, order) < best[0]:
            continue
        fit = 0
        for number in (2, 3):
            key = _table_key(shape, number)
            if key not in matched:
                lines = region(layout, shape.numbered(number).key)
                matched[key] = (
                    match2(lines, printed, shape)
                    if number == 2
                    else match3(lines, printed, shape, _judge(shape))
                )
            fit += matched[key].fit
        key = _table_key(shape, 4)
        if key not in fourth:
            lines = region(layout, shape.numbered(4).key)
            fourth[key] = table4(lines, printed, shape, _judge(shape), budget)
        fit += fourth[key][1]
        score = (fit, same_year, order)
        if best is None or score > best[0]:
            best = (score, shape)
    assert best is not None
    shape = best[1]
    judge = _judge(shape)
    tables = [
        read_matched(matched[_table_key(shape, 2)], None, budget),
        read_matched(matched[_table_key(shape, 3)], judge, budget),
        fourth[_table_key(shape, 4)][0],
    ]
    cells: dict[str, CellValue] = {}
    states: dict[str, str] = {}
    notes: list[Diagnostic] = []
    for t in tables:
        cells.update(t.cells)
        states.update(t.states)
        notes += t.notes
    return _Chosen(shape, cells, states, notes, tables[0].open)


def _missing_sections(layout: Layout) -> tuple[list[Diagnostic], list[Reason]]:
    notes: list[Diagnostic] = []
    gaps: list[Reason] = []
    for spec in layout_sections():
        if spec.key not in layout.starts:
            variant = "" if spec.narrative else "table"
            notes.append(
                Diagnostic.of(
                    "section-missing", number=spec.number, heading=spec.heading.zh, variant=variant
                )
            )
            gaps.append(
                Reason.of("section-missing", number=spec.number, heading=spec.heading.zh)
                if spec.narrative
                else Reason.of("table-missing", table=table_name(spec.number))
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
        raise ParseError(Reason.of("notice" if years <= 1 else "comparison", title=title[:60]))
    if year is None:
        for text in front_texts:
            match = YEAR.search(fold(text))
            if match:
                year = int(match.group(1))
                notes.append(Diagnostic.of("year-guessed", text=text, year=year))
                break
    if year is None:
        raise ParseError(Reason.of("no-year"))
    if not title:
        notes.append(Diagnostic.of("title-missing"))
    return year, agency


def _agency_elsewhere(page_title: str, layout: Layout, notes: list[Diagnostic]) -> str:
    """The agency where the title names none: the page's own title (its metadata, an HTML
    ``<title>``), else the closing lines' name (the signature) — a guess, said."""
    _year, agency, _years = title_parts(page_title)
    if agency:
        notes.append(Diagnostic.of("agency-guessed", text=page_title, agency=agency))
        return agency
    last = [spec for spec in layout_sections() if spec.narrative][-1]
    for line in reversed(region(layout, last.key)[-4:]):
        name = squash(line.text)
        if NAME.match(name):
            notes.append(
                Diagnostic.of("agency-guessed", text=line.text, agency=name, variant="closing")
            )
            return name
    return ""


def _outside(layout: Layout, shape: Shape) -> list[Diagnostic]:
    """The sentences in a table's part: the model has no place for them."""
    notes = []
    for table in shape.tables:
        for line in region(layout, table.key):
            if not line.row and sentence(line):  # (a row is never one: most lines here)
                notes.append(
                    Diagnostic.of(
                        "text-outside", line=line.number, table=table.number, text=line.text
                    )
                )
    return notes


def build(doc: Document) -> Built:
    """The report in ``doc``; raises :class:`ParseError` when there is none."""
    if not doc.lines:
        raise ParseError(Reason.of("empty"))
    page = page_lines(doc.lines)
    layout = locate(page.lines)
    sections = layout_sections()
    if not layout.headings and shapes()[0].numbered(3).key not in layout.starts:
        first, last = sections[0].heading.zh, sections[-1].heading.zh
        raise ParseError(Reason.of("no-sections", first=first, last=last))
    notes = [*page.notes, *layout.notes]
    missing, gaps = _missing_sections(layout)
    notes += missing
    first = min(s for s, _ in layout.starts.values()) if layout.starts else 0
    title, front_lines = _title(page.title, list(layout.lines[:first]), notes)
    front_texts = [t for _l, t, _lv in paragraphs(doc, front_lines)]
    year, agency = _meta_parts(title, front_texts, notes)
    if not agency:
        agency = _agency_elsewhere(page.title or doc.title, layout, notes)
    if title and not agency:
        notes.append(Diagnostic.of("agency-missing", text=title))
    chosen = _read_tables(layout, doc.mode == "stream", year)
    shape = chosen.shape
    if doc.format == "ocr":  # a scan: what the OCR was unsure of, repaired by the identities
        repaired, unsure = scanned(_judge(shape), chosen.cells, chosen.states, chosen.notes)
        chosen = chosen._replace(notes=repaired)
        gaps += unsure
    if shape.edition is not Edition.for_year(year):
        notes.append(Diagnostic.of("edition", shape=shape.label, year=year))
    notes += chosen.notes
    notes += _outside(layout, shape)
    narrative, ending = _narrative(doc, layout, agency, notes)
    contact = _contact(front_texts, notes)
    meta = Meta(
        agency=agency,
        year=year,
        edition=shape.edition,
        title=title,
        front_matter=tuple(front_texts),
        contact=contact,
        closing=ending,
    )
    parts: dict[str, Any] = {**narrative, **_tables(shape, chosen.cells)}
    report = Report(meta=meta, **parts)
    if chosen.open:  # rows the narrative's figures may settle (rare: read it only then)
        report = _settled_by_narrative(report, chosen, notes, parts)
    gaps += _table_gaps(layout, chosen)
    return Built(report, notes, _counts(layout, chosen, gaps), tuple(gaps))


def _settled_by_narrative(
    report: Report, chosen: _Chosen, notes: list[Diagnostic], parts: dict[str, Any]
) -> Report:
    """The report with the rows that read several ways settled by the figures its narrative
    states, where they settle them (their cells rebuilt, the notes that said them blank
    dropped); else as it is."""
    settled, said = narrated(report, chosen.open)
    if not settled:
        return report
    chosen.cells.update(settled)
    chosen.states.update(dict.fromkeys(settled, REBUILT))
    notes[:] = [  # what said its cells are blank no longer holds
        n for n in notes if not (n.code == "rebuild-ambiguous" and settled.keys() >= set(n.cells))
    ]
    notes += said
    parts.update(_tables(chosen.shape, chosen.cells))
    return Report(meta=report.meta, **parts)


def _table_gaps(layout: Layout, chosen: _Chosen) -> list[Reason]:
    """What the tables' reading leaves out: printed rows matched to none, a second report."""
    gaps = []
    dropped = sum(1 for n in chosen.notes if n.code == "row-dropped")
    if dropped:  # its numbers are accounted for by no cell: one may be a cell's, misplaced
        gaps.append(Reason.of("rows-dropped", n=dropped))
    if layout.second:
        gaps.append(Reason.of("second-report"))
    return gaps


@functools.cache
def _getter(shape: Shape) -> Callable[[Mapping[str, CellValue]], tuple[CellValue, ...]]:
    """The cells of ``shape`` in its order, from cells by path (made once a shape)."""
    return itemgetter(*shape.paths)


def _tables(shape: Shape, cells: Mapping[str, CellValue]) -> dict[str, Any]:
    """The tables of ``shape`` holding ``cells``: made without the constructors' calls where
    every cell is one its field accepts (:func:`~opengovreport.model.accepted_tables`: the
    constructors' own tests, at once), else by the constructors (which raise, naming it)."""
    if len(cells) == len(shape.paths):
        try:
            made = accepted_tables(shape, _getter(shape)(cells))
        except KeyError:  # a cell of another shape: the constructors' error names it
            made = None
        if made is not None:
            return made
    return tables_from_cells(shape, cells)


def _narrative(
    doc: Document, layout: Layout, agency: str, notes: list[Diagnostic]
) -> tuple[dict[str, Section], tuple[str, ...]]:
    """The narrative sections, and the closing lines after the last of them."""
    narrative: dict[str, Section] = {}
    ending: tuple[str, ...] = ()
    spoken = [spec for spec in layout_sections() if spec.narrative]
    for spec in spoken:
        lines = region(layout, spec.key)
        if spec is spoken[-1]:  # the closing lines follow the last section
            lines, ending, closed = closing(lines, agency)
            notes += closed
        at = layout.headings.get(spec.key)
        heading = layout.lines[at].text if at is not None else spec.heading.zh
        narrative[spec.key] = section(doc, lines, heading)
    return narrative, ending


def _contact(front_texts: list[str], notes: list[Diagnostic]) -> Contact | None:
    """The contact details the front matter states; the standard sentence stating them taken
    out of it (they are held in meta.contact, and every output prints the sentence from them,
    word for word)."""
    contact = contact_of("".join(front_texts))
    if contact is not None and contact_sentence(contact) in front_texts:
        front_texts.remove(contact_sentence(contact))
        notes.append(Diagnostic.of("contact-sentence"))
    return contact


def _counts(layout: Layout, chosen: _Chosen, gaps: list[Reason]) -> dict[str, int]:
    """How many cells were read, rebuilt, guessed and missing; the gaps the guessed and
    missing ones make (the cells of a table not found are said by its own gap)."""
    states = chosen.states
    # each state counted by list.count (identity first, in C): a Counter hashes every value
    every = list(states.values())
    counts = {state: every.count(state) for state in (READ, REBUILT, GUESSED, MISSING, REPAIRED)}
    if counts[GUESSED]:
        gaps.append(Reason.of("cells-guessed", n=counts[GUESSED]))
    unfound = {
        spec.number
        for spec in layout_sections()
        if not spec.narrative and spec.key not in layout.starts
    }
    tables = _tables_of(chosen.shape)
    lost = counts[MISSING] and sum(  # (most reports: no cell missing)
        1 for p, state in states.items() if state == MISSING and tables.get(p) not in unfound
    )
    if lost:
        gaps.append(Reason.of("cells-missing", n=lost))
    return counts
