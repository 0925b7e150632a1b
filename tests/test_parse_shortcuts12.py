"""The parse's shortcuts of #20's twelfth round give what the code they stand for gives: each
is checked against that code, written out here, on any input Hypothesis draws."""

from hypothesis import given, settings
from hypothesis import strategies as st

from opengovreport.values import _SURROGATE, TEXT, _encodable


def _encodable_by_utf8(text: str) -> bool:
    """_encodable as it was: the text encoded to UTF-8, strictly."""
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return True


#: texts of each of CPython's string kinds (ASCII, Latin-1, two and four bytes a character) with
#: lone surrogates, pairs of surrogates written as two characters, and astral characters
_CHARS = st.sampled_from(
    [
        *("a", "0", " ", "é", "\xff", "中", "（", "\u3000", "\ufffd", "😀", "\U0010ffff"),
        *("\ud800", "\udbff", "\udc00", "\udfff", "\ud83d\ude00"),
    ]
)
_TEXTS = st.lists(_CHARS, max_size=300).map("".join)


@settings(max_examples=1000, deadline=None)
@given(_TEXTS)
def test_encodable_is_utf8s_strict_encoding(text: str) -> None:
    assert _encodable(text) is _encodable_by_utf8(text)
    assert _encodable(text) is (_SURROGATE.search(text) is None)


@given(st.integers(200, 2000), st.sampled_from(["", "\ud800", "\udfff", "😀"]))
def test_a_long_text_is_accepted_where_it_holds_no_lone_surrogate(size: int, tail: str) -> None:
    # (TEXT tests a text of 200 characters or more by _encodable, a shorter one by the pattern)
    text = "中" * size + tail
    assert TEXT.accepts(text) is (tail in ("", "😀"))
