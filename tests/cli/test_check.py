"""The command line: exit codes 0/1/2, stdout for reports, stderr for errors, --format, --output."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from align.cli import ExitCode

from ..conftest import REPO, CliResult

SCHEMA = json.loads((REPO / "docs" / "output-schema.json").read_text(encoding="utf-8"))

PLAN = """
plan:
  id: canal-plan
  title: แผนปฏิบัติราชการสำนักงานเขต
  period: [2023, 2027]
  frameworks: [de-2561-2580, dg-2566-2570]
objectives:
  - id: "1"
    title: พัฒนาระบบบริการออนไลน์ให้ประชาชนยื่นคำขอและติดตามสถานะผ่านแอปพลิเคชัน
  - id: "2"
    title: ขุดลอกคูคลองและเปิดทางน้ำไหลเพื่อป้องกันน้ำท่วมในฤดูฝน
"""

Run = Callable[..., CliResult]


def test_default_check_from_another_directory_gives_schema_valid_json(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", "--format", "json")
    assert result.exit_code in (ExitCode.OK, ExitCode.POLICY_FAILED)
    document = json.loads(result.stdout)
    jsonschema.validate(document, SCHEMA)
    assert document["plan"]["id"] == "bma-ict-2561-2565"
    assert document["plan"]["path"] == "plan/bma-ict-2561-2565.yaml"
    assert [f["id"] for f in document["frameworks"]] == ["de-2561-2580", "dg-2563-2565"]
    assert document["summary"]["passed"] is (result.exit_code == ExitCode.OK)
    assert result.stderr == ""


def test_non_digital_objective_is_unaligned_and_fails(run_cli: Run, write_yaml: Callable[..., Path]) -> None:
    plan = write_yaml("plan.yaml", PLAN)
    result = run_cli("check", str(plan), "--format", "json")
    assert result.exit_code == ExitCode.POLICY_FAILED
    statuses = {o["id"]: o["status"] for o in json.loads(result.stdout)["objectives"]}
    assert statuses["2"] == "unaligned"
    assert statuses["1"] != "unaligned"


def test_every_candidate_carries_evidence_and_the_top_three_strategies(
    run_cli: Run, write_yaml: Callable[..., Path]
) -> None:
    plan = write_yaml("plan.yaml", PLAN)
    document = json.loads(run_cli("check", str(plan), "-f", "json").stdout)
    candidates = document["objectives"][0]["candidates"]
    per_framework: dict[str, int] = {}
    for candidate in candidates:
        fw, _, item = candidate["target"].partition(":")
        per_framework[fw] = per_framework.get(fw, 0) + ("." not in item)
    assert set(per_framework) == {"de-2561-2580", "dg-2566-2570"}
    assert min(per_framework.values()) >= 3
    scores = [c["score"] for c in candidates]
    assert scores == sorted(scores, reverse=True)
    assert all(c["evidence"] for c in candidates if c["grade"] != "none")


def test_malformed_plan_exits_2_with_one_line_naming_the_file(run_cli: Run, write_yaml: Callable[..., Path]) -> None:
    plan = write_yaml("broken.yaml", PLAN.replace("  - id: \"2\"", "  - id: \"2\"\n    align_with: [dg-2566-2570:2]"))
    result = run_cli("check", str(plan))
    assert result.exit_code == ExitCode.BAD_INPUT
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert str(plan) in lines[0] and "align_with" in lines[0] and "aligns_with" in lines[0]
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_unknown_framework_in_plan_is_input_error(run_cli: Run, write_yaml: Callable[..., Path]) -> None:
    plan = write_yaml("plan.yaml", PLAN.replace("dg-2566-2570]", "dg-2599-2600]"))
    result = run_cli("check", str(plan))
    assert result.exit_code == ExitCode.BAD_INPUT
    assert "unknown framework 'dg-2599-2600'" in result.stderr
    assert f"{plan}:5:" in result.stderr


def test_broken_declared_link_is_input_error(run_cli: Run, write_yaml: Callable[..., Path]) -> None:
    broken = PLAN.replace("    title: ขุดลอก", "    aligns_with: [dg-2566-2570:9]\n    title: ขุดลอก")
    plan = write_yaml("plan.yaml", broken)
    result = run_cli("check", str(plan))
    assert result.exit_code == ExitCode.BAD_INPUT
    assert result.stderr.strip() == (f"error: {plan}:10: objective 2: aligns_with 'dg-2566-2570:9' names no item '9' "
                                     "in dg-2566-2570")


def test_output_is_written_after_the_check_and_replaces_the_file(run_cli: Run, write_yaml: Callable[..., Path],
                                                                 tmp_path: Path) -> None:
    plan = write_yaml("plan.yaml", PLAN)
    out = tmp_path / "report.json"
    out.write_text("old report", encoding="utf-8")
    result = run_cli("check", str(plan), "-f", "json", "-o", str(out))
    assert result.exit_code == ExitCode.POLICY_FAILED
    assert result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["plan"]["id"] == "canal-plan"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".report")] == []


def test_failed_run_leaves_an_existing_output_untouched(run_cli: Run, write_yaml: Callable[..., Path],
                                                       tmp_path: Path) -> None:
    plan = write_yaml("plan.yaml", "plan: [unclosed\n")
    out = tmp_path / "report.json"
    out.write_text("old report", encoding="utf-8")
    result = run_cli("check", str(plan), "-f", "json", "-o", str(out))
    assert result.exit_code == ExitCode.BAD_INPUT
    assert out.read_text(encoding="utf-8") == "old report"


def test_table_goes_to_stdout_with_summary(run_cli: Run, write_yaml: Callable[..., Path]) -> None:
    plan = write_yaml("plan.yaml", PLAN)
    result = run_cli("check", str(plan))
    assert result.exit_code == ExitCode.POLICY_FAILED
    assert "ขุดลอกคูคลอง" in result.stdout
    verdict = next(line for line in result.stdout.splitlines() if line.startswith("FAILED"))
    assert verdict == "FAILED  2 objectives: 1 aligned, 0 weak, 1 unaligned"


def test_several_plans_give_one_json_document_each(run_cli: Run, write_yaml: Callable[..., Path]) -> None:
    first = write_yaml("a.yaml", PLAN)
    second = write_yaml("b.yaml", PLAN.replace("canal-plan", "second-plan"))
    result = run_cli("check", str(first), str(second), "-f", "json")
    ids = [json.loads(line)["plan"]["id"] for line in result.stdout.splitlines()]
    assert ids == ["canal-plan", "second-plan"]


def test_missing_plan_file_is_input_error(run_cli: Run, tmp_path: Path) -> None:
    result = run_cli("check", str(tmp_path / "nope.yaml"))
    assert result.exit_code == ExitCode.BAD_INPUT
    assert result.stderr.strip() == f"error: {tmp_path / 'nope.yaml'}: no such file"


def test_unknown_option_is_usage_error(run_cli: Run) -> None:
    assert run_cli("check", "--colour").exit_code == ExitCode.BAD_INPUT


def test_extra_framework_directory_replaces_a_bundled_framework(run_cli: Run, write_yaml: Callable[..., Path]) -> None:
    write_yaml("fw/dg-2566-2570.yaml", """
        framework:
          id: dg-2566-2570
          family: dg
          title: แผนทดแทน
          period: [2023, 2027]
          source: test
        items:
          - id: "1"
            title: พัฒนาระบบบริการออนไลน์
    """)
    plan = write_yaml("plan.yaml", PLAN)
    document = json.loads(run_cli("check", str(plan), "--frameworks", str(plan.parent / "fw"), "-f", "json").stdout)
    assert document["frameworks"][1]["title"] == "แผนทดแทน"
    assert [i["id"] for i in document["coverage"][1]["items"]] == ["1"]
