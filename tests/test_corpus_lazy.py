"""A corpus read on workers keeps each report as the values its worker sent and makes it the
first time it is asked for: what the corpus hands out — its reports, entries, check, frames and
exports — is what a corpus read in one process hands out, whatever is asked first, on whatever
thread; the reports its frames, check and files do not need are never made."""

import gc
import itertools
import os
import pickle
import tempfile
import threading
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import opengovreport as ogr
from opengovreport import _frames, _workers, examples
from opengovreport import corpus as corpus_module

from .test_frames import small_corpora

pd = pytest.importorskip("pandas")

_FRAMES = ("to_frame", "to_wide", "indicators_frame", "findings_frame", "files_frame")


def _write(folder: Path, reports: list[ogr.Report], copies: list[int], changed: list[int]) -> None:
    """Each report a file; a copy of some (a duplicate), a changed copy of others (a conflict,
    published later so that it is the one kept), and a file that holds no report."""
    for i, report in enumerate(reports):
        (folder / f"{i:02d}.json").write_text(ogr.dumps(report), encoding="utf-8")
    for i in copies:
        (folder / f"{i:02d}-copy.json").write_text(ogr.dumps(reports[i]), encoding="utf-8")
    for i in changed:
        report = reports[i]
        path = next(c.path for c in report.shape.cells if c.kind is ogr.values.CellKind.COUNT)
        value = report.cell(path)
        other = report.with_cell(path, 1 if value is None else value + 1)
        closing = ("2099年1月20日",)
        other = attrs.evolve(other, meta=attrs.evolve(other.meta, closing=closing))
        (folder / f"{i:02d}-later.json").write_text(ogr.dumps(other), encoding="utf-8")
    (folder / "notes.txt").write_text("会议纪要：无。\n", encoding="utf-8")


def _same(two: ogr.Corpus, one: ogr.Corpus) -> None:
    """Everything ``two`` hands out equals what ``one`` does."""
    assert list(two) == list(one)
    assert two.entries == one.entries
    assert two.duplicates == one.duplicates
    assert [d.report for d in two.duplicates] == [d.report for d in one.duplicates]
    assert two.summary() == one.summary()
    assert repr(two) == repr(one)
    assert [e.source for e in two.errors] == [e.source for e in one.errors]
    for agency in one.agencies():
        assert two.agency(agency) == one.agency(agency)
        for year in one.years(agency):
            assert two[(agency, year)] == one[(agency, year)]
            assert two.previous(one[(agency, year)]) == one.previous(one[(agency, year)])
    a, b = two.check(progress=False), one.check(progress=False)
    assert a == b
    assert a.reports == b.reports
    assert list(a.reports) == list(b.reports)
    assert len(a.reports) == len(b.reports)
    for name in _FRAMES:
        pd.testing.assert_frame_equal(getattr(two, name)(), getattr(one, name)(), obj=name)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_corpora(), st.data())
@pytest.mark.slow
def test_a_corpus_read_on_two_workers_is_the_corpus_read_in_one(
    reports: list[ogr.Report], data: st.DataObject
) -> None:
    """Any small corpus, with duplicates, conflicts and a file of no report, read in one
    process and on two workers: the same reports, entries, check, frames and exports — the
    frames asked for before the reports or after, as drawn."""
    indices = list(range(len(reports)))
    copies = (
        data.draw(st.lists(st.sampled_from(indices), unique=True, max_size=2)) if indices else []
    )
    changed = (
        data.draw(st.lists(st.sampled_from(indices), unique=True, max_size=2)) if indices else []
    )
    with tempfile.TemporaryDirectory() as tmp:
        _write(Path(tmp), reports, copies, changed)
        one = ogr.Corpus.from_folder(tmp, progress=False)
        two = ogr.Corpus.from_folder(tmp, workers=2, progress=False)
    if data.draw(st.booleans(), label="frames first"):
        for name in _FRAMES:
            getattr(two, name)()
    _same(two, one)


