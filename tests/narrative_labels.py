"""The labelled set of T5: real narrative sentences, each with the statements a person reads in
it and their verdict against the report's own tables.

Every sentence of sections 1, 5 and 6 of every shared report and packaged example that holds a
figure with a unit T5 reads (件 起 宗 个 元 万元 %) is here, labelled by hand — most with no
statement (主动公开信息 2428 条 is not a figure of the tables; 12345热线 295 起 not a request).
A statement is ``(key, figure as printed, verdict)``; the verdict is what it is against the
tables (``ok``, ``inconsistency``, ``warning``, ``not_assessable``, ``no_cell``), and for an
``ok`` statement also what a changed figure must give: ``ok`` — its meaning is certain, a changed
figure is an inconsistency; ``ok?`` — it is not (办理, 制定, a rate, an approximate figure), a
changed figure is a warning.

Besides the shared texts, ``CASES`` holds sentences of the forms the issue quotes from real reports
(予以公开及部分公开42件, 受理749件 with 上年结转, 答复11件, 含上年结转) and the rest of the
grammar (Chinese numerals, full-width digits, 同比增长, scope words), each with the cells it is
read against.

``audit()`` compares what T5 reads with the labels, changes each figure labelled ``ok`` and
judges again, and counts: precision and recall of T5's inconsistencies
(``tools/narrative_audit.py`` prints them; the rule catalogue records them).
"""

import re
from collections.abc import Callable, Iterator
from decimal import Decimal

import attrs

import opengovreport as ogr
from opengovreport import examples
from opengovreport.checks import Verdict, verdicts

from . import narratives
from .conftest import SEED, SHARED
from .corpus_figures import HONGZE, HUAIAN, PINGTAN_ZONE, SHUYANG, Figures

Statement = tuple[str, str, str]
Sentence = tuple[str, tuple[Statement, ...]]

#: a figure with a unit T5 reads: the sentences that hold one are all labelled
FIGURE = re.compile(
    r"(?:[0-9０-９]+(?:[,.．][0-9０-９]+)*|[零〇一二两三四五六七八九十百千万]+)\s*(?:万元|元|件|起|宗|个|%|％)"
)

