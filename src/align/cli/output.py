"""A check's report on its way out: plans' parts held in a spool until every plan is checked, then copied to stdout
or a file, with a progress bar on a terminal for long runs."""

from __future__ import annotations

import codecs
import io
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from align.cli.console import stderr
from align.report import Part

SPOOL_BYTES = 16 * 1024 * 1024
"""Report text kept in memory before the rest goes to a temporary file."""
LONG_RUN_BYTES = 256 * 1024
"""Plan files from this size on (about 500 objectives) get a progress bar even when checked alone."""


class Spool:
    """The parts of a per-plan report, in plan order, in a temporary file rather than in memory (1,000 plans of 50
    objectives make 200 MB of JSON), until every plan is checked: a broken link must still leave stdout empty."""

    def __init__(self, separator: str) -> None:
        self._file: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)
        self._separator = separator.encode("utf-8")
        self._parts = 0

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc: object) -> None:
        self._file.close()

    def add(self, part: Part) -> Part:
        """Move a plan's part of the report to the spool (the part kept is its verdict and errors only); a part that
        holds its whole result has nothing to spool."""
        if part.result is not None:
            return part
        if self._parts:
            self._file.write(self._separator)
        self._file.write(part.data)
        self._parts += 1
        return Part(part.outcome, part.errors)

    def read(self) -> bytes:
        """Everything spooled."""
        self._file.seek(0)
        return self._file.read()

    def to_stdout(self) -> None:
        """The spooled UTF-8 report to stdout, as sys.stdout would write the text: byte for byte where stdout is
        UTF-8 with no newline translation, otherwise decoded and written through it (its encoding, its errors)."""
        self._file.seek(0)
        stream = sys.stdout
        buffer = getattr(stream, "buffer", None)
        if (buffer is not None and isinstance(stream, io.TextIOWrapper) and os.linesep == "\n"
                and codecs.lookup(stream.encoding).name == "utf-8"):
            stream.flush()
            shutil.copyfileobj(self._file, buffer)
            return
        text = io.TextIOWrapper(self._file, encoding="utf-8", newline="")
        shutil.copyfileobj(text, stream)
        text.detach()  # the spool is closed by its owner


@contextmanager
def progress(files: list[Path], quiet: bool = False) -> Iterator[Callable[[Iterable[Part]], Iterator[Part]]]:
    """Count checked plans on stderr, for long runs (several plans, or a large one), only on a terminal and not
    when asked to be quiet."""
    console = stderr()
    if quiet or not console.is_terminal or (len(files) < 2 and sum(_size(f) for f in files) < LONG_RUN_BYTES):
        yield iter
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), "checking plans", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("check", total=len(files))

        def counted(parts: Iterable[Part]) -> Iterator[Part]:
            for part in parts:
                bar.advance(task)
                yield part

        yield counted


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
