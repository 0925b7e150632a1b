"""Two reports compared: every cell and indicator they share, before and after, the change and
the ratio, the changes ranked by how much they matter, and the sentences a person would write.

``report.compare(previous)``, :func:`compare` and ``Corpus.compare(agency, years)`` give a
:class:`Comparison`. Cells are compared by path across shapes and editions through
:func:`~opengovreport.totals.comparable_cells` (the 2021 （六） items summed into the one row of
the other shapes; table 2's cells where both editions have them); the cells only one report has
are listed, never dropped silently.

**The ranking rule** (:func:`weight`): a change matters by its size weighted by how large it is
against the figure — ``|after − before| × |after − before| ÷ max(|before|, |after|)``, 0 for no
change. 1,000 → 1,300 weighs 69.2; 10,000 → 10,100 weighs 0.99 (1% of a large figure);
1 → 3 weighs 1.33 (a large share of a tiny one); 100 → 0 weighs 100. The weight is the same
with before and after swapped. Cells with a blank on either side have no weight and are listed
apart. Ties keep the report's printed order.

**The sentences**: the figures section 1 of a report states (:data:`~opengovreport.schema.
STATED_FIGURES`: 收到申请, 办结, 予以公开 … 行政复议, 行政诉讼), then the key indicators
(:data:`~opengovreport.schema.KEY_INDICATORS`) with their flags where thresholds are given, then
what stands out: the heaviest changes among the other cells of a total column, of table 2 and of
table 4. In Chinese and in English, from one catalogue (``依申请公开收到申请 95 件，较上年增加
17 件（+21.8%）``).
"""

import functools
import re
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any, Generic, TypeVar, overload

import attrs

from ._explain import (
    Document,
    Item,
    Listing,
    cell_names,
    change_text,
    indicator_change,
    indicator_name,
    indicator_value,
    percent_change,
    phrase,
)
from .errors import first
from .flags import Flag, Thresholds, flags_and_sentences, level_item, level_value
from .model import CellValue, Meta, Report, pickle_by_fields
from .schema import (
    INDICATORS,
    KEY_INDICATORS,
    OVERVIEW_TOPICS,
    SHAPE_2021,
    STATED_FIGURES,
    Cell,
    Label,
    Shape,
    StatedFigure,
)
from .totals import comparable_cells, derived_cells
from .values import cell_sum, check_lang, format_value

__all__ = ["CellChange", "Comparison", "FigureChange", "IndicatorChange", "compare", "weight"]


def weight(before: float | Decimal | None, after: float | Decimal | None) -> float | None:
    """How much a change matters: ``|after − before|² ÷ max(|before|, |after|)``; 0 for no
    change; ``None`` where either side is blank (see the module's description)."""
    if before is None or after is None:
        return None
    b, a = float(before), float(after)
    delta = abs(a - b)
    if delta == 0:
        return 0.0
    return delta * delta / max(abs(b), abs(a))


def _ratio(before: float | Decimal | None, after: float | Decimal | None) -> float | None:
    if before is None or after is None or before == 0:
        return None
    return float(after) / float(before)


_V = TypeVar("_V", int | Decimal, float)


class _Moved(Generic[_V]):
    """What a value in two reports gives: after − before, after ÷ before and how much the
    change matters."""

    __slots__ = ()
    before: _V | None
    after: _V | None

    @property
    def change(self) -> _V | None:
        """after − before (for a share, in its fraction: 0.031 is 3.1 points); ``None`` where
        either is blank."""
        if self.before is None or self.after is None:
            return None
        return self.after - self.before

    @property
    def ratio(self) -> float | None:
        """after ÷ before; ``None`` where either is blank or before is 0."""
        return _ratio(self.before, self.after)

    @property
    def weight(self) -> float | None:
        """How much the change matters (:func:`weight`); ``None`` where either is blank."""
        return weight(self.before, self.after)


@pickle_by_fields
@attrs.frozen
class CellChange(_Moved[int | Decimal]):
    """One cell in two reports (of one agency, two years): its path, its label as printed (in
    the later report), and its values."""

    path: str
    label: str
    before: CellValue
    after: CellValue


@attrs.frozen
class IndicatorChange(_Moved[float]):
    """One indicator (:data:`~opengovreport.schema.INDICATORS`) in two reports, and the flag
    each value raises where thresholds were given."""

    code: str
    before: float | None
    after: float | None
    flag: Flag | None = None
    before_flag: Flag | None = None

    @property
    def name(self) -> Label:
        from .schema import indicator

        return indicator(self.code).name