#: the shared texts' sentences, by file (a distinctive part of each sentence as printed)
LABELS: dict[str, tuple[Sentence, ...]] = {
    "corpus/huaian-shizhengfu-2024.txt": (
        # 新增公开 a rule: 制发, not certainly; 政策性文件 are not 规范性文件; 政策解读 21 个
        ("全年新增公开市政府规章 1 件", (("rules.issued", "1件", "ok?"),)),
        (
            "全市共受理政府信息公开申请 3119 件",
            (
                ("received", "3119件", "ok"),
                ("handled", "3050件", "ok"),
                ("carried_over", "34件", "ok"),
                ("carried_forward", "103件", "ok"),
            ),
        ),
        (
            "政府信息公开行政复议 351",
            (
                ("reconsideration", "351件", "ok"),
                ("reconsideration.upheld", "72件", "ok"),
                ("reconsideration.corrected", "64件", "ok"),
                ("reconsideration.other", "178件", "ok"),
                ("reconsideration.pending", "37件", "ok"),
                ("litigation", "46件", "ok"),
                ("litigation.upheld", "25件", "ok"),
                ("litigation.corrected", "5件", "ok"),
                ("litigation.other", "9件", "ok"),
                ("litigation.pending", "7件", "ok"),
            ),
        ),
        ("全市在运维政务新媒体共计", ()),  # 95 个 new-media accounts; 合格率 100%
        ("收取政府信息公开信息处理费 3940 元", (("processing_fee", "3940元", "no_cell"),)),
    ),
    "corpus/hongze-quzhengfu-2024.txt": (
        # the district office, not the district whose tables the report prints (95)
        ("区政府办代表区政府受理", (("received", "17件", "not_assessable"),)),
        ("收取政府信息公开信息处理费 0 元", (("processing_fee", "0元", "no_cell"),)),
    ),
    "corpus/shuyang-fagaiju-2023.txt": (
        ("全年受理网络问政182件", ()),  # online questions, not requests
        ("共收到依申请信息公开26件", (("received", "26件", "ok"),)),
        ("政协提案办理满意率为100%", ()),
    ),
    "corpus/pingtan-zongheshiyanqu-2022.crawled.txt": (
        (
            "集中公开现行有效行政规范性文件698件",
            (
                # the table's 8855698 reads many ways: it is read the one way these agree with
                ("normative_documents.in_force", "698件", "ok"),
                ("normative_documents.issued", "88件", "ok"),
            ),
        ),
        ("发布政策文件20件", ()),
        ("供气等8个领域", ()),
        (
            "全区收到政府信息公开申请75件",
            (
                # 75 = 新收 74 + 上年结转 1, and so are its applicants
                ("received", "75件", "ok"),
                ("received.natural_person", "72件", "ok"),
                ("received.commercial_enterprise", "3件", "ok"),
                ("completion", "100%", "ok?"),
            ),
        ),
        (
            "共有行政诉讼案件1件、行政复议案件2件",
            (("litigation", "1件", "ok"), ("reconsideration", "2件", "ok")),
        ),
        ("新增社保等8个便民主题", ()),
        ("对全区现存的33个政务新媒体", ()),
    ),
    "crawled/pingtan-caizhengjinrongju-2022.txt": (
        ("集中公开，公开率100%", ()),  # budgets published, not requests
        (
            "2022年共收到政府信息公开申请1件",
            (
                ("received", "1件", "ok"),
                ("handled", "1件", "ok"),
                ("completion", "100%", "ok?"),
            ),
        ),
    ),
    "crawled/pingtan-gonganju-2022.txt": (
        ("全文电子化达100%", ()),
        (
            "我局收到政府信息公开申请1件",
            (("received", "1件", "ok"), ("carried_over", "1件", "ok")),
        ),
        ("335项公安行政审批事项已100%入驻省网", ()),
        ("重点做好三个方面工作", ()),
    ),
    "crawled/pingtan-jiaotongjiansheju-2019.txt": (
        ("受理群众投诉咨询877件", ()),  # a complaints line, not requests
        ("共协调解决28件诉求件", ()),
    ),
    "crawled/pingtan-nongyenongcunju-2021.txt": (
        ("全年办件量为2922件", ()),  # the service hall and the 12345 line, not requests
        ("共收到政府信息公开申请3件", (("received", "3件", "ok"),)),
        ("政民互动等3个栏目", ()),
    ),
    "crawled/pingtan-shehuishiyeju-2021.txt": (),
    "crawled/pingtan-shichangjianguanju-2020.txt": (("解答群众关切问题约30个", ()),),
    "crawled/pingtan-xingzhengshenpiju-2023.txt": (
        (
            # 公民、法人和其他组织: every applicant, the total
            "收到公民、法人和其他组织政府信息公开申请7件",
            (
                ("received.natural_person+organisations", "7件", "ok"),
                ("handled", "7件", "ok"),
            ),
        ),
        ("网络申请3件，占43%", ()),  # how requests came in: no cell
        (
            "因依申请公开引发行政复议1起、行政诉讼1起",
            (("reconsideration", "1起", "ok"), ("litigation", "1起", "ok")),
        ),
        ("现行有效的规范性文件16件", (("normative_documents.in_force", "16件", "ok"),)),
        ("我局制定规范性文件5件", (("normative_documents.issued", "5件", "ok?"),)),
    ),
    "crawled/pingtan-ziranziyuanju-2021.txt": (
        # 办理: handled or received (both 18)
        ("办理依申请公开18件", (("handled", "18件", "ok?"),)),
    ),
    "seed": (
        ("今年共收到1件人大代表建议提案", ()),  # a deputy's proposal, not a request
        (
            "我单位共收到政府信息公开申请0件",
            (("received", "0件", "ok"), ("handled", "0件", "ok?")),
        ),
        (
            "在办结的申请中",
            (
                ("disclosed", "0件", "ok"),
                ("partially_disclosed", "0件", "ok"),
                ("withheld", "0件", "ok"),
                ("unable_to_provide", "0件", "ok"),
                ("not_processed", "0件", "ok"),
                ("other_handling", "0件", "ok"),
            ),
        ),
        ("本单位因政府信息公开被申请行政复议0件", (("reconsideration", "0件", "ok"),)),
        (
            "未经复议直接起诉0件",
            (
                ("litigation_direct", "0件", "ok"),
                ("litigation_after_reconsideration", "0件", "ok"),
            ),
        ),
        (
            "在行政诉讼案件中",
            (
                ("litigation.upheld", "0件", "ok"),
                ("litigation.corrected", "0件", "ok"),
                ("litigation.pending", "0件", "ok"),
                ("litigation.other", "0件", "ok"),
            ),
        ),
        ("重点改进以下三个方面", ()),
    ),
}

