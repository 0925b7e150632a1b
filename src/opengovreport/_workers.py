"""A function over many items on several processes that survives the death of any of them.

:func:`run` maps a function over items in order, on this process and ``workers − 1`` children.
A child that dies — killed, out of memory, crashed in a C library — never hangs the caller nor
loses the finished work: its chunk is done again item by item in a new child, and an item whose
child dies again gets the result ``failed(item, reason)`` instead. The children are started with
``fork`` where the system has it, so that they read the items (reports, paths) from this
process's memory instead of receiving them pickled. A child never outlives this process: killed
(``kill -9``, a kernel restart, the out-of-memory killer), it takes its children with it.
"""

import contextlib
import ctypes
import gc
import multiprocessing
import os
import selectors
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import attrs

from ._progress import Progress
from .errors import WrongTypeError
from .reading._result import Reason

__all__ = ["more_time", "run"]

T = TypeVar("T")
R = TypeVar("R")


#: results a child sends at a time: small messages, so that a child seldom waits for this
#: process to read (5,000 files on two processes: 2.0 s with whole chunks, 0.9 s with these)
_BATCH = 8
#: under a time budget, the longest a child holds a result before it sends it, in seconds
#: (a message a result cost this process about 50 µs a file in waits and reads)
_FLUSH = 0.05


#: prctl's option that sends the calling process a signal when its parent dies (Linux)
_PR_SET_PDEATHSIG = 1


#: in a child of :func:`run` under a time budget, its end of the pipe to the parent: where
#: :func:`more_time` asks for more time
_to_parent: Any = None


def more_time(seconds: float) -> None:
    """Ask that the item this process is working on not be stopped for ``seconds`` from now.
    In a child of :func:`run` under a time budget, the parent then stops it no sooner; anywhere
    else nothing happens (whoever set a deadline there keeps it). A reader calls it as it
    learns that an item needs more than the budget (a scan's OCR, as it begins each page), so
    that an item read on workers gets the time it gets in one process."""
    if _to_parent is not None and seconds > 0:
        _to_parent.send(float(seconds))


