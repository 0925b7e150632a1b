"""Numbers placed by meaning, never by position alone: rows matched by their labels, unreadable
cells blank in their own column, units converted, impossible values refused, tables found by
content, digits run together rebuilt from the printed totals — each diagnosed."""

import json
import re
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import opengovreport as ogr
from opengovreport import examples

from .conftest import SHARED, run_cli
from .exports import appendix_text, one_cell_a_line, tab_text, word_html
from .strategies import plausible_reports

SYNTHETIC = examples.load("synthetic-2021")
FIRST, SECOND = "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量"


def _swap_lines(text: str, a: str, b: str) -> str:
    """``text`` with the lines holding ``a`` and ``b`` (the first of each) swapped."""
    lines = text.split("\n")
    i = next(k for k, line in enumerate(lines) if a in line)
    j = next(k for k, line in enumerate(lines) if b in line)
    lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines)


def _swap_html_rows(page: str, a: str, b: str) -> str:
    rows = re.findall(r"<tr>.*?</tr>", page, flags=re.S)
    first = next(r for r in rows if a in r)
    second = next(r for r in rows if b in r)
    return page.replace(first, "\0").replace(second, first).replace("\0", second)


def _codes(result: ogr.ParseResult) -> set[str]:
    return {d.code for d in result.diagnostics}


# --- rows by their labels ------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "markdown", "tab", "html"])
def test_swapped_rows_of_table_3_are_placed_by_their_labels(fmt: str) -> None:
    if fmt == "html":
        source = _swap_html_rows(SYNTHETIC.to_html(), FIRST, SECOND)
    else:
        text = tab_text(SYNTHETIC) if fmt == "tab" else ogr.render(SYNTHETIC, fmt)
        source = _swap_lines(text, FIRST, SECOND)
    result = ogr.parse(source)
    assert result.report.requests.new_received.total == 468
    assert result.report.requests.carried_over.total == 21
    assert result.report == SYNTHETIC
    (note,) = result.filter(code="row-order")
    assert note.severity is ogr.Severity.WARNING
    assert ogr.check(result.report).ok


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_swapped_groups_of_table_4_are_placed_by_their_labels(fmt: str) -> None:
    # text and Markdown print table 4 a group a row: 行政复议 | 9 | 2 | …
    source = _swap_lines(ogr.render(SYNTHETIC, fmt), "| 行政复议 ", "复议后起诉")
    result = ogr.parse(source)
    assert result.report == SYNTHETIC
    assert result.filter(code="table4-order")


def test_table_4_groups_follow_their_header() -> None:
    # the official layout: the header names the groups over one row of 15 values; a header
    # that prints 复议后起诉 first puts the first five values there
    page = SYNTHETIC.to_html()
    swapped = page.replace(">行政复议<", ">\0<").replace(">复议后起诉<", ">行政复议<")
    swapped = swapped.replace(">\0<", ">复议后起诉<")
    result = ogr.parse(swapped)
    appeals = result.report.appeals
    assert appeals.litigation_after_reconsideration == SYNTHETIC.appeals.reconsideration
    assert appeals.reconsideration == SYNTHETIC.appeals.litigation_after_reconsideration
    (note,) = result.filter(code="table4-order")
    assert note.severity is ogr.Severity.WARNING
    assert "复议后起诉 未经复议直接起诉 行政复议" in note.message()


def test_unreadable_labels_are_placed_by_position_only_where_the_identities_hold() -> None:
    text = tab_text(SYNTHETIC)
    garbled = text.replace("5.属于三类内部事务信息", "5.■■■■■■").replace(
        "6.属于四类过程性信息", "6.▲▲▲▲"
    )
    result = ogr.parse(garbled)
    assert result.report == SYNTHETIC
    notes = result.filter(code="row-by-position")
    assert len(notes) == 2
    assert all(n.severity is ogr.Severity.WARNING for n in notes)
    # where the identities fail with the rows in order, they are not placed by position
    lines = garbled.split("\n")
    i = next(k for k, ln in enumerate(lines) if "■" in ln)
    assert lines[i].endswith("\t6\t0\t0\t0\t0\t1\t7")
    lines[i] = lines[i][: -len("7")] + "9"
    broken = ogr.parse("\n".join(lines))
    withheld = broken.report.requests.withheld
    assert withheld.internal_affairs.total is None
    assert withheld.process_information.total is None
    assert {d.code for d in broken.filter("error")} == {"row-unplaced"}


