"""Reading files as governments publish them: PDF, Word, web pages in any charset, text and
report JSON, told apart by their content; a status for every file; hostile files refused in
bounded time and memory; many files at once."""

import io
import json
import os
import subprocess
import sys
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import opengovreport as ogr
from opengovreport import examples
from opengovreport.reading import extract_text
from opengovreport.reading._pdfworker import PdfiumText
from opengovreport.reading._values import PLACED_BLANK

from . import pdfs
from .conftest import SEED, SHARED
from .corpus_figures import HONGZE
from .exports import tab_text, word_html
from .strategies import plausible_reports

SYNTHETIC = examples.load("synthetic-2021")
HONGZE_PDF = SHARED / "corpus" / "pdf" / "hongze-quzhengfu-2024.pdf"
CHROMIUM = pdfs.CHROMIUM


def _hongze_pdf() -> bytes:
    if not HONGZE_PDF.exists():
        pytest.skip("corpus PDF absent")
    return HONGZE_PDF.read_bytes()


# --- kinds told by content ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n...", "pdf"),
        (b"PK\x03\x04....[Content_Types].xml", "docx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old Word", "doc"),
        (b"{\\rtf1\\ansi", "rtf"),
        (b'\xef\xbb\xbf{"meta": {}}', "json"),
        (b"<!DOCTYPE html><html>", "html"),
        ("一、总体情况".encode(), "text"),
    ],
)
def test_the_kind_is_told_by_the_content(data: bytes, kind: str) -> None:
    from opengovreport.reading._sniff import sniff

    assert sniff(data, "report.txt") == kind


def test_each_kind_reads_whatever_its_name(tmp_path: Path) -> None:
    files = {
        "a.pdf.txt": None,  # filled below when the corpus PDF is there
        "b.docx.bin": SYNTHETIC.to_docx(),
        "c.htm": SYNTHETIC.to_html(standalone=True).encode(),
        "d.md": SYNTHETIC.to_markdown().encode(),
        "e.txt": SYNTHETIC.to_text().encode(),
        "f.json": ogr.dumps(SYNTHETIC).encode(),
        "g.data": SYNTHETIC.to_html().encode("gb18030"),
    }
    if HONGZE_PDF.exists():
        files["a.pdf.txt"] = HONGZE_PDF.read_bytes()
    formats = {}
    for name, data in files.items():
        if data is None:
            continue
        (tmp_path / name).write_bytes(data)
        result = ogr.read(tmp_path / name)
        assert result.status is ogr.ReadStatus.OK, (name, result.reason)
        assert result.source == str(tmp_path / name)
        formats[name] = (result.format, result.reader)
        if name != "a.pdf.txt":
            assert result.report == SYNTHETIC, name
            assert ogr.read(data).report == SYNTHETIC  # the bytes as well as the path
    assert formats["b.docx.bin"] == ("docx", "python-docx")
    assert formats["c.htm"] == ("html", "lxml")
    assert formats["d.md"] == ("markdown", "markdown")
    assert formats["e.txt"] == ("text", "text")
    assert formats["f.json"] == ("json", "json")
    assert formats["g.data"] == ("html", "lxml")
    if "a.pdf.txt" in formats:
        assert formats["a.pdf.txt"] == ("pdf", "pypdfium2")