def _counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many reports the corpus module makes from a worker's values, counted."""
    made = [0]
    real = ogr.model.built_report

    def counting(*values: Any) -> ogr.Report:
        made[0] += 1
        return real(*values)

    monkeypatch.setattr(corpus_module, "built_report", counting)
    return made


def _series_folder(folder: Path, n: int = 8) -> None:
    base = examples.load("synthetic-2021")
    for i in range(n):
        meta = attrs.evolve(base.meta, agency=f"示例市{i // 2}局", year=2021 + i % 2)
        report = attrs.evolve(base, meta=meta)
        (folder / f"{i:02d}.json").write_text(ogr.dumps(report), encoding="utf-8")
    (folder / "00-copy.json").write_text((folder / "00.json").read_text("utf-8"), "utf-8")
    (folder / "notes.txt").write_text("会议纪要：无。\n", encoding="utf-8")


def test_reports_read_on_workers_are_made_only_when_asked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read on workers, checked, framed, its files listed: no report made but those a
    duplicate needs (the two files of one agency and year); each made once, when asked for,
    the same object however it is reached."""
    _series_folder(tmp_path)
    made = _counted(monkeypatch)
    corpus = ogr.Corpus.from_folder(tmp_path, workers=2, progress=False)
    result = corpus.check(progress=False)
    for name in _FRAMES:
        getattr(corpus, name)(*(() if name != "findings_frame" else (result,)))
    assert (corpus.summary(), repr(corpus), len(result.reports)) == (
        {"read": 8, "failed": 2, "skipped": 0},
        "Corpus(8 reports, 4 agencies, 2 unreadable)",
        8,
    )
    assert made[0] == 2  # the duplicate and the report it duplicates
    reports = list(corpus)
    assert made[0] == 9
    assert list(corpus) == reports
    assert all(a is b for a, b in zip(corpus, reports, strict=True))
    assert made[0] == 9
    held = [e.report for e in corpus.entries if e.report is not None]
    assert all(a is b for a, b in zip(held, reports, strict=True))
    assert all(a is b for a, b in zip(result.reports, reports, strict=True))
    assert corpus[("示例市1局", 2022)] is reports[3]
    assert made[0] == 9


def test_reports_made_on_many_threads_at_once_are_one_each(tmp_path: Path) -> None:
    """Threads asking for a corpus's reports at once, each in its own order, get the same
    object for each report, equal to the one read in one process; a thread framing the
    corpus's files meanwhile (each report's agency and year, made or not) sees them all."""
    _series_folder(tmp_path)
    one = ogr.Corpus.from_folder(tmp_path, progress=False)
    two = ogr.Corpus.from_folder(tmp_path, workers=2, progress=False)
    keys = [(r.meta.agency, r.meta.year) for r in one]
    start = threading.Barrier(7)
    got: list[list[ogr.Report]] = [[] for _ in range(6)]
    files: list[Any] = []

    def ask(k: int) -> None:
        order = keys if k % 2 else keys[::-1]
        start.wait()
        got[k] = [two[key] for key in order]
        if not k % 2:
            got[k].reverse()

    def frame() -> None:
        start.wait()
        files.append(two.files_frame())

    threads = [threading.Thread(target=ask, args=(k,)) for k in range(6)]
    threads.append(threading.Thread(target=frame))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert files[0].equals(one.files_frame())
    assert got[0] == list(one)
    for k in range(1, 6):
        assert all(a is b for a, b in zip(got[k], got[0], strict=True))
    assert all(a is b for a, b in zip(two, got[0], strict=True))


def test_the_reports_of_a_check_are_a_sequence_of_its_reports(tmp_path: Path) -> None:
    """:attr:`CheckResult.reports` of a corpus read on workers: equal to the tuple of its
    reports, indexed and sliced as one."""
    _series_folder(tmp_path)
    corpus = ogr.Corpus.from_folder(tmp_path, workers=2, progress=False)
    reports = corpus.check(progress=False).reports
    expected = tuple(corpus)
    assert reports == expected
    assert expected == reports
    assert reports[1] is expected[1]
    assert reports[-1] is expected[-1]
    assert reports[1:3] == expected[1:3]
    assert hash(reports) == hash(expected)
    assert reports != expected[:-1]
    assert repr(reports) == repr(expected)
    assert ogr.check(expected[0]).reports == (expected[0],)


def test_a_report_read_on_a_worker_is_held_as_one_bytes_object_until_asked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a worker sent of a report stays the bytes it crossed as — no tree of values in
    the parent — until the report is asked for; sent on (pickled again), it crosses as the
    same bytes, still not made; made, the bytes are let go."""
    _series_folder(tmp_path)
    made = _counted(monkeypatch)
    corpus = ogr.Corpus.from_folder(tmp_path, workers=2, progress=False)
    pending = [
        (e, held)
        for e in corpus.entries
        if isinstance(held := corpus_module._held(e), corpus_module._Pending)
    ]
    assert len(pending) == 8
    # each as its bytes, but the one kept of two files of one report (made to compare them)
    assert sorted(type(held._sent).__name__ for _, held in pending) == ["NoneType"] + 7 * ["bytes"]
    pending = [(e, held) for e, held in pending if held._sent is not None]
    entry, held = pending[0]
    again = pickle.loads(pickle.dumps(corpus_module._Framed(entry)))
    sent = corpus_module._held(again.entry)
    assert isinstance(sent, corpus_module._Pending)
    assert (sent._sent, sent.key) == (held._sent, held.key)
    assert made[0] == 2
    assert again.entry == entry  # both made now
    assert made[0] == 4
    assert held._sent is None
    assert [held.key for _, held in pending] == [
        (e.report.meta.agency, e.report.meta.year) for e, _ in pending if e.report is not None
    ]