#: the packaged examples' own narratives (report JSON: their paragraphs as they are)
EXAMPLE_LABELS: dict[str, tuple[Sentence, ...]] = {
    "synthetic-2021": (
        (
            "新制发规章2件、行政规范性文件14件",
            (
                ("rules.issued", "2件", "ok"),
                ("normative_documents.issued", "14件", "ok"),
            ),
        ),
        (
            "全年新收政府信息公开申请468件",
            (
                ("received", "468件", "ok"),
                ("carried_over", "21件", "ok"),
                ("handled", "463件", "ok"),
                ("carried_forward", "26件", "ok"),
            ),
        ),
        ("清理废止行政规范性文件6件", (("normative_documents.repealed", "6件", "ok"),)),
        ("收取政府信息公开信息处理费0元", (("processing_fee", "0元", "no_cell"),)),
    ),
    "gaoqing-2020": LABELS["seed"],
}


@attrs.frozen
class Case:
    """A sentence of a form real reports print, with the cells it is read against (set on the
    synthetic example; ``agency`` for a scope) and its statements."""

    sentence: str
    cells: dict[str, int | Decimal | None]
    statements: tuple[Statement, ...]
    agency: str | None = None
    section: int = 1


CASES: tuple[Case, ...] = (
    # a combined figure (22 + 20)
    Case(
        "本年度办结的政府信息公开申请中，予以公开及部分公开42件。",
        {"requests.disclosed.total": 22, "requests.partially_disclosed.total": 20},
        (("disclosed+partially_disclosed", "42件", "ok"),),
    ),
    # 受理: 新收 713 + 上年结转 36
    Case(
        "全年共受理政府信息公开申请749件，均在法定期限内答复。",
        {"requests.new_received.total": 713, "requests.carried_over.total": 36},
        (("received", "749件", "ok"),),
    ),
    Case(
        "全年共受理政府信息公开申请749件（含上年结转36件）。",
        {"requests.new_received.total": 713, "requests.carried_over.total": 36},
        (("received", "749件", "ok"), ("carried_over", "36件", "ok")),
    ),
    Case(
        "全年共受理政府信息公开申请713件（不含上年结转）。",
        {"requests.new_received.total": 713, "requests.carried_over.total": 36},
        (("received", "713件", "ok"),),
    ),
    # 答复 is 办结
    Case(
        "对收到的政府信息公开申请，依法答复11件。",
        {"requests.total_handled.total": 11},
        (("handled", "11件", "ok"),),
    ),
    # 办结 with 含上年结转 before the figure
    Case(
        "办结政府信息公开申请（含上年结转）749件。",
        {"requests.total_handled.total": 749},
        (("handled", "749件", "ok"),),
    ),
    # Chinese numerals, full-width digits, thousands
    Case(
        "全年收到政府信息公开申请十二件，办结十件，结转下年度两件。",
        {
            "requests.new_received.total": 12,
            "requests.total_handled.total": 10,
            "requests.carried_forward.total": 2,
        },
        (
            ("received", "十二件", "ok"),
            ("handled", "十件", "ok"),
            ("carried_forward", "两件", "ok"),
        ),
    ),
    Case(
        "本年度新收政府信息公开申请７４９件。",
        {"requests.new_received.total": 749},
        (("received", "７４９件", "ok"),),
    ),
    Case(
        "全年新收政府信息公开申请3,119件。",
        {"requests.new_received.total": 3119},
        (("received", "3,119件", "ok"),),
    ),
    # approximate figures and ranges: never certain
    Case(
        "全年收到政府信息公开申请100余件。",
        {"requests.new_received.total": 120},
        (("received", "100余件", "ok?"),),
    ),
    Case(
        "全年收到政府信息公开申请约50件。",
        {"requests.new_received.total": 53},
        (("received", "约50件", "ok?"),),
    ),
    # a change from last year is not this year's figure
    Case(
        "全年收到政府信息公开申请749件，同比增长12%，同比增加80件。",
        {"requests.new_received.total": 749},
        (
            ("received", "749件", "ok"),
            ("received", "12%", "not_assessable"),
            ("received", "80件", "not_assessable"),
        ),
    ),
    # 其中 breakdowns: rows, applicants, results of table 4
    Case(
        "全年新收政府信息公开申请80件，其中自然人申请70件，法人或其他组织申请10件。",
        {
            "requests.new_received.total": 80,
            "requests.new_received.natural_person": 70,
            "requests.new_received.commercial_enterprise": 6,
            "requests.new_received.research_institution": 0,
            "requests.new_received.public_interest_org": 0,
            "requests.new_received.legal_service_org": 0,
            "requests.new_received.other_org": 4,
        },
        (
            ("received", "80件", "ok"),
            ("received.natural_person", "70件", "ok"),
            ("received.organisations", "10件", "ok"),
        ),
    ),
    Case(
        "被申请行政复议5件，其中结果维持3件，结果纠正1件，尚未审结1件。",
        {
            "appeals.reconsideration.total": 5,
            "appeals.reconsideration.upheld": 3,
            "appeals.reconsideration.corrected": 1,
            "appeals.reconsideration.other": 0,
            "appeals.reconsideration.pending": 1,
        },
        (
            ("reconsideration", "5件", "ok?"),  # of what? no word of 信息公开 in the sentence
            ("reconsideration.upheld", "3件", "ok?"),
            ("reconsideration.corrected", "1件", "ok?"),
            ("reconsideration.pending", "1件", "ok?"),
        ),
    ),
    # scope: another body, another level, another period, another year
    Case(
        "各部门共收到政府信息公开申请500件。",
        {"requests.new_received.total": 20},
        (("received", "500件", "not_assessable"),),
    ),
    Case(
        "全市共收到政府信息公开申请3000件，我局收到政府信息公开申请20件。",
        {"requests.new_received.total": 20},
        (("received", "3000件", "not_assessable"), ("received", "20件", "ok")),
        agency="示例市教育局",
    ),
    Case(
        "上半年收到政府信息公开申请300件。",
        {"requests.new_received.total": 468},
        (("received", "300件", "not_assessable"),),
    ),
    Case(
        "2022年收到政府信息公开申请400件，2023年收到政府信息公开申请468件。",
        {"requests.new_received.total": 468},
        (("received", "400件", "not_assessable"), ("received", "468件", "ok")),
    ),
    # fees: 行政事业性收费 is table 2's; the processing fee has no cell
    Case(
        "全年收取行政事业性收费7545万元。",
        {"disclosure.item8.fees.amount": Decimal("7545")},
        (("fees", "7545万元", "ok"),),
    ),
    Case(
        "全年收取政府信息公开信息处理费3940元。",
        {},
        (("processing_fee", "3940元", "no_cell"),),
        section=6,
    ),
    # stated rates against the indicators
    Case(
        "全年办结政府信息公开申请50件，办结率100%，予以公开率为40%。",
        {
            "requests.new_received.total": 45,
            "requests.carried_over.total": 5,
            "requests.total_handled.total": 50,
            "requests.disclosed.total": 20,
        },
        (
            ("handled", "50件", "ok"),
            ("completion", "100%", "ok?"),
            ("disclosed_rate", "40%", "ok?"),
        ),
    ),
    # table 2's documents and decisions
    Case(
        "本年度制发规章1件、行政规范性文件5件，现行有效行政规范性文件20件，作出行政许可决定300件。",
        {
            "disclosure.item1.rules.issued": 1,
            "disclosure.item1.normative_documents.issued": 5,
            "disclosure.item1.normative_documents.in_force": 20,
            "disclosure.item5.licensing.decisions": 300,
        },
        (
            ("rules.issued", "1件", "ok"),
            ("normative_documents.issued", "5件", "ok"),
            ("normative_documents.in_force", "20件", "ok"),
            ("licensing", "300件", "ok"),
        ),
    ),
    # a blank cell: not assessable
    Case(
        "上年结转政府信息公开申请3件。",
        {"requests.carried_over.total": None},
        (("carried_over", "3件", "not_assessable"),),
    ),
)


