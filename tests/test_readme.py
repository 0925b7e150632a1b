"""The README's commands are the ones CI runs."""

import re
from pathlib import Path

from .conftest import ROOT


def _commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```bash\n(.+?)\n```", readme)


def test_readme_opens_with_two_commands() -> None:
    first, second = _commands()[:2]
    assert "opengovreport example gaoqing-2020" in first
    assert second.endswith("pytest")


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert _commands()[1] in ci


def _run_python_blocks(path: Path) -> dict[str, object]:
    text = path.read_text(encoding="utf-8")
    namespace: dict[str, object] = {}
    for block in re.findall(r"```python\n(.+?)```", text, flags=re.S):
        exec(compile(block, str(path), "exec"), namespace)
    return namespace


def test_readme_python_example_runs() -> None:
    namespace = _run_python_blocks(ROOT / "README.md")
    assert namespace["result"].ok  # type: ignore[attr-defined]


def test_guide_python_examples_run() -> None:
    """The user guide's Python blocks run, in order, in one namespace."""
    namespace = _run_python_blocks(ROOT / "docs" / "guide.md")
    import opengovreport as ogr

    broken = namespace["broken"]
    assert isinstance(broken, ogr.Report)
    assert not ogr.check(broken).ok
    parsed = namespace["result"]
    assert isinstance(parsed, ogr.ParseResult)
    assert parsed.report == ogr.examples.load("synthetic-2021")
    scanned = namespace["scanned"]  # the packaged PDF made a scan, read by OCR
    assert isinstance(scanned, ogr.ParseResult)
    assert scanned.reader == "rapidocr"
    assert scanned.report is not None
    assert scanned.cells_read > 150
    corpus = namespace["corpus"]
    assert isinstance(corpus, ogr.Corpus)
    assert len(corpus) == 2
    assert [Path(e.source).name for e in corpus.errors] == ["notes.txt"]
    # every cell of both reports (2019: 198; 2021: 200), and the 2021 （六） items summed (7)
    assert len(namespace["tidy"]) == 198 + 200 + 7  # type: ignore[arg-type]
    assert namespace["changes"]
