"""Write and execute the example notebooks in notebooks/ (their outputs are committed).

    python tools/make_notebooks.py          # after a change to the API or the examples
    python tools/make_notebooks.py 07-an-agency-and-its-peers   # that one only

Each notebook tells one story; tests/test_notebooks.py executes them all again so that they
cannot rot.
"""

import sys
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
        (
            "md",
            "The seed received no requests in 2020. A real report that did — 淮安市人民政府 on "
            "2024, shipped as published — read, with its standard indicators and its requests' "
            "outcomes by applicant type:",
        ),
        (
            "code",
            "from opengovreport import plots\n\n"
            'huaian = ogr.read(ogr.examples.path("huaian-shizhengfu-2024.txt")).report\n'
            "{code: round(value, 3) for code, value in huaian.indicators().items() if value is not None}",
        ),
        ("code", "plots.plot_outcomes(huaian);"),
    ],
    "02-authoring": [
        (
            "md",
            "# Authoring a report\n\nAn office writes its report once a year and files it as a "
            "Word document. Here it starts from last year's report (as JSON), fills this year's "
            "counts, lets the library compute every total and draft the sentences that state "
            "figures, checks, and writes the document and the web page.",
        ),
        (
            "code",
            "import attrs\nimport opengovreport as ogr\nfrom opengovreport import builders, examples\n\n"
            'last = ogr.loads(examples.text("synthetic-2021"))  # last year\'s report, as JSON\n'
            "report = builders.new_report(last.meta.agency, 2024, previous=last, fill=0)\n"
            "report.requests.carried_over  # 上年结转: last year's 结转下年度继续办理",
        ),
        (
            "md",
            "Table 2's running figures start from last year's (现行有效件数), the contact details "
            "carry over, every other cell is 0 (`fill=0`; blank without it) until the author "
            "fills it:",
        ),
        ("code", "report.disclosure_2021.item1, report.meta.contact"),
        (
            "code",
            "from decimal import Decimal\n\n"
            "counts = {\n"
            '    "disclosure.item1.rules.issued": 1, "disclosure.item1.rules.repealed": 0,\n'
            '    "disclosure.item1.normative_documents.issued": 9,\n'
            '    "disclosure.item1.normative_documents.repealed": 4,\n'
            '    "disclosure.item5.licensing.decisions": 50210,\n'
            '    "disclosure.item6.penalties.decisions": 8121, "disclosure.item6.coercion.decisions": 290,\n'
            '    "disclosure.item8.fees.amount": Decimal("3920.5"),\n'
            "}\n"
            "for path, value in counts.items():\n"
            "    report = report.with_cell(path, value)\n"
            "rows = {\n"
            '    "new_received": (380, 30, 2, 1, 6, 4), "disclosed": (150, 12, 1, 1, 3, 2),\n'
            '    "partially_disclosed": (38, 5, 0, 0, 1, 0), "unable_to_provide.not_held": (90, 6, 1, 0, 1, 1),\n'
            '    "not_processed.repeated": (20, 1, 0, 0, 0, 0), "other_handling.other": (70, 6, 0, 0, 1, 1),\n'
            "}\n"
            "for row, values in rows.items():\n"
            '    for column, value in zip(("natural_person", "commercial_enterprise", "research_institution",\n'
            '                              "public_interest_org", "legal_service_org", "other_org"), values):\n'
            '        report = report.with_cell(f"requests.{row}.{column}", value)\n'
            "report = attrs.evolve(report, appeals=builders.appeals_table(reconsideration=(8, 2, 1, 1)))",
        ),
        (
            "md",
            "The totals — each row's 总计, （七）总计, 结转下年度继续办理, table 4's 总计, and 现行有效件数 "
            "from last year's — are computed, and the result says which changed:",
        ),
        (
            "code",
            "filled = builders.fill_totals(report, previous=last)\n"
            "report = filled.report\n"
            "[(c.label, c.before, c.after) for c in filled.changes][:6]",
        ),
        (
            "md",
            "Section 1 drafted from the tables: the standard sub-headings and the sentences that "
            "state figures, so that the prose never contradicts the tables. The author extends it:",
        ),
        (
            "code",
            "report = attrs.evolve(report, overview=builders.narrative(report))\n"
            "for block in report.overview.blocks[:6]:\n    print(block.text)",
        ),
        ("md", "Checked on its own and against last year's (T1: 上年结转 = last year's 结转):"),
        ("code", "ogr.check_series([last, report]).counts()"),
        (
            "md",
            "## The document to file, and the page for the website\n\nThe Word document: A4, "
            "the official fonts, the tables in the official merged layout, page numbers.",
        ),
        (
            "code",
            "from pathlib import Path\nimport tempfile\n\n"
            "folder = Path(tempfile.mkdtemp())\n"
            'report.to_docx(folder / "report.docx")\n'
            '(folder / "report.html").write_text(report.to_html(standalone=True), encoding="utf-8")\n'
            'ogr.read(folder / "report.docx").report == report  # it reads back',
        ),
        (
            "md",
            "What the document looks like: its page with table 3, printed by LibreOffice where it "
            "is installed (as in the project's CI), otherwise the same table as HTML.",
        ),
        (
            "code",
            "import shutil, subprocess\nfrom IPython.display import HTML, Image\n\n"
            'soffice = shutil.which("soffice")\n'
            "if soffice:\n"
            '    subprocess.run([soffice, f"-env:UserInstallation=file://{folder / \'lo\'}", "--headless",\n'
            '                    "--convert-to", "pdf", "--outdir", str(folder), str(folder / "report.docx")],\n'
            "                   capture_output=True, check=True, timeout=180)\n"
            "    import pypdfium2\n"
            '    pdf = pypdfium2.PdfDocument(folder / "report.pdf")\n'
            '    page = next(p for p in pdf if "本年新收" in p.get_textpage().get_text_range())\n'
            '    page.render(scale=1.2).to_pil().save(folder / "page.png")\n'
            '    shown = Image(filename=str(folder / "page.png"))\n'
            "else:\n"
            "    shown = HTML(report.requests.to_html())\n"
            "shown",
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
        (
            "md",
            "In a notebook a result draws the tables with each finding's cells highlighted — "
            "red for errors, orange for inconsistencies, yellow for warnings, grey where a rule "
            "cannot be assessed; the checked cell is outlined, and hovering shows the rule, "
            "the message and the values. On a terminal, the same as text:",
        ),
        ("code", 'print(result.summary("en"))'),
        (
            "md",
            "T5 reads the figures the narrative states, as people write them (受理 with or "
            "without 上年结转, combined figures, 其中, Chinese numerals …), and judges each "
            "against the tables. 淮安市洪泽区's section 1 says its office received 17 requests; "
            "its table 3, the district's, counts 95 — another scope, not assessable:",
        ),
        (
            "code",
            'hongze = ogr.read(ogr.examples.path("hongze-quzhengfu-2024.pdf")).report\n'
            "for v in ogr.checks.verdicts(hongze):\n"
            "    print(v.status, v.statement.text, v.reason.zh if v.reason else '')",
        ),
        ("md", "A figure the tables do not have is an inconsistency, in the finding's own words:"),
        (
            "code",
            "import attrs\n\n"
            'synthetic = ogr.examples.load("synthetic-2021")\n'
            'said = ogr.Paragraph("全年新收政府信息公开申请468件，办结470件。")\n'
            "report = attrs.evolve(synthetic, overview=attrs.evolve(synthetic.overview, "
            "blocks=(said,)))\n"
            'print(ogr.check(report).filter(code="T5").findings[0].message_zh)',
        ),
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
            "crawled.status, crawled.quality, crawled.cells_read, crawled.cells_rebuilt, "
            "crawled.cells_missing",
        ),
        (
            "md",
            "Each run of digits is read the one way the printed totals allow (a cell so rebuilt "
            "counts as read in `quality`: the identities confirm it). Table 2's run `8855698` "
            "reads 15 ways by the table alone; the narrative states 698 and 88 of those "
            "documents, and only one reading agrees with both (`rebuilt-by-narrative`, a warning "
            "to look at). A run that nothing settles stays blank, its readings listed "
            "(`rebuild-ambiguous`), and the status says `partial`:",
        ),
        (
            "code",
            "for d in crawled.diagnostics:\n"
            '    if d.code.startswith("rebuil") and d.table == 2:\n'
            "        print(d)\n"
            "crawled.report.requests.new_received",
        ),
        (
            "md",
            "A diagnostic is data: its code, the table and cells it is about, what it saw, and "
            "its message in either language from the catalogue's template:",
        ),
        (
            "code",
            'note = crawled.filter(code="rebuilt-by-narrative")[0]\n'
            'note.cells, note.text, note.message("zh")',
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
            "# Many reports\n\nFirst real reports, as published — a PDF, a crawled page, texts "
            "made from a PDF and a web page — read into a corpus: their statuses, indicators, "
            "findings and pictures. Then a corpus of an agency's years: cross-year checks, sums, "
            "frames.",
        ),
        (
            "code",
            "import opengovreport as ogr\nfrom opengovreport import builders, examples, plots\n\n"
            "paths = [examples.path(name) for name in examples.published()]\n"
            "real = ogr.Corpus.from_paths(paths, progress=False)\n"
            'real.files_frame()[["status", "format", "reader", "quality", "agency", "year"]]',
        ),
        ("md", "Their standard indicators (the catalogue is on the *Indicators* page):"),
        (
            "code",
            "frame = real.indicators_frame()\n"
            'frame[["agency", "year", "disclosed", "unable", "completion", "appeals_per_100", "organisations"]].round(3)',
        ),
        ("md", "Agencies ranked by their 予以公开率, named as printed:"),
        ("code", 'plots.plot_ranking(real, "disclosed");'),
        (
            "md",
            "Their checks: the tables hold, and where the narratives state the tables' figures "
            "they agree with them (T5). `real.to_html(path)` writes all of it as one sortable "
            "page.",
        ),
        ("code", 'checked = real.check(progress=False)\nprint(checked.summary("en")[:1200])'),
        (
            "md",
            "## An agency's years\n\nReports of three agencies over four years, each next year's "
            "made from last year's (上年结转 carried) with this year's counts:",
        ),
        (
            "code",
            "import random\n\nrng = random.Random(1)\n"
            'columns = ("natural_person", "commercial_enterprise", "research_institution",\n'
            '           "public_interest_org", "legal_service_org", "other_org")\n\n'
            "def next_year(agency, year, last):\n"
            "    report = builders.new_report(agency, year, previous=last, fill=0)\n"
            "    carried = report.requests.carried_over\n"
            "    for column in columns[:2]:\n"
            "        received = rng.randint(20, 60)\n"
            "        available = received + getattr(carried, column)\n"
            "        disclosed = rng.randint(0, available // 2)\n"
            "        not_held = rng.randint(0, (available - disclosed) // 2)\n"
            '        report = report.with_cell(f"requests.new_received.{column}", received)\n'
            '        report = report.with_cell(f"requests.disclosed.{column}", disclosed)\n'
            '        report = report.with_cell(f"requests.unable_to_provide.not_held.{column}", not_held)\n'
            '    report = report.with_cell("appeals.reconsideration.upheld", rng.randint(0, 3))\n'
            "    return builders.fill_totals(report, previous=last).report  # every total\n\n"
            "reports = []\n"
            'for agency in ("甲局", "乙局", "丙局"):\n'
            "    last = None\n"
            "    for year in range(2021, 2025):\n"
            "        last = next_year(agency, year, last)\n"
            "        reports.append(last)\n"
            "corpus = ogr.Corpus(reports)\ncorpus",
        ),
        (
            "md",
            "Every report's rules, and the carry-over between consecutive years (T1) per agency:",
        ),
        ("code", "corpus.check(progress=False).counts()"),
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
        ("md", "Indicators year over year for one agency, and every cell as a frame:"),
        (
            "code",
            'plots.plot_trend(corpus, "甲局", ("disclosed", "completion", "received_growth"));',
        ),
        (
            "code",
            'wide = corpus.to_wide()\nwide[["agency", "year", "requests.new_received.total", "requests.total_handled.total", "requests.carried_forward.total"]]',
        ),
        ("md", "Year over year, cell by cell:"),
        (
            "code",
            'changes = corpus.compare("甲局", 2023, 2024)\n'
            '[(c.label, c.before, c.after, c.change) for c in changes if c.path.endswith(".total")][:5]',
        ),
    ],
    "06-a-nations-reports": [
        (
            "md",
            "# A nation's reports on Dask\n\n`opengovreport.ingest` reads, checks and stores "
            "any number of files as a Parquet dataset on a Dask cluster, and brings it up to "
            "date when it runs again. Here: the published reports shipped with the package and "
            "three agencies' four years, on a local cluster of two workers (extra `dask`).",
        ),
        (
            "code",
            "import tempfile\nfrom pathlib import Path\n\n"
            "import opengovreport as ogr\nfrom opengovreport import builders, examples\n\n"
            "work = Path(tempfile.mkdtemp())\n"
            'folder, dataset = work / "reports", work / "dataset"\nfolder.mkdir()\n'
            "for name in examples.published():\n"
            "    (folder / name).write_bytes(examples.path(name).read_bytes())\n"
            'for agency in ("甲局", "乙局", "丙局"):\n'
            "    last = None\n"
            "    for year in range(2021, 2025):\n"
            "        last = builders.new_report(agency, year, previous=last, fill=0)\n"
            '        last = last.with_cell("requests.new_received.natural_person", 10 + year % 7)\n'
            "        last = builders.fill_totals(last).report\n"
            '        (folder / f"{agency}-{year}.txt").write_text(last.to_text(), encoding="utf-8")\n'
            "sorted(p.name for p in folder.iterdir())[:6]",
        ),
        ("md", "A local cluster of two worker processes, and the run:"),
        (
            "code",
            "from dask.distributed import Client, LocalCluster\n\n"
            "from opengovreport.ingest import ingest\n\n"
            "cluster = LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=':0')\n"
            "client = Client(cluster)\n"
            "# the agencies spread over 4 buckets (by default, about 2,000 reports a bucket)\n"
            "done = ingest(folder, dataset, client=client, buckets=4, progress=False)\nprint(done)",
        ),
        (
            "md",
            "The dataset is Parquet, a folder a frame, as `Corpus` makes them in memory: the "
            "files read and what became of each,",
        ),
        (
            "code",
            "import pandas as pd\n\n"
            'files = pd.read_parquet(dataset / "files")\n'
            'files["source"] = files["source"].map(lambda s: Path(s).name)\n'
            'files[["source", "status", "reader", "agency", "year", "diagnostics"]]',
        ),
        ("md", "the findings, with the rules across years of each agency (T1, T2),"),
        (
            "code",
            'findings = pd.read_parquet(dataset / "findings")\n'
            'findings.groupby(["code", "severity"], observed=True).size()',
        ),
        ("md", "and every cell, partitioned by year:"),
        (
            "code",
            'cells = pd.read_parquet(dataset / "cells", filters=[("year", "=", 2024)])\n'
            'cells[cells["path"] == "requests.new_received.total"][["agency", "value"]]',
        ),
        (
            "md",
            "Run again, nothing is read; a file that changed is read again, and only its "
            "agency's bucket is written:",
        ),
        (
            "code",
            "print(ingest(folder, dataset, client=client, progress=False))\n"
            'changed = folder / "甲局-2024.txt"\n'
            'changed.write_text(changed.read_text(encoding="utf-8") + "\\n", encoding="utf-8")\n'
            "print(ingest(folder, dataset, client=client, progress=False))",
        ),
        ("md", "Back to reports, for the agencies or years at hand:"),
        (
            "code",
            'corpus = ogr.Corpus.from_parquet(dataset, agencies=["甲局"])\n'
            "client.close()\ncluster.close()\ncorpus",
        ),
    ],
    "07-an-agency-and-its-peers": [
        (
            "md",
            "# An agency against its years and its peers\n\nHow did an agency change, how does "
            "it stand among agencies like it, and what stands out — one call each, as a picture, "
            "a page and a document. First the real reports shipped with the package: "
            "淮安市洪泽区人民政府 on 2024, read from its PDF as published, against its city's "
            "report of the same year and among the real reports of 2024. The package ships one "
            "year of each real agency, so its years are told next with a county's ten agencies "
            "over four years, made with the builders (invented figures, said as such).",
        ),
        (
            "code",
            "import opengovreport as ogr\nfrom opengovreport import builders, examples, plots\n"
            "from opengovreport.flags import Thresholds\n\n"
            "paths = [examples.path(name) for name in examples.published()]\n"
            "real = ogr.Corpus.from_paths(paths, progress=False)\n"
            'hongze = real[("淮安市洪泽区人民政府", 2024)]\n'
            'city = real[("淮安市人民政府", 2024)]\n'
            'peer = Thresholds.preset("peer-dashboard")  # no flag without thresholds\n'
            "comparison = hongze.compare(city, thresholds=peer)\n"
            "plots.plot_slope(comparison);",
        ),
        (
            "md",
            "A district against its city: its rates from the city's to its own. What a person "
            "would write, in Chinese and in English — the figures section 1 states, the key "
            "indicators with their flags (the thresholds of the one other tool's dashboard, "
            "`peer-dashboard`), and the heaviest other changes:",
        ),
        ("code", 'comparison.sentences("zh")'),
        ("code", 'comparison.sentences("en")[:3]'),
        (
            "md",
            "The changes ranked by the rule `|change| × |change| ÷ max(|before|, |after|)` — a "
            "change weighted by how large it is against the figure:",
        ),
        (
            "code",
            "[(c.label, c.before, c.after, round(c.weight, 1)) for c in comparison.ranked(top=5)]",
        ),
        (
            "md",
            "Among the real reports of 2024, pictures first: where its value of each key "
            "indicator falls between the group's lowest and highest (one peer: the city):",
        ),
        (
            "code",
            'standing = real.benchmark("淮安市洪泽区人民政府", 2024, thresholds=peer)\n'
            "plots.plot_position(standing);",
        ),
        ("code", 'standing.sentences("zh")'),
        (
            "md",
            "Peers can be a region (the first place a name names), a level (the kind of the last "
            "place and of the agency), a list or a mapping; the reports of other years are not "
            "its peers, and a listed agency without a report that year is said:",
        ),
        (
            "code",
            "listed = real.benchmark(\n"
            '    "淮安市洪泽区人民政府", 2024, peers=["淮安市人民政府", "沭阳县发展和改革局"]\n'
            ")\n"
            'listed.sentences("en")[:2]',
        ),
        (
            "md",
            "## A county's agencies over four years\n\nTen agencies of 甲县, 2021–2024, each year "
            "made from the year before (上年结转 carried), with invented counts:",
        ),
        (
            "code",
            "import random\n\nrng = random.Random(7)\n"
            'agencies = ["甲县人民政府", *(f"甲县{d}" for d in ("教育局", "民政局", "财政局",\n'
            '            "公安局", "交通运输局", "自然资源局", "市场监督管理局", "农业农村局", "卫生健康委员会"))]\n\n'
            "def next_year(agency, year, last):\n"
            "    report = builders.new_report(agency, year, previous=last, fill=0)\n"
            "    in_hand = rng.randint(20, 120) + report.requests.carried_over.natural_person\n"
            "    disclosed = rng.randint(in_hand // 5, in_hand * 3 // 4)\n"
            "    not_held = rng.randint(0, in_hand - disclosed)\n"
            '    report = report.with_cell("requests.new_received.natural_person",\n'
            "                              in_hand - report.requests.carried_over.natural_person)\n"
            '    report = report.with_cell("requests.disclosed.natural_person", disclosed)\n'
            '    report = report.with_cell("requests.unable_to_provide.not_held.natural_person", not_held)\n'
            '    report = report.with_cell("requests.carried_forward.natural_person", in_hand - disclosed - not_held)\n'
            '    report = report.with_cell("appeals.reconsideration.upheld", rng.randint(0, 4))\n'
            '    report = report.with_cell("appeals.reconsideration.corrected", rng.randint(0, 2))\n'
            "    return builders.fill_totals(report, previous=last).report\n\n"
            "reports = []\n"
            "for agency in agencies:\n"
            "    last = None\n"
            "    for year in range(2021, 2025):\n"
            "        last = next_year(agency, year, last)\n"
            "        reports.append(last)\n"
            "county = ogr.Corpus(reports)\ncounty",
        ),
        ("md", "One department's last two years, pictures first:"),
        (
            "code",
            'education = county.compare("甲县教育局", thresholds=peer)  # its two latest years\n'
            "plots.plot_slope(education, figures=True);",
        ),
        (
            "md",
            "In a notebook a comparison shows itself as its page: the sentences, the indicators "
            "and every comparable cell, sortable by a click on a header:",
        ),
        ("code", "education"),
        (
            "md",
            "Among the county's departments of 2024 (the same level: departments of a 县):",
        ),
        (
            "code",
            'among = county.benchmark("甲县教育局", 2024, peers="level", thresholds=peer)\n'
            "plots.plot_position(among);",
        ),
        ("code", 'print(among.to_text("en", width=110))'),
        (
            "md",
            "What stands out across the county: every report's key indicators with their "
            "percentile among its peers, and its flags, on one page (`county.to_html(path, …)` "
            "writes it) and in a workbook's `flags` sheet:",
        ),
        (
            "code",
            "county.flags_frame(peer).head()",
        ),
        (
            "md",
            "And the section an office pastes into its supervision report: a Word document "
            "(`to_docx()`, the extra `docx`) of the sentences and the tables in the official "
            "fonts. The same on the command line: `opengovreport compare 2023.pdf 2024.pdf --to "
            "docx -o changes.docx`, and `opengovreport summary reports/ --agency 甲县教育局`.",
        ),
        (
            "code",
            "import io\nimport docx\n\n"
            "document = docx.Document(io.BytesIO(education.to_docx(top=5)))\n"
            "[p.text for p in document.paragraphs[:4]]",
        ),
    ],
}


def main() -> None:
    HERE.mkdir(exist_ok=True)
    wanted = sys.argv[1:] or list(NOTEBOOKS)  # names of notebooks: only those
    unknown = [name for name in wanted if name not in NOTEBOOKS]
    if unknown:
        raise SystemExit(f"no notebook {', '.join(unknown)}; notebooks: {', '.join(NOTEBOOKS)}")
    for name in wanted:
        cells = NOTEBOOKS[name]
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
