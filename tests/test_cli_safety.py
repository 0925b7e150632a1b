"""The command line never shows a traceback, never truncates a file, never lets report text
drive the terminal. Each test failed on the command line that wrote ``-o`` in place, let
KeyboardInterrupt, AttributeError and OSError tracebacks out, and printed report text raw."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import attrs
import pytest

import opengovreport as ogr
from opengovreport import cli, examples
from opengovreport._text import json_safe


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "opengovreport", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


# --- 11. -o writes atomically -----------------------------------------------------------------


def test_an_error_leaves_an_existing_output_file_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "report.json"
    source.write_text(examples.text("synthetic-2021"), encoding="utf-8")
    out = tmp_path / "out.html"
    out.write_text("the page as it was", encoding="utf-8")

    def fail_midway(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fail_midway)  # the disk fills while writing
    code = cli.main(["render", str(source), "--to", "html", "-o", str(out), "--lang", "en"])
    assert code == 2
    assert out.read_text(encoding="utf-8") == "the page as it was"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.html", "report.json"]  # no temp
    err = capsys.readouterr().err
    assert err == f"opengovreport: cannot write {out}: No space left on device\n"


def test_output_is_written_whole(tmp_path: Path) -> None:
    source = tmp_path / "report.json"
    source.write_text(examples.text("gaoqing-2020"), encoding="utf-8")
    out = tmp_path / "out.md"
    out.write_text("old", encoding="utf-8")
    assert cli.main(["render", str(source), "--to", "markdown", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == examples.load("gaoqing-2020").to_markdown()


# --- 12. Ctrl-C, closed and full output ---------------------------------------------------------


@pytest.mark.slow
def test_ctrl_c_exits_130_with_one_line() -> None:
    process = subprocess.Popen(  # reads standard input, which stays open: it waits
        [sys.executable, "-m", "opengovreport", "check", "-", "--lang", "en"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(1.5)
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert err == "opengovreport: interrupted\n"


@pytest.mark.slow
def test_closed_standard_output_is_one_line() -> None:
    result = subprocess.run(
        f"{sys.executable} -m opengovreport example --lang en >&-",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr == "opengovreport: standard output is closed\n"


@pytest.mark.slow
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_full_standard_output_is_one_line() -> None:
    result = subprocess.run(
        f"{sys.executable} -m opengovreport example --to text --lang en > /dev/full",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr == (
        "opengovreport: cannot write to standard output: No space left on device\n"
    )


@pytest.mark.slow
def test_a_reader_that_goes_away_is_no_error() -> None:
    result = subprocess.run(
        f"{sys.executable} -m opengovreport schema | head -c 10",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout == '{\n  "$sche'
    assert result.stderr == ""


# --- 13. report text cannot drive the terminal -------------------------------------------------

NASTY = "局\x1b[2J\x1b]0;owned\x07\u202egnp.exe\u2066x\u2069\x85\u2028\x9b31m"


def _nasty_report() -> ogr.Report:
    report = examples.load("synthetic-2021")
    title = f"{NASTY}{report.meta.year}年政府信息公开工作年度报告"
    meta = ogr.Meta(NASTY, report.meta.year, title=title, front_matter=(NASTY,))
    blocks = (ogr.Heading(f"（一）{NASTY}"), ogr.Paragraph(f"段落{NASTY}"))
    overview = ogr.Section(report.overview.heading, blocks)
    changed = attrs.evolve(report, meta=meta, overview=overview)
    return changed.with_cell("requests.disclosed.total", 1)


UNSAFE = [chr(c) for c in [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]] + [
    *map(chr, range(0x202A, 0x202F)),
    *map(chr, range(0x2066, 0x206A)),
    "\u2028",
    "\u2029",
]


def _safe(text: str) -> None:
    found = sorted({f"U+{ord(c):04X}" for c in text if c in UNSAFE})
    assert not found, found


@pytest.mark.parametrize(
    "args",
    [
        ["render", "{file}", "--to", "text"],
        ["render", "{file}", "--to", "markdown"],
        ["render", "{file}", "--to", "text", "--lang", "en"],
        ["check", "{file}"],
        ["check", "{file}", "--json"],
        ["validate", "{file}"],
        ["parse", "{text}"],
    ],
    ids=lambda a: "-".join(x for x in a if not x.startswith("{")),
)
@pytest.mark.slow
def test_report_text_is_made_visible_in_every_output(tmp_path: Path, args: list[str]) -> None:
    report = _nasty_report()
    file = tmp_path / "n\x1b[2Jasty.json"  # a file name can hold an escape too
    file.write_text(ogr.dumps(report), encoding="utf-8")
    text = tmp_path / "nasty.txt"
    text.write_text(report.to_text(), encoding="utf-8")
    argv = [a.format(file=file, text=text) for a in args]
    result = run(*argv)
    assert result.returncode in (0, 1), result.stderr
    _safe(result.stdout)
    _safe(result.stderr)
    assert "\\x1b" in result.stdout or "\\u001b" in result.stdout
    if "--json" in argv or argv[0] == "parse":
        json.loads(result.stdout)  # the same JSON, escaped


def test_json_output_means_the_same() -> None:
    report = _nasty_report()
    assert json.loads(json_safe(ogr.dumps(report))) == json.loads(ogr.dumps(report))
