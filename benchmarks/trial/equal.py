"""Each input's read() as one line (status, quality, diagnostics with fields and messages, the
reasons, the report's JSON; a file that holds no report has its status and reasons):
run under main's code and this branch's, the outputs compared line by line.

    PYTHONPATH=. python benchmarks/trial/equal.py OUT.txt [DIR …]

(``PYTHONPATH=<main>/src:.`` for main's code.)

The trial's documents (``out/``), and every document and PDF under each ``DIR`` given (a
run's ``--out`` kept elsewhere; other prints), and every PDF under ``out/``."""

import hashlib
import json
import sys
from pathlib import Path

import opengovreport as ogr

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from sources import sources  # noqa: E402


def inputs(folders: "list[Path]") -> list[tuple[str, bytes]]:
    out = []
    shared = Path("/work/shared")
    for p in sorted((shared / "seeds").glob("*")) + sorted((shared / "corpus").rglob("*")):
        if p.is_file() and not p.name.endswith((".json", ".md")):
            out.append((str(p), p.read_bytes()))
    for name, report in sources():
        out.append((f"{name}.txt", report.to_text().encode()))
        out.append((f"{name}.md", report.to_markdown().encode()))
        out.append((f"{name}.html", report.to_html().encode()))
    for p in sorted((HERE / "out").rglob("*.docx")):
        out.append((str(p.relative_to(HERE)), p.read_bytes()))
    for p in sorted(p for folder in folders for p in folder.rglob("*.docx")):
        out.append((str(p), p.read_bytes()))
    for folder in [HERE / "out", *folders]:
        for p in sorted(folder.rglob("*.pdf")):
            out.append((str(p), p.read_bytes()))
    return out


def line(data: bytes) -> str:
    r = ogr.read(data)
    body = {
        "status": r.status.value,
        "quality": r.quality,
        "diagnostics": [d.to_dict() for d in r.diagnostics],
        "messages": [d.message("en") for d in r.diagnostics],
        "reasons": [x.to_dict() for x in r.reasons],
        "report": ogr.dumps(r.found) if r.found is not None else None,
    }
    return hashlib.sha256(json.dumps(body, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


if __name__ == "__main__":
    with open(sys.argv[1], "w", encoding="utf-8") as f:
        for name, data in inputs([Path(d) for d in sys.argv[2:]]):
            f.write(f"{name}\t{line(data)}\n")
