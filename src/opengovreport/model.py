"""The report model: frozen, slotted attrs classes.

Field names follow the vocabulary declared in :mod:`opengovreport.schema`; a test keeps the two in
step. Cells hold what was printed: a count is an ``int``, a blank cell is ``None`` (never 0), the
2019 本年增/减 is a signed ``int``, and money is a :class:`decimal.Decimal`. Totals are stored as
printed and never recomputed; :mod:`opengovreport.builders` computes them for authors.

The model holds a wrong total as printed, so that the checks can name it, but never an impossible
value: every constructor rejects what :func:`opengovreport.loads` rejects (a negative or fractional
count, ``True`` for 1, a number beyond the format's bounds, text that UTF-8 cannot encode) with the
same words, naming the field (:mod:`opengovreport.values`).
"""

import functools
import importlib
import os
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from operator import attrgetter
from typing import IO, Annotated, Any, TypeAlias, TypeVar

import attrs

from ._generated import define
from .errors import InputError, NotFoundError, WrongTypeError
from .values import (
    AMOUNT,
    AMOUNT_WAN,
    COUNT,
    HEADING_LEVEL,
    LINES,
    OPTIONAL_TEXT,
    SIGNED,
    TEXT,
    YEAR,
    Bounds,
    CellKind,
    Edition,
    InstanceSpec,
    ItemsSpec,
    ValueSpec,
    field_checker,
    spec_of,
)

if typing.TYPE_CHECKING:  # pragma: no cover
    from .comparison import Comparison
    from .flags import Thresholds
    from .schema import Shape


@functools.cache
def _above(module: str) -> Any:
    """The model's one late-binding point. The layers above it (the schema, rendering,
    indicators, comparison, builders) import the model; the model's convenience methods
    (``to_html``, ``indicators``, ``compare``, ``with_totals`` …) reach them here, by name, when
    called — as pandas' ``DataFrame.plot`` reaches matplotlib — never by an import, so the
    imports of ``src/`` form no circle (``tests/test_imports.py`` walks them)."""
    return importlib.import_module(f"opengovreport.{module}")


__all__ = [
    "Amount",
    "AmountWan",
    "AppealGroup",
    "Appeals",
    "Block",
    "Blocks",
    "CellValue",
    "Checked",
    "Contact",
    "Count",
    "Decisions2021",
    "Disclosure",
    "Disclosure2019",
    "Disclosure2021",
    "DocumentCounts2019",
    "DocumentCounts2021",
    "Documents2019",
    "Documents2021",
    "Enforcement2019",
    "Enforcement2021",
    "FeeAmount2021",
    "FeeCounts2019",
    "Fees2019",
    "Fees2021",
    "Heading",
    "HeadingLevel",
    "ItemCounts2019",
    "Licensing2021",
    "Lines",
    "Meta",
    "NotProcessed",
    "OptionalText",
    "OtherHandling",
    "Paragraph",
    "Procurement2019",
    "ProcurementCounts2019",
    "Renders",
    "Report",
    "RequestRow",
    "Requests",
    "Section",
    "Services2019",
    "Signed",
    "TableSlot",
    "Text",
    "UnableToProvide",
    "Withheld",
    "Year",
]

#: a count (an integer from 0 to 10¹²), or ``None`` for a blank cell
Count: TypeAlias = Annotated[int | None, COUNT]
#: a signed count (2019 本年增/减), or ``None`` for a blank cell
Signed: TypeAlias = Annotated[int | None, SIGNED]
#: an amount of money in yuan (at most 2 decimal places), or ``None`` for a blank cell
Amount: TypeAlias = Annotated[Decimal | None, AMOUNT]
#: an amount of money in 万元 (at most 6 decimal places: a fen), or ``None`` for a blank cell
AmountWan: TypeAlias = Annotated[Decimal | None, AMOUNT_WAN]
#: any cell value
CellValue: TypeAlias = int | Decimal | None
#: a report year
Year: TypeAlias = Annotated[int, YEAR]
#: a sub-heading level: 1 for （一）, 2 for 1., 3 for (1)
HeadingLevel: TypeAlias = Annotated[int, HEADING_LEVEL]
#: text (UTF-8 encodable: no lone surrogate)
Text: TypeAlias = Annotated[str, TEXT]
#: text, or ``None`` where not given
OptionalText: TypeAlias = Annotated[str | None, OPTIONAL_TEXT]
#: lines of text
Lines: TypeAlias = Annotated[tuple[str, ...], LINES]


class Checked:
    """A part of the model: its constructor checks every field against the spec its annotation
    carries (:mod:`opengovreport.values`) and raises ``ValueError`` naming each field it does
    not accept, in the words of the JSON loader.

    The check is a function generated from the specs when attrs makes the class, and is the
    class's ``__attrs_post_init__`` (a class with a post-init of its own calls
    :func:`check_fields` first). Parts pickle as their class and field values.
    """

    __slots__ = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # attrs makes each class twice (the class as written, then with slots and fields);
        # the second one gets its checker
        if "__attrs_attrs__" in cls.__dict__:
            check = _CHECKERS[cls] = _checker(cls)
            if "__attrs_post_init__" not in cls.__dict__:
                cls.__attrs_post_init__ = check  # type: ignore[method-assign,assignment]
            _VALUES[cls] = _values_getter(cls)
            if _counts_only(cls):
                _COUNT_ROWS.add(cls)

    def __attrs_post_init__(self) -> None:  # pragma: no cover - each class has its own
        check_fields(self)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # its class and field values, made again by the constructor: about twice as fast as
        # attrs' state dictionaries (a report: 47 µs to write, 77 to read, against 100 and 92),
        # which matters when worker processes send reports back; a row of counts is shared
        cls = type(self)
        if cls in _COUNT_ROWS:
            return shared_row, (cls, _VALUES[cls](self))
        return cls, _VALUES[cls](self)


