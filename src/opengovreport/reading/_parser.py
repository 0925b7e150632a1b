"""From lines to a report: front matter, sections, narrative, and the three tables found by
their content wherever they stand."""

import enum
import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from ..builders import tables_from_cells
from ..model import CellValue, Heading, Meta, Paragraph, Report, Section
from ..schema import (
    SHAPE_2021,
    Leaf,
    Row,
    Shape,
    contact_of,
    contact_sentence,
    edition_words,
    shapes,
)
from ..totals import fold_cells
from ..values import Bounds, CellKind, Edition, Severity
from ._catalogue import kind
from ._lines import Document, Line
from ._tables import (
    BudgetError,
    Identities,
    RowMatch,
    Seen,
    best_affinity,
    core,
    line_tokens,
    match_rows,
    readings,
    row_cells,
    stream_rows,
    table_identities,
)
from ._values import is_value, read_value

__all__ = ["Diagnostic", "ParseError", "ParseResult", "ReadStatus", "Reading", "build"]


class ReadStatus(enum.Enum):
    """What became of a file read as a report: one of these for every file of a batch."""

    #: a report, every table and section found
    OK = "ok"
    #: a report, but some tables or sections are missing (``reason`` says which)
    PARTIAL = "partial"
    #: a PDF without a text layer (a scan): it needs OCR first
    NEEDS_OCR = "needs_ocr"
    #: readable, but holds no report (a notice, a list of links, a comparison of reports)
    NOT_A_REPORT = "not_a_report"
    #: could not be read at all (broken, too large, an old binary .doc, invalid report JSON)
    UNREADABLE = "unreadable"
    #: not read: not a file (a folder named like one)
    SKIPPED = "skipped"
    #: a report of an agency and year another file of the batch gave first (``reason`` names
    #: it): set aside, a corpus holds one report per agency and year
    DUPLICATE = "duplicate"

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


class ParseError(ValueError):
    """The source holds no report that can be read; the message says what is missing, and
    ``status`` what the source is instead (not a report, or unreadable)."""

    def __init__(self, message: str, status: "ReadStatus | None" = None):
        super().__init__(message)
        self.status = status or ReadStatus.NOT_A_REPORT


@attrs.frozen(kw_only=True)
class ParseResult:
    """What reading a published report gave: the report, or why there is none (``status``,
    ``reason``), every guess made on the way, the reader used, and how much was read.

    ``report`` is the report, or raises :class:`ParseError` saying why there is none;
    ``found`` is the report or ``None``.
    """

    found: Report | None
    status: ReadStatus
    diagnostics: tuple[Diagnostic, ...] = ()
    #: what the source was: ``text``, ``html``, ``markdown``, ``pdf``, ``docx``, ``json``
    format: str = "text"
    #: what turned it into text: ``text``, ``lxml`` (HTML), ``markdown``, ``pypdfium2``,
    #: ``pdftotext``, ``pdfplumber``, ``python-docx``, ``json``
    reader: str = "text"
    #: the file it came from, where it came from one
    source: str | None = None
    #: why there is no report, or what is missing from it (status ``partial``)
    reason: str | None = None
    #: the cells read as printed, rebuilt from the printed totals, and missing (not found or
    #: not readable), of the report's shape
    cells_read: int = 0
    cells_rebuilt: int = 0
    cells_missing: int = 0

    @property
    def report(self) -> Report:
        """The report; :class:`ParseError` with the reason when there is none."""
        if self.found is None:
            raise ParseError(self.reason or f"no report ({self.status.value})", self.status)
        return self.found

    @property
    def quality(self) -> float:
        """The share of the report's cells read as printed (rebuilt and missing ones are not):
        1.0 for a report read whole, 0.0 where there is none. Sort a corpus by it."""
        total = self.cells_read + self.cells_rebuilt + self.cells_missing
        return self.cells_read / total if total else 0.0

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

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        if self.found is None:
            return f"{where}{self.status}: {self.reason}"
        meta = self.found.meta
        errors = len(self.filter("error"))
        warnings = len(self.filter("warning"))
        return (
            f"{where}{self.status}: {meta.agency} {meta.year} ({self.format} via {self.reader}); "
            f"quality {self.quality:.2f}; {errors} errors, {warnings} warnings"
            + (f"; {self.reason}" if self.reason else "")
        )


@attrs.frozen
class Reading:
    """What :func:`build` gives besides the report: how many cells were read, rebuilt and
    missing, and what of the report is missing (for the status ``partial``)."""

    cells_read: int
    cells_rebuilt: int
    cells_missing: int
    gaps: tuple[str, ...]


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
_NUMERALS = "一二三四五六七八九十"


def _any_numeral(pattern: str) -> re.Pattern[str]:
    """A section's heading pattern with any numeral: a report that numbers its sections its own
    way, or prints the tables as an appendix numbered 一/二/三."""
    assert pattern.startswith("^"), pattern
    assert pattern[1] in _NUMERALS, pattern
    return re.compile(f"^[{_NUMERALS}]{{1,2}}" + pattern[2:])


