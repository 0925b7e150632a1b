"""Write and execute the example notebooks in notebooks/ (their outputs are committed).

    python tools/make_notebooks.py          # after a change to the API or the examples

Each notebook tells one story; tests/test_notebooks.py executes them all again so that they
cannot rot.
"""

from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent.parent / "notebooks"

NOTEBOOKS: dict[str, list[tuple[str, str]]] = {
    "01-quickstart": [
        (
            "md",
            "# Quickstart\n\nThe packaged seed report — a real 2020 report of 高青县投资促进中心 in the "
            "2019 edition — loaded, displayed, checked and rendered in three formats.",
        ),
        (
            "code",
            'import opengovreport as ogr\n\nreport = ogr.examples.load("gaoqing-2020")\nreport',
        ),
        (
            "md",
            "A report knows its edition and holds every cell as printed. A cell is an attribute, "
            "or a path:",
        ),
        ("code", "report.meta.agency, report.meta.year, report.edition"),
        ("code", "report.disclosure.item5.other_services  # 17 last year, +2, 19"),
        ("code", 'report.cell("requests.total_handled.total")'),
        ("md", "In a notebook a table displays as the official table, merged headers and all:"),
        ("code", "report.requests"),
        ("md", "Check the 勾稽关系. The seed's tables are all consistent:"),
        ("code", "result = ogr.check(report)\nresult.ok, len(result)"),
        ("md", "Render it as Markdown and as plain text (aligned for Chinese):"),
        ("code", "print(report.appeals.to_markdown())"),
        ("code", "print(report.disclosure.to_text())"),
        ("code", "html = report.to_html(standalone=True)\nlen(html), html[:60]"),
        ("md", "And the strict JSON form round-trips:"),
        ("code", "ogr.loads(ogr.dumps(report)) == report"),
    ],
    "02-authoring": [
        (
            "md",
            "# Authoring a report\n\nAn office builds its 2021-edition report from a script: "
            "the builders compute every 总计, the （七）总计 row and the carried-forward row.",
        ),
        (
            "code",
            "import attrs\nimport opengovreport as ogr\nfrom opengovreport import builders\n\n"
            'report = builders.new_report("某某县人民政府", 2024)\nreport.edition, report.requests.other_handling_itemized',
        ),
        (
            "code",
            "requests = builders.requests_table({\n"
            '    "new_received": (120, 8, 0, 1, 2, 1),\n'
            '    "carried_over": (6, 0, 0, 0, 0, 0),\n'
            '    "disclosed": (70, 5, 0, 1, 1, 0),\n'
            '    "partially_disclosed": (12, 1, 0, 0, 0, 0),\n'
            '    "withheld.third_party_rights": (3, 0, 0, 0, 0, 0),\n'
            '    "unable_to_provide.not_held": (25, 1, 0, 0, 1, 1),\n'
            '    "not_processed.repeated": (4, 0, 0, 0, 0, 0),\n'
            '    "other_handling.overdue_correction": (2, 0, 0, 0, 0, 0),\n'
            "})\nrequests.total_handled, requests.carried_forward",
        ),
        (
            "code",
            "disclosure = builders.disclosure_table(ogr.Edition.E2021, {\n"
            '    "item1.normative_documents.issued": 5,\n'
            '    "item1.normative_documents.in_force": 42,\n'
            '    "item5.licensing.decisions": 3120,\n'
            '    "item6.penalties.decisions": 860,\n'
            '    "item8.fees.amount": "12.5",\n'
            "})\n"
            "appeals = builders.appeals_table(reconsideration=(2, 1, 0, 0))\n"
            "report = attrs.evolve(report, disclosure=disclosure, requests=requests, appeals=appeals)",
        ),
        ("md", "Check before publishing; a strict check raises with every finding:"),
        ("code", "ogr.check(report, strict=True)"),
        ("md", "A typo in a total is caught and named:"),
        (
            "code",
            'typo = report.with_cell("requests.disclosed.total", 70)\n'
            "try:\n    ogr.check(typo, strict=True)\nexcept ogr.CheckError as exc:\n    print(exc)",
        ),
        ("md", "Export the page for the website:"),
        (
            "code",
            "from pathlib import Path\nimport tempfile\n\n"
            'page = Path(tempfile.mkdtemp()) / "report.html"\n'
            'page.write_text(report.to_html(standalone=True), encoding="utf-8")\n'
            "page.stat().st_size > 0",
        ),
    ],
    "03-checks": [
        (
            "md",
            "# Checks in depth\n\nEvery identity of the format is a rule in a catalogue, "
            "evaluated by one engine.",
        ),
        (
            "code",
            "import pandas as pd\nimport opengovreport as ogr\n\n"
            "pd.DataFrame([(r.code, r.severity.value, r.status.value, r.title.zh, r.title.en)\n"
            "              for r in ogr.checks.catalog()],\n"
            '             columns=["code", "severity", "status", "title", "gloss"])',
        ),
        (
            "md",
            "A report with broken totals — as real reports have them (one printed reconsideration "
            "10 + 1 + 0 + 0 with 总计 0):",
        ),
        (
            "code",
            'report = ogr.examples.load("synthetic-2021")\n'
            "broken = (report\n"
            '    .with_cell("appeals.reconsideration.total", 0)\n'
            '    .with_cell("requests.withheld.state_secret.natural_person", 5)\n'
            '    .with_cell("requests.disclosed.other_org", None)\n'
            '    .with_cell("disclosure.item1.rules.in_force", 1))\n'
            "result = ogr.check(broken)\nresult",
        ),
        ("code", 'print(result.summary("en"))'),
        (
            "md",
            "Each finding names the cells by path and by printed label, the printed and computed "
            "values, and the difference:",
        ),
        (
            "code",
            'f = result.filter(code="I4").findings[0]\n'
            "f.paths, f.cells[0].label, f.printed, f.computed, f.difference",
        ),
        ("code", 'result.filter(severity="not_assessable").findings[0].message_en'),
        ("md", "Filter, and serialise:"),
        ("code", 'len(result.filter(table=3)), len(result.filter(min_severity="warning"))'),
        ("code", 'print(result.filter(code="T3").to_json()[:400])'),
    ],
    "04-parsing": [
        (
            "md",
            "# Reading published reports\n\nReports come as PDFs, Word documents and web pages. "
            "`ogr.read` takes a file, tells its kind from its content, and says what became of "
            "it and what it guessed. Everything below runs anywhere: the files are shipped with "
            "the package or made here.",
        ),
        (
            "code",
            "import opengovreport as ogr\nfrom opengovreport import examples\n\n"
            "examples.published()",
        ),
        ("md", "## A PDF, as published\n\n淮安市洪泽区人民政府's report on 2024, five pages:"),
        (
            "code",
            'pdf = examples.path("hongze-quzhengfu-2024.pdf")\n'
            "result = ogr.read(pdf)\n"
            "result.status, result.format, result.reader, result.quality",
        ),
        ("code", "result.report.requests"),
        (
            "md",
            "Every guess is a diagnostic with its line (in the text the reader made, "
            "`ogr.reading.extract_text(pdf)`) and what it saw. This report prints （六）其他处理 "
            "as one row in the 2021 edition and carries a label typo:",
        ),
        ("code", "for d in result.diagnostics:\n    print(d)"),
        ("code", "ogr.check(result.report).counts()"),
        (
            "md",
            "*info* is a variant read as expected; *warning* is a guess worth a look; *error* "
            "means data is missing — the cells stay blank rather than invented.\n\n"
            "## A crawled page\n\nA crawler's text of 平潭综合实验区's page: metadata lines, then "
            "the whole report on one line, and table 3's cells run together "
            "(`713000074` is 71 3 0 0 0 0 74):",
        ),
        (
            "code",
            'crawled = ogr.read(examples.path("pingtan-zongheshiyanqu-2022.crawled.txt"))\n'
            "crawled.status, crawled.cells_read, crawled.cells_rebuilt, crawled.cells_missing",
        ),
        (
            "md",
            "Each run of digits is read the one way the printed totals allow; a run that reads "
            "several ways stays blank, with the readings listed:",
        ),
        (
            "code",
            "for d in crawled.diagnostics:\n"
            '    if d.code in ("rebuilt", "rebuild-ambiguous") and "table 2" in d.message:\n'
            "        print(d)\n"
            "crawled.report.requests.new_received",
        ),
        (
            "md",
            "## Word documents and web pages\n\nMade here from the packaged example: a Word "
            "document (merged table cells and all) and the same report as a web page in GBK.",
        ),
        (
            "code",
            "import pathlib, tempfile\n\n"
            'report = examples.load("synthetic-2021")\n'
            "folder = pathlib.Path(tempfile.mkdtemp())\n"
            '(folder / "report.docx").write_bytes(report.to_docx())\n'
            'page = report.to_html(standalone=True).replace("utf-8", "gbk")\n'
            '(folder / "page.html").write_bytes(page.encode("gbk"))\n'
            "[(p.name, ogr.read(p).status.value, ogr.read(p).report == report)\n"
            " for p in sorted(folder.iterdir())]",
        ),
        (
            "md",
            "## A folder of files\n\nWhat is not a report gets its status; nothing stops the "
            "rest. Sort by quality to see the files to look at first:",
        ),
        (
            "code",
            "for name in examples.published():\n"
            "    (folder / name).write_bytes(examples.path(name).read_bytes())\n"
            '(folder / "scan.pdf").write_bytes(b"%PDF-1.4 not really")\n'
            "corpus = ogr.Corpus.from_folder(folder, progress=False)\n"
            'corpus.files_frame().sort_values("quality")[["source", "status", "reader", "quality", "reason"]]',
        ),
    ],
    "05-many-reports": [
        (
            "md",
            "# Many reports\n\nA corpus of agencies and years: sums, cross-year checks, pandas, a plot.",
        ),
        (
            "code",
            "import random\nimport matplotlib.pyplot as plt\nimport opengovreport as ogr\n"
            "from opengovreport import builders\n\n"
            "rng = random.Random(1)\n\n"
            "def year(agency, y, carried_over):\n"
            '    """One year\'s report; 上年结转 is last year\'s 结转下年度."""\n'
            "    rows = {p: tuple(rng.randint(0, 30) for _ in range(6))\n"
            '            for p in ("disclosed", "unable_to_provide.not_held", "not_processed.repeated")}\n'
            "    handled = [sum(r[i] for r in rows.values()) for i in range(6)]\n"
            "    forward = [max(rng.randint(0, 6), o - h) for o, h in zip(carried_over, handled)]\n"
            '    rows["carried_over"] = carried_over\n'
            '    rows["new_received"] = tuple(h + f - o for h, f, o in zip(handled, forward, carried_over))\n'
            "    report = builders.new_report(agency, y, fill=0)\n"
            "    return report.__class__(report.meta, report.overview, report.disclosure,\n"
            "                            builders.requests_table(rows, carried_forward=forward),\n"
            "                            builders.appeals_table((rng.randint(0, 3), 0, 0, 1)),\n"
            "                            report.problems, report.other_matters)\n\n"
            "reports = []\n"
            'for agency in ("甲局", "乙局", "丙局"):\n'
            "    carried = (0,) * 6\n"
            "    for y in range(2021, 2025):\n"
            "        report = year(agency, y, carried)\n"
            "        forward = report.requests.carried_forward\n"
            "        carried = (forward.natural_person, forward.commercial_enterprise,\n"
            "                   forward.research_institution, forward.public_interest_org,\n"
            "                   forward.legal_service_org, forward.other_org)\n"
            "        reports.append(report)\n"
            "corpus = ogr.Corpus(reports)\ncorpus",
        ),
        (
            "md",
            "Every report's rules, and the carry-over between consecutive years (T1) per agency:",
        ),
        ("code", "corpus.check(progress=False)"),
        (
            "md",
            "A county's summary is the cell-by-cell sum of its departments; T6 checks a printed one:",
        ),
        (
            "code",
            'units = ["甲局", "乙局", "丙局"]\n'
            'county = ogr.aggregate([corpus[(u, 2024)] for u in units], agency="某县", year=2024)\n'
            'ogr.check_series([county, *(corpus[(u, 2024)] for u in units)], units={"某县": units}).ok',
        ),
        ("md", "The headline figures as a pandas frame, one row per report:"),
        (
            "code",
            'wide = corpus.to_wide()\nwide[["agency", "year", "requests.new_received.total", "requests.total_handled.total", "requests.carried_forward.total"]]',
        ),
        (
            "code",
            'tidy = corpus.to_frame()\ntidy[tidy.path == "requests.new_received.total"][["agency", "year", "value"]]',
        ),
        (
            "code",
            "fig, ax = plt.subplots(figsize=(6, 3))\n"
            'for agency, rows in wide.groupby("agency", observed=True):\n'
            '    ax.plot(rows.year, rows["requests.new_received.total"], marker="o", label=agency)\n'
            'ax.set_xlabel("year")\nax.set_ylabel("requests received")\nax.set_xticks(range(2021, 2025))\nax.legend()\nplt.show()',
        ),
        ("md", "Year over year, cell by cell:"),
        (
            "code",
            'changes = corpus.compare("甲局", 2023, 2024)\n'
            '[(c.label, c.before, c.after, c.change) for c in changes if c.path.endswith(".total")][:5]',
        ),
    ],
}


def main() -> None:
    HERE.mkdir(exist_ok=True)
    for name, cells in NOTEBOOKS.items():
        nb = new_notebook()
        nb.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        nb.cells = [
            new_markdown_cell(src) if kind == "md" else new_code_cell(src) for kind, src in cells
        ]
        NotebookClient(
            nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(HERE)}}
        ).execute()
        nbformat.write(nb, HERE / f"{name}.ipynb")
        print(f"wrote notebooks/{name}.ipynb")


if __name__ == "__main__":
    main()
