"""Errors align refuses to go on with, each rendered as one line for the user.

    AlignError              root: caught once, in cli.py
     ├── InputError         one problem in a plan, framework, glossary or config file: `file:line: where: what`
     └── InputErrors        several InputErrors found in one pass (all problems of a file, not just the first)

Anything else that escapes the core is a bug, not bad input: the CLI says so in one line and points to
where to report it, without dumping locals or whole plans.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from pathlib import Path

# Characters that would break the one-line promise or let file contents steer the terminal: control
# characters (newline, ESC of colour codes), line/paragraph separators, lone surrogates (undecodable file
# names), and bidirectional overrides that can make a message read differently from what it says.
_UNSAFE_CATEGORIES = {"Cc", "Zl", "Zp", "Cs"}
_BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def one_line(text: str) -> str:
    """The text with every character that could break a one-line message shown as an escape (`\\n`, `\\x1b`)."""
    if text.isprintable():
        return text
    return "".join(repr(c)[1:-1] if unicodedata.category(c) in _UNSAFE_CATEGORIES or c in _BIDI_CONTROLS else c
                   for c in text)


class AlignError(Exception):
    """Root of every error align reports to the user; the CLI exits 2 on it."""

    def lines(self) -> list[str]:
        """The message as the lines to print on stderr, each guaranteed to be one line."""
        return [one_line(str(self))]


class InputError(AlignError):
    """A file or option is wrong. `where` is the YAML key path or item id, `problem` says what is wrong."""

    def __init__(self, path: Path | str, where: str, problem: str, line: int | None = None) -> None:
        where, problem = one_line(where), one_line(problem)
        location = f"{one_line(str(path))}:{line}" if line else one_line(str(path))
        message = f"{location}: {where}: {problem}" if where else f"{location}: {problem}"
        super().__init__(message)
        self.path = Path(path)
        self.where = where
        self.problem = problem
        self.line = line

    def __reduce__(self) -> tuple[type[InputError], tuple[Path, str, str, int | None]]:
        # Picklable with its fields, so that a worker process of `align check --jobs` can send it back.
        return (type(self), (self.path, self.where, self.problem, self.line))


class MoreProblems(InputError):
    """Stands for the problems of a file found beyond MAX_LISTED, which were counted, not collected."""

    def __init__(self, path: Path | str, count: int) -> None:
        super().__init__(path, "", f"{count:,} more problem{'s' * (count != 1)} not listed")
        self.count = count

    def __reduce__(self) -> tuple[type[MoreProblems], tuple[Path, int]]:  # type: ignore[override]
        return (type(self), (self.path, self.count))


MAX_LISTED = 100
"""Problems listed at most; the rest are counted. A file of a million unknown keys must not print a million
lines (or take minutes to suggest a spelling for each)."""


class InputErrors(AlignError):
    """Several input problems, reported together, one line each: file by file in the order the files came, each
    file's in line order; at most MAX_LISTED, then a line counting the rest."""

    def __init__(self, errors: Iterable[InputError], more: int = 0) -> None:
        given = list(errors)
        found = [e for e in given if not isinstance(e, MoreProblems)]
        more += sum(e.count for e in given if isinstance(e, MoreProblems))
        order = {path: number for number, path in enumerate(dict.fromkeys(e.path for e in found))}
        found.sort(key=lambda e: (order[e.path], e.line or 0))  # stable: one line's problems keep their order
        self.errors = tuple(found[:MAX_LISTED])
        self.more = more + max(0, len(found) - MAX_LISTED)
        """Problems found beyond those listed."""
        super().__init__("\n".join(self.lines()))

    def __reduce__(self) -> tuple[type[InputErrors], tuple[tuple[InputError, ...], int]]:
        return (type(self), (self.errors, self.more))

    def lines(self) -> list[str]:
        lines = [str(e) for e in self.errors]
        if self.more:
            lines.append(f"... and {self.more:,} more problem{'s' * (self.more != 1)} not listed")
        return lines


def raise_collected(errors: list[InputError], more: int = 0) -> None:
    """Raise what was collected: nothing, the one error, or all of them (with a count of those not collected)."""
    if len(errors) == 1 and not more and not isinstance(errors[0], MoreProblems):
        raise errors[0]
    if errors:
        raise InputErrors(errors, more)


class WorkerDied(Exception):
    """A worker process of --jobs ended without finishing its plans (killed, or out of memory): the run cannot be
    complete, and it is not the input's fault. The CLI says so in one line and exits 3."""
