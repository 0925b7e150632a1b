"""Many reports: the corpus API, pandas frames, comparison, and workers."""

import gc
import pickle
import re
import shutil
from pathlib import Path

import attrs
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import opengovreport as ogr
from opengovreport import _workers, examples, testing

from .conftest import SEED, SHARED


def _series() -> list[ogr.Report]:
    a = examples.load("synthetic-2021")
    earlier = attrs.evolve(a, meta=attrs.evolve(a.meta, year=2022))
    return [a, earlier, examples.load("gaoqing-2020")]


def test_access() -> None:
    corpus = ogr.Corpus(_series())
    assert len(corpus) == 3
    assert corpus.agencies() == ["示例市人民政府", "高青县投资促进中心"]
    assert corpus.years() == [2020, 2022, 2023]
    assert corpus.years("示例市人民政府") == [2022, 2023]
    assert [r.meta.year for r in corpus.agency("示例市人民政府")] == [2022, 2023]
    assert corpus[("高青县投资促进中心", 2020)] == examples.load("gaoqing-2020")
    with pytest.raises(KeyError, match="no report of 某局 for 2020"):
        corpus[("某局", 2020)]
    assert repr(corpus) == "Corpus(3 reports, 2 agencies)"
    with pytest.raises(ValueError, match="two reports of 高青县投资促进中心 for 2020"):
        ogr.Corpus([examples.load("gaoqing-2020")] * 2)


def test_check_runs_cross_year_rules() -> None:
    result = ogr.Corpus(_series()).check(progress=False)
    assert {f.code for f in result} == {"T1", "T2"}  # 2022's carry-forward ≠ 2023's carry-over
    assert {f.years for f in result} == {(2022, 2023)}


@pytest.mark.slow
@settings(max_examples=10, deadline=None)
@given(st.lists(testing.report_series(), min_size=1, max_size=3))
def test_workers_give_the_same_result(series: list[list[ogr.Report]]) -> None:
    reports = [
        attrs.evolve(r, meta=attrs.evolve(r.meta, agency=f"局{i}"))
        for i, s in enumerate(series)
        for r in s
    ]
    broken = [reports[0].with_cell("requests.disclosed.total", 10**6), *reports[1:]]
    corpus = ogr.Corpus(broken)
    one = corpus.check(workers=1, progress=False)
    two = corpus.check(workers=2, progress=False)
    assert one == two
    assert not one.ok


