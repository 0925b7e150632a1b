"""The reader's one text normaliser, in its three strengths.

- :func:`fold`: full-width forms folded (``２０２３`` → ``2023``, ``（`` → ``(``), spaces kept;
- :func:`squash`: folded, and every space removed (for matching words that a line break or a
  converter split);
- :func:`core`: squashed, and a label's numbering, brackets and punctuation removed (for
  matching a printed row label to the format's).
"""

import re
import unicodedata

__all__ = ["core", "fold", "squash"]


def fold(text: str) -> str:
    """``text`` with full-width forms folded (NFKC); spaces kept."""
    return unicodedata.normalize("NFKC", text)


def squash(text: str) -> str:
    """``text`` folded, every space removed."""
    return "".join(unicodedata.normalize("NFKC", text).split())


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
