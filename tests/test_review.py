"""Findings kept across runs: fingerprints that survive reading a report again, a review file
(JSON) that dismisses or confirms them, ``check(..., review=…)`` and ``opengovreport check
--review FILE [--write]``; and a finding's line on the command line, in its own words."""

import json
import re
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import opengovreport as ogr
from opengovreport import checks, examples
from opengovreport.checks import Review, ReviewError, Severity

from .conftest import run_cli
from .pdfs import CHROMIUM, printed


def _stating(report: ogr.Report, text: str) -> ogr.Report:
    blocks = (*report.overview.blocks, ogr.Paragraph(text))
    return attrs.evolve(report, overview=attrs.evolve(report.overview, blocks=blocks))


def _wrong() -> ogr.Report:
    """The synthetic example whose section 1 says 办结 470 where table 3 has 463."""
    return _stating(examples.load("synthetic-2021"), "全年办结政府信息公开申请470件。")


# --- fingerprints -------------------------------------------------------------------------------


def test_a_fingerprint_names_a_finding_not_where_it_stands() -> None:
    report = _wrong()
    (finding,) = ogr.check(report).filter(code="T5")
    assert len(finding.fingerprint) == 16
    # the same sentence elsewhere in the narrative, other paragraphs before it: the same
    moved = attrs.evolve(
        report,
        overview=attrs.evolve(
            report.overview,
            blocks=(ogr.Paragraph("另起一段。"), *reversed(report.overview.blocks)),
        ),
    )
    (again,) = ogr.check(moved).filter(code="T5")
    assert again.fingerprint == finding.fingerprint
    # another stated figure, or another figure in the table: another finding
    (other,) = ogr.check(_stating(examples.load("synthetic-2021"), "办结申请471件。")).filter(
        code="T5"
    )
    assert other.fingerprint != finding.fingerprint
    changed = report.with_cell("requests.total_handled.total", 462)
    assert finding.fingerprint not in {f.fingerprint for f in ogr.check(changed)}


@given(st.integers(1, 10_000), st.integers(0, 5))
def test_fingerprints_are_the_same_for_every_reading(delta: int, blanks: int) -> None:
    """Each finding of a report has its own fingerprint, the same each time it is checked, and
    the same once the report has been written as JSON and read back."""
    report = examples.load("synthetic-2021").with_cell("appeals.reconsideration.total", delta)
    result = ogr.check(_stating(report, "全年办结政府信息公开申请9999件。" * (1 + blanks)))
    keys = [f.fingerprint for f in result]
    assert len(set(keys)) == len(keys)
    assert keys == [f.fingerprint for f in ogr.check(ogr.loads(ogr.dumps(result.reports[0])))]


def test_an_amount_has_one_fingerprint_however_printed() -> None:
    from decimal import Decimal

    report = examples.load("synthetic-2021")
    a = report.with_cell("disclosure.item8.fees.amount", Decimal("7545"))
    b = report.with_cell("disclosure.item8.fees.amount", Decimal("7545.00"))
    text = "全年收取行政事业性收费1万元。"
    (fa,) = ogr.check(_stating(a, text)).filter(code="T5")
    (fb,) = ogr.check(_stating(b, text)).filter(code="T5")
    assert fa.fingerprint == fb.fingerprint


# --- the review ---------------------------------------------------------------------------------


def test_a_dismissed_finding_is_hidden_and_counted(tmp_path: Path) -> None:
    report = _wrong()
    result = ogr.check(report)
    assert not result.ok
    (finding,) = result.filter(code="T5")
    review = Review().mark(
        finding,
        "dismissed",
        note="办结 counts what the office answered",
        by="王芳",
        at="2026-12-01",
    )
    path = tmp_path / "review.json"
    review.save(path)
    (entry,) = json.loads(path.read_text(encoding="utf-8"))["findings"]
    assert entry == {
        "fingerprint": finding.fingerprint,
        "status": "dismissed",
        "note": "办结 counts what the office answered",
        "by": "王芳",
        "at": "2026-12-01",
        "code": "T5",
        "agency": "示例市人民政府",
        "year": 2023,
        "cell": "requests.total_handled.total",
        "message": finding.message_zh,
    }
    assert Review.load(path) == review
    again = ogr.check(report, review=path)
    assert again.findings == ()
    assert again.ok
    assert again.dismissed == (finding,)
    assert "1 dismissed in review" in again.summary("en")
    assert json.loads(again.to_json())["dismissed"] == [finding.fingerprint]
    confirmed = review.mark(finding, "confirmed", by="李明")
    assert ogr.check(report, review=confirmed).findings == result.findings
    assert confirmed.get(finding).by == "李明"  # type: ignore[union-attr]
    assert ogr.check_series([report], review=review).dismissed == (finding,)


