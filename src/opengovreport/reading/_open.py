"""A file opened and its bytes taken, under the limits of what :func:`~._files.read` takes
on: a regular file only (a FIFO, a device or a folder named as what it is, before it is opened),
its size bounded, its bytes read a few megabytes at a time within the time budget."""

import os
import stat
import time
from typing import BinaryIO

import attrs

from ..errors import NotAFileError, said
from ..schema import Label
from ._pdferrors import TimeBudgetError
from ._result import Reason

__all__ = [
    "Limits",
    "TooLargeError",
    "cannot_open",
    "file_bytes",
    "open_regular",
    "over_limit",
]

_MB = 2**20


@attrs.frozen(kw_only=True)
class Limits:
    """What :func:`~opengovreport.read` takes on before it calls a file ``unreadable``: raise any
    of them for a file you trust. The defaults are far above any real report (a few pages, a
    few hundred cells) and far below what would exhaust a machine."""

    #: the file's size
    bytes: int = 64 * _MB
    #: a PDF's pages
    pages: int = 300
    #: the cells of the tables of a Word document or web page
    cells: int = 50_000
    #: the memory a PDF's reader may take beyond its own (its streams inflated, its pages
    #: read: a decompression bomb stops it), and what a Word document's parts inflate to
    inflated: int = 256 * _MB
    #: seconds a file may take, from before it is opened (a PDF's reader is stopped when they
    #: are up); ``None``: no limit
    seconds: float | None = 60.0
    #: seconds each page of a scan adds to ``seconds``: OCR takes 5–10 s of one core a page,
    #: so a scan's budget grows with its pages (a 30-page scan: 60 + 30 × 30 s). A page is
    #: begun only within the budget; read on workers (``Corpus``), a page begun is also
    #: stopped once it has taken this long
    scan_page_seconds: float = 30.0


#: what each kind of file that is not a regular one is called
_NOT_FILES = {
    stat.S_IFDIR: Label("文件夹", "a folder"),
    stat.S_IFIFO: Label("命名管道", "a FIFO (named pipe)"),
    stat.S_IFSOCK: Label("套接字", "a socket"),
    stat.S_IFCHR: Label("字符设备", "a character device"),
    stat.S_IFBLK: Label("块设备", "a block device"),
}


class _NotAFileError(NotAFileError):
    def __init__(self, reason: Reason):
        super().__init__(reason.text("en"))
        self.reason = reason


def _not_a_file(path: str, mode: int) -> NotAFileError:
    what = _NOT_FILES.get(stat.S_IFMT(mode), Label("非普通文件", "not a regular file"))
    if os.path.islink(path):
        what = Label(f"指向{what.zh}的链接", f"a link to {what.en}")
    return _NotAFileError(Reason.of("not-a-file", what=what))


def open_regular(path: "str | os.PathLike[str]") -> BinaryIO:
    """The regular file at ``path``, open for reading. Its kind is looked at before it is
    opened (a FIFO would block the opening, a device never end), and again on what was opened:
    :class:`NotAFileError` for anything else, ``OSError`` where it cannot be opened."""
    where = os.fspath(path)
    mode = os.stat(where).st_mode
    if not stat.S_ISREG(mode):
        raise _not_a_file(where, mode)
    fd = os.open(where, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):  # replaced since it was looked at
            raise _not_a_file(where, mode)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def over_limit(limits: Limits) -> Reason:
    """Why a file larger than ``limits.bytes`` is not read, where its size was not measured
    before it was read (bytes in memory, a file that grew, a store's first bytes)."""
    return Reason.of("over-limit", limit=limits.bytes)


def cannot_open(exc: BaseException) -> Reason:
    """Why a file that could not be opened or read is not read: what the system said (an
    ``OSError``'s words), or the error of the store that holds it."""
    if isinstance(exc, OSError) and exc.strerror:
        return Reason.of("cannot-open", why=exc.strerror)
    return Reason.of("cannot-open", why=said(exc))


class TooLargeError(Exception):
    def __init__(self, size: int):
        self.size = size


def file_bytes(path: str, limit: int, deadline: float | None) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` + 1, read a few megabytes
    at a time until ``deadline`` (:class:`TimeBudgetError` past it); ``TooLargeError`` where its
    size is over ``limit``."""
    with open_regular(path) as file:
        size = os.fstat(file.fileno()).st_size
        if size > limit:
            raise TooLargeError(size)
        chunks: list[bytes] = []
        got = 0
        # as much as its size says, then what it grew by since, up to the limit
        while got <= limit:
            if deadline is not None and time.monotonic() > deadline:
                raise TimeBudgetError()
            chunk = file.read(min(max(size + 1 - got, 1 << 16), 4 * _MB, limit + 1 - got))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
        return b"".join(chunks)