def test_from_folder(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.json").write_text(examples.text("synthetic-2021"), encoding="utf-8")
    (tmp_path / "sub" / "b.html").write_text(
        examples.load("gaoqing-2020").to_html(standalone=True), encoding="utf-8"
    )
    (tmp_path / "bad.json").write_text("{}", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("没有报告。", encoding="utf-8")
    (tmp_path / "ignored.csv").write_text("a,b", encoding="utf-8")
    if SEED.exists():
        shutil.copy(SEED, tmp_path / "seed.txt")
    corpus = ogr.Corpus.from_folder(tmp_path, progress=False)
    assert len(corpus) == 2
    assert corpus[("示例市人民政府", 2023)] == examples.load("synthetic-2021")
    errors = {Path(e.source).name: e.error or "" for e in corpus.errors}
    assert sorted(errors) == (["b.html"] if SEED.exists() else []) + ["bad.json", "notes.txt"]
    assert errors["notes.txt"].startswith("no report found")
    assert errors["bad.json"].endswith("(and 7 more)")  # one line: the first and a count
    if SEED.exists():  # sub/b.html holds the same report as seed.txt, which is read first
        assert errors["b.html"] == (
            f"the same report as {tmp_path / 'seed.txt'} (the same agency, year and numbers): "
            "counted once"
        )
    two = ogr.Corpus.from_folder(tmp_path, workers=2, progress=False)
    assert two.entries == corpus.entries  # reports, diagnostics and errors, in order


def _never(item: object, reason: ogr.Reason) -> object:
    raise AssertionError(f"{item}: {reason}")


@pytest.mark.parametrize("workers", [2, 3])
def test_work_is_shared_in_order(workers: int) -> None:
    """This process takes a share of the chunks; the results come back in order."""
    items = list(range(-100, 100))
    assert _workers.run(abs, items, workers, failed=_never) == [abs(i) for i in items]
    assert _workers.run(abs, items[:1], workers, failed=_never) == [100]


def test_findings_pickle() -> None:
    report = examples.load("synthetic-2021").with_cell("requests.disclosed.total", 10**6)
    result = ogr.Corpus([report]).check(progress=False)
    assert result.findings
    assert pickle.loads(pickle.dumps(result.findings)) == result.findings


def test_from_folder_rejects_a_file() -> None:
    with pytest.raises(ValueError, match="not a folder"):
        ogr.Corpus.from_folder(__file__)


def test_corpus_texts(tmp_path: Path) -> None:
    shared = SHARED / "corpus"
    if not shared.exists():
        pytest.skip("corpus folder absent")
    # the corpus's top level and its PDF (crawled/ holds pages with truth files: tested apart)
    folder = tmp_path / "corpus"
    (folder / "pdf").mkdir(parents=True)
    for each in shared.iterdir():
        if each.is_file():
            (folder / each.name).symlink_to(each)
    for each in (shared / "pdf").iterdir():
        (folder / "pdf" / each.name).symlink_to(each)
    corpus = ogr.Corpus.from_folder(folder, progress=False)
    assert len(corpus) == 4
    # README.md is not a report; the PDF is the same report as its text (one per agency, year)
    assert [Path(e.source).name for e in corpus.errors] == [
        "README.md",
        "hongze-quzhengfu-2024.pdf",
    ]
    # the same numbers: a duplicate of the text, not a conflict
    assert corpus.errors[1].duplicate is not None
    assert corpus.errors[1].duplicate.kept == str(folder / "hongze-quzhengfu-2024.txt")
    assert not corpus.conflicts
    assert any(e.diagnostics for e in corpus.entries)  # the parser's guesses are kept
    files = corpus.files_frame()
    assert set(files["format"].dropna()) == {"markdown", "text", "pdf"}
    assert files.set_index("source").loc[str(folder / "README.md"), "status"] == "not_a_report"
    shallow = ogr.Corpus.from_folder(folder, recursive=False, progress=False)
    assert not any(e.source.endswith(".pdf") for e in shallow.entries)
    result = corpus.check(progress=False)
    # the tables hold; the narratives' figures agree where they speak of the tables: 洪泽区's
    # 17 are the district office's (its tables the district's 95), 平潭's 75 are 新收 74 +
    # 上年结转 1, its 698 and 88 documents are the cells its 8855698 reads as
    assert not result.filter(min_severity="inconsistency").filter(code=("I1", "I2", "I3", "I4"))
    assert not result.filter(code="T5", min_severity="warning")
    stated = sorted((f.agency, f.paths) for f in result.filter(code="T5"))
    assert stated == [
        ("淮安市洪泽区人民政府", ("requests.new_received.total", "requests.carried_over.total")),
    ]
    assert corpus.check(workers=2, progress=False) == result


def test_tidy_frame() -> None:
    frame = ogr.Corpus(_series()).to_frame()
    assert list(frame.columns) == [
        "agency",
        "year",
        "source",
        "edition",
        "table",
        "row",
        "column",
        "path",
        "row_label",
        "column_label",
        "value",
        "blank",
        "derived",
    ]
    assert {c: str(t) for c, t in frame.dtypes.items()} == {
        "agency": "category",
        "year": "int16",
        "source": "category",
        "edition": "category",
        "table": "int8",
        "row": "category",
        "column": "category",
        "path": "category",
        "row_label": "category",
        "column_label": "category",
        "value": "Float64",
        "blank": "bool",
        "derived": "bool",
    }
    assert len(frame) == 2 * (200 + 7) + 198
    empty = ogr.Corpus([]).to_frame()  # no report: no row, the same columns and dtypes
    assert len(empty) == 0
    assert empty.dtypes.astype(str).to_dict() == frame.dtypes.astype(str).to_dict()
    cell = frame[(frame.year == 2020) & (frame.path == "disclosure.item5.other_services.change")]
    assert cell.value.tolist() == [2.0]
    assert cell.row_label.tolist() == ["第二十条第（五）项 其他对外管理服务事项"]
    assert cell.column_label.tolist() == ["本年增/减"]
    # the 2021 （六） items also summed into the 2019 row
    summed = frame[(frame.year == 2023) & (frame.path == "requests.other_handling.total")]
    assert summed.value.tolist() == [39.0]
    assert summed.derived.tolist() == [True]
    series = frame[frame.path == "requests.other_handling.total"].sort_values("year")
    assert series.year.tolist() == [2020, 2022, 2023]


def test_blank_cells_in_the_frame() -> None:
    report = examples.load("synthetic-2021").with_cell("requests.disclosed.other_org", None)
    frame = ogr.Corpus([report]).to_frame()
    row = frame[frame.path == "requests.disclosed.other_org"]
    assert row.blank.tolist() == [True]
    assert row.value.isna().tolist() == [True]


def test_wide_frame_has_every_cell_of_both_editions() -> None:
    corpus = ogr.Corpus(_series())
    wide = corpus.to_wide()
    assert list(wide.columns[:6]) == ["agency", "year", "edition", "shape", "source", "status"]
    paths = {c.path for s in ogr.schema.shapes() for c in s.cells}
    assert paths <= set(wide.columns)
    assert "requests.other_handling.total" in wide.columns  # the 2021 items summed as well
    assert str(wide.dtypes["requests.new_received.total"]) == "Int64"
    assert str(wide.dtypes["disclosure.item8.fees.amount"]) == "Float64"
    assert [(r.agency, r.year) for r in wide.itertuples()] == sorted(corpus._index)
    row = wide[(wide.agency == "示例市人民政府") & (wide.year == 2023)].iloc[0]
    assert row["requests.new_received.total"] == 468
    assert row["requests.other_handling.total"] == 39  # 3 items summed
    assert row["requests.other_handling.overdue_fee.total"] == 2
    assert row["appeals.reconsideration.total"] == 15
    assert row["disclosure.item8.fees.amount"] == 4068.208
    assert pd.isna(row["disclosure.item9.procurement.amount"])  # a 2019 cell: missing
    seed = wide[wide.agency == "高青县投资促进中心"].iloc[0]
    assert seed["disclosure.item5.other_services.change"] == 2
    english = corpus.to_wide(lang="en")
    assert "3. Outcomes this year / (7) Total handled × Total" in english.columns
    chinese = corpus.to_wide(lang="zh")
    assert "三、本年度办理结果（七）总计 × 总计" in chinese.columns


def test_findings_frame() -> None:
    corpus = ogr.Corpus(_series())
    result = corpus.check(progress=False)
    frame = corpus.findings_frame(result)
    assert len(frame) == len(result)
    assert frame.equals(corpus.findings_frame())
    assert list(frame.columns) == [
        "agency",
        "year",
        "source",
        "code",
        "severity",
        "table",
        "path",
        "label",
        "printed",
        "computed",
        "difference",
        "message_zh",
        "message_en",
    ]
    assert str(frame.dtypes["severity"]) == "category"
    assert frame.iloc[0].printed == 18.0
    empty = corpus.findings_frame(ogr.CheckResult())
    assert len(empty) == 0
    assert isinstance(empty, pd.DataFrame)


def test_compare() -> None:
    earlier = examples.load("synthetic-2021")
    later = earlier.with_cell("requests.new_received.total", 500).with_cell(
        "requests.disclosed.other_org", None
    )
    changes = {c.path: c for c in ogr.compare(earlier, later)}
    total = changes["requests.new_received.total"]
    assert (total.before, total.after, total.change) == (468, 500, 32)
    assert total.ratio == pytest.approx(500 / 468)
    assert total.label == "一、本年新收政府信息公开申请数量 × 总计"
    assert changes["requests.disclosed.other_org"].change is None
    zero = changes["requests.withheld.state_secret.commercial_enterprise"]
    assert (zero.change, zero.ratio) == (0, None)
    # across shapes: the itemized （六） compares with a one-row （六）
    hybrid = attrs.evolve(
        earlier,
        requests=attrs.evolve(
            earlier.requests, other_handling=ogr.builders.request_row(30, 3, 0, 1, 0, 1)
        ),
    )
    row = {c.path: c for c in ogr.compare(earlier, hybrid)}["requests.other_handling.total"]
    assert (row.before, row.after) == (39, 35)
    assert ogr.Corpus(_series()).compare("示例市人民政府", 2022, 2023)[0].change == 0


def test_checking_on_workers_leaves_the_collector_as_it_was() -> None:
    """Checking on forked workers freezes the collector's objects and thaws them after; objects
    the caller froze stay frozen."""
    corpus = ogr.Corpus(_series())
    assert gc.get_freeze_count() == 0
    corpus.check(workers=2, progress=False)
    assert gc.get_freeze_count() == 0
    gc.freeze()
    try:
        corpus.check(workers=2, progress=False)
        assert gc.get_freeze_count() > 0  # not thawed (a frozen object may have been freed)
    finally:
        gc.unfreeze()


@pytest.mark.slow
def test_excel_workbook(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    corpus = ogr.Corpus(_series())
    path = tmp_path / "corpus.xlsx"
    corpus.to_excel(path, lang="en")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["reports", "indicators", "findings", "files"]
    reports = book["reports"]
    assert reports.freeze_panes == "C2"
    assert reports.max_row == len(corpus) + 1
    header = [c.value for c in reports[1]]
    assert header[:6] == ["agency", "year", "edition", "shape", "source", "status"]
    assert "3. Outcomes this year / (7) Total handled × Total" in header  # printed labels
    assert reports.column_dimensions["A"].width >= 10
    indicators = book["indicators"]
    head = [c.value for c in indicators[1]]
    assert head[4:7] == [
        "Disclosed rate",
        "Disclosed rate (numerator)",
        "Disclosed rate (denominator)",
    ]
    # a rate as a percentage, the counts it divides beside it
    rate, top, bottom = (indicators.cell(row=2, column=c) for c in (5, 6, 7))
    assert rate.number_format == "0.0%"
    assert (top.number_format, bottom.number_format) == ("0", "0")
    assert rate.value == pytest.approx(top.value / bottom.value)
    assert book["findings"].max_row == len(corpus.check(progress=False)) + 1
    assert book["files"].freeze_panes == "A2"
    # in Chinese (the default): the sheets and every header
    corpus.to_excel(path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["报告", "指标", "发现", "文件"]
    assert [c.value for c in book["报告"][1]][:6] == [
        "机关",
        "年度",
        "版本",
        "表式",
        "来源文件",
        "状态",
    ]
    assert "三、本年度办理结果（七）总计 × 总计" in [c.value for c in book["报告"][1]]
    assert [c.value for c in book["指标"][1]][4:7] == [
        "予以公开率",
        "予以公开率（分子）",
        "予以公开率（分母）",
    ]
    for sheet in book.worksheets:  # no header in English
        assert not any(re.search("[A-Za-z]{2,}", str(c.value)) for c in sheet[1]), sheet.title


def test_parquet_files(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    corpus = ogr.Corpus(_series())
    paths = corpus.to_parquet(tmp_path / "out")
    assert sorted(paths) == ["cells", "entries", "files", "findings", "indicators", "reports"]
    reports = pd.read_parquet(paths["reports"])
    assert len(reports) == len(corpus)
    assert str(reports["requests.new_received.total"].dtype) == "Int64"
    cells = pd.read_parquet(paths["cells"])
    assert len(cells) == len(corpus.to_frame())


def test_the_page_shows_rates_as_percentages_with_their_counts() -> None:
    """予以公开率 186 of 463 is 40.2% on the page, its counts beside it, sorted by its value
    (the page printed 0.402)."""
    report = examples.load("synthetic-2021")
    page = ogr.Corpus([report]).to_html()
    disclosed = report.indicators()["disclosed"]
    assert disclosed is not None
    assert f'data-sort="{disclosed!r}">40.2% <small>186/463</small></td>' in page
    assert ">0.402<" not in page
    english = ogr.Corpus([report]).to_html(lang="en")
    assert "<th>Disclosed rate percentile</th>" in english
