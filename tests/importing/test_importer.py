"""align import: a planner's sheet becomes a plan that validates; every problem names its row and column."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from align import calendar
from align.errors import AlignError
from align.importing import headers, importer
from align.importing.importer import ImportOptions
from align.labels import Labels, Lang
from align.loading.plans import load_plan
from align.model import FrameworkId, ItemRef, Objective, ObjectiveId, Plan
from align.report import xlsx

from ..conftest import build_result
from ..sample import DE, DG, sample_result

FRAMEWORKS = {DG.id: DG, DE.id: DE}
OPTIONS = ImportOptions(title="แผนปฏิบัติราชการสำนักงานเขต", period=(2023, 2027))

CSV = """\
แผนปฏิบัติราชการสำนักงานเขต พ.ศ. 2566-2570,,,,
,,,,
ลำดับ,วัตถุประสงค์,รายละเอียด,dg-test,งบประมาณ (บาท)
1,พัฒนาระบบบริการออนไลน์,"ให้ประชาชนยื่นคำขอ
และติดตามสถานะได้เอง","1, 1.1","100,000"
2,เปิดเผยข้อมูลสาธารณะ,,2,5000
"""


def _errors(path: Path, options: ImportOptions = OPTIONS, lang: Lang = Lang.EN) -> list[str]:
    with pytest.raises(AlignError) as error:
        importer.import_plan(path, FRAMEWORKS, options, Labels(lang), default_id="khet")
    return error.value.lines()


def _write_csv(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "plan.csv"
    path.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp874"])
def test_thai_csv_becomes_a_plan(tmp_path: Path, encoding: str) -> None:
    path = _write_csv(tmp_path, CSV, encoding)
    imported = importer.import_plan(path, FRAMEWORKS, OPTIONS, default_id="khet")
    assert imported.plan == Plan(
        id="khet",
        title="แผนปฏิบัติราชการสำนักงานเขต",
        period=(2023, 2027),
        frameworks=(FrameworkId("dg-test"),),
        objectives=(
            Objective(ObjectiveId("1"), "พัฒนาระบบบริการออนไลน์", "ให้ประชาชนยื่นคำขอ\nและติดตามสถานะได้เอง",
                      aligns_with=(ItemRef.parse("dg-test:1"), ItemRef.parse("dg-test:1.1"))),
            Objective(ObjectiveId("2"), "เปิดเผยข้อมูลสาธารณะ", aligns_with=(ItemRef.parse("dg-test:2"),)),
        ),
    )
    assert imported.header_row == 3
    assert imported.table.encoding == encoding
    assert imported.warnings == ("columns not imported (align has no field for them): E (งบประมาณ (บาท))",)


def test_written_plan_file_validates_and_loads_back(tmp_path: Path) -> None:
    imported = importer.import_plan(_write_csv(tmp_path, CSV), FRAMEWORKS, OPTIONS, default_id="khet")
    text = importer.to_yaml(imported)
    assert text.startswith("# Imported by `align import` from plan.csv (utf-8).\nplan:\n  id: khet\n")
    out = tmp_path / "khet.yaml"
    out.write_text(text, encoding="utf-8")
    assert load_plan(out) == imported.plan


def test_problems_are_reported_by_row_and_column_all_at_once(tmp_path: Path) -> None:
    path = _write_csv(tmp_path, """\
