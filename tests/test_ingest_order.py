"""ingest hands its tasks to the workers in an order that ends each step nearly together (#26
twelfth round): the reading's partitions in their order, the last ones smaller where several
threads read (a worker that ended first waited for a whole partition of another's before the
writing could start), and the buckets largest first. Before, a Dask bag made two tasks a
partition and ran them in its graph's order, every partition ``partition_size`` files."""

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opengovreport import ingest

from .test_ingest_heals import _folder

distributed = pytest.importorskip("distributed")
pytest.importorskip("pyarrow")


@given(st.integers(0, 3_000), st.integers(1, 250), st.integers(1, 8))
def test_the_partitions_hold_every_file_once_in_order(files: int, size: int, threads: int) -> None:
    parts = ingest._partitions(files, size, threads)
    assert [i for part in parts for i in part] == list(range(files))
    if not files:
        assert parts == []
        return
    assert all(0 < len(part) <= size for part in parts)
    if threads == 1 or files < threads * size:
        tail = parts if threads > 1 else parts[-1:]
    else:
        tail = parts[-2 * threads :]
        # every partition before the last ones is whole, and the last ones hold at least what
        # the threads take in a round
        assert all(len(part) == size for part in parts[: -2 * threads])
        assert sum(map(len, tail)) >= threads * size
    if threads == 1:
        assert all(len(part) == size for part in parts[:-1])
    else:
        # the last ones are as even as whole files make them, and smaller than a partition
        # wherever that can be
        assert max(map(len, tail)) - min(map(len, tail)) <= 1
        assert max(map(len, tail)) <= max(1, -(-size * 3 // 4))


def test_the_tasks_are_handed_out_in_order(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """On one thread, the tasks run in the order they are handed out: the reading's partitions
    as cut for two threads (six of 5 files, then four of 2 or 3), then the buckets by their
    records, the most first."""
    folder = _folder(tmp_path, 40)  # 41 files
    read: list[int] = []
    written: list[int] = []
    reading, writing = ingest._read_partition_now, ingest._write_bucket_now

    def read_now(task: Any) -> Any:
        read.append(len(task.items))
        return reading(task)

    def write_now(task: Any) -> Any:
        written.append(len(task.records))
        return writing(task)

    monkeypatch.setattr(ingest, "_read_partition_now", read_now)
    monkeypatch.setattr(ingest, "_write_bucket_now", write_now)
    monkeypatch.setattr(ingest, "_threads", lambda client: 2, raising=False)
    with distributed.Client(
        processes=False, n_workers=1, threads_per_worker=1, dashboard_address=":0"
    ) as client:
        ingest.ingest(
            folder, tmp_path / "out", client=client, buckets=5, partition_size=5, progress=False
        )
    assert read == [5] * 6 + [2, 3, 3, 3]
    assert len(written) == 5
    assert written == sorted(written, reverse=True), written
    assert sum(written) == 41
