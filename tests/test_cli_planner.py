"""The planner's commands end to end: check --format xlsx, --lang; exit codes 0/1/2."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from openpyxl import load_workbook

from align.cli import ExitCode

from .conftest import REPO, CliResult

Run = Callable[..., CliResult]
BUNDLED = REPO / "plan" / "bma-ict-2561-2565.yaml"


def test_xlsx_needs_an_output_file(run_cli: Run) -> None:
    result = run_cli("check", "--format", "xlsx")
    assert result.exit_code == ExitCode.BAD_INPUT
    assert result.stderr == "error: --format xlsx writes a file: give --output FILE.xlsx\n"


def test_bundled_plan_exports_to_xlsx(run_cli: Run, tmp_path: Path) -> None:
    matrix = tmp_path / "matrix.xlsx"
    result = run_cli("check", str(BUNDLED), "--format", "xlsx", "--output", str(matrix), "--lang", "th")
    assert result.exit_code in (ExitCode.OK, ExitCode.POLICY_FAILED)
    assert result.stdout == "" and result.stderr == ""
    book = load_workbook(io.BytesIO(matrix.read_bytes()))
    assert book.sheetnames[0] == "สรุปผล" and "de-2561-2580" in book.sheetnames
