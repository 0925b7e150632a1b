"""Reading scans: the share of table cells right, wrong, blank and repaired, and pages a second
on one core, over scans made from what we have with the truth known.

The set: the packaged PDF (淮安市洪泽区人民政府 on 2024, 5 pages; its truth is its text layer,
read ``ok``) and, where Chromium is installed, the examples gaoqing-2020 and synthetic-2021
printed as their web pages (their truth: the example) — each rasterised at 100, 150 and 200 dpi;
at 150 dpi as a JPEG of quality 60, turned by 1.5° and by −2°, blurred with noise, and turned on
its side (90°); and as an image-only PDF (no text layer), its pictures JPEG q75 (as Pillow
writes them) and lossless. Each scan is one file (a TIFF of its pages, or the PDF) given to
``read()``.

Goals (issue 22): ≥ 99 % of table cells right; no wrong cell without a diagnostic that names it;
every repaired cell named; ``read()`` of a scan at most ~5 s a page on one core. The time is the
process's CPU time (the OCR runs on one thread), and, against it, the same report read from its
text layer in the same run (the yardstick).

``--engines`` compares the engines on the 150 dpi scans: RapidOCR (PP-OCRv4, the one used) and
Tesseract ``chi_sim`` (Debian's ``tesseract-ocr-chi-sim``), each one's words placed by the same
code.

    python benchmarks/bench_ocr.py                 # the whole set (several minutes)
    python benchmarks/bench_ocr.py --quick         # the packaged PDF at 150 dpi only
    python benchmarks/bench_ocr.py --engines
    python benchmarks/bench_ocr.py --source gaoqing-2020 --scan "100 dpi" --scan blur
"""

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests: scans and prints

from tests.pdfs import CHROMIUM, printed
from tests.scans import degraded, image_file, image_pdf, rasters, score

import opengovreport as ogr
from opengovreport import examples

HONGZE = Path(examples.__file__).parent / "published" / "hongze-quzhengfu-2024.pdf"
NO_LIMIT = ogr.Limits(seconds=None)


def sources(quick: bool, chosen: list[str] | None = None) -> list[tuple[str, bytes, Any]]:
    """(name, PDF, the report it holds) of each source (those ``chosen``, where given)."""
    out = []
    if not chosen or "hongze-2024" in chosen:
        data = HONGZE.read_bytes()
        out.append(("hongze-2024", data, ogr.read(data).report))
    if quick or CHROMIUM is None:
        return out
    folder = Path(tempfile.mkdtemp())
    for name in ("gaoqing-2020", "synthetic-2021"):
        if chosen and name not in chosen:
            continue
        report = examples.load(name)
        out.append((name, printed(report, folder, name).read_bytes(), report))
    return out


def tiff(pictures: list[Any]) -> bytes:
    first, *rest = pictures
    return image_file(first, "TIFF", save_all=True, append_images=rest, compression="tiff_lzw")


def variants(pdf: bytes, quick: bool) -> list[tuple[str, bytes, int]]:
    """(name, file, pages) of each scan of ``pdf``."""
    at150 = rasters(pdf, 150)
    pages = len(at150)
    if quick:
        return [("150 dpi", tiff(at150), pages)]
    out = [(f"{dpi} dpi", tiff(rasters(pdf, dpi)), pages) for dpi in (100, 200)]
    out.insert(1, ("150 dpi", tiff(at150), pages))
    turned = [degraded(p, turn=1.5) for p in at150]
    out += [
        ("150 dpi JPEG q60", tiff([degraded(p, jpeg=60) for p in at150]), pages),
        ("150 dpi turned 1.5°", tiff(turned), pages),
        ("150 dpi turned −2°", tiff([degraded(p, turn=-2) for p in at150]), pages),
        (
            "150 dpi blur + noise + JPEG",
            tiff([degraded(p, blur=0.7, noise=10, jpeg=75, seed=k) for k, p in enumerate(at150)]),
            pages,
        ),
        ("150 dpi on its side (90°)", tiff([degraded(p, turn=90) for p in at150]), pages),
        ("image-only PDF (JPEG q75)", image_pdf(at150, 150), pages),
        ("image-only PDF (lossless)", image_pdf(at150, 150, lossless=True), pages),
    ]
    return out


def cpu(fn: Callable[[], Any]) -> tuple[Any, float]:
    start = time.process_time()
    result = fn()
    return result, time.process_time() - start


