"""The practices of the narrative sections (FORMAT.md §1), on the model: S1 sections 5 and 6
have text, S2 headings are numbered in order, S3 section 6 states the processing fee (2021
edition on). Each failure is a warning: a practice, not a rule of the format. A report with no
narrative at all (its tables alone) has none of them."""

import functools
import re

from ..model import Heading, Paragraph, Report, Section
from ..schema import SECTIONS, Code
from ..values import Edition, Severity
from ._result import Finding

__all__ = ["section_findings"]

_NUMERALS = "一二三四五六七八九十"
#: a section's number as its heading prints it (五、存在的主要问题…)
_SECTION_NUMBER = re.compile(rf"^\s*([{_NUMERALS}]+)\s*[、.，,．]")
#: a sub-heading's number: （一） (一) at level 1, 1. 1、 at level 2
_SUB_NUMBER = {
    1: re.compile(rf"^\s*[（(]\s*([{_NUMERALS}]+)\s*[）)]"),
    2: re.compile(r"^\s*([0-9]{1,2})\s*[.、．]"),
}
#: what says the processing fee (收取信息处理费 0 元; 未收取任何费用; 没有产生信息公开处理费)
_FEE = re.compile(r"处理费|收费|收取[^。；]{0,12}费|费用")
_NARRATIVE = tuple(s for s in SECTIONS if s.narrative)
#: each narrative section's key: how messages name it, its number
_NAMES = {
    s.key: (f"第{_NUMERALS[s.number - 1]}部分", f"section {s.number}", s.number) for s in _NARRATIVE
}
#: the sections that must have text (S1), 5 and 6, with their headings; the one that states the
#: fee (S3), 6
_WITH_TEXT = {s.key: s.heading for s in _NARRATIVE if s.number in (5, 6)}
_FEE_SECTION = next(s.key for s in _NARRATIVE if s.number == 6)


def _value(numeral: str) -> int:
    """一 … 十九 as a number (0 for what is not one)."""
    if numeral == "十":
        return 10
    if numeral.startswith("十"):
        return 10 + _NUMERALS.index(numeral[1]) + 1 if len(numeral) == 2 else 0
    if len(numeral) == 1:
        return _NUMERALS.index(numeral) + 1
    return 0


def _warning(report: Report, code: str, about: str, zh: str, en: str) -> Finding:
    m = report.meta
    return Finding(
        code=code,
        severity=Severity.WARNING,
        table=None,
        agency=m.agency,
        year=m.year,
        message_zh=zh,
        message_en=en,
        about=about,
    )


def _read(part: Section) -> tuple[list[str], tuple[tuple[int, str], ...]]:
    """A section's paragraphs' texts and its headings (level, text), in one pass."""
    texts: list[str] = []
    headings: list[tuple[int, str]] = []
    for b in part.blocks:
        if type(b) is Paragraph:
            texts.append(b.text)
        elif type(b) is Heading:
            headings.append((b.level, b.text))
    return texts, tuple(headings)


@functools.lru_cache(maxsize=1024)
def _misnumbered(
    key: str, heading: str, headings: tuple[tuple[int, str], ...]
) -> tuple[tuple[str, str, str], ...]:
    """``(about, zh, en)`` of each heading of a section numbered out of order (kept: a corpus
    repeats its headings)."""
    zh_name, en_name, number = _NAMES[key]
    out = []
    found = _SECTION_NUMBER.match(heading)
    if found and _value(found.group(1)) != number:
        numeral = _NUMERALS[number - 1]
        out.append(
            (
                f"{key}:{heading}",
                f"{zh_name}的标题「{heading}」编号为{found.group(1)}，应为{numeral}",
                f"{en_name}'s heading 「{heading}」 is numbered {found.group(1)}, not {numeral}",
            )
        )
    expected = {1: 1, 2: 1}
    for level, text in headings:
        if level not in _SUB_NUMBER:
            continue
        if level == 1:
            expected[2] = 1
        sub = _SUB_NUMBER[level].match(text)
        if sub is None:
            continue
        got = _value(sub.group(1)) if level == 1 else int(sub.group(1))
        want = expected[level]
        if got != want:
            shown = f"（{_NUMERALS[want - 1]}）" if level == 1 and want <= 10 else f"{want}."
            out.append(
                (
                    f"{key}:{text}",
                    f"{zh_name}的小标题「{text}」处应为{shown}",
                    f"{en_name}: the sub-heading 「{text}」 stands where {shown} is expected",
                )
            )
        expected[level] = got + 1
    return tuple(out)


@functools.lru_cache(maxsize=4096)
def _states_fee(text: str) -> bool:
    return _FEE.search(text) is not None


def section_findings(report: Report) -> list[Finding]:
    """The S1–S3 findings of ``report``; none for a report of tables alone (no narrative at
    all: built from cells, a sum of reports), whose sections are not a published report's."""
    # each section read once: its paragraphs' texts, its headings, whether it has text (a
    # paragraph of more than blanks)
    read = []
    for key in _NAMES:
        part: Section = getattr(report, key)
        texts, headings = _read(part)
        read.append((key, part, texts, headings, any(map(str.strip, texts))))
    if not any(r[4] for r in read):
        return []
    out: list[Finding] = []
    for key, _part, _texts, _headings, has_text in read:
        if key in _WITH_TEXT and not has_text:
            zh_name, en_name, _ = _NAMES[key]
            heading = _WITH_TEXT[key]
            out.append(
                _warning(
                    report,
                    Code.S1,
                    key,
                    f"{zh_name}「{heading.zh}」没有内容",
                    f"{en_name} ({heading.en}) has no text",
                )
            )
    for key, part, _texts, headings, _has_text in read:
        misnumbered = _misnumbered(key, part.heading, headings)
        out.extend(_warning(report, Code.S2, about, zh, en) for about, zh, en in misnumbered)
    for key, _part, texts, _headings, has_text in read:
        asks_fee = key == _FEE_SECTION and report.meta.edition is not Edition.E2019 and has_text
        if asks_fee and not any(map(_states_fee, texts)):
            out.append(
                _warning(
                    report,
                    Code.S3,
                    key,
                    "第六部分没有说明信息处理费的收取情况",
                    "section 6 does not state the information-processing fee charged",
                )
            )
    return out
