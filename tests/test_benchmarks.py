"""The benchmark scripts run (on a small size) so that they cannot rot. No timing is asserted."""

import subprocess
import sys

from .conftest import ROOT


def test_bench_checks_runs() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_checks.py"), "--n", "40"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "ratio check/json.loads:" in result.stdout
