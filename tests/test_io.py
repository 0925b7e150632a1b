"""The strict JSON form: round trips, the JSON Schema, and every kind of bad input."""

import copy
import json
from decimal import Decimal
from typing import Any

import jsonschema
import pytest
from hypothesis import given

import opengovreport as ogr
from opengovreport import examples
from opengovreport.testing import reports

VALIDATOR = jsonschema.Draft202012Validator(ogr.json_schema())


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(ogr.json_schema())
    assert ogr.json_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.slow
@given(reports())
def test_round_trip(report: ogr.Report) -> None:
    text = ogr.dumps(report)
    assert ogr.loads(text) == report
    assert ogr.from_dict(ogr.to_dict(report)) == report
    assert ogr.loads(ogr.dumps(report, indent=None)) == report


@pytest.mark.slow
@given(reports())
def test_schema_accepts_every_dump(report: ogr.Report) -> None:
    VALIDATOR.validate(json.loads(ogr.dumps(report)))


@pytest.mark.parametrize("name", examples.names())
def test_examples_fit_the_schema(name: str) -> None:
    VALIDATOR.validate(json.loads(examples.text(name)))


def test_amounts_are_strings_with_every_digit() -> None:
    report = examples.load("synthetic-2021")
    assert isinstance(report.disclosure, ogr.Disclosure2021)
    assert report.disclosure.item8.fees.amount == Decimal("4068.208")
    data = ogr.to_dict(report)
    assert data["disclosure"]["item8"]["fees"]["amount"] == "4068.208"
    trailing = report.with_cell("disclosure.item8.fees.amount", Decimal("7730.280"))
    assert ogr.to_dict(trailing)["disclosure"]["item8"]["fees"]["amount"] == "7730.280"


def test_dump_shape() -> None:
    data = ogr.to_dict(examples.load("gaoqing-2020"))
    assert list(data) == [
        "schema_version",
        "meta",
        "overview",
        "disclosure",
        "requests",
        "appeals",
        "problems",
        "other_matters",
    ]
    assert data["schema_version"] == ogr.SCHEMA_VERSION
    assert data["meta"]["edition"] == "2019"
    assert data["disclosure"]["item5"]["other_services"] == {
        "last_year": 17,
        "change": 2,
        "decisions": 19,
    }
    assert data["overview"]["blocks"][0] == {
        "type": "heading",
        "text": "（一）体制机制建设",
        "level": 1,
    }
    assert data["overview"]["blocks"][1]["type"] == "paragraph"


def test_blank_is_null_and_not_zero() -> None:
    report = examples.load("synthetic-2021").with_cell("requests.disclosed.other_org", None)
    data = ogr.to_dict(report)
    assert data["requests"]["disclosed"]["other_org"] is None
    assert ogr.from_dict(data).requests.disclosed.other_org is None
    assert ogr.from_dict(data) != examples.load("synthetic-2021")


def test_optional_keys_take_their_defaults() -> None:
    data = ogr.to_dict(examples.load("synthetic-2021"))
    for key in ("edition", "title", "front_matter", "contact", "closing"):
        del data["meta"][key]
    VALIDATOR.validate(data)
    meta = ogr.from_dict(data).meta
    assert meta.edition is ogr.Edition.E2021  # from the year, 2023
    assert meta.title == "示例市人民政府2023年政府信息公开工作年度报告"
    assert (meta.front_matter, meta.contact, meta.closing) == ((), None, ())


# --- bad input ------------------------------------------------------------------------------


def _base(name: str = "synthetic-2021") -> dict[str, Any]:
    return copy.deepcopy(ogr.to_dict(examples.load(name)))


def _problems(data: Any) -> dict[str, ogr.Problem]:
    with pytest.raises(ogr.LoadError) as info:
        ogr.from_dict(data)
    assert isinstance(info.value, ValueError)
    return {p.path: p for p in info.value.problems}


CELL = ("requests", "withheld", "state_secret", "natural_person")

BAD_CELLS = [
    pytest.param("12", 'found "12"', id="string"),
    pytest.param(1.9, "found 1.9", id="float"),
    pytest.param(3.0, "found 3.0", id="integral-float"),
    pytest.param(True, "found true", id="bool"),
    pytest.param(-1, "found -1", id="negative"),
    pytest.param([1], "found an array", id="array"),
    pytest.param({}, "found an object", id="object"),
]


def _set(data: dict[str, Any], path: tuple[str, ...], value: object) -> None:
    obj = data
    for part in path[:-1]:
        obj = obj[part]
    obj[path[-1]] = value


