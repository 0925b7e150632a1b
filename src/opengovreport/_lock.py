"""One writer at a time on a folder: a lock in the folder, held for a run, released when the run
ends or its process dies.

Where the filesystem has it, the lock is an ``fcntl`` lock (``flock``) on ``lock``: the kernel
(or the network filesystem's lock manager) releases it when the holder's process dies, so it is
never stale. ``lock`` then says who holds it, for the message of a run that finds it held.

Elsewhere (no ``fcntl``, or a filesystem that refuses it), the lock is the file ``lock.held``,
made only if it does not exist, holding its holder's host, process id and the process's start,
its time refreshed every :data:`HEARTBEAT` seconds while it is held. Such a lock is stale, and
broken by the next run, when its holder is on this host and its process is gone (or the process
id is another process's now), or when its time is older than :data:`STALE_AFTER` seconds (a
holder on another host that stopped without a word).
"""

import contextlib
import errno
import json
import os
import socket
import threading
import time
import uuid
from pathlib import Path
from types import ModuleType, TracebackType

from .errors import LockHeldError

fcntl: ModuleType | None
try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None

__all__ = ["HEARTBEAT", "STALE_AFTER", "Lock", "LockHeldError", "holder_text"]

#: seconds between two refreshes of a held lock file's time
HEARTBEAT = 30.0
#: a lock file whose time is older than this many seconds is stale, wherever its holder runs
STALE_AFTER = 600.0
#: what a filesystem without file locks answers
_NO_LOCKS = {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOTSUP, errno.ENOSYS, errno.EINVAL}


def _started(pid: int) -> str:
    """When process ``pid`` started (clock ticks after boot, from ``/proc``), or ``""``."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        return ""
    return stat.rsplit(")", 1)[1].split()[19]


def holder_text(*, host: str | None = None, pid: int | None = None) -> str:
    """What a lock says of its holder (this process, unless told): JSON."""
    pid = os.getpid() if pid is None else pid
    return json.dumps(
        {
            "host": socket.gethostname() if host is None else host,
            "pid": pid,
            "started": _started(pid),
            "since": time.strftime("%Y-%m-%d %H:%M:%S"),
        }
    )


def _describe(text: str) -> str:
    try:
        holder = json.loads(text)
        return f"{holder['host']}, pid {holder['pid']}, since {holder['since']}"
    except (ValueError, KeyError, TypeError):
        return "holder unknown"


def _stale(path: Path, text: str) -> bool:
    """Whether the lock file ``path`` holding ``text`` is stale (the module's rule)."""
    try:
        age = time.time() - path.stat().st_mtime
    except FileNotFoundError:
        return True
    if age > STALE_AFTER:
        return True
    try:
        holder = json.loads(text)
        host, pid, started = holder["host"], int(holder["pid"]), holder["started"]
    except (ValueError, KeyError, TypeError):
        return False  # half written: its time decides
    if host != socket.gethostname():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # another user's process: alive
        return False
    return bool(started) and _started(pid) not in ("", started)


class Lock:
    """The lock of ``folder`` (which must exist), as a context manager: :class:`LockHeldError` when
    another process holds it, ``OSError`` when the folder cannot be written."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._fd: int | None = None
        self._held: Path | None = None
        self._stop = threading.Event()
        self._beat: threading.Thread | None = None

    def __enter__(self) -> "Lock":
        if fcntl is not None and self._flock():
            return self
        self._file()
        return self

    def _flock(self) -> bool:
        """Take the ``fcntl`` lock; ``False`` where the filesystem has none."""
        assert fcntl is not None
        fd = os.open(self.folder / "lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            text = os.pread(fd, 4096, 0).decode("utf-8", "replace")
            os.close(fd)
            raise LockHeldError(_describe(text)) from None
        except OSError as exc:
            os.close(fd)
            if exc.errno in _NO_LOCKS:
                return False
            raise
        os.ftruncate(fd, 0)
        os.pwrite(fd, holder_text().encode("utf-8"), 0)
        self._fd = fd
        return True

    def _file(self) -> None:
        """Make ``lock.held``, breaking a stale one once."""
        path = self.folder / "lock.held"
        for _attempt in range(2):
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                try:
                    text = path.read_text(encoding="utf-8")
                except FileNotFoundError:  # released meanwhile
                    continue
                if not _stale(path, text):
                    raise LockHeldError(_describe(text)) from None
                # broken by a rename, which one run only can do, then gone
                aside = path.with_name(f"{path.name}.stale-{uuid.uuid4().hex}")
                with contextlib.suppress(FileNotFoundError):
                    os.rename(path, aside)
                    aside.unlink()
                continue
            with os.fdopen(fd, "w", encoding="utf-8") as file:
                file.write(holder_text())
            self._held = path
            self._beat = threading.Thread(target=self._heartbeat, daemon=True)
            self._beat.start()
            return
        raise LockHeldError(_describe(""))

    def _heartbeat(self) -> None:
        while not self._stop.wait(HEARTBEAT):
            if self._held is not None:
                with contextlib.suppress(OSError):
                    os.utime(self._held)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, 0)
            os.close(self._fd)  # releases the lock
            self._fd = None
        if self._held is not None:
            self._stop.set()
            if self._beat is not None:
                self._beat.join()
            with contextlib.suppress(FileNotFoundError):
                self._held.unlink()
            self._held = None
