"""Break: a merged cell undone with its value repeated in each column it spanned (a converter,
a copy-paste, pandas' read_html → to_html): table 2's one value under a header over three
columns, ``312 | 312 | 312``, was read as 312312312 (groups of thousands), status ``ok``,
named by nothing. Word (.docx), HTML and Markdown alike.

Trial counts (20 reports, before → after): docx `ok` with a wrong cell 4/20 → 0/20, a wrong
cell named by nothing 5/20 → 0/20. Fixed in `hunt10` (Line.grid): tests/test_filled_spans.py.
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _check import show
from transforms import unmerge_fill

import opengovreport as ogr

report = ogr.examples.load("synthetic-2021")
data, truth = unmerge_fill(report)
show("docx, merged cells undone and filled", data, truth)
page = re.sub(
    r'<td[^>]*colspan="(\d+)"[^>]*>([^<]*)</td>',
    lambda m: f"<td>{m.group(2)}</td>" * int(m.group(1)),
    report.to_html(),
)
show("html, colspan undone and filled", page.encode(), dict(report.cells()))