@pytest.mark.parametrize(("value", "found"), BAD_CELLS)
def test_bad_count_is_rejected(value: object, found: str) -> None:
    data = _base()
    _set(data, CELL, value)
    problems = _problems(data)
    path = "$." + ".".join(CELL)
    assert list(problems) == [path]
    assert problems[path].expected == "a count (an integer from 0 to 10^12) or null"
    expected = "a count (an integer from 0 to 10^12) or null"
    assert f"{path}: expected {expected}, {found}" == str(problems[path])
    # JSON Schema's data model makes 3.0 the integer 3; only the loader can tell them apart
    assert VALIDATOR.is_valid(data) is (value == 3.0 and type(value) is float)


def test_signed_and_amount_cells() -> None:
    data = _base("gaoqing-2020")
    data["disclosure"]["item5"]["other_services"]["change"] = -3
    data["disclosure"]["item9"]["procurement"]["amount"] = "251000"
    assert ogr.from_dict(data).disclosure.item5.other_services.change == -3  # type: ignore[union-attr]
    assert VALIDATOR.is_valid(data)
    for bad in (1.5, 251000, "251000元", "-1", "1e3", "NaN", " 1", True):
        data["disclosure"]["item9"]["procurement"]["amount"] = bad
        assert list(_problems(data)) == ["$.disclosure.item9.procurement.amount"], bad
        assert not VALIDATOR.is_valid(data), bad
    data = _base("gaoqing-2020")
    data["disclosure"]["item5"]["other_services"]["change"] = "+2"
    assert list(_problems(data)) == ["$.disclosure.item5.other_services.change"]
    assert not VALIDATOR.is_valid(data)


def test_every_problem_is_named_at_once() -> None:
    data = _base()
    data["requests"]["disclosed"]["total"] = "12"
    data["requests"]["new_received"]["commercial_enterprise"] = -1
    data["requests"]["withheld"]["state_secret"]["natural_person"] = 1.9
    data["appeals"]["reconsideration"]["bogus"] = 1
    del data["appeals"]["litigation_direct"]["total"]
    data["meta"]["year"] = "2023"
    data["meta"]["agency"] = None
    data["overview"]["blocks"][0] = {"type": "table", "text": "x"}
    data["problems"]["blocks"][0]["text"] = 7
    data["other_matters"] = []
    data["extra"] = 1
    problems = _problems(data)
    assert {path: (p.expected, p.found) for path, p in problems.items()} == {
        "$.extra": (
            "one of the keys schema_version, meta, overview, disclosure, requests, appeals, "
            "problems, other_matters",
            "an unknown key",
        ),
        "$.meta.agency": ("a string", "null"),
        "$.meta.year": ("an integer from 1000 to 9999", '"2023"'),
        "$.overview.blocks[0].type": ('"heading" or "paragraph"', '"table"'),
        "$.requests.new_received.commercial_enterprise": (
            "a count (an integer from 0 to 10^12) or null",
            "-1",
        ),
        "$.requests.disclosed.total": ("a count (an integer from 0 to 10^12) or null", '"12"'),
        "$.requests.withheld.state_secret.natural_person": (
            "a count (an integer from 0 to 10^12) or null",
            "1.9",
        ),
        "$.appeals.reconsideration.bogus": (
            "one of the keys upheld, corrected, other, pending, total",
            "an unknown key",
        ),
        "$.appeals.litigation_direct.total": ("a value", "a missing key"),
        "$.problems.blocks[0].text": ("a string", "7"),
        "$.other_matters": ("an object (Section)", "an array"),
    }
    with pytest.raises(ogr.LoadError) as info:
        ogr.from_dict(data)
    message = str(info.value)
    assert message.startswith("11 problems in report JSON:\n")
    assert "  $.appeals.litigation_direct.total: expected a value, found a missing key" in message


