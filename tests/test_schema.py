"""The format declared once: the shapes, their tables, cells and relations, and that the model
follows them field for field."""

import attrs
import pytest

import opengovreport as ogr
from opengovreport import schema
from opengovreport.model import RequestRow
from opengovreport.schema import SHAPE_2019, SHAPE_2021, SHAPE_2021_SINGLE, Edition


def test_three_shapes_are_registered() -> None:
    assert schema.shapes() == (SHAPE_2019, SHAPE_2021, SHAPE_2021_SINGLE)
    assert schema.shapes(Edition.E2021) == (SHAPE_2021, SHAPE_2021_SINGLE)
    assert schema.shape(Edition.E2021) is SHAPE_2021
    assert schema.shape(Edition.E2021, itemized_other_handling=False) is SHAPE_2021_SINGLE
    with pytest.raises(ValueError, match="no shape of the 2019 edition"):
        schema.shape(Edition.E2019, itemized_other_handling=True)
    assert ogr.examples.load("synthetic-2021").shape is SHAPE_2021
    assert ogr.examples.load("gaoqing-2020").shape is SHAPE_2019


def test_six_sections_in_order() -> None:
    sections = SHAPE_2021.sections
    assert [s.number for s in sections] == [1, 2, 3, 4, 5, 6]
    assert [s.heading.zh for s in sections] == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    assert [s.key for s in sections if s.narrative] == ["overview", "problems", "other_matters"]
    assert "五、存在的主要问题及整改措施" in schema.section("problems").variants
    with pytest.raises(KeyError, match="no section 'nope'"):
        schema.section("nope")


@pytest.mark.parametrize(("shape", "rows"), [(SHAPE_2021, 25), (SHAPE_2021_SINGLE, 23)])
def test_table3_rows(shape: schema.Shape, rows: int) -> None:
    leaves = shape.numbered(3).parts[0].leaves
    assert len(leaves) == rows
    assert leaves[0].label.zh == "一、本年新收政府信息公开申请数量"
    assert leaves[-1].label.zh == "四、结转下年度继续办理"
    assert leaves[-2].label.zh == "（七）总计"
    assert leaves[-2].spec.total
    assert [x.zh for x in leaves[4].labels] == [
        "三、本年度办理结果",
        "（三）不予公开",
        "1.属于国家秘密",
    ]
    assert leaves[4].path == "withheld.state_secret"
    assert len(shape.cells) == len(shape.paths) == 10 + rows * 7 + 15


def test_table3_columns_and_their_spanners() -> None:
    columns = SHAPE_2021.numbered(3).parts[0].columns
    assert [c.label.zh for c in columns] == [
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
    ]
    assert [[g.zh for g in c.groups] for c in columns[:2]] == [
        ["申请人情况"],
        ["申请人情况", "法人或其他组织"],
    ]
    assert [c.key for c in columns if c.total] == ["total"]


def test_table2_of_each_edition() -> None:
    e2019 = SHAPE_2019.numbered(2).parts
    e2021 = SHAPE_2021.numbered(2).parts
    assert [p.band.zh for p in e2019 if p.band] == [
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
        "第二十条第（九）项",
    ]
    assert [p.key for p in e2021] == ["item1", "item5", "item6", "item8"]
    assert [c.label.zh for c in e2019[1].columns] == ["上一年项目数量", "本年增/减", "处理决定数量"]
    assert e2019[1].columns[1].kind is schema.CellKind.SIGNED
    fee = e2021[3].columns[0]
    assert (fee.label.zh, fee.kind, fee.unit, fee.bounds.places) == (
        "本年收费金额（单位：万元）",
        schema.CellKind.AMOUNT,
        "万元",
        6,
    )
    assert e2021[0].rows[1].label.zh == "行政规范性文件"
    assert e2019[0].rows[1].label.zh == "规范性文件"


def test_cells_know_their_labels_kind_and_table() -> None:
    secret = SHAPE_2021.cell("requests.withheld.state_secret.natural_person")
    assert secret.label() == "三、本年度办理结果（三）不予公开 1.属于国家秘密 × 自然人"
    assert (
        secret.label("en")
        == "3. Outcomes this year / (3) Withheld / State secret × Natural persons"
    )
    assert (secret.table, secret.row, secret.column) == (
        3,
        "withheld.state_secret",
        "natural_person",
    )
    direct = SHAPE_2021.cell("appeals.litigation_direct.upheld")
    assert direct.label() == "行政诉讼 未经复议直接起诉 × 结果维持"
    change = SHAPE_2019.cell("disclosure.item5.other_services.change")
    assert change.label() == "第二十条第（五）项 其他对外管理服务事项 × 本年增/减"
    assert change.kind is schema.CellKind.SIGNED
    with pytest.raises(KeyError, match=r"no cell 'disclosure\.item9\.procurement\.amount'"):
        SHAPE_2021.cell("disclosure.item9.procurement.amount")


