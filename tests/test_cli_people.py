"""The command line as people read it and as folders of files meet it (#16): findings one to a
line fitted to the terminal, blank columns said once, --lang everywhere, folders, exit
statuses, machine formats, parse and render of many files, the corpus page."""

import csv
import io
import json
import os
import re
import zipfile
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from wcwidth import wcswidth

import opengovreport as ogr
from opengovreport import __version__, examples
from opengovreport._console import Line, blank_groups
from opengovreport.checks import Severity
from opengovreport.rendering.text import truncate, wrap

from .conftest import ROOT, run_cli

GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("OGR_UPDATE_GOLDEN") == "1"
SHUYANG = "shuyang-fagaiju-2023.txt"
ENGLISH_SEVERITIES = re.compile(r"\b(error|inconsistenc(y|ies)|warnings?|not assessable|info)\b")
CHINESE_SEVERITIES = ("错误", "不一致", "警告", "提示", "无法核对")


def widest(text: str) -> int:
    return max((wcswidth(line) for line in text.splitlines()), default=0)


def test_a_report_with_blank_columns_is_a_few_short_lines() -> None:
    """沭阳 left five applicant columns blank: 35 identities not assessable. Once 38 lines of
    up to 2,737 characters; now its blank columns on one line and the summary."""
    path = str(examples.path(SHUYANG))
    for lang in ("zh", "en"):
        result = run_cli("check", path, "--width", "120", "--lang", lang)
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        assert 2 <= len(lines) <= 5, result.stdout
        assert widest(result.stdout) <= 120, result.stdout
        assert result.stderr == ""
    zh = run_cli("check", path, "--width", "200").stdout.splitlines()
    assert zh[0].endswith("I1,I2,I3 无法核对  表三 商业企业 … 其他 5 列空白 （35 条）")
    assert zh[-1] == "1 个文件，没有发现；无法核对 35 项未列出（--show-all 列出）"
    en = run_cli("check", path, "--width", "200", "--lang", "en").stdout.splitlines()
    assert en[0].endswith(
        "I1,I2,I3 not assessable  table 3, columns Commercial enterprises … Other "
        "organisations (5) blank (35 identities)"
    )
    assert en[-1] == "1 file, no findings; 35 not assessable hidden (--show-all)"


def test_show_all_lists_what_is_hidden() -> None:
    path = str(examples.path("pingtan-zongheshiyanqu-2022.crawled.txt"))
    hidden = run_cli("check", path, "--lang", "en").stdout
    shown = run_cli("check", path, "--lang", "en", "--show-all").stdout
    assert "rebuilt info" not in hidden
    assert "rebuilt info" in shown
    assert "notes" in shown.splitlines()[-1]
    assert "hidden" not in shown
    blanks = str(examples.path("shuyang-fagaiju-2023.txt"))  # five columns left blank
    assert "35 not assessable hidden" in run_cli("check", blanks, "--lang", "en").stdout
    listed = run_cli("check", blanks, "--lang", "en", "--show-all").stdout
    assert "35 not assessable" in listed.splitlines()[-1]
    assert "hidden" not in listed


