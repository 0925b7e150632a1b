"""Break: a number wrapped in its table cell (``3001`` printed ``300`` over ``1``) in a PDF. The
library's own Word document did it to every count of four digits or more in table 3 (value
columns 632 twips wide), so LibreOffice's PDF of it read rows shifted, wrong cells named by
nothing (`row-dropped` warnings that name no cell). A document whose value columns are too
narrow (another office's) still does.

Trial counts, PDF, before: plain 4/20 reports with wrong cells named by nothing (huaian
18 wrong), values-narrow 7/20. After `hunt10`'s to_docx fix (value columns as wide as their
widest number): plain huaian, generated-3/-4 read ok and right, generated-0 partial with every
wrong cell named; values-narrow (another office's narrow columns) still breaks: the reader's
side is open. Test: test_docx.py::test_table_3s_numbers_fit_their_cells (and the slow
test_a_report_of_four_digit_counts_prints_and_reads_back).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _check import show
from _print import printed
from sources import sources
from transforms import values_narrow

report = dict(sources())["huaian-shizhengfu-2024"]  # 3119 requests, 3001 from persons
truth = dict(report.cells())
show("the library's Word document, printed by LibreOffice", printed(report.to_docx()), truth)
data, truth = values_narrow(report)
show("table 3's value columns narrowed, printed", printed(data), truth)
