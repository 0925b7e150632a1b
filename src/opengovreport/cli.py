"""The command line: ``opengovreport`` (also ``python -m opengovreport``).

Every command that reads reports takes files, folders (read recursively for the kinds of file
:func:`~opengovreport.read` supports) and ``-`` for standard input; a file that cannot be read is
one line on stderr and the others go on. The exit status is the worst outcome:

====== =====================================================================================
status meaning
====== =====================================================================================
0      every file read; no finding at the threshold
1      ``check``: a finding (or a reader's diagnostic) at least as severe as ``--severity``;
       ``validate``: a file that is not valid report JSON
2      a file could not be read (not a report, a scan, broken, missing); bad usage; output
       that cannot be written
130    interrupted (Ctrl-C)
====== =====================================================================================

``ingest`` exits 0 when the run completed: a nation's files always hold some that cannot be
read, and the dataset records each (``files/``), counted in the line it prints.
"""

import argparse
import contextlib
import csv
import io
import json
import logging
import os
import stat
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import attrs

from . import __version__, examples
from ._console import (
    Line,
    blank_groups,
    colour_wanted,
    diagnostic_line,
    finding_line,
    fit_width,
    summary_line,
)
from ._explain import Document, phrase, render_documents
from ._messages import MESSAGES, message
from ._text import decode, json_safe, visible
from .checks import Finding, Review, ReviewError, Severity, catalog, check, rule
from .comparison import compare
from .corpus import Corpus, Entry, check_reports, entry_of, files_in, read_entries, set_aside
from .errors import OpenGovReportError
from .flags import PRESETS, Thresholds, ThresholdsError, load_thresholds
from .ingest import PARTITION_SIZE, IngestError, ingest
from .io import LoadError, dumps, json_schema, loads
from .model import Report
from .reading import ParseError, ReadStatus, Reason, read
from .reading._open import open_regular
from .reading._result import failed_reason
from .rendering import FORMATS, render
from .values import format_value

__all__ = ["main"]


class CliError(OpenGovReportError):
    """A one-line error for the user, a message of the catalogue (:mod:`._messages`) printed
    in the run's language; exit code 2."""

    def __init__(self, key: str, /, **fields: object) -> None:
        super().__init__(message(key, "en", **fields))
        self.key, self.fields = key, fields

    def text(self, lang: str) -> str:
        return message(self.key, lang, **self.fields)


class _OutputError(CliError):
    """Standard output cannot be written (closed, full)."""


#: the language of this run's messages (``--lang``; Chinese until the arguments are read)
_LANG = ["zh"]


def _lang() -> str:
    return _LANG[0]


# --- output ----------------------------------------------------------------------------------


def _print(text: str) -> None:
    """``text`` to standard output; a closed or full output is one line, not a traceback."""
    if sys.stdout is None:  # started with standard output closed (>&-)
        raise _OutputError("stdout.closed")
    try:
        sys.stdout.write(text)
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise _OutputError("stdout.cannot", why=exc.strerror or exc) from None


def _print_bytes(data: bytes) -> None:
    if sys.stdout is None:
        raise _OutputError("stdout.closed")
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise _OutputError("stdout.cannot", why=exc.strerror or exc) from None


def _say(text: str) -> None:
    """One line on standard error."""
    if sys.stderr is not None:
        with contextlib.suppress(OSError):
            print(text, file=sys.stderr)


def _error(message: str) -> None:
    """``opengovreport: message`` on standard error: one line, whatever file names and text
    from files it holds."""
    _say(f"opengovreport: {visible(message, one_line=True)}")


def _write(data: str | bytes, output: str | None) -> None:
    """``data`` to ``output`` (standard output for ``None`` or ``-``). Only a regular file is
    written (or a new one made); a symlink is followed to the file it names. A file is written
    whole or not at all: to a temporary file beside it, with its mode, then renamed over it,
    so that an error leaves an existing file as it was — but a file with several names (hard
    links) is written in place, so that every name keeps showing it (docs/cli.md)."""
    if output is None or output == "-":
        if isinstance(data, bytes):
            _print_bytes(data)
        else:  # a page too (HTML, Markdown): printed as every text is
            _print(visible(data))
        return
    target = Path(os.path.realpath(output))  # a symlink's target, written in its place
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        try:
            st: os.stat_result | None = os.stat(target)
        except FileNotFoundError:
            st = None
        if st is not None and not stat.S_ISREG(st.st_mode):
            what = "write.folder" if stat.S_ISDIR(st.st_mode) else "write.not_regular"
            raise CliError("write.cannot", path=output, why=message(what, _lang()))
        if st is not None and st.st_nlink > 1:
            with open(target, "r+b") as file:
                file.write(raw)
                file.truncate()
                file.flush()
                os.fsync(file.fileno())
            return
        with tempfile.NamedTemporaryFile(
            "wb", dir=target.parent, prefix=f".{target.name}.", delete=False
        ) as tmp:
            try:
                tmp.write(raw)
                tmp.flush()
                os.fsync(tmp.fileno())
                os.chmod(tmp.fileno(), stat.S_IMODE(st.st_mode) if st else _new_file_mode())
            except BaseException:
                tmp.close()
                os.unlink(tmp.name)
                raise
        os.replace(tmp.name, target)
    except OSError as exc:
        raise CliError("write.cannot", path=output, why=exc.strerror or exc) from None