@attrs.frozen
class FigureChange(_Moved[int | Decimal]):
    """A figure section 1 states (:class:`~opengovreport.schema.StatedFigure`: the sum of its
    cells, blanks adding nothing) in two reports."""

    figure: StatedFigure
    before: CellValue
    after: CellValue


def _summed(cells: dict[str, CellValue], paths: Sequence[str]) -> CellValue:
    total: CellValue = None
    for path in paths:
        if path not in cells:
            return None
        total = cell_sum(total, cells[path])
    return total


@functools.cache
def _cell_index(shape: Shape) -> dict[str, Cell]:
    """Every cell of ``shape`` and those it sums, by path."""
    out = {c.path: c for c in shape.cells}
    out.update((c.path, c) for c, _ in derived_cells(shape))
    return out


_NUMBERING = re.compile(r"^\s*[（(][^）)]*[）)]\s*")


def _topic(figure: StatedFigure, lang: str) -> str:
    """The topic of section 1 whose sentences state ``figure`` (（二）依申请公开), without its
    numbering, for a figure of table 3: ``依申请公开收到申请``."""
    if not all(p.startswith(_TABLE3_PREFIX) for p in figure.paths):
        return ""
    for topic in OVERVIEW_TOPICS:
        stated = {p for s in topic.sentences for c in s for f in c.figures for p in f}
        if set(figure.paths) <= stated:
            return _NUMBERING.sub("", topic.heading.text(lang))
    return ""  # pragma: no cover - every table 3 figure has its topic


#: the path prefix of table 3's cells
_TABLE3_PREFIX = SHAPE_2021.numbered(3).key + "."


def _figure_name(figure: StatedFigure, lang: str) -> str:
    topic = _topic(figure, lang)
    what = figure.what.text(lang)
    if lang == "zh":
        return topic + what
    return what[:1].upper() + what[1:]


