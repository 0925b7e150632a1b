"""Rendering: table 3 to HTML next to great_tables rendering the same grid; the whole report
to a Word document next to the same tables built with python-docx's table API.

Prints the time per render of table 3 of the synthetic 2021 example with
``Requests.to_html()``, the time great_tables takes for the same table (the same 25 rows and
7 columns, the row labels joined, with the 申请人情况 and 法人或其他组织 spanners), and the
ratio (goal: at least 50× faster). Then ``Report.to_docx()`` of the synthetic example (goal:
50 ms at most), and, as a yardstick in the same run, its three tables built cell by cell with
python-docx's ``Table.cell()`` and ``merge()`` (what a first Word renderer does).

    python benchmarks/bench_render.py
    python benchmarks/bench_render.py --repeat 20     # a quick run
"""

import argparse
import io
import platform

from _timing import per_call

from opengovreport import examples
from opengovreport.rendering import flatten, table_grid


def _naive_docx() -> bytes:
    """The three tables built with python-docx's table API: a cell at a time, merged."""
    import docx

    report = examples.load("synthetic-2021")
    document = docx.Document()
    for value in (report.disclosure, report.requests, report.appeals):
        grid = table_grid(value)
        table = document.add_table(rows=len(grid.rows), cols=grid.columns)
        taken: set[tuple[int, int]] = set()
        for r, row in enumerate(grid.rows):
            c = 0
            for spec in row:
                while (r, c) in taken:
                    c += 1
                taken.update(
                    (r + dr, c + dc) for dr in range(spec.rowspan) for dc in range(spec.colspan)
                )
                cell = table.cell(r, c)
                if spec.rowspan > 1 or spec.colspan > 1:
                    cell = cell.merge(table.cell(r + spec.rowspan - 1, c + spec.colspan - 1))
                cell.text = spec.text
                c += spec.colspan
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _great_tables(repeat: int) -> float | None:
    try:
        import pandas as pd
        from great_tables import GT
    except ImportError:
        return None
    requests = examples.load("synthetic-2021").requests
    flat = flatten(table_grid(requests))[0]
    names = [h.rpartition(" / ")[2] for h in flat.header]
    frame = pd.DataFrame([dict(zip(names, row, strict=True)) for row in flat.rows])
    label, *values = names
    grouped = values[1:6]
    table = (
        GT(frame, rowname_col=label)
        .tab_spanner("法人或其他组织", columns=grouped, id="org")
        .tab_spanner("申请人情况", columns=[values[0], values[-1]], spanners=["org"])
    )
    return per_call(table.as_raw_html, repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200, help="renders per timing (default 200)")
    args = parser.parse_args()
    requests = examples.load("synthetic-2021").requests
    ours = per_call(requests.to_html, args.repeat * 10)
    print(f"machine: {platform.machine()}, Python {platform.python_version()}")
    print(f"opengovreport table 3 → HTML: {ours * 1e3:8.3f} ms")
    theirs = _great_tables(max(1, args.repeat // 10))
    if theirs is None:
        print("great_tables: not installed (pip install 'opengovreport[bench]')")
    else:
        print(f"great_tables  table 3 → HTML: {theirs * 1e3:8.3f} ms")
        print(f"ratio great_tables/opengovreport: {theirs / ours:.0f}×  (goal ≥ 50×)")
    report = examples.load("synthetic-2021")
    report.to_docx()  # the template made once
    number = max(2, args.repeat // 20)
    docx_time = per_call(report.to_docx, number)
    naive = per_call(_naive_docx, max(1, number // 10))
    print(f"opengovreport report → Word: {docx_time * 1e3:8.1f} ms  (goal ≤ 50 ms)")
    print(
        f"python-docx's table API, the three tables alone: {naive * 1e3:8.1f} ms "
        f"({naive / docx_time:.0f}× the whole report)"
    )


if __name__ == "__main__":
    main()
