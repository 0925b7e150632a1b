"""Flags as data: thresholds on the standard indicators, and the flags a report's values raise.

A :class:`Threshold` names an indicator (a code of :data:`opengovreport.schema.INDICATORS`), the
direction in which it is bad (``below``: a rate that should be high; ``above``: one that should
be low) and two lines: ``warn`` (yellow) and ``alert`` (red). A value strictly beyond the alert
line is an alert, else strictly beyond the warn line a warning; a missing value raises nothing.
:class:`Thresholds` is a set of them with its name and its source.

Nothing here is a default of the library: the checks (:func:`opengovreport.check`) never read
thresholds, and a comparison, a benchmark, the corpus page or its workbook flags values only when
given thresholds. :data:`PRESETS` ships the thresholds others use, each with its source, for those
who want them (``Thresholds.preset("peer-dashboard")``, ``--thresholds peer-dashboard`` on the
command line); a JSON file of the form :meth:`Thresholds.to_dict` gives is read by
:func:`load_thresholds`.
"""

import enum
import json
import math
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from ._explain import Item, indicator_name, indicator_value, phrase
from .errors import ThresholdsError
from .schema import KEY_INDICATORS, indicator
from .values import first_repeated

if TYPE_CHECKING:  # pragma: no cover
    from .corpus import Corpus

__all__ = [
    "PRESETS",
    "Direction",
    "Flag",
    "Level",
    "Threshold",
    "Thresholds",
    "ThresholdsError",
    "flags_rows",
    "load_thresholds",
]


class Direction(enum.Enum):
    """Where an indicator is bad: ``below`` its lines (a rate that should be high, 予以公开率)
    or ``above`` them (one that should be low, 纠错率)."""

    BELOW = "below"
    ABOVE = "above"


class Level(enum.Enum):
    """How far a value is beyond its lines: ``warn`` (yellow), ``alert`` (red)."""

    WARN = "warn"
    ALERT = "alert"

    @property
    def rank(self) -> int:
        """1 for a warning, 2 for an alert."""
        return 1 if self is Level.WARN else 2


def _indicator_code(instance: object, attribute: object, value: str) -> None:
    try:
        indicator(value)
    except KeyError as exc:
        raise ThresholdsError(str(exc.args[0])) from None


