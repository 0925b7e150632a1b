"""A toy edition, declared here and nowhere in the package: a shape with one more row in table 3
and a model class for it. Load, check, render and parse read it without any module of the
package being edited (docs/extending.md walks through the same steps)."""

from collections.abc import Iterator

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import opengovreport as ogr
from opengovreport import builders, schema
from opengovreport.model import Checked, NotProcessed, OtherHandling, Renders, RequestRow, Withheld
from opengovreport.schema import Label, Row, Shape, Table
from opengovreport.testing import reports


@attrs.frozen(repr=False)
class ToyRequests(Renders, Checked):
    """Table 3 of the toy edition: a row （二之一）转送其他机关 after （二）部分公开."""

    new_received: RequestRow
    carried_over: RequestRow
    disclosed: RequestRow
    partially_disclosed: RequestRow
    forwarded: RequestRow
    withheld: Withheld
    unable_to_provide: ogr.model.UnableToProvide
    not_processed: NotProcessed
    other_handling: OtherHandling
    total_handled: RequestRow
    carried_forward: RequestRow


FORWARDED = Row("forwarded", Label("（二之一）转送其他机关", "(2a) Forwarded to another body"))


def _toy_shape() -> Shape:
    standard = schema.SHAPE_2021.numbered(3)
    (part,) = standard.parts
    first, second, outcomes, last = part.rows
    children = (*outcomes.children[:2], FORWARDED, *outcomes.children[2:])
    rows = (first, second, attrs.evolve(outcomes, children=children), last)
    table3 = Table(standard.key, 3, standard.heading, (attrs.evolve(part, rows=rows),), ToyRequests)
    tables = (schema.SHAPE_2021.numbered(2), table3, schema.SHAPE_2021.numbered(4))
    return Shape(
        "toy",
        ogr.Edition.E2021,
        Label("玩具版", "toy edition"),
        schema.SHAPE_2021.sections,
        tables,
        schema.standard_relations(tables),
    )


@pytest.fixture
def toy() -> Iterator[Shape]:
    shape = schema.register(_toy_shape())
    yield shape
    schema.unregister(shape)


def _report(shape: Shape) -> ogr.Report:
    """A toy report: 5 disclosed and 2 forwarded of 7 received, every total as it should be."""
    report = builders.new_report("玩具局", 2024, shape=shape, fill=0)
    for row, count in [
        ("disclosed", 5),
        ("forwarded", 2),
        ("new_received", 7),
        ("total_handled", 7),
    ]:
        for column in ("natural_person", "total"):
            report = report.with_cell(f"requests.{row}.{column}", count)
    return report


def test_the_toy_shape_is_the_reports_and_its_new_row_is_checked(toy: Shape) -> None:
    report = _report(toy)
    assert report.shape is toy
    assert len(toy.cells) == len(schema.SHAPE_2021.cells) + 7
    assert ogr.check(report).findings == ()
    broken = report.with_cell("requests.forwarded.natural_person", 3)
    codes = sorted((f.code, f.cells[0].path) for f in ogr.check(broken))
    assert codes == [
        ("I2", "requests.total_handled.natural_person"),  # the new row is an outcome
        ("I3", "requests.forwarded.total"),  # and its total is its applicants'
    ]


def test_the_toy_report_round_trips_through_json(toy: Shape) -> None:
    report = _report(toy)
    text = ogr.dumps(report)
    assert '"forwarded"' in text
    again = ogr.loads(text)
    assert again == report
    assert again.shape is toy
    import jsonschema

    jsonschema.Draft202012Validator(ogr.json_schema()).validate(ogr.to_dict(report))


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_the_toy_report_renders_and_parses_back(toy: Shape, fmt: str) -> None:
    report = _report(toy)
    published = ogr.render(report, fmt)
    assert "（二之一）转送其他机关" in published
    result = ogr.parse(published)
    assert result.report.shape is toy
    assert result.report == report


@pytest.mark.slow
@settings(max_examples=20)
@given(data=st.data())
def test_generated_toy_reports_are_valid(data: st.DataObject) -> None:
    shape = schema.register(_toy_shape())
    try:
        generated = data.draw(reports(shape=shape))
        report = ogr.loads(ogr.dumps(generated))
        assert report == generated
        assert ogr.check(report).ok
        assert report.shape == shape
    finally:
        schema.unregister(shape)


def test_without_the_toy_shape_its_reports_are_refused() -> None:
    shape = schema.register(_toy_shape())
    text = ogr.dumps(_report(shape))
    schema.unregister(shape)
    with pytest.raises(ogr.LoadError):
        ogr.loads(text)


# --- reading by fit: a registered shape is a declaration, never a change to other reports ------


def _sources() -> dict[str, str | bytes]:
    """Every packaged example in each text form, a 2021-edition report dated 2020, and every
    shared real report (where the shared folder is present)."""
    from .conftest import SEED, SHARED

    out: dict[str, str | bytes] = {}
    for name in ogr.examples.names():
        example = ogr.examples.load(name)
        for fmt in ("text", "markdown", "html"):
            out[f"{name}.{fmt}"] = ogr.render(example, fmt)
    synthetic = ogr.examples.load("synthetic-2021")
    dated = attrs.evolve(synthetic, meta=attrs.evolve(synthetic.meta, year=2020, title=""))
    out["synthetic dated 2020"] = dated.to_text()
    corpus = SHARED / "corpus"
    for path in [*corpus.glob("*.txt"), *corpus.glob("crawled/*.txt"), *corpus.glob("pdf/*")]:
        out[path.name] = path.read_bytes()
    if SEED.exists():
        out[SEED.name] = SEED.read_bytes()
    return out


def _reading(source: str | bytes) -> tuple[object, ...]:
    result = ogr.read(source.encode("utf-8") if isinstance(source, str) else source)
    return (
        result.found,
        result.status,
        [(d.code, d.line, d.cells) for d in result.diagnostics],
        result.quality,
    )


def test_a_registered_shape_reads_every_other_report_exactly_as_before() -> None:
    sources = _sources()
    before = {name: _reading(source) for name, source in sources.items()}
    shape = schema.register(_toy_shape())
    try:
        after = {name: _reading(source) for name, source in sources.items()}
        expected = _report(shape)
        toy = ogr.parse(ogr.render(expected, "text"))
        # and a report of the new shape reads as that shape, every cell right
        assert toy.status is ogr.ReadStatus.OK
        assert toy.report == expected
    finally:
        schema.unregister(shape)
    for name in sources:
        assert after[name] == before[name], name
    # a 2021-edition report dated 2020 is read as what its tables are, not by its year
    dated = before["synthetic dated 2020"]
    assert dated[1] is ogr.ReadStatus.OK
    report = dated[0]
    assert isinstance(report, ogr.Report)
    assert report.edition is ogr.Edition.E2021
    assert ogr.check(report).ok
