"""Why a file holds no report, or what a partial one lacks: every reason a code of the
catalogue with its fields, said in Chinese or English from the catalogue's templates."""

import io
import pickle
import re
import string
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import opengovreport as ogr
from opengovreport import examples
from opengovreport._messages import MESSAGES
from opengovreport.corpus import Entry, ExcelTextWarning, entry_of, entry_of_record, entry_record
from opengovreport.reading import Reason, reason_codes
from opengovreport.schema import Label

from . import pdfs
from .conftest import run_cli
from .exports import tab_text

#: what a Chinese reason may hold in Latin letters besides quoted data: names of formats,
#: programs and settings, and the commands it gives
_NAMES = re.compile(
    r"pip install 'opengovreport\[\w+\]'|soffice --headless --convert-to docx FILE"
    r"|Limits\.\w+|sys\.executable|word/document\.xml|UTF-8|GB18030|LibreOffice|Python"
    r"|opengovreport\.\w+"
    r"|(?<![A-Za-z])(?:PDF|Word|ZIP|RTF|JSON|Dask|MB|SIG[A-Z]+|pdftotext|pdfplumber|rtf|doc|docx"
    r"|pdf|ocr)(?![A-Za-z])"
)
_QUOTED = re.compile(r"“[^”]*”")


def latin_words(zh: str) -> list[str]:
    """The Latin letters a Chinese text holds outside quoted data and the names it may give."""
    return re.findall(r"[A-Za-z]+", _NAMES.sub("", _QUOTED.sub("", zh)))


def _fields(template: str) -> set[str]:
    return {name for _t, name, _f, _c in string.Formatter().parse(template) if name}


#: a value for each field a template names: counts and limits as numbers, words in each
#: language, another reason, and what a file or program said (quoted data)
_SAMPLES: dict[str, Any] = {
    "n": 3,
    "size": 70,
    "limit": 1000,
    "cells": 60_000,
    "pages": 2,
    "more": 4,
    "number": 5,
    "seconds": "1.5",
    "asked": "2",
    "code": "-11",
    "how": "SIGSEGV",
    "tool": "pdftotext",
    "extra": "pdf",
    "what": Label("读取 PDF 文件", "reading PDF"),
    "table": Label("表四", "table 4"),
    "why": Reason.of("empty"),
    "heading": "五、存在的主要问题及改进情况",
    "first": "一、总体情况",
    "last": "六、其他需要报告的事项",
}


def _sample(name: str, data: str) -> Any:
    return _SAMPLES.get(name, data)


@pytest.mark.parametrize("code", reason_codes())
def test_every_reason_code_has_both_templates_naming_the_same_fields(code: str) -> None:
    zh, en = MESSAGES[f"reason.{code}"]
    assert zh
    assert en
    assert _fields(zh) == _fields(en) - {"s"}, code
    filled = Reason.of(code, **{f: _sample(f, "x") for f in _fields(en) - {"s"}})
    for lang in ("zh", "en"):
        said = filled.text(lang)
        assert not re.search("[{}]", said), said
    assert not latin_words(filled.text("zh")), filled.text("zh")
    assert re.search(r"[\u4e00-\u9fff]", filled.text("zh"))
    english = filled.text("en").replace("2023年", "")  # a year as printed, for example
    for value in _SAMPLES.values():
        english = english.replace(str(value), "")
    assert not re.search(r"[\u4e00-\u9fff]", english), english


@given(st.sampled_from(reason_codes()), st.text(min_size=1, max_size=30))
def test_every_template_is_filled_and_quotes_data_as_it_is(code: str, data: str) -> None:
    """Whatever a file or program said (braces, quotes, control characters), the reason says it
    on one line as it is, in both languages, and reads back from its plain form."""
    names = _fields(MESSAGES[f"reason.{code}"][1]) - {"s"}
    reason = Reason.of(code, **{f: _sample(f, data) for f in names})
    shown = " ".join(data.split())
    for lang in ("zh", "en"):
        said = reason.text(lang)
        if any(_sample(f, data) is data for f in names):
            assert shown in said
        template = MESSAGES[f"reason.{code}"][0 if lang == "zh" else 1]
        rest = said.replace(shown, "") if shown else said
        assert rest.count("{") <= template.count("{{"), said
    assert Reason.from_dict(reason.to_dict()) == reason