def test_what_is_not_a_report_file(tmp_path: Path) -> None:
    old = ogr.read(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    assert old.status is ogr.ReadStatus.UNREADABLE
    assert "soffice --headless --convert-to docx" in (old.reason or "")
    archive = tmp_path / "x.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    assert "not a Word document" in (ogr.read(archive).reason or "")
    assert ogr.read(tmp_path / "missing.pdf").reason == "cannot read it: No such file or directory"
    assert ogr.read(tmp_path).status is ogr.ReadStatus.SKIPPED
    bad = ogr.read(b'{"meta": 1}')
    assert bad.status is ogr.ReadStatus.UNREADABLE
    assert (bad.reason or "").startswith("not a valid report JSON")
    notice = ogr.read(
        "关于做好2023年政府信息公开工作年度报告编制工作的通知\n一、总体情况\n".encode()
    )
    assert notice.status is ogr.ReadStatus.NOT_A_REPORT
    assert "a notice's" in (notice.reason or "")
    with pytest.raises(ogr.ParseError):
        notice.report  # noqa: B018
    empty_pdf = ogr.read(pdfs.pages(2))
    assert empty_pdf.status is ogr.ReadStatus.NOT_A_REPORT
    with pytest.raises(ogr.ParseError, match="expected a path or the file's bytes"):
        ogr.read(123)  # type: ignore[arg-type]
    with pytest.raises(ogr.ParseError, match="unknown format 'xls'"):
        ogr.read(b"x", format="xls")  # type: ignore[arg-type]


@pytest.mark.slow
def test_a_scan_needs_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    from opengovreport.reading import _ocr

    if _ocr.available():  # read by OCR: a picture of no report
        result = ogr.read(pdfs.scan())
        assert result.status is ogr.ReadStatus.NOT_A_REPORT
        assert result.reader == "rapidocr"
        assert "read by OCR" in (result.reason or "")
    monkeypatch.setattr(_ocr, "available", lambda: False)
    result = ogr.read(pdfs.scan())
    assert result.status is ogr.ReadStatus.NEEDS_OCR
    assert result.found is None
    assert "a scan" in (result.reason or "")
    assert "opengovreport[ocr]" in (result.reason or "")
    assert result.quality == 0.0


# --- web pages: charsets ---------------------------------------------------------------------


def test_charsets_of_web_pages() -> None:
    page = SYNTHETIC.to_html(standalone=True)
    declared = page.replace('<meta charset="utf-8">', '<meta charset="gbk">')
    assert ogr.read(declared.encode("gbk")).report == SYNTHETIC
    bom = "\ufeff" + page
    assert ogr.read(bom.encode("utf-8")).report == SYNTHETIC
    undeclared = page.replace('<meta charset="utf-8">', "")
    assert ogr.read(undeclared.encode("gb18030")).report == SYNTHETIC
    wrong = ogr.read(page.encode("gb18030"))  # says utf-8, is GB18030
    assert wrong.report == SYNTHETIC
    (note,) = wrong.filter(code="charset")
    assert note.severity is ogr.Severity.WARNING
    assert ogr.read(word_html(SYNTHETIC)).report == SYNTHETIC


# --- PDF ------------------------------------------------------------------------------------


def test_the_hongze_pdf_reads_to_the_tables_of_its_text() -> None:
    result = ogr.read(_hongze_pdf())
    assert result.status is ogr.ReadStatus.OK
    assert (result.format, result.reader) == ("pdf", "pypdfium2")
    assert dict(result.report.cells()) == dict(HONGZE.report().cells())
    text = (SHARED / "corpus" / "hongze-quzhengfu-2024.txt").read_text(encoding="utf-8")
    assert result.report == ogr.parse(text).report  # the narrative as well
    assert result.quality == 1.0
    assert not result.filter("error")
    assert "一、本年新收政府信息公开申请数量 95 0 0 0 0 0 95" in extract_text(_hongze_pdf())


def test_the_fallback_reader_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    data = _hongze_pdf()
    from opengovreport.reading import _files

    # pypdfium2's text spoiled: the next reader is tried, and the result says which
    def spoiled(data: bytes, **options: object) -> PdfiumText:
        return PdfiumText(
            5, "淮安市洪泽区人民政府2024 年政府信息公开工作年度报告\n一、总体情况\n", 100, False
        )

    monkeypatch.setattr(_files, "pdfium", spoiled)
    result = ogr.read(data)
    assert result.reader in ("pdftotext", "pdfplumber")
    assert result.filter(code="reader-fallback")
    assert dict(result.report.cells()) == dict(HONGZE.report().cells())
    monkeypatch.setattr(_files, "pdftotext_available", lambda: False)
    assert ogr.read(data).reader == "pdfplumber"


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CI"), reason="needs chromium")
@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(plausible_reports())
def test_round_trip_through_chromium_print_to_pdf(report: ogr.Report) -> None:
    assert CHROMIUM is not None, "chromium is required under CI"
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        result = ogr.read(pdfs.printed(report, Path(folder)))
    assert result.format == "pdf"
    assert _unspaced(result.report) == _unspaced(report)


def _unspaced(report: ogr.Report | None) -> ogr.Report | None:
    """The report with no space after a heading's number (``1. 加强`` as ``1.加强``): a PDF
    has no space characters, only gaps between glyphs, and a text extractor guesses a space
    from a gap; after a full stop before a Chinese character its guess goes either way."""
    if report is None:
        return None
    import re

    import attrs

    from opengovreport.model import Heading

    def section(s: ogr.Section) -> ogr.Section:
        blocks = tuple(
            attrs.evolve(b, text=re.sub(r"^(\d+\.) +", r"\1", b.text))
            if isinstance(b, Heading)
            else b
            for b in s.blocks
        )
        return attrs.evolve(s, blocks=blocks)

    return attrs.evolve(
        report,
        overview=section(report.overview),
        problems=section(report.problems),
        other_matters=section(report.other_matters),
    )


# --- Word -----------------------------------------------------------------------------------


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plausible_reports())
def test_round_trip_through_word(report: ogr.Report) -> None:
    data = report.to_docx()
    result = ogr.read(data)
    assert (result.format, result.reader) == ("docx", "python-docx")
    assert result.report == report


