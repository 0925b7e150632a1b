"""PDF readers in a worker process: pdfium (and pdfplumber, pdftotext) never run in the
calling process, so that no PDF can take it down.

One worker a process, started on the first PDF and kept; a lock lets one thread at a time use
it, which serialises pdfium (not thread-safe). Each request is read under a memory limit
(``RLIMIT_AS``: the worker's size then plus ``Limits.inflated``) and a time limit (the caller's
deadline: the worker stops between pages, and is killed half a second past it). A worker that
dies — out of memory on a decompression bomb, crashed in pdfium, killed — is replaced on the
next request; the file it died on is ``unreadable`` with the reason.

The protocol, over the worker's standard input and output (its fd 1 pointed at its stderr,
/dev/null, so that nothing a library prints comes between them): a request is the lengths of a
pickle of (operation, options) and of the file's bytes (8 bytes each), the pickle, and the bytes
as they are (never copied into a pickle); an answer, a pickle of (kind, value) after its length.
"""

import atexit
import contextlib
import os
import pickle
import select
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from ._pdf import PDFError, TimeBudgetError
from ._pdfrender import Bitmap, pages_for_ocr
from ._reason import failure
from ._result import Reason

__all__ = ["PdfiumText", "pdfium", "render", "text_by"]

_MB = 2**20
#: the worker's program, its C heap kept first (-c, not -m: its pickles name this module)
_MAIN = "from opengovreport.reading import _pdfheap as h, _pdfworker as w;h.steady_heap();w.main()"
#: how a worker ends that could not have the memory it asked for
_OUT_OF_MEMORY = (signal.SIGABRT, signal.SIGKILL)
#: how long past the deadline a worker that does not answer is given before it is killed
_GRACE = 0.5


class PdfiumText(NamedTuple):
    """What pdfium read of a PDF."""

    pages: int
    #: the text of every page (empty where ``pages`` is over the limit)
    text: str
    #: the characters the pages hold
    chars: int
    #: whether its first pages hold images (looked at only where it has no text)
    scanned: bool
    #: whether a row's characters are drawn over one another (as pdfium_text tells)
    drawn_over: bool = False


# --- the worker's side --------------------------------------------------------------------------


def _read_exact(fd: int, size: int) -> bytes:
    chunks = []
    while size:
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            return b""
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _frame(value: object) -> bytes:
    body = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return len(body).to_bytes(8, "big") + body


