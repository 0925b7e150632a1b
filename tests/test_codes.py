"""Codes only from the catalogues: a rule's code is written in the schema's catalogue (its
``Rule`` and ``schema.Code``) and nowhere else in the package; a diagnostic's code named in the
reader's code is one of the reader's catalogue (``reading/_catalogue.py``, its words in
``catalogues/diagnostics.json``). Diagnostic codes are checked where they are used, not banned
as literals: several are words the reader also uses in their own sense (``rebuilt`` a cell's
state, ``edition``, ``ocr`` a format)."""

import ast
from pathlib import Path

import pytest

from opengovreport import schema
from opengovreport.reading import diagnostic_kinds

SRC = Path(__file__).resolve().parents[1] / "src" / "opengovreport"
RULE_CODES = {r.code for r in schema.RULES}


def rule_code_literals(root: Path) -> list[str]:
    """Where a string literal spells a rule's code, outside the schema."""
    found = []
    for path in sorted(root.rglob("*.py")):
        if path.name == "schema.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in RULE_CODES:
                found.append(f"{path.name}:{node.lineno} {node.value}")
    return found


def diagnostic_codes_named(root: Path) -> list[tuple[str, str]]:
    """Every code given as a literal to ``Diagnostic.of(…)``, ``kind(…)`` or a reader's
    ``note(…)``, with where."""
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            first = node.args[0]
            literal = isinstance(first, ast.Constant) and isinstance(first.value, str)
            reason = getattr(node.func, "value", None)  # Reason.of: a reason's code, not a note
            if getattr(reason, "id", None) == "Reason":
                continue
            if name in {"of", "kind", "note"} and literal:
                found.append((f"{path.name}:{node.lineno}", first.value))  # type: ignore[attr-defined]
    return found


def test_schema_code_names_every_rule_of_the_catalogue() -> None:
    declared = {k: v for k, v in vars(schema.Code).items() if not k.startswith("_")}
    assert declared == {code: code for code in RULE_CODES}


def test_no_rule_code_spelled_outside_the_schema() -> None:
    assert rule_code_literals(SRC) == []


def test_every_diagnostic_code_named_is_in_the_catalogue() -> None:
    named = diagnostic_codes_named(SRC / "reading")
    assert len(named) > 20  # the reader names its notes by code
    known = {k.code for k in diagnostic_kinds()}
    assert [(where, code) for where, code in named if code not in known] == []


@pytest.mark.parametrize(
    ("text", "rules", "unknown"),
    [
        ('if finding.code == "I3":\n    pass\n', ["x.py:1 I3"], []),
        ('note = Diagnostic.of("no-such-code", line=1)\n', [], ["no-such-code"]),
        ("note = Diagnostic.of(CODE, line=1)\n", [], []),
    ],
    ids=["rule-literal", "unknown-diagnostic", "named-by-constant"],
)
def test_a_planted_code_is_found(
    tmp_path: Path, text: str, rules: list[str], unknown: list[str]
) -> None:
    (tmp_path / "x.py").write_text(text)
    assert rule_code_literals(tmp_path) == rules
    known = {k.code for k in diagnostic_kinds()}
    assert [c for _w, c in diagnostic_codes_named(tmp_path) if c not in known] == unknown
