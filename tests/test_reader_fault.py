"""An exception no step of reading expected, raised in the PDF worker, is named for what it is:
a fault of this library (the module and line it was raised in) where its innermost frame
outside the standard library is this library's code, else the file's (``damaged``: what the
library underneath said). Before, both were ``damaged``: a fault of the reader looked like a
damaged file."""

import io
from pathlib import Path

import pytest

import opengovreport as ogr
from opengovreport.errors import NotFoundError
from opengovreport.reading import _pdf, _pdfworker
from opengovreport.reading._reason import Reason, failure

PDF = Path(ogr.__file__).parent / "examples" / "published"


def _packaged_pdf() -> bytes:
    return next(PDF.glob("*.pdf")).read_bytes()


def _ours(pdf: object, deadline: object) -> object:
    return Reason.of("no-such-reason")  # this library's code raises (an unknown code)


def _theirs(pdf: object, deadline: object) -> object:
    from PIL import Image

    return Image.open(io.BytesIO(b"not a picture"))  # a library underneath raises


def test_a_fault_of_the_reader_is_named_with_where(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_pdf, "pdfium_text", _ours)
    kind, reason = _pdfworker._answered("pdfium", _packaged_pdf(), {"pages": 50, "deadline": None})
    assert kind == "error"
    assert reason.code == "reader-fault"
    assert str(reason.field("where")).startswith("opengovreport/reading/_reason.py:")
    assert "NotFoundError" in str(reason.field("error"))
    assert "a fault of this library" in reason.text("en")
    assert "本库的缺陷" in reason.text("zh")


def test_what_a_library_underneath_says_is_the_file_s(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_pdf, "pdfium_text", _theirs)
    kind, reason = _pdfworker._answered("pdfium", _packaged_pdf(), {"pages": 50, "deadline": None})
    assert (kind, reason.code) == ("error", "damaged")
    assert "UnidentifiedImageError" in str(reason.field("error"))


def test_the_standard_library_is_looked_through() -> None:
    """A comparison raising inside this library's code is the library's fault, as is an
    exception raised in it through the standard library's frames; an exception made but never
    raised has no frames and is the file's."""
    kind, reason = _pdfworker._answered(
        "pdfium", _packaged_pdf(), {"pages": "many", "deadline": None}
    )
    assert (kind, reason.code) == ("error", "reader-fault")  # a count compared with a str
    with pytest.raises(NotFoundError) as raised:
        Reason.of("no-such-reason")
    assert failure(raised.value).code == "reader-fault"
    assert failure(ValueError("x")).code == "damaged"
