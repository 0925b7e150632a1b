"""Comparisons: every number rendered equals its cells, the ranking rule, the sentences in
Chinese and English, across editions and shapes, on real reports; the properties of comparing
(a report with itself changes nothing; swapping negates every change)."""

import io
import json
import re
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

import opengovreport as ogr
from opengovreport import builders, examples, testing
from opengovreport.comparison import Comparison, weight
from opengovreport.flags import Thresholds
from opengovreport.totals import comparable_cells
from opengovreport.values import format_value

from . import pingtan
from .corpus_figures import HONGZE, HUAIAN

PEER = Thresholds.preset("peer-dashboard")


def table_rows(page: str, n: int) -> dict[str, list[tuple[str, str]]]:
    """The rows of the ``n``-th table of an HTML page, by their key: each cell's text and
    class."""
    table = lxml_html.fromstring(page).findall(".//table")[n]
    return {
        str(row.get("data-key")): [
            ("".join(str(t) for t in td.itertext()), str(td.get("class") or ""))
            for td in row.iterfind("td")
        ]
        for row in table.iterfind("tbody/tr")
    }


def _year(report: ogr.Report, year: int) -> ogr.Report:
    return attrs.evolve(report, meta=attrs.evolve(report.meta, year=year))


def _hongze_years() -> tuple[ogr.Report, ogr.Report]:
    """淮安市洪泽区人民政府 on 2024 as printed, and the same report as if of 2023 with 78
    requests received, 40 disclosed and 24 not held (its totals made to hold): a year apart."""
    now = HONGZE.report()
    last = _year(now, 2023)
    last = last.with_cell("requests.new_received.natural_person", 78)
    last = last.with_cell("requests.disclosed.natural_person", 40)
    last = last.with_cell("requests.unable_to_provide.not_held.natural_person", 24)
    last = builders.fill_totals(last).report
    assert last.cell("requests.carried_forward.total") == 0
    return last, now


# --- the ranking rule ---------------------------------------------------------------------------


def test_the_ranking_rule_by_hand() -> None:
    assert weight(1000, 1300) == pytest.approx(300 * 300 / 1300)  # 69.2
    assert weight(10_000, 10_100) == pytest.approx(100 * 100 / 10_100)  # 0.99: 1% of a lot
    assert weight(1, 3) == pytest.approx(4 / 3)  # a large share of very little
    assert weight(100, 0) == 100.0  # gone
    assert weight(0, 5) == 5.0
    assert weight(7, 7) == 0.0
    assert weight(None, 7) is None
    assert weight(Decimal("1.5"), Decimal("3.0")) == pytest.approx(1.5 * 1.5 / 3.0)
    pairs = [(1000, 1300), (10_000, 10_100), (1, 3), (100, 0)]
    ranked = sorted(pairs, key=lambda p: -(weight(*p) or 0.0))
    assert ranked == [(100, 0), (1000, 1300), (1, 3), (10_000, 10_100)]


def test_changes_are_ranked_by_the_rule_ties_in_printed_order() -> None:
    before = examples.load("synthetic-2021")
    after = before.with_cell("requests.disclosed.natural_person", 100)  # 163 → 100
    after = after.with_cell("requests.withheld.state_secret.natural_person", 0)  # 2 → 0
    after = after.with_cell("requests.carried_over.commercial_enterprise", 3)  # 1 → 3
    after = after.with_cell("requests.partially_disclosed.other_org", None)  # blank now
    comparison = ogr.compare(before, _year(after, 2024))
    ranked = comparison.ranked()
    weights = [c.weight or 0.0 for c in ranked]
    assert weights == sorted(weights, reverse=True)
    assert [c.path for c in ranked] == [
        "requests.disclosed.natural_person",  # 63 × 63 / 163 = 24.3
        "requests.withheld.state_secret.natural_person",  # 2 × 2 / 2 = 2
        "requests.carried_over.commercial_enterprise",  # 2 × 2 / 3 = 1.33
    ]
    assert [c.path for c in comparison.blank_changes()] == [
        "requests.partially_disclosed.other_org"
    ]
    assert comparison.ranked(top=1) == ranked[:1]
    # ties keep the printed order: the same change in two cells of one row
    tied = before.with_cell("requests.new_received.natural_person", 500)
    tied = tied.with_cell("requests.new_received.total", 500)
    paths = [c.path for c in ogr.compare(before, tied).ranked()]
    order = [p for p in before.shape.paths if p in paths]
    assert paths == order


