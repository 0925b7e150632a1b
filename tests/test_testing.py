"""The public Hypothesis strategies generate what they promise."""

import pytest
from hypothesis import find, given

import opengovreport as ogr
from opengovreport import testing
from opengovreport.model import Disclosure2019, Disclosure2021

from .identities import broken_identities


@pytest.mark.slow
@given(testing.reports())
def test_reports_satisfy_every_identity(report: ogr.Report) -> None:
    assert broken_identities(report) == []
    assert all(v is not None for _, v in report.cells())


@pytest.mark.slow
@given(testing.reports())
def test_table2_is_plausible(report: ogr.Report) -> None:
    d = report.disclosure
    if isinstance(d, Disclosure2021):
        for row in (d.item1.rules, d.item1.normative_documents):
            assert row.in_force is not None
            assert row.issued is not None
            assert row.in_force >= row.issued
    else:
        assert isinstance(d, Disclosure2019)
        for r in (d.item5.licensing, d.item5.other_services, d.item6.penalties, d.item6.coercion):
            assert r.last_year is not None
            assert r.change is not None
            assert r.last_year + r.change == r.decisions


def test_counts_mix_zero_small_and_large() -> None:
    assert find(testing.counts(), lambda n: n == 0) == 0
    assert find(testing.counts(), lambda n: n > 0) == 1
    assert find(testing.counts(), lambda n: n > 50_000) > 50_000


@pytest.mark.slow
@given(testing.reports(ogr.Edition.E2019))
def test_2019_edition(report: ogr.Report) -> None:
    assert report.edition is ogr.Edition.E2019
    assert report.meta.year <= 2020
    assert not report.requests.other_handling_itemized


@pytest.mark.slow
@given(testing.reports(ogr.Edition.E2021, itemized_other_handling=False))
def test_hybrid(report: ogr.Report) -> None:
    assert report.edition is ogr.Edition.E2021
    assert not report.requests.other_handling_itemized


@pytest.mark.slow
@given(testing.reports(ogr.Edition.E2021, itemized_other_handling=True))
def test_2021_edition(report: ogr.Report) -> None:
    assert report.requests.other_handling_itemized
    assert report.meta.year >= 2021


@given(testing.blocks())
def test_a_generated_paragraph_states_no_figure_the_audit_reads(block: object) -> None:
    """A random paragraph saying 「收到申请1件」 made a generated report fail T5 against tables
    that hold 0 (a Hypothesis run found it): paragraphs hold no figure, in any section."""
    from opengovreport.checks._statements import read_statements

    if isinstance(block, ogr.Paragraph):
        for section in range(1, 7):
            assert not read_statements(block.text, section, "本年度收到申请")


def test_the_paragraph_the_generator_once_made_can_state_a_figure() -> None:
    from opengovreport.checks._statements import may_state, read_statements

    assert may_state("收到申请1件")
    assert read_statements("收到申请1件", 6)
    assert not may_state("本年度工作平稳有序")