def test_dismissing_a_failure_makes_a_strict_check_pass() -> None:
    report = examples.load("synthetic-2021").with_cell("appeals.reconsideration.total", 16)
    result = ogr.check(report)
    review = Review()
    for f in result.filter(min_severity="inconsistency"):
        review = review.mark(f, "dismissed", note="printed so", by="x", at="2026-12-01")
    assert ogr.check(report, review=review, strict=True).ok
    with pytest.raises(ogr.CheckError):
        ogr.check(report, strict=True)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("not json", "not JSON"),
        ("[]", "not a review file"),
        (
            '{"opengovreport-review": 1, "findings": [{"status": "open"}]}',
            "findings[0]: no 'fingerprint'",
        ),
        (
            '{"opengovreport-review": 1, "findings": [{"fingerprint": "a", "status": "gone"}]}',
            "findings[0].status: expected one of open, confirmed, dismissed, found 'gone'",
        ),
        (
            '{"opengovreport-review": 1, "findings": [{"fingerprint": "a", "status": "open", '
            '"who": "me"}]}',
            "findings[0]: unknown key 'who'",
        ),
        (
            '{"opengovreport-review": 1, "findings": [{"fingerprint": "a", "status": "open", '
            '"year": "2024"}]}',
            'findings[0].year: expected an integer or null, found "2024"',
        ),
        (
            '{"opengovreport-review": 1, "findings": [{"fingerprint": "a", "status": "open"}, '
            '{"fingerprint": "a", "status": "dismissed"}]}',
            "finding a is in the review twice",
        ),
    ],
)
def test_a_bad_review_file_is_named_with_what_is_wrong(text: str, words: str) -> None:
    with pytest.raises(ReviewError, match="^review.json: .*" + re.escape(words)):
        Review.loads(text, "review.json")


def test_the_command_line_writes_and_reads_a_review(tmp_path: Path) -> None:
    path = tmp_path / "wrong.json"  # T5 in section 1, I4 in table 4
    path.write_text(ogr.dumps(_wrong().with_cell("appeals.reconsideration.total", 16)), "utf-8")
    review = tmp_path / "review.json"
    first = run_cli("check", str(path), "--review", str(review), "--write", "--lang", "en")
    assert first.returncode == 1
    assert first.stderr == f"{review}: 2 new findings to review\n"
    written = Review.load(review)
    assert [(e.code, e.status) for e in written.entries] == [("I4", "open"), ("T5", "open")]
    t5 = next(e for e in written.entries if e.code == "T5")
    assert "470" in t5.message
    # a person dismisses the T5 finding, confirms the rest; the run hides one, counts it
    marked = written
    for e in written.entries:
        marked = marked.mark(e.fingerprint, "dismissed" if e is t5 else "confirmed", by="王芳")
    marked.save(review)
    second = run_cli("check", str(path), "--review", str(review), "--lang", "en", "--width", "200")
    assert second.returncode == 1  # the confirmed inconsistencies still fail the run
    assert " T5 " not in second.stdout
    assert second.stdout.splitlines()[-1].endswith("1 dismissed in review")
    zh = run_cli("check", str(path), "--review", str(review)).stdout.splitlines()[-1]
    assert zh.endswith("复核已排除 1 项")
    data = json.loads(
        run_cli("check", str(path), "--review", str(review), "--format", "json").stdout
    )
    assert data["summary"]["dismissed"] == 1
    # written again: nothing new
    third = run_cli("check", str(path), "--review", str(review), "--write", "--lang", "en")
    assert third.stderr == f"{review}: 0 new findings to review\n"
    assert Review.load(review) == marked