# --- cells in their own columns ------------------------------------------------------------


@pytest.mark.parametrize("printed", ["4l2", "约400", "412*"])
@pytest.mark.parametrize("fmt", ["text", "tab", "html", "layout"])
def test_an_unreadable_cell_is_blank_in_its_own_column(printed: str, fmt: str) -> None:
    if fmt == "html":
        source = SYNTHETIC.to_html().replace("<td>412</td>", f"<td>{printed}</td>", 1)
    elif fmt == "layout":  # pdftotext -layout: cells apart by runs of spaces
        source = "\n".join(
            "    ".join(line.split("\t")) for line in tab_text(SYNTHETIC).split("\n")
        )
        source = source.replace("    412    ", f"    {printed}    ", 1)
    else:
        text = tab_text(SYNTHETIC) if fmt == "tab" else SYNTHETIC.to_text()
        row = next(line for line in text.split("\n") if FIRST in line)
        source = text.replace(row, row.replace("412", printed, 1), 1)
    assert printed in source
    result = ogr.parse(source)
    read = result.report.requests.new_received
    assert read.natural_person is None
    assert (read.commercial_enterprise, read.other_org, read.total) == (37, 5, 468)
    expected = SYNTHETIC.with_cell("requests.new_received.natural_person", None)
    assert result.report == expected
    (note,) = result.filter(code="not-a-number")
    assert note.severity is ogr.Severity.WARNING
    assert note.text == printed
    assert result.cells_missing == 1


def test_yuan_in_a_column_of_wan_yuan_is_converted() -> None:
    text = tab_text(SYNTHETIC).replace("\t4068.208", "\t40682080元")
    result = ogr.parse(text)
    assert result.report == SYNTHETIC  # 40682080 元 = 4068.208 万元
    (note,) = result.filter(code="unit-converted")
    assert note.severity is ogr.Severity.INFO
    assert "4068.208 万元" in note.message()
    unclear = ogr.parse(tab_text(SYNTHETIC).replace("\t4068.208", "\t4068.208元"))
    assert unclear.report.disclosure.item8.fees.amount is None  # type: ignore[union-attr]
    assert unclear.filter(code="unit-unclear")


@pytest.mark.parametrize(("printed", "what"), [("-412", "negative"), ("4.12", "fractional")])
def test_impossible_counts_are_blank_with_an_error(
    printed: str, what: str, tmp_path: object
) -> None:
    text = tab_text(SYNTHETIC).replace("\t412\t", f"\t{printed}\t", 1)
    result = ogr.parse(text)
    assert result.report.requests.new_received.natural_person is None, what
    (note,) = result.filter(code="impossible-value")
    assert note.severity is ogr.Severity.ERROR
    assert note.text == printed
    assert ogr.loads(ogr.dumps(result.report)) == result.report
    # the command line writes JSON that validate accepts
    parsed = run_cli("parse", "-", stdin=text)
    assert parsed.returncode == 0, parsed.stderr
    assert json.loads(parsed.stdout)["requests"]["new_received"]["natural_person"] is None
    assert run_cli("validate", "-", stdin=parsed.stdout).returncode == 0


# --- tables found by content, title and year anywhere ----------------------------------------


def test_tables_printed_as_an_appendix_numbered_their_own_way() -> None:
    result = ogr.parse(appendix_text(SYNTHETIC))
    report = result.report
    assert dict(report.cells()) == dict(SYNTHETIC.cells())
    assert report.overview == SYNTHETIC.overview
    assert report.problems.blocks == SYNTHETIC.problems.blocks
    assert report.problems.heading == "二、存在的主要问题及改进措施"
    assert report.other_matters.blocks == SYNTHETIC.other_matters.blocks
    assert report.meta.closing == SYNTHETIC.meta.closing
    assert result.status is ogr.ReadStatus.OK
    assert result.filter(code="heading-renumbered")


