"""Write a report file so that a failed or interrupted run never leaves it half-written, truncated or lost.

The text goes to a temporary file in the same directory, is flushed to disk, and then renamed over the
target in one step (POSIX rename and Windows MoveFileEx replace atomically). An existing report keeps its
permissions, a symbolic link is written through to its target, and an input file is never overwritten.
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Iterable
from pathlib import Path

from align.errors import InputError

WHERE = "--output"


def write_atomic(path: Path, text: str | bytes, option: str = WHERE) -> None:
    """Replace `path` with `text` (UTF-8, `\\n` line ends) or bytes (a workbook) in one step; raises InputError."""
    target = path.resolve() if path.is_symlink() else path
    if target.is_dir():
        raise InputError(path, option, "is a directory")
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise _cannot(path, exc, option) from None
    temporary, fd = _create_beside(target, mode, option)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8") if isinstance(text, str) else text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException as exc:  # also KeyboardInterrupt: never leave the temporary behind
        temporary.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _cannot(path, exc, option) from None
        raise


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


def refuse_inputs(path: Path, inputs: Iterable[Path]) -> None:
    """Raise InputError if the output path names an input file, or a file of an input directory.

    `align check plan.yaml -o plan.yaml` is a typo that must not replace a plan with its report.
    """
    if not path.exists():
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
