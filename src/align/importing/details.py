"""A plan's own details on import: id, title, owner, source, period and frameworks, from the command line's options
or a Plan/แผน sheet of the workbook; what is missing is reported all at once."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from align import calendar
from align.errors import InputError
from align.importing import headers
from align.importing.sheet import Table
from align.labels import Labels
from align.loading.yamlfile import clean_text
from align.model import Framework, FrameworkId

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_LINK_SEPARATORS = re.compile(r"[,;\s、]+")


@dataclass(frozen=True, slots=True)
class Detail:
    """A plan detail read from a Plan/แผน sheet, and where it stands there."""

    value: Any
    where: str


class PlanDetails:
    """Reads the plan-level facts; problems and warnings collect in `errors` and `warnings`."""

    def __init__(self, path: Path, available: Mapping[FrameworkId, Framework], options: Any, labels: Labels,
                 default_id: str | None) -> None:
        self.path = path
        self.available = available
        self.options = options
        """importer.ImportOptions."""
        self.t = labels
        self.default_id = default_id
        self.errors: list[tuple[tuple[int, int], InputError]] = []
        self.warnings: list[str] = []

    def _problem(self, message: str) -> None:
        self.errors.append(((0, -1), InputError(self.path, "plan", message)))

    def plan_sheet(self, tables: list[Table], chosen: Table) -> dict[str, Detail]:
        """The details of a Plan/แผน sheet (as `align check --format xlsx` writes it), if the workbook has one."""
        meta: dict[str, Detail] = {}
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
                    meta[key] = Detail(row.cells[1], where)
            break
        return meta

    def header(self, meta: Mapping[str, Detail]) -> tuple[str, str, str | None, str | None, tuple[int, int]] | None:
        """Id, title, owner, source and period: options first, then the Plan sheet; every one missing reported."""
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
            self._problem(self.t("import.missing_id"))
        if title is None:
            self._problem(self.t("import.missing_title"))
        if period is None and "period" not in meta and "period_start" not in meta:
            self._problem(self.t("import.missing_period"))
        if plan_id is None or title is None or period is None:
            return None
        return plan_id, title, owner, source, period

    def _meta_period(self, meta: Mapping[str, Detail]) -> tuple[int, int] | None:
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

    def frameworks(self, meta: Mapping[str, Detail], linked: Sequence[FrameworkId],
                   has_objectives: bool) -> tuple[FrameworkId, ...]:
        """The plan's frameworks: from --framework, the Plan sheet, or the frameworks the sheet's links name."""
        known = ", ".join(sorted(self.available))
        if self.options.frameworks:
            named = list(self.options.frameworks)
        elif "frameworks" in meta:
            named = [FrameworkId(t) for t in tokens(meta["frameworks"].value)]
        else:
            named = list(dict.fromkeys(linked))
            if not named and has_objectives:
                self._problem(self.t("import.missing_frameworks", known=known))
            return tuple(fw for fw in named if fw in self.available)
        for fw in named:
            if fw not in self.available:
                self._problem(self.t("import.unknown_framework_option", framework=fw, known=known))
        return tuple(named)



def tokens(value: Any) -> list[str]:
    """A cell's list of links or ids: split at commas, semicolons and spaces, Thai digits read as digits."""
    if value is None:
        return []
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = clean_text(str(value)).translate(_THAI_DIGITS)
    return [token for token in _LINK_SEPARATORS.split(text) if token]
