"""``opengovreport compare A B`` and ``opengovreport summary DIR --agency NAME``: text fitted to
the width, Markdown, an HTML page, a Word section, JSON; flags with --thresholds; one line and
exit 2 for what cannot be read or does not exist."""

import io
import json
from pathlib import Path

import pytest
from wcwidth import wcswidth

import opengovreport as ogr

from .conftest import run_cli
from .test_benchmark import SMALL
from .test_comparison import _hongze_years


def _files(tmp_path: Path) -> tuple[Path, Path]:
    last, now = _hongze_years()
    a, b = tmp_path / "2023.json", tmp_path / "2024.json"
    a.write_text(ogr.dumps(last), encoding="utf-8")
    b.write_text(now.to_text(), encoding="utf-8")  # as published text: read by the reader
    return a, b


def test_compare_two_files_as_text(tmp_path: Path) -> None:
    a, b = _files(tmp_path)
    result = run_cli("compare", str(a), str(b), "--width", "80", "--top", "5")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "淮安市洪泽区人民政府 2024 年与 2023 年比较"
    assert "- 依申请公开收到申请 95 件，较上年增加 17 件（+21.8%）。" in lines
    assert max(wcswidth(line) for line in lines) <= 80
    english = run_cli("compare", str(a), str(b), "--lang", "en", "--width", "100")
    assert "- Requests received: 95, up 17 on last year (+21.8%)." in english.stdout


def test_compare_in_every_format(tmp_path: Path) -> None:
    a, b = _files(tmp_path)
    data = run_cli("compare", str(a), str(b), "--to", "json", "--thresholds", "peer-dashboard")
    found = json.loads(data.stdout)
    assert found["sentences"]["zh"][0] == "依申请公开收到申请 95 件，较上年增加 17 件（+21.8%）。"
    assert [f["indicator"] for f in found["flags"]] == ["reconsideration_corrected"]
    page = run_cli("compare", str(a), str(b), "--to", "html", "-o", str(tmp_path / "c.html"))
    assert page.returncode == 0
    html = (tmp_path / "c.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert html.count("<tr data-key=") == len(ogr.compare(*_hongze_years())) + 13
    markdown = run_cli("compare", str(a), str(b), "--to", "markdown")
    assert "| 予以公开率" in markdown.stdout
    docx = pytest.importorskip("docx")
    out = tmp_path / "c.docx"
    assert run_cli("compare", str(a), str(b), "--to", "docx", "-o", str(out)).returncode == 0
    document = docx.Document(io.BytesIO(out.read_bytes()))
    assert document.paragraphs[0].text == "淮安市洪泽区人民政府 2024 年与 2023 年比较"


def test_compare_says_what_is_wrong_on_one_line(tmp_path: Path) -> None:
    a, _b = _files(tmp_path)
    cases = [
        (["compare", str(a), str(tmp_path / "none.pdf")], "none.pdf: cannot read it"),
        (["compare", str(a), str(tmp_path)], "a folder; compare takes two report files"),
        (["compare", str(a), str(a), "--thresholds", "nope"], "--thresholds nope: neither a"),
        (["compare", str(a), str(a), "--to", "html", "--width", "80"], "--width is for --to text"),
        (["compare", "-", "-"], "only one of the two reports can be standard input"),
    ]
    for args, message in cases:
        result = run_cli(*args, "--lang", "en")
        assert result.returncode == 2, args
        assert result.stdout == ""
        (line,) = result.stderr.splitlines()
        assert line.startswith("opengovreport: ")
        assert message in line, line
    (tmp_path / "notes.txt").write_text("没有报告。", encoding="utf-8")
    result = run_cli("compare", str(a), str(tmp_path / "notes.txt"), "--lang", "en")
    assert result.returncode == 2
    assert "no report found" in result.stderr
    zh = run_cli("compare", str(a), str(tmp_path))
    assert "：这是一个文件夹；比较需要两个报告文件" in zh.stderr


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for i, report in enumerate(SMALL):
        (folder / f"{i}.json").write_text(ogr.dumps(report), encoding="utf-8")
    return folder


def test_summary_of_one_agency(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    text = run_cli(
        "summary", str(folder), "--agency", "乙县人民政府", "--to", "text", "--width", "100",
        "--thresholds", "peer-dashboard",
    )  # fmt: skip
    assert text.returncode == 0, text.stderr
    out = text.stdout
    assert out.startswith("乙县人民政府 2024 年与 2023 年比较")
    assert "- 依申请公开收到申请 10 件，较上年增加 2 件（+25.0%）。" in out
    assert "乙县人民政府 2024 年在同组机关中的位置" in out
    assert "- 同组：全部机关，2024 年有报告的机关另有 4 个。" in out
    assert max(wcswidth(line) for line in out.splitlines()) <= 100
    page = run_cli("summary", str(folder), "--agency", "甲市人民政府", "--peers", "region")
    assert page.stdout.startswith("<!DOCTYPE html>")
    assert "同一地区（甲市）" in page.stdout
    assert "甲市人民政府 只有 2024 年的报告，无法与上年比较" in page.stdout
    assert page.stdout.count("<script>") == 1  # the documents share one sorting script
    data = json.loads(run_cli("summary", str(folder), "--agency", "乙县人民政府", "--to",
                              "json").stdout)  # fmt: skip
    assert data["comparison"]["after"]["year"] == 2024
    assert data["benchmark"]["peers"] == sorted({r.meta.agency for r in SMALL} - {"乙县人民政府"})


def test_summary_of_an_agency_it_does_not_hold(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    for args, message in [
        (["--agency", "某局"], "no report of 某局 among the files read; agencies: 乙县人民政府"),
        (["--agency", "乙县人民政府", "--year", "2022"], "no report of 乙县人民政府 for 2022"),
        (["--to", "text"], "--to is for the page of one agency: give --agency NAME"),
        (["--year", "2024"], "--year is for the page of one agency"),
    ]:
        result = run_cli("summary", str(folder), *args, "--lang", "en")
        assert result.returncode == 2, args
        (line,) = result.stderr.splitlines()
        assert message in line, line


def test_summary_page_with_peers_and_flags(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    out = tmp_path / "page.html"
    result = run_cli(
        "summary", str(folder), "--peers", "level", "--thresholds", "peer-dashboard",
        "-o", str(out), "--lang", "en",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert "Disclosed rate percentile" in page
    assert "the same level" in page
    assert 'class="ogr-flag-alert"' in page
    assert "Flags: thresholds peer-dashboard" in page
