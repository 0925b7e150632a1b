"""What the benchmark scripts share: best-of timings, interleaved where ratios are printed."""

import time
from collections.abc import Callable, Sequence


def per_call(fn: Callable[[], object], number: int, repeat: int = 3) -> float:
    """Seconds per call of ``fn``: the best of ``repeat`` runs of ``number`` calls."""
    return per_call_each([fn], number, repeat)[0]


def per_call_each(fns: Sequence[Callable[[], object]], number: int, repeat: int = 5) -> list[float]:
    """Seconds per call of each of ``fns``: the best of ``repeat`` rounds, each round running
    ``number`` calls of every function in turn, so that a change in the machine's speed (this
    machine is a virtual one) shifts all of them alike instead of skewing their ratios."""
    best = [float("inf")] * len(fns)
    for _ in range(repeat):
        for i, fn in enumerate(fns):
            start = time.perf_counter()
            for _ in range(number):
                fn()
            best[i] = min(best[i], (time.perf_counter() - start) / number)
    return best
