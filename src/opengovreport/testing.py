"""Hypothesis strategies for reports, public so that users can test their own tools with them.

Every strategy generates values that fit the format: :func:`reports` gives reports of either
edition (and the hybrid 2021 edition with （六）其他处理 as one row) whose tables satisfy every
identity of the format (I1–I4: received + carried over = handled + carried forward, handled = the
sum of the outcome rows, 总计 = the sum of the applicant columns, and each table 4 group's 总计)
and the table 2 plausibility rules (2021: 现行有效件数 ≥ 本年制发件数; 2019: 上一年项目数量 +
本年增/减 = 处理决定数量). Cells are a mix of zero and non-zero; none is blank.

Requires Hypothesis (``pip install opengovreport[test]``).
"""

from decimal import Decimal
from functools import cache

import attrs

try:
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "opengovreport.testing needs Hypothesis: pip install 'opengovreport[test]'"
    ) from exc

from .builders import appeal_group, assemble_requests, disclosure_table, request_row
from .model import (
    AppealGroup,
    Appeals,
    Block,
    Contact,
    Disclosure,
    Disclosure2021,
    DocumentCounts2021,
    Documents2021,
    Heading,
    Meta,
    Paragraph,
    Report,
    RequestRow,
    Requests,
    Section,
)
from .schema import (
    SECTIONS,
    TABLE3_COLUMNS,
    CellKind,
    Edition,
    disclosure_blocks,
    section,
    table3_leaf_rows,
    table3_outcome_rows,
)
from .values import MAX_AMOUNT

__all__ = [
    "amounts",
    "appeal_groups",
    "appeals_tables",
    "blocks",
    "counts",
    "disclosure_tables",
    "metas",
    "report_series",
    "reports",
    "request_rows",
    "requests_tables",
    "sections",
    "texts",
]

_APPLICANT_KEYS = tuple(c.key for c in TABLE3_COLUMNS[:-1])
_APPLICANT_COLUMNS = len(_APPLICANT_KEYS)


@cache
def counts(max_value: int = 100_000) -> st.SearchStrategy[int]:
    """Counts ≥ 0: often 0, often small, sometimes large."""
    return st.one_of(st.just(0), st.integers(1, 12), st.integers(0, max_value))


@cache
def texts(min_size: int = 0, max_size: int = 60) -> st.SearchStrategy[str]:
    """Text as reports hold it: mostly Chinese, sometimes any character (UTF-8 encodable)."""
    cjk = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
    common = st.sampled_from("，。、；：“”（）《》0123456789 ")
    anything = st.characters(codec="utf-8")
    return st.one_of(
        st.text(st.one_of(cjk, common), min_size=min_size, max_size=max_size),
        st.text(anything, min_size=min_size, max_size=max_size),
    )


def request_rows() -> st.SearchStrategy[RequestRow]:
    """A table 3 row whose 总计 is the sum of its six applicant columns."""
    return st.builds(lambda xs: request_row(*xs), st.tuples(*[counts()] * _APPLICANT_COLUMNS))


@cache
def _count_lists(n: int) -> st.SearchStrategy[list[int]]:
    return st.lists(counts(500), min_size=n, max_size=n)


