"""Hypothesis strategies of the tests: reports whose text reads like a published report's, and
text from hostile files."""

import re

import attrs
from hypothesis import strategies as st

import opengovreport as ogr
from opengovreport import testing
from opengovreport.model import Heading, Meta, Paragraph, Section

_CJK = (
    "市县区局委办公室人民政府发展改革教育卫生健康交通运输"
    "自然资源生态环境住房城乡建设农业水利商务文化旅游"
)
_words = st.text(st.sampled_from(_CJK), min_size=2, max_size=14)
_sentences = st.builds(
    lambda parts: "，".join(parts) + "。", st.lists(_words, min_size=1, max_size=5)
)
_NUMERALS = "一二三四五六七八九十"


@st.composite
def _blocks(draw: st.DrawFn) -> list[Heading | Paragraph]:
    out: list[Heading | Paragraph] = []
    for i in range(draw(st.integers(0, 5))):
        kind = draw(st.sampled_from(["h1", "h2", "p", "p"]))
        if kind == "h1":
            out.append(Heading(f"（{_NUMERALS[i % 10]}）{draw(_words)}", 1))
        elif kind == "h2":
            out.append(Heading(f"{i + 1}. {draw(_words)}", 2))
        else:
            out.append(Paragraph(draw(_sentences)))
    return out


@st.composite
def plausible_reports(draw: st.DrawFn, edition: ogr.Edition | None = None) -> ogr.Report:
    """Reports whose text reads like a report: what a published report can carry."""
    report = draw(testing.reports(edition=edition))
    agency = draw(_words)
    year = report.meta.year
    meta = Meta(
        agency=agency,
        year=year,
        edition=report.edition,
        front_matter=tuple(draw(st.lists(_sentences, max_size=2))),
        closing=draw(st.sampled_from([(), (agency, f"{year + 1}年3月1日")])),
    )
    spec5 = ogr.schema.section("problems")
    return attrs.evolve(
        report,
        meta=meta,
        overview=Section("一、总体情况", tuple(draw(_blocks()))),
        problems=Section(
            draw(st.sampled_from([spec5.heading.zh, *spec5.variants])), tuple(draw(_blocks()))
        ),
        other_matters=Section("六、其他需要报告的事项", tuple(draw(_blocks()))),
    )


#: what no output may hold raw: C0 controls but tab and newline, CR, DEL, C1 controls, the bidi
#: overrides and isolates, line and paragraph separators
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")

#: text that has forged output: terminal sequences, GitHub workflow commands on a line of their
#: own or anywhere (``##[``), a bidi override, formulas for a spreadsheet
HOSTILE = (
    "\n::error file=x.py,line=1::forged",
    "\r\n  ::warning::forged",
    "##[error]forged",
    "\x1b]0;owned\x07\x1b[2J",
    "\u202egnp.exe",
    "\x00\x0b\x85\u2028",
    '=HYPERLINK("http://example.com","x")',
    "+cmd|' /C calc'!A0",
    "@SUM(1)",
    "-1+1",
    "\tTAB",
    "\rCR",
    "%0A::error::x",
    'a,b"c',
)


def hostile_texts(*, exclude: str = "") -> st.SearchStrategy[str]:
    """Text from all of Unicode, controls included (no lone surrogate: the model refuses one),
    mixed with pieces that have forged output; never empty, without the characters of
    ``exclude``."""
    piece = st.one_of(
        st.text(st.characters(codec="utf-8", exclude_characters=exclude), max_size=8),
        st.sampled_from([h for h in HOSTILE if not set(h) & set(exclude)]),
    )
    return st.lists(piece, min_size=1, max_size=4).map("".join).filter(bool)


def forged_commands(text: str) -> list[str]:
    """The lines of ``text`` a GitHub Actions runner would take for a workflow command: one
    opening with ``::`` after white space, or holding ``##[`` (lines end at CR and LF)."""
    return [
        line
        for line in re.split("\r\n|\r|\n", text)
        if line.lstrip().startswith("::") or "##[" in line
    ]


def registered_row_names() -> list[str]:
    """Every name a row of a registered shape's tables is known by (what the reader matches a
    printed label against)."""
    from opengovreport.reading._match import leaf_names
    from opengovreport.schema import shapes

    return [
        name
        for shape in shapes()
        for table in shape.tables
        for part in table.parts
        for row in leaf_names(part)
        for name in row
    ]
