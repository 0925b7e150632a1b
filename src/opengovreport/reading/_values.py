"""Reading a printed cell: counts, signed changes, amounts, blanks and what was guessed."""

import re
import unicodedata
from decimal import Decimal

from ..model import CellValue
from ..schema import CellKind

__all__ = ["BLANK_MARKS", "NUMBER_TOKEN", "is_blank_mark", "is_value", "read_value"]

#: cell contents that mean "nothing entered"
BLANK_MARKS = frozenset({"—", "——", "-", "--", "/", "／", "无", "－", "–", "---", "——————"})
_UNITS = ("万元", "元", "件", "个", "条", "项")
#: how a value can start: a digit (ASCII or full-width), a sign, or a blank mark
_VALUE_START = frozenset("0123456789０１２３４５６７８９+-＋－—–/／无")
_NUMBER = re.compile(r"[+\-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?")
#: a number standing alone in running text (not the 1 of ``1.属于国家秘密`` nor a page number)
NUMBER_TOKEN = re.compile(
    r"(?<![\d.,\-\w])[+\-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:万元|元)?(?![\d.、．\w-])"
)


def _normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().replace(" ", "")


def is_blank_mark(text: str) -> bool:
    """Whether a whole cell is a mark for "nothing entered" (``—``, ``/``, ``无`` …)."""
    t = _normal(text)
    return bool(t) and (t in BLANK_MARKS or set(t) <= set("—-/／"))


def is_value(text: str) -> bool:
    """Whether a cell holds a number or a blank mark (so it is not a label)."""
    if text.isascii() and text.isdigit():
        return True
    if text.lstrip()[:1] not in _VALUE_START:
        return False
    t = _normal(text)
    if t in BLANK_MARKS or (t and set(t) <= set("—-/／")):
        return True
    for unit in _UNITS:
        if t.endswith(unit) and len(t) > len(unit):
            t = t[: -len(unit)]
            break
    return bool(_NUMBER.fullmatch(t))


def read_value(text: str, kind: CellKind) -> tuple[CellValue, str | None, str | None]:
    """The value of a printed cell, and, where it was read with a guess, the diagnostic's code
    (``blank-mark``, ``not-a-number``, ``number-format``) and what was done."""
    if text.isascii() and text.isdigit():
        return (Decimal(text) if kind is CellKind.AMOUNT else int(text)), None, None
    raw = text.strip()
    if not raw:
        return None, None, None
    t = _normal(raw)
    note = None
    if t != raw.replace(" ", ""):
        note = f"read {raw!r} as {t!r}"
    if t in BLANK_MARKS or set(t) <= set("—-/／"):
        return None, "blank-mark", f"{raw!r} read as a blank cell"
    for unit in _UNITS:
        if t.endswith(unit) and len(t) > len(unit):
            t = t[: -len(unit)]
            note = f"unit {unit!r} dropped from {raw!r}"
            break
    if not _NUMBER.fullmatch(t):
        return None, "not-a-number", f"{raw!r} is not a number; read as a blank cell"
    if "," in t:
        t = t.replace(",", "")
        note = note or f"thousands separators dropped from {raw!r}"
    number = Decimal(t)  # the pattern admits only decimals
    if kind is CellKind.AMOUNT:
        return Decimal(t.lstrip("+")), _code(note), note
    if number != number.to_integral_value():
        return number, "number-format", f"{raw!r} is not a whole number"
    value = int(number)
    if kind is CellKind.COUNT and t.startswith("+"):
        note = note or f"sign dropped from {raw!r}"
    return value, _code(note), note


def _code(note: str | None) -> str | None:
    return None if note is None else "number-format"
