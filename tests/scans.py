"""Scans for the OCR's tests and benchmark, made from what we have with the truth known: a PDF
(the packaged ones, or an example printed by Chromium) rasterised at a resolution, then as a
scanner or a phone would leave it — JPEG, turned a degree or two, blurred, noisy — and as an
image-only PDF (pictures of its pages, no text layer)."""

import base64
import io
import json
import random
import zlib
from pathlib import Path
from typing import Any


def rasters(pdf: bytes, dpi: int) -> list[Any]:
    """The pages of ``pdf`` as grey pictures (PIL) at ``dpi``."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        return [page.render(scale=dpi / 72, grayscale=True).to_pil() for page in document]
    finally:
        document.close()


def degraded(
    picture: Any,
    *,
    turn: float = 0.0,
    blur: float = 0.0,
    noise: float = 0.0,
    jpeg: int | None = None,
    seed: int = 0,
) -> Any:
    """``picture`` turned by ``turn`` degrees (a scanner's skew; 90, 180: a page on its side or
    upside down), blurred (radius in pixels), with Gaussian noise (its deviation, of 255), and
    saved as a JPEG of quality ``jpeg``; the same for the same arguments."""
    from PIL import Image, ImageFilter

    out = picture.convert("L")
    if turn:
        out = out.rotate(turn, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    if blur:
        out = out.filter(ImageFilter.GaussianBlur(blur))
    if noise:
        rng = random.Random(seed)
        pixels = bytes(max(0, min(255, round(v + rng.gauss(0, noise)))) for v in out.tobytes())
        out = Image.frombytes("L", out.size, pixels)
    if jpeg is not None:
        buffer = io.BytesIO()
        out.save(buffer, "JPEG", quality=jpeg)
        out = Image.open(io.BytesIO(buffer.getvalue()))
    return out


def image_file(picture: Any, kind: str = "PNG", **options: Any) -> bytes:
    """``picture`` as a file of ``kind`` (PNG, JPEG, TIFF)."""
    buffer = io.BytesIO()
    picture.save(buffer, kind, **options)
    return buffer.getvalue()


def image_pdf(pictures: list[Any], dpi: int, *, lossless: bool = False) -> bytes:
    """A PDF whose pages are ``pictures`` and nothing else (a scan: no text layer). Pillow
    writes a grey picture as a JPEG of quality 75 (what a scanner does, and the JPEG's loss);
    ``lossless``: as its own pixels (an indexed image of 256 greys)."""
    from PIL import Image

    pages = [p.convert("L") for p in pictures]
    if lossless:
        pages = [Image.frombytes("P", p.size, p.tobytes()) for p in pages]
        for page in pages:
            page.putpalette([k for k in range(256) for _ in range(3)])
    buffer = io.BytesIO()
    first, *rest = pages
    first.save(buffer, "PDF", save_all=True, append_images=rest, resolution=float(dpi))
    return buffer.getvalue()


def score(truth: Any, result: Any) -> dict[str, int]:
    """How the tables of ``result`` (a ParseResult of a scan) compare with the report
    ``truth``, cell by cell: ``right``; ``blank`` (left blank, a value printed: a cell the
    reader could not settle); ``wrong`` (another value), and of those ``unnamed`` (no
    diagnostic names the cell); ``repaired``, and of those ``told`` (an ``ocr-repaired``
    diagnostic names it); ``cells`` in all."""
    found = result.found
    named = {p for d in result.diagnostics for p in d.cells}
    told = {p for d in result.diagnostics if d.code == "ocr-repaired" for p in d.cells}
    repaired = set(told)
    out = dict.fromkeys(("cells", "right", "blank", "wrong", "unnamed", "repaired", "told"), 0)
    for path, value in truth.cells():
        out["cells"] += 1
        got = found.cell(path) if found is not None else None
        if got == value and (got is None) == (value is None):
            out["right"] += 1
        elif got is None:
            out["blank"] += 1
        else:
            out["wrong"] += 1
            out["unnamed"] += path not in named
    out["repaired"] = result.cells_repaired
    out["told"] = len(repaired)
    return out


# --- pages as the OCR read them, recorded: the reader's tests start from the boxes ---------------

#: the packaged PDF's pages at 150 dpi as RapidOCR read them (words, rules), recorded by
#: ``python -c "from tests.scans import record; record()"``
RECORDED = Path(__file__).parent / "golden" / "ocr" / "hongze-2024-150dpi.json"


def record() -> None:
    """Read the packaged PDF's pages at 150 dpi and write what the OCR gave to
    :data:`RECORDED`."""
    import numpy as np

    from opengovreport import examples
    from opengovreport.reading._ocr import read_page

    pdf = (Path(examples.__file__).parent / "published" / "hongze-quzhengfu-2024.pdf").read_bytes()
    pages = []
    for number, picture in enumerate(rasters(pdf, 150), start=1):
        page, _turned, _skew = read_page(np.asarray(picture), number)
        pages.append(
            {
                "words": [
                    [w.text, *(round(v, 1) for v in w[1:5]), round(w.score, 4)] for w in page.words
                ],
                "rules": [[int(r.horizontal), round(r.at, 1), r.start, r.end] for r in page.rules],
                "ink": _packed(page.ink.dark),  # type: ignore[attr-defined]
            }
        )
    RECORDED.parent.mkdir(parents=True, exist_ok=True)
    RECORDED.write_text(json.dumps(pages, ensure_ascii=False, indent=0), encoding="utf-8")


#: the side of the squares a recorded page's ink is kept by (pixels)
BLOCK = 3


def _packed(dark: Any) -> dict[str, Any]:
    """A page's dark pixels, by squares of :data:`BLOCK` pixels (dark where any pixel is),
    compressed."""
    import numpy as np

    rows, columns = -(-dark.shape[0] // BLOCK), -(-dark.shape[1] // BLOCK)
    padded = np.zeros((rows * BLOCK, columns * BLOCK), np.uint8)
    padded[: dark.shape[0], : dark.shape[1]] = dark
    blocks = padded.reshape(rows, BLOCK, columns, BLOCK).max(axis=(1, 3))
    bits = zlib.compress(np.packbits(blocks).tobytes(), 9)
    return {"shape": [rows, columns], "bits": base64.b64encode(bits).decode("ascii")}


class RecordedInk:
    """Whether ink stands in a box of a recorded page: any of its squares inside the box is
    dark (``wipe`` clears a box: nothing printed there)."""

    def __init__(self, packed: dict[str, Any]):
        import numpy as np

        rows, columns = packed["shape"]
        bits = np.frombuffer(zlib.decompress(base64.b64decode(packed["bits"])), np.uint8)
        self.blocks = np.unpackbits(bits)[: rows * columns].reshape(rows, columns).copy()

    def _span(self, left: float, top: float, right: float, bottom: float) -> Any:
        first_row, last_row = -(-int(top) // BLOCK), int(bottom) // BLOCK
        first_column, last_column = -(-int(left) // BLOCK), int(right) // BLOCK
        return (slice(first_row, last_row), slice(first_column, last_column))

    def __call__(self, left: float, top: float, right: float, bottom: float) -> bool:
        return bool(self.blocks[self._span(left, top, right, bottom)].any())

    def wiped(self, left: float, top: float, right: float, bottom: float) -> "RecordedInk":
        out = object.__new__(RecordedInk)
        out.blocks = self.blocks.copy()
        out.blocks[self._span(left - BLOCK, top - BLOCK, right + 2 * BLOCK, bottom + 2 * BLOCK)] = 0
        return out


def recorded() -> list[Any]:
    """The recorded pages (:class:`~opengovreport.reading._scan.Page`)."""
    from opengovreport.reading._scan import Page, Rule, Word

    out = []
    for number, page in enumerate(json.loads(RECORDED.read_text(encoding="utf-8")), start=1):
        words = tuple(Word(w[0], w[1], w[2], w[3], w[4], w[5]) for w in page["words"])
        rules = tuple(Rule(bool(r[0]), r[1], r[2], r[3]) for r in page["rules"])
        out.append(Page(number, words, rules, RecordedInk(page["ink"])))
    return out


def inked(words: Any) -> Any:
    """Whether a box overlaps any of ``words``' boxes (a page made by hand: its ink is its
    words)."""
    boxes = [(w.left, w.top, w.right, w.bottom) for w in words]

    def ink(left: float, top: float, right: float, bottom: float) -> bool:
        return any(a < right and left < c and b < bottom and top < d for a, b, c, d in boxes)

    return ink
