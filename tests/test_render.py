"""Renderers: golden files, escaping, column counts, display widths, the API."""

import os
import re
from html.parser import HTMLParser

import attrs
import pytest
import wcwidth
from hypothesis import given
from hypothesis import strategies as st

import opengovreport as ogr
from opengovreport import examples, testing
from opengovreport._text import visible
from opengovreport.model import Heading, Paragraph, Section
from opengovreport.rendering import flatten, render, table_grid
from opengovreport.rendering.grid import RowKind
from opengovreport.rendering.html import display

from .conftest import ROOT
from .strategies import RAW_CONTROL as _RAW

GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("OGR_UPDATE_GOLDEN") == "1"
SUFFIX = {"markdown": "md", "html": "html", "text": "txt"}


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {name}; run with OGR_UPDATE_GOLDEN=1 and review it"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


@pytest.mark.parametrize("name", examples.names())
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt", ["markdown", "html", "text"])
def test_golden(name: str, lang: str, fmt: str) -> None:
    report = examples.load(name)
    _golden(f"{name}.{lang}.{SUFFIX[fmt]}", render(report, fmt, lang=lang))


def test_golden_standalone_page() -> None:
    _golden("gaoqing-2020.page.html", examples.load("gaoqing-2020").to_html(standalone=True))


# --- the grid -------------------------------------------------------------------------------


def _widths(grid: ogr.rendering.Grid) -> list[int]:
    """The width of every row once spans are expanded."""
    taken: dict[tuple[int, int], bool] = {}
    widths = []
    for r, row in enumerate(grid.rows):
        c = 0
        for cell in row:
            while taken.get((r, c)):
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken[(r + dr, c + dc)] = True
            c += cell.colspan
        widths.append(max(c for (rr, c) in [(rr, cc + 1) for (rr, cc) in taken if rr == r]))
    return widths


@pytest.mark.slow
@given(testing.reports())
def test_every_grid_row_has_the_full_width(report: ogr.Report) -> None:
    for table in (report.disclosure, report.requests, report.appeals):
        grid = table_grid(table)
        assert set(_widths(grid)) == {grid.columns}


def test_table3_grid_spans() -> None:
    grid = table_grid(examples.load("synthetic-2021").requests)
    note, applicant = grid.rows[0]
    assert (note.rowspan, note.colspan) == (3, 3)
    assert note.text == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert (applicant.text, applicant.colspan) == ("申请人情况", 7)
    assert [(c.text, c.rowspan, c.colspan) for c in grid.rows[1]] == [
        ("自然人", 2, 1),
        ("法人或其他组织", 1, 5),
        ("总计", 2, 1),
    ]
    outcomes = grid.rows[5][0]
    assert (outcomes.text, outcomes.rowspan) == ("三、本年度办理结果", 22)
    assert len(grid.rows) == 3 + 25
    hybrid = table_grid(examples.load("gaoqing-2020").requests)
    assert len(hybrid.rows) == 3 + 23
    assert hybrid.rows[5][0].rowspan == 20


def test_table4_and_table2_grids() -> None:
    grid = table_grid(examples.load("gaoqing-2020").appeals)
    assert [(c.text, c.rowspan, c.colspan) for c in grid.rows[0]] == [
        ("行政复议", 2, 5),
        ("行政诉讼", 1, 10),
    ]
    assert [c.text for c in grid.rows[1]] == ["未经复议直接起诉", "复议后起诉"]
    d = table_grid(examples.load("synthetic-2021").disclosure)
    assert list(d.kinds[:5]) == [
        RowKind.BAND,
        RowKind.HEADER,
        RowKind.BODY,
        RowKind.BODY,
        RowKind.BAND,
    ]
    assert (d.rows[0][0].text, d.rows[0][0].colspan) == ("第二十条第（一）项", 4)
    assert [(c.text, c.colspan) for c in d.rows[5]] == [("信息内容", 1), ("本年处理决定数量", 3)]


def test_cells_as_printed() -> None:
    seed = examples.load("gaoqing-2020")
    flat = flatten(table_grid(seed.disclosure))[1]
    assert flat.rows[1] == ("其他对外管理服务事项", "17", "+2", "19")
    minus = seed.with_cell("disclosure.item5.other_services.change", -3)
    assert flatten(table_grid(minus.disclosure))[1].rows[1][2] == "-3"
    blank = seed.with_cell("requests.disclosed.natural_person", None)
    row = flatten(table_grid(blank.requests))[0].rows[2]
    assert row[:3] == ("三、本年度办理结果 / （一）予以公开", "", "0")
    fee = flatten(table_grid(examples.load("synthetic-2021").disclosure))[3]
    assert fee.header == ("信息内容", "本年收费金额（单位：万元）")
    assert fee.rows == (("行政事业性收费", "4068.208"),)


def test_flattened_headers() -> None:
    flat = flatten(table_grid(examples.load("synthetic-2021").requests, "zh"))[0]
    assert flat.header[1:4] == ("自然人", "法人或其他组织 / 商业企业", "法人或其他组织 / 科研机构")
    assert flat.rows[4][0] == "三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密"
    en = flatten(table_grid(examples.load("synthetic-2021").requests, "en"))[0]
    assert en.header[2] == "Legal persons or other organisations / Commercial enterprises"


# --- escaping, column counts, widths --------------------------------------------------------

NASTY = st.sampled_from(
    [
        "<script>window.__pwned = 1</script>",
        "\"quoted\" & 'single'",
        "a | b | c",
        "line one\nline two",
        "emoji 😀 and 𠀋",
        "&amp; &lt;",
        "# heading? 1. list? - item?",
        "tab\tand \x07 bell",
        "",
    ]
)


