"""A planner's sheet (xlsx or CSV) -> a Plan that validates, with every problem located by row and column.

The sheet has one row per objective under a header row; columns are recognised by their Thai or English
header (รหัส / ID, วัตถุประสงค์ / Objective, รายละเอียด, ที่มา, ความสอดคล้อง / Declared links) or named with
`--header FIELD=HEADER`. A column headed by a framework id (dg-2566-2570) holds that framework's item ids.
A workbook may carry a "Plan"/"แผน" sheet of plan details (as `align check --format xlsx` writes it);
options override it. Columns align does not know are reported, never dropped silently.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from align import links
from align.errors import InputError, raise_collected
from align.importing import headers, planfile, sheet
from align.importing.columns import HEADER_SEARCH_ROWS, Column, find_header
from align.importing.details import PlanDetails, tokens
from align.importing.sheet import Row, Table, column_letter
from align.labels import Labels, Lang
from align.loading.schema import MAX_TEXT_CHARS, MAX_TITLE_CHARS
from align.loading.yamlfile import clean_text
from align.model import ITEM_ID_PATTERN, Framework, FrameworkId, ItemId, ItemRef, Objective, ObjectiveId, Plan


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """What the command line says about the sheet and the plan; None means "from the sheet"."""

    headers: Mapping[str, str] = field(default_factory=dict)
    """Field -> the header text of its column, overriding recognition."""
    sheet: str | None = None
    plan_id: str | None = None
    title: str | None = None
    owner: str | None = None
    source: str | None = None
    period: tuple[int, int] | None = None
    frameworks: tuple[FrameworkId, ...] = ()


@dataclass(frozen=True, slots=True)
class Imported:
    """The plan read from a sheet, and what the planner should know about the reading."""

    plan: Plan
    table: Table
    header_row: int
    warnings: tuple[str, ...] = ()


def import_plan(
    path: Path,
    frameworks: Mapping[FrameworkId, Framework],
    options: ImportOptions | None = None,
    labels: Labels | None = None,
    default_id: str | None = None,
) -> Imported:
    """Read the sheet into a Plan; raises InputError or InputErrors with every problem found."""
    options = options or ImportOptions()
    reader = _Reader(path, frameworks, options, labels or Labels(), default_id)
    return reader.run()


class _Reader:
    def __init__(self, path: Path, frameworks: Mapping[FrameworkId, Framework], options: ImportOptions,
                 labels: Labels, default_id: str | None) -> None:
        self.path = path
        self.available = frameworks
        self.options = options
        self.t = labels
        self.default_id = default_id
        self.errors: list[tuple[tuple[int, int], InputError]] = []
        """Problems with a sort key (row, column): reported in sheet order, plan-level ones first."""
        self.warnings: list[str] = []
        self.table: Table | None = None
        self.row_links: list[tuple[Row, list[tuple[ItemRef, Column]]]] = []
        """Every row's declared links, checked even where the row has other problems."""

    # --- locations -----------------------------------------------------------------------------------------

    def where(self, row: Row, column: Column | None = None) -> str:
        assert self.table is not None
        parts = []
        if self.table.sheet is not None:
            parts.append(self.t("where.sheet", sheet=self.table.sheet))
        if column is None:
            parts.append(self.t("where.row", row=row.number))
        else:
            parts.append(self.t("where.cell", row=row.number, column=column_letter(column.index + 1),
                                header=column.header))
        return ", ".join(parts)

    def problem(self, row: Row, column: Column | None, message: str) -> None:
        key = (row.number, column.index if column else -1)
        self.errors.append((key, InputError(self.path, self.where(row, column), message, row.line)))

    def plan_problem(self, message: str) -> None:
        self.errors.append(((0, -1), InputError(self.path, "plan", message)))

    def raise_collected(self) -> None:
        raise_collected([error for _, error in sorted(self.errors, key=lambda entry: entry[0])])

    # --- the run -------------------------------------------------------------------------------------------

    def run(self) -> Imported:
        tables = sheet.read(self.path)
        table, header_row, columns = self._choose(tables)
        self.table = table
        details = PlanDetails(self.path, self.available, self.options, self.t, self.default_id)
        meta = details.plan_sheet(tables, table)
        ignored = [f"{column_letter(c.index + 1)} ({c.header})" for c in columns if not c.field and not c.framework]
        if ignored:
            self.warnings.append(self.t("import.ignored_columns", columns=", ".join(ignored)))
        rows = [r for r in table.rows if r.number > header_row.number]
        objectives = self._objectives(rows, columns)
        if not objectives and not self.errors:
            self.problem(header_row, None, self.t("import.no_objectives"))
        header = details.header(meta)
        linked = [ref.framework for _, declared in self.row_links for ref, _ in declared]
        plan_frameworks = details.frameworks(meta, linked, bool(objectives))
        self.warnings.extend(details.warnings)
        self.errors.extend(details.errors)
        self._check_links(plan_frameworks)
        self.raise_collected()
        assert header is not None
        plan_id, title, owner, source, period = header
        plan = Plan(
            id=plan_id,
            title=title,
            period=period,
            frameworks=plan_frameworks,
            objectives=tuple(objectives),
            owner=owner,
            source=source,
            path=self.path,
        )
        return Imported(plan, table, header_row.number, tuple(self.warnings))

    # --- which table, which columns ------------------------------------------------------------------------

    def _choose(self, tables: list[Table]) -> tuple[Table, Row, list[Column]]:
        if self.options.sheet is not None:
            chosen = [t for t in tables if t.sheet == self.options.sheet]
            if not chosen:
                names = ", ".join(f"'{t.sheet}'" for t in tables)
                raise InputError(self.path, "--sheet", self.t("import.no_sheet", sheet=self.options.sheet,
                                                               sheets=names))
            tables = chosen
        found = []
        for position, table in enumerate(tables):
            header = find_header(table, self.options.headers, self.available)
            if header is not None:
                row, columns = header
                named = headers.is_objective_sheet(table.sheet or "")
                recognised = sum(1 for c in columns if c.field or c.framework)
                found.append(((named, recognised, -position), table, row, columns))
        if not found:
            known = "id: ID, รหัส, ลำดับ; title: Objective, วัตถุประสงค์, ชื่อ"
            where = self.t("where.sheet", sheet=tables[0].sheet) if len(tables) == 1 and tables[0].sheet else ""
            raise InputError(self.path, where, self.t("import.no_header", rows=HEADER_SEARCH_ROWS, known=known))
        found.sort(key=lambda entry: entry[0], reverse=True)
        _, table, row, columns = found[0]
        self.table = table
        self._check_columns(row, columns)
        return table, row, columns

    def _check_columns(self, row: Row, columns: list[Column]) -> None:
        seen: dict[str, Column] = {}
        for column in columns:
            if column.field is None or column.field == "aligns_with":
                continue
            if column.field in seen:
                first = seen[column.field]
                self.problem(row, column, self.t("import.duplicate_column", field=column.field,
                                                 first=column_letter(first.index + 1),
                                                 second=column_letter(column.index + 1)))
            else:
                seen[column.field] = column
        self.raise_collected()

    # --- rows ----------------------------------------------------------------------------------------------

    def _objectives(self, rows: Sequence[Row], columns: list[Column]) -> list[Objective]:
        used = [c for c in columns if c.field or c.framework]
        result: list[Objective] = []
        first_row: dict[str, int] = {}
        for row in rows:
            values = {c.index: (row.cells[c.index] if c.index < len(row.cells) else None) for c in used}
            if all(v is None for v in values.values()):
                continue
            found: dict[str, str | None] = {}
            links: list[tuple[ItemRef, Column]] = []
            for column in used:
                value = values[column.index]
                if column.framework is not None:
                    links.extend((ref, column) for ref in self._framework_links(row, column, value))
                elif column.field == "aligns_with":
                    links.extend((ref, column) for ref in self._links(row, column, value))
                else:
                    assert column.field is not None
                    found[column.field] = self._text(row, column, value)
            self.row_links.append((row, links))
            ident = found.get("id")
            title = found.get("title")
            id_column = next(c for c in used if c.field == "id")
            title_column = next(c for c in used if c.field == "title")
            if ident is None and values[id_column.index] is None:
                self.problem(row, id_column, self.t("import.empty_id"))
            if title is None and values[title_column.index] is None:
                self.problem(row, title_column, self.t("import.empty_title"))
            if ident is not None:
                ident = " ".join(ident.split())
                if ident in first_row:
                    self.problem(row, id_column, self.t("import.duplicate_id", id=ident, first=first_row[ident]))
                    continue
                first_row[ident] = row.number
            if ident is None or title is None:
                continue
            objective = Objective(
                id=ObjectiveId(ident),
                title=" ".join(title.split()),
                description=found.get("description"),
                source=found.get("source"),
                aligns_with=tuple(dict.fromkeys(ref for ref, _ in links)),
            )
            result.append(objective)
        return result

    def _text(self, row: Row, column: Column, value: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, bool):
            self.problem(row, column, self.t("import.not_text", value=value))
            return None
        if isinstance(value, dt.date | dt.time | dt.datetime):
            self.problem(row, column, self.t("import.date", value=value.isoformat()))
            return None
        if isinstance(value, int):
            text = str(value)
        elif isinstance(value, float):
            text = str(int(value)) if value.is_integer() else repr(value)
        else:
            text = clean_text(str(value)).replace("\r\n", "\n").replace("\r", "\n").strip()
        if not text:
            return None
        limit = MAX_TITLE_CHARS if column.field in {"id", "title"} else MAX_TEXT_CHARS
        if len(text) > limit:
            self.problem(row, column, self.t("import.too_long", length=len(text), limit=limit))
            return None
        if column.field == "id" and "\n" in text:
            self.problem(row, column, self.t("import.multiline_id"))
            return None
        return text

    def _links(self, row: Row, column: Column, value: Any) -> list[ItemRef]:
        refs = []
        for token in tokens(value):
            try:
                refs.append(ItemRef.parse(token))
            except ValueError:
                self.problem(row, column, self.t("import.bad_link", link=token))
        return refs

    def _framework_links(self, row: Row, column: Column, value: Any) -> list[ItemRef]:
        assert column.framework is not None
        refs = []
        for token in tokens(value):
            if ITEM_ID_PATTERN.fullmatch(token):
                refs.append(ItemRef(column.framework, ItemId(token)))
            else:
                self.problem(row, column, self.t("import.bad_item", item=token, framework=column.framework))
        return refs

    def _check_links(self, plan_frameworks: Sequence[FrameworkId]) -> None:
        thai = self.t.lang is Lang.TH
        for row, declared in self.row_links:
            for ref, column in declared:
                # A framework align does not know is named as such, even where the plan does not list it.
                broken = (links.check_framework(ref.framework, self.available)
                          or links.check_link(ref, plan_frameworks, self.available))
                if broken is not None:
                    self.problem(row, column, f"'{ref}' {broken.describe(thai)}")


def to_yaml(imported: Imported) -> str:
    """The plan file text, checked: loading it gives back the imported plan (a mismatch is a bug)."""
    table = imported.table
    origin = f"{table.path.name}" + (f", sheet '{table.sheet}'" if table.sheet else "")
    if table.encoding:
        origin += f" ({table.encoding})"
    return planfile.dump_checked(imported.plan, f"Imported by `align import` from {origin}.")