_RENUMBERED = {spec.key: _any_numeral(spec.pattern) for spec in SECTIONS}
#: a section heading's number (一、)
_NUMBERING = re.compile(f"^[{_NUMERALS}]{{1,2}}[、.,．]?")
#: each section's heading as matched
_HEADINGS = {spec.key: _norm(spec.heading.zh) for spec in SECTIONS}
_TABLE2 = SHAPE_2021.numbered(2)
#: the header of a table 2 block's label column (信息内容)
_HEADER = (_TABLE2.parts[0].corner or _TABLE2.parts[0].band or _TABLE2.heading).zh
#: a table 2 block's band (第二十条第（一）项), as matched
_BAND = re.compile(r"第二十条第[(（]?[一二三四五六七八九十]+[)）]?项")
#: table 3's first row, which anchors the table where its section heading is missing
_TABLE3_FIRST_LABEL = SHAPE_2021.numbered(3).parts[0].leaves[0].label.zh
_TABLE4 = SHAPE_2021.numbered(4)
#: table 4's first group (行政复议), which anchors the table by its header
_TABLE4_FIRST = _TABLE4.parts[0].leaves[0].label.zh
#: words of table 4's column headers (结果维持 …), by which its header is told from a sentence
_TABLE4_COLUMNS = tuple(_norm(c.label.zh)[-2:] for c in _TABLE4.parts[0].columns[:2])
_HEADING_PATTERNS = (
    (1, re.compile(r"^[(（][一二三四五六七八九十]+[)）]")),
    (2, re.compile(r"^\d{1,2}[.．、](?!\d)")),
    (3, re.compile(r"^[(（]\d{1,2}[)）]")),
)
_YEAR = re.compile(r"((?:20|19)\d{2})\s*年")
_DATE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
#: where the agency's name ends in a title that starts with the year
_AGENCY_END = re.compile(r"(政府信息公开|政务公开|信息公开|年度报告|工作报告)")
#: a page's metadata as crawlers and site exports print it above the text (标题: …)
_METADATA = re.compile(
    r"^(标题|题目|文章标题|发布时间|发布日期|发文日期|成文日期|更新时间|文号|发文字号|发布机构|"
    r"发文机关|来源|信息来源|栏目|所属栏目|原文链接|链接|本地目录|索引号|主题分类|"
    r"体裁分类|页面链接与图片|页面链接|浏览次数|字号|作者)\s*[:：]"
)
_TITLE_KEYS = ("标题", "题目", "文章标题")
#: a site's path to the page (首页 > 政务公开 > …, 当前位置：…)
_BREADCRUMB = re.compile(
    r"^(?:首页|主页|网站首页)\s*[>›»/→]|^(?:当前位置|您的位置|您现在的位置)\s*[:：]"
)
#: a converter's or crawler's marker line (==== 正文 ====, 正文, 附件下载)
_MARKER = re.compile(r"^[=\-—*#_\s]*(正文|正文内容|全文|内容)[=\-—*#_\s:：]*$")
#: an appendix's heading (附件, 附件1：统计表): the tables printed after the text
_APPENDIX = re.compile(r"^附\s*件\s*[一二三四五六七八九十\d]*\s*[:：]?\s*\S{0,20}$")
_TABLE_KEYS = frozenset(spec.key for spec in SECTIONS if not spec.narrative)
#: a notice about reports (关于…的通知), not a report
_NOTICE = re.compile(r"^关于|通知$|通报$|意见$|的函$")


def _heading_level(text: str) -> int | None:
    if len(text) > 40 or "。" in text or text.endswith(("，", "；", "：", ":", ",")):
        return None
    for level, pattern in _HEADING_PATTERNS:
        if pattern.match(text):
            return level
    return None


def _has_values(found: tuple[list[str], str, bool]) -> bool:
    """Whether a line of a run of numbers holds values (not only unreadable ones)."""
    tokens, _words, unreadable = found
    return bool(tokens) and not unreadable


def _table4_header(line: Line) -> bool:
    """Whether a line may be the top of table 4's header: it starts with 行政复议, or is a row
    with a cell that is 行政复议."""
    if _norm(line.text).startswith(_TABLE4_FIRST):
        return True
    return line.row and any(_norm(c) == _TABLE4_FIRST for c in line.cells)


def _counts(values: Sequence[str]) -> bool:
    """Whether every cell of a row is a plain count (the usual row, read without a closer
    look)."""
    digits = "".join(values)
    return (
        digits.isdigit() and digits.isascii() and all(values) and max(map(len, values)) <= _DIGITS
    )


# --- the parser -----------------------------------------------------------------------------


