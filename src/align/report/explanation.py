"""`align explain`: one objective's links as the terminal shows them, shared terms highlighted in both texts.

In colour the shared terms are highlighted; in plain text (files, pipes, NO_COLOR) they are put «between
guillemets», which Thai and English plan text do not use.
"""

from __future__ import annotations

from io import StringIO

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from align.explanation import ExplainedLink, Explanation
from align.highlight import Mark
from align.labels import Labels, Lang
from align.report.thai_wrap import wrapped
from align.result import Grade, Status, shown

RENDER_WIDTH = 120
_HIGHLIGHT = "bold black on yellow"
_GRADE_STYLE = {Grade.STRONG: "green", Grade.WEAK: "yellow", Grade.NONE: "red"}
_STATUS_STYLE = {Status.ALIGNED: "green", Status.WEAK: "yellow", Status.UNALIGNED: "bold red"}
OPEN_MARK, CLOSE_MARK = "«", "»"


def build(explanation: Explanation, lang: Lang = Lang.EN, marks: bool = False) -> RenderableType:
    """The explanation as a rich renderable; `marks` puts «» around highlights for plain output."""
    t = Labels(lang)
    result = explanation.result
    objective = explanation.objective
    own = objective.objective
    parts: list[RenderableType] = []
    heading = Text()
    heading.append(t("explain.title", id=own.id), style="bold")
    heading.append(f"  ({result.plan.id}, {result.plan_file})", style="dim")
    parts.append(heading)
    line = Text()
    line.append(f"{t('objective')} {own.id}: ", style="bold")
    line.append(t.status_code(objective.status), style=_STATUS_STYLE[objective.status])
    parts.append(line)
    parts.append(Padding(wrapped(_marked(own.title, explanation.title_marks, marks)), (0, 0, 0, 2)))
    if own.description:
        parts.append(Padding(wrapped(_marked(own.description, explanation.description_marks, marks, style="dim")),
                             (0, 0, 0, 2)))
    declared = ", ".join(str(link) for link in own.aligns_with) or "-"
    parts.append(Text(f"{t('objective.aligns_with')}: {declared}"))
    # The planner's reading: what kind of digital work the objective's own words say, and for whom.
    reading = Text(f"{t('explain.reading')}: ")
    reading.append("; ".join(f"{t.code(code)} ({words})" for code, words in objective.reading)
                   or t("explain.reading_none"))
    parts.append(wrapped(reading))
    if explanation.findings:
        findings = Text("\n")
        findings.append(f"{t('findings')}:", style="bold")
        for finding in explanation.findings:
            findings.append(f"\n  - {t.kind(finding.kind)}: {t.finding(finding)}",
                            style="red" if finding.fails else "")
        parts.append(findings)
    for framework in result.frameworks:
        links = [link for link in explanation.links if link.framework.id == framework.id]
        if links:
            parts.append(Text(""))
            name = t.plan_name(framework.family, framework.period, framework.title)
            parts.append(_table(framework.id, name, links, t, marks))
    shown = len(explanation.links)
    footer = t("explain.all", total=explanation.total) if explanation.every else \
        t("explain.shown", shown=shown, total=explanation.total)
    parts.append(Text(footer, style="dim"))
    return Group(*parts)


def render(explanation: Explanation, lang: Lang = Lang.EN, width: int = RENDER_WIDTH) -> str:
    """The explanation as plain text with «marks», for files and tests."""
    console = Console(file=StringIO(), width=width, color_system=None, force_terminal=False, legacy_windows=False,
                      soft_wrap=False)
    console.print(build(explanation, lang, marks=True))
    output = console.file.getvalue()  # type: ignore[attr-defined]
    return "\n".join(line.rstrip() for line in output.splitlines()) + "\n"


def _table(framework_id: str, title: str, links: list[ExplainedLink], t: Labels, marks: bool) -> Table:
    table = Table(title=f"{framework_id}  {title}", title_justify="left", expand=True, show_lines=True)
    table.add_column(t("target"), no_wrap=True)
    table.add_column(t("score"), justify="right", no_wrap=True)
    table.add_column(t("grade"), no_wrap=True)
    table.add_column(t("declared.column"), no_wrap=True)
    table.add_column(t("explain.text"), ratio=1)
    for link in links:
        candidate = link.candidate
        target = Text(candidate.target.item, style="bold")
        target.append("\n" + (t("strategy") if link.is_strategy else t("measure")).lower(), style="dim")
        if not link.is_strategy:
            target.append("\n" + t("explain.under", id=link.strategy.id), style="dim")
        text = _marked(link.item.title, link.title_marks, marks)
        if link.item.title_en:
            text.append("\n")
            text.append_text(_marked(link.item.title_en, link.title_en_marks, marks, style="dim"))
        text.append(f"\n{t('evidence')}: ", style="bold")
        if not candidate.evidence:
            text.append(t("evidence.none"), style="dim")
        for index, term in enumerate(candidate.evidence):
            if index:
                text.append("; ")
            text.append(t.term(term, link.item.id))
        table.add_row(
            target,
            Text(shown(candidate.score)),
            wrapped(Text(t.grade_code(candidate.grade), style=_GRADE_STYLE[candidate.grade])),
            Text("◆ " + t("declared") if candidate.declared else "", style="cyan"),
            wrapped(text),
        )
    return table


def _marked(text: str, found: tuple[Mark, ...], marks: bool, style: str = "") -> Text:
    result = Text(style=style)
    position = 0
    for mark in found:
        result.append(text[position:mark.start], style=style)
        highlighted = text[mark.start:mark.end]
        if marks:
            highlighted = f"{OPEN_MARK}{highlighted}{CLOSE_MARK}"
        result.append(highlighted, style=_HIGHLIGHT)
        position = mark.end
    result.append(text[position:], style=style)
    return result