def test_word_tables_are_the_grid_the_html_reader_sees() -> None:
    from opengovreport.reading._docx import docx_document
    from opengovreport.reading._lines import read_html

    rows = [ln.cells for ln in docx_document(SYNTHETIC.to_docx()).lines if ln.row]
    html_rows = [ln.cells for ln in read_html(SYNTHETIC.to_html()).lines if ln.row]
    assert rows == html_rows


# --- hostile files ---------------------------------------------------------------------------

_MEASURE = """
import resource, sys, time
sys.path.insert(0, {root!r})
limit = 1536 * 2**20
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from pathlib import Path
import opengovreport as ogr
start = time.monotonic()
result = ogr.read(Path({path!r}))
print(result.status.value, round(time.monotonic() - start, 2), result.reason, sep="|")
"""


def _read_hostile(tmp_path: Path, name: str, data: bytes) -> tuple[str, float, str]:
    """Read a file in a fresh process whose memory is capped at 1.5 GB."""
    path = tmp_path / name
    path.write_bytes(data)
    root = str(Path(ogr.__file__).resolve().parent.parent)
    code = _MEASURE.format(root=root, path=str(path))
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    status, seconds, reason = done.stdout.strip().split("|")
    return status, float(seconds), reason


def _huge_docx(rows: int, columns: int) -> bytes:
    cell = "<w:tc><w:p><w:r><w:t>0</w:t></w:r></w:p></w:tc>"
    row = "<w:tr>" + cell * columns + "</w:tr>"
    document = (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:tbl>" + row * rows + "</w:tbl></w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", document)
    return buffer.getvalue()


@pytest.mark.slow
def test_hostile_files_end_unreadable_in_bounded_time_and_memory(tmp_path: Path) -> None:
    cases = {
        "bomb.pdf": (pdfs.bomb(2), "takes more than 256 MB of memory"),
        "lzw-bomb.pdf": (pdfs.lzw_bomb(2), "takes more than 256 MB of memory"),
        "pages.pdf": (pdfs.pages(5000), "5,000 pages; the limit is 300"),
        "table.docx": (_huge_docx(1000, 1000), "more than 50,000 cells"),
        "table.html": (b"<table>" + (b"<tr>" + b"<td>0</td>" * 1000 + b"</tr>") * 1000, "cells"),
    }
    for name, (data, reason) in cases.items():
        status, seconds, said = _read_hostile(tmp_path, name, data)
        assert status == "unreadable", (name, said)
        assert reason in said, (name, said)
        assert seconds < 10, (name, seconds)


@pytest.mark.slow
def test_pdfminer_warnings_stay_out_of_the_output(tmp_path: Path) -> None:
    path = tmp_path / "font.pdf"
    path.write_bytes(pdfs.font_without_box())
    plain = (
        "import io, sys, pdfplumber\n"
        "with pdfplumber.open(sys.argv[1]) as pdf: pdf.pages[0].extract_text(layout=True)"
    )
    ours = (
        "import sys\n"
        "from opengovreport.reading._pdf import pdfplumber_text\n"
        "pdfplumber_text(open(sys.argv[1], 'rb').read())"
    )
    runs = [
        subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True)
        for code in (plain, ours)
    ]
    assert "FontBBox" in runs[0].stderr  # what pdfminer prints where nothing handles it
    assert (runs[1].returncode, runs[1].stderr) == (0, "")


