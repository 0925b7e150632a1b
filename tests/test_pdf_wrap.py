"""A number wrapped in its ruled cell (``745`` printed a digit a line) is joined again only
where the page's rules show its lines in one cell; the lines of a row whose values stand apart
from its label are read between its rules, cell by cell (reading/_pdfwrap.py). Made by hand:
lines as pdfium gives them, each character's box, the page's rules."""

from hypothesis import given
from hypothesis import strategies as st

from opengovreport.reading._pdflines import UNSURE, _PLine, _value_words
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


@given(st.text("0123456789", min_size=2, max_size=6))
def test_without_rules_a_number_over_digits_is_named_unsure(digits: str) -> None:
    # (#20: a borderless table's rows stand as close as a cell's lines: 37 printed 3 over 7 was
    # read 3 on the twelfth round's tree, named by nothing; now one number written unsure, its
    # cell named by the reading, no value placed)
    lines, boxes = _stack(digits, 100.0, 700.0, 0)
    out = rejoined(lines, boxes.__getitem__, lambda: Rules([], []))
    assert [line.text for line in out] == [digits + UNSURE]
    assert out[0].values == ()
    assert out[0].drawn_over


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


#: a row's cells (left, right): its label's, then three values'
_CELLS = [(50.0, 90.0), (90.0, 130.0), (130.0, 170.0), (170.0, 210.0)]
_ROW_RULES = Rules(
    across=[(705.0, 50.0, 210.0), (672.0, 50.0, 210.0)],
    down=[(x, 672.0, 705.0) for x in (50.0, 90.0, 130.0, 170.0, 210.0)],
)


def _row(label: str, cells: list[tuple[str, str]], order: list[int]) -> tuple[list[_PLine], Boxes]:
    """A row as Chromium prints it: its label and each cell's first line as one line of
    pdfium's (at 700), each cell's rest (where it has one) a line of its own under its first
    line (at 686), the rests in ``order``; each character's box."""
    boxes: Boxes = {}
    text = label
    for (left, _right), (first, _rest) in zip(_CELLS[1:], cells, strict=True):
        text += " "
        for j in range(len(first)):
            boxes[len(text) + j] = (left + 2.0 + 6.0 * j, 690.0, left + 8.0 + 6.0 * j, 700.0)
        text += first
    for j in range(len(label)):
        boxes[j] = (52.0 + 8.0 * j, 690.0, 60.0 + 8.0 * j, 700.0)
    lines = [
        _PLine(
            text,
            52.0,
            boxes[len(text) - 1][2],
            700.0,
            H,
            0,
            False,
            _value_words(text, 0),
            ((0, text),),
        )
    ]
    index = len(text) + 2
    for k in order:
        rest = cells[k][1]
        if not rest:
            continue
        left = _CELLS[k + 1][0] + 2.0
        for j in range(len(rest)):
            boxes[index + j] = (left + 6.0 * j, 676.0, left + 6.0 + 6.0 * j, 686.0)
        lines.append(
            _PLine(
                rest,
                left,
                left + 6.0 * len(rest),
                686.0,
                H,
                0,
                False,
                ((rest, index),),
                ((index, rest),),
            )
        )
        index += len(rest) + 2
    return lines, boxes


_PARTS = st.tuples(st.text("0123456789", min_size=1, max_size=5), st.text("0123456789", max_size=4))


@given(st.lists(_PARTS, min_size=3, max_size=3), st.permutations([0, 1, 2]))
def test_a_rest_under_a_value_not_ending_its_line_is_joined_to_it(
    cells: list[tuple[str, str]], order: list[int]
) -> None:
    # (#20: Chromium prints a row's first lines together, so the rest of 2398 stands under 23
    # in a line ending in another value; on the eleventh round's tree read as 398, or 1024 as 24)
    lines, boxes = _row("行政许可", cells, order)
    out = rejoined(lines, boxes.__getitem__, lambda: _ROW_RULES)
    numbers = [first + rest for first, rest in cells]
    assert [line.text for line in out] == ["行政许可 " + " ".join(numbers)]
    assert [word for word, _index in out[0].values] == numbers


@given(
    st.sampled_from("+-"),
    st.text("0123456789", min_size=1, max_size=3),
    st.text("0123456789", min_size=1, max_size=3),
)
def test_a_signed_change_wrapped_in_its_cell_is_one_number(
    sign: str, first: str, rest: str
) -> None:
    # the change column's +16 printed +1 over 6: read "+1 6" on the eleventh round's tree
    # (an impossible value, and the reading left for pdftotext's, which lost the 1)
    cells = [("4", ""), (sign + first, rest), ("9", "")]
    lines, boxes = _row("行政许可", cells, [0, 1, 2])
    out = rejoined(lines, boxes.__getitem__, lambda: _ROW_RULES)
    assert [line.text for line in out] == [f"行政许可 4 {sign}{first}{rest} 9"]
    assert [word for word, _index in out[0].values] == ["9"]


