"""The standalone page in headless Chromium: the layout through the page's DOM, no script runs.

Needs Debian's ``chromium`` (``.ci/run`` installs it). Skipped without it, except under CI,
where a missing browser is a failure. Leaves a screenshot of table 3 in ``test-artifacts/``.
"""

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import attrs
import pytest

import opengovreport as ogr
from opengovreport import examples
from opengovreport.model import Paragraph, Section

from .conftest import ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = ROOT / "test-artifacts"

if CHROMIUM is None and not os.environ.get("CI"):
    pytest.skip("chromium is not installed (apt-get install chromium)", allow_module_level=True)

pytestmark = pytest.mark.slow

INJECTED = (
    "<script>window.__pwned = 1</script>",
    '"><img src=x onerror="window.__pwned = 2">',
    "</p><script>window.__pwned = 3</script>",
)

# runs after the page; reports what the DOM holds into a <pre>
PROBE = """
<script>
(function () {
  function widths(table) {
    var taken = [];
    for (var r = 0; r < table.rows.length; r++) {
      taken[r] = taken[r] || [];
      var c = 0;
      var cells = table.rows[r].cells;
      for (var i = 0; i < cells.length; i++) {
        while (taken[r][c]) c++;
        for (var dr = 0; dr < cells[i].rowSpan; dr++) {
          taken[r + dr] = taken[r + dr] || [];
          for (var dc = 0; dc < cells[i].colSpan; dc++) taken[r + dr][c + dc] = true;
        }
        c += cells[i].colSpan;
      }
    }
    return taken.slice(0, table.rows.length).map(function (t) { return t.length; });
  }
  var tables = Array.prototype.map.call(document.querySelectorAll("table"), function (t) {
    return {cls: t.className, widths: widths(t)};
  });
  var applicant = Array.prototype.filter.call(document.querySelectorAll("th"), function (th) {
    return th.textContent === "申请人情况";
  }).map(function (th) { return th.colSpan; });
  var texts = Array.prototype.map.call(document.querySelectorAll("p"), function (p) {
    return p.textContent;
  });
  var pre = document.createElement("pre");
  pre.id = "ogr-probe";
  pre.textContent = JSON.stringify({
    tables: tables, applicant: applicant, pwned: window.__pwned || null,
    scripts: document.scripts.length, images: document.images.length, texts: texts
  });
  document.body.appendChild(pre);
})();
</script>
"""


