"""The corpus page of N generated reports (default 100,000) with a peer benchmark per agency and
flags, built on one core; and one agency's comparison and benchmark in that corpus.

Prints, in one run, on one process:

* the check of the corpus (every rule, and the rules across years), as the page needs it;
* the page (``Corpus.to_html(result=…, peers="region", thresholds=…)``): every report's row with
  its key indicators, each one's percentile among the reports of its year in its region, its
  flags, and the tables of 1,000 reports; seconds, and its size;
* the yardstick in the same run: ``Corpus.to_wide()`` (the pandas export of every cell), and the
  page ÷ the yardstick;
* check and page together (goal: under 30 s), the peak resident memory; each figure in wall
  and in CPU seconds (this machine is shared);
* ``Corpus.compare`` and ``Corpus.benchmark`` of one agency among its region's in that corpus.

    python benchmarks/bench_explain.py               # N = 100,000
    python benchmarks/bench_explain.py --n 400       # a quick run (CI)
"""

import argparse
import platform
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import attrs
from bench_corpus import _series

import opengovreport as ogr
from opengovreport import examples
from opengovreport.flags import Thresholds

#: the kinds of agency of a county: its government and nine departments
_AGENCIES = ("人民政府", "教育局", "民政局", "财政局", "公安局", "卫生健康委员会", "交通运输局",
             "自然资源局", "市场监督管理局", "农业农村局")  # fmt: skip


def _corpus(n: int) -> ogr.Corpus:
    """N reports: 100 random four-year series (the figures of ``bench_corpus.py``), copied
    under agency names of 250 cities, ten counties each, ten agencies a county."""
    rng = random.Random(7)
    base = examples.load("synthetic-2021")
    series = [_series(rng, base) for _ in range(100)]
    reports = []
    for i in range(n):
        agency = i // 4
        city, county = agency % 250, (agency // 250) % 10
        name = f"甲{city:03d}市乙{county}县{_AGENCIES[(agency // 2500) % 10]}"
        report = series[agency % len(series)][i % 4]
        reports.append(attrs.evolve(report, meta=attrs.evolve(report.meta, agency=name)))
    return ogr.Corpus(reports)


class _Clock:
    """Wall and CPU seconds since the last lap (the machine is shared: CPU seconds are what
    one core spent, wall seconds what a user waited)."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def lap(self) -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        out = (wall - self.wall, cpu - self.cpu)
        self.wall, self.cpu = wall, cpu
        return out


def _both(seconds: tuple[float, float]) -> str:
    return f"{seconds[0]:6.1f} s ({seconds[1]:5.1f} s CPU)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="reports in the corpus")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, Python {platform.python_version()}, one process")
    corpus = _corpus(args.n)
    thresholds = Thresholds.preset("peer-dashboard")

    clock = _Clock()
    result = corpus.check(progress=False)
    t_check = clock.lap()
    page = corpus.to_html(result=result, peers="region", thresholds=thresholds)
    t_page = clock.lap()
    corpus.to_wide()
    t_wide = clock.lap()

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"corpus of {len(corpus)} reports, {len(corpus.agencies())} agencies")
    print(f"check                 {_both(t_check)}  ({len(result)} findings)")
    print(f"page                  {_both(t_page)}  ({len(page) / 1e6:.0f} MB)")
    ratio = t_page[1] / t_wide[1]
    print(f"to_wide (yardstick)   {_both(t_wide)}  ratio page/to_wide {ratio:4.2f} (CPU)")
    total = (t_check[0] + t_page[0], t_check[1] + t_page[1])
    print(f"check and page        {_both(total)}  (goal < 30 s); peak memory {peak:5.0f} MB")

    agency = corpus.agencies()[len(corpus.agencies()) // 2]
    start = time.perf_counter()
    comparison = corpus.compare(agency, thresholds=thresholds)
    compared = time.perf_counter()
    benchmark = corpus.benchmark(agency, peers="region", thresholds=thresholds)
    done = time.perf_counter()
    print(
        f"one agency: compare {(compared - start) * 1e3:5.1f} ms ({len(comparison)} cells), "
        f"benchmark {(done - compared) * 1e3:6.1f} ms (among {len(benchmark.peers)} peers)"
    )


if __name__ == "__main__":
    main()
