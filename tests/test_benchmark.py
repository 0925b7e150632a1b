"""Benchmarks: ranks, percentiles and quartiles against a hand computation on a small corpus,
ties and empty peers handled and said, the peer groups (region, level, a list, a mapping), the
corpus page's percentiles the same as one agency's benchmark, and the shared Pingtan
departments among themselves."""

import statistics
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import opengovreport as ogr
from opengovreport import builders, testing
from opengovreport.benchmark import indicator_values, page_standings, place_of, standing
from opengovreport.flags import Thresholds
from opengovreport.indicators import indicators
from opengovreport.schema import INDICATORS, KEY_INDICATORS

from . import pingtan
from .test_comparison import table_rows

PEER = Thresholds.preset("peer-dashboard")


def _agency(name: str, year: int, received: int, disclosed: int, pending: int = 0) -> ogr.Report:
    """A report of ``name``: ``received`` requests of natural persons, ``disclosed`` of them
    disclosed and the rest not held; one reconsideration, corrected, and ``pending`` more."""
    report = builders.new_report(name, year, fill=0)
    report = report.with_cell("requests.new_received.natural_person", received)
    report = report.with_cell("requests.disclosed.natural_person", disclosed)
    report = report.with_cell(
        "requests.unable_to_provide.not_held.natural_person", received - disclosed
    )
    report = report.with_cell("appeals.reconsideration.corrected", 1)
    report = report.with_cell("appeals.reconsideration.pending", pending)
    return builders.fill_totals(report).report


#: five agencies of 甲市 and 乙县 in 2024 (予以公开率 0.2, 0.5, 0.5, 0.8 and 0.6), one in 2023
SMALL = [
    _agency("甲市乙区教育局", 2024, 10, 2),
    _agency("甲市乙区民政局", 2024, 10, 5),
    _agency("甲市丙区民政局", 2024, 20, 10, pending=1),
    _agency("甲市人民政府", 2024, 10, 8),
    _agency("乙县人民政府", 2024, 10, 6),
    _agency("乙县人民政府", 2023, 8, 4),
]


def test_percentiles_against_a_hand_computation() -> None:
    corpus = ogr.Corpus(SMALL)
    found = corpus.benchmark("甲市乙区民政局", 2024).standing("disclosed")
    # the group's values: 0.2, 0.5 (its own), 0.5, 0.8, 0.6 — sorted 0.2 0.5 0.5 0.6 0.8
    assert found.value == 0.5
    assert found.rank == 3  # 0.8 and 0.6 above; the other 0.5 shares its rank
    assert found.tied == 1
    assert found.size == 5
    assert found.percentile == pytest.approx(100 * (1 + 0.5 * 2) / 5)  # 40
    # quartiles by linear interpolation: positions 1, 2 and 3 of 0..4
    assert (found.q1, found.median, found.q3) == pytest.approx((0.5, 0.5, 0.6))
    assert (found.low, found.high) == (0.2, 0.8)
    assert found.peers == (0.2, 0.5, 0.6, 0.8)
    top = corpus.benchmark("甲市人民政府", 2024).standing("disclosed")
    assert (top.rank, top.tied) == (1, 0)
    assert top.percentile == pytest.approx(100 * 4.5 / 5)
    bottom = corpus.benchmark("甲市乙区教育局", 2024).standing("disclosed")
    assert bottom.rank == 5
    assert bottom.percentile == pytest.approx(100 * 0.5 / 5)
    # 行政复议纠错率: 1 of 1 decided everywhere but 丙区 (1 of 1 decided, 1 pending) — all tied
    corrected = corpus.benchmark("甲市乙区教育局", 2024).standing("reconsideration_corrected")
    assert (corrected.rank, corrected.tied, corrected.percentile) == (1, 4, 50.0)


def test_standing_by_hand_with_missing_values() -> None:
    s = standing("disclosed", 0.3, [0.1, None, 0.3, 0.9, None])
    assert (s.rank, s.tied, s.size, s.missing) == (2, 1, 4, 2)
    assert s.percentile == pytest.approx(100 * (1 + 0.5 * 2) / 4)
    q1, median, q3 = statistics.quantiles([0.1, 0.3, 0.3, 0.9], n=4, method="inclusive")
    assert (s.q1, s.median, s.q3) == (q1, median, q3) == pytest.approx((0.25, 0.3, 0.45))
    alone = standing("disclosed", 0.3, [])
    assert (alone.rank, alone.percentile, alone.size) == (None, None, 1)
    assert alone.median == 0.3
    nothing = standing("disclosed", None, [None])
    assert (nothing.rank, nothing.median, nothing.missing) == (None, None, 1)
    unknown = standing("disclosed", None, [0.4, 0.6])
    assert unknown.rank is None
    assert unknown.median == 0.5


