"""The narrative of a published report's text, split by hand-written rules (not the reader): its
sections 1, 5 and 6, each as one paragraph (lines joined, page numbers dropped), and their
sentences. The labelled set of T5 (``narrative_labels.py``) is written against these."""

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

import opengovreport as ogr
from opengovreport import builders, schema
from opengovreport.model import CellValue, Paragraph, Section

from .conftest import SHARED

#: where each narrative section starts, and where it ends (the next section's heading)
_STARTS = {
    1: re.compile(r"一、\s*总体情况"),
    5: re.compile(
        r"五、\s*(?:政府信息公开(?:工作)?)?存在的主要问题(?:及|和)(?:改进情况|整改措施|改进措施)"
    ),
    6: re.compile(r"六、\s*(?:其他需要报告的事项|需要说明的其他事项(?:与附表)?)"),
}
_ENDS = {1: re.compile(r"二、\s*主动公开"), 5: _STARTS[6], 6: None}
_PAGE_NUMBER = re.compile(r"^\s*-?\s*\d{1,3}\s*-?\s*$")
_SENTENCE = re.compile(r"[^。！？!?]*[。！？!?]?")


def body(text: str) -> str:
    """The report's text as one line: a crawler's metadata left out, each line stripped, page
    numbers dropped, lines joined (Chinese wraps without spaces)."""
    if "==== 正文 ====" in text:
        text = text.split("==== 正文 ====", 1)[1]
    lines = [line.strip() for line in text.splitlines()]
    return "".join(line for line in lines if line and not _PAGE_NUMBER.match(line))


def sections(text: str) -> dict[int, str]:
    """Sections 1, 5 and 6 of a report's text (the heading left out), by number."""
    joined = body(text)
    out = {}
    for number, start in _STARTS.items():
        found = start.search(joined)
        if found is None:
            continue
        end_pattern = _ENDS[number]
        end = end_pattern.search(joined, found.end()) if end_pattern is not None else None
        out[number] = joined[found.end() : end.start() if end else len(joined)].strip()
    return out


def sentences(paragraph: str) -> list[str]:
    """The sentences of a paragraph, each ending at 。！？ as the checks read them."""
    return [s.strip() for s in _SENTENCE.findall(paragraph) if s.strip()]


def with_narrative(report: ogr.Report, narrative: dict[int, str]) -> ogr.Report:
    """``report`` with sections 1, 5 and 6 each one paragraph of ``narrative``."""
    parts: dict[str, Any] = {}
    for spec in schema.SECTIONS:
        if spec.narrative:
            old: Section = getattr(report, spec.key)
            text = narrative.get(spec.number)
            parts[spec.key] = Section(old.heading, (Paragraph(text),) if text else ())
    return attrs.evolve(report, **parts)


def truth_report(path: Path) -> ogr.Report:
    """A crawled page's report from its truth file: tables 3 and 4 as printed, the table 2
    cells the page prints unambiguously, the other table 2 cells blank."""
    truth = json.loads(path.read_text(encoding="utf-8"))
    edition = ogr.Edition(truth["edition"])
    cells: dict[str, CellValue] = dict(truth["cells"])
    itemized = "requests.other_handling.other.total" in cells
    shape = schema.shape(edition, itemized_other_handling=itemized)
    for key, value in truth["table2_cells"].items():
        amount = shape.cell(key).kind is ogr.schema.CellKind.AMOUNT
        cells[key] = Decimal(str(value)) if amount else value
    full = {p: cells.get(p) for p in shape.paths}
    meta = ogr.Meta(truth["agency"], truth["year"], edition)
    return builders.report_from_cells(meta, full, shape=shape)


CRAWLED = SHARED / "corpus" / "crawled"
