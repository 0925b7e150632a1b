"""The format declarations, and that the model follows them key for key."""

import typing

import attrs
import pytest

from opengovreport import schema
from opengovreport.builders import new_report
from opengovreport.model import AppealGroup, Appeals, RequestRow, disclosure_class
from opengovreport.schema import Edition


def test_six_sections_in_order() -> None:
    assert [s.number for s in schema.SECTIONS] == [1, 2, 3, 4, 5, 6]
    assert [s.heading.zh for s in schema.SECTIONS] == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    assert [s.key for s in schema.SECTIONS if s.narrative] == [
        "overview",
        "problems",
        "other_matters",
    ]
    assert "五、存在的主要问题及整改措施" in schema.section("problems").variants
    with pytest.raises(KeyError, match="no section 'nope'"):
        schema.section("nope")


@pytest.mark.parametrize(("itemized", "n"), [(True, 25), (False, 23)])
def test_table3_row_counts(itemized: bool, n: int) -> None:
    leaves = schema.table3_leaf_rows(itemized)
    assert len(leaves) == n
    assert leaves[0].label.zh == "一、本年新收政府信息公开申请数量"
    assert leaves[-1].label.zh == "四、结转下年度继续办理"
    assert leaves[-2].labels == (schema.TABLE3_OUTCOMES, leaves[-2].label)
    assert leaves[-2].label.zh == "（七）总计"
    # the outcome rows summed by I2: all rows under 三、 but （七）总计
    outcomes = schema.table3_outcome_rows(itemized)
    assert len(outcomes) == n - 4  # less 一、, 二、, （七）总计 and 四、


def test_table3_labels_and_nesting() -> None:
    by_path = {leaf.path: leaf for leaf in schema.table3_leaf_rows(True)}
    secret = by_path["withheld.state_secret"]
    assert [label.zh for label in secret.labels] == [
        "三、本年度办理结果",
        "（三）不予公开",
        "1.属于国家秘密",
    ]
    assert by_path["other_handling.other"].label.zh == "3.其他"
    single = {leaf.path: leaf for leaf in schema.table3_leaf_rows(False)}
    assert single["other_handling"].label.zh == "（六）其他处理"
    assert "1. 本机关不掌握相关信息" in schema.table3_rows()[2].children[3].children[0].variants


def test_table3_columns() -> None:
    assert [c.label.zh for c in schema.TABLE3_COLUMNS] == [
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
    ]
    grouped = [c.key for c in schema.TABLE3_COLUMNS if c.group == schema.TABLE3_LEGAL_PERSON]
    assert len(grouped) == 5
    assert schema.TABLE3_LEGAL_PERSON.zh == "法人或其他组织"
    assert schema.TABLE3_APPLICANT.zh == "申请人情况"


def test_model_follows_the_declarations() -> None:
    """Every model field name is a declared key, in declared order."""
    assert [f.name for f in attrs.fields(RequestRow)] == [c.key for c in schema.TABLE3_COLUMNS]
    assert [f.name for f in attrs.fields(AppealGroup)] == [c.key for c in schema.TABLE4_COLUMNS]
    assert [f.name for f in attrs.fields(Appeals)] == [g[0] for g in schema.TABLE4_GROUPS]
    for itemized in (True, False):
        edition = Edition.E2021 if itemized else Edition.E2019
        report = new_report("x", 2023 if itemized else 2020, edition)
        model_rows = list(dict.fromkeys(p.rsplit(".", 1)[0] for p, _ in report.cells()))
        declared = [f"requests.{leaf.path}" for leaf in schema.table3_leaf_rows(itemized)]
        assert [p for p in model_rows if p.startswith("requests.")] == declared
        disclosure = [p for p, _ in report.cells() if p.startswith("disclosure.")]
        assert disclosure == [
            f"disclosure.{b.key}.{r.key}.{c.key}"
            for b in schema.disclosure_blocks(edition)
            for r in b.rows
            for c in b.columns
        ]


@pytest.mark.parametrize("edition", list(Edition))
def test_disclosure_kinds_follow_the_declarations(edition: Edition) -> None:
    """Each column's kind and bounds (signed, amounts and their places) are the model's."""
    cls = disclosure_class(edition)
    for block in schema.disclosure_blocks(edition):
        block_cls = typing.get_type_hints(cls)[block.key]
        for row in block.rows:
            assert row.key is not None
            row_cls = typing.get_type_hints(block_cls)[row.key]
            hints = typing.get_type_hints(row_cls, include_extras=True)
            for col in block.columns:
                assert hints[col.key].__metadata__ == (col.bounds,), (block.key, row.key, col.key)


def test_table2_labels() -> None:
    e2019 = schema.disclosure_blocks(Edition.E2019)
    e2021 = schema.disclosure_blocks(Edition.E2021)
    assert [b.label.zh for b in e2019] == [
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
        "第二十条第（九）项",
    ]
    assert [b.key for b in e2021] == ["item1", "item5", "item6", "item8"]
    assert [c.label.zh for c in e2019[1].columns] == ["上一年项目数量", "本年增/减", "处理决定数量"]
    assert e2019[1].columns[1].kind is schema.CellKind.SIGNED
    assert [c.label.zh for c in e2019[3].columns] == ["上一年项目数量", "本年增/减"]
    fee = e2021[3].columns[0]
    assert (fee.label.zh, fee.kind, fee.unit) == (
        "本年收费金额（单位：万元）",
        schema.CellKind.AMOUNT,
        "万元",
    )
    assert e2021[0].rows[1].label.zh == "行政规范性文件"
    assert e2019[0].rows[1].label.zh == "规范性文件"


def test_label_text() -> None:
    label = schema.TABLE3_COLUMNS[0].label
    assert label.text() == "自然人"
    assert label.text("en") == "Natural persons"
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        label.text("fr")


def test_edition_for_year() -> None:
    assert Edition.for_year(2019) is Edition.E2019
    assert Edition.for_year(2020) is Edition.E2019
    assert Edition.for_year(2021) is Edition.E2021
    assert str(Edition.E2021) == "2021"


def test_table_numbers_and_cell_kinds() -> None:
    assert [schema.table_number(p) for p in ("disclosure.item1", "requests.x", "appeals")] == [
        2,
        3,
        4,
    ]
    with pytest.raises(KeyError, match="narrative section"):
        schema.table_number("overview")
    assert schema.cell_kind("disclosure.item5.other_services.change", Edition.E2019) is (
        schema.CellKind.SIGNED
    )
    assert schema.cell_kind("disclosure.item8.fees.amount", Edition.E2021) is (
        schema.CellKind.AMOUNT
    )
    assert schema.cell_kind("requests.disclosed.total", Edition.E2021) is schema.CellKind.COUNT
    with pytest.raises(KeyError, match="no cell"):
        schema.cell_kind("disclosure.item9.procurement.amount", Edition.E2021)


def test_edition_columns_tell_the_editions_apart() -> None:
    new = [label.zh for label in schema.edition_columns(Edition.E2021)]
    old = [label.zh for label in schema.edition_columns(Edition.E2019)]
    assert "本年制发件数" in new
    assert "本年新制作数量" in old
    # 处理决定数量 stands inside 本年处理决定数量: it tells neither edition apart
    assert "处理决定数量" not in old
    assert "本年处理决定数量" not in new
    assert not any(a in b or b in a for a in new for b in old)
