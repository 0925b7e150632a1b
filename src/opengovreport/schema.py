"""The report format, declared once.

Every label of 《政府信息公开工作年度报告格式》 lives here, in Chinese exactly as printed and
with an English gloss, together with the keys that the model, the JSON form and cell paths use.
The model, the JSON Schema, and later the renderers, the parser and the checks read these
declarations; no format label is written anywhere else.

Vocabulary (stable; JSON keys and cell paths are built from it):

* sections: ``overview`` (1), ``disclosure`` (2), ``requests`` (3), ``appeals`` (4),
  ``problems`` (5), ``other_matters`` (6);
* table 2 (``disclosure``): blocks ``item1``, ``item5``, ``item6``, ``item8`` and, in the 2019
  edition, ``item9`` (第二十条第（X）项), each with its rows and columns below;
* table 3 (``requests``): :data:`TABLE3_COLUMNS` and :func:`table3_rows`;
* table 4 (``appeals``): :data:`TABLE4_GROUPS` × :data:`TABLE4_COLUMNS`.
"""

import enum
from collections.abc import Iterator

import attrs

from .values import AMOUNT, AMOUNT_WAN, COUNT, SIGNED, Bounds, CellKind

__all__ = [
    "INFO_CONTENT",
    "SECTIONS",
    "TABLE3_APPLICANT",
    "TABLE3_COLUMNS",
    "TABLE3_LEGAL_PERSON",
    "TABLE3_NOTE",
    "TABLE3_OUTCOMES",
    "TABLE4_COLUMNS",
    "TABLE4_GROUPS",
    "TABLE4_LITIGATION",
    "TITLE_SUFFIX",
    "BlockSpec",
    "CellKind",
    "ColumnSpec",
    "Edition",
    "Label",
    "LeafRow",
    "RowSpec",
    "SectionSpec",
    "cell_kind",
    "cell_label",
    "default_title",
    "disclosure_blocks",
    "edition_columns",
    "row_label",
    "section",
    "table3_leaf_rows",
    "table3_outcome_rows",
    "table3_rows",
    "table_number",
]


class Edition(enum.Enum):
    """The edition of the national format a report follows."""

    #: 《…年度报告格式（试行）》, 国办公开办函〔2019〕60号: reports on 2019 and 2020.
    E2019 = "2019"
    #: 《…年度报告格式》 (revised), 国办公开办函〔2021〕30号: reports on 2021 onward.
    E2021 = "2021"

    @classmethod
    def for_year(cls, year: int) -> "Edition":
        """The edition in force for a report on ``year`` (≤ 2020 → 2019 edition)."""
        return cls.E2019 if year <= 2020 else cls.E2021

    def __str__(self) -> str:
        return self.value


@attrs.frozen
class Label:
    """A printed label (Chinese exactly as printed) and its English gloss."""

    zh: str
    en: str

    def text(self, lang: str = "zh") -> str:
        """The label in ``lang`` (``"zh"`` or ``"en"``)."""
        if lang == "zh":
            return self.zh
        if lang == "en":
            return self.en
        raise ValueError(f"unknown language {lang!r}: expected 'zh' or 'en'")


@attrs.frozen
class ColumnSpec:
    """A numeric column: its key, label, what its cells hold (kind and bounds), unit, and the
    spanner printed above it."""

    key: str
    label: Label
    bounds: Bounds = COUNT
    #: printed unit of an amount, e.g. ``"万元"``; ``None`` where none is printed
    unit: str | None = None
    #: the header cell spanning this column and its neighbours (e.g. 法人或其他组织)
    group: Label | None = None

    @property
    def kind(self) -> CellKind:
        """A count, a signed count or an amount."""
        return self.bounds.kind


@attrs.frozen
class RowSpec:
    """A row of table 2 or 3, or a group of rows (with ``children``).

    ``key`` is the row's name in cell paths; a pure label group that adds nothing to the path
    (三、本年度办理结果) has ``key=None``. ``variants`` lists other wordings seen in real reports.
    """

    key: str | None
    label: Label
    children: tuple["RowSpec", ...] = ()
    variants: tuple[str, ...] = ()


