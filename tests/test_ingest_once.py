"""A file ingest reads is opened once: its content hash is of the bytes read() took, the same
hash and the same entry as the file hashed apart and read apart; a worker's task runs with the
cyclic collector paused, and leaves no cycle behind it."""

import gc
import hashlib
import os
import weakref
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import opengovreport as ogr
from opengovreport import examples

pytest.importorskip("pyarrow")
from opengovreport import ingest
from opengovreport.corpus import _read_file

_TEXT = examples.load("synthetic-2021").to_text().encode("utf-8")


def _apart(path: str, limits: ogr.Limits) -> tuple[str, ogr.Entry]:
    """The hash and the entry as ingest made them before: the file hashed, then read."""
    return ingest._file_digest(path, limits.bytes), _read_file(path, limits, "auto")


def test_a_file_is_opened_once_and_its_hash_is_of_the_bytes_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(_TEXT)
    limits = ogr.Limits()
    expected = _apart(str(path), limits)

    def no_second_read(source: str, limit: int) -> str:
        raise AssertionError(f"{source} opened a second time to hash it")

    monkeypatch.setattr(ingest, "_file_digest", no_second_read)
    digest, entry = ingest._read_one(str(path), limits, "auto")
    assert digest == hashlib.blake2b(_TEXT, digest_size=16).hexdigest()
    assert (digest, entry) == expected
    assert entry.report is not None


@st.composite
def _files(draw: st.DrawFn) -> tuple[bytes, int]:
    """A file's bytes (a report's text, cut anywhere, or noise) and a byte limit about its
    size: under it, at it, over it by one (read() then takes the limit and one more)."""
    if draw(st.booleans()):
        data = _TEXT[: draw(st.integers(0, len(_TEXT)))]
    else:
        data = draw(st.binary(max_size=300))
    limit = max(1, len(data) + draw(st.integers(-3, 3)))
    return data, limit


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(_files())
def test_the_hash_and_entry_are_those_of_the_file_hashed_and_read_apart(
    tmp_path: Path, file: tuple[bytes, int]
) -> None:
    data, limit = file
    path = tmp_path / "file.txt"
    path.write_bytes(data)
    limits = ogr.Limits(bytes=limit)
    assert ingest._read_one(str(path), limits, "auto") == _apart(str(path), limits)


def test_what_read_takes_no_bytes_of_is_hashed_as_before(tmp_path: Path) -> None:
    """A file over the limit by its size, a FIFO, a broken link, a missing file: read() took
    none of its bytes, and the hash (or the error the hash raised) is what it was."""
    limits = ogr.Limits(bytes=100)
    large = tmp_path / "large.txt"
    large.write_bytes(_TEXT)
    assert ingest._read_one(str(large), limits, "auto") == _apart(str(large), limits)
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    assert ingest._read_one(str(fifo), limits, "auto") == ("", _read_file(str(fifo), limits))
    broken = tmp_path / "broken.txt"
    broken.symlink_to(tmp_path / "nowhere.txt")
    for path in (broken, tmp_path / "missing.txt"):
        with pytest.raises(FileNotFoundError):  # as _file_digest raises: recorded unopened
            ingest._file_digest(str(path), limits.bytes)
        with pytest.raises(FileNotFoundError):
            ingest._read_one(str(path), limits, "auto")


class _Node:
    def __init__(self) -> None:
        self.me = self


def test_a_task_runs_with_the_collector_paused_and_leaves_no_cycle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for i in range(3):
        (tmp_path / f"{i}.txt").write_bytes(_TEXT)
    seen: list[bool] = []
    cycles: list[Any] = []
    read_one = ingest._read_one

    def watched(source: str, limits: ogr.Limits, format: str) -> Any:
        seen.append(gc.isenabled())
        cycles.append(weakref.ref(_Node()))  # a cycle no one holds
        return read_one(source, limits, format)

    monkeypatch.setattr(ingest, "_read_one", watched)
    out = tmp_path / "out"
    (out / "_ingest").mkdir(parents=True)
    files = sorted(str(p) for p in tmp_path.glob("*.txt"))
    task = ingest._ReadTask(
        str(out), 1, "r000001-p0", 1, ogr.Limits(), "auto", tuple((s, None) for s in files)
    )
    assert gc.isenabled()
    assert ingest._read_partition(task) == {"read": 3, "unchanged": 0}
    assert seen == [False, False, False]
    assert gc.isenabled()
    assert all(ref() is None for ref in cycles)  # collected at the task's end


def test_the_collector_is_left_as_the_task_found_it() -> None:
    gc.disable()
    try:
        with ingest._task_collector():
            ref = weakref.ref(_Node())
            assert not gc.isenabled()
        assert ref() is None
        assert not gc.isenabled()
    finally:
        gc.enable()
