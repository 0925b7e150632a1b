"""ingest on a Dask LocalCluster of two workers: the dataset equals the corpus in memory, a
second run reads nothing, a run in steps equals a run at once, a worker killed mid-run loses
nothing, a file that kills its worker twice is recorded as failed."""

import itertools
import os
import random
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import opengovreport as ogr
from opengovreport import examples, ingest
from opengovreport.schema import default_title

from . import pdfs
from .conftest import ROOT, run_cli

dask = pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")
pq = pytest.importorskip("pyarrow.parquet")
pa = pytest.importorskip("pyarrow")

pytestmark = pytest.mark.slow

SHARED = ROOT.parent / "shared" / "corpus"
CHROMIUM = pdfs.CHROMIUM
_PLACES = ("东川", "西河", "南山", "北岭", "青石", "白水", "金沙", "银湖")
_OFFICES = (
    "发展和改革局",
    "财政局",
    "教育局",
    "民政局",
    "司法局",
    "交通运输局",
    "水利局",
    "商务局",
)


def _reports() -> Iterator[ogr.Report]:
    """64 agencies, 4 years each; about a third with a cell changed (their identities fail)."""
    rng = random.Random(17)
    base = examples.load("synthetic-2021")
    path = "requests.disclosed.natural_person"
    for office in _OFFICES:
        for place in _PLACES:
            agency = f"{place}县{office}"
            for year in (2021, 2022, 2023, 2024):
                meta = attrs.evolve(
                    base.meta, agency=agency, year=year, title=default_title(agency, year)
                )
                report = attrs.evolve(base, meta=meta)
                printed = report.cell(path)
                assert isinstance(printed, int)
                yield report.with_cell(path, printed + rng.choice((0, 0, 1)))


def _make_folder(root: Path) -> Path:
    """A few hundred files as analysts meet them: text, Markdown, web pages, PDFs printed by
    Chromium, the shared corpus, a second file of one agency and year, and broken files."""
    folder = root / "reports"
    (folder / "text").mkdir(parents=True)
    (folder / "web").mkdir()
    for i, report in enumerate(_reports()):
        stem = f"{report.meta.agency}-{report.meta.year}"
        if i % 3 == 0:
            (folder / "text" / f"{stem}.txt").write_text(report.to_text(), encoding="utf-8")
        elif i % 3 == 1:
            (folder / "text" / f"{stem}.md").write_text(report.to_markdown(), encoding="utf-8")
        else:
            page = report.to_html(standalone=True)
            (folder / "web" / f"{stem}.html").write_text(page, encoding="utf-8")
    if CHROMIUM is not None:
        (folder / "pdf").mkdir()
        for name in examples.names():
            printed = pdfs.printed(examples.load(name), root, name)
            printed.rename(folder / "pdf" / f"{name}.pdf")
    elif os.environ.get("CI"):
        pytest.fail("chromium is required under CI")
    if SHARED.is_dir():
        shutil.copytree(SHARED, folder / "shared", ignore=shutil.ignore_patterns("*.md"))
    # the same agency and year as another file: the corpus keeps the first in path order
    first = next((folder / "text").glob("*.txt"))
    shutil.copy(first, folder / "text" / f"{first.stem}-copy.txt")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7 not really")
    (folder / "empty.docx").write_bytes(b"")
    (folder / "notes.txt").write_text("会议纪要：无。\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _make_folder(tmp_path_factory.mktemp("ingest"))


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        cluster = distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        )
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


# comparing a dataset with a corpus in memory ------------------------------------------------


def _plain(frame: Any, keys: list[str], columns: list[str] | None = None) -> Any:
    """The frame with categoricals as their values, sorted by ``keys``, in ``columns``' order."""
    frame = frame[columns] if columns is not None else frame
    out = frame.copy()
    for name in out.columns:
        if isinstance(out[name].dtype, pd.CategoricalDtype):
            out[name] = out[name].astype(object)
    if "year" in out.columns:
        out["year"] = out["year"].astype("Int64")
    text = out.astype(str)
    order = text.sort_values(keys + [c for c in text.columns if c not in keys]).index
    return out.loc[order].reset_index(drop=True)


