"""The narrative's figures read as people write them: each sentence into statements (T5).

A statement is a figure the text states about the tables — its words (:data:`~opengovreport.
schema.STATED_WORDS`), its figure and unit, what it may mean (the sums of cells it may be), how
certain that meaning is, and the words that set its scope. The grammar:

* a figure is digits (full-width too, ``3,119``, decimals for amounts) or a Chinese numeral
  (``十二``, ``两``, ``三万``) before its unit (件 起 宗 个, 元 万元, %); ``约`` ``近`` ``余``
  ``多`` ``以上`` make it approximate; ``A至B`` / ``A-B`` a range;
* the words naming it stand before it, since the figure before (``受理政府信息公开申请 17 件``),
  the nearest naming it; or, when none does, just after it (``103 件顺延到下年度``);
* words joined by 及 和 与 、 before one figure state their sum (``予以公开及部分公开42件``);
* a column word (an applicant type; a result of table 4) breaks down the figure stated before
  it in its clause or named beside it (``行政复议 351 件，其中结果维持 72 件``;
  ``在行政诉讼案件中，结果维持数0件``; ``涉及自然人72件、商业企业3件``);
* a document of table 2 takes the verb before it, or the one before in its clause
  (``制发规章2件、行政规范性文件14件``);
* ``含上年结转`` says a figure of requests received counts the ones carried over
  (``受理749件（含上年结转36件）``; ``不含`` the opposite);
* ``同比增长``, ``较上年减少`` … before a figure make it a change from last year, not a figure
  of this year's tables; ``占`` before a percentage a share (not read);
* scope words: the report's own (我局, 本机关, 全区 in a district's report …), or another's
  (区政府办, 各部门, 全市 in a department's report), another period (上半年, 第一季度,
  another year).

Sentences end at 。！？; clauses at ；. Reading is pure and its result is kept per paragraph text
(the text is what it depends on), so checking a report again reads nothing again.
"""

import functools
import re
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs

from ..schema import (
    SHAPE_2021,
    STATED_CARRIED_OVER,
    STATED_WORDS,
    TABLE4_COLUMNS,
    Label,
    Reading,
    StatedWord,
)

__all__ = ["Statement", "number", "read_statements", "template"]

#: units of a count, of an amount, of a rate
_COUNT_UNITS = frozenset("件起宗个")
_AMOUNT_UNITS = frozenset(("元", "万元"))

_DIGITS = "0-9０-９"
_ARABIC = rf"(?:[{_DIGITS}]{{1,3}}(?:,[0-9]{{3}})+|[{_DIGITS}]+)(?:[.．][{_DIGITS}]+)?"
_CHINESE = "零〇一二两三四五六七八九十百千万"
_NUMBER = rf"(?:{_ARABIC}(?:万(?!元))?|[{_CHINESE}]+)"
_WORDS: dict[str, StatedWord] = {}
for _word in STATED_WORDS:
    for _text in _word.words:
        _WORDS.setdefault(_text, _word)


def _alternatives(words: list[str]) -> str:
    """A pattern of ``words`` sharing their prefixes (行政(?:复议(?:纠错率)?|诉讼…)): the regex
    engine tries a word's first character once, not once a word. The longest word first where
    one is the start of another, so that 予以公开率 is not read as 予以公开."""
    heads: dict[str, list[str]] = {}
    for w in words:
        heads.setdefault(w[0], []).append(w[1:])
    parts = []
    for head, tails in sorted(heads.items()):
        ends = "" in tails
        rest = [t for t in tails if t]
        if not rest:
            parts.append(re.escape(head))
            continue
        inner = _alternatives(rest)
        parts.append(re.escape(head) + (f"(?:{inner})?" if ends else f"(?:{inner})"))
    return "|".join(parts)


