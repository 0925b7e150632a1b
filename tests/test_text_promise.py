"""The reader's promise in text without cells (a crawler's one-line text, text whose TABs became
spaces): a blank cell's mark ``无`` glued between a row's values and the next label, two marks
run together, and table 3 printed without one of its columns. Never a wrong number that no
diagnostic names, never ``ok`` with a cell not right (the two breaks the tenth round's hunt left
open, found again by the properties below, thirteenth round)."""

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import opengovreport as ogr

from .exports import crawled_marked, crawled_text, tab_text
from .strategies import plausible_reports
from .test_columns_not_printed import HEADERS, _column, _tab
from .test_reading_properties import Case, _named, _promise_kept, _rows

#: table 3's columns, in the format's order
KEYS = ("natural_person", "commercial_enterprise", "research_institution", "public_interest_org",
        "legal_service_org", "other_org", "total")  # fmt: skip


def test_a_wu_after_a_rows_values_glued_to_the_next_label_is_a_cell() -> None:
    """``无`` after a row's values with the next label glued on and no gap
    (``…行政规范性文件146无第二十条…``): the row's cell, blank — not a word the next label
    starts with (a label may start with 无, 无法提供, but not before its numbering or article).
    Before, ``146`` was read as the only reading of three cells, 1 4 6, said by an ``info``:
    the token assertion fails, and the promise."""
    from opengovreport.reading._lines import Line
    from opengovreport.reading._tokens import line_tokens

    for said, values in (
        ("行政规范性文件146无第二十条第（五）项信息内容", ["146", "无"]),
        ("1.本机关不掌握相关政府信息16无2.没有现成信息", ["16", "无"]),
        ("（一）予以公开4无（二）部分公开", ["4", "无"]),
        ("规章0无法提供", ["0"]),  # a label that starts with 无: words
    ):
        line = Line(number=1, cells=(said,), text=said)
        assert [t.text for t in line_tokens(line) if t.value] == values, said
    report = ogr.examples.load("synthetic-2021")
    text = crawled_text(report, lambda: "")
    printed = "行政规范性文件146128第二十条"
    assert printed in text
    text = text.replace(printed, "行政规范性文件146无第二十条")
    truth = report.with_cell("disclosure.item1.normative_documents.in_force", None)
    _promise_kept(Case(truth, text, set(), "crawled, 无 after a row's values"))


def test_two_wu_run_together_between_a_rows_values_are_not_dropped() -> None:
    """Two blank cells side by side, each printed ``无``, run together between a row's values
    (``…予以公开761227无无360664…``): the marks stand for cells, so the runs of digits are not
    split to fill the row — the cells are named, the status not ``ok``. (Before, ``无无`` was a
    word between values, dropped; the runs were split into 7 612 2 7 36 0 664, the row's total
    holding by chance, said by an ``info`` only. Found by the property below.) The tokeniser
    parts ``无无`` into two marks; splitting the runs beside marks under the row's total is left
    to the rows' reader."""
    report = ogr.examples.load("synthetic-2021")
    text = crawled_text(report, lambda: "")
    printed = "三、本年度办理结果（一）予以公开163151142186"
    assert printed in text
    text = text.replace(printed, "三、本年度办理结果（一）予以公开761227无无360664")
    truth = report
    for key, value in zip(KEYS, (76, 1, 227, None, None, 360, 664), strict=True):
        truth = truth.with_cell(f"requests.disclosed.{key}", value)
    _promise_kept(Case(truth, text, set(), "crawled, 无无 between values"))


def test_two_wu_glued_before_a_run_after_a_value_are_two_cells() -> None:
    """``12 无无1091716 298``: two blank cells printed 无 glued to the run after them, a value
    before them on the line, are two cells, and ``12`` is not split to fill the row; the run
    after the marks is not yet split under the row's total (its cells named, not ``ok``).
    (Before, ``无无`` began a word with the digits after it and was dropped as words; the row
    was read 1 210 9 1 71 6 298, its total holding by chance, said by an ``info`` only: a wrong
    number named by nothing. Found by the property below in ``.ci/run`` after the thirteenth
    round's merge.)"""
    report = ogr.examples.load("synthetic-2021")
    text = crawled_text(report, lambda: " ")
    printed = "4.保护第三方合法权益 7 2 0 0 1 0 10 "
    assert printed in text
    text = text.replace(printed, "4.保护第三方合法权益 12 无无1091716 298 ")
    truth = report
    values = (12, None, None, 109, 171, 6, 298)
    for key, value in zip(KEYS, values, strict=True):
        truth = truth.with_cell(f"requests.withheld.third_party_rights.{key}", value)
    result = ogr.parse(text)
    assert result.found is not None
    read = dict(result.found.cells())
    assert [read[f"requests.withheld.third_party_rights.{k}"] for k in KEYS[:3]] == [12, None, None]
    _promise_kept(Case(truth, text, set(), "crawled, 无无 glued before a run"))


