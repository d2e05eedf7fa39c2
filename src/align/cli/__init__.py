"""The `align` command: one module per command, each reading as options -> core -> report -> exit code. The only
package that prints or exits; a bug becomes one line and exit code 3, never a traceback."""

from __future__ import annotations

import errno
import gc
import io
import os
import signal
import sys
from pathlib import Path

from rich.text import Text

from align.cli import check, explain, frameworks, imports, validate  # noqa: F401  (each registers its command)
from align.cli.app import OUTPUT_ERRORS, ExitCode, OutputFailed, app
from align.cli.console import stderr
from align.errors import WorkerDied

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
    except OSError as exc:
        _output_failed(exc)
    try:
        sys.stderr.flush()
    except OSError:
        return
    os._exit(done.code or 0)


def _output_failed(exc: OSError) -> None:
    """Standard output closed, broken or full: one line (on stderr, if it still takes one), exit 4."""
    what = "standard output was closed before the report was written" if exc.errno in (errno.EPIPE, errno.EBADF) \
        else f"cannot write to standard output: {exc.strerror or exc}"
    try:
        os.write(2, f"align: {what}\n".encode())
    except OSError:
        pass
    # Writing to the broken stream again at exit would print Python's own complaint: end here.
    os._exit(ExitCode.ENVIRONMENT)


class _Terminated(BaseException):
    """SIGTERM, raised where the process is, so that `finally` blocks run."""


def _terminate(signum: int, frame: object) -> None:
    raise _Terminated


class _ClosedOutput(io.TextIOBase):
    """Standard output when the process was started with it closed (`align check >&-`): Python leaves sys.stdout
    None, and the first write would fail as a bug; this fails as a closed stream, which the CLI reports as such."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def flush(self) -> None:
        pass


def main() -> None:
    """Console-script entry point: run the app; a bug becomes one line and exit code 3, never a traceback."""
    if sys.stdout is None:
        sys.stdout = _ClosedOutput()
    for stream in (sys.stdout, sys.stderr):
        # A terminal or pipe that cannot encode Thai (PYTHONIOENCODING=ascii, a Windows code page) gets escapes,
        # not a UnicodeEncodeError; JSON stays valid, since \uXXXX is JSON's own escape.
        if isinstance(stream, io.TextIOWrapper) and stream.encoding.lower().replace("-", "") != "utf8":
            stream.reconfigure(errors="backslashreplace")
    # A check builds a large graph of objects with no reference cycles (a plan of 10,000 objectives holds
    # millions); the cyclic collector would traverse it again and again for nothing (8 s of a 29 s run).
    # Reference counting frees all of it, and the process ends with the command.
    gc.disable()
    # SIGTERM (a CI job cancelled, `kill`) unwinds like Ctrl-C, so that a report being written leaves no temporary
    # file behind (outfile cleans up on any exception).
    signal.signal(signal.SIGTERM, _terminate)
    try:
        app()
    except SystemExit as done:
        _exit_without_teardown(done)
        raise
    except KeyboardInterrupt:
        stderr().print(Text("align: interrupted"))
        sys.exit(130)
    except _Terminated:
        stderr().print(Text("align: terminated"))
        sys.exit(143)
    except OutputFailed as failed:
        _output_failed(failed.__cause__)  # type: ignore[arg-type]
    except OSError as exc:
        if exc.errno not in OUTPUT_ERRORS:
            raise
        _output_failed(exc)
    except WorkerDied as exc:
        stderr().print(Text(f"align: {exc}"))
        sys.exit(ExitCode.INTERNAL_ERROR)
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
