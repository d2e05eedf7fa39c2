"""The terminal report: objectives with their best link per framework, coverage per strategy, a summary line.

rich measures Thai cells by display width (combining vowels and tone marks take no column), so columns line
up; nothing here pads with len() or ljust().
"""

from __future__ import annotations

from io import StringIO

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from align.kinds import FindingKind
from align.labels import Labels, Lang
from align.result import CheckResult, Coverage, Grade, ObjectiveResult, Outcome, Status, shown

RENDER_WIDTH = 120
"""Width of the plain-text table written to --output or compared in tests."""

_GRADE_STYLE = {Grade.STRONG: "green", Grade.WEAK: "yellow", Grade.NONE: "red"}
_STATUS_STYLE = {Status.ALIGNED: "green", Status.WEAK: "yellow", Status.UNALIGNED: "bold red"}
_OUTCOME_STYLE = {Outcome.PASSED: "bold green", Outcome.FAILED: "bold red", Outcome.INVALID: "bold red"}


def build(result: CheckResult) -> RenderableType:
    """The whole report as a rich renderable, for a Console to print."""
    parts: list[RenderableType] = [_heading(result), _objectives(result)]
    parts.extend(_coverage(cov) for cov in result.coverage)
    findings = _findings(result)
    if findings is not None:
        parts.append(findings)
    parts.append(summary_line(result))
    return Group(*parts)


def render(result: CheckResult, width: int = RENDER_WIDTH) -> str:
    """The report as plain text (no colour), for files and tests."""
    console = Console(file=StringIO(), width=width, color_system=None, force_terminal=False, legacy_windows=False,
                      soft_wrap=False)
    console.print(build(result))
    output = console.file.getvalue()  # type: ignore[attr-defined]
    return "\n".join(line.rstrip() for line in output.splitlines()) + "\n"


def _heading(result: CheckResult) -> Text:
    plan = result.plan
    text = Text()
    text.append(plan.title, style="bold")
    text.append(f"  ({plan.id}, {plan.period[0]}-{plan.period[1]})  {result.plan_file}", style="dim")
    return text


def _objectives(result: CheckResult) -> Table:
    table = Table(title="Objectives and their best link per framework", title_justify="left", expand=True)
    table.add_column("ID", no_wrap=True)
    table.add_column("Objective", ratio=3, overflow="fold")
    for fw in result.frameworks:
        table.add_column(f"Best in {fw.id}", ratio=2, overflow="fold")
    table.add_column("Status", no_wrap=True)
    for obj in result.objectives:
        cells: list[RenderableType] = [Text(obj.objective.id), Text(obj.objective.title)]
        cells.extend(_best_cell(obj, result, fw.id) for fw in result.frameworks)
        cells.append(Text(obj.status.value, style=_STATUS_STYLE[obj.status]))
        table.add_row(*cells)
    return table


def _best_cell(obj: ObjectiveResult, result: CheckResult, framework_id: str) -> Text:
    best = obj.best(framework_id)  # type: ignore[arg-type]
    if best is None:
        return Text("-", style="dim")
    strategy = result.framework(best.target.framework).find(best.strategy)
    text = Text()
    text.append(f"{best.target.item} ", style="bold")
    if best.via is not None:
        text.append(f"(via {best.via.item}) ", style="dim")
    text.append(best.grade.value, style=_GRADE_STYLE[best.grade])
    text.append(f" {shown(best.score)}")
    if best.declared:
        text.append(" declared", style="cyan")
    if strategy is not None:
        text.append("\n" + strategy.title, style="dim")
    return text


def _coverage(cov: Coverage) -> Table:
    strong = sum(1 for item in cov.items if item.grade is Grade.STRONG)
    title = f"{cov.framework.id} {cov.framework.title}: {strong}/{len(cov.items)} strategies strongly served"
    table = Table(title=title, title_justify="left", expand=True)
    table.add_column("Strategy", no_wrap=True)
    table.add_column("Title", ratio=4, overflow="fold")
    table.add_column("Grade", no_wrap=True)
    table.add_column("Served by", ratio=1)
    for item in cov.items:
        served = ", ".join(item.covered_by) if item.covered_by else "nobody (gap)"
        table.add_row(
            Text(item.item.id),
            Text(item.item.title),
            Text(item.grade.value, style=_GRADE_STYLE[item.grade]),
            Text(served, style="" if item.covered_by else "red"),
        )
    return table


def _findings(result: CheckResult) -> Table | None:
    # Gaps already show as rows of the coverage tables.
    shown = [f for f in result.findings if f.kind is not FindingKind.GAP]
    if not shown:
        return None
    table = Table(title="Findings", title_justify="left", expand=True)
    table.add_column("Kind", no_wrap=True)
    table.add_column("Subject", no_wrap=True)
    table.add_column("Message", ratio=1, overflow="fold")
    for finding in shown:
        kind = Text(finding.kind.value, style="bold red" if finding.fails else "")
        if finding.waived_by is not None:
            kind.append(" (waived)", style="dim")
        table.add_row(kind, Text(finding.subject), Text(finding.message))
    return table


def summary_line(result: CheckResult) -> Text:
    """One line: objectives by status, coverage per framework, verdict."""
    s = result.summary
    text = Text()
    text.append(f"{s.objectives} objectives: ")
    text.append(f"{s.aligned} aligned", style=_STATUS_STYLE[Status.ALIGNED])
    text.append(", ")
    text.append(f"{s.weak} weak", style=_STATUS_STYLE[Status.WEAK])
    text.append(", ")
    text.append(f"{s.unaligned} unaligned", style=_STATUS_STYLE[Status.UNALIGNED])
    coverage = ", ".join(f"{c.framework.id} {c.ratio:.0%}" for c in result.coverage)
    text.append(f" | coverage: {coverage} | ")
    text.append(Labels(Lang.EN).outcome(result.outcome), style=_OUTCOME_STYLE[result.outcome])
    return text