def _vm_size() -> int:
    """The worker's virtual size (what ``RLIMIT_AS`` bounds)."""
    with open("/proc/self/statm", "rb") as file:
        return int(file.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _limit_memory(extra: int | None) -> None:
    """``RLIMIT_AS`` at the worker's size now plus ``extra`` bytes (never past its hard limit);
    ``None``: up to the hard limit."""
    import resource

    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    soft = hard
    if extra is not None:
        try:
            wanted = _vm_size() + extra
        except OSError:  # no /proc: no limit but the hard one
            wanted = hard
        soft = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _pdfium(data: bytes, pages: int, deadline: float | None) -> PdfiumText:
    from ._pdf import has_images, open_pdf, pdfium_text

    pdf = open_pdf(data)
    try:
        count = len(pdf)
        if count > pages:
            return PdfiumText(count, "", 0, False)
        text, chars, over = pdfium_text(pdf, deadline)
        bare = chars < 20 * max(1, min(count, 3)) and not text.strip()
        return PdfiumText(count, text, chars, bare and has_images(pdf), over)
    finally:
        pdf.close()


def _other(reader: str, data: bytes, deadline: float | None) -> str:
    from ._pdf import pdfplumber_text, pdftotext_text

    if reader == "pdftotext":
        return pdftotext_text(data, deadline)
    return pdfplumber_text(data, deadline)


def _answered(operation: str, data: bytes, options: dict[str, Any]) -> tuple[str, Any]:
    """A request's answer: what the operation gave, or its error as a reason (an exception
    raised in this library's own code is named as its fault, not the file's: :func:`failure`)."""
    try:
        own: Callable[..., Any] | None = {"pdfium": _pdfium, "render": pages_for_ocr}.get(operation)
        return ("ok", own(data, **options) if own else _other(operation, data, **options))
    except TimeBudgetError as exc:
        return ("time", exc.reason)
    except PDFError as exc:
        return ("error", exc.reason)
    except MemoryError:
        return ("memory", "")
    except RecursionError:
        return ("error", Reason.of("too-deep", error="RecursionError"))
    except Exception as exc:  # a library's error on a damaged file, or a fault of this one's
        return ("error", failure(exc))


def main() -> None:
    """The worker's loop: a request in, its answer out, until its input closes."""
    requests = sys.stdin.buffer.fileno()
    answers = os.dup(sys.stdout.buffer.fileno())
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # prints go where stderr goes
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the caller's to handle
    while True:
        _limit_memory(None)
        head = _read_exact(requests, 16)
        if not head:
            return
        operation, options = pickle.loads(_read_exact(requests, int.from_bytes(head[:8], "big")))
        size = int.from_bytes(head[8:], "big")
        data = _read_exact(requests, size)
        if len(data) != size:
            return  # the caller went away
        _limit_memory(options.pop("memory"))
        answer = _answered(operation, data, options)
        del data
        _limit_memory(None)
        _write_all(answers, _frame(answer))
        if answer[0] == "memory":
            return  # a fresh worker for the next file


# --- the caller's side --------------------------------------------------------------------------


class _Worker:
    def __init__(self) -> None:
        if not sys.executable:
            raise PDFError(Reason.of("worker-no-python"))
        src = str(Path(__file__).resolve().parents[2])
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH")]))
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-P", "-c", _MAIN],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=env,
                start_new_session=True,  # a terminal's Ctrl-C is not its
            )
        except OSError as exc:
            raise PDFError(Reason.of("worker-start", error=str(exc))) from None
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.stdin, self.stdout = self.process.stdin, self.process.stdout

    def ask(self, request: tuple[bytes, bytes], deadline: float | None) -> tuple[str, Any]:
        """The answer to ``request`` (its parts, written in turn); ("died", the signal or exit
        status) where the worker ended without one."""
        try:
            for part in request:
                _write_all(self.stdin.fileno(), part)
        except OSError:
            return ("died", self.end())
        fd = self.stdout.fileno()
        wanted, got, size = 8, b"", None
        while True:
            wait = None if deadline is None else max(0.0, deadline + _GRACE - time.monotonic())
            ready, _, _ = select.select([fd], [], [], wait)
            if not ready:
                self.end(kill=True)
                raise TimeBudgetError()
            chunk = os.read(fd, min(wanted - len(got), 1 << 20))
            if not chunk:
                return ("died", self.end())
            got += chunk
            if len(got) < wanted:
                continue
            if size is None:
                size = int.from_bytes(got, "big")
                wanted, got = size, b""
                if size:
                    continue
            answer: tuple[str, Any] = pickle.loads(got)
            return answer

    def end(self, kill: bool = False) -> signal.Signals | int:
        """Stop the worker (killed, or its input closed) and reap it: the signal that ended
        it, or its exit status."""
        if kill:
            self.process.kill()
        for stream in (self.stdin, self.stdout):
            with contextlib.suppress(OSError):
                stream.close()
        try:
            code = self.process.wait(timeout=5)  # a worker whose input closed ends at once
        except subprocess.TimeoutExpired:
            self.process.kill()
            code = self.process.wait()
        if code < 0:
            with contextlib.suppress(ValueError):
                return signal.Signals(-code)
        return code


_lock = threading.Lock()
_worker: _Worker | None = None
#: workers a forked child inherited from its parent: kept, never used (they are the parent's)
_inherited: list[_Worker] = []


