"""Which row of a sheet is the header, and what each of its columns holds: a plan field (recognised by its Thai or
English header, or named with --header), a framework's item ids, or nothing align knows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from align.importing import headers
from align.importing.sheet import Row, Table
from align.model import Framework, FrameworkId

HEADER_SEARCH_ROWS = 20
"""A header row is looked for this far down (planners put a title and notes above the table)."""


@dataclass(slots=True)
class Column:
    """A column of the header row."""

    index: int
    header: str
    field: str | None = None
    framework: FrameworkId | None = None


def find_header(table: Table, named: Mapping[str, str],
                available: Mapping[FrameworkId, Framework]) -> tuple[Row, list[Column]] | None:
    """The first of the first rows that holds an id and a title column, and its columns; `named` maps a field to
    the header of its column (--header), overriding recognition."""
    overrides = {headers.normal(header): name for name, header in named.items()}
    for row in table.rows[:HEADER_SEARCH_ROWS]:
        columns = []
        for index, cell in enumerate(row.cells):
            if cell is None:
                continue
            header = " ".join(str(cell).split())
            column = Column(index, header)
            key = headers.normal(header)
            if key in overrides:
                column.field = overrides[key]
            else:
                column.framework = _framework_column(header, available)
                if column.framework is None:
                    column.field = headers.recognise(header, set(named))
            columns.append(column)
        fields = {c.field for c in columns}
        if "id" in fields and "title" in fields:
            return row, columns
    return None


def _framework_column(header: str, available: Mapping[FrameworkId, Framework]) -> FrameworkId | None:
    for part in headers.parts(header):
        for fw in available.values():
            if part == fw.id or part == headers.normal(fw.title):
                return fw.id
    return None
