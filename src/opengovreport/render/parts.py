"""What every output format shares: the tables' grids and the narrative as a list of parts."""

from typing import TypeAlias

from ..model import Appeals, Disclosure, Heading, Report, Requests, Section
from ..schema import section

__all__ = ["LANGS", "Narrative", "Renderable", "check_lang", "narrative_parts", "section_heading"]

#: a table that renders on its own
Renderable: TypeAlias = Disclosure | Requests | Appeals
#: a section's blocks as (kind, heading level or 0, text)
Narrative: TypeAlias = list[tuple[str, int, str]]

LANGS = ("zh", "en")


def check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: expected 'zh' or 'en'")


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
