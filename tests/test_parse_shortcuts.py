"""The parse's shortcuts (#20, eighth round) give what the longer way gives: each is checked
against the code it stands for, on any input Hypothesis draws."""

from re import _constants, _parser  # type: ignore[attr-defined]
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import opengovreport as ogr
from opengovreport.reading import _front, _grid_rows, _norm, _tokens
from opengovreport.reading._values import is_garbled, is_value
from opengovreport.reading._vocabulary import NUMERALS
from opengovreport.schema import _CONTACT_PATTERNS, contact_of
from opengovreport.values import _SURROGATE, TEXT, TextSpec

#: characters a report's text is made of, and those the shortcuts look at
_CHARS = st.sampled_from(
    [
        *_norm._DECOMPOSED,
        *NUMERALS,
        *"0123456789０１２３ \t\n\u3000（）()、.总计其他",
        *"请与联系电话传真地址邮编：:@wwwhttp",
    ]
)
_TEXTS = st.text(_CHARS, max_size=140)


def _walked(cells: tuple[str, ...]) -> int:
    """row_cells' walk back from the end (the code the shortcuts stand for)."""
    first = len(cells)
    while first > 0:
        cell = cells[first - 1]
        if cell and not (cell.isdigit() and cell.isascii()) and not _grid_rows.value_like(cell):
            break
        first -= 1
    return first


_CELLS = st.lists(
    st.sampled_from(["", "", "0", "12", "１", "O", "—", "1.", "其他", "属于国家秘密", "4l2", " 3"]),
    min_size=1,
    max_size=10,
).map(tuple)


@settings(max_examples=400)
@given(_CELLS)
def test_a_row_under_a_groups_label_is_cut_where_the_walk_cuts_it(cells: tuple[str, ...]) -> None:
    at = _grid_rows._label_after_blanks(cells)
    if at is not None:
        assert at + 1 == _walked(cells)


@settings(max_examples=200)
@given(st.lists(st.sampled_from(["", "0", "其他", "1?", "约7", "O", "—", "1.", "３"]), max_size=3))
def test_value_like_is_the_same_asked_again(cells: list[str]) -> None:
    for cell in cells:
        first = _grid_rows.value_like(cell)
        assert _grid_rows.value_like(cell) is first
        unkept = cell.isdigit() and cell.isascii()
        if not unkept:
            words = _grid_rows._WORDS.search(cell) is not None
            assert first == (
                not words
                and (
                    is_value(cell)
                    or (is_garbled(cell) and not _tokens.NUMBERING.match(cell.strip()))
                )
            )


@settings(max_examples=300)
@given(_TEXTS)
def test_contact_searched_from_its_words_is_searched_from_the_start(text: str) -> None:
    whole = {}
    for key, pattern, _words in _CONTACT_PATTERNS:
        match = pattern.search(text)
        if match:
            whole[key] = match.group(1).strip()
    assert contact_of(text) == (ogr.Contact(**whole) if whole else None)


def _starts_with(pattern: str, words: str) -> bool:
    """Whether every match of ``pattern`` starts with ``words``: parsed, the pattern is (after a
    look-behind) those characters, each once and not optional, then the rest — not an
    alternation, not a quantified character (``电话?``)."""
    items = list(_parser.parse(pattern))
    if items and items[0][0] is _constants.ASSERT_NOT:
        items = items[1:]
    return items[: len(words)] == [(_constants.LITERAL, ord(c)) for c in words]


def test_every_contact_pattern_that_starts_with_words_starts_with_them() -> None:
    """contact_of searches each pattern from its words' first place: a match must start there."""
    for _key, pattern, words in _CONTACT_PATTERNS:
        if words:
            assert _starts_with(pattern.pattern, words), pattern.pattern


def test_an_optional_character_or_an_alternation_is_no_start() -> None:
    assert _starts_with("(?<!传真)电话[:：]", "电话")
    assert not _starts_with("电话?[:：]", "电话")
    assert not _starts_with("电话[:：]|手机", "电话")


_ANY_TEXT = st.tuples(
    st.lists(st.sampled_from([0x41, 0x4E2D, 0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0x1F600]), max_size=6),
    st.integers(0, 400),
).map(lambda drawn: "中" * drawn[1] + "".join(map(chr, drawn[0])))


@settings(max_examples=300)
@given(_ANY_TEXT, st.integers(0, 400))
def test_a_text_is_accepted_where_it_holds_no_lone_surrogate(text: str, at: int) -> None:
    text = text[at:] + text[:at]
    expected = _SURROGATE.search(text) is None
    assert TEXT.accepts(text) is expected
    assert TextSpec(optional=True).accepts(text) is expected


def _first_characters(items: Any) -> tuple[set[str], bool]:
    """The characters a match of the parsed pattern ``items`` may start with (``"SPACE"`` for
    any space), and whether it may match the empty text."""
    out: set[str] = set()
    for op, arg in items:
        if op is _constants.AT:
            continue
        if op is _constants.LITERAL:
            return out | {chr(arg)}, False
        if op is _constants.IN:
            for kind, value in arg:
                if kind is _constants.LITERAL:
                    out.add(chr(value))
                elif kind is _constants.CATEGORY and value is _constants.CATEGORY_SPACE:
                    out.add("SPACE")
                else:  # pragma: no cover - the patterns hold none
                    raise AssertionError(kind)
            return out, False
        if op is _constants.BRANCH:
            empty = False
            for branch in arg[1]:
                found, nothing = _first_characters(branch)
                out |= found
                empty = empty or nothing
            if not empty:
                return out, False
        elif op is _constants.SUBPATTERN:
            found, nothing = _first_characters(arg[3])
            out |= found
            if not nothing:
                return out, False
        elif op is _constants.MAX_REPEAT or op is _constants.MIN_REPEAT:
            found, nothing = _first_characters(arg[2])
            out |= found
            if arg[0] > 0 and not nothing:
                return out, False
        else:  # pragma: no cover - the patterns hold none
            raise AssertionError(op)
    return out, True


def test_a_page_line_that_starts_otherwise_cannot_be_furniture() -> None:
    """page_lines tries the furniture patterns only on a stripped line whose first character is
    one of _FURNITURE_FIRST: every character a match may start with, but a space."""
    found, empty = _first_characters(_parser.parse(_front._FURNITURE.pattern))
    assert not empty
    assert found - {"SPACE"} <= _front._FURNITURE_FIRST
