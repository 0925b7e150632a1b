"""The command line: ``opengovreport`` (also ``python -m opengovreport``).

Exit codes: 0 success; 1 ``check`` found something at or above the threshold, or ``validate``
found a problem; 2 bad usage or unreadable input. Errors are one line on stderr.
"""

import argparse
import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from . import examples
from ._progress import Progress
from ._text import decode, json_safe, visible
from .checks import CheckResult, Severity, catalog, check, check_series
from .io import LoadError, dumps, json_schema, loads
from .model import Report
from .reading import ParseResult, read
from .rendering import FORMATS, render

__all__ = ["main"]


class CliError(Exception):
    """A one-line error for the user; exit code 2."""


def _bytes(path: str) -> bytes:
    """The bytes of ``path`` (``-`` for stdin)."""
    try:
        return sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror or exc}") from None


def _read(path: str) -> str:
    """The text of ``path`` (``-`` for stdin): UTF-8, or GB18030 as Chinese files often are."""
    data = _bytes(path)
    try:
        return decode(data)
    except UnicodeDecodeError:
        raise CliError(f"cannot read {path}: neither UTF-8 nor GB18030 text") from None


def _result(path: str, fmt: str = "auto") -> ParseResult:
    """What :func:`read` makes of ``path``: a report (report JSON, a published PDF, Word
    document, web page or text), or a one-line error saying why there is none."""
    result = read(_bytes(path), format=fmt)  # type: ignore[arg-type]
    if result.found is None:
        raise CliError(f"{path}: {result.reason}")
    return result


def _load(path: str, quiet: bool = False) -> Report:
    """A report from ``path``, its reader's warnings and errors on stderr."""
    result = _result(path)
    if not quiet:
        for d in result.diagnostics:
            if d.severity is not Severity.INFO:
                print(visible(f"{path}: {d}"), file=sys.stderr)
    return result.report


def _progress(paths: Sequence[str]) -> Iterator[str]:
    """The paths, with a progress bar on stderr when it is a terminal and there are several."""
    with Progress(len(paths), "files") as shown:
        for path in paths:
            yield path
            shown.advance()


def _codes(value: str | None) -> set[str] | None:
    if value is None:
        return None
    codes = {c.strip() for c in value.split(",") if c.strip()}
    known = {r.code for r in catalog()}
    unknown = sorted(codes - known)
    if unknown:
        raise CliError(f"unknown rule code {', '.join(unknown)}; rules: {', '.join(sorted(known))}")
    return codes


def _example(args: argparse.Namespace) -> int:
    try:
        report = examples.load(args.name)
    except KeyError as exc:
        raise CliError(str(exc.args[0])) from None
    if args.to == "json":
        _print(json_safe(dumps(report)) + "\n")
    else:
        _print(render(report, args.to, lang=args.lang))
    return 0


def _check(args: argparse.Namespace) -> int:
    reports = [(path, _load(path, quiet=args.json)) for path in _progress(args.files)]
    selected, ignored = _codes(args.select), _codes(args.ignore)
    keys = [(r.meta.agency, r.meta.year) for _, r in reports]
    if len(set(keys)) == len(keys):
        result = check_series([r for _, r in reports])
    else:
        print(
            "opengovreport: several reports of one agency and year; no cross-year rules",
            file=sys.stderr,
        )
        result = CheckResult(
            tuple(f for _, r in reports for f in check(r).findings), tuple(r for _, r in reports)
        )
    findings = tuple(
        f
        for f in result.findings
        if (selected is None or f.code in selected) and (ignored is None or f.code not in ignored)
    )
    result = CheckResult(findings, result.reports)
    if args.json:
        _print(json_safe(result.to_json()) + "\n")
    else:
        _print(visible(result.summary(args.lang)) + "\n")
    floor = Severity(args.severity).rank
    return 1 if any(f.severity.rank >= floor for f in findings) else 0


def _render(args: argparse.Namespace) -> int:
    report = _load(args.file)
    if args.standalone and args.to != "html":
        raise CliError("--standalone is for --to html")
    out = render(report, args.to, lang=args.lang, standalone=args.standalone)
    _write(out, args.output)
    return 0


def _parse(args: argparse.Namespace) -> int:
    result = _result(args.file, args.format)
    for d in result.diagnostics:
        print(visible(f"{args.file}: {d}"), file=sys.stderr)
    _write(json_safe(dumps(result.report)) + "\n", args.output)
    return 0


