"""A number wrapped in its cell: a narrow column prints ``3001`` as ``300`` over ``1``, and a
PDF's text (or a converter's grid) then holds the last digits on a line of their own, which
matches no row of the format and is dropped. The digits left on the row's line are its cell's
value no longer: the dropped row's warning names the cells of the rows printed beside it,
where its numbers may belong (it named none, and the wrong cell was named by nothing)."""

from typing import NamedTuple

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import opengovreport as ogr

from .exports import tab_text
from .strategies import plausible_reports


class Wrapped(NamedTuple):
    report: ogr.Report
    text: str
    path: str


@st.composite
def wrapped(draw: st.DrawFn) -> Wrapped:
    report = draw(plausible_reports(edition=draw(st.sampled_from(list(ogr.Edition)))))
    lines = tab_text(report).split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("三、"))
    end = next(i for i, line in enumerate(lines) if line.startswith("四、"))
    candidates = []
    for i in range(start, end):
        parts = lines[i].split("\t")
        for k, part in enumerate(parts):
            if k and part.isdigit() and len(part) >= 2:
                candidates.append((i, k))
    assume(bool(candidates))
    i, k = draw(st.sampled_from(candidates))
    parts = lines[i].split("\t")
    digits = parts[k]
    cut = draw(st.integers(1, len(digits) - 1))
    parts[k] = digits[:cut]
    rest = ["" for _ in parts]
    rest[k] = digits[cut:]
    lines[i] = "\t".join(parts)
    lines.insert(i + 1, "\t".join(rest))
    return Wrapped(report, "\n".join(lines), f"line {i}, cell {k}: {digits} as {digits[:cut]}")


def _named(result: ogr.ParseResult, path: str) -> bool:
    return any(
        path in d.cells for d in result.diagnostics if d.severity.rank >= ogr.Severity.WARNING.rank
    )


@settings(max_examples=150, suppress_health_check=list(HealthCheck), deadline=None)
@given(wrapped())
def test_a_number_wrapped_in_its_cell_is_never_read_wrong_unnamed(case: Wrapped) -> None:
    result = ogr.parse(case.text)
    read = dict(result.report.cells())
    wrong = [(p, v, read.get(p)) for p, v in case.report.cells() if read.get(p) != v]
    unnamed = [w for w in wrong if w[2] is not None and not _named(result, w[0])]
    assert not unnamed, f"{case.path}: {unnamed[:3]} named by nothing"
    if wrong:
        assert result.status is not ogr.ReadStatus.OK, f"{case.path}: ok with {wrong[:3]}"
