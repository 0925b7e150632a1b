"""The catalogue of the reader's diagnostics: every kind of guess or gap, with a stable code, a
severity, what it means, and its message in Chinese and English as a template filled from the
diagnostic's fields (documented beside the rule catalogue).

A template names its fields in braces: ``{where}`` (the table, row and column the diagnostic
is about, in the message's language), ``{text}`` (what the reader saw, quoted), and the fields
the reader gave. A kind may have several templates, chosen by the diagnostic's ``variant``.
"""

import attrs

from ..errors import NotFoundError
from ..schema import Label
from ..values import Severity

__all__ = ["DiagnosticKind", "diagnostic_kinds", "kind"]


@attrs.frozen
class DiagnosticKind:
    """A kind of diagnostic: its stable code, severity, description, and its message templates
    (by variant; ``""`` is the usual one)."""

    code: str
    severity: Severity
    description: Label
    templates: dict[str, Label] = attrs.field(factory=dict, hash=False, eq=False)

    def template(self, variant: str = "") -> Label:
        """The message template of ``variant`` (the usual one where there is no such)."""
        return self.templates.get(variant) or self.templates[""]


_I, _W, _E = Severity.INFO, Severity.WARNING, Severity.ERROR


def _k(
    code: str, severity: Severity, zh: str, en: str, **templates: tuple[str, str]
) -> DiagnosticKind:
    return DiagnosticKind(
        code,
        severity,
        Label(zh, en),
        {("" if name == "usual" else name): Label(*t) for name, t in templates.items()},
    )


