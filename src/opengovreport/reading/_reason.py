"""Why a file holds no report, or what a partial one lacks, as data: a :class:`Reason` is a
code of the catalogue and the fields its text is filled from, said in zh or en."""

from collections.abc import Mapping
from typing import Any

import attrs

from .._messages import MESSAGES, message
from ..errors import NotFoundError
from ..schema import Label

__all__ = ["Field", "Reason", "ReasonError", "reason_codes", "reasons_text"]


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