#: each class's field checker (a class is its own key)
_CHECKERS: dict[type, Callable[[Any], None]] = {}
#: each class's field values, as a tuple
_VALUES: dict[type, Callable[[Any], tuple[Any, ...]]] = {}
#: the classes whose every field is a count (or a signed count): rows of tables 3 and 4
_COUNT_ROWS: set[type] = set()


def _values_getter(cls: type) -> Callable[[Any], tuple[Any, ...]]:
    names = [f.name for f in attrs.fields(cls)]
    get = attrgetter(*names)
    return get if len(names) > 1 else lambda obj: (get(obj),)


def _counts_only(cls: type) -> bool:
    hints = typing.get_type_hints(cls, include_extras=True)
    specs = [spec_of(hints[f.name]) for f in attrs.fields(cls)]
    return all(isinstance(s, Bounds) and s.kind is not CellKind.AMOUNT for s in specs)


#: rows of counts already made, by their class, values and the values' types: equal rows are
#: one object across reports (100,000 reports: 1.88 GB → 1.4 GB). The key holds the types, so
#: that 2 and 2.0, 1 and True, are never one key; a hit holds the very values a new row would,
#: so it gives what the constructor gives, whatever was made before. Amounts are never shared
#: (Decimal("1.0") == Decimal("1.00"), printed differently). Rows made again from a row made
#: (:func:`shared_built_row`, counts ``int`` or ``None``) are keyed by class and values alone.
_SHARED: dict[tuple[Any, ...], Any] = {}
_SHARED_MOST = 100_000

T = TypeVar("T")


def shared_row(cls: type[T], values: tuple[Any, ...]) -> T:
    """``cls(*values)`` for a row of counts, the same object for the same values of the same
    types (it raises as the constructor does for values it does not accept)."""
    key = (cls, values, tuple(map(type, values)))
    row: T | None = _SHARED.get(key)
    if row is None:
        row = cls(*values)
        if len(_SHARED) >= _SHARED_MOST:
            _SHARED.clear()
        _SHARED[key] = row
    return row


def check_fields(obj: object) -> None:
    """Raise ``ValueError`` naming every field of ``obj`` (a part of the model) that its spec does
    not accept."""
    _CHECKERS[type(obj)](obj)


def field_spec(hint: object) -> ValueSpec:
    """The spec of a field annotated ``hint``: its ``Annotated`` spec, or the classes it may hold
    (a part of the model, a union of them, an :class:`Edition`; optionally ``None``)."""
    found = spec_of(hint)
    if found is not None:
        return found
    members = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
    classes = tuple(m for m in members if m is not type(None))
    if not all(isinstance(c, type) for c in classes):
        raise TypeError(f"no spec for a field of type {hint!r}")  # pragma: no cover
    return InstanceSpec(classes, optional=len(classes) < len(members))


def _checker(cls: type) -> Callable[[Any], None]:
    hints = typing.get_type_hints(cls, include_extras=True)
    specs = [(f.name, field_spec(hints[f.name])) for f in attrs.fields(cls)]
    return field_checker(cls, specs)


class Renders:
    """What the report and each of its tables render to: Markdown, HTML, text (see
    :func:`opengovreport.render`), and the official table in a notebook."""

    __slots__ = ()

    def to_markdown(self, lang: str = "zh") -> str:
        """Markdown: GitHub pipe tables, header levels flattened (``法人或其他组织 / 商业企业``)."""
        return str(_above("rendering").render(self, "markdown", lang=lang))

    def to_html(self, standalone: bool = False, lang: str = "zh") -> str:
        """HTML in the official merged-header layout; a whole page with ``standalone=True``."""
        return str(_above("rendering").render(self, "html", lang=lang, standalone=standalone))

    def to_text(self, lang: str = "zh", *, width: int | None = None) -> str:
        """Plain text, tables aligned by display width so that Chinese lines up; with
        ``width``, fitted to that many columns (table 3 a line a row)."""
        return str(_above("rendering").render(self, "text", lang=lang, width=width))

    def to_docx(
        self, path_or_file: "str | os.PathLike[str] | IO[bytes] | None" = None, *, lang: str = "zh"
    ) -> bytes:
        """The Word document offices file (.docx; the extra ``docx``): A4, the official fonts,
        the tables in the official merged layout, page numbers. Written to ``path_or_file``
        where given (a path, or a binary file); the document's bytes are returned either way."""
        data = bytes(_above("rendering").render(self, "docx", lang=lang))
        if path_or_file is not None:
            if isinstance(path_or_file, str | os.PathLike):
                with open(path_or_file, "wb") as file:
                    file.write(data)
            else:
                path_or_file.write(data)
        return data

    def _repr_html_(self) -> str:
        """The official table as a notebook shows it, styled on its own: borders, labels
        left, numbers right, whatever the notebook's stylesheet."""
        return str(_above("rendering.html").display(self.to_html()))


