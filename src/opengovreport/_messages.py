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
}


def message(key: str, lang: str, /, **fields: object) -> str:
    """The message ``key`` of :data:`MESSAGES` in ``lang``, its fields filled."""
    check_lang(lang)
    zh, en = MESSAGES[key]
    return (zh if lang == "zh" else en).format(**fields)