# --- the reports the sentences are read against ------------------------------------------------

_FIGURES: dict[str, Figures] = {
    f"corpus/{f.file}": f for f in (HUAIAN, HONGZE, SHUYANG, PINGTAN_ZONE)
}


def shared_reports() -> Iterator[tuple[str, ogr.Report, tuple[Sentence, ...]]]:
    """Each shared text's report (its tables as printed, its narrative split by hand) and its
    labels; nothing when the shared folder is absent."""
    for name, labels in LABELS.items():
        if name == "seed":
            path, report = SEED, examples.load("gaoqing-2020")
        elif name in _FIGURES:
            path, report = SHARED / name, _FIGURES[name].report()
        else:
            path = SHARED / "corpus" / name
            truth = path.with_name(path.name.replace(".txt", ".truth.json"))
            if not truth.exists():
                continue
            report = narratives.truth_report(truth)
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        yield name, narratives.with_narrative(report, narratives.sections(text)), labels


def example_reports() -> Iterator[tuple[str, ogr.Report, tuple[Sentence, ...]]]:
    for name, labels in EXAMPLE_LABELS.items():
        yield name, examples.load(name), labels


def case_report(case: Case) -> ogr.Report:
    base = examples.load("synthetic-2021")
    for path, value in case.cells.items():
        base = base.with_cell(path, value)
    if case.agency is not None:
        base = attrs.evolve(base, meta=attrs.evolve(base.meta, agency=case.agency))
    return narratives.with_narrative(base, {case.section: case.sentence})


