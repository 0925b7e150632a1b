"""The command line, run as a user runs it."""

import json
import subprocess
import sys
from pathlib import Path

import opengovreport as ogr
from opengovreport import examples


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "opengovreport", *args],
        capture_output=True,
        text=True,
        input=stdin,
        encoding="utf-8",
        check=False,
    )


def test_example_prints_the_report_json() -> None:
    result = run("example")
    assert result.returncode == 0, result.stderr
    assert ogr.loads(result.stdout) == examples.load("gaoqing-2020")
    result = run("example", "synthetic-2021")
    assert ogr.loads(result.stdout) == examples.load("synthetic-2021")


def test_unknown_example() -> None:
    result = run("example", "nope")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        "opengovreport: no example 'nope'; examples: gaoqing-2020, synthetic-2021\n"
    )


def test_validate(tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    good.write_text(examples.text("gaoqing-2020"), encoding="utf-8")
    data = json.loads(examples.text("gaoqing-2020"))
    data["requests"]["disclosed"]["total"] = "0"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    result = run("validate", str(good))
    assert result.returncode == 0
    assert result.stdout == f"{good}: valid (高青县投资促进中心, 2020, 2019 edition)\n"
    result = run("validate", str(good), str(bad))
    assert result.returncode == 1
    assert f"{bad}: 1 problem in report JSON:\n" in result.stdout
    assert '$.requests.disclosed.total: expected a count (an integer ≥ 0) or null, found "0"' in (
        result.stdout
    )
    result = run("validate", "-", stdin=examples.text("synthetic-2021"))
    assert result.returncode == 0
    result = run("validate", str(tmp_path / "missing.json"))
    assert result.returncode == 2
    assert result.stderr.startswith(f"opengovreport: cannot read {tmp_path / 'missing.json'}:")
    assert "Traceback" not in result.stderr
