"""Flags as data: thresholds and their lines (strict, in both directions), errors that name what
and where, the shipped preset and its source, no flag without thresholds, and flags in the corpus
page and its workbook."""

import json
from pathlib import Path

import pytest
from lxml import html as lxml_html

import opengovreport as ogr
from opengovreport.flags import (
    PRESETS,
    Direction,
    Level,
    Threshold,
    Thresholds,
    ThresholdsError,
    load_thresholds,
)

from .test_benchmark import SMALL

PEER = Thresholds.preset("peer-dashboard")


def test_lines_are_strict_in_both_directions() -> None:
    low = Threshold("disclosed", "below", 0.45, 0.40)
    assert low.direction is Direction.BELOW
    assert [low.level(v) for v in (0.5, 0.45, 0.449, 0.40, 0.399, None)] == [
        None,
        None,
        Level.WARN,
        Level.WARN,
        Level.ALERT,
        None,
    ]
    high = Threshold("reconsideration_corrected", Direction.ABOVE, 0.10, 0.15)
    assert [high.level(v) for v in (0.1, 0.11, 0.15, 0.151)] == [
        None,
        Level.WARN,
        Level.WARN,
        Level.ALERT,
    ]
    same = Threshold("completion", "below", 0.9, 0.9)  # one line: below it is an alert
    assert (same.level(0.89), same.level(0.9)) == (Level.ALERT, None)


def test_bad_thresholds_are_named() -> None:
    with pytest.raises(ThresholdsError, match="no indicator 'openness'"):
        Threshold("openness", "below", 0.45, 0.40)
    with pytest.raises(ThresholdsError, match=r"alert line \(0.5\) must be at or below the warn"):
        Threshold("disclosed", "below", 0.45, 0.5)
    with pytest.raises(ThresholdsError, match=r"alert line \(0.05\) must be at or above the warn"):
        Threshold("disclosed", "above", 0.1, 0.05)
    with pytest.raises(ThresholdsError, match="'below' or 'above', not 'under'"):
        Threshold("disclosed", "under", 0.45, 0.40)
    with pytest.raises(ThresholdsError, match=r"a number, not '0\.4'"):
        Threshold("disclosed", "below", 0.45, "0.4")
    with pytest.raises(ThresholdsError, match="a number, not True"):
        Threshold("disclosed", "below", True, 0.4)
    with pytest.raises(ThresholdsError, match="finite number, not nan"):
        Threshold("disclosed", "below", float("nan"), 0.4)
    twice = Threshold("disclosed", "below", 0.45, 0.40)
    with pytest.raises(ThresholdsError, match="two thresholds on disclosed"):
        Thresholds((twice, twice))


def test_files_of_thresholds(tmp_path: Path) -> None:
    mine = Thresholds(
        (Threshold("completion", "below", 0.95, 0.9),), "ours", "our office's lines, 2025"
    )
    path = tmp_path / "ours.json"
    path.write_text(json.dumps(mine.to_dict()), encoding="utf-8")
    assert load_thresholds(path) == mine
    assert load_thresholds("peer-dashboard") is PRESETS["peer-dashboard"]
    cases = {
        "[]": "expected an object with a 'thresholds' list",
        '{"thresholds": [], "colour": 1}': "unknown keys 'colour'",
        '{"thresholds": {}}': "'thresholds' must be a list",
        '{"thresholds": [{"indicator": "completion"}]}': (
            "thresholds\\[0\\]: missing alert, direction, warn"
        ),
        '{"thresholds": [{"indicator": "x", "direction": "below", "warn": 1, "alert": 0}]}': (
            "thresholds\\[0\\]: no indicator 'x'"
        ),
        "{": "not JSON",
    }
    for text, message in cases.items():
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ThresholdsError, match=message) as caught:
            load_thresholds(path)
        assert str(caught.value).startswith(str(path)), caught.value
    with pytest.raises(ThresholdsError, match="neither a preset \\(peer-dashboard\\) nor a"):
        load_thresholds(tmp_path / "missing.json")
    with pytest.raises(ThresholdsError, match="no preset thresholds 'strict'"):
        Thresholds.preset("strict")


