"""Attribute values that are no text of a page, left out before it is parsed: a saved page
holds its images and fonts inline as ``data:`` URIs (a seal, a scan: megabytes), and lxml's
parser stops at an attribute over 10 MB, losing the report after it."""

import re

__all__ = ["without_large_attributes"]

#: an attribute's value that is a ``data:`` URI (quoted or not), or a quoted value of 64 KB or
#: more holding no tag; each scan stops at the next quote or tag, so the whole is linear (1.6 ms
#: for a page of 385 KB, where lxml takes 32 ms)
_LARGE = re.compile(
    r"""=\s*(?:"data:[^"]*"|'data:[^']*'|data:[^\s"'>]*|"[^"<>]{65536,}"|'[^'<>]{65536,}')""",
    re.IGNORECASE,
)
_PLAIN = 65536


def without_large_attributes(page: str) -> str:
    """``page`` with each ``data:`` URI and other quoted attribute value of 64 KB or more made
    empty (``src=""``); a page shorter than that is given back as it is (what it holds inline
    is small)."""
    if len(page) < _PLAIN:
        return page
    return _LARGE.sub('=""', page)
