"""A run of words and numbers whose rows print fewer values than columns (blank cells left
empty), each row's label wrapped over two lines (#20, thirteenth round): a row's values end
where words stand after them and the next value is on a later line — the values after another
row's label are that row's. Before, a label's first line that named no row alone (``4.保护第`` /
``三方合法权益 0 0``) let the next row's zeros run into the row before (the trial's
``shuyang-fagaiju-2023`` printed by LibreOffice, label-br: three cells read 0 where nothing was
printed, named by nothing)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from opengovreport.reading._lines import Line
from opengovreport.reading._match import names_any
from opengovreport.reading._printed import every_row
from opengovreport.reading._stream_rows import stream_rows
from opengovreport.schema import shapes

_EVERY = every_row(shapes(), 3, "")


def _starts_row(words: str) -> bool:
    """What the reader asks of a run's words (table 3's rows of every registered shape)."""
    return names_any(words, _EVERY)


def _line(number: int, text: str) -> Line:
    return Line(number=number, cells=(text,), text=text)


def test_a_wrapped_labels_zeros_are_its_own_row() -> None:
    texts = ["（三）不予公开 1.属于国家秘密 0 0", "2.其他法律行", "政法规禁止公开 0 0"]
    texts += ["4.保护第", "三方合法权益 0 0", "5.属于三类", "内部事务信息 3 3"]
    lines = [_line(k, t) for k, t in enumerate(texts, 1)]
    rows = stream_rows(lines, 7, _starts_row)
    assert [r.values for r in rows] == [["0", "0"]] * 3 + [["3", "3"]]
    assert [r.line.number for r in rows] == [1, 3, 5, 7]
    assert rows[2].label == "4.保护第 三方合法权益"


def test_a_full_row_and_a_row_on_one_line_read_as_before() -> None:
    """Values on the row's own line stay with it however many (``52 316``: a number's groups),
    a row's values on the line under its label are its, and words between values on one line
    (a label printed among its values) do not part them."""
    lines = [_line(1, "本年新收政府信息公开申请数量 1 2 3 4 5 6 52 316")]
    assert [r.values for r in stream_rows(lines, 7, _starts_row)] == [
        ["1", "2", "3", "4", "5", "6", "52", "316"]
    ]
    lines = [_line(1, "（二）部分公开"), _line(2, "1 2 3"), _line(3, "4 5 6 7")]
    assert [r.values for r in stream_rows(lines, 7, _starts_row)] == [
        ["1", "2", "3", "4", "5", "6", "7"]
    ]
    lines = [_line(1, "属于国家秘密 0 0 其 0 0")]
    assert [r.values for r in stream_rows(lines, 7, _starts_row)] == [["0", "0", "0", "0"]]


def _labels() -> list[str]:
    """The labels of table 3's rows as the 2021 edition prints them."""
    shape = next(s for s in shapes() if str(s.edition.value) == "2021")
    return [leaf.spec.label.zh for part in shape.numbered(3).parts for leaf in part.leaves]


_ROWS = st.lists(
    st.tuples(
        st.sampled_from(_labels()),
        st.floats(0.2, 0.8),  # where the label wraps
        st.lists(st.integers(0, 999), min_size=1, max_size=6),  # fewer values than columns
    ),
    min_size=2,
    max_size=8,
)


@settings(max_examples=300, deadline=None)
@given(_ROWS)
def test_each_rows_values_are_those_printed_beside_its_label(
    rows: list[tuple[str, float, list[int]]],
) -> None:
    """Any rows of table 3, each printed as its label's first part on a line, then the rest of
    its label and its values (fewer than its seven columns): each printed row read with its
    own values, none run into the row before."""
    texts: list[str] = []
    for label, cut, values in rows:
        at = max(3, min(len(label) - 1, round(len(label) * cut)))
        texts += [label[:at], " ".join([label[at:], *map(str, values)])]
    lines = [_line(k, t) for k, t in enumerate(texts, 1)]
    read = stream_rows(lines, 7, _starts_row)
    assert [r.values for r in read] == [[str(v) for v in values] for _, _, values in rows]
