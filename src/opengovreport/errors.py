"""The exceptions of opengovreport: one tree, so that one clause catches anything the library
raises on bad input.

::

    OpenGovReportError
    ├── InputError (ValueError)          a value, file or argument the library cannot take
    │   ├── LoadError                    report JSON that does not load (opengovreport.loads)
    │   ├── ParseError                   a file or text that holds no report (read, parse)
    │   ├── CheckError                   what check() cannot check
    │   ├── ReviewError                  a review file that does not load
    │   └── ThresholdsError              thresholds that do not load
    ├── NotFoundError (KeyError)         a name that names nothing: a cell, row, rule, example …
    ├── WrongTypeError (TypeError)       an object of a kind the call does not take
    ├── ExtraMissingError (ImportError)  an optional extra not installed; says which to install
    │   └── OCRUnavailableError          no OCR engine for a scan
    ├── IngestError                      a dataset folder ingest cannot write or read
    │   └── LockHeldError                another run holds the dataset's lock
    └── NotAFileError (OSError)          a path that is not a regular file (a folder, a device)

Each keeps the built-in type it derived from before (``except ValueError`` still catches a
``LoadError``) and is importable where it was and from ``opengovreport``. ``LoadError``,
``ParseError`` and ``CheckError`` carry what their module found (the problems, the status, the
findings), so they are defined there (:mod:`opengovreport.io`, :mod:`opengovreport.reading`,
:mod:`opengovreport.checks`) on the bases here. Errors of the libraries underneath (lxml, pypdfium2,
python-docx, pyarrow, json …) are mapped to these where the library calls them, with the file
and place named; they never escape as themselves.
"""

import re
from collections.abc import Callable, Iterable
from typing import TypeVar

__all__ = [
    "ExtraMissingError",
    "IngestError",
    "InputError",
    "LockHeldError",
    "NotAFileError",
    "NotFoundError",
    "OCRUnavailableError",
    "OpenGovReportError",
    "ReviewError",
    "ThresholdsError",
    "WrongTypeError",
]


class OpenGovReportError(Exception):
    """The base of every exception opengovreport raises on bad input or a job it cannot do."""


class InputError(OpenGovReportError, ValueError):
    """A value, file or argument the library cannot take; the message says what and where."""


class ReviewError(InputError):
    """A review file (``check --review``) that cannot be read or written: names the file and
    what is wrong."""


class ThresholdsError(InputError):
    """Thresholds that cannot be: an unknown indicator, lines in the wrong order, a file that
    is not thresholds JSON. The message names what and where."""


class NotFoundError(OpenGovReportError, KeyError):
    """A name that names nothing: a cell path, a row, a table, a rule, an indicator, an
    example. The message lists what there is where the list is short."""

    def __str__(self) -> str:
        # KeyError quotes its argument; a message is shown as written
        return str(self.args[0]) if self.args else ""


T = TypeVar("T")

# An object's default repr, ``<_io.BytesIO object at 0x7f…>``: libraries put it in messages
# (Pillow names the buffer it could not identify), and it differs from one run to the next.
_ADDRESSED = re.compile(r"\s*<[^<>]*\bat 0x[0-9a-fA-F]+>")


def said(exc: BaseException) -> str:
    """What a library underneath said, as a reason's text: its type and its message, without
    the memory address of any object it names — the same text for the same file on every read."""
    return f"{type(exc).__name__}: {_ADDRESSED.sub('', str(exc))}"


def first(items: Iterable[T], test: Callable[[T], bool], missing: str) -> T:
    """The first of ``items`` that passes ``test``; :class:`NotFoundError` saying ``missing``
    where none does."""
    for item in items:
        if test(item):
            return item
    raise NotFoundError(missing)


class WrongTypeError(OpenGovReportError, TypeError):
    """An object of a kind the call does not take (a table where a report is asked for …)."""


class ExtraMissingError(OpenGovReportError, ImportError):
    """An optional extra is not installed; the message names the ``pip install`` to run."""


class OCRUnavailableError(ExtraMissingError):
    """No OCR engine is installed: the message says which extra to install."""


class IngestError(OpenGovReportError):
    """What :func:`opengovreport.ingest.ingest` cannot do: sources that name nothing, an ``out``
    it cannot use, a bucket it could not write. A file that cannot be read is no error: it is
    recorded."""


class LockHeldError(IngestError):
    """Another run holds the dataset folder's lock."""


class NotAFileError(OpenGovReportError, OSError):
    """A path that is not a regular file (a folder, a FIFO, a device)."""
