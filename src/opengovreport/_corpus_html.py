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
    reports = sorted(corpus, key=_key)
    drawn = _drawn(reports, by_report, tables)
    summary = _Summary(corpus, reports, by_report, lang, peers, thresholds)
    rows = [summary.row(i, report, i in drawn) for i, report in enumerate(reports)]
    failed = [e for e in corpus.entries if e.report is None]
    title = message("page.title", lang)
    counts = message("page.counts", lang, reports=len(corpus), findings=len(result))
    if failed:
        counts += message("page.failed", lang, n=len(failed))
    if corpus.conflicts:
        counts += message("page.conflicts", lang, n=len(corpus.conflicts))
    body = [
        f"<style>\n{SUMMARY_CSS}\n{FINDINGS_CSS}\n{_FLAG_CSS}\n</style>",
        '<div class="ogr-findings ogr-explain">',
        f"<h1>{title}</h1>",
        f"<p>{escape(counts)}</p>",
        *(
            f'<p class="ogr-note">{escape(note)}</p>'
            for note in _notes(lang, peers, thresholds, len(drawn), len(reports))
        ),
        _table("ogr-summary", summary.head, "".join(rows)),
    ]
    if failed:
        heads = [message(k, lang) for k in ("head.file", "head.status", "head.reason")]
        files = "".join(
            f"<tr><td>{escape(e.source)}</td><td>{escape(_status(e, lang))}</td>"
            f"<td>{escape(e.problem(lang))}</td></tr>"
            for e in failed
        )
        body.append(_table("ogr-summary ogr-files", heads, files))
    body += (
        _report_section(report, by_report.get(_key(report), []), lang, f"report-{i}")
        for i, report in enumerate(reports)
        if i in drawn
    )
    body.append(f"</div>\n<script>\n{SORT_SCRIPT}\n</script>")
    return page("\n".join(body), title, lang)


def _key(report: Report) -> tuple[str, int]:
    return (report.meta.agency, report.meta.year)


def _table(classes: str, head: list[str], rows: str) -> str:
    """A table of ``classes`` with its head's texts escaped and its rows as made."""
    cells = "".join(f"<th>{escape(h)}</th>" for h in head)
    return f'<table class="{classes}"><thead><tr>{cells}</tr></thead><tbody>{rows}</tbody></table>'


def _notes(
    lang: str, peers: "Peers", thresholds: "Thresholds | None", drawn: int, reports: int
) -> list[str]:
    """The notes under the page's title: the peers, the benchmark's rule, the tables drawn (of
    how many), the thresholds' source."""
    group = PeerGroup(_grouper(peers)[0]).describe(lang)
    notes = [phrase("page.peers", lang, group=group), phrase("benchmark.rule", lang)]
    if drawn < reports:
        notes.append(phrase("page.tables", lang, drawn=drawn, reports=reports))
    if thresholds is not None:
        notes.append(
            phrase("page.thresholds", lang, name=thresholds.name, source=thresholds.source)
        )
    return notes


def _report_section(report: Report, findings: list[Finding], lang: str, anchor: str) -> str:
    """A report's tables with its findings' cells marked."""
    key = _key(report)
    marks: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        for cell in finding.cells:
            if (cell.agency, cell.year) == key:
                marks[cell.path].append(finding)
    return report_findings_html(report, marks, lang, anchor)


class _Summary:
    """The summary table's head and its row for each report: status, findings by severity, each
    key indicator with its percentile among its peers, the flags (where thresholds are given),
    the source."""

    def __init__(
        self,
        corpus: "Corpus",
        reports: list[Report],
        findings: dict[tuple[str, int], list[Finding]],
        lang: str,
        peers: "Peers",
        thresholds: "Thresholds | None",
    ) -> None:
        self.corpus, self.findings, self.lang = corpus, findings, lang
        self.sources = {_key(e.report): e for e in corpus.entries if e.report is not None}
        self.severities = [
            s for s in sorted(Severity, key=lambda s: -s.rank) if s is not Severity.INFO
        ]
        self.thresholds = thresholds if thresholds is not None and len(thresholds) > 0 else None
        flag_codes = [t.indicator for t in thresholds] if thresholds is not None else []
        self.growths = {c for c in flag_codes if indicator(c).unit == "growth"}
        codes = [*KEY_INDICATORS, *(c for c in flag_codes if c not in self.growths)]
        self.values, self.divided = read_indicators(reports, list(dict.fromkeys(codes)))
        self.statuses = {s: message(f"status.{s.value}", lang) for s in ReadStatus}
        self.standings = page_standings(reports, KEY_INDICATORS, peers, self.values)
        names = [
            name
            for code in KEY_INDICATORS
            for name in (
                indicator(code).name.text(lang),
                message("head.percentile", lang, name=indicator(code).name.text(lang)),
            )
        ]
        self.head = [
            message("head.agency", lang),
            message("head.year", lang),
            message("head.status", lang),
            *(severity_name(s, lang) for s in self.severities),
            *names,
            *([phrase("head.flag", lang)] if self.thresholds is not None else []),
            message("head.source", lang),
        ]

    def row(self, i: int, report: Report, drawn: bool) -> str:
        """The row of the ``i``-th report (``drawn``: linked to its tables below)."""
        key = _key(report)
        found = self.findings.get(key, [])
        entry = self.sources.get(key)
        status = self.statuses[entry.status if entry is not None else ReadStatus.OK]
        standing = self.standings[i]
        agency = escape(report.meta.agency)
        cells = [
            f'<td><a href="#report-{i}">{agency}</a></td>' if drawn else f"<td>{agency}</td>",
            f'<td class="ogr-number">{report.meta.year}</td>',
            _status_cell(status, entry.reason_in(self.lang) if entry is not None else None),
            *(
                f'<td class="ogr-number">{sum(1 for f in found if f.severity is s)}</td>'
                for s in self.severities
            ),
            *(
                cell
                for code in KEY_INDICATORS
                for cell in (
                    _rate(code, standing[code][0], self.divided[i][code]),
                    _number(standing[code][1], 1),
                )
            ),
        ]
        if self.thresholds is not None:
            values = self.values[i]
            if self.growths:
                values = {**values, **indicators(report, self.corpus.previous(report))}
            cells.append(_flags(self.thresholds.flags(values), self.lang))
        cells.append(f"<td>{escape(entry.source if entry is not None else '')}</td>")
        return f"<tr>{''.join(cells)}</tr>"


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
