"""Each line's tokens made once a document, and the shortcuts the tokens take give what the
slower tests gave."""

import collections
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import opengovreport as ogr
from opengovreport.reading import _tokens
from opengovreport.reading._lines import Line, read_text
from opengovreport.reading._norm import squash
from opengovreport.reading._parse import from_document
from opengovreport.reading._values import BLANK_MARKS, MARK_CHARACTERS, is_blank_mark


def test_a_line_is_tokenised_once_a_document(monkeypatch: pytest.MonkeyPatch) -> None:
    """A run of numbers (pdftotext text): table 3's rows and columns, table 2's blocks under
    every shape's bands and table 4 look at the same lines; each line's tokens are made once
    (before, 70 tokenisations of 62 lines)."""
    text = ogr.examples.path("huaian-shizhengfu-2024.txt").read_text(encoding="utf-8")
    made: collections.Counter[int] = collections.Counter()
    tokens = _tokens.line_tokens

    def counted(line: Line) -> list[_tokens.Token]:
        made[id(line)] += 1
        return tokens(line)

    monkeypatch.setattr(_tokens, "line_tokens", counted)
    doc = read_text(text)
    assert doc.mode == "stream"
    read = from_document(doc, "text", "text")
    assert read.found is not None
    assert made, "no line was tokenised: the test reads no run of numbers"
    assert max(made.values()) == 1, f"{sum(made.values())} tokenisations of {len(made)} lines"


def _folded_blank_mark(text: str) -> bool:
    """:func:`is_blank_mark` without its shortcut: the text folded, then compared."""
    t = squash(text)
    return bool(t) and (t in BLANK_MARKS or set(t) <= set("—-/／"))


#: the marks' characters, what folds to them (small and full-width forms), what the shortcut
#: rules out (ASCII letters and digits, ideographs, 无 among them) and combining marks
_NEAR_MARKS = st.sampled_from(
    sorted(MARK_CHARACTERS)
    + [c for c in map(chr, range(0x2000, 0x2070)) if set(unicodedata.normalize("NFKC", c))]
    + [chr(c) for c in range(0xFE30, 0xFE70)]
    + [chr(c) for c in range(0xFF01, 0xFF5F)]
    + list("0aZ9 \u3000\t一无旡日\u3400\u65df\u65e1\u9fff\u0301\u0338")
)


@settings(max_examples=3000, deadline=None)
@given(st.one_of(st.text(_NEAR_MARKS, max_size=6), st.text(max_size=6)))
def test_the_blank_mark_shortcut_is_exact(text: str) -> None:
    assert is_blank_mark(text) == _folded_blank_mark(text)


def test_the_blank_mark_shortcut_for_every_character() -> None:
    """Every character alone, and beside a mark: the shortcut rules out no mark."""
    wrong = [
        c
        for c in map(chr, range(0x30000))
        if not 0xD800 <= ord(c) < 0xE000
        and (
            is_blank_mark(c) != _folded_blank_mark(c)
            or is_blank_mark("—" + c) != _folded_blank_mark("—" + c)
        )
    ]
    assert wrong == []


def test_character_boxes_are_pypdfium2s() -> None:
    """The PDF reader's character boxes (pdfium's call, four doubles made once a page) are
    pypdfium2's ``get_charbox``, for every character of every page of the packaged PDF."""
    pypdfium2 = pytest.importorskip("pypdfium2")
    from opengovreport.reading._pdf import PDFError
    from opengovreport.reading._pdflines import _CharBox

    pdf = pypdfium2.PdfDocument(ogr.examples.path("hongze-quzhengfu-2024.pdf").read_bytes())
    try:
        for page in pdf:
            textpage = page.get_textpage()
            charbox = _CharBox(textpage)
            count = textpage.count_chars()
            assert count > 100
            assert [charbox(i) for i in range(count)] == [
                textpage.get_charbox(i) for i in range(count)
            ]
            with pytest.raises(PDFError, match="no box for character"):
                charbox(count + 5)
            textpage.close()
            page.close()
    finally:
        pdf.close()
