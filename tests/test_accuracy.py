"""Reading accuracy on every shared real report with known printed values (the figure of
``benchmarks/bench_accuracy.py``): no cell wrong, every break the published tables contain named
by ``check()``, and the few cells that read several ways blank with a diagnostic naming them.

These read ``../shared`` and skip where it is absent (see the README)."""

import pytest

import opengovreport as ogr

from .accuracy import Truth, measure, truths
from .conftest import SHARED

TRUTHS = list(truths(SHARED)) if SHARED.exists() else []

#: the cells that read several ways and are left blank, by file (table 2 has no totals): the
#: page of 行政审批局 prints 行政规范性文件 5416, which reads 5 4 16, 5 41 6 or 54 1 6
BLANK = {
    "pingtan-xingzhengshenpiju-2023.txt": {
        "disclosure.item1.normative_documents.issued",
        "disclosure.item1.normative_documents.repealed",
        "disclosure.item1.normative_documents.in_force",
    }
}


@pytest.mark.slow
@pytest.mark.skipif(not TRUTHS, reason="the shared corpus is absent")
@pytest.mark.parametrize("truth", TRUTHS, ids=lambda t: t.name)
def test_every_cell_read_right_and_every_break_named(truth: Truth) -> None:
    accuracy = measure(truth)
    assert accuracy.wrong == 0
    assert accuracy.unnamed == []
    assert accuracy.blank == len(BLANK.get(truth.name, ()))
    assert accuracy.breaks_named == accuracy.breaks
    result = ogr.read(truth.path)
    for path in BLANK.get(truth.name, ()):
        assert any(path in d.cells for d in result.filter(code="rebuild-ambiguous")), path
    # a status is a promise: ok only where every cell was read and confirmed
    if result.status is ogr.ReadStatus.OK:
        assert result.quality == 1.0
    else:
        assert result.reason
