"""Only regular files are read, and ``-o`` writes only regular files: a FIFO named like a
report, a link to ``/dev/zero``, a socket or a device is skipped at once with what it is, by
``read()``, ``Corpus``, the command line and ``ingest``; ``-o`` refuses a device or a folder,
follows a symlink, keeps a file's mode and writes a hard-linked file in place. Each test runs
what could block in a fresh process with a timeout, so that a regression fails instead of
hanging the suite."""

import json
import os
import socket
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import opengovreport as ogr
from opengovreport import cli, examples

TEXT = examples.path("shuyang-fagaiju-2023.txt")


@pytest.fixture
def odd(tmp_path: Path) -> Iterator[Path]:
    """A folder of a report and things named like reports that are no files: a FIFO, a link
    to /dev/zero, a link to the FIFO, a socket."""
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "report.txt").write_bytes(TEXT.read_bytes())
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "link.txt").symlink_to(folder / "pipe.txt")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / "socket.txt"))
    yield folder
    server.close()


WHAT = {
    "pipe.txt": "a FIFO (named pipe), not a file",
    "zero.txt": "a link to a character device, not a file",
    "link.txt": "a link to a FIFO (named pipe), not a file",
    "socket.txt": "a socket, not a file",
}


def _run(code: str, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    root = str(Path(__file__).resolve().parent.parent / "src")
    return subprocess.run(
        [sys.executable, "-c", f"import sys; sys.path.insert(0, {root!r})\n{code}", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )


@pytest.mark.slow
def test_read_skips_what_is_not_a_regular_file_at_once(odd: Path) -> None:
    code = (
        "import json, opengovreport as ogr\n"
        "print(json.dumps([[r.status.value, r.reason] for r in map(ogr.read, sys.argv[1:])]))"
    )
    names = [*WHAT, "report.txt"]
    done = _run(code, *(str(odd / n) for n in names), "/dev/null", timeout=60)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found[:4] == [["skipped", WHAT[n]] for n in WHAT]
    assert found[4] == ["ok", None]
    assert found[5] == ["skipped", "a character device, not a file"]


def test_the_time_budget_covers_reading_the_file() -> None:
    result = ogr.read(TEXT, limits=ogr.Limits(seconds=0))
    assert (result.status, result.reason) == (
        ogr.ReadStatus.UNREADABLE,
        "took longer than its time budget",
    )


@pytest.mark.slow
def test_a_corpus_of_a_folder_skips_them_and_reads_the_rest(odd: Path) -> None:
    code = (
        "import json, opengovreport as ogr\n"
        "corpus = ogr.Corpus.from_folder(sys.argv[1], progress=False)\n"
        "print(json.dumps({e.source: [e.status.value, e.error] for e in corpus.entries}))"
    )
    done = _run(code, str(odd), timeout=60)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found.pop(str(odd / "report.txt")) == ["ok", None]
    assert found == {str(odd / n): ["skipped", what] for n, what in WHAT.items()}


@pytest.mark.slow
def test_the_command_line_says_what_each_is(odd: Path) -> None:
    code = "from opengovreport.cli import main; sys.exit(main(sys.argv[1:]))"
    for command, *more in (
        ["check"],
        ["summary", "-o", str(odd.parent / "summary.html")],
        ["parse", "-o", str(odd.parent / "parsed")],
    ):
        done = _run(code, command, str(odd), *more, "--lang", "en", timeout=60)
        assert done.returncode == 2, (command, done.stderr)
        for name, what in WHAT.items():
            assert f"{odd / name}: {what}" in done.stderr, (command, done.stderr)
    validate = _run(code, "validate", str(odd / "pipe.txt"), "--lang", "en", timeout=60)
    assert validate.returncode == 2
    assert validate.stderr == (
        f"opengovreport: {odd / 'pipe.txt'}: cannot read it: a FIFO (named pipe), not a file\n"
    )


@pytest.mark.slow
def test_ingest_skips_them_and_hashes_no_device(odd: Path, tmp_path: Path) -> None:
    code = (
        "import json\n"
        "from opengovreport import ingest\n"
        "done = ingest.ingest(sys.argv[1], sys.argv[2], workers=1, progress=False)\n"
        "files = ingest.read_frame(sys.argv[2], 'files')\n"
        "print(json.dumps(dict(zip(files['source'], files['status']))))"
    )
    done = _run(code, str(odd), str(tmp_path / "out"), timeout=300)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found == {str(odd / "report.txt"): "ok", **{str(odd / n): "skipped" for n in WHAT}}


# --- -o -----------------------------------------------------------------------------------------


def _render(out: Path | str, tmp_path: Path, *more: str) -> int:
    source = tmp_path / "report.json"
    source.write_text(examples.text("synthetic-2021"), encoding="utf-8")
    return cli.main(["render", str(source), "--to", "markdown", "-o", str(out), *more])


def test_o_refuses_a_fifo_and_a_folder_and_leaves_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "out.md"
    os.mkfifo(fifo)
    assert _render(fifo, tmp_path, "--lang", "en") == 2
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert capsys.readouterr().err == f"opengovreport: cannot write {fifo}: not a regular file\n"
    assert _render(fifo, tmp_path) == 2
    assert capsys.readouterr().err == f"opengovreport: 无法写入 {fifo}：不是普通文件\n"
    folder = tmp_path / "summary"
    folder.mkdir()
    code = cli.main(["summary", str(tmp_path / "report.json"), "-o", str(folder), "--lang", "en"])
    assert code == 2
    assert capsys.readouterr().err == f"opengovreport: cannot write {folder}: a folder\n"
    assert folder.is_dir()


def test_o_keeps_the_mode_of_an_existing_file_and_gives_a_new_one_the_usual(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out.md"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o644)
    assert _render(out, tmp_path) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
    assert out.read_text(encoding="utf-8") == examples.load("synthetic-2021").to_markdown()
    new = tmp_path / "new.md"
    umask = os.umask(0o027)
    try:
        assert _render(new, tmp_path) == 0
    finally:
        os.umask(umask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o640


def test_o_follows_a_symlink_and_writes_a_hard_linked_file_in_place(tmp_path: Path) -> None:
    expected = examples.load("synthetic-2021").to_markdown()
    target = tmp_path / "target.md"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    assert _render(link, tmp_path) == 0
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == expected
    other = tmp_path / "other-name.md"
    os.link(target, other)
    target.write_text("old again", encoding="utf-8")
    assert _render(target, tmp_path) == 0
    assert os.path.samefile(target, other)
    assert other.read_text(encoding="utf-8") == expected
