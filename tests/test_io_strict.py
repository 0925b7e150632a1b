"""Strict loading whatever was loaded before, and every failure a LoadError naming its path.

Each test is named after what it protects; each failed on the loader that shared equal rows
between reports (keyed by values, so ``True == 1`` and ``2.0 == 2`` made a bad row an old good
one) and let Python's own exceptions escape.
"""

import json
import re
import subprocess
import sys
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import opengovreport as ogr
from opengovreport import builders, examples
from opengovreport.io import MAX_DEPTH, MAX_PROBLEMS, _converter
from opengovreport.testing import reports
from opengovreport.values import AMOUNT, AMOUNT_WAN, COUNT, MAX_AMOUNT, MAX_COUNT, SIGNED

ROW = ("requests", "disclosed")
CELL = (*ROW, "natural_person")


def _data(name: str = "synthetic-2021") -> dict[str, Any]:
    return ogr.to_dict(examples.load(name))


def _set(data: dict[str, Any], path: tuple[str, ...], value: object) -> dict[str, Any]:
    obj = data
    for part in path[:-1]:
        obj = obj[part]
    obj[path[-1]] = value
    return data


def _problems(text: str | bytes | object) -> dict[str, ogr.Problem]:
    with pytest.raises(ogr.LoadError) as info:
        ogr.loads(text)  # type: ignore[arg-type]
    return {p.path: p for p in info.value.problems}


# --- 1. acceptance never depends on history -------------------------------------------------


@pytest.mark.parametrize("bad", [2.0, True, False, 0.0, 1.0])
def test_a_count_that_equals_an_int_is_rejected_after_an_equal_good_row(bad: object) -> None:
    good = _data()
    row = good["requests"]["disclosed"]
    for key in row:  # a row whose every cell equals ``bad`` as a number
        row[key] = int(bad)  # type: ignore[call-overload]
    ogr.loads(json.dumps(good))  # an equal row of real integers, loaded first
    bad_text = json.dumps(_set(json.loads(json.dumps(good)), CELL, bad))
    for _ in range(2):  # and again: the same answer every time
        assert list(_problems(bad_text)) == ["$." + ".".join(CELL)]


# --- 2. every failure is a LoadError ---------------------------------------------------------


def test_deep_nesting_is_a_load_error() -> None:
    for text in ("[" * 2000 + "]" * 2000, '{"a":' * 3000 + "1" + "}" * 3000):
        (problem,) = _problems(text).values()
        assert problem.path == "$"
        assert problem.expected == f"JSON nested at most {MAX_DEPTH} deep"
        assert problem.found.startswith("deeper nesting at line 1, column ")


def test_an_integer_of_thousands_of_digits_is_named_at_its_path() -> None:
    text = json.dumps(_data()).replace('"natural_person": 163', '"natural_person": ' + "9" * 5000)
    problems = _problems(text)
    assert list(problems) == ["$.requests.disclosed.natural_person"]
    assert problems["$.requests.disclosed.natural_person"].found == "a 5000-digit integer"


@pytest.mark.parametrize("value", [None, {}, _data(), 12, ["{}"]])
def test_what_is_not_json_text_is_a_load_error(value: object) -> None:
    (problem,) = _problems(value).values()
    assert (problem.path, problem.expected) == ("$", "JSON text (str or bytes)")
    assert problem.found == type(value).__name__


@pytest.mark.parametrize(
    ("path", "text"),
    [
        (("meta", "agency"), "\ud800"),
        (("meta", "front_matter", 0), "a\udfffb"),
        (("overview", "blocks", 1, "text"), "\udc00"),
        (("meta", "contact", "phone"), "\ud83d"),  # half of an emoji
    ],
)
def test_a_lone_surrogate_is_named_at_its_path(path: tuple[Any, ...], text: str) -> None:
    data = _data()
    _set(data, path, text)
    for source in (json.dumps(data), json.dumps(data, ensure_ascii=False)):
        where = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)
        problems = _problems(source)
        assert list(problems) == [where]
        assert "lone surrogate" in problems[where].found
        assert problems[where].found.isascii()  # printable anywhere
    with pytest.raises(ValueError, match="lone surrogate"):
        ogr.Paragraph(text)
    # a pair of surrogates in JSON is one character, and is text
    _set(data, path, "\ud83d\ude00")
    ogr.loads(json.dumps(data))


def test_a_key_that_cannot_be_printed_is_escaped_in_the_path() -> None:
    data = _data()
    data["meta"]["\ud800\x1b[2J"] = 1
    (path,) = _problems(json.dumps(data))
    assert path == '$.meta["\\ud800\\u001b[2J"]'


# --- 3. bounds -------------------------------------------------------------------------------


def _schema_valid(data: object) -> bool:
    import jsonschema

    return bool(jsonschema.Draft202012Validator(ogr.json_schema()).is_valid(data))


