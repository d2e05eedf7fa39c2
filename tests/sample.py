"""One fixed check result in Thai, built by hand, that every planner-facing reporter is compared on.

Two frameworks; objective 1.1 links strongly and declares it, 1.2 is weak and declares a link its text does
not support, 2.1 (dredging canals) serves nothing; dg-test:3 and de-test:2 are gaps.
"""

from __future__ import annotations

from pathlib import Path

from align.kinds import FindingKind
from align.model import ItemRef, ObjectiveId
from align.result import CheckResult, Finding, Outcome

from .conftest import build_result, make_framework, make_item, make_objective, make_plan

PLAN_PATH = Path("plan/test.yaml")

DG = make_framework(
    "dg-test",
    make_item("1", "ยกระดับบริการภาครัฐด้วยระบบดิจิทัล",
              make_item("1.1", "พัฒนาระบบบริการออนไลน์แบบเบ็ดเสร็จ"),
              make_item("1.2", "ยืนยันตัวตนทางดิจิทัล"), title_en="Digital public services"),
    make_item("2", "ส่งเสริมการเปิดเผยข้อมูลภาครัฐ"),
    make_item("3", "พัฒนาทักษะดิจิทัลของบุคลากรภาครัฐ"),
)
DE = make_framework(
    "de-test",
    make_item("1", "พัฒนาโครงสร้างพื้นฐานดิจิทัลประสิทธิภาพสูง"),
    make_item("2", "สร้างสังคมดิจิทัลที่มีคุณภาพ"),
)

OBJECTIVES = (
    make_objective("1.1", "พัฒนาระบบบริการออนไลน์ให้ประชาชนยื่นคำขอและติดตามสถานะผ่านแอปพลิเคชันได้ตลอดยี่สิบสี่ชั่วโมง"
                   "โดยเชื่อมโยงข้อมูลระหว่างหน่วยงานในสังกัดกรุงเทพมหานคร", "dg-test:1",
                   description="ลดการเดินทางมาติดต่อสำนักงานเขต"),
    make_objective("1.2", "เปิดเผยข้อมูลสาธารณะในรูปแบบที่เครื่องอ่านได้", "de-test:1"),
    make_objective("2.1", "ขุดลอกคูคลองเพื่อป้องกันน้ำท่วม"),
)

SCORES = {
    ("1.1", "dg-test:1"): (0.42, ("ระบบ บริการ", "ออนไลน์@1.1", "บริการ")),
    ("1.1", "dg-test:1.1"): (0.38, ("บริการ", "ออนไลน์")),
    ("1.1", "dg-test:2"): (0.08, ("ข้อมูล",)),
    ("1.1", "de-test:1"): (0.18, ("ดิจิทัล",)),
    ("1.2", "dg-test:2"): (0.21, ("เปิดเผย ข้อมูล", "ข้อมูล")),
    ("1.2", "de-test:1"): (0.05, ()),
    ("2.1", "dg-test:1"): (0.02, ()),
}

READINGS = {"1.1": (("r:service", "ระบบบริการออนไลน์"), ("b:citizens", "ประชาชน"))}
"""The planner's reading align would give 1.1: an online service, for citizens."""


def _finding(kind: FindingKind, subject: str, ref: str | None = None, fails: bool = False, /,
             **values: str) -> Finding:
    objective = ObjectiveId(subject) if ":" not in subject else None
    return Finding(kind, subject, tuple(values.items()), PLAN_PATH if objective else None,
                   10 if objective else None, objective, ItemRef.parse(ref) if ref else None, fails)


FINDINGS = (
    _finding(FindingKind.WEAK_LINK, "1.2", "dg-test:2", target="dg-test:2", score="0.21"),
    _finding(FindingKind.UNSUPPORTED_LINK, "1.2", "de-test:1", target="de-test:1", score="0.05"),
    _finding(FindingKind.UNALIGNED, "2.1", None, True, frameworks="dg-test, de-test"),
    _finding(FindingKind.GAP, "dg-test:3", "dg-test:3", target="dg-test:3", title="พัฒนาทักษะดิจิทัลของบุคลากรภาครัฐ"),
    _finding(FindingKind.GAP, "de-test:2", "de-test:2", target="de-test:2", title="สร้างสังคมดิจิทัลที่มีคุณภาพ"),
)


def sample_result() -> CheckResult:
    """The fixed result."""
    plan = make_plan(*OBJECTIVES, frameworks=("dg-test", "de-test"))
    return build_result(plan, (DG, DE), SCORES, FINDINGS, Outcome.FAILED, readings=READINGS)
