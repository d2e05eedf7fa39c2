"""Grade scored links against the Policy and judge the plan: candidates, coverage, gaps, findings, outcome.

Pure: takes the plan, its frameworks and the link scores, returns a CheckResult. The two thresholds live
here and nowhere else.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from align.model import Framework, FrameworkId, ItemRef, Objective, ObjectiveId, Plan
from align.result import (
    Candidate,
    CheckResult,
    Coverage,
    Finding,
    FindingKind,
    Grade,
    LinkScore,
    ObjectiveResult,
    Outcome,
    Severity,
    Status,
    StrategyCoverage,
)

STRONG_THRESHOLD = 0.30
"""Score from which a link is strong (calibrated on the labelled devset, docs/matching.md)."""
WEAK_THRESHOLD = 0.15
"""Score from which a link is weak; below it the text does not support the link."""
TOP_STRATEGIES = 3
"""Strategies per framework always listed as candidates, whatever their grade (JSON contract)."""
DEFAULT_FAIL_ON = frozenset({FindingKind.UNALIGNED, FindingKind.BROKEN_LINK})


@dataclass(frozen=True, slots=True)
class Policy:
    """What grades links and what fails the plan."""

    strong: float = STRONG_THRESHOLD
    weak: float = WEAK_THRESHOLD
    fail_on: frozenset[FindingKind] = DEFAULT_FAIL_ON
    min_coverage: Mapping[FrameworkId, float] = field(default_factory=dict)
    """Framework -> lowest acceptable coverage ratio."""

    def grade(self, score: float) -> Grade:
        """The grade of a link with this score."""
        if score >= self.strong:
            return Grade.STRONG
        if score >= self.weak:
            return Grade.WEAK
        return Grade.NONE


_SEVERITY = {
    FindingKind.UNALIGNED: Severity.ERROR,
    FindingKind.BROKEN_LINK: Severity.ERROR,
    FindingKind.UNSUPPORTED_LINK: Severity.WARNING,
    FindingKind.WEAK_LINK: Severity.WARNING,
    FindingKind.GAP: Severity.WARNING,
    FindingKind.PERIOD_MISMATCH: Severity.WARNING,
    FindingKind.UNDECLARED_LINK: Severity.NOTE,
}
_GRADE_RANK = {Grade.STRONG: 2, Grade.WEAK: 1, Grade.NONE: 0}


def assess(
    plan: Plan,
    frameworks: Sequence[Framework],
    scores: Mapping[ObjectiveId, Sequence[LinkScore]],
    policy: Policy,
    plan_file: str | None = None,
) -> CheckResult:
    """Judge the plan. `frameworks` are the plan's, in its order; `scores` hold every item of them."""
    path = Path(plan_file) if plan_file else plan.path
    by_id = {fw.id: fw for fw in frameworks}
    findings: list[Finding] = []
    results = []
    for objective in plan.objectives:
        findings.extend(_broken_links(objective, by_id, path))
        result = _objective_result(objective, by_id, scores[objective.id], policy)
        results.append(result)
        findings.extend(_objective_findings(result, by_id, path))
    coverage = tuple(_coverage(fw, results) for fw in frameworks)
    findings.extend(_gaps(coverage))
    findings.extend(_period_mismatches(plan, frameworks, path))
    findings = [_apply_policy(f, policy) for f in findings]
    return CheckResult(
        plan=plan,
        frameworks=tuple(frameworks),
        objectives=tuple(results),
        coverage=coverage,
        findings=tuple(findings),
        outcome=_outcome(findings, coverage, policy),
        plan_file=plan_file or (plan.path.as_posix() if plan.path else ""),
    )


def _objective_result(
    objective: Objective, frameworks: Mapping[FrameworkId, Framework], scores: Sequence[LinkScore], policy: Policy
) -> ObjectiveResult:
    declared = {str(link) for link in objective.aligns_with}
    declared_strategies = set()
    for link in objective.aligns_with:
        fw = frameworks.get(link.framework)
        strategy = fw.strategy_of(link.item) if fw else None
        if strategy:
            declared_strategies.add(ItemRef(link.framework, strategy.id))
    candidates = []
    for scored in scores:
        fw = frameworks[scored.target.framework]
        strategy = fw.strategy_of(scored.target.item)
        assert strategy is not None, scored.target
        strategy_ref = ItemRef(fw.id, strategy.id)
        is_declared = str(scored.target) in declared or (
            strategy_ref in declared_strategies if scored.target == strategy_ref else str(strategy_ref) in declared
        )
        candidates.append(
            Candidate(scored.target, strategy.id, scored.score, policy.grade(scored.score), is_declared,
                      scored.evidence)
        )
    ranked = sorted(candidates, key=_rank_key)
    kept = _select(ranked)
    strategy_grades = [c.grade for c in ranked if c.target.item == c.strategy]
    best = max(strategy_grades, key=_GRADE_RANK.__getitem__, default=Grade.NONE)
    status = {Grade.STRONG: Status.ALIGNED, Grade.WEAK: Status.WEAK, Grade.NONE: Status.UNALIGNED}[best]
    return ObjectiveResult(objective, status, tuple(kept), tuple(ranked))


def _select(ranked: list[Candidate]) -> list[Candidate]:
    """The JSON contract: every strong or weak target, every declared one, and the top strategies per framework."""
    kept = []
    shown: dict[FrameworkId, int] = {}
    for candidate in ranked:
        is_strategy = candidate.target.item == candidate.strategy
        top = is_strategy and shown.get(candidate.target.framework, 0) < TOP_STRATEGIES
        if top or candidate.declared or candidate.grade is not Grade.NONE:
            kept.append(candidate)
            if is_strategy:
                shown[candidate.target.framework] = shown.get(candidate.target.framework, 0) + 1
    return kept


