"""Runs of digits read as numbers: every way of splitting runs printed together
(``713000074``) into a row's counts under its identities, and every way of joining runs a
space parted at groups of thousands (``52 316``). Two enumerations with their own steps: the
first splits inside a run and never across runs, on a budget of steps a document; the second
joins whole runs and never splits one."""

from collections.abc import Sequence

__all__ = ["BUDGET", "LONGEST_RUN", "BudgetError", "groupings", "readings"]

#: the most digits of one count
_PART = 13
#: the most digits a run is split at all (a hostile run of thousands of digits is not tried)
LONGEST_RUN = 60
#: the steps enumerating readings of digits run together may take in one document
BUDGET = 200_000


class BudgetError(Exception):
    """The enumeration of readings went over its budget."""


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
    out: list[tuple[int, ...]] = []
    acc: list[int] = []
    rest = [sum(len(t) for t in tokens[i:]) for i in range(len(tokens) + 1)]

    def holds(at: int) -> bool:
        return all(
            sum(acc[i] for i in lhs) == sum(acc[i] for i in rhs) for lhs, rhs in by_end.get(at, ())
        )

    def walk(ti: int, pos: int) -> None:
        budget[0] -= 1
        if budget[0] < 0:
            raise BudgetError
        if len(out) >= limit:
            return
        if ti == len(tokens):
            if len(acc) == width:
                out.append(tuple(acc))
            return
        token = tokens[ti]
        if pos == len(token):
            walk(ti + 1, 0)
            return
        left_chars = len(token) - pos + rest[ti + 1]
        needed = width - len(acc)
        # every remaining token gives at least one number; no number is longer than _PART
        if needed < len(tokens) - ti or needed > left_chars or left_chars > needed * _PART:
            return
        ends = [pos + 1] if token[pos] == "0" else range(pos + 1, min(len(token), pos + _PART) + 1)
        for end in ends:
            acc.append(int(token[pos:end]))
            if holds(len(acc) - 1):
                walk(ti, end)
            acc.pop()

    walk(0, 0)
    return out


def groupings(tokens: Sequence[str], width: int) -> list[tuple[int, ...]]:
    """Every way of reading ``tokens`` as ``width`` numbers where a space may part a number's
    groups of thousands (``52 316``): each number a token of one to three digits (or any
    token), followed by tokens of exactly three digits."""
    out: list[tuple[int, ...]] = []

    def walk(at: int, acc: list[int]) -> None:
        if len(acc) > width or len(out) > 50:
            return
        if at == len(tokens):
            if len(acc) == width:
                out.append(tuple(acc))
            return
        digits = tokens[at]
        walk(at + 1, [*acc, int(digits)])
        if len(digits) <= 3 and digits[0] != "0":
            end = at + 1
            while end < len(tokens) and len(tokens[end]) == 3:
                digits += tokens[end]
                end += 1
                walk(end, [*acc, int(digits)])

    walk(0, [])
    return out
