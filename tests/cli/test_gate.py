"""The CI gate end to end: --fail-on, --min-coverage, config files, waivers, and every format from real runs.

Only robust cases: a canal-dredging objective is unaligned with any sane matcher, so a plan of that one
objective fails by default and serves no strategy; nothing here depends on particular scores.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import jsonschema
import junitparser
import pytest

from align.cli import ExitCode
from align.report import Format

from ..conftest import BUNDLED_IDS, CliResult
from ..report.test_github import parse as parse_commands
from ..report.test_markdown import cells as markdown_cells
from ..report.test_sarif import SARIF_SUBSET
from .test_check import SCHEMA

Run = Callable[..., CliResult]
Write = Callable[..., Path]

CANAL = """
plan:
  id: canal-plan
  title: แผนปฏิบัติราชการสำนักงานเขต
  period: [2023, 2027]
  frameworks: [dg-2566-2570]
objectives:
  - id: "2"
    title: ขุดลอกคูคลองและเปิดทางน้ำไหลเพื่อป้องกันน้ำท่วมในฤดูฝน
"""
WAIVER = """
waivers:
  - objective: "2"
    kind: unaligned
    reason: งานระบายน้ำ ดูแลโดยแผนพัฒนากรุงเทพมหานคร 20 ปี มิติที่ 7
    expires: {expires}
