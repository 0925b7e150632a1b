"""Many reports: per-report costs next to json.loads, and a whole corpus with 1 and 2 workers.

Prints, in one run:

* loading report JSON with ``opengovreport.loads`` ÷ ``json.loads`` of the same text (goal ≤ 3),
  for one text again and again and for up to 5,000 different files;
* checking a report ÷ ``json.loads`` (goal ≤ 0.5); rendering a report's HTML; parsing its text;
* N generated reports (default 100,000) written as JSON files, then read from their folder,
  checked (with the cross-year rules) and exported to the tidy and the wide frame, with 1 and
  with 2 worker processes, each in a fresh process: seconds for each step and the peak memory
  (goal: under 60 s and 2 GB on a 2-core machine).

    python benchmarks/bench_corpus.py               # N = 100,000
    python benchmarks/bench_corpus.py --n 300       # a quick run (CI)
"""

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import contextlib
import gc
import itertools

import attrs
from _timing import per_call, per_call_each

import opengovreport as ogr
from opengovreport import examples


def _pss_kb(pid: int) -> int:
    """The proportional set size of a process and its descendants: a page shared by k
    processes (a forked child reading its parent's reports) counts 1/k in each."""
    total = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                total += int(line.split()[1])
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                total += _pss_kb(int(child))
    except OSError:  # the process ended while being read
        pass
    return total


class _PeakMemory(threading.Thread):
    """The peak memory of this process and its children, sampled every 0.25 s (Linux); where
    /proc has no proportional set sizes, the peak RSS of this process plus its largest child."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.sampled = Path(f"/proc/{os.getpid()}/smaps_rollup").exists()
        self.peak_kb = 0
        #: the CPU seconds this thread has taken sampling: the kernel walks every page of
        #: each process for a sample (about 10 ms for 0.5 GB), more the longer a run lasts
        self.cpu = 0.0
        self.done = threading.Event()

    def run(self) -> None:
        while self.sampled and not self.done.wait(0.25):
            self.peak_kb = max(self.peak_kb, _pss_kb(os.getpid()))
            self.cpu = time.thread_time()

    def stop(self) -> float:
        """The peak in MB."""
        self.done.set()
        self.join()
        if self.sampled:
            return self.peak_kb / 1024
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        return (own + children) / 1024


def _series(rng: random.Random, base: ogr.Report) -> list[ogr.Report]:
    """Four consecutive years of one agency whose carry-over chains (T1 holds) and whose
    section 1 states the tables' figures (T5 holds), as real corpora mostly do; the figures
    are random."""
    out: list[ogr.Report] = []
    carried = (0,) * 6
    for k in range(4):
        total = next(r for r in base.shape.relations if r.rule == "I2")
        outcomes = {
            term.path.split(".", 1)[1].rpartition(".")[0]: tuple(
                rng.choice((0, 0, 1, rng.randint(0, 400))) for _ in range(6)
            )
            for term in total.rhs
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
        report = attrs.evolve(base, meta=meta, requests=requests)
        # section 1 states the year's figures, drafted from its tables (T5 reads them), as
        # most reports do; the example's own section 1 would contradict every random table
        out.append(attrs.evolve(report, overview=ogr.builders.narrative(report)))
        carried = tuple(forward)
    return out


def _write_corpus(n: int, folder: Path) -> None:
    """N report JSON files: 100 random four-year series, each copied under new agency names,
    a thousand files a sub-folder."""
    rng = random.Random(7)
    base = examples.load("synthetic-2021")
    series = [[ogr.dumps(r, indent=None) for r in _series(rng, base)] for _ in range(100)]
    name = f'"agency": "{base.meta.agency}'
    for i in range(n):
        group = i // 4
        text = series[group % len(series)][i % 4]
        path = folder / f"{i // 1000:03d}" / f"{i:06d}.json"
        if i % 1000 == 0:
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.replace(name, f'"agency": "机关{group:06d}', 1), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="reports in the corpus")
    parser.add_argument("--number", type=int, default=300, help="calls per per-report timing")
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.folder:
        _corpus(Path(args.folder), args.n, args.workers)
        return
    print(f"machine: {platform.machine()}, Python {platform.python_version()}, 2 cores")

    report = examples.load("synthetic-2021")
    text = ogr.dumps(report, indent=None)
    t_json, t_load, t_check, t_html = per_call_each(
        [
            lambda: json.loads(text),
            lambda: ogr.loads(text),
            lambda: ogr.check(report),
            report.to_html,
        ],
        args.number,
    )
    published = report.to_text()
    t_parse = per_call(lambda: ogr.parse(published), max(10, args.number // 10))
    print(f"json.loads            {t_json * 1e6:8.1f} µs")
    print(f"loads                 {t_load * 1e6:8.1f} µs  ratio {t_load / t_json:4.2f} (goal ≤ 3)")
    print(
        f"check                 {t_check * 1e6:8.1f} µs  ratio {t_check / t_json:4.2f} (goal ≤ 0.5)"
    )
    print(f"render HTML           {t_html * 1e6:8.1f} µs  ratio {t_html / t_json:4.2f}")
    print(f"parse text            {t_parse * 1e6:8.1f} µs  ratio {t_parse / t_json:4.2f}")
    _many_bad_values(report)

    with tempfile.TemporaryDirectory() as tmp:
        _write_corpus(args.n, Path(tmp))
        _many_texts(sorted(Path(tmp).rglob("*.json"))[:5000])
        sys.stdout.flush()
        for workers in (1, 2):  # each in a fresh process, so that each peak is its own
            command = [sys.executable, __file__, "--n", str(args.n), "--workers", str(workers)]
            subprocess.run([*command, "--folder", tmp], check=True)


def _many_bad_values(report: ogr.Report) -> None:
    """loads ÷ json.loads of a report with 80,000 bad values: listing its problems stays
    linear (goal ≤ 20); the error lists a hundred and counts the rest."""
    data = ogr.to_dict(report)
    data["overview"]["blocks"] = [{"type": "paragraph", "text": 1}] * 80_000
    text = json.dumps(data)

    def load() -> None:
        with contextlib.suppress(ogr.LoadError):
            ogr.loads(text)

    t_json, t_load = per_call_each([lambda: json.loads(text), load], 1, 3)
    print(
        f"80,000 bad values: json.loads {t_json * 1e3:6.1f} ms, loads {t_load * 1e3:6.1f} ms"
        f"  ratio {t_load / t_json:4.1f} (goal ≤ 20)"
    )


def _many_texts(paths: list[Path]) -> None:
    """loads ÷ json.loads over the corpus's first files, each text once, as a corpus is read
    (their figures repeat every 400 files, under other agency names)."""
    texts = [p.read_text(encoding="utf-8") for p in paths]
    every_json, every_loads = per_call_each(
        [lambda: [json.loads(t) for t in texts], lambda: [ogr.loads(t) for t in texts]], 1, 3
    )
    per_json, per_loads = every_json / len(texts) * 1e6, every_loads / len(texts) * 1e6
    print(
        f"{len(texts)} corpus files: json.loads {per_json:6.1f} µs, loads {per_loads:6.1f} µs"
        f"  ratio {per_loads / per_json:4.2f} (goal ≤ 3)"
    )


def _cpu_seconds() -> tuple[float, float]:
    """The CPU seconds of this process and of its children ended (the workers): on a machine
    shared with other work, what the wall seconds of 2 workers cannot show."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def _usage() -> tuple[float, ...]:
    """User and system CPU seconds and minor page faults of this process and of its children
    ended (the workers), and the CPU seconds its collector took (:class:`_Collector`)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (
        own.ru_utime,
        own.ru_stime,
        own.ru_minflt,
        children.ru_utime,
        children.ru_stime,
        children.ru_minflt,
        _Collector.seconds,
    )


class _Collector:
    """The CPU seconds the cyclic garbage collector takes in this process's main thread."""

    seconds = 0.0
    _start = 0.0

    @classmethod
    def seen(cls, phase: str, info: dict[str, int]) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        if phase == "start":
            cls._start = time.thread_time()
        else:
            cls.seconds += time.thread_time() - cls._start


