"""Invariant checks: the catalogue, the engine, findings, results, series and sums."""

import json
import re
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import opengovreport as ogr
from opengovreport import checks, examples, testing
from opengovreport.checks import Severity
from opengovreport.totals import fold

from .conftest import SHARED
from .corpus_figures import CORPUS, HONGZE, HUAIAN, SHUYANG, Figures

TABLES_3_4 = ("requests.", "appeals.")


def _numeric_paths(report: ogr.Report, prefixes: tuple[str, ...] = TABLES_3_4) -> list[str]:
    return [p for p, _ in report.cells() if p.startswith(prefixes)]


# --- the catalogue --------------------------------------------------------------------------


def test_catalog_lists_every_rule() -> None:
    rules = checks.catalog()
    assert [r.code for r in rules] == [
        *("I1", "I2", "I3", "I4", "T1", "T2", "T3", "T4", "T5", "T6", "T7"),
        *("S1", "S2", "S3"),
    ]
    for r in rules:
        for label in (r.title, r.description, r.identity, r.lhs, r.rhs):
            assert label.zh
            assert label.en
            assert "\n" not in label.zh + label.en
    assert checks.rule("I1").status is checks.Status.PRINTED
    assert checks.rule("T1").status is checks.Status.PRACTICE
    assert checks.rule("T3").severity is Severity.WARNING
    assert checks.rule("T6").scope is checks.Scope.SERIES
    assert checks.rule("I1").identity.zh == (
        "一、本年新收政府信息公开申请数量 + 二、上年结转政府信息公开申请数量 = "
        "（七）总计 + 四、结转下年度继续办理"
    )
    with pytest.raises(KeyError, match="no rule 'X9'"):
        checks.rule("X9")


# --- valid reports --------------------------------------------------------------------------


@pytest.mark.slow
@given(testing.reports())
def test_a_valid_report_has_no_findings(report: ogr.Report) -> None:
    result = ogr.check(report)
    assert result.findings == (), result.summary("en")
    assert result.ok


@pytest.mark.parametrize("name", examples.names())
def test_examples_have_no_findings(name: str) -> None:
    assert len(ogr.check(examples.load(name))) == 0


# --- one changed cell -----------------------------------------------------------------------


@pytest.mark.slow
@given(
    testing.reports(),
    st.data(),
    st.integers(-1000, 1000).filter(lambda d: d != 0),
)
def test_changing_any_cell_is_caught_and_named(
    report: ogr.Report, data: st.DataObject, delta: int
) -> None:
    path = data.draw(st.sampled_from(_numeric_paths(report)))
    value = report.cell(path)
    assert isinstance(value, int)
    changed = value + delta if value + delta >= 0 else value - delta  # a count stays ≥ 0
    result = ogr.check(report.with_cell(path, changed))
    caught = result.filter(severity=Severity.INCONSISTENCY)
    assert any(path in f.paths for f in caught), result.summary("en")
    assert not result.ok


@pytest.mark.parametrize(
    "report",
    [
        examples.load("gaoqing-2020"),
        examples.load("synthetic-2021"),
        HONGZE.report(),  # the hybrid
    ],
    ids=["2019", "2021", "hybrid"],
)
def test_every_cell_of_tables_3_and_4_is_covered(report: ogr.Report) -> None:
    """Exhaustively: each cell changed by +1 is named by an inconsistency."""
    for path in _numeric_paths(report):
        value = report.cell(path)
        assert isinstance(value, int)
        found = ogr.check(report.with_cell(path, value + 1)).filter(severity="inconsistency")
        assert any(path in f.paths for f in found), path


# --- blank cells ----------------------------------------------------------------------------


@pytest.mark.slow
@given(testing.reports(), st.data())
def test_a_blank_cell_is_never_a_false_inconsistency(
    report: ogr.Report, data: st.DataObject
) -> None:
    path = data.draw(st.sampled_from([p for p, _ in report.cells()]))
    result = ogr.check(report.with_cell(path, None))
    assert all(f.severity is Severity.NOT_ASSESSABLE for f in result), result.summary("en")
    assert all(f.blank == (path,) for f in result)
    if path.startswith(TABLES_3_4):
        codes = {f.code for f in result}
        expected = {"I4"} if path.startswith("appeals.") else {"I3"}
        assert expected <= codes
        if path.startswith("requests."):
            assert codes & {"I1", "I2"}
    assert result.ok


