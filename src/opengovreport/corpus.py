"""Many reports: a corpus API for analysts, pandas export, and year-over-year comparison.

:class:`Corpus` holds reports of many agencies and years, built from reports or read from a
folder of report JSON and published texts (parsed on the way, each file's diagnostics kept). It
checks every report and the rules across years, exports tidy and wide pandas frames (the
optional extra ``pandas``), and compares two years of one agency cell by cell. Reading and
checking can run on several processes (``workers=``) and give the same results as one.
"""

import contextlib
import datetime
import functools
import gc
import json
import multiprocessing
import operator
import os
import pickle
import re
import threading
import typing
import warnings
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from . import _workers
from ._frames import (
    Frames,
    Pairs,
    _pandas,
    finding_key,
    finding_row,
    findings_table,
    frames_of,
    own_findings_of,
)
from ._progress import Progress
from ._text import escape_controls
from .checks import CheckResult, Finding, check_series
from .comparison import CellChange, Comparison, compare
from .errors import ExtraMissingError, InputError, NotFoundError, WrongTypeError, said
from .io import dumps, loads
from .model import (
    CellValue,
    Report,
    built_report,
    pickle_by_fields,
    report_values,
)
from .reading import Diagnostic, Limits, ParseError, ParseResult, ReadStatus, Reason, read
from .reading._files import read_taking
from .reading._result import failed_reason, reasons_text
from .totals import comparable_cells
from .values import Severity, check_lang

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .benchmark import Benchmark, Peers
    from .flags import Thresholds

__all__ = [
    "CellChange",
    "Corpus",
    "Duplicate",
    "Entry",
    "ExcelTextWarning",
    "check_reports",
    "compare",
    "entry_of",
    "files_in",
    "read_entries",
    "set_aside",
]

#: the file endings a folder is read for (``.doc`` and ``.rtf`` to say how to convert them)
SUFFIXES = (
    ".json", ".txt", ".html", ".htm", ".md", ".markdown", ".pdf", ".docx", ".doc", ".rtf",
)  # fmt: skip


@pickle_by_fields
@attrs.frozen
class Duplicate:
    """A file whose report is of an agency and year another file gives too, set aside: with
    the same numbers, a duplicate; with different ones, a conflict, ``cells`` naming each cell
    that differs (its path, the value used and this file's).

    Of several files of one agency and year, the report used is the one published later (the
    date of its closing lines, 2024年1月20日; one with a date before one without), else the one
    read with higher quality, else the one more of the files give, else the first in order;
    ``why`` says which decided (``published``, ``quality``, ``agreement``, ``order``).
    """

    agency: str
    year: int
    #: this file, set aside
    source: str
    #: the file whose report is used
    kept: str
    #: each cell that differs: (path, the value used, this file's value); none for a duplicate
    cells: tuple[tuple[str, CellValue, CellValue], ...] = ()
    why: str = "order"
    #: this file's report
    report: Report | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def conflict(self) -> bool:
        """Whether the numbers differ."""
        return bool(self.cells)

    def message(self, lang: str = "en", *, cells: int = 5) -> str:
        """What it is, in ``lang``: the file used, and for a conflict the cells that differ
        (at most ``cells`` of them named) and why the other is used."""
        from ._messages import message
        from .values import format_value

        if not self.cells:
            return message("duplicate", lang, other=self.kept)
        shape = self.report.shape if self.report is not None else None
        named = []
        for path, used, this in self.cells[:cells]:
            label = path
            if shape is not None:
                with contextlib.suppress(KeyError):
                    label = shape.cell(path).label(lang)
            named.append(
                message(
                    "conflict.cell", lang, label=label, a=format_value(this), b=format_value(used)
                )
            )
        listed = ("；" if lang == "zh" else "; ").join(named)
        if len(self.cells) > cells:
            listed += message("conflict.more", lang)
        n = len(self.cells)
        return message(
            "conflict",
            lang,
            other=self.kept,
            agency=self.agency,
            year=self.year,
            n=n,
            s="s" if n != 1 else "",
            cells=listed,
            kept=self.kept,
            why=message(f"kept.{self.why}", lang),
        )


@pickle_by_fields
@attrs.frozen
class Entry:
    """One source of a corpus: its report, or why there is none, and the reader's diagnostics.

    ``status`` says what became of it (:class:`~opengovreport.ReadStatus`); ``error`` is one
    line saying why there is no report, where there is none, and ``reason`` what is missing
    from a ``partial`` one, both in English; ``reasons`` are the same as data
    (:class:`~opengovreport.Reason`), which :meth:`problem` and :meth:`reason_in` say in either
    language. ``format``, ``reader`` and ``quality`` are those of the
    :class:`~opengovreport.ParseResult` it was read into. A file set aside because another
    gives its agency and year has status ``duplicate`` and its :class:`Duplicate` (a
    duplicate, or a conflict naming the cells that differ).
    """

    source: str
    report: Report | None
    diagnostics: tuple[Diagnostic, ...] = ()
    error: str | None = None
    status: ReadStatus = ReadStatus.OK
    format: str = ""
    reader: str = ""
    quality: float | None = None
    reason: str | None = None
    duplicate: Duplicate | None = None
    reasons: tuple[Reason, ...] = ()

    @classmethod
    def failed(
        cls, source: str, reason: Reason, status: ReadStatus = ReadStatus.UNREADABLE
    ) -> "Entry":
        """The entry of ``source``, which holds no report for ``reason``."""
        return cls(source, None, error=reason.text("en"), status=status, reasons=(reason,))

    def problem(self, lang: str = "en") -> str:
        """Why the entry holds no report, in ``lang``: a duplicate or conflict in full; else
        its reasons (an entry recorded without them: its error in English, its status in
        Chinese)."""
        from ._messages import message

        if self.duplicate is not None:
            return self.duplicate.message(lang)
        said = reasons_text(self.reasons, lang)
        if said is not None:
            return said
        if lang == "en":
            return self.error or self.status.value
        return message(f"status.{self.status.value}", lang)

    def reason_in(self, lang: str = "en") -> str | None:
        """Why the entry holds no report (:meth:`problem`), or what is missing from a
        ``partial`` one, in ``lang``; ``None`` where nothing is (the files frame's
        ``reason``)."""
        from ._messages import message

        check_lang(lang)
        if _held(self) is None and (self.error or self.reasons or self.duplicate):
            return self.problem(lang)
        said = reasons_text(self.reasons, lang)
        if said is not None or self.reason is None:
            return said
        return self.reason if lang == "en" else message(f"status.{self.status.value}", lang)

    def how_read(self) -> dict[str, Any]:
        """Where the entry comes from and how it was read, as the files frame and ``check
        --json`` give them (an unknown format or reader ``None``)."""
        return {
            "source": self.source,
            "status": self.status.value,
            "format": self.format or None,
            "reader": self.reader or None,
            "quality": self.quality,
        }


class _Pending:
    """A report as a worker process sent it — its agency and year, and the pickle of its
    plain values (:func:`~.model.report_values`), one bytes object — made
    (:func:`~.model.built_report`) the first time it is asked for, and once: every caller gets
    the same object, whichever asked first and on whichever thread. Until then it holds
    those bytes only (100,000 reports: about 0.25 GB, against 0.9 GB as the values opened)."""

    __slots__ = ("_made", "_sent", "key")

    def __init__(self, key: tuple[str, int], sent: bytes) -> None:
        #: its agency and year
        self.key = key
        self._sent: bytes | None = sent
        self._made: Report | None = None

    def report(self) -> Report:
        """The report, made once."""
        sent = self._sent  # read before ``_made``: one set, the other let go, in that order
        made = self._made
        if made is not None:
            return made
        report = built_report(*pickle.loads(sent))  # type: ignore[arg-type]
        with _MAKING:
            if self._made is None:
                # in this order: a reader that found ``_sent`` still set finds ``_made`` set
                self._made = report
                self._sent = None
            return self._made