_KINDS: tuple[DiagnosticKind, ...] = (
    # the document
    _k(
        "second-report",
        _E,
        "文件中有第二份报告，只读取了第一份。",
        "A second report follows; only the first is read.",
        usual=(
            "此处开始第二份报告，只读取了第一份：{text}",
            "a second report starts here; only the first one is read: {text}",
        ),
    ),
    _k(
        "reader-fallback",
        _I,
        "PDF的第一种读取方式（pypdfium2）有误，改用另一种读取方式。",
        "The PDF's first reading (pypdfium2) gave errors or broke the identities; another "
        "reader was used.",
        usual=(
            "改用 {reader} 读取：pypdfium2 读出的文字{why}",
            "read with {reader}: pypdfium2's text {why}",
        ),
    ),
    _k(
        "charset",
        _W,
        "网页声明的字符集与其内容不符，按内容识别。",
        "The page declares a charset it is not in; read by its content.",
        usual=(
            "网页声明字符集 {declared}，但内容不是该字符集；按内容识别",
            "the page declares charset {declared} but is not in it; read by its content",
        ),
    ),
    _k(
        "section-missing",
        _E,
        "未找到某一部分的标题。",
        "A section's heading was not found.",
        usual=(
            "未找到第{number}部分的标题（{heading}）",
            "no heading of section {number} ({heading}) found",
        ),
        table=(
            "未找到第{number}部分的标题（{heading}），也未按内容找到其表格",
            "no heading of section {number} ({heading}) found and no table of its content",
        ),
    ),
    _k(
        "heading-variant",
        _I,
        "部分标题为已知的另一种写法。",
        "A section heading is a known variant.",
        usual=(
            "第{number}部分标题印作“{text}”，按“{heading}”读取",
            "section {number} heading printed as {text}; read as {heading}",
        ),
    ),
    _k(
        "heading-unknown",
        _W,
        "部分标题与格式不同，按其编号和关键词识别。",
        "A section heading differs from the format's; recognised by its number and words.",
        usual=(
            "第{number}部分标题印作“{text}”，按其编号和关键词读作“{heading}”",
            "section {number} heading printed as {text}; read as {heading} by its number and words",
        ),
    ),
    _k(
        "page-lines",
        _I,
        "报告前的网页信息行（标题、发布时间等）和转换标记行被跳过。",
        "A page's metadata lines (标题, 发布时间 …) and converter marker lines above the report "
        "were skipped.",
        usual=(
            "跳过报告前的网页信息行 {count} 行：{shown}",
            "{count} line(s) of the page around the report skipped: {shown}",
        ),
    ),
    _k(
        "title-from-page",
        _I,
        "正文中没有标题，取自网页信息中的标题。",
        "No title in the text; taken from the page's metadata (标题: …).",
        usual=(
            "正文中没有标题，取自网页信息：{text}",
            "no title in the text; taken from the page's metadata: {text}",
        ),
    ),
    _k(
        "front-skipped",
        _I,
        "标题之前的几行作为前言保留。",
        "Lines above the title were kept as front matter.",
        usual=(
            "标题之前的 {count} 行作为前言保留：{text}",
            "{count} line(s) above the title kept as front matter: {text}",
        ),
    ),
    _k(
        "heading-renumbered",
        _W,
        "部分标题的编号与格式不同或顺序不同（如表格作为附件编为一、二、三）。",
        "A section heading is numbered otherwise or stands out of order (tables in an appendix "
        "numbered 一/二/三).",
        usual=(
            "第{number}部分（{heading}）以另一编号或顺序出现：{text}",
            "section {number} ({heading}) found under another number or out of order: {text}",
        ),
    ),
    _k(
        "table-by-content",
        _I,
        "表格按其内容（表头、行标签）找到，不在其部分标题之下。",
        "A table was found by its content (header, row labels), not under its section heading.",
        usual=(
            "{where}按其内容找到，其上没有标题“{heading}”",
            "{where} found by its content; no heading {heading} above it",
        ),
        away=(
            "{where}按其内容找到，不在其标题之下",
            "{where} found by its content away from its heading",
        ),
    ),
    _k(
        "title-missing",
        _E,
        "第一部分之前没有标题。",
        "No title before section 1.",
        usual=("第一部分之前没有标题", "no title before section 1"),
    ),
    _k(
        "agency-missing",
        _W,
        "标题中没有机关名称。",
        "No agency in the title.",
        usual=("标题中没有机关名称：{text}", "no agency in the title: {text}"),
    ),
    _k(
        "agency-guessed",
        _W,
        "标题中没有机关名称，取自网页的标题或落款。",
        "No agency in the title; taken from the page's title or the closing lines.",
        usual=(
            "标题中没有机关名称，取自网页的标题“{text}”：{agency}",
            "no agency in the title; {agency} taken from the page's title {text}",
        ),
        closing=(
            "标题中没有机关名称，取自落款“{text}”：{agency}",
            "no agency in the title; {agency} taken from the closing line {text}",
        ),
    ),
    _k(
        "year-guessed",
        _W,
        "标题中没有年份，取自前言。",
        "No year in the title; taken from the front matter.",
        usual=(
            "标题中没有年份，从前言取 {year} 年：{text}",
            "no year in the title; {year} taken from the front matter: {text}",
        ),
    ),
    _k(
        "edition",
        _I,
        "表格所符合的版本与报告年份通常所用的版本不同。",
        "The tables fit another edition than the year's.",
        usual=(
            "表格最符合{shape}，报告年份为 {year} 年",
            "the tables fit the {shape} best, in a report on {year}",
        ),
    ),
    _k(
        "contact-sentence",
        _I,
        "前言中标准的联系方式句读作联系方式（输出时按原句打印）。",
        "The standard contact sentence of the front matter read as the contact details (every "
        "output prints it again, word for word).",
        usual=(
            "前言中标准的联系方式句读作联系方式",
            "the standard contact sentence read as the contact details",
        ),
    ),
    _k(
        "closing",
        _I,
        "第六部分之后的落款（机关、日期）。",
        "Closing lines after section 6 (agency, date).",
        usual=("落款：{text}", "closing lines: {text}"),
    ),
    _k(
        "text-outside",
        _W,
        "表格部分中的文字不属于报告模型。",
        "Text in a table section has no place in the model.",
        usual=(
            "{where}部分中的文字不属于报告模型：{text}",
            "text in the section of {where} is not part of the report model: {text}",
        ),
    ),
    # tables and rows
    _k(
        "block-missing",
        _E,
        "未找到表二的某一项，其单元格为空。",
        "A block of table 2 was not found; its cells are blank.",
        usual=("{where}：未找到，其单元格为空", "{where}: not found; its cells are blank"),
    ),
    _k(
        "row-missing",
        _E,
        "未找到某一行，其单元格为空。",
        "A row was not found; its cells are blank.",
        usual=("{where}：未找到该行，其单元格为空", "{where}: not found; its cells are blank"),
    ),
    _k(
        "row-dropped",
        _W,
        "表格中与格式任何一行都不对应的行被舍弃。",
        "A printed row that matches none of the format's was dropped.",
        usual=(
            "{where}：与格式中任何一行都不对应的行被舍弃：{text}",
            "{where}: a row that matches no row of the format was dropped: {text}",
        ),
    ),
    _k(
        "row-order",
        _W,
        "表格各行的顺序与格式不同，按行标签对应。",
        "A table's rows are printed in another order; each placed by its label.",
        usual=(
            "{where}：各行顺序与格式不同，按行标签放置",
            "{where}: the rows are printed in another order than the format's; each placed by its label",
        ),
    ),
    _k(
        "labels-after",
        _I,
        "行标签位于其数值之后（逐格输出的文本），按此读取。",
        "Row labels stand after their numbers (text one cell a line); read so.",
        usual=(
            "{where}：行标签位于数值之后，按此读取",
            "{where}: the row labels stand after their numbers; read so",
        ),
    ),
    _k(
        "row-by-position",
        _W,
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
    _k(
        "row-unplaced",
        _E,
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
    _k(
        "table4-order",
        _W,
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
    _k(
        "row-ignored",
        _I,
        "表二某项中不属于该项的行被忽略。",
        "A row that is none of a table 2 block's was ignored.",
        usual=(
            "{where}：不属于该项的行被忽略：{text}",
            "{where}: a row that is none of its rows was ignored: {text}",
        ),
    ),
    _k(
        "label-variant",
        _I,
        "行标签为另一种写法，仍按顺序和关键词对应。",
        "A row read from a label that is a variant of the format's.",
        usual=("{where}：按印作“{text}”的行读取", "{where}: read from a row labelled {text}"),
    ),
    _k(
        "column-order",
        _I,
        "表头所列各列的顺序与格式不同，各数值按其表头放置。",
        "A header prints the columns in another order than the format's; each value placed under its own header.",
        usual=(
            "{where}：表头按 {order} 的顺序印出各列，各数值按其表头放置",
            "{where}: the header prints the columns in the order {order}; each value placed under its own header",
        ),
    ),
    _k(
        "columns-assumed",
        _W,
        "表头未列出各列，数值按格式的列序放置。",
        "A header names none of the columns; the values were placed in the format's order of columns.",
        usual=(
            "{where}：表头未列出各列，数值按格式的列序放置",
            "{where}: its header names none of the columns; the values placed in the format's order",
        ),
    ),
    _k(
        "columns-unmatched",
        _W,
        "表头所列的列与格式不同，数值按顺序放置。",
        "A header names other columns than the format's; the values were placed in order.",
        usual=(
            "{where}：表头印作“{text}”，与格式的列（{expected}）不符，数值按顺序放置",
            "{where}: the header reads {text}, not the format's columns ({expected}); values placed in their order",
        ),
    ),
    # cells
    _k(
        "cell-missing",
        _E,
        "一行中的数值少于列数：按顺序从第一列填入，其余单元格为空（无从判断哪些单元格空白）。",
        "Fewer values than columns in a row: put in order from the first column, the rest "
        "blank (nothing shows which cells were blank).",
        usual=(
            "{where}：{count} 个数值对应 {width} 个单元格，按顺序填入前 {count} 列（无从判断哪些单元格空白），其余为空",
            "{where}: {count} values for {width} cells, put in the first {count} columns by their order (nothing shows which cells are blank); the rest are blank",
        ),
    ),
    _k(
        "cells-missing",
        _E,
        "表格的数值少于其单元格。",
        "A table has fewer values than its cells.",
        usual=(
            "{where}：有 {count} 个数值，应有 {expected} 个",
            "{where}: {count} values where {expected} were expected",
        ),
    ),
    _k(
        "cells-extra",
        _W,
        "表格的数值多于其单元格。",
        "A table has more values than its cells.",
        usual=(
            "{where}：有 {count} 个数值，应有 {expected} 个",
            "{where}: {count} values where {expected} were expected",
        ),
    ),
    _k(
        "spurious-cell",
        _W,
        "一行中多出的单元格被舍弃。",
        "Extra cells of a row were dropped.",
        usual=(
            "{where}：舍弃多出的 {count} 个单元格：{text}",
            "{where}: {count} extra cell(s) dropped: {text}",
        ),
    ),
    _k(
        "blank-cell",
        _I,
        "PDF 表格中未印数值的单元格，按各数值在页面上的位置对应各列，读作空白。",
        "A cell with nothing printed in a PDF's table: the row's values placed under their "
        "columns by where they stand on the page; the cell is blank.",
        usual=(
            "{where}：未印数值（按各数值在页面上的位置对应各列），读作空白",
            "{where}: nothing printed (where the row's values stand on the page); read as a blank cell",
        ),
    ),
    _k(
        "blank-mark",
        _W,
        "单元格中的符号（如“—”“无”）读作空白。",
        "A mark in a cell (—, 无) was read as blank.",
        usual=("{where}：“{text}”读作空白", "{where}: {text} read as a blank cell"),
    ),
    _k(
        "number-format",
        _I,
        "数字的写法被规范化（全角、千位分隔符、单位、空格）。",
        "A number's form was normalised (full width, separators, unit, spaces).",
        usual=("{where}：“{text}”读作 {read}", "{where}: {text} read as {read}"),
    ),
    _k(
        "not-a-number",
        _W,
        "单元格中的文字不是数字，读作空白。",
        "A cell's text is not a number; read as blank.",
        usual=(
            "{where}：“{text}”不是数字，读作空白",
            "{where}: {text} is not a number; read as a blank cell",
        ),
    ),
    _k(
        "rebuilt",
        _I,
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
    _k(
        "rebuilt-unbalanced",
        _W,
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
    _k(
        "rebuilt-unconfirmed",
        _W,
        "从连写数字还原的单元格（各按本行的合计还原）不符合表中的勾稽关系：为推测。",
        "Cells rebuilt from digits run together, each row by its own total, under which the "
        "table's identities do not hold: guessed.",
        usual=(
            "{where}：{count} 个勾稽关系对从连写数字还原的这些单元格不成立，其读法为推测",
            "{where}: {count} of the table's identities do not hold over these cells rebuilt from digits run together; their reading is a guess",
        ),
    ),
    _k(
        "rebuilt-by-narrative",
        _W,
        "表二中数字连写、有多种读法的一行，按报告正文所述的数字读取（表二没有合计可核对）。",
        "A row of table 2 whose digits run together and read several ways, read the one way the figures its narrative states agree with (table 2 has no totals).",
        usual=(
            "{where}：“{text}”读作 {read}，为正文所述数字唯一相符的读法：{sentences}",
            "{where}: {text} read as {read}, the one reading the figures the narrative states agree with: {sentences}",
        ),
    ),
    _k(
        "rebuild-ambiguous",
        _W,
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
    _k(
        "unit-converted",
        _I,
        "以元填写在万元列中的金额（或相反）已换算。",
        "An amount printed in 元 in a column of 万元 (or the reverse) was converted.",
        usual=("{where}：“{text}”换算为 {read}", "{where}: {text} read as {read}"),
    ),
    _k(
        "unit-unclear",
        _W,
        "金额的单位与列的单位不同且无法准确换算，读作空白。",
        "An amount's unit differs from its column's and it cannot be converted exactly; read "
        "as blank.",
        usual=(
            "{where}：“{text}”的单位为{unit}，该列为{column_unit}，换算为 {read} 超过 {places} 位小数；读作空白",
            "{where}: {text} is in {unit} in a column of {column_unit}, and {read} has more than {places} decimal places; read as a blank cell",
        ),
    ),
    _k(
        "impossible-value",
        _E,
        "数值不是该单元格能容纳的（负数、小数计数），读作空白。",
        "A value the cell cannot hold (negative, fractional count); read as blank.",
        usual=(
            "{where}：“{text}”不是{what}，读作空白",
            "{where}: {text} is not {what}; read as a blank cell",
        ),
    ),
    # scans read by OCR
    _k(
        "ocr",
        _I,
        "扫描件（没有文字层的PDF或图片），经光学字符识别（OCR）读取。",
        "A scan (a PDF without a text layer, or an image) read by OCR.",
        usual=(
            "经OCR读取 {count} 页（{engine}）；以高置信度读出的单元格按原样读取，其余按勾稽关系修复或留空",
            "{count} page(s) read by OCR ({engine}); cells read with high confidence are kept, the others repaired by the identities or left blank",
        ),
    ),
    _k(
        "ocr-turned",
        _I,
        "扫描页横置、倒置或歪斜，读取前已转正。",
        "A scanned page on its side, upside down or skewed was turned upright before it was read.",
        usual=(
            "第 {page} 页转正：旋转 {turned}°，纠偏 {skew}°",
            "page {page} turned upright: rotated {turned}°, skew {skew}° taken out",
        ),
    ),
    _k(
        "ocr-repaired",
        _W,
        "OCR对某单元格的读数置信度低（或未识别出），按其行、列的勾稽关系唯一确定的数值修复。",
        "A cell the OCR read with low confidence (or found no box in) was repaired with the one "
        "value the identities of its row and column allow.",
        usual=(
            "{where}：OCR读作“{text}”（置信度低），按勾稽关系唯一确定为 {read}",
            "{where}: OCR read {text} with low confidence; the identities allow only {read}",
        ),
        same=(
            "{where}：OCR读作“{text}”（置信度低），勾稽关系唯一确定的数值与之相同：{read}",
            "{where}: OCR read {text} with low confidence; the identities allow only that value, {read}",
        ),
        missing=(
            "{where}：单元格中有字迹但OCR未识别出，按勾稽关系唯一确定为 {read}",
            "{where}: ink in the cell but no text recognised; the identities allow only {read}",
        ),
    ),
    _k(
        "ocr-unsure",
        _W,
        "OCR对某单元格的读数置信度低（或未识别出），勾稽关系不能唯一确定其数值，单元格留空。",
        "A cell the OCR read with low confidence (or found no box in) that the identities do not "
        "determine; the cell is blank.",
        usual=(
            "{where}：OCR读作“{text}”（置信度低），勾稽关系不能唯一确定其数值；单元格留空",
            "{where}: OCR read {text} with low confidence, and the identities allow more than one value; the cell is blank",
        ),
        conflict=(
            "{where}：OCR读作“{text}”（置信度低），按勾稽关系求得的数值与另一勾稽关系矛盾；单元格留空",
            "{where}: OCR read {text} with low confidence, and the value the identities give breaks another identity; the cell is blank",
        ),
    ),
    _k(
        "ocr-unbalanced",
        _W,
        "以高置信度读出的单元格不符合勾稽关系：其中可能有OCR误读（或报告本身有误，由核对指出）。",
        "Cells read by OCR with high confidence break an identity: one of them may be misread "
        "(or the report is wrong; the checks name the break).",
        usual=(
            "{where}：OCR读出的数值不符合勾稽关系 {rule}，其中可能有误读",
            "{where}: the values read by OCR break the identity {rule}; one of them may be misread",
        ),
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
        raise NotFoundError(f"no diagnostic {code!r}; known: {', '.join(_BY_CODE)}") from None
