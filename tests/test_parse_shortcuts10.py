"""The parse's shortcuts of #20's tenth round give what the code they replace gives: each is
checked against that code, written out here, on any input Hypothesis draws."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opengovreport.reading._flat import split_flat
from opengovreport.reading._lines import (
    _FLAT,
    _GRID_RULE,
    _PAGE_NUMBER,
    Document,
    Line,
    _looks_wrapped,
    _piped,
    _text_line,
    read_text,
)

from .conftest import SHARED


def _numbered_before(raw_lines: list[str]) -> Iterator[tuple[int, str, bool]]:
    """_lines._numbered_lines and _numbered as they were: the longest line measured first."""
    if max(map(len, raw_lines)) < _FLAT:
        yield from ((n, raw, False) for n, raw in enumerate(raw_lines, start=1))
        return
    for number, raw in enumerate(raw_lines, start=1):
        if len(raw) < _FLAT or "\t" in raw:
            yield number, raw, False
            continue
        pieces = split_flat(raw)
        for piece in pieces:
            yield number, piece, len(pieces) > 1


def _read_text_before(source: str) -> Document:
    """read_text as it was (``wrapped`` judged from the text)."""
    raw_lines = source.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "").split("\n")
    tabbed = "\t" in source
    piped = _piped(source, raw_lines)
    lines: list[Line] = []
    for number, raw, flat in _numbered_before(raw_lines):
        stripped = raw.strip()
        if not stripped:
            continue
        head = stripped[0]
        if head in "-－—–" and _PAGE_NUMBER.match(raw):
            continue
        if head == "+" and _GRID_RULE.match(raw):
            continue
        tab = "\t" in raw
        if tab and not (piped and raw[:1] == "|"):
            cells = tuple(map(str.strip, raw.split("\t")))
            lines.append(Line(number, cells, "".join(cells), 0, None, True, False, flat))
        elif tabbed and not tab and not (piped and raw[:1] == "|"):
            indent = len(raw) - len(raw.lstrip(" \u3000"))
            lines.append(Line(number, (stripped,), stripped, indent, None, False, False, flat))
        else:
            lines.append(_text_line(number, raw, stripped, flat, tabbed, piped))
    mode = "cells" if tabbed or piped else "stream"
    wrapped = mode == "stream" and _looks_wrapped(raw_lines)
    return Document(tuple(lines), mode, wrapped, "text")


def _crawled_pieces() -> list[str]:
    """Pieces of a crawler's one-line text of a real report (its lines of 400 characters and
    more), or a made-up one where the shared reports are absent."""
    path = Path(SHARED) / "corpus" / "pingtan-zongheshiyanqu-2022.crawled.txt"
    if path.exists():
        long = [ln for ln in path.read_text(encoding="utf-8").split("\n") if len(ln) >= _FLAT]
        return [ln[k : k + 700] for ln in long for k in range(0, len(ln), 700)]
    row = "一、本年新收政府信息公开申请数量 12 0 0 0 0 0 12 二、上年结转政府信息公开申请数量 0 0 "
    return [row * 12]


_PIECES = _crawled_pieces()
_LINE = st.one_of(
    st.sampled_from(
        [
            "",
            "   ",
            "一、总体情况",
            "规章\t0\t0\t0",
            "\t\t（三）不予公开\t1. 属于国家秘密\t0\t0",
            "| 信息内容 | 本年新制作数量 |",
            "|---|---|",
            "- 3 -",
            "+----+----+",
            "　　今年以来，县投资促进中心认真贯彻执行。",
            "\f第 2 页",
        ]
    ),
    st.sampled_from(_PIECES),
    st.builds(lambda p, q: p + "\t" + q, st.sampled_from(_PIECES), st.sampled_from(["", "0"])),
    st.builds(lambda p: "|" + p + "|", st.sampled_from(_PIECES)),
    st.text(st.sampled_from("一二 \t|-+0１\u3000。，"), max_size=_FLAT + 20),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=8), st.sampled_from(["\n", "\r\n", "\r"]))
def test_a_texts_lines_are_read_as_before_flattened_ones_among_them(
    lines: list[str], end: str
) -> None:
    source = end.join(lines)
    assert read_text(source) == _read_text_before(source)


@pytest.mark.parametrize("name", ["pingtan-zongheshiyanqu-2022.crawled.txt"])
def test_a_crawlers_text_is_read_as_before(name: str) -> None:
    path = Path(SHARED) / "corpus" / name
    if not path.exists():
        pytest.skip("the shared reports are absent")
    source = path.read_text(encoding="utf-8")
    assert read_text(source) == _read_text_before(source)
