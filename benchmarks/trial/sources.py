"""Reports of known truth for the Word/PDF trial: the packaged examples, generated reports
(drawn once and kept as JSON in benchmarks/trial/data so every run reads the same), the corpus' real
reports written out by hand (tests/corpus_figures.py), and the crawled pages' truth files."""

import json
import sys
from pathlib import Path

import opengovreport as ogr
from opengovreport import Edition, Meta, builders

HERE = Path(__file__).parent
DATA = HERE / "data"
SHARED = Path("/work/shared")
sys.path.insert(0, str(HERE.parent))

GENERATED = 6


def _generated() -> list[tuple[str, ogr.Report]]:
    DATA.mkdir(exist_ok=True)
    out = []
    for i in range(GENERATED):
        path = DATA / f"generated-{i}.json"
        if not path.exists():
            from opengovreport.testing import reports

            edition = (Edition.E2021, Edition.E2019)[i % 2]
            path.write_text(ogr.dumps(reports(edition=edition).example()), encoding="utf-8")
        drawn = ogr.loads(path.read_text(encoding="utf-8"))
        # the drawn report's tables under a plain title (its drawn text is any Unicode)
        agency = f"生成市第{i + 1}局"
        meta = Meta(
            agency,
            drawn.meta.year,
            drawn.meta.edition,
            title=f"{agency}{drawn.meta.year}年政府信息公开工作年度报告",
        )
        out.append((path.stem, builders.report_from_cells(meta, dict(drawn.cells()))))
    return out


def sources() -> list[tuple[str, ogr.Report]]:
    """(name, report) of every report the trial renders."""
    out = [(n, ogr.examples.load(n)) for n in ogr.examples.names()]
    out += _generated()
    from tests.corpus_figures import CORPUS, PINGTAN_ZONE

    for each in (*CORPUS, PINGTAN_ZONE):
        if not each.unknown:
            out.append((each.file.split(".")[0], each.report()))
    for truth in sorted((SHARED / "corpus" / "crawled").glob("*.truth.json")):
        data = json.loads(truth.read_text(encoding="utf-8"))
        cells = {**data["cells"], **data["table2_cells"]}
        meta = Meta(data["agency"], data["year"], Edition(data["edition"]))
        from decimal import Decimal

        from opengovreport import schema

        cells = {
            k: (Decimal(str(v)) if "amount" in k and v is not None else v) for k, v in cells.items()
        }
        fits = [sh for sh in schema.shapes(meta.edition) if set(cells) <= set(sh.paths)]
        if fits:
            cells = {p: cells.get(p) for p in min(fits, key=lambda sh: len(sh.paths)).paths}
        try:
            report = builders.report_from_cells(meta, cells)
        except Exception as exc:  # a truth file this builder cannot hold: said, left out
            print("left out", truth.name, type(exc).__name__, exc, file=sys.stderr)
            continue
        out.append((truth.name.split(".")[0], report))
    return out


if __name__ == "__main__":
    for name, report in sources():
        print(name, report.meta.edition.value, len(dict(report.cells())))
