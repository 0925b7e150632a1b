"""The printed figures of the reports in ../shared/corpus/, written out by hand from the texts.

Tests build reports from them (so the checks can be shown on real figures without the parser) and,
where the corpus folder is present, confirm that every number here is the text's, in order.
"""

from decimal import Decimal

import attrs

from opengovreport import Edition, Meta, Report, builders, schema
from opengovreport.model import CellValue

Row = tuple[int | None, ...]


@attrs.frozen
class Figures:
    file: str
    agency: str
    year: int
    itemized_other_handling: bool
    #: table 2 cells in printed order (path → value)
    disclosure: dict[str, int | Decimal]
    #: table 3 rows in printed order, 7 values each (None for a blank cell)
    requests: tuple[Row, ...]
    #: table 4's 15 values in printed order
    appeals: Row
    #: cells whose printed value cannot be told (digits run together that read several ways)
    unknown: tuple[str, ...] = ()

    def report(self) -> Report:
        meta = Meta(self.agency, self.year, Edition.E2021)
        shape = schema.shape(Edition.E2021, itemized_other_handling=self.itemized_other_handling)
        cells: dict[str, CellValue] = dict.fromkeys(self.unknown)
        cells.update({f"disclosure.{p}": v for p, v in self.disclosure.items()})
        table3 = [c.path for c in shape.cells if c.table == 3]
        assert len(table3) == 7 * len(self.requests)
        cells.update(zip(table3, (v for row in self.requests for v in row), strict=True))
        table4 = [c.path for c in shape.cells if c.table == 4]
        cells.update(zip(table4, self.appeals, strict=True))
        return builders.report_from_cells(meta, cells, shape=shape)


def _zero(total: int = 0) -> Row:
    return (total, 0, 0, 0, 0, 0, total)


HUAIAN = Figures(
    "huaian-shizhengfu-2024.txt",
    "淮安市人民政府",
    2024,
    True,
    {
        "item1.rules.issued": 1,
        "item1.rules.repealed": 0,
        "item1.rules.in_force": 11,
        "item1.normative_documents.issued": 8,
        "item1.normative_documents.repealed": 26,
        "item1.normative_documents.in_force": 66,
        "item5.licensing.decisions": 447228,
        "item6.penalties.decisions": 3985758,
        "item6.coercion.decisions": 88283,
        "item8.fees.amount": Decimal("96171.6"),
    },
    (
        (3001, 53, 0, 0, 61, 4, 3119),
        (34, 0, 0, 0, 0, 0, 34),
        (1288, 21, 0, 0, 50, 3, 1362),
        (447, 7, 0, 0, 0, 0, 454),
        _zero(2),
        (30, 1, 0, 0, 0, 0, 31),
        _zero(5),
        _zero(6),
        (7, 1, 0, 0, 0, 0, 8),
        _zero(12),
        _zero(9),
        _zero(105),
        (746, 12, 0, 0, 10, 1, 769),
        _zero(11),
        _zero(1),
        (56, 6, 0, 0, 0, 0, 62),
        _zero(25),
        _zero(),
        _zero(),
        _zero(1),
        (67, 3, 0, 0, 1, 0, 71),
        _zero(6),
        (108, 2, 0, 0, 0, 0, 110),
        (2932, 53, 0, 0, 61, 4, 3050),
        _zero(103),
    ),
    (72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20),
)

HONGZE = Figures(
    "hongze-quzhengfu-2024.txt",
    "淮安市洪泽区人民政府",
    2024,
    False,  # the hybrid: （六）其他处理 printed as one row
    {
        "item1.rules.issued": 0,
        "item1.rules.repealed": 0,
        "item1.rules.in_force": 0,
        "item1.normative_documents.issued": 3,
        "item1.normative_documents.repealed": 0,
        "item1.normative_documents.in_force": 8,
        "item5.licensing.decisions": 9487,
        "item6.penalties.decisions": 2776,
        "item6.coercion.decisions": 84,
        "item8.fees.amount": Decimal("7545"),
    },
    (
        _zero(95),
        _zero(),
        _zero(50),
        _zero(9),
        _zero(),
        _zero(),
        _zero(1),
        _zero(),
        _zero(),
        _zero(1),
        _zero(1),
        _zero(),
        _zero(31),
        _zero(1),
        _zero(),
        _zero(1),
        _zero(),
        _zero(),
        _zero(),
        _zero(),
        _zero(),
        _zero(95),
        _zero(),
    ),
    (1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3),
)


def _person(n: int = 0) -> Row:
    """A row with only 自然人 and 总计 filled, the five organisation columns blank."""
    return (n, None, None, None, None, None, n)


SHUYANG = Figures(
    "shuyang-fagaiju-2023.txt",
    "沭阳县发展和改革局",
    2023,
    True,
    {
        "item1.rules.issued": 0,
        "item1.rules.repealed": 0,
        "item1.rules.in_force": 0,
        "item1.normative_documents.issued": 8,
        "item1.normative_documents.repealed": 0,
        "item1.normative_documents.in_force": 18,
        "item5.licensing.decisions": 0,
        "item6.penalties.decisions": 0,
        "item6.coercion.decisions": 0,
        "item8.fees.amount": Decimal("0"),
    },
    (_person(26), _person(), _person(26), *[_person()] * 20, _person(26), _person()),
    (0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
)

CORPUS = (HUAIAN, HONGZE, SHUYANG)


def _row(values: tuple[int, ...] = (0,) * 7) -> Row:
    return values


#: the crawled page of the zone (its body on one line, table 3's digits run together): the
#: printed values of the corpus README, rows not listed all 0; table 2 as the page prints it
#: (行政规范性文件 8855698, digits that read many ways, as its narrative states them)
PINGTAN_ZONE = Figures(
    "pingtan-zongheshiyanqu-2022.crawled.txt",
    "平潭综合实验区",
    2022,
    True,
    {
        "item1.rules.issued": 0,
        "item1.rules.repealed": 0,
        "item1.rules.in_force": 0,
        # 8855698 run together, read as its narrative states (698 in force, 88 made)
        "item1.normative_documents.issued": 88,
        "item1.normative_documents.repealed": 55,
        "item1.normative_documents.in_force": 698,
        "item5.licensing.decisions": 10690,
        "item6.penalties.decisions": 2113,
        "item6.coercion.decisions": 0,
        "item8.fees.amount": Decimal("9116.36"),
    },
    (
        (71, 3, 0, 0, 0, 0, 74),
        (1, 0, 0, 0, 0, 0, 1),
        (21, 0, 0, 0, 0, 0, 21),
        (8, 1, 0, 0, 0, 0, 9),
        *[_row()] * 4,
        (1, 0, 0, 0, 0, 0, 1),
        (2, 0, 0, 0, 0, 0, 2),
        (1, 0, 0, 0, 0, 0, 1),
        _row(),
        (37, 0, 0, 0, 0, 0, 37),
        *[_row()] * 7,
        (2, 0, 0, 0, 0, 0, 2),
        _row(),
        (0, 2, 0, 0, 0, 0, 2),
        (72, 3, 0, 0, 0, 0, 75),
        _row(),
    ),
    (0, 1, 1, 0, 2, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0),
)