#: a paragraph's tokens, in one pass: a figure and its unit (approximations and ranges around
#: it), 含上年结转 (and 不含), the words of the tables' figures, scope words (the report's own, an
#: area, another body, another period), a year, the end of a sentence or of a clause
_TOKEN = re.compile(
    r"(?P<fig>(?:(?P<about>约|近|大约|接近|将近|超过|逾)\s*)?"
    rf"(?<![{_DIGITS}.．A-Za-z第])"
    r"(?:百分之(?P<percent>[" + _CHINESE + r"]+)"
    rf"|(?P<low>{_NUMBER})\s*(?:(?:-|－|—|~|～|至|到)\s*(?P<high>{_NUMBER}))?\s*"
    r"(?P<more>余|多)?\s*(?P<unit>万元|元|件|起|宗|个|%|％))"
    r"(?P<over>以上|左右|余)?)"
    r"|(?P<inc>(?P<not>不)?(?:含|包括|包含)了?(?:上一?年度?|往年)(?:结转|转结))"
    rf"|(?P<word>{_alternatives(list(_WORDS))})"
    r"|(?P<own>我局|本局|我委|本委|我办|本办|本机关|我机关|我单位|本单位|我部门|本部门|我中心"
    r"|本中心|全局|我院|本院|我厅|本厅|我署|本署)"
    r"|(?P<area>(?:全|我|本)[省市区县旗镇乡])"
    r"|(?P<body>[省市区县镇乡]?政府办(?:公室)?|各(?:有关)?(?:部门|单位|地|县|区|乡镇|镇|街道|级)"
    r"|下属单位|所属单位|直属单位)"
    r"|(?P<period>上半年|下半年|第?[一二三四1-4]季度|[0-9一二三四五六七八九十]{1,3}月份"
    r"|[0-9]{1,2}\s*[-—至到~～]\s*[0-9]{1,2}\s*月|截至[0-9]{1,2}月|去年"
    r"|(?<!结转)上一?年度?(?!度?(?:结转|转结)))"
    r"|(?P<year>(?:19|20|１９|２０)[0-9０-９]{2})(?=\s*年)"
    r"|(?P<end>[。！？!?])"
    r"|(?P<semi>[；;])"
)
_SCOPES = ("own", "area", "body", "period")
#: what a paragraph must hold to state a figure: a digit or numeral before a unit, 百分之
_ANY_FIGURE = re.compile(
    rf"[{_DIGITS}{_CHINESE}]\s*(?:余|多)?\s*(?:万元|元|件|起|宗|个|%|％)|百分之"
)
#: a Chinese numeral before 起 or 件 that is not a figure (一起: together; 一件事: a matter)
_NOT_FIGURE = re.compile(r"^一起|^[一两]件事")
#: what may stand between an including phrase and its own figure (含上年结转申请 34 件)
_INCLUDED_FIGURE = re.compile(r"^(?:政府信息公开)?(?:申请)?(?:共|计)?\s*$")
#: words joined before one figure state their sum
_JOINED = re.compile(r"^\s*(?:及|和|与|、|以及|加上?|\+)\s*$")
#: a change from last year, just before its figure
_CHANGE = re.compile(
    r"(?:同比|较上年度?|比上年度?|较去年|比去年|与上年相比)?"
    r"(?:增长|增加|上升|提高|下降|减少|降低)了?\s*$"
)
_SHARE = re.compile(r"占\s*$")
#: how near its words must be to a figure (and no comma between: a new clause)
_GAP = 24
#: what ends the text just after a figure that its words may follow
_AFTER_END = re.compile(r"[，,。；;、）)]")


@attrs.frozen
class Statement:
    """A figure the narrative states: what names it, the figure, what it may mean.

    ``readings`` are the sums of cells it may be (several: 受理 is 新收 or 新收 + 上年结转);
    ``certain`` whether its meaning is certain (an inconsistency then, a warning otherwise);
    ``scope`` the scope word that governs it, as ``(kind, word)`` — kind ``own``, ``area``,
    ``body`` or ``period`` — and ``year`` the year its sentence speaks of, when it names one.
    ``change`` marks a change from last year (同比增长); ``low``/``high`` bound an approximate
    figure or a range (``None``: exact)."""

    key: str
    what: Label
    kind: str
    figure: int | Decimal
    unit: str
    readings: tuple[Reading, ...]
    certain: bool
    #: the statement's words as printed (``予以公开及部分公开42件``)
    text: str
    #: its sentence as printed
    sentence: str
    #: the figure as printed, with its unit (``749件``, ``100余件``, ``10至20件``)
    printed: str = ""
    section: int = 1
    scope: tuple[str, str] | None = None
    year: int | None = None
    change: bool = False
    low: int | Decimal | None = None
    high: int | Decimal | None = None
    #: how approximate the figure is: ``""`` exact, ``range``, ``more`` (100余件), ``about``
    approx: str = ""
    #: where the figure stands in its paragraph (not compared: the same statement elsewhere is
    #: the same)
    at: int = attrs.field(default=-1, eq=False, repr=False)

    @property
    def exact(self) -> bool:
        return self.low is None and self.high is None