@st.composite
def requests_tables(
    draw: st.DrawFn,
    itemized_other_handling: bool | None = None,
    carried_over: RequestRow | None = None,
) -> Requests:
    """Table 3 satisfying I1–I3, with （六） itemized or not (``None``: either). With
    ``carried_over`` given (a row without blanks), that row is 二、上年结转 as given."""
    itemized = draw(st.booleans()) if itemized_other_handling is None else itemized_other_handling
    outcome_paths = [leaf.path for leaf in table3_outcome_rows(itemized)]
    columns: list[dict[str, int]] = []
    for _ in range(_APPLICANT_COLUMNS):
        values = draw(_count_lists(len(outcome_paths) + 1))
        column = dict(zip(outcome_paths, values, strict=False))
        handled = sum(column.values())
        column["carried_forward"] = values[-1]
        if carried_over is None:
            column["carried_over"] = draw(st.integers(0, handled + column["carried_forward"]))
        else:
            given = getattr(carried_over, _APPLICANT_KEYS[len(columns)])
            column["carried_over"] = given
            column["carried_forward"] += max(0, given - handled - column["carried_forward"])
        column["new_received"] = handled + column["carried_forward"] - column["carried_over"]
        column["total_handled"] = handled
        columns.append(column)
    rows = {
        leaf.path: request_row(*(c[leaf.path] for c in columns))
        for leaf in table3_leaf_rows(itemized)
    }
    return assemble_requests(rows)


def appeal_groups() -> st.SearchStrategy[AppealGroup]:
    """A table 4 group whose 总计 is the sum of its four results (I4)."""
    return st.builds(lambda xs: appeal_group(*xs), st.tuples(*[counts(300)] * 4))


def appeals_tables() -> st.SearchStrategy[Appeals]:
    """Table 4 satisfying I4 in each group."""
    return st.builds(Appeals, appeal_groups(), appeal_groups(), appeal_groups())


