"""Hostile input and faults (issue 20), each run as the installed command would meet it: outputs never replace a
device, a pipe or align's own files; user text never injects into a sink; a dead worker, SIGTERM, a closed or
full stdout each end in one line with their own exit code, and leave no temporary file."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from align.cli import ExitCode

from ..conftest import REPO, CliResult

Run = Callable[..., CliResult]
BUNDLED = REPO / "plan" / "bma-ict-2561-2565.yaml"
ALIGN = [sys.executable, "-m", "align"]


def _run(*args: str, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*ALIGN, *args], capture_output=True, check=False, timeout=120, **kwargs)  # type: ignore[call-overload]


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="needs /dev/null")
def test_dev_null_stays_a_device() -> None:
    done = _run("check", str(BUNDLED), "-f", "json", "-o", "/dev/null", "-q")
    assert done.returncode == ExitCode.OK, done.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_named_pipe_is_written_through_and_stays_a_pipe(tmp_path: Path) -> None:
    fifo = tmp_path / "junit.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    done = _run("check", str(BUNDLED), "-f", "json", "-q", "--report", f"junit={fifo}")
    reader.join(timeout=30)
    assert done.returncode == ExitCode.OK, done.stderr
    assert received and received[0].startswith(b"<?xml")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_dev_stdout_and_dash_write_to_standard_output() -> None:
    for target in ("/dev/stdout", "-"):
        done = _run("check", str(BUNDLED), "-f", "json", "-o", target)
        assert done.returncode == ExitCode.OK, done.stderr
        assert done.stdout.startswith(b"{") and done.stdout.rstrip().endswith(b"}")
    assert done.stderr == b""  # `-` is standard output itself: no line naming it


@pytest.mark.parametrize("name", ["align-waivers.yaml", "align.toml", "pyproject.toml"])
def test_align_own_settings_and_waivers_are_never_an_output(run_cli: Run, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_text("# mine\n", encoding="utf-8")
    result = run_cli("check", str(BUNDLED), "-f", "json", "-o", name)
    assert result.exit_code == ExitCode.BAD_INPUT and result.stdout == ""
    assert "one of align's own settings or waivers files" in result.stderr
    assert (tmp_path / name).read_text(encoding="utf-8") == "# mine\n"


def test_the_waivers_file_in_use_is_never_an_output(run_cli: Run, tmp_path: Path) -> None:
    waivers = tmp_path / "accepted.yaml"
    waivers.write_text("waivers: []\n", encoding="utf-8")
    result = run_cli("check", str(BUNDLED), "--waivers", str(waivers), "-f", "json", "-o", str(waivers))
    assert result.exit_code == ExitCode.BAD_INPUT
    assert waivers.read_text(encoding="utf-8") == "waivers: []\n"


def test_a_file_name_cannot_inject_a_github_workflow_command(tmp_path: Path) -> None:
    plan = tmp_path / "nl\n::error::pwned.yaml"
    plan.write_bytes(BUNDLED.read_bytes())
    done = _run("check", str(plan), "-f", "github", "--fail-on", "gap")
    lines = done.stdout.decode().splitlines()
    assert lines and not any(line.startswith("::error::pwned") for line in lines)
    assert all(line.startswith(("::error ", "::warning ", "::notice ", "align: ")) for line in lines)


def test_a_backtick_in_a_file_name_keeps_markdown_code_spans_closed(tmp_path: Path) -> None:
    plan = tmp_path / "a`b.yaml"
    plan.write_bytes(BUNDLED.read_bytes())
    done = _run("check", str(plan), "-f", "markdown")
    assert done.returncode == ExitCode.OK, done.stderr
    assert "``" + str(plan.name) in done.stdout.decode() or "a`b.yaml``" in done.stdout.decode()


def test_a_settings_file_that_is_a_pipe_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "align.toml"
    os.mkfifo(fifo)
    started = time.monotonic()
    done = _run("check", str(BUNDLED), "--config", str(fifo))
    assert done.returncode == ExitCode.BAD_INPUT and time.monotonic() - started < 30
    assert b"is not a regular file" in done.stderr


def test_a_closed_or_full_standard_output_is_an_environment_error() -> None:
    closed = subprocess.run([*ALIGN, "check", str(BUNDLED), "-f", "json"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, check=False, timeout=120,
                            preexec_fn=lambda: os.close(1))  # noqa: PLW1509  (the child starts with fd 1 closed)
    assert closed.returncode == ExitCode.ENVIRONMENT
    assert closed.stderr.decode().strip() == "align: standard output was closed before the report was written"
    if os.path.exists("/dev/full"):
        with open("/dev/full", "wb") as full:
            done = subprocess.run([*ALIGN, "check", str(BUNDLED), "-f", "json"], stdout=full,
                                  stderr=subprocess.PIPE, check=False, timeout=120)
        assert done.returncode == ExitCode.ENVIRONMENT
        assert done.stderr.decode().strip() == "align: cannot write to standard output: No space left on device"


def test_two_extra_framework_folders_may_not_define_one_id(run_cli: Run, tmp_path: Path) -> None:
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "dg-2566-2570.yaml").write_bytes((REPO / "frameworks" / "dg-2566-2570.yaml").read_bytes())
    result = run_cli("check", str(BUNDLED), "--frameworks", str(tmp_path / "one"), "--frameworks",
                     str(tmp_path / "two"))
    line = next(n for n, text in enumerate((tmp_path / "two" / "dg-2566-2570.yaml").read_text().splitlines(), 1)
                if text.strip() == "id: dg-2566-2570")
    assert result.exit_code == ExitCode.BAD_INPUT
    assert result.stderr.splitlines() == [
        f"error: {tmp_path / 'two' / 'dg-2566-2570.yaml'}:{line}: framework: id 'dg-2566-2570' is also the id of "
        f"{tmp_path / 'one' / 'dg-2566-2570.yaml'}"]


def test_a_folder_scan_reports_what_it_cannot_read(run_cli: Run, tmp_path: Path) -> None:
    (tmp_path / "A.YAML").write_bytes(BUNDLED.read_bytes())
    os.symlink(tmp_path / "nowhere.yaml", tmp_path / "dangling.yaml")
    result = run_cli("check", str(tmp_path), "-f", "json")
    assert result.exit_code == ExitCode.BAD_INPUT
    assert result.stderr == f"error: {tmp_path / 'dangling.yaml'}: no such file\n"


def _plans(folder: Path, count: int) -> Path:
    folder.mkdir()
    text = BUNDLED.read_text(encoding="utf-8")
    for number in range(count):
        (folder / f"p{number:03d}.yaml").write_text(text.replace("bma-ict-2561-2565", f"p{number:03d}", 1),
                                                    encoding="utf-8")
    return folder


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc to find the workers")
def test_a_killed_worker_ends_the_run_in_one_line_and_exit_3(tmp_path: Path) -> None:
    plans = _plans(tmp_path / "plans", 400)
    process = subprocess.Popen([*ALIGN, "check", str(plans), "-f", "json", "--jobs", "2"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not _children(process.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # the workers have started checking
    os.kill(_children(process.pid)[0], signal.SIGKILL)  # as the OOM killer would
    _, err = process.communicate(timeout=60)
    assert process.returncode == ExitCode.INTERNAL_ERROR
    assert err.decode().strip().startswith("align: a worker process ended before its plans were checked")


def test_sigterm_ends_the_run_in_one_line_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    plans = _plans(tmp_path / "plans", 400)
    out = tmp_path / "out"
    out.mkdir()
    process = subprocess.Popen([*ALIGN, "check", str(plans), "-f", "csv", "-o", str(out / "matrix.csv")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(2)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    if process.returncode in (0, 1):
        pytest.skip("the check finished before SIGTERM arrived")
    assert process.returncode == 143 and err.decode().strip().endswith("align: terminated")
    assert [p.name for p in out.iterdir() if p.name.endswith(".tmp")] == []


def test_errors_are_bounded_in_line_order_and_quick(run_cli: Run, tmp_path: Path) -> None:
    keys = "".join(f"  junk{number}: x\n" for number in range(5000))
    plan = tmp_path / "plan.yaml"
    plan.write_text(f"plan:\n{keys}objectives: []\n", encoding="utf-8")
    started = time.monotonic()
    result = run_cli("check", str(plan))
    assert result.exit_code == ExitCode.BAD_INPUT and time.monotonic() - started < 20
    lines = result.stderr.splitlines()
    assert len(lines) == 101 and lines[-1].startswith("error: ... and ") and "more problems not listed" in lines[-1]
    numbers = [int(line.split(":")[2]) for line in lines[:-1]]
    assert numbers == sorted(numbers)  # missing keys at line 1 come first, not after the unknown ones


def test_validating_an_empty_folder_is_not_valid(run_cli: Run, tmp_path: Path) -> None:
    result = run_cli("validate", str(tmp_path))
    assert result.exit_code == ExitCode.BAD_INPUT
    assert f"{tmp_path}: is a directory with no .yaml or .yml files" in result.stderr


def test_a_framework_listed_twice_is_one_problem_at_the_second(run_cli: Run, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(BUNDLED.read_text(encoding="utf-8").replace(
        "frameworks: [de-2561-2580, dg-2563-2565]", "frameworks: [de-2561-2580, dg-2563-2565, de-2561-2580]"),
        encoding="utf-8")
    assert "de-2561-2580, dg-2563-2565, de-2561-2580" in plan.read_text(encoding="utf-8")
    result = run_cli("check", str(plan))
    assert result.exit_code == ExitCode.BAD_INPUT
    assert result.stderr.count("frameworks lists") == 1 and "frameworks lists 'de-2561-2580' twice\n" in result.stderr


@pytest.mark.parametrize(("expires", "said"), [
    ("2027-02-30", "found '2027-02-30' (no such day)"),
    ("2027-02-01T10:00:00", "without a time"),
    ("2570-09-30", "looks like a Buddhist Era year; write the Gregorian year (2027)"),
])
def test_a_waiver_expiry_must_be_a_real_gregorian_day(run_cli: Run, tmp_path: Path, expires: str, said: str) -> None:
    waivers = tmp_path / "w.yaml"
    waivers.write_text(f'waivers:\n  - objective: "2"\n    reason: x\n    expires: {expires}\n', encoding="utf-8")
    result = run_cli("check", str(BUNDLED), "--waivers", str(waivers))
    assert result.exit_code == ExitCode.BAD_INPUT
    assert result.stderr.startswith(f"error: {waivers}:4: waivers[0] (objective 2): expires") and said in result.stderr


def test_latin_1_is_not_taken_for_thai(run_cli: Run, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(b'plan:\n  id: x\n  title: "caf\xe9 na\xefve r\xe9sum\xe9"\n')
    result = run_cli("check", str(plan))
    assert result.exit_code == ExitCode.BAD_INPUT
    assert "Windows-874" not in result.stderr and "is not UTF-8 (byte 0xe9" in result.stderr