def _nasty_text() -> st.SearchStrategy[str]:
    return st.one_of(NASTY, testing.texts(1, 40), st.tuples(NASTY, testing.texts()).map("".join))


@st.composite
def nasty_reports(draw: st.DrawFn) -> ogr.Report:
    report = draw(testing.reports())
    blocks = draw(
        st.lists(
            st.one_of(
                st.builds(Heading, _nasty_text().filter(bool), st.integers(1, 3)),
                st.builds(Paragraph, _nasty_text().filter(bool)),
            ),
            min_size=1,
            max_size=4,
        )
    )
    meta = attrs.evolve(
        report.meta,
        agency=draw(_nasty_text()),
        title=draw(_nasty_text()),
        front_matter=(draw(_nasty_text()),),
        closing=(draw(_nasty_text()),),
    )
    return attrs.evolve(
        report,
        meta=meta,
        overview=Section(draw(_nasty_text()), tuple(blocks)),
    )


class _Collect(HTMLParser):
    TEXT = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "th", "td", "title")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[tuple[str, str]] = []
        self.tags: list[str] = []
        self.current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in self.TEXT:
            self.current = []
        elif tag == "br" and self.current is not None:
            self.current.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.TEXT and self.current is not None:
            self.items.append((tag, "".join(self.current)))
            self.current = None

    def handle_data(self, data: str) -> None:
        if self.current is not None:
            self.current.append(data)


def _expected_html_items(report: ogr.Report) -> list[tuple[str, str]]:
    items = [("h1", report.meta.title)]
    items += [("p", p) for p in report.meta.front_matter]
    contact = report.meta.contact
    stated = ogr.schema.contact_of("".join(report.meta.front_matter))
    if contact is not None and any(attrs.astuple(contact)) and stated != contact:
        items.append(("p", ogr.schema.contact_sentence(contact)))  # the front matter lacks it
    for spec in ogr.schema.SECTIONS:
        value = getattr(report, spec.key)
        items.append(("h2", value.heading if isinstance(value, Section) else spec.heading.zh))
        if isinstance(value, Section):
            for b in value.blocks:
                if isinstance(b, Heading):
                    items.append((f"h{min(b.level + 2, 6)}", b.text))
                else:
                    items.append(("p", b.text))
        else:
            for row in table_grid(value).rows:
                items += [("td" if c.role.value == "value" else "th", c.text) for c in row]
    items += [("p", line) for line in report.meta.closing]
    return items


@pytest.mark.slow
@given(nasty_reports())
def test_html_parses_back_to_the_same_texts(report: ogr.Report) -> None:
    page = report.to_html(standalone=True)
    parser = _Collect()
    parser.feed(page)
    parser.close()
    # the texts as the page shows them: what would drive a terminal as escapes (\x1b)
    assert parser.items[0] == ("title", visible(report.meta.title))
    assert parser.items[1:] == [(tag, visible(text)) for tag, text in _expected_html_items(report)]
    assert not _RAW.search(page)
    allowed = {
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "article",
        "section",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "p",
        "br",
    }
    assert set(parser.tags) <= allowed
    assert "<script" not in page


def _table_blocks(text: str, start: str) -> list[list[str]]:
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in text.split("\n"):
        if line.startswith(start):
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


_PIPE = re.compile(r"(?<!\\)\|")


@pytest.mark.slow
@given(nasty_reports())
def test_markdown_rows_keep_their_column_count(report: ogr.Report) -> None:
    text = report.to_markdown()
    blocks = _table_blocks(text, "|")
    assert len(blocks) == len(report.shape.numbered(2).parts) + 2
    for block in blocks:
        counts = {len(_PIPE.findall(line)) for line in block}
        assert len(counts) == 1, block
    # paragraphs stay one line each; nothing starts a list or a heading by accident
    for paragraph in text.rstrip("\n").split("\n\n"):
        if not paragraph.startswith(("|", "**", "#")):
            assert "\n" not in paragraph


@pytest.mark.slow
@given(nasty_reports(), st.sampled_from(["zh", "en"]))
def test_text_table_lines_have_one_display_width(report: ogr.Report, lang: str) -> None:
    text = report.to_text(lang)
    blocks = _table_blocks(text, ("+", "|"))  # type: ignore[arg-type]
    assert blocks
    for block in blocks:
        widths = {wcwidth.wcswidth(line) for line in block}
        assert len(widths) == 1, block
        assert -1 not in widths, block


# --- the API --------------------------------------------------------------------------------


def test_api() -> None:
    report = examples.load("synthetic-2021")
    assert report.to_markdown() == render(report, "markdown")
    assert report.to_text("en") == render(report, "text", lang="en")
    assert report.requests.to_html() == render(report.requests, "html")
    # a notebook's display: the fragment with its own style (test_browser: under Jupyter's)
    assert report._repr_html_() == display(report.to_html())
    assert report._repr_html_().startswith('<div class="ogr-display">\n<style>')
    assert '<table class="ogr-table ogr-appeals">' in report.appeals._repr_html_()
    page = report.requests.to_html(standalone=True, lang="en")
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "<h2>3. Requests for government information received and handled</h2>" in page
    assert "http" not in page.split("<body>")[0]  # no external resources
    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        render(report, "pdf")
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        report.to_html(lang="fr")
    with pytest.raises(ValueError, match="standalone=True is not for text"):
        render(report, "text", standalone=True)
    with pytest.raises(TypeError, match="cannot render a RequestRow"):
        render(report.requests.disclosed, "html")  # type: ignore[arg-type]


def test_english_keeps_the_report_text() -> None:
    report = examples.load("gaoqing-2020")
    text = report.to_text("en")
    assert "1. Overview" in text
    assert "（一）体制机制建设" in text  # the report's own words stay as written
    assert "Other external management and service matters" in text