#: held while a report made from its values is kept (:meth:`_Pending.report`): two threads
#: that make one at once both return the one kept
_MAKING = threading.Lock()
#: the slot that holds an entry's report, or its values not yet made (:class:`_Pending`)
_REPORT_SLOT: Any = Entry.__dict__["report"]


class _EntryReport:
    """:attr:`Entry.report`: the report, made from its values where the entry holds them not
    yet made (an entry a worker process sent; :class:`_Pending`) — the same report each time,
    and the entry the same object with the same fields for every caller."""

    def __get__(self, entry: Entry | None, cls: type | None = None) -> Any:
        if entry is None:
            return self
        held = _REPORT_SLOT.__get__(entry, cls)
        return held.report() if type(held) is _Pending else held

    def __set__(self, entry: Entry, value: Any) -> None:
        _REPORT_SLOT.__set__(entry, value)


setattr(Entry, "report", _EntryReport())  # noqa: B010 (an attrs field's slot, wrapped)


def _held(entry: Entry) -> "Report | _Pending | None":
    """What ``entry`` holds for its report, not made where it is not yet."""
    held: Report | _Pending | None = _REPORT_SLOT.__get__(entry, Entry)
    return held


def _held_key(held: "Report | _Pending") -> tuple[str, int]:
    """The agency and year of a report, or of one not yet made."""
    return held.key if isinstance(held, _Pending) else _key(held)


def _made(held: "Report | _Pending") -> Report:
    """The report, made where it is not yet."""
    return held.report() if isinstance(held, _Pending) else held


class Reports(Sequence[Report]):
    """The reports of a corpus, in its order, each made from what a worker process sent the
    first time it is asked for (:attr:`~opengovreport.CheckResult.reports` of
    :meth:`Corpus.check`): a sequence equal to the tuple of its reports."""

    __slots__ = ("_held",)

    def __init__(self, held: Iterable["Report | _Pending"]) -> None:
        self._held = tuple(held)

    def __len__(self) -> int:
        return len(self._held)

    @typing.overload
    def __getitem__(self, i: int) -> Report: ...
    @typing.overload
    def __getitem__(self, i: slice) -> tuple[Report, ...]: ...
    def __getitem__(self, i: int | slice) -> Report | tuple[Report, ...]:
        if isinstance(i, slice):
            return tuple(map(_made, self._held[i]))
        return _made(self._held[i])

    def __iter__(self) -> Iterator[Report]:
        return map(_made, self._held)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Reports | tuple):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return repr(tuple(self))


_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def published(report: Report) -> datetime.date | None:
    """The date a report was published, as its closing lines print it (the last date in them),
    or ``None``."""
    found = None
    for line in report.meta.closing:
        for match in _DATE.finditer(line):
            with contextlib.suppress(ValueError):
                found = datetime.date(*map(int, match.groups()))
    return found


def _preference(entry: Entry) -> tuple[int, datetime.date, float]:
    assert entry.report is not None
    date = published(entry.report)
    return (date is not None, date or datetime.date.min, entry.quality or 0.0)


def set_aside(entries: Iterable[Entry]) -> list[Entry]:
    """``entries`` with one report of each agency and year. Of several files that give one, the
    report used is the one published later, else the one read with higher quality, else the
    one more of the files give (the same numbers), else the first in order. Each other file is
    set aside — status ``duplicate``, no report, and its :class:`Duplicate`: a duplicate of the
    file used, or of another file set aside, where its numbers are theirs; else a conflict
    with the file used, naming the cells that differ. The entries keep their order."""
    out = list(entries)
    groups: dict[tuple[str, int], list[int]] = defaultdict(list)
    for i, e in enumerate(out):
        held = _held(e)
        if held is not None:  # its report not made for this: only those of a group are
            groups[_held_key(held)].append(i)
    for key, found in groups.items():
        if len(found) < 2:
            continue
        cells = {i: comparable_cells(out[i].report) for i in found}  # type: ignore[arg-type]
        agree = {i: sum(cells[j] == cells[i] for j in found) for i in found}
        rank = {i: (*_preference(out[i]), agree[i], -i) for i in found}
        best = max(found, key=rank.__getitem__)
        kept = out[best]
        seen = [best]  # the files whose numbers are said: a set-aside copy names the first
        for i in found:
            if i == best:
                continue
            other = out[i]
            same = next((j for j in seen if cells[j] == cells[i]), None)
            if same is not None:
                dup = Duplicate(key[0], key[1], other.source, out[same].source, (), "order")
            else:
                mine, used = rank[i], rank[best]
                why = (
                    "published"
                    if mine[:2] != used[:2]
                    else "quality"
                    if mine[2] != used[2]
                    else "agreement"
                    if mine[3] != used[3]
                    else "order"
                )
                a, b = cells[best], cells[i]
                differ = tuple(
                    (p, a.get(p), b.get(p))
                    for p in sorted(a.keys() | b.keys())
                    if a.get(p) != b.get(p)
                )
                dup = Duplicate(key[0], key[1], other.source, kept.source, differ, why)
                seen.append(i)
            out[i] = attrs.evolve(
                other,
                report=None,
                status=ReadStatus.DUPLICATE,
                error=dup.message("en"),
                duplicate=attrs.evolve(dup, report=other.report),
            )
    return out


def _key(report: Report) -> tuple[str, int]:
    return (report.meta.agency, report.meta.year)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _reader(limits: Limits, format: str = "auto") -> Callable[[str], Entry]:
    return functools.partial(_read_file, limits=limits, format=format)


def _read_file(path: str, limits: Limits | None = None, format: str = "auto") -> Entry:
    """The entry of one file: never raises, whatever the file holds."""
    return _guarded(path, lambda: (read(path, format=format, limits=limits), None))[0]  # type: ignore[arg-type]


def read_file_taking(
    path: str, limits: Limits | None = None, format: str = "auto"
) -> tuple[Entry, bytes | None]:
    """:func:`_read_file`, and the bytes :func:`~opengovreport.reading._files.read_taking`
    took of the file (``None``: none, or the reading failed)."""
    return _guarded(path, lambda: read_taking(path, format=format, limits=limits))  # type: ignore[arg-type]


def _guarded(
    path: str, reading: Callable[[], tuple[ParseResult, bytes | None]]
) -> tuple[Entry, bytes | None]:
    """The entry of ``reading`` the file at ``path`` (and what it returns beside), never an
    exception: a broken link, a ``ParseError`` or a bug met on the file is the entry's."""
    try:
        if os.path.islink(path) and not os.path.exists(path):
            return Entry.failed(path, Reason.of("broken-link")), None
        result, taken = reading()
    except ParseError as exc:  # not a file at all
        return Entry.failed(path, failed_reason(exc)), None
    except Exception as exc:  # a bug met on this file: the others go on
        return Entry.failed(path, Reason.of("damaged", error=_one_line(said(exc)))), None
    return entry_of(path, result), taken


def entry_of(source: str, result: ParseResult) -> Entry:
    """The entry of what :func:`~opengovreport.read` made of ``source``."""
    found = result.found
    reason = _one_line(result.reason) if result.reason else None
    return Entry(
        source,
        found,
        result.diagnostics,
        error=reason if found is None else None,
        status=result.status,
        format=result.format,
        reader=result.reader,
        quality=result.quality if found is not None else None,
        reason=reason,
        reasons=result.reasons,
    )


