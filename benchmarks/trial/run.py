"""The trial: every source report × every transformation, read as the .docx and as the PDF
LibreOffice prints of it; every cell compared with the truth.

    python benchmarks/trial/run.py [--only T1,T2] [--sources S1,S2] [--no-pdf] [--out DIR]
                                   [--kept]

``--kept``: the PDFs an earlier run printed into ``--out`` read again, not printed anew (the
same bytes read by another branch's code; LibreOffice's printing is most of a run's time).

Prints per transformation and format: cases, statuses, cases `ok` with a wrong or missing cell,
cases with a wrong cell named by nothing (and how many such cells), and the share of the truth's
cells read right (with the wrong ones, all named or not, and the missing ones)."""

import argparse
import json
import shutil
import subprocess
import sys
import traceback
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from sources import sources  # noqa: E402
from transforms import TRANSFORMS  # noqa: E402

import opengovreport as ogr  # noqa: E402

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def same(read: object, printed: object) -> bool:
    if read is None or printed is None:
        return read is printed
    return Decimal(str(read)) == Decimal(str(printed))


def measure(data: bytes | Path, truth: dict[str, object]) -> dict[str, object]:
    result = ogr.read(data)
    report = result.found
    read = dict(report.cells()) if report is not None else {}
    named: set[str] = set()
    for d in result.diagnostics:
        if d.severity.rank >= ogr.Severity.WARNING.rank:
            named.update(d.cells)
    if report is not None:
        for f in ogr.check(report).findings:
            if f.severity.rank >= ogr.Severity.WARNING.rank:
                named.update(c.path for c in f.cells)
    wrong, missing, unnamed = [], [], []
    for path, printed in truth.items():
        value = read.get(path)
        if same(value, printed):
            continue
        if value is None:
            missing.append(path)
        else:
            wrong.append(path)
            if path not in named:
                unnamed.append(f"{path}: printed {printed}, read {value}")
    return {
        "status": result.status.value,
        "quality": result.quality,
        "wrong": len(wrong),
        "missing": len(missing),
        "cells": len(truth),
        "unnamed": unnamed,
        "ok_bad": result.status is ogr.ReadStatus.OK and bool(wrong or missing),
    }


def convert(folder: Path) -> None:
    docs = sorted(str(p) for p in folder.glob("*.docx"))
    if not docs:
        return
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{HERE / 'out' / '.profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *docs,
        ],
        capture_output=True,
        timeout=1800,
        check=False,
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", default="")
    ap.add_argument("--sources", default="")
    ap.add_argument("--no-pdf", action="store_true")
    ap.add_argument("--out", default=str(HERE / "out"))
    ap.add_argument("--kept", action="store_true")
    args = ap.parse_args()
    out = Path(args.out)
    names = args.only.split(",") if args.only else list(TRANSFORMS)
    wanted = set(args.sources.split(",")) if args.sources else None
    srcs = [(n, r) for n, r in sources() if wanted is None or n in wanted]
    rows = []
    for t in names:
        folder = out / t
        folder.mkdir(parents=True, exist_ok=True)
        truths = {}
        for name, report in srcs:
            try:
                data, truth = TRANSFORMS[t](report)
            except Exception:
                print("transform failed", t, name, traceback.format_exc(limit=2), file=sys.stderr)
                continue
            (folder / f"{name}.docx").write_bytes(data)
            truths[name] = truth
            (folder / f"{name}.truth.json").write_text(
                json.dumps({k: (str(v) if v is not None else None) for k, v in truth.items()}),
                encoding="utf-8",
            )
            rows.append({"t": t, "src": name, "fmt": "docx", **measure(data, truth)})
        if not args.no_pdf and (SOFFICE or args.kept):
            if not args.kept:
                for stale in folder.glob("*.pdf"):
                    stale.unlink()
                convert(folder)
            for name, truth in truths.items():
                pdf = folder / f"{name}.pdf"
                if not pdf.exists():
                    print("no pdf", t, name, file=sys.stderr)
                    continue
                rows.append({"t": t, "src": name, "fmt": "pdf", **measure(pdf, truth)})
        for r in rows:
            if r["t"] == t and (r["ok_bad"] or r["unnamed"]):
                print(
                    "  BREAK",
                    r["t"],
                    r["fmt"],
                    r["src"],
                    r["status"],
                    "wrong",
                    r["wrong"],
                    "missing",
                    r["missing"],
                    "unnamed",
                    r["unnamed"][:3],
                    flush=True,
                )
        print("done", t, flush=True)
    with open(out / "results.jsonl", "a", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    summary(rows)


def summary(rows: list[dict[str, object]]) -> None:
    by: dict[tuple[str, str], list[dict[str, object]]] = defaultdict(list)
    for r in rows:
        by[(str(r["t"]), str(r["fmt"]))].append(r)
    print(
        "| transformation | format | cases | statuses | ok with wrong/missing"
        " | wrong unnamed (cases; cells) | cells right (wrong; missing) |"
    )
    print("|---|---|---|---|---|---|---|")
    for (t, fmt), rs in by.items():
        st = Counter(str(r["status"]) for r in rs)
        okbad = sum(bool(r["ok_bad"]) for r in rs)
        un = [r for r in rs if r["unnamed"]]
        cells = sum(len(r["unnamed"]) for r in un)  # type: ignore[arg-type]
        sts = ", ".join(f"{k} {v}" for k, v in sorted(st.items()))
        total = sum(int(r["cells"]) for r in rs)  # type: ignore[call-overload]
        wrong = sum(int(r["wrong"]) for r in rs)  # type: ignore[call-overload]
        missing = sum(int(r["missing"]) for r in rs)  # type: ignore[call-overload]
        right = f"{(total - wrong - missing) / total:.1%}" if total else "—"
        print(
            f"| {t} | {fmt} | {len(rs)} | {sts} | {okbad} | {len(un)}; {cells}"
            f" | {right} ({wrong}; {missing}) |"
        )


if __name__ == "__main__":
    main()
