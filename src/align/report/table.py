"""The terminal report: objectives with their best link in each national plan, coverage per strategy, the findings,
and the verdict with what it rests on.

Thai breaks between words (thai_wrap), never inside one; rich measures Thai cells by display width (combining
vowels and tone marks take no column), so columns line up. Labels speak the planner's language (--lang), with the
codes a CI log greps for beside them in Thai.
"""

from __future__ import annotations

from io import StringIO

from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from align.kinds import FindingKind
from align.labels import Labels, Lang
from align.model import Framework
from align.report.thai_wrap import wrapped
from align.result import CheckResult, Coverage, Finding, Grade, ObjectiveResult, Outcome, Status, shown

RENDER_WIDTH = 120
"""Width of the plain-text table written to --output or compared in tests."""

_GRADE_STYLE = {Grade.STRONG: "green", Grade.WEAK: "yellow", Grade.NONE: "red"}
_STATUS_STYLE = {Status.ALIGNED: "green", Status.WEAK: "yellow", Status.UNALIGNED: "bold red"}
_OUTCOME_STYLE = {Outcome.PASSED: "bold green", Outcome.FAILED: "bold red", Outcome.INVALID: "bold red"}


def build(result: CheckResult, lang: Lang = Lang.EN) -> RenderableType:
    """The whole report as a rich renderable, for a Console to print."""
    t = Labels(lang)
    parts: list[RenderableType] = [_heading(result), _objectives(result, t)]
    parts.extend(_coverage(cov, result, t) for cov in result.coverage)
    findings = _findings(result, t)
    if findings is not None:
        parts.append(findings)
    parts.append(summary(result, t))
    return Group(*parts)


def render(result: CheckResult, width: int = RENDER_WIDTH, lang: Lang = Lang.EN) -> str:
    """The report as plain text (no colour), for files and tests."""
    console = Console(file=StringIO(), width=width, color_system=None, force_terminal=False, legacy_windows=False,
                      soft_wrap=False)
    console.print(build(result, lang))
    output = console.file.getvalue()  # type: ignore[attr-defined]
    return "\n".join(line.rstrip() for line in output.splitlines()) + "\n"


def framework_name(framework: Framework, t: Labels) -> str:
    """A national plan as planners name it, with its id: what a column or table of it is headed with."""
    return f"{t.plan_name(framework.family, framework.period, framework.title)} ({framework.id})"


def _heading(result: CheckResult) -> RenderableType:
    plan = result.plan
    text = Text()
    text.append(plan.title, style="bold")
    text.append(f"  ({plan.id}, {plan.period[0]}-{plan.period[1]})  {result.plan_file}", style="dim")
    return wrapped(text)


def _objectives(result: CheckResult, t: Labels) -> Table:
    table = Table(title=t("table.objectives"), title_justify="left", expand=True)
    table.add_column(t("objective.id"), no_wrap=True)
    table.add_column(t("objective.title"), ratio=3)
    for fw in result.frameworks:
        # The id first: a column narrower than "(de-2561-2580)" would fold it.
        header = Text(fw.id, style="bold")
        header.append("\n" + t.plan_name(fw.family, fw.period, fw.title), style="")
        table.add_column(wrapped(header), ratio=2, min_width=len(fw.id))
    # Wide enough for its longest word ("unaligned", "(unaligned)"): a status is never folded.
    widest = max(cell_len(word) for status in Status for word in t.status_code(status).split())
    table.add_column(t("status"), min_width=widest, max_width=max(widest, cell_len(t("status"))))
    for obj in result.objectives:
        cells: list[RenderableType] = [Text(obj.objective.id), wrapped(obj.objective.title)]
        cells.extend(_best_cell(obj, result, fw, t) for fw in result.frameworks)
        cells.append(wrapped(Text(t.status_code(obj.status), style=_STATUS_STYLE[obj.status])))
        table.add_row(*cells)
    return table


def _best_cell(obj: ObjectiveResult, result: CheckResult, framework: Framework, t: Labels) -> RenderableType:
    best = obj.best(framework.id)
    if best is None:
        return Text("-", style="dim")
    strategy = framework.find(best.strategy)
    text = Text()
    # The first words stay what a CI log greps for: item, (via measure), grade, figure.
    text.append(f"{best.target.item} ", style="bold")
    if best.via is not None:
        text.append(f"(via {best.via.item}) ", style="dim")
    text.append(t.grade_code(best.grade), style=_GRADE_STYLE[best.grade])
    text.append(f" {shown(best.score)}")
    if best.declared:
        text.append(f" ◆ {t('declared')}", style="cyan")
    if strategy is not None:
        text.append("\n" + strategy.title)
    return wrapped(text)


