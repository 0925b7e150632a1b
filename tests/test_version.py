"""The version is written once (``opengovreport.__version__``): the package's metadata, what
pip installs and ``opengovreport --version`` all say it."""

import importlib.metadata
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import opengovreport

from .conftest import ROOT, run_cli


def test_the_metadata_is_the_version() -> None:
    assert importlib.metadata.version("opengovreport") == opengovreport.__version__
    result = run_cli("--version")
    assert result.stdout == f"opengovreport {opengovreport.__version__}\n"
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject
    assert "\nversion =" not in pyproject.split("[tool.setuptools.dynamic]")[0]


@pytest.mark.slow
def test_pip_install_then_version_equals_the_metadata(tmp_path: Path) -> None:
    """``pip install .`` (offline: no index, the build backend of this environment) of a copy
    of the checkout, then the installed command's ``--version`` and the installed metadata."""
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "src", source / "src", ignore=shutil.ignore_patterns("*.egg-info", "__pycache__")
    )
    target = tmp_path / "installed"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
         "--no-build-isolation", "--target", str(target), str(source)],
        check=True,
        capture_output=True,
        timeout=300,
    )  # fmt: skip
    (dist,) = importlib.metadata.distributions(path=[str(target)])
    assert dist.metadata["Name"] == "opengovreport"
    env = {**os.environ, "PYTHONPATH": str(target)}
    command = target / "bin" / "opengovreport"
    shown = subprocess.run(
        [sys.executable, str(command), "--version"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    assert shown == f"opengovreport {dist.version}\n"
    assert dist.version == opengovreport.__version__