@pytest.mark.parametrize(
    ("title", "agency", "year"),
    [
        ("2024 年上海市浦东新区人民政府政府信息公开工作年度报告", "上海市浦东新区人民政府", 2024),
        ("２０２３年示例市人民政府政府信息公开工作年度报告", "", 2023),
        ("示例市人民政府２０２３年度政府信息公开工作年度报告", "示例市人民政府", 2023),
    ],
)
def test_title_with_the_year_first_full_width_or_yearly(title: str, agency: str, year: int) -> None:
    text = tab_text(SYNTHETIC).replace(SYNTHETIC.meta.title, title, 1)
    report = ogr.parse(text).report
    assert report.meta.year == year
    assert report.meta.title == title
    if agency:
        assert report.meta.agency == agency
    else:  # the year first, then the agency, in full-width digits
        assert report.meta.agency == "示例市人民政府"


def test_marker_and_metadata_lines_above_the_report() -> None:
    text = "标题: 示例\n发布时间: 2024-03-01\n==== 正文 ====\n" + tab_text(SYNTHETIC)
    result = ogr.parse(text)
    assert result.report.meta.agency == "示例市人民政府"
    assert result.report.meta.title == SYNTHETIC.meta.title
    assert result.filter(code="page-lines")
    marker = "正文\n" + tab_text(SYNTHETIC)
    assert ogr.parse(marker).report.meta.agency == "示例市人民政府"


def test_carriage_returns_only() -> None:
    for fmt in ("text", "markdown"):
        source = ogr.render(SYNTHETIC, fmt).replace("\n", "\r")
        assert ogr.parse(source).report == SYNTHETIC


def test_a_report_inside_a_layout_table() -> None:
    page = f"<table><tr><td>{SYNTHETIC.to_html()}</td></tr></table>"
    assert ogr.parse(page).report == SYNTHETIC


# --- the crawled page: one line, digits run together -----------------------------------------

PINGTAN = SHARED / "corpus" / "pingtan-zongheshiyanqu-2022.crawled.txt"

#: the printed values of the corpus README (table 3 rows not listed are all 0)
PINGTAN_TABLE3 = {
    "new_received": (71, 3, 0, 0, 0, 0, 74),
    "carried_over": (1, 0, 0, 0, 0, 0, 1),
    "disclosed": (21, 0, 0, 0, 0, 0, 21),
    "partially_disclosed": (8, 1, 0, 0, 0, 0, 9),
    "withheld.internal_affairs": (1, 0, 0, 0, 0, 0, 1),
    "withheld.process_information": (2, 0, 0, 0, 0, 0, 2),
    "withheld.enforcement_files": (1, 0, 0, 0, 0, 0, 1),
    "unable_to_provide.not_held": (37, 0, 0, 0, 0, 0, 37),
    "other_handling.overdue_correction": (2, 0, 0, 0, 0, 0, 2),
    "other_handling.other": (0, 2, 0, 0, 0, 0, 2),
    "total_handled": (72, 3, 0, 0, 0, 0, 75),
    "carried_forward": (0, 0, 0, 0, 0, 0, 0),
}
PINGTAN_TABLE4 = (0, 1, 1, 0, 2, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0)


def test_the_crawled_pingtan_page_reads_to_its_printed_values() -> None:
    if not PINGTAN.exists():
        pytest.skip("corpus absent")
    result = ogr.read(PINGTAN)
    report = result.report
    assert (report.meta.agency, report.meta.year) == ("平潭综合实验区", 2022)
    assert report.edition is ogr.Edition.E2021
    shape = report.shape
    cells = dict(report.cells())
    for leaf in shape.numbered(3).parts[0].leaves:
        row = tuple(
            cells[f"requests.{leaf.path}.{c.key}"] for c in shape.numbered(3).parts[0].columns
        )
        assert row == PINGTAN_TABLE3.get(leaf.path, (0,) * 7), leaf.path
    assert tuple(cells[c.path] for c in shape.cells if c.table == 4) == PINGTAN_TABLE4
    assert not ogr.check(report).filter(code=("I1", "I2", "I3", "I4"))
    # the narrative's 75 requests received are table 3's 74 new and 1 carried over (T5)
    assert not ogr.check(report).filter(code="T5", min_severity="warning")
    # table 2: 8855698 run together reads many ways; the narrative states 698 in force and 88
    # made this year, and one reading agrees with both
    assert cells["disclosure.item1.normative_documents.issued"] == 88
    assert cells["disclosure.item1.normative_documents.in_force"] == 698
    (settled,) = result.filter(code="rebuilt-by-narrative")
    assert settled.severity is ogr.Severity.WARNING
    assert "8855698" in settled.message()
    assert "现行有效行政规范性文件698件" in settled.message("zh")
    assert not result.filter(code="rebuild-ambiguous")
    assert cells["disclosure.item5.licensing.decisions"] == 10690
    assert cells["disclosure.item8.fees.amount"] == Decimal("9116.36")
    assert result.cells_rebuilt > 150
    # every cell read, or rebuilt the one way the totals (or the narrative) allow
    assert result.quality == 1.0
    assert result.status is ogr.ReadStatus.OK
    assert result.filter(code="page-lines")
    assert len(report.overview.blocks) == 11  # a sub-heading and a paragraph for each of five
    assert report.other_matters.paragraphs == ("2022年，无收取信息处理费情况。",)


