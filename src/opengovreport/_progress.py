"""One progress display for every long run: the corpus, the command line.

On a terminal it is a bar on standard error once a run has taken half a second, redrawn at most
ten times a second, cleared at the end; in a Jupyter notebook, a line of HTML updated in place;
elsewhere (a pipe, a log file, a test) nothing.
"""

import sys
import time
from typing import IO, Any

__all__ = ["Progress"]

_WIDTH = 30
#: a run done sooner shows no bar on a terminal (a bar that flashes is noise)
_DELAY = 0.5


def _in_notebook() -> bool:
    shell = sys.modules.get("IPython")
    if shell is None:
        return False
    try:
        ip = shell.get_ipython()
    except AttributeError:  # pragma: no cover - an IPython without get_ipython
        return False
    return ip is not None and type(ip).__name__ == "ZMQInteractiveShell"


class Progress:
    """How much of ``total`` is done, shown while it runs.

    ``enabled=False`` shows nothing; otherwise it shows on ``stream`` (default standard error)
    when that is a terminal, or in a Jupyter notebook's output, and only for more than one item.
    """

    def __init__(
        self,
        total: int,
        label: str = "",
        *,
        enabled: bool = True,
        stream: IO[str] | None = None,
    ):
        self.total = total
        self.done = 0
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self._shown = 0.0
        self._start = time.monotonic()
        self._drawn = False
        self._handle: Any = None
        tty = self.stream is not None and getattr(self.stream, "isatty", lambda: False)()
        self.mode = "off"
        if enabled and total > 1:
            self.mode = "terminal" if tty else "notebook" if _in_notebook() else "off"

    def advance(self, n: int = 1) -> None:
        """``n`` more items are done."""
        self.done += n
        if self.mode == "off":
            return
        now = time.monotonic()
        if self.mode == "terminal" and now - self._start < _DELAY:
            return
        if now - self._shown < 0.1 and self.done < self.total:
            return
        self._shown = now
        self._draw()

    def _text(self) -> str:
        filled = int(_WIDTH * self.done / max(1, self.total))
        bar = "#" * filled + " " * (_WIDTH - filled)
        label = f" {self.label}" if self.label else ""
        return f"[{bar}] {self.done}/{self.total}{label}"

    def _draw(self) -> None:
        if self.mode == "terminal":
            self._drawn = True
            self.stream.write("\r" + self._text())
            self.stream.flush()
        elif self.mode == "notebook":  # pragma: no cover - needs a running notebook
            from IPython.display import HTML, display

            html = HTML(f"<pre>{self._text()}</pre>")  # type: ignore[no-untyped-call]
            if self._handle is None:
                self._handle = display(html, display_id=True)  # type: ignore[no-untyped-call]
            else:
                self._handle.update(html)

    def close(self) -> None:
        """Clear the bar from a terminal (a notebook keeps its last line)."""
        if self.mode == "terminal" and self._drawn:
            self.stream.write("\r" + " " * (len(self._text()) + 1) + "\r")
            self.stream.flush()
        elif self.mode == "notebook" and self.done:  # pragma: no cover - needs a notebook
            self._draw()
        self.mode = "off"

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