def _relations_by_hand(
    plan: "checks._engine._Plan", values: list[object]
) -> tuple[list[tuple[int, object, object]], set[int]]:
    """What the compiled relations must give, relation by relation: a relation with a blank
    cell is not assessable; the others fail where their weighted sums break ``op``."""
    failed: list[tuple[int, object, object]] = []
    blank: set[int] = set()
    for k, relation in enumerate(plan.relations):
        cells = plan.cells[k]
        if any(values[i] is None for i in cells):
            blank.add(k)
            continue
        weighted = [t.weight * values[i] for t, i in zip(relation.terms, cells, strict=True)]  # type: ignore[operator]
        lhs, rhs = sum(weighted[: len(relation.lhs)]), sum(weighted[len(relation.lhs) :])
        if (lhs != rhs) if relation.op == "=" else (lhs < rhs):
            failed.append((k, lhs, rhs))
    return failed, blank


@given(testing.report_series(max_years=2), st.data())
def test_the_compiled_relations_are_the_relations_evaluated_one_by_one(
    series: list[ogr.Report], data: st.DataObject
) -> None:
    """A report's relations, and a pair of years' (T1, T2: sides of one cell), with any cells
    blank or changed."""
    earlier, later = series
    if data.draw(st.booleans()):
        plan = checks._engine._plan(later.shape)
        values = list(later.shape.fetch(later))
    else:
        plan = checks._engine._pair_plan(earlier.shape, later.shape)
        values = [*earlier.shape.fetch(earlier), *later.shape.fetch(later)]
    read = sorted({i for cells in plan.cells for i in cells if type(values[i]) is int})
    for i in data.draw(st.lists(st.sampled_from(read), max_size=4)):
        values[i] = data.draw(st.one_of(st.none(), st.integers(0, 500)))
    assert plan.run(values) == _relations_by_hand(plan, values)


def test_blank_needs_exact_rules() -> None:
    report = examples.load("synthetic-2021")
    result = ogr.check(report.with_cell("requests.withheld.state_secret.natural_person", None))
    assert sorted((f.code, f.cells[0].path) for f in result) == [
        ("I2", "requests.total_handled.natural_person"),
        ("I3", "requests.withheld.state_secret.total"),
    ]
    finding = result.filter(code="I3").findings[0]
    assert finding.blank == ("requests.withheld.state_secret.natural_person",)
    assert (finding.printed, finding.computed, finding.difference) == (None, None, None)
    assert finding.message_en.endswith(
        "blank: 3. Outcomes this year / (3) Withheld / State secret × Natural persons"
    )
    # a table 2 cell that no rule reads leaves nothing to report
    assert len(ogr.check(report.with_cell("disclosure.item6.coercion.decisions", None))) == 0


# --- hand-written broken reports ------------------------------------------------------------


def _exact(result: ogr.CheckResult) -> list[tuple[str, str, str, object, object]]:
    return [(f.code, f.severity.value, f.cells[0].path, f.printed, f.computed) for f in result]


def test_table4_total_printed_as_zero() -> None:
    """A real report printed reconsideration 10 + 1 + 0 + 0 with 总计 0."""
    report = examples.load("gaoqing-2020")
    report = attrs.evolve(
        report,
        appeals=attrs.evolve(report.appeals, reconsideration=ogr.AppealGroup(10, 1, 0, 0, 0)),
    )
    result = ogr.check(report)
    assert _exact(result) == [("I4", "inconsistency", "appeals.reconsideration.total", 0, 11)]
    finding = result.findings[0]
    assert finding.difference == -11
    assert finding.cells[0].label == "行政复议 × 总计"
    assert [c.path for c in finding.cells[1:]] == [
        "appeals.reconsideration.upheld",
        "appeals.reconsideration.corrected",
        "appeals.reconsideration.other",
        "appeals.reconsideration.pending",
    ]
    assert finding.message_zh == (
        "表四「行政复议」：总计 = 0，而 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 11，相差 -11"
    )
    assert finding.message_en == (
        "table 4, Administrative reconsideration: Total = 0, but Upheld + Corrected + "
        "Other result + Not yet concluded = 11 (difference -11)"
    )


def test_wrong_total_handled() -> None:
    report = examples.load("synthetic-2021").with_cell("requests.total_handled.total", 460)
    assert _exact(ogr.check(report)) == [
        ("I1", "inconsistency", "requests.new_received.total", 489, 486),
        ("I2", "inconsistency", "requests.total_handled.total", 460, 463),
        ("I3", "inconsistency", "requests.total_handled.total", 460, 463),
        # section 1 says 办结463件
        ("T5", "inconsistency", "requests.total_handled.total", 460, 463),
    ]


