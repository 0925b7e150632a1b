"""The README's commands are the ones CI runs."""

import re

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


def test_readme_python_examples_run() -> None:
    """The README's Python blocks run, in order, in one namespace."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    namespace: dict[str, object] = {}
    for block in re.findall(r"```python\n(.+?)```", readme, flags=re.S):
        exec(compile(block, "README.md", "exec"), namespace)
    import opengovreport as ogr

    broken = namespace["broken"]
    assert isinstance(broken, ogr.Report)
    assert not ogr.check(broken).ok
    parsed = namespace["result"]
    assert isinstance(parsed, ogr.ParseResult)
    assert parsed.report == ogr.examples.load("synthetic-2021")