class _Parser:
    def __init__(self, doc: Document):
        self.doc = doc
        self.lines = doc.lines
        self.notes: list[Diagnostic] = []
        #: the indentation of unindented lines (wrapped text starts a paragraph further in)
        self.base = min((ln.indent for ln in doc.lines), default=0)
        #: the title a page's metadata gives (标题: …)
        self.page_title = ""
        #: the cells rebuilt from the printed totals, and those not found or not readable
        self.rebuilt: set[str] = set()
        self.missing: set[str] = set()
        #: steps left for enumerating the readings of digits run together (all tables)
        self.budget = [_BUDGET]
        self.stream = doc.mode == "stream"
        self._firsts_of: tuple[tuple[Line, ...], list[str]] | None = None

    def note(self, code: str, message: str, line: Line | None = None, text: str = "") -> None:
        number = line.number if line is not None else None
        self.notes.append(Diagnostic.of(code, message, number, text))

    # the page around the report -------------------------------------------------------------

    def skip_page_lines(self) -> None:
        """Drop a page's metadata lines (标题: …, 发布时间: …) and converter marker lines
        (==== 正文 ====) above the report, keeping the page's title, with a note."""
        skipped: list[Line] = []
        keep: list[Line] = []
        lines = self.lines
        limit = min(len(lines), 40)
        for i, line in enumerate(lines[:limit]):
            text = line.text.strip()
            if line.row or not text:
                keep.append(line)
                continue
            match = _METADATA.match(text)
            if match:
                if match.group(1) in _TITLE_KEYS and not self.page_title:
                    self.page_title = text[match.end() :].strip()
                skipped.append(line)
            elif _BREADCRUMB.search(text) and len(text) <= 60:
                skipped.append(line)
            elif _MARKER.match(text):
                skipped.append(line)
                if i + 1 < limit:  # the text starts after the marker
                    keep = [ln for ln in keep if ln.row]
            else:
                keep.append(line)
        if skipped:
            self.lines = (*keep, *lines[limit:])
            shown = " / ".join(ln.text.strip()[:30] for ln in skipped[:4])
            self.note(
                "page-lines",
                f"{len(skipped)} line(s) of the page around the report skipped: {shown}",
                skipped[0],
                skipped[0].text.strip(),
            )

    # sections ----------------------------------------------------------------------------

    def _firsts(self) -> list[str]:
        """Each line's first non-empty cell, normalized, where it may start a section heading
        (computed once for the lines as they stand)."""
        if self._firsts_of is not None and self._firsts_of[0] is self.lines:
            return self._firsts_of[1]
        out = self._compute_firsts()
        self._firsts_of = (self.lines, out)
        return out

    def _compute_firsts(self) -> list[str]:
        out = []
        for line in self.lines:
            head = line.text.lstrip()[:1]
            if not head or head not in _NUMERALS or line.heading == 1:
                out.append("")
                continue
            first = next(filter(None, line.cells), "") if line.row else line.text
            first = first.lstrip()
            # a heading's keywords stand in its first characters: normalize no more than those
            out.append(_norm(first[:40]) if first[:1] in _NUMERALS else "")
        return out

    def _is_heading(self, i: int, text: str, pattern: re.Pattern[str]) -> bool:
        line = self.lines[i]
        return bool(
            text
            and pattern.match(text)
            and not any(is_value(c) for c in line.cells[1:])
            and len(text) <= 60
            and not _ends_sentence(line.text)
        )

    def find_sections(self) -> dict[str, int]:
        """Each section heading's line: in order, as numbered in the format."""
        found: dict[str, int] = {}
        start = 0
        firsts = self._firsts()
        for spec in SECTIONS:
            pattern = _SECTION_PATTERNS[spec.key]
            for i in range(start, len(self.lines)):
                if self._is_heading(i, firsts[i], pattern):
                    found[spec.key] = i
                    start = i + 1
                    break
        return found

    def renumbered_sections(self, found: dict[str, int]) -> None:
        """The headings not found in order, found anywhere with any numeral (a report that
        numbers its sections its own way, tables printed as an appendix 一/二/三)."""
        firsts = self._firsts()
        taken = set(found.values())
        for spec in SECTIONS:
            if spec.key in found:
                continue
            pattern = _RENUMBERED[spec.key]
            for i in range(len(self.lines)):
                if i not in taken and self._is_heading(i, firsts[i], pattern):
                    found[spec.key] = i
                    taken.add(i)
                    self.note(
                        "heading-renumbered",
                        f"section {spec.number} ({spec.heading.zh}) found under another "
                        "number or out of order",
                        self.lines[i],
                        self.lines[i].text,
                    )
                    break

    def heading_notes(self, found: dict[str, int]) -> None:
        for spec in SECTIONS:
            if spec.key not in found:
                continue
            line = self.lines[found[spec.key]]
            printed = line.text
            # a heading numbered otherwise is noted as such; its words are compared here
            words = _NUMBERING.sub("", _norm(printed))
            if words != _NUMBERING.sub("", _HEADINGS[spec.key]):
                known = {_NUMBERING.sub("", _norm(v)) for v in spec.variants}
                self.note(
                    "heading-variant" if words in known else "heading-unknown",
                    f"section {spec.number} heading read as {spec.heading.zh}",
                    line,
                    printed,
                )

    def second_report(self, found: dict[str, int]) -> bool:
        """Where a second report starts after this one's last section (its section 1 heading
        again, with its title just before): the lines from there are dropped, with an error,
        and never read as paragraphs of section 6."""
        if SECTIONS[0].key not in found:
            return False
        firsts = self._firsts()
        pattern = _SECTION_PATTERNS[SECTIONS[0].key]
        last = max(found.values())
        for i in range(last + 1, len(self.lines)):
            if firsts[i] and pattern.match(firsts[i]):
                start = i
                for j in range(i - 1, last, -1):  # its title, above its front matter
                    text = self.lines[j].text
                    title = _YEAR.search(_fold(text)) and "报告" in text and len(text) <= 80
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
                return True
        return False

    # where the tables stand ---------------------------------------------------------------

    def anchors(self) -> dict[int, int]:
        """Where each table's content starts, found by what it holds (by table number): table
        2 at its first band (第二十条第（一）项), table 3 at its first row (一、本年新收…),
        table 4 at its header (行政复议 over 结果维持 …)."""
        out: dict[int, int] = {}
        lines = self.lines
        for i, line in enumerate(lines):
            text = line.text
            if 2 not in out and "第二十条" in text:
                normed = _norm(text)
                if _BAND.search(normed) and (line.row or len(normed) <= 40):
                    out[2] = i
            if (
                3 not in out
                and _TABLE3_KEY in text
                and _TABLE3_FIRST in core(text)
                and not _ends_sentence(text)
            ):
                out[3] = i
            if 4 not in out and _TABLE4_FIRST in text and _table4_header(line):
                window = _norm(
                    " ".join(ln.text for ln in lines[i : i + 8] if not _ends_sentence(ln.text))
                )
                if all(word in window for word in _TABLE4_COLUMNS):
                    out[4] = i
            if len(out) == 3:
                break
        return out

    def starts(self, found: dict[str, int], anchors: dict[int, int]) -> dict[str, tuple[int, int]]:
        """Where each part of the report starts: (line, first line of its content) — a
        section's heading, or a table's content where its heading is missing or elsewhere."""
        out: dict[str, tuple[int, int]] = {}
        headings = sorted(found.values())
        for spec in SECTIONS:
            at = found.get(spec.key)
            anchor = anchors.get(spec.number) if not spec.narrative else None
            if anchor is not None and at is not None:
                later = [h for h in headings if h > at]
                if at <= anchor and (not later or anchor < min(later)):
                    anchor = None  # the table stands under its heading
                elif anchor + 1 == at:  # the header line above the heading
                    anchor = None
            if anchor is not None:
                if at is None:
                    self.note(
                        "table-by-content",
                        f"table {spec.number} found by its content; no heading "
                        f"{spec.heading.zh} above it",
                        self.lines[anchor],
                        self.lines[anchor].text[:40],
                    )
                else:
                    self.note(
                        "table-by-content",
                        f"table {spec.number} found by its content away from its heading",
                        self.lines[anchor],
                        self.lines[anchor].text[:40],
                    )
                out[spec.key] = (anchor, anchor)
            elif at is not None:
                out[spec.key] = (at, at + 1)
        tables = [s for key, (s, _) in out.items() if key in _TABLE_KEYS]
        for i, line in enumerate(self.lines):  # an appendix's heading ends the text above it
            if tables and i < min(tables) and _APPENDIX.match(line.text.strip()):
                out["appendix"] = (i, i + 1)
                break
        return out

    def region(self, starts: dict[str, tuple[int, int]], key: str) -> list[Line]:
        if key not in starts:
            return []
        at, first = starts[key]
        later = [s for s, _ in starts.values() if s > at]
        end = min(later) if later else len(self.lines)
        return list(self.lines[first:end])

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

    # cells ---------------------------------------------------------------------------------

    def value(self, text: str, bounds: Bounds, line: Line, where: str, path: str) -> CellValue:
        """The value of a printed cell; blank, with an error quoting it, where it is not what
        the cell can hold (a negative or fractional count, an amount beyond its places); blank,
        with a warning quoting it, where it cannot be read."""
        plain = text.isdigit() and text.isascii() and len(text) <= _DIGITS
        if plain and bounds.kind is not CellKind.AMOUNT:
            return int(text)  # the usual cell
        reading = read_value(text, bounds)
        value = reading.value
        if value is not None and not bounds.accepts(value):
            self.note(
                "impossible-value",
                f"{where}: {text!r} is not {bounds.what}; read as a blank cell",
                line,
                text,
            )
            self.missing.add(path)
            return None
        if reading.code == "blank-cell":
            self.note(reading.code, f"{where} × {_column_label(path)}: {reading.note}", line, text)
        elif reading.code is not None:
            self.note(reading.code, f"{where}: {reading.note}", line, text)
            if value is None and reading.code not in ("blank-mark", "blank-cell"):
                self.missing.add(path)
        return value

    def cells_of_row(
        self,
        values: list[str],
        paths: Sequence[str],
        bounds: Sequence[Bounds],
        line: Line,
        where: str,
    ) -> dict[str, CellValue]:
        """The cells of a row of as many values as columns, each in its own column."""
        return {
            path: self.value(text, b, line, where, path)
            for path, b, text in zip(paths, bounds, values, strict=True)
        }

    def fit(self, values: list[str], width: int, line: Line, where: str) -> list[str]:
        """``values`` as ``width`` cells: leading extra cells dropped, with a warning."""
        if len(values) > width:
            dropped = values[: len(values) - width]
            if any(dropped):
                self.note(
                    "spurious-cell",
                    f"{where}: {len(dropped)} extra cell(s) before the last {width} dropped",
                    line,
                    " ".join(dropped),
                )
            return values[-width:]
        return values

    def candidates(
        self,
        values: list[str],
        paths: Sequence[str],
        identities: Identities,
        line: Line,
        where: str,
    ) -> list[tuple[int, ...]] | None:
        """The readings of a row printed with fewer values than columns — its digits run
        together (``713000074``) — under which the identities within the row hold; ``None``
        where the row is no such run (then its cells are missing)."""
        tokens = [unicodedata.normalize("NFKC", v).strip() for v in values]
        if not tokens or not all(t.isdigit() and t.isascii() for t in tokens):
            return None
        if sum(map(len, tokens)) < len(paths):
            return None
        try:
            found = readings(tokens, len(paths), identities.within(paths), self.budget)
        except BudgetError:
            self.note(
                "rebuild-ambiguous",
                f"{where}: the digits {' '.join(values)} run together; too many readings to "
                "try; its cells are blank",
                line,
                " ".join(values),
            )
            return []
        return found

    def rows_of(self, lines: list[Line], width: int, starts_row: Any) -> list[Seen]:
        """The data rows of a table: (label, values, line, words after)."""
        if not self.stream:
            rows = []
            for line in lines:
                if line.row:
                    label, values = row_cells(line, width)
                    if values:
                        rows.append(Seen(label, values, line))
            return rows
        return stream_rows(lines, width, starts_row)

    def match(self, rows: list[Seen], names: Sequence[Sequence[str]], where: str) -> RowMatch:
        """The printed row of each of the format's rows, by label, with notes on what was
        guessed (rows placed by position are in ``by_position``; the caller notes the rows
        matched to none)."""
        matched = match_rows(rows, names, self.stream)
        if matched.labels_after:
            self.note(
                "labels-after",
                f"{where}: the row labels stand after their numbers; read so",
                rows[0].line if rows else None,
            )
        if matched.reordered:
            self.note(
                "row-order",
                f"{where}: the rows are printed in another order than the format's; each "
                "placed by its label",
                rows[0].line if rows else None,
            )
        return matched

    def label_note(self, label: str, names: Sequence[str], where: str, line: Line) -> None:
        """A note when ``label`` holds none of ``names`` (the cores of the row's names)."""
        if not label:
            return
        seen = core(label)
        if any(n in seen for n in names):
            return
        self.note("label-variant", f"{where}: read from a row labelled {label!r}", line, label)

    # table 2 ----------------------------------------------------------------------------

    def table2(self, lines: list[Line], shape: Shape) -> dict[str, CellValue]:
        cells: dict[str, CellValue] = {}
        table = shape.numbered(2)
        blocks = {str(b.key): b for b in table.parts}
        markers = [(key, _norm(b.band.zh if b.band else "")) for key, b in blocks.items()]
        spans: list[tuple[str, int, Line]] = []
        for i, line in enumerate(lines):
            if "第二十条" not in line.text:  # every block's band starts so
                continue
            text = _norm(line.text)
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
                self.note("block-missing", f"table 2: no {band} found; its cells are blank")
                self.missing.update(
                    p for each in block.leaves for p, _ in table_cells[(key, each.path)]
                )
                continue
            begin = starts[key] + 1
            end = min((i for _, i, _ in spans if i > starts[key]), default=len(lines))
            body = [ln for ln in lines[begin:end] if _HEADER not in ln.text.replace(" ", "")]
            width = len(block.columns)
            names = [_names(leaf.spec) for leaf in block.leaves]
            rows = self.rows_of(body, width, lambda words, n=names: _names_any(words, n))
            matched = self.match(rows, names, f"table 2 {band}")
            found_rows, by_position = matched.rows, matched.by_position
            for seen in matched.unmatched:
                self.note(
                    "row-ignored",
                    f"table 2 {band}: a row that is none of its rows was ignored",
                    seen.line,
                    " ".join([seen.label, *seen.values]).strip(),
                )
            for j, (leaf, found) in enumerate(zip(block.leaves, found_rows, strict=True)):
                spec = leaf.spec
                where = f"table 2 {band} {spec.label.zh}"
                row_paths = table_cells[(key, leaf.path)]
                paths = [p for p, _ in row_paths]
                if found is None:
                    self.note("row-missing", f"{where}: not found; its cells are blank")
                    self.missing.update(paths)
                    continue
                label, values, line, _after = found
                if j in by_position:
                    self.note(
                        "row-by-position",
                        f"{where}: its label cannot be read; placed by its position "
                        "(table 2 has no totals to confirm it)",
                        line,
                        label,
                    )
                else:
                    self.label_note(label, names[j], where, line)
                if len(values) > width:
                    extra = values[width:]
                    if any(extra):
                        self.note(
                            "spurious-cell", f"{where}: extra cells dropped", line, " ".join(extra)
                        )
                    values = values[:width]
                if len(values) < width:
                    rebuilt = self.rebuild_row(values, paths, line, where)
                    if rebuilt is not None:
                        cells.update(rebuilt)
                        continue
                    self.in_order(where, len(values), paths, line)
                for (path, bounds), text in zip(row_paths, values, strict=False):
                    cells[path] = self.value(text, bounds, line, where, path)
        return cells

    def in_order(self, where: str, count: int, paths: Sequence[str], line: Line) -> None:
        """A row of ``count`` values for the cells ``paths`` with nothing to say which are blank:
        the values go in their order, an error says so, and the cells after them are blank."""
        self.note(
            "cell-missing",
            f"{where}: {count} values for {len(paths)} cells, put in the first {count} columns "
            "by their order (nothing shows which cells are blank); the rest are blank",
            line,
        )
        self.missing.update(paths[count:])

    def rebuild_row(
        self, values: list[str], paths: Sequence[str], line: Line, where: str
    ) -> dict[str, CellValue] | None:
        """A row of table 2 (no totals) printed with its digits run together, read the one way
        there is; blank with a warning listing the readings where there are several; ``None``
        where it is no such run."""
        found = self.candidates(values, paths, _NO_IDENTITIES, line, where)
        if found is None:
            return None
        printed = " ".join(values)
        if len(found) == 1:
            self.note(
                "rebuilt",
                f"{where}: {printed!r} read as {' '.join(map(str, found[0]))}, the only reading "
                "of the digits run together",
                line,
                printed,
            )
            self.rebuilt.update(paths)
            return dict(zip(paths, found[0], strict=True))
        self._ambiguous(found, printed, line, where)
        self.missing.update(paths)
        return dict.fromkeys(paths)

    def _ambiguous(
        self, found: Sequence[tuple[int, ...]], printed: str, line: Line, where: str
    ) -> None:
        if not found:
            self.note(
                "rebuild-ambiguous",
                f"{where}: {printed!r} runs digits together and no reading fits the printed "
                "totals; its cells are blank",
                line,
                printed,
            )
            return
        shown = "; ".join(" ".join(map(str, f)) for f in found[:_SHOWN])
        more = f" (and {len(found) - _SHOWN} more)" if len(found) > _SHOWN else ""
        self.note(
            "rebuild-ambiguous",
            f"{where}: {printed!r} runs digits together and reads {len(found)} ways: "
            f"{shown}{more}; its cells are blank",
            line,
            printed,
        )

    # table 3 ----------------------------------------------------------------------------

    def table3(self, lines: list[Line], edition: Edition) -> tuple[dict[str, CellValue], Shape]:
        """Table 3's cells, and the shape whose table 3 it is (of ``edition`` where one fits)."""
        candidates = [*shapes(edition), *(x for x in shapes() if x.edition is not edition)]
        width = len(SHAPE_2021.numbered(3).parts[0].columns)
        every = _all_table3_names()
        rows = self.rows_of(lines, width, lambda words: _names_any(words, every))
        chosen = self._table3_shape(rows, candidates, edition)
        table = chosen.numbered(3)
        part = table.parts[0]
        info = _leaf_info(chosen)
        names = [names for _where, _paths, names in info]
        matched = self.match(rows, names, "table 3")
        found_rows, by_position = matched.rows, matched.by_position
        for row in matched.unmatched:
            self.note(
                "row-dropped",
                "table 3: a row that matches no row of the format was dropped",
                row.line,
                " ".join([row.label, *row.values]).strip(),
            )
        identities = table_identities(chosen, table)
        bounds = [c.bounds for c in part.columns]
        cells: dict[str, CellValue] = {}
        pending: dict[int, list[tuple[int, ...]]] = {}
        for j, ((where, paths, row_names), found) in enumerate(zip(info, found_rows, strict=True)):
            if found is None:
                cells.update(dict.fromkeys(paths))
                self.missing.update(paths)
                self.note("row-missing", f"{where}: not found; its cells are blank")
                continue
            label, values, line, _after = found
            if j not in by_position:
                self.label_note(label, row_names, where, line)
            if len(values) == width and _counts(values):
                cells.update(zip(paths, map(int, values), strict=True))  # the usual row
                continue
            values = self.fit(values, width, line, where)
            if len(values) < width:
                found_readings = self.candidates(values, paths, identities, line, where)
                if found_readings is not None and len(found_readings) == 1:
                    self._rebuilt_note(where, values, found_readings[0], line)
                    self.rebuilt.update(paths)
                    cells.update(zip(paths, found_readings[0], strict=True))
                    continue
                cells.update(dict.fromkeys(paths))
                if found_readings:
                    pending[j] = found_readings
                    continue
                if found_readings is None:
                    self.in_order(where, len(values), paths, line)
                    cells.update(
                        self.cells_of_row(
                            values, paths[: len(values)], bounds[: len(values)], line, where
                        )
                    )
                else:
                    self._ambiguous(found_readings, " ".join(values), line, where)
                    self.missing.update(paths)
                continue
            cells.update(self.cells_of_row(values, paths, bounds, line, where))
        if pending:
            self._settle(pending, info, found_rows, cells, identities)
        if by_position:
            self._confirm(by_position, info, found_rows, cells, identities, "table 3")
        return cells, chosen

    def _rebuilt_note(
        self, where: str, values: list[str], reading: tuple[int, ...], line: Line
    ) -> None:
        printed = " ".join(values)
        self.note(
            "rebuilt",
            f"{where}: {printed!r} read as {' '.join(map(str, reading))}, rebuilt from the "
            "printed totals (the digits run together)",
            line,
            printed,
        )

    def _settle(
        self,
        pending: dict[int, list[tuple[int, ...]]],
        info: Sequence[tuple[str, tuple[str, ...], tuple[str, ...]]],
        found_rows: Sequence[Seen | None],
        cells: dict[str, CellValue],
        identities: Identities,
    ) -> None:
        """Rows that read several ways: the one combination under which the table's identities
        hold, or blank with the readings listed."""
        order = sorted(pending)
        combos = 1
        for j in order:
            combos *= len(pending[j])
        solutions: list[tuple[tuple[int, ...], ...]] = []
        if combos <= _COMBINATIONS:
            among = [p for j in order for p in info[j][1]]
            for combo in itertools.product(*(pending[j] for j in order)):
                trial = dict(cells)
                for j, reading in zip(order, combo, strict=True):
                    trial.update(zip(info[j][1], reading, strict=True))
                if not identities.failing(trial, among):
                    solutions.append(combo)
                    if len(solutions) > 1:
                        break
        for k, j in enumerate(order):
            where, paths, _ = info[j]
            found = found_rows[j]
            assert found is not None
            if len(solutions) == 1:
                self._rebuilt_note(where, found.values, solutions[0][k], found.line)
                cells.update(zip(paths, solutions[0][k], strict=True))
                self.rebuilt.update(paths)
            else:
                self._ambiguous(pending[j], " ".join(found.values), found.line, where)
                self.missing.update(paths)

    def _confirm(
        self,
        by_position: frozenset[int],
        info: Sequence[tuple[str, tuple[str, ...], tuple[str, ...]]],
        found_rows: Sequence[Seen | None],
        cells: dict[str, CellValue],
        identities: Identities,
        what: str,
    ) -> None:
        """Rows placed by position are kept where the identities hold with them, with a
        warning; otherwise blank, with an error."""
        paths = [p for j in by_position for p in info[j][1]]
        failing = identities.failing(cells, paths)
        judged = any(
            all(cells.get(t.path) is not None for t in r.terms)
            for r in identities.relations
            if any(t.path in set(paths) for t in r.terms)
        )
        for j in sorted(by_position):
            where, row_paths, _ = info[j]
            found = found_rows[j]
            assert found is not None
            if not failing and judged:
                self.note(
                    "row-by-position",
                    f"{where}: its label {found.label!r} cannot be matched; placed by its "
                    f"position, where the identities of {what} hold",
                    found.line,
                    found.label,
                )
            else:
                why = "do not hold" if failing else "cannot confirm it"
                self.note(
                    "row-unplaced",
                    f"{where}: its label {found.label!r} cannot be matched, and the identities "
                    f"{why} with it placed by position; its cells are blank",
                    found.line,
                    " ".join([found.label, *found.values]).strip(),
                )
                cells.update(dict.fromkeys(row_paths))
                self.missing.update(row_paths)
                self.rebuilt.difference_update(row_paths)

    def _table3_shape(self, rows: list[Seen], candidates: list[Shape], edition: Edition) -> Shape:
        """The shape whose table 3 the rows are: the first with as many rows; or the first with
        a row label no other has among the rows read; or the edition's first."""

        def leaves(s: Shape) -> tuple[Leaf, ...]:
            return s.numbered(3).parts[0].leaves

        for candidate in candidates:
            if len(leaves(candidate)) == len(rows):
                return candidate
        cores = [core(r.label) for r in rows if r.label]
        for candidate in candidates:
            own = {core(leaf.label.zh) for leaf in leaves(candidate)}
            others = {
                core(leaf.label.zh) for c in candidates if c is not candidate for leaf in leaves(c)
            }
            distinct = [name for name in own - others if len(name) > 4]
            if any(best_affinity(seen, distinct) > 0.7 for seen in cores):
                return candidate
        fitting = [c for c in candidates if c.edition is edition]
        return min(fitting, key=lambda c: abs(len(leaves(c)) - len(rows)))

    # table 4 ----------------------------------------------------------------------------

    def table4(self, lines: list[Line], shape: Shape) -> dict[str, CellValue]:
        table = shape.numbered(4)
        part = table.parts[0]
        leaves = part.leaves
        width = len(part.columns)
        size = width * len(leaves)
        header, body = self._table4_lines(lines)
        order = self._group_rows(body, leaves, width)
        if order is None:
            order = self._group_order(header, leaves)
        if order is None:
            order = list(range(len(leaves)))
        # the cells in printed order: the groups as the header orders them
        paths = [f"{table.key}.{leaves[g].path}.{c.key}" for g in order for c in part.columns]
        kinds = [c.bounds for _ in order for c in part.columns]
        values: list[tuple[str, Line]] = []
        for line in body:
            if self.stream:
                row, _words, unreadable = line_tokens(line)
                if unreadable and not values:
                    continue
            else:
                if not line.row:
                    continue
                _label, row = row_cells(line, size)
            if len(row) > size and not self.stream:
                row = self.fit(row, size, line, "table 4")
            values.extend((v, line) for v in row)
        cells: dict[str, CellValue] = dict.fromkeys(paths)
        identities = table_identities(shape, table)
        first = values[0][1] if values else None
        texts = [v for v, _ in values]
        if len(values) < size and values:
            assert first is not None
            found = self.candidates(texts, paths, identities, first, "table 4")
            if found is not None and len(found) == 1:
                self._rebuilt_note("table 4", texts, found[0], first)
                self.rebuilt.update(paths)
                cells.update(zip(paths, found[0], strict=True))
                return cells
            if found:
                self._ambiguous(found, " ".join(texts), first, "table 4")
                self.missing.update(paths)
                return cells
        if len(values) != size:
            self.note(
                "cells-missing" if len(values) < size else "cells-extra",
                f"table 4: {len(values)} values where {size} were expected",
                first,
            )
        for path, bounds, (text, line) in zip(paths, kinds, values, strict=False):
            cells[path] = self.value(text, bounds, line, "table 4", path)
        self.missing.update(paths[len(values) :])
        if len(values) == size and self.stream and identities.failing(cells):
            self._table4_order(cells, paths, texts, identities, first)
        return cells

    def _table4_lines(self, lines: list[Line]) -> tuple[list[Line], list[Line]]:
        """Table 4's header lines (before its first value) and the lines of its values (to the
        first sentence or date after them)."""
        header: list[Line] = []
        body: list[Line] = []
        for line in lines:
            has_values = (
                _has_values(line_tokens(line))
                if self.stream
                else bool(line.row and row_cells(line, 15)[1])
            )
            if not body and not has_values:
                header.append(line)
                continue
            text = line.text.strip()
            if (
                body
                and not has_values
                and (_ends_sentence(text) or _DATE.match(text) or len(text) > 40)
            ):
                break
            if _DATE.match(text):
                break
            body.append(line)
        return header, body

    def _group_rows(self, body: list[Line], leaves: Sequence[Leaf], width: int) -> list[int] | None:
        """Table 4 printed a group a row (行政复议 | 9 | 2 | …), as converters and this
        library's text and Markdown print it: the group of each printed row, by its label;
        ``None`` where it is not so printed."""
        rows = self.rows_of(body, width, lambda words: False)
        if len(rows) != len(leaves) or not all(r.label and len(r.values) == width for r in rows):
            return None
        names = [(core(leaf.label.zh),) for leaf in leaves]
        matched = match_rows(rows, names, stream=False)
        if any(r is None for r in matched.rows) or matched.by_position:
            return None
        order = [next(j for j, r in enumerate(matched.rows) if r is row) for row in rows]
        if matched.reordered:
            printed = " ".join(leaves[k].label.zh for k in order)
            self.note(
                "table4-order",
                f"table 4: the groups are printed in the order {printed}; each group's values "
                "placed by its label",
                rows[0].line,
                printed,
            )
        return order

    def _group_order(self, header: list[Line], leaves: Sequence[Leaf]) -> list[int] | None:
        """The order of table 4's groups as its header prints them (行政复议, 未经复议直接起诉,
        复议后起诉), with a warning where it is not the format's; ``None`` where the header
        does not name them all."""
        text = _norm(" ".join(ln.text for ln in header))
        names = [_norm(leaf.label.zh) for leaf in leaves]
        positions: list[int] = []
        masked = text
        # longer names first: 复议后起诉 is found before the 行政复议 that is not part of it
        for k in sorted(range(len(names)), key=lambda k: -len(names[k])):
            at = masked.find(names[k])
            if at < 0:
                return None
            positions.append(at)
            masked = masked[:at] + "\0" * len(names[k]) + masked[at + len(names[k]) :]
        by_name = dict(
            zip(sorted(range(len(names)), key=lambda k: -len(names[k])), positions, strict=True)
        )
        order = sorted(range(len(names)), key=lambda k: by_name[k])
        if order != list(range(len(names))):
            printed = " ".join(leaves[k].label.zh for k in order)
            self.note(
                "table4-order",
                f"table 4: the groups are printed in the order {printed}; each group's values "
                "placed under its own header",
                header[0] if header else None,
                printed,
            )
        return order

    def _table4_order(
        self,
        cells: dict[str, CellValue],
        paths: list[str],
        texts: list[str],
        identities: Identities,
        first: Line | None,
    ) -> None:
        """Table 4's values one a line, in an order its group totals reject: the orders a
        converter scrambles them into (column by column) that its totals accept."""
        groups = len(paths) // 5 if len(paths) % 5 == 0 else 0
        if not groups or not all(t.isdigit() and t.isascii() for t in texts):
            return
        width = len(paths) // groups
        fits = []
        for name, index in (
            ("column by column", [c * groups + g for g in range(groups) for c in range(width)]),
        ):
            trial = dict(zip(paths, (int(texts[i]) for i in index), strict=True))
            if not identities.failing(trial):
                fits.append((name, trial))
        if len(fits) == 1:
            name, trial = fits[0]
            cells.update(trial)
            self.rebuilt.update(paths)
            self.note(
                "rebuilt",
                f"table 4: the values printed {name}; rebuilt from the group totals",
                first,
                " ".join(texts),
            )

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

    # edition and front matter ---------------------------------------------------------------

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

    def front(self, lines: list[Line]) -> tuple[str, list[Line]]:
        """The title (its lines joined) and the front matter's lines: the title is the first
        line, or the first that names a year and a report within the first lines."""
        start = 0
        head = "".join(ln.text for ln in lines[:3])
        if not (_YEAR.search(_fold(head)) and "报告" in head):
            for i, line in enumerate(lines[:8]):
                text = _fold(line.text)
                if (
                    _YEAR.search(text)
                    and "报告" in text
                    and len(text) <= 100
                    and not _ends_sentence(text)
                ):
                    start = i
                    break
        if start:
            self.note(
                "front-skipped",
                f"{start} line(s) above the title kept as front matter",
                lines[0],
                lines[0].text[:40],
            )
        title_lines: list[Line] = []
        for line in lines[start : start + 3]:
            if _ends_sentence(line.text) and title_lines:
                break
            title_lines.append(line)
            # a long title broken across lines may break inside 报告 itself (…年度报 / 告)
            if "报告" in "".join(ln.text.strip() for ln in title_lines) or line.heading == 1:
                break
        else:
            title_lines = lines[start : start + 1]
        if title_lines and _ends_sentence(title_lines[0].text) and len(title_lines[0].text) > 60:
            title_lines = []  # no title: the report starts with its front matter
        title = "".join(ln.text.strip() for ln in title_lines)
        rest = [*lines[:start], *lines[start + len(title_lines) :]]
        return title, rest


