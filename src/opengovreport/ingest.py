"""A nation's reports on a Dask cluster: read, check and store many files, resumably.

:func:`ingest` reads files (any kind :func:`~opengovreport.read` reads: local paths, folders,
globs, or fsspec URLs such as ``s3://…``), checks every report with the rules across years of
its agency, and keeps a Parquet dataset under ``out``::

    out/files/bucket-00000.parquet          a row per file: hash, status, reader, diagnostics …
    out/wide/bucket-00000.parquet           a row per report, a column per cell (Corpus.to_wide)
    out/cells/year=2024/bucket-00000.parquet   the tidy frame (Corpus.to_frame), by year
    out/indicators/bucket-00000.parquet     the standard indicators (Corpus.indicators_frame)
    out/findings/bucket-00000.parquet       the findings (Corpus.findings_frame)
    out/reports/bucket-00000.parquet        every file's entry, its report as JSON
    out/_ingest/                            what the runs read (the state of the dataset)

It runs in two steps, each a Dask task per item, handed out in order. **Reading**: the files,
a partition of them per task (the last ones smaller on several threads, to end together); a
task writes what it read as a part under ``_ingest/parts/`` (an Arrow IPC file, a record batch
for each bucket its files fall in) and then, last, its commit under ``_ingest/commits/`` — a
part without a commit (a task that died, a run stopped) is deleted at the next run's start, so
a stop loses at most the partitions in flight. A file whose size and time are those recorded is
not opened, one whose content hash is the one recorded is not read.
**Writing**: each agency belongs to one of a fixed number of buckets (a hash of its name), and a
task per bucket whose files changed builds a :class:`~opengovreport.Corpus` of the bucket's
reports — the same code, so the same answers as a corpus in memory: the rules across years, one
report per agency and year, the indicators' growth — and replaces the bucket's files. No step
holds more than a bucket, nor more than a partition of files.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import glob
import hashlib
import importlib
import importlib.util
import json
import os
import signal
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from . import _arrow
from ._arrow import (
    ArrowColumn,
    arrow_coded,
    arrow_frame,
    arrow_masked,
    arrow_plain,
    arrow_strings,
)
from ._frames import (
    GROWTH_PARTS,
    INDICATOR_COUNT,
    Frames,
    finding_row,
    findings_arrow,
    frames_of,
    row_key,
)
from ._lock import Lock, LockHeldError
from ._messages import message
from ._progress import Progress
from .corpus import (
    ENTRY_FIELDS,
    SUFFIXES,
    Corpus,
    Entry,
    entry_of,
    entry_of_record,
    entry_record,
    file_row,
    files_in,
    read_file_taking,
)
from .errors import ExtraMissingError, IngestError, NotAFileError, said
from .model import Report
from .reading import Limits, ReadStatus, Reason, read
from .reading._open import cannot_open, open_regular, over_limit

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["IngestError", "IngestSummary", "Repair", "from_parquet", "ingest", "sources"]

#: the layout of ``_ingest/`` this version writes and reads
VERSION = 1
#: files a reading task takes, by default
PARTITION_SIZE = 200
#: the Dask settings of the local cluster :func:`ingest` starts (where it is given no client):
#: a stopped worker's task tried twice, then recorded as failed; Dask's sampling profiler off
#: and its monitors of the event loop and of the system once a second, not every 10, 20 and
#: 500 ms — nothing a run reads, and about 0.06 CPU seconds a second of the run across the
#: workers and the scheduler (an idle cluster of one worker: 0.89 → 0.14 CPU s in 15 s); the
#: memory monitors (the worker's and its nanny's, in the process that starts the cluster) once
#: a second, not every 100 ms: an idle cluster of one worker 0.55 → 0.34 CPU s in 30 s (a
#: worker over its memory limit is still stopped, at most a second later)
CLUSTER_CONFIG: dict[str, Any] = {
    "distributed.scheduler.allowed-failures": 1,
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
}
#: reports a bucket is meant to hold at most, when the first run sizes the buckets: as few
#: buckets as hold the files at this many each (:func:`_buckets_for`). A bucket task's memory
#: grows with it (a worker's peak ~400 MB at 2,500); its fixed costs (~0.1 CPU s a bucket, and a
#: batch in each part, read back by it) are paid a bucket
BUCKET_REPORTS = 2_500
#: the datasets :func:`ingest` writes under ``out``, each a file per bucket
DATASETS = ("files", "wide", "cells", "indicators", "findings", "reports")
_STATE = "_ingest"
#: the key of a commit's Parquet metadata that records the part it wrote (``null``: none)
_PART_KEY = b"opengovreport.part"
#: the same key of a commit of the layout before (a part a bucket, ``parts/bucket=K/``): its
#: records are read again
_BUCKET_PARTS_KEY = b"opengovreport.parts"
#: the key of a part's schema metadata that says which bucket each of its batches holds
_BUCKETS_KEY = b"opengovreport.buckets"
#: a part's suffix: an Arrow IPC file, a record batch a bucket
_PART_SUFFIX = ".arrow"
#: how a part's buffers are compressed: LZ4 (a part of any codec Arrow reads is read)
_PART_CODEC = "lz4"


#: what may be wrong with a file of the dataset (:attr:`Repair.wrong`)
WRONG = ("missing", "changed", "unreadable", "not-a-part", "older", "stray", "uncommitted")


@attrs.frozen
class Repair:
    """One thing a run of :func:`ingest` found damaged, missing or replaced in the dataset, and
    what it did: ``str()`` is its English line
    (``wide/bucket-00001.parquet changed since it was written: bucket 1 written again``),
    :meth:`text` says it in either language."""

    #: the file of the dataset, relative to its folder (empty for files in no commit)
    path: str
    #: what was wrong: ``missing``, ``changed`` (since it was written), ``unreadable`` (not a
    #: Parquet file), ``not-a-part`` (not an Arrow IPC file), ``older`` (written by an older
    #: version), ``stray`` (a file of a bucket's name that is not one of its files),
    #: ``uncommitted`` (files whose record is in no commit)
    wrong: str = attrs.field(validator=attrs.validators.in_(WRONG))
    #: what the run did: ``removed`` (a commit: removed, its files read again), ``read``
    #: (``count`` files read again), ``written`` (bucket ``count`` written again)
    done: str = attrs.field(validator=attrs.validators.in_(("removed", "read", "written")))
    count: int = 0

    def __str__(self) -> str:
        return self.text("en")

    def text(self, lang: str = "en") -> str:
        """What was wrong and what the run did, in ``lang`` (``zh`` or ``en``)."""
        one = self.done == "read" and self.count == 1
        if self.wrong == "uncommitted":
            if one:
                return message("ingest.uncommitted.one", lang)
            return message("ingest.uncommitted", lang, n=self.count)
        wrong = message(f"ingest.wrong.{self.wrong}", lang)
        if one:
            return message("ingest.read.one", lang, path=self.path, wrong=wrong)
        return message(f"ingest.{self.done}", lang, path=self.path, wrong=wrong, n=self.count)


@attrs.frozen
class IngestSummary:
    """What a run of :func:`ingest` did."""

    #: the dataset's folder
    out: Path
    #: the files the sources named, and those read again to repair the dataset
    files: int
    #: files read in this run (new, or changed since they were read)
    read: int
    #: files not read: the size and time, or the content, recorded for them
    unchanged: int
    #: files recorded as failed because they stopped a worker twice
    failed: int
    #: buckets written (those whose files changed)
    buckets_written: int
    #: buckets in the dataset
    buckets: int
    #: reports in the dataset after the run
    reports: int
    #: files in the dataset without a report (unreadable, not a report, a second report of an
    #: agency and year …): ``files/`` says why
    without_report: int
    seconds: float
    #: what the run found damaged, missing or replaced in the dataset, and what it did
    repaired: tuple[Repair, ...] = ()
    #: whether every file of the dataset was checked whole (``verify=True``)
    verified: bool = False

    def __str__(self) -> str:
        return self.line("en")

    def line(self, lang: str = "en") -> str:
        """The line ``ingest`` ends with, in ``lang`` (``zh`` or ``en``): files read,
        unchanged, failed, buckets written, reports, the dataset and the time, what was
        repaired."""
        said = message(
            "ingest.files", lang, files=self.files, read=self.read, unchanged=self.unchanged
        )
        if self.failed:
            said += message("ingest.failed", lang, n=self.failed)
        said += message(
            "ingest.rest",
            lang,
            written=self.buckets_written,
            buckets=self.buckets,
            reports=self.reports,
            without=self.without_report,
            out=self.out,
            seconds=f"{self.seconds:.1f}",
        )
        what = message("sep", lang).join(r.text(lang) for r in self.repaired)
        repaired = message("ingest.repaired", lang, n=len(self.repaired), what=what)
        if self.verified:
            return said + message(
                "ingest.verified",
                lang,
                what=repaired if self.repaired else message("ingest.nothing", lang),
            )
        return said + (message("sep", lang) + repaired if self.repaired else "")


# sources -------------------------------------------------------------------------------------


def _remote(source: str) -> bool:
    return "://" in source and not source.startswith("file://")


def sources(names: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> list[str]:
    """The files ``names`` name, in order, each once: a file, a folder (its report files, with
    its subfolders, :func:`~opengovreport.corpus.files_in`), a glob (``reports/**/*.pdf``), or
    an fsspec URL of any of these (``s3://bucket/reports/``; fsspec must be installed).
    :class:`IngestError` for a name that names nothing."""
    items = [names] if isinstance(names, str | os.PathLike) else list(names)
    out: dict[str, None] = {}
    for item in items:
        name = os.fspath(item)
        if name.startswith("file://"):
            name = name[len("file://") :]
        if _remote(name):
            found = _remote_files(name)
        elif os.path.isdir(name):
            found = files_in(name)
        elif glob.has_magic(name):
            found = sorted(p for p in glob.glob(name, recursive=True) if os.path.isfile(p))
        elif os.path.exists(name):
            found = [name]
        else:
            raise IngestError(f"{name}: no such file or folder")
        if not found:
            raise IngestError(f"{name}: no report files in it")
        out.update(dict.fromkeys(found))
    return list(out)


def _remote_files(url: str) -> list[str]:
    try:
        import fsspec
    except ImportError:  # pragma: no cover - fsspec comes with dask
        raise IngestError(f"{url}: reading URLs needs fsspec: pip install fsspec") from None
    try:
        fs, path = fsspec.core.url_to_fs(url)
        if glob.has_magic(path):
            found = fs.glob(path)
        elif fs.isdir(path):
            found = [p for p in fs.find(path) if os.path.splitext(p)[1].lower() in SUFFIXES]
        else:
            found = [path] if fs.exists(path) else []
    except Exception as exc:  # the filesystem's own errors: name the URL
        raise IngestError(f"{url}: {said(exc)}") from None
    return sorted(str(fs.unstrip_protocol(p)) for p in found)


def _stamp(source: str) -> str:
    """What tells that a file changed without opening it: its size and time (an object
    store's ETag where it has one)."""
    if _remote(source):
        import fsspec

        fs, path = fsspec.core.url_to_fs(source)
        info = fs.info(path)
        mark = info.get("ETag") or info.get("etag") or info.get("mtime") or info.get("LastModified")
        # without a time or a tag, only the content hash tells
        return f"{info.get('size')}:{mark}" if mark is not None else ""
    st = os.stat(source)
    return f"{st.st_size}:{st.st_mtime_ns}"


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _file_digest(path: str, limit: int) -> str:
    """The content hash of the regular file at ``path`` (no further than ``limit`` + 1 bytes:
    read() reads no more); none for what is not one (a FIFO, a device, a link to one), which
    read() skips at once."""
    h = hashlib.blake2b(digest_size=16)
    try:
        file = open_regular(path)
    except NotAFileError:
        return ""
    with file:
        # as much as its size says, then what it grew by since: a buffer of a few kilobytes for
        # most reports, not of a megabyte — in a Dask worker (MALLOC_TRIM_THRESHOLD_ set by its
        # nanny) each such buffer is mapped and unmapped, 40 µs a file
        left = limit + 1
        want = min(os.fstat(file.fileno()).st_size + 1, left)
        while left > 0 and (chunk := file.read(min(max(want, 1 << 16), 1 << 20, left))):
            h.update(chunk)
            left -= len(chunk)
            want = 0
    return h.hexdigest()


def _bucket(key: str, buckets: int) -> int:
    digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % buckets


# records: an entry as a row -------------------------------------------------------------------

#: a file's record: what read() made of it, its report as JSON (name, Arrow type)
_RECORD_FIELDS = (("hash", "string"), ("stamp", "string"), *ENTRY_FIELDS)
#: what a file's record in a part holds besides: its report's frames, computed where it was
#: read (:func:`._frames.frames_of`), ``None`` for a file without a report
_FRAME_FIELDS = ("edition", "shape", "values", "indicators", "growth", "findings")
#: the frames a part's records hold, as this version computes them; a part of an older
#: version (without them, or other) is read again (:func:`_damaged_parts`)
_FRAMES = 1
#: a commit: the record that stands for a file, and where it is
_COMMIT_FIELDS = (
    ("path", "string"),
    ("hash", "string"),
    ("stamp", "string"),
    ("part", "string"),
    ("bucket", "int32"),
    ("run", "int64"),
)
_COMMIT_COLUMNS = tuple(name for name, _kind in _COMMIT_FIELDS)


def _record(
    source: str, digest: str, stamp: str, entry: Entry, *, text: str | None = None
) -> dict[str, Any]:
    """The row of an entry (``text``: its report's JSON, where already written)."""
    return {"hash": digest, "stamp": stamp, **entry_record(entry, path=source, text=text)}


def _table(fields: tuple[tuple[str, str], ...], rows: list[dict[str, Any]]) -> Any:
    """Rows as an Arrow table of ``fields``' types (``pa.Table.from_pylist``, without
    pyarrow's import of pandas: :mod:`._arrow`)."""
    import pyarrow as pa

    schema = pa.schema([(name, getattr(pa, kind)()) for name, kind in fields])
    return _arrow.table(schema, rows)


def _part_schema() -> Any:
    """The schema of a part: the records' fields, then their reports' frames."""
    import pyarrow as pa

    floats = pa.list_(pa.float64())
    finding = pa.struct(
        [
            ("code", pa.string()),
            ("severity", pa.string()),
            ("table", pa.int8()),
            ("path", pa.string()),
            ("label", pa.string()),
            ("printed", pa.float64()),
            ("computed", pa.float64()),
            ("difference", pa.float64()),
            ("message_zh", pa.string()),
            ("message_en", pa.string()),
        ]
    )
    return pa.schema(
        [
            *((name, getattr(pa, kind)()) for name, kind in _RECORD_FIELDS),
            ("edition", pa.string()),
            ("shape", pa.string()),
            ("values", floats),
            ("indicators", floats),
            ("growth", floats),
            ("findings", pa.list_(finding)),
        ]
    )


def _with_frames(rows: list[dict[str, Any]], reports: list[Any]) -> Any:
    """The part of ``rows`` (records; ``reports``: each one's report, or ``None``), each record
    with its report's frames, computed here where the file was read (built column by column:
    a list of floats per record made by Arrow from one flat array, not from Python lists)."""
    import numpy as np
    import pyarrow as pa

    schema = _part_schema()
    held = [i for i, r in enumerate(reports) if r is not None]
    frames = frames_of(
        [reports[i] for i in held],
        [rows[i]["path"] for i in held],
        [rows[i]["status"] for i in held],
    )
    at: list[int | None] = [None] * len(rows)
    for k, i in enumerate(held):
        at[i] = k
    missing = np.array([k is None for k in at], bool)
    floats = pa.list_(pa.float64())

    def offsets_of(sizes: Sequence[int]) -> Any:
        counts = np.zeros(len(rows), "int32")
        counts[held] = sizes
        offsets = np.zeros(len(rows) + 1, "int32")
        np.cumsum(counts, out=offsets[1:])
        return offsets

    def lists(flat: Any, sizes: Sequence[int]) -> Any:
        values = _arrow.numbers(np.frombuffer(flat, "float64"))
        return _arrow.lists(floats, offsets_of(sizes), values, missing)

    def per_report(values: Sequence[Any]) -> Any:
        return _arrow.strings([None if k is None else values[k] for k in at])

    # the findings of each report's own rules: a list of them a record (none without a report)
    own = frames.findings or ()
    found = [finding_row(f, None) for k in at if k is not None for f in own[k]]
    finding = schema.field("findings").type
    children = [
        _arrow.column(field.type, [f[field.name] for f in found]) for field in finding.value_type
    ]
    findings = _arrow.lists(
        finding,
        offsets_of([len(own[k]) for k in at if k is not None]),
        _arrow.structs(finding.value_type, children),
        missing,
    )
    records = _table(_RECORD_FIELDS, rows)
    columns = [
        *records.columns,
        per_report(frames.edition),
        per_report(frames.shape),
        lists(frames.values, frames.sizes()),
        lists(frames.indicators, [INDICATOR_COUNT] * len(held)),
        lists(frames.growth, [GROWTH_PARTS] * len(held)),
        findings,
    ]
    return pa.Table.from_arrays(columns, schema=schema)


#: the columns of a part :func:`_frames` reads
_FRAME_COLUMNS = ("agency", "year", "edition", "shape", "path", "values", "indicators", "growth")


def _frames(table: Any, statuses: list[str]) -> Frames:
    """The frames of the records of ``table`` (a part's, each holding a report), with
    ``statuses``."""
    from array import array

    import numpy as np

    def floats(name: str) -> array:  # type: ignore[type-arg]
        out = array("d")
        # chunk by chunk, each one's floats as its buffer holds them (not by ``pa.array``, nor
        # ``to_numpy``, which import pandas: :mod:`._arrow`); a null (none is written) as NaN
        for chunk in table.column(name).chunks:
            flat = chunk.flatten()
            if not len(flat):
                continue
            if flat.null_count:
                out.frombytes(np.asarray(flat.to_numpy(zero_copy_only=False), "float64").tobytes())
            else:
                data = flat.buffers()[1]
                out.frombytes(np.frombuffer(data, "float64", len(flat), flat.offset * 8).tobytes())
        return out

    names = ("agency", "year", "edition", "shape")
    columns = table.select([*names, "path"]).to_pydict()
    per_report: dict[str, Any] = {name: tuple(columns[name]) for name in names}
    return Frames(
        **per_report,
        source=tuple(columns["path"]),
        status=tuple(statuses),
        values=floats("values"),
        indicators=floats("indicators"),
        growth=floats("growth"),
        findings=None,
    )


def _write_atomic(table: Any, path: Path) -> dict[str, Any]:
    """Write a Parquet file whole or not at all: to a temporary name, then renamed. Returns
    what it wrote (:func:`_written`)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    return _replace(sink.getvalue().to_pybytes(), path, table.num_rows)


def _write_part(table: Any, buckets: dict[int, int], path: Path) -> dict[str, Any]:
    """Write a partition's part whole or not at all: an Arrow IPC file of ``table``'s records,
    a record batch a bucket (``buckets``: each bucket's count of records, in the table's
    order), which the schema's metadata names. Returns what it wrote (:func:`_written`)."""
    import pyarrow as pa

    metadata = {_BUCKETS_KEY: json.dumps(list(buckets)).encode("utf-8")}
    table = table.replace_schema_metadata(metadata)
    sink = pa.BufferOutputStream()
    # LZ4, each buffer in this thread: a batch has ~90 buffers, a part a batch a bucket, and
    # zstd's fixed cost a buffer, with Arrow's thread pool handing each to a thread, made a
    # part of 200 files in 16 batches 26 ms to write and 24 ms to read back; now ~4 and ~5
    options = pa.ipc.IpcWriteOptions(compression=_PART_CODEC, use_threads=False)
    with pa.ipc.new_file(sink, table.schema, options=options) as writer:
        start = 0
        for count in buckets.values():
            # one batch a bucket, whatever the table's chunks
            writer.write_batch(table.slice(start, count).combine_chunks().to_batches()[0])
            start += count
    return _replace(sink.getvalue().to_pybytes(), path, table.num_rows)


def _read_options() -> Any:
    """How a part is read: its buffers decompressed in this thread (a batch's ~90 small
    buffers are not worth a thread each)."""
    import pyarrow as pa

    return pa.ipc.IpcReadOptions(use_threads=False)


def _read_part(path: Path, bucket: int) -> Any:
    """The records of ``bucket`` in the part at ``path`` (:func:`_write_part`): its batch
    alone is read."""
    import pyarrow as pa

    with pa.OSFile(str(path)) as file:
        reader = pa.ipc.open_file(file, options=_read_options())
        buckets = json.loads((reader.schema.metadata or {})[_BUCKETS_KEY])
        return pa.Table.from_batches([reader.get_batch(buckets.index(bucket))])


def _part_rows(path: Path, full: bool) -> int:
    """The records of the part at ``path``: every batch read where ``full``, else counted
    from their headers (``OSError`` or ``ArrowException`` for what is not an Arrow IPC file)."""
    import pyarrow as pa

    with pa.OSFile(str(path)) as file:
        reader = pa.ipc.open_file(file, options=_read_options())
        if full:
            return int(reader.read_all().num_rows)
        return sum(reader.get_batch(i).num_rows for i in range(reader.num_record_batches))


def _replace(data: bytes, path: Path, rows: int) -> dict[str, Any]:
    """Write ``data`` at ``path`` whole or not at all: to a temporary name, then renamed.
    Returns what it wrote (:func:`_written`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return _written(path, data, rows)


def _written(path: Path, data: bytes, rows: int) -> dict[str, Any]:
    """What a file of the dataset was when written, to tell it later: its size and time (a
    file that has both is taken as written), its checksum (which decides otherwise) and its
    rows (which ``--verify`` counts)."""
    st = path.stat()
    return {"size": st.st_size, "mtime": st.st_mtime_ns, "checksum": _digest(data), "rows": rows}


def _parquet_rows(path: Path, full: bool) -> int:
    """The rows of the Parquet file at ``path``: every row read where ``full``, else its
    footer's count."""
    import pyarrow.parquet as pq

    return int(_read_parquet(path).num_rows if full else pq.read_metadata(path).num_rows)


def _read_parquet(path: Path) -> Any:
    """The Parquet file at ``path`` read whole, as one file (``OSError`` or ``ArrowException``
    for what is not one). Not ``pq.read_table``, which reads through Arrow's datasets: its
    first call in a process imports ``pyarrow.dataset``, 0.2 CPU s, and the run's second
    reading of the commits, between its two steps, paid it while both workers waited."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    return pq.ParquetFile(pa.BufferReader(path.read_bytes())).read()


def _check_file(
    path: Path, written: dict[str, Any] | None, full: bool, *, part: bool = False
) -> str | None:
    """What is wrong with a file of the dataset (:attr:`Repair.wrong`), or ``None``: ``missing``,
    ``changed`` (its size, or its time and checksum, are not what was written), ``unreadable``
    (not a Parquet file; ``part``: ``not-a-part``, not an Arrow IPC file). ``written``: what
    was recorded (``None``: written by a version that recorded nothing, and it must read).
    ``full``: the checksum whatever the time, and every row read."""
    import pyarrow as pa

    try:
        st = path.stat()
    except FileNotFoundError:
        return "missing"
    if written is not None:
        if st.st_size != written["size"]:
            return "changed"
        stale = full or st.st_mtime_ns != written["mtime"]
        if stale and _file_digest(str(path), st.st_size) != written["checksum"]:
            return "changed"
        if not full:
            return None
    try:
        rows = (_part_rows if part else _parquet_rows)(path, full)
    except (OSError, pa.ArrowException):
        return "not-a-part" if part else "unreadable"
    if written is not None and rows != written["rows"]:
        return "changed"
    return None


def _write_text_atomic(text: str, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


# reading: a task per partition of files ---------------------------------------------------------


@attrs.frozen
class _Known:
    """What the dataset holds for a file: the record that stands for it."""

    hash: str
    stamp: str
    part: str
    bucket: int


@attrs.frozen
class _ReadTask:
    out: str
    run: int
    part: str
    buckets: int
    limits: Limits
    format: str
    #: (source, what the dataset holds for it, if anything)
    items: tuple[tuple[str, _Known | None], ...]


def _read_one(source: str, limits: Limits, format: str) -> tuple[str, Entry]:
    """(content hash, entry) of one file; never raises for what the file holds."""
    if _remote(source):
        import fsspec

        try:
            with fsspec.open(source, "rb") as file:
                data = file.read(limits.bytes + 1)
        except Exception as exc:  # the store's errors: the file's outcome, not the run's
            return "", Entry.failed(source, cannot_open(exc))
        if len(data) > limits.bytes:
            return _digest(data), Entry.failed(source, over_limit(limits))
        return _digest(data), entry_of(source, read(data, format=format, limits=limits))  # type: ignore[arg-type]
    entry, taken = read_file_taking(source, limits, format)
    # the content hash of the bytes read (no further than limits.bytes + 1, as _file_digest);
    # of the file again where none were (not opened, over the limit by its size, not a file)
    digest = _digest(taken) if taken is not None else _file_digest(source, limits.bytes)
    return digest, entry


@contextlib.contextmanager
def _task_collector() -> Iterator[None]:
    """A worker's task with the cyclic garbage collector paused, and the young objects it left
    collected at its end. A worker's heap is mostly long-lived (Dask, pandas, pyarrow, this
    library: about 122,000 objects, #26's sixth round), and each collection of the oldest
    generation walks all of it again: 4,000 text files read and bucketed in one process spent
    0.48–0.50 CPU s in the collector (5 %), 0.06–0.07 s so, and their CPU fell by more (the
    caches a collection clears). Nothing is kept longer than its task: what it made is freed
    when its last reference goes, as ever, and the cycles it made are found at its end by a
    collection of the young generation alone — every object the task made and still holds is
    there, since none was collected (and so moved) meanwhile. Tasks side by side on a
    worker's threads may leave it running for one another: their speed, not their results."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.collect(0)
        if enabled:
            gc.enable()


def _read_partition(task: _ReadTask) -> dict[str, int]:
    with _task_collector():
        return _read_partition_now(task)


def _read_partition_now(task: _ReadTask) -> dict[str, int]:
    """Read the files of a partition that changed, and write them: the records of each bucket,
    then the commit that makes them count. Returns how many were read and left unchanged."""
    records: dict[int, list[tuple[dict[str, Any], Report | None]]] = defaultdict(list)
    commits: list[dict[str, Any]] = []
    counts = {"read": 0, "unchanged": 0}
    for source, known in task.items:
        try:
            stamp = _stamp(source)
        except Exception:  # any filesystem's error: no stamp, the content hash decides
            stamp = ""
        if known is not None and stamp and stamp == known.stamp:
            counts["unchanged"] += 1
            continue
        try:
            digest, entry = _read_one(source, task.limits, task.format)
        except OSError as exc:  # gone, or not readable by this worker
            digest = ""
            entry = Entry.failed(source, cannot_open(exc))
        if known is not None and digest and digest == known.hash:
            # touched, not changed: the record stands, with the new stamp
            counts["unchanged"] += 1
            commits.append(_commit(source, known.hash, stamp, known.part, known.bucket, task.run))
            continue
        counts["read"] += 1
        key = entry.report.meta.agency if entry.report is not None else source
        bucket = _bucket(key, task.buckets)
        records[bucket].append((_record(source, digest, stamp, entry), entry.report))
        commits.append(_commit(source, digest, stamp, task.part, bucket, task.run))
    _commit_part(Path(task.out), task.part, records, commits)
    return counts


def _commit(path: str, digest: str, stamp: str, part: str, bucket: int, run: int) -> dict[str, Any]:
    return {
        "path": path,
        "hash": digest,
        "stamp": stamp,
        "part": part,
        "bucket": bucket,
        "run": run,
    }


def _commit_part(
    out: Path,
    part: str,
    records: dict[int, list[tuple[dict[str, Any], Report | None]]],
    commits: list[dict[str, Any]],
) -> None:
    """Write the part of ``records`` (each record and its report: its frames are computed
    here), then their commit."""
    if not commits:
        return
    state = out / _STATE
    written = None
    # the frames of the whole partition made at once, written as one file, a batch a bucket
    # (none where every file of it was touched, not changed): a part a bucket cost its fixed
    # part (frames, a Parquet file written and read, 5–8 ms) once a bucket a partition
    # (:func:`_buckets_for`)
    buckets = sorted(records)
    everything = [item for bucket in buckets for item in records[bucket]]
    if everything:
        frames = _with_frames([row for row, _r in everything], [r for _row, r in everything])
        sizes = {bucket: len(records[bucket]) for bucket in buckets}
        where = state / "parts" / f"{part}{_PART_SUFFIX}"
        written = {**_write_part(frames, sizes, where), "frames": _FRAMES}
    # the commit carries what the part it wrote was: a run tells a part damaged or replaced
    table = _table(_COMMIT_FIELDS, commits)
    table = table.replace_schema_metadata({_PART_KEY: json.dumps(written).encode("utf-8")})
    _write_atomic(table, state / "commits" / f"{part}.parquet")


# writing: a task per bucket ---------------------------------------------------------------------


@attrs.frozen
class _BucketTask:
    out: str
    bucket: int
    #: (source, part) of each record that stands in the bucket
    records: tuple[tuple[str, str], ...]
    fingerprint: str


def _module(name: str) -> Any:
    """A module of Dask's (untyped: called through ``Any``)."""
    return importlib.import_module(name)


def _bucket_name(bucket: int) -> str:
    return f"bucket-{bucket:05d}.parquet"


def _write_bucket(task: _BucketTask) -> int:
    with _task_collector():
        return _write_bucket_now(task)


def _write_bucket_now(task: _BucketTask) -> int:
    """Replace the bucket's files with what its records hold: their reports' frames,
    concatenated, with what needs several reports — one report per agency and year (a
    :class:`~opengovreport.Corpus` decides between the files of one, as in memory), the rules
    across years, the indicators' growth; the number of reports it holds."""
    import numpy as np

    out, name = Path(task.out), _bucket_name(task.bucket)
    table = _bucket_records(task, out)
    # the records as rows without their reports' JSON: only the files of an agency and year
    # that several give need it (to decide between them); the reports dataset takes the
    # records' columns as they are, unless such a decision changed a record
    records = table.select([n for n, _kind in _RECORD_FIELDS])
    rows = records.drop_columns(["report"]).to_pylist()
    reports = records.column("report")
    for row, valid in zip(rows, reports.is_valid().to_pylist(), strict=True):
        row["report"] = _UNREAD if valid else None
    holds, changed = _one_per_agency_and_year(rows, reports)
    held = [i for i, h in enumerate(holds) if h]
    # the columns of the frames alone (not the reports' JSON: 8 kB a record, copied by a take
    # for nothing), and taken only where some record holds no report
    of_reports = table.select([*_FRAME_COLUMNS, "findings"])
    if len(held) < len(rows):
        of_reports = of_reports.take(_arrow.numbers(np.array(held, "int64")))
    frames = _frames(of_reports, [rows[i]["status"] for i in held])
    # each dataset as Arrow makes the pandas frame of a corpus (``Corpus.to_wide()`` …): the
    # same table, built without pandas (:func:`._arrow.arrow_frame`)
    datasets = {
        "files": _files_table(rows),
        "wide": frames.wide_table(),
        "indicators": frames.indicators_table(),
        "findings": findings_arrow(_bucket_findings(of_reports, frames)),
    }
    written: dict[str, dict[str, Any]] = {}
    for dataset, arrow in datasets.items():
        written[f"{dataset}/{name}"] = _write_atomic(arrow, out / dataset / name)
    # every entry as the corpus holds it (a second report of an agency and year set aside,
    # with why), its report as JSON: what from_parquet makes a corpus of
    if changed:
        kept = _table(_RECORD_FIELDS, [_with_report(row, reports, i) for i, row in enumerate(rows)])
    else:
        # one chunk: Parquet's pages follow the chunks written, and these are the parts' batches
        # (the files' partitions, the runs that read them); the same records, the same bytes
        kept = records.combine_chunks()
    written[f"reports/{name}"] = _write_atomic(kept, out / "reports" / name)
    for year, cells in frames.tidy_tables().items():  # the tidy cells, a year a file
        where = f"cells/year={year}/{name}"
        written[where] = _write_atomic(cells, out / where)
    for dataset in DATASETS:  # a year no longer there, a stray
        for stale in (out / dataset).glob(f"**/{name}"):
            if _rel(out, stale) not in written:
                stale.unlink()
    # what the bucket was built from, and what each of its files was when written
    done = {"fingerprint": task.fingerprint, "records": task.records, "files": written}
    _write_text_atomic(json.dumps(done, ensure_ascii=False), _done_path(out, task.bucket))
    return len(held)


def _bucket_records(task: _BucketTask, out: Path) -> Any:
    """The bucket's records, in path order: its batch of each partition's part, the records
    it holds of each."""
    import numpy as np
    import pyarrow as pa

    wanted: dict[str, set[str]] = defaultdict(set)
    for source, part in task.records:
        wanted[part].add(source)
    tables = []
    schema = _part_schema()
    for part in sorted(wanted):
        table = _read_part(out / _STATE / "parts" / f"{part}{_PART_SUFFIX}", task.bucket)
        if not table.schema.equals(schema):
            table = table.cast(schema)
        keep = [p in wanted[part] for p in table.column("path").to_pylist()]
        tables.append(table if all(keep) else table.filter(_arrow.numbers(np.array(keep, bool))))
    table = pa.concat_tables(tables) if tables else schema.empty_table()
    paths = table.column("path").to_pylist()
    if paths != sorted(paths):  # Arrow orders strings as Python does; a path is in one part
        table = table.sort_by("path")
    return table


def _bucket_findings(of_reports: Any, frames: Any) -> list[dict[str, Any]]:
    """The findings of the bucket's reports: each report's own, as its record holds them, and
    those of the rules across years, in the findings frame's order."""
    sources = {(a, y): s for a, y, s in zip(frames.agency, frames.year, frames.source, strict=True)}
    own = of_reports.select(["agency", "year", "path", "findings"]).to_pylist()
    findings = [
        {"agency": r["agency"], "year": r["year"], "source": r["path"], **f}
        for r in own
        for f in r["findings"]
    ]
    findings.extend(finding_row(f, sources[(f.agency, f.year)]) for f in frames.pair_findings())
    findings.sort(key=row_key)
    return findings


def _files_table(rows: list[dict[str, Any]]) -> Any:
    """The files frame of the bucket's records (rows without their reports' JSON) as an Arrow
    table: :func:`~opengovreport.corpus.files_table` of their entries, with each one's content
    hash (second) and count of diagnostics (last)."""
    import numpy as np

    entries = [entry_of_record(row, report=False) for row in rows]
    files = [file_row(e, r["agency"], r["year"]) for e, r in zip(entries, rows, strict=True)]

    def strings(name: str) -> ArrowColumn:
        return arrow_strings(name, [f[name] for f in files])

    def counts(name: str, values: list[int]) -> ArrowColumn:
        return arrow_plain(name, np.array(values, "int64"))

    quality = [f["quality"] for f in files]
    unknown = np.array([q is None or q != q for q in quality], bool)
    years = [f["year"] for f in files]
    no_year = np.array([y is None for y in years], bool)
    return arrow_frame(
        [
            strings("source"),
            arrow_strings("hash", [r["hash"] for r in rows]),
            arrow_coded("status", [f["status"] for f in files], [s.value for s in ReadStatus]),
            strings("format"),
            strings("reader"),
            arrow_masked(
                "quality",
                np.array([0.0 if u else q for q, u in zip(quality, unknown, strict=True)]),
                unknown,
                "Float64",
            ),
            strings("agency"),
            arrow_masked(
                "year",
                np.array([0 if n else y for y, n in zip(years, no_year, strict=True)], "int64"),
                no_year,
                "Int64",
            ),
            counts("errors", [f["errors"] for f in files]),
            counts("warnings", [f["warnings"] for f in files]),
            strings("reason"),
            counts("diagnostics", [len(e.diagnostics) for e in entries]),
        ]
    )


#: what a row of :func:`_write_bucket` holds for a report's JSON not taken out of its column
_UNREAD = "\0unread"


def _with_report(row: dict[str, Any], reports: Any, i: int) -> dict[str, Any]:
    """``row`` with its report's JSON, from ``reports`` (the column of the records it is the
    ``i``-th of) where it was not taken out."""
    if row["report"] is not _UNREAD:
        return row
    return {**row, "report": reports[i].as_py()}


def _one_per_agency_and_year(rows: list[dict[str, Any]], reports: Any) -> tuple[list[bool], bool]:
    """Whether each record (in path order) holds a report of the corpus, and whether any
    record was changed: the files that give an agency and year no other file gives do;
    between the files of one, a :class:`~opengovreport.Corpus` of their entries decides as it
    does in memory (their reports loaded from their JSON, ``reports``: the records' column of
    it), and their records become its entries (a file set aside holds no report, and says
    why)."""
    groups: dict[tuple[str, int], list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        if row["report"] is not None:
            groups[(row["agency"], row["year"])].append(i)
    holds = [row["report"] is not None for row in rows]
    changed = False
    for found in groups.values():
        if len(found) < 2:
            continue
        changed = True
        for i in found:
            rows[i] = _with_report(rows[i], reports, i)
        corpus = Corpus(entries=[entry_of_record(rows[i]) for i in found])
        for i, e in zip(found, corpus.entries, strict=True):
            row = rows[i]
            text = row["report"] if e.report is not None else None
            rows[i] = _record(e.source, row["hash"], row["stamp"], e, text=text)
            holds[i] = e.report is not None
    return holds, changed


def _done_path(out: Path, bucket: int) -> Path:
    return out / _STATE / "done" / f"{bucket}.json"


def _done(out: Path, bucket: int) -> dict[str, Any] | None:
    """What the bucket was last written from and as, or ``None`` (never written, written by a
    version that recorded less, or its record damaged: it is written again)."""
    try:
        done = json.loads(_done_path(out, bucket).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(done, dict) or not {"fingerprint", "files", "records"} <= done.keys():
        return None
    return done


def _clear_bucket(out: Path, bucket: int) -> None:
    name = _bucket_name(bucket)
    for dataset in DATASETS:
        for path in (out / dataset).glob(f"**/{name}"):
            path.unlink()
    _done_path(out, bucket).unlink(missing_ok=True)


def _fingerprint(records: Sequence[tuple[str, str]]) -> str:
    h = hashlib.blake2b(digest_size=16)
    for source, part in sorted(records):
        h.update(f"{source}\0{part}\n".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


# the state of a dataset -------------------------------------------------------------------------


def _manifest(out: Path, buckets: int | None, files: int) -> int:
    """The dataset's number of buckets: as recorded, or sized now by the first run."""
    path = out / _STATE / "manifest.json"
    if path.exists():
        try:
            recorded = json.loads(path.read_text(encoding="utf-8"))
            version, count = recorded["version"], int(recorded["buckets"])
        except (ValueError, KeyError, TypeError) as exc:
            raise IngestError(f"{path}: not a manifest of opengovreport.ingest ({exc})") from None
        if version != VERSION:
            raise IngestError(f"{out}: written by layout {version}; this version reads {VERSION}")
        if buckets is not None and buckets != count:
            raise IngestError(f"{out}: has {count} buckets; buckets={buckets} needs a new dataset")
        return count
    if out.exists() and any(p.name != _STATE for p in out.iterdir()):
        raise IngestError(f"{out}: not empty and not a dataset of opengovreport.ingest")
    count = buckets if buckets is not None else _buckets_for(files)
    if count < 1:
        raise IngestError(f"buckets must be at least 1, not {count}")
    _write_text_atomic(json.dumps({"version": VERSION, "buckets": count}), path)
    return count


def _buckets_for(files: int) -> int:
    """The buckets for ``files`` files: the fewest of :data:`BUCKET_REPORTS` each (at least
    one). Not the next power of two: 20,000 files made 16 buckets of 1,250, each with its
    fixed cost and a batch in every part."""
    return max(1, -(-files // BUCKET_REPORTS))


def _clean(out: Path) -> None:
    """Delete what a stopped run left: parts without a commit (a commit that could not be read
    was deleted by :func:`_standing`), temporary files, the records of an older layout."""
    state = out / _STATE
    committed = {p.stem for p in (state / "commits").glob("*.parquet")}
    for part in (state / "parts").glob(f"*{_PART_SUFFIX}"):
        if part.stem not in committed:
            part.unlink()
    # the layout before, a part a bucket: their commits say so, their files are read again
    for old in (state / "parts").glob("bucket=*/*.parquet"):
        old.unlink()
    for folder in (state / "parts").glob("bucket=*"):
        with contextlib.suppress(OSError):
            folder.rmdir()
    for tmp in out.glob("**/.*.tmp"):
        tmp.unlink(missing_ok=True)
    for old in (state / "done").glob("*.txt"):  # layout 1 before records: written again
        old.unlink()


def _rel(out: Path, path: Path) -> str:
    return path.relative_to(out).as_posix()


@attrs.frozen
class _State:
    """What the commits say: the record that stands for each file, what each part was when
    written, and the last run's number."""

    known: dict[str, _Known]
    parts: dict[str, dict[str, Any]]
    last: int


def _standing(out: Path, repaired: list[Repair]) -> _State:
    """The record that stands for each file (the last committed), what each committed part was
    when written, and the last run's number. A commit that cannot be read is deleted (its
    files are read again: :func:`_recorded`)."""
    import pyarrow as pa

    commits, tables = [], []
    for path in sorted((out / _STATE / "commits").glob("*.parquet")):
        try:
            table = _read_parquet(path)
        except (OSError, pa.ArrowException):
            table = None
        if table is None or table.schema.names != list(_COMMIT_COLUMNS):
            path.unlink()
            repaired.append(Repair(_rel(out, path), "unreadable", "removed"))
            continue
        commits.append(path)
        tables.append(table)
    if not commits:
        return _State({}, {}, 0)
    parts: dict[str, dict[str, Any]] = {}
    for path, table in zip(commits, tables, strict=True):
        metadata = table.schema.metadata or {}
        if _PART_KEY in metadata:
            written = json.loads(metadata[_PART_KEY])
            if written is not None:
                parts[path.stem] = written
        elif _BUCKET_PARTS_KEY in metadata:  # a part a bucket: the layout before
            parts[path.stem] = {"frames": None}
    table = pa.concat_tables(t.replace_schema_metadata(None) for t in tables)
    known: dict[str, tuple[tuple[int, str], _Known]] = {}
    last = 0
    columns = table.to_pydict()
    for path, digest, stamp, part, bucket, run in zip(
        *(columns[c] for c in _COMMIT_COLUMNS), strict=True
    ):
        last = max(last, run)
        order = (run, part)
        if path not in known or known[path][0] < order:
            known[path] = (order, _Known(digest, stamp, part, bucket))
    return _State({path: k for path, (_order, k) in known.items()}, parts, last)


def _damaged_parts(out: Path, state: _State, full: bool, repaired: list[Repair]) -> set[str]:
    """The files whose standing record is in a part missing, changed since it was written or
    unreadable (``full``: every checksum, every row): each such part is deleted, and its files
    are to be read again."""
    standing: dict[str, list[str]] = defaultdict(list)
    for source, k in state.known.items():
        standing[k.part].append(source)
    again: set[str] = set()
    for part, sources in sorted(standing.items()):
        path = out / _STATE / "parts" / f"{part}{_PART_SUFFIX}"
        written = state.parts.get(part)
        if written is not None and written.get("frames") != _FRAMES:
            wrong: str | None = "older"
        else:
            wrong = _check_file(path, written, full, part=True)
        if wrong is None and written is None:
            wrong = "older"
        if wrong is None:
            continue
        path.unlink(missing_ok=True)
        again.update(sources)
        repaired.append(Repair(_rel(out, path), wrong, "read", len(sources)))
    return again


def _recorded(out: Path, buckets: int) -> dict[str, str]:
    """The part each file's record was in when its bucket was last written."""
    recorded: dict[str, str] = {}
    for bucket in range(buckets):
        done = _done(out, bucket)
        if done is not None:
            recorded.update((source, part) for source, part in done["records"])
    return recorded


# the run ----------------------------------------------------------------------------------------


def ingest(
    names: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    client: Any = None,
    workers: int | None = None,
    partition_size: int = PARTITION_SIZE,
    buckets: int | None = None,
    limits: Limits | None = None,
    format: str = "auto",
    progress: bool = True,
    verify: bool = False,
) -> IngestSummary:
    """Read, check and store the files ``names`` name (:func:`sources`) in the Parquet dataset
    ``out`` (a local or shared folder), on a Dask cluster.

    ``client``: a ``dask.distributed.Client``; without one, a local cluster of ``workers``
    processes (default: one per core) is started for the run and closed after it.
    ``partition_size``: files a reading task takes (on a cluster of several task threads, the
    last ones take fewer, so that the workers end the reading together). ``buckets``: how many
    buckets the agencies are spread over, fixed by the first run (default: the fewest of about
    2,500 reports each).

    Run it again with more files, or the same: a file is read again only when it changed, a
    bucket written again only when its files changed, and the dataset is the same as one
    written in a single run. A file that stops a worker twice (a crash, out of memory) is
    recorded as ``unreadable`` and not read again until it changes — on a cluster of your own,
    set ``distributed.scheduler.allowed-failures`` to 1 for "twice" (Dask's default is 3).

    Every run checks the files of the dataset it relies on (a file whose size and time are
    those recorded when it was written is taken as written; another's checksum decides) and
    repairs what it finds damaged, missing or replaced — a part's files read again, a bucket
    written again — saying so in :attr:`IngestSummary.repaired`. ``verify``: every checksum
    checked and every file read whole; ``names`` may then name nothing (``()``) to check and
    repair the dataset alone. One run at a time: a second run on ``out`` while one runs
    raises :class:`IngestError` naming the run that holds it.
    """
    started = time.monotonic()
    if importlib.util.find_spec("distributed") is None:  # imported when the cluster starts
        raise ExtraMissingError("ingest needs Dask: pip install 'opengovreport[dask]'")
    try:
        import pyarrow  # noqa: F401
    except ImportError:  # pragma: no cover - the dask extra brings it
        raise ExtraMissingError("ingest needs pyarrow: pip install 'opengovreport[dask]'") from None
    if partition_size < 1:
        raise IngestError(f"partition_size must be at least 1, not {partition_size}")
    root = Path(out)
    if root.exists() and not root.is_dir():
        raise IngestError(f"{root}: not a folder")
    found = sources(names) if not verify or names else []
    if not found and not verify:
        raise IngestError("no sources: name files, folders, globs or URLs")
    if verify and not (root / _STATE / "manifest.json").exists():
        raise IngestError(f"{root}: not a dataset of opengovreport.ingest")
    _refuse_foreign(root)
    try:
        (root / _STATE).mkdir(parents=True, exist_ok=True)
        with Lock(root / _STATE):
            return _ingest_held(
                found,
                root,
                client,
                workers,
                partition_size,
                buckets,
                limits or Limits(),
                format,
                progress,
                verify,
                started,
            )
    except LockHeldError as exc:
        raise IngestError(
            f"{root}: another ingest run is writing it ({exc}); one run at a time"
        ) from None
    except OSError as exc:  # this process's own writes: a read-only or full filesystem
        raise IngestError(_os_error(root, exc)) from None


def _os_error(root: Path, exc: OSError) -> str:
    """One line for an ``OSError`` of writing the dataset: the folder, or the file, and why."""
    why = exc.strerror or str(exc)
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return f"{root}: cannot write to it: {why}"
    where = exc.filename if exc.filename is not None else root
    return f"{where}: {why}"


def _ingest_held(
    found: list[str],
    root: Path,
    client: Any,
    workers: int | None,
    partition_size: int,
    buckets: int | None,
    limits: Limits,
    format: str,
    progress: bool,
    verify: bool,
    started: float,
) -> IngestSummary:
    """A run of :func:`ingest`, holding the dataset's lock."""
    count = _manifest(root, buckets, len(found))
    repaired: list[Repair] = []
    state = _standing(root, repaired)
    _clean(root)
    # the files to read again: those of parts damaged, of commits lost, and those whose
    # record is not the one their bucket was written from (a run stopped before it wrote it,
    # or an older record left standing by a commit lost)
    again = _damaged_parts(root, state, verify, repaired)
    recorded = _recorded(root, count)
    lost = sorted(s for s in recorded if s not in state.known)
    if lost:
        repaired.append(Repair("", "uncommitted", "read", len(lost)))
    again.update(lost)
    suspects = {
        s for s, part in recorded.items() if s in state.known and state.known[s].part != part
    }
    named = set(found)
    todo = found + sorted((again | suspects) - named)
    items = [(s, None if s in again else state.known.get(s)) for s in todo]
    run = state.last + 1
    # a run's parts are named after it with randomness: never another run's, nor a stopped one's
    name = f"r{run:06d}-{uuid.uuid4().hex[:12]}"
    own = client is None
    cluster = None
    try:
        if own:
            # the workers are not Ctrl-C's to stop: this process is, and it stops them
            with _interrupts_held():
                distributed = _module("distributed")
                config = _module("dask.config")
                preload = [*config.get("distributed.worker.preload", default=[]), _PRELOAD]
                with config.set(CLUSTER_CONFIG):
                    cluster = distributed.LocalCluster(
                        n_workers=workers or os.cpu_count() or 1,
                        threads_per_worker=1,
                        processes=True,
                        dashboard_address=":0",
                        preload=preload,
                    )
                    client = distributed.Client(cluster)
        tasks = [
            _ReadTask(
                str(root),
                run,
                f"{name}-p{i:06d}",
                count,
                limits,
                format,
                tuple(items[files.start : files.stop]),
            )
            for i, files in enumerate(_partitions(len(items), partition_size, _threads(client)))
        ]
        counts, failed = _read_all(client, tasks, progress)
        state = _standing(root, repaired)
        written = _write_all(client, root, state.known, count, progress, verify, repaired)
    finally:
        if own:
            if client is not None:
                client.close()
            if cluster is not None:
                cluster.close()
    reports, without = _counts(root)
    return IngestSummary(
        root,
        files=len(todo),
        read=counts["read"],
        unchanged=counts["unchanged"],
        failed=failed,
        buckets_written=written,
        buckets=count,
        reports=reports,
        without_report=without,
        seconds=time.monotonic() - started,
        repaired=tuple(repaired),
        verified=verify,
    )


#: the module each worker of a local cluster loads first (:func:`_dask_worker.dask_setup`)
_PRELOAD = "opengovreport._dask_worker"


@contextlib.contextmanager
def _interrupts_held() -> Iterator[None]:
    """SIGINT held back (blocked) while Dask is imported and a local cluster starts: the threads
    made meanwhile, which start the worker processes (and start them again when one dies),
    block it, and so do the workers they start — Ctrl-C on a terminal, sent to every process
    of the terminal's foreground group, reaches this process alone, which stops the run and
    the workers. A Ctrl-C that came meanwhile is delivered here when the cluster is up. (Where
    Dask was imported before, its threads may not block it: the workers then ignore it once
    their preload has run, :mod:`._dask_worker`.)"""
    mask = getattr(signal, "pthread_sigmask", None)
    if mask is None or threading.current_thread() is not threading.main_thread():
        yield
        return
    # multiprocessing's resource tracker, started with the first worker, unblocks SIGINT in
    # the thread that starts it: started now, before the hold
    from multiprocessing import resource_tracker

    resource_tracker.ensure_running()
    previous = mask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        mask(signal.SIG_SETMASK, previous)


def _refuse_foreign(root: Path) -> None:
    """:class:`IngestError` for a folder that holds files and is no dataset: nothing is written
    into it."""
    if (
        root.is_dir()
        and not (root / _STATE / "manifest.json").exists()
        and any(p.name != _STATE for p in root.iterdir())
    ):
        raise IngestError(f"{root}: not empty and not a dataset of opengovreport.ingest")


def _futures(client: Any, fn: Any, tasks: Sequence[Any]) -> list[Any]:
    """A Dask task of ``fn`` for each of ``tasks``: their futures. The scheduler hands them to
    the workers in this order, each the next as one frees (not a bag's: a bag of N partitions
    made 2 N tasks, each partition's data a task of its own before the one that maps it, and
    ran them in the order of its graph, not of the list)."""
    futures: list[Any] = client.map(fn, list(tasks), pure=False)
    return futures


def _threads(client: Any) -> int:
    """The task threads of the cluster's workers (at least one)."""
    threads: dict[str, int] = client.nthreads()
    return max(1, sum(threads.values()))


def _partitions(files: int, size: int, threads: int) -> list[range]:
    """The files of each reading task, in the order they are handed out: ``size`` each, but
    the last ``threads`` × ``size`` or more cut into 2 × ``threads`` smaller ones (never more
    than ``size``), so that the workers end the reading nearly together — the writing waits
    for the last file read, and a worker that ended first would wait for a whole partition of
    another's (on one thread there is no other to wait for)."""
    if threads <= 1:
        return [range(start, min(start + size, files)) for start in range(0, files, size)]
    head = max(0, files - threads * size) // size * size
    out = [range(start, start + size) for start in range(0, head, size)]
    rest = files - head
    pieces = min(rest, 2 * threads)
    for k in range(pieces):  # sizes differ by one at most
        out.append(range(head + rest * k // pieces, head + rest * (k + 1) // pieces))
    return out


def _read_all(client: Any, tasks: list[_ReadTask], progress: bool) -> tuple[dict[str, int], int]:
    """Run the reading tasks. A partition whose task stopped workers is read again a file a
    task; a file whose task stopped workers may only have been beside the one that did (a
    worker runs one task and holds the next), so it is read once more alone on the cluster,
    and recorded as failed if it stops workers so."""
    counts = {"read": 0, "unchanged": 0}
    failed = 0
    if not tasks:
        return counts, failed
    with Progress(sum(len(t.items) for t in tasks), "files", enabled=progress) as shown:
        retry = _run(client, tasks, counts, shown)
        singles = [
            attrs.evolve(task, part=f"{task.part}-f{j:06d}", items=(item,))
            for task in retry
            for j, item in enumerate(task.items)
        ]
        suspects = _run(client, singles, counts, shown) if singles else []
        for task in suspects:
            if _run(client, [task], counts, shown):
                _record_killed(task)
                failed += 1
                shown.advance()
    return counts, failed


def _run(
    client: Any, tasks: list[_ReadTask], counts: dict[str, int], shown: Progress
) -> list[_ReadTask]:
    """Run reading tasks, adding up what they did to ``counts``; those that stopped workers."""
    as_completed = _module("distributed").as_completed
    futures = _futures(client, _read_partition, tasks)
    owner = {f.key: t for f, t in zip(futures, tasks, strict=True)}
    killed = []
    for future in as_completed(futures):
        task = owner[future.key]
        if _killed(future):
            killed.append(task)
            continue
        result = future.result()
        for k in counts:
            counts[k] += result[k]
        shown.advance(len(task.items))
    return killed


def _killed(future: Any) -> bool:
    """Whether the task stopped its workers. Any other error (``out`` not writable, a full
    disk) stops the run: what was committed stays, and the next run goes on from there."""
    if future.status != "error":
        return False
    exc = future.exception()
    if isinstance(exc, _module("distributed").KilledWorker):
        return True
    raise IngestError(f"a reading task failed: {said(exc)}") from exc


def _record_killed(task: _ReadTask) -> None:
    (source, _known) = task.items[0]
    try:
        stamp = _stamp(source)
    except Exception:  # any filesystem's error: no stamp, read again next run
        stamp = ""
    entry = Entry.failed(source, Reason.of("dask-killed"))
    bucket = _bucket(source, task.buckets)
    record = _record(source, "", stamp, entry)
    commit = _commit(source, "", stamp, task.part, bucket, task.run)
    _commit_part(Path(task.out), task.part, {bucket: [(record, None)]}, [commit])


def _write_all(
    client: Any,
    out: Path,
    known: dict[str, _Known],
    buckets: int,
    progress: bool,
    full: bool,
    repaired: list[Repair],
) -> int:
    """Write the buckets whose records changed, and those whose files are not what was written
    (missing, changed, a file of the bucket that is not one of them: saying so in
    ``repaired``); how many. ``full``: every checksum checked, every file read."""
    by_bucket: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for source, k in known.items():
        by_bucket[k.bucket].append((source, k.part))
    present: dict[int, set[str]] = defaultdict(set)
    for dataset in DATASETS:
        for path in (out / dataset).glob("**/bucket-*.parquet"):
            number = path.stem.removeprefix("bucket-")
            if number.isdigit():
                present[int(number)].add(_rel(out, path))
    tasks = []
    for bucket in range(buckets):
        records = by_bucket.get(bucket, [])
        if not records:
            _clear_bucket(out, bucket)
            continue
        fingerprint = _fingerprint(records)
        done = _done(out, bucket)
        if done is not None and done["fingerprint"] == fingerprint:
            wrong = {
                rel: _check_file(out / rel, written, full) for rel, written in done["files"].items()
            }
            wrong.update((rel, "stray") for rel in present[bucket] - done["files"].keys())
            found = sorted((rel, what) for rel, what in wrong.items() if what is not None)
            if not found:
                continue
            repaired.extend(Repair(rel, what, "written", bucket) for rel, what in found)
        tasks.append(_BucketTask(str(out), bucket, tuple(sorted(records)), fingerprint))
    if tasks:
        as_completed = _module("distributed").as_completed
        errors = []
        # the largest buckets first: a worker that frees takes the largest left, and the last
        # ones, which the run waits for, are the smallest
        tasks.sort(key=lambda task: -len(task.records))
        with Progress(len(tasks), "buckets", enabled=progress) as shown:
            futures = _futures(client, _write_bucket, tasks)
            owner = {f.key: t for f, t in zip(futures, tasks, strict=True)}
            for future in as_completed(futures):
                if future.status == "error":
                    exc = future.exception()
                    errors.append(f"bucket {owner[future.key].bucket}: {said(exc)}")
                shown.advance()
        if errors:
            raise IngestError("; ".join(sorted(errors)))
    return len(tasks)


def _counts(out: Path) -> tuple[int, int]:
    """(reports, files without a report) in the dataset."""
    import pyarrow.parquet as pq

    reports = sum(pq.read_metadata(p).num_rows for p in (out / "wide").glob("*.parquet"))
    files = sum(pq.read_metadata(p).num_rows for p in (out / "files").glob("*.parquet"))
    return reports, files - reports


# reading a dataset back -----------------------------------------------------------------------


def from_parquet(
    out: str | os.PathLike[str],
    *,
    agencies: Iterable[str] | None = None,
    years: Iterable[int] | None = None,
) -> Corpus:
    """The :class:`~opengovreport.Corpus` of a dataset :func:`ingest` wrote — or of the
    reports of some ``agencies`` and ``years`` in it (the whole of a nation's reports may not
    fit in memory; its frames are in ``out/wide``, ``out/cells`` … for pandas or DuckDB)."""
    root = Path(out)
    if not (root / _STATE / "manifest.json").exists():
        raise IngestError(f"{root}: not a dataset of opengovreport.ingest")
    return Corpus.from_parquet(root, agencies=agencies, years=years)


def read_frame(out: str | os.PathLike[str], dataset: str) -> pd.DataFrame:
    """One dataset of ``out`` as a pandas frame (``files``, ``wide``, ``cells``, ``indicators``,
    ``findings``), whole: for a dataset larger than memory, read it with filters, or with
    ``dask.dataframe.read_parquet``."""
    import pandas as pd

    if dataset not in DATASETS:
        raise IngestError(f"no dataset {dataset!r}; datasets: {', '.join(DATASETS)}")
    folder = Path(out) / dataset
    if not any(folder.glob("**/*.parquet")):
        raise IngestError(f"{folder}: no Parquet files")
    frame: pd.DataFrame = pd.read_parquet(folder)
    return frame
