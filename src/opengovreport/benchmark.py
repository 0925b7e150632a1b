"""One agency among its peers: each indicator's rank and percentile in a peer group, the group's
median and quartiles, and the flags of its values — ``Corpus.benchmark(agency, year, peers=…)``.

**Peers** are the agencies of the corpus with a report of the same year, in one of these groups
(the agency itself always belongs to its own):

* ``None`` or ``"all"``: every agency;
* ``"region"``: the agencies whose names start with the same place (淮安市 for 淮安市人民政府
  and 淮安市洪泽区人民政府; 平潭综合实验区 for its departments);
* ``"level"``: the agencies whose names end in the same kind of place and are the same kind of
  agency — a government (…人民政府) or a department (…局, …中心): ``区级政府``, ``县级部门``;
* a list of agency names; a mapping of agency → group; a function of an agency's name giving
  its group (``None``: in none).

The places are read from the start of a name (:func:`place_of`): runs of characters ending in
省, 自治区, 市, 州, 地区, 盟, 县, 区, 旗, 镇, 乡 or 街道, as long as the run holds no word of an
agency (局, 委, 办, 中心 …). A name that starts with no place (国家税务总局…) has no region and no
level; a municipality (北京市) reads as a 市. Give a mapping where names say too little.

**The rule** (:func:`standing`): among the group's values of an indicator — the agency's and its
peers' that have one (a blank cell or a zero denominator gives none, and is counted as missing):
rank 1 is the highest value and ties share the better rank (1, 2, 2, 4); the percentile is
``100 × (values below + 0.5 × values equal, its own included) ÷ values``
(``scipy.stats.percentileofscore(kind="mean")``); the median and quartiles interpolate
linearly between the values (``statistics.quantiles(method="inclusive")``, NumPy's default).
With no peer value there is no rank and no percentile, and the account says so.
"""

import bisect
import functools
import re
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from ._explain import (
    Document,
    Item,
    Listing,
    indicator,
    indicator_name,
    indicator_value,
    names_list,
    phrase,
)
from .errors import InputError, NotFoundError, first
from .flags import Flag, Thresholds, flags_and_sentences, level_item, level_value
from .indicators import indicators
from .model import CellValue, Report, cells_getter
from .schema import INDICATORS, KEY_INDICATORS, Shape
from .totals import derived_cells
from .values import cell_sum, check_lang

if TYPE_CHECKING:  # pragma: no cover
    from .corpus import Corpus

__all__ = [
    "Benchmark",
    "PeerGroup",
    "Peers",
    "Place",
    "Standing",
    "benchmark",
    "place_of",
    "standing",
]

#: how a peer group is given (see the module's description)
Peers = None | str | Sequence[str] | Mapping[str, str | None] | Callable[[str], str | None]

# --- what a name says of an agency ----------------------------------------------------------

#: the endings of a place's name, longest first, with their English glosses
_KINDS: dict[str, str] = {
    "特别行政区": "special administrative region",
    "自治区": "autonomous region",
    "自治州": "autonomous prefecture",
    "自治县": "autonomous county",
    "自治旗": "autonomous banner",
    "地区": "prefecture",
    "街道": "subdistrict",
    "省": "province",
    "市": "city",
    "州": "prefecture",
    "盟": "league",
    "县": "county",
    "区": "district",
    "旗": "banner",
    "镇": "town",
    "乡": "township",
}
_PLACE = re.compile(rf"(.{{1,12}}?)({'|'.join(_KINDS)})")
#: characters no place's name holds: the words of agencies
_NOT_IN_PLACES = frozenset("局委厅办会心部院所站队处科股室司和与及、")
#: words that end like a place and are none
_NOT_PLACES = frozenset({"城市", "城乡", "社区", "市场", "园区"})
#: how a government's name ends
_GOVERNMENT = "政府"


@attrs.frozen
class Place:
    """What an agency's name says of it: the places it starts with, each with its kind (the
    ending: 市, 区 …), and whether it is a government (its name ends in 政府) or a department."""

    places: tuple[tuple[str, str], ...]
    government: bool

    @property
    def region(self) -> str | None:
        """The first place named (淮安市), or ``None``."""
        return self.places[0][0] if self.places else None

    @property
    def level(self) -> str | None:
        """The kind of the last place named and of the agency (``区级政府``, ``县级部门``), or
        ``None``."""
        if not self.places:
            return None
        return f"{self.places[-1][1]}级{_GOVERNMENT if self.government else '部门'}"

    def level_text(self, lang: str) -> str | None:
        if self.level is None or lang == "zh":
            return self.level
        kind = _KINDS[self.places[-1][1]]
        return f"{kind} {'governments' if self.government else 'departments'}"


