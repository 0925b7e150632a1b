"""T5: the figures section 1 states (收到申请 X 件, 办结 X 件, 行政复议 X 件 …), each compared with
its cells (:data:`opengovreport.schema.STATED_FIGURES`). A figure stated twice with two values, or
stated about a blank cell, is not assessable; a figure that differs from its cells is an
inconsistency quoting the sentence."""

import re
from collections.abc import Sequence

from ..model import CellValue, Paragraph, Report
from ..schema import STATED_FIGURES, Shape, StatedFigure, table_name
from ..values import Severity
from ._result import CellRef, Finding

__all__ = ["narrative_findings"]

#: what ends a sentence
_STOPS = ("。", "；", ";", "！", "？", "!", "?")
#: every stated figure's pattern in one, its figure group named f0, f1 … (the figure's key)
_FIGURE = r"(\d+)"


def _named(pattern: str, i: int) -> str:
    return "(?:" + pattern.replace(_FIGURE, f"(?P<f{i}>" + _FIGURE[1:], 1) + ")"


_ALL = re.compile("|".join(_named(f.pattern, i) for i, f in enumerate(STATED_FIGURES)))
_KEYS = {f"f{i}": f.key for i, f in enumerate(STATED_FIGURES)}
#: every stated figure's keywords: a paragraph without one states no figure
_KEYWORDS = re.compile("|".join(sorted({w for f in STATED_FIGURES for w in f.keywords})))
#: what every stated figure's sentence holds: a paragraph without it states none
_UNIT = "件"
_CODE = "T5"


def _stated(report: Report) -> dict[str, list[tuple[int, str, int, int]]]:
    r"""Each figure's statements in section 1: (the figure, the paragraph, where it stands),
    every figure found in one pass over a paragraph. Python's ``\d`` and ``int`` read
    full-width digits as they are, so the text is searched as printed."""
    found: dict[str, list[tuple[int, str, int, int]]] = {}
    for block in report.overview.blocks:
        if type(block) is not Paragraph or _UNIT not in block.text:
            continue
        text = block.text
        if _KEYWORDS.search(text) is None:  # no figure's words: nothing to look at closer
            continue
        for match in _ALL.finditer(text):
            key = _KEYS[match.lastgroup]  # type: ignore[index]
            found.setdefault(key, []).append(
                (int(match.group(match.lastgroup)), text, match.start(), match.end())  # type: ignore[arg-type]
            )
    return found


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` that holds ``text[start:end]``, as printed."""
    before = max(text.rfind(stop, 0, start) for stop in _STOPS)
    ends = [at for at in (text.find(stop, end) for stop in _STOPS) if at >= 0]
    return text[before + 1 : (min(ends) + 1) if ends else len(text)].strip()


def _quote(sentence: str) -> str:
    return sentence if len(sentence) <= 60 else sentence[:58] + "…"


_PLANS: dict[Shape, dict[str, tuple[StatedFigure, tuple[int, ...]]]] = {}


def _plan(shape: Shape) -> dict[str, tuple[StatedFigure, tuple[int, ...]]]:
    """For each stated figure whose cells ``shape`` has, where those cells stand in its values
    (made once per shape)."""
    found = _PLANS.get(shape)
    if found is None:
        position = {p: i for i, p in enumerate(shape.paths)}
        found = _PLANS[shape] = {
            f.key: (f, tuple(position[p] for p in f.paths))
            for f in STATED_FIGURES
            if all(p in position for p in f.paths)
        }
    return found


def narrative_findings(
    report: Report, values: Sequence[CellValue], shape: Shape | None = None
) -> list[Finding]:
    """The T5 findings of ``report`` (``values``: its cells' values, in its shape's order)."""
    stated = _stated(report)
    if not stated:
        return []
    shape = shape or report.shape
    plan = _plan(shape)
    out: list[Finding] = []
    for key, statements in stated.items():
        planned = plan.get(key)
        if planned is None:
            continue
        figure, positions = planned
        first = statements[0][0]
        agree = all(value == first for value, *_ in statements)
        cells = [values[i] for i in positions]
        if agree and None not in cells and sum(cells) == first:  # type: ignore[arg-type]
            continue  # the usual: as the table says
        out.append(_finding(report, shape, figure, statements, cells))
    return out


def _finding(
    report: Report,
    shape: Shape,
    figure: StatedFigure,
    statements: list[tuple[int, str, int, int]],
    cells: list[CellValue],
) -> Finding:
    """The finding of a stated figure that is not its cells' sum, or cannot be checked."""
    agency, year = report.meta.agency, report.meta.year
    refs = tuple(
        CellRef(p, shape.cell(p).label(), v, agency, year)
        for p, v in zip(figure.paths, cells, strict=True)
    )
    table = shape.cell(figure.paths[0]).table
    numbers = sorted({value for value, *_ in statements})
    blank = tuple(p for p, v in zip(figure.paths, cells, strict=True) if v is None)
    sentences = "；".join(
        dict.fromkeys(_quote(_sentence(text, a, b)) for _, text, a, b in statements)
    )
    if blank or len(numbers) > 1:
        why_zh = "相应单元格空白" if blank else f"所述数字不一（{'、'.join(map(str, numbers))}）"
        why_en = "its cells are blank" if blank else f"it states {len(numbers)} figures"
        return Finding(
            code=_CODE,
            severity=Severity.NOT_ASSESSABLE,
            table=table,
            agency=agency,
            year=year,
            cells=refs,
            blank=blank,
            message_zh=f"第一部分「{sentences}」所述{figure.what.zh}无法核对：{why_zh}",
            message_en=f"Section 1 states {figure.what.en} in 「{sentences}」; cannot check: "
            f"{why_en}",
        )
    printed = sum(cells)  # type: ignore[arg-type]
    return _inconsistent(figure, table, report, refs, printed, numbers[0], sentences)


def _inconsistent(
    figure: StatedFigure,
    table: int,
    report: Report,
    refs: tuple[CellRef, ...],
    printed: int,
    value: int,
    sentences: str,
) -> Finding:
    table_zh = table_name(table).zh
    return Finding(
        code=_CODE,
        severity=Severity.INCONSISTENCY,
        table=table,
        agency=report.meta.agency,
        year=report.meta.year,
        cells=refs,
        printed=printed,
        computed=value,
        difference=printed - value,
        message_zh=f"第一部分「{sentences}」所述{figure.what.zh}为{value}件，{table_zh}为{printed}件",
        message_en=f"Section 1 states {value} {figure.what.en} in 「{sentences}」; table {table} "
        f"has {printed}",
    )
