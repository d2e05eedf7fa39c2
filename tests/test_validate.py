"""`align validate`: every problem of every file as `file:line: where: what`; `align frameworks [show ID]`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from align import validate
from align.cli import ExitCode

from .conftest import BUNDLED_IDS, CliResult

Run = Callable[..., CliResult]
Write = Callable[..., Path]

FRAMEWORK = """
framework:
  id: fw-test
  family: dg
  title: แผนทดสอบ
  title_en: Test plan
  period: [2023, 2027]
  source: https://example.org/fw-test
items:
  - id: "1"
    title: บริการดิจิทัล
    title_en: Digital services
    items:
      - id: "1.1"
        title: บริการออนไลน์
  - id: "2"
    title: กำลังคนดิจิทัล
"""

PLAN = """
plan:
  id: test-plan
  title: แผนทดสอบ
  period: [2023, 2027]
  frameworks: [fw-test]
objectives:
  - id: "1"
    title: พัฒนาระบบบริการออนไลน์
    aligns_with: [fw-test:1.1]
  - id: "2"
    title: อบรมบุคลากร
"""


def problems(result: CliResult) -> list[str]:
    return result.stderr.splitlines()


def test_bundled_files_validate(run_cli: Run) -> None:
    result = run_cli("validate")
    assert result.exit_code == ExitCode.OK, result.stderr
    assert not [line for line in problems(result) if line.startswith("error:")]
    files = len(validate.bundled_files())
    assert result.stdout.startswith(f"{files} files checked: 0 errors, ") and result.stdout.endswith(": valid\n")


def test_valid_files_given_explicitly(run_cli: Run, write_yaml: Write) -> None:
    framework, plan = write_yaml("fw-test.yaml", FRAMEWORK), write_yaml("plan.yaml", PLAN)
    result = run_cli("validate", str(framework), str(plan))
    assert (result.exit_code, result.stderr, result.stdout) == (
        ExitCode.OK, "", "2 files checked: 0 errors, 0 warnings: valid\n")


def test_every_problem_of_every_file_is_reported_in_file_order(run_cli: Run, write_yaml: Write) -> None:
    broken = write_yaml("fw-test.yaml", FRAMEWORK.replace('      - id: "1.1"', '      - id: "1"')
                        .replace("  title_en: Test plan", "  title_english: Test plan"))
    valid = write_yaml("fw-ok.yaml", FRAMEWORK.replace("fw-test", "fw-ok"))
    plan = write_yaml("plan.yaml", PLAN.replace("[fw-test]", "[fw-test, fw-ok, dg-2599-2600]")
                      .replace("[fw-test:1.1]", "[fw-ok:9, other:1, fw-test:9]")
                      .replace('  - id: "2"', '  - id: "1"\n    titel: x'))
    result = run_cli("validate", str(plan), str(broken), str(valid))
    assert result.exit_code == ExitCode.BAD_INPUT
    assert problems(result) == [
        f"error: {plan}:5: plan.frameworks: names unknown framework 'dg-2599-2600' (available: "
        f"{', '.join(sorted([*BUNDLED_IDS.split(', '), 'fw-ok', 'fw-test']))})",
        f"error: {plan}:9: objective 1: aligns_with 'fw-ok:9' names no item '9' in fw-ok",
        f"error: {plan}:9: objective 1: aligns_with 'other:1' names framework 'other', which the plan does not list "
        "under plan.frameworks",
        f"error: {plan}:10: objectives (id 1): duplicate objective id '1' (first at line 7)",
        f"error: {plan}:11: objectives[1] (id 1): unknown key 'titel' (did you mean 'title'?); allowed: id, title, "
        "description, source, aligns_with",
        f"error: {broken}:5: framework: unknown key 'title_english' (did you mean 'title_en'?); allowed: id, "
        "family, title, title_en, issuer, period, source, level, level_source, links",
        f"error: {broken}:13: items (id 1): duplicate item id '1' (first at line 9)",
    ]
    assert result.stdout == "3 files checked: 7 errors, 0 warnings: INVALID\n"


def test_problems_are_sorted_by_line_within_a_file(run_cli: Run, write_yaml: Write) -> None:
    plan = write_yaml("plan.yaml", PLAN.replace("[fw-test]", "[fw-test, dg-2599-2600]")
                      .replace('  - id: "2"', '  - id: "1"\n    titel: x'))
    write_yaml("fw/fw-test.yaml", FRAMEWORK)
    lines = problems(run_cli("validate", str(plan), "--frameworks", str(plan.parent / "fw")))
    assert [int(line.split(":")[2]) for line in lines] == [5, 10, 11]


def test_period_outside_a_named_edition_is_a_warning_only(run_cli: Run, write_yaml: Write) -> None:
    framework = write_yaml("fw-test.yaml", FRAMEWORK)
    plan = write_yaml("plan.yaml", PLAN.replace("period: [2023, 2027]", "period: [2018, 2022]"))
    result = run_cli("validate", str(framework), str(plan))
    assert result.exit_code == ExitCode.OK
    assert problems(result) == [f"warning: {plan}:4: plan.period: 2018-2022 lies outside fw-test's period 2023-2027"]
    assert result.stdout == "2 files checked: 0 errors, 1 warning: valid\n"


def test_framework_files_given_replace_the_bundled_one_of_their_id(run_cli: Run, write_yaml: Write) -> None:
    framework = write_yaml("dg-2566-2570.yaml", FRAMEWORK.replace("fw-test", "dg-2566-2570"))
    plan = write_yaml("plan.yaml", PLAN.replace("fw-test", "dg-2566-2570").replace(":1.1]", ":2]"))
    assert run_cli("validate", str(framework), str(plan)).exit_code == ExitCode.OK
    result = run_cli("validate", str(framework), str(plan.parent / "plan.yaml"))
    assert result.exit_code == ExitCode.OK
    broken = write_yaml("plan.yaml", PLAN.replace("fw-test", "dg-2566-2570").replace(":1.1]", ":4.1]"))
    assert "names no item '4.1' in dg-2566-2570" in run_cli("validate", str(framework), str(broken)).stderr


def test_two_framework_files_with_one_id(run_cli: Run, write_yaml: Write) -> None:
    first = write_yaml("a/fw-test.yaml", FRAMEWORK)
    second = write_yaml("b/fw-test.yaml", FRAMEWORK)
    result = run_cli("validate", str(first), str(second))
    assert problems(result) == [f"error: {second}:2: framework: id 'fw-test' is also the id of {first}"]
    assert result.exit_code == ExitCode.BAD_INPUT


def test_unreadable_and_unknown_files_are_problems_not_crashes(run_cli: Run, write_yaml: Write, tmp_path: Path) -> None:
    neither = write_yaml("notes.yaml", "notes: [a, b]\n")
    listed = write_yaml("list.yaml", "- a\n")
    empty = write_yaml("empty.yaml", "")
    missing = tmp_path / "missing.yaml"
    result = run_cli("validate", str(neither), str(listed), str(empty), str(missing))
    assert result.exit_code == ExitCode.BAD_INPUT
    assert problems(result) == [
        f"error: {neither}:1: top level: is neither a plan (key 'plan') nor a framework (key 'framework')",
        f"error: {listed}:1: top level: must be a mapping with the key 'plan' or 'framework'",
        f"error: {empty}: the file is empty",
        f"error: {missing}: no such file",
    ]


def test_a_directory_means_its_yaml_files(run_cli: Run, write_yaml: Write, tmp_path: Path) -> None:
    write_yaml("data/fw-test.yaml", FRAMEWORK)
    write_yaml("data/plan.yaml", PLAN)
    write_yaml("data/readme.txt", "not YAML")
    result = run_cli("validate", str(tmp_path / "data"))
    assert (result.exit_code, result.stdout) == (ExitCode.OK, "2 files checked: 0 errors, 0 warnings: valid\n")


def test_broken_bundled_reference_framework_is_reported(run_cli: Run, write_yaml: Write, tmp_path: Path) -> None:
    broken = write_yaml("fw/fw-other.yaml", FRAMEWORK.replace("fw-test", "fw-other").replace("  family: dg\n", ""))
    plan = write_yaml("plan.yaml", PLAN.replace("[fw-test]", "[fw-other]").replace("fw-test:1.1", "fw-other:1"))
    result = run_cli("validate", str(plan), "--frameworks", str(tmp_path / "fw"))
    assert problems(result)[-1] == f"error: {broken}:2: framework: missing required key 'family'"


@pytest.fixture
def fw_dir(write_yaml: Write, tmp_path: Path) -> Path:
    write_yaml("fw/fw-test.yaml", FRAMEWORK)
    return tmp_path / "fw"


def test_frameworks_lists_bundled_and_extra_frameworks(run_cli: Run, fw_dir: Path) -> None:
    result = run_cli("frameworks", "--frameworks", str(fw_dir))
    assert result.exit_code == ExitCode.OK and result.stderr == ""
    lines = result.stdout.splitlines()
    at = next(number for number, line in enumerate(lines) if "fw-test" in line)
    rows = [[cell.strip() for cell in line.split("│")[1:6]] for line in lines[at:at + 3]]
    assert rows == [["fw-test", "แผนทดสอบ", "2023-2027", "-", "2 strategies"],
                    ["", "Test plan", "B.E. 2566-2570", "", "1 measure"],
                    ["", "https://example.org/fw-test", "", "", ""]]
    assert "dg-2566-2570" in result.stdout


@pytest.mark.parametrize("where", ["before", "after"])
def test_frameworks_show_prints_the_tree(run_cli: Run, fw_dir: Path, where: str) -> None:
    args = ["frameworks", "--frameworks", str(fw_dir), "show", "fw-test"] if where == "before" else [
        "frameworks", "show", "fw-test", "--frameworks", str(fw_dir)]
    result = run_cli(*args)
    assert result.exit_code == ExitCode.OK
    assert result.stdout.splitlines() == [
        "fw-test  แผนทดสอบ",
        "Test plan",
        "├── 1  บริการดิจิทัล",
        "│   Digital services",
        "│   └── 1.1  บริการออนไลน์",
        "└── 2  กำลังคนดิจิทัล",
        "period 2023-2027 (B.E. 2566-2570); 2 strategies, 1 measure",
        "source: https://example.org/fw-test",
        "",
        "level in the national planning system: not stated by any source found",
    ]


def test_frameworks_show_dg_2566_2570_has_4_strategies_and_20_measures(run_cli: Run) -> None:
    result = run_cli("frameworks", "show", "dg-2566-2570")
    assert result.exit_code == ExitCode.OK
    assert "; 4 strategies, 20 measures" in result.stdout


def test_frameworks_show_unknown_id_is_one_line_exit_2(run_cli: Run) -> None:
    result = run_cli("frameworks", "show", "dg-2599-2600")
    assert result.exit_code == ExitCode.BAD_INPUT and result.stdout == ""
    assert problems(result) == [
        f"error: no framework 'dg-2599-2600'; available: {BUNDLED_IDS}"]


def test_frameworks_with_a_broken_extra_framework_is_input_error(run_cli: Run, write_yaml: Write,
                                                                tmp_path: Path) -> None:
    broken = write_yaml("fw/fw-test.yaml", FRAMEWORK.replace("  source: https://example.org/fw-test\n", ""))
    result = run_cli("frameworks", "--frameworks", str(tmp_path / "fw"))
    assert (result.exit_code, problems(result)) == (
        ExitCode.BAD_INPUT, [f"error: {broken}:2: framework: missing required key 'source'"])


def test_a_directory_that_cannot_be_listed_is_a_problem(run_cli: Run, write_yaml: Write, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    # Root lists any directory: make the listing itself fail, as it does for other users.
    locked = tmp_path / "locked"
    locked.mkdir()
    real_iterdir = Path.iterdir

    def iterdir(self: Path) -> object:
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    plan = write_yaml("plan.yaml", PLAN.replace("fw-test", "dg-2566-2570").replace(":1.1]", ":1]"))
    validated = run_cli("validate", str(locked))
    assert (validated.exit_code, problems(validated)) == (
        ExitCode.BAD_INPUT, [f"error: {locked}: cannot be read: Permission denied"])
    checked = run_cli("check", str(plan), "--frameworks", str(locked), "-o", str(tmp_path / "out.json"))
    assert (checked.exit_code, problems(checked)) == (
        ExitCode.BAD_INPUT, [f"error: {locked}: cannot be read: Permission denied"])
