"""What a check reports about a graded plan: findings, the waivers that accept some of them, and the verdict.

Pure: takes what assess.py graded and returns findings (kinds.py has every kind's severity and messages).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from align import calendar, links
from align.kinds import WAIVABLE, FindingKind
from align.model import Framework, FrameworkId, ItemRef, Objective, Plan
from align.result import Candidate, Coverage, Finding, Grade, ObjectiveResult, Outcome, Status, Waiver, shown


def broken_links(objective: Objective, plan: Plan, frameworks: Mapping[FrameworkId, Framework],
                 path: Path | None) -> list[Finding]:
    """A finding per declared link that does not hold (links.check_link)."""
    findings = []
    lines = objective.aligns_with_lines or (objective.line,) * len(objective.aligns_with)
    for link, line in zip(objective.aligns_with, lines, strict=False):
        broken = links.check_link(link, plan.frameworks, frameworks)
        if broken is not None:
            findings.append(Finding(FindingKind.BROKEN_LINK, objective.id,
                                    _values(target=str(link), problem=broken.describe()), path, line, objective.id,
                                    link))
    return findings


def objective_findings(result: ObjectiveResult, frameworks: Collection[FrameworkId],
                       path: Path | None) -> list[Finding]:
    """Unaligned and weak objectives; declared links with weak or no support; strong links not declared."""
    objective = result.objective
    findings = []

    def add(kind: FindingKind, ref: ItemRef | None = None, variant: str = "", /, **values: str) -> None:
        findings.append(Finding(kind, objective.id, _values(**values), path, objective.line, objective.id, ref,
                                variant=variant))

    if result.status is Status.UNALIGNED:
        add(FindingKind.UNALIGNED, frameworks=", ".join(frameworks))
    elif result.status is Status.WEAK:
        best = result.candidates[0]
        add(FindingKind.WEAK_LINK, best.target, "via" if best.via else "", **_link_values(best))
    if not objective.aligns_with:  # the rest is about declared links: none, and no candidate is declared
        return findings
    declared = {str(x) for x in objective.aligns_with}
    for candidate in result.candidates:
        if not candidate.declared or str(candidate.target) not in declared:
            continue
        via = ".via" if candidate.via else ""
        if candidate.grade is Grade.NONE:
            carrier = result.strategy(ItemRef(candidate.target.framework, candidate.strategy))
            if candidate.target.item != candidate.strategy and carrier is not None and carrier.grade is not Grade.NONE:
                # A declared measure the text does not support, under a strategy it does: name what carries it.
                add(FindingKind.UNSUPPORTED_LINK, candidate.target, "measure", **_link_values(candidate),
                    strategy=str(carrier.target), carrier=str(carrier.via or carrier.target),
                    carrier_score=shown(carrier.score))
            else:
                add(FindingKind.UNSUPPORTED_LINK, candidate.target, **_link_values(candidate))
        elif candidate.grade is Grade.WEAK:
            add(FindingKind.WEAK_LINK, candidate.target, "declared" + via, **_link_values(candidate))
    for candidate in result.strategies:
        if candidate.grade is Grade.STRONG and not candidate.declared:
            add(FindingKind.UNDECLARED_LINK, candidate.target, "via" if candidate.via else "",
                **_link_values(candidate))
    return findings


def _link_values(candidate: Candidate) -> dict[str, str]:
    values = {"target": str(candidate.target), "score": shown(candidate.score)}
    if candidate.via is not None:
        values["via"] = candidate.via.item
    return values


def gaps(coverage: Sequence[Coverage], path: Path | None, lines: Mapping[FrameworkId, int | None]) -> list[Finding]:
    """A finding per strategy no objective serves, located where the plan names its framework."""
    return [Finding(FindingKind.GAP, str(ref), _values(target=str(ref), title=item.item.title), path,
                    lines.get(cov.framework.id), target=ref)
            for cov in coverage for item in cov.items if item.grade is Grade.NONE
            for ref in [ItemRef(cov.framework.id, item.item.id)]]


def period_mismatches(plan: Plan, frameworks: Sequence[Framework], path: Path | None,
                      lines: Mapping[FrameworkId, int | None]) -> list[Finding]:
    """A finding per framework whose period shares no year with the plan's."""
    findings = []
    start, end = plan.period
    for fw in frameworks:
        if links.outside(plan.period, fw):
            first, last = fw.period
            values = _values(period=f"{start}-{end}", framework=fw.id, framework_period=f"{first}-{last}",
                             period_be=f"พ.ศ. {calendar.to_be(start)}-{calendar.to_be(end)}",
                             framework_period_be=f"พ.ศ. {calendar.to_be(first)}-{calendar.to_be(last)}")
            findings.append(Finding(FindingKind.PERIOD_MISMATCH, plan.id, values, path, lines.get(fw.id)))
    return findings


