"""The generated structurers of ``loads`` read a report exactly as the converter's fast path does.

``loads`` reads what ``dumps`` writes (every object's keys its class's, in order) by structurers
generated from the model's classes and the shapes; whatever else it is given goes the
converter's way. These tests hold the two to one answer: for a report's JSON changed in any of
the ways below, both make equal reports of the same classes or both refuse it, and what
``loads`` says of it is what the converter alone leads to.
"""

import json
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import opengovreport as ogr
from opengovreport import examples
from opengovreport.io import _decode, _fast, _quick_report
from opengovreport.model import RequestRow, shared_row
from opengovreport.testing import reports
from opengovreport.values import MAX_COUNT

#: values put where another was (a tuple is an object: its pairs)
_VALUES: st.SearchStrategy[object] = st.one_of(
    st.sampled_from(
        [True, False, 1, 0, 2.0, 0.0, 1.5, -1, "1", "", None, MAX_COUNT + 1, [], (), (("x", 1),)]
    ),
    st.integers(min_value=-3, max_value=400),
    st.text(max_size=3),
)


def _places(value: object, path: tuple[int, ...] = ()) -> tuple[list[Any], list[Any]]:
    """The paths (indices of pairs and items) of every object and of every other value of a
    decoded value."""
    objects: list[Any] = []
    values: list[Any] = []
    if type(value) is tuple:
        objects.append(path)
        items = [item for _key, item in value]
    elif type(value) is list:
        values.append(path)
        items = value
    else:
        values.append(path)
        items = []
    for i, item in enumerate(items):
        more_objects, more_values = _places(item, (*path, i))
        objects.extend(more_objects)
        values.extend(more_values)
    return objects, values


def _changed(value: Any, path: tuple[int, ...], change: Callable[[Any], Any]) -> Any:
    """``value`` with the object at ``path`` replaced by ``change`` of it."""
    if not path:
        return change(value)
    head, *rest = path
    if type(value) is tuple:  # an object's pairs
        key, item = value[head]
        new = (key, _changed(item, tuple(rest), change))
    else:
        new = _changed(value[head], tuple(rest), change)
    if type(value) is tuple:
        return (*value[:head], new, *value[head + 1 :])
    return [*value[:head], new, *value[head + 1 :]]


@st.composite
def _change(draw: st.DrawFn, pairs: tuple[tuple[str, Any], ...]) -> Any:
    """One change of an object: its keys reordered, one dropped, doubled or renamed, a value
    replaced, or the object replaced by another kind of value."""
    n = len(pairs)
    kind = draw(st.sampled_from(["reorder", "drop", "double", "rename", "value", "object"]))
    if kind == "reorder" and n > 1:
        return tuple(draw(st.permutations(pairs)))
    i = draw(st.integers(0, n - 1)) if n else 0
    if kind == "drop" and n:
        return pairs[:i] + pairs[i + 1 :]
    if kind == "double" and n:
        return (*pairs, pairs[i])
    if kind == "rename" and n:
        return (*pairs[:i], (pairs[i][0] + "_", pairs[i][1]), *pairs[i + 1 :])
    if kind == "value" and n:
        return (*pairs[:i], (pairs[i][0], draw(_VALUES)), *pairs[i + 1 :])
    return draw(_VALUES)


def _outcome(make: Callable[[Any], ogr.Report], data: Any) -> tuple[str, Any]:
    try:
        report = make(data)
    except Exception:
        return ("refused", None)
    return ("made", report)


def _classes(obj: object) -> list[type]:
    """The class of every part of a report, in order (equal reports may differ only here if a
    union place held another class: attrs' equality compares classes too)."""
    out: list[type] = [type(obj)]
    if attrs.has(type(obj)):
        for f in attrs.fields(type(obj)):  # type: ignore[arg-type]
            value = getattr(obj, f.name)
            for item in value if type(value) is tuple else (value,):
                out.extend(_classes(item))
    return out


def _same(data: Any) -> None:
    quick = _outcome(_quick_report, data)
    converter = _outcome(lambda d: _fast.structure(d, ogr.Report), data)
    assert quick[0] == converter[0]
    if quick[1] is not None:
        assert quick[1] == converter[1]
        assert _classes(quick[1]) == _classes(converter[1])


@settings(max_examples=300)
@given(report=reports(), data=st.data())
def test_a_changed_report_is_read_as_the_converter_reads_it(
    report: ogr.Report, data: st.DataObject
) -> None:
    decoded = _decode(ogr.dumps(report, indent=None))
    _same(decoded)  # as dumps wrote it
    for _ in range(data.draw(st.integers(1, 3))):
        objects, values = _places(decoded)
        if not objects:  # the report itself was replaced by a value
            break
        if data.draw(st.booleans()):  # an object changed
            path = data.draw(st.sampled_from(objects))
            decoded = _changed(decoded, path, lambda pairs: data.draw(_change(pairs)))
        else:  # a value (a cell, a text, a year …) replaced
            path = data.draw(st.sampled_from(values))
            decoded = _changed(decoded, path, lambda _old: data.draw(_VALUES))
    _same(decoded)


@given(report=reports())
def test_loads_reads_what_dumps_writes_on_the_generated_path(report: ogr.Report) -> None:
    # the generated path alone, no fallback: it must not hand dumps' own output to the
    # converter (where it would be read right, but slowly)
    decoded = _decode(ogr.dumps(report, indent=None))
    obj = dict(decoded)
    meta = ogr.io._META(obj["meta"])
    shape = report.shape
    assert ogr.io._report_maker(shape)(obj, meta) == report


def test_a_row_of_counts_is_shared_as_shared_row_shares_it() -> None:
    report = examples.load("synthetic-2021")
    row = ogr.loads(ogr.dumps(report)).requests.disclosed
    values = attrs.astuple(row, recurse=False)
    assert row is shared_row(RequestRow, values)
    # a row equal as numbers but of other types is never that row
    data = json.loads(ogr.dumps(report))
    data["requests"]["disclosed"] = dict.fromkeys(data["requests"]["disclosed"], 1)
    ones = ogr.loads(json.dumps(data)).requests.disclosed
    data["requests"]["disclosed"] = dict.fromkeys(data["requests"]["disclosed"], True)
    with pytest.raises(ogr.LoadError) as info:
        ogr.loads(json.dumps(data))
    assert {p.path.rpartition(".")[0] for p in info.value.problems} == {"$.requests.disclosed"}
    assert ones.total == 1
