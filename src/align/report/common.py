"""What several reporters share: the vocabulary of finding kinds, locations, verdicts and the summary line."""

from __future__ import annotations

from collections.abc import Iterable

from align.result import CheckResult, Finding, FindingKind, Outcome

KIND_HELP = {
    FindingKind.UNALIGNED: "An objective with no link at or above the weak threshold to any strategy.",
    FindingKind.WEAK_LINK: "A declared link with only weak textual support, or an objective whose best link is weak.",
    FindingKind.UNSUPPORTED_LINK: "A declared link (aligns_with) with no textual support at all.",
    FindingKind.UNDECLARED_LINK: "A strong suggested link the plan does not declare (a hint).",
    FindingKind.GAP: "A framework strategy that no objective covers.",
    FindingKind.BROKEN_LINK: "A declared link to a framework or item that does not exist.",
    FindingKind.PERIOD_MISMATCH: "The plan's period lies outside the framework edition's period.",
    FindingKind.LOW_COVERAGE: "A framework's coverage is below the minimum the policy sets (min-coverage).",
    FindingKind.EXPIRED_WAIVER: "A waiver past its expiry date; it no longer waives anything.",
    FindingKind.STALE_WAIVER: "A waiver that matches no finding any more.",
}
"""One line per kind: SARIF rule descriptions, and the kinds table in docs/ci.md."""

VERDICT = {Outcome.PASSED: "PASSED", Outcome.FAILED: "FAILED", Outcome.INVALID: "INVALID INPUT"}


def location(finding: Finding) -> str:
    """`file:line`, `file`, or empty: where the finding points."""
    if finding.path is None:
        return ""
    path = finding.path.as_posix()
    return f"{path}:{finding.line}" if finding.line else path


def counts(result: CheckResult, separator: str = " | ") -> str:
    """Objectives by status and coverage per framework, on one line."""
    s = result.summary
    coverage = ", ".join(f"{c.framework.id} {c.ratio:.0%}" for c in result.coverage)
    return f"{s.objectives} objectives: {s.aligned} aligned, {s.weak} weak, {s.unaligned} unaligned{separator}" \
           f"coverage: {coverage}"


def summary(result: CheckResult) -> str:
    """One line: objectives by status, coverage per framework, verdict (the table report's last line)."""
    return f"{counts(result)} | {VERDICT[result.outcome]}"


def failing_first(findings: Iterable[Finding]) -> list[Finding]:
    """Failing findings, then the rest, each in report order (CI views often show only the first few)."""
    findings = list(findings)
    return [f for f in findings if f.fails] + [f for f in findings if not f.fails]
