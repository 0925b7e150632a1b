"""Example reports shipped with the package.

* ``gaoqing-2020`` — the report of 高青县投资促进中心 on 2020 (2019 edition), as published: every
  figure of tables 2–4 (all zero but 其他对外管理服务事项 17 / +2 / 19), its title, contact details,
  and every paragraph of sections 1, 5 and 6 with page breaks joined.
* ``synthetic-2021`` — an invented 2021-edition report with non-zero figures in every row of
  table 3 and consistent totals.
"""

from functools import cache
from importlib import resources

from ..io import loads
from ..model import Report

__all__ = ["load", "names", "text"]

_NAMES = ("gaoqing-2020", "synthetic-2021")


def names() -> tuple[str, ...]:
    """The names of the packaged examples."""
    return _NAMES


def text(name: str) -> str:
    """The JSON text of the example ``name``."""
    if name not in _NAMES:
        raise KeyError(f"no example {name!r}; examples: {', '.join(_NAMES)}")
    return resources.files(__package__).joinpath(f"{name}.json").read_text(encoding="utf-8")


@cache
def load(name: str) -> Report:
    """The example report ``name`` (see :func:`names`)."""
    return loads(text(name))
