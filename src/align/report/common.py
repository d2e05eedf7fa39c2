"""What several reporters share: locations, the summary line, the order of findings."""

from __future__ import annotations

from collections.abc import Iterable

from align.labels import Labels, Lang
from align.result import CheckResult, Finding


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
    return f"{counts(result)} | {Labels(Lang.EN).outcome(result.outcome)}"


def failing_first(findings: Iterable[Finding]) -> list[Finding]:
    """Failing findings, then the rest, each in report order (CI views often show only the first few)."""
    findings = list(findings)
    return [f for f in findings if f.fails] + [f for f in findings if not f.fails]
