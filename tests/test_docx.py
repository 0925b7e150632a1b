"""The Word document offices file: its tables (the spans of the HTML grid, every value), its fonts
named for East Asian text, A4 and its margins, page numbers in the footer; a golden document.xml
for each example; LibreOffice's PDF of it reads back to the same tables."""

import io
import os
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from lxml import etree

import opengovreport as ogr
from opengovreport import examples
from opengovreport.rendering import Role, table_grid
from opengovreport.testing import reports

from .conftest import ROOT, run_cli
from .pdfs import SOFFICE, libreoffice_pdf

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("OGR_UPDATE_GOLDEN") == "1"


def _attr(element: etree._Element, path: str, name: str) -> str:
    """The attribute ``w:name`` of the element at ``path`` below ``element`` (which must be
    there)."""
    found = element.find(path)
    assert found is not None, path
    value = found.get(f"{W}{name}")
    assert value is not None, (path, name)
    return value


def _body(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    body = root.find(f"{W}body")
    assert body is not None
    return body


def _spans(table: etree._Element) -> list[tuple[int, int, int, int, str]]:
    """(row, column, rowspan, colspan, text) of each cell where it starts, from gridSpan and
    vMerge."""
    starts: dict[tuple[int, int], list[object]] = {}
    open_at: dict[int, tuple[int, int]] = {}  # column → the start of the merge running down it
    for r, row in enumerate(table.findall(f"{W}tr")):
        c = 0
        for cell in row.findall(f"{W}tc"):
            properties = cell.find(f"{W}tcPr")
            spanned = properties is not None and properties.find(f"{W}gridSpan") is not None
            span = int(_attr(cell, f"{W}tcPr/{W}gridSpan", "val")) if spanned else 1
            merge = properties.find(f"{W}vMerge") if properties is not None else None
            text = "".join(t.text or "" for t in cell.iter(f"{W}t"))
            if merge is not None and merge.get(f"{W}val") != "restart":
                start = open_at[c]
                starts[start][2] = r - start[0] + 1
            else:
                starts[(r, c)] = [r, c, 1, span, text]
                open_at[c] = (r, c)
            c += span
    return [tuple(v) for v in starts.values()]  # type: ignore[misc]


def _grid_spans(table: object) -> list[tuple[int, int, int, int, str]]:
    grid = table_grid(table)
    taken: set[tuple[int, int]] = set()
    out = []
    for r, row in enumerate(grid.rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            out.append((r, c, cell.rowspan, cell.colspan, cell.text))
            c += cell.colspan
    return out


@pytest.mark.parametrize("name", examples.names())
def test_the_tables_have_the_spans_and_values_of_the_html_grid(name: str) -> None:
    report = examples.load(name)
    tables = _body(report.to_docx()).findall(f"{W}tbl")
    assert len(tables) == 3
    for table, value in zip(
        tables, (report.disclosure, report.requests, report.appeals), strict=True
    ):
        assert sorted(_spans(table)) == sorted(_grid_spans(value))
        grid = table_grid(value)
        values = [c.text for row in grid.rows for c in row if c.role is Role.VALUE]
        assert all(v in {s[4] for s in _spans(table)} for v in values)
    # table 3: three header rows and three label columns, the note over them, 申请人情况 over 7,
    # 法人或其他组织 over 5
    spans = {s[4]: s for s in _spans(tables[1])}
    assert spans["申请人情况"][3] == 7
    assert spans["法人或其他组织"][3] == 5
    note = next(s for text, s in spans.items() if text.startswith("（本列数据的勾稽关系为"))
    assert (note[2], note[3]) == (3, 3)


def test_a_2019_report_keeps_its_signs_and_blanks() -> None:
    report = examples.load("gaoqing-2020").with_cell("disclosure.item5.licensing.change", -3)
    report = report.with_cell("requests.new_received.total", None)
    texts = {s[4] for s in _spans(_body(report.to_docx()).findall(f"{W}tbl")[0])}
    assert {"+2", "-3"} <= texts
    assert ogr.read(report.to_docx()).report == report


def _fonts(paragraph: etree._Element) -> set[str]:
    return {str(f.get(f"{W}eastAsia")) for f in paragraph.iter(f"{W}rFonts")}


def test_fonts_sizes_spacing_and_page() -> None:
    import docx
    from docx.shared import Pt

    report = examples.load("synthetic-2021")
    data = report.to_docx()
    body = _body(data)
    paragraphs = body.findall(f"{W}p")
    by_text = {"".join(t.text or "" for t in p.iter(f"{W}t")): p for p in paragraphs}
    title = by_text[report.meta.title]
    assert _fonts(title) == {"方正小标宋简体"}
    assert _attr(title, f"{W}pPr/{W}jc", "val") == "center"
    assert _attr(title, f".//{W}sz", "val") == "44"  # 二号
    assert _fonts(by_text["一、总体情况"]) == {"黑体"}
    assert _fonts(by_text["（一）主动公开"]) == {"楷体_GB2312"}
    paragraph = by_text[report.overview.blocks[0].text]
    assert _fonts(paragraph) == {"仿宋_GB2312"}
    assert _attr(paragraph, f".//{W}sz", "val") == "32"  # 三号
    spacing = f"{W}pPr/{W}spacing"
    assert (_attr(paragraph, spacing, "line"), _attr(paragraph, spacing, "lineRule")) == (
        "560",
        "exact",
    )
    assert _attr(paragraph, f"{W}pPr/{W}ind", "firstLineChars") == "200"
    table_fonts = {f for t in body.findall(f"{W}tbl") for p in t.iter(f"{W}p") for f in _fonts(p)}
    assert table_fonts == {"宋体"}
    assert _attr(by_text["2024年3月1日"], f"{W}pPr/{W}jc", "val") == "right"
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    size = (section.page_width, section.page_height, section.left_margin, section.top_margin)
    assert [round(x.cm, 2) if x else None for x in size] == [21.0, 29.7, 2.8, 3.7]  # A4
    footer = section.footer.paragraphs[0]._p
    assert "PAGE" in "".join(t.text or "" for t in footer.iter(f"{W}instrText"))
    assert "".join(t.text or "" for t in footer.iter(f"{W}t")) == "— 1 —"  # GB/T 9704
    borders = body.find(f"{W}tbl/{W}tblPr/{W}tblBorders")
    assert borders is not None
    assert {str(b.tag).removeprefix(W) for b in borders} == {
        "top", "left", "bottom", "right", "insideH", "insideV"
    }  # fmt: skip
    assert _attr(document.styles["Normal"].element, f".//{W}rFonts", "eastAsia") == "仿宋_GB2312"
    assert document.styles["Normal"].font.size == Pt(16)


def test_to_docx_writes_a_path_or_a_file(tmp_path: Path) -> None:
    report = examples.load("synthetic-2021")
    data = report.to_docx(tmp_path / "report.docx")
    assert (tmp_path / "report.docx").read_bytes() == data
    buffer = io.BytesIO()
    report.to_docx(buffer)
    assert buffer.getvalue() == data
    assert ogr.read(report.requests.to_docx()).status is ogr.ReadStatus.NOT_A_REPORT


def test_text_word_cannot_hold_is_shown_as_escapes() -> None:
    report = examples.load("synthetic-2021")
    meta = report.meta
    import attrs

    odd = attrs.evolve(report, meta=attrs.evolve(meta, front_matter=("控制\x1b字符",)))
    body = _body(odd.to_docx())
    assert any("控制\\x1b字符" in (t.text or "") for t in body.iter(f"{W}t"))


@pytest.mark.parametrize("name", examples.names())
def test_golden_document_xml(name: str) -> None:
    report = examples.load(name)
    with zipfile.ZipFile(io.BytesIO(report.to_docx())) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    text = etree.tostring(root, pretty_print=True, encoding="unicode")
    path = GOLDEN / f"{name}.document.xml"
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}; run with OGR_UPDATE_GOLDEN=1 and review it"
    assert text == path.read_text(encoding="utf-8"), f"{path.name} differs from its golden file"


def _printed(document: Path, tmp_path: Path) -> Path:
    """The PDF LibreOffice prints of ``document``, beside it."""
    return libreoffice_pdf(document, tmp_path)


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None and not os.environ.get("CI"), reason="needs LibreOffice")
@pytest.mark.parametrize("name", examples.names())
def test_libreoffice_prints_it_and_the_pdf_reads_back(name: str, tmp_path: Path) -> None:
    assert SOFFICE is not None, "LibreOffice is required under CI (libreoffice-writer-nogui)"
    report = examples.load(name)
    document = tmp_path / f"{name}.docx"
    report.to_docx(document)
    result = ogr.read(_printed(document, tmp_path))
    assert result.status is ogr.ReadStatus.OK
    assert dict(result.report.cells()) == dict(report.cells())
    assert result.report.meta.agency == report.meta.agency


