"""The reader's fast paths give what the slow ones give: a report's tables made without the
constructors' calls (``model.accepted_tables``) equal the constructors' own, and are refused
exactly where a constructor refuses a value; a row's counts read by the table of printed
counts equal ``int()`` of them."""

from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import opengovreport as ogr
from opengovreport.builders import tables_from_cells
from opengovreport.model import accepted_tables
from opengovreport.reading._rows import counts
from opengovreport.schema import Shape, shapes
from opengovreport.values import Bounds, CellKind


def _good(bounds: Bounds) -> st.SearchStrategy[object]:
    if bounds.kind is CellKind.AMOUNT:
        return (
            st.decimals(min_value=0, max_value=10**6, places=bounds.places, allow_nan=False)
            | st.none()
        )
    edge = st.sampled_from([bounds.minimum, 0, bounds.maximum])
    return st.none() | edge | st.integers(bounds.minimum, bounds.maximum)


#: values a cell of any kind refuses (a count: a bool, a float, a text, beyond its bounds)
_BAD = st.sampled_from(
    [True, False, 1.0, "1", -(10**13), 10**13, Decimal("-1"), Decimal("NaN"), Decimal("0.001")]
)


def _refused_by(bounds: Bounds) -> Callable[[object], bool]:
    return lambda value: not bounds.accepts(value)


@st.composite
def _cells(draw: st.DrawFn) -> tuple[Shape, list[object]]:
    shape = draw(st.sampled_from(shapes()))
    values = [draw(_good(cell.bounds)) for cell in shape.cells]
    for _ in range(draw(st.integers(0, 2))):  # a value or two no cell of its kind holds
        at = draw(st.integers(0, len(values) - 1))
        bounds = shape.cells[at].bounds
        bad = draw(_BAD.filter(_refused_by(bounds)))
        values[at] = bad
    return shape, values


@settings(max_examples=300, deadline=None)
@given(_cells())
def test_accepted_tables_are_the_constructors(drawn: tuple[Shape, list[object]]) -> None:
    shape, values = drawn
    assert [c.path for c in shape.cells] == list(shape.paths)
    made = accepted_tables(shape, values)  # type: ignore[arg-type]
    try:
        expected = tables_from_cells(shape, dict(zip(shape.paths, values, strict=True)))  # type: ignore[arg-type]
    except ValueError:
        assert made is None
        return
    assert made == expected
    for key, table in made.items():  # the same classes (rows equal, not shared: made anew)
        assert type(table) is type(expected[key])


def test_parse_builds_the_tables_the_constructors_build() -> None:
    for name in ("gaoqing-2020", "synthetic-2021"):
        report = ogr.examples.load(name)
        found = ogr.parse(ogr.render(report, "text")).found
        assert found is not None
        shape = found.shape
        cells = dict(found.cells())
        rebuilt = tables_from_cells(shape, cells)
        assert {k: getattr(found, k) for k in rebuilt} == rebuilt


@given(st.lists(st.integers(0, 10**12).map(str) | st.from_regex(r"\A0[0-9]{0,5}\Z"), max_size=9))
def test_counts_are_int(texts: list[str]) -> None:
    assert counts(texts) == [int(t) for t in texts]


@pytest.mark.parametrize("value", [True, 1.0, -1])
def test_a_value_no_count_holds_is_refused(value: object) -> None:
    shape = shapes()[0]
    report = ogr.examples.load("gaoqing-2020")
    values = list(shape.fetch(report))
    at = next(k for k, c in enumerate(shape.cells) if c.bounds.kind is CellKind.COUNT)
    values[at] = value
    assert accepted_tables(shape, values) is None
