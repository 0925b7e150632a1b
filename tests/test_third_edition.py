"""docs/extending.md done as it says, from a test module and nowhere in the package: a third
edition of the format whose table 3 has one more row, a rule of its own, and an output format.
Load, check, render, Word, parse, read, ``testing.reports()`` and the command line take them;
every other report reads and checks exactly as before (``test_extending``)."""

import json
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import opengovreport as ogr
from opengovreport import schema
from opengovreport.cli import main
from opengovreport.rendering import FORMATS, OutputFormat, flatten, register_format, table_grid
from opengovreport.schema import Label, Relation, Rule, Scope, Shape, Status, Table, Term
from opengovreport.testing import reports
from opengovreport.values import Severity

from .test_extending import FORWARDED, ToyRequests
from .test_extending import _report as toy_report

# its table 3 is test_extending's toy table 3 (a row （二之一）转送其他机关 after （二）部分公开);
# the two shapes are never registered at once
ThirdRequests = ToyRequests


#: the third edition's own rule: 规章 in force cover those issued and those repealed this year
X1 = Rule(
    "X1",
    Severity.WARNING,
    Status.PLAUSIBILITY,
    Scope.REPORT,
    2,
    Label("现行有效不少于制发与废止", "In force covers issued and repealed"),
    Label("规章现行有效件数不少于本年制发与废止件数之和。", "Rules in force ≥ issued + repealed."),
    Label("现行有效件数 ≥ 本年制发件数 + 本年废止件数", "in force ≥ issued + repealed"),
    Label("现行有效件数", "in force"),
    Label("本年制发件数 + 本年废止件数", "issued + repealed"),
    "≥",
)


def _declare() -> tuple[ogr.Edition, Shape]:
    edition = ogr.Edition.register("2099", years=None)  # chosen where stated, never by a year
    standard = schema.SHAPE_2021.numbered(3)
    (part,) = standard.parts
    first, second, outcomes, last = part.rows
    children = (*outcomes.children[:2], FORWARDED, *outcomes.children[2:])
    rows = (first, second, attrs.evolve(outcomes, children=children), last)
    table3 = Table(
        standard.key, 3, standard.heading, (attrs.evolve(part, rows=rows),), ThirdRequests
    )
    tables = (schema.SHAPE_2021.numbered(2), table3, schema.SHAPE_2021.numbered(4))
    rules = "disclosure.item1.rules"
    x1 = Relation(
        "X1",
        Label("表二第二十条第（一）项「规章」", "table 2, Article 20, item (1), Rules"),
        (Term(f"{rules}.in_force"),),
        (Term(f"{rules}.issued"), Term(f"{rules}.repealed")),
        "≥",
    )
    shape = Shape(
        "third",
        edition,
        Label("第三版", "third edition"),
        schema.SHAPE_2021.sections,
        tables,
        (*schema.standard_relations(tables), x1),
    )
    schema.register_rule(X1)
    return edition, schema.register(shape)


@pytest.fixture
def third() -> Iterator[Shape]:
    edition, shape = _declare()
    yield shape
    schema.unregister(shape)
    schema.unregister_rule(X1)
    ogr.Edition.unregister(edition)


def _report(shape: Shape) -> ogr.Report:
    """test_extending's toy report (7 received, 5 disclosed, 2 forwarded) of the third
    edition; 3 rules in force, 1 issued, 1 repealed."""
    report = toy_report(shape)
    for column, count in [("in_force", 3), ("issued", 1), ("repealed", 1)]:
        report = report.with_cell(f"disclosure.item1.rules.{column}", count)
    return report


def test_a_third_edition_is_declared_and_withdrawn_outside_the_package() -> None:
    before = list(ogr.Edition)
    edition, shape = _declare()
    try:
        assert list(ogr.Edition) == [*before, edition]
        assert ogr.Edition("2099") is edition
        assert ogr.Edition.for_year(2099) is ogr.Edition.E2021  # never chosen by a year
        assert schema.shapes(edition) == (shape,)
        assert schema.rule("X1") is X1
        assert X1 in ogr.checks.catalog()
    finally:
        schema.unregister(shape)
        schema.unregister_rule(X1)
        ogr.Edition.unregister(edition)
    assert list(ogr.Edition) == before
    with pytest.raises(ogr.NotFoundError):
        schema.rule("X1")
    with pytest.raises(ogr.InputError):
        ogr.Edition("2099")


