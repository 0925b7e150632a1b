"""The documentation site builds with warnings treated as errors."""

import os
import re
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
    # every public method, those a report inherits among them; read and Limits at the top
    for name in ("check_series", "to_html", "to_markdown", "to_text", "aggregate", "entries"):
        assert name in api, name
    assert 'id="opengovreport.read"' in api
    assert 'id="opengovreport.Limits"' in api
    assert "disclosure_2021" in api  # the typed access to one edition's fields
    # a page per public module (the command line has its own page), the roles resolved
    package = ROOT / "src" / "opengovreport"
    modules = sorted(
        p.stem if p.is_file() else p.name
        for p in package.iterdir()
        if not p.name.startswith("_")
        and p.name != "cli.py"
        and (p.suffix == ".py" or (p / "__init__.py").exists())
    )
    assert {"plots", "corpus", "reading", "rendering", "checks"} <= set(modules)
    linked = 0
    for name in ["index", *modules]:
        path = (
            tmp_path / "site" / "api" / ("index.html" if name == "index" else f"{name}/index.html")
        )
        assert path.exists(), name
        page = path.read_text(encoding="utf-8")
        raw = re.findall(r":(?:func|class|meth|mod|attr|data|exc|obj):", page)
        assert not raw, (name, len(raw))
        linked += page.count('class="autorefs autorefs-internal"')
    assert linked > 150
    plots = (tmp_path / "site" / "api" / "plots" / "index.html").read_text(encoding="utf-8")
    assert 'id="opengovreport.plots.use_cjk_font"' in plots
    assert max(p.stat().st_size for p in (tmp_path / "site" / "api").rglob("*.html")) < 300_000
    install = (tmp_path / "site" / "install" / "index.html").read_text(encoding="utf-8")
    assert "opengovreport[all]" in install
    diagnostics = (tmp_path / "site" / "diagnostics" / "index.html").read_text(encoding="utf-8")
    assert "second-report" in diagnostics  # generated from the catalogue
    assert (tmp_path / "site" / "extending" / "index.html").exists()
    cli = (tmp_path / "site" / "cli" / "index.html").read_text(encoding="utf-8")
    assert "5 列空白" in cli  # sample output, run when the docs are built
    assert "examples:" in cli
    assert (tmp_path / "site" / "notebooks" / "05-many-reports" / "index.html").exists()