ID,Objective,Declared links
1,พัฒนาระบบ,dg-test:9
1,ซ้ำ,
,ไม่มีรหัส,ยุทธศาสตร์ที่1
4,,dg-test:2
5,เชื่อมโยงแผนอื่น,xx-1:1
""")
    assert _errors(path) == [
        f"{path}:2: row 2, column C (Declared links): 'dg-test:9' names no item '9' in dg-test",
        f"{path}:3: row 3, column A (ID): duplicate id '1' (first in row 2)",
        f"{path}:4: row 4, column A (ID): id is empty",
        f"{path}:4: row 4, column C (Declared links): 'ยุทธศาสตร์ที่1' is not a link: write "
        "'<framework id>:<item id>', e.g. 'dg-2566-2570:2'",
        f"{path}:5: row 5, column B (Objective): title is empty",
        f"{path}:6: row 6, column C (Declared links): 'xx-1:1' names unknown framework 'xx-1' "
        "(available: de-test, dg-test)",
    ]


def test_problems_are_reported_in_thai(tmp_path: Path) -> None:
    path = _write_csv(tmp_path, "รหัส,วัตถุประสงค์\n1,\n")
    assert _errors(path, lang=Lang.TH) == [f"{path}:2: แถว 2 คอลัมน์ B (วัตถุประสงค์): ไม่มีชื่อวัตถุประสงค์"]


def test_plan_details_missing_are_all_named(tmp_path: Path) -> None:
    path = _write_csv(tmp_path, "id,title\n1,พัฒนาระบบ\n")
    with pytest.raises(AlignError) as error:
        importer.import_plan(path, FRAMEWORKS, ImportOptions())
    assert error.value.lines() == [
        f"{path}: plan: the plan has no id: give --id, or --output plan/<id>.yaml",
        f"{path}: plan: the plan has no title: give --title, or a 'Plan' sheet with a title row",
        f"{path}: plan: the plan has no period: give --period, e.g. 2566-2570 (B.E.) or 2023-2027",
        f"{path}: plan: the plan names no framework and no row declares a link: give --framework, "
        "e.g. --framework dg-2566-2570 (known: de-test, dg-test)",
    ]


def test_sheet_without_a_header_row_says_what_headers_are_known(tmp_path: Path) -> None:
    path = _write_csv(tmp_path, "a,b\n1,2\n")
    (line,) = _errors(path)
    assert line.startswith(f"{path}: no header row with an id and a title column in the first 20 rows")
    assert "--header id=... --header title=..." in line


def test_header_option_names_an_unusual_column(tmp_path: Path) -> None:
    path = _write_csv(tmp_path, "รหัสกิจกรรม,ชื่อกิจกรรม,หมายเหตุ\nA1,จัดอบรมทักษะดิจิทัล,\n")
    options = ImportOptions(headers={"id": "รหัสกิจกรรม", "title": "ชื่อกิจกรรม", "description": "หมายเหตุ"},
                            title="แผน", period=(2023, 2027), frameworks=(DG.id,))
    plan = importer.import_plan(path, FRAMEWORKS, options, default_id="p").plan
    assert [(o.id, o.title) for o in plan.objectives] == [("A1", "จัดอบรมทักษะดิจิทัล")]


def test_two_title_columns_are_an_error(tmp_path: Path) -> None:
    path = _write_csv(tmp_path, "ID,Objective,ชื่อ\n1,a,b\n")
    assert _errors(path) == [f"{path}:1: row 1, column C (ชื่อ): columns B and C both hold title; keep one, or name "
                             "the right one with --header title=..."]


def _planner_workbook(path: Path) -> None:
    """What a planner makes in Excel: a title, notes, numbers Excel turned into numbers, a plan sheet."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "ยุทธศาสตร์เขต"
    sheet.append(["แผนพัฒนาเขตบางรัก"])
    sheet.append([])
    sheet.append(["ข้อ", "วัตถุประสงค์ / Objective", "ความสอดคล้องกับแผนระดับชาติ", "ผู้รับผิดชอบ"])
    sheet.append([1, "พัฒนาระบบบริการออนไลน์", "dg-test:1", "ฝ่ายทะเบียน"])
    sheet.append([1.1, "  พัฒนาแอปพลิเคชัน\nรับเรื่องร้องเรียน ", "dg-test:1.1; de-test:2", None])
    sheet.append([None, None, None, "หมายเหตุท้ายตาราง"])
    details = book.create_sheet("แผน")
    for row in (["ชื่อแผน", "แผนพัฒนาเขตบางรัก"], ["ระยะเวลา", "พ.ศ. 2566 - 2570"],
                ["แผนระดับชาติ", "dg-test, de-test"], ["หน่วยงานเจ้าของแผน", "สำนักงานเขตบางรัก"]):
        details.append(row)
    book.save(path)