def test_table_3_without_a_column_in_text_without_cells_is_guessed() -> None:
    """Table 3 printed without its first column, its TABs turned into spaces (text without
    cells): most rows print six tokens for seven cells. A column left out and digits run
    together cannot be told apart, so every cell of the table is a guess, said by a warning
    (before, the row ``0 0 0 1 0 12`` was read as 0 0 0 1 0 1 2, its total holding by chance,
    said by an ``info``: 11 read as 0, named by nothing)."""
    report = ogr.examples.load("synthetic-2021")
    for header in HEADERS:
        text = _tab(tab_text(report), 0, header).replace("\t", " ")
        result = ogr.parse(text)
        short = result.filter(code="columns-short")
        assert len(short) == 1, header
        assert short[0].variant == "stream"
        table = {p for _label, paths in _rows(report) for p in paths}
        assert set(short[0].cells) == table
        assert all(_named(result, p) for p in table)
        assert result.status is ogr.ReadStatus.PARTIAL
        _promise_kept(Case(report, text, _column(report, 0), f"spaces, {header}"))
    # every row of seven tokens: no guess said
    assert not ogr.parse(tab_text(report).replace("\t", " ")).filter(code="columns-short")


@settings(max_examples=30, suppress_health_check=list(HealthCheck), deadline=None)
@given(
    st.sampled_from(list(ogr.Edition)).flatmap(lambda e: plausible_reports(edition=e)),
    st.sampled_from(("—", "无", "/", "-")),
    st.sampled_from(("", " ", "mixed")),
    st.sampled_from((("requests", "appeals"), ("requests", "appeals", "disclosure"))),
    st.randoms(use_true_random=False),
)
def test_zeros_printed_as_marks_in_a_crawled_text_keep_the_promise(
    report: ogr.Report, mark: str, gap: str, tables: tuple[str, ...], rng: random.Random
) -> None:
    """A crawler's one-line text whose zeros (tables 3 and 4, and table 2 or not) are printed
    as a blank cell's mark, the cells run together, parted by spaces, or both: never a wrong
    number unnamed, never ``ok`` with a cell not right (the hunt of the thirteenth round: 2 of
    300 broken before, ``无无`` between values; the tenth round's ``146无第二十条``)."""
    spaces = (lambda: rng.choice(("", " "))) if gap == "mixed" else (lambda: gap)
    text, truth = crawled_marked(report, spaces, mark, tables)
    _promise_kept(Case(truth, text, set(), f"crawled, zeros {mark}, gap {gap!r}, {tables}"))


@settings(max_examples=30, suppress_health_check=list(HealthCheck), deadline=None)
@given(
    st.sampled_from(list(ogr.Edition)).flatmap(lambda e: plausible_reports(edition=e)),
    st.integers(0, 6),
    st.sampled_from(HEADERS),
    st.sampled_from((" ", "  ")),
)
def test_table_3_without_a_column_in_text_without_cells_keeps_the_promise(
    report: ogr.Report, column: int, header: str, space: str
) -> None:
    """Any one of table 3's columns printed in no row (its header dropped, kept or generic) in
    TAB text whose TABs became spaces: never a wrong number unnamed, never ``ok`` (the hunt of
    the thirteenth round: 11 of 300 broken before, rows whose last run was split to fill the
    column left out, its total holding by chance)."""
    text = _tab(tab_text(report), column, header).replace("\t", space)
    _promise_kept(Case(report, text, _column(report, column), f"{column}, {header}, {space!r}"))


def test_a_crawled_table_whose_runs_show_digits_run_together_is_not_said_short() -> None:
    """A crawler's page whose rows of table 3 print their last two cells run together
    (``…0 0 0 0 0 00``, as real pages of the corpus do): most rows print six tokens for seven
    cells, but a run no count is printed as (``00``, ``014``) shows the digits run together —
    the rows are read as such, no guess said (the first form of the fix said one over two of
    the corpus' crawled pages, their quality 1.000 → 0.125 and 0.955 → 0.110)."""
    import re

    report = ogr.examples.load("synthetic-2021")
    text = crawled_text(report, lambda: " ")
    for label, _paths in _rows(report):
        found = re.compile("(" + re.escape(label) + r" ?(?:\d+ ){5}\d+) (\d+) ")
        text = found.sub(r"\1\2 ", text)
    assert re.search(r" 0\d+ ", text)  # (a row whose 其他 is 0: its run starts with a zero)
    result = ogr.parse(text)
    assert not result.filter(code="columns-short")
    _promise_kept(Case(report, text, set(), "crawled, the last two cells run together"))


@pytest.mark.xfail(
    reason="_short._glued finds each value by a search of the row's line: where the label is not "
    "found there, an earlier occurrence is taken and the glued pair missed (a crawled text with "
    "marks and no gaps is said short: a named guess, not a wrong cell); left open",
    strict=False,
)
def test_a_crawled_table_whose_values_stand_glued_is_not_said_short() -> None:
    """A crawler's page whose zeros are printed as a mark, the cells run together or parted
    by spaces after numbers only (``8 ——277 —47 332``): rows short because marks and digits
    run together, not a column left out — two values with nothing between them show it, and
    no guess is said (without ``_short._glued`` one was, over every cell of table 3: the
    quality fell from 0.172 to 0.022 on a generated report)."""
    report = ogr.examples.load("synthetic-2021")
    for mark in ("—", "/", "无"):
        for gap in ("", " "):
            text, _truth = crawled_marked(report, lambda: gap, mark, ("requests", "appeals"))  # noqa: B023
            assert not ogr.parse(text).filter(code="columns-short"), (mark, gap)
