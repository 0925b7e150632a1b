"""A PDF's pages as the OCR reads them, made in the PDF worker (:mod:`._pdfworker`): a
scanner's page as its own picture, any other page rendered."""

from typing import Any

__all__ = ["Bitmap", "pages_for_ocr"]


#: a page for the OCR: its width, height, the bytes of a row, and its grey pixels row by row
Bitmap = tuple[int, int, int, bytes]


def pages_for_ocr(data: bytes, dpi: int, deadline: float | None) -> list[Bitmap]:
    """Every page of the PDF grey, for the OCR: a scanner's page (one picture) as its picture,
    any other rendered at ``dpi``."""
    from ._pdf import open_pdf
    from ._pdferrors import check_deadline

    pdf = open_pdf(data)
    try:
        out = []
        for index in range(len(pdf)):
            check_deadline(deadline)
            page = pdf[index]
            try:
                picture = _picture(page)
                if picture is None:
                    bitmap = page.render(scale=dpi / 72, grayscale=True)
                    picture = (bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer))
                    bitmap.close()
                out.append(picture)
            finally:
                page.close()
        return out
    finally:
        pdf.close()


def _picture(page: Any) -> Bitmap | None:
    """A page that is one picture, as a scanner makes it, as that picture's own pixels (grey,
    no larger than the OCR reads: :data:`._ocr.LONGEST`), as a picture file of the same pixels
    is read; ``None`` for any other page (it is rendered). Rendering resamples the picture even
    at its own resolution — pdfium shifts and blurs it by part of a pixel, enough to cost the
    OCR a lone ``0`` in a table's cell. Only the plain case is taken: the page's one object,
    an image drawn upright (neither turned nor mirrored) on a page not turned, in a colour
    space (not a stencil mask), of at most :data:`._ocr.MAX_PIXELS`."""
    import pypdfium2
    import pypdfium2.raw as raw
    from PIL import Image

    from ._ocr import LONGEST, MAX_PIXELS

    if page.get_rotation() % 360:
        return None
    objects = list(page.get_objects(max_depth=0))
    if len(objects) != 1 or objects[0].type != raw.FPDF_PAGEOBJ_IMAGE:
        return None
    image = objects[0]
    a, b, c, d, _e, _f = image.get_matrix().get()
    if b or c or a <= 0 or d <= 0:
        return None
    try:
        facts = image.get_metadata()
        if facts.colorspace == raw.FPDF_COLORSPACE_UNKNOWN:
            return None
        if facts.width * facts.height > MAX_PIXELS:
            return None
        bitmap = image.get_bitmap(render=False)
    except pypdfium2.PdfiumError:
        return None
    try:
        grey = bitmap.to_pil().convert("L")
    finally:
        bitmap.close()
    longest = max(grey.size)
    if longest > LONGEST:  # what the OCR would read (and all of a document's pages in memory)
        scale = LONGEST / longest
        size = (round(grey.width * scale), round(grey.height * scale))
        grey = grey.resize(size, Image.Resampling.BOX)  # each pixel the mean of its area
    return (grey.width, grey.height, grey.width, grey.tobytes())
