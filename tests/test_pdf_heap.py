"""The PDF worker's C heap is kept between files (glibc's ``mallopt``): with glibc's defaults
the memory freed at a heap's top goes back to the system at once and is taken again, page by
page, by the next file — about a hundred page faults a reading of the packaged PDF in one
worker, none in the next, by chance of where its heap stood."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

import opengovreport as ogr
from opengovreport import examples
from opengovreport.reading import _pdfworker

linux_glibc = pytest.mark.skipif(
    not sys.platform.startswith("linux") or os.confstr("CS_GNU_LIBC_VERSION") is None,
    reason="glibc's heap, /proc",
)

#: 16 MB in blocks of 64 kB (each under glibc's threshold for a mapping of its own) taken,
#: written, freed, ten times; the page faults of the last nine printed
_CYCLES = """
import ctypes, resource, sys
from opengovreport.reading._pdfheap import steady_heap
if sys.argv[1] == "steady":
    assert steady_heap()
libc = ctypes.CDLL(None)
libc.malloc.restype = ctypes.c_void_p
libc.free.argtypes = [ctypes.c_void_p]
def cycle():
    blocks = [libc.malloc(1 << 16) for _ in range(256)]
    for block in blocks:
        ctypes.memset(block, 1, 1 << 16)
    for block in reversed(blocks):
        libc.free(block)
cycle()
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(9):
    cycle()
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


def _faults(mode: str) -> int:
    src = str(Path(_pdfworker.__file__).resolve().parents[2])
    env = dict(os.environ, PYTHONPATH=src)
    done = subprocess.run(
        [sys.executable, "-c", _CYCLES, mode],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    return int(done.stdout)


@linux_glibc
def test_a_steady_heap_takes_no_pages_again_for_memory_it_freed() -> None:
    # glibc's defaults give the 16 MB back each time and fault them in again (4,096 pages a
    # cycle); kept, the same memory is used again
    assert _faults("default") > 9 * 2_000
    assert _faults("steady") < 9 * 50


@linux_glibc
def test_the_worker_reads_the_same_pdf_again_without_taking_pages_again() -> None:
    data = examples.path("hongze-quzhengfu-2024.pdf").read_bytes()
    for _ in range(3):
        assert ogr.read(data).status is ogr.ReadStatus.OK
    worker = _pdfworker._worker
    assert worker is not None

    def faults() -> int:
        with open(f"/proc/{worker.process.pid}/stat") as file:
            return int(file.read().rsplit(")", 1)[1].split()[7])

    before = faults()
    for _ in range(20):
        ogr.read(data)
    assert _pdfworker._worker is worker
    assert (faults() - before) / 20 < 20  # about one a reading (a hundred, or none, before)