def _new_file_mode() -> int:
    """The mode a new file gets (0666 less the umask), as ``open()`` would make it."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


# --- input -----------------------------------------------------------------------------------


def _stdin_bytes() -> bytes:
    if sys.stdin is None:
        raise CliError("stdin.closed")
    try:
        return sys.stdin.buffer.read()
    except OSError as exc:
        raise CliError("stdin.cannot", why=exc.strerror or exc) from None


def _expand(names: Sequence[str]) -> list[str | Entry]:
    """Each name as the files to read: a folder as its files (recursively), ``-`` as itself,
    a file as itself; a folder without such files as an entry saying so. Each file once."""
    out: list[str | Entry] = []
    for name in names:
        if name != "-" and os.path.isdir(name):
            found = files_in(name)
            if not found:
                out.append(Entry.failed(name, Reason.of("folder-empty"), ReadStatus.SKIPPED))
            out.extend(found)
        else:
            out.append(name)
    seen: set[str] = set()
    unique: list[str | Entry] = []
    for item in out:
        if isinstance(item, str):
            if item in seen and item != "-":
                continue
            seen.add(item)
        unique.append(item)
    return unique


def _read_all(names: Sequence[str], jobs: int = 1, fmt: str = "auto") -> list[Entry]:
    """An entry for every file the names give, in order: read on ``jobs`` processes, a
    progress bar on stderr when it is a terminal and there are several files."""
    items = _expand(names)
    paths = [i for i in items if isinstance(i, str) and i != "-"]
    read_ = iter(read_entries(paths, jobs, format=fmt))
    out: list[Entry] = []
    for item in items:
        if isinstance(item, Entry):
            out.append(item)
        elif item == "-":
            try:
                result = read(_stdin_bytes(), format=fmt)  # type: ignore[arg-type]
            except ParseError as exc:
                out.append(Entry.failed("-", failed_reason(exc)))
            else:
                out.append(entry_of("-", result))
        else:
            out.append(next(read_))
    return out


def _failures(entries: Sequence[Entry]) -> int:
    """Say each entry without a report on one line of stderr, in the run's language; how many
    there were."""
    failed = [e for e in entries if e.report is None and e.duplicate is None]
    for e in failed:
        _error(f"{e.source}: {e.problem(_lang())}")
    return len(failed)


def _reader_lines(entry: Entry, lang: str, everything: bool) -> list[Line]:
    floor = Severity.INFO.rank if everything else Severity.WARNING.rank
    return [
        diagnostic_line(entry.source, d, lang)
        for d in entry.diagnostics
        if d.severity.rank >= floor or (everything and d.severity is Severity.NOT_ASSESSABLE)
    ]


# --- commands --------------------------------------------------------------------------------


def _codes(value: str | None) -> set[str] | None:
    if value is None:
        return None
    codes = {c.strip() for c in value.split(",") if c.strip()}
    known = {r.code for r in catalog()}
    unknown = sorted(codes - known)
    if unknown:
        raise CliError("option.codes", codes=", ".join(unknown), known=", ".join(sorted(known)))
    return codes


def _example(args: argparse.Namespace) -> int:
    if args.name not in examples.names():
        raise CliError("example.unknown", name=args.name, names=", ".join(examples.names()))
    _check_width(args.width, args.to)
    report = examples.load(args.name)
    if args.to == "json":
        _print(json_safe(dumps(report)) + "\n")
    elif args.to == "text":
        _print(render(report, "text", lang=args.lang, width=fit_width(sys.stdout, args.width)))
    else:
        _print(render(report, args.to, lang=args.lang))
    return 0


def _report_of(entry: Entry) -> Report | None:
    """The report an entry is checked as: its own, or the report of a file set aside for a
    conflict (checked on its own, to show which of the two breaks the identities)."""
    if entry.report is None and entry.duplicate is not None and entry.duplicate.conflict:
        return entry.duplicate.report
    return entry.report


def _set_aside_line(entry: Entry, lang: str) -> Line | None:
    """``FILE: conflict 不一致  与 … 同为…的报告，但 3 个单元格数字不同…``, or a duplicate's
    note."""
    found = entry.duplicate
    if found is None:
        return None
    if found.conflict:
        return Line(entry.source, "conflict", Severity.INCONSISTENCY, "", found.message(lang))
    return Line(entry.source, "duplicate", Severity.INFO, "", found.message(lang))


def _checked(entries: Sequence[Entry], jobs: int) -> list[list[Finding]]:
    """The findings of each entry (one report of each agency and year, :func:`set_aside`):
    every report's own rules, and the rules across years between the reports of one agency;
    the report of a file set aside for a conflict on its own."""
    first: dict[tuple[str, int], int] = {}
    for i, e in enumerate(entries):
        if e.report is not None:
            first[(e.report.meta.agency, e.report.meta.year)] = i
    out: list[list[Finding]] = [[] for _ in entries]
    reports = [entries[i].report for i in first.values()]
    for f in check_reports(reports, jobs):  # type: ignore[arg-type]
        out[first[(f.agency, f.year)]].append(f)  # every finding is of a report checked
    for i, e in enumerate(entries):
        other = _report_of(e)
        if e.report is None and other is not None:
            out[i] = list(check(other).findings)
    return out


def _check(args: argparse.Namespace) -> int:
    selected, ignored = _codes(args.select), _codes(args.ignore)
    if args.json:
        args.format = "json"
    entries = set_aside(_read_all(args.files, args.jobs))
    found = [
        [
            f
            for f in fs
            if (selected is None or f.code in selected)
            and (ignored is None or f.code not in ignored)
        ]
        for fs in _checked(entries, args.jobs)
    ]
    found, dismissed = _reviewed(args, found)
    unreadable = _failures(entries)
    floor = Severity(args.severity).rank
    conflicts = [e for e in entries if e.duplicate is not None and e.duplicate.conflict]
    over = (
        any(f.severity.rank >= floor for fs in found for f in fs)
        or any(d.severity.rank >= floor for e in entries for d in e.diagnostics)
        or (bool(conflicts) and Severity.INCONSISTENCY.rank >= floor)
    )
    code = 2 if unreadable else 1 if over else 0
    shown: Callable[[argparse.Namespace, Sequence[Entry], list[list[Finding]], int], None] = {
        "text": _check_text,
        "json": _check_json,
        "csv": _check_csv,
        "github": _check_github,
    }[args.format]
    args.dismissed = dismissed
    shown(args, entries, found, code)
    return code


def _reviewed(
    args: argparse.Namespace, found: list[list[Finding]]
) -> tuple[list[list[Finding]], int]:
    """The findings a review file (``--review``) does not dismiss, and how many it does; with
    ``--write``, the file gets an open entry for each new finding shown."""
    if args.review is None:
        if args.write:
            raise CliError("option.write")
        return found, 0
    path = Path(args.review)
    try:
        review = Review() if args.write and not path.exists() else Review.load(path)
    except ReviewError as exc:
        raise CliError("as.is", text=str(exc)) from None
    dismissed = {e.fingerprint for e in review.entries if e.status == "dismissed"}
    kept = [[f for f in fs if f.fingerprint not in dismissed] for fs in found]
    hidden = sum(len(fs) for fs in found) - sum(len(fs) for fs in kept)
    if args.write:
        floor = (Severity.NOT_ASSESSABLE if args.show_all else Severity.WARNING).rank
        shown = [f for fs in kept for f in fs if f.severity.rank >= floor]
        updated = review.with_findings(shown, args.lang)
        try:
            updated.save(path)
        except ReviewError as exc:
            raise CliError("as.is", text=str(exc)) from None
        added = len(updated.entries) - len(review.entries)
        n, s = added, "s" if added != 1 else ""
        _say(visible(message("review.added", args.lang, path=args.review, n=n, s=s)))
    return kept, hidden


def _check_text(
    args: argparse.Namespace, entries: Sequence[Entry], found: list[list[Finding]], code: int
) -> None:
    lang, everything = args.lang, args.show_all
    columns = fit_width(sys.stdout, args.width)
    colour = {"always": True, "never": False}.get(args.color, colour_wanted(sys.stdout))
    counts: Counter[Severity] = Counter()
    hidden = with_findings = 0
    out: list[str] = []
    for entry, findings in zip(entries, found, strict=True):
        report = _report_of(entry)
        aside = _set_aside_line(entry, lang)
        if report is None:
            if aside is not None:  # a duplicate: said, not checked again
                counts[aside.severity] += 1
                out.append(aside.render(lang, columns, colour))
            continue
        lines = [aside] if aside is not None else []
        lines += _reader_lines(entry, lang, everything)
        lines += [
            finding_line(entry.source, f, report, lang)
            for f in findings
            if f.severity.rank >= Severity.WARNING.rank
        ]
        groups, rest = blank_groups(report, findings)
        unassessable = sum(len(g.findings) for g in groups) + len(rest)
        if everything:
            lines += [finding_line(entry.source, f, report, lang) for f in rest]
            counts[Severity.NOT_ASSESSABLE] += unassessable
        else:
            hidden += unassessable
        lines += [g.line(entry.source, report, lang) for g in groups]
        for line in lines:
            if line.severity is not Severity.NOT_ASSESSABLE:
                counts[line.severity] += 1
        if any(line.severity.rank >= Severity.WARNING.rank for line in lines):
            with_findings += 1
        out.extend(line.render(lang, columns, colour) for line in lines)
    unreadable = sum(e.report is None and e.duplicate is None for e in entries)
    dismissed = getattr(args, "dismissed", 0)
    out.append(
        summary_line(lang, len(entries), unreadable, with_findings, counts, hidden, dismissed)
    )
    _print("\n".join(out) + "\n")


def _file_data(entry: Entry, findings: list[Finding]) -> dict[str, Any]:
    report = _report_of(entry)
    floor = Severity.INCONSISTENCY.rank
    aside = entry.duplicate
    counts = {s.value: 0 for s in Severity if s is not Severity.INFO}
    for f in findings:
        counts[f.severity.value] += 1
    return {
        **entry.how_read(),
        "error": entry.error,
        # what is missing from a partial one (English), and why in either case, as codes
        "reason": entry.reason,
        "reasons": [r.to_dict() for r in entry.reasons],
        "agency": report.meta.agency if report else None,
        "year": report.meta.year if report else None,
        "edition": report.meta.edition.value if report else None,
        "ok": None if report is None else not any(f.severity.rank >= floor for f in findings),
        "counts": counts,
        "findings": [f.to_dict() for f in findings],
        "diagnostics": [d.to_dict() for d in entry.diagnostics],
        # a file set aside: the file used instead, and the cells that differ (a conflict)
        "set_aside": None
        if aside is None
        else {
            "kept": aside.kept,
            "conflict": aside.conflict,
            "why": aside.why,
            "cells": [
                {"path": p, "kept": format_value(a), "this": format_value(b)}
                for p, a, b in aside.cells
            ],
        },
    }


def _check_json(
    args: argparse.Namespace, entries: Sequence[Entry], found: list[list[Finding]], code: int
) -> None:
    files = [_file_data(e, fs) for e, fs in zip(entries, found, strict=True)]
    counts = {s.value: 0 for s in Severity if s is not Severity.INFO}
    for fs in found:
        for f in fs:
            counts[f.severity.value] += 1
    summary = {
        "files": len(entries),
        "unreadable": sum(e.report is None and e.duplicate is None for e in entries),
        "conflicts": sum(e.duplicate is not None and e.duplicate.conflict for e in entries),
        "duplicates": sum(e.duplicate is not None and not e.duplicate.conflict for e in entries),
        "with_findings": sum(
            any(f.severity.rank >= Severity.WARNING.rank for f in fs) for fs in found
        ),
        "counts": counts,
        "dismissed": getattr(args, "dismissed", 0),
        "exit": code,
    }
    text = json.dumps({"files": files, "summary": summary}, ensure_ascii=False, indent=2)
    _print(json_safe(text) + "\n")


_CSV_COLUMNS = (
    "source",
    "code",
    "severity",
    "table",
    "agency",
    "year",
    "path",
    "label",
    "printed",
    "computed",
    "difference",
    "message",
)


def _check_csv(
    args: argparse.Namespace, entries: Sequence[Entry], found: list[list[Finding]], code: int
) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(_CSV_COLUMNS)
    for entry, findings in zip(entries, found, strict=True):
        aside = _set_aside_line(entry, args.lang)
        if aside is not None:
            writer.writerow(
                [visible(v, one_line=True) for v in (entry.source, aside.code, aside.severity)]
                + [""] * 8
                + [visible(aside.message, one_line=True)]
            )
        for f in findings:
            line = finding_line(entry.source, f, _report_of(entry), args.lang)
            fields = [
                entry.source,
                f.code,
                f.severity.value,
                f.table,
                f.agency,
                f.year,
                f.cells[0].path if f.cells else "",
                line.label,
                format_value(f.printed) if f.printed is not None else "",
                format_value(f.computed) if f.computed is not None else "",
                format_value(f.difference) if f.difference is not None else "",
                f.message(args.lang),
            ]
            # a record a line: a line break in a field is shown as an escape, not quoted
            writer.writerow(["" if v is None else visible(str(v), one_line=True) for v in fields])
    _print(buffer.getvalue())


def _escape_data(text: str) -> str:
    """A workflow command's message as GitHub encodes it (``%``, CR and LF), what would drive
    a terminal shown as escapes."""
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    """A workflow command's property (``file=``, ``title=``): also ``:`` and ``,``."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


