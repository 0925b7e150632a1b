"""Scans for the OCR's tests and benchmark, made from what we have with the truth known: a PDF
(the packaged ones, or an example printed by Chromium) rasterised at a resolution, then as a
scanner or a phone would leave it — JPEG, turned a degree or two, blurred, noisy — and as an
image-only PDF (pictures of its pages, no text layer)."""

import io
import random
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


def image_pdf(pictures: list[Any], dpi: int) -> bytes:
    """A PDF whose pages are ``pictures`` and nothing else (a scan: no text layer)."""
    buffer = io.BytesIO()
    first, *rest = [p.convert("L") for p in pictures]
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
    repaired = {p for p in told}
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
