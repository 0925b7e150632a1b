"""One language a run: with ``--lang zh`` (the default) every command prints Chinese — errors,
notices, duplicates and conflicts, findings, the reader's diagnostics, the summary page — over a
folder holding a broken file, a duplicate and a conflict. No ASCII English word is printed but
file names and codes (rules, diagnostics, ``duplicate``/``conflict``, options)."""

import re
from pathlib import Path
from typing import Any

import lxml.html
import pytest

import opengovreport as ogr
from opengovreport import examples
from opengovreport._messages import MESSAGES

from .conftest import Run, run_cli

HUAIAN = "huaian-shizhengfu-2024.txt"


def _folder(root: Path) -> Path:
    """``reports/``: published reports, a broken PDF, a page that is no report, a duplicate of
    one report (the same numbers) and a conflict with it (one cell different)."""
    folder = root / "reports"
    folder.mkdir()
    for name in examples.published():
        (folder / name).write_bytes(examples.path(name).read_bytes())
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <</Type /Catalog")
    (folder / "notice.txt").write_text(
        "关于开展政务公开工作的通知\n\n各单位：请按时报送。\n", "utf-8"
    )
    (folder / "huaian-copy.txt").write_bytes(examples.path(HUAIAN).read_bytes())
    huaian = ogr.read(examples.path(HUAIAN)).report
    printed = huaian.cell("requests.disclosed.natural_person")
    assert isinstance(printed, int)
    changed = huaian.with_cell("requests.disclosed.natural_person", printed + 5)
    (folder / "huaian-conflict.json").write_text(ogr.dumps(changed), encoding="utf-8")
    return folder


def _codes() -> set[str]:
    """Codes, and names a user gives or types: rules, diagnostics, statuses, the program,
    output formats and example names."""
    rules = {r.code for r in ogr.checks.catalog()}
    diagnostics = {k.code for k in ogr.reading.diagnostic_kinds()}
    statuses = {s.value for s in ogr.ReadStatus}
    names = {*ogr.rendering.FORMATS, *examples.names()}
    return (
        rules | diagnostics | statuses | names | {"duplicate", "conflict", "opengovreport", "JSON"}
    )


#: a GitHub workflow command's own syntax (``::error file=…,line=…,title=…::``)
_GITHUB = re.compile(r"^::(?:error|warning|notice) file=[^,:]*(?:,line=\d+)?,title=", re.M)
#: what the report JSON loader says of a value (io.py's and values.py's words, English: see
#: the report), one line each under validate's head
_LOADER = re.compile(r"^  \$\S*: expected .*$", re.M)


#: what a report's own text holds that is no word of the library's: web addresses, e-mail
_DATA = re.compile(
    r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+\.(?:gov|com)\.cn\b"
)


def _english(text: str, names: list[str]) -> list[str]:
    """The ASCII words of ``text`` other than file names, codes and options."""
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, " ")
    text = _DATA.sub(" ", _LOADER.sub(" ", _GITHUB.sub(" ", text)))
    text = re.sub(r"“[^”]*”", " ", text)  # what a file or another program said, quoted
    codes = _codes()
    words = re.findall(r"--?[A-Za-z][\w-]*|[A-Za-z][A-Za-z0-9_-]*[A-Za-z0-9]", text)
    return [
        w
        for w in words
        if not w.startswith("-") and w not in codes and w not in _FORMATS and len(w) > 1
    ]


#: the names of formats a message may give in either language
_FORMATS = {"PDF", "Word", "ZIP", "RTF", "JSON", "UTF-8", "GB18030"}


def _page_text(html: str) -> str:
    """What a person reads of a page: its text and its tooltips, not its markup."""
    root: Any = lxml.html.fromstring(html)
    for element in root.xpath("//script|//style"):
        element.drop_tree()
    tips = " ".join(str(t) for t in root.xpath("//@title"))
    return f"{root.text_content()} {tips}"


def _said(run: Run) -> str:
    return run.stdout + run.stderr