def _line(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ThresholdsError(f"a threshold's line is a number, not {value!r}")
    out = float(value)
    if not math.isfinite(out):
        raise ThresholdsError(f"a threshold's line is a finite number, not {value!r}")
    return out


def _direction(value: object) -> Direction:
    try:
        return Direction(value)
    except ValueError:
        raise ThresholdsError(
            f"a threshold's direction is 'below' or 'above', not {value!r}"
        ) from None


@attrs.frozen
class Threshold:
    """Two lines on one indicator: beyond ``warn`` a warning, beyond ``alert`` an alert, in
    ``direction`` (values strictly below the lines for ``below``, strictly above for
    ``above``). The alert line is at least as far out as the warn line; shares are written as
    fractions (0.45 for 45%)."""

    indicator: str = attrs.field(validator=_indicator_code)
    direction: Direction = attrs.field(converter=_direction)
    warn: float = attrs.field(converter=_line)
    alert: float = attrs.field(converter=_line)

    def __attrs_post_init__(self) -> None:
        inner = (
            self.alert > self.warn if self.direction is Direction.BELOW else self.alert < self.warn
        )
        if inner:
            side = "at or below" if self.direction is Direction.BELOW else "at or above"
            raise ThresholdsError(
                f"{self.indicator}: the alert line ({self.alert:g}) must be {side} the warn "
                f"line ({self.warn:g}) for a direction {self.direction.value!r}"
            )

    def level(self, value: float | None) -> Level | None:
        """The level ``value`` reaches, or ``None`` (within the lines, or missing)."""
        if value is None or math.isnan(value):
            return None
        if self.direction is Direction.BELOW:
            return Level.ALERT if value < self.alert else Level.WARN if value < self.warn else None
        return Level.ALERT if value > self.alert else Level.WARN if value > self.warn else None

    def line(self, level: Level) -> float:
        """The line of ``level``."""
        return self.alert if level is Level.ALERT else self.warn

    def to_dict(self) -> dict[str, Any]:
        return {
            "indicator": self.indicator,
            "direction": self.direction.value,
            "warn": self.warn,
            "alert": self.alert,
        }


@attrs.frozen
class Flag:
    """An indicator of one report beyond a line: which, its value, the level it reaches and the
    threshold it crossed (the report's ``agency`` and ``year`` where known)."""

    indicator: str
    value: float
    level: Level
    threshold: Threshold
    agency: str = ""
    year: int | None = None

    def message(self, lang: str = "zh", *, short: bool = False) -> str:
        """``予以公开率 35.0%，低于红色预警线 40.0%`` / ``Disclosed rate 35.0%, below the alert
        line 40.0%``; ``short``: the line alone (``低于红色预警线 40.0%``), after a sentence
        that gives the value."""
        where = f"{self.threshold.direction.value}.{self.level.value}"
        line = indicator_value(self.indicator, self.threshold.line(self.level), lang)
        if short:
            return phrase(f"flag.short.{where}", lang, line=line)
        return phrase(
            f"flag.{where}",
            lang,
            what=indicator_name(self.indicator, lang),
            value=indicator_value(self.indicator, self.value, lang),
            line=line,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "agency": self.agency,
            "year": self.year,
            "indicator": self.indicator,
            "value": self.value,
            "level": self.level.value,
            "threshold": self.threshold.to_dict(),
            "message": {"zh": self.message("zh"), "en": self.message("en")},
        }


def level_value(flag: Flag | None) -> str | None:
    """The level ``flag`` reaches (``warn``, ``alert``), as JSON holds it; ``None`` for none."""
    return None if flag is None else flag.level.value


def level_item(flag: Flag | None, lang: str) -> Item:
    """The level ``flag`` reaches as a cell of a document's table, coloured (empty for none)."""
    if flag is None:
        return Item("")
    return Item(phrase(f"level.{flag.level.value}", lang), level=flag.level.value)


def flags_and_sentences(
    flags: Iterable[Flag], sentences: Callable[[str], list[str]]
) -> dict[str, Any]:
    """The end of a comparison's or a benchmark's JSON: its flags, and its sentences in each
    language."""
    return {
        "flags": [f.to_dict() for f in flags],
        "sentences": {"zh": sentences("zh"), "en": sentences("en")},
    }


def _items(items: Iterable[Threshold]) -> tuple[Threshold, ...]:
    return tuple(items)


@attrs.frozen
class Thresholds:
    """A set of thresholds (at most one per indicator), its ``name`` and where its lines come
    from (``source``)."""

    items: tuple[Threshold, ...] = attrs.field(converter=_items)
    name: str = ""
    source: str = ""

    def __attrs_post_init__(self) -> None:
        twice = first_repeated(item.indicator for item in self.items)
        if twice is not None:
            raise ThresholdsError(f"two thresholds on {twice}")

    def __iter__(self) -> Iterator[Threshold]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def get(self, code: str) -> Threshold | None:
        """The threshold on the indicator ``code``, if any."""
        return next((t for t in self.items if t.indicator == code), None)

    def flag(
        self, code: str, value: float | None, *, agency: str = "", year: int | None = None
    ) -> Flag | None:
        """The flag ``value`` of indicator ``code`` raises, or ``None``."""
        threshold = self.get(code)
        if threshold is None or value is None:
            return None
        level = threshold.level(value)
        if level is None:
            return None
        return Flag(code, value, level, threshold, agency, year)

    def flags(
        self, values: Mapping[str, float | None], *, agency: str = "", year: int | None = None
    ) -> tuple[Flag, ...]:
        """The flags of a report's indicator ``values`` (code → value), in the order of the
        thresholds."""
        out = []
        for threshold in self.items:
            found = self.flag(
                threshold.indicator, values.get(threshold.indicator), agency=agency, year=year
            )
            if found is not None:
                out.append(found)
        return tuple(out)

    @classmethod
    def preset(cls, name: str) -> "Thresholds":
        """The shipped thresholds ``name`` (see :data:`PRESETS`)."""
        try:
            return PRESETS[name]
        except KeyError:
            raise ThresholdsError(
                f"no preset thresholds {name!r}; presets: {', '.join(PRESETS)}"
            ) from None

    def to_dict(self) -> dict[str, Any]:
        """``{"name": …, "source": …, "thresholds": [{"indicator", "direction", "warn",
        "alert"}, …]}``: the form :meth:`from_dict` and :func:`load_thresholds` read."""
        return {
            "name": self.name,
            "source": self.source,
            "thresholds": [t.to_dict() for t in self.items],
        }

    @classmethod
    def from_dict(cls, data: object, *, where: str = "thresholds") -> "Thresholds":
        """Thresholds from the form :meth:`to_dict` gives; :class:`ThresholdsError` naming the
        first thing wrong and where (``where``: the file, for a message)."""
        if not isinstance(data, dict):
            raise ThresholdsError(f"{where}: expected an object with a 'thresholds' list")
        unknown = sorted(set(data) - {"name", "source", "thresholds"})
        if unknown:
            raise ThresholdsError(f"{where}: unknown keys {', '.join(map(repr, unknown))}")
        items = data.get("thresholds")
        if not isinstance(items, list):
            raise ThresholdsError(f"{where}: 'thresholds' must be a list")
        out = []
        for i, item in enumerate(items):
            at = f"{where}: thresholds[{i}]"
            if not isinstance(item, dict):
                raise ThresholdsError(f"{at}: expected an object")
            keys = {"indicator", "direction", "warn", "alert"}
            if set(item) != keys:
                missing = sorted(keys - set(item))
                extra = sorted(set(item) - keys)
                said = [f"missing {', '.join(missing)}"] if missing else []
                said += [f"unknown {', '.join(extra)}"] if extra else []
                raise ThresholdsError(f"{at}: {'; '.join(said)}")
            try:
                out.append(Threshold(**item))
            except ThresholdsError as exc:
                raise ThresholdsError(f"{at}: {exc}") from None
        name, source = data.get("name", ""), data.get("source", "")
        if not isinstance(name, str) or not isinstance(source, str):
            raise ThresholdsError(f"{where}: 'name' and 'source' are strings")
        try:
            return cls(tuple(out), name, source)
        except ThresholdsError as exc:
            raise ThresholdsError(f"{where}: {exc}") from None


def load_thresholds(name_or_path: "str | os.PathLike[str]") -> Thresholds:
    """A preset of :data:`PRESETS` by its name, or the thresholds of a JSON file (the form of
    :meth:`Thresholds.to_dict`). :class:`ThresholdsError` names what is wrong and where."""
    name = os.fspath(name_or_path)
    if name in PRESETS:
        return PRESETS[name]
    path = Path(name)
    if not path.is_file():
        raise ThresholdsError(
            f"{name}: neither a preset ({', '.join(PRESETS)}) nor a thresholds file"
        )
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ThresholdsError(f"{name}: cannot read it: {exc}") from None
    except json.JSONDecodeError as exc:
        raise ThresholdsError(f"{name}: not JSON: {exc.msg} at line {exc.lineno}") from None
    return Thresholds.from_dict(data, where=name)


#: 予以公开率 (the first of the key indicators)
_DISCLOSED = KEY_INDICATORS[0]


def flags_rows(corpus: "Corpus", thresholds: Thresholds, lang: str = "zh") -> list[dict[str, Any]]:
    """The flags ``thresholds`` raise on every report of ``corpus``, sorted by agency and year,
    as rows (``Corpus.flags_frame``)."""
    rows = []
    for report in sorted(corpus, key=lambda r: (r.meta.agency, r.meta.year)):
        meta = report.meta
        values = report.indicators(corpus.previous(report))
        for flag in thresholds.flags(values, agency=meta.agency, year=meta.year):
            rows.append(
                {
                    "agency": meta.agency,
                    "year": meta.year,
                    "indicator": flag.indicator,
                    "value": flag.value,
                    "level": flag.level.value,
                    "direction": flag.threshold.direction.value,
                    "line": flag.threshold.line(flag.level),
                    "message": flag.message(lang),
                }
            )
    return rows


def _name(code: str) -> str:
    return indicator(code).name.zh


#: the thresholds shipped, by name; each says where its lines come from
PRESETS: dict[str, Thresholds] = {
    "peer-dashboard": Thresholds(
        (
            Threshold(_DISCLOSED, Direction.BELOW, 0.45, 0.40),
            Threshold("reconsideration_corrected", Direction.ABOVE, 0.10, 0.15),
            Threshold("litigation_corrected", Direction.ABOVE, 0.10, 0.15),
        ),
        "peer-dashboard",
        "The red and yellow lines of the dashboard of the one other tool for these reports "
        "(a web application over a database; issue #25 of this project): a disclosure rate "
        "below 45% yellow, below 40% red; a correction rate above 10% yellow, above 15% red. "
        f"Its disclosure rate is read here as {_name(_DISCLOSED)} ({_DISCLOSED}), its "
        f"correction rate as both {_name('reconsideration_corrected')} and "
        f"{_name('litigation_corrected')}.",
    ),
}
