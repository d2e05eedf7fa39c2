"""The documented GitHub Actions job and the pre-commit hook, run the way GitHub and pre-commit run them.

Both run the installed `align` console script in a throwaway agency repository with one plan whose only
objective (canal dredging) is unaligned under any matcher: the check fails, and a waiver turns it green.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from identify.identify import tags_from_filename
from pre_commit.clientlib import load_manifest

from align.cli import ExitCode

from ..conftest import REPO
from ..report.test_sarif import SARIF_SUBSET
from .test_gate import CANAL, WAIVER

WORKFLOW = REPO / "docs" / "examples" / "github-actions.yml"
HOOKS = REPO / ".pre-commit-hooks.yaml"
BIN = Path(sys.executable).parent


@pytest.fixture
def agency(tmp_path: Path) -> Path:
    """A checkout of an agency's repository: plan/canal.yaml and nothing else."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "plan").mkdir()
    (tmp_path / "plan" / "canal.yaml").write_text(CANAL.lstrip(), encoding="utf-8")
    return tmp_path


def _env(**extra: str) -> dict[str, str]:
    assert (BIN / "align").exists(), "the align console script is installed next to the test interpreter"
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "COLUMNS": "120", **extra}


def test_the_workflow_is_the_one_docs_ci_md_shows() -> None:
    assert WORKFLOW.read_text(encoding="utf-8") in (REPO / "docs" / "ci.md").read_text(encoding="utf-8")


def test_the_documented_github_job_fails_an_unaligned_plan_and_a_waiver_turns_it_green(agency: Path) -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true, as PyYAML does
    assert {"pull_request", "push", "schedule"} <= set(triggers)
    assert workflow["permissions"]["security-events"] == "write"
    steps = workflow["jobs"]["align"]["steps"]
    check = next(step for step in steps if step.get("id") == "check")
    upload = next(step for step in steps if step.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    assert upload["with"]["sarif_file"] == "align.sarif" and "always()" in upload["if"]

    summary = agency / "step-summary.md"

    def run_step() -> subprocess.CompletedProcess[str]:
        # The runner runs `run:` with `bash -e {0}` in the checkout (GITHUB_WORKSPACE).
        return subprocess.run(["bash", "-e", "-c", check["run"]], cwd=agency, capture_output=True, text=True,
                              env=_env(GITHUB_STEP_SUMMARY=str(summary), GITHUB_WORKSPACE=str(agency)), check=False)

    failed = run_step()
    assert failed.returncode == ExitCode.POLICY_FAILED, failed.stderr
    assert re.search(r"^::error file=plan/canal\.yaml,line=7,title=align unaligned%3A 2::", failed.stdout, re.M)
    log = json.loads((agency / "align.sarif").read_text(encoding="utf-8"))
    import jsonschema

    jsonschema.validate(log, SARIF_SUBSET)
    assert [r["level"] for r in log["runs"][0]["results"] if r["ruleId"] == "unaligned"] == ["error"]
    assert summary.read_text(encoding="utf-8").startswith("## align: แผนปฏิบัติราชการสำนักงานเขต — FAILED")

    (agency / "align-waivers.yaml").write_text(WAIVER.format(expires="2999-12-31"), encoding="utf-8")
    passed = run_step()
    assert passed.returncode == ExitCode.OK, passed.stderr
    assert re.search(r"^::notice file=plan/canal\.yaml,line=7,title=align unaligned%3A 2::waived ", passed.stdout,
                     re.M)
    assert "— PASSED" in summary.read_text(encoding="utf-8").splitlines()[0]


def test_the_hook_manifest_is_valid_for_pre_commit() -> None:
    [hook] = load_manifest(str(HOOKS))
    assert (hook["id"], hook["language"], hook["pass_filenames"], hook["require_serial"]) == (
        "align", "python", True, True)


@pytest.mark.parametrize(("path", "selected"), [
    ("plan/canal.yaml", True), ("plans/agency/2568.yml", True), ("frameworks/dg-2566-2570.yaml", False),
    ("align-waivers.yaml", False), ("plan/README.md", False),
])
def test_the_hook_selects_plan_files_only(path: str, selected: bool) -> None:
    [hook] = load_manifest(str(HOOKS))
    chosen = bool(re.search(hook["files"], path)) and set(hook["types"]) <= tags_from_filename(path) | {"file"}
    assert chosen is selected


def test_running_the_hooks_entry_on_a_sample_plan_fails_it(agency: Path) -> None:
    [hook] = load_manifest(str(HOOKS))
    command = shlex.split(hook["entry"]) + hook["args"] + ["plan/canal.yaml"]
    assert shutil.which(command[0], path=str(BIN)), "the hook's entry is the installed console script"
    done = subprocess.run(command, cwd=agency, capture_output=True, text=True, env=_env(), check=False)
    assert done.returncode == ExitCode.POLICY_FAILED, done.stderr
    assert "ขุดลอกคูคลอง" in done.stdout
    assert any(line.startswith("FAILED  ") for line in done.stdout.splitlines())
