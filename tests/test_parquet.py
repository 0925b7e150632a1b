"""Corpus.to_parquet and Corpus.from_parquet round-trip a corpus: its entries (reports,
sources, statuses, diagnostics, files without a report) come back equal."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import opengovreport as ogr
from opengovreport.corpus import Entry
from opengovreport.reading import Diagnostic, ReadStatus, Reason
from opengovreport.schema import Label
from opengovreport.testing import reports

pytest.importorskip("pyarrow")
pytest.importorskip("pandas")

_NOTES = st.sampled_from(
    [
        (),
        (Diagnostic.of("page-lines", line=1, text="标题: 某某", count=1),),
        (Diagnostic.of("row-missing", table=3, cells=("requests.new_received.total",)),),
    ]
)


#: reasons of every kind of field: none, a count, words in each language, what a file said, and
#: a reason within a reason
_REASONS = st.lists(
    st.one_of(
        st.builds(lambda n: Reason.of("cells-guessed", n=n), st.integers(0, 500)),
        st.builds(lambda: Reason.of("table-missing", table=Label("表四", "table 4"))),
        st.builds(lambda t: Reason.of("pdf-broken", error=t), st.text(max_size=20)),
        st.builds(lambda: Reason.of("ocr-scan", pages=2, why=Reason.of("empty"))),
    ),
    max_size=2,
).map(tuple)


@st.composite
def entries(draw: st.DrawFn) -> Entry:
    """An entry as read() leaves it: a report (read ok or partial), or none (unreadable)."""
    k = draw(st.integers(0, 10_000))
    if draw(st.booleans()):
        return Entry(
            f"a/{k}.pdf",
            draw(reports()),
            draw(_NOTES),
            status=draw(st.sampled_from([ReadStatus.OK, ReadStatus.PARTIAL])),
            format="pdf",
            reader="pypdfium2",
            quality=draw(st.floats(0, 1)),
            reason=draw(st.none() | st.text(max_size=20)),
            reasons=draw(_REASONS),
        )
    return Entry(
        f"b/{k}.doc",
        None,
        error=draw(st.text(min_size=1, max_size=30)),
        status=ReadStatus.UNREADABLE,
        reasons=draw(_REASONS),
    )


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(entries(), max_size=4, unique_by=lambda e: e.source))
def test_a_corpus_round_trips_through_parquet(
    tmp_path_factory: pytest.TempPathFactory, listed: list[Entry]
) -> None:
    corpus = ogr.Corpus(entries=listed)
    folder = tmp_path_factory.mktemp("parquet")
    paths = corpus.to_parquet(folder)
    assert paths["entries"] == folder / "entries.parquet"
    back = ogr.Corpus.from_parquet(folder)
    assert sorted(back.entries, key=lambda e: e.source) == sorted(
        corpus.entries, key=lambda e: e.source
    )
    assert len(back) == len(corpus)


def test_some_agencies_and_years_of_a_written_corpus(tmp_path: Path) -> None:
    gaoqing = ogr.examples.load("gaoqing-2020")
    synthetic = ogr.examples.load("synthetic-2021")
    ogr.Corpus([gaoqing, synthetic]).to_parquet(tmp_path)
    chosen = ogr.Corpus.from_parquet(tmp_path, agencies=[gaoqing.meta.agency])
    assert [e.report for e in chosen.entries] == [gaoqing]
    by_year = ogr.Corpus.from_parquet(tmp_path, years=[synthetic.meta.year])
    assert [e.report for e in by_year.entries] == [synthetic]


def test_a_folder_of_neither_is_named(tmp_path: Path) -> None:
    with pytest.raises(ogr.InputError, match=r"entries\.parquet"):
        ogr.Corpus.from_parquet(tmp_path)