def _close() -> None:
    """The worker ended with this process (its input closed: it ends at once)."""
    global _worker
    if _worker is not None and _worker.process.returncode is None:
        _worker.end()
    _worker = None


atexit.register(_close)


def _after_fork() -> None:
    global _lock, _worker
    _lock = threading.Lock()
    if _worker is not None:
        _inherited.append(_worker)
        _worker = None


os.register_at_fork(after_in_child=_after_fork)


def _call(operation: str, data: bytes, memory: int, deadline: float | None, **options: Any) -> Any:
    """``operation`` on ``data`` in the worker, one thread at a time."""
    # the time waited for another thread's file is not this file's: its deadline moves on
    waiting = time.monotonic()
    with _lock:
        if deadline is not None:
            deadline += time.monotonic() - waiting
        head = _frame((operation, {"memory": memory, "deadline": deadline, **options}))
        request = (head[:8] + len(data).to_bytes(8, "big") + head[8:], data)  # data not pickled
        return _answer(_ask(request, deadline), memory)


def _ask(request: tuple[bytes, bytes], deadline: float | None) -> tuple[str, Any]:
    """The worker's answer to ``request`` (the lock held): a new worker where there is none,
    or where it died between files (killed); none kept after one that died or ran out of
    memory."""
    global _worker
    if _worker is not None and _worker.process.poll() is not None:
        _worker.end()
        _worker = None
    if _worker is None:
        _worker = _Worker()
    try:
        kind, value = _worker.ask(request, deadline)
    except TimeBudgetError:
        _worker = None  # killed
        raise
    except BaseException:  # Ctrl-C while it reads: its answer would come to the next file
        _worker.end(kill=True)
        _worker = None
        raise
    if kind == "memory":
        _worker.end()
    if kind in ("died", "memory"):
        _worker = None
    return kind, value


def _answer(answer: tuple[str, Any], memory: int) -> Any:
    """The value of the worker's answer, or the error it stands for."""
    kind, value = answer
    if kind == "ok":
        return value
    if kind == "time":
        raise TimeBudgetError(value)
    # pdfium aborts where it cannot have the memory it asks for; the kernel kills a process
    # out of memory: either, under the worker's limit, is a file that needs more than that
    if kind == "memory" or (kind == "died" and value in _OUT_OF_MEMORY):
        raise PDFError(Reason.of("pdf-memory", limit=memory // _MB))
    if kind == "died":
        if isinstance(value, signal.Signals):
            raise PDFError(Reason.of("pdf-crashed", how=value.name))
        raise PDFError(Reason.of("pdf-exited", code=value))
    raise PDFError(value)


def pdfium(data: bytes, *, pages: int, memory: int, deadline: float | None) -> PdfiumText:
    """pdfium's reading of the PDF ``data`` (its text unless it has more than ``pages`` pages),
    in the worker, taking at most ``memory`` bytes more than the worker has.
    :class:`PDFError` where it cannot be read, :class:`TimeBudgetError` past ``deadline``."""
    result: PdfiumText = _call("pdfium", data, memory, deadline, pages=pages)
    return result


def text_by(reader: str, data: bytes, *, memory: int, deadline: float | None) -> str:
    """The text of the PDF ``data`` by ``reader`` (``pdftotext`` or ``pdfplumber``), in the
    worker, as :func:`pdfium` reads it."""
    text: str = _call(reader, data, memory, deadline)
    return text


def render(data: bytes, *, dpi: int, memory: int, deadline: float | None) -> list[Bitmap]:
    """The pages of the PDF ``data`` grey for the OCR (a page that is one picture as that
    picture, any other rendered at ``dpi``), in the worker, as :func:`pdfium` reads it (the
    caller has checked how many pages it has)."""
    pages: list[Bitmap] = _call("render", data, memory, deadline, dpi=dpi)
    return pages