@pytest.mark.slow
def test_limits_can_be_raised_or_lowered(tmp_path: Path) -> None:
    data = SYNTHETIC.to_docx()
    assert ogr.read(data, limits=ogr.Limits(cells=50)).status is ogr.ReadStatus.UNREADABLE
    small = ogr.read(data, limits=ogr.Limits(bytes=1000))
    assert "the limit of 1,000 bytes (Limits.bytes)" in (small.reason or "")
    path = tmp_path / "r.docx"
    path.write_bytes(data)
    assert "(Limits.bytes)" in (ogr.read(path, limits=ogr.Limits(bytes=1000)).reason or "")
    bomb = pdfs.bomb(1)
    raised = ogr.read(bomb, limits=ogr.Limits(inflated=2 * 2**30, seconds=5))
    assert raised.status is not ogr.ReadStatus.OK  # no text, but read past the check


# --- many files ------------------------------------------------------------------------------


def _folder(tmp_path: Path) -> list[Path]:
    gaoqing = examples.load("gaoqing-2020")
    files = {
        "a/synthetic.docx": SYNTHETIC.to_docx(),
        "a/gaoqing.html": word_html(gaoqing),
        "b/seed-like.txt": tab_text(attrs_evolve_year(SYNTHETIC, 2022)).encode(),
        "b/report.json": ogr.dumps(attrs_evolve_year(SYNTHETIC, 2021)).encode(),
        "b/notes.md": "会议纪要\n\n无。\n".encode(),
        "c/scan.pdf": pdfs.scan(),
        "c/old.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
    }
    if HONGZE_PDF.exists():
        files["c/hongze.pdf"] = HONGZE_PDF.read_bytes()
    paths = []
    for name, data in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        paths.append(path)
    return paths


def attrs_evolve_year(report: ogr.Report, year: int) -> ogr.Report:
    import attrs

    meta = attrs.evolve(report.meta, year=year, title=report.meta.title.replace("2023", str(year)))
    return attrs.evolve(report, meta=meta)


@pytest.mark.slow
def test_a_folder_of_mixed_files(tmp_path: Path) -> None:
    paths = _folder(tmp_path)
    corpus = ogr.Corpus.from_folder(tmp_path, progress=False)
    statuses = {Path(e.source).name: e.status.value for e in corpus.entries}
    assert statuses["synthetic.docx"] == "ok"
    assert statuses["gaoqing.html"] == "ok"
    assert statuses["seed-like.txt"] == "ok"
    assert statuses["report.json"] == "ok"
    assert statuses["notes.md"] == "not_a_report"
    from opengovreport.reading import _ocr

    # a picture of no report: read by OCR where the extra is installed
    assert statuses["scan.pdf"] == ("not_a_report" if _ocr.available() else "needs_ocr")
    assert statuses["old.doc"] == "unreadable"
    assert len(corpus) == 4 + HONGZE_PDF.exists()
    # the source of every report on every frame
    wide = corpus.to_wide()
    assert set(wide["source"]) == {e.source for e in corpus.entries if e.report is not None}
    tidy = corpus.to_frame()
    assert tidy["source"].notna().all()
    findings = corpus.findings_frame()
    assert findings["source"].notna().all()
    files = corpus.files_frame()
    assert list(files["source"]) == sorted(str(p) for p in paths)
    reasons = dict(zip(files["source"], files["reason"], strict=True))
    assert str(reasons[str(tmp_path / "c/old.doc")]).startswith("an old binary Word document")
    diagnostics = corpus.diagnostics_frame()
    assert set(diagnostics["source"]) <= set(files["source"])
    # the same with two workers, and file by file
    assert [e.status for e in ogr.Corpus.from_paths(paths, workers=2, progress=False).entries] == [
        e.status for e in ogr.Corpus.from_paths(paths, progress=False).entries
    ]


