"""Severity is a str-valued enum: it equals its name and orders by rank, for the findings of
the checks and the reader's diagnostics alike. Failed on the enum that compared unequal to its
name (``d.severity == "warning"`` was ``False``) and could not be sorted."""

import json

from hypothesis import given
from hypothesis import strategies as st

import opengovreport as ogr
from opengovreport import Severity, examples


def test_a_severity_equals_its_name() -> None:
    # mypy takes the members for literals that cannot equal a str; a field typed Severity
    # (d.severity == "warning") it compares without a word
    assert Severity.WARNING == "warning"  # type: ignore[comparison-overlap]
    assert Severity.NOT_ASSESSABLE == "not_assessable"  # type: ignore[comparison-overlap]
    assert Severity.ERROR != "warning"  # type: ignore[comparison-overlap]
    assert "inconsistency" in set(Severity)
    assert isinstance(Severity.INFO, str)
    assert str(Severity.INFO) == f"{Severity.INFO}" == "info"
    assert json.dumps([Severity.ERROR]) == '["error"]'
    assert Severity("warning") is Severity.WARNING


def test_severities_order_by_rank() -> None:
    shuffled = [Severity.INFO, Severity.ERROR, Severity.NOT_ASSESSABLE, Severity.WARNING]
    shuffled.append(Severity.INCONSISTENCY)
    assert sorted(shuffled) == [
        Severity.NOT_ASSESSABLE,
        Severity.INFO,
        Severity.WARNING,
        Severity.INCONSISTENCY,
        Severity.ERROR,
    ]
    assert max(shuffled) is Severity.ERROR
    assert Severity.WARNING < Severity.ERROR
    assert Severity.WARNING >= Severity.WARNING
    assert not Severity.ERROR <= Severity.INFO


@given(st.lists(st.sampled_from(list(Severity))))
def test_the_order_is_the_rank(severities: list[Severity]) -> None:
    assert [s.rank for s in sorted(severities)] == sorted(s.rank for s in severities)


def test_findings_and_diagnostics_alike() -> None:
    report = examples.load("synthetic-2021").with_cell("requests.disclosed.total", 1)
    findings = ogr.check(report).findings
    assert any(f.severity == "inconsistency" for f in findings)
    assert max(f.severity for f in findings) == "inconsistency"
    result = ogr.read(report.to_text().encode())
    assert result.diagnostics
    assert all(d.severity == "info" for d in result.diagnostics)
    assert result.filter(severity="info") == list(result.diagnostics)
    warned = ogr.Diagnostic(code="charset", severity=Severity.WARNING)
    assert sorted([warned, *result.diagnostics], key=lambda d: d.severity)[-1] is warned
