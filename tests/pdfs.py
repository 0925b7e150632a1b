"""PDFs for the reader's tests: printed by Chromium from a web page, or made by hand — blank
pages, a scan (an image, no text), and a decompression bomb, made in milliseconds, whatever they
inflate to."""

import shutil
import subprocess
import zlib
from pathlib import Path

#: Debian's Chromium, which prints a page as a PDF the way a browser's "save as PDF" does
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def print_pdf(page: Path, pdf: Path) -> None:
    """The web page ``page`` printed to ``pdf`` by headless Chromium (its profile beside the
    page)."""
    assert CHROMIUM is not None, "chromium is required"
    done = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--user-data-dir={page.parent / '.profile'}",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]


def pdf(objects: list[bytes]) -> bytes:
    """A PDF of ``objects`` (numbered from 1; object 1 is the catalog), with its xref table."""
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def pages(count: int, content: bytes = b"") -> bytes:
    """``count`` pages sharing one content stream (blank by default)."""
    first_page = 4
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
        _stream(content),
    ]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>"
    objects += [page] * count
    return pdf(objects)


def scan() -> bytes:
    """One page that is an image and nothing else: a scan without a text layer."""
    pixels = bytes(range(256)) * 16
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /XObject << /Im0 5 0 R >> >> >>",
            _stream(b"q 595 0 0 842 0 0 cm /Im0 Do Q"),
            _stream(
                pixels,
                b"/Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray "
                b"/BitsPerComponent 8 ",
            ),
        ]
    )


def bomb(gigabytes: int = 2) -> bytes:
    """One page whose content stream inflates to ``gigabytes`` GB of zeros: deflate blocks of
    16 MB of zeros, each after a full flush and so the same bytes, repeated."""
    chunk = b"\0" * (16 << 20)
    compressor = zlib.compressobj(9)
    head = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    middle = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = compressor.flush()
    repeats = gigabytes * 64 - 1
    data = head + middle * repeats + tail
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            _stream(data, b"/Filter /FlateDecode "),
        ]
    )
