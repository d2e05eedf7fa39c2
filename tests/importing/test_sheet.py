"""Reading planners' tables: CSV encodings decided from the bytes, workbooks, and refusals with a reason."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from align.errors import InputError
from align.importing import sheet
from align.loading.frameworks import load_framework

from ..conftest import REPO

# Real Thai wording (objective and strategy titles of the bundled data) to draw test files from.
_WORDS = sorted({
    word
    for path in (REPO / "frameworks").glob("*.yaml")
    for item in load_framework(path).walk()
    for word in item.title.split()
    if any("\u0e00" <= c <= "\u0e7f" for c in word)
})
CELLS = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=4).map(" ".join)
ROWS = st.lists(st.tuples(st.integers(1, 99), CELLS, CELLS), min_size=1, max_size=8)


def _csv(rows: list[tuple[int, str, str]]) -> str:
    return "รหัส,วัตถุประสงค์,รายละเอียด\r\n" + "".join(f"{n},{a},{b}\r\n" for n, a, b in rows)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(ROWS)
def test_windows_874_is_detected(rows: list[tuple[int, str, str]]) -> None:
    text = _csv(rows)
    assert sheet.decode(text.encode("cp874")) == (text, "cp874")


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(ROWS)
def test_utf8_with_and_without_bom_is_detected(rows: list[tuple[int, str, str]]) -> None:
    text = _csv(rows)
    assert sheet.decode(text.encode("utf-8")) == (text, "utf-8")
    assert sheet.decode(b"\xef\xbb\xbf" + text.encode("utf-8")) == (text, "utf-8-sig")


def test_windows_874_that_happens_to_be_valid_utf8_is_still_thai() -> None:
    # เธก is E0 B8 A1 in Windows-874, which is also UTF-8 for ม; the rest of the line gives it away.
    text = "รหัส,วัตถุประสงค์\r\n1,เธก เธอ\r\n"
    data = text.encode("cp874")
    assert sheet.decode(data) == (text, "cp874")


@pytest.mark.parametrize("text", ["1,หก\r\n", "อก,สก\r\n", "ะก"])
def test_windows_874_bytes_that_happen_to_be_utf8_are_still_thai(text: str) -> None:
    # หก is CB A1 in Windows-874, which is also UTF-8 for U+02E1 (a phonetic letter no Thai plan holds).
    data = text.encode("cp874")
    data.decode("utf-8")
    assert sheet.decode(data) == (text, "cp874")


def test_windows_874_smart_quotes_and_dashes_decode() -> None:
    text = "1,“แผนดิจิทัล” – ระยะที่ 1…\r\n"
    assert sheet.decode(text.encode("cp874")) == (text, "cp874")


def test_english_utf8_with_accents_stays_utf8() -> None:
    text = "id,title\n1,Café – naïve “digital” résumé\n"
    assert sheet.decode(text.encode("utf-8")) == (text, "utf-8")


def test_utf16_from_excel_unicode_text_is_read() -> None:
    text = "รหัส\tวัตถุประสงค์\r\n1\tพัฒนาระบบ\r\n"
    assert sheet.decode(text.encode("utf-16")) == (text, "utf-16")


def test_latin1_is_refused_with_a_reason() -> None:
    with pytest.raises(ValueError, match=r"line 2: is neither UTF-8 nor Thai Windows-874 \(byte 0xe9"):
        sheet.decode("id,title\n1,Café société\n".encode("latin-1"))


def test_csv_rows_know_their_line_after_a_cell_with_line_breaks(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text('id,title\n1,"two\nlines"\n2,next\n', encoding="utf-8")
    (table,) = sheet.read(path)
    assert [(r.number, r.line, r.cells) for r in table.rows] == [
        (1, 1, ("id", "title")), (2, 2, ("1", "two\nlines")), (3, 4, ("2", "next"))]


def test_excel_sep_line_and_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_bytes("sep=;\r\nรหัส;วัตถุประสงค์\r\n1;พัฒนาระบบ, บริการ\r\n".encode("cp874"))
    (table,) = sheet.read(path)
    assert table.encoding == "cp874"
    assert [(r.number, r.cells) for r in table.rows] == [(2, ("รหัส", "วัตถุประสงค์")), (3, ("1", "พัฒนาระบบ, บริการ"))]


def test_workbook_gives_one_table_per_sheet(tmp_path: Path) -> None:
    book = Workbook()
    first = book.active
    assert first is not None
    first.title = "วัตถุประสงค์"
    first.append(["รหัส", "วัตถุประสงค์"])
    first.append([1.1, "พัฒนาระบบ"])
    book.create_sheet("แผน").append(["ชื่อแผน", "แผนทดสอบ"])
    path = tmp_path / "plan.xlsx"
    book.save(path)
    tables = sheet.read(path)
    assert [(t.sheet, [r.cells for r in t.rows]) for t in tables] == [
        ("วัตถุประสงค์", [("รหัส", "วัตถุประสงค์"), (1.1, "พัฒนาระบบ")]), ("แผน", [("ชื่อแผน", "แผนทดสอบ")])]


@pytest.mark.parametrize(("name", "data", "problem"), [
    ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "is an Excel 97-2003 workbook (.xls)"),
    ("broken.xlsx", b"PK\x03\x04 not really a zip", "is not a readable Excel workbook (.xlsx)"),
    ("notes.docx", b"hello", "is not a table align reads: give a .xlsx or .csv file (got '.docx')"),
])
def test_files_that_are_not_tables_are_refused(tmp_path: Path, name: str, data: bytes, problem: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as error:
        sheet.read(path)
    assert str(error.value).startswith(f"{path}: {problem}")


def test_zip_that_is_not_a_workbook_is_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    path = tmp_path / "plan.xlsx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(InputError, match="is not a readable Excel workbook"):
        sheet.read(path)


def test_missing_file_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(InputError) as error:
        sheet.read(tmp_path / "nope.csv")
    assert str(error.value) == f"{tmp_path / 'nope.csv'}: no such file"


def test_column_letters() -> None:
    assert [sheet.column_letter(n) for n in (1, 2, 26, 27, 52, 703)] == ["A", "B", "Z", "AA", "AZ", "AAA"]