def _assert_same(out: Path, corpus: ogr.Corpus) -> None:
    wide = corpus.to_wide()
    cells = corpus.to_frame()
    expected = {
        "wide": (wide, ["agency", "year"]),
        "cells": (cells, ["agency", "year", "path"]),
        "indicators": (corpus.indicators_frame(), ["agency", "year"]),
        "findings": (corpus.findings_frame(), ["agency", "year", "code", "path"]),
        "files": (corpus.files_frame(), ["source"]),
    }
    for name, (frame, keys) in expected.items():
        stored = ingest.read_frame(out, name)
        columns = list(frame.columns)
        assert set(columns) <= set(stored.columns), name
        pd.testing.assert_frame_equal(
            _plain(stored, keys, columns),
            _plain(frame, keys),
            check_dtype=False,
            check_categorical=False,
            obj=name,
        )
    files = ingest.read_frame(out, "files").set_index("source")
    entries = {e.source: e for e in corpus.entries}
    assert files["hash"].str.fullmatch(r"[0-9a-f]{32}").all()
    assert all(files.loc[s, "diagnostics"] == len(e.diagnostics) for s, e in entries.items())
    back = ingest.from_parquet(out)
    assert sorted(back, key=lambda r: (r.meta.agency, r.meta.year)) == sorted(
        corpus, key=lambda r: (r.meta.agency, r.meta.year)
    )
    assert [e.source for e in back.errors] == sorted(e.source for e in corpus.errors)


def _stored(out: Path) -> dict[str, int]:
    return {
        str(p.relative_to(out)): p.stat().st_mtime_ns
        for p in out.rglob("*.parquet")
        if "_ingest" not in p.parts
    }


