"""Reading a printed cell: counts, signed changes, amounts and their units, blanks, cells that
cannot be read, and what was guessed."""

import re
import unicodedata
from decimal import Decimal

from ..model import CellValue
from ..values import Bounds, CellKind
from ._norm import fold, squash

__all__ = [
    "BLANK_MARKS",
    "MARK_CHARACTERS",
    "NUMBER_TOKEN",
    "PLACED_BLANK",
    "Reading",
    "glued_mark",
    "is_blank_mark",
    "is_garbled",
    "is_value",
    "leading_mark",
    "one_mark",
    "read_value",
]

#: what a reader writes where a table's cell has nothing printed in it and the page shows it
#: (a PDF's row with fewer numbers than its table's columns, each number under its column)
PLACED_BLANK = "∅"
#: cell contents that mean "nothing entered"
BLANK_MARKS = frozenset(
    {"—", "——", "-", "--", "/", "／", "无", "－", "–", "---", "——————", PLACED_BLANK}
)
#: the characters the blank marks are written with: a text without any holds no mark
MARK_CHARACTERS = frozenset(c for mark in BLANK_MARKS for c in mark)
_UNITS = ("万元", "元", "件", "个", "条", "项")
#: how many yuan a unit is
_YUAN = {"元": Decimal(1), "万元": Decimal(10_000)}
#: how a value can start: a digit (ASCII or full-width), a sign, or a blank mark
_VALUE_START = frozenset("0123456789０１２３４５６７８９+＋") | MARK_CHARACTERS
_NUMBER = re.compile(r"[+\-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?")
#: a number standing alone in running text (not the 1 of ``1.属于国家秘密`` nor a page number)
NUMBER_TOKEN = re.compile(
    r"(?<![\d.,\-\w])[+\-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:万元|元)?(?![\d.、．\w-])"
)
#: a label that starts with its number (``1.属于国家秘密``, ``3、其他``): not a mangled value
_NUMBERED_LABEL = re.compile(r"^\d{1,2}\s*[.．、]\s*[^\d\s]")
_CJK = re.compile(r"[\u3400-\u9fff]")
_DIGIT = re.compile(r"\d")
#: marks that stand for a value no one can read (not the blank marks: those mean blank)
_MARKS = frozenset("*?？#※×")
#: characters of dates and page marks (2023年, 第4页), never of a value
_NOT_VALUES = frozenset("年月日页第共")
#: the longest text a mangled number is taken to be (``约 400``, ``4l2``, ``412*``)
_GARBLED_LENGTH = 16


#: characters that folding keeps as they are (ASCII letters and digits, CJK ideographs) and no
#: blank mark holds (derived from :data:`MARK_CHARACTERS`): a text holding one is no mark,
#: without folding it
_NEVER_MARKED = re.compile(
    "(?![" + re.escape("".join(sorted(MARK_CHARACTERS))) + "])[0-9A-Za-z\u3400-\u9fff]"
)


def is_blank_mark(text: str) -> bool:
    """Whether a whole cell is a mark for "nothing entered" (``—``, ``/``, ``无`` …)."""
    if _NEVER_MARKED.search(text):  # (a label, a number: most texts, at their first character)
        return False
    t = squash(text)
    return bool(t) and (t in BLANK_MARKS or set(t) <= set("—-/／") or set(t) == {"无"})


def one_mark(cell: str, row: bool) -> bool:
    """Whether a cell is one mark for "nothing entered" (:func:`is_blank_mark`): in a line of
    words (not a ``row`` whose cells its source parts), several words each a mark are several
    marks (``/ / / / / / /``, a row of blank cells printed apart from its label: a space parts
    a line's words, and a mark is one word), each a cell."""
    if not is_blank_mark(cell):
        return False
    words = cell.split()
    return row or len(words) == 1 or not all(map(is_blank_mark, words))


#: a blank cell's mark glued after a label's last character, a Chinese one or a closing
#: bracket or quote (``…仍不明确—``, ``…仍不明确无``, ``…不计其他情形）/``)
_GLUED_MARK = re.compile(r"(?<=[\u3400-\u9fff）)”」])(?:[—\-－–/／]+|无)$")


