"""The frames of many reports made without a second copy of them: the peak of memory Python and
numpy allocate (tracemalloc, which counts numpy's arrays) while the tidy frame, the wide frame or
the findings of the rules across years are made, against what they keep (#26 thirteenth round:
a corpus of 100,000 reports came within 36 MB of its 2 GB goal). Bytes counted, not seconds."""

import tracemalloc
from array import array
from collections.abc import Callable
from typing import Any

import attrs
import pytest

from opengovreport import _frames, examples
from opengovreport._frames import Frames, frames_of


def _frames_of_many(agencies: int) -> Frames:
    """The frames of four consecutive years of ``agencies`` agencies (the synthetic example's
    cells each year: what it carries forward is not what it carried over, so the rules across
    years find something), each agency's name its own: the frames of 4 reports, repeated."""
    base = examples.load("synthetic-2021")
    reports = [attrs.evolve(base, meta=attrs.evolve(base.meta, year=2021 + k)) for k in range(4)]
    one = frames_of(reports, [f"{k}.json" for k in range(4)], findings=False)
    return Frames(
        agency=tuple(f"机关{g:06d}" for g in range(agencies) for _ in range(4)),
        year=one.year * agencies,
        edition=one.edition * agencies,
        shape=one.shape * agencies,
        source=tuple(f"{i:06d}.json" for i in range(4 * agencies)),
        status=one.status * agencies,
        values=array("d", one.values) * agencies,
        indicators=array("d", one.indicators) * agencies,
        growth=array("d", one.growth) * agencies,
        findings=None,
    )


def _peak_and_kept(make: Callable[[], Any]) -> tuple[Any, int, int]:
    """What ``make`` returns, the peak of memory allocated while it ran and what it kept, in
    bytes above where it started."""
    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        made = make()
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return made, peak - start, kept - start


@pytest.fixture(scope="module")
def many() -> Frames:
    pytest.importorskip("pandas")
    few = _frames_of_many(2)
    few.tidy(), few.wide(), few.pair_findings()  # pandas and the plans made, not counted
    return _frames_of_many(1_500)


def test_the_tidy_frame_is_made_without_a_copy_of_its_columns(
    many: Frames, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_frames, "_CHUNK", 256)  # its blocks small beside 6,000 reports' frame
    frame, peak, kept = _peak_and_kept(many.tidy)
    assert len(frame) == len(many.values)
    # the columns' codes in the type pandas keeps (main: int32 and int16 codes cast, 1.45 ×)
    assert peak < 1.1 * kept, (peak, kept)


def test_the_wide_frame_is_made_without_a_copy_of_its_columns(
    many: Frames, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_frames, "_CHUNK", 256)
    frame, peak, kept = _peak_and_kept(many.wide)
    assert len(frame) == len(many)
    assert peak < 1.25 * kept, (peak, kept)  # main: every column copied, 2.0 ×


def test_the_rules_across_years_hold_a_run_of_agencies_cells_at_a_time(
    many: Frames, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = many.pair_findings()
    assert whole  # the years differ: the rules across years find something
    monkeypatch.setattr(_frames, "_PAIR_RUN", 100, raising=False)
    found, peak, kept = _peak_and_kept(many.pair_findings)
    assert found == whole  # runs of agencies, concatenated: the same findings, in order
    # 100 agencies' cells at a time (main: all 1,500 agencies' at once, 3 × what it keeps)
    assert peak < 1.5 * kept, (peak, kept)
