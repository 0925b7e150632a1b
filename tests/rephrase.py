"""Section 1 as :func:`opengovreport.builders.narrative` writes it, rephrased by a small grammar
of the forms real reports use: 受理 with and without 上年结转 (含上年结转), combined figures
(予以公开及部分公开), 其中 breakdowns of table 4, 答复 for 办结, Chinese numerals.

Each figure is kept as a marker until the end, with the cells it states, so that a test can
change one figure and know which cells the finding must name."""

import re
from collections.abc import Callable
from decimal import Decimal

import attrs
from hypothesis import strategies as st

import opengovreport as ogr
from opengovreport import builders
from opengovreport.model import CellValue, Heading, Paragraph, Section
from opengovreport.schema import OVERVIEW_TOPICS
from opengovreport.values import CellKind, format_value

_DIGITS = "零一二三四五六七八九"


def chinese(n: int) -> str:
    """``n`` (0 ≤ n < 10⁸) as a Chinese numeral: 12 十二, 105 一百零五, 10010 一万零一十."""

    def below(n: int, leading: bool) -> str:
        out, zero = "", False
        for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            digit, n = divmod(n, value)
            if digit:
                if zero:
                    out += "零"
                    zero = False
                if not (value == 10 and digit == 1 and not out and leading):
                    out += _DIGITS[digit]
                out += unit
            elif out:
                zero = True
        return out

    if n == 0:
        return "零"
    if n == 2:
        return "两"
    if n < 10000:
        return below(n, True)
    high, low = divmod(n, 10000)
    text = below(high, True) + "万"
    if low:
        text += ("零" if low < 1000 else "") + below(low, False)
    return text


@attrs.frozen
class Figure:
    """A figure of the narrative: its value, the cells a finding about it names, the values its
    readings give (a changed figure must be none of them), whether its meaning is certain."""

    value: int | Decimal
    paths: frozenset[str]
    taken: frozenset[int | Decimal]
    certain: bool = True
    chinese: bool = False


_MARK = "\x00{}\x01"
_M = r"\x00(\d+)\x01"


class Narrative:
    """Section 1 with its figures as markers."""

    def __init__(self, report: ogr.Report):
        self.report = report
        self.cells = dict(report.cells())
        self.figures: list[Figure] = []
        self.blocks: list[tuple[str, int]] = []  # (text with markers, heading level or 0)
        kinds = {c.path: c.kind for c in report.shape.cells}
        for topic in OVERVIEW_TOPICS:
            self.blocks.append((topic.heading.zh, 1))
            for sentence in topic.sentences_of(report.edition):
                clauses = []
                for clause in sentence.__iter__():
                    values = [self._sum(paths) for paths in clause.figures]
                    if any(v is None for v in values):
                        continue
                    marks = []
                    for v, paths in zip(values, clause.figures, strict=True):
                        amount = kinds[paths[0]] is CellKind.AMOUNT
                        certain = not (amount and "procurement" in paths[0])
                        marks.append(self.add(v, paths, certain=certain))  # type: ignore[arg-type]
                    clauses.append(clause.text.format(*marks))
                if clauses:
                    self.blocks.append(("，".join(clauses) + "。", 0))

    def _sum(self, paths: tuple[str, ...]) -> CellValue:
        total: CellValue = 0
        for p in paths:
            v = self.cells.get(p)
            if v is None:
                return None
            total = total + v  # type: ignore[operator]
        return total

    def add(
        self,
        value: int | Decimal,
        paths: tuple[str, ...] | frozenset[str],
        taken: tuple[int | Decimal, ...] = (),
        certain: bool = True,
    ) -> str:
        self.figures.append(Figure(value, frozenset(paths), frozenset((value, *taken)), certain))
        return _MARK.format(len(self.figures) - 1)

    def render(self, changed: dict[int, int | Decimal] | None = None) -> Section:
        changed = changed or {}

        def shown(m: re.Match[str]) -> str:
            i = int(m.group(1))
            f = self.figures[i]
            value = changed.get(i, f.value)
            if f.chinese and isinstance(value, int) and value > 0:
                return chinese(value)
            return format_value(value)

        blocks = [
            Heading(text, level) if level else Paragraph(re.sub(_M, shown, text))
            for text, level in self.blocks
        ]
        return Section(self.report.overview.heading, tuple(blocks))

    def plain(self) -> Section:
        """As the builder writes it (before any rephrasing)."""
        return self.render()

    def rewrite(self, pattern: str, make: Callable[[re.Match[str]], str]) -> None:
        self.blocks = [
            (re.sub(pattern, make, text) if not level else text, level)
            for text, level in self.blocks
        ]

    def value(self, m: re.Match[str], group: int) -> int | Decimal:
        return self.figures[int(m.group(group))].value

    def mark(self, m: re.Match[str], group: int) -> str:
        return _MARK.format(m.group(group))