_GITHUB = {
    Severity.ERROR: "error",
    Severity.INCONSISTENCY: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "notice",
    Severity.NOT_ASSESSABLE: "notice",
}


def _annotation(severity: Severity, file: str, title: str, message: str, line: int | None) -> str:
    where = f"file={_escape_property(file)}"
    if line is not None:
        where += f",line={line}"
    return f"::{_GITHUB[severity]} {where},title={_escape_property(title)}::{_escape_data(message)}"


def _check_github(
    args: argparse.Namespace, entries: Sequence[Entry], found: list[list[Finding]], code: int
) -> None:
    """GitHub Actions workflow commands: an annotation per finding on its file."""
    lang = args.lang
    floor = (Severity.NOT_ASSESSABLE if args.show_all else Severity.WARNING).rank
    out: list[str] = []
    counts: Counter[Severity] = Counter()
    for entry, findings in zip(entries, found, strict=True):
        aside = _set_aside_line(entry, lang)
        if aside is not None:
            out.append(_annotation(aside.severity, entry.source, aside.code, aside.message, None))
        report = _report_of(entry)
        if report is None:
            if aside is None:  # its status (a code) for the title, what it is for the message
                status = entry.status.value
                out.append(
                    _annotation(Severity.ERROR, entry.source, status, entry.problem(lang), None)
                )
            continue
        for d in entry.diagnostics:
            if d.severity.rank >= floor:
                said = diagnostic_line(entry.source, d, lang).message
                out.append(_annotation(d.severity, entry.source, d.code, said, d.line))
        for f in findings:
            counts[f.severity] += 1
            if f.severity.rank >= floor:
                line = finding_line(entry.source, f, report, lang)
                title = f"{f.code} {rule(f.code).title.text(lang)}"
                values = f" {line.values}" if line.values else ""
                out.append(
                    _annotation(f.severity, entry.source, title, f"{f.message(lang)}{values}", None)
                )
    _print("\n".join(out) + ("\n" if out else ""))


