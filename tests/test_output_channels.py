"""Every output channel escapes text from files by its own rules: the lines the command line
prints (a record a line, whatever a file name or an agency holds), GitHub's workflow-command
encoding, CSV, JSON, the pages printed on a terminal, HTML, Markdown, Word and Excel. Each test
failed before: a newline in an agency or a file name forged a workflow command (``::error …`` on
a line of its own) in ``validate``, ``render --to text``, ``check --format csv`` and the error
line; ``summary`` and ``render --to html`` printed ESC, BEL, C1 controls and U+202E raw; HTML and
Word pages held them raw; ``Corpus.to_excel`` failed on ESC."""

import contextlib
import csv
import io
import json
import os
import pty
import re
import select
import sys
import time
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import opengovreport as ogr
from opengovreport import cli, examples
from opengovreport._text import escape_controls, json_safe, visible
from opengovreport.corpus import ExcelTextWarning
from opengovreport.schema import default_title

from .strategies import RAW_CONTROL, forged_commands, hostile_texts
from .test_cli_safety import run


def _report(agency: str) -> ogr.Report:
    """The example with ``agency`` for its agency and in its title, and an inconsistency."""
    base = examples.load("synthetic-2021")
    year = base.meta.year
    meta = attrs.evolve(base.meta, agency=agency, title=default_title(agency, year))
    return attrs.evolve(base, meta=meta).with_cell("requests.disclosed.total", 1)


def _no_raw(text: str, where: str) -> None:
    found = sorted({f"U+{ord(c):04X}" for c in RAW_CONTROL.findall(text)})
    assert not found, (where, found)


# --- the one guard ---------------------------------------------------------------------------


@given(st.one_of(hostile_texts(), st.text()))
def test_visible_text_drives_neither_a_terminal_nor_a_ci_log(text: str) -> None:
    shown = visible(text)
    _no_raw(shown, "visible")
    assert forged_commands(shown) == []
    assert visible(shown) == shown  # the same text again gives the same text
    one = visible(text, one_line=True)
    _no_raw(one, "one line")
    assert "\n" not in one
    assert "\t" not in one
    assert forged_commands(one) == []
    assert visible(one, one_line=True) == one
    safe = json_safe(json.dumps(text, ensure_ascii=False))
    assert json.loads(safe) == text  # the same JSON
    _no_raw(safe, "json")
    assert forged_commands(safe) == []


def test_what_it_shows() -> None:
    assert visible("局\n::error::x") == "局\n\\x3a:error::x"
    assert visible("  ::warning::x") == "  \\x3a:warning::x"
    assert visible("a ##[error]b") == "a \\x23#[error]b"
    assert visible("局\n::error::x", one_line=True) == "局\\x0a::error::x"
    assert visible("a\tb\r\nc", one_line=True) == "a\\x09b\\x0d\\x0ac"
    assert visible("http://a.b/c::d") == "http://a.b/c::d"  # "::" inside a line is text


# --- the command line: a newline in an agency or a file name -----------------------------------


@pytest.mark.slow
def test_a_newline_in_an_agency_forges_no_workflow_command(tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    report = _report("局\n::error file=x.py,line=1::forged ##[error]y")
    path.write_text(ogr.dumps(report), encoding="utf-8")
    for args in (
        ["validate", str(path)],
        ["render", str(path), "--to", "text"],
        ["render", str(path), "--to", "markdown"],
        ["render", str(path), "--to", "html"],
        ["check", str(path), "--format", "csv"],
        ["check", str(path), "--format", "json"],
        ["check", str(path)],
        ["summary", str(path)],
    ):
        result = run(*args)
        assert result.returncode in (0, 1), (args, result.stderr)
        assert forged_commands(result.stdout + result.stderr) == [], args
        _no_raw(result.stdout + result.stderr, args[0])
    github = run("check", str(path), "--format", "github")
    lines = github.stdout.splitlines()
    assert lines
    assert all(re.match(r"::(error|warning|notice) file=", line) for line in lines)
    assert len(forged_commands(github.stdout)) == len(lines)  # its own, and only those
    rows = list(csv.reader(io.StringIO(run("check", str(path), "--format", "csv").stdout)))
    assert [r[4] for r in rows[1:]] == [
        "局\\x0a::error file=x.py,line=1::forged \\x23#[error]y"
    ] * (len(rows) - 1)


@pytest.mark.slow
def test_a_newline_in_a_file_name_is_one_error_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad\n::error::forged.txt"
    bad.write_text("nothing to read", encoding="utf-8")
    result = run("check", str(bad))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert forged_commands(result.stderr) == []
    assert result.stderr.startswith(f"opengovreport: {tmp_path}/bad\\x0a::error::forged.txt: ")


def test_workflow_commands_are_encoded_as_github_reads_them() -> None:
    line = cli._annotation(ogr.Severity.ERROR, "a,b:c%\n.json", "T1, x: y", "100%\r\n\x1bok", 3)
    assert line == (
        "::error file=a%2Cb%3Ac%25%0A.json,line=3,title=T1%2C x%3A y::100%25%0D%0A\\x1bok"
    )


# --- pages printed on a terminal ----------------------------------------------------------------


def _on_a_terminal(argv: list[str]) -> str:
    """What ``argv`` prints on a pseudo-terminal (its standard output and error)."""
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        os.execv(sys.executable, [sys.executable, "-m", "opengovreport", *argv])
    out = b""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 1)
        if not ready:
            continue
        try:
            data = os.read(fd, 1 << 16)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        out += data
    os.waitpid(pid, 0)
    os.close(fd)
    return out.decode("utf-8", "replace")


NASTY = "局\x1b]0;owned\x07\x1b[2J\x9b31m\u202egnp\x00\x0b"


