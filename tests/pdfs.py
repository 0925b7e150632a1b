"""PDFs for the reader's tests: printed by Chromium from a web page, or made by hand — blank
pages, a scan (an image, no text), and a decompression bomb, made in milliseconds, whatever they
inflate to."""

import base64
import shutil
import subprocess
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: Debian's Chromium, which prints a page as a PDF the way a browser's "save as PDF" does
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
#: LibreOffice, which prints a Word document as offices do
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice_pdf(document: Path, folder: Path) -> Path:
    """The PDF LibreOffice prints of the Word document ``document``, in ``folder`` (its profile
    there too)."""
    assert SOFFICE is not None, "LibreOffice is required under CI (libreoffice-writer-nogui)"
    done = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{folder / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(document),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return folder / f"{document.stem}.pdf"


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


def printed_page(html: str, folder: Path, name: str = "page") -> Path:
    """The web page ``html`` written to ``folder/name.html`` and printed to ``folder/name.pdf``
    by headless Chromium."""
    page = folder / f"{name}.html"
    page.write_text(html, encoding="utf-8")
    out = folder / f"{name}.pdf"
    print_pdf(page, out)
    return out


def printed(report: Any, folder: Path, name: str = "report") -> Path:
    """``report`` (an ``ogr.Report``) as its standalone web page printed to
    ``folder/name.pdf`` by headless Chromium."""
    return printed_page(report.to_html(standalone=True), folder, name)


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


def page(content: bytes, filters: tuple[str, ...] = ()) -> bytes:
    """One page whose content stream is ``content``, already encoded by ``filters`` (PDF's
    names, applied in order when the page is read), with Helvetica as /F1."""
    names = b" ".join(b"/" + f.encode() for f in filters)
    extra = b"/Filter [%s] " % names if filters else b""
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            _stream(content, extra),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def lzw_pack(codes: list[int]) -> bytes:
    """LZW codes as a PDF's LZWDecode filter reads them: from a fresh table (9 bits), each code
    as wide as the decoder's table then needs (one code early: /EarlyChange 1), a clear-table
    code (256) starting afresh; the last byte padded with zero bits."""
    width = 9
    out = 0
    total = 0
    entries = 258
    first = True
    for code in codes:
        out = (out << width) | code
        total += width
        if code == 256:
            width, entries, first = 9, 258, True
            continue
        if not first and entries < 4096:
            entries += 1  # the decoder adds an entry at each code but the first after a clear
        first = False
        if entries + 1 >= 1 << width and width < 12:
            width += 1
    pad = -total % 8
    return (out << pad).to_bytes((total + pad) // 8, "big")


def lzw(data: bytes) -> bytes:
    """``data`` LZW-encoded for a PDF's LZWDecode filter: a clear-table code first, a new one
    whenever the table fills, the end-of-data code (257) last."""
    codes = [256]
    table = {bytes([i]): i for i in range(256)}
    current = b""
    for byte in data:
        grown = current + bytes([byte])
        if grown in table:
            current = grown
            continue
        codes.append(table[current])
        if len(table) + 2 < 4094:  # 256 and 257 are not in the dictionary
            table[grown] = len(table) + 2
        else:
            codes.append(256)
            table = {bytes([i]): i for i in range(256)}
        current = bytes([byte])
    if current:
        codes.append(table[current])
    codes.append(257)
    return lzw_pack(codes)


def run_length(data: bytes) -> bytes:
    """``data`` for RunLengthDecode: runs of a byte as (257 − n, byte), the rest literally."""
    out = bytearray()
    at = 0
    while at < len(data):
        run = 1
        while at + run < len(data) and run < 128 and data[at + run] == data[at]:
            run += 1
        if run > 1:
            out += bytes([257 - run, data[at]])
        else:
            literal = data[at : at + 1]
            out += bytes([0]) + literal
        at += run
    return bytes(out + b"\x80")


#: each filter's encoder, by its name in a PDF
ENCODERS: dict[str, Callable[[bytes], bytes]] = {
    "FlateDecode": zlib.compress,
    "LZWDecode": lzw,
    "RunLengthDecode": run_length,
    "ASCIIHexDecode": lambda data: data.hex().encode() + b">",
    "ASCII85Decode": lambda data: base64.a85encode(data, wrapcol=72) + b"~>",
}


def encode(data: bytes, filters: tuple[str, ...]) -> bytes:
    """``data`` encoded so that ``filters``, applied in order, decode it."""
    for name in reversed(filters):
        data = ENCODERS[name](data)
    return data


def lzw_bomb(gigabytes: int = 2) -> bytes:
    """A page whose content stream, LZW-encoded, decodes to ``gigabytes`` GB of zeros: a
    table's worth of codes, each one byte longer than the one before (0, 258, 259 … 4094),
    then a clear-table code, repeated. Eight such runs end on a byte boundary, so that their
    bytes can be repeated as they are."""
    run = [0, *range(258, 4095), 256]
    per_run = 1 + sum(range(2, 4095 - 256))  # bytes a run decodes to
    eight = lzw_pack(run * 8)
    data = eight * (gigabytes * 2**30 // (per_run * 8) + 1) + lzw_pack([257])
    return page(data, ("LZWDecode",))


def run_length_bomb(gigabytes: int = 1) -> bytes:
    """A page whose content stream decodes to ``gigabytes`` GB through RunLengthDecode: 128
    zeros from every two bytes."""
    return page(b"\x81\x00" * (gigabytes * 2**30 // 128) + b"\x80", ("RunLengthDecode",))


def _zeros_deflated(gigabytes: int) -> bytes:
    """``gigabytes`` GB of zeros deflated: blocks of 16 MB of zeros, each after a full flush
    and so the same bytes, repeated."""
    chunk = b"\0" * (16 << 20)
    compressor = zlib.compressobj(9)
    head = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    middle = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = compressor.flush()
    return head + middle * (gigabytes * 64 - 1) + tail


def bomb(gigabytes: int = 2, filters: tuple[str, ...] = ("FlateDecode",)) -> bytes:
    """A page whose content stream inflates to ``gigabytes`` GB of zeros through deflate, last
    of ``filters`` (the others encode the deflated bytes: ASCII85Decode before it, say)."""
    *before, last = filters
    assert last == "FlateDecode"
    return page(encode(_zeros_deflated(gigabytes), tuple(before)), filters)


def font_without_box() -> bytes:
    """A page in a TrueType font whose descriptor has no /FontBBox: pdfminer warns about it."""
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            _stream(b"BT /F1 24 Tf 72 720 Td (Hello) Tj ET"),
            b"<< /Type /Font /Subtype /TrueType /BaseFont /Foo /FirstChar 32 /LastChar 126 "
            b"/FontDescriptor 6 0 R >>",
            b"<< /Type /FontDescriptor /FontName /Foo /Flags 32 >>",
        ]
    )


def _catalog_and_page(contents: bytes) -> list[bytes]:
    """Objects 1–3: the catalog, the pages, one page whose content stream is ``contents``
    (a reference)."""
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %s >>" % contents,
    ]


def _xref_stream_pdf(
    objects: dict[int, bytes], packed: dict[int, tuple[int, int]], root: int = 1
) -> bytes:
    """A PDF 1.5 of ``objects`` (number → body) and objects ``packed`` in object streams
    (number → (the object stream's number, the index in it)), with a cross-reference stream;
    ``root``: the catalog's number."""
    out = b"%PDF-1.5\n"
    offsets = {}
    for number, body in sorted(objects.items()):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    size = max([*objects, *packed]) + 2
    xref = size - 1
    offsets[xref] = len(out)
    rows = b""
    for number in range(size):
        if number in offsets:
            rows += b"\x01" + offsets[number].to_bytes(4, "big") + b"\x00\x00"
        elif number in packed:
            stream, index = packed[number]
            rows += b"\x02" + stream.to_bytes(4, "big") + index.to_bytes(2, "big")
        else:
            rows += b"\x00\x00\x00\x00\x00\xff\xff"
    out += b"%d 0 obj\n" % xref
    out += b"<< /Type /XRef /Size %d /W [1 4 2] /Root %d 0 R /Length %d >>\nstream\n" % (
        size,
        root,
        len(rows),
    )
    out += rows + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % offsets[xref]
    return out


def encrypted(data: bytes) -> bytes:
    """``data`` (a PDF) as published with an owner password only (RC4, 128 bits): anyone may
    open it and read its text, no password asked."""
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def with_object_streams(data: bytes) -> bytes:
    """``data`` (a PDF) written again as PDF 1.5 writers do: every object but the streams in
    one deflated object stream, found through a cross-reference stream."""
    import io

    from pypdf import PdfReader
    from pypdf.generic import IndirectObject, StreamObject

    reader = PdfReader(io.BytesIO(data))
    objects: dict[int, bytes] = {}
    bodies: list[tuple[int, bytes]] = []
    for number in range(1, int(reader.trailer["/Size"])):  # type: ignore[call-overload]
        found = reader.get_object(IndirectObject(number, 0, reader))
        if found is None:
            continue
        body = io.BytesIO()
        found.write_to_stream(body)
        if isinstance(found, StreamObject):
            objects[number] = body.getvalue()
        else:
            bodies.append((number, body.getvalue()))
    stream = max([*objects, *(n for n, _b in bodies)]) + 1
    head = b" ".join(
        b"%d %d" % (n, sum(len(b) + 1 for _n, b in bodies[:i])) for i, (n, _b) in enumerate(bodies)
    )
    packed = zlib.compress(head + b"\n" + b"\n".join(b for _n, b in bodies) + b"\n")
    objects[stream] = (
        b"<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
        % (len(bodies), len(head) + 1, len(packed))
        + packed
        + b"\nendstream"
    )
    root = reader.trailer.raw_get("/Root").idnum
    return _xref_stream_pdf(objects, {n: (stream, i) for i, (n, _b) in enumerate(bodies)}, root)


def updated(data: bytes) -> bytes:
    """``data`` (a PDF) with an incremental update appended (a new title, its own
    cross-reference section), as a PDF edited after it was printed."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter(io.BytesIO(data), incremental=True)
    writer.add_metadata({"/Title": "政府信息公开工作年度报告"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def bomb_form(form: str, gigabytes: int = 2) -> bytes:
    """A deflate bomb of ``gigabytes`` GB in a page's content stream, written in one of the
    forms a scan of the file's bytes for ``/Filter /FlateDecode`` before ``stream`` misses:

    ``decodeparms`` (a ``/DecodeParms`` dictionary after the filter), ``indirect`` (the
    filter an indirect object), ``escaped`` (``/Flate#44ecode``), ``comment`` (a comment
    holding ``<<`` after it), ``cr`` and ``space`` (``stream`` followed by CR, or a space and
    LF), ``far`` (the filter 600 bytes before ``stream``), ``encrypted`` (an owner password),
    ``object-stream`` (the filter an array in an object stream), ``incremental`` (the bomb
    added by an incremental update)."""
    zeros = _zeros_deflated(gigabytes)

    def stream(head: bytes, eol: bytes = b"\n") -> bytes:
        return b"<< /Length %d %s>>\nstream%s" % (len(zeros), head, eol) + zeros + b"\nendstream"

    plain = _catalog_and_page(b"4 0 R")
    if form == "decodeparms":
        return pdf([*plain, stream(b"/Filter /FlateDecode /DecodeParms << /Predictor 1 >> ")])
    if form == "indirect":
        return pdf([*plain, stream(b"/Filter 5 0 R "), b"/FlateDecode"])
    if form == "escaped":
        return pdf([*plain, stream(b"/Filter /Flate#44ecode ")])
    if form == "comment":
        return pdf([*plain, stream(b"/Filter /FlateDecode % a comment <<\n")])
    if form == "cr":
        return pdf([*plain, stream(b"/Filter /FlateDecode ", b"\r")])
    if form == "space":
        return pdf([*plain, stream(b"/Filter /FlateDecode ", b" \n")])
    if form == "far":
        return pdf([*plain, stream(b"/Filter /FlateDecode /Note (%s) " % (b"x" * 600))])
    if form == "encrypted":
        return encrypted(bomb(gigabytes))
    if form == "object-stream":
        packed = b"5 0 [/FlateDecode]"
        objects = dict(enumerate(plain, start=1))
        objects[4] = stream(b"/Filter 5 0 R ")
        objects[6] = b"<< /Type /ObjStm /N 1 /First 4 /Length %d >>\nstream\n%s\nendstream" % (
            len(packed),
            packed,
        )
        return _xref_stream_pdf(objects, {5: (6, 0)})
    if form == "incremental":
        first = pages(1, b"BT /F1 12 Tf 72 720 Td (2023) Tj ET")
        at = len(first)
        update = b"3 0 obj\n" + stream(b"/Filter /FlateDecode ") + b"\nendobj\n"
        xref = at + len(update)
        previous = int(first.rsplit(b"startxref\n", 1)[1].split()[0])
        update += b"xref\n3 1\n%010d 00000 n \n" % at
        update += b"trailer\n<< /Size 5 /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (
            previous,
            xref,
        )
        return first + update
    raise ValueError(form)


#: the forms :func:`bomb_form` writes
BOMB_FORMS = (
    "decodeparms",
    "indirect",
    "escaped",
    "comment",
    "cr",
    "space",
    "far",
    "encrypted",
    "object-stream",
    "incremental",
)


def _png(width: int, height: int, rows: list[bytes]) -> bytes:
    """An RGBA PNG of ``rows`` (each ``width`` × 4 bytes)."""
    import struct

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    raw = b"".join(b"\0" + row for row in rows)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 6))
        + chunk(b"IEND", b"")
    )


def seal(size: int = 700, seed: int = 27) -> bytes:
    """A red official seal as a scan shows it (a PNG of ``size`` × ``size``): a ring and a
    lozenge in red ink of uneven strength, speckled, on a clear ground — about as much deflated
    data as a real seal's."""
    import random

    rng = random.Random(seed)
    centre, outer, inner = size / 2, size * 0.48, size * 0.43
    rows = []
    for y in range(size):
        row = bytearray(size * 4)
        dy = y - centre
        for x in range(size):
            dx = x - centre
            distance = (dx * dx + dy * dy) ** 0.5
            ink = inner <= distance <= outer
            if not ink:  # the lozenge
                ink = abs(dx) + abs(dy) < inner * 0.45
            if ink or (distance < outer and rng.random() < 0.25):
                strength = rng.randrange(120, 256) if ink else rng.randrange(20, 90)
                row[x * 4 : x * 4 + 4] = bytes((220, rng.randrange(0, 40), 30, strength))
        rows.append(bytes(row))
    return _png(size, size, rows)


def printed_with_seal(report: Any, folder: Path, name: str = "sealed") -> Path:
    """``report`` printed as :func:`printed` does, with the seal of :func:`seal` (700 × 700)
    after its text and its Chinese text in an embedded CJK font (WenQuanYi Zen Hei), as most
    published reports are."""
    stamp = base64.b64encode(seal()).decode("ascii")
    style = (
        "<style>@font-face { font-family: 'Seal Zen Hei'; "
        "src: local('WenQuanYi Zen Hei'), url('file:///usr/share/fonts/truetype/wqy/"
        "wqy-zenhei.ttc'); } body { font-family: 'Seal Zen Hei', sans-serif; }</style>"
    )
    image = f'<p><img alt="" width="700" height="700" src="data:image/png;base64,{stamp}"></p>'
    html = report.to_html(standalone=True)
    html = html.replace("</head>", style + "</head>", 1).replace("</body>", image + "</body>", 1)
    page = folder / f"{name}.html"
    page.write_text(html, encoding="utf-8")
    out = folder / f"{name}.pdf"
    print_pdf(page, out)
    return out
