"""What a PDF's compressed streams decode to, counted before any reader opens the file: each
filter a stream may be written with (deflate, LZW, run length and the ASCII ones), alone or
chained, counted as pdfium decodes it, and bombs of each refused."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opengovreport.reading._pdf import _DECODERS, _decoded, inflation_problem

from . import pdfs

FILTERS = tuple(pdfs.ENCODERS)
#: bytes of the kinds a stream holds: text operators, runs of one byte, anything
_DATA = st.one_of(
    st.binary(max_size=3000),
    st.lists(st.tuples(st.integers(0, 255), st.integers(1, 700)), max_size=30).map(
        lambda runs: b"".join(bytes([b]) * n for b, n in runs)
    ),
    st.text(alphabet="BT ET Tf Td Tj ()0123456789\n", max_size=6000).map(str.encode),
)


@settings(max_examples=300, deadline=None)
@given(_DATA, st.lists(st.sampled_from(FILTERS), min_size=1, max_size=3).map(tuple))
def test_a_stream_decodes_to_what_was_encoded_through_any_chain_of_filters(
    data: bytes, filters: tuple[str, ...]
) -> None:
    encoded = pdfs.encode(data, filters)
    names = [f.encode() for f in filters]
    assert _decoded(encoded, names, 2**40, None) == len(data)
    # each filter, keeping its bytes for the next, gives them back exactly
    for name in names:
        _total, encoded = _DECODERS[name](encoded, 2**40, True, None)
    assert encoded == data


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 200_000), st.sampled_from(["LZWDecode", "RunLengthDecode", "FlateDecode"]))
def test_counting_stops_soon_after_the_budget(budget: int, name: str) -> None:
    zeros = b"\0" * 400_000
    counted = _decoded(pdfs.encode(zeros, (name,)), [name.encode()], budget, None)
    # past the budget by at most one step: an LZW entry, a run, a megabyte of deflate
    assert budget < counted <= budget + (1 << 20)


@pytest.mark.parametrize(
    "filters",
    [
        ("FlateDecode",),
        ("LZWDecode",),
        ("RunLengthDecode",),
        ("ASCIIHexDecode",),
        ("ASCII85Decode",),
        ("ASCII85Decode", "FlateDecode"),
        ("ASCIIHexDecode", "LZWDecode"),
        ("FlateDecode", "LZWDecode"),
        ("LZWDecode", "RunLengthDecode"),
    ],
)
def test_pdfium_reads_the_streams_as_they_are_counted(filters: tuple[str, ...]) -> None:
    pdfium = pytest.importorskip("pypdfium2")
    # long enough for LZW codes of every width and a table cleared twice
    content = b"BT /F1 24 Tf 72 720 Td (START) Tj ET\n"
    content += b"".join(b"%d %d m\n" % (i, i * 7 % 1000) for i in range(6000))
    content += b"BT /F1 12 Tf 72 600 Td (END) Tj ET"
    encoded = pdfs.encode(content, filters)
    document = pdfium.PdfDocument(pdfs.page(encoded, filters))
    assert document[0].get_textpage().get_text_range() == "START\r\nEND"
    assert _decoded(encoded, [f.encode() for f in filters], 2**40, None) == len(content)


@pytest.mark.parametrize(
    "bomb",
    [
        pytest.param(lambda: pdfs.bomb(2), id="deflate"),
        pytest.param(lambda: pdfs.lzw_bomb(2), id="lzw"),
        pytest.param(lambda: pdfs.run_length_bomb(1), id="run-length"),
        pytest.param(lambda: pdfs.bomb(1, ("ASCII85Decode", "FlateDecode")), id="ascii85-deflate"),
        pytest.param(lambda: pdfs.bomb(1, ("ASCIIHexDecode", "FlateDecode")), id="hex-deflate"),
    ],
)
def test_a_bomb_of_any_filter_is_refused(bomb: object) -> None:
    data = bomb()  # type: ignore[operator]
    problem = inflation_problem(data, 256 * 2**20)
    assert problem is not None
    assert "inflate to more than 256 MB" in problem
    assert inflation_problem(data, 4 * 2**30) is None  # what it holds is counted, not guessed


def test_a_usual_report_is_not_decoded_at_all(monkeypatch: pytest.MonkeyPatch) -> None:
    def never(*args: object) -> tuple[int, bytes]:
        raise AssertionError("decoded")

    for name in list(_DECODERS):
        monkeypatch.setitem(_DECODERS, name, never)
    # 2 MB of deflate can inflate to 2 GB at most: below 4 GB nothing is looked at
    assert inflation_problem(pdfs.bomb(2), 4 * 2**30) is None
    with pytest.raises(AssertionError, match="decoded"):
        inflation_problem(pdfs.bomb(2), 256 * 2**20)
