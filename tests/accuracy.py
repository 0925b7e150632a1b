"""Reading accuracy on the shared real reports with known printed values: what
``benchmarks/bench_accuracy.py`` prints and ``tests/test_accuracy.py`` holds to.

For each file, its cells (tables 2–4) as the reader returns them against the values the page
prints: right, blank (read as blank where a value is printed) and wrong; a wrong cell is *named*
where a reader's diagnostic (warning or worse) or a finding of ``check()`` names that cell. Then
the identities the published report itself breaks (the truth files' ``breaks``): named by
``check()`` or not.
"""

import json
from collections.abc import Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

import opengovreport as ogr

from .corpus_figures import CORPUS, HONGZE, PINGTAN_ZONE, Figures


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


def truths(shared: Path) -> Iterator[Truth]:
    """Every shared real report whose printed values are known."""

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
