"""The identities I1–I4 of FORMAT.md §5, written out independently of the library, so that tests
can judge what the library generates and builds."""

from opengovreport import Report
from opengovreport.model import AppealGroup, RequestRow, Requests

APPLICANTS = (
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "public_interest_org",
    "legal_service_org",
    "other_org",
)
COLUMNS = (*APPLICANTS, "total")


def rows(requests: Requests) -> dict[str, RequestRow]:
    out = {
        "new_received": requests.new_received,
        "carried_over": requests.carried_over,
        "disclosed": requests.disclosed,
        "partially_disclosed": requests.partially_disclosed,
    }
    for group in ("withheld", "unable_to_provide", "not_processed"):
        obj = getattr(requests, group)
        for name in obj.__attrs_attrs__:
            out[f"{group}.{name.name}"] = getattr(obj, name.name)
    if isinstance(requests.other_handling, RequestRow):
        out["other_handling"] = requests.other_handling
    else:
        for name in ("overdue_correction", "overdue_fee", "other"):
            out[f"other_handling.{name}"] = getattr(requests.other_handling, name)
    out["total_handled"] = requests.total_handled
    out["carried_forward"] = requests.carried_forward
    return out


def _int(value: int | None) -> int:
    assert value is not None, "these identities are for reports without blank cells"
    return value


def broken_identities(report: Report) -> list[str]:
    """Which of I1–I4 fail, as readable strings (empty when all hold)."""
    bad = []
    table = rows(report.requests)
    outcomes = [
        k
        for k in table
        if k not in ("new_received", "carried_over", "total_handled", "carried_forward")
    ]
    for col in COLUMNS:
        v = {k: _int(getattr(r, col)) for k, r in table.items()}
        if v["new_received"] + v["carried_over"] != v["total_handled"] + v["carried_forward"]:
            bad.append(f"I1 {col}")
        if v["total_handled"] != sum(v[k] for k in outcomes):
            bad.append(f"I2 {col}")
    for name, row in table.items():
        if row.total != sum(_int(getattr(row, c)) for c in APPLICANTS):
            bad.append(f"I3 {name}")
    for gname in ("reconsideration", "litigation_direct", "litigation_after_reconsideration"):
        g: AppealGroup = getattr(report.appeals, gname)
        if g.total != sum(_int(x) for x in (g.upheld, g.corrected, g.other, g.pending)):
            bad.append(f"I4 {gname}")
    return bad
