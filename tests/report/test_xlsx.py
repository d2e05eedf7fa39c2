"""The compliance matrix workbook, read back with openpyxl and compared cell by cell on the fixed sample."""

from __future__ import annotations

import io
from dataclasses import replace
from typing import Any

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from align.labels import Lang
from align.report import Format, render_bytes, xlsx

from ..sample import sample_result

TITLE_1_1 = ("พัฒนาระบบบริการออนไลน์ให้ประชาชนยื่นคำขอและติดตามสถานะผ่านแอปพลิเคชันได้ตลอดยี่สิบสี่ชั่วโมง"
             "โดยเชื่อมโยงข้อมูลระหว่างหน่วยงานในสังกัดกรุงเทพมหานคร")


def _book(lang: Lang = Lang.EN) -> Workbook:
    return load_workbook(io.BytesIO(xlsx.render(sample_result(), lang)))


def _rows(book: Workbook, name: str, first: int = 1) -> list[tuple[Any, ...]]:
    return list(book[name].iter_rows(min_row=first, values_only=True))


def test_sheets_in_reading_order() -> None:
    assert _book().sheetnames == ["Summary", "dg-test", "de-test", "Findings", "Links", "Objectives", "Plan"]
    assert _book(Lang.TH).sheetnames == ["สรุปผล", "dg-test", "de-test", "ข้อสังเกต", "ความเชื่อมโยง", "วัตถุประสงค์",
                                         "แผน"]


def test_matrix_has_objectives_as_rows_strategies_as_columns_grade_and_score_in_cells() -> None:
    book = _book()
    assert _rows(book, "dg-test", 3) == [
        ("ID", "Objective", "Status", "Strategy 1\nยกระดับบริการภาครัฐด้วยระบบดิจิทัล",
         "Strategy 2\nส่งเสริมการเปิดเผยข้อมูลภาครัฐ", "Strategy 3\nพัฒนาทักษะดิจิทัลของบุคลากรภาครัฐ"),
        ("1.1", TITLE_1_1, "aligned", "✓ strong 0.42", 0.08, 0),
        ("1.2", "เปิดเผยข้อมูลสาธารณะในรูปแบบที่เครื่องอ่านได้", "weak", 0, "weak 0.21", 0),
        ("2.1", "ขุดลอกคูคลองเพื่อป้องกันน้ำท่วม", "unaligned", 0.02, 0, 0),
        (None, "Coverage", None, "strong", "weak", "nobody (gap)"),
    ]
    assert _rows(book, "de-test", 4)[1] == ("1.2", "เปิดเผยข้อมูลสาธารณะในรูปแบบที่เครื่องอ่านได้", "weak",
                                            "✓ none 0.05", 0)
    sheet = book["dg-test"]
    assert sheet.freeze_panes == "D4"
    assert sheet["D4"].fill.fgColor.rgb == "00C6EFCE"  # strong: green
    assert book["de-test"]["D5"].fill.fgColor.rgb == "00FFC7CE"  # declared but unsupported: red
    assert sheet["E4"].number_format == "0.00"


def test_matrix_in_thai() -> None:
    rows = _rows(_book(Lang.TH), "dg-test", 3)
    assert rows[0][:4] == ("รหัส", "วัตถุประสงค์", "สถานะ", "ยุทธศาสตร์ 1\nยกระดับบริการภาครัฐด้วยระบบดิจิทัล")
    assert rows[1][2:4] == ("สอดคล้อง", "✓ สอดคล้องมาก 0.42")
    assert rows[-1][3:] == ("สอดคล้องมาก", "สอดคล้องน้อย", "ยังไม่มี (ช่องว่าง)")


def test_summary_findings_and_links() -> None:
    book = _book(Lang.TH)
    summary = {row[0]: row[1] for row in _rows(book, "สรุปผล") if row[0]}
    assert summary["ผลการตรวจ"] == "ไม่ผ่าน"
    assert summary["ระยะเวลาของแผน"] == "พ.ศ. 2566–2570"
    assert summary["dg-test"] == "แผน dg-test"
    findings = _rows(book, "ข้อสังเกต")
    assert findings[0] == ("ประเภท", "ความรุนแรง", "เรื่อง", "เชื่อมโยงกับ", "รายละเอียด", "ทำให้ไม่ผ่าน", "บรรทัด")
    assert findings[3] == ("ไม่สอดคล้องกับยุทธศาสตร์ใด", "ข้อผิดพลาด", "2.1", None,
                           "ไม่สอดคล้องกับยุทธศาสตร์ใดของ dg-test, de-test (ไม่มีความเชื่อมโยงใดถึงระดับสอดคล้องน้อย)",
                           "ใช่", 10)
    links = _rows(book, "ความเชื่อมโยง")
    assert links[1] == ("1.1", "dg-test", "dg-test:1", "1", 0.42, "สอดคล้องมาก", "ใช่",
                        "ระบบ บริการ; ออนไลน์ [มาตรการ 1.1]; บริการ")
    assert book["ความเชื่อมโยง"].auto_filter.ref == "A1:H18"


def test_plan_sheets_hold_the_plan_itself() -> None:
    book = _book()
    assert _rows(book, "Objectives") == [
        ("ID", "Objective", "Description", "Source", "Declared links"),
        ("1.1", TITLE_1_1, "ลดการเดินทางมาติดต่อสำนักงานเขต", None, "dg-test:1"),
        ("1.2", "เปิดเผยข้อมูลสาธารณะในรูปแบบที่เครื่องอ่านได้", None, None, "de-test:1"),
        ("2.1", "ขุดลอกคูคลองเพื่อป้องกันน้ำท่วม", None, None, None),
    ]
    assert _rows(book, "Plan") == [("Plan ID", "test-plan"), ("Plan title", "แผนทดสอบ"), ("Owner", None),
                                   ("First year (A.D.)", 2023), ("Last year (A.D.)", 2027),
                                   ("Frameworks", "dg-test, de-test"), ("Source", None)]


def test_plan_text_is_never_a_formula() -> None:
    result = sample_result()
    objective = replace(result.objectives[0], objective=replace(result.objectives[0].objective,
                                                                title='=HYPERLINK("http://x","คลิก")'))
    data = render_bytes([replace(result, objectives=(objective, *result.objectives[1:]))], Format.XLSX)
    cell = load_workbook(io.BytesIO(data))["dg-test"]["B4"]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://x","คลิก")', "s")