def _chinese(text: str) -> int | None:
    """A Chinese numeral's value (``十二`` 12, ``三百零五`` 305, ``两万`` 20000)."""
    digits = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
    digits.update({"五": 5, "六": 6, "七": 7, "八": 8, "九": 9})
    units = {"十": 10, "百": 100, "千": 1000}
    total = section = 0
    digit: int | None = None
    for ch in text:
        if ch in digits:
            if digit and digits[ch]:  # 一二: not a numeral (一零五 is not either, 一百零五 is)
                return None
            digit = digits[ch]
        elif ch in units:
            section += (1 if digit is None else digit) * units[ch]
            digit = None
        elif ch == "万":
            section += digit or 0
            total += (section or 1) * 10000
            section, digit = 0, None
        else:  # pragma: no cover - the pattern holds numerals only
            return None
    return total + section + (digit or 0)


def _number(text: str) -> int | Decimal | None:
    """A figure as printed: digits (full-width, ``3,119``, decimals, ``3万``) or a numeral."""
    text = text.replace(",", "").replace("．", ".")
    scale = 1
    if text.endswith("万") and text[:1].isdigit():
        text, scale = text[:-1], 10000
    if text[:1].isdigit():
        try:
            value = Decimal(text) * scale
        except InvalidOperation:  # pragma: no cover - the pattern holds digits only
            return None
        return int(value) if value == value.to_integral_value() and "." not in text else value
    return _chinese(text)


@attrs.frozen
class _Match:
    word: StatedWord
    start: int
    end: int


@attrs.frozen
class _Parent:
    """A figure of a table named in a clause, which the column words after it break down: its
    key, what it is, its readings, whether certain, and its statement's index in the output
    (``None`` when named beside a column, 在行政诉讼案件中)."""

    key: str
    what: Label
    readings: tuple[Reading, ...]
    certain: bool
    index: int | None = None


class _Clause:
    """What a clause has stated so far, for the figures after it: the last figure named of each
    table, the last verb of table 2's documents."""

    def __init__(self) -> None:
        self.parents: dict[int, _Parent] = {}
        self.verb: StatedWord | None = None


_TABLES = {t.key: t.number for t in SHAPE_2021.tables}


def _table(readings: tuple[Reading, ...]) -> int:
    """The table a statement's first reading is of (0 for an indicator)."""
    first = readings[0].paths[0] if readings and readings[0].paths else ""
    return _TABLES.get(first.split(".", 1)[0], 0)


def _label(zh: str, en: str) -> Label:
    return Label(zh, en)


def _with_column(parent: Reading, column: Reading) -> Reading:
    paths = tuple(p.rsplit(".", 1)[0] + "." + c for p in parent.paths for c in column.paths)
    return Reading(
        _label(f"{parent.label.zh}·{column.label.zh}", f"{parent.label.en}, {column.label.en}"),
        paths,
    )


def _sum(options: list[tuple[Reading, ...]]) -> tuple[Reading, ...]:
    """The readings of words joined before one figure: every way of reading each, summed."""
    out: list[Reading] = [Reading(_label("", ""))]
    for readings in options:
        out = [
            Reading(
                _label(
                    f"{a.label.zh} + {b.label.zh}" if a.label.zh else b.label.zh,
                    f"{a.label.en} + {b.label.en}" if a.label.en else b.label.en,
                ),
                a.paths + b.paths,
                a.indicators + b.indicators,
            )
            for a in out
            for b in readings
        ]
    return tuple(out)


def _what(words: list[StatedWord]) -> Label:
    return _label("及".join(w.what.zh for w in words), " and ".join(w.what.en for w in words))


#: what may stand between a verb and its figure when the sentence names the requests elsewhere
_FILLER = re.compile(r"^[\s共计合总达了各为均是]*$")


def _context(word: StatedWord, sentence: str, paragraph: str, between: str) -> bool:
    """Whether the words speak of requests where ``word`` needs them to: for a verb
    (``sentence``), its object is 申请 (受理政府信息公开申请 17 件), or it has none and its
    sentence speaks of 申请 (依法答复11件) — 受理网络问政182件 is no request."""
    if word.context == "any":
        return True
    if word.context == "sentence":
        if "申请" in between:
            return True
        return _FILLER.match(between) is not None and "申请" in sentence
    return "申请" in paragraph