_R = "requests."
_A = "appeals."
_RESULTS = ("upheld", "corrected", "other", "pending")


@st.composite
def rephrased(draw: st.DrawFn, report: ogr.Report) -> Narrative:
    """Section 1 of ``report`` as the builder writes it, rephrased by the grammar (each form
    drawn or not)."""
    n = Narrative(report)
    assert n.plain() == builders.narrative(report), "the builder's clauses have moved"
    new, over = f"{_R}new_received.total", f"{_R}carried_over.total"
    form = draw(st.sampled_from(["as built", "受理 含上年结转", "受理", "受理 其中"]))
    if form != "as built":

        def received(m: re.Match[str]) -> str:
            a, b = n.value(m, 1), n.value(m, 2)
            carried = n.mark(m, 2)
            if form == "受理 含上年结转":
                total = n.add(a + b, (new, over))
                return f"受理政府信息公开申请{total}件（含上年结转{carried}件）"
            if form == "受理 其中":  # the figure read as 新收 or 新收 + 上年结转
                total = n.add(a + b, (new, over), taken=(a,))
                return f"共受理政府信息公开申请{total}件，其中上年结转{carried}件"
            n.figures[int(m.group(1))] = attrs.evolve(
                n.figures[int(m.group(1))],
                paths=frozenset((new, over)),
                taken=frozenset((a, a + b)),
            )
            return f"共受理政府信息公开申请{n.mark(m, 1)}件，上年结转{carried}件"

        n.rewrite(rf"本年度新收政府信息公开申请{_M}件，上年结转{_M}件", received)
    if draw(st.booleans()):  # a combined figure

        def combined(m: re.Match[str]) -> str:
            joined = draw(st.sampled_from(["及", "和", "、"]))
            total = n.add(
                n.value(m, 1) + n.value(m, 2),
                (f"{_R}disclosed.total", f"{_R}partially_disclosed.total"),
            )
            return f"其中予以公开{joined}部分公开{total}件"

        n.rewrite(rf"其中予以公开{_M}件，部分公开{_M}件", combined)
    if draw(st.booleans()):  # 答复 for 办结, where the sentence speaks of requests
        n.rewrite(rf"办结{_M}件", lambda m: f"答复政府信息公开申请{n.mark(m, 1)}件")
    for group, words in (
        (("reconsideration",), "因政府信息公开被申请行政复议"),
        (("litigation_direct", "litigation_after_reconsideration"), "被提起行政诉讼"),
    ):
        if not draw(st.booleans()):
            continue

        def breakdown(m: re.Match[str], group: tuple[str, ...] = group, words: str = words) -> str:
            parts = []
            for result, name in zip(
                _RESULTS, ("结果维持", "结果纠正", "其他结果", "尚未审结"), strict=True
            ):
                paths = tuple(f"{_A}{g}.{result}" for g in group)
                value = sum(n.cells[p] for p in paths)  # type: ignore[misc]
                parts.append(f"{name}{n.add(value, paths)}件")
            return f"{words}{n.mark(m, 1)}件，其中" + "，".join(parts)

        n.rewrite(rf"{words}{_M}件", breakdown)
    for i, f in enumerate(n.figures):  # Chinese numerals, some of the counts
        if isinstance(f.value, int) and draw(st.booleans()):
            n.figures[i] = attrs.evolve(f, chinese=True)
    return n