def _short_repr(obj: object, paths: tuple[str, ...]) -> str:
    parts = []
    for path in paths:
        value: Any = obj
        for part in path.split("."):
            value = getattr(value, part, None)
        parts.append(f"{path}={value!r}")
    return f"{type(obj).__name__}({', '.join(parts)})"


def _count_repr(obj: object) -> str:
    cells = list(_iter_cells(obj))
    blank = sum(1 for _, v in cells if v is None)
    return f"{type(obj).__name__}({len(cells)} cells, {blank} blank)"


# --- narrative ------------------------------------------------------------------------------


@attrs.frozen
class Heading(Checked):
    """A sub-heading inside a section: level 1 for （一）, level 2 for 1., and so on."""

    text: Text
    level: HeadingLevel = 1


@attrs.frozen
class Paragraph(Checked):
    """A paragraph of narrative text, whole (page breaks joined)."""

    text: Text


Block: TypeAlias = Heading | Paragraph
#: a section's sub-headings and paragraphs, in order
Blocks: TypeAlias = Annotated[
    tuple[Block, ...],
    ItemsSpec(InstanceSpec((Heading, Paragraph)), "an array of headings and paragraphs"),
]


def _tuple(items: Iterable[Any]) -> tuple[Any, ...]:
    """A sequence given as a list or tuple, as a tuple (a string is not a sequence of lines)."""
    if isinstance(items, str | bytes | dict):
        raise InputError(f"expected a list or tuple, found {type(items).__name__} {items!r:.40}")
    return tuple(items)


@attrs.frozen
class Section(Checked):
    """A narrative section (1, 5 or 6): its heading as printed and its blocks in order."""

    heading: Text
    blocks: Blocks = attrs.field(default=(), converter=_tuple)

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """The text of every paragraph, in order."""
        return tuple(b.text for b in self.blocks if isinstance(b, Paragraph))


@attrs.frozen
class Contact(Checked):
    """Contact details printed in the front matter. Each is ``None`` where not given."""

    office: OptionalText = None
    address: OptionalText = None
    postcode: OptionalText = None
    phone: OptionalText = None
    fax: OptionalText = None
    email: OptionalText = None
    website: OptionalText = None


def _default_edition(meta: "Meta") -> Edition:
    return Edition.for_year(meta.year)


def _default_title(meta: "Meta") -> str:
    return str(_above("schema").default_title(meta.agency, meta.year))


@attrs.frozen
class Meta(Checked):
    """Who published the report, for which year, under which edition of the format.

    ``edition`` follows from ``year`` when not given (≤ 2020 → 2019 edition); ``title`` defaults
    to ``<agency><year>年政府信息公开工作年度报告``. ``front_matter`` holds the paragraphs before
    section 1; ``closing`` the lines after section 6 (signature, date) where printed.
    """

    agency: Text
    year: Year
    edition: Edition = attrs.field(default=attrs.Factory(_default_edition, takes_self=True))
    title: Text = attrs.field(default=attrs.Factory(_default_title, takes_self=True))
    front_matter: Lines = attrs.field(default=(), converter=_tuple)
    contact: Contact | None = None
    closing: Lines = attrs.field(default=(), converter=_tuple)


# --- table 2, 2019 edition ------------------------------------------------------------------


@attrs.frozen
class DocumentCounts2019(Checked):
    """A row of 第二十条第（一）项, 2019 edition."""

    new_made: Count
    new_disclosed: Count
    total_disclosed: Count


@attrs.frozen
class Documents2019(Checked):
    """第二十条第（一）项, 2019 edition: 规章 and 规范性文件."""

    rules: DocumentCounts2019
    normative_documents: DocumentCounts2019


@attrs.frozen
class ItemCounts2019(Checked):
    """A row of 第二十条第（五）/（六）项, 2019 edition."""

    last_year: Count
    change: Signed
    decisions: Count


@attrs.frozen
class Services2019(Checked):
    """第二十条第（五）项, 2019 edition: 行政许可 and 其他对外管理服务事项."""

    licensing: ItemCounts2019
    other_services: ItemCounts2019


@attrs.frozen
class Enforcement2019(Checked):
    """第二十条第（六）项, 2019 edition: 行政处罚 and 行政强制."""

    penalties: ItemCounts2019
    coercion: ItemCounts2019


@attrs.frozen
class FeeCounts2019(Checked):
    """The row of 第二十条第（八）项, 2019 edition (no decisions column)."""

    last_year: Count
    change: Signed


@attrs.frozen
class Fees2019(Checked):
    """第二十条第（八）项, 2019 edition: 行政事业性收费."""

    fees: FeeCounts2019


@attrs.frozen
class ProcurementCounts2019(Checked):
    """The row of 第二十条第（九）项, 2019 edition."""

    projects: Count
    amount: Amount


@attrs.frozen
class Procurement2019(Checked):
    """第二十条第（九）项, 2019 edition: 政府集中采购."""

    procurement: ProcurementCounts2019


class _Table2(Renders):
    """Table 2 of either edition: shown as how many cells it has, and how many are blank."""

    __slots__ = ()

    def __repr__(self) -> str:
        return _count_repr(self)


@attrs.frozen(repr=False)
class Disclosure2019(_Table2, Checked):
    """Table 2 (主动公开政府信息情况), 2019 edition."""

    item1: Documents2019
    item5: Services2019
    item6: Enforcement2019
    item8: Fees2019
    item9: Procurement2019