"""
# The machine-readable formats; html and xlsx are for people, one plan each (tests/cli/test_planner_commands.py).
SUFFIX = {Format.TABLE: "txt", Format.JSON: "json", Format.MARKDOWN: "md", Format.JUNIT: "xml",
          Format.SARIF: "sarif", Format.GITHUB: "github", Format.CSV: "csv"}


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An agency repository: the working directory, with a .git so config search stops here."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def findings(result: CliResult) -> list[tuple[str, bool, bool]]:
    return [(f["kind"], f["fails"], f["waived"]) for f in json.loads(result.stdout)["findings"]
            if f["kind"] not in ("gap", "weak-link", "undeclared-link")]


def test_fail_on_changes_the_exit_code(run_cli: Run, repo: Path, write_yaml: Write) -> None:
    plan = str(write_yaml("plan/canal.yaml", CANAL))
    assert run_cli("check", plan).exit_code == ExitCode.POLICY_FAILED
    assert run_cli("check", plan, "--fail-on", "none").exit_code == ExitCode.OK
    assert run_cli("check", plan, "--fail-on", "weak-link,gap", "--fail-on", "unaligned").exit_code == (
        ExitCode.POLICY_FAILED)


def test_min_coverage_changes_the_exit_code(run_cli: Run, repo: Path, write_yaml: Write) -> None:
    plan = str(write_yaml("plan/canal.yaml", CANAL))
    failing = run_cli("check", plan, "-f", "json", "--fail-on", "none", "--min-coverage", "dg-2566-2570=25%")
    assert failing.exit_code == ExitCode.POLICY_FAILED
    assert ("low-coverage", True, False) in findings(failing)
    jsonschema.validate(json.loads(failing.stdout), SCHEMA)
    assert run_cli("check", plan, "--fail-on", "none", "--min-coverage", "dg-2566-2570=0").exit_code == ExitCode.OK


def test_config_in_pyproject_is_honoured_and_the_command_line_wins(run_cli: Run, repo: Path, write_yaml: Write) -> None:
    plan = str(write_yaml("plan/canal.yaml", CANAL))
    write_yaml("pyproject.toml", """
        [tool.align]
        fail-on = []
        format = "json"
    """)
    result = run_cli("check", plan)
    assert result.exit_code == ExitCode.OK
    assert json.loads(result.stdout)["plan"]["id"] == "canal-plan"  # format = "json" from the file
    assert run_cli("check", plan, "--fail-on", "unaligned").exit_code == ExitCode.POLICY_FAILED
    write_yaml("pyproject.toml", """
        [tool.align]
        fail-on = []
        min-coverage = {"dg-2566-2570" = 0.5}
    """)
    assert run_cli("check", plan).exit_code == ExitCode.POLICY_FAILED
    assert run_cli("check", plan, "--min-coverage", "dg-2566-2570=0").exit_code == ExitCode.OK


def test_a_waiver_with_a_reason_turns_the_check_green_and_shows_as_waived(
    run_cli: Run, repo: Path, write_yaml: Write
) -> None:
    plan = str(write_yaml("plan/canal.yaml", CANAL))
    write_yaml("align-waivers.yaml", WAIVER.format(expires="2999-12-31"))
    result = run_cli("check", plan, "-f", "json")
    assert result.exit_code == ExitCode.OK
    [waived] = [f for f in json.loads(result.stdout)["findings"] if f["kind"] == "unaligned"]
    assert (waived["fails"], waived["waived"]) == (False, True)
    assert waived["waiver_reason"] == "งานระบายน้ำ ดูแลโดยแผนพัฒนากรุงเทพมหานคร 20 ปี มิติที่ 7"
    table = run_cli("check", plan)
    # The table says which finding is waived and why, and the verdict opens the summary.
    assert "waived: งานระบายน้ำ ดูแลโดยแผนพัฒนากรุงเทพมหานคร 20 ปี" in table.stdout
    assert _summary(table.stdout).startswith("PASSED  ")


def test_an_expired_waiver_fails_and_is_reported_at_its_line(run_cli: Run, repo: Path, write_yaml: Write) -> None:
    plan = str(write_yaml("plan/canal.yaml", CANAL))
    write_yaml("align-waivers.yaml", WAIVER.format(expires="2020-01-31"))
    result = run_cli("check", plan, "-f", "json")
    assert result.exit_code == ExitCode.POLICY_FAILED
    assert findings(result) == [("unaligned", True, False), ("expired-waiver", False, False)]
    expired = json.loads(result.stdout)["findings"][-1]
    assert (expired["path"], expired["line"]) == ("align-waivers.yaml", 2)
    jsonschema.validate(json.loads(result.stdout), SCHEMA)


def test_a_broken_link_is_an_input_error_unless_fail_on_leaves_it_out(
    run_cli: Run, repo: Path, write_yaml: Write
) -> None:
    plan = str(write_yaml("plan/canal.yaml", CANAL + "    aligns_with: [dg-2566-2570:9]\n"))
    broken = run_cli("check", plan)
    assert broken.exit_code == ExitCode.BAD_INPUT
    assert broken.stderr.splitlines() == [
        "error: plan/canal.yaml:9: objective 2: aligns_with 'dg-2566-2570:9' names no item '9' in dg-2566-2570"]
    reported = run_cli("check", plan, "-f", "json", "--fail-on", "unaligned")
    assert reported.exit_code == ExitCode.POLICY_FAILED
    assert ("broken-link", False, False) in findings(reported)


def test_waivers_named_in_config_are_relative_to_the_config_file(run_cli: Run, repo: Path, write_yaml: Write) -> None:
    write_yaml("plan/canal.yaml", CANAL)
    write_yaml("ci/accepted.yaml", WAIVER.format(expires="2999-12-31"))
    write_yaml("pyproject.toml", '[tool.align]\nwaivers = "ci/accepted.yaml"\n')
    os.chdir(repo / "plan")
    assert run_cli("check", "canal.yaml").exit_code == ExitCode.OK


@pytest.mark.parametrize(("files", "args", "expected"), [
    ({"align-waivers.yaml": 'waivers:\n  - objective: "2"\n    kind: unaligned\n'}, [],
     "error: align-waivers.yaml:2: waivers[0] (objective 2): missing required key 'reason': say why the finding is "
     "accepted"),
    ({"align-waivers.yaml": "waivers:\n  - objective: '2'\n    reason: [unclosed\n"}, [],
     "error: align-waivers.yaml:4: invalid YAML: "),
    ({"pyproject.toml": "[tool.align]\nfail-on = ['unaligned']\nwaiver = 'x.yaml'\n"}, [],
     "error: pyproject.toml:3: [tool.align] waiver: unknown key 'waiver' (did you mean 'waivers'?); "
     "keys: fail-on, min-coverage, frameworks, waivers, format"),
    ({"align.toml": "min-coverage = {dg-2566-2750 = 0.5}\n"}, [],
     "error: align.toml:1: min-coverage.dg-2566-2750: names unknown framework 'dg-2566-2750' (did you mean "
     f"'dg-2566-2570'?); known: {BUNDLED_IDS}"),
    ({}, ["--fail-on", "unaligned,gaps"],
     "error: command line: --fail-on: 'gaps' is not a finding kind (did you mean 'gap'?); kinds: unaligned, "
     "weak-link, unsupported-link, undeclared-link, gap, broken-link, period-mismatch, low-coverage, "
     "expired-waiver, stale-waiver, or none"),
    ({}, ["--min-coverage", "dg-2566-2570=2"],
     "error: command line: --min-coverage: 'dg-2566-2570=2': the ratio 2 is outside 0..1 (0.5 means half the "
     "strategies)"),
])
def test_bad_settings_are_one_line_and_exit_2(
    run_cli: Run, repo: Path, write_yaml: Write, files: dict[str, str], args: list[str], expected: str
) -> None:
    plan = str(write_yaml("plan/canal.yaml", CANAL))
    for name, text in files.items():
        (repo / name).write_text(text, encoding="utf-8")
    result = run_cli("check", plan, *args)
    assert result.exit_code == ExitCode.BAD_INPUT
    [line] = result.stderr.splitlines()
    # The YAML case checks only the location: the parser's wording differs between PyYAML and libyaml.
    assert line == expected if not expected.endswith("invalid YAML: ") else line.startswith(expected)
    assert result.stdout == ""


def test_every_format_from_the_bundled_plan_parses_with_a_standard_parser(run_cli: Run, repo: Path) -> None:
    # Expectations come from the JSON report of the same run: the bundled data is revised independently.
    reports = [f"--report={fmt.value}={repo / ('out.' + SUFFIX[fmt])}" for fmt in SUFFIX]
    result = run_cli("check", "-f", "github", *reports)
    assert result.exit_code in (ExitCode.OK, ExitCode.POLICY_FAILED)
    out = {fmt: (repo / f"out.{SUFFIX[fmt]}").read_bytes().decode("utf-8") for fmt in SUFFIX}
    document = json.loads(out[Format.JSON])
    assert document["plan"]["path"] == "plan/bma-ict-2561-2565.yaml"
    ids = [o["id"] for o in document["objectives"]]
    titles = [o["title"] for o in document["objectives"]]
    strategies = sum(len(c["items"]) for c in document["coverage"])
    assert ids and strategies

    assert out[Format.GITHUB] == result.stdout
    *commands, last = result.stdout.splitlines()
    assert last.startswith(f"align: plan/bma-ict-2561-2565.yaml: {len(ids)} objectives: ")
    assert len(parse_commands(result.stdout)) == len(commands) == len(document["findings"])
    assert document["plan"]["title"] in out[Format.TABLE]
    table_rows = markdown_cells(out[Format.MARKDOWN])
    assert [row[0] for row in table_rows[-len(ids):]] == ids
    assert all(len(row) == 4 for row in table_rows)

    suite = next(iter(junitparser.JUnitXml.fromstring(out[Format.JUNIT])))
    objectives = [case.name for case in suite if case.classname.endswith(".objectives")]
    assert objectives == [f"{i} {t}" for i, t in zip(ids, titles, strict=True)]
    assert ET.fromstring(out[Format.JUNIT]).tag == "testsuites"

    log = json.loads(out[Format.SARIF])
    jsonschema.validate(log, SARIF_SUBSET)
    assert len(log["runs"][0]["results"]) == len(document["findings"])
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert uris <= {"plan/bma-ict-2561-2565.yaml"}

    assert out[Format.CSV].startswith("\ufeffplan,objective,")
    rows = list(csv.DictReader(io.StringIO(out[Format.CSV][1:], newline="")))
    assert len(rows) == len(ids) * strategies
    assert [row["objective_title"] for row in rows[::strategies]] == titles


def test_several_plans_in_junit_are_one_xml_document(run_cli: Run, repo: Path, write_yaml: Write) -> None:
    first = str(write_yaml("plan/a.yaml", CANAL))
    second = str(write_yaml("plan/b.yaml", CANAL.replace("canal-plan", "second-plan")))
    result = run_cli("check", first, second, "-f", "junit")
    assert [suite.get("name") for suite in ET.fromstring(result.stdout)] == ["canal-plan", "second-plan"]


def test_output_is_byte_identical_across_processes(repo: Path, write_yaml: Write) -> None:
    # Separate processes with different hash seeds: set and dict orders that depend on hashing would show here.
    plan = str(write_yaml("plan/canal.yaml", CANAL))
    write_yaml("align-waivers.yaml", WAIVER.format(expires="2999-12-31"))
    outputs = []
    for seed in ("1", "2"):
        directory = repo / f"run{seed}"
        directory.mkdir()
        reports = [f"--report={fmt.value}={directory / ('out.' + SUFFIX[fmt])}" for fmt in SUFFIX]
        env = {**os.environ, "PYTHONHASHSEED": seed, "COLUMNS": "120"}
        done = subprocess.run([sys.executable, "-m", "align", "check", plan, "plan/../plan/canal.yaml",
                               "--fail-on", "none", *reports], env=env, capture_output=True, cwd=repo, check=False)
        assert done.returncode == ExitCode.OK, done.stderr
        outputs.append({fmt: (directory / f"out.{SUFFIX[fmt]}").read_bytes() for fmt in SUFFIX})
    assert outputs[0] == outputs[1]


def test_an_unwritable_report_is_an_input_error_naming_the_option(run_cli: Run, repo: Path, write_yaml: Write) -> None:
    plan = str(write_yaml("plan/canal.yaml", CANAL))
    # A folder is made where missing, but not inside a file.
    result = run_cli("check", plan, "--report", f"sarif={plan}/align.sarif")
    assert result.exit_code == ExitCode.BAD_INPUT
    assert result.stderr.splitlines() == [
        f"error: {plan}/align.sarif: --report: cannot make the folder '{plan}': '{plan}' is a file"]


def _summary(table: str) -> str:
    """The table's summary: its last lines, from the verdict on."""
    lines = table.rstrip().splitlines()
    return next(line for line in reversed(lines) if line.startswith(("PASSED", "FAILED", "INVALID")))
