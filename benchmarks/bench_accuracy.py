"""Reading accuracy: every real report with known printed values, read as published.

For each file, its cells (tables 2–4) as the reader returns them against the values the page
prints: right, blank (read as blank where a value is printed) and wrong; a wrong cell is *named*
where a reader's diagnostic (warning or worse) or a finding of ``check()`` names that cell.
Then the identities the published report itself breaks (the truth files' ``breaks``): named by
``check()`` or not. The figure that must be 0 is *wrong and unnamed*.

The files are the shared corpus beside the checkout (``../shared``, or the folder that
``OGR_SHARED`` names): the eight crawled pages of ``corpus/crawled/`` with their ``.truth.json``,
the corpus texts and PDF whose printed values are written out in ``tests/corpus_figures.py``, and
the seed (the packaged example is its truth).

    python benchmarks/bench_accuracy.py
"""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.accuracy import measure, truths  # noqa: E402

#: OGR_SHARED names it for a checkout elsewhere (a worktree), as for the tests
SHARED = Path(os.environ.get("OGR_SHARED") or ROOT.parent / "shared")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared folder")
    args = parser.parse_args()
    rows = [measure(t) for t in truths(args.shared)]
    if not rows:
        print(f"no shared reports at {args.shared}: nothing to measure")
        return
    print(f"{'file':44s} {'status':8s} {'quality':>7s} {'right':>6s} {'blank':>6s} {'wrong':>6s}"
          f" {'unnamed':>8s} {'breaks named':>13s}")  # fmt: skip
    for r in rows:
        print(
            f"{r.name[:44]:44s} {r.status:8s} {r.quality:7.3f} {r.right:6d} {r.blank:6d} "
            f"{r.wrong:6d} {len(r.unnamed):8d} {r.breaks_named:>6d} of {r.breaks:<4d}"
        )
        for each in r.unnamed:
            print(f"    wrong and unnamed: {each}")
    cells = sum(r.right + r.blank + r.wrong for r in rows)
    right, blank, wrong = (sum(getattr(r, k) for r in rows) for k in ("right", "blank", "wrong"))
    unnamed = sum(len(r.unnamed) for r in rows)
    breaks, named = sum(r.breaks for r in rows), sum(r.breaks_named for r in rows)
    print(
        f"total: {len(rows)} reports, {cells} cells: {right} right ({right / cells:.2%}), "
        f"{blank} blank, {wrong} wrong, {unnamed} wrong and unnamed; "
        f"published breaks named: {named} of {breaks}"
    )


if __name__ == "__main__":
    main()
