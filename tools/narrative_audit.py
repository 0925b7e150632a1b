"""T5 against its labelled set (tests/narrative_labels.py): how many statements it reads as a
person labelled them, and the precision and recall of its inconsistencies, as printed and with
each figure labelled ``ok`` changed.

    python tools/narrative_audit.py      # needs ../shared (or OGR_SHARED) for the real texts

The figures line is what the rule catalogue (docs/rules.md) records; the tests hold the page to
it.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests import narrative_labels as labels  # noqa: E402


def report() -> str:
    """The audit's figures, and every disagreement."""
    shared = sum(1 for _ in labels.shared_reports())
    audit = labels.audit(labels.all_sources)
    lines = [
        f"sources: {shared} shared texts of {len(labels.LABELS)} (absent ones skipped), "
        f"{len(labels.EXAMPLE_LABELS)} packaged examples, {len(labels.CASES)} cases",
        labels.figures_line(audit),
        *(f"  disagrees: {d}" for d in audit.disagreements),
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(report())
