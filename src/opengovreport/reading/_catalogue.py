"""The catalogue of the reader's diagnostics: every kind of guess or gap, with a stable code, a
severity, and what it means in Chinese and English (documented beside the rule catalogue)."""

import attrs

from ..schema import Label
from ..values import Severity

__all__ = ["DiagnosticKind", "diagnostic_kinds", "kind"]


@attrs.frozen
class DiagnosticKind:
    """A kind of diagnostic: its stable code, severity, and description."""

    code: str
    severity: Severity
    description: Label


_I, _W, _E = Severity.INFO, Severity.WARNING, Severity.ERROR


def _k(code: str, severity: Severity, zh: str, en: str) -> DiagnosticKind:
    return DiagnosticKind(code, severity, Label(zh, en))


_KINDS: tuple[DiagnosticKind, ...] = (
    # the document
    _k(
        "second-report",
        _E,
        "文件中有第二份报告，只读取了第一份。",
        "A second report follows; only the first is read.",
    ),
    _k("section-missing", _E, "未找到某一部分的标题。", "A section's heading was not found."),
    _k(
        "heading-variant",
        _I,
        "部分标题为已知的另一种写法。",
        "A section heading is a known variant.",
    ),
    _k(
        "heading-unknown",
        _W,
        "部分标题与格式不同，按其编号和关键词识别。",
        "A section heading differs from the format's; recognised by its number and words.",
    ),
    _k("title-missing", _E, "第一部分之前没有标题。", "No title before section 1."),
    _k(
        "agency-missing",
        _W,
        "标题中年份之前没有机关名称。",
        "No agency before the year in the title.",
    ),
    _k(
        "year-guessed",
        _W,
        "标题中没有年份，取自前言。",
        "No year in the title; taken from the front matter.",
    ),
    _k(
        "edition",
        _I,
        "表格的版本与报告年份通常所用的版本不同。",
        "The tables follow another edition than the year's.",
    ),
    _k(
        "shape",
        _W,
        "表三的布局属于另一版本，已按本版本读取。",
        "Table 3 is laid out as in another edition; read as this one's.",
    ),
    _k(
        "closing",
        _I,
        "第六部分之后的落款（机关、日期）。",
        "Closing lines after section 6 (agency, date).",
    ),
    _k(
        "text-outside",
        _W,
        "表格部分中的文字不属于报告模型。",
        "Text in a table section has no place in the model.",
    ),
    # tables and rows
    _k(
        "block-missing",
        _E,
        "未找到表二的某一项，其单元格为空。",
        "A block of table 2 was not found; its cells are blank.",
    ),
    _k(
        "row-missing",
        _E,
        "未找到某一行，其单元格为空。",
        "A row was not found; its cells are blank.",
    ),
    _k(
        "row-count",
        _W,
        "表三的行数与格式不同，按标签对应各行。",
        "Table 3 has another number of rows; rows matched by their labels.",
    ),
    _k(
        "row-dropped",
        _W,
        "表三中与格式任何一行都不对应的行被舍弃。",
        "A row of table 3 that matches none of the format's was dropped.",
    ),
    _k(
        "row-ignored",
        _I,
        "表二某项中不属于该项的行被忽略。",
        "A row that is none of a table 2 block's was ignored.",
    ),
    _k(
        "label-variant",
        _I,
        "行标签为另一种写法，仍按顺序和关键词对应。",
        "A row read from a label that is a variant of the format's.",
    ),
    # cells
    _k(
        "cell-missing",
        _E,
        "一行中的数值少于列数，其余单元格为空。",
        "Fewer values than columns in a row; the rest are blank.",
    ),
    _k(
        "cells-missing", _E, "表四的数值少于十五个。", "Table 4 has fewer values than its 15 cells."
    ),
    _k("cells-extra", _W, "表四的数值多于十五个。", "Table 4 has more values than its 15 cells."),
    _k("spurious-cell", _W, "一行中多出的单元格被舍弃。", "Extra cells of a row were dropped."),
    _k(
        "blank-mark",
        _W,
        "单元格中的符号（如“—”“无”）读作空白。",
        "A mark in a cell (—, 无) was read as blank.",
    ),
    _k(
        "number-format",
        _I,
        "数字的写法被规范化（全角、千位分隔符、单位）。",
        "A number's form was normalised (full width, separators, unit).",
    ),
    _k(
        "not-a-number",
        _W,
        "单元格中的文字不是数字，读作空白。",
        "A cell's text is not a number; read as blank.",
    ),
    _k(
        "impossible-value",
        _E,
        "数值不是该单元格能容纳的（负数、小数计数），读作空白。",
        "A value the cell cannot hold (negative, fractional count); read as blank.",
    ),
)

_BY_CODE = {k.code: k for k in _KINDS}


def diagnostic_kinds() -> tuple[DiagnosticKind, ...]:
    """Every kind of diagnostic the reader gives."""
    return _KINDS


def kind(code: str) -> DiagnosticKind:
    """The kind of diagnostic with ``code``."""
    try:
        return _BY_CODE[code]
    except KeyError:
        raise KeyError(f"no diagnostic {code!r}; known: {', '.join(_BY_CODE)}") from None
