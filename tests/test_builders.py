"""Builders compute the totals an author should not have to add up."""

from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import opengovreport as ogr
from opengovreport import builders, examples, testing
from opengovreport.builders import tables_from_cells
from opengovreport.model import Disclosure2019, Disclosure2021

from .identities import broken_identities
from .strategies import plausible_reports


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


@pytest.mark.slow
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


# --- authors: next year from last year, totals after edits, section 1 from the figures -------


def test_next_year_from_last_year() -> None:
    last = examples.load("synthetic-2021")
    report = builders.new_report("示例市人民政府", 2024, previous=last)
    assert report.requests.carried_over == last.requests.carried_forward  # T1 by construction
    assert report.meta.contact == last.meta.contact
    documents = report.disclosure_2021.item1
    assert (documents.rules.in_force, documents.rules.issued) == (37, None)  # this year's base
    assert report.requests.other_handling_itemized is last.requests.other_handling_itemized
    # the author fills this year's counts; the totals and the running figures follow
    filled = report.with_cell("disclosure.item1.rules.issued", 3)
    filled = filled.with_cell("disclosure.item1.rules.repealed", 1)
    filled = filled.with_cell("requests.new_received.natural_person", 50)
    filled = filled.with_cell("requests.disclosed.natural_person", 40)
    result = builders.fill_totals(filled, previous=last)
    this = result.report
    assert this.disclosure_2021.item1.rules.in_force == 37 + 3 - 1
    assert this.requests.carried_forward.natural_person == 24 + 50 - 40
    series = ogr.check_series([last, this])
    assert not series.filter(code=("T1", "T2"), min_severity="warning")
    with pytest.raises(ValueError, match="expected the one on 2024"):
        builders.new_report("示例市人民政府", 2025, previous=last)


def test_next_year_in_the_2019_edition_and_across_editions() -> None:
    last = examples.load("gaoqing-2020")
    same = builders.new_report("高青县投资促进中心", 2021, edition=ogr.Edition.E2019, previous=last)
    services = same.disclosure_2019.item5.other_services
    assert services.last_year == 17 + 2  # last year's count and its 本年增/减
    assert same.disclosure_2019.item1.rules.total_disclosed == 0
    assert same.requests.carried_over == last.requests.carried_forward
    newer = builders.new_report("高青县投资促进中心", 2021, previous=last)  # the 2021 edition
    assert newer.edition is ogr.Edition.E2021
    assert newer.requests.carried_over.total == last.requests.carried_forward.total
    assert newer.disclosure_2021.item1.rules.in_force is None  # another table 2: nothing carried


def test_fill_totals_recomputes_and_says_what_changed() -> None:
    report = examples.load("synthetic-2021")
    assert builders.fill_totals(report).changes == ()
    assert report.with_totals() == report
    edited = report.with_cell("requests.disclosed.natural_person", 170)
    edited = edited.with_cell("appeals.reconsideration.upheld", 10)
    result = builders.fill_totals(edited)
    changed = {c.path: (c.before, c.after) for c in result.changes}
    assert changed == {
        "requests.disclosed.total": (186, 193),
        "requests.total_handled.natural_person": (406, 413),
        "requests.total_handled.total": (463, 470),
        "requests.carried_forward.natural_person": (24, 17),
        "requests.carried_forward.total": (26, 19),
        "appeals.reconsideration.total": (15, 16),
    }
    assert result.changes[0].label == "三、本年度办理结果（一）予以公开 × 总计"
    checked = ogr.check(result.report)
    assert not checked.filter(code=("I1", "I2", "I3", "I4"))
    # the tables moved and the narrative did not: section 1's 办结463件 and 结转下年度26件 (T5)
    stale = sorted((f.printed, f.computed) for f in checked.filter(code="T5"))
    assert stale == [(19, 26), (470, 463)]
    over = report.with_cell("requests.disclosed.natural_person", 1000)
    with pytest.raises(ValueError, match=r"requests\.carried_forward\.natural_person: -813 "):
        builders.fill_totals(over)
    blank = builders.new_report("某局", 2023)
    assert builders.fill_totals(blank).report == blank  # totals of blanks stay blank


@pytest.mark.slow
@given(testing.reports(), st.data())
def test_fill_totals_restores_every_identity(report: ogr.Report, data: st.DataObject) -> None:
    # any report with its totals wrong: the identities hold after, the other cells unchanged
    totals = [p for p, _ in builders._defining(report.shape)]
    broken = report
    for path in data.draw(st.lists(st.sampled_from(totals), max_size=5)):
        broken = broken.with_cell(path, data.draw(st.integers(0, 10**6)))
    try:
        result = builders.fill_totals(broken)
    except ValueError as exc:  # more handled than received in a column: said, not hidden
        message = str(exc)
    else:
        message = ""
    if message:
        assert "more handled than received" in message
        return
    assert not [f for f in ogr.check(result.report).findings if f.code in ("I1", "I2", "I3", "I4")]
    before, after = dict(broken.cells()), dict(result.report.cells())
    assert {p for p in before if before[p] != after[p]} == {c.path for c in result.changes}
    assert {c.path for c in result.changes} <= set(totals)


