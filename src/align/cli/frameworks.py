"""`align frameworks`: the national frameworks align checks against, as a list or one as a tree."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from align.cli.app import EXTRA_FRAMEWORKS_HELP, app
from align.cli.console import fail, stdout
from align.errors import AlignError
from align.model import Framework, FrameworkId

frameworks_app = typer.Typer(
    help="List the national frameworks align checks against, or show one as a tree.",
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(frameworks_app, name="frameworks")


@frameworks_app.callback(invoke_without_command=True)
def frameworks_list(
    ctx: typer.Context,
    frameworks: Annotated[list[Path] | None, typer.Option("--frameworks", help=EXTRA_FRAMEWORKS_HELP)] = None,
) -> None:
    """List the frameworks: id, title, period, level in the planning system, strategies, measures, source."""
    ctx.obj = frameworks or []
    if ctx.invoked_subcommand is not None:
        return
    from align.report import frameworks as browse

    available = _load_frameworks(ctx.obj)
    stdout().print(browse.build_list(list(available.values())))


@frameworks_app.command("show")
def frameworks_show(
    ctx: typer.Context,
    framework_id: Annotated[str, typer.Argument(metavar="ID", help="The framework's id, e.g. dg-2566-2570.")],
    frameworks: Annotated[list[Path] | None, typer.Option("--frameworks", help=EXTRA_FRAMEWORKS_HELP)] = None,
) -> None:
    """Show one framework as a tree: its strategies and the items beneath them, Thai and English titles; its level
    in the national planning system and the plans it says it serves."""
    from align.report import frameworks as browse

    available = _load_frameworks([*(ctx.obj or []), *(frameworks or [])])
    framework = available.get(FrameworkId(framework_id))
    if framework is None:
        fail(AlignError(f"no framework '{framework_id}'; available: {', '.join(sorted(available))}"))
    stdout().print(browse.build_tree(framework, available))


def _load_frameworks(directories: list[Path]) -> dict[FrameworkId, Framework]:
    from align import pipeline

    try:
        return pipeline.load_frameworks(directories)
    except AlignError as exc:
        fail(exc)
