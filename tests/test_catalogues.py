"""The message catalogues are data (``catalogues/messages.json`` and ``phrases.json``): every key
the code names is in its catalogue, in both languages, with the fields the code gives it.

The package is read with ``ast``: a key given to ``message``, ``phrase`` or ``CliError`` as a
literal (or either branch of a literal ``a if … else b``) must be in that function's catalogue
and, where the call spells its fields, the call gives exactly the template's fields; a key made
by an f-string (``f"status.{s.value}"``) must be a family listed here with the values the code
can put in it; any other literal spelled like a key (``"write.folder"``, passed on in a
variable) must be in a catalogue.
"""

import ast
import json
import re
import string
from pathlib import Path

import pytest

from opengovreport._explain import PHRASES
from opengovreport._messages import MESSAGES, load_catalogue
from opengovreport.errors import OpenGovReportError
from opengovreport.flags import Direction, Level
from opengovreport.ingest import WRONG
from opengovreport.reading import ReadStatus
from opengovreport.rendering import FORMATS
from opengovreport.values import Severity

from .conftest import ROOT

SRC = ROOT / "src" / "opengovreport"
Catalogue = dict[str, tuple[str, str]]
#: the functions that take a key of a catalogue as their first argument, and which
TAKERS = {"message": "messages", "CliError": "messages", "_OutputError": "messages"}
TAKERS["phrase"] = "phrases"
_FLAGS = {f"{d.value}.{lv.value}" for d in Direction for lv in Level}
#: the keys made by an f-string: the family's prefix → the values the code puts after it;
#: ``None`` where the code checks the key itself before it is used
FAMILIES: dict[str, set[str] | None] = {
    "status.": {s.value for s in ReadStatus},
    "severity.": {s.value for s in Severity},
    "level.": {lv.value for lv in Level},
    "flag.": _FLAGS,
    "flag.short.": _FLAGS,
    # corpus.Duplicate.why, chosen in corpus.py
    "kept.": {"published", "quality", "agreement", "order"},
    # Corpus.to_excel's sheets
    "sheet.": {"reports", "indicators", "findings", "files", "flags"},
    # PeerGroup.kind
    "benchmark.group.": {"all", "region", "level", "list", "custom"},
    # a registered output format's extra (the CLI's message when it is not installed)
    "extra.": {f.extra for f in FORMATS.values() if f.extra},
    # corpus._excel_header asks the catalogue first (`in MESSAGES`); a frame's column
    # without an entry is headed by its name
    "column.": None,
    # reading.Reason checks its code against the catalogue when it is made (test_reasons)
    "reason.": None,
    # ingest.Repair: what was wrong with a file of the dataset, and what the run did
    "ingest.wrong.": set(WRONG),
    "ingest.": {"removed", "read", "written"},
}
#: a literal spelled like a key of the catalogues (``write.folder``): a word, a dot, words
_KEYLIKE = re.compile(r"[a-z_]+(?:\.[a-z_-]+)+")


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _literals(node: ast.expr) -> list[str] | None:
    """The texts a literal (or ``a if … else b`` of literals) can be; ``None`` otherwise."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _literals(node.body), _literals(node.orelse)
        if body is not None and orelse is not None:
            return body + orelse
    return None


def _made(node: ast.JoinedStr, loops: dict[str, list[str]]) -> tuple[str, list[str] | None]:
    """An f-string key: its literal prefix, and the keys it makes where the code spells them
    (a literal choice, or a loop over literals), else ``None``."""
    prefix = ""
    for part in node.values:
        if not isinstance(part, ast.Constant):
            break
        prefix += str(part.value)
    keys = [""]
    for part in node.values:
        if isinstance(part, ast.Constant):
            texts: list[str] | None = [str(part.value)]
        else:
            assert isinstance(part, ast.FormattedValue)
            texts = _literals(part.value)
            if texts is None and isinstance(part.value, ast.Name):
                texts = loops.get(part.value.id)
        if texts is None:
            return prefix, None
        keys = [k + t for k in keys for t in texts]
    return prefix, keys


def _loops(tree: ast.AST) -> dict[int, dict[str, list[str]]]:
    """For each node inside a loop over a tuple of literals (``for k in ("a", "b")``, a
    comprehension too): the name the loop binds and its values."""
    out: dict[int, dict[str, list[str]]] = {}
    for node in ast.walk(tree):
        loops = node.generators if isinstance(node, _COMPREHENSIONS) else [node]
        for loop in loops:
            if not (isinstance(loop, ast.comprehension | ast.For)):
                continue
            items = loop.iter.elts if isinstance(loop.iter, ast.Tuple | ast.List) else []
            texts = [_literals(e) for e in items]
            if not isinstance(loop.target, ast.Name) or not texts or None in texts:
                continue
            values = [t for each in texts if each for t in each]
            for inner in ast.walk(node):
                out.setdefault(id(inner), {})[loop.target.id] = values
    return out


_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)


def problems(root: Path, messages: Catalogue = MESSAGES, phrases: Catalogue = PHRASES) -> list[str]:
    """Every key the modules under ``root`` name that their catalogue lacks, every call that
    leaves out a field of its template, every f-string family not listed."""
    catalogues = {"messages": messages, "phrases": phrases}
    out = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        loops = _loops(tree)
        calls = [
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)  # message(), not a method report.message()
            and node.func.id in TAKERS
            and node.args
        ]
        given = {id(call.args[0]) for call in calls}
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in given
                and _KEYLIKE.fullmatch(node.value)
                and node.value.split(".")[0] in _PREFIXES
                and node.value not in messages
                and node.value not in phrases
            ):
                out.append(f"{path.name}:{node.lineno} {node.value}: in no catalogue")
        for call in calls:
            name = call.func.id  # type: ignore[attr-defined]
            catalogue = catalogues[TAKERS[name]]
            where = f"{path.name}:{call.lineno}"
            first = call.args[0]
            keys = _literals(first)
            if isinstance(first, ast.JoinedStr):
                prefix, keys = _made(first, loops.get(id(first), {}))
                if keys is None:
                    if prefix not in FAMILIES:
                        out.append(f"{where} {prefix}…: a family of keys not in FAMILIES")
                    keys = [prefix + v for v in FAMILIES.get(prefix) or ()]
            spelled = {k.arg for k in call.keywords}
            for key in keys or ():
                if key not in catalogue:
                    out.append(f"{where} {key}: not in the catalogue of {name}()")
                    continue
                zh, en = catalogue[key]
                # **fields: given elsewhere; a field the template lacks is left unused
                if None not in spelled and not fields(zh) | fields(en) <= spelled:
                    out.append(f"{where} {key}: given {sorted(map(str, spelled))}")
    return out


_PREFIXES = {key.split(".")[0] for key in (*MESSAGES, *PHRASES) if "." in key}


def test_every_key_the_code_names_is_in_its_catalogue() -> None:
    assert problems(SRC) == []


def test_the_code_names_keys_of_each_kind() -> None:
    """The walk sees what it checks: keys given as literals to each function, families."""
    seen: dict[str, int] = {}
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and node.args:
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if isinstance(node.func, ast.Name) and name in TAKERS:
                    seen[str(name)] = seen.get(str(name), 0) + 1
    assert seen["message"] > 30
    assert seen["phrase"] > 30
    assert seen["CliError"] > 20


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ('message("stdout.closd", "en")\n', ["x.py:1 stdout.closd: not in the catalogue"]),
        ('phrase("stdout.closed", "en")\n', ["x.py:1 stdout.closed: not in the catalogue"]),
        ('message("write.cannot", "en", path=1)\n', ["x.py:1 write.cannot: given ['path']"]),
        ('CliError("a" if x else "interruptd")\n', ["x.py:1 a: not in", "x.py:1 interruptd:"]),
        ('message(f"status.{s}", "en")\n', []),
        ('message(f"head.{k}", "en")\n', ["x.py:1 head.…: a family of keys not in FAMILIES"]),
        ('message(f"head.{k}", "en") for k in ("year", "yr")\n', ["x.py:1 head.yr: not in"]),
        ('what = "write.fodler"\n', ["x.py:1 write.fodler: in no catalogue"]),
    ],
    ids=["typo", "other-catalogue", "fields", "branches", "family", "unlisted", "loop", "keylike"],
)
def test_a_planted_key_is_found(tmp_path: Path, text: str, found: list[str]) -> None:
    if " for " in text:
        text = f"[{text.strip()}]\n"
    (tmp_path / "x.py").write_text(text)
    said = problems(tmp_path)
    assert len(said) == len(found), said
    for line, start in zip(said, found, strict=True):
        assert line.startswith(start), said


@pytest.mark.parametrize("name", ["messages", "phrases", "diagnostics"])
def test_every_template_has_both_languages_with_the_same_fields(name: str) -> None:
    """Each key in Chinese and English, both non-empty, with the same fields (English may add
    its plural ending ``{s}``)."""
    catalogue = load_catalogue(name)
    assert len(catalogue) > 50
    for key, (zh, en) in catalogue.items():
        # a count has no unit word in English (17, not 17 件)
        assert zh.strip(), key
        assert en.strip() or key == "unit.count", key
        # English's own words: a plural ending ({s}), agency or agencies
        assert fields(zh) == fields(en) - {"s", "agencies"}, key


def test_the_modules_hold_the_files() -> None:
    assert load_catalogue("messages") == MESSAGES
    assert load_catalogue("phrases") == PHRASES


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('{"a": {"k": ["x", "y"]}, "b": {"k": ["x", "y"]}}', "'k' given twice"),
        ('{"a": {"k": ["x", "y"], "k": ["x", "z"]}}', "'k' given twice"),
        ('{"a": {"k": ["x"]}}', "'k' is not [zh, en]"),
        ('{"a": {"k": ["x", 1]}}', "'k' is not [zh, en]"),
        ('{"a": ["k"]}', "broken"),
    ],
    ids=["across-sections", "in-a-section", "one-language", "not-text", "no-section"],
)
def test_a_broken_catalogue_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, said: str
) -> None:
    from opengovreport import _messages

    (tmp_path / "broken.json").write_text(text, encoding="utf-8")
    monkeypatch.setattr(_messages, "_FOLDER", tmp_path)
    with pytest.raises(OpenGovReportError, match=re.escape(said)):
        load_catalogue("broken")


def test_the_files_are_as_docs_extending_says() -> None:
    """docs/extending.md: sections of ``"key": [zh, en]``; its example is a row of the file."""
    for name in ("messages", "phrases"):
        data = json.loads((SRC / "catalogues" / f"{name}.json").read_text(encoding="utf-8"))
        assert all(isinstance(s, dict) and s for s in data.values())
    text = (ROOT / "docs" / "extending.md").read_text(encoding="utf-8")
    example = re.search(r"```json\n(.*?)\n```", text, re.S)
    assert example is not None
    ((key, pair),) = json.loads("{" + example.group(1) + "}").items()
    assert MESSAGES[key] == tuple(pair)


def test_the_rules_words_are_the_rules() -> None:
    """``catalogues/rules.json`` holds each rule's title and description, and the sides and
    identities written as words: every row is a field of its rule, as the rule has it."""
    from opengovreport import schema

    words = load_catalogue("rules")
    for r in schema.RULES:
        assert {f"{r.code}.title", f"{r.code}.description"} <= set(words), r.code
    for key, (zh, en) in words.items():
        code, part = key.split(".")
        assert part in {"title", "description", "lhs", "rhs", "identity"}, key
        assert getattr(schema.rule(code), part) == schema.Label(zh, en), key
        assert zh.strip(), key
        assert en.strip(), key


def test_only_the_schema_reads_the_rules_words() -> None:
    readers = [
        path.name
        for path in SRC.rglob("*.py")
        if re.search(r"load_catalogue\(\s*\"rules\"", path.read_text(encoding="utf-8"))
    ]
    assert readers == ["schema.py"]
