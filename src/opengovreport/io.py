"""The strict JSON form: one cattrs converter, configured here and nowhere else.

``dumps``/``loads`` and ``to_dict``/``from_dict`` convert between :class:`~opengovreport.Report`
and JSON. Loading is strict and names every problem at once in a :class:`LoadError`:

* a count must be a JSON integer ≥ 0 or ``null`` (not ``"12"``, ``1.9``, ``true`` or ``-1``);
* 本年增/减 may be negative; amounts are decimal strings (``"7730.28"``) so no digit is lost;
* every key without a default is required, unknown and duplicate keys are rejected;
* the table shapes must fit the edition (``disclosure``; ``requests.other_handling``).

``json_schema()`` describes the same form as a JSON Schema (draft 2020-12).
"""

import json
import operator
import re
import typing
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Annotated, Any, TypeVar

import attrs
import cattrs
from cattrs.errors import (
    BaseValidationError,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)
from cattrs.gen import make_dict_structure_fn

from .model import (
    Appeals,
    Block,
    Disclosure2019,
    Disclosure2021,
    Heading,
    IntRange,
    Meta,
    OtherHandling,
    Paragraph,
    Report,
    RequestRow,
    Requests,
    Section,
    disclosure_class,
)
from .schema import CellKind, Edition

__all__ = [
    "SCHEMA_VERSION",
    "LoadError",
    "Problem",
    "dumps",
    "from_dict",
    "json_schema",
    "loads",
    "to_dict",
]

#: the version of the JSON form, written as ``schema_version`` in every report
SCHEMA_VERSION = 1

_DECIMAL = re.compile(r"[0-9]+(\.[0-9]+)?")
_DECIMAL_PATTERN = r"^[0-9]+(\.[0-9]+)?$"
_REPORT_FIELDS = tuple(f.name for f in attrs.fields(Report))
_BLOCK_TAGS: dict[str, type[Block]] = {"heading": Heading, "paragraph": Paragraph}
_OTHER_HANDLING = RequestRow | OtherHandling
_LEVELS = typing.get_type_hints(Heading, include_extras=True)["level"].__metadata__[0]
_OTHER_HANDLING_KEYS = frozenset(f.name for f in attrs.fields(OtherHandling))

T = TypeVar("T")


@attrs.frozen
class Problem:
    """One problem found while loading: where, what was expected, what was found."""

    #: JSON path, e.g. ``$.requests.withheld.state_secret.natural_person``
    path: str
    expected: str
    found: str

    def __str__(self) -> str:
        return f"{self.path}: expected {self.expected}, found {self.found}"