@pytest.mark.parametrize(
    ("mutate", "path"),
    [
        (lambda d: d.pop("schema_version"), "$.schema_version"),
        (lambda d: d.update(schema_version=2), "$.schema_version"),
        (lambda d: d.update(schema_version="1"), "$.schema_version"),
        (lambda d: d.pop("requests"), "$.requests"),
        (lambda d: d["meta"].pop("agency"), "$.meta.agency"),
        (lambda d: d["meta"].update(edition="2020"), "$.meta.edition"),
        (lambda d: d["meta"].update(edition=2021), "$.meta.edition"),
        (lambda d: d["meta"].update(year=20230), "$.meta.year"),
        (lambda d: d["meta"].update(front_matter="text"), "$.meta.front_matter"),
        (lambda d: d["meta"].update(front_matter=["a", 1]), "$.meta.front_matter[1]"),
        (lambda d: d["meta"].update(contact={"phone": 123}), "$.meta.contact.phone"),
        (lambda d: d["meta"]["contact"].update(mobile="1"), "$.meta.contact.mobile"),
        (
            lambda d: d["overview"]["blocks"].append({"type": "heading", "text": "x", "level": 0}),
            "$.overview.blocks[11].level",
        ),
        (lambda d: d["overview"]["blocks"].append({"text": "x"}), "$.overview.blocks[11].type"),
        (lambda d: d["overview"].update(blocks="x"), "$.overview.blocks"),
        (
            lambda d: d["requests"]["withheld"].pop("state_secret"),
            "$.requests.withheld.state_secret",
        ),
        (lambda d: d["requests"].update(disclosed=[0] * 7), "$.requests.disclosed"),
        (
            lambda d: d["disclosure"]["item1"]["rules"].update(issued=None, x=1),
            "$.disclosure.item1.rules.x",
        ),
    ],
)
def test_each_kind_of_bad_structure(mutate: Any, path: str) -> None:
    data = _base()
    mutate(data)
    assert list(_problems(data)) == [path]
    assert not VALIDATOR.is_valid(data)


def test_wrong_edition_shape() -> None:
    data = _base()  # 2021 edition
    data["meta"]["edition"] = "2019"
    problems = _problems(data)
    assert problems["$.disclosure"].expected == "table 2 of the 2019 edition (Disclosure2019)"
    assert problems["$.disclosure"].found == "table 2 of the 2021 edition (Disclosure2021)"
    assert problems["$.requests.other_handling"].expected == (
        "（六）其他处理 as in the 2019 edition (RequestRow)"
    )
    assert problems["$.requests.other_handling"].found == (
        "（六）其他处理 as in the 2021 edition (OtherHandling)"
    )
    assert not VALIDATOR.is_valid(data)
    # only （六） in the wrong shape
    data = _base("gaoqing-2020")
    data["requests"]["other_handling"] = _base()["requests"]["other_handling"]
    assert list(_problems(data)) == ["$.requests.other_handling"]
    assert not VALIDATOR.is_valid(data)
    # a 2021 edition report may print （六） as one row (the hybrid)
    data = _base()
    data["requests"]["other_handling"] = _base("gaoqing-2020")["requests"]["other_handling"]
    assert not ogr.from_dict(data).requests.other_handling_itemized
    assert VALIDATOR.is_valid(data)
    # with the edition left out, it follows from the year
    data = _base()
    del data["meta"]["edition"]
    data["meta"]["year"] = 2020
    assert "$.disclosure" in _problems(data)
    assert not VALIDATOR.is_valid(data)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("", "Expecting value at line 1, column 1"),
        ("{", "Expecting property name enclosed in double quotes at line 1, column 2"),
        ("[1", "Expecting ',' delimiter at line 1, column 3"),
        (b"\xff", "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"),
    ],
)
def test_not_json(text: str | bytes, found: str) -> None:
    with pytest.raises(ogr.LoadError) as info:
        ogr.loads(text)
    (problem,) = info.value.problems
    assert problem.path == "$"
    assert problem.found == found


@pytest.mark.parametrize("value", [[], "report", 1, None])
def test_not_an_object(value: object) -> None:
    problems = _problems(value)
    assert list(problems) == ["$"]
    assert problems["$"].expected == "an object (a report)"
    assert not VALIDATOR.is_valid(value)


def test_duplicate_keys_are_rejected() -> None:
    text = examples.text("gaoqing-2020").replace(
        '"agency": "高青县投资促进中心",', '"agency": "高青县投资促进中心", "agency": "x",', 1
    )
    with pytest.raises(ogr.LoadError) as info:
        ogr.loads(text)
    assert [str(p) for p in info.value.problems] == [
        "$.meta.agency: expected each key once, found a duplicate key"
    ]
    text = text.replace('"year": 2020', '"year": "2020"', 1)
    with pytest.raises(ogr.LoadError) as info:
        ogr.loads(text)
    assert [p.path for p in info.value.problems] == ["$.meta.agency", "$.meta.year"]


def test_no_library_traceback_leaks() -> None:
    """LoadError is raised from the API, not chained to cattrs internals."""
    data = _base()
    data["requests"]["disclosed"]["total"] = "12"
    with pytest.raises(ogr.LoadError) as info:
        ogr.from_dict(data)
    assert info.value.__cause__ is None
    assert info.value.__suppress_context__


def test_loads_reads_text_in_any_utf() -> None:
    text = examples.text("synthetic-2021")
    assert ogr.loads(text.encode("utf-16")) == ogr.loads(text)  # bytes in any UTF, as json reads
