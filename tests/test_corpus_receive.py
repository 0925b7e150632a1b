"""What workers send and how this process takes it: a worker's next task given ahead, a few
more files a message, findings unpickled without their constructor, a folder's files listed
without a Path each — each giving what it gave before.

Four fail on 1d8df41 (run with ``PYTHONPATH`` at its sources): a child found no task waiting
when it ended one; ``run`` took no ``batch``; a corpus had no ``_MESSAGE_FILES``; a finding was
unpickled by its constructor. The others guard what is new (a task held ahead by a child that
dies; the folder's listing equal to ``rglob``'s).
"""

import functools
import os
import pickle
import signal
from pathlib import Path
from typing import Any

import pytest

import opengovreport as ogr
from opengovreport import _workers, corpus, examples
from opengovreport.checks import CellRef, Finding
from opengovreport.corpus import SUFFIXES, files_in

from .test_corpus_lazy import files_a_message


def _next_task_waiting(item: int) -> tuple[int, bool]:
    # in a child under a time budget, its end of the pipe: a task sent shows as a message
    # waiting there (waited for a while at the end of the first tasks: this process sends the next
    # task right after the first, but may be slow to; it sent none before the last result)
    conn = _workers._to_parent
    return item, conn is not None and item in (3, 11) and conn.poll(5.0)


def _never(item: int, reason: ogr.Reason) -> Any:
    raise AssertionError(reason)


def test_a_child_has_its_next_task_when_it_ends_one() -> None:
    """Each child is given its next task with its first one, so that it never waits for this
    process between tasks: ending its first task, it finds the next one waiting."""
    out = _workers.run(_next_task_waiting, list(range(40)), 2, failed=_never, chunk=4, timeout=60)
    assert [i for i, _ in out] == list(range(40))
    # tasks (0, 4) and (4, 8) went to the first child, (8, 12) and (12, 16) to the second
    assert out[3][1]
    assert out[11][1]


def _kill_self_on(killer: int, item: int) -> int:
    if item == killer:
        os.kill(os.getpid(), signal.SIGKILL)
    return item * 2


def _as_failed(item: int, reason: ogr.Reason) -> int:
    assert "killed (SIGKILL)" in str(reason), reason
    return -1


@pytest.mark.parametrize(
    ("timeout", "killer"),
    # without a budget this process takes every other task of 4 (0–3, 8–11 …): item 6 is in
    # the child's first task, 14 in the one it holds ahead; with one, 2 and 6 likewise
    [(None, 6), (None, 14), (60, 2), (60, 6)],
)
def test_a_task_given_ahead_to_a_child_that_dies_is_done_by_another(
    timeout: float | None, killer: int
) -> None:
    """A child dies on an item of its task while it holds its next one, or on an item of the
    task it held: the item alone fails, the rest of its tasks are done as ever."""
    items = list(range(48))
    out = _workers.run(
        functools.partial(_kill_self_on, killer),
        items,
        2,
        failed=_as_failed,
        chunk=4,
        timeout=timeout,
        context="fork",
    )
    assert out == [-1 if i == killer else i * 2 for i in items]


def _sizes(done: list[int]) -> tuple[int, list[int]]:
    return len(done), done


def _unsized(sent: tuple[int, list[int]]) -> list[int]:
    return sent[1]


def test_a_child_sends_at_most_batch_results_a_message() -> None:
    seen: list[int] = []

    def unpack(sent: tuple[int, list[int]]) -> list[int]:
        seen.append(sent[0])
        return sent[1]

    items = list(range(100))
    out = _workers.run(
        abs, items, 2, failed=_never, chunk=50, timeout=60, pack=_sizes, unpack=unpack, batch=16
    )
    assert out == items
    assert max(seen) == 16
    assert sum(seen) == 100


def test_a_corpus_read_on_workers_sends_sixteen_files_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = examples.text("synthetic-2021")
    for i in range(40):
        name = f"机关{i}"
        (tmp_path / f"{i:02d}.json").write_text(text.replace("示例市人民政府", name), "utf-8")
    sent = files_a_message(monkeypatch)
    two = ogr.Corpus.from_folder(tmp_path, workers=2, progress=False)
    monkeypatch.undo()
    assert sum(sent) == 40
    assert max(sent) <= corpus._MESSAGE_FILES == 16
    one = ogr.Corpus.from_folder(tmp_path, progress=False)
    assert two.to_frame().equals(one.to_frame())
    assert two.check(workers=2, progress=False) == one.check(progress=False)


def _refused(*args: Any, **kwargs: Any) -> None:
    raise AssertionError("unpickled by the constructor")


def test_a_finding_is_unpickled_as_its_constructor_makes_it_without_calling_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    report = examples.load("synthetic-2021")
    # a total off by 7: findings of three rules, with their cells (and none of the report)
    broken = ogr.loads(ogr.dumps(report).replace('"total": 468', '"total": 475', 1))
    findings = list(ogr.check(broken).findings) + list(ogr.check(report).findings)
    assert findings
    assert any(f.cells for f in findings)
    sent = pickle.dumps(findings, pickle.HIGHEST_PROTOCOL)
    monkeypatch.setattr(Finding, "__init__", _refused)
    monkeypatch.setattr(CellRef, "__init__", _refused)
    back = pickle.loads(sent)
    monkeypatch.undo()
    assert back == findings
    for a, b in zip(back, findings, strict=True):
        assert type(a) is Finding
        assert hash(a) == hash(b)
        assert a.fingerprint == b.fingerprint
        assert all(type(c) is CellRef for c in a.cells)


def _by_rglob(folder: "str | Path", recursive: bool = True) -> list[str]:
    """``files_in`` as it was: Path.rglob's names, filtered."""
    root = Path(folder)
    found = root.rglob("*") if recursive else root.glob("*")
    return sorted(
        str(p) for p in found if p.suffix.lower() in SUFFIXES and not p.name.startswith((".", "~$"))
    )


def test_the_files_of_a_folder_are_those_rglob_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Hidden files, lock files, endings in capitals, names that end in a dot, folders named
    like reports, links to folders (not followed) and broken links: the same names, spelled the
    same, whichever way the folder is given."""
    root = tmp_path / "reports"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "named.json").mkdir()  # a folder named like a report
    for where in (root, root / "sub", root / "sub" / "deeper", root / ".hidden"):
        for name in ("a.json", "B.PDF", ".h.json", "~$lock.docx", "x.", "noending", "报告.html",
                     "two.dots.md", "old.doc", "z.zip"):  # fmt: skip
            (where / name).write_text("x", encoding="utf-8")
    (root / "sub" / "back").symlink_to(root, target_is_directory=True)
    (root / "gone.json").symlink_to(root / "nowhere.json")
    (root / "link.txt").symlink_to(root / "sub" / "a.json")
    monkeypatch.chdir(tmp_path)
    for given in (root, f"{root}/", "reports", "./reports/"):
        for recursive in (True, False):
            assert files_in(given, recursive=recursive) == _by_rglob(given, recursive)
    monkeypatch.chdir(root)
    assert files_in(".") == _by_rglob(".")
    assert "sub/back/a.json" not in files_in(".")