@pytest.mark.slow
def test_a_file_over_its_time_budget_is_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from opengovreport import corpus as corpus_module
    from opengovreport.reading import read as real

    paths = _folder(tmp_path)
    slow = str(paths[0])

    def reading(path: str, **kwargs: object) -> ogr.ParseResult:
        if path == slow:
            time.sleep(60)
        return real(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(corpus_module, "read", reading)
    start = time.monotonic()
    corpus = ogr.Corpus.from_paths(paths, workers=2, progress=False, limits=ogr.Limits(seconds=1.0))
    assert time.monotonic() - start < 30
    entry = corpus.entries[0]
    assert entry.status is ogr.ReadStatus.UNREADABLE
    assert entry.error == "took longer than its time budget of 1 s"
    assert all(e.status is not ogr.ReadStatus.UNREADABLE for e in corpus.entries[1:3])


# --- never an exception for what a file holds ------------------------------------------------

_SAMPLES = [
    SYNTHETIC.to_docx(),
    pdfs.pages(1, b"BT /F1 12 Tf 72 720 Td (2023) Tj ET"),
    word_html(SYNTHETIC),
    ogr.dumps(SYNTHETIC).encode(),
]


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_give_a_status_never_an_exception(data: bytes) -> None:
    result = ogr.read(data)
    assert isinstance(result.status, ogr.ReadStatus)
    assert (result.found is None) == (result.reason is not None or result.found is None)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_SAMPLES), st.data())
def test_damaged_files_give_a_status_never_an_exception(sample: bytes, data: st.DataObject) -> None:
    damaged = bytearray(sample)
    for _ in range(data.draw(st.integers(1, 20))):
        at = data.draw(st.integers(0, len(damaged) - 1))
        damaged[at] = data.draw(st.integers(0, 255))
    if data.draw(st.booleans()):
        damaged = damaged[: data.draw(st.integers(1, len(damaged)))]
    result = ogr.read(bytes(damaged))
    assert isinstance(result.status, ogr.ReadStatus)
    if sample in _SAMPLES[2:]:  # web pages and JSON are read by this library's code alone
        assert not (result.reason or "").startswith("could not read it ("), result.reason
    if result.found is not None:
        assert ogr.loads(ogr.dumps(result.found)) == result.found


def test_seed_through_read(tmp_path: Path) -> None:
    if not SEED.exists():
        pytest.skip("seed absent")
    assert ogr.read(SEED).report == examples.load("gaoqing-2020")


def test_json_through_read_round_trips() -> None:
    result = ogr.read(json.dumps(json.loads(ogr.dumps(SYNTHETIC))).encode())
    assert result.report == SYNTHETIC
    assert result.quality == 1.0


# --- blank cells of a PDF's tables -----------------------------------------------------------


def _blanked(report: ogr.Report, rows: list[tuple[int, list[int]]]) -> tuple[ogr.Report, set[str]]:
    """``report`` with, in each (row, columns) of table 3's leaves, those cells blank."""
    table = report.shape.numbered(3)
    leaves = [leaf for part in table.parts for leaf in part.leaves]
    columns = table.parts[0].columns
    blank = {
        f"{table.key}.{leaves[r % len(leaves)].path}.{columns[c % len(columns)].key}"
        for r, cs in rows
        for c in cs
    }
    for path in sorted(blank):
        report = report.with_cell(path, None)
    return report, blank


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CI"), reason="needs chromium")
@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    plausible_reports(),
    st.lists(
        st.tuples(st.integers(0, 24), st.lists(st.integers(0, 6), min_size=1, max_size=3)),
        min_size=1,
        max_size=4,
        unique_by=lambda rc: rc[0],
    ),
)
def test_blank_cells_of_a_pdf_stay_in_their_columns(
    report: ogr.Report, rows: list[tuple[int, list[int]]]
) -> None:
    """A row of table 3 with nothing printed in up to three cells (one column blank in a real
    report's every row, say): each value stays under its column, and the blanks are blank —
    never a neighbour's value moved over (the 总计 into 其他)."""
    assert CHROMIUM is not None, "chromium is required under CI"
    import tempfile

    blanked, blank = _blanked(report, rows)
    with tempfile.TemporaryDirectory() as folder:
        out = pdfs.printed(blanked, Path(folder))
        result = ogr.read(out)
        text = extract_text(out.read_bytes())
    assert result.reader == "pypdfium2"
    assert _unspaced(result.report) == _unspaced(blanked)
    noted = result.filter(code="blank-cell")
    assert len(noted) == len(blank)
    assert all(d.severity is ogr.Severity.INFO for d in noted)
    # the same text with a printed mark in each blank cell, as pdftotext gives a row: the
    # marks are cells of their rows too
    marked = ogr.parse(text.replace(PLACED_BLANK, "—"))
    assert _unspaced(marked.report) == _unspaced(blanked)
    assert len(marked.filter(code="blank-mark")) == len(blank)


