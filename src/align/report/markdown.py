"""GitHub-flavoured Markdown: the verdict and what fails first, the rest folded, for PR comments and job summaries.

User text is escaped for table cells: a Thai title may hold `|`, `*` or `[...]`, and GitHub renders HTML.
"""

from __future__ import annotations

import re

from align.labels import Labels, Lang
from align.report.common import counts, location
from align.result import CheckResult, Finding, Grade, ObjectiveResult, shown

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def render(result: CheckResult) -> str:
    """The report of one plan as Markdown."""
    plan = result.plan
    failing = [f for f in result.findings if f.fails]
    waived = [f for f in result.findings if f.waived_by is not None]
    other = [f for f in result.findings if not f.fails and f.waived_by is None]
    frameworks = ", ".join(fw.id for fw in result.frameworks)
    out = [
        f"## align: {_text(plan.title)} — {Labels(Lang.EN).outcome(result.outcome)}",
        "",
        f"Plan `{plan.id}` (`{result.plan_file}`, {plan.period[0]}-{plan.period[1]}), checked against {frameworks}.",
        "",
        f"{counts(result, ' · ')} · findings: {len(failing)} failing, {len(waived)} waived, {len(other)} other",
        "",
    ]
    if failing:
        out += [f"### Failing ({len(failing)})", "", *_findings(failing), ""]
    if waived:
        out += [f"### Waived ({len(waived)})", "", "| Kind | Where | Subject | Reason |", "|---|---|---|---|"]
        for f in waived:
            assert f.waived_by is not None
            until = f" (until {f.waived_by.expires})" if f.waived_by.expires else ""
            out.append(f"| {f.kind.value} | {_where(f)} | {_text(f.subject)} | {_text(f.waived_by.reason)}{until} |")
        out.append("")
    if other:
        out += [f"<details><summary>Other findings ({len(other)})</summary>", "", *_findings(other), "", "</details>",
                ""]
    out += ["### Coverage", "", "| Framework | Strongly served | Ratio | Gaps |", "|---|---|---|---|"]
    for cov in result.coverage:
        strong = sum(1 for item in cov.items if item.grade is Grade.STRONG)
        gaps = ", ".join(f"{cov.framework.id}:{item.item.id}" for item in cov.items if item.grade is Grade.NONE) or "-"
        out.append(f"| {cov.framework.id} {_text(cov.framework.title)} | {strong} of {len(cov.items)} | "
                   f"{cov.ratio:.0%} | {_text(gaps)} |")
    out += ["", f"<details><summary>Objectives ({len(result.objectives)})</summary>", "",
            "| ID | Objective | Status | Best link per framework |", "|---|---|---|---|"]
    for obj in result.objectives:
        out.append(f"| {_text(obj.objective.id)} | {_text(obj.objective.title)} | {obj.status.value} | "
                   f"{_best(obj, result)} |")
    out += ["", "</details>", ""]
    return "\n".join(out)


def _findings(findings: list[Finding]) -> list[str]:
    rows = ["| Kind | Where | Subject | Message |", "|---|---|---|---|"]
    rows += [f"| {f.kind.value} | {_where(f)} | {_text(f.subject)} | {_text(f.message)} |" for f in findings]
    return rows


def _best(obj: ObjectiveResult, result: CheckResult) -> str:
    cells = []
    for fw in result.frameworks:
        best = obj.best(fw.id)
        if best is not None:
            declared = ", declared" if best.declared else ""
            via = f" (via {best.via.item})" if best.via else ""
            cells.append(f"{best.target}{via} {best.grade.value} {shown(best.score)}{declared}")
    return _text("; ".join(cells)) or "-"


def _where(finding: Finding) -> str:
    where = location(finding)
    return f"`{where}`" if where and "`" not in where else _text(where) or "-"


def _text(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))
