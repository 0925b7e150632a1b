"""A review kept across runs: a JSON file, beside the reports and in version control, that
records each finding a person has looked at — by its :attr:`~opengovreport.checks.Finding.
fingerprint` — as ``confirmed`` or ``dismissed`` (or still ``open``), with a note, who and when.

A check given the review hides the findings it dismisses and counts them
(:attr:`CheckResult.dismissed`); a finding whose report was read again from another file keeps
its fingerprint, and so its mark; a changed figure makes a new finding, which the review does
not know. The file::

    {
      "opengovreport-review": 1,
      "findings": [
        {"fingerprint": "3f09c1d2a4b5e6f7", "status": "dismissed",
         "note": "区政府办 is the office, the tables the district", "by": "王芳",
         "at": "2026-12-01", "code": "T5", "agency": "淮安市洪泽区人民政府", "year": 2024,
         "cell": "requests.new_received.total", "message": "第一部分所述收到申请17件…"}
      ]
    }

Only ``fingerprint`` and ``status`` are needed; the rest is for the person reading the file.
"""

import datetime
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs

from ..errors import ReviewError
from ..values import first_repeated
from ._result import CheckResult, Finding

__all__ = ["STATUSES", "Review", "ReviewEntry", "ReviewError"]

#: what a person may mark a finding
STATUSES = ("open", "confirmed", "dismissed")
_FORMAT = "opengovreport-review"
_VERSION = 1
_TEXT_FIELDS = ("fingerprint", "status", "note", "by", "at", "code", "agency", "cell", "message")


@attrs.frozen
class ReviewEntry:
    """A finding as the review records it."""

    fingerprint: str
    #: ``open`` (not looked at yet), ``confirmed`` or ``dismissed``
    status: str = "open"
    note: str = ""
    #: who marked it, and when (ISO 8601, as written)
    by: str = ""
    at: str = ""
    #: what the finding was, for the person reading the file
    code: str = ""
    agency: str = ""
    year: int | None = None
    cell: str = ""
    message: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in attrs.fields(ReviewEntry)}


def _entry(data: object, where: str) -> ReviewEntry:
    if not isinstance(data, dict):
        raise ReviewError(f"{where}: expected an object, found {type(data).__name__}")
    unknown = sorted(set(data) - {f.name for f in attrs.fields(ReviewEntry)})
    if unknown:
        raise ReviewError(f"{where}: unknown key {', '.join(map(repr, unknown))}")
    for key in ("fingerprint", "status"):
        if key not in data:
            raise ReviewError(f"{where}: no {key!r}")
    for key in _TEXT_FIELDS:
        if key in data and not isinstance(data[key], str):
            raise ReviewError(f"{where}.{key}: expected a string, found {json.dumps(data[key])}")
    year = data.get("year")
    if year is not None and (type(year) is not int):
        raise ReviewError(f"{where}.year: expected an integer or null, found {json.dumps(year)}")
    if data["status"] not in STATUSES:
        raise ReviewError(
            f"{where}.status: expected one of {', '.join(STATUSES)}, found {data['status']!r}"
        )
    if not data["fingerprint"]:
        raise ReviewError(f"{where}.fingerprint: empty")
    return ReviewEntry(**data)