def _run_together(report: ogr.Report) -> str:
    """The report as a crawler gives a page: no TABs, cells apart by spaces, and each row of
    table 3 with its digits run together (``412373295468``)."""
    out = []
    for line in tab_text(report).split("\n"):
        cells = line.split("\t")
        values = [c for c in cells if c.isdigit()]
        labelled = any(c and not c.isdigit() for c in cells)
        if len(values) == 7 and labelled:
            label = " ".join(c for c in cells if c and not c.isdigit())
            out.append(f"{label} {''.join(values)}")
        else:
            out.append(" ".join(c for c in cells if c))
    return "\n".join(out)


def test_rows_run_together_are_rebuilt_from_the_printed_totals() -> None:
    result = ogr.parse(_run_together(SYNTHETIC))
    table3 = {p: v for p, v in result.report.cells() if p.startswith("requests.")}
    assert table3 == {p: v for p, v in SYNTHETIC.cells() if p.startswith("requests.")}
    notes = result.filter(code="rebuilt")
    assert len(notes) == 25
    assert all(n.severity is ogr.Severity.INFO for n in notes)
    assert result.cells_rebuilt == 175
    # each rebuilt the one way the printed totals allow: confirmed, read whole
    assert result.quality == 1.0
    assert result.status is ogr.ReadStatus.OK


def test_digits_that_read_several_ways_or_none_are_left_blank() -> None:
    text = _run_together(SYNTHETIC)
    # table 2 has no totals: 14 6 128 run together reads many ways; the narrative states 14
    # made and 6 repealed, and one reading agrees with both
    glued = text.replace("行政规范性文件 14 6 128", "行政规范性文件 146128")
    row = "disclosure.item1.normative_documents"
    said = dict(ogr.parse(glued).report.cells())
    assert [said[f"{row}.{c}"] for c in ("issued", "repealed", "in_force")] == [14, 6, 128]
    # where the narrative states none of them, the readings are listed and the cells blank
    quiet = glued.replace("行政规范性文件14件", "规范性文件若干")
    quiet = quiet.replace("废止行政规范性文件6件", "清理")
    many = ogr.parse(quiet)
    cells = dict(many.report.cells())
    assert [cells[f"{row}.{c}"] for c in ("issued", "repealed", "in_force")] == [None] * 3
    (note,) = many.filter(code="rebuild-ambiguous")
    assert "reads 10 ways: 1 4 6128; 1 46 128;" in note.message()
    assert note.severity is ogr.Severity.WARNING
    # 11000011 reads 11 0 0 0 0 0 11 or 1 10 0 0 0 0 11 within its row, and neither fits the
    # column totals of table 3
    none = ogr.parse(text.replace("8.属于行政查询事项 121000013", "8.属于行政查询事项 11000011"))
    assert none.report.requests.withheld.administrative_inquiry.total is None
    notes = {n.text: n.message() for n in none.filter(code="rebuild-ambiguous")}
    assert "no reading fits" in notes["11000011"]
    # without that row's figures the totals no longer settle the rows that read two ways
    assert "412 3 7 32 9 5 468; 412 37 3 2 9 5 468" in notes["412373295468"]