def files_a_message(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The files of each message the workers send, counted as this process unpacks it (until
    ``monkeypatch`` is undone)."""
    sizes: list[int] = []
    real_unpack = corpus_module._unpack

    def unpack(sent: Any) -> Any:
        sizes.append(len(sent[0]))
        return real_unpack(sent)

    monkeypatch.setattr(corpus_module, "_unpack", unpack)
    return sizes


def _frames_fail_in_a_child(parent: int) -> Any:
    real = _frames.frames_of

    def frames_of(reports: Any, *args: Any, **kwargs: Any) -> Any:
        if os.getpid() != parent and reports[0].meta.year == 2022:
            raise RuntimeError("a bug met on this report")
        return real(reports, *args, **kwargs)

    return frames_of


@pytest.mark.slow
def test_frames_sent_a_few_files_at_once_are_taken_whatever_is_set_aside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files read on workers, a few sent in one message with their frames as one: duplicates
    set aside and reports whose frames failed where they were read (framed again here) in
    the middle of a message — the frames and check of the corpus read in one process."""
    _series_folder(tmp_path, 60)
    for i in (5, 22, 23, 40):  # copies beside their files: in the same message
        (tmp_path / f"{i:02d}-copy.json").write_text(
            (tmp_path / f"{i:02d}.json").read_text("utf-8"), "utf-8"
        )
    one = ogr.Corpus.from_folder(tmp_path, progress=False)
    sizes = files_a_message(monkeypatch)
    monkeypatch.setattr(corpus_module, "frames_of", _frames_fail_in_a_child(os.getpid()))
    # messages of a few files however slow the machine (a child sends what it holds after
    # 50 ms otherwise)
    monkeypatch.setattr(_workers, "_FLUSH", 10.0)
    two = ogr.Corpus.from_folder(tmp_path, workers=2, progress=False)
    assert max(sizes) > 1
    assert len(two.duplicates) == 5
    _same(two, one)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_corpora(), st.data())