def _row(
    values: Sequence[str | None],
    centres: list[float],
    align: str,
    label: str,
    edges: dict[int, tuple[float, float]],
) -> Any:
    """A row of a PDF table as pdfium gives it: its label, then each printed value, its edges
    put in ``edges`` under the index of its character (a character 5 units wide, placed in its
    cell left, centre or right; the label from the page's left margin). A value that is not a
    number (``4l2``) is a word of the line, not one of its values."""
    from opengovreport.reading._pdflines import _is_value_word, _PLine

    index = len(edges)
    edges[index] = (60.0, 60.0 + 10.0 * len(label))
    words = [(label, index)]
    for value, centre in zip(values, centres, strict=True):
        if value is None:
            continue
        width = 5.0 * len(value)
        left = {"left": centre - 12, "centre": centre - width / 2, "right": centre + 12 - width}
        index = len(edges)
        edges[index] = (left[align], left[align] + width)
        words.append((value, index))
    text = " ".join(w for w, _i in words)
    count = 0
    while count < len(words) - 1 and _is_value_word(words[-1 - count][0]):
        count += 1
    trailing = tuple(words[len(words) - count :])
    # the page's text: each word at its own index (pieces of one character apart)
    pieces = tuple((index, word) for word, index in words)
    return _PLine(text, 60.0, 560.0, 700.0, 10.0, 0, True, trailing, pieces)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(
    st.integers(3, 15),
    st.integers(30, 60),
    st.sampled_from(["left", "centre", "right"]),
    st.data(),
)
def test_values_are_placed_under_their_columns(
    columns: int, spacing: int, align: str, data: st.DataObject
) -> None:
    """Over tables of any width, cells aligned any way and blanks anywhere: a value is never
    moved, a blank is marked only where a cell is blank, and where a full row stands near a
    row missing at most three cells (tables of five columns or more), its every blank is
    marked: the row is whole."""
    from opengovreport.reading._pdfblanks import _place_blanks

    centres = [300.0 + spacing * c for c in range(columns)]
    count = data.draw(st.integers(2, 12), label="rows")
    rows: list[list[str | None]] = []
    for _ in range(count):
        numbers = data.draw(st.lists(st.integers(0, 999), min_size=columns, max_size=columns))
        missing = data.draw(st.sets(st.integers(0, columns - 1), max_size=columns - 1))
        rows.append([None if c in missing else str(n) for c, n in enumerate(numbers)])
    edges: dict[int, tuple[float, float]] = {}
    lines = [_row(values, centres, align, f"行{i}", edges) for i, values in enumerate(rows)]

    def boxes(page: int, words: Any) -> list[tuple[str, float, float]]:
        return [(word, *edges[index]) for word, index in words]

    placed = _place_blanks(lines, boxes)
    any_full = any(None not in values for values in rows)
    for i, values in enumerate(rows):
        label, *tokens = placed[i].text.split()
        assert label == f"行{i}"
        printed = [v for v in values if v is not None]
        assert [t for t in tokens if t != PLACED_BLANK] == printed  # no value moved or lost
        # each run of marks between two values is no longer than the blank cells between them
        where = [c for c, v in enumerate(values) if v is not None]
        before, marks = -1, 0
        for token in [*tokens, None]:
            if token == PLACED_BLANK:
                marks += 1
                continue
            after = where.pop(0) if token is not None else columns
            assert marks <= after - before - 1
            before, marks = after, 0
        blanks = values.count(None)
        if columns >= 5 and any_full and 0 < blanks <= 3 and len(printed) >= 2:
            assert tokens == [PLACED_BLANK if v is None else v for v in values]


