"""ingest on a local Dask cluster: files a second with 1 and 2 workers against a plain loop in
one process, and the peak memory of each worker for a large corpus.

Prints, in one run:

* N report text files (default 4,000: 1,000 agencies, four years each, parsed as published text
  is) read, checked and stored as Parquet by a plain loop in this process
  (``Corpus.from_folder`` → ``check`` → ``to_parquet``), then by ``ingest`` on a local cluster of
  1 and of 2 workers: files a second each, and the ratio to the loop (goal on 2 cores: 2 workers
  ≥ 1.6 × the loop, 1 worker ≥ 0.9 ×); and the CPU seconds of every process of each (the
  workers', the scheduler's and the client's), against the loop's: what a machine shared with
  other work cannot show in wall seconds (the goals need ≤ 1.25 × and ≤ 1.11 ×), and where they
  went: each worker's task threads (the reading and the writing) and Dask's own threads in it,
  this process, and starting the cluster (not counted: a fixed cost, whatever the files); and
  the CPU seconds of every process the cluster started (psutil), beside this one's; and under
  the 2-worker run, where its workers waited (Dask's task stream): before the first task, the
  reading's tail, between the two steps, the buckets' tail, after the last task;
* the same 2-worker run once more with the package imported on each worker before the clock
  starts, as this process holds it before the loop's clock (not the goal's figure: it says
  what the workers' import of the package costs at this size; and whether Python writes
  bytecode here: where it does not, ``PYTHONDONTWRITEBYTECODE``, each worker compiles the
  package's sources inside the clock);
* M report JSON files (default 100,000) ingested by 2 workers: seconds, files a second, the
  peak resident memory of each worker (goal: < 1 GB, whatever M), and the size of the dataset.

    python benchmarks/bench_ingest.py                             # N = 4,000, M = 100,000
    python benchmarks/bench_ingest.py --files 40 --memory-files 60   # a quick run (CI)
"""

import argparse
import importlib
import os
import platform
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import attrs
from bench_corpus import _series, _write_corpus

import opengovreport as ogr
from opengovreport import examples, ingest
from opengovreport.schema import default_title

_DIGITS = "零一二三四五六七八九"


def _name(group: int) -> str:
    """An agency's name without digits (a title's year must stand alone): 机关〇〇一二局."""
    return "机关" + "".join(_DIGITS[int(d)] for d in f"{group:05d}") + "局"


def _write_texts(n: int, folder: Path) -> None:
    """N report text files: 100 random four-year series rendered as text, each written under
    new agency names, a thousand files a sub-folder."""
    rng = random.Random(11)
    base = examples.load("synthetic-2021")
    series = [_series(rng, base) for _ in range(100)]
    for i in range(n):
        group = i // 4
        report = series[group % len(series)][i % 4]
        agency, year = _name(group), report.meta.year
        meta = attrs.evolve(report.meta, agency=agency, title=default_title(agency, year))
        text = attrs.evolve(report, meta=meta).to_text().replace(base.meta.agency, agency)
        path = folder / f"{i // 1000:03d}" / f"{i:06d}.txt"
        if i % 1000 == 0:
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _cpu_seconds() -> float:
    """The CPU seconds this process has used (user and system)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def _cpu_split() -> tuple[float, float]:
    """(CPU seconds of this process, of them those of its Dask task threads): in a worker, what
    its tasks ran (the reading and the writing) against what Dask's own threads ran (its event
    loop: messages, heartbeats, monitors)."""
    import threading

    tasks = {t.native_id for t in threading.enumerate() if "Dask-Default-Threads" in t.name}
    tick = os.sysconf("SC_CLK_TCK")
    ran = 0.0
    for tid in tasks:
        try:
            fields = Path(f"/proc/self/task/{tid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # not Linux: the tasks' share is not told
            return _cpu_seconds(), float("nan")
        ran += (int(fields[11]) + int(fields[12])) / tick
    return _cpu_seconds(), ran


def _processes() -> dict[int, tuple[str, float]]:
    """The CPU seconds (user and system) of this process's children, each with what it is
    (``worker``, ``resource tracker`` …): the processes a local cluster starts besides this
    one, which holds the scheduler, the nannies and the client."""
    import psutil

    out = {}
    for child in psutil.Process().children(recursive=True):
        try:
            with child.oneshot():
                times = child.cpu_times()
                line = " ".join(child.cmdline())
        except psutil.Error:  # gone meanwhile
            continue
        kind = "worker" if "spawn_main" in line or "forkserver" in line else "other"
        if "resource_tracker" in line:
            kind = "resource tracker"
        out[child.pid] = (kind, times.user + times.system)
    return out


def _loop(folder: Path, out: Path) -> tuple[float, float]:
    """(seconds, CPU seconds) of the plain loop."""
    cpu = _cpu_seconds()
    started = time.perf_counter()
    corpus = ogr.Corpus.from_folder(folder, progress=False)
    corpus.to_parquet(out)  # the findings frame checks the corpus
    return time.perf_counter() - started, _cpu_seconds() - cpu


def _peak_kb() -> int:
    """This process's peak resident memory. On Linux VmHWM, the peak of this program's own
    memory: ru_maxrss would count what the process it was forked from held before the exec."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _cluster(workers: int) -> tuple[Any, Any]:
    import dask.config
    import distributed

    with dask.config.set(ingest.CLUSTER_CONFIG):  # the cluster ingest starts for itself
        cluster = distributed.LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
        )
    return cluster, distributed.Client(cluster)