@attrs.frozen
class Review:
    """The findings a person has looked at, by fingerprint (see the module)."""

    entries: tuple[ReviewEntry, ...] = ()

    def __attrs_post_init__(self) -> None:
        twice = first_repeated(e.fingerprint for e in self.entries)
        if twice is not None:
            raise ReviewError(f"finding {twice} is in the review twice")

    # --- files ------------------------------------------------------------------------------

    @classmethod
    def loads(cls, text: str, source: str = "the review") -> "Review":
        """A review from its JSON text; :class:`ReviewError` naming ``source`` and the entry."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ReviewError(f"{source}: not JSON ({exc})") from None
        if not isinstance(data, dict) or data.get(_FORMAT) != _VERSION:
            raise ReviewError(f'{source}: not a review file (no "{_FORMAT}": {_VERSION})')
        unknown = sorted(set(data) - {_FORMAT, "findings"})
        if unknown:
            raise ReviewError(f"{source}: unknown key {', '.join(map(repr, unknown))}")
        items = data.get("findings", [])
        if not isinstance(items, list):
            raise ReviewError(f"{source}: findings: expected an array")
        entries = tuple(_entry(item, f"{source}: findings[{i}]") for i, item in enumerate(items))
        try:
            return cls(entries)
        except ReviewError as exc:
            raise ReviewError(f"{source}: {exc}") from None

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> "Review":
        """The review file at ``path``."""
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise ReviewError(
                f"{os.fspath(path)}: cannot read the review ({exc.strerror})"
            ) from None
        except UnicodeDecodeError:
            raise ReviewError(f"{os.fspath(path)}: not UTF-8 text") from None
        return cls.loads(text, os.fspath(path))

    def dumps(self) -> str:
        """The review as JSON text (entries in their order, one key a line)."""
        data = {_FORMAT: _VERSION, "findings": [e.to_dict() for e in self.entries]}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the review to ``path`` (whole or not at all: a temporary file renamed)."""
        target = Path(path)
        try:
            fd, tmp = tempfile.mkstemp(dir=target.parent or ".", prefix=f".{target.name}.")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(self.dumps())
            os.replace(tmp, target)
        except OSError as exc:
            raise ReviewError(
                f"{os.fspath(path)}: cannot write the review ({exc.strerror})"
            ) from None

    # --- marks ------------------------------------------------------------------------------

    def get(self, finding: Finding | str) -> ReviewEntry | None:
        """The entry of ``finding`` (or of a fingerprint), or ``None``."""
        key = finding if isinstance(finding, str) else finding.fingerprint
        for e in self.entries:
            if e.fingerprint == key:
                return e
        return None

    def status(self, finding: Finding | str) -> str | None:
        """``open``, ``confirmed`` or ``dismissed``; ``None`` for a finding not in the review."""
        found = self.get(finding)
        return None if found is None else found.status

    def with_findings(self, findings: Iterable[Finding], lang: str = "zh") -> "Review":
        """The review with an ``open`` entry for each of ``findings`` it does not hold (for a
        person to mark), after the entries it has."""
        known = {e.fingerprint for e in self.entries}
        added = []
        for f in findings:
            key = f.fingerprint
            if key in known:
                continue
            known.add(key)
            added.append(
                ReviewEntry(
                    key,
                    code=f.code,
                    agency=f.agency,
                    year=f.year,
                    cell=f.cells[0].path if f.cells else f.about,
                    message=f.message(lang),
                )
            )
        return Review(self.entries + tuple(added))

    def mark(
        self,
        finding: Finding | str,
        status: str,
        note: str = "",
        by: str = "",
        at: str | None = None,
    ) -> "Review":
        """The review with ``finding`` (or a fingerprint) marked ``status``, with a note, who
        and when (``at``: now, when not given); added when not in it."""
        if status not in STATUSES:
            raise ReviewError(f"unknown status {status!r}: expected one of {', '.join(STATUSES)}")
        when = at if at is not None else datetime.datetime.now().isoformat(timespec="seconds")
        base = self if isinstance(finding, str) else self.with_findings([finding])
        key = finding if isinstance(finding, str) else finding.fingerprint
        if base.get(key) is None:
            base = Review((*base.entries, ReviewEntry(key)))
        entries = tuple(
            attrs.evolve(e, status=status, note=note, by=by, at=when) if e.fingerprint == key else e
            for e in base.entries
        )
        return Review(entries)

    def apply(self, result: CheckResult) -> CheckResult:
        """``result`` with the findings this review dismisses moved to ``dismissed``."""
        dismissed = {e.fingerprint for e in self.entries if e.status == "dismissed"}
        if not dismissed:
            return result
        kept: list[Finding] = []
        hidden: list[Finding] = []
        for f in result.findings:
            (hidden if f.fingerprint in dismissed else kept).append(f)
        return CheckResult(tuple(kept), result.reports, result.dismissed + tuple(hidden))


def review_of(review: "Review | str | os.PathLike[str] | None") -> Review | None:
    """A review given as one, or as the path of its file."""
    if review is None or isinstance(review, Review):
        return review
    return Review.load(review)
