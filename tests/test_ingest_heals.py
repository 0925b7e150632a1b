"""A dataset that heals, one writer at a time, and a run that stops cleanly.

Each damage the adversarial trial did to a dataset, then a rerun: the dataset equals a clean
run's, and the run says what it repaired. Failed before: a truncated ``wide/`` part or commit
raised ``ArrowInvalid`` on every rerun; random bytes in a ``reports/`` part, a deleted
``cells/year=…/`` part, a ``files/`` part overwritten by another bucket's gave reruns that
reported success over a wrong dataset; a part deleted then a file of its bucket changed raised
``FileNotFoundError`` on every run; two runs at once both claimed their reports and the dataset
held one half; a read-only output was a traceback; Ctrl-C on a terminal printed the workers'
tracebacks.
"""

import json
import os
import pty
import random
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest

from opengovreport import examples, ingest
from opengovreport.schema import default_title

from . import test_ingest
from .test_ingest import _plain

dask = pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")
pq = pytest.importorskip("pyarrow.parquet")
pa = pytest.importorskip("pyarrow")

pytestmark = pytest.mark.slow

#: the fixture of a cluster of two workers, this module's own
client = test_ingest.client

_KEYS = {
    "files": ["source"],
    "wide": ["agency", "year"],
    "cells": ["agency", "year", "path"],
    "indicators": ["agency", "year"],
    "findings": ["agency", "year", "code", "path"],
}


