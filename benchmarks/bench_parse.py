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
import functools
import json
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import contextlib

from _timing import ratio

import opengovreport as ogr

#: OGR_SHARED names it for a checkout elsewhere (a worktree), as for the tests
SHARED = Path(
    os.environ.get("OGR_SHARED") or Path(__file__).resolve().parent.parent.parent / "shared"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--seconds",
        type=float,
        default=3.0,
        help="time per source, its yardstick included (default 3)",
    )
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
    # the yardstick, timed in the same rounds as each parse (this virtual machine's pace drifts
    # by up to 2× between runs, and within one): the ratio is taken round by round, in CPU
    # seconds of this process (a parse is one process's work; time waiting for a core is not)
    seed_json = ogr.dumps(ogr.examples.load("gaoqing-2020"), indent=None)
    print(
        "each parse ÷ json.loads of the seed as report JSON, in CPU seconds, timed in turn in "
        "the same rounds: the median of the rounds' ratios (lowest–highest), and best ÷ best"
    )
    for name, text in sources:
        ogr.parse(text)  # caches warmed
        took = ratio(
            functools.partial(ogr.parse, text),
            functools.partial(json.loads, seed_json),
            args.seconds,
            clock=time.process_time,
        )
        print(
            f"{name:40s} {1 / took.best:8.0f} reports/s  ({took.best * 1e3:6.2f} ms,"
            f" {len(text):6d} chars; json.loads {took.yardstick * 1e6:5.1f} µs)"
            f"  × json.loads: {took}"
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