def load() -> str:
    """The machine's load average: CPU seconds rise with it (other work on the cores)."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} (1, 5, 15 minutes)"


def run(quick: bool, chosen: list[str] | None = None, scans: list[str] | None = None) -> None:
    print(f"Python {platform.python_version()} on {platform.machine()}; CPU time, one thread")
    print(load())
    header = f"{'scan':34} {'cells':>5} {'right':>7} {'blank':>5} {'wrong':>5} {'unnamed':>7} "
    header += f"{'repaired':>8} {'named':>5} {'s/page':>6}  status"
    totals: dict[str, dict[str, float]] = {}
    for name, pdf, truth in sources(quick, chosen):
        text, yard = cpu(lambda pdf=pdf: ogr.read(pdf))
        print(f"\n{name}: its text layer read in {yard:.3f} s ({text.status})")
        print(header)
        for label, data, pages in variants(pdf, quick):
            if scans and not any(part in label for part in scans):
                continue
            result, seconds = cpu(lambda data=data: ogr.read(data, limits=NO_LIMIT))
            s = score(truth, result)
            group = totals.setdefault(label if label.endswith("dpi") else "other", {})
            for key, value in s.items():
                group[key] = group.get(key, 0) + value
            group["seconds"] = group.get("seconds", 0) + seconds
            group["pages"] = group.get("pages", 0) + pages
            share = s["right"] / s["cells"] if s["cells"] else 0.0
            print(
                f"{label:34} {s['cells']:5} {share:7.2%} {s['blank']:5} {s['wrong']:5} "
                f"{s['unnamed']:7} {s['repaired']:8} {s['told']:5} {seconds / pages:6.2f}  "
                f"{result.status}"
            )
        a_page = yard / len(rasters(pdf, 72))
        print(f"the text layer: {a_page:.4f} s a page (the yardstick of s/page above)")
    print("\nby resolution (all sources):")
    for label, group in totals.items():
        share = group["right"] / group["cells"] if group["cells"] else 0.0
        print(
            f"  {label:10} {share:7.2%} right, {int(group['wrong'])} wrong "
            f"({int(group['unnamed'])} unnamed), {int(group['blank'])} blank, "
            f"{group['seconds'] / group['pages']:.2f} s a page "
            f"({group['pages'] / group['seconds']:.2f} pages a second)"
        )
    print(load())


# --- the engines compared -----------------------------------------------------------------------


def tesseract_page(picture: Any, number: int) -> Any:
    """A page read by Tesseract ``chi_sim``: its words (TSV) placed by the same code."""
    import numpy as np

    from opengovreport.reading._ruling import Ink, _rules
    from opengovreport.reading._scan import Page, Word

    with tempfile.NamedTemporaryFile(suffix=".png") as file:
        picture.save(file.name)
        done = subprocess.run(
            ["tesseract", file.name, "stdout", "-l", "chi_sim", "--psm", "3", "tsv"],
            capture_output=True,
            check=True,
            env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"},
        )
    words = []
    for line in done.stdout.decode("utf-8").splitlines()[1:]:
        fields = line.split("\t")
        if len(fields) < 12 or fields[0] != "5" or not fields[11].strip():
            continue
        left, top, width, height = map(float, fields[6:10])
        words.append(
            Word(fields[11].strip(), left, top, left + width, top + height, float(fields[10]) / 100)
        )
    image = np.asarray(picture.convert("L"))
    heights = sorted(w.height for w in words) or [20.0]
    rules = tuple(_rules(image, heights[len(heights) // 2]))
    return Page(number, tuple(words), rules, Ink(image))


def engines() -> None:
    import attrs

    from opengovreport.reading._lines import read_text
    from opengovreport.reading._parse import from_document
    from opengovreport.reading._scan import scan_text

    print("engine      source           cells   right  wrong  blank  s/page")
    for name, pdf, truth in sources(quick=False):
        pictures = rasters(pdf, 150)
        scan = tiff(pictures)
        result, seconds = cpu(lambda scan=scan: ogr.read(scan, limits=NO_LIMIT))
        s = score(truth, result)
        print(
            f"RapidOCR    {name:16} {s['cells']:5} {s['right'] / s['cells']:7.2%} "
            f"{s['wrong']:6} {s['blank']:6} {seconds / len(pictures):7.2f}"
        )
        start = time.process_time()
        wall = time.perf_counter()
        pages = [tesseract_page(p, k) for k, p in enumerate(pictures, start=1)]
        doc = attrs.evolve(read_text(scan_text(pages), wrapped=False), format="ocr")
        try:
            other = from_document(doc, "image", "tesseract")
            s = score(truth, other)
        except ogr.ParseError:
            s = {"cells": 1, "right": 0, "wrong": 0, "blank": 1}
        # Tesseract runs in its own process: its time is the wall time (one thread)
        seconds = max(time.process_time() - start, time.perf_counter() - wall)
        print(
            f"Tesseract   {name:16} {s['cells']:5} {s['right'] / s['cells']:7.2%} "
            f"{s['wrong']:6} {s['blank']:6} {seconds / len(pictures):7.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the packaged PDF at 150 dpi")
    parser.add_argument("--engines", action="store_true", help="RapidOCR against Tesseract")
    parser.add_argument(
        "--source",
        action="append",
        choices=("hongze-2024", "gaoqing-2020", "synthetic-2021"),
        help="only this source (repeatable)",
    )
    parser.add_argument(
        "--scan", action="append", help="only the scans whose name holds this (repeatable)"
    )
    args = parser.parse_args()
    if args.engines:
        engines()
    else:
        run(args.quick, args.source, args.scan)


if __name__ == "__main__":
    main()