@cache
def amounts(places: int = 2) -> st.SearchStrategy[Decimal]:
    """Amounts ≥ 0 with up to ``places`` decimal places: often small, sometimes large (up to
    a thousandth of the format's bound, 10¹⁵, so that a thousand of them still add up to an
    amount)."""
    return st.integers(0, places).flatmap(
        lambda p: st.one_of(
            *(
                st.decimals(min_value=0, max_value=top, places=p, allow_nan=False)
                for top in (10**8, MAX_AMOUNT // 1000)
            )
        )
    )


@st.composite
def disclosure_tables(draw: st.DrawFn, edition: Edition) -> Disclosure:
    """Table 2 of ``edition``, plausible: 现行有效件数 ≥ 本年制发件数 (2021) and 上一年项目数量
    + 本年增/减 = 处理决定数量 (2019, where the block has that column)."""
    cells: dict[str, int | Decimal] = {}
    for block in disclosure_blocks(edition):
        keys = {c.key for c in block.columns}
        for row in block.rows:
            prefix = f"{block.key}.{row.key}"
            for col in block.columns:
                if col.kind is CellKind.AMOUNT:
                    cells[f"{prefix}.{col.key}"] = draw(amounts(col.bounds.places))
                elif col.kind is CellKind.COUNT:
                    cells[f"{prefix}.{col.key}"] = draw(counts(10_000))
            if "change" in keys:
                last = cells[f"{prefix}.last_year"]
                change = draw(st.integers(-int(last), 50))
                cells[f"{prefix}.change"] = change
                if "decisions" in keys:
                    cells[f"{prefix}.decisions"] = int(last) + change
            if "in_force" in keys:
                cells[f"{prefix}.in_force"] = int(cells[f"{prefix}.issued"]) + draw(counts(500))
    return disclosure_table(edition, cells)


def blocks() -> st.SearchStrategy[Block]:
    """A sub-heading or a paragraph."""
    return st.one_of(
        st.builds(Heading, texts(1, 30), st.integers(1, 3)),
        st.builds(Paragraph, texts(1, 200)),
    )


def sections(key: str) -> st.SearchStrategy[Section]:
    """A narrative section (``"overview"``, ``"problems"`` or ``"other_matters"``): its heading
    as declared or a variant, and up to eight blocks."""
    spec = section(key)
    if not spec.narrative:
        raise ValueError(
            f"{key!r} is a table section; narrative sections: "
            + ", ".join(s.key for s in SECTIONS if s.narrative)
        )
    headings = st.sampled_from((spec.heading.zh, *spec.variants))
    return st.builds(Section, headings, st.lists(blocks(), max_size=8).map(tuple))


def _optional_texts() -> st.SearchStrategy[str | None]:
    return st.none() | texts(1, 30)


def metas(edition: Edition | None = None) -> st.SearchStrategy[Meta]:
    """Report metadata; the year fits the edition (2019 edition: 2019–2020; 2021: 2021–2035)."""
    editions = st.sampled_from(list(Edition)) if edition is None else st.just(edition)

    def for_edition(e: Edition) -> st.SearchStrategy[Meta]:
        years = st.integers(2019, 2020) if e is Edition.E2019 else st.integers(2021, 2035)
        contact = st.none() | st.builds(Contact, *[_optional_texts()] * 7)
        return st.builds(
            Meta,
            agency=texts(1, 30),
            year=years,
            edition=st.just(e),
            title=texts(1, 60),
            front_matter=st.lists(texts(1, 120), max_size=3).map(tuple),
            contact=contact,
            closing=st.lists(texts(1, 20), max_size=2).map(tuple),
        )

    return editions.flatmap(for_edition)


@st.composite
def reports(
    draw: st.DrawFn,
    edition: Edition | None = None,
    itemized_other_handling: bool | None = None,
) -> Report:
    """A valid report of ``edition`` (``None``: either). In the 2021 edition （六）其他处理 is
    itemized or, as in the hybrid reports, one row (``itemized_other_handling=None``: either)."""
    meta = draw(metas(edition))
    if meta.edition is Edition.E2019:
        if itemized_other_handling:
            raise ValueError("the 2019 edition prints （六）其他处理 as one row")
        itemized = False
    else:
        itemized = (
            draw(st.booleans()) if itemized_other_handling is None else itemized_other_handling
        )
    return Report(
        meta=meta,
        overview=draw(sections("overview")),
        disclosure=draw(disclosure_tables(meta.edition)),
        requests=draw(requests_tables(itemized)),
        appeals=draw(appeals_tables()),
        problems=draw(sections("problems")),
        other_matters=draw(sections("other_matters")),
    )


@st.composite
def report_series(
    draw: st.DrawFn,
    edition: Edition | None = None,
    min_years: int = 2,
    max_years: int = 4,
) -> list[Report]:
    """Reports of one agency on consecutive years (in the edition of each year unless
    ``edition`` is given), each valid, that also pass the rules across years: 上年结转 (N) =
    结转下年度 (N−1) in every column (T1) and, in the 2021 edition, 现行有效件数 (N) =
    现行有效件数 (N−1) + 本年制发件数 − 本年废止件数 (T2)."""
    first = draw(reports(edition))
    series = [first]
    for _ in range(draw(st.integers(min_years, max_years)) - 1):
        prev = series[-1]
        year = prev.meta.year + 1
        meta = attrs.evolve(prev.meta, year=year, edition=edition or Edition.for_year(year))
        itemized = meta.edition is Edition.E2021 and draw(st.booleans())
        disclosure = draw(disclosure_tables(meta.edition))
        if isinstance(prev.disclosure, Disclosure2021) and isinstance(disclosure, Disclosure2021):
            disclosure = _roll_forward(draw, prev.disclosure, disclosure)
        series.append(
            attrs.evolve(
                prev,
                meta=meta,
                disclosure=disclosure,
                requests=draw(requests_tables(itemized, prev.requests.carried_forward)),
                appeals=draw(appeals_tables()),
            )
        )
    return series


def _roll_forward(draw: st.DrawFn, prev: Disclosure2021, this: Disclosure2021) -> Disclosure2021:
    rows = {}
    for key in ("rules", "normative_documents"):
        before = getattr(prev.item1, key).in_force or 0
        issued = getattr(this.item1, key).issued or 0
        repealed = draw(st.integers(0, before))
        rows[key] = DocumentCounts2021(issued, repealed, before + issued - repealed)
    return attrs.evolve(this, item1=Documents2021(**rows))