@attrs.frozen(eq=False)
class Comparison:
    """Two reports compared cell by cell and indicator by indicator (see the module's
    description). Iterating over it, indexing it and its length give its cell changes, in the
    later report's order, as :func:`compare` always did.

    ``before`` and ``after`` are the reports' metadata; ``thresholds``, where given, flag the
    indicators (:mod:`opengovreport.flags`)."""

    before: Meta
    after: Meta
    cells: tuple[CellChange, ...]
    indicators: tuple[IndicatorChange, ...]
    figures: tuple[FigureChange, ...]
    #: the cells only one of the reports has (their shapes differ)
    only_before: tuple[str, ...] = ()
    only_after: tuple[str, ...] = ()
    thresholds: Thresholds | None = None
    #: the later report's shape (its labels name the cells)
    shape: Shape | None = attrs.field(default=None, repr=False)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Comparison):
            return NotImplemented
        return (self.before, self.after, self.cells, self.indicators, self.thresholds) == (
            other.before,
            other.after,
            other.cells,
            other.indicators,
            other.thresholds,
        )

    __hash__ = None  # type: ignore[assignment]

    # the cell changes as a sequence ---------------------------------------------------------

    def __iter__(self) -> Iterator[CellChange]:
        return iter(self.cells)

    def __len__(self) -> int:
        return len(self.cells)

    @overload
    def __getitem__(self, index: int) -> CellChange: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[CellChange, ...]: ...
    def __getitem__(self, index: int | slice) -> CellChange | tuple[CellChange, ...]:
        return self.cells[index]

    def cell(self, path: str) -> CellChange:
        """The change of the cell at ``path``; ``KeyError`` where the reports do not share it."""
        return first(self.cells, lambda c: c.path == path, f"no cell {path!r} in both reports")

    def indicator(self, code: str) -> IndicatorChange:
        """The change of the indicator ``code``."""
        return first(self.indicators, lambda c: c.code == code, f"no indicator {code!r}")

    # ranked, flagged ----------------------------------------------------------------------

    def ranked(self, top: int | None = None) -> list[CellChange]:
        """The cells that changed (a value on both sides), the heaviest first (:func:`weight`;
        ties in printed order), at most ``top``."""
        changed = [c for c in self.cells if c.weight]
        changed.sort(key=lambda c: -(c.weight or 0.0))  # stable: ties keep the printed order
        return changed[:top] if top is not None else changed

    def blank_changes(self) -> list[CellChange]:
        """The cells blank in one report and not in the other, in printed order."""
        return [c for c in self.cells if (c.before is None) != (c.after is None)]

    @property
    def flags(self) -> tuple[Flag, ...]:
        """The flags the later report's indicators raise (none without thresholds)."""
        return tuple(c.flag for c in self.indicators if c.flag is not None)

    @property
    def same_agency(self) -> bool:
        return self.before.agency == self.after.agency

    # words -----------------------------------------------------------------------------------

    def _than(self, lang: str) -> str:
        if not self.same_agency:
            return phrase("than.report", lang, agency=self.before.agency, year=self.before.year)
        if self.after.year == self.before.year + 1:
            return phrase("than.previous", lang)
        return phrase("than.year", lang, year=self.before.year)

    def _name(self, meta: Meta, lang: str, full: bool) -> str:
        """``淮安市洪泽区人民政府 2024 年`` (``full``, or two agencies), else ``2023 年``."""
        agency = f"{meta.agency} " if full or not self.same_agency else ""
        return phrase("name.year", lang, agency=agency, year=meta.year)

    def _column(self, meta: Meta) -> str:
        return str(meta.year) if self.same_agency else f"{meta.agency} {meta.year}"

    def _figure_sentence(
        self, what: str, before: CellValue, after: CellValue, unit: str, lang: str
    ) -> str | None:
        fields: dict[str, object] = {"what": what, "unit": unit, "than": self._than(lang)}
        if before is None and after is None:
            return None
        if before is None:
            return phrase("figure.blank_before", lang, after=format_value(after), **fields)
        if after is None:
            return phrase("figure.blank_after", lang, before=format_value(before), **fields)
        delta = after - before
        if delta == 0:
            return phrase("figure.same", lang, after=format_value(after), **fields)
        direction = phrase("up.count" if delta > 0 else "down.count", lang)
        amount = format_value(abs(delta))
        key = "figure.from_zero" if before == 0 else "figure.moved"
        return phrase(
            key,
            lang,
            after=format_value(after),
            direction=direction,
            amount=amount,
            ratio=percent_change(_ratio(before, after)),
            **fields,
        )

    def _indicator_sentence(self, change: IndicatorChange, lang: str) -> str | None:
        if change.after is None:
            return None
        fields = {
            "what": indicator_name(change.code, lang),
            "after": indicator_value(change.code, change.after, lang),
            "than": self._than(lang),
        }
        text: str | None = None
        delta = change.change
        if delta is not None:
            if delta == 0:
                text = phrase("indicator.same", lang, **fields)
            else:
                direction = phrase("up.rate" if delta > 0 else "down.rate", lang)
                amount = indicator_change(change.code, delta, lang, unsigned=True)
                text = phrase("indicator.moved", lang, direction=direction, amount=amount, **fields)
        if change.flag is not None:
            if text is None:
                text = change.flag.message(lang)
            else:
                text += phrase("join", lang) + change.flag.message(lang, short=True)
        return text

    def sentences(self, lang: str = "zh", *, top: int = 3) -> list[str]:
        """What a person would write (see the module's description): the figures section 1
        states, the key indicators (and every flag), and the ``top`` heaviest other changes;
        each sentence ends with its full stop."""
        check_lang(lang)
        out: list[str] = []
        for figure in self.figures:
            sentence = self._figure_sentence(
                _figure_name(figure.figure, lang),
                figure.before,
                figure.after,
                phrase("unit.count", lang),
                lang,
            )
            if sentence is not None:
                out.append(sentence)
        flagged = {c.code for c in self.indicators if c.flag is not None}
        for change in self.indicators:
            if change.code in KEY_INDICATORS or change.code in flagged:
                sentence = self._indicator_sentence(change, lang)
                if sentence is not None:
                    out.append(sentence)
        names = cell_names(self.shape) if self.shape is not None else {}
        for cell in self.notable(top):
            name = names.get(cell.path)
            if name is None:  # pragma: no cover - every path is of the later report's shape
                continue
            sentence = self._figure_sentence(
                name.text(lang), cell.before, cell.after, name.unit(lang), lang
            )
            if sentence is not None:
                out.append(sentence)
        end = phrase("sentence.end", lang)
        return [s + end for s in out]

    def notable(self, top: int = 3) -> list[CellChange]:
        """The heaviest changes among the cells the figures do not already state: cells of a
        total column (table 3's 总计), of table 2 and of table 4."""
        stated = {p for f in self.figures for p in f.figure.paths}
        index = _cell_index(self.shape) if self.shape is not None else {}
        totals = _total_columns(self.shape) if self.shape is not None else set()
        out = []
        for change in self.ranked():
            cell = index.get(change.path)
            if cell is None or change.path in stated:
                continue
            if cell.table != 3 or cell.column in totals:
                out.append(change)
            if len(out) == top:
                break
        return out

    # renderings -----------------------------------------------------------------------------

    def _label(self, path: str, lang: str) -> str:
        index = _cell_index(self.shape) if self.shape is not None else {}
        cell = index.get(path)
        return cell.label(lang) if cell is not None else path

    def document(self, lang: str = "zh", *, top: int | None = 20) -> Document:
        """The comparison as a document: its sentences, the indicators, and the cells ranked
        (at most ``top`` of those that changed; ``None``: every comparable cell, the changed
        first)."""
        check_lang(lang)
        before, after = self._column(self.before), self._column(self.after)
        indicators = Listing(
            phrase("comparison.indicators", lang),
            (
                phrase("head.indicator", lang),
                before,
                after,
                phrase("head.delta", lang),
                phrase("head.flag", lang),
            ),
            (False, True, True, True, False),
            tuple(
                (
                    Item(indicator_name(c.code, lang)),
                    Item(indicator_value(c.code, c.before, lang), c.before),
                    Item(indicator_value(c.code, c.after, lang), c.after),
                    Item(
                        "" if c.change is None else indicator_change(c.code, c.change, lang),
                        c.change,
                    ),
                    level_item(c.flag, lang),
                )
                for c in self.indicators
            ),
            tuple(c.code for c in self.indicators),
        )
        ranked = self.ranked()
        if top is None:
            heavy = {id(c) for c in ranked}
            shown = ranked + [c for c in self.cells if id(c) not in heavy]
            caption = phrase("comparison.all_cells", lang)
        else:
            shown = ranked[:top]
            caption = phrase("comparison.cells", lang)
        cells = Listing(
            caption,
            (
                phrase("head.cell", lang),
                before,
                after,
                phrase("head.delta", lang),
                phrase("head.ratio", lang),
                phrase("head.weight", lang),
            ),
            (False, True, True, True, True, True),
            tuple(
                (
                    Item(self._label(c.path, lang)),
                    Item(format_value(c.before), _float(c.before)),
                    Item(format_value(c.after), _float(c.after)),
                    Item(change_text(c.change), _float(c.change)),
                    Item(percent_change(c.ratio), None if c.ratio is None else c.ratio - 1),
                    Item("" if c.weight is None else f"{c.weight:.2f}", c.weight),
                )
                for c in shown
            ),
            tuple(c.path for c in shown),
        )
        notes = []
        changed = sum(1 for c in self.cells if c.change)
        same = sum(1 for c in self.cells if c.change == 0)
        if top is not None and changed > len(shown):
            notes.append(phrase("comparison.more", lang, changed=changed - len(shown), same=same))
        elif top is not None:
            notes.append(phrase("comparison.unchanged", lang, same=same))
        if self.only_before or self.only_after:
            notes.append(
                phrase(
                    "comparison.only",
                    lang,
                    before_only=len(self.only_before),
                    after_only=len(self.only_after),
                    before_name=self._name(self.before, lang, False),
                    after_name=self._name(self.after, lang, False),
                )
            )
        notes.append(phrase("comparison.rule", lang))
        title = phrase(
            "comparison.title",
            lang,
            after_name=self._name(self.after, lang, True),
            before_name=_spaced(self._name(self.before, lang, False), lang),
        )
        return Document(
            title,
            lang,
            tuple(self.sentences(lang)),
            (indicators, cells),
            tuple(notes),
            phrase("comparison.sentences", lang),
        )

    def to_html(self, lang: str = "zh", *, standalone: bool = False, top: int | None = None) -> str:
        """HTML styled like the corpus page: the sentences, then the indicators and every
        comparable cell (``top``: the heaviest changes only) in tables sortable by any column
        (a click on its header); a whole page with ``standalone=True``."""
        return self.document(lang, top=top).html(standalone)

    def to_markdown(self, lang: str = "zh", *, top: int | None = 20) -> str:
        """Markdown: the sentences as a list, the indicators and the ``top`` heaviest changes
        as pipe tables."""
        return self.document(lang, top=top).markdown()

    def to_text(self, lang: str = "zh", *, width: int | None = None, top: int | None = 20) -> str:
        """Plain text; with ``width``, fitted to that many columns (Chinese characters two
        each)."""
        return self.document(lang, top=top).text(width)

    def to_docx(self, lang: str = "zh", *, top: int | None = 20) -> bytes:
        """A Word document of one section — the sentences as paragraphs and the tables — in
        the official fonts, to paste into a supervision report (the extra ``docx``)."""
        return self.document(lang, top=top).docx()

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        changed = sum(1 for c in self.cells if c.change)
        return (
            f"Comparison({self.before.agency} {self.before.year} → {self.after.agency} "
            f"{self.after.year}: {len(self.cells)} cells, {changed} changed, "
            f"{len(self.flags)} flags)"
        )

    def to_dict(self) -> dict[str, Any]:
        """The comparison as JSON-ready data (amounts as decimal strings)."""

        def meta(m: Meta) -> dict[str, Any]:
            return {"agency": m.agency, "year": m.year, "edition": m.edition.value}

        return {
            "before": meta(self.before),
            "after": meta(self.after),
            "cells": [
                {
                    "path": c.path,
                    "label": c.label,
                    "before": _json(c.before),
                    "after": _json(c.after),
                    "difference": _json(c.change),
                    "ratio": c.ratio,
                    "weight": c.weight,
                }
                for c in self.cells
            ],
            "indicators": [
                {
                    "code": c.code,
                    "before": c.before,
                    "after": c.after,
                    "difference": c.change,
                    "flag": level_value(c.flag),
                }
                for c in self.indicators
            ],
            "ranked": [c.path for c in self.ranked()],
            "only_before": list(self.only_before),
            "only_after": list(self.only_after),
            **flags_and_sentences(self.flags, self.sentences),
            "thresholds": None if self.thresholds is None else self.thresholds.to_dict(),
        }