@pytest.mark.parametrize(
    ("path", "value", "ok"),
    [
        (CELL, MAX_COUNT, True),
        (CELL, MAX_COUNT + 1, False),
        (CELL, 10**400, False),
        (CELL, 2**63, False),
        (("disclosure", "item8", "fees", "amount"), "99999999999999.999999", True),
        (("disclosure", "item8", "fees", "amount"), "1.1234567", False),
        (("disclosure", "item8", "fees", "amount"), "1" + "0" * 15, False),
        (("disclosure", "item8", "fees", "amount"), "999999999999999", True),
    ],
)
def test_counts_and_amounts_stay_within_the_format_bounds(
    path: tuple[str, ...], value: object, ok: bool
) -> None:
    data = _set(_data(), path, value)
    if ok:
        report = ogr.loads(json.dumps(data))
        assert ogr.loads(ogr.dumps(report)) == report
        report.requests.to_html()
    else:
        assert list(_problems(json.dumps(data))) == ["$." + ".".join(path)]
    assert _schema_valid(data) is ok


def test_an_amount_in_yuan_has_at_most_two_places() -> None:
    data = _data("gaoqing-2020")
    path = ("disclosure", "item9", "procurement", "amount")
    ogr.loads(json.dumps(_set(data, path, "251000.25")))
    problems = _problems(json.dumps(_set(data, path, "251000.251")))
    assert problems["$." + ".".join(path)].expected.startswith(AMOUNT.expected)
    assert not _schema_valid(data)


def test_the_json_schema_states_the_bounds_of_the_values() -> None:
    cells = ogr.json_schema()["$defs"]
    assert cells["RequestRow"]["properties"]["total"]["maximum"] == MAX_COUNT
    assert cells["RequestRow"]["properties"]["total"]["minimum"] == 0
    assert cells["ItemCounts2019"]["properties"]["change"]["minimum"] == -MAX_COUNT
    fees = cells["FeeAmount2021"]["properties"]["amount"]["pattern"]
    assert fees == r"^0*[0-9]{1,15}(\.[0-9]{1,6})?$"


# --- 4. one way in, one answer ----------------------------------------------------------------


@pytest.mark.parametrize("bad", [True, False, 2.0, "3", -1, MAX_COUNT + 1])
def test_with_cell_builders_and_constructors_reject_what_loads_rejects(bad: object) -> None:
    report = examples.load("synthetic-2021")
    path = ".".join(CELL)
    (problem,) = _problems(json.dumps(_set(_data(), CELL, bad))).values()
    # same words everywhere: what was expected, and what was found
    with pytest.raises(ValueError, match="expected") as info:
        report.with_cell(path, bad)  # type: ignore[arg-type]
    assert str(info.value) == f"{path}: expected {problem.expected}, found {problem.found}"
    with pytest.raises(ValueError, match=r"^RequestRow\.natural_person") as info:
        ogr.RequestRow(bad, 0, 0, 0, 0, 0, 0)  # type: ignore[arg-type]
    assert str(info.value) == (
        f"RequestRow.natural_person: expected {COUNT.expected}, found {problem.found}"
    )
    with pytest.raises(ValueError, match="natural_person: expected") as info:
        builders.request_row(bad)  # type: ignore[arg-type]
    assert f"expected {COUNT.what}, found {problem.found}" in str(info.value)


def test_every_part_of_the_model_checks_its_fields() -> None:
    report = examples.load("gaoqing-2020")
    with pytest.raises(
        ValueError, match=re.escape("ItemCounts2019.change: expected an integer from")
    ):
        ogr.model.ItemCounts2019(1, 2.5, 3)  # type: ignore[arg-type]
    with pytest.raises(
        ValueError, match=re.escape("Meta.year: expected an integer from 1000 to 9999")
    ):
        attrs.evolve(report.meta, year=True)
    with pytest.raises(ValueError, match=re.escape("Withheld.state_secret: expected a RequestRow")):
        attrs.evolve(report.requests.withheld, state_secret=(0,) * 7)  # type: ignore[arg-type]
    with pytest.raises(
        ValueError, match=re.escape("Section.blocks: expected an array of headings")
    ):
        ogr.Section("一、总体情况", ("a paragraph as a bare string",))
    with pytest.raises(ValueError, match="expected a list or tuple, found str"):
        ogr.Meta("某局", 2020, front_matter="一行")
    with pytest.raises(ValueError, match=re.escape("Heading.level")):
        ogr.Heading("（一）", 0)
    with pytest.raises(
        ValueError, match=re.escape("ProcurementCounts2019.amount: expected an amount")
    ):
        report.disclosure.item9.procurement.__class__(1, Decimal("-0"))  # type: ignore[union-attr]
    amount = "disclosure.item8.fees.amount"
    synthetic = examples.load("synthetic-2021")
    assert synthetic.with_cell(amount, Decimal("1.123456")).cell(amount) == Decimal("1.123456")
    for bad in (Decimal("NaN"), Decimal("Infinity"), Decimal("1.1234567"), Decimal(MAX_AMOUNT)):
        with pytest.raises(ValueError, match=f"{amount}: expected an amount"):
            synthetic.with_cell(amount, bad)
    with pytest.raises(ValueError, match="expected an amount"):
        builders.disclosure_table(ogr.Edition.E2021, {"item8.fees.amount": "1.1234567"})