def test_peer_groups_from_names() -> None:
    assert place_of("淮安市洪泽区人民政府").places == (("淮安市", "市"), ("洪泽区", "区"))
    assert place_of("淮安市洪泽区人民政府").level == "区级政府"
    assert place_of("沭阳县发展和改革局").level == "县级部门"
    assert place_of("平潭综合实验区交通与建设局").region == "平潭综合实验区"
    assert place_of("甲县住房和城乡建设局").places == (("甲县", "县"),)  # 城乡 is no place
    assert place_of("乙市城市管理局").places == (("乙市", "市"),)
    assert place_of("国家税务总局淮安市税务局").region is None  # starts with no place
    assert place_of("内蒙古自治区人民政府").level == "自治区级政府"
    assert place_of("淮安市人民政府").level_text("en") == "city governments"
    corpus = ogr.Corpus(SMALL)
    region = corpus.benchmark("甲市乙区民政局", 2024, peers="region")
    assert region.peers == ("甲市丙区民政局", "甲市乙区教育局", "甲市人民政府")
    level = corpus.benchmark("甲市乙区民政局", 2024, peers="level")  # departments of a 区
    assert level.peers == ("甲市丙区民政局", "甲市乙区教育局")
    assert level.group.describe("zh") == "同级（区级部门）"
    assert level.group.describe("en") == "the same level (district departments)"
    mapping = corpus.benchmark(
        "甲市人民政府", 2024, peers={"甲市人民政府": "g", "乙县人民政府": "g"}
    )
    assert mapping.peers == ("乙县人民政府",)
    function = corpus.benchmark("乙县人民政府", 2024, peers=lambda a: a[-4:])
    assert function.peers == ("甲市人民政府",)
    with pytest.raises(ValueError, match="unknown peers 'province'"):
        corpus.benchmark("乙县人民政府", 2024, peers="province")


def test_empty_peers_and_absent_ones_are_said() -> None:
    corpus = ogr.Corpus(SMALL)
    alone = corpus.benchmark("乙县人民政府", 2024, peers="region")  # no other 乙县 agency
    assert alone.peers == ()
    assert all(s.rank is None and s.percentile is None for s in alone.standings)
    assert "同组没有别的机关有 2024 年的报告，无法排名。" in alone.sentences("zh")
    assert "No other agency of the group has a report of 2024: no ranking." in alone.sentences("en")
    listed = corpus.benchmark("乙县人民政府", 2024, peers=["甲市人民政府", "某局", "乙县人民政府"])
    assert listed.peers == ("甲市人民政府",)
    assert listed.absent == ("某局",)
    assert "以下所列机关没有 2024 年的报告：某局。" in listed.sentences("zh")
    last_year = corpus.benchmark("乙县人民政府", 2023)
    assert last_year.peers == ()  # the others have no report of 2023
    nameless = corpus.benchmark("乙县人民政府", 2024, peers=lambda agency: None)
    assert nameless.peers == ()
    with pytest.raises(KeyError, match="no report of 某局"):
        corpus.benchmark("某局")
    with pytest.raises(KeyError, match="no report of 乙县人民政府 for 2022"):
        corpus.benchmark("乙县人民政府", 2022)


def test_sentences_and_flags() -> None:
    corpus = ogr.Corpus(SMALL)
    benchmark = corpus.benchmark("甲市乙区民政局", 2024, thresholds=PEER)
    zh, en = benchmark.sentences("zh"), benchmark.sentences("en")
    assert zh[0] == "同组：全部机关，2024 年有报告的机关另有 4 个。"
    assert en[0] == "Peers: all agencies; 4 other agencies with a report of 2024."
    assert zh[1] == (
        "予以公开率 50.0%，在 5 个机关中居第 3 位（与 1 个机关并列），百分位 40；"
        "同组中位数 50.0%（四分位 50.0%–60.0%）。"
    )
    assert en[1] == (
        "Disclosed rate: 50.0%, rank 3 of 5 (tied with 1 other), percentile 40; group median "
        "50.0% (quartiles 50.0%–60.0%)."
    )
    flagged = [s for s in zh if "红色预警线" in s]
    assert flagged == [
        "行政复议纠错率 100.0%，在 5 个机关中居第 1 位（与 4 个机关并列），百分位 50；"
        "同组中位数 100.0%（四分位 100.0%–100.0%）；高于红色预警线 15.0%。"
    ]
    assert {f.indicator for f in benchmark.flags} == {"reconsideration_corrected"}
    worst = corpus.benchmark("甲市乙区教育局", 2024, thresholds=PEER)  # 予以公开率 20%
    assert worst.standing("disclosed").flag is not None
    assert any("低于红色预警线 40.0%" in s for s in worst.sentences("zh"))
    rows = table_rows(worst.to_html(), 0)
    assert rows["disclosed"][7] == ("红色预警", "ogr-flag-alert")
    assert rows["disclosed"][2][0] == "5/5"


