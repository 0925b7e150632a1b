"""Scans read by OCR: words with their boxes placed into cells by the rules around them, unsure
cells repaired by the identities where they force one value, the status honest.

Most tests start from the boxes: the packaged PDF's pages as RapidOCR read them at 150 dpi,
recorded (tests/scans.py), with misread or missing digits injected; they need no engine. The
slow ones run the engine on scans made from the packaged PDF (tests/scans.py)."""

import functools
import io
import itertools
import os
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import opengovreport as ogr
from opengovreport import examples
from opengovreport.reading import (
    _ocr,
    _pictures,
    _recognition,
    _ruling,
    _sniff,
    _upright,
    extract_text,
)
from opengovreport.reading._pdfworker import render
from opengovreport.reading._scan import HIGH, UNSURE, Page, Word, scan_text
from opengovreport.values import Severity
from tests.pdfs import CHROMIUM, printed
from tests.scans import degraded, image_file, image_pdf, inked, rasters, recorded, score

HONGZE = Path(examples.__file__).parent / "published" / "hongze-quzhengfu-2024.pdf"
NO_LIMIT = ogr.Limits(seconds=None)
ROW = "requests.partially_disclosed"


@pytest.fixture(scope="module")
def truth() -> ogr.Report:
    return ogr.read(HONGZE).report


def _read(pages: list[Page], monkeypatch: pytest.MonkeyPatch) -> ogr.ParseResult:
    """``pages`` read as a scan's: the engine's reading of each page is the page given."""
    monkeypatch.setattr(_ocr, "read_page", lambda image, number: (pages[number - 1], 0, 0.0))
    return _ocr.read_scan(range(len(pages)), "image", None, None)


def _values(page: Page, label: str) -> list[int]:
    """The indices of the value words in the row of ``page`` labelled ``label``, left to
    right."""
    (head,) = [w for w in page.words if label in w.text]
    row = [
        k
        for k, w in enumerate(page.words)
        if abs(w.middle - head.middle) < head.height and w.text.isdigit() and w.left > head.right
    ]
    return sorted(row, key=lambda k: page.words[k].left)


def _changed(page: Page, changes: dict[int, Word | None]) -> Page:
    """``page`` with words replaced (``None``: dropped; their ink stays)."""
    kept = (changes.get(k, w) for k, w in enumerate(page.words))
    words = tuple(w for w in kept if w is not None)
    return page._replace(words=words)


def _misread(word: Word, text: str, score: float = 0.41) -> Word:
    return word._replace(text=text, score=score)


