"""`align validate`: plan and framework files checked against the schema and each other, every problem listed."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from align import validate
from align.cli.app import COLOR_OPTION, EXTRA_FRAMEWORKS_HELP, LANG_OPTION, ExitCode, app, resolve_lang
from align.cli.console import stderr, use_color
from align.labels import Labels, Lang


@app.command("validate")
def validate_files(
    files: Annotated[
        list[Path] | None,
        typer.Argument(metavar="[FILE]...", show_default=False,
                       help="Plan and framework files (or directories of them). [default: every bundled file]"),
    ] = None,
    frameworks: Annotated[
        list[Path] | None, typer.Option("--frameworks", metavar="DIR", help=EXTRA_FRAMEWORKS_HELP)
    ] = None,
    lang: Annotated[Lang | None, LANG_OPTION] = None,
    color: Annotated[bool | None, COLOR_OPTION] = None,
) -> None:
    """Check plan and framework files against the schema and each other; report every problem of every file.

    Exit codes: 0 valid (warnings allowed), 2 invalid.
    """
    use_color(color)
    t = Labels(resolve_lang(lang))
    outcome = validate.validate(files or [], frameworks or [])
    console = stderr()
    for problem in outcome.problems:
        level = t("error") if problem.level is validate.Level.ERROR else t("warning")
        for line in problem.error.lines():
            console.print(Text(f"{level}: {line}"))
    errors, warnings = outcome.count(validate.Level.ERROR), outcome.count(validate.Level.WARNING)
    verdict = t("validate.valid") if outcome.valid else t("validate.invalid")
    typer.echo(t("validate.summary", files=_count(len(outcome.files), "file"), errors=_count(errors, "error"),
                 warnings=_count(warnings, "warning"), verdict=verdict) if t.lang is Lang.EN else
               t("validate.summary", files=len(outcome.files), errors=errors, warnings=warnings, verdict=verdict))
    raise typer.Exit(ExitCode.OK if outcome.valid else ExitCode.BAD_INPUT)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' * (number != 1)}"
