"""The benchmark scripts run (on a small size) so that they cannot rot. No timing is asserted."""

import subprocess
import sys

import pytest

from .conftest import ROOT


@pytest.mark.parametrize(
    ("script", "args", "expected"),
    [
        ("bench_checks.py", ["--n", "40"], "ratio check/json.loads:"),
        ("bench_render.py", ["--repeat", "2"], "opengovreport table 3 → HTML:"),
        ("bench_parse.py", ["--seconds", "0.05"], "synthetic-2021 as html"),
        ("bench_read.py", ["--seconds", "0.05"], "ratio read/bare:"),
        ("bench_corpus.py", ["--n", "40", "--number", "3"], "corpus of 40 reports, 2 worker(s)"),
        ("bench_ingest.py", ["--files", "40", "--memory-files", "60"], "peak memory per worker"),
        ("bench_explain.py", ["--n", "400"], "check and page"),
        ("bench_ocr.py", ["--quick"], "by resolution (all sources):"),
    ],
)
@pytest.mark.slow
def test_benchmark_runs(script: str, args: list[str], expected: str) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), *args],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert expected in result.stdout
