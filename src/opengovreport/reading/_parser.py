"""From lines to a report: sections, narrative, front matter, and the three tables."""

import difflib
import enum
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from ..builders import tables_from_cells
from ..model import CellValue, Contact, Heading, Meta, Paragraph, Report, Section
from ..schema import SHAPE_2021, Leaf, Row, Shape, contact_fields, edition_words, shapes
from ..totals import fold_cells
from ..values import Bounds, CellKind, Edition, Severity
from ._catalogue import kind
from ._lines import Document, Line
from ._values import NUMBER_TOKEN, is_blank_mark, is_value, read_value

__all__ = ["Diagnostic", "ParseError", "ParseResult", "ReadStatus", "build"]


class ReadStatus(enum.Enum):
    """What became of a file read as a report: one of these for every file of a batch."""

    #: a report, every table and section found
    OK = "ok"
    #: a report, but some tables or sections are missing (the diagnostics say which)
    PARTIAL = "partial"
    #: a PDF without a text layer (a scan): it needs OCR first
    NEEDS_OCR = "needs_ocr"
    #: readable, but holds no report (a notice, a list of links, a comparison of reports)
    NOT_A_REPORT = "not_a_report"
    #: could not be read at all (broken, unreadable, too large, invalid report JSON)
    UNREADABLE = "unreadable"
    #: not read: not a file (a folder named like one)
    SKIPPED = "skipped"

    def __str__(self) -> str:
        return self.value


@attrs.frozen(kw_only=True)
class Diagnostic:
    """A guess the reader made, or something it could not do: what kind (a stable code from the
    catalogue, :func:`diagnostic_kinds`, and its severity), where, what it saw, what it did."""

    #: a stable code, e.g. ``label-variant``, ``blank-mark``, ``row-missing``
    code: str
    #: ``info`` (a variant read as expected), ``warning`` (a guess), ``error`` (data missing)
    severity: Severity
    message: str
    #: the line in the source (1-based), where known
    line: int | None = None
    #: the text it saw
    text: str = ""

    @classmethod
    def of(cls, code: str, message: str, line: int | None = None, text: str = "") -> "Diagnostic":
        """A diagnostic of the kind ``code``, with the catalogue's severity."""
        return cls(code=code, severity=kind(code).severity, message=message, line=line, text=text)

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line is not None else ""
        return f"{where}{self.severity} {self.code}: {self.message}"


@attrs.frozen
class ParseResult:
    """The report read from a published text, and every guess made on the way."""

    report: Report
    diagnostics: tuple[Diagnostic, ...]
    #: the format read: ``text``, ``html`` or ``markdown``
    format: str

    def filter(
        self, severity: Severity | str | None = None, code: str | None = None
    ) -> list[Diagnostic]:
        """The diagnostics of a severity and/or code."""
        wanted = None if severity is None else Severity(severity)
        return [
            d
            for d in self.diagnostics
            if (wanted is None or d.severity is wanted) and (code is None or d.code == code)
        ]


class ParseError(ValueError):
    """The source holds no report that can be read; the message says what is missing."""


# --- text helpers ---------------------------------------------------------------------------

_SPACE = re.compile(r"\s+")
_FINAL = "。！？!?；;：:…"
_CLOSERS = '”’"」』）)】'


