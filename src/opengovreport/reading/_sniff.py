"""What kind a file is, from its first bytes (the name's suffix only tells text kinds
apart), and a web page's text by the charset it declares or its content."""

import codecs
import re
from pathlib import Path

from .._text import decode

__all__ = ["html_text", "sniff"]

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: how PNG, JPEG and TIFF files start
_IMAGES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE
)


def sniff(data: bytes, name: str = "") -> str:
    """The kind of a file from its first bytes (the name's suffix only tells text kinds
    apart): ``pdf``, ``docx``, ``zip``, ``doc``, ``rtf``, ``json``, ``html``, ``markdown``,
    ``text``, ``image`` (PNG, JPEG, TIFF: a scan)."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(_IMAGES):
        return "image"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if b"word/" in data[:65536] or b"[Content_Types].xml" in head else "zip"
    if head.startswith(_OLE):
        return "doc"
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith((b"{", b"[")):
        return "json"
    lowered = head.lower()
    if b"<html" in lowered or b"<!doctype html" in lowered or b"<table" in lowered:
        return "html"
    suffix = Path(name).suffix.lower()
    if suffix in (".html", ".htm", ".xhtml", ".mht"):
        return "html"
    if suffix in (".md", ".markdown"):
        return "markdown"
    return "text"


def html_text(data: bytes) -> tuple[str, str | None]:
    """A web page's text: by its byte-order mark, the charset its ``<meta>`` declares, else
    UTF-8 or GB18030; and the declared charset where the page is not in it."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(data), None
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "replace").lower()
        if name in ("gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936", "euc-cn"):
            name = "gb18030"  # the superset browsers read these as
        try:
            return data.decode(name), None
        except LookupError:
            pass
        except UnicodeDecodeError:
            text = decode(data)
            return text, declared.group(1).decode("ascii", "replace")
    return decode(data), None
