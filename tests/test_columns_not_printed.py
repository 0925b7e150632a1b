"""Table 3 printed without one of its columns (a site's table, a converter's): the column left
out of every row, and out of the header or not, or under a header of generic names (列1 列2 …);
and a blank cell's mark glued to a row's label in a crawler's text. The reader's promise holds:
never a wrong number that no diagnostic names, never ``ok`` with a cell that is not right; where
the header names the columns printed, each value is read under its own (found by the trial of
the reader, 2026-12-07)."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import opengovreport as ogr

from .exports import crawled_text, tab_text
from .strategies import plausible_reports, registered_row_names
from .test_reading_properties import Case, _named, _promise_kept, _rows

#: table 3's columns as its header prints them
LABELS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
#: what a header of a column that is not printed becomes: gone, kept, or every column 列k
HEADERS = ("dropped", "kept", "generic")


def _tab(text: str, column: int, header: str) -> str:
    """TAB text with table 3's ``column`` (0–6) printed in no row (and, ``dropped``, in no
    header row)."""
    lines = text.split("\n")
    first = next(i for i, ln in enumerate(lines) if ln.startswith("三、收到和处理"))
    end = next(i for i, ln in enumerate(lines) if ln.startswith("四、政府信息公开行政复议"))
    rows = []
    for i in range(first, end):
        cells = lines[i].split("\t")
        if len(cells) >= 10 and all(c.strip().isdigit() for c in cells[-7:]):
            del cells[len(cells) - 7 + column]
            lines[i] = "\t".join(cells)
            rows.append(i)
    for i in range(first, rows[0]):
        cells = lines[i].split("\t")
        if header == "dropped" and LABELS[column] in cells:
            cells.remove(LABELS[column])
        elif header == "generic" and any(c in LABELS for c in cells):
            cells = [f"列{k + 1}" if c in LABELS else c for k, c in enumerate(cells)]
        lines[i] = "\t".join(cells)
    return "\n".join(lines)


def _markdown(text: str, column: int, header: str) -> str:
    """Markdown with table 3's ``column`` printed in no row and not in its header (``kept``:
    the header, of one row, loses it too), or the header's names 列1 … 列7 (``generic``)."""
    lines = text.split("\n")
    at = next(i for i, ln in enumerate(lines) if "三、收到和处理" in ln and not ln.startswith("|"))
    while not lines[at].startswith("|"):
        at += 1
    first = at
    while at < len(lines) and lines[at].startswith("|"):
        parts = lines[at].split("|")
        if at == first and header == "generic":
            parts = [*parts[:2], *(f" 列{k} " for k in range(1, 8)), ""]
        del parts[2 + column]
        lines[at] = "|".join(parts)
        at += 1
    return "\n".join(lines)


def _html(text: str, column: int, header: str) -> str:
    """HTML with table 3's ``column`` printed in no row (and, ``dropped``, not in its
    header, its groups' spans one narrower)."""
    start = text.index("<h2>三、收到和处理")
    end = text.index("</table>", start)
    body_at = text.index("<tbody>", start)
    head = text[start:body_at]

    def row(found: re.Match[str]) -> str:
        cells = list(re.finditer(r"<td[^>]*>[^<]*</td>", found.group()))
        if len(cells) != 7:
            return found.group()
        cut = cells[column]
        return found.group()[: cut.start()] + found.group()[cut.end() :]

    body = re.sub(r"<tr>.*?</tr>", row, text[body_at:end], flags=re.S)
    if header == "dropped":
        head = re.sub(rf"<th[^>]*>{LABELS[column]}</th>", "", head, count=1)
        if 1 <= column <= 5:
            head = head.replace('colspan="5">法人或其他组织', 'colspan="4">法人或其他组织')
        head = head.replace('colspan="7">申请人情况', 'colspan="6">申请人情况')
    elif header == "generic":
        for k, label in enumerate(LABELS):
            head = head.replace(f">{label}</th>", f">列{k + 1}</th>")
    return text[:start] + head + body + text[end:]


def _without(report: ogr.Report, form: str, column: int, header: str) -> str:
    if form == "tab":
        return _tab(tab_text(report), column, header)
    edit = _markdown if form == "markdown" else _html
    return edit(ogr.render(report, form), column, header)


def _column(report: ogr.Report, column: int) -> set[str]:
    return {paths[column] for _label, paths in _rows(report)}