def test_recorded_pages_read_every_cell_right(
    truth: ogr.Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = _read(recorded(), monkeypatch)
    assert score(truth, result)["right"] == len(truth.shape.paths)
    assert result.status is ogr.ReadStatus.OK
    assert result.reader == "rapidocr"
    assert result.diagnostics[0].code == "ocr"
    # a 0 the OCR found no box for, its ink in its cell: the identities allow only 0
    (repaired,) = result.filter(code="ocr-repaired")
    assert repaired.variant == "missing"
    assert repaired.field("read") == "0"
    assert result.cells_repaired == 1


def test_a_misread_digit_is_repaired_by_the_identities(
    truth: ogr.Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = recorded()
    row = _values(pages[2], "部分公开")
    first = pages[2].words[row[0]]
    assert first.text == "9"  # natural persons: 9 partly disclosed
    pages[2] = _changed(pages[2], {row[0]: _misread(first, "8")})
    result = _read(pages, monkeypatch)
    path = f"{ROW}.natural_person"
    assert result.report.cell(path) == 9
    (note,) = [d for d in result.filter(code="ocr-repaired") if d.cells == (path,)]
    assert note.text == "8"
    assert note.field("read") == "9"
    assert "8" in note.message("en")
    assert "9" in note.message("zh")
    assert score(truth, result)["right"] == len(truth.shape.paths)
    assert result.status is ogr.ReadStatus.OK


def test_a_missing_box_is_repaired_in_its_own_column(
    truth: ogr.Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A ``0`` the OCR found no box for, its ink in the cell: the cell is repaired, and the
    values after it stay in their own columns (no row shifted left)."""
    pages = recorded()
    row = _values(pages[2], "本年新收")
    pages[2] = _changed(pages[2], {row[1]: None})  # 商业企业 0
    result = _read(pages, monkeypatch)
    path = "requests.new_received.commercial_enterprise"
    repaired = [d for d in result.filter(code="ocr-repaired") if d.cells == (path,)]
    assert repaired
    assert repaired[0].variant == "missing"
    assert result.report.cell(path) == 0
    assert score(truth, result)["right"] == len(truth.shape.paths)


def test_a_cell_without_ink_is_blank_in_its_own_column(monkeypatch: pytest.MonkeyPatch) -> None:
    pages = recorded()
    row = _values(pages[2], "本年新收")
    zero = pages[2].words[row[1]]
    page = _changed(pages[2], {row[1]: None})
    wiped = page.ink.wiped(zero.left, zero.top, zero.right, zero.bottom)  # type: ignore[attr-defined]
    pages[2] = page._replace(ink=wiped)  # nothing printed where the 0 was
    result = _read(pages, monkeypatch)
    report = result.report
    assert report.cell("requests.new_received.commercial_enterprise") is None
    assert report.cell("requests.new_received.natural_person") == 95
    assert report.cell("requests.new_received.total") == 95  # not moved into another column
    assert result.filter(code="blank-cell")


def test_two_readings_fit_and_the_cells_stay_blank(
    truth: ogr.Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    """予以公开 50 and 部分公开 9, natural persons and total, all four unsure: their rows and
    columns allow 50/9, 49/10, 51/8 …: no repair, each cell blank and named."""
    pages = recorded()
    disclosed = _values(pages[2], "予以公开")
    partial = _values(pages[2], "部分公开")
    changes: dict[int, Word | None] = {}
    for row in (disclosed, partial):
        for k in (row[0], row[-1]):
            word = pages[2].words[k]
            changes[k] = _misread(word, word.text)
    pages[2] = _changed(pages[2], changes)
    result = _read(pages, monkeypatch)
    paths = {
        f"requests.{row}.{column}"
        for row in ("disclosed", "partially_disclosed")
        for column in ("natural_person", "total")
    }
    for path in paths:
        assert result.report.cell(path) is None
    unsure = {d.cells[0] for d in result.filter(code="ocr-unsure")}
    assert unsure == paths
    assert not result.filter(code="ocr-repaired") or all(
        d.cells[0] not in paths for d in result.filter(code="ocr-repaired")
    )
    assert result.status is ogr.ReadStatus.PARTIAL
    assert result.cells_missing >= 4
    assert result.quality < 1
    s = score(truth, result)
    assert s["wrong"] == 0
    assert s["blank"] == 4


def test_a_sure_misread_is_named_and_the_status_is_not_ok(
    truth: ogr.Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A digit misread with high confidence is not repaired (the OCR was sure of it): the
    identities it breaks name its cells, and the report is not ``ok``."""
    pages = recorded()
    row = _values(pages[2], "部分公开")
    first = pages[2].words[row[0]]
    pages[2] = _changed(pages[2], {row[0]: _misread(first, "8", score=0.99)})
    result = _read(pages, monkeypatch)
    path = f"{ROW}.natural_person"
    assert result.report.cell(path) == 8
    named = {p for d in result.filter(code="ocr-unbalanced") for p in d.cells}
    assert path in named
    assert result.status is ogr.ReadStatus.PARTIAL
    assert score(truth, result)["unnamed"] == 0


@pytest.mark.slow
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_no_wrong_cell_goes_unnamed(
    data: st.DataObject, truth: ogr.Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Any table digits misread with low confidence or missing (their ink kept): every cell is
    right, or blank with a diagnostic naming it; never a wrong value; ``ok`` only when every
    cell is right."""
    pages = recorded()
    page = pages[2]
    digits = [k for k, w in enumerate(page.words) if w.text.isdigit() and len(w.text) <= 3]
    chosen = data.draw(st.sets(st.sampled_from(digits), min_size=1, max_size=6))
    changes: dict[int, Word | None] = {}
    for k in chosen:
        word = page.words[k]
        how = data.draw(st.sampled_from(["digit", "drop", "letter"]))
        if how == "drop":
            changes[k] = None
        else:
            text = data.draw(st.sampled_from(["0", "1", "3", "6", "8", "o", "l", "I"]))
            changes[k] = _misread(word, text if how == "digit" else text + "?")
    pages[2] = _changed(page, changes)
    result = _read(pages, monkeypatch)
    s = score(truth, result)
    assert s["wrong"] == 0
    named = {p for d in result.diagnostics for p in d.cells}
    for path, value in truth.cells():
        if result.report.cell(path) != value:
            assert path in named
    assert (result.status is ogr.ReadStatus.OK) == (s["right"] == s["cells"])
    for note in result.filter(code="ocr-repaired"):
        assert result.report.cell(note.cells[0]) == truth.cell(note.cells[0])


def test_unsure_values_are_written_with_the_mark() -> None:
    def word(text: str, left: float, score: float) -> Word:
        return Word(text, left, 10, left + 20, 30, score)

    rules = []
    from opengovreport.reading._scan import Rule

    for y in (0.0, 40.0):
        rules.append(Rule(True, y, 0.0, 400.0))
    for x in (0.0, 100.0, 200.0, 300.0, 400.0):
        rules.append(Rule(False, x, 0.0, 40.0))
    words = (
        Word("行政许可", 10, 10, 90, 30, 0.99),
        word("12", 140, 0.99),
        word("7", 240, 0.5),
    )
    page = Page(1, words, tuple(rules), inked(words))
    text = scan_text([page])
    assert text.splitlines()[0].split("\t") == ["行政许可", "12", "7" + UNSURE, "∅"]


def test_without_the_engine_the_status_says_which_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.pdfs import scan

    monkeypatch.setattr(_ocr, "available", lambda: False)
    result = ogr.read(scan())
    assert result.status is ogr.ReadStatus.NEEDS_OCR
    assert "opengovreport[ocr]" in (result.reason or "")
    picture = image_file(rasters(HONGZE.read_bytes(), 20)[0])
    result = ogr.read(picture)
    assert result.status is ogr.ReadStatus.NEEDS_OCR
    assert result.format == "image"


def test_pictures_are_sniffed() -> None:
    picture = rasters(HONGZE.read_bytes(), 20)[0]
    for kind in ("PNG", "JPEG", "TIFF"):
        assert _sniff.sniff(image_file(picture, kind)) == "image"


def _docx_with(pictures: list[bytes]) -> bytes:
    """A Word document whose body is ``pictures``, one a paragraph, and no text."""
    import docx

    document = docx.Document()
    for picture in pictures:
        document.add_picture(io.BytesIO(picture))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_word_and_web_pictures_are_read_in_order(
    tmp_path: Path, truth: ogr.Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Word document and a saved web page that hold the report as pictures of its pages:
    each picture a page, in the order they stand (the recorded OCR of each page stands for
    the engine's)."""
    small = [image_file(p) for p in rasters(HONGZE.read_bytes(), 10)]
    docx = _docx_with(small)
    assert _pictures.docx_pictures(docx, 10**8) == small
    folder = tmp_path / "page_files"
    folder.mkdir()
    images = ""
    for k, picture in enumerate(small):
        (folder / f"p{k}.png").write_bytes(picture)
        images += f'<p><img src="page_files/p{k}.png"></p>'
    (tmp_path / "secret.png").write_bytes(small[0])
    page = tmp_path / "page.html"
    page.write_text(
        f'<html><body>{images}<img src="../secret.png"><img src="http://x/y.png"></body></html>'
    )
    assert _pictures.page_pictures(page.read_text(), str(page), 10**8) == small
    pages = recorded()
    monkeypatch.setattr(_ocr, "read_page", lambda image, number: (pages[number - 1], 0, 0.0))
    for result in (ogr.read(docx), ogr.read(page)):
        assert result.status is ogr.ReadStatus.OK, result
        assert result.reader == "rapidocr"
        assert score(truth, result)["right"] == len(truth.shape.paths)


def test_the_fast_path_never_reaches_the_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the OCR ran on a file with a text layer")

    monkeypatch.setattr(_ocr, "read_scan", fail)
    assert ogr.read(HONGZE).status is ogr.ReadStatus.OK


def test_a_docx_is_not_a_zip_of_pictures_only() -> None:
    """A Word document with text and no report keeps its own status (no picture to read)."""
    data = _docx_with([])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert "word/document.xml" in archive.namelist()
    assert ogr.read(data).status is ogr.ReadStatus.NOT_A_REPORT


# --- an image-only PDF's pages reach the OCR as its pictures ----------------------------------


def _given_to_the_ocr(pdf: bytes) -> list[Any]:
    """The grey pages of the PDF without a text layer ``pdf`` as the OCR is given them."""
    import numpy as np

    memory = ogr.Limits().inflated
    return [
        np.asarray(_ocr.grey(*b)) for b in render(pdf, dpi=_ocr.DPI, memory=memory, deadline=None)
    ]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(16, 300),
    st.integers(16, 300),
    st.sampled_from([72, 100, 150, 200, 300]),
    st.integers(0, 2**32 - 1),
)
def test_an_image_only_pdfs_pages_are_its_pictures(
    width: int, height: int, dpi: int, seed: int
) -> None:
    """A page that is one picture is given to the OCR as that picture's own pixels, whatever
    its resolution (as a picture file is): rendering the page resampled it, a shift and a blur
    of part of a pixel that cost the OCR the faint zeros of a table."""
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(seed)
    pictures = [
        Image.fromarray(rng.integers(0, 256, (height, width), dtype=np.uint8)),
        Image.fromarray(rng.integers(0, 256, (width, height), dtype=np.uint8)),
    ]
    pages = _given_to_the_ocr(image_pdf(pictures, dpi, lossless=True))
    assert len(pages) == 2
    for page, picture in zip(pages, pictures, strict=True):
        assert np.array_equal(page, np.asarray(picture))


def test_a_large_picture_is_given_at_the_size_the_ocr_reads() -> None:
    """A picture longer than the OCR reads (:data:`~._ocr.LONGEST`) is scaled down to it,
    each pixel the mean of its area (all of a document's pages are held at once)."""
    import numpy as np
    from PIL import Image

    picture = Image.fromarray(np.tile(np.arange(256, dtype=np.uint8), (40, 12)))  # 3072 × 40
    (page,) = _given_to_the_ocr(image_pdf([picture], 300, lossless=True))
    assert page.shape == (31, _ocr.LONGEST)
    expected = picture.resize((_ocr.LONGEST, 31), Image.Resampling.BOX)
    assert np.array_equal(page, np.asarray(expected))


def test_a_turned_page_is_rendered_as_it_shows() -> None:
    """A page turned (``/Rotate``) is not its picture as stored: it is rendered."""
    import numpy as np
    import pypdfium2
    from PIL import Image

    picture = Image.fromarray(np.random.default_rng(0).integers(0, 256, (100, 200), np.uint8))
    document = pypdfium2.PdfDocument(image_pdf([picture], _ocr.DPI, lossless=True))
    document[0].set_rotation(90)
    buffer = io.BytesIO()
    document.save(buffer)
    (page,) = _given_to_the_ocr(buffer.getvalue())
    shown = document[0].render(scale=_ocr.DPI / 72, grayscale=True).to_pil().convert("L")
    assert page.shape == (200, 100)
    assert np.array_equal(page, np.asarray(shown))


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CI"), reason="needs chromium")
def test_an_image_only_pdf_reads_as_its_pictures(tmp_path: Path) -> None:
    """gaoqing-2020 printed by Chromium, its page of table 3 (all zeros) at 150 dpi: as an
    image-only PDF the OCR reads what it reads of the same picture as a PNG. Rendered from the
    PDF, the page's zeros came out fainter and some cells without ink: the example's image-only
    PDF had 110 of its 198 cells blank, against 3 as pictures."""
    import pypdfium2

    pdf = printed(examples.load("gaoqing-2020"), tmp_path, "gaoqing").read_bytes()
    document = pypdfium2.PdfDocument(pdf)
    texts = [page.get_textpage().get_text_range() for page in document]
    (at,) = [k for k, text in enumerate(texts) if "本年新收政府信息公开申请数量" in text]
    picture = rasters(pdf, 150)[at]
    from_pdf = extract_text(image_pdf([picture], 150, lossless=True), reader="rapidocr")
    assert from_pdf == extract_text(image_file(picture), reader="rapidocr")
    zeros = re.findall(r"(?<=\t)0(?:\?)?(?=\t|\n)", from_pdf)
    assert len(zeros) >= 100, from_pdf  # the page's zeros (table 3's), read


# --- the engine on scans made from the packaged PDF ---------------------------------------------


@pytest.mark.slow
def test_an_image_only_pdf_is_read(truth: ogr.Report) -> None:
    pdf = image_pdf(rasters(HONGZE.read_bytes(), 100), 100)
    result = ogr.read(pdf, limits=NO_LIMIT)
    s = score(truth, result)
    assert result.format == "pdf"
    assert result.reader == "rapidocr"
    assert s["right"] >= 0.99 * s["cells"], s
    assert s["unnamed"] == 0, s
    assert s["told"] == s["repaired"]


@pytest.mark.slow
def test_a_turned_jpeg_scan_is_read(truth: ogr.Report) -> None:
    """The pages as a phone or a scanner leaves them: turned 1.5°, the last page upside
    down, JPEG quality 60; one TIFF of its pages."""
    pictures = [degraded(p, turn=1.5, jpeg=60) for p in rasters(HONGZE.read_bytes(), 150)]
    pictures[-1] = degraded(pictures[-1], turn=180)
    first, *rest = pictures
    data = image_file(first, "TIFF", save_all=True, append_images=rest)
    result = ogr.read(data, limits=NO_LIMIT)
    s = score(truth, result)
    # every cell right (179 of 186 before the page was found again level and a box read as its
    # edges), the repaired ones named: ok
    assert s["right"] == s["cells"], s
    assert s["told"] == s["repaired"], s
    assert result.status is ogr.ReadStatus.OK
    turned = {d.field("page"): d.field("turned") for d in result.filter(code="ocr-turned")}
    assert turned.get(5) == 180
    assert len(turned) == 5
    assert all(d.severity is not Severity.ERROR for d in result.filter(code="ocr-repaired"))


def test_a_scans_time_budget_grows_with_its_pages() -> None:
    """OCR takes seconds a page: a scan's budget is ``Limits.seconds`` and
    ``scan_page_seconds`` more for each page, so an ordinary scan of many pages is read whole
    (the guide's five-page scan passed 60 s on a loaded machine and was called unreadable)."""
    import time

    import numpy as np

    from opengovreport.reading import _ocr

    if not _ocr.available():
        pytest.skip("needs the extra ocr")
    blank = np.full((64, 64), 255, dtype=np.uint8)
    spent = time.monotonic() - 1  # the file's own seconds are up
    out_of_time = _ocr.read_scan([blank], "image", None, spent, page_seconds=0.0)
    assert out_of_time.status is ogr.ReadStatus.UNREADABLE
    assert "time budget" in (out_of_time.reason or "")
    with_pages = _ocr.read_scan([blank, blank], "image", None, spent, page_seconds=30.0)
    assert with_pages.status is ogr.ReadStatus.NOT_A_REPORT  # read, and holds no report
    assert ogr.Limits().scan_page_seconds == 30.0


# --- how scans degrade: what the OCR is given and how its boxes are read (#22, second round) ---


def _ruled(words: tuple[Word, ...], columns: tuple[float, ...]) -> Page:
    """A page of one ruled row from 0 to 40 pixels high, its columns' rules at ``columns``."""
    from opengovreport.reading._scan import Rule

    rules = [Rule(True, y, columns[0], columns[-1]) for y in (0.0, 40.0)]
    rules += [Rule(False, x, 0.0, 40.0) for x in columns]
    return Page(1, words, tuple(rules), inked(words))


def test_a_value_cells_symbol_is_an_unsure_value_not_a_label() -> None:
    """A lone ``1`` the recogniser read as ``←`` at low confidence is an unsure value in its
    own column (repaired or named), never a label that shifts its row."""
    words = (
        Word("行政许可", 10, 10, 90, 30, 0.99),
        Word("←", 140, 8, 160, 32, 0.25),
        Word("3", 240, 10, 260, 30, 0.99),
    )
    cells = scan_text([_ruled(words, (0, 100, 200, 300))]).splitlines()[0].split("\t")
    assert cells == ["行政许可", "←" + UNSURE, "3"]


def test_a_signed_change_read_sure_is_a_value() -> None:
    """``本年增/减`` prints a signed change: ``+2`` read with high confidence is taken."""
    words = (Word("其他对外管理服务事项", 10, 10, 90, 30, 0.99), Word("+2", 140, 10, 170, 30, 0.99))
    cells = scan_text([_ruled(words, (0, 100, 200))]).splitlines()[0].split("\t")
    assert cells == ["其他对外管理服务事项", "+2"]


@given(
    st.lists(st.integers(1, 9), min_size=1, max_size=6),
    st.floats(20, 40),
    st.floats(0.05, 0.3),
)
def test_a_box_across_a_tables_rules_is_cut_at_them(
    widths: list[int], height: float, overhang: float
) -> None:
    """A box the detector drew across several ruled cells (a header's neighbouring cells) is
    read as one part a cell, each inside its cell; a part no wider than the rule's stroke is
    none."""
    from opengovreport.reading._scan import Rule

    columns = [0.0]
    for w in widths:
        columns.append(columns[-1] + w * height)
    rules = [Rule(False, x, 0.0, 2 * height) for x in columns]
    rules.append(Rule(True, 0.0, 0.0, columns[-1]))
    box = (columns[0] - overhang * height, 0.5 * height, columns[-1] + 0.2, 1.5 * height)
    parts = _ocr._split([box], rules)
    assert len(parts) == len(widths)
    for (left, top, right, bottom), (a, b) in zip(parts, itertools.pairwise(columns), strict=True):
        assert a < left < right < b
        assert (top, bottom) == (box[1], box[3])
    # a glyph's stroke inside the box (a title's, taller than a line of text) parts nothing
    stroke = [Rule(False, columns[1], 0.55 * height, 1.45 * height)] if len(columns) > 2 else []
    assert len(_ocr._split([box], stroke)) == 1


def test_a_digit_a_pixel_thin_is_ink_and_a_speck_is_not() -> None:
    """A 0 scanned at 100 dpi is a ring of strokes one pixel wide in grey (6 × 8 pixels): ink
    in its cell, so the cell is read unsure and repaired, not taken as empty; two or three
    dark pixels of noise are not ink."""
    import numpy as np

    page = np.full((40, 40), 255, np.uint8)
    page[10, 12:16] = page[17, 12:16] = 90  # a 0's top and bottom
    page[11:17, 11] = page[11:17, 16] = 130  # its sides, lighter
    page[30, 30:32] = page[31, 30] = 0  # a speck
    ink = _ruling.Ink(page)
    assert ink(8, 8, 20, 20)
    assert not ink(25, 25, 38, 38)
    assert not ink(0, 0, 40, 8)


@pytest.mark.slow
def test_a_lone_digits_tilted_box_is_read_level() -> None:
    """The packaged PDF's page of table 4 at 150 dpi as a JPEG of quality 60: the detector
    drew the box of a lone ``1`` tilted by 34° (the rectangle of its few pixels); cut out
    tilted, it read as ``←`` and table 4's row of fifteen values was ambiguous (15 cells
    blank). The page stands level, so a box is its edges: every value read sure."""
    import numpy as np

    picture = degraded(rasters(HONGZE.read_bytes(), 150)[3], jpeg=60)
    page, _turned, _skew = _ocr.read_page(np.asarray(picture), 4)
    lines = scan_text([page]).splitlines()
    (row,) = [ln for ln in lines if ln.count("\t") == 14 and not re.search(r"[^\d\t?←]", ln)]
    assert [int(cell) for cell in row.split("\t")] == [1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3]


@given(st.integers(0, 2**32 - 1), st.integers(20, 40))
def test_a_blurred_rule_under_noise_is_one_rule(seed: int, text_height: int) -> None:
    """A rule a pixel wide, blurred, lies grey across two rows of pixels; noise leaves
    neither row dark all along (each column dark in one row or the other): it is one rule
    from end to end, not pieces (the lost piece of a rule had put a row of table 3 outside
    its table)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    page = np.full((100, 400), 250, np.uint8)
    upper = rng.integers(0, 2, 400).astype(bool)
    page[50, 20:380] = np.where(upper, 120, 200)[20:380]
    page[51, 20:380] = np.where(upper, 200, 120)[20:380]
    (rule,) = [r for r in _ruling._rules(page, text_height) if r.horizontal]
    assert abs(rule.start - 20) <= 1  # (an opening by a kernel of even length: a pixel over)
    assert abs(rule.end - 380) <= 1
    assert abs(rule.at - 50.5) <= 1


def test_a_ruled_cell_with_ink_and_no_box_is_read_from_its_ink() -> None:
    """The detector misses a lone digit now and then (beside its cell's rule; on a page made
    level, where the turned page had its box): each ruled cell no word stands in is given by
    its interior, once, and the box around the ink in it (with the margin a detector leaves,
    within the cell) is what the recogniser reads."""
    import numpy as np

    from opengovreport.reading._scan import Rule, unboxed

    columns = (0.0, 100.0, 200.0, 300.0)
    rules = [Rule(True, y, 0.0, 300.0) for y in (0.0, 40.0, 80.0)]
    rules += [Rule(False, x, 0.0, 80.0) for x in columns]
    rules.append(Rule(False, 150.0, 40.0, 80.0))  # the second row's middle cell parted in two
    words = [Word("行政许可", 10, 10, 90, 30, 0.99), Word("12", 140, 10, 160, 30, 0.99)]
    interiors = unboxed(words, rules)
    assert interiors == [
        (203.0, 3.0, 297.0, 37.0),
        (3.0, 43.0, 97.0, 77.0),
        (103.0, 43.0, 147.0, 77.0),
        (153.0, 43.0, 197.0, 77.0),
        (203.0, 43.0, 297.0, 77.0),
    ]
    page = np.full((80, 300), 255, np.uint8)
    page[50:66, 240:244] = 0  # a 1, 16 pixels high
    ink = _ruling.Ink(page)
    assert [ink.marks(box) for box in interiors] == [None, None, None, None, (236, 46, 248, 70)]
    # the ink 10 pixels high in this box: a margin of 2.5, cut at the box's bottom
    assert ink.marks((230, 45, 250, 60)) == (237.5, 47.5, 246.5, 60)


def test_a_spanning_cells_ink_belongs_to_the_band_its_words_stand_in() -> None:
    """A header cell spanning two bands, its words standing in the lower one and their strokes
    reaching into the upper one (at 200 dpi, a pixel wide): in the upper band the cell is not
    unsure (table 3's header had been read as a row of values and dropped: status partial)."""
    from opengovreport.reading._scan import Rule

    rules = [Rule(True, y, 0.0, 200.0) for y in (0.0, 80.0)]
    rules.append(Rule(True, 40.0, 0.0, 100.0))  # the right cell spans both bands
    rules += [Rule(False, x, 0.0, 80.0) for x in (0.0, 100.0, 200.0)]
    words = (
        Word("申请人情况", 10, 10, 90, 30, 0.99),
        Word("其他", 10, 50, 90, 70, 0.99),
        Word("商业企业", 110, 44, 190, 74, 0.99),
    )
    page = Page(1, words, tuple(rules), lambda *box: True)  # ink all over the spanning cell
    lines = scan_text([page]).splitlines()
    assert lines[0].split("\t") == ["申请人情况", ""]
    assert lines[1].split("\t") == ["其他", "商业企业"]


def test_a_tables_rules_are_left_out_of_what_is_read() -> None:
    """The recogniser reads the page with its table's rules white: a rule in a lone digit's
    crop (its cell's right and bottom rules, at 100 dpi a pixel or two from a ``0``) took the
    ``0`` below the confidence that counts as sure. A vertical rule is the table's where it
    runs from a horizontal rule to another; a heading's character whose long stroke stands on
    the heading's underline keeps its stroke, and the ``0`` keeps its ring."""
    import numpy as np

    page = np.full((200, 400), 255, np.uint8)
    for y in (20, 60, 100):
        page[y, 20:380] = 0  # the table's horizontal rules
    for x in (20, 200, 380):
        page[20:101, x] = 0  # its vertical rules
    page[70:90, 365:375] = 0
    page[73:87, 368:372] = 255  # a 0 a few pixels from its cell's right rule
    page[150:190, 100] = 0  # a heading's character's long stroke ...
    page[190, 40:300] = 0  # ... standing on the heading's underline
    rules, ruled = _ruling._ruled(page, 28.0)
    assert {(r.horizontal, r.at) for r in rules} >= {(True, 60.5), (False, 200.5)}
    clean = _ruling._unruled(page, ruled)
    assert (clean[[20, 60, 100], 20:380] == 255).all()
    assert (clean[20:101, [20, 200, 380]] == 255).all()
    assert (clean[70:90, 365:375] == page[70:90, 365:375]).all()  # the 0's ring
    assert (clean[150:190, 100] == 0).all()  # the character's stroke
    assert (clean[190, 40:300] == 0).all()  # an underline no table's rule meets


class _Crops:
    """A recogniser that reads a crop by how it was prepared: as cut, in black and white, or
    enlarged; at its own width or padded."""

    def __init__(self, readings: dict[str, tuple[str, float]]):
        self.readings = readings
        self.calls: list[str] = []
        self.text_rec = type("Rec", (), {"rec_image_shape": [3, 48, 320]})()

    def __call__(self, _engine: Any, crops: Any, padded: bool = True) -> list[tuple[str, float]]:
        import numpy as np

        out = []
        for crop in crops:
            inked = np.isin(crop, (0, 255)).all()
            kind = "enlarged" if crop.shape[0] > 20 else "inked" if inked else "cut"
            kind += "" if padded else " narrow"
            self.calls.append(kind)
            out.append(self.readings.get(kind, self.readings["cut"]))
        return out


def _grey_digit() -> Any:
    import numpy as np

    crop = np.full((20, 16), 200, np.uint8)
    crop[4:16, 4:12] = 90
    return crop


@pytest.mark.parametrize(
    ("readings", "expected"),
    [
        # the surer of two readings that disagree is not sure: the first reading, unsure
        ({"cut": ("0", 0.60), "inked": ("8", 0.97), "enlarged": ("0", 0.62)}, ("0", 0.60)),
        # two preprocessings agree: their joint confidence 1 - 0.1 × 0.2
        ({"cut": ("0", 0.90), "inked": ("0", 0.80)}, ("0", 0.98)),
        # the black-and-white and the enlarged crops agree; the first reading was a symbol
        ({"cut": (".", 0.30), "inked": ("0", 0.90), "enlarged": ("0", 0.91)}, ("0", 0.991)),
        # agreeing, but another text read sure: unsure
        ({"cut": ("6", 0.70), "inked": ("8", 0.96), "enlarged": ("6", 0.95)}, ("6", 0.70)),
        # a narrow reading that is sure stands: no other read
        ({"cut narrow": ("0", 0.99), "cut": ("8", 0.99)}, ("0", 0.99)),
    ],
)
def test_a_short_box_read_unsure_is_sure_only_where_readings_agree(
    monkeypatch: pytest.MonkeyPatch,
    readings: dict[str, tuple[str, float]],
    expected: tuple[str, float],
) -> None:
    fake = _Crops({"cut narrow": (readings["cut"][0], 0.5), **readings})
    monkeypatch.setattr(_recognition, "_read_crops", fake)
    (word,) = _recognition._recognise(fake, _grey_digit(), [(0.0, 0.0, 16.0, 20.0)])
    assert (word.text, round(word.score, 3)) == expected


@given(
    st.lists(
        st.tuples(st.sampled_from("0.68"), st.floats(0.0, 1.0), st.integers(0, 2)),
        min_size=1,
        max_size=4,
    )
)
def test_agreement_never_makes_a_reading_sure_against_a_sure_one(
    readings: list[tuple[str, float, int]],
) -> None:
    """Whatever the readings: the reading kept is the first, or a text that two different
    crops gave with no other text read sure; one crop read twice is one reading."""
    import numpy as np

    crops = [np.full((20, 16), 10 * k, np.uint8) for k in range(3)]
    given_ = [(crops[k], (text, p)) for text, p, k in readings]
    text, score = _recognition._agreed(given_)
    if (text, score) == given_[0][1]:
        return
    assert score >= HIGH
    assert not any(p >= HIGH for t, p, _k in readings if t != text)
    assert len({k for t, _p, k in readings if t == text}) >= 2


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CI"), reason="needs chromium")
def test_lone_zeros_beside_their_rules_are_read_sure_at_100_dpi(tmp_path: Path) -> None:
    """gaoqing-2020 printed, its page of table 2 at 100 dpi: the lone zeros, a pixel or two
    from their cells' rules, read ``0`` at 0.5–0.95 with the rules in their crops (8 cells
    blank: table 2 has no identities); read with the rules white, every value is sure."""
    import numpy as np

    pdf = printed(examples.load("gaoqing-2020"), tmp_path, "gaoqing").read_bytes()
    picture = rasters(pdf, 100)[2]
    page, _turned, _skew = _ocr.read_page(np.asarray(picture), 3)
    rows = [ln.split("\t") for ln in scan_text([page]).splitlines() if "\t" in ln]
    values = [cell for row in rows for cell in row[1:] if not row[0].startswith("信息内容")]
    assert len(values) >= 18
    assert all(re.fullmatch(r"[+\-]?\d+", cell) for cell in values), values


# --- a page's text found once --------------------------------------------------------------------


def _dark_box(image: Any) -> tuple[int, int, int, int]:
    """The edges of a picture's dark pixels (left, top, right, bottom: past the last)."""
    import numpy as np

    rows = np.flatnonzero((image < 128).any(axis=1))
    columns = np.flatnonzero((image < 128).any(axis=0))
    return int(columns[0]), int(rows[0]), int(columns[-1]) + 1, int(rows[-1]) + 1


def _corners(left: float, top: float, right: float, bottom: float) -> Any:
    import numpy as np

    return np.array([[left, top], [right, top], [right, bottom], [left, bottom]], dtype=float)


@given(
    st.floats(1.25, 2.0),
    st.tuples(st.integers(0, 60), st.integers(0, 60), st.integers(2, 30), st.integers(2, 30)),
)
def test_boxes_are_enlarged_with_the_page(scale: float, box: tuple[int, int, int, int]) -> None:
    """A page scanned at a low resolution is enlarged with the boxes the detector found on it
    as it came (not found again: a detection costs 1.3–1.5 s a page): a box stands where the
    enlarged page shows its ink (within a pixel), corners clockwise from the top left."""
    import cv2
    import numpy as np

    left, top, wide, high = box
    page = np.full((100, 100), 255, np.uint8)
    page[top : top + high, left : left + wide] = 0
    larger = cv2.resize(page, None, fx=scale, fy=scale, interpolation=cv2.INTER_NEAREST)
    matrix = np.array([[scale, 0.0, 0.0], [0.0, scale, 0.0]])
    (moved,) = _upright._moved([_corners(left, top, left + wide, top + high)[[2, 3, 0, 1]]], matrix)
    assert np.array_equal(moved[:, 0] <= moved[:, 0].mean(), [True, False, False, True])
    assert np.array_equal(moved[:, 1] <= moved[:, 1].mean(), [True, True, False, False])
    found = _dark_box(larger)
    assert all(abs(a - b) <= 1.0 for a, b in zip(_ocr._edges(moved), found, strict=True))


class _Detector:
    """A detector with RapidOCR's interface (``text_det``: called on a colour page, or its
    parts called on a normalised tensor) that boxes each dark rectangle of the page it is
    given, and records the pages' sizes."""

    def __init__(self) -> None:
        self.sizes: list[tuple[int, ...]] = []
        self.text_det = self

    def __call__(self, image: Any) -> tuple[Any, float]:
        import numpy as np

        grey = image[:, :, 0].astype(np.float32) / 255
        boxes, _scores = self.postprocess_op(self.infer(grey[None, None])[0])
        return self.filter_tag_det_res(boxes), 0.0

    def get_preprocess(self, _longest: int) -> "_Detector":
        return self

    def resize(self, image: Any) -> Any:
        return image

    def normalize(self, image: Any) -> Any:
        return image.astype("float32") / 255

    def infer(self, tensor: Any) -> list[Any]:
        self.sizes.append(tensor.shape[2:])
        return [tensor[:, :1]]

    def postprocess_op(self, predictions: Any, *_shape: Any) -> tuple[Any, list[float]]:
        import cv2
        import numpy as np

        dark = (predictions[0, 0] < 0.5).astype(np.uint8)
        count, _labels, stats, _centres = cv2.connectedComponentsWithStats(dark)
        boxes = [_corners(x, y, x + w, y + h) for x, y, w, h, _a in stats[1:count]]
        return np.array(boxes), [1.0] * len(boxes)

    def filter_tag_det_res(self, boxes: Any, *_shape: Any) -> Any:
        return boxes


def _page(
    height: int, width: int, rectangles: Sequence[tuple[float, ...]]
) -> tuple[Any, list[Any]]:
    """A white page with black ``rectangles`` (fractions of its sides: left, top, right,
    bottom), and their edges in pixels."""
    import numpy as np

    page = np.full((height, width), 255, np.uint8)
    expected = []
    for fractions in rectangles:
        sides = (width, height) * 2
        edges = tuple(round(v * side) for v, side in zip(fractions, sides, strict=True))
        page[edges[1] : edges[3], edges[0] : edges[2]] = 0
        expected.append(edges)
    return page, expected


@pytest.mark.parametrize(("height", "width"), [(1754, 1240), (2339, 1654), (700, 500)])
def test_a_large_pages_text_is_found_on_it_scaled_down(height: int, width: int) -> None:
    """A page longer than 1,800 pixels (a scan at 200 dpi) is given to the detector scaled
    down to it (the detector's time goes with its pixels: 2.5 s a page at 200 dpi, 1.4 s at
    150), and its boxes come back where the ink stands on the page, whose text is read at its
    own pixels; a smaller page is given as it is."""
    rectangles = [(0.2, 0.15, 0.6, 0.18), (0.21, 0.6, 0.24, 0.62), (0.7, 0.8, 0.75, 0.85)]
    page, expected = _page(height, width, rectangles)
    detector = _Detector()
    boxes = _upright._detect(detector, page)
    (size,) = detector.sizes
    scale = min(1.0, 1800 / max(height, width))
    assert size == (round(height * scale), round(width * scale))
    found = sorted(_ocr._edges(b) for b in boxes)
    for got, edges in zip(found, sorted(expected), strict=True):
        assert all(abs(a - b) <= 1.5 / scale for a, b in zip(got, edges, strict=True))


@pytest.mark.skipif(not _ocr.available(), reason="needs the OCR extra")
def test_the_detector_given_grey_pixels_finds_what_it_finds_on_colour() -> None:
    """The detector's input made from a page's grey pixels by a table of its normalisation is
    the input RapidOCR makes from the colour page: the same boxes, exactly, on pages that it
    resizes (150 dpi: 1,755 × 1,240 to 1,760 × 1,248), enlarges (a page narrower than 736
    pixels) and takes as they are."""
    import numpy as np

    detector = _ocr._engine().text_det
    picture = np.asarray(degraded(rasters(HONGZE.read_bytes(), 150)[1], jpeg=60))
    for page in (picture, picture[::2, ::2], picture[:1728, :1216]):
        boxes, _elapsed = detector(_upright._colour(page))
        found = _upright._found(detector, page)
        assert len(found) > 10
        assert np.array_equal(np.asarray(found), np.asarray(boxes))


@pytest.mark.skipif(not _ocr.available(), reason="needs the OCR extra")
def test_the_detector_runs_in_an_arena_given_back_and_gives_what_rapidocrs_session_gives(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The engine's detector runs on a session with ONNX Runtime's memory arena, which gives
    its memory back at the end of each run (a run's tensors are not the C library's ``malloc``,
    faulted in afresh: some pages' runs took 1.9 s where they take 0.8–0.9), and its outputs
    are those of RapidOCR's own session (no arena), bit for bit, on a page level, turned 1.5°
    and made level again; a detector without a session is left as it is."""
    import numpy as np
    from rapidocr_onnxruntime import RapidOCR

    engine = _ocr._engine()
    infer = engine.text_det.infer
    assert infer.session.get_session_options().enable_cpu_mem_arena
    assert infer.options.get_run_config_entry(_upright.SHRINK) == "cpu:0"
    plain = RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1).text_det.infer
    assert not plain.session.get_session_options().enable_cpu_mem_arena
    tensors: list[Any] = []

    def recorded_run(tensor: Any) -> Any:
        tensors.append(tensor)
        return infer(tensor)

    monkeypatch.setattr(engine.text_det, "infer", recorded_run)
    picture = rasters(HONGZE.read_bytes(), 150)[1]
    turned = np.asarray(degraded(picture, turn=1.5))
    level = _upright._deskewed(turned, _upright._skew(_upright._detect(engine, turned)))
    for page in (np.asarray(picture.convert("L")), level):
        _upright._detect(engine, page)
    assert len(tensors) == 3
    for tensor in tensors:
        ours, theirs = infer(tensor), plain(tensor)
        assert len(ours) == len(theirs) == 1
        assert np.array_equal(ours[0], theirs[0])
    fake = _Detector()
    assert _upright.in_arena(fake) is fake


def test_a_low_box_in_a_ruled_cell_is_left_to_the_cells_ink() -> None:
    """A box lower than half a line of text in a ruled cell is the detector's box around part
    of a glyph (at 100 dpi, the foot of a ``0``: 8 pixels of 17, read ``V``): it is not read,
    and the cell, without a box, is read from its ink. Such a box outside the table's cells,
    and a box as high as the text, are read."""
    from opengovreport.reading._scan import Rule, unboxed

    rules = [Rule(True, y, 0.0, 200.0) for y in (0.0, 40.0)]
    rules += [Rule(False, x, 0.0, 40.0) for x in (0.0, 100.0, 200.0)]
    fragment = (140.0, 24.0, 150.0, 32.0)
    label = (10.0, 10.0, 90.0, 30.0)
    outside = (10.0, 60.0, 20.0, 68.0)
    kept = _ocr._whole([label, fragment, outside], rules, 20.0)
    assert kept == [label, outside]
    words = [Word("行政许可", *label, 0.99)]
    assert unboxed(words, rules) == [(103.0, 3.0, 197.0, 37.0)]


@pytest.mark.slow
@pytest.mark.parametrize(("dpi", "turn"), [(150, 90), (150, 91.5), (100, 0.0)])
def test_a_pages_text_is_found_once(monkeypatch: pytest.MonkeyPatch, dpi: int, turn: float) -> None:
    """A page on its side or scanned at a low resolution is read with its text found once (a
    detection costs 1.3–1.5 s a page): a page on its side is turned upright by its ink before
    its text is found (a skewed one is found again on the page made level), a page scanned at a
    low resolution enlarged with the boxes found on it; table 4's row of fifteen values reads
    right (each value read sure; at 100 dpi two lone zeros unsure, which the identities
    repair)."""
    import numpy as np

    engine = _ocr._engine()
    calls: list[Any] = []
    detect = engine.text_det.infer

    def counted(tensor: Any) -> Any:
        calls.append(tensor.shape)
        return detect(tensor)

    monkeypatch.setattr(engine.text_det, "infer", counted)
    picture = rasters(HONGZE.read_bytes(), dpi)[3]
    if turn:
        picture = degraded(picture, turn=turn)
    page, turned, skew = _ocr.read_page(np.asarray(picture), 4)
    # a skewed page's text is found again on the page made level (benchmarks/README.md)
    assert len(calls) == (2 if turn % 90 else 1)
    assert turned == (90 if turn else 0)
    assert abs(skew + turn % 90) <= 0.2
    lines = scan_text([page]).splitlines()
    (row,) = [ln for ln in lines if ln.count("\t") == 14 and not re.search(r"[^\d\t?。.]", ln)]
    expected = [1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3]
    sure = [(int(c), e) for c, e in zip(row.split("\t"), expected, strict=True) if UNSURE not in c]
    assert len(sure) >= 13
    assert all(got == value for got, value in sure)


@functools.cache
def _hongze_at_100() -> list[Any]:
    return rasters(HONGZE.read_bytes(), 100)


@settings(max_examples=20, deadline=None)
@given(
    page=st.integers(0, 4),
    skew=st.integers(-60, 60).map(lambda k: k / 20),
    side=st.booleans(),
)
def test_a_page_on_its_side_is_found_so_from_its_ink(page: int, skew: float, side: bool) -> None:
    """A page on its side, skewed by up to 3° or not (a text page, a table page, the last
    page of a few lines), is found so from its ink, before its text is; an upright one is
    not."""
    import numpy as np

    picture = degraded(_hongze_at_100()[page], turn=skew + (90 if side else 0))
    assert _upright._on_its_side(np.asarray(picture)) is side
