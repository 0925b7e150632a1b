"""The format is declared once: outside schema.py and model.py, no module of the package spells
a row key, a column key, a section's key or keyword, or a Chinese label of the format.

Every string literal of every other module is read (docstrings and comments are prose, and
exempt); a literal that is a key, or holds a label, fails the test with the module and line.
"""

import ast
import json
import re
from pathlib import Path

import pytest

import opengovreport as ogr
from opengovreport import schema
from opengovreport._explain import PHRASES
from opengovreport._messages import MESSAGES

from .conftest import ROOT

PACKAGE = ROOT / "src" / "opengovreport"
#: the rules' words (catalogues/rules.json) are the schema's, read by it alone (test_catalogues)
DECLARING = {PACKAGE / "schema.py", PACKAGE / "model.py", PACKAGE / "catalogues" / "rules.json"}
#: the kinds of cell (count, signed, amount): the library's words, one of them a column's key
KINDS = {kind.value for kind in schema.CellKind}


def _vocabulary() -> tuple[set[str], set[str]]:
    """(keys, labels): every key and every Chinese label the shapes declare."""
    keys: set[str] = set()
    labels: set[str] = set()

    def rows(items: tuple[schema.Row, ...]) -> None:
        for row in items:
            if row.key is not None:
                keys.add(row.key)
            labels.add(row.label.zh)
            labels.update(row.variants)
            rows(row.children)

    for shape in schema.shapes():
        for spec in shape.sections:
            keys.add(spec.key)
            labels.add(spec.heading.zh)
            labels.update(spec.variants)
            # the words a heading pattern recognises it by (总体情况, 主动公开 …)
            labels.update(w for w in re.findall(r"[\u4e00-\u9fff]{2,}", spec.pattern))
        for table in shape.tables:
            keys.add(table.key)
            labels.add(table.heading.zh)
            for part in table.parts:
                if part.key:
                    keys.add(part.key)
                for label in (part.band, part.corner):
                    if label is not None:
                        labels.add(label.zh)
                for column in part.columns:
                    keys.add(column.key)
                    labels.add(column.label.zh)
                    labels.update(g.zh for g in column.groups)
                rows(part.rows)
    labels.update(f.label.zh for f in schema.contact_fields())
    labels.add(schema.TITLE_SUFFIX)
    return keys, {x for x in labels if len(x) >= 2}


def _literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


#: a row of a message catalogue (catalogues/*.json): ``"key": ["zh", "en"],``
_ROW = re.compile(r'\s*("(?:[^"\\]|\\.)*")\s*:\s*(\[.*\])\s*,?\s*$')


def _catalogue_literals(path: Path) -> list[tuple[int, str]]:
    """A message catalogue's keys and templates, with their lines (its section headings are
    prose, as comments are)."""
    out: list[tuple[int, str]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        row = _ROW.match(line)
        if row is not None:
            out.append((number, json.loads(row.group(1))))
            out.extend((number, text) for text in json.loads(row.group(2)))
    return out


def test_every_row_of_the_catalogues_is_read() -> None:
    read = (("messages", MESSAGES), ("phrases", PHRASES), ("rules", schema._WORDS))
    for name, catalogue in read:
        texts = [t for _, t in _catalogue_literals(PACKAGE / "catalogues" / f"{name}.json")]
        assert texts == [t for key, pair in catalogue.items() for t in (key, *pair)]


@pytest.mark.slow
def test_no_module_but_the_schema_and_the_model_spells_the_format() -> None:
    keys, labels = _vocabulary()
    assert {"natural_person", "total_handled", "item1", "issued"} <= keys
    assert {"总计", "三、本年度办理结果", "第二十条第（一）项", "总体情况"} <= labels
    found: list[str] = []
    # the message catalogues are data, read as the modules' literals are
    catalogues = sorted((PACKAGE / "catalogues").glob("*.json"))
    for path in [*sorted(PACKAGE.rglob("*.py")), *catalogues]:
        if path in DECLARING:
            continue
        read = _catalogue_literals if path.suffix == ".json" else _literals
        for line, text in read(path):
            # a key, or a path of keys (prose in messages may use the same words)
            if re.fullmatch(r"[a-z0-9_.]+", text) and text not in KINDS:
                found.extend(
                    f"{path.relative_to(ROOT)}:{line}: key {piece!r} in {text!r}"
                    for piece in text.split(".")
                    if piece in keys
                )
            found.extend(
                f"{path.relative_to(ROOT)}:{line}: label {label!r} in {text[:40]!r}"
                for label in labels
                if label in text
            )
    assert not found, "\n".join(found)


def test_the_vocabulary_is_read_from_every_registered_shape() -> None:
    keys, _labels = _vocabulary()
    paths = {p for s in ogr.schema.shapes() for p in s.paths}
    assert all(set(p.split(".")) <= keys for p in paths)