def may_state(text: str) -> bool:
    """Whether ``text`` holds anything :func:`read_statements` could read as a figure (a number
    with its unit: 件, 个, 元, %, 百分之 …), in any section under any heading."""
    return _ANY_FIGURE.search(text) is not None


@functools.lru_cache(maxsize=4096)
def read_statements(text: str, section: int = 1, heading: str = "") -> tuple[Statement, ...]:
    """The statements of a paragraph of section ``section`` (under ``heading``), in order
    (kept per paragraph: reading depends on nothing else)."""
    if not may_state(text):
        return ()
    context = text + heading
    out: list[Statement] = []
    tokens: list[re.Match[str]] = []
    start = 0
    for token in _TOKEN.finditer(text):
        kind = token.lastgroup
        if kind == "end":
            _read_sentence(text[start : token.end()], start, tokens, section, context, out)
            tokens, start = [], token.end()
        else:
            tokens.append(token)
    if tokens:
        _read_sentence(text[start:], start, tokens, section, context, out)
    return tuple(out)


def _read_sentence(
    sentence: str,
    offset: int,
    tokens: list[re.Match[str]],
    section: int,
    paragraph: str,
    out: list[Statement],
) -> None:
    """One sentence's statements, clause by clause (a clause ends at ；)."""
    if not any(t.lastgroup == "fig" for t in tokens):
        return
    clause: list[re.Match[str]] = []
    scope: list[tuple[int, str, str]] = []  # (where, kind, word) of the sentence's scope words
    start = offset
    for token in tokens:
        kind = token.lastgroup or ""
        if kind == "semi":
            _Reader(sentence, offset, section, paragraph, out, scope).read(clause, start)
            clause, start = [], token.end()
        elif kind in _SCOPES or kind == "year":
            scope.append((token.start(), kind, token.group(kind)))
        else:
            clause.append(token)
    _Reader(sentence, offset, section, paragraph, out, scope).read(clause, start)


_FigureValue = int | Decimal


