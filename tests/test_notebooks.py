"""The example notebooks execute from top to bottom, so that they cannot rot."""

import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from wcwidth import wcswidth

import opengovreport as ogr

from .conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_there_are_seven_stories() -> None:
    assert [p.stem for p in NOTEBOOKS] == [
        "01-quickstart",
        "02-authoring",
        "03-checks",
        "04-parsing",
        "05-many-reports",
        "06-a-nations-reports",
        "07-an-agency-and-its-peers",
    ]


#: what each story shows besides text: pictures (the authoring one's is LibreOffice's print of
#: the document, or the table as HTML without it), and the findings drawn on the table
PICTURES = {
    "01-quickstart": 1,
    "02-authoring": 1 if shutil.which("soffice") else 0,
    "05-many-reports": 2,
    "07-an-agency-and-its-peers": 4,
}


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_executes(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MPLBACKEND", raising=False)  # the kernel draws inline, as in Jupyter
    nb = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
    # run where the repository is not: a notebook uses only what the package ships
    client = NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()  # raises CellExecutionError naming the cell on any error
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert outputs, "a notebook with no output tells no story"
    assert not [o for o in outputs if o.output_type == "error"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) >= PICTURES.get(path.stem, 0)
    if path.stem == "03-checks":
        assert any('class="ogr-finding' in o.get("data", {}).get("text/html", "") for o in outputs)
    if path.stem == "07-an-agency-and-its-peers":  # a comparison shows itself as its page
        assert any('class="ogr-explain"' in o.get("data", {}).get("text/html", "") for o in outputs)
    for cell in nb.cells:  # no notebook reads the project's files outside the package
        assert "../" not in cell.source
    # what a cell prints fits a notebook's width (05's findings were 1,100 columns of dashes)
    printed = [o.get("text", "") for o in outputs if o.output_type == "stream"]
    widest = max((wcswidth(line) for text in printed for line in text.splitlines()), default=0)
    assert widest <= 120, widest


@pytest.mark.slow
def test_progress_in_a_notebook(tmp_path: Path) -> None:
    from nbformat.v4 import new_code_cell, new_notebook

    for i in range(5):
        (tmp_path / f"r{i}.json").write_text(ogr.examples.text("synthetic-2021"), encoding="utf-8")
    nb = new_notebook(  # type: ignore[no-untyped-call]
        cells=[
            new_code_cell(  # type: ignore[no-untyped-call]
                f"import opengovreport as ogr\ncorpus = ogr.Corpus.from_folder({str(tmp_path)!r})"
            )
        ]
    )
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    shown = [o for o in nb.cells[0].outputs if o.output_type == "display_data"]
    assert shown, nb.cells[0].outputs
    assert "5/5 files" in shown[-1]["data"]["text/html"]
