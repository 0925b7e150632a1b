"""One finding or note a line, in the run's language, fitted to a width (ruff's way: where it
does not fit, the location whole and the rest wrapped below it), and the one width policy of
every text printed (:func:`fit_width`). Below the checks and the reader, so that both can lay
out what they print (:mod:`._console` lays out the command line's whole output with it)."""

import os
import shutil
from typing import IO

import attrs

from ._messages import message
from ._text import visible
from .values import Severity

__all__ = ["Line", "colour_wanted", "fit_width", "severity_name", "width"]

#: SGR codes: errors bold red, inconsistencies red, warnings yellow, the rest dim
_COLOUR = {
    Severity.ERROR: "1;31",
    Severity.INCONSISTENCY: "31",
    Severity.WARNING: "33",
    Severity.INFO: "36",
    Severity.NOT_ASSESSABLE: "2",
}


def severity_name(severity: Severity, lang: str) -> str:
    """``不一致`` / ``inconsistency``."""
    return message(f"severity.{severity.value}", lang)


def colour_wanted(stream: IO[str] | None) -> bool:
    """Colour when ``stream`` is a terminal and ``NO_COLOR`` is unset (https://no-color.org)
    and the terminal is not ``dumb``."""
    if stream is None or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def fit_width(stream: object, given: int | None = None) -> int | None:
    """The width text printed to ``stream`` is fitted to, the one policy of every text the
    library prints: ``given`` (``--width``), else ``COLUMNS`` where it is a whole number (also
    when the output is a pipe or a file), else the terminal's width where ``stream`` is a
    terminal, else none (a pipe or a file gets whole lines). Never less than 20 columns."""
    if given is not None:
        return given
    env = os.environ.get("COLUMNS", "").strip()
    if env.isdigit() and int(env) > 0:
        return max(20, int(env))
    isatty = getattr(stream, "isatty", None)
    if stream is not None and isatty is not None and isatty():
        return max(20, shutil.get_terminal_size().columns)
    return None


def width(text: str) -> int:
    """Display width: Chinese characters take two columns."""
    from wcwidth import wcswidth

    found = wcswidth(text)
    return found if found >= 0 else len(text)


@attrs.frozen
class Line:
    """One finding or note of output: where, the code and severity, what it is about, what is
    wrong, and the values. One line where it fits the width; else, as ruff prints, the location
    whole on its line (with the code and severity) and the rest on the lines below it, indented
    and wrapped at the width: no field is ever cut."""

    where: str
    code: str
    severity: Severity
    label: str = ""
    message: str = ""
    values: str = ""

    def render(self, lang: str, columns: int | None = None, colour: bool = False) -> str:
        # each field one line whatever it holds: a line of output is one record
        where, label, message = (
            visible(text, one_line=True) for text in (self.where, self.label, self.message)
        )
        body = f"{label}: {message}" if label and message else label or message
        detail = f"{body} {self.values}".strip() if self.values else body
        sev = severity_name(self.severity, lang)
        head = f"{where}: {self.code} {sev}"
        if colour:
            head = (
                f"\x1b[1m{where}\x1b[0m: \x1b[1m{self.code}\x1b[0m "
                f"\x1b[{_COLOUR[self.severity]}m{sev}\x1b[0m"
            )
        one = f"{where}: {self.code} {sev}  {detail}".rstrip()
        if columns is None or not detail or width(one) <= columns:
            return f"{head}  {detail}".rstrip()
        from .rendering.text import wrap

        lines = wrap(detail, max(10, columns - _INDENT), levels=False).splitlines()
        return "\n".join([head, *(" " * _INDENT + line for line in lines)])


#: how far the detail of a finding is indented under its location
_INDENT = 4
