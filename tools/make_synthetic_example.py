"""Write the synthetic 2021-edition example, ``examples/synthetic-2021.json``.

The agency, text and figures are invented. Every table 3 row has non-zero figures, the totals are
computed by the builders, so every identity of the format holds. Run from the repository root:

    python tools/make_synthetic_example.py
"""

from decimal import Decimal
from pathlib import Path

import attrs

import opengovreport as ogr
from opengovreport import builders
from opengovreport.model import Contact, Heading, Meta, Paragraph, Section

OUT = Path(__file__).resolve().parent.parent / "src/opengovreport/examples/synthetic-2021.json"

AGENCY = "示例市人民政府"
YEAR = 2023

ROWS: dict[str, tuple[int, int, int, int, int, int]] = {
    "new_received": (412, 37, 3, 2, 9, 5),
    "carried_over": (18, 2, 0, 1, 0, 0),
    "disclosed": (163, 15, 1, 1, 4, 2),
    "partially_disclosed": (41, 6, 1, 0, 1, 0),
    "withheld.state_secret": (2, 0, 0, 0, 0, 0),
    "withheld.prohibited_by_law": (5, 1, 0, 0, 0, 0),
    "withheld.endangers_security": (3, 0, 0, 0, 0, 0),
    "withheld.third_party_rights": (7, 2, 0, 0, 1, 0),
    "withheld.internal_affairs": (6, 0, 0, 0, 0, 1),
    "withheld.process_information": (9, 1, 0, 0, 0, 0),
    "withheld.enforcement_files": (4, 0, 0, 0, 1, 0),
    "withheld.administrative_inquiry": (12, 1, 0, 0, 0, 0),
    "unable_to_provide.not_held": (71, 5, 1, 1, 1, 1),
    "unable_to_provide.needs_creation": (8, 1, 0, 0, 0, 0),
    "unable_to_provide.unclear_after_correction": (5, 0, 0, 0, 0, 0),
    "not_processed.petition_complaint": (14, 1, 0, 0, 0, 0),
    "not_processed.repeated": (11, 0, 0, 0, 1, 0),
    "not_processed.publications": (2, 0, 0, 0, 0, 0),
    "not_processed.mass_repeated": (6, 0, 0, 0, 0, 0),
    "not_processed.confirm_obtained": (3, 1, 0, 0, 0, 0),
    "other_handling.overdue_correction": (13, 2, 0, 0, 0, 1),
    "other_handling.overdue_fee": (2, 0, 0, 0, 0, 0),
    "other_handling.other": (19, 1, 0, 1, 0, 0),
}

DISCLOSURE = {
    "item1.rules.issued": 2,
    "item1.rules.repealed": 1,
    "item1.rules.in_force": 37,
    "item1.normative_documents.issued": 14,
    "item1.normative_documents.repealed": 6,
    "item1.normative_documents.in_force": 128,
    "item5.licensing.decisions": 52316,
    "item6.penalties.decisions": 8745,
    "item6.coercion.decisions": 312,
    "item8.fees.amount": Decimal("4068.208"),
}


def main() -> None:
    report = builders.new_report(AGENCY, YEAR)
    meta = Meta(
        agency=AGENCY,
        year=YEAR,
        title=f"{AGENCY}{YEAR}年政府信息公开工作年度报告",
        front_matter=(
            f"本报告由{AGENCY}办公室根据《中华人民共和国政府信息公开条例》（以下简称《条例》）"
            f"要求编制。报告所列统计期限自{YEAR}年1月1日至{YEAR}年12月31日。本报告为示例，"
            "机关、文字和数据均为虚构。",
        ),
        # printed in the standard sentence after the front matter (如对本报告有疑问，请与…联系)
        contact=Contact(
            office=f"{AGENCY}办公室",
            address="示例市示例路1号",
            postcode="000000",
            phone="010-00000000",
            email="gongkai@example.org",
        ),
        closing=(AGENCY, f"{YEAR + 1}年3月1日"),
    )
    overview = Section(
        report.overview.heading,
        (
            Paragraph(f"{YEAR}年，{AGENCY}认真落实《条例》各项规定，政务公开工作有序推进。"),
            Heading("（一）主动公开"),
            Paragraph("全年主动公开政府信息3200余条，新制发规章2件、行政规范性文件14件。"),
            Heading("（二）依申请公开"),
            Paragraph("全年新收政府信息公开申请468件，上年结转21件，办结463件，结转下年度26件。"),
            Heading("（三）政府信息管理"),
            Paragraph("建立公开属性源头认定机制，全年清理废止行政规范性文件6件。"),
            Heading("（四）政府信息公开平台建设"),
            Paragraph("优化政府网站政务公开专栏，完善政策文件库。"),
            Heading("（五）监督保障"),
            Paragraph("开展政务公开业务培训4次，将政务公开纳入年度考核。"),
        ),
    )
    problems = Section(
        report.problems.heading,
        (
            Paragraph("一是政策解读形式仍较单一；二是基层政务公开标准化规范化水平有待提高。"),
            Paragraph("下一步，将丰富政策解读形式，加强对基层的业务指导。"),
        ),
    )
    other = Section(
        report.other_matters.heading,
        (Paragraph(f"{YEAR}年，本机关收取政府信息公开信息处理费0元。"),),
    )
    report = attrs.evolve(
        report,
        meta=meta,
        overview=overview,
        disclosure=builders.disclosure_table(ogr.Edition.E2021, DISCLOSURE),
        requests=builders.requests_table(ROWS),
        appeals=builders.appeals_table((9, 2, 3, 1), (4, 1, 1, 2), (2, 0, 1, 1)),
        problems=problems,
        other_matters=other,
    )
    OUT.write_text(ogr.dumps(report) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