def test_the_dataset_is_the_corpus_and_a_second_run_reads_nothing(
    folder: Path, client: Any, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    files = ingest.sources(folder)
    assert len(files) > 250
    done = ingest.ingest(folder, out, client=client, partition_size=25, buckets=4, progress=False)
    assert (done.files, done.read, done.unchanged, done.failed) == (len(files), len(files), 0, 0)
    assert done.buckets_written == 4 == done.buckets
    corpus = ogr.Corpus.from_folder(folder, progress=False)
    assert done.reports == len(corpus)
    assert corpus.errors, "the folder holds files without a report"
    _assert_same(out, corpus)
    # the same agency and year in two files, the same numbers: the first in path order holds
    # the report, the other is its duplicate and says so
    copy = next(e for e in corpus.entries if e.source.endswith("-copy.txt"))
    twins = sorted(e.source for e in corpus.entries if e.source.startswith(copy.source[:-9]))
    kept, second = (corpus.entries[[e.source for e in corpus.entries].index(s)] for s in twins)
    assert kept.report is not None
    assert second.report is None
    assert second.status is ogr.ReadStatus.DUPLICATE
    assert second.duplicate is not None
    assert not second.duplicate.conflict
    assert (second.error or "").startswith(f"the same report as {kept.source}")

    before = _stored(out)
    again = ingest.ingest(folder, out, client=client, partition_size=25, progress=False)
    assert (again.read, again.unchanged, again.buckets_written) == (0, len(files), 0)
    assert _stored(out) == before
    # a file touched but not changed is not read either
    some = Path(files[0])
    os.utime(some, ns=(some.stat().st_atime_ns, some.stat().st_mtime_ns + 10**9))
    touched = ingest.ingest(folder, out, client=client, progress=False)
    assert (touched.read, touched.buckets_written) == (0, 0)


def test_a_run_in_steps_gives_the_dataset_of_one_run(
    folder: Path, client: Any, tmp_path: Path
) -> None:
    work = tmp_path / "reports"
    shutil.copytree(folder, work)
    out = tmp_path / "steps"
    # the first step: the text files only
    first = ingest.ingest(work / "text", out, client=client, buckets=3, progress=False)
    assert first.read == len(ingest.sources(work / "text"))
    # a file changed since, a file left behind by a stopped run
    changed = next((work / "web").glob("*.html"))
    report = ogr.read(changed).report
    assert report is not None
    printed = report.cell("requests.disclosed.other_org")
    assert isinstance(printed, int)
    changed.write_text(
        report.with_cell("requests.disclosed.other_org", printed + 5).to_html(standalone=True),
        encoding="utf-8",
    )
    orphan = out / "_ingest" / "parts" / "r999999-p000000.arrow"
    orphan.write_bytes(b"half written")
    second = ingest.ingest(work, out, client=client, progress=False)
    assert second.unchanged == first.read
    assert not orphan.exists()
    # the text changed again after it was stored: read again, the old record superseded
    text = next((work / "text").glob("*.txt"))
    text.write_text(text.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    third = ingest.ingest(work, out, client=client, progress=False)
    assert third.read == 1
    corpus = ogr.Corpus.from_folder(work, progress=False)
    _assert_same(out, corpus)
    once = tmp_path / "once"
    ingest.ingest(work, once, client=client, buckets=3, progress=False)
    for name in ("wide", "cells", "findings", "files", "indicators"):
        pd.testing.assert_frame_equal(
            _plain(ingest.read_frame(out, name), ["source"] if name == "files" else ["agency"]),
            _plain(ingest.read_frame(once, name), ["source"] if name == "files" else ["agency"]),
            check_categorical=False,
            obj=name,
        )


def test_bad_arguments_are_one_error_naming_them(tmp_path: Path, client: Any) -> None:
    with pytest.raises(ingest.IngestError, match="no such file or folder"):
        ingest.ingest(tmp_path / "missing", tmp_path / "out", client=client)
    with pytest.raises(ingest.IngestError, match="no report files"):
        ingest.ingest(str(tmp_path / "*.pdf"), tmp_path / "out", client=client)
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "mine.csv").write_text("1", encoding="utf-8")
    with pytest.raises(ingest.IngestError, match="not empty"):
        ingest.ingest(tmp_path / "a.txt", taken, client=client)
    out = tmp_path / "out"
    ingest.ingest(tmp_path / "a.txt", out, client=client, buckets=2, progress=False)
    with pytest.raises(ingest.IngestError, match="has 2 buckets"):
        ingest.ingest(tmp_path / "a.txt", out, client=client, buckets=4)
    with pytest.raises(ingest.IngestError, match="not a dataset"):
        ingest.from_parquet(taken)
    # a dataset it cannot write to: one error, what was committed stays
    shutil.rmtree(out / "_ingest" / "parts")
    (out / "_ingest" / "parts").write_text("in the way", encoding="utf-8")
    (tmp_path / "a.txt").write_text("changed", encoding="utf-8")
    with pytest.raises(
        ingest.IngestError, match=r"_ingest/parts/r\d+-\w+-p\d+\.arrow: Not a directory"
    ):
        ingest.ingest(tmp_path / "a.txt", out, client=client, progress=False)


def test_the_command_line(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    text = str(folder / "text")
    first = run_cli(
        "ingest", text, "-o", str(out), "--workers", "2", "--buckets", "2", "--lang", "en"
    )
    assert first.returncode == 0, first.stderr
    line = r"(\d+) files: \1 read, 0 unchanged; 2 of 2 buckets written; \d+ reports and 1 "
    assert re.match(line, first.stdout), first.stdout
    assert first.stdout.count("\n") == 1
    again = run_cli("ingest", text, "-o", str(out), "--workers", "1", "--lang", "en")
    assert again.returncode == 0, again.stderr
    assert ": 0 read," in again.stdout
    assert "0 of 2 buckets written" in again.stdout
    missing = run_cli("ingest", str(tmp_path / "missing"), "-o", str(out), "--lang", "en")
    assert missing.returncode == 2
    assert missing.stderr == f"opengovreport: {tmp_path / 'missing'}: no such file or folder\n"
    away = run_cli(
        "ingest", text, "-o", str(out), "--scheduler", "tcp://127.0.0.1:9", "--lang", "en"
    )
    assert away.returncode == 2
    assert away.stderr.startswith("opengovreport: cannot reach the scheduler tcp://127.0.0.1:9")
    assert away.stderr.count("\n") == 1


def test_urls_are_read_through_fsspec(folder: Path, tmp_path: Path) -> None:
    fsspec = pytest.importorskip("fsspec")
    memory = fsspec.filesystem("memory")
    names = sorted(p.name for p in (folder / "text").glob("*.txt") if "copy" not in p.name)[:12]
    for name in names:
        memory.pipe(f"/reports/{name}", (folder / "text" / name).read_bytes())
    memory.pipe("/reports/notes.txt", "会议纪要：无。\n".encode())
    out = tmp_path / "out"
    # the memory filesystem lives in this process: a cluster of threads
    with distributed.Client(processes=False, n_workers=1, dashboard_address=":0") as client:
        done = ingest.ingest("memory://reports/", out, client=client, progress=False)
        assert (done.files, done.read, done.reports, done.without_report) == (13, 13, 12, 1)
        again = ingest.ingest("memory://reports/", out, client=client, progress=False)
        assert (again.read, again.unchanged) == (0, 13)
        memory.pipe("/reports/notes.txt", "会议纪要：有。\n".encode())  # no time: the hash tells
        changed = ingest.ingest("memory://reports/*.txt", out, client=client, progress=False)
        assert (changed.read, changed.unchanged) == (1, 12)
    sources = set(ingest.read_frame(out, "files")["source"])
    # fsspec names them its way: memory:///reports/…
    assert sources == {f"memory:///reports/{n}" for n in [*names, "notes.txt"]}
    local = ogr.Corpus.from_paths([folder / "text" / n for n in names], progress=False)
    stored = ingest.from_parquet(out)
    assert sorted(stored, key=lambda r: r.meta.agency) == sorted(local, key=lambda r: r.meta.agency)
    memory.rm("/reports", recursive=True)


def test_ctrl_c_loses_only_the_partitions_in_flight(folder: Path, tmp_path: Path) -> None:
    import signal
    import time

    out = tmp_path / "out"
    text = folder / "text"
    files = len(ingest.sources(text))
    run = subprocess.Popen(
        [
            *(sys.executable, "-m", "opengovreport", "ingest", str(text), "-o", str(out)),
            *("--workers", "1", "--partition-size", "5", "--lang", "en"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    commits = out / "_ingest" / "commits"
    deadline = time.monotonic() + 120
    while not any(commits.glob("*.parquet")) and time.monotonic() < deadline:
        time.sleep(0.05)
    run.send_signal(signal.SIGINT)
    stdout, stderr = run.communicate(timeout=120)
    assert (run.returncode, stdout, stderr) == (130, "", "opengovreport: interrupted\n")
    kept = sum(len(pq.read_table(p)) for p in commits.glob("*.parquet"))
    assert 0 < kept < files
    again = ingest.ingest(text, out, workers=1, progress=False)
    assert (again.read, again.unchanged) == (files - kept, kept)
    corpus = ogr.Corpus.from_folder(text, progress=False)
    assert again.reports == len(corpus)
    _assert_same(out, corpus)


_LOGS_ON_CTRL_C = """
import logging, sys
from opengovreport import cli

def interrupted(*args, **kwargs):
    # what Dask's scheduler and client log when Ctrl-C cancels a gather (seen on CI)
    logging.getLogger("distributed.scheduler").error("Couldn't gather keys: {'k': 'forgotten'}")
    logging.getLogger("distributed.client").error("gather failed")
    raise KeyboardInterrupt

cli.ingest = interrupted
sys.exit(cli.main(sys.argv[1:]))
"""


def test_cli_ingest_prints_one_line_whatever_dask_logs(tmp_path: Path) -> None:
    argv = [sys.executable, "-c", _LOGS_ON_CTRL_C, "ingest", str(tmp_path), "-o", str(tmp_path)]
    argv += ["--lang", "en"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("DASK_")}
    run = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=120)
    assert (run.returncode, run.stdout, run.stderr) == (130, "", "opengovreport: interrupted\n")
    shown = subprocess.run(
        argv, capture_output=True, text=True, env={**env, "DASK_LOGGING__DISTRIBUTED": "error"}
    )
    assert shown.returncode == 130
    assert "Couldn't gather keys" in shown.stderr
    assert "gather failed" in shown.stderr


# workers that die ---------------------------------------------------------------------------


_WorkerPlugin: Any = distributed.WorkerPlugin


class _Faults(_WorkerPlugin):  # type: ignore[misc]
    """In each worker: reading ``poison`` kills the worker, always; reading ``once`` kills it
    the first time (``flag`` marks that it did)."""

    name = "opengovreport-test-faults"

    def __init__(self, poison: str, once: str, flag: str):
        self.poison, self.once, self.flag = poison, once, flag

    def setup(self, worker: Any) -> None:
        from opengovreport import ingest as module

        original = module._read_one
        poison, once, flag = self.poison, self.once, self.flag

        def reading(source: str, limits: Any, format: str) -> Any:
            if source == poison:
                os._exit(1)
            if source == once and not os.path.exists(flag):
                Path(flag).touch()
                os._exit(1)
            return original(source, limits, format)

        module._read_one = reading


def test_killed_workers_lose_nothing(folder: Path, tmp_path: Path) -> None:
    import cloudpickle

    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    work = tmp_path / "reports"
    shutil.copytree(folder / "text", work)
    poison = work / "poison.txt"
    poison.write_text("这个文件让读取它的进程退出。\n", encoding="utf-8")
    once = sorted(work.glob("*.md"))[5]
    flag = tmp_path / "killed-once"
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        cluster = distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        )
    with distributed.Client(cluster) as client:
        client.register_plugin(_Faults(str(poison), str(once), str(flag)))
        out = tmp_path / "out"
        done = ingest.ingest(work, out, client=client, partition_size=10, progress=False)
    cluster.close()
    assert flag.exists(), "a worker was killed mid-run"
    assert done.failed == 1
    files = ingest.read_frame(out, "files").set_index("source")
    assert files.loc[str(poison), "status"] == "unreadable"
    assert "stopped a Dask worker twice" in str(files.loc[str(poison), "reason"])
    assert files.loc[str(once), "status"] == "ok"
    poison.unlink()
    corpus = ogr.Corpus.from_folder(work, progress=False)
    for name, keys in (("wide", ["agency", "year"]), ("findings", ["agency", "year", "code"])):
        expected = getattr(corpus, "to_wide" if name == "wide" else "findings_frame")()
        pd.testing.assert_frame_equal(
            _plain(ingest.read_frame(out, name), keys, list(expected.columns)),
            _plain(expected, keys),
            check_dtype=False,
            check_categorical=False,
            obj=name,
        )


def test_the_settings_of_the_cluster_ingest_starts_are_dasks() -> None:
    """Each setting of the local cluster ingest starts names one of Dask's (a misspelt one
    would be kept and do nothing), and each differs from Dask's default."""
    import dask.config

    assert distributed  # imported: its settings' defaults are Dask's
    for key, value in ingest.CLUSTER_CONFIG.items():
        default = dask.config.get(key)  # KeyError for a setting Dask has not
        assert default != value, key
    with dask.config.set(ingest.CLUSTER_CONFIG):
        assert dask.config.get("distributed.worker.profile.enabled") is False


_REPAIRS = (ingest.Repair("_ingest/parts/r1-p00000.arrow", "changed", "read", 3),)


@pytest.mark.parametrize(("failed", "repaired", "verified"), [(0, (), False), (2, _REPAIRS, True)])
def test_the_summary_line_comes_from_the_catalogue_in_either_language(
    failed: int, repaired: tuple[ingest.Repair, ...], verified: bool, tmp_path: Path
) -> None:
    done = ingest.IngestSummary(
        out=tmp_path,
        files=9,
        read=5,
        unchanged=4 - failed,
        failed=failed,
        buckets_written=1,
        buckets=3,
        reports=6,
        without_report=3,
        seconds=1.25,
        repaired=repaired,
        verified=verified,
    )
    assert str(done) == done.line("en")
    assert done.line("en").startswith("9 files: 5 read")
    zh = done.line("zh")
    assert zh.startswith("9 个文件：读取 5 个")
    assert "files" not in zh
    assert "buckets" not in zh
    assert (f"{failed} 个读取失败" in zh) == bool(failed)
    assert ("已全部核对" in zh) == verified
    assert ("r1-p00000.arrow 写入后被改动：3 个文件重新读取" in zh) == bool(repaired)
    assert "since" not in zh


@pytest.mark.parametrize(
    ("repair", "en"),
    [
        (
            ingest.Repair("_ingest/commits/r1-p00000.parquet", "unreadable", "removed"),
            "_ingest/commits/r1-p00000.parquet not a Parquet file: removed, its files read again",
        ),
        (
            ingest.Repair("_ingest/parts/r1-p00000.arrow", "missing", "read", 1),
            "_ingest/parts/r1-p00000.arrow missing: 1 file read again",
        ),
        (
            ingest.Repair("_ingest/parts/r1-p00000.arrow", "not-a-part", "read", 12),
            "_ingest/parts/r1-p00000.arrow not an Arrow IPC file: 12 files read again",
        ),
        (
            ingest.Repair("_ingest/parts/r1-p00000.arrow", "older", "read", 2),
            "_ingest/parts/r1-p00000.arrow written by an older version: 2 files read again",
        ),
        (
            ingest.Repair("wide/bucket-00001.parquet", "changed", "written", 1),
            "wide/bucket-00001.parquet changed since it was written: bucket 1 written again",
        ),
        (
            ingest.Repair("cells/year=2030/bucket-00001.parquet", "stray", "written", 1),
            "cells/year=2030/bucket-00001.parquet not one of its files: bucket 1 written again",
        ),
        (ingest.Repair("", "uncommitted", "read", 4), "4 files in no commit: read again"),
        (ingest.Repair("", "uncommitted", "read", 1), "1 file in no commit: read again"),
    ],
)
def test_a_repair_is_said_in_either_language(repair: ingest.Repair, en: str) -> None:
    """Each repair a run says, from the catalogue: the English line as before (Parquet's name,
    a count's plural), the Chinese with no English word but the file's name."""
    assert str(repair) == repair.text("en") == en
    zh = repair.text("zh")
    assert zh.startswith(repair.path)
    assert not any(
        c.isascii() and c.isalpha()
        for c in zh.removeprefix(repair.path).replace("Parquet", "").replace("Arrow IPC", "")
    ), zh
    assert str(repair.count) in zh


def test_a_repair_says_what_was_wrong_from_its_list() -> None:
    with pytest.raises(ValueError, match="wrong"):
        ingest.Repair("wide/bucket-00001.parquet", "broken", "written", 1)


def test_a_partitions_frames_are_made_once_and_each_buckets_part_is_its_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reading task computes its partition's frames in one call, however many buckets its
    files fall in (it made a call a bucket: 16 a partition at 20,000 files), and writes them as
    one file (it wrote a file a bucket); each bucket's batch of it holds its records alone, in
    the partition's order, as their frames computed for them alone."""
    import json

    folder = tmp_path / "texts"
    folder.mkdir()
    for report in itertools.islice(_reports(), 48):
        stem = f"{report.meta.agency}-{report.meta.year}"
        (folder / f"{stem}.txt").write_text(report.to_text(), encoding="utf-8")
    files = ingest.sources(folder)
    out = tmp_path / "out"
    (out / "_ingest").mkdir(parents=True)
    calls: list[int] = []
    from opengovreport._frames import frames_of

    def counted(reports: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(len(reports))
        return frames_of(reports, *args, **kwargs)

    monkeypatch.setattr(ingest, "frames_of", counted)
    limits = ogr.Limits()
    task = ingest._ReadTask(
        str(out), 1, "r000001-p0", 8, limits, "auto", tuple((s, None) for s in files)
    )
    assert ingest._read_partition(task) == {"read": len(files), "unchanged": 0}
    assert calls == [len(files)]
    monkeypatch.setattr(ingest, "frames_of", frames_of)
    (part,) = (out / "_ingest" / "parts").iterdir()
    assert part.name == "r000001-p0.arrow"
    by_bucket: dict[int, list[tuple[dict[str, Any], Any]]] = {}
    for source in files:
        digest, entry = ingest._read_one(source, limits, "auto")
        assert entry.report is not None
        record = ingest._record(source, digest, ingest._stamp(source), entry)
        bucket = ingest._bucket(entry.report.meta.agency, 8)
        by_bucket.setdefault(bucket, []).append((record, entry.report))
    assert len(by_bucket) > 1
    with pa.OSFile(str(part)) as file:
        assert pa.ipc.open_file(file).num_record_batches == len(by_bucket)
    for bucket, held in by_bucket.items():
        alone = ingest._with_frames([r for r, _ in held], [report for _, report in held])
        got = ingest._read_part(part, bucket)
        # NaN (an indicator without a base) equal to itself: compared as JSON
        assert json.dumps(got.to_pylist()) == json.dumps(alone.to_pylist())
