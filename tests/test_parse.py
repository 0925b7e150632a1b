"""Parsing published reports: the seed, the corpus, every layout, round trips, and fuzzing."""

import re
import subprocess
import sys
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import opengovreport as ogr
from opengovreport import examples
from opengovreport.model import Heading, Paragraph

from .conftest import SEED, SHARED
from .corpus_figures import CORPUS, HONGZE, HUAIAN, SHUYANG, Figures
from .exports import one_cell_a_line
from .strategies import plausible_reports


def _corpus(figures: Figures) -> str:
    path = SHARED / "corpus" / figures.file
    if not path.exists():
        pytest.skip(f"corpus report not found at {path}")
    return path.read_text(encoding="utf-8")


# --- the seed and the corpus ----------------------------------------------------------------


def test_seed_parses_to_the_packaged_example(seed_text: str) -> None:
    result = ogr.parse(seed_text)
    assert result.format == "text"
    assert result.report == examples.load("gaoqing-2020")
    codes = [(d.code, d.line) for d in result.diagnostics]
    # the stray rule after table 2 and the rows that carry a spurious extra cell (FORMAT.md §7)
    assert codes == [
        ("row-ignored", 84),
        ("spurious-cell", 111),
        ("spurious-cell", 112),
        ("spurious-cell", 120),
    ]


@pytest.mark.parametrize("figures", CORPUS, ids=lambda f: f.file)
def test_corpus_tables_as_printed(figures: Figures) -> None:
    result = ogr.parse(_corpus(figures))
    report = result.report
    expected = figures.report()
    assert (report.meta.agency, report.meta.year, report.edition) == (
        figures.agency,
        figures.year,
        ogr.Edition.E2021,
    )
    assert report.requests.other_handling_itemized is figures.itemized_other_handling
    assert dict(report.cells()) == dict(expected.cells())
    identities = ogr.check(report).filter(code=("I1", "I2", "I3", "I4"))
    assert len(identities.filter(min_severity="inconsistency")) == 0
    assert not result.filter(severity="error")


def test_huaian_sections() -> None:
    report = ogr.parse(_corpus(HUAIAN)).report
    assert report.meta.title == "淮安市人民政府2024 年政府信息公开工作年度报告"
    assert report.meta.contact == ogr.Contact(
        office="淮安市人民政府办公室",
        address="淮安市翔宇南道 1 号",
        postcode="223001",
        phone="0517-83605210",
        email="hazwgkc@163.com",
    )
    starts = [
        "2024 年，我市",
        "（一）主动公开",
        "（二）依申请",
        "（三）政府信息管理",
        "（四）政府",
        "（五）政府",
    ]
    assert len(report.overview.blocks) == len(starts)
    for block, start in zip(report.overview.blocks, starts, strict=True):
        assert isinstance(block, Paragraph)
        assert block.text.startswith(start)
    # a paragraph broken by a page (and its page number) is whole
    assert "组织召开了“春节前后服务企业用工" in report.overview.blocks[1].text
    assert "一流营商环境高质量推进产业发展" in report.overview.blocks[1].text
    assert len(report.problems.blocks) == 2
    assert report.other_matters.paragraphs == (
        "2024 年，市政府严格落实《政府信息公开信息处理费管理办法》，"
        "全年收取政府信息公开信息处理费 3940 元。",
    )
    assert report.disclosure.item8.fees.amount == Decimal("96171.6")  # type: ignore[union-attr]


def test_hongze_hybrid_and_typos() -> None:
    result = ogr.parse(_corpus(HONGZE))
    assert not result.report.requests.other_handling_itemized
    variants = result.filter(code="label-variant")
    assert any("其他法律行政止公开" in d.text for d in variants)
    assert result.report.overview.blocks[3].text.startswith("（三）政府信息管理情况。")


def test_shuyang_blanks_variant_heading_and_closing() -> None:
    result = ogr.parse(_corpus(SHUYANG))
    report = result.report
    assert report.requests.new_received.commercial_enterprise is None
    assert report.requests.new_received.total == 26
    assert report.problems.heading == "五、存在的主要问题及整改措施"
    assert result.filter(code="heading-variant")[0].severity is ogr.Severity.INFO
    assert report.meta.closing == ("沭阳县发展和改革局", "2024年1月17日")
    assert report.other_matters.paragraphs == (
        "2023年度，县发展和改革局政府信息公开未发生收费情况。",
    )
    assert next(b.text for b in report.overview.blocks if isinstance(b, Heading)) == (
        "（一）主动公开政府信息情况"
    )
    assert report.meta.contact is not None
    assert report.meta.contact.website == "http://www.shuyang.gov.cn/"
    assert report.meta.contact.phone == "0527—83593059"


