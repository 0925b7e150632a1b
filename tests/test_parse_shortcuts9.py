"""The parse's shortcuts of #20's ninth round give what the code they replace gives: each is
checked against that code, written out here, on any input Hypothesis draws."""

import re
import unicodedata
from typing import Any

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from opengovreport.reading import _columns, _locate, _norm, _rows
from opengovreport.reading._catalogue import diagnostic_kinds, kind
from opengovreport.reading._front import ends_sentence
from opengovreport.reading._lines import _PAGE_NUMBER, Line, read_text
from opengovreport.reading._result import Diagnostic, cell_at
from opengovreport.reading._values import is_value
from opengovreport.schema import shapes

#: the whitespace str.strip() takes, with characters that look like it and are not
_EDGES = st.sampled_from(
    [" ", "\u3000", "\xa0", "\u2002", "\x0b", "\x0c", "\x1c", "\x85", "\u200b"]
)
_WORDS = st.sampled_from(["", "0", "12", "其他", "（一）予以公开", "1. 属于", "—", "１"])
_CELL = st.builds(
    lambda a, w, b: a + w + b, st.text(_EDGES, max_size=2), _WORDS, st.text(_EDGES, max_size=2)
)


@settings(max_examples=400)
@given(st.lists(_CELL, min_size=2, max_size=8))
def test_a_tab_lines_text_is_its_cells_joined_without_another_strip(cells: list[str]) -> None:
    raw = "\t".join(cells)
    rows = [ln for ln in read_text(raw + "\n").lines if ln.row]
    if not rows:  # (a line of blank cells is no line, nor a page's number: — 1 —)
        assert not raw.strip() or _PAGE_NUMBER.match(raw)
        return
    (line,) = rows
    # (a form feed is no character of a text's lines: pdftotext's page break, dropped)
    stripped = tuple(c.strip() for c in raw.replace("\f", "").split("\t"))
    assert line.cells == stripped
    assert line.text == "".join(stripped).strip()


_TOKENS = st.sampled_from(["", " ", "0", "12", " 7 ", "１", "٣", "²", "1.5", "a", "0x", "\u3000"])


def _run_before(texts: list[str]) -> list[str] | None:
    """_rows._run as it was: each token tested by a generator."""
    tokens = [t.strip() for t in texts]
    if not tokens or not all(t.isdigit() and t.isascii() for t in tokens):
        return None
    return tokens


@settings(max_examples=500)
@given(st.lists(_TOKENS, max_size=6))
def test_a_rows_runs_of_digits_are_told_by_their_join(texts: list[str]) -> None:
    assert _rows._run(texts) == _run_before(texts)


def _positions_before(text: str, labels: list[str], masks: list[str]) -> list[int] | None:
    """_columns.positions as it was: the labels ordered by a lambda of minus their length."""
    for mask in sorted(masks, key=len, reverse=True):
        text = text.replace(mask, "\0" * len(mask))
    found: dict[int, int] = {}
    for k in sorted(range(len(labels)), key=lambda k: -len(labels[k])):
        at = text.find(labels[k])
        if at < 0:
            return None
        found[k] = at
        text = text[:at] + "\0" * len(labels[k]) + text[at + len(labels[k]) :]
    return [found[k] for k in range(len(labels))]


_LABELS = st.sampled_from(
    ["其他", "其他结果", "维持", "纠正", "总计", "尚未审结", "复议", "行政复议"]
)


@settings(max_examples=500)
@given(
    st.lists(_LABELS, max_size=8).map("".join),
    st.lists(_LABELS, min_size=1, max_size=6),
    st.lists(_LABELS, max_size=2),
)
def test_labels_are_found_longest_first_in_their_order(
    text: str, labels: list[str], masks: list[str]
) -> None:
    assert _columns.positions(text, labels, masks) == _positions_before(text, labels, masks)


def _is_heading_before(line: Line, text: str, pattern: Any) -> bool:
    return bool(
        text
        and pattern.match(text)
        and not any(is_value(c) for c in line.cells[1:])
        and len(text) <= 60
        and not ends_sentence(line.text)
    )


@settings(max_examples=400)
@given(
    st.lists(
        st.sampled_from(["一、总体情况", "二、", "12", "", "—", "其他", "。"]),
        min_size=1,
        max_size=4,
    ),
    st.sampled_from(["一、总体情况", "一、总体情况。", "二、主动公开", "", "一" * 70]),
)
def test_a_heading_is_told_as_before(cells: list[str], text: str) -> None:
    compiled = re.compile(shapes()[0].sections[0].pattern)
    line = Line(1, tuple(cells), "".join(cells), row=len(cells) > 1)
    assert _locate._is_heading(line, text, compiled) is _is_heading_before(line, text, compiled)


_FIELD_VALUES = st.one_of(st.integers(0, 99), st.sampled_from(["", "x", "约7", "table"]))


@settings(max_examples=300)
@given(
    st.sampled_from(sorted(k.code for k in diagnostic_kinds())),
    st.one_of(st.none(), st.integers(1, 500)),
    st.sampled_from(["", "其他 1 2", "4l2"]),
    st.one_of(st.none(), st.integers(2, 4)),
    st.lists(st.sampled_from(list(shapes()[0].paths)), max_size=3).map(tuple),
    st.dictionaries(st.sampled_from(["count", "n", "variant", "expected", "what"]), _FIELD_VALUES),
)
def test_a_diagnostic_is_what_its_constructor_makes(
    code: str,
    line: int | None,
    text: str,
    table: int | None,
    cells: tuple[str, ...],
    fields: dict[str, Any],
) -> None:
    made = Diagnostic.of(code, line=line, text=text, table=table, cells=cells, **fields)
    # Diagnostic.of as it was: the class called by keywords
    if table is None and cells:
        first = cell_at(cells[0])
        table = first.table if first is not None else None
    before = Diagnostic(
        code=code,
        severity=kind(code).severity,
        line=line,
        text=text,
        table=table,
        cells=cells,
        fields=tuple((k, v) for k, v in fields.items() if k != "variant" or v),
    )
    assert made == before
    assert attrs.asdict(made, recurse=False) == attrs.asdict(before, recurse=False)
    assert made.message("zh") == before.message("zh")
    assert made.message("en") == before.message("en")
    assert hash(made) == hash(before)


def test_no_decomposition_holds_a_character_that_is_replaced() -> None:
    """What fold's replacements one character at a time rest on."""
    held = {c for d in _norm._DECOMPOSED.values() for c in d}
    assert not held & _norm._DECOMPOSED.keys()


def _fold_before(text: str) -> str:
    """_norm.fold as it was: the pattern's substitution, a Python call a match."""
    if unicodedata.is_normalized("NFKC", text):
        return text
    text = _norm._COMPATIBLE.sub(lambda m: _norm._DECOMPOSED[m.group()], text)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


_FOLDED = st.text(
    st.one_of(
        st.sampled_from(sorted(_norm._DECOMPOSED)),
        st.sampled_from([*"0123456789 ，。、（）：一二三其他\u3000", "\u0301", "ｶ", "ﾞ", "Å"]),
    ),
    max_size=80,
)


@settings(max_examples=600)
@given(_FOLDED)
def test_fold_replaces_each_character_as_the_substitution_did(text: str) -> None:
    assert _norm.fold(text) == _fold_before(text)