def _output_names(entries: Sequence[Entry], suffix: str) -> list[str | None]:
    """A file name under the output folder for each entry with a report: its name with
    ``suffix`` for its ending, or with ``suffix`` after its ending where two entries would
    share a name; ``None`` where still not unique (the later one is not written)."""

    def plain(e: Entry) -> str:
        return "stdin" if e.source == "-" else Path(e.source).stem

    def full(e: Entry) -> str:
        return "stdin" if e.source == "-" else Path(e.source).name

    readable = [e for e in entries if e.report is not None]
    stems = Counter(plain(e) for e in readable)
    names: list[str | None] = []
    used: set[str] = set()
    for e in entries:
        if e.report is None:
            names.append(None)
            continue
        name = (plain(e) if stems[plain(e)] == 1 else full(e)) + suffix
        if name in used:
            _error(message("output.same_name", _lang(), source=e.source, name=name))
            names.append(None)
        else:
            used.add(name)
            names.append(name)
    return names


def _one_file_output(names: Sequence[str], output: str | None) -> bool:
    """Whether the output is one file or standard output (no ``-o``, ``-o -``, or ``-o FILE``
    for one input file), not a folder."""
    if output is None or output == "-":
        return True
    many = len(names) > 1 or any(n != "-" and os.path.isdir(n) for n in names)
    return not many and not os.path.isdir(output) and not output.endswith(("/", os.sep))


def _folder(output: str) -> Path:
    folder = Path(output)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CliError("folder.cannot", path=output, why=exc.strerror or exc) from None
    return folder


def _parse(args: argparse.Namespace) -> int:
    entries = _read_all(args.files, args.jobs, args.source_format)
    columns = fit_width(sys.stderr, None)
    for entry in entries:
        if entry.report is not None:
            for line in _reader_lines(entry, args.lang, args.show_all):
                _say(line.render(args.lang, columns))
    _say_set_aside(entries, args.lang, columns)
    unreadable = _failures(entries)
    readable = [e for e in entries if e.report is not None]
    if _one_file_output(args.files, args.output):
        if len(entries) == 1:
            if readable:
                _write(json_safe(dumps(readable[0].report)) + "\n", args.output)  # type: ignore[arg-type]
        else:  # several reports to standard output: JSON Lines, one report a line
            lines = [json_safe(dumps(e.report, indent=None)) for e in readable]  # type: ignore[arg-type]
            _write("".join(f"{line}\n" for line in lines), args.output)
    else:
        folder = _folder(args.output)
        for entry, name in zip(entries, _output_names(entries, ".json"), strict=True):
            if name is not None and entry.report is not None:
                _write(json_safe(dumps(entry.report)) + "\n", str(folder / name))
    return 2 if unreadable else 0


def _rendered(report: Report, args: argparse.Namespace, columns: int | None) -> str | bytes:
    try:
        return _render_one(report, args, columns)
    except ImportError:  # a format whose extra is not installed
        extra = FORMATS[args.to].extra or args.to
        # a registered format's extra has no name of its own in the catalogue: say the format's
        what = (
            message(f"extra.{extra}", _lang())
            if f"extra.{extra}" in MESSAGES
            else message("extra.format", _lang(), name=args.to)
        )
        raise CliError("extra.missing", what=what, extra=extra) from None


