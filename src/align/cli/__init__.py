"""The `align` command: one module per command, each reading as options -> core -> report -> exit code. The only
package that prints or exits; a bug becomes one line and exit code 3, never a traceback."""

from __future__ import annotations

import gc
import io
import os
import sys
from pathlib import Path

from rich.text import Text

from align.cli import check, explain, frameworks, imports, validate  # noqa: F401  (each registers its command)
from align.cli.app import ExitCode, app
from align.cli.console import stderr

__all__ = ["ExitCode", "app", "main"]


def _exit_without_teardown(done: SystemExit) -> None:
    """End the process now with the command's exit code, once its output is flushed.

    The interpreter's teardown frees every object one by one: ~1 s after a check of 10,000 objectives, for
    nothing, since the process is ending (mypy exits the same way). Returns, to let the SystemExit through,
    when the code is not a number or the output cannot be flushed (a closed pipe), so those end as before.
    """
    if done.code is not None and not isinstance(done.code, int):
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:
        return
    os._exit(done.code or 0)


def main() -> None:
    """Console-script entry point: run the app; a bug becomes one line and exit code 3, never a traceback."""
    for stream in (sys.stdout, sys.stderr):
        # A terminal or pipe that cannot encode Thai (PYTHONIOENCODING=ascii, a Windows code page) gets escapes,
        # not a UnicodeEncodeError; JSON stays valid, since \uXXXX is JSON's own escape.
        if isinstance(stream, io.TextIOWrapper) and stream.encoding.lower().replace("-", "") != "utf8":
            stream.reconfigure(errors="backslashreplace")
    # A check builds a large graph of objects with no reference cycles (a plan of 10,000 objectives holds
    # millions); the cyclic collector would traverse it again and again for nothing (8 s of a 29 s run).
    # Reference counting frees all of it, and the process ends with the command.
    gc.disable()
    try:
        app()
    except SystemExit as done:
        _exit_without_teardown(done)
        raise
    except KeyboardInterrupt:
        stderr().print(Text("align: interrupted"))
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001  (anything else is a bug in align, not bad input)
        where = ""
        tb = exc.__traceback__
        while tb is not None and tb.tb_next is not None:
            tb = tb.tb_next
        if tb is not None:
            where = f" at {Path(tb.tb_frame.f_code.co_filename).name}:{tb.tb_lineno}"
        stderr().print(Text(f"align: internal error: {type(exc).__name__}{where}: a bug in align, not in your files; "
                             "please report it with the command you ran (ALIGN_DEBUG=1 shows the traceback)"))
        if os.environ.get("ALIGN_DEBUG"):
            raise
        sys.exit(ExitCode.INTERNAL_ERROR)