def test_impossible_values_never_reach_the_checks() -> None:
    """The model rejects them (the catalogue had V1 for them): the checks add up numbers."""
    report = examples.load("synthetic-2021")
    for path, value in [
        ("requests.disclosed.other_org", -2),
        ("disclosure.item8.fees.amount", Decimal("-1")),
        ("appeals.litigation_direct.other", "3"),
    ]:
        with pytest.raises(ValueError, match=f"^{re.escape(path)}: expected"):
            report.with_cell(path, value)  # type: ignore[arg-type]
    with pytest.raises(
        ValueError, match=re.escape("Requests.disclosed: expected a RequestRow, found None")
    ):
        attrs.evolve(report.requests, disclosed=None)  # type: ignore[arg-type]


def test_t3_and_t4_warn() -> None:
    report = examples.load("synthetic-2021").with_cell("disclosure.item1.rules.in_force", 1)
    assert _exact(ogr.check(report)) == [("T3", "warning", "disclosure.item1.rules.in_force", 1, 2)]
    assert ogr.check(report).ok  # a warning does not make a report wrong
    seed = examples.load("gaoqing-2020").with_cell("disclosure.item5.other_services.change", 3)
    assert _exact(ogr.check(seed)) == [
        ("T4", "warning", "disclosure.item5.other_services.decisions", 19, 20)
    ]


# --- results --------------------------------------------------------------------------------


def _broken() -> ogr.Report:
    report = examples.load("synthetic-2021")
    report = report.with_cell("requests.withheld.state_secret.natural_person", 5)
    report = report.with_cell("appeals.reconsideration.pending", None)
    return report.with_cell("disclosure.item1.rules.in_force", 0)


def test_result_filters_and_counts() -> None:
    result = ogr.check(_broken())
    assert [f.severity for f in result] == sorted(
        (f.severity for f in result), key=lambda s: -s.rank
    )
    assert result.counts() == {
        "error": 0,
        "inconsistency": 2,
        "warning": 1,
        "not_assessable": 1,
    }
    assert [f.code for f in result.filter(code="I3")] == ["I3"]
    assert [f.code for f in result.filter(code=["I2", "I4"])] == ["I2", "I4"]
    assert [f.code for f in result.filter(table=2)] == ["T3"]
    assert [f.code for f in result.filter(table=[3, 4])] == ["I2", "I3", "I4"]
    assert len(result.filter(min_severity="warning")) == 3
    assert len(result.filter(severity=[Severity.WARNING, "not_assessable"])) == 2
    with pytest.raises(ValueError, match="'fatal' is not a valid Severity"):
        result.filter(severity="fatal")


def test_result_json() -> None:
    data = json.loads(ogr.check(_broken()).to_json())
    assert data["ok"] is False
    first = data["findings"][0]
    assert first == {
        "fingerprint": first["fingerprint"],
        "code": "I2",
        "severity": "inconsistency",
        "title": {"zh": "办理结果总计", "en": "Outcomes add up"},
        "table": 3,
        "agency": "示例市人民政府",
        "year": 2023,
        "cells": first["cells"],
        "printed": 406,
        "computed": 409,
        "difference": -3,
        "blank": [],
        "message": first["message"],
    }
    assert first["cells"][0] == {
        "path": "requests.total_handled.natural_person",
        "label": "三、本年度办理结果（七）总计 × 自然人",
        "value": 406,
        "agency": "示例市人民政府",
        "year": 2023,
    }
    assert len(first["cells"]) == 1 + 21


def test_result_summary_and_html() -> None:
    result = ogr.check(_broken())
    text = result.summary()
    assert text.splitlines()[0] == "4 项发现（不一致 2，警告 1，无法核对 1）"
    assert " I2 不一致" in text.splitlines()[1]
    assert "三、本年度办理结果（七）总计 × 自然人" in text
    en = result.summary("en")
    assert en.splitlines()[0] == "4 findings (inconsistency 2, warning 1, not assessable 1)"
    assert "(7) Total handled × Natural persons" in en
    assert all(len(line) <= 100 for line in en.splitlines())  # fitted to 100 columns
    assert max(map(len, result.summary("en", width=None).splitlines())) > 100
    assert ogr.check(examples.load("gaoqing-2020")).summary() == "没有发现"
    assert ogr.check(examples.load("gaoqing-2020")).summary("en") == "no findings"
    evil = examples.load("synthetic-2021")
    evil = attrs.evolve(evil, meta=attrs.evolve(evil.meta, agency="<script>x</script>"))
    page = ogr.check(evil.with_cell("requests.disclosed.total", 0))._repr_html_()
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    assert repr(result) == (
        "CheckResult(ok=False, findings=4, inconsistency=2, warning=1, not_assessable=1)"
    )


