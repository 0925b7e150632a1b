"""Numbers by their header and unit: columns printed in another order than the format's, a unit
stated in a header, a number's groups of thousands parted by a space, a letter where a digit
belongs, a line of the narrative that reads like a row — in every text form, and as a property:
every cell right, or blank with a diagnostic naming it; never ``ok`` with a cell wrong."""

import os
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import opengovreport as ogr
from opengovreport import examples
from opengovreport.model import CellValue

from .exports import tab_text
from .strategies import plausible_reports

SYNTHETIC = examples.load("synthetic-2021")
FORMS = ("tab", "text", "markdown", "html")
#: the printed labels of two columns of each table that may change places
TABLE3_SWAP = ("商业企业", "科研机构")
TABLE4_SWAP = ("结果维持", "结果纠正")


def _rendered(report: ogr.Report, form: str) -> str:
    return tab_text(report) if form == "tab" else ogr.render(report, form)


def _swap_columns(text: str, form: str, first: str, second: str, table: int) -> str:
    """``text`` with two columns of a table (found by their header labels) changing places in
    every line of that table: its header and its rows."""
    start = text.index(("三、收到和处理" if table == 3 else "四、政府信息公开行政复议")[:6])
    end = text.index("四、政府信息公开行政复议" if table == 3 else "五、")
    head, body, tail = text[:start], text[start:end], text[end:]
    if form == "html":
        return head + _swap_html(body, first, second) + tail
    sep = "\t" if form == "tab" else "|"
    lines = body.split("\n")
    header = next(line for line in lines if first in line and second in line)
    cells = header.split(sep)
    i = next(k for k, c in enumerate(cells) if c.strip().endswith(first))
    j = next(k for k, c in enumerate(cells) if c.strip().endswith(second))
    out = []
    for line in lines:
        cells = line.split(sep)
        if len(cells) == len(header.split(sep)):
            if table == 4 and not any(c.strip().isdigit() for c in cells):
                # each group's columns printed again: swap them in every group
                cells = _swap_all(cells, first, second)
            elif table == 4 and j - i < 5 and len(cells) >= 15:
                for group in range(0, len(cells) - 4, 5):  # the same two of every group
                    a, b = group + i % 5, group + j % 5
                    cells[a], cells[b] = cells[b], cells[a]
            else:
                cells[i], cells[j] = cells[j], cells[i]
        elif table == 4 and first in line:
            cells = _swap_all(cells, first, second)
        out.append(sep.join(cells))
    return head + "\n".join(out) + tail


def _swap_all(cells: list[str], first: str, second: str) -> list[str]:
    return [c.replace(first, "\0").replace(second, first).replace("\0", second) for c in cells]


def _swap_html(body: str, first: str, second: str) -> str:
    """Table 3 of a web page with two of its columns changing places: their header cells, and
    the same two of each row's seven value cells."""
    labels = [c.label.zh for c in SYNTHETIC.shape.numbered(3).parts[0].columns]
    i, j = labels.index(first), labels.index(second)
    for row in re.findall(r"<tr>.*?</tr>", body, flags=re.S):
        cells = re.findall(r"<t[hd][^>]*>.*?</t[hd]>", row)
        if f">{first}<" in row:
            a = next(k for k, c in enumerate(cells) if f">{first}<" in c)
            b = next(k for k, c in enumerate(cells) if f">{second}<" in c)
        elif row.count("<td") >= 7:
            a, b = len(cells) - 7 + i, len(cells) - 7 + j
        else:
            continue
        cells[a], cells[b] = cells[b], cells[a]
        body = body.replace(row, "<tr>" + "".join(cells) + "</tr>", 1)
    return body


@pytest.mark.parametrize("form", FORMS)
def test_table_3_columns_in_another_order_follow_their_header(form: str) -> None:
    text = _swap_columns(_rendered(SYNTHETIC, form), form, *TABLE3_SWAP, table=3)
    assert text != _rendered(SYNTHETIC, form)
    result = ogr.parse(text)
    assert result.report == SYNTHETIC
    (note,) = result.filter(code="column-order")
    assert note.table == 3
    assert "自然人 科研机构 商业企业" in note.message()
    assert result.status is ogr.ReadStatus.OK


@pytest.mark.parametrize("form", ["tab", "text", "markdown"])
def test_table_4_columns_in_another_order_follow_their_header(form: str) -> None:
    text = _swap_columns(_rendered(SYNTHETIC, form), form, *TABLE4_SWAP, table=4)
    result = ogr.parse(text)
    assert result.report == SYNTHETIC
    assert any(n.table == 4 for n in result.filter(code="column-order"))


@pytest.mark.parametrize("form", FORMS)
def test_an_amount_in_the_unit_its_header_states_is_converted(form: str) -> None:
    text = _rendered(SYNTHETIC, form).replace("（单位：万元）", "（单位：元）")
    text = text.replace("4068.208", "40682080")
    result = ogr.parse(text)
    assert result.report == SYNTHETIC  # 40682080 元 = 4068.208 万元
    (note,) = result.filter(code="unit-converted")
    assert note.cells == ("disclosure.item8.fees.amount",)


