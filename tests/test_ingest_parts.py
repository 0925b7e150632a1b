"""ingest's parts and buckets as sized and written since #26's eighth round: the buckets the
fewest that hold the files at :data:`ingest.BUCKET_REPORTS` each (not the next power of two),
a part's buffers LZ4 (not zstd), and a dataset whose parts an earlier version wrote with zstd
read as it stands. Failed before: 20,000 files made 16 buckets of 1,250 reports; a part's
buffers were zstd frames."""

import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opengovreport import ingest

from .test_ingest_heals import _assert_same, _folder

distributed = pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")
pa = pytest.importorskip("pyarrow")

#: the first bytes of an LZ4 frame, and of a zstd frame (each little-endian)
_LZ4_FRAME = b"\x04\x22\x4d\x18"
_ZSTD_FRAME = b"\x28\xb5\x2f\xfd"


@given(st.integers(min_value=0, max_value=10_000_000))
def test_the_buckets_are_the_fewest_that_hold_the_files(files: int) -> None:
    count = ingest._buckets_for(files)
    assert count >= 1
    assert count * ingest.BUCKET_REPORTS >= files
    assert files == 0 or (count - 1) * ingest.BUCKET_REPORTS < files


def test_the_buckets_of_the_benchmark_sizes() -> None:
    sizes = {n: ingest._buckets_for(n) for n in (1, 4_000, 20_000, 100_000)}
    assert sizes == {1: 1, 4_000: 2, 20_000: 8, 100_000: 40}


def _records(n: int) -> Any:
    """``n`` rows of a part's schema, no report among them (what it holds is not the point)."""
    schema = ingest._part_schema()
    rows = [
        {
            "hash": f"{i:032x}",
            "stamp": f"{i}:0",
            "path": f"/reports/{i:04d}.txt",
            "status": "unreadable",
            "format": "text",
            "reader": "",
            "error": "not a report " * (i % 7),
            "diagnostics": "[]",
            "reasons": "[]",
        }
        for i in range(n)
    ]
    return pa.Table.from_pylist(rows, schema=schema)


def test_a_part_is_lz4_and_each_bucket_reads_its_own_batch(tmp_path: Path) -> None:
    table = _records(30)
    sizes = {3: 10, 5: 12, 9: 8}
    path = tmp_path / "p.arrow"
    written = ingest._write_part(table, sizes, path)
    assert written["rows"] == 30
    data = path.read_bytes()
    assert _LZ4_FRAME in data
    assert _ZSTD_FRAME not in data
    start = 0
    for bucket, count in sizes.items():
        got = ingest._read_part(path, bucket)
        assert got.equals(table.slice(start, count).replace_schema_metadata(None))
        start += count
    assert ingest._part_rows(path, full=True) == ingest._part_rows(path, full=False) == 30


@pytest.mark.slow
def test_parts_written_with_zstd_stand(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A dataset whose parts an earlier version wrote with zstd: nothing is read again, and a
    bucket written again from them is the bucket of a run of this version."""
    folder = _folder(tmp_path, 24)
    older, now = tmp_path / "older", tmp_path / "now"
    # a cluster of threads: the codec set here is the one its tasks write with
    with distributed.Client(processes=False, n_workers=1, dashboard_address=":0") as client:
        with monkeypatch.context() as patched:
            patched.setattr(ingest, "_PART_CODEC", "zstd")
            ingest.ingest(folder, older, client=client, buckets=3, partition_size=5, progress=False)
        parts = sorted((older / "_ingest" / "parts").glob("*.arrow"))
        assert parts
        assert all(_ZSTD_FRAME in p.read_bytes() for p in parts)
        ingest.ingest(folder, now, client=client, buckets=3, partition_size=5, progress=False)
        # every bucket to write again, from the zstd parts
        for bucket in range(3):
            (older / "_ingest" / "done" / f"{bucket}.json").unlink()
        shutil.rmtree(older / "wide")
        again = ingest.ingest(folder, older, client=client, progress=False)
    assert (again.read, again.unchanged, again.buckets_written) == (0, 25, 3)
    assert again.repaired == ()
    _assert_same(older, now)
