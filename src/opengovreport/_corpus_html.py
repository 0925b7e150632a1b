"""A corpus as one standalone page: a sortable table of its reports (status, findings by
severity, key indicators, source), each linked to its tables drawn below with the findings
highlighted, and the files that hold no report with why. No external resource: the style and
the few lines of script that sort the table are inline."""

from collections import defaultdict
from typing import TYPE_CHECKING

from ._console import severity_name
from ._explain import _FLAG_CSS, indicator, indicator_name, indicator_value, phrase
from ._messages import message
from .benchmark import PeerGroup, _grouper, page_standings, read_indicators
from .checks import CheckResult, Finding
from .checks._html import FINDINGS_CSS, report_findings_html
from .indicators import indicators
from .model import Report
from .reading import ReadStatus
from .rendering.html import SORT_SCRIPT, SUMMARY_CSS, escape, page
from .schema import KEY_INDICATORS
from .values import Severity

if TYPE_CHECKING:  # pragma: no cover
    from .benchmark import Peers
    from .corpus import Corpus, Entry
    from .flags import Flag, Thresholds

__all__ = ["corpus_html"]


def _number(value: float | None, digits: int = 1) -> str:
    if value is None:
        return '<td class="ogr-number" data-sort=""></td>'
    number = float(value)
    return f'<td class="ogr-number" data-sort="{number!r}">{number:.{digits}f}</td>'


def _rate(code: str, value: float | None, counts: tuple[float | None, float | None]) -> str:
    """A rate as read (``28.0%``, a count per 100 with one decimal) with the counts it divides
    beside it (``14/50``); sorted by its value."""
    if value is None:
        return '<td class="ogr-number" data-sort=""></td>'
    top, bottom = counts
    beside = ""
    if top is not None and bottom is not None:
        beside = f" <small>{top:g}/{bottom:g}</small>"
    shown = indicator_value(code, value)  # digits, a sign, a point and %: nothing to escape
    return f'<td class="ogr-number" data-sort="{float(value)!r}">{shown}{beside}</td>'


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
    names = [
        name
        for code in KEY_INDICATORS
        for name in (
            indicator(code).name.text(lang),
            message("head.percentile", lang, name=indicator(code).name.text(lang)),
        )
    ]
    flagged = thresholds is not None and len(thresholds) > 0
    head = [
        message("head.agency", lang),
        message("head.year", lang),
        message("head.status", lang),
        *(severity_name(s, lang) for s in severities),
        *names,
        *([phrase("head.flag", lang)] if flagged else []),
        message("head.source", lang),
    ]
    reports = sorted(corpus, key=lambda r: (r.meta.agency, r.meta.year))
    flag_codes = [t.indicator for t in thresholds] if thresholds is not None else []
    growths = {c for c in flag_codes if indicator(c).unit == "growth"}
    codes = list(dict.fromkeys([*KEY_INDICATORS, *(c for c in flag_codes if c not in growths)]))
    values, divided = read_indicators(reports, codes)
    statuses = {s: message(f"status.{s.value}", lang) for s in ReadStatus}
    standings = page_standings(reports, KEY_INDICATORS, peers, values)
    drawn = _drawn(reports, by_report, tables)
    rows = []
    sections = []
    for i, report in enumerate(reports):
        key = (report.meta.agency, report.meta.year)
        findings = by_report.get(key, [])
        counts = {s: sum(1 for f in findings if f.severity is s) for s in severities}
        entry = sources.get(key)
        status = statuses[entry.status if entry is not None else ReadStatus.OK]
        source = entry.source if entry is not None else ""
        standing = standings[i]
        agency = escape(report.meta.agency)
        cells = [
            f'<td><a href="#report-{i}">{agency}</a></td>' if i in drawn else f"<td>{agency}</td>",
            f'<td class="ogr-number">{report.meta.year}</td>',
            _status_cell(status, entry.reason_in(lang) if entry is not None else None),
            *(f'<td class="ogr-number">{counts[s]}</td>' for s in severities),
            *(
                cell
                for code in KEY_INDICATORS
                for cell in (
                    _rate(code, standing[code][0], divided[i][code]),
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
        f"<tr><td>{escape(e.source)}</td><td>{escape(_status(e, lang))}</td>"
        f"<td>{escape(e.problem(lang))}</td></tr>"
        for e in failed
    )
    title = message("page.title", lang)
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
        "<p>"
        + escape(
            message("page.counts", lang, reports=len(corpus), findings=len(result))
            + (message("page.failed", lang, n=len(failed)) if failed else "")
            + (message("page.conflicts", lang, n=len(corpus.conflicts)) if corpus.conflicts else "")
        )
        + "</p>",
        *(f'<p class="ogr-note">{escape(note)}</p>' for note in notes),
        '<table class="ogr-summary"><thead><tr>'
        + "".join(f"<th>{escape(h)}</th>" for h in head)
        + f"</tr></thead><tbody>{''.join(rows)}</tbody></table>",
    ]
    if failed:
        body.append(
            '<table class="ogr-summary ogr-files"><thead><tr>'
            + "".join(
                f"<th>{escape(message(k, lang))}</th>"
                for k in ("head.file", "head.status", "head.reason")
            )
            + f"</tr></thead><tbody>{files}</tbody></table>"
        )
    body += sections
    body.append(f"</div>\n<script>\n{SORT_SCRIPT}\n</script>")
    return page("\n".join(body), title, lang)


def _status_cell(status: str, reason: str | None) -> str:
    """A report's status, what a partial one lacks as its title (shown on hover)."""
    if reason is None:
        return f"<td>{escape(status)}</td>"
    return f'<td title="{escape(reason)}">{escape(status)}</td>'


def _status(entry: "Entry", lang: str) -> str:
    """A file's status in ``lang``: a conflict apart from a duplicate."""
    if entry.duplicate is not None and entry.duplicate.conflict:
        return message("status.conflict", lang)
    return message(f"status.{entry.status.value}", lang)


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