# --- real reports -------------------------------------------------------------------------------


def test_sentences_of_a_real_report_in_chinese_and_english() -> None:
    last, now = _hongze_years()
    comparison = now.compare(last, thresholds=PEER)
    zh, en = comparison.sentences("zh"), comparison.sentences("en")
    # 95 this year, 78 last year: the sentence, with the figures of the tables
    assert zh[0] == "依申请公开收到申请 95 件，较上年增加 17 件（+21.8%）。"
    assert en[0] == "Requests received: 95, up 17 on last year (+21.8%)."
    assert "依申请公开予以公开 50 件，较上年增加 10 件（+25.0%）。" in zh
    assert "行政复议 2 件，与上年持平。" in zh
    assert "Reconsiderations: 2, as last year." in en
    # 予以公开率 50/95 against 40/78 (52.63% − 51.28%); 行政复议纠错率 1 of 2 decided: over
    # the alert line
    assert "予以公开率 52.6%，较上年上升 1.3 个百分点。" in zh
    assert "Disclosed rate: 52.6%, up 1.3 points on last year." in en
    assert "行政复议纠错率 50.0%，与上年持平；高于红色预警线 15.0%。" in zh, zh
    assert "Reconsideration correction rate: 50.0%, as last year; above the alert line 15.0%." in en
    assert len(zh) == len(en)


def test_every_number_of_the_page_is_its_cells() -> None:
    last, now = _hongze_years()
    comparison = now.compare(last, thresholds=PEER)
    page = comparison.to_html(standalone=True)
    a, b = comparable_cells(last), comparable_cells(now)
    rows = table_rows(page, 1)
    assert len(rows) == len(comparison) == len(set(a) & set(b))  # every comparable cell
    for path, row in rows.items():
        label, before, after, change, ratio, heavy = (text for text, _ in row)
        if path in now.shape.paths:
            assert label == now.shape.cell(path).label()
        assert (before, after) == (format_value(a[path]), format_value(b[path]))
        old, new = a[path], b[path]
        if old is not None and new is not None:
            delta = new - old
            assert change == (f"{delta:+d}" if delta else "0")
            if old:
                assert ratio == f"{(new / old - 1) * 100:+.1f}%"
            assert float(heavy) == pytest.approx(weight(old, new), abs=0.005)
    indicators = table_rows(page, 0)
    disclosed = [text for text, _ in indicators["disclosed"]]
    assert disclosed[1:4] == [f"{40 / 78:.1%}", f"{50 / 95:.1%}", "+1.3 个百分点"]
    flag, cls = indicators["reconsideration_corrected"][4]
    assert flag == "红色预警"
    assert "ogr-flag-alert" in cls


def test_between_two_real_reports_of_two_agencies() -> None:
    """A district against its city, both real 2024 reports: the sentences name the other."""
    comparison = ogr.compare(HUAIAN.report(), HONGZE.report())
    zh = comparison.sentences("zh")
    assert zh[0] == "依申请公开收到申请 95 件，较淮安市人民政府2024年减少 3024 件（-97.0%）。"
    assert comparison.sentences("en")[0] == (
        "Requests received: 95, down 3024 on 淮安市人民政府 2024 (-97.0%)."
    )
    # the hybrid （六） (one row) against the itemized one: compared as one row
    row = comparison.cell("requests.other_handling.total")
    assert (row.before, row.after) == (
        sum(HUAIAN.requests[i][6] or 0 for i in (20, 21, 22)),  # the three items' 总计
        0,
    )


def test_across_the_2019_and_2021_editions() -> None:
    """高青县投资促进中心's real 2020 report (2019 edition) against its 2021 report (2021
    edition, built from it): tables 3 and 4 cell by cell, table 2 where both editions have a
    cell, the rest listed."""
    gaoqing = examples.load("gaoqing-2020")
    later = builders.new_report(gaoqing.meta.agency, 2021, previous=gaoqing, fill=0)
    later = later.with_cell("requests.new_received.natural_person", 4)
    later = later.with_cell("requests.disclosed.natural_person", 3)
    later = later.with_cell("requests.unable_to_provide.not_held.natural_person", 1)
    later = later.with_cell("disclosure.item5.licensing.decisions", 12)
    later = builders.fill_totals(later, previous=gaoqing).report
    assert (gaoqing.edition, later.edition) == (ogr.Edition.E2019, ogr.Edition.E2021)
    comparison = later.compare(gaoqing)
    paths = {c.path for c in comparison}
    assert {p for p in later.shape.paths if p.startswith(("requests.", "appeals."))} - {
        p for p in later.shape.paths if ".other_handling." in p
    } <= paths
    assert "requests.other_handling.total" in paths  # the 2021 items as the 2019 row
    assert comparison.cell("disclosure.item5.licensing.decisions").change == 12
    assert "disclosure.item1.rules.new_made" in comparison.only_before  # 2019 only
    assert "disclosure.item1.rules.issued" in comparison.only_after  # 2021 only
    assert comparison.sentences("zh")[0] == "依申请公开收到申请 4 件，较上年增加 4 件（上年为 0）。"
    assert comparison.sentences("en")[0] == ("Requests received: 4, up 4 on last year (from 0).")
    text = comparison.to_text(width=100)
    assert "仅见于 2020 年" in text  # the cells not compared are said


