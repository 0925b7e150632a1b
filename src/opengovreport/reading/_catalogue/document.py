"""The diagnostics about the document: a second report, the PDF reader's fallback, a page's
charset, sections and their headings, the page's furniture and the front matter."""

from ._kind import ERROR, INFO, WARNING, DiagnosticKind, kind_of

__all__ = ["KINDS"]

KINDS: tuple[DiagnosticKind, ...] = (
    kind_of(
        "second-report",
        ERROR,
        "文件中有第二份报告，只读取了第一份。",
        "A second report follows; only the first is read.",
        usual=(
            "此处开始第二份报告，只读取了第一份：{text}",
            "a second report starts here; only the first one is read: {text}",
        ),
    ),
    kind_of(
        "reader-fallback",
        INFO,
        "PDF的第一种读取方式（pypdfium2）有误，改用另一种读取方式。",
        "The PDF's first reading (pypdfium2) gave errors or broke the identities; another "
        "reader was used.",
        usual=(
            "改用 {reader} 读取：pypdfium2 读出的文字{why}",
            "read with {reader}: pypdfium2's text {why}",
        ),
    ),
    kind_of(
        "charset",
        WARNING,
        "网页声明的字符集与其内容不符，按内容识别。",
        "The page declares a charset it is not in; read by its content.",
        usual=(
            "网页声明字符集 {declared}，但内容不是该字符集；按内容识别",
            "the page declares charset {declared} but is not in it; read by its content",
        ),
    ),
    kind_of(
        "section-missing",
        ERROR,
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
    kind_of(
        "heading-variant",
        INFO,
        "部分标题为已知的另一种写法。",
        "A section heading is a known variant.",
        usual=(
            "第{number}部分标题印作“{text}”，按“{heading}”读取",
            "section {number} heading printed as {text}; read as {heading}",
        ),
    ),
    kind_of(
        "heading-unknown",
        WARNING,
        "部分标题与格式不同，按其编号和关键词识别。",
        "A section heading differs from the format's; recognised by its number and words.",
        usual=(
            "第{number}部分标题印作“{text}”，按其编号和关键词读作“{heading}”",
            "section {number} heading printed as {text}; read as {heading} by its number and words",
        ),
    ),
    kind_of(
        "page-lines",
        INFO,
        "报告前的网页信息行（标题、发布时间等）和转换标记行被跳过。",
        "A page's metadata lines (标题, 发布时间 …) and converter marker lines above the report "
        "were skipped.",
        usual=(
            "跳过报告前的网页信息行 {count} 行：{shown}",
            "{count} line(s) of the page around the report skipped: {shown}",
        ),
    ),
    kind_of(
        "title-from-page",
        INFO,
        "正文中没有标题，取自网页信息中的标题。",
        "No title in the text; taken from the page's metadata (标题: …).",
        usual=(
            "正文中没有标题，取自网页信息：{text}",
            "no title in the text; taken from the page's metadata: {text}",
        ),
    ),
    kind_of(
        "front-skipped",
        INFO,
        "标题之前的几行作为前言保留。",
        "Lines above the title were kept as front matter.",
        usual=(
            "标题之前的 {count} 行作为前言保留：{text}",
            "{count} line(s) above the title kept as front matter: {text}",
        ),
    ),
    kind_of(
        "heading-renumbered",
        WARNING,
        "部分标题的编号与格式不同或顺序不同（如表格作为附件编为一、二、三）。",
        "A section heading is numbered otherwise or stands out of order (tables in an appendix "
        "numbered 一/二/三).",
        usual=(
            "第{number}部分（{heading}）以另一编号或顺序出现：{text}",
            "section {number} ({heading}) found under another number or out of order: {text}",
        ),
    ),
    kind_of(
        "table-by-content",
        INFO,
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
    kind_of(
        "title-missing",
        ERROR,
        "第一部分之前没有标题。",
        "No title before section 1.",
        usual=("第一部分之前没有标题", "no title before section 1"),
    ),
    kind_of(
        "agency-missing",
        WARNING,
        "标题中没有机关名称。",
        "No agency in the title.",
        usual=("标题中没有机关名称：{text}", "no agency in the title: {text}"),
    ),
    kind_of(
        "agency-guessed",
        WARNING,
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
    kind_of(
        "year-guessed",
        WARNING,
        "标题中没有年份，取自前言。",
        "No year in the title; taken from the front matter.",
        usual=(
            "标题中没有年份，从前言取 {year} 年：{text}",
            "no year in the title; {year} taken from the front matter: {text}",
        ),
    ),
    kind_of(
        "edition",
        INFO,
        "表格所符合的版本与报告年份通常所用的版本不同。",
        "The tables fit another edition than the year's.",
        usual=(
            "表格最符合{shape}，报告年份为 {year} 年",
            "the tables fit the {shape} best, in a report on {year}",
        ),
    ),
    kind_of(
        "contact-sentence",
        INFO,
        "前言中标准的联系方式句读作联系方式（输出时按原句打印）。",
        "The standard contact sentence of the front matter read as the contact details (every "
        "output prints it again, word for word).",
        usual=(
            "前言中标准的联系方式句读作联系方式",
            "the standard contact sentence read as the contact details",
        ),
    ),
    kind_of(
        "closing",
        INFO,
        "第六部分之后的落款（机关、日期）。",
        "Closing lines after section 6 (agency, date).",
        usual=("落款：{text}", "closing lines: {text}"),
    ),
    kind_of(
        "text-outside",
        WARNING,
        "表格部分中的文字不属于报告模型。",
        "Text in a table section has no place in the model.",
        usual=(
            "{where}部分中的文字不属于报告模型：{text}",
            "text in the section of {where} is not part of the report model: {text}",
        ),
    ),
)
