"""What Python command-line users expect of align, each convention run as a user would: -V, -q, --color, --exit-zero,
a plan on stdin, folders searched at any depth without hidden files, quoted patterns, one-line usage errors, report
files named on stderr, folders made for them, --lang on every command and the locale's default."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from align.cli import ExitCode

from ..conftest import REPO, CliResult

Run = Callable[..., CliResult]
BUNDLED = REPO / "plan" / "bma-ict-2561-2565.yaml"
DIGITAL = REPO / "plan" / "bma-digital-2566-2570.yaml"


def _align(*args: str, stdin: bytes | None = None,
           env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "align", *args], input=stdin, capture_output=True, check=False,
                          env={**os.environ, "COLUMNS": "120", **(env or {})})


def test_short_version_flag(run_cli: Run) -> None:
    result = run_cli("-V")
    assert result.exit_code == ExitCode.OK and result.stdout.startswith("align ")


@pytest.mark.parametrize(("args", "message"), [
    (["check", "--plan", "x"], "error: no such option: --plan"),
    (["check", "-f", "yaml"], "error: invalid value for '--format' / '-f': 'yaml' is not one of"),
    (["explain"], "error: missing argument 'OBJECTIVE'"),
    (["frameworks", "show", "--lang", "fr"], "error: invalid value for '--lang'"),
])
def test_usage_errors_are_one_line_on_stderr_and_exit_2(run_cli: Run, args: list[str], message: str) -> None:
    result = run_cli(*args)
    assert result.exit_code == ExitCode.BAD_INPUT and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith(message) and line.endswith("-h for help)")


def test_help_shows_no_type_names_for_flags(run_cli: Run) -> None:
    text = run_cli("check", "-h").stdout
    assert "<bool>" not in text and "list[Path]" not in text and "--exit-zero" in text and "-q, --quiet" in text


def test_exit_zero_turns_a_policy_failure_into_0_but_not_an_input_error(run_cli: Run, tmp_path: Path) -> None:
    assert run_cli("check", str(BUNDLED), "--fail-on", "gap", "-f", "json").exit_code == ExitCode.POLICY_FAILED
    assert run_cli("check", str(BUNDLED), "--fail-on", "gap", "-f", "json", "--exit-zero").exit_code == ExitCode.OK
    assert run_cli("check", str(tmp_path / "missing.yaml"), "--exit-zero").exit_code == ExitCode.BAD_INPUT


def test_a_plan_on_standard_input() -> None:
    done = _align("check", "-", "-f", "json", stdin=BUNDLED.read_bytes())
    assert done.returncode in (0, 1), done.stderr
    document = json.loads(done.stdout)
    assert document["plan"]["id"] == "bma-ict-2561-2565" and document["plan"]["path"] == "-"


def test_a_broken_plan_on_standard_input_is_named_as_such() -> None:
    done = _align("check", "-", stdin=b"plan: [unclosed\n")
    assert done.returncode == ExitCode.BAD_INPUT
    assert done.stderr.decode().startswith("error: -:")


def test_folders_are_searched_at_any_depth_without_hidden_files(run_cli: Run, tmp_path: Path) -> None:
    (tmp_path / "plans" / "2566").mkdir(parents=True)
    (tmp_path / "plans" / ".archive").mkdir()
    (tmp_path / "plans" / "2566" / "digital.yaml").write_bytes(DIGITAL.read_bytes())
    (tmp_path / "plans" / "ict.yml").write_bytes(BUNDLED.read_bytes())
    (tmp_path / "plans" / ".archive" / "old.yaml").write_text("not: a plan\n", encoding="utf-8")
    (tmp_path / "plans" / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    result = run_cli("check", str(tmp_path / "plans"), "-f", "json")
    assert result.exit_code in (0, 1), result.stderr
    ids = [json.loads(line)["plan"]["id"] for line in result.stdout.splitlines()]
    assert ids == ["bma-digital-2566-2570", "bma-ict-2561-2565"]  # 2566/digital.yaml sorts before ict.yml


def test_a_quoted_pattern_is_expanded_by_align(run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for path in (DIGITAL, BUNDLED):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", "bma-*.yaml", "-f", "json")
    assert len(result.stdout.splitlines()) == 2
    nothing = run_cli("check", "nothing-*.yaml")
    assert nothing.exit_code == ExitCode.BAD_INPUT and nothing.stderr == "error: nothing-*.yaml: matches no plan file\n"


def test_each_report_written_is_named_on_stderr_unless_quiet(run_cli: Run, tmp_path: Path) -> None:
    out, sarif = tmp_path / "new" / "deeper" / "report.md", tmp_path / "align.sarif"
    result = run_cli("check", str(BUNDLED), "-f", "markdown", "-o", str(out), "--report", f"sarif={sarif}")
    assert result.exit_code == ExitCode.OK and out.is_file() and sarif.is_file()  # missing folders were made
    assert result.stderr.splitlines() == [f"wrote the sarif report to {sarif}", f"wrote the markdown report to {out}"]
    quiet = run_cli("check", str(BUNDLED), "-f", "markdown", "-o", str(out), "-q")
    assert quiet.exit_code == ExitCode.OK and quiet.stderr == ""


def test_output_ending_in_a_slash_is_a_folder(run_cli: Run, tmp_path: Path) -> None:
    result = run_cli("check", str(BUNDLED), "-f", "html", "-o", f"{tmp_path / 'reports'}/")
    assert result.exit_code == ExitCode.OK, result.stderr
    assert (tmp_path / "reports" / "bma-ict-2561-2565.html").is_file()


def test_two_reports_to_one_file_are_refused_before_the_check(run_cli: Run, tmp_path: Path) -> None:
    target = tmp_path / "x"
    result = run_cli("check", str(BUNDLED), "-f", "json", "-o", str(target), "--report", f"sarif={target}")
    assert result.exit_code == ExitCode.BAD_INPUT and not target.exists()
    assert result.stderr == f"error: {target} would get two reports (json and sarif); give each its own file\n"


def test_color_is_forced_on_or_off() -> None:
    coloured = _align("check", str(BUNDLED), "--color")
    plain = _align("check", str(BUNDLED), "--no-color", env={"FORCE_COLOR": "1"})
    assert b"\x1b[" in coloured.stdout and b"\x1b[" not in plain.stdout


@pytest.mark.parametrize("command", [["check", str(BUNDLED)], ["check", str(BUNDLED), "-f", "markdown"],
                                     ["explain", "1"], ["validate"], ["frameworks"],
                                     ["frameworks", "show", "dg-2566-2570"]])
def test_every_command_speaks_thai_from_the_option_the_variable_or_the_locale(run_cli: Run, command: list[str],
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    english = run_cli(*command).stdout
    thai = run_cli(*command, "--lang", "th").stdout
    monkeypatch.setenv("ALIGN_LANG", "th")
    assert run_cli(*command).stdout == thai
    monkeypatch.delenv("ALIGN_LANG")
    monkeypatch.setenv("LANG", "th_TH.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert run_cli(*command).stdout == thai
    assert thai != english and _thai_share(thai) > _thai_share(english)


def _thai_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum("\u0e00" <= c <= "\u0e7f" for c in letters) / max(len(letters), 1)


def test_min_coverage_as_a_percentage_in_the_settings_file(run_cli: Run, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "align.toml").write_text('min-coverage = {"de-2561-2580" = "60%"}\n', encoding="utf-8")
    assert run_cli("check", str(BUNDLED), "-f", "json").exit_code == ExitCode.POLICY_FAILED  # 50% < 60%
    (tmp_path / "align.toml").write_text('min-coverage = {"de-2561-2580" = "50%"}\n', encoding="utf-8")
    assert run_cli("check", str(BUNDLED), "-f", "json").exit_code == ExitCode.OK