def test_across_editions_on_the_shared_pingtan_departments() -> None:
    """Two departments of 平潭综合实验区 as printed: 交通与建设局 on 2019 (2019 edition) and
    自然资源与生态环境局 on 2021 (2021 edition); every cell the page shows is theirs."""
    by_agency = {r.meta.agency: r for r in pingtan.reports()}
    before = by_agency["平潭综合实验区交通与建设局"]
    after = by_agency["平潭综合实验区自然资源与生态环境局"]
    comparison = ogr.compare(before, after)
    a, b = comparable_cells(before), comparable_cells(after)
    for change in comparison:
        assert (change.before, change.after) == (a[change.path], b[change.path])
    received = comparison.cell("requests.new_received.total")
    assert (received.before, received.after) == (1, 18)
    assert comparison.sentences("zh")[0] == (
        "依申请公开收到申请 18 件，较平潭综合实验区交通与建设局2019年增加 17 件（+1700.0%）。"
    )
    assert set(table_rows(comparison.to_html(), 1)) == {c.path for c in comparison}


# --- renderings ---------------------------------------------------------------------------------


def test_text_fits_the_terminal_and_markdown_escapes() -> None:
    last, now = _hongze_years()
    comparison = now.compare(last, thresholds=PEER)
    from wcwidth import wcswidth

    for width in (80, 100, 140):
        text = comparison.to_text(width=width)
        assert max(wcswidth(line) for line in text.splitlines()) <= width, width
    markdown = comparison.to_markdown("en")
    assert "| Disclosed rate" in markdown
    assert "- Requests received: 95, up 17 on last year (+21.8%)." in markdown
    odd = _year(attrs.evolve(now, meta=attrs.evolve(now.meta, agency="甲|局<b>\x1b[2J")), 2024)
    strange = odd.compare(_year(attrs.evolve(last, meta=attrs.evolve(
        last.meta, agency="甲|局<b>\x1b[2J")), 2023))  # fmt: skip
    assert "<b>" not in strange.to_html()
    assert "\x1b" not in strange.to_text()
    assert "\x1b" not in strange.to_markdown()
    assert "甲\\|局" in strange.to_markdown()


def test_word_section() -> None:
    docx = pytest.importorskip("docx")
    last, now = _hongze_years()
    comparison = now.compare(last, thresholds=PEER)
    document = docx.Document(io.BytesIO(comparison.to_docx(top=5)))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "淮安市洪泽区人民政府 2024 年与 2023 年比较"
    assert "依申请公开收到申请 95 件，较上年增加 17 件（+21.8%）。" in texts
    indicators, cells = document.tables
    assert [c.text for c in indicators.rows[0].cells] == ["指标", "2023", "2024", "变化", "标记"]
    assert len(cells.rows) == 1 + 5
    first = [c.text for c in cells.rows[1].cells]
    top = comparison.ranked()[0]
    assert first[1:4] == [str(top.before), str(top.after), f"{top.change:+d}"]
    fonts = document.element.body.xpath(".//w:rFonts/@w:eastAsia")
    assert {"仿宋_GB2312", "黑体"} <= set(fonts)


def test_json_of_a_comparison() -> None:
    last, now = _hongze_years()
    data = json.loads(json.dumps(now.compare(last).to_dict(), ensure_ascii=False))
    assert data["before"] == {"agency": "淮安市洪泽区人民政府", "year": 2023, "edition": "2021"}
    received = next(c for c in data["cells"] if c["path"] == "requests.new_received.total")
    assert (received["before"], received["after"], received["difference"]) == (78, 95, 17)
    assert data["ranked"][0] in {c["path"] for c in data["cells"]}
    assert data["flags"] == []
    assert data["thresholds"] is None


