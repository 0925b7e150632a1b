"""One exception tree: whatever the library raises on bad input is an ``OpenGovReportError``,
keeps the built-in type it had before, and is one line from the command line."""

import ast
from collections.abc import Callable
from pathlib import Path

import pytest

import opengovreport as ogr
from opengovreport import builders, errors, examples, schema
from opengovreport.cli import main

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "opengovreport"

_REPORT = examples.load("synthetic-2021")

#: a call with bad input, the error it raises and the built-in type that error still is
CASES: list[tuple[str, Callable[[], object], type[Exception], type[Exception]]] = [
    ("loads: not JSON", lambda: ogr.loads("{"), ogr.LoadError, ValueError),
    ("loads: not a report", lambda: ogr.loads("[]"), ogr.LoadError, ValueError),
    ("parse: no report", lambda: ogr.parse("hello"), ogr.ParseError, ValueError),
    ("parse: bytes", lambda: ogr.parse(b"x"), ogr.ParseError, ValueError),  # type: ignore[arg-type]
    ("cell: no such path", lambda: _REPORT.cell("x.y"), errors.NotFoundError, KeyError),
    (
        "with_cell: a negative count",
        lambda: _REPORT.with_cell("requests.new_received.natural_person", -1),
        errors.InputError,
        ValueError,
    ),
    ("render: no such format", lambda: ogr.render(_REPORT, "pdf"), errors.InputError, ValueError),
    ("render: not a report", lambda: ogr.render(3, "html"), errors.WrongTypeError, TypeError),  # type: ignore[arg-type]
    ("check: not a report", lambda: ogr.check(3), errors.WrongTypeError, TypeError),  # type: ignore[arg-type]
    (
        "check: strict",
        lambda: ogr.check(
            _REPORT.with_cell("requests.new_received.natural_person", 999), strict=True
        ),
        ogr.CheckError,
        ValueError,
    ),
    ("examples: no such example", lambda: examples.load("nope"), errors.NotFoundError, KeyError),
    ("schema: no such indicator", lambda: schema.indicator("nope"), errors.NotFoundError, KeyError),
    ("schema: no such rule", lambda: schema.rule("nope"), errors.NotFoundError, KeyError),
    (
        "thresholds: unknown key",
        lambda: ogr.Thresholds.from_dict({"nope": 1}),
        errors.ThresholdsError,
        ValueError,
    ),
    (
        "builders: a count that is not one",
        lambda: builders.request_row(-1, 0, 0, 0, 0, 0),
        errors.InputError,
        ValueError,
    ),
]


@pytest.mark.parametrize(
    ("call", "raised", "builtin"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_input_raises_within_the_tree(
    call: Callable[[], object], raised: type[Exception], builtin: type[Exception]
) -> None:
    with pytest.raises(raised) as caught:
        call()
    assert isinstance(caught.value, errors.OpenGovReportError)
    assert isinstance(caught.value, builtin)  # what callers caught before still catches it
    assert str(caught.value)
    assert not str(caught.value).startswith("'")  # a message, not a quoted key


def test_every_public_error_is_in_the_tree() -> None:
    """Every exception class the package's modules define in public is under the base."""
    import importlib
    import pkgutil

    found = []
    for info in pkgutil.walk_packages(ogr.__path__, "opengovreport."):
        if info.name.rpartition(".")[2].startswith("_") or info.name.endswith(("plots", "testing")):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if (
                isinstance(value, type)
                and issubclass(value, Exception)
                and not issubclass(value, Warning)
                and value.__module__.startswith("opengovreport")
                and not name.startswith("_")
            ):
                found.append(value)
                assert issubclass(value, errors.OpenGovReportError), f"{info.name}.{name}"
    assert {ogr.LoadError, ogr.ParseError, ogr.CheckError, errors.IngestError} <= set(found)


def test_no_builtin_error_raised_in_public_code() -> None:
    """The library raises its own errors: a ``raise ValueError(…)`` (or KeyError, TypeError,
    ImportError) in the package would escape the tree. Raised and caught within one module
    (its control flow) and code marked unreachable are not the user's to catch."""
    builtin = {"ValueError", "KeyError", "TypeError", "ImportError", "RuntimeError", "Exception"}
    raised = []
    for path in sorted(SRC.rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for node in ast.walk(ast.parse("\n".join(lines))):
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
                name = getattr(node.exc.func, "id", None)
                if name in builtin and "pragma: no cover" not in lines[node.lineno - 1]:
                    raised.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}")
    allowed = _caught_where_raised()
    assert [r for r in raised if r not in allowed] == []


def _caught_where_raised() -> set[str]:
    """Raises of a built-in error in a ``try`` of the same function that catches that type."""
    out = set()
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Try):
                continue
            caught = set()
            for handler in node.handlers:
                kinds = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
                caught |= {getattr(k, "id", None) for k in kinds}
            for inner in (n for stmt in node.body for n in ast.walk(stmt)):
                if isinstance(inner, ast.Raise) and isinstance(inner.exc, ast.Call):
                    name = getattr(inner.exc.func, "id", None)
                    if name in caught:
                        out.add(f"{path.relative_to(ROOT)}:{inner.lineno} {name}")
    return out


def test_the_cli_prints_a_library_error_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["example", "nope"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_the_errors_page_runs() -> None:
    from .test_readme import _run_python_blocks

    namespace = _run_python_blocks(ROOT / "docs" / "errors.md")
    assert "report" not in namespace  # the load failed, and the clause caught it
