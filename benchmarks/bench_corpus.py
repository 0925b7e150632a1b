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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import attrs
from _timing import per_call

import opengovreport as ogr
from opengovreport import examples
from opengovreport.corpus import _map


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) / 1024


def _series(rng: random.Random, base: ogr.Report) -> list[ogr.Report]:
    """Four consecutive years of one agency whose carry-over chains (T1 holds), as real
    corpora mostly do; the figures are random."""
    out: list[ogr.Report] = []
    carried = (0,) * 6
    for k in range(4):
        outcomes = {
            leaf.path: tuple(rng.choice((0, 0, 1, rng.randint(0, 400))) for _ in range(6))
            for leaf in ogr.schema.table3_outcome_rows(True)
        }
        handled = [sum(r[i] for r in outcomes.values()) for i in range(6)]
        forward = [max(rng.randint(0, 20), c - h) for c, h in zip(carried, handled, strict=True)]
        rows = {
            **outcomes,
            "carried_over": carried,
            "new_received": tuple(
                h + f - c for h, f, c in zip(handled, forward, carried, strict=True)
            ),
        }
        requests = ogr.builders.requests_table(rows, carried_forward=forward)
        meta = attrs.evolve(base.meta, year=2021 + k)
        out.append(attrs.evolve(base, meta=meta, requests=requests))
        carried = tuple(forward)
    return out


def _texts(n: int) -> list[str]:
    """N report JSON texts: 100 random four-year series, each copied under new agency names."""
    rng = random.Random(7)
    base = examples.load("synthetic-2021")
    series = [[ogr.dumps(r, indent=None) for r in _series(rng, base)] for _ in range(100)]
    name = f'"agency": "{base.meta.agency}'
    texts = []
    for i in range(n):
        group = i // 4
        text = series[group % len(series)][i % 4]
        texts.append(text.replace(name, f'"agency": "机关{group:06d}', 1))
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
    t_json = per_call(lambda: json.loads(text), args.number)
    t_load = per_call(lambda: ogr.loads(text), args.number)
    t_check = per_call(lambda: ogr.check(report), args.number)
    t_html = per_call(report.to_html, args.number)
    published = report.to_text()
    t_parse = per_call(lambda: ogr.parse(published), max(10, args.number // 10))
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
