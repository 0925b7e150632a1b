"""PDFs are read by pdfium in a worker process, under a memory and a time limit: a PDF as
published (seal, embedded fonts, object streams, incremental updates, an owner password) reads
as printed, and no PDF — a decompression bomb in any of its forms, one that takes too long —
can stop, stall or crash the process that reads it, from any thread."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import opengovreport as ogr
from opengovreport import examples
from opengovreport.reading import _pdfworker

from . import pdfs

SYNTHETIC = examples.load("synthetic-2021")
HONGZE = examples.path("hongze-quzhengfu-2024.pdf")
needs_chromium = pytest.mark.skipif(
    pdfs.CHROMIUM is None and not os.environ.get("CI"), reason="needs chromium"
)


def _script(body: str, *args: str, timeout: float = 300) -> object:
    """What the Python code ``body`` prints as JSON, run in a fresh process (``sys.argv[1:]``:
    ``args``)."""
    root = str(Path(__file__).resolve().parent.parent)
    code = f"import sys\nsys.path.insert(0, {root!r})\n" + body
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, (done.returncode, done.stderr[-3000:])
    return json.loads(done.stdout)


# --- as published -------------------------------------------------------------------------------


@pytest.mark.slow
@needs_chromium
def test_a_report_with_a_seal_and_an_embedded_cjk_font_reads_as_without(tmp_path: Path) -> None:
    plain = pdfs.printed(SYNTHETIC, tmp_path)
    sealed = pdfs.printed_with_seal(SYNTHETIC, tmp_path)
    data = sealed.read_bytes()
    # as most published reports: more than 254 KB of deflated streams, and one (the seal)
    # that inflates past a megabyte; the Chinese text in a CJK font embedded in the file
    assert len(data) > plain.stat().st_size + 400_000
    assert b"/FontFile2" in data
    assert b"WenQuanYi" in data or b"Zen" in data
    expected = ogr.read(plain)
    limits = ogr.Limits(seconds=30)  # the scan that spun on it took the whole budget
    for form in (data, pdfs.with_object_streams(data), pdfs.updated(data), pdfs.encrypted(data)):
        result = ogr.read(form, limits=limits)
        assert result.status is ogr.ReadStatus.OK, result.reason
        assert result.report == expected.report == SYNTHETIC
        assert result.reader == "pypdfium2"


def test_the_published_forms_of_a_pdf_read_as_it() -> None:
    data = HONGZE.read_bytes()
    expected = ogr.read(data)
    assert expected.status is ogr.ReadStatus.OK
    for form in (pdfs.with_object_streams(data), pdfs.updated(data), pdfs.encrypted(data)):
        result = ogr.read(form)
        assert (result.status, result.report) == (expected.status, expected.report)
        assert result.diagnostics == expected.diagnostics


# --- hostile PDFs -------------------------------------------------------------------------------

_BOMBS = """
import json, resource, time
from tests import pdfs
cap = 3 * 2**30  # the process's memory capped: a bomb inflated here would abort it
resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
import opengovreport as ogr
out = []
cases = [(form, pdfs.bomb_form(form)) for form in pdfs.BOMB_FORMS]
cases += [("deflate", pdfs.bomb(2)), ("lzw", pdfs.lzw_bomb(2))]
for name, data in cases:
    start = time.monotonic()
    result = ogr.read(data)
    out.append([name, result.status.value, result.reason, time.monotonic() - start])