# --- table 2, 2021 edition ------------------------------------------------------------------


@attrs.frozen
class DocumentCounts2021(Checked):
    """A row of 第二十条第（一）项, 2021 edition."""

    issued: Count
    repealed: Count
    in_force: Count


@attrs.frozen
class Documents2021(Checked):
    """第二十条第（一）项, 2021 edition: 规章 and 行政规范性文件."""

    rules: DocumentCounts2021
    normative_documents: DocumentCounts2021


@attrs.frozen
class Decisions2021(Checked):
    """A row of 第二十条第（五）/（六）项, 2021 edition: 本年处理决定数量."""

    decisions: Count


@attrs.frozen
class Licensing2021(Checked):
    """第二十条第（五）项, 2021 edition: 行政许可."""

    licensing: Decisions2021


@attrs.frozen
class Enforcement2021(Checked):
    """第二十条第（六）项, 2021 edition: 行政处罚 and 行政强制."""

    penalties: Decisions2021
    coercion: Decisions2021


@attrs.frozen
class FeeAmount2021(Checked):
    """The row of 第二十条第（八）项, 2021 edition: 本年收费金额 in 万元."""

    amount: AmountWan


@attrs.frozen
class Fees2021(Checked):
    """第二十条第（八）项, 2021 edition: 行政事业性收费."""

    fees: FeeAmount2021


@attrs.frozen(repr=False)
class Disclosure2021(_Table2, Checked):
    """Table 2 (主动公开政府信息情况), 2021 edition."""

    item1: Documents2021
    item5: Licensing2021
    item6: Enforcement2021
    item8: Fees2021


Disclosure: TypeAlias = Disclosure2019 | Disclosure2021

# --- table 3 --------------------------------------------------------------------------------


@attrs.frozen
class RequestRow(Checked):
    """A data row of table 3: the six applicant columns and 总计 (as printed)."""

    natural_person: Count
    commercial_enterprise: Count
    research_institution: Count
    public_interest_org: Count
    legal_service_org: Count
    other_org: Count
    total: Count


@attrs.frozen
class Withheld(Checked):
    """（三）不予公开: its eight items."""

    state_secret: RequestRow
    prohibited_by_law: RequestRow
    endangers_security: RequestRow
    third_party_rights: RequestRow
    internal_affairs: RequestRow
    process_information: RequestRow
    enforcement_files: RequestRow
    administrative_inquiry: RequestRow


@attrs.frozen
class UnableToProvide(Checked):
    """（四）无法提供: its three items."""

    not_held: RequestRow
    needs_creation: RequestRow
    unclear_after_correction: RequestRow


@attrs.frozen
class NotProcessed(Checked):
    """（五）不予处理: its five items."""

    petition_complaint: RequestRow
    repeated: RequestRow
    publications: RequestRow
    mass_repeated: RequestRow
    confirm_obtained: RequestRow


@attrs.frozen
class OtherHandling(Checked):
    """（六）其他处理 as three items (2021 edition)."""

    overdue_correction: RequestRow
    overdue_fee: RequestRow
    other: RequestRow


@attrs.frozen(repr=False)
class Requests(Renders, Checked):
    """Table 3 (收到和处理政府信息公开申请情况).

    ``other_handling`` is one :class:`RequestRow` (2019 edition, and the hybrid 2021-edition
    reports that print （六） as one row) or :class:`OtherHandling` (2021 edition).
    """

    new_received: RequestRow
    carried_over: RequestRow
    disclosed: RequestRow
    partially_disclosed: RequestRow
    withheld: Withheld
    unable_to_provide: UnableToProvide
    not_processed: NotProcessed
    other_handling: RequestRow | OtherHandling
    total_handled: RequestRow
    carried_forward: RequestRow

    @property
    def other_handling_itemized(self) -> bool:
        """Whether （六）其他处理 is printed as three items (the 2021 edition's shape)."""
        return isinstance(self.other_handling, OtherHandling)

    @property
    def other_handling_items(self) -> "OtherHandling":
        """（六）其他处理 as its three items, for typed access
        (``requests.other_handling_items.overdue_fee.total``); ``TypeError`` where it is one
        row."""
        if not isinstance(self.other_handling, OtherHandling):
            raise WrongTypeError("（六）其他处理 is one row in this report, not three items")
        return self.other_handling

    @property
    def other_handling_row(self) -> "RequestRow":
        """（六）其他处理 as one row (the 2019 edition, the hybrid); ``TypeError`` where it is
        three items."""
        if isinstance(self.other_handling, OtherHandling):
            raise WrongTypeError("（六）其他处理 is three items in this report, not one row")
        return self.other_handling

    def __repr__(self) -> str:
        return _short_repr(
            self, ("new_received.total", "total_handled.total", "carried_forward.total")
        )


# --- table 4 --------------------------------------------------------------------------------


@attrs.frozen
class AppealGroup(Checked):
    """One group of table 4: 结果维持, 结果纠正, 其他结果, 尚未审结, 总计 (as printed)."""

    upheld: Count
    corrected: Count
    other: Count
    pending: Count
    total: Count


