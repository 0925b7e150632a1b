"""A number wrapped in its ruled cell (``745`` printed a digit a line) is joined again only
where the page's rules show its lines in one cell; the lines of a row whose values stand apart
from its label are read between its rules, cell by cell (reading/_pdfwrap.py). Made by hand:
lines as pdfium gives them, each character's box, the page's rules."""

from hypothesis import given
from hypothesis import strategies as st

from opengovreport.reading._pdflines import _PLine
from opengovreport.reading._pdfwrap import Rules, rejoined

Boxes = dict[int, tuple[float, float, float, float]]
H = 10.0  # a digit's height
PITCH = 14.0  # a line's


def _stack(digits: str, left: float, top: float, first: int) -> tuple[list[_PLine], Boxes]:
    """``digits`` a line each, from ``top`` down, the page's text indices from ``first``."""
    lines: list[_PLine] = []
    boxes: Boxes = {}
    for k, digit in enumerate(digits):
        y = top - k * PITCH
        index = first + 2 * k
        boxes[index] = (left, y - H, left + 6.0, y)
        lines.append(
            _PLine(digit, left, left + 6.0, y, H, 0, False, ((digit, index),), ((index, digit),))
        )
    return lines, boxes


def _cell(left: float, right: float, top: float, bottom: float) -> Rules:
    return Rules(
        across=[(top, left, right), (bottom, left, right)],
        down=[(left, bottom, top), (right, bottom, top)],
    )


@given(st.text("0123456789", min_size=2, max_size=6))
def test_a_number_wrapped_in_its_ruled_cell_is_one_number(digits: str) -> None:
    lines, boxes = _stack(digits, 100.0, 700.0, 0)
    rules = _cell(95.0, 112.0, 705.0, 700.0 - len(digits) * PITCH)
    out = rejoined(lines, boxes.__getitem__, lambda: rules)
    assert [line.text for line in out] == [digits]
    assert out[0].values == ((digits, 0),)


@given(st.text("0123456789", min_size=2, max_size=6), st.integers(1, 5))
def test_a_rule_between_its_lines_parts_them(digits: str, at: int) -> None:
    at = min(at, len(digits) - 1)
    lines, boxes = _stack(digits, 100.0, 700.0, 0)
    rules = _cell(95.0, 112.0, 705.0, 700.0 - len(digits) * PITCH)
    rules.across.append((700.0 - at * PITCH + 2.0, 95.0, 112.0))  # between line at-1 and at
    out = rejoined(lines, boxes.__getitem__, lambda: rules)
    assert [line.text for line in out][-1] != digits
    assert "".join(line.text for line in out) == digits
    assert len(out) >= 2


def test_without_rules_nothing_is_joined() -> None:
    lines, boxes = _stack("745", 100.0, 700.0, 0)
    out = rejoined(lines, boxes.__getitem__, lambda: Rules([], []))
    assert [line.text for line in out] == ["7", "4", "5"]


def test_a_row_whose_values_stand_at_different_heights_is_one_line() -> None:
    # a label over two lines in its cell (50–90), two values centred in theirs (90–110,
    # 110–130), one of them of two lines (its second line elsewhere): not on one baseline
    label = [
        _PLine("一、本年新收", 52.0, 88.0, 700.0, H, 0, False, (), ((100, "一、本年新收"),)),
        _PLine("申请数量", 52.0, 80.0, 686.0, H, 0, False, (), ((110, "申请数量"),)),
    ]
    values = [
        _PLine("12", 94.0, 106.0, 696.0, H, 0, False, (("12", 120),), ((120, "12"),)),
        _PLine("7", 116.0, 122.0, 690.0, H, 0, False, (("7", 124),), ((124, "7"),)),
    ]
    rules = Rules(
        across=[(705.0, 50.0, 130.0), (672.0, 50.0, 130.0)],
        down=[(50.0, 672.0, 705.0), (90.0, 672.0, 705.0), (110.0, 672.0, 705.0)],
    )
    out = rejoined([*label, *values], Boxes().__getitem__, lambda: rules)
    assert [line.text for line in out] == ["一、本年新收申请数量 12 7"]
    assert out[0].values == (("12", 120), ("7", 124))
