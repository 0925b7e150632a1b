"""The reader stays split along its steps (#20, item 6): no module under ``reading/`` over
420 lines, no function or method over cyclomatic complexity 20 (radon's ``cc_visit``, which
counts a function's closures in it)."""

from pathlib import Path

import pytest
from radon.complexity import cc_visit
from radon.visitors import Function

READING = Path(__file__).resolve().parents[1] / "src" / "opengovreport" / "reading"
MOST_LINES = 420
MOST_COMPLEXITY = 20


def over_bounds(root: Path) -> dict[str, int]:
    """Each module under ``root`` over :data:`MOST_LINES` lines, and each function or method
    over :data:`MOST_COMPLEXITY`, with its figure."""
    found: dict[str, int] = {}
    for path in sorted(root.rglob("*.py")):
        name = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8")
        lines = len(text.splitlines())
        if lines > MOST_LINES:
            found[name] = lines
        for block in cc_visit(text):
            if isinstance(block, Function) and block.complexity > MOST_COMPLEXITY:
                found[f"{name}:{block.fullname}"] = block.complexity
    return found


def test_no_module_or_function_of_the_reader_is_over_its_bounds() -> None:
    assert over_bounds(READING) == {}, "split along what each part does"


_LONG_MODULE = "x = 1\n" * (MOST_LINES + 1)
#: a function of complexity 21: one path and twenty branches
_BRANCHY = "def f(x):\n" + "".join(f"    if x == {k}:\n        return {k}\n" for k in range(20))


@pytest.mark.parametrize(
    ("files", "found"),
    [
        ({"a.py": "x = 1\n" * MOST_LINES}, {}),
        ({"a.py": _LONG_MODULE}, {"a.py": MOST_LINES + 1}),
        ({"a.py": _BRANCHY}, {"a.py:f": 21}),
        ({"a.py": _BRANCHY.replace("    if x == 19", "    if x == 19 and x")}, {"a.py:f": 22}),
        ({"sub/b.py": "class C:\n    " + _BRANCHY.replace("\n", "\n    ")}, {"sub/b.py:C.f": 21}),
        ({"a.py": _BRANCHY.replace("    if x == 19:\n        return 19\n", "")}, {}),
    ],
    ids=["420-lines", "421-lines", "complexity-21", "boolean", "method", "complexity-20"],
)
def test_a_planted_module_or_function_over_the_bounds_is_found(
    tmp_path: Path, files: dict[str, str], found: dict[str, int]
) -> None:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    assert over_bounds(tmp_path) == found