def case_reports() -> Iterator[tuple[str, ogr.Report, tuple[Sentence, ...]]]:
    for i, case in enumerate(CASES):
        yield f"case {i + 1}", case_report(case), ((case.sentence, case.statements),)


# --- comparing and counting --------------------------------------------------------------------


def sentences_with_figures(report: ogr.Report) -> list[str]:
    """Every sentence of the report's narrative that holds a figure with a unit T5 reads."""
    out = []
    for section in (report.overview, report.problems, report.other_matters):
        for paragraph in section.paragraphs:
            out += [s for s in narratives.sentences(paragraph) if FIGURE.search(s)]
    return out


def read(report: ogr.Report) -> list[Verdict]:
    return list(verdicts(report))


def compare(
    report: ogr.Report, labels: tuple[Sentence, ...]
) -> list[tuple[str, Statement | None, Verdict | None]]:
    """Each labelled statement against what T5 read, in order: ``(sentence, label, verdict)``;
    a statement T5 read that is not labelled comes with ``label`` None, a labelled one it did not
    read with ``verdict`` None."""
    found = read(report)
    out: list[tuple[str, Statement | None, Verdict | None]] = []
    used: set[int] = set()
    for part, statements in labels:
        mine = [
            (i, v) for i, v in enumerate(found) if part in v.statement.sentence and i not in used
        ]
        for label in statements:
            key, printed, _ = label
            match = next(
                (
                    (i, v)
                    for i, v in mine
                    if i not in used
                    and v.statement.key == key
                    and v.statement.printed == printed.replace(" ", "")
                ),
                None,
            )
            if match is None:
                out.append((part, label, None))
            else:
                used.add(match[0])
                out.append((part, label, match[1]))
    for i, v in enumerate(found):
        if i not in used:
            out.append((v.statement.sentence, None, v))
    return out


def expected(label: Statement, changed: bool = False) -> str:
    verdict = label[2]
    if verdict == "ok?":
        return "warning" if changed else "ok"
    if verdict == "ok" and changed:
        return "inconsistency"
    return verdict