def test_the_frames_of_a_run_of_reports_are_cut_from_those_of_all(
    reports: list[ogr.Report], data: st.DataObject
) -> None:
    """Some consecutive reports' frames taken from the frames of all (a message's frames of
    which a report is set aside): the frames of those reports, column by column."""
    every = _frames.frames_of(reports)
    start = data.draw(st.integers(0, len(reports)), label="start")
    stop = data.draw(st.integers(start, len(reports)), label="stop")
    part = every.cut(start, stop)
    expected = _frames.frames_of(reports[start:stop])
    for field in attrs.fields(_frames.Frames):
        a, b = getattr(part, field.name), getattr(expected, field.name)
        if field.name in ("values", "indicators", "growth"):
            assert a.tobytes() == b.tobytes(), field.name  # NaN for a blank
        else:
            assert a == b, field.name


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_corpora(), st.data())
def test_the_rules_across_years_checked_a_run_of_agencies_at_a_time_are_those_of_all(
    reports: list[ogr.Report], data: st.DataObject
) -> None:
    """The agencies cut into runs anywhere, each run's rules across years checked alone (as a
    worker process checks them), their findings joined in order: the findings of all at once;
    and the check of the frames on two workers that of one process, in the same order."""
    frames = _frames.frames_of(reports)
    pairs = _frames.Pairs(frames)
    agencies = pairs.agencies
    cuts = sorted(data.draw(st.lists(st.integers(0, len(agencies))), label="cuts"))
    bounds = [0, *cuts, len(agencies)]
    joined = [f for a, b in itertools.pairwise(bounds) for f in pairs.findings(agencies[a:b])]
    assert joined == frames.pair_findings()
    assert corpus_module.frames_findings(frames, 2) == tuple(frames.check_findings())
    # sent to a process started without fork: the same findings there
    again = pickle.loads(pickle.dumps(pairs))
    assert again.agencies == agencies
    assert again.findings(agencies) == frames.pair_findings()


def test_a_message_of_files_is_framed_at_once_where_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker frames the reports of the few files it sends together in one call (a report at
    a time costs more a report), and only those that hold a report; the frames sent are those
    of the reports, each where its file is among them."""
    _series_folder(tmp_path)
    paths = ogr.corpus.files_in(tmp_path)
    read = [corpus_module._read_framed(p) for p in paths]
    calls: list[int] = []
    real = _frames.frames_of

    def counting(reports: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(len(reports))
        return real(reports, *args, **kwargs)

    monkeypatch.setattr(corpus_module, "frames_of", counting)
    heads, frames = corpus_module._pack(read)
    held = [r.entry.report for r in read if r.entry.report is not None]
    assert calls == [len(held)] == [9]  # the copy of 00.json is read too; notes.txt is not
    assert [h[-1] for h in heads] == [*range(9), -1]  # notes.txt holds no report
    assert frames is not None
    expected = real(held)
    assert frames.values.tobytes() == expected.values.tobytes()
    assert frames.findings == expected.findings
    assert (frames.agency, frames.year) == (expected.agency, expected.year)


def test_a_report_whose_frames_fail_is_sent_without_them_and_the_others_with(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug met framing one report of a message: that one is sent without frames (framed
    again where needed), the others each with its own."""
    _series_folder(tmp_path)
    read = [corpus_module._read_framed(p) for p in ogr.corpus.files_in(tmp_path)]
    real = _frames.frames_of

    def failing(reports: Any, *args: Any, **kwargs: Any) -> Any:
        if any(r.meta.agency == "示例市1局" and r.meta.year == 2022 for r in reports):
            raise RuntimeError("a bug met on this report")
        return real(reports, *args, **kwargs)

    monkeypatch.setattr(corpus_module, "frames_of", failing)
    got = corpus_module._unpack(pickle.loads(pickle.dumps(corpus_module._pack(read))))
    for r, sent in zip(read, got, strict=True):
        report = r.entry.report
        bad = report is not None and report.meta.agency == "示例市1局" and report.meta.year == 2022
        if report is None or bad:
            assert sent.frames is None
        else:
            assert sent.frames is not None
            own = sent.frames.cut(sent.at, sent.at + 1)
            assert own.values.tobytes() == real([report]).values.tobytes()
            assert (own.agency, own.year) == ((report.meta.agency,), (report.meta.year,))


