"""Write a report file so that a failed or interrupted run never leaves it half-written, truncated or lost.

A regular file (or a new one) is written to a temporary file in the same directory, flushed to disk, and renamed
over the target in one step (POSIX rename and Windows MoveFileEx replace atomically). An existing report keeps its
permissions, a symbolic link is written through to its target. Anything else that exists (a device such as
/dev/null, a named pipe, /dev/stdout) is written through as a stream: renaming over it would replace the device or
pipe with a file. `-` is standard output. An input of align (a plan, a framework, a waivers or settings file) is
never an output.
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Iterable
from pathlib import Path

from align.errors import InputError

WHERE = "--output"


STDOUT = Path("-")
"""An output named `-`: standard output."""


def write_atomic(path: Path, text: str | bytes, option: str = WHERE) -> None:
    """Replace `path` with `text` (UTF-8, `\\n` line ends) or bytes (a workbook) in one step; a device, pipe or
    standard output is written through as a stream; raises InputError."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    if path == STDOUT:
        _stream_to_stdout(data)
        return
    try:
        existing = path.stat()  # through symbolic links: /dev/stdout is one, to a pipe or a terminal
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise _cannot(path, exc, option) from None
    if existing is not None and stat.S_ISDIR(existing.st_mode):
        raise InputError(path, option, "is a directory")
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        _stream_to(path, data, path, option)
        return
    target = path.resolve() if path.is_symlink() else path
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise _cannot(path, exc, option) from None
    temporary, fd = _create_beside(target, mode, option)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException as exc:  # also KeyboardInterrupt: never leave the temporary behind
        temporary.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _cannot(path, exc, option) from None
        raise


def _stream_to(target: Path, data: bytes, path: Path, option: str) -> None:
    """Write through to a device, a named pipe or a socket, as `>` in a shell would; never replace it."""
    try:
        with open(target, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        raise _cannot(path, exc, option) from None


def _stream_to_stdout(data: bytes) -> None:
    import sys

    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def _create_beside(target: Path, mode: int | None, option: str) -> tuple[Path, int]:
    """A new, exclusive temporary file next to the target: the current umask applies, as for any new file."""
    for _ in range(100):
        temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        except FileNotFoundError:
            raise InputError(target, option, f"cannot be written: no such directory '{target.parent}'") from None
        except OSError as exc:
            raise _cannot(target, exc, option) from None
        if mode is not None:
            os.chmod(temporary, mode)  # replacing a report keeps its permissions
        return temporary, fd
    raise InputError(target, option, "cannot be written: no free temporary name beside it")


OWN_FILES = ("align.toml", "pyproject.toml", "align-waivers.yaml")
"""Files whose names say they hold align's settings or waivers: never an output, whatever the run reads."""


def refuse_inputs(path: Path, inputs: Iterable[Path]) -> None:
    """Raise InputError if the output path names an input file, a file of an input directory, or one of align's own
    settings or waivers files.

    `align check plan.yaml -o plan.yaml` is a typo that must not replace a plan with its report; nor may `-o
    align-waivers.yaml` replace the waivers with a report.
    """
    if path == STDOUT:
        return
    if path.name in OWN_FILES:
        raise InputError(path, WHERE, f"is one of align's own settings or waivers files ({', '.join(OWN_FILES)}); "
                         "align never writes a report over them")
    if not path.exists():
        return
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return  # a device or a pipe is written through, never replaced
    except OSError:
        return
    for candidate in inputs:
        try:
            files = sorted(candidate.iterdir()) if candidate.is_dir() else [candidate]
        except OSError:
            continue  # an unreadable input directory is reported when it is read
        for file in files:
            try:
                same = os.path.samefile(path, file)
            except OSError:
                same = False
            if same:
                raise InputError(path, WHERE, f"is the input file {file}; align never overwrites its inputs")


def _cannot(path: Path, exc: OSError, option: str = WHERE) -> InputError:
    return InputError(path, option, f"cannot be written: {exc.strerror or exc}")
