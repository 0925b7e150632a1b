"""Checking reports, next to decoding their JSON.

Prints the time to check N reports with ``opengovreport.check`` and the time to ``json.loads``
the same reports' JSON text, and their ratio (goal: checking ≤ 0.5 × decoding).

    python benchmarks/bench_checks.py            # 10,000 reports
    python benchmarks/bench_checks.py --n 500    # a quick run

The reports are the two packaged examples with every table 3 and table 4 figure redrawn at
random through the builders (so every identity holds), cycled up to N.

Also T5 alone on the synthetic example (goal: about 10 µs a report, which was about a quarter
of ``json.loads`` of its JSON when T5 first ran at 9 µs): the report checked again and again; a
report whose sentences differ from the ones seen only in their figures (a drafted narrative:
judged from their template); and a report never seen, its sentences read anew. Each against
``json.loads`` of the example's JSON in the same run, the yardstick of this shared machine.
"""

import argparse
import json
import platform
import random

import attrs
from _timing import per_call_each

import opengovreport as ogr
from opengovreport import builders, examples, schema
from opengovreport.checks import _narrative
from opengovreport.checks._statements import read_statements

DISTINCT = 200


def _outcome_rows(shape: schema.Shape) -> list[str]:
    """The rows of table 3 that （七）总计 sums: the right side of its relation (I2)."""
    total = next(r for r in shape.relations if r.rule == "I2")
    return [t.path.split(".", 1)[1].rpartition(".")[0] for t in total.rhs]


def _random_report(rng: random.Random, base: ogr.Report) -> ogr.Report:
    itemized = base.requests.other_handling_itemized
    rows = {
        leaf: tuple(rng.choice((0, 0, 1, rng.randint(0, 400))) for _ in range(6))
        for leaf in _outcome_rows(base.shape)
    }
    handled = [sum(r[i] for r in rows.values()) for i in range(6)]
    rows["carried_over"] = tuple(rng.randint(0, h) for h in handled)
    rows["new_received"] = tuple(
        h - o + rng.randint(0, 20) for h, o in zip(handled, rows["carried_over"], strict=True)
    )
    appeals = builders.appeals_table(
        *(tuple(rng.randint(0, 30) for _ in range(4)) for _ in range(3))
    )
    report = attrs.evolve(
        base,
        meta=attrs.evolve(base.meta, agency=f"{base.meta.agency}{rng.randint(0, 10**6)}"),
        requests=builders.requests_table(rows, itemized_other_handling=itemized),
        appeals=appeals,
    )
    # section 1 states the new figures (T5 reads them): drafted from the tables
    return attrs.evolve(report, overview=builders.narrative(report))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="reports to check (default 10000)")
    args = parser.parse_args()
    rng = random.Random(2026)
    bases = [examples.load(name) for name in examples.names()]
    distinct = [_random_report(rng, bases[i % len(bases)]) for i in range(min(DISTINCT, args.n))]
    reports = [distinct[i % len(distinct)] for i in range(args.n)]
    texts = [ogr.dumps(r, indent=None) for r in reports]
    assert all(ogr.check(r).ok for r in distinct), "the benchmark's reports must be valid"

    t_check, t_json = per_call_each(
        [lambda: [ogr.check(r) for r in reports], lambda: [json.loads(t) for t in texts]], 1
    )
    per = 1e6 / args.n
    print(f"machine: {platform.machine()}, Python {platform.python_version()}")
    print(f"reports: {args.n} (mean JSON size {sum(map(len, texts)) // len(texts)} characters)")
    print(f"check:      {t_check:8.3f} s  ({t_check * per:6.1f} µs/report)")
    print(f"json.loads: {t_json:8.3f} s  ({t_json * per:6.1f} µs/report)")
    print(f"ratio check/json.loads: {t_check / t_json:.2f}  (goal ≤ 0.50)")
    _t5(max(200, args.n // 10))


def _t5(n: int) -> None:
    """T5 alone on the synthetic example, each way, against json.loads of its JSON."""
    report = examples.load("synthetic-2021")
    shape = report.shape
    values = shape.fetch(report)
    text = examples.text("synthetic-2021")

    def again() -> None:
        _narrative.narrative_findings(report, values, shape)

    def other_figures() -> None:
        _narrative._templated.cache_clear()
        _narrative.narrative_findings(report, values, shape)

    def never_seen() -> None:
        read_statements.cache_clear()
        _narrative._templated.cache_clear()
        _narrative._TEMPLATE_PLANS.clear()
        _narrative.narrative_findings(report, values, shape)

    times = per_call_each([again, other_figures, never_seen, lambda: json.loads(text)], n)
    *t5, t_json = times
    print(f"json.loads of the synthetic example: {t_json * 1e6:7.1f} µs (the yardstick)")
    for name, t in zip(
        ("checked again", "other figures, one template", "never seen, read anew"), t5, strict=True
    ):
        print(f"T5, {name:28s} {t * 1e6:7.1f} µs = {t / t_json:5.2f} × json.loads")
    print("goal: checked again ≤ about 10 µs (0.26 × json.loads when T5 first ran)")


if __name__ == "__main__":
    main()