@functools.lru_cache(maxsize=65536)
def place_of(agency: str) -> Place:
    """The places ``agency``'s name starts with, and whether it is a government (see the
    module's description): ``place_of("淮安市洪泽区人民政府")`` is 淮安市 and 洪泽区, a
    government."""
    name = agency.strip()
    places: list[tuple[str, str]] = []
    at = 0
    while True:
        found = _PLACE.match(name, at)
        if found is None:
            break
        unit = found.group(0)
        if unit in _NOT_PLACES or _NOT_IN_PLACES.intersection(found.group(1)):
            break
        places.append((unit, found.group(2)))
        at = found.end()
    return Place(tuple(places), name.endswith(_GOVERNMENT))


@attrs.frozen
class PeerGroup:
    """How the peers were chosen: ``kind`` (``all``, ``region``, ``level``, ``list``,
    ``custom``) and the group's ``key`` (the region, the level, the mapping's group)."""

    kind: str
    key: str = ""

    def describe(self, lang: str = "zh") -> str:
        """``同一地区（淮安市）`` / ``the same region (淮安市)``."""
        key = self.key
        if self.kind == "level" and lang == "en":
            key = _LEVEL_EN.get(key, key)
        return phrase(f"benchmark.group.{self.kind}", lang, key=key)


#: the English gloss of each level named so far
_LEVEL_EN: dict[str, str] = {}


def _grouper(peers: Peers) -> tuple[str, Callable[[str], str | None]]:
    """The kind of a peer group and the function giving an agency's group (for a list: the
    listed agencies' group is ``""``)."""
    if peers is None or peers == "all":
        return "all", lambda agency: ""
    if isinstance(peers, str):
        if peers == "region":
            return "region", lambda agency: place_of(agency).region
        if peers == "level":

            def level(agency: str) -> str | None:
                place = place_of(agency)
                if place.level is not None:
                    _LEVEL_EN.setdefault(place.level, place.level_text("en") or "")
                return place.level

            return "level", level
        raise InputError(
            f"unknown peers {peers!r}: expected None, 'all', 'region', 'level', a list of "
            "agencies, a mapping of agency to group, or a function"
        )
    if isinstance(peers, Mapping):
        mapping = peers
        return "custom", lambda agency: mapping.get(agency)
    if callable(peers):
        return "custom", peers
    listed = frozenset(peers)
    return "list", lambda agency: "" if agency in listed else None


# --- the rule -------------------------------------------------------------------------------


@attrs.frozen
class Standing:
    """One indicator of an agency among its peers (see the module's description for the
    rule): its value, rank (1 the highest), how many peer values equal it (``tied``), the
    percentile, the group's median, quartiles, lowest and highest, how many values the group
    has (``size``, the agency's included) and how many peers have none (``missing``), the peer
    values themselves, and the flag the value raises."""

    code: str
    value: float | None
    rank: int | None
    size: int
    tied: int
    percentile: float | None
    median: float | None
    q1: float | None
    q3: float | None
    low: float | None
    high: float | None
    missing: int = 0
    peers: tuple[float, ...] = ()
    flag: Flag | None = None


def standing(
    code: str, value: float | None, peers: Iterable[float | None], flag: Flag | None = None
) -> Standing:
    """The standing of ``value`` of indicator ``code`` among the ``peers``' values (``None``
    for a peer without one)."""
    given = list(peers)
    known = sorted(v for v in given if v is not None)
    missing = len(given) - len(known)
    group = sorted([*known, value]) if value is not None else known
    if not group:
        return Standing(code, value, None, 0, 0, None, *(None,) * 5, missing, (), flag)
    if len(group) == 1:
        q1 = median = q3 = group[0]
    else:
        q1, median, q3 = statistics.quantiles(group, n=4, method="inclusive")
    rank = percentile = None
    tied = 0
    if value is not None and known:
        above = len(known) - bisect.bisect_right(known, value)
        tied = bisect.bisect_right(known, value) - bisect.bisect_left(known, value)
        below = bisect.bisect_left(group, value)
        equal = bisect.bisect_right(group, value) - below
        rank = above + 1
        percentile = 100 * (below + 0.5 * equal) / len(group)
    return Standing(
        code,
        value,
        rank,
        len(group),
        tied,
        percentile,
        median,
        q1,
        q3,
        group[0],
        group[-1],
        missing,
        tuple(known),
        flag,
    )


# --- one agency ---------------------------------------------------------------------------


