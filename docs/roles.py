"""A Griffe extension for the API reference: the Sphinx roles of the docstrings
(:func:`~opengovreport.read`, :class:`Report`) as links to what they name, resolved in the
scope of the docstring's object as Python resolves the name; a name the reference does not
show stays code, never a broken link."""

import re
from typing import Any

import griffe

#: a role; its name may be broken across lines (``:func:`~opengovreport.\n    indicators.x```)
ROLE = re.compile(r":(?:py:)?(func|meth|class|exc|attr|data|const|mod|obj):`(~?)\.?([^`<>]+)`")
CALLABLE = ("func", "meth")


def _resolved(obj: griffe.Object, name: str) -> str | None:
    if name.startswith("opengovreport"):
        return name
    try:
        return obj.resolve(name)
    except Exception:  # a name Griffe cannot follow: its first part, else shown as code
        head, _, rest = name.partition(".")
        try:
            found = obj.resolve(head)
        except Exception:
            return None
        return f"{found}.{rest}" if rest else found


def _linked(obj: griffe.Object, text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        role, short, name = match.groups()
        name = "".join(name.split())
        shown = name.rpartition(".")[2] if short else name
        if role in CALLABLE:
            shown += "()"
        target = _resolved(obj, name)
        code = f"<code>{shown}</code>"
        if target is None:
            return code
        return f'<autoref identifier="{target}" optional>{code}</autoref>'

    return ROLE.sub(replace, text)


def _objects(obj: griffe.Object) -> Any:
    yield obj
    for member in obj.members.values():
        if not member.is_alias:
            yield from _objects(member)  # type: ignore[arg-type]


class SphinxRoles(griffe.Extension):
    """Rewrites every docstring of the package once it is loaded."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        for obj in _objects(pkg):
            if obj.docstring is not None:
                obj.docstring.value = _linked(obj, obj.docstring.value)