@attrs.frozen
class LeafRow:
    """A data row of table 3: its path and its labels, outermost first."""

    path: str
    labels: tuple[Label, ...]

    @property
    def label(self) -> Label:
        """The row's own label."""
        return self.labels[-1]


@attrs.frozen
class BlockSpec:
    """A block of table 2: 第二十条第（X）项, its columns and rows."""

    key: str
    label: Label
    columns: tuple[ColumnSpec, ...]
    rows: tuple[RowSpec, ...]


@attrs.frozen
class SectionSpec:
    """One of the six sections of a report."""

    number: int
    key: str
    heading: Label
    #: ``True`` for the narrative sections 1, 5 and 6; ``False`` for the table sections
    narrative: bool
    variants: tuple[str, ...] = ()


def _l(zh: str, en: str) -> Label:
    return Label(zh, en)


SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec(1, "overview", _l("一、总体情况", "1. Overview"), True),
    SectionSpec(
        2,
        "disclosure",
        _l("二、主动公开政府信息情况", "2. Proactive disclosure of government information"),
        False,
    ),
    SectionSpec(
        3,
        "requests",
        _l(
            "三、收到和处理政府信息公开申请情况",
            "3. Requests for government information received and handled",
        ),
        False,
    ),
    SectionSpec(
        4,
        "appeals",
        _l(
            "四、政府信息公开行政复议、行政诉讼情况",
            "4. Administrative reconsideration and litigation",
        ),
        False,
    ),
    SectionSpec(
        5,
        "problems",
        _l("五、存在的主要问题及改进情况", "5. Main problems and improvements"),
        True,
        variants=("五、政府信息公开工作存在的主要问题及改进情况", "五、存在的主要问题及整改措施"),
    ),
    SectionSpec(
        6, "other_matters", _l("六、其他需要报告的事项", "6. Other matters to report"), True
    ),
)


#: the fixed part of a report's title, after agency and year (practice)
TITLE_SUFFIX = "年政府信息公开工作年度报告"


def default_title(agency: str, year: int) -> str:
    """The usual title, ``<agency><year>年政府信息公开工作年度报告``."""
    return f"{agency}{year}{TITLE_SUFFIX}"


def section(key: str) -> SectionSpec:
    """The declaration of the section named ``key`` (e.g. ``"problems"``)."""
    for spec in SECTIONS:
        if spec.key == key:
            return spec
    known = ", ".join(s.key for s in SECTIONS)
    raise KeyError(f"no section {key!r}; known: {known}")


# --- Table 2: proactive disclosure ----------------------------------------------------------

#: the header of the label column of every table 2 block
INFO_CONTENT = _l("信息内容", "Information")

_RULES = "rules"
_NORMATIVE = "normative_documents"


def _item(n: str, en_n: str) -> Label:
    return _l(f"第二十条第（{n}）项", f"Article 20, item ({en_n})")


_ITEM1 = _item("一", "1")
_ITEM5 = _item("五", "5")
_ITEM6 = _item("六", "6")
_ITEM8 = _item("八", "8")
_ITEM9 = _item("九", "9")
_ROW_RULES = RowSpec(_RULES, _l("规章", "Rules"))
_ROW_LICENSING = RowSpec("licensing", _l("行政许可", "Administrative licensing"))
_ROW_PENALTIES = RowSpec("penalties", _l("行政处罚", "Administrative penalties"))
_ROW_COERCION = RowSpec("coercion", _l("行政强制", "Administrative compulsory measures"))
_ROW_FEES = RowSpec("fees", _l("行政事业性收费", "Administrative fees"))

_LAST_YEAR = ColumnSpec("last_year", _l("上一年项目数量", "Items last year"))
_CHANGE = ColumnSpec("change", _l("本年增/减", "Change this year"), SIGNED)
_DECISIONS_2019 = ColumnSpec("decisions", _l("处理决定数量", "Decisions"))
_DECISIONS_2021 = ColumnSpec("decisions", _l("本年处理决定数量", "Decisions this year"))