#: the most digits of a count read without a closer look (the largest count, 10¹², has 13)
_DIGITS = 12
#: the steps enumerating readings of digits run together may take in one document
_BUDGET = 200_000
#: a table without totals (table 2)
_NO_IDENTITIES = Identities(())
#: the readings of a run of digits a warning lists
_SHOWN = 6
#: the most combinations of rows' readings tried against the table's identities
_COMBINATIONS = 20_000

#: the table 2 column labels that tell each edition apart, as matched
_EDITION_WORDS = {e: tuple(_norm(label) for label in edition_words(e)) for e in Edition}

_LEAF_INFO: dict[Shape, tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]] = {}


def _column_label(path: str) -> str:
    """The printed label of the column of the cell at ``path`` (in whichever shape has it)."""
    for shape in shapes():
        try:
            return shape.cell(path).column_label.zh
        except KeyError:
            continue
    return path.rsplit(".", 1)[-1]  # pragma: no cover - a path the parser made is a shape's


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


_ALL_TABLE3: dict[tuple[Shape, ...], tuple[tuple[str, ...], ...]] = {}


def _all_table3_names() -> tuple[tuple[str, ...], ...]:
    """The names of every table 3 row of every shape (a line that holds one starts a row)."""
    registered = shapes()
    found = _ALL_TABLE3.get(registered)
    if found is None:
        found = _ALL_TABLE3[registered] = tuple(
            {names: None for s in registered for _, _, names in _leaf_info(s)}
        )
    return found