def _folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``reports``, in the working folder: good reports (JSON, text, a Word document in a
    subfolder, one with a wrong total), a non-report and a broken PDF."""
    monkeypatch.chdir(tmp_path)
    folder = Path("reports")
    (folder / "sub").mkdir(parents=True)
    (folder / "gaoqing.json").write_text(examples.text("gaoqing-2020"), encoding="utf-8")
    synthetic = examples.load("synthetic-2021")
    (folder / "sub" / "synthetic.docx").write_bytes(synthetic.to_docx())
    wrong = synthetic.with_cell("requests.disclosed.total", 1)
    title = f"另一个局{wrong.meta.year}年政府信息公开工作年度报告"
    meta = attrs.evolve(wrong.meta, agency="另一个局", title=title)
    wrong = attrs.evolve(wrong, meta=meta)
    (folder / "wrong.txt").write_text(wrong.to_text(), encoding="utf-8")
    (folder / "README.md").write_text("# 说明\n\n这个文件夹里是报告。\n", encoding="utf-8")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <</Type /Catalog")
    (folder / "notes.csv").write_text("not read: not a kind of report file\n", encoding="utf-8")
    return folder


@pytest.mark.slow
def test_a_folder_checks_every_good_file_and_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path, monkeypatch)
    result = run_cli("check", str(folder), "--width", "100", "--lang", "en")
    assert result.returncode == 2  # a file could not be read
    errors = result.stderr.splitlines()
    assert len(errors) == 2, result.stderr  # one line each, no traceback
    assert errors[0].startswith(f"opengovreport: {folder / 'README.md'}: no report found")
    assert errors[1].startswith(f"opengovreport: {folder / 'broken.pdf'}: ")
    lines = result.stdout.splitlines()
    wrong = [line for line in lines if line.startswith(f"{folder / 'wrong.txt'}: ")]
    assert [line.split()[1] for line in wrong] == ["I2", "I3"]
    # too wide for one line: the location whole, the rest below it, nothing cut
    at = lines.index("reports/wrong.txt: I3 inconsistency")
    assert lines[at + 1] == (
        "    3. Outcomes this year / (1) Disclosed × Total: Applicants add up (printed 1, "
        "computed 186)"
    )
    wide = run_cli("check", str(folder), "--width", "200", "--lang", "en").stdout
    assert (
        "reports/wrong.txt: I3 inconsistency  3. Outcomes this year / (1) Disclosed × Total: "
        "Applicants add up (printed 1, computed 186)"
    ) in wide.splitlines()
    assert lines[-1] == "5 files, 2 unreadable, 1 with findings: 2 inconsistencies"
    assert widest(result.stdout) <= 100
    # the same on two processes
    again = run_cli("check", str(folder), "--width", "100", "--lang", "en", "--jobs", "2")
    assert (again.returncode, again.stdout, again.stderr) == (2, result.stdout, result.stderr)


def test_exit_status_is_the_worst_outcome(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder(tmp_path, monkeypatch)
    good = str(folder / "gaoqing.json")
    wrong = str(folder / "wrong.txt")
    assert run_cli("check", good).returncode == 0
    assert run_cli("check", good, wrong).returncode == 1
    assert run_cli("check", good, wrong, "--severity", "error").returncode == 0
    assert run_cli("check", good, wrong, str(folder / "README.md")).returncode == 2
    assert run_cli("check", str(tmp_path / "no-such-folder")).returncode == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_cli("check", str(empty), "--lang", "en")
    assert result.returncode == 2
    assert result.stderr == f"opengovreport: {empty}: a folder with no report files\n"
    result = run_cli("check", str(empty))
    assert result.stderr == f"opengovreport: {empty}: 文件夹中没有报告文件\n"
    assert run_cli("check", "--no-such-option", good).returncode == 2


def test_lang_applies_to_everything_printed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path, monkeypatch)
    published = str(examples.path("pingtan-zongheshiyanqu-2022.crawled.txt"))
    blanks = str(examples.path("shuyang-fagaiju-2023.txt"))
    zh = run_cli("check", str(folder), published, blanks, "--show-all", "--width", "300").stdout
    assert not ENGLISH_SEVERITIES.search(zh), ENGLISH_SEVERITIES.search(zh)
    assert "不一致" in zh
    assert "警告" in zh
    assert "提示" in zh
    assert "无法核对" in zh
    assert "个文件" in zh.splitlines()[-1]
    en = run_cli(
        "check", str(folder), published, blanks, "--show-all", "--width", "300", "--lang", "en"
    )
    assert not any(name in en.stdout for name in CHINESE_SEVERITIES)
    assert "三、本年度办理结果" not in en.stdout  # cell labels in English
    assert "3. Outcomes this year / (1) Disclosed × Total: Applicants add up" in en.stdout


def test_format_json_is_one_object_per_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path, monkeypatch)
    result = run_cli("check", str(folder), "--format", "json")
    assert result.returncode == 2
    data = json.loads(result.stdout)
    assert set(data) == {"files", "summary"}
    keys = {
        "source", "status", "format", "reader", "quality", "error", "reason", "reasons",
        "agency", "year",
        "edition", "ok", "counts", "findings", "diagnostics", "set_aside",
    }  # fmt: skip
    assert all(set(f) == keys for f in data["files"])
    by_name = {Path(f["source"]).name: f for f in data["files"]}
    assert by_name["README.md"]["status"] == "not_a_report"
    assert by_name["README.md"]["ok"] is None
    assert [f["code"] for f in by_name["wrong.txt"]["findings"]] == ["I2", "I3"]
    assert by_name["synthetic.docx"]["reader"] == "python-docx"
    assert data["summary"] == {
        "files": 5,
        "unreadable": 2,
        "conflicts": 0,
        "duplicates": 0,
        "with_findings": 1,
        "counts": {"error": 0, "inconsistency": 2, "warning": 0, "not_assessable": 0},
        "dismissed": 0,
        "exit": 2,
    }
    # the old flag still works
    assert json.loads(run_cli("check", str(folder), "--json").stdout) == data


def test_format_csv_and_github(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder(tmp_path, monkeypatch)
    rows = list(
        csv.DictReader(io.StringIO(run_cli("check", str(folder), "--format", "csv").stdout))
    )
    assert [(Path(r["source"]).name, r["code"]) for r in rows] == [
        ("wrong.txt", "I2"),
        ("wrong.txt", "I3"),
    ]
    assert (rows[1]["printed"], rows[1]["computed"], rows[1]["difference"]) == ("1", "186", "-185")
    assert rows[1]["path"] == "requests.disclosed.total"
    assert rows[1]["label"] == "三、本年度办理结果（一）予以公开 × 总计"
    en = run_cli("check", str(folder), "--format", "csv", "--lang", "en").stdout
    assert "3. Outcomes this year / (1) Disclosed × Total" in en
    github = run_cli("check", str(folder), "--format", "github").stdout.splitlines()
    assert github[0].startswith(f"::error file={folder / 'README.md'},title=not_a_report::")
    wrong = [line for line in github if "wrong.txt" in line]
    assert len(wrong) == 2
    assert all(line.startswith("::error file=") for line in wrong)
    assert "title=I2 办理结果总计::" in wrong[0]
    assert "（填报 463，计算 278）" in wrong[0]


def test_version_and_examples_in_help() -> None:
    result = run_cli("--version")
    assert (result.returncode, result.stdout) == (0, f"opengovreport {__version__}\n")
    for command in ("check", "parse", "render", "summary", "example", "validate", "schema"):
        text = run_cli(command, "--help").stdout
        assert "examples:\n  opengovreport " + command in text, command


def test_golden_check_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The four published reports shipped as examples, 淮安's with one cell changed (a
    request moved from 予以公开 to 部分公开 for 自然人), checked at width 100. Reviewed once."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in examples.published():
        if not name.startswith("huaian"):
            (folder / name).write_bytes(examples.path(name).read_bytes())
    huaian = ogr.read(examples.path("huaian-shizhengfu-2024.txt")).report
    printed = huaian.cell("requests.disclosed.natural_person")
    assert isinstance(printed, int)
    changed = huaian.with_cell("requests.disclosed.natural_person", printed - 1)
    (folder / "huaian-shizhengfu-2024.json").write_text(ogr.dumps(changed), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    text = ""
    for lang in ("zh", "en"):
        result = run_cli("check", "reports", "--width", "100", "--lang", lang)
        assert result.returncode == 1, result.stderr
        assert widest(result.stdout) <= 100
        text += f"$ opengovreport check reports --width 100 --lang {lang}\n{result.stdout}"
    path = GOLDEN / "cli-check.txt"
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert path.exists(), "no golden file cli-check.txt; run with OGR_UPDATE_GOLDEN=1, review it"
    assert text == path.read_text(encoding="utf-8")


# --- parse and render many files -------------------------------------------------------------


def test_parse_many_files_into_a_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder(tmp_path, monkeypatch)
    out = tmp_path / "json"
    result = run_cli("parse", str(folder), "-o", str(out))
    assert result.returncode == 2  # README.md and broken.pdf
    assert sorted(p.name for p in out.iterdir()) == ["gaoqing.json", "synthetic.json", "wrong.json"]
    assert ogr.loads((out / "gaoqing.json").read_text(encoding="utf-8")) == examples.load(
        "gaoqing-2020"
    )
    assert len(result.stderr.splitlines()) == 2
    # two inputs of one name keep their endings; JSON Lines to standard output
    a, b = tmp_path / "x.txt", tmp_path / "x.json"
    a.write_text(examples.load("gaoqing-2020").to_text(), encoding="utf-8")
    b.write_text(examples.text("synthetic-2021"), encoding="utf-8")
    both = tmp_path / "both"
    assert run_cli("parse", str(a), str(b), "-o", str(both)).returncode == 0
    assert sorted(p.name for p in both.iterdir()) == ["x.json.json", "x.txt.json"]
    lines = run_cli("parse", str(a), str(b)).stdout.splitlines()
    assert [ogr.loads(line).meta.year for line in lines] == [2020, 2023]


def test_parse_diagnostics_on_stderr_filtered_like_check() -> None:
    path = str(examples.path("pingtan-zongheshiyanqu-2022.crawled.txt"))
    warnings = run_cli("parse", path, "--lang", "en").stderr.splitlines()
    assert [line.split()[1] for line in warnings] == ["heading-unknown", "rebuilt-by-narrative"]
    everything = run_cli("parse", path, "--show-all").stderr.splitlines()
    assert len(everything) > 20
    assert any(" rebuilt 提示 " in line for line in everything)


def test_render_one_table_fitted_to_the_width() -> None:
    path = str(examples.path("huaian-shizhengfu-2024.txt"))
    whole = run_cli("render", path, "--to", "text").stdout
    assert widest(whole) > 200  # unfitted into a pipe
    table = run_cli("render", path, "--to", "text", "--table", "3", "--width", "120").stdout
    assert widest(table) <= 120
    assert "一、本年新收政府信息公开申请" in table
    assert "第二十条" not in table
    report = run_cli("render", path, "--to", "text", "--width", "120").stdout
    assert widest(report) <= 120
    assert run_cli("render", path, "--to", "markdown", "--table", "4").stdout.startswith("|")


def test_render_findings_and_word(tmp_path: Path) -> None:
    path = str(examples.path("hongze-quzhengfu-2024.pdf"))
    page = run_cli("render", path, "--to", "html", "--findings", "--standalone").stdout
    assert page.startswith("<!DOCTYPE html>")
    assert 'data-codes="T5"' in page
    document = tmp_path / "report.docx"
    assert run_cli("render", path, "--to", "docx", "-o", str(document)).returncode == 0
    assert "word/document.xml" in zipfile.ZipFile(document).namelist()
    piped = run_cli("render", path, "--to", "docx")
    assert piped.returncode == 0
    assert piped.data.startswith(b"PK")
    folder = tmp_path / "pages"
    two = [path, str(examples.path(SHUYANG))]
    assert run_cli("render", *two, "--to", "html", "-o", str(folder)).returncode == 0
    assert sorted(p.name for p in folder.iterdir()) == [
        "hongze-quzhengfu-2024.html",
        "shuyang-fagaiju-2023.html",
    ]
    result = run_cli("render", *two, "--to", "html", "--lang", "en")
    assert (result.returncode, result.stderr) == (
        2,
        "opengovreport: several reports need -o FOLDER (one file each)\n",
    )
    for bad, message in [
        (["--to", "text", "--findings"], "--findings is for --to html"),
        (["--to", "html", "--width", "80"], "--width is for --to text"),
        (["--to", "docx", "--table", "3"], "--table is not for --to docx"),
        (["--to", "html", "--findings", "--table", "3"], "--findings draws every table"),
    ]:
        result = run_cli("render", path, *bad, "--lang", "en")
        assert result.returncode == 2
        assert result.stderr.startswith(f"opengovreport: {message}")


def test_summary_page_of_a_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder(tmp_path, monkeypatch)
    out = tmp_path / "summary.html"
    result = run_cli("summary", str(folder), "-o", str(out), "--lang", "en")
    assert result.returncode == 2  # the page is written; two files could not be read
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "另一个局" in page
    assert "高青县投资促进中心" in page
    assert "README.md" in page


# --- properties of the display -----------------------------------------------------------------

TEXT = st.text(
    st.sampled_from("一二三四五六七八九十、（）。，“”申请公开abc XYZ0123456789 ×/"), max_size=80
)


@given(TEXT, st.integers(4, 60))
@settings(max_examples=300, deadline=None)
def test_wrap_fits_and_keeps_every_character(text: str, width: int) -> None:
    out = wrap(text, width, levels=False)
    assert all(wcswidth(line) <= width for line in out.splitlines())
    # only spaces at a break are dropped
    assert out.replace("\n", "").replace(" ", "") == text.replace(" ", "")


#: Chinese text as written: words of one to six characters, each with one mark or none —
#: a closing mark after it, or an opening one before it (a run of marks can go nowhere)
_CJK_TEXT = st.lists(
    st.tuples(
        st.sampled_from(["", "（"]),
        st.text(st.sampled_from(list("政府信息公开申请办理结果予以")), min_size=1, max_size=6),
        st.sampled_from(["", "，", "。", "、", "；", "）"]),
    ).map(lambda t: t[1] + t[2] if t[2] else t[0] + t[1]),
    max_size=15,
).map("".join)


@pytest.mark.slow
@given(_CJK_TEXT, st.integers(8, 60))
@settings(max_examples=300, deadline=None)
def test_wrap_never_starts_a_line_with_closing_punctuation(text: str, width: int) -> None:
    # Chinese text and its punctuation: a closing mark goes down with the character before it,
    # an opening one with what it opens, wherever the two fit a line
    lines = wrap(text, width, levels=False).splitlines()
    assert not any(line[:1] in "，。、；）" and i for i, line in enumerate(lines) if line)
    assert not any(line.endswith("（") and i < len(lines) - 1 for i, line in enumerate(lines))


def test_wrap_puts_the_width_first_when_punctuation_cannot_go_down() -> None:
    # "000、" is wider than the line: the 、 starts a line rather than overflow it
    assert wrap("00、×000、", 4, levels=False) == "00、\n×000\n、"
    assert wrap("记录在案，予以公开。", 8, levels=False) == "记录在\n案，予以\n公开。"


def test_wrap_keeps_a_run_of_closing_marks_and_a_signed_number_together() -> None:
    # a sentence of a comparison: "）。" go down together with the number before them, and a
    # number keeps its sign
    text = "同组中位数 98.4%（四分位 97.5%–99.2%）。较上年减少 34 件（-100.0%）。"
    for width in range(12, len(text) * 2):
        lines = wrap(text, width, levels=False).splitlines()
        assert not any(line[:1] in "，。、；）" for line in lines[1:]), (width, lines)
        assert not any(line.endswith(("-", "+", "（-")) for line in lines), (width, lines)
        assert all(wcswidth(line) <= width for line in lines)


@given(TEXT, st.integers(1, 60))
@settings(max_examples=300, deadline=None)
def test_truncate_fits(text: str, width: int) -> None:
    cut = truncate(text, width)
    assert wcswidth(cut) <= max(width, 1)
    if wcswidth(text) <= width:
        assert cut == text


@pytest.mark.slow
@given(
    where=st.text(st.sampled_from("abc/._-报告"), min_size=1, max_size=70),
    label=TEXT,
    message=TEXT,
    values=st.sampled_from(["", "(printed 1, computed 2)", "（填报 10，计算 12）"]),
    columns=st.integers(60, 200),
    severity=st.sampled_from(list(Severity)),
)
@settings(max_examples=300, deadline=None)
def test_a_line_fits_and_cuts_nothing(
    where: str, label: str, message: str, values: str, columns: int, severity: Severity
) -> None:
    """A finding is one line where it fits; else, as ruff prints, its location whole on the
    first line and the rest wrapped below it: every line but the location's fits, and every
    character of the label, the message and the values is printed (none cut, no …)."""
    line = Line(where, "I1", severity, label, message, values)
    for lang in ("zh", "en"):
        text = line.render(lang, columns)
        first, *rest = text.split("\n")
        assert first.startswith(f"{where}: I1 {_sev(severity, lang)}")
        if wcswidth(first) > columns:  # only a location wider than the width
            assert first == f"{where}: I1 {_sev(severity, lang)}"
        assert all(wcswidth(x) <= columns for x in rest), text
        assert all(x.startswith("    ") for x in rest)
        body = f"{label}: {message}" if label and message else label or message
        said = "".join(text[len(f"{where}: I1 {_sev(severity, lang)}") :].split())
        assert said == "".join(f"{body} {values}".split())


def _sev(severity: Severity, lang: str) -> str:
    from opengovreport._console import severity_name

    return severity_name(severity, lang)


COLUMNS = ["commercial_enterprise", "research_institution", "public_interest_org",
           "legal_service_org", "other_org", "natural_person", "total"]  # fmt: skip


@pytest.mark.slow
@given(st.sets(st.sampled_from(COLUMNS)), st.sets(st.sampled_from(["disclosed", "carried_over"])))
@settings(max_examples=60, deadline=None)
def test_blank_groups_lose_no_finding(columns: set[str], rows: set[str]) -> None:
    """Every not-assessable finding is in a group or in the rest, once."""
    report = examples.load("synthetic-2021")
    for cell in report.shape.cells:
        if cell.table == 3 and (cell.column in columns or cell.row in rows):
            report = report.with_cell(cell.path, None)
    findings = ogr.check(report).findings
    groups, rest = blank_groups(report, findings)
    grouped = [f for g in groups for f in g.findings]
    unassessable = [f for f in findings if f.severity is Severity.NOT_ASSESSABLE]
    assert sorted(map(id, grouped + rest)) == sorted(map(id, unassessable))
    if columns and not rows:
        assert not rest or all(f.code not in ("I1", "I2") for f in rest)
    for g in groups:
        assert set(g.columns) <= columns
        assert set(g.rows) <= rows


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_on_a_terminal_only_when_the_run_is_long(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from opengovreport import _progress

    clock = [100.0]
    monkeypatch.setattr("opengovreport._progress.time.monotonic", lambda: clock[0])
    quick = _Terminal()
    with _progress.Progress(3, "files", stream=quick) as bar:
        bar.advance()
        bar.advance(2)
    assert quick.getvalue() == ""  # done within half a second: nothing drawn, nothing cleared
    slow = _Terminal()
    with _progress.Progress(3, "files", stream=slow) as bar:
        clock[0] += 1
        bar.advance()
        clock[0] += 1
        bar.advance(2)
    drawn = slow.getvalue()
    assert "1/3 files" in drawn
    assert "3/3 files" in drawn
    assert drawn.endswith("\r")  # cleared at the end
    piped = io.StringIO()
    with _progress.Progress(3, "files", stream=piped) as bar:
        clock[0] += 1
        bar.advance(3)
    assert piped.getvalue() == ""


def test_colour_on_a_terminal_unless_no_color(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from opengovreport._console import colour_wanted

    wrong = examples.load("synthetic-2021").with_cell("requests.total_handled.total", 460)
    path = str(tmp_path / "wrong.json")
    Path(path).write_text(ogr.dumps(wrong), encoding="utf-8")
    plain = run_cli("check", path, "--width", "120").stdout
    coloured = run_cli("check", path, "--width", "120", "--color", "always").stdout
    assert "\x1b[31m不一致\x1b[0m" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain  # the same text, fitted alike
    assert "\x1b" not in plain  # not a terminal
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    assert colour_wanted(_Terminal())
    assert not colour_wanted(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not colour_wanted(_Terminal())


def test_check_at_100_columns_keeps_a_long_path_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A path wider than the terminal is printed whole on its line (never cut in its middle);
    every other line fits the width; every finding's words are there."""
    monkeypatch.chdir(tmp_path)
    folder = Path("各地报告") / ("某省某市某县人民政府办公室政府信息公开" * 3) / "2023年度"
    folder.mkdir(parents=True)
    wrong = examples.load("synthetic-2021").with_cell("requests.disclosed.total", 1)
    path = folder / "示例市人民政府2023年政府信息公开工作年度报告（定稿）.txt"
    path.write_text(wrong.to_text(), encoding="utf-8")
    assert wcswidth(str(path)) > 100
    for lang in ("zh", "en"):
        result = run_cli("check", str(path), "--width", "100", "--lang", lang)
        assert result.returncode == 1
        lines = result.stdout.splitlines()
        located = [x for x in lines if x.startswith(f"{path}: ")]
        assert [x.split()[1] for x in located] == ["I2", "I3"]
        assert all(wcswidth(x) <= 100 for x in lines if x not in located)
        assert "…" not in result.stdout
        assert ("填报 1，计算 186" if lang == "zh" else "printed 1, computed 186") in result.stdout
