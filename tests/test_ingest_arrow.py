"""``ingest`` builds its parts and a bucket's datasets as Arrow arrays from their buffers, never
through ``pa.array`` (whose pandas shim imports pandas: 0.3 CPU s a worker): the arrays are
those ``pa.array`` and ``pa.Table.from_pylist`` make of the same values, and each dataset's
table is the one ``pa.Table.from_pandas`` makes of the corpus's pandas frame — columns, types,
values and the schema's ``pandas`` metadata — so the files written are the same bytes."""

import math
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import opengovreport as ogr
from opengovreport import _arrow, examples, ingest
from opengovreport._frames import (
    Frames,
    finding_row,
    findings_arrow,
    findings_table,
    frames_of,
    row_key,
)
from opengovreport.corpus import Entry, entry_of, entry_of_record, file_row, files_table
from opengovreport.reading import Limits, ReadStatus
from opengovreport.reading._open import cannot_open, over_limit

from .test_frames import small_corpora

pa = pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")
if int(pd.__version__.split(".")[0]) < 3:  # pragma: no cover - the layout of pandas 3
    pytest.skip("the datasets' Arrow layout is pandas 3's", allow_module_level=True)

ROOT = Path(__file__).resolve().parents[1]


def _same(built: Any, frame: Any) -> None:
    expected = pa.Table.from_pandas(frame, preserve_index=False)
    assert built.schema.metadata == expected.schema.metadata
    assert built.schema == expected.schema
    assert built.equals(expected, check_metadata=True)


def _check_frames(frames: Frames) -> None:
    _same(frames.wide_table(), frames.wide())
    _same(frames.indicators_table(), frames.indicators_frame())
    cells = frames.tidy()
    tables = frames.tidy_tables()
    assert list(tables) == sorted(int(y) for y in cells["year"].unique())
    for year, table in tables.items():
        _same(table, cells[cells["year"] == year].drop(columns="year"))
    sources = {(a, y): s for a, y, s in zip(frames.agency, frames.year, frames.source, strict=True)}
    rows = [
        finding_row(f, s)
        for own, s in zip(frames.findings or (), frames.source, strict=True)
        for f in own
    ]
    rows.extend(finding_row(f, sources[(f.agency, f.year)]) for f in frames.pair_findings())
    rows.sort(key=row_key)
    _same(findings_arrow(rows), findings_table(rows))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_corpora(), st.data())
def test_the_datasets_tables_are_from_pandas_of_the_frames(
    reports: list[ogr.Report], data: st.DataObject
) -> None:
    statuses = [s.value for s in ReadStatus]
    sources = [data.draw(st.sampled_from([None, f"报告/{i}.pdf"])) for i in range(len(reports))]
    status = [data.draw(st.sampled_from(statuses)) for _ in reports]
    _check_frames(frames_of(reports, sources, status))


def test_the_examples_and_no_report_at_all() -> None:
    reports = [examples.load(n) for n in examples.names()]
    _check_frames(frames_of(reports, [f"{i}.txt" for i in range(len(reports))]))
    _check_frames(Frames())  # a bucket of files without a report: its frames hold none
    _same(findings_arrow([]), findings_table([]))


def _files_frame(rows: list[dict[str, Any]]) -> Any:
    """The files dataset as ingest wrote it with pandas (before it built it as Arrow)."""
    entries = [entry_of_record(row, report=False) for row in rows]
    files = files_table(
        [file_row(e, r["agency"], r["year"]) for e, r in zip(entries, rows, strict=True)]
    )
    files.insert(1, "hash", pd.Series([r["hash"] for r in rows], dtype="string"))
    files["diagnostics"] = [len(e.diagnostics) for e in entries]
    return files


def _records(entries: list[Entry]) -> list[dict[str, Any]]:
    rows = []
    for i, e in enumerate(entries):
        row = ingest._record(e.source, f"{i:032x}", f"{i}:{i}", e)
        row["report"] = None if e.report is None else ingest._UNREAD
        rows.append(row)
    return rows


