"""Text in and out: bytes as Chinese files hold them, and text made safe for a terminal.

:func:`decode` is the one text decoder of the library (files, standard input); :func:`visible`
the one guard against text that would drive a terminal (escape sequences, bidi overrides).
"""

import codecs
import re

__all__ = ["decode", "json_safe", "visible"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes) -> str:
    """The text of ``data``: by its byte-order mark, else UTF-8, else GB18030 (which Chinese
    government files often are, and which includes GBK). Raises ``UnicodeDecodeError`` when it
    is none of them."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as first:
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError:
            raise first from None


#: what a terminal would obey rather than print: C0 controls but tab and newline, DEL, C1
#: controls (ESC among them), the bidi overrides and isolates, line and paragraph separators
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every character that would drive a terminal shown as an escape (``\\x1b``,
    ``\\u202e``), so that printing it cannot move the cursor, clear the screen or reverse
    what follows. Tab and newline are kept; ``\\r\\n`` and ``\\r`` become newlines."""
    if text.isascii() and text.isprintable():
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _UNSAFE.sub(_escape, text)


def json_safe(text: str) -> str:
    """JSON text with the same characters as JSON escapes (``\\u001b``, ``\\u202e``): the
    same JSON, which cannot drive a terminal either. (Outside strings JSON has no such
    characters.)"""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
