"""The benchmark scripts run (on a small size) so that they cannot rot. No timing is asserted."""

import importlib.util
import re
import subprocess
import sys
from collections.abc import Callable
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .conftest import ROOT


def _timing() -> ModuleType:
    """``benchmarks/_timing.py``, loaded from its file (``benchmarks/`` is no package; the
    import path stays as it was)."""
    spec = importlib.util.spec_from_file_location("_timing", ROOT / "benchmarks" / "_timing.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_TIMING = _timing()


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
        ("bench_ocr.py", ["--quick"], "load average"),
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


@pytest.mark.slow
def test_bench_ingest_says_where_each_process_spent_its_cpu() -> None:
    """Under each ingest run: every worker's CPU, split into its tasks' threads and Dask's own,
    and the scheduler and client's — which add up to the run's CPU of every process."""
    script = str(ROOT / "benchmarks" / "bench_ingest.py")
    result = subprocess.run(
        [sys.executable, script, "--files", "40", "--memory-files", "20"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    runs = [i for i, line in enumerate(lines) if "ingest on" in line and "text files" in line]
    assert len(runs) == 2
    for workers, i in enumerate(runs, start=1):
        total = float(re.search(r"CPU of every process\s+([\d.]+) s", lines[i])[1])  # type: ignore[index]
        split = lines[i + 1]
        found = re.findall(
            r"worker \d+ ([\d.]+) s \(its tasks ([\d.]+) s, [\d.]+ × the loop's; "
            r"Dask's threads ([\d.]+) s\)",
            split,
        )
        assert len(found) == workers, split
        parent = float(re.search(r"the scheduler and client ([\d.]+) s", split)[1])  # type: ignore[index]
        assert re.search(r"starting the cluster [\d.]+ s \(not counted\)", split), split
        for cpu, tasks, dask in found:
            assert float(tasks) <= float(cpu) + 0.05
            assert abs(float(tasks) + float(dask) - float(cpu)) <= 0.1 + 1e-9
        each = sum(float(cpu) for cpu, _t, _d in found)
        assert abs(each + parent - total) <= 0.05 * (workers + 2) + 1e-9, (each, parent, total)
        # every process the cluster started, by psutil: its workers, as they said of themselves
        processes = lines[i + 2]
        assert "CPU of each process (psutil)" in processes, processes
        seen = sorted(float(c) for c in re.findall(r"; worker ([\d.]+) s", processes))
        assert len(seen) == workers, processes
        said = sorted(float(cpu) for cpu, _t, _d in found)
        assert all(abs(a - b) <= 0.15 for a, b in zip(seen, said, strict=True)), (seen, said)


@settings(max_examples=200, deadline=None)
@given(
    st.floats(0.05, 50),
    st.lists(st.floats(0.1, 10), min_size=1, max_size=40),
    st.integers(1, 15),
)
def test_a_ratio_by_rounds_stands_when_the_machines_pace_moves(
    true: float, paces: list[float], rounds: int
) -> None:
    """On a machine whose pace changes from one round to the next (a virtual machine, other
    work on its cores), the median of the rounds' ratios is the true ratio: each round times
    both at one pace. (The clock is read at the start and the end of each run of calls: two
    runs count the calls, then two a round.)"""
    ratio = _TIMING.ratio
    now, reads = [0.0], [0]

    def clock() -> float:
        reads[0] += 1
        return now[0]

    def cost(units: float) -> Callable[[], None]:
        def call() -> None:
            this_round = max(0, reads[0] - 4) // 4
            now[0] += units * paces[this_round % len(paces)]

        return call

    took = ratio(cost(true), cost(1.0), 1.0, rounds=rounds, clock=clock)
    assert reads[0] == 4 + 4 * rounds
    assert took.rounds == rounds
    assert took.median == pytest.approx(true)
    assert took.low == pytest.approx(true)
    assert took.high == pytest.approx(true)
