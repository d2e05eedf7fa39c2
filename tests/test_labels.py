"""Labels and messages in English and Thai: complete, with matching placeholders, Thai where Thai is due."""

from __future__ import annotations

import re

import pytest

from align.kinds import Severity
from align.labels import GRADE, OUTCOME, SEVERITY, STATUS, TEXT, Labels, Lang, placeholders
from align.result import Grade, Outcome, Status

from .sample import sample_result

THAI = re.compile("[\u0e00-\u0e7f]")


@pytest.mark.parametrize("key", sorted(TEXT))
def test_both_languages_take_the_same_placeholders(key: str) -> None:
    english, thai = TEXT[key]
    assert placeholders(english) == placeholders(thai), key


@pytest.mark.parametrize("key", sorted(TEXT))
def test_every_thai_label_is_written_in_thai(key: str) -> None:
    english, thai = TEXT[key]
    assert english.strip() and thai.strip()
    assert THAI.search(thai), f"{key}: {thai!r} has no Thai"


def test_every_enum_member_has_a_label_in_both_languages() -> None:
    for table, members in ((GRADE, Grade), (STATUS, Status), (OUTCOME, Outcome), (SEVERITY, Severity)):
        assert set(table) == set(members)
        for english, thai in table.values():  # type: ignore[attr-defined]
            assert english and THAI.search(thai)


def test_labels_pick_the_language() -> None:
    assert Labels(Lang.EN)("summary") == "Summary"
    assert Labels(Lang.TH)("summary") == "สรุปผล"
    assert Labels(Lang.TH)("coverage.strong", strong=1, total=3) == "รองรับชัดเจน 1 จาก 3 ยุทธศาสตร์"


def test_thai_period_is_in_buddhist_era() -> None:
    assert Labels(Lang.TH).period((2023, 2027)) == "พ.ศ. 2566–2570"
    assert Labels(Lang.EN).period((2023, 2027)) == "2023–2027"


def test_english_findings_keep_the_assessed_message() -> None:
    result = sample_result()
    assert [Labels(Lang.EN).finding(f) for f in result.findings] == [f.message for f in result.findings]


def test_thai_findings_are_composed_from_the_finding() -> None:
    result = sample_result()
    messages = [Labels(Lang.TH).finding(f) for f in result.findings]
    assert messages == [
        "ความเชื่อมโยงที่ดีที่สุดคือ dg-test:2 (คะแนน 0.21) ซึ่งยังสอดคล้องน้อย",
        "แผนระบุว่าสอดคล้องกับ de-test:1 แต่ข้อความไม่สนับสนุน (คะแนน 0.05)",
        "ไม่สอดคล้องกับยุทธศาสตร์ใดของ dg-test, de-test (ไม่มีความเชื่อมโยงใดถึงระดับสอดคล้องน้อย)",
        "ยังไม่มีวัตถุประสงค์ใดรองรับ dg-test:3 พัฒนาทักษะดิจิทัลของบุคลากรภาครัฐ",
        "ยังไม่มีวัตถุประสงค์ใดรองรับ de-test:2 สร้างสังคมดิจิทัลที่มีคุณภาพ",
    ]
