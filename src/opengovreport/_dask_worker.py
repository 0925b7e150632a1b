"""What a worker of the local cluster :func:`opengovreport.ingest.ingest` starts sets up first
(a Dask preload): Ctrl-C on a terminal is the run's to handle, not the workers'."""

import contextlib
import signal
from typing import Any

__all__ = ["dask_setup"]


def dask_setup(worker: Any) -> None:
    """Ignore SIGINT in this worker process: the run that started it stops it. (The workers of
    the cluster's start are made ignoring it; one started again after a worker died is made
    by a thread of the run that handles it, and ignores it from here.)"""
    with contextlib.suppress(ValueError):  # not the main thread: nothing to set
        signal.signal(signal.SIGINT, signal.SIG_IGN)