@attrs.frozen
class _Run:
    seconds: float
    #: each worker's peak memory in kB
    peaks: list[int]
    #: seconds to start the cluster
    ready: float
    #: CPU seconds of the run: this process's (the scheduler, the client) and the workers'
    cpu: float
    #: CPU seconds of the run in this process (the scheduler, the client, ingest's own)
    parent: float
    #: CPU seconds of the run in each worker: (all, its task threads')
    workers: list[tuple[float, float]]
    #: CPU seconds of starting the cluster, in this process and the workers (not in ``cpu``)
    start: float
    #: CPU seconds of the run in each process this one started, by what it is (psutil)
    children: list[tuple[str, float]]
    #: whether every worker held the package before the clock (a worker started by spawn runs
    #: this script again as its main module, and with it its imports), and pandas after the run
    held: tuple[bool, bool] = (False, False)
    #: the seconds the workers waited during the run, summed over them, by where (:func:`_waits`)
    waits: dict[str, float] = attrs.field(factory=dict)


def _waits(stream: list[dict[str, Any]], start: float, end: float) -> dict[str, float]:
    """The seconds the workers computed nothing between ``start`` and ``end`` (``time.time()``),
    summed over them, by where, from Dask's task stream: before their first task; the reading's
    tail (each one's last reading task to the last of any); between the two steps (the last
    reading task to the first bucket); the buckets' tail (each one's last task to the last of
    any); after the last task; and between a worker's tasks."""
    tasks = [
        (record["worker"], span["start"], span["stop"], str(record["key"]))
        for record in stream
        for span in record["startstops"]
        if span["action"] == "compute"
    ]
    if not tasks:
        return {}
    workers = sorted({w for w, *_ in tasks})
    reads = [t for t in tasks if "_read_partition" in t[3]]
    writes = [t for t in tasks if "_write_bucket" in t[3]]

    def last(of: list[tuple[str, float, float, str]], worker: str, default: float) -> float:
        return max((stop for w, _s, stop, _k in of if w == worker), default=default)

    read_end = max((stop for _w, _s, stop, _k in reads), default=start)
    write_start = min((s for _w, s, _stop, _k in writes), default=read_end)
    task_end = max(stop for _w, _s, stop, _k in tasks)
    busy = dict.fromkeys(workers, 0.0)
    for w, s, stop, _k in tasks:
        busy[w] += stop - s
    out = {
        "before the first task": sum(
            min(s for ww, s, _stop, _k in tasks if ww == w) - start for w in workers
        ),
        "the reading's tail": sum(read_end - last(reads, w, start) for w in workers),
        "between the steps": len(workers) * max(0.0, write_start - read_end),
        "the buckets' tail": sum(task_end - last(tasks, w, start) for w in workers)
        if writes
        else 0.0,
        "after the last task": len(workers) * (end - task_end),
    }
    idle = len(workers) * (end - start) - sum(busy.values())
    out["between a worker's tasks"] = max(0.0, idle - sum(out.values()))
    return out


def _modules() -> tuple[bool, bool]:
    """Whether this worker holds the package's ``ingest``, and pandas."""
    return "opengovreport.ingest" in sys.modules, "pandas" in sys.modules


def _import_package() -> None:
    """Import ingest and the package on a worker: what this process holds before the loop."""
    importlib.import_module("opengovreport.ingest")


def _ingest(folder: Path, out: Path, workers: int, *, imported: bool = False) -> _Run:
    """A run of ingest on a cluster of its own (``imported``: the package imported on each
    worker before the clock starts)."""
    started = time.perf_counter()
    own = _cpu_seconds()
    cluster, client = _cluster(workers)
    ready = time.perf_counter() - started
    try:
        if imported:
            client.run(_import_package)
        package = all(p for p, _pd in client.run(_modules).values())
        before = client.run(_cpu_split)
        was = _processes()
        parent = _cpu_seconds()
        start = parent - own + sum(cpu for cpu, _tasks in before.values())
        import distributed

        started = time.perf_counter()
        stamp = time.time()
        with distributed.get_task_stream(client) as stream:
            ingest.ingest(folder, out, client=client, progress=False)
            seconds = time.perf_counter() - started
            ended = time.time()
        waits = _waits(stream.data, stamp, ended)  # the stream is read when its block ends
        parent = _cpu_seconds() - parent
        now = _processes()
        after = client.run(_cpu_split)
        each = [(after[w][0] - before[w][0], after[w][1] - before[w][1]) for w in sorted(after)]
        peaks = sorted(client.run(_peak_kb).values())
        pandas = any(pd for _p, pd in client.run(_modules).values())
    finally:
        client.close()
        cluster.close()
    cpu = parent + sum(cpu for cpu, _tasks in each)
    children = sorted(
        (kind, cpu - was.get(pid, (kind, 0.0))[1]) for pid, (kind, cpu) in now.items()
    )
    return _Run(seconds, peaks, ready, cpu, parent, each, start, children, (package, pandas), waits)