def _folder(root: Path, n: int = 40) -> Path:
    """``n`` reports of ``n // 2`` agencies, two years each, as text, Markdown and web pages,
    and a file that is no report."""
    folder = root / "reports"
    folder.mkdir()
    base = examples.load("synthetic-2021")
    rng = random.Random(28)
    for i in range(n):
        agency, year = f"第{i // 2}县人民政府", 2022 + i % 2
        meta = attrs.evolve(base.meta, agency=agency, year=year, title=default_title(agency, year))
        report = attrs.evolve(base, meta=meta)
        printed = report.cell("requests.disclosed.natural_person")
        assert isinstance(printed, int)
        report = report.with_cell("requests.disclosed.natural_person", printed + rng.choice((0, 1)))
        kind = ("txt", "md", "html")[i % 3]
        text = {"txt": report.to_text, "md": report.to_markdown}.get(kind)
        page = text() if text is not None else report.to_html(standalone=True)
        (folder / f"{i:03d}.{kind}").write_text(page, encoding="utf-8")
    (folder / "notes.txt").write_text("会议纪要：无。\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory, client: Any) -> tuple[Path, Path]:
    """The folder, and its dataset written by one clean run."""
    root = tmp_path_factory.mktemp("heals")
    folder = _folder(root)
    out = root / "clean"
    ingest.ingest(folder, out, client=client, buckets=4, partition_size=8, progress=False)
    return folder, out


def _assert_same(out: Path, expected: Path) -> None:
    for name, keys in _KEYS.items():
        pd.testing.assert_frame_equal(
            _plain(ingest.read_frame(out, name), keys),
            _plain(ingest.read_frame(expected, name), keys),
            check_categorical=False,
            obj=name,
        )
    key = lambda r: (r.meta.agency, r.meta.year)  # noqa: E731
    assert sorted(ingest.from_parquet(out), key=key) == sorted(
        ingest.from_parquet(expected), key=key
    )
    stored = ingest.read_frame(out, "reports")
    assert stored["path"].is_unique


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _scramble(path: Path) -> None:
    """Random bytes of the file's own size: only its checksum tells."""
    size = path.stat().st_size
    path.write_bytes(random.Random(7).randbytes(size))


def _with_another(path: Path) -> None:
    """Another bucket's file copied over it, its time kept (``cp -p``)."""
    other = sorted(p for p in path.parent.glob(f"*{path.suffix}") if p != path)[0]
    shutil.copy2(other, path)


def _stray(path: Path) -> None:
    """A file of the bucket's name where the bucket has none: read with the dataset."""
    path.parent.mkdir()
    shutil.copy2(sorted(path.parent.parent.glob(f"year=*/{path.name}"))[0], path)


def _part(out: Path) -> Path:
    return sorted((out / "_ingest" / "parts").glob("*.arrow"))[0]


DAMAGES: dict[str, tuple[Callable[[Path], Path], Callable[[Path], None], str]] = {
    "wide truncated": (lambda o: o / "wide" / "bucket-00001.parquet", _truncate, "wide/"),
    "commit truncated": (
        lambda o: sorted((o / "_ingest" / "commits").glob("*.parquet"))[1],
        _truncate,
        "_ingest/commits/",
    ),
    "reports scrambled": (lambda o: o / "reports" / "bucket-00002.parquet", _scramble, "reports/"),
    "cells deleted": (
        lambda o: sorted((o / "cells").glob("year=*/bucket-00003.parquet"))[0],
        Path.unlink,
        "cells/year=",
    ),
    "files another bucket's": (
        lambda o: o / "files" / "bucket-00000.parquet",
        _with_another,
        "files/",
    ),
    "a stray in cells": (
        lambda o: o / "cells" / "year=2030" / "bucket-00001.parquet",
        _stray,
        "cells/year=2030/bucket-00001.parquet not one of its files",
    ),
    "part deleted": (_part, Path.unlink, "_ingest/parts/"),
    "part truncated": (_part, _truncate, "_ingest/parts/"),
    "part another's": (_part, _with_another, "_ingest/parts/"),
}


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_a_rerun_heals_the_damage(
    clean: tuple[Path, Path], client: Any, tmp_path: Path, damage: str
) -> None:
    folder, expected = clean
    out = tmp_path / "out"
    shutil.copytree(expected, out)  # times kept: a copy is trusted as it was written
    where, harm, named = DAMAGES[damage]
    target = where(out)
    harm(target)
    again = ingest.ingest(folder, out, client=client, progress=False)
    assert again.repaired, again
    assert any(str(r).startswith(named) for r in again.repaired), again.repaired
    assert "repaired" in str(again)
    zh = again.line("zh")  # the repairs in the run's language, each from the catalogue
    assert all(r.text("zh") in zh for r in again.repaired), zh
    assert not any(w in zh for w in ("again", "since", "missing", "not ", "removed")), zh
    _assert_same(out, expected)
    after = ingest.ingest(folder, out, client=client, progress=False)  # healed for good
    assert (after.read, after.buckets_written, after.repaired) == (0, 0, ())


def _buckets_of(part: Path) -> list[int]:
    """The buckets whose records a part holds, a batch each."""
    with pa.OSFile(str(part)) as file:
        buckets: list[int] = json.loads(
            pa.ipc.open_file(file).schema.metadata[b"opengovreport.buckets"]
        )
    return buckets


def test_a_bucket_whose_part_is_gone_is_rebuilt_from_its_files(
    clean: tuple[Path, Path], client: Any, tmp_path: Path
) -> None:
    folder, _expected = clean
    work = tmp_path / "reports"
    shutil.copytree(folder, work)
    out = tmp_path / "out"
    ingest.ingest(work, out, client=client, buckets=4, partition_size=8, progress=False)
    gone = []
    for part in sorted((out / "_ingest" / "parts").glob("*.arrow")):  # those holding bucket 2
        if 2 in _buckets_of(part):
            part.unlink()
            gone.append(f"_ingest/parts/{part.name}")
    assert gone
    changed = next(p for p in sorted(work.glob("*.txt")) if p.name != "notes.txt")
    changed.write_text(changed.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    again = ingest.ingest(work, out, client=client, progress=False)
    assert sorted(r.path for r in again.repaired if r.path.startswith("_ingest/parts/")) == gone
    once = tmp_path / "once"
    ingest.ingest(work, once, client=client, buckets=4, progress=False)
    _assert_same(out, once)


def _to_the_layout_before(out: Path) -> None:
    """``out`` as the layout before wrote it: a part a bucket (``parts/bucket=K/P.parquet``),
    each commit's metadata saying what each of its parts was."""
    parts = out / "_ingest" / "parts"
    for commit in sorted((out / "_ingest" / "commits").glob("*.parquet")):
        table = pq.read_table(commit)
        written = json.loads(table.schema.metadata[b"opengovreport.part"])
        was = {}
        if written is not None:
            path = parts / f"{commit.stem}.arrow"
            for bucket in _buckets_of(path):
                where = parts / f"bucket={bucket}" / f"{commit.stem}.parquet"
                where.parent.mkdir(exist_ok=True)
                pq.write_table(ingest._read_part(path, bucket), where)
                st = where.stat()
                was[str(bucket)] = {"size": st.st_size, "mtime": st.st_mtime_ns, "frames": 1}
            path.unlink()
        metadata = {b"opengovreport.parts": json.dumps(was).encode()}
        pq.write_table(table.replace_schema_metadata(metadata), commit)


def test_a_dataset_of_the_layout_before_is_read_again(
    clean: tuple[Path, Path], client: Any, tmp_path: Path
) -> None:
    """A dataset whose parts are a file a bucket (before #26's seventh round): its parts are
    deleted, their files read again, and the dataset is the one a run of this layout writes."""
    folder, expected = clean
    out = tmp_path / "out"
    shutil.copytree(expected, out)
    _to_the_layout_before(out)
    assert list((out / "_ingest" / "parts").glob("bucket=*/*.parquet"))
    again = ingest.ingest(folder, out, client=client, progress=False)
    assert again.read == len(ingest.sources(folder))
    assert again.repaired
    assert all(r.wrong == "older" for r in again.repaired), again.repaired
    assert all("written by an older version" in str(r) for r in again.repaired)
    assert not list((out / "_ingest" / "parts").glob("bucket=*"))
    _assert_same(out, expected)
    after = ingest.ingest(folder, out, client=client, progress=False)
    assert (after.read, after.buckets_written, after.repaired) == (0, 0, ())


def test_verify_checks_the_whole_dataset_and_says_what_it_repaired(
    clean: tuple[Path, Path], tmp_path: Path
) -> None:
    expected = clean[1]
    out = tmp_path / "out"
    shutil.copytree(expected, out)
    fine = _cli("ingest", "--verify", "-o", str(out), "--workers", "1")
    assert fine.returncode == 0, fine.stderr
    assert fine.stdout.count("\n") == 1
    assert fine.stdout.rstrip().endswith("verified: nothing to repair")
    # a part, and the wide file of a bucket it holds no records of (a bucket written again for
    # its records would be written whatever its file)
    part, bucket = next(
        (p, b)
        for p in sorted((out / "_ingest" / "parts").glob("*.arrow"))
        for b in range(4)
        if b not in _buckets_of(p) and (out / "wide" / f"bucket-{b:05d}.parquet").exists()
    )
    wide = out / "wide" / f"bucket-{bucket:05d}.parquet"
    _scramble(wide)
    os.utime(
        wide, ns=(wide.stat().st_atime_ns, (expected / wide.relative_to(out)).stat().st_mtime_ns)
    )
    part.unlink()
    fixed = _cli("ingest", "--verify", "-o", str(out), "--workers", "1")
    assert fixed.returncode == 0, fixed.stderr
    assert fixed.stdout.count("\n") == 1
    assert "verified: repaired 2:" in fixed.stdout
    assert f"{wide.relative_to(out)} changed since it was written" in fixed.stdout
    assert f"{part.relative_to(out)} missing" in fixed.stdout
    _assert_same(out, expected)


# one writer at a time ---------------------------------------------------------------------------


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "opengovreport", *args, "--lang", "en"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
        check=False,
    )


def test_a_second_run_at_once_refuses_and_nothing_is_lost(
    clean: tuple[Path, Path], tmp_path: Path
) -> None:
    folder, _expected = clean
    halves = [tmp_path / "first", tmp_path / "second"]
    for i, half in enumerate(halves):
        half.mkdir()
        for path in sorted(folder.iterdir())[i::2]:
            shutil.copy2(path, half / path.name)
    out = tmp_path / "out"
    argv = [sys.executable, "-m", "opengovreport", "ingest", "-o", str(out), "--buckets", "4"]
    first = subprocess.Popen(
        [*argv, str(halves[0]), "--workers", "1", "--partition-size", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lock = out / "_ingest" / "lock"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (lock.exists() and lock.read_text()):
        time.sleep(0.05)
    second = _cli("ingest", str(halves[1]), "-o", str(out), "--workers", "1")
    _stdout, stderr = first.communicate(timeout=600)
    assert first.returncode == 0, stderr
    assert second.returncode == 2
    assert second.stdout == ""
    assert second.stderr.count("\n") == 1
    assert second.stderr.startswith(f"opengovreport: {out}: another ingest run is writing it (")
    assert f"pid {first.pid}" in second.stderr
    again = _cli("ingest", str(halves[1]), "-o", str(out), "--workers", "1")
    assert again.returncode == 0, again.stderr
    one = tmp_path / "one"
    shutil.copytree(halves[1], halves[0], dirs_exist_ok=True)
    ingest.ingest(halves[0], one, workers=1, buckets=4, progress=False)
    for name, keys in _KEYS.items():  # the two halves, as one run of all of them gives
        left = ingest.read_frame(out, name)
        right = ingest.read_frame(one, name)
        if "source" in left.columns:
            for frame in (left, right):
                frame["source"] = frame["source"].map(lambda s: Path(s).name)
        pd.testing.assert_frame_equal(
            _plain(left, keys), _plain(right, keys), check_categorical=False, obj=name
        )


def test_part_names_cannot_collide(clean: tuple[Path, Path], client: Any, tmp_path: Path) -> None:
    folder, _expected = clean
    names = set()
    for out in (tmp_path / "a", tmp_path / "b"):
        ingest.ingest(folder, out, client=client, buckets=2, partition_size=8, progress=False)
        names.add(frozenset(p.name for p in (out / "_ingest" / "commits").glob("*.parquet")))
    first, second = names
    assert not first & second  # the same run number, the same partitions: other names


def test_the_lock_file_rule_without_fcntl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from opengovreport import _lock

    monkeypatch.setattr(_lock, "fcntl", None)
    state = tmp_path / "_ingest"
    state.mkdir()
    with _lock.Lock(state):
        held = state / "lock.held"
        assert held.exists()
        with pytest.raises(_lock.LockHeldError, match=f"pid {os.getpid()}"), _lock.Lock(state):
            pass
    assert not held.exists()
    # a holder of this host whose process is gone: broken
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    held.write_text(_lock.holder_text(pid=int(dead.stdout)), encoding="utf-8")
    with _lock.Lock(state):
        pass
    # a holder of another host: broken only when its heartbeat is older than the rule's
    held.write_text(_lock.holder_text(host="elsewhere", pid=1), encoding="utf-8")
    with pytest.raises(_lock.LockHeldError, match="elsewhere"), _lock.Lock(state):
        pass
    old = time.time() - _lock.STALE_AFTER - 1
    os.utime(held, (old, old))
    with _lock.Lock(state):
        pass


# a folder it cannot write, Ctrl-C -----------------------------------------------------------


def _read_only(folder: Path, argv: list[str]) -> subprocess.CompletedProcess[str]:
    """``argv`` run with ``folder`` on a read-only filesystem (a bind mount in a mount namespace
    of its own), or read-only by its mode where that cannot be had."""
    if os.geteuid() == 0 and shutil.which("unshare"):
        script = (
            'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" "$1" && shift && exec "$@"'
        )
        result = subprocess.run(
            ["unshare", "-m", "sh", "-c", script, "sh", str(folder), *argv],
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
        if "mount:" not in result.stderr and "unshare:" not in result.stderr:
            return result
    if os.geteuid() == 0:
        pytest.skip("no read-only filesystem to be had")
    folder.chmod(0o555)
    try:
        return subprocess.run(argv, capture_output=True, text=True, check=False, timeout=600)
    finally:
        folder.chmod(0o755)


def test_a_read_only_output_is_one_line(clean: tuple[Path, Path], tmp_path: Path) -> None:
    folder, expected = clean
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    argv = [sys.executable, "-m", "opengovreport", "ingest", str(folder), "--workers", "1"]
    new = _read_only(fresh, [*argv, "-o", str(fresh / "dataset")])
    assert new.returncode == 2, new.stderr
    assert new.stdout == ""
    assert new.stderr == (
        f"opengovreport: {fresh / 'dataset'}: cannot write to it: Read-only file system\n"
    ) or new.stderr.endswith(": Permission denied\n")
    copy = tmp_path / "copy"
    shutil.copytree(expected, copy / "dataset")
    old = _read_only(copy, [*argv, "-o", str(copy / "dataset")])
    assert old.returncode == 2, old.stderr
    assert old.stderr.count("\n") == 1
    assert old.stderr.startswith(f"opengovreport: {copy / 'dataset'}: cannot write to it: ")


def test_ctrl_c_on_a_terminal_is_one_line(clean: tuple[Path, Path], tmp_path: Path) -> None:
    folder, _expected = clean
    out = tmp_path / "out"
    argv = [sys.executable, "-m", "opengovreport", "ingest", str(folder), "-o", str(out)]
    argv += ["--workers", "2", "--partition-size", "1", "--lang", "en"]
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child: the CLI on a terminal of its own
        os.execv(argv[0], argv)
    shown = b""

    def read(seconds: float) -> bool:
        nonlocal shown
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            ready, _, _ = select.select([fd], [], [], 0.1)
            if ready:
                try:
                    data = os.read(fd, 1 << 16)
                except OSError:  # the terminal closed: every process on it is gone
                    return False
                if not data:
                    return False
                shown += data
        return True

    commits = out / "_ingest" / "commits"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (commits.is_dir() and any(commits.iterdir())):
        read(0.1)
    os.write(fd, b"\x03")  # Ctrl-C: SIGINT to every process of the terminal's foreground group
    while read(1):
        pass
    _pid, status = os.waitpid(pid, 0)
    os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 130
    text = shown.decode("utf-8", "replace").replace("^C", "")
    # the progress bar, redrawn on its line and cleared, then one line
    assert text.count("\n") == 1, text
    assert text.split("\r")[-2:] == ["opengovreport: interrupted", "\n"], text
    assert "Traceback" not in text