@attrs.frozen(repr=False)
class Appeals(Renders, Checked):
    """Table 4 (政府信息公开行政复议、行政诉讼情况)."""

    reconsideration: AppealGroup
    litigation_direct: AppealGroup
    litigation_after_reconsideration: AppealGroup

    def __repr__(self) -> str:
        return _short_repr(
            self,
            (
                "reconsideration.total",
                "litigation_direct.total",
                "litigation_after_reconsideration.total",
            ),
        )


# --- the report -----------------------------------------------------------------------------

#: the classes that may hold each table, by the report's field: those of the registered shapes
#: (:func:`opengovreport.schema.register` adds a new shape's)
TABLE_CLASSES: dict[str, set[type]] = {"disclosure": set(), "requests": set(), "appeals": set()}


@attrs.frozen
class TableSlot(ValueSpec):
    """A report's table field: an instance of a class some registered shape holds it in."""

    key: str

    @property
    def expected(self) -> str:  # type: ignore[override]
        names = " or ".join(sorted(c.__name__ for c in TABLE_CLASSES[self.key]))
        return f"one of {names}"

    def test(self, var: str, env: dict[str, Any]) -> str:
        # the registry's own set: a shape registered later is seen by every check
        env_name = f"_tables_{self.key}"
        env[env_name] = TABLE_CLASSES[self.key]
        return f"(type({var}) in {env_name})"

    def problem(self, value: object) -> str | None:
        return None if self.accepts(value) else f"a {type(value).__name__}"


@attrs.frozen(repr=False)
class Report(Renders, Checked):
    """A government information-disclosure annual report (政府信息公开工作年度报告).

    The narrative sections are ``overview`` (1), ``problems`` (5) and ``other_matters`` (6); the
    tables are ``disclosure`` (2), ``requests`` (3) and ``appeals`` (4). A cell is reached by
    attribute, e.g. ``report.requests.withheld.state_secret.natural_person``, or by its path
    string with :meth:`cell`.
    """

    meta: Meta
    overview: Section
    disclosure: Annotated[Disclosure, TableSlot("disclosure")]
    requests: Annotated[Requests, TableSlot("requests")]
    appeals: Annotated[Appeals, TableSlot("appeals")]
    problems: Section
    other_matters: Section

    def __attrs_post_init__(self) -> None:
        check_fields(self)
        _shape_of(self)  # ValueError when the tables fit no shape of the edition

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # its shape's key, its cells in one tuple and its text: a pickle of plain values,
        # made again by the constructors (a report of bench_corpus.py's corpus, timed
        # interleaved: written in 19–21 µs and read in 98–111 µs, against 60–90 µs and
        # 91–120 µs class by class)
        return _report_of, report_values(self)

    @property
    def edition(self) -> Edition:
        """The edition of the format (``meta.edition``)."""
        return self.meta.edition

    @property
    def shape(self) -> "Shape":
        """The report's :class:`~opengovreport.schema.Shape`: its edition and the layout of its
        tables."""
        return _shape_of(self)

    @property
    def disclosure_2019(self) -> Disclosure2019:
        """Table 2 as the 2019 edition's class, for typed access to its fields
        (``report.disclosure_2019.item9.procurement.amount``); ``TypeError`` in a report of the
        2021 edition."""
        if not isinstance(self.disclosure, Disclosure2019):
            raise WrongTypeError(f"a {self.edition.value}-edition report has no 2019 table 2")
        return self.disclosure

    @property
    def disclosure_2021(self) -> Disclosure2021:
        """Table 2 as the 2021 edition's class, for typed access to its fields
        (``report.disclosure_2021.item1.rules.issued``); ``TypeError`` in a report of the 2019
        edition."""
        if not isinstance(self.disclosure, Disclosure2021):
            raise WrongTypeError(f"a {self.edition.value}-edition report has no 2021 table 2")
        return self.disclosure

    def __repr__(self) -> str:
        m = self.meta
        return f"Report(agency={m.agency!r}, year={m.year}, edition={m.edition.value!r})"

    def cells(self) -> Iterator[tuple[str, CellValue]]:
        """Every table cell as ``(path, value)``, tables 2, 3 and 4 in printed order."""
        shape = self.shape
        return zip(shape.paths, shape.fetch(self), strict=True)

    def cell(self, path: str) -> CellValue:
        """The value of the cell at ``path``, e.g. ``"requests.disclosed.total"``."""
        obj: Any = self
        for i, part in enumerate(path.split(".")):
            if not attrs.has(type(obj)) or part not in _field_names(type(obj)):
                where = ".".join(path.split(".")[:i]) or "the report"
                raise NotFoundError(
                    _single_row_fix(path, where, part)
                    or f"no cell {path!r}: {where} has no {part!r}"
                )
            obj = getattr(obj, part)
        if attrs.has(type(obj)):
            raise NotFoundError(f"no cell {path!r}: it names a row or a table, not a cell")
        value: CellValue = obj
        return value

    def indicators(self, previous: "Report | None" = None) -> dict[str, float | None]:
        """The standard indicators of the report (予以公开率, 办结率, 纠错率 …; the catalogue
        :data:`opengovreport.schema.INDICATORS`), by code: ``None`` where a cell they need is
        blank or the denominator is 0. Growths need last year's report (``previous``)."""
        found: dict[str, float | None] = _above("indicators").indicators(self, previous)
        return found

    def compare(
        self, previous: "Report", *, thresholds: "Thresholds | None" = None
    ) -> "Comparison":
        """This report against ``previous`` (last year's): every cell and indicator they share,
        before and after, the change and the ratio, the changes ranked, the sentences a person
        would write, and flags with ``thresholds`` (:func:`opengovreport.compare`)."""
        comparison: Comparison = _above("comparison").compare(previous, self, thresholds=thresholds)
        return comparison

    def with_totals(self, previous: "Report | None" = None) -> "Report":
        """A copy with every total and derived cell recomputed from the others (each row's
        总计, （七）总计, 结转下年度继续办理, table 4's 总计; with last year's report, table 2's
        running figures). :func:`opengovreport.builders.fill_totals` also says which totals
        changed."""
        filled: Report = _above("builders").fill_totals(self, previous).report
        return filled

    def with_cell(self, path: str, value: CellValue) -> "Report":
        """A copy of the report with the cell at ``path`` set to ``value``.

        Raises ``KeyError`` for a path that names no cell, and ``ValueError`` for a value the
        cell cannot hold (in the words :func:`opengovreport.loads` uses for it).
        """
        self.cell(path)  # raises a clear KeyError for a bad path
        row_path, _, name = path.rpartition(".")
        row: Any = self
        for part in row_path.split("."):
            row = getattr(row, part)
        spec = field_spec(typing.get_type_hints(type(row), include_extras=True)[name])
        found = spec.problem(value)
        if found is not None:
            raise InputError(f"{path}: expected {spec.expected}, found {found}")
        return _replace(self, path.split("."), value)  # type: ignore[no-any-return]


