"""`align validate`: plan and framework files checked against the schema and each other, every problem listed."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from align import validate
from align.cli.app import EXTRA_FRAMEWORKS_HELP, ExitCode, app
from align.cli.console import stderr


@app.command("validate")
def validate_files(
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="Plan and framework files (or directories of them). Default: every bundled file."),
    ] = None,
    frameworks: Annotated[list[Path] | None, typer.Option("--frameworks", help=EXTRA_FRAMEWORKS_HELP)] = None,
) -> None:
    """Check plan and framework files against the schema and each other; report every problem of every file.

    Exit codes: 0 valid (warnings allowed), 2 invalid.
    """
    outcome = validate.validate(files or [], frameworks or [])
    console = stderr()
    for problem in outcome.problems:
        for line in problem.error.lines():
            console.print(Text(f"{problem.level}: {line}"))
    errors, warnings = outcome.count(validate.Level.ERROR), outcome.count(validate.Level.WARNING)
    counts = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    verdict = "valid" if outcome.valid else "INVALID"
    typer.echo(f"{len(outcome.files)} file{'s' * (len(outcome.files) != 1)} checked: {counts}: {verdict}")
    raise typer.Exit(ExitCode.OK if outcome.valid else ExitCode.BAD_INPUT)