def _norm(text: str) -> str:
    """For matching: full-width forms folded, spaces removed."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def _ends_sentence(text: str) -> bool:
    t = text.rstrip().rstrip(_CLOSERS)
    return bool(t) and t[-1] in _FINAL


#: the sections (the same in every shape)
SECTIONS = SHAPE_2021.sections
_SECTION_PATTERNS = {spec.key: re.compile(spec.pattern) for spec in SECTIONS}
_SECTION_NUMERALS = "".join(spec.heading.zh[0] for spec in SECTIONS)
#: each section's heading as matched
_HEADINGS = {spec.key: _norm(spec.heading.zh) for spec in SECTIONS}
_TABLE2 = SHAPE_2021.numbered(2)
#: the header of a table 2 block's label column (信息内容)
_HEADER = (_TABLE2.parts[0].corner or _TABLE2.parts[0].band or _TABLE2.heading).zh
#: what every table 2 block's band holds (第二十条第（X）项): the common start of them all
_BAND = _norm(
    "".join(
        chars[0]
        for chars in zip(*(p.band.zh for p in _TABLE2.parts if p.band), strict=False)
        if len(set(chars)) == 1
    )
)[:4]
#: table 3's first row, which anchors the table where its section heading is missing
_TABLE3_FIRST_LABEL = SHAPE_2021.numbered(3).parts[0].leaves[0].label.zh
_TABLE4_FIRST = SHAPE_2021.numbered(4).parts[0].leaves[0].label.zh
_HEADING_PATTERNS = (
    (1, re.compile(r"^[(（][一二三四五六七八九十]+[)）]")),
    (2, re.compile(r"^\d{1,2}[.．、](?!\d)")),
    (3, re.compile(r"^[(（]\d{1,2}[)）]")),
)
_YEAR = re.compile(r"(20\d{2}|19\d{2})\s*年")
_DATE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
_CONTACT = {field.key: re.compile(field.pattern) for field in contact_fields()}


def _heading_level(text: str) -> int | None:
    if len(text) > 40 or "。" in text or text.endswith(("，", "；", "：", ":", ",")):
        return None
    for level, pattern in _HEADING_PATTERNS:
        if pattern.match(text):
            return level
    return None


# --- the parser -----------------------------------------------------------------------------


class _Parser:
    def __init__(self, doc: Document):
        self.doc = doc
        self.lines = doc.lines
        self.notes: list[Diagnostic] = []
        #: the indentation of unindented lines (wrapped text starts a paragraph further in)
        self.base = min((ln.indent for ln in doc.lines), default=0)

    def note(self, code: str, message: str, line: Line | None = None, text: str = "") -> None:
        number = line.number if line is not None else None
        self.notes.append(Diagnostic.of(code, message, number, text))

    # sections ----------------------------------------------------------------------------

    def _firsts(self) -> list[str]:
        """Each line's first non-empty cell, normalized, where it may start a section heading."""
        out = []
        for line in self.lines:
            head = line.text.lstrip()[:1]
            if not head or head not in _SECTION_NUMERALS or line.heading == 1:
                out.append("")
                continue
            first = next(filter(None, line.cells), "") if line.row else line.text
            first = first.lstrip()
            # a heading's keywords stand in its first characters: normalize no more than those
            out.append(_norm(first[:40]) if first[:1] in _SECTION_NUMERALS else "")
        return out

    def find_sections(self) -> dict[str, int]:
        found: dict[str, int] = {}
        start = 0
        firsts = self._firsts()
        for spec in SECTIONS:
            pattern = _SECTION_PATTERNS[spec.key]
            for i in range(start, len(self.lines)):
                line = self.lines[i]
                text = firsts[i]
                if text and pattern.match(text) and not any(is_value(c) for c in line.cells[1:]):
                    found[spec.key] = i
                    start = i + 1
                    printed = line.text
                    if _norm(printed) != _HEADINGS[spec.key]:
                        known = {_norm(v) for v in spec.variants}
                        self.note(
                            "heading-variant" if _norm(printed) in known else "heading-unknown",
                            f"section {spec.number} heading read as {spec.heading.zh}",
                            line,
                            printed,
                        )
                    break
            else:
                self.note(
                    "section-missing",
                    f"no heading of section {spec.number} ({spec.heading.zh}) found",
                )
        return found

    def second_report(self, found: dict[str, int]) -> None:
        """Where a second report starts after this one's last section (its section 1 heading
        again, with its title just before): the lines from there are dropped, with an error,
        and never read as paragraphs of section 6."""
        if SECTIONS[0].key not in found:
            return
        firsts = self._firsts()
        pattern = _SECTION_PATTERNS[SECTIONS[0].key]
        last = max(found.values())
        for i in range(last + 1, len(self.lines)):
            if firsts[i] and pattern.match(firsts[i]):
                start = i
                for j in range(i - 1, last, -1):  # its title, above its front matter
                    text = self.lines[j].text
                    title = _YEAR.search(text) and "报告" in text and len(text) <= 80
                    if title and not _ends_sentence(text):
                        start = j
                        break
                first = self.lines[start]
                self.note(
                    "second-report",
                    "a second report starts here; only the first one is read",
                    first,
                    first.text[:60],
                )
                self.lines = self.lines[:start]
                return

    def region(self, found: dict[str, int], key: str) -> list[Line]:
        if key not in found:
            return []
        start = found[key] + 1
        later = [i for i in found.values() if i > found[key]]
        end = min(later) if later else len(self.lines)
        return list(self.lines[start:end])

    # narrative ---------------------------------------------------------------------------

    def paragraphs(self, lines: Iterable[Line]) -> list[tuple[Line, str, int | None]]:
        """(first line, text, heading level or None) for each block, lines joined."""
        out: list[tuple[Line, str, int | None]] = []
        base = self.base
        for line in lines:
            text = line.text.strip()
            if not text:
                continue
            if line.heading is not None and line.heading >= 3:
                out.append((line, text, line.heading - 2))
                continue
            level = _heading_level(text) if line.heading is None else None
            if level is not None and (not self.doc.wrapped or line.indent > base or not out):
                out.append((line, text, level))
                continue
            if out and out[-1][2] is None and self._continues(out[-1], line, base):
                first, prev, _ = out[-1]
                out[-1] = (first, prev + text, None)
                continue
            out.append((line, text, None))
        return out

    def _continues(self, previous: tuple[Line, str, int | None], line: Line, base: int) -> bool:
        if self.doc.format != "text" or line.closing:
            return False
        if self.doc.wrapped:
            return line.indent <= base
        return not _ends_sentence(previous[1])

    def section(self, key: str, lines: list[Line], heading: str) -> Section:
        blocks: list[Heading | Paragraph] = []
        for _line, text, level in self.paragraphs(lines):
            blocks.append(Heading(text, level) if level is not None else Paragraph(text))
        return Section(heading, tuple(blocks))

    # tables ------------------------------------------------------------------------------

    def value(self, text: str, bounds: Bounds, line: Line, where: str) -> CellValue:
        """The value of a printed cell; blank, with an error quoting it, where it is not what
        the cell can hold (a negative or fractional count, an amount beyond its places)."""
        plain = text.isdigit() and text.isascii() and len(text) <= _DIGITS
        if plain and bounds.kind is not CellKind.AMOUNT:
            return int(text)  # the usual cell
        value, code, note = read_value(text, bounds.kind)
        if value is not None and not bounds.accepts(value):
            self.note(
                "impossible-value",
                f"{where}: {text!r} is not {bounds.what}; read as a blank cell",
                line,
                text,
            )
            return None
        if code is not None:
            self.note(code, f"{where}: {note}", line, text)
        return value

    def value_cells(self, line: Line) -> tuple[str, list[str]]:
        """A table row's label (its label cells joined) and its value cells."""
        cells = line.cells
        last_label = len(cells) - 1  # the last cell that is not a value
        after_first = "".join(cells[1:])
        if after_first.isdigit() and after_first.isascii():  # the usual row: a label, counts
            last_label = 0
        while last_label >= 0:
            cell = cells[last_label]
            if cell and not (cell.isdigit() and cell.isascii()) and not is_value(cell):
                break
            last_label -= 1
        label = " ".join(filter(None, cells[: last_label + 1]))
        values = list(cells[last_label + 1 :])
        while values and not values[-1]:
            values.pop()
        return label, values

    def observed_rows(self, lines: list[Line], width: int) -> list[tuple[str, list[str], Line]]:
        """The data rows of a table: (label, values, line)."""
        rows: list[tuple[str, list[str], Line]] = []
        if self.doc.mode == "cells":
            for line in lines:
                if not line.row:
                    continue
                label, values = self.value_cells(line)
                if values:  # cells after the last label, trailing blanks dropped: a data row
                    rows.append((label, values, line))
            return rows
        pending: list[str] = []
        current: list[str] = []
        first: Line | None = None
        label = ""
        for line in lines:
            tokens: list[str] = []
            words_in: list[str] = []
            for cell in line.cells:
                if is_blank_mark(cell):  # a cell of its own that says "nothing entered"
                    tokens.append(cell)
                    continue
                tokens.extend(m.group() for m in NUMBER_TOKEN.finditer(cell))
                words_in.append(NUMBER_TOKEN.sub(" ", cell))
            words = " ".join(w.strip() for w in words_in if w.strip())
            if not tokens:
                if words and len(_norm(words)) > 1:
                    pending.append(words)
                continue
            for token in tokens:
                if not current:
                    first = line
                    label = " ".join([*pending, words]).strip()
                    pending = []
                current.append(token)
                if len(current) == width:
                    assert first is not None
                    rows.append((label, current, first))
                    current = []
        if current and first is not None:
            rows.append((label, current, first))
        return rows

    def table2(self, lines: list[Line], shape: Shape) -> dict[str, CellValue]:
        cells: dict[str, CellValue] = {}
        table = shape.numbered(2)
        blocks = {str(b.key): b for b in table.parts}
        markers = [(key, _norm(b.band.zh if b.band else "")) for key, b in blocks.items()]
        spans: list[tuple[str, int, Line]] = []
        for i, line in enumerate(lines):
            text = _norm(line.text)
            if _BAND not in text:  # every block's band starts the same (第二十条第（X）项)
                continue
            key = next((k for k, marker in markers if marker in text), None)
            if key is not None:
                spans.append((key, i, line))
        starts = {key: i for key, i, _ in spans}
        table_cells = _table2_cells(shape)
        for key, block in blocks.items():
            band = block.band.zh if block.band else key
            for each in block.leaves:
                cells.update(dict.fromkeys(path for path, _ in table_cells[(key, each.path)]))
            if key not in starts:
                self.note(
                    "block-missing",
                    f"table 2: no {band} found; its cells are blank",
                )
                continue
            begin = starts[key] + 1
            end = min((i for _, i, _ in spans if i > starts[key]), default=len(lines))
            body = [ln for ln in lines[begin:end] if _HEADER not in ln.text.replace(" ", "")]
            rows = self.observed_rows(body, len(block.columns))
            matched = self._match_block_rows([leaf.spec for leaf in block.leaves], rows)
            for label, values, line in rows:
                if not any(m is not None and m[2] is line for m in matched):
                    self.note(
                        "row-ignored",
                        f"table 2 {band}: a row that is none of its rows was ignored",
                        line,
                        " ".join([label, *values]).strip(),
                    )
            for leaf, found in zip(block.leaves, matched, strict=True):
                spec = leaf.spec
                where = f"table 2 {band} {spec.label.zh}"
                if found is None:
                    self.note("row-missing", f"{where}: not found; its cells are blank")
                    continue
                label, values, line = found
                self._label_note(label, _names(spec), where, line)
                if len(values) > len(block.columns):
                    extra = values[len(block.columns) :]
                    if any(extra):
                        self.note(
                            "spurious-cell",
                            f"{where}: extra cells dropped",
                            line,
                            " ".join(extra),
                        )
                elif len(values) < len(block.columns):
                    self.note(
                        "cell-missing",
                        f"{where}: {len(values)} of {len(block.columns)} cells; the rest are blank",
                        line,
                    )
                for (path, bounds), text in zip(
                    table_cells[(key, leaf.path)], values, strict=False
                ):
                    cells[path] = self.value(text, bounds, line, where)
        return cells

    def _match_block_rows(
        self, specs: Sequence[object], rows: list[tuple[str, list[str], Line]]
    ) -> list[tuple[str, list[str], Line] | None]:
        if self.doc.mode == "stream" and len(rows) == len(specs):
            # runs of numbers: labels may stand after their numbers, so the order decides
            return list(rows)
        out: list[tuple[str, list[str], Line] | None] = []
        used: set[int] = set()
        for spec in specs:
            assert isinstance(spec, Row)
            names = [_core(spec.label.zh), *(_core(v) for v in spec.variants)]
            best, best_score = None, 0.0
            # a label holding the row's name wins outright; likeness only when none does
            for i, (label, _values, _line) in enumerate(rows):
                if i not in used and label and any(n in _core(label) for n in names):
                    best, best_score = i, 1.0
                    break
            for i, (label, _values, _line) in enumerate(rows):
                if best_score == 1.0:
                    break
                if i in used:
                    continue
                score = max(_similar(_core(label), n) for n in names) if label else 0.0
                if score > best_score:
                    best, best_score = i, score
            if best is None or best_score < 0.5:
                # no label to go by: take the rows in order
                best = next((i for i in range(len(rows)) if i not in used), None)
            if best is None:
                out.append(None)
            else:
                used.add(best)
                out.append(rows[best])
        return out

    def _label_note(self, label: str, names: Sequence[str], where: str, line: Line) -> None:
        """A note when ``label`` holds none of ``names`` (the cores of the row's names)."""
        if not label:
            return
        seen = _core(label)
        if any(n in seen for n in names):
            return
        self.note("label-variant", f"{where}: read from a row labelled {label!r}", line, label)

    def table3(self, lines: list[Line], edition: Edition) -> tuple[dict[str, CellValue], Shape]:
        """Table 3's cells, and the shape whose table 3 it is (of ``edition`` where one fits)."""
        candidates = [*shapes(edition), *(x for x in shapes() if x.edition is not edition)]
        table = SHAPE_2021.numbered(3)
        width = len(table.parts[0].columns)
        rows = self.observed_rows(lines, width)
        chosen = self._table3_shape(rows, candidates, edition)
        part = chosen.numbered(3).parts[0]
        leaves = part.leaves
        assigned = self._align(rows, leaves)
        cells: dict[str, CellValue] = {}
        for (where, paths, names), found in zip(_leaf_info(chosen), assigned, strict=True):
            if found is None:
                cells.update(dict.fromkeys(paths))
                self.note("row-missing", f"{where}: not found; its cells are blank")
                continue
            label, values, line = found
            self._label_note(label, names, where, line)
            if len(values) == width and all(values):
                digits = "".join(values)
                if digits.isdigit() and digits.isascii() and max(map(len, values)) <= _DIGITS:
                    cells.update(zip(paths, map(int, values), strict=True))  # the usual row
                    continue
            cells.update(dict.fromkeys(paths))
            if len(values) > width:
                dropped = values[: len(values) - width]
                if any(dropped):
                    self.note(
                        "spurious-cell",
                        f"{where}: {len(dropped)} extra cell(s) before the last {width} dropped",
                        line,
                        " ".join(dropped),
                    )
                values = values[-width:]
            elif len(values) < width:
                self.note(
                    "cell-missing",
                    f"{where}: {len(values)} of {width} cells; the rest are blank",
                    line,
                )
            for path, col, text in zip(paths, part.columns, values, strict=False):
                cells[path] = self.value(text, col.bounds, line, where)
        return cells, chosen

    def _table3_shape(
        self, rows: list[tuple[str, list[str], Line]], candidates: list[Shape], edition: Edition
    ) -> Shape:
        """The shape whose table 3 the rows are: the first with as many rows; or the first with
        a row label no other has among the rows read; or the edition's first."""

        def leaves(s: Shape) -> tuple[Leaf, ...]:
            return s.numbered(3).parts[0].leaves

        for candidate in candidates:
            if len(leaves(candidate)) == len(rows):
                return candidate
        cores = [_core(label) for label, _, _ in rows if label]
        for candidate in candidates:
            own = {_core(leaf.label.zh) for leaf in leaves(candidate)}
            others = {
                _core(leaf.label.zh) for c in candidates if c is not candidate for leaf in leaves(c)
            }
            distinct = [name for name in own - others if len(name) > 4]
            if any(_similar(core, name) > 0.7 for core in cores for name in distinct):
                return candidate
        fitting = [c for c in candidates if c.edition is edition]
        return min(fitting, key=lambda c: abs(len(leaves(c)) - len(rows)))

    def _align(
        self, rows: list[tuple[str, list[str], Line]], leaves: Sequence[Leaf]
    ) -> list[tuple[str, list[str], Line] | None]:
        if len(rows) == len(leaves):
            return list(rows)
        self.note(
            "row-count",
            f"table 3: {len(rows)} data rows where {len(leaves)} were expected; "
            "rows matched by their labels",
        )
        names = [_core(leaf.label.zh) for leaf in leaves]
        n, m = len(rows), len(leaves)
        skip = -0.4
        score = [[0.0] * (m + 1) for _ in range(n + 1)]
        move = [[0] * (m + 1) for _ in range(n + 1)]
        for i in range(1, n + 1):
            score[i][0], move[i][0] = score[i - 1][0] + skip, 1
        for j in range(1, m + 1):
            score[0][j], move[0][j] = score[0][j - 1] + skip, 2
        for i in range(1, n + 1):
            label = _core(rows[i - 1][0])
            for j in range(1, m + 1):
                sim = _similar(label, names[j - 1]) if label else 0.3
                options = (
                    (score[i - 1][j - 1] + sim, 0),
                    (score[i - 1][j] + skip, 1),
                    (score[i][j - 1] + skip, 2),
                )
                score[i][j], move[i][j] = max(options)
        out: list[tuple[str, list[str], Line] | None] = [None] * m
        i, j = n, m
        while i > 0 or j > 0:
            step = move[i][j]
            if i > 0 and j > 0 and step == 0:
                out[j - 1] = rows[i - 1]
                i, j = i - 1, j - 1
            elif i > 0 and (j == 0 or step == 1):
                label, values, line = rows[i - 1]
                self.note(
                    "row-dropped",
                    "table 3: a row that matches no row of the format was dropped",
                    line,
                    " ".join([label, *values]),
                )
                i -= 1
            else:
                j -= 1
        return out

    def table4(self, lines: list[Line], shape: Shape) -> dict[str, CellValue]:
        table = shape.numbered(4)
        of_table = [c for c in shape.cells if c.table == table.number]
        width = len(of_table)
        paths = [c.path for c in of_table]
        kinds = [c.bounds for c in of_table]
        values: list[tuple[str, Line]] = []
        for _label, row, line in self.observed_rows(lines, width):
            if len(row) > width and self.doc.mode == "cells":
                self.note(
                    "spurious-cell",
                    f"table 4: {len(row) - width} extra cell(s) before the last {width} dropped",
                    line,
                    " ".join(row[: len(row) - width]),
                )
                row = row[-width:]
            values.extend((v, line) for v in row)
        if len(values) != width:
            first = values[0][1] if values else None
            self.note(
                "cells-missing" if len(values) < width else "cells-extra",
                f"table 4: {len(values)} values where {width} were expected",
                first,
            )
        cells: dict[str, CellValue] = dict.fromkeys(paths)
        for path, bounds, (text, line) in zip(paths, kinds, values, strict=False):
            cells[path] = self.value(text, bounds, line, "table 4")
        return cells

    def orphans(self, lines: list[Line]) -> None:
        """Report the sentences in a table section: the model has no place for them."""
        for line in lines:
            text = line.text
            if not line.row and "。" in text and len(text) > 12:
                self.note(
                    "text-outside",
                    "text in a table section is not part of the report model",
                    line,
                    text,
                )

    def edition(self, lines: list[Line], year: int | None) -> Edition:
        text = _norm(" ".join(ln.text for ln in lines))
        new, old = (
            sum(label in text for label in _EDITION_WORDS[e])
            for e in (Edition.E2021, Edition.E2019)
        )
        if new > old:
            return Edition.E2021
        if old > new:
            return Edition.E2019
        return Edition.for_year(year) if year is not None else Edition.E2021

    # front matter and closing -------------------------------------------------------------

    def front(self, lines: list[Line]) -> tuple[str, list[Line]]:
        title_lines: list[Line] = []
        for line in lines[:3]:
            title_lines.append(line)
            if "报告" in line.text or line.heading == 1:
                break
        else:
            title_lines = lines[:1]
        title = "".join(ln.text.strip() for ln in title_lines)
        return title, lines[len(title_lines) :]


