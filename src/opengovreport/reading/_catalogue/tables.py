"""The diagnostics about tables and rows: blocks, rows and columns missing, dropped, out of
order or found another way than by their labels."""

from ._kind import ERROR, INFO, WARNING, DiagnosticKind, kind_of

__all__ = ["KINDS"]

KINDS: tuple[DiagnosticKind, ...] = (
    kind_of(
        "block-missing",
        ERROR,
        "未找到表二的某一项，其单元格为空。",
        "A block of table 2 was not found; its cells are blank.",
        usual=("{where}：未找到，其单元格为空", "{where}: not found; its cells are blank"),
    ),
    kind_of(
        "row-missing",
        ERROR,
        "未找到某一行，其单元格为空。",
        "A row was not found; its cells are blank.",
        usual=("{where}：未找到该行，其单元格为空", "{where}: not found; its cells are blank"),
    ),
    kind_of(
        "row-dropped",
        WARNING,
        "表格中与格式任何一行都不对应的行被舍弃。",
        "A printed row that matches none of the format's was dropped.",
        usual=(
            "{where}：与格式中任何一行都不对应的行被舍弃：{text}",
            "{where}: a row that matches no row of the format was dropped: {text}",
        ),
    ),
    kind_of(
        "row-order",
        WARNING,
        "表格各行的顺序与格式不同，按行标签对应。",
        "A table's rows are printed in another order; each placed by its label.",
        usual=(
            "{where}：各行顺序与格式不同，按行标签放置",
            "{where}: the rows are printed in another order than the format's; each placed by its label",
        ),
    ),
    kind_of(
        "labels-after",
        INFO,
        "行标签位于其数值之后（逐格输出的文本），按此读取。",
        "Row labels stand after their numbers (text one cell a line); read so.",
        usual=(
            "{where}：行标签位于数值之后，按此读取",
            "{where}: the row labels stand after their numbers; read so",
        ),
    ),
    kind_of(
        "row-by-position",
        WARNING,
        "行标签无法识别，按位置放置；表三中仅在勾稽关系成立时如此。",
        "A row's label cannot be read; placed by its position (in table 3 only where the "
        "identities then hold).",
        usual=(
            "{where}：行标签“{text}”无法识别，按位置放置（勾稽关系成立）",
            "{where}: its label {text} cannot be matched; placed by its position, where the identities hold",
        ),
        untotalled=(
            "{where}：行标签“{text}”无法识别，按位置放置（表二无合计可核对）",
            "{where}: its label {text} cannot be read; placed by its position (table 2 has no totals to confirm it)",
        ),
    ),
    kind_of(
        "row-unplaced",
        ERROR,
        "行标签无法识别，按位置放置时勾稽关系不成立，其单元格为空。",
        "A row's label cannot be read and the identities fail with it placed by position; its "
        "cells are blank.",
        usual=(
            "{where}：行标签“{text}”无法识别，按位置放置时勾稽关系不成立，其单元格为空",
            "{where}: its label {text} cannot be matched, and the identities do not hold with it placed by position; its cells are blank",
        ),
        unjudged=(
            "{where}：行标签“{text}”无法识别，勾稽关系无法确认按位置放置，其单元格为空",
            "{where}: its label {text} cannot be matched, and the identities cannot confirm it placed by position; its cells are blank",
        ),
    ),
    kind_of(
        "table4-order",
        WARNING,
        "表四各组的顺序与格式不同，按表头或标签放置各组数值。",
        "Table 4's groups are printed in another order; each group's values placed under its "
        "own header or label.",
        usual=(
            "{where}：各组按 {order} 的顺序印出，各组数值按其表头放置",
            "{where}: the groups are printed in the order {order}; each group's values placed under its own header",
        ),
        labels=(
            "{where}：各组按 {order} 的顺序印出，各组数值按其标签放置",
            "{where}: the groups are printed in the order {order}; each group's values placed by its label",
        ),
    ),
    kind_of(
        "row-ignored",
        INFO,
        "表二某项中不属于该项的行被忽略。",
        "A row that is none of a table 2 block's was ignored.",
        usual=(
            "{where}：不属于该项的行被忽略：{text}",
            "{where}: a row that is none of its rows was ignored: {text}",
        ),
    ),
    kind_of(
        "label-variant",
        INFO,
        "行标签为另一种写法，仍按顺序和关键词对应。",
        "A row read from a label that is a variant of the format's.",
        usual=("{where}：按印作“{text}”的行读取", "{where}: read from a row labelled {text}"),
    ),
    kind_of(
        "column-order",
        INFO,
        "表头所列各列的顺序与格式不同，各数值按其表头放置。",
        "A header prints the columns in another order than the format's; each value placed under its own header.",
        usual=(
            "{where}：表头按 {order} 的顺序印出各列，各数值按其表头放置",
            "{where}: the header prints the columns in the order {order}; each value placed under its own header",
        ),
    ),
    kind_of(
        "columns-assumed",
        WARNING,
        "表头未列出各列，数值按格式的列序放置。",
        "A header names none of the columns; the values were placed in the format's order of columns.",
        usual=(
            "{where}：表头未列出各列，数值按格式的列序放置",
            "{where}: its header names none of the columns; the values placed in the format's order",
        ),
    ),
    kind_of(
        "columns-unmatched",
        WARNING,
        "表头所列的列与格式不同，数值按顺序放置。",
        "A header names other columns than the format's; the values were placed in order.",
        usual=(
            "{where}：表头印作“{text}”，与格式的列（{expected}）不符，数值按顺序放置",
            "{where}: the header reads {text}, not the format's columns ({expected}); values placed in their order",
        ),
    ),
)