def _names_any(words: str, names: Sequence[Sequence[str]]) -> bool:
    """Whether ``words`` name one of the rows (by containment: cheap, and what a label line
    of a run of numbers holds)."""
    seen = core(words)
    return bool(seen) and any(n and n in seen for each in names for n in each)


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
    """The cores of a row's label and its variants."""
    key = (spec.label.zh, spec.variants)
    found = _NAMES.get(key)
    if found is None:
        found = _NAMES[key] = tuple(core(n) for n in key[:1] + key[1])
    return found


#: the words of table 3's first row, as matched (一、 and punctuation removed)
_TABLE3_FIRST = core(_TABLE3_FIRST_LABEL)
#: two of its characters a line must hold to be looked at closer
_TABLE3_KEY = _TABLE3_FIRST[2:4]


def _fold(text: str) -> str:
    """Full-width forms folded (２０２３ → 2023), spaces kept."""
    return unicodedata.normalize("NFKC", text)


def _closing(parser: _Parser, lines: list[Line], agency: str) -> tuple[list[Line], tuple[str, ...]]:
    closing: list[str] = []
    rest = list(lines)
    while rest:
        last = rest[-1]
        text = last.text.strip()
        if (
            last.closing
            or _DATE.match(_fold(text))
            or (agency and _norm(text) == _norm(agency) and closing)
        ):
            closing.insert(0, text)
            rest.pop()
            continue
        break
    if closing:
        parser.note("closing", f"closing lines: {' / '.join(closing)}", rest[-1] if rest else None)
    return rest, tuple(closing)


