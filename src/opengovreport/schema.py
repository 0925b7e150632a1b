"""The report format, declared once: one :class:`Shape` per edition and layout.

A shape holds everything the rest of the library knows about a report's form: its six sections
(headings, the words that recognise them), its three tables (every row and column with its key,
its label in Chinese exactly as printed and an English gloss, what its cells hold, the header
cells spanning them), the model class of each table, and the identities (勾稽关系) as data — each
relation a rule code, the cells on each side with their weights, and an operator. The model, the
JSON form and its schema, the builders, the checks, the renderers, the parser, the corpus and
the test strategies all read shapes; no format label or key is written anywhere else.

Three shapes are registered: :data:`SHAPE_2019`, :data:`SHAPE_2021` (（六）其他处理 as three items)
and :data:`SHAPE_2021_SINGLE` (the hybrid: a 2021-edition report printing （六） as one row).
:func:`register` adds another (``docs/extending.md``).

Vocabulary (stable; JSON keys and cell paths are built from it): sections ``overview`` (1),
``disclosure`` (2), ``requests`` (3), ``appeals`` (4), ``problems`` (5), ``other_matters`` (6);
a cell's path is ``<table>.<part>.<row>.<column>`` with the part and the rows of label-only
groups left out, e.g. ``disclosure.item1.rules.issued``, ``requests.withheld.state_secret.total``,
``appeals.litigation_direct.upheld``.
"""

import enum
import functools
import re
import types
import typing
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import attrs

from . import model as m
from ._messages import load_catalogue
from .errors import InputError, NotFoundError, WrongTypeError, first
from .values import (
    AMOUNT,
    AMOUNT_WAN,
    COUNT,
    LANGS,
    SIGNED,
    Bounds,
    CellKind,
    Edition,
    Severity,
    check_lang,
)

__all__ = [
    "GRAMMAR",
    "INDICATORS",
    "KEY_INDICATORS",
    "LANGS",
    "OUTCOME_GROUPS",
    "OVERVIEW_TOPICS",
    "RULES",
    "RUNNING_FIGURES",
    "SHAPE_2019",
    "SHAPE_2021",
    "SHAPE_2021_SINGLE",
    "STATED_CARRIED_OVER",
    "STATED_FIGURES",
    "STATED_KINDS",
    "STATED_WORDS",
    "TITLE_SUFFIX",
    "Bounds",
    "Cell",
    "CellKind",
    "Clause",
    "Code",
    "Column",
    "ContactField",
    "Edition",
    "Form",
    "Label",
    "Part",
    "Reading",
    "Relation",
    "Row",
    "Rule",
    "RunningFigure",
    "Scope",
    "SectionSpec",
    "Shape",
    "StatedWord",
    "Status",
    "Table",
    "Term",
    "Topic",
    "balance_relations",
    "contact_fields",
    "contact_of",
    "contact_sentence",
    "default_title",
    "indicator",
    "pair_relations",
    "register",
    "rule",
    "shape",
    "shape_of",
    "shapes",
    "sum_relations",
    "table_name",
    "table_of",
    "unregister",
]


@attrs.frozen
class Label:
    """A printed label (Chinese exactly as printed) and its English gloss."""

    zh: str
    en: str

    def text(self, lang: str = "zh") -> str:
        """The label in ``lang`` (``"zh"`` or ``"en"``)."""
        check_lang(lang)
        return self.zh if lang == "zh" else self.en


def _l(zh: str, en: str) -> Label:
    return Label(zh, en)


def join(labels: Sequence[Label], lang: str) -> str:
    """Labels of nested headers as one, as a reader writes them: Chinese without a space before
    a bracketed numeral (``三、本年度办理结果（三）不予公开 1.属于国家秘密``), English with
    `` / ``."""
    if lang == "en":
        return " / ".join(x.en for x in labels)
    out = ""
    for label in labels:
        text = label.zh
        out += text if not out or text.startswith(("（", "(")) else f" {text}"
    return out


# --- the parts of a table -------------------------------------------------------------------


@attrs.frozen
class Column:
    """A numeric column: its key, label, what its cells hold, unit, and the header cells printed
    above it."""

    key: str
    label: Label
    bounds: Bounds = COUNT
    #: printed unit of an amount, e.g. ``"万元"``; ``None`` where none is printed
    unit: str | None = None
    #: the header cells spanning this column and its neighbours, outermost first
    groups: tuple[Label, ...] = ()
    #: the sum of the other columns of its row (总计)
    total: bool = False
    #: a shorter name, where a layout has little room (公益组织 for 社会公益组织)
    short: Label | None = None

    @property
    def kind(self) -> CellKind:
        """A count, a signed count or an amount."""
        return self.bounds.kind


@attrs.frozen
class Row:
    """A row, or a group of rows (with ``children``). ``key`` is its name in cell paths; a
    label-only group that adds nothing to the path (三、本年度办理结果, 行政诉讼) has ``key=None``.
    ``variants`` lists other wordings seen in real reports."""

    key: str | None
    label: Label
    children: tuple["Row", ...] = ()
    variants: tuple[str, ...] = ()
    #: the sum of the other leaf rows of its group (（七）总计)
    total: bool = False


@attrs.frozen
class Leaf:
    """A data row: its path in the table (``withheld.state_secret``) and its labels, outermost
    first."""

    path: str
    labels: tuple[Label, ...]
    spec: Row

    @property
    def label(self) -> Label:
        """The row's own label."""
        return self.labels[-1]


def _leaves(rows: Sequence[Row], prefix: str, labels: tuple[Label, ...]) -> Iterator[Leaf]:
    for row in rows:
        path = prefix if row.key is None else f"{prefix}.{row.key}".lstrip(".")
        chain = (*labels, row.label)
        if row.children:
            yield from _leaves(row.children, path, chain)
        else:
            yield Leaf(path, chain, row)


@attrs.frozen(cache_hash=True)
class Part:
    """A rectangular piece of a printed table: tables 3 and 4 are one part each, table 2 one
    part per 第二十条第（X）项 block.

    ``layout="rows"`` prints each leaf row as a line under the column headers; ``"across"``
    prints the rows side by side in one line, their labels becoming header cells above the
    columns (table 4: 行政复议, 行政诉讼 over 未经复议直接起诉 and 复议后起诉, each over its five
    columns).
    """

    #: the part's name in cell paths (``item1``), or ``None``
    key: str | None
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    #: a full-width row above the part (第二十条第（一）项)
    band: Label | None = None
    #: the header cell over the label columns (table 3's 勾稽关系 note, table 2's 信息内容)
    corner: Label | None = None
    layout: str = "rows"

    @functools.cached_property
    def leaves(self) -> tuple[Leaf, ...]:
        """The data rows in printed order (paths relative to the part)."""
        return tuple(_leaves(self.rows, "", ()))


@attrs.frozen(cache_hash=True)
class Table:
    """One of the three tables: its key (the report's field), number (its section's), heading,
    parts, and the model class that holds it."""

    key: str
    number: int
    heading: Label
    parts: tuple[Part, ...]
    model: type

    def row(self, path: str) -> Row:
        """The row or group at ``path`` in the table (``other_handling``, ``item1.rules``)."""

        def find(rows: Sequence[Row], prefix: str) -> Row | None:
            for row in rows:
                here = prefix if row.key is None else f"{prefix}.{row.key}".lstrip(".")
                if here == path and row.key is not None:
                    return row
                found = find(row.children, here)
                if found is not None:
                    return found
            return None

        for part in self.parts:
            found = find(part.rows, part.key or "")
            if found is not None:
                return found
        raise NotFoundError(f"no row {path!r} in table {self.number}")


@attrs.frozen
class Cell:
    """A cell of a shape: its path, table, row and column, what it holds, and its labels."""

    #: e.g. ``requests.withheld.state_secret.natural_person``
    path: str
    table: int
    #: the row's path in its table (``withheld.state_secret``; table 2: ``item1.rules``)
    row: str
    #: the column's key (``natural_person``)
    column: str
    bounds: Bounds
    #: the row's labels, outermost first (table 2: the block's band first)
    row_labels: tuple[Label, ...]
    column_label: Label

    @property
    def kind(self) -> CellKind:
        return self.bounds.kind

    def row_label(self, lang: str = "zh") -> str:
        """The row as printed, e.g. ``三、本年度办理结果（三）不予公开 1.属于国家秘密``."""
        return join(self.row_labels, lang)

    def label(self, lang: str = "zh") -> str:
        """Row × column as printed, e.g.
        ``三、本年度办理结果（三）不予公开 1.属于国家秘密 × 自然人``."""
        return f"{self.row_label(lang)} × {self.column_label.text(lang)}"


# --- sections -------------------------------------------------------------------------------


@attrs.frozen
class SectionSpec:
    """One of the six sections of a report: its number, key, heading as printed, variants seen,
    and a pattern that recognises its heading (on the text with full-width forms folded and
    spaces removed)."""

    number: int
    key: str
    heading: Label
    #: ``True`` for the narrative sections 1, 5 and 6; ``False`` for the table sections
    narrative: bool
    variants: tuple[str, ...] = ()
    pattern: str = ""


SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec(
        1, "overview", _l("一、总体情况", "1. Overview"), True, pattern=r"^一[、.,]?.{0,6}总体情况"
    ),
    SectionSpec(
        2,
        "disclosure",
        _l("二、主动公开政府信息情况", "2. Proactive disclosure of government information"),
        False,
        pattern=r"^二[、.,]?.{0,4}主动公开",
    ),
    SectionSpec(
        3,
        "requests",
        _l(
            "三、收到和处理政府信息公开申请情况",
            "3. Requests for government information received and handled",
        ),
        False,
        pattern=r"^三[、.,]?.{0,4}收到和处理",
    ),
    SectionSpec(
        4,
        "appeals",
        _l(
            "四、政府信息公开行政复议、行政诉讼情况",
            "4. Administrative reconsideration and litigation",
        ),
        False,
        pattern=r"^四[、.,]?.{0,12}(行政复议|行政诉讼|行政法复议)",
    ),
    SectionSpec(
        5,
        "problems",
        _l("五、存在的主要问题及改进情况", "5. Main problems and improvements"),
        True,
        variants=("五、政府信息公开工作存在的主要问题及改进情况", "五、存在的主要问题及整改措施"),
        pattern=r"^五[、.,]?.{0,20}问题",
    ),
    SectionSpec(
        6,
        "other_matters",
        _l("六、其他需要报告的事项", "6. Other matters to report"),
        True,
        pattern=r"^六[、.,]?.{0,6}其他",
    ),
)

#: the fixed part of a report's title, after agency and year (practice)
TITLE_SUFFIX = "年政府信息公开工作年度报告"
#: what every title holds, whatever the agency writes before it
TITLE_WORDS = "年度报告"


def default_title(agency: str, year: int) -> str:
    """The usual title, ``<agency><year>年政府信息公开工作年度报告``."""
    return f"{agency}{year}{TITLE_SUFFIX}"


def section(key: str) -> SectionSpec:
    """The declaration of the section named ``key`` (e.g. ``"problems"``)."""
    known = ", ".join(s.key for s in SECTIONS)
    return first(SECTIONS, lambda s: s.key == key, f"no section {key!r}; known: {known}")


@attrs.frozen
class ContactField:
    """A contact detail of the front matter: its key in :class:`~opengovreport.Contact`, its
    label, and the pattern that finds its value in a sentence (group 1)."""

    key: str
    label: Label
    pattern: str


