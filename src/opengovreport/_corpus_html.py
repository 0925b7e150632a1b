"""A corpus as one standalone page: a sortable table of its reports (status, findings by
severity, key indicators, source), each linked to its tables drawn below with the findings
highlighted, and the files that hold no report with why. No external resource: the style and
the few lines of script that sort the table are inline."""

from collections import defaultdict
from typing import TYPE_CHECKING

from ._explain import _FLAG_CSS, indicator, indicator_name, phrase
from .benchmark import PeerGroup, _grouper, indicator_values, page_standings
from .checks import CheckResult, Finding
from .checks._html import FINDINGS_CSS, report_findings_html
from .indicators import indicators
from .model import Report
from .rendering.html import SORT_SCRIPT, SUMMARY_CSS, escape, page
from .schema import KEY_INDICATORS
from .values import Severity

if TYPE_CHECKING:  # pragma: no cover
    from .benchmark import Peers
    from .corpus import Corpus
    from .flags import Flag, Thresholds

__all__ = ["corpus_html"]


#: decimal places of each key indicator: a count per 100 requests, else a share
_PLACES = {code: 1 if indicator(code).unit == "per100" else 3 for code in KEY_INDICATORS}


def _number(value: float | None, digits: int = 3) -> str:
    if value is None:
        return '<td class="ogr-number" data-sort=""></td>'
    number = float(value)
    return f'<td class="ogr-number" data-sort="{number!r}">{number:.{digits}f}</td>'


#: how many reports the corpus page draws the tables of, at most (a report's tables take about
#: 7 kB and 0.7 ms: 100,000 of them would make a page of 700 MB)
TABLES = 1000


def corpus_html(
    corpus: "Corpus",
    result: CheckResult | None = None,
    lang: str = "zh",
    *,
    peers: "Peers" = None,
    thresholds: "Thresholds | None" = None,
    tables: int | None = TABLES,
) -> str:
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
    percentile = "百分位" if lang == "zh" else "percentile"
    names = [
        name
        for code in KEY_INDICATORS
        for name in (
            indicator(code).name.text(lang),
            f"{indicator(code).name.text(lang)} {percentile}",
        )
    ]
    flagged = thresholds is not None and len(thresholds) > 0
    head = ["机关" if lang == "zh" else "agency", "年度" if lang == "zh" else "year", "状态"
            if lang == "zh" else "status", *(s.value for s in severities), *names,
            *([phrase("head.flag", lang)] if flagged else []),
            "来源" if lang == "zh" else "source"]  # fmt: skip
    reports = sorted(corpus, key=lambda r: (r.meta.agency, r.meta.year))
    flag_codes = [t.indicator for t in thresholds] if thresholds is not None else []
    growths = {c for c in flag_codes if indicator(c).unit == "growth"}
    codes = list(dict.fromkeys([*KEY_INDICATORS, *(c for c in flag_codes if c not in growths)]))
    values = indicator_values(reports, codes)
    standings = page_standings(reports, KEY_INDICATORS, peers, values)
    drawn = _drawn(reports, by_report, tables)
    rows = []
    sections = []
    for i, report in enumerate(reports):
        key = (report.meta.agency, report.meta.year)
        findings = by_report.get(key, [])
        counts = {s: sum(1 for f in findings if f.severity is s) for s in severities}
        entry = sources.get(key)
        status = entry.status.value if entry is not None else "ok"
        source = entry.source if entry is not None else ""
        standing = standings[i]
        agency = escape(report.meta.agency)
        cells = [
            f'<td><a href="#report-{i}">{agency}</a></td>' if i in drawn else f"<td>{agency}</td>",
            f'<td class="ogr-number">{report.meta.year}</td>',
            f"<td>{escape(status)}</td>",
            *(f'<td class="ogr-number">{counts[s]}</td>' for s in severities),
            *(
                cell
                for code in KEY_INDICATORS
                for cell in (
                    _number(standing[code][0], _PLACES[code]),
                    _number(standing[code][1], 1),
                )
            ),
        ]
        if thresholds is not None and flagged:
            found = values[i]
            if growths:
                found = {**found, **indicators(report, corpus.previous(report))}
            cells.append(_flags(thresholds.flags(found), lang))
        cells.append(f"<td>{escape(source)}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
        if i in drawn:
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
    group = PeerGroup(_grouper(peers)[0]).describe(lang)
    notes = [phrase("page.peers", lang, group=group), phrase("benchmark.rule", lang)]
    if len(drawn) < len(reports):
        notes.append(phrase("page.tables", lang, drawn=len(drawn), reports=len(reports)))
    if thresholds is not None:
        notes.append(
            phrase("page.thresholds", lang, name=thresholds.name, source=thresholds.source)
        )
    body = [
        f"<style>\n{SUMMARY_CSS}\n{FINDINGS_CSS}\n{_FLAG_CSS}\n</style>",
        '<div class="ogr-findings ogr-explain">',
        f"<h1>{title}</h1>",
        f"<p>{len(corpus)} reports, {len(result)} findings"
        + (f", {len(failed)} files without a report" if failed else "")
        + "</p>",
        *(f'<p class="ogr-note">{escape(note)}</p>' for note in notes),
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
    body.append(f"</div>\n<script>\n{SORT_SCRIPT}\n</script>")
    return page("\n".join(body), title, lang)


def _drawn(
    reports: list[Report], findings: dict[tuple[str, int], list[Finding]], tables: int | None
) -> set[int]:
    """The reports whose tables the page draws: all of them, or the ``tables`` whose findings
    are the worst (then the most), in order."""
    if tables is None or len(reports) <= tables:
        return set(range(len(reports)))

    def worst(i: int) -> tuple[int, int]:
        found = findings.get((reports[i].meta.agency, reports[i].meta.year), [])
        return (-max((f.severity.rank for f in found), default=-1), -len(found))

    return set(sorted(range(len(reports)), key=worst)[:tables])


def _flags(flags: "tuple[Flag, ...]", lang: str) -> str:
    """A cell listing a report's flags, coloured by the worst."""
    if not flags:
        return "<td></td>"
    worst = max(flags, key=lambda f: f.level.rank).level.value
    text = "; ".join(
        f"{phrase(f'level.{f.level.value}', lang)} {indicator_name(f.indicator, lang)}"
        for f in flags
    )
    title = escape("\n".join(f.message(lang) for f in flags))
    return f'<td class="ogr-flag-{worst}" title="{title}">{escape(text)}</td>'
