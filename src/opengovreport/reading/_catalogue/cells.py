"""The diagnostics about cells: values missing, rebuilt from digits run together, guessed,
not what the cell holds, or marked blank."""

from ._kind import ERROR, INFO, WARNING, DiagnosticKind, kind_of

__all__ = ["KINDS"]

KINDS: tuple[DiagnosticKind, ...] = (
    kind_of(
        "cell-missing",
        ERROR,
        "一行中的数值少于列数：按顺序从第一列填入，其余单元格为空（无从判断哪些单元格空白）。",
        "Fewer values than columns in a row: put in order from the first column, the rest "
        "blank (nothing shows which cells were blank).",
        usual=(
            "{where}：{count} 个数值对应 {width} 个单元格，按顺序填入前 {count} 列（无从判断哪些单元格空白），其余为空",
            "{where}: {count} values for {width} cells, put in the first {count} columns by their order (nothing shows which cells are blank); the rest are blank",
        ),
    ),
    kind_of(
        "cells-missing",
        ERROR,
        "表格的数值少于其单元格。",
        "A table has fewer values than its cells.",
        usual=(
            "{where}：有 {count} 个数值，应有 {expected} 个",
            "{where}: {count} values where {expected} were expected",
        ),
    ),
    kind_of(
        "cells-extra",
        WARNING,
        "表格的数值多于其单元格。",
        "A table has more values than its cells.",
        usual=(
            "{where}：有 {count} 个数值，应有 {expected} 个",
            "{where}: {count} values where {expected} were expected",
        ),
    ),
    kind_of(
        "spurious-cell",
        WARNING,
        "一行中多出的单元格被舍弃。",
        "Extra cells of a row were dropped.",
        usual=(
            "{where}：舍弃多出的 {count} 个单元格：{text}",
            "{where}: {count} extra cell(s) dropped: {text}",
        ),
    ),
    kind_of(
        "blank-cell",
        INFO,
        "PDF 表格中未印数值的单元格，按各数值在页面上的位置对应各列，读作空白。",
        "A cell with nothing printed in a PDF's table: the row's values placed under their "
        "columns by where they stand on the page; the cell is blank.",
        usual=(
            "{where}：未印数值（按各数值在页面上的位置对应各列），读作空白",
            "{where}: nothing printed (where the row's values stand on the page); read as a blank cell",
        ),
    ),
    kind_of(
        "blank-mark",
        WARNING,
        "单元格中的符号（如“—”“无”）读作空白。",
        "A mark in a cell (—, 无) was read as blank.",
        usual=("{where}：“{text}”读作空白", "{where}: {text} read as a blank cell"),
    ),
    kind_of(
        "number-format",
        INFO,
        "数字的写法被规范化（全角、千位分隔符、单位、空格）。",
        "A number's form was normalised (full width, separators, unit, spaces).",
        usual=("{where}：“{text}”读作 {read}", "{where}: {text} read as {read}"),
    ),
    kind_of(
        "not-a-number",
        WARNING,
        "单元格中的文字不是数字，读作空白。",
        "A cell's text is not a number; read as blank.",
        usual=(
            "{where}：“{text}”不是数字，读作空白",
            "{where}: {text} is not a number; read as a blank cell",
        ),
    ),
    kind_of(
        "rebuilt",
        INFO,
        "数字连在一起或顺序打乱，按表格的合计唯一地还原。",
        "Digits run together or scrambled, rebuilt from the printed totals (the one reading "
        "that fits).",
        usual=(
            "{where}：“{text}”读作 {read}，按印出的合计还原（数字连写）",
            "{where}: {text} read as {read}, rebuilt from the printed totals (the digits run together)",
        ),
        only=(
            "{where}：“{text}”读作 {read}，为连写数字唯一的读法",
            "{where}: {text} read as {read}, the only reading of the digits run together",
        ),
        columns=(
            "{where}：数值按列印出，按合计还原",
            "{where}: the values printed column by column; rebuilt from the totals",
        ),
        spaces=(
            "{where}：“{text}”读作 {read}：其中的空格并非都是单元格的分界，这是印出合计唯一允许的读法",
            "{where}: {text} read as {read}: its spaces are not all cell boundaries, and this is the one reading the printed totals allow",
        ),
    ),
    kind_of(
        "rebuilt-unbalanced",
        WARNING,
        "数字连在一起，唯一的读法不符合该行印出的合计：按数字的分隔读出时照印出的读，连写时为推测"
        "（报告本身的不一致由核对指出）。",
        "Digits run together read the only way they can, under which the row's printed total "
        "does not hold: read as printed where the spaces part them, a guess where they run "
        "together (the checks name the break).",
        usual=(
            "{where}：“{text}”读作 {read}，为连写数字唯一的读法，但该行印出的合计不成立",
            "{where}: {text} read as {read}, the only reading of the digits run together, under which the row's printed total does not hold",
        ),
        spaced=(
            "{where}：“{text}”按空格读作 {read}：没有任何读法符合该行印出的合计",
            "{where}: {text} read as {read}, cells as the spaces part them: no reading keeps the row's printed total",
        ),
    ),
    kind_of(
        "rebuilt-unconfirmed",
        WARNING,
        "从连写数字还原的单元格（各按本行的合计还原）不符合表中的勾稽关系：为推测。",
        "Cells rebuilt from digits run together, each row by its own total, under which the "
        "table's identities do not hold: guessed.",
        usual=(
            "{where}：{count} 个勾稽关系对从连写数字还原的这些单元格不成立，其读法为推测",
            "{where}: {count} of the table's identities do not hold over these cells rebuilt from digits run together; their reading is a guess",
        ),
    ),
    kind_of(
        "rebuilt-by-narrative",
        WARNING,
        "表二中数字连写、有多种读法的一行，按报告正文所述的数字读取（表二没有合计可核对）。",
        "A row of table 2 whose digits run together and read several ways, read the one way the figures its narrative states agree with (table 2 has no totals).",
        usual=(
            "{where}：“{text}”读作 {read}，为正文所述数字唯一相符的读法：{sentences}",
            "{where}: {text} read as {read}, the one reading the figures the narrative states agree with: {sentences}",
        ),
    ),
    kind_of(
        "rebuild-ambiguous",
        WARNING,
        "数字连在一起，有多种符合合计的读法（或无一符合），其单元格为空。",
        "Digits run together and several readings fit the totals (or none does); the cells "
        "are blank.",
        usual=(
            "{where}：“{text}”数字连写，有 {count} 种读法：{readings}；其单元格为空",
            "{where}: {text} runs digits together and reads {count} ways: {readings}; its cells are blank",
        ),
        none=(
            "{where}：“{text}”数字连写，没有符合印出合计的读法；其单元格为空",
            "{where}: {text} runs digits together and no reading fits the printed totals; its cells are blank",
        ),
        budget=(
            "{where}：“{text}”数字连写，读法过多无法逐一尝试；其单元格为空",
            "{where}: the digits {text} run together; too many readings to try; its cells are blank",
        ),
    ),
    kind_of(
        "unit-converted",
        INFO,
        "以元填写在万元列中的金额（或相反）已换算。",
        "An amount printed in 元 in a column of 万元 (or the reverse) was converted.",
        usual=("{where}：“{text}”换算为 {read}", "{where}: {text} read as {read}"),
    ),
    kind_of(
        "unit-unclear",
        WARNING,
        "金额的单位与列的单位不同且无法准确换算，读作空白。",
        "An amount's unit differs from its column's and it cannot be converted exactly; read "
        "as blank.",
        usual=(
            "{where}：“{text}”的单位为{unit}，该列为{column_unit}，换算为 {read} 超过 {places} 位小数；读作空白",
            "{where}: {text} is in {unit} in a column of {column_unit}, and {read} has more than {places} decimal places; read as a blank cell",
        ),
    ),
    kind_of(
        "impossible-value",
        ERROR,
        "数值不是该单元格能容纳的（负数、小数计数），读作空白。",
        "A value the cell cannot hold (negative, fractional count); read as blank.",
        usual=(
            "{where}：“{text}”不是{what}，读作空白",
            "{where}: {text} is not {what}; read as a blank cell",
        ),
    ),
)
