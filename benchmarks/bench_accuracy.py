"""Reading accuracy: every real report with known printed values, read as published.

For each file, its cells (tables 2–4) as the reader returns them against the values the page
prints: right, blank (read as blank where a value is printed) and wrong; a wrong cell is *named*
where a reader's diagnostic (warning or worse) or a finding of ``check()`` names that cell.
Then the identities the published report itself breaks (the truth files' ``breaks``): named by
``check()`` or not. The figure that must be 0 is *wrong and unnamed*.

The files are the shared corpus beside the checkout (``../shared``): the eight crawled pages of
``corpus/crawled/`` with their ``.truth.json``, the corpus texts and PDF whose printed values are
written out in ``tests/corpus_figures.py``, and the seed (the packaged example is its truth).

    python benchmarks/bench_accuracy.py
"""

import argparse
import json
import sys
from collections.abc import Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import opengovreport as ogr  # noqa: E402

SHARED = ROOT.parent / "shared"


class Truth(NamedTuple):
    name: str
    path: Path
    cells: dict[str, Any]
    breaks: list[tuple[str, str]]


class Accuracy(NamedTuple):
    name: str
    status: str
    quality: float
    right: int
    blank: int
    wrong: int
    unnamed: list[str]
    breaks: int
    breaks_named: int


def _same(read: object, printed: object) -> bool:
    if read is None or printed is None:
        return read is printed
    return Decimal(str(read)) == Decimal(str(printed))


def truths(shared: Path = SHARED) -> Iterator[Truth]:
    """Every shared real report whose printed values are known."""
    from tests.corpus_figures import CORPUS, HONGZE, PINGTAN_ZONE, Figures

    def figures(each: Figures, path: Path) -> Truth:
        cells = {p: v for p, v in each.report().cells() if p not in each.unknown}
        return Truth(path.name, path, cells, [])

    for truth in sorted((shared / "corpus" / "crawled").glob("*.truth.json")):
        data = json.loads(truth.read_text(encoding="utf-8"))
        cells = {**data["cells"], **data["table2_cells"]}
        yield Truth(data["file"], truth.with_name(data["file"]), cells, data["breaks"])
    for each in (*CORPUS, PINGTAN_ZONE):
        path = shared / "corpus" / each.file
        if path.exists():
            yield figures(each, path)
    pdf = shared / "corpus" / "pdf" / HONGZE.file.replace(".txt", ".pdf")
    if pdf.exists():
        yield figures(HONGZE, pdf)
    seed = shared / "seeds" / "000_78abebdfa8884d6e.txt"
    if seed.exists():
        example = dict(ogr.examples.load("gaoqing-2020").cells())
        yield Truth(seed.name, seed, example, [])


def measure(truth: Truth) -> Accuracy:
    """How ``read()`` does on one report."""
    result = ogr.read(truth.path)
    report = result.found
    read: Mapping[str, object] = dict(report.cells()) if report is not None else {}
    named: set[str] = set()
    for d in result.diagnostics:
        if d.severity.rank >= ogr.Severity.WARNING.rank:
            named.update(d.cells)
    findings = ogr.check(report).findings if report is not None else ()
    for f in findings:
        if f.severity.rank >= ogr.Severity.WARNING.rank:
            named.update(c.path for c in f.cells)
    right = blank = wrong = 0
    unnamed = []
    for path, printed in truth.cells.items():
        value = read.get(path)
        if _same(value, printed):
            right += 1
        elif value is None:
            blank += 1
        else:
            wrong += 1
            if path not in named:
                unnamed.append(f"{path}: printed {printed}, read {value}")
    found = sum(
        any(f.code == code and any(c.path == cell for c in f.cells) for f in findings)
        for code, cell in truth.breaks
    )
    return Accuracy(
        truth.name,
        result.status.value,
        result.quality,
        right,
        blank,
        wrong,
        unnamed,
        len(truth.breaks),
        found,
    )


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
