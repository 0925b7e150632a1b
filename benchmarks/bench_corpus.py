"""Many reports: per-report costs next to json.loads, and a whole corpus with 1 and 2 workers.

Prints, in one run:

* loading report JSON with ``opengovreport.loads`` ÷ ``json.loads`` of the same text (goal ≤ 3);
* checking a report ÷ ``json.loads`` (goal ≤ 0.5); rendering a report's HTML; parsing its text;
* N generated reports (default 100,000) loaded, checked (with the cross-year rules) and exported
  to the tidy and the wide frame, with 1 and with 2 worker processes: seconds for each step and
  the peak memory (goal: under 60 s and 2 GB on a 2-core machine).

    python benchmarks/bench_corpus.py               # N = 100,000
    python benchmarks/bench_corpus.py --n 300       # a quick run (CI)
"""

import argparse
import json
import platform
import random
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_checks import _random_report

import opengovreport as ogr
from opengovreport import examples
from opengovreport.corpus import _map


def _per_call(fn: Callable[[], object], number: int) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        best = min(best, (time.perf_counter() - start) / number)
    return best


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) / 1024


def _texts(n: int) -> list[str]:
    """N report JSON texts: 100 distinct random reports, each agency renamed per copy, in
    series of consecutive years so that the cross-year rules run."""
    rng = random.Random(7)
    bases = [examples.load(name) for name in examples.names()]
    distinct = [ogr.dumps(_random_report(rng, bases[i % 2]), indent=None) for i in range(100)]
    years = [json.loads(t)["meta"]["year"] for t in distinct]
    texts = []
    for i in range(n):
        group = i // 4  # four consecutive years of one agency, from one base report
        k = (2 * group + (group % 2)) % len(distinct)
        text = distinct[k].replace(f'"year": {years[k]}', f'"year": {years[k] + i % 4}', 1)
        texts.append(text.replace('"agency": "', f'"agency": "机关{group:06d}', 1))
    return texts


def _loads(text: str) -> ogr.Report:
    return ogr.loads(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="reports in the corpus")
    parser.add_argument("--number", type=int, default=300, help="calls per per-report timing")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, Python {platform.python_version()}, 2 cores")

    report = examples.load("synthetic-2021")
    text = ogr.dumps(report, indent=None)
    t_json = _per_call(lambda: json.loads(text), args.number)
    t_load = _per_call(lambda: ogr.loads(text), args.number)
    t_check = _per_call(lambda: ogr.check(report), args.number)
    t_html = _per_call(report.to_html, args.number)
    published = report.to_text()
    t_parse = _per_call(lambda: ogr.parse(published), max(10, args.number // 10))
    print(f"json.loads            {t_json * 1e6:8.1f} µs")
    print(f"loads                 {t_load * 1e6:8.1f} µs  ratio {t_load / t_json:4.2f} (goal ≤ 3)")
    print(
        f"check                 {t_check * 1e6:8.1f} µs  ratio {t_check / t_json:4.2f} (goal ≤ 0.5)"
    )
    print(f"render HTML           {t_html * 1e6:8.1f} µs  ratio {t_html / t_json:4.2f}")
    print(f"parse text            {t_parse * 1e6:8.1f} µs  ratio {t_parse / t_json:4.2f}")

    texts = _texts(args.n)
    for workers in (1, 2):
        start = time.perf_counter()
        reports = _map(_loads, texts, workers, progress=False)
        loaded = time.perf_counter()
        corpus = ogr.Corpus(reports)
        result = corpus.check(workers=workers, progress=False)
        checked = time.perf_counter()
        tidy = corpus.to_frame()
        wide = corpus.to_wide()
        exported = time.perf_counter()
        total = exported - start
        print(
            f"corpus of {args.n} reports, {workers} worker(s): load {loaded - start:6.1f} s, "
            f"check {checked - loaded:6.1f} s ({len(result)} findings), "
            f"export {exported - checked:6.1f} s ({len(tidy)} + {len(wide)} rows); "
            f"total {total:6.1f} s (goal < 60); peak memory {_peak_mb():7.0f} MB (goal < 2048)"
        )
        del reports, corpus, result, tidy, wide


if __name__ == "__main__":
    main()