def test_workbook_made_with_openpyxl_imports_to_a_valid_plan_and_exports_back(tmp_path: Path) -> None:
    source = tmp_path / "bangrak.xlsx"
    _planner_workbook(source)
    imported = importer.import_plan(source, FRAMEWORKS, ImportOptions(), default_id="bangrak")
    plan = imported.plan
    assert (plan.id, plan.title, plan.period, plan.owner, plan.frameworks) == (
        "bangrak", "แผนพัฒนาเขตบางรัก", (2023, 2027), "สำนักงานเขตบางรัก", ("dg-test", "de-test"))
    assert [(o.id, o.title, tuple(map(str, o.aligns_with))) for o in plan.objectives] == [
        ("1", "พัฒนาระบบบริการออนไลน์", ("dg-test:1",)),
        ("1.1", "พัฒนาแอปพลิเคชัน รับเรื่องร้องเรียน", ("dg-test:1.1", "de-test:2")),
    ]
    assert imported.warnings == ("columns not imported (align has no field for them): D (ผู้รับผิดชอบ)",)
    written = tmp_path / "bangrak.yaml"
    written.write_text(importer.to_yaml(imported), encoding="utf-8")
    assert load_plan(written) == plan

    # ... and exports back: the compliance matrix of the plan imports to the same plan.
    matrix = tmp_path / "matrix.xlsx"
    matrix.write_bytes(xlsx.render(build_result(plan, (DG, DE), {})))
    assert importer.import_plan(matrix, FRAMEWORKS).plan == plan


@pytest.mark.parametrize("lang", list(Lang))
def test_compliance_matrix_round_trips_to_an_equal_plan(tmp_path: Path, lang: Lang) -> None:
    result = sample_result()
    matrix = tmp_path / "matrix.xlsx"
    matrix.write_bytes(xlsx.render(result, lang))
    imported = importer.import_plan(matrix, FRAMEWORKS)
    assert imported.table.sheet == ("Objectives" if lang is Lang.EN else "วัตถุประสงค์")
    assert imported.plan == result.plan


def test_date_cells_and_unknown_sheet_are_explained(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["ID", "Objective"])
    sheet.append([dt.datetime(2024, 1, 2), "Excel read 1/2 as a date"])
    path = tmp_path / "dates.xlsx"
    book.save(path)
    assert _errors(path) == [f"{path}: sheet 'Sheet', row 2, column A (ID): Excel stored this as a date "
                             "(2024-01-02T00:00:00); format the column as Text and type it again"]
    assert _errors(path, ImportOptions(sheet="Plan")) == [
        f"{path}: --sheet: there is no sheet 'Plan'; the workbook's sheets: 'Sheet'"]


@pytest.mark.parametrize(("text", "years"), [("2566-2570", (2023, 2027)), ("พ.ศ. ๒๕๖๖ - ๒๕๗๐", (2023, 2027)),
                                             ("2023–2027", (2023, 2027))])
def test_period_in_either_era(text: str, years: tuple[int, int]) -> None:
    assert calendar.parse_period(text) == years


@pytest.mark.parametrize("text", ["2566", "2570-2566", "ห้าปี"])
def test_bad_period_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="must be two years"):
        calendar.parse_period(text)


def test_header_option_syntax() -> None:
    assert headers.parse_header_option("aligns-with = ความสอดคล้อง") == ("aligns_with", "ความสอดคล้อง")
    with pytest.raises(ValueError, match="'budget' is not a field; fields: id, title"):
        headers.parse_header_option("budget=งบ")


def test_bad_period_in_the_plan_sheet_names_its_row(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["ID", "Objective", "dg-test"])
    sheet.append(["1", "พัฒนาระบบ", "1"])
    details = book.create_sheet("Plan")
    details.append(["Plan title", "แผน"])
    details.append(["Period", "ห้าปี"])
    path = tmp_path / "plan.xlsx"
    book.save(path)
    assert _errors(path, ImportOptions()) == [
        f"{path}: sheet 'Plan', row 2: period 'ห้าปี' must be two years, e.g. 2566-2570 or 2023-2027"]