def _spaced(name: str, lang: str) -> str:
    """A name after a Chinese word: a space before it where it starts with a number (与 2023
    年), none before a Chinese one (与淮安市人民政府)."""
    return f" {name}" if lang == "zh" and name[:1].isdigit() else name


@functools.cache
def _total_columns(shape: Shape) -> set[str]:
    return {c.key for t in shape.tables for p in t.parts for c in p.columns if c.total}


def _float(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


def _json(value: object) -> object:
    return format(value, "f") if isinstance(value, Decimal) else value


def compare(before: Report, after: Report, *, thresholds: Thresholds | None = None) -> Comparison:
    """``before`` and ``after`` compared: every cell they share, in ``after``'s order, with the
    change and the ratio; every indicator (but the growths); the figures section 1 states; and,
    with ``thresholds``, the flags of their indicators. See :class:`Comparison`.

    （六）其他处理 is compared as one row as well when either itemizes it; table 2's cells are
    compared where both editions have them, and the cells only one has are listed
    (``only_before``, ``only_after``).
    """
    a, b = comparable_cells(before), comparable_cells(after)
    index = _cell_index(after.shape)
    cells = tuple(
        CellChange(path, index[path].label(), a[path], value)
        for path, value in b.items()
        if path in a
    )
    only_before = tuple(p for p in a if p not in b)
    only_after = tuple(p for p in b if p not in a)
    before_values = before.indicators()
    after_values = after.indicators()
    indicators = []
    for spec in INDICATORS:
        if spec.unit == "growth":
            continue
        old, new = before_values[spec.code], after_values[spec.code]
        flag = old_flag = None
        if thresholds is not None:
            meta = after.meta
            flag = thresholds.flag(spec.code, new, agency=meta.agency, year=meta.year)
            meta = before.meta
            old_flag = thresholds.flag(spec.code, old, agency=meta.agency, year=meta.year)
        indicators.append(IndicatorChange(spec.code, old, new, flag, old_flag))
    figures = tuple(
        FigureChange(f, _summed(a, f.paths), _summed(b, f.paths)) for f in STATED_FIGURES
    )
    return Comparison(
        before.meta,
        after.meta,
        cells,
        tuple(indicators),
        figures,
        only_before,
        only_after,
        thresholds,
        after.shape,
    )
