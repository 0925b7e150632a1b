"""Workers do not outlive their parent: kill -9 of the process that runs
``Corpus.from_folder(workers=2)`` (a kernel restart, the OOM killer, a CI timeout) ends its
worker processes too. Failed before: both workers stayed alive, blocked, holding their memory
and the parent's standard output."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from opengovreport import examples

pytestmark = pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc")

_PARENT = """
import multiprocessing, sys, threading, time
import opengovreport.corpus as corpus

reading = corpus._read_file
def slowly(path, limits=None, format="auto"):
    time.sleep(0.3)  # a file that takes a while: the parent dies while the workers read
    return reading(path, limits, format)
corpus._read_file = slowly

def say_workers():
    while len(multiprocessing.active_children()) < 2:
        time.sleep(0.02)
    print(*(p.pid for p in multiprocessing.active_children()), flush=True)
threading.Thread(target=say_workers, daemon=True).start()
corpus.Corpus.from_folder(sys.argv[1], workers=2, progress=False)
print("done", flush=True)
"""


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie waiting for its new parent to reap it does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


@pytest.mark.slow
def test_workers_end_when_their_parent_is_killed(tmp_path: Path) -> None:
    text = examples.text("synthetic-2021")
    for i in range(60):
        (tmp_path / f"{i:02d}.json").write_text(text.replace("示例市人民政府", f"示例市{i}局"))
    parent = subprocess.Popen(
        [sys.executable, "-c", _PARENT, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    assert parent.stdout is not None
    pids = [int(p) for p in parent.stdout.readline().split()]
    assert len(pids) == 2
    assert all(_alive(pid) for pid in pids)
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    time.sleep(5)
    try:
        assert [pid for pid in pids if _alive(pid)] == []
    finally:
        for pid in pids:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)  # the test's own: not left running
