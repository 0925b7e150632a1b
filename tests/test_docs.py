"""The documentation site builds with warnings treated as errors."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT


@pytest.mark.slow
def test_docs_build_strict(tmp_path: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    rules = (tmp_path / "site" / "rules" / "index.html").read_text(encoding="utf-8")
    assert "收支平衡" in rules  # generated from the catalogue
    api = (tmp_path / "site" / "api" / "index.html").read_text(encoding="utf-8")
    # every public method, those a report inherits among them
    for name in ("check_series", "to_html", "to_markdown", "to_text", "aggregate", "entries"):
        assert name in api, name
    assert "disclosure_2021" in api  # the typed access to one edition's fields
    diagnostics = (tmp_path / "site" / "diagnostics" / "index.html").read_text(encoding="utf-8")
    assert "second-report" in diagnostics  # generated from the catalogue
    assert (tmp_path / "site" / "extending" / "index.html").exists()
    cli = (tmp_path / "site" / "cli" / "index.html").read_text(encoding="utf-8")
    assert "5 列空白" in cli  # sample output, run when the docs are built
    assert "examples:" in cli
    assert (tmp_path / "site" / "notebooks" / "05-many-reports" / "index.html").exists()
