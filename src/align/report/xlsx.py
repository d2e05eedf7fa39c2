"""The compliance matrix (ตารางความสอดคล้องกับแผนระดับชาติ) as an Excel workbook, for agencies to attach to plans.

Sheets: a summary; one matrix per framework (objectives as rows, strategies as columns, grade and score in
each cell, declared links ticked, the best grade per strategy in a last row); the findings; every reported
link as a filterable list with numeric scores; and the plan itself (objectives and plan details), so that
`align import` reads the workbook back to an equal plan.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from align import __version__
from align.labels import Labels, Lang
from align.model import Framework, ItemRef
from align.result import Candidate, CheckResult, Grade, ObjectiveResult, Outcome, Status, shown

MAX_SHEET_NAME = 31
"""Excel's limit on sheet names."""

_FILL = {
    Grade.STRONG: PatternFill("solid", fgColor="C6EFCE"),
    Grade.WEAK: PatternFill("solid", fgColor="FFEB9C"),
}
_UNSUPPORTED = PatternFill("solid", fgColor="FFC7CE")
"""A declared link the text does not support."""
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_OUTCOME_FILL = {Outcome.PASSED: PatternFill("solid", fgColor="C6EFCE")}
_FAILED_FILL = PatternFill("solid", fgColor="FFC7CE")
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_THIN = Side(style="thin", color="BFBFBF")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_DECLARED_MARK = "✓"


def render(result: CheckResult, lang: Lang = Lang.EN) -> bytes:
    """The workbook as .xlsx bytes."""
    t = Labels(lang)
    workbook = Workbook()
    summary = workbook.active
    assert summary is not None
    summary.title = _sheet_name(t("summary"))
    _summary(summary, result, t)
    for framework in result.frameworks:
        _matrix(workbook.create_sheet(_sheet_name(framework.id)), result, framework, t)
    _findings(workbook.create_sheet(_sheet_name(t("findings"))), result, t)
    _links(workbook.create_sheet(_sheet_name(t("links"))), result, t)
    _objectives(workbook.create_sheet(_sheet_name(t("objectives"))), result, t)
    _plan(workbook.create_sheet(_sheet_name(t("plan"))), result, t)
    workbook.properties.creator = f"align {__version__}"
    workbook.properties.title = t("matrix")
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _put(sheet: Worksheet, row: int, column: int, value: Any, **style: Any) -> None:
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        # Plan text is data, never a formula (a title starting with "=" must not run in Excel).
        cell.data_type = "s"
    for name, setting in style.items():
        setattr(cell, name, setting)


def _header_row(sheet: Worksheet, row: int, headers: list[str], widths: list[int]) -> None:
    for column, (header, width) in enumerate(zip(headers, widths, strict=True), start=1):
        _put(sheet, row, column, header, font=_BOLD, fill=_HEADER_FILL, alignment=_CENTER, border=_BOX)
        sheet.column_dimensions[get_column_letter(column)].width = width


def _summary(sheet: Worksheet, result: CheckResult, t: Labels) -> None:
    plan = result.plan
    _put(sheet, 1, 1, t("matrix"), font=_TITLE)
    _put(sheet, 2, 1, plan.title, font=_BOLD)
    s = result.summary
    rows: list[tuple[str, Any]] = [
        (t("plan.id"), plan.id),
        (t("plan.period"), t.period(plan.period)),
        (t("plan.owner"), plan.owner or ""),
        (t("plan.file"), result.plan_file),
        (t("verdict"), t.outcome(result.outcome)),
        (t("objectives"), s.objectives),
        (t.status(Status.ALIGNED), s.aligned),
        (t.status(Status.WEAK), s.weak),
        (t.status(Status.UNALIGNED), s.unaligned),
    ]
    for offset, (label, value) in enumerate(rows):
        _put(sheet, 4 + offset, 1, label, font=_BOLD)
        _put(sheet, 4 + offset, 2, value, alignment=Alignment(horizontal="left"))
    verdict_row = 4 + 4  # the "Result" row above
    sheet.cell(verdict_row, 2).fill = _OUTCOME_FILL.get(result.outcome, _FAILED_FILL)
    row = 5 + len(rows)
    _header_row(sheet, row, [t("framework"), t("title"), t("coverage"), t("strategies")], [26, 70, 14, 40])
    for cov in result.coverage:
        row += 1
        strong = sum(1 for item in cov.items if item.grade is Grade.STRONG)
        _put(sheet, row, 1, cov.framework.id, border=_BOX)
        _put(sheet, row, 2, cov.framework.title, alignment=_WRAP, border=_BOX)
        _put(sheet, row, 3, cov.ratio, number_format="0%", border=_BOX)
        _put(sheet, row, 4, t("coverage.strong", strong=strong, total=len(cov.items)), border=_BOX)
    _put(sheet, row + 2, 1, t("generated_by", version=__version__, file=result.plan_file))