def _single_row_fix(path: str, where: str, part: str) -> str | None:
    """What to do where ``path`` names an item of （六）其他处理 in a report that prints it as
    one row: the row's own cells, or a report made with the items."""
    schema = _above("schema")
    single, itemized = schema.OTHER_HANDLING_SINGLE, schema.OTHER_HANDLING_ITEMIZED
    row = f"requests.{single.key}"
    if where != row or part not in {c.key for c in itemized.children}:
        return None
    label = single.label.zh
    return (
        f"no cell {path!r}: this report prints {label} as one row, as some 2021-edition "
        f"reports do, not the edition's three items: write {row}.<column> (e.g. "
        f"{row}.natural_person), or start from a report with the items, "
        "builders.new_report(agency, year) (itemized by default)"
    )


def _section_values(section: Section) -> tuple[str, tuple[str | tuple[str, int], ...]]:
    """A section as plain values: its heading, and each block (a paragraph's text; a
    heading's text and level)."""
    return section.heading, tuple(
        b.text if type(b) is Paragraph else (b.text, b.level)  # type: ignore[union-attr]
        for b in section.blocks
    )


def _section_of(values: tuple[str, tuple[str | tuple[str, int], ...]]) -> Section:
    heading, blocks = values
    return Section(heading, tuple(Paragraph(b) if type(b) is str else Heading(*b) for b in blocks))


#: a report as plain values (:func:`report_values`)
ReportValues: TypeAlias = tuple[
    str,
    tuple[CellValue, ...],
    tuple[Any, ...],
    tuple[tuple[str, tuple[str | tuple[str, int], ...]], ...],
]


def _report_of(*values: *ReportValues) -> Report:
    """A report from its pickle (:meth:`Report.__reduce__`): built by the constructors, each
    checking its values."""
    key, cells, meta, sections = values
    tables = _above("builders").tables_of_values(_registered(key), cells)
    meta = _contact_made(meta, lambda values: Contact(*values))
    overview, problems, other = (_section_of(s) for s in sections)
    return Report(Meta(*meta), overview, problems=problems, other_matters=other, **tables)


def _contact_made(meta: tuple[Any, ...], make: Callable[[Any], Any]) -> tuple[Any, ...]:
    """A meta's values with its contact (the sixth) made by ``make``, where it has one."""
    contact = meta[5]
    return meta if contact is None else (*meta[:5], make(contact), *meta[6:])


def _registered(key: str) -> "Shape":
    """The registered shape of key ``key``."""
    for shape in _above("schema").shapes():
        if shape.key == key:
            return shape  # type: ignore[no-any-return]
    raise NotFoundError(f"no registered shape {key!r}: register it before reading the report")


def report_values(report: Report) -> ReportValues:
    """A report as plain values — its shape's key, its cells in the shape's order, its meta
    and its sections — from which :func:`_report_of` (checking every value) or
    :func:`built_report` (not checking them again) make it."""
    shape = report.shape
    meta = _contact_made(_VALUES[Meta](report.meta), _VALUES[Contact])
    sections = tuple(
        _section_values(s) for s in (report.overview, report.problems, report.other_matters)
    )
    return shape.key, shape.fetch(report), meta, sections


def built_report(*values: *ReportValues) -> Report:
    """The report :func:`report_values` gave of a report this library built — in a worker
    process, where its every value was checked — made again without the constructors'
    checks (:func:`unchecked`): equal to the report, whose values were checked once, where it
    was built. Only for such values: a report made of any others may hold what a report
    cannot."""
    key, cells, meta, sections = values
    tables = _above("builders").tables_of_values(_registered(key), cells, checked=False)
    meta = _contact_made(meta, lambda values: unchecked(Contact)(*values))
    paragraph, heading, section = unchecked(Paragraph), unchecked(Heading), unchecked(Section)
    overview, problems, other = (
        section(h, tuple(paragraph(b) if type(b) is str else heading(*b) for b in blocks))
        for h, blocks in sections
    )
    make = unchecked(Report)
    return make(
        unchecked(Meta)(*meta),
        overview,
        tables["disclosure"],
        tables["requests"],
        tables["appeals"],
        problems,
        other,
    )


