"""What reading gives: a status for every file, the report, and every diagnostic as data — a code
from the catalogue and its fields, its messages filled from the catalogue's templates."""

import enum
import functools
from collections.abc import Mapping
from typing import Any

import attrs

from ..errors import InputError
from ..model import Report, unchecked
from ..schema import Cell, Label, table_name
from ..values import Severity, check_lang
from ._catalogue import kind
from ._reason import Field, Reason, ReasonError, reason_codes, reasons_text
from ._vocabulary import of_registered

__all__ = [
    "Diagnostic",
    "Field",
    "ParseError",
    "ParseResult",
    "ReadStatus",
    "Reason",
    "ReasonError",
    "reason_codes",
    "reasons_text",
]


class ReadStatus(enum.Enum):
    """What became of a file read as a report: one of these for every file of a batch."""

    #: a report whose every cell was read in its own row and column and confirmed (by its label
    #: and an identity, or an unambiguous token), every table and section found
    OK = "ok"
    #: a report, but something is missing or guessed (``reason`` says what)
    PARTIAL = "partial"
    #: a scan (a PDF without a text layer, an image) and no OCR engine installed: ``reason``
    #: says which extra to install
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
    catalogue, :func:`diagnostic_kinds`, and its severity), where (the line, the table, the
    cells), what it saw, and the fields its message is filled from.

    ``message("zh")`` and ``message("en")`` fill the kind's template.
    """

    #: a stable code, e.g. ``label-variant``, ``blank-mark``, ``row-missing``
    code: str
    #: ``info`` (a variant read as expected), ``warning`` (a guess), ``error`` (data missing)
    severity: Severity
    #: the line in the source (1-based), where known
    line: int | None = None
    #: the text it saw
    text: str = ""
    #: the table it is about (2, 3, 4), where it is about one
    table: int | None = None
    #: the paths of the cells it is about (a cell, a row's cells, a table's)
    cells: tuple[str, ...] = ()
    #: the rest of what its message says, by name (``("count", 6)``, ``("readings", "…")``)
    fields: tuple[tuple[str, Field], ...] = ()

    @classmethod
    def of(
        cls,
        code: str,
        *,
        line: int | None = None,
        text: str = "",
        table: int | None = None,
        cells: tuple[str, ...] = (),
        **fields: Field,
    ) -> "Diagnostic":
        """A diagnostic of the kind ``code``, with the catalogue's severity (its table, where
        not given, that of its cells)."""
        if table is None and cells:
            first = cell_at(cells[0])
            table = first.table if first is not None else None
        kept = tuple([(k, v) for k, v in fields.items() if k != "variant" or v]) if fields else ()
        made: tuple[Any, ...] = (code, kind(code).severity, line, text, table, cells, kept)
        if cls is not Diagnostic:  # (a subclass: its own constructor)
            return cls(**dict(zip(_FIELDS, made, strict=True)))
        # the fields in attrs' order set by the slots' own setters: what the constructor makes
        # (no validator, converter or post-init), without a call by keywords (a dict of them)
        return _make_diagnostic(*made)

    @property
    def variant(self) -> str:
        """Which of its kind's messages it is (``""``: the usual one)."""
        found = self.field("variant")
        return str(found) if found is not None else ""

    def field(self, name: str) -> Field | None:
        """The field ``name``, or ``None``."""
        return next((v for k, v in self.fields if k == name), None)

    def message(self, lang: str = "en") -> str:
        """What happened, where, and what was done: the kind's template in ``lang``."""
        check_lang(lang)
        values: dict[str, str] = {"where": self.where(lang), "text": _quoted(self.text, lang)}
        variant = ""
        for name, value in self.fields:
            if name == "variant":
                variant = str(value)
            elif isinstance(value, Label):
                values[name] = value.text(lang)
            else:
                values[name] = str(value)
        template = kind(self.code).template(variant).text(lang)
        return template.format_map(_Missing(values))

    def where(self, lang: str = "en") -> str:
        """The table, row and column it is about, as printed (``表三 （二）部分公开 × 自然人``)."""
        given = self.field("where")
        if isinstance(given, Label):
            return given.text(lang)
        if not self.cells:
            return table_name(self.table).text(lang) if self.table else ""
        first = cell_at(self.cells[0])
        if first is None:
            return self.cells[0]
        table = table_name(first.table).text(lang)
        rows = {p.rsplit(".", 1)[0] for p in self.cells}
        if len(rows) > 1:  # a table's or a block's cells
            if first.table == 2 and len({r.split(".", 1)[0] for r in rows}) == 1:
                return f"{table} {first.row_labels[0].text(lang)}"
            return table
        row = first.row_label(lang)
        if len(self.cells) == 1:
            return f"{table} {row} × {first.column_label.text(lang)}"
        return f"{table} {row}"

    def to_dict(self) -> dict[str, Any]:
        """A plain mapping (JSON's types): the code, severity, line, text, table, cells,
        fields (a field in words of each language as ``{"zh": …, "en": …}``) and the message
        in each language. :meth:`from_dict` reads it back."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "line": self.line,
            "text": self.text,
            "table": self.table,
            "cells": list(self.cells),
            "fields": {
                k: {"zh": v.zh, "en": v.en} if isinstance(v, Label) else v for k, v in self.fields
            },
            "message": {"zh": self.message("zh"), "en": self.message("en")},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Diagnostic":
        """The diagnostic :meth:`to_dict` wrote."""
        return cls(
            code=data["code"],
            severity=Severity(data["severity"]),
            line=data.get("line"),
            text=data.get("text", ""),
            table=data.get("table"),
            cells=tuple(data.get("cells", ())),
            fields=tuple(
                (k, Label(v["zh"], v["en"]) if isinstance(v, dict) else v)
                for k, v in data.get("fields", {}).items()
            ),
        )

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line is not None else ""
        return f"{where}{self.severity.value} {self.code}: {self.message()}"


#: a diagnostic of its fields in order, made as its constructor makes it (:meth:`Diagnostic.of`)
_make_diagnostic = unchecked(Diagnostic)
_FIELDS = tuple(f.name for f in attrs.fields(Diagnostic))


def _quoted(text: str, lang: str) -> str:
    shown = " ".join(text.split())
    if len(shown) > 60:
        shown = shown[:59] + "…"
    return shown if lang == "zh" else repr(shown)


class _Missing(dict[str, str]):
    """Template values; a field the diagnostic does not have reads as empty."""

    def __missing__(self, key: str) -> str:
        return ""


@functools.cache
def _cells_of(registered: tuple[Any, ...]) -> Mapping[str, Cell]:
    out: dict[str, Cell] = {}
    for shape in registered:
        for cell in shape.cells:
            out.setdefault(cell.path, cell)
    return out


#: the cells of the shapes registered now, by path
_cell_ats = of_registered(_cells_of)


def cell_at(path: str) -> Cell | None:
    """The cell at ``path`` in whichever registered shape has it."""
    return _cell_ats().get(path)


class ParseError(InputError):
    """The source holds no report that can be read; the message says what is missing, and
    ``status`` what the source is instead (not a report, or unreadable). ``reasons`` are why,
    as data (:class:`Reason`), where the reader says it so; ``reason`` is the first of them
    (``None``: the message alone says why)."""

    def __init__(
        self,
        message: "str | Reason | tuple[Reason, ...]",
        status: "ReadStatus | None" = None,
    ):
        if isinstance(message, Reason):
            message = (message,)
        self.reasons: tuple[Reason, ...] = () if isinstance(message, str) else message
        self.reason = self.reasons[0] if self.reasons else None
        said = message if isinstance(message, str) else reasons_text(message)
        super().__init__(said or "")
        self.status = status or ReadStatus.NOT_A_REPORT

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), (self.reasons or str(self), self.status)


def failed_reason(exc: ParseError) -> Reason:
    """Why a :class:`ParseError` says there is no report, as a :class:`Reason`."""
    return exc.reason or Reason.of("damaged", error=str(exc))


@attrs.frozen(kw_only=True)
class ParseResult:
    """What reading a published report gave: the report, or why there is none (``status``,
    ``reason``), every guess made on the way, the reader used, and how its cells were read.

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
    #: why there is no report, or what is missing or guessed in it (status ``partial``), as
    #: data: :attr:`reason` and :meth:`reason_in` say them
    reasons: tuple[Reason, ...] = ()
    #: the cells of the report's shape: read as printed in their own row and column (a value
    #: or a blank the source shows); rebuilt (digits run together, split the one way the
    #: printed totals allow); guessed (placed where nothing confirms it); missing (not found,
    #: or not readable); of a scan, read by OCR: read with high confidence; repaired (read with
    #: low confidence, or not found, and given the one value its row's and column's identities
    #: allow)
    cells_read: int = 0
    cells_rebuilt: int = 0
    cells_guessed: int = 0
    cells_missing: int = 0
    cells_repaired: int = 0

    @property
    def reason(self) -> str | None:
        """Why there is no report, or what is missing or guessed in it, in English (``None``:
        nothing to say)."""
        return reasons_text(self.reasons)

    def reason_in(self, lang: str = "en") -> str | None:
        """:attr:`reason` in ``lang`` (``zh`` or ``en``)."""
        check_lang(lang)
        return reasons_text(self.reasons, lang)

    @property
    def report(self) -> Report:
        """The report; :class:`ParseError` with the reason when there is none."""
        if self.found is None:
            raise ParseError(self.reasons or (Reason.of("no-report"),), self.status)
        return self.found

    @property
    def quality(self) -> float:
        """The share of the report's cells read with their label and confirmed — by an
        unambiguous token (a value or a blank in its own column), or as the one reading the
        identities allow (``cells_read + cells_rebuilt + cells_repaired`` of all cells): 1.0 for
        a report read whole, 0.0 where there is none. Sort a corpus by it."""
        good = self.cells_read + self.cells_rebuilt + self.cells_repaired
        total = good + self.cells_guessed + self.cells_missing
        return good / total if total else 0.0

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
