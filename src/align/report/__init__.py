"""Reporters: interchangeable functions of a finished CheckResult, chosen by Format."""

from __future__ import annotations

from enum import StrEnum
from typing import assert_never

from align.result import CheckResult


class Format(StrEnum):
    """Output formats of `align check`; values are the CLI spelling."""

    TABLE = "table"
    JSON = "json"


def render(result: CheckResult, fmt: Format) -> str:
    """The report of one check as text in the given format."""
    match fmt:
        case Format.TABLE:
            from align.report import table

            return table.render(result)
        case Format.JSON:
            from align.report import json

            return json.render(result)
        case _:
            assert_never(fmt)
