"""The typer application every command registers on, the exit codes, and the options several commands share."""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Sequence
from enum import IntEnum
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from align import __version__
from align.labels import Lang


class ExitCode(IntEnum):
    """What `align` exits with; CI jobs rely on these."""

    OK = 0
    POLICY_FAILED = 1
    BAD_INPUT = 2
    INTERNAL_ERROR = 3
    """align itself failed (a bug, or a worker process killed), which must never read as a policy verdict."""
    ENVIRONMENT = 4
    """The report could not be delivered: standard output closed, broken or full. Not the input, not a bug."""


OUTPUT_ERRORS = {errno.EPIPE, errno.ENOSPC, errno.EBADF, errno.EIO, errno.EDQUOT, errno.EFBIG}
"""What writing to standard output meets when the environment, not align or the input, fails."""


class OutputFailed(Exception):
    """Standard output closed, broken or full while a command wrote to it (the OSError it met is the cause).
    Not an OSError, so that typer does not turn a broken pipe into exit 1, the code of a failed policy."""


class _OneLineErrors(TyperGroup):
    """The command group, with usage errors said in one line on stderr, like every other error of align:
    `error: no such option: --plan (align check -h for help)`, exit 2."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except OSError as exc:
            if exc.errno in OUTPUT_ERRORS:
                raise OutputFailed(exc) from exc
            raise

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, windows_expand_args: bool = True, **extra: Any) -> Any:
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False,
                                windows_expand_args=windows_expand_args, **extra)
        except typer.TyperException as error:
            context = getattr(error, "ctx", None)
            if type(error).__name__ == "NoArgsIsHelpError" and context is not None:
                # `align` alone: the help, and 2 as for any call that names nothing to do.
                typer.echo(context.get_help())
                code = ExitCode.BAD_INPUT
            else:
                message = error.format_message() if hasattr(error, "format_message") else str(error)
                # pydantic-style "Value error, " is noise before the sentence that says what is wrong.
                message = message.replace("Value error, ", "")
                message = message[:1].lower() + message[1:]
                hint = f" ({context.command_path} -h for help)" if context is not None else ""
                typer.echo(f"error: {message}{hint}", err=True)
                code = getattr(error, "exit_code", ExitCode.BAD_INPUT)
            if not standalone_mode:
                return code
        if standalone_mode:
            sys.exit(code or 0)
        return code


app = typer.Typer(
    name="align",
    cls=_OneLineErrors,
    help="Check a Thai public-sector plan against the national digital frameworks.",
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    add_completion=False,
    no_args_is_help=True,
)

LANG_OPTION = typer.Option(
    "--lang", envvar="ALIGN_LANG", metavar="[en|th]", show_default=False,
    help="Language of labels and messages. [default: ALIGN_LANG, else th when the locale is Thai, else en]",
)
COLOR_OPTION = typer.Option(
    "--color/--no-color", show_default=False,
    help="Colour on or off. [default: on a terminal, unless NO_COLOR is set]",
)
EXTRA_FRAMEWORKS_HELP = "A directory (or file) of extra frameworks; replaces bundled ones of one id. Repeatable."


def resolve_lang(lang: Lang | None) -> Lang:
    """--lang, else ALIGN_LANG (typer reads it into --lang), else Thai when the locale says so, else English."""
    if lang is not None:
        return lang
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return Lang.TH if value.lower().startswith("th") else Lang.EN
    return Lang.EN


def _version(value: bool) -> None:
    if value:
        typer.echo(f"align {__version__}")
        raise typer.Exit(ExitCode.OK)


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Check a Thai public-sector plan against the national digital frameworks."""