_DISCLOSURE_2019: tuple[BlockSpec, ...] = (
    BlockSpec(
        "item1",
        _ITEM1,
        (
            ColumnSpec("new_made", _l("本年新制作数量", "Newly made this year")),
            ColumnSpec("new_disclosed", _l("本年新公开数量", "Newly disclosed this year")),
            ColumnSpec("total_disclosed", _l("对外公开总数量", "Total disclosed")),
        ),
        (
            _ROW_RULES,
            RowSpec(
                _NORMATIVE,
                _l("规范性文件", "Normative documents"),
                variants=("行政规范性文件",),
            ),
        ),
    ),
    BlockSpec(
        "item5",
        _ITEM5,
        (_LAST_YEAR, _CHANGE, _DECISIONS_2019),
        (
            _ROW_LICENSING,
            RowSpec(
                "other_services",
                _l("其他对外管理服务事项", "Other external management and service matters"),
            ),
        ),
    ),
    BlockSpec(
        "item6", _ITEM6, (_LAST_YEAR, _CHANGE, _DECISIONS_2019), (_ROW_PENALTIES, _ROW_COERCION)
    ),
    BlockSpec("item8", _ITEM8, (_LAST_YEAR, _CHANGE), (_ROW_FEES,)),
    BlockSpec(
        "item9",
        _ITEM9,
        (
            ColumnSpec("projects", _l("采购项目数量", "Procurement projects")),
            ColumnSpec("amount", _l("采购总金额", "Total procurement amount"), AMOUNT),
        ),
        (RowSpec("procurement", _l("政府集中采购", "Centralised government procurement")),),
    ),
)

_DISCLOSURE_2021: tuple[BlockSpec, ...] = (
    BlockSpec(
        "item1",
        _ITEM1,
        (
            ColumnSpec("issued", _l("本年制发件数", "Issued this year")),
            ColumnSpec("repealed", _l("本年废止件数", "Repealed this year")),
            ColumnSpec("in_force", _l("现行有效件数", "In force")),
        ),
        (
            _ROW_RULES,
            RowSpec(
                _NORMATIVE,
                _l("行政规范性文件", "Administrative normative documents"),
                variants=("规范性文件",),
            ),
        ),
    ),
    BlockSpec("item5", _ITEM5, (_DECISIONS_2021,), (_ROW_LICENSING,)),
    BlockSpec("item6", _ITEM6, (_DECISIONS_2021,), (_ROW_PENALTIES, _ROW_COERCION)),
    BlockSpec(
        "item8",
        _ITEM8,
        (
            ColumnSpec(
                "amount",
                _l("本年收费金额（单位：万元）", "Fees collected this year (10,000 yuan)"),
                AMOUNT_WAN,
                unit="万元",
            ),
        ),
        (_ROW_FEES,),
    ),
)


def disclosure_blocks(edition: Edition) -> tuple[BlockSpec, ...]:
    """The blocks of table 2 in ``edition``, in printed order."""
    return _DISCLOSURE_2019 if edition is Edition.E2019 else _DISCLOSURE_2021


# --- Table 3: requests received and handled -------------------------------------------------

#: the printed note in the top-left header cell (3 label columns × 3 header rows)
TABLE3_NOTE = _l(
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    "(In each column: item 1 + item 2 = item 3 + item 4)",
)
#: the spanner over all seven numeric columns
TABLE3_APPLICANT = _l("申请人情况", "Applicants")
#: the spanner over the five organisation columns
TABLE3_LEGAL_PERSON = _l("法人或其他组织", "Legal persons or other organisations")

TABLE3_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("natural_person", _l("自然人", "Natural persons")),
    ColumnSpec(
        "commercial_enterprise", _l("商业企业", "Commercial enterprises"), group=TABLE3_LEGAL_PERSON
    ),
    ColumnSpec(
        "research_institution", _l("科研机构", "Research institutions"), group=TABLE3_LEGAL_PERSON
    ),
    ColumnSpec(
        "public_interest_org",
        _l("社会公益组织", "Public-interest organisations"),
        group=TABLE3_LEGAL_PERSON,
    ),
    ColumnSpec(
        "legal_service_org",
        _l("法律服务机构", "Legal-service institutions"),
        group=TABLE3_LEGAL_PERSON,
    ),
    ColumnSpec("other_org", _l("其他", "Other organisations"), group=TABLE3_LEGAL_PERSON),
    ColumnSpec("total", _l("总计", "Total")),
)


