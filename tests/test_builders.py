"""Builders compute the totals an author should not have to add up."""

from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import opengovreport as ogr
from opengovreport import builders, examples
from opengovreport.builders import tables_from_cells
from opengovreport.model import Disclosure2019, Disclosure2021

from .identities import broken_identities


def _with_requests(table: ogr.Requests) -> ogr.Report:
    """A 2023 report holding ``table`` and an all-zero table 4."""
    report = builders.new_report("某局", 2023)
    return attrs.evolve(report, requests=table, appeals=builders.appeals_table())


def test_request_row() -> None:
    row = builders.request_row(3, 1, 0, 0, 2, 1)
    assert row == ogr.RequestRow(3, 1, 0, 0, 2, 1, 7)
    assert builders.request_row(natural_person=4).total == 4
    with pytest.raises(ValueError, match=r"row.natural_person: expected a count"):
        builders.request_row(-1)


def test_requests_table_computes_totals() -> None:
    table = builders.requests_table(
        {
            "new_received": (10, 2, 0, 0, 0, 1),
            "carried_over": {"natural_person": 3},
            "disclosed": (6, 1, 0, 0, 0, 0),
            "withheld.state_secret": (1, 0, 0, 0, 0, 0),
            "other_handling.overdue_fee": (0, 1, 0, 0, 0, 0),
        }
    )
    assert table.total_handled == ogr.RequestRow(7, 2, 0, 0, 0, 0, 9)
    assert table.carried_forward == ogr.RequestRow(6, 0, 0, 0, 0, 1, 7)
    assert table.new_received.total == 13
    assert table.withheld.third_party_rights == builders.request_row()
    assert isinstance(table.other_handling, ogr.OtherHandling)
    assert broken_identities(_with_requests(table)) == []


def test_requests_table_with_carried_forward_given() -> None:
    table = builders.requests_table(
        {"new_received": (5, 0, 0, 0, 0, 0), "disclosed": (2, 0, 0, 0, 0, 0)},
        carried_forward=(1, 0, 0, 0, 0, 0),
    )
    assert table.carried_forward.total == 1  # as given, even though 5 − 2 = 3


def test_requests_table_single_other_handling() -> None:
    table = builders.requests_table(
        {"new_received": (2, 0, 0, 0, 0, 0), "other_handling": (1, 0, 0, 0, 0, 0)},
        itemized_other_handling=False,
    )
    assert table.other_handling == ogr.RequestRow(1, 0, 0, 0, 0, 0, 1)
    assert table.total_handled.total == 1
    assert table.carried_forward.total == 1


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ({"withheld.secret": (1,) * 6}, "unknown row 'withheld.secret'"),
        ({"total_handled": (1,) * 6}, "is computed from the outcome rows"),
        ({"carried_forward": (1,) * 6}, "pass carried_forward="),
        ({"disclosed": (1, 2)}, "disclosed: expected 6 counts"),
        ({"disclosed": {"people": 1}}, "disclosed: unknown column 'people'"),
        ({"disclosed": (1, 0, 0, 0, 0, "2")}, "disclosed.other_org: expected a count"),
        ({"disclosed": (5, 0, 0, 0, 0, 0)}, "column natural_person: 5 requests handled but only 0"),
        ({"other_handling": (1,) * 6}, "unknown row 'other_handling'"),
    ],
)
def test_requests_table_rejects_bad_rows(rows: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        builders.requests_table(rows)  # type: ignore[arg-type]


def test_assemble_requests_names_missing_rows() -> None:
    with pytest.raises(ValueError, match="missing rows new_received, carried_over"):
        builders.assemble_requests({"disclosed": builders.request_row()})


def test_appeals() -> None:
    appeals = builders.appeals_table((10, 1, 0, 0), {"pending": 2})
    assert appeals.reconsideration == ogr.AppealGroup(10, 1, 0, 0, 11)
    assert appeals.litigation_direct == ogr.AppealGroup(0, 0, 0, 2, 2)
    assert appeals.litigation_after_reconsideration.total == 0
    with pytest.raises(ValueError, match="reconsideration: expected 4 counts"):
        builders.appeals_table((1, 2, 3))


def test_disclosure_table() -> None:
    d = builders.disclosure_table(
        ogr.Edition.E2019, {"item5.other_services.change": -3, "item9.procurement.amount": "251000"}
    )
    assert isinstance(d, Disclosure2019)
    assert d.item5.other_services.change == -3
    assert d.item9.procurement.amount == Decimal("251000")
    assert d.item1.rules.new_made == 0
    blank = builders.disclosure_table(ogr.Edition.E2021, default=None)
    assert isinstance(blank, Disclosure2021)
    assert blank.item8.fees.amount is None
    with pytest.raises(
        ValueError, match=r"no cell 'item9\.procurement\.amount' in table 2 of the 2021"
    ):
        builders.disclosure_table(ogr.Edition.E2021, {"item9.procurement.amount": 1})
    with pytest.raises(ValueError, match=r"item1\.rules\.issued: expected a count"):
        builders.disclosure_table(ogr.Edition.E2021, {"item1.rules.issued": -1})
    with pytest.raises(ValueError, match=r"item8\.fees\.amount: expected an amount"):
        builders.disclosure_table(ogr.Edition.E2021, {"item8.fees.amount": "12万元"})
    with pytest.raises(ValueError, match=r"item8\.fees\.change: expected an integer"):
        builders.disclosure_table(ogr.Edition.E2019, {"item8.fees.change": "+2"})


six = st.tuples(*[st.integers(0, 50)] * 6)


@given(
    st.dictionaries(
        st.sampled_from(
            ["disclosed", "withheld.state_secret", "not_processed.repeated", "other_handling.other"]
        ),
        six,
    ),
    six,
    six,
)
def test_built_tables_satisfy_the_identities(
    outcomes: dict[str, tuple[int, ...]], extra: tuple[int, ...], over: tuple[int, ...]
) -> None:
    handled = [sum(r[i] for r in outcomes.values()) for i in range(6)]
    rows = {**outcomes, "carried_over": over}
    rows["new_received"] = tuple(
        max(0, h - o) + e for h, o, e in zip(handled, over, extra, strict=True)
    )
    table = builders.requests_table(rows)
    assert broken_identities(_with_requests(table)) == []


def test_tables_from_cells_names_what_does_not_fit() -> None:
    report = examples.load("synthetic-2021")
    cells = dict(report.cells())
    shape = report.shape
    assert tables_from_cells(shape, cells) == {
        "disclosure": report.disclosure,
        "requests": report.requests,
        "appeals": report.appeals,
    }
    del cells["requests.disclosed.total"]
    with pytest.raises(ValueError, match=r"^cannot build the report: missing cells "):
        tables_from_cells(shape, cells)
    cells["requests.disclosed.sum"] = 1  # same count, one unknown: both are named
    with pytest.raises(ValueError, match="unknown cells") as info:
        tables_from_cells(shape, cells)
    assert str(info.value) == (
        "cannot build the report: missing cells requests.disclosed.total; "
        "unknown cells requests.disclosed.sum"
    )
    many = {f"x.{i}": 0 for i in range(7)}
    with pytest.raises(ValueError, match=r"unknown cells x\.0, x\.1, x\.2, x\.3, x\.4 …$"):
        tables_from_cells(shape, {**dict(report.cells()), **many})
