"""LibreOffice's PDF of a Word document, as the tests print it (``tests/pdfs.py``; run from the
repository's top with ``PYTHONPATH=.``)."""

import tempfile
from pathlib import Path

from tests.pdfs import libreoffice_pdf


def printed(data: bytes, name: str = "report") -> Path:
    """The PDF LibreOffice prints of the Word document ``data``, in a folder of its own."""
    folder = Path(tempfile.mkdtemp(prefix="trial-"))
    document = folder / f"{name}.docx"
    document.write_bytes(data)
    return libreoffice_pdf(document, folder)