#: the most digits of a count read without a closer look (the largest count, 10¹², has 13)
_DIGITS = 12

#: the table 2 column labels that tell each edition apart, as matched
_EDITION_WORDS = {e: tuple(_norm(label) for label in edition_words(e)) for e in Edition}

_LEAF_INFO: dict[Shape, tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]] = {}


def _leaf_info(shape: Shape) -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    """For each row of table 3: where it is (for notes), its cell paths in column order, and
    the cores of its names (its label and the known variants)."""
    found = _LEAF_INFO.get(shape)
    if found is None:
        table = shape.numbered(3)
        part = table.parts[0]
        found = _LEAF_INFO[shape] = tuple(
            (
                f"table 3 {leaf.label.zh}",
                tuple(f"{table.key}.{leaf.path}.{c.key}" for c in part.columns),
                _names(leaf.spec),
            )
            for leaf in part.leaves
        )
    return found


_TABLE2_CELLS: dict[Shape, dict[tuple[str, str], tuple[tuple[str, Bounds], ...]]] = {}


def _table2_cells(shape: Shape) -> dict[tuple[str, str], tuple[tuple[str, Bounds], ...]]:
    """The path and bounds of each cell of each table 2 row, by (block key, row path)."""
    found = _TABLE2_CELLS.get(shape)
    if found is None:
        table = shape.numbered(2)
        found = _TABLE2_CELLS[shape] = {
            (str(block.key), leaf.path): tuple(
                (f"{table.key}.{block.key}.{leaf.path}.{c.key}", c.bounds) for c in block.columns
            )
            for block in table.parts
            for leaf in block.leaves
        }
    return found