def test_review_usage_errors_are_one_line(tmp_path: Path) -> None:
    path = str(examples.path("huaian-shizhengfu-2024.txt"))
    missing = run_cli("check", path, "--review", str(tmp_path / "none.json"), "--lang", "en")
    assert missing.returncode == 2
    assert missing.stderr.startswith("opengovreport: ")
    assert missing.stderr.count("\n") == 1
    assert "none.json: cannot read the review" in missing.stderr
    alone = run_cli("check", path, "--write", "--lang", "en")
    assert (alone.returncode, alone.stderr) == (2, "opengovreport: --write needs --review FILE\n")
    alone = run_cli("check", path, "--write")
    assert alone.stderr == "opengovreport: --write 需要 --review 指定复核文件\n"
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    broken = run_cli("check", path, "--review", str(bad))
    assert broken.returncode == 2
    assert "bad.json: not JSON" in broken.stderr


# --- a finding's line in its own words ------------------------------------------------------------


def test_a_t5_line_says_what_the_text_states_and_what_the_table_has(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("wrong.json").write_text(ogr.dumps(_wrong()), encoding="utf-8")
    zh = run_cli("check", "wrong.json", "--width", "300").stdout.splitlines()
    assert zh[0] == (
        "wrong.json: T5 不一致  第一部分所述办结470件，表三为463（（七）总计）。"
        "「全年办结政府信息公开申请470件。」"
    )
    en = run_cli("check", "wrong.json", "--width", "300", "--lang", "en").stdout.splitlines()
    assert en[0] == (
        "wrong.json: T5 inconsistency  section 1 states handled 470件; table 3 has 463 "
        "((7) total handled). 「全年办结政府信息公开申请470件。」"
    )
    assert not any("正文数字与表格一致" in line or "match the tables" in line for line in zh + en)
    (line, *detail, _summary) = run_cli("check", "wrong.json", "--width", "60").stdout.splitlines()
    assert line == "wrong.json: T5 不一致"  # the rest below it, wrapped, nothing cut
    assert "办结470件" in detail[0]
    assert all(x.startswith("    ") for x in detail)
    assert "".join(x.strip() for x in detail) == zh[0].partition("  ")[2]


# --- the round trip through a re-rendered PDF ------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_a_dismissed_finding_stays_dismissed_in_a_re_rendered_pdf(tmp_path: Path) -> None:
    """A finding dismissed on a report's JSON stays dismissed when the report is read from its
    PDF (printed by Chromium), and from that PDF printed again; a changed figure is a new
    finding."""
    report = _wrong()
    review = tmp_path / "review.json"
    first = ogr.read(printed(report, tmp_path, "first")).report
    assert first is not None
    (finding,) = ogr.check(first).filter(code="T5")
    Review().mark(finding, "dismissed", note="checked", by="王芳").save(review)
    again = ogr.read(printed(report, tmp_path, "again")).report
    assert again is not None
    result = ogr.check(again, review=review)
    assert result.dismissed == (finding,)
    assert not result.filter(code="T5")
    # a changed figure: a new finding, not dismissed
    changed = _stating(examples.load("synthetic-2021"), "全年办结政府信息公开申请471件。")
    third = ogr.read(printed(changed, tmp_path, "changed")).report
    assert third is not None
    (new,) = ogr.check(third, review=review).filter(code="T5")
    assert new.fingerprint != finding.fingerprint
    assert new.severity is Severity.INCONSISTENCY
    assert ogr.check(third, review=review).dismissed == ()
    # the CLI sees the same
    out = run_cli("check", str(tmp_path / "again.pdf"), "--review", str(review), "--lang", "en")
    assert out.stdout.splitlines()[-1].endswith("1 dismissed in review")
    assert checks.rule("T5").kind == "narrative"
