"""The report's own lines around its sections: a page's furniture and metadata skipped, the title
found by its own pattern (its agency and year read from it), the closing lines, the front matter's
paragraphs and contact details."""

import re
from collections.abc import Sequence
from typing import NamedTuple

from ._lines import Line
from ._norm import fold, squash
from ._result import Diagnostic

__all__ = ["Front", "closing", "ends_sentence", "front", "page_lines", "title_parts"]

_FINAL = "。！？!?；;：:…"
_CLOSERS = '”’"」』）)】'


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends a sentence (。！？；：…, before any closing quote or bracket)."""
    t = text.rstrip().rstrip(_CLOSERS)
    return bool(t) and t[-1] in _FINAL


#: a year as titles and sentences print it (2023年, 2023 年, ２０２３年)
YEAR = re.compile(r"((?:20|19)\d{2})\s*年")
DATE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
#: where the agency's name ends in a title that starts with the year
_AGENCY_END = re.compile(r"(政府信息公开|政务公开|信息公开|年度报告|工作报告)")
#: a page's metadata as crawlers and site exports print it above the text (标题: …)
_METADATA = re.compile(
    r"^(标题|题目|文章标题|发布时间|发布日期|发文日期|成文日期|更新时间|文号|发文字号|发布机构|"
    r"发文机关|来源|信息来源|栏目|所属栏目|原文链接|链接|本地目录|索引号|主题分类|"
    r"体裁分类|页面链接与图片|页面链接|浏览次数|字号|作者)\s*[:：]"
)
_TITLE_KEYS = ("标题", "题目", "文章标题")
#: a site's path to the page (首页 > 政务公开 > …, 当前位置：…)
_BREADCRUMB = re.compile(
    r"^(?:首页|主页|网站首页)\s*[>›»/→]|^(?:当前位置|您的位置|您现在的位置)\s*[:：]"
)
#: a converter's or crawler's marker line (==== 正文 ====, 正文, 附件下载)
_MARKER = re.compile(r"^[=\-—*#_\s]*(正文|正文内容|全文|内容)[=\-—*#_\s:：]*$")
#: any of the three (a line none of them matches is the report's: most lines, one match each)
_FURNITURE = re.compile("|".join(p.pattern for p in (_METADATA, _BREADCRUMB, _MARKER)))
#: the characters a line that :data:`_FURNITURE` matches may start with, after its spaces (a
#: test derives them from the patterns): a line that starts otherwise is not tried
_FURNITURE_FIRST = frozenset("标题文发成更来信栏所原链本索主体页浏字作首网当您=-—*#_正全内")
#: a date, alone or after a label (发布时间：2024-01-09, 2024年01月09日 10:00)
_DATED = re.compile(
    r"^(?:\S{0,6}[:：]\s*)?\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}\s*日?\s*[\d:]*$"
)
#: a notice about reports (关于…的通知), not a report
NOTICE = re.compile(r"^关于|通知$|通报$|意见$|的函$")
#: what a line holding an agency's name (and nothing else) looks like: Chinese words, perhaps
#: with brackets, no punctuation of a sentence, a control or an address
NAME = re.compile(
    r"^[\u3400-\u9fff（）()·]{1,40}[局委办院会厅部署所站处室府心区县市镇乡道司行馆团组队]$"
)


class Page(NamedTuple):
    """The lines of the report (a page's metadata and markers above it dropped), and the
    title its metadata gives."""

    lines: tuple[Line, ...]
    title: str
    notes: list[Diagnostic]


def page_lines(lines: Sequence[Line]) -> Page:
    """A page's metadata lines (标题: …, 发布时间: …), its path (首页 > …) and converter marker
    lines (==== 正文 ====) above the report dropped, with a note; the page's title kept."""
    skipped: list[Line] = []
    keep: list[Line] = []
    title = ""
    limit = min(len(lines), 40)
    for i, line in enumerate(lines[:limit]):
        text = line.text.strip()
        # (the three patterns are anchored at the start: most lines fail at their first
        # character, tried once for all three)
        if (
            line.row
            or not text
            or text[0] not in _FURNITURE_FIRST
            or _FURNITURE.match(text) is None
        ):
            keep.append(line)
            continue
        match = _METADATA.match(text)
        if match:
            if match.group(1) in _TITLE_KEYS and not title:
                title = text[match.end() :].strip()
            skipped.append(line)
        elif _BREADCRUMB.match(text) and len(text) <= 60:
            skipped.append(line)
        elif _MARKER.match(text):
            skipped.append(line)
            if i + 1 < limit:  # the text starts after the marker
                keep = [ln for ln in keep if ln.row]
        else:
            keep.append(line)
    if not skipped:
        return Page(tuple(lines), title, [])
    shown = " / ".join(ln.text.strip()[:30] for ln in skipped[:4])
    note = Diagnostic.of(
        "page-lines",
        line=skipped[0].number,
        text=skipped[0].text.strip(),
        count=len(skipped),
        shown=shown,
    )
    return Page((*keep, *lines[limit:]), title, [note])


def _titled(text: str) -> bool:
    """Whether a line may be (the start of) a report's title: it names a year and stops short
    of a sentence, and is not a date."""
    folded = fold(text).strip()
    return (
        bool(YEAR.search(folded))
        and len(folded) <= 100
        and not ends_sentence(folded)
        and not _DATED.match(folded)
    )


def _title_end(text: str) -> bool:
    """Whether a line may end a title broken across lines (…公开 / 工作年度报告, …年度报 / 告):
    short, ending with 报告, no year of its own (a title on the line below a date is not the
    date's continuation)."""
    squashed = squash(text)
    return (
        0 < len(squashed) <= 24
        and squashed.endswith(("报告", "告"))
        and not ends_sentence(text)
        and YEAR.search(fold(text)) is None
    )


class Front(NamedTuple):
    title: str
    #: the lines above the first section that are not the title
    lines: list[Line]
    notes: list[Diagnostic]


def _title_start(lines: Sequence[Line], page_title: str) -> int | None:
    """The line the title starts on: the first (of the first eight) that names a year and a
    report, or a heading of the first level; where none does, the first line unless the page's
    metadata names the title or the first line is a long sentence; ``None``: no title."""
    for i, ln in enumerate(lines[:8]):
        ends = i + 1 < len(lines) and _title_end(lines[i + 1].text)
        if _titled(ln.text) and not ln.closing and ("报" in ln.text or ends):
            return i
    start = next((i for i, ln in enumerate(lines[:3]) if ln.heading == 1), None)
    if start is not None or not lines or _titled(page_title):
        return start
    first = lines[0].text
    return None if ends_sentence(first) and len(first) > 60 else 0


def _agency_above(lines: Sequence[Line], start: int) -> bool:
    """Whether the title, starting with its year, has its agency on the line above (a name,
    and nothing else)."""
    text = fold(lines[start].text)
    year = YEAR.search(text)
    if start == 0 or year is None or squash(text[: year.start()]):
        return False
    above = lines[start - 1]
    return not above.row and NAME.match(squash(above.text)) is not None


def front(lines: Sequence[Line], page_title: str = "") -> Front:
    """The title and the front matter's lines. The title is the first line (of the first
    eight) that names a year and a report — joined with the next line where it breaks before
    its end (…年度报 / 告), and with the line above where it starts with its year and that
    line is a name (the agency printed above the year); the lines above it are front matter,
    never part of the title. Where no line names a year, the page's title (``page_title``,
    from its metadata) is the title, else the first line."""
    start = _title_start(lines, page_title)
    if start is None:
        return Front("", list(lines), [])
    title_lines = [lines[start]]
    joined = squash(lines[start].text)
    if "报告" not in joined and start + 1 < len(lines):
        after = lines[start + 1]
        if _title_end(after.text) and "报告" in joined + squash(after.text):
            title_lines.append(after)
    first = start - 1 if _agency_above(lines, start) else start
    if first < start:  # the agency printed on the line above the year
        title_lines.insert(0, lines[first])
    title = "".join(ln.text.strip() for ln in title_lines)
    notes = []
    if first:
        shown = " / ".join(ln.text.strip()[:30] for ln in lines[: min(first, 4)])
        notes.append(Diagnostic.of("front-skipped", line=lines[0].number, text=shown, count=first))
    rest = [*lines[:first], *lines[first + len(title_lines) :]]
    return Front(title, rest, notes)


def title_parts(title: str) -> tuple[int | None, str, int]:
    """The year a title names, the agency (before the year, or after it when the title starts
    with the year), and how many years it names."""
    folded = fold(title)
    years = YEAR.findall(folded)
    match = YEAR.search(folded)
    if match is None:
        return None, "", 0
    year = int(match.group(1))
    agency = squash(folded[: match.start()])
    if agency:
        agency = "".join(title[: _printed_index(title, folded, match.start())].split())
    else:
        rest = folded[match.end() :]
        rest = rest[1:] if rest.startswith("度") else rest
        end = _AGENCY_END.search(rest)
        agency = "".join((rest[: end.start()] if end else "").split())
    return year, agency, len(set(years))


def _printed_index(printed: str, folded: str, index: int) -> int:
    """The index in ``printed`` of the character at ``index`` in its folded form (NFKC keeps
    the length of the characters a title holds, but not of every character)."""
    if len(printed) == len(folded):
        return index
    for i in range(len(printed)):
        if len(fold(printed[:i])) >= index:
            return i
    return len(printed)


def closing(lines: list[Line], agency: str) -> tuple[list[Line], tuple[str, ...], list[Diagnostic]]:
    """The closing lines after the last section (the agency, a date), taken off its lines."""
    found: list[str] = []
    rest = list(lines)
    while rest:
        last = rest[-1]
        text = last.text.strip()
        if (
            last.closing
            or DATE.match(fold(text))
            or (agency and squash(text) == squash(agency) and found)
        ):
            found.insert(0, text)
            rest.pop()
            continue
        break
    notes = []
    if found:
        at = rest[-1].number if rest else None
        notes.append(Diagnostic.of("closing", line=at, text=" / ".join(found)))
    return rest, tuple(found), notes
