"""Where the command line writes: the report to stdout (or a file), everything else to stderr, one line per error."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NoReturn

import typer
from rich.console import Console
from rich.text import Text

from align import outfile
from align.cli.app import ExitCode
from align.errors import AlignError, InputError

_color: list[bool | None] = [None]
"""--color (True), --no-color (False), or neither (None: colour on a terminal, unless NO_COLOR is set)."""


def use_color(color: bool | None) -> None:
    """Colour for every console of this run: forced on, off, or left to the terminal and NO_COLOR."""
    _color[0] = color


def _console(**options: object) -> Console:
    """A console with this run's colour choice: --no-color writes no escape codes at all (no bold either), --color
    writes them even to a pipe."""
    if _color[0] is True:
        return Console(force_terminal=True, **options)  # type: ignore[arg-type]
    if _color[0] is False:
        return Console(color_system=None, **options)  # type: ignore[arg-type]
    return Console(**options)  # type: ignore[arg-type]


def stdout() -> Console:
    """The console for reports: piped output is not 80 columns of wrapped Thai, so it takes the report width unless
    COLUMNS says otherwise."""
    interactive = sys.stdout.isatty()
    return _console(width=None if interactive or "COLUMNS" in os.environ else 120, soft_wrap=False)


def stderr() -> Console:
    """The console for errors, warnings and progress."""
    return _console(stderr=True, soft_wrap=True, highlight=False)


def fail(error: AlignError) -> NoReturn:
    """Report an input error, one line per problem, and exit 2."""
    console = stderr()
    for line in error.lines():
        console.print(Text(f"error: {line}"))
    raise typer.Exit(ExitCode.BAD_INPUT)


def usage(message: str) -> NoReturn:
    """Report a usage error in one line and exit 2."""
    stderr().print(Text(f"error: {message}"))
    raise typer.Exit(ExitCode.BAD_INPUT)


def write(path: Path, text: str | bytes, option: str = "--output") -> None:
    """Write a report file through a temporary file and a rename, so a failed run never leaves it half-written."""
    try:
        outfile.write_atomic(path, text, option)
    except InputError as exc:
        fail(exc)


def use_thai_words(matching: bool = True) -> None:
    """Terminal reports wrap Thai between the words align's own segmenter finds: the matcher's (its dictionary
    holds the glossary's words) for commands that match, else the tokenizer alone (no numpy, no glossary)."""
    from align.report import thai_wrap

    if matching:
        from align import pipeline

        thai_wrap.use_segmenter(pipeline.shared_indexes().analyzer.tokenizer.thai_words)
    else:
        from align.matching.text import Tokenizer

        thai_wrap.use_segmenter(Tokenizer().thai_words)