def test_strict_mode_raises_with_every_finding() -> None:
    with pytest.raises(ogr.CheckError) as info:
        ogr.check(_broken(), strict=True)
    assert len(info.value.result) == 4
    assert str(info.value).startswith("4 findings:\n  I2 inconsistency: table 3")
    assert ogr.check(examples.load("gaoqing-2020"), strict=True).ok
    # warnings alone pass a strict check
    only_warning = examples.load("synthetic-2021").with_cell("disclosure.item1.rules.in_force", 0)
    assert len(ogr.check(only_warning, strict=True)) == 1


# --- the corpus, from its printed figures ---------------------------------------------------


@pytest.mark.parametrize("figures", CORPUS, ids=lambda f: f.file)
def test_corpus_reports_have_no_inconsistency(figures: Figures) -> None:
    result = ogr.check(figures.report())
    assert len(result.filter(min_severity="inconsistency")) == 0, result.summary("en")
    assert len(result.filter(severity="warning")) == 0


def test_blank_organisation_columns_are_not_assessable() -> None:
    result = ogr.check(SHUYANG.report())
    assert {f.severity for f in result} == {Severity.NOT_ASSESSABLE}
    # every row's I3, and I1/I2 for the five blank columns and for 总计 (its rows are fine)
    assert len(result.filter(code="I3")) == 25
    assert len(result.filter(code=["I1", "I2"])) == 10


_NUMBER = re.compile(r"(?<![\d.\-])\d+(?:\.\d+)?(?![\d.\-、])")


def _numbers(text: str) -> list[str]:
    return _NUMBER.findall(text)


@pytest.mark.parametrize("figures", CORPUS, ids=lambda f: f.file)
def test_corpus_figures_are_the_texts(figures: Figures) -> None:
    """Every number transcribed here is the text's, in printed order, table by table."""
    path = SHARED / "corpus" / figures.file
    if not path.exists():
        pytest.skip(f"corpus report not found at {path}")
    text = path.read_text(encoding="utf-8")
    t2 = text.index("二、主动公开政府信息情况")
    t3 = text.index("三、收到和处理政府信息公开申请情况")
    t4 = text.index("四、政府信息公开行政复议、行政诉讼情况")
    t5 = text.index("五、", t4)
    assert _numbers(text[t2:t3]) == [_fmt(v) for v in figures.disclosure.values() if v is not None]
    assert _numbers(text[t3:t4]) == [
        str(v) for row in figures.requests for v in row if v is not None
    ]
    assert _numbers(text[t4:t5]) == [str(v) for v in figures.appeals]


def _fmt(value: int | Decimal) -> str:
    return format(value, "f") if isinstance(value, Decimal) else str(value)


# --- series and sums ------------------------------------------------------------------------


@pytest.mark.slow
@given(testing.report_series())
def test_a_valid_series_passes(series: list[ogr.Report]) -> None:
    result = ogr.check_series(series)
    assert result.findings == (), result.summary("en")


@pytest.mark.slow
@given(testing.report_series(min_years=2, max_years=2), st.data())
def test_a_broken_carry_over_names_both_years(
    series: list[ogr.Report], data: st.DataObject
) -> None:
    earlier, later = series
    column = data.draw(st.sampled_from([c.column for c in later.shape.cells if c.table == 3]))
    path = f"requests.carried_over.{column}"
    value = later.cell(path)
    assert isinstance(value, int)
    broken = later.with_cell(path, value + 1)
    result = ogr.check_series([broken, earlier]).filter(code="T1")
    (finding,) = result.findings
    assert finding.years == (earlier.meta.year, later.meta.year)
    assert [(c.path, c.year) for c in finding.cells] == [
        (path, later.meta.year),
        (f"requests.carried_forward.{column}", earlier.meta.year),
    ]
    assert (finding.printed, finding.computed, finding.difference) == (value + 1, value, 1)


def test_series_needs_one_report_per_year() -> None:
    report = examples.load("synthetic-2021")
    with pytest.raises(ValueError, match="two reports of 示例市人民政府 for 2023"):
        ogr.check_series([report, report])


def test_series_skips_gaps() -> None:
    report = examples.load("synthetic-2021")
    later = attrs.evolve(report, meta=attrs.evolve(report.meta, year=2025))
    assert len(ogr.check_series([report, later])) == 0


def _units(n: int) -> st.SearchStrategy[list[ogr.Report]]:
    return st.sampled_from(list(ogr.Edition)).flatmap(
        lambda e: st.lists(testing.reports(e), min_size=1, max_size=n)
    )