_NAMES: dict[tuple[str, tuple[str, ...]], tuple[str, ...]] = {}


def _names(spec: Row) -> tuple[str, ...]:
    """The cores of a table 2 row's label and its variants."""
    key = (spec.label.zh, spec.variants)
    found = _NAMES.get(key)
    if found is None:
        found = _NAMES[key] = tuple(_core(n) for n in key[:1] + key[1])
    return found


_CORES: dict[str, str] = {}


def _core(label: str) -> str:
    """A label for matching: numbering, brackets and punctuation removed."""
    found = _CORES.get(label)
    if found is None:
        found = _core_of(label)
        if len(_CORES) < 10_000:  # the format's labels and their variants; not every text seen
            _CORES[label] = found
    return found


def _core_of(label: str) -> str:
    text = _norm(label)
    text = re.sub(r"^[(（]?[一二三四五六七八九十\d]+[)）.．、]", "", text)
    text = re.sub(r"[(（][一二三四五六七八九十]+[)）]", "", text)
    return re.sub(r"[\s\d.．、,，()（）“”\"/]", "", text)


#: the words of table 3's first row, as matched (一、 and punctuation removed)
_TABLE3_FIRST = _core_of(_TABLE3_FIRST_LABEL)


def _similar(seen: str, expected: str) -> float:
    if not seen or not expected:
        return 0.0
    if expected in seen or (seen in expected and len(seen) >= 2):
        return 1.0
    return difflib.SequenceMatcher(None, seen, expected).ratio()


