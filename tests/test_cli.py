"""The command line, run as a user runs it: each command, bad input, exit codes."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

import opengovreport as ogr
from opengovreport import examples

from . import pdfs
from .conftest import SEED, Run, run_cli


def run(*args: str, stdin: str | None = None) -> Run:
    return run_cli(*args, stdin=stdin)


@pytest.mark.slow
def test_the_entry_point_runs_as_a_program() -> None:
    """The one test through a subprocess: ``python -m opengovreport`` is the command line."""
    result = subprocess.run(
        [sys.executable, "-m", "opengovreport", "schema"], capture_output=True, check=False
    )
    assert result.returncode == 0
    assert json.loads(result.stdout) == ogr.json_schema()


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    good = tmp_path / "good.json"
    good.write_text(examples.text("gaoqing-2020"), encoding="utf-8")
    broken = examples.load("synthetic-2021").with_cell("requests.disclosed.total", 1)
    bad_total = tmp_path / "bad-total.json"
    bad_total.write_text(ogr.dumps(broken), encoding="utf-8")
    malformed = tmp_path / "malformed.json"
    malformed.write_text('{"schema_version": 1, "meta": ', encoding="utf-8")
    prose = tmp_path / "prose.txt"
    prose.write_text("这是一段普通的文字，没有任何表格。\n", encoding="utf-8")
    published = tmp_path / "published.html"
    published.write_text(examples.load("synthetic-2021").to_html(standalone=True), encoding="utf-8")
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(examples.load("gaoqing-2020").to_text().encode("gb18030"))
    return {
        "good": good,
        "bad_total": bad_total,
        "malformed": malformed,
        "prose": prose,
        "published": published,
        "gbk": gbk,
        "missing": tmp_path / "missing.json",
    }


def test_help_on_every_command() -> None:
    for command in ("example", "check", "render", "parse", "schema", "validate", "summary"):
        result = run(command, "--help")
        assert result.returncode == 0
        assert result.stdout.startswith(f"usage: opengovreport {command}")
    assert run("--help").returncode == 0
    assert run().returncode == 2  # no command


def test_example() -> None:
    result = run("example")
    assert result.returncode == 0, result.stderr
    assert ogr.loads(result.stdout) == examples.load("gaoqing-2020")
    assert ogr.loads(run("example", "synthetic-2021").stdout) == examples.load("synthetic-2021")
    text = run("example", "--to", "text", "--lang", "en").stdout
    assert text == examples.load("gaoqing-2020").to_text("en")
    result = run("example", "nope", "--lang", "en")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "opengovreport: no example nope; examples: gaoqing-2020, synthetic-2021\n"
    )
    zh = run("example", "nope")
    assert zh.stderr == "opengovreport: 没有示例 nope；示例有：gaoqing-2020, synthetic-2021\n"


def test_check(files: dict[str, Path]) -> None:
    result = run("check", str(files["good"]))
    assert (result.returncode, result.stdout) == (0, "1 个文件，没有发现\n")
    result = run("check", str(files["bad_total"]), "--lang", "en", "--width", "200")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert [line.split()[1:3] for line in lines[:-1]] == [
        ["I2", "inconsistency"],
        ["I3", "inconsistency"],
    ]
    assert lines[-1] == "1 file, 1 with findings: 2 inconsistencies"
    data = json.loads(run("check", str(files["bad_total"]), "--format", "json").stdout)
    assert [f["code"] for f in data["files"][0]["findings"]] == ["I2", "I3"]
    assert run("check", str(files["bad_total"]), "--ignore", "I2,I3").returncode == 0
    only = run("check", str(files["bad_total"]), "--format", "json", "--select", "I3").stdout
    assert [f["code"] for f in json.loads(only)["files"][0]["findings"]] == ["I3"]
    assert run("check", str(files["bad_total"]), "--severity", "error").returncode == 0
    # a published report, read and checked; stdin too
    assert run("check", str(files["published"])).returncode == 0
    assert run("check", "-", stdin=examples.text("synthetic-2021")).returncode == 0
    # many files: cross-year rules run across them
    assert run("check", str(files["good"]), str(files["published"])).returncode == 0


def test_check_seed_as_published(files: dict[str, Path]) -> None:
    if not SEED.exists():
        pytest.skip("no seed")
    result = run("check", str(SEED), "--lang", "en")
    assert result.returncode == 0
    assert "spurious-cell warning" in result.stdout  # the reader's guesses, with the findings


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("missing", "{path}: cannot read it: No such file or directory"),
        (
            "malformed",
            "{path}: not a valid report JSON: $: expected JSON text, found Expecting value",
        ),
        ("prose", "{path}: no report found: none of the six section headings"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(files: dict[str, Path], name: str, message: str) -> None:
    path = files[name]
    commands = [["check"], ["render", "--to", "text"]]
    if name != "malformed":  # parse reads published reports, not JSON
        commands.append(["parse"])
    for command in commands:
        result = run(*command, str(path), "--lang", "en")
        assert result.returncode == 2, (command, result.stderr)
        assert result.stderr.startswith("opengovreport: " + message.format(path=path)), (
            result.stderr
        )
        assert result.stderr.count("\n") == 1
        assert "Traceback" not in result.stderr
        if command == ["check"]:  # the summary counts it
            assert result.stdout == "1 file, 1 unreadable, no findings\n"
        else:
            assert result.stdout == ""


def test_unknown_rule_code(files: dict[str, Path]) -> None:
    result = run("check", str(files["good"]), "--select", "I9", "--lang", "en")
    assert result.returncode == 2
    assert result.stderr.startswith("opengovreport: unknown rule code I9; rules: I1, I2")
    zh = run("check", str(files["good"]), "--select", "I9")
    assert zh.stderr.startswith("opengovreport: 未知的规则代码 I9；规则有：I1, I2")


def test_render(files: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    result = run("render", str(files["good"]), "--to", "html", "--standalone", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8") == examples.load("gaoqing-2020").to_html(standalone=True)
    md = run("render", str(files["good"]), "--to", "markdown").stdout
    assert md == examples.load("gaoqing-2020").to_markdown()
    result = run("render", str(files["good"]), "--to", "text", "--standalone", "--lang", "en")
    assert (result.returncode, result.stderr) == (
        2,
        "opengovreport: --standalone is for --to html\n",
    )
    result = run("render", str(files["good"]), "--to", "text", "--standalone")
    assert result.stderr == "opengovreport: --standalone 只用于 --to html\n"


def test_parse(files: dict[str, Path], tmp_path: Path) -> None:
    result = run("parse", str(files["published"]))
    assert result.returncode == 0
    assert ogr.loads(result.stdout) == examples.load("synthetic-2021")
    assert result.stderr == ""  # no warning; the notes with --show-all
    result = run("parse", str(files["published"]), "--show-all")
    assert "closing" in result.stderr  # diagnostics go to stderr
    out = tmp_path / "out.json"
    assert run("parse", str(files["gbk"]), "-o", str(out)).returncode == 0
    assert ogr.loads(out.read_text(encoding="utf-8")) == examples.load("gaoqing-2020")


def test_schema() -> None:
    result = run("schema")
    assert result.returncode == 0
    assert json.loads(result.stdout) == ogr.json_schema()


def test_validate(files: dict[str, Path]) -> None:
    good = files["good"]
    result = run("validate", str(good), "--lang", "en")
    assert result.returncode == 0
    assert result.stdout == f"{good}: valid (高青县投资促进中心, 2020, 2019 edition)\n"
    zh = run("validate", str(good))
    assert zh.stdout == f"{good}：有效（高青县投资促进中心，2020 年，2019 版）\n"
    data = json.loads(examples.text("gaoqing-2020"))
    data["requests"]["disclosed"]["total"] = "0"
    result = run("validate", "-", stdin=json.dumps(data))
    assert result.returncode == 1
    expected = "a count (an integer from 0 to 10^12) or null"
    assert f'$.requests.disclosed.total: expected {expected}, found "0"' in result.stdout


def test_parse_and_check_published_files(tmp_path: Path) -> None:
    pdf = ogr.examples.path("hongze-quzhengfu-2024.pdf")
    parsed = run("parse", str(pdf))
    assert parsed.returncode == 0, parsed.stderr
    assert ogr.loads(parsed.stdout) == ogr.read(pdf).report
    document = tmp_path / "report.docx"
    document.write_bytes(ogr.examples.load("synthetic-2021").to_docx())
    assert run("check", str(document)).returncode == 0
    assert run("render", "--to", "text", str(document)).stdout.startswith("示例市人民政府")


@pytest.mark.slow
def test_a_scan_without_a_report_says_why_in_the_runs_language(tmp_path: Path) -> None:
    """A scan (read by OCR where the extra is installed) that holds no report: its reason in
    English with ``--lang en``, its status in Chinese by default."""
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(pdfs.scan())
    failed = run("parse", str(scan), "--lang", "en")
    assert failed.returncode == 2
    from opengovreport.reading import _ocr

    why = (
        "a scan of 1 page(s) read by OCR: no report found: the source is empty"
        if _ocr.available()
        else "a scan (no text layer): reading it needs OCR: pip install 'opengovreport[ocr]'"
    )
    assert failed.stderr == f"opengovreport: {scan}: {why}\n"
    status = (
        "1 页的扫描件，经文字识别读取：没有找到报告：内容为空"
        if _ocr.available()
        else "扫描件（没有文字层）：需要文字识别：pip install 'opengovreport[ocr]'"
    )
    assert run("parse", str(scan)).stderr == f"opengovreport: {scan}: {status}\n"