def _r(key: str, zh: str, en: str, *variants: str) -> RowSpec:
    return RowSpec(key, _l(zh, en), variants=variants)


#: the level-1 label spanning the outcome rows (3–24 in the 2021 edition)
TABLE3_OUTCOMES = _l("三、本年度办理结果", "3. Outcomes this year")
_OTHER_HANDLING_LABEL = _l("（六）其他处理", "(6) Other handling")
_OTHER_HANDLING_ITEMS: tuple[RowSpec, ...] = (
    _r(
        "overdue_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "Applicant did not correct in time without good reason; not processed further",
    ),
    _r(
        "overdue_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "Applicant did not pay the fee in time; not processed further",
    ),
    _r("other", "3.其他", "Other"),
)


def _outcomes(itemized_other_handling: bool) -> RowSpec:
    other = RowSpec(
        "other_handling",
        _OTHER_HANDLING_LABEL,
        _OTHER_HANDLING_ITEMS if itemized_other_handling else (),
    )
    return RowSpec(
        None,
        TABLE3_OUTCOMES,
        (
            _r("disclosed", "（一）予以公开", "(1) Disclosed"),
            _r(
                "partially_disclosed",
                "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
                "(2) Partly disclosed (counted here only)",
            ),
            RowSpec(
                "withheld",
                _l("（三）不予公开", "(3) Withheld"),
                (
                    _r("state_secret", "1.属于国家秘密", "State secret"),
                    _r(
                        "prohibited_by_law",
                        "2.其他法律行政法规禁止公开",
                        "Disclosure barred by other laws and regulations",
                    ),
                    _r(
                        "endangers_security",
                        "3.危及“三安全一稳定”",
                        'Endangers the "three securities and one stability"',
                    ),
                    _r(
                        "third_party_rights",
                        "4.保护第三方合法权益",
                        "Protects a third party's lawful rights",
                    ),
                    _r(
                        "internal_affairs",
                        "5.属于三类内部事务信息",
                        "Internal-affairs information (three kinds)",
                    ),
                    _r(
                        "process_information",
                        "6.属于四类过程性信息",
                        "Process information (four kinds)",
                    ),
                    _r(
                        "enforcement_files",
                        "7.属于行政执法案卷",
                        "Administrative enforcement files",
                    ),
                    _r(
                        "administrative_inquiry",
                        "8.属于行政查询事项",
                        "Administrative inquiry matters",
                    ),
                ),
            ),
            RowSpec(
                "unable_to_provide",
                _l("（四）无法提供", "(4) Cannot be provided"),
                (
                    _r(
                        "not_held",
                        "1.本机关不掌握相关政府信息",
                        "Not held by this body",
                        "1. 本机关不掌握相关信息",
                    ),
                    _r(
                        "needs_creation",
                        "2.没有现成信息需要另行制作",
                        "Would have to be newly created",
                    ),
                    _r(
                        "unclear_after_correction",
                        "3.补正后申请内容仍不明确",
                        "Still unclear after correction",
                    ),
                ),
            ),
            RowSpec(
                "not_processed",
                _l("（五）不予处理", "(5) Not processed"),
                (
                    _r(
                        "petition_complaint",
                        "1.信访举报投诉类申请",
                        "Petitions, reports, complaints",
                    ),
                    _r("repeated", "2.重复申请", "Repeated requests"),
                    _r("publications", "3.要求提供公开出版物", "Asks for published materials"),
                    _r(
                        "mass_repeated",
                        "4.无正当理由大量反复申请",
                        "Mass repeated requests without good reason",
                    ),
                    _r(
                        "confirm_obtained",
                        "5.要求行政机关确认或重新出具已获取信息",
                        "Asks to confirm or re-issue information already obtained",
                    ),
                ),
            ),
            other,
            _r("total_handled", "（七）总计", "(7) Total handled"),
        ),
    )