_CONTACT = (
    ContactField("office", _l("联系机构", "Office"), r"请与(.{2,40}?)联系"),
    ContactField("address", _l("地址", "Address"), r"地址[:：]\s*([^，,；;。）)]+)"),
    ContactField("postcode", _l("邮编", "Postcode"), r"邮编[:：]\s*(\d{6})"),
    ContactField("phone", _l("电话", "Phone"), r"(?<!传真)电话[:：]\s*([\d\-—－–()（） ]{7,}\d)"),
    ContactField("fax", _l("传真", "Fax"), r"传真[:：]\s*([\d\-—－–()（） ]{7,}\d)"),
    ContactField(
        "email",
        _l("电子邮箱", "E-mail"),
        r"(?:电子邮箱|邮箱|电子信箱|E-?mail)[:：]\s*([\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+)",
    ),
    ContactField(
        "website", _l("网址", "Website"), r"(https?://[\w./\-?=&%#]+|www\.[\w\-]+(?:\.[\w\-]+)+/?)"
    ),
)


def contact_fields() -> tuple[ContactField, ...]:
    """The contact details a report's front matter states, in the order a sentence gives them."""
    return _CONTACT


#: the words a field's pattern starts with (after a look-behind), where it starts with words: a
#: match starts where they stand, so the search starts at their first place ("" where none)
_CONTACT_WORDS = re.compile(r"^(?:\(\?<!\w+\))?([\u4e00-\u9fff]+)")
_CONTACT_PATTERNS = tuple(
    (f.key, re.compile(f.pattern), words.group(1) if words else "")
    for f in _CONTACT
    for words in [_CONTACT_WORDS.match(f.pattern)]
)
#: the standard contact sentence: its opening, the office between, the details in brackets
_CONTACT_OPENING = ("如对本报告有疑问，请与", "联系", "如对本报告有疑问，请联系")


def contact_of(text: str) -> "m.Contact | None":
    """The contact details ``text`` states (a front matter's sentences), or ``None``."""
    found = {}
    for key, pattern, words in _CONTACT_PATTERNS:
        at = text.find(words)  # (0 where it starts with no words)
        match = pattern.search(text, at) if at >= 0 else None
        if match:
            found[key] = match.group(1).strip()
    return m.Contact(**found) if found else None


def contact_sentence(contact: "m.Contact") -> str:
    """The standard sentence stating ``contact`` (如对本报告有疑问，请与…联系（地址：…）。),
    which :func:`contact_of` reads back; the details given, in the format's order."""
    details = "，".join(
        f"{f.label.zh}：{getattr(contact, f.key)}"
        for f in _CONTACT
        if f.key != "office" and getattr(contact, f.key)
    )
    opening, between, bare = _CONTACT_OPENING
    head = f"{opening}{contact.office}{between}" if contact.office else bare
    return f"{head}（{details}）。" if details else f"{head}。"


# --- table 2's figures that run on from year to year --------------------------------------------


@attrs.frozen
class RunningFigure:
    """A table 2 column whose figure runs on from last year's: this year's is last year's moved
    by this year's columns (2021 现行有效件数 = last year's + 本年制发件数 − 本年废止件数, the T2
    plausibility; 2019 对外公开总数量 = last year's + 本年新公开数量), or, with ``from_columns``,
    is last year's sum of those (2019 上一年项目数量 = last year's 上一年项目数量 + 本年增/减)."""

    column: str
    moves: tuple[tuple[str, int], ...] = ()
    from_columns: tuple[str, ...] = ()


#: the running figures of table 2, in both editions (by column key)
RUNNING_FIGURES: tuple[RunningFigure, ...] = (
    RunningFigure("in_force", (("issued", 1), ("repealed", -1))),
    RunningFigure("total_disclosed", (("new_disclosed", 1),)),
    RunningFigure("last_year", from_columns=("last_year", "change")),
)


# --- section 1: its topics and the sentences that state the tables' figures ------------------


@attrs.frozen
class Clause:
    """A clause of section 1 that states figures of the tables: its text with a ``{}`` for each
    figure, and for each figure the cells it sums (paths in the shape)."""

    text: str
    figures: tuple[tuple[str, ...], ...]


@attrs.frozen
class Topic:
    """A standard sub-heading of section 1 (（一）主动公开 …) and, by edition, its sentences of
    figures (each a tuple of clauses joined by commas)."""

    heading: Label
    sentences: tuple[tuple[Clause, ...], ...] = ()
    sentences_2019: tuple[tuple[Clause, ...], ...] | None = None

    def sentences_of(self, edition: Edition) -> tuple[tuple[Clause, ...], ...]:
        """The sentences of ``edition`` (the 2019 ones where they differ)."""
        if edition is Edition.E2019 and self.sentences_2019 is not None:
            return self.sentences_2019
        return self.sentences


def _c(text: str, *figures: str | tuple[str, ...]) -> Clause:
    return Clause(text, tuple((f,) if isinstance(f, str) else f for f in figures))


_D, _R, _A = "disclosure.", "requests.", "appeals."
_REQUESTS = (
    (
        _c("本年度新收政府信息公开申请{}件", f"{_R}new_received.total"),
        _c("上年结转{}件", f"{_R}carried_over.total"),
    ),
    (
        _c("办结{}件", f"{_R}total_handled.total"),
        _c("其中予以公开{}件", f"{_R}disclosed.total"),
        _c("部分公开{}件", f"{_R}partially_disclosed.total"),
    ),
    (_c("结转下年度继续办理{}件", f"{_R}carried_forward.total"),),
    (
        _c("因政府信息公开被申请行政复议{}件", f"{_A}reconsideration.total"),
        _c(
            "被提起行政诉讼{}件",
            (f"{_A}litigation_direct.total", f"{_A}litigation_after_reconsideration.total"),
        ),
    ),
)
_DOCUMENTS_2021 = tuple(
    _c(text, f"{_D}item1.rules.{key}", f"{_D}item1.normative_documents.{key}")
    for text, key in (
        ("本年度制发规章{}件、行政规范性文件{}件", "issued"),
        ("废止规章{}件、行政规范性文件{}件", "repealed"),
        ("现行有效规章{}件、行政规范性文件{}件", "in_force"),
    )
)
_DOCUMENTS_2019 = tuple(
    _c(text, f"{_D}item1.rules.{key}", f"{_D}item1.normative_documents.{key}")
    for text, key in (
        ("本年度新制作规章{}件、规范性文件{}件", "new_made"),
        ("新公开规章{}件、规范性文件{}件", "new_disclosed"),
    )
)
_DECISIONS = (
    _c("作出行政许可决定{}件", f"{_D}item5.licensing.decisions"),
    _c("行政处罚决定{}件", f"{_D}item6.penalties.decisions"),
    _c("行政强制决定{}件", f"{_D}item6.coercion.decisions"),
)

#: section 1's standard topics (FORMAT.md: in practice five, each a （一）…（五） sub-heading)
OVERVIEW_TOPICS: tuple[Topic, ...] = (
    Topic(
        _l("（一）主动公开", "(1) Proactive disclosure"),
        (_DOCUMENTS_2021, _DECISIONS, (_c("收取行政事业性收费{}万元", f"{_D}item8.fees.amount"),)),
        (
            _DOCUMENTS_2019,
            (
                *_DECISIONS[:1],
                _c("其他对外管理服务事项处理决定{}件", f"{_D}item5.other_services.decisions"),
                *_DECISIONS[1:],
            ),
            (
                _c("政府集中采购项目{}个", f"{_D}item9.procurement.projects"),
                _c("采购总金额{}元", f"{_D}item9.procurement.amount"),
            ),
        ),
    ),
    Topic(_l("（二）依申请公开", "(2) Disclosure on request"), _REQUESTS),
    Topic(_l("（三）政府信息管理", "(3) Information management")),
    Topic(_l("（四）政府信息公开平台建设", "(4) Disclosure platforms")),
    Topic(_l("（五）监督保障", "(5) Oversight and safeguards")),
)


# --- table 2: proactive disclosure ----------------------------------------------------------

#: the header of the label column of every table 2 block
INFO_CONTENT = _l("信息内容", "Information")


def _item(n: int) -> Label:
    return _l(f"第二十条第（{'一二三四五六七八九'[n - 1]}）项", f"Article 20, item ({n})")


_ROW_RULES = Row("rules", _l("规章", "Rules"))
_ROW_LICENSING = Row("licensing", _l("行政许可", "Administrative licensing"))
_ROW_OTHER_SERVICES = Row(
    "other_services", _l("其他对外管理服务事项", "Other external management and service matters")
)
_ROW_PENALTIES = Row("penalties", _l("行政处罚", "Administrative penalties"))
_ROW_COERCION = Row("coercion", _l("行政强制", "Administrative compulsory measures"))
_ROW_FEES = Row("fees", _l("行政事业性收费", "Administrative fees"))
_ROW_PROCUREMENT = Row("procurement", _l("政府集中采购", "Centralised government procurement"))
#: the normative documents as the 2019 edition names them, and as the 2021 edition does; each
#: edition's name is the other's variant
_NORMATIVE = _l("规范性文件", "Normative documents")
_ADMINISTRATIVE_NORMATIVE = _l("行政规范性文件", "Administrative normative documents")
_NEW_MADE = Column("new_made", _l("本年新制作数量", "Newly made this year"))
_NEW_DISCLOSED = Column("new_disclosed", _l("本年新公开数量", "Newly disclosed this year"))
_TOTAL_DISCLOSED = Column("total_disclosed", _l("对外公开总数量", "Total disclosed"))
_ISSUED = Column("issued", _l("本年制发件数", "Issued this year"))
_REPEALED = Column("repealed", _l("本年废止件数", "Repealed this year"))
_IN_FORCE = Column("in_force", _l("现行有效件数", "In force"))
_LAST_YEAR = Column("last_year", _l("上一年项目数量", "Items last year"))
_CHANGE = Column("change", _l("本年增/减", "Change this year"), SIGNED)
_DECISIONS_2019 = Column("decisions", _l("处理决定数量", "Decisions"))
_DECISIONS_2021 = Column("decisions", _l("本年处理决定数量", "Decisions this year"))
_PROJECTS = Column("projects", _l("采购项目数量", "Procurement projects"))
_PROCUREMENT_AMOUNT = Column("amount", _l("采购总金额", "Total procurement amount"), AMOUNT)
_FEES_AMOUNT = Column(
    "amount",
    _l("本年收费金额（单位：万元）", "Fees collected this year (10,000 yuan)"),
    AMOUNT_WAN,
    unit="万元",
)


def _block(n: int, columns: tuple[Column, ...], rows: tuple[Row, ...]) -> Part:
    """第二十条第（n）项's part of table 2."""
    return Part(f"item{n}", columns, rows, band=_item(n), corner=INFO_CONTENT)


def _documents(columns: tuple[Column, ...], normative: Label, variant: Label) -> Part:
    """第二十条第（一）项: 规章 and the normative documents, as each edition names them."""
    documents = Row("normative_documents", normative, variants=(variant.zh,))
    return _block(1, columns, (_ROW_RULES, documents))


def _table2(model: type, *parts: Part) -> Table:
    """Table 2 of an edition: its parts under the one heading both editions print."""
    return Table(
        "disclosure",
        2,
        _l("二、主动公开政府信息情况", "2. Proactive disclosure of government information"),
        parts,
        model,
    )


