"""A number printed in a PDF with its digit groups parted (52 316, 1 234 567: a space, a thin
space, a no-break space) is one number: the PDF reader sees the gap between the groups is a
space's, not a cell's, and joins them — in a row of one value and in a row of many alike."""

import json
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import opengovreport as ogr
from opengovreport import examples

from . import pdfs

needs_chromium = pytest.mark.skipif(pdfs.CHROMIUM is None, reason="needs chromium")


def _scaled(factor: int) -> ogr.Report:
    """The synthetic example with every count of tables 3 and 4 times ``factor`` (its
    identities hold as before)."""
    data = json.loads(examples.text("synthetic-2021"))

    def scale(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: scale(v) for k, v in node.items()}
        return node * factor if isinstance(node, int) else node

    data["requests"] = scale(data["requests"])
    data["appeals"] = scale(data["appeals"])
    return ogr.loads(json.dumps(data))


def _grouped(page: str, separator: str, chosen: set[int]) -> str:
    """``page`` with each table cell's number of four digits or more whose place is in
    ``chosen`` printed in groups of three digits parted by ``separator``, on one line."""
    count = -1

    def group(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        digits = match.group(2)
        if count not in chosen:
            return match.group(0)
        head = len(digits) % 3 or 3
        parts = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
        # kept on one line (a narrow column would wrap it at the space, as any cell's text)
        number = f'<span style="white-space: nowrap">{separator.join(parts)}</span>'
        return match.group(1) + number + match.group(3)

    return re.sub(r"(<td[^>]*>)(\d{4,})(</td>)", group, page)


@pytest.mark.slow
def test_a_one_value_row_of_the_printed_example_reads_52316(tmp_path: Path) -> None:
    if pdfs.CHROMIUM is None:
        pytest.skip("needs chromium")
    report = examples.load("synthetic-2021")
    page = tmp_path / "page.html"
    page.write_text(_grouped(report.to_html(standalone=True), " ", set(range(99))), "utf-8")
    assert ">52 316</span>" in page.read_text(encoding="utf-8")
    pdfs.print_pdf(page, tmp_path / "page.pdf")
    result = ogr.read(tmp_path / "page.pdf")
    assert result.status is ogr.ReadStatus.OK
    assert result.report.disclosure.item5.licensing.decisions == 52316
    assert result.report == report


@pytest.mark.slow
@needs_chromium
@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.sampled_from([1, 1000, 1_000_000]),
    st.sampled_from([" ", "\u2009", "&nbsp;"]),
    st.sets(st.integers(0, 120)),
)
def test_numbers_in_digit_groups_read_whole_in_every_row(
    factor: int, separator: str, chosen: set[int]
) -> None:
    report = _scaled(factor)
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "page.html"
        page.write_text(_grouped(report.to_html(standalone=True), separator, chosen), "utf-8")
        pdfs.print_pdf(page, Path(folder) / "page.pdf")
        result = ogr.read(Path(folder) / "page.pdf")
    assert result.report == report, result.reason