def low_coverage(coverage: Sequence[Coverage], minimum_of: Mapping[FrameworkId, float], path: Path | None,
                 lines: Mapping[FrameworkId, int | None]) -> list[Finding]:
    """A failing finding per framework whose coverage is below the policy's minimum."""
    findings = []
    for cov in coverage:
        minimum = minimum_of.get(cov.framework.id)
        if minimum is None or cov.ratio >= minimum:
            continue
        total = len(cov.items)
        strong = sum(1 for item in cov.items if item.grade is Grade.STRONG)
        # Say how many strategies the minimum asks for: 0.67 and 2/3 print alike as percentages.
        needed = math.ceil(minimum * total - 1e-9)
        values = _values(framework=cov.framework.id, strong=str(strong), total=str(total), ratio=f"{cov.ratio:.0%}",
                         minimum=f"{minimum:g}", needed=str(needed))
        findings.append(Finding(FindingKind.LOW_COVERAGE, cov.framework.id, values, path, lines.get(cov.framework.id),
                                fails=True))
    return findings


def waive(findings: Sequence[Finding], plan: Plan, waivers: Sequence[Waiver], today: date) -> list[Finding]:
    """Mark findings accepted by a waiver in force; report expired waivers and waivers that match nothing."""
    waivers = [w for w in waivers if w.plan is None or w.plan == plan.id]
    matched = [0] * len(waivers)
    result = []
    for finding in findings:
        active = None
        for index, waiver in enumerate(waivers):
            if _waives(waiver, finding):
                matched[index] += 1
                if active is None and not _expired(waiver, today):
                    active = waiver
        result.append(replace(finding, waived_by=active) if active else finding)
    objectives = {o.id for o in plan.objectives}
    for waiver, count in zip(waivers, matched, strict=True):
        subject = waiver.objective if waiver.objective is not None else str(waiver.target)
        if _expired(waiver, today):
            kind, variant = FindingKind.EXPIRED_WAIVER, "" if count else "unused"
            values = _values(waiver=waiver.describe(), expires=str(waiver.expires), subject=subject,
                             findings=f"{count} finding{'s' if count != 1 else ''}",
                             them="them" if count != 1 else "it")
        elif count == 0:
            missing = waiver.objective is not None and waiver.objective not in objectives
            kind, variant = FindingKind.STALE_WAIVER, "no-objective" if missing else ""
            values = _values(waiver=waiver.describe(), subject=subject, plan=plan.id,
                             objective=str(waiver.objective))
        else:
            continue
        result.append(Finding(kind, subject, values, waiver.path, waiver.line, waiver.objective, waiver.target,
                              variant=variant))
    return result


def _waives(waiver: Waiver, finding: Finding) -> bool:
    if finding.kind not in WAIVABLE:
        return False
    if waiver.kind is not None and finding.kind is not waiver.kind:
        return False
    if waiver.target is not None and finding.target != waiver.target:
        return False
    if waiver.objective is None:
        # A waiver without an objective names a strategy nobody serves (waivers.py checks it has a target).
        return finding.kind is FindingKind.GAP and waiver.target is not None
    return finding.objective == waiver.objective


def _expired(waiver: Waiver, today: date) -> bool:
    return waiver.expires is not None and waiver.expires < today


def apply_policy(findings: Sequence[Finding], fail_on: Collection[FindingKind]) -> list[Finding]:
    """Findings of a kind the policy fails on, and not waived, marked as failing."""
    return [replace(f, fails=True) if f.kind in fail_on and f.waived_by is None else f for f in findings]


def outcome(findings: Sequence[Finding]) -> Outcome:
    """The verdict: invalid input if a failing finding is a broken link, failed if any finding fails."""
    failing = [f for f in findings if f.fails]
    if any(f.kind is FindingKind.BROKEN_LINK for f in failing):
        return Outcome.INVALID
    return Outcome.FAILED if failing else Outcome.PASSED


def _values(**values: str) -> tuple[tuple[str, str], ...]:
    return tuple(values.items())
