"""GitHub-flavoured Markdown: the verdict and what fails first, the rest folded, for PR comments and job summaries.

User text is escaped for table cells: a Thai title may hold `|`, `*` or `[...]`, and GitHub renders HTML.
"""

from __future__ import annotations

import re

from align.labels import Labels, Lang
from align.report.common import counts, location
from align.result import CheckResult, Finding, Grade, ObjectiveResult, shown

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def render(result: CheckResult, lang: Lang = Lang.EN) -> str:
    """The report of one plan as Markdown, headings and words in `lang` (codes and messages' ids as they are)."""
    t = Labels(lang)
    plan = result.plan
    failing = [f for f in result.findings if f.fails]
    waived = [f for f in result.findings if f.waived_by is not None]
    other = [f for f in result.findings if not f.fails and f.waived_by is None]
    frameworks = ", ".join(fw.id for fw in result.frameworks)
    s = result.summary
    english = lang is Lang.EN
    summary = counts(result, " · ") if english else (
        t("table.summary", objectives=s.objectives, aligned=s.aligned, weak=s.weak, unaligned=s.unaligned) + " · " +
        t("table.coverage_line", coverage=", ".join(f"{c.framework.id} {c.ratio:.0%}" for c in result.coverage)))
    out = [
        f"## align: {_text(plan.title)} — {t.outcome_code(result.outcome)}",
        "",
        t("md.plan", id=code(plan.id), file=code(result.plan_file), frameworks=frameworks,
          period=f"{plan.period[0]}-{plan.period[1]}" if english else t.period(plan.period)),
        "",
        summary + " · " + t("md.findings", failing=len(failing), waived=len(waived), other=len(other)),
        "",
    ]
    if failing:
        out += [f"### {t('md.failing')} ({len(failing)})", "", *_findings(failing, t), ""]
    if waived:
        out += [f"### {t('md.waived')} ({len(waived)})", "",
                f"| {t('finding.kind')} | {t('md.where')} | {t('finding.subject')} | {t('md.reason')} |",
                "|---|---|---|---|"]
        for f in waived:
            assert f.waived_by is not None
            until = " " + t("md.until", date=f.waived_by.expires) if f.waived_by.expires else ""
            out.append(f"| {_kind(f, t)} | {_where(f)} | {_text(f.subject)} | {_text(f.waived_by.reason)}{until} |")
        out.append("")
    if other:
        out += [f"<details><summary>{t('md.other')} ({len(other)})</summary>", "", *_findings(other, t), "",
                "</details>", ""]
    out += [f"### {t('coverage')}", "",
            f"| {t('framework')} | {t('md.strongly')} | {t('md.ratio')} | {t('gaps')} |", "|---|---|---|---|"]
    for cov in result.coverage:
        strong = sum(1 for item in cov.items if item.grade is Grade.STRONG)
        gaps = ", ".join(f"{cov.framework.id}:{item.item.id}" for item in cov.items if item.grade is Grade.NONE) or "-"
        out.append(f"| {cov.framework.id} {_text(cov.framework.title)} | "
                   f"{t('md.of', strong=strong, total=len(cov.items))} | {cov.ratio:.0%} | {_text(gaps)} |")
    out += ["", f"<details><summary>{t('objectives')} ({len(result.objectives)})</summary>", "",
            f"| {t('objective.id')} | {t('objective.title')} | {t('status')} | {t('md.best')} |", "|---|---|---|---|"]
    for obj in result.objectives:
        status = obj.status.value if english else t.status_code(obj.status)
        out.append(f"| {_text(obj.objective.id)} | {_text(obj.objective.title)} | {status} | {_best(obj, result, t)} |")
    out += ["", "</details>", ""]
    return "\n".join(out)


def _kind(finding: Finding, t: Labels) -> str:
    return finding.kind.value if t.lang is Lang.EN else f"{t.kind(finding.kind)} ({finding.kind.value})"


def _findings(findings: list[Finding], t: Labels) -> list[str]:
    rows = [f"| {t('finding.kind')} | {t('md.where')} | {t('finding.subject')} | {t('finding.message')} |",
            "|---|---|---|---|"]
    rows += [f"| {_kind(f, t)} | {_where(f)} | {_text(f.subject)} | {_text(t.finding(f))} |" for f in findings]
    return rows


def _best(obj: ObjectiveResult, result: CheckResult, t: Labels) -> str:
    cells = []
    for fw in result.frameworks:
        best = obj.best(fw.id)
        if best is not None:
            declared = f", {t('declared')}" if best.declared else ""
            via = f" (via {best.via.item})" if best.via else ""
            cells.append(f"{best.target}{via} {t.grade_code(best.grade)} {shown(best.score)}{declared}")
    return _text("; ".join(cells)) or "-"


def _where(finding: Finding) -> str:
    where = location(finding)
    return code(where) if where else "-"


def code(text: str) -> str:
    """A code span that holds any text, backticks included: fenced by one more backtick than the longest run in
    it, padded where it starts or ends with one (CommonMark). Inside a table cell, | is escaped as GitHub needs;
    a line end (impossible in ids and paths align reports, but cheap to refuse) becomes a space."""
    text = text.replace("\n", " ").replace("\r", " ").replace("|", "\\|")
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _text(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))
