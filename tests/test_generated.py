"""Code the library writes for speed is registered with linecache: a traceback through it shows
its lines (as attrs does for the methods it writes), never ``File "<string>"``."""

import traceback

import pytest

import opengovreport as ogr
from opengovreport.checks._engine import plan


def test_a_traceback_through_the_compiled_relations_shows_their_lines() -> None:
    shape = ogr.examples.load("synthetic-2021").shape
    with pytest.raises(TypeError) as caught:
        plan(shape).evaluate([object()] * len(shape.paths))
    shown = "".join(traceback.format_exception(caught.value))
    assert '"<string>"' not in shown
    assert "<opengovreport generated relations" in shown
    assert "a = 0 + v" in shown or "a = v" in shown or "if a" in shown  # the generated line


def test_the_fetch_and_the_validators_are_registered_too() -> None:
    import linecache

    ogr.examples.load("synthetic-2021").shape.fetch(ogr.examples.load("synthetic-2021"))
    names = [k for k in linecache.cache if str(k).startswith("<opengovreport generated")]
    kinds = {name.split()[2] for name in names}
    assert {"relations", "fetch", "validator"} <= kinds
