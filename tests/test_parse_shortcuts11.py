"""The parse's shortcuts of #20's eleventh round give what the code they stand for gives: each
is checked against that code, written out here, on any input Hypothesis draws."""

from collections.abc import Iterator

from hypothesis import given, settings
from hypothesis import strategies as st

from opengovreport.reading._runs import groupings


def _groupings_walked(tokens: list[str], width: int) -> list[tuple[int, ...]]:
    """groupings as it was: every reading walked, depth first, joins tried at every token."""
    out: list[tuple[int, ...]] = []

    def steps(at: int, read: list[int]) -> Iterator[tuple[int, int]]:
        if len(read) == width:
            return
        digits = tokens[at]
        yield int(digits), at + 1
        if len(digits) <= 3 and digits[0] != "0":
            end = at + 1
            while end < len(tokens) and len(tokens[end]) == 3:
                digits += tokens[end]
                end += 1
                yield int(digits), end

    def walk(at: int, acc: list[int]) -> None:
        if len(out) >= 51:
            return
        if at == len(tokens):
            if len(acc) == width:
                out.append(tuple(acc))
            return
        for value, after in steps(at, acc):
            walk(after, [*acc, value])

    walk(0, [])
    return out


#: runs of ASCII digits as a row prints them: counts, zeros, groups of three (thousands)
_TOKENS = st.lists(
    st.sampled_from(["0", "00", "7", "12", "52", "316", "000", "100", "1234", "0316", "9"]),
    max_size=9,
)


@settings(max_examples=500, deadline=None)
@given(_TOKENS, st.integers(0, 9))
def test_groupings_without_a_group_of_three_is_each_token_a_number(
    tokens: list[str], width: int
) -> None:
    assert groupings(tokens, width) == _groupings_walked(tokens, width)


def test_a_group_of_three_after_the_first_token_is_walked() -> None:
    # (the shortcut looks at every token but the first: a group of three there joins)
    assert groupings(["52", "316"], 1) == [(52316,)]
    assert groupings(["316", "52"], 1) == []
    assert groupings(["0", "0", "0"], 2) == []
    assert groupings(["0", "0"], 2) == [(0, 0)]
