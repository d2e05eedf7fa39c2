"""`align frameworks`: the national frameworks align checks against, as a list or one as a tree."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from align.cli.app import COLOR_OPTION, EXTRA_FRAMEWORKS_HELP, LANG_OPTION, app, resolve_lang
from align.cli.console import fail, stdout, use_color, use_thai_words
from align.errors import AlignError
from align.labels import Lang
from align.model import Framework, FrameworkId

frameworks_app = typer.Typer(
    help="List the national frameworks align checks against, or show one as a tree.",
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(frameworks_app, name="frameworks")


@frameworks_app.callback(invoke_without_command=True)
def frameworks_list(
    ctx: typer.Context,
    frameworks: Annotated[
        list[Path] | None, typer.Option("--frameworks", metavar="DIR", help=EXTRA_FRAMEWORKS_HELP)
    ] = None,
    lang: Annotated[Lang | None, LANG_OPTION] = None,
    color: Annotated[bool | None, COLOR_OPTION] = None,
) -> None:
    """List the frameworks: id, title, period, level in the planning system, strategies, measures, source."""
    ctx.obj = (frameworks or [], lang, color)
    if ctx.invoked_subcommand is not None:
        return
    from align.report import frameworks as browse

    use_color(color)
    available = _load_frameworks(frameworks or [])
    use_thai_words(matching=False)
    stdout().print(browse.build_list(list(available.values()), resolve_lang(lang)))


@frameworks_app.command("show")
def frameworks_show(
    ctx: typer.Context,
    framework_id: Annotated[str, typer.Argument(metavar="ID", help="The framework's id, e.g. dg-2566-2570.")],
    frameworks: Annotated[
        list[Path] | None, typer.Option("--frameworks", metavar="DIR", help=EXTRA_FRAMEWORKS_HELP)
    ] = None,
    lang: Annotated[Lang | None, LANG_OPTION] = None,
    color: Annotated[bool | None, COLOR_OPTION] = None,
) -> None:
    """Show one framework as a tree: its strategies and the items beneath them, Thai and English titles; its level
    in the national planning system and the plans it says it serves."""
    from align.report import frameworks as browse

    outer, outer_lang, outer_color = ctx.obj or ([], None, None)
    use_color(color if color is not None else outer_color)
    available = _load_frameworks([*outer, *(frameworks or [])])
    framework = available.get(FrameworkId(framework_id))
    if framework is None:
        fail(AlignError(f"no framework '{framework_id}'; available: {', '.join(sorted(available))}"))
    use_thai_words(matching=False)
    stdout().print(browse.build_tree(framework, available, resolve_lang(lang or outer_lang)))


def _load_frameworks(directories: list[Path]) -> dict[FrameworkId, Framework]:
    from align import pipeline

    try:
        return pipeline.load_frameworks(directories)
    except AlignError as exc:
        fail(exc)
