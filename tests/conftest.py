"""Shared fixtures: tiny model builders, a YAML writer, and the CLI runner."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from typer.testing import CliRunner

from align.model import Framework, FrameworkId, FrameworkItem, ItemId, ItemRef, Objective, ObjectiveId, Plan
from align.result import (
    Candidate,
    CheckResult,
    Coverage,
    Finding,
    Grade,
    ObjectiveResult,
    Outcome,
    Status,
    StrategyCoverage,
)

if TYPE_CHECKING:
    from .browser import Browser

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


def make_result(
    plan: Plan,
    frameworks: tuple[Framework, ...],
    scores: dict[tuple[str, str], tuple[float, tuple[str, ...]]],
    findings: tuple[Finding, ...] = (),
    outcome: Outcome = Outcome.FAILED,
    strong: float = 0.30,
    weak: float = 0.15,
) -> CheckResult:
    """A CheckResult built by hand from (objective id, "fw:item") -> (score, evidence); unlisted items score 0.

    Independent of score.py and assess.py on purpose: reporter tests must not move when the matcher or the
    thresholds are recalibrated. Grades, candidates, status and coverage follow output-json.md.
    """

    def grade(score: float) -> Grade:
        return Grade.STRONG if score >= strong else Grade.WEAK if score >= weak else Grade.NONE

    rank = {Grade.STRONG: 2, Grade.WEAK: 1, Grade.NONE: 0}
    results = []
    for objective in plan.objectives:
        declared = {str(link) for link in objective.aligns_with}
        links = []
        for fw in frameworks:
            for strategy in fw.items:
                for item in strategy.walk():
                    ref = ItemRef(fw.id, item.id)
                    score, evidence = scores.get((objective.id, str(ref)), (0.0, ()))
                    strategy_ref = f"{fw.id}:{strategy.id}"
                    if item is strategy:
                        is_declared = any(d == strategy_ref or d.startswith(strategy_ref + ".") for d in declared)
                    else:
                        is_declared = str(ref) in declared or strategy_ref in declared
                    links.append(Candidate(ref, strategy.id, score, grade(score), is_declared, evidence))
        links.sort(key=lambda c: (-c.score, c.target.framework, c.target.item))
        shown: dict[str, int] = {}
        candidates = []
        for link in links:
            is_strategy = link.target.item == link.strategy
            top = is_strategy and shown.get(link.target.framework, 0) < 3
            if top or link.declared or link.grade is not Grade.NONE:
                candidates.append(link)
                if is_strategy:
                    shown[link.target.framework] = shown.get(link.target.framework, 0) + 1
        best = max((c.grade for c in links if c.target.item == c.strategy), key=rank.__getitem__, default=Grade.NONE)
        status = {Grade.STRONG: Status.ALIGNED, Grade.WEAK: Status.WEAK, Grade.NONE: Status.UNALIGNED}[best]
        results.append(ObjectiveResult(objective, status, tuple(candidates), tuple(links)))
    coverage = []
    for fw in frameworks:
        items = []
        for strategy in fw.items:
            on_strategy = [c for r in results for c in r.links if c.target == ItemRef(fw.id, strategy.id)]
            best = max((c.grade for c in on_strategy), key=rank.__getitem__, default=Grade.NONE)
            covering = sorted({r.objective.id for r in results for c in r.links
                               if c.target.framework == fw.id and c.strategy == strategy.id
                               and c.grade is not Grade.NONE})
            items.append(StrategyCoverage(strategy, best, tuple(covering)))
        coverage.append(Coverage(fw, tuple(items)))
    return CheckResult(plan, frameworks, tuple(results), tuple(coverage), findings, outcome,
                       plan_file="plan/test.yaml")


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


ARTIFACTS = REPO / "test-artifacts"
"""Screenshots and files written for a person to look at after a test run (gitignored)."""


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    """Headless chromium for the whole run; installed with apt-get first if missing (tests/browser.py)."""
    from .browser import Browser, ensure_chromium

    chromium, driver = ensure_chromium()
    session = Browser(chromium, driver, tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield session
    finally:
        session.quit()