#: an entry as a row of Parquet (name, Arrow type): what read() made of a file, its report as
#: report JSON and its diagnostics as JSON — ``entries.parquet`` of :meth:`Corpus.to_parquet`,
#: and the ``reports/`` part of an ingest dataset (with the file's hash and stamp beside)
ENTRY_FIELDS = (
    ("path", "string"),
    ("agency", "string"),
    ("year", "int32"),
    ("status", "string"),
    ("format", "string"),
    ("reader", "string"),
    ("quality", "float64"),
    ("error", "string"),
    ("reason", "string"),
    ("report", "string"),
    ("diagnostics", "string"),
    ("reasons", "string"),
)


def entry_record(
    entry: Entry, *, path: str | None = None, text: str | None = None
) -> dict[str, Any]:
    """The row of ``entry`` (:data:`ENTRY_FIELDS`): ``path`` its source unless given, ``text``
    its report's JSON where already written."""
    report = entry.report
    if report is not None and text is None:
        text = dumps(report, indent=None)
    return {
        "path": entry.source if path is None else path,
        "agency": report.meta.agency if report is not None else None,
        "year": report.meta.year if report is not None else None,
        "status": entry.status.value,
        "format": entry.format,
        "reader": entry.reader,
        "quality": entry.quality,
        "error": entry.error,
        "reason": entry.reason,
        "report": text if report is not None else None,
        "diagnostics": json.dumps([d.to_dict() for d in entry.diagnostics], ensure_ascii=False),
        "reasons": json.dumps([r.to_dict() for r in entry.reasons], ensure_ascii=False),
    }


def entry_of_record(row: dict[str, Any], *, report: bool = True) -> Entry:
    """The entry of a row :func:`entry_record` made (``report``: with its report, loaded
    from its JSON; a row written before ``reasons`` were recorded: none)."""
    diagnostics = tuple(Diagnostic.from_dict(d) for d in json.loads(row["diagnostics"]))
    reasons = tuple(Reason.from_dict(r) for r in json.loads(row.get("reasons") or "[]"))
    return Entry(
        row["path"],
        loads(row["report"]) if report and row["report"] is not None else None,
        diagnostics,
        error=row["error"],
        status=ReadStatus(row["status"]),
        format=row["format"],
        reader=row["reader"],
        quality=row["quality"],
        reason=row["reason"],
        reasons=reasons,
    )


def _pyarrow() -> None:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise ExtraMissingError(
            "Parquet needs pyarrow: pip install 'opengovreport[parquet]'"
        ) from None


def _records(
    source: Path, agencies: Iterable[str] | None, years: Iterable[int] | None
) -> list[dict[str, Any]]:
    """The rows of entries in ``source`` (a Parquet file or a folder of them), of ``agencies``
    and ``years`` where given (a file without a report has no agency nor year: kept only where
    neither is given), in order of their paths."""
    _pyarrow()
    import pyarrow as pa
    import pyarrow.dataset as ds

    try:
        data = ds.dataset(str(source), format="parquet")
        # files written by versions that recorded fewer columns (``reasons``): every column
        schemas = [f.physical_schema for f in data.get_fragments()]
        if len(schemas) > 1:
            unified = pa.unify_schemas(schemas)
            data = ds.dataset(str(source), format="parquet", schema=unified)
        condition = None
        if agencies is not None:
            condition = ds.field("agency").isin(list(agencies))
        if years is not None:
            chosen = ds.field("year").isin(list(years))
            condition = chosen if condition is None else condition & chosen
        rows: list[dict[str, Any]] = data.to_table(filter=condition).to_pylist()
    except (OSError, pa.ArrowException) as exc:
        raise InputError(f"{source}: cannot be read as entries ({exc})") from None
    rows.sort(key=lambda r: r["path"])
    return rows


def files_in(folder: "str | os.PathLike[str]", *, recursive: bool = True) -> list[str]:
    """The files in ``folder`` (and its subfolders) whose endings are in :data:`SUFFIXES`, but
    hidden ones and Office's lock files (``~$…``), in sorted order. ``ValueError`` when
    ``folder`` is not a folder."""
    root = Path(folder)
    if not root.is_dir():
        raise InputError(f"not a folder: {folder}")
    # the names ``root.rglob("*")`` (``glob``) gives, as strings: each entry of the folder and,
    # where recursive, of its subfolders but those reached by a link; a folder that may not be
    # listed gives none. Walked without a Path for each (100,000 files: 1.0–1.3 → 0.11 CPU s).
    top = str(root)
    found: list[str] = []
    folders = [top if top.endswith("/") else ("" if top == "." else top + "/")]
    while folders:
        prefix = folders.pop()
        try:
            with os.scandir(prefix or ".") as listed:
                entries = list(listed)
        except PermissionError:
            continue
        for entry in entries:
            name = entry.name
            if recursive and _is_folder(entry):
                folders.append(prefix + name + "/")
            dot = name.rfind(".")  # Path.suffix: the last dot's, neither first nor last
            suffix = name[dot:].lower() if 0 < dot < len(name) - 1 else ""
            if suffix in SUFFIXES and not name.startswith((".", "~$")):
                found.append(prefix + name)
    return sorted(found)


def _is_folder(entry: os.DirEntry[str]) -> bool:
    """Whether ``entry`` is a folder, not a link to one (as ``Path.rglob`` tells them)."""
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def read_entries(
    paths: Sequence[str],
    workers: int = 1,
    *,
    progress: bool = True,
    limits: Limits | None = None,
    format: str = "auto",
) -> list[Entry]:
    """An entry for each of ``paths``, in order, read on ``workers`` processes (``format``:
    what :func:`~opengovreport.read` is told they are); never raises for a file (see
    :meth:`Corpus.from_paths`)."""
    limits = limits or Limits()
    timeout = limits.seconds if workers > 1 else None
    with Progress(len(paths), "files", enabled=progress) as shown:
        return _workers.run(
            _reader(limits, format),
            list(paths),
            workers,
            failed=Entry.failed,
            progress=shown,
            timeout=timeout,
        )


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused meanwhile, and running again after where it was.

    For this process's part beside its workers: receiving what they send and checking the
    rules across years create many objects that live on (entries, frames, findings) and no
    reference cycles, and every collection of the oldest generation walks all of them again
    (100,000 files on two workers, a loaded machine: 0.9 CPU s of this process's 6.8 s
    receiving them, 2.1 s of its 6.0 s in the check). Nothing is kept longer: objects are
    freed when their last reference goes, as ever; a cycle made meanwhile is left to a
    collection of the oldest generation after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:  # unless the caller froze some itself
            # what was made meanwhile taken as old at once: else the young generation's next
            # collection walks all of it, and the middle one's after, before the oldest's
            gc.freeze()
            gc.unfreeze()
        if enabled:
            gc.enable()


def _on_forks(
    fn: Callable[[Any], Any],
    items: Sequence[Any],
    workers: int,
    *,
    failed: Callable[[Any, Reason], Any],
    progress: bool,
    unit: str,
    chunk: int | None = None,
) -> list[Any]:
    """:func:`_workers.run` of ``fn`` over ``items`` on this process and ``workers − 1``
    children, forked where the system can, so that they read the items (reports, frames) from
    this process's memory instead of receiving them. The collector's objects are frozen
    meanwhile, since a collection writes to every object it examines and would make each
    process copy the pages of what it only reads (100,000 reports on two processes: 10.4 s →
    7.5 s), unless the caller froze some itself."""
    fork = "fork" in multiprocessing.get_all_start_methods()
    freeze = workers > 1 and fork and gc.get_freeze_count() == 0
    if freeze:
        gc.freeze()
    try:
        with Progress(len(items), unit, enabled=progress) as shown:
            return _workers.run(
                fn,
                items,
                workers,
                failed=failed,
                progress=shown,
                context="fork" if fork else None,
                chunk=chunk,
            )
    finally:
        if freeze:
            gc.unfreeze()


