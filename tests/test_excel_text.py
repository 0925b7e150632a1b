"""Corpus.to_excel writes text from files as text and always writes: an agency that reads as a
formula is a cell of text (OWASP formula injection), one holding ESC, NUL or VT is written with
their escapes and a warning naming the cells. Failed before: ``=HYPERLINK(…)`` was a live formula
(cell type ``f``), and ESC made openpyxl raise ``IllegalCharacterError`` for the whole export."""

import warnings
from pathlib import Path

import attrs
import pytest

import opengovreport as ogr
from opengovreport import examples
from opengovreport.corpus import ExcelTextWarning
from opengovreport.schema import default_title

openpyxl = pytest.importorskip("openpyxl")
pytest.importorskip("pandas")


def _corpus(*agencies: str) -> ogr.Corpus:
    base = examples.load("synthetic-2021")
    reports = []
    for i, agency in enumerate(agencies):
        year = 2021 + i
        meta = attrs.evolve(base.meta, agency=agency, year=year, title=default_title(agency, year))
        reports.append(attrs.evolve(base, meta=meta).with_cell("requests.disclosed.total", 1))
    return ogr.Corpus(reports)


FORMULAS = ('=HYPERLINK("http://example.com/?x","点击")', "+cmd|' /C calc'!A0", "@SUM(1)", "-2+3")


def test_text_that_reads_as_a_formula_is_written_as_text(tmp_path: Path) -> None:
    path = tmp_path / "corpus.xlsx"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing escaped: no warning
        _corpus(*FORMULAS).to_excel(path)
    book = openpyxl.load_workbook(path)
    found = {}
    for sheet in book.worksheets:
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str):
                    assert cell.data_type == "s", (sheet.title, cell.coordinate, cell.value)
                    if cell.value in FORMULAS:
                        found[cell.value] = cell.quotePrefix
    assert found == dict.fromkeys(FORMULAS, True)  # written whole, marked to stay text


def test_characters_a_workbook_cannot_hold_never_fail_the_export(tmp_path: Path) -> None:
    path = tmp_path / "corpus.xlsx"
    with pytest.warns(ExcelTextWarning) as warned:
        _corpus("局\x1b[2J", "委\x00办", "县\x0b政府", "市\u202e局").to_excel(path, lang="en")
    message = str(warned[0].message)
    # the agency in each sheet: 4 reports, their indicators, 2 findings each, 4 files
    assert message.startswith("20 cells held characters a workbook cannot hold")
    assert message.endswith("findings!A3 …")
    assert "reports!A2, reports!A3" in message
    reports = openpyxl.load_workbook(path)["reports"]
    assert sorted(reports.cell(row=r, column=1).value for r in range(2, 6)) == sorted(
        ["局\\x1b[2J", "委\\x00办", "县\\x0b政府", "市\\u202e局"]
    )
