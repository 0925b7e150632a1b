"""Nothing lost in a corpus: a bad file is an entry, a dead worker process is replaced.

Each test failed on the corpus that raised for one bad entry (IsADirectoryError,
FileNotFoundError, RecursionError, ValueError) and on the pool that waited forever for a child
killed while it sent its results.
"""

import contextlib
import json
import os
import signal
import threading
import time
from array import array
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import opengovreport as ogr
from opengovreport import _workers, examples
from opengovreport.reading import ReadStatus


def _good_folder(folder: Path, n: int = 6) -> list[str]:
    text = examples.text("synthetic-2021")
    names = []
    for i in range(n):
        name = f"good-{i}.json"
        (folder / name).write_text(text.replace("示例市人民政府", f"示例市{i}局"), encoding="utf-8")
        names.append(name)
    return names


def test_one_bad_entry_of_each_kind_loses_no_good_report(tmp_path: Path) -> None:
    good = _good_folder(tmp_path)
    (tmp_path / "x.json").mkdir()  # a folder named like a report
    (tmp_path / "broken.json").symlink_to(tmp_path / "nowhere.json")
    locked = tmp_path / "locked.json"
    locked.write_text(examples.text("gaoqing-2020"), encoding="utf-8")
    locked.chmod(0)
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    huge = examples.text("gaoqing-2020").replace('"last_year": 17', '"last_year": ' + "9" * 5000)
    (tmp_path / "huge.json").write_text(huge, encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\xff\xfe\x00\xd8" * 100 + b"\x80\xff")
    (tmp_path / "prose.txt").write_text("这只是一段文字。", encoding="utf-8")
    try:
        for workers in (1, 2):
            corpus = ogr.Corpus.from_folder(tmp_path, workers=workers, progress=False)
            assert len(corpus) == len(good) + (0 if os.geteuid() != 0 else 1)
            by_name = {Path(e.source).name: e for e in corpus.entries}
            assert by_name["x.json"].status is ReadStatus.SKIPPED
            assert by_name["x.json"].error == "a folder, not a file"
            assert by_name["broken.json"].error == "a broken link"
            if os.geteuid() != 0:  # root reads any file
                assert by_name["locked.json"].error == "cannot read it: Permission denied"
            assert by_name["deep.json"].status is ReadStatus.UNREADABLE
            assert "nested at most" in (by_name["deep.json"].error or "")
            assert "5000-digit integer" in (by_name["huge.json"].error or "")
            assert by_name["prose.txt"].status is ReadStatus.NOT_A_REPORT
            for entry in corpus.entries:
                assert "\n" not in (entry.error or "")
            summary = corpus.summary()
            assert summary == {
                "read": len(corpus),
                "failed": len(corpus.entries) - len(corpus) - 1,
                "skipped": 1,
            }
    finally:
        locked.chmod(0o644)


def _kill_self_on(item: int) -> int:
    if item == 13:
        os.kill(os.getpid(), signal.SIGKILL)
    return item * 2


def _as_failed(item: int, reason: ogr.Reason) -> int:
    assert "killed (SIGKILL)" in str(reason), reason
    return -1


@pytest.mark.parametrize("workers", [2, 3])
def test_an_item_that_kills_its_worker_is_reported_and_the_rest_kept(workers: int) -> None:
    items = list(range(40))
    # item 13 is in a child's share: 13 % workers != 0 with chunks of one
    out = _workers.run(_kill_self_on, items, workers, failed=_as_failed, chunk=1, context="fork")
    assert out == [-1 if i == 13 else i * 2 for i in items]


def _slow(item: int) -> tuple[int, int]:
    time.sleep(0.02)
    return item, os.getpid()


def _redo(item: int, reason: ogr.Reason) -> tuple[int, int]:
    raise AssertionError("a chunk killed from outside is done again, not failed")


@pytest.mark.slow
def test_a_worker_killed_from_outside_does_not_hang_and_its_work_is_done_again() -> None:
    parent = os.getpid()
    killed: list[int] = []

    def kill_a_child() -> None:
        for _ in range(200):
            time.sleep(0.02)
            children = [
                int(p) for p in Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
            ]
            if children:
                os.kill(children[0], signal.SIGKILL)
                killed.append(children[0])
                return

    killer = threading.Thread(target=kill_a_child)
    killer.start()
    items = list(range(120))
    out = _workers.run(_slow, items, 2, failed=_redo, chunk=10, context="fork")
    killer.join()
    assert killed
    assert [i for i, _ in out] == items


def _big_then_die(item: int) -> bytes:
    return b"x" * 5_000_000


@pytest.mark.slow
def test_a_worker_killed_while_sending_does_not_hang_the_parent() -> None:
    """A child killed in the middle of sending 5 MB: the parent sees end-of-file, not a wait."""
    stop = threading.Event()
    parent = os.getpid()

    def kill_children() -> None:
        while not stop.is_set():
            for p in Path(f"/proc/{parent}/task/{parent}/children").read_text().split():
                with contextlib.suppress(OSError):
                    os.kill(int(p), signal.SIGKILL)
            time.sleep(0.005)

    def failed(item: int, reason: ogr.Reason) -> bytes:
        return b""

    killer = threading.Thread(target=kill_children)
    killer.start()
    try:
        out = _workers.run(_big_then_die, list(range(8)), 2, failed=failed, chunk=2)
    finally:
        stop.set()
        killer.join()
    assert len(out) == 8
    assert all(len(x) in (0, 5_000_000) for x in out)
    assert any(len(x) == 5_000_000 for x in out)  # this process's own share at least


def test_a_second_report_of_one_agency_and_year_is_an_entry_not_a_merge(tmp_path: Path) -> None:
    text = examples.text("synthetic-2021")
    (tmp_path / "a.json").write_text(text, encoding="utf-8")
    (tmp_path / "b.json").write_text(text, encoding="utf-8")
    corpus = ogr.Corpus.from_folder(tmp_path, progress=False)
    assert len(corpus) == 1
    assert corpus.entries[1].error == f"the same report as {tmp_path / 'a.json'} " + (
        "(the same agency, year and numbers): counted once"
    )
    assert corpus.duplicates == (corpus.entries[1].duplicate,)
    assert corpus.conflicts == ()
    assert [e.status for e in corpus.entries] == [ReadStatus.OK, ReadStatus.DUPLICATE]
    files = corpus.files_frame()
    assert files["status"].tolist() == ["ok", "duplicate"]  # "ok" always has a report
    assert files["agency"].isna().tolist() == [False, True]
    assert corpus.summary() == {"read": 1, "failed": 1, "skipped": 0}


def test_json_of_each_entry_is_one_line(tmp_path: Path) -> None:
    bad = json.loads(examples.text("synthetic-2021"))
    bad["requests"]["disclosed"] = {"total": "1", "x": 2}
    (tmp_path / "bad.json").write_text(json.dumps(bad), encoding="utf-8")
    (entry,) = ogr.Corpus.from_folder(tmp_path, progress=False).entries
    assert entry.error is not None
    assert entry.error.startswith("not a valid report JSON: $.requests.disclosed")
    assert entry.error.endswith("more)")


def _asks_for_time(item: float) -> float:
    """Asks not to be stopped for two seconds, then takes ``item`` seconds."""
    _workers.more_time(2.0)
    time.sleep(item)
    return item


@pytest.mark.slow
def test_an_item_that_asks_for_more_time_gets_it_on_workers() -> None:
    """An item whose reader learns it needs longer (a scan's OCR, page by page) asks for the
    time; on workers it is stopped only after that time, as it is in one process."""
    failed = lambda item, reason: reason  # noqa: E731
    out = _workers.run(_asks_for_time, [0.6, 0.0, 3.0], 2, failed=failed, timeout=0.3)
    assert out[:2] == [0.6, 0.0]  # 0.6 s: over the budget of 0.3 s, within the 2 s asked for
    # and stopped when what it asked for is spent
    assert str(out[2]) == "took longer than its time budget of 0.3 s and the 2 s it asked for"
    assert _workers.run(_asks_for_time, [0.0], 1, failed=failed) == [0.0]  # nothing to ask


@pytest.mark.slow
def test_a_scan_gets_the_same_time_on_workers_as_in_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A scan's budget grows by ``Limits.scan_page_seconds`` a page in one process; on workers
    each page begun may take that long, so a scan of many pages is not stopped there at
    ``Limits.seconds`` (the same file was read whole by ``read()`` and called unreadable by
    ``Corpus(workers=2)``)."""
    from PIL import Image

    from opengovreport.reading import _ocr

    if not _ocr.available():
        pytest.skip("needs the extra ocr")
    real = _ocr.read_page

    def slow_page(image: object, number: int) -> object:
        time.sleep(0.3)  # OCR takes seconds a page
        return real(image, number)

    monkeypatch.setattr(_ocr, "read_page", slow_page)  # the forked workers inherit it
    scan = tmp_path / "scan.tiff"
    pages = [Image.new("L", (64, 64), 255) for _ in range(3)]
    pages[0].save(scan, save_all=True, append_images=pages[1:])
    limits = ogr.Limits(seconds=0.3, scan_page_seconds=5.0)
    alone = ogr.read(scan, limits=limits)
    assert alone.status is ReadStatus.NOT_A_REPORT  # read whole: three blank pages
    # two files, so that the pool's workers read them (one file is read in this process)
    corpus = ogr.Corpus.from_paths([scan, scan], workers=2, progress=False, limits=limits)
    assert [e.status for e in corpus.entries] == [alone.status, alone.status]


def _packed(done: list[int]) -> bytes:
    return array("q", done).tobytes()


def _unpacked(sent: bytes) -> list[int]:
    assert type(sent) is bytes, sent  # each message is what _packed made of a child's results
    return array("q", sent).tolist()


@settings(max_examples=15, deadline=None)
@given(
    st.lists(st.integers(-(10**9), 10**9), max_size=60),
    st.integers(2, 3),
    st.sampled_from([None, 1, 4]),
    st.sampled_from([None, 60.0]),
)
@pytest.mark.slow
def test_results_a_child_packs_are_the_results(
    items: list[int], workers: int, chunk: int | None, timeout: float | None
) -> None:
    """Each few results a child sends as one message (``pack``), taken apart by the parent
    (``unpack``): the results in order, whatever the workers, chunks and time budget."""
    out = _workers.run(
        abs,
        items,
        workers,
        failed=_as_failed,
        chunk=chunk,
        timeout=timeout,
        context="fork",
        pack=_packed,
        unpack=_unpacked,
    )
    assert out == [abs(i) for i in items]


def test_an_item_that_kills_its_worker_is_reported_when_results_are_packed() -> None:
    items = list(range(40))
    out = _workers.run(
        _kill_self_on,
        items,
        2,
        failed=_as_failed,
        chunk=1,
        context="fork",
        pack=_packed,
        unpack=_unpacked,
    )
    assert out == [-1 if i == 13 else i * 2 for i in items]
    with pytest.raises(ogr.WrongTypeError, match="pack and unpack"):
        _workers.run(abs, items, 2, failed=_as_failed, pack=_packed)