def _contact(text: str) -> Contact | None:
    found = {}
    for key, pattern in _CONTACT.items():
        match = pattern.search(text)
        if match:
            found[key] = match.group(1).strip()
    return Contact(**found) if found else None


def _closing(parser: _Parser, lines: list[Line], agency: str) -> tuple[list[Line], tuple[str, ...]]:
    closing: list[str] = []
    rest = list(lines)
    while rest:
        last = rest[-1]
        text = last.text.strip()
        if (
            last.closing
            or _DATE.match(text)
            or (agency and _norm(text) == _norm(agency) and closing)
        ):
            closing.insert(0, text)
            rest.pop()
            continue
        break
    if closing:
        parser.note("closing", f"closing lines: {' / '.join(closing)}", rest[-1] if rest else None)
    return rest, tuple(closing)


def build(doc: Document) -> tuple[Report, list[Diagnostic]]:
    """The report in ``doc``; raises :class:`ParseError` when there is none."""
    parser = _Parser(doc)
    if not doc.lines:
        raise ParseError("no report found: the source is empty")
    found = parser.find_sections()
    parser.second_report(found)
    if not found and not any(_TABLE3_FIRST in _norm(ln.text) for ln in doc.lines):
        raise ParseError(
            "no report found: none of the six section headings "
            f"({SECTIONS[0].heading.zh} … {SECTIONS[-1].heading.zh}) "
            f"and no table 3 ({_TABLE3_FIRST_LABEL})"
        )
    first = min(found.values()) if found else 0
    title, front_lines = parser.front(list(doc.lines[:first]))
    match = _YEAR.search(title)
    year = int(match.group(1)) if match else None
    agency = _SPACE.sub("", title[: match.start()]) if match else ""
    front = [t for _l, t, _lv in parser.paragraphs(front_lines)]
    if year is None:
        for text in front:
            m = _YEAR.search(text)
            if m:
                year = int(m.group(1))
                parser.note(
                    "year-guessed",
                    f"no year in the title; {year} taken from the front matter",
                    None,
                    text,
                )
                break
    if year is None:
        raise ParseError("no report found: no year in the title or the front matter (e.g. 2023年)")
    if not title:
        parser.note("title-missing", "no title before section 1")
    elif not agency:
        parser.note("agency-missing", "no agency before the year in the title", None, title)
    edition = parser.edition(parser.region(found, _TABLE2.key), year)
    if edition is not Edition.for_year(year):
        parser.note(
            "edition",
            f"the tables follow the {edition.value} edition in a report on {year}",
        )
    key3, key4 = SHAPE_2021.numbered(3).key, SHAPE_2021.numbered(4).key
    region2 = parser.region(found, _TABLE2.key)
    usual = shapes(edition)[0]
    cells = parser.table2(region2, usual)
    region3 = parser.region(found, key3) if key3 in found else _anchor_region(doc)
    t3, shape = parser.table3(region3, edition)
    if shape.edition is not edition:  # fold its table 3 into the edition's first shape
        target = shapes(edition)[0]
        parser.note(
            "shape",
            f"table 3 is laid out as in the {shape.label.en} in a {edition.value}-edition "
            f"report; read as the {target.label.en}",
        )
        t3 = fold_cells(t3, shape, target, table=3)
        shape = target
    if shape.numbered(2) != usual.numbered(2):  # a shape whose table 2 is its own
        cells = parser.table2(region2, shape)
    cells.update(t3)
    cells.update(parser.table4(parser.region(found, key4), shape))
    for table in shape.tables:
        parser.orphans(parser.region(found, table.key))
    sections: dict[str, Section] = {}
    closing: tuple[str, ...] = ()
    for spec in SECTIONS:
        if not spec.narrative:
            continue
        lines = parser.region(found, spec.key)
        if spec is SECTIONS[-1]:  # the closing lines follow the last section
            lines, closing = _closing(parser, lines, agency)
        heading = doc.lines[found[spec.key]].text if spec.key in found else spec.heading.zh
        sections[spec.key] = parser.section(spec.key, lines, heading)
    meta = Meta(
        agency=agency,
        year=year,
        edition=edition,
        title=title,
        front_matter=tuple(front),
        contact=_contact("".join(front)),
        closing=closing,
    )
    parts: dict[str, Any] = {
        **sections,
        **tables_from_cells(shape, {p: cells[p] for p in shape.paths}),
    }
    report = Report(meta=meta, **parts)
    return report, parser.notes


def _anchor_region(doc: Document) -> list[Line]:
    lines = list(doc.lines)
    start = next((i for i, ln in enumerate(lines) if _TABLE3_FIRST in _norm(ln.text)), len(lines))
    end = next(
        (i for i in range(start, len(lines)) if _norm(lines[i].text).startswith(_TABLE4_FIRST)),
        len(lines),
    )
    return lines[start:end]