def changed_figure(report: ogr.Report, verdict: Verdict) -> tuple[ogr.Report, int] | None:
    """``report`` with the figure of ``verdict``'s statement changed in its sentence, to one no
    reading of it gives, and the new figure; ``None`` when its words cannot be found."""
    s = verdict.statement
    taken = {v for _, v in verdict.values}
    number = re.search(r"[0-9０-９][0-9０-９,.]*|[零〇一二两三四五六七八九十百千万]+", s.printed)
    if number is None:
        return None
    new = 10 * int(s.figure) + 17  # beyond an approximate figure's bounds too
    while new in taken:
        new += 17
    at = s.text.rfind(number.group())
    if at < 0:
        return None
    text = s.text[:at] + str(new) + s.text[at + len(number.group()) :]
    sentence = s.sentence.replace(s.text, text, 1)
    for key in ("overview", "problems", "other_matters"):
        section = getattr(report, key)
        blocks = list(section.blocks)
        for k, block in enumerate(blocks):
            if isinstance(block, ogr.Paragraph) and s.sentence in block.text:
                blocks[k] = ogr.Paragraph(block.text.replace(s.sentence, sentence, 1))
                changed = attrs.evolve(section, blocks=tuple(blocks))
                return attrs.evolve(report, **{key: changed}), new
    return None


@attrs.frozen
class Audit:
    """What comparing T5 with the labels gave."""

    #: statements labelled, and those T5 read with the labelled verdict
    labelled: int
    agreed: int
    #: every disagreement, for the test's message
    disagreements: tuple[str, ...]
    #: T5's inconsistencies: right, wrong (false alarms), and the labelled ones it missed
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        labelled = self.true_positives + self.false_negatives
        return self.true_positives / labelled if labelled else 1.0


def audit(sources: Callable[[], Iterator[tuple[str, ogr.Report, tuple[Sentence, ...]]]]) -> Audit:
    """Compare T5 with the labels of ``sources``' reports, as printed and with each figure
    labelled ``ok`` changed; count the inconsistencies."""
    labelled = agreed = tp = fp = fn = 0
    wrong: list[str] = []

    def count(name: str, part: str, want: str, got: str | None) -> None:
        nonlocal agreed, tp, fp, fn
        if want == got:
            agreed += 1
        else:
            wrong.append(f"{name}: 「{part[:40]}」 expected {want}, T5 read {got}")
        if got == "inconsistency":
            if want == "inconsistency":
                tp += 1
            else:
                fp += 1
        elif want == "inconsistency":
            fn += 1

    for name, report, labels in sources():
        for part, label, verdict in compare(report, labels):
            got = verdict.status if verdict is not None else None
            if label is None:  # read where nothing is labelled
                count(name, part, "nothing", got)
                continue
            labelled += 1
            count(name, part, expected(label), got)
            if label[2] not in ("ok", "ok?"):
                continue
            labelled += 1
            want = expected(label, changed=True)
            changed = changed_figure(report, verdict) if verdict is not None else None
            if changed is None:
                count(name, f"{part} (changed)", want, None)
                continue
            again = [
                v
                for v in read(changed[0])
                if v.statement.key == label[0] and v.statement.figure == changed[1]
            ]
            count(name, f"{part} (changed)", want, again[0].status if again else None)
    return Audit(labelled, agreed, tuple(wrong), tp, fp, fn)


def all_sources() -> Iterator[tuple[str, ogr.Report, tuple[Sentence, ...]]]:
    yield from shared_reports()
    yield from example_reports()
    yield from case_reports()


def figures_line(audit: Audit) -> str:
    """The audit's figures in one line, as the rule catalogue records them."""
    found, labelled = (
        audit.true_positives + audit.false_positives,
        audit.true_positives + (audit.false_negatives),
    )
    return (
        f"{audit.labelled} statements labelled, {audit.agreed} read as labelled; "
        f"inconsistencies: precision {100 * audit.precision:.1f}% "
        f"({audit.true_positives} of {found} found), recall {100 * audit.recall:.1f}% "
        f"({audit.true_positives} of {labelled} labelled)"
    )
