"""The model: defaults, edition consistency, cell access."""

import pickle
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import opengovreport as ogr
from opengovreport import examples
from opengovreport.builders import new_report, request_row
from opengovreport.model import cells_getter
from opengovreport.testing import reports


def test_meta_defaults() -> None:
    meta = ogr.Meta("某局", 2020)
    assert meta.edition is ogr.Edition.E2019
    assert meta.title == "某局2020年政府信息公开工作年度报告"
    assert ogr.Meta("某局", 2021).edition is ogr.Edition.E2021
    assert ogr.Meta("某局", 2021, ogr.Edition.E2019).edition is ogr.Edition.E2019
    assert ogr.Meta("某局", 2021, front_matter=["a"]).front_matter == ("a",)


def test_frozen_and_slotted() -> None:
    report = examples.load("gaoqing-2020")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        report.meta = report.meta  # type: ignore[misc]
    assert not hasattr(report.requests.disclosed, "__dict__")
    assert hash(report) == hash(ogr.loads(ogr.dumps(report)))


def test_report_rejects_a_table_of_the_wrong_edition() -> None:
    r2019 = examples.load("gaoqing-2020")
    r2021 = examples.load("synthetic-2021")
    with pytest.raises(ValueError, match="needs a Disclosure2019"):
        attrs.evolve(r2019, disclosure=r2021.disclosure)
    with pytest.raises(ValueError, match="must be one row in the 2019 edition"):
        attrs.evolve(r2019, requests=r2021.requests)
    hybrid = attrs.evolve(
        r2021, requests=attrs.evolve(r2021.requests, other_handling=request_row(1))
    )
    assert not hybrid.requests.other_handling_itemized


def test_repr_is_short() -> None:
    assert repr(examples.load("gaoqing-2020")) == (
        "Report(agency='高青县投资促进中心', year=2020, edition='2019')"
    )


def test_cells_and_paths() -> None:
    report = examples.load("synthetic-2021")
    cells = dict(report.cells())
    assert len(cells) == 10 + 25 * 7 + 15
    assert report.cell("requests.withheld.state_secret.natural_person") == (
        report.requests.withheld.state_secret.natural_person
    )
    assert report.cell("requests.other_handling.overdue_fee.total") == 2
    assert report.cell("disclosure.item8.fees.amount") == Decimal("4068.208")
    assert report.cell("appeals.litigation_direct.pending") == 2
    changed = report.with_cell("requests.withheld.state_secret.natural_person", 99)
    assert changed.requests.withheld.state_secret.natural_person == 99
    assert [p for p, v in changed.cells() if cells[p] != v] == [
        "requests.withheld.state_secret.natural_person"
    ]
    assert report.cell("requests.withheld.state_secret.natural_person") == 2  # unchanged


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("requests.withheld.secret.total", "requests.withheld has no 'secret'"),
        ("requests.disclosed", "it names a row or a table"),
        ("meta", "it names a row or a table"),
        ("requests.disclosed.total.x", "requests.disclosed.total has no 'x'"),
        ("nope", "the report has no 'nope'"),
    ],
)
def test_bad_cell_path(path: str, message: str) -> None:
    report = examples.load("synthetic-2021")
    with pytest.raises(KeyError, match=message):
        report.cell(path)
    with pytest.raises(KeyError, match=message):
        report.with_cell(path, 1)


def test_new_report_is_blank() -> None:
    report = new_report("某局", 2023)
    assert report.edition is ogr.Edition.E2021
    assert report.requests.other_handling_itemized
    assert all(v is None for _, v in report.cells())
    assert report.overview.heading == "一、总体情况"
    assert report.overview.blocks == ()
    zero = new_report("某局", 2020, fill=0)
    assert all(v == 0 for _, v in zero.cells())
    assert zero.cell("disclosure.item9.procurement.amount") == Decimal(0)
    hybrid = new_report("某局", 2023, itemized_other_handling=False)
    assert not hybrid.requests.other_handling_itemized
    with pytest.raises(ValueError, match="cannot be itemized"):
        new_report("某局", 2020, itemized_other_handling=True)
    with pytest.raises(ValueError, match="fill: expected a count"):
        new_report("某局", 2020, fill=-1)


@pytest.mark.slow
@given(report=reports())
def test_pickle_round_trip(report: ogr.Report) -> None:
    """Reports pickle field by field (what worker processes send back) to an equal report."""
    for protocol in (0, pickle.HIGHEST_PROTOCOL):
        again = pickle.loads(pickle.dumps(report, protocol))
        assert again == report
        assert type(again.disclosure) is type(report.disclosure)


@pytest.mark.slow
@given(report=reports(), data=st.data())
def test_cells_getter(report: ogr.Report, data: st.DataObject) -> None:
    """Any list of paths, rows split or not, gives the cells' values in its order."""
    cells = list(report.cells())
    assert cells_getter([p for p, _ in cells])(report) == tuple(v for _, v in cells)
    some = data.draw(st.lists(st.sampled_from([p for p, _ in cells]), min_size=1))
    assert cells_getter(some)(report) == tuple(report.cell(p) for p in some)
    assert cells_getter(["meta", "requests"])(report) == (report.meta, report.requests)