def _say_set_aside(entries: Sequence[Entry], lang: str, columns: int | None) -> None:
    """Say on stderr each file that gives the agency and year of another: a duplicate, or a
    conflict naming the cells that differ (every file is still written)."""
    for entry in set_aside(entries):
        line = _set_aside_line(entry, lang)
        if line is not None:
            _say(line.render(lang, columns))


def _check_width(width: int | None, to: str) -> None:
    if width is not None and to != "text":
        raise CliError("option.width_text")
    if width is not None and width < 20:
        raise CliError("option.width_narrow", width=width)


def _render_one(report: Report, args: argparse.Namespace, columns: int | None) -> str | bytes:
    if args.findings:
        return check(report).to_html(args.lang, standalone=args.standalone)
    obj: Any = report
    if args.table is not None:
        obj = {2: report.disclosure, 3: report.requests, 4: report.appeals}[args.table]
    width = columns if args.to == "text" else None
    out: str | bytes = render(obj, args.to, lang=args.lang, standalone=args.standalone, width=width)
    if isinstance(out, str) and not out.endswith("\n"):  # a table alone: end its last line
        out += "\n"
    return out


def _render_options(args: argparse.Namespace) -> bool:
    """Refuse options that do not go together, before any file is read; whether the output is
    one file (or the terminal)."""
    fmt = FORMATS[args.to]
    if args.standalone and args.to != "html":
        raise CliError("option.standalone")
    if args.findings and args.to != "html":
        raise CliError("option.findings")
    if args.findings and args.table is not None:
        raise CliError("option.findings_table")
    _check_width(args.width, args.to)
    if fmt.binary and args.table is not None:
        raise CliError("option.table_binary", to=args.to)
    one = _one_file_output(args.files, args.output)
    to_terminal = sys.stdout is not None and getattr(sys.stdout, "isatty", lambda: False)()
    if fmt.binary and one and args.output in (None, "-") and to_terminal:
        raise CliError("option.binary", to=args.to)
    if len(args.files) > 1 and one:
        raise CliError("option.several")
    return one


def _render(args: argparse.Namespace) -> int:
    one = _render_options(args)
    entries = _read_all(args.files)
    _say_set_aside(entries, args.lang, fit_width(sys.stderr, None))
    unreadable = _failures(entries)
    readable = [e for e in entries if e.report is not None]
    columns = (
        fit_width(sys.stdout, args.width)
        if args.to == "text" and args.output in (None, "-")
        else args.width
    )
    if one:
        if len(entries) > 1:
            raise CliError("option.several")
        if readable:
            _write(_rendered(readable[0].report, args, columns), args.output)  # type: ignore[arg-type]
    else:
        folder = _folder(args.output)
        suffix = ".html" if args.findings else FORMATS[args.to].suffix
        for entry, name in zip(entries, _output_names(entries, suffix), strict=True):
            if name is not None and entry.report is not None:
                _write(_rendered(entry.report, args, columns), str(folder / name))
    return 2 if unreadable else 0


def _summary(args: argparse.Namespace) -> int:
    thresholds = _thresholds(args.thresholds)
    if args.agency is None:
        for given in ("to", "year"):
            if getattr(args, given) is not None:
                raise CliError("option.agency", given=given)
    _explained_output(args)
    entries = _read_all(args.files, args.jobs)
    unreadable = _failures(entries)
    corpus = Corpus(entries=entries)
    if args.agency is not None:
        _agency_page(corpus, args, thresholds)
        return 2 if unreadable else 0
    page = corpus.to_html(lang=args.lang, peers=args.peers, thresholds=thresholds)
    _write(page, args.output)
    return 2 if unreadable else 0


# --- compare, and the page of one agency --------------------------------------------------------


def _thresholds(given: str | None) -> Thresholds | None:
    """The thresholds ``--thresholds`` names (a preset or a JSON file), or none."""
    if given is None:
        return None
    try:
        return load_thresholds(given)
    except ThresholdsError as exc:
        raise CliError("option.thresholds", why=exc) from None


def _explained_output(args: argparse.Namespace) -> None:
    """Refuse a Word document to a terminal and a width for anything but text, before any
    file is read."""
    to = getattr(args, "to", None) or "html"
    _check_width(args.width, to)
    to_terminal = sys.stdout is not None and getattr(sys.stdout, "isatty", lambda: False)()
    if to == "docx" and args.output in (None, "-") and to_terminal:
        raise CliError("option.binary", to=to)


