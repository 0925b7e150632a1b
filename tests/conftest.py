import contextlib
import io
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "default", deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=100
)
# HYPOTHESIS_PROFILE=heavy for a long local run of every property
settings.register_profile(
    "heavy", deadline=None, suppress_health_check=list(HealthCheck), max_examples=1000
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
# pictures are drawn without a display
os.environ.setdefault("MPLBACKEND", "Agg")

ROOT = Path(__file__).resolve().parent.parent
#: ../shared beside the checkout: the spec, the seed report and the corpus (may be absent);
#: OGR_SHARED names it for a checkout elsewhere (a worktree)
SHARED = Path(os.environ.get("OGR_SHARED") or ROOT.parent / "shared")
SEED = SHARED / "seeds" / "000_78abebdfa8884d6e.txt"


@pytest.fixture(autouse=True)
def _no_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test depends on the width of the terminal it runs in: ``COLUMNS`` is unset (a test
    of the width sets it)."""
    monkeypatch.delenv("COLUMNS", raising=False)


@pytest.fixture
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"seed report not found at {SEED}")
    return SEED.read_text(encoding="utf-8")


class Run:
    """What a command line run gave: its exit status and what it wrote."""

    def __init__(self, returncode: int, stdout: str, stderr: str, data: bytes):
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr
        #: standard output as bytes (a binary format)
        self.data = data


def run_cli(*args: str, stdin: str | bytes | None = None) -> Run:
    """``opengovreport ARGS`` in this process (``cli.main``), standard streams captured."""
    from opengovreport import cli

    raw = stdin.encode("utf-8") if isinstance(stdin, str) else (stdin or b"")
    out, err = io.BytesIO(), io.StringIO()
    fake_in = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8")
    fake_out = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
    with (
        contextlib.redirect_stderr(err),
        _swap("stdin", fake_in),
        _swap("stdout", fake_out),
    ):
        code = cli.main(list(args))
        fake_out.flush()
    data = out.getvalue()
    return Run(code, data.decode("utf-8", "replace"), err.getvalue(), data)


@contextlib.contextmanager
def _swap(name: str, stream: object) -> "Iterator[object]":
    old = getattr(sys, name)
    setattr(sys, name, stream)
    try:
        yield stream
    finally:
        setattr(sys, name, old)
