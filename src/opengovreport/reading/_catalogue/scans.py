"""The diagnostics about scans read by OCR: pages, cells unsure or repaired, identities the
values read break."""

from ._kind import INFO, WARNING, DiagnosticKind, kind_of

__all__ = ["KINDS"]

KINDS: tuple[DiagnosticKind, ...] = (
    kind_of(
        "ocr",
        INFO,
        "扫描件（没有文字层的PDF或图片），经光学字符识别（OCR）读取。",
        "A scan (a PDF without a text layer, or an image) read by OCR.",
        usual=(
            "经OCR读取 {count} 页（{engine}）；以高置信度读出的单元格按原样读取，其余按勾稽关系修复或留空",
            "{count} page(s) read by OCR ({engine}); cells read with high confidence are kept, the others repaired by the identities or left blank",
        ),
    ),
    kind_of(
        "ocr-turned",
        INFO,
        "扫描页横置、倒置或歪斜，读取前已转正。",
        "A scanned page on its side, upside down or skewed was turned upright before it was read.",
        usual=(
            "第 {page} 页转正：旋转 {turned}°，纠偏 {skew}°",
            "page {page} turned upright: rotated {turned}°, skew {skew}° taken out",
        ),
    ),
    kind_of(
        "ocr-repaired",
        WARNING,
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
    kind_of(
        "ocr-unsure",
        WARNING,
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
    kind_of(
        "ocr-unbalanced",
        WARNING,
        "以高置信度读出的单元格不符合勾稽关系：其中可能有OCR误读（或报告本身有误，由核对指出）。",
        "Cells read by OCR with high confidence break an identity: one of them may be misread "
        "(or the report is wrong; the checks name the break).",
        usual=(
            "{where}：OCR读出的数值不符合勾稽关系 {rule}，其中可能有误读",
            "{where}: the values read by OCR break the identity {rule}; one of them may be misread",
        ),
    ),
)
