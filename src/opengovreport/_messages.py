"""Every word the library prints for people outside the comparisons' sentences (those are
:data:`opengovreport._explain.PHRASES`) and the reader's diagnostics (their own catalogue): the
command line's errors and notices, the words of the corpus page and of the workbook, what a
file's status means, duplicates and conflicts. One catalogue, a template in each language, so
that a run prints in one language (``--lang``) whatever it meets.

A template names its fields in braces (``str.format``); a field holds what the run met (a file
name, a count, an agency's name) and is never translated.
"""

from .values import check_lang

__all__ = ["MESSAGES", "message"]

#: key → (zh, en), each a ``str.format`` template
MESSAGES: dict[str, tuple[str, str]] = {
    # standard streams and files
    "stdout.closed": ("标准输出已关闭", "standard output is closed"),
    "stdout.cannot": ("无法写入标准输出：{why}", "cannot write to standard output: {why}"),
    "stdin.closed": ("标准输入已关闭", "standard input is closed"),
    "stdin.cannot": ("无法读取标准输入：{why}", "cannot read standard input: {why}"),
    "write.cannot": ("无法写入 {path}：{why}", "cannot write {path}: {why}"),
    "write.folder": ("这是一个文件夹", "a folder"),
    "write.not_regular": ("不是普通文件", "not a regular file"),
    "folder.cannot": ("无法创建文件夹 {path}：{why}", "cannot make the folder {path}: {why}"),
    "output.same_name": (
        "{source}：另一个输入文件的输出文件名同为 {name}，未写入",
        "{source}: another input gives the same output name {name}; not written",
    ),
    "interrupted": ("已中断", "interrupted"),
    # a message another part of the library made (its own exception), as it is
    "as.is": ("{text}", "{text}"),
    # options
    "option.width_text": ("--width 只用于 --to text", "--width is for --to text"),
    "option.width_narrow": (
        "--width {width} 太窄：至少 20 列",
        "--width {width} is too narrow: at least 20 columns",
    ),
    "option.standalone": ("--standalone 只用于 --to html", "--standalone is for --to html"),
    "option.findings": ("--findings 只用于 --to html", "--findings is for --to html"),
    "option.findings_table": (
        "--findings 会绘出全部表格：请去掉 --table",
        "--findings draws every table: leave out --table",
    ),
    "option.table_binary": ("--table 不能与 --to {to} 同用", "--table is not for --to {to}"),
    "option.binary": (
        "--to {to} 生成二进制文件：请用 -o 指定文件",
        "--to {to} writes a binary file: give -o FILE",
    ),
    "option.several": (
        "多份报告需要 -o 指定文件夹（每份一个文件）",
        "several reports need -o FOLDER (one file each)",
    ),
    "option.agency": (
        "--{given} 用于单个机关的页面：请用 --agency 给出机关名称",
        "--{given} is for the page of one agency: give --agency NAME",
    ),
    "option.write": ("--write 需要 --review 指定复核文件", "--write needs --review FILE"),
    "option.codes": (
        "未知的规则代码 {codes}；规则有：{known}",
        "unknown rule code {codes}; rules: {known}",
    ),
    "option.thresholds": ("--thresholds：{why}", "--thresholds {why}"),
    "option.stdin_twice": (
        "两份报告中只能有一份来自标准输入",
        "only one of the two reports can be standard input",
    ),
    "option.compare_folder": (
        "{name}：这是一个文件夹；比较需要两个报告文件",
        "{name}: a folder; compare takes two report files",
    ),
    "option.ingest_sources": (
        "需要给出要读取的来源（或用 --verify 只核对数据集）",
        "ingest needs SOURCE… (or --verify, to check the dataset alone)",
    ),
    "extra.missing": (
        "{what}需要可选依赖 {extra}：pip install 'opengovreport[{extra}]'",
        "{what} needs the extra {extra}: pip install 'opengovreport[{extra}]'",
    ),
    "extra.docx": ("Word 文档", "Word output"),
    "extra.dask": ("在 Dask 上读取", "ingest"),
    "scheduler.unreachable": (
        "无法连接调度器 {address}：{why}",
        "cannot reach the scheduler {address}: {why}",
    ),
    "example.unknown": ("没有示例 {name}；示例有：{names}", "no example {name}; examples: {names}"),
    "review.added": ("{path}：新增 {n} 项待复核", "{path}: {n} new finding{s} to review"),
    # agencies and years
    "agency.none": (
        "读取的文件中没有 {agency} 的报告；机关有：{listed}",
        "no report of {agency} among the files read; agencies: {listed}",
    ),
    "agency.year": (
        "没有 {agency} {year} 年的报告；其年度有：{years}",
        "no report of {agency} for {year}; its years: {years}",
    ),
    "none": ("无", "none"),
    "sep": ("；", "; "),
    "list.more": (" 等 {n} 个", " … ({n})"),
    # what became of a file
    "status.ok": ("已读取", "ok"),
    "status.partial": ("部分读取", "partial"),
    "status.needs_ocr": ("扫描件，需先进行文字识别", "a scan: it needs OCR first"),
    "status.not_a_report": ("不是年度报告", "not a report"),
    "status.unreadable": ("无法读取", "unreadable"),
    "status.skipped": ("未读取：不是文件，或文件夹中没有报告文件", "skipped"),
    "status.duplicate": ("重复", "duplicate"),
    "status.conflict": ("冲突", "conflict"),
    # duplicates and conflicts
    "duplicate": (
        "与 {other} 是同一份报告（机关、年度和数字都相同），只计一次",
        "the same report as {other} (the same agency, year and numbers): counted once",
    ),
    "conflict": (
        "与 {other} 同为{agency}{year}年的报告，但 {n} 个单元格数字不同（本文件/对方）：{cells}；采用对方（{why}）",
        "{agency} {year} as {other} gives it, with {n} cell{s} different (here/there): {cells}; {other} is used ({why})",
    ),
    "conflict.cell": ("{label} {a}/{b}", "{label} {a}/{b}"),
    "conflict.more": ("等", "…"),
    "kept.published": ("落款日期较晚", "published later"),
    "kept.quality": ("读取质量较高", "read with higher quality"),
    "kept.agreement": ("更多文件给出相同数字", "more of the files give its numbers"),
    "kept.order": (
        "两者日期与读取质量相同，取排序在前者",
        "same date and quality: the first in order",
    ),
    "conflict.checked": (
        "{source}：与 {other} 冲突，单独核对，不核对跨年度规则",
        "{source}: conflicts with {other}; checked on its own, without the rules across years",
    ),
    # the corpus page
    "page.title": ("报告汇总", "Reports"),
    "page.counts": (
        "{reports} 份报告，{findings} 项发现",
        "{reports} reports, {findings} findings",
    ),
    "page.failed": ("，{n} 个文件没有报告", ", {n} files without a report"),
    "page.conflicts": ("，{n} 处冲突", ", {n} conflicts"),
    "head.agency": ("机关", "agency"),
    "head.year": ("年度", "year"),
    "head.status": ("状态", "status"),
    "head.source": ("来源", "source"),
    "head.file": ("文件", "file"),
    "head.reason": ("原因", "reason"),
    "head.percentile": ("{name}百分位", "{name} percentile"),
    "head.count": ("{name}（件）", "{name} (n)"),
    # severities
    "severity.error": ("错误", "error"),
    "severity.inconsistency": ("不一致", "inconsistency"),
    "severity.warning": ("警告", "warning"),
    "severity.info": ("提示", "info"),
    "severity.not_assessable": ("无法核对", "not assessable"),
    # findings
    "findings.none": ("没有发现", "no findings"),
    "findings.count": ("{n} 项发现", "{n} finding{s}"),
    "findings.counts": ("（{counts}）", " ({counts})"),
    "findings.count_of": ("{severity} {n}", "{severity} {n}"),
    "list.sep": ("，", ", "),
    "findings.dismissed": ("复核已排除 {n} 项", "{n} dismissed in review"),
    "findings.title": ("检查结果", "Check result"),
    # the workbook's sheets and columns
    "sheet.reports": ("报告", "reports"),
    "sheet.indicators": ("指标", "indicators"),
    "sheet.findings": ("发现", "findings"),
    "sheet.files": ("文件", "files"),
    "sheet.flags": ("预警", "flags"),
    "column.agency": ("机关", "agency"),
    "column.year": ("年度", "year"),
    "column.edition": ("版本", "edition"),
    "column.shape": ("表式", "shape"),
    "column.source": ("来源文件", "source"),
    "column.status": ("状态", "status"),
    "column.format": ("格式", "format"),
    "column.reader": ("读取方式", "reader"),
    "column.quality": ("读取质量", "quality"),
    "column.errors": ("错误数", "errors"),
    "column.warnings": ("警告数", "warnings"),
    "column.reason": ("原因", "reason"),
    "column.code": ("规则", "code"),
    "column.severity": ("严重程度", "severity"),
    "column.table": ("表", "table"),
    "column.path": ("单元格路径", "path"),
    "column.label": ("单元格", "label"),
    "column.printed": ("填报值", "printed"),
    "column.computed": ("计算值", "computed"),
    "column.difference": ("差额", "difference"),
    "column.message_zh": ("说明（中文）", "message (Chinese)"),
    "column.message_en": ("说明（英文）", "message (English)"),
    "column.indicator": ("指标", "indicator"),
    "column.value": ("数值", "value"),
    "column.level": ("预警级别", "level"),
    "column.direction": ("方向", "direction"),
    "column.line": ("预警线", "line"),
    "column.message": ("说明", "message"),
    "column.numerator": ("{name}（分子）", "{name} (numerator)"),
    "column.denominator": ("{name}（分母）", "{name} (denominator)"),
    # ingest
    "ingest.files": (
        "{files} 个文件：读取 {read} 个，{unchanged} 个未变",
        "{files} files: {read} read, {unchanged} unchanged",
    ),
    "ingest.failed": ("，{n} 个读取失败", ", {n} failed"),
    "ingest.rest": (
        "；写入 {written}/{buckets} 个分桶；{reports} 份报告，{without} 个文件没有报告，存于 {out}（{seconds} 秒）",
        "; {written} of {buckets} buckets written; {reports} reports and {without} files without one in {out} ({seconds} s)",
    ),
    "ingest.repaired": ("已修复 {n} 项：{what}", "repaired {n}: {what}"),
    "ingest.verified": ("；已全部核对：{what}", "; verified: {what}"),
    "ingest.nothing": ("无需修复", "nothing to repair"),
    # validate
    "validate.cannot": ("{path}：无法读取：{why}", "{path}: cannot read it: {why}"),
    "validate.encoding": (
        "{path}：既不是 UTF-8 也不是 GB18030 编码的文本",
        "{path}: neither UTF-8 nor GB18030 text",
    ),
    "validate.invalid": (
        "{path}：报告 JSON 有 {n} 处错误：",
        "{path}: {n} problem{s} in report JSON:",
    ),
    "validate.more": ("  …… 另有 {n} 个", "  … and {n} more"),
    "validate.valid": (
        "{path}：有效（{agency}，{year} 年，{edition} 版）",
        "{path}: valid ({agency}, {year}, {edition} edition)",
    ),
    # why a file holds no report, or what a partial one lacks: reading.Reason, "reason.CODE";
    # a file's own text and another program's message are data, quoted (“…” in Chinese)
    "reason.cells-guessed": ("{n} 个单元格为推测", "{n} cell{s} guessed"),
    "reason.cells-missing": ("缺少 {n} 个单元格", "{n} cell{s} missing"),
    "reason.rows-dropped": ("表三印出的 {n} 行被舍弃", "{n} printed row{s} of table 3 dropped"),
    "reason.second-report": (
        "同一来源中还有第二份报告，只读取了第一份",
        "a second report follows in the same source; only the first was read",
    ),
    "reason.section-missing": (
        "未找到第{number}部分（{heading}）",
        "section {number} ({heading}) not found",
    ),
    "reason.table-missing": ("未找到{table}", "{table} not found"),
    "reason.ocr-unbalanced": (
        "{n} 个勾稽关系对文字识别读出的单元格不成立（可能有识别错误）",
        "{n} identities fail over cells read by OCR (one may be misread)",
    ),
    "reason.notice": (
        "不是年度报告：标题“{title}”是通知类文件的标题",
        "not a report: the title “{title}” is a notice's",
    ),
    "reason.comparison": (
        "不是年度报告：标题“{title}”是比较类文件的标题（其中有两个年度）",
        "not a report: the title “{title}” is a comparison's (it names two years)",
    ),
    "reason.no-year": (
        "没有找到报告：标题和前言中都没有年度（如 2023年）",
        "no report found: no year in the title or the front matter (e.g. 2023年)",
    ),
    "reason.empty": ("没有找到报告：内容为空", "no report found: the source is empty"),
    "reason.no-sections": (
        "没有找到报告：六个部分的标题（{first} …… {last}）和表三都没有找到",
        "no report found: none of the six section headings ({first} … {last}) and no table 3",
    ),
    "reason.not-a-file": ("{what}，不是文件", "{what}, not a file"),
    "reason.folder-empty": ("文件夹中没有报告文件", "a folder with no report files"),
    "reason.broken-link": ("失效的链接", "a broken link"),
    "reason.cannot-open": ("无法打开：“{why}”", "cannot read it: {why}"),
    "reason.too-large": (
        "文件 {size} MB，超过上限 {limit} MB（Limits.bytes）",
        "{size} MB; the limit is {limit} MB (Limits.bytes)",
    ),
    "reason.over-limit": (
        "文件超过 {limit} MB（上限 Limits.bytes）",
        "more than {limit} MB; the limit is Limits.bytes",
    ),
    "reason.over-bytes": (
        "大于 {limit} 字节（Limits.bytes）",
        "larger than {limit} bytes (Limits.bytes)",
    ),
    "reason.time-budget": ("读取超时（超过时间预算）", "took longer than its time budget"),
    "reason.time-budget-of": (
        "读取超时（超过时间预算 {seconds} 秒）",
        "took longer than its time budget of {seconds} s",
    ),
    "reason.time-budget-asked": (
        "读取超时（超过时间预算 {seconds} 秒及其申请的 {asked} 秒）",
        "took longer than its time budget of {seconds} s and the {asked} s it asked for",
    ),
    "reason.ocr-time-budget": (
        "文字识别超时（超过时间预算）",
        "took longer than its time budget (reading it by OCR)",
    ),
    "reason.tool-time-budget": (
        "{tool} 读取超时（超过时间预算）",
        "{tool} took longer than the time budget",
    ),
    "reason.doc": (
        "旧版二进制 Word 文档（.doc）：请用 LibreOffice 转换：soffice --headless --convert-to docx FILE",
        "an old binary Word document (.doc): convert it with LibreOffice: soffice --headless --convert-to docx FILE",
    ),
    "reason.rtf": (
        "RTF 文档（.rtf）：请用 LibreOffice 转换：soffice --headless --convert-to docx FILE",
        "a Rich Text document (.rtf): convert it with LibreOffice: soffice --headless --convert-to docx FILE",
    ),
    "reason.zip": ("ZIP 压缩包，但不是 Word 文档", "a ZIP archive, but not a Word document"),
    "reason.docx-no-body": (
        "ZIP 压缩包，但不是 Word 文档（没有 word/document.xml）",
        "a ZIP archive, but not a Word document (no word/document.xml)",
    ),
    "reason.docx-broken": ("损坏的 Word 文档（“{error}”）", "a broken Word document ({error})"),
    "reason.docx-inflated": (
        "Word 文档各部分解压后共 {size} MB，超过上限 {limit} MB（Limits.inflated）",
        "its parts inflate to {size} MB; the limit is {limit} MB (Limits.inflated)",
    ),
    "reason.docx-cells": (
        "表格单元格超过 {limit:,} 个（上限 Limits.cells）",
        "its tables hold more than {limit:,} cells; the limit is Limits.cells",
    ),
    "reason.html-cells": (
        "表格共 {cells:,} 个单元格，超过上限 {limit:,} 个（Limits.cells）",
        "its tables hold {cells:,} cells; the limit is {limit:,} (Limits.cells)",
    ),
    "reason.encoding": (
        "既不是 UTF-8 也不是 GB18030 编码的文本",
        "neither UTF-8 nor GB18030 text",
    ),
    "reason.json": (
        "不是有效的报告 JSON：“{problem}”",
        "not a valid report JSON: {problem}",
    ),
    "reason.json-more": (
        "不是有效的报告 JSON：“{problem}”（另有 {more} 处）",
        "not a valid report JSON: {problem} (and {more} more)",
    ),
    "reason.too-deep": (
        "过大或嵌套过深，无法读取（“{error}”）",
        "too large or deep to read ({error})",
    ),
    "reason.damaged": ("无法读取（“{error}”）", "could not read it ({error})"),
    "reason.build-failed": ("无法读取报告（“{error}”）", "could not read the report ({error})"),
    "reason.extra": (
        "{what}需要可选依赖 {extra}：pip install 'opengovreport[{extra}]'",
        "{what} needs the extra {extra}: pip install 'opengovreport[{extra}]'",
    ),
    "reason.pdf-pages": (
        "共 {pages:,} 页，超过上限 {limit:,} 页（Limits.pages）",
        "{pages:,} pages; the limit is {limit:,} (Limits.pages)",
    ),
    "reason.no-text-layer": ("{pages} 页都没有文字层", "no text layer on its {pages} page(s)"),
    "reason.pdf-encrypted": (
        "PDF 已加密（需要密码）",
        "the PDF is encrypted (it needs a password)",
    ),
    "reason.pdf-broken": ("不是可读取的 PDF（“{error}”）", "not a readable PDF ({error})"),
    "reason.tool-failed": ("{tool} 无法读取（“{error}”）", "{tool} could not read it ({error})"),
    "reason.worker-start": (
        "无法启动读取 PDF 的子进程（“{error}”）",
        "cannot start a worker process to read PDFs ({error})",
    ),
    "reason.worker-no-python": (
        "无法启动读取 PDF 的子进程：找不到 Python 解释器（sys.executable 为空）",
        "cannot start a worker process to read PDFs (no Python executable)",
    ),
    "reason.pdf-memory": (
        "读取需要超过 {limit} MB 内存（解压炸弹？）；上限为 Limits.inflated",
        "reading it takes more than {limit} MB of memory (a decompression bomb?); the limit is "
        "Limits.inflated",
    ),
    "reason.pdf-crashed": (
        "PDF 阅读器读取时崩溃（{how}）：文件损坏？",
        "its PDF reader crashed on it ({how}): a damaged file?",
    ),
    "reason.pdf-exited": (
        "PDF 阅读器读取时退出（退出码 {code}）：文件损坏？",
        "its PDF reader crashed on it (exit status {code}): a damaged file?",
    ),
    "reason.worker-killed": (
        "读取它的子进程被终止（{how}）",
        "the worker process reading it was killed ({how})",
    ),
    "reason.worker-ended": (
        "读取它的子进程退出（退出码 {code}）",
        "the worker process reading it ended (exit status {code})",
    ),
    "reason.dask-killed": (
        "它两次使 Dask 工作进程停止（崩溃或内存不足）；文件改变前不再读取",
        "it stopped a Dask worker twice (a crash, or out of memory); not read again until it "
        "changes",
    ),
    "reason.needs-ocr": (
        "扫描件（没有文字层）：需要文字识别：pip install 'opengovreport[ocr]'",
        "a scan (no text layer): reading it needs OCR: pip install 'opengovreport[ocr]'",
    ),
    "reason.no-pages": ("没有可读取的页面", "no page to read"),
    "reason.ocr-scan": (
        "{pages} 页的扫描件，经文字识别读取：{why}",
        "a scan of {pages} page(s) read by OCR: {why}",
    ),
}


def message(key: str, lang: str, /, **fields: object) -> str:
    """The message ``key`` of :data:`MESSAGES` in ``lang``, its fields filled."""
    check_lang(lang)
    zh, en = MESSAGES[key]
    return (zh if lang == "zh" else en).format(**fields)