def _documents_out(
    documents: Sequence[Document], args: argparse.Namespace, to: str, data: Any = None
) -> None:
    """The documents in ``to`` (text fitted to the terminal), to ``-o`` or standard output."""
    if to == "json":
        _write(json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n", args.output)
        return
    columns = fit_width(sys.stdout, args.width) if args.output in (None, "-") else args.width
    try:
        out = render_documents(documents, to, columns)
    except ImportError:  # Word without python-docx
        raise CliError("extra.missing", what=message("extra.docx", _lang()), extra="docx") from None
    _write(out, args.output)


def _one_report(name: str) -> Entry:
    if name != "-" and os.path.isdir(name):
        raise CliError("option.compare_folder", name=name)
    (entry,) = _read_all([name])
    return entry


def _compare(args: argparse.Namespace) -> int:
    thresholds = _thresholds(args.thresholds)
    if args.before == "-" and args.after == "-":
        raise CliError("option.stdin_twice")
    _explained_output(args)
    entries = [_one_report(args.before), _one_report(args.after)]
    before, after = entries[0].report, entries[1].report
    if _failures(entries) or before is None or after is None:
        return 2
    comparison = compare(before, after, thresholds=thresholds)
    top = None if args.to == "html" else args.top
    document = comparison.document(args.lang, top=top)
    _documents_out([document], args, args.to, comparison.to_dict())
    return 0


def _agency_page(corpus: Corpus, args: argparse.Namespace, thresholds: Thresholds | None) -> None:
    """``summary --agency NAME``: the agency's year against its year before (where the files
    hold one) and against its peers."""
    agency, to = args.agency, args.to or "html"
    years = corpus.years(agency)
    if not years:
        known, lang = corpus.agencies(), args.lang
        listed = ", ".join(known[:10])
        if len(known) > 10:
            listed += message("list.more", lang, n=len(known))
        raise CliError("agency.none", agency=agency, listed=listed or message("none", lang))
    year = years[-1] if args.year is None else args.year
    if year not in years:
        raise CliError("agency.year", agency=agency, year=year, years=", ".join(map(str, years)))
    documents = []
    earlier = [y for y in years if y < year]
    comparison = None
    if earlier:
        comparison = corpus.compare(agency, (earlier[-1], year), thresholds=thresholds)
        documents.append(comparison.document(args.lang, top=None if to == "html" else args.top))
    benchmark = corpus.benchmark(agency, year, peers=args.peers, thresholds=thresholds)
    documents.append(benchmark.document(args.lang))
    if comparison is None:
        note = phrase("agency.one_year", args.lang, agency=agency, year=year)
        documents[0] = attrs.evolve(documents[0], notes=(note, *documents[0].notes))
    data = {
        "comparison": None if comparison is None else comparison.to_dict(),
        "benchmark": benchmark.to_dict(),
    }
    _documents_out(documents, args, to, data)


def _ingest(args: argparse.Namespace) -> int:
    # Dask's own log lines (a worker restarted, keys forgotten when Ctrl-C cancels a gather)
    # stay out of the output: what went wrong with a file is in the dataset's files table, a
    # cluster that cannot run is an IngestError, and the run's outcome is the line printed at
    # its end. DASK_LOGGING__DISTRIBUTED=info (or warning, error) shows them. The variable
    # reaches the local cluster's worker processes, the level this process's scheduler.
    # Dask is imported by ingest(), while Ctrl-C is held back for the workers' sake, and
    # importing it sets its loggers' levels from its config: a filter holds this level for
    # both the loggers its config sets
    level = os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "critical").upper()
    floor = logging.getLevelNamesMapping().get(level, logging.CRITICAL)

    def at_floor(record: logging.LogRecord) -> bool:
        return record.levelno >= floor

    # (and the one of its event loop's, which logs what Ctrl-C breaks in its callbacks)
    for name in ("distributed", "distributed.client", "tornado.application"):
        logger = logging.getLogger(name)
        logger.setLevel(floor)
        logger.addFilter(at_floor)
    if not args.sources and not args.verify:
        raise CliError("option.ingest_sources")
    client: Any = None
    try:
        if args.scheduler:
            try:
                import distributed
            except ImportError:
                raise CliError(
                    "extra.missing", what=message("extra.dask", _lang()), extra="dask"
                ) from None
            try:
                client = distributed.Client(args.scheduler, timeout="10s")  # type: ignore[no-untyped-call]
            except (OSError, TimeoutError) as exc:
                raise CliError("scheduler.unreachable", address=args.scheduler, why=exc) from None
        done = ingest(
            args.sources,
            args.output,
            client=client,
            workers=args.workers,
            partition_size=args.partition_size,
            buckets=args.buckets,
            verify=args.verify,
        )
    except IngestError as exc:
        raise CliError("as.is", text=exc) from None
    except ImportError:
        raise CliError("extra.missing", what=message("extra.dask", _lang()), extra="dask") from None
    finally:
        if client is not None:
            client.close()
    _print(visible(done.line(args.lang), one_line=True) + "\n")
    return 0