@attrs.frozen(eq=False)
class Benchmark:
    """An agency's report of ``year`` among its peers' (see the module's description):
    the peer group, the peers with a report that year (``peers``) and those listed without
    one (``absent``), a :class:`Standing` per indicator, and the flags with ``thresholds``."""

    agency: str
    year: int
    group: PeerGroup
    peers: tuple[str, ...]
    standings: tuple[Standing, ...]
    absent: tuple[str, ...] = ()
    thresholds: Thresholds | None = None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Benchmark):
            return NotImplemented
        return attrs.astuple(self, recurse=False) == attrs.astuple(other, recurse=False)

    __hash__ = None  # type: ignore[assignment]

    def standing(self, code: str) -> Standing:
        """The standing of indicator ``code``."""
        missing = f"no indicator {code!r} in the benchmark"
        return first(self.standings, lambda s: s.code == code, missing)

    @property
    def flags(self) -> tuple[Flag, ...]:
        return tuple(s.flag for s in self.standings if s.flag is not None)

    def _standing_sentence(self, s: Standing, lang: str) -> str:
        what = indicator_name(s.code, lang)
        if s.value is None:
            return phrase("benchmark.no_value", lang, what=what)
        if s.rank is None:
            text = phrase(
                "benchmark.value", lang, what=what, value=indicator_value(s.code, s.value)
            )
        else:
            others = s.tied
            tie = (
                phrase("benchmark.tie", lang, others=others, s="" if others == 1 else "s")
                if others
                else ""
            )
            text = phrase(
                "benchmark.standing",
                lang,
                what=what,
                value=indicator_value(s.code, s.value, lang),
                size=s.size,
                rank=s.rank,
                tie=tie,
                percentile=f"{s.percentile:.0f}",
                median=indicator_value(s.code, s.median, lang),
                q1=indicator_value(s.code, s.q1, lang),
                q3=indicator_value(s.code, s.q3, lang),
            )
        if s.missing:
            text += phrase("benchmark.missing_peers", lang, missing=s.missing)
        if s.flag is not None:
            text += phrase("join", lang) + s.flag.message(lang, short=True)
        return text

    def sentences(self, lang: str = "zh") -> list[str]:
        """The peer group said, then the key indicators' standings (and every flagged one),
        each with its full stop; an empty group and missing peers said."""
        check_lang(lang)
        out = [
            phrase(
                "benchmark.group",
                lang,
                group=self.group.describe(lang),
                year=self.year,
                n=len(self.peers),
                agencies="agency" if len(self.peers) == 1 else "agencies",
            )
        ]
        if self.absent:
            names = names_list(self.absent, lang)
            out.append(phrase("benchmark.absent", lang, year=self.year, names=names))
        if not self.peers:
            out.append(phrase("benchmark.no_peers", lang, year=self.year))
        for s in self.standings:
            if s.code in KEY_INDICATORS or s.flag is not None:
                out.append(self._standing_sentence(s, lang))
        end = phrase("sentence.end", lang)
        return [s + end for s in out]

    def document(self, lang: str = "zh") -> Document:
        check_lang(lang)
        tied = phrase("tied", lang)
        rows = []
        for s in self.standings:
            rank = ""
            if s.rank is not None:
                rank = f"{s.rank}/{s.size}" + (f" ({tied})" if s.tied else "")
            quartiles = ""
            if s.q1 is not None:
                q1 = indicator_value(s.code, s.q1, lang)
                q3 = indicator_value(s.code, s.q3, lang)
                quartiles = f"{q1}–{q3}"
            rows.append(
                (
                    Item(indicator_name(s.code, lang)),
                    Item(indicator_value(s.code, s.value, lang), s.value),
                    Item(rank, s.rank),
                    Item("" if s.percentile is None else f"{s.percentile:.1f}", s.percentile),
                    Item(indicator_value(s.code, s.median, lang), s.median),
                    Item(quartiles, s.q1),
                    Item(str(s.size), s.size),
                    level_item(s.flag, lang),
                )
            )
        listing = Listing(
            phrase("benchmark.indicators", lang),
            tuple(
                phrase(f"head.{k}", lang)
                for k in (
                    "indicator",
                    "value",
                    "rank",
                    "percentile",
                    "median",
                    "quartiles",
                    "size",
                    "flag",
                )
            ),
            (False, True, True, True, True, True, True, False),
            tuple(rows),
            tuple(s.code for s in self.standings),
        )
        title = phrase("benchmark.title", lang, agency=self.agency, year=self.year)
        return Document(
            title, lang, tuple(self.sentences(lang)), (listing,), (phrase("benchmark.rule", lang),)
        )

    def to_html(self, lang: str = "zh", *, standalone: bool = False) -> str:
        """HTML styled like the corpus page, the table sortable by any column; a whole page
        with ``standalone=True``."""
        return self.document(lang).html(standalone)

    def to_markdown(self, lang: str = "zh") -> str:
        return self.document(lang).markdown()

    def to_text(self, lang: str = "zh", *, width: int | None = None) -> str:
        """Plain text; with ``width``, fitted to that many columns."""
        return self.document(lang).text(width)

    def to_docx(self, lang: str = "zh") -> bytes:
        """A Word document of one section, to paste into a supervision report (extra
        ``docx``)."""
        return self.document(lang).docx()

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        return (
            f"Benchmark({self.agency} {self.year} among {len(self.peers)} peers, "
            f"{self.group.describe('en')}, {len(self.flags)} flags)"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "agency": self.agency,
            "year": self.year,
            "group": {"kind": self.group.kind, "key": self.group.key},
            "peers": list(self.peers),
            "absent": list(self.absent),
            "standings": [
                {
                    "indicator": s.code,
                    "value": s.value,
                    "rank": s.rank,
                    "size": s.size,
                    "tied": s.tied,
                    "percentile": s.percentile,
                    "median": s.median,
                    "q1": s.q1,
                    "q3": s.q3,
                    "low": s.low,
                    "high": s.high,
                    "missing": s.missing,
                    "flag": level_value(s.flag),
                }
                for s in self.standings
            ],
            **flags_and_sentences(self.flags, self.sentences),
        }