@pytest.mark.slow
@given(plausible_reports())
def test_the_narrative_states_the_tables_figures(report: ogr.Report) -> None:
    section = builders.narrative(report)
    text = "".join(b.text for b in section.blocks)
    headings = [b.text for b in section.blocks if isinstance(b, ogr.Heading)]
    assert headings == ["（一）主动公开", "（二）依申请公开", "（三）政府信息管理",
                        "（四）政府信息公开平台建设", "（五）监督保障"]  # fmt: skip
    cells = dict(report.cells())
    received = cells["requests.new_received.total"]
    if received is not None:
        assert f"本年度新收政府信息公开申请{received}件" in text
    else:
        assert "新收" not in text
    direct = cells["appeals.litigation_direct.total"]
    after = cells["appeals.litigation_after_reconsideration.total"]
    if direct is not None and after is not None:
        assert f"被提起行政诉讼{direct + after}件" in text
    drafted = attrs.evolve(report, overview=section)
    assert ogr.parse(drafted.to_text()).report.overview == section  # it reads back


_CONTACTS = st.builds(
    ogr.Contact,
    office=st.sampled_from(["某县人民政府办公室", None]),
    address=st.sampled_from(["某县某路1号", "某市某区某街道88号", None]),
    postcode=st.sampled_from(["256300", None]),
    phone=st.sampled_from(["0533-6967699", "010-12345678", None]),
    fax=st.sampled_from(["0533-6967690", None]),
    email=st.sampled_from(["gk@example.org", None]),
    website=st.sampled_from(["http://www.example.gov.cn/", None]),
)


@pytest.mark.slow
@given(_CONTACTS, st.sampled_from(["text", "markdown", "html", "docx"]))
def test_a_contact_not_in_the_front_matter_is_printed_and_read_back(
    contact: ogr.Contact, fmt: str
) -> None:
    report = examples.load("synthetic-2021")
    meta = attrs.evolve(report.meta, front_matter=report.meta.front_matter[:1], contact=contact)
    report = attrs.evolve(report, meta=meta)
    rendered = ogr.render(report, fmt)
    result = ogr.read(rendered if isinstance(rendered, bytes) else rendered.encode())
    stated = any(attrs.astuple(contact))
    if isinstance(rendered, str):
        assert (ogr.schema.contact_sentence(contact) in rendered) is stated
    # the standard sentence reads back as the contact details, not as front matter
    assert result.report.meta.front_matter == report.meta.front_matter
    assert result.report.meta.contact == (contact if stated else None)


def test_next_year_is_itemized_where_last_year_printed_one_row() -> None:
    """（六） in three items, as the 2021 edition prints it, even where last year's report
    printed it as one row; an edit of an item of a one-row （六） names the fix."""
    last = examples.load("synthetic-2021")
    single = builders.report_from_cells(
        last.meta,
        {
            **{p: v for p, v in last.cells() if ".other_handling." not in p},
            **{f"requests.other_handling.{c.key}": 0 for c in ogr.schema.TABLE3_COLUMNS},
        },
        itemized_other_handling=False,
    )
    assert not single.requests.other_handling_itemized
    report = builders.new_report("示例市人民政府", 2024, previous=single)
    assert report.requests.other_handling_itemized
    edited = report.with_cell("requests.other_handling.overdue_fee.natural_person", 3)
    assert edited.cell("requests.other_handling.overdue_fee.natural_person") == 3
    with pytest.raises(KeyError) as raised:
        single.with_cell("requests.other_handling.overdue_fee.natural_person", 3)
    said = str(raised.value)
    assert said.startswith("no cell 'requests.other_handling.overdue_fee.natural_person': ")
    assert "as one row" in said
    assert "requests.other_handling.natural_person" in said
    assert "builders.new_report(agency, year)" in said


def test_the_opening_paragraphs_are_drafted_or_carried() -> None:
    blank = builders.new_report("某局", 2024)
    legal, period = blank.meta.front_matter
    assert legal.startswith("本报告根据《中华人民共和国政府信息公开条例》")
    assert "某局" in legal
    assert "统计期限自2024年1月1日起至2024年12月31日止" in period
    assert builders.WEBSITE_TO_FILL in period  # where it is published: to fill
    assert ogr.parse(blank.to_text()).report.meta.front_matter == blank.meta.front_matter
    last = examples.load("gaoqing-2020")
    carried = builders.new_report(last.meta.agency, 2021, previous=last)
    assert len(carried.meta.front_matter) == len(last.meta.front_matter)
    assert "自 2021 年 1 月 1 日始，至 2021 年 12 月 31 日止" in "".join(carried.meta.front_matter)
    assert "2020 年" not in "".join(carried.meta.front_matter)
    assert "国务院令 第 711 号" in carried.meta.front_matter[0]  # other numbers as they were
    assert builders.new_report("某局", 2024, front_matter=()).meta.front_matter == ()
