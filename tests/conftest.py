"""Shared fixtures: tiny model builders, a YAML writer, and the CLI runner."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from align.model import Framework, FrameworkId, FrameworkItem, ItemId, ItemRef, Objective, ObjectiveId, Plan

REPO = Path(__file__).resolve().parents[1]


def make_item(item_id: str, title: str, *children: FrameworkItem, **fields: object) -> FrameworkItem:
    return FrameworkItem(id=ItemId(item_id), title=title, items=tuple(children), **fields)  # type: ignore[arg-type]


def make_framework(fw_id: str, *items: FrameworkItem, period: tuple[int, int] = (2023, 2027)) -> Framework:
    return Framework(id=FrameworkId(fw_id), family="dg", title=f"แผน {fw_id}", period=period, items=tuple(items))


def make_objective(obj_id: str, title: str, *links: str, description: str | None = None) -> Objective:
    return Objective(id=ObjectiveId(obj_id), title=title, description=description,
                     aligns_with=tuple(ItemRef.parse(link) for link in links), line=10)


def make_plan(*objectives: Objective, frameworks: tuple[str, ...] = ("fw-a",),
              period: tuple[int, int] = (2023, 2027)) -> Plan:
    return Plan(id="test-plan", title="แผนทดสอบ", period=period,
                frameworks=tuple(FrameworkId(f) for f in frameworks), objectives=objectives,
                path=Path("plan/test.yaml"))


@pytest.fixture
def write_yaml(tmp_path: Path) -> Callable[..., Path]:
    """Write dedented YAML text to tmp_path/name and return the path."""

    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write


class CliResult:
    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code, self.stdout, self.stderr = exit_code, stdout, stderr


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., CliResult]:
    """Run `align ARGS` in-process through typer's runner; stdout and stderr apart."""
    from align.cli import app

    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("NO_COLOR", "1")

    def run(*args: str) -> CliResult:
        result = CliRunner().invoke(app, list(args), catch_exceptions=False)
        return CliResult(result.exit_code, result.stdout, result.stderr)

    return run
