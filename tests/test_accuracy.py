"""Reading accuracy on every shared real report with known printed values (the figure of
``benchmarks/bench_accuracy.py``): no cell wrong, every break the published tables contain named
by ``check()``, and the few cells that read several ways blank with a diagnostic naming them.

These read ``../shared`` and skip where it is absent (see the README)."""

import pytest

import opengovreport as ogr

from .accuracy import Truth, measure, truths
from .conftest import SHARED

TRUTHS = list(truths(SHARED)) if SHARED.exists() else []

#: the cells that read several ways and are left blank, by file (none: the one row of table 2
#: that reads three ways, 行政审批局's 行政规范性文件 5416, is read the one way its narrative's
#: figures agree with)
BLANK: dict[str, set[str]] = {}


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
    if truth.name == "pingtan-xingzhengshenpiju-2023.txt":
        (note,) = result.filter(code="rebuilt-by-narrative")
        assert note.cells[0] == "disclosure.item1.normative_documents.issued"
        assert "现行有效的规范性文件16件" in note.message("zh")
    # a status is a promise: ok only where every cell was read and confirmed
    if result.status is ogr.ReadStatus.OK:
        assert result.quality == 1.0
    else:
        assert result.reason