def check_reports(
    reports: Sequence[Report], workers: int = 1, *, progress: bool = True
) -> tuple[Finding, ...]:
    """Every report's rules, and the rules across years (T1, T2) between the reports of each
    agency (one report per agency and year), on this process and ``workers − 1`` children
    (forked where the system can, so that they read the reports instead of receiving them);
    the same findings in the same order with any number of workers."""
    groups: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        groups[report.meta.agency].append(report)
    batches = [groups[a] for a in sorted(groups)]
    found = _on_forks(
        _check_group, batches, workers, failed=_check_failed, progress=progress, unit="agencies"
    )
    return tuple(sorted((f for batch in found for f in batch), key=finding_key))


def _check_group(reports: list[Report]) -> tuple[Finding, ...]:
    return check_series(reports).findings


def _check_failed(reports: list[Report], reason: Reason) -> tuple[Finding, ...]:
    # a child died checking these reports (killed from outside): check them here
    return _check_group(reports)


@attrs.frozen
class _Framed:
    """What a worker process sends back for one file: its entry and, where it holds a report,
    the report's frames (with the findings of its own rules) — the report at ``at`` in
    ``frames``, which a child sends for a few files at once (:func:`_pack`).

    Its report crosses as one bytes object, the pickle of its plain values
    (:func:`~.model.report_values`), which the process that receives it keeps unopened
    (:class:`_Pending`) and makes into the report only when it is asked for, without the
    constructors' checks (:func:`~.model.built_report`): the worker made the report with
    them, so each value is checked once, where the file is read, and the report made equals
    the report read."""

    entry: Entry
    frames: Frames | None = None
    at: int = 0

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return _framed_back, (*_sent(self.entry), self.frames, self.at)


#: an entry's field values but its report, in order
_ENTRY_OTHERS = operator.attrgetter(*(f.name for f in attrs.fields(Entry) if f.name != "report"))


def _sent(entry: Entry) -> tuple[Any, ...]:
    """What crosses to the parent of ``entry``: the entry itself where it holds no report;
    else its other fields, its report's agency and year, and the pickle of its report's
    values (:class:`_Pending`)."""
    held = _held(entry)
    if held is None:
        return (entry,)
    sent = held._sent if isinstance(held, _Pending) else None  # sent on, still unopened
    if sent is not None:
        key = _held_key(held)
    else:
        report = _made(held)
        key = _key(report)
        sent = pickle.dumps(report_values(report), pickle.HIGHEST_PROTOCOL)
    return (_ENTRY_OTHERS(entry), key, sent)


def _entry_back(*sent: Any) -> Entry:
    """The entry :func:`_sent` gave: its report made when asked for (:class:`_Pending`)."""
    if len(sent) == 1:
        entry: Entry = sent[0]
        return entry
    fields, key, blob = sent
    return Entry(fields[0], _Pending(key, blob), *fields[1:])  # type: ignore[arg-type]


def _framed_back(*sent: Any) -> _Framed:
    """What :meth:`_Framed.__reduce__` sent."""
    return _Framed(_entry_back(*sent[:-2]), sent[-2], sent[-1])


def _pack(done: list[_Framed]) -> tuple[list[tuple[Any, ...]], Frames | None]:
    """A few files' results as one message (:func:`_workers.run`): each entry as
    :func:`_sent` gives it, with where its report is in the frames of them all (−1: nowhere),
    and those frames — computed here for all of their reports at once, a column each (some
    6 % fewer instructions beyond the read than a report at a time and their frames joined)."""
    held = [i for i, r in enumerate(done) if _held(r.entry) is not None]
    reports: list[Report] = [done[i].entry.report for i in held]  # type: ignore[misc]
    try:
        frames = frames_of(reports) if reports else None
    except Exception:  # a bug met on one of them: each framed alone, that one not at all
        parts: list[Frames] = []
        for i, report in zip(list(held), reports, strict=True):
            try:
                parts.append(frames_of([report]))
            except Exception:  # its frames are made again where needed
                held.remove(i)
        frames = Frames.concat(parts) if parts else None
    at = {i: k for k, i in enumerate(held)}
    heads = [(*_sent(r.entry), at.get(i, -1)) for i, r in enumerate(done)]
    return heads, frames


def _unpack(sent: tuple[list[tuple[Any, ...]], Frames | None]) -> list[_Framed]:
    """The results :func:`_pack` sent, each holding the frames of them all."""
    heads, frames = sent
    return [
        _Framed(_entry_back(*head[:-1]), None if head[-1] < 0 else frames, max(head[-1], 0))
        for head in heads
    ]


#: the most files a worker is given at a time to read (its results sent a few at a time): at
#: about half a millisecond a file, a worker done with its last task waits at most some 30 ms
#: for the other (100,000 files in 16 tasks left one idle up to 3 s at the end)
_TASK_FILES = 64


#: the most files a worker sends in one message: this process pays for each message (its
#: wait, its reads, a turn of :func:`_workers.run`'s loop) about what it pays for the files'
#: values in it, so fewer and larger ones (20,000 files on 2 workers, with the selector of
#: ``run``: this process's CPU while they read 0.97–1.00 → 0.51–0.57 s)
_MESSAGE_FILES = 16


def _read_framed(path: str, limits: Limits | None = None, format: str = "auto") -> _Framed:
    """The entry of one file, its report's frames computed with those of the others sent with
    it (:func:`_pack`); never raises."""
    return _Framed(_read_file(path, limits, format))


def _read_framed_failed(path: str, reason: Reason) -> _Framed:
    return _Framed(Entry.failed(path, reason))


def _frames_at(reports: Sequence[Report], findings: bool, i: int) -> Frames:
    return frames_of([reports[i]], findings=findings)


def _frames_failed(reports: Sequence[Report], findings: bool, i: int, reason: Reason) -> Frames:
    # a child died on this report (killed from outside): its frames are made here
    return _frames_at(reports, findings, i)


def reports_frames(
    reports: Sequence[Report], workers: int = 1, *, findings: bool = True, progress: bool = True
) -> Frames:
    """The frames of ``reports`` (:func:`._frames.frames_of`), each report's on this process
    or one of ``workers − 1`` children (forked where the system can, so that they read the
    reports instead of receiving them), sent back as columns: the same frames with any number
    of workers."""
    if workers <= 1 or len(reports) < 2:
        with Progress(len(reports), "reports", enabled=progress) as shown:
            out = frames_of(reports, findings=findings)
            shown.advance(len(reports))
            return out
    parts = _on_forks(
        functools.partial(_frames_at, reports, findings),
        range(len(reports)),
        workers,
        failed=functools.partial(_frames_failed, reports, findings),
        progress=progress,
        unit="reports",
    )
    return Frames.concat(parts)


def frames_findings(frames: Frames, workers: int = 1) -> tuple[Finding, ...]:
    """Every finding of the reports of ``frames`` (:meth:`Frames.check_findings`: each one's
    own rules, computed with its frames, and the rules across years), the rules across years
    checked on this process and ``workers − 1`` children (forked where the system can, so that
    they read the frames instead of receiving them), a run of agencies each, and their findings
    joined in the agencies' order: the same findings in the same order with any number of
    workers."""
    if frames.findings is None:
        raise InputError("these frames were computed without the findings")
    if workers <= 1 or len(frames) < 2:
        return tuple(frames.check_findings())
    with _collector_paused():
        return _pair_findings_on_forks(frames, workers)


