"""Break (fixed, #20 eleventh round): a real report with five columns of table 3 left blank
(not 0), printed from Word by LibreOffice: pdfium's text shows ``26 26`` for a row of 7 cells,
no row near it holds a value in every column, so no blank was placed; rows whose labels wrap
across a page read out of place, and rows read 7 zeros from ``0 0`` with no diagnostic naming
them (status partial). ``printed None, read 0`` is a blank read as 0.

Now each value is placed under the column its header prints over it (商 业 企 业 printed a
character a line down a narrow column is one column; 法人或其他组织 over five is none), a
blank where a column has none: ``26 ∅ ∅ ∅ ∅ ∅ 26``.

Trial counts, PDF: shuyang-fagaiju-2023 in 20 of 25 transformations (plain: 32 wrong, 10 named
by nothing). After: plain reads `ok`, 0 wrong; of the 9 transformations re-read, its PDF
has a wrong cell named by nothing in unmerge-fill only (the merged cells' text repeated).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _check import show
from _print import printed
from sources import sources

report = dict(sources())["shuyang-fagaiju-2023"]
show(
    "the library's Word document, printed by LibreOffice",
    printed(report.to_docx()),
    dict(report.cells()),
)