def _corpus(folder: Path, n: int, workers: int) -> None:
    memory = _PeakMemory()
    memory.start()
    gc.callbacks.append(_Collector.seen)
    marks = [(*_cpu_seconds(), 0.0)]  # CPU here, in the workers, the sampler's: at each step
    usages = [_usage()]

    def mark() -> None:
        marks.append((*_cpu_seconds(), memory.cpu))
        usages.append(_usage())

    start = time.perf_counter()
    corpus = ogr.Corpus.from_folder(folder, workers=workers, progress=False)
    loaded = time.perf_counter()
    mark()
    assert len(corpus) == n, len(corpus)
    assert not corpus.errors, corpus.errors[:3]
    result = corpus.check(workers=workers, progress=False)
    checked = time.perf_counter()
    mark()
    tidy = corpus.to_frame()
    wide = corpus.to_wide()
    exported = time.perf_counter()
    mark()
    total = exported - start
    peak = memory.stop()
    # each step's CPU here (the sampler's left out) and in the workers
    steps = [(b[0] - a[0] - (b[2] - a[2]), b[1] - a[1]) for a, b in itertools.pairwise(marks)]
    cpu = sum(here + there for here, there in steps)
    parts = ", ".join(
        f"{name} {here:.1f} + {there:.1f}"
        for name, (here, there) in zip(("load", "check", "export"), steps, strict=True)
    )
    print(
        f"corpus of {n} reports, {workers} worker(s): load {loaded - start:6.1f} s, "
        f"check {checked - loaded:6.1f} s ({len(result)} findings), "
        f"export {exported - checked:6.1f} s ({len(tidy)} + {len(wide)} rows); "
        f"total {total:6.1f} s (goal < 60); CPU of every process {cpu:6.1f} s (here + in the "
        f"workers: {parts}; the memory sampler's {memory.cpu:4.1f} s left out); "
        f"peak memory {peak:7.0f} MB (goal < 2048); load average {os.getloadavg()[0]:.1f}"
    )
    # each step's user + system CPU seconds and minor page faults (thousands), here (the
    # memory sampler's included) and in the workers, and this process's collector
    print(
        "  by step, user + system s (minor faults, k) here | in the workers; the collector here: "
        + "; ".join(
            f"{name} {b[0] - a[0]:.1f} + {b[1] - a[1]:.1f} ({(b[2] - a[2]) / 1e3:.0f}) | "
            f"{b[3] - a[3]:.1f} + {b[4] - a[4]:.1f} ({(b[5] - a[5]) / 1e3:.0f}); {b[6] - a[6]:.1f}"
            for name, (a, b) in zip(
                ("load", "check", "export"), itertools.pairwise(usages), strict=True
            )
        )
    )
    if workers == 1:  # the analysts' frames, on one core, after the run above
        del tidy, wide, result
        gc.collect()
        start = time.perf_counter()
        corpus.to_wide()
        widened = time.perf_counter()
        frame = corpus.indicators_frame()
        done = time.perf_counter()
        print(
            f"one core, {n} reports: to_wide {widened - start:5.1f} s (goal ≤ 10), "
            f"indicators_frame {done - widened:5.1f} s (goal ≤ 10; {frame.shape[1] - 4} "
            "indicators)"
        )


if __name__ == "__main__":
    main()
