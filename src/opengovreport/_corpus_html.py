"""A corpus as one standalone page: a sortable table of its reports (status, findings by
severity, key indicators, source), each linked to its tables drawn below with the findings
highlighted, and the files that hold no report with why. No external resource: the style and
the few lines of script that sort the table are inline."""

from collections import defaultdict
from html import escape
from typing import TYPE_CHECKING

from .checks import CheckResult, Finding
from .checks._html import FINDINGS_CSS, report_findings_html
from .rendering.html import page
from .schema import KEY_INDICATORS, indicator
from .values import Severity

if TYPE_CHECKING:  # pragma: no cover
    from .corpus import Corpus

__all__ = ["corpus_html"]


#: decimal places of each key indicator: a count per 100 requests, else a share
_PLACES = {code: 1 if indicator(code).unit == "per100" else 3 for code in KEY_INDICATORS}

_STYLE = """
table.ogr-summary { border-collapse: collapse; font-size: 0.9rem; margin: 1em 0; }
table.ogr-summary th, table.ogr-summary td { border: 1px solid #999; padding: 0.2em 0.5em; }
table.ogr-summary th { background: #eee; cursor: pointer; user-select: none; }
table.ogr-summary th[aria-sort="ascending"]::after { content: " ▲"; }
table.ogr-summary th[aria-sort="descending"]::after { content: " ▼"; }
table.ogr-summary td.ogr-number { text-align: right; font-variant-numeric: tabular-nums; }
""".strip()

#: sorts a table.ogr-summary by the column whose header is clicked (numbers as numbers)
_SCRIPT = """
document.querySelectorAll('table.ogr-summary').forEach(table => {
  table.querySelectorAll('th').forEach((th, column) => th.addEventListener('click', () => {
    const body = table.tBodies[0];
    const up = th.getAttribute('aria-sort') !== 'ascending';
    table.querySelectorAll('th').forEach(h => h.removeAttribute('aria-sort'));
    th.setAttribute('aria-sort', up ? 'ascending' : 'descending');
    const key = row => row.cells[column].dataset.sort ?? row.cells[column].textContent;
    const value = text => (text === '' || isNaN(Number(text))) ? text : Number(text);
    const rows = [...body.rows].sort((a, b) => {
      const x = value(key(a)), y = value(key(b));
      if ((x === '') !== (y === '')) return x === '' ? 1 : -1;  // missing last, either way
      const order = typeof x === typeof y ? (x < y ? -1 : x > y ? 1 : 0)
        : (typeof x === 'number' ? -1 : 1);
      return up ? order : -order;
    });
    rows.forEach(row => body.appendChild(row));
  }));
});
""".strip()


def _number(value: float | None, digits: int = 3) -> str:
    if value is None:
        return '<td class="ogr-number" data-sort=""></td>'
    number = float(value)
    return f'<td class="ogr-number" data-sort="{number!r}">{number:.{digits}f}</td>'


def corpus_html(corpus: "Corpus", result: CheckResult | None = None, lang: str = "zh") -> str:
    """The corpus's page (see :meth:`Corpus.to_html`)."""
    result = result if result is not None else corpus.check(progress=False)
    by_report: dict[tuple[str, int], list[Finding]] = defaultdict(list)
    for finding in result.findings:
        by_report[(finding.agency, finding.year)].append(finding)
    sources = {
        (e.report.meta.agency, e.report.meta.year): e
        for e in corpus.entries
        if e.report is not None
    }
    severities = [s for s in sorted(Severity, key=lambda s: -s.rank) if s is not Severity.INFO]
    names = [indicator(code).name.text(lang) for code in KEY_INDICATORS]
    head = ["机关" if lang == "zh" else "agency", "年度" if lang == "zh" else "year", "状态"
            if lang == "zh" else "status", *(s.value for s in severities), *names,
            "来源" if lang == "zh" else "source"]  # fmt: skip
    rows = []
    sections = []
    for i, report in enumerate(sorted(corpus, key=lambda r: (r.meta.agency, r.meta.year))):
        key = (report.meta.agency, report.meta.year)
        findings = by_report.get(key, [])
        counts = {s: sum(1 for f in findings if f.severity is s) for s in severities}
        entry = sources.get(key)
        status = entry.status.value if entry is not None else "ok"
        source = entry.source if entry is not None else ""
        last = key[1] - 1
        values = report.indicators(corpus[(key[0], last)] if last in corpus.years(key[0]) else None)
        cells = [
            f'<td><a href="#report-{i}">{escape(report.meta.agency)}</a></td>',
            f'<td class="ogr-number">{report.meta.year}</td>',
            f"<td>{escape(status)}</td>",
            *(f'<td class="ogr-number">{counts[s]}</td>' for s in severities),
            *(_number(values[code], _PLACES[code]) for code in KEY_INDICATORS),
            f"<td>{escape(source)}</td>",
        ]
        rows.append(f"<tr>{''.join(cells)}</tr>")
        marks: dict[str, list[Finding]] = defaultdict(list)
        for finding in findings:
            for cell in finding.cells:
                if (cell.agency, cell.year) == key:
                    marks[cell.path].append(finding)
        sections.append(report_findings_html(report, marks, lang, f"report-{i}"))
    failed = [e for e in corpus.entries if e.report is None]
    files = "".join(
        f"<tr><td>{escape(e.source)}</td><td>{escape(e.status.value)}</td>"
        f"<td>{escape(e.error or '')}</td></tr>"
        for e in failed
    )
    title = "报告汇总" if lang == "zh" else "Reports"
    body = [
        f"<style>\n{_STYLE}\n{FINDINGS_CSS}\n</style>",
        '<div class="ogr-findings">',
        f"<h1>{title}</h1>",
        f"<p>{len(corpus)} reports, {len(result)} findings"
        + (f", {len(failed)} files without a report" if failed else "")
        + "</p>",
        '<table class="ogr-summary"><thead><tr>'
        + "".join(f"<th>{escape(h)}</th>" for h in head)
        + f"</tr></thead><tbody>{''.join(rows)}</tbody></table>",
    ]
    if failed:
        body.append(
            '<table class="ogr-summary ogr-files"><thead><tr><th>file</th><th>status</th>'
            f"<th>reason</th></tr></thead><tbody>{files}</tbody></table>"
        )
    body += sections
    body.append(f"</div>\n<script>\n{_SCRIPT}\n</script>")
    return page("\n".join(body), title, lang)
