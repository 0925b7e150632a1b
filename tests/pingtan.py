"""The departments of 平潭综合实验区 in ../shared/corpus/crawled, as reports built from their
truth files (every cell of tables 3 and 4 as printed, the table 2 cells the pages print
unambiguously, the rest blank): real figures without the reader, which another change rewrites.
"""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from opengovreport import Edition, Meta, Report, builders, schema
from opengovreport.model import CellValue
from opengovreport.values import CellKind

from .conftest import SHARED

CRAWLED = SHARED / "corpus" / "crawled"


def truth_files() -> list[Path]:
    """The truth files, sorted; the test is skipped where the shared corpus is absent."""
    if not CRAWLED.is_dir():
        pytest.skip(f"shared corpus not found at {CRAWLED}")
    return sorted(CRAWLED.glob("*.truth.json"))


def report(path: Path) -> Report:
    """The report of one truth file."""
    truth = json.loads(path.read_text(encoding="utf-8"))
    edition = Edition(truth["edition"])
    itemized = None if edition is Edition.E2019 else True
    shape = schema.shape(edition, itemized_other_handling=itemized)
    amounts = {c.path for c in shape.cells if c.kind is CellKind.AMOUNT}
    cells: dict[str, CellValue] = {  # an amount as a decimal, whether written 0 or "9116.36"
        path: Decimal(str(value)) if path in amounts and value is not None else value
        for path, value in {**truth["table2_cells"], **truth["cells"]}.items()
    }
    every = {c.path: cells.get(c.path) for c in shape.cells}
    assert set(cells) <= set(every), sorted(set(cells) - set(every))
    return builders.report_from_cells(
        Meta(truth["agency"], truth["year"], edition), every, shape=shape
    )


def reports() -> list[Report]:
    return [report(p) for p in truth_files()]