def _table3(itemized_other_handling: bool) -> tuple[RowSpec, ...]:
    return (
        _r("new_received", "一、本年新收政府信息公开申请数量", "1. Requests newly received"),
        _r("carried_over", "二、上年结转政府信息公开申请数量", "2. Carried over from last year"),
        _outcomes(itemized_other_handling),
        _r("carried_forward", "四、结转下年度继续办理", "4. Carried forward to next year"),
    )


_TABLE3_ROWS = {True: _table3(True), False: _table3(False)}


def _leaves(rows: tuple[RowSpec, ...], prefix: str, labels: tuple[Label, ...]) -> Iterator[LeafRow]:
    for row in rows:
        path = prefix if row.key is None else f"{prefix}.{row.key}"
        chain = (*labels, row.label)
        if row.children:
            yield from _leaves(row.children, path, chain)
        else:
            yield LeafRow(path.removeprefix("."), chain)


def table3_rows(itemized_other_handling: bool = True) -> tuple[RowSpec, ...]:
    """The row tree of table 3.

    ``itemized_other_handling=True`` is the 2021 edition (（六）其他处理 as three items, 25 data
    rows); ``False`` prints （六） as one row, as the 2019 edition and some 2021-edition reports do
    (23 data rows).
    """
    return _TABLE3_ROWS[itemized_other_handling]


def table3_leaf_rows(itemized_other_handling: bool = True) -> tuple[LeafRow, ...]:
    """The data rows of table 3 in printed order, each with its path (e.g.
    ``withheld.state_secret``) and its label chain."""
    return _TABLE3_LEAVES[itemized_other_handling]


_TABLE3_LEAVES = {k: tuple(_leaves(v, "", ())) for k, v in _TABLE3_ROWS.items()}


def table3_outcome_rows(itemized_other_handling: bool = True) -> tuple[LeafRow, ...]:
    """The outcome rows whose sum is （七）总计 (identity I2): （一）, （二） and every item of
    （三）–（六）."""
    return tuple(
        leaf
        for leaf in _TABLE3_LEAVES[itemized_other_handling]
        if leaf.labels[0] == TABLE3_OUTCOMES and leaf.path != "total_handled"
    )


# --- Table 4: reconsideration and litigation ------------------------------------------------

#: the spanner over the two litigation groups
TABLE4_LITIGATION = _l("行政诉讼", "Administrative litigation")

#: (key, label, spanner above it or ``None``)
TABLE4_GROUPS: tuple[tuple[str, Label, Label | None], ...] = (
    ("reconsideration", _l("行政复议", "Administrative reconsideration"), None),
    ("litigation_direct", _l("未经复议直接起诉", "Filed directly"), TABLE4_LITIGATION),
    (
        "litigation_after_reconsideration",
        _l("复议后起诉", "Filed after reconsideration"),
        TABLE4_LITIGATION,
    ),
)

TABLE4_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("upheld", _l("结果维持", "Upheld")),
    ColumnSpec("corrected", _l("结果纠正", "Corrected")),
    ColumnSpec("other", _l("其他结果", "Other result")),
    ColumnSpec("pending", _l("尚未审结", "Not yet concluded")),
    ColumnSpec("total", _l("总计", "Total")),
)


# --- labels of cells ------------------------------------------------------------------------

_LEAF_BY_PATH = {k: {leaf.path: leaf for leaf in v} for k, v in _TABLE3_LEAVES.items()}
_COLUMN_BY_KEY = {c.key: c for c in TABLE3_COLUMNS}
_TABLE4_COLUMN_BY_KEY = {c.key: c for c in TABLE4_COLUMNS}
_TABLE4_GROUP_BY_KEY = {key: (label, spanner) for key, label, spanner in TABLE4_GROUPS}


def _join(labels: tuple[Label, ...], lang: str) -> str:
    if lang == "en":
        return " / ".join(label.en for label in labels)
    # as printed: 三、本年度办理结果（三）不予公开 1.属于国家秘密
    head = "".join(label.zh for label in labels[:2])
    return " ".join((head, *(label.zh for label in labels[2:])))