def benchmark(
    corpus: "Corpus",
    agency: str,
    year: int | None = None,
    *,
    peers: Peers = None,
    thresholds: Thresholds | None = None,
    codes: Sequence[str] | None = None,
) -> Benchmark:
    """``agency``'s report of ``year`` (its latest where not given) among its ``peers``' of that
    year in ``corpus`` (see the module's description), for the indicators ``codes`` (every
    one where not given). ``KeyError`` where the corpus has no report of the agency that
    year."""
    if year is None:
        held = corpus.years(agency)
        if not held:
            raise NotFoundError(f"no report of {agency}")
        year = held[-1]
    report = corpus[(agency, year)]
    kind, group_of = _grouper(peers)
    key = group_of(agency)
    absent: tuple[str, ...] = ()
    if kind == "list":
        listed = [a for a in dict.fromkeys(peers or ()) if a != agency]  # type: ignore[arg-type]
        present = [a for a in listed if (a, year) in corpus]
        absent = tuple(a for a in listed if (a, year) not in corpus)
    elif key is None:  # the agency is in no group: it has no peers
        present = []
    else:
        present = [
            r.meta.agency
            for r in corpus
            if r.meta.year == year and r.meta.agency != agency and group_of(r.meta.agency) == key
        ]
        present.sort()
    chosen = [c.code for c in INDICATORS] if codes is None else list(codes)
    for code in chosen:
        indicator(code)  # KeyError naming the catalogue for an unknown code
    own = indicators(report, corpus.previous(report))
    theirs = [indicators(corpus[(a, year)], corpus.previous(corpus[(a, year)])) for a in present]
    standings = []
    for code in chosen:
        flag = None
        if thresholds is not None:
            flag = thresholds.flag(code, own[code], agency=agency, year=year)
        standings.append(standing(code, own[code], (v[code] for v in theirs), flag))
    return Benchmark(
        agency,
        year,
        PeerGroup(kind, key or ""),
        tuple(present),
        tuple(standings),
        absent,
        thresholds,
    )


# --- every report of a corpus at once: the corpus page -------------------------------------


#: a term of a compiled indicator: its weight and the positions of the cells it sums (one for
#: a cell of the shape; the items of a row the shape itemizes), or ``None`` for a cell the
#: shape has neither way
_Term = tuple[float, tuple[int, ...] | None]


@functools.cache
def _plan(
    shape: Shape, codes: tuple[str, ...]
) -> tuple[Callable[[Report], tuple[Any, ...]], tuple[tuple[Any, ...], ...]]:
    """The cells ``codes`` need from a report of ``shape`` (a getter of them, in one tuple) and,
    for each indicator, its scale and its numerator's and denominator's terms over that
    tuple."""
    own = set(shape.paths)
    derived = {cell.path: parts for cell, parts in derived_cells(shape)}
    fetched: dict[str, int] = {}

    def positions(path: str) -> tuple[int, ...] | None:
        parts = (path,) if path in own else derived.get(path)
        if parts is None:
            return None
        return tuple(fetched.setdefault(p, len(fetched)) for p in parts)

    plans = []
    for code in codes:
        spec = indicator(code)
        plans.append(
            (
                spec.scale,
                tuple((t.weight, positions(t.path)) for t in spec.numerator),
                tuple((t.weight, positions(t.path)) for t in spec.denominator),
            )
        )
    return cells_getter(list(fetched)), tuple(plans)