@pytest.mark.slow
@pytest.mark.parametrize("command", ["summary", "render-html", "render-markdown"])
def test_a_page_printed_on_a_terminal_drives_nothing(tmp_path: Path, command: str) -> None:
    path = tmp_path / f"n{NASTY.replace(chr(0), '')}.json"
    path.write_text(ogr.dumps(_report(NASTY)), encoding="utf-8")
    argv = {
        "summary": ["summary", str(path)],
        "render-html": ["render", str(path), "--to", "html", "--findings"],
        "render-markdown": ["render", str(path), "--to", "markdown"],
    }[command]
    shown = _on_a_terminal(argv)
    assert "\\x1b" in shown
    _no_raw(shown.replace("\r\n", "\n"), command)  # the terminal's own line ends


# --- every output, whatever the names ---------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _cli(argv: list[str], terminal: bool = False) -> tuple[int, str, str]:
    out, err = (_Terminal() if terminal else io.StringIO()), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(argv)
    return code, out.getvalue(), err.getvalue()


def _outputs(path: Path, report: ogr.Report, folder: Path) -> dict[str, Any]:
    """Every output of ``report`` (read from ``path`` by the command line): its records."""
    out: dict[str, Any] = {}
    for fmt in ("text", "json", "csv", "github"):
        code, text, err = _cli(["check", str(path), "--format", fmt, "--show-all"])
        assert (code, err) == (1, ""), err
        out[fmt] = text
    out["validate"] = _cli(["validate", str(path)])[1]
    out["render"] = _cli(["render", str(path), "--to", "text", "--width", "100"])[1]
    out["summary"] = _cli(["summary", str(path)], terminal=True)[1]
    out["html"] = ogr.check(report).to_html(standalone=True)
    out["markdown"] = report.to_markdown()
    document = zipfile.ZipFile(io.BytesIO(report.to_docx())).read("word/document.xml")
    out["word"] = document.decode("utf-8")
    workbook = folder / "corpus.xlsx"
    corpus = ogr.Corpus.from_paths([path], progress=False)
    with warnings.catch_warnings(record=True) as warned:
        warnings.simplefilter("always")
        corpus.to_excel(workbook)  # always writes
    escaped = any(escape_controls(t) != t for t in (report.meta.agency, str(path)))
    assert [w.category for w in warned] == ([ExcelTextWarning] if escaped else [])
    out["excel"] = _cells(workbook)
    return out


def _cells(path: Path) -> dict[str, list[list[Any]]]:
    import openpyxl

    book = openpyxl.load_workbook(path)
    out: dict[str, list[list[Any]]] = {}
    for sheet in book.worksheets:
        out[sheet.title] = [[(c.value, c.data_type) for c in row] for row in sheet.iter_rows()]
    return out


def _records(outputs: dict[str, Any]) -> dict[str, int]:
    """How many records each output holds: lines, findings, rows, paragraphs, cells."""
    files = json.loads(outputs["json"])["files"]
    return {
        "text": outputs["text"].count("\n"),
        "json": sum(len(f["findings"]) for f in files),
        "csv": len(list(csv.reader(io.StringIO(outputs["csv"])))),
        "github": outputs["github"].count("\n"),
        "validate": outputs["validate"].count("\n"),
        "summary": outputs["summary"].count("<tr"),
        "html": outputs["html"].count("<tr"),
        "markdown": outputs["markdown"].count("\n"),
        "word": outputs["word"].count("<w:p>") + outputs["word"].count("<w:p "),
        "excel": sum(len(rows) * len(rows[0]) for rows in outputs["excel"].values()),
    }


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> dict[str, int]:
    folder = tmp_path_factory.mktemp("plain")
    path = folder / "plain.json"
    report = _report("局")
    path.write_text(ogr.dumps(report), encoding="utf-8")
    return _records(_outputs(path, report, folder))


def _names() -> st.SearchStrategy[str]:
    """File names as a file system takes them: no slash nor NUL, at most 200 bytes."""
    return hostile_texts(exclude="/\x00").filter(
        lambda s: s not in (".", "..") and len(s.encode("utf-8", "surrogateescape")) <= 200
    )


@contextlib.contextmanager
def _folder(base: Path, n: list[int]) -> Iterator[Path]:
    n[0] += 1
    folder = base / f"case{n[0]}"
    folder.mkdir()
    yield folder


@pytest.mark.slow
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    # an example takes about a second: a failure is shown as found, not shrunk for minutes
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
)
@given(agency=hostile_texts(), name=_names())
def test_every_output_stays_a_record_per_finding_and_holds_no_raw_control(
    tmp_path: Path, plain: dict[str, int], agency: str, name: str
) -> None:
    with _folder(tmp_path, _COUNTER) as folder:
        path = folder / f"{name}.json"
        report = _report(agency)
        path.write_text(ogr.dumps(report), encoding="utf-8")
        outputs = _outputs(path, report, folder)
    assert _records(outputs) == plain
    for kind, value in outputs.items():
        if kind == "excel":
            for sheet, rows in value.items():
                for row in rows:
                    for cell, data_type in row:
                        if isinstance(cell, str):
                            _no_raw(cell, f"excel {sheet}")
                            assert data_type == "s", (sheet, cell)
            continue
        _no_raw(value, kind)
        forged = forged_commands(value)
        if kind == "github":  # its own commands, one a finding, and only those
            assert len(forged) == value.count("\n")
            assert all(re.match(r"::(error|warning|notice) file=", line) for line in forged)
        else:
            assert forged == [], kind
    files = json.loads(outputs["json"])["files"]
    assert files[0]["agency"] == agency  # JSON escapes: the same text
    assert files[0]["source"] == str(path)


_COUNTER = [0]