@pytest.mark.parametrize("form", ["tab", "markdown", "html"])
@pytest.mark.parametrize("column", range(7))
def test_table_3_without_a_column_its_header_names_is_read_by_the_header(
    form: str, column: int
) -> None:
    """Table 3 with one column printed in no row and not in its header, the others named: each
    value read under its own header, the column's cells blank and named by an error, status
    ``partial``. (Before, TAB text read a row whose label spans the label columns with a blank
    label cell as its first value, the row's values one column right, named by nothing; in
    Markdown and HTML the rows were split as digits run together or left blank.)"""
    report = ogr.examples.load("synthetic-2021")
    result = ogr.parse(_without(report, form, column, "dropped"))
    read = dict(result.report.cells())
    missing = _column(report, column)
    wrong = [
        (p, v, read.get(p))
        for p, v in report.cells()
        if p.startswith("requests.") and p not in missing and read.get(p) != v
    ]
    assert not wrong, wrong[:4]
    assert all(read.get(p) is None for p in missing)
    said = [d for d in result.diagnostics if d.code == "column-missing"]
    assert said
    assert said[0].severity is ogr.Severity.ERROR
    assert set(said[0].cells) == missing
    assert said[0].variant == ""
    assert not result.filter(code="columns-short")
    assert result.status is ogr.ReadStatus.PARTIAL


@pytest.mark.parametrize("form", ["tab", "markdown", "html"])
def test_table_3_without_a_column_its_header_does_not_name_is_guessed(form: str) -> None:
    """Rows one value short under a header that names every column (TAB, HTML) or none
    (列1 …): nothing says which column is not printed, so every cell of the table is guessed
    and named by a warning (before, in TAB text a row's values moved one column, named by
    nothing; in Markdown a row's ``12`` was read as the two cells 1 and 2, said by an
    ``info``)."""
    report = ogr.examples.load("synthetic-2021")
    header = "generic" if form == "markdown" else "kept"
    result = ogr.parse(_without(report, form, 0, header))
    table = {p for _label, paths in _rows(report) for p in paths}
    short = result.filter(code="columns-short")
    assert len(short) == 1
    assert set(short[0].cells) == table
    assert all(_named(result, p) for p in table)
    assert result.status is ogr.ReadStatus.PARTIAL
    assert result.cells_guessed >= len(table) - len(_rows(report))


@settings(max_examples=60, suppress_health_check=list(HealthCheck), deadline=None)
@given(
    plausible_reports(),
    st.sampled_from(("tab", "markdown", "html")),
    st.integers(0, 6),
    st.sampled_from(HEADERS),
)
def test_any_column_of_table_3_not_printed_keeps_the_promise(
    report: ogr.Report, form: str, column: int, header: str
) -> None:
    """Any one column of table 3 printed in no row — and in no header, or under a header that
    still names it, or under generic names — in TAB text, Markdown and HTML: no cell wrong
    without a diagnostic naming it, never ``ok`` (before: TAB text read rows shifted one
    column with nothing said, 66 of 70 such cases of the trial)."""
    text = _without(report, form, column, header)
    _promise_kept(Case(report, text, _column(report, column), f"{form}, {header}, {column}"))


@pytest.mark.parametrize("mark", ["—", "无", "-", "/"])
def test_a_mark_glued_to_a_rows_label_is_its_first_cell(mark: str) -> None:
    """A blank cell's mark glued to a row's label in a crawler's text (``…仍不明确— 10 7 …``):
    the row's first cell, blank, the others read in their places (before, the mark was the
    label's last character and the row's six values were read again as seven, or left
    blank: the first assertion fails)."""
    from opengovreport.reading._lines import Line
    from opengovreport.reading._stream_rows import stream_rows

    label, values = "（四）无法提供3.补正后申请内容仍不明确" + mark, "10 7 12 4 3 36"
    one = [Line(number=1, cells=(f"{label} {values}",), text=f"{label} {values}")]
    two = [Line(number=1, cells=(label,), text=label), Line(number=2, cells=(values,), text=values)]
    for lines in (one, two):  # its values on its line, or on the next
        (row,) = stream_rows(lines, 7, lambda _words: False)
        assert row.values == [mark, "10", "7", "12", "4", "3", "36"]
        assert row.label.endswith("仍不明确")
    report = ogr.examples.load("synthetic-2021")
    text = crawled_text(report, lambda: " ")
    tried = 0
    for label, paths in _rows(report):
        printed = re.search(re.escape(label) + r" ?(\d+) ", text)
        if printed is None:
            continue
        tried += 1
        broken = text[: printed.start(1)].rstrip(" ") + mark + text[printed.end(1) :]
        truth = report.with_cell(paths[0], None)
        result = ogr.parse(broken)
        read = dict(result.report.cells())
        expected = dict(truth.cells())
        assert [read.get(p) for p in paths] == [expected[p] for p in paths], label
        _promise_kept(Case(truth, broken, set(), f"crawled, {mark} glued to {label}"))
    assert tried >= 10