def _matrix(sheet: Worksheet, result: CheckResult, framework: Framework, t: Labels) -> None:
    _put(sheet, 1, 1, f"{framework.id}: {framework.title}", font=_TITLE)
    _put(sheet, 2, 1, t("matrix.key"))
    headers = [t("objective.id"), t("objective.title"), t("status")]
    headers += [f"{t('strategy')} {s.id}\n{s.title}" for s in framework.items]
    _header_row(sheet, 3, headers, [10, 50, 14] + [22] * len(framework.items))
    sheet.row_dimensions[3].height = 120
    for row, objective in enumerate(result.objectives, start=4):
        _put(sheet, row, 1, objective.objective.id, alignment=_WRAP, border=_BOX)
        _put(sheet, row, 2, objective.objective.title, alignment=_WRAP, border=_BOX)
        _put(sheet, row, 3, t.status(objective.status), alignment=_WRAP, border=_BOX)
        for column, strategy in enumerate(framework.items, start=4):
            link = _link(objective, ItemRef(framework.id, strategy.id))
            if link is None:
                _put(sheet, row, column, "", border=_BOX)
                continue
            fill = _FILL.get(link.grade) or (_UNSUPPORTED if link.declared else None)
            _put(sheet, row, column, _cell_value(link, t), alignment=_CENTER, border=_BOX, number_format="0.00",
                 **({"fill": fill} if fill else {}))
    last = 4 + len(result.objectives)
    _put(sheet, last, 2, t("coverage"), font=_BOLD, border=_BOX)
    coverage = next(c for c in result.coverage if c.framework.id == framework.id)
    for column, item in enumerate(coverage.items, start=4):
        text = t.grade(item.grade) if item.covered_by or item.grade is not Grade.NONE else t("nobody")
        fill = _FILL.get(item.grade, _UNSUPPORTED)
        _put(sheet, last, column, text, font=_BOLD, alignment=_CENTER, border=_BOX, fill=fill)
    sheet.freeze_panes = "D4"
    # Agencies print the matrix into their plan: landscape, one page wide.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = "3:3"


def _cell_value(link: Candidate, t: Labels) -> str | float:
    """"✓ strong 0.42"; a link graded none is its score alone, as a number, unless the plan declares it."""
    if link.grade is Grade.NONE and not link.declared:
        return float(shown(link.score, 4))
    mark = f"{_DECLARED_MARK} " if link.declared else ""
    return f"{mark}{t.grade(link.grade)} {shown(link.score)}"


def _link(objective: ObjectiveResult, strategy: ItemRef) -> Candidate | None:
    """The strategy's figure (the best of the strategy and its measures)."""
    return objective.strategy(strategy)


def _findings(sheet: Worksheet, result: CheckResult, t: Labels) -> None:
    headers = [t("finding.kind"), t("finding.severity"), t("finding.subject"), t("target"), t("finding.message"),
               t("finding.fails"), t("finding.line")]
    _header_row(sheet, 1, headers, [22, 12, 16, 20, 80, 12, 8])
    for row, finding in enumerate(result.findings, start=2):
        kind = t.kind(finding.kind) + (f" ({t('waived')})" if finding.waived_by else "")
        values = [kind, t.severity(finding.severity), finding.subject, str(finding.target or ""),
                  t.finding(finding), t("yes") if finding.fails else t("no"), finding.line]
        for column, value in enumerate(values, start=1):
            _put(sheet, row, column, value, alignment=_WRAP, border=_BOX,
                 **({"fill": _FAILED_FILL} if finding.fails and column == 1 else {}))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(1, len(result.findings) + 1)}"


def _links(sheet: Worksheet, result: CheckResult, t: Labels) -> None:
    headers = [t("objective.id"), t("framework"), t("target"), t("strategy"), t("score"), t("grade"),
               t("declared.column"), t("evidence")]
    _header_row(sheet, 1, headers, [10, 16, 20, 10, 8, 14, 12, 60])
    row = 1
    for objective in result.objectives:
        for link in objective.candidates:
            row += 1
            values: list[Any] = [objective.objective.id, link.target.framework, str(link.target), link.strategy,
                                 link.score, t.grade(link.grade), t("yes") if link.declared else t("no"),
                                 "; ".join(t.term(term, link.target.item) for term in link.evidence)]
            for column, value in enumerate(values, start=1):
                _put(sheet, row, column, value, border=_BOX,
                     **({"number_format": "0.00"} if column == 5 else {}))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{row}"


def _objectives(sheet: Worksheet, result: CheckResult, t: Labels) -> None:
    headers = [t("objective.id"), t("objective.title"), t("objective.description"), t("objective.source"),
               t("objective.aligns_with")]
    _header_row(sheet, 1, headers, [10, 50, 60, 30, 30])
    for row, objective in enumerate(result.plan.objectives, start=2):
        values = [objective.id, objective.title, objective.description or "", objective.source or "",
                  ", ".join(str(link) for link in objective.aligns_with)]
        for column, value in enumerate(values, start=1):
            _put(sheet, row, column, value, alignment=_WRAP, border=_BOX)
    sheet.freeze_panes = "A2"


def _plan(sheet: Worksheet, result: CheckResult, t: Labels) -> None:
    plan = result.plan
    rows: list[tuple[str, Any]] = [
        (t("plan.id"), plan.id),
        (t("plan.title"), plan.title),
        (t("plan.owner"), plan.owner or ""),
        (t("plan.period_start"), plan.period[0]),
        (t("plan.period_end"), plan.period[1]),
        (t("plan.frameworks"), ", ".join(plan.frameworks)),
        (t("plan.source"), plan.source or ""),
    ]
    for row, (label, value) in enumerate(rows, start=1):
        _put(sheet, row, 1, label, font=_BOLD)
        _put(sheet, row, 2, value, alignment=Alignment(wrap_text=True, horizontal="left"))
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 80


def _sheet_name(name: str) -> str:
    for char in "[]:*?/\\":
        name = name.replace(char, " ")
    return name[:MAX_SHEET_NAME]