@pytest.mark.parametrize("layout", ["spaces", "one cell a line"])
def test_a_number_parted_by_a_space_between_thousands_is_one_number(layout: str) -> None:
    from .exports import one_cell_a_line

    if layout == "spaces":  # pdftotext -layout: cells apart by runs of spaces
        text = "\n".join("    ".join(line.split("\t")) for line in tab_text(SYNTHETIC).split("\n"))
    else:
        text = one_cell_a_line(SYNTHETIC)
    result = ogr.parse(text.replace("52316", "52 316", 1))
    assert result.report.disclosure.item5.licensing.decisions == 52316
    assert result.report == SYNTHETIC


def test_a_line_of_the_narrative_like_a_row_of_table_3_does_not_take_the_table() -> None:
    text = SYNTHETIC.to_text()
    at = text.index("（二）依申请公开")
    line = "一、本年新收政府信息公开申请数量 1 2 3 4 5 6 21\n\n"
    result = ogr.parse(text[:at] + line + text[at:])
    assert result.report.requests == SYNTHETIC.requests
    assert result.status is ogr.ReadStatus.OK


# --- the property ---------------------------------------------------------------------------

Mutation = Callable[[str, str], str]


def _permute3(text: str, form: str) -> str:
    return _swap_columns(text, form, *TABLE3_SWAP, table=3)


def _unit(text: str, form: str) -> str:
    # the header says 元: every amount of the column is then in 元 (printed so here)
    def in_yuan(match: re.Match[str]) -> str:
        yuan = (Decimal(match.group(2)) * 10000).normalize()
        return match.group(1) + f"{yuan:f}"

    gap = r"</th><td[^>]*>" if form == "html" else r"[\s|]*"
    text = re.sub(rf"(行政事业性收费{gap})(\d+(?:\.\d+)?)", in_yuan, text, count=1)
    return text.replace("（单位：万元）", "（单位：元）")


def _narrative_row(text: str, form: str) -> str:
    at = text.index("二、主动公开政府信息情况")
    line = "一、本年新收政府信息公开申请数量 1 2 3 4 5 6 21"
    if form == "html":
        return text[:at] + f"{line}</h2><h2>" + text[at:]
    return text[:at] + line + "\n\n" + text[at:]


MUTATIONS: dict[str, Mutation] = {
    "columns permuted": _permute3,
    "unit in the header": _unit,
    "a row-like line in the narrative": _narrative_row,
}


@settings(max_examples=60, suppress_health_check=list(HealthCheck), deadline=None)
@given(
    plausible_reports(edition=ogr.Edition.E2021),
    st.sampled_from(FORMS),
    st.sampled_from(sorted(MUTATIONS)),
)
def test_headers_and_units_never_leave_a_cell_wrong(
    report: ogr.Report, form: str, mutation: str
) -> None:
    text = MUTATIONS[mutation](_rendered(report, form), form)
    result = ogr.parse(text)
    read: dict[str, CellValue] = dict(result.report.cells())
    wrong = [p for p, v in report.cells() if read.get(p) != v]
    for path in wrong:
        named = any(
            path in d.cells and d.severity.rank >= ogr.Severity.WARNING.rank
            for d in result.diagnostics
        )
        assert read.get(path) is None or named, f"{mutation}, {form}: {path} read {read[path]}"
    if wrong:
        assert result.status is not ogr.ReadStatus.OK, f"{mutation}, {form}: ok with {wrong[:3]}"


def _chromium() -> None:
    from .pdfs import CHROMIUM

    if CHROMIUM is None and not os.environ.get("CI"):
        pytest.skip("Chromium is not installed")


@pytest.mark.slow
def test_a_pdf_and_a_word_document_with_columns_and_units_changed(tmp_path: Path) -> None:
    """The same changes in a PDF (the page printed by Chromium) and a Word document (its
    tables' cells changed with python-docx): every cell right."""
    from .pdfs import print_pdf

    _chromium()
    page = SYNTHETIC.to_html(standalone=True)
    page = _swap_columns(page, "html", *TABLE3_SWAP, table=3)
    page = page.replace("（单位：万元）", "（单位：元）").replace(">4068.208<", ">40682080<")
    html_file = tmp_path / "page.html"
    html_file.write_text(page, encoding="utf-8")
    pdf = tmp_path / "report.pdf"
    print_pdf(html_file, pdf)
    result = ogr.read(pdf)
    assert result.report == SYNTHETIC
    assert result.filter(code="column-order")
    assert result.filter(code="unit-converted")

    import io

    import docx

    document = docx.Document(io.BytesIO(SYNTHETIC.to_docx()))
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                if "（单位：万元）" in cell.text:
                    cell.text = cell.text.replace("万元", "元")
                elif cell.text == "4068.208":
                    cell.text = "40682080"
    word = tmp_path / "report.docx"
    document.save(str(word))
    changed = ogr.read(word)
    assert changed.report == SYNTHETIC
    assert changed.filter(code="unit-converted")
