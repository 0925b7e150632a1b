"""The command line: ``opengovreport`` (also ``python -m opengovreport``)."""

import argparse
import sys
from collections.abc import Sequence

from . import examples
from .io import LoadError, dumps, loads

__all__ = ["main"]


def _example(args: argparse.Namespace) -> int:
    try:
        report = examples.load(args.name)
    except KeyError as exc:
        print(f"opengovreport: {exc.args[0]}", file=sys.stderr)
        return 2
    sys.stdout.write(dumps(report) + "\n")
    return 0


def _validate(args: argparse.Namespace) -> int:
    status = 0
    for path in args.files:
        try:
            if path == "-":
                text = sys.stdin.read()
            else:
                with open(path, encoding="utf-8") as fh:
                    text = fh.read()
        except (OSError, UnicodeDecodeError) as exc:
            print(f"opengovreport: cannot read {path}: {exc}", file=sys.stderr)
            return 2
        try:
            report = loads(text)
        except LoadError as exc:
            print(f"{path}: {exc}")
            status = 1
        else:
            print(
                f"{path}: valid ({report.meta.agency}, {report.meta.year}, "
                f"{report.meta.edition.value} edition)"
            )
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); returns the exit code."""
    parser = argparse.ArgumentParser(
        prog="opengovreport",
        description="政府信息公开工作年度报告 as typed data: examples and strict JSON.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    ex = commands.add_parser("example", help="print a packaged example report as JSON")
    ex.add_argument(
        "name",
        nargs="?",
        default=examples.names()[0],
        help=f"one of {', '.join(examples.names())} (default: %(default)s)",
    )
    ex.set_defaults(func=_example)
    va = commands.add_parser(
        "validate", help="load report JSON strictly and list every problem (exit 1 if any)"
    )
    va.add_argument("files", nargs="+", metavar="FILE", help="report JSON files, - for stdin")
    va.set_defaults(func=_validate)
    args = parser.parse_args(argv)
    code: int = args.func(args)
    return code
