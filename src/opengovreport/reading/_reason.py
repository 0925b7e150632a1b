"""Why a file holds no report, or what a partial one lacks, as data: a :class:`Reason` is a
code of the catalogue and the fields its text is filled from, said in zh or en."""

import functools
import sysconfig
import traceback
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from .._messages import MESSAGES, message
from ..errors import NotFoundError, said
from ..schema import Label

__all__ = ["Field", "Reason", "ReasonError", "failure", "reason_codes", "reasons_text"]


#: a field's value: a number, a text as printed, or words in each language
Field = str | int | Label


@attrs.frozen
class Reason:
    """Why a file holds no report, or one thing a ``partial`` report lacks, as data: a stable
    code of the catalogue (:func:`reason_codes`; its templates are ``reason.CODE`` of the
    library's catalogue of messages) and the fields its text is filled from — counts, limits,
    the format, and what a file or another program said, kept as it was (quoted, never
    translated). A field may be words in each language (a
    :class:`~opengovreport.schema.Label`) or another reason (what it came to).

    ``text("zh")`` and ``text("en")`` fill the code's template; an English template may say
    ``{s}``: ``s`` where the field ``n`` is not 1.
    """

    #: a stable code, e.g. ``cells-guessed``, ``encoding``, ``pdf-encrypted``
    code: str
    #: what its text is filled from, by name (``("n", 50)``, ``("error", "…")``)
    fields: tuple[tuple[str, "Field | Reason"], ...] = ()

    def __attrs_post_init__(self) -> None:
        if f"reason.{self.code}" not in MESSAGES:
            raise NotFoundError(f"no reason {self.code!r}; known: {', '.join(reason_codes())}")

    @classmethod
    def of(cls, code: str, /, **fields: "Field | Reason") -> "Reason":
        """The reason ``code`` with ``fields``."""
        return cls(code, tuple(fields.items()))

    def field(self, name: str) -> "Field | Reason | None":
        """The field ``name``, or ``None``."""
        return next((v for k, v in self.fields if k == name), None)

    def text(self, lang: str = "en") -> str:
        """What it says, in ``lang``: the code's template filled."""
        values: dict[str, object] = {}
        for name, value in self.fields:
            if isinstance(value, Label | Reason):
                values[name] = value.text(lang)
            else:  # what a file or a program said, on one line
                values[name] = " ".join(value.split()) if isinstance(value, str) else value
        values.setdefault("s", "" if self.field("n") == 1 else "s")
        return message(f"reason.{self.code}", lang, **values)

    def to_dict(self) -> dict[str, Any]:
        """A plain mapping (JSON's types): the code and fields (words in each language as
        ``{"zh": …, "en": …}``, a reason as its own mapping). :meth:`from_dict` reads it
        back."""
        return {"code": self.code, "fields": {k: _field_data(v) for k, v in self.fields}}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Reason":
        """The reason :meth:`to_dict` wrote."""
        fields = data.get("fields", {})
        return cls(data["code"], tuple((k, _field_of(v)) for k, v in fields.items()))

    def __str__(self) -> str:
        return self.text("en")


def _field_data(value: "Field | Reason") -> Any:
    if isinstance(value, Label):
        return {"zh": value.zh, "en": value.en}
    if isinstance(value, Reason):
        return value.to_dict()
    return value


def _field_of(data: Any) -> "Field | Reason":
    if isinstance(data, dict):
        return Reason.from_dict(data) if "code" in data else Label(data["zh"], data["en"])
    return data  # type: ignore[no-any-return]


def reason_codes() -> tuple[str, ...]:
    """Every code a :class:`Reason` may have, in the catalogue's order."""
    return tuple(k.removeprefix("reason.") for k in MESSAGES if k.startswith("reason."))


def reasons_text(reasons: "tuple[Reason, ...]", lang: str = "en") -> str | None:
    """``reasons`` as one line in ``lang`` (``None`` where there are none)."""
    if not reasons:
        return None
    return message("sep", lang).join(r.text(lang) for r in reasons)


class ReasonError(Exception):
    """A step of reading that could not be done: ``reason`` says why (the message is its
    English)."""

    def __init__(self, reason: Reason):
        super().__init__(reason.text("en"))
        self.reason = reason

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), (self.reason,)


#: this library's own code
_OURS = Path(__file__).resolve().parents[1]


@functools.cache
def _places() -> tuple[Path, tuple[Path, ...]]:
    """Python's standard library, and where packages are installed (which may be in it)."""
    paths = sysconfig.get_paths()
    return Path(paths["stdlib"]).resolve(), tuple(
        Path(paths[k]).resolve() for k in ("purelib", "platlib")
    )


def _standard(filename: str) -> bool:
    """Whether ``filename`` is of Python's standard library (not a package installed in it)."""
    path = Path(filename).resolve()
    stdlib, packages = _places()
    return path.is_relative_to(stdlib) and not any(path.is_relative_to(p) for p in packages)


def failure(exc: BaseException) -> Reason:
    """Why reading a file failed with ``exc``, an exception no step of reading expected: a
    fault of this library (``reader-fault``, with the module and line it was raised in) where
    the innermost frame of its traceback outside Python's standard library is this library's
    own code; else what the library underneath said of the file (``damaged``)."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if not _standard(f.filename)]
    if frames:
        where = Path(frames[-1].filename).resolve()
        if where.is_relative_to(_OURS):
            place = f"{where.relative_to(_OURS.parent).as_posix()}:{frames[-1].lineno}"
            return Reason.of("reader-fault", error=said(exc), where=place)
    return Reason.of("damaged", error=said(exc))
