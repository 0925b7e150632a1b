"""Example reports shipped with the package.

* ``gaoqing-2020`` — the report of 高青县投资促进中心 on 2020 (2019 edition), as published: every
  figure of tables 2–4 (all zero but 其他对外管理服务事项 17 / +2 / 19), its title, contact details,
  and every paragraph of sections 1, 5 and 6 with page breaks joined.
* ``synthetic-2021`` — an invented 2021-edition report with non-zero figures in every row of
  table 3 and consistent totals.

Published files, as analysts meet them (public documents, shipped unchanged), for reading with
:func:`opengovreport.read`:

* ``hongze-quzhengfu-2024.pdf`` — the PDF of 淮安市洪泽区人民政府's report on 2024, as published
  (a text layer; （六）其他处理 printed as one row; a label typo).
* ``pingtan-zongheshiyanqu-2022.crawled.txt`` — a crawler's text of 平潭综合实验区's page on
  2022: metadata lines, then the whole report on one line, table 3's digits run together.
* ``huaian-shizhengfu-2024.txt`` — 淮安市人民政府 on 2024, its PDF as ``pdftotext -layout``
  gives it (wrapped labels, the vertical 三、本年度办理结果, page numbers).
* ``shuyang-fagaiju-2023.txt`` — 沭阳县发展和改革局 on 2023, its web page as text (TABs between
  cells; the five 法人或其他组织 columns left blank).
"""

from functools import cache
from importlib import resources
from pathlib import Path

from ..errors import NotFoundError
from ..io import loads
from ..model import Report

__all__ = ["load", "names", "path", "published", "text"]

_NAMES = ("gaoqing-2020", "synthetic-2021")
_PUBLISHED = (
    "hongze-quzhengfu-2024.pdf",
    "huaian-shizhengfu-2024.txt",
    "pingtan-zongheshiyanqu-2022.crawled.txt",
    "shuyang-fagaiju-2023.txt",
)


def names() -> tuple[str, ...]:
    """The names of the packaged examples."""
    return _NAMES


def text(name: str) -> str:
    """The JSON text of the example ``name``."""
    if name not in _NAMES:
        raise NotFoundError(f"no example {name!r}; examples: {', '.join(_NAMES)}")
    return resources.files(__package__).joinpath(f"{name}.json").read_text(encoding="utf-8")


@cache
def load(name: str) -> Report:
    """The example report ``name`` (see :func:`names`)."""
    return loads(text(name))


def published() -> tuple[str, ...]:
    """The names of the published files shipped (see the module's description)."""
    return _PUBLISHED


def path(name: str) -> Path:
    """Where the published file ``name`` is installed (see :func:`published`)."""
    if name not in _PUBLISHED:
        raise NotFoundError(f"no published file {name!r}; published: {', '.join(_PUBLISHED)}")
    return Path(str(resources.files(__package__).joinpath("published", name)))