def test_its_report_loads_checks_and_names_its_rule(third: Shape) -> None:
    report = _report(third)
    assert report.edition.value == "2099"
    assert report.shape is third
    text = ogr.dumps(report)
    assert json.loads(text)["meta"]["edition"] == "2099"
    assert ogr.loads(text) == report
    assert ogr.check(report).ok
    broken = report.with_cell("disclosure.item1.rules.repealed", 5)  # 3 in force < 1 + 5
    (finding,) = ogr.check(broken).findings
    assert finding.code == "X1"
    assert finding.severity is Severity.WARNING
    # table 3's new row is summed like any other: I2 names it when the total does not add up
    wrong = report.with_cell("requests.forwarded.natural_person", 3)
    assert {f.code for f in ogr.check(wrong).findings} >= {"I2", "I3"}
    # the JSON Schema knows the edition and its shape
    assert "2099" in json.dumps(ogr.json_schema(), ensure_ascii=False)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_its_report_renders_and_reads_back(third: Shape, fmt: str) -> None:
    report = _report(third)
    rendered = ogr.render(report, fmt)
    assert "（二之一）转送其他机关" in rendered
    parsed = ogr.parse(rendered)
    assert parsed.status is ogr.ReadStatus.OK
    assert parsed.report == report
    assert ogr.read(rendered.encode("utf-8")).report == report


def test_its_word_document_reads_back(third: Shape) -> None:
    pytest.importorskip("docx")
    report = _report(third)
    result = ogr.read(report.to_docx())
    assert result.format == "docx"
    assert result.report == report


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_generated_reports_of_it_hold_its_rule(data: st.DataObject) -> None:
    edition, shape = _declare()
    try:
        report = data.draw(reports(shape=shape))
        assert report.shape is shape
        assert report.edition is edition
        assert ogr.check(report).ok  # X1 among the rules that hold
        in_force, issued, repealed = (
            report.cell(f"disclosure.item1.rules.{c}") for c in ("in_force", "issued", "repealed")
        )
        assert in_force >= issued + repealed  # type: ignore[operator]
        generated = data.draw(reports(edition=edition))
        assert generated.shape is shape
    finally:
        schema.unregister(shape)
        schema.unregister_rule(X1)
        ogr.Edition.unregister(edition)


def test_the_command_line_over_it(
    third: Shape, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.json"
    good.write_text(ogr.dumps(_report(third)), encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text(
        ogr.dumps(_report(third).with_cell("disclosure.item1.rules.repealed", 5)), encoding="utf-8"
    )
    assert main(["validate", str(good)]) == 0
    assert main(["check", str(good)]) == 0
    capsys.readouterr()
    assert main(["check", "--severity", "warning", "--select", "X1", str(bad)]) == 1
    assert "X1" in capsys.readouterr().out
    assert main(["render", str(good), "--to", "text"]) == 0
    assert "（二之一）转送其他机关" in capsys.readouterr().out
    page = tmp_path / "page.html"
    page.write_text(_report(third).to_html(standalone=True), encoding="utf-8")
    assert main(["parse", str(page)]) == 0
    assert ogr.loads(capsys.readouterr().out) == _report(third)


# --- a registered output format ---------------------------------------------------------------


def _csv_table(table: object, lang: str) -> str:
    rows = [row for flat in flatten(table_grid(table, lang)) for row in (flat.header, *flat.rows)]
    return "\n".join(",".join(row) for row in rows) + "\n"


def _csv_report(report: ogr.Report, lang: str) -> str:
    return "\n".join(
        _csv_table(t, lang) for t in (report.disclosure, report.requests, report.appeals)
    )


@pytest.fixture
def csv_format() -> Iterator[OutputFormat]:
    fmt = register_format(OutputFormat("csv", ".csv", report=_csv_report, table=_csv_table))
    yield fmt
    del FORMATS["csv"]


def test_a_registered_format_reaches_render_and_the_command_line(
    csv_format: OutputFormat, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = ogr.examples.load("synthetic-2021")
    rendered = ogr.render(report, "csv")
    assert rendered == _csv_report(report, "zh")
    assert "一、本年新收政府信息公开申请数量" in rendered
    assert ogr.render(report.requests, "csv") == _csv_table(report.requests, "zh")
    path = tmp_path / "report.json"
    path.write_text(ogr.dumps(report), encoding="utf-8")
    assert main(["render", str(path), "--to", "csv"]) == 0
    assert capsys.readouterr().out.rstrip("\n") == rendered.rstrip("\n")
    out = tmp_path / "report.csv"
    assert main(["render", str(path), "--to", "csv", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == rendered


def _needs_a_missing_package(report: object, lang: str) -> str:
    raise ImportError("No module named 'xlsxwriter'")


@pytest.mark.parametrize("extra", ["xlsx", None])
def test_a_registered_format_whose_extra_is_missing_is_one_line(
    extra: str | None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    register_format(
        OutputFormat("sheet", ".xlsx", report=_needs_a_missing_package, table=None, extra=extra)
    )
    try:
        path = tmp_path / "report.json"
        path.write_text(ogr.dumps(ogr.examples.load("synthetic-2021")), encoding="utf-8")
        assert main(["render", str(path), "--to", "sheet"]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1, err
        assert f"pip install 'opengovreport[{extra or 'sheet'}]'" in err
        assert "Traceback" not in err
    finally:
        del FORMATS["sheet"]
