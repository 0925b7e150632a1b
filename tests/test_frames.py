"""The frames of one report, computed once where it is read: each report's frames, concatenated,
are the corpus's frames (tidy, wide, indicators, findings), whatever process computed them; and
each report's are what the report itself says (its cells, its indicators, its findings)."""

import math
import pickle
import shutil
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import opengovreport as ogr
from opengovreport import _frames, examples, testing
from opengovreport._frames import Frames, finding_key, report_frames
from opengovreport.checks._engine import pair_cells
from opengovreport.schema import shapes
from opengovreport.totals import comparable_cells
from opengovreport.values import CellKind

pd = pytest.importorskip("pandas")


@st.composite
def small_corpora(draw: st.DrawFn) -> list[ogr.Report]:
    """Up to three agencies of one to three years (a year left out now and then), of either
    edition and any shape; a cell changed here and there (its identities fail, or the rules
    across years) or blank (not assessable)."""
    out: list[ogr.Report] = []
    for a in range(draw(st.integers(0, 3))):
        series = draw(testing.report_series(min_years=1, max_years=3))
        if len(series) == 3 and draw(st.booleans()):
            del series[1]  # a year missing: no rule across it
        for report in series:
            meta = attrs.evolve(report.meta, agency=f"第{a}县人民政府")
            report = attrs.evolve(report, meta=meta)
            counts = [c.path for c in report.shape.cells if c.kind is CellKind.COUNT]
            for path in draw(st.lists(st.sampled_from(counts), max_size=2, unique=True)):
                printed = report.cell(path)
                changed = 1 if printed is None else printed + 1
                report = report.with_cell(path, draw(st.sampled_from([None, changed])))
            out.append(report)
    return draw(st.permutations(out))


def _frame_equal(left: Any, right: Any, name: str) -> None:
    pd.testing.assert_frame_equal(left, right, check_exact=True, obj=name)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_corpora())
def test_each_reports_frames_concatenated_are_the_corpus_frames(
    reports: list[ogr.Report],
) -> None:
    corpus = ogr.Corpus(reports)
    parts = [report_frames(r, f"<report {i}>") for i, r in enumerate(reports)]
    frames = Frames.concat(parts)
    _frame_equal(frames.tidy(), corpus.to_frame(), "tidy")
    _frame_equal(frames.wide(), corpus.to_wide(), "wide")
    _frame_equal(frames.wide("zh"), corpus.to_wide(lang="zh"), "wide in Chinese")
    _frame_equal(frames.indicators_frame(), corpus.indicators_frame(), "indicators")
    result = corpus.check(progress=False)
    assert frames.check_findings() == list(result.findings)
    by_key = {(r.meta.agency, r.meta.year): f"<report {i}>" for i, r in enumerate(reports)}
    expected = _frames.findings_table(
        [_frames.finding_row(f, by_key[(f.agency, f.year)]) for f in frames.check_findings()]
    )
    _frame_equal(expected, corpus.findings_frame(result), "findings")

    # what each report says of itself: the frames hold its cells, its indicators, its rules
    for i, report in enumerate(reports):
        cells = comparable_cells(report)
        own = frames.cells_of(i)
        paths = _frames.plan(report.shape).columns["path"]
        assert set(paths) == set(cells)
        for path, held in zip(paths, own, strict=True):
            printed = cells[path]
            assert math.isnan(held) if printed is None else held == float(printed), path
    indicators = frames.indicators_frame().to_dict("records")
    by_report = {(r.meta.agency, r.meta.year): r for r in reports}
    for row in indicators:
        agency, year = str(row["agency"]), int(row["year"])
        report = by_report[(agency, year)]
        for code, value in report.indicators(by_report.get((agency, year - 1))).items():
            got = row[code]
            if value is None:
                assert pd.isna(got), (code, got)
            else:
                assert float(got) == pytest.approx(value, rel=1e-12), code
    series = ogr.check_series(reports).findings
    assert frames.check_findings() == sorted(series, key=finding_key)


def test_the_frames_of_an_empty_corpus_have_the_columns_of_a_full_one() -> None:
    empty, full = Frames(), Frames.concat([report_frames(examples.load("synthetic-2021"))])
    for name in ("tidy", "wide", "indicators_frame"):
        a, b = getattr(empty, name)(), getattr(full, name)()
        assert len(a) == 0
        assert a.dtypes.astype(str).to_dict() == b.dtypes.astype(str).to_dict(), name
    assert empty.check_findings() == []


def test_the_rules_across_years_read_counts_only() -> None:
    """Frames hold cells as floats: a count is exact in one (≤ 10¹²), an amount may not be, so
    the rules across years, run over the frames, must read counts only."""
    for earlier in shapes():
        for later in shapes():
            first, second = pair_cells(earlier, later)
            kinds = {earlier.cells[i].kind for i in first} | {later.cells[i].kind for i in second}
            assert CellKind.AMOUNT not in kinds, (earlier, later)
    assert ogr.values.MAX_COUNT < 2**53


