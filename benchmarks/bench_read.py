"""Reading files: PDF reports a second on one core, on the fast path and on each fallback, against
bare pypdfium2 text extraction of the same file in the same run; and Word documents and web pages.

The PDF is the published report shipped as an example (淮安市洪泽区人民政府 on 2024, 5 pages).
Goals: 60 or more such reports a second on the fast path; ``read()`` at most 1.5 × the bare
extraction (which is what any reader of PDF text pays).

    python benchmarks/bench_read.py
    python benchmarks/bench_read.py --seconds 0.2     # a quick run
"""

import argparse
import platform
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import per_call, per_call_each

import opengovreport as ogr
from opengovreport import examples
from opengovreport.reading import _pdf
from opengovreport.reading._lines import read_text


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


def _through(extract: Callable[[bytes], str], data: bytes) -> Callable[[], None]:
    """A fallback reader's whole path: its text, then the parse (as read() does after
    pypdfium2's text failed)."""

    def run() -> None:
        ogr.reading.from_document(read_text(extract(data)), "pdf", "fallback")

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time per figure (default 3)")
    args = parser.parse_args()
    data = examples.path("hongze-quzhengfu-2024.pdf").read_bytes()
    print(f"machine: {platform.machine()}, Python {platform.python_version()}, one core")

    def timed(fn: Callable[[], None]) -> float:
        fn()  # imports and caches warmed
        number = max(3, int(args.seconds / max(1e-4, per_call(fn, 2))))
        return per_call(fn, number)

    bare_fn, fast_fn = _bare(data), lambda: ogr.read(data)
    bare_fn(), fast_fn()
    number = max(3, int(args.seconds / 2 / max(1e-4, per_call(fast_fn, 2))))
    # interleaved, so that a change in the machine's pace shifts both alike
    bare, fast = per_call_each([bare_fn, fast_fn], number)
    print(f"bare pypdfium2 text, 5 pages:        {bare * 1e3:6.2f} ms  ({1 / bare:5.0f} a second)")
    print(
        f"read() of the PDF (pypdfium2 path):  {fast * 1e3:6.2f} ms  ({1 / fast:5.0f} a second)"
        f"  ratio read/bare: {fast / bare:.2f}"
    )
    print("goal: ≥ 60 reports a second on the fast path; read/bare ≤ 1.5")
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