# what this process held at its peak (VmHWM: ru_maxrss counts what the process that started
# it held): the bombs were inflated elsewhere
status = open("/proc/self/status").read()
peak = int(status.split("VmHWM:")[1].split()[0]) * 1024
after = ogr.read(open(sys.argv[1], "rb").read())
print(json.dumps({"bombs": out, "peak": peak, "after": after.status.value}))
"""


@pytest.mark.slow
def test_every_form_of_a_decompression_bomb_is_unreadable_under_a_memory_cap() -> None:
    found = _script(_BOMBS, str(HONGZE))
    assert isinstance(found, dict)
    names = [name for name, *_ in found["bombs"]]
    assert names == [*pdfs.BOMB_FORMS, "deflate", "lzw"]
    for name, status, reason, seconds in found["bombs"]:
        assert status == "unreadable", (name, reason)
        assert reason == (
            "reading it takes more than 256 MB of memory (a decompression bomb?); "
            "the limit is Limits.inflated"
        ), name
        assert seconds < 10, (name, seconds)
    assert found["peak"] < 300 * 2**20  # a bomb of 2 GB each; this process held their files
    assert found["after"] == "ok"  # and the next PDF reads as ever


def test_a_pdf_past_its_time_budget_is_stopped_and_the_next_reads() -> None:
    # an LZW bomb allowed its memory takes seconds to inflate: stopped at its deadline
    start = time.monotonic()
    result = ogr.read(pdfs.lzw_bomb(2), limits=ogr.Limits(inflated=8 * 2**30, seconds=0.3))
    assert time.monotonic() - start < 5
    assert (result.status, result.reason) == (
        ogr.ReadStatus.UNREADABLE,
        "took longer than its time budget",
    )
    assert ogr.read(HONGZE).status is ogr.ReadStatus.OK


def test_a_worker_that_died_between_files_is_replaced() -> None:
    assert ogr.read(HONGZE).status is ogr.ReadStatus.OK
    worker = _pdfworker._worker
    assert worker is not None
    os.kill(worker.process.pid, signal.SIGKILL)
    worker.process.wait()
    assert ogr.read(HONGZE).status is ogr.ReadStatus.OK
    assert _pdfworker._worker is not worker


def test_a_reader_that_crashes_is_the_files_status() -> None:
    import threading

    assert ogr.read(HONGZE).status is ogr.ReadStatus.OK  # the worker started
    worker = _pdfworker._worker
    assert worker is not None
    found: list[ogr.ParseResult] = []
    slow = pdfs.lzw_bomb(2)  # allowed its memory, it takes seconds to inflate
    limits = ogr.Limits(inflated=8 * 2**30, seconds=60)
    reading = threading.Thread(target=lambda: found.append(ogr.read(slow, limits=limits)))
    reading.start()
    time.sleep(0.3)
    os.kill(worker.process.pid, signal.SIGSEGV)  # as pdfium would on a damaged file
    reading.join()
    assert found[0].status is ogr.ReadStatus.UNREADABLE
    assert found[0].reason == "its PDF reader crashed on it (SIGSEGV): a damaged file?"
    assert ogr.read(HONGZE).status is ogr.ReadStatus.OK


def test_a_reader_that_needs_more_memory_than_allowed_says_so() -> None:
    result = ogr.read(pdfs.bomb(1), limits=ogr.Limits(inflated=64 * 2**20))
    assert result.status is ogr.ReadStatus.UNREADABLE
    assert result.reason == (
        "reading it takes more than 64 MB of memory (a decompression bomb?); "
        "the limit is Limits.inflated"
    )


# --- threads ------------------------------------------------------------------------------------

_THREADS = """
import json, threading
import opengovreport as ogr
from tests import pdfs
files = [open(name, "rb").read() for name in sys.argv[1:]]
files += [pdfs.scan(), pdfs.pages(2), b"%PDF-1.4 damaged"]

def outcome(data):
    r = ogr.read(data)
    report = ogr.dumps(r.found) if r.found is not None else None
    return [r.status.value, r.reader, r.reason, report, [str(d) for d in r.diagnostics]]

one = [outcome(data) for data in files]
results = [[] for _ in range(8)]
barrier = threading.Barrier(8)

def run(i):
    barrier.wait()
    for round in range(20):
        for data in files[i % len(files):] + files[: i % len(files)]:
            results[i].append((files.index(data), outcome(data)))

threads = [threading.Thread(target=run, args=(i,)) for i in range(8)]
for t in threads: t.start()
for t in threads: t.join()
print(json.dumps({"one": one, "many": results}))
"""


@pytest.mark.slow
def test_pdfs_read_from_eight_threads_give_what_one_thread_gives(tmp_path: Path) -> None:
    paths = [HONGZE]
    if pdfs.CHROMIUM is not None:
        paths.append(pdfs.printed(SYNTHETIC, tmp_path))
    found = _script(_THREADS, *map(str, paths), timeout=600)
    assert isinstance(found, dict)
    one = found["one"]
    assert one[0][0] == "ok"
    from opengovreport.reading import _ocr

    scanned = "not_a_report" if _ocr.available() else "needs_ocr"  # a picture of no report
    assert [o[0] for o in one[-3:]] == [scanned, "not_a_report", "unreadable"]
    for thread in found["many"]:
        assert len(thread) == 20 * len(one)
        for index, outcome in thread:
            assert outcome == one[index]
