"""What reading a PDF raises: :class:`PDFError` (the file cannot be read, and why) and
:class:`TimeBudgetError` (its time is up), and the check of a deadline between pages."""

import time

from ..schema import Label
from ._result import Reason, ReasonError

__all__ = ["PDF_EXTRA", "PDFError", "TimeBudgetError", "check_deadline"]


class PDFError(ReasonError):
    """The PDF cannot be read: ``reason`` says why (for the status ``unreadable``)."""


class TimeBudgetError(PDFError):
    """Reading took longer than the file's time budget."""

    def __init__(self, reason: Reason | None = None):
        super().__init__(reason or Reason.of("time-budget"))


#: what the extra ``pdf`` is needed for
PDF_EXTRA = Reason.of("extra", what=Label("读取 PDF", "reading PDF"), extra="pdf")


def check_deadline(deadline: float | None) -> None:
    if deadline is not None and time.monotonic() > deadline:
        raise TimeBudgetError()