def test_the_files_dataset_is_from_pandas_of_its_frame(tmp_path: Path) -> None:
    texts = [examples.load(n).to_text() for n in examples.names()]
    entries = [
        entry_of(f"报告{i}.txt", ogr.read(t.encode("utf-8"), format="text"))
        for i, t in enumerate(texts)
    ]
    entries.append(entry_of("cut.txt", ogr.read(texts[0][:900].encode("utf-8"), format="text")))
    entries.append(entry_of("notes.txt", ogr.read("会议纪要：无。\n".encode(), format="text")))
    entries.append(Entry.failed("big.pdf", over_limit(Limits(bytes=10))))
    entries.append(Entry.failed("gone.pdf", cannot_open(FileNotFoundError(2, "No such file"))))
    rows = _records(entries)
    _same(ingest._files_table(rows), _files_frame(rows))
    _same(ingest._files_table(rows[-2:]), _files_frame(rows[-2:]))  # no quality, no year


values = st.one_of(
    st.lists(st.none() | st.integers(-(2**31), 2**31 - 1)).map(lambda v: ("int32", v)),
    st.lists(st.none() | st.integers(-(2**63), 2**63 - 1)).map(lambda v: ("int64", v)),
    st.lists(st.none() | st.integers(-128, 127)).map(lambda v: ("int8", v)),
    st.lists(st.none() | st.floats()).map(lambda v: ("float64", v)),
    st.lists(st.none() | st.text()).map(lambda v: ("string", v)),
    st.lists(st.none() | st.text()).map(lambda v: ("large_string", v)),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(values, min_size=1, max_size=4).filter(lambda c: len({len(v) for _k, v in c}) == 1))
def test_a_table_of_rows_is_from_pylist(columns: list[tuple[str, list[Any]]]) -> None:
    try:
        for _kind, column in columns:
            for v in column:
                if isinstance(v, str):
                    v.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: no Arrow string holds it
        return
    schema = pa.schema([(f"c{i}", getattr(pa, kind)()) for i, (kind, _v) in enumerate(columns)])
    rows = [{f"c{i}": v[r] for i, (_k, v) in enumerate(columns)} for r in range(len(columns[0][1]))]
    built = _arrow.table(schema, rows)
    built.validate(full=True)
    expected = pa.Table.from_pylist(rows, schema=schema)
    assert built.schema.equals(expected.schema, check_metadata=True)
    # (Table.equals holds NaN unequal to itself: each column compared value by value, NaN
    # equal to NaN and no null, each as it was given)
    for i, (_kind, column) in enumerate(columns):
        for back in (built.column(f"c{i}").to_pylist(), expected.column(f"c{i}").to_pylist()):
            assert all(_same_value(a, b) for a, b in zip(back, column, strict=True))


def _same_value(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is b
    if isinstance(a, float) and math.isnan(a):
        return isinstance(b, float) and math.isnan(b)
    return bool(a == b)


def test_a_worker_of_ingest_never_imports_pandas(tmp_path: Path) -> None:
    """A run on a cluster of threads in a process that has not imported pandas: the reading and
    the writing of buckets leave it unimported (pyarrow's shim would import it for any
    ``pa.array``, ``from_pylist`` or ``to_numpy``)."""
    folder = tmp_path / "files"
    folder.mkdir()
    for i, name in enumerate(examples.names()):
        text = examples.load(name).to_text()
        (folder / f"{i}.txt").write_text(text, encoding="utf-8")
        (folder / f"{i}-copy.txt").write_text(text, encoding="utf-8")  # two of an agency and year
        (folder / f"{i}-cut.txt").write_text(text[:700], encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    script = textwrap.dedent(
        f"""
        import sys
        import distributed
        from opengovreport import ingest

        def main():
            with distributed.LocalCluster(
                n_workers=1, threads_per_worker=1, processes=False, dashboard_address=":0"
            ) as cluster, distributed.Client(cluster) as client:
                assert "pandas" not in sys.modules
                done = ingest.ingest({str(folder)!r}, {str(tmp_path / "out")!r}, client=client,
                                     buckets=2, partition_size=3, progress=False)
                assert done.reports > 0 and done.without_report > 0, done
                print("pandas" in sys.modules)

        if __name__ == "__main__":
            main()
        """
    )
    (tmp_path / "run.py").write_text(script, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    out = subprocess.run(
        [sys.executable, str(tmp_path / "run.py")],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "False"
