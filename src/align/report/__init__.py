"""Reporters: interchangeable functions of a finished CheckResult, chosen by Format."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import assert_never

from align.errors import InputError
from align.kinds import FindingKind
from align.labels import Lang
from align.result import CheckResult, Outcome


class Format(StrEnum):
    """Output formats of `align check`; values are the CLI spelling."""

    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"
    """GitHub-flavoured Markdown, for PR comments and job summaries."""
    JUNIT = "junit"
    """JUnit XML: a test case per objective and per strategy, failures carrying the findings."""
    SARIF = "sarif"
    """SARIF 2.1.0, results located in the plan file (code scanning)."""
    GITHUB = "github"
    """GitHub Actions workflow commands: an annotation per finding."""
    CSV = "csv"
    """The compliance matrix: a row per objective x strategy, UTF-8 with BOM for Excel."""
    HTML = "html"
    """One self-contained page: summary, heatmap, gaps, evidence on hover (one plan)."""
    XLSX = "xlsx"
    """The compliance matrix as a workbook: a sheet per framework, findings, the plan (one plan, binary)."""

    @property
    def binary(self) -> bool:
        """True for formats that are files, not text (they need --output)."""
        return self is Format.XLSX

    @property
    def single_plan(self) -> bool:
        """True for formats that hold one plan per file."""
        return self in {Format.HTML, Format.XLSX}

    @property
    def needs_links(self) -> bool:
        """True for formats that show every link of an objective, not only its candidates (matrices, heatmaps):
        the check must then grade every link (pipeline.check_each's every_link)."""
        return self in {Format.CSV, Format.HTML, Format.XLSX}

    @property
    def per_plan(self) -> bool:
        """True for formats whose report of several plans is each plan's part, one after another (PART_SEPARATOR):
        a part can be rendered where the plan was checked, without the other plans."""
        return self in PART_SEPARATOR


PART_SEPARATOR = {Format.TABLE: "\n", Format.JSON: "", Format.MARKDOWN: "\n", Format.GITHUB: ""}
"""What joins the plans' parts of a per-plan format."""


def render(result: CheckResult, fmt: Format, lang: Lang = Lang.EN) -> str:
    """The report of one check as text in the given format; raises ValueError for a binary format."""
    return render_many([result], fmt, lang)


def render_many(results: Sequence[CheckResult], fmt: Format, lang: Lang = Lang.EN) -> str:
    """The report of several checks as one output; formats that are one document (XML, SARIF, CSV) stay one.

    `lang` applies to the formats for people (table, html, xlsx, markdown); machine formats keep their words.
    HTML holds one plan.
    """
    match fmt:
        case Format.TABLE | Format.JSON | Format.MARKDOWN | Format.GITHUB:
            alone = len(results) == 1
            return PART_SEPARATOR[fmt].join(render_part(r, fmt, lang, alone=alone) for r in results)
        case Format.JUNIT:
            from align.report import junit

            return junit.render_many(results)
        case Format.SARIF:
            from align.report import sarif

            return sarif.render_many(results)
        case Format.CSV:
            from align.report import csv

            return csv.render_many(results)
        case Format.HTML:
            from align.report import html

            if len(results) != 1:
                raise ValueError("an HTML report holds one plan")
            return html.render(results[0], lang)
        case Format.XLSX:
            raise ValueError("xlsx is a binary format: use render_bytes()")
        case _:
            assert_never(fmt)


def render_part(result: CheckResult, fmt: Format, lang: Lang = Lang.EN, *, alone: bool) -> str:
    """One plan's part of a per-plan format's report; `alone` when it is the only plan of the report."""
    match fmt:
        case Format.TABLE:
            from align.report import table

            return table.render(result, lang=lang)
        case Format.JSON:
            from align.report import json

            # Several plans: JSON Lines, one compact document per plan.
            return json.render(result) if alone else json.line(result)
        case Format.MARKDOWN:
            from align.report import markdown

            return markdown.render(result, lang)
        case Format.GITHUB:
            from align.report import github

            return github.render(result)
        case _:
            raise ValueError(f"{fmt.value} is not rendered plan by plan")


def render_bytes(results: Sequence[CheckResult], fmt: Format, lang: Lang = Lang.EN) -> bytes:
    """The report as the bytes of a file: UTF-8 text, or the workbook for xlsx (one plan)."""
    if fmt is Format.XLSX:
        from align.report import xlsx

        if len(results) != 1:
            raise ValueError("a workbook holds one plan")
        return xlsx.render(results[0], lang)
    return render_many(results, fmt, lang).encode("utf-8")


@dataclass(frozen=True, slots=True)
class Part:
    """What the command line keeps of one plan's check: its verdict, the input errors that make it invalid, and its
    part of the report, made where the plan was checked (in a worker, with --jobs), or the whole result when the
    report needs every plan at once."""

    outcome: Outcome
    errors: tuple[str, ...] = ()
    """One line each (`file:line: objective 2: aligns_with ...`): the failing broken links of an invalid plan."""
    data: bytes = b""
    """The plan's part of the report as UTF-8: bytes cross from a worker and go to stdout with no decoding and
    encoding on the way (for 200 MB of JSON, ~1 s of the parent's time as text)."""
    result: CheckResult | None = None


def part(result: CheckResult, fmt: Format, lang: Lang, *, alone: bool, whole: bool) -> Part:
    """A plan's Part: with `whole`, the result itself; otherwise its rendered part of a per-plan format."""
    errors = tuple(str(InputError(f.path or "plan", f"objective {f.subject}", f.message, f.line))
                   for f in result.findings if f.fails and f.kind is FindingKind.BROKEN_LINK)
    if whole:
        return Part(result.outcome, errors, result=result)
    return Part(result.outcome, errors, render_part(result, fmt, lang, alone=alone).encode("utf-8"))
