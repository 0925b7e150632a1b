"""LibreOffice's PDF of a Word document (as tests/test_docx.py prints it)."""

import shutil
import subprocess
import tempfile
from pathlib import Path

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def printed(data: bytes, name: str = "report") -> Path:
    folder = Path(tempfile.mkdtemp(prefix="trial-"))
    document = folder / f"{name}.docx"
    document.write_bytes(data)
    assert SOFFICE is not None, "needs LibreOffice"
    subprocess.run(
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
        timeout=300,
        check=True,
    )
    return folder / f"{name}.pdf"
