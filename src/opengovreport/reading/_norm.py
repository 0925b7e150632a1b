"""The reader's one text normaliser, in its three strengths.

- :func:`fold`: full-width forms folded (``２０２３`` → ``2023``, ``（`` → ``(``), spaces kept;
- :func:`squash`: folded, and every space removed (for matching words that a line break or a
  converter split);
- :func:`core`: squashed, and a label's numbering, brackets and punctuation removed (for
  matching a printed row label to the format's).
"""

import functools
import re
import unicodedata

__all__ = ["core", "declared", "first_folded", "fold", "squash"]


def _compatibility() -> dict[str, str]:
    """The characters of the blocks a report's text draws its full-width and compatibility
    forms from (general punctuation, enclosed numbers, the ideographic space, CJK compatibility
    forms, full-width ASCII) whose compatibility decomposition (NFKD) differs from them, each
    mapped to that decomposition."""
    blocks = ((0x2000, 0x2070), (0x2460, 0x2500), (0x3000, 0x3001), (0xFE30, 0xFE70))
    out: dict[str, str] = {}
    for first, end in (*blocks, (0xFF01, 0xFF5F)):
        for point in range(first, end):
            decomposed = unicodedata.normalize("NFKD", chr(point))
            if decomposed != chr(point):
                out[chr(point)] = decomposed
    return out


#: a character replaced by its own NFKD leaves the text's NFKD, hence its NFKC, unchanged
_DECOMPOSED = _compatibility()


def _ranges(points: list[int]) -> str:
    """A character class of ``points`` (sorted) as ranges: sre tests a range at once, a list
    of characters one by one."""
    out, start = [], 0
    for k in range(1, len(points) + 1):
        if k == len(points) or points[k] != points[k - 1] + 1:
            first, last = chr(points[start]), chr(points[k - 1])
            out.append(re.escape(first) + (f"-{re.escape(last)}" if last != first else ""))
            start = k
    return "[" + "".join(out) + "]"


_COMPATIBLE = re.compile(_ranges(sorted(map(ord, _DECOMPOSED))))


def fold(text: str) -> str:
    """``text`` with full-width forms folded (NFKC); spaces kept."""
    if unicodedata.is_normalized("NFKC", text):
        return text
    return _folded(text)


def _folded(text: str) -> str:
    """:func:`fold` of a text that is not NFKC (its test made once, by the caller)."""
    # CPython's NFKC composes character by character (some 300 ns each, a long line's 20 µs):
    # the usual full-width forms are decomposed first, which is exact (see _DECOMPOSED), and
    # what is then NFKC — nearly every line of a report — is not normalised again
    # each distinct character replaced at once (in C, not a Python call a match): the same as
    # the pattern's substitution, as no decomposition holds a character that is replaced (a
    # test says so), so the replacements neither see each other's output nor depend on order
    for char in dict.fromkeys(_COMPATIBLE.findall(text)):
        text = text.replace(char, _DECOMPOSED[char])
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


def squash(text: str) -> str:
    """``text`` folded, every space removed."""
    if not unicodedata.is_normalized("NFKC", text):  # (most texts are: fold's test, inline)
        text = _folded(text)  # (fold without its test again: the same text, the same answer)
    return "".join(text.split())


def first_folded(text: str) -> str | None:
    """The first character of ``squash(text)`` where it shows without folding: the first
    character after the spaces when it is a CJK unified ideograph (its own NFKC, composed with
    nothing, and spaces fold to spaces); ``None`` where it is another (fold to know)."""
    head = text.lstrip()[:1]
    return head if "\u4e00" <= head <= "\u9fff" else None


@functools.cache
def declared(label: str) -> str:
    """:func:`squash` of a label the format declares (a band, a row's or a column's name): kept,
    as the declarations are few and never change; never of a document's text."""
    return squash(label)


_LEADING_NUMBER = re.compile(r"^[(（]?[一二三四五六七八九十\d]+[)）.．、]")
_INNER_NUMBER = re.compile(r"[(（][一二三四五六七八九十]+[)）]")
_NOISE = re.compile(r"[\s\d.．、,，()（）“”\"/]")
_CORES: dict[str, str] = {}
#: the format's labels and their variants are few; a text seen once is not kept
_KEPT = 10_000


def core(label: str) -> str:
    """A label for matching: squashed, its numbering, brackets, digits and punctuation
    removed (``（三）不予公开 1.属于国家秘密`` → ``不予公开属于国家秘密``)."""
    found = _CORES.get(label)
    if found is None:
        text = _LEADING_NUMBER.sub("", squash(label))
        found = _NOISE.sub("", _INNER_NUMBER.sub("", text))
        if len(_CORES) < _KEPT:
            _CORES[label] = found
    return found
