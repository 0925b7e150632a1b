"""The example notebooks execute from top to bottom, so that they cannot rot."""

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from .conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_there_are_five_stories() -> None:
    assert [p.stem for p in NOTEBOOKS] == [
        "01-quickstart",
        "02-authoring",
        "03-checks",
        "04-parsing",
        "05-many-reports",
    ]


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_executes(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
    client = NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute()  # raises CellExecutionError naming the cell on any error
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert outputs, "a notebook with no output tells no story"
    assert not [o for o in outputs if o.output_type == "error"]
