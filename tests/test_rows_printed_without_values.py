"""Rows printed without values (zeros printed as nothing), their labels joined into the label
of the row whose values follow (#20, thirteenth round): the values are the row's printed
nearest them. Before, LibreOffice's print of the trial's ``pingtan-gonganju-2022`` with its
zeros left empty read (五)5's cells 1 and 1 — the values of (六)1, whose label the edition
weighed (the one whose (六) is one row) has not — named by nothing."""

from pathlib import Path

import opengovreport as ogr
from opengovreport.reading._lines import Line
from opengovreport.reading._match import leaf_names, match_rows
from opengovreport.reading._printed import every_row
from opengovreport.reading._seen import Seen
from opengovreport.schema import shapes

#: the text pypdfium2 gives of that print (its table 3: most rows a label and nothing else)
_PRINTED = Path(__file__).parent / "golden" / "pingtan-gonganju-2022.zero-empty.pdf.txt"
_VALUES = ["1", "∅", "∅", "∅", "∅", "∅", "1"]


def _single() -> list[tuple[str, ...]]:
    """The names of table 3's rows in the shape whose (六) is one row."""
    shape = next(s for s in shapes() if str(s.edition.value) == "2021" and "single" in repr(s))
    (part,) = shape.numbered(3).parts
    return list(leaf_names(part))


def _row(label: str) -> Seen:
    return Seen(label, list(_VALUES), Line(number=1, cells=(label,), text=label))


def test_a_name_held_before_another_shapes_row_label_takes_none_of_its_values() -> None:
    every = _single()
    label = (
        "5.要求行政机关确认或重新出具已获取信息 （六）其他处 "
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    )
    confirm = next(j for j, names in enumerate(every) if "已获取信息" in names[0])
    alone = match_rows([_row(label)], every, True)
    assert alone.rows[confirm] is not None  # this shape's names alone: (五)5 named nearest
    found = match_rows([_row(label)], every, True, every_row(shapes(), 3, ""))
    assert found.rows[confirm] is None or confirm in found.by_position


def test_a_row_liked_before_another_rows_name_is_unsure() -> None:
    """A label that is like (五)3's name (its last character on a line of its own, dropped)
    and holds (五)5's name whole after it: paired as by position, confirmed by the identities
    or left blank, never read as (五)3's with nothing said."""
    every = _single()
    label = "3.要求提供公开出版 4.无正当理由大量反 复申请 5.要求行政机关确认 或重新出具已获取 信息"
    publications = next(j for j, names in enumerate(every) if "公开出版物" in names[0])
    found = match_rows([_row(label)], every, True, every_row(shapes(), 3, ""))
    assert found.rows[publications] is None or publications in found.by_position


def test_the_rows_of_a_print_with_zeros_left_empty_are_blank_or_named() -> None:
    result = ogr.read(_PRINTED.read_bytes())
    assert result.found is not None
    named = {
        c
        for d in result.diagnostics
        if d.severity.rank >= ogr.Severity.WARNING.rank
        for c in d.cells
    }
    named |= {
        c.path
        for f in ogr.check(result.found).findings
        if f.severity.rank >= ogr.Severity.WARNING.rank
        for c in f.cells
    }
    read = dict(result.found.cells())
    # nothing was printed in (五)'s rows: each cell blank, or its reading named
    wrong = {
        path: value
        for path, value in read.items()
        if path.startswith("requests.not_processed.") and value is not None and path not in named
    }
    assert wrong == {}
    assert result.status is not ogr.ReadStatus.OK
