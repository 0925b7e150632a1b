"""One width policy for every text printed: ``--width``, else ``COLUMNS`` (into a pipe too),
else the terminal's; table 3 in its compact layout; golden files at 80, 100 and 120 columns."""

import os
import re
import shlex

import pytest
from wcwidth import wcswidth

import opengovreport as ogr
from opengovreport import examples
from opengovreport._console import fit_width

from .conftest import ROOT, run_cli

GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("OGR_UPDATE_GOLDEN") == "1"
HUAIAN = str(examples.path("huaian-shizhengfu-2024.txt"))


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {name}; run with OGR_UPDATE_GOLDEN=1 and review it"
    assert text == path.read_text(encoding="utf-8")


def _widest(text: str) -> int:
    return max((wcswidth(line) for line in text.splitlines()), default=0)


def _readme_first_command() -> list[str]:
    """The README's first command's ``opengovreport …`` part, as its arguments."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first = re.findall(r"```bash\n(.+?)\n```", readme)[0]
    command = first.rpartition("&& ")[2]
    words = shlex.split(command)
    assert words[0] == "opengovreport"
    return words[1:]


def test_readme_first_command_fits_100_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    """The example as a person at a 100-column terminal sees it (COLUMNS=100, output piped as
    the test captures it): no line wider than 100, table 3 a line a row."""
    monkeypatch.setenv("COLUMNS", "100")
    result = run_cli(*_readme_first_command())
    assert result.returncode == 0, result.stderr
    assert _widest(result.stdout) <= 100
    _golden("example-gaoqing-2020.100.txt", result.stdout)
    # the same as --width 100, and as the library's render at that width
    assert run_cli(*_readme_first_command(), "--width", "100").stdout == result.stdout
    report = examples.load("gaoqing-2020")
    assert result.stdout == ogr.render(report, "text", width=100)


@pytest.mark.parametrize("width", [80, 100, 120])
def test_table3_golden_at_each_width(width: int) -> None:
    result = run_cli("render", HUAIAN, "--to", "text", "--table", "3", "--width", str(width))
    assert result.returncode == 0, result.stderr
    assert _widest(result.stdout) <= width
    assert len(result.stdout.splitlines()) <= 32  # a line a row (the mock: 32 × 100)
    _golden(f"huaian-table3.{width}.txt", result.stdout)


def test_table3_in_english_fits() -> None:
    for width in (80, 100, 120):
        result = run_cli(
            "render", HUAIAN, "--to", "text", "--table", "3", "--width", str(width), "--lang", "en"
        )
        assert _widest(result.stdout) <= width
        assert "Persons" in result.stdout
        assert "Total" in result.stdout


def test_table3_keeps_every_number_in_its_column() -> None:
    """Every cell of table 3 is printed as it is, right-aligned under its column, at any
    width."""
    report = ogr.read(HUAIAN).report
    cells = [c for c in report.shape.cells if c.table == 3]
    for width in (60, 80, 100, 120, 200):
        text = ogr.render(report.requests, "text", width=width)
        rows = [line for line in text.splitlines()[1:] if re.search(r"\d\s*$", line)]
        numbers = [n for line in rows for n in line.split()[-7:]]
        expected = [ogr.values.format_value(report.cell(c.path), c.kind) for c in cells]
        assert numbers == expected, width


def test_columns_is_honoured_into_a_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    wide = run_cli("render", HUAIAN, "--to", "text", "--table", "3").stdout
    assert _widest(wide) > 100  # a pipe without COLUMNS gets whole lines (the grid)
    monkeypatch.setenv("COLUMNS", "90")
    fitted = run_cli("render", HUAIAN, "--to", "text", "--table", "3").stdout
    assert (
        fitted == run_cli("render", HUAIAN, "--to", "text", "--table", "3", "--width", "90").stdout
    )
    assert _widest(fitted) <= 90
    # --width wins over COLUMNS; a file written with -o gets whole lines unless --width
    assert _widest(run_cli("render", HUAIAN, "--to", "text", "--width", "120").stdout) <= 120


def test_the_width_policy(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal:
        def isatty(self) -> bool:
            return True

    class Pipe:
        def isatty(self) -> bool:
            return False

    assert fit_width(Pipe()) is None
    assert fit_width(Pipe(), 77) == 77
    assert isinstance(fit_width(Terminal()), int)
    monkeypatch.setenv("COLUMNS", "93")
    assert fit_width(Pipe()) == 93
    assert fit_width(Terminal()) == 93
    assert fit_width(Pipe(), 120) == 120
    monkeypatch.setenv("COLUMNS", "5")
    assert fit_width(Pipe()) == 20  # never narrower than the renderers allow
    monkeypatch.setenv("COLUMNS", "wide")
    assert fit_width(Pipe()) is None