def _rank_key(candidate: Candidate) -> tuple[float, str, tuple[int | str, ...]]:
    item_key = tuple(int(p) if p.isdigit() else p for p in re.split(r"[.\-]", candidate.target.item))
    return (-candidate.score, candidate.target.framework, item_key)


def _broken_links(
    objective: Objective, frameworks: Mapping[FrameworkId, Framework], path: Path | None
) -> list[Finding]:
    findings = []
    lines = objective.aligns_with_lines or (objective.line,) * len(objective.aligns_with)
    for link, line in zip(objective.aligns_with, lines, strict=False):
        fw = frameworks.get(link.framework)
        if fw is None:
            problem = f"names framework '{link.framework}', which the plan does not list under plan.frameworks"
        elif fw.find(link.item) is None:
            problem = f"names no item '{link.item}' in {fw.id}"
        else:
            continue
        findings.append(
            Finding(
                FindingKind.BROKEN_LINK,
                _SEVERITY[FindingKind.BROKEN_LINK],
                objective.id,
                f"aligns_with '{link}' {problem}",
                path,
                line,
                objective.id,
                link,
            )
        )
    return findings


def _objective_findings(
    result: ObjectiveResult, frameworks: Mapping[FrameworkId, Framework], path: Path | None
) -> list[Finding]:
    objective = result.objective
    findings = []

    def add(kind: FindingKind, message: str, target: ItemRef | None = None) -> None:
        findings.append(
            Finding(kind, _SEVERITY[kind], objective.id, message, path, objective.line, objective.id, target)
        )

    if result.status is Status.UNALIGNED:
        add(FindingKind.UNALIGNED, "serves no strategy of " + ", ".join(frameworks) + " (no link at or above weak)")
    elif result.status is Status.WEAK:
        best = result.candidates[0]
        add(FindingKind.WEAK_LINK, f"its best link, {best.target} (score {best.score:.2f}), is only weak", best.target)
    for candidate in result.candidates:
        if not candidate.declared or str(candidate.target) not in {str(x) for x in objective.aligns_with}:
            continue
        if candidate.grade is Grade.NONE:
            add(FindingKind.UNSUPPORTED_LINK,
                f"declares {candidate.target}, but its text does not support it (score {candidate.score:.2f})",
                candidate.target)
        elif candidate.grade is Grade.WEAK:
            add(FindingKind.WEAK_LINK,
                f"declares {candidate.target}, with only weak support (score {candidate.score:.2f})", candidate.target)
    for candidate in result.candidates:
        is_strategy = candidate.target.item == candidate.strategy
        if is_strategy and candidate.grade is Grade.STRONG and not candidate.declared and objective.aligns_with:
            add(FindingKind.UNDECLARED_LINK,
                f"strongly matches {candidate.target} (score {candidate.score:.2f}), which it does not declare",
                candidate.target)
    return findings


def _coverage(framework: Framework, results: Sequence[ObjectiveResult]) -> Coverage:
    items = []
    for strategy in framework.items:
        ref = ItemRef(framework.id, strategy.id)
        best = Grade.NONE
        covering = set()
        for result in results:
            for candidate in result.candidates:
                if candidate.target.framework != framework.id or candidate.strategy != strategy.id:
                    continue
                if _GRADE_RANK[candidate.grade] > _GRADE_RANK[best] and candidate.target == ref:
                    best = candidate.grade
                if candidate.grade is not Grade.NONE:
                    covering.add(result.objective.id)
        items.append(StrategyCoverage(strategy, best, tuple(sorted(covering, key=_natural))))
    return Coverage(framework, tuple(items))


def _gaps(coverage: Sequence[Coverage]) -> list[Finding]:
    findings = []
    for cov in coverage:
        for item in cov.items:
            if item.grade is Grade.NONE:
                ref = ItemRef(cov.framework.id, item.item.id)
                findings.append(Finding(FindingKind.GAP, _SEVERITY[FindingKind.GAP], str(ref),
                                        f"no objective serves {ref} {item.item.title}", target=ref))
    return findings


def _period_mismatches(plan: Plan, frameworks: Sequence[Framework], path: Path | None) -> list[Finding]:
    findings = []
    start, end = plan.period
    for fw in frameworks:
        if end < fw.period[0] or start > fw.period[1]:
            findings.append(Finding(
                FindingKind.PERIOD_MISMATCH, _SEVERITY[FindingKind.PERIOD_MISMATCH], plan.id,
                f"plan period {start}-{end} lies outside {fw.id}'s period {fw.period[0]}-{fw.period[1]}", path))
    return findings


def _apply_policy(finding: Finding, policy: Policy) -> Finding:
    if finding.kind not in policy.fail_on or finding.waived_by is not None:
        return finding
    return Finding(finding.kind, finding.severity, finding.subject, finding.message, finding.path, finding.line,
                   finding.objective, finding.target, fails=True)


def _outcome(findings: Sequence[Finding], coverage: Sequence[Coverage], policy: Policy) -> Outcome:
    failing = [f for f in findings if f.fails]
    if any(f.kind is FindingKind.BROKEN_LINK for f in failing):
        return Outcome.INVALID
    below = [c for c in coverage if c.ratio < policy.min_coverage.get(c.framework.id, 0.0)]
    return Outcome.FAILED if failing or below else Outcome.PASSED


def _natural(text: str) -> tuple[int | str, ...]:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text) if p)