# --- cell readings --------------------------------------------------------------------------


def _seed_with(old: str, new: str) -> str:
    text = SEED.read_text(encoding="utf-8") if SEED.exists() else pytest.skip("no seed")
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize(
    ("old", "new", "path", "value", "code"),
    [
        (
            "其他对外管理服务事项\t17\t+2\t19",
            "其他对外管理服务事项\t１７\t＋2\t19",
            "disclosure.item5.other_services.last_year",
            17,
            "number-format",
        ),
        (
            "其他对外管理服务事项\t17\t+2\t19",
            "其他对外管理服务事项\t17\t-3\t19",
            "disclosure.item5.other_services.change",
            -3,
            None,
        ),
        (
            "其他对外管理服务事项\t17\t+2\t19",
            "其他对外管理服务事项\t1,217\t+2\t19",
            "disclosure.item5.other_services.last_year",
            1217,
            "number-format",
        ),
        (
            "政府集中采购\t0\t0",
            "政府集中采购\t3\t251000元",
            "disclosure.item9.procurement.amount",
            Decimal("251000"),
            "number-format",
        ),
        (
            "政府集中采购\t0\t0",
            "政府集中采购\t3\t7730.28",
            "disclosure.item9.procurement.amount",
            Decimal("7730.28"),
            None,
        ),
        (
            "行政许可\t0\t0\t0",
            "行政许可\t—\t/\t无",
            "disclosure.item5.licensing.last_year",
            None,
            "blank-mark",
        ),
    ],
)
def test_cell_readings(old: str, new: str, path: str, value: object, code: str | None) -> None:
    result = ogr.parse(_seed_with(old, new))
    assert result.report.cell(path) == value
    if code is not None:
        assert code in {d.code for d in result.diagnostics}


def test_blank_marks_are_each_reported() -> None:
    result = ogr.parse(_seed_with("行政许可\t0\t0\t0", "行政许可\t—\t/\t无"))
    marks = result.filter(code="blank-mark")
    assert [d.text for d in marks] == ["—", "/", "无"]
    assert {d.line for d in marks} == {71}


# --- other layouts --------------------------------------------------------------------------


def test_html_with_spans_nbsp_and_br() -> None:
    report = examples.load("synthetic-2021")
    page = report.to_html(standalone=True)
    page = page.replace(
        '<th scope="row" class="ogr-label">（一）予以公开</th>',
        "<th><span>（一）予</span><span>以公开</span></th>",
        1,
    )
    page = page.replace(">自然人<", ">自然<br>人<", 1)
    # the first value cell of 予以公开 (163) left blank as &nbsp;
    page = page.replace("<td>163</td>", "<td>&nbsp;</td>", 1)
    result = ogr.parse(page)
    assert result.format == "html"
    expected = report.with_cell("requests.disclosed.natural_person", None)
    assert result.report == expected


def test_markdown_with_generic_headers_and_split_table4() -> None:
    report = examples.load("synthetic-2021")
    text = report.to_markdown()
    # generic headers: "| col1 | col2 | …" with the values still in column order
    text = re.sub(
        r"^\|[^\n]*\n(\|[-|]+\|)$",
        lambda m: (
            "| "
            + " | ".join(f"col{i}" for i in range(m.group(1).count("|") - 1))
            + " |\n"
            + m.group(1)
        ),
        text,
        flags=re.M,
    )
    assert "col1" in text
    table4 = report.appeals
    split = "\n\n".join(
        "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n|---|---|---|---|---|\n"
        + "| "
        + " | ".join(
            str(getattr(getattr(table4, g), c))
            for c in ("upheld", "corrected", "other", "pending", "total")
        )
        + " |"
        for g in ("reconsideration", "litigation_direct", "litigation_after_reconsideration")
    )
    start = text.index("## 四、")
    end = text.index("## 五、")
    text = (
        text[:start] + "## 四、政府信息公开行政复议、行政诉讼情况\n\n" + split + "\n\n" + text[end:]
    )
    result = ogr.parse(text)
    assert result.format == "markdown"
    assert result.report == report