#: each class's maker that skips its checks (:func:`unchecked`), by class
_UNCHECKED: dict[type, Callable[..., Any]] = {}


def unchecked(cls: type[T]) -> Callable[..., T]:
    """A function of every field of ``cls`` (a part of the model), in order, that makes an
    instance holding them as they are: no check, no converter, no default — for values taken
    from an instance already made (:func:`built_report`). Generated once per class, of its
    field names only."""
    make = _UNCHECKED.get(cls)
    if make is None:
        names = [f.name for f in attrs.fields(cls)]  # type: ignore[arg-type]
        env: dict[str, Any] = {"new": object.__new__, "C": cls}
        args = ", ".join(f"a{i}" for i in range(len(names)))
        lines = [f"def make({args}):", "    o = new(C)"]
        for i, name in enumerate(names):
            # the slot's own setter: a frozen class's __setattr__ refuses
            env[f"set{i}"] = getattr(cls, name).__set__
            lines.append(f"    set{i}(o, a{i})")
        lines.append("    return o")
        make = _UNCHECKED[cls] = define("\n".join(lines) + "\n", "make", env, "unchecked maker")
    return make


#: each shape's maker of its tables from cells read (:func:`accepted_tables`), by the shape
_ACCEPTED_MAKERS: dict["Shape", Callable[[Sequence[Any]], dict[str, Any] | None]] = {}


def accepted_tables(shape: "Shape", values: Sequence[CellValue]) -> dict[str, Any] | None:
    """The tables of ``shape``, by key, holding ``values`` (every cell, in the order of
    ``shape.paths``), made by :func:`unchecked` makers where each value is one its field
    accepts — the tests the constructors make, every cell's in one generated expression —
    else ``None`` (the caller builds them by the constructors, which raise naming the fields).
    Equal to the tables the constructors make of the same values; no row is shared with
    another (the tables are new objects whatever was made before). For a reader, whose
    values are its own: a report's tables at a quarter of the constructors' cost."""
    make = _ACCEPTED_MAKERS.get(shape)
    if make is None:
        make = _ACCEPTED_MAKERS[shape] = _accepted_maker(shape)
    return make(values)


def _accepted_maker(shape: "Shape") -> Callable[[Sequence[Any]], dict[str, Any] | None]:
    """The function :func:`accepted_tables` calls for ``shape``: generated of the shape's
    classes, their fields' specs and the cells' positions, never of input."""
    position = {p: i for i, p in enumerate(shape.paths)}
    env: dict[str, Any] = {}
    tests: list[str] = [""] * len(position)
    specs: list[ValueSpec | None] = [None] * len(position)

    def build(path: str) -> str:
        cls = shape.classes[path]
        name = f"U{len(env)}"
        env[name] = unchecked(cls)
        fields = attrs.fields(cls)
        children = [f"{path}.{f.name}" for f in fields]
        if any(c in shape.classes for c in children):
            return f"{name}({', '.join(build(c) for c in children)})"
        hints = typing.get_type_hints(cls, include_extras=True)
        for f, child in zip(fields, children, strict=True):
            at = position[child]
            spec = specs[at] = field_spec(hints[f.name])
            tests[at] = spec.test(f"a{at}", env)
        return f"{name}({', '.join(f'a{position[c]}' for c in children)})"

    made = [f"{t.key!r}: {build(t.key)}" for t in shape.tables]
    assert all(tests), "every cell of the shape is a field of a row"
    names = ", ".join(f"a{i}" for i in range(len(tests)))
    code = (
        f"def make(v):\n    {names}, = v\n"
        f"    if not ({' and '.join(_grouped(tests, specs, env))}):\n        return None\n"
        f"    return {{{', '.join(made)}}}\n"
    )
    maker: Callable[[Sequence[Any]], dict[str, Any] | None]
    maker = define(code, "make", env, "maker of accepted tables")
    return maker


def _grouped(tests: list[str], specs: Sequence[Any], env: dict[str, Any]) -> list[str]:
    """``tests``, the cells' tests, with those of integer cells (counts, signed counts) made one
    test of each spec's cells at once (:func:`_integers_within`: the same test, in C's loops);
    the others (amounts) as they are."""
    by_spec: dict[Bounds, list[int]] = {}
    out = []
    for at, spec in enumerate(specs):
        if isinstance(spec, Bounds) and spec.kind is not CellKind.AMOUNT:
            by_spec.setdefault(spec, []).append(at)
        else:
            out.append(tests[at])
    env["_within"] = _integers_within
    for spec, cells in by_spec.items():
        assert spec.minimum <= 0 <= spec.maximum, spec  # zero is taken as within
        names = "".join(f"a{at}, " for at in cells)
        out.insert(0, f"_within(({names}), {spec.minimum}, {spec.maximum})")
    return out


def _integers_within(values: tuple[Any, ...], low: int, high: int) -> bool:
    """Whether each of ``values`` is ``None`` or an ``int`` (not a ``bool``) from ``low`` to
    ``high``: the test of an integer cell (:class:`~opengovreport.values.Bounds`) for many
    at once, where ``low <= 0 <= high``."""
    if not set(map(type, values)) <= _INTEGER_OR_NONE:
        return False
    nonzero = tuple(filter(None, values))  # (None and 0 dropped: 0 is within)
    return not nonzero or (low <= min(nonzero) and max(nonzero) <= high)