TABLE2_2019 = _table2(
    m.Disclosure2019,
    _documents(
        (_NEW_MADE, _NEW_DISCLOSED, _TOTAL_DISCLOSED), _NORMATIVE, _ADMINISTRATIVE_NORMATIVE
    ),
    _block(5, (_LAST_YEAR, _CHANGE, _DECISIONS_2019), (_ROW_LICENSING, _ROW_OTHER_SERVICES)),
    _block(6, (_LAST_YEAR, _CHANGE, _DECISIONS_2019), (_ROW_PENALTIES, _ROW_COERCION)),
    _block(8, (_LAST_YEAR, _CHANGE), (_ROW_FEES,)),
    _block(9, (_PROJECTS, _PROCUREMENT_AMOUNT), (_ROW_PROCUREMENT,)),
)

TABLE2_2021 = _table2(
    m.Disclosure2021,
    _documents((_ISSUED, _REPEALED, _IN_FORCE), _ADMINISTRATIVE_NORMATIVE, _NORMATIVE),
    _block(5, (_DECISIONS_2021,), (_ROW_LICENSING,)),
    _block(6, (_DECISIONS_2021,), (_ROW_PENALTIES, _ROW_COERCION)),
    _block(8, (_FEES_AMOUNT,), (_ROW_FEES,)),
)


# --- table 3: requests received and handled -------------------------------------------------

#: the printed note in the top-left header cell (3 label columns × 3 header rows)
TABLE3_NOTE = _l(
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    "(In each column: item 1 + item 2 = item 3 + item 4)",
)
_APPLICANT = _l("申请人情况", "Applicants")
_LEGAL_PERSON = _l("法人或其他组织", "Legal persons or other organisations")


def _applicant(
    key: str, zh: str, en: str, short: tuple[str, str], legal_person: bool = True
) -> Column:
    groups = (_APPLICANT, _LEGAL_PERSON) if legal_person else (_APPLICANT,)
    return Column(key, _l(zh, en), groups=groups, short=_l(*short))


TABLE3_COLUMNS: tuple[Column, ...] = (
    _applicant(
        "natural_person", "自然人", "Natural persons", ("自然人", "Persons"), legal_person=False
    ),
    _applicant(
        "commercial_enterprise", "商业企业", "Commercial enterprises", ("商业企业", "Business")
    ),
    _applicant(
        "research_institution", "科研机构", "Research institutions", ("科研机构", "Research")
    ),
    _applicant(
        "public_interest_org",
        "社会公益组织",
        "Public-interest organisations",
        ("公益组织", "Charity"),
    ),
    _applicant(
        "legal_service_org", "法律服务机构", "Legal-service institutions", ("法律服务", "Legal")
    ),
    _applicant("other_org", "其他", "Other organisations", ("其他", "Other")),
    Column(
        "total", _l("总计", "Total"), groups=(_APPLICANT,), total=True, short=_l("总计", "Total")
    ),
)


def _r(key: str, zh: str, en: str, *variants: str) -> Row:
    return Row(key, _l(zh, en), variants=variants)


