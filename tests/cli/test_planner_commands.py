"""The planner's commands end to end: explain, check --format html|xlsx, import, --lang; exit codes 0/1/2."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from align.cli import ExitCode
from align.loading.plans import load_plan

from ..conftest import REPO, CliResult

Run = Callable[..., CliResult]
BUNDLED = REPO / "plan" / "bma-ict-2561-2565.yaml"

SHEET = """\
รหัส,วัตถุประสงค์,ความสอดคล้องกับแผนระดับชาติ
1,พัฒนาระบบบริการออนไลน์ให้ประชาชนยื่นคำขอและติดตามสถานะผ่านแอปพลิเคชัน,dg-2566-2570:1
2,ขุดลอกคูคลองเพื่อป้องกันน้ำท่วมในฤดูฝน,
"""


def test_explain_an_objective_of_the_bundled_plan(run_cli: Run) -> None:
    plan = load_plan(BUNDLED)
    result = run_cli("explain", "1")
    assert result.exit_code == ExitCode.OK
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Why align links objective 1  (bma-ict-2561-2565, plan/bma-ict-2561-2565.yaml)")
    assert lines[1].startswith("Objective 1: ")
    for fw in plan.frameworks:
        assert any(line.startswith(f"{fw}  ") for line in lines), fw
    assert "Linked to" in result.stdout and "Shared terms" in result.stdout
    assert lines[-1].endswith("--all shows every item.")


def test_explain_in_thai_with_every_item(run_cli: Run) -> None:
    result = run_cli("explain", "2", "--all", "--lang", "th")
    assert result.exit_code == ExitCode.OK
    assert result.stdout.startswith("เหตุผลความเชื่อมโยงของวัตถุประสงค์ 2")
    assert result.stdout.splitlines()[-1].startswith("แสดงทั้งหมด ")


def test_explain_unknown_objective_is_one_line_and_exit_2(run_cli: Run) -> None:
    ids = ", ".join(o.id for o in load_plan(BUNDLED).objectives)
    result = run_cli("explain", "no-such-id")
    assert result.exit_code == ExitCode.BAD_INPUT
    assert result.stdout == ""
    assert result.stderr == ("error: plan/bma-ict-2561-2565.yaml: explain: no objective 'no-such-id' in the plan; "
                             f"its objectives: {ids}\n")


def test_explain_a_broken_plan_is_one_line_and_exit_2(run_cli: Run, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("plan: [unclosed\n", encoding="utf-8")
    result = run_cli("explain", "1", "--plan", str(plan))
    assert result.exit_code == ExitCode.BAD_INPUT
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith(f"error: {plan}:")


def test_xlsx_needs_an_output_file(run_cli: Run) -> None:
    result = run_cli("check", "--format", "xlsx")
    assert result.exit_code == ExitCode.BAD_INPUT
    assert result.stderr == "error: --format xlsx writes a file: give --output FILE.xlsx\n"


def test_html_reports_one_plan_at_a_time(run_cli: Run, tmp_path: Path) -> None:
    result = run_cli("check", str(BUNDLED), str(BUNDLED), "-f", "html", "-o", str(tmp_path / "r.html"))
    assert result.exit_code == ExitCode.BAD_INPUT
    assert result.stderr == "error: an html report holds one plan; run align once per plan\n"
    assert not (tmp_path / "r.html").exists()


def test_html_and_xlsx_as_extra_reports_of_one_plan(run_cli: Run, tmp_path: Path) -> None:
    page, book = tmp_path / "r.html", tmp_path / "m.xlsx"
    result = run_cli("check", "-f", "json", "--report", f"html={page}", "--report", f"xlsx={book}", "--lang", "th")
    assert result.exit_code in (ExitCode.OK, ExitCode.POLICY_FAILED)
    assert page.read_text(encoding="utf-8").startswith('<!DOCTYPE html>\n<html lang="th">')
    assert load_workbook(io.BytesIO(book.read_bytes())).sheetnames[0] == "สรุปผล"
    twice = run_cli("check", str(BUNDLED), str(BUNDLED), "--report", f"xlsx={book}")
    assert twice.exit_code == ExitCode.BAD_INPUT
    assert twice.stderr == "error: an xlsx report holds one plan; run align once per plan\n"


def test_html_goes_to_stdout_without_output(run_cli: Run) -> None:
    result = run_cli("check", "-f", "html", "--lang", "th")
    assert result.exit_code in (ExitCode.OK, ExitCode.POLICY_FAILED)
    assert result.stdout.startswith('<!DOCTYPE html>\n<html lang="th">')
    assert result.stdout.rstrip().endswith("</html>")


def test_bundled_plan_exports_to_xlsx_and_imports_back_equal(run_cli: Run, tmp_path: Path) -> None:
    matrix = tmp_path / "matrix.xlsx"
    result = run_cli("check", str(BUNDLED), "--format", "xlsx", "--output", str(matrix), "--lang", "th")
    assert result.exit_code in (ExitCode.OK, ExitCode.POLICY_FAILED)
    # Nothing on stdout; on stderr one line naming the file written, in the language asked for.
    assert result.stdout == "" and result.stderr == f"เขียนรายงานแบบ xlsx ลงใน {matrix} แล้ว\n"
    book = load_workbook(io.BytesIO(matrix.read_bytes()))
    assert book.sheetnames[0] == "สรุปผล" and "de-2561-2580" in book.sheetnames
    back = tmp_path / "bma-ict-2561-2565.yaml"
    result = run_cli("import", str(matrix), "--output", str(back))
    assert result.exit_code == ExitCode.OK, result.stderr
    count = len(load_plan(BUNDLED).objectives)
    assert result.stderr == f"imported {count} objectives from {matrix} (วัตถุประสงค์) into {back}\n"
    assert load_plan(back) == load_plan(BUNDLED)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp874"])
def test_imported_csv_is_a_plan_align_checks(run_cli: Run, tmp_path: Path, encoding: str) -> None:
    sheet = tmp_path / "khet.csv"
    sheet.write_bytes(SHEET.replace("\n", "\r\n").encode(encoding))
    out = tmp_path / "plan" / "khet.yaml"
    out.parent.mkdir()
    result = run_cli("import", str(sheet), "-o", str(out), "--title", "แผนปฏิบัติราชการสำนักงานเขต",
                     "--period", "2566-2570")
    assert result.exit_code == ExitCode.OK, result.stderr
    assert result.stderr == f"imported 2 objectives from {sheet} (read as {encoding}) into {out}\n"
    plan = load_plan(out)
    assert (plan.id, plan.period, plan.frameworks) == ("khet", (2023, 2027), ("dg-2566-2570",))
    assert plan.objectives[0].title.startswith("พัฒนาระบบบริการออนไลน์")
    checked = run_cli("check", str(out), "-f", "json")
    assert checked.exit_code == ExitCode.POLICY_FAILED  # objective 2 (dredging canals) serves no strategy
    assert checked.stderr == ""


def test_import_to_stdout_with_options(run_cli: Run, tmp_path: Path) -> None:
    sheet = tmp_path / "khet.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    result = run_cli("import", str(sheet), "--id", "khet", "--title", "แผน", "--period", "2023-2027",
                     "--framework", "dg-2566-2570", "--framework", "de-2561-2580")
    assert result.exit_code == ExitCode.OK
    assert "frameworks: [dg-2566-2570, de-2561-2580]" in result.stdout
    assert result.stderr == ""


def test_import_problems_are_one_line_each_and_exit_2(run_cli: Run, tmp_path: Path) -> None:
    sheet = tmp_path / "khet.csv"
    sheet.write_text(SHEET + "3,,dg-2566-2570:99\n", encoding="utf-8")
    out = tmp_path / "khet.yaml"
    result = run_cli("import", str(sheet), "-o", str(out), "--title", "แผน", "--period", "2566-2570", "--lang", "th")
    assert result.exit_code == ExitCode.BAD_INPUT
    assert result.stderr.splitlines() == [
        f"error: {sheet}:4: แถว 4 คอลัมน์ B (วัตถุประสงค์): ไม่มีชื่อวัตถุประสงค์",
        f"error: {sheet}:4: แถว 4 คอลัมน์ C (ความสอดคล้องกับแผนระดับชาติ): 'dg-2566-2570:99' อ้างถึงรายการ '99' "
        "ซึ่งไม่มีใน dg-2566-2570",
    ]
    assert not out.exists()


@pytest.mark.parametrize(("args", "message"), [
    (["--header", "budget=งบประมาณ"], "error: 'budget' is not a field; fields: id, title, description, source, "
                                      "aligns_with\n"),
    (["--period", "ห้าปี"], "error: 'ห้าปี' must be two years, e.g. 2566-2570 or 2023-2027\n"),
])
def test_import_bad_options_are_usage_errors(run_cli: Run, tmp_path: Path, args: list[str], message: str) -> None:
    sheet = tmp_path / "khet.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    result = run_cli("import", str(sheet), *args)
    assert result.exit_code == ExitCode.BAD_INPUT
    assert result.stderr == message


def test_language_can_come_from_the_environment(run_cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALIGN_LANG", "th")
    result = run_cli("explain", "no-such-id")
    assert "ไม่มีวัตถุประสงค์รหัส 'no-such-id'" in result.stderr


def test_import_never_writes_over_its_own_sheet(run_cli: Run, tmp_path: Path) -> None:
    sheet = tmp_path / "khet.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    result = run_cli("import", str(sheet), "-o", str(sheet), "--title", "แผน", "--period", "2566-2570")
    assert result.exit_code == ExitCode.BAD_INPUT
    assert result.stderr.startswith(f"error: {sheet}: --output: is the input file ")
    assert sheet.read_text(encoding="utf-8") == SHEET
