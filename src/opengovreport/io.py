"""The strict JSON form: one cattrs converter, configured here and nowhere else.

``dumps``/``loads`` and ``to_dict``/``from_dict`` convert between :class:`~opengovreport.Report`
and JSON. Loading is strict and names every problem at once in a :class:`LoadError`, each with
its JSON path; every failure of :func:`loads`, whatever the input, is a :class:`LoadError`:

* a value must be what its field's spec accepts (:mod:`opengovreport.values`): a count a JSON
  integer from 0 to 10¹² or ``null`` (not ``"12"``, ``1.9``, ``2.0`` or ``true``); 本年增/减 may
  be negative; an amount a decimal string (``"7730.28"``) so that no digit is lost; text
  encodable as UTF-8 (no lone surrogate ``"\\ud800"``);
* every key without a default is required, unknown and duplicate keys are rejected;
* the table shapes must fit the edition (``disclosure``; ``requests.other_handling``);
* what is not JSON, nested beyond :data:`MAX_DEPTH` or an integer of thousands of digits is a
  problem at ``$`` or at its path, never another exception.

Valid input is read on a fast path, where the model's constructors check every value; only when
that fails does a detailed pass name each problem, with the same specs and the same words. What
is accepted never depends on what was loaded before.

``json_schema()`` describes the same form as a JSON Schema (draft 2020-12).
"""

import json
import re
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from functools import cache
from operator import itemgetter
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import (
    BaseValidationError,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)
from cattrs.gen import make_dict_structure_fn

from ._generated import define
from .errors import InputError, said
from .model import (
    _COUNT_ROWS,
    _SHARED,
    Heading,
    Meta,
    Paragraph,
    Report,
    Section,
    TableSlot,
    field_spec,
    shared_row,
)
from .schema import SECTIONS, Shape, shapes
from .values import (
    Bounds,
    CellKind,
    Edition,
    InstanceSpec,
    IntRange,
    ItemsSpec,
    TextSpec,
    Unreadable,
    ValueSpec,
    describe,
    spec_of,
)

