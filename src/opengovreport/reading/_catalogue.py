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
    _k(
        "reader-fallback",
        _I,
        "PDF的第一种读取方式（pypdfium2）有误，改用另一种读取方式。",
        "The PDF's first reading (pypdfium2) gave errors or broke the identities; another "
        "reader was used.",
    ),
    _k(
        "charset",
        _W,
        "网页声明的字符集与其内容不符，按内容识别。",
        "The page declares a charset it is not in; read by its content.",
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
    _k(
        "page-lines",
        _I,
        "报告前的网页信息行（标题、发布时间等）和转换标记行被跳过。",
        "A page's metadata lines (标题, 发布时间 …) and converter marker lines above the report "
        "were skipped.",
    ),
    _k(
        "title-from-page",
        _I,
        "正文中没有标题，取自网页信息中的标题。",
        "No title in the text; taken from the page's metadata (标题: …).",
    ),
    _k(
        "front-skipped",
        _I,
        "标题之前的几行作为前言保留。",
        "Lines above the title were kept as front matter.",
    ),
    _k(
        "heading-renumbered",
        _W,
        "部分标题的编号与格式不同或顺序不同（如表格作为附件编为一、二、三）。",
        "A section heading is numbered otherwise or stands out of order (tables in an appendix "
        "numbered 一/二/三).",
    ),
    _k(
        "table-by-content",
        _I,
        "表格按其内容（表头、行标签）找到，不在其部分标题之下。",
        "A table was found by its content (header, row labels), not under its section heading.",
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
        "contact-sentence",
        _I,
        "前言中标准的联系方式句读作联系方式（输出时按原句打印）。",
        "The standard contact sentence of the front matter read as the contact details (every "
        "output prints it again, word for word).",
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
        "row-order",
        _W,
        "表格各行的顺序与格式不同，按行标签对应。",
        "A table's rows are printed in another order; each placed by its label.",
    ),
    _k(
        "labels-after",
        _I,
        "行标签位于其数值之后（逐格输出的文本），按此读取。",
        "Row labels stand after their numbers (text one cell a line); read so.",
    ),
    _k(
        "row-by-position",
        _W,
        "行标签无法识别，按位置放置；表三中仅在勾稽关系成立时如此。",
        "A row's label cannot be read; placed by its position (in table 3 only where the "
        "identities then hold).",
    ),
    _k(
        "row-unplaced",
        _E,
        "行标签无法识别，按位置放置时勾稽关系不成立，其单元格为空。",
        "A row's label cannot be read and the identities fail with it placed by position; its "
        "cells are blank.",
    ),
    _k(
        "table4-order",
        _W,
        "表四各组的顺序与格式不同，按表头放置各组数值。",
        "Table 4's groups are printed in another order; each group's values placed under its "
        "own header.",
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
        "一行中的数值少于列数：按顺序从第一列填入，其余单元格为空（无从判断哪些单元格空白）。",
        "Fewer values than columns in a row: put in order from the first column, the rest "
        "blank (nothing shows which cells were blank).",
    ),
    _k(
        "cells-missing", _E, "表四的数值少于十五个。", "Table 4 has fewer values than its 15 cells."
    ),
    _k("cells-extra", _W, "表四的数值多于十五个。", "Table 4 has more values than its 15 cells."),
    _k("spurious-cell", _W, "一行中多出的单元格被舍弃。", "Extra cells of a row were dropped."),
    _k(
        "blank-cell",
        _I,
        "PDF 表格中未印数值的单元格，按各数值在页面上的位置对应各列，读作空白。",
        "A cell with nothing printed in a PDF's table: the row's values placed under their "
        "columns by where they stand on the page; the cell is blank.",
    ),
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
        "rebuilt",
        _I,
        "数字连在一起或顺序打乱，按表格的合计唯一地还原。",
        "Digits run together or scrambled, rebuilt from the printed totals (the one reading "
        "that fits).",
    ),
    _k(
        "rebuild-ambiguous",
        _W,
        "数字连在一起，有多种符合合计的读法（或无一符合），其单元格为空。",
        "Digits run together and several readings fit the totals (or none does); the cells "
        "are blank.",
    ),
    _k(
        "unit-converted",
        _I,
        "以元填写在万元列中的金额（或相反）已换算。",
        "An amount printed in 元 in a column of 万元 (or the reverse) was converted.",
    ),
    _k(
        "unit-unclear",
        _W,
        "金额的单位与列的单位不同且无法准确换算，读作空白。",
        "An amount's unit differs from its column's and it cannot be converted exactly; read "
        "as blank.",
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