def test_no_row_name_of_a_registered_shape_ends_in_a_blank_mark() -> None:
    """What lets the reader take a blank mark glued after a label for the row's first cell
    (``_values._GLUED_MARK``): no name a row of any registered shape is known by ends in one."""
    from opengovreport.reading._values import _GLUED_MARK

    names = registered_row_names()
    assert names
    assert not [n for n in names if _GLUED_MARK.search(n) or n.endswith(("—", "-", "/", "无"))]


def _table4_start(text: str) -> re.Match[str]:
    """Table 4's first value in a crawler's text: the first number after its header."""
    at = text.index("四、政府信息公开行政复议")
    found = re.compile(r"总计 ?(\d+) ").search(text, at)
    assert found is not None
    return found


@pytest.mark.parametrize("mark", ["—", "无", "/"])
def test_a_mark_glued_to_table_4s_header_is_its_first_cell(mark: str) -> None:
    """Table 4's first value printed as a blank mark glued to its header's last word in a
    crawler's text (``…尚未审结总计— 246 — 6``): the table's first cell, blank, the others in
    their places (before, the mark was a word of the header and the fourteen values were read
    into the first fourteen cells, every one but the first wrong)."""
    report = ogr.examples.load("synthetic-2021")
    text = crawled_text(report, lambda: " ")
    first = _table4_start(text)
    broken = text[: first.start(1)].rstrip(" ") + mark + text[first.end(1) :]
    truth = report.with_cell("appeals.reconsideration.upheld", None)
    read = dict(ogr.parse(broken).report.cells())
    assert {p: read.get(p) for p, _ in truth.cells() if p.startswith("appeals.")} == {
        p: v for p, v in truth.cells() if p.startswith("appeals.")
    }
    _promise_kept(Case(truth, broken, set(), f"crawled, {mark} glued to table 4's header"))


def test_table_4_with_a_value_not_printed_is_guessed_not_read() -> None:
    """Table 4 printing fourteen values for its fifteen cells: they are placed in order, an
    error says so, and the cells are guessed — the quality does not count them as read (it
    did, and stood above the share of cells right)."""
    report = ogr.examples.load("synthetic-2021")
    text = crawled_text(report, lambda: " ")
    first = _table4_start(text)
    # its zero printed as a mark (digits alone would be read as a run of digits run together)
    rest = text[first.end(1) + 1 :].replace(" 0 ", " — ", 1)
    result = ogr.parse(text[: first.start(1)] + rest)
    assert result.filter(code="cells-missing")
    read = dict(result.report.cells())
    truth = report.with_cell("appeals.litigation_after_reconsideration.corrected", None)
    right = sum(read.get(p) == v for p, v in truth.cells())
    assert result.quality <= right / len(list(truth.cells()))
    assert result.status is ogr.ReadStatus.PARTIAL


def test_a_mark_after_a_rows_values_glued_to_the_next_label_is_a_cell() -> None:
    """A blank cell's mark after a row's values and before the next label, all run together
    in a crawler's text (``…行政规范性文件146——第二十条…``): a cell of the row, not a word of
    the next label (before, ``146`` was read as the only reading of three cells, 1 4 6, said
    by an ``info``: the token assertion fails, and the promise)."""
    from opengovreport.reading._lines import Line
    from opengovreport.reading._tokens import line_tokens

    said = "行政规范性文件146——第二十条第（五）项信息内容"
    line = Line(number=1, cells=(said,), text=said)
    assert [t.text for t in line_tokens(line) if t.value] == ["146", "——"]
    report = ogr.examples.load("synthetic-2021")
    text = crawled_text(report, lambda: "")
    printed = "行政规范性文件146128第二十条"
    assert printed in text
    text = text.replace(printed, "行政规范性文件146——第二十条")
    truth = report.with_cell("disclosure.item1.normative_documents.in_force", None)
    _promise_kept(Case(truth, text, set(), "crawled, a mark after a row's values"))


def test_two_columns_not_printed_are_named_in_the_runs_language() -> None:
    """Two of table 3's columns printed in no row and not in the header: one error names both,
    in each language its own words (before, the English message quoted the Chinese labels
    joined by a space)."""
    report = ogr.examples.load("synthetic-2021")
    text = _markdown(_markdown(ogr.render(report, "markdown"), 2, "dropped"), 1, "dropped")
    said = ogr.parse(text).filter(code="column-missing")
    assert len(said) == 1
    assert set(said[0].cells) == _column(report, 1) | _column(report, 2)
    english, chinese = said[0].message("en"), said[0].message("zh")
    assert "商业企业" not in english
    assert "科研机构" not in english
    assert "the columns Commercial enterprises and Research institutions are" in english
    assert "“商业企业”、“科研机构”各列" in chinese
