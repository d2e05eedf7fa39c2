"""--output is written in one step: never half-written, never truncated by a failure, never over an input."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from align import outfile
from align.errors import InputError


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def test_replaces_the_file_and_keeps_its_permissions(tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o640)
    outfile.write_atomic(path, "ใหม่\n")
    assert path.read_text(encoding="utf-8") == "ใหม่\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert leftovers(tmp_path) == []


def test_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        outfile.write_atomic(tmp_path / "new.txt", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o644


def test_a_failure_while_writing_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "report.json"
    path.write_text("old report", encoding="utf-8")

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(InputError) as info:
        outfile.write_atomic(path, "new report")
    assert str(info.value) == f"{path}: --output: cannot be written: No space left on device"
    assert path.read_text(encoding="utf-8") == "old report"
    assert leftovers(tmp_path) == []


def test_an_interrupt_while_writing_leaves_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupt(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        outfile.write_atomic(tmp_path / "report.json", "x")
    assert list(tmp_path.iterdir()) == []


def test_a_symbolic_link_is_written_through(tmp_path: Path) -> None:
    target = tmp_path / "real.json"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    outfile.write_atomic(link, "new")
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "new"


@pytest.mark.parametrize(
    ("name", "expected"),
    [(".", "is a directory"), ("missing/report.json", "cannot be written: no such directory")],
)
def test_unwritable_targets_are_input_errors(tmp_path: Path, name: str, expected: str) -> None:
    with pytest.raises(InputError) as info:
        outfile.write_atomic(tmp_path / name, "x")
    assert info.value.where == "--output" and info.value.problem.startswith(expected)


def test_an_input_file_is_never_the_output(tmp_path: Path) -> None:
    plan = tmp_path / "plans" / "plan.yaml"
    plan.parent.mkdir()
    plan.write_text("plan: {}\n", encoding="utf-8")
    other = tmp_path / "report.json"
    other.write_text("", encoding="utf-8")
    outfile.refuse_inputs(other, [plan, tmp_path / "plans"])
    outfile.refuse_inputs(tmp_path / "new.json", [plan])
    for inputs in ([plan], [tmp_path / "plans"]):
        with pytest.raises(InputError, match="align never overwrites its inputs"):
            outfile.refuse_inputs(tmp_path / "plans" / ".." / "plans" / "plan.yaml", inputs)