class LoadError(ValueError):
    """Report JSON that does not fit the model. ``problems`` lists every problem found."""

    def __init__(self, problems: Iterator[Problem] | list[Problem] | tuple[Problem, ...]):
        self.problems: tuple[Problem, ...] = tuple(problems)
        n = len(self.problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{n} problem{'s' if n != 1 else ''} in report JSON:\n{lines}")


class _InvalidError(ValueError):
    def __init__(self, expected: str, found: str):
        super().__init__(f"expected {expected}, found {found}")
        self.expected = expected
        self.found = found


class _NestedError(Exception):
    """Problems below one value, each with the path suffix that leads to it."""

    def __init__(self, items: list[tuple[str, BaseException]]):
        super().__init__(f"{len(items)} problems")
        self.items = items


def _show(value: object) -> str:
    """A short rendering of a JSON value as the user wrote it."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


# --- structure hooks ------------------------------------------------------------------------


def _count(value: object, _: object) -> int | None:
    if value is None:
        return None
    if type(value) is int and value >= 0:
        return value
    raise _InvalidError("a count (an integer ≥ 0) or null", _show(value))


def _signed(value: object, _: object) -> int | None:
    if value is None or type(value) is int:
        return value
    raise _InvalidError("an integer (may be negative) or null", _show(value))


def _amount(value: object, _: object) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, str) and _DECIMAL.fullmatch(value):
        try:
            return Decimal(value)
        except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
            pass
    raise _InvalidError('an amount as a decimal string (e.g. "7730.28") or null', _show(value))


def _string(value: object, _: object) -> str:
    if type(value) is str:
        return value
    raise _InvalidError("a string", _show(value))


_EDITIONS = {e.value: e for e in Edition}


def _edition(value: object, _: object) -> Edition:
    edition = _EDITIONS.get(value) if type(value) is str else None
    if edition is None:
        raise _InvalidError('"2019" or "2021"', _show(value))
    return edition


def _optional_string(value: object, _: object) -> str | None:
    if value is None or type(value) is str:
        return value
    raise _InvalidError("a string or null", _show(value))


def _kind_of(t: object) -> object:
    if typing.get_origin(t) is Annotated:
        return t.__metadata__[0]  # type: ignore[attr-defined]
    return None


def _is_kind(kind: CellKind) -> Callable[[object], bool]:
    return lambda t: _kind_of(t) is kind


def _strings(value: object, _: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise _InvalidError("an array of strings", _show(value))
    errors: list[tuple[str, BaseException]] = []
    for i, item in enumerate(value):
        if type(item) is not str:
            errors.append((f"[{i}]", _InvalidError("a string", _show(item))))
    if errors:
        raise _NestedError(errors)
    return tuple(value)


_INT = {int}
_INT_OR_NONE = {int, type(None)}


def _blank_or_at_least_0(cells: tuple[int | None, ...]) -> bool:
    return all(c >= 0 for c in cells if c is not None)


def _make_converter(detailed: bool = True) -> cattrs.Converter:
    """The converter: strict hooks for every kind of value, unknown keys forbidden.

    With ``detailed=False`` the same hooks stop at the first problem, which makes valid input
    fast; :func:`from_dict` then runs the detailed one to name every problem.
    """
    conv = cattrs.Converter(detailed_validation=detailed, forbid_extra_keys=True)
    cell_hooks: dict[CellKind, Callable[[object, object], object]] = {
        CellKind.COUNT: _count,
        CellKind.SIGNED: _signed,
        CellKind.AMOUNT: _amount,
    }
    for kind, hook in cell_hooks.items():
        conv.register_structure_hook_func(_is_kind(kind), hook)

    def int_in_range(t: object) -> Callable[[object, object], int]:
        bounds = _kind_of(t)
        assert isinstance(bounds, IntRange)
        low, high = bounds.minimum, bounds.maximum

        def structure(value: object, _: object) -> int:
            if type(value) is int and low <= value <= high:
                return value
            raise _InvalidError(f"an integer from {low} to {high}", _show(value))

        return structure

    conv.register_structure_hook_factory(lambda t: isinstance(_kind_of(t), IntRange), int_in_range)
    conv.register_structure_hook(str, _string)
    conv.register_structure_hook_func(lambda t: t == str | None, _optional_string)
    conv.register_structure_hook(Edition, _edition)
    conv.register_structure_hook_func(lambda t: t == tuple[str, ...], _strings)

    def attrs_class(cls: type[T]) -> Callable[[object, object], T]:
        inner = make_dict_structure_fn(cls, conv, _cattrs_forbid_extra_keys=True)
        hints = typing.get_type_hints(cls, include_extras=True)
        names = tuple(f.name for f in attrs.fields(typing.cast(Any, cls)))
        counts_only = all(_kind_of(hints[n]) is CellKind.COUNT for n in names)

        def structure(value: object, _: object) -> T:
            if not isinstance(value, dict):
                raise _InvalidError(f"an object ({cls.__name__})", _show(value))
            return inner(value, cls)

        width = len(names)
        if detailed:
            return structure
        if not counts_only or width < 2:
            # the generated function fails on anything but an object; the detailed pass then
            # says what was found instead
            return typing.cast(Callable[[object, object], T], inner)
        shared: dict[tuple[object, ...], T] = {}
        get = operator.itemgetter(*names)

        def rows_of_counts(value: object, _: object) -> T:
            # the usual table row, every cell a count or blank: read in one go. Rows are
            # immutable, so equal rows (all zero, most often) are one object across reports.
            if type(value) is dict and len(value) == width:
                try:
                    cells = get(value)
                    row = shared.get(cells)
                except (KeyError, TypeError):  # a key missing, a cell not a number
                    return structure(value, cls)
                if row is not None:
                    return row
                kinds = set(map(type, cells))
                if not (
                    (kinds == _INT and min(cells) >= 0)
                    or (kinds <= _INT_OR_NONE and _blank_or_at_least_0(cells))
                ):
                    return structure(value, cls)
                if len(shared) >= 100_000:
                    shared.clear()
                row = shared[cells] = cls(*cells)
                return row
            return structure(value, cls)

        return rows_of_counts

    conv.register_structure_hook_factory(attrs.has, attrs_class)

    def block(value: object, _: object) -> Block:
        if not isinstance(value, dict):
            raise _InvalidError('an object with "type": "heading" or "paragraph"', _show(value))
        tag = value.get("type")
        cls = _BLOCK_TAGS.get(tag) if isinstance(tag, str) else None
        if cls is None:
            raise _NestedError([(".type", _InvalidError('"heading" or "paragraph"', _show(tag)))])
        return conv.structure({k: v for k, v in value.items() if k != "type"}, cls)

    def blocks(value: object, _: object) -> tuple[Block, ...]:
        if not isinstance(value, list):
            raise _InvalidError("an array of headings and paragraphs", _show(value))
        if not detailed:  # the usual section: paragraphs and headings, nothing else
            fast: list[Block] = []
            for item in value:
                if type(item) is not dict:
                    break
                text, kind = item.get("text"), item.get("type")
                if type(text) is not str:
                    break
                if kind == "paragraph" and len(item) == 2:
                    fast.append(Paragraph(text))
                    continue
                level = item.get("level")
                if kind != "heading" or len(item) != 3 or type(level) is not int:
                    break
                if not _LEVELS.minimum <= level <= _LEVELS.maximum:
                    break
                fast.append(Heading(text, level))
            else:
                return tuple(fast)
        out: list[Block] = []
        errors: list[tuple[str, BaseException]] = []
        for i, item in enumerate(value):
            try:
                out.append(block(item, Block))
            except Exception as exc:
                errors.append((f"[{i}]", exc))
        if errors:
            raise _NestedError(errors)
        return tuple(out)

    conv.register_structure_hook_func(lambda t: t == tuple[Block, ...], blocks)

    def other_handling(value: object, _: object) -> RequestRow | OtherHandling:
        if isinstance(value, dict) and _OTHER_HANDLING_KEYS & value.keys():
            return conv.structure(value, OtherHandling)
        return conv.structure(value, RequestRow)

    conv.register_structure_hook_func(lambda t: t == _OTHER_HANDLING, other_handling)
    conv.register_structure_hook(Report, lambda v, _: _structure_report(conv, v))

    # unstructuring: decimals as strings, editions as their value, blocks tagged
    conv.register_unstructure_hook(Decimal, lambda d: format(d, "f"))
    conv.register_unstructure_hook(Edition, lambda e: e.value)
    conv.register_unstructure_hook(
        Heading, lambda h: {"type": "heading", "text": h.text, "level": h.level}
    )
    conv.register_unstructure_hook(Paragraph, lambda p: {"type": "paragraph", "text": p.text})
    plain_report = cattrs.gen.make_dict_unstructure_fn(Report, conv)
    conv.register_unstructure_hook(
        Report, lambda r: {"schema_version": SCHEMA_VERSION, **plain_report(r)}
    )
    return conv


def _disclosure_shape(value: object) -> Edition | None:
    """The edition whose table 2 ``value`` looks like, from the columns of item1.rules."""
    try:
        rules = value["item1"]["rules"]  # type: ignore[index]
    except (TypeError, KeyError, IndexError):
        return None
    if isinstance(rules, dict):
        if "new_made" in rules:
            return Edition.E2019
        if "issued" in rules:
            return Edition.E2021
    return None


def _structure_report(conv: cattrs.Converter, value: object) -> Report:
    if not isinstance(value, dict):
        raise _InvalidError("an object (a report)", _show(value))
    errors: list[tuple[str, BaseException]] = []
    known = ("schema_version", *_REPORT_FIELDS)
    for key in value:
        if key not in known:
            errors.append(
                (f".{key}", _InvalidError(f"one of the keys {', '.join(known)}", "an unknown key"))
            )
    version = value.get("schema_version", _MISSING)
    if version is _MISSING:
        errors.append((".schema_version", _InvalidError(f"{SCHEMA_VERSION}", "a missing key")))
    elif not (type(version) is int and version == SCHEMA_VERSION):
        errors.append((".schema_version", _InvalidError(f"{SCHEMA_VERSION}", _show(version))))

    parts: dict[str, Any] = {}

    def take(name: str, cls: Any) -> None:
        if name not in value:
            errors.append((f".{name}", _InvalidError("a value", "a missing key")))
            return
        try:
            parts[name] = conv.structure(value[name], cls)
        except Exception as exc:
            errors.append((f".{name}", exc))

    take("meta", Meta)
    edition = _edition_of(parts.get("meta"), value.get("meta"))
    take("overview", Section)
    raw_disclosure = value.get("disclosure")
    shape = _disclosure_shape(raw_disclosure)
    if edition is not None and shape is not None and shape is not edition:
        errors.append(
            (
                ".disclosure",
                _InvalidError(
                    f"table 2 of the {edition.value} edition "
                    f"({disclosure_class(edition).__name__})",
                    f"table 2 of the {shape.value} edition",
                ),
            )
        )
    else:
        take("disclosure", disclosure_class(edition or shape or Edition.E2021))
    take("requests", Requests)
    take("appeals", Appeals)
    take("problems", Section)
    take("other_matters", Section)
    requests = parts.get("requests")
    if (
        edition is Edition.E2019
        and isinstance(requests, Requests)
        and requests.other_handling_itemized
    ):
        errors.append(
            (
                ".requests.other_handling",
                _InvalidError(
                    "one row in the 2019 edition", "three items (the 2021 edition's shape)"
                ),
            )
        )
    if errors:
        raise _NestedError(errors)
    return Report(**parts)


_MISSING = object()


def _edition_of(meta: object, raw: object) -> Edition | None:
    if isinstance(meta, Meta):
        return meta.edition
    if not isinstance(raw, dict):
        return None
    try:
        if "edition" in raw:
            return _edition(raw["edition"], Edition)
        year = raw.get("year")
        return Edition.for_year(year) if type(year) is int else None
    except _InvalidError:
        return None


_converter = _make_converter()
_fast = _make_converter(detailed=False)


# --- errors ---------------------------------------------------------------------------------


def _problems(exc: BaseException, path: str) -> Iterator[Problem]:
    if isinstance(exc, _NestedError):
        for suffix, sub in exc.items:
            yield from _problems(sub, path + suffix)
    elif isinstance(exc, _InvalidError):
        yield Problem(path, exc.expected, exc.found)
    elif isinstance(exc, ForbiddenExtraKeysError):
        known = ", ".join(f.name for f in attrs.fields(exc.cl))
        for key in sorted(exc.extra_fields):
            yield Problem(f"{path}.{key}", f"one of the keys {known}", "an unknown key")
    elif isinstance(exc, ClassValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            if isinstance(sub, KeyError):
                yield Problem(f"{path}.{note.name}", "a value", "a missing key")
            else:
                yield from _problems(sub, f"{path}.{note.name}")
        for sub in without:
            yield from _problems(sub, path)
    elif isinstance(exc, IterableValidationError):
        iter_notes, iter_without = exc.group_exceptions()
        for sub, inote in iter_notes:
            yield from _problems(sub, f"{path}[{inote.index}]")
        for sub in iter_without:
            yield from _problems(sub, path)
    elif isinstance(exc, BaseValidationError):
        for sub in exc.exceptions:
            yield from _problems(sub, path)
    else:
        yield Problem(path, "a valid value", f"{type(exc).__name__}: {exc}")


# --- public API -----------------------------------------------------------------------------


def to_dict(report: Report) -> dict[str, Any]:
    """The report as plain JSON-ready data (dicts, lists, str, int, None)."""
    data: dict[str, Any] = _converter.unstructure(report, Report)
    return data


def from_dict(data: Mapping[str, Any] | object) -> Report:
    """The report from plain data, as :func:`loads` reads it; raises :class:`LoadError`."""
    try:
        report: Report = _fast.structure(data, Report)
    except Exception as first:
        # something is wrong: the detailed pass names every problem
        try:
            _converter.structure(data, Report)
        except Exception as exc:
            raise LoadError(list(_problems(exc, "$"))) from None
        raise LoadError(list(_problems(first, "$"))) from None  # pragma: no cover
    return report


def dumps(report: Report, *, indent: int | None = 2) -> str:
    """The report as JSON text (UTF-8 characters kept as written)."""
    return json.dumps(to_dict(report), ensure_ascii=False, indent=indent)


class _Duplicates(dict[str, Any]):
    """A JSON object in which some key appeared more than once."""

    duplicates: list[str]


def _duplicates(obj: dict[str, Any], pairs: list[tuple[str, Any]]) -> "_Duplicates":
    dup = _Duplicates(obj)
    seen: set[str] = set()
    dup.duplicates = []
    for key, _ in pairs:
        if key in seen and key not in dup.duplicates:
            dup.duplicates.append(key)
        seen.add(key)
    return dup


def _duplicate_problems(value: object, path: str) -> Iterator[Problem]:
    if isinstance(value, dict):
        if isinstance(value, _Duplicates):
            for key in value.duplicates:
                yield Problem(f"{path}.{key}", "each key once", "a duplicate key")
        for key, item in value.items():
            yield from _duplicate_problems(item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _duplicate_problems(item, f"{path}[{i}]")


class _DuplicateKeyError(Exception):
    """A JSON object with a key twice: decode again, collecting them."""


def _pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(items)
    if len(obj) != len(items):
        raise _DuplicateKeyError
    return obj


def _decode(text: str | bytes) -> tuple[Any, list[Problem]]:
    """The JSON value of ``text`` and the duplicate keys in it. The usual text is decoded once;
    a duplicate key stops that, and the text is decoded again to find every duplicate."""
    try:
        return json.loads(text, object_pairs_hook=_pairs), []
    except _DuplicateKeyError:
        data = json.loads(text, object_pairs_hook=_collect_duplicates)
        return data, list(_duplicate_problems(data, "$"))


def _collect_duplicates(items: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(items)
    return obj if len(obj) == len(items) else _duplicates(obj, items)


def loads(text: str | bytes) -> Report:
    """The report from JSON text; raises :class:`LoadError` listing every problem."""
    try:
        data, duplicates = _decode(text)
    except json.JSONDecodeError as exc:
        found = f"{exc.msg} at line {exc.lineno}, column {exc.colno}"
        raise LoadError([Problem("$", "JSON text", found)]) from None
    except UnicodeDecodeError as exc:
        raise LoadError([Problem("$", "UTF-8 JSON text", str(exc))]) from None
    try:
        report = from_dict(data)
    except LoadError as exc:
        raise LoadError([*duplicates, *exc.problems]) from None
    if duplicates:
        raise LoadError(duplicates)
    return report


# --- JSON Schema ----------------------------------------------------------------------------

_CELL_SCHEMAS: dict[CellKind, dict[str, Any]] = {
    CellKind.COUNT: {"type": ["integer", "null"], "minimum": 0},
    CellKind.SIGNED: {"type": ["integer", "null"]},
    CellKind.AMOUNT: {"type": ["string", "null"], "pattern": _DECIMAL_PATTERN},
}


@cache
def _schema() -> dict[str, Any]:
    defs: dict[str, Any] = {}

    def ref(cls: type) -> dict[str, Any]:
        name = cls.__name__
        if name not in defs:
            defs[name] = {}
            defs[name] = obj(cls)
        return {"$ref": f"#/$defs/{name}"}

    def of(t: Any) -> dict[str, Any]:
        meta = _kind_of(t)
        if isinstance(meta, CellKind):
            return dict(_CELL_SCHEMAS[meta])
        if isinstance(meta, IntRange):
            return {"type": "integer", "minimum": meta.minimum, "maximum": meta.maximum}
        if t is str:
            return {"type": "string"}
        if t is Edition:
            return {"enum": [e.value for e in Edition]}
        if t == tuple[str, ...]:
            return {"type": "array", "items": {"type": "string"}}
        if t == tuple[Block, ...]:
            return {"type": "array", "items": {"oneOf": [ref(Heading), ref(Paragraph)]}}
        if attrs.has(t):
            return ref(t)
        args = typing.get_args(t)
        if args:  # a union
            return {"anyOf": [of(a) if a is not type(None) else {"type": "null"} for a in args]}
        raise TypeError(f"no JSON Schema for {t!r}")  # pragma: no cover

    def obj(cls: type) -> dict[str, Any]:
        hints = typing.get_type_hints(cls, include_extras=True)
        fields = attrs.fields(cls)
        props = {f.name: of(hints[f.name]) for f in fields}
        required = [f.name for f in fields if f.default is attrs.NOTHING]
        for tag, tagged in _BLOCK_TAGS.items():
            if cls is tagged:
                props = {"type": {"const": tag}, **props}
                required = ["type", *required]
        schema: dict[str, Any] = {"type": "object"}
        if cls.__doc__:
            schema["description"] = cls.__doc__.strip().splitlines()[0]
        schema.update(properties=props, required=required, additionalProperties=False)
        return schema

    report = obj(Report)
    report["properties"] = {"schema_version": {"const": SCHEMA_VERSION}, **report["properties"]}
    report["required"] = ["schema_version", *report["required"]]

    def when(edition: Edition, then: dict[str, Any]) -> dict[str, Any]:
        is_edition: dict[str, Any] = {
            "anyOf": [
                {"required": ["edition"], "properties": {"edition": {"const": edition.value}}},
                {
                    "not": {"required": ["edition"]},
                    "properties": {
                        "year": {"maximum": 2020} if edition is Edition.E2019 else {"minimum": 2021}
                    },
                },
            ]
        }
        return {"if": {"properties": {"meta": is_edition}}, "then": {"properties": then}}

    report["allOf"] = [
        when(
            Edition.E2019,
            {
                "disclosure": ref(Disclosure2019),
                "requests": {"properties": {"other_handling": ref(RequestRow)}},
            },
        ),
        when(Edition.E2021, {"disclosure": ref(Disclosure2021)}),
    ]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "政府信息公开工作年度报告 (opengovreport report, JSON form v1)",
        **report,
        "$defs": defs,
    }


def json_schema() -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of the report JSON that :func:`loads` accepts.

    One difference is beyond JSON Schema: its data model treats ``3.0`` as the integer 3, so the
    schema accepts ``3.0`` for a count, which :func:`loads` rejects.
    """
    return json.loads(json.dumps(_schema()))  # type: ignore[no-any-return]