def test_the_search_for_readings_is_bounded() -> None:
    # 60 digits for 7 cells: far too many readings to try, refused at once
    text = _run_together(SYNTHETIC)
    huge = "8.属于行政查询事项 " + "1" * 58 + "22"
    result = ogr.parse(text.replace("8.属于行政查询事项 121000013", huge))
    assert result.report.requests.withheld.administrative_inquiry.total is None
    assert result.filter(severity="error") or result.filter(code="rebuild-ambiguous")


def test_table_4_scrambled_column_by_column_is_rebuilt() -> None:
    values = [9, 2, 3, 1, 15, 4, 1, 1, 2, 8, 2, 0, 1, 1, 4]
    scrambled = [values[g * 5 + c] for c in range(5) for g in range(3)]
    text = one_cell_a_line(SYNTHETIC)
    start = text.index("四、政府信息公开行政复议")
    end = text.index("五、存在的主要问题")
    table4 = "\n\n".join(
        [
            "四、政府信息公开行政复议、行政诉讼情况",
            "行政复议",
            "行政诉讼",
            "未经复议直接起诉",
            "复议后起诉",
        ]
        + [str(v) for v in scrambled]
    )
    result = ogr.parse(text[:start] + table4 + "\n\n" + text[end:])
    assert result.report.appeals == SYNTHETIC.appeals
    assert any("column by column" in n.message() for n in result.filter(code="rebuilt"))


def test_a_short_row_placed_by_order_says_so() -> None:
    """A row of plain pdftotext text (one cell a line) whose 其他 is blank: nothing shows which
    cell it was, and the identities hold for any of them (its other 法人 cells are 0), so the
    values go in order and an error says that they did."""
    blanked = SYNTHETIC.with_cell("requests.withheld.state_secret.other_org", None)
    result = ogr.parse(one_cell_a_line(blanked))
    (note,) = result.filter(code="cell-missing")
    assert note.severity is ogr.Severity.ERROR
    assert "State secret: 6 values for 7 cells, put in the first 6 columns by their order" in (
        note.message()
    )
    assert "1.属于国家秘密：6 个数值对应 7 个单元格，按顺序填入前 6 列" in note.message("zh")
    assert result.status is ogr.ReadStatus.PARTIAL
    assert result.report.requests.withheld.state_secret.total is None  # the rest are blank
    assert result.cells_missing >= 1


# --- the property: never a wrong number without a diagnostic on its table --------------------


def _table_of(path: str) -> int:
    return {"disclosure": 2, "requests": 3, "appeals": 4}[path.split(".")[0]]


@st.composite
def _mutated(draw: st.DrawFn) -> tuple[ogr.Report, str]:
    report = draw(plausible_reports(edition=draw(st.sampled_from(list(ogr.Edition)))))
    text = tab_text(report)
    lines = text.split("\n")
    rows = [i for i, ln in enumerate(lines) if ln.count("\t") >= 7 and re.search(r"\t\d+$", ln)]
    mutation = draw(st.sampled_from(["swap", "garble", "unit", "drop-label"]))
    if mutation == "swap" and len(rows) > 1:
        i, j = draw(st.lists(st.sampled_from(rows), min_size=2, max_size=2, unique=True))
        lines[i], lines[j] = lines[j], lines[i]
    elif mutation == "garble" and rows:
        i = draw(st.sampled_from(rows))
        cells = lines[i].split("\t")
        numbers = [k for k, c in enumerate(cells) if c.isdigit()]
        k = draw(st.sampled_from(numbers))
        cells[k] = draw(st.sampled_from(["4l2", "约" + cells[k], cells[k] + "*", "O"]))
        lines[i] = "\t".join(cells)
    elif mutation == "unit":
        lines = [
            re.sub(r"\t(\d+(\.\d+)?)$", lambda m: "\t" + m.group(1) + "元", ln)
            if "行政事业性收费" in ln
            else ln
            for ln in lines
        ]
    elif mutation == "drop-label" and rows:
        i = draw(st.sampled_from(rows))
        cells = lines[i].split("\t")
        lines[i] = "\t".join("" if not c.isdigit() else c for c in cells)
    return report, "\n".join(lines)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(_mutated())