@pytest.mark.slow
@given(_units(4))
def test_the_sum_of_valid_reports_is_valid(units: list[ogr.Report]) -> None:
    total = ogr.aggregate(units, agency="合计", year=units[0].meta.year)
    assert len(ogr.check(total)) == 0
    itemized = all(u.requests.other_handling_itemized for u in units)
    assert total.requests.other_handling_itemized is itemized
    cells = [dict(fold(u, total.shape).cells()) for u in units]
    for path, value in total.cells():
        assert value == sum(c[path] for c in cells), path  # type: ignore[misc]


def test_sum_with_blanks() -> None:
    a = examples.load("synthetic-2021")
    b = a.with_cell("requests.disclosed.other_org", None)
    both_blank = ogr.aggregate([b, b], agency="合计", year=2023)
    assert both_blank.requests.disclosed.other_org is None
    one_blank = ogr.aggregate([a, b], agency="合计", year=2023)
    assert one_blank.requests.disclosed.other_org == a.requests.disclosed.other_org
    assert one_blank.cell("disclosure.item8.fees.amount") == Decimal("8136.416")
    assert one_blank.meta == ogr.Meta("合计", 2023, ogr.Edition.E2021)
    with pytest.raises(ValueError, match="cannot sum reports of different editions"):
        ogr.aggregate([a, examples.load("gaoqing-2020")], agency="x", year=2023)
    with pytest.raises(ValueError, match="at least one report"):
        ogr.aggregate([], agency="x", year=2023)


def test_summary_report_equals_its_units() -> None:
    units = [
        attrs.evolve(HUAIAN.report(), meta=ogr.Meta("甲", 2024)),
        attrs.evolve(HONGZE.report(), meta=ogr.Meta("乙", 2024)),
    ]
    parent = attrs.evolve(ogr.aggregate(units, agency="县", year=2024))
    assert not parent.requests.other_handling_itemized  # one unit prints （六） as one row
    assert len(ogr.check_series([parent, *units], units={"县": ["甲", "乙"]})) == 0
    wrong = parent.with_cell("requests.disclosed.natural_person", 1)
    result = ogr.check_series([wrong, *units], units={"县": ["甲", "乙"]}).filter(code="T6")
    (finding,) = result.findings
    assert (finding.printed, finding.computed) == (1, 1288 + 50)
    assert [(c.agency, c.value) for c in finding.cells] == [("县", 1), ("甲", 1288), ("乙", 50)]
    missing = ogr.check_series([parent, units[0]], units={"县": ["甲", "乙"]})
    assert [f.message_en for f in missing] == ["县 2024: no report of 乙; cannot check the sum"]


# --- T5: the narrative against the tables ----------------------------------------------------


def test_t5_each_statement_on_its_own_and_blank_not_assessable() -> None:
    """A figure stated twice is judged each time (before, two values made the pair not
    assessable: the wrong one is what the table does not have)."""
    report = examples.load("synthetic-2021")
    twice = attrs.evolve(
        report,
        overview=attrs.evolve(
            report.overview,
            blocks=(ogr.Paragraph("全年新收政府信息公开申请468件。另据统计，收到申请470件。"),),
        ),
    )
    (finding,) = ogr.check(twice).filter(code="T5")
    assert finding.severity is Severity.INCONSISTENCY
    assert finding.computed == 470
    assert "470件" in finding.message_zh
    assert "468（本年新收）" in finding.message_zh
    blank = report.with_cell("requests.carried_over.total", None)
    t5 = ogr.check(blank).filter(code="T5")
    assert [f.severity for f in t5] == [Severity.NOT_ASSESSABLE]
    assert t5.findings[0].blank == ("requests.carried_over.total",)


def test_results_know_their_reports_and_draw_them() -> None:
    report = examples.load("synthetic-2021").with_cell("appeals.reconsideration.total", 16)
    result = ogr.check(report)
    assert result.reports == (report,)
    assert result == ogr.CheckResult(result.findings)  # the reports are not compared
    assert result.filter(code="I4").reports == (report,)
    page = result.to_html()
    assert page.count('class="ogr-finding ') == 5  # the total and its four parts
    assert 'data-path="appeals.reconsideration.total"' in page
    assert result._repr_html_() == page
    assert "ogr-table ogr-requests" in ogr.check(examples.load("gaoqing-2020")).to_html()
    listed = ogr.CheckResult(result.findings).to_html(lang="en")  # no report: the list alone
    assert '<table class="ogr-table' not in listed
    assert "printed" in listed
    series = ogr.check_series([examples.load("gaoqing-2020"), report])
    assert len(series.reports) == 2