def test_relations_are_data() -> None:
    by_rule: dict[str, list[schema.Relation]] = {}
    for r in SHAPE_2021.relations:
        by_rule.setdefault(r.rule, []).append(r)
    assert {k: len(v) for k, v in by_rule.items()} == {"T3": 2, "I1": 7, "I2": 7, "I3": 25, "I4": 3}
    i1 = by_rule["I1"][0]
    assert [t.path for t in i1.lhs] == [
        "requests.new_received.natural_person",
        "requests.carried_over.natural_person",
    ]
    assert [t.path for t in i1.rhs] == [
        "requests.total_handled.natural_person",
        "requests.carried_forward.natural_person",
    ]
    assert len(by_rule["I2"][0].rhs) == 21  # （一）（二） and the items of （三）–（六）
    assert {r.rule for r in SHAPE_2019.relations} == {"T3", "T4", "T7", "I1", "I2", "I3", "I4"}
    pair = schema.pair_relations(SHAPE_2021, SHAPE_2021_SINGLE)
    assert sorted({r.rule for r in pair}) == ["T1", "T2"]
    t2 = next(r for r in pair if r.rule == "T2")
    assert [(t.path, t.weight, t.side) for t in t2.rhs] == [
        ("disclosure.item1.rules.in_force", 1, 0),
        ("disclosure.item1.rules.issued", 1, 1),
        ("disclosure.item1.rules.repealed", -1, 1),
    ]


@pytest.mark.parametrize("shape", schema.shapes(), ids=lambda s: s.key)
def test_each_model_class_matches_its_shape_field_for_field(shape: schema.Shape) -> None:
    shape.check_model()  # raises naming the class and the fields
    for place, cls in shape.classes.items():
        fields = [f.name for f in attrs.fields(cls)]
        below = [p.rpartition(".")[2] for p in shape.classes if p.rpartition(".")[0] == place]
        if below:
            assert fields == below, place
        else:  # a row: its fields are the columns, each holding what the column declares
            cells = [c for c in shape.cells if c.path.rpartition(".")[0] == place]
            assert fields == [c.column for c in cells], place
            for cell in cells:
                hint = attrs.fields_dict(cls)[cell.column]
                assert ogr.model.field_spec(_resolve(cls, hint.name)) == cell.bounds


def _resolve(cls: type, name: str) -> object:
    import typing

    return typing.get_type_hints(cls, include_extras=True)[name]


def test_a_model_class_that_differs_from_its_shape_is_refused() -> None:
    @attrs.frozen
    class Short:
        natural_person: ogr.model.Count

    table = attrs.evolve(SHAPE_2021.numbered(4), model=Short)
    wrong = attrs.evolve(SHAPE_2021, key="wrong", tables=(*SHAPE_2021.tables[:2], table))
    with pytest.raises(TypeError, match="Short"):
        wrong.check_model()


def test_label_text() -> None:
    label = SHAPE_2021.numbered(3).parts[0].columns[0].label
    assert label.text() == "自然人"
    assert label.text("en") == "Natural persons"
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        label.text("fr")


def test_edition_for_year() -> None:
    assert Edition.for_year(2019) is Edition.E2019
    assert Edition.for_year(2020) is Edition.E2019
    assert Edition.for_year(2021) is Edition.E2021
    assert str(Edition.E2021) == "2021"


def test_edition_words_tell_the_editions_apart() -> None:
    new = schema.edition_words(Edition.E2021)
    old = schema.edition_words(Edition.E2019)
    assert "本年制发件数" in new
    assert "本年新制作数量" in old
    # 处理决定数量 stands inside 本年处理决定数量: it tells neither edition apart
    assert "处理决定数量" not in old
    assert "本年处理决定数量" not in new
    assert not any(a in b or b in a for a in new for b in old)


def test_a_report_knows_its_shape_and_refuses_tables_of_another() -> None:
    r2019 = ogr.examples.load("gaoqing-2020")
    r2021 = ogr.examples.load("synthetic-2021")
    with pytest.raises(ValueError, match="needs a Disclosure2019"):
        attrs.evolve(r2019, disclosure=r2021.disclosure)
    with pytest.raises(ValueError, match="must be one row in the 2019 edition"):
        attrs.evolve(r2019, requests=r2021.requests)
    hybrid = attrs.evolve(
        r2021, requests=attrs.evolve(r2021.requests, other_handling=RequestRow(1, 0, 0, 0, 0, 0, 1))
    )
    assert hybrid.shape is SHAPE_2021_SINGLE
