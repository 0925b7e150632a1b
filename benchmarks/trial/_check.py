"""What each reproducer prints: a read's status, its wrong and missing cells, and the wrong
cells no diagnostic (warning or worse) nor check() finding (warning or worse) names."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from run import measure


def show(what: str, data: "bytes | Path", truth: dict[str, object]) -> dict[str, object]:
    m = measure(data, truth)
    broken = m["ok_bad"] or m["unnamed"]
    print(
        f"{what}: status {m['status']}, wrong {m['wrong']}, missing {m['missing']}, "
        f"unnamed {len(m['unnamed'])} {m['unnamed'][:3]} -> {'BREAK' if broken else 'kept'}"
    )
    return m
