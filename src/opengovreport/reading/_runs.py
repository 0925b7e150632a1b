"""Runs of digits read as numbers: every way of splitting runs printed together
(``713000074``) into a row's counts under its identities, and every way of joining runs a
space parted at groups of thousands (``52 316``). One depth-first walk with two kinds of step:
the first splits inside a run and never across runs, on a budget of positions visited a
document; the second joins whole runs and never splits one."""

from collections.abc import Callable, Iterable, Sequence

__all__ = ["BUDGET", "LONGEST_RUN", "BudgetError", "groupings", "readings"]

#: the most digits of one count
_PART = 13
#: the most digits a run is split at all (a hostile run of thousands of digits is not tried)
LONGEST_RUN = 60
#: the steps enumerating readings of digits run together may take in one document
BUDGET = 200_000


class BudgetError(Exception):
    """The enumeration of readings went over its budget."""


def _walk(
    end: int,
    width: int,
    limit: int,
    steps: Callable[[int, list[int]], Iterable[tuple[int, int]]],
    keep: Callable[[list[int]], bool] | None = None,
    budget: list[int] | None = None,
) -> list[tuple[int, ...]]:
    """Every way of reading positions 0 to ``end`` as ``width`` numbers, depth first: at a
    position, ``steps(at, read)`` gives each number that may be read next with the position
    after it; a number is kept where ``keep`` of the numbers read with it holds. At most
    ``limit`` readings; ``budget[0]`` positions visited in all (:class:`BudgetError` when
    spent)."""
    out: list[tuple[int, ...]] = []
    acc: list[int] = []

    def walk(at: int) -> None:
        if budget is not None:
            budget[0] -= 1
            if budget[0] < 0:
                raise BudgetError
        if len(out) >= limit:
            return
        if at == end:
            if len(acc) == width:
                out.append(tuple(acc))
            return
        for value, after in steps(at, acc):
            acc.append(value)
            if keep is None or keep(acc):
                walk(after)
            acc.pop()

    walk(0)
    return out


def readings(
    tokens: Sequence[str],
    width: int,
    constraints: Sequence[tuple[int, tuple[int, ...], tuple[int, ...]]],
    budget: list[int],
    limit: int = 50,
) -> list[tuple[int, ...]]:
    """Every way of reading ``tokens`` (runs of digits) as ``width`` counts — each token split
    into one or more numbers, none with a leading zero — under which the ``constraints`` hold
    (``sum(lhs) == sum(rhs)``, tried as soon as their last position is read). At most ``limit``
    readings; ``budget[0]`` steps in all (:class:`BudgetError` when spent)."""
    if sum(map(len, tokens)) > LONGEST_RUN or not all(t.isdigit() and t.isascii() for t in tokens):
        return []
    by_end: dict[int, list[tuple[tuple[int, ...], tuple[int, ...]]]] = {}
    for last, lhs, rhs in constraints:
        by_end.setdefault(last, []).append((lhs, rhs))
    digits = "".join(tokens)
    # for each position in the digits: the end of its token, and how many tokens start there
    # or after (each gives at least one number)
    token_end: list[int] = []
    tokens_left: list[int] = []
    for index, token in enumerate(tokens):
        token_end += [len(token_end) + len(token)] * len(token)
        tokens_left += [len(tokens) - index] * len(token)

    def steps(at: int, read: list[int]) -> Iterable[tuple[int, int]]:
        needed = width - len(read)
        left = len(digits) - at
        # no number is longer than _PART
        if needed < tokens_left[at] or needed > left or left > needed * _PART:
            return ()
        if digits[at] == "0":
            return ((0, at + 1),)
        last = min(token_end[at], at + _PART)
        return ((int(digits[at:after]), after) for after in range(at + 1, last + 1))

    def holds(read: list[int]) -> bool:
        return all(
            sum(read[i] for i in lhs) == sum(read[i] for i in rhs)
            for lhs, rhs in by_end.get(len(read) - 1, ())
        )

    return _walk(len(digits), width, limit, steps, holds, budget)


def groupings(tokens: Sequence[str], width: int) -> list[tuple[int, ...]]:
    """Every way of reading ``tokens`` as ``width`` numbers where a space may part a number's
    groups of thousands (``52 316``): each number a token of one to three digits (or any
    token), followed by tokens of exactly three digits."""
    if not any(len(t) == 3 for t in tokens[1:]):
        # no token a group of thousands can join: the one way, each token a number (a row of
        # counts that holds more of them than cells — most that reach here — has none)
        return [tuple(map(int, tokens))] if len(tokens) == width else []

    def steps(at: int, read: list[int]) -> Iterable[tuple[int, int]]:
        if len(read) == width:
            return
        digits = tokens[at]
        yield int(digits), at + 1
        if len(digits) <= 3 and digits[0] != "0":
            end = at + 1
            while end < len(tokens) and len(tokens[end]) == 3:
                digits += tokens[end]
                end += 1
                yield int(digits), end

    return _walk(len(tokens), width, 51, steps)