def glued_mark(label: str) -> tuple[str, str]:
    """A row's label and the blank cell's mark glued after it, its first cell (``…仍不明确—
    10 7 …``: a crawler's text, the cells joined without a space), or ``""``. No row of any
    registered shape has a name that ends in a mark (a test says so)."""
    if label[-1:] not in MARK_CHARACTERS:
        return label, ""
    found = _GLUED_MARK.search(label)
    if found is None or not is_blank_mark(found.group()):
        return label, ""
    return label[: found.start()], found.group()


#: a blank cell's mark that words start with: dashes or slashes (not a number's sign), or 无
#: before the next label's numbering or article (``无第二十条…``, ``无（二）…``, ``无1.属于…``,
#: ``无四、…``) or alone — no label starts with its numbering after 无, while a label may start
#: with 无 (无法提供, 无正当理由…)
_LEADING_MARK = re.compile(
    r"[—\-－–/／]+(?![\d.])|无+(?=$|第|[（(]|[一二三四五六七八九十]+、|\d{1,2}[.．、])"
)


def leading_mark(words: str) -> str:
    """The blank cell's mark ``words`` start with (``——第二十条…``), or ``""``."""
    if words[:1] not in MARK_CHARACTERS:
        return ""
    found = _LEADING_MARK.match(words)
    return found.group() if found is not None and is_blank_mark(found.group()) else ""


def is_value(text: str) -> bool:
    """Whether a cell holds a number or a blank mark (so it is not a label)."""
    if text.isascii() and text.isdigit():
        return True
    if text.lstrip()[:1] not in _VALUE_START:
        return False
    t = squash(text)
    if t in BLANK_MARKS or (t and set(t) <= set("—-/／")):
        return True
    for unit in _UNITS:
        if t.endswith(unit) and len(t) > len(unit):
            t = t[: -len(unit)]
            break
    return bool(_NUMBER.fullmatch(t))


def is_garbled(text: str) -> bool:
    """Whether a cell that is not a value is a number that cannot be read — ``4l2``, ``约400``,
    ``412*`` — rather than a label: a short text with a digit, at most two Chinese characters,
    and not a numbered label or a date; or a lone mark such as ``*`` or ``?``, or one or two
    Latin letters or marks of punctuation (``O`` for ``0``, ``l`` or ``、`` for ``1``: what OCR
    and retyping make of digits)."""
    if _DIGIT.search(text) is None:  # (full-width digits too)
        t = fold(text).strip()
        return 0 < len(t) <= 2 and all(c in _MARKS or _misread(c) for c in t)
    t = fold(text).strip()
    if len(t) > _GARBLED_LENGTH:
        return False
    return (
        len(_CJK.findall(t)) <= 2
        and not _NUMBERED_LABEL.match(t)
        and not any(c in _NOT_VALUES for c in t)
    )


def _misread(c: str) -> bool:
    """Whether a character alone in a cell is what OCR and retyping make of a digit: a Latin
    letter (``O`` for ``0``, ``l`` for ``1``) or a mark of punctuation (``、`` for ``1``)."""
    return (c.isascii() and c.isalpha()) or unicodedata.category(c).startswith("P")


class Reading:
    """What reading a printed cell gave: the value, and where it was read with a guess or could
    not be read, the diagnostic's code and its fields."""

    __slots__ = ("code", "fields", "value")

    def __init__(
        self, value: CellValue, code: str | None = None, fields: dict[str, str] | None = None
    ):
        self.value = value
        self.code = code
        self.fields = fields or {}


_PLAIN = Reading(None)


def read_value(text: str, bounds: Bounds, stated: str | None = None) -> Reading:
    """The value of a printed cell in a column of ``bounds``, and, where it was read with a
    guess, the diagnostic's code (``blank-mark``, ``blank-cell``, ``not-a-number``,
    ``number-format``, ``unit-converted``, ``unit-unclear``) and fields. ``stated``: the unit
    the table's header states for the column (``元`` in a column of 万元), which an amount
    printed without its own unit is in."""
    kind = bounds.kind
    converts = stated is not None and stated != bounds.unit and kind is CellKind.AMOUNT
    if converts and text.strip() and not text.strip().endswith(_UNITS):
        return read_value(text.strip() + str(stated), bounds)
    if text.isascii() and text.isdigit():
        return Reading(Decimal(text) if kind is CellKind.AMOUNT else int(text))
    raw = text.strip()
    if not raw:
        return _PLAIN
    spaced = _DIGITS_SPACED.search(raw) is not None
    if _not_a_digit(raw) or (spaced and _wrongly_spaced(raw)):
        return Reading(None, "not-a-number")
    t = squash(raw)
    changed = spaced or t != raw.replace(" ", "")
    blank = _blank(t)
    if blank is not None:
        return blank
    t, unit = _without_unit(t)
    if not _NUMBER.fullmatch(t):
        return Reading(None, "not-a-number")
    if "," in t:
        t = t.replace(",", "")
        changed = True
    return _number(t, unit, changed or bool(unit), bounds)