@given(st.lists(_PARTS, min_size=3, max_size=3), st.permutations([0, 1, 2]))
def test_a_rest_under_a_value_outside_any_ruled_cell_is_written_unsure(
    cells: list[tuple[str, str]], order: list[int]
) -> None:
    # (no rules: whether 98 under 23 is its rest or the next row's value, nothing tells)
    lines, boxes = _row("行政许可", cells, order)
    out = rejoined(lines, boxes.__getitem__, lambda: Rules([], []))
    read = [first + rest + (UNSURE if rest else "") for first, rest in cells]
    assert [line.text for line in out] == ["行政许可 " + " ".join(read)]
    unsure = any(rest for _first, rest in cells)
    assert out[0].drawn_over == unsure
    if unsure:
        assert out[0].values == ()


def test_a_rest_parted_from_its_number_by_a_rule_is_not_joined() -> None:
    lines, boxes = _row("行政许可", [("23", "98"), ("5", ""), ("10", "")], [0, 1, 2])
    rules = Rules([(688.0, 50.0, 210.0)], [])  # a rule between the row and the line under it
    out = rejoined(lines, boxes.__getitem__, lambda: rules)
    assert [line.text for line in out] == ["行政许可 23 5 10", "98"]


def test_a_decimal_amount_wrapped_in_its_cell_is_one_number() -> None:
    # table 2's fees in 10,000 yuan, 15539546.259 printed 15539546.25 over 9 (right-aligned)
    first, rest = "15539546.25", "9"
    text = "行政事业性收费 " + first
    at = text.index(first)
    boxes: Boxes = {i: (52.0 + 8.0 * i, 690.0, 60.0 + 8.0 * i, 700.0) for i in range(at)}
    boxes.update({at + j: (112.0 + 6.0 * j, 690.0, 118.0 + 6.0 * j, 700.0) for j in range(11)})
    boxes[40] = (172.0, 676.0, 178.0, 686.0)
    lines = [
        _PLine(text, 52.0, 178.0, 700.0, H, 0, False, (), ((0, text),)),
        _PLine(rest, 172.0, 178.0, 686.0, H, 0, False, ((rest, 40),), ((40, rest),)),
    ]
    rules = Rules(
        across=[(705.0, 50.0, 180.0), (672.0, 50.0, 180.0)],
        down=[(x, 672.0, 705.0) for x in (50.0, 110.0, 180.0)],
    )
    out = rejoined(lines, boxes.__getitem__, lambda: rules)
    assert [line.text for line in out] == ["行政事业性收费 15539546.259"]


def _digits_line(text: str, left: float, top: float, first: int, boxes: Boxes) -> _PLine:
    """``text`` (numbers parted by spaces) as a line of pdfium's at ``top``, its characters'
    boxes 6 wide from ``left``, the page's text indices from ``first``."""
    for j in range(len(text)):
        boxes[first + j] = (left + 6.0 * j, top - H, left + 6.0 + 6.0 * j, top)
    values = _value_words(text, first)
    return _PLine(text, left, left + 6.0 * len(text), top, H, 0, False, values, ((first, text),))


def test_values_beside_a_number_written_unsure_are_written_unsure() -> None:
    # (a borderless row whose cells are centred at several heights: 169 printed 16 over 9 in
    # one cell, 1 0 10 between them in the next cells — which row each value is in, nothing on
    # the page tells; on the twelfth round's tree the row was read shifted, named by nothing)
    boxes: Boxes = {}
    lines = [
        _digits_line("16", 100.0, 707.0, 0, boxes),
        _digits_line("9", 103.0, 693.0, 4, boxes),
        _digits_line("1 0 10", 130.0, 700.0, 8, boxes),
        _digits_line("5", 130.0, 650.0, 20, boxes),  # another row's, far under
    ]
    out = rejoined(lines, boxes.__getitem__, lambda: Rules([], []))
    assert [line.text for line in out] == ["169?", "1? 0? 10?", "5"]
    assert [line.values for line in out[:2]] == [(), ()]
    assert out[2].values == (("5", 20),)


def test_a_decimal_amounts_rest_with_its_point_is_joined_in_its_ruled_cell() -> None:
    # (20180504 over 5142.9140 over 8 in one cell: the middle line, not digits alone, was
    # left a line of its own and 20180504 read as the amount)
    boxes: Boxes = {}
    lines = [
        _digits_line("20180504", 100.0, 700.0, 0, boxes),
        _digits_line("5142.9140", 100.0, 686.0, 10, boxes),
        _digits_line("8", 148.0, 672.0, 22, boxes),
    ]
    out = rejoined(lines, boxes.__getitem__, lambda: _cell(95.0, 160.0, 705.0, 655.0))
    assert [line.text for line in out] == ["201805045142.91408"]