def test_to_docx_without_the_extra_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from opengovreport.rendering import docx as word

    word._template.cache_clear()
    monkeypatch.setitem(sys.modules, "docx", None)  # python-docx not installed
    try:
        with pytest.raises(ImportError, match=r"pip install 'opengovreport\[docx\]'"):
            examples.load("synthetic-2021").to_docx()
        with pytest.raises(ImportError, match=r"opengovreport\[docx\]"):
            examples.load("synthetic-2021").requests.to_docx()
        path = str(examples.path("huaian-shizhengfu-2024.txt"))
        result = run_cli("render", path, "--to", "docx", "-o", "-")
        assert (result.returncode, result.stdout) == (2, "")
        assert result.stderr == (
            "opengovreport: Word 文档需要可选依赖 docx：pip install 'opengovreport[docx]'\n"
        )
    finally:
        word._template.cache_clear()


def test_properties_placeholders_and_page_numbers() -> None:
    import docx

    report = ogr.builders.new_report("某县教育局", 2024, fill=0)
    data = report.to_docx()
    properties = docx.Document(io.BytesIO(data)).core_properties
    assert properties.title == "某县教育局2024年政府信息公开工作年度报告"
    assert properties.author == properties.last_modified_by == "某县教育局"
    assert "2024" in properties.keywords
    assert "python-docx" not in (properties.comments + properties.author + properties.subject)
    body = _body(data)
    fields = ["".join(t.text or "" for t in p.iter(f"{W}instrText")) for p in body.iter(f"{W}p")]
    placeholders = [f for f in fields if "MACROBUTTON" in f]
    # under each of the three empty sections, and nowhere else
    assert len(placeholders) == 3
    assert all("【请在此填写】" in f for f in placeholders)
    assert ogr.read(data).report == report  # a placeholder is no text of the report
    written = examples.load("synthetic-2021").to_docx()
    assert b"MACROBUTTON" not in zipfile.ZipFile(io.BytesIO(written)).read("word/document.xml")


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None and not os.environ.get("CI"), reason="needs LibreOffice")
def test_libreoffice_shows_the_page_numbers_properties_and_placeholders(tmp_path: Path) -> None:
    """The Word document an office files, as LibreOffice prints it: ``— 1 —`` in the footer of
    page 1, the title and agency in the PDF's properties, a placeholder under each empty
    heading."""
    pypdf = pytest.importorskip("pypdf")
    assert SOFFICE is not None, "LibreOffice is required under CI (libreoffice-writer-nogui)"
    report = ogr.builders.new_report("某县教育局", 2024, fill=0)
    document = tmp_path / "draft.docx"
    report.to_docx(document)
    pdf = pypdf.PdfReader(_printed(document, tmp_path))
    pages = [page.extract_text() for page in pdf.pages]
    assert pages[0].rstrip().endswith("— 1 —")
    assert pages[1].rstrip().endswith("— 2 —")
    assert sum(text.count("【请在此填写】") for text in pages) == 3
    assert pdf.metadata is not None
    assert pdf.metadata.title == "某县教育局2024年政府信息公开工作年度报告"
    assert pdf.metadata.author == "某县教育局"