def _total(terms: tuple[_Term, ...], cells: tuple[Any, ...]) -> float | None:
    """Σ weight × cell as :func:`~opengovreport.indicators.value` sums it (a row summed from
    its items as :func:`~opengovreport.totals.comparable_cells` sums it: blank items add
    nothing, all blank is blank); ``None`` where a cell is blank or missing."""
    total = 0.0
    for weight, where in terms:
        if where is None:
            return None
        found: CellValue = None
        for i in where:
            found = cell_sum(found, cells[i])
        if found is None:
            return None
        total += weight * float(found)
    return total


def read_indicators(
    reports: Sequence[Report], codes: Sequence[str], *, counts: bool = True
) -> tuple[list[dict[str, float | None]], list[dict[str, tuple[float | None, float | None]]]]:
    """The indicators ``codes`` (no growth) of each report and, with ``counts``, the counts
    each divides, read together: only the cells they need, in one call per report."""
    wanted = tuple(codes)
    if any(indicator(code).unit == "growth" for code in wanted):
        raise InputError("a growth needs last year's report: use indicators()")
    values: list[dict[str, float | None]] = []
    divided: list[dict[str, tuple[float | None, float | None]]] = []
    for report in reports:
        get, plans = _plan(report.shape, wanted)
        cells = get(report) if plans else ()
        row: dict[str, float | None] = {}
        parts: dict[str, tuple[float | None, float | None]] = {}
        for code, (scale, numerator, denominator) in zip(wanted, plans, strict=True):
            top, bottom = _total(numerator, cells), _total(denominator, cells)
            row[code] = (
                None if top is None or bottom is None or bottom == 0 else scale * top / bottom
            )
            if counts:
                parts[code] = (top, bottom)
        values.append(row)
        divided.append(parts)
    return values, divided


def indicator_counts(
    reports: Sequence[Report], codes: Sequence[str]
) -> list[dict[str, tuple[float | None, float | None]]]:
    """The counts each indicator ``codes`` (no growth) divides, for each report: (its
    numerator, its denominator) — 28 of 100 for a 予以公开率 of 28%; ``None`` where a cell is
    blank or missing. What the corpus page and the workbook show beside the rates."""
    return read_indicators(reports, codes)[1]


def indicator_values(
    reports: Sequence[Report], codes: Sequence[str]
) -> list[dict[str, float | None]]:
    """The indicators ``codes`` (no growth) of each report, as :func:`~opengovreport.
    indicators.indicators` gives them — the same floats — reading only the cells they need
    in one call per report (the corpus page: about 8 µs a report against 70)."""
    return read_indicators(reports, codes, counts=False)[0]


def page_standings(
    reports: Sequence[Report],
    codes: Sequence[str],
    peers: Peers = None,
    values: Sequence[Mapping[str, float | None]] | None = None,
) -> list[dict[str, tuple[float | None, float | None, int | None, int]]]:
    """For each report, each indicator's value, percentile, rank and group size among the
    reports of its year in its peer group — the numbers :func:`benchmark` gives, for every
    report at once (the corpus page). ``values``: the reports' indicators where already
    computed (:func:`indicator_values`)."""
    _kind, group_of = _grouper(peers)
    if values is None:
        values = indicator_values(reports, codes)
    keys = [(r.meta.year, group_of(r.meta.agency)) for r in reports]
    groups: dict[tuple[int, str], dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for key, found in zip(keys, values, strict=True):
        if key[1] is None:
            continue
        for code in codes:
            v = found[code]
            if v is not None:
                groups[key][code].append(v)  # type: ignore[index]
    for by_code in groups.values():
        for listed in by_code.values():
            listed.sort()
    out = []
    for key, found in zip(keys, values, strict=True):
        row: dict[str, tuple[float | None, float | None, int | None, int]] = {}
        for code in codes:
            v = found[code]
            group = groups[key][code] if key[1] is not None else []  # type: ignore[index]
            if v is None or len(group) < 2:
                row[code] = (v, None, None, len(group))
                continue
            below = bisect.bisect_left(group, v)
            upto = bisect.bisect_right(group, v)
            row[code] = (
                v,
                100 * (below + 0.5 * (upto - below)) / len(group),
                len(group) - upto + 1,
                len(group),
            )
        out.append(row)
    return out
