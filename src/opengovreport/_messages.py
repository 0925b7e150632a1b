"""Every word the library prints for people outside the comparisons' sentences (those are
:data:`opengovreport._explain.PHRASES`) and the reader's diagnostics (their own catalogue): the
command line's errors and notices, the words of the corpus page and of the workbook, what a
file's status means, duplicates and conflicts. One catalogue, a template in each language, so
that a run prints in one language (``--lang``) whatever it meets.

The catalogues are data, as message catalogues usually are: ``catalogues/messages.json`` (this
one) and ``catalogues/phrases.json`` (the comparisons'), each a JSON object of sections (a
heading, for whoever edits it) holding ``"key": [zh, en]``, read once on import
(:func:`load_catalogue`). A template names its fields in braces (``str.format``); a field holds
what the run met (a file name, a count, an agency's name) and is never translated.
"""

import json
from pathlib import Path

from .errors import OpenGovReportError
from .values import check_lang

__all__ = ["MESSAGES", "load_catalogue", "message", "say"]

_FOLDER = Path(__file__).parent / "catalogues"


def load_catalogue(name: str) -> dict[str, tuple[str, str]]:
    """The catalogue ``catalogues/NAME.json``, its sections flattened: key → (zh, en), each a
    ``str.format`` template. A key given twice, or not a pair of texts, is an error naming it."""
    path = _FOLDER / f"{name}.json"
    twice: list[str] = []

    def unique(pairs: list[tuple[str, object]]) -> dict[str, object]:
        # json keeps the last of a repeated key: note it instead
        keys = [k for k, _ in pairs]
        twice.extend(k for k in keys if keys.count(k) > 1)
        return dict(pairs)

    out: dict[str, tuple[str, str]] = {}
    try:
        sections = json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=unique)
        if twice:
            raise ValueError(f"{twice[0]!r} given twice")
        for section in sections.values():
            for key, pair in section.items():
                if key in out:
                    raise ValueError(f"{key!r} given twice")
                if not (isinstance(pair, list) and len(pair) == 2):
                    raise ValueError(f"{key!r} is not [zh, en]")
                zh, en = pair
                if not (isinstance(zh, str) and isinstance(en, str)):
                    raise ValueError(f"{key!r} is not [zh, en]")
                out[key] = (zh, en)
    except (ValueError, AttributeError) as exc:
        raise OpenGovReportError(f"the catalogue {path} is broken: {exc}") from exc
    return out


#: key → (zh, en), each a ``str.format`` template
MESSAGES: dict[str, tuple[str, str]] = load_catalogue("messages")


def say(catalogue: dict[str, tuple[str, str]], key: str, lang: str, /, **fields: object) -> str:
    """The template ``key`` of ``catalogue`` in ``lang``, its fields filled."""
    check_lang(lang)
    zh, en = catalogue[key]
    return (zh if lang == "zh" else en).format(**fields)


def message(key: str, lang: str, /, **fields: object) -> str:
    """The message ``key`` of :data:`MESSAGES` in ``lang``, its fields filled."""
    return say(MESSAGES, key, lang, **fields)
