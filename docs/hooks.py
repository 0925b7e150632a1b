"""MkDocs hooks: pages generated from the library itself, so that they cannot drift from it."""

import json
import subprocess
import sys
from typing import Any

import opengovreport as ogr


def _rules() -> str:
    lines = [
        "| code | severity of a failure | status | scope | title | identity |",
        "|---|---|---|---|---|---|",
    ]
    for r in ogr.checks.catalog():
        lines.append(
            f"| {r.code} | {r.severity.value} | {r.status.value} | {r.scope.value} | "
            f"{r.title.zh}<br>{r.title.en} | {r.identity.zh}<br>{r.identity.en} |"
        )
    lines.append("")
    for r in ogr.checks.catalog():
        lines += [f"## {r.code} — {r.title.en}", "", r.description.zh, "", r.description.en, ""]
    return "\n".join(lines)


def _indicators() -> str:
    lines = ["| code | name | unit | definition |", "|---|---|---|---|"]
    for i in ogr.schema.INDICATORS:
        lines.append(
            f"| `{i.code}` | {i.name.zh}<br>{i.name.en} | {i.unit} | "
            f"{i.description.zh}<br>{i.description.en} |"
        )
    return "\n".join(lines)


def _diagnostics() -> str:
    lines = ["| code | severity | what it means |", "|---|---|---|"]
    for k in ogr.reading.diagnostic_kinds():
        lines.append(
            f"| `{k.code}` | {k.severity.value} | {k.description.zh}<br>{k.description.en} |"
        )
    return "\n".join(lines)


def _schema() -> str:
    return "```json\n" + json.dumps(ogr.json_schema(), ensure_ascii=False, indent=2) + "\n```"


def _cli() -> str:
    out = []
    for args in ([], ["example"], ["check"], ["render"], ["parse"], ["schema"], ["validate"]):
        result = subprocess.run(
            [sys.executable, "-m", "opengovreport", *args, "--help"],
            capture_output=True,
            text=True,
            check=True,
        )
        title = " ".join(["opengovreport", *args])
        out += [f"## `{title}`", "", "```text", result.stdout.rstrip(), "```", ""]
    return "\n".join(out)


_GENERATED = {
    "<!-- rules -->": _rules,
    "<!-- diagnostics -->": _diagnostics,
    "<!-- indicators -->": _indicators,
    "<!-- schema -->": _schema,
    "<!-- cli -->": _cli,
}


def on_page_markdown(markdown: str, **kwargs: Any) -> str:
    for marker, make in _GENERATED.items():
        if marker in markdown:
            markdown = markdown.replace(marker, make())
    return markdown