def _title_parts(title: str) -> tuple[int | None, str, int]:
    """The year a title names, the agency (before the year, or after it when the title starts
    with the year), and how many years it names."""
    folded = _fold(title)
    years = _YEAR.findall(folded)
    match = _YEAR.search(folded)
    if match is None:
        return None, "", 0
    year = int(match.group(1))
    agency = _SPACE.sub("", folded[: match.start()])
    if agency:
        agency = _SPACE.sub("", title[: _printed_index(title, folded, match.start())])
    else:
        rest = folded[match.end() :]
        rest = rest[1:] if rest.startswith("度") else rest
        end = _AGENCY_END.search(rest)
        agency = _SPACE.sub("", rest[: end.start()] if end else "")
    return year, agency, len(set(years))


def _printed_index(printed: str, folded: str, index: int) -> int:
    """The index in ``printed`` of the character at ``index`` in its folded form (NFKC keeps
    the length of the characters a title holds, but not of every character)."""
    if len(printed) == len(folded):
        return index
    for i in range(len(printed)):
        if len(unicodedata.normalize("NFKC", printed[:i])) >= index:
            return i
    return len(printed)


def build(doc: Document) -> tuple[Report, list[Diagnostic], Reading]:
    """The report in ``doc``; raises :class:`ParseError` when there is none."""
    parser = _Parser(doc)
    if not doc.lines:
        raise ParseError("no report found: the source is empty")
    parser.skip_page_lines()
    found = parser.find_sections()
    second = parser.second_report(found)
    parser.renumbered_sections(found)
    parser.heading_notes(found)
    anchors = parser.anchors()
    if not found and 3 not in anchors:
        raise ParseError(
            "no report found: none of the six section headings "
            f"({SECTIONS[0].heading.zh} … {SECTIONS[-1].heading.zh}) "
            f"and no table 3 ({_TABLE3_FIRST_LABEL})"
        )
    starts = parser.starts(found, anchors)
    gaps: list[str] = []
    for spec in SECTIONS:
        if spec.key not in starts:
            parser.note(
                "section-missing",
                f"no heading of section {spec.number} ({spec.heading.zh}) found"
                + ("" if spec.narrative else " and no table of its content"),
            )
            gaps.append(
                f"section {spec.number} ({spec.heading.zh}) not found"
                if spec.narrative
                else f"table {spec.number} not found"
            )
    lines = parser.lines
    first = min(s for s, _ in starts.values()) if starts else 0
    title, front_lines = parser.front(list(lines[:first]))
    if not title and parser.page_title:
        title = parser.page_title
        parser.note("title-from-page", "the title taken from the page's metadata", None, title)
    year, agency, years = _title_parts(title)
    front = [t for _l, t, _lv in parser.paragraphs(front_lines)]
    if title and (_NOTICE.search(_norm(title)) or years > 1):
        raise ParseError(
            f"not a report: the title {title[:60]!r} is "
            + ("a notice's" if years <= 1 else "a comparison's (it names two years)")
        )
    if year is None:
        for text in front:
            m = _YEAR.search(_fold(text))
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
        parser.note("agency-missing", "no agency in the title", None, title)
    region2 = parser.region(starts, _TABLE2.key)
    edition = parser.edition(region2, year)
    if edition is not Edition.for_year(year):
        parser.note(
            "edition",
            f"the tables follow the {edition.value} edition in a report on {year}",
        )
    key3, key4 = SHAPE_2021.numbered(3).key, _TABLE4.key
    usual = shapes(edition)[0]
    cells = parser.table2(region2, usual) if region2 else _blank(parser, usual, 2)
    region3 = parser.region(starts, key3)
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
    if shape.numbered(2) != usual.numbered(2) and region2:  # a table 2 of its own
        parser.missing.clear()
        cells = parser.table2(region2, shape)
        t3, _ = parser.table3(region3, edition)
    cells.update(t3)
    region4 = parser.region(starts, key4)
    cells.update(parser.table4(region4, shape) if region4 else _blank(parser, shape, 4))
    for table in shape.tables:
        parser.orphans(parser.region(starts, table.key))
    sections: dict[str, Section] = {}
    closing: tuple[str, ...] = ()
    narrative = [spec for spec in SECTIONS if spec.narrative]
    for spec in narrative:
        region = parser.region(starts, spec.key)
        if spec is narrative[-1]:  # the closing lines follow the last section
            region, closing = _closing(parser, region, agency)
        heading = lines[found[spec.key]].text if spec.key in found else spec.heading.zh
        sections[spec.key] = parser.section(spec.key, region, heading)
    contact = contact_of("".join(front))
    if contact is not None and contact_sentence(contact) in front:
        # the standard sentence is the contact details printed: they are held in meta.contact,
        # and every output prints the sentence from them, word for word
        front.remove(contact_sentence(contact))
        parser.note("contact-sentence", "the standard contact sentence read as the contact details")
    meta = Meta(
        agency=agency,
        year=year,
        edition=edition,
        title=title,
        front_matter=tuple(front),
        contact=contact,
        closing=closing,
    )
    parts: dict[str, Any] = {
        **sections,
        **tables_from_cells(shape, {p: cells[p] for p in shape.paths}),
    }
    report = Report(meta=meta, **parts)
    if second:
        gaps.append("a second report follows in the same source; only the first was read")
    missing = parser.missing & set(shape.paths)
    rebuilt = parser.rebuilt & set(shape.paths) - missing
    reading = Reading(
        cells_read=len(shape.paths) - len(missing) - len(rebuilt),
        cells_rebuilt=len(rebuilt),
        cells_missing=len(missing),
        gaps=tuple(gaps),
    )
    return report, parser.notes, reading


def _blank(parser: _Parser, shape: Shape, number: int) -> dict[str, CellValue]:
    """A table not found: its cells blank, and missing."""
    paths = [c.path for c in shape.cells if c.table == number]
    parser.missing.update(paths)
    return dict.fromkeys(paths)