def _exit_with(parent: int) -> None:
    """End this process when the process ``parent`` dies (killed, out of memory): on Linux the
    kernel kills it then; elsewhere the pipe to the parent, closed in this process, reaches
    end-of-file and the loop ends."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # it died before the kernel was told
        os._exit(0)


def _child(
    fn: Callable[[Any], Any],
    items: Sequence[Any],
    conn: Any,
    batch: int,
    parent: int,
    inherited: Any = None,
    flush: float | None = None,
    pack: Callable[[list[Any]], Any] | None = None,
) -> None:
    """A child's loop: receive a task, send back its results a few at a time, until told to
    stop or the parent is gone. ``inherited``: the parent's end of the pipe, which a forked
    child holds too, closed so that end-of-file reaches this end when the parent dies.
    ``flush``: results are also sent once they have waited this long (under a time budget,
    the parent times a child from its last message). ``pack``: what is sent of each batch of
    results (:func:`run`)."""
    global _to_parent
    _exit_with(parent)
    # its own garbage collected, whether or not this process's collector was paused when it
    # was forked (the parent's part beside its workers makes no cycles; a reader may)
    gc.enable()
    if inherited is not None:
        inherited.close()
    # only a child timed by its parent asks it for more time (a forked child's inherited
    # pipe is not its own)
    _to_parent = conn if flush is not None else None
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        while True:
            task = conn.recv()
            if task is None:
                return
            start, end = task
            done: list[Any] = []
            sent = time.monotonic()
            for i in range(start, end):
                done.append(fn(items[i]))
                if len(done) == batch or (flush is not None and time.monotonic() - sent > flush):
                    conn.send(done if pack is None else pack(done))
                    done, sent = [], time.monotonic()
            if done:
                conn.send(done if pack is None else pack(done))
    except (EOFError, OSError):  # the parent is gone: nothing to do, no one to tell
        return


def _reason(process: Any, timeout: float | None = None, asked: float = 0.0) -> Reason:
    if timeout is not None:
        if asked:
            return Reason.of("time-budget-asked", seconds=f"{timeout:g}", asked=f"{asked:g}")
        return Reason.of("time-budget-of", seconds=f"{timeout:g}")
    code = process.exitcode
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return Reason.of("worker-killed", how=name)
    return Reason.of("worker-ended", code=str(code))


@attrs.define
class _Child:
    """A child process, its end of the pipe, and the items it is working on."""

    process: Any
    conn: Any
    #: the next item whose result it will send, and the end of its task (start == end: idle)
    next: int = 0
    end: int = 0
    #: whether its task was a single item given again after a child died on it
    retry: bool = False
    #: the task it was given to begin as soon as it ends this one (start, end, retry), so that
    #: it does not wait for this process between tasks; ``None`` where it has none
    ahead: tuple[int, int, bool] | None = None
    #: when the item it is on may be stopped, at the soonest: the time budget from when it last
    #: sent a result or was given its task, or later where it asked for more (:func:`more_time`)
    until: float = 0.0
    #: the most seconds it asked for at once on the item it is on
    asked: float = 0.0
    #: whether it was stopped for taking longer than the time budget
    late: bool = False


def run(
    fn: Callable[[T], R],
    items: Sequence[T],
    workers: int = 1,
    *,
    failed: Callable[[T, Reason], R],
    progress: Progress | None = None,
    context: str | None = None,
    chunk: int | None = None,
    timeout: float | None = None,
    pack: Callable[[list[R]], Any] | None = None,
    unpack: Callable[[Any], list[R]] | None = None,
    batch: int = _BATCH,
) -> list[R]:
    """``[fn(item) for item in items]``, on this process and ``workers − 1`` child processes.

    ``fn`` should catch what a bad item raises; ``failed(item, reason)`` is the result of an
    item whose worker process died twice (once in its chunk, once alone). ``context`` is a
    :mod:`multiprocessing` start method (default: the system's). Results are in the order of
    ``items``, whatever the number of workers.

    ``timeout`` (with two workers or more) is each item's time budget in seconds: a child that
    takes longer on an item is stopped, and the item, given alone to a new child, fails with
    the reason if it takes longer again. The children then do every item (this process does
    none, as it could not be stopped), sending their results a few at a time but never
    holding one longer than :data:`_FLUSH` or a tenth of the budget (a child stopped loses the
    results it held: they are done again, each alone). An item is stopped after at least
    ``timeout`` seconds and at most a tenth more, and later by what ``fn`` asked for on it
    through :func:`more_time`.

    ``pack`` and ``unpack`` (both or neither): a child sends ``pack(results)`` of each few
    results it holds, in order, and this process takes ``unpack`` of it for those results —
    one message of columns, say, for results that each hold a few values. ``batch``: the most
    results a child sends in one message.
    """
    if (pack is None) is not (unpack is None):
        raise WrongTypeError("pack and unpack are given together, or neither")
    tick = progress.advance if progress is not None else (lambda k: None)
    if workers <= 1 or len(items) < 2:
        out: list[R] = []
        for item in items:
            out.append(fn(item))
            tick(1)
        return out
    pool = _Pool(fn, items, workers, failed, tick, context, timeout, pack, unpack, batch)
    try:
        pool.plan(chunk)
        pool.work()
    finally:
        pool.close()
    return pool.out


class _Pool:
    """:func:`run` on ``workers − 1`` children (or ``workers`` under a time budget): the
    items' results, the tasks not yet given, and the children with what each is on."""

    def __init__(
        self,
        fn: Callable[[Any], Any],
        items: Sequence[Any],
        workers: int,
        failed: Callable[[Any, Reason], Any],
        tick: Callable[[int], object],
        context: str | None,
        timeout: float | None,
        pack: Callable[[list[Any]], Any] | None,
        unpack: Callable[[Any], list[Any]] | None,
        batch: int,
    ) -> None:
        self.fn, self.items, self.workers, self.failed, self.tick = fn, items, workers, failed, tick
        self.timeout, self.pack, self.unpack, self.batch = timeout, pack, unpack, batch
        self.out: list[Any] = [_PENDING] * len(items)
        #: this process's own items, and the tasks (start, end, retry) for the children
        self.own: deque[int] = deque()
        self.tasks: deque[tuple[int, int, bool]] = deque()
        self.flush = None if timeout is None else min(_FLUSH, timeout / 10)
        # a child times an item from its last message, which may be up to ``flush`` before
        # the item began: the allowance keeps each item's budget at least ``timeout``
        self.budget = (
            timeout + self.flush if timeout is not None and self.flush is not None else 0.0
        )
        self.helpers = workers - 1 if timeout is None else workers
        self.ctx: Any = multiprocessing.get_context(context)
        self.forks = self.ctx.get_start_method() == "fork"
        self.children: list[_Child] = []
        # each child's end of the pipe and its sentinel (readable when it ends), watched at once
        self.watched = selectors.DefaultSelector()

    def plan(self, chunk: int | None) -> None:
        """The items in chunks: every ``workers``-th chunk this process's own (results come
        back pickled, and receiving them costs this process about what a child spends on its
        own share: bench_corpus.py), the others tasks for the children; under a time budget
        every chunk is the children's."""
        n = len(self.items)
        size = chunk or max(1, n // (self.workers * 8))
        share = self.workers if self.timeout is None else 0
        for k, a in enumerate(range(0, n, size)):
            b = min(a + size, n)
            if share and k % share == 0:
                self.own.extend(range(a, b))
            else:
                self.tasks.append((a, b, False))

    def work(self) -> None:
        """Give tasks, start children, do this process's share between reading results, until
        every item has its result."""
        for _ in range(min(self.helpers, len(self.tasks))):
            self.start_child()
        while self.own or self.tasks or any(c.next < c.end for c in self.children):
            for child in list(self.children):
                self.give(child)
            if len(self.children) < self.helpers and self.tasks:
                self.start_child()
                continue
            if self.own:  # this process's share, an item at a time between reading results
                i = self.own.popleft()
                self.out[i] = self.fn(self.items[i])
                self.tick(1)
                self.read(0)
            else:
                self.read(None)

    def give(self, child: _Child) -> None:
        """A task for ``child`` where it is idle, and its next one ahead while enough remain
        that the last ones are still given as children end theirs (they end together); never
        beside an item given again alone."""
        tasks = self.tasks
        if child.next == child.end and tasks:
            start, end, retry = tasks.popleft()
            try:
                child.conn.send((start, end))
            except OSError:  # it died idle: the task goes to another
                tasks.appendleft((start, end, retry))
                self.lost(child)
                return
            child.next, child.end, child.retry = start, end, retry
            child.until, child.asked = time.monotonic() + self.budget, 0.0
        if (
            child.ahead is None
            and child.next < child.end
            and not child.retry
            and len(tasks) >= 2 * self.helpers
            and not tasks[0][2]
        ):
            try:
                child.conn.send(tasks[0][:2])
            except OSError:  # it died: read() finds it ended
                return
            child.ahead = tasks.popleft()

    def start_child(self) -> None:
        parent, child = self.ctx.Pipe()
        args = (
            self.fn,
            self.items,
            child,
            self.batch,
            os.getpid(),
            parent if self.forks else None,
            self.flush,
            self.pack,
        )
        process = self.ctx.Process(target=_child, args=args, daemon=True)
        process.start()
        child.close()  # so that this end sees end-of-file when the child dies
        made = _Child(process, parent)
        self.children.append(made)
        self.watched.register(parent, selectors.EVENT_READ, made)
        self.watched.register(process.sentinel, selectors.EVENT_READ, made)

    def lost(self, child: _Child) -> None:
        """A child died: its unfinished items are done again one by one; an item that was
        alone already fails. A task it was given ahead and had not begun is given again as it
        was."""
        self.children.remove(child)
        self.watched.unregister(child.conn)
        self.watched.unregister(child.process.sentinel)
        child.conn.close()
        child.process.join()
        if child.ahead is not None:
            self.tasks.appendleft(child.ahead)
            child.ahead = None
        if child.next < child.end:
            if child.retry:
                late = self.timeout if child.late else None
                reason = _reason(child.process, late, child.asked)
                self.out[child.next] = self.failed(self.items[child.next], reason)
                self.tick(1)
            else:
                again = ((i, i + 1, True) for i in reversed(range(child.next, child.end)))
                self.tasks.extendleft(again)

    def receive(self, child: _Child) -> None:
        try:
            batch = child.conn.recv()
        except (EOFError, OSError):  # it died, perhaps in the middle of a message
            self.lost(child)
            return
        now = time.monotonic()
        if type(batch) is float:  # more time for the item it is on
            child.until, child.asked = max(child.until, now + batch), max(child.asked, batch)
            return
        if self.unpack is not None:
            batch = self.unpack(batch)
        self.out[child.next : child.next + len(batch)] = batch
        child.next += len(batch)
        child.until, child.asked = now + self.budget, 0.0
        self.tick(len(batch))
        if child.next == child.end and child.ahead is not None:  # on to the task given ahead
            (child.next, child.end, child.retry), child.ahead = child.ahead, None

    def read(self, limit: float | None) -> None:
        """Read what the busy children sent, waiting at most ``limit`` seconds (``None``: until
        one sends) and never past the soonest time a child may be stopped; stop the late."""
        busy = [c for c in self.children if c.next < c.end]
        if not busy:
            return
        wait = limit
        if self.timeout is not None:
            soonest = max(0.0, min(c.until for c in busy) - time.monotonic())
            wait = soonest if wait is None else min(wait, soonest)
        for key, _ in self.watched.select(wait):
            child = key.data
            if child not in self.children:
                continue
            if key.fileobj is child.conn or child.conn.poll():
                self.receive(child)
            elif not child.process.is_alive():
                self.lost(child)
        if self.timeout is not None:
            now = time.monotonic()
            for child in [c for c in self.children if c.next < c.end and now > c.until]:
                child.late = True
                child.process.kill()
                child.process.join()
                self.lost(child)

    def close(self) -> None:
        """Tell every child to stop, and stop those that do not within a second."""
        self.watched.close()
        for child in self.children:
            with contextlib.suppress(OSError):
                child.conn.send(None)
            child.conn.close()
        for child in self.children:
            child.process.join(timeout=1)
            if child.process.is_alive():
                child.process.kill()
                child.process.join()


_PENDING = object()
