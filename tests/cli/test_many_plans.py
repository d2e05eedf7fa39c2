"""Many plans in one run (issue 8): directories of plans, --jobs equal to one process, and a start-up that
does not pay for the matcher when the command needs none. Speed itself is measured by
benchmarks/performance.py, never asserted here."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from align import pipeline
from align.cli import ExitCode
from align.errors import AlignError, InputError
from align.loading.plans import load_plan
from align.report import json as json_report
from align.result import CheckResult

from ..conftest import REPO, CliResult

Run = Callable[..., CliResult]
LABELLED = sorted([*(REPO / "benchmarks" / "devset").glob("*.yaml"), *(REPO / "benchmarks" / "realset").glob("*.yaml"),
                   *(REPO / "plan").glob("*.yaml")])


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    """A directory of the bundled and labelled plans (seven plans, some failing the policy), and a non-plan."""
    directory = tmp_path / "plans"
    directory.mkdir()
    for path in LABELLED:
        shutil.copy(path, directory / path.name)
    (directory / "README.md").write_text("not a plan", encoding="utf-8")
    return directory


def test_a_directory_is_checked_plan_by_plan_in_name_order(run_cli: Run, plans: Path) -> None:
    result = run_cli("check", str(plans), "-f", "json")
    ids = [json.loads(line)["plan"]["id"] for line in result.stdout.splitlines()]
    names = sorted(p.name for p in plans.glob("*.yaml"))
    assert len(ids) == len(names) == len(LABELLED)
    assert ids == [load_plan(plans / name).id for name in names]
    assert result.exit_code == ExitCode.POLICY_FAILED  # dev-negatives fails, as it must


@pytest.mark.parametrize("fmt", ["json", "markdown", "github", "junit", "csv", "sarif"])
def test_jobs_give_the_report_of_one_process(run_cli: Run, plans: Path, fmt: str) -> None:
    one = run_cli("check", str(plans), "-f", fmt)
    two = run_cli("check", str(plans), "-f", fmt, "--jobs", "2")
    assert two.exit_code == one.exit_code == ExitCode.POLICY_FAILED
    assert two.stdout == one.stdout and len(one.stdout) > 1_000
    assert two.stderr == one.stderr == ""  # no progress bar when stderr is not a terminal


def test_jobs_give_the_table_of_one_process(run_cli: Run, plans: Path, tmp_path: Path) -> None:
    one = run_cli("check", str(plans))
    two = run_cli("check", str(plans), "-j", "2")
    assert two.stdout == one.stdout and "FAILED" in one.stdout
    run_cli("check", str(plans), "-o", str(tmp_path / "one.txt"), "--report", f"json={tmp_path / 'one.json'}")
    run_cli("check", str(plans), "-o", str(tmp_path / "two.txt"), "--report", f"json={tmp_path / 'two.json'}",
            "-j", "0")
    for name in ("txt", "json"):
        assert (tmp_path / f"two.{name}").read_bytes() == (tmp_path / f"one.{name}").read_bytes()


@pytest.mark.parametrize("encoding", ["ascii", "cp874"])
def test_several_plans_to_a_stdout_that_is_not_utf8_give_the_same_documents(plans: Path, encoding: str) -> None:
    # The parts wait as UTF-8 bytes; a stdout of another encoding must still get them through its own encoder.
    def lines(stdout_encoding: str) -> list[str]:
        done = subprocess.run([sys.executable, "-m", "align", "check", str(plans), "-f", "json"], capture_output=True,
                              env={**os.environ, "PYTHONIOENCODING": stdout_encoding}, check=False)
        assert done.returncode == ExitCode.POLICY_FAILED and done.stderr == b"", done.stderr
        return done.stdout.decode(stdout_encoding).splitlines()

    utf8, other = lines("utf-8"), lines(encoding)
    assert len(other) == len(utf8) == len(LABELLED)
    assert [json.loads(line) for line in other] == [json.loads(line) for line in utf8]
    if encoding == "ascii":
        assert other != utf8 and all(line.isascii() for line in other)  # Thai as escapes, still valid JSON


def test_an_input_error_under_jobs_is_the_one_a_single_process_reports(run_cli: Run, plans: Path) -> None:
    broken = sorted(plans.glob("*.yaml"))[2]
    broken.write_text(broken.read_text(encoding="utf-8").replace("objectives:", "objective:", 1), encoding="utf-8")
    one = run_cli("check", str(plans), "-f", "json")
    two = run_cli("check", str(plans), "-f", "json", "--jobs", "2")
    assert one.exit_code == two.exit_code == ExitCode.BAD_INPUT
    assert two.stderr == one.stderr and str(broken) in one.stderr and "objective" in one.stderr
    assert one.stdout == two.stdout == ""


def test_a_broken_link_under_jobs_fails_the_run_before_any_report(run_cli: Run, plans: Path) -> None:
    path = plans / "dev-agency-b.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("aligns_with: [de-2561-2580:", "aligns_with: [de-2561-2580:99, de-2561-2580:", 1),
                    encoding="utf-8")
    result = run_cli("check", str(plans), "-f", "json", "--jobs", "2")
    assert result.exit_code == ExitCode.BAD_INPUT and result.stdout == ""
    assert "names no item '99'" in result.stderr and str(path) in result.stderr


def test_plan_files_expand_directories_and_refuse_an_empty_one(plans: Path, tmp_path: Path) -> None:
    single = plans / "dev-agency-a.yaml"
    files = pipeline.plan_files([single, plans])
    assert files[0] == single and files[1:] == sorted(plans.glob("*.yaml"))
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no plan files"):
        pipeline.plan_files([tmp_path / "empty"])


def test_check_each_yields_in_plan_order_with_jobs() -> None:
    ids = list(pipeline.check_each(LABELLED, each=_plan_id, jobs=2))
    assert ids == [r.plan.id for r in pipeline.run_many(LABELLED)]


def test_plans_checked_together_are_judged_as_each_alone(plans: Path) -> None:
    # Plans of one batch are scored together (one batch of array operations for all their objectives); each
    # alone is small enough for the text-by-text loop: the reports must not tell the two apart.
    files = sorted(plans.glob("*.yaml"))
    assert len(pipeline.batches(files, pipeline.BATCH_PLANS)) < len(files)
    together = pipeline.run_many(files)
    alone = [pipeline.run(path) for path in files]
    assert [json_report.render(r) for r in together] == [json_report.render(r) for r in alone]


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_unreadable_plan_raises_after_the_plans_before_it_are_yielded(plans: Path, jobs: int) -> None:
    files = sorted(plans.glob("*.yaml"))
    broken = files[2]
    broken.write_text(broken.read_text(encoding="utf-8").replace("objectives:", "objective:", 1), encoding="utf-8")
    seen = []
    with pytest.raises(AlignError) as raised:
        for plan_id in pipeline.check_each(files, each=_plan_id, jobs=jobs):
            seen.append(plan_id)
    assert str(broken) in str(raised.value)
    assert seen == [load_plan(path).id for path in files[:2]]


def test_batches_keep_plan_order_and_hold_large_plans_alone(tmp_path: Path) -> None:
    sizes = [10, 10, pipeline.BATCH_BYTES, 10] + [10] * (pipeline.BATCH_PLANS + 1)
    files = []
    for number, size in enumerate(sizes):
        files.append(tmp_path / f"{number:02d}.yaml")
        files[-1].write_bytes(b"#" * size)
    batches = pipeline.batches(files, pipeline.BATCH_PLANS)
    assert [path for batch in batches for path in batch] == files
    assert batches[0] == files[:3] and batches[1] == files[3 : 3 + pipeline.BATCH_PLANS]
    assert all(len(batch) <= pipeline.BATCH_PLANS for batch in batches)


def _plan_id(result: CheckResult) -> str:
    return result.plan.id


# Which modules a command imports, in a fresh interpreter.
IMPORTS = """
import sys
from typer.testing import CliRunner
from align.cli import app
CliRunner().invoke(app, sys.argv[1:])
print(" ".join(sorted(m for m in sys.modules if m.split(".")[0] in {"pythainlp", "nlpo3", "rapidfuzz", "numpy"}
                      or m.startswith("align.matching"))))
"""


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["validate"]])
def test_commands_that_match_nothing_do_not_import_the_matcher(args: list[str]) -> None:
    done = subprocess.run([sys.executable, "-c", IMPORTS, *args], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


def test_frameworks_takes_the_word_segmenter_only() -> None:
    # Thai titles wrap between words, which needs the tokenizer; scoring (numpy, the glossary's index) it does not.
    done = subprocess.run([sys.executable, "-c", IMPORTS, "frameworks"], capture_output=True, text=True, check=True)
    imported = set(done.stdout.split())
    assert "align.matching.text" in imported
    assert not {"numpy", "rapidfuzz", "align.matching.scorer", "align.matching.index"} & imported


def test_a_check_imports_the_matcher() -> None:
    done = subprocess.run([sys.executable, "-c", IMPORTS, "check", "-f", "json"], capture_output=True, text=True,
                          check=True)
    imported = done.stdout.split()
    assert {"align.matching.scorer", "pythainlp", "nlpo3", "numpy", "rapidfuzz"} <= set(imported)
