"""Reading files: PDF reports a second on one core, on the fast path and on each fallback, against
bare pypdfium2 text extraction of the same file in the same run; and Word documents and web pages.

The PDF is the published report shipped as an example (淮安市洪泽区人民政府 on 2024, 5 pages).
Goals: 60 or more such reports a second on the fast path; ``read()`` at most 1.5 × the bare
extraction (which is what any reader of PDF text pays). The bare extraction runs in this
process under the C heap the PDF worker keeps (``_pdfheap.steady_heap``): with glibc's
defaults this process took its pages from the system again 80–370 times a bare extraction
(0.4–0.8 ms of system time: a yardstick heavier by chance) where the worker takes about one.
The cost of reading in a worker process (the guard against bombs and crashes) is the worker's
whole call against the same reading in this process. Where Chromium is installed, a report
printed with a 700 × 700 seal and an embedded CJK font is read against the same report printed
without them (goal: ≤ 2 ×).

    python benchmarks/bench_read.py
    python benchmarks/bench_read.py --seconds 0.2     # a quick run
"""

import argparse
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))  # tests.pdfs prints PDFs

from _timing import per_call, per_call_each, ratio

import opengovreport as ogr
from opengovreport import examples
from opengovreport.reading import _pdf, _pdfheap, _pdfworker
from opengovreport.reading._lines import read_text
from opengovreport.reading._parse import from_document


def _cpu_with_worker() -> float:
    """CPU seconds of this process and of the PDF worker it has now (the kernel's count of
    its time on a core, in nanoseconds: ``/proc/PID/schedstat``)."""
    worker = _pdfworker._worker
    if worker is None:
        return time.process_time()
    with open(f"/proc/{worker.process.pid}/schedstat", "rb") as file:
        return time.process_time() + int(file.read().split()[0]) / 1e9


def _bare(data: bytes) -> Callable[[], None]:
    """pypdfium2's text of every page, and nothing else: the yardstick."""
    import pypdfium2

    def run() -> None:
        pdf = pypdfium2.PdfDocument(data)
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
        pdf.close()

    return run


def _in_process(data: bytes) -> Callable[[], None]:
    """What the worker process does for ``read()``, done in this process."""

    def run() -> None:
        pdf = _pdf.open_pdf(data)
        try:
            _pdf.pdfium_text(pdf)
        finally:
            pdf.close()

    return run


def _in_worker(data: bytes) -> Callable[[], None]:
    """The same in the worker process: the request, the reading, the answer."""
    limits = ogr.Limits()

    def run() -> None:
        _pdfworker.pdfium(data, pages=limits.pages, memory=limits.inflated, deadline=None)

    return run


def _sealed(seconds: float) -> None:
    """A report printed with and without a seal and an embedded CJK font, each read."""
    from tests import pdfs

    if pdfs.CHROMIUM is None:
        print("sealed report: Chromium is not installed, not measured")
        return
    report = examples.load("synthetic-2021")
    with tempfile.TemporaryDirectory() as folder:
        plain = pdfs.printed(report, Path(folder)).read_bytes()
        sealed = pdfs.printed_with_seal(report, Path(folder)).read_bytes()
    fns = [lambda: ogr.read(plain), lambda: ogr.read(sealed)]
    for fn in fns:
        assert fn().status is ogr.ReadStatus.OK
    number = max(3, int(seconds / 2 / max(1e-4, per_call(fns[1], 2))))
    took = per_call_each(fns, number)
    print(
        f"read() of a printed report: {took[0] * 1e3:6.2f} ms ({len(plain) // 1024} KB); "
        f"with a seal and an embedded CJK font: {took[1] * 1e3:6.2f} ms ({len(sealed) // 1024} KB)"
        f"  ratio: {took[1] / took[0]:.2f} (goal ≤ 2)"
    )


def _through(extract: Callable[[bytes], str], data: bytes) -> Callable[[], None]:
    """A fallback reader's whole path: its text, then the parse (as read() does after
    pypdfium2's text failed)."""

    def run() -> None:
        from_document(read_text(extract(data)), "pdf", "fallback")

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time per figure (default 3)")
    args = parser.parse_args()
    data = examples.path("hongze-quzhengfu-2024.pdf").read_bytes()
    steady = _pdfheap.steady_heap()  # bare pypdfium2 on the heap pdfium has in the worker
    print(f"machine: {platform.machine()}, Python {platform.python_version()}, one core")
    print(f"this process's C heap kept between files as the worker's: {'yes' if steady else 'no'}")

    def timed(fn: Callable[[], None]) -> float:
        fn()  # imports and caches warmed
        number = max(3, int(args.seconds / max(1e-4, per_call(fn, 2))))
        return per_call(fn, number)

    bare_fn, fast_fn = _bare(data), lambda: ogr.read(data)
    bare_fn(), fast_fn()
    # timed in turn in the same rounds, the ratio taken round by round (benchmarks/README.md):
    # on the clock, and in CPU seconds of this process and the worker's (no wait for a core)
    wall = ratio(fast_fn, bare_fn, args.seconds)
    cpu = ratio(fast_fn, bare_fn, args.seconds, clock=_cpu_with_worker)
    bare, fast = wall.yardstick, wall.best
    print(f"bare pypdfium2 text, 5 pages:        {bare * 1e3:6.2f} ms  ({1 / bare:5.0f} a second)")
    print(f"read() of the PDF (pypdfium2 path):  {fast * 1e3:6.2f} ms  ({1 / fast:5.0f} a second)")
    print(f"ratio read/bare: {wall}")
    print(
        f"in CPU seconds (this process and the worker): bare {cpu.yardstick * 1e3:.2f} ms,"
        f" read() {cpu.best * 1e3:.2f} ms; ratio read/bare: {cpu}"
    )
    print("goal: ≥ 60 reports a second on the fast path; read/bare ≤ 1.5")
    number = max(3, int(args.seconds / 2 / max(1e-4, per_call(fast_fn, 2))))
    here, there = per_call_each([_in_process(data), _in_worker(data)], number)
    print(
        f"pdfium's reading in this process:    {here * 1e3:6.2f} ms; in the worker process: "
        f"{there * 1e3:6.2f} ms  (the worker's cost: {(there - here) * 1e3:.2f} ms, "
        f"{there / here:.2f} ×)"
    )
    _sealed(args.seconds)
    fallbacks = [("pdfplumber", _pdf.pdfplumber_text)]
    if _pdf.pdftotext_available():
        fallbacks.insert(0, ("pdftotext -layout", _pdf.pdftotext_text))
    for name, extract in fallbacks:
        took = timed(_through(extract, data))
        print(
            f"fallback {name + ':':24} {took * 1e3:7.2f} ms  ({1 / took:5.1f} a second)"
            f"  ratio to bare: {took / bare:.1f}"
        )
    report = examples.load("synthetic-2021")
    docx = report.to_docx()
    took = timed(lambda: ogr.read(docx))
    print(f"read() of a Word document:           {took * 1e3:6.2f} ms  ({1 / took:5.0f} a second)")
    page = report.to_html(standalone=True).replace("utf-8", "gbk").encode("gbk")
    took = timed(lambda: ogr.read(page))
    print(f"read() of a web page in GBK:         {took * 1e3:6.2f} ms  ({1 / took:5.0f} a second)")


if __name__ == "__main__":
    main()
