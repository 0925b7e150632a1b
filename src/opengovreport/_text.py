"""Text in and out: bytes as Chinese files hold them, and text made safe for a terminal.

:func:`decode` is the one text decoder of the library (files, standard input); :func:`visible`
the one guard of everything printed against text that would drive a terminal (escape sequences,
bidi overrides) or a CI log (GitHub's workflow commands); :func:`json_safe` the same for JSON,
:func:`escape_controls` for documents (Excel cells).
"""

import codecs
import re

__all__ = ["decode", "escape_controls", "json_safe", "visible"]

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
#: the same, and tab, newline and carriage return: what would break a record (a line of output,
#: a field) in two
_UNSAFE_IN_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
#: what a CI log obeys: a GitHub Actions workflow command is a line that opens with ``::``
#: (after white space), or any line that holds ``##[`` (the older form); the first colon or
#: hash is shown as an escape, which neither form reads
_COMMAND = re.compile(r"^([^\S\n]*):(?=:)|#(?=#\[)", re.M)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _defuse(match: re.Match[str]) -> str:
    if match.group(1) is not None:
        return f"{match.group(1)}\\x3a"
    return "\\x23"


def escape_controls(text: str) -> str:
    """``text`` with the characters that would drive a terminal shown as escapes, as
    :func:`visible` shows them (``\\x1b``; ``\\r\\n`` and ``\\r`` as newlines), and nothing
    else: for a document no terminal nor CI log reads (a spreadsheet's cells), which cannot
    hold them either."""
    if text.isascii() and text.isprintable():
        return text
    return _UNSAFE.sub(_escape, text.replace("\r\n", "\n").replace("\r", "\n"))


def visible(text: str, *, one_line: bool = False) -> str:
    """``text`` made safe to print, the one guard of everything printed: every character that
    would drive a terminal shown as an escape (``\\x1b``, ``\\u202e``), so that printing it
    cannot move the cursor, clear the screen or reverse what follows, and no line a CI log
    would take for a workflow command (``::error …``, ``##[…``). Tab and newline are kept;
    ``\\r\\n`` and ``\\r`` become newlines. ``one_line``: tab, newline and carriage return
    shown as escapes too, so that the text stays one record (a file name in a line of
    output, a field). The same text again gives the same text."""
    if text.isascii() and text.isprintable() and "::" not in text and "##[" not in text:
        return text
    text = _UNSAFE_IN_LINE.sub(_escape, text) if one_line else escape_controls(text)
    return _COMMAND.sub(_defuse, text)


def json_safe(text: str) -> str:
    """JSON text with the same characters as JSON escapes (``\\u001b``, ``\\u202e``), and the
    ``#`` of a ``##[`` too: the same JSON, which cannot drive a terminal nor a CI log either.
    (Outside strings JSON has no such characters; none of its lines opens with ``::``.)"""
    text = _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text.replace("##[", "#\\u0023[") if "##[" in text else text
