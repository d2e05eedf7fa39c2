"""Reporters: interchangeable functions of a finished CheckResult, chosen by Format."""

from __future__ import annotations

from enum import StrEnum
from typing import assert_never

from align.labels import Lang
from align.result import CheckResult


class Format(StrEnum):
    """Output formats of `align check`; values are the CLI spelling."""

    TABLE = "table"
    JSON = "json"
    HTML = "html"
    XLSX = "xlsx"

    @property
    def binary(self) -> bool:
        """True for formats that are files, not text (they need --output)."""
        return self is Format.XLSX

    @property
    def single_plan(self) -> bool:
        """True for formats that hold one plan per file."""
        return self in {Format.HTML, Format.XLSX}


def render(result: CheckResult, fmt: Format, lang: Lang = Lang.EN) -> str:
    """The report of one check as text in the given format; raises ValueError for a binary format."""
    match fmt:
        case Format.TABLE:
            from align.report import table

            return table.render(result)
        case Format.JSON:
            from align.report import json

            return json.render(result)
        case Format.HTML:
            from align.report import html

            return html.render(result, lang)
        case Format.XLSX:
            raise ValueError("xlsx is a binary format: use render_bytes()")
        case _:
            assert_never(fmt)


def render_bytes(result: CheckResult, fmt: Format, lang: Lang = Lang.EN) -> bytes:
    """The report of one check as the bytes of a file: UTF-8 text, or the workbook for xlsx."""
    if fmt is Format.XLSX:
        from align.report import xlsx

        return xlsx.render(result, lang)
    return render(result, fmt, lang).encode("utf-8")