def _schema(args: argparse.Namespace) -> int:
    _print(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")
    return 0


def _validate(args: argparse.Namespace) -> int:
    status = 0
    names: list[str] = []
    for name in args.files:
        if name != "-" and os.path.isdir(name):
            names.extend(p for p in files_in(name) if p.endswith(".json"))
        else:
            names.append(name)
    for path in names:
        try:
            if path == "-":
                data = _stdin_bytes()
            else:
                with open_regular(path) as file:  # a FIFO or a device: said at once
                    data = file.read()
            text = decode(data)
        except OSError as exc:
            _error(message("validate.cannot", args.lang, path=path, why=exc.strerror or exc))
            status = 2
            continue
        except UnicodeDecodeError:
            _error(message("validate.encoding", args.lang, path=path))
            status = 2
            continue
        try:
            report = loads(text)
        except LoadError as exc:
            n = len(exc.problems) + exc.omitted
            head = message("validate.invalid", args.lang, path=path, n=n, s="s" if n != 1 else "")
            lines = [f"  {p}" for p in exc.problems[:20]]  # each as the loader words it
            if n > 20:
                lines.append(message("validate.more", args.lang, n=n - 20))
            _print(visible("\n".join([head, *lines])) + "\n")
            status = max(status, 1)
        else:
            meta = report.meta
            where, agency = visible(path, one_line=True), visible(meta.agency, one_line=True)
            edition = meta.edition.value
            said = message(
                "validate.valid",
                args.lang,
                path=where,
                agency=agency,
                year=meta.year,
                edition=edition,
            )
            _print(said + "\n")
    return status


# --- the parser --------------------------------------------------------------------------------


def _text_formats() -> list[str]:
    """The output formats that give text (the registry's; a binary one needs ``-o``)."""
    return [name for name, fmt in FORMATS.items() if not fmt.binary]


_EXAMPLES = {
    "check": """examples:
  opengovreport check report.pdf                 one report, its findings one to a line
  opengovreport check reports/ --jobs 2          a folder (recursively) on 2 processes
  opengovreport check reports/ --format github   annotations for a CI workflow""",
    "parse": """examples:
  opengovreport parse report.pdf > report.json   a published report as report JSON
  opengovreport parse reports/ -o json/          one JSON file per input, named after it
  opengovreport parse *.html --show-all          every diagnostic on stderr, info too""",
    "render": """examples:
  opengovreport render report.json --to text --table 3   table 3, fitted to the terminal
  opengovreport render report.pdf --to html --findings -o checked.html
  opengovreport render report.json --to docx -o report.docx""",
    "summary": """examples:
  opengovreport summary reports/ -o summary.html   one page of every report in the folder
  opengovreport summary a.pdf b.pdf --lang en -o summary.html
  opengovreport summary reports/ --peers region --thresholds peer-dashboard -o summary.html
  opengovreport summary reports/ --agency 淮安市洪泽区人民政府 --to text   its years and peers""",
    "compare": """examples:
  opengovreport compare 2023.pdf 2024.pdf           what changed, fitted to the terminal
  opengovreport compare 2023.pdf 2024.pdf --to docx -o changes.docx
  opengovreport compare a.json b.json --to json --thresholds peer-dashboard""",
    "ingest": """examples:
  opengovreport ingest reports/ -o dataset/            a local Dask cluster, one worker a core
  opengovreport ingest 'reports/**/*.pdf' new/ -o dataset/   add files: only new ones are read
  opengovreport ingest s3://bucket/2024/ -o /shared/dataset --scheduler tcp://10.0.0.5:8786
  opengovreport ingest --verify -o dataset/            check it whole, repair, say what was""",
    "example": """examples:
  opengovreport example                       the packaged example as report JSON
  opengovreport example synthetic-2021 --to text""",
    "validate": """examples:
  opengovreport validate report.json          every problem of report JSON, exit 1 if any
  opengovreport validate json/""",
    "schema": """examples:
  opengovreport schema > report.schema.json""",
}

_EXIT = """exit status: 0 clean; 1 findings at the threshold (check) or invalid JSON (validate);
2 a file could not be read, bad usage; 130 interrupted. ingest: 0 when the run completed (the
files without a report are recorded in the dataset's files/)."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="opengovreport",
        description="政府信息公开工作年度报告 as typed data: parse, check, render.",
        epilog="A FILE is a published report (PDF, Word, web page, text) or report JSON; a "
        "folder is read recursively; - is stdin.\n" + _EXIT,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"opengovreport {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help: str) -> argparse.ArgumentParser:
        return commands.add_parser(
            name,
            help=help,
            description=help,
            epilog=_EXAMPLES[name],
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    def lang(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--lang",
            choices=("zh", "en"),
            default="zh",
            help="labels, severities, messages in Chinese (the default) or English",
        )

    def inputs(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "files",
            nargs="+",
            metavar="FILE",
            help="files, folders (read recursively), - for stdin",
        )

    def jobs(p: argparse.ArgumentParser, what: str = "read the files") -> None:
        p.add_argument(
            "-j",
            "--jobs",
            type=_positive,
            default=1,
            metavar="N",
            help=f"{what} in N processes (default: 1)",
        )

    ex = command("example", "print a packaged example report")
    ex.add_argument(
        "name",
        nargs="?",
        default=examples.names()[0],
        help=f"one of {', '.join(examples.names())} (default: %(default)s)",
    )
    ex.add_argument(
        "--to",
        choices=("json", *_text_formats()),
        default="json",
        help="output format (default: json)",
    )
    ex.add_argument(
        "--width",
        type=_positive,
        metavar="N",
        help="text: fit the tables and wrap the paragraphs at N columns (default: COLUMNS, "
        "else the terminal's; none into a pipe or a file)",
    )
    lang(ex)
    ex.set_defaults(func=_example)

    ch = command(
        "check", "check reports' identities (勾稽关系); exit 1 on findings at the threshold"
    )
    inputs(ch)
    ch.add_argument(
        "--format",
        choices=("text", "json", "csv", "github"),
        default="text",
        help="text: one line a finding (default); json: an object per file; csv: the "
        "findings; github: workflow annotations",
    )
    ch.add_argument("--json", action="store_true", help=argparse.SUPPRESS)  # --format json
    ch.add_argument("--select", metavar="CODES", help="only these rules, e.g. I1,I3")
    ch.add_argument("--ignore", metavar="CODES", help="not these rules, e.g. T2,T3")
    ch.add_argument(
        "--severity",
        choices=[s.value for s in Severity],
        default="inconsistency",
        help="exit 1 when any finding is at least this severe (default: %(default)s)",
    )
    ch.add_argument(
        "--show-all",
        action="store_true",
        help="list the identities not assessable (blank cells) and the reader's notes too",
    )
    ch.add_argument(
        "--width",
        type=_positive,
        metavar="N",
        help="fit lines to N columns (default: COLUMNS, else the terminal's)",
    )
    ch.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the severities (default: on a terminal, unless NO_COLOR is set)",
    )
    ch.add_argument(
        "--review",
        metavar="FILE",
        help="a review file (JSON): the findings it dismisses are hidden and counted",
    )
    ch.add_argument(
        "--write",
        action="store_true",
        help="with --review: add each new finding shown to the file, open, for a person to mark",
    )
    jobs(ch, "read and check the files")
    lang(ch)
    ch.set_defaults(func=_check)

    re_ = command("render", "render reports as text, Markdown, HTML or a Word document")
    inputs(re_)
    re_.add_argument("--to", choices=list(FORMATS), required=True)
    re_.add_argument("--table", type=int, choices=(2, 3, 4), help="only this table")
    re_.add_argument(
        "--width",
        type=_positive,
        metavar="N",
        help="text: fit the tables and wrap the paragraphs at N columns (default: COLUMNS, "
        "else the terminal's; none into a pipe or a file)",
    )
    re_.add_argument(
        "--findings", action="store_true", help="HTML: the tables with the findings drawn on them"
    )
    re_.add_argument("--standalone", action="store_true", help="a whole HTML page with its CSS")
    re_.add_argument(
        "-o", "--output", metavar="OUT", help="write here (a folder for several) instead of stdout"
    )
    lang(re_)
    re_.set_defaults(func=_render)

    pa = command("parse", "read published reports (PDF, Word, web page, text) into report JSON")
    inputs(pa)
    pa.add_argument(
        "--from",
        "--format",
        dest="source_format",
        choices=("auto", "pdf", "docx", "html", "markdown", "text", "json"),
        default="auto",
        help="what the files are (default: told from each file's content)",
    )
    pa.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="a file for one input; a folder for several (one JSON each, named after it); "
        "default: stdout (JSON Lines for several)",
    )
    pa.add_argument(
        "--show-all", action="store_true", help="every diagnostic on stderr, the notes too"
    )
    jobs(pa)
    lang(pa)
    pa.set_defaults(func=_parse)

    def explained(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--thresholds",
            metavar="NAME|FILE",
            help=f"flag indicators beyond these lines: a preset ({', '.join(PRESETS)}) or a "
            "JSON file of thresholds (default: no flags)",
        )
        p.add_argument(
            "--top",
            type=_positive,
            default=20,
            metavar="N",
            help="text, Markdown, Word: the N heaviest changes (default: %(default)s; HTML "
            "lists every cell)",
        )
        p.add_argument(
            "--width",
            type=_positive,
            metavar="N",
            help="text: fit the lines to N columns (default: COLUMNS, else the terminal's)",
        )

    su = command("summary", "one HTML page of many reports: status, findings, indicators")
    inputs(su)
    su.add_argument("-o", "--output", metavar="OUT", help="the page (default: stdout)")
    su.add_argument(
        "--peers",
        choices=("all", "region", "level"),
        default="all",
        help="percentiles among the reports of the same year of: every agency (default), the "
        "same region, the same level (read from the agencies' names)",
    )
    su.add_argument(
        "--agency",
        metavar="NAME",
        help="the page of one agency: its year against the year before, and among its peers",
    )
    su.add_argument("--year", type=int, help="with --agency: this year (default: its latest)")
    su.add_argument(
        "--to",
        choices=("html", "text", "markdown", "docx", "json"),
        help="with --agency: the format (default: html)",
    )
    explained(su)
    jobs(su)
    lang(su)
    su.set_defaults(func=_summary)

    co = command(
        "compare",
        "compare two reports: every cell and indicator, the changes ranked, what a person "
        "would write",
    )
    co.add_argument("before", metavar="A", help="the earlier report (a file, or - for stdin)")
    co.add_argument("after", metavar="B", help="the later report")
    co.add_argument(
        "--to",
        choices=("text", "markdown", "html", "docx", "json"),
        default="text",
        help="text fitted to the terminal (default), Markdown, an HTML page, a Word section "
        "(-o FILE), or JSON",
    )
    co.add_argument("-o", "--output", metavar="OUT", help="write here instead of standard output")
    explained(co)
    lang(co)
    co.set_defaults(func=_compare)

    ig = command("ingest", "read, check and store many files as a Parquet dataset, on Dask")
    ig.add_argument(
        "sources",
        nargs="*",
        metavar="SOURCE",
        help="files, folders, globs, fsspec URLs (none with --verify: the dataset alone)",
    )
    ig.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="the dataset's folder: made by the first run, brought up to date by the next",
    )
    ig.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="a running Dask scheduler (tcp://host:8786); default: a local cluster",
    )
    ig.add_argument(
        "--workers",
        type=_positive,
        metavar="N",
        help="the local cluster's worker processes (default: one per core)",
    )
    ig.add_argument(
        "--partition-size",
        type=_positive,
        default=PARTITION_SIZE,
        metavar="N",
        help=f"files a reading task takes at most (default: {PARTITION_SIZE})",
    )
    ig.add_argument(
        "--buckets",
        type=_positive,
        metavar="N",
        help="buckets the agencies are spread over, fixed by the first run "
        "(default: about 2,500 reports each)",
    )
    ig.add_argument(
        "--verify",
        action="store_true",
        help="check every file of the dataset whole, repair what is damaged, and say what was",
    )
    lang(ig)
    ig.set_defaults(func=_ingest)

    sc = command("schema", "print the JSON Schema of report JSON")
    sc.set_defaults(func=_schema)

    va = command("validate", "load report JSON strictly and list every problem (exit 1 if any)")
    va.add_argument(
        "files", nargs="+", metavar="FILE", help="report JSON files, folders of them, - for stdin"
    )
    lang(va)
    va.set_defaults(func=_validate)
    return parser


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value}")
    return n


def _quiet_stdout() -> None:
    """Point standard output at /dev/null, so that the interpreter's own flush at exit meets
    no closed pipe or full disk and prints no traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); returns the exit status:
    0 clean; 1 findings at the threshold (``check``) or invalid JSON (``validate``); 2 a file
    that cannot be read, bad usage, output that cannot be written; 130 interrupted."""
    _LANG[0] = "zh"
    try:
        try:
            args = _parser().parse_args(argv)
        except SystemExit as exc:  # --help, --version, or a usage error argparse has printed
            return exc.code if isinstance(exc.code, int) else 0
        _LANG[0] = getattr(args, "lang", "zh")
        code: int = args.func(args)
        if sys.stdout is not None:
            try:
                sys.stdout.flush()
            except BrokenPipeError:
                raise
            except OSError as exc:
                raise _OutputError("stdout.cannot", why=exc.strerror or exc) from None
    except _OutputError as exc:
        _quiet_stdout()
        _error(exc.text(_lang()))
        return 2
    except CliError as exc:
        _error(exc.text(_lang()))
        return 2
    except OpenGovReportError as exc:  # the library's bad input: one line
        _error(str(exc))
        return 2
    except BrokenPipeError:  # the reader went away (| head): nothing more to say
        _quiet_stdout()
        return 0
    except KeyboardInterrupt:
        _error(message("interrupted", _lang()))
        return 130
    except Exception as exc:  # Ctrl-C met in a class's making, in an import: wrapped by Python
        if not _caused_by_interrupt(exc):
            raise
        _error(message("interrupted", _lang()))
        return 130
    return code


def _caused_by_interrupt(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, KeyboardInterrupt):
            return True
        seen = seen.__cause__ or seen.__context__
    return False