def test_the_corpus_page_ranks_as_the_benchmark() -> None:
    corpus = ogr.Corpus(SMALL)
    reports = sorted(corpus, key=lambda r: (r.meta.agency, r.meta.year))
    for peers in (None, "region", "level"):
        rows = page_standings(reports, KEY_INDICATORS, peers)
        for report, row in zip(reports, rows, strict=True):
            found = corpus.benchmark(report.meta.agency, report.meta.year, peers=peers)
            for code in KEY_INDICATORS:
                s = found.standing(code)
                value, percentile, rank, _size = row[code]
                assert value == s.value
                assert percentile == s.percentile
                assert rank == s.rank
    with pytest.raises(ValueError, match="growth needs last year"):
        indicator_values(reports, ["received_growth"])


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(st.lists(testing.reports(), min_size=1, max_size=3))
def test_the_page_computes_indicators_as_indicators_does(reports: list[ogr.Report]) -> None:
    codes = [i.code for i in INDICATORS if i.unit != "growth"]
    for report, found in zip(reports, indicator_values(reports, codes), strict=True):
        expected = indicators(report)
        assert found == {code: expected[code] for code in codes}  # the same floats


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(st.none(), st.floats(0, 1)), max_size=12), st.floats(0, 1))
def test_percentile_and_rank_agree(peers: list[float | None], value: float) -> None:
    s = standing("disclosed", value, peers)
    known = [p for p in peers if p is not None]
    if not known:
        assert s.rank is None
        return
    assert s.rank == 1 + sum(p > value for p in known)
    assert s.percentile is not None
    assert 0 < s.percentile < 100
    stats = (s.low, s.q1, s.median, s.q3, s.high)
    assert None not in stats
    assert list(stats) == sorted(stats)  # type: ignore[type-var]


def test_the_shared_pingtan_departments_among_themselves() -> None:
    """平潭综合实验区's departments of 2021 as printed: 农业农村局 (1 of 3 disclosed),
    社会事业局 (no request: no rate) and 自然资源与生态环境局."""
    corpus = ogr.Corpus(pingtan.reports())
    agency = "平潭综合实验区自然资源与生态环境局"
    benchmark = corpus.benchmark(agency, 2021, peers="region")
    assert benchmark.peers == ("平潭综合实验区农业农村局", "平潭综合实验区社会事业局")
    disclosed = benchmark.standing("disclosed")
    mine = corpus[(agency, 2021)].indicators()["disclosed"]
    theirs = corpus[("平潭综合实验区农业农村局", 2021)].indicators()["disclosed"]
    assert mine is not None
    assert theirs is not None
    assert theirs == pytest.approx(1 / 3)
    assert disclosed.value == mine
    assert disclosed.missing == 1  # 社会事业局 received nothing
    assert disclosed.size == 2
    assert disclosed.rank == (1 if mine > theirs else 2)
    assert disclosed.median == pytest.approx((mine + theirs) / 2)
    assert any("1 个机关无此指标" in s for s in benchmark.sentences("zh"))


def test_renderings_fit_and_escape() -> None:
    from wcwidth import wcswidth

    odd = attrs.evolve(SMALL[0], meta=attrs.evolve(SMALL[0].meta, agency="甲市<script>局"))
    corpus = ogr.Corpus([odd, *SMALL[1:]])
    benchmark = corpus.benchmark("甲市<script>局", 2024)
    assert "<script>局" not in benchmark.to_html()
    for width in (100, 120):  # its eight columns need about 100, as a report's tables
        text = benchmark.to_text(width=width)
        assert max(wcswidth(line) for line in text.splitlines()) <= width
    assert "| 予以公开率" in benchmark.to_markdown()
    docx = pytest.importorskip("docx")
    import io

    document = docx.Document(io.BytesIO(benchmark.to_docx()))
    assert document.paragraphs[0].text == "甲市<script>局 2024 年在同组机关中的位置"
    (table,) = document.tables
    assert [c.text for c in table.rows[0].cells][:3] == ["指标", "本机关", "排名"]


@pytest.mark.parametrize(
    ("name", "render"),
    [
        ("benchmark.zh.txt", lambda b: b.to_text("zh", width=110)),
        ("benchmark.en.md", lambda b: b.to_markdown("en")),
        ("benchmark.zh.html", lambda b: b.to_html("zh")),
    ],
)
def test_golden(name: str, render: Any) -> None:
    from .test_render import _golden

    corpus = ogr.Corpus(SMALL)
    _golden(name, render(corpus.benchmark("甲市乙区民政局", 2024, thresholds=PEER)))
