"""MkDocs hooks: pages generated from the library itself, so that they cannot drift from it."""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
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


def _grammar() -> str:
    lines = ["| form | example | what T5 reads |", "|---|---|---|"]
    for form in ogr.checks.GRAMMAR:
        read = ogr.checks.read_statements(form.example, form.section)
        what = "<br>".join(
            f"`{s.key}` {s.printed}"
            + (" (uncertain)" if not s.certain else "")
            + (" (a change)" if s.change else "")
            for s in read
        )
        lines.append(
            f"| {form.name.zh}<br>{form.name.en}<br>{form.description.zh}<br>"
            f"{form.description.en} | {form.example} | {what or 'nothing'} |"
        )
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
    lines = ["| code | severity | what it means | its messages |", "|---|---|---|---|"]
    for k in ogr.reading.diagnostic_kinds():
        messages = "<br>".join(
            f"{'' if not name else f'*{name}*: '}{t.zh}<br>{t.en}".replace("|", "\\|")
            for name, t in k.templates.items()
        )
        lines.append(
            f"| `{k.code}` | {k.severity.value} | {k.description.zh}<br>{k.description.en} | "
            f"{messages} |"
        )
    return "\n".join(lines)


def _reasons() -> str:
    from opengovreport._messages import MESSAGES

    lines = ["| code | its text |", "|---|---|"]
    for code in ogr.reading.reason_codes():
        zh, en = MESSAGES[f"reason.{code}"]
        said = f"{zh}<br>{en}".replace("|", "\\|")
        lines.append(f"| `{code}` | {said} |")
    return "\n".join(lines)


def _schema() -> str:
    return "```json\n" + json.dumps(ogr.json_schema(), ensure_ascii=False, indent=2) + "\n```"


def _run(args: list[str], cwd: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "opengovreport", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        env=env,
    )


def _cli() -> str:
    out = []
    for args in (
        [],
        ["check"],
        ["parse"],
        ["render"],
        ["summary"],
        ["compare"],
        ["ingest"],
        ["example"],
        ["validate"],
        ["schema"],
    ):
        result = _run([*args, "--help"], ".")
        title = " ".join(["opengovreport", *args])
        out += [f"### `{title}`", "", "```text", result.stdout.rstrip(), "```", ""]
    return "\n".join(out)


#: the sample runs: the published reports shipped as examples, in a folder ``reports``
_SAMPLES = [
    ["check", "reports", "--width", "100"],
    ["check", "reports", "--width", "100", "--lang", "en"],
    ["check", "reports/shuyang-fagaiju-2023.txt", "--width", "100", "--lang", "en", "--show-all"],
    ["check", "reports", "--format", "github"],
    ["check", "reports/hongze-quzhengfu-2024.pdf", "--format", "csv", "--lang", "en"],
    ["parse", "reports", "-o", "json"],
    [
        "render",
        "reports/huaian-shizhengfu-2024.txt",
        "--to",
        "text",
        "--table",
        "4",
        "--width",
        "100",
    ],
    ["summary", "reports", "-o", "summary.html"],
    [
        "compare",
        "reports/huaian-shizhengfu-2024.txt",
        "reports/hongze-quzhengfu-2024.pdf",
        "--width",
        "100",
        "--top",
        "5",
        "--thresholds",
        "peer-dashboard",
    ],
    ["summary", "reports", "--agency", "淮安市洪泽区人民政府", "--to", "text", "--width", "100"],
    ["ingest", "reports", "-o", "dataset", "--workers", "2"],
    ["validate", "json"],
]


def _samples() -> str:
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        reports = Path(tmp) / "reports"
        reports.mkdir()
        for name in ogr.examples.published():
            (reports / name).write_bytes(ogr.examples.path(name).read_bytes())
        for args in _SAMPLES:
            result = _run(args, tmp)
            text = f"$ opengovreport {' '.join(args)}\n{result.stdout}{result.stderr}"
            text += f"$ echo $?\n{result.returncode}"
            out += ["```text", text, "```", ""]
    return "\n".join(out)


_GENERATED = {
    "<!-- rules -->": _rules,
    "<!-- grammar -->": _grammar,
    "<!-- diagnostics -->": _diagnostics,
    "<!-- reasons -->": _reasons,
    "<!-- indicators -->": _indicators,
    "<!-- schema -->": _schema,
    "<!-- cli -->": _cli,
    "<!-- cli samples -->": _samples,
}


def on_page_markdown(markdown: str, **kwargs: Any) -> str:
    for marker, make in _GENERATED.items():
        if marker in markdown:
            markdown = markdown.replace(marker, make())
    return markdown