def test_frames_computed_on_workers_are_those_of_one_process(tmp_path: Path) -> None:
    """Files read on two workers (each report's frames computed where it is read), on one
    (computed when first needed), and reports given: the same frames and findings."""
    base = examples.load("synthetic-2021")
    for i in range(12):
        agency = f"示例市{i // 3}局"
        report = attrs.evolve(base, meta=attrs.evolve(base.meta, agency=agency, year=2021 + i % 3))
        if i % 4 == 1:
            report = report.with_cell("requests.carried_over.natural_person", 5)
        (tmp_path / f"{i:02d}.json").write_text(ogr.dumps(report), encoding="utf-8")
    shutil.copy(tmp_path / "00.json", tmp_path / "00-copy.json")  # a second file of one report
    (tmp_path / "notes.txt").write_text("会议纪要：无。\n", encoding="utf-8")
    one = ogr.Corpus.from_folder(tmp_path, progress=False)
    two = ogr.Corpus.from_folder(tmp_path, workers=2, progress=False)
    assert two._held is not None  # computed where read
    assert two._held.findings is not None
    assert one._held is None  # not yet
    given = ogr.Corpus(list(one))
    for name in ("to_frame", "to_wide", "indicators_frame", "findings_frame"):
        _frame_equal(getattr(two, name)(), getattr(one, name)(), name)
    assert two.check(progress=False) == one.check(progress=False)
    assert given.check(workers=2, progress=False) == one.check(progress=False)
    assert one.check(progress=False).filter(code="T1")
    _frame_equal(
        given.to_wide().drop(columns="source"), one.to_wide().drop(columns="source"), "given"
    )


@settings(max_examples=60, deadline=None)
@given(testing.reports(), st.data())
def test_a_report_a_worker_read_is_made_again_as_it_was(
    report: ogr.Report, data: st.DataObject
) -> None:
    """What a worker sends back for a file (its entry and frames) is made again, without the
    constructors' checks, as the report was: equal, of the same classes, its cells of the same
    types, the same JSON (an amount's printed digits kept) — what ``loads`` of its JSON gives;
    the entry's other fields and the frames as they were."""
    from opengovreport.corpus import Entry, _Framed
    from opengovreport.model import built_report, report_values

    paths = list(report.shape.paths)
    for path in data.draw(st.lists(st.sampled_from(paths), max_size=3)):
        report = report.with_cell(path, None)
    loaded = ogr.loads(ogr.dumps(report))
    entry = Entry("a.json", report, format="json", reader="json", quality=1.0)
    frames = _frames.frames_of([report], ["a.json"], ["ok"])
    for again in (
        built_report(*report_values(report)),
        pickle.loads(pickle.dumps(_Framed(entry, frames))).entry.report,
    ):
        assert again == loaded == report
        assert ogr.dumps(again) == ogr.dumps(loaded)
        assert again.shape is report.shape
        assert [type(v) for v in again.shape.fetch(again)] == [
            type(v) for v in loaded.shape.fetch(loaded)
        ]
        for name in ("meta", "overview", "disclosure", "requests", "appeals", "problems"):
            assert type(getattr(again, name)) is type(getattr(loaded, name))
    sent = pickle.loads(pickle.dumps(_Framed(entry, frames)))
    assert sent.entry == entry
    assert sent.frames is not None
    assert sent.frames.values.tobytes() == frames.values.tobytes()  # NaN for a blank
    assert sent.frames.findings == frames.findings
    empty = _Framed(Entry("b.txt", None, error="no report found"))
    assert pickle.loads(pickle.dumps(empty)) == empty


def test_a_row_made_again_is_shared_and_never_mistaken() -> None:
    """Rows of counts made again without their checks are shared with equal rows made so,
    and never given for a row of another class or of other values."""
    from opengovreport.model import RequestRow, shared_built_row, shared_row

    values = (1, 2, None, 0, 0, 0, 3)
    first = shared_built_row(RequestRow, values)
    assert first == RequestRow(*values)
    assert shared_built_row(RequestRow, tuple(values)) is first
    assert shared_built_row(RequestRow, (1, 2, None, 0, 0, 0, 4)) != first
    checked = shared_row(RequestRow, values)
    assert checked == first
    # the checked path still checks, whatever was shared
    with pytest.raises(ValueError, match="natural_person"):
        shared_row(RequestRow, (True, 2, None, 0, 0, 0, 3))


@settings(max_examples=60, deadline=None)
@given(testing.reports(), st.data())
def test_a_report_travels_as_its_cells_and_text(report: ogr.Report, data: st.DataObject) -> None:
    """A report pickles as its shape's key, its cells in one tuple and its text (what worker
    processes send back), to an equal report, blanks and amounts as they were."""
    paths = list(report.shape.paths)
    for path in data.draw(st.lists(st.sampled_from(paths), max_size=3)):
        report = report.with_cell(path, None)
    for protocol in (0, pickle.HIGHEST_PROTOCOL):
        again = pickle.loads(pickle.dumps(report, protocol))
        assert again == report
        assert again.shape is report.shape
        assert [type(v) for v in again.shape.fetch(again)] == [
            type(v) for v in report.shape.fetch(report)
        ]
    _maker, (key, cells, _meta, _sections) = report.__reduce__()
    assert key == report.shape.key
    assert cells == report.shape.fetch(report)
