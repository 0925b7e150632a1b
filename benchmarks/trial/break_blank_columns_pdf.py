"""Break (open): a real report with five columns of table 3 left blank (not 0), printed from
Word by LibreOffice: pdfium's text shows ``26 26`` for a row of 7 cells, no blank placed; rows
whose labels wrap across a page read out of place, and rows read 7 zeros from ``0 0`` with no
diagnostic naming them (status partial). ``printed None, read 0`` is a blank read as 0.

Trial counts, PDF: shuyang-fagaiju-2023 in 20 of 25 transformations (plain: 32 wrong, some
named by nothing).
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
