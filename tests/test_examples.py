"""The packaged examples: the seed report holds the seed's exact figures and text."""

from decimal import Decimal

import pytest

import opengovreport as ogr
from opengovreport import examples
from opengovreport.model import Disclosure2019, Disclosure2021, Heading, Paragraph, Section

from .identities import broken_identities, rows


def test_names() -> None:
    assert examples.names() == ("gaoqing-2020", "synthetic-2021")
    with pytest.raises(KeyError, match="no example 'nope'; examples: gaoqing-2020, synthetic-2021"):
        examples.load("nope")


def test_seed_meta() -> None:
    report = examples.load("gaoqing-2020")
    meta = report.meta
    assert (meta.agency, meta.year, meta.edition) == ("高青县投资促进中心", 2020, ogr.Edition.E2019)
    assert meta.title == "高青县投资促进中心2020 年政府信息公开工作年度报告"
    assert len(meta.front_matter) == 3
    assert meta.front_matter[0].startswith("本报告根据《中华人民共和国政府信息公开条例》")
    assert meta.contact == ogr.Contact(
        office="高青县投资促进中心办公室",
        address="高青县城清河路 9 号",
        postcode="256300",
        phone="0533-6967699",
        fax="0533-6967699",
        website="www.gaoqing.gov.cn",
    )
    assert not report.requests.other_handling_itemized


def test_seed_table2() -> None:
    d = examples.load("gaoqing-2020").disclosure
    assert isinstance(d, Disclosure2019)
    other = d.item5.other_services
    assert (other.last_year, other.change, other.decisions) == (17, 2, 19)
    values = dict(examples.load("gaoqing-2020").cells())
    table2 = {p: v for p, v in values.items() if p.startswith("disclosure.")}
    assert len(table2) == 22
    nonzero = {p: v for p, v in table2.items() if v != 0}
    assert nonzero == {
        "disclosure.item5.other_services.last_year": 17,
        "disclosure.item5.other_services.change": 2,
        "disclosure.item5.other_services.decisions": 19,
    }
    assert d.item9.procurement.amount == Decimal("0")
    assert isinstance(d.item9.procurement.amount, Decimal)
    assert (d.item8.fees.last_year, d.item8.fees.change) == (0, 0)


def test_seed_tables_3_and_4_are_all_zero() -> None:
    report = examples.load("gaoqing-2020")
    table3 = [(p, v) for p, v in report.cells() if p.startswith("requests.")]
    table4 = [(p, v) for p, v in report.cells() if p.startswith("appeals.")]
    assert len(table3) == 23 * 7
    assert len(table4) == 15
    assert all(v == 0 and type(v) is int for _, v in table3 + table4)


def _counts(section: Section) -> tuple[int, int]:
    headings = sum(isinstance(b, Heading) for b in section.blocks)
    return headings, sum(isinstance(b, Paragraph) for b in section.blocks)


def test_seed_sections() -> None:
    report = examples.load("gaoqing-2020")
    assert report.overview.heading == "一、总体情况"
    assert _counts(report.overview) == (9, 11)
    assert report.problems.heading == "五、存在的主要问题及改进情况"
    assert _counts(report.problems) == (2, 5)
    assert report.other_matters.paragraphs == ("无。",)
    # a paragraph split by a page break is whole
    assert any("为副组长，中心办公室" in p for p in report.overview.paragraphs)
    levels = [(b.text, b.level) for b in report.overview.blocks if isinstance(b, Heading)]
    assert levels[2:4] == [("（三）依申请公开", 1), ("1. 收到和处理政府信息公开申请情况", 2)]


def _narrative_lines(text: str, start: str, stop: str | None) -> list[str]:
    lines = [line for line in text.split("\n") if line.strip()]
    begin = lines.index(start) + 1
    end = lines.index(stop) if stop else len(lines)
    return lines[begin:end]


@pytest.mark.parametrize(
    ("key", "start", "stop"),
    [
        ("overview", "一、总体情况", "二、主动公开政府信息情况"),
        ("problems", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"),
        ("other_matters", "六、其他需要报告的事项", None),
    ],
)
def test_seed_text_is_all_there(seed_text: str, key: str, start: str, stop: str | None) -> None:
    """Each block is one seed line or two joined across a page break; no line is left out."""
    lines = _narrative_lines(seed_text, start, stop)
    section: Section = getattr(examples.load("gaoqing-2020"), key)
    i = 0
    for block in section.blocks:
        if block.text == lines[i]:
            i += 1
        else:
            assert block.text == lines[i] + lines[i + 1], block.text
            i += 2
    assert i == len(lines)


def test_seed_front_matter_is_the_seed(seed_text: str) -> None:
    meta = examples.load("gaoqing-2020").meta
    lines = [line for line in seed_text.split("\n") if line.strip()]
    assert meta.title == lines[0] + lines[1]
    assert list(meta.front_matter) == lines[2:5]


def test_synthetic_example() -> None:
    report = examples.load("synthetic-2021")
    assert report.edition is ogr.Edition.E2021
    assert isinstance(report.disclosure, Disclosure2021)
    assert report.requests.other_handling_itemized
    assert broken_identities(report) == []
    table = rows(report.requests)
    assert len(table) == 25
    assert all(row.total for row in table.values()), "every table 3 row has figures"
    assert all(v is not None for _, v in report.cells())
    assert report.appeals.reconsideration.total == 15
