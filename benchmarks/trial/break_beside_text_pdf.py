"""Break: tables beside text, and table 3's cells each a text box, in LibreOffice's PDF.

Each table in the right cell of a two-cell layout table (`nested-beside-text`): half as wide,
its value columns so narrow that numbers wrap a digit a line, its cells centred in their rows
(a row's numbers at as many heights as they have lines). pdfium gave each digit as a line;
rows were read shifted, wrong cells named by nothing. Trial counts (PDF, cases with a wrong
cell named by nothing; cells): main `6a2a75b` 12 of 20 (83); `beside11` 3 of 20 (35): a
number wrapped in its ruled cell is joined, a row of values apart from its label read between
its rules (`reading/_pdfwrap.py`). Still open: the 2019 and 2020 tables of two crawled pages
(`pingtan-shichangjianguanju-2020` below: a label wrapped over two lines, its values on the
second, the next row's label the same second line `信息公开申请数量`: the rows are read one
off, named by nothing), and `shuyang-fagaiju-2023` (blank cells read 0: the blank-cell work).

Table 3's cells each a text box (`rows-in-textboxes`, a PDF converted back to Word): no rules,
and the boxes overlap, so one cell's number is printed over another's (`124` over `443`).
main 14 of 20 (74 cells); `beside11` 13 of 20 (62): two digit groups drawn over each other are
no longer one number (`124 443` was read 124443). Still open: digits of two boxes touching
(`0` over `1277` read `01277`) and rows whose boxes wrapped onto the next line; nothing on the
page (no rule, no column) says which cell a number is in.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _check import show
from _print import printed
from sources import sources
from transforms import nested_beside_text, rows_in_textboxes

reports = dict(sources())
for name in ("generated-0", "pingtan-shichangjianguanju-2020"):
    data, truth = nested_beside_text(reports[name])
    show(f"{name}, each table beside a cell of text, printed", printed(data), truth)
data, truth = rows_in_textboxes(reports["generated-5"])
show("generated-5, table 3's cells each a text box, printed", printed(data), truth)