@pytest.mark.parametrize("labels_after", [False, True])
def test_plain_pdftotext_one_cell_a_line(labels_after: bool) -> None:
    report = examples.load("synthetic-2021")
    result = ogr.parse(one_cell_a_line(report, labels_after), format="text")
    assert dict(result.report.cells()) == dict(report.cells())
    assert result.report.edition is ogr.Edition.E2021


def test_layout_with_a_vertical_label_and_page_numbers() -> None:
    text = _corpus(HUAIAN)
    assert "\n本" in text  # the corpus shows a vertical label
    assert "-4-" in text  # and page numbers
    result = ogr.parse(text)
    assert result.report.requests.withheld.state_secret.total == 2


# --- round trips ----------------------------------------------------------------------------


@pytest.mark.slow
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example])
@given(plausible_reports(), st.sampled_from(["text", "markdown", "html"]))
def test_round_trip_through_each_format(report: ogr.Report, fmt: str) -> None:
    source = ogr.render(report, fmt)
    result = ogr.parse(source)
    assert result.format == fmt
    assert result.report == report


# --- never crashes --------------------------------------------------------------------------


def _only_parse_errors(source: str) -> None:
    """Parses, or raises ParseError for a reason it names (not as a caught internal error)."""
    message = ""
    try:
        ogr.parse(source)
    except ogr.ParseError as exc:
        message = str(exc)
    assert not message.startswith("could not read the report"), message


@given(st.text())
def test_arbitrary_text_never_crashes(source: str) -> None:
    _only_parse_errors(source)


@given(
    st.text(
        st.sampled_from("<>|#-\t\n 一二三四五、（）0123456789年报告总体情况表格<table><tr><td>")
    )
)
def test_markup_soup_never_crashes(source: str) -> None:
    _only_parse_errors(source)


def _sources() -> list[str]:
    texts = [examples.load("synthetic-2021").to_html(), examples.load("gaoqing-2020").to_markdown()]
    if SEED.exists():
        texts.append(SEED.read_text(encoding="utf-8"))
    for figures in CORPUS:
        path = SHARED / "corpus" / figures.file
        if path.exists():
            texts.append(path.read_text(encoding="utf-8"))
    return texts


@pytest.mark.slow
@settings(max_examples=150)
@given(st.sampled_from(_sources()), st.data())
def test_mutated_reports_never_crash(source: str, data: st.DataObject) -> None:
    lines = source.split("\n")
    n = len(lines)
    for _ in range(data.draw(st.integers(1, 6))):
        op = data.draw(st.sampled_from(["delete", "duplicate", "swap", "replace", "truncate"]))
        i = data.draw(st.integers(0, max(0, len(lines) - 1)))
        if op == "delete" and lines:
            del lines[i]
        elif op == "duplicate" and lines:
            lines.insert(i, lines[i])
        elif op == "swap" and len(lines) > 1:
            j = data.draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "replace" and lines:
            line = lines[i]
            if line:
                k = data.draw(st.integers(0, len(line) - 1))
                ch = data.draw(st.sampled_from(list("0１—/无|\t<>（一二三、")))
                lines[i] = line[:k] + ch + line[k + 1 :]
        elif op == "truncate":
            lines = lines[: max(1, i)]
    assert n
    _only_parse_errors("\n".join(lines))


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("", "no report found: the source is empty"),
        ("   \n\n", "no report found: the source is empty"),
        (
            "这是一段普通的文字。\n没有任何表格。",
            "no report found: none of the six section headings",
        ),
        (
            "某局政府信息公开工作年度报告\n一、总体情况\n无。",
            "no year in the title or the front matter",
        ),
    ],
)
def test_parse_errors_say_what_is_missing(source: str, message: str) -> None:
    with pytest.raises(ogr.ParseError, match=re.escape(message)):
        ogr.parse(source)


def test_bad_arguments() -> None:
    with pytest.raises(ogr.ParseError, match="unknown format 'pdf'"):
        ogr.parse("x", format="pdf")  # type: ignore[arg-type]
    with pytest.raises(ogr.ParseError, match="expected the report as a str, got bytes"):
        ogr.parse(b"x")  # type: ignore[arg-type]


def test_missing_parts_are_diagnosed_not_dropped() -> None:
    text = examples.load("synthetic-2021").to_text()
    start = text.index("四、政府信息公开行政复议")
    end = text.index("五、存在的主要问题")
    result = ogr.parse(text[:start] + text[end:])
    assert all(v is None for p, v in result.report.cells() if p.startswith("appeals."))
    codes = {d.code for d in result.filter(severity="error")}
    assert "section-missing" in codes
    assert result.status is ogr.ReadStatus.PARTIAL
    assert result.reason == "table 4 not found"
    assert result.cells_missing == 15