def _bounds(value: _FigureValue, approx: str) -> tuple[_FigureValue | None, _FigureValue | None]:
    """The bounds of an approximate figure: ``more`` (100余件, 5件以上, 超过5件) from it to twice
    it, ``about`` (约50件, 50件左右) within a tenth of it; ``(None, None)`` for an exact one."""
    if approx == "more":
        return value, value * 2
    if approx == "about":
        margin = value / 10 if isinstance(value, Decimal) else max(1, value // 10)
        return value - margin, value + margin
    return None, None


def _figure(
    fig: re.Match[str],
) -> tuple[_FigureValue | None, _FigureValue | None, _FigureValue | None, str, str]:
    """The figure, its bounds when approximate or a range, its unit, and how approximate it
    is (``""``, ``range``, ``more``, ``about``)."""
    if fig.group("percent") is not None:
        return _chinese(fig.group("percent")), None, None, "%", ""
    unit = fig.group("unit").replace("％", "%")
    value = _number(fig.group("low"))
    if value is None:
        return None, None, None, unit, ""
    about, over = fig.group("about"), fig.group("over")
    if fig.group("high"):
        high = _number(fig.group("high"))
        if high is None or high < value:
            return None, None, None, unit, ""
        return value, value, high, unit, "range"
    approx = ""
    if fig.group("more") or over in ("以上", "余") or about in ("超过", "逾"):
        approx = "more"
    elif about or over == "左右":
        approx = "about"
    low, high = _bounds(value, approx)
    return value, low, high, unit, approx


#: a figure's number that is not in a range (the template stands in for it: the grammar reads
#: the same in 1 件 as in 468 件; 3万件 and numerals stay as printed). What may not stand before
#: it (a word, an ordinal, a range) is looked behind its first digit, so that the search skips
#: to digits.
_TEMPLATED = re.compile(
    rf"[{_DIGITS}](?<![{_DIGITS}.．A-Za-z第,\-－—~～至到][{_DIGITS}])"
    rf"(?:[{_DIGITS}]{{0,2}}(?:,[0-9]{{3}})+|[{_DIGITS}]*)(?P<decimal>[.．][{_DIGITS}]+)?"
    r"(?=\s*(?:余|多)?\s*(?:万元|元|件|起|宗|个|%|％))"
)


def template(text: str) -> tuple[str, tuple[str, ...], tuple[int, ...]]:
    """``text`` with each figure's number as 1 (1.5 for a decimal), the numbers as printed, and
    where each stands in the template: statements are read from a template once, whatever its
    figures (drafted narratives of many reports share theirs)."""
    numbers: list[str] = []
    starts: list[int] = []
    parts: list[str] = []
    last = shift = 0
    for m in _TEMPLATED.finditer(text):
        stand = "1.5" if m.group("decimal") else "1"
        start, end = m.span()
        parts.append(text[last:start])
        parts.append(stand)
        starts.append(start + shift)
        shift += len(stand) - (end - start)
        numbers.append(m.group())
        last = end
    if not numbers:
        return text, (), ()
    parts.append(text[last:])
    return "".join(parts), tuple(numbers), tuple(starts)


def number(printed: str) -> _FigureValue:
    """A templated number's value (``3,119``, ``７４９``, ``12.5``)."""
    text = printed.replace(",", "").replace("．", ".")
    return Decimal(text) if "." in text else int(text)


#: the columns of table 4's results (a column word of them breaks down a group of table 4)
_RESULTS = frozenset(c.key for c in TABLE4_COLUMNS if not c.total)
#: what a figure's words name: its key, what it is, its kind, its readings, whether it is
#: certain, where the words start
_Named = tuple[str, Label, str, tuple[Reading, ...], bool, int]


def _named(
    group: list[_Match],
    what: Label,
    kind: str,
    readings: tuple[Reading, ...],
    *,
    certain: bool = True,
    start: int | None = None,
    before: str = "",
    after: str = "",
) -> _Named:
    """What a group of joined words names: its key the words' keys joined by ``+`` (after
    ``before``, a parent's key, and before ``after``, a verb's), certain where ``certain`` and
    every word is, starting where the group does unless ``start`` says otherwise."""
    return (
        before + "+".join(g.word.key for g in group) + after,
        what,
        kind,
        readings,
        certain and all(g.word.certain for g in group),
        group[0].start if start is None else start,
    )


def _as_printed(
    fig: re.Match[str],
    value: _FigureValue,
    low: _FigureValue | None,
    high: _FigureValue | None,
    unit: str,
    approx: str,
) -> dict[str, Any]:
    """A statement's fields that say its figure as printed (``value`` …: :func:`_figure`)."""
    return {
        "figure": value,
        "unit": unit,
        "printed": "".join(fig.group("fig").split()),
        "low": low,
        "high": high,
        "approx": approx,
        "at": fig.start(),
    }


class _Reader:
    """One clause read figure by figure (positions are the paragraph's)."""

    def __init__(
        self,
        sentence: str,
        offset: int,
        section: int,
        paragraph: str,
        out: list[Statement],
        scope: list[tuple[int, str, str]],
    ):
        self.sentence, self.offset, self.section = sentence, offset, section
        self.paragraph, self.out, self.scope = paragraph, out, scope
        self.state = _Clause()
        #: whether the last statement was named by its own words (a column breaks one down)
        self.named_by_own_words = False

    def at(self, start: int, end: int) -> str:
        """The sentence's text between two positions of the paragraph."""
        return self.sentence[start - self.offset : end - self.offset]

    def read(self, tokens: list[re.Match[str]], start: int) -> None:
        """Read the clause whose tokens are ``tokens``, from ``start``."""
        words: list[re.Match[str]] = []
        previous_end = start
        for i, token in enumerate(tokens):
            if token.lastgroup != "fig":
                words.append(token)
                continue
            number_at = token.start("low") if token.group("low") else token.start()
            if _NOT_FIGURE.match(self.at(number_at, number_at + 3)):
                words, previous_end = [], token.end()
                continue
            found = self._statement(token, words, previous_end, tokens[i + 1 :])
            if found is not None:
                table = _table(found.readings)
                if table and self.named_by_own_words and not found.change:
                    self.state.parents[table] = _Parent(
                        found.key, found.what, found.readings, found.certain, len(self.out)
                    )
                self.out.append(found)
            words, previous_end = [], token.end()

    def _parent(self, table: int) -> Statement | None:
        """The last statement of ``table`` in the clause, when its own words named it."""
        found = self.state.parents.get(table)
        return None if found is None or found.index is None else self.out[found.index]

    def _include(self, included: bool) -> None:
        """The clause's last figure of requests received counts (or not) the ones carried
        over (受理749件（含上年结转36件）)."""
        found = self.state.parents.get(3)
        if found is None or found.index is None or found.key != "received":
            return
        at = found.index
        kept = tuple(r for r in self.out[at].readings if (len(r.paths) > 1) == included)
        if kept:
            self.out[at] = attrs.evolve(self.out[at], readings=kept)
            self.state.parents[3] = attrs.evolve(found, readings=kept)

    def _scope(self, at: int) -> tuple[tuple[str, str] | None, int | None]:
        """The scope word that governs a figure at ``at`` (the last before it in its sentence),
        and the year the sentence speaks of."""
        scope: tuple[str, str] | None = None
        year: int | None = None
        for where, kind, word in self.scope:
            if where >= at:
                break
            if kind == "year":
                year = int(word)
            else:
                scope = (kind, word)
        return scope, year

    def _statement(
        self,
        fig: re.Match[str],
        tokens: list[re.Match[str]],
        previous_end: int,
        after: list[re.Match[str]],
    ) -> Statement | None:
        value, low, high, unit, approx = _figure(fig)
        if value is None:
            return None
        tail = self.at(max(previous_end, fig.start() - 12), fig.start())
        if _SHARE.search(tail):
            return None
        if _CHANGE.search(tail):  # 同比增长 12%: a change of the figure before
            return self._change(fig, previous_end, _as_printed(fig, value, low, high, unit, approx))
        matches, included = self._words(fig, tokens)
        if not matches:
            found = self._after(fig, after)
            if found is None:
                return None
            matches = [found]
        pick = self._pick(matches, fig)
        if pick is None:
            return None
        word = matches[pick].word
        named_at = matches[pick]
        between = self.at(named_at.end, fig.start()) if named_at.start < fig.start() else ""
        if not _context(word, self.sentence, self.paragraph, between):
            return None
        certain = word.certain and (not word.topic or any(t in self.sentence for t in word.topic))
        self.named_by_own_words = word.kind in ("count", "amount", "document")
        named = self._named(matches, pick)
        if named is None:
            return None
        key, what, kind, readings, sure, start = named
        if included is not None and key == "received":
            readings = tuple(r for r in readings if (len(r.paths) > 1) == included) or readings
        if not _unit_fits(kind, unit, value):
            return None
        scope, year = self._scope(fig.start())
        end = max(fig.end(), matches[pick].end)
        return Statement(
            key=key,
            what=what,
            kind=kind,
            readings=readings,
            certain=certain and sure and low is None,
            text=self.at(min(start, fig.start()), end).strip(),
            sentence=self.sentence.strip(),
            section=self.section,
            scope=scope,
            year=year,
            **_as_printed(fig, value, low, high, unit, approx),
        )

    def _change(
        self, fig: re.Match[str], previous_end: int, printed: dict[str, Any]
    ) -> Statement | None:
        """A figure (``printed``: :func:`_as_printed`) that is a change from last year (同比增长
        12%): the clause's last statement of a table, with this figure as its change; ``None``
        where there is none."""
        parent = self._parent(3) or self._parent(4) or self._parent(2)
        if parent is None:
            return None
        said = self.at(previous_end, fig.end()).strip("，, ")
        return attrs.evolve(parent, text=f"{parent.text}，{said}", change=True, **printed)

    def _words(
        self, fig: re.Match[str], tokens: list[re.Match[str]]
    ) -> tuple[list[_Match], bool | None]:
        """The words before ``fig`` that may name it, and whether its figure of requests
        received counts the ones carried over (``None``: not said). An including phrase just
        before the figure names it (含上年结转申请 34 件); one before the words is set aside
        (受理申请（含上年结转）749 件)."""
        matches = [
            _Match(_WORDS[t.group("word")], t.start(), t.end())
            for t in tokens
            if t.lastgroup == "word"
        ]
        includes = [t for t in tokens if t.lastgroup == "inc"]
        if not includes:
            return matches, None
        last = includes[-1]
        if _INCLUDED_FIGURE.match(self.at(last.end(), fig.start())):
            self._include(last.group("not") is None)
            return [_Match(STATED_CARRIED_OVER, last.start(), last.end())], None
        kept = [m for m in matches if m.start < last.start() or m.start > last.end()]
        return kept, last.group("not") is None

    def _named(self, matches: list[_Match], pick: int) -> _Named | None:
        """What ``matches[pick]`` names, by its kind: a column, a document, a verb without its
        document (现行有效 16 件 of what?: ``None``), or a row with the words joined to it."""
        word = matches[pick].word
        if word.kind == "column":
            return self._column(matches, pick)
        if word.kind == "document":
            return self._document(matches, pick)
        if word.kind == "verb":
            return None
        group = self._joined(matches, pick)
        readings = _sum([g.word.readings for g in group]) if len(group) > 1 else word.readings
        return _named(group, _what([g.word for g in group]), word.kind, readings)

    def _joined(self, matches: list[_Match], last: int) -> list[_Match]:
        """The words joined to ``matches[last]`` before it (及 和 、), of its kind, in order."""
        group = [matches[last]]
        i = last
        while i > 0:
            before = matches[i - 1]
            if before.word.kind != group[0].word.kind or before.word.weak:
                break
            if not _JOINED.match(self.at(before.end, matches[i].start)):
                break
            group.insert(0, before)
            i -= 1
        return group

    def _after(self, fig: re.Match[str], after: list[re.Match[str]]) -> _Match | None:
        """Words that name a figure from just after it, before the next figure or a comma
        (``103 件顺延到下年度``, ``1件公开申请已办结``)."""
        for token in after:
            if token.lastgroup != "word" or _AFTER_END.search(self.at(fig.end(), token.start())):
                return None
            word = _WORDS[token.group("word")]
            if word.after:
                return _Match(word, token.start(), token.end())
        return None

    def _pick(self, matches: list[_Match], fig: re.Match[str]) -> int | None:
        """The match that names the figure: the last word that is not weak (a weak word only
        when no other is), near it (no comma between) or just after it."""
        strong = [i for i, m in enumerate(matches) if not m.word.weak]
        pick = strong[-1] if strong else len(matches) - 1
        m = matches[pick]
        if m.start >= fig.start():
            return pick
        gap = self.at(m.end, fig.start())
        if len(gap) > _GAP or "，" in gap or "," in gap:
            return None
        return pick

    def _column(self, matches: list[_Match], pick: int) -> _Named | None:
        """A column word: a breakdown of the figure named beside it, or stated before it."""
        group = self._joined(matches, pick)
        table = 4 if group[0].word.key in _RESULTS else 3
        named = next(
            (
                m.word
                for m in reversed(matches[:pick])
                if m.word.kind == "count" and _table(m.word.readings) == table
            ),
            None,
        )
        if named is not None:  # 在行政诉讼案件中，结果维持数0件: for the columns after too
            parent = _Parent(named.key, named.what, named.readings, named.certain)
            self.state.parents[table] = parent
        else:
            found = self.state.parents.get(table)
            if found is None:
                return None
            parent = found
        columns = _sum([g.word.readings for g in group])
        readings = tuple(_with_column(p, c) for p in parent.readings for c in columns)
        names = _what([g.word for g in group])
        what = _label(f"{parent.what.zh}·{names.zh}", f"{parent.what.en}, {names.en}")
        return _named(
            group, what, "count", readings, certain=parent.certain, before=f"{parent.key}."
        )

    def _document(self, matches: list[_Match], pick: int) -> _Named | None:
        """A document of table 2 and the verb before it (or before in its clause)."""
        verb_match = next((m for m in reversed(matches[:pick]) if m.word.kind == "verb"), None)
        verb = verb_match.word if verb_match is not None else self.state.verb
        if verb is None:
            return None
        self.state.verb = verb
        group = self._joined(matches, pick)
        rows = _sum([g.word.readings for g in group])
        readings = tuple(
            Reading(
                _label(f"{r.label.zh}·{v.label.zh}", f"{r.label.en}, {v.label.en}"),
                tuple(f"{p}.{v.paths[0]}" for p in r.paths),
            )
            for r in rows
            for v in verb.readings
        )
        names = _what([g.word for g in group])
        what = _label(f"{verb.what.zh}{names.zh}", f"{names.en} {verb.what.en}")
        start = verb_match.start if verb_match is not None else None
        return _named(
            group, what, "count", readings, certain=verb.certain, start=start, after=f".{verb.key}"
        )


def _unit_fits(kind: str, unit: str, value: _FigureValue) -> bool:
    if kind == "count":
        return unit in _COUNT_UNITS and isinstance(value, int)
    if kind in ("amount", "fee"):
        return unit in _AMOUNT_UNITS
    if kind == "rate":
        return unit == "%"
    return False