@settings(max_examples=200, deadline=None)
@given(
    st.integers(5, 12),
    st.integers(30, 60),
    st.sampled_from(["left", "centre", "right"]),
    st.sampled_from(["4l2", "1O", "约7", "l"]),
    st.data(),
)
def test_a_cell_printed_as_no_number_keeps_its_column(
    columns: int, spacing: int, align: str, garbled: str, data: st.DataObject
) -> None:
    """A row with up to three blank cells and one cell printed as something other than a number
    (``4l2``, left of the row's last values): placed beside a full row, the word stays under its
    column — a cell of the row, never a word of its label — and no value moves."""
    from opengovreport.reading._pdfblanks import _place_blanks

    centres = [300.0 + spacing * c for c in range(columns)]
    full = [
        str(n) for n in data.draw(st.lists(st.integers(0, 999), min_size=columns, max_size=columns))
    ]
    numbers = data.draw(st.lists(st.integers(0, 999), min_size=columns, max_size=columns))
    at = data.draw(st.integers(0, columns - 2), label="garbled column")
    after = range(at + 1, columns)
    blanks = data.draw(
        st.sets(st.sampled_from(range(columns)).filter(lambda c: c != at), max_size=3)
    )
    values: list[str | None] = [None if c in blanks else str(n) for c, n in enumerate(numbers)]
    values[at] = garbled
    assume(sum(values[c] is not None for c in after) >= 2)  # values to place the row by
    edges: dict[int, tuple[float, float]] = {}
    lines = [_row(full, centres, align, "行0", edges), _row(values, centres, align, "行1", edges)]

    def boxes(page: int, words: Any) -> list[tuple[str, float, float]]:
        return [(word, *edges[index]) for word, index in words]

    placed = _place_blanks(lines, boxes)
    label, *tokens = placed[1].text.split()
    assert label == "行1"
    if PLACED_BLANK in tokens:
        assert tokens == [PLACED_BLANK if v is None else v for v in values]
    else:
        assert tokens == [v for v in values if v is not None]


def test_cells_two_readers_read_otherwise_are_named_where_none_reads_well(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # (#20: a number wrapped in its cell, which pypdfium2's text keeps and pdftotext's parts
    # from its rest; neither reading holds, and the one kept read 231 as 12 named by nothing)
    from opengovreport.reading import _files

    data = (Path(examples.__file__).parent / "published" / "hongze-quzhengfu-2024.pdf").read_bytes()
    truth = examples.load("synthetic-2021")
    text = truth.to_text()
    # pypdfium2's reading with an error (an impossible value), pdftotext's breaking I1 and I3
    first = text.replace("|      412 |", "|     -412 |", 1)  # 一、本年新收 × 自然人
    other = text.replace("|       18 |", "|       19 |", 1)  # 二、上年结转 × 自然人
    assert first != text
    assert other != text

    def pdfium(data: bytes, **options: object) -> PdfiumText:
        return PdfiumText(5, first, len(first), False)

    monkeypatch.setattr(_files, "pdfium", pdfium)
    monkeypatch.setattr(_files, "pdftotext_available", lambda: True)
    monkeypatch.setattr(_files, "text_by", lambda name, data, **options: other)
    result = ogr.read(data)
    assert result.reader == "pdftotext"
    doubted = {c for d in result.filter(code="readers-differ") for c in d.cells}
    assert doubted == {"requests.carried_over.natural_person"}
    assert all(d.severity is ogr.Severity.WARNING for d in result.filter(code="readers-differ"))
    read = dict(result.report.cells())
    named = {c for d in result.diagnostics if d.severity.rank >= 2 for c in d.cells}
    assert [p for p, v in truth.cells() if read.get(p) != v and p not in named] == []
