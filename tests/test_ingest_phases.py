"""ingest between its two steps, and what a bucket writes whatever the reading's partitions.

The run reads the commits again between the reading and the writing, while every worker waits:
it does so without Arrow's datasets (``pq.read_table`` imported ``pyarrow.dataset`` there, about
0.2 CPU s in each run). A bucket's ``reports/`` file is the same bytes however its files were
cut into partitions and in how many runs they were read: it was written from the parts' batches
as they came, and where Parquet's pages end follows the chunks written (past a megabyte of a
column), so a run in steps, or of another ``partition_size``, wrote other bytes for the same
records. Both failed before #26's tenth round.
"""

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from opengovreport import ingest

from .test_ingest_heals import _folder

distributed = pytest.importorskip("distributed")
pa = pytest.importorskip("pyarrow")


def _bytes(out: Path) -> dict[str, str]:
    """The hash of every file of the datasets (not of the state under ``_ingest/``)."""
    return {
        p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.rglob("*.parquet"))
        if "_ingest" not in p.relative_to(out).parts
    }


def test_a_buckets_files_are_the_same_bytes_however_its_files_were_read(tmp_path: Path) -> None:
    # one bucket of 150 reports: their JSON (about 8 kB each) passes a megabyte, the size of a
    # Parquet page
    folder = _folder(tmp_path, 150)
    files = ingest.sources(folder)
    runs = {}
    with distributed.Client(processes=False, n_workers=1, dashboard_address=":0") as client:
        for size in (1_000, 7):
            out = tmp_path / f"size-{size}"
            ingest.ingest(
                folder, out, client=client, buckets=1, partition_size=size, progress=False
            )
            runs[f"partitions of {size}"] = _bytes(out)
        steps = tmp_path / "steps"
        ingest.ingest(files[::3], steps, client=client, buckets=1, progress=False)
        ingest.ingest(files, steps, client=client, partition_size=40, progress=False)
        runs["in two runs"] = _bytes(steps)
    once = runs.pop("partitions of 1000")
    assert "reports/bucket-00000.parquet" in once
    for how, found in runs.items():
        differ = sorted(name for name in once if found.get(name) != once[name])
        assert found.keys() == once.keys(), how
        assert differ == [], f"{how}: {differ}"


def test_the_commits_are_read_again_without_arrow_datasets(tmp_path: Path) -> None:
    """A process that reads the commits of a dataset has not imported ``pyarrow.dataset``."""
    out = tmp_path / "out"
    for part in ("r000001-a-p000000", "r000001-a-p000001"):
        commit = ingest._commit(f"/reports/{part}.txt", "0" * 32, "1:1", part, 0, 1)
        ingest._commit_part(out, part, {}, [commit])
    script = (
        "import sys; from pathlib import Path; from opengovreport import ingest\n"
        "assert 'pyarrow.dataset' not in sys.modules\n"
        f"state = ingest._standing(Path({str(out)!r}), [])\n"
        "assert sorted(state.known) == ['/reports/r000001-a-p000000.txt',"
        " '/reports/r000001-a-p000001.txt'], state\n"
        "print('pyarrow.dataset' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.split() == ["False"], done.stderr