_INTEGER_OR_NONE = frozenset({int, type(None)})


def shared_built_row(cls: type[T], values: tuple[Any, ...]) -> T:
    """:func:`shared_row` for values taken from a row already made (:func:`built_report`):
    the same sharing, the row made without the constructor's checks. The values of a row of
    counts made are ``int`` or ``None``, so the class and the values are the key (a key of
    two parts, never one of :func:`shared_row`'s)."""
    key = (cls, values)
    row: T | None = _SHARED.get(key)
    if row is None:
        row = unchecked(cls)(*values)
        if len(_SHARED) >= _SHARED_MOST:
            _SHARED.clear()
        _SHARED[key] = row
    return row


def _shape_of(report: Report) -> "Shape":
    shape: Shape = _above("schema").shape_of(report)
    return shape


def _replace(obj: Any, parts: list[str], value: object) -> Any:
    head, *rest = parts
    new = value if not rest else _replace(getattr(obj, head), rest, value)
    return attrs.evolve(obj, **{head: new})


_NAMES: dict[type, tuple[str, ...]] = {}
_NAME_SETS: dict[type, frozenset[str]] = {}


def _field_names(cls: type) -> frozenset[str]:
    names = _NAME_SETS.get(cls)
    if names is None:
        names = _NAME_SETS[cls] = frozenset(_field_names_ordered(cls))
    return names


def _iter_cells(table: object, prefix: str = "") -> Iterator[tuple[str, CellValue]]:
    """Every cell below ``table`` (a table, a row group or a row) as ``(path, value)``."""
    for name in _field_names_ordered(type(table)):
        value = getattr(table, name)
        path = f"{prefix}.{name}" if prefix else name
        if attrs.has(type(value)):
            yield from _iter_cells(value, path)
        else:
            yield path, value


def cells_getter(paths: Sequence[str]) -> Callable[[Any], tuple[Any, ...]]:
    """A function that gives the values at ``paths`` (dotted, e.g. ``requests.disclosed.total``)
    of a report, as a tuple. It is generated: each table, group and row on the way is looked
    up once, and each cell once (200 cells: 2 µs, against 10 µs for chained attrgetters;
    ``bench_checks.py``)."""
    names: dict[str, str] = {"": "r"}
    lines = ["def get(r):"]
    last: list[str] = []
    for path in paths:
        parts = path.split(".")
        if not all(part.isidentifier() for part in parts):
            raise InputError(f"not a path of fields: {path!r}")
        for i in range(1, len(parts)):
            here = ".".join(parts[:i])
            if here not in names:
                names[here] = f"o{len(names)}"
                lines.append(
                    f"    {names[here]} = {names['.'.join(parts[: i - 1])]}.{parts[i - 1]}"
                )
        last.append(f"{names['.'.join(parts[:-1])]}.{parts[-1]}")
    lines.append(f"    return ({', '.join(last)},)")
    env: dict[str, Any] = {}
    # made of field names, never of input
    get: Callable[[Any], tuple[Any, ...]] = define("\n".join(lines) + "\n", "get", env, "fetch")
    return get


def _field_names_ordered(cls: type) -> tuple[str, ...]:
    names = _NAMES.get(cls)
    if names is None:
        names = _NAMES[cls] = tuple(f.name for f in attrs.fields(cls))
    return names


def pickle_by_fields(cls: type[T]) -> type[T]:
    """A class decorator: pickle instances of the attrs class ``cls`` as its constructor and
    field values (about twice as fast as attrs' state dictionaries, for findings and corpus
    entries that worker processes send back). Where the constructor only stores the values —
    no validator, no converter, no hook, each field a slot — an instance is unpickled by
    storing them (:func:`unchecked`), which is what the constructor would do (a finding with
    four cells: about 8 µs → 5 µs; a check on two workers takes half of them from the other
    process)."""
    get = _values_getter(cls)
    fields = attrs.fields(cls)  # type: ignore[arg-type]
    if (
        not any(f.validator or f.converter for f in fields)
        and all(not hasattr(cls, hook) for hook in ("__attrs_pre_init__", "__attrs_post_init__"))
        and all(isinstance(cls.__dict__.get(f.name), types.MemberDescriptorType) for f in fields)
    ):

        def reduce(self: object) -> tuple[Any, tuple[object, ...]]:
            return (_stored, (type(self), get(self)))

    elif any(f.kw_only for f in fields):
        names = tuple(f.name for f in attrs.fields(cls))  # type: ignore[arg-type]

        def reduce(self: object) -> tuple[Any, tuple[object, ...]]:
            return (_by_keywords, (type(self), names, get(self)))

    else:

        def reduce(self: object) -> tuple[Any, tuple[object, ...]]:
            return (type(self), get(self))

    cls.__reduce__ = reduce  # type: ignore[method-assign]
    return cls


def _by_keywords(cls: type[T], names: tuple[str, ...], values: tuple[Any, ...]) -> T:
    return cls(**dict(zip(names, values, strict=True)))


def _stored(cls: type[T], values: tuple[Any, ...]) -> T:
    """An instance of ``cls`` holding ``values``, one a field, as its constructor (which only
    stores them: :func:`pickle_by_fields`) makes it."""
    return unchecked(cls)(*values)
