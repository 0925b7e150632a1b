"""The pictures of a Word document or a saved web page, in the order they stand: where a report
is published as pictures of its pages, the OCR reads them (:func:`~._files.read`).

Only what the file holds or what was saved beside it is read: a Word document's media, a page's
``data:`` pictures and the files its ``<img>`` name inside the page's own folder (a saved page's
``name_files/``); never a link to elsewhere, never the network.
"""

import base64
import binascii
import io
import os
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote

__all__ = ["docx_pictures", "page_pictures"]

#: the most pictures read of one file (a page of icons is not a report)
MOST = 60
_EMBED = re.compile(rb'r:embed="([^"]+)"')
_RELATION = re.compile(rb"<Relationship\b[^>]*>")
_ATTRIBUTE = re.compile(rb'(\w+)="([^"]*)"')
_IMG = re.compile(r"""<img\b[^>]*?\bsrc\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_DATA = re.compile(r"^data:image/[\w.+-]+;base64,(.*)$", re.IGNORECASE | re.DOTALL)


def docx_pictures(data: bytes, max_bytes: int) -> list[bytes]:
    """The pictures a Word document shows, in the order its text places them (its media that
    ``word/document.xml`` embeds); at most ``max_bytes`` inflated in all."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" not in names or "word/_rels/document.xml.rels" not in names:
                return []
            targets = {}
            for element in _RELATION.findall(archive.read("word/_rels/document.xml.rels")):
                fields = dict(_ATTRIBUTE.findall(element))
                if fields.get(b"Id") and fields.get(b"Target"):
                    targets[fields[b"Id"]] = fields[b"Target"].decode("utf-8", "replace")
            out: list[bytes] = []
            total = 0
            for ident in _EMBED.findall(archive.read("word/document.xml")):
                target = targets.get(ident)
                if target is None:
                    continue
                name = os.path.normpath(f"word/{target}").replace(os.sep, "/")
                if name not in names:
                    continue
                size = archive.getinfo(name).file_size
                if total + size > max_bytes or len(out) >= MOST:
                    break
                total += size
                out.append(archive.read(name))
            return out
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return []


def page_pictures(html: str, source: str | None, max_bytes: int) -> list[bytes]:
    """The pictures a web page shows, in order: those inside it (``data:``), and, for a page
    read from a file, the files beside it that its ``<img>`` name (inside its folder); at most
    ``max_bytes`` in all."""
    folder = Path(source).resolve().parent if source else None
    out: list[bytes] = []
    total = 0
    for src in _IMG.findall(html):
        if len(out) >= MOST:
            break
        picture = _picture(src.strip(), folder, max_bytes - total)
        if picture is None:
            continue
        if total + len(picture) > max_bytes:
            break
        total += len(picture)
        out.append(picture)
    return out


def _picture(src: str, folder: Path | None, room: int) -> bytes | None:
    """The picture ``src`` names: inside the page, or a file in its folder of at most
    ``room`` bytes; ``None`` for any other."""
    inline = _DATA.match(src)
    if inline:
        try:
            return base64.b64decode(inline.group(1), validate=False)
        except (binascii.Error, ValueError):
            return None
    if folder is None or re.match(r"^[a-z][a-z0-9+.-]*:", src, re.IGNORECASE):
        return None  # a link elsewhere (http:, file:): never followed
    path = (folder / unquote(src.split("#")[0].split("?")[0])).resolve()
    try:
        if folder not in path.parents or not path.is_file() or path.stat().st_size > room:
            return None  # outside the page's folder, or too large
        return path.read_bytes()
    except OSError:
        return None
