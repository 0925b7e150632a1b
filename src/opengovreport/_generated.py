"""Code the library writes for speed (the checks' compiled relations, the model's fetches and
validators), made into functions in one place and registered with :mod:`linecache`, so that a
traceback through it shows its lines, as attrs does for the methods it writes."""

import hashlib
import linecache
from typing import Any

__all__ = ["define"]


def define(source: str, name: str, env: dict[str, Any], what: str) -> Any:
    """The function ``name`` that ``source`` defines, run in ``env``; its lines registered
    under a file name saying ``what`` it is (the same source gives the same name)."""
    digest = hashlib.blake2b(source.encode(), digest_size=6).hexdigest()
    filename = f"<opengovreport generated {what} {digest}>"
    lines = source.splitlines(keepends=True)
    linecache.cache[filename] = (len(source), None, lines, filename)
    exec(compile(source, filename, "exec"), env)  # made of declarations, never of input
    return env[name]