#: the level-1 label spanning the outcome rows (3–24 in the 2021 edition)
TABLE3_OUTCOMES = _l("三、本年度办理结果", "3. Outcomes this year")
_OTHER_HANDLING = _l("（六）其他处理", "(6) Other handling")
_OTHER_HANDLING_ITEMS: tuple[Row, ...] = (
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
_WITHHELD = Row(
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
        _r("third_party_rights", "4.保护第三方合法权益", "Protects a third party's lawful rights"),
        _r(
            "internal_affairs",
            "5.属于三类内部事务信息",
            "Internal-affairs information (three kinds)",
        ),
        _r("process_information", "6.属于四类过程性信息", "Process information (four kinds)"),
        _r("enforcement_files", "7.属于行政执法案卷", "Administrative enforcement files"),
        _r("administrative_inquiry", "8.属于行政查询事项", "Administrative inquiry matters"),
    ),
)
_UNABLE = Row(
    "unable_to_provide",
    _l("（四）无法提供", "(4) Cannot be provided"),
    (
        _r(
            "not_held",
            "1.本机关不掌握相关政府信息",
            "Not held by this body",
            "1. 本机关不掌握相关信息",
        ),
        _r("needs_creation", "2.没有现成信息需要另行制作", "Would have to be newly created"),
        _r(
            "unclear_after_correction",
            "3.补正后申请内容仍不明确",
            "Still unclear after correction",
        ),
    ),
)
_NOT_PROCESSED = Row(
    "not_processed",
    _l("（五）不予处理", "(5) Not processed"),
    (
        _r("petition_complaint", "1.信访举报投诉类申请", "Petitions, reports, complaints"),
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
)


def table3_rows(other_handling: Row) -> tuple[Row, ...]:
    """The row tree of table 3 with ``other_handling`` as its （六）: the standard rows, for a
    shape that changes only （六） (or, with :func:`attrs.evolve`, only some rows)."""
    return (
        _r("new_received", "一、本年新收政府信息公开申请数量", "1. Requests newly received"),
        _r("carried_over", "二、上年结转政府信息公开申请数量", "2. Carried over from last year"),
        Row(
            None,
            TABLE3_OUTCOMES,
            (
                _r("disclosed", "（一）予以公开", "(1) Disclosed"),
                _r(
                    "partially_disclosed",
                    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
                    "(2) Partly disclosed (counted here only)",
                ),
                _WITHHELD,
                _UNABLE,
                _NOT_PROCESSED,
                other_handling,
                Row("total_handled", _l("（七）总计", "(7) Total handled"), total=True),
            ),
        ),
        _r("carried_forward", "四、结转下年度继续办理", "4. Carried forward to next year"),
    )


_TABLE3_HEADING = _l(
    "三、收到和处理政府信息公开申请情况",
    "3. Requests for government information received and handled",
)


def table3(other_handling: Row, model: type = m.Requests) -> Table:
    """Table 3 with ``other_handling`` as its （六）."""
    part = Part(None, TABLE3_COLUMNS, table3_rows(other_handling), corner=TABLE3_NOTE)
    return Table("requests", 3, _TABLE3_HEADING, (part,), model)


#: （六）其他处理 as three items (the 2021 edition)
OTHER_HANDLING_ITEMIZED = Row("other_handling", _OTHER_HANDLING, _OTHER_HANDLING_ITEMS)
#: （六）其他处理 as one row (the 2019 edition, and some 2021-edition reports)
OTHER_HANDLING_SINGLE = Row("other_handling", _OTHER_HANDLING)
TABLE3_ITEMIZED = table3(OTHER_HANDLING_ITEMIZED)
TABLE3_SINGLE = table3(OTHER_HANDLING_SINGLE)


# --- table 4: reconsideration and litigation ------------------------------------------------

TABLE4_COLUMNS: tuple[Column, ...] = (
    Column("upheld", _l("结果维持", "Upheld")),
    Column("corrected", _l("结果纠正", "Corrected")),
    Column("other", _l("其他结果", "Other result")),
    Column("pending", _l("尚未审结", "Not yet concluded")),
    Column("total", _l("总计", "Total"), total=True),
)
TABLE4 = Table(
    "appeals",
    4,
    _l(
        "四、政府信息公开行政复议、行政诉讼情况", "4. Administrative reconsideration and litigation"
    ),
    (
        Part(
            None,
            TABLE4_COLUMNS,
            (
                _r("reconsideration", "行政复议", "Administrative reconsideration"),
                Row(
                    None,
                    _l("行政诉讼", "Administrative litigation"),
                    (
                        _r("litigation_direct", "未经复议直接起诉", "Filed directly"),
                        _r(
                            "litigation_after_reconsideration",
                            "复议后起诉",
                            "Filed after reconsideration",
                        ),
                    ),
                ),
            ),
            layout="across",
        ),
    ),
    m.Appeals,
)


# --- T5: the words of the narrative that name the tables' figures --------------------------------


@attrs.frozen
class Reading:
    """What a figure the narrative states may mean (T5): the sum of ``paths`` — a path whose row
    the shape itemizes (``requests.withheld.total``) sums its items in that column — or, for a
    stated rate, the indicators of :data:`INDICATORS` named in ``indicators`` (their sum)."""

    label: Label
    paths: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()


#: the kinds of :class:`StatedWord`
STATED_KINDS = ("count", "amount", "rate", "fee", "column", "document", "verb")


@attrs.frozen
class StatedWord:
    """Words of the narrative that name a figure of the tables (T5), and what they may mean.

    ``kind`` says how the figure is read: ``count`` and ``amount`` name cells (an amount's words
    the 万元 of its column); ``rate`` an indicator (a percentage); ``fee`` the
    information-processing fee, which no cell holds; ``column`` a column (an applicant type, a
    result of table 4) of the figure stated before it (其中); ``document`` a row of table 2's
    第二十条第（一）项 whose column a ``verb`` names (制发规章 2 件). ``context`` says where the
    sentence must speak of requests (``申请``) for the words to name a request: ``sentence``,
    ``section`` (the paragraph or its heading) or ``any``. ``topic``: words one of which the
    sentence must hold for the meaning to be certain (行政复议 of 政府信息公开). A ``weak`` word
    names the figure only when no other does; an ``after`` word may follow it (1件已办结)."""

    key: str
    what: Label
    words: tuple[str, ...]
    readings: tuple[Reading, ...] = ()
    kind: str = "count"
    certain: bool = True
    context: str = "section"
    topic: tuple[str, ...] = ()
    weak: bool = False
    after: bool = False


def _rd(zh: str, en: str, *paths: str) -> Reading:
    return Reading(_l(zh, en), paths)


_READ_NEW = _rd("本年新收", "received this year", "requests.new_received.total")
_READ_IN_HAND = _rd(
    "本年新收 + 上年结转",
    "received + carried over",
    "requests.new_received.total",
    "requests.carried_over.total",
)
_READ_HANDLED = _rd("（七）总计", "(7) total handled", "requests.total_handled.total")
_READ_RECONSIDERATION = _rd("行政复议总计", "reconsiderations", "appeals.reconsideration.total")
_READ_LITIGATION = _rd(
    "行政诉讼总计",
    "lawsuits",
    "appeals.litigation_direct.total",
    "appeals.litigation_after_reconsideration.total",
)
_OPEN_TOPIC = ("信息公开", "依申请")


def _sw(
    key: str, zh: str, en: str, words: tuple[str, ...], *readings: Reading, **kw: Any
) -> StatedWord:
    return StatedWord(key, _l(zh, en), words, readings, **kw)


def _request_row(key: str, zh: str, en: str, *words: str, after: bool = False) -> StatedWord:
    reading = _rd(zh, en, f"requests.{key}.total")
    return _sw(key, zh, en, words or (zh,), reading, after=after)


#: table 3's outcomes （一）–（六） (not their （七）总计), as the narrative names them
_OUTCOME_ROWS = tuple(
    row
    for row in next(r for r in TABLE3_ITEMIZED.parts[0].rows if r.label == TABLE3_OUTCOMES).children
    if row.key != "total_handled"
)


def _outcome(row: Row) -> StatedWord:
    """An outcome row of table 3 as the narrative names it: its label without its number or its
    note (（二）部分公开（区分处理的，…） → 部分公开, partly disclosed)."""
    zh = re.sub(r"^（.）", "", row.label.zh).split("（")[0]
    en = re.sub(r"^\(\d\) ", "", row.label.en).split(" (")[0].lower()
    return _request_row(str(row.key), zh, en)


def _column(key: str, zh: str, en: str, words: tuple[str, ...], *columns: str) -> StatedWord:
    return _sw(
        key, zh, en, words, Reading(_l(zh, en), columns or (key,)), kind="column", context="any"
    )


def _document(key: str, zh: str, en: str, words: tuple[str, ...]) -> StatedWord:
    reading = _rd(zh, en, f"disclosure.item1.{key}")
    return _sw(key, zh, en, words, reading, kind="document", context="any")


def _cell(
    key: str, zh: str, en: str, words: tuple[str, ...], path: str, label: str, **kw: Any
) -> StatedWord:
    """A word that names one cell of table 2 or 4 anywhere in the narrative: the cell at
    ``path``, printed ``label``, named in English by the word's own ``en``."""
    return _sw(key, zh, en, words, _rd(label, en, path), context="any", **kw)


def _verb(
    key: str, zh: str, en: str, words: tuple[str, ...], *readings: Reading, **kw: Any
) -> StatedWord:
    return _sw(key, zh, en, words, *readings, kind="verb", **kw)


def _ind(zh: str, en: str, *indicators: str) -> Reading:
    return Reading(_l(zh, en), indicators=indicators)


def _decision(
    key: str, row: str, zh: str, en: str, certain: tuple[str, ...], loose: tuple[str, ...]
) -> tuple[StatedWord, ...]:
    reading = _rd(zh, en, f"disclosure.{row}.decisions")
    return (
        _sw(key, zh, en, certain, reading, context="any"),
        _sw(key, zh, en, loose, reading, certain=False, context="any"),
    )


_ORGANISATIONS = (
    "commercial_enterprise",
    "research_institution",
    "public_interest_org",
    "legal_service_org",
    "other_org",
)
_RATE_CONTEXT = {"context": "sentence", "certain": False, "kind": "rate"}
_RATE_ANY = {"context": "any", "certain": False, "kind": "rate"}
_READ_ISSUED = (
    _rd("本年制发件数", "issued", "issued"),
    _rd("本年新制作数量", "newly made", "new_made"),
)
_READ_DISCLOSED_RATE = _ind("予以公开率", "disclosed rate", "disclosed")
_READ_RECONSIDERATION_CORRECTED = _ind(
    "行政复议纠错率", "reconsideration correction rate", "reconsideration_corrected"
)
_READ_LITIGATION_CORRECTED = _ind(
    "行政诉讼纠错率", "litigation correction rate", "litigation_corrected"
)

#: every word T5 reads in the narrative, with the cells it names (what
#: :func:`opengovreport.builders.narrative` writes is read by these, so that a narrative drafted
#: from the tables has no T5 finding); the grammar around them is :mod:`opengovreport.checks`'
STATED_WORDS: tuple[StatedWord, ...] = (
    # table 3: requests
    _sw("received", "本年新收申请", "requests received this year", ("本年新收", "新收"), _READ_NEW),
    _sw(
        "received",
        "收到申请",
        "requests received",
        ("收到", "受理", "接收", "接到"),
        _READ_NEW,
        _READ_IN_HAND,
        context="sentence",
    ),
    _sw(
        "received",
        "申请",
        "requests",
        ("政府信息公开申请", "信息公开申请", "公开申请", "依申请公开"),
        _READ_NEW,
        _READ_IN_HAND,
        certain=False,
        context="sentence",
        weak=True,
    ),
    _sw(
        "carried_over",
        "上年结转",
        "carried over",
        (
            "上年结转",
            "上年度结转",
            "上一年度结转",
            "上一年结转",
            "结转上年度",
            "上年转结",
            "上年度转结",
        ),
        _rd("上年结转", "carried over", "requests.carried_over.total"),
    ),
    _sw("handled", "办结", "handled", ("办结", "办理完毕", "已办结"), _READ_HANDLED, after=True),
    _sw(
        "handled",
        "答复",
        "answered",
        ("答复", "作出答复", "完成答复", "已答复"),
        _READ_HANDLED,
        context="sentence",
    ),
    _sw(
        "handled",
        "按时办结",
        "handled on time",
        ("按时办结", "按期办结"),
        _READ_HANDLED,
        certain=False,
    ),
    _sw(
        "handled",
        "办理",
        "handled",
        ("办理",),
        _READ_HANDLED,
        _READ_NEW,
        _READ_IN_HAND,
        certain=False,
        context="sentence",
    ),
    *(_outcome(row) for row in _OUTCOME_ROWS),
    _sw(
        "carried_forward",
        "结转下年度",
        "carried forward",
        (
            "结转下年度继续办理",
            "结转下一年度继续办理",
            "结转下年度",
            "结转下一年度",
            "结转到下年度",
            "结转至下年度",
            "结转下年",
            "转入下年度",
            "顺延到下年度",
            "顺延至下年度",
        ),
        _rd("结转下年度继续办理", "carried forward", "requests.carried_forward.total"),
        after=True,
    ),
    # table 3's applicant columns, of the figure stated before (其中 / 涉及)
    _column("natural_person", "自然人", "natural persons", ("自然人", "公民")),
    _column("commercial_enterprise", "商业企业", "commercial enterprises", ("商业企业",)),
    _column("research_institution", "科研机构", "research institutions", ("科研机构",)),
    _column(
        "public_interest_org", "社会公益组织", "public-interest organisations", ("社会公益组织",)
    ),
    _column("legal_service_org", "法律服务机构", "legal-service institutions", ("法律服务机构",)),
    _column(
        "organisations",
        "法人或其他组织",
        "legal persons or other organisations",
        ("法人或其他组织", "法人和其他组织", "法人及其他组织"),
        *_ORGANISATIONS,
    ),
    # table 4
    _sw(
        "reconsideration",
        "行政复议",
        "reconsiderations",
        ("行政复议",),
        _READ_RECONSIDERATION,
        context="any",
        topic=_OPEN_TOPIC,
    ),
    _sw(
        "litigation",
        "行政诉讼",
        "lawsuits",
        ("行政诉讼", "提起诉讼", "被起诉"),
        _READ_LITIGATION,
        context="any",
        topic=_OPEN_TOPIC,
    ),
    _cell(
        "litigation_direct",
        "未经复议直接起诉",
        "lawsuits filed directly",
        ("未经复议直接起诉", "直接起诉"),
        "appeals.litigation_direct.total",
        "未经复议直接起诉总计",
    ),
    _cell(
        "litigation_after_reconsideration",
        "复议后起诉",
        "lawsuits after reconsideration",
        ("复议后起诉",),
        "appeals.litigation_after_reconsideration.total",
        "复议后起诉总计",
    ),
    _column("upheld", "结果维持", "upheld", ("结果维持", "维持")),
    _column("corrected", "结果纠正", "corrected", ("结果纠正", "纠正")),
    _column("other", "其他结果", "other result", ("其他结果",)),
    _column("pending", "尚未审结", "not yet concluded", ("尚未审结", "未审结")),
    # table 2: documents (a verb and a row), decisions, fees, procurement
    _document("rules", "规章", "rules", ("规章",)),
    _document(
        "normative_documents",
        "行政规范性文件",
        "normative documents",
        ("行政规范性文件", "规范性文件"),
    ),
    _verb("issued", "制发", "issued", ("制发", "新制发", "本年制发"), *_READ_ISSUED),
    _verb(
        "issued",
        "制定",
        "made",
        ("制定", "出台", "印发", "新增公开", "新增"),
        *_READ_ISSUED,
        certain=False,
    ),
    # a verb's reading: the column of table 2 it names
    *(
        _verb(key, zh, en, words, _rd(column, en, key))
        for key, zh, en, words, column in (
            ("repealed", "废止", "repealed", ("废止", "清理废止"), "本年废止件数"),
            ("in_force", "现行有效", "in force", ("现行有效",), "现行有效件数"),
            ("new_made", "新制作", "newly made", ("新制作",), "本年新制作数量"),
            ("new_disclosed", "新公开", "newly disclosed", ("新公开",), "本年新公开数量"),
            (
                "total_disclosed",
                "对外公开总数量",
                "total disclosed",
                ("对外公开总数量", "对外公开总数"),
                "对外公开总数量",
            ),
        )
    ),
    *_decision(
        "licensing",
        "item5.licensing",
        "行政许可决定",
        "licensing decisions",
        ("行政许可决定", "作出行政许可"),
        ("行政许可",),
    ),
    *_decision(
        "penalties",
        "item6.penalties",
        "行政处罚决定",
        "penalty decisions",
        ("行政处罚决定", "作出行政处罚"),
        ("行政处罚",),
    ),
    *_decision(
        "coercion",
        "item6.coercion",
        "行政强制决定",
        "compulsory-measure decisions",
        ("行政强制决定", "作出行政强制"),
        ("行政强制",),
    ),
    _cell(
        "other_services",
        "其他对外管理服务事项处理决定",
        "other service decisions",
        ("其他对外管理服务事项处理决定", "其他对外管理服务事项"),
        "disclosure.item5.other_services.decisions",
        "其他对外管理服务事项处理决定",
    ),
    _sw(
        "fees",
        "行政事业性收费",
        "administrative fees",
        ("行政事业性收费",),
        _rd("本年收费金额", "fees collected", "disclosure.item8.fees.amount"),
        kind="amount",
        context="any",
    ),
    _cell(
        "procurement",
        "政府集中采购项目",
        "procurement projects",
        ("政府集中采购项目", "集中采购项目", "采购项目"),
        "disclosure.item9.procurement.projects",
        "采购项目数量",
    ),
    _cell(
        "procurement_amount",
        "采购总金额",
        "procurement amount",
        ("采购总金额", "采购金额"),
        "disclosure.item9.procurement.amount",
        "采购总金额",
        kind="amount",
        certain=False,
    ),
    # the information-processing fee (section 6): no cell holds it
    _sw(
        "processing_fee",
        "信息处理费",
        "information-processing fee",
        ("信息处理费", "处理费", "收取费用", "收费"),
        kind="fee",
        context="any",
    ),
    # stated rates: the indicators; a rate's definition is the office's, so never certain
    _sw(
        "completion",
        "办结率",
        "completion rate",
        ("办结率",),
        _ind("办结率", "completion rate", "completion"),
        **_RATE_CONTEXT,
    ),
    _sw(
        "disclosed_rate",
        "予以公开率",
        "disclosed rate",
        ("予以公开率",),
        _READ_DISCLOSED_RATE,
        **_RATE_CONTEXT,
    ),
    _sw(
        "open_rate",
        "公开率",
        "disclosure rate",
        ("公开率",),
        _READ_DISCLOSED_RATE,
        _ind(
            "予以公开率 + 部分公开率",
            "disclosed + partly disclosed rate",
            "disclosed",
            "partially_disclosed",
        ),
        **_RATE_CONTEXT,
    ),
    _sw(
        "reconsideration_corrected",
        "行政复议纠错率",
        "reconsideration correction rate",
        ("行政复议纠错率", "复议纠错率"),
        _READ_RECONSIDERATION_CORRECTED,
        **_RATE_ANY,
    ),
    _sw(
        "litigation_corrected",
        "行政诉讼纠错率",
        "litigation correction rate",
        ("行政诉讼纠错率", "诉讼纠错率"),
        _READ_LITIGATION_CORRECTED,
        **_RATE_ANY,
    ),
    _sw(
        "corrected_rate",
        "纠错率",
        "correction rate",
        ("纠错率",),
        _READ_RECONSIDERATION_CORRECTED,
        _READ_LITIGATION_CORRECTED,
        **_RATE_ANY,
        topic=("复议", "诉讼"),
    ),
)


@attrs.frozen
class StatedFigure:
    """A headline figure section 1 states about its tables: what it is, and the cells it is the
    sum of (comparisons of two reports set these side by side; T5 reads the narrative with
    :data:`STATED_WORDS`)."""

    key: str
    what: Label
    paths: tuple[str, ...]


#: the headline figures of section 1, in the order reports state them
STATED_FIGURES: tuple[StatedFigure, ...] = (
    StatedFigure("received", _l("收到申请", "requests received"), _READ_NEW.paths),
    StatedFigure("carried_over", _l("上年结转", "carried over"), ("requests.carried_over.total",)),
    StatedFigure("handled", _l("办结", "handled"), _READ_HANDLED.paths),
    StatedFigure("disclosed", _l("予以公开", "disclosed"), ("requests.disclosed.total",)),
    StatedFigure(
        "partially_disclosed",
        _l("部分公开", "partly disclosed"),
        ("requests.partially_disclosed.total",),
    ),
    StatedFigure(
        "carried_forward", _l("结转下年度", "carried forward"), ("requests.carried_forward.total",)
    ),
    StatedFigure(
        "reconsideration", _l("行政复议", "reconsiderations"), _READ_RECONSIDERATION.paths
    ),
    StatedFigure("litigation", _l("行政诉讼", "lawsuits"), _READ_LITIGATION.paths),
)

#: the word 含上年结转 names (a figure of its own after it: 含上年结转申请 34 件)
STATED_CARRIED_OVER = next(w for w in STATED_WORDS if w.key == "carried_over")


@attrs.frozen
class Form:
    """A form of the narrative's grammar (T5; :mod:`opengovreport.checks`), for the rule
    catalogue: its name, what it does, an example as
    reports print it, and what T5 reads in it (``(key, figure as printed)`` each)."""

    name: Label
    description: Label
    example: str
    reads: tuple[tuple[str, str], ...]
    section: int = 1


def _form(
    name: tuple[str, str],
    description: tuple[str, str],
    example: str,
    *reads: tuple[str, str],
    section: int = 1,
) -> Form:
    return Form(Label(*name), Label(*description), example, reads, section)


#: the grammar's forms, each with an example (the rule catalogue shows them with what T5 reads;
#: the tests hold every example to what it lists)
GRAMMAR: tuple[Form, ...] = (
    _form(
        ("数字与单位", "A figure and its unit"),
        (
            "阿拉伯数字（含全角、千位分隔）或中文数字，后接件、起、宗、个、元、万元、%。",
            "Digits (full-width too, with thousands separators) or a Chinese numeral, then "
            "件 起 宗 个 元 万元 or %.",
        ),
        "全年新收政府信息公开申请3,119件，上年结转三十四件，结转下年度１０３件。",
        ("received", "3,119件"),
        ("carried_over", "三十四件"),
        ("carried_forward", "１０３件"),
    ),
    _form(
        ("词在数前或数后", "Words before or after the figure"),
        (
            "自上一个数字起、离数字最近的词为其所指；数前无词时，看数后（103件顺延到下年度）。",
            "The words nearest before it, since the figure before, name it; where none do, the "
            "words just after it (103件顺延到下年度).",
        ),
        "全市共受理政府信息公开申请3119件，答复3050件（含上年度结转申请34件，另有103件顺延到下年度答复）。",
        ("received", "3119件"),
        ("handled", "3050件"),
        ("carried_over", "34件"),
        ("carried_forward", "103件"),
    ),
    _form(
        ("合并的数字", "Combined figures"),
        (
            "及、和、与、顿号连接的几个词共用一个数字，为其和。",
            "Words joined by 及 和 与 、 before one figure state their sum.",
        ),
        "在办结的申请中，予以公开及部分公开42件。",
        ("disclosed+partially_disclosed", "42件"),
    ),
    _form(
        ("受理与上年结转", "受理 with or without 上年结转"),
        (
            "收到、受理、接收可指本年新收，或新收与上年结转之和，二者皆可，并说明是哪一个；"
            "含上年结转只取其和，不含只取新收。",
            "收到, 受理, 接收 may mean received this year or received + carried over: either "
            "agrees, and the verdict says which; 含上年结转 takes the sum only, 不含 the first.",
        ),
        "全年共受理政府信息公开申请749件（含上年结转36件）。",
        ("received", "749件"),
        ("carried_over", "36件"),
    ),
    _form(
        ("其中", "其中 breakdowns"),
        (
            "申请人类别与表四的结果，属于同一分句中此前所述的数字（或同句所述的复议、诉讼）。",
            "An applicant type or a result of table 4 breaks down the figure stated before it in "
            "its clause (or the group named beside it).",
        ),
        "收到政府信息公开申请75件，涉及自然人72件、商业企业3件。政府信息公开行政复议5件，其中结果维持3件，结果纠正2件。",
        ("received", "75件"),
        ("received.natural_person", "72件"),
        ("received.commercial_enterprise", "3件"),
        ("reconsideration", "5件"),
        ("reconsideration.upheld", "3件"),
        ("reconsideration.corrected", "2件"),
    ),
    _form(
        ("表二的文件", "Table 2's documents"),
        (
            "文件（规章、行政规范性文件）取其前的动词（制发、废止、现行有效……），或同一分句中此前的动词。",
            "A document (规章, 行政规范性文件) takes the verb before it (制发, 废止, 现行有效 …), "
            "or the one before in its clause.",
        ),
        "本年度制发规章2件、行政规范性文件14件，现行有效行政规范性文件120件。",
        ("rules.issued", "2件"),
        ("normative_documents.issued", "14件"),
        ("normative_documents.in_force", "120件"),
    ),
    _form(
        ("约数与区间", "Approximate figures and ranges"),
        (
            "约、近、余、多、以上、左右与“至”“-”的区间：表格的数值在其范围内即一致；含义不确定，不符为警告。",
            "约 近 余 多 以上 左右 and ranges (至, -): the table's figure within bounds agrees; "
            "never certain, so a difference is a warning.",
        ),
        "全年收到政府信息公开申请100余件。",
        ("received", "100余件"),
    ),
    _form(
        ("与上年相比", "A change from last year"),
        (
            "同比增长、较上年增加……之后的数字是变化，不是本年的数字：无法核对。",
            "A figure after 同比增长, 较上年增加 … is a change, not this year's figure: not "
            "assessable.",
        ),
        "全年新收政府信息公开申请468件，同比增长12%。",
        ("received", "468件"),
        ("received", "12%"),
    ),
    _form(
        ("范围", "Scope"),
        (
            "本机关、我局、报告所在层级的全市/全区为本报告；区政府办、各部门、其他层级、上半年、其他年份"
            "不是本报告的范围：无法核对。",
            "本机关, 我局, 全市 in a city's report are the report's own; 区政府办, 各部门, another "
            "level, 上半年, another year are not: not assessable.",
        ),
        "区政府办代表区政府受理政府信息公开申请17件。",
        ("received", "17件"),
    ),
    _form(
        ("比率", "Stated rates"),
        (
            "办结率、予以公开率、公开率、纠错率与指标比较（按所印位数取整）；比率的定义由机关自定，不符为警告。",
            "办结率, 予以公开率, 公开率, 纠错率 against the indicators (to the digits printed); an "
            "office defines its rate, so a difference is a warning.",
        ),
        "全年办结政府信息公开申请50件，办结率100%。",
        ("handled", "50件"),
        ("completion", "100%"),
    ),
    _form(
        ("收费", "Fees"),
        (
            "行政事业性收费与表二第（八）项比较；信息处理费在表格中没有单元格，只读出，不比较。",
            "行政事业性收费 against table 2's item (8); the information-processing fee has no "
            "cell: read, compared with nothing.",
        ),
        "全年收取政府信息公开信息处理费3940元。",
        ("processing_fee", "3940元"),
        section=6,
    ),
    _form(
        ("不读的数字", "Figures not read"),
        (
            "不是申请的（网络问政、12345热线、建议提案）、占比（占43%）、单位不同（条、次）的数字不读。",
            "What is not a request (网络问政, the 12345 line, deputies' proposals), a share "
            "(占43%), another unit (条, 次) is not read.",
        ),
        "全年受理网络问政182件，主动公开政府信息2428条；网络申请3件，占43%。",
    ),
)


# --- the rules (勾稽关系) ----------------------------------------------------------------------


class Status(enum.Enum):
    """Where a rule comes from (FORMAT.md §5)."""

    #: printed in the table
    PRINTED = "printed"
    #: implied by the table's 总计 and wording
    IMPLIED = "implied"
    #: what reports do in practice, not written in the format
    PRACTICE = "practice"
    #: a plausibility check; real reports may break it for good reasons
    PLAUSIBILITY = "plausibility"


class Scope(enum.Enum):
    """What a rule looks at."""

    #: one report
    REPORT = "report"
    #: several reports (years of one agency; a body and its units)
    SERIES = "series"


@attrs.frozen
class Rule:
    """A rule of the catalogue: a stable code and what it checks, in Chinese and English."""

    code: str
    #: the severity of a failure
    severity: Severity
    status: Status
    scope: Scope
    #: the table it checks (2, 3 or 4), or ``None`` for any
    table: int | None
    title: Label
    description: Label
    #: the identity written out: ``lhs op rhs``
    identity: Label
    #: the two sides, as messages name them
    lhs: Label
    rhs: Label
    #: ``"="`` or ``"≥"``
    op: str = "="
    #: ``identity``: a relation between cells (a finding is named by its cell, its title and
    #: the two values); ``narrative``: what the narrative states or lacks (a finding says it in
    #: its own message)
    kind: str = "identity"


def _sum(labels: Sequence[Label]) -> Label:
    return Label(" + ".join(x.zh for x in labels), " + ".join(x.en for x in labels))


#: the rules' own words (titles, descriptions, and the sides and identities written as words
#: rather than named by the format's labels): ``catalogues/rules.json``, ``"CODE.part": [zh, en]``
_WORDS = load_catalogue("rules")


def _words(code: str, part: str) -> Label:
    return Label(*_WORDS[f"{code}.{part}"])


def _rule(
    code: str,
    status: Status,
    scope: Scope,
    table: int | None,
    lhs: Label | None = None,
    rhs: Label | None = None,
    op: str = "=",
    *,
    severity: Severity | None = None,
    kind: str = "identity",
) -> Rule:
    """The rule ``code``, its words from the catalogue: its title and description, and each of
    ``lhs``, ``rhs`` and the identity not given (the identity is ``lhs op rhs`` where the
    catalogue has none)."""
    if severity is None:
        plausible = status is Status.PLAUSIBILITY
        severity = Severity.WARNING if plausible else Severity.INCONSISTENCY
    lhs = lhs or _words(code, "lhs")
    rhs = rhs or _words(code, "rhs")
    identity = (
        _words(code, "identity")
        if f"{code}.identity" in _WORDS
        else Label(f"{lhs.zh} {op} {rhs.zh}", f"{lhs.en} {op} {rhs.en}")
    )
    title, description = _words(code, "title"), _words(code, "description")
    return Rule(
        code, severity, status, scope, table, title, description, identity, lhs, rhs, op, kind
    )


def _row_label(key: str) -> Label:
    return next(leaf.label for leaf in TABLE3_ITEMIZED.parts[0].leaves if leaf.path == key)


_T4 = {c.key: c.label for c in TABLE4_COLUMNS}
_REPORT, _SERIES = Scope.REPORT, Scope.SERIES


def _narrative(code: str, severity: Severity | None = None) -> Rule:
    """A rule on the narrative of one report (T5, S1–S3): a practice, about no table."""
    return _rule(code, Status.PRACTICE, _REPORT, None, severity=severity, kind="narrative")


def _year(label: Label, year: str) -> Label:
    """``label`` of year ``year`` (``N``, ``N−1``): a cross-year rule's side."""
    return Label(f"{label.zh}（{year}）", f"{label.en} ({year})")


RULES: tuple[Rule, ...] = (
    _rule(
        "I1",
        Status.PRINTED,
        _REPORT,
        3,
        _sum([_row_label("new_received"), _row_label("carried_over")]),
        _sum([_row_label("total_handled"), _row_label("carried_forward")]),
    ),
    _rule("I2", Status.IMPLIED, _REPORT, 3, _row_label("total_handled")),
    _rule("I3", Status.IMPLIED, _REPORT, 3, TABLE3_COLUMNS[-1].label),
    _rule(
        "I4",
        Status.IMPLIED,
        _REPORT,
        4,
        _T4["total"],
        _sum([_T4["upheld"], _T4["corrected"], _T4["other"], _T4["pending"]]),
    ),
    _rule(
        "T1",
        Status.PRACTICE,
        _SERIES,
        3,
        _year(_row_label("carried_over"), "N"),
        _year(_row_label("carried_forward"), "N−1"),
    ),
    _rule(
        "T2",
        Status.PLAUSIBILITY,
        _SERIES,
        2,
        _year(_IN_FORCE.label, "N"),
        Label(
            f"{_IN_FORCE.label.zh}（N−1） + {_ISSUED.label.zh} − {_REPEALED.label.zh}",
            f"{_IN_FORCE.label.en} (N−1) + {_ISSUED.label.en} − {_REPEALED.label.en}",
        ),
    ),
    _rule("T3", Status.PLAUSIBILITY, _REPORT, 2, _IN_FORCE.label, _ISSUED.label, "≥"),
    _rule(
        "T4",
        Status.PLAUSIBILITY,
        _REPORT,
        2,
        _DECISIONS_2019.label,
        _sum([_LAST_YEAR.label, _CHANGE.label]),
    ),
    _narrative("T5"),
    _rule("T6", Status.PRACTICE, _SERIES, None),
    _rule("T7", Status.IMPLIED, _REPORT, 2, _sum([_LAST_YEAR.label, _CHANGE.label]), op="≥"),
    _narrative("S1", Severity.WARNING),
    _narrative("S2", Severity.WARNING),
    _narrative("S3", Severity.WARNING),
)

_RULES_BY_CODE = {r.code: r for r in RULES}


@typing.final
class Code:
    """The codes of the national catalogue's rules (:data:`RULES`), for code that names one:
    a rule's code is written here and in its :class:`Rule`, nowhere else (a test)."""

    I1: typing.Final = "I1"
    I2: typing.Final = "I2"
    I3: typing.Final = "I3"
    I4: typing.Final = "I4"
    T1: typing.Final = "T1"
    T2: typing.Final = "T2"
    T3: typing.Final = "T3"
    T4: typing.Final = "T4"
    T5: typing.Final = "T5"
    T6: typing.Final = "T6"
    T7: typing.Final = "T7"
    S1: typing.Final = "S1"
    S2: typing.Final = "S2"
    S3: typing.Final = "S3"


def rules() -> tuple[Rule, ...]:
    """Every rule the checks know: the national catalogue (:data:`RULES`), then the rules
    declared with :func:`register_rule`, in order."""
    return tuple(_RULES_BY_CODE.values())


def register_rule(new: Rule) -> Rule:
    """Add ``new`` to the catalogue, for the relations of a shape to name (a shape's own
    ``relations``, or :func:`standard_relations`'s output and more). Registering an equal rule
    again does nothing; another rule of the same code is refused."""
    held = _RULES_BY_CODE.get(new.code)
    if held == new:
        return held
    if held is not None:
        raise InputError(f"rule {new.code} is already declared ({held.title.en})")
    _RULES_BY_CODE[new.code] = new
    return new


def unregister_rule(old: Rule) -> None:
    """Withdraw a rule :func:`register_rule` added; the national rules stay."""
    if old in RULES:
        raise InputError(f"rule {old.code} is one of the national catalogue's")
    if _RULES_BY_CODE.get(old.code) == old:
        del _RULES_BY_CODE[old.code]


def rule(code: str) -> Rule:
    """The rule with ``code`` (e.g. ``"I1"``)."""
    try:
        return _RULES_BY_CODE[code]
    except KeyError:
        raise NotFoundError(f"no rule {code!r}; rules: {', '.join(_RULES_BY_CODE)}") from None


# --- relations: the identities as data ------------------------------------------------------


@attrs.frozen
class Term:
    """A cell on one side of a relation, with its weight (1, or −1 for a difference); in a rule
    across years, ``side`` 0 is the earlier report and 1 the later."""

    path: str
    weight: int = 1
    side: int = 0


@attrs.frozen
class Relation:
    """``sum(lhs) op sum(rhs)`` over cells, each term weighted: one identity of one column, row
    or group, with the rule it checks and where it is, for messages."""

    rule: str
    where: Label
    lhs: tuple[Term, ...]
    rhs: tuple[Term, ...]
    op: str = "="
    #: the two sides as messages name them, where not the rule's (T3 in the 2019 edition)
    sides: tuple[Label, Label] | None = None

    @property
    def terms(self) -> tuple[Term, ...]:
        return self.lhs + self.rhs


_NUMERALS = "零一二三四五六七八九"


def table_name(number: int) -> Label:
    """The short name table ``number`` goes by: 表三, table 3."""
    return Label(f"表{_NUMERALS[number]}", f"table {number}")


def _column_where(table: Table, column: Column) -> Label:
    name = table_name(table.number)
    return Label(f"{name.zh}「{column.label.zh}」列", f"{name.en}, column {column.label.en}")


def _row_where(table: Table, part: Part, leaf: Leaf) -> Label:
    name = table_name(table.number)
    if part.layout == "across":  # a group of table 4: 表四「行政诉讼未经复议直接起诉」
        zh, en = "".join(x.zh for x in leaf.labels), ", ".join(x.en for x in leaf.labels)
        return Label(f"{name.zh}「{zh}」", f"{name.en}, {en}")
    if part.band is not None:  # a row of a table 2 block: 表二第二十条第（一）项「规章」
        return Label(
            f"{name.zh}{part.band.zh}「{join(leaf.labels, 'zh')}」",
            f"{name.en}, {part.band.en}, {join(leaf.labels, 'en')}",
        )
    return Label(
        f"{name.zh}「{join(leaf.labels, 'zh')}」行", f"{name.en}, row {join(leaf.labels, 'en')}"
    )


def _path(table: Table, part: Part, row: str, column: str) -> str:
    return ".".join(x for x in (table.key, part.key, row, column) if x)


def sum_relations(table: Table, rows_rule: str | None, columns_rule: str | None) -> list[Relation]:
    """The sums a table's totals declare: for each row marked ``total``, in every column, it
    equals the other leaf rows of its group (``rows_rule``); for each column marked ``total``,
    in every row, it equals the other columns (``columns_rule``)."""
    out: list[Relation] = []
    for part in table.parts:

        def groups(rows: Sequence[Row], prefix: str) -> Iterator[tuple[str, Row, list[Leaf]]]:
            for row in rows:
                path = prefix if row.key is None else f"{prefix}.{row.key}".lstrip(".")
                if row.children:
                    yield from groups(row.children, path)
                    for child in row.children:
                        if child.total:
                            others = [
                                leaf
                                for sibling in row.children
                                if sibling is not child
                                for leaf in _leaves((sibling,), path, ())
                            ]
                            yield f"{path}.{child.key}".lstrip("."), child, others

        if rows_rule is not None:
            for total_path, _total, others in groups(part.rows, ""):
                for col in part.columns:
                    out.append(
                        Relation(
                            rows_rule,
                            _column_where(table, col),
                            (Term(_path(table, part, total_path, col.key)),),
                            tuple(Term(_path(table, part, o.path, col.key)) for o in others),
                        )
                    )
        if columns_rule is not None:
            totals = [c for c in part.columns if c.total]
            for leaf in part.leaves:
                for total in totals:
                    out.append(
                        Relation(
                            columns_rule,
                            _row_where(table, part, leaf),
                            (Term(_path(table, part, leaf.path, total.key)),),
                            tuple(
                                Term(_path(table, part, leaf.path, c.key))
                                for c in part.columns
                                if not c.total
                            ),
                        )
                    )
    return out


def balance_relations(table: Table, code: str = "I1") -> list[Relation]:
    """Table 3's printed identity, in every column: 一 + 二 = （七）总计 + 四."""
    (part,) = table.parts
    keys = {leaf.path for leaf in part.leaves}
    first, second, handled, forward = (
        "new_received",
        "carried_over",
        "total_handled",
        "carried_forward",
    )
    if not {first, second, handled, forward} <= keys:
        return []
    return [
        Relation(
            code,
            _column_where(table, col),
            tuple(Term(_path(table, part, r, col.key)) for r in (first, second)),
            tuple(Term(_path(table, part, r, col.key)) for r in (handled, forward)),
        )
        for col in part.columns
    ]


def _table2_relations(table: Table) -> list[Relation]:
    """T3 (2021: in force ≥ issued; 2019: total disclosed ≥ newly disclosed), T4 (2019: last
    year + change = decisions) and T7 (2019: last year + change ≥ 0), row by row."""
    out: list[Relation] = []
    for part in table.parts:
        columns = {c.key: c.label for c in part.columns}
        for leaf in part.leaves:

            def cell(column: str, leaf: Leaf = leaf, part: Part = part) -> Term:
                return Term(_path(table, part, leaf.path, column))

            where = _row_where(table, part, leaf)
            if {"in_force", "issued"} <= columns.keys():
                out.append(Relation("T3", where, (cell("in_force"),), (cell("issued"),), "≥"))
            if {"total_disclosed", "new_disclosed"} <= columns.keys():
                sides = (columns["total_disclosed"], columns["new_disclosed"])
                out.append(
                    Relation(
                        "T3",
                        where,
                        (cell("total_disclosed"),),
                        (cell("new_disclosed"),),
                        "≥",
                        sides,
                    )
                )
            if {"last_year", "change", "decisions"} <= columns.keys():
                out.append(
                    Relation("T4", where, (cell("decisions"),), (cell("last_year"), cell("change")))
                )
            if {"last_year", "change"} <= columns.keys():
                out.append(Relation("T7", where, (cell("last_year"), cell("change")), (), "≥"))
    return out


def pair_relations(earlier: "Shape", later: "Shape") -> tuple[Relation, ...]:
    """The rules between consecutive years of an agency, over the cells of two reports (side 0
    the earlier, 1 the later): T1 in every column of table 3 (上年结转 of the later year =
    结转下年度继续办理 of the earlier), T2 in every row of 2021 table 2 that both years hold
    (现行有效件数 rolls forward), where both shapes have the cells."""
    out: list[Relation] = []
    first, last = set(earlier.paths), set(later.paths)
    requests = later.table("requests")
    (part,) = requests.parts
    for col in part.columns:
        over = _path(requests, part, "carried_over", col.key)
        forward = _path(requests, part, "carried_forward", col.key)
        if over in last and forward in first:
            out.append(
                Relation(
                    "T1",
                    _column_where(requests, col),
                    (Term(over, side=1),),
                    (Term(forward, side=0),),
                )
            )
    table = later.table("disclosure")
    for block in table.parts:
        for leaf in block.leaves:

            def cell(column: str, leaf: Leaf = leaf, block: Part = block) -> str:
                return _path(table, block, leaf.path, column)

            wanted = (cell("in_force"), cell("issued"), cell("repealed"))
            if all(p in last for p in wanted) and wanted[0] in first:
                out.append(
                    Relation(
                        "T2",
                        _row_where(table, block, leaf),
                        (Term(wanted[0], side=1),),
                        (Term(wanted[0], side=0), Term(wanted[1], side=1), Term(wanted[2], -1, 1)),
                    )
                )
    return tuple(out)


def standard_relations(tables: Sequence[Table]) -> tuple[Relation, ...]:
    """The identities of a report's tables as the national format has them: I1–I4, T3, T4."""
    out: list[Relation] = []
    for table in tables:
        if table.number == 2:
            out += _table2_relations(table)
        elif table.number == 3:
            out += balance_relations(table)
            out += sum_relations(table, "I2", "I3")
        elif table.number == 4:
            out += sum_relations(table, None, "I4")
    return tuple(out)


# --- shapes ---------------------------------------------------------------------------------


@attrs.frozen(cache_hash=True)
class Shape:
    """The form of a report: one edition of the format with one layout of its tables.

    Everything else derives from these fields; shapes are equal when their declarations are,
    and every cache of the library is keyed by the shape itself.
    """

    #: a short name: ``2019``, ``2021``, ``2021-single``
    key: str
    edition: Edition
    label: Label
    sections: tuple[SectionSpec, ...]
    tables: tuple[Table, ...]
    relations: tuple[Relation, ...]

    def __repr__(self) -> str:
        return f"Shape({self.key!r})"

    def table(self, key: str) -> Table:
        """The table whose key (the report's field) is ``key``."""
        return first(self.tables, lambda t: t.key == key, f"no table {key!r} in shape {self.key}")

    def numbered(self, number: int) -> Table:
        """Table ``number`` (2, 3 or 4: the number of its section)."""
        for table in self.tables:  # (no function and no message made a call: the reader's)
            if table.number == number:
                return table
        raise NotFoundError(f"no table {number} in shape {self.key}")

    @functools.cached_property
    def cells(self) -> tuple[Cell, ...]:
        """Every cell, tables 2, 3 and 4 in printed order."""
        out = []
        for table in self.tables:
            for part in table.parts:
                band = (part.band,) if part.band else ()
                for leaf in part.leaves:
                    row = ".".join(x for x in (part.key, leaf.path) if x)
                    for col in part.columns:
                        out.append(
                            Cell(
                                _path(table, part, leaf.path, col.key),
                                table.number,
                                row,
                                col.key,
                                col.bounds,
                                band + leaf.labels,
                                col.label,
                            )
                        )
        return tuple(out)

    @functools.cached_property
    def paths(self) -> tuple[str, ...]:
        """The path of every cell, in printed order."""
        return tuple(c.path for c in self.cells)

    @functools.cached_property
    def _by_path(self) -> dict[str, Cell]:
        return {c.path: c for c in self.cells}

    def cell(self, path: str) -> Cell:
        """The cell at ``path``; ``KeyError`` naming the shape when it has none."""
        try:
            return self._by_path[path]
        except KeyError:
            raise NotFoundError(f"no cell {path!r} in shape {self.key}") from None

    @functools.cached_property
    def classes(self) -> dict[str, type]:
        """The model class of each table, group and row, by its path (``requests``,
        ``requests.withheld``, ``requests.withheld.state_secret``)."""
        out: dict[str, type] = {}
        for table in self.tables:
            out[table.key] = table.model
            for part in table.parts:
                owner, prefix = table.model, table.key
                if part.key is not None:
                    prefix = f"{prefix}.{part.key}"
                    owner = out[prefix] = _field_class(owner, part.key, _keys(part.rows), prefix)
                _row_classes(owner, part.rows, prefix, part, out)
        return out

    @functools.cached_property
    def signature(self) -> tuple[Any, ...]:
        """What tells a report of this shape from others: the edition, the class of each table,
        and the class at each place where the model may hold one of several (（六）)."""
        return (self.edition, *(self.classes.get(".".join(p)) for p in _signature_paths()))

    def node_keys(self, path: str) -> tuple[str, ...]:
        """The keys below the table, group or row at ``path``, in order."""
        cls = self.classes[path]
        return tuple(f.name for f in attrs.fields(cls))

    def check_model(self) -> None:
        """Raise ``TypeError`` unless each model class of the shape has exactly the fields of
        its place in the shape, in order, each cell's spec the column's bounds."""
        for table in self.tables:
            for part in table.parts:
                for leaf in part.leaves:
                    row = ".".join(x for x in (table.key, part.key, leaf.path) if x)
                    cls = self.classes[row]
                    hints = typing.get_type_hints(cls, include_extras=True)
                    names = tuple(f.name for f in attrs.fields(cls))
                    expected = tuple(c.key for c in part.columns)
                    if names != expected:
                        raise WrongTypeError(
                            f"shape {self.key}: {cls.__name__} at {row} has the fields "
                            f"{', '.join(names)}; the shape has {', '.join(expected)}"
                        )
                    for col in part.columns:
                        spec = m.field_spec(hints[col.key])
                        if spec != col.bounds:
                            raise WrongTypeError(
                                f"shape {self.key}: {cls.__name__}.{col.key} holds {spec!r}; "
                                f"the shape says {col.bounds!r}"
                            )

    def fetch(self, report: object) -> tuple[Any, ...]:
        """The value of every cell of ``report`` (a report of this shape), in printed order."""
        return self._fetch(report)

    @functools.cached_property
    def _fetch(self) -> Callable[[object], tuple[Any, ...]]:
        return m.cells_getter(self.paths)


def _keys(rows: Sequence[Row]) -> tuple[str, ...]:
    """The path segments directly below a place: rows with keys, and the children of
    label-only groups."""
    out: list[str] = []
    for row in rows:
        if row.key is None:
            out.extend(_keys(row.children))
        else:
            out.append(row.key)
    return tuple(out)


def _field_class(owner: type, name: str, keys: tuple[str, ...], path: str) -> type:
    """The class of ``owner``'s field ``name``: its type, or the member of a union whose
    fields are ``keys``."""
    hints = typing.get_type_hints(owner)
    if name not in hints:
        raise WrongTypeError(f"{owner.__name__} has no field {name!r} for {path}")
    hint = hints[name]
    members = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
    for member in members:
        if attrs.has(member) and tuple(f.name for f in attrs.fields(member)) == keys:
            return member
    raise WrongTypeError(
        f"{owner.__name__}.{name} ({path}) holds no class with the fields {', '.join(keys)}"
    )


def _row_classes(
    owner: type, rows: Sequence[Row], prefix: str, part: Part, out: dict[str, type]
) -> None:
    for row in rows:
        if row.key is None:
            _row_classes(owner, row.children, prefix, part, out)
            continue
        path = f"{prefix}.{row.key}"
        keys = _keys(row.children) if row.children else tuple(c.key for c in part.columns)
        cls = out[path] = _field_class(owner, row.key, keys, path)
        if row.children:
            _row_classes(cls, row.children, path, part, out)


@functools.cache
def _union_paths(shape: Shape) -> list[str]:
    """The places of a shape whose field in the model is a union of classes."""
    paths = []
    for path in shape.classes:
        head, _, name = path.rpartition(".")
        owner = m.Report if not head else shape.classes[head]
        hint = typing.get_type_hints(owner)[name]
        if isinstance(hint, types.UnionType) and len(typing.get_args(hint)) > 1:
            paths.append(path)
    return paths


def _shape(key: str, edition: Edition, label: Label, tables: tuple[Table, ...]) -> Shape:
    return Shape(key, edition, label, SECTIONS, tables, standard_relations(tables))


#: the 2019 edition (reports on 2019 and 2020)
SHAPE_2019 = _shape(
    "2019",
    Edition.E2019,
    _l("2019年版", "2019 edition"),
    (TABLE2_2019, TABLE3_SINGLE, TABLE4),
)
#: the 2021 edition, （六）其他处理 as three items (reports on 2021 onward)
SHAPE_2021 = _shape(
    "2021",
    Edition.E2021,
    _l("2021年版", "2021 edition"),
    (TABLE2_2021, TABLE3_ITEMIZED, TABLE4),
)
#: the 2021 edition with （六）其他处理 printed as one row, as some reports do (洪泽区 2023, 2024)
SHAPE_2021_SINGLE = _shape(
    "2021-single",
    Edition.E2021,
    _l("2021年版（（六）其他处理为一行）", "2021 edition, (6) other handling as one row"),
    (TABLE2_2021, TABLE3_SINGLE, TABLE4),
)

_SHAPES: list[Shape] = []
_BY_SIGNATURE: dict[tuple[Any, ...], Shape] = {}


def unregister(old: Shape) -> None:
    """Forget a registered shape (its model classes stay in use by the others' where shared).
    The standard shapes cannot be forgotten."""
    if old in (SHAPE_2019, SHAPE_2021, SHAPE_2021_SINGLE):
        raise InputError(f"shape {old.key} is one of the national format's")
    if old in _SHAPES:
        _SHAPES.remove(old)
        del _BY_SIGNATURE[old.signature]
    for table in old.tables:
        if not any(t.model is table.model for s in _SHAPES for t in s.tables):
            m.TABLE_CLASSES[table.key].discard(table.model)


def register(new: Shape) -> Shape:
    """Add ``new`` to the shapes the library knows (after the others: a report or a text that
    fits an earlier shape of its edition gets that one). Its model classes are checked
    against it (:meth:`Shape.check_model`); registering an equal shape again does nothing."""
    if new in _SHAPES:
        return new
    new.check_model()
    if new.signature in _BY_SIGNATURE:
        other = _BY_SIGNATURE[new.signature]
        raise InputError(f"shape {new.key} holds its tables in the classes of shape {other.key}")
    _SHAPES.append(new)
    _BY_SIGNATURE[new.signature] = new
    for table in new.tables:
        m.TABLE_CLASSES[table.key].add(table.model)
    return new


def shapes(edition: Edition | None = None) -> tuple[Shape, ...]:
    """The registered shapes (of ``edition``), in the order they were registered."""
    if edition is None:  # (the reader's question, several times a report)
        return tuple(_SHAPES)
    return tuple(s for s in _SHAPES if s.edition is edition)


def shape(edition: Edition, *, itemized_other_handling: bool | None = None) -> Shape:
    """The usual shape of ``edition``: the first registered; with ``itemized_other_handling``,
    the first whose （六）其他处理 is (or is not) three items."""
    for candidate in shapes(edition):
        if itemized_other_handling is None or _itemized(candidate) == itemized_other_handling:
            return candidate
    layout = "three items" if itemized_other_handling else "one row"
    raise InputError(f"no shape of the {edition.value} edition has （六）其他处理 as {layout}")


def _itemized(s: Shape) -> bool:
    return any(c.path.count(".") == 3 and c.row.startswith("other_handling.") for c in s.cells)


def _report_signature(report: Any) -> tuple[Any, ...]:
    out: list[Any] = [report.meta.edition]
    for path in _signature_paths():
        obj = report
        for part in path:
            obj = getattr(obj, part, None)
        out.append(None if obj is None else type(obj))
    return tuple(out)


@functools.cache
def _signature_paths() -> tuple[tuple[str, ...], ...]:
    """The tables, and the places inside them where the model may hold one of several classes
    (the same in the standard shapes: （六）其他处理)."""
    tables = [t.key for t in SHAPE_2019.tables]
    unions = [p for p in _union_paths(SHAPE_2019) if p not in tables]
    return tuple(tuple(p.split(".")) for p in [*tables, *unions])


def shape_of(report: Any) -> Shape:
    """The shape of ``report``: by its edition and the classes of its tables. ``ValueError``
    when no registered shape has them."""
    found = _BY_SIGNATURE.get(_report_signature(report))
    if found is None:
        raise InputError(_mismatch(report))
    return found


def _mismatch(report: Any) -> str:
    edition = report.meta.edition
    candidates = shapes(edition)
    for path in _signature_paths():
        obj = report
        for part in path:
            obj = getattr(obj, part, None)
        where = ".".join(path)
        allowed = {s.classes[where] for s in candidates if where in s.classes}
        if type(obj) not in allowed:
            names = " or ".join(sorted(c.__name__ for c in allowed))
            if len(path) > 1 and all(not _itemized(s) for s in candidates):
                return f"{where} must be one row in the {edition.value} edition, not three items"
            return (
                f"{where} is a {type(obj).__name__}, but a {edition.value}-edition report "
                f"needs a {names}"
            )
    return f"the tables fit no shape of the {edition.value} edition"  # pragma: no cover


#: each table class's declaration, by the class and the classes at its union places (the
#: classes are what the key means: （六） as a row or as items)
_TABLE_OF: dict[tuple[type, ...], Table] = {}


def table_of(table: Any) -> Table:
    """The declaration of a table object (table 2, 3 or 4 of any registered shape)."""
    cls = type(table)
    places = _table_places(cls)
    key = (cls, *(type(_get(table, p)) for p in places))
    found = _TABLE_OF.get(key)
    if found is None:
        for candidate in _SHAPES:
            for spec in candidate.tables:
                if spec.model is cls and all(
                    candidate.classes.get(f"{spec.key}.{p}") is t
                    for p, t in zip(places, key[1:], strict=True)
                ):
                    found = _TABLE_OF[key] = spec
                    return found
        raise WrongTypeError(f"not a table of any shape: {cls.__name__}")
    return found


def _get(obj: Any, path: str) -> Any:
    for part in path.split("."):
        obj = getattr(obj, part, None)
    return obj


_PLACES: dict[type, tuple[str, ...]] = {}


def _table_places(cls: type) -> tuple[str, ...]:
    found = _PLACES.get(cls)
    if found is None:
        found = _PLACES[cls] = _places_in(cls)
    return found


def _places_in(cls: type) -> tuple[str, ...]:
    """The places inside a table class (paths below it) where the model holds a union."""
    out: list[str] = []

    def walk(owner: type, prefix: str) -> None:
        for name, hint in typing.get_type_hints(owner).items():
            members = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
            classes = [c for c in members if isinstance(c, type) and attrs.has(c)]
            path = f"{prefix}.{name}".lstrip(".")
            if len(classes) > 1:
                out.append(path)
            elif classes:
                walk(classes[0], path)

    if attrs.has(cls):
        walk(cls, "")
    return tuple(out)


def edition_words(edition: Edition) -> tuple[str, ...]:
    """The table 2 column labels printed only in ``edition``'s shapes, and not inside a label of
    another edition's (2019's 处理决定数量 stands inside 2021's 本年处理决定数量): what tells the
    editions apart in a printed table."""

    def labels(of: Edition) -> set[str]:
        return {
            c.label.zh
            for s in shapes(of)
            for t in s.tables
            if t.number == 2
            for p in t.parts
            for c in p.columns
        }

    ours = labels(edition)
    theirs = {x for e in Edition.members() if e is not edition for x in labels(e)}
    return tuple(sorted(zh for zh in ours if not any(zh in t or t in zh for t in theirs)))


for _s in (SHAPE_2019, SHAPE_2021, SHAPE_2021_SINGLE):
    register(_s)


# --- indicators: the standard ratios of a report, declared once --------------------------------


@attrs.frozen
class Indicator:
    """A standard figure of a report computed from its cells: ``scale × Σ numerator ÷ Σ
    denominator`` (each a tuple of weighted cell paths; the 2021 （六） items summed where the
    one-row path is named), or, for a ``growth`` indicator, this year's figure ÷ last year's
    − 1. Missing (``None``) where a cell it needs is blank or absent from the report's shape,
    or the denominator is 0 — never NaN, never an exception."""

    code: str
    name: Label
    #: what it means and how it is computed, in Chinese and English
    description: Label
    numerator: tuple[Term, ...]
    denominator: tuple[Term, ...]
    #: 1 for a share, 100 for a count per 100 requests
    scale: int = 1
    #: ``share`` (0–1), ``per100``, ``amount`` (万元 per request), ``growth`` (−1 …)
    unit: str = "share"


def _terms(*paths: str, weight: int = 1) -> tuple[Term, ...]:
    return tuple(Term(p, weight) for p in paths)


_HANDLED = _terms("requests.total_handled.total")
_RECEIVED = _terms("requests.new_received.total")
_IN_HAND = _terms("requests.new_received.total", "requests.carried_over.total")
_GROUPS = {
    group.key: tuple(f"requests.{group.key}.{item.key}.total" for item in group.children)
    for group in TABLE3_ITEMIZED.parts[0].rows[2].children
    if group.children and group.key != "other_handling"
}
_LITIGATION = ("appeals.litigation_direct", "appeals.litigation_after_reconsideration")


def _share(code: str, zh: str, en: str, numerator: tuple[Term, ...]) -> Indicator:
    return Indicator(
        code,
        _l(zh, en),
        _l(
            f"{zh}：该类办理结果占（七）总计的比例。",
            f"{en}: the outcome's share of (7) total handled.",
        ),
        numerator,
        _HANDLED,
    )


INDICATORS: tuple[Indicator, ...] = (
    _share("disclosed", "予以公开率", "Disclosed rate", _terms("requests.disclosed.total")),
    _share(
        "partially_disclosed",
        "部分公开率",
        "Partly disclosed rate",
        _terms("requests.partially_disclosed.total"),
    ),
    _share("withheld", "不予公开率", "Withheld rate", _terms(*_GROUPS["withheld"])),
    _share("unable", "无法提供率", "Cannot-provide rate", _terms(*_GROUPS["unable_to_provide"])),
    _share("not_processed", "不予处理率", "Not-processed rate", _terms(*_GROUPS["not_processed"])),
    _share(
        "other_handling",
        "其他处理率",
        "Other-handling rate",
        _terms("requests.other_handling.total"),
    ),
    Indicator(
        "completion",
        _l("办结率", "Completion rate"),
        _l(
            "（七）总计 ÷（本年新收 + 上年结转）：当年办结的申请占在办申请的比例。",
            "(7) total handled ÷ (received + carried over): the requests in hand handled this "
            "year.",
        ),
        _HANDLED,
        _IN_HAND,
    ),
    Indicator(
        "carried_forward",
        _l("结转下年率", "Carried-forward rate"),
        _l(
            "结转下年度继续办理 ÷（本年新收 + 上年结转）：未在当年办结、转入下年的比例"
            "（按期办结的反面）。",
            "Carried forward ÷ (received + carried over): the requests in hand not finished this "
            "year (the complement of finishing on time).",
        ),
        _terms("requests.carried_forward.total"),
        _IN_HAND,
    ),
    Indicator(
        "received_growth",
        _l("新收申请同比增长", "Growth of requests received"),
        _l(
            "本年新收 ÷ 上年新收 − 1（需上一年的报告）。",
            "Received this year ÷ received last year − 1 (needs last year's report).",
        ),
        (Term("requests.new_received.total", 1, 1),),
        (Term("requests.new_received.total", 1, 0),),
        unit="growth",
    ),
    Indicator(
        "reconsideration_corrected",
        _l("行政复议纠错率", "Reconsideration correction rate"),
        _l(
            "行政复议结果纠正 ÷（总计 − 尚未审结）：已审结案件中被纠正的比例。",
            "Reconsideration corrected ÷ (total − pending): the share of decided cases corrected.",
        ),
        _terms("appeals.reconsideration.corrected"),
        (Term("appeals.reconsideration.total"), Term("appeals.reconsideration.pending", -1)),
    ),
    Indicator(
        "litigation_corrected",
        _l("行政诉讼纠错率", "Litigation correction rate"),
        _l(
            "行政诉讼（未经复议直接起诉与复议后起诉）结果纠正 ÷（总计 − 尚未审结）。",
            "Litigation (direct and after reconsideration) corrected ÷ (total − pending).",
        ),
        _terms(*(f"{g}.corrected" for g in _LITIGATION)),
        (
            *_terms(*(f"{g}.total" for g in _LITIGATION)),
            *_terms(*(f"{g}.pending" for g in _LITIGATION), weight=-1),
        ),
    ),
    Indicator(
        "appeals_per_100",
        _l("每百件申请的复议诉讼数", "Appeals per 100 requests"),
        _l(
            "（行政复议总计 + 行政诉讼总计）× 100 ÷ 本年新收。",
            "(Reconsideration + litigation totals) × 100 ÷ requests received.",
        ),
        _terms("appeals.reconsideration.total", *(f"{g}.total" for g in _LITIGATION)),
        _RECEIVED,
        scale=100,
        unit="per100",
    ),
    Indicator(
        "organisations",
        _l("法人或其他组织申请占比", "Requests from organisations"),
        _l(
            "本年新收中法人或其他组织的申请（总计 − 自然人）÷ 本年新收总计。",
            "Requests received from organisations (total − natural persons) ÷ total received.",
        ),
        (Term("requests.new_received.total"), Term("requests.new_received.natural_person", -1)),
        _RECEIVED,
    ),
    Indicator(
        "fees_per_request",
        _l("每件申请对应的行政事业性收费", "Administrative fees per request"),
        _l(
            "2021年版表二第（八）项本年收费金额（万元）÷ 本年新收申请数（2019年版无此数，缺失）。",
            "2021 table 2 item (8) fees (万元) ÷ requests received (missing for the 2019 "
            "edition, which has no amount).",
        ),
        _terms("disclosure.item8.fees.amount"),
        _RECEIVED,
        unit="amount",
    ),
)


#: the indicators a one-line summary of a report shows (the corpus page, a trend by default)
KEY_INDICATORS: tuple[str, ...] = (
    "disclosed",
    "completion",
    "reconsideration_corrected",
    "appeals_per_100",
)

#: table 3's outcome groups as a chart stacks them, （一）予以公开 … （六）其他处理 without
#: （七）总计: (label, the path prefix of the group's cells)
OUTCOME_GROUPS: tuple[tuple[Label, str], ...] = tuple(
    (row.label, f"requests.{row.key}.")
    for row in TABLE3_ITEMIZED.parts[0].rows[2].children
    if not row.total
)


def indicator(code: str) -> Indicator:
    """The indicator ``code`` of :data:`INDICATORS`."""
    for each in INDICATORS:
        if each.code == code:
            return each
    raise NotFoundError(
        f"no indicator {code!r}; indicators: {', '.join(i.code for i in INDICATORS)}"
    )