def test_the_preset_says_its_source() -> None:
    assert PEER.name == "peer-dashboard"
    assert "issue #25" in PEER.source
    for line in ("45%", "40%", "10%", "15%"):
        assert line in PEER.source
    lines = {t.indicator: (t.direction, t.warn, t.alert) for t in PEER}
    assert lines == {
        "disclosed": (Direction.BELOW, 0.45, 0.40),
        "reconsideration_corrected": (Direction.ABOVE, 0.10, 0.15),
        "litigation_corrected": (Direction.ABOVE, 0.10, 0.15),
    }


def test_messages() -> None:
    flag = PEER.flag("disclosed", 0.35, agency="甲局", year=2024)
    assert flag is not None
    assert flag.message("zh") == "予以公开率 35.0%，低于红色预警线 40.0%"
    assert flag.message("en") == "Disclosed rate 35.0%, below the alert line 40.0%"
    assert flag.message("zh", short=True) == "低于红色预警线 40.0%"
    warn = PEER.flag("litigation_corrected", 0.12)
    assert warn is not None
    assert warn.message("en") == "Litigation correction rate 12.0%, above the warning line 10.0%"
    assert PEER.flag("disclosed", None) is None
    assert PEER.flag("completion", 0.1) is None  # no threshold on it
    assert flag.to_dict()["message"]["zh"] == flag.message("zh")


def test_no_thresholds_no_flags() -> None:
    """Nothing is a default: a comparison, a benchmark and a page without thresholds have no
    flag, and the checks never read any."""
    corpus = ogr.Corpus(SMALL)
    assert corpus.benchmark("甲市乙区教育局", 2024).flags == ()
    assert corpus.compare("乙县人民政府").flags == ()
    assert 'class="ogr-flag-' not in corpus.to_html()
    assert ogr.check(SMALL[0]) == ogr.check(SMALL[0])  # no argument to give them


@pytest.mark.slow
def test_flags_on_the_corpus_page_and_in_the_workbook(tmp_path: Path) -> None:
    corpus = ogr.Corpus(SMALL)
    page = lxml_html.fromstring(corpus.to_html(thresholds=PEER))
    heads = ["".join(str(t) for t in th.itertext()) for th in page.iterfind(".//thead/tr/th")]
    assert "标记" in heads
    column = heads.index("标记")
    rows = {
        "".join(str(t) for t in tr.findall("td")[0].itertext()): tr.findall("td")
        for tr in page.iterfind(".//table[@class='ogr-summary']/tbody/tr")
    }
    worst = rows["甲市乙区教育局"][column]  # 予以公开率 20% and 行政复议纠错率 100%
    assert "ogr-flag-alert" in str(worst.get("class"))
    assert (
        "".join(str(t) for t in worst.itertext()) == "红色预警 予以公开率; 红色预警 行政复议纠错率"
    )
    assert "予以公开率 20.0%，低于红色预警线 40.0%" in str(worst.get("title"))
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "flags.xlsx"
    corpus.to_excel(path, thresholds=PEER, lang="en")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[-1] == "flags"
    sheet = book["flags"]
    header = [c.value for c in sheet[1]]
    assert header == [
        "agency",
        "year",
        "indicator",
        "value",
        "level",
        "direction",
        "line",
        "message",
    ]
    found = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    mine = [row[:7] for row in found if row[0] == "甲市乙区教育局"]
    assert mine == [
        ["甲市乙区教育局", 2024, "disclosed", 0.2, "alert", "below", 0.4],
        ["甲市乙区教育局", 2024, "reconsideration_corrected", 1.0, "alert", "above", 0.15],
    ]
    frame = corpus.flags_frame(PEER)
    assert len(frame) == len(found)
    assert set(frame["level"]) <= {"warn", "alert"}
    plain = tmp_path / "plain.xlsx"
    corpus.to_excel(plain, lang="en")
    assert "flags" not in openpyxl.load_workbook(plain).sheetnames
    assert book["flags"].cell(row=2, column=4).number_format == "0.0%"  # a rate's value