def _coverage(cov: Coverage, result: CheckResult, t: Labels) -> Table:
    strong = sum(1 for item in cov.items if item.grade is Grade.STRONG)
    title = f"{framework_name(cov.framework, t)}: {t('coverage.strong', strong=strong, total=len(cov.items))}"
    table = Table(title=title, title_justify="left", expand=True)
    table.add_column(t("strategy"), no_wrap=True)
    table.add_column(t("title"), ratio=4)
    table.add_column(t("grade"), no_wrap=True)
    table.add_column(t("served_by"), ratio=2)
    by_strategy = _served(cov, result)
    gaps = {f.target.item: f for f in result.findings if f.kind is FindingKind.GAP and f.target is not None
            and f.target.framework == cov.framework.id}
    for item in cov.items:
        strong_ids, weak_ids = by_strategy[item.item.id]
        served = Text()
        if strong_ids:
            served.append(t("table.served.strong", ids=", ".join(strong_ids)))
        if weak_ids:
            served.append(("\n" if strong_ids else "") + t("table.served.weak", ids=", ".join(weak_ids)),
                          style="yellow")
        if not strong_ids and not weak_ids:
            served.append(t("nobody"), style="red")
            gap = gaps.get(item.item.id)
            if gap is not None and gap.waived_by is not None:
                served.append("\n" + t("table.waived", reason=gap.waived_by.reason), style="dim")
        table.add_row(
            Text(item.item.id),
            wrapped(item.item.title),
            wrapped(Text(t.grade_code(item.grade), style=_GRADE_STYLE[item.grade])),
            wrapped(served),
        )
    return table


def _served(cov: Coverage, result: CheckResult) -> dict[str, tuple[list[str], list[str]]]:
    """Per strategy: the objectives that serve it strongly, and those that serve it only weakly (its measures'
    links included), in plan order."""
    served: dict[str, tuple[list[str], list[str]]] = {item.item.id: ([], []) for item in cov.items}
    for obj in result.objectives:
        for item_id, (strong, weak) in served.items():
            figure = next((c for c in obj.strategies if c.target.framework == cov.framework.id
                           and c.target.item == item_id), None)
            if figure is None:
                continue
            if figure.grade is Grade.STRONG:
                strong.append(obj.objective.id)
            elif figure.grade is Grade.WEAK:
                weak.append(obj.objective.id)
    return served


def _findings(result: CheckResult, t: Labels) -> Table | None:
    if not result.findings:
        return None
    table = Table(title=t("findings"), title_justify="left", expand=True)
    table.add_column(t("finding.kind"), no_wrap=True)
    table.add_column(t("finding.subject"), no_wrap=True)
    table.add_column(t("finding.message"), ratio=1)
    for finding in result.findings:
        table.add_row(_kind(finding, t), Text(finding.subject), wrapped(_message(finding, t)))
    return table


def _kind(finding: Finding, t: Labels) -> Text:
    text = Text(finding.kind.value, style="bold red" if finding.fails and finding.waived_by is None else "")
    if t.lang is Lang.TH:
        text.append(f"\n{t.kind(finding.kind)}")
    return text


def _message(finding: Finding, t: Labels) -> Text:
    text = Text(t.finding(finding))
    if finding.waived_by is not None:
        text.append("\n" + t("table.waived", reason=finding.waived_by.reason), style="dim")
    return text


def summary(result: CheckResult, t: Labels | None = None) -> RenderableType:
    """The verdict first, then the objectives by status and the coverage it rests on; a hint when it passes with
    strategies nobody serves (gaps are reported, and fail only when the policy says so)."""
    t = t or Labels(Lang.EN)
    s = result.summary
    text = Text()
    text.append(t.outcome_code(result.outcome), style=_OUTCOME_STYLE[result.outcome])
    text.append("  " + t("table.summary", objectives=s.objectives, aligned=s.aligned, weak=s.weak,
                          unaligned=s.unaligned))
    coverage = ", ".join(f"{c.framework.id} {c.ratio:.0%}" for c in result.coverage)
    text.append("\n" + t("table.coverage_line", coverage=coverage))
    gaps = sum(1 for f in result.findings if f.kind is FindingKind.GAP and f.waived_by is None and not f.fails)
    if result.outcome is Outcome.PASSED and gaps:
        text.append("\n" + t("table.gaps_pass", gaps=gaps), style="dim")
    return wrapped(text)