def test_never_a_wrong_number_without_a_diagnostic_on_its_table(
    case: tuple[ogr.Report, str],
) -> None:
    report, text = case
    result = ogr.parse(text)
    read = dict(result.report.cells())
    for path, value in report.cells():
        if read.get(path) != value and read.get(path) is not None:
            table = _table_of(path)
            flagged = [
                d
                for d in result.diagnostics
                if d.severity.rank >= ogr.Severity.WARNING.rank and f"table {table}" in d.message()
            ]
            assert flagged, f"{path}: {value} read as {read.get(path)} with no warning"


def test_word_html_in_gbk_inside_a_layout_table() -> None:
    data = word_html(SYNTHETIC)
    assert b"charset=gb2312" in data
    result = ogr.read(data)
    assert result.format == "html"
    assert result.report == SYNTHETIC


@pytest.mark.parametrize("name", ["synthetic-2021", "gaoqing-2020"])
def test_tables_printed_column_by_column_are_read_by_their_totals(name: str) -> None:
    """A PDF drawn column by column, read by an extractor that follows the drawing (plain
    pdftotext): a table's labels first, then each column's header and its values. Tables 3 and
    4 are read where their identities hold with the values so read; table 2, which has no
    totals, is not right, and every cell of it that is wrong is named by a warning."""
    from .exports import columns_first

    report = examples.load(name)
    result = ogr.parse(columns_first(report))
    read = dict(result.report.cells())
    for path, value in report.cells():
        if not path.startswith("disclosure."):
            assert read[path] == value, path
        elif read[path] != value:
            assert any(
                path in d.cells and d.severity.rank >= ogr.Severity.WARNING.rank
                for d in result.diagnostics
            ), path
    assert any(d.variant == "columns" for d in result.filter(code="rebuilt") if d.table == 3)
    assert result.status is ogr.ReadStatus.PARTIAL


# --- a page's furniture is not the agency (#28) ----------------------------------------------

#: what sits above a report's title on government pages
FURNITURE = (
    "【字体：大 中 小】", "打印本页", "www.example.gov.cn", "2024-01-09", "PDF", "关闭窗口",
    "分享到：", "字号：大 中 小", "发布时间：2024-01-09 10:00", "来源：示例市人民政府办公室",
    "【打印】【关闭】", "当前位置：首页 > 政务公开 > 年度报告", "视力保护色：", "浏览次数：123",
    "信息来源：本网", "http://www.example.gov.cn/art/2024/1/9/art_1.html",
    "索引号：11320800/2024-00001", "首页", "政务公开", "2024年01月09日",
)  # fmt: skip


@pytest.mark.parametrize("furniture", FURNITURE)
@pytest.mark.parametrize("fmt", ["text", "html", "word"])
def test_a_line_above_the_title_never_becomes_the_agency(furniture: str, fmt: str) -> None:
    title = SYNTHETIC.meta.title
    if fmt == "text":
        source = SYNTHETIC.to_text().replace(title, f"{furniture}\n\n{title}", 1)
    elif fmt == "html":
        source = SYNTHETIC.to_html(standalone=True).replace("<h1>", f"<p>{furniture}</p><h1>", 1)
    else:  # a page saved from Word, inside its site's layout table
        mark = "<p class=MsoNormal align=center><b>"
        page = word_html(SYNTHETIC).decode("gb18030")
        source = page.replace(mark, f"<p class=MsoNormal>{furniture}</p>{mark}", 1)
    meta = ogr.parse(source).report.meta
    assert (meta.agency, meta.title, meta.year) == ("示例市人民政府", title, 2023)


@pytest.mark.parametrize("where", ["closing", "page title"])
def test_a_title_without_its_agency_takes_it_from_the_page_or_the_signature(where: str) -> None:
    title = SYNTHETIC.meta.title
    bare = "2023年度政府信息公开工作年度报告"
    if where == "closing":
        source = SYNTHETIC.to_text().replace(title, f"打印本页\n\n{bare}", 1)
    else:
        page = SYNTHETIC.to_html(standalone=True)
        source = page.replace(f"<h1>{title}</h1>", f"<h1>{bare}</h1>", 1)
    result = ogr.parse(source)
    assert result.report.meta.agency == "示例市人民政府"
    (note,) = result.filter(code="agency-guessed")
    assert note.severity is ogr.Severity.WARNING
    assert "示例市人民政府" in note.message("zh")