def _pair_findings_on_forks(frames: Frames, workers: int) -> tuple[Finding, ...]:
    """:func:`frames_findings` on ``workers`` processes (two or more)."""
    assert frames.findings is not None
    pairs = Pairs(frames)
    agencies = pairs.agencies
    # runs of agencies of about as many reports each, several a process
    size = max(1, len(frames) // (workers * 16))
    runs: list[list[list[int]]] = [[]]
    count = 0
    for rows in agencies:
        if count >= size:
            runs.append([])
            count = 0
        runs[-1].append(rows)
        count += len(rows)
    parts = _on_forks(
        pairs.findings,
        runs,
        workers,
        failed=_pairs_failed(pairs),
        progress=False,  # a short step after the frames', shown without a bar of its own
        unit="agencies",
        chunk=1,
    )
    found = [f for own in frames.findings for f in own]
    for part in parts:
        found.extend(part)
    return tuple(sorted(found, key=finding_key))


def _pairs_failed(pairs: Pairs) -> Callable[[list[list[int]], Reason], list[Finding]]:
    def failed(agencies: list[list[int]], reason: Reason) -> list[Finding]:
        # a child died checking these agencies (killed from outside): checked here
        return pairs.findings(agencies)

    return failed


class Corpus:
    """Reports of many agencies and years, one per agency and year."""

    #: the frames of its reports, in order, once computed (:meth:`_frames`)
    _held: Frames | None = None

    def __init__(self, reports: Iterable[Report] = (), *, entries: Iterable[Entry] = ()):
        """From ``reports`` (two of one agency and year raise ``ValueError``), or from the
        ``entries`` of :meth:`from_folder`: of several files of one agency and year, one is
        used and each other set aside (:func:`set_aside`: the one published later, else read
        with higher quality, else the first; the others are entries of status ``duplicate``
        whose :class:`Duplicate` says whether their numbers differ)."""
        # each report, or what a worker sent of it, made when first asked for (_Pending)
        self._index: dict[tuple[str, int], Report | _Pending] = {}
        kept = set_aside(entries)
        for entry in kept:
            held = _held(entry)
            if held is not None:
                self._index[_held_key(held)] = held
        for i, report in enumerate(reports):
            key = (report.meta.agency, report.meta.year)
            if key in self._index:
                raise InputError(
                    f"two reports of {key[0]} for {key[1]}; a corpus holds one per agency and year"
                )
            self._index[key] = report
            kept.append(Entry(f"<report {i}>", report))
        self._entries: tuple[Entry, ...] = tuple(kept)

    @classmethod
    def from_paths(
        cls,
        paths: Iterable["str | os.PathLike[str]"],
        *,
        workers: int = 1,
        progress: bool = True,
        limits: Limits | None = None,
    ) -> "Corpus":
        """Every report in ``paths`` — PDF, Word, web pages, Markdown, text, report JSON, told
        apart by their content — read on ``workers`` processes (this one and ``workers − 1``
        children), each path an entry in order.

        No file stops the others: each that holds no report is an entry with its status and a
        one-line reason (not a report, needs OCR, unreadable, a broken link, a folder), and a
        worker process that dies is replaced, its files read again. ``limits`` bound what a
        file may take (:class:`~opengovreport.Limits`); with two workers or more, a file that
        takes longer than ``limits.seconds`` is stopped and reported.
        """
        items = [os.fspath(p) for p in paths]
        if workers <= 1:  # the frames are computed when first needed
            return cls(entries=read_entries(items, workers, progress=progress, limits=limits))
        # each report's frames computed where it is read, and sent back as columns
        limits = limits or Limits()
        # under a time budget this process reads no file: it receives what the workers send
        paused = _collector_paused() if limits.seconds is not None else contextlib.nullcontext()
        with paused, Progress(len(items), "files", enabled=progress) as shown:
            read = _workers.run(
                functools.partial(_read_framed, limits=limits),
                items,
                workers,
                failed=_read_framed_failed,
                progress=shown,
                timeout=limits.seconds,
                # tasks of a few files: the workers end their last ones together
                chunk=max(1, min(len(items) // (workers * 8), _TASK_FILES)),
                pack=_pack,
                unpack=_unpack,
                batch=_MESSAGE_FILES,
            )
            corpus = cls(entries=[r.entry for r in read])
            corpus._adopt(read)  # emptied as the frames are concatenated
        return corpus

    @classmethod
    def from_folder(
        cls,
        folder: "str | os.PathLike[str]",
        *,
        recursive: bool = True,
        workers: int = 1,
        progress: bool = True,
        limits: Limits | None = None,
    ) -> "Corpus":
        """Every file in ``folder`` (and below it, ``recursive``) whose ending is one of
        :data:`SUFFIXES`, read as :meth:`from_paths` reads them, in sorted order."""
        paths = files_in(folder, recursive=recursive)
        return cls.from_paths(paths, workers=workers, progress=progress, limits=limits)

    @classmethod
    def from_parquet(
        cls,
        folder: "str | os.PathLike[str]",
        *,
        agencies: Iterable[str] | None = None,
        years: Iterable[int] | None = None,
    ) -> "Corpus":
        """The corpus :meth:`to_parquet` wrote in ``folder`` (its ``entries.parquet``), or of a
        dataset :func:`opengovreport.ingest.ingest` wrote (its ``reports/``) — or of the reports
        of some ``agencies`` and ``years`` in either: the same entries (reports, sources,
        statuses, diagnostics) as the corpus written, or as the files read in memory."""
        root = Path(folder)
        for source in (root / "entries.parquet", root / "reports"):
            if source.exists():
                rows = _records(source, agencies, years)
                return cls(entries=[entry_of_record(row) for row in rows])
        raise InputError(
            f"{root}: neither a corpus Corpus.to_parquet wrote (entries.parquet) nor a dataset "
            "of opengovreport.ingest (reports/)"
        )

    # access ------------------------------------------------------------------------------

    def __iter__(self) -> Iterator[Report]:
        return map(_made, self._index.values())

    def __len__(self) -> int:
        return len(self._index)

    def __contains__(self, key: object) -> bool:
        """Whether the corpus holds a report of ``(agency, year)``."""
        return key in self._index

    def previous(self, report: Report) -> Report | None:
        """The report of ``report``'s agency for the year before, where the corpus holds one
        (for the growths among the indicators)."""
        held = self._index.get((report.meta.agency, report.meta.year - 1))
        return None if held is None else _made(held)

    def __getitem__(self, key: tuple[str, int]) -> Report:
        try:
            held = self._index[key]
        except KeyError:
            raise NotFoundError(f"no report of {key[0]} for {key[1]}") from None
        return _made(held)

    def __repr__(self) -> str:
        failed = sum(1 for e in self.entries if _held(e) is None)
        return (
            f"Corpus({len(self)} reports, {len(self.agencies())} agencies"
            + (f", {failed} unreadable" if failed else "")
            + ")"
        )

    @property
    def entries(self) -> tuple[Entry, ...]:
        """Every source of the corpus in order — each file read (its report, or its status and
        why there is none, and the reader's diagnostics), and each report given — one entry
        each."""
        return self._entries

    @property
    def duplicates(self) -> tuple[Duplicate, ...]:
        """The files set aside because another gives their agency and year: duplicates (the
        same numbers) and conflicts (different numbers, the cells named)."""
        return tuple(e.duplicate for e in self.entries if e.duplicate is not None)

    @property
    def conflicts(self) -> tuple[Duplicate, ...]:
        """The files set aside whose numbers differ from those of the report used."""
        return tuple(d for d in self.duplicates if d.conflict)

    @property
    def errors(self) -> tuple[Entry, ...]:
        """The entries that hold no report, with why."""
        return tuple(e for e in self.entries if _held(e) is None)

    def summary(self) -> dict[str, int]:
        """How many entries were read (a report in each), failed (no report: not a report,
        unreadable, a second report of an agency and year) and skipped (not a file)."""
        skipped = sum(1 for e in self.entries if e.status is ReadStatus.SKIPPED)
        read = sum(1 for e in self.entries if _held(e) is not None)
        return {"read": read, "failed": len(self.entries) - read - skipped, "skipped": skipped}

    def agencies(self) -> list[str]:
        """The agencies, sorted."""
        return sorted({a for a, _ in self._index})

    def years(self, agency: str | None = None) -> list[int]:
        """The years (of one agency), sorted."""
        return sorted({y for a, y in self._index if agency is None or a == agency})

    def agency(self, name: str) -> list[Report]:
        """One agency's reports by year."""
        return [_made(self._index[(name, y)]) for y in self.years(name)]

    # checks ------------------------------------------------------------------------------

    def check(self, *, workers: int = 1, progress: bool = True) -> CheckResult:
        """Every report's rules, and the rules across years (T1, T2) for each agency; the same
        findings in the same order with any number of workers (this process and ``workers − 1``
        children, forked where the system can, so that they read its reports instead of
        receiving them). Each report's own rules are checked once, with its frames: where
        :meth:`from_paths` read the files on workers, or here."""
        frames = self._frames(findings=True, workers=workers, progress=progress)
        found = frames_findings(frames, workers)
        return CheckResult(found, Reports(self._index.values()))

    def compare(
        self,
        agency: str,
        years: "tuple[int, int] | int | None" = None,
        after: int | None = None,
        *,
        thresholds: "Thresholds | None" = None,
    ) -> Comparison:
        """Two years of one agency compared (see :func:`compare`): ``years`` as ``(before,
        after)``, or the agency's two latest years where not given (``compare(agency, 2022,
        2023)`` as well). ``thresholds`` flag the indicators. ``KeyError`` where the corpus
        has no report of the agency for a year; ``ValueError`` where it has one year only."""
        if isinstance(years, tuple):
            if after is not None:
                raise WrongTypeError("give the years as (before, after), or as before and after")
            first, last = years
        elif years is not None and after is not None:
            first, last = years, after
        elif years is None and after is None:
            held = self.years(agency)
            if not held:
                raise NotFoundError(f"no report of {agency}")
            if len(held) < 2:
                raise InputError(f"{agency} has a report of {held[0]} only: nothing to compare")
            first, last = held[-2], held[-1]
        else:
            raise WrongTypeError("give the years as (before, after), or as before and after")
        return compare(self[(agency, first)], self[(agency, last)], thresholds=thresholds)

    def benchmark(
        self,
        agency: str,
        year: int | None = None,
        *,
        peers: "Peers" = None,
        thresholds: "Thresholds | None" = None,
        codes: Sequence[str] | None = None,
    ) -> "Benchmark":
        """One agency's indicators in ``year`` (its latest where not given) among its peers'
        that year: rank, percentile, the group's median and quartiles, and flags with
        ``thresholds`` (see :func:`opengovreport.benchmark.benchmark`). ``peers``: ``None``
        (every other agency), ``"region"``, ``"level"``, a list of agency names, a mapping of
        agency → group, or a function of an agency's name giving its group."""
        from .benchmark import benchmark

        return benchmark(self, agency, year, peers=peers, thresholds=thresholds, codes=codes)

    # pandas ------------------------------------------------------------------------------

    def to_frame(self) -> "pd.DataFrame":
        """A tidy frame: one row per cell of every report, report after report.

        Columns: ``agency``, ``year``, ``source`` (the file it was read from; missing for a
        report given), ``edition``, ``table`` (2, 3, 4), ``row`` (its path in
        the table), ``column``, ``path``, ``row_label``, ``column_label`` (Chinese as printed),
        ``value`` (float; amounts in their printed unit), ``blank``, and ``derived``: the 2021
        （六） items are also summed into the one 2019 row, so that series across editions work.
        """
        return self._frames().tidy()

    def to_wide(self, lang: str | None = None) -> "pd.DataFrame":
        """One row per report, sorted by agency and year: ``agency``, ``year``, ``edition``,
        ``shape``, ``source`` (the file, where read from one) and ``status``, then every cell
        of every shape's three tables — both editions aligned on their paths, the 2021 （六）
        items both itemized and summed into the one row — as nullable integers (amounts as
        nullable floats, in their printed unit); a cell a report's shape lacks is missing.

        Cell columns are named by path, or by their printed labels in ``lang`` (``"zh"``,
        ``"en"``).
        """
        return self._frames().wide(lang)

    def indicators_frame(self) -> "pd.DataFrame":
        """The standard indicators of every report (:data:`opengovreport.schema.INDICATORS`),
        one row per report sorted by agency and year: ``agency``, ``year``, ``edition``,
        ``source``, then one nullable float column per indicator (``<NA>`` where a cell it
        needs is blank or its denominator is 0; a growth where last year's report is in the
        corpus)."""
        return self._frames().indicators_frame()

    def findings_frame(self, result: CheckResult | None = None) -> "pd.DataFrame":
        """The findings of a check of this corpus (:meth:`check` where not given), one row
        each, with the file each report was read from (``source``)."""
        _pandas()
        if result is None:
            result = self.check(progress=False)
        sources = self._sources()
        return findings_table(
            [finding_row(f, sources.get((f.agency, f.year))) for f in result.findings]
        )

    def files_frame(self, lang: str = "en") -> "pd.DataFrame":
        """One row per entry (each file read, each report given): ``source``, ``status``,
        ``format``, ``reader``, ``quality``, ``agency``, ``year`` (of its report, where it
        holds one), how many ``errors`` and ``warnings`` the reader gave, and the ``reason``
        (why there is no report, or what is missing from it) in ``lang``. Sort by ``quality``
        to see the files to look at first."""
        check_lang(lang)
        return files_table([file_row(e, lang=lang) for e in self.entries])

    def flags_frame(self, thresholds: "Thresholds", *, lang: str = "zh") -> "pd.DataFrame":
        """The flags ``thresholds`` raise on every report's indicators, one row each, sorted
        by agency and year: ``agency``, ``year``, ``indicator``, ``value``, ``level``
        (``warn``, ``alert``), ``direction``, ``line`` (the line crossed) and ``message``
        (in ``lang``)."""
        from .flags import flags_rows

        pdm = _pandas()
        frame = pdm.DataFrame(flags_rows(self, thresholds, lang), columns=list(_FLAG_COLUMNS))
        for column in ("agency", "indicator", "level", "direction", "message"):
            frame[column] = frame[column].astype("string")
        frame["year"] = frame["year"].astype("Int64")
        for column in ("value", "line"):
            frame[column] = frame[column].astype("Float64")
        out: pd.DataFrame = frame
        return out

    def diagnostics_frame(self, lang: str = "en") -> "pd.DataFrame":
        """Every diagnostic of every file read, one row each: ``source``, ``code``,
        ``severity``, ``line``, ``message`` (in ``lang``), ``text`` (what the reader saw)."""
        pdm = _pandas()
        rows = [
            {
                "source": e.source,
                "code": d.code,
                "severity": d.severity.value,
                "line": d.line,
                "message": d.message(lang),
                "text": d.text,
            }
            for e in self.entries
            for d in e.diagnostics
        ]
        frame = pdm.DataFrame(
            rows, columns=["source", "code", "severity", "line", "message", "text"]
        )
        for column in ("source", "code", "message", "text"):
            frame[column] = frame[column].astype("string")
        frame["severity"] = pdm.Categorical(
            frame["severity"], categories=[s.value for s in sorted(Severity, key=lambda s: s.rank)]
        )
        frame["line"] = frame["line"].astype("Int64")
        out: pd.DataFrame = frame
        return out

    # exports ------------------------------------------------------------------------------

    def to_html(
        self,
        path: "str | os.PathLike[str] | None" = None,
        *,
        result: CheckResult | None = None,
        lang: str = "zh",
        peers: "Peers" = None,
        thresholds: "Thresholds | None" = None,
        tables: int | None = 1000,
    ) -> str:
        """One standalone page of the corpus: a table of its reports — status, findings by
        severity, key indicators and each one's percentile among the reports of its year in
        its peer group (``peers``, as :meth:`benchmark` takes them), the flags of
        ``thresholds`` where given, source — sortable by any column (a click on its header; a
        few lines of inline script, no external resource), each linked to its tables below
        with the findings highlighted (the tables of at most ``tables`` reports, the worst
        findings first; ``None``: all); then the files that hold no report, with why. Written
        to ``path`` where given; the page is returned either way. ``result``: a check of the
        corpus already made (else it is checked)."""
        from ._corpus_html import corpus_html

        text = corpus_html(self, result, lang, peers=peers, thresholds=thresholds, tables=tables)
        if path is not None:
            Path(path).write_text(text, encoding="utf-8")
        return text

    def to_excel(
        self,
        path: "str | os.PathLike[str]",
        *,
        lang: str = "zh",
        thresholds: "Thresholds | None" = None,
    ) -> None:
        """One workbook (the extra ``excel``: openpyxl) with a sheet each for the wide frame
        (columns named by their printed labels in ``lang``), the indicators (each rate shown as
        a percentage, the counts it divides beside it), the findings of a check and the files
        read — sheets and headers in ``lang``, header rows frozen, columns as wide as what they
        hold — and, with ``thresholds``, the flags their indicators raise
        (:meth:`flags_frame`).

        Text from files is written as text, never as a formula (``=HYPERLINK(…)``, ``+…``,
        ``@…`` are cells of text, marked so that Excel keeps them text when edited), and a
        character a workbook cannot hold or that would drive a terminal (ESC, NUL, a bidi
        override) is written as its escape (``\\x1b``), as the command line shows it: the
        export never fails for what a file holds, and a :class:`ExcelTextWarning` names the
        cells so written."""
        pdm = _pandas()
        try:
            import openpyxl  # noqa: F401
        except ImportError:
            raise ExtraMissingError(
                "Excel export needs openpyxl: pip install 'opengovreport[excel]'"
            ) from None
        from ._messages import message

        sheets = {
            "reports": self.to_wide(lang=lang),
            "indicators": _with_counts(self.indicators_frame(), list(self)),
            "findings": self.findings_frame(),
            "files": self.files_frame(lang),
        }
        if thresholds is not None:
            sheets["flags"] = self.flags_frame(thresholds, lang=lang)
        escaped: list[str] = []
        with pdm.ExcelWriter(path, engine="openpyxl") as writer:
            for key, frame in sheets.items():
                name = message(f"sheet.{key}", lang)
                frame = _excel_safe(frame, name, escaped)
                formats = _number_formats(key, frame)
                frame = frame.rename(columns=lambda c: _excel_header(str(c), lang))
                frame.to_excel(writer, sheet_name=name, index=False)
                sheet = writer.sheets[name]
                _text_cells(sheet)
                for (r, c), number_format in formats.items():
                    sheet.cell(row=r, column=c).number_format = number_format
                sheet.freeze_panes = "C2" if key in ("reports", "indicators") else "A2"
                for i, column in enumerate(frame.columns, start=1):
                    cells = [str(column), *(str(v) for v in frame[column].head(200))]
                    width = max(_display_width(text) for text in cells)
                    letter = sheet.cell(row=1, column=i).column_letter
                    sheet.column_dimensions[letter].width = min(60, width + 2)
        if escaped:
            shown = _EXCEL_ESCAPED[lang if lang in _EXCEL_ESCAPED else "en"]
            more = " …" if len(escaped) > 10 else ""
            warnings.warn(
                shown.format(n=len(escaped), cells=", ".join(escaped[:10]) + more),
                ExcelTextWarning,
                stacklevel=2,
            )

    def to_parquet(self, folder: "str | os.PathLike[str]") -> dict[str, Path]:
        """The corpus as Parquet files in ``folder`` (the extra ``parquet``: pyarrow): its
        frames for analysis — ``reports.parquet`` (the wide frame), ``cells.parquet`` (the
        tidy frame), ``indicators.parquet``, ``findings.parquet``, ``files.parquet`` — and
        ``entries.parquet``, every entry with its report as JSON, from which
        :meth:`from_parquet` makes the same corpus again. Returns the paths."""
        _pandas()
        _pyarrow()
        import pyarrow as pa
        import pyarrow.parquet as pq

        root = Path(folder)
        root.mkdir(parents=True, exist_ok=True)
        frames = {
            "reports": self.to_wide,
            "cells": self.to_frame,
            "indicators": self.indicators_frame,
            "findings": self.findings_frame,
            "files": self.files_frame,
        }
        out = {}
        for name, make in frames.items():
            out[name] = root / f"{name}.parquet"
            make().to_parquet(out[name], engine="pyarrow", index=False)
        schema = pa.schema([(name, getattr(pa, kind)()) for name, kind in ENTRY_FIELDS])
        rows = [entry_record(e) for e in self.entries]
        out["entries"] = root / "entries.parquet"
        pq.write_table(pa.Table.from_pylist(rows, schema=schema), out["entries"])
        return out

    def _holders(self) -> list[int]:
        """The entries that hold the corpus's reports, by their index, in the corpus's order."""
        order = {key: k for k, key in enumerate(self._index)}
        held = {}
        for i, e in enumerate(self.entries):
            report = _held(e)
            if report is not None:
                key = _held_key(report)
                if self._index.get(key) is report:
                    held[i] = order[key]
        return sorted(held, key=held.__getitem__)

    def _frames(
        self, *, findings: bool = False, workers: int = 1, progress: bool = False
    ) -> Frames:
        """The frames of the corpus's reports, in its order, with each one's source and status
        (with the findings of each report's own rules, where ``findings``): computed once, on
        ``workers`` processes, and kept (a corpus does not change)."""
        held = self._held
        if held is not None and (held.findings is not None or not findings):
            return held
        entries = [self.entries[i] for i in self._holders()]
        reports: list[Report] = [e.report for e in entries]  # type: ignore[misc]
        if held is not None and workers <= 1:  # the frames without the findings: those alone
            held = self._held = attrs.evolve(held, findings=own_findings_of(reports))
            return held
        made = reports_frames(reports, workers, findings=findings, progress=progress)
        held = self._held = made.with_sources(
            [e.source for e in entries], [e.status.value for e in entries]
        )
        return held

    def _adopt(self, read: list[Any]) -> None:
        """Keep the frames computed where the files were read (``read``: what was sent of each
        entry, in order), those of the reports it holds: each run of reports sent together
        taken as it came, each run of reports without frames (read here, or whose frames
        failed there) framed here at once. ``read`` is emptied as they are concatenated, so
        that they are not held twice."""
        holders = self._holders()
        if any(i >= len(read) for i in holders):
            return  # reports given besides the files: computed when needed

        def taken() -> Iterator[Frames]:
            run: Frames | None = None  # the frames of the run of reports being taken
            start = stop = 0
            alone: list[Report] = []  # the run of reports without frames being taken
            for i in holders:
                found: _Framed = read[i]
                read[i] = None
                if found.frames is not None and found.frames is run and found.at == stop:
                    stop += 1
                    continue
                if run is not None:
                    yield run.cut(start, stop)
                    run = None
                if found.frames is None:
                    alone.append(self.entries[i].report)  # type: ignore[arg-type]
                    continue
                if alone:
                    yield frames_of(alone)
                    alone = []
                run, start, stop = found.frames, found.at, found.at + 1
            if run is not None:
                yield run.cut(start, stop)
            if alone:
                yield frames_of(alone)

        entries = [self.entries[i] for i in holders]
        self._held = Frames.concat(taken()).with_sources(
            [e.source for e in entries], [e.status.value for e in entries]
        )

    def _sources(self) -> dict[tuple[str, int], str]:
        """The source of each report of the corpus (the entry it came from)."""
        return {_held_key(_held(e)): e.source for e in (self.entries[i] for i in self._holders())}  # type: ignore[arg-type]


def file_row(
    e: Entry, agency: str | None = None, year: int | None = None, lang: str = "en"
) -> dict[str, Any]:
    """An entry as a row of the files frame (``agency`` and ``year``: those of its report, for
    an entry read without it; its reason in ``lang``)."""
    held = _held(e)
    if held is not None:  # its report not made for this
        agency, year = _held_key(held)
    return {
        **e.how_read(),
        "agency": agency,
        "year": year,
        "errors": sum(1 for d in e.diagnostics if d.severity is Severity.ERROR),
        "warnings": sum(1 for d in e.diagnostics if d.severity is Severity.WARNING),
        "reason": e.reason_in(lang),
    }


def files_table(rows: Sequence[dict[str, Any]]) -> "pd.DataFrame":
    """The files frame of ``rows`` (:func:`file_row`), in their order."""
    pdm = _pandas()
    frame = pdm.DataFrame(list(rows), columns=list(_FILE_COLUMNS))
    for column in ("source", "format", "reader", "agency", "reason"):
        frame[column] = frame[column].astype("string")
    frame["status"] = pdm.Categorical(frame["status"], categories=[s.value for s in ReadStatus])
    frame["quality"] = frame["quality"].astype("Float64")
    frame["year"] = frame["year"].astype("Int64")
    for column in ("errors", "warnings"):
        frame[column] = frame[column].astype("int64")
    out: pd.DataFrame = frame
    return out


_FILE_COLUMNS = (
    "source",
    "status",
    "format",
    "reader",
    "quality",
    "agency",
    "year",
    "errors",
    "warnings",
    "reason",
)
_FLAG_COLUMNS = (
    "agency",
    "year",
    "indicator",
    "value",
    "level",
    "direction",
    "line",
    "message",
)


class ExcelTextWarning(UserWarning):
    """:meth:`Corpus.to_excel` wrote some cells' characters as escapes (``\\x1b``): a workbook
    cannot hold them, or they would drive a terminal. The message names the cells."""


_EXCEL_ESCAPED = {
    "zh": "{n} 个单元格含有工作簿无法保存或会控制终端的字符，已写为转义（\\x1b）：{cells}",
    "en": "{n} cells held characters a workbook cannot hold or that would drive a terminal, "
    "written as escapes (\\x1b): {cells}",
}
#: what opens a formula in a spreadsheet (OWASP: CSV and formula injection)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


#: Excel's number formats of the indicators by unit: a share and a growth as percentages
_UNIT_FORMATS = {"share": "0.0%", "growth": "+0.0%;-0.0%;0.0%", "per100": "0.0", "amount": "0.00"}


def _with_counts(frame: "pd.DataFrame", reports: list[Report]) -> "pd.DataFrame":
    """The indicators frame with the counts each rate divides beside it (``disclosed.n``,
    ``disclosed.of``): the frame's rows are the reports sorted by agency and year."""
    from .benchmark import indicator_counts
    from .schema import INDICATORS

    codes = [i.code for i in INDICATORS if i.unit != "growth"]
    ordered = sorted(reports, key=_key)
    counts = indicator_counts(ordered, codes)
    pdm = _pandas()
    out = frame.copy()
    for code in reversed(codes):
        at = list(out.columns).index(code) + 1
        for j, suffix in enumerate(("n", "of")):
            values = [c[code][j] for c in counts]
            out.insert(at + j, f"{code}.{suffix}", pdm.array(values, dtype="Float64"))
    return out


def _excel_header(column: str, lang: str) -> str:
    """A column's header in the workbook, in ``lang``: a frame's column by the catalogue, an
    indicator by its name, the counts beside it by theirs; a cell's printed label as it is."""
    from ._messages import MESSAGES, message
    from .schema import indicator

    if f"column.{column}" in MESSAGES:
        return message(f"column.{column}", lang)
    code, _, part = column.partition(".")
    try:
        spec = indicator(code)
    except KeyError:
        return column
    name = spec.name.text(lang)
    if part in ("n", "of"):
        return message(f"column.{'numerator' if part == 'n' else 'denominator'}", lang, name=name)
    return name if not part else column


def _number_formats(key: str, frame: "pd.DataFrame") -> dict[tuple[int, int], str]:
    """Each cell's number format, by (row, column) in the sheet: the indicators by their unit
    (rates as percentages), the counts beside them as whole numbers, a flag's value and line
    by its indicator's unit."""
    from .schema import indicator

    out: dict[tuple[int, int], str] = {}
    rows = range(2, len(frame) + 2)
    for i, column in enumerate(frame.columns, start=1):
        code, _, part = str(column).partition(".")
        if key == "indicators" and part in ("n", "of"):
            out.update(((r, i), "0") for r in rows)
            continue
        if key == "indicators" and not part:
            try:
                unit = indicator(code).unit
            except KeyError:
                continue
            out.update(((r, i), _UNIT_FORMATS[unit]) for r in rows)
        if key == "flags" and column in ("value", "line"):
            for r, of in zip(rows, frame["indicator"], strict=True):
                out[(r, i)] = _UNIT_FORMATS[indicator(str(of)).unit]
    return out


def _excel_safe(frame: "pd.DataFrame", sheet: str, escaped: list[str]) -> "pd.DataFrame":
    """``frame`` with its text as a workbook can hold it (:func:`escape_controls`); the cells
    changed, as ``sheet!B7``, added to ``escaped``."""
    from openpyxl.utils import get_column_letter

    out = frame
    for i, column in enumerate(frame.columns):
        values = frame[column]
        if values.dtype.kind not in "OSU" and str(values.dtype) not in ("string", "category"):
            continue
        texts = values.astype(object)
        changed = {
            row: escape_controls(value)
            for row, value in enumerate(texts)
            if isinstance(value, str) and escape_controls(value) != value
        }
        if not changed:
            continue
        if out is frame:
            out = frame.copy()
        new = list(texts)
        for row, value in changed.items():
            new[row] = value
            escaped.append(f"{sheet}!{get_column_letter(i + 1)}{row + 2}")
        out[column] = _pandas().Series(new, index=frame.index, dtype=object)
    return out


def _text_cells(sheet: Any) -> None:
    """Every text cell of ``sheet`` as text: openpyxl takes a text that opens with ``=`` for a
    formula; one that opens with what starts a formula is marked to stay text when edited."""
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            value = cell.value
            if isinstance(value, str):
                cell.data_type = "s"
                if value.startswith(_FORMULA_START):
                    cell.quotePrefix = True


def _display_width(text: str) -> int:
    """How many columns ``text`` takes in a spreadsheet: Chinese characters two each."""
    from wcwidth import wcswidth

    width = wcswidth(text)
    return width if width >= 0 else len(text)
