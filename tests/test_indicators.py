"""Indicators: each on hand-computed values, missing on a zero denominator or a blank cell, the
same for one report and for a corpus, and the docs page generated from the catalogue."""

from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import given, settings

import opengovreport as ogr
from opengovreport import examples, testing
from opengovreport.schema import INDICATORS, indicator

SYNTHETIC = examples.load("synthetic-2021")

#: the synthetic example's indicators, worked out by hand from its printed tables
EXPECTED = {
    "disclosed": 186 / 463,
    "partially_disclosed": 49 / 463,
    "withheld": (2 + 6 + 3 + 10 + 7 + 10 + 5 + 13) / 463,
    "unable": (80 + 9 + 5) / 463,
    "not_processed": (15 + 12 + 2 + 6 + 4) / 463,
    "other_handling": (16 + 2 + 21) / 463,
    "completion": 463 / (468 + 21),
    "carried_forward": 26 / (468 + 21),
    "received_growth": None,  # no report of 2022
    "reconsideration_corrected": 2 / (15 - 1),
    "litigation_corrected": (1 + 0) / (8 + 4 - 2 - 1),
    "appeals_per_100": (15 + 8 + 4) * 100 / 468,
    "organisations": (468 - 412) / 468,
    "fees_per_request": 4068.208 / 468,
}


def test_each_indicator_on_the_synthetic_example() -> None:
    assert [i.code for i in INDICATORS] == list(EXPECTED)
    found = SYNTHETIC.indicators()
    for code, expected in EXPECTED.items():
        if expected is None:
            assert found[code] is None, code
        else:
            assert found[code] == pytest.approx(expected), code


def test_growth_needs_last_year() -> None:
    later = SYNTHETIC.with_cell("requests.new_received.natural_person", 412 + 117)
    later = later.with_totals()
    import attrs

    later = attrs.evolve(later, meta=attrs.evolve(later.meta, year=2024, title="示例2024年报告"))
    assert later.indicators(previous=SYNTHETIC)["received_growth"] == pytest.approx(585 / 468 - 1)
    assert later.indicators()["received_growth"] is None


def test_zero_denominators_and_blanks_are_missing() -> None:
    gaoqing = examples.load("gaoqing-2020")  # every count 0
    assert all(v is None for v in gaoqing.indicators().values())
    assert gaoqing.indicators()["fees_per_request"] is None  # the 2019 edition has no amount
    blank = SYNTHETIC.with_cell("requests.total_handled.total", None)
    values = blank.indicators()
    assert values["disclosed"] is None
    assert values["completion"] is None
    assert values["appeals_per_100"] == pytest.approx(EXPECTED["appeals_per_100"])
    zero = SYNTHETIC.with_cell("appeals.reconsideration.total", 1)  # 1 − 1 pending: 0 decided
    assert zero.indicators()["reconsideration_corrected"] is None
    with pytest.raises(KeyError, match="no indicator 'x'"):
        indicator("x")


@pytest.mark.slow
@given(testing.reports(edition=ogr.Edition.E2021))
def test_other_handling_in_either_shape(report: ogr.Report) -> None:
    # the hybrid prints （六） as one row; the itemized shape's three items are summed into it
    value = report.indicators()["other_handling"]
    cells = ogr.totals.comparable_cells(report)
    handled, other = cells["requests.total_handled.total"], cells["requests.other_handling.total"]
    if handled and other is not None:
        assert value == pytest.approx(other / handled)
    else:
        assert value is None


@pytest.mark.slow
@settings(max_examples=30, deadline=None)
@given(testing.report_series())
def test_the_corpus_frame_is_the_reports_indicators(series: list[ogr.Report]) -> None:
    corpus = ogr.Corpus(series)
    frame = corpus.indicators_frame()
    by_year = {r.meta.year: r for r in series}
    assert list(frame["year"]) == sorted(by_year)
    for _, row in frame.iterrows():
        report = by_year[int(row["year"])]
        expected = report.indicators(previous=by_year.get(report.meta.year - 1))
        for code, value in expected.items():
            got = row[code]
            if value is None:
                assert pd.isna(got), (code, got)
            else:
                assert float(got) == pytest.approx(value), code
    assert str(frame.dtypes["disclosed"]) == "Float64"


def test_amounts_are_read_exactly() -> None:
    report = SYNTHETIC.with_cell("disclosure.item8.fees.amount", Decimal("0.000001"))
    assert report.indicators()["fees_per_request"] == pytest.approx(0.000001 / 468)


def test_styled_shows_rates_as_percentages_and_keeps_the_floats() -> None:
    from opengovreport.indicators import styled

    frame = ogr.Corpus([examples.load("synthetic-2021")]).indicators_frame()
    html = styled(frame).to_html()
    assert "40.2%" in html  # 予以公开率 186 of 463
    assert "予以公开率" in html
    assert "Disclosed rate" in styled(frame, lang="en").to_html()
    assert float(frame["disclosed"].iloc[0]) == pytest.approx(186 / 463)  # the frame unchanged
