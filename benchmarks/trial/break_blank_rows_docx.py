"""Break (open): table 3 of a real report whose zeros are left empty in Word (most rows wholly
blank): the rows found are matched loosely (``3.其他`` of （六）其他处理 taken for ``2.其他法律
行政法规禁止公开``, an `info` only), the row order noted by a `row-order` warning that names
no cell: 2 wrong cells named by nothing (status partial).

Trial counts: zero-empty, docx: 1 of 20 reports (pingtan-zongheshiyanqu-2022), 2 cells.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _check import show
from sources import sources
from transforms import zero_empty

report = dict(sources())["pingtan-zongheshiyanqu-2022"]
data, truth = zero_empty(report)
show("docx, table 3/4 zeros left empty", data, truth)
