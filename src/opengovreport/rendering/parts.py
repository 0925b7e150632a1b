"""What every output format shares: the tables' grids and the narrative as a list of parts."""

from collections.abc import Iterator
from typing import TypeAlias

import attrs

from ..model import Appeals, Disclosure, Heading, Report, Requests, Section
from ..schema import contact_of, contact_sentence, section

__all__ = [
    "Narrative",
    "Part",
    "Renderable",
    "narrative_parts",
    "report_parts",
    "section_heading",
]

#: a table that renders on its own
Renderable: TypeAlias = Disclosure | Requests | Appeals
#: a section's blocks as (kind, heading level or 0, text)
Narrative: TypeAlias = list[tuple[str, int, str]]


def section_heading(report: Report, key: str, lang: str) -> str:
    """The heading of a section: as printed (``zh``; narrative sections keep their variant), or
    the English gloss."""
    value = getattr(report, key)
    if lang == "zh" and isinstance(value, Section):
        return value.heading
    return section(key).heading.text(lang)


def narrative_parts(value: Section) -> Narrative:
    return [
        ("heading", b.level, b.text) if isinstance(b, Heading) else ("paragraph", 0, b.text)
        for b in value.blocks
    ]


#: a piece of a whole report, in order: (kind, heading level or 0, text or table)
Part: TypeAlias = tuple[str, int, "str | Renderable"]


def report_parts(report: Report, lang: str) -> Iterator[Part]:
    """A report from top to bottom, for every output format: ``title``, ``paragraph`` (front
    matter, with the standard contact sentence where the front matter does not state the
    contact details, and narrative), ``section`` (a section's heading), ``heading`` (a
    sub-heading with its level), ``table``, ``end`` (of a section) and ``closing`` lines."""
    meta = report.meta
    yield "title", 0, meta.title
    for text in meta.front_matter:
        yield "paragraph", 0, text
    contact = meta.contact
    given = contact is not None and any(attrs.astuple(contact))
    if given and contact_of("".join(meta.front_matter)) != contact:
        # the contact details the front matter does not state, in the standard sentence
        yield "paragraph", 0, contact_sentence(contact)  # type: ignore[arg-type]
    for spec in report.shape.sections:
        yield "section", 0, section_heading(report, spec.key, lang)
        value = getattr(report, spec.key)
        if isinstance(value, Section):
            yield from narrative_parts(value)
        else:
            yield "table", 0, value
        yield "end", 0, ""
    for line in meta.closing:
        yield "closing", 0, line
