"""Parsing published reports: reports a second on one core.

Prints how many times a second the seed report (TAB-separated text) and the largest corpus report
(``pdftotext -layout``) parse, and the same for the packaged example rendered to text, Markdown
and HTML (goal: over 1,000 seed-sized reports a second). The seed and corpus are read from
``../shared`` beside the checkout (or the folder that ``OGR_SHARED`` names); those lines are
skipped when it is absent.

    python benchmarks/bench_parse.py
    python benchmarks/bench_parse.py --seconds 0.2     # a quick run
"""

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import contextlib

from _timing import per_call

import opengovreport as ogr

#: OGR_SHARED names it for a checkout elsewhere (a worktree), as for the tests
SHARED = Path(
    os.environ.get("OGR_SHARED") or Path(__file__).resolve().parent.parent.parent / "shared"
)


def _rate(source: str, seconds: float) -> float:
    best = 0.0
    for _ in range(3):
        n, start = 0, time.perf_counter()
        while (elapsed := time.perf_counter() - start) < seconds / 3 or n < 3:
            ogr.parse(source)
            n += 1
        best = max(best, n / elapsed)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time per source (default 3)")
    args = parser.parse_args()
    sources: list[tuple[str, str]] = []
    seed = SHARED / "seeds" / "000_78abebdfa8884d6e.txt"
    if seed.exists():
        sources.append(("seed (TAB text)", seed.read_text(encoding="utf-8")))
    corpus = sorted((SHARED / "corpus").glob("*.txt"), key=lambda p: p.stat().st_size)
    if corpus:
        sources.append((f"{corpus[-1].name} (layout)", corpus[-1].read_text(encoding="utf-8")))
    example = ogr.examples.load("synthetic-2021")
    for fmt in ("text", "markdown", "html"):
        sources.append((f"synthetic-2021 as {fmt}", ogr.render(example, fmt)))  # type: ignore[arg-type]
    print(f"machine: {platform.machine()}, Python {platform.python_version()}, one core")
    # a yardstick: this virtual machine's speed drifts by up to 2× between runs
    seed_json = ogr.dumps(ogr.examples.load("gaoqing-2020"), indent=None)
    yardstick = per_call(lambda: json.loads(seed_json), 2000)
    print(f"json.loads of the seed as report JSON: {yardstick * 1e6:.1f} µs (the machine's pace)")
    for name, text in sources:
        rate = _rate(text, args.seconds)
        print(
            f"{name:40s} {rate:8.0f} reports/s  ({1e3 / rate:6.2f} ms, {len(text):6d} chars;"
            f" {1 / rate / yardstick:5.1f} × json.loads of the seed)"
        )
    print("goal: over 1000 seed-sized reports/s")
    _unclosed_tags()


def _unclosed_tags() -> None:
    """HTML of unclosed tags, 56 kB and 20 times that: linear time is a ratio of about 20
    (Python's html.parser, quadratic, took 4 s for 56 kB and did not end in 15 minutes for
    1 MB)."""
    small, large = "<table " * 8000, "<table " * 160_000
    times = []
    for junk in (small, large):
        start = time.perf_counter()
        with contextlib.suppress(ogr.ParseError):
            ogr.parse(junk, format="html")
        times.append(time.perf_counter() - start)
    print(
        f"unclosed <table tags: {len(small) // 1000} kB in {times[0] * 1e3:.1f} ms, "
        f"{len(large) // 1000} kB in {times[1] * 1e3:.1f} ms: ratio {times[1] / times[0]:.0f} "
        "for 20 times the size (linear: about 20)"
    )


if __name__ == "__main__":
    main()
