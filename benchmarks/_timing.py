"""What the benchmark scripts share: best-of timings, interleaved where ratios are printed."""

import statistics
import time
from collections.abc import Callable, Sequence
from typing import NamedTuple


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


class Ratio(NamedTuple):
    """``fn``'s time ÷ a yardstick's, measured in the same rounds (:func:`ratio`)."""

    #: the median of the rounds' ratios, and the lowest and highest of them
    median: float
    low: float
    high: float
    #: the best time of ``fn`` ÷ the best of the yardstick (timeit's advice: the least disturbed)
    by_min: float
    #: seconds a call: ``fn``'s best, the yardstick's best
    best: float
    yardstick: float
    rounds: int

    def __str__(self) -> str:
        return (
            f"{self.median:.2f} (median of {self.rounds} rounds, {self.low:.2f}–{self.high:.2f};"
            f" best ÷ best {self.by_min:.2f})"
        )


def ratio(
    fn: Callable[[], object],
    yardstick: Callable[[], object],
    seconds: float,
    rounds: int = 15,
    clock: Callable[[], float] = time.perf_counter,
) -> Ratio:
    """``fn``'s time a call ÷ ``yardstick``'s, robust to the machine's drift: ``rounds``
    rounds, each timing ``fn`` then ``yardstick`` (the order turned every other round, so that
    a drift within a round favours neither), each a timeit-style run of as many calls as take
    about ``seconds / rounds / 2``; the ratio taken in each round, and its median reported with
    the lowest and highest, beside the ratio of the two best times."""
    number_fn = _calls(fn, seconds / rounds / 2, clock)
    number_y = _calls(yardstick, seconds / rounds / 2, clock)
    times: list[tuple[float, float]] = []
    for round_ in range(rounds):
        pair = [(fn, number_fn), (yardstick, number_y)]
        if round_ % 2:
            pair.reverse()
        took = {}
        for f, number in pair:
            start = clock()
            for _ in range(number):
                f()
            took[f is fn] = (clock() - start) / number
        times.append((took[True], took[False]))
    ratios = sorted(a / b for a, b in times)
    best, best_y = min(a for a, _ in times), min(b for _, b in times)
    return Ratio(
        statistics.median(ratios), ratios[0], ratios[-1], best / best_y, best, best_y, rounds
    )


def _calls(fn: Callable[[], object], seconds: float, clock: Callable[[], float]) -> int:
    """How many calls of ``fn`` take about ``seconds`` (at least one)."""
    start = clock()
    fn()
    once = max(clock() - start, 1e-7)
    return max(1, int(seconds / once))