#: digits a space parts (``52 316``, ``52316 1``): a number only where the space parts its groups
#: of thousands
_DIGITS_SPACED = re.compile(r"\d(?:\s+\d)+")
_RUN_SPACED = re.compile(r"\d+(?:\s+\d+)+")
_THOUSANDS_SPACED = re.compile(r"\d{1,3}(?:\s+\d{3})+")


def _not_a_digit(raw: str) -> bool:
    """Whether a cell's text holds a character that is a digit but not a decimal one: a
    footnote's mark (``52316¹``, ``14₁``, ``0①``), which folding would make a digit of the
    number."""
    return not raw.isascii() and any(c.isdigit() and not c.isdecimal() for c in raw)


def _wrongly_spaced(raw: str) -> bool:
    """Whether a cell's text holds digits a space parts other than as groups of thousands
    (``52316 1``: a footnote's number, or two values in one cell), which removing the space
    would make one number (``raw`` holds digits a space parts: :data:`_DIGITS_SPACED`)."""
    return any(
        not _THOUSANDS_SPACED.fullmatch(run.group()) for run in _RUN_SPACED.finditer(fold(raw))
    )


def _blank(t: str) -> Reading | None:
    """A cell's text (squashed) that marks it blank: the blank a reader placed, or a mark."""
    if t == PLACED_BLANK:
        return Reading(None, "blank-cell")
    if t in BLANK_MARKS or set(t) <= set("—-/／"):
        return Reading(None, "blank-mark")
    return None


def _without_unit(t: str) -> tuple[str, str]:
    """A cell's text without the unit printed after its number, and that unit (``""``)."""
    for each in _UNITS:
        if t.endswith(each) and len(t) > len(each):
            return t[: -len(each)], each
    return t, ""


def _number(t: str, unit: str, changed: bool, bounds: Bounds) -> Reading:
    """The value of a printed number (``t``, without its unit and separators) in a column of
    ``bounds``: an amount (converted where printed in another unit of 元), a count; noted
    where it was printed otherwise than plainly (``changed``)."""
    number = Decimal(t)  # the pattern admits only decimals
    if bounds.kind is CellKind.AMOUNT:
        number = abs(number) if t.startswith("+") else number
        if unit in _YUAN and bounds.unit in _YUAN and unit != bounds.unit:
            return _converted(number, unit, bounds)
        return Reading(number, *_normalised(changed, f"{number}"))
    if number != number.to_integral_value():
        return Reading(number, "number-format", {"read": f"{number}"})
    value = int(number)
    if bounds.kind is CellKind.COUNT and t.startswith("+"):
        changed = True
    return Reading(value, *_normalised(changed, f"{value}"))


def _converted(number: Decimal, unit: str, bounds: Bounds) -> Reading:
    """An amount printed in 元 in a column of 万元 (or the reverse), converted where exact."""
    assert bounds.unit is not None
    converted = (number * _YUAN[unit] / _YUAN[bounds.unit]).normalize()
    if converted == converted.to_integral_value():
        converted = converted.quantize(Decimal(1))
    shown = f"{converted} {bounds.unit}"
    if -converted.as_tuple().exponent > bounds.places:  # type: ignore[operator]
        fields = {"unit": unit, "column_unit": bounds.unit, "read": shown}
        return Reading(None, "unit-unclear", {**fields, "places": str(bounds.places)})
    return Reading(converted, "unit-converted", {"read": shown})


def _normalised(changed: bool, shown: str) -> tuple[str | None, dict[str, str] | None]:
    return ("number-format", {"read": shown}) if changed else (None, None)
