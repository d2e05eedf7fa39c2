"""Where the frameworks and plans shipped with align are: in the installed package, or the source checkout."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from align.errors import one_line

DEFAULT_PLAN = "bma-ict-2561-2565.yaml"
"""The plan `align check` checks when given none: Bangkok's ICT master plan 2561-2565."""


def root() -> Path:
    """The directory holding `frameworks/` and `plan/`.

    A wheel carries them inside the package (align/_bundled); an editable install or a source checkout
    reads them from the repository root, where they are maintained.
    """
    packaged = Path(str(resources.files("align"))) / "_bundled"
    if (packaged / "frameworks").is_dir():
        return packaged
    return Path(__file__).resolve().parents[2]


def frameworks_dir() -> Path:
    """The bundled national frameworks."""
    return root() / "frameworks"


def plans_dir() -> Path:
    """The bundled plans."""
    return root() / "plan"


def default_plan() -> Path:
    """The bundled Bangkok ICT master plan."""
    return plans_dir() / DEFAULT_PLAN


def display_path(path: Path) -> str:
    """A path as reports show it: bundled files by their repository path, others relative to the cwd if inside it.
    A file name may hold anything a file system allows; control characters (a newline, ESC) are shown as escapes,
    so that no report line is split or steers a terminal (`::error::` in a GitHub log)."""
    if str(path) == "-":
        return "-"
    resolved = path.resolve()
    for base in (root(), Path.cwd()):
        try:
            return one_line(resolved.relative_to(base.resolve()).as_posix())
        except ValueError:
            continue
    return one_line(str(path))