def _size(folder: Path) -> tuple[int, int]:
    """Bytes of the datasets, and of the state under _ingest/."""
    data = state = 0
    for path in folder.rglob("*"):
        if path.is_file():
            if "_ingest" in path.relative_to(folder).parts:
                state += path.stat().st_size
            else:
                data += path.stat().st_size
    return data, state


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=4_000, help="text files for the speeds")
    parser.add_argument(
        "--memory-files", type=int, default=100_000, help="JSON files for the peak memory"
    )
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, Python {platform.python_version()}, {os.cpu_count()} cores"
    )
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        texts = root / "texts"
        _write_texts(args.files, texts)
        loop, loop_cpu = _loop(texts, root / "loop")
        n = args.files
        alone = last = 0.0
        held = False
        print(
            f"{n} text files, a plain loop in one process: {loop:6.1f} s  {n / loop:6.0f} files/s"
            f"; CPU {loop_cpu:6.1f} s"
        )
        for workers in (1, 2):
            out = root / f"ingest-{workers}"
            run = _ingest(texts, out, workers)
            seconds = run.seconds
            alone = alone if workers > 1 else seconds
            goal = "≥ 1.6" if workers > 1 else "≥ 0.9"
            print(
                f"{n} text files, ingest on {workers} worker(s):   {seconds:6.1f} s  "
                f"{n / seconds:6.0f} files/s  ratio {loop / seconds:.2f} × the loop (goal {goal})"
                + (f", {alone / seconds:.2f} × 1 worker" if workers > 1 else "")
                + f"; CPU of every process {run.cpu:6.1f} s, {run.cpu / loop_cpu:.2f} × the loop's"
                + f" (goal ≤ {workers / (1.6 if workers > 1 else 0.9):.2f})"
                + f"; the cluster started in {run.ready:.1f} s"
            )
            # where the CPU went: each worker's tasks (reading, writing) and Dask's own threads
            # in it, this process (the scheduler, the client, ingest's own), the cluster's start
            said = "; ".join(
                f"worker {k + 1} {cpu:.1f} s (its tasks {tasks:.1f} s, {tasks / loop_cpu:.2f} × "
                f"the loop's; Dask's threads {cpu - tasks:.1f} s)"
                for k, (cpu, tasks) in enumerate(run.workers)
            )
            print(
                f"    CPU: {said}; the scheduler and client {run.parent:.1f} s; starting the "
                f"cluster {run.start:.1f} s (not counted)"
            )
            print(
                "    CPU of each process (psutil): this one (scheduler, nannies, client) "
                f"{run.parent:.1f} s; "
                + "; ".join(f"{kind} {cpu:.2f} s" for kind, cpu in run.children)
            )
            print(
                "    the workers held the package before the clock (this script, run again as "
                f"each one's main module when it started): {'yes' if run.held[0] else 'no'}; "
                f"pandas imported on a worker by the run: {'yes' if run.held[1] else 'no'}"
            )
            if workers > 1:
                waited = sum(run.waits.values())
                print(
                    f"    the workers waited {waited:.2f} s in all (summed over them, "
                    f"{waited / (workers * seconds) * 100:.1f} % of their time; Dask's task "
                    "stream): " + "; ".join(f"{where} {s:.2f} s" for where, s in run.waits.items())
                )
            shutil.rmtree(out)
            last, held = seconds, run.held[0]
        out = root / "ingest-imported"
        run = _ingest(texts, out, 2, imported=True)
        shutil.rmtree(out)
        compiled = (
            "no bytecode written here (PYTHONDONTWRITEBYTECODE): each worker compiles the "
            "package's sources"
            + (" when it starts, before the clock" if held else " inside the clock")
            if sys.dont_write_bytecode
            else "bytecode written"
        )
        print(
            f"    the same on 2 workers, the package imported on each before the clock as this "
            f"process had it before the loop's (not the goal's figure): {run.seconds:6.1f} s  "
            f"ratio {loop / run.seconds:.2f} × the loop ({run.seconds - last:+.1f} s on the clock "
            f"against the run above); {compiled}"
        )
        shutil.rmtree(texts)
        many = root / "json"
        many.mkdir()
        _write_corpus(args.memory_files, many)
        out = root / "dataset"
        run = _ingest(many, out, 2)
        seconds, peaks = run.seconds, run.peaks
        data, state = _size(out)
        m = args.memory_files
        worst = max(peaks) / 1024
        print(
            f"{m} JSON files, ingest on 2 workers: {seconds:6.1f} s  {m / seconds:6.0f} files/s; "
            f"peak memory per worker {', '.join(f'{p / 1024:.0f}' for p in peaks)} MB "
            f"(goal < 1024: {'met' if worst < 1024 else 'not met'}); "
            f"dataset {data / 1e6:.0f} MB, state {state / 1e6:.0f} MB"
        )


if __name__ == "__main__":
    main()
