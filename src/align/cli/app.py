"""The typer application every command registers on, the exit codes, and the options several commands share."""

from __future__ import annotations

from enum import IntEnum
from typing import Annotated

import typer

from align import __version__


class ExitCode(IntEnum):
    """What `align` exits with; CI jobs rely on these."""

    OK = 0
    POLICY_FAILED = 1
    BAD_INPUT = 2
    INTERNAL_ERROR = 3
    """align itself failed (a bug), which must never read as a policy verdict."""


app = typer.Typer(
    name="align",
    help="Check a Thai public-sector plan against the national digital frameworks.",
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    add_completion=False,
    no_args_is_help=True,
)

LANG_OPTION = typer.Option(
    "--lang", envvar="ALIGN_LANG", help="Language of report labels and messages (html, xlsx, explain, import)."
)
EXTRA_FRAMEWORKS_HELP = "A directory (or file) of extra frameworks; replaces bundled ones of one id. Repeatable."


def _version(value: bool) -> None:
    if value:
        typer.echo(f"align {__version__}")
        raise typer.Exit(ExitCode.OK)


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Check a Thai public-sector plan against the national digital frameworks."""