# --- a corpus, and the old ways in ------------------------------------------------------------


def test_corpus_compare_by_years() -> None:
    last, now = _hongze_years()
    corpus = ogr.Corpus([last, now, HUAIAN.report()])
    agency = now.meta.agency
    latest = corpus.compare(agency)
    assert (latest.before.year, latest.after.year) == (2023, 2024)
    assert corpus.compare(agency, (2023, 2024)) == latest
    assert corpus.compare(agency, 2023, 2024) == latest  # as before
    assert isinstance(latest, Comparison)
    assert latest[0] == latest.cells[0]
    assert len(list(latest)) == len(latest)
    with pytest.raises(ValueError, match="淮安市人民政府 has a report of 2024 only"):
        corpus.compare("淮安市人民政府")
    with pytest.raises(KeyError, match="no report of 淮安市洪泽区人民政府 for 2022"):
        corpus.compare(agency, (2022, 2024))
    with pytest.raises(KeyError, match="no report of 某局"):
        corpus.compare("某局")
    with pytest.raises(TypeError, match="as \\(before, after\\)"):
        corpus.compare(agency, (2023, 2024), 2024)


# --- properties ---------------------------------------------------------------------------------


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(testing.reports())
def test_a_report_compared_with_itself_has_no_change(report: ogr.Report) -> None:
    comparison = ogr.compare(report, report)
    assert comparison.ranked() == []
    assert comparison.blank_changes() == []
    assert not comparison.only_before
    assert not comparison.only_after
    for change in comparison:
        assert change.change in (0, None)
        assert change.change is None or change.weight == 0
    for indicator in comparison.indicators:
        assert indicator.change in (0, None)
    assert all("持平" in s or "空白" in s for s in comparison.sentences("zh")[:8])


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(testing.reports(), testing.reports())
def test_swapping_negates_every_change(a: ogr.Report, b: ogr.Report) -> None:
    forward, backward = ogr.compare(a, b), ogr.compare(b, a)
    back = {c.path: c for c in backward}
    assert set(back) == {c.path for c in forward}
    for change in forward:
        other = back[change.path]
        assert (other.before, other.after) == (change.after, change.before)
        if change.change is None:
            assert other.change is None
        else:
            assert other.change == -change.change
            assert other.weight == change.weight  # the rule is symmetric
        if change.ratio and other.ratio:
            assert change.ratio * other.ratio == pytest.approx(1)
    assert set(forward.only_before) == set(backward.only_after)
    for mine, theirs in zip(forward.indicators, backward.indicators, strict=True):
        assert (mine.change is None) == (theirs.change is None)
        if mine.change is not None:
            assert mine.change == -theirs.change  # type: ignore[operator]


@pytest.mark.slow
@settings(max_examples=30, deadline=None)
@given(testing.reports(), st.sampled_from(["zh", "en"]), st.integers(40, 160))
def test_any_comparison_renders_within_its_width(a: ogr.Report, lang: str, width: int) -> None:
    from wcwidth import wcswidth

    b = a.with_cell("requests.new_received.total", (a.cell("requests.new_received.total") or 0) + 7)
    text = ogr.compare(a, b).to_text(lang, width=width, top=5)
    widest = max(wcswidth(line) for line in text.splitlines())
    # a table of numbers cannot be narrower than its columns of numbers
    assert widest <= max(width, 100), (width, widest)
    assert re.search(r"\+7\b", text)


# --- golden files -------------------------------------------------------------------------------


def _golden_pair() -> Comparison:
    """The synthetic example against itself a year later with a few figures moved."""
    before = examples.load("synthetic-2021")
    after = before.with_cell("requests.new_received.natural_person", 420)
    after = after.with_cell("requests.disclosed.natural_person", 70)
    after = after.with_cell("requests.unable_to_provide.not_held.natural_person", 60)
    after = after.with_cell("appeals.reconsideration.corrected", 4)
    after = builders.fill_totals(_year(after, 2024), previous=before).report
    return after.compare(before, thresholds=PEER)


@pytest.mark.parametrize(
    ("name", "render"),
    [
        ("comparison.zh.txt", lambda c: c.to_text("zh", width=100, top=10)),
        ("comparison.en.md", lambda c: c.to_markdown("en", top=10)),
        ("comparison.zh.html", lambda c: c.to_html("zh")),
    ],
)
def test_golden(name: str, render: Any) -> None:
    from .test_render import _golden

    _golden(name, render(_golden_pair()))