def _unknown(path: str) -> KeyError:
    return KeyError(f"no cell {path!r} in the format")


def row_label(path: str, lang: str = "zh") -> str:
    """The printed label of a table 3 row, e.g. ``"withheld.state_secret"`` →
    ``三、本年度办理结果（三）不予公开 1.属于国家秘密``."""
    itemized = path.startswith("other_handling.")
    leaf = _LEAF_BY_PATH[itemized].get(path)
    if leaf is None:
        raise KeyError(f"no row {path!r} in table 3")
    return _join(leaf.labels, lang)


#: the labels :func:`cell_label` has composed, by (path, language), for 2019 and for 2021
_CELL_LABELS: tuple[dict[tuple[str, str], str], dict[tuple[str, str], str]] = ({}, {})


def cell_label(path: str, edition: Edition, lang: str = "zh") -> str:
    """The printed label of the cell at ``path`` in ``edition``: its row and column labels, e.g.
    ``三、本年度办理结果（三）不予公开 1.属于国家秘密 × 自然人``."""
    labels = _CELL_LABELS[edition is Edition.E2021]
    found = labels.get((path, lang))
    if found is None:
        found = labels[(path, lang)] = _compose_cell_label(path, edition, lang)
    return found


def _compose_cell_label(path: str, edition: Edition, lang: str) -> str:
    table, _, rest = path.partition(".")
    row, _, column = rest.rpartition(".")
    if table == "requests" and column in _COLUMN_BY_KEY:
        try:
            return f"{row_label(row, lang)} × {_COLUMN_BY_KEY[column].label.text(lang)}"
        except KeyError:
            raise _unknown(path) from None
    if table == "appeals" and row in _TABLE4_GROUP_BY_KEY and column in _TABLE4_COLUMN_BY_KEY:
        label, spanner = _TABLE4_GROUP_BY_KEY[row]
        sep = " / " if lang == "en" else " "
        group = (
            label.text(lang) if spanner is None else f"{spanner.text(lang)}{sep}{label.text(lang)}"
        )
        return f"{group} × {_TABLE4_COLUMN_BY_KEY[column].label.text(lang)}"
    if table == "disclosure":
        block_key, _, row_key = row.partition(".")
        for block in disclosure_blocks(edition):
            if block.key != block_key:
                continue
            rows = {r.key: r for r in block.rows}
            cols = {c.key: c for c in block.columns}
            if row_key in rows and column in cols:
                sep = " / " if lang == "en" else " "
                return (
                    f"{block.label.text(lang)}{sep}{rows[row_key].label.text(lang)} × "
                    f"{cols[column].label.text(lang)}"
                )
    raise _unknown(path)


def table_number(path: str) -> int:
    """The table a cell path belongs to: 2 (``disclosure``), 3 (``requests``), 4 (``appeals``)
    — the number of its section."""
    key = path.partition(".")[0]
    spec = section(key)
    if spec.narrative:
        raise KeyError(f"{key!r} is a narrative section, not a table")
    return spec.number


def cell_kind(path: str, edition: Edition) -> CellKind:
    """What the cell at ``path`` holds in ``edition``: a count, a signed count or an amount."""
    table, _, rest = path.partition(".")
    if table == "disclosure":
        block_key, _, rest = rest.partition(".")
        column = rest.rpartition(".")[2]
        for block in disclosure_blocks(edition):
            if block.key == block_key:
                for col in block.columns:
                    if col.key == column:
                        return col.kind
        raise _unknown(path)
    return CellKind.COUNT


def edition_columns(edition: Edition) -> tuple[Label, ...]:
    """The table 2 column labels printed only in ``edition``, and not inside a label of the
    other (2019's 处理决定数量 stands inside 2021's 本年处理决定数量): what tells the editions
    apart in a printed table."""
    other = Edition.E2021 if edition is Edition.E2019 else Edition.E2019
    theirs = [c.label.zh for b in disclosure_blocks(other) for c in b.columns]
    ours = {c.label.zh: c.label for b in disclosure_blocks(edition) for c in b.columns}
    return tuple(label for zh, label in ours.items() if not any(zh in t or t in zh for t in theirs))
