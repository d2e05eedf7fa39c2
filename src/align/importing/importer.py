"""A planner's sheet (xlsx or CSV) -> a Plan that validates, with every problem located by row and column.

The sheet has one row per objective under a header row; columns are recognised by their Thai or English
header (รหัส / ID, วัตถุประสงค์ / Objective, รายละเอียด, ที่มา, ความสอดคล้อง / Declared links) or named with
`--header FIELD=HEADER`. A column headed by a framework id (dg-2566-2570) holds that framework's item ids.
A workbook may carry a "Plan"/"แผน" sheet of plan details (as `align check --format xlsx` writes it);
options override it. Columns align does not know are reported, never dropped silently.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from align import calendar, links
from align.errors import InputError, raise_collected
from align.importing import headers, planfile, sheet
from align.importing.sheet import Row, Table, column_letter
from align.labels import Labels, Lang
from align.loading.plans import load_plan
from align.loading.schema import MAX_TEXT_CHARS, MAX_TITLE_CHARS
from align.loading.yamlfile import clean_text
from align.model import ITEM_ID_PATTERN, Framework, FrameworkId, ItemId, ItemRef, Objective, ObjectiveId, Plan

HEADER_SEARCH_ROWS = 20
"""A header row is looked for this far down (planners put a title and notes above the table)."""
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_LINK_SEPARATORS = re.compile(r"[,;\s、]+")


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


@dataclass(frozen=True, slots=True)
class _Detail:
    """A plan detail read from a Plan/แผน sheet, and where it stands there."""

    value: Any
    where: str


@dataclass(slots=True)
class _Column:
    index: int
    header: str
    field: str | None = None
    framework: FrameworkId | None = None


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
        self.row_links: list[tuple[Row, list[tuple[ItemRef, _Column]]]] = []
        """Every row's declared links, checked even where the row has other problems."""

    # --- locations -----------------------------------------------------------------------------------------

    def where(self, row: Row, column: _Column | None = None) -> str:
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

    def problem(self, row: Row, column: _Column | None, message: str) -> None:
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
        meta = self._plan_sheet(tables, table)
        ignored = [f"{column_letter(c.index + 1)} ({c.header})" for c in columns if not c.field and not c.framework]
        if ignored:
            self.warnings.append(self.t("import.ignored_columns", columns=", ".join(ignored)))
        rows = [r for r in table.rows if r.number > header_row.number]
        objectives = self._objectives(rows, columns)
        if not objectives and not self.errors:
            self.problem(header_row, None, self.t("import.no_objectives"))
        header = self._header(meta)
        plan_frameworks = self._frameworks(meta, objectives)
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

    def _choose(self, tables: list[Table]) -> tuple[Table, Row, list[_Column]]:
        if self.options.sheet is not None:
            chosen = [t for t in tables if t.sheet == self.options.sheet]
            if not chosen:
                names = ", ".join(f"'{t.sheet}'" for t in tables)
                raise InputError(self.path, "--sheet", self.t("import.no_sheet", sheet=self.options.sheet,
                                                               sheets=names))
            tables = chosen
        found = []
        for position, table in enumerate(tables):
            header = self._find_header(table)
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

    def _find_header(self, table: Table) -> tuple[Row, list[_Column]] | None:
        overrides = {headers.normal(header): name for name, header in self.options.headers.items()}
        for row in table.rows[:HEADER_SEARCH_ROWS]:
            columns = []
            for index, cell in enumerate(row.cells):
                if cell is None:
                    continue
                header = " ".join(str(cell).split())
                column = _Column(index, header)
                key = headers.normal(header)
                if key in overrides:
                    column.field = overrides[key]
                else:
                    column.framework = self._framework_column(header)
                    if column.framework is None:
                        column.field = headers.recognise(header, set(self.options.headers))
                columns.append(column)
            fields = {c.field for c in columns}
            if "id" in fields and "title" in fields:
                return row, columns
        return None

    def _framework_column(self, header: str) -> FrameworkId | None:
        for part in headers.parts(header):
            for fw in self.available.values():
                if part == fw.id or part == headers.normal(fw.title):
                    return fw.id
        return None

    def _check_columns(self, row: Row, columns: list[_Column]) -> None:
        seen: dict[str, _Column] = {}
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

    def _objectives(self, rows: Sequence[Row], columns: list[_Column]) -> list[Objective]:
        used = [c for c in columns if c.field or c.framework]
        result: list[Objective] = []
        first_row: dict[str, int] = {}
        for row in rows:
            values = {c.index: (row.cells[c.index] if c.index < len(row.cells) else None) for c in used}
            if all(v is None for v in values.values()):
                continue
            found: dict[str, str | None] = {}
            links: list[tuple[ItemRef, _Column]] = []
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

    def _text(self, row: Row, column: _Column, value: Any) -> str | None:
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

    def _links(self, row: Row, column: _Column, value: Any) -> list[ItemRef]:
        refs = []
        for token in _tokens(value):
            try:
                refs.append(ItemRef.parse(token))
            except ValueError:
                self.problem(row, column, self.t("import.bad_link", link=token))
        return refs

    def _framework_links(self, row: Row, column: _Column, value: Any) -> list[ItemRef]:
        assert column.framework is not None
        refs = []
        for token in _tokens(value):
            if ITEM_ID_PATTERN.fullmatch(token):
                refs.append(ItemRef(column.framework, ItemId(token)))
            else:
                self.problem(row, column, self.t("import.bad_item", item=token, framework=column.framework))
        return refs

    # --- the plan ------------------------------------------------------------------------------------------

    def _plan_sheet(self, tables: list[Table], chosen: Table) -> dict[str, _Detail]:
        meta: dict[str, _Detail] = {}
        for table in tables:
            if table is chosen or not headers.is_plan_sheet(table.sheet or ""):
                continue
            for row in table.rows:
                if len(row.cells) < 2 or row.cells[0] is None:
                    continue
                key = headers.plan_key(str(row.cells[0]))
                if key is None:
                    self.warnings.append(self.t("import.unknown_plan_key", sheet=table.sheet, row=row.number,
                                                name=row.cells[0]))
                elif row.cells[1] is not None:
                    where = self.t("where.sheet", sheet=table.sheet) + ", " + self.t("where.row", row=row.number)
                    meta[key] = _Detail(row.cells[1], where)
            break
        return meta

    def _header(self, meta: Mapping[str, _Detail]) -> tuple[str, str, str | None, str | None, tuple[int, int]] | None:
        def value(key: str, option: str | None) -> str | None:
            if option is not None:
                return clean_text(option).strip() or None
            if key in meta:
                raw = meta[key].value
                text = str(int(raw)) if isinstance(raw, float) and raw.is_integer() else str(raw)
                return " ".join(clean_text(text).split()) or None
            return None

        plan_id = value("id", self.options.plan_id) or self.default_id
        title = value("title", self.options.title)
        owner = value("owner", self.options.owner)
        source = value("source", self.options.source)
        period = self.options.period or self._meta_period(meta)
        if plan_id is None:
            self.plan_problem(self.t("import.missing_id"))
        if title is None:
            self.plan_problem(self.t("import.missing_title"))
        if period is None and "period" not in meta and "period_start" not in meta:
            self.plan_problem(self.t("import.missing_period"))
        if plan_id is None or title is None or period is None:
            return None
        return plan_id, title, owner, source, period

    def _meta_period(self, meta: Mapping[str, _Detail]) -> tuple[int, int] | None:
        if "period" in meta:
            text, where = str(meta["period"].value), meta["period"].where
        elif "period_start" in meta and "period_end" in meta:
            text, where = f"{meta['period_start'].value}-{meta['period_end'].value}", meta["period_start"].where
        else:
            return None
        try:
            return calendar.parse_period(text)
        except ValueError as exc:
            self.errors.append(((0, -1), InputError(self.path, where, self.t("import.bad_period", problem=str(exc)))))
        return None

    def _frameworks(self, meta: Mapping[str, _Detail],
                    objectives: Sequence[Objective]) -> tuple[FrameworkId, ...]:
        known = ", ".join(sorted(self.available))
        if self.options.frameworks:
            named = list(self.options.frameworks)
        elif "frameworks" in meta:
            named = [FrameworkId(t) for t in _tokens(meta["frameworks"].value)]
        else:
            named = list(dict.fromkeys(ref.framework for _, links in self.row_links for ref, _ in links))
            if not named and objectives:
                self.plan_problem(self.t("import.missing_frameworks", known=known))
            return tuple(fw for fw in named if fw in self.available)
        for fw in named:
            if fw not in self.available:
                self.plan_problem(self.t("import.unknown_framework_option", framework=fw, known=known))
        return tuple(named)

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
    text = planfile.dump(imported.plan, f"Imported by `align import` from {origin}.")
    with tempfile.TemporaryDirectory(prefix="align-import-") as directory:
        written = Path(directory) / "plan.yaml"
        written.write_text(text, encoding="utf-8")
        loaded = load_plan(written)
    if loaded != imported.plan:
        raise AssertionError("the written plan file does not load back to the imported plan")
    return text


def _tokens(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = clean_text(str(value)).translate(_THAI_DIGITS)
    return [token for token in _LINK_SEPARATORS.split(text) if token]

