"""The reader's one text normaliser: its shortcut past CPython's slow NFKC gives NFKC exactly."""

import sys
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from opengovreport.reading._norm import core, first_folded, fold, squash

#: characters where NFKC is subtle: full-width and compatibility forms, combining marks that
#: compose with a letter before them (ＡＢ + U+0301), Hangul jamo that compose with each other,
#: starters that compose with a starter before them (Kannada, Tibetan), CJK and ASCII
_TRICKY = st.sampled_from(
    [chr(c) for c in range(0x20, 0x7F)]
    + [chr(c) for c in range(0x300, 0x370)]
    + [chr(c) for c in range(0x2000, 0x2070)]
    + [chr(c) for c in range(0x2460, 0x2500)]
    + [chr(c) for c in range(0x3000, 0x3040)]
    + [chr(c) for c in range(0x3099, 0x309D)]
    + [chr(c) for c in range(0xFE30, 0xFE70)]
    + [chr(c) for c in range(0xFF01, 0xFF70)]
    + [chr(c) for c in range(0x1100, 0x1176)]
    + [chr(c) for c in range(0x11A8, 0x11C3)]
    + [chr(c) for c in range(0xAC00, 0xAC20)]
    + [chr(c) for c in (0x0CC6, 0x0CC2, 0x0CD5, 0x0F71, 0x0F72, 0x0F73, 0x0F80, 0x4E00, 0x9FA5)]
)


@settings(max_examples=2000, deadline=None)
@given(st.one_of(st.text(_TRICKY, max_size=12), st.text(max_size=12)))
def test_fold_is_nfkc(text: str) -> None:
    assert fold(text) == unicodedata.normalize("NFKC", text)
    assert squash(text) == "".join(unicodedata.normalize("NFKC", text).split())


def test_fold_is_nfkc_for_every_character() -> None:
    every = (chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    wrong = [c for c in every if fold(c) != unicodedata.normalize("NFKC", c)]
    assert wrong == []


def test_a_report_line_folds_as_printed() -> None:
    assert fold("第二十条第（一）项　规章") == "第二十条第(一)项 规章"
    assert squash("（三）不予公开　1.属于国家秘密") == "(三)不予公开1.属于国家秘密"
    assert core("（三）不予公开　1.属于国家秘密") == "不予公开属于国家秘密"


@settings(max_examples=2000, deadline=None)
@given(st.one_of(st.text(_TRICKY, max_size=12), st.text(max_size=12)))
def test_first_folded_is_the_first_character_squashed(text: str) -> None:
    head = first_folded(text)
    if head is not None:
        assert squash(text)[:1] == head


def test_first_folded_of_every_ideograph_after_any_space() -> None:
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    for point in range(0x4E00, 0xA000):
        for space in ("", *spaces):
            assert squash(space + chr(point) + "\u0301")[:1] == first_folded(space + chr(point))