__all__ = [
    "MAX_DEPTH",
    "MAX_PROBLEMS",
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
#: the most problems a :class:`LoadError` lists; it counts the rest
MAX_PROBLEMS = 100
#: the deepest nesting of JSON arrays and objects read (a report needs 5)
MAX_DEPTH = 64

_REPORT_FIELDS = tuple(f.name for f in attrs.fields(Report))
_BLOCK_TAGS: dict[str, type[Heading] | type[Paragraph]] = {
    "heading": Heading,
    "paragraph": Paragraph,
}
_PARAGRAPH, _HEADING = ("type", "paragraph"), ("type", "heading")
_BLOCKS_EXPECTED = 'an array of headings and paragraphs ({"type": "heading" or "paragraph", …})'

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


#: the problems a :class:`LoadError` message spells out; the others are counted
_SHOWN = 20


class LoadError(InputError):
    """Report JSON that does not fit the model. ``problems`` lists the problems found (at most
    :data:`MAX_PROBLEMS`), and ``omitted`` counts those beyond."""

    def __init__(self, problems: Iterable[Problem], omitted: int = 0):
        listed = list(problems)
        self.problems: tuple[Problem, ...] = tuple(listed[:MAX_PROBLEMS])
        self.omitted: int = omitted + max(0, len(listed) - MAX_PROBLEMS)
        n = len(self.problems) + self.omitted
        lines = [f"  {p}" for p in self.problems[:_SHOWN]]
        if n > _SHOWN:
            lines.append(f"  … and {n - _SHOWN} more")
        head = f"{n} problem{'s' if n != 1 else ''} in report JSON:"
        super().__init__("\n".join([head, *lines]))

    def brief(self) -> str:
        """The first problem, and how many more: one line."""
        n = len(self.problems) + self.omitted
        if not self.problems:  # pragma: no cover - a LoadError always has a problem
            return "not a valid report JSON"
        more = f" (and {n - 1} more)" if n > 1 else ""
        return f"not a valid report JSON: {self.problems[0]}{more}"


class _InvalidError(Exception):
    """A value its spec does not accept (raised by a hook; becomes a :class:`Problem`)."""

    def __init__(self, expected: str, found: str):
        super().__init__(f"expected {expected}, found {found}")
        self.expected = expected
        self.found = found


class _NestedError(Exception):
    """Problems below one value, each with the path suffix that leads to it, and how many more
    there were beyond those listed."""

    def __init__(self, items: list[tuple[str, BaseException]], more: int = 0):
        super().__init__(f"{len(items) + more} problems")
        self.items = items
        self.more = more


def _key(name: object) -> str:
    """A path segment for an object key: ``.name``, or ``["…"]`` (ASCII-escaped) for a key
    that is not a plain name."""
    if isinstance(name, str) and name.isascii() and name.isidentifier():
        return f".{name}"
    return f"[{json.dumps(str(name))}]"


# --- structure hooks ------------------------------------------------------------------------


class _DuplicateKeyError(Exception):
    """A JSON object with a key twice: the detailed pass names it."""


def _object(value: object) -> dict[str, Any]:
    """A JSON object on the fast path, which decodes objects as tuples of their (key, value)
    pairs (json.loads 62 µs → 45 µs for the synthetic example: ``object_pairs_hook=tuple`` runs
    no Python code, and a duplicate key is still seen here); a dict as given."""
    if type(value) is tuple:
        obj = dict(value)
        if len(obj) != len(value):
            raise _DuplicateKeyError
        return obj
    if type(value) is dict:
        return value
    raise _InvalidError("an object", describe(value))


_DECIMAL = re.compile(r"0*[0-9]{1,15}(\.[0-9]+)?")


def _amount_pattern(bounds: Bounds) -> str:
    """The JSON form of an amount: digits, below 10¹⁵, with at most ``places`` decimals."""
    digits = len(str(bounds.maximum)) - 1
    return rf"^0*[0-9]{{1,{digits}}}(\.[0-9]{{1,{bounds.places}}})?$"


def _json_expected(spec: ValueSpec) -> str:
    if isinstance(spec, Bounds) and spec.kind is CellKind.AMOUNT:
        return f'{spec.expected}, as a decimal string (e.g. "7730.28")'
    return spec.expected


def _checked(spec: ValueSpec) -> Callable[[object, object], object]:
    """The detailed hook of a plain value: the value if its spec accepts it, or
    :class:`_InvalidError` in the spec's words."""
    expected = spec.expected

    def structure(value: object, _: object) -> object:
        found = spec.problem(value)
        if found is not None:
            raise _InvalidError(expected, found)
        return value

    return structure


def _passed(value: object, _: object) -> object:
    """The fast hook of a plain value: the model's constructor checks it."""
    return value


def _amount(spec: Bounds, detailed: bool) -> Callable[[object, object], Decimal | None]:
    expected = _json_expected(spec)

    def structure(value: object, _: object) -> Decimal | None:
        if value is None:
            return None
        if type(value) is str and _DECIMAL.fullmatch(value):
            amount = Decimal(value)
            if not detailed or spec.accepts(amount):
                return amount
        raise _InvalidError(expected, describe(value))

    return structure


def _edition(value: object, _: object) -> Edition:
    edition = Edition._members.get(value) if type(value) is str else None
    if edition is None:
        editions = " or ".join(f'"{e.value}"' for e in Edition.members())
        raise _InvalidError(editions, describe(value))
    return edition


def _lines(spec: ItemsSpec, detailed: bool) -> Callable[[object, object], tuple[str, ...]]:
    def structure(value: object, _: object) -> tuple[str, ...]:
        if type(value) is not list:
            raise _InvalidError(spec.expected, describe(value))
        if detailed:
            bad, more = spec.problems(value, MAX_PROBLEMS)
            if bad:
                raise _NestedError(
                    [(f"[{i}]", _InvalidError(spec.item.expected, f)) for i, f in bad], more
                )
        return tuple(value)

    return structure


#: each block class's fields: name → (spec, required)
_BLOCK_FIELDS = {
    cls: {
        f.name: (
            field_spec(typing.get_type_hints(cls, include_extras=True)[f.name]),
            f.default is attrs.NOTHING,
        )
        for f in attrs.fields(cls)
    }
    for cls in _BLOCK_TAGS.values()
}


def _block_problems(item: object) -> list[tuple[str, BaseException]]:
    """What is wrong with one block of a section (nothing raised: a section may hold many)."""
    if type(item) is not dict:
        expected = 'an object with "type": "heading" or "paragraph"'
        return [("", _InvalidError(expected, describe(item)))]
    tag = item.get("type")
    cls = _BLOCK_TAGS.get(tag) if isinstance(tag, str) else None
    if cls is None:
        return [(".type", _InvalidError('"heading" or "paragraph"', describe(tag)))]
    out: list[tuple[str, BaseException]] = []
    fields = _BLOCK_FIELDS[cls]
    for name, value in item.items():
        if name == "type":
            continue
        if name not in fields:
            known = ", ".join(["type", *fields])
            out.append((_key(name), _InvalidError(f"one of the keys {known}", "an unknown key")))
            continue
        spec = fields[name][0]
        found = spec.problem(value)
        if found is not None:
            out.append((_key(name), _InvalidError(spec.expected, found)))
    for name, (_spec, required) in fields.items():
        if required and name not in item:
            out.append((_key(name), _InvalidError("a value", "a missing key")))
    return out


def _blocks(detailed: bool) -> Callable[[object, object], tuple[Heading | Paragraph, ...]]:
    def structure(value: object, _: object) -> tuple[Heading | Paragraph, ...]:
        if type(value) is not list:
            raise _InvalidError(_BLOCKS_EXPECTED, describe(value))
        if not detailed:  # the constructors check every text and level
            out: list[Heading | Paragraph] = []
            for pairs in value:
                # as dumps writes them: {"type": "paragraph", "text": …}, {"type": "heading",
                # "text": …, "level": …}, the decoder's pairs compared at once
                if type(pairs) is tuple:
                    if len(pairs) == 2 and pairs[0] == _PARAGRAPH and pairs[1][0] == "text":
                        out.append(Paragraph(pairs[1][1]))
                        continue
                    if (
                        len(pairs) == 3
                        and pairs[0] == _HEADING
                        and pairs[1][0] == "text"
                        and pairs[2][0] == "level"
                    ):
                        out.append(Heading(pairs[1][1], pairs[2][1]))
                        continue
                item = _object(pairs)
                kind = item.get("type")
                if kind == "paragraph" and len(item) == 2:
                    out.append(Paragraph(item["text"]))
                elif kind == "heading" and len(item) == 3:
                    out.append(Heading(item["text"], item["level"]))
                elif kind == "heading" and len(item) == 2:
                    out.append(Heading(item["text"]))
                else:
                    raise _InvalidError(_BLOCKS_EXPECTED, describe(item))
            return tuple(out)
        problems: list[tuple[str, BaseException]] = []
        more = 0
        for i, item in enumerate(value):
            for suffix, exc in _block_problems(item):
                if len(problems) < MAX_PROBLEMS:
                    problems.append((f"[{i}]{suffix}", exc))
                else:
                    more += 1
        if problems:
            raise _NestedError(problems, more)
        return tuple(
            _BLOCK_TAGS[item["type"]](**{k: v for k, v in item.items() if k != "type"})
            for item in value
        )

    return structure


def _union_of_classes(t: object) -> bool:
    args = [a for a in typing.get_args(t) if a is not type(None)]
    return isinstance(t, types.UnionType) and len(args) > 1 and all(attrs.has(a) for a in args)


def _is_spec(kind: type[ValueSpec]) -> Callable[[object], bool]:
    return lambda t: isinstance(spec_of(t), kind)


def _make_converter(detailed: bool) -> cattrs.Converter:
    """The converter: a hook for every spec of :mod:`opengovreport.values`, unknown keys
    forbidden.

    ``detailed=False`` is the fast path: plain values pass through and the model's constructors
    check them, stopping at the first problem. ``detailed=True`` checks each value against the
    same spec and names every problem.
    """
    conv = cattrs.Converter(detailed_validation=detailed, forbid_extra_keys=True)

    def plain(t: object) -> Callable[[object, object], object]:
        spec = spec_of(t)
        assert spec is not None
        if isinstance(spec, Bounds) and spec.kind is CellKind.AMOUNT:
            return _amount(spec, detailed)
        if isinstance(spec, ItemsSpec):
            if isinstance(spec.item, InstanceSpec):  # a section's headings and paragraphs
                return _blocks(detailed)
            return _lines(spec, detailed)
        return _checked(spec) if detailed else _passed

    for kind in (Bounds, IntRange, TextSpec, ItemsSpec):
        conv.register_structure_hook_factory(_is_spec(kind), plain)
    conv.register_structure_hook(Edition, _edition)

    def attrs_class(cls: type[T]) -> Callable[[object, object], T]:
        inner = make_dict_structure_fn(cls, conv, _cattrs_forbid_extra_keys=True)

        def structure(value: object, _: object) -> T:
            if type(value) is not dict:
                if detailed:
                    raise _InvalidError(f"an object ({cls.__name__})", describe(value))
                value = _object(value)
            return inner(value, cls)

        if detailed:
            return structure
        hints = typing.get_type_hints(cls, include_extras=True)
        names = tuple(f.name for f in attrs.fields(typing.cast(Any, cls)))
        specs = [spec_of(hints[n]) for n in names]
        plain_cells = all(isinstance(s, Bounds) and s.kind is not CellKind.AMOUNT for s in specs)
        if not plain_cells or len(names) < 2:
            return structure
        get = itemgetter(*names)
        width = len(names)

        def row(value: object, _: object) -> T:
            # a table row of counts, the usual case: read in one go, the constructor checking
            # every cell, and shared with equal rows (model.shared_row)
            if type(value) is tuple and len(value) == width:
                obj = dict(value)
                if len(obj) == width:  # no key twice
                    return shared_row(cls, get(obj))
            return structure(value, cls)

        return row

    conv.register_structure_hook_factory(attrs.has, attrs_class)

    def union(t: Any) -> Callable[[object, object], object]:
        members = [a for a in typing.get_args(t) if a is not type(None)]
        fields = [frozenset(f.name for f in attrs.fields(a)) for a in members]

        def structure(value: object, _: object) -> object:
            # the member whose fields the object's keys are most like (（六）: a row of
            # columns, or its items)
            if type(value) is tuple:
                value = _object(value)
            keys = value.keys() if isinstance(value, dict) else set()
            best = max(range(len(members)), key=lambda i: len(fields[i] & keys))
            return conv.structure(value, members[best])

        return structure

    conv.register_structure_hook_factory(_union_of_classes, union)
    if detailed:
        conv.register_structure_hook(Report, lambda v, _: _structure_report(conv, v))
    else:
        conv.register_structure_hook(Report, _fast_report(conv))

    # unstructuring: decimals as strings, editions as their value, blocks tagged
    conv.register_unstructure_hook(Decimal, lambda d: format(d, "f"))
    conv.register_unstructure_hook(Edition, lambda e: e.value)
    conv.register_unstructure_hook(
        Heading, lambda h: {"type": "heading", "text": h.text, "level": h.level}
    )
    conv.register_unstructure_hook(Paragraph, lambda p: {"type": "paragraph", "text": p.text})
    names = [f.name for f in attrs.fields(Report)]

    def report(r: Report) -> dict[str, Any]:
        # each part by its own class (a table of a registered shape may be any class)
        out: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
        out.update((name, conv.unstructure(getattr(r, name))) for name in names)
        return out

    conv.register_unstructure_hook(Report, report)
    return conv


_TABLES = tuple(t.key for t in shapes()[0].tables)
_SECTION_KEYS = tuple(spec.key for spec in SECTIONS if spec.narrative)


def _keys_at(obj: object, path: str) -> frozenset[str] | None:
    """The keys of the object at ``path`` (dotted) below ``obj``, or ``None``."""
    for part in path.split("."):
        if type(obj) is tuple:
            try:
                obj = _object(obj)
            except (_DuplicateKeyError, _InvalidError):
                return None
        if not isinstance(obj, dict) or part not in obj:
            return None
        obj = obj[part]
    if type(obj) is tuple:
        try:
            obj = _object(obj)
        except (_DuplicateKeyError, _InvalidError):
            return None
    return frozenset(obj) if isinstance(obj, dict) else None


def _places(shape: Shape) -> list[str]:
    """The places whose keys tell a shape from the others: its tables, and where the model
    holds one of several classes."""
    from .schema import _signature_paths

    return [".".join(p) for p in _signature_paths() if ".".join(p) in shape.classes]


@cache
def _discriminators(
    candidates: tuple[Shape, ...],
) -> tuple[tuple[str, tuple[frozenset[str], ...]], ...]:
    """The places whose keys differ between shapes of one edition, and each shape's keys
    there: what tells them apart (the 2021 edition: （六） as a row, or as items)."""
    places = {p for s in candidates for p in _places(s)}
    out = []
    for place in sorted(places):
        keys = tuple(
            frozenset(s.node_keys(place)) if place in s.classes else frozenset() for s in candidates
        )
        if len(set(keys)) > 1:
            out.append((place, keys))
    return tuple(out)


def _choose(edition: Edition, obj: dict[str, Any]) -> Shape:
    """The shape of the edition whose places have the keys the report's do; the edition's
    first shape when none has (its problems are then named against it)."""
    candidates = shapes(edition)
    if len(candidates) > 1:
        found = [(place, keys, _keys_at(obj, place)) for place, keys in _discriminators(candidates)]
        for i, candidate in enumerate(candidates):
            if all(seen == keys[i] for _place, keys, seen in found):
                return candidate
    return candidates[0]


def _fast_report(conv: cattrs.Converter) -> Callable[[object, object], Report]:
    """The report on the fast path: every key once, the tables of its shape; any problem
    raises, and the detailed pass names it."""
    structure = conv.structure

    def report(value: object, _: object) -> Report:
        obj = _object(value)
        version = obj["schema_version"]
        if len(obj) != len(_REPORT_FIELDS) + 1 or type(version) is not int or version != 1:
            raise _InvalidError("a report", describe(value))
        meta = structure(obj["meta"], Meta)
        return _fast_report_of(structure, obj, meta, _choose(meta.edition, obj))

    return report


def _fast_report_of(
    structure: Callable[[object, Any], Any], obj: dict[str, Any], meta: Meta, shape: Shape
) -> Report:
    """The report of ``shape`` and ``meta`` whose other parts the fast converter reads."""
    parts: dict[str, Any] = {key: structure(obj[key], Section) for key in _SECTION_KEYS}
    parts.update((key, structure(obj[key], shape.classes[key])) for key in _TABLES)
    return Report(meta=meta, **parts)


def _place(shape: Shape, place: str) -> str:
    """A table or a row group as a shape lays it out, in words."""
    cls = shape.classes[place].__name__
    table, _, below = place.partition(".")
    number = shape.table(table).number
    if not below:
        return f"table {number} of the {shape.label.en} ({cls})"
    return f"{shape.table(table).row(below).label.zh} as in the {shape.label.en} ({cls})"


def _structure_report(conv: cattrs.Converter, value: object) -> Report:
    if type(value) is tuple:
        value = _object(value)
    if type(value) is not dict:
        raise _InvalidError("an object (a report)", describe(value))
    errors: list[tuple[str, BaseException]] = []
    known = ("schema_version", *_REPORT_FIELDS)
    for key in value:
        if key not in known:
            errors.append(
                (_key(key), _InvalidError(f"one of the keys {', '.join(known)}", "an unknown key"))
            )
    version = value.get("schema_version", _MISSING)
    if version is _MISSING:
        errors.append((".schema_version", _InvalidError(f"{SCHEMA_VERSION}", "a missing key")))
    elif not (type(version) is int and version == SCHEMA_VERSION):
        errors.append((".schema_version", _InvalidError(f"{SCHEMA_VERSION}", describe(version))))

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
    edition = _edition_of(parts.get("meta"), value.get("meta")) or Edition.E2021
    shape = _choose(edition, value)
    # a place laid out as in another shape is one problem, not one for every key below it
    wrong: list[str] = []
    for place in _places(shape):
        keys = _keys_at(value, place)
        if keys is None or keys == frozenset(shape.node_keys(place)):
            continue
        other = next(
            (s for s in shapes() if place in s.classes and keys == frozenset(s.node_keys(place))),
            None,
        )
        if other is not None and not any(place.startswith(w + ".") for w in wrong):
            wrong.append(place)
            errors.append((f".{place}", _InvalidError(_place(shape, place), _place(other, place))))
    for key in _SECTION_KEYS:
        take(key, Section)
    for key in _TABLES:
        if not any(w == key or w.startswith(key + ".") for w in wrong):
            take(key, shape.classes[key])
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


_converter = _make_converter(detailed=True)
_fast = _make_converter(detailed=False)


# --- the generated fast path ----------------------------------------------------------------
#
# What dumps writes — every object's keys those of its class, in their order — is read by
# structurers generated from the model's classes and a shape's: a node compares its object's
# keys with its fields at once and calls the constructor (a row of counts shared as
# model.shared_row shares it), with no converter dispatch between. Anything else (keys in
# another order, a key missing, a value of another kind) goes the converter's way
# (:func:`_fast_report`), which reads it as it always has; a value no constructor accepts
# raises either way, and the detailed pass names it.


class _MismatchError(Exception):
    """An object whose keys are not its class's in their order: the converter reads it."""


#: a node: ``{otherwise}`` is the converter's hook (a meta, a section) or :class:`_MismatchError`
_NODE = """\
def {name}(v):
    if type(v) is tuple and len(v) == {width}:
        {pairs}, = v
        if ({keys},) == K{n}:
{made}    {otherwise}
"""


def _node(
    cls: type,
    place: str,
    classes: Mapping[str, type] | None,
    env: dict[str, Any],
    sources: list[str],
) -> str:
    """The name of the generated structurer of ``cls`` at ``place`` (dotted), its source and
    its nodes' added to ``sources``: with a shape's ``classes`` (the class at each place), an
    object that does not fit raises :class:`_MismatchError`; without, it goes to the converter's
    hook of ``cls``. Made of the model's classes, never of input."""
    n = len(sources)
    sources.append("")  # its place: the nodes below come after it
    fields = attrs.fields(typing.cast(Any, cls))
    env[f"K{n}"], env[f"C{n}"] = tuple(f.name for f in fields), cls
    if classes is None:
        env[f"F{n}"] = _fast.get_structure_hook(cls)
        otherwise = f"return F{n}(v, C{n})"
    else:
        otherwise = "raise Mismatch"
    width = len(fields)
    values = [f"p{i}[1]" for i in range(width)]
    if cls in _COUNT_ROWS and width > 1:
        # shared as model.shared_row shares it, by its key (the class, the values, their
        # types), made here without a call per value
        made = [
            f"x = ({', '.join(f'a{i} := {v}' for i, v in enumerate(values))})",
            f"r = SHARED.get((C{n}, x, ({', '.join(f'type(a{i})' for i in range(width))})))",
            f"return shared_row(C{n}, x) if r is None else r",
        ]
    else:
        hints = typing.get_type_hints(cls, include_extras=True)
        args = []
        for i, f in enumerate(fields):
            sub, hint = f"{place}.{f.name}", hints[f.name]
            members = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
            found = [c for c in members if c is not type(None)]
            child = (classes or {}).get(sub) or (found[0] if len(found) == 1 else None)
            if child is not None and attrs.has(child):
                node = _node(child, sub, classes, env, sources)
                args.append(
                    f"{node}({values[i]})"
                    if len(found) == len(members)
                    else f"None if {values[i]} is None else {node}({values[i]})"
                )
                continue
            hook = _fast.get_structure_hook(hint)
            if hook is _passed:  # the constructor checks it
                args.append(values[i])
            else:
                env[f"H{n}_{i}"], env[f"A{n}_{i}"] = hook, hint
                args.append(f"H{n}_{i}({values[i]}, A{n}_{i})")
        made = [f"return C{n}({', '.join(args)})"]
    sources[n] = _NODE.format(
        name=f"s{n}",
        width=width,
        n=n,
        pairs=", ".join(f"p{i}" for i in range(width)),
        keys=", ".join(f"p{i}[0]" for i in range(width)),
        made="".join(f"            {line}\n" for line in made),
        otherwise=otherwise,
    )
    return f"s{n}"


def _structurers(
    roots: Iterable[tuple[str, type]], classes: Mapping[str, type] | None, what: str
) -> dict[str, Callable[[object], Any]]:
    """The generated structurers of ``roots`` (each a place and its class), by place."""
    env: dict[str, Any] = {"shared_row": shared_row, "SHARED": _SHARED, "Mismatch": _MismatchError}
    sources: list[str] = []
    names = {place: _node(cls, place, classes, env, sources) for place, cls in roots}
    found = ", ".join(f"{place!r}: {name}" for place, name in names.items())
    source = "".join(sources) + f"def structurers():\n    return {{{found}}}\n"
    made: Callable[[], dict[str, Callable[[object], Any]]] = define(
        source, "structurers", env, what
    )
    return made()


_PLAIN = _structurers((("meta", Meta), ("section", Section)), None, "structurer")
_META, _SECTION = _PLAIN["meta"], _PLAIN["section"]
#: each shape's maker of a report (a shape is its own key)
_MAKERS: dict[Shape, Callable[[dict[str, Any], Meta], Report]] = {}


def _report_maker(shape: Shape) -> Callable[[dict[str, Any], Meta], Report]:
    """The report of ``shape`` from its object (a dict of the report's keys) and its meta made:
    each table by the shape's structurers, which raise :class:`_MismatchError` where an object's
    keys are not the shape's in their order; each section by :data:`_SECTION`."""
    make = _MAKERS.get(shape)
    if make is None:
        roots = ((key, shape.classes[key]) for key in _TABLES)
        tables = _structurers(roots, shape.classes, f"structurer {shape.key}")
        env: dict[str, Any] = {"R": Report, "S": _SECTION}
        args = []
        for f in attrs.fields(Report):
            if f.name in tables:
                env[f"t_{f.name}"] = tables[f.name]
                args.append(f"t_{f.name}(o[{f.name!r}])")
            else:
                args.append("meta" if f.name == "meta" else f"S(o[{f.name!r}])")
        source = f"def make(o, meta):\n    return R({', '.join(args)})\n"
        make = _MAKERS[shape] = define(source, "make", env, f"report maker {shape.key}")
    return make


def _quick_report(value: object) -> Report:
    """The report on the generated fast path: what :func:`_fast_report` gives. The shape
    :func:`_choose` would find is the first of the edition's where that one's structurers read
    the report (their keys are its keys, in order), and need not be looked for; where they do
    not, it is looked for and its structurers read the report, or :func:`_fast_report`'s way
    where its keys are not in order. Any problem raises, and the detailed pass names it."""
    obj = _object(value)
    version = obj["schema_version"]
    if len(obj) != len(_REPORT_FIELDS) + 1 or type(version) is not int or version != 1:
        raise _InvalidError("a report", describe(value))
    meta = _META(obj["meta"])
    candidates = shapes(meta.edition)
    first = candidates[0]
    try:
        return _report_maker(first)(obj, meta)
    except _MismatchError:
        chosen = _choose(meta.edition, obj)
    except Exception:
        # a value the first shape's classes refuse: the answer, unless the report is another
        # shape's (whose classes may accept it)
        chosen = _choose(meta.edition, obj) if len(candidates) > 1 else first
        if chosen is first:
            raise
    if chosen is not first:
        try:
            return _report_maker(chosen)(obj, meta)
        except _MismatchError:
            pass
    return _fast_report_of(_fast.structure, obj, meta, chosen)


# --- errors ---------------------------------------------------------------------------------


class _Problems:
    """The problems of one input, in order: the first :data:`MAX_PROBLEMS` kept, the rest
    counted."""

    def __init__(self) -> None:
        self.found: list[Problem] = []
        self.omitted = 0

    def add(self, path: str, expected: str, found: str) -> None:
        if len(self.found) < MAX_PROBLEMS:
            self.found.append(Problem(path, expected, found))
        else:
            self.omitted += 1

    def error(self) -> LoadError:
        return LoadError(self.found, self.omitted)

    def collect(self, exc: BaseException, path: str) -> None:
        if isinstance(exc, _NestedError):
            for suffix, sub in exc.items:
                self.collect(sub, path + suffix)
            self.omitted += exc.more
        elif isinstance(exc, _InvalidError):
            self.add(path, exc.expected, exc.found)
        elif isinstance(exc, ForbiddenExtraKeysError):
            known = ", ".join(f.name for f in attrs.fields(exc.cl))
            for key in sorted(exc.extra_fields):
                self.add(f"{path}{_key(key)}", f"one of the keys {known}", "an unknown key")
        elif isinstance(exc, ClassValidationError):
            with_notes, without = exc.group_exceptions()
            for sub, note in with_notes:
                if isinstance(sub, KeyError):
                    self.add(f"{path}{_key(note.name)}", "a value", "a missing key")
                else:
                    self.collect(sub, f"{path}{_key(note.name)}")
            for sub in without:
                self.collect(sub, path)
        elif isinstance(exc, IterableValidationError):
            iter_notes, iter_without = exc.group_exceptions()
            for sub, inote in iter_notes:
                self.collect(sub, f"{path}[{inote.index}]")
            for sub in iter_without:
                self.collect(sub, path)
        elif isinstance(exc, BaseValidationError):
            for sub in exc.exceptions:
                self.collect(sub, path)
        else:  # a constructor's own check (the report's shape) or a bug: say what it was
            self.add(path, "a valid value", said(exc))


# --- public API -----------------------------------------------------------------------------


def to_dict(report: Report) -> dict[str, Any]:
    """The report as plain JSON-ready data (dicts, lists, str, int, None)."""
    data: dict[str, Any] = _converter.unstructure(report, Report)
    return data


def from_dict(data: Mapping[str, Any] | object) -> Report:
    """The report from plain data, as :func:`loads` reads it; raises :class:`LoadError`."""
    return _structured(data, lambda value: _fast.structure(value, Report))


def _structured(data: object, fast: Callable[[object], Report]) -> Report:
    """The report ``fast`` makes of ``data``, or :class:`LoadError` naming every problem."""
    try:
        report: Report = fast(data)
    except Exception as first:
        # something is wrong: the detailed pass names every problem
        problems = _Problems()
        tree = _tree(data, problems)
        try:
            _converter.structure(tree, Report)
        except Exception as exc:
            problems.collect(exc, "$")
        if not problems.found:  # pragma: no cover - the two passes accept the same values
            problems.collect(first, "$")
        raise problems.error() from None
    return report


def dumps(report: Report, *, indent: int | None = 2) -> str:
    """The report as JSON text (UTF-8 characters kept as written). The model holds only values
    :func:`loads` accepts, so the text always loads back to an equal report."""
    return json.dumps(to_dict(report), ensure_ascii=False, indent=indent)


def _tree(data: object, problems: "_Problems") -> object:
    """The fast path's decoded value (objects as tuples of pairs) as dicts and lists, for the
    detailed pass; every duplicate key is a problem (the last value is kept). A stack, not
    recursion: the data may be nested as deep as JSON allows."""
    root: list[object] = [None]
    stack: list[tuple[object, str, Any, object]] = [(data, "$", root, 0)]
    while stack:
        value, path, parent, slot = stack.pop()
        if type(value) is tuple:  # an object's pairs
            obj: dict[str, Any] = {}
            seen: set[str] = set()
            for key, _item in value:
                if key in obj and key not in seen:
                    seen.add(key)
                    problems.add(f"{path}{_key(key)}", "each key once", "a duplicate key")
                obj[key] = None
            for key, item in reversed(value):  # popped in order: the last value of a key wins
                stack.append((item, f"{path}{_key(key)}", obj, key))
            parent[slot] = obj
        elif type(value) is list:
            items = list(value)
            for i in reversed(range(len(value))):
                if type(value[i]) in (tuple, list):  # scalars are copied as they are
                    stack.append((value[i], f"{path}[{i}]", items, i))
            parent[slot] = items
        else:
            parent[slot] = value
    return root[0]


def _int(text: str) -> int | Unreadable:
    return int(text) if len(text) <= 400 else Unreadable(len(text.lstrip("-")))


def _too_deep(text: str | bytes) -> Problem:
    """Where ``text`` first nests deeper than :data:`MAX_DEPTH`: its line and column."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    depth, line, column, in_string, escaped = 0, 1, 0, False, False
    for ch in text:
        column += 1
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                break
        elif ch in "]}":
            depth -= 1
        elif ch == "\n":
            line, column = line + 1, 0
    return Problem(
        "$",
        f"JSON nested at most {MAX_DEPTH} deep",
        f"deeper nesting at line {line}, column {column}",
    )


#: the decoder of :func:`_decode` (it holds no state between calls but the keys' memo, which
#: it empties after each)
_DECODER = json.JSONDecoder(object_pairs_hook=tuple)


def _decode(text: object) -> Any:
    """The JSON value of ``text``, objects as tuples of their (key, value) pairs (see
    :func:`_object`); every way decoding fails is a :class:`LoadError`."""
    problems = _Problems()
    if not isinstance(text, str | bytes | bytearray):
        problems.add("$", "JSON text (str or bytes)", type(text).__name__)
        raise problems.error()
    try:
        if type(text) is str and not text.startswith("\ufeff"):
            # json.loads would make this decoder on every call (3 % of a short report's load);
            # bytes and a text with a byte-order mark take json.loads' own way and errors
            return _DECODER.decode(text)
        return json.loads(text, object_pairs_hook=tuple)
    except json.JSONDecodeError as exc:
        problems.add("$", "JSON text", f"{exc.msg} at line {exc.lineno}, column {exc.colno}")
    except UnicodeDecodeError as exc:
        problems.add("$", "UTF-8 JSON text", str(exc))
    except RecursionError:
        problems.found.append(_too_deep(bytes(text) if isinstance(text, bytearray) else text))
    except ValueError:  # Python's limit on the digits of an integer: decode it as a problem
        return json.loads(text, object_pairs_hook=tuple, parse_int=_int)
    raise problems.error()


def loads(text: str | bytes) -> Report:
    """The report from JSON text; raises :class:`LoadError` listing every problem, and nothing
    else, whatever ``text`` holds."""
    # the decoder's objects are tuples of (key, value) pairs: the generated structurers read them
    return _structured(_decode(text), _quick_report)


# --- JSON Schema ----------------------------------------------------------------------------


def _plain_schema(spec: ValueSpec) -> dict[str, Any]:
    if isinstance(spec, Bounds):
        if spec.kind is CellKind.AMOUNT:
            return {"type": ["string", "null"], "pattern": _amount_pattern(spec)}
        return {"type": ["integer", "null"], "minimum": spec.minimum, "maximum": spec.maximum}
    if isinstance(spec, IntRange):
        return {"type": "integer", "minimum": spec.minimum, "maximum": spec.maximum}
    if isinstance(spec, TextSpec):
        return {"type": ["string", "null"] if spec.optional else "string"}
    raise TypeError(f"no JSON Schema for {spec!r}")  # pragma: no cover


def _schema() -> dict[str, Any]:
    return _schema_of(shapes())


@cache
def _schema_of(registered: tuple[Shape, ...]) -> dict[str, Any]:
    """The JSON Schema of reports of the ``registered`` shapes (the registry is the key: a shape
    registered later makes another schema)."""
    defs: dict[str, Any] = {}

    def ref(cls: type) -> dict[str, Any]:
        name = cls.__name__
        if name not in defs:
            defs[name] = {}
            defs[name] = obj(cls)
        return {"$ref": f"#/$defs/{name}"}

    def of(t: Any) -> dict[str, Any]:
        spec = field_spec(t)
        if isinstance(spec, ItemsSpec):
            item = spec.item
            if isinstance(item, InstanceSpec):
                return {"type": "array", "items": {"oneOf": [ref(c) for c in item.classes]}}
            return {"type": "array", "items": _plain_schema(item)}
        if isinstance(spec, TableSlot):  # a report's table: the class of some shape
            classes = {s.classes[spec.key] for s in shapes()}
            return {"anyOf": [ref(c) for c in sorted(classes, key=lambda c: c.__name__)]}
        if isinstance(spec, InstanceSpec):
            if spec.classes == (Edition,):
                return {"enum": [e.value for e in Edition.members()]}
            options = [ref(c) for c in spec.classes]
            if spec.optional:
                options.append({"type": "null"})
            return options[0] if len(options) == 1 else {"anyOf": options}
        return _plain_schema(spec)

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

    def pin(shape: Shape) -> dict[str, Any]:
        """The classes of a shape's tables and of the places that may hold several."""
        out: dict[str, Any] = {}
        for place in _places(shape):  # a table's class, and inside it the class of a place
            node = out
            *parents, last = place.split(".")
            for part in parents:
                node = node.setdefault(part, {}).setdefault("properties", {})
            node.setdefault(last, {}).update(ref(shape.classes[place]))
        return {"properties": out}

    def when(edition: Edition, then: dict[str, Any]) -> dict[str, Any]:
        stated = {"required": ["edition"], "properties": {"edition": {"const": edition.value}}}
        is_edition: dict[str, Any] = {"anyOf": [stated]}
        if edition.years is not None:  # without an edition stated, the year's
            first, last = edition.years
            years: dict[str, Any] = {}
            if first is not None:
                years["minimum"] = first
            if last is not None:
                years["maximum"] = last
            is_edition["anyOf"].append(
                {"not": {"required": ["edition"]}, "properties": {"year": years}}
            )
        return {"if": {"properties": {"meta": is_edition}}, "then": then}

    report["allOf"] = [
        when(edition, {"anyOf": [pin(s) for s in shapes(edition)]})
        for edition in Edition.members()
        if shapes(edition)
    ]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "政府信息公开工作年度报告 (opengovreport report, JSON form v1)",
        **report,
        "$defs": defs,
    }


def json_schema() -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of the report JSON that :func:`loads` accepts.

    Two differences are beyond JSON Schema: its data model treats ``3.0`` as the integer 3, so
    the schema accepts ``3.0`` for a count, which :func:`loads` rejects; and it cannot tell a
    lone surrogate (``"\\ud800"``) from text.
    """
    return json.loads(json.dumps(_schema()))  # type: ignore[no-any-return]
