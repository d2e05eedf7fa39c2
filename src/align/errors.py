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


class InputErrors(AlignError):
    """Several input problems, reported together, one line each, in file order."""

    def __init__(self, errors: Iterable[InputError]) -> None:
        self.errors = tuple(errors)
        super().__init__("\n".join(str(e) for e in self.errors))

    def __reduce__(self) -> tuple[type[InputErrors], tuple[tuple[InputError, ...]]]:
        return (type(self), (self.errors,))

    def lines(self) -> list[str]:
        return [str(e) for e in self.errors]


def raise_collected(errors: list[InputError]) -> None:
    """Raise what was collected: nothing, the one error, or all of them."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise InputErrors(errors)


class WorkerDied(Exception):
    """A worker process of --jobs ended without finishing its plans (killed, or out of memory): the run cannot be
    complete, and it is not the input's fault. The CLI says so in one line and exits 3."""