@pytest.mark.slow
def test_files_read_here_beside_the_workers_are_framed_a_run_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without a time budget this process reads a share of the files too: their reports are
    framed a run at once, not one by one, and the corpus is the corpus read in one process."""
    _series_folder(tmp_path, 60)
    one = ogr.Corpus.from_folder(tmp_path, progress=False)
    parent = os.getpid()
    here: list[int] = []
    real = _frames.frames_of

    def counting(reports: Any, *args: Any, **kwargs: Any) -> Any:
        if os.getpid() == parent:
            here.append(len(reports))
        return real(reports, *args, **kwargs)

    monkeypatch.setattr(corpus_module, "frames_of", counting)
    limits = ogr.Limits(seconds=None)
    two = ogr.Corpus.from_folder(tmp_path, workers=2, progress=False, limits=limits)
    assert sum(here) > 0  # this process read some of them
    assert max(here) > 1
    _same(two, one)


@pytest.mark.slow
@pytest.mark.parametrize("enabled", [True, False])
def test_this_process_collects_nothing_while_its_workers_read_and_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, enabled: bool
) -> None:
    """Read and checked on two workers, a corpus of 60 files: this process receives each
    message they send and checks its share of the rules across years with its collector
    paused (each collection of the oldest generation walks all it has received), which runs
    again after as it did before (paused by the caller: still paused); what a corpus hands
    out is the same, and the pause leaves no garbage that grows with the files."""
    _series_folder(tmp_path, 60)
    one = ogr.Corpus.from_folder(tmp_path, progress=False)
    parent = os.getpid()
    collecting: dict[str, list[bool]] = {"received": [], "checked": []}

    def watched(name: str, real: Any) -> Any:
        def call(*args: Any) -> Any:
            if os.getpid() == parent:
                collecting[name].append(gc.isenabled())
            return real(*args)

        return call

    monkeypatch.setattr(corpus_module, "_unpack", watched("received", corpus_module._unpack))
    monkeypatch.setattr(_frames.Pairs, "findings", watched("checked", _frames.Pairs.findings))
    gc.collect()
    was = gc.isenabled()
    if not enabled:
        gc.disable()
    try:
        two = ogr.Corpus.from_folder(tmp_path, workers=2, progress=False)
        assert gc.isenabled() is enabled
        result = two.check(workers=2, progress=False)
        assert gc.isenabled() is enabled
    finally:
        if was:
            gc.enable()
    assert collecting["received"]
    assert collecting["checked"]
    assert not any(collecting["received"] + collecting["checked"])
    # what was made meanwhile is old at once: a cycle made once is left for the collection of
    # the oldest generation (a recursive closure of 8 objects), never one a file
    assert gc.collect() < 60
    assert result == one.check(progress=False)
    _same(two, one)


def _collecting(item: int) -> bool:
    return gc.isenabled()


def _not_run(item: int, reason: Any) -> bool:
    raise AssertionError(reason)


@pytest.mark.slow
def test_a_worker_collects_its_garbage_whatever_its_parent_does() -> None:
    """A worker forked while this process's collector is paused collects its own garbage (a
    reader may make reference cycles): every item read on the workers sees it running."""
    was = gc.isenabled()
    gc.disable()
    try:
        seen = _workers.run(_collecting, range(40), 2, failed=_not_run, timeout=60)
    finally:
        if was:
            gc.enable()
    assert seen == [True] * 40