def test_text_in_a_table_section_is_reported() -> None:
    text = examples.load("synthetic-2021").to_text()
    note = "注：本表数据截至2023年12月31日，由各部门汇总报送。"
    at = text.index("四、政府信息公开行政复议")
    result = ogr.parse(text[:at] + note + "\n\n" + text[at:])
    (found,) = result.filter(code="text-outside")
    assert found.text == note
    assert found.severity is ogr.Severity.WARNING


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_two_reports_in_one_file_are_not_merged(fmt: str) -> None:
    first, second = examples.load("synthetic-2021"), examples.load("gaoqing-2020")
    source = ogr.render(first, fmt) + "\n\n" + ogr.render(second, fmt)
    result = ogr.parse(source)
    assert result.report == first  # section 6 holds none of the second report's text
    (note,) = result.filter(code="second-report")
    assert note.severity is ogr.Severity.ERROR
    assert note.text.startswith(second.meta.title[:20])


@pytest.mark.parametrize("name", examples.names())
def test_html_without_optional_end_tags_reads_like_the_closed_form(name: str) -> None:
    report = examples.load(name)
    page = report.to_html(standalone=True)
    for tag in ("td", "th", "tr", "p", "head", "thead", "tbody", "body", "html"):
        page = page.replace(f"</{tag}>", "")
    assert "</td>" not in page
    assert ogr.parse(page).report == report


@pytest.mark.slow
def test_html_of_unclosed_tags_reads_in_linear_time() -> None:
    """Python's html.parser took 4 s for 56 kB of ``<table `` and did not finish 1 MB in 15
    minutes. A hang guard, not a timing: lxml reads 1 MB in about 10 ms."""
    script = (
        "import opengovreport as ogr\n"
        "for junk in ('<table ' * 150_000, '<a ' * 300_000, '<div>' * 200_000):\n"
        "    try:\n"
        "        ogr.parse(junk, format='html')\n"
        "    except ogr.ParseError:\n"
        "        pass\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=120)


@pytest.mark.parametrize("cut", [1, 2, 6])
def test_a_title_broken_across_lines_is_joined(cut: int) -> None:
    # a long title wraps in a PDF, even inside 报告 (…年度报 / 告): it is one title
    report = ogr.examples.load("synthetic-2021")
    lines = report.to_text().splitlines()
    i = next(k for k, line in enumerate(lines) if line == report.meta.title)
    lines[i : i + 1] = [report.meta.title[:-cut], report.meta.title[-cut:]]
    parsed = ogr.parse("\n".join(lines)).report
    assert parsed.meta.title == report.meta.title
    assert parsed.meta.front_matter == report.meta.front_matter


@pytest.mark.parametrize("where", ["paragraph", "sub-heading", "heading"])
def test_a_lone_surrogate_in_the_narrative_is_refused_by_its_constructor(where: str) -> None:
    """The narrative's blocks are made without the constructors' calls only where every text
    is one they accept: a lone surrogate still fails the reading, naming the field."""
    report = ogr.examples.load("synthetic-2021")
    text = ogr.render(report, "text")
    if where == "paragraph":
        first = report.overview.paragraphs[0]
        text, field = text.replace(first, "\ud800" + first, 1), "Paragraph.text"
    elif where == "sub-heading":
        (first,) = [b.text for b in report.overview.blocks if isinstance(b, Heading)][:1]
        text, field = text.replace(first, first + "\ud800", 1), "Heading.text"
    else:
        text, field = text.replace("一、总体情况", "一、总体情况\ud800", 1), "Section.heading"
    with pytest.raises(ogr.ParseError, match=re.escape(field) + ".*lone surrogate"):
        ogr.parse(text)


@given(plausible_reports())
@settings(max_examples=30, suppress_health_check=list(HealthCheck), deadline=None)
def test_the_narrative_read_is_the_one_its_constructors_make(report: ogr.Report) -> None:
    """Sections made without the constructors' calls equal the same made by them."""
    read = ogr.parse(ogr.render(report, "text")).report
    for section in (read.overview, read.problems, read.other_matters):
        made = ogr.model.Section(
            section.heading,
            tuple(
                Heading(b.text, b.level) if isinstance(b, Heading) else Paragraph(b.text)
                for b in section.blocks
            ),
        )
        assert made == section
        assert [type(b) for b in made.blocks] == [type(b) for b in section.blocks]
