"""Shared fixtures: tiny model builders, a YAML writer, and the CLI runner."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from align.model import Framework, FrameworkId, FrameworkItem, ItemId, ItemRef, Objective, ObjectiveId, Plan
from align.result import CheckResult, LinkScore

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


def link(target: str, score: float, *evidence: str) -> LinkScore:
    from align.result import LinkScore

    return LinkScore(ItemRef.parse(target), score, evidence)


FW_A = make_framework(
    "fw-a",
    make_item("1", "พัฒนาโครงสร้างพื้นฐานดิจิทัล", make_item("1.1", "ขยายบรอดแบนด์")),
    make_item("2", "พัฒนาบริการประชาชน"),
    make_item("3", "พัฒนากำลังคนดิจิทัล"),
    make_item("4", "สร้างความเชื่อมั่น"),
)
FW_B = make_framework("fw-b", make_item("1", "เปิดเผยข้อมูล"), make_item("2", "อำนวยความสะดวกภาคธุรกิจ"))


def sample_scores() -> dict[str, list[LinkScore]]:
    """Hand-set scores of three objectives against FW_A and FW_B (every item)."""
    return {
        "1": [link("fw-a:1", 0.82, "บรอดแบนด์", "โครงสร้างพื้นฐานดิจิทัล"), link("fw-a:1.1", 0.71, "บรอดแบนด์"),
              link("fw-a:2", 0.30, "บริการ"), link("fw-a:3", 0.05), link("fw-a:4", 0.0),
              link("fw-b:1", 0.10, "ข้อมูล"), link("fw-b:2", 0.65, "ธุรกิจ")],
        "2": [link("fw-a:1", 0.0), link("fw-a:1.1", 0.0), link("fw-a:2", 0.35, "บริการ"), link("fw-a:3", 0.12),
              link("fw-a:4", 0.0), link("fw-b:1", 0.02), link("fw-b:2", 0.0)],
        "3": [link("fw-a:1", 0.01), link("fw-a:1.1", 0.0), link("fw-a:2", 0.0), link("fw-a:3", 0.0),
              link("fw-a:4", 0.0), link("fw-b:1", 0.0), link("fw-b:2", 0.0)],
    }


def sample_plan() -> Plan:
    return make_plan(
        make_objective("1", "ขยายบรอดแบนด์ทุกตำบล", "fw-a:1", "fw-b:1"),
        make_objective("2", "พัฒนาบริการออนไลน์", "fw-a:3"),
        make_objective("3", "ขุดลอกคูคลอง"),
        frameworks=("fw-a", "fw-b"),
    )


def sample_result(policy: object = None) -> CheckResult:
    from align.assess import Policy, assess

    return assess(sample_plan(), (FW_A, FW_B), sample_scores(), policy or Policy(), "plan/test.yaml")  # type: ignore[arg-type]
