"""Break (status fixed, #20 eleventh round): a 2019 report's table 2 row of two values (收费:
上一年项目数量, 本年增/减) whose last value is repeated in the columns a merged cell spanned
(``6 | 0 | 0``): the row's last two values are kept (``0 0``), named by a `spurious-cell`
warning, but the status was `ok`. The header row is filled alike (``上一年项目数量 | 本年增/减
| 本年增/减``) and would place them.

Now a row of more values than cells whose kept values nothing confirms (no identity judges
them) has them guessed: the status is `partial`, the two wrong cells named. Still open: the
header filled alike, which would place the values right.

Trial counts: unmerge-fill, docx, after `hunt10`'s fix: 1 of 20 `ok` with 2 wrong cells
(named); after this round 0 of 20.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _check import show
from sources import sources
from transforms import unmerge_fill

report = dict(sources())["generated-5"]
data, truth = unmerge_fill(report)
show("docx, merged cells undone and filled (2019 edition)", data, truth)