def _chromium(*args: str, tmp: Path) -> str:
    assert CHROMIUM is not None, "chromium is required under CI"
    result = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            f"--user-data-dir={tmp / 'profile'}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_standalone_page_in_chromium(tmp_path: Path) -> None:
    seed = examples.load("gaoqing-2020")
    overview = Section(
        seed.overview.heading, (*seed.overview.blocks, *(Paragraph(t) for t in INJECTED))
    )
    page = attrs.evolve(seed, overview=overview).to_html(standalone=True)
    path = tmp_path / "seed.html"
    path.write_text(page.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    dom = _chromium("--dump-dom", path.as_uri(), tmp=tmp_path)
    match = re.search(r'<pre id="ogr-probe">(.*?)</pre>', dom, flags=re.S)
    assert match, dom[-2000:]
    probe = json.loads(html.unescape(match.group(1)))
    assert [t["cls"] for t in probe["tables"]] == [
        "ogr-table ogr-disclosure",
        "ogr-table ogr-requests",
        "ogr-table ogr-appeals",
    ]
    for table, width in zip(probe["tables"], (4, 10, 15), strict=True):
        assert set(table["widths"]) == {width}, table
    assert probe["applicant"] == [7]
    assert probe["pwned"] is None
    assert probe["scripts"] == 1  # the probe alone
    assert probe["images"] == 0
    for text in INJECTED:
        assert text in probe["texts"]  # shown as text, whole


def test_screenshot_of_table_3(tmp_path: Path) -> None:
    page = tmp_path / "table3.html"
    page.write_text(examples.load("synthetic-2021").requests.to_html(standalone=True), "utf-8")
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "table3.png"
    shot.unlink(missing_ok=True)
    _chromium("--window-size=1100,950", f"--screenshot={shot}", page.as_uri(), tmp=tmp_path)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000  # a table, not a blank page


#: what Chromium shows of a findings page: each highlighted cell's path and class, the number of
#: resources the page would fetch
FINDINGS_PROBE = """
<script>
const cells = [...document.querySelectorAll('td.ogr-finding')].map(td => ({
  path: td.dataset.path, cls: td.className, codes: td.dataset.codes,
  title: td.getAttribute('title'), text: td.textContent}));
const fetched = [...document.querySelectorAll('[src],link[href]')].length;
const out = document.createElement('pre');
out.id = 'ogr-probe';
out.textContent = JSON.stringify({cells, fetched});
document.body.appendChild(out);
</script>
"""


def test_findings_highlighted_in_chromium(tmp_path: Path) -> None:
    report = examples.load("synthetic-2021").with_cell("requests.total_handled.total", 460)
    report = report.with_cell("appeals.litigation_direct.total", 9)
    result = ogr.check(report)
    page = result.to_html(standalone=True)
    path = tmp_path / "findings.html"
    path.write_text(page.replace("</body>", FINDINGS_PROBE + "</body>"), encoding="utf-8")
    dom = _chromium("--dump-dom", path.as_uri(), tmp=tmp_path)
    match = re.search(r'<pre id="ogr-probe">(.*?)</pre>', dom, flags=re.S)
    assert match, dom[-2000:]
    probe = json.loads(html.unescape(match.group(1)))
    assert probe["fetched"] == 0  # no external resource
    shown = {c["path"]: c for c in probe["cells"]}
    assert set(shown) == {c.path for f in result.findings for c in f.cells}
    total = shown["requests.total_handled.total"]
    assert total["text"] == "460"
    assert "ogr-inconsistency" in total["cls"]
    assert "ogr-checked" in total["cls"]
    assert set(total["codes"].split()) == {"I1", "I2", "I3", "T5"}
    assert "460 ≠ 463" in total["title"]
    assert "I4" in shown["appeals.litigation_direct.total"]["codes"]


#: clicks a column header of the corpus page's summary twice and reads the rows' order
CORPUS_PROBE = """
<script>
const table = document.querySelector('table.ogr-summary');
const heads = [...table.querySelectorAll('th')].map(th => th.textContent);
const column = heads.indexOf(COLUMN);
const order = () => [...table.tBodies[0].rows].map(r => r.cells[0].textContent);
const before = order();
table.querySelectorAll('th')[column].click();
const up = order();
table.querySelectorAll('th')[column].click();
const down = order();
const links = [...table.querySelectorAll('a')].map(a => a.getAttribute('href'));
const targets = links.map(h => document.querySelector(h) !== null);
const fetched = [...document.querySelectorAll('[src],link[href]')].length;
const out = document.createElement('pre');
out.id = 'ogr-probe';
out.textContent = JSON.stringify({heads, before, up, down, links, targets, fetched});
document.body.appendChild(out);
</script>
"""


def test_corpus_page_sorts_and_links_in_chromium(tmp_path: Path) -> None:
    reports = [examples.load("synthetic-2021"), examples.load("gaoqing-2020")]
    worse = reports[0].with_cell("requests.disclosed.natural_person", 100).with_totals()
    worse = attrs.evolve(worse, meta=attrs.evolve(worse.meta, agency="另一个市人民政府"))
    corpus = ogr.Corpus([*reports, worse])
    page = corpus.to_html(tmp_path / "corpus.html")
    assert (tmp_path / "corpus.html").read_text(encoding="utf-8") == page
    probe_script = CORPUS_PROBE.replace("COLUMN", json.dumps("予以公开率"))
    path = tmp_path / "probe.html"
    path.write_text(page.replace("</body>", probe_script + "</body>"), encoding="utf-8")
    dom = _chromium("--dump-dom", path.as_uri(), tmp=tmp_path)
    match = re.search(r'<pre id="ogr-probe">(.*?)</pre>', dom, flags=re.S)
    assert match, dom[-2000:]
    probe = json.loads(html.unescape(match.group(1)))
    assert probe["fetched"] == 0
    assert probe["before"] == ["另一个市人民政府", "示例市人民政府", "高青县投资促进中心"]
    # 予以公开率: 另一个 (123/400) < 示例 (186/463); 高青 (all 0) is missing and sorts last
    assert probe["up"] == ["另一个市人民政府", "示例市人民政府", "高青县投资促进中心"]
    assert probe["down"] == ["示例市人民政府", "另一个市人民政府", "高青县投资促进中心"]
    assert all(probe["targets"])
    assert len(probe["links"]) == 3


#: clicks a column header of a comparison's table of cells twice and reads the rows' keys
COMPARISON_PROBE = """
<script>
const table = document.querySelectorAll('table.ogr-summary')[1];
const heads = [...table.querySelectorAll('th')].map(th => th.textContent);
const order = () => [...table.tBodies[0].rows].map(r => r.dataset.key);
const before = order();
const column = heads.indexOf(COLUMN);
table.querySelectorAll('th')[column].click();
const up = order();
table.querySelectorAll('th')[column].click();
const down = order();
const fetched = [...document.querySelectorAll('[src],link[href]')].length;
const scripts = document.scripts.length;
const out = document.createElement('pre');
out.id = 'ogr-probe';
out.textContent = JSON.stringify({heads, before, up, down, fetched, scripts});
document.body.appendChild(out);
</script>
"""


def test_comparison_page_sorts_in_chromium(tmp_path: Path) -> None:
    """A comparison's page: its cells, heaviest change first, sort by their change when the
    header is clicked (blank changes last either way); no external resource."""
    before = examples.load("synthetic-2021")
    after = before.with_cell("requests.disclosed.natural_person", 100)
    after = after.with_cell("requests.withheld.state_secret.natural_person", 0)
    after = after.with_cell("requests.partially_disclosed.other_org", None)
    comparison = ogr.compare(before, attrs.evolve(after, meta=attrs.evolve(after.meta, year=2024)))
    page = comparison.to_html(standalone=True)
    probe = COMPARISON_PROBE.replace("COLUMN", json.dumps("变化"))
    path = tmp_path / "comparison.html"
    path.write_text(page.replace("</body>", probe + "</body>"), encoding="utf-8")
    dom = _chromium("--dump-dom", path.as_uri(), tmp=tmp_path)
    match = re.search(r'<pre id="ogr-probe">(.*?)</pre>', dom, flags=re.S)
    assert match, dom[-2000:]
    found = json.loads(html.unescape(match.group(1)))
    assert found["fetched"] == 0
    assert found["scripts"] == 2  # the page's sorting script and the probe
    assert found["heads"] == ["单元格", "2023", "2024", "变化", "变化率", "权重"]
    assert found["before"][:2] == [  # heaviest first: 163 → 100, then 2 → 0
        "requests.disclosed.natural_person",
        "requests.withheld.state_secret.natural_person",
    ]
    changes = {c.path: c.change for c in comparison}
    up = [changes[k] for k in found["up"]]
    known = [c for c in up if c is not None]
    assert known == sorted(known)
    assert up[-1] is None  # the blank one last
    assert up[0] == -63
    down = [changes[k] for k in found["down"]]
    assert [c for c in down if c is not None] == sorted(known, reverse=True)
    assert down[-1] is None


#: the rules of Jupyter's stylesheet for HTML output that meet a table (JupyterLab's
#: packages/rendermime/style/base.css, restated: an output's tables borderless, laid out fixed
#: and centred, every cell right-aligned and padded, rows striped; classic Notebook's
#: .rendered_html has the same), as the notebook page around an output holds them
JUPYTER_CSS = """
.jp-RenderedHTMLCommon { font-size: 14px; line-height: 1.6; padding-right: 20px; }
.jp-RenderedHTMLCommon table { border-collapse: collapse; border-spacing: 0; border: none;
  font-size: 13px; table-layout: fixed; margin-left: auto; margin-right: auto; }
.jp-RenderedHTMLCommon thead { border-bottom: 1px solid #e0e0e0; vertical-align: bottom; }
.jp-RenderedHTMLCommon td, .jp-RenderedHTMLCommon th, .jp-RenderedHTMLCommon tr {
  vertical-align: middle; padding: 0.5em; line-height: normal; white-space: normal;
  max-width: none; border: none; }
:not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon td,
:not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon th,
:not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon tr { text-align: right; }
.jp-RenderedHTMLCommon th { font-weight: bold; }
.jp-RenderedHTMLCommon tbody tr:nth-child(odd) { background: #fff; }
.jp-RenderedHTMLCommon tbody tr:nth-child(even) { background: #f5f5f5; }
.jp-RenderedHTMLCommon p { text-align: left; margin: 0; margin-bottom: 1em; }
"""

#: what the cells of table 3 look like once laid out, into a <pre>
STYLE_PROBE = """
<script>
(function () {
  function look(el) {
    var s = getComputedStyle(el);
    return {align: s.textAlign, border: s.borderTopStyle + " " + s.borderTopWidth,
            left: s.borderLeftStyle};
  }
  var out = {};
  document.querySelectorAll(".jp-OutputArea-output").forEach(function (output) {
    var table = output.querySelector("table.ogr-requests");
    out[output.id] = {
      label: look(table.querySelector("th.ogr-label")),
      header: look(table.querySelector("th.ogr-header")),
      value: look(table.querySelector("td")),
      layout: getComputedStyle(table).tableLayout
    };
  });
  var pre = document.createElement("pre");
  pre.id = "ogr-probe";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>
"""


def test_a_reports_display_under_jupyters_stylesheet(tmp_path: Path) -> None:
    """A report's and a table's ``_repr_html_`` in a notebook's output area, under Jupyter's
    rules for tables: every cell has its border, labels are left and numbers right — as the
    bare fragment (what the display was) is not."""
    report = examples.load("synthetic-2021")
    outputs = {
        "report": report._repr_html_(),
        "table": report.requests._repr_html_(),
        "bare": report.to_html(),
    }
    body = "".join(
        f'<div class="jp-OutputArea-output jp-RenderedHTMLCommon jp-RenderedHTML" id="{key}">'
        f"{fragment}</div>"
        for key, fragment in outputs.items()
    )
    page = (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><style>{JUPYTER_CSS}</style></head>'
        f"<body>{body}{STYLE_PROBE}</body></html>"
    )
    path = tmp_path / "notebook.html"
    path.write_text(page, encoding="utf-8")
    dom = _chromium("--dump-dom", path.as_uri(), tmp=tmp_path)
    match = re.search(r'<pre id="ogr-probe">(.*?)</pre>', dom, flags=re.S)
    assert match, dom[-2000:]
    probe = json.loads(html.unescape(match.group(1)))
    for key in ("report", "table"):
        seen = probe[key]
        assert seen["label"] == {"align": "left", "border": "solid 1px", "left": "solid"}, key
        assert seen["value"] == {"align": "right", "border": "solid 1px", "left": "solid"}, key
        assert seen["header"]["align"] == "center", key
        assert seen["layout"] == "auto", key
    # the fragment without its style, as the display was: no borders, labels right-aligned
    assert probe["bare"]["label"]["align"] == "right"
    assert probe["bare"]["value"]["border"].startswith("none")
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "jupyter-display.png"
    only = tmp_path / "display.html"
    only.write_text(
        page.replace(
            f'<div class="jp-OutputArea-output jp-RenderedHTMLCommon jp-RenderedHTML" id="bare">'
            f"{outputs['bare']}</div>",
            "",
        ),
        encoding="utf-8",
    )
    _chromium(f"--screenshot={shot}", "--window-size=1200,2400", only.as_uri(), tmp=tmp_path)
    assert shot.exists()