def test_the_same_report_gives_the_same_document_whatever_the_clock(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # python-docx dates each part of the zip by the clock: two writes a second apart differed
    import time

    report = examples.load("synthetic-2021")
    monkeypatch.setattr(time, "time", lambda: 1_700_000_000.0)
    first = report.to_docx()
    monkeypatch.setattr(time, "time", lambda: 1_800_000_000.0)
    assert report.to_docx() == first


#: a digit's width in Times New Roman at 五号 (half an em of 10.5 pt) and the TableGrid style's
#: cell margins (108 a side), in twips: the room a number needs on one line in its cell
_DIGIT_TWIPS, _CELL_MARGINS = 105, 216


def _numbers_fit(report: ogr.Report) -> list[tuple[str, int]]:
    """Each value cell of table 3 whose text a LibreOffice or Word print wraps: (its text, its
    width in twips)."""
    body = _body(report.to_docx())
    table3 = next(
        t for t in body.iter(f"{W}tbl") if any(x.text == "申请人情况" for x in t.iter(f"{W}t"))
    )
    wrapped = []
    for cell in table3.iter(f"{W}tc"):
        text = "".join(t.text or "" for t in cell.iter(f"{W}t"))
        if text.isdigit():
            width = int(_attr(cell, f"{W}tcPr/{W}tcW", "w"))
            if width - _CELL_MARGINS < _DIGIT_TWIPS * len(text):
                wrapped.append((text, width))
    return wrapped


@given(reports(edition=ogr.Edition.E2021), st.sampled_from([1, 10, 100]))
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_table_3s_numbers_fit_their_cells(report: ogr.Report, factor: int) -> None:
    # a count of four digits or more wrapped in its cell (3001 printed 300 over 1) and a PDF of
    # the document read 300 and 1 as two numbers, in the wrong cells, nothing naming them
    for path, value in report.cells():
        if path.startswith("requests.") and isinstance(value, int):
            report = report.with_cell(path, value * factor)
    # up to six digits (a million requests in a year is beyond any agency's)
    assume(all(len(str(v)) <= 6 for p, v in report.cells() if p.startswith("requests.")))
    assert _numbers_fit(report) == []


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None and not os.environ.get("CI"), reason="needs LibreOffice")
def test_a_report_of_four_digit_counts_prints_and_reads_back(tmp_path: Path) -> None:
    from .corpus_figures import HUAIAN  # 3119 requests, 3001 of them from natural persons

    report = HUAIAN.report()
    document = tmp_path / "huaian.docx"
    report.to_docx(document)
    result = ogr.read(_printed(document, tmp_path))
    assert result.status is ogr.ReadStatus.OK
    assert dict(result.report.cells()) == dict(report.cells())