def _schema(args: argparse.Namespace) -> int:
    _print(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")
    return 0


def _validate(args: argparse.Namespace) -> int:
    status = 0
    for path in args.files:
        text = _read(path)
        try:
            report = loads(text)
        except LoadError as exc:
            _print(visible(f"{path}: {exc}") + "\n")
            status = 1
        else:
            meta = report.meta
            _print(
                visible(f"{path}: valid ({meta.agency}, {meta.year}, {meta.edition.value} edition)")
                + "\n"
            )
    return status


class _OutputError(Exception):
    """Standard output cannot be written (closed, full)."""


def _print(text: str) -> None:
    """``text`` to standard output; a closed or full output is one line, not a traceback."""
    if sys.stdout is None:  # started with standard output closed (>&-)
        raise _OutputError("standard output is closed")
    try:
        sys.stdout.write(text)
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise _OutputError(f"cannot write to standard output: {exc.strerror or exc}") from None


def _write(text: str, output: str | None) -> None:
    """``text`` to ``output`` (standard output for ``None`` or ``-``). A file is written whole or
    not at all: to a temporary file beside it, then renamed over it, so that an error leaves an
    existing file as it was."""
    if output is None or output == "-":
        _print(text)
        return
    target = Path(output)
    try:
        data = text.encode("utf-8")
        with tempfile.NamedTemporaryFile(
            "wb", dir=target.parent or ".", prefix=f".{target.name}.", delete=False
        ) as tmp:
            try:
                tmp.write(data)
                tmp.flush()
                os.fsync(tmp.fileno())
            except BaseException:
                tmp.close()
                os.unlink(tmp.name)
                raise
        os.replace(tmp.name, target)
    except OSError as exc:
        raise CliError(f"cannot write {output}: {exc.strerror or exc}") from None


def _text_formats() -> list[str]:
    """The output formats that give text (the registry's; a binary one needs ``-o``)."""
    return [name for name, fmt in FORMATS.items() if not fmt.binary]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="opengovreport",
        description="政府信息公开工作年度报告 as typed data: parse, check, render.",
        epilog="A FILE is report JSON or a published report (text, HTML, Markdown); - is stdin.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def lang(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--lang",
            choices=("zh", "en"),
            default="zh",
            help="labels as printed (zh, the default) or in English",
        )

    ex = commands.add_parser("example", help="print a packaged example report")
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
    lang(ex)
    ex.set_defaults(func=_example)

    ch = commands.add_parser(
        "check", help="check reports' identities (勾稽关系); exit 1 on findings at the threshold"
    )
    ch.add_argument("files", nargs="+", metavar="FILE")
    ch.add_argument("--json", action="store_true", help="print the findings as JSON")
    ch.add_argument("--select", metavar="CODES", help="only these rules, e.g. I1,I3")
    ch.add_argument("--ignore", metavar="CODES", help="not these rules, e.g. T2,T3")
    ch.add_argument(
        "--severity",
        choices=[s.value for s in Severity],
        default="inconsistency",
        help="exit 1 when any finding is at least this severe (default: %(default)s)",
    )
    lang(ch)
    ch.set_defaults(func=_check)

    re_ = commands.add_parser("render", help="render a report as Markdown, HTML or text")
    re_.add_argument("file", metavar="FILE")
    re_.add_argument("--to", choices=_text_formats(), required=True)
    re_.add_argument("--standalone", action="store_true", help="a whole HTML page with its CSS")
    re_.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout")
    lang(re_)
    re_.set_defaults(func=_render)

    pa = commands.add_parser(
        "parse",
        help="read a published report (PDF, Word, web page, text) into JSON; diagnostics go "
        "to stderr",
    )
    pa.add_argument("file", metavar="FILE")
    pa.add_argument(
        "--format",
        choices=("auto", "pdf", "docx", "html", "markdown", "text", "json"),
        default="auto",
        help="what the file is (default: told from its content)",
    )
    pa.add_argument("-o", "--output", metavar="OUT", help="write the JSON here instead of stdout")
    pa.set_defaults(func=_parse)

    sc = commands.add_parser("schema", help="print the JSON Schema of report JSON")
    sc.set_defaults(func=_schema)

    va = commands.add_parser(
        "validate", help="load report JSON strictly and list every problem (exit 1 if any)"
    )
    va.add_argument("files", nargs="+", metavar="FILE", help="report JSON files, - for stdin")
    va.set_defaults(func=_validate)
    return parser


def _quiet_stdout() -> None:
    """Point standard output at /dev/null, so that the interpreter's own flush at exit meets
    no closed pipe or full disk and prints no traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):
        pass


def _error(message: str) -> None:
    if sys.stderr is not None:
        with contextlib.suppress(OSError):
            print(f"opengovreport: {visible(message)}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); returns the exit code:
    0 success; 1 findings at the threshold (``check``) or problems (``validate``); 2 bad usage,
    input that cannot be read or output that cannot be written; 130 interrupted (Ctrl-C)."""
    try:
        try:
            args = _parser().parse_args(argv)
        except SystemExit as exc:  # --help, or a usage error argparse has printed
            return exc.code if isinstance(exc.code, int) else 0
        code: int = args.func(args)
        if sys.stdout is not None:
            try:
                sys.stdout.flush()
            except BrokenPipeError:
                raise
            except OSError as exc:
                raise _OutputError(
                    f"cannot write to standard output: {exc.strerror or exc}"
                ) from None
    except CliError as exc:
        _error(str(exc))
        return 2
    except _OutputError as exc:
        _quiet_stdout()
        _error(str(exc))
        return 2
    except BrokenPipeError:  # the reader went away (| head): nothing more to say
        _quiet_stdout()
        return 0
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    return code