def test_every_command_in_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    folder = _folder(tmp_path)
    names = [str(p) for p in sorted(folder.iterdir())] + [
        str(folder),
        "out",
        "summary.html",
        "review.json",
    ]
    names += [p.name for p in folder.iterdir()]
    names += ["I9", "nope"]  # what the user typed, said back
    conflict = str(folder / "huaian-conflict.json")
    runs: dict[str, str] = {}
    check = run_cli("check", str(folder), "--show-all", "--width", "100")
    assert check.returncode == 2  # the broken file
    runs["check"] = _said(check)
    assert "conflict 不一致" in check.stdout  # told apart: the conflict a finding …
    assert "duplicate 提示" in check.stdout  # … the duplicate a note
    runs["check --format github"] = _said(run_cli("check", str(folder), "--format", "github"))
    review = ["check", str(folder), "--review", "review.json", "--width", "100"]
    runs["check --review --write"] = _said(run_cli(*review, "--write"))
    assert Path("review.json").exists()
    runs["check --review"] = _said(run_cli(*review))
    parse = run_cli("parse", str(folder), "--show-all")
    runs["parse"] = parse.stderr  # its standard output is report JSON: data
    assert "冲突" in parse.stderr or "不同" in parse.stderr
    runs["render"] = _said(run_cli("render", str(folder), "--to", "text", "-o", "out"))
    runs["render one"] = _said(
        run_cli("render", str(folder / HUAIAN), "--to", "text", "--width", "100")
    )
    summary = run_cli("summary", str(folder), "-o", "summary.html")
    runs["summary"] = summary.stderr + _page_text(Path("summary.html").read_text(encoding="utf-8"))
    agency = ogr.read(examples.path(HUAIAN)).report.meta.agency
    runs["summary --agency"] = _said(
        run_cli("summary", str(folder), "--agency", agency, "--to", "text", "--width", "100")
    )
    runs["compare"] = _said(run_cli("compare", str(folder / HUAIAN), conflict, "--width", "100"))
    runs["validate"] = _said(run_cli("validate", conflict, str(folder / "broken.pdf")))
    runs["example"] = _said(run_cli("example", "gaoqing-2020", "--to", "text", "--width", "100"))
    runs["errors"] = "".join(
        _said(run_cli(*args))
        for args in (
            ["check", str(folder), "--select", "I9"],
            ["render", str(folder), "--to", "text"],
            ["render", conflict, "--to", "html", "--width", "80"],
            ["compare", "-", "-"],
            ["summary", str(folder), "--agency", "某局"],
            ["example", "nope"],
        )
    )
    found = {command: _english(text, names) for command, text in runs.items()}
    assert all(runs.values())
    assert not any(found.values()), {c: sorted(set(w)) for c, w in found.items() if w}


def test_the_same_runs_in_english_say_it_in_english(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The control: ``--lang en`` prints English where Chinese was (so the test above can
    fail), the report's own text as written."""
    monkeypatch.chdir(tmp_path)
    folder = _folder(tmp_path)
    check = run_cli("check", str(folder), "--lang", "en", "--width", "100")
    assert "duplicate info" in check.stdout
    assert "conflict inconsistency" in check.stdout
    assert "1 cell different" in check.stdout
    names = [str(p) for p in folder.iterdir()]
    assert _english(_said(check), names)


def test_every_message_has_both_languages() -> None:
    """The catalogue: each message in Chinese with no English word (only its fields, options
    and the names of formats and programs), and in English; both with the same fields."""
    for key, (zh, en) in MESSAGES.items():
        fields = set(re.findall(r"\{(\w+)(?::[^}]*)?\}", zh))
        # the same fields, but English's plural ending ({s})
        assert fields == set(re.findall(r"\{(\w+)(?::[^}]*)?\}", en)) - {"s"}, key
        plain = re.sub(r"\{\w+(?::[^}]*)?\}", " ", zh)
        plain = re.sub(r"“[^”]*”", " ", plain)  # what a file or program said, quoted
        plain = re.sub(
            r"soffice --headless --convert-to docx FILE|--to \w+|--?[\w-]+|pip install '[^']+'"
            r"|UTF-8|GB18030|Word|JSON|Dask|PDF|ZIP|RTF|MB|Parquet|Arrow IPC"
            r"|Limits\.\w+|LibreOffice|soffice|FILE|\.(?:doc|rtf)|word/document\.xml|Python"
            r"|sys\.executable|opengovreport\.\w+",
            " ",
            plain,
        )
        assert not re.findall(r"[A-Za-z]{2,}", plain), (key, zh)


@pytest.mark.slow
def test_ingest_in_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``ingest`` too: the line it ends with, in Chinese."""
    pytest.importorskip("distributed")
    monkeypatch.chdir(tmp_path)
    folder = _folder(tmp_path)
    result = run_cli("ingest", str(folder), "-o", "dataset", "--workers", "1")
    assert result.returncode == 0, result.stderr
    assert "个文件：读取" in result.stdout
    names = [str(p) for p in folder.iterdir()] + [str(folder), "dataset"]
    assert not _english(_said(result), names), _said(result)