def test_an_unknown_code_is_refused() -> None:
    with pytest.raises(ogr.NotFoundError, match="no reason 'no-such-reason'; known: cells-guessed"):
        Reason.of("no-such-reason")


# --- every reason the reader gives, from a file made to give it ----------------------------


def _zip(names: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in names.items():
            z.writestr(name, data)
    return out.getvalue()


def _encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdfs.pages(1))))
    writer.encrypt(user_password="user", owner_password="owner", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _text(report: ogr.Report) -> str:
    return report.to_text()


def _partial_missing() -> bytes:
    text = _text(examples.load("synthetic-2021"))
    start, end = text.index("四、政府信息公开行政复议"), text.index("五、存在的主要问题")
    return (text[:start] + text[end:]).encode()


def _partial_section() -> bytes:
    text = _text(examples.load("synthetic-2021"))
    start, end = text.index("五、存在的主要问题"), text.index("六、其他需要报告的事项")
    return (text[:start] + text[end:]).encode()


def _dropped_row() -> bytes:
    text = tab_text(examples.load("synthetic-2021"))
    lines = text.split("\n")
    at = next(i for i, ln in enumerate(lines) if ln.startswith("二、上年结转政府信息公开申请数量"))
    lines.insert(at + 1, "\t".join(["其中：来信申请", "1", "2", "3", "4", "5", "6", "21"]))
    return "\n".join(lines).encode()


def _second_report() -> bytes:
    first, second = examples.load("synthetic-2021"), examples.load("gaoqing-2020")
    return (_text(first) + "\n\n" + _text(second)).encode()


def _guessed_and_missing() -> bytes:
    """Two rows of table 3 with only some of their numbers printed: some cells guessed, some
    missing."""
    lines = tab_text(examples.load("synthetic-2021")).split("\n")
    new = next(i for i, ln in enumerate(lines) if ln.startswith("一、本年新收"))
    disclosed = next(i for i, ln in enumerate(lines) if "（一）予以公开" in ln)
    lines[new] = lines[new].split("\t")[0] + "\t412\t37\t3"
    lines[disclosed] = lines[disclosed].split("\t")[0] + "\t1\t2"
    return "\n".join(lines).encode()


def _one_json_problem() -> bytes:
    import json

    data = json.loads(ogr.dumps(examples.load("synthetic-2021")))
    data["meta"]["year"] = "x"
    return json.dumps(data).encode()


def _notice() -> bytes:
    return "关于做好2023年政府信息公开工作年度报告编制工作的通知\n一、总体情况\n".encode()


def _comparison() -> bytes:
    return "2022年与2023年政府信息公开工作年度报告对比\n一、总体情况\n".encode()


def _no_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    from opengovreport.reading import _ocr

    monkeypatch.setattr(_ocr, "available", lambda: False)


def _no_docx_module(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "docx", None)


def _raising(name: str, exc: BaseException) -> Callable[[pytest.MonkeyPatch], None]:
    """A step of the reader made to raise ``exc`` (what no small file makes it do)."""

    def patch(monkeypatch: pytest.MonkeyPatch) -> None:
        from opengovreport.reading import _files, _parse

        def fail(*_a: object, **_k: object) -> None:
            raise exc

        module = _parse if name == "build" else _files
        monkeypatch.setattr(module, name, fail)

    return patch


#: (the code, what to read — bytes or a name under tmp_path to make —, Limits, a patch)
_CASES: list[tuple[str, Any, dict[str, Any], Any]] = [
    ("encoding", b"\x80\x81\xff\xfe" * 200, {}, None),
    ("empty", b"", {}, None),
    ("no-sections", "这是一段普通的文字。\n没有任何表格。".encode(), {}, None),
    ("no-year", "某局政府信息公开工作年度报告\n一、总体情况\n无。".encode(), {}, None),
    ("notice", _notice(), {}, None),
    ("comparison", _comparison(), {}, None),
    ("doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), {}, None),
    ("rtf", b"{\\rtf1\\ansi x}", {}, None),
    ("zip", _zip({"xl/workbook.xml": b"<workbook/>"}), {}, None),
    ("docx-no-body", _zip({"[Content_Types].xml": b"<Types/>"}), {}, None),
    ("docx-broken", b"PK\x03\x04 word/ broken", {}, None),
    ("json", _one_json_problem(), {}, None),
    ("json-more", b'{"meta": 1, "x": 2, "open": 3}', {}, None),
    ("html-cells", b"<table>" + b"<tr><td>1</td></tr>" * 30 + b"</table>", {"cells": 10}, None),
    ("over-limit", b"x" * 3000, {"bytes": 2000}, None),
    ("pdf-broken", b"%PDF-1.4 garbage", {}, None),
    ("no-text-layer", pdfs.pages(2), {}, None),
    ("pdf-pages", pdfs.pages(3), {"pages": 2}, None),
    ("pdf-encrypted", _encrypted_pdf(), {}, None),
    ("needs-ocr", pdfs.scan(), {}, _no_ocr),
    ("table-missing", _partial_missing(), {}, None),
    ("section-missing", _partial_section(), {}, None),
    ("rows-dropped", _dropped_row(), {}, None),
    ("second-report", _second_report(), {}, None),
    ("not-a-file", "folder", {}, None),
    ("cannot-open", "missing.pdf", {}, None),
    ("too-large", "large.txt", {"bytes": 2**20}, None),
    ("time-budget", "slow.txt", {"seconds": 0}, None),
    ("too-deep", b"plain text", {}, _raising("_read_text", RecursionError())),
    ("damaged", b"plain text", {}, _raising("_read_text", ValueError("broken <b>"))),
    ("build-failed", b"plain text", {}, _raising("build", KeyError("x"))),
]


def _docx_cases() -> list[tuple[str, Any, dict[str, Any], Any]]:
    word = examples.load("synthetic-2021").to_docx()
    return [
        ("docx-inflated", word, {"inflated": 1000}, None),
        ("docx-cells", word, {"cells": 10}, None),
        ("extra", word, {}, _no_docx_module),
    ]


def _made(what: Any, tmp_path: Path) -> Any:
    if isinstance(what, bytes):
        return what
    path = tmp_path / what
    if what == "folder":
        path.mkdir()
    elif what == "large.txt":
        path.write_bytes(b"x" * (3 * 2**20))
    elif what == "slow.txt":
        path.write_text("x")
    return path


@pytest.mark.parametrize(("code", "what", "limits", "patch"), _CASES + _docx_cases())
def test_every_reason_the_reader_gives_is_said_in_chinese(
    code: str,
    what: Any,
    limits: dict[str, Any],
    patch: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if patch is not None:
        patch(monkeypatch)
    result = ogr.read(_made(what, tmp_path), limits=ogr.Limits(**limits))
    assert code in [r.code for r in result.reasons], (result.status, result.reasons)
    zh, en = result.reason_in("zh"), result.reason_in("en")
    assert zh
    assert en
    assert en == result.reason
    assert not latin_words(zh), zh
    assert re.search(r"[\u4e00-\u9fff]", zh), zh
    # the entry of a corpus keeps them: the same in either language, after its record
    entry = entry_of("x", result)
    back = entry_of_record(entry_record(entry), report=False)
    for lang in ("zh", "en"):
        assert back.reason_in(lang) == entry.reason_in(lang)
    if result.found is None:
        assert entry.problem("zh") == zh
        assert entry.problem("en") == en == entry.error


#: a call given what is not a report's source (not a file, not text, an unknown format)
_WRONG_ARGUMENTS: list[tuple[str, Callable[[], object]]] = [
    ("not-text", lambda: ogr.parse(b"report")),  # type: ignore[arg-type]
    ("unknown-format", lambda: ogr.parse("report", format="pdf")),  # type: ignore[arg-type]
    ("not-a-source", lambda: ogr.read(1.5)),  # type: ignore[arg-type]
    ("unknown-format", lambda: ogr.read(b"report", format="xls")),  # type: ignore[arg-type]
]


@pytest.mark.parametrize(
    ("code", "call"), _WRONG_ARGUMENTS, ids=["parse-bytes", "parse-pdf", "read-float", "read-xls"]
)
def test_a_wrong_argument_is_a_reason_of_its_own(code: str, call: Callable[[], object]) -> None:
    """The ParseError of a call given what is not a source has its own code, said in either
    language (it was ``damaged`` with the English sentence quoted in Chinese)."""
    from opengovreport.reading._result import failed_reason

    with pytest.raises(ogr.ParseError) as raised:
        call()
    reason = raised.value.reason
    assert reason is not None
    assert reason.code == code
    assert failed_reason(raised.value) == reason
    assert str(raised.value) == reason.text("en")
    zh = reason.text("zh")
    assert not latin_words(zh), zh
    assert re.search(r"[\u4e00-\u9fff]", zh), zh


def test_a_file_read_in_an_unknown_format_says_so_in_chinese(tmp_path: Path) -> None:
    from opengovreport.corpus import _read_file

    path = tmp_path / "report.txt"
    path.write_text("report", encoding="utf-8")
    entry = _read_file(str(path), format="xls")
    assert [r.code for r in entry.reasons] == ["unknown-format"]
    assert (
        entry.problem("zh")
        == "未知的格式“xls”，可用的格式为“auto, pdf, docx, html, markdown, text, json, image”"
    )


def test_the_size_limit_is_said_in_bytes_whatever_it_is(tmp_path: Path) -> None:
    """Under a megabyte too (it said "more than 0 MB"), by one code wherever it is met."""
    over = ogr.read(b"x" * 3000, limits=ogr.Limits(bytes=2000))
    assert over.reason == "larger than the limit of 2,000 bytes (Limits.bytes)"
    assert over.reason_in("zh") == "大于上限 2,000 字节（Limits.bytes）"
    path = tmp_path / "large.txt"
    path.write_bytes(b"x" * 3000)
    large = ogr.read(path, limits=ogr.Limits(bytes=2000))
    assert large.reason == "3,000 bytes; the limit is 2,000 bytes (Limits.bytes)"
    assert large.reason_in("zh") == "文件 3,000 字节，超过上限 2,000 字节（Limits.bytes）"


def test_a_word_documents_inflated_size_is_said_in_bytes() -> None:
    """Under a megabyte too: it said "its parts inflate to 0 MB; the limit is 0 MB"."""
    pytest.importorskip("docx")
    word = examples.load("synthetic-2021").to_docx()
    result = ogr.read(word, limits=ogr.Limits(inflated=1000))
    (reason,) = [r for r in result.reasons if r.code == "docx-inflated"]
    size = dict(reason.fields)["size"]
    assert isinstance(size, int)
    assert size > 1000
    assert (
        result.reason
        == f"its parts inflate to {size:,} bytes; the limit is 1,000 bytes (Limits.inflated)"
    )
    assert result.reason_in("zh") == (
        f"Word 文档各部分解压后共 {size:,} 字节，超过上限 1,000 字节（Limits.inflated）"
    )


def test_ingest_says_a_stored_file_over_the_limit_as_read_does() -> None:
    """A file of a store (fsspec) over ``Limits.bytes`` has the reader's reason, not one of its
    own (``over-bytes``), and one it cannot open the reader's ``cannot-open``."""
    fsspec = pytest.importorskip("fsspec")
    from opengovreport import ingest

    with fsspec.open("memory://limits/big.txt", "wb") as file:
        file.write(b"x" * 3000)
    limits = ogr.Limits(bytes=2000)
    _digest, entry = ingest._read_one("memory://limits/big.txt", limits, "auto")
    assert entry.reasons == ogr.read(b"x" * 3000, limits=limits).reasons
    _digest, gone = ingest._read_one("memory://limits/gone.txt", limits, "auto")
    assert [r.code for r in gone.reasons] == ["cannot-open"]
    assert "reason.over-bytes" not in MESSAGES


def test_the_reasons_of_a_partial_crawled_page() -> None:
    result = ogr.read(_guessed_and_missing())
    assert result.status is ogr.ReadStatus.PARTIAL
    guessed, missing = result.reasons
    assert (guessed.code, missing.code) == ("cells-guessed", "cells-missing")
    n, m = guessed.field("n"), missing.field("n")
    assert result.reason == f"{n} cells guessed; {m} cells missing"
    assert result.reason_in("zh") == f"{n} 个单元格为推测；缺少 {m} 个单元格"
    assert (n, m) == (result.cells_guessed, result.cells_missing)


def test_a_count_of_one_is_singular_in_english() -> None:
    assert Reason.of("cells-missing", n=1).text("en") == "1 cell missing"
    assert Reason.of("cells-missing", n=3).text("en") == "3 cells missing"
    assert Reason.of("cells-missing", n=1).text("zh") == "缺少 1 个单元格"


def test_a_scan_that_holds_no_report_says_why_within_its_reason() -> None:
    inner = Reason.of("no-sections", first="一、总体情况", last="六、其他需要报告的事项")
    scan = Reason.of("ocr-scan", pages=2, why=inner)
    assert scan.text("zh") == "2 页的扫描件，经文字识别读取：" + inner.text("zh")
    assert Reason.from_dict(scan.to_dict()) == scan


# --- the command line, the corpus page, the workbook ---------------------------------------


def test_check_in_chinese_names_why_a_file_is_unreadable(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(b"\x80\x81\xff\xfe" * 200)
    old = tmp_path / "old.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    empty = tmp_path / "empty"
    empty.mkdir()
    run = run_cli("check", str(garbage), str(old), str(empty), "--lang", "zh")
    lines = run.stderr.splitlines()
    assert f"opengovreport: {garbage}: 既不是 UTF-8 也不是 GB18030 编码的文本" in lines
    assert any(ln.startswith(f"opengovreport: {old}: 旧版二进制 Word 文档（.doc）") for ln in lines)
    assert f"opengovreport: {empty}: 文件夹中没有报告文件" in lines
    english = run_cli("check", str(garbage), "--lang", "en")
    assert f"opengovreport: {garbage}: neither UTF-8 nor GB18030 text" in english.stderr


def test_check_json_keeps_codes_and_english(tmp_path: Path) -> None:
    import json

    garbage = tmp_path / "garbage.txt"
    garbage.write_bytes(b"\x80\x81\xff\xfe" * 200)
    partial = tmp_path / "partial.txt"
    partial.write_bytes(_partial_missing())
    run = run_cli("check", str(garbage), str(partial), "--json", "--lang", "zh")
    files = {Path(f["source"]).name: f for f in json.loads(run.stdout)["files"]}
    assert files["garbage.txt"]["error"] == "neither UTF-8 nor GB18030 text"
    assert files["garbage.txt"]["reasons"] == [{"code": "encoding", "fields": {}}]
    assert files["partial.txt"]["reason"] == "table 4 not found"
    assert files["partial.txt"]["reasons"] == [
        {"code": "table-missing", "fields": {"table": {"zh": "表四", "en": "table 4"}}}
    ]


_HOSTILE = '<img src=x onerror="alert(1)">\x1b[31m=HYPERLINK("http://x","y")'


def _corpus_with_hostile_reasons() -> ogr.Corpus:
    report = examples.load("gaoqing-2020")  # another agency than the partial one's
    hostile = Entry.failed("bad.pdf", Reason.of("pdf-broken", error=_HOSTILE))
    partial = entry_of("partial.txt", ogr.read(_partial_missing()))
    return ogr.Corpus(entries=[Entry("good.json", report), hostile, partial])


def test_the_files_frame_and_workbook_say_reasons_in_the_run_language(tmp_path: Path) -> None:
    import openpyxl

    corpus = _corpus_with_hostile_reasons()
    zh = corpus.files_frame(lang="zh").set_index("source")["reason"]
    assert zh["partial.txt"] == "未找到表四"
    assert str(zh["bad.pdf"]).startswith("不是可读取的 PDF（“")
    en = corpus.files_frame().set_index("source")["reason"]
    assert en["partial.txt"] == "table 4 not found"
    path = tmp_path / "c.xlsx"
    with pytest.warns(ExcelTextWarning):  # the ESC, written as its escape
        corpus.to_excel(path, lang="zh")
    sheet = openpyxl.load_workbook(path)["文件"]
    header = [c.value for c in sheet[1]]
    column = header.index("原因") + 1
    cells = {sheet.cell(r, 1).value: sheet.cell(r, column) for r in range(2, sheet.max_row + 1)}
    assert cells["partial.txt"].value == "未找到表四"
    bad = cells["bad.pdf"]
    assert bad.data_type == "s"
    assert "\x1b" not in bad.value
    assert "\\x1b" in bad.value
    assert '=HYPERLINK("http://x","y")' in bad.value


def test_the_summary_page_says_reasons_in_its_language_and_escapes_them() -> None:
    corpus = _corpus_with_hostile_reasons()
    page = corpus.to_html(lang="zh")
    assert "不是可读取的 PDF" in page
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
    assert "not a readable PDF" not in page
    assert "not a readable PDF" in corpus.to_html(lang="en")
    # a partial report's status says what it lacks, on hover
    assert '<td title="未找到表四">部分读取</td>' in page
    assert '<td title="table 4 not found">partial</td>' in corpus.to_html(lang="en")


@pytest.mark.parametrize("old_first", [True, False])
def test_records_written_before_reasons_read_beside_new_ones(
    tmp_path: Path, old_first: bool
) -> None:
    """A dataset a run of an older version wrote in part (no ``reasons`` column): its records
    read as entries without reasons, the newer ones keep theirs, whichever file comes first."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from opengovreport.corpus import ENTRY_FIELDS

    folder = tmp_path / "reports"
    folder.mkdir()
    why = Reason.of("pdf-broken", error="Data format error")
    names = ("a", "b") if old_first else ("b", "a")
    for name, keep in zip(names, (False, True), strict=True):
        record = entry_record(Entry.failed(f"{keep}.pdf", why))
        fields = [(n, getattr(pa, k)()) for n, k in ENTRY_FIELDS if keep or n != "reasons"]
        if not keep:
            del record["reasons"]
        pq.write_table(
            pa.Table.from_pylist([record], pa.schema(fields)), folder / f"{name}.parquet"
        )
    entries = {e.source: e for e in ogr.Corpus.from_parquet(tmp_path).entries}
    assert entries["True.pdf"].reasons == (why,)
    assert entries["True.pdf"].problem("zh") == "不是可读取的 PDF（“Data format error”）"
    assert entries["False.pdf"].reasons == ()
    assert entries["False.pdf"].problem("zh") == "无法读取"
    assert entries["False.pdf"].problem("en") == why.text("en")


def test_the_parse_error_of_a_result_without_a_report_keeps_every_reason_as_data() -> None:
    """``ParseResult.report`` raises a ParseError whose reasons are the result's, each said in
    either language from the catalogue — not an English sentence with no code — and, where
    the result gives none, a reason of its own."""
    both = (Reason.of("no-year"), Reason.of("second-report"))
    result = ogr.ParseResult(found=None, status=ogr.ReadStatus.NOT_A_REPORT, reasons=both)
    with pytest.raises(ogr.ParseError) as raised:
        _ = result.report
    assert raised.value.reasons == both
    assert raised.value.reason == both[0]
    assert str(raised.value) == result.reason
    assert raised.value.status is ogr.ReadStatus.NOT_A_REPORT
    again = pickle.loads(pickle.dumps(raised.value))  # as a worker process sends it
    assert (again.reasons, str(again), again.status) == (both, result.reason, result.status)
    bare = ogr.ParseResult(found=None, status=ogr.ReadStatus.UNREADABLE)
    with pytest.raises(ogr.ParseError) as raised:
        _ = bare.report
    assert [r.code for r in raised.value.reasons] == ["no-report"]
    assert raised.value.reasons[0].text("zh") == "没有找到报告"
    assert raised.value.status is ogr.ReadStatus.UNREADABLE