@pytest.mark.slow
@given(report=reports())
def test_dumps_writes_only_what_loads_accepts(report: ogr.Report) -> None:
    assert ogr.loads(ogr.dumps(report)) == report
    assert _schema_valid(json.loads(ogr.dumps(report)))


def test_the_specs_words_are_the_loaders_words() -> None:
    assert COUNT.expected == "a count (an integer from 0 to 10^12) or null"
    assert SIGNED.expected == "an integer from -10^12 to 10^12 or null"
    assert AMOUNT_WAN.places == 6
    assert AMOUNT.places == 2


# --- 5. the fast path and the detailed one agree, whatever came before -------------------------

BAD_VALUES: st.SearchStrategy[object] = st.one_of(
    st.sampled_from([True, False, 2.0, 0.0, -0.0, 1.5, -1, "1", "", [], {}, None, MAX_COUNT + 1]),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True),
    st.text(max_size=3),
)


def _outcome(load: Any, text: str) -> object:
    try:
        return ("ok", load(text))
    except ogr.LoadError as exc:
        return ("error", [str(p) for p in exc.problems])


def _detailed(text: str) -> object:
    """The detailed converter alone, with no fast path before it."""
    try:
        return ("ok", _converter.structure(json.loads(text), ogr.Report))
    except Exception as exc:
        problems = ogr.io._Problems()
        problems.collect(exc, "$")
        return ("error", [str(p) for p in problems.found])


@pytest.mark.slow
@settings(max_examples=60)
@given(
    warm=st.lists(reports(), min_size=1, max_size=3),
    report=reports(),
    data=st.data(),
)
def test_acceptance_does_not_depend_on_what_was_loaded_before(
    warm: list[ogr.Report], report: ogr.Report, data: st.DataObject
) -> None:
    paths = [p for p, _ in report.cells()]
    path = data.draw(st.sampled_from(paths))
    value = data.draw(BAD_VALUES)
    as_data = ogr.to_dict(report)
    _set(as_data, tuple(path.split(".")), value)
    text = json.dumps(as_data)
    cold = _detailed(text)
    for other in [*warm, report]:  # these are loaded first, the good report itself last
        ogr.loads(ogr.dumps(other))
    assert _outcome(ogr.loads, text) == cold


@pytest.mark.slow
def test_a_fresh_process_gives_the_same_answers() -> None:
    good = _data()
    row = good["requests"]["disclosed"]
    texts = []
    for bad in (2.0, True, 0.0, -1):
        for key in row:
            row[key] = abs(int(bad))
        texts.append(json.dumps(good))
        texts.append(json.dumps(_set(json.loads(json.dumps(good)), CELL, bad)))
    script = (
        "import json, sys, opengovreport as ogr\n"
        "out = []\n"
        "for t in json.load(sys.stdin):\n"
        "    try: ogr.loads(t); out.append('ok')\n"
        "    except ogr.LoadError as e: out.append(str(e))\n"
        "print(json.dumps(out))\n"
    )
    fresh = []
    for text in texts:  # each in its own process: nothing loaded before
        result = subprocess.run(
            [sys.executable, "-c", script],
            input=json.dumps([text]),
            capture_output=True,
            text=True,
            check=True,
        )
        fresh.extend(json.loads(result.stdout))
    here = []
    for text in texts:  # all in this process, one after the other
        try:
            ogr.loads(text)
            here.append("ok")
        except ogr.LoadError as exc:
            here.append(str(exc))
    assert here == fresh
    assert here[0::2] == ["ok"] * 4
    assert all(r != "ok" for r in here[1::2])


# --- 6. many bad values: linear, and capped ----------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d["meta"].update(front_matter=[1] * 80_000),
        lambda d: d["overview"].update(blocks=[{"type": "paragraph", "text": 1}] * 80_000),
        lambda d: d["overview"].update(blocks=[{"type": "x", "text": "a"}] * 80_000),
    ],
    ids=["lines", "block texts", "block types"],
)
def test_a_report_with_80000_bad_values_lists_a_hundred_and_counts_the_rest(mutate: Any) -> None:
    data = _data()
    mutate(data)
    with pytest.raises(ogr.LoadError) as info:
        ogr.loads(json.dumps(data))
    error = info.value
    assert len(error.problems) == MAX_PROBLEMS
    assert len(error.problems) + error.omitted == 80_000
    lines = str(error).splitlines()
    assert lines[0] == "80000 problems in report JSON:"
    assert lines[-1] == f"  … and {80_000 - 20} more"
    assert len(lines) == 22
